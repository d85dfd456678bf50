/** A1-style addresses: column letters, cell and range strings. */

/** 1 → "A", 27 → "AA". */
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

/** "AA" → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** "$B$12" or "B12" → { row: 12, column: 2 }. */
export function parseCell(address: string): { row: number; column: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`not an A1 cell address: ${address}`);
  return { row: Number(m[2]), column: columnNumber(m[1]!) };
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "A3:P40" or "B2" → its corners. */
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
