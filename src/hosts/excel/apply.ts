/**
 * Executing a WritePlan through Office.js in a constant number of requests: look up what exists
 * (sheets, tables, the protection of the workbook's structure and of the sheets the plan touches,
 * the cell of the instructions sheet's period line as it is now, the links of its table of units
 * to the forms, the first page of the workbook's notes), then, packed into requests under the budgets, the
 * charts, the fills of the cells to mark and where the notes are (more requests only for a
 * workbook with more notes than a page holds, or more look-ups than 4 MB carry), then queue every
 * write, packed into requests of at most 4 MB (REQUEST_BUDGET), with calculation suspended in each
 * and the workbook calculated at the end of the last.
 * A sheet protected without a password (the project's own forms) is unprotected at the start of
 * each write request that writes on it and protected again, with the same options, at the end of
 * that request, so that a request Excel refuses whole (the user typing in a cell, another workbook
 * active) leaves every form protected. The first write request also unprotects, at its start, every
 * protected sheet the plan writes on and protects it again at its end: a sheet a password protects
 * fails there, before anything is written (at its unprotect, or at the check that follows when
 * unprotect() without the password does nothing); the sheets still protected then say which. A form is then left as it is (its scores and marks
 * unwritten, a warning says so); one of the project's own sheets stops the run, nothing written.
 * An owned sheet is placed and shown only when the run adds it: one that exists keeps the place
 * and visibility the user gave it (`_index` stays very hidden).
 */
import type { Message, SheetMessage } from "../../core/i18n/text";
import { INDEX_SHEET, type PageTexts, instructionsPeriodUnwrittenMessage, isMarkFill, isInstructionsPeriodBlock, isInstructionsPeriodLine, isProjectFormHeader, rewrittenFormHeader } from "../../core/plan/labels";
import type { CellBlock, ChartPlan, OwnedSheetPlan, PlanValue, PrintPlan, SheetEditPlan, TablePlan, WritePlan } from "../../core/types";
import { formLinksOf, formLinkTo, isStaleFormLink } from "../../core/plan/form-links";
import { overlaps, parseRect, type Rect, rectsWithout, rectWithout as without } from "../../core/a1";
import { excelColor, quoteSheet, rectAddress, splitSheet, topLeft } from "./address";
import { forgetAll, sheetOf } from "./proxies";
import { coalesceColumnCells, widestRow } from "./blocks";
import type { Capabilities } from "./requirements";
import { kindOfChartType, queueChart, type ExistingChart } from "./charts";
import { type FoundChart, matchCharts, sameRuleFormula } from "../../core/plan/charts";
import { planWarnings, relocateMarks, withFillsOfMarkedCells, withoutInstructionsPeriodLines } from "../../core/plan/plan";
import { protectedOwnedSheetMessage } from "../../core/plan/sheet-names";
import { cellKey, commentRefusedMessage, fillOnlyMessage, marksAsFillsMessage, markLookup, markScans, queueClear, queueMark, type ItemScan, type MarkLookup } from "./marks";
import { BLOCK_BUDGET, errorCode, type Fallback, jsonBytes, opBytes, REFUSAL_CODES, refusedWhole, RequestPacker, type SheetGuard, tooLarge } from "./payload";
import { ExcelHostError } from "./requirements";
import { onlyPageHeaderOn, passwordProtectedMessage, withoutSheets } from "../unwritten-sheets";
import { type DroppedNote, droppedNotesMessage, movedNotes, unitsOnRows } from "../../core/plan/results-area";
import type { NotedCell } from "../../core/plan/plan";
import { columnLetter } from "../../core/a1";
import { carriedTexts, droppedThreadsMessage, type DroppedThread, leftThreadsMessage, type LeftThread, type Thread, threadInWords, type ThreadMove, type ThreadStep, threadSteps } from "./threads";

export interface ApplyStats {
  requests: number;
  maxRequestBytes: number;
  /** Sheets whose edits were left out because a password protects them. */
  skippedSheets: string[];
  /** What the user should know about the write: the plan's own warnings, then one message per sheet left out. */
  warnings: SheetMessage[];
}

const VISIBILITY = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;

/** What is loaded of the charts of an owned sheet that has the plan's, to find them again (matchCharts). */
const CHART_PATHS = "items/name,items/chartType,items/title/text,items/series/items/name";
/** What one chart's name, type, title and series' names weigh in a response, at the most the project writes. */
const CHART_RESPONSE = 2500;
/** How many charts of the user's a charts sheet is taken to hold besides the plan's, to size the response. */
const CHARTS_OF_THE_USER = 8;

/**
 * A string Excel could take for something else when it is written as a value must go into a cell
 * formatted as text ("@"), or it does not stay what the user typed: Excel makes a formula of
 * "=…" (and of "+…", "-…", "@…"), an error value of "#N/A", a truth value of "TRUE", and a number,
 * percentage, date or time of text such as "001", "1e3", "50%", "2025-05-03" or "10:30" (a unit
 * named "2025-05-03" would show as 5/3/2025). Which text is a number or a date depends on the
 * user's locale ("1,000" and "1/2" are numbers or dates in some, text in others), so every string
 * with a digit counts, as in `_index`'s copies.
 */
export function needsTextFormat(v: PlanValue): boolean {
  if (typeof v !== "string") return false;
  if (/^[=+\-@]/.test(v) && v.length > 1) return true;
  return /\d/.test(v) || /^\s*#/.test(v) || /^\s*(true|false)\s*$/i.test(v);
}

/** Excel column width in points from a width in characters (Calibri 11: 7 px a character + 5 px). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** The plan's alignments as Excel.HorizontalAlignment. */
const ALIGNMENTS = { left: "Left", center: "Center", right: "Right" } as const;

/** Queues one block, cut into row pieces of at most BLOCK_BUDGET bytes, writing 2D arrays only. */
export function queueBlock(packer: RequestPacker, sheet: string, block: CellBlock, nullMeans: "empty" | "unchanged" = "empty"): void {
  const keep = nullMeans === "unchanged";
  const { row, col } = topLeft(block.address);
  const rows = block.values.length;
  const cols = widestRow(block.values);
  if (rows === 0 || cols === 0) return;
  const cell = (r: number, c: number): PlanValue => block.values[r]?.[c] ?? null;
  const values = (r: number) => Array.from({ length: cols }, (_, c) => {
    const v = cell(r, c);
    // In Office.js a null leaves the cell as it is; "" empties it.
    return v === null ? (keep ? null : "") : v;
  });
  // A block of formulas only: Excel computes their values, so none are sent.
  const formulasOnly = block.formulas !== undefined && Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => block.formulas?.[r]?.[c])).every((line) => line.every((f) => typeof f === "string" && f !== ""));
  // A cell that gets a formula is not made text: Excel would keep the formula as text.
  const hasFormula = (r: number, c: number) => typeof block.formulas?.[r]?.[c] === "string" && block.formulas[r]![c] !== "";
  const isText = (r: number, c: number) => needsTextFormat(cell(r, c)) && !hasFormula(r, c);
  const anyText = block.values.some((line, r) => line.some((_, c) => isText(r, c)));
  const perCellFormat = Array.isArray(block.numberFormat);
  const formats = anyText || perCellFormat
    ? (r: number) => Array.from({ length: cols }, (_, c) => {
        if (isText(r, c)) return "@";
        const f = Array.isArray(block.numberFormat) ? block.numberFormat[r]?.[c] : block.numberFormat;
        // A block without formats of its own (a header written again to make it bold) leaves the
        // other cells' formats as they are, as it does when none of its cells is text.
        if (block.numberFormat === undefined) return null;
        return f ?? (keep ? null : "General");
      })
    : block.numberFormat !== undefined
      ? (r: number) => Array.from({ length: cols }, (_, c) => (keep && cell(r, c) === null ? null : (block.numberFormat as string)))
      : null;

  // Each row of each array it sends, and the comma after it.
  const rowBytes = Array.from({ length: rows }, (_, r) => (formulasOnly ? 0 : jsonBytes(values(r)) + 1) + (formats ? jsonBytes(formats(r)) + 1 : 0) + (block.formulas ? jsonBytes(block.formulas[r] ?? []) + 1 : 0));
  let start = 0;
  while (start < rows) {
    let end = start;
    let bytes = 0;
    while (end < rows && (end === start || bytes + rowBytes[end]! <= BLOCK_BUDGET)) bytes += rowBytes[end++]!;
    const from = start;
    const count = end - start;
    const styled = [block.bold, block.fill, block.fontColor, block.wrap, block.fontSize, block.align].filter((v) => v !== undefined).length;
    // The range, its value, format and formula sets, and the format, fill and font paths of its style.
    packer.add(bytes + opBytes(1, 3 - (formulasOnly ? 1 : 0)) + (styled ? opBytes(3, styled) : 0), (ctx) => {
      const range = sheetOf(ctx, sheet).getRange(rectAddress({ row: row + from, col, rows: count, cols }));
      // The number format goes first so that text written into "@" cells stays text.
      if (formats) range.numberFormat = Array.from({ length: count }, (_, r) => formats(from + r));
      if (!formulasOnly) range.values = Array.from({ length: count }, (_, r) => values(from + r));
      if (block.formulas) {
        range.formulas = Array.from({ length: count }, (_, r) => Array.from({ length: cols }, (_, c) => block.formulas?.[from + r]?.[c] ?? null)) as never;
      }
      if (block.bold !== undefined) range.format.font.bold = block.bold;
      if (block.fill) range.format.fill.color = excelColor(block.fill);
      if (block.fontColor) range.format.font.color = excelColor(block.fontColor);
      if (block.wrap !== undefined) range.format.wrapText = block.wrap;
      if (block.fontSize !== undefined) range.format.font.size = block.fontSize;
      if (block.align !== undefined) range.format.horizontalAlignment = ALIGNMENTS[block.align];
    }, { sheet, replay: "same" });
    start = end;
  }
}

/**
 * A colour scale's criteria: at the plan's numbers when it gives them (values 0–1: 0, 0.5, 1),
 * else at the lowest value, the 50th percentile and the highest.
 */
function colorScaleCriteria(colors: string[], at?: number[]): Excel.ConditionalColorScaleCriteria {
  const [min, mid, max] = colors.length >= 3 ? colors : [colors[0], undefined, colors[colors.length - 1]];
  const numbers = at && at.length === colors.length && at.every(Number.isFinite) ? at : undefined;
  const [atMin, atMid, atMax] = numbers && numbers.length >= 3 ? numbers : [numbers?.[0], undefined, numbers?.[numbers.length - 1]];
  const point = (n: number | undefined, otherwise: "LowestValue" | "HighestValue", color: string): Excel.ConditionalColorScaleCriterion =>
    n !== undefined ? { formula: String(n), type: "Number", color } : { formula: null as unknown as string, type: otherwise, color };
  return {
    minimum: point(atMin, "LowestValue", excelColor(min ?? "#F8696B")),
    ...(mid ? { midpoint: atMid !== undefined ? { formula: String(atMid), type: "Number", color: excelColor(mid) } : { formula: "50", type: "Percentile", color: excelColor(mid) } } : {}),
    maximum: point(atMax, "HighestValue", excelColor(max ?? "#63BE7B")),
  } as Excel.ConditionalColorScaleCriteria;
}

/** A table of the workbook as the first request found it: its name and its sheet (lower case). */
interface ExistingTable {
  name: string;
  sheet: string;
  /** Where it is, looked up for every table on an owned sheet the plan writes again. */
  rect?: Rect;
}

/**
 * The table of the plan that is already on its sheet with its header row where the plan puts it,
 * kept rather than deleted and added again, so that the formulas that refer to it by name
 * (`=AVERAGE(DTI_Results[Tổng điểm])`) keep working: resized in place (ExcelApi 1.13), or, before,
 * when it already has the plan's size (the same units scored again after a correction), written
 * over as it is. Before ExcelApi 1.13 a table of another size is made anew: adding or deleting
 * table rows would move what the user typed below it, in its columns only, out of line with the
 * rest of its row, or fail on a merged area reaching past it.
 */
interface KeptTable {
  plan: TablePlan;
  /** Its name now: the plan's, or the one the user gave it (renamedTable), which the write sets back to the plan's. */
  name: string;
  rect: Rect;
  /** Written over as it is (before ExcelApi 1.13), not resized. */
  asIs?: true;
}

/** Whether a table found on the sheet has its header row where the plan's table goes (the same top-left cell). */
function atPlace(found: ExistingTable | undefined, rect: Rect | null, sheet: string): found is ExistingTable & { rect: Rect } {
  return found?.rect !== undefined && rect !== null && found.sheet === sheet && found.rect.row === rect.row && found.rect.col === rect.col;
}

