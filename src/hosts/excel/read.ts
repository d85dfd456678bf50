/**
 * One bulk read of every sheet in a constant number of requests:
 *   1. the sheet list;
 *   2. each sheet's used range and its top rows (TOP_ROWS: the header block and, on a unit's form,
 *      the table's header row), and from ExcelApi 1.13 its merged areas;
 *   3. the rest of each sheet, packed into requests whose responses stay under the payload limit
 *      (1 unless the workbook is larger than one response can carry). On a unit's form (a sheet
 *      whose top rows hold the `Mã` and `Số liệu` column names, found as the reader finds them)
 *      only the columns the reader uses below that header are loaded: Mã, Số liệu, Số liệu thẩm
 *      định, Tự chấm and Minh chứng. The item names, repeated on every unit's sheet, stay in Excel;
 *      the cells not loaded are null in the snapshot, which stays anchored at A1;
 *   4. the value types of the few cells whose text looks like an Excel error (only when there are any).
 */
import { COLUMNS_READ_BELOW_HEADER, findTableHeader } from "../../core/read/layout-a";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../core/types";
import { opBytes, refusedWhole, REQUEST_BUDGET, tooLarge } from "./payload";

/** Cells per read request: about 4 MB of response at 24 bytes a cell. */
export const CELLS_PER_READ = 170_000;
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
}

/** Reads the pieces in one request; a response over the limit is split in two and retried. */
async function readPieces(ctx: Excel.RequestContext, sheets: Excel.Worksheet[], pieces: Piece[], out: Map<Piece, unknown[][]>): Promise<void> {
  const ranges = pieces.map((p) => sheets[p.sheet]!.getRangeByIndexes(p.row, p.col, p.rows, p.cols).load("values"));
  try {
    await ctx.sync();
  } catch (e) {
    if (tooLarge(e) && (pieces.length > 1 || pieces[0]!.rows > 1)) {
      let halves: Piece[][];
      if (pieces.length > 1) halves = [pieces.slice(0, pieces.length >> 1), pieces.slice(pieces.length >> 1)];
      else {
        const p = pieces[0]!;
        const top = p.rows >> 1;
        halves = [[{ ...p, rows: top }], [{ ...p, row: p.row + top, rows: p.rows - top }]];
      }
      for (const h of halves) await readPieces(ctx, sheets, h, out);
      return;
    }
    throw e;
  }
  pieces.forEach((p, i) => out.set(p, ranges[i]!.values));
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
  const put = (sheet: number, row: number, col: number, values: unknown[][]) => {
    const grid = grids[sheet]!;
    values.forEach((line, r) => {
      const out = (grid[row + r] ??= []);
      line.forEach((v, c) => {
        let cell: CellValue = null;
        if (v === "" || v === null || v === undefined) cell = null;
        else if (typeof v === "number" || typeof v === "boolean") cell = v;
        else {
          const s = String(v);
          if (ERROR_TEXT.test(s)) candidates.push({ sheet, row: row + r, col: col + c });
          cell = s;
        }
        out[col + c] = cell;
      });
    });
  };

  // The rest of each sheet below its top rows: a form's reader columns, any other sheet whole.
  const pieces: Piece[] = [];
  sheets.forEach((_, i) => {
    const { used, top } = outlines.get(i) ?? { used: null, top: null };
    if (top) put(i, top.row, top.col, top.values);
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
  const groups: Piece[][] = [];
  let current: Piece[] = [];
  let cells = 0;
  for (const p of pieces) {
    const n = p.rows * p.cols;
    if (current.length && cells + n > CELLS_PER_READ) {
      groups.push(current);
      current = [];
      cells = 0;
    }
    current.push(p);
    cells += n;
  }
  if (current.length) groups.push(current);
  const values = new Map<Piece, unknown[][]>();
  for (const g of groups) await readPieces(ctx, sheets, g, values);
  for (const p of pieces) put(p.sheet, p.row, p.col, values.get(p) ?? []);

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
