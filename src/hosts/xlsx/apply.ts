/**
 * Execute a WritePlan on an ExcelJS workbook. Owned sheets are replaced by name (never a second
 * copy); in other sheets only the listed cells change, plus issue marks that a later run removes.
 */
import ExcelJS from "exceljs";
import type { Message } from "../../core/i18n/text";
import { MARK_FILLS, MARK_NOTE_PREFIX, mergedScoreCellsMessage } from "../../core/plan/labels";
import { parseCell, parseRange } from "../../core/plan/a1";
import { type NotedCell, relocateMarks } from "../../core/plan/plan";
import type { CellBlock, ChartPlan, OwnedSheetPlan, PlanValue, PrintPlan, WritePlan } from "../../core/types";
import { fillFromText, fillText } from "./read";

/** A chart to inject after ExcelJS has written the file (ExcelJS cannot write charts). */
export interface PendingChart {
  sheet: string;
  plan: ChartPlan;
  cache: { categories: string[]; series: number[][] };
}

type StyledCell = ExcelJS.Cell;

/** The face and size of every font this module writes, unless the cell already names its own. */
export const DEFAULT_FONT: Partial<ExcelJS.Font> = { name: "Calibri", family: 2, size: 11 };

function restyle(cell: StyledCell, change: Partial<ExcelJS.Style>): void {
  // Cells read from a file can share one style object: always give the cell a copy.
  cell.style = { ...cell.style, ...change };
}

function solidFill(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

function argb(color: string): string {
  const hex = color.replace(/^#/, "").toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex;
}

/**
 * Before a shared formula's master cell (Excel's fill-down keeps the formula text there only) is
 * overwritten, every cell that shares it gets its own formula, as ExcelJS translates it for that
 * cell: otherwise the clones on rows not written point at a master that is gone, and ExcelJS
 * refuses to write the workbook.
 */
function unshareFormula(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell): void {
  const v = cell.value as { shareType?: string; ref?: string } | null;
  if (v === null || typeof v !== "object" || v.shareType !== "shared" || typeof v.ref !== "string") return;
  let range: ReturnType<typeof parseRange>;
  try {
    range = parseRange(v.ref.replace(/\$/g, ""));
  } catch {
    return;
  }
  const find = (ws as unknown as { findCell(r: number, c: number): ExcelJS.Cell | undefined }).findCell.bind(ws);
  for (let row = range.top; row <= range.bottom; row++) {
    for (let col = range.left; col <= range.right; col++) {
      const other = find(row, col);
      if (!other || other === cell) continue;
      const ov = other.value as { sharedFormula?: string } | null;
      if (ov === null || typeof ov !== "object" || ov.sharedFormula !== cell.address) continue;
      const formula = other.formula;
      // `other.result`: other.value leaves a result of 0 or FALSE out.
      const result = other.result as ExcelJS.CellValue | undefined;
      other.value = (formula ? { formula, ...(result !== undefined ? { result } : {}) } : (result ?? null)) as ExcelJS.CellValue;
    }
  }
}

/** The text of a formula cell's formula (its own, or the shared one it clones), or undefined. */
function formulaText(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value as { formula?: string; sharedFormula?: string } | null;
  if (v === null || typeof v !== "object" || (v.formula === undefined && v.sharedFormula === undefined)) return undefined;
  return cell.formula ?? v.formula ?? "";
}

/**
 * Formulas of the user's that may read what this run wrote lose their cached results, so that
 * every reader computes them: LibreOffice shows a cached number as it is (a VLOOKUP over the
 * results would show the figures before the analyst's correction), and Excel recalculates on
 * opening anyway (fullCalcOnLoad). A formula may read what the run wrote when it is on a sheet
 * the run wrote (the Điểm column of a form) or names such a sheet; a sheet holding such a formula
 * counts as written in turn, until nothing more is found. Other formulas keep their results.
 */
export function forgetStaleResults(wb: ExcelJS.Workbook, written: string[]): void {
  const formulas = new Map<ExcelJS.Worksheet, { cell: ExcelJS.Cell; text: string }[]>();
  wb.eachSheet((ws) => {
    const list: { cell: ExcelJS.Cell; text: string }[] = [];
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const text = formulaText(cell);
        if (text !== undefined) list.push({ cell, text: text.toLowerCase() });
      }),
    );
    if (list.length > 0) formulas.set(ws, list);
  });
  if (formulas.size === 0) return;
  const dirty = new Set(written.map((n) => n.toLowerCase()));
  const names = (sheet: string) => [`'${sheet.replace(/'/g, "''")}'!`, `${sheet}!`];
  const reads = (text: string) => [...dirty].some((sheet) => names(sheet).some((n) => text.includes(n)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [ws, list] of formulas) {
      const name = ws.name.toLowerCase();
      if (dirty.has(name) || !list.some((f) => reads(f.text))) continue;
      dirty.add(name);
      grew = true;
    }
  }
  for (const [ws, list] of formulas) {
    if (!dirty.has(ws.name.toLowerCase())) continue;
    for (const { cell } of list) {
      // `cell.result`: cell.value leaves a result of 0 or FALSE out.
      if (cell.result === undefined) continue;
      const { result: _result, ...rest } = cell.value as unknown as Record<string, unknown>;
      cell.value = rest as unknown as ExcelJS.CellValue;
    }
  }
}

