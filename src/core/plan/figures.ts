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
 * Whether a value of an index of values (no points: the HDI) is left out where it is shown (the
 * results sheet, a form's summary and `Điểm` column, the command line's table and `--json`, the
 * pane), for a unit not ranked for want of figures: computed with missing inputs counted as 0
 * (`coverage` below 1 under missing "zero"), it is no measurement ("0.000" would read as a real
 * HDI); the note says why the unit is not ranked. The figures of an index of points stay: there a
 * missing input scores 0 by the rule. So do those of a unit the index leaves out of its ranking
 * (ranking.exclude) whose figures would rank it (coverage not below ranking.minCoverage): shown as
 * a ranked unit's with the same gaps are. `code`: a node of the unit (its coverage given), whose
 * value stays where it is worth points (`max` above 0), shown beside its points. A coverage of null
 * (nothing applicable) has no missing input.
 */
export function valueLeftOut(
  model: IndexModel,
  unit: Pick<UnitResult, "ranked" | "notRankedReason" | "excludedBelowMinCoverage">,
  coverage: number | null | undefined,
  code?: string,
): boolean {
  if (model.root.max !== undefined || (model.definition.missing ?? "zero") !== "zero") return false;
  if (unit.ranked || typeof coverage !== "number" || !(coverage < 1)) return false;
  if (unit.notRankedReason === "excluded" && unit.excludedBelowMinCoverage !== true) return false;
  // A node of max 0 scores nothing: its value is left out as the total's is.
  return code === undefined || !((model.nodes.get(code)?.max ?? 0) > 0);
}

/** The number formats of points and values wherever the project writes them. */
export interface FigureFormats {
  /** The root's points (the total), and the points of every node without a format of its own. */
  points: string;
  /** The root's value, and the value of every node without a format of its own. */
  value: string;
  /**
   * The formats of the groups under the root that are ranked with the ranking's decimals
   * (ranking.decimals, nodes "top" or "all"), by code, where they differ from the root's: a group
   * ranked on its value shows it with those decimals while the root's value, which it is not
   * ranked on, shows more (groupFormats). Absent: every group shows as the root.
   */
  groups?: Record<string, { points: string; value: string }>;
}

export const DEFAULT_FORMATS: FigureFormats = { points: POINTS_FORMAT, value: VALUE_FORMAT };

/** The formats of a group under the root (its own, or the root's): its column of the results table, its row of a form, its bars. */
export function groupFormats(formats: FigureFormats, code: string): { points: string; value: string } {
  return formats.groups?.[code] ?? { points: formats.points, value: formats.value };
}

/** A unit's figures of one ranked node (the root, or a group under it). */
interface RankedFigures {
  points: number | null;
  value: number | null;
}

/**
 * The decimals each figure of a ranked node (the root, or a group under it) is shown with, so as
 * not to contradict its ranks. The figure it is ranked on (`onPoints`: its points, else its value)
 * with the ranking's decimals when it gives them (`decimals`): units that share a rank show the
 * same number. Each other figure (the one not ranked on; with no decimals given, the one ranked on
 * too) with the fewest decimals, from the default (2 for points, 4 for values), that show any two
 * units ranked apart different figures: ranked on values to 3 decimals, 85.05 and 85.049 points
 * (values 0.851 and 0.850) show 85.050 and 85.049, not 85.05 twice; ranked on points to 2, 85.01
 * and 85.00 of 200 show the values 0.42505 and 0.42500 when four decimals would show 0.4250 twice.
 * Units ranked alike may show different figures of the kind they are not ranked on.
 */
