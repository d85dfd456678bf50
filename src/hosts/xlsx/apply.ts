/**
 * Execute a WritePlan on an ExcelJS workbook. Owned sheets are replaced by name (never a second
 * copy); in other sheets only the listed cells change, plus issue marks that a later run removes.
 * A unit's form a password protects is left as it is, as in Excel (a warning names it); one of
 * the project's own sheets a password protects stops the run before anything is written.
 */
import ExcelJS from "exceljs";
import { blockArea, forgetStaleResults, wholeSheet } from "./stale-results";
import type { Lang, Message, SheetMessage } from "../../core/i18n/text";
import {
  INDEX_SHEET as MARKS_INDEX,
  MARK_FILLS,
  instructionsPeriodUnwrittenMessage,
  isInstructionsPeriodBlock,
  isInstructionsPeriodLine,
  markNoteParts,
  mergedScoreCellsMessage,
  noteWithMark,
  noteWithoutMark,
  showsMarkFill,
} from "../../core/plan/labels";
import { cellAddress as cellAddressOf, columnNumber, parseCell, parseRange } from "../../core/plan/a1";
import { type NotedCell, relocateMarks, withoutInstructionsPeriodLines } from "../../core/plan/plan";
import { formLinkTo, formLinksOf, isStaleFormLink } from "../../core/plan/form-links";
import { type CellNote, type DroppedNote, droppedNotesMessage, movedNotes } from "../../core/plan/results-area";
import type { CellBlock, ChartPlan, OwnedSheetPlan, PlanValue, PrintPlan, WritePlan } from "../../core/types";
import { PipelineError } from "../../core/pipeline";
import { protectedOwnedSheetMessage } from "../../core/plan/sheet-names";
import { fillFromText, fillText } from "./read";
import { setFormPageHeader, setPageTexts } from "./page-texts";
import { setColumnBreaks } from "./finish";
import { giveOwnFormula, insertRows } from "./insert-rows";
import { renameSheets, renameTableColumns, rewriteDefinedNames, rewriteSheet, sheetNamed } from "./rename-sheets";
import { onlyPageHeaderOn, passwordProtectedMessage, withoutSheets } from "../unwritten-sheets";
import { restoreUserFormats, userFormats } from "./user-formats";
import { wrappedHeight } from "../../core/plan/layout";
import { renameTableInFormula } from "../../core/structured-refs";

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
      giveOwnFormula(other);
    }
  }
}

/**
 * Write a block. A cell inside a merged range is left as it is (ExcelJS would put the value into
 * the merge's top-left cell, over what the user typed there); the address of each such cell that
 * had a value to take is added to `mergedSkipped`. With `mergedTopLeft`, the top-left cell of a
 * merged range (the cell whose value the merge shows, the one Excel writes) takes a value: the
 * caller knows the cell for the project's.
 */
