/**
 * Executing a WritePlan through Office.js in a constant number of requests: look up what
 * exists (sheets, tables, the protection of the sheets the plan touches and the workbook's notes,
 * then charts and where the notes are), then queue every write, packed into requests of at most 4 MB (REQUEST_BUDGET), with
 * calculation suspended in each. Sheets protected without a password (the project's own forms)
 * are unprotected at the start of the first write request and protected again, with the same
 * options, at the end of the last one; a sheet protected with a password is left as it is.
 */
import type { Message } from "../../core/i18n/text";
import { INDEX_SHEET } from "../../core/plan";
import type { CellBlock, OwnedSheetPlan, PlanValue, PrintPlan, WritePlan } from "../../core/types";
import { a1, excelColor, quoteSheet, rectAddress, splitSheet, topLeft } from "./address";
import { forgetAll, sheetOf } from "./proxies";
import type { Capabilities } from "./requirements";
import { queueChart, type ExistingChart } from "./charts";
import { withMarksOfSheetsUnwritten } from "../../core/plan/index-sheet";
import { relocateMarks, withFillsOfMarkedCells } from "../../core/plan/plan";
import { cellKey, markLookup, queueClear, queueMark, queueMarkLocations, queueMarkTexts, type MarkLookup } from "./marks";
import { BLOCK_BUDGET, jsonBytes, RequestPacker } from "./payload";

export interface ApplyStats {
  requests: number;
  maxRequestBytes: number;
  /** Sheets whose edits were left out because a password protects them. */
  skippedSheets: string[];
  /** What the user should know about the write (one message per sheet left out). */
  warnings: Message[];
}

/** What the user is told about a sheet that a password protects. */
export function passwordProtectedMessage(sheet: string, kind: "score" | "mark" | "clear" = "score"): Message {
  if (kind === "mark") {
    return {
      vi: `Trang "${sheet}" được bảo vệ bằng mật khẩu nên các ô có vấn đề trên trang này chưa được đánh dấu. Hãy bỏ bảo vệ trang (Xem lại > Bỏ bảo vệ trang tính) rồi đánh dấu lại; các trang khác đã được đánh dấu.`,
      en: `Sheet "${sheet}" is protected with a password, so the cells with issues on it were not marked. Unprotect the sheet (Review > Unprotect Sheet) and mark again; the other sheets were marked.`,
    };
  }
  if (kind === "clear") {
    return {
      vi: `Trang "${sheet}" được bảo vệ bằng mật khẩu nên các đánh dấu trên trang này chưa được xóa. Hãy bỏ bảo vệ trang (Xem lại > Bỏ bảo vệ trang tính) rồi xóa đánh dấu lại; các trang khác đã được xóa.`,
      en: `Sheet "${sheet}" is protected with a password, so its marks were not cleared. Unprotect the sheet (Review > Unprotect Sheet) and clear the marks again; the other sheets were cleared.`,
    };
  }
  return {
    vi: `Trang "${sheet}" được bảo vệ bằng mật khẩu nên điểm và các đánh dấu của trang này chưa được ghi. Hãy bỏ bảo vệ trang (Xem lại > Bỏ bảo vệ trang tính) rồi chấm điểm lại; các trang khác đã được ghi đầy đủ.`,
    en: `Sheet "${sheet}" is protected with a password, so its scores and marks were not written. Unprotect the sheet (Review > Unprotect Sheet) and score again; the other sheets were written in full.`,
  };
}

/** Bytes of a protect() command with its options, and of an unprotect(). */
const PROTECT_BYTES = 420;
const UNPROTECT_BYTES = 40;

const VISIBILITY = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;

/** A string Excel would turn into a formula (or a number) must be written as text. */
export function needsTextFormat(v: PlanValue): boolean {
  return typeof v === "string" && /^[=+\-@]/.test(v) && v.length > 1;
}