/**
 * The project's table that the user renamed (Table Design > Table Name: `DTI_Results` →
 * `BangKetQua`, their formulas reading `=SUM(BangKetQua[Tổng điểm])`): on the owned sheet written
 * again, with its header row where the plan puts `plan`, under a name none of the plan's tables
 * has, while no table of the plan's name is there. Kept like the plan's own, and its name set back
 * to the plan's (Table.name, ExcelApi 1.1): Excel renames the table in every formula that refers
 * to it ("If you rename a column or table, Excel automatically changes the use of that table and
 * column header in all structured references that are used in the workbook", Microsoft Support,
 * "Using structured references with Excel tables"), so those formulas keep working.
 */
function renamedTable(plan: OwnedSheetPlan, t: TablePlan, existingTables: Map<string, ExistingTable>): ExistingTable & { rect: Rect } | undefined {
  const sheet = plan.name.toLowerCase();
  const rect = parseRect(t.range);
  if (atPlace(existingTables.get(t.name.toLowerCase()), rect, sheet)) return undefined;
  const planned = new Set(plan.tables.map((p) => p.name.toLowerCase()));
  for (const [lower, found] of existingTables) if (!planned.has(lower) && atPlace(found, rect, sheet)) return found;
  return undefined;
}

function tableKept(plan: OwnedSheetPlan, exists: boolean, caps: Capabilities, existingTables: Map<string, ExistingTable>): KeptTable | undefined {
  if (!exists) return undefined;
  for (const t of plan.tables) {
    const rect = parseRect(t.range);
    const found = existingTables.get(t.name.toLowerCase());
    const at = atPlace(found, rect, plan.name.toLowerCase()) ? found : renamedTable(plan, t, existingTables);
    if (!at?.rect || !rect) continue;
    if (caps.keepTables) return { plan: t, name: at.name, rect };
    if (at.rect.cols === rect.cols && at.rect.rows === rect.rows) return { plan: t, name: at.name, rect, asIs: true };
  }
  return undefined;
}

/**
 * The plan's tables on an owned sheet written again that are there now under their names but are
 * made anew (their columns changed before ExcelApi 1.13, or their header row moved): the user's
 * formulas that name them now read #REF!.
 */
function tablesMadeAnew(plan: OwnedSheetPlan, exists: boolean, caps: Capabilities, existingTables: Map<string, ExistingTable>): string[] {
  if (!exists) return [];
  const kept = tableKept(plan, exists, caps, existingTables)?.name.toLowerCase();
  return plan.tables.flatMap((t) => {
    const found = existingTables.get(t.name.toLowerCase());
    return found && found.sheet === plan.name.toLowerCase() && found.name.toLowerCase() !== kept ? [found.name] : [];
  });
}

/**
 * What the user is told about the other tables on an owned sheet written again, each once: the
 * project's table they renamed, kept and named as the plan names it (tableRenamedBackMessage), or
 * made anew (before ExcelApi 1.13, its size changed: tableRenamedMadeAnewMessage), and every other
 * table there (userTables), which the write converts to plain cells (tableConvertedMessage), or
 * deletes on a sheet written anew whole (tableDeletedMessage). The tables of the plan's own names
 * are tablesMadeAnew's.
 */
function otherTablesMessages(plan: OwnedSheetPlan, exists: boolean, caps: Capabilities, existingTables: Map<string, ExistingTable>): SheetMessage[] {
  if (!exists) return [];
  const sheet = plan.name.toLowerCase();
  const kept = tableKept(plan, exists, caps, existingTables);
  const planned = new Set(plan.tables.map((t) => t.name.toLowerCase()));
  const renamed = new Map(plan.tables.flatMap((t) => {
    const found = renamedTable(plan, t, existingTables);
    return found ? [[found.name.toLowerCase(), t.name] as const] : [];
  }));
  const out: SheetMessage[] = [];
  for (const [lower, t] of existingTables) {
    if (t.sheet !== sheet || planned.has(lower)) continue;
    const planName = renamed.get(lower);
    if (kept && kept.name.toLowerCase() === lower) out.push(tableRenamedBackMessage(plan.name, t.name, kept.plan.name));
    else if (planName !== undefined) out.push(tableRenamedMadeAnewMessage(plan.name, t.name, planName));
    else if (plan.clear !== undefined) out.push(tableConvertedMessage(plan.name, t.name, t.rect));
    else out.push(tableDeletedMessage(plan.name, t.name));
  }
  return out;
}

/** What the user is told when the project's table they renamed was given its name back: their formulas follow it. */
export function tableRenamedBackMessage(sheet: string, was: string, name: string): SheetMessage {
  return {
    sheet,
    vi: `Bảng ${was} trên trang '${sheet}' là bảng kết quả của DTI Scorer mà bạn đã đổi tên; bảng đã được đặt lại tên ${name} để lần chấm này ghi kết quả vào đúng bảng đó. Excel đã tự sửa các công thức trỏ tới bảng theo tên cho khớp với tên này (=SUM(${was}[…]) nay là =SUM(${name}[…])), nên các công thức đó vẫn đúng.`,
    en: `The table ${was} on the sheet '${sheet}' is DTI Scorer's results table, which you renamed; its name was set back to ${name} so that this run writes the results into it. Excel changed the formulas that refer to it by name to follow it (=SUM(${was}[…]) now reads =SUM(${name}[…])), so those formulas keep working.`,
  };
}

/** What the user is told when the project's table they renamed was made anew under the plan's name (before ExcelApi 1.13, its size changed). */
export function tableRenamedMadeAnewMessage(sheet: string, was: string, name: string): SheetMessage {
  return {
    sheet,
    vi: `Bảng ${was} trên trang '${sheet}' là bảng kết quả của DTI Scorer mà bạn đã đổi tên; bảng đã được tạo lại với tên ${name} (số đơn vị hay các cột của bảng đã đổi mà phiên bản Excel này chưa có ExcelApi 1.13 để đổi kích thước bảng tại chỗ), nên công thức trỏ tới ${was} theo tên (như =ROWS(${was}[…])) có thể báo #REF!; hãy nhập lại các công thức đó với tên ${name} (như =ROWS(${name}[…])).`,
    en: `The table ${was} on the sheet '${sheet}' is DTI Scorer's results table, which you renamed; it was made anew under the name ${name} (its number of units or its columns changed and this Excel lacks ExcelApi 1.13 to resize a table in place), so formulas that refer to ${was} by name (such as =ROWS(${was}[…])) may now show #REF!; enter those formulas again with ${name} (such as =ROWS(${name}[…])).`,
  };
}

/**
 * What the user is told when a table of theirs on one of the project's sheets is no longer a table
 * once the sheet was written again (Table.convertToRange: "All data is preserved"): its cells stay
 * (but where the results now go), and Excel made the formulas naming it read its cells ("structured
 * references (references that use table names) that were used in formulas turn into regular cell
 * references", Microsoft Support, "Convert an Excel table to a range of data"). The file host's
 * twin is tableDroppedMessage.
 */
export function tableConvertedMessage(sheet: string, table: string, rect?: Rect): SheetMessage {
  const cells = rect ? ` (${quoteSheet(sheet)}!${rectAddress(rect)})` : "";
  return {
    sheet,
    vi: `Bảng ${table} trên trang '${sheet}' không còn là bảng sau khi DTI Scorer ghi lại trang này (trang của DTI Scorer được ghi lại mỗi lần chấm điểm): các ô của bảng${cells} vẫn được giữ nguyên giá trị và định dạng, nay là các ô thường (trừ những ô nằm ở chỗ kết quả nay được ghi), và Excel đã tự đổi các công thức trỏ tới bảng theo tên (như =ROWS(${table}[…])) thành tham chiếu ô thường, nên các công thức đó vẫn đọc đúng các ô ấy nhưng không còn tự mở rộng theo bảng; hãy đặt bảng của bạn ở một trang khác.`,
    en: `The table ${table} on the sheet '${sheet}' is no longer a table once DTI Scorer wrote that sheet again (DTI Scorer's sheets are written again on every run): its cells${cells} stay, with their values and formats, as plain cells (except where the results now go), and Excel changed the formulas that refer to it by name (such as =ROWS(${table}[…])) to plain cell references, so those formulas still read those cells but no longer grow with the table; keep your tables on another sheet.`,
  };
}

/** What the user is told when a table of theirs on one of the project's sheets was deleted as the sheet was written anew whole (OwnedSheetPlan.clear absent). */
export function tableDeletedMessage(sheet: string, table: string): SheetMessage {
  return {
    sheet,
    vi: `Bảng ${table} trên trang '${sheet}' đã bị xóa khi DTI Scorer ghi lại trang này (trang của DTI Scorer được ghi lại mỗi lần chấm điểm), nên công thức trỏ tới bảng theo tên (như =ROWS(${table}[…])) có thể báo #REF!; hãy đặt bảng của bạn ở một trang khác rồi nhập lại các công thức đó.`,
    en: `The table ${table} on the sheet '${sheet}' was deleted when DTI Scorer wrote that sheet again (DTI Scorer's sheets are written again on every run), so formulas that refer to it by name (such as =ROWS(${table}[…])) may now show #REF!; keep your tables on another sheet and enter those formulas again.`,
  };
}

/** What the user is told when the run made one of its tables anew, so that formulas naming it break. */
export function tableMadeAnewMessage(sheet: string, table: string): SheetMessage {
  return {
    sheet,
    vi: `Bảng ${table} trên trang '${sheet}' đã được tạo lại (chỗ của bảng đã đổi, hoặc số đơn vị hay các cột của bảng đã đổi mà phiên bản Excel này chưa có ExcelApi 1.13 để đổi kích thước bảng tại chỗ), nên công thức trỏ tới bảng theo tên (như =ROWS(${table}[…])) có thể báo #REF!; hãy nhập lại các công thức đó.`,
    en: `The table ${table} on the sheet '${sheet}' was made anew (its place changed, or its number of units or its columns changed and this Excel lacks ExcelApi 1.13 to resize a table in place), so formulas that refer to it by name (such as =ROWS(${table}[…])) may now show #REF!; enter those formulas again.`,
  };
}

/**
 * The user's own tables on an owned sheet written again, of which only the areas the plan lists are
 * cleared (OwnedSheetPlan.clear): those that are neither the plan's (by name) nor the project's
 * table the user renamed (renamedTable). Each is converted to a range (Table.convertToRange,
 * ExcelApi 1.2: "Converts the table into a normal range of cells. All data is preserved"), as the
 * file host keeps their cells, so that what the user typed there stays, rather than deleted with
 * its cells; it frees its name and no longer overlaps where the plan's table goes, whose area is
 * cleared and written afterwards. Each is named in a warning (otherTablesMessages).
 */
function userTables(plan: OwnedSheetPlan, exists: boolean, existingTables: Map<string, ExistingTable>): string[] {
  if (!exists || plan.clear === undefined) return [];
  const sheet = plan.name.toLowerCase();
  const planned = new Set(plan.tables.map((t) => t.name.toLowerCase()));
  const renamed = new Set(plan.tables.flatMap((t) => renamedTable(plan, t, existingTables)?.name.toLowerCase() ?? []));
  return [...existingTables].filter(([lower, t]) => t.sheet === sheet && !planned.has(lower) && !renamed.has(lower)).map(([, t]) => t.name);
}

/**
 * The tables under a name the plan gives its own (`DTI_Results`) on a sheet the run does not write
 * (`written`: the plan's owned sheets, lower case): an earlier copy of the project's results the
 * user kept (ours renamed `KQ cũ` beside a `Kết quả` of their own, or a sheet like ours that the
 * run could not take for its own). Table names are the workbook's, so the plan's table cannot take
 * its name while it is there: it is converted to plain cells (Table.convertToRange, ExcelApi 1.2:
 * "All data is preserved"), never deleted with the cells the user kept, and named in a warning
 * (tableCopyConvertedMessage).
 */
function tableCopies(plan: OwnedSheetPlan, existingTables: Map<string, ExistingTable>, written: ReadonlySet<string>): ExistingTable[] {
  const planned = new Set(plan.tables.map((t) => t.name.toLowerCase()));
  return [...existingTables].filter(([lower, t]) => planned.has(lower) && !written.has(t.sheet)).map(([, t]) => t);
}

/**
 * What the user is told when an earlier copy of the project's table, on a sheet the run does not
 * write (tableCopies), was converted to plain cells so that this run's table could take its name:
 * its cells stay as they were, and Excel changed the formulas naming it to plain references to
 * them ("structured references … turn into regular cell references", Microsoft Support, "Convert
 * an Excel table to a range of data"). The file host's twin is tableCopyDroppedMessage.
 */