export function writeBlock(ws: ExcelJS.Worksheet, block: CellBlock, mergedSkipped?: string[], mergedTopLeft = false): void {
  const { row: top, column: left } = parseCell(block.address);
  const align = block.align;
  block.values.forEach((rowValues, r) => {
    rowValues.forEach((value: PlanValue, c) => {
      const cell = ws.getCell(top + r, left + c);
      const formula = block.formulas?.[r]?.[c];
      if (cell.isMerged && !(mergedTopLeft && cell.master === cell && !formula)) {
        if (formula || (value !== null && value !== "")) mergedSkipped?.push(cell.address);
        return;
      }
      unshareFormula(ws, cell);
      // Text is assigned as a plain string value: ExcelJS stores it as a string, never a formula.
      // A formula with a value keeps it as its result: what it computes to as written, which a
      // reader that does not calculate shows (the subtitle of the results sheet).
      cell.value = formula
        ? ({ formula: formula.replace(/^=/, ""), date1904: false, ...(value !== null ? { result: value } : {}) } as ExcelJS.CellFormulaValue)
        : value;
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
      // A heading (bold) that wraps is centred in its row, as the table's header row is; a value
      // keeps the bottom of its row, where the cells of its row that take one line are (and where
      // the Excel host leaves it): the last line of a unit's wrapped name or note is on their line.
      if (block.wrap) change.alignment = { ...cell.alignment, wrapText: true, ...(block.bold ? { vertical: "middle" } : {}) };
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
 * goes (the user's text above and below it stays, as their note), and the cell gets back the fill
 * it had before, where it still shows the mark's (showsMarkFill): a fill given since is the user's.
 */
function clearMark(ws: ExcelJS.Worksheet, address: string, fill: string | undefined): void {
  const cell = ws.getCell(address);
  const now = cell.fill?.type === "pattern" && cell.fill.pattern === "solid" ? cell.fill.fgColor?.argb : undefined;
  if (showsMarkFill(now)) {
    const original = fillFromText(fill);
    if (original) restyle(cell, { fill: original });
    else {
      const style = { ...cell.style };
      delete style.fill;
      cell.style = style;
    }
  }
  const text = noteText(cell.note);
  if (text === undefined || !markNoteParts(text)) return; // someone else's note
  const rest = noteWithoutMark(text);
  if (rest === "") removeNote(cell);
  else cell.note = rest;
}

/**
 * The cells of every sheet that carry a note, with its text and whether the project wrote (part
 * of) it: a form copied or renamed since the last run carries marks `_index` does not name there.
 */
function notedCells(wb: ExcelJS.Workbook): NotedCell[] {
  const out: NotedCell[] = [];
  for (const ws of wb.worksheets) {
    // Every row and cell that exists, empty ones too (a mark on a blank input cell has no value);
    // eachRow and eachCell would skip them or make new ones.
    for (let r = 1; r <= ws.rowCount; r++) {
      const cells = (ws.findRow(r) as unknown as { _cells?: (ExcelJS.Cell | undefined)[] } | undefined)?._cells ?? [];
      for (const cell of cells) {
        const text = cell ? noteText(cell.note) : undefined;
        if (cell && text !== undefined && text !== "") out.push({ sheet: ws.name, cell: cell.address, ours: markNoteParts(text) !== undefined, text });
      }
    }
  }
  return out;
}

/**
 * The plan with its marks to clear where they are now: a user who inserted rows or columns moved
 * the marked cells, notes and fills with them, so they are found by the project's notes; copies
 * of marks (a form copied, or renamed) are found by them too. A run (it writes `_index`) looks
 * for them even when `_index` records no mark. A cell marked again is not cleared first: setMark
 * replaces the project's part of its note, below which the user's remarks stay.
 */
function locatePlanMarks(wb: ExcelJS.Workbook, plan: WritePlan): WritePlan {
  if (plan.clearMarks.length === 0 && !plan.owned.some((o) => o.name === MARKS_INDEX)) return plan;
  const located = relocateMarks(plan, notedCells(wb), (sheet, cell) => {
    const ws = sheetNamed(wb, sheet);
    return ws ? fillText(ws.getCell(cell).fill) : undefined;
  });
  const marked = new Set(plan.marks.map((m) => `${m.sheet.toLowerCase()}!${m.cell.toUpperCase()}`));
  return { ...located, clearMarks: located.clearMarks.filter((c) => !marked.has(`${c.sheet.toLowerCase()}!${c.cell.replace(/\$/g, "").toUpperCase()}`)) };
}

/**
 * The instructions sheet's links to the forms the run scored (formLinksOf), each pointed at the
 * sheet its form is on now while it is the project's link to a sheet no longer there, or to another
 * unit's form (isStaleFormLink): a person renamed the form. The link's text, and every other link,
 * stay. Not on a sheet left as it was (`skip`: a password protects it).
 */
function pointFormLinks(wb: ExcelJS.Workbook, plan: WritePlan, skip: Set<string>): void {
  const links = formLinksOf(plan);
  if (links.length === 0) return;
  const sheets = wb.worksheets.map((w) => w.name);
  const forms = links.map((l) => l.form);
  for (const link of links) {
    const ws = sheetNamed(wb, link.sheet);
    if (!ws || skip.has(ws.name.toLowerCase()) || passwordProtected(ws)) continue;
    const cell = ws.getCell(link.cell);
    const value = cell.value as ExcelJS.CellHyperlinkValue | null;
    if (cell.isMerged || value === null || typeof value !== "object" || typeof value.hyperlink !== "string") continue;
    if (isStaleFormLink(value.hyperlink, link.form, sheets, forms)) cell.value = { ...value, hyperlink: `#${formLinkTo(link.form)}` };
  }
}

function setMark(ws: ExcelJS.Worksheet, address: string, severity: keyof typeof MARK_FILLS, note: string): void {
  const cell = ws.getCell(address);
  restyle(cell, { fill: solidFill(MARK_FILLS[severity]) });
  // The project's part of the note is replaced; the user's note above it and remarks below it stay.
  cell.note = noteWithMark(noteText(cell.note), note);
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

/**
 * A4, the plan's orientation, fitted to the plan's pages wide when asked, else at the plan's scale
 * (a sheet with page breaks before columns: a reader fitting it to pages wide would ignore them),
 * the header rows (and columns) on every page, the plan's page breaks and none of a run before.
 */
function setPrint(ws: ExcelJS.Worksheet, print: PrintPlan): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: print.orientation,
    ...(print.fitToWidth
      ? { fitToPage: true, fitToWidth: print.pagesWide ?? 1, fitToHeight: 0, scale: 100 }
      : { fitToPage: false, fitToWidth: 1, fitToHeight: 1, scale: print.scale ?? 100 }),
    ...(print.repeatRows ? { printTitlesRow: `${print.repeatRows.first}:${print.repeatRows.last}` } : {}),
    printTitlesColumn: print.repeatColumns ? `${print.repeatColumns.first}:${print.repeatColumns.last}` : undefined,
    // ExcelJS puts a "$" before each end's column only; readers take no print area but an absolute one.
    printArea: print.printArea?.replace(/([A-Z]+)(\d+)/g, "$1$$$2"),
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  // ExcelJS sets a break on the last row of a page (rowBreaks id), across every column.
  for (const row of print.pageBreaksBefore ?? []) if (row > 1) ws.getRow(row - 1).addPageBreak(0, 16384);
  // ExcelJS has no page breaks before columns: they go into the sheet's XML when it is written.
  setColumnBreaks(ws, (print.columnBreaksBefore ?? []).map(columnNumber));
  setPageTexts(ws, print.pageHeader, print.pageFooter);
}

/**
 * Whether the cell holds the instructions sheet's period line as the project writes it (plain text
 * that reads as the line: isInstructionsPeriodLine), so that the line written again
 * (isInstructionsPeriodBlock) goes there, into the merged area the template made of it. A formula
 * a person put there since stays.
 */
function holdsPeriodLine(cell: ExcelJS.Cell): boolean {
  return typeof cell.value === "string" && isInstructionsPeriodLine(cell.value);
}

/**
 * What the user is told of a sheet the plan writes on that a password protects, left as it is:
 * nothing when all the plan had for it was its printed header (the instructions sheet's, nothing
 * of the scoring missing); that its period line was not written again when that was all besides;
 * else that its scores and marks were not written (passwordProtectedMessage).
 */
function unwrittenSheetMessage(plan: WritePlan, sheet: string, kind: "score" | "mark" | "clear"): SheetMessage | undefined {
  if (onlyPageHeaderOn(plan, sheet)) return undefined;
  if (onlyPageHeaderOn(withoutInstructionsPeriodLines(plan), sheet)) return instructionsPeriodUnwrittenMessage(sheet);
  return passwordProtectedMessage(sheet, kind);
}

/** A sheet's protection as ExcelJS read it (`sheet` set when the sheet is protected), or null. */
function protectionOf(ws: ExcelJS.Worksheet): Record<string, unknown> | null {
  const p = (ws as unknown as { sheetProtection?: Record<string, unknown> | null }).sheetProtection;
  return p && p.sheet ? p : null;
}

/** Whether a password protects the sheet (the hash Excel keeps of it). */
function passwordProtected(ws: ExcelJS.Worksheet): boolean {
  const p = protectionOf(ws);
  return p !== null && (p.hashValue !== undefined || p.password !== undefined);
}

/**
 * A sheet of the project's (results, charts, `_index`) that a password protects: the run stops
 * before anything is written, with one sentence naming the sheet (the command line and the pane
 * show it as they show the pipeline's own refusals).
 */
export class OwnedSheetProtectedError extends PipelineError {
  readonly localized: Message;
  constructor(readonly sheet: string, kind: "score" | "mark" | "clear") {
    const message = protectedOwnedSheetMessage(sheet, kind);
    super("owned-sheet-protected", message);
    this.name = "OwnedSheetProtectedError";
    this.localized = message;
  }
}

/** Throws OwnedSheetProtectedError for the first owned sheet of the plan that a password protects. */
function assertOwnedSheetsWritable(wb: ExcelJS.Workbook, plan: WritePlan): void {
  for (const o of plan.owned) {
    // A sheet the plan renames is checked under the name it has now.
    const from = plan.renameSheets?.find((r) => r.to.toLowerCase() === o.name.toLowerCase())?.from;
    const ws = sheetNamed(wb, o.name) ?? (from !== undefined ? sheetNamed(wb, from) : undefined);
    if (!ws || !passwordProtected(ws)) continue;
    throw new OwnedSheetProtectedError(ws.name, planKind(plan));
  }
}

/** What a plan does, as its sentences say it: score, or (writing no sheet of the project's but the very hidden `_index`) mark issues or clear marks. */
function planKind(plan: WritePlan): "score" | "mark" | "clear" {
  const marksOnly = plan.edits.length === 0 && plan.owned.every((x) => x.visibility === "veryHidden");
  return !marksOnly ? "score" : plan.marks.length > 0 ? "mark" : "clear";
}

/**
 * The sheets other than the project's that the plan writes on (its `Điểm` column and summary, its
 * marks, or marks to clear) and that a password protects, each once, as the workbook names them.
 * They are left as they are, as the Excel host leaves them: a protection without a password (the
 * project's own forms) does not keep the scores out.
 */
function passwordProtectedForms(wb: ExcelJS.Workbook, plan: WritePlan): string[] {
  const names = new Map<string, string>();
  for (const sheet of [...plan.edits.map((e) => e.sheet), ...plan.marks.map((m) => m.sheet), ...plan.clearMarks.map((m) => m.sheet)]) {
    const ws = sheetNamed(wb, sheet);
    if (ws && passwordProtected(ws)) names.set(ws.name.toLowerCase(), ws.name);
  }
  return [...names.values()];
}

/** What the user typed on an owned sheet outside the ranges the plan clears, carried onto the sheet made anew. */
interface UserCells {
  cells: { row: number; column: number; value: ExcelJS.CellValue; style: Partial<ExcelJS.Style>; note?: ExcelJS.Comment | string }[];
  merges: string[];
  /** The heights of the rows the plan does not write (no range of `clear` crosses them): the user's. */
  heights: Map<number, number>;
  /** The rows the plan does not write that the user hid or grouped (an outline level), as they were. */
  rowStates: Map<number, { hidden: boolean; outlineLevel: number }>;
  /**
   * The rows the plan writes that hold cells of the user's (right of the results table) taller than
   * a line: the height the row has now, and the height those cells need (rowNeeds).
   */
  needs: Map<number, { height: number; need: number }>;
  widths: Map<number, number>;
}

/** Excel's standard column width, in characters, for a column the sheet gives none. */
const STANDARD_WIDTH = 8.43;
/** The height wrappedHeight gives a row of one line of the standard font: a row needs a height of its own above it. */
const ONE_LINE = wrappedHeight([]);

/**
 * The height the user's cells of a row need, by row (rows where it is one line left out): a cell
 * that wraps its text, as many lines as its text takes in its column (its merged columns, for a
 * merge within the row), one that does not, a line of its font. Estimated as the planner sizes its
 * own rows (wrappedHeight). A merge over several rows spreads its text over them: not counted.
 */
function rowNeeds(ws: ExcelJS.Worksheet, cells: UserCells["cells"], merges: string[]): Map<number, number> {
  const spans = new Map<string, ReturnType<typeof parseRange>>();
  for (const m of merges) {
    try {
      const r = parseRange(m);
      spans.set(`${r.top}:${r.left}`, r);
    } catch {
      // not a range: no merge
    }
  }
  const needs = new Map<number, number>();
  for (const k of cells) {
    const text = cellText(k.value);
    if (text === "") continue;
    const span = spans.get(`${k.row}:${k.column}`);
    if (span && span.bottom > span.top) continue;
    let width = 0;
    for (let c = k.column; c <= (span?.right ?? k.column); c++) width += ws.getColumn(c).width ?? STANDARD_WIDTH;
    const font = { ...(k.style.font?.bold ? { bold: true } : {}), ...(k.style.font?.size ? { size: k.style.font.size } : {}) };
    const need = wrappedHeight([{ text: k.style.alignment?.wrapText ? text : "", width, ...font }]);
    if (need > Math.max(ONE_LINE, needs.get(k.row) ?? 0)) needs.set(k.row, need);
  }
  return needs;
}

/**
 * The cells of `ws` outside `clear` (OwnedSheetPlan.clear) with a value, a look or a note: their
 * value (a formula as its own, with its result), look and note, the widths of their columns when
 * set, and the merged areas wholly outside `clear`. Row heights: those of the rows no range of
 * `clear` crosses, which the project does not write (a height there is the user's); on the rows it
 * writes, the height is the project's (the last run's, for units that may since have moved, the
 * table sorted), kept only as far as the user's own cells there need it (`needs`).
 */
function userCells(ws: ExcelJS.Worksheet, clear: string[]): UserCells {
  const ranges = clear.flatMap((r) => {
    try {
      return [parseRange(r)];
    } catch {
      return [];
    }
  });
  const inside = (row: number, column: number) => ranges.some((r) => row >= r.top && row <= r.bottom && column >= r.left && column <= r.right);
  const written = (row: number) => ranges.some((r) => row >= r.top && row <= r.bottom);
  const out: UserCells = { cells: [], merges: [], heights: new Map(), rowStates: new Map(), needs: new Map(), widths: new Map() };
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.height !== undefined && !written(r)) out.heights.set(r, row.height);
    if ((row.hidden || (row.outlineLevel ?? 0) > 0) && !written(r)) out.rowStates.set(r, { hidden: row.hidden, outlineLevel: row.outlineLevel ?? 0 });
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      if (inside(r, c) || cell.type === ExcelJS.ValueType.Merge) return;
      const v = cell.value;
      const formula = v !== null && typeof v === "object" && ("formula" in v || "sharedFormula" in v) ? cell.formula : undefined;
      // A formula another cell shares (a fill-down) becomes the cell's own, as ExcelJS translates it.
      const value = formula ? ({ formula, ...(cell.result !== undefined ? { result: cell.result } : {}) } as ExcelJS.CellValue) : v;
      const style = JSON.parse(JSON.stringify(cell.style ?? {})) as Partial<ExcelJS.Style>;
      const note = cell.note;
      if ((value === null || value === undefined) && Object.keys(style).length === 0 && note === undefined) return;
      out.cells.push({ row: r, column: c, value, style, ...(note !== undefined ? { note } : {}) });
      const width = ws.getColumn(c).width;
      if (width !== undefined) out.widths.set(c, width);
    });
  });
  const merges = (ws.model as unknown as { merges?: string[] }).merges ?? [];
  for (const m of merges) {
    try {
      const r = parseRange(m);
      if (!ranges.some((x) => x.top <= r.bottom && r.top <= x.bottom && x.left <= r.right && r.left <= x.right)) out.merges.push(m);
    } catch {
      // not a range: left out
    }
  }
  for (const [row, need] of rowNeeds(ws, out.cells.filter((k) => written(k.row)), out.merges)) {
    const height = ws.findRow(row)?.height;
    if (height !== undefined) out.needs.set(row, { height, need });
  }
  return out;
}

/**
 * The user's cells (userCells) onto the sheet made anew. The rows the project does not write keep
 * their heights, unless the plan sets one; on those it writes, the plan's height (none: the
 * standard one, as on a sheet made anew) stands, raised where the user's cells there need more:
 * to the height the row had, up to what they need (the rest of a taller row was the project's).
 */
function restoreUserCells(ws: ExcelJS.Worksheet, kept: UserCells, plan: OwnedSheetPlan): void {
  for (const k of kept.cells) {
    const cell = ws.getCell(k.row, k.column);
    cell.value = k.value;
    cell.style = k.style;
    if (k.note !== undefined) cell.note = k.note;
  }
  for (const m of kept.merges) ws.mergeCells(m);
  const planned = new Map((plan.rowHeights ?? []).map((h) => [h.row, h.height]));
  const columns = new Set((plan.columnWidths ?? []).map((w) => parseCell(`${w.column}1`).column));
  for (const [row, height] of kept.heights) if (!planned.has(row)) ws.getRow(row).height = height;
  for (const [row, state] of kept.rowStates) {
    const r = ws.getRow(row);
    if (state.hidden) r.hidden = true;
    if (state.outlineLevel > 0) r.outlineLevel = state.outlineLevel;
  }
  for (const [row, { height, need }] of kept.needs) {
    const theirs = Math.min(height, need);
    if (theirs > Math.max(ONE_LINE, planned.get(row) ?? 0)) ws.getRow(row).height = theirs;
  }
  for (const [column, width] of kept.widths) if (!columns.has(column)) ws.getColumn(column).width = width;
}

/** What the user put on the results table that goes with its units and columns when the table is written again (OwnedSheetPlan.moves). */
interface CarriedCells {
  notes: { to: string; note: ExcelJS.Comment | string }[];
  dropped: DroppedNote[];
  /** The columns the user added: the width they gave each, and the look of its header cell, where this run writes it. */
  added: { to: number; width?: number; headerStyle?: Partial<ExcelJS.Style> }[];
  /** The columns of the table the user hid (the project's, by their header, or their own), where this run writes them. */
  hidden: number[];
}

/** Whether a cell's style is a look of its own (a fill, a font, borders, an alignment), not just a number format. */
function hasLook(style: Partial<ExcelJS.Style>): boolean {
  return style.fill !== undefined || style.font !== undefined || style.border !== undefined || style.alignment !== undefined;
}

/**
 * The notes on the cells of `ws` that the plan clears, where they go (movedNotes: with their unit
 * and column on the table), and the widths and header looks of the columns the user added to it.
 */
function carriedCells(ws: ExcelJS.Worksheet, plan: OwnedSheetPlan): CarriedCells {
  const byCell = new Map<string, ExcelJS.Comment | string>();
  const notes: CellNote[] = [];
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const text = noteText(cell.note);
      // The user's notes: an issue mark of the project's is not carried.
      if (text === undefined || text === "" || cell.type === ExcelJS.ValueType.Merge || markNoteParts(text)) return;
      byCell.set(cell.address, cell.note);
      notes.push({ cell: cell.address, text });
    }),
  );
  const { carried, dropped } = movedNotes(notes, plan.clear ?? [], plan.moves);
  const top = plan.moves?.rows[0]?.from;
  const added = (plan.moves?.columns ?? []).flatMap((c) => {
    if (!c.added || c.to === undefined) return [];
    const width = ws.getColumn(c.from).width;
    const style = top !== undefined ? (JSON.parse(JSON.stringify(ws.getCell(top, c.from).style ?? {})) as Partial<ExcelJS.Style>) : {};
    return [{ to: c.to, ...(width !== undefined ? { width } : {}), ...(hasLook(style) ? { headerStyle: style } : {}) }];
  });
  const hidden = (plan.moves?.columns ?? []).flatMap((c) => (c.to !== undefined && ws.getColumn(c.from).hidden ? [c.to] : []));
  return { notes: carried.map((n) => ({ to: n.to, note: byCell.get(n.cell)! })), dropped, added, hidden };
}

