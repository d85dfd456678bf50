/**
 * Figures and weights at the ends of what a number holds: bounds 2e308 apart, weights of 1e308 or
 * 5e-324. The values are the ones the rule's formula gives in exact arithmetic, never 0 with an
 * "invalid-result" finding for the unit at the top bound, nor a silent 0 for the one in between.
 */
import { scoreUnits } from "./score";
import { modelOf, unit } from "./test-helpers";

function minmax(rule: Record<string, unknown>, figures: number[]) {
  const model = modelOf({ root: { code: "R", name: "Tổng", children: [{ code: "m", name: "m", max: 10, rule: { kind: "minmax", ...rule } }] } });
  const table = scoreUnits(
    model,
    figures.map((v, i) => unit(`U${i + 1}`, { m: v })),
  );
  return table.units.map((u) => [u.nodes["m"]!.value, u.nodes["m"]!.available]);
}

describe("minmax bounds so far apart that their difference overflows", () => {
  test('"data" bounds −1e308 and 1e308: 0, 0.5 and 1, each available', () => {
    expect(minmax({ min: "data", max: "data" }, [-1e308, 0, 1e308])).toEqual([
      [0, true],
      [0.5, true],
      [1, true],
    ]);
  });

  test("fixed bounds −1e308 and 1e308: the units in between get their share, the bounds 0 and 1", () => {
    expect(minmax({ min: -1e308, max: 1e308 }, [0, 5e307, 1e308, -1e308])).toEqual([
      [0.5, true],
      [0.75, true],
      [1, true],
      [0, true],
    ]);
  });

  test("on a log scale, bounds 1e-300 and 1e300: 1 is halfway", () => {
    expect(minmax({ min: 1e-300, max: 1e300, transform: "log" }, [1, 1e300, 1e-300])).toEqual([
      [0.5, true],
      [1, true],
      [0, true],
    ]);
  });
});

describe("weights of extreme sizes weigh as their ratios do", () => {
  const group = (aggregate: string, weight: number) =>
    modelOf({
      root: {
        code: "R",
        name: "Tổng",
        aggregate,
        children: [
          { code: "a", name: "a", weight, rule: { kind: "fraction" } },
          { code: "b", name: "b", weight, rule: { kind: "fraction" } },
        ],
      },
    });
  test.each([1e308, 5e-324, 1e-200])("mean and geomean with both weights %p", (weight) => {
    const mean = scoreUnits(group("mean", weight), [unit("U1", { a: 0.5, b: 0.5 }), unit("U2", { a: 1, b: 0.2 })]).units;
    expect(mean.map((u) => [u.code, u.value, u.rank])).toEqual([
      ["U1", 0.5, 2],
      ["U2", 0.6, 1],
    ]);
    const geo = scoreUnits(group("geomean", weight), [unit("U1", { a: 0.5, b: 0.5 }), unit("U2", { a: 1, b: 0.2 })]).units;
    expect(geo.map((u) => [u.code, u.rank])).toEqual([
      ["U1", 1],
      ["U2", 2],
    ]);
    expect(geo[0]!.value).toBe(0.5);
    expect(geo[1]!.value).toBeCloseTo(Math.sqrt(0.2), 15);
  });
});
