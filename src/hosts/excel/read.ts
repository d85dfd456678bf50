/**
 * One bulk read of every sheet in a constant number of requests:
 *   1. the sheet list, after Excel calculates (a formula shows what it gives now, even in manual
 *      calculation), and the workbook's date system (readWorkbook);
 *   2. each sheet's used range and its top rows (TOP_ROWS: the header block and, on a unit's form,
 *      the table's header row), and from ExcelApi 1.13 its merged areas;
 *   3. the rest of each sheet with each cell's number format, packed into requests whose responses
 *      stay under the payload limit (1 unless the workbook is larger than one response can carry),
 *      and in the same requests the number formats of the top rows' numbers. A number shown as a
 *      date becomes the date's text ("2025-05-03"), as the file host reads it (dates.ts): a date
 *      typed into a number cell is then no figure of 45,780 but "not a number". One whose format
 *      shows only its year or month ("yyyy", "mm/yyyy") is listed as such from the same number
 *      formats (SheetSnapshot.datePartCells), as the file host lists it. On a unit's form (a sheet
 *      whose top rows hold the `Mã` and `Số liệu` column names, found as the reader finds them)
 *      only the columns the reader uses below that header are loaded: Mã, Số liệu, Số liệu thẩm
 *      định, Tự chấm and Minh chứng; on a form that carries the project's summary, also what the
 *      planner empties or writes around there: every column headed `Điểm`/`Score` (a copied form's
 *      scores) and the columns right of the table (where earlier versions wrote the notes on
 *      rescaled groups); and, in one request more, the rows under the table across all its columns
 *      (where the notes on rescaled groups go now, under the place, date and signatures). The item
 *      names, repeated on every unit's sheet, stay in Excel; the cells not loaded are null in the
 *      snapshot, which stays anchored at A1;
 *   4. the value types of the cells whose text looks like an Excel error (only when there are any),
 *      a column's cells one under another as one range, packed into requests under the budgets.
 */
import { COLUMNS_READ_BELOW_HEADER, TABLE_COLUMNS, findTableHeader } from "../../core/read/layout-a";
import { foldLabel, isRowCodeText } from "../../core/read/sheet";
import { INDEX_SHEET, rowsCarrySummary } from "../../core/plan/labels";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../core/types";
import { DATE_2000_1904, datedValue } from "./dates";
import { datePartShown } from "../../core/read/periods";
import { isPercentFormat } from "../../core/read/values";
import { a1 } from "../../core/a1";
import { jsonBytes, opBytes, refusedWhole, REQUEST_BUDGET, RequestPacker, RESPONSE_BUDGET, tooLarge } from "./payload";

/**
 * What a cell read weighs in the response, as JSON: its value with its comma (a number such as
 * 12.5 is 5 bytes, 12345.67 9, "Không" 9, a code "1.2.3" 8, an empty cell 3) and its number
 * format ("General" is 10 bytes, "@" 4, "#,##0" 8); each row adds its brackets and comma in both
 * arrays, and each piece its result's frame. A column's values are estimated from the rows of it
 * already read (the top rows below the table's header: columnValueBytes), at least VALUE_BYTES, so
 * that a column of names or notes in Vietnamese (two or three bytes a letter) is not taken for a
 * column of figures. Measured on the Excel double, the forms' reader columns take about 19 bytes a
 * cell and are estimated at about 28; a table of figures takes about 14 and is estimated at 20.
 * What the estimate misses (longer notes further down) the 1 MB between RESPONSE_BUDGET and
 * Excel's limit takes; a response over the limit after all is split in two and sent again.
 */
export const VALUE_BYTES = 10;
/**
 * What a cell of `_index` below its top rows weighs: mostly the copies of the units' figures, an
 * empty cell (3 bytes) or a short figure. Measured on the Excel double, 300 units' `_index`
 * (15,021 rows of 18 cells) takes about 3.6 bytes a cell.
 */