/** The user's notes, widths, header looks and hidden columns (carriedCells) onto the sheet made anew, over what the plan set there. */
function restoreCarried(ws: ExcelJS.Worksheet, carried: CarriedCells, plan: OwnedSheetPlan): void {
  for (const n of carried.notes) ws.getCell(n.to).note = n.note;
  const top = plan.moves?.rows[0]?.to;
  for (const a of carried.added) {
    if (a.width !== undefined) ws.getColumn(a.to).width = a.width;
    if (a.headerStyle && top !== undefined) ws.getCell(top, a.to).style = a.headerStyle;
  }
  for (const column of carried.hidden) ws.getColumn(column).hidden = true;
}

/** A table of ExcelJS as read from the file or made: its model's name, the name formulas use, and where it is. */
interface TableModel {
  name?: string;
  displayName?: string;
  ref?: string;
  tableRef?: string;
}

/** The tables on a sheet: the key ExcelJS keeps each under, its name (the one structured references use), its top-left cell. */
function tablesOn(ws: ExcelJS.Worksheet): { key: string; name: string; table: TableModel; top: number; left: number }[] {
  const tables = (ws as unknown as { tables?: Record<string, { table?: TableModel }> }).tables ?? {};
  return Object.entries(tables).flatMap(([key, t]) => {
    const model = t.table;
    const at = (model?.tableRef ?? model?.ref)?.split(":")[0]?.replace(/\$/g, "");
    if (!model || !at) return [];
    try {
      const { row, column } = parseCell(at);
      return [{ key, name: model.displayName ?? model.name ?? key, table: model, top: row, left: column }];
    } catch {
      return [];
    }
  });
}

