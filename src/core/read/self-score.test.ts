import { parseDefinition } from "../definition";
import { scoreUnits } from "../score";
import type { Submission } from "../types";
import { findBuiltin } from "../../indices";
import { sampleModel } from "./fixtures";
import { checkSelfScores } from "./self-score";
import { modelOf } from "../score/test-helpers";

function hdi() {
  const parsed = parseDefinition(findBuiltin("undp-hdi")!.definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

describe("self scores of an index without points", () => {
  const model = hdi();
  const unit = (selfScores: Record<string, number>): Submission => ({
    code: "HN",
    name: "Hà Nội",
    values: { le: 74.5, eys: 13.2, mys: 9.1, gnipc: 11400 },
    notApplicable: [],
    selfScores,
    source: { layout: "A", sheet: "Hà Nội", cells: {}, rows: {}, selfScoreCells: { health: "F10", income: "F17" } },
  });

  it("are compared with the value the form's Điểm column shows, not with points it has none of", () => {
    const submissions = [unit({ health: 0.838, income: 0.9 })];
    const table = scoreUnits(model, submissions);
    expect(table.units[0]!.nodes.health!.points).toBeNull();
    // 0.838 is health's value (0.8385 rounded): no finding; income's value is 0.7154.
    const issues = checkSelfScores(model, submissions, table);
    expect(issues.map((i) => [i.code, i.cell, i.node])).toEqual([["self-score-differs", "F17", "income"]]);
    expect(issues[0]!.message.vi).toBe(
      "Trang tính 'Hà Nội', ô F17: số tự chấm 0,9 khác với giá trị tính được 0,7154 (chỉ tiêu income); bộ chỉ số này không tính điểm nên số tự chấm được so với giá trị.",
    );
    expect(issues[0]!.message.en).toBe(
      "Sheet 'Hà Nội', cell F17: the self-assessed figure (0.9) differs from the computed value (0.7154) (indicator income); this index gives no points, so the self score is compared with the value.",
    );
  });

  it("of an index with points are still compared with the points", () => {
    const dti = sampleModel();
    const s: Submission = {
      code: "SYT",
      name: "Sở Y tế",
      values: { "1.1": true },
      notApplicable: [],
      selfScores: { "1.1": 0.9 },
      source: { layout: "A", sheet: "Sở Y tế", cells: {}, rows: {}, selfScoreCells: { "1.1": "F8" } },
    };
    const issues = checkSelfScores(dti, [s], scoreUnits(dti, [s]));
    expect(issues.map((i) => i.message.vi)).toEqual(["Trang tính 'Sở Y tế', ô F8: điểm tự chấm 0,9 khác với điểm tính được 10 (chỉ tiêu 1.1)."]);
  });
});

describe("self scores rounded to two decimals", () => {
  // 60.9% of 15 points is 9.135: 0.609 × 15 comes out 9.134999… in binary arithmetic.
  const model = modelOf({ root: { code: "T", name: "Tổng", children: [{ code: "3.2", name: "Tỷ lệ", max: 15, rule: { kind: "fraction" } }] } });
  const check = (self: number) => {
    const s: Submission = {
      code: "CL",
      name: "Huyện Cao Lãnh",
      values: { "3.2": 0.609 },
      notApplicable: [],
      selfScores: { "3.2": self },
      source: { layout: "A", sheet: "Huyện Cao Lãnh", cells: {}, rows: {}, selfScoreCells: { "3.2": "F20" } },
    };
    return checkSelfScores(model, [s], scoreUnits(model, [s]));
  };

  it("agree with the computed points whichever way the half was rounded, and a cent more does not", () => {
    expect(check(9.14)).toEqual([]);
    expect(check(9.13)).toEqual([]);
    expect(check(9.135)).toEqual([]);
    expect(check(9.15).map((i) => i.message.vi)).toEqual(["Trang tính 'Huyện Cao Lãnh', ô F20: điểm tự chấm 9,15 khác với điểm tính được 9,135 (chỉ tiêu 3.2)."]);
    expect(check(9.12)).toHaveLength(1);
  });
});

describe("self scores of an indicator that is not scored", () => {
  // 2.1 is a ratio left out when its denominator is 0; 2.2 takes "Không áp dụng".
  const model = modelOf({
    root: {
      code: "T",
      name: "Tổng",
      children: [
        { code: "2.1", name: "Tỷ lệ hồ sơ", max: 10, inputs: [{ code: "n" }, { code: "d" }], rule: { kind: "ratio", numerator: "n", denominator: "d", zeroDenominator: "na" } },
        { code: "2.2", name: "Tỷ lệ trực tuyến", max: 20, rule: { kind: "fraction" }, allowNA: true },
      ],
    },
  });
  const check = (selfScores: Record<string, number>) => {
    const s: Submission = {
      code: "SYT",
      name: "Sở Y tế",
      values: { n: 0, d: 0 },
      notApplicable: ["2.2"],
      selfScores,
      source: { layout: "A", sheet: "Sở Y tế", cells: {}, rows: {}, selfScoreCells: { "2.1": "F8", "2.2": "F9" } },
    };
    const table = scoreUnits(model, [s]);
    expect(table.units[0]!.nodes["2.1"]!.points).toBeNull();
    return checkSelfScores(model, [s], table);
  };

  it("are not compared with 0: the sentence says the indicator is not scored, and why, while the unit gave itself points", () => {
    const issues = check({ "2.1": 10, "2.2": 1 });
    expect(issues.map((i) => [i.code, i.cell, i.node])).toEqual([
      ["self-score-differs", "F8", "2.1"],
      ["self-score-differs", "F9", "2.2"],
    ]);
    expect(issues[0]!.message).toEqual({
      vi: "Trang tính 'Sở Y tế', ô F8: chỉ tiêu 2.1 không được chấm điểm (mẫu số bằng 0 nên không áp dụng) nhưng đơn vị tự chấm 10 điểm.",
      en: "Sheet 'Sở Y tế', cell F8: indicator 2.1 is not scored (its denominator is 0, so it does not apply), but the unit gave itself 10 points.",
    });
    expect(issues[1]!.message.en).toBe("Sheet 'Sở Y tế', cell F9: indicator 2.2 is not scored (the unit answered not applicable), but the unit gave itself 1 point.");
    expect(issues[0]!.message.en).not.toContain("computed score (0)");
  });

  it("of 0 agree: no finding", () => {
    expect(check({ "2.1": 0, "2.2": 0 })).toEqual([]);
  });
});

describe("a self score above the node's maximum", () => {
  // 1.1 is a yes/no worth 10 points; 1.2 a ratio of 10 points left out when its denominator is 0.
  const model = modelOf({
    root: {
      code: "T",
      name: "Tổng",
      children: [
        { code: "1.1", name: "Ban chỉ đạo", max: 10, rule: { kind: "boolean" } },
        { code: "1.2", name: "Tỷ lệ văn bản", max: 10, inputs: [{ code: "n" }, { code: "d" }], rule: { kind: "ratio", numerator: "n", denominator: "d" } },
        { code: "1.3", name: "Không tính điểm", max: 0, rule: { kind: "boolean" } },
      ],
    },
  });
  const check = (values: Submission["values"], selfScores: Record<string, number>) => {
    const s: Submission = {
      code: "SYT",
      name: "Sở Y tế",
      values,
      notApplicable: [],
      selfScores,
      source: { layout: "A", sheet: "Sở Y tế", cells: {}, rows: {}, selfScoreCells: { "1.1": "F8", "1.2": "F9", "1.3": "F10", T: "F7" } },
    };
    return checkSelfScores(model, [s], scoreUnits(model, [s]));
  };

  it("is said to be above the maximum, with the maximum, besides differing from the points computed", () => {
    const issues = check({ "1.1": false, n: 1, d: 2 }, { "1.1": 12 });
    expect(issues.map((i) => i.message)).toEqual([
      {
        vi: "Trang tính 'Sở Y tế', ô F8: điểm tự chấm 12 khác với điểm tính được 0 (chỉ tiêu 1.1); điểm tự chấm còn vượt quá điểm tối đa (10 điểm).",
        en: "Sheet 'Sở Y tế', cell F8: the self-assessed score (12) differs from the computed score (0) (indicator 1.1); the self score is also above the maximum (10 points).",
      },
    ]);
    // The full points given, and a group's total above its maximum (20), are said so too.
    expect(check({ "1.1": true, n: 1, d: 2 }, { "1.1": 10.5, T: 21 }).map((i) => i.message.vi)).toEqual([
      "Trang tính 'Sở Y tế', ô F8: điểm tự chấm 10,5 khác với điểm tính được 10 (chỉ tiêu 1.1); điểm tự chấm còn vượt quá điểm tối đa (10 điểm).",
      "Trang tính 'Sở Y tế', ô F7: điểm tự chấm 21 khác với điểm tính được 15 (tổng điểm T); điểm tự chấm còn vượt quá điểm tối đa (20 điểm).",
    ]);
  });

  it("of an indicator not scored is said with why and with the maximum", () => {
    const issues = check({ "1.1": true, n: 0, d: 0 }, { "1.2": 15 });
    expect(issues.map((i) => i.message.en)).toEqual([
      "Sheet 'Sở Y tế', cell F9: indicator 1.2 is not scored (its denominator is 0, so it does not apply), but the unit gave itself 15 points; the self score is also above the maximum (10 points).",
    ]);
  });

  it("is not said of a self score at the maximum, nor of one given to a node that scores nothing (max 0)", () => {
    const issues = check({ "1.1": false, n: 1, d: 2 }, { "1.1": 10, "1.3": 3 });
    expect(issues.map((i) => [i.node, i.message.en.includes("above the maximum")])).toEqual([
      ["1.1", false],
      ["1.3", false],
    ]);
  });
});

describe("a self score of a group or of the total", () => {
  const model = modelOf({
    root: {
      code: "DTI",
      name: "Tổng",
      children: [
        { code: "1", name: "Nhận thức số", children: [{ code: "1.1", name: "Ban chỉ đạo", max: 10, rule: { kind: "boolean" } }] },
        { code: "2", name: "Hạ tầng số", children: [{ code: "2.1", name: "Mạng", max: 10, rule: { kind: "fraction" }, allowNA: true }] },
      ],
    },
  });

  it("names it as a group, or as the total, not as an indicator", () => {
    const s: Submission = {
      code: "SYT",
      name: "Sở Y tế",
      values: { "1.1": true },
      notApplicable: ["2.1"],
      selfScores: { "1": 8, DTI: 12, "2": 3 },
      source: { layout: "A", sheet: "Sở Y tế", cells: {}, rows: {}, selfScoreCells: { DTI: "F7", "1": "F8", "2": "F10" } },
    };
    const issues = checkSelfScores(model, [s], scoreUnits(model, [s]));
    expect(issues.map((i) => i.message.vi)).toEqual([
      "Trang tính 'Sở Y tế', ô F8: điểm tự chấm 8 khác với điểm tính được 10 (nhóm 1).",
      "Trang tính 'Sở Y tế', ô F10: nhóm 2 không được chấm điểm (không chỉ tiêu nào trong nhóm được chấm điểm) nhưng đơn vị tự chấm 3 điểm.",
      // Group 2 left out, the total is rescaled to its maximum: 10 of 10 is 20 of 20.
      "Trang tính 'Sở Y tế', ô F7: điểm tự chấm 12 khác với điểm tính được 20 (tổng điểm DTI).",
    ]);
    expect(issues.map((i) => i.message.en)).toEqual([
      "Sheet 'Sở Y tế', cell F8: the self-assessed score (8) differs from the computed score (10) (group 1).",
      "Sheet 'Sở Y tế', cell F10: group 2 is not scored (none of the indicators in it is scored), but the unit gave itself 3 points.",
      "Sheet 'Sở Y tế', cell F7: the self-assessed score (12) differs from the computed score (20) (the total DTI).",
    ]);
  });
});
