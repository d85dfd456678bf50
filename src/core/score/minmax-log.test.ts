/**
 * minmax with transform "log": a figure halfway between the bounds on a log scale scores exactly
 * half, value and points, as the definition's author computes it by hand (100 between 10 and
 * 1000 is 0.5, 5 of 10 points), not 0.5000000000000001.
 */
import { scoreUnits } from "./score";
import { modelOf, unit } from "./test-helpers";

function scored(min: number, max: number, figure: number) {
  const model = modelOf({
    root: {
      code: "T",
      name: "Tổng",
      children: [{ code: "bw", name: "Băng thông bình quân (Mbps)", max: 10, rule: { kind: "minmax", min, max, transform: "log" } }],
    },
  });
  const u = scoreUnits(model, [unit("A", { bw: figure })]).units[0]!;
  return { value: u.nodes["bw"]!.value, points: u.nodes["bw"]!.points, total: u.points };
}

describe('minmax on a log scale ("transform": "log")', () => {
  test("100 between 10 and 1000 is exactly 0.5: 5 of 10 points", () => {
    expect(scored(10, 1000, 100)).toEqual({ value: 0.5, points: 5, total: 5 });
  });

  test("20 between 2 and 200 is exactly 0.5 too, and the bounds give 0 and 1", () => {
    expect(scored(2, 200, 20)).toEqual({ value: 0.5, points: 5, total: 5 });
    expect(scored(2, 200, 2)).toEqual({ value: 0, points: 0, total: 0 });
    expect(scored(2, 200, 200)).toEqual({ value: 1, points: 10, total: 10 });
  });

  test("where the answer is a decimal, it is that decimal whatever the bounds (not 4.99999999999999 points)", () => {
    for (const [min, max, figure] of [[1, 9, 3], [3, 300, 30], [6, 600, 60], [1, 16, 4], [7, 7 * 13 ** 2, 7 * 13]] as const) {
      expect([min, max, figure, scored(min, max, figure)]).toEqual([min, max, figure, { value: 0.5, points: 5, total: 5 }]);
    }
    expect(scored(5, 5 * 11 ** 4, 5 * 11)).toEqual({ value: 0.25, points: 2.5, total: 2.5 });
    expect(scored(2, 2 * 6 ** 4, 2 * 6 ** 3)).toEqual({ value: 0.75, points: 7.5, total: 7.5 });
  });

  test('with "data" bounds, the units halfway between the smallest and the largest figure get exactly half', () => {
    const model = modelOf({
      root: { code: "T", name: "Tổng", children: [{ code: "bw", name: "Băng thông", max: 10, rule: { kind: "minmax", min: "data", max: "data", transform: "log" } }] },
    });
    const units = scoreUnits(model, [unit("A", { bw: 3 }), unit("B", { bw: 30 }), unit("C", { bw: 300 }), unit("D", { bw: 0 })]).units;
    expect(Object.fromEntries(units.map((u) => [u.code, u.nodes["bw"]!.points]))).toEqual({ A: 0, B: 5, C: 10, D: 0 });
  });
});
