/**
 * The charts sheet (`Biểu đồ` / `Charts`): a small data block the charts read, and three named
 * native charts side by side — total by unit (sorted bars), group points stacked by unit, and a
 * radar profile of chosen units against the average.
 */
import type { IndexModel } from "../definition/model";
import type { Lang } from "../i18n/text";
import { localize } from "../i18n/text";
import type { CellBlock, ChartKind, ChartPlan, OwnedSheetPlan, PlanValue, UnitResult } from "../types";
import { cellAddress, columnLetter, rangeAddress } from "./a1";
import { fitWidth, widestWord, wrappedHeight } from "./layout";
import { CHART_LABELS, CHART_NAMES, SHEET_NAMES, label } from "./labels";
import { POINTS_FORMAT, VALUE_FORMAT } from "./results-sheet";

export interface ChartsSheetInput {
  model: IndexModel;
  /** Units in rank order. */
  units: UnitResult[];
  lang: Lang;
  /** Unit codes for the profile chart; default: the first three by rank. */
  profileUnits?: string[];
  /** The results sheet's name, for placing this sheet after it. */
  after: string;
  /** The charts to create or update (default: all three); the others are not planned at all. */
  kinds?: ChartKind[];
}

/** The three charts in the order they sit on the sheet. */
export const CHART_KINDS: ChartKind[] = ["barSorted", "stackedBar", "radar"];

const CHART_COLUMNS = 10;
/** Empty columns between two charts (and between the data and the first chart). */
const CHART_GAP = 1;
/** Rows a bar chart needs for each unit so that every unit's name shows on the axis. */
const ROWS_PER_UNIT = 1.25;
/** Rows for the title, the value axis and the legend. */
const CHART_FRAME_ROWS = 9;
const MAX_CHART_ROWS = 200;
/** A radar with more lines than this cannot be read: the profile compares at most this many units. */
export const MAX_PROFILE_UNITS = 5;
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