/**
 * Every formula of the workbook naming table `from` names `to` (rewriteSheet and rewriteDefinedNames,
 * the walk that renaming a sheet makes): those of the cells of every sheet, of data validations,
 * conditional formats and links to a place in the workbook, and the defined names ExcelJS keeps (it keeps none holding a structured
 * reference: those the file had are put back when the file is written, naming `to`: renamedTables).
 */
function renameTableInWorkbook(wb: ExcelJS.Workbook, from: string, to: string): void {
  const rename = (f: string) => renameTableInFormula(f, from, to);
  for (const ws of wb.worksheets) rewriteSheet(ws, rename, rename);
  rewriteDefinedNames(wb, rename);
}

/**
 * The project's tables the user renamed (Table Design > Table Name: `DTI_Results` → `BangKetQua`,
 * their formulas reading `=SUM(BangKetQua[Tổng điểm])`): a table on an owned sheet with its header
 * row where the plan puts one of its tables (the same top-left cell), under a name none of the
 * plan's tables has, while no table of that plan's name is on the sheet. Its name is set back to
 * the plan's, and every formula of the workbook naming it follows (renameTableInWorkbook), as Excel
 * renames them with the table: the sheet's table, written anew under the plan's name, is theirs
 * still, and `warnings` say so once. Done before the columns of the plan's tables are followed
 * (renameTableColumns), which then finds the table by the plan's name.
 */
