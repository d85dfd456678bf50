import fc from "fast-check";
import { FORMAT, buildModel, indexDefinitionSchema } from "../definition/index";
import { parseExpression } from "../expr/parse";
import type { InputValue, NodeResult } from "../types";
import { resultIssues, scoreUnits } from "./index";
import { modelOf, unit } from "./test-helpers";

/** A one-indicator index: indicator `x` with `rule` (and `max`), the root a sum group. */
function oneIndicator(indicator: Record<string, unknown>, definition: Record<string, unknown> = {}) {
  return modelOf({
    ...definition,
    root: { code: "T", name: "Tổng", children: [{ code: "x", name: "Chỉ tiêu x", max: 10, ...indicator }] },
  });
}

/** The result of indicator x for one unit with these input values. */
function scoreOne(indicator: Record<string, unknown>, values: Record<string, InputValue>): NodeResult {
  const table = scoreUnits(oneIndicator(indicator), [unit("u1", values)]);
  return table.units[0]!.nodes["x"]!;
}

function valueOf(indicator: Record<string, unknown>, values: Record<string, InputValue>): number | null {
  return scoreOne(indicator, values).value;
}

/** Values of indicator x for several units scored together. */
function valuesTogether(
  indicator: Record<string, unknown>,
  units: { v: number; category?: string }[],
  definition: Record<string, unknown> = {},
): (number | null)[] {
  const model = oneIndicator(indicator, definition);
  const table = scoreUnits(
    model,
    units.map((u, i) => unit(`u${i}`, { x: u.v }, u.category !== undefined ? { category: u.category } : {})),
  );
  return table.units.map((u) => u.nodes["x"]!.value);
}

describe("points rule", () => {
  it("divides self-scored points by the indicator's max and clips to [0, 1]", () => {
    expect(valueOf({ rule: { kind: "points" } }, { x: 7.5 })).toBe(0.75);
    expect(valueOf({ rule: { kind: "points" } }, { x: 12 })).toBe(1);
    expect(valueOf({ rule: { kind: "points" } }, { x: -3 })).toBe(0);
  });

  it("gives points = value × max", () => {
    expect(scoreOne({ rule: { kind: "points" } }, { x: 7.5 }).points).toBe(7.5);
  });
});

describe("fraction rule", () => {
  it("takes the value as it is, clipped to [0, 1]", () => {
    expect(valueOf({ rule: { kind: "fraction" } }, { x: 0.85 })).toBe(0.85);
    expect(valueOf({ rule: { kind: "fraction" } }, { x: 1.2 })).toBe(1);
    expect(valueOf({ rule: { kind: "fraction" } }, { x: -0.1 })).toBe(0);
  });
});

describe("boolean rule", () => {
  it("scores yes 1 and no 0, and accepts the numbers 1 and 0", () => {
    expect(valueOf({ rule: { kind: "boolean" } }, { x: true })).toBe(1);
    expect(valueOf({ rule: { kind: "boolean" } }, { x: false })).toBe(0);
    expect(valueOf({ rule: { kind: "boolean" } }, { x: 1 })).toBe(1);
    expect(valueOf({ rule: { kind: "boolean" } }, { x: 0 })).toBe(0);
  });
});

describe("choice rule", () => {
  const rule = {
    kind: "choice",
    options: [
      { value: "Đạt", fraction: 1 },
      { value: "Đạt một phần", aliases: ["Một phần"], points: 4 },
      { value: "Không đạt", fraction: 0 },
    ],
  };

  it("gives the matched option's fraction, or its points divided by max", () => {
    expect(valueOf({ rule }, { x: "Đạt" })).toBe(1);
    expect(valueOf({ rule }, { x: "Đạt một phần" })).toBe(0.4);
    expect(valueOf({ rule }, { x: "Không đạt" })).toBe(0);
  });

  it("matches without regard to case, diacritics or aliases", () => {
    expect(valueOf({ rule }, { x: "dat mot phan" })).toBe(0.4);
    expect(valueOf({ rule }, { x: "MỘT PHẦN" })).toBe(0.4);
  });

  it("counts an answer that matches no option as missing", () => {
    const r = scoreOne({ rule }, { x: "Chưa rõ" });
    expect(r).toMatchObject({ value: 0, available: true, missingScoredZero: true, coverage: 0 });
    const table = scoreUnits(oneIndicator({ rule }), [unit("u1", { x: "Chưa rõ" })]);
    expect(table.units[0]!.missingInputs).toEqual(["x"]);
  });
});

