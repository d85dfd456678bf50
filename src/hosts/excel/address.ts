/** A1 helpers the Excel host needs to build addresses for Office.js. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
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

/** 0-based row and column of the top-left cell of an A1 address ("B3" or "B3:D9"). */
export function topLeft(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)/.exec(address.split("!").pop() ?? "");
  if (!m) throw new Error(`Not an A1 address: ${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function rectAddress(row: number, col: number, rows: number, cols: number): string {
  const tl = cellAddress(row, col);
  return rows === 1 && cols === 1 ? tl : `${tl}:${cellAddress(row + rows - 1, col + cols - 1)}`;
}

/** Office.js wants "#RRGGBB"; plans may carry ExcelJS's "FFRRGGBB" (ARGB) or a bare "RRGGBB". */
export function excelColor(color: string): string {
  const c = color.trim().replace(/^#/, "");
  if (/^[0-9a-f]{8}$/i.test(c)) return `#${c.slice(2).toUpperCase()}`;
  if (/^[0-9a-f]{6}$/i.test(c)) return `#${c.toUpperCase()}`;
  return color;
}
