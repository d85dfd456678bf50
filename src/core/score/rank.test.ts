import fc from "fast-check";
import type { ScoreTable } from "../types";
import { rankFigures, scoreUnits, unitsByRank } from "./index";
import { modelOf, unit } from "./test-helpers";

const categories = [
  { id: "so", name: "Sở, ban, ngành" },
  { id: "huyen", name: "UBND cấp huyện" },
];

/** An index whose value is the single fraction input x (no max, so units rank on value). */
function valueIndex(ranking: Record<string, unknown> = {}) {
  return modelOf({
    categories,
    ranking,
    root: { code: "T", name: "Tổng", aggregate: "mean", children: [{ code: "x", name: "x", rule: { kind: "fraction" } }] },
  });
}

function rankUnits(figures: number[], ranking: Record<string, unknown> = {}, names?: string[]): ScoreTable {
  return scoreUnits(
    valueIndex(ranking),
    figures.map((x, i) => unit(`u${i}`, { x }, { name: names?.[i] ?? `Đơn vị ${i}` })),
  );
}

const ranks = (t: ScoreTable) => t.units.map((u) => u.rank);

describe("ranking methods", () => {
  const figures = [0.9, 0.7, 0.7, 0.5];

  it('competition gives ties the same rank and skips the next ("1224", the default)', () => {
    expect(ranks(rankUnits(figures))).toEqual([1, 2, 2, 4]);
  });

  it('dense gives ties the same rank without skipping ("1223")', () => {
    expect(ranks(rankUnits(figures, { method: "dense" }))).toEqual([1, 2, 2, 3]);
  });

  it('ordinal breaks ties by unit name in Vietnamese collation ("1234")', () => {
    // "Đà Nẵng" sorts after "Dak Lak" and before "Hà Nội" in Vietnamese.
    const t = rankUnits([0.7, 0.7, 0.7, 0.9], { method: "ordinal" }, ["Hà Nội", "Đà Nẵng", "Dak Lak", "An Giang"]);
    expect(ranks(t)).toEqual([4, 3, 2, 1]);
  });

  it("ordinal breaks ties between equal names by unit code", () => {
    const model = valueIndex({ method: "ordinal" });
    const t = scoreUnits(model, [unit("B2", { x: 0.5 }, { name: "Sở Y tế" }), unit("A1", { x: 0.5 }, { name: "Sở Y tế" })]);
    expect(ranks(t)).toEqual([2, 1]);
  });

  it("the caller's options override the definition's ranking", () => {
    const t = scoreUnits(
      valueIndex({ method: "dense" }),
      figures.map((x, i) => unit(`u${i}`, { x })),
      { ranking: { method: "ordinal" } },
    );
    expect(t.ranking.method).toBe("ordinal");
    expect(new Set(ranks(t))).toEqual(new Set([1, 2, 3, 4]));
  });
});