const INDEX_VALUE_BYTES = 5;
export const FORMAT_BYTES = 10;
/** What each row of a piece adds: "[", "]" and "," around it in each of the two arrays. */
const ROW_BYTES = 6;
/** What each piece's result adds: {"ActionId":…,"Value":{"values":[…],"numberFormat":[…]}} and its comma. */
const PIECE_RESPONSE_BYTES = 64;
/** What one range read weighs in the request: its getRangeByIndexes path and its query. */
const PIECE_BYTES = opBytes(2, 1, [0, 0, 0, 0]);
/** Excel refuses reading more than five million cells of one range. */
export const MAX_CELLS_PER_RANGE = 5_000_000;
/** Rows read whole at the top of every sheet (the project's form has its table header on row 8). */
export const TOP_ROWS = 12;
/**
 * What one sheet's outline adds to a response: its used range, its top rows' values and its merged
 * areas. Measured on the Excel double, a form of the project's templates takes about 1.7 KB (its
 * instructions line is long); a response larger after all is halved and asked again.
 */
const OUTLINE_RESPONSE_BYTES = 2048;

const ERROR_TEXT = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

interface Piece {
  sheet: number;
  row: number; // 0-based absolute
  col: number;
  rows: number;
  cols: number;
  /** Only the number formats (of cells whose values are known already). */
  formatsOnly?: boolean;
  /**
   * Only the values: of the project's `_index` sheet, and of a form's columns the reader does not
   * read figures from (its `Điểm` column, the columns right of its table): no number there is read
   * as a date or a percentage, and the formats ("General" in every cell) would be most of the response.
   */
  valuesOnly?: boolean;
  /** The estimated bytes of a row's values (VALUE_BYTES a cell when not given). */
  rowValueBytes?: number;
}

interface PieceRead {
  /** undefined for a `formatsOnly` piece. */
  values?: unknown[][];
  /** undefined for a `valuesOnly` piece. */
  formats?: unknown[][];
}

/** What a piece adds to its request's response. */
function responseBytes(p: Piece): number {
  if (p.valuesOnly) return PIECE_RESPONSE_BYTES + p.rows * ((p.rowValueBytes ?? p.cols * VALUE_BYTES) + ROW_BYTES / 2);
  return PIECE_RESPONSE_BYTES + p.rows * rowBytes(p.cols, p.formatsOnly ? undefined : (p.rowValueBytes ?? p.cols * VALUE_BYTES));
}

/** What a row of `cols` cells adds to a response: its values (`valueBytes`; none for formats only), its formats, its brackets. */
function rowBytes(cols: number, valueBytes: number | undefined): number {
  return valueBytes === undefined ? cols * FORMAT_BYTES + ROW_BYTES / 2 : valueBytes + cols * FORMAT_BYTES + ROW_BYTES;
}

/**
 * The estimated bytes of a value of each column, from the rows of the grid already read between
 * `from` and `to` (0-based, `to` excluded): of each column's values there (an empty cell is 3
 * bytes, "" and its comma), the one three quarters of them are not longer than, and at least
 * VALUE_BYTES. A column of long notes is estimated at their length; one long cell among short ones
 * (the definition in `_index`, a title) does not make the whole column long.
 */
function columnValueBytes(grid: readonly (readonly CellValue[] | undefined)[], from: number, to: number): (col: number) => number {
  const sizes = new Map<number, number[]>();
  const rows = Math.max(0, to - Math.max(0, from));
  for (let r = Math.max(0, from); r < to; r++) {
    const line = grid[r];
    if (!line) continue;
    for (let c = 0; c < line.length; c++) {
      const v = line[c];
      if (v === null || v === undefined) continue;
      let list = sizes.get(c);
      if (!list) sizes.set(c, (list = []));
      list.push(jsonBytes(v) + 1);
    }
  }
  return (col) => {
    const list = sizes.get(col);
    if (!list) return VALUE_BYTES;
    // The empty cells of the column, "" with its comma, then the 75th percentile (nearest rank).
    const all = [...list, ...Array<number>(Math.max(0, rows - list.length)).fill(3)].sort((a, b) => a - b);
    return Math.max(VALUE_BYTES, all[Math.ceil(all.length * 0.75) - 1] ?? 0);
  };
}

