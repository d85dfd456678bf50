/**
 * The charts sheet (`Biểu đồ` / `Charts`): three named native charts one under the other, each as
 * wide as an A4 page and printed whole on a page of its own (landscape, or portrait when there are
 * too many units for their names to fit a landscape page's height) — total by unit (sorted bars),
 * group points stacked by unit (group values side by side when the index has no points to add
 * up), and a radar profile of chosen units against the average — then, below them, the small
 * data block the charts read. The radar's axes are the top-level groups, or the level below when
 * the top has fewer than three (a radar of two axes is a flat line); with fewer than three there
 * too, the radar is left out.
 */
import type { IndexModel } from "../definition/model";
import type { LocalizedText } from "../definition/schema";
import { parseDefinition } from "../definition/parse";
import type { Lang, Message } from "../i18n/text";
import { localize, normalizeKey, tonePlacementKey } from "../i18n/text";
import type { CellBlock, CellValue, ChartKind, ChartPlan, OwnedSheetPlan, PlanValue, PrintPlan, ScoreTable, SheetSnapshot, UnitResult } from "../types";
import { type CellRange, cellAddress, columnLetter, parseCell, parseRange, rangeAddress } from "./a1";
import { LINE_HEIGHT, fitWidth, widestWord, wrappedHeight } from "./layout";
import {
  CHART_KINDS,
  CHART_LABELS,
  CHART_NAMES,
  FORMER_CHART_LABELS,
  type PartCounts,
  chartTitle,
  chartTitleText,
  inputsChangedStatus,
  shortened,
  type ProfileShape,
  SHEET_NAMES,
  label,
  profileLeftOutMessage,
  profileTiesLeftOutMessage,
  profileKeysUnknownMessage,
  profileUnitsLeftOutMessage,
  type RadarChooser,
  unitCount,
  unitLabelText,
} from "./labels";
import { type IndexSheetState, unitKey } from "./index-sheet";
import { CHARTS_DATA_HEADING, textOf } from "./sheet-names";
import { coalesceRanges, ownedLastRun, recordedRanges, writtenArea } from "./results-area";
import { DEFAULT_FORMATS, type FigureFormats, STATUS_RED, figure, resultsNote } from "./results-sheet";
import { chartedUnit, comparedUnit, groupFormats } from "./figures";

export interface ChartsSheetInput {
  model: IndexModel;
  /** Units in rank order. */
  units: UnitResult[];
  lang: Lang;
  /**
   * Units for the profile chart, by key (code, or name for a unit without one: unitKey), at most
   * MAX_PROFILE_UNITS; default: the top three by rank and those tied with them (profileDefault).
   */
  profileUnits?: string[];
  /** Where the radar's units are chosen (the pane, the command line): the radar's warnings say how to choose others there. */
  chooseWith?: RadarChooser;
  /** The results sheet's name, for placing this sheet after it. */
  after: string;
  /** The charts to create or update (default: all three); the others are not planned at all. */
  kinds?: ChartKind[];
  /** The sheet's name when it cannot be the usual one (ownedSheetNames); default `Biểu đồ` / `Charts`. */
  sheetName?: string;
  /** Number formats of points and values (figureFormats: as the ranking compares them). */
  formats?: FigureFormats;
  /** The scoring's table: its ranking says why a unit chosen for the profile but not drawn is not ranked (resultsNote). */
  table?: ScoreTable;
  /** The assessment periods the forms state (`Kỳ đánh giá`), named in each chart's title (chartTitle); none: nothing is said. */
  periods?: readonly string[];
}

/**
 * Whether `key`, chosen for the radar chart, names unit `u`: its key (unitKey: what the pane's
 * list gives), or its code or its name as a person types them after --radar (trimmed, in NFC, the
 * case of the letters aside).
 */
function isPicked(u: UnitResult, key: string): boolean {
  if (unitKey(u) === key) return true;
  const typed = foldKey(key);
  return typed !== "" && (foldKey(u.code) === typed || foldKey(u.name) === typed);
}

const foldKey = (s: string): string => s.normalize("NFC").trim().toLocaleLowerCase("vi");

/** The charts sheet, and what the write says about it (the radar asked for but left out). */
export interface ChartsSheet {
  sheet: OwnedSheetPlan;
  warnings: Message[];
}

const LANGS = ["vi", "en"] as const;

/** A radar needs this many axes to be more than a line. */
export const MIN_PROFILE_AXES = 3;

export interface ProfileAxes {
  /** Node codes, in the definition's order. */
  codes: string[];
  /** "top": the root's children; "below": their children (a top-level indicator stands for itself). */
  level: "top" | "below";
}

/**
 * The axes of the profile radar: the top-level groups when there are at least three, else the
 * level below them (the provincial DTI's two groups → its nine indices, Decision 922's "chỉ số chính"); undefined when
 * that too gives fewer than three, and the radar is left out.
 */
export function profileAxes(model: IndexModel): ProfileAxes | undefined {
  const top = chartedNodes(model, model.topCodes);
  if (top.length >= MIN_PROFILE_AXES) return { codes: top, level: "top" };
  const below = profileBelow(model);
  return below.length >= MIN_PROFILE_AXES ? { codes: below, level: "below" } : undefined;
}

/**
 * The nodes of `codes` the charts show: those of the index, but for one worth no points (max 0:
 * the provincial DTI's "Đô thị thông minh (không tính điểm)"), which has no value to draw (a
 * radar would draw its blank as 0, its line diving to the centre).
 */
function chartedNodes(model: IndexModel, codes: readonly string[]): string[] {
  return codes.filter((c) => {
    const node = model.nodes.get(c);
    return node !== undefined && node.max !== 0;
  });
}

/** The level below the top: each top-level group's children, a top-level indicator itself (nodes worth no points left out: chartedNodes). */
function profileBelow(model: IndexModel): string[] {
  return chartedNodes(model, model.topCodes).flatMap((c) => {
    const node = model.nodes.get(c)!;
    const children = node.kind === "group" ? chartedNodes(model, node.children) : [];
    return children.length > 0 ? children : [c];
  });
}

/**
 * What the index has for the profile's axes, for the write's warning that it is left out
 * (profileLeftOutMessage): the top level's groups and indicators worth points and those worth none,
 * the parts of its groups, and the axes of the level below (profileBelow).
 */
export function profileShape(model: IndexModel): ProfileShape {
  const count = (codes: readonly string[]): PartCounts => {
    const groups = codes.filter((c) => model.nodes.get(c)?.kind === "group").length;
    return { groups, indicators: codes.length - groups };
  };
  const top = chartedNodes(model, model.topCodes);
  const unscored = model.topCodes.filter((c) => model.nodes.has(c) && !top.includes(c));
  const parts = top.map((c) => {
    const node = model.nodes.get(c)!;
    return node.kind === "group" ? chartedNodes(model, node.children) : [];
  });
  return {
    top: count(top),
    unscored: count(unscored),
    inGroups: count(parts.flat()),
    // What stands for itself one level down: an indicator, or a group without parts worth points.
    standAlone: count(top.filter((_, i) => parts[i]!.length === 0)),
    below: profileBelow(model).length,
  };
}