/** Excel column width in points from a width in characters (Calibri 11: 7 px a character + 5 px). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Queues one block, cut into row pieces of at most BLOCK_BUDGET bytes, writing 2D arrays only. */
export function queueBlock(packer: RequestPacker, sheet: string, block: CellBlock, nullMeans: "empty" | "unchanged" = "empty"): void {
  const keep = nullMeans === "unchanged";
  const { row, col } = topLeft(block.address);
  const rows = block.values.length;
  const cols = Math.max(0, ...block.values.map((r) => r.length));
  if (rows === 0 || cols === 0) return;
  const cell = (r: number, c: number): PlanValue => block.values[r]?.[c] ?? null;
  const values = (r: number) => Array.from({ length: cols }, (_, c) => {
    const v = cell(r, c);
    // In Office.js a null leaves the cell as it is; "" empties it.
    return v === null ? (keep ? null : "") : v;
  });
  const anyText = block.values.some((r) => r.some(needsTextFormat));
  const perCellFormat = Array.isArray(block.numberFormat);
  const formats = anyText || perCellFormat
    ? (r: number) => Array.from({ length: cols }, (_, c) => {
        if (needsTextFormat(cell(r, c))) return "@";
        const f = Array.isArray(block.numberFormat) ? block.numberFormat[r]?.[c] : block.numberFormat;
        return f ?? (keep ? null : "General");
      })
    : block.numberFormat !== undefined
      ? (r: number) => Array.from({ length: cols }, (_, c) => (keep && cell(r, c) === null ? null : (block.numberFormat as string)))
      : null;

  const rowBytes = Array.from({ length: rows }, (_, r) => jsonBytes(values(r)) + (formats ? jsonBytes(formats(r)) : 0) + (block.formulas ? jsonBytes(block.formulas[r] ?? []) : 0));
  let start = 0;
  while (start < rows) {
    let end = start;
    let bytes = 0;
    while (end < rows && (end === start || bytes + rowBytes[end]! <= BLOCK_BUDGET)) bytes += rowBytes[end++]!;
    const from = start;
    const count = end - start;
    packer.add(bytes + 150, (ctx) => {
      const range = sheetOf(ctx, sheet).getRange(rectAddress({ row: row + from, col, rows: count, cols }));
      // The number format goes first so that text written into "@" cells stays text.
      if (formats) range.numberFormat = Array.from({ length: count }, (_, r) => formats(from + r));
      range.values = Array.from({ length: count }, (_, r) => values(from + r));
      if (block.formulas) {
        range.formulas = Array.from({ length: count }, (_, r) => Array.from({ length: cols }, (_, c) => block.formulas?.[from + r]?.[c] ?? null)) as never;
      }
      if (block.bold !== undefined) range.format.font.bold = block.bold;
      if (block.fill) range.format.fill.color = excelColor(block.fill);
      if (block.fontColor) range.format.font.color = excelColor(block.fontColor);
      if (block.wrap !== undefined) range.format.wrapText = block.wrap;
      if (block.fontSize !== undefined) range.format.font.size = block.fontSize;
    });
    start = end;
  }
}

/**
 * The planner writes the `Điểm` cells of a unit sheet one by one; cells of one column with the
 * same formatting are written as one column range instead, with null (unchanged) in the gaps.
 */
export function coalesceColumnCells(blocks: CellBlock[]): { merged: CellBlock[]; rest: CellBlock[] } {
  const groups = new Map<string, { row: number; block: CellBlock }[]>();
  const rest: CellBlock[] = [];
  for (const b of blocks) {
    const single = b.values.length === 1 && b.values[0]?.length === 1 && !b.formulas && !Array.isArray(b.numberFormat) && b.values[0][0] !== null;
    if (!single) {
      rest.push(b);
      continue;
    }
    const { row, col } = topLeft(b.address);
    const key = JSON.stringify([col, b.numberFormat ?? null, b.bold ?? null, b.fill ?? null, b.fontColor ?? null, b.wrap ?? null, b.fontSize ?? null]);
    const list = groups.get(key) ?? [];
    list.push({ row, block: b });
    groups.set(key, list);
  }
  const merged: CellBlock[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => a.row - b.row);
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const { col } = topLeft(first.block.address);
    const values: CellBlock["values"] = Array.from({ length: last.row - first.row + 1 }, () => [null]);
    for (const { row, block } of list) values[row - first.row] = [block.values[0]![0]!];
    const { address: _a, values: _v, ...style } = first.block;
    merged.push({ ...style, address: a1(first.row, col), values });
  }
  return { merged, rest };
}

