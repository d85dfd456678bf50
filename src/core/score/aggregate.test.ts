import type { InputValue } from "../types";
import { scoreUnits } from "./index";
import { modelOf, unit } from "./test-helpers";

const categories = [
  { id: "co-dvc", name: { vi: "Sở có dịch vụ công", en: "Departments with public services" } },
  { id: "khong-dvc", name: { vi: "Sở không có dịch vụ công", en: "Departments without public services" } },
];

/** A points indicator with this max. */
const pts = (code: string, max: number, extra: Record<string, unknown> = {}) => ({
  code,
  name: `Chỉ tiêu ${code}`,
  max,
  rule: { kind: "points" },
  ...extra,
});
/** A fraction indicator (no max). */
const frac = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `Chỉ số ${code}`,
  rule: { kind: "fraction" },
  ...extra,
});

function scoreOne(definition: Record<string, unknown>, values: Record<string, InputValue>, extra: Parameters<typeof unit>[2] = {}) {
  return scoreUnits(modelOf(definition), [unit("u", values, extra)]).units[0]!;
}

describe("sum groups", () => {
  const dti = {
    categories,
    root: {
      code: "DTI",
      name: "Chỉ số DTI",
      children: [
        { code: "1", name: "Nhận thức số", children: [pts("1.1", 20), pts("1.2", 30)] },
        { code: "2", name: "Dịch vụ công", children: [pts("2.1", 40, { appliesTo: ["co-dvc"] }), pts("2.2", 10)] },
      ],
    },
  };

  it("adds up the children's points and divides by their max", () => {
    const u = scoreOne(dti, { "1.1": 10, "1.2": 30, "2.1": 20, "2.2": 5 }, { category: "co-dvc" });
    expect(u.nodes["1"]).toMatchObject({ points: 40, value: 0.8 });
    expect(u.nodes["2"]).toMatchObject({ points: 25, value: 0.5 });
    expect(u.points).toBe(65);
    expect(u.value).toBe(0.65);
  });

  it("rescales the other children to the group's max when a child is not applicable (không áp dụng)", () => {
    const u = scoreOne(dti, { "1.1": 10, "1.2": 30, "2.2": 5 }, { category: "khong-dvc" });
    expect(u.nodes["2.1"]).toMatchObject({ available: false, reason: "not-applicable", value: null, points: null });
    expect(u.nodes["2"]!.value).toBe(0.5);
    expect(u.nodes["2"]!.points).toBe(25);
    // Group 2 keeps its max of 50, so 2.2's 5 of 10 counts as 25 of 50 at the root.
    expect(u.points).toBe(65);
    expect(u.value).toBe(0.65);
  });

  it("scores a max-0 group (shown, scores nothing) as the mean of its children's values and 0 points", () => {
    const u = scoreOne(
      {
        root: {
          code: "T",
          name: "Tổng",
          children: [
            pts("1", 10),
            {
              code: "S",
              name: "Đô thị thông minh — không tính điểm",
              max: 0,
              rescale: true,
              children: [frac("s1", { max: 0 }), frac("s2", { max: 0 })],
            },
          ],
        },
      },
      { "1": 5, s1: 0.2, s2: 0.6 },
    );
    expect(u.nodes["S"]!.value).toBeCloseTo(0.4, 12);
    expect(u.nodes["S"]!.points).toBe(0);
    expect(u.value).toBe(0.5);
    expect(u.points).toBe(5);
  });
});