/**
 * The printed page: A4 inside the hosts' margins (0.4 in at the sides, 0.5 in at the top and
 * bottom), in points, each way round.
 */
const PAGES: Record<PrintPlan["orientation"], { width: number; height: number }> = {
  landscape: { width: 841.9 - 0.8 * 72, height: 595.3 - 1.0 * 72 },
  portrait: { width: 595.3 - 0.8 * 72, height: 841.9 - 1.0 * 72 },
};
/** Points of one column unit in Excel (7 pixels of Calibri 11); LibreOffice's are wider and it scales the page down. */
const POINTS_PER_COLUMN_UNIT = 5.25;
/** How wide a chart is, in column units: a page's width in Excel, with a little room. */
const CHART_WIDTH: Record<PrintPlan["orientation"], number> = { landscape: 140, portrait: 96 };
/** The share of a page's height a one-page chart takes, leaving room for rounding in the readers. */
const PAGE_FILL = 0.92;
/**
 * Empty rows between two charts, and between the last chart and the data: the page break goes
 * after the first, so no chart's edge touches the edge of a page (a reader draws it on both).
 */
const GAP_ROWS = 2;
/**
 * The unit names on a bar chart's axis: at most the reader's usual size, at least a size still
 * legible on paper; each takes its size and a quarter again of height. Where even the smallest
 * does not fit each unit, only every second (third…) unit is named, from rank 1 on.
 */
const AXIS_LABEL = { largest: 9, smallest: 6, line: 1.25 };
/**
 * Points of a bar chart's height that are not bars: the title, the value axis with its labels and
 * title, the chart's inner margins; and the legend under a chart of several series.
 */
const BAR_FRAME = 80;
const LEGEND = 22;
/**
 * Landscape while every unit's name fits at this size on a landscape page (up to about 35 units);
 * with more units the charts sheet prints portrait, whose taller page fits half as many again.
 */
const LANDSCAPE_LABEL_SIZE = 8;
/**
 * A bar chart of one page names every unit at this size or larger; with more units than that, it
 * grows down the sheet (over several printed pages) at a unit's line of READABLE_LABEL_SIZE each,
 * so every name still shows: readers cannot make a name legible that is printed smaller.
 */
const PAGE_LABEL_SIZE = 7;
const READABLE_LABEL_SIZE = 8;
/**
 * How tall a chart can be (Excel's largest drawing, 1584 in, with room): past it, with some ten
 * thousand units, a chart's names thin out to every second, third… as barAxisLabels says.
 * (LibreOffice names only every second unit past some 500 units whatever the room.)
 */
const MAX_CHART_HEIGHT = 1584 * 72 * 0.9;
/** The thinnest bar still seen on paper, in points: a unit of the side-by-side groups' chart takes at least one per group. */
const MIN_BAR = 3;
/** The groups' chart that cannot show every unit on its page shows as many first and last by rank, a multiple of this. */
const GROUP_ROUND = 5;
/** A radar with more lines than this cannot be read: the profile compares at most this many units. */
export const MAX_PROFILE_UNITS = 5;
/** How many units the profile compares when none are chosen: the top three by rank (and their ties). */
export const PROFILE_TOP = 3;

/**
 * The units the profile compares when none are chosen (`units` in rank order): the first
 * PROFILE_TOP, and after them every unit ranked PROFILE_TOP or better (tied for third place:
 * no unit of a rank shown is silently left out), at most MAX_PROFILE_UNITS in rank order;
 * `left`: those ranked PROFILE_TOP or better that this cap leaves out.
 */
export function profileDefault(units: readonly UnitResult[]): { shown: UnitResult[]; left: UnitResult[] } {
  const top = units.filter((u, i) => i < PROFILE_TOP || (u.rank !== null && u.rank <= PROFILE_TOP));
  return { shown: top.slice(0, MAX_PROFILE_UNITS), left: top.slice(MAX_PROFILE_UNITS) };
}

/** The heading over the data the charts read (kept with the sheets' names: a sheet holding it is the project's charts sheet). */
const DATA_HEADING = CHARTS_DATA_HEADING;

/** The mark between the first and the last units on the groups' chart: "… 143 quốc gia ở giữa …". */
function unitsBetween(lang: Lang, count: string): string {
  return lang === "vi" ? `… ${count} ở giữa …` : `… ${count} in between …`;
}

/** The groups' chart's title when it shows the first and last `each` of `count` units only. */
function groupsEndsTitle(lang: Lang, title: string, each: number, count: string): string {
  return lang === "vi" ? `${title}: ${each} đứng đầu và ${each} đứng cuối trong ${count}` : `${title}: top ${each} and bottom ${each} of ${count}`;
}

/** Width of the data columns the charts read. */
const DATA_COLUMN_WIDTH = 10;

