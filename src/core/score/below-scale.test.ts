/**
 * "below-scale-minimum": a unit's figure below the lowest figure of its indicator's scale, which
 * the rule clips (a `minmax` rule with a numeric `min`, a `target` rule below 0), is said at its
 * cell, so that the 0 (or full points, under "lower") it gets has a reason beside it.
 */
import type { InputValue, Submission } from "../types";
import { resultIssues, scoreUnits } from "./index";
import { modelOf, unit } from "./test-helpers";

/** Units u1… with figures for x, on rows 2… of a sheet `Số liệu` (x in column C). */
function issuesOf(indicator: Record<string, unknown>, figures: InputValue[]) {
  const model = modelOf({ root: { code: "T", name: "Tổng", children: [{ code: "x", name: "Chỉ tiêu x", max: 10, ...indicator }] } });
  const units: Submission[] = figures.map((v, i) => ({
    ...unit(`u${i + 1}`, { x: v }),
    source: { layout: "B" as const, sheet: "Số liệu", row: i + 2, cells: { x: `C${i + 2}` } },
  }));
  const table = scoreUnits(model, units);
  return { issues: resultIssues(model, units, table).filter((i) => i.code === "below-scale-minimum"), values: table.units.map((u) => u.nodes["x"]!.value) };
}

describe("a figure below the lowest figure of its scale", () => {
  test("under minmax with fixed bounds: one warning at each such figure, saying what it counts as and what the indicator gets", () => {
    const { issues, values } = issuesOf({ rule: { kind: "minmax", min: 20, max: 85 } }, [15, 20, 50, 90]);
    // 30 ÷ 65, to the 15 significant digits the table gives figures to.
    expect(values).toEqual([0, 0, 0.461538461538462, 1]);
    // At the minimum, or above the maximum (clipped to full, as goalposts mean), nothing is said.
    expect(issues.map((i) => [i.severity, i.sheet, i.cell, i.unit, i.node])).toEqual([["warning", "Số liệu", "C2", "u1", "x"]]);
    expect(issues[0]!.message).toEqual({
      vi: 'Trang tính \'Số liệu\', ô C2: số liệu 15 của chỉ tiêu x thấp hơn mức tối thiểu 20 của thang đo (quy tắc "minmax", từ 20 đến 85) nên được tính bằng 20: chỉ tiêu được 0 điểm; hãy kiểm tra lại số liệu.',
      en: 'Sheet \'Số liệu\', cell C2: the figure 15 of indicator x is below the scale\'s minimum of 20 (its "minmax" rule runs from 20 to 85), so it counts as 20: the indicator scores 0 points; check the figure.',
    });
  });

  test("under direction lower the figure gets full points, and says so", () => {
    const { issues, values } = issuesOf({ rule: { kind: "minmax", min: 0, max: 100, direction: "lower" } }, [-5]);
    expect(values).toEqual([1]);
    expect(issues[0]!.message.en).toContain("so it counts as 0: the indicator scores full points; check the figure");
  });

  test("with a maximum taken from the data, the scale is said to run up to the largest figure", () => {
    const { issues } = issuesOf({ rule: { kind: "minmax", min: 0, max: "data" } }, [-3, 8, 10]);
    expect(issues.map((i) => i.cell)).toEqual(["C2"]);
    expect(issues[0]!.message.vi).toContain('(quy tắc "minmax", từ 0 đến số liệu lớn nhất của các đơn vị) nên được tính bằng 0');
  });

  test("under a log transform, a figure of 0 or less has no logarithm and counts as the minimum", () => {
    const { issues, values } = issuesOf({ rule: { kind: "minmax", min: 100, max: 75000, transform: "log" } }, [0]);
    expect(values).toEqual([0]);
    expect(issues[0]!.message.vi).toBe(
      'Trang tính \'Số liệu\', ô C2: số liệu 0 của chỉ tiêu x không lớn hơn 0 nên không lấy được logarit (quy tắc "minmax" có "transform": "log") và được tính bằng mức tối thiểu 100 của thang đo: chỉ tiêu được 0 điểm; hãy kiểm tra lại số liệu.',
    );
  });

  test("a scale that runs down (min 100, max 0) speaks of figures beyond its start", () => {
    const { issues, values } = issuesOf({ rule: { kind: "minmax", min: 100, max: 0 } }, [120, 50]);
    expect(values).toEqual([0, 0.5]);
    expect(issues.map((i) => i.cell)).toEqual(["C2"]);
    expect(issues[0]!.message.en).toContain('is beyond 100, where the scale starts (its "minmax" rule runs from 100 down to 0), so it counts as 100');
  });

  test("without clipping the figure is not clipped, and nothing is said", () => {
    expect(issuesOf({ rule: { kind: "minmax", min: 20, max: 85, clip: false } }, [15]).issues).toEqual([]);
  });

  test("under target, a figure below 0 counts as 0", () => {
    const { issues, values } = issuesOf({ rule: { kind: "target", target: 4 } }, [-2, 0, 3]);
    expect(values).toEqual([0, 0, 0.75]);
    expect(issues.map((i) => i.cell)).toEqual(["C2"]);
    expect(issues[0]!.message).toEqual({
      vi: 'Trang tính \'Số liệu\', ô C2: số liệu -2 của chỉ tiêu x nhỏ hơn 0, mức thấp nhất của quy tắc "target" (so với chỉ tiêu đặt ra 4), nên được tính như 0: chỉ tiêu được 0 điểm; hãy kiểm tra lại số liệu.',
      en: 'Sheet \'Số liệu\', cell C2: the figure -2 of indicator x is below 0, the lowest figure of its "target" rule (against the target 4), so it counts as 0: the indicator scores 0 points; check the figure.',
    });
  });

  test("a unit without the figure gets no such warning (its missing input is said by the reader)", () => {
    expect(issuesOf({ rule: { kind: "minmax", min: 20, max: 85 } }, [null as unknown as InputValue]).issues).toEqual([]);
  });
});
