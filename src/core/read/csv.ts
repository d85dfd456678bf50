/**
 * CSV text → rows of strings, and a CSV file → a one-sheet workbook snapshot (layout B).
 * Pure: works on a string or on the file's bytes, in the browser and in Node alike.
 *
 * Bytes are decoded as Excel writes CSV files on Vietnamese Windows: "CSV UTF-8" (UTF-8 with a
 * BOM), "Unicode text" (UTF-16LE with a BOM, tab separated) and "CSV (Comma delimited)" (the
 * ANSI code page, Windows-1258). Bytes that are not valid UTF-8 are read as Windows-1258 and the
 * result says so, so that the user can be warned to check the diacritics. Bytes of text typed in an
 * old encoding of Vietnamese (TCVN3, VNI) are read as the characters Excel shows in their cells and
 * the result says which encoding, so that the user is told to convert them (never done here).
 */
import { type LegacyEncoding, fromLegacy, legacyEncodingOf } from "../i18n/text";
import type { CellValue, WorkbookSnapshot } from "../types";

export type CsvDelimiter = "," | ";" | "\t";

/**
 * How the bytes of a text file were read. "windows-1258" and "windows-1252" mean: they were not
 * valid UTF-8, and were read in Vietnamese Windows' code page, or (a text with no Vietnamese tone
 * mark: saved by Excel on an English or other Western Windows) in Western European Windows'.
 */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1258" | "windows-1252";

/** Whether a text was read in a Windows code page (not valid UTF-8): the user is told to check it. */
export function isCodePage(encoding: TextEncoding): encoding is "windows-1258" | "windows-1252" {
  return encoding === "windows-1258" || encoding === "windows-1252";
}

/**
 * The bytes that are Vietnamese tone marks in Windows-1258 (combining grave, hook above, tilde,
 * acute, dot below): nearly every Vietnamese text has one. In Windows-1252 they are Ì Ò Þ ì ò.
 */
const CP1258_TONE_MARKS = new Set([0xcc, 0xd2, 0xde, 0xec, 0xf2]);

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /**
   * With "windows-1258": the text is typed in an old encoding of Vietnamese (legacyOfBytes), and
   * was read byte for byte as the characters a workbook holds for it ("§¬n vÞ"), not as Windows-1258.
   */
  legacy?: LegacyEncoding;
}

export interface CsvTable {
  rows: string[][];
  delimiter: CsvDelimiter;
  /** How the bytes were decoded ("utf-8" for text given as a string). */
  encoding: TextEncoding;
  /** The old encoding of Vietnamese the text is typed in (DecodedText.legacy). */
  legacy?: LegacyEncoding;
}

/**
 * Code points of the bytes 0x80–0xFF in Windows-1258 (the WHATWG Encoding Standard's
 * index-windows-1258, the table browsers and Node's TextDecoder use). Vietnamese tone marks are
 * combining characters there (0xCC, 0xD2, 0xDE, 0xEC, 0xF2), composed by NFC after decoding.
 */
const CP1258_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x008a, 0x2039, 0x0152, 0x008d, 0x008e, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x009a, 0x203a, 0x0153, 0x009d, 0x009e, 0x0178,
  0x00a0, 0x00a1, 0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x00a7, 0x00a8, 0x00a9, 0x00aa, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x00af,
  0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x00b4, 0x00b5, 0x00b6, 0x00b7, 0x00b8, 0x00b9, 0x00ba, 0x00bb, 0x00bc, 0x00bd, 0x00be, 0x00bf,
  0x00c0, 0x00c1, 0x00c2, 0x0102, 0x00c4, 0x00c5, 0x00c6, 0x00c7, 0x00c8, 0x00c9, 0x00ca, 0x00cb, 0x0300, 0x00cd, 0x00ce, 0x00cf,
  0x0110, 0x00d1, 0x0309, 0x00d3, 0x00d4, 0x01a0, 0x00d6, 0x00d7, 0x00d8, 0x00d9, 0x00da, 0x00db, 0x00dc, 0x01af, 0x0303, 0x00df,
  0x00e0, 0x00e1, 0x00e2, 0x0103, 0x00e4, 0x00e5, 0x00e6, 0x00e7, 0x00e8, 0x00e9, 0x00ea, 0x00eb, 0x0301, 0x00ed, 0x00ee, 0x00ef,
  0x0111, 0x00f1, 0x0323, 0x00f3, 0x00f4, 0x01a1, 0x00f6, 0x00f7, 0x00f8, 0x00f9, 0x00fa, 0x00fb, 0x00fc, 0x01b0, 0x20ab, 0x00ff,
];