function mean(xs: number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Column A fits the unit and group names; the number columns wrap their headers. */
function dataColumnWidths(head1: PlanValue[], head2: PlanValue[], rows: PlanValue[][]): number[] {
  const names = [String(head1[0] ?? ""), String(head2[0] ?? ""), ...rows.map((r) => String(r[0] ?? ""))];
  const count = Math.max(head1.length, head2.length);
  const headers = [...head1.slice(1), ...head2.slice(1)].map(String);
  const numbers = Math.min(24, Math.max(DATA_COLUMN_WIDTH, widestWord(headers, true)));
  return [fitWidth(names, 16, 50), ...Array.from({ length: count - 1 }, () => numbers)];
}

function headerHeight(head: PlanValue[], widths: number[]): number {
  return wrappedHeight(head.map((h, i) => ({ text: String(h ?? ""), width: widths[i] ?? DATA_COLUMN_WIDTH, bold: true })));
}

/** The largest of `xs` (nulls left out), or 0. */
function largest(xs: (number | null | undefined)[]): number {
  return xs.reduce<number>((m, x) => (typeof x === "number" && x > m ? x : m), 0);
}

/** An axis maximum when every value stays within it; left out (the reader's own scale) otherwise. */
function axisMax(bound: number | undefined, values: (number | null | undefined)[]): number | undefined {
  return bound !== undefined && bound > 0 && largest(values) <= bound ? bound : undefined;
}

/**
 * Rows of a chart that prints on a page of its own: the sheet, `width` column units wide, is
 * fitted to the page's width (scaled down when wider), and the page also holds the empty row
 * above the chart and the one below it.
 */
function pageRows(orientation: PrintPlan["orientation"], width: number): number {
  const page = PAGES[orientation];
  const scale = Math.min(1, page.width / (Math.max(width, CHART_WIDTH[orientation]) * POINTS_PER_COLUMN_UNIT));
  return Math.floor((page.height * PAGE_FILL) / scale / LINE_HEIGHT) - 1;
}

/** How a bar chart names its units on the axis: the labels' size in points, and every how many units one is named. */
export interface AxisLabels {
  size: number;
  skip: number;
}

/**
 * The unit names of a bar chart `height` points tall (its legend under it or not) with `count`
 * units: as large as each unit's share of the height allows, up to the reader's usual size; where
 * even the smallest legible size does not fit each unit (a few hundred units on a page), every
 * second, third… unit is named, from rank 1 on, and the bars still show them all.
 */
export function barAxisLabels(count: number, height: number, legend: boolean): AxisLabels {
  const plot = height - BAR_FRAME - (legend ? LEGEND : 0);
  const slot = plot / Math.max(count, 1);
  const size = Math.min(AXIS_LABEL.largest, Math.floor((slot / AXIS_LABEL.line) * 2) / 2);
  if (size >= AXIS_LABEL.smallest) return { size, skip: 1 };
  return { size: AXIS_LABEL.smallest, skip: Math.ceil((AXIS_LABEL.smallest * AXIS_LABEL.line) / Math.max(slot, 0.01)) };
}

/** Room for the bars in a bar chart `rows` rows tall, in points. */
function plotHeight(rows: number, legend: boolean): number {
  return rows * LINE_HEIGHT - BAR_FRAME - (legend ? LEGEND : 0);
}

/**
 * Whether `count` units fit a bar chart `rows` rows tall: every name at PAGE_LABEL_SIZE or larger,
 * and each unit `perUnit` points or more (its bars side by side).
 */
function unitsFit(count: number, rows: number, legend: boolean, perUnit: number): boolean {
  const labels = barAxisLabels(count, rows * LINE_HEIGHT, legend);
  return labels.skip === 1 && labels.size >= PAGE_LABEL_SIZE && plotHeight(rows, legend) / Math.max(count, 1) >= perUnit;
}

/** Points one unit takes on a bar chart grown past its page: a name at READABLE_LABEL_SIZE, or its bars side by side. */
function unitSlot(perUnit: number): number {
  return Math.max(READABLE_LABEL_SIZE * 1.5, perUnit);
}

/**
 * Rows of a bar chart of all `count` units: a page's (`pageRows`) when they fit there, else as
 * many as they take at a legible size each, over as many printed pages as that makes.
 */
export function barChartRows(count: number, pageRows: number, legend: boolean, perUnit = 0): number {
  if (unitsFit(count, pageRows, legend, perUnit)) return pageRows;
  const height = Math.min(MAX_CHART_HEIGHT, count * unitSlot(perUnit) + BAR_FRAME + (legend ? LEGEND : 0));
  return Math.max(pageRows, Math.ceil(height / LINE_HEIGHT));
}

/**
 * How many units the groups' chart shows first and last by rank when not all `count` fit its page
 * of `pageRows` rows (a multiple of GROUP_ROUND filling the page, a row between them left for the
 * "… n units in between …" mark); undefined when all fit.
 */
export function groupsEachEnd(count: number, pageRows: number, legend: boolean, perUnit: number): number | undefined {
  if (unitsFit(count, pageRows, legend, perUnit)) return undefined;
  const capacity = Math.floor(plotHeight(pageRows, legend) / unitSlot(perUnit));
  const each = Math.max(GROUP_ROUND, Math.floor((capacity - 1) / 2 / GROUP_ROUND) * GROUP_ROUND);
  return 2 * each < count ? each : undefined;
}

/**
 * The axis labels of a bar chart of the charts sheet, from where the plan puts it (its rows are
 * the sheet's default 15 points) and how many units it shows; undefined for the radar. Both
 * hosts draw the labels so: at this size, every `skip`-th one.
 */
export function categoryAxisLabels(chart: ChartPlan): AxisLabels | undefined {
  if (chart.kind === "radar") return undefined;
  const from = parseCell(chart.from);
  const to = parseCell(chart.to);
  const rows = Math.abs(to.row - from.row) + 1;
  const categories = parseRange(chart.categories.slice(chart.categories.lastIndexOf("!") + 1));
  return barAxisLabels(categories.bottom - categories.top + 1, rows * LINE_HEIGHT, chart.series.length > 1);
}

/**
 * The size (points) of the values at the ends of a chart's bars, the size of the units' names
 * beside them; undefined when the chart has none: not asked for (valueLabels), or names skipped
 * for want of room, where values would overlap as much.
 */
export function valueLabelSize(chart: ChartPlan): number | undefined {
  if (!chart.valueLabels) return undefined;
  const names = categoryAxisLabels(chart);
  return names && names.skip === 1 ? names.size : undefined;
}

/**
 * Whether a host writes the plan's title on a chart that shows `shown` now: one made now or
 * showing none, or one showing one of the project's own titles (ChartPlan.ourTitles); a title
 * the user gave it stays. Both hosts decide so.
 */
export function writesTitle(chart: ChartPlan, shown: string | undefined): boolean {
  return !shown || !chart.ourTitles || chart.ourTitles.includes(shown);
}

/** A chart a host found on a sheet: its name now, its kind as the plan calls it (undefined: another kind), its title, its series' names. */
export interface FoundChart {
  name: string;
  kind: ChartKind | undefined;
  title?: string;
  series: readonly string[];
}

/**
 * Which chart found on a sheet (`found`, in the sheet's order) is each of the plan's charts
 * (`planned`), by the index into `found`; a chart of the plan without one is drawn anew. First by
 * name (the first of that name, as Excel's ChartCollection.getItem finds it). Then a chart the user
 * renamed (`dti-total` → "Biểu đồ tổng điểm của tôi"), so that it is updated where it is rather
 * than a second one drawn over it: one of the plan's kind that still shows one of the project's
 * titles (ChartPlan.ourTitles: the one the last run wrote among them) or the plan's series, whose
 * name is none of the project's charts' (CHART_NAMES: a chart of the project's left as it is when
 * not chosen this run keeps its name) and no other chart's on the sheet (a chart is then updated
 * by its name), and the only one that is. Hosts do not find charts by an id: Excel gives a chart's
 * id for a session only (as a sheet's: OfficeDev/office-js-docs#297), and an id recorded in one
 * session may name another chart in the next.
 */
export function matchCharts(planned: readonly ChartPlan[], found: readonly FoundChart[]): Map<string, number> {
  const out = new Map<string, number>();
  const taken = new Set<number>();
  for (const p of planned) {
    const i = found.findIndex((f) => f.name === p.name);
    if (i >= 0 && !taken.has(i)) {
      out.set(p.name, i);
      taken.add(i);
    }
  }
  const ours = new Set<string>([...Object.values(CHART_NAMES), ...planned.map((p) => p.name)]);
  const count = new Map<string, number>();
  for (const f of found) count.set(f.name, (count.get(f.name) ?? 0) + 1);
  for (const p of planned) {
    if (out.has(p.name)) continue;
    const titles = new Set([p.title, ...(p.ourTitles ?? [])]);
    const series = p.series.map((x) => x.name);
    const like = found.flatMap((f, i) =>
      !taken.has(i) &&
      !ours.has(f.name) &&
      count.get(f.name) === 1 &&
      f.kind === p.kind &&
      ((f.title !== undefined && titles.has(f.title)) || (f.series.length === series.length && f.series.every((n, k) => n === series[k])))
        ? [i]
        : [],
    );
    if (like.length !== 1) continue;
    out.set(p.name, like[0]!);
    taken.add(like[0]!);
  }
  return out;
}

/** The most characters of a chart series' name: Excel refuses a longer one (ChartSeries.name). */
export const SERIES_NAME_MAX = 255;

/** A group's or unit's name as a series' name: on one line, cut to SERIES_NAME_MAX characters, with an ellipsis. */
function seriesName(name: string): string {
  return shortened(name, SERIES_NAME_MAX);
}

/**
 * A series of the charts sheet's data: its name (seriesName of its column's header, `header`, on
 * row `headerRow`), its values (rows `first` to `last` of `column`), and the header's cell as the
 * cell that names it (ChartPlan's `nameCell`) when that cell holds exactly the name: not one cut or
 * put on one line, where the name stays written as text.
 */
function dataSeries(header: PlanValue, headerRow: number, column: number, first: number, last: number): ChartPlan["series"][number] {
  const text = String(header ?? "");
  const name = seriesName(text);
  return { name, values: rangeAddress(first, column, last, column), ...(name !== "" && name === text ? { nameCell: cellAddress(headerRow, column) } : {}) };
}

/**
 * How the charts name each unit: by its name, or "name (code)" when another unit the charts draw
 * (`units`) has the same name, as two "Xã Tân Lập" of two districts do, so that no two bars, and
 * no two of the profile's series, read alike. Names are the same as a reader reads them: spaces,
 * invisible characters and case aside. A unit without a code keeps its name. The units stay in
 * their order (by rank, then name in Vietnamese collation): only what they are called changes.
 */
function chartUnitLabels(units: readonly UnitResult[]): (u: UnitResult) => string {
  // Alike as the reader finds names alike (unitNameKeyOf): case and where the tone mark sits ("Hòa", "Hoà") aside.
  const same = (name: string) => tonePlacementKey(normalizeKey(name).toLocaleLowerCase("vi"));
  const count = new Map<string, number>();
  for (const u of units) count.set(same(u.name), (count.get(same(u.name)) ?? 0) + 1);
  return (u) => ((count.get(same(u.name)) ?? 0) > 1 && u.code.trim() !== "" ? `${u.name} (${u.code.trim()})` : u.name);
}

export function planChartsSheet(input: ChartsSheetInput): ChartsSheet {
  const { model, lang } = input;
  const sheet = input.sheetName ?? SHEET_NAMES.charts[lang];
  const formats = input.formats ?? DEFAULT_FORMATS;
  const usePoints = model.root.max !== undefined;
  const named = (codes: string[]) =>
    codes.flatMap((code) => {
      const node = model.nodes.get(code);
      return node ? [{ code, name: localize(node.name, lang), hasMax: node.max !== undefined }] : [];
    });
  const groups = named(chartedNodes(model, model.topCodes));
  // Points add up to the total: stacked. Values (0–1 each) do not: side by side.
  const stackPoints = usePoints && groups.every((g) => g.hasMax);
  // A value left out of the results (an index of values, computed with missing inputs as 0) is
  // left out of the charts and their average too; so is a unit the index leaves out of its
  // ranking (the HDI's regional aggregates: no country), from the bars, their counts and the
  // average (comparedUnit). One chosen for the profile is drawn there all the same.
  const drawable = input.units.filter((u) => chartedUnit(model, u));
  const units = drawable.filter((u) => comparedUnit(model, u));
  const unitName = chartUnitLabels(drawable);

  // Block 1 (below the charts): unit, total, one column per group, in rank order.
  const totalHeader = usePoints ? label("totalPoints", lang) : label("value", lang);
  const totalFormat = usePoints ? formats.points : formats.value;
  // Each group's figures as the results sheet shows them (groupFormats).
  const groupFormat = groups.map((g) => (stackPoints ? groupFormats(formats, g.code).points : groupFormats(formats, g.code).value));
  // The units' column is headed as the index calls a unit ("Tỉnh"), as the results sheet's is.
  const unitHeader = unitLabelText(model.definition.unitLabel, lang);
  const head1: PlanValue[] = [unitHeader, totalHeader, ...groups.map((g) => g.name)];
  const rows1: PlanValue[][] = units.map((u) => [
    unitName(u),
    figure(usePoints ? u.points : u.value),
    ...groups.map((g) => figure(stackPoints ? u.nodes[g.code]?.points : u.nodes[g.code]?.value)),
  ]);
  const formats1 = [head1.map(() => "@"), ...rows1.map(() => ["@", totalFormat, ...groupFormat])];

  // Block 2 (under block 1): the profile of the chosen units against the average of all units,
  // on the radar's axes (none: no radar, no block).
  const axes = profileAxes(model);
  const profile = axes ? named(axes.codes) : [];
  const picked = input.profileUnits && input.profileUnits.length > 0 ? input.profileUnits : undefined;
  const byDefault = picked ? undefined : profileDefault(units);
  const chosen = picked ? picked.flatMap((c) => drawable.filter((u) => isPicked(u, c))).slice(0, MAX_PROFILE_UNITS) : byDefault!.shown;
  // Units chosen that the charts do not draw: the write names them, and says why.
  const notDrawn = picked ? picked.flatMap((c) => input.units.filter((u) => isPicked(u, c) && !chartedUnit(model, u))) : [];
  const axisHeader = axes?.level === "below" ? CHART_LABELS.component[lang] : CHART_LABELS.pillar[lang];
  const head2: PlanValue[] = axes ? [axisHeader, ...chosen.map(unitName), label("average", lang)] : [];
  const rows2: PlanValue[][] = profile.map((g) => [
    g.name,
    ...chosen.map((u) => figure(u.nodes[g.code]?.value)),
    figure(mean(units.flatMap((u) => (u.nodes[g.code]?.value ?? null) === null ? [] : [u.nodes[g.code]!.value!]))),
  ]);
  // A top-level group's values as the results sheet shows them; the level below's as the root's.
  const axisFormat = (code: string) => (axes?.level === "top" ? groupFormats(formats, code).value : formats.value);
  const formats2 = [head2.map(() => "@"), ...rows2.map((r, i) => ["@", ...r.slice(1).map(() => axisFormat(profile[i]!.code))])];

  const widths = dataColumnWidths(head1, head2, [...rows1, ...rows2]);
  const dataColumns = widths.length;
  const dataWidth = widths.reduce((a, b) => a + b, 0);
  // Each chart prints on one page, so a bar chart has a page's height for all its units: the
  // sheet prints landscape while their names fit there, portrait (a taller page) past that.
  const legend = groups.length > 1;
  const landscape = barAxisLabels(units.length, pageRows("landscape", dataWidth) * LINE_HEIGHT, legend);
  const orientation: PrintPlan["orientation"] = landscape.skip === 1 && landscape.size >= LANDSCAPE_LABEL_SIZE ? "landscape" : "portrait";
  // The charts span the data columns and, when these are narrower than a page, one more column
  // that makes up the width: fit to the page's width, each chart then fills it.
  if (dataWidth < CHART_WIDTH[orientation]) widths.push(Math.ceil(CHART_WIDTH[orientation] - dataWidth));
  const chartColumns = widths.length;
  const sheetWidth = widths.reduce((a, b) => a + b, 0);
  const pageBarRows = pageRows(orientation, sheetWidth);
  // The total's chart shows every unit, named: a page when they fit there, else as many pages as
  // it takes. The groups' chart stays on its page (a unit's bars side by side take more room):
  // with too many units, the first and last by rank, the leaders and those to help, and their
  // groups to look at; the results sheet has every unit's groups.
  const perUnit = stackPoints ? 0 : (groups.length + 0.6) * MIN_BAR;
  const eachEnd = groupsEachEnd(units.length, pageBarRows, legend, perUnit);
  // The radar is round: no taller than it is wide.
  const radarRows = Math.min(pageBarRows, Math.ceil((sheetWidth * POINTS_PER_COLUMN_UNIT) / LINE_HEIGHT));
  const heights: Record<ChartKind, number> = { barSorted: barChartRows(units.length, pageBarRows, false), stackedBar: pageBarRows, radar: radarRows };
  // Each chart keeps its place whether or not it is chosen, so a later run puts it where it was.
  // The first under the status line (CHARTS_STATUS_CELL), which they never cover.
  const tops = new Map<ChartKind, number>();
  let next = CHARTS_FIRST_ROW;
  for (const kind of CHART_KINDS) {
    tops.set(kind, next);
    next += heights[kind] + GAP_ROWS;
  }
  // The data, under a heading that says what it is, from the row after the last chart's gap.
  const heading = next;
  const top1 = heading + 1;
  const top2 = top1 + units.length + 2;
  // The groups' chart's own rows when it shows the first and last units only: those, with a
  // mark between them of how many it leaves out.
  const top3 = top2 + (axes ? profile.length + 2 : 0);
  const ends = eachEnd !== undefined ? { each: eachEnd, left: units.length - 2 * eachEnd } : undefined;
  const rows3: PlanValue[][] = ends
    ? [
        ...rows1.slice(0, ends.each).map((r) => [r[0]!, ...r.slice(2)]),
        [unitsBetween(lang, unitCount(ends.left, lang, model.definition.unitLabel)), ...groups.map(() => null)],
        ...rows1.slice(-ends.each).map((r) => [r[0]!, ...r.slice(2)]),
      ]
    : [];
  const head3: PlanValue[] = [unitHeader, ...groups.map((g) => g.name)];

  const blocks: CellBlock[] = [
    { address: cellAddress(heading, 1), values: [[DATA_HEADING[lang]]], bold: true },
    { address: cellAddress(top1, 1), values: [head1, ...rows1], numberFormat: formats1 },
    // The header rows bold and wrapped, so long group and unit names show whole.
    { address: cellAddress(top1, 1), values: [head1], bold: true, wrap: true },
    ...(axes
      ? [
          { address: cellAddress(top2, 1), values: [head2, ...rows2], numberFormat: formats2 },
          { address: cellAddress(top2, 1), values: [head2], bold: true, wrap: true },
        ]
      : []),
    ...(ends
      ? [
          { address: cellAddress(top3, 1), values: [head3, ...rows3], numberFormat: [head3.map(() => "@"), ...rows3.map(() => ["@", ...groupFormat])] },
          { address: cellAddress(top3, 1), values: [head3], bold: true, wrap: true },
        ]
      : []),
  ];

  // Each chart with the place it holds on the sheet (the kind the user chooses it by): the
  // groups' chart is chosen as "stackedBar" even when it draws its values side by side.
  const charts: { slot: ChartKind; chart: ChartPlan }[] = [];
  // A chart's title in this run's language, and in both as the project's own (a title the user
  // gave it stays; one of ours is written again, in the language of the run): also as it read
  // before it named the units as the index calls them ("Tổng điểm theo đơn vị"), and as earlier
  // versions wrote it (`former`).
  const unitLabel = model.definition.unitLabel;
  const titled = (title: (l: Lang, own: typeof unitLabel) => string, former: readonly string[] = []) => {
    const dated = (text: string) => chartTitle(text, input.periods ?? []);
    const ours = [...new Set([...LANGS.flatMap((l) => [title(l, unitLabel), title(l, undefined)]), ...former].map(dated))];
    return { title: dated(title(lang, unitLabel)), ourTitles: ours };
  };
  if (units.length > 0 && groups.length > 0) {
    // `to` is the chart's last cell, included.
    const place = (kind: ChartKind) => {
      const top = tops.get(kind)!;
      return { from: cellAddress(top, 1), to: cellAddress(top + heights[kind] - 1, chartColumns), ownPage: true };
    };
    const last1 = top1 + units.length;
    const unitCats = rangeAddress(top1 + 1, 1, last1, 1);
    const axisY = usePoints ? CHART_LABELS.pointsAxis[lang] : CHART_LABELS.valueAxis[lang];
    const totals = units.map((u) => (usePoints ? u.points : u.value));
    const totalMax = axisMax(usePoints ? model.root.max : 1, totals);
    charts.push({
      slot: "barSorted",
      chart: {
        name: CHART_NAMES.total,
        kind: "barSorted",
        ...titled((l, own) => chartTitleText(usePoints ? "totalTitle" : "totalValueTitle", l, own)),
        categories: unitCats,
        series: [dataSeries(totalHeader, top1, 2, top1 + 1, last1)],
        dataSheet: sheet,
        ...place("barSorted"),
        xAxisTitle: unitHeader,
        yAxisTitle: axisY,
        ...(totalMax !== undefined ? { valueAxisMax: totalMax } : {}),
        valueLabels: { numberFormat: totalFormat },
      },
    });
    // Stacked group points reach at most the sum of the groups' maximum points; group values
    // side by side, at most 1.
    const groupValues = rows1.map((r) => r.slice(2));
    const groupsMax = stackPoints
      ? axisMax(
          groups.reduce((sum, g) => sum + (model.nodes.get(g.code)?.max ?? 0), 0),
          groupValues.map((r) => r.reduce<number>((sum, v) => sum + (typeof v === "number" ? v : 0), 0)),
        )
      : axisMax(1, groupValues.flat().map((v) => (typeof v === "number" ? v : null)));
    const groupsTitle = (l: Lang, own: typeof unitLabel) => chartTitleText(stackPoints ? "groupsTitle" : "groupsClusteredTitle", l, own);
    const last3 = top3 + rows3.length;
    charts.push({
      slot: "stackedBar",
      chart: {
        name: CHART_NAMES.groups,
        // Clustered bars (the hosts draw "barSorted" as clustered bars, one series per group).
        kind: stackPoints ? "stackedBar" : "barSorted",
        ...titled((l, own) => (ends ? groupsEndsTitle(l, groupsTitle(l, own), ends.each, unitCount(units.length, l, unitLabel)) : groupsTitle(l, own))),
        categories: ends ? rangeAddress(top3 + 1, 1, last3, 1) : unitCats,
        series: groups.map((g, i) => (ends ? dataSeries(head3[1 + i]!, top3, 2 + i, top3 + 1, last3) : dataSeries(head1[2 + i]!, top1, 3 + i, top1 + 1, last1))),
        dataSheet: sheet,
        ...place("stackedBar"),
        xAxisTitle: unitHeader,
        yAxisTitle: stackPoints ? CHART_LABELS.pointsAxis[lang] : CHART_LABELS.valueAxis[lang],
        ...(groupsMax !== undefined ? { valueAxisMax: groupsMax } : {}),
      },
    });
    if (axes) {
      const lastAxisRow = top2 + profile.length;
      // Values are fractions: the profile's scale runs from 0 to 1.
      const profileMax = axisMax(1, rows2.flatMap((r) => r.slice(1).map((v) => (typeof v === "number" ? v : null))));
      charts.push({
        slot: "radar",
        chart: {
          name: CHART_NAMES.profile,
          kind: "radar",
          ...titled(
            (l) => chartTitleText(axes.level === "below" ? "profileBelowTitle" : "profileTitle", l),
            axes.level === "below" ? FORMER_CHART_LABELS.profileBelowTitle : [],
          ),
          categories: rangeAddress(top2 + 1, 1, lastAxisRow, 1),
          series: head2.slice(1).map((h, i) => dataSeries(h, top2, 2 + i, top2 + 1, lastAxisRow)),
          dataSheet: sheet,
          ...place("radar"),
          ...(profileMax !== undefined ? { valueAxisMax: profileMax } : {}),
        },
      });
    }
  }
  // Charts not chosen are left out; each keeps its place so a later run puts it where it was.
  const wanted = new Set(input.kinds ?? CHART_KINDS);
  const shown = charts.filter((c) => wanted.has(c.slot)).map((c) => c.chart);
  const breaks = pageBreaksAround(shown);
  // The sheet prints its charts, not the data under them: the same figures as the results sheet's.
  const lastShown = Math.max(0, ...shown.map((c) => Math.max(parseCell(c.from).row, parseCell(c.to).row)));
  // The radar was asked for, and there are units to draw, but the index has too few groups for one;
  // or it is drawn, and more units tie for the top places than it compares.
  const warnings: Message[] = [];
  if (wanted.has("radar") && units.length > 0 && !axes) warnings.push(profileLeftOutMessage(profileShape(model)));
  if (wanted.has("radar") && axes && byDefault && byDefault.left.length > 0) warnings.push(profileTiesLeftOutMessage(byDefault.shown.length, byDefault.left, input.chooseWith));
  if (wanted.has("radar") && axes && notDrawn.length > 0) {
    const note = (u: UnitResult, l: Lang) => (input.table ? resultsNote(model, input.table, u, l) : "");
    warnings.push(profileUnitsLeftOutMessage(notDrawn.map((u) => ({ code: u.code, name: u.name, note: { vi: note(u, "vi"), en: note(u, "en") } })), usePoints, input.chooseWith));
  }
  // Keys that name no unit scored (a code mistyped after --radar): said, not silently dropped.
  const unknown = picked ? [...new Set(picked.filter((c) => !input.units.some((u) => isPicked(u, c))))] : [];
  if (wanted.has("radar") && axes && unknown.length > 0) warnings.push(profileKeysUnknownMessage(unknown, input.chooseWith));
  const plan: OwnedSheetPlan = {
    name: sheet,
    visibility: "visible",
    blocks,
    tables: [],
    conditionalFormats: [],
    charts: shown,
    columnWidths: widths.map((width, i) => ({ column: columnLetter(i + 1), width })),
    rowHeights: [
      { row: top1, height: headerHeight(head1, widths.slice(0, dataColumns)) },
      ...(axes ? [{ row: top2, height: headerHeight(head2, widths.slice(0, dataColumns)) }] : []),
      ...(ends ? [{ row: top3, height: headerHeight(head3, widths.slice(0, dataColumns)) }] : []),
    ],
    print: {
      orientation,
      fitToWidth: true,
      ...(breaks.length > 0 ? { pageBreaksBefore: breaks } : {}),
      ...(lastShown > 0 ? { printArea: rangeAddress(1, 1, lastShown + 1, chartColumns) } : {}),
    },
    after: input.after,
  };
  return { sheet: plan, warnings };
}

/**
 * The cell of the charts sheet's status line, above the charts (on the first chart's printed page),
 * which says when figures were changed since scoring, as the results sheet's subtitle does
 * (withChartsStatus); the charts start on the row under it.
 */
export const CHARTS_STATUS_CELL = "A1";
const CHARTS_FIRST_ROW = parseCell(CHARTS_STATUS_CELL).row + 1;

/**
 * The charts sheet with its status line (CHARTS_STATUS_CELL): a formula, so that the sheet says on
 * its own, in any spreadsheet program, shown or printed without the results sheet, that its charts
 * are out of date: empty while `count` (a formula expression: how many units' figures changed since
 * scoring, inputsChangedCount) is 0, and the results sheet's line otherwise (inputsChangedStatus:
 * "… điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại…"), red and bold by a conditional
 * format on the same count. It holds the empty text as its value (scored now: nothing changed).
 */
export function withChartsStatus(sheet: OwnedSheetPlan, count: string, scoredAt: Date, lang: Lang, unitLabel?: LocalizedText): OwnedSheetPlan {
  const formula = `=IF(${count}=0,"",${inputsChangedStatus(count, scoredAt, lang, unitLabel)})`;
  // "General": a formula written into a text cell would stay text.
  const block: CellBlock = { address: CHARTS_STATUS_CELL, values: [[""]], formulas: [[formula]], numberFormat: "General" };
  return {
    ...sheet,
    blocks: [...sheet.blocks, block],
    conditionalFormats: [...sheet.conditionalFormats, { range: CHARTS_STATUS_CELL, kind: "expression", formula: chartsStatusRule(count), colors: [STATUS_RED], bold: true }],
  };
}

/**
 * Where the status line the last run wrote (`status`, as `_index` records it) may be now that rows
 * were inserted above the charts' data since (`data`: where the data is now; `recordedData`: where
 * `_index` records it): each cell of the status line's column below it, as many rows as the data
 * moved down (the rows went in above the line, or between it and the data). The recorded cell
 * itself is not among them.
 */
export function movedChartsStatus(status: readonly CellRange[], recordedData: readonly CellRange[], data: readonly CellRange[]): CellRange[] {
  if (recordedData.length === 0 || data.length === 0) return [];
  const rows = Math.min(...data.map((r) => r.top)) - Math.min(...recordedData.map((r) => r.top));
  const out: CellRange[] = [];
  for (const s of status) for (let k = 1; k <= rows; k++) out.push({ top: s.top + k, left: s.left, bottom: s.top + k, right: s.left });
  return out;
}

/** The formula of the rule that turns the charts sheet's status line red and bold (withChartsStatus): `count` above 0. */
export function chartsStatusRule(count: string): string {
  return `=${count}>0`;
}

/**
 * A rule's formula as a spreadsheet program may have saved it since it was written: without the
 * leading "=", spaces or the quotes around a sheet's name (LibreOffice writes `_index!$A:$A` for
 * `'_index'!$A:$A`), a whole column given as its rows ($A$1:$A$1048576), in any case.
 */
function ruleKey(formula: string): string {
  return formula
    .trim()
    .replace(/^=/, "")
    .replace(/'([^'!]+)'!/g, "$1!")
    .replace(/\$?([A-Z]{1,3})\$?1:\$?([A-Z]{1,3})\$?1048576\b/gi, "$$$1:$$$2")
    .replace(/\s+/g, "")
    .toUpperCase();
}

