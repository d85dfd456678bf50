/**
 * One bulk read of every sheet in a constant number of requests:
 *   1. the sheet list;
 *   2. each sheet's used range and its top rows (TOP_ROWS: the header block and, on a unit's form,
 *      the table's header row), and from ExcelApi 1.13 its merged areas;
 *   3. the rest of each sheet with each cell's number format, packed into requests whose responses
 *      stay under the payload limit (1 unless the workbook is larger than one response can carry),
 *      and in the same requests the number formats of the top rows' numbers. A number shown as a
 *      date becomes the date's text ("2025-05-03"), as the file host reads it (dates.ts): a date
 *      typed into a number cell is then no figure of 45,780 but "not a number". On a unit's form (a sheet
 *      whose top rows hold the `Mã` and `Số liệu` column names, found as the reader finds them)
 *      only the columns the reader uses below that header are loaded: Mã, Số liệu, Số liệu thẩm
 *      định, Tự chấm and Minh chứng. The item names, repeated on every unit's sheet, stay in Excel;
 *      the cells not loaded are null in the snapshot, which stays anchored at A1;
 *   4. the value types of the few cells whose text looks like an Excel error (only when there are any).
 */
import { COLUMNS_READ_BELOW_HEADER, findTableHeader } from "../../core/read/layout-a";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../core/types";
import { datedValue } from "./dates";
import { opBytes, refusedWhole, REQUEST_BUDGET, RESPONSE_BUDGET, tooLarge } from "./payload";

/**
 * What a cell read weighs in the response, as JSON: its value (a number or a short text, with its
 * comma) and its number format ("General" is 10 bytes, "@" 4, "#,##0.##" 11, "dd/mm/yyyy" 13).
 * A request whose response is larger after all is split in two and sent again.
 */
export const VALUE_BYTES = 16;
export const FORMAT_BYTES = 12;
/** Cells per read request: RESPONSE_BUDGET of values with their number formats. */
export const CELLS_PER_READ = Math.floor(RESPONSE_BUDGET / (VALUE_BYTES + FORMAT_BYTES));
/** What one range read weighs in the request: its getRangeByIndexes path and its query. */
const PIECE_BYTES = opBytes(2, 1, [0, 0, 0, 0]);
/** Excel refuses reading more than five million cells of one range. */
export const MAX_CELLS_PER_RANGE = 5_000_000;
/** Rows read whole at the top of every sheet (the project's form has its table header on row 8). */
export const TOP_ROWS = 12;

const ERROR_TEXT = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

interface Piece {
  sheet: number;
  row: number; // 0-based absolute
  col: number;
  rows: number;
  cols: number;
  /** Only the number formats (of cells whose values are known already). */
  formatsOnly?: boolean;
}

interface PieceRead {
  /** undefined for a `formatsOnly` piece. */
  values?: unknown[][];
  formats: unknown[][];
}

/** What a piece adds to its request's response. */
function responseBytes(p: Piece): number {
  return p.rows * p.cols * (p.formatsOnly ? FORMAT_BYTES : VALUE_BYTES + FORMAT_BYTES);
}

/** Reads the pieces in one request; a response over the limit is split in two and retried. */
async function readPieces(ctx: Excel.RequestContext, sheets: Excel.Worksheet[], pieces: Piece[], out: Map<Piece, PieceRead>): Promise<void> {
  const ranges = pieces.map((p) => sheets[p.sheet]!.getRangeByIndexes(p.row, p.col, p.rows, p.cols).load(p.formatsOnly ? "numberFormat" : "values,numberFormat"));
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
      out.set(p, { ...(upper!.values && lower!.values ? { values: [...upper!.values, ...lower!.values] } : {}), formats: [...upper!.formats, ...lower!.formats] });
      return;
    }
    throw e;
  }
  pieces.forEach((p, i) => out.set(p, p.formatsOnly ? { formats: ranges[i]!.numberFormat } : { values: ranges[i]!.values, formats: ranges[i]!.numberFormat }));
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
}