/**
 * Code points of the bytes 0x80–0x9F in Windows-1252 (the WHATWG index-windows-1252; from 0xA0 it
 * is Latin-1). Written out: Node's TextDecoder reads those bytes as Latin-1's control characters.
 */
const CP1252_C1: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

function cp1252(byte: number): string {
  return String.fromCharCode(byte >= 0x80 && byte < 0xa0 ? (CP1252_C1[byte - 0x80] ?? byte) : byte);
}

function cp1258(byte: number): string {
  return String.fromCharCode(byte < 0x80 ? byte : (CP1258_HIGH[byte - 0x80] ?? byte));
}

/**
 * The bytes from `start` as the characters a workbook holds for text typed in a legacy font: each
 * byte from 0xA0 its Latin-1 character ("§" for TCVN3's Đ), as Windows shows them in an English
 * locale, the bytes 0x80–0x9F as Windows-1258 reads them.
 */
function latin1(bytes: Uint8Array, start: number): string {
  const parts: string[] = [];
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i] as number;
    parts.push(b < 0x80 || b >= 0xa0 ? String.fromCharCode(b) : cp1258(b));
  }
  return parts.join("");
}

/**
 * The old encoding of Vietnamese (TCVN3, VNI) that text which is not UTF-8, read byte for byte
 * (latin1), is typed in: one field or more surely of it (legacyEncodingOf, whose signs Unicode and
 * Windows-1258 text do not show), and most fields with a byte above 0x7F text of it (fromLegacy;
 * a few fields garbled otherwise do not hide it); the encoding with more such fields first. Text in
 * Windows-1258 is none: it writes "đ", in nearly every Vietnamese text, as 0xF0, which neither
 * encoding has.
 */
export function legacyOfBytes(text: string): LegacyEncoding | undefined {
  if (text.includes("\u00F0")) return undefined;
  const fields = text
    .replace(/\u00A0/g, " ")
    .split(/[,;\t\r\n"]+/)
    .map((f) => f.trim())
    .filter((f) => /[\u0080-\uffff]/.test(f));
  const found = (["tcvn3", "vni"] as const).map((encoding) => ({
    encoding,
    sure: fields.filter((f) => legacyEncodingOf(f) === encoding).length,
    valid: fields.filter((f) => fromLegacy(f, encoding) !== undefined).length,
  }));
  const best = found.filter((f) => f.sure > 0 && f.valid >= fields.length * LEGACY_SHARE).sort((a, b) => b.sure - a.sure)[0];
  return best?.encoding;
}

/** The share of a file's fields with letters beyond ASCII that must be text of an old encoding for the file to be taken as one (legacyOfBytes). */
const LEGACY_SHARE = 0.8;

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

/** UTF-16 code units from `start`, little- or big-endian (a trailing odd byte is dropped). */
function decodeUtf16(bytes: Uint8Array, start: number, littleEndian: boolean): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  let units: number[] = [];
  for (let i = start; i + 1 < bytes.length; i += 2) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] as number;
    units.push(littleEndian ? a | (b << 8) : (a << 8) | b);
    if (units.length === CHUNK) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
  }
  if (units.length > 0) parts.push(String.fromCharCode(...units));
  return parts.join("");
}

/**
 * UTF-16 without a byte order mark, told by its zero bytes: text that is mostly ASCII has a zero
 * in every other byte (the high byte), which UTF-8 and Windows-1258 text never has.
 */
function sniffUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, 2000) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return "utf-16be";
  return undefined;
}

