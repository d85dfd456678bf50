/**
 * Sizes of what the planner writes: column widths (in Excel's unit, characters of the default
 * font) and heights of rows whose text wraps. Readers do not grow a row on their own when a file
 * is opened, and LibreOffice draws wider glyphs than Calibri, so the estimates leave some room.
 */

/** Width of one character in column units, with room for LibreOffice's wider fallback font. */
const CHAR_WIDTH = 0.85;
/** Column padding (cell margins) in column units. */
const PADDING = 2;
/** Height in points of one line of 11-point text. */
export const LINE_HEIGHT = 15;

/** How wide `text` is in column units. */
export function textWidth(text: string, bold = false): number {
  return [...text.normalize("NFC")].length * CHAR_WIDTH * (bold ? 1.08 : 1);
}

/** A column width that shows every text of `texts` on one line, within `min` … `max`. */
export function fitWidth(texts: string[], min: number, max: number, bold = false): number {
  const widest = texts.reduce((w, t) => Math.max(w, textWidth(t, bold)), 0);
  return clamp(Math.ceil(widest + PADDING), min, max);
}

/** A column width in which no single word of `texts` has to break (for headers that wrap). */
export function widestWord(texts: string[], bold = false): number {
  const words = texts.flatMap((t) => t.split(/\s+/));
  return Math.ceil(words.reduce((w, t) => Math.max(w, textWidth(t, bold)), 0) + PADDING);
}

/** The lines `text` takes when wrapped at word boundaries in a column `width` wide. */
export function wrappedLines(text: string, width: number, bold = false): number {
  const room = Math.max(1, width - PADDING);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    lines++;
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      const w = textWidth(word, bold);
      const next = used === 0 ? w : used + textWidth(" ") + w;
      if (next <= room || used === 0) used = next;
      else {
        lines++;
        used = w;
      }
      // A word wider than the column breaks across lines of its own.
      while (used > room) {
        lines++;
        used -= room;
      }
    }
  }
  return lines;
}

/** The height of a row whose cells wrap: enough lines for the tallest cell. */
export function wrappedHeight(cells: { text: string; width: number; bold?: boolean }[]): number {
  const lines = cells.reduce((n, c) => Math.max(n, wrappedLines(c.text, c.width, c.bold)), 1);
  return lines * LINE_HEIGHT + 3;
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