describe("sum groups whose available children score nothing", () => {
  const definition = {
    root: {
      code: "T",
      name: "Tổng",
      children: [
        pts("z", 10),
        { code: "G", name: "G", children: [pts("a", 10, { allowNA: true }), frac("s", { max: 0 })] },
      ],
    },
  };

  it("a group with max > 0 whose only available children have max 0 is not available, not given full points", () => {
    const u = scoreOne(definition, { z: 0, s: 1 }, { notApplicable: ["a"] });
    expect(u.nodes["G"]).toMatchObject({ available: false, reason: "children-unavailable", value: null, points: null });
    expect(u.nodes["s"]).toMatchObject({ available: true, value: 1, points: 0 });
    expect(u.points).toBe(0);
    expect(u.value).toBe(0);
  });

  it("the same group scores its scored child as usual when that child is available", () => {
    const u = scoreOne(definition, { z: 0, a: 5, s: 1 });
    expect(u.nodes["G"]).toMatchObject({ available: true, value: 0.5, points: 5 });
  });

  it("a group with max 0 over scored children shows their value and scores 0 points, counting 0 in its parent", () => {
    const u = scoreOne(
      {
        root: {
          code: "T",
          name: "Tổng",
          children: [pts("1", 10), { code: "S", name: "Đô thị thông minh — không tính điểm", max: 0, children: [pts("s1", 5)] }],
        },
      },
      { "1": 5, s1: 4 },
    );
    expect(u.nodes["S"]).toMatchObject({ available: true, value: 0.8, points: 0 });
    expect(u.points).toBe(5);
    expect(u.value).toBe(0.5);
  });
});

describe("mean, geomean, min and expr groups", () => {
  const group = (aggregate: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
    root: { code: "T", name: "Tổng", aggregate, children, ...extra },
  });

  it("mean: weighted arithmetic mean of the children's values", () => {
    const u = scoreOne(group("mean", [frac("a", { weight: 3 }), frac("b")]), { a: 0.8, b: 0.4 });
    expect(u.value).toBeCloseTo(0.7, 12);
    expect(u.points).toBeNull();
  });

  it("mean: renormalises the weights over the available children", () => {
    const u = scoreOne(
      { missing: "exclude", ...group("mean", [frac("a", { weight: 3 }), frac("b"), frac("c", { weight: 2 })]) },
      { a: 0.8, c: 0.2 },
    );
    expect(u.value).toBeCloseTo((3 * 0.8 + 2 * 0.2) / 5, 12);
  });

  it("geomean: weighted geometric mean, as the HDI's", () => {
    const u = scoreOne(group("geomean", [frac("h"), frac("e"), frac("i")]), { h: 0.9, e: 0.6, i: 0.8 });
    expect(u.value).toBeCloseTo(Math.cbrt(0.9 * 0.6 * 0.8), 12);
    const w = scoreOne(group("geomean", [frac("h", { weight: 2 }), frac("e")]), { h: 0.25, e: 1 });
    expect(w.value).toBeCloseTo(0.25 ** (2 / 3), 12);
  });

  it("geomean: 0 as soon as one child is 0", () => {
    const u = scoreOne(group("geomean", [frac("h"), frac("e")]), { h: 0.9, e: 0 });
    expect(u.value).toBe(0);
    expect(u.nodes["T"]!.available).toBe(true);
  });

  it("min: the smallest available child value", () => {
    expect(scoreOne(group("min", [frac("a"), frac("b"), frac("c")]), { a: 0.8, b: 0.3, c: 0.5 }).value).toBe(0.3);
  });

  it("expr: evaluates the group's expression over its children's values, without clipping", () => {
    const u = scoreOne(group("expr", [frac("R"), frac("V")], { expr: "([R] - [V] + 1) / 2", max: 100 }), { R: 0.7, V: 0.3 });
    expect(u.value).toBeCloseTo(0.7, 12);
    expect(u.points).toBeCloseTo(70, 10);
    expect(scoreOne(group("expr", [frac("R"), frac("V")], { expr: "[R] * 3" }), { R: 0.7, V: 0.3 }).value).toBeCloseTo(2.1, 12);
  });

  it('expr: counts as 0 under missing "zero" when the expression has no finite result', () => {
    const u = scoreOne(group("expr", [frac("R"), frac("V")], { expr: "[R] / [V]" }), { R: 0.7, V: 0 });
    expect(u.nodes["T"]).toMatchObject({ available: true, value: 0 });
    expect(u.ranked).toBe(true);
  });

  it('expr: is not available (invalid-result) under missing "exclude" when the expression has no finite result', () => {
    const u = scoreOne({ missing: "exclude", ...group("expr", [frac("R"), frac("V")], { expr: "[R] / [V]" }) }, { R: 0.7, V: 0 });
    expect(u.nodes["T"]).toMatchObject({ available: false, reason: "invalid-result", value: null });
    expect(u.ranked).toBe(false);
    expect(u.notRankedReason).toBe("not-available");
  });

  it("expr: is not available when a child it refers to is not available, the expression having nothing to work on", () => {
    const d = group("expr", [frac("a"), frac("b", { allowNA: true })], { expr: "([a] + [b]) / 2" });
    const u = scoreOne(d, { a: 0.9 }, { notApplicable: ["b"] });
    expect(u.nodes["T"]).toMatchObject({ available: false, reason: "children-unavailable", value: null });
    expect(u.notRankedReason).toBe("not-available");
  });

  it("expr: a child in an IF branch the expression does not take is not needed, as an expr rule's input is not", () => {
    const d = group("expr", [frac("a"), frac("b", { allowNA: true })], { expr: "IF([a] >= 0.5, [a], [b])" });
    expect(scoreOne(d, { a: 0.8 }, { notApplicable: ["b"] }).nodes["T"]).toMatchObject({ available: true, value: 0.8 });
    // The branch taken needs b: then the group is not available.
    expect(scoreOne(d, { a: 0.2 }, { notApplicable: ["b"] }).nodes["T"]).toMatchObject({ available: false, reason: "children-unavailable" });
    expect(scoreOne(d, { a: 0.2, b: 0.4 }).nodes["T"]).toMatchObject({ available: true, value: 0.4 });
  });

  it("a group none of whose children is available is itself not available", () => {
    const u = scoreOne(
      {
        missing: "exclude",
        root: {
          code: "T",
          name: "T",
          children: [pts("1", 10), { code: "G", name: "G", aggregate: "mean", max: 10, children: [frac("a"), frac("b")] }],
        },
      },
      { "1": 4 },
    );
    expect(u.nodes["G"]).toMatchObject({ available: false, reason: "children-unavailable", value: null, points: null });
    expect(u.value).toBe(0.4);
  });
});