describe("rounding before ranking", () => {
  it("ties units whose figures agree at the ranking's decimals (0.12345 and 0.12349 at 3)", () => {
    expect(ranks(rankUnits([0.12345, 0.12349], { decimals: 3 }))).toEqual([1, 1]);
    expect(ranks(rankUnits([0.12345, 0.12349], { decimals: 5 }))).toEqual([2, 1]);
  });

  it("rounds half away from zero on the decimal figure (0.1235 beats 0.1234 at 3 decimals)", () => {
    expect(ranks(rankUnits([0.1235, 0.1244, 0.1234], { decimals: 3 }))).toEqual([1, 1, 3]);
  });

  it("does not let floating-point noise break a tie when no decimals are given", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(ranks(rankUnits([0.1 + 0.2, 0.3]))).toEqual([1, 1]);
  });

  it("keeps values at full precision", () => {
    const t = rankUnits([0.12345], { decimals: 2 });
    expect(t.units[0]!.value).toBe(0.12345);
  });

  /** Two points indicators of 10 points each; ranks on points at 2 decimals. */
  const twoPoints = (extra: Record<string, unknown> = {}) =>
    modelOf({
      ranking: { decimals: 2 },
      root: {
        code: "T",
        name: "Tổng",
        children: [
          { code: "a", name: "A", max: 10, rule: { kind: "points" } },
          { code: "b", name: "B", max: 10, rule: { kind: "points" } },
        ],
      },
      ...extra,
    });

  it("ties totals that end in 5 with the total they round up to (5.005 and 2.5 + 2.505 are 5.01, as 5.01 is)", () => {
    const t = scoreUnits(twoPoints(), [
      unit("U1", { a: 5.005, b: 0 }, { name: "Sở Một" }),
      unit("U2", { a: 5.01, b: 0 }, { name: "Sở Hai" }),
      unit("U3", { a: 2.5, b: 2.505 }, { name: "Sở Ba" }),
    ]);
    expect(ranks(t)).toEqual([1, 1, 1]);
    // The totals are the children's points added up, not value × max (5.004999999999999).
    expect(t.units[0]!.points).toBe(5.005);
    expect(t.units[2]!.points).toBe(5.005);
    expect(t.units[0]!.nodes["a"]!.points).toBe(5.005);
  });

  it("gives points from the figures: a ratio 1001 ÷ 2000 of 10 points is 5.005 points, tied with 5.01", () => {
    const model = modelOf({
      ranking: { decimals: 2 },
      root: {
        code: "T",
        name: "Tổng",
        children: [
          {
            code: "r",
            name: "Tỷ lệ",
            max: 10,
            inputs: [{ code: "n" }, { code: "d" }],
            rule: { kind: "ratio", numerator: "n", denominator: "d" },
          },
        ],
      },
    });
    const t = scoreUnits(model, [unit("x", { n: 1001, d: 2000 }), unit("y", { n: 1002, d: 2000 })]);
    expect(t.units[0]!.points).toBe(5.005);
    expect(ranks(t)).toEqual([1, 1]);
  });

  it("rounds what value × max leaves a hair below a half as a person would (0.55% of 10 points is 0.055 → 0.06)", () => {
    const model = modelOf({
      ranking: { decimals: 2 },
      root: { code: "T", name: "Tổng", children: [{ code: "f", name: "F", max: 10, rule: { kind: "fraction" } }] },
    });
    const t = scoreUnits(model, [unit("x", { f: 0.0055 }), unit("y", { f: 0.006 })]);
    // The indicator's points are value × max, a hair below 0.055 in binary (0.0055 × 10); the table
    // gives them as a person would, 0.055, as the root adding its children's points up does, and
    // the indicator (a child of the root) is ranked on them: 0.06, tied with 0.006 × 10.
    expect(0.0055 * 10).toBeLessThan(0.055);
    expect(t.units[0]!.nodes["f"]!.points).toBe(0.055);
    expect(t.units.map((u) => u.nodes["f"]!.rank)).toEqual([1, 1]);
    expect(t.units[0]!.points).toBe(0.055);
    expect(ranks(t)).toEqual([1, 1]);
  });

  it("ranks groups on totals that end in 5 alike", () => {
    const model = modelOf({
      ranking: { decimals: 2, nodes: "top" },
      root: {
        code: "T",
        name: "Tổng",
        children: [
          { code: "G", name: "G", children: [{ code: "a", name: "A", max: 10, rule: { kind: "points" } }, { code: "b", name: "B", max: 10, rule: { kind: "points" } }] },
          { code: "c", name: "C", max: 10, rule: { kind: "points" } },
        ],
      },
    });
    const t = scoreUnits(model, [unit("x", { a: 2.5, b: 2.505, c: 0 }), unit("y", { a: 5.01, b: 0, c: 0 })]);
    expect(t.units.map((u) => u.nodes["G"]!.rank)).toEqual([1, 1]);
  });
});

