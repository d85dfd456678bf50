/**
 * The figures of a score table (what `--json` writes, what the results sheet shows) are given to
 * 15 significant digits, as a person computing them by hand would have them: an indicator's value
 * and points agree with its group's sum, free of the noise of binary arithmetic.
 */
import fc from "fast-check";
import type { ScoreTable } from "../types";
import { scoreUnits } from "./index";
import { decimalFigure, roundHalfUp } from "./round";
import { modelOf, unit } from "./test-helpers";

/** Every value and points of every node of every unit, and the units' own. */
function figures(t: ScoreTable): number[] {
  return t.units.flatMap((u) => [u.value, u.points, ...Object.values(u.nodes).flatMap((n) => [n.value, n.points])]).filter((x): x is number => x !== null);
}

describe("figures of the score table", () => {
  const model = modelOf({
    root: {
      code: "R",
      name: "Tổng",
      max: 70,
      children: [
        {
          code: "G",
          name: "Nhóm",
          children: [
            { code: "f", name: "Tỷ lệ", max: 30, rule: { kind: "fraction" } },
            { code: "c", name: "Số lượng", max: 10, rule: { kind: "count", pointsEach: 0.1 } },
            { code: "g", name: "Tỷ lệ khác", max: 30, rule: { kind: "fraction" } },
          ],
        },
      ],
    },
  });

  test("an indicator's points are the figure its group adds up: 0.0075 of 30 points is 0.225, as the group and the total say", () => {
    const t = scoreUnits(model, [unit("A", { f: 0.0075, c: 0, g: 0 })]);
    // value × max in binary is 0.22499999999999998.
    expect(0.0075 * 30).not.toBe(0.225);
    const u = t.units[0]!;
    expect([u.nodes["f"]!.points, u.nodes["G"]!.points, u.points]).toEqual([0.225, 0.225, 0.225]);
    expect(JSON.stringify(t)).not.toMatch(/0\.22499999/);
  });

  test("a count of 3 at 0.1 points each is 0.3 points (value 0.03), and 0.57 of 30 points is 17.1", () => {
    const t = scoreUnits(model, [unit("A", { f: 0, c: 3, g: 0.57 })]);
    const n = t.units[0]!.nodes;
    expect([n["c"]!.value, n["c"]!.points]).toEqual([0.03, 0.3]);
    expect([n["g"]!.value, n["g"]!.points]).toEqual([0.57, 17.1]);
    expect(n["G"]!.points).toBe(17.4);
    expect(JSON.stringify(t)).not.toMatch(/\d\.\d*(?:0000000000|9999999999)\d/);
  });

  test("the root's value is its points ÷ its max as a person divides: 84.995 of 200 is 0.424975, and it still ranks as 85.00 at 2 decimals", () => {
    const m = modelOf({
      ranking: { decimals: 2 },
      root: { code: "R", name: "Tổng", max: 200, children: [{ code: "p", name: "Tự chấm", max: 200, rule: { kind: "points" } }] },
    });
    // 84.995 ÷ 200 in binary is 0.42497500000000005.
    expect(84.995 / 200).not.toBe(0.424975);
    const t = scoreUnits(m, [unit("A", { p: 84.995 }), unit("B", { p: 85 }), unit("C", { p: 84.994 })]);
    expect(t.units.map((u) => [u.value, u.points])).toEqual([
      [0.424975, 84.995],
      [0.425, 85],
      [0.42497, 84.994],
    ]);
    expect(t.units[0]!.nodes["R"]!.value).toBe(0.424975);
    expect(roundHalfUp(t.units[0]!.points!, 2)).toBe(85);
    expect(t.units.map((u) => u.rank)).toEqual([1, 1, 3]);
  });

  test("minmax and relative results are the decimal figure: 0.3 between 0.1 and 0.5 is half, 0.21 of a best of 0.7 is 0.3", () => {
    const m = modelOf({
      root: {
        code: "R",
        name: "Tổng",
        children: [
          { code: "mm", name: "Chuẩn hóa", max: 10, rule: { kind: "minmax", min: 0.1, max: 0.5 } },
          { code: "rel", name: "So với tốt nhất", max: 10, rule: { kind: "relative" } },
        ],
      },
    });
    // In binary: 0.49999999999999994 (4.999999999999999 points) and 3.0000000000000004 points.
    expect((0.3 - 0.1) / (0.5 - 0.1)).not.toBe(0.5);
    expect((0.21 * 10) / 0.7).not.toBe(3);
    const t = scoreUnits(m, [unit("A", { mm: 0.3, rel: 0.21 }), unit("B", { mm: 0.5, rel: 0.7 })]);
    const n = t.units[0]!.nodes;
    expect([n["mm"]!.value, n["mm"]!.points]).toEqual([0.5, 5]);
    expect([n["rel"]!.value, n["rel"]!.points]).toEqual([0.3, 3]);
    expect(t.units[0]!.points).toBe(8);
  });

  test("a mean of thirds on 30 points gives 10 points: points come from the value computed, not from its 15 digits", () => {
    const m = modelOf({
      root: {
        code: "R",
        name: "Tổng",
        children: [
          {
            code: "M",
            name: "Trung bình",
            aggregate: "mean",
            max: 30,
            children: [
              { code: "a", name: "A", max: 1, rule: { kind: "boolean" } },
              { code: "b", name: "B", max: 1, rule: { kind: "boolean" } },
              { code: "c", name: "C", max: 1, rule: { kind: "boolean" } },
            ],
          },
        ],
      },
    });
    const t = scoreUnits(m, [unit("A", { a: true, b: false, c: false })]);
    const g = t.units[0]!.nodes["M"]!;
    expect(g.value).toBe(0.333333333333333);
    expect(g.points).toBe(10);
  });

  test("every figure is its own 15-significant-digit form", () => {
    const m = modelOf({
      ranking: { decimals: 2, nodes: "all" },
      root: {
        code: "R",
        name: "Tổng",
        children: [
          {
            code: "G",
            name: "Nhóm",
            children: [
              { code: "f", name: "Tỷ lệ", max: 0.3, rule: { kind: "fraction" } },
              { code: "c", name: "Số lượng", max: 3.3, rule: { kind: "count", pointsEach: 0.1 } },
              { code: "t", name: "Mục tiêu", max: 7, rule: { kind: "target", target: 0.7 } },
            ],
          },
          { code: "M", name: "Trung bình", aggregate: "mean", max: 9, children: [{ code: "x", name: "X", max: 1, rule: { kind: "fraction" } }, { code: "y", name: "Y", max: 2, rule: { kind: "fraction" } }] },
        ],
      },
    });
    const decimal = fc.integer({ min: 0, max: 10000 }).map((k) => k / 10000);
    fc.assert(
      fc.property(fc.array(fc.tuple(decimal, fc.integer({ min: 0, max: 40 }), decimal, decimal, decimal), { minLength: 1, maxLength: 6 }), (rows) => {
        const t = scoreUnits(
          m,
          rows.map(([f, c, tt, x, y], i) => unit(`u${i}`, { f, c, t: tt, x, y })),
        );
        return figures(t).every((x) => x === decimalFigure(x));
      }),
    );
  });

  test("ranks are those of the figures computed: a figure and its 15-digit form round alike at any decimals", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 12 }), (x, d) => roundHalfUp(decimalFigure(x), d) === roundHalfUp(x, d)),
    );
    // Near a half, both round the decimal figure: value × max a hair below 0.055 is 0.06.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 1, max: 4 }), (k, d) => {
        const half = (k + 0.5) / 10 ** d;
        const noisy = [half, half * (1 + 2 ** -52), half * (1 - 2 ** -52)];
        return noisy.every((x) => roundHalfUp(decimalFigure(x), d) === roundHalfUp(x, d));
      }),
    );
  });
});
