/**
 * CSV text → rows of strings, and a CSV file → a one-sheet workbook snapshot (layout B).
 * Pure: works on a string or on the file's bytes, in the browser and in Node alike.
 */
import type { CellValue, WorkbookSnapshot } from "../types";

export type CsvDelimiter = "," | ";";

export interface CsvTable {
  rows: string[][];
  delimiter: CsvDelimiter;
}

/** Windows-1252 code points of bytes 0x80–0x9F (the rest of the range equals Latin-1). */
const CP1252_HIGH: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

function cp1252(byte: number): number {
  return byte >= 0x80 && byte <= 0x9f ? (CP1252_HIGH[byte - 0x80] ?? byte) : byte;
}

/** Length of the valid UTF-8 sequence starting at i, or 0 when the byte there does not start one. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] ?? 0;
  if (b0 < 0x80) return 1;
  let length: number;
  let min: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    length = 2;
    min = 0x80;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3;
    min = 0x800;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4;
    min = 0x10000;
  } else return 0;
  if (i + length > bytes.length) return 0;
  let cp = b0 & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k] ?? 0;
    if ((b & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return length;
}

/**
 * Decode bytes as UTF-8 (a BOM is dropped). A byte that is not part of a valid UTF-8 sequence is
 * read as windows-1252, so a file exported by an old tool with a few stray "é" or "–" bytes still
 * reads. Never throws.
 */
export function decodeText(bytes: Uint8Array): string {
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const parts: string[] = [];
  let runStart = i;
  const decoder = new TextDecoder("utf-8");
  const flushRun = (end: number): void => {
    if (end > runStart) parts.push(decoder.decode(bytes.subarray(runStart, end)));
  };
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    flushRun(i);
    parts.push(String.fromCharCode(cp1252(bytes[i] ?? 0)));
    i += 1;
    runStart = i;
  }
  flushRun(i);
  return parts.join("");
}

/** How many records are looked at to choose the delimiter. */
const SNIFF_RECORDS = 20;

/**
 * Split CSV text into records of fields with the given delimiter: quoted fields, doubled quotes,
 * line breaks inside quotes, CRLF/LF/CR line ends. Stops after `limit` records when given.
 */
function splitRecords(text: string, delimiter: CsvDelimiter, limit = Infinity): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endField = (): void => {
    row.push(field);
    field = "";
  };
  const endRow = (): void => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length && rows.length < limit) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) endField();
    else if (ch === "\r") {
      endRow();
      if (text[i + 1] === "\n") i += 1;
    } else if (ch === "\n") endRow();
    else field += ch;
    i += 1;
  }
  if (rows.length < limit && (field !== "" || row.length > 0)) endRow();
  return rows;
}

/** Field counts of the first records that are not blank. */
function fieldCounts(text: string, delimiter: CsvDelimiter): number[] {
  return splitRecords(text, delimiter, SNIFF_RECORDS)
    .filter((r) => r.some((f) => f.trim() !== ""))
    .map((r) => r.length);
}

/**
 * The delimiter that splits the first records (header and data alike, quotes respected) into the
 * same number of fields, more than one. A header such as "p – Điểm tự chấm, theo hướng dẫn" has
 * commas in a semicolon file; counting the header's commas alone would choose wrongly. When both
 * delimiters split every record evenly, the one giving more fields wins, and ";" on a tie (commas
 * turn up inside Vietnamese text and decimal numbers, a semicolon on every line rarely does).
 * When neither is consistent, the one for which most records agree with the header's count.
 */
function detectDelimiter(text: string): CsvDelimiter {
  const candidates: CsvDelimiter[] = [";", ","];
  const scored = candidates.map((d) => {
    const counts = fieldCounts(text, d);
    const header = counts[0] ?? 1;
    const agreeing = counts.filter((c) => c === header).length;
    return { d, header, consistent: header > 1 && agreeing === counts.length, share: header > 1 ? agreeing / counts.length : 0 };
  });
  const consistent = scored.filter((s) => s.consistent).sort((a, b) => b.header - a.header);
  if (consistent[0]) return consistent[0].d;
  const best = [...scored].sort((a, b) => b.share - a.share || b.header - a.header)[0];
  return best && best.share > 0 ? best.d : ",";
}

/**
 * Parse CSV text or bytes: quoted fields, doubled quotes, line breaks inside quotes, CRLF/LF/CR
 * line ends, a BOM. The delimiter ("," or ";", as Excel writes in Vietnamese locales) is the one
 * that gives every one of the first records the same number of fields. Trailing empty lines are
 * dropped. Never throws.
 */
export function parseCsv(input: string | Uint8Array): CsvTable {
  let text = typeof input === "string" ? input : decodeText(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = detectDelimiter(text);
  const rows = splitRecords(text, delimiter);
  while (rows.length > 0 && (rows[rows.length - 1] as string[]).every((f) => f.trim() === "")) rows.pop();
  return { rows, delimiter };
}

/** A CSV file as a one-sheet workbook snapshot of strings (empty fields become empty cells). */
export function csvToSnapshot(input: string | Uint8Array, sheetName: string): WorkbookSnapshot {
  const { rows } = parseCsv(input);
  const values: CellValue[][] = rows.map((r) => r.map((f) => (f.trim() === "" ? null : f)));
  return { sheets: [{ name: sheetName, values, visible: true }] };
}