describe("ratio rule", () => {
  const inputs = [
    { code: "a", type: "integer" },
    { code: "b", type: "integer" },
  ];
  const ratio = (extra: Record<string, unknown> = {}) => ({ inputs, rule: { kind: "ratio", numerator: "a", denominator: "b", ...extra } });

  it("divides numerator by denominator, capped at 1", () => {
    expect(valueOf(ratio(), { a: 3, b: 4 })).toBe(0.75);
    expect(valueOf(ratio(), { a: 5, b: 4 })).toBe(1);
  });

  it("is not capped with cap: false", () => {
    expect(valueOf(ratio({ cap: false }), { a: 5, b: 4 })).toBe(1.25);
  });

  it("has no result when uncapped and too large for a number (1e300 ÷ 1e-300): 0 points under missing zero, left out under exclude, as an expression that overflows", () => {
    const big = { a: 1e300, b: 1e-300 };
    const model = (missing: "zero" | "exclude") =>
      modelOf({
        missing,
        root: { code: "T", name: "T", children: [{ code: "x", name: "x", max: 10, ...ratio({ cap: false }) }, { code: "y", name: "y", max: 10, rule: { kind: "fraction" } }] },
      });
    const zero = scoreUnits(model("zero"), [unit("u1", { ...big, y: 0.5 })]).units[0]!;
    // Numbers, not the nulls a JSON file would get for an infinite value.
    expect(zero.nodes["x"]).toMatchObject({ value: 0, points: 0, available: true });
    expect([zero.value, zero.points]).toEqual([0.25, 5]);
    const exclude = scoreUnits(model("exclude"), [unit("u1", { ...big, y: 0.5 })]).units[0]!;
    expect(exclude.nodes["x"]).toMatchObject({ value: null, points: null, available: false, reason: "invalid-result" });
    // y alone is rescaled to the root's max, as for any node left out.
    expect([exclude.value, exclude.points]).toEqual([0.5, 10]);
    // A figure whose value is finite but whose points overflow (1e308 × max 10) has no result either.
    expect(scoreOne(ratio({ cap: false }), { a: 1e307, b: 0.1 })).toMatchObject({ value: 0, points: 0 });
    // Large but finite, it is scored as it is.
    expect(scoreOne(ratio({ cap: false }), { a: 1e300, b: 1 })).toMatchObject({ value: 1e300, points: 1e301, available: true });
    // Capped, any ratio above 1 is full points, however large.
    expect(scoreOne(ratio(), big)).toMatchObject({ value: 1, points: 10 });
  });

  it("is not available with a zero denominator by default (zeroDenominator: na)", () => {
    expect(scoreOne(ratio(), { a: 0, b: 0 })).toMatchObject({
      value: null,
      points: null,
      available: false,
      reason: "zero-denominator",
      coverage: 1,
    });
  });

  it("scores a zero denominator 0 under zeroDenominator: zero and 1 under full", () => {
    expect(scoreOne(ratio({ zeroDenominator: "zero" }), { a: 0, b: 0 })).toMatchObject({ value: 0, available: true });
    expect(scoreOne(ratio({ zeroDenominator: "full" }), { a: 0, b: 0 })).toMatchObject({ value: 1, points: 10, available: true });
  });

  it("lets a zero denominator decide whatever the numerator holds: a blank numerator is not missing", () => {
    for (const missing of ["zero", "exclude"] as const) {
      const model = (zeroDenominator: string) =>
        modelOf({ missing, root: { code: "T", name: "T", children: [{ code: "x", name: "x", max: 10, ...ratio({ zeroDenominator }) }] } });
      const scored = (zeroDenominator: string) => scoreUnits(model(zeroDenominator), [unit("u1", { b: 0 })]).units[0]!;
      expect(scored("full").nodes["x"]).toMatchObject({ value: 1, points: 10, available: true, coverage: 1 });
      expect(scored("zero").nodes["x"]).toMatchObject({ value: 0, points: 0, available: true, coverage: 1 });
      expect(scored("zero").nodes["x"]!.missingScoredZero).toBeUndefined();
      expect(scored("na").nodes["x"]).toMatchObject({ value: null, available: false, reason: "zero-denominator", coverage: 1 });
      for (const z of ["full", "zero", "na"]) expect(scored(z).missingInputs).toEqual([]);
    }
  });

  it("is missing when either input is absent, and records only the absent one", () => {
    const table = scoreUnits(modelOf({ root: { code: "T", name: "T", children: [{ code: "x", name: "x", max: 10, ...ratio() }] } }), [
      unit("u1", { a: 3 }),
    ]);
    expect(table.units[0]!.missingInputs).toEqual(["b"]);
    expect(table.units[0]!.nodes["x"]).toMatchObject({ value: 0, missingScoredZero: true });
  });
});

describe("target rule", () => {
  it("divides by the target for higher-is-better, capped at 1", () => {
    expect(valueOf({ rule: { kind: "target", target: 80 } }, { x: 60 })).toBe(0.75);
    expect(valueOf({ rule: { kind: "target", target: 80 } }, { x: 100 })).toBe(1);
  });

  it("stays a number when v ÷ target or target ÷ v overflows or underflows: full points or none", () => {
    expect(scoreOne({ rule: { kind: "target", target: 1e-300 } }, { x: 1e300 })).toMatchObject({ value: 1, points: 10, available: true });
    expect(scoreOne({ rule: { kind: "target", target: 1e-300, direction: "lower" } }, { x: 1e300 })).toMatchObject({ value: 0, available: true });
  });

  it("gives target ÷ v for lower-is-better, and 1 at or below the target", () => {
    const rule = { kind: "target", target: 5, direction: "lower" };
    expect(valueOf({ rule }, { x: 10 })).toBe(0.5);
    expect(valueOf({ rule }, { x: 5 })).toBe(1);
    expect(valueOf({ rule }, { x: 0 })).toBe(1);
  });

  it("gives full points to a figure equal to the target to 15 significant digits, as an expression compares it", () => {
    // 0.1 + 0.2 is 0.30000000000000004 in binary, 0.3 − 0.1 is 0.19999999999999998.
    const lower = scoreOne({ rule: { kind: "target", target: 0.3, direction: "lower" } }, { x: 0.1 + 0.2 });
    expect([lower.value, lower.points]).toEqual([1, 10]);
    const higher = scoreOne({ rule: { kind: "target", target: 0.2 } }, { x: 0.3 - 0.1 });
    expect([higher.value, higher.points]).toEqual([1, 10]);
    // A figure really above a lower target still loses points.
    expect(scoreOne({ rule: { kind: "target", target: 0.3, direction: "lower" } }, { x: 0.6 }).points).toBe(5);
  });

  it("takes a target of 0 for lower-is-better: none at all scores 1, any other figure 0", () => {
    const rule = { kind: "target", target: 0, direction: "lower" };
    expect(valueOf({ rule }, { x: 0 })).toBe(1);
    expect(valueOf({ rule }, { x: 2 })).toBe(0);
  });
});