/** Reads the pieces in one request; a response over the limit is split in two and retried. */
async function readPieces(ctx: Excel.RequestContext, sheets: Excel.Worksheet[], pieces: Piece[], out: Map<Piece, PieceRead>): Promise<void> {
  const ranges = pieces.map((p) => sheets[p.sheet]!.getRangeByIndexes(p.row, p.col, p.rows, p.cols).load(p.formatsOnly ? "numberFormat" : p.valuesOnly ? "values" : "values,numberFormat"));
  try {
    await ctx.sync();
  } catch (e) {
    if (tooLarge(e) && pieces.length > 1) {
      await readPieces(ctx, sheets, pieces.slice(0, pieces.length >> 1), out);
      await readPieces(ctx, sheets, pieces.slice(pieces.length >> 1), out);
      return;
    }
    if (tooLarge(e) && pieces[0]!.rows > 1) {
      // One piece: its top and bottom rows apart, then put together again as the piece asked for.
      const p = pieces[0]!;
      const halves: Piece[] = [{ ...p, rows: p.rows >> 1 }, { ...p, row: p.row + (p.rows >> 1), rows: p.rows - (p.rows >> 1) }];
      for (const h of halves) await readPieces(ctx, sheets, [h], out);
      const [upper, lower] = halves.map((h) => out.get(h)!);
      halves.forEach((h) => out.delete(h));
      out.set(p, {
        ...(upper!.values && lower!.values ? { values: [...upper!.values, ...lower!.values] } : {}),
        ...(upper!.formats && lower!.formats ? { formats: [...upper!.formats, ...lower!.formats] } : {}),
      });
      return;
    }
    throw e;
  }
  pieces.forEach((p, i) => out.set(p, p.formatsOnly ? { formats: ranges[i]!.numberFormat } : p.valuesOnly ? { values: ranges[i]!.values } : { values: ranges[i]!.values, formats: ranges[i]!.numberFormat }));
}

/** What one cell's value type adds to a response: the longest name ("Boolean", "Integer", "Unknown") in quotes, its brackets and comma. */
const TYPE_BYTES = 12;
/** What a valueTypes look-up's result adds to a response besides its cells: {"ActionId":…,"Value":{"valueTypes":[…]}}. */
const TYPES_RESPONSE_BYTES = 100;
/** The most cells of one column looked up as one range: its response stays well under RESPONSE_BUDGET. */
const MAX_TYPES_PER_RUN = Math.floor(RESPONSE_BUDGET / 2 / TYPE_BYTES);

/** Cells whose value types are looked up, one under another in a column of a sheet. */
interface CandidateRun {
  sheet: number;
  row: number;
  col: number;
  rows: number;
  types?: Excel.Range;
}

/** The cells in runs: by sheet, then column, then row; consecutive rows of a column are one run. */
function candidateRuns(cells: { sheet: number; row: number; col: number }[]): CandidateRun[] {
  const sorted = cells.slice().sort((a, b) => a.sheet - b.sheet || a.col - b.col || a.row - b.row);
  const runs: CandidateRun[] = [];
  let last: CandidateRun | undefined;
  for (const c of sorted) {
    const sameColumn = last !== undefined && last.sheet === c.sheet && last.col === c.col;
    if (sameColumn && c.row < last!.row + last!.rows) continue; // a cell found twice
    if (sameColumn && last!.row + last!.rows === c.row && last!.rows < MAX_TYPES_PER_RUN) last!.rows++;
    else runs.push((last = { sheet: c.sheet, row: c.row, col: c.col, rows: 1 }));
  }
  return runs;
}

interface Outline {
  used: { row: number; col: number; rows: number; cols: number } | null;
  top: { row: number; col: number; values: unknown[][] } | null;
  /** The sheet's merged areas ("A6:I6"); undefined when they were not read. */
  merges?: string[];
}

/** "'Đơn vị 1'!A6:I6, 'Đơn vị 1'!B1:C1" (RangeAreas.address) → ["A6:I6", "B1:C1"]. */
export function mergedAddresses(address: string): string[] {
  return address
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => {
      const bang = a.lastIndexOf("!");
      return (bang >= 0 ? a.slice(bang + 1) : a).replace(/\$/g, "");
    })
    .filter((a) => /^[A-Z]+\d+:[A-Z]+\d+$/i.test(a));
}

/**
 * The used range and the top rows of the given sheets in one request (halved while the response
 * is too large), with their merged areas when `merges` (ExcelApi 1.13). Excel fails to give the
 * merged areas of a sheet that has more than 512: the sheets are then halved until that sheet is
 * read alone, without its merges.
 */