export function tableCopyConvertedMessage(sheet: string, table: string, ours: string, rect?: Rect): SheetMessage {
  const cells = rect ? ` (${quoteSheet(sheet)}!${rectAddress(rect)})` : "";
  return {
    sheet,
    vi: `Trang '${sheet}' có bảng ${table}, một bản kết quả cũ của DTI Scorer mà lần chấm này không ghi lại: bảng đã được chuyển thành các ô thường để bảng kết quả mới trên trang '${ours}' mang tên ${table}. Các ô của bảng cũ${cells} vẫn giữ nguyên giá trị, và Excel đã đổi các công thức trỏ tới bảng cũ theo tên thành tham chiếu ô thường, nên chúng vẫn đọc các ô đó.`,
    en: `The sheet '${sheet}' has the table ${table}, an earlier copy of DTI Scorer's results that this run does not write: it was converted to plain cells so that the new results table on the sheet '${ours}' could take the name ${table}. The old table's cells${cells} keep their values, and Excel changed the formulas that referred to it by name to plain cell references, so they still read those cells.`,
  };
}

/**
 * The tables to delete before an owned sheet is written again: every other table on that sheet
 * (the plan's own made anew, the project's table the user renamed made anew, and, on a sheet
 * written anew whole, the user's; the new table would overlap one where it goes; each is named in
 * a warning, otherTablesMessages and tablesMadeAnew) and any table elsewhere with a name the plan
 * gives its own, but not the table kept (which may be the project's table the user renamed:
 * renamedTable) nor the user's tables converted to plain cells (`converted`, userTables).
 */
function tablesToDelete(plan: OwnedSheetPlan, exists: boolean, existingTables: Map<string, ExistingTable>, kept: string | undefined, converted: readonly string[]): string[] {
  const sheet = plan.name.toLowerCase();
  const planned = new Set(plan.tables.map((t) => t.name.toLowerCase()));
  const skip = new Set([kept, ...converted].flatMap((n) => n?.toLowerCase() ?? []));
  return [...existingTables].filter(([lower, t]) => !skip.has(lower) && ((exists && t.sheet === sheet) || planned.has(lower))).map(([, t]) => t.name);
}

const WHOLE_SHEET: Rect = { row: 0, col: 0, rows: 1_048_576, cols: 16_384 };

/**
 * The rectangles of an owned sheet that exists to clear before it is written: those the plan
 * lists (the last run's cells and this run's; the rest of the sheet is the user's), or the whole
 * sheet when it lists none.
 */
function rectsToClear(plan: OwnedSheetPlan): Rect[] {
  return plan.clear ? plan.clear.flatMap((r) => parseRect(r) ?? []) : [WHOLE_SHEET];
}

/**
 * Whether an owned sheet that exists has its frozen panes taken off before it is written: only a
 * sheet whose panes the plan sets (never `_index`), and only while it is visible. Excel's
 * `unfreeze()` throws on a hidden sheet in some builds (OfficeDev/office-js#1463), and a hidden
 * sheet the plan freezes does not need it: freezeRows, freezeColumns and freezeAt set the frozen
 * panes anew. The panes of a sheet the plan does not freeze are the user's.
 */
export function unfreezesFirst(plan: OwnedSheetPlan, visibility: string | undefined): boolean {
  return plan.name !== INDEX_SHEET && plan.freeze !== undefined && visibility === "Visible";
}

/**
 * What the user put on the cells of an owned sheet's table that goes with them when it is written
 * again (OwnedSheetPlan.moves): their notes (ExcelApi 1.18), deleted where they are before the
 * clear and added where they go after the writes, and threaded comments (ExcelApi 1.10), each added
 * where it goes after the writes and only then deleted where it was (those whose cell stays theirs
 * are left as they are: `keep`, which the clear leaves, as it leaves the cells of the threads that
 * move), and the widths (in points) of the columns they added.
 */
export interface CarriedNotes {
  /** The notes that move or are dropped ("Sheet!A1"), deleted before the clear. */
  deletes: string[];
  /** The notes added where they go. */
  adds: { key: string; content: string }[];
  /** The threaded comments that are dropped, deleted (with their replies) before the clear. */
  threadDeletes: string[];
  /** The threads that go where their units go, in the order they go (threadSteps). */
  threadSteps: ThreadStep[];
  /** The cells (A1, on the sheet) of the notes and threads that stay where they are, and of the threads that move: the clear leaves them. */
  keep: string[];
  widths: { column: number; points: number }[];
  dropped: DroppedNote[];
  droppedThreads: DroppedThread[];
  /**
   * Filled in while writing, with comments (before ExcelApi 1.18), by the cell each was on: the
   * threads that stayed there (Excel refused them at their new cell, which has a note; they were
   * not tried; their new cell kept its thread), or may have ("unsaid").
   */
  left: Map<string, LeftThread>;
}

const bare = (cell: string) => cell.replace(/\$/g, "").toUpperCase();

/**
 * Where the notes and threaded comments the lookup found on an owned sheet that is written again
 * go (movedNotes: with their unit and column on its table): the user's own, those the project's
 * marks are not part of. With comments (before ExcelApi 1.18) notes cannot be read: `noted` has the
 * user's threads, which go as threads, and the notes stay on their cells (the clear leaves them).
 */
export function carriedNotes(plan: OwnedSheetPlan, noted: readonly NotedCell[], threads: readonly Thread[], renamedFrom: string | undefined): Omit<CarriedNotes, "widths" | "left"> {
  const names = new Set([plan.name.toLowerCase(), ...(renamedFrom !== undefined ? [renamedFrom.toLowerCase()] : [])]);
  const onSheet = (n: { sheet: string }) => names.has(n.sheet.toLowerCase());
  const threadAt = new Map(threads.filter(onSheet).map((t) => [bare(t.cell), t]));
  const mine = noted.filter((n) => onSheet(n) && !n.ours && n.text !== undefined && !threadAt.has(bare(n.cell))).map((n) => ({ cell: bare(n.cell), text: n.text! }));
  const notes = movedNotes(mine, plan.clear ?? [], plan.moves);
  const theirs = movedNotes([...threadAt].map(([cell, t]) => ({ cell, text: threadInWords(t) })), plan.clear ?? [], plan.moves);
  const stays = (n: { cell: string; to: string }) => bare(n.to) === n.cell;
  const moving = <T extends { cell: string; to: string }>(list: T[]) => list.filter((n) => !stays(n));
  const key = (cell: string) => cellKey(plan.name, cell);
  // The unit of a thread's row, and the one whose row its cell is on once the table is written again.
  const rowOf = (cell: string) => parseRect(cell)?.row;
  const unitFrom = (row: number | undefined) => plan.moves?.rows.find((r) => row !== undefined && r.from === row + 1)?.unit;
  const onRows = unitsOnRows(plan);
  const unitTo = (row: number | undefined) => (row === undefined ? undefined : onRows.get(row + 1));
  const threadMoves = moving(theirs.carried).map((n): ThreadMove => {
    const unit = unitFrom(rowOf(n.cell));
    const now = unitTo(rowOf(n.cell));
    const other = now !== undefined && (unit === undefined || now.code !== unit.code || now.name !== unit.name);
    return { from: n.cell, to: bare(n.to), texts: carriedTexts(threadAt.get(n.cell)!), words: n.text, ...(unit ? { unit } : {}), ...(other ? { nowOn: now } : {}) };
  });
  return {
    deletes: [...moving(notes.carried), ...notes.dropped].map((n) => key(n.cell)),
    adds: moving(notes.carried).map((n) => ({ key: key(n.to), content: n.text })),
    threadDeletes: theirs.dropped.map((n) => key(n.cell)),
    threadSteps: threadSteps(threadMoves),
    keep: [...notes.carried.filter(stays), ...theirs.carried].map((n) => n.cell),
    dropped: notes.dropped,
    droppedThreads: theirs.dropped,
  };
}

/** A rule of the project's to delete (OwnedSheetPlan.removeFormats): one of those on `range`, by its id. */
interface FormatGone {
  range: string;
  id: string;
}

/**
 * What the lookups load of the rules on a range the plan removes the project's from: each rule's
 * id and type, and a formula rule's formula (customOrNullObject: `custom` fails on another type).
 */
const FORMAT_PATHS = "items/id,items/type,items/customOrNullObject/rule/formula";
/** The bytes of the response to one such lookup: a few rules of the user's on the cell, and the project's. */
const FORMAT_RESPONSE = 1500;

/**
 * The project's rules among those on a range as loaded (FORMAT_PATHS): the formula rules of the
 * formula the plan names (sameRuleFormula: however Excel keeps it). Office.js gives the rules that
 * take a cell of the range, not the cells each takes: one of the project's formula stretched over
 * more cells since (painted elsewhere) is deleted whole, as it is still the project's.
 */
export function formatsToDelete(range: string, formula: string, items: readonly { id: string; type: string; customOrNullObject: { rule: { formula: string } } }[]): FormatGone[] {
  return items.flatMap((f) => (f.type === "Custom" && sameRuleFormula(formula, f.customOrNullObject.rule.formula) ? [{ range, id: f.id }] : []));
}