describe("children with max 0 (shown, scoring nothing) under mean, geomean and min", () => {
  /** A group that scores nothing ("không tính điểm") over one indicator of 10 points. */
  const unscored = { code: "G0", name: "Đô thị thông minh — không tính điểm", max: 0, children: [pts("b", 10)] };
  const group = (aggregate: string, children: unknown[]) => ({ root: { code: "T", name: "Tổng", aggregate, children } });

  it.each(["mean", "geomean", "min"])("%s leaves a max-0 child out, so it neither lowers nor raises its parent", (aggregate) => {
    const low = scoreOne({ root: { code: "T", name: "Tổng", aggregate, children: [frac("a"), unscored] } }, { a: 0.8, b: 0 });
    expect(low.nodes["G0"]).toMatchObject({ available: true, value: 0, points: 0 });
    expect(low.value).toBeCloseTo(0.8, 12);
    const high = scoreOne({ root: { code: "T", name: "Tổng", aggregate, children: [frac("a"), unscored] } }, { a: 0.2, b: 10 });
    expect(high.value).toBeCloseTo(0.2, 12);
  });

  it("leaves out a max-0 indicator as well, and keeps the weights of the others", () => {
    const u = scoreOne(group("mean", [frac("a", { weight: 3 }), frac("c"), frac("z", { max: 0, weight: 5 })]), { a: 1, c: 0, z: 0 });
    expect(u.value).toBeCloseTo(0.75, 12);
  });

  it("a group whose only available children score nothing is not available, as a sum group is", () => {
    const u = scoreOne(
      {
        missing: "exclude",
        root: { code: "T", name: "Tổng", aggregate: "mean", children: [frac("a"), { code: "G", name: "G", aggregate: "mean", children: [frac("c"), unscored] }] },
      },
      { a: 0.6, b: 5 },
    );
    expect(u.nodes["G"]).toMatchObject({ available: false, reason: "children-unavailable" });
    expect(u.value).toBeCloseTo(0.6, 12);
  });

  it("a group all of whose children score nothing still shows their mean", () => {
    const u = scoreOne(group("mean", [frac("a"), { code: "G", name: "G", aggregate: "mean", children: [frac("x", { max: 0 }), frac("y", { max: 0 })] }]), {
      a: 0.6,
      x: 0.2,
      y: 0.4,
    });
    expect(u.nodes["G"]!.value).toBeCloseTo(0.3, 12);
    expect(u.value).toBeCloseTo(0.45, 12);
  });
});