export function planChartsSheet(input: ChartsSheetInput): OwnedSheetPlan {
  const { model, lang } = input;
  const sheet = SHEET_NAMES.charts[lang];
  const usePoints = model.root.max !== undefined;
  const groups = model.topCodes.flatMap((code) => {
    const node = model.nodes.get(code);
    return node ? [{ code, name: localize(node.name, lang), hasMax: node.max !== undefined }] : [];
  });
  const stackPoints = usePoints && groups.every((g) => g.hasMax);
  const units = input.units.filter((u) => (usePoints ? u.points : u.value) !== null);

  // Block 1 (A1): unit, total, one column per group, in rank order.
  const totalHeader = usePoints ? label("totalPoints", lang) : label("value", lang);
  const totalFormat = usePoints ? POINTS_FORMAT : VALUE_FORMAT;
  const groupFormat = stackPoints ? POINTS_FORMAT : VALUE_FORMAT;
  const head1: PlanValue[] = [label("unit", lang), totalHeader, ...groups.map((g) => g.name)];
  const rows1: PlanValue[][] = units.map((u) => [
    u.name,
    usePoints ? u.points : u.value,
    ...groups.map((g) => (stackPoints ? u.nodes[g.code]?.points : u.nodes[g.code]?.value) ?? null),
  ]);
  const formats1 = [head1.map(() => "@"), ...rows1.map(() => ["@", totalFormat, ...groups.map(() => groupFormat)])];

  // Block 2 (below): group profile of the chosen units against the average of all units.
  const chosenCodes = input.profileUnits && input.profileUnits.length > 0 ? input.profileUnits : units.slice(0, 3).map((u) => u.code);
  const chosen = chosenCodes.flatMap((c) => units.filter((u) => u.code === c)).slice(0, MAX_PROFILE_UNITS);
  const top2 = units.length + 3;
  const head2: PlanValue[] = [CHART_LABELS.pillar[lang], ...chosen.map((u) => u.name), label("average", lang)];
  const rows2: PlanValue[][] = groups.map((g) => [
    g.name,
    ...chosen.map((u) => u.nodes[g.code]?.value ?? null),
    mean(units.flatMap((u) => (u.nodes[g.code]?.value ?? null) === null ? [] : [u.nodes[g.code]!.value!])),
  ]);
  const formats2 = [head2.map(() => "@"), ...rows2.map((r) => ["@", ...r.slice(1).map(() => VALUE_FORMAT)])];

  const widths = dataColumnWidths(head1, head2, [...rows1, ...rows2]);
  const blocks: CellBlock[] = [
    { address: "A1", values: [head1, ...rows1], numberFormat: formats1 },
    { address: cellAddress(top2, 1), values: [head2, ...rows2], numberFormat: formats2 },
    // The header rows bold and wrapped, so long group and unit names show whole.
    { address: "A1", values: [head1], bold: true, wrap: true },
    { address: cellAddress(top2, 1), values: [head2], bold: true, wrap: true },
  ];

  const charts: ChartPlan[] = [];
  if (units.length > 0 && groups.length > 0) {
    const dataWidth = Math.max(head1.length, head2.length);
    const firstColumn = dataWidth + 1 + CHART_GAP;
    // Tall enough for one axis label per unit; `to` is the chart's last cell, included.
    // Past MAX_CHART_ROWS (about 150 units) the chart stops growing and the reader skips labels.
    const height = Math.min(MAX_CHART_ROWS, Math.max(22, Math.ceil(units.length * ROWS_PER_UNIT) + CHART_FRAME_ROWS));
    const place = (i: number) => {
      const left = firstColumn + i * (CHART_COLUMNS + CHART_GAP);
      return { from: cellAddress(2, left), to: cellAddress(1 + height, left + CHART_COLUMNS - 1) };
    };
    const last1 = units.length + 1;
    const unitCats = rangeAddress(2, 1, last1, 1);
    const axisY = usePoints ? CHART_LABELS.pointsAxis[lang] : CHART_LABELS.valueAxis[lang];
    charts.push({
      name: CHART_NAMES.total,
      kind: "barSorted",
      title: usePoints ? CHART_LABELS.totalTitle[lang] : CHART_LABELS.totalValueTitle[lang],
      categories: unitCats,
      series: [{ name: totalHeader, values: rangeAddress(2, 2, last1, 2) }],
      dataSheet: sheet,
      ...place(0),
      xAxisTitle: CHART_LABELS.unitAxis[lang],
      yAxisTitle: axisY,
    });
    charts.push({
      name: CHART_NAMES.groups,
      kind: "stackedBar",
      title: stackPoints ? CHART_LABELS.groupsTitle[lang] : CHART_LABELS.groupsValueTitle[lang],
      categories: unitCats,
      series: groups.map((g, i) => ({ name: g.name, values: rangeAddress(2, 3 + i, last1, 3 + i) })),
      dataSheet: sheet,
      ...place(1),
      xAxisTitle: CHART_LABELS.unitAxis[lang],
      yAxisTitle: stackPoints ? CHART_LABELS.pointsAxis[lang] : CHART_LABELS.valueAxis[lang],
    });
    const lastGroupRow = top2 + groups.length;
    charts.push({
      name: CHART_NAMES.profile,
      kind: "radar",
      title: CHART_LABELS.profileTitle[lang],
      categories: rangeAddress(top2 + 1, 1, lastGroupRow, 1),
      series: head2.slice(1).map((h, i) => ({ name: String(h), values: rangeAddress(top2 + 1, 2 + i, lastGroupRow, 2 + i) })),
      dataSheet: sheet,
      ...place(2),
    });
  }
  // Charts not chosen are left out; each keeps its place so a later run puts it where it was.
  const wanted = new Set(input.kinds ?? CHART_KINDS);
  return {
    name: sheet,
    visibility: "visible",
    blocks,
    tables: [],
    conditionalFormats: [],
    charts: charts.filter((c) => wanted.has(c.kind)),
    columnWidths: widths.map((width, i) => ({ column: columnLetter(i + 1), width })),
    rowHeights: [
      { row: 1, height: headerHeight(head1, widths) },
      { row: top2, height: headerHeight(head2, widths) },
    ],
    print: { orientation: "landscape", fitToWidth: true },
    after: input.after,
  };
}