function queueOwnedSheet(
  packer: RequestPacker,
  plan: OwnedSheetPlan,
  /** Whether the sheet is in the workbook; "added": made, empty, earlier in this write (nothing to clear). */
  present: boolean | "added",
  caps: Capabilities,
  existingTables: Map<string, ExistingTable>,
  written: ReadonlySet<string>,
  visibility: string | undefined,
  carried?: CarriedNotes,
  formatsGone: readonly FormatGone[] = [],
): void {
  const name = plan.name;
  const exists = present === true;
  // The notes carried and the threads dropped go from their cells first (a cell takes one note or
  // one thread); a thread that moves goes from its cell once it is on its new one (below).
  for (const key of carried?.deletes ?? []) {
    packer.add(opBytes(2, 1, key), (ctx) => ctx.workbook.notes.getItem(key).delete(), { sheet: name });
  }
  // "Deletes the comment and all the connected replies."
  for (const key of carried?.threadDeletes ?? []) {
    packer.add(opBytes(2, 1, key), (ctx) => ctx.workbook.comments.getItemByCell(key).delete(), { sheet: name });
  }
  if (carried) carried.left = new Map();
  const kept = tableKept(plan, exists, caps, existingTables);
  const converts = [...userTables(plan, exists, existingTables), ...tableCopies(plan, existingTables, written).map((t) => t.name)];
  const deletes = tablesToDelete(plan, exists, existingTables, kept?.name, converts);
  const areas = exists ? rectsToClear(plan) : [];
  // The kept table's header row is written again with the same names, not cleared: the formulas
  // naming its columns keep them.
  const header = kept ? { ...kept.rect, rows: 1 } : undefined;
  const cleared = header ? areas.flatMap((r) => without(r, header)) : areas;
  // How the areas are cleared. Clearing "All" "clears everything in the range", the notes and
  // threaded comments on it too (Excel.ClearApplyTo.all): only with notes (ExcelApi 1.18), where
  // every note and thread there has been read and is carried, dropped with a warning, or stays
  // (`keep`: its cell is cleared of contents and formats only). Before, the user's notes cannot be
  // read (nor, before ExcelApi 1.10, their threads): the areas are cleared of contents and formats
  // only, so that a note stays on its cell, rather than being deleted unseen.
  const keep = (carried?.keep ?? []).flatMap((c) => parseRect(c) ?? []).filter((k) => cleared.some((r) => overlaps(r, k)));
  const clearsAll = caps.marks === "notes";
  const allOf = clearsAll ? rectsWithout(cleared, keep) : [];
  const partly = clearsAll ? keep : cleared;
  const areaBytes =
    areas.reduce((n, r) => n + opBytes(4, 4, rectAddress(r)), 0) +
    allOf.reduce((n, r) => n + opBytes(1, 1, rectAddress(r)), 0) +
    partly.reduce((n, r) => n + opBytes(1, 2, rectAddress(r)), 0) +
    formatsGone.reduce((n, f) => n + opBytes(3, 1, f.range, f.id), 0);
  packer.add(opBytes(5, 6) + opBytes(3, 7, kept?.name ?? "", kept?.plan.range ?? "") + [...converts, ...deletes].reduce((n, t) => n + opBytes(1, 1, t), 0) + areaBytes, (ctx) => {
    const wb = ctx.workbook;
    // The user's tables become plain cells, keeping their values and formats (userTables).
    for (const t of converts) wb.tables.getItem(t).convertToRange();
    for (const t of deletes) wb.tables.getItem(t).delete();
    if (exists) {
      const sheet = sheetOf(ctx, name);
      // Only the last run's cells and this run's are cleared (OwnedSheetPlan.clear): what the user
      // typed elsewhere on the sheet keeps its value and look, its merges, its conditional formats.
      // The merges there (the last run's notes under the table, over A–C) go first (Range.unmerge,
      // ExcelApi 1.2): a table grown over them would contain merged cells, which Excel refuses.
      const rangeOf = (r: Rect) => (r === WHOLE_SHEET ? sheet.getRange() : sheet.getRange(rectAddress(r)));
      for (const r of areas) rangeOf(r).unmerge();
      // The kept table takes its new size; then the areas are cleared, its header row excepted.
      if (kept && !kept.asIs) wb.tables.getItem(kept.name).resize(`${quoteSheet(name)}!${kept.plan.range}`);
      for (const r of allOf) rangeOf(r).clear("All");
      for (const r of partly) {
        const range = rangeOf(r);
        range.clear("Contents");
        range.clear("Formats");
      }
      for (const r of areas) {
        const range = rangeOf(r);
        // Clearing leaves the rows and columns their sizes: those of the last run (a row made tall
        // for a long name, a header row that has moved) take the standard ones back, as on a sheet
        // made anew, before the plan sizes its own (ExcelApi 1.7).
        range.format.useStandardHeight = true;
        range.format.useStandardWidth = true;
        if (caps.conditionalFormats) range.conditionalFormats.clearAll();
      }
      // The project's rules on cells it does not clear (a text the user typed where its line was):
      // those rules alone are deleted, the user's there stay.
      if (caps.conditionalFormats) for (const f of formatsGone) sheet.getRange(f.range).conditionalFormats.getItem(f.id).delete();
      if (caps.freezePanes && unfreezesFirst(plan, visibility)) sheet.freezePanes.unfreeze();
    } else if (present === false) {
      wb.worksheets.add(name);
    }
    // Sent twice (Replay) it does the same on a sheet that exists, unless it deletes or converts
    // tables, or deletes rules (gone the second time).
  }, { sheet: name, ...(exists && deletes.length === 0 && converts.length === 0 && formatsGone.length === 0 ? { replay: "same" as const } : {}) });
  for (const block of plan.blocks) queueBlock(packer, name, block);
  // The last run's merges went with the clear above (clearing formats unmerges).
  for (const range of plan.merges ?? []) {
    packer.add(opBytes(1, 1, range), (ctx) => sheetOf(ctx, name).getRange(range).merge(false), { sheet: name });
  }
  for (const w of plan.columnWidths ?? []) {
    packer.add(opBytes(2, 1, w.column, w.column, w.width), (ctx) => {
      sheetOf(ctx, name).getRange(`${w.column}:${w.column}`).format.columnWidth = charsToPoints(w.width);
    }, { sheet: name, replay: "same" });
  }
  // A column the user added keeps the width they gave it.
  for (const w of carried?.widths ?? []) {
    const column = columnLetter(w.column);
    packer.add(opBytes(2, 1, column, column, w.points), (ctx) => {
      sheetOf(ctx, name).getRange(`${column}:${column}`).format.columnWidth = w.points;
    }, { sheet: name, replay: "same" });
  }
  for (const h of plan.rowHeights ?? []) {
    packer.add(opBytes(2, 1, h.row, h.row, h.height), (ctx) => {
      sheetOf(ctx, name).getRange(`${h.row}:${h.row}`).format.rowHeight = h.height;
    }, { sheet: name, replay: "same" });
  }
  if (carried) queueThreadSteps(packer, name, caps, carried);
  // The notes go where they go once the threads there have left (ExcelApi 1.18: every thread moves).
  for (const n of carried?.adds ?? []) {
    packer.add(opBytes(0, 1, n.key, n.content), (ctx) => ctx.workbook.notes.add(n.key, n.content), { sheet: name });
  }
  // On an Excel without ExcelApi 1.9 the sheet keeps Excel's print defaults (capabilities() says so).
  if (caps.printLayout && plan.print) queuePrint(packer, name, plan.print);
  for (const t of plan.tables) {
    // The kept table takes the plan's name back when the user renamed it (renamedTable).
    packer.add(opBytes(2, 2, name, t.range, t.name, t.style, t === kept?.plan ? kept.name : ""), (ctx) => {
      const table = t === kept?.plan ? ctx.workbook.tables.getItem(kept.name) : sheetOf(ctx, name).tables.add(`${quoteSheet(name)}!${t.range}`, true);
      table.name = t.name;
      table.style = t.style;
    }, { sheet: name });
  }
  if (caps.conditionalFormats) {
    for (const cf of plan.conditionalFormats) {
      packer.add(opBytes(5, 2, cf.range, cf.colors) + 300 + (cf.kind === "expression" ? opBytes(4, 3, cf.formula ?? "") : 0), (ctx) => {
        const range = sheetOf(ctx, name).getRange(cf.range);
        if (cf.kind === "expression") {
          // A formula rule ("Use a formula to determine which cells to format"): the font while it is true.
          if (cf.formula === undefined) return;
          const format = range.conditionalFormats.add("Custom");
          format.custom.rule.formula = cf.formula;
          const color = cf.colors[0];
          if (color) format.custom.format.font.color = excelColor(color);
          if (cf.bold) format.custom.format.font.bold = true;
        } else if (cf.kind === "colorScale") {
          range.conditionalFormats.add("ColorScale").colorScale.criteria = colorScaleCriteria(cf.colors, cf.at);
        } else {
          const format = range.conditionalFormats.add("DataBar");
          format.dataBar.positiveFormat.fillColor = excelColor(cf.colors[0] ?? "#638EC6");
          // From the plan's numbers (0: the lowest unit's bar is not empty); Excel's automatic bounds otherwise.
          const [low, high] = cf.at ?? [];
          if (low !== undefined && Number.isFinite(low)) format.dataBar.lowerBoundRule = { type: "Number", formula: String(low) };
          if (high !== undefined && Number.isFinite(high)) format.dataBar.upperBoundRule = { type: "Number", formula: String(high) };
        }
      }, { sheet: name });
    }
  }
  if (caps.freezePanes && plan.freeze && (plan.freeze.rows > 0 || plan.freeze.columns > 0)) {
    const { rows, columns } = plan.freeze;
    packer.add(opBytes(2, 1), (ctx) => {
      const panes = sheetOf(ctx, name).freezePanes;
      if (rows > 0 && columns > 0) panes.freezeAt(sheetOf(ctx, name).getRange(rectAddress({ row: 0, col: 0, rows, cols: columns })));
      else if (rows > 0) panes.freezeRows(rows);
      else panes.freezeColumns(columns);
    }, { sheet: name, replay: "same" });
  }
}

/**
 * The threads that go with their units (CarriedNotes.threadSteps): each is added at its new cell,
 * its first comment, then each reply (Office.js sets no author: each text says who wrote it), and
 * only then deleted at its old cell, in the same operation: Excel runs a request's commands in
 * order and stops at the first that fails, so a thread Excel refuses at its new cell stays on its
 * old one, as do one that is not tried and one whose new cell keeps the thread that was to leave
 * it. Before ExcelApi 1.18 the new cell may have a note, which that Excel cannot read and refuses a
 * thread on: the thread stays, and a warning says so (CarriedNotes.left, leftThreadsMessage).
 * Threads that take each other's cells (`cycle`, two units that swap rows) go in one operation, the
 * first one deleted before the others move and added last, without a fallback: each new cell of
 * theirs has a thread of theirs, hence no note, and Excel has no reason to refuse them (nor are
 * they left untried when others are refused).
 */
function queueThreadSteps(packer: RequestPacker, name: string, caps: Capabilities, carried: CarriedNotes): void {
  const refusable = caps.marks === "comments";
  const add = (ctx: Excel.RequestContext, t: ThreadMove) => {
    const thread = ctx.workbook.comments.add(cellKey(name, t.to), t.texts[0]!, "Plain");
    for (const reply of t.texts.slice(1)) thread.replies.add(reply, "Plain");
  };
  const remove = (ctx: Excel.RequestContext, t: ThreadMove) => ctx.workbook.comments.getItemByCell(cellKey(name, t.from)).delete();
  // The comment added, its replies and each reply added (the cell, the texts and their content
  // types); the comment at its old cell deleted.
  const bytes = (t: ThreadMove) => opBytes(1 + t.texts.length, t.texts.length, cellKey(name, t.to), ...t.texts, ...t.texts.map(() => "Plain")) + opBytes(2, 1, cellKey(name, t.from));
  for (const step of carried.threadSteps) {
    if ("cycle" in step) {
      const [first, ...rest] = step.cycle;
      packer.add(step.cycle.reduce((n, t) => n + bytes(t), 0), (ctx) => {
        remove(ctx, first!);
        // The last one goes to the first one's cell, then each to the cell of the one after it.
        for (const t of [...rest].reverse()) {
          add(ctx, t);
          remove(ctx, t);
        }
        add(ctx, first!);
      }, { sheet: name });
      continue;
    }
    const t = step.move;
    const leave = (reason: LeftThread["reason"]) => carried.left.set(t.from, { ...t, reason });
    const fallback: Fallback | undefined = refusable ? { when: (e) => REFUSAL_CODES.has(errorCode(e) ?? ""), queue: (_ctx, reason) => leave(reason) } : undefined;
    packer.add(bytes(t), (ctx) => {
      // The thread on its new cell stayed there: this one stays on its own.
      if (step.after !== undefined && carried.left.has(step.after)) return leave("blocked");
      add(ctx, t);
      remove(ctx, t);
    }, { sheet: name, ...(fallback ? { fallback } : {}) });
  }
}

const PRINT_MARGINS = { side: 0.4 * 72, topBottom: 0.5 * 72, headerFooter: 0.3 * 72 };

/**
 * How the sheet prints (ExcelApi 1.9): A4, the plan's orientation, the plan's pages wide and as
 * many tall as it needs (a vertical fit of 0 leaves the height free), or at the plan's scale (a
 * sheet with page breaks before columns: Excel ignores manual breaks on a sheet fitted to pages
 * wide), the header rows (and columns) on every page, the plan's page breaks.
 */
function queuePrint(packer: RequestPacker, name: string, print: PrintPlan): void {
  const pageTexts = Object.values({ ...print.pageHeader, ...print.pageFooter }).length;
  // The texts, and the first page's number (1: each sheet with a footer numbers its own pages).
  const textBytes = pageTexts > 0 ? opBytes(2, 2 + pageTexts, print.pageHeader ?? {}, print.pageFooter ?? {}) : 0;
  // The breaks above rows and before columns: each collection cleared, then one add a break.
  const breakBytes = opBytes(1, 1) + opBytes(0, 1, "A1048576") * (print.pageBreaksBefore?.length ?? 0) + opBytes(0, 1, "XFD1") * (print.columnBreaksBefore?.length ?? 0);
  packer.add(opBytes(3, 14, print.repeatRows ?? "", print.repeatColumns ?? "", print.printArea ?? "") + breakBytes + textBytes, (ctx) => {
    const layout = sheetOf(ctx, name).pageLayout;
    layout.paperSize = "A4";
    layout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
    layout.zoom = print.fitToWidth ? { horizontalFitToPages: print.pagesWide ?? 1, verticalFitToPages: 0 } : { scale: print.scale ?? 100 };
    if (print.repeatRows) layout.setPrintTitleRows(`$${print.repeatRows.first}:$${print.repeatRows.last}`);
    if (print.repeatColumns) layout.setPrintTitleColumns(`$${print.repeatColumns.first}:$${print.repeatColumns.last}`);
    if (print.printArea) layout.setPrintArea(print.printArea);
    // The xlsx host's margins (inches) in points: narrow sides so that a wide table stays legible.
    layout.leftMargin = layout.rightMargin = PRINT_MARGINS.side;
    layout.topMargin = layout.bottomMargin = PRINT_MARGINS.topBottom;
    layout.headerMargin = layout.footerMargin = PRINT_MARGINS.headerFooter;
    // Clearing the sheet keeps its manual page breaks: the previous run's go first.
    const breaks = sheetOf(ctx, name).horizontalPageBreaks;
    breaks.removePageBreaks();
    for (const row of print.pageBreaksBefore ?? []) breaks.add(`A${row}`);
    // Before columns too (ExcelApi 1.9, as the rest of the page layout): a page starts at each column.
    const columnBreaks = sheetOf(ctx, name).verticalPageBreaks;
    columnBreaks.removePageBreaks();
    for (const column of print.columnBreaksBefore ?? []) columnBreaks.add(`${column}1`);
    // What every page shows above and below the sheet (ExcelApi 1.9, as the rest of the page layout): the same on every page.
    if (pageTexts > 0) {
      // The footer's page number counts this sheet's pages, from 1, not those printed before it.
      layout.firstPageNumber = 1;
      const texts = layout.headersFooters;
      texts.state = "Default";
      const all = texts.defaultForAllPages;
      const { pageHeader: h, pageFooter: f } = print;
      if (h?.left !== undefined) all.leftHeader = h.left;
      if (h?.center !== undefined) all.centerHeader = h.center;
      if (h?.right !== undefined) all.rightHeader = h.right;
      if (f?.left !== undefined) all.leftFooter = f.left;
      if (f?.center !== undefined) all.centerFooter = f.center;
      if (f?.right !== undefined) all.rightFooter = f.right;
    }
    // The page breaks are removed before they are added: sent twice, it does the same.
  }, { sheet: name, replay: "same" });
}