describe("units that are not ranked", () => {
  it("excludes units by code or by category, scoring them all the same", () => {
    const model = valueIndex({ exclude: ["u1", "huyen"] });
    const t = scoreUnits(model, [
      unit("u0", { x: 0.5 }, { category: "so" }),
      unit("u1", { x: 0.9 }, { category: "so" }),
      unit("u2", { x: 0.8 }, { category: "huyen" }),
      unit("u3", { x: 0.4 }, { category: "so" }),
    ]);
    expect(t.units.map((u) => [u.rank, u.ranked, u.notRankedReason])).toEqual([
      [1, true, undefined],
      [null, false, "excluded"],
      [null, false, "excluded"],
      [2, true, undefined],
    ]);
    expect(t.units[1]!.value).toBe(0.9);
  });

  it("leaves out units whose coverage is below minCoverage", () => {
    const model = modelOf({
      ranking: { minCoverage: 0.75 },
      root: {
        code: "T",
        name: "T",
        children: ["a", "b", "c", "d"].map((code) => ({ code, name: code, max: 10, rule: { kind: "points" } })),
      },
    });
    const t = scoreUnits(model, [
      unit("full", { a: 1, b: 1, c: 1, d: 1 }),
      unit("three", { a: 9, b: 9, c: 9 }),
      unit("two", { a: 10, b: 10 }),
    ]);
    expect(t.units.map((u) => [u.coverage, u.rank, u.notRankedReason])).toEqual([
      [1, 2, undefined],
      [0.75, 1, undefined],
      [0.5, null, "low-coverage"],
    ]);
  });

  it("leaves out units whose index is not available", () => {
    const model = modelOf({
      missing: "exclude",
      root: { code: "T", name: "T", aggregate: "mean", children: [{ code: "x", name: "x", rule: { kind: "fraction" } }] },
    });
    const t = scoreUnits(model, [unit("a", { x: 0.2 }), unit("b", {})]);
    expect(t.units.map((u) => [u.rank, u.ranked, u.notRankedReason])).toEqual([
      [1, true, undefined],
      [null, false, "not-available"],
    ]);
  });
});

describe("ranks within categories", () => {
  it('gives rankInCategory per category with within: "category", besides the overall rank', () => {
    const t = scoreUnits(valueIndex({ within: "category" }), [
      unit("s1", { x: 0.6 }, { category: "so" }),
      unit("h1", { x: 0.9 }, { category: "huyen" }),
      unit("s2", { x: 0.8 }, { category: "so" }),
      unit("h2", { x: 0.5 }, { category: "huyen" }),
      unit("n", { x: 0.7 }),
    ]);
    expect(t.units.map((u) => [u.rank, u.rankInCategory])).toEqual([
      [4, 2],
      [1, 1],
      [2, 1],
      [5, 2],
      [3, null],
    ]);
  });

  it('gives no rankInCategory with within: "all"', () => {
    const t = scoreUnits(valueIndex(), [unit("s1", { x: 0.6 }, { category: "so" })]);
    expect(t.units[0]!.rankInCategory).toBeNull();
  });
});