/** Whether two formulas of conditional formats are the same, however a spreadsheet program saved either (ruleKey). */
export function sameRuleFormula(a: string, b: string): boolean {
  return ruleKey(a) === ruleKey(b);
}

/**
 * Rows that start a page so that each chart printed on its own page has one: a break one row
 * above the chart (unless it starts the sheet) and one row below it, so that its frame touches
 * no page's edge (LibreOffice draws a frame on the edge on both pages). Two charts two rows apart
 * share the break between them.
 */
export function pageBreaksAround(charts: ChartPlan[]): number[] {
  const before = new Set<number>();
  for (const c of charts) {
    if (!c.ownPage) continue;
    const from = parseCell(c.from);
    const to = parseCell(c.to);
    const top = Math.min(from.row, to.row);
    if (top > 2) before.add(top - 1);
    before.add(Math.max(from.row, to.row) + 2);
  }
  return [...before].sort((a, b) => a - b);
}

/**
 * The cells the charts sheet's plan writes (the heading over the charts' data and the blocks under
 * it), as `_index` records them ("chartData"): a handful of ranges, however many units. The charts
 * are drawings, not cells: a later run updates them by name.
 */
export function chartsDataRanges(plan: OwnedSheetPlan): string[] {
  return coalesceRanges(writtenArea(plan)).map((r) => rangeAddress(r.top, r.left, r.bottom, r.right));
}