function rankedNodeDecimals(figures: readonly RankedFigures[], onPoints: boolean, hasPoints: boolean, decimals: number | undefined): { points: number; value: number } {
  const by = (f: RankedFigures) => (onPoints ? f.points : f.value);
  const ranked = figures.filter((f) => by(f) !== null);
  const kind = (k: "points" | "value", fewest: number): number => {
    if ((k === "points") === onPoints && decimals !== undefined) return decimals;
    const entries = ranked.flatMap((f) => (f[k] === null ? [] : [{ by: by(f)!, shown: f[k]! }]));
    return apartDecimals(entries, decimals, fewest);
  };
  return { points: hasPoints ? kind("points", POINTS_DECIMALS) : POINTS_DECIMALS, value: kind("value", VALUE_DECIMALS) };
}

/**
 * Points and values shown as the ranking compares them (rankedNodeDecimals): the figure the units
 * are ranked on (their points, or their value when the index has no points or ranks on values)
 * with the ranking's decimals, so that two units that share a rank show the same number (and the
 * command line's table, which prints that many, agrees); the other figure with as many decimals as
 * keep units ranked apart from showing the same figure (the default, 2 for points and 4 for values,
 * unless two units would). Ranked groups under the root (those the results table shows) are
 * compared alike on their own figures: each shows the figure it is ranked on with the ranking's
 * decimals (a group without points ranked to the 2 decimals of the points shows its value with 2:
 * 0.8549 and 0.8512, ranked alike, show 0.85 twice), in `groups`. The cells still hold the
 * full-precision numbers.
 *
 * A ranking without decimals compares the figures unrounded (to 10 decimals): each kind then
 * shows the fewest decimals, from the default up to 10, with which any two units ranked apart on
 * a figure (the total, or a ranked group's the results table shows: one under the root) show
 * different figures of that kind, the root and the groups alike: 10.004 and 10.001 points, ranked
 * 1st and 2nd, show 10.004 and 10.001, not 10.00 twice. Units of the same rank may differ further
 * on; they show the same figure.
 */
export function figureFormats(model: IndexModel, table: Pick<ScoreTable, "ranking" | "units">): FigureFormats {
  const { ranking } = table;
  const d = ranking.decimals;
  const ranked = table.units.filter((u) => u.ranked);
  const root = rankedNodeDecimals(
    ranked.map((u) => ({ points: u.points, value: u.value })),
    ranking.on === "points" && model.root.max !== undefined,
    model.root.max !== undefined,
    d,
  );
  // The ranked groups the results table shows (those under the root), each on the figure it is
  // ranked on (rankUnits: its points under "points" when it has a max above 0, its value
  // otherwise): the groups further down ranked under nodes "all" have no column there, and their
  // figures do not widen the others'.
  const top = new Set(model.topCodes);
  const groups = rankedNodeCodes(model, ranking.nodes)
    .filter((c) => top.has(c))
    .map((code) => {
      const max = model.nodes.get(code)?.max;
      const figures = ranked.flatMap((u) => {
        const n = u.nodes[code];
        return n?.available ? [{ points: n.points, value: n.value }] : [];
      });
      const hasPoints = max !== undefined && max > 0;
      const decimals = rankedNodeDecimals(figures, ranking.on === "points" && hasPoints, hasPoints, d);
      // A group worth no points shows the points of the root's format (0, or none).
      return { code, decimals: hasPoints ? decimals : { ...decimals, points: root.points } };
    });
  if (d === undefined) {
    // Unrounded, no figure is shown with fewer decimals than the ranking tells apart: the root
    // and the groups show each kind alike, with the most any of them needs.
    const most = (k: "points" | "value") => Math.max(root[k], ...groups.map((g) => g.decimals[k]));
    return { points: decimalFormat(most("points")), value: decimalFormat(most("value")) };
  }
  const formats: FigureFormats = { points: decimalFormat(root.points), value: decimalFormat(root.value) };
  const own = groups
    .map((g): [string, { points: string; value: string }] => [g.code, { points: decimalFormat(g.decimals.points), value: decimalFormat(g.decimals.value) }])
    .filter(([, f]) => f.points !== formats.points || f.value !== formats.value);
  return own.length > 0 ? { ...formats, groups: Object.fromEntries(own) } : formats;
}

