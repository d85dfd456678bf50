/**
 * The Score step's "Làm tròn khi xếp hạng" choice (src/taskpane/state/pipeline.ts, ScoreStep.tsx)
 * on the Excel double: "Không làm tròn" ranks on the unrounded points even when the index rounds
 * (every built-in index does), and the table shows the points with decimals enough to tell the
 * units ranked apart.
 */
import { parseDefinition } from "../../src/core/definition";
import type { IndexModel } from "../../src/core/definition/model";
import { decimalsChoices, leastDecimals, shownDecimals } from "../../src/taskpane/components/ScoreStep";
import { BUILTIN_INDICES } from "../../src/indices";
import { score } from "../../src/taskpane/state/pipeline";
import { openExcelWorkbench } from "../../src/taskpane/state/excel";
import type { RankingChoice } from "../../src/taskpane/state/usePane";
import { createExcelDouble } from "../excel-double";

/** Points out of 20 from one input; the index ranks on points rounded to one decimal. */
function roundingIndex(): IndexModel {
  const parsed = parseDefinition({
    format: "index-definition/1",
    id: "lam-tron",
    version: "1",
    name: "Bộ chỉ số làm tròn",
    ranking: { decimals: 1 },
    root: { code: "R", name: "Tổng", children: [{ code: "a", name: "Điểm A", max: 20, rule: { kind: "points" } }] },
  });
  if (!parsed.ok) throw new Error("the test index does not parse");
  return parsed.model;
}

async function scoredWith(decimals: number | null) {
  const double = createExcelDouble();
  // A table of units: 10.25, 10.3 and 10.34 points, all 10.3 at one decimal.
  double.addSheet("Đơn vị", [["Mã đơn vị", "Đơn vị", "a"], ["U1", "Một", 10.25], ["U2", "Hai", 10.3], ["U3", "Ba", 10.34]]);
  double.install();
  const model = roundingIndex();
  const ranking: RankingChoice = { method: "competition", decimals, within: "all" };
  const run = await score(openExcelWorkbench(), model, { lang: "vi", ranking, profileUnits: [], chartKinds: ["barSorted"], onProgress: async () => undefined });
  return { run, model };
}

const ranks = (units: { code: string; rank: number | null }[]) => Object.fromEntries(units.map((u) => [u.code, u.rank]));

describe('"Không làm tròn" in the Score step', () => {
  test("ranks on the unrounded points though the index rounds to one decimal: U3 1st, U2 2nd, U1 3rd, shown with two decimals", async () => {
    const { run, model } = await scoredWith(null);
    expect(ranks(run.units)).toEqual({ U3: 1, U2: 2, U1: 3 });
    expect(run.ranking).not.toHaveProperty("decimals");
    // 10.34, 10.30 and 10.25: two decimals tell them apart.
    expect(shownDecimals({ ranking: run.ranking, units: run.units }, model, true)).toBe(2);
  }, 60_000);

  test("with the index's one decimal the three units tie, and show 10.3 each", async () => {
    const { run, model } = await scoredWith(1);
    expect(ranks(run.units)).toEqual({ U1: 1, U2: 1, U3: 1 });
    expect(run.ranking.decimals).toBe(1);
    expect(shownDecimals({ ranking: run.ranking, units: run.units }, model, true)).toBe(1);
  }, 60_000);
});

describe("the decimals the Score step's table shows", () => {
  const ranking = { method: "competition" as const, on: "points" as const, within: "all" as const, nodes: "top" as const, minCoverage: 0, exclude: [] };
  const unit = (code: string, points: number, rank: number) => ({ code, name: code, points, value: points / 20, rank, ranked: true, nodes: {} }) as never;

  test("without rounding, as many as tell apart the units ranked apart (10.004 and 10.001: three), with the index or without it", () => {
    const summary = { ranking, units: [unit("U1", 10.004, 1), unit("U2", 10.001, 2)] };
    expect(shownDecimals(summary, roundingIndex(), true)).toBe(3);
    // A definition that cannot be used was chosen since: the run's figures alone decide.
    expect(shownDecimals(summary, undefined, true)).toBe(3);
  });
});

describe("the numbers of decimals the Score step offers", () => {
  test("0 to 4, and up to the definition's 6 (or 12) when it rounds to more, so that the select shows the rounding in force", () => {
    expect(decimalsChoices(undefined, null)).toEqual([0, 1, 2, 3, 4]);
    expect(decimalsChoices(3, 3)).toEqual([0, 1, 2, 3, 4]);
    expect(decimalsChoices(6, 6)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(decimalsChoices(12, 12)).toHaveLength(13);
    // "Không làm tròn" chosen for an index of 6: its 6 stays on offer.
    expect(decimalsChoices(6, null)).toContain(6);
    // An index ranked on its values (0 to 1): no rounding to 0 or 1 decimals, which would make them all 1s and 0s, unless in force.
    expect(decimalsChoices(3, null, 2)).toEqual([2, 3, 4]);
    expect(decimalsChoices(undefined, 1, 2)).toEqual([1, 2, 3, 4]);
    const model = (id: string) => {
      const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === id)!.definition);
      if (!r.ok) throw new Error(id);
      return r.model;
    };
    expect(leastDecimals(model("undp-hdi"))).toBe(2);
    expect(leastDecimals(model("dti-so-nganh-mau"))).toBe(0);
    expect(leastDecimals(undefined)).toBe(0);
  });
});