describe("binary rounding at a full score", () => {
  // 0.1 + 0.2 is 0.30000000000000004 and 1.1 + 2.2 is 3.3000000000000003 in binary: over groups of
  // max 0.3 and 3.3 and a root of 3.6, a full score would be 1.0000000000000002, 3.6000000000000005 points.
  const tree = (aggregate: string) => ({
    root: {
      code: "T",
      name: "Tổng",
      max: 3.6,
      ...(aggregate === "sum" ? {} : { aggregate }),
      children: [
        { code: "A", name: "A", max: 0.3, aggregate, children: [pts("a1", 0.1), pts("a2", 0.2)] },
        { code: "B", name: "B", max: 3.3, aggregate, children: [pts("b1", 1.1), pts("b2", 2.2)] },
      ],
    },
  });
  const full = { a1: 0.1, a2: 0.2, b1: 1.1, b2: 2.2 };

  it("gives a sum group whose children all have their max a value of exactly 1 and points of exactly its max", () => {
    const u = scoreUnits(modelOf(tree("sum")), [unit("u", full)]).units[0]!;
    expect([u.value, u.points]).toEqual([1, 3.6]);
    expect([u.nodes["A"]!.value, u.nodes["A"]!.points, u.nodes["B"]!.value, u.nodes["B"]!.points]).toEqual([1, 0.3, 1, 3.3]);
  });

  it("does the same for sum groups without a max of their own, whose max is their children's to 15 significant digits", () => {
    const noMax = {
      root: {
        code: "T",
        name: "Tổng",
        children: [
          { code: "A", name: "A", children: [pts("a1", 0.1), pts("a2", 0.2)] },
          { code: "B", name: "B", children: [pts("b1", 1.1), pts("b2", 2.2)] },
        ],
      },
    };
    const u = scoreUnits(modelOf(noMax), [unit("u", full)]).units[0]!;
    expect([u.value, u.points]).toEqual([1, 3.6]);
    expect([u.nodes["A"]!.points, u.nodes["B"]!.points]).toEqual([0.3, 3.3]);
  });

  it("does the same for mean and geomean groups", () => {
    for (const aggregate of ["mean", "geomean"]) {
      const u = scoreUnits(modelOf(tree(aggregate)), [unit("u", full)]).units[0]!;
      expect([aggregate, u.value, u.points]).toEqual([aggregate, 1, 3.6]);
    }
  });

  it("adds the children's points and max to 15 significant digits, so half of every figure is 0.5 of the index and 1.8 points", () => {
    // 0.05 + 0.1 is 0.15000000000000002 in binary, 0.55 + 1.1 is 1.6500000000000001, their sum
    // 1.8000000000000003, and that over the children's max 0.3 + 3.3 (3.5999999999999996) 0.5000000000000001.
    const half = { a1: 0.05, a2: 0.1, b1: 0.55, b2: 1.1 };
    for (const definition of [tree("sum"), { root: { ...tree("sum").root, max: undefined } }]) {
      const u = scoreUnits(modelOf(definition), [unit("u", half)]).units[0]!;
      expect([u.value, u.points]).toEqual([0.5, 1.8]);
      expect([u.nodes["A"]!.value, u.nodes["A"]!.points, u.nodes["B"]!.value, u.nodes["B"]!.points]).toEqual([0.5, 0.15, 0.5, 1.65]);
    }
  });

  it("rescales to the group's max to 15 significant digits when a child is not applicable: 0.15 of 0.3 is 0.45 of 0.9", () => {
    const u = scoreOne(
      {
        root: {
          code: "T",
          name: "Tổng",
          children: [{ code: "G", name: "G", max: 0.9, rescale: true, children: [pts("a1", 0.1), pts("a2", 0.2), pts("a3", 0.6, { allowNA: true })] }],
        },
      },
      { a1: 0.05, a2: 0.1 },
      { notApplicable: ["a3"] },
    );
    // 0.15 × 0.9 ÷ 0.3 is 0.45000000000000007 in binary.
    expect([u.nodes["G"]!.value, u.nodes["G"]!.points]).toEqual([0.5, 0.45]);
    expect([u.value, u.points]).toEqual([0.5, 0.45]);
  });

  it("rescales the exact sum, not the sum cut to 15 digits, so that an exact half stays a half and ties stay tied", () => {
    // P: 5/12 of 5 points, 0, and the 35-point child not applicable: 25/12 of 10, rescaled to 45, is 9.375.
    // R: 0 + 5 + 4.375 = 9.375. Cut first, 25/12 is 2.08333333333333, and times 4.5 9.37499999999998 (9.37).
    const definition = {
      ranking: { decimals: 2 },
      root: {
        code: "T",
        name: "Tổng",
        children: [
          {
            code: "G",
            name: "G",
            max: 45,
            rescale: true,
            children: [
              { code: "a", name: "a", max: 5, inputs: [{ code: "n" }, { code: "d" }], rule: { kind: "ratio", numerator: "n", denominator: "d" } },
              pts("b", 5),
              pts("c", 35, { allowNA: true }),
            ],
          },
        ],
      },
    };
    const t = scoreUnits(modelOf(definition), [unit("P", { n: 5, d: 12, b: 0 }, { notApplicable: ["c"] }), unit("R", { n: 0, d: 12, b: 5, c: 4.375 })]);
    expect(t.units.map((u) => [u.nodes["G"]!.points, u.points, u.rank])).toEqual([
      [9.375, 9.375, 1],
      [9.375, 9.375, 1],
    ]);
  });

  it("keeps a group over a child beyond 1 (an uncapped ratio) as computed", () => {
    const t = scoreUnits(modelOf({ root: { code: "T", name: "T", children: [pts("p", 0.1), { code: "r", name: "r", max: 0.2, inputs: [{ code: "n" }, { code: "d" }], rule: { kind: "ratio", numerator: "n", denominator: "d", cap: false } }] } }), [
      unit("u", { p: 0.1, n: 3, d: 1 }),
    ]);
    expect(t.units[0]!.value).toBeGreaterThan(1);
  });
});