describe("steps rule", () => {
  it("takes the first step that matches in the listed order", () => {
    const rule = {
      kind: "steps",
      steps: [
        { atLeast: 90, fraction: 1 },
        { atLeast: 70, points: 6 },
        { atLeast: 50, fraction: 0.3 },
      ],
    };
    expect(valueOf({ rule }, { x: 95 })).toBe(1);
    expect(valueOf({ rule }, { x: 90 })).toBe(1);
    expect(valueOf({ rule }, { x: 75 })).toBe(0.6);
    expect(valueOf({ rule }, { x: 50 })).toBe(0.3);
  });

  it("compares a figure with a step's threshold to 15 significant digits, as an expression's comparison does", () => {
    const atMost = { kind: "steps", steps: [{ atMost: 0.3, points: 10 }, { atLeast: 0, points: 4 }] };
    const viaExpr = { kind: "expr", expr: "IF([x] <= 0.3, 1, 0.4)" };
    // 0.1 + 0.2 is 0.30000000000000004 in binary: at most 0.3 for a person, for Excel and for IF.
    expect(scoreOne({ rule: atMost }, { x: 0.1 + 0.2 }).points).toBe(10);
    expect(scoreOne({ rule: viaExpr }, { x: 0.1 + 0.2 }).points).toBe(10);
    const atLeast = { kind: "steps", steps: [{ atLeast: 0.2, points: 10 }, { atLeast: 0, points: 4 }] };
    expect(scoreOne({ rule: atLeast }, { x: 0.3 - 0.1 }).points).toBe(10);
    // Figures that differ within 15 significant digits still fall on their side.
    expect(scoreOne({ rule: atMost }, { x: 0.300000000000001 }).points).toBe(4);
    expect(scoreOne({ rule: atLeast }, { x: 0.199999999999999 }).points).toBe(4);
  });

  it("scores 0 when no step matches", () => {
    const rule = { kind: "steps", steps: [{ atLeast: 50, fraction: 1 }] };
    expect(valueOf({ rule }, { x: 49.9 })).toBe(0);
  });

  it("reads atMost steps as v ≤ t, lower being better", () => {
    const rule = {
      kind: "steps",
      steps: [
        { atMost: 2, fraction: 1 },
        { atMost: 5, fraction: 0.5 },
      ],
    };
    expect(valueOf({ rule }, { x: 1 })).toBe(1);
    expect(valueOf({ rule }, { x: 4 })).toBe(0.5);
    expect(valueOf({ rule }, { x: 6 })).toBe(0);
  });
});

describe("count rule", () => {
  it("gives pointsEach per item, capped at the indicator's max", () => {
    const rule = { kind: "count", pointsEach: 2.5 };
    expect(valueOf({ rule }, { x: 2 })).toBe(0.5);
    expect(valueOf({ rule }, { x: 4 })).toBe(1);
    expect(valueOf({ rule }, { x: 30 })).toBe(1);
    expect(scoreOne({ rule }, { x: 30 }).points).toBe(10);
  });

  it("gives full points to a count whose product overflows, and none to a hugely negative one", () => {
    const rule = { kind: "count", pointsEach: 1e10 };
    expect(scoreOne({ rule }, { x: 1e300 })).toMatchObject({ value: 1, points: 10, available: true });
    expect(scoreOne({ rule }, { x: -1e300 })).toMatchObject({ value: 0, available: true });
  });
});