/**
 * Write a block. A cell inside a merged range is left as it is (ExcelJS would put the value into
 * the merge's top-left cell, over what the user typed there); the address of each such cell that
 * had a value to take is added to `mergedSkipped`.
 */
export function writeBlock(ws: ExcelJS.Worksheet, block: CellBlock, mergedSkipped?: string[]): void {
  const { row: top, column: left } = parseCell(block.address);
  const align = block.align;
  block.values.forEach((rowValues, r) => {
    rowValues.forEach((value: PlanValue, c) => {
      const cell = ws.getCell(top + r, left + c);
      const formula = block.formulas?.[r]?.[c];
      if (cell.isMerged) {
        if (formula || (value !== null && value !== "")) mergedSkipped?.push(cell.address);
        return;
      }
      unshareFormula(ws, cell);
      // Text is assigned as a plain string value: ExcelJS stores it as a string, never a formula.
      cell.value = formula ? { formula: formula.replace(/^=/, ""), date1904: false } : value;
      const change: Partial<ExcelJS.Style> = {};
      const fmt = typeof block.numberFormat === "string" ? block.numberFormat : block.numberFormat?.[r]?.[c];
      if (fmt !== undefined) change.numFmt = fmt;
      if (block.bold || block.fontColor || block.fontSize) {
        change.font = {
          // A font without a face and size is drawn by LibreOffice in its default serif face.
          ...DEFAULT_FONT,
          ...cell.font,
          ...(block.bold ? { bold: true } : {}),
          ...(block.fontColor ? { color: { argb: argb(block.fontColor) } } : {}),
          ...(block.fontSize ? { size: block.fontSize } : {}),
        };
      }
      if (block.fill) change.fill = solidFill(argb(block.fill));
      if (block.wrap) change.alignment = { ...cell.alignment, wrapText: true, vertical: "middle" };
      if (align) change.alignment = { ...(change.alignment ?? cell.alignment), horizontal: align };
      if (Object.keys(change).length > 0) restyle(cell, change);
    });
  });
}

function noteText(note: string | ExcelJS.Comment | undefined): string | undefined {
  if (note === undefined || note === null) return undefined;
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => t.text).join("");
}

function removeNote(cell: StyledCell): void {
  // ExcelJS has no API to delete a note: the cell keeps it in `_comment`, and a note read from a
  // file also stays in the value's model, which is what gets written.
  const inner = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  inner._comment = undefined;
  if (inner._value?.model) delete inner._value.model.comment;
}