describe("ranks of nodes", () => {
  const definition = (nodes?: string) => ({
    categories,
    ranking: { ...(nodes ? { nodes } : {}), within: "category" },
    root: {
      code: "DTI",
      name: "DTI",
      children: [
        { code: "1", name: "Nhận thức số", children: [{ code: "1.1", name: "1.1", max: 10, rule: { kind: "points" } }] },
        {
          code: "2",
          name: "Hạ tầng số",
          children: [
            { code: "2.1", name: "2.1", max: 10, rule: { kind: "points" } },
            {
              code: "2.2",
              name: "2.2",
              max: 10,
              appliesTo: ["so"],
              children: [{ code: "2.2.1", name: "2.2.1", max: 10, rule: { kind: "points" } }],
            },
          ],
        },
      ],
    },
  });
  const units = [
    unit("a", { "1.1": 9, "2.1": 2, "2.2.1": 3 }, { category: "so" }),
    unit("b", { "1.1": 5, "2.1": 8, "2.2.1": 10 }, { category: "so" }),
    unit("c", { "1.1": 7, "2.1": 8, "2.2.1": 10 }, { category: "huyen" }),
    unit("x", { "1.1": 10, "2.1": 10, "2.2.1": 10 }, { category: "so" }),
  ];

  it("ranks the root's children by default, among the ranked units", () => {
    const t = scoreUnits(modelOf({ ...definition(), ranking: { within: "category", exclude: ["x"] } }), units);
    expect(t.rankedNodes).toEqual(["1", "2"]);
    expect(t.units.map((u) => u.nodes["1"]!.rank)).toEqual([1, 3, 2, null]);
    // 2: a 5/20, b 18/20, c 8/10 rescaled to 16/20.
    expect(t.units.map((u) => u.nodes["2"]!.rank)).toEqual([3, 1, 2, null]);
    expect(t.units.map((u) => u.nodes["2"]!.rankInCategory)).toEqual([2, 1, 1, null]);
    expect(t.units[0]!.nodes["2.2"]!.rank).toBeNull();
  });

  it('ranks every group with nodes: "all", among the units where the node is available; the root\'s rank is the unit\'s', () => {
    const t = scoreUnits(modelOf(definition("all")), units);
    expect(t.rankedNodes).toEqual(["1", "2", "2.2"]);
    expect(t.units.map((u) => u.nodes["2.2"]!.rank)).toEqual([3, 1, null, 1]);
    // The root is the unit's total: the JSON's nodes say the unit's rank there too, not null beside "rank": 1.
    expect(t.units.map((u) => u.nodes["DTI"]!.rank)).toEqual(t.units.map((u) => u.rank));
    expect(t.units.some((u) => u.rank !== null)).toBe(true);
  });

  it('ranks with nodes: "all" every node "top" ranks, an indicator directly under the root too, in tree order', () => {
    const d = (nodes: string) => ({
      ranking: { nodes },
      root: {
        code: "R",
        name: "R",
        children: [
          { code: "a", name: "Cổng thông tin", max: 10, rule: { kind: "points" } },
          { code: "G", name: "G", children: [{ code: "g", name: "g", max: 10, rule: { kind: "points" } }] },
        ],
      },
    });
    const subs = [unit("x", { a: 4, g: 9 }), unit("y", { a: 8, g: 3 })];
    const top = scoreUnits(modelOf(d("top")), subs);
    const all = scoreUnits(modelOf(d("all")), subs);
    expect(top.rankedNodes).toEqual(["a", "G"]);
    expect(all.rankedNodes).toEqual(["a", "G"]);
    expect(all.units.map((u) => u.nodes["a"]!.rank)).toEqual([2, 1]);
    expect(all.units.map((u) => u.nodes["G"]!.rank)).toEqual([1, 2]);
    // Indicators below a group are not ranked by either.
    expect(all.units.map((u) => u.nodes["g"]!.rank)).toEqual([null, null]);
  });

  it('ranks no node but the root (the unit\'s own rank) with nodes: "none"', () => {
    const t = scoreUnits(modelOf(definition("none")), units);
    expect(t.rankedNodes).toEqual([]);
    expect(t.units.every((u) => Object.entries(u.nodes).every(([code, n]) => n.rank === (code === "DTI" ? u.rank : null)))).toBe(true);
  });

  it('ranks nodes on the figure the units are ranked on: with on "value", on their value rounded to the decimals', () => {
    const d = {
      ranking: { on: "value", decimals: 1 },
      root: { code: "R", name: "R", children: [{ code: "G", name: "G", children: [{ code: "a", name: "a", max: 100, rule: { kind: "fraction" } }] }] },
    };
    const t = scoreUnits(modelOf(d), [unit("x", { a: 0.51 }), unit("y", { a: 0.54 })]);
    // 0.51 and 0.54 are both 0.5 at one decimal, as the units' own ranks say; their points 51 and 54 are not.
    expect(t.units.map((u) => u.rank)).toEqual([1, 1]);
    expect(t.units.map((u) => u.nodes["G"]!.rank)).toEqual([1, 1]);
    const onPoints = scoreUnits(modelOf({ ...d, ranking: { on: "points", decimals: 1 } }), [unit("x", { a: 0.51 }), unit("y", { a: 0.54 })]);
    expect(onPoints.units.map((u) => u.nodes["G"]!.rank)).toEqual([2, 1]);
  });

  it("ranks a group with max 0 (scores nothing) on its value even when ranking on points", () => {
    const d = {
      ranking: { nodes: "all" },
      root: {
        code: "R",
        name: "R",
        children: [
          { code: "a", name: "a", max: 10, rule: { kind: "fraction" } },
          { code: "S", name: "Đô thị thông minh — không tính điểm", max: 0, children: [{ code: "s", name: "s", max: 5, rule: { kind: "fraction" } }] },
        ],
      },
    };
    const t = scoreUnits(modelOf(d), [unit("x", { a: 0.5, s: 0.2 }), unit("y", { a: 0.5, s: 0.9 })]);
    expect(t.units.map((u) => u.nodes["S"]!.rank)).toEqual([2, 1]);
  });

  it("ranks on points when the root has a max, and on value otherwise", () => {
    expect(scoreUnits(modelOf(definition()), units).ranking.on).toBe("points");
    expect(rankUnits([0.5]).ranking.on).toBe("value");
  });
});