/**
 * What the user is told of a sheet the plan writes on that a password protects, left as it is:
 * nothing when all the plan had for it was its printed header (the instructions sheet's, nothing
 * of the scoring missing); that its period line was not written again when that was all besides
 * (the line goes into the top-left cell of the template's merged A2, which Excel writes as any
 * cell); else that its scores and marks were not written (passwordProtectedMessage). As the xlsx
 * host says it.
 */
function unwrittenSheetMessage(plan: WritePlan, sheet: string, kind: "score" | "mark" | "clear"): SheetMessage | undefined {
  if (onlyPageHeaderOn(plan, sheet)) return undefined;
  // A sheet the plan touches only by its links to the forms (the instructions sheet): left as it
  // is without a word, as the xlsx host leaves the links of a sheet a password protects.
  const { formLinks: _links, ...withoutLinks } = plan;
  if (!touchedSheets(withoutLinks).some((n) => n.toLowerCase() === sheet.toLowerCase())) return undefined;
  if (onlyPageHeaderOn(withoutInstructionsPeriodLines(plan), sheet)) return instructionsPeriodUnwrittenMessage(sheet);
  return passwordProtectedMessage(sheet, kind);
}

/** What a form's page header is loaded by, with its protection: whether pages differ, and the texts of every page's header. */
const HEADER_PATHS = ["state", "defaultForAllPages/leftHeader", "defaultForAllPages/centerHeader", "defaultForAllPages/rightHeader"].map((p) => `pageLayout/headersFooters/${p}`).join(",");

/** The parts of a form's page header a run sets, by their Office.js names. */
type HeaderParts = Partial<Record<"leftHeader" | "centerHeader" | "rightHeader", string>>;

/**
 * What the plan writes of a form's page header (`planned`), its header as loaded (HEADER_PATHS):
 * the parts that differ, when every page is alike ("Default") and the header is one the project
 * wrote or none (isProjectFormHeader); undefined when nothing is written. A header a person wrote,
 * or a first or even pages' own, stays.
 */
function formHeaderParts(now: Excel.HeaderFooterGroup, planned: NonNullable<SheetEditPlan["pageHeader"]>): HeaderParts | undefined {
  if (now.state !== "Default") return undefined;
  const all = now.defaultForAllPages;
  if (!isProjectFormHeader({ left: all.leftHeader, center: all.centerHeader, right: all.rightHeader }, planned.indexNames)) return undefined;
  // The words a person added after the period the project wrote there stay after the new one.
  const texts: PageTexts = rewrittenFormHeader({ left: all.leftHeader, center: all.centerHeader, right: all.rightHeader }, planned.texts);
  const parts: HeaderParts = {};
  for (const [at, part] of [["left", "leftHeader"], ["center", "centerHeader"], ["right", "rightHeader"]] as const) {
    if ((texts[at] ?? "") !== (all[part] ?? "")) parts[part] = texts[at] ?? "";
  }
  return Object.keys(parts).length > 0 ? parts : undefined;
}

