/**
 * A run's ranking over the definition's (the task pane's choices): "no rounding" (`decimals: null`)
 * compares the figures unrounded even when the definition rounds them, as every built-in index does.
 */
import type { RankingOverride, ScoreTable } from "../types";
import { resolveRanking, scoreUnits } from "./index";
import { modelOf, unit } from "./test-helpers";

/** Points out of 20 from one input; the definition ranks on points rounded to one decimal. */
const model = modelOf({
  ranking: { decimals: 1 },
  root: { code: "R", name: "Tổng", children: [{ code: "a", name: "A", max: 20, rule: { kind: "points" } }] },
});

function ranked(ranking?: RankingOverride): ScoreTable {
  return scoreUnits(
    model,
    [10.25, 10.3, 10.34].map((a, i) => unit(`U${i + 1}`, { a })),
    ranking ? { ranking } : {},
  );
}

const ranks = (t: ScoreTable) => t.units.map((u) => u.rank);

describe("the number of decimals a run ranks on", () => {
  test("without an override, the definition's one decimal: 10.25, 10.3 and 10.34 points all round to 10.3 and share the 1st rank", () => {
    expect(ranks(ranked())).toEqual([1, 1, 1]);
    expect(ranked().ranking.decimals).toBe(1);
  });

  test('"no rounding" (decimals: null) compares the points unrounded, whatever the definition gives: 3rd, 2nd, 1st', () => {
    const t = ranked({ decimals: null });
    expect(ranks(t)).toEqual([3, 2, 1]);
    // The ranking in force says no decimals, as for a definition that gives none (and the --json output has none).
    expect(t.ranking).not.toHaveProperty("decimals");
  });

  test("a number of decimals overrides the definition's, and a key left out keeps it", () => {
    expect(ranks(ranked({ decimals: 2 }))).toEqual([3, 2, 1]);
    expect(ranks(ranked({ decimals: 0 }))).toEqual([1, 1, 1]);
    expect(resolveRanking(model, { ranking: { method: "dense" } })).toMatchObject({ method: "dense", decimals: 1 });
    expect(resolveRanking(model, { ranking: { method: "dense", decimals: null } })).toEqual(expect.not.objectContaining({ decimals: expect.anything() }));
  });
});