async function readOutlines(ctx: Excel.RequestContext, sheets: Excel.Worksheet[], which: number[], out: Map<number, Outline>, merges: boolean): Promise<void> {
  const loads = which.map((i) => ({
    i,
    used: sheets[i]!.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"),
    top: sheets[i]!.getRange(`1:${TOP_ROWS}`).getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,values"),
    // The whole sheet: Excel gives only the areas whose top-left cell is in the range (office-js#3611).
    merged: merges ? sheets[i]!.getRange().getMergedAreasOrNullObject().load("address") : null,
  }));
  try {
    await ctx.sync();
  } catch (e) {
    const halve = which.length > 1 && (tooLarge(e) || (merges && !refusedWhole(e)));
    if (halve) {
      await readOutlines(ctx, sheets, which.slice(0, which.length >> 1), out, merges);
      await readOutlines(ctx, sheets, which.slice(which.length >> 1), out, merges);
      return;
    }
    if (merges && !tooLarge(e) && !refusedWhole(e)) return readOutlines(ctx, sheets, which, out, false);
    throw e;
  }
  for (const { i, used, top, merged } of loads) {
    const outline: Outline = {
      used: used.isNullObject ? null : { row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount },
      top: top.isNullObject ? null : { row: top.rowIndex, col: top.columnIndex, values: top.values },
    };
    if (merged) outline.merges = merged.isNullObject ? [] : mergedAddresses(merged.address);
    out.set(i, outline);
  }
}


/** A row of the grid as the snapshot holds it: columns not loaded are null, and it ends at its last value. */
function denseRow(line: readonly (CellValue | undefined)[] | undefined): CellValue[] {
  let end = line ? line.length : 0;
  while (end > 0 && (line![end - 1] === null || line![end - 1] === undefined)) end--;
  const out: CellValue[] = [];
  for (let c = 0; c < end; c++) {
    const v = line![c];
    out.push(v === undefined ? null : v);
  }
  return out;
}

/** Consecutive runs of the given 0-based columns: [first, count]. */
function columnRuns(columns: number[]): [number, number][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === c) last[1]++;
    else runs.push([c, 1]);
  }
  return runs;
}

export interface ReadOptions {
  /** Read each sheet's merged areas (ExcelApi 1.13) with its outline; without, `merges` stays undefined. */
  merges?: boolean;
  /** Read only the sheets of these names (the others are not in the snapshot). */
  only?: ReadonlySet<string>;
}

/** Whether this Excel has ExcelApi `version` (a test's double too); false outside Office. */
function hasExcelApi(version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", version) === true;
  } catch {
    return false;
  }
}

/**
 * How long the pane's thread works on what Excel sent before it gives the page a turn: a workbook
 * of a thousand forms is put together between the requests in stretches of a few hundred
 * milliseconds, each a long task if done at once.
 */
export const TURN_MS = 25;

/**
 * A function to call between pieces of long work: after `ms` of work it waits for the next turn
 * of the event loop (the pane paints and answers the user), otherwise it returns at once.
 */
function turns(ms = TURN_MS): () => Promise<void> | undefined {
  let since = Date.now();
  return () => {
    if (Date.now() - since < ms) return undefined;
    return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      since = Date.now();
    });
  };
}

/**
 * Every sheet's values as Excel shows them, after calculating: in Excel's manual calculation mode
 * (the user's setting) a formula shows its last computed value until the workbook is calculated,
 * so a figure worked out from a cell changed since would be read, and scored, as it was. The first
 * request asks Excel to calculate (`application.calculate("Recalculate")`, ExcelApi 1.1: only what
 * changed is calculated, and the calculation mode stays the user's), then for the sheet list and,
 * from ExcelApi 1.2, DATE(2000;1;1), whose serial (36526, or 35064 in a workbook of the 1904 date
 * system) tells the workbook's date system: no request more. Without ExcelApi 1.2 the workbook is
 * taken to count its dates from 1900.
 */