/** A form's page header written (ExcelApi 1.9): the parts of every page's header that change, the footer left as it is. */
function queueFormHeader(packer: RequestPacker, name: string, parts: HeaderParts): void {
  const set = Object.entries(parts) as [keyof HeaderParts, string][];
  packer.add(opBytes(3, set.length, ...set.map(([, text]) => text)), (ctx) => {
    const all = sheetOf(ctx, name).pageLayout.headersFooters.defaultForAllPages;
    for (const [part, text] of set) all[part] = text;
  }, { sheet: name, replay: "same" });
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

/** The sheets a plan writes on, each once (Excel's sheet names ignore case). */
function touchedSheets(plan: WritePlan): string[] {
  const names = new Map<string, string>();
  for (const n of [...plan.owned.map((o) => o.name), ...plan.edits.map((e) => e.sheet), ...plan.marks.map((m) => m.sheet), ...plan.clearMarks.map((m) => m.sheet), ...formLinksOf(plan).map((l) => l.sheet)]) {
    if (!names.has(n.toLowerCase())) names.set(n.toLowerCase(), n);
  }
  return [...names.values()];
}

/** What the user is told when the workbook's structure is protected and the write needs to change it. */
export function structureProtectedMessage(kind: "score" | "mark" | "clear" = "score"): Message {
  const again = { score: { vi: "chấm điểm lại", en: "score again" }, mark: { vi: "đánh dấu lại", en: "mark the issues again" }, clear: { vi: "xóa đánh dấu lại", en: "clear the marks again" } }[kind];
  return {
    vi: `Sổ làm việc đang được bảo vệ cấu trúc (Xem lại > Bảo vệ sổ làm việc), nên không thể thêm, xóa, ẩn hay sắp xếp lại các trang của DTI Scorer. Chưa có gì được ghi; hãy bỏ bảo vệ sổ làm việc rồi ${again.vi}.`,
    en: `The workbook's structure is protected (Review > Protect Workbook), so DTI Scorer's sheets cannot be added, deleted, hidden or moved. Nothing was written; unprotect the workbook and ${again.en}.`,
  };
}

/** "mark issues" and "clear marks" write nothing but marks and `_index`; anything else is scoring. */
function planKind(plan: WritePlan): "score" | "mark" | "clear" {
  const marksOnly = plan.edits.length === 0 && plan.owned.every((o) => o.name === INDEX_SHEET);
  return !marksOnly ? "score" : plan.marks.length > 0 ? "mark" : "clear";
}

/** The sheets now, as the first request found them: names in order and how each is shown. */
interface SheetsNow {
  names: string[];
  visibility: Map<string, string>;
}

/** The sheets the plan removes that exist and that it does not write again. */
function sheetsToRemove(plan: WritePlan, lower: Map<string, string>): string[] {
  return (plan.removeSheets ?? []).filter((n) => lower.has(n.toLowerCase()) && !plan.owned.some((o) => o.name.toLowerCase() === n.toLowerCase()));
}

/**
 * What the plan does to the workbook's structure: the order the sheets end up in (null when it
 * stays as it is) and the owned sheets it places (those it adds, by their `after`), the owned
 * sheets whose visibility changes, whether it adds sheets and which it removes. An owned sheet
 * that exists keeps its place and visibility, as the user arranged the sheets; only a very hidden
 * one (`_index`) is hidden again when the user showed it.
 */
function structureChanges(
  plan: WritePlan,
  now: SheetsNow,
  lower: Map<string, string>,
): { order: Map<string, number> | null; placed: Set<string>; visibility: OwnedSheetPlan[]; adds: boolean; removes: string[] } {
  const removes = sheetsToRemove(plan, lower);
  const added = plan.owned.filter((o) => !lower.has(o.name.toLowerCase()));
  const names = [...now.names.filter((n) => !removes.includes(n)), ...added.map((o) => o.name)];
  const placed = added.filter((o) => o.after !== undefined);
  const positions = finalPositions(names, placed);
  const same = placed.every((o) => positions.get(o.name) === names.indexOf(o.name));
  const visibility = plan.owned.filter((o) => {
    const existing = lower.get(o.name.toLowerCase());
    if (existing !== undefined && o.visibility !== "veryHidden") return false;
    const current = existing === undefined ? "Visible" : now.visibility.get(existing);
    return current !== VISIBILITY[o.visibility];
  });
  return { order: same ? null : positions, placed: new Set(placed.map((o) => o.name)), visibility, adds: added.length > 0, removes };
}

/**
 * What the user is told when sheets the plan writes on (`sheets`; none known: a sheet) are no
 * longer in the workbook: deleted or renamed by the user while the run went on, after it read the
 * workbook. Found before the writes (`when` "before": nothing was written), or by Excel refusing a
 * write on it (ItemNotFound, "during": what went before it was written, `_index` and its stamp are
 * as the last run left them, since they are written last). `kind`: what the run was doing.
 */
export function sheetsGoneMessage(sheets: readonly string[], kind: "score" | "mark" | "clear", when: "before" | "during"): Message {
  const again = { score: { vi: "chấm điểm lại", en: "score again" }, mark: { vi: "đánh dấu lại", en: "mark the issues again" }, clear: { vi: "xóa đánh dấu lại", en: "clear the marks again" } }[kind];
  const quoted = sheets.map((n) => `'${n}'`);
  const vi = sheets.length === 0 ? "Một trang tính mà DTI Scorer cần ghi" : `${sheets.length === 1 ? "Trang" : "Các trang"} ${quoted.join(", ")}`;
  const en = sheets.length === 0 ? "A sheet DTI Scorer was to write on" : `The ${sheets.length === 1 ? "sheet" : "sheets"} ${quoted.join(", ")}`;
  const was = sheets.length > 1 ? "were" : "was";
  return when === "before"
    ? {
        vi: `${vi} đã bị xóa hoặc đổi tên trong lúc DTI Scorer đang làm việc (sau khi đọc sổ làm việc), nên chưa có gì được ghi. Hãy ${again.vi} để đọc lại sổ làm việc như hiện nay.`,
        en: `${en} ${was} deleted or renamed while DTI Scorer was working (after it read the workbook), so nothing was written. ${again.en[0]!.toUpperCase()}${again.en.slice(1)} to read the workbook as it is now.`,
      }
    : {
        vi: `${vi} đã bị xóa hoặc đổi tên trong lúc DTI Scorer đang ghi, nên việc ghi dừng giữa chừng: một phần có thể đã được ghi, còn dấu thời gian chấm điểm vẫn là của lần trước. Hãy ${again.vi}.`,
        en: `${en} ${was} deleted or renamed while DTI Scorer was writing, so the write stopped part-way: some of it may have been written, and the scoring stamp is still the last run's. ${again.en[0]!.toUpperCase()}${again.en.slice(1)}.`,
      };
}

/**
 * Executes a plan; a write Excel refuses because a sheet it goes through is no longer there
 * (ItemNotFound: deleted or renamed by the user while the run went on) fails with a sentence that
 * names the sheets gone (sheetsGoneMessage), looked up in one more request, not Excel's own text.
 */
export async function applyPlan(ctx: Excel.RequestContext, planned: WritePlan, caps: Capabilities): Promise<ApplyStats> {
  // Without Range.hyperlink (ExcelApi 1.7) the instructions sheet's links stay as they are.
  const { formLinks, ...withoutLinks } = planned;
  const writtenPlan: WritePlan = caps.formLinks && formLinks !== undefined ? { ...withoutLinks, formLinks } : withoutLinks;
  const seen: SeenSheets = {};
  try {
    return await writePlan(ctx, writtenPlan, caps, seen);
  } catch (e) {
    if (errorCode(e) !== "ItemNotFound") throw e;
    forgetAll(ctx);
    let gone: string[] = [];
    try {
      const list = ctx.workbook.worksheets.load("items/name");
      await ctx.sync();
      const there = new Set(list.items.map((w) => w.name.toLowerCase()));
      gone = touchedSheets(writtenPlan).filter((n) => seen.names?.has(n.toLowerCase()) && !there.has(n.toLowerCase()));
    } catch {
      // The sheets cannot be told: the sentence names none.
    }
    forgetAll(ctx);
    throw new ExcelHostError("sheet-missing", sheetsGoneMessage(gone, planKind(writtenPlan), "during"), "error", { cause: e });
  }
}

/** The sheets (lower case) in the workbook when the write looked them up, filled in as it goes. */
interface SeenSheets {
  names?: Set<string>;
}

async function writePlan(ctx: Excel.RequestContext, writtenPlan: WritePlan, caps: Capabilities, seen: SeenSheets): Promise<ApplyStats> {
  const wb = ctx.workbook;
  let requests = 0;
  /** Sends a packer's requests, counting them (and the one that failed); what failed, with the context forgotten. */
  const flushCounted = async (packer: RequestPacker): Promise<{ error: unknown } | undefined> => {
    try {
      await packer.flush(ctx);
      requests += packer.requests;
      return undefined;
    } catch (error) {
      requests += packer.requests + 1;
      forgetAll(ctx);
      return { error };
    }
  };

  // Request 1: the sheets and tables that exist, the protection of the workbook's structure and of
  // the sheets the plan touches, the cell of the instructions' period line it writes again, and,
  // when the plan sets or clears marks or is a run (it writes `_index`: marks copied with a form,
  // or on a form renamed, are found by their notes), the first page of the workbook's notes (or
  // comments) with their text.
  const hasMarks = writtenPlan.marks.length > 0 || writtenPlan.clearMarks.length > 0 || writtenPlan.owned.some((o) => o.name === INDEX_SHEET);
  const scans = hasMarks ? markScans(caps.marks) : { texts: null, comments: null };
  const scanList = [scans.texts, scans.comments].filter((s): s is ItemScan => s !== null);
  const renamedFrom = new Map((writtenPlan.renameSheets ?? []).map((r) => [r.to.toLowerCase(), r.from]));
  // The forms whose page header the plan writes again (ExcelApi 1.9, as the rest of the page
  // layout): their header as it is, to tell the project's from one a person wrote.
  const headerPlans = new Map(caps.printLayout ? writtenPlan.edits.flatMap((e) => (e.pageHeader ? [[e.sheet.toLowerCase(), e.pageHeader] as const] : [])) : []);
  // The instructions sheet's period line (A2) the plan writes again: the cell as it is now (its
  // formula, or its value when it holds none), so that the line goes only over the project's line,
  // plain text that reads as it, as in the xlsx host; a formula a person put there stays.
  const periodLines = writtenPlan.edits.flatMap((e) => e.blocks.filter(isInstructionsPeriodBlock).map((b) => ({ sheet: e.sheet, address: b.address })));
  // The instructions sheet's links to the forms (plan.formLinks): each cell's link as it is now, so
  // that only the project's link to a sheet no longer there is pointed at the form's sheet, its
  // text kept, as in the xlsx host; a link a person changed stays.
  const formLinks = formLinksOf(writtenPlan);
  const lookUp = async (readPeriodLines: boolean) => {
    // A sheet the plan renames is looked up under the name it has now.
    const protections = touchedSheets(writtenPlan).map((name) => ({
      name,
      ws: wb.worksheets.getItemOrNullObject(renamedFrom.get(name.toLowerCase()) ?? name).load(headerPlans.has(name.toLowerCase()) ? `protection/protected,protection/options,${HEADER_PATHS}` : "protection/protected,protection/options"),
    }));
    const found = {
      sheetList: wb.worksheets.load("items/name,items/visibility"),
      tableList: wb.tables.load("items/name,items/worksheet/name"),
      structure: wb.protection.load("protected"),
      protections,
      periodCells: (readPeriodLines ? periodLines : []).map((l) => ({
        ...l,
        range: protections.find((p) => p.name.toLowerCase() === l.sheet.toLowerCase())!.ws.getRange(l.address).load("formulas"),
      })),
      linkCells: (readPeriodLines ? formLinks : []).map((l) => ({
        ...l,
        range: protections.find((p) => p.name.toLowerCase() === l.sheet.toLowerCase())!.ws.getRange(l.cell).load("hyperlink"),
      })),
    };
    for (const s of scanList) s.queueFirst(ctx);
    await ctx.sync();
    return found;
  };
  let found: Awaited<ReturnType<typeof lookUp>>;
  // (The period lines and the links, cells of the instructions sheet.)
  let readPeriodLines = periodLines.length > 0 || formLinks.length > 0;
  for (;;) {
    try {
      found = await lookUp(readPeriodLines);
      requests++;
      break;
    } catch (e) {
      requests++;
      forgetAll(ctx);
      // A first page of notes too large for one response: a smaller one, and the request again.
      if (tooLarge(e) && scanList.map((s) => s.shrink()).some(Boolean)) continue;
      // The instructions sheet gone since the read (deleted or renamed meanwhile): its period line
      // and links cannot be looked up (a range of a null object). The request again without it, which finds
      // the sheet gone and says so, nothing written.
      if (readPeriodLines && errorCode(e) === "ItemNotFound") {
        readPeriodLines = false;
        continue;
      }
      throw e;
    }
  }
  const { sheetList, tableList, structure, protections, periodCells, linkCells } = found;
  // The period lines to leave as they are: those whose cell holds a formula, or no longer reads as
  // the project's line, and those that could not be looked up. Nothing is said of them, as in the xlsx host.
  const periodLinesWritten = new Set(periodCells.flatMap((c) => {
    const now = c.range.formulas[0]?.[0];
    return typeof now === "string" && isInstructionsPeriodLine(now) ? [periodLineKey(c.sheet, c.address)] : [];
  }));
  for (const s of scanList) s.received(splitAddress);
  // The owned sheets of the last run under the other language's names, still there, whose new name is free.
  const names0 = new Set(sheetList.items.map((s) => s.name.toLowerCase()));
  // A sheet whose cells the plan writes (a unit's form) that is gone since the workbook was read
  // (deleted or renamed meanwhile): the plan is of a workbook that is no more, and nothing is written.
  const gone = [...new Map(writtenPlan.edits.map((e) => [e.sheet.toLowerCase(), e.sheet])).values()].filter((n) => !names0.has(n.toLowerCase()));
  if (gone.length > 0) {
    forgetAll(ctx);
    throw new ExcelHostError("sheet-missing", sheetsGoneMessage(gone, planKind(writtenPlan), "before"));
  }
  const renames = (writtenPlan.renameSheets ?? []).filter((r) => names0.has(r.from.toLowerCase()) && !names0.has(r.to.toLowerCase()));
  const renamedTo = (name: string) => renames.find((r) => r.from.toLowerCase() === name.toLowerCase())?.to ?? name;
  const now: SheetsNow = {
    names: sheetList.items.map((s) => renamedTo(s.name)),
    visibility: new Map(sheetList.items.map((s) => [renamedTo(s.name), s.visibility])),
  };
  const lower = new Map(now.names.map((n) => [n.toLowerCase(), n]));
  seen.names = new Set([...names0, ...lower.keys()]);
  const linksPointed = pointedFormLinks(linkCells, now.names);
  // Table name (lower case) → the table and the sheet it is on: a table on a sheet the plan deletes goes with it.
  const existingTables = new Map<string, ExistingTable>(tableList.items.map((t) => [t.name.toLowerCase(), { name: t.name, sheet: renamedTo(t.worksheet.name).toLowerCase() }]));
  const isProtected = new Map<string, Excel.WorksheetProtectionOptions>();
  for (const p of protections) if (!p.ws.isNullObject && p.ws.protection.protected) isProtected.set(p.name, p.ws.protection.options);
  const formHeaders = new Map(
    protections.flatMap((p) => {
      const planned = headerPlans.get(p.name.toLowerCase());
      const parts = planned && !p.ws.isNullObject ? formHeaderParts(p.ws.pageLayout.headersFooters, planned) : undefined;
      return parts ? [[p.name.toLowerCase(), parts] as const] : [];
    }),
  );
  forgetAll(ctx);
  // With the structure protected, Excel refuses adding, deleting, renaming, hiding or moving a sheet: said before anything is written.
  const changes = structureChanges(writtenPlan, now, lower);
  if (structure.protected && (renames.length > 0 || changes.adds || changes.removes.length > 0 || changes.order !== null || changes.visibility.length > 0)) {
    throw new ExcelHostError("workbook-structure-protected", structureProtectedMessage(planKind(writtenPlan)));
  }
  // Sheets made for the other language are renamed, not made anew: Excel rewrites the formulas
  // that read them, and the sheet keeps its place, its table and its charts. A request of its own,
  // only on the run that switches language, so that every later request finds them by their new names.
  // Then the rows the plan inserts on the results sheet (its table grown over what the user typed
  // below it): whole rows, as a person inserts them, so that Excel moves those cells down with their
  // formats, notes, merged areas, and the formulas, names and rules that refer to them. In the same
  // request, which a run only makes when it renames or inserts.
  const inserts = (writtenPlan.insertRows ?? []).filter((i) => lower.has(i.sheet.toLowerCase()));
  if (renames.length > 0 || inserts.length > 0) {
    const packer = new RequestPacker();
    for (const r of renames) packer.add(opBytes(1, 1, r.from, r.to), (c) => { c.workbook.worksheets.getItem(r.from).name = r.to; });
    for (const i of inserts) {
      const rows = `${i.before}:${i.before + i.count - 1}`;
      // A sheet protected without a password (unprotected for the writes anyway) is unprotected
      // around the insert, as Excel refuses inserting rows on it, and protected again as it was.
      const options = [...isProtected].find(([n]) => n.toLowerCase() === i.sheet.toLowerCase())?.[1];
      packer.add(opBytes(options ? 4 : 2, options ? 3 : 1, i.sheet, rows, "Down", options ?? null), (c) => {
        const ws = c.workbook.worksheets.getItem(i.sheet);
        if (options) ws.protection.unprotect();
        ws.getRange(rows).insert("Down");
        if (options) ws.protection.protect(options);
      });
    }
    const failed = await flushCounted(packer);
    if (failed) throw failed.error;
  }

  // Then, packed into requests under the budgets: the charts of owned sheets that exist, the fill
  // of each cell about to be marked (the snapshot does not carry fills: `_index` records it so that
  // clearing the mark gives the cell its own fill, the form's input shading, back), where each note
  // or comment is, and the next pages of them. Marks on sheets that are gone are left out here and
  // in the writes.
  // The charts of each owned sheet that has the plan's: each of the plan's is found among them by
  // its name, or as the project's chart the user renamed (matchCharts), and updated where it is.
  const chartLookups: { sheet: string; plans: ChartPlan[]; charts?: Excel.ChartCollection }[] = [];
  if (caps.charts) {
    for (const o of writtenPlan.owned) {
      if (!lower.has(o.name.toLowerCase()) || o.charts.length === 0) continue;
      chartLookups.push({ sheet: o.name, plans: o.charts });
    }
  }
  // Where the tables on the owned sheets written again are now: a table whose header row is where
  // the plan puts its own is kept (tableKept), under the plan's name or one the user gave it (renamedTable).
  const tableLookups: { key: string; name: string; range?: Excel.Range }[] = [];
  for (const o of writtenPlan.owned) {
    if (o.tables.length === 0 || !lower.has(o.name.toLowerCase())) continue;
    for (const [key, found] of existingTables) if (found.sheet === o.name.toLowerCase()) tableLookups.push({ key, name: found.name });
  }
  // And where an earlier copy of the plan's table is, on a sheet the run does not write (tableCopies): its warning names its cells.
  // (A table on a sheet the plan removes goes with it.)
  const ownedNames = new Set([...writtenPlan.owned.map((o) => o.name), ...sheetsToRemove(writtenPlan, lower)].map((n) => n.toLowerCase()));
  for (const o of writtenPlan.owned) for (const t of tableCopies(o, existingTables, ownedNames)) tableLookups.push({ key: t.name.toLowerCase(), name: t.name });
  // The widths of the columns the user added to a table written again, which stay theirs.
  const widthLookups: { sheet: string; from: number; to: number; format?: Excel.RangeFormat }[] = [];
  for (const o of writtenPlan.owned) {
    if (!lower.has(o.name.toLowerCase())) continue;
    for (const c of o.moves?.columns ?? []) if (c.added && c.to !== undefined) widthLookups.push({ sheet: o.name, from: c.from, to: c.to });
  }
  // The rules on the cells where the plan removes the project's own (OwnedSheetPlan.removeFormats).
  const formatLookups: { sheet: string; range: string; formula: string; formats?: Excel.ConditionalFormatCollection }[] = [];
  if (caps.conditionalFormats) {
    for (const o of writtenPlan.owned) if (lower.has(o.name.toLowerCase())) for (const r of o.removeFormats ?? []) formatLookups.push({ sheet: o.name, ...r });
  }
  const fills = new Map<string, { sheet: string; cell: string; fill?: Excel.RangeFill }>();
  for (const m of writtenPlan.marks) if (lower.has(m.sheet.toLowerCase())) fills.set(cellKey(m.sheet, m.cell), { sheet: m.sheet, cell: m.cell });
  // The fills of the cells `_index` records as marked too: a mark made by its fill alone on an Excel
  // without notes (Excel refused its comment: the cell has a note, which that Excel cannot read; or
  // it was not tried) carries no comment to be found by, and is known by its fill (MarkLookup.byFill);
  // and clearing a mark gives the cell its fill back only where the mark's still shows (queueClear).
  for (const m of writtenPlan.clearMarks) {
    const key = cellKey(m.sheet, m.cell);
    if (lower.has(m.sheet.toLowerCase()) && !fills.has(key)) fills.set(key, { sheet: m.sheet, cell: m.cell.replace(/\$/g, "").toUpperCase() });
  }
  let first = true;
  while (first || scanList.some((s) => !s.done)) {
    const packer = new RequestPacker();
    if (first) {
      for (const l of chartLookups) {
        packer.add(opBytes(2, 1, CHART_PATHS), (c) => {
          l.charts = sheetOf(c, l.sheet).charts.load(CHART_PATHS);
        }, { sheet: l.sheet, response: CHART_RESPONSE * (l.plans.length + CHARTS_OF_THE_USER) });
      }
      for (const l of tableLookups) {
        packer.add(opBytes(3, 1, l.name), (c) => {
          l.range = c.workbook.tables.getItem(l.name).getRange().load("rowIndex,columnIndex,rowCount,columnCount");
        }, { response: 120 });
      }
      for (const w of widthLookups) {
        const column = columnLetter(w.from);
        packer.add(opBytes(3, 1, column, column), (c) => {
          w.format = sheetOf(c, w.sheet).getRange(`${column}:${column}`).format.load("columnWidth,useStandardWidth");
        }, { sheet: w.sheet, response: 120 });
      }
      for (const l of formatLookups) {
        packer.add(opBytes(3, 1, l.range, FORMAT_PATHS), (c) => {
          l.formats = sheetOf(c, l.sheet).getRange(l.range).conditionalFormats.load(FORMAT_PATHS);
        }, { sheet: l.sheet, response: FORMAT_RESPONSE });
      }
      for (const f of fills.values()) {
        packer.add(opBytes(3, 1, f.cell), (c) => {
          f.fill = sheetOf(c, f.sheet).getRange(f.cell).format.fill.load("color");
        }, { sheet: f.sheet, response: 80 });
      }
    }
    for (const s of scanList) s.queueStep(packer);
    const failed = await flushCounted(packer);
    if (failed) {
      // A page of notes too large for one response: smaller pages, and the step again.
      if (tooLarge(failed.error) && scanList.map((s) => s.shrink()).some(Boolean)) continue;
      throw failed.error;
    }
    for (const s of scanList) s.received(splitAddress);
    forgetAll(ctx);
    first = false;
  }
  for (const l of tableLookups) {
    const t = existingTables.get(l.key);
    if (t && l.range) t.rect = { row: l.range.rowIndex, col: l.range.columnIndex, rows: l.range.rowCount, cols: l.range.columnCount };
  }
  const formatsGone = new Map<string, FormatGone[]>();
  for (const l of formatLookups) {
    const key = l.sheet.toLowerCase();
    formatsGone.set(key, [...(formatsGone.get(key) ?? []), ...formatsToDelete(l.range, l.formula, l.formats?.items ?? [])]);
  }
  const existingCharts = new Map<string, ExistingChart>();
  for (const l of chartLookups) {
    const items = l.charts?.items ?? [];
    const found = items.map((c): FoundChart => ({ name: c.name, kind: kindOfChartType(c.chartType), title: c.title.text, series: c.series.items.map((x) => x.name) }));
    for (const [name, i] of matchCharts(l.plans, found)) {
      const c = items[i]!;
      existingCharts.set(`${l.sheet}\u0000${name}`, { name: c.name, seriesCount: c.series.items.length, title: c.title.text });
    }
  }
  const { texts, commented, noted, threads } = markLookup(caps.marks, scans);
  // The notes and threaded comments on the owned sheets' tables written again go with their units
  // and columns; the widths of the columns the user added stay. On the cells such a sheet clears
  // outside a table (the charts' data, whose sheet has none) they are dropped, and named in a
  // warning, as the xlsx host does. What cannot be read (notes before ExcelApi 1.18, threads before
  // 1.10) is not carried: it stays on its cell.
  const carried = new Map<string, CarriedNotes>();
  for (const o of writtenPlan.owned) {
    if (!o.clear || !lower.has(o.name.toLowerCase())) continue;
    const notes = carriedNotes(o, noted, threads, renamedFrom.get(o.name.toLowerCase()));
    const widths = widthLookups.flatMap((w) => (w.sheet === o.name && w.format && w.format.useStandardWidth === false ? [{ column: w.to, points: w.format.columnWidth }] : []));
    carried.set(o.name.toLowerCase(), { ...notes, widths, left: new Map() });
  }
  // The marks of the last run are cleared where they are now: rows the user inserted move them.
  const fillNow = new Map([...fills].map(([key, f]) => [key, f.fill?.color]));
  const { byFill, likely } = caps.marks !== "fill" ? noteHolders(writtenPlan, texts, commented, fillNow, noted) : { byFill: undefined, likely: undefined };
  const lookup: MarkLookup = { texts, commented, fills: fillNow, fillOnly: [], refused: { cells: [], untried: [] }, ...(byFill ? { byFill } : {}), ...(caps.marks === "comments" && likely ? { likely } : {}) };
  const relocated = caps.marks === "fill" ? writtenPlan : relocateMarks(writtenPlan, noted);
  // Excel reports a cell without a fill as white.
  const fullPlan = withFillsOfMarkedCells(relocated, (sheet, cell) => {
    const color = fillNow.get(cellKey(sheet, cell));
    return color === undefined || /^#?FFFFFF$/i.test(color) ? undefined : `FF${color.replace(/^#/, "").toUpperCase()}`;
  });
  // Marks found on sheets the plan did not name (a form copied or renamed): their protection too,
  // in one more packed request, only when there are such sheets.
  const named = new Set(touchedSheets(writtenPlan).map((n) => n.toLowerCase()));
  const more = touchedSheets(fullPlan).filter((n) => !named.has(n.toLowerCase()) && lower.has(n.toLowerCase()));
  if (more.length > 0) {
    const packer = new RequestPacker();
    const loaded = more.map((name) => ({ name, ws: undefined as Excel.Worksheet | undefined }));
    for (const l of loaded) {
      packer.add(opBytes(1, 1, l.name), (c) => {
        l.ws = c.workbook.worksheets.getItem(l.name).load("protection/protected,protection/options");
      }, { response: 600 });
    }
    const failed = await flushCounted(packer);
    if (failed) throw failed.error;
    for (const l of loaded) if (l.ws?.protection.protected) isProtected.set(l.name, l.ws.protection.options);
    forgetAll(ctx);
  }

  // The writes; a sheet that a password protects is found when its unprotect() fails in the first
  // write request, before anything is written, then left out.
  const skipped: string[] = [];
  let maxRequestBytes = 0;
  let marksWritten = 0;
  for (;;) {
    const plan = withoutSheets(fullPlan, new Set(skipped.map((n) => n.toLowerCase())));
    const guarded = new Map([...isProtected].filter(([n]) => !skipped.includes(n)));
    const attempt: WriteAttempt = { requests: 0, maxRequestBytes: 0, guarded: [], marks: 0 };
    lookup.fillOnly = [];
    lookup.refused = { cells: [], untried: [] };
    try {
      const links = linksPointed.filter((l) => !skipped.some((n) => n.toLowerCase() === l.sheet.toLowerCase()));
      requests += await queueAndSend(ctx, plan, caps, { now, lower, existingTables, existingCharts, lookup, carried, formHeaders, periodLinesWritten, links, formatsGone }, guarded, attempt);
      maxRequestBytes = Math.max(maxRequestBytes, attempt.maxRequestBytes);
      marksWritten = attempt.marks;
      break;
    } catch (e) {
      requests += attempt.requests + 1;
      maxRequestBytes = Math.max(maxRequestBytes, attempt.maxRequestBytes);
      forgetAll(ctx);
      // A request refused whole changed nothing: every sheet is as it was, protected or not. An
      // error without Excel's code was thrown before the request was sent.
      const opened = attempt.guarded;
      if (!opened.length || refusedWhole(e) || errorCode(e) === undefined) throw e;
      // Which sheets of the failed request are still protected? Its unprotects run first and in
      // order, then, in the first request, the check that each is unprotected (protectionGuard).
      let states: { protected: boolean }[];
      try {
        // A sheet gone meanwhile (deleted or renamed by the user) is looked up without failing the look-up.
        const sheetsNow = opened.map((n) => wb.worksheets.getItemOrNullObject(n).load("protection/protected"));
        await ctx.sync();
        requests++;
        const gone = sheetsNow.map((ws) => ws.isNullObject);
        states = sheetsNow.map((ws, i) => ({ protected: !gone[i] && ws.protection.protected }));
        if (gone.some(Boolean)) {
          // The failure is the sheet gone (ItemNotFound), not a password: the sheets the request
          // unprotected are protected again, and the failure stands (applyPlan names the sheet).
          forgetAll(ctx);
          opened.forEach((n, i) => {
            if (!gone[i] && !states[i]!.protected) wb.worksheets.getItem(n).protection.protect(isProtected.get(n)!);
          });
          await ctx.sync().catch(() => undefined);
          requests++;
          forgetAll(ctx);
          throw e;
        }
      } catch (failure) {
        if (failure !== e) requests++;
        forgetAll(ctx);
        throw e;
      }
      const locked = attempt.requests === 0 ? lockedSheets(opened, states.map((st) => st.protected)) : [];
      if (locked.length > 0) {
        // The first write request failed before writing anything, at a sheet that a password
        // protects. The sheets it unprotected are protected again at once, and the writes start
        // over without the locked ones; when one is of the project's own sheets, the run stops there instead.
        const unprotected = opened.filter((_, i) => !states[i]!.protected);
        if (unprotected.length > 0) {
          for (const n of unprotected) wb.worksheets.getItem(n).protection.protect(isProtected.get(n)!);
          await ctx.sync();
          requests++;
          forgetAll(ctx);
        }
        const owned = locked.find((n) => fullPlan.owned.some((o) => o.name.toLowerCase() === n.toLowerCase()));
        if (owned !== undefined) throw new ExcelHostError("owned-sheet-protected", protectedOwnedSheetMessage(owned, planKind(fullPlan)));
        skipped.push(...locked);
        continue;
      }
      // Something else failed: calculate what the requests before it wrote (calculation was
      // suspended in them), protect again what the failed request unprotected, then report the failure.
      if (caps.suspendCalculation && attempt.requests > 0) wb.application.calculate("Recalculate");
      opened.forEach((n, i) => {
        if (!states[i]!.protected) wb.worksheets.getItem(n).protection.protect(isProtected.get(n)!);
      });
      await ctx.sync().catch(() => undefined);
      requests++;
      forgetAll(ctx);
      throw e;
    }
  }
  const kind = planKind(fullPlan);
  const warnings = [...planWarnings(writtenPlan), ...skipped.flatMap((n) => unwrittenSheetMessage(fullPlan, n, kind) ?? [])];
  for (const o of fullPlan.owned) {
    for (const t of tablesMadeAnew(o, lower.has(o.name.toLowerCase()), caps, existingTables)) warnings.push(tableMadeAnewMessage(o.name, t));
    warnings.push(...otherTablesMessages(o, lower.has(o.name.toLowerCase()), caps, existingTables));
    for (const t of tableCopies(o, existingTables, ownedNames)) warnings.push(tableCopyConvertedMessage(lower.get(t.sheet) ?? t.sheet, t.name, o.name, t.rect));
  }
  for (const o of fullPlan.owned) {
    const c = carried.get(o.name.toLowerCase());
    if (c && c.dropped.length > 0) warnings.push(droppedNotesMessage(o.name, c.dropped));
    if (c && c.droppedThreads.length > 0) warnings.push(droppedThreadsMessage(o.name, c.droppedThreads));
    if (c && c.left.size > 0) warnings.push(leftThreadsMessage(o.name, [...c.left.values()]));
  }
  if (lookup.fillOnly.length) warnings.push(fillOnlyMessage(lookup.fillOnly));
  if (lookup.refused && (lookup.refused.cells.length || lookup.refused.untried.length || lookup.refused.unsaid?.length || lookup.refused.noted?.length)) warnings.push(commentRefusedMessage(lookup.refused));
  // Before ExcelApi 1.10 a mark is a fill alone: the write says so (the pane would say "fill and note").
  if (caps.marks === "fill" && marksWritten > 0) warnings.push(marksAsFillsMessage(marksWritten));
  return { requests, maxRequestBytes, skippedSheets: skipped, warnings };
}


/**
 * The cells `_index` records as marked that carry no note or comment now (none that can be read:
 * with comments, on an Excel without notes, a note cannot). With comments, each is likely to hold a
 * note (MarkLookup.likely): the last run marked it by a note (on an Excel with notes), or by its
 * fill alone because Excel refused the comment there. Those that still show a mark's fill
 * (MarkLookup.byFill) are taken for marks made by the fill alone (with comments, because of such a
 * note or untried; the user may also have deleted the mark's note or comment): `noted` gets them
 * as cells with a note of the user's, so that the marks of the last run are found there
 * (relocateMarks) and cleared, their recorded fills given back.
 */
function noteHolders(plan: WritePlan, texts: MarkLookup["texts"], commented: Set<string>, fillNow: Map<string, string | undefined>, noted: NotedCell[]): { byFill: Set<string>; likely: Set<string> } {
  const byFill = new Set<string>();
  const likely = new Set<string>();
  for (const m of plan.clearMarks) {
    const key = cellKey(m.sheet, m.cell);
    if (texts.has(key) || commented.has(key) || likely.has(key)) continue;
    likely.add(key);
    const fill = fillNow.get(key);
    // Excel reports a fill as "#FFC7CE".
    if (fill === undefined || !isMarkFill(`FF${fill.replace(/^#/, "")}`)) continue;
    byFill.add(key);
    noted.push({ sheet: m.sheet, cell: m.cell.replace(/\$/g, "").toUpperCase(), ours: false });
  }
  return { byFill, likely };
}

/**
 * The sheets a password protects, from which of the first write request's sheets (in the order it
 * unprotected them) are still protected after it failed. Excel runs a request's commands in order
 * and stops at the first that fails: a sheet still protected whose unprotect ran is one a password
 * protects. The first still protected is one (its unprotect or its check is where the request
 * stopped), and so is each still protected before a sheet that was unprotected (its unprotect ran
 * and did nothing). Those after the last sheet unprotected may not have been tried: a later
 * attempt finds out.
 */
export function lockedSheets(opened: string[], stillProtected: boolean[]): string[] {
  const first = stillProtected.indexOf(true);
  if (first < 0) return [];
  const lastOpen = stillProtected.lastIndexOf(false);
  return opened.filter((_, i) => stillProtected[i] && (i === first || i < lastOpen));
}

/** What one attempt at the writes did, filled in as it goes (also when it fails). */
interface WriteAttempt {
  /** Requests sent and answered. */
  requests: number;
  maxRequestBytes: number;
  /** The protected sheets the last request sent or attempted unprotected at its start, in order. */
  guarded: string[];
  /** The issue marks queued. */
  marks: number;
}

interface Existing {
  now: SheetsNow;
  lower: Map<string, string>;
  existingTables: Map<string, ExistingTable>;
  existingCharts: Map<string, ExistingChart>;
  /** The notes or comments of the workbook by cell, as looked up before the writes. */
  lookup: MarkLookup;
  /** By owned sheet (lower case): the user's notes and widths that go with its table. */
  carried: Map<string, CarriedNotes>;
  /** The forms (lower case) whose page header the plan writes again (the project's or none now), with the parts that change (formHeaderParts). */
  formHeaders: Map<string, HeaderParts>;
  /** The instructions' period lines (periodLineKey) whose cell holds the project's line: the others the plan has are left as they are. */
  periodLinesWritten: Set<string>;
  /** The instructions sheet's links to point at the forms' sheets (pointedFormLinks), on the sheets written. */
  links: PointedLink[];
  /** By owned sheet (lower case): the project's rules to delete (OwnedSheetPlan.removeFormats), as found by the lookups: on a cell of `range`, by id. */
  formatsGone: Map<string, FormatGone[]>;
}

/** A link of the instructions sheet to set: its sheet and cell, and the link. */
interface PointedLink {
  sheet: string;
  cell: string;
  link: Excel.RangeHyperlink;
}

/**
 * The plan's links to the forms (its FormLink cells, with their links as looked up) that are to
 * point at the sheet their form is on now: the project's link (a place in the workbook, no web
 * page or file) to a sheet the workbook no longer has, or to another unit's form (isStaleFormLink;
 * `sheets`, the workbook's sheets now). Each is set anew to the form's sheet (formLinkTo), with the
 * text it shows and its screen tip as they are. A cell without a link, or with a link a person
 * changed, is left out.
 */
export function pointedFormLinks(cells: readonly { sheet: string; cell: string; form: string; range: { hyperlink: Excel.RangeHyperlink | null } }[], sheets: readonly string[]): PointedLink[] {
  const forms = cells.map((c) => c.form);
  return cells.flatMap((c) => {
    const now = c.range.hyperlink as Excel.RangeHyperlink | null | undefined;
    if (now === null || typeof now !== "object" || now.address || typeof now.documentReference !== "string") return [];
    if (!isStaleFormLink(now.documentReference, c.form, sheets, forms)) return [];
    const link: Excel.RangeHyperlink = {
      documentReference: formLinkTo(c.form),
      ...(typeof now.textToDisplay === "string" ? { textToDisplay: now.textToDisplay } : {}),
      ...(typeof now.screenTip === "string" && now.screenTip !== "" ? { screenTip: now.screenTip } : {}),
    };
    return [{ sheet: c.sheet, cell: c.cell, link }];
  });
}

/** An instructions' period line by its sheet (lower case) and cell. */
function periodLineKey(sheet: string, address: string): string {
  return `${sheet.toLowerCase()}!${address.replace(/\$/g, "").toUpperCase()}`;
}

/**
 * Unprotecting a sheet at the start of a request and protecting it again, with its options, at the
 * end. Whether unprotect() without the password fails on a sheet a password protects, or does
 * nothing, the reference does not say; in the first request, once every sheet is unprotected, each
 * is protected and unprotected again: protect() "fails if the worksheet has already been
 * protected", so a sheet still protected fails the request there, before anything is written.
 */
function protectionGuard(name: string, options: Excel.WorksheetProtectionOptions): SheetGuard {
  return {
    name,
    open: (c) => sheetOf(c, name).protection.unprotect(),
    close: (c) => sheetOf(c, name).protection.protect(options),
    bytes: opBytes(1, 1) + opBytes(1, 1, options),
    // Without the options: the sheet is unprotected at once, and the close gives them back.
    check: (c) => {
      const protection = sheetOf(c, name).protection;
      protection.protect();
      protection.unprotect();
    },
    checkBytes: opBytes(0, 2),
  };
}

/** Sends the writes; returns the requests it took. */
async function queueAndSend(
  ctx: Excel.RequestContext,
  plan: WritePlan,
  caps: Capabilities,
  { now, lower, existingTables, existingCharts, lookup, carried, formHeaders, periodLinesWritten, links, formatsGone }: Existing,
  protectedSheets: Map<string, Excel.WorksheetProtectionOptions>,
  stats: WriteAttempt,
): Promise<number> {
  const changes = structureChanges(plan, now, lower);
  const removeSheets = changes.removes;
  const removed = new Set(removeSheets.map((n) => n.toLowerCase()));
  const onLiveSheet = (m: { sheet: string }) => lower.has(m.sheet.toLowerCase()) && !removed.has(m.sheet.toLowerCase());
  const clears = plan.clearMarks.filter(onLiveSheet);
  const marks = plan.marks.filter((m) => onLiveSheet(m) || plan.owned.some((o) => o.name === m.sheet));

  // The writes, packed into requests under the budget. A protected sheet's operations are
  // enclosed, in each request, by its unprotect at the start and its protect at the end; the
  // operations on one sheet are kept together so that they take as few requests as they can.
  const packer = new RequestPacker();
  // Excel refuses to delete a very hidden sheet ("the delete operation will fail with an
  // InvalidOperation exception. You should first change its visibility to hidden or visible"): such
  // a sheet is made hidden first, in the same request.
  for (const name of removeSheets) {
    const veryHidden = now.visibility.get(lower.get(name.toLowerCase()) ?? name) === "VeryHidden";
    packer.add(opBytes(0, 2), (c) => {
      const ws = sheetOf(c, name);
      if (veryHidden) ws.visibility = "Hidden";
      ws.delete();
    }, { sheet: name });
  }
  const tablesLeft = new Map([...existingTables].filter(([, t]) => !removed.has(t.sheet)));
  const written = new Set(plan.owned.map((o) => o.name.toLowerCase()));
  // `_index` (its provenance stamp: when the workbook was scored, of which figures) is written last,
  // after everything else the plan writes: Excel runs a request's commands in order and stops at the
  // first that fails, so that a run that fails part-way (a form deleted meanwhile) leaves the last
  // run's stamp, never one that claims results this run did not write. A workbook without it gets
  // the sheet, empty, first: the formulas written before read it (`'_index'!$A:$A`).
  const index = plan.owned.find((o) => o.name === INDEX_SHEET);
  const ownedSheet = (o: OwnedSheetPlan, present: boolean | "added") => {
    const existing = lower.get(o.name.toLowerCase());
    queueOwnedSheet(packer, o, present, caps, tablesLeft, written, existing === undefined ? undefined : now.visibility.get(existing), carried.get(o.name.toLowerCase()), formatsGone.get(o.name.toLowerCase()));
  };
  const indexAdded = index !== undefined && !lower.has(INDEX_SHEET);
  if (indexAdded) packer.add(opBytes(1, 1, INDEX_SHEET), (c) => void c.workbook.worksheets.add(INDEX_SHEET), { sheet: INDEX_SHEET });
  for (const o of plan.owned) if (o !== index) ownedSheet(o, lower.has(o.name.toLowerCase()));
  // Per sheet, in the plan's order: its scores, then the marks cleared, then the marks made.
  const bySheet = new Map<string, { edits: WritePlan["edits"]; clears: typeof clears; marks: typeof marks; links: PointedLink[] }>();
  const group = (sheet: string) => {
    const key = sheet.toLowerCase();
    let g = bySheet.get(key);
    if (!g) bySheet.set(key, (g = { edits: [], clears: [], marks: [], links: [] }));
    return g;
  };
  for (const e of plan.edits) group(e.sheet).edits.push(e);
  for (const m of clears) group(m.sheet).clears.push(m);
  for (const m of marks) group(m.sheet).marks.push(m);
  for (const l of links) if (onLiveSheet(l)) group(l.sheet).links.push(l);
  const removing = new Set<string>();
  for (const g of bySheet.values()) {
    for (const e of g.edits) {
      const blocks = e.blocks.filter((b) => !isInstructionsPeriodBlock(b) || periodLinesWritten.has(periodLineKey(e.sheet, b.address)));
      const { merged, rest } = coalesceColumnCells(blocks);
      for (const b of merged) queueBlock(packer, e.sheet, b, "unchanged");
      for (const b of rest) queueBlock(packer, e.sheet, b);
      const header = formHeaders.get(e.sheet.toLowerCase());
      if (header) queueFormHeader(packer, e.sheet, header);
    }
    // A cell marked again is not cleared first: queueMark replaces the project's part of its note,
    // below which the user's remarks stay.
    const marked = new Set(g.marks.map((m) => cellKey(m.sheet, m.cell)));
    for (const m of g.clears) if (!marked.has(cellKey(m.sheet, m.cell))) queueClear(packer, caps.marks, m, lookup, removing);
    for (const m of g.marks) queueMark(packer, caps.marks, m, lookup, removing);
    // The instructions sheet's links to forms renamed, pointed at the forms' sheets (Range.hyperlink, ExcelApi 1.7).
    for (const l of g.links) {
      packer.add(opBytes(1, 1, l.cell, l.link), (c) => {
        sheetOf(c, l.sheet).getRange(l.cell).hyperlink = l.link;
      }, { sheet: l.sheet });
    }
  }
  if (caps.charts) {
    for (const o of plan.owned) for (const c of o.charts) queueChart(packer, o.name, c, existingCharts.get(`${o.name}\u0000${c.name}`), caps);
  }
  // Order and visibility last (a sheet can be hidden only once another one is visible), and only
  // where they change: a workbook whose structure is protected refuses them even unchanged.
  const positions = changes.order;
  const shown = new Set(changes.visibility.map((o) => o.name));
  const arrange = (o: OwnedSheetPlan) => {
    const move = positions !== null && changes.placed.has(o.name);
    if (!move && !shown.has(o.name)) return;
    packer.add(opBytes(0, 2), (c) => {
      const ws = sheetOf(c, o.name);
      if (move) ws.position = positions.get(o.name) ?? 0;
      if (shown.has(o.name)) ws.visibility = VISIBILITY[o.visibility];
    }, { sheet: o.name, replay: "same" });
  };
  for (const o of plan.owned) if (o !== index) arrange(o);
  // Then `_index`, hidden again as it is written (very hidden, once another sheet is visible).
  if (index) {
    ownedSheet(index, indexAdded ? "added" : true);
    arrange(index);
  }
  // Calculation is suspended in every write request, and "once set, it is the developer's
  // responsibility to re-calc the workbook, to ensure that any dependencies are propagated": the
  // last request calculates it, so that the formulas written (`_index`'s flags, the results sheet's
  // line saying figures changed) and those that read the cells written show their results.
  if (caps.suspendCalculation) packer.add(opBytes(1, 1, "Recalculate"), (c) => c.workbook.application.calculate("Recalculate"), { replay: "same" });
  // Every protected sheet the plan writes on is unprotected at the start of the first request and
  // protected at its end, whether that request writes on it or not: a password fails there, first.
  const guards = new Map<string, SheetGuard>();
  for (const [name, options] of protectedSheets) if (!removed.has(name.toLowerCase())) guards.set(name.toLowerCase(), protectionGuard(name, options));
  stats.requests = 0;
  stats.marks = marks.length;
  try {
    await packer.flush(ctx, caps.suspendCalculation ? (c) => c.workbook.application.suspendApiCalculationUntilNextSync() : undefined, undefined, undefined, { guards, first: [...guards.keys()] });
  } finally {
    stats.requests = packer.requests;
    stats.maxRequestBytes = packer.maxRequestBytes;
    stats.guarded = packer.lastGuarded;
  }
  return packer.requests;
}

/** "'My sheet'!B3" → ["My sheet", "B3"]. */
export function splitAddress(address: string): [string, string] {
  const { sheet, local } = splitSheet(address);
  return [sheet ?? "", local];
}