/**
 * Decode a text file's bytes and say how:
 * - a UTF-16 byte order mark (FF FE, FE FF), or zero bytes in every other place: UTF-16LE/BE
 *   (Excel's "Unicode text");
 * - valid UTF-8, with or without a BOM: UTF-8;
 * - otherwise the file was saved in the ANSI code page of Vietnamese Windows (Excel's "CSV
 *   (Comma delimited)"): every byte is read as Windows-1258, except that when the file also holds
 *   UTF-8 sequences of three or four bytes (real UTF-8 text with a few stray bytes; Windows-1258
 *   text practically never forms them) those are kept as UTF-8. The result is NFC, so that a
 *   base letter and its tone mark are one character ("ê" + dot below → "ệ");
 * - but text typed in a legacy font (TCVN3, VNI: legacyOfBytes) is read byte for byte as the
 *   characters its cells held ("§¬n vÞ"), and `legacy` says which encoding, so that the user is told
 *   to convert it: read as Windows-1258 it would only look wrong another way.
 * A BOM is dropped. Never throws.
 */
export function decodeTextDetailed(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeUtf16(bytes, 2, true), encoding: "utf-16le" };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeUtf16(bytes, 2, false), encoding: "utf-16be" };
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (start === 0) {
    const utf16 = sniffUtf16(bytes);
    if (utf16) return { text: decodeUtf16(bytes, 0, utf16 === "utf-16le"), encoding: utf16 };
  }
  // One pass: where the UTF-8 sequences are, and whether any byte is not part of one.
  let invalid = 0;
  let longSequences = 0;
  for (let i = start; i < bytes.length; ) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      invalid++;
      i += 1;
    } else {
      if (length >= 3) longSequences++;
      i += length;
    }
  }
  const decoder = new TextDecoder("utf-8");
  if (invalid === 0) return { text: decoder.decode(bytes.subarray(start)), encoding: "utf-8" };
  if (longSequences === 0) {
    // Text typed in a legacy font, saved byte for byte: kept as the characters its cells showed.
    const bytewise = latin1(bytes, start);
    const legacy = legacyOfBytes(bytewise);
    if (legacy !== undefined) return { text: bytewise, encoding: "windows-1258", legacy };
  }
  // No Vietnamese tone mark anywhere: not Vietnamese text, but one of a Western Windows ("São Tomé
  // and Príncipe", "Côte d'Ivoire"), whose ã, õ, Ý… Windows-1258 would turn into ă, ơ, Ư.
  if (longSequences === 0 && !bytes.subarray(start).some((b) => CP1258_TONE_MARKS.has(b))) {
    const parts: string[] = [];
    for (let i = start; i < bytes.length; i++) parts.push(cp1252(bytes[i] as number));
    return { text: parts.join("").normalize("NFC"), encoding: "windows-1252" };
  }
  const parts: string[] = [];
  if (longSequences === 0) {
    for (let i = start; i < bytes.length; i++) parts.push(cp1258(bytes[i] as number));
  } else {
    let runStart = start;
    let i = start;
    while (i < bytes.length) {
      const length = utf8SequenceLength(bytes, i);
      if (length > 0) {
        i += length;
        continue;
      }
      if (i > runStart) parts.push(decoder.decode(bytes.subarray(runStart, i)));
      parts.push(cp1258(bytes[i] as number));
      i += 1;
      runStart = i;
    }
    if (i > runStart) parts.push(decoder.decode(bytes.subarray(runStart, i)));
  }
  return { text: parts.join("").normalize("NFC"), encoding: "windows-1258" };
}

/** The text of a file's bytes (see decodeTextDetailed), without saying how it was decoded. */
export function decodeText(bytes: Uint8Array): string {
  return decodeTextDetailed(bytes).text;
}

/** How many records are looked at to choose the delimiter. */
const SNIFF_RECORDS = 20;

/**
 * Split CSV text into records of fields with the given delimiter: quoted fields, doubled quotes,
 * line breaks inside quotes, CRLF/LF/CR line ends. Stops after `limit` records when given.
 * `spacedQuotes`: a quote after spaces still opens a quoted field (`SNV, "Sở Văn hóa, Thể thao"`, as
 * people type a list), the spaces dropped; a file as Excel writes it has none.
 */