describe("relative rule", () => {
  it("divides by the best value among the units scored together", () => {
    expect(valuesTogether({ rule: { kind: "relative" } }, [{ v: 50 }, { v: 100 }, { v: 25 }])).toEqual([0.5, 1, 0.25]);
  });

  it("gives best ÷ v for lower-is-better, and 1 for a value of 0", () => {
    expect(valuesTogether({ rule: { kind: "relative", direction: "lower" } }, [{ v: 2 }, { v: 8 }, { v: 4 }])).toEqual([1, 0.25, 0.5]);
    expect(valuesTogether({ rule: { kind: "relative", direction: "lower" } }, [{ v: 0 }, { v: 8 }])).toEqual([1, 0]);
  });

  it("gives everyone 0 when the best is 0", () => {
    expect(valuesTogether({ rule: { kind: "relative" } }, [{ v: 0 }, { v: 0 }])).toEqual([0, 0]);
  });

  it("counts a figure below 0 as 0 in either direction: 0 under higher, 1 under lower, where 0 is the best", () => {
    expect(valuesTogether({ rule: { kind: "relative" } }, [{ v: -4 }, { v: 8 }, { v: 0 }])).toEqual([0, 1, 0]);
    expect(valuesTogether({ rule: { kind: "relative" } }, [{ v: -4 }, { v: -1 }])).toEqual([0, 0]);
    // Under lower a negative figure is at or past the best possible 0: every figure above 0 gets 0 ÷ v.
    expect(valuesTogether({ rule: { kind: "relative", direction: "lower" } }, [{ v: -10 }, { v: 5 }, { v: -2 }])).toEqual([1, 0, 1]);
  });

  it("warns at the figure's cell of each unit whose figure below 0 a relative rule counted as 0, saying what that did", () => {
    const model = modelOf({
      root: {
        code: "T",
        name: "Tổng",
        children: [
          { code: "rl", name: "rl", max: 10, rule: { kind: "relative", direction: "lower" } },
          { code: "rh", name: "rh", max: 10, rule: { kind: "relative" } },
        ],
      },
    });
    const source = (row: number) => ({ layout: "B" as const, sheet: "Số liệu", row, cells: { rl: `C${row}`, rh: `D${row}` } });
    const units = [
      { ...unit("K1", { rl: -10, rh: -4 }), source: source(2) },
      { ...unit("K2", { rl: 5, rh: 8 }), source: source(3) },
    ];
    const issues = resultIssues(model, units, scoreUnits(model, units));
    expect(issues.map((i) => [i.severity, i.code, i.sheet, i.cell, i.unit, i.node])).toEqual([
      ["warning", "relative-below-zero", "Số liệu", "C2", "K1", "rl"],
      ["warning", "relative-below-zero", "Số liệu", "D2", "K1", "rh"],
    ]);
    expect(issues[0]!.message).toEqual({
      vi: 'Trang tính \'Số liệu\', ô C2: số liệu -10 của chỉ tiêu rl nhỏ hơn 0; quy tắc "relative" (tỷ lệ chuẩn hóa) lấy tỷ lệ so với số liệu tốt nhất, không có nghĩa với số âm, nên số liệu này được tính như 0: chỉ tiêu được điểm tối đa, và mọi đơn vị so với đơn vị này có số liệu lớn hơn 0 được 0 điểm ở chỉ tiêu này. Nếu số liệu có thể âm, hãy dùng quy tắc "minmax".',
      en: 'Sheet \'Số liệu\', cell C2: the figure -10 of indicator rl is below 0; a "relative" rule takes the ratio to the best figure, which means nothing for a negative figure, so it counts as 0: the indicator scores full points, and every unit compared with this one whose figure is above 0 scores 0 points on it. Where figures may be negative, use a "minmax" rule.',
    });
    expect(issues[1]!.message.en).toBe(
      'Sheet \'Số liệu\', cell D2: the figure -4 of indicator rh is below 0; a "relative" rule takes the ratio to the best figure, which means nothing for a negative figure, so it counts as 0: the indicator scores 0 points. Where figures may be negative, use a "minmax" rule.',
    );
  });

  it("takes the best within the unit's category with across: category", () => {
    const definition = {
      categories: [
        { id: "so", name: "Sở" },
        { id: "huyen", name: "Huyện" },
      ],
    };
    const units = [
      { v: 10, category: "so" },
      { v: 20, category: "so" },
      { v: 40, category: "huyen" },
      { v: 10, category: "huyen" },
    ];
    expect(valuesTogether({ rule: { kind: "relative", across: "category" } }, units, definition)).toEqual([0.5, 1, 1, 0.25]);
    expect(valuesTogether({ rule: { kind: "relative" } }, units, definition)).toEqual([0.25, 0.5, 1, 0.25]);
  });

  it("compares a unit without a category with all units under across: category, so it is never its own best", () => {
    const definition = {
      categories: [
        { id: "so", name: "Sở" },
        { id: "huyen", name: "Huyện" },
      ],
    };
    // A blank category and one the index does not know read as no category.
    const units = [{ v: 200, category: "so" }, { v: 100, category: "so" }, { v: 50, category: "huyen" }, { v: 10 }, { v: 20 }];
    expect(valuesTogether({ rule: { kind: "relative", across: "category" } }, units, definition)).toEqual([1, 0.5, 1, 0.05, 0.1]);
    const data = { kind: "minmax", min: "data", max: "data", across: "category" };
    expect(valuesTogether({ rule: data }, [{ v: 0, category: "so" }, { v: 10, category: "so" }, { v: 40, category: "huyen" }, { v: 20 }], definition)).toEqual([0, 1, 1, 0.5]);
  });

  it("leaves units without data out of the best", () => {
    const model = oneIndicator({ rule: { kind: "relative" } });
    const table = scoreUnits(model, [unit("a", { x: 50 }), unit("b", {}), unit("c", { x: 25 })]);
    expect(table.units.map((u) => u.nodes["x"]!.value)).toEqual([1, 0, 0.5]);
  });
});