function renameUserTables(wb: ExcelJS.Workbook, plan: WritePlan, warnings?: SheetMessage[]): { from: string; to: string }[] {
  const renamed: { from: string; to: string }[] = [];
  for (const o of plan.owned) {
    const ws = sheetNamed(wb, o.name);
    if (!ws) continue;
    const planned = new Set(o.tables.map((t) => t.name.toLowerCase()));
    for (const t of o.tables) {
      const on = tablesOn(ws);
      if (on.some((x) => x.name.toLowerCase() === t.name.toLowerCase())) continue;
      const r = parseRange(t.range);
      const found = on.find((x) => !planned.has(x.name.toLowerCase()) && x.top === r.top && x.left === r.left);
      if (!found) continue;
      renameTableInWorkbook(wb, found.name, t.name);
      found.table.name = t.name;
      found.table.displayName = t.name;
      const tables = (ws as unknown as { tables: Record<string, unknown> }).tables;
      const table = tables[found.key];
      delete tables[found.key];
      tables[t.name] = table;
      warnings?.push(tableRenamedBackMessage(ws.name, found.name, t.name));
      renamed.push({ from: found.name, to: t.name });
    }
  }
  return renamed;
}

/** What the user is told when the project's table they renamed was given its name back: the formulas and names that refer to it follow it. */
export function tableRenamedBackMessage(sheet: string, was: string, name: string): SheetMessage {
  return {
    sheet,
    vi: `Bảng ${was} trên trang '${sheet}' là bảng kết quả của DTI Scorer mà bạn đã đổi tên; bảng đã được đặt lại tên ${name} để lần chấm này ghi kết quả vào đúng bảng đó. Các công thức và tên định nghĩa trỏ tới bảng theo tên đã được sửa cho khớp với tên này (=SUM(${was}[…]) nay là =SUM(${name}[…])), nên chúng vẫn đúng.`,
    en: `The table ${was} on the sheet '${sheet}' is DTI Scorer's results table, which you renamed; its name was set back to ${name} so that this run writes the results into it. The formulas and defined names that refer to it by name were changed to follow it (=SUM(${was}[…]) now reads =SUM(${name}[…])), so they keep working.`,
  };
}