describe("a ratio with cap: false, the one rule whose value may exceed 1", () => {
  const definition = {
    root: {
      code: "T",
      name: "Tổng",
      children: [
        pts("p", 10),
        { code: "r", name: "Tỷ lệ vượt kế hoạch", max: 10, inputs: [{ code: "n" }, { code: "d" }], rule: { kind: "ratio", numerator: "n", denominator: "d", cap: false } },
      ],
    },
  };

  it("gives points above the indicator's max, carried into its groups, and ranks on them", () => {
    const t = scoreUnits(modelOf(definition), [unit("x", { p: 5, n: 30, d: 10 }), unit("y", { p: 10, n: 10, d: 10 }), unit("z", { p: 10, n: 0, d: 10 })]);
    expect(t.units[0]!.nodes["r"]).toMatchObject({ value: 3, points: 30, available: true });
    expect(t.units[0]!.points).toBe(35);
    expect(t.units[0]!.value).toBe(1.75);
    expect(t.units.map((u) => u.rank)).toEqual([1, 2, 3]);
  });
});

describe("missing data", () => {
  const definition = (missing: "zero" | "exclude") => ({
    missing,
    root: { code: "T", name: "T", children: [pts("1", 10), pts("2", 30)] },
  });

  it('under missing "zero" a missing input scores 0, stays available and is flagged', () => {
    const u = scoreOne(definition("zero"), { "1": 10 });
    expect(u.nodes["2"]).toMatchObject({ value: 0, points: 0, available: true, missingScoredZero: true, coverage: 0 });
    expect(u.nodes["1"]!.missingScoredZero).toBeUndefined();
    expect(u.points).toBe(10);
    expect(u.missingInputs).toEqual(["2"]);
    expect(u.coverage).toBe(0.5);
  });

  it('under missing "exclude" a missing input is not available and the rest is rescaled', () => {
    const u = scoreOne(definition("exclude"), { "1": 10 });
    expect(u.nodes["2"]).toMatchObject({ value: null, available: false, reason: "missing" });
    expect(u.value).toBe(1);
    expect(u.points).toBe(40);
    expect(u.missingInputs).toEqual(["2"]);
  });
});