/**
 * Removes a mark from a cell that locateMarks found carries it: the project's part of the note
 * goes (the user's own part stays), and the cell gets back the fill it had before.
 */
function clearMark(ws: ExcelJS.Worksheet, address: string, fill: string | undefined): void {
  const cell = ws.getCell(address);
  const original = fillFromText(fill);
  if (original) restyle(cell, { fill: original });
  else {
    const style = { ...cell.style };
    delete style.fill;
    cell.style = style;
  }
  const text = noteText(cell.note);
  if (text === undefined) return;
  const at = text.indexOf(MARK_NOTE_PREFIX);
  if (at < 0) return; // someone else's note
  const rest = text.slice(0, at).trimEnd();
  if (rest === "") removeNote(cell);
  else cell.note = rest;
}

/** The cells of the given sheets that carry a note, and whether the project wrote (part of) it. */
function notedCells(wb: ExcelJS.Workbook, sheets: Set<string>): NotedCell[] {
  const out: NotedCell[] = [];
  for (const ws of wb.worksheets) {
    if (!sheets.has(ws.name.toLowerCase())) continue;
    // Every row and cell that exists, empty ones too (a mark on a blank input cell has no value);
    // eachRow and eachCell would skip them or make new ones.
    for (let r = 1; r <= ws.rowCount; r++) {
      const cells = (ws.findRow(r) as unknown as { _cells?: (ExcelJS.Cell | undefined)[] } | undefined)?._cells ?? [];
      for (const cell of cells) {
        const text = cell ? noteText(cell.note) : undefined;
        if (cell && text !== undefined && text !== "") out.push({ sheet: ws.name, cell: cell.address, ours: text.includes(MARK_NOTE_PREFIX) });
      }
    }
  }
  return out;
}

/**
 * The plan with its marks to clear where they are now: a user who inserted rows or columns moved
 * the marked cells, notes and fills with them, so they are found by the project's notes.
 */
function locatePlanMarks(wb: ExcelJS.Workbook, plan: WritePlan): WritePlan {
  if (plan.clearMarks.length === 0) return plan;
  const sheets = new Set(plan.clearMarks.map((m) => m.sheet.toLowerCase()));
  return relocateMarks(plan, notedCells(wb, sheets), (sheet, cell) => {
    const ws = sheetNamed(wb, sheet);
    return ws ? fillText(ws.getCell(cell).fill) : undefined;
  });
}

function setMark(ws: ExcelJS.Worksheet, address: string, severity: keyof typeof MARK_FILLS, note: string): void {
  const cell = ws.getCell(address);
  restyle(cell, { fill: solidFill(MARK_FILLS[severity]) });
  const existing = noteText(cell.note);
  if (existing === undefined || existing.trim() === "") cell.note = note;
  else {
    const at = existing.indexOf(MARK_NOTE_PREFIX);
    const own = (at < 0 ? existing : existing.slice(0, at)).trimEnd();
    cell.note = own === "" ? note : `${own}\n\n${note}`;
  }
}

function placeSheet(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, after: string | null | undefined, previousIndex: number | undefined): void {
  const others = wb.worksheets.filter((w) => w !== ws);
  let at: number;
  if (after === null) at = 0;
  else if (after !== undefined) {
    const i = others.findIndex((w) => w.name === after);
    at = i >= 0 ? i + 1 : others.length;
  } else at = previousIndex !== undefined ? Math.min(previousIndex, others.length) : others.length;
  others.splice(at, 0, ws);
  others.forEach((w, i) => {
    (w as unknown as { orderNo: number }).orderNo = i + 1;
  });
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && !(v instanceof Date)) {
    const o = v as unknown as Record<string, unknown>;
    if ("result" in o) return cellText(o.result as ExcelJS.CellValue);
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join("");
  }
  return String(v);
}

function cellNumber(v: ExcelJS.CellValue): number {
  if (typeof v === "number") return v;
  if (v && typeof v === "object" && "result" in (v as object)) return cellNumber((v as { result?: ExcelJS.CellValue }).result ?? null);
  return 0;
}