/** What the user is told when a table of theirs on one of the project's sheets is no longer a table once the sheet is written again. */
export function tableDroppedMessage(sheet: string, table: string): SheetMessage {
  return {
    sheet,
    vi: `Bảng ${table} trên trang '${sheet}' không còn là bảng sau khi DTI Scorer ghi lại trang này (trang của DTI Scorer được ghi lại mỗi lần chấm điểm; các ô của bạn ngoài vùng kết quả vẫn được giữ), nên công thức trỏ tới bảng theo tên (như =ROWS(${table}[…])) có thể báo #REF!; hãy đặt bảng của bạn ở một trang khác rồi nhập lại các công thức đó.`,
    en: `The table ${table} on the sheet '${sheet}' is no longer a table once DTI Scorer wrote that sheet again (DTI Scorer's sheets are written again on every run; your cells outside the results stay), so formulas that refer to it by name (such as =ROWS(${table}[…])) may now show #REF!; keep your tables on another sheet and enter those formulas again.`,
  };
}

/**
 * What the user is told when an earlier copy of the project's table (`DTI_Results`), on a sheet the
 * run does not write (ours renamed `KQ cũ` beside a `Kết quả` of the user's), is no longer a table
 * so that this run's table, on `ours`, can take its name (table names are the workbook's): its
 * cells stay as they were, and formulas naming the table read the new one. The Excel host's twin
 * is tableCopyConvertedMessage.
 */
export function tableCopyDroppedMessage(sheet: string, table: string, ours: string): SheetMessage {
  return {
    sheet,
    vi: `Trang '${sheet}' có bảng ${table}, một bản kết quả cũ của DTI Scorer mà lần chấm này không ghi lại: bảng đã được chuyển thành các ô thường để bảng kết quả mới trên trang '${ours}' mang tên ${table}. Các ô của bảng cũ vẫn giữ nguyên giá trị; các công thức trỏ tới ${table} theo tên nay đọc bảng mới.`,
    en: `The sheet '${sheet}' has the table ${table}, an earlier copy of DTI Scorer's results that this run does not write: it is now plain cells so that the new results table on the sheet '${ours}' could take the name ${table}. The old table's cells keep their values; formulas that refer to ${table} by name now read the new table.`,
  };
}

