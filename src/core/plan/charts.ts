/**
 * The charts sheet (`Biểu đồ` / `Charts`): a small data block the charts read, and three named
 * native charts side by side — total by unit (sorted bars), group points stacked by unit, and a
 * radar profile of chosen units against the average.
 */
import type { IndexModel } from "../definition/model";
import type { Lang } from "../i18n/text";
import { localize } from "../i18n/text";
import type { CellBlock, ChartPlan, OwnedSheetPlan, PlanValue, UnitResult } from "../types";
import { cellAddress, columnLetter, rangeAddress } from "./a1";
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
}

const CHART_COLUMNS = 10;
const CHART_GAP = 1;

function mean(xs: number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
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
  const chosen = chosenCodes.flatMap((c) => units.filter((u) => u.code === c));
  const top2 = units.length + 3;
  const head2: PlanValue[] = [CHART_LABELS.pillar[lang], ...chosen.map((u) => u.name), label("average", lang)];
  const rows2: PlanValue[][] = groups.map((g) => [
    g.name,
    ...chosen.map((u) => u.nodes[g.code]?.value ?? null),
    mean(units.flatMap((u) => (u.nodes[g.code]?.value ?? null) === null ? [] : [u.nodes[g.code]!.value!])),
  ]);
  const formats2 = [head2.map(() => "@"), ...rows2.map((r) => ["@", ...r.slice(1).map(() => VALUE_FORMAT)])];

  const blocks: CellBlock[] = [
    { address: "A1", values: [head1, ...rows1], numberFormat: formats1 },
    { address: cellAddress(top2, 1), values: [head2, ...rows2], numberFormat: formats2 },
  ];

  const charts: ChartPlan[] = [];
  if (units.length > 0 && groups.length > 0) {
    const dataWidth = Math.max(head1.length, head2.length);
    const firstColumn = dataWidth + 2;
    const height = Math.max(22, Math.min(60, units.length + 8));
    const place = (i: number) => {
      const left = firstColumn + i * (CHART_COLUMNS + CHART_GAP);
      return { from: cellAddress(2, left), to: cellAddress(2 + height, left + CHART_COLUMNS) };
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
  return {
    name: sheet,
    visibility: "visible",
    blocks,
    tables: [],
    conditionalFormats: [],
    charts,
    columnWidths: [{ column: columnLetter(1), width: 30 }],
    after: input.after,
  };
}
