/** A1-style addresses as Excel writes them: `A1`, `A1:C3`, `Sheet1!A1:C3`, `'My sheet'!A1`. */
export interface Rect {
  row: number; // 0-based
  col: number; // 0-based
  rows: number;
  cols: number;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** Splits an optional sheet prefix off an address. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

/** Parses `A1`, `A1:C3`, `A:C` (whole columns) or `1:3` (whole rows); null when malformed. */
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

export function rectAddress(r: Rect): string {
  const tl = columnLetters(r.col) + (r.row + 1);
  if (r.rows === 1 && r.cols === 1) return tl;
  return `${tl}:${columnLetters(r.col + r.cols - 1)}${r.row + r.rows}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/** Bytes of a string once UTF-8 encoded (what goes over the wire). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