function colorScaleCriteria(colors: string[]): Excel.ConditionalColorScaleCriteria {
  const [min, mid, max] = colors.length >= 3 ? colors : [colors[0], undefined, colors[colors.length - 1]];
  return {
    minimum: { formula: null as unknown as string, type: "LowestValue", color: excelColor(min ?? "#F8696B") },
    ...(mid ? { midpoint: { formula: "50", type: "Percentile", color: excelColor(mid) } } : {}),
    maximum: { formula: null as unknown as string, type: "HighestValue", color: excelColor(max ?? "#63BE7B") },
  } as Excel.ConditionalColorScaleCriteria;
}

function queueOwnedSheet(packer: RequestPacker, plan: OwnedSheetPlan, exists: boolean, caps: Capabilities, existingTables: Set<string>): void {
  const name = plan.name;
  packer.add(0, (ctx) => {
    const wb = ctx.workbook;
    for (const t of plan.tables) if (existingTables.has(t.name.toLowerCase())) wb.tables.getItem(t.name).delete();
    if (exists) {
      const all = sheetOf(ctx, name).getRange();
      all.clear("All");
      if (caps.conditionalFormats) all.conditionalFormats.clearAll();
      if (caps.freezePanes) sheetOf(ctx, name).freezePanes.unfreeze();
    } else {
      wb.worksheets.add(name);
    }
  });
  for (const block of plan.blocks) queueBlock(packer, name, block);
  for (const w of plan.columnWidths ?? []) {
    packer.add(40, (ctx) => {
      sheetOf(ctx, name).getRange(`${w.column}:${w.column}`).format.columnWidth = charsToPoints(w.width);
    });
  }
  for (const h of plan.rowHeights ?? []) {
    packer.add(40, (ctx) => {
      sheetOf(ctx, name).getRange(`${h.row}:${h.row}`).format.rowHeight = h.height;
    });
  }
  // On an Excel without ExcelApi 1.9 the sheet keeps Excel's print defaults (capabilities() says so).
  if (caps.printLayout && plan.print) queuePrint(packer, name, plan.print);
  for (const t of plan.tables) {
    packer.add(t.name.length + t.range.length + 40, (ctx) => {
      const table = sheetOf(ctx, name).tables.add(`${quoteSheet(name)}!${t.range}`, true);
      table.name = t.name;
      table.style = t.style;
    });
  }
  if (caps.conditionalFormats) {
    for (const cf of plan.conditionalFormats) {
      packer.add(200, (ctx) => {
        const range = sheetOf(ctx, name).getRange(cf.range);
        if (cf.kind === "colorScale") {
          range.conditionalFormats.add("ColorScale").colorScale.criteria = colorScaleCriteria(cf.colors);
        } else {
          range.conditionalFormats.add("DataBar").dataBar.positiveFormat.fillColor = excelColor(cf.colors[0] ?? "#638EC6");
        }
      });
    }
  }
  if (caps.freezePanes && plan.freeze && (plan.freeze.rows > 0 || plan.freeze.columns > 0)) {
    const { rows, columns } = plan.freeze;
    packer.add(60, (ctx) => {
      const panes = sheetOf(ctx, name).freezePanes;
      if (rows > 0 && columns > 0) panes.freezeAt(sheetOf(ctx, name).getRange(rectAddress({ row: 0, col: 0, rows, cols: columns })));
      else if (rows > 0) panes.freezeRows(rows);
      else panes.freezeColumns(columns);
    });
  }
}

const PRINT_MARGINS = { side: 0.4 * 72, topBottom: 0.5 * 72, headerFooter: 0.3 * 72 };

/**
 * How the sheet prints (ExcelApi 1.9): A4, the plan's orientation, one page wide and as many tall
 * as it needs (a vertical fit of 0 leaves the height free), the header rows on every page.
 */
