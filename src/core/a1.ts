/**
 * A1-style addresses, the one place that reads and writes them: `B3`, `$B$3`, `A3:P40`,
 * whole columns `A:C` and rows `1:3`, and sheet-qualified `'Đơn vị 1'!B3`.
 *
 * Two conventions are used by callers and both are offered, named so they cannot be mixed up:
 * - 1-based numbers, as Excel shows them (the planner, the xlsx host): `columnLetter(1)` is "A",
 *   `cellAddress(3, 2)` is "B3", `parseCell("B3")` is { row: 3, column: 2 }, `CellRange`.
 * - 0-based indexes, as grids and Office.js's getRangeByIndexes use them (the reader, the Excel
 *   host, the test double): `a1(2, 1)` is "B3", `columnIndex("B")` is 1, `topLeft`, `Rect`.
 */

/** The largest worksheet Excel has: 1,048,576 rows by 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

// --- Columns ---------------------------------------------------------------------------------

/** 1 → "A", 27 → "AA" (1-based). */
export function columnLetter(column: number): string {
  let n = column;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "AA" → 27 (1-based). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "AA" → 26 (0-based). */
export function columnIndex(letters: string): number {
  return columnNumber(letters) - 1;
}

/** 26 → "AA" (0-based). */
export function columnLetters(index: number): string {
  return columnLetter(index + 1);
}

// --- Cells, 1-based ----------------------------------------------------------------------------

/** Row 3, column 2 → "B3" (1-based). */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** "$B$12" or "B12" → { row: 12, column: 2 } (1-based); throws on anything else. */
export function parseCell(address: string): { row: number; column: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`not an A1 cell address: ${address}`);
  return { row: Number(m[2]), column: columnNumber(m[1]!) };
}

// --- Cells, 0-based ----------------------------------------------------------------------------

/** 0-based row and column → "B14". */
export function a1(row0: number, col0: number): string {
  return `${columnLetters(col0)}${row0 + 1}`;
}