describe("minmax rule", () => {
  it("scales between fixed goalposts and clips to [0, 1]", () => {
    const rule = { kind: "minmax", min: 20, max: 85 };
    expect(valuesTogether({ rule }, [{ v: 20 }, { v: 52.5 }, { v: 85 }, { v: 90 }, { v: 10 }])).toEqual([0, 0.5, 1, 1, 0]);
  });

  it("does not clip with clip: false", () => {
    const rule = { kind: "minmax", min: 0, max: 10, clip: false };
    expect(valuesTogether({ rule }, [{ v: 15 }, { v: -5 }])).toEqual([1.5, -0.5]);
  });

  it("has no result where the scaling overflows (unclipped past a tiny span); data bounds whose difference overflows still scale", () => {
    // (1e300 − 0) ÷ (1e-300 − 0) is infinite: 0 points under missing zero, left out under exclude.
    const unclipped = { kind: "minmax", min: 0, max: 1e-300, clip: false };
    expect(valuesTogether({ rule: unclipped }, [{ v: 1e300 }, { v: 0 }])).toEqual([0, 0]);
    expect(valuesTogether({ rule: unclipped }, [{ v: 1e300 }], { missing: "exclude" })).toEqual([null]);
    // max − min of the data is 2e308, beyond a number: scaled by halves, the top unit gets 1, not "invalid-result".
    const data = { kind: "minmax", min: "data", max: "data" };
    const model = oneIndicator({ rule: data }, { missing: "exclude" });
    const nodes = scoreUnits(model, [unit("u0", { x: 1e308 }), unit("u1", { x: -1e308 })]).units.map((u) => u.nodes["x"]!);
    expect(nodes[0]).toMatchObject({ value: 1, available: true });
    expect(nodes[1]).toMatchObject({ value: 0, points: 0, available: true });
  });

  it("gives 1 − that for lower-is-better", () => {
    const rule = { kind: "minmax", min: 0, max: 10, direction: "lower" };
    expect(valuesTogether({ rule }, [{ v: 2 }, { v: 10 }])).toEqual([0.8, 0]);
  });

  it("scales the natural log with transform: log, as the HDI's income index", () => {
    const rule = { kind: "minmax", min: 100, max: 75000, transform: "log" };
    const [v] = valuesTogether({ rule }, [{ v: 10000 }]);
    expect(v).toBeCloseTo((Math.log(10000) - Math.log(100)) / (Math.log(75000) - Math.log(100)), 12);
  });

  it("is exact under log where the decimal answer is: 100 between 10 and 1000 is 0.5, and 7.5 points, not 7.500000000000002", () => {
    const fixed = { kind: "minmax", min: 10, max: 1000, transform: "log" };
    expect(valuesTogether({ rule: fixed }, [{ v: 10 }, { v: 100 }, { v: 1000 }, { v: 1e4 }])).toEqual([0, 0.5, 1, 1]);
    expect(valuesTogether({ rule: { ...fixed, min: 1, max: 10000 } }, [{ v: 10 }, { v: 100 }, { v: 1000 }])).toEqual([0.25, 0.5, 0.75]);
    const data = { kind: "minmax", min: "data", max: "data", transform: "log" };
    expect(valuesTogether({ rule: data }, [{ v: 10 }, { v: 100 }, { v: 1000 }])).toEqual([0, 0.5, 1]);
    // The auditor's case: a log minmax of max 10 beside a ratio of max 10, summed under the root.
    const model = modelOf({
      root: {
        code: "T",
        name: "T",
        children: [
          { code: "m", name: "m", max: 10, rule: data },
          { code: "p", name: "p", max: 10, rule: { kind: "points" } },
        ],
      },
    });
    const table = scoreUnits(model, [unit("u1", { m: 10, p: 0 }), unit("u2", { m: 100, p: 2.5 }), unit("u3", { m: 1000, p: 0 })]);
    expect(table.units.map((u) => [u.nodes["m"]!.points, u.points])).toEqual([[0, 0], [5, 7.5], [10, 10]]);
  });

  it("gives a value of 0 or less the lowest value under log, before direction", () => {
    expect(valuesTogether({ rule: { kind: "minmax", min: 1, max: 100, transform: "log" } }, [{ v: 0 }, { v: -3 }])).toEqual([0, 0]);
    expect(valuesTogether({ rule: { kind: "minmax", min: 1, max: 100, transform: "log", direction: "lower" } }, [{ v: 0 }])).toEqual([1]);
  });

  it("gives a figure of 0 or less no value under log with clip: false, as LN of 0: 0 under missing zero, left out under exclude, and an invalid-result error", () => {
    const rule = { kind: "minmax", min: 1, max: 100, transform: "log", clip: false };
    const figures = [{ x: 0 }, { x: -3 }, { x: 0.5 }, { x: 10 }];
    const units = figures.map((values, i) => unit(`u${i}`, values));
    const zero = oneIndicator({ rule });
    const table = scoreUnits(zero, units);
    const nodes = table.units.map((u) => u.nodes["x"]!);
    expect(nodes.slice(0, 2).map((n) => [n.value, n.points, n.available])).toEqual([
      [0, 0, true],
      [0, 0, true],
    ]);
    // A figure between 0 and min still gets its negative value: it has a logarithm.
    expect(nodes[2]!.value).toBeCloseTo(Math.log(0.5) / Math.log(100), 12);
    expect(nodes[3]!.value).toBeCloseTo(0.5, 12);
    expect(resultIssues(zero, units, table).map((i) => [i.code, i.severity, i.unit, i.node, i.message.en])).toEqual([
      ["invalid-result", "error", "u0", "x", "Indicator x cannot be computed from the unit's values (there is no logarithm of 0); it scores 0."],
      ["invalid-result", "error", "u1", "x", "Indicator x cannot be computed from the unit's values (there is no logarithm of -3); it scores 0."],
    ]);
    const exclude = oneIndicator({ rule }, { missing: "exclude" });
    const left = scoreUnits(exclude, units);
    expect(left.units.slice(0, 2).map((u) => u.nodes["x"])).toEqual([
      expect.objectContaining({ value: null, available: false, reason: "invalid-result" }),
      expect.objectContaining({ value: null, available: false, reason: "invalid-result" }),
    ]);
    expect(resultIssues(exclude, units, left).map((i) => i.message.vi)).toEqual([
      "Không tính được chỉ tiêu x từ số liệu của đơn vị (không lấy được logarit của 0); chỉ tiêu không được tính điểm.",
      "Không tính được chỉ tiêu x từ số liệu của đơn vị (không lấy được logarit của -3); chỉ tiêu không được tính điểm.",
    ]);
  });

  it("does the same with data bounds, which a figure of 0 or less never sets", () => {
    const rule = { kind: "minmax", min: "data", max: "data", transform: "log", clip: false };
    const units = [unit("u0", { x: 0 }), unit("u1", { x: 1 }), unit("u2", { x: 100 }), unit("u3", { x: 10 })];
    const model = oneIndicator({ rule });
    const table = scoreUnits(model, units);
    const values = table.units.map((u) => u.nodes["x"]!.value);
    expect(values.slice(0, 3)).toEqual([0, 0, 1]);
    expect(values[3]).toBeCloseTo(0.5, 12);
    expect(resultIssues(model, units, table).map((i) => [i.unit, i.message.en])).toEqual([
      ["u0", "Indicator x cannot be computed from the unit's values (there is no logarithm of 0); it scores 0."],
    ]);
  });

  it("takes data bounds from the units scored together", () => {
    const rule = { kind: "minmax", min: "data", max: "data" };
    expect(valuesTogether({ rule }, [{ v: 10 }, { v: 30 }, { v: 20 }])).toEqual([0, 1, 0.5]);
    expect(valuesTogether({ rule: { ...rule, min: 0 } }, [{ v: 10 }, { v: 40 }])).toEqual([0.25, 1]);
  });

  it("takes data bounds per category with across: category", () => {
    const rule = { kind: "minmax", min: "data", max: "data", across: "category" };
    const definition = {
      categories: [
        { id: "a", name: "A" },
        { id: "b", name: "B" },
      ],
    };
    expect(
      valuesTogether(
        { rule },
        [
          { v: 0, category: "a" },
          { v: 10, category: "a" },
          { v: 10, category: "b" },
          { v: 30, category: "b" },
          { v: 20, category: "b" },
        ],
        definition,
      ),
    ).toEqual([0, 1, 0, 1, 0.5]);
  });

  it("gives every unit with data 1 when the data bounds are equal", () => {
    const rule = { kind: "minmax", min: "data", max: "data" };
    expect(valuesTogether({ rule }, [{ v: 7 }, { v: 7 }])).toEqual([1, 1]);
  });

  it("takes data bounds that are the same figure to 15 significant digits as equal: every unit gets 1", () => {
    const rule = { kind: "minmax", min: "data", max: "data" };
    expect(valuesTogether({ rule }, [{ v: 0.1 + 0.2 }, { v: 0.3 }])).toEqual([1, 1]);
  });

  it("lets the fixed bound decide when the data's bound is on its wrong side: at or below a fixed min 0, at or above a fixed max 1", () => {
    // min 0, max "data" and every figure negative: the largest figure is below the minimum.
    const fixedMin = { kind: "minmax", min: 0, max: "data" };
    expect(valuesTogether({ rule: fixedMin }, [{ v: -5 }, { v: -2 }, { v: -1 }])).toEqual([0, 0, 0]);
    expect(valuesTogether({ rule: { ...fixedMin, direction: "lower" } }, [{ v: -5 }, { v: -1 }])).toEqual([1, 1]);
    // The data's max at the minimum itself: a figure below it is not lifted to 1 as by bounds that coincide.
    expect(valuesTogether({ rule: fixedMin }, [{ v: -5 }, { v: 0 }])).toEqual([0, 0]);
    // min "data", max 100 and every figure above 100: the smallest figure is above the maximum.
    const fixedMax = { kind: "minmax", min: "data", max: 100 };
    expect(valuesTogether({ rule: fixedMax }, [{ v: 150 }, { v: 120 }, { v: 130 }])).toEqual([1, 1, 1]);
    expect(valuesTogether({ rule: { ...fixedMax, direction: "lower" } }, [{ v: 150 }, { v: 100 }])).toEqual([0, 0]);
    // Without clip too: the formula's denominator would be negative.
    expect(valuesTogether({ rule: { ...fixedMax, clip: false } }, [{ v: 150 }, { v: 120 }])).toEqual([1, 1]);
    // Bounds on their sides still scale as before, and two numbers in either order are the formula as written.
    expect(valuesTogether({ rule: fixedMin }, [{ v: -5 }, { v: 10 }, { v: 5 }])).toEqual([0, 1, 0.5]);
    expect(valuesTogether({ rule: { kind: "minmax", min: 100, max: 0 } }, [{ v: 25 }])).toEqual([0.75]);
  });

  it("says in a note, per set of units compared, that the fixed bound decided every unit's value", () => {
    const definition = { categories: [{ id: "a", name: { vi: "Sở", en: "Departments" } }, { id: "b", name: "Huyện" }] };
    const model = oneIndicator({ rule: { kind: "minmax", min: 0, max: "data", across: "category" } }, definition);
    const units = [unit("a1", { x: -3 }, { category: "a" }), unit("a2", { x: -1 }, { category: "a" }), unit("b1", { x: 4 }, { category: "b" }), unit("b2", { x: 2 }, { category: "b" })];
    const table = scoreUnits(model, units);
    expect(table.units.map((u) => u.nodes["x"]!.value)).toEqual([0, 0, 1, 0.5]);
    expect(resultIssues(model, units, table)).toEqual([
      {
        severity: "info",
        code: "minmax-bounds-reversed",
        node: "x",
        message: {
          vi: 'Chỉ tiêu x: không đơn vị nào thuộc loại "Sở" có số liệu lớn hơn mức tối thiểu 0 của quy tắc "minmax", nên mức tối đa lấy theo số liệu ("max": "data") không lớn hơn mức tối thiểu; mức tối thiểu được dùng: mọi đơn vị thuộc loại "Sở" có số liệu được 0 điểm ở chỉ tiêu này.',
          en: 'Indicator x: no unit of the category "Departments" has a figure above the minimum 0 of its "minmax" rule, so the maximum taken from the figures ("max": "data") is not above the minimum; the minimum decides: every unit of the category "Departments" with a figure scores 0 points on it.',
        },
      },
    ]);
    const above = oneIndicator({ rule: { kind: "minmax", min: "data", max: 100, direction: "lower" } });
    const high = [unit("u1", { x: 150 }), unit("u2", { x: 120 })];
    expect(resultIssues(above, high, scoreUnits(above, high)).map((i) => i.message.vi)).toEqual([
      'Chỉ tiêu x: không đơn vị nào có số liệu nhỏ hơn mức tối đa 100 của quy tắc "minmax", nên mức tối thiểu lấy theo số liệu ("min": "data") không nhỏ hơn mức tối đa; mức tối đa được dùng: mọi đơn vị có số liệu được 0 điểm ở chỉ tiêu này.',
    ]);
  });

  it("takes log data bounds among the positive values only", () => {
    const rule = { kind: "minmax", min: "data", max: "data", transform: "log" };
    const values = valuesTogether({ rule }, [{ v: 1 }, { v: 0 }, { v: 100 }, { v: 10 }]);
    expect(values[0]).toBe(0);
    expect(values[1]).toBe(0);
    expect(values[2]).toBe(1);
    expect(values[3]).toBeCloseTo(0.5, 12);
  });
});

