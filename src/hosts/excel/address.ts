/** Addresses and colours as Office.js wants them; A1 addresses come from the project's A1 module. */
export { a1, columnIndex, columnLetters, quoteSheet, rectAddress, splitSheet, topLeft } from "../../core/a1";

/** Office.js wants "#RRGGBB"; plans may carry ExcelJS's "FFRRGGBB" (ARGB) or a bare "RRGGBB". */
export function excelColor(color: string): string {
  const c = color.trim().replace(/^#/, "");
  if (/^[0-9a-f]{8}$/i.test(c)) return `#${c.slice(2).toUpperCase()}`;
  if (/^[0-9a-f]{6}$/i.test(c)) return `#${c.toUpperCase()}`;
  return color;
}