export async function readWorkbook(ctx: Excel.RequestContext, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  ctx.workbook.application.calculate("Recalculate");
  const list = ctx.workbook.worksheets.load("items/name,items/visibility");
  const probe = hasExcelApi("1.2") ? ctx.workbook.functions.date(2000, 1, 1).load("value,error") : null;
  await ctx.sync();
  const date1904 = probe !== null && !probe.error && probe.value === DATE_2000_1904;
  const only = options.only;
  const sheets = only ? list.items.filter((s) => only.has(s.name)) : list.items;
  const outlines = new Map<number, Outline>();
  // As many sheets a request as 4 MB of request and of response carry (about 2,000 forms).
  const merges = options.merges === true;
  const perSheet = merges ? opBytes(6, 5) : opBytes(4, 4);
  const perRequest = Math.max(1, Math.min(Math.floor(REQUEST_BUDGET / perSheet), Math.floor(RESPONSE_BUDGET / OUTLINE_RESPONSE_BYTES)));
  for (let from = 0; from < sheets.length; from += perRequest) {
    const which = Array.from({ length: Math.min(perRequest, sheets.length - from) }, (_, k) => from + k);
    await readOutlines(ctx, sheets, which, outlines, merges);
  }

  const grids: CellValue[][][] = sheets.map(() => []);
  /** Of each sheet, the cells whose number is shown as a percentage (SheetSnapshot.percentCells). */
  const percents: Set<string>[] = sheets.map(() => new Set());
  const notePercent = (sheet: number, row: number, col: number, format: unknown) => {
    if (isPercentFormat(format)) percents[sheet]!.add(a1(row, col));
  };
  /** Of each sheet, the date cells whose format shows only the year or the month (SheetSnapshot.datePartCells). */
  const dateParts: Record<string, "year" | "month">[] = sheets.map(() => ({}));
  /** A number the format made a date (`cell`, its text): noted when the format shows no day (datePartShown). */
  const noteDatePart = (sheet: number, row: number, col: number, cell: CellValue, format: unknown) => {
    if (typeof cell !== "string") return;
    const part = datePartShown(format);
    if (part !== undefined) dateParts[sheet]![a1(row, col)] = part;
  };
  const candidates: { sheet: number; row: number; col: number }[] = [];
  /** Puts values in the grid; with their number formats, a number shown as a date becomes its text. */
  const put = (sheet: number, row: number, col: number, values: unknown[][], formats?: unknown[][]) => {
    const grid = grids[sheet]!;
    values.forEach((line, r) => {
      const out = (grid[row + r] ??= []);
      line.forEach((v, c) => {
        let cell: CellValue = null;
        if (v === "" || v === null || v === undefined) cell = null;
        else if (typeof v === "number") {
          cell = formats ? datedValue(v, formats[r]?.[c], date1904) : v;
          if (formats) {
            notePercent(sheet, row + r, col + c, formats[r]?.[c]);
            noteDatePart(sheet, row + r, col + c, cell, formats[r]?.[c]);
          }
        }
        else if (typeof v === "boolean") cell = v;
        else {
          const s = String(v);
          if (ERROR_TEXT.test(s)) candidates.push({ sheet, row: row + r, col: col + c });
          cell = s;
        }
        out[col + c] = cell;
      });
    });
  };

  /** The numbers already in the grid, shown as dates by their number formats, become the dates' text. */
  const redate = (sheet: number, row: number, col: number, formats: unknown[][]) => {
    const grid = grids[sheet]!;
    formats.forEach((line, r) => {
      const out = grid[row + r];
      if (out) line.forEach((f, c) => {
        const v = out[col + c];
        if (typeof v === "number") {
          out[col + c] = datedValue(v, f, date1904);
          notePercent(sheet, row + r, col + c, f);
          noteDatePart(sheet, row + r, col + c, out[col + c]!, f);
        }
      });
    });
  };

  // The rest of each sheet below its top rows: a form's reader columns, any other sheet whole; and
  // the number formats of the top rows where they hold numbers (the smallest block around them).
  const pieces: Piece[] = [];
  /** Of each form read by its reader's columns: its header row and code column, its table's last column, the columns read (0-based). */
  const forms = new Map<number, { header: number; code: number; last: number; read: Set<number> }>();
  const turn = turns();
  for (let i = 0; i < sheets.length; i++) {
    await turn();
    const { used, top } = outlines.get(i) ?? { used: null, top: null };
    if (top) {
      put(i, top.row, top.col, top.values);
      let r0 = Infinity, r1 = -1, c0 = Infinity, c1 = -1;
      top.values.forEach((line, r) => line.forEach((v, c) => {
        if (typeof v !== "number") return;
        r0 = Math.min(r0, r); r1 = Math.max(r1, r); c0 = Math.min(c0, c); c1 = Math.max(c1, c);
      }));
      if (r1 >= 0) pieces.push({ sheet: i, row: top.row + r0, col: top.col + c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1, formatsOnly: true });
    }
    if (!used) continue;
    const start = Math.max(used.row, TOP_ROWS);
    const end = used.row + used.rows;
    if (start >= end) continue;
    /** Column runs read: [first, count, only the values]. */
    let runs: [number, number, boolean][] = [[used.col, used.cols, sheets[i]!.name === INDEX_SHEET]];
    // The rows that show what the rest of a column holds: those of the top rows below the header
    // (a form's table header, else the sheet's first row).
    let sampleFrom = top ? top.row + 1 : TOP_ROWS;
    if (top && sheets[i]!.visibility === "Visible") {
      const header = findTableHeader({ name: sheets[i]!.name, values: grids[i]!.map((r) => Array.from(r ?? [], (v) => v ?? null)) });
      if (header) {
        // The reader's columns; on a form that carries the project's summary (scored, or a copy of
        // a scored form), also each `Điểm` column (a copy has its scores emptied there, as the file
        // host empties them) and every column right of the table, where earlier versions wrote the
        // notes on rescaled groups (emptied now). A form never scored has none.
        const scored = rowsCarrySummary(top.values);
        const scoreColumns = !scored ? [] : (grids[i]![header.row] ?? []).flatMap((v, c) => (typeof v === "string" && (TABLE_COLUMNS.score as readonly string[]).includes(foldLabel(v)) ? [c] : []));
        const right = !scored ? [] : Array.from({ length: Math.max(0, used.col + used.cols - header.lastColumn - 1) }, (_, k) => header.lastColumn + 1 + k);
        // Also a column under a header of two rows whose sub-header names none the reader knows: its figures are said (unknown-column).
        const unnamed = (header.unnamedSubColumns ?? []).map((u) => u.c);
        // The reader's columns with their number formats (a figure shown as a date or a percentage);
        // the others only for what they hold, the project's scores and notes or the user's cells.
        const inUsed = (c: number | undefined): c is number => c !== undefined && c >= used.col && c < used.col + used.cols;
        const read = [...COLUMNS_READ_BELOW_HEADER.map((k) => header.cols[k]), ...unnamed].filter(inUsed);
        const seen = new Set(read);
        const extra = [...scoreColumns, ...right].filter((c) => inUsed(c) && !seen.has(c));
        runs = [...columnRuns(read).map(([c, n]): [number, number, boolean] => [c, n, false]), ...columnRuns(extra).map(([c, n]): [number, number, boolean] => [c, n, true])];
        sampleFrom = header.row + 1;
        if (header.cols.code !== undefined) forms.set(i, { header: header.row, code: header.cols.code, last: header.lastColumn, read: new Set([...read, ...extra]) });
      }
    }
    const valueBytes = columnValueBytes(grids[i]!, sampleFrom, TOP_ROWS);
    for (const [col, cols, valuesOnly] of runs) {
      let rowValueBytes = 0;
      if (sheets[i]!.name === INDEX_SHEET) rowValueBytes = cols * INDEX_VALUE_BYTES;
      else for (let c = col; c < col + cols; c++) rowValueBytes += valueBytes(c);
      // As many rows as one response carries (RESPONSE_BUDGET), and no more cells than Excel reads from one range.
      const rowsPerPiece = Math.max(1, Math.min(Math.floor((RESPONSE_BUDGET - PIECE_RESPONSE_BYTES) / (valuesOnly ? rowValueBytes + ROW_BYTES / 2 : rowBytes(cols, rowValueBytes))), Math.floor(MAX_CELLS_PER_RANGE / cols)));
      for (let r = start; r < end; r += rowsPerPiece) pieces.push({ sheet: i, row: r, col, rows: Math.min(rowsPerPiece, end - r), cols, rowValueBytes, ...(valuesOnly ? { valuesOnly } : {}) });
    }
  }
  // Each piece in the first request that has room for it in its response (RESPONSE_BUDGET) and in
  // the request itself (REQUEST_BUDGET): the small pieces fill the room the large ones leave.
  const load = async (pieces: Piece[]) => {
    const groups: { pieces: Piece[]; response: number }[] = [];
    for (const p of pieces) {
      const n = responseBytes(p);
      let group = groups.find((g) => g.response + n <= RESPONSE_BUDGET && (g.pieces.length + 1) * PIECE_BYTES <= REQUEST_BUDGET);
      if (!group) groups.push((group = { pieces: [], response: 0 }));
      group.pieces.push(p);
      group.response += n;
    }
    const reads = new Map<Piece, PieceRead>();
    for (const g of groups) await readPieces(ctx, sheets, g.pieces, reads);
    for (const p of pieces) {
      await turn();
      const read = reads.get(p);
      if (!read) continue;
      if (read.values) put(p.sheet, p.row, p.col, read.values, read.formats);
      else if (read.formats) redate(p.sheet, p.row, p.col, read.formats);
    }
  };
  await load(pieces);
  // Under a form's table (below its last row with a code), the table's other columns too, for what
  // is there alone: the planner writes its lines on rescaled groups in the first rows clear of
  // anything across the table (the place, date and signatures a template's form ends with, the
  // unit's own lines), and empties those of its own it finds there. Usually a few rows a form.
  const below: Piece[] = [];
  for (const [i, f] of forms) {
    await turn();
    const used = outlines.get(i)?.used;
    if (!used) continue;
    const end = used.row + used.rows;
    const grid = grids[i]!;
    // The table's last row: the last whose `Mã` cell holds a code as the planner takes one (a word, not a sentence).
    let tableEnd = f.header;
    for (let r = f.header + 1; r < end; r++) {
      const v = grid[r]?.[f.code];
      const t = v === null || v === undefined || typeof v === "object" ? "" : String(v).trim();
      if (isRowCodeText(t)) tableEnd = r;
    }
    const from = Math.max(tableEnd + 1, TOP_ROWS, used.row);
    if (from >= end) continue;
    // The table's columns, and the one right of them, where a form without a `Điểm` column gets one.
    const columns = Array.from({ length: f.last + 2 }, (_, c) => c).filter((c) => c >= used.col && c < used.col + used.cols && !f.read.has(c));
    for (const [col, cols] of columnRuns(columns)) below.push({ sheet: i, row: from, col, rows: end - from, cols, valuesOnly: true });
  }
  if (below.length > 0) await load(below);

  // Text like "#N/A" may be typed by a user; only valueTypes tells an error from text. The cells
  // one under another in a column are looked up as one range, and the look-ups are packed into
  // requests under the budgets: one request unless the workbook has many thousands of them.
  if (candidates.length) {
    const runs = candidateRuns(candidates);
    const packer = new RequestPacker();
    for (const run of runs) {
      packer.add(opBytes(1, 1, [run.row, run.col, run.rows, 1]), () => {
        run.types = sheets[run.sheet]!.getRangeByIndexes(run.row, run.col, run.rows, 1).load("valueTypes");
      }, { sheet: sheets[run.sheet]!.name, response: TYPES_RESPONSE_BYTES + run.rows * TYPE_BYTES });
    }
    await packer.flush(ctx);
    for (const run of runs) {
      const types = run.types!.valueTypes;
      for (let r = 0; r < run.rows; r++) {
        if (types[r]?.[0] !== "Error") continue;
        const row = grids[run.sheet]![run.row + r]!;
        row[run.col] = { error: String(row[run.col]) };
      }
    }
  }

  const out: SheetSnapshot[] = [];
  for (let i = 0; i < sheets.length; i++) {
    const s = sheets[i]!;
    const grid = grids[i]!;
    const used = outlines.get(i)?.used;
    const length = used ? used.row + used.rows : 0;
    const rows: CellValue[][] = [];
    for (let r = 0; r < length; r++) {
      // Columns not loaded (or left of the used range) are null; a row ends at its last value.
      if ((r & 1023) === 0) await turn();
      rows.push(denseRow(grid[r]));
    }
    const merges = outlines.get(i)?.merges;
    const percentCells = [...percents[i]!];
    const datePartCells = dateParts[i]!;
    out.push({
      name: s.name,
      values: rows,
      visible: s.visibility === "Visible",
      ...(merges !== undefined ? { merges } : {}),
      ...(percentCells.length > 0 ? { percentCells } : {}),
      ...(Object.keys(datePartCells).length > 0 ? { datePartCells } : {}),
    });
  }
  // A workbook of the 1904 date system says so, as the file host's snapshot does: its date cells'
  // text was made in that system, and the reader reads it back in it.
  return { sheets: out, ...(date1904 ? { date1904: true } : {}) };
}