describe("expr rule", () => {
  const inputs = [
    { code: "a", type: "number" },
    { code: "b", type: "number" },
  ];

  it("evaluates the expression over the inputs and clips to [0, 1]", () => {
    expect(valueOf({ inputs, rule: { kind: "expr", expr: "[a] / ([a] + [b])" } }, { a: 1, b: 3 })).toBe(0.25);
    expect(valueOf({ inputs, rule: { kind: "expr", expr: "[a] - [b]" } }, { a: 5, b: 1 })).toBe(1);
    expect(valueOf({ inputs, rule: { kind: "expr", expr: "[a] - [b]" } }, { a: 1, b: 5 })).toBe(0);
  });

  it("gives no result for 0 ^ 0, as Excel gives #NUM!: an invalid-result error, and 0 points", () => {
    const model = oneIndicator({ inputs, rule: { kind: "expr", expr: "[a] ^ [b]" } });
    const units = [unit("u1", { a: 0, b: 0 }), unit("u2", { a: 0, b: 2 })];
    const table = scoreUnits(model, units);
    expect(table.units.map((u) => u.nodes["x"]!.points)).toEqual([0, 0]);
    expect(resultIssues(model, units, table).map((i) => [i.code, i.unit, i.message.en])).toEqual([
      ["invalid-result", "u1", "Indicator x cannot be computed from the unit's values (0 to the power 0 is undefined: [b] is 0); it scores 0."],
    ]);
    expect(scoreUnits(oneIndicator({ inputs, rule: { kind: "expr", expr: "[a] ^ [b]" } }, { missing: "exclude" }), units).units[0]!.nodes["x"]).toMatchObject({
      available: false,
      reason: "invalid-result",
    });
  });

  it("lets IF guard a division by zero", () => {
    const rule = { kind: "expr", expr: "IF([b]=0, 0, [a]/[b])" };
    expect(scoreOne({ inputs, rule }, { a: 2, b: 0 })).toMatchObject({ value: 0, available: true });
    expect(valueOf({ inputs, rule }, { a: 2, b: 4 })).toBe(0.5);
  });

  it('scores 0 under missing "zero" when the expression has no finite result, so a unit never gains by it', () => {
    const model = oneIndicator({ inputs, rule: { kind: "expr", expr: "MIN(1, [a] / [b])" } });
    const table = scoreUnits(model, [unit("honest", { a: 0, b: 10 }), unit("zero-den", { a: 0, b: 0 })]);
    expect(table.units[1]!.nodes["x"]).toMatchObject({ value: 0, points: 0, available: true });
    expect(table.units[1]!.nodes["x"]!.missingScoredZero).toBeUndefined();
    expect(table.units[1]!.points).toBe(table.units[0]!.points);
  });

  it('is not available (invalid-result) under missing "exclude" when the expression has no finite result', () => {
    const model = oneIndicator({ inputs, rule: { kind: "expr", expr: "[a] / [b]" } }, { missing: "exclude" });
    expect(scoreUnits(model, [unit("u1", { a: 2, b: 0 })]).units[0]!.nodes["x"]).toMatchObject({
      value: null,
      available: false,
      reason: "invalid-result",
    });
  });

  it("counts as missing only the inputs its evaluation reads: a blank input in an IF branch not taken is no missing input", () => {
    const ifInputs = [
      { code: "has", type: "boolean" },
      { code: "rate", type: "percent" },
    ];
    const model = oneIndicator({ inputs: ifInputs, rule: { kind: "expr", expr: "IF([has], [rate], 1)" } });
    const table = scoreUnits(model, [unit("none", { has: false }), unit("some", { has: true, rate: 0.6 }), unit("blank", { has: true })]);
    // As Excel's IF: has = no gives 1 whatever rate is.
    expect(table.units[0]!.nodes["x"]).toMatchObject({ value: 1, points: 10, available: true, coverage: 1 });
    expect(table.units[0]!.nodes["x"]!.missingScoredZero).toBeUndefined();
    expect(table.units[0]!.missingInputs).toEqual([]);
    expect(table.units[1]!.nodes["x"]).toMatchObject({ value: 0.6, available: true });
    // The branch taken reads rate: blank there, it is missing.
    expect(table.units[2]!.nodes["x"]).toMatchObject({ value: 0, available: true, missingScoredZero: true });
    expect(table.units[2]!.missingInputs).toEqual(["rate"]);
  });

  it("counts as missing every input an operation reads, and only the condition's when the condition itself is blank", () => {
    const three = [...inputs, { code: "c", type: "number" }];
    const sum = oneIndicator({ inputs: three, rule: { kind: "expr", expr: "([c] + [b] + [a]) / 10" } }, { missing: "exclude" });
    const s = scoreUnits(sum, [unit("u", { b: 1 })]).units[0]!;
    // b is given: under "exclude" only an indicator with all of its inputs missing is left out.
    expect(s.nodes["x"]).toMatchObject({ value: 0, points: 0, available: true, missingScoredZero: true });
    expect(s.missingInputs).toEqual(["a", "c"]); // in the order the indicator lists its inputs
    const none = scoreUnits(sum, [unit("u", {})]).units[0]!;
    expect(none.nodes["x"]).toMatchObject({ available: false, reason: "missing" });
    expect(none.missingInputs).toEqual(["a", "b", "c"]);
    const cond = oneIndicator({ inputs: three, rule: { kind: "expr", expr: "IF([a] > 1, [b], [c])" } });
    expect(scoreUnits(cond, [unit("u", {})]).units[0]!.missingInputs).toEqual(["a"]);
    expect(scoreUnits(cond, [unit("u", { a: 0 })]).units[0]!.missingInputs).toEqual(["c"]);
  });

  it("compares figures to 15 significant digits, so 57% × 100 ≥ 57 and 0.1 + 0.2 = 0.3 hold", () => {
    const pct = oneIndicator({ inputs: [{ code: "p", type: "percent" }], rule: { kind: "expr", expr: "IF([p] * 100 >= 57, 1, 0.5)" } });
    expect(scoreUnits(pct, [unit("u", { p: 0.57 }), unit("v", { p: 0.5699 })]).units.map((u) => u.nodes["x"]!.value)).toEqual([1, 0.5]);
    const three = [...inputs, { code: "t", type: "number" }];
    const check = oneIndicator({ inputs: three, rule: { kind: "expr", expr: "IF([a] + [b] = [t], 1, 0)" } });
    expect(scoreUnits(check, [unit("u", { a: 0.1, b: 0.2, t: 0.3 }), unit("v", { a: 0.1, b: 0.2, t: 0.31 })]).units.map((u) => u.nodes["x"]!.value)).toEqual([1, 0]);
  });

  it("reads a boolean input as 1 or 0", () => {
    const boolInputs = [
      { code: "a", type: "boolean" },
      { code: "b", type: "number" },
    ];
    expect(valueOf({ inputs: boolInputs, rule: { kind: "expr", expr: "[a] * [b]" } }, { a: true, b: 0.4 })).toBe(0.4);
    expect(valueOf({ inputs: boolInputs, rule: { kind: "expr", expr: "[a] * [b]" } }, { a: false, b: 0.4 })).toBe(0);
  });

  it("reads a choice input as its option's fraction", () => {
    // The checks let an expression name only its own indicator's inputs, and only a choice rule
    // lists options, so this model is built without them to reach a choice input from an expression.
    const definition = indexDefinitionSchema.parse({
      format: FORMAT,
      id: "t",
      version: "1",
      name: "T",
      root: {
        code: "T",
        name: "T",
        children: [
          {
            code: "c",
            name: "Mức độ",
            max: 5,
            rule: {
              kind: "choice",
              options: [
                { value: "Cao", fraction: 1 },
                { value: "Thấp", fraction: 0.2 },
              ],
            },
          },
          { code: "x", name: "x", max: 5, inputs: [{ code: "n", type: "number" }], rule: { kind: "expr", expr: "[c] * [n]" } },
        ],
      },
    });
    const parsed = parseExpression("[c] * [n]");
    if (!parsed.ok) throw new Error(parsed.message.en);
    const model = buildModel(definition, new Map([["x", { expr: parsed.expr, refs: parsed.refs }]]));
    const table = scoreUnits(model, [unit("u", { c: "Thấp", n: 2.5 }), unit("v", { c: "cao", n: 0.5 })]);
    expect(table.units.map((u) => u.nodes["x"]!.value)).toEqual([0.5, 0.5]);
  });
});