/**
 * How each block of the charts' data is headed, in either language: the units' `Đơn vị` as an index
 * without a `unitLabel` has it and as earlier versions headed it whatever the index (an index's own,
 * "Tỉnh", is known from its definition: LastChartsData.unitHeaders); the profile's axes were headed
 * "Pillar", then `Chỉ số thành phần` below the groups (FORMER_CHART_LABELS), once.
 */
const HEADS = {
  unit: new Set<string>(LANGS.map((l) => label("unit", l))),
  total: new Set<string>(LANGS.flatMap((l) => [label("totalPoints", l), label("value", l)])),
  axes: new Set<string>([...LANGS.flatMap((l) => [CHART_LABELS.pillar[l], CHART_LABELS.component[l]]), "Pillar", ...FORMER_CHART_LABELS.component]),
  average: new Set<string>(LANGS.map((l) => label("average", l))),
};

/** The mark between the first and the last units in the groups' chart's own block (unitsBetween), in either language. */
const BETWEEN_MARK = /^… .+ (ở giữa|in between) …$/u;

/**
 * The blocks of the charts' data, in the order the plan writes them: the units' figures, the
 * profile's (when there is a radar), the first and last units of the groups' chart (when it
 * cannot show them all).
 */
type DataBlock = "units" | "profile" | "ends";
const NEXT_BLOCKS: Record<DataBlock | "heading", DataBlock[]> = { heading: ["units"], units: ["profile", "ends"], profile: ["ends"], ends: [] };