export async function readWorkbook(ctx: Excel.RequestContext, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  const list = ctx.workbook.worksheets.load("items/name,items/visibility");
  await ctx.sync();
  const sheets = list.items;
  const outlines = new Map<number, Outline>();
  // As many sheets a request as 4 MB of request carry (thousands of sheets: one request).
  const merges = options.merges === true;
  const perSheet = merges ? opBytes(6, 5) : opBytes(4, 4);
  const perRequest = Math.max(1, Math.floor(REQUEST_BUDGET / perSheet));
  for (let from = 0; from < sheets.length; from += perRequest) {
    const which = Array.from({ length: Math.min(perRequest, sheets.length - from) }, (_, k) => from + k);
    await readOutlines(ctx, sheets, which, outlines, merges);
  }

  const grids: CellValue[][][] = sheets.map(() => []);
  const candidates: { sheet: number; row: number; col: number }[] = [];
  /** Puts values in the grid; with their number formats, a number shown as a date becomes its text. */
  const put = (sheet: number, row: number, col: number, values: unknown[][], formats?: unknown[][]) => {
    const grid = grids[sheet]!;
    values.forEach((line, r) => {
      const out = (grid[row + r] ??= []);
      line.forEach((v, c) => {
        let cell: CellValue = null;
        if (v === "" || v === null || v === undefined) cell = null;
        else if (typeof v === "number") cell = formats ? datedValue(v, formats[r]?.[c]) : v;
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
        if (typeof v === "number") out[col + c] = datedValue(v, f);
      });
    });
  };

  // The rest of each sheet below its top rows: a form's reader columns, any other sheet whole; and
  // the number formats of the top rows where they hold numbers (the smallest block around them).
  const pieces: Piece[] = [];
  sheets.forEach((_, i) => {
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
    if (!used) return;
    const start = Math.max(used.row, TOP_ROWS);
    const end = used.row + used.rows;
    if (start >= end) return;
    let runs: [number, number][] = [[used.col, used.cols]];
    if (top && sheets[i]!.visibility === "Visible") {
      const header = findTableHeader({ name: sheets[i]!.name, values: grids[i]!.map((r) => Array.from(r ?? [], (v) => v ?? null)) });
      if (header) {
        const wanted = COLUMNS_READ_BELOW_HEADER.map((k) => header.cols[k]).filter((c): c is number => c !== undefined && c >= used.col && c < used.col + used.cols);
        runs = columnRuns(wanted);
      }
    }
    for (const [col, cols] of runs) {
      const rowsPerPiece = Math.max(1, Math.floor(Math.min(CELLS_PER_READ, MAX_CELLS_PER_RANGE) / cols));
      for (let r = start; r < end; r += rowsPerPiece) pieces.push({ sheet: i, row: r, col, rows: Math.min(rowsPerPiece, end - r), cols });
    }
  });
  // Each piece in the first request that has room for it in its response (RESPONSE_BUDGET) and in
  // the request itself (REQUEST_BUDGET): the small pieces fill the room the large ones leave.
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
    const read = reads.get(p);
    if (!read) continue;
    if (read.values) put(p.sheet, p.row, p.col, read.values, read.formats);
    else redate(p.sheet, p.row, p.col, read.formats);
  }

  // Text like "#N/A" may be typed by a user; only valueTypes tells an error from text.
  if (candidates.length) {
    const types = candidates.map((c) => sheets[c.sheet]!.getRangeByIndexes(c.row, c.col, 1, 1).load("valueTypes"));
    await ctx.sync();
    candidates.forEach((c, i) => {
      if (types[i]!.valueTypes[0]?.[0] === "Error") {
        const row = grids[c.sheet]![c.row]!;
        row[c.col] = { error: String(row[c.col]) };
      }
    });
  }

  const out: SheetSnapshot[] = sheets.map((s, i) => {
    const grid = grids[i]!;
    const used = outlines.get(i)?.used;
    const length = used ? used.row + used.rows : 0;
    const rows: CellValue[][] = [];
    for (let r = 0; r < length; r++) {
      // Columns not loaded (or left of the used range) are null; a row ends at its last value.
      const line = Array.from(grid[r] ?? [], (v) => v ?? null);
      while (line.length && line[line.length - 1] === null) line.pop();
      rows.push(line);
    }
    const merges = outlines.get(i)?.merges;
    return { name: s.name, values: rows, visible: s.visibility === "Visible", ...(merges !== undefined ? { merges } : {}) };
  });
  return { sheets: out };
}