describe("monotone rules", () => {
  const higherRules: [string, Record<string, unknown>][] = [
    ["target", { rule: { kind: "target", target: 50 } }],
    ["minmax", { rule: { kind: "minmax", min: -10, max: 60 } }],
    ["minmax log", { rule: { kind: "minmax", min: 1, max: 1000, transform: "log" } }],
    [
      "steps with ascending atLeast",
      {
        rule: {
          kind: "steps",
          steps: [
            { atLeast: 40, fraction: 1 },
            { atLeast: 20, fraction: 0.6 },
            { atLeast: 0, fraction: 0.1 },
          ],
        },
      },
    ],
    ["count", { rule: { kind: "count", pointsEach: 1.5 } }],
    ["relative", { rule: { kind: "relative" } }],
  ];

  it.each(higherRules)("raising the input never lowers a higher-is-better %s rule's value", (_name, indicator) => {
    const model = oneIndicator(indicator);
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (v, up, other) => {
          const before = scoreUnits(model, [unit("a", { x: v }), unit("b", { x: other })]).units[0]!.nodes["x"]!.value!;
          const after = scoreUnits(model, [unit("a", { x: v + up }), unit("b", { x: other })]).units[0]!.nodes["x"]!.value!;
          return after >= before;
        },
      ),
    );
  });

  it("raising a ratio's numerator never lowers its value", () => {
    const model = oneIndicator({ inputs: [{ code: "a" }, { code: "b" }], rule: { kind: "ratio", numerator: "a", denominator: "b" } });
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (a, up, b) => {
          const value = (num: number) => scoreUnits(model, [unit("u", { a: num, b })]).units[0]!.nodes["x"]!.value!;
          return value(a + up) >= value(a);
        },
      ),
    );
  });
});