/**
 * The fewest decimals, from `fewest` up to the 10 a ranking without decimals compares on, with
 * which figures that ranking tells apart (unequal to 10 decimals) show different. Figures equal to
 * 10 decimals share a rank: they may show alike or not. Rounding is checked at each number of
 * decimals in turn, not raised pair by pair: 0.049 and 0.05 show apart at one decimal (0.0 and
 * 0.1) but alike at two.
 */
export function distinguishingDecimals(figures: readonly number[], fewest: number): number {
  return apartDecimals(
    figures.map((x) => ({ by: x, shown: x })),
    undefined,
    fewest,
  );
}

/**
 * The fewest decimals, from `fewest` up to 10, with which the figures `shown` of units ranked
 * apart on `by` (rounded to `decimals`, 10 when not given, as the ranking compares them) show
 * different. `shown` goes up with `by` (the same figure, or its points or value: one is the other
 * times the max). Figures `shown` equal to 10 decimals cannot be told apart by any: they do not
 * count.
 */
function apartDecimals(entries: readonly { by: number; shown: number }[], decimals: number | undefined, fewest: number): number {
  const sorted = entries.filter((e) => Number.isFinite(e.by) && Number.isFinite(e.shown)).sort((a, b) => a.by - b.by || a.shown - b.shown);
  // Sorted, both a figure's rounding and what it is compared on only go up: two figures ranked
  // apart yet shown alike make some neighbours ranked apart yet shown alike.
  const apart: [number, number][] = [];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (rankingFigure(a.by, decimals) !== rankingFigure(b.by, decimals) && rankingFigure(a.shown, undefined) !== rankingFigure(b.shown, undefined)) apart.push([a.shown, b.shown]);
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

/**
 * Whether the charts count a unit among those they compare: one they draw (chartedUnit) that the
 * index does not leave out of its ranking (ranking.exclude: the HDI's regional and world
 * aggregates). The others are no bar of the charts, in no count of their titles, and not in the
 * profile's average; one chosen for the profile is drawn there all the same.
 */
export function comparedUnit(model: IndexModel, u: UnitResult): boolean {
  return chartedUnit(model, u) && u.notRankedReason !== "excluded";
}

/**
 * Whether points shown rounded do not add up as shown for a unit: some group whose points are
 * shown (`shownFormat` gives the number format they are shown with, undefined where they are not
 * shown) adds up its parts' points, each shown too (those worth points that are available), and
 * the parts as shown add up, to the group's decimals, to another figure than the group's as shown
 * (92.535 and 92.535 shown 92.54 each, their total of 185.07 shown as it is: the sum shown is
 * 185.08). A group whose points are not the sum of its parts' (rescaled, a mean, an expression)
 * is no such case: what is shown there is no rounding.
 */
export function roundedPartsDiffer(model: IndexModel, u: Pick<UnitResult, "nodes">, shownFormat: (code: string) => string | undefined): boolean {
  for (const node of model.nodes.values()) {
    if (node.kind !== "group" || !(node.max !== undefined && node.max > 0)) continue;
    const format = shownFormat(node.code);
    const total = u.nodes[node.code]?.points;
    if (format === undefined || total === null || total === undefined) continue;
    let sum = 0;
    let shownSum = 0;
    let shown = true;
    for (const code of node.children) {
      const max = model.nodes.get(code)?.max;
      const r = u.nodes[code];
      if (!(max !== undefined && max > 0) || !r?.available || r.points === null) continue;
      const partFormat = shownFormat(code);
      if (partFormat === undefined) {
        shown = false;
        break;
      }
      sum += r.points;
      shownSum += roundHalfUp(r.points, formatDecimals(partFormat));
    }
    if (!shown || Math.abs(sum - total) > 1e-9 * Math.max(1, Math.abs(total))) continue;
    const decimals = formatDecimals(format);
    if (roundHalfUp(shownSum, decimals) !== roundHalfUp(total, decimals)) return true;
  }
  return false;
}