describe("unitsByRank", () => {
  it("lists ranked units by rank, ties and unranked units by Vietnamese name, unranked last", () => {
    const model = valueIndex({ exclude: ["z"] });
    const t = scoreUnits(model, [
      unit("z", { x: 1 }, { name: "Sở Xây dựng" }),
      unit("c", { x: 0.5 }, { name: "Sở Tư pháp" }),
      unit("b", { x: 0.8 }, { name: "Sở Y tế" }),
      unit("d", { x: 0.5 }, { name: "Sở Tài chính" }),
      unit("e", {}, { name: "Sở Công Thương" }),
    ]);
    expect(unitsByRank(t).map((u) => u.code)).toEqual(["b", "d", "c", "e", "z"]);
  });
});

describe("ranking properties", () => {
  const figure = fc.integer({ min: 0, max: 20 }).map((n) => n / 20);
  const method = fc.constantFrom("competition" as const, "dense" as const, "ordinal" as const);

  it("gives each unit the same rank whatever the order of the units", () => {
    fc.assert(
      fc.property(fc.array(figure, { minLength: 1, maxLength: 12 }), method, (figures, m) => {
        const subs = figures.map((x, i) => unit(`u${i}`, { x }, { name: `Đơn vị ${String.fromCharCode(65 + (i % 5))}${i}` }));
        const model = valueIndex({ method: m });
        const forward = scoreUnits(model, subs);
        const backward = scoreUnits(model, [...subs].reverse());
        const byCode = new Map(backward.units.map((u) => [u.code, u.rank]));
        return forward.units.every((u) => byCode.get(u.code) === u.rank);
      }),
    );
  });

  it("gives tied figures the same rank (competition and dense), and higher figures better ranks", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1000),
          { minLength: 1, maxLength: 15 },
        ),
        fc.constantFrom("competition" as const, "dense" as const),
        (figures, m) => {
          const entries = [...figures, ...figures.slice(0, 3)].map((f, i) => ({ figure: f, name: `n${i}`, code: `c${i}` }));
          const r = rankFigures(entries, m);
          return entries.every((a, i) =>
            entries.every((b, j) => (a.figure === b.figure ? r[i] === r[j] : a.figure > b.figure ? r[i]! < r[j]! : r[i]! > r[j]!)),
          );
        },
      ),
    );
  });
});