/** What the last run wrote in a block of the charts' data, as far as it is known. */
interface BlockShape {
  /** Its columns, the names' included. */
  width: number;
  /** Its rows under its header. */
  rows: number;
}

/**
 * What is known of the charts' data the last run wrote: each block's shape as `_index` records it
 * ("chartData"); else, for a workbook scored by an earlier version, what the definition it scored
 * with (kept in `_index`) and the units it read make of it.
 */
export interface LastChartsData {
  /** The blocks as recorded, top to bottom; absent: not recorded. */
  recorded?: BlockShape[];
  /** How many groups the charts showed (the top level's worth points: chartedNodes). */
  groups?: number;
  /** The profile's axes, by name in either language; null: the index had too few for a radar. */
  axes?: Set<string> | null;
  /** How many units the last run read: the units' blocks have at most as many rows. */
  units?: number;
  /** The units' column's header, in either language, as the definition the last run scored with calls a unit (unitLabelText: "Tỉnh"). */
  unitHeaders?: Set<string>;
}

/** The definition the last run scored with, as `_index` keeps it (undefined: none, or not valid). */
function lastModel(previous: IndexSheetState): IndexModel | undefined {
  if (previous.definitionJson === undefined) return undefined;
  try {
    const parsed = parseDefinition(JSON.parse(previous.definitionJson));
    return parsed.ok ? parsed.model : undefined;
  } catch {
    return undefined;
  }
}