/** 0-based row and column of the top-left cell of an address ("B3", "B3:D9", "'S 1'!$B$3"). */
export function topLeft(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)/.exec(splitSheet(address).local);
  if (!m) throw new Error(`Not an A1 address: ${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}

// --- Ranges, 1-based ---------------------------------------------------------------------------

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "A3:P40" or "B2" → its corners (1-based); throws on anything else. */
export function parseRange(range: string): CellRange {
  const [a, b] = range.split(":");
  const from = parseCell(a!);
  const to = b === undefined ? from : parseCell(b);
  return {
    top: Math.min(from.row, to.row),
    left: Math.min(from.column, to.column),
    bottom: Math.max(from.row, to.row),
    right: Math.max(from.column, to.column),
  };
}

/** Corners (1-based) → "A3:P40", or "B2" when the range is one cell. */
export function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const a = cellAddress(top, left);
  const b = cellAddress(bottom, right);
  return a === b ? a : `${a}:${b}`;
}

/** Every cell of a range, row by row. */
export function rangeCells(range: string): string[] {
  const r = parseRange(range);
  const out: string[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) out.push(cellAddress(row, c));
  return out;
}

/** Cells grouped into compact ranges: runs of consecutive rows in one column. */
export function compactRanges(cells: string[]): string[] {
  const byColumn = new Map<number, number[]>();
  for (const a of new Set(cells)) {
    const { row, column } = parseCell(a);
    const rows = byColumn.get(column) ?? [];
    rows.push(row);
    byColumn.set(column, rows);
  }
  const out: string[] = [];
  for (const [column, rows] of [...byColumn.entries()].sort((x, y) => x[0] - y[0])) {
    rows.sort((x, y) => x - y);
    let start = rows[0]!;
    let prev = start;
    for (const r of rows.slice(1)) {
      if (r === prev + 1) {
        prev = r;
        continue;
      }
      out.push(rangeAddress(start, column, prev, column));
      start = prev = r;
    }
    out.push(rangeAddress(start, column, prev, column));
  }
  return out;
}

// --- Rectangles, 0-based -----------------------------------------------------------------------

export interface Rect {
  row: number; // 0-based
  col: number; // 0-based
  rows: number;
  cols: number;
}

/** Parses `A1`, `A1:C3`, `A:C` (whole columns) or `1:3` (whole rows) without a sheet; null when malformed. */
export function parseRect(local: string): Rect | null {
  const parts = local.replace(/\$/g, "").toUpperCase().split(":");
  if (parts.length < 1 || parts.length > 2) return null;
  const ends = parts.map((p) => {
    let m = /^([A-Z]{1,3})(\d{1,7})$/.exec(p);
    if (m) return { col: columnIndex(m[1]!), row: Number(m[2]) - 1 };
    m = /^([A-Z]{1,3})$/.exec(p);
    if (m) return { col: columnIndex(m[1]!), row: -1 };
    m = /^(\d{1,7})$/.exec(p);
    if (m) return { col: -1, row: Number(m[1]) - 1 };
    return null;
  });
  if (ends.some((e) => e === null)) return null;
  const a = ends[0]!;
  const b = ends[1] ?? a;
  if ((a.row < 0) !== (b.row < 0) || (a.col < 0) !== (b.col < 0)) return null;
  const r0 = a.row < 0 ? 0 : Math.min(a.row, b.row);
  const r1 = a.row < 0 ? MAX_ROWS - 1 : Math.max(a.row, b.row);
  const c0 = a.col < 0 ? 0 : Math.min(a.col, b.col);
  const c1 = a.col < 0 ? MAX_COLS - 1 : Math.max(a.col, b.col);
  if (r1 >= MAX_ROWS || c1 >= MAX_COLS || r0 < 0 || c0 < 0) return null;
  return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

/** A rectangle → "B3", or "B3:D9" when it has more than one cell. */
export function rectAddress(r: Rect): string {
  const tl = a1(r.row, r.col);
  if (r.rows === 1 && r.cols === 1) return tl;
  return `${tl}:${a1(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/** `a` but the cells of `b`, as at most four rectangles (above, below, left, right of `b`). */
export function rectWithout(a: Rect, b: Rect): Rect[] {
  const top = Math.max(a.row, b.row), bottom = Math.min(a.row + a.rows, b.row + b.rows);
  const left = Math.max(a.col, b.col), right = Math.min(a.col + a.cols, b.col + b.cols);
  if (top >= bottom || left >= right) return [a];
  return [
    { row: a.row, col: a.col, rows: top - a.row, cols: a.cols },
    { row: bottom, col: a.col, rows: a.row + a.rows - bottom, cols: a.cols },
    { row: top, col: a.col, rows: bottom - top, cols: left - a.col },
    { row: top, col: right, rows: bottom - top, cols: a.col + a.cols - right },
  ].filter((x) => x.rows > 0 && x.cols > 0);
}

/**
 * `from` (the areas a rule applies to) without the cells of `cleared`: the rectangles left, in
 * reading order of their top-left cells; empty when every cell of `from` is cleared.
 */
export function rectsWithout(from: Rect[], cleared: Rect[]): Rect[] {
  let out = from;
  for (const c of cleared) out = out.flatMap((r) => rectWithout(r, c));
  return [...out].sort((a, b) => a.row - b.row || a.col - b.col);
}

/** The top-left cell of what rectangles cover, which the formulas of a rule over them are written for. */
export function rectsTopLeft(of: Rect[]): { row: number; col: number } {
  return { row: Math.min(...of.map((r) => r.row)), col: Math.min(...of.map((r) => r.col)) };
}

const CELL_REF = /(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/g;

/**
 * A formula written for a cell `rows` and `cols` further on, its relative references moved with it
 * (`AB4<>""` for AD4 from AB4: `AD4<>""`), as Excel rewrites a conditional format whose first cells
 * are cleared: each cell it still applies to tests what it tested. Text in quotes, quoted sheet
 * names and structured references stay; a reference moved off the sheet is #REF!.
 */
export function movedFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  return formula.replace(/("(?:[^"]|"")*"?)|('(?:[^']|'')*'?)|(\[[^\]]*\]?)|([^"'[]+)/g, (whole: string, ...groups: (string | undefined)[]) => {
    if (groups[3] === undefined) return whole;
    return whole.replace(CELL_REF, (ref: string, colAbs: string, letters: string, rowAbs: string, digits: string) => {
      const at = parseRect(`${letters}${digits}`);
      if (!at) return ref;
      const row = at.row + (rowAbs ? 0 : rows);
      const col = at.col + (colAbs ? 0 : cols);
      if (row >= MAX_ROWS || col >= MAX_COLS) return "#REF!";
      return `${colAbs}${columnLetters(col)}${rowAbs}${row + 1}`;
    });
  });
}

// --- Sheet names -------------------------------------------------------------------------------

/**
 * A sheet name as it goes before "!": bare when Excel would write it bare, otherwise in single
 * quotes with quotes doubled. Names that read as a cell (`A1`, `XFD10`) or an R1C1 reference
 * (`R2C3`, `R`, `C`) are quoted too, or "A1!B2" would mean something else.
 */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[Rr](\d*)([Cc]\d*)?$|^[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The same as quoteSheetName (the name the Excel host and the double use). */
export const quoteSheet = quoteSheetName;

/** "'My sheet'!B3" → { sheet: "My sheet", local: "B3" }; without "!" there is no sheet. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

/** A sheet and a local address → "'Đơn vị 1'!B3". */
export function sheetAddress(sheet: string, local: string): string {
  return `${quoteSheetName(sheet)}!${local}`;
}

/** A row moved by `count` rows inserted before row `before`; no further than the sheet's last row (a range to the end stays to the end, as in Excel). */
export function rowWithRowsInserted(row: number, before: number, count: number): number {
  return row >= before ? Math.min(row + count, MAX_ROWS) : row;
}

/**
 * A range ("A3:F9", "D27", "$A$30:$B$31") or a list of them ("A3:A9 C3", "A1,B2") with `count`
 * rows inserted before row `before`, as Excel moves them: a range from that row down moves down,
 * one the rows go into grows, one above stays. A part that is not a range stays as it is.
 */
export function rangesWithRowsInserted(ranges: string, before: number, count: number): string {
  return ranges
    .split(/(\s+|,)/)
    .map((part) => {
      if (/^(\s+|,)$/.test(part) || part === "") return part;
      let r: CellRange;
      try {
        r = parseRange(part.replace(/\$/g, ""));
      } catch {
        return part;
      }
      if (r.bottom < before) return part;
      const top = rowWithRowsInserted(r.top, before, count);
      const out = !part.includes(":") ? cellAddress(top, r.left) : rangeAddress(top, r.left, rowWithRowsInserted(r.bottom, before, count), r.right);
      return part.includes("$") ? out.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2") : out;
    })
    .join("");
}
