/**
 * How the project shows figures (points, values) wherever it writes them: their number formats and
 * which of them are left out. Light, with no planning: the pane shows figures as the results sheet
 * does with its first scripts, before the planner (a chunk of its own) is loaded. results-sheet.ts
 * and charts.ts take them from here; results-sheet.ts exports them too.
 */
import type { IndexModel } from "../definition/model";
import type { ScoreTable, UnitResult } from "../types";
import { DEFAULT_RANK_DECIMALS, rankingFigure } from "../score/rank";
import { decimalFigure, roundHalfUp } from "../score/round";
import { rankedNodeCodes } from "../score/score";

/** Values and points when the ranking does not say how many decimals it compares (the fewest: figureFormats may show more). */
export const VALUE_FORMAT = "0.0000";
export const POINTS_FORMAT = "0.00";
/** The decimals of POINTS_FORMAT and VALUE_FORMAT. */
const POINTS_DECIMALS = 2;
const VALUE_DECIMALS = 4;

/** A number format with `decimals` places: 0 → "0", 1 → "0.0", 3 → "0.000". */
export function decimalFormat(decimals: number): string {
  const d = Math.max(0, Math.min(12, Math.trunc(decimals)));
  return d === 0 ? "0" : `0.${"0".repeat(d)}`;
}

/**
 * A figure as the project writes it into a cell: to 15 significant digits (decimalFigure), the
 * number the ranking, the command line and Excel see, so that every reader shows it alike (a total
 * of 726.35 held as 726.3499999999999 would show 726.3 in LibreOffice and 726.4 everywhere else).
 */
export function figure(x: number | null | undefined): number | null {
  return typeof x === "number" ? decimalFigure(x) : null;
}

/**
 * Whether a value of an index of values (no points: the HDI) is left out where it is shown, for a
 * unit not ranked: computed with missing inputs counted as 0 (`coverage` below 1 under missing
 * "zero"), it is no measurement ("0.000" would read as a real HDI); the note says why the unit is
 * not ranked. The figures of an index of points stay: there a missing input scores 0 by the rule.
 * A coverage of null (nothing applicable) has no missing input.
 */
export function valueLeftOut(model: IndexModel, unit: Pick<UnitResult, "ranked">, coverage: number | null | undefined): boolean {
  return model.root.max === undefined && (model.definition.missing ?? "zero") === "zero" && !unit.ranked && typeof coverage === "number" && coverage < 1;
}

/** The number formats of points and values wherever the project writes them. */
export interface FigureFormats {
  points: string;
  value: string;
}

export const DEFAULT_FORMATS: FigureFormats = { points: POINTS_FORMAT, value: VALUE_FORMAT };

/**
 * Points and values shown as the ranking compares them: the figure the units are ranked on (their
 * points, or their value when the index has no points or ranks on values) with the ranking's
 * decimals, so that two units that share a rank show the same number (and the command line's
 * table, which prints that many, agrees). Ranked groups are compared alike, so the groups' figures
 * of that kind take the same format; the other kind keeps the default. The cells still hold the
 * full-precision numbers.
 *
 * A ranking without decimals compares the figures unrounded (to 10 decimals): each kind then
 * shows the fewest decimals, from the default (2 for points, 4 for values) up to 10, with which
 * any two units ranked apart on a figure of that kind (the total, or a ranked group's the results
 * table shows: one under the root) show
 * different figures: 10.004 and 10.001 points, ranked 1st and 2nd, show 10.004 and 10.001, not
 * 10.00 twice. Units of the same rank may differ further on; they show the same figure.
 */
export function figureFormats(model: IndexModel, table: Pick<ScoreTable, "ranking" | "units">): FigureFormats {
  const { ranking } = table;
  const d = ranking.decimals;
  const onPoints = ranking.on === "points" && model.root.max !== undefined;
  if (d !== undefined) return onPoints ? { points: decimalFormat(d), value: VALUE_FORMAT } : { points: POINTS_FORMAT, value: decimalFormat(d) };
  // Each figure the run ranked on, by the kind it is shown as (rankUnits: the root on its points
  // under "points", ranked groups on theirs when they have a max above 0, on their value otherwise).
  const ranked = table.units.filter((u) => u.ranked);
  const lists: Record<"points" | "value", number[][]> = { points: [], value: [] };
  lists[onPoints ? "points" : "value"].push(ranked.map((u) => (onPoints ? u.points : u.value)).filter((x): x is number => x !== null));
  // The ranked groups the results table shows (those under the root): the groups further down
  // ranked under nodes "all" have no column there, and their figures do not widen the others'.
  const top = new Set(model.topCodes);
  for (const code of rankedNodeCodes(model, ranking.nodes).filter((c) => top.has(c))) {
    const max = model.nodes.get(code)?.max;
    const nodeOnPoints = ranking.on === "points" && max !== undefined && max > 0;
    const figures = ranked.map((u) => {
      const n = u.nodes[code];
      return n?.available ? (nodeOnPoints ? n.points : n.value) : null;
    });
    lists[nodeOnPoints ? "points" : "value"].push(figures.filter((x): x is number => x !== null));
  }
  const decimals = (kind: "points" | "value", fewest: number) => Math.max(fewest, ...lists[kind].map((f) => distinguishingDecimals(f, fewest)));
  return { points: decimalFormat(decimals("points", POINTS_DECIMALS)), value: decimalFormat(decimals("value", VALUE_DECIMALS)) };
}

/**
 * The fewest decimals, from `fewest` up to the 10 a ranking without decimals compares on, with
 * which figures that ranking tells apart (unequal to 10 decimals) show different. Figures equal to
 * 10 decimals share a rank: they may show alike or not. Rounding is checked at each number of
 * decimals in turn, not raised pair by pair: 0.049 and 0.05 show apart at one decimal (0.0 and
 * 0.1) but alike at two.
 */
export function distinguishingDecimals(figures: readonly number[], fewest: number): number {
  const sorted = figures.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  // Sorted, both a figure's rounding and what it is compared on only go up: two figures ranked
  // apart yet shown alike make some neighbours ranked apart yet shown alike.
  const apart: [number, number][] = [];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (rankingFigure(a, undefined) !== rankingFigure(b, undefined)) apart.push([a, b]);
  }
  for (let d = fewest; d < DEFAULT_RANK_DECIMALS; d++) {
    if (apart.every(([a, b]) => roundHalfUp(a, d) !== roundHalfUp(b, d))) return d;
  }
  return Math.max(fewest, DEFAULT_RANK_DECIMALS);
}

/** The decimals of a number format of figureFormats ("0.000" → 3, "0" → 0). */
export function formatDecimals(format: string): number {
  const dot = format.indexOf(".");
  return dot < 0 ? 0 : format.length - dot - 1;
}

/**
 * Whether the charts draw a unit: it has a total (points, or a value in an index of values), and
 * not a value computed with missing inputs as 0 (valueLeftOut). The others are left out of every
 * chart and the average, and cannot be compared on the profile.
 */
export function chartedUnit(model: IndexModel, u: UnitResult): boolean {
  return (model.root.max !== undefined ? u.points : u.value) !== null && !valueLeftOut(model, u, u.coverage);
}
