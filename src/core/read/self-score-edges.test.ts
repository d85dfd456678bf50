/**
 * Self scores at the edges: "Không áp dụng" written as the self score of an indicator that an
 * index of values (no points, like the HDI) does compute, and a self score just above an
 * indicator's maximum, within or beyond the 0.005 taken as rounding.
 */
import { scoreUnits } from "../score";
import { modelOf } from "../score/test-helpers";
import type { Submission } from "../types";
import { checkSelfScores } from "./self-score";

describe('a self score of "Không áp dụng" in an index without points', () => {
  // An index of values: a mean of fractions, no max anywhere (as the HDI).
  const model = modelOf({
    root: {
      code: "T",
      name: "Chỉ số",
      aggregate: "mean",
      children: [
        { code: "x", name: "Tỷ lệ hộ có cáp quang", rule: { kind: "fraction" }, allowNA: true },
        { code: "y", name: "Tỷ lệ người dân có chữ ký số", rule: { kind: "fraction" } },
      ],
    },
  });
  const s: Submission = {
    code: "DT",
    name: "Huyện Đồng Tháp",
    values: { x: 0.7, y: 0.4 },
    notApplicable: [],
    selfNotApplicable: ["x"],
    source: { layout: "A", sheet: "Huyện Đồng Tháp", cells: {}, rows: {}, selfScoreCells: { x: "F8" } },
  };

  test("is told to differ from the value computed (0.7), at the self-score cell", () => {
    const table = scoreUnits(model, [s]);
    expect(table.units[0]!.nodes["x"]).toMatchObject({ value: 0.7, points: null });
    const issues = checkSelfScores(model, [s], table);
    expect(issues.map((i) => [i.code, i.severity, i.sheet, i.cell, i.node])).toEqual([["self-score-differs", "warning", "Huyện Đồng Tháp", "F8", "x"]]);
    expect(issues[0]!.message).toEqual({
      vi: "Trang tính 'Huyện Đồng Tháp', ô F8: đơn vị tự chấm chỉ tiêu x là không áp dụng, nhưng chỉ tiêu này được tính, giá trị 0,7.",
      en: "Sheet 'Huyện Đồng Tháp', cell F8: the unit self-assessed indicator x as not applicable, but it is computed, with the value 0.7.",
    });
  });

  test("agrees when the unit answered not applicable for the indicator too", () => {
    const none: Submission = { ...s, values: { y: 0.4 }, notApplicable: ["x"] };
    const table = scoreUnits(model, [none]);
    expect(table.units[0]!.nodes["x"]!.value).toBeNull();
    expect(checkSelfScores(model, [none], table)).toEqual([]);
  });
});

describe("a self score just above a 10-point indicator's maximum", () => {
  const model = modelOf({
    root: { code: "T", name: "Tổng", children: [{ code: "1.1", name: "Tỷ lệ hồ sơ trực tuyến", max: 10, rule: { kind: "fraction" } }] },
  });
  /** The unit's issues when it reports 90% (9 points) and gives itself `self`. */
  const check = (self: number) => {
    const s: Submission = {
      code: "SYT",
      name: "Sở Y tế",
      values: { "1.1": 0.9 },
      notApplicable: [],
      selfScores: { "1.1": self },
      source: { layout: "A", sheet: "Sở Y tế", cells: {}, rows: {}, selfScoreCells: { "1.1": "F8" } },
    };
    return checkSelfScores(model, [s], scoreUnits(model, [s]));
  };

  test("10.004 differs from the 9 computed, but is 10 rounded: not said to be above the maximum", () => {
    expect(check(10.004).map((i) => i.message)).toEqual([
      {
        vi: "Trang tính 'Sở Y tế', ô F8: điểm tự chấm 10,004 khác với điểm tính được 9 (chỉ tiêu 1.1).",
        en: "Sheet 'Sở Y tế', cell F8: the self-assessed score (10.004) differs from the computed score (9) (indicator 1.1).",
      },
    ]);
  });

  test("10.006 is above the maximum of 10 points, and said so", () => {
    expect(check(10.006).map((i) => i.message)).toEqual([
      {
        vi: "Trang tính 'Sở Y tế', ô F8: điểm tự chấm 10,006 khác với điểm tính được 9 (chỉ tiêu 1.1); điểm tự chấm còn vượt quá điểm tối đa (10 điểm).",
        en: "Sheet 'Sở Y tế', cell F8: the self-assessed score (10.006) differs from the computed score (9) (indicator 1.1); the self score is also above the maximum (10 points).",
      },
    ]);
  });
});
