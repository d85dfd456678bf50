/**
 * Sizes of what the planner writes: column widths (in Excel's unit, the width of a digit of the
 * default font) and heights of rows whose text wraps. Readers do not grow a row on their own when
 * a file is opened, so the estimates must hold in every reader: they were measured against
 * LibreOffice drawing Calibri with its wider fallback (DejaVu Sans), where a 60-wide column holds
 * about 72 characters of Vietnamese text, and lean towards a line too many rather than one too few.
 */

/**
 * Width of a character in column units (digits are 1 by definition). Widths relative to a digit
 * differ little between Calibri and DejaVu Sans: lower case a little narrower than a digit, i, l,
 * t, f, r and j about half, capitals and m, w wider, spaces and most punctuation half a digit.
 */
function charWidth(ch: string): number {
  let w = CHAR_WIDTHS.get(ch);
  if (w === undefined) {
    w = measureChar(ch);
    CHAR_WIDTHS.set(ch, w);
  }
  return w;
}

/** charWidth's answers so far: a workbook's text uses a few hundred characters, each measured once. */
const CHAR_WIDTHS = new Map<string, number>();

function measureChar(ch: string): number {
  if (ch >= "0" && ch <= "9") return 1;
  if (ch === " " || ch === "\t") return 0.5;
  if (ch === "%") return 1.5;
  const base = ch.normalize("NFD")[0] ?? ch;
  if (base !== base.toLowerCase()) return 1.05;
  if (base !== base.toUpperCase()) {
    if ("iljtfr".includes(base)) return 0.55;
    if ("mw".includes(base)) return 1.4;
    return 0.94;
  }
  return 0.5;
}

/** Bold text is this much wider. */
const BOLD = 1.1;
/** Column padding (cell margins) in column units, for text on one line. */
const PADDING = 2;
/** What wrapped text cannot use of a column's width (cell margins), in column units. */
const WRAP_PADDING = 1.5;
/** Column units one indent level takes (measured in LibreOffice; Excel takes a little less). */
export const INDENT_WIDTH = 1.5;
/** Height in points of one line of 11-point text. */
export const LINE_HEIGHT = 15;
/**
 * The tallest row Excel takes, in points ("Excel specifications and limits": row height, 409
 * points). Excel refuses a taller `RangeFormat.rowHeight` with InvalidArgument, so a row whose text
 * needs more is written this tall: it shows what fits, and the whole text stays in the cell.
 */
export const MAX_ROW_HEIGHT = 409;

/**
 * The widths `template` gives a form's table columns, by the reader's names of them (layout-a.ts
 * TABLE_COLUMNS). `Số liệu` also holds the labels of the summary the scoring writes above the
 * table ("Hạng trong loại"), and `Điểm` the not-applicable word ("Không áp dụng"): both wide
 * enough for them in bold.
 */
export const FORM_COLUMN_WIDTHS = { code: 12, item: 60, max: 11, value: 16, appraised: 14, self: 11, evidence: 36, note: 24, score: 14 } as const;

/** How wide `text` is in column units. */
export function textWidth(text: string, bold = false): number {
  let w = TEXT_WIDTHS.get(text);
  if (w === undefined) {
    w = 0;
    for (const ch of text.normalize("NFC")) w += charWidth(ch);
    if (TEXT_WIDTHS.size >= TEXT_WIDTHS_MAX) TEXT_WIDTHS.clear();
    TEXT_WIDTHS.set(text, w);
  }
  return w * (bold ? BOLD : 1);
}

/** textWidth's answers (regular weight) for texts and words met so far, up to this many (then it starts afresh): forms repeat theirs on every sheet. */
const TEXT_WIDTHS_MAX = 50_000;
const TEXT_WIDTHS = new Map<string, number>();

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

/**
 * The lines `text` takes when wrapped at word boundaries in a column `width` wide. `size` is the
 * font size in points (text of 14 points is as wide as 14/11 of the same text at 11).
 */
export function wrappedLines(text: string, width: number, bold = false, size = 11): number {
  const room = Math.max(1, width - WRAP_PADDING);
  const scale = size / 11;
  const space = textWidth(" ") * scale;
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    lines++;
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      const w = textWidth(word, bold) * scale;
      const next = used === 0 ? w : used + space + w;
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

/** A cell whose text wraps: its text, the width it wraps in (after any indent), its font. */
export interface WrappedCell {
  text: string;
  width: number;
  bold?: boolean;
  /** Font size in points; 11 when left out. */
  size?: number;
  /** Lines of the same cell below the text in another font (rich text), e.g. a smaller note under a name. */
  below?: { text: string; bold?: boolean; size?: number }[];
}

/** Points the text of a cell takes, all its parts stacked. */
function cellHeight(c: WrappedCell): number {
  const parts = [{ text: c.text, bold: c.bold, size: c.size }, ...(c.below ?? [])];
  return parts.reduce((sum, p) => {
    const size = p.size ?? 11;
    return sum + wrappedLines(p.text, c.width, p.bold, size) * LINE_HEIGHT * (size / 11);
  }, 0);
}

/**
 * The height of a row whose cells wrap: enough lines for the tallest cell, up to the tallest row
 * Excel takes ({@link MAX_ROW_HEIGHT}). Every row height the planner and the template write comes
 * from here.
 */
export function wrappedHeight(cells: WrappedCell[]): number {
  const height = cells.reduce((h, c) => Math.max(h, cellHeight(c)), LINE_HEIGHT);
  return Math.min(MAX_ROW_HEIGHT, Math.ceil(height) + 3);
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
