/**
 * A1-style addresses as Excel writes them (`A1`, `A1:C3`, `Sheet1!A1:C3`, `'My sheet'!A1`): the
 * project's A1 module, src/core/a1.ts, plus the byte count of what goes over the wire.
 */
export { columnIndex, columnLetters, MAX_COLS, MAX_ROWS, movedFormula, overlaps, parseRect, quoteSheet, rectAddress, rectsTopLeft, rectsWithout, splitSheet } from "../../src/core/a1";
export type { Rect } from "../../src/core/a1";

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