function rangeValues(ws: ExcelJS.Worksheet, range: string): ExcelJS.CellValue[] {
  const r = parseRange(range);
  const out: ExcelJS.CellValue[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) out.push(ws.getCell(row, c).value);
  return out;
}

/** A4, the plan's orientation, one page wide when asked, the header rows on every page. */
function setPrint(ws: ExcelJS.Worksheet, print: PrintPlan): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: print.orientation,
    ...(print.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
    ...(print.repeatRows ? { printTitlesRow: `${print.repeatRows.first}:${print.repeatRows.last}` } : {}),
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  // ExcelJS sets a break on the last row of a page (rowBreaks id), across every column.
  for (const row of print.pageBreaksBefore ?? []) if (row > 1) ws.getRow(row - 1).addPageBreak(0, 16384);
}

/** The sheet of that name, compared as Excel compares sheet names: without case. */
function sheetNamed(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const lower = name.toLowerCase();
  return wb.worksheets.find((w) => w.name.toLowerCase() === lower);
}

function writeOwnedSheet(wb: ExcelJS.Workbook, plan: OwnedSheetPlan): ExcelJS.Worksheet {
  const existing = sheetNamed(wb, plan.name);
  const previousIndex = existing ? wb.worksheets.indexOf(existing) : undefined;
  if (existing) wb.removeWorksheet(existing.id);
  // Table names are global to the workbook: drop an old table of the same name wherever it is.
  for (const t of plan.tables) for (const w of wb.worksheets) if (w.getTable(t.name)) w.removeTable(t.name);
  const ws = wb.addWorksheet(plan.name, { state: plan.visibility });
  for (const block of plan.blocks) writeBlock(ws, block);
  for (const t of plan.tables) {
    const r = parseRange(t.range);
    const headers: string[] = [];
    for (let c = r.left; c <= r.right; c++) headers.push(cellText(ws.getCell(r.top, c).value));
    const rows: ExcelJS.CellValue[][] = [];
    for (let row = r.top + 1; row <= r.bottom; row++) {
      const values: ExcelJS.CellValue[] = [];
      for (let c = r.left; c <= r.right; c++) values.push(ws.getCell(row, c).value);
      rows.push(values);
    }
    ws.addTable({
      name: t.name,
      displayName: t.name,
      ref: ws.getCell(r.top, r.left).address,
      headerRow: true,
      totalsRow: false,
      style: { theme: t.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
      columns: headers.map((name) => ({ name, filterButton: true })),
      rows,
    });
  }
  plan.conditionalFormats.forEach((cf, i) => {
    const rule: ExcelJS.ConditionalFormattingRule =
      cf.kind === "colorScale"
        ? {
            type: "colorScale",
            priority: i + 1,
            // Anchored at the plan's numbers when it gives them (values 0–1: 0, 0.5, 1), else at the
            // lowest value, the median and the highest.
            cfvo:
              cf.at && cf.at.length === cf.colors.length && cf.at.every(Number.isFinite)
                ? cf.at.map((value) => ({ type: "num" as const, value }))
                : cf.colors.length >= 3
                  ? [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }]
                  : [{ type: "min" }, { type: "max" }],
            color: cf.colors.map((c) => ({ argb: argb(c) })),
          }
        : {
            type: "dataBar",
            priority: i + 1,
            // From the plan's number (0: the lowest unit's bar is not empty) to the highest value;
            // from the lowest value when it gives none.
            cfvo: [
              cf.at && cf.at[0] !== undefined && Number.isFinite(cf.at[0]) ? { type: "num" as const, value: cf.at[0] } : { type: "min" as const },
              cf.at && cf.at[1] !== undefined && Number.isFinite(cf.at[1]) ? { type: "num" as const, value: cf.at[1] } : { type: "max" as const },
            ],
            color: { argb: argb(cf.colors[0] ?? "FF5B9BD5") },
            gradient: true,
          } as ExcelJS.DataBarRuleType;
    ws.addConditionalFormatting({ ref: cf.range, rules: [rule] });
  });
  for (const w of plan.columnWidths ?? []) ws.getColumn(w.column).width = w.width;
  for (const h of plan.rowHeights ?? []) ws.getRow(h.row).height = h.height;
  if (plan.print) setPrint(ws, plan.print);
  if (plan.freeze) ws.views = [{ state: "frozen", xSplit: plan.freeze.columns, ySplit: plan.freeze.rows }];
  placeSheet(wb, ws, plan.after, previousIndex);
  return ws;
}

