/**
 * One bulk read of every sheet in a constant number of requests: the sheet list (1), the used
 * ranges' sizes (1), their values packed into requests whose responses stay under the payload
 * limit (1 unless the workbook is larger than one response can carry), and the value types of
 * the few cells whose text looks like an Excel error (1, only when there are any).
 */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../core/types";

/** Cells per read request: about 4 MB of response at 24 bytes a cell (unit sheets carry long item texts). */
export const CELLS_PER_READ = 170_000;
/** Excel refuses reading more than five million cells of one range. */
export const MAX_CELLS_PER_RANGE = 5_000_000;

const ERROR_TEXT = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

interface Piece {
  sheet: number;
  row: number; // 0-based absolute
  col: number;
  rows: number;
  cols: number;
}

function errorCode(e: unknown): string | undefined {
  return (e as { code?: string } | null)?.code;
}

/** Reads the pieces in one request; a response over the limit is split in two and retried. */
async function readPieces(ctx: Excel.RequestContext, sheets: Excel.Worksheet[], pieces: Piece[], out: Map<Piece, unknown[][]>): Promise<void> {
  const ranges = pieces.map((p) => sheets[p.sheet]!.getRangeByIndexes(p.row, p.col, p.rows, p.cols).load("values"));
  try {
    await ctx.sync();
  } catch (e) {
    const code = errorCode(e);
    if ((code === "ResponsePayloadSizeLimitExceeded" || code === "RangeExceedsLimit") && (pieces.length > 1 || pieces[0]!.rows > 1)) {
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

export async function readWorkbook(ctx: Excel.RequestContext): Promise<WorkbookSnapshot> {
  const list = ctx.workbook.worksheets.load("items/name,items/visibility");
  await ctx.sync();
  const sheets = list.items;
  const used = sheets.map((s) => s.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"));
  await ctx.sync();

  // Cut the used ranges into pieces: big sheets into row blocks, then pack pieces into requests.
  const pieces: Piece[] = [];
  used.forEach((u, i) => {
    if (u.isNullObject) return;
    const rowsPerPiece = Math.max(1, Math.floor(Math.min(CELLS_PER_READ, MAX_CELLS_PER_RANGE) / u.columnCount));
    for (let r = 0; r < u.rowCount; r += rowsPerPiece) {
      pieces.push({ sheet: i, row: u.rowIndex + r, col: u.columnIndex, rows: Math.min(rowsPerPiece, u.rowCount - r), cols: u.columnCount });
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

  const grids: CellValue[][][] = sheets.map(() => []);
  const candidates: { sheet: number; row: number; col: number }[] = [];
  for (const p of pieces) {
    const grid = grids[p.sheet]!;
    const vals = values.get(p) ?? [];
    vals.forEach((row, r) => {
      const out: CellValue[] = new Array(p.col).fill(null);
      row.forEach((v, c) => {
        if (v === "" || v === null || v === undefined) out.push(null);
        else if (typeof v === "number" || typeof v === "boolean") out.push(v);
        else {
          const s = String(v);
          if (ERROR_TEXT.test(s)) candidates.push({ sheet: p.sheet, row: p.row + r, col: p.col + c });
          out.push(s);
        }
      });
      while (out.length && out[out.length - 1] === null) out.pop();
      grid[p.row + r] = out;
    });
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
    for (let r = 0; r < grid.length; r++) if (grid[r] === undefined) grid[r] = [];
    return { name: s.name, values: grid, visible: s.visibility === "Visible" };
  });
  return { sheets: out };
}