function queuePrint(packer: RequestPacker, name: string, print: PrintPlan): void {
  packer.add(200 + 40 * (print.pageBreaksBefore?.length ?? 0), (ctx) => {
    const layout = sheetOf(ctx, name).pageLayout;
    layout.paperSize = "A4";
    layout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
    if (print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (print.repeatRows) layout.setPrintTitleRows(`$${print.repeatRows.first}:$${print.repeatRows.last}`);
    // The xlsx host's margins (inches) in points: narrow sides so that a wide table stays legible.
    layout.leftMargin = layout.rightMargin = PRINT_MARGINS.side;
    layout.topMargin = layout.bottomMargin = PRINT_MARGINS.topBottom;
    layout.headerMargin = layout.footerMargin = PRINT_MARGINS.headerFooter;
    // Clearing the sheet keeps its manual page breaks: the previous run's go first.
    const breaks = sheetOf(ctx, name).horizontalPageBreaks;
    breaks.removePageBreaks();
    for (const row of print.pageBreaksBefore ?? []) breaks.add(`A${row}`);
  });
}

/** Where each sheet ends up once the plan's `after` rules are followed, in plan order. */
function finalPositions(names: string[], owned: OwnedSheetPlan[]): Map<string, number> {
  const order = [...names];
  for (const p of owned) {
    if (p.after === undefined) continue;
    const i = order.indexOf(p.name);
    if (i < 0) continue;
    order.splice(i, 1);
    const at = p.after === null ? 0 : order.indexOf(p.after) + 1;
    order.splice(at < 0 ? order.length : at, 0, p.name);
  }
  return new Map(order.map((n, i) => [n, i]));
}

/** The plan without the edits, marks and owned sheets of the given sheets (lower-case names). */
function withoutSheets(plan: WritePlan, skip: Set<string>): WritePlan {
  if (!skip.size) return plan;
  const keep = (name: string) => !skip.has(name.toLowerCase());
  // `_index` must say what is really in the workbook: on a sheet left as it was, the new marks
  // were not made and the earlier ones are still there, so the next run or "clear marks" finds them.
  const stillMarked = plan.clearMarks.filter((m) => !keep(m.sheet));
  const index = (o: OwnedSheetPlan): OwnedSheetPlan => withMarksOfSheetsUnwritten(o, (name) => !keep(name), stillMarked);
  return {
    ...plan,
    owned: plan.owned.filter((o) => keep(o.name)).map(index),
    edits: plan.edits.filter((e) => keep(e.sheet)),
    marks: plan.marks.filter((m) => keep(m.sheet)),
    clearMarks: plan.clearMarks.filter((m) => keep(m.sheet)),
  };
}

/** The sheets a plan writes on, each once (Excel's sheet names ignore case). */
function touchedSheets(plan: WritePlan): string[] {
  const names = new Map<string, string>();
  for (const n of [...plan.owned.map((o) => o.name), ...plan.edits.map((e) => e.sheet), ...plan.marks.map((m) => m.sheet), ...plan.clearMarks.map((m) => m.sheet)]) {
    if (!names.has(n.toLowerCase())) names.set(n.toLowerCase(), n);
  }
  return [...names.values()];
}

export async function applyPlan(ctx: Excel.RequestContext, writtenPlan: WritePlan, caps: Capabilities): Promise<ApplyStats> {
  const wb = ctx.workbook;
  let requests = 0;

  // Request 1: the sheets and tables that exist, the protection of the sheets the plan touches,
  // and, when the plan sets or clears marks, the workbook's notes (or comments) with their text.
  const sheetList = wb.worksheets.load("items/name");
  const tableList = wb.tables.load("items/name,items/worksheet/name");
  const protections = touchedSheets(writtenPlan).map((name) => ({ name, ws: wb.worksheets.getItemOrNullObject(name).load("protection/protected,protection/options") }));
  const hasMarks = writtenPlan.marks.length > 0 || writtenPlan.clearMarks.length > 0;
  const texts = hasMarks ? queueMarkTexts(ctx, caps.marks) : null;
  await ctx.sync();
  requests++;
  const sheetNames = sheetList.items.map((s) => s.name);
  const lower = new Map(sheetNames.map((n) => [n.toLowerCase(), n]));
  // Table name (lower case) → the sheet it is on: a table on a sheet the plan deletes goes with it.
  const existingTables = new Map(tableList.items.map((t) => [t.name.toLowerCase(), t.worksheet.name.toLowerCase()]));
  const isProtected = new Map<string, Excel.WorksheetProtectionOptions>();
  for (const p of protections) if (!p.ws.isNullObject && p.ws.protection.protected) isProtected.set(p.name, p.ws.protection.options);
  forgetAll(ctx);

  // Request 2: the charts of owned sheets that exist, and where each note (or comment) is.
  const chartLookups: { sheet: string; name: string; chart: Excel.Chart }[] = [];
  if (caps.charts) {
    for (const o of writtenPlan.owned) {
      if (!lower.has(o.name.toLowerCase())) continue;
      for (const c of o.charts) chartLookups.push({ sheet: o.name, name: c.name, chart: sheetOf(ctx, o.name).charts.getItemOrNullObject(c.name).load("name,series/items/name") });
    }
  }
  const locations = queueMarkLocations(texts);
  // The fill of each cell about to be marked, which the snapshot does not carry: `_index` records
  // it so that clearing the mark gives the cell its own fill (the form's input shading) back.
  const fills = writtenPlan.marks.map((m) => ({ key: cellKey(m.sheet, m.cell), fill: sheetOf(ctx, m.sheet).getRange(m.cell).format.fill.load("color") }));
  if (chartLookups.length || locations.length || fills.length) {
    await ctx.sync();
    requests++;
  }
  const existingCharts = new Map<string, ExistingChart>();
  for (const l of chartLookups) {
    if (!l.chart.isNullObject) existingCharts.set(`${l.sheet}\u0000${l.name}`, { seriesCount: l.chart.series.items.length });
  }
  forgetAll(ctx);
  const { texts: found, noted } = markLookup(caps.marks, texts, locations, splitAddress);
  const lookup: MarkLookup = { texts: found };
  // The marks of the last run are cleared where they are now: rows the user inserted move them.
  const fillNow = new Map(fills.map((f) => [f.key, f.fill.color]));
  const relocated = caps.marks === "fill" ? writtenPlan : relocateMarks(writtenPlan, noted);
  // Excel reports a cell without a fill as white.
  const fullPlan = withFillsOfMarkedCells(relocated, (sheet, cell) => {
    const color = fillNow.get(cellKey(sheet, cell));
    return color === undefined || /^#?FFFFFF$/i.test(color) ? undefined : `FF${color.replace(/^#/, "").toUpperCase()}`;
  });

  // The writes; a sheet that a password protects is found when its unprotect() fails, then left out.
  const skipped: string[] = [];
  let unprotect = [...isProtected.keys()];
  let maxRequestBytes = 0;
  for (;;) {
    const plan = withoutSheets(fullPlan, new Set(skipped.map((n) => n.toLowerCase())));
    const reprotect = [...isProtected.keys()].filter((n) => !skipped.includes(n));
    const attempt = { requests: 0, writing: false, writeRequests: 0, maxRequestBytes: 0 };
    try {
      requests += await queueAndSend(ctx, plan, caps, { sheetNames, lower, existingTables, existingCharts, lookup }, unprotect, reprotect.map((n) => ({ name: n, options: isProtected.get(n)! })), attempt);
      maxRequestBytes = Math.max(maxRequestBytes, attempt.maxRequestBytes);
      break;
    } catch (e) {
      requests += attempt.requests + 1;
      maxRequestBytes = Math.max(maxRequestBytes, attempt.maxRequestBytes);
      forgetAll(ctx);
      if (!reprotect.length) throw e;
      // Which of the sheets are still protected? Unprotects run first and in order, so when one fails
      // the sheets before it are unprotected and it is the first one still protected.
      const states = reprotect.map((n) => wb.worksheets.getItem(n).protection.load("protected"));
      await ctx.sync();
      requests++;
      const still = new Set(reprotect.filter((_, i) => states[i]!.protected));
      const failed = attempt.writing && attempt.writeRequests === 0 ? unprotect.find((n) => still.has(n)) : undefined;
      if (failed === undefined) {
        // Something else failed: protect again what this run unprotected, then report the failure.
        for (const n of reprotect) if (!still.has(n)) wb.worksheets.getItem(n).protection.protect(isProtected.get(n)!);
        await ctx.sync().catch(() => undefined);
        throw e;
      }
      skipped.push(failed);
      unprotect = unprotect.filter((n) => still.has(n) && n !== failed);
    }
  }
  // A plan that writes nothing but marks and _index is "mark issues" or, with no marks, "clear marks".
  const marksOnly = fullPlan.edits.length === 0 && fullPlan.owned.every((o) => o.name === INDEX_SHEET);
  const kind = !marksOnly ? "score" : fullPlan.marks.length > 0 ? "mark" : "clear";
  return { requests, maxRequestBytes, skippedSheets: skipped, warnings: skipped.map((n) => passwordProtectedMessage(n, kind)) };
}

interface Existing {
  sheetNames: string[];
  lower: Map<string, string>;
  existingTables: Map<string, string>;
  existingCharts: Map<string, ExistingChart>;
  /** The notes or comments of the workbook by cell, as looked up before the writes. */
  lookup: MarkLookup;
}

/** Sends the writes; returns the requests it took. */
async function queueAndSend(
  ctx: Excel.RequestContext,
  plan: WritePlan,
  caps: Capabilities,
  { sheetNames, lower, existingTables, existingCharts, lookup }: Existing,
  unprotect: string[],
  reprotect: { name: string; options: Excel.WorksheetProtectionOptions }[],
  stats: { requests: number; writing: boolean; writeRequests: number; maxRequestBytes: number },
): Promise<number> {
  const removeSheets = (plan.removeSheets ?? []).filter((n) => lower.has(n.toLowerCase()) && !plan.owned.some((o) => o.name.toLowerCase() === n.toLowerCase()));
  const onLiveSheet = (m: { sheet: string }) => lower.has(m.sheet.toLowerCase()) && !removeSheets.includes(m.sheet);
  const clears = plan.clearMarks.filter(onLiveSheet);
  const marks = plan.marks.filter((m) => onLiveSheet(m) || plan.owned.some((o) => o.name === m.sheet));

  // The writes, packed into requests under the budget: protected sheets are unprotected first
  // (the start of the first request) and protected again last (the end of the last request).
  const packer = new RequestPacker();
  for (const name of unprotect) packer.add(UNPROTECT_BYTES + name.length, (c) => sheetOf(c, name).protection.unprotect());
  for (const name of removeSheets) packer.add(name.length, (c) => sheetOf(c, name).delete());
  const removed = new Set(removeSheets.map((n) => n.toLowerCase()));
  const tablesLeft = new Set([...existingTables].filter(([, sheet]) => !removed.has(sheet)).map(([table]) => table));
  for (const o of plan.owned) queueOwnedSheet(packer, o, lower.has(o.name.toLowerCase()), caps, tablesLeft);
  for (const e of plan.edits) {
    const { merged, rest } = coalesceColumnCells(e.blocks);
    for (const b of merged) queueBlock(packer, e.sheet, b, "unchanged");
    for (const b of rest) queueBlock(packer, e.sheet, b);
  }
  const removing = new Set<string>();
  for (const m of clears) queueClear(packer, caps.marks, m, lookup, removing);
  for (const m of marks) queueMark(packer, caps.marks, m, lookup, removing);
  if (caps.charts) {
    for (const o of plan.owned) for (const c of o.charts) queueChart(packer, o.name, c, existingCharts.get(`${o.name}\u0000${c.name}`));
  }
  // Order and visibility last: a sheet can be hidden only once another one is visible.
  const names = [...sheetNames.filter((n) => !removeSheets.includes(n)), ...plan.owned.filter((o) => !lower.has(o.name.toLowerCase())).map((o) => o.name)];
  const positions = finalPositions(names, plan.owned);
  for (const o of plan.owned) {
    packer.add(60, (c) => {
      const ws = sheetOf(c, o.name);
      if (o.after !== undefined) ws.position = positions.get(o.name) ?? 0;
      ws.visibility = VISIBILITY[o.visibility];
    });
  }
  for (const p of reprotect) packer.add(PROTECT_BYTES + p.name.length, (c) => sheetOf(c, p.name).protection.protect(p.options));
  stats.requests = 0;
  stats.writing = true;
  try {
    await packer.flush(ctx, caps.suspendCalculation ? (c) => c.workbook.application.suspendApiCalculationUntilNextSync() : undefined);
  } finally {
    stats.requests = packer.requests;
    stats.writeRequests = packer.requests;
    stats.maxRequestBytes = packer.maxRequestBytes;
  }
  return packer.requests;
}

/** "'My sheet'!B3" → ["My sheet", "B3"]. */
export function splitAddress(address: string): [string, string] {
  const { sheet, local } = splitSheet(address);
  return [sheet ?? "", local];
}