function splitRecords(text: string, delimiter: CsvDelimiter, limit = Infinity, spacedQuotes = false): string[][] {
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
    if (ch === '"' && (field === "" || (spacedQuotes && field.trim() === ""))) {
      quoted = true;
      field = "";
    } else if (ch === delimiter) endField();
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

/**
 * The fields of one line typed or pasted by a person, split on `delimiter` as a CSV record (quotes
 * may follow spaces), each trimmed.
 */
export function splitCsvLine(line: string, delimiter: CsvDelimiter): string[] {
  return (splitRecords(line, delimiter, 1, true)[0] ?? [""]).map((f) => f.trim());
}

/** Field counts of the first records that are not blank. */
function fieldCounts(text: string, delimiter: CsvDelimiter): number[] {
  return splitRecords(text, delimiter, SNIFF_RECORDS)
    .filter((r) => r.some((f) => f.trim() !== ""))
    .map((r) => r.length);
}

/**
 * The delimiter that splits most of the first records (header and data alike, quotes respected)
 * into the same number of fields, more than one. Records a delimiter leaves whole (one field) say
 * nothing and are left out, so that a title line above the table ("Bảng tổng hợp số liệu năm
 * 2024", without padding) does not hide a semicolon or tab table. For each delimiter, its field
 * count is the most common one above one, and its support the number of records with that count;
 * the most support wins. On equal support: one that splits every such record evenly, then a tab
 * (Excel's "Unicode text" is tab separated, and its unquoted fields may hold commas and
 * semicolons; a tab rarely turns up inside text), then more fields, then ";" before "," (commas
 * turn up inside Vietnamese text and decimal numbers, a semicolon on every line rarely does).
 * A header such as "p – Điểm tự chấm, theo hướng dẫn" has commas in a semicolon file, so the
 * header's commas alone never decide. When no delimiter splits any record, ",".
 */
function detectDelimiter(text: string): CsvDelimiter {
  const candidates: CsvDelimiter[] = [";", ",", "\t"];
  const scored = candidates.map((d, order) => {
    const split = fieldCounts(text, d).filter((c) => c > 1);
    const tally = new Map<number, number>();
    for (const c of split) tally.set(c, (tally.get(c) ?? 0) + 1);
    let fields = 0;
    let support = 0;
    for (const [c, n] of tally) if (n > support || (n === support && c > fields)) [fields, support] = [c, n];
    return { d, fields, support, even: support > 0 && support === split.length, tab: d === "\t", order };
  });
  const best = scored.sort(
    (a, b) => b.support - a.support || Number(b.even) - Number(a.even) || Number(b.tab) - Number(a.tab) || b.fields - a.fields || a.order - b.order,
  )[0];
  return best && best.support > 0 ? best.d : ",";
}

/**
 * Parse CSV text or bytes: quoted fields, doubled quotes, line breaks inside quotes, CRLF/LF/CR
 * line ends, a BOM; bytes in UTF-8, UTF-16 or Windows-1258 (see decodeTextDetailed). The
 * delimiter ("," or ";", as Excel writes in Vietnamese locales, or a tab) is the one that gives
 * most of the first records the same number of fields (detectDelimiter; a title line above the
 * table is not counted). Trailing empty lines are dropped.
 * Never throws.
 */
export function parseCsv(input: string | Uint8Array): CsvTable {
  const decoded: DecodedText = typeof input === "string" ? { text: input, encoding: "utf-8" } : decodeTextDetailed(input);
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = detectDelimiter(text);
  const rows = splitRecords(text, delimiter);
  while (rows.length > 0 && (rows[rows.length - 1] as string[]).every((f) => f.trim() === "")) rows.pop();
  return { rows, delimiter, encoding: decoded.encoding, ...(decoded.legacy !== undefined ? { legacy: decoded.legacy } : {}) };
}

/**
 * A CSV file as a one-sheet workbook snapshot of strings (empty fields become empty cells). The
 * sheet is marked as the file `fileName` (the sheet's name when not given), so that findings
 * about it name the file, the row and the column.
 */
export function csvToSnapshot(input: string | Uint8Array, sheetName: string, fileName: string = sheetName): WorkbookSnapshot {
  const { rows } = parseCsv(input);
  const values: CellValue[][] = rows.map((r) => r.map((f) => (f.trim() === "" ? null : f)));
  return { sheets: [{ name: sheetName, values, visible: true, csvFile: fileName }] };
}