/**
 * The tables under a name the plan gives its own on sheets the plan does not write (an earlier
 * copy of the results the user kept): writeOwnedSheet takes the table away (its cells stay, as
 * ExcelJS keeps them), and each is named (tableCopyDroppedMessage).
 */
function tableCopiesMessages(wb: ExcelJS.Workbook, plan: WritePlan): SheetMessage[] {
  const written = new Set(plan.owned.map((o) => o.name.toLowerCase()));
  return plan.owned.flatMap((o) =>
    o.tables.flatMap((t) =>
      wb.worksheets.filter((w) => !written.has(w.name.toLowerCase()) && tablesOn(w).some((x) => x.name.toLowerCase() === t.name.toLowerCase())).map((w) => tableCopyDroppedMessage(w.name, t.name, o.name)),
    ),
  );
}

/**
 * Writes an owned sheet anew. One that exists keeps its place among the sheets and its visibility
 * (how the user arranged them; `_index` stays very hidden), and a protection without a password,
 * with its settings; one the plan adds goes where the plan's `after` says, shown as it says. What
 * the user typed on it outside the ranges the plan clears (OwnedSheetPlan.clear) is kept, and so
 * are their conditional formats and validations there (user-formats.ts), as the Excel host's clear leaves them.
 */
/** What a table's total row says in its first column, as Excel in that language writes it when the row is turned on. */
const TOTAL_ROW_LABEL: Record<Lang, string> = { vi: "Tổng", en: "Total" };