describe("applicability", () => {
  const definition = {
    categories,
    root: {
      code: "T",
      name: "T",
      children: [
        pts("1", 10),
        pts("2", 10, { allowNA: true }),
        pts("3", 10),
        { code: "G", name: "Dịch vụ công trực tuyến", appliesTo: ["co-dvc"], children: [pts("g1", 10), pts("g2", 10)] },
      ],
    },
  };
  const all = { "1": 5, "2": 5, "3": 5, g1: 5, g2: 5 };

  it("makes a group and its indicators not applicable to units of other categories, or with no category", () => {
    for (const extra of [{ category: "khong-dvc" }, {}]) {
      const u = scoreOne(definition, all, extra);
      expect(u.nodes["G"]).toMatchObject({ available: false, reason: "not-applicable" });
      expect(u.nodes["g1"]).toMatchObject({ available: false, reason: "not-applicable" });
      // 15 of the 30 applicable points, rescaled to the root's 50.
      expect(u.value).toBe(0.5);
      expect(u.points).toBe(25);
    }
    expect(scoreOne(definition, all, { category: "co-dvc" }).nodes["G"]!.points).toBe(10);
  });

  it("takes an N/A answer where allowNA is true as not available (answered-na)", () => {
    const u = scoreOne(definition, { "1": 5, "3": 5 }, { category: "co-dvc", notApplicable: ["2"] });
    expect(u.nodes["2"]).toMatchObject({ available: false, reason: "answered-na" });
    expect(u.missingInputs).toEqual(["g1", "g2"]);
  });

  it("treats an N/A answer where allowNA is false as missing", () => {
    const u = scoreOne(definition, { ...all, "3": 5 }, { category: "co-dvc", notApplicable: ["3"] });
    expect(u.nodes["3"]).toMatchObject({ value: 0, available: true, missingScoredZero: true });
    expect(u.missingInputs).toEqual(["3"]);
  });

  it("counts coverage over the applicable indicators only", () => {
    const u = scoreOne(definition, { "1": 5, "3": 5 }, { category: "khong-dvc", notApplicable: ["2"] });
    expect(u.coverage).toBe(1);
    // Nothing under G applies to the unit: a share of nothing, neither complete nor without data.
    expect(u.nodes["G"]!.coverage).toBeNull();
    expect(u.nodes["2"]!.coverage).toBeNull();
    const v = scoreOne(definition, { "1": 5, g1: 5 }, { category: "co-dvc" });
    expect(v.coverage).toBe(2 / 5);
    expect(v.nodes["G"]!.coverage).toBe(0.5);
  });

  it("gives a unit to which no indicator applies no coverage (null, not 100%), and does not hold it below the minimum", () => {
    const only = { categories, ranking: { minCoverage: 0.5 }, root: { code: "T", name: "T", children: [pts("1", 10, { allowNA: true }), { ...pts("2", 10), appliesTo: ["co-dvc"] }] } };
    const u = scoreOne(only, {}, { category: "khong-dvc", notApplicable: ["1"] });
    expect(u).toMatchObject({ coverage: null, value: null, ranked: false, notRankedReason: "not-available" });
  });
});