/** What `previous` (an `_index` read back) tells of the charts' data its run wrote; `recorded`: its "chartData" ranges, the heading's first. */
export function lastChartsData(previous: IndexSheetState, recorded: readonly CellRange[]): LastChartsData {
  const model = lastModel(previous);
  const units = Object.keys(previous.provenance?.unitHashes ?? {}).length;
  const axes = model ? profileAxes(model) : undefined;
  const names = (code: string) => {
    const node = model?.nodes.get(code);
    return node ? LANGS.map((l) => localize(node.name, l).trim()) : [];
  };
  // The heading, then one range a block under it (chartsDataRanges).
  const blocks = [...recorded].sort((a, b) => a.top - b.top || a.left - b.left).slice(1);
  return {
    ...(blocks.length > 0 ? { recorded: blocks.map((r) => ({ width: r.right - r.left + 1, rows: r.bottom - r.top })) } : {}),
    ...(model
      ? {
          groups: chartedNodes(model, model.topCodes).length,
          axes: axes ? new Set(axes.codes.flatMap(names)) : null,
          unitHeaders: new Set(LANGS.map((l) => unitLabelText(model.definition.unitLabel, l))),
        }
      : {}),
    ...(units > 0 ? { units } : {}),
  };
}

/**
 * The charts' data as the sheet holds it now (`ranges`, the heading's first; `blocks`: how many of
 * its blocks were found; undefined when the sheet has no heading): the heading (DATA_HEADING, in
 * either language, wherever rows or columns inserted since moved it) and each block under it,
 * known by its header (the units': `Đơn vị`, or the index's own name of a unit as `last` knows it,
 * and the total's header; the profile's: its axes' header, `Trung bình` at its end; the groups'
 * chart's own: the units' header and the units' groups), only
 * as wide as the last run wrote it (`last`: as `_index` records it, else the name, the total and
 * the groups of the definition it scored with; the profile up to its average), and only its rows
 * that hold what the plan writes there: numbers (the profile's, on the rows of its axes). Recorded,
 * a block has so many rows, past rows the user inserted among them since (theirs), above the next
 * block's header; short of so many (rows typed over or deleted), its rows are those recorded,
 * whatever they hold now. Not recorded, a block ends at its first empty row, past rows of the
 * user's text, with at most as many rows as the last run read units. A cell typed right of a
 * header or right under the last row is the user's.
 */