function writeOwnedSheet(wb: ExcelJS.Workbook, plan: OwnedSheetPlan, lang: Lang, warnings?: SheetMessage[]): ExcelJS.Worksheet {
  const existing = sheetNamed(wb, plan.name);
  const kept = existing && plan.clear ? userCells(existing, plan.clear) : undefined;
  const carried = existing && plan.clear ? carriedCells(existing, plan) : undefined;
  const keptFormats = existing && plan.clear ? userFormats(existing, plan.clear, plan.removeFormats) : undefined;
  const previousIndex = existing ? wb.worksheets.indexOf(existing) : undefined;
  const state = existing && plan.visibility !== "veryHidden" ? existing.state : plan.visibility;
  const protection = existing ? protectionOf(existing) : null;
  const tabColor = existing?.properties.tabColor;
  // The tables of the user's on it (the project's own they renamed took its name back: renameUserTables) go with it, each named.
  const planned = new Set(plan.tables.map((t) => t.name.toLowerCase()));
  for (const t of existing ? tablesOn(existing) : []) if (!planned.has(t.name.toLowerCase())) warnings?.push(tableDroppedMessage(existing!.name, t.name));
  if (existing) wb.removeWorksheet(existing.id);
  // Table names are global to the workbook: an old table of the same name elsewhere (a copy the
  // user kept: tableCopiesMessages) is no longer a table; its cells stay.
  for (const t of plan.tables) {
    for (const w of wb.worksheets) for (const x of tablesOn(w)) if (x.name.toLowerCase() === t.name.toLowerCase()) w.removeTable(x.key);
  }
  const ws = wb.addWorksheet(plan.name, { state, ...(tabColor ? { properties: { tabColor } } : {}) });
  if (protection) (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection = { ...protection };
  for (const block of plan.blocks) writeBlock(ws, block);
  // After the blocks (writeBlock leaves a merged cell alone); the sheet is new, so nothing is merged twice.
  for (const range of plan.merges ?? []) ws.mergeCells(range);
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
      // The first column's word in a total row, should the user turn one on (ExcelJS would write "Total" in any language).
      columns: headers.map((name, i) => ({ name, filterButton: true, ...(i === 0 ? { totalsRowLabel: TOTAL_ROW_LABEL[lang] } : {}) })),
      rows,
    });
  }
  plan.conditionalFormats.forEach((cf, i) => {
    if (cf.kind === "expression") {
      // A formula rule: its font while the formula is true (Excel keeps it as a differential format).
      if (cf.formula === undefined) return;
      const color = cf.colors[0];
      ws.addConditionalFormatting({
        ref: cf.range,
        rules: [
          {
            type: "expression",
            priority: i + 1,
            formulae: [cf.formula.replace(/^=/, "")],
            // The face and size of the project's cells too: LibreOffice draws a font without them in its serif.
            style: { font: { ...DEFAULT_FONT, ...(color ? { color: { argb: argb(color) } } : {}), ...(cf.bold ? { bold: true } : {}) } },
          },
        ],
      });
      return;
    }
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
  if (kept) restoreUserCells(ws, kept, plan);
  if (carried) restoreCarried(ws, carried, plan);
  if (carried && carried.dropped.length > 0) warnings?.push(droppedNotesMessage(plan.name, carried.dropped));
  if (keptFormats) restoreUserFormats(ws, keptFormats);
  if (plan.print) setPrint(ws, plan.print);
  if (plan.freeze) ws.views = [{ state: "frozen", xSplit: plan.freeze.columns, ySplit: plan.freeze.rows }];
  placeSheet(wb, ws, existing ? undefined : plan.after, previousIndex);
  return ws;
}

/**
 * Give every font in the workbook a face and a size: a form written by an earlier version (or by
 * another program) may have fonts with neither, which LibreOffice draws in its default serif.
 */
function completeFonts(wb: ExcelJS.Workbook, leave: Set<string>): void {
  for (const ws of wb.worksheets) {
    if (leave.has(ws.name.toLowerCase())) continue;
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
 * The cells of the plan's own formulas written with their result (`sheet!A1`, the sheet in lower
 * case): what they compute to as the run leaves the workbook (the subtitle while no figure
 * changed since the copies were made), so those results are kept.
 */
function computedNow(plan: WritePlan): Set<string> {
  const out = new Set<string>();
  const add = (sheet: string, block: CellBlock) => {
    if (!block.formulas) return;
    const { row, column } = parseCell(block.address);
    block.formulas.forEach((line, r) =>
      line.forEach((f, c) => {
        if (f && (block.values[r]?.[c] ?? null) !== null) out.add(`${sheet.toLowerCase()}!${cellAddressOf(row + r, column + c)}`);
      }),
    );
  };
  for (const o of plan.owned) for (const b of o.blocks) add(o.name, b);
  for (const e of plan.edits) for (const b of e.blocks) add(e.sheet, b);
  return out;
}

/**
 * Apply a plan; returns the charts to inject when the workbook is written, and the units' forms
 * left as they were because a password protects them (their scores, summary and marks unwritten;
 * the rest of the plan, the results sheets included, is written). What the user should know about
 * the write beyond the plan's own warnings (cells left alone because they are merged, each form a
 * password kept out, naming the sheet to unprotect) is added to `warnings`.
 */
export function applyPlan(
  wb: ExcelJS.Workbook,
  written: WritePlan,
  warnings?: SheetMessage[],
): { charts: PendingChart[]; skippedSheets: string[]; renamedTables: { from: string; to: string }[] } {
  assertOwnedSheetsWritable(wb, written);
  // First of all: the sheets of the last run named for the other language take this run's names,
  // and every formula naming them follows (before the cached results of the formulas reading
  // what this run writes are dropped, so that those reading a renamed sheet are found).
  renameSheets(wb, written.renameSheets ?? []);
  // Then the rows the plan inserts on the results sheet (its table grown over what the user typed
  // below it), as Excel inserts them: those cells move down, the formulas that read them follow.
  for (const i of written.insertRows ?? []) insertRows(wb, i);
  // The project's table the user renamed takes the plan's name back, their formulas following it.
  const renamedTables = renameUserTables(wb, written, warnings);
  renameTableColumns(wb, written, warnings);
  const located = locatePlanMarks(wb, written);
  const skippedSheets = passwordProtectedForms(wb, located);
  const skip = new Set(skippedSheets.map((n) => n.toLowerCase()));
  const plan = withoutSheets(located, skip);
  for (const sheet of skippedSheets) {
    const message = unwrittenSheetMessage(located, sheet, planKind(written));
    if (message) warnings?.push(message);
  }
  completeFonts(wb, skip);
  for (const name of plan.removeSheets ?? []) {
    const ws = sheetNamed(wb, name);
    if (ws && !plan.owned.some((o) => o.name === name)) wb.removeWorksheet(ws.id);
  }
  for (const m of plan.clearMarks) {
    const ws = sheetNamed(wb, m.sheet);
    if (ws) clearMark(ws, m.cell, m.fill);
  }
  warnings?.push(...tableCopiesMessages(wb, plan));
  for (const owned of plan.owned) writeOwnedSheet(wb, owned, plan.lang, warnings);
  for (const edit of plan.edits) {
    const ws = sheetNamed(wb, edit.sheet);
    if (!ws) throw new Error(`sheet not found: ${edit.sheet}`);
    const merged: string[] = [];
    for (const block of edit.blocks) {
      // The instructions' period line goes into the cell the template merged for it while the cell
      // holds the project's line; a formula a person put there since stays, without a word.
      if (!isInstructionsPeriodBlock(block)) writeBlock(ws, block, merged);
      else if (holdsPeriodLine(ws.getCell(block.address))) writeBlock(ws, block, undefined, true);
    }
    // The plan's edits are the Điểm column of unit forms: cells the snapshot did not know were merged.
    if (merged.length > 0) warnings?.push(mergedScoreCellsMessage(ws.name, merged));
    // Its printed pages name the index and the period the form states now (not a header of the user's).
    if (edit.pageHeader) setFormPageHeader(ws, edit.pageHeader);
  }
  for (const m of plan.marks) {
    const ws = sheetNamed(wb, m.sheet);
    if (ws) setMark(ws, m.cell, m.severity, m.note);
  }
  pointFormLinks(wb, plan, skip);
  // The first visible sheet becomes the active one: Excel refuses a workbook that opens on a hidden sheet.
  const firstVisible = wb.worksheets.findIndex((w) => w.state === "visible" || w.state === undefined);
  if (firstVisible >= 0) {
    const view = wb.views?.[0];
    wb.views = [{ ...(view ?? { x: 0, y: 0, width: 12000, height: 8000, visibility: "visible" }), activeTab: firstVisible, firstSheet: 0 }];
  }

  forgetStaleResults(
    wb,
    [
      ...plan.owned.map((o) => wholeSheet(o.name)),
      ...plan.edits.flatMap((e) => e.blocks.map((b) => blockArea(e.sheet, b.address, b.values.length, b.values.reduce((w, r) => Math.max(w, r.length), 1)))),
    ],
    computedNow(plan),
  );

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
  return { charts, skippedSheets, renamedTables };
}
