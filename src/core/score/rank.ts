/**
 * Ranking: ranks from figures (index-definition.md, "Ranking"). Higher is better.
 */
import { compareVi } from "../i18n/text";
import type { ScoreTable, UnitResult } from "../types";
import { roundHalfUp } from "./round";

export type RankMethod = ScoreTable["ranking"]["method"];

/** A unit taking part in one ranking. */
export interface RankEntry {
  figure: number;
  name: string;
  code: string;
}

/** Decimals figures are compared on when the ranking gives none: enough for any score, few enough to drop floating-point noise. */
export const DEFAULT_RANK_DECIMALS = 10;

/** The figure as it is compared: rounded half away from zero to `decimals` (10 when not given). */
export function rankingFigure(figure: number, decimals: number | undefined): number {
  return roundHalfUp(figure, decimals ?? DEFAULT_RANK_DECIMALS);
}

function byNameThenCode(a: { name: string; code: string }, b: { name: string; code: string }): number {
  return compareVi(a.name, b.name) || compareVi(a.code, b.code) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * Ranks of `entries`, in the same order. Figures are first rounded (see `rankingFigure`), so
 * two units whose figures round alike tie. Methods: "competition" gives ties the same rank and
 * skips the next ones (1, 2, 2, 4); "dense" does not skip (1, 2, 2, 3); "ordinal" gives every
 * unit its own rank (1, 2, 3, 4), ties broken by unit name in Vietnamese collation, then code.
 */
export function rankFigures(entries: RankEntry[], method: RankMethod, decimals?: number): number[] {
  const figures = entries.map((e) => rankingFigure(e.figure, decimals));
  const order = entries.map((_, i) => i);
  order.sort((i, j) => {
    const d = figures[j]! - figures[i]!;
    if (d !== 0) return d;
    return method === "ordinal" ? byNameThenCode(entries[i]!, entries[j]!) : 0;
  });
  const ranks = new Array<number>(entries.length);
  let distinct = 0;
  let previous: number | undefined;
  let groupRank = 0;
  order.forEach((i, position) => {
    const f = figures[i]!;
    if (previous === undefined || f !== previous) {
      distinct += 1;
      groupRank = position + 1;
      previous = f;
    }
    ranks[i] = method === "ordinal" ? position + 1 : method === "dense" ? distinct : groupRank;
  });
  return ranks;
}

/**
 * Units in the order of a results table: ranked units by rank, then the units that are not
 * ranked; units on the same footing by name (Vietnamese collation), then code.
 */
export function unitsByRank(table: ScoreTable): UnitResult[] {
  return [...table.units].sort((a, b) => {
    if (a.ranked !== b.ranked) return a.ranked ? -1 : 1;
    if (a.ranked && b.ranked && a.rank !== b.rank) return (a.rank ?? Infinity) - (b.rank ?? Infinity);
    return byNameThenCode(a, b);
  });
}