/**
 * Give every font in the workbook a face and a size: a form written by an earlier version (or by
 * another program) may have fonts with neither, which LibreOffice draws in its default serif.
 */
function completeFonts(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      // Empty cells too: a styled empty cell (an input cell, the Điểm column) keeps its font when filled.
      row.eachCell({ includeEmpty: true }, (cell) => {
        const f = cell.font;
        if (f && (!f.name || !f.size)) restyle(cell, { font: { ...DEFAULT_FONT, ...f, ...(f.name ? {} : { name: DEFAULT_FONT.name, family: DEFAULT_FONT.family }), ...(f.size ? {} : { size: DEFAULT_FONT.size }) } });
      }),
    );
  }
}

/**
 * Apply a plan; returns the charts to inject when the workbook is written. What the user should
 * know about the write beyond the plan's own warnings (cells left alone because they are merged)
 * is added to `warnings`.
 */
export function applyPlan(wb: ExcelJS.Workbook, written: WritePlan, warnings?: Message[]): PendingChart[] {
  const plan = locatePlanMarks(wb, written);
  completeFonts(wb);
  for (const name of plan.removeSheets ?? []) {
    const ws = sheetNamed(wb, name);
    if (ws && !plan.owned.some((o) => o.name === name)) wb.removeWorksheet(ws.id);
  }
  for (const m of plan.clearMarks) {
    const ws = sheetNamed(wb, m.sheet);
    if (ws) clearMark(ws, m.cell, m.fill);
  }
  for (const owned of plan.owned) writeOwnedSheet(wb, owned);
  for (const edit of plan.edits) {
    const ws = sheetNamed(wb, edit.sheet);
    if (!ws) throw new Error(`sheet not found: ${edit.sheet}`);
    const merged: string[] = [];
    for (const block of edit.blocks) writeBlock(ws, block, merged);
    // The plan's edits are the Điểm column of unit forms: cells the snapshot did not know were merged.
    if (merged.length > 0) warnings?.push(mergedScoreCellsMessage(ws.name, merged));
  }
  for (const m of plan.marks) {
    const ws = sheetNamed(wb, m.sheet);
    if (ws) setMark(ws, m.cell, m.severity, m.note);
  }
  // The first visible sheet becomes the active one: Excel refuses a workbook that opens on a hidden sheet.
  const firstVisible = wb.worksheets.findIndex((w) => w.state === "visible" || w.state === undefined);
  if (firstVisible >= 0) {
    const view = wb.views?.[0];
    wb.views = [{ ...(view ?? { x: 0, y: 0, width: 12000, height: 8000, visibility: "visible" }), activeTab: firstVisible, firstSheet: 0 }];
  }

  forgetStaleResults(wb, [...plan.owned.map((o) => o.name), ...plan.edits.map((e) => e.sheet)]);

  const charts: PendingChart[] = [];
  for (const owned of plan.owned) {
    for (const chart of owned.charts) {
      const data = sheetNamed(wb, chart.dataSheet);
      if (!data) continue;
      charts.push({
        sheet: owned.name,
        plan: chart,
        cache: {
          categories: rangeValues(data, chart.categories).map(cellText),
          series: chart.series.map((s) => rangeValues(data, s.values).map(cellNumber)),
        },
      });
    }
  }
  return charts;
}