export function measuredChartsData(sheet: SheetSnapshot, last: LastChartsData = {}): { ranges: CellRange[]; blocks: number } | undefined {
  const headings = new Set<string>([DATA_HEADING.vi, DATA_HEADING.en]);
  const value = (row: number, column: number) => sheet.values[row - 1]?.[column - 1];
  const text = (row: number, column: number) => textOf(value(row, column));
  const none = (v: CellValue | undefined) => v === undefined || v === null || v === "";
  let at: { row: number; column: number } | undefined;
  sheet.values.forEach((line, r) => {
    if (at) return;
    const c = line.findIndex((v) => headings.has(textOf(v)));
    if (c >= 0) at = { row: r + 1, column: c + 1 };
  });
  if (!at) return undefined;
  const { row: top, column: left } = at;
  const lastRow = sheet.values.length;
  const ranges: CellRange[] = [{ top, left, bottom: top, right: left }];
  const blank = (row: number, right: number) => {
    for (let c = left; c <= right; c++) if (!none(value(row, c))) return false;
    return true;
  };
  // The units' header: `Đơn vị`, or as the definition the last run scored with calls a unit.
  const unitHeads = new Set<string>([...HEADS.unit, ...(last.unitHeaders ?? [])]);
  const headed = (row: number) => unitHeads.has(text(row, left)) || HEADS.axes.has(text(row, left));
  // Without the definition: a block as wide as its header while the rows under it have numbers in the column.
  const numbered = (head: number) => {
    const sample: number[] = [];
    for (let r = head + 1; r <= lastRow && typeof value(r, left + 1) === "number"; r++) sample.push(r);
    let width = 2;
    while (text(head, left + width) !== "" && sample.some((r) => typeof value(r, left + width) === "number")) width++;
    return width;
  };
  let unitsHead: number | undefined;
  // A block of `kind` headed on `row`: its width as the last run wrote it; undefined when the row is no such header.
  const widthOf = (row: number, kind: DataBlock, shape: BlockShape | undefined): number | undefined => {
    const first = text(row, left);
    const second = text(row, left + 1);
    if (kind === "profile") {
      if (!HEADS.axes.has(first) || last.axes === null) return undefined;
      for (let c = 1; c <= MAX_PROFILE_UNITS + 1; c++) if (HEADS.average.has(text(row, left + c))) return shape?.width ?? c + 1;
      return undefined;
    }
    if (!unitHeads.has(first)) return undefined;
    if (kind === "units") return HEADS.total.has(second) ? (shape?.width ?? (last.groups !== undefined ? 2 + last.groups : numbered(row))) : undefined;
    // The groups' chart's own: its header is the units' without the total.
    if (second === "" || HEADS.total.has(second) || (unitsHead !== undefined && second !== text(unitsHead, left + 2))) return undefined;
    return shape?.width ?? (last.groups !== undefined ? 1 + last.groups : numbered(row));
  };

  let row = top + 1;
  let kinds = NEXT_BLOCKS.heading;
  let blocks = 0;
  const recorded = last.recorded;
  while (kinds.length > 0 && (!recorded || blocks < recorded.length)) {
    const shape = recorded?.[blocks];
    // The block's header: where the plan writes it (the row under the heading, one empty row under
    // the block before); with a record, further down past rows inserted since, none like the data.
    let head: { row: number; kind: DataBlock; width: number } | undefined;
    for (let r = row; r <= lastRow && !head; r++) {
      for (const kind of kinds) {
        const width: number | undefined = widthOf(r, kind, shape);
        if (width === undefined) continue;
        head = { row: r, kind, width };
        break;
      }
      if (head || !recorded || typeof value(r, left + 1) === "number") break;
    }
    if (!head) break;
    const { kind, width } = head;
    const right = left + width - 1;
    if (kind === "units") unitsHead = head.row;
    const names = kind === "profile" ? (last.axes ?? undefined) : undefined;
    const like = (r: number) => {
      const name = text(r, left);
      if (names && !names.has(name)) return false;
      const cells: (CellValue | undefined)[] = [];
      for (let c = left + 1; c <= right; c++) cells.push(value(r, c));
      if (kind === "ends" && BETWEEN_MARK.test(name)) return cells.every(none);
      return cells.some((v) => typeof v === "number");
    };
    let rows: number[] = [];
    if (shape) {
      // So many rows of the data, past rows inserted among them (the user's: left out), above the
      // next block's header. Short of that many (rows typed over, or deleted), the rows recorded
      // are the block's, whatever they hold now, and no others.
      const typed: number[] = [];
      for (let r = head.row + 1; r <= lastRow && rows.length < shape.rows; r++) {
        if (headed(r)) break;
        (like(r) ? rows : typed).push(r);
      }
      const end = head.row + shape.rows;
      if (rows.length < shape.rows) rows = [...rows, ...typed].filter((r) => r <= end);
    } else {
      // Not recorded: the rows like the data's, down to an empty row, past rows of the user's text;
      // at most as many as the units read (the profile's: its axes).
      const most = kind === "profile" ? (last.axes?.size ?? Infinity) : (last.units ?? Infinity);
      for (let r = head.row + 1; r <= lastRow && rows.length < most; r++) {
        if (headed(r) || blank(r, right)) break;
        if (like(r)) rows.push(r);
      }
    }
    // The header, and each run of the rows one under another: a range (a handful, however many units).
    rows.sort((a, b) => a - b);
    let bottom = head.row;
    ranges.push({ top: head.row, left, bottom, right });
    for (const r of rows) {
      const run = ranges[ranges.length - 1]!;
      if (r === run.bottom + 1 && run.left === left && run.right === right) run.bottom = r;
      else ranges.push({ top: r, left, bottom: r, right });
      bottom = Math.max(bottom, r);
    }
    blocks++;
    kinds = NEXT_BLOCKS[kind];
    row = bottom + (recorded ? 1 : 2);
  }
  return { ranges: coalesceRanges(ranges), blocks };
}

/**
 * The cells the last run wrote on its charts sheet (`name` now; `renamed` maps a recorded sheet to
 * the name it has now), as the sheet holds them now (measuredChartsData, with what `_index` records
 * of them: rows or columns inserted since move them, rows inserted among them hold what the user
 * typed; a workbook scored by an earlier version does not record them); a block whose header is
 * not found is taken where `_index` records it, moved as the heading moved. Undefined when the
 * sheet was not the project's last run, or neither `_index` nor the sheet tells where the data is:
 * the host then writes the whole sheet anew, as earlier versions did.
 */
export function lastChartsArea(sheet: SheetSnapshot, previous: IndexSheetState, renamed: Map<string, string>, name: string): CellRange[] | undefined {
  if (!ownedLastRun(previous, renamed, name)) return undefined;
  const recorded = recordedRanges(previous, renamed, name, "chartData").sort((a, b) => a.top - b.top || a.left - b.left);
  const last = lastChartsData(previous, recorded);
  const measured = measuredChartsData(sheet, last);
  if (!measured) return recorded.length > 0 ? recorded : undefined;
  if (measured.blocks >= (last.recorded?.length ?? 0)) return measured.ranges;
  const heading = measured.ranges[0]!;
  const rows = heading.top - recorded[0]!.top;
  const columns = heading.left - recorded[0]!.left;
  const moved = recorded.map((r) => ({ top: r.top + rows, left: r.left + columns, bottom: r.bottom + rows, right: r.right + columns }));
  return coalesceRanges([...measured.ranges, ...moved]);
}
