/**
 * "relative-zero-best": under a `relative` rule with `"direction": "lower"` (days to settle a case),
 * a unit that types 0 is the best possible, and every other unit compared with it whose figure is
 * above 0 scores 0 on the indicator (0 ÷ v: the maths stays). The unit's cell says so, naming how
 * many units that leaves at 0, and to keep the 0 only if it is right.
 */
import type { InputValue, Submission } from "../types";
import { resultIssues, scoreUnits } from "./index";
import { modelOf, unit } from "./test-helpers";

const categories = [
  { id: "xa", name: { vi: "Xã", en: "Rural commune" } },
  { id: "phuong", name: { vi: "Phường", en: "Ward" } },
];

/** Units u1… of the given categories with figures for d (days), on rows 2… of a sheet `Số liệu` (d in column D). */
function run(rule: Record<string, unknown>, rows: [InputValue | undefined, string | undefined][], extra: Record<string, unknown> = {}) {
  const model = modelOf({
    categories,
    root: { code: "T", name: "Tổng", children: [{ code: "d", name: "Số ngày giải quyết hồ sơ", max: 5, rule: { kind: "relative", direction: "lower", ...rule }, ...extra }] },
  });
  const units: Submission[] = rows.map(([v, category], i) => ({
    ...unit(`u${i + 1}`, v === undefined ? {} : { d: v }, category !== undefined ? { category } : {}),
    source: { layout: "B" as const, sheet: "Số liệu", row: i + 2, cells: { d: `D${i + 2}` } },
  }));
  const table = scoreUnits(model, units);
  return {
    issues: resultIssues(model, units, table).filter((i) => i.code === "relative-zero-best"),
    points: table.units.map((u) => u.nodes["d"]!.points),
  };
}

describe("a figure of 0 under a relative rule where lower is better", () => {
  test("across all units: the unit at 0 gets full points, every other one 0, and its cell says so", () => {
    const { issues, points } = run({}, [[3, "xa"], [0, "xa"], [2.5, "phuong"], [undefined, "xa"]]);
    // The maths as settled: 0 ÷ v for every figure above 0; a unit without a figure is no concern.
    expect(points).toEqual([0, 5, 0, 0]);
    expect(issues.map((i) => [i.severity, i.sheet, i.cell, i.unit, i.node])).toEqual([["warning", "Số liệu", "D3", "u2", "d"]]);
    expect(issues[0]!.message).toEqual({
      vi: 'Trang tính \'Số liệu\', ô D3: số liệu 0 của chỉ tiêu d là mức tốt nhất có thể của quy tắc "relative" (tỷ lệ chuẩn hóa, số liệu càng thấp càng tốt): chỉ tiêu được điểm tối đa, còn mọi đơn vị khác có số liệu lớn hơn 0 (2 đơn vị) được 0 điểm ở chỉ tiêu này. Nếu 0 là đúng thì giữ nguyên; nếu không, hãy sửa lại số liệu (để trống nếu đơn vị không có số liệu).',
      en: 'Sheet \'Số liệu\', cell D3: the figure 0 of indicator d is the best possible under its "relative" rule (the lower, the better): the indicator scores full points, and every other unit with a figure above 0 (2 units) scores 0 points on it. If 0 is right, leave it; otherwise correct the figure (leave the cell blank if the unit has no figure).',
    });
  });

  test('across categories: only the units of its category are named and counted, and units without one, compared with all', () => {
    const { issues, points } = run({ across: "category" }, [[3, "xa"], [0, "xa"], [4, "xa"], [2, "phuong"], [4, "phuong"], [5, undefined]]);
    // The wards keep their own best (2); the unit without a category is compared with all units.
    expect(points).toEqual([0, 5, 0, 5, 2.5, 0]);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message.vi).toContain('còn mọi đơn vị khác thuộc loại "Xã" và các đơn vị chưa rõ loại có số liệu lớn hơn 0 (3 đơn vị) được 0 điểm ở chỉ tiêu này.');
    expect(issues[0]!.message.en).toContain('and every other unit of the category "Rural commune" and every unit without a category with a figure above 0 (3 units) scores 0 points on it.');
    const own = run({ across: "category" }, [[3, "xa"], [0, "xa"], [2, "phuong"]]);
    expect(own.issues[0]!.message.vi).toContain('còn mọi đơn vị khác thuộc loại "Xã" có số liệu lớn hơn 0 (1 đơn vị) được 0 điểm');
    expect(own.issues[0]!.message.en).toContain('every other unit of the category "Rural commune" with a figure above 0 (1 unit) scores 0 points on it');
  });

  test("nothing is said where no other unit compared has a figure above 0, nor of a figure above 0, nor under higher", () => {
    expect(run({}, [[0, "xa"], [0, "xa"]]).issues).toEqual([]);
    expect(run({ across: "category" }, [[0, "xa"], [3, "phuong"]]).issues).toEqual([]);
    expect(run({}, [[0.5, "xa"], [3, "xa"]]).issues).toEqual([]);
    expect(run({ direction: "higher" }, [[0, "xa"], [3, "xa"]]).issues).toEqual([]);
  });

  test("two units at 0: each is told; a figure below 0 is said by relative-below-zero instead", () => {
    const { issues, points } = run({}, [[0, "xa"], [0, "xa"], [7, "xa"], [-1, "xa"]]);
    expect(points).toEqual([5, 5, 0, 5]);
    expect(issues.map((i) => [i.cell, i.message.en.match(/\((\d+) units?\)/)?.[1]])).toEqual([
      ["D2", "1"],
      ["D3", "1"],
    ]);
  });

  test("an input with a code of its own is named, and an indicator with no points speaks of values", () => {
    const model = modelOf({
      root: {
        code: "T",
        name: "Tổng",
        children: [
          { code: "d", name: "Số ngày", max: 5, inputs: [{ code: "d.a", name: "Số ngày bình quân", type: "number" }], rule: { kind: "relative", direction: "lower" } },
          { code: "v", name: "Chỉ số phụ", max: 0, rule: { kind: "relative", direction: "lower" } },
        ],
      },
    });
    const units: Submission[] = [
      { ...unit("A", { "d.a": 0, v: 0 }), source: { layout: "A", sheet: "Xã A", cells: { "d.a": "D12", v: "D13" } } },
      { ...unit("B", { "d.a": 4, v: 2 }), source: { layout: "A", sheet: "Xã B", cells: { "d.a": "D12", v: "D13" } } },
    ];
    const found = resultIssues(model, units, scoreUnits(model, units)).filter((i) => i.code === "relative-zero-best");
    expect(found.map((i) => [i.sheet, i.cell, i.node])).toEqual([
      ["Xã A", "D12", "d"],
      ["Xã A", "D13", "v"],
    ]);
    expect(found[0]!.message.vi).toMatch(/^Trang tính 'Xã A', ô D12: số liệu d\.a của chỉ tiêu d bằng 0, là mức tốt nhất có thể/);
    expect(found[0]!.message.en).toMatch(/^Sheet 'Xã A', cell D12: the figure of input d\.a of indicator d is 0, which is the best possible/);
    expect(found[1]!.message.vi).toContain("chỉ tiêu có giá trị 1, còn mọi đơn vị khác có số liệu lớn hơn 0 (1 đơn vị) có giá trị 0 ở chỉ tiêu này");
  });
});
