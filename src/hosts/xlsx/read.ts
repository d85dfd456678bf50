/** An ExcelJS workbook → a WorkbookSnapshot: values only, as the reader expects them. */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../core/types";
import { columnLetter, columnNumber, parseCell } from "../../core/a1";
import { datePartShown } from "../../core/read/periods";
import { isPercentFormat } from "../../core/read/values";
import {
  ContentTypes,
  NS_R,
  attr,
  hasPageBreaks,
  hasWordBooleans,
  isExternal,
  legacySheetPassword,
  normalizeBooleans,
  pageBreaksIn,
  parseRels,
  relativeTarget,
  relsPathOf,
  resolveTarget,
  sheetParts,
  unescapeXml,
  writeRels,
} from "./ooxml";
import { quotedPrintNames } from "./defined-names";
import { type SheetPageBreaks, keepPageBreaks } from "./finish";
import { readableLinksIn } from "./links";
import { type NoteToRestore, readableNotePartsIn, restoreNotes } from "./sheet-notes";
import { notesToRestore } from "./threaded-comments";
import { X14_FORMATS_EXT_URI, rememberSheetNames, takeOutX14Formats } from "./x14-formats";
import { hasX14Validations, keepX14Validations } from "./x14-validations";

/** A date as ISO text: the day alone when there is no time of day. */
export function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(/\.\d{3}Z$/, "");
}

/**
 * The serial number of a date as ExcelJS made the date from it: days since 1899-12-30 in the 1900
 * date system, since 1904-01-01 in the 1904 one (1462 days later).
 */
function dateSerial(d: Date, date1904 = false): number {
  return Math.round((d.getTime() / 86_400_000 + 25_569 - (date1904 ? 1462 : 0)) * 1e9) / 1e9;
}

/** Whether the workbook counts its dates from 1 January 1904 (its workbookPr date1904), as ExcelJS read it. */
export function usesDate1904(wb: ExcelJS.Workbook): boolean {
  return (wb.properties as Partial<ExcelJS.WorkbookProperties> | undefined)?.date1904 === true;
}

function richText(runs: { text?: string }[]): string {
  return runs.map((r) => r.text ?? "").join("");
}

/**
 * One ExcelJS cell value → a snapshot value. `formula`: the cell's formula when the value is a
 * clone of a shared formula (its value names only the master cell), to tell the user which.
 * `date1904`: the workbook counts its dates from 1904 (ExcelJS made its dates so).
 */
export function snapshotValue(v: ExcelJS.CellValue | undefined, formula?: string, date1904 = false): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return v;
  // An Invalid Date (a number of 100 million or more in a cell formatted as a date) has lost its
  // number: restoreStoredValues gives it back to a file read; one left here reads as nothing, never a crash.
  // A date after Excel's last day (9999-12-31: a serial of 2958465) is a number shown as ##### in
  // Excel, not a date: read as the number (12345678 in a column of dates), as the Excel host reads it.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getUTCFullYear() > 9999 ? dateSerial(v, date1904) : dateText(v);
  if (typeof v === "object") {
    const o = v as unknown as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if ("formula" in o || "sharedFormula" in o) {
      const result = o.result as ExcelJS.CellValue | undefined;
      // No stored result: not a blank cell (a figure typed as a formula would read as missing), but one that cannot be read.
      if (result === undefined) return { error: "", formula: `=${String(o.formula ?? formula ?? "")}` };
      return snapshotValue(result, undefined, date1904);
    }
    if (Array.isArray(o.richText)) return richText(o.richText as { text?: string }[]);
    if ("hyperlink" in o || "text" in o) {
      const t = o.text;
      if (typeof t === "string") return t;
      if (t && typeof t === "object" && Array.isArray((t as { richText?: unknown }).richText))
        return richText((t as { richText: { text?: string }[] }).richText);
      return t === undefined || t === null ? null : String(t);
    }
  }
  return String(v);
}

/**
 * A cell's value as snapshotValue takes it. A formula's cached result is taken from the cell
 * itself: ExcelJS's `cell.value` leaves out a result of 0, FALSE or "" (a council's appraised 0
 * computed by a formula would read as a blank cell).
 */
/** A cell as the snapshot holds it: a merged cell's hidden part is empty. */
export function cellSnapshot(cell: ExcelJS.Cell): CellValue {
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  return snapshotValue(cellValue(cell), cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined, usesDate1904(cell.worksheet.workbook));
}

export function cellValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
  if (cell.type !== ExcelJS.ValueType.Formula) return cell.value;
  const result = cell.result as ExcelJS.CellValue | undefined;
  return { ...(cell.value as object), ...(result !== undefined ? { result } : {}) } as ExcelJS.CellValue;
}

/** A fill as text that survives the `_index` sheet: "#RRGGBB" for a plain solid colour, the ExcelJS fill as JSON otherwise. */
export function fillText(fill: ExcelJS.Fill | undefined): string | undefined {
  if (!fill) return undefined;
  if (fill.type === "pattern") {
    if (fill.pattern === "none") return undefined;
    const argb = fill.fgColor?.argb;
    if (fill.pattern === "solid" && argb && /^[0-9A-Fa-f]{8}$/.test(argb) && Object.keys(fill.fgColor ?? {}).length === 1)
      return `#${argb.slice(2).toUpperCase()}`;
  }
  return `xlsx:${JSON.stringify(fill)}`;
}

/** The fill `fillText` described (undefined = no fill). */
export function fillFromText(text: string | undefined): ExcelJS.Fill | undefined {
  if (!text) return undefined;
  if (/^#[0-9A-Fa-f]{6}$/.test(text)) return { type: "pattern", pattern: "solid", fgColor: { argb: `FF${text.slice(1).toUpperCase()}` } };
  if (text.startsWith("xlsx:")) {
    try {
      return JSON.parse(text.slice(5)) as ExcelJS.Fill;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The merged ranges of a sheet ("B1:I1"), as ExcelJS keeps them (one per top-left cell). */
export function mergedRanges(ws: ExcelJS.Worksheet): string[] {
  const merges = (ws as unknown as { _merges?: Record<string, { tl?: string; br?: string } | undefined> })._merges ?? {};
  const out: string[] = [];
  for (const m of Object.values(merges)) if (m?.tl && m.br && m.tl !== m.br) out.push(`${m.tl}:${m.br}`);
  return out;
}

export function snapshotSheet(ws: ExcelJS.Worksheet): SheetSnapshot {
  const values: CellValue[][] = [];
  const fills: Record<string, string> = {};
  const percentCells: string[] = [];
  const datePartCells: Record<string, "year" | "month"> = {};
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    // Empty cells too: an empty input cell may carry a fill that an issue mark must give back.
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const fill = fillText(cell.fill);
      if (fill !== undefined) fills[cell.address] = fill;
      // A merged range holds its value in its top-left cell only.
      const value = cellSnapshot(cell);
      if (value === null) return;
      if (typeof value === "number" && isPercentFormat(cell.numFmt)) percentCells.push(cell.address);
      // A date shown by its format as its year or its month alone ("yyyy", "mm/yyyy"), as the Excel host says it.
      if (typeof value === "string" && holdsDate(cell)) {
        const part = datePartShown(cell.numFmt);
        if (part !== undefined) datePartCells[cell.address] = part;
      }
      while (cells.length < colNumber - 1) cells.push(null);
      cells[colNumber - 1] = value;
    });
    while (values.length < rowNumber - 1) values.push([]);
    values[rowNumber - 1] = cells;
  });
  const merges = mergedRanges(ws);
  return {
    name: ws.name,
    values,
    visible: ws.state === "visible" || ws.state === undefined,
    ...(Object.keys(fills).length > 0 ? { fills } : {}),
    ...(merges.length > 0 ? { merges } : {}),
    ...(percentCells.length > 0 ? { percentCells } : {}),
    ...(Object.keys(datePartCells).length > 0 ? { datePartCells } : {}),
  };
}

/** Whether ExcelJS gives the cell's value, or its formula's result, as a date (its number format is one of a date). */
function holdsDate(cell: ExcelJS.Cell): boolean {
  const v = cellValue(cell);
  return v instanceof Date || (typeof v === "object" && v !== null && (v as { result?: unknown }).result instanceof Date);
}

export function snapshotWorkbook(wb: ExcelJS.Workbook, source?: string, csvFields?: number[]): WorkbookSnapshot {
  // A workbook made from a CSV file (the command line's reading of one) is spoken of as that file,
  // with the count of fields on each of its lines when given.
  const csvFile = source !== undefined && /\.(csv|tsv|txt)$/i.test(source) ? { csvFile: source, ...(csvFields ? { csvFields } : {}) } : {};
  return {
    sheets: wb.worksheets.map((ws) => ({ ...snapshotSheet(ws), ...csvFile })),
    ...(source !== undefined ? { source } : {}),
    // Its date cells' text was made in the 1904 system (ExcelJS's dates): the reader says their numbers in it too.
    ...(usesDate1904(wb) ? { date1904: true } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a file another program saved

/** A package ready for ExcelJS, and what ExcelJS would lose of it. */
export interface PreparedXlsx {
  /** The file, its booleans written as ExcelJS reads them; the very bytes given when none needed it. */
  bytes: Uint8Array;
  /** The legacy `password` of each protected sheet that has one, by sheet name (ExcelJS drops it). */
  legacyPasswords: Map<string, string>;
  /** What the file stores in cells ExcelJS may read otherwise (storedValuesIn), by sheet name then cell ("E16"). */
  storedValues: Map<string, Map<string, StoredValue>>;
  /** The notes of each sheet as the file has them (notesToRestore), by sheet name then cell: ExcelJS loses some (restoreNotes). */
  notes: Map<string, Map<string, NoteToRestore>>;
  /**
   * The part of each sheet with x14 conditional formats (x14-formats.ts) or x14 data validations
   * (x14-validations.ts), by sheet name: ExcelJS cannot write some of the formats, which are taken
   * out of its model and written raw (takeOutX14Formats), and reads none of the validations, which
   * the sheet keeps aside to be written raw (keepX14Validations).
   */
  x14Sheets: Map<string, string>;
  /** The manual page breaks of each sheet that has some (<rowBreaks>, <colBreaks>), by sheet name: ExcelJS reads none of them (keepPageBreaks). */
  pageBreaks: Map<string, SheetPageBreaks>;
}

/**
 * A formula's cached result, or a cell's number, as the file stores it; a date (`t="d"`) as the
 * day and time it writes, in UTC (restoreStoredValues makes it the workbook's serial number).
 */
export type StoredValue = number | string | boolean | { error: string } | { date: Date };

/** A sheet that may hold a cell storedValuesIn records (a cheap test before reading its cells). */
const MISREAD_HINT = /\bt="(?:str|e|b|d)"|<v>\s*[-+]?(?:\d{8}|\d[\d.]*[eE]\+?\d)/;

/**
 * The day and time of an ISO 8601 date as a cell of type `t="d"` stores it ("2024-03-04",
 * "2024-03-04T00:00:00", "2024-03-04T08:30:00.000Z"), as a Date in UTC: the time of day as
 * written (a zone or offset is left aside, as Excel shows the time written). Undefined for
 * anything else (a time alone, text).
 */
export function isoDate(text: string): Date | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?\s*$/i.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number, number, number];
  const ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  // Not a day of that month ("2024-02-30").
  if (date.getUTCDate() !== d) return undefined;
  if (y < 100) date.setUTCFullYear(y);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The date ExcelJS makes of the serial number Excel keeps for `date` (a day as isoDate reads it)
 * in the workbook's date system: the date itself, but for the days of 1900 before March in the
 * 1900 system, where Excel counts a 29 February 1900 that was not and ExcelJS does not (serial 5
 * is 5 January 1900 in Excel, 4 January to ExcelJS): so that the number written back is the one
 * Excel has for the day, as a cell of that number formatted as a date is read.
 */
function excelDate(date: Date, date1904: boolean): Date {
  if (date1904 || date.getTime() >= Date.UTC(1900, 2, 1) || date.getTime() < Date.UTC(1900, 0, 1)) return date;
  return new Date(date.getTime() - 86_400_000);
}

/** A cell of a worksheet part: its attributes, and what it holds. */
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
/**
 * Numbers from this size on are no date ExcelJS can make (a Date holds ±100 million days from
 * 1970): given a date format, they come out an Invalid Date. A little below, to be safe.
 */
const BEYOND_DATES = 99_000_000;

/**
 * The cells of a worksheet part whose stored value ExcelJS reads otherwise, with that value:
 * - a formula whose cached result is text (`t="str"`): an empty result, `<v></v>` or `<v/>` as
 *   Excel and LibreOffice write it, ExcelJS reads as no result, the same as a formula never
 *   calculated; a figure a formula leaves blank would read as one that cannot be read. A formula
 *   with no `<v>` at all stores no result, whatever its type says (`<c t="str"><f>…</f></c>`, as
 *   `<c><f>…</f></c>`: a program that does not calculate wrote it): it is not recorded, and stays
 *   a formula whose result the file does not store, never a blank cell;
 * - a formula's text, error (`t="e"`) or truth value (`t="b"`) result in a cell with a date
 *   format, which ExcelJS makes a date (an Invalid Date, or a day of 1830 for TRUE);
 * - a number too large for a date (BEYOND_DATES, a phone number in a column of dates), which a
 *   date format makes an Invalid Date;
 * - a date stored as ISO text (`t="d"`, `<v>2024-03-04T00:00:00</v>`, as openpyxl with
 *   iso_dates and SheetJS with cellDates write it), or a formula's result so, which ExcelJS reads
 *   as the number its text starts with (2024): a date in a figure cell would read as a count of
 *   2024, or in a date format as a day of 1905.
 * Only cells ExcelJS may misread are recorded: restoreStoredValues puts back those it did.
 */
export function storedValuesIn(sheetXml: string): Map<string, StoredValue> {
  const out = new Map<string, StoredValue>();
  if (!MISREAD_HINT.test(sheetXml)) return out;
  for (const m of sheetXml.matchAll(CELL)) {
    const attrs = m[1] ?? "";
    const body = m[2] ?? "";
    const address = attr(attrs, "r");
    if (address === undefined || !/^[A-Z]{1,3}\d+$/.test(address)) continue;
    const type = attr(attrs, "t");
    // The stored value: "" for an empty one (`<v></v>`, `<v/>`), undefined when the cell has none.
    const stored = /<v(?:\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/v>)/.exec(body);
    const v = stored ? (stored[1] ?? "") : undefined;
    const formula = /<f[\s>/]/.test(body);
    if (formula && type === "str" && v !== undefined) out.set(address, unescapeXml(v));
    else if (formula && type === "e" && v !== undefined && v !== "") out.set(address, { error: unescapeXml(v) });
    else if (formula && type === "b" && v !== undefined && v !== "") out.set(address, Number(v) !== 0);
    else if (type === "d" && v !== undefined) {
      const date = isoDate(unescapeXml(v));
      if (date) out.set(address, { date });
    }
    else if ((type === undefined || type === "n") && v !== undefined) {
      const n = Number(v.trim());
      if (v.trim() !== "" && Number.isFinite(n) && Math.abs(n) >= BEYOND_DATES) out.set(address, n);
    }
  }
  return out;
}

/**
 * Puts back in the model what ExcelJS misread of the values storedValuesIn recorded: a formula's
 * empty text result (then read as a blank cell, as Excel shows it), a formula's result made a
 * date, a number made an Invalid Date (then read as the number, as Excel keeps it and the Excel
 * host reads it), a date stored as ISO text (then the date it is: Excel's serial number for it in
 * the workbook's date system, as a date typed into Excel is kept). The workbook written after
 * keeps them as they were: ExcelJS would write an Invalid Date as NaN, which Excel cannot open,
 * and the ISO date as the year.
 */
export function restoreStoredValues(wb: ExcelJS.Workbook, stored: ReadonlyMap<string, ReadonlyMap<string, StoredValue>>): void {
  const date1904 = usesDate1904(wb);
  for (const [name, cells] of stored) {
    const ws = wb.getWorksheet(name);
    if (!ws) continue;
    for (const [address, value] of cells) {
      const { row, column } = parseCell(address);
      const cell = ws.findCell(row, column);
      if (!cell) continue;
      if (typeof value === "object" && "date" in value) {
        const date = excelDate(value.date, date1904);
        if (cell.type === ExcelJS.ValueType.Formula) cell.value = { ...(cell.value as ExcelJS.CellFormulaValue), result: date };
        else if (cell.type !== ExcelJS.ValueType.Merge) cell.value = date;
        continue;
      }
      if (cell.type === ExcelJS.ValueType.Formula) {
        const result = cell.result as ExcelJS.CellValue | undefined;
        const misread =
          result === undefined ? value === "" : result instanceof Date && (typeof value !== "number" || Number.isNaN(result.getTime()));
        if (misread) cell.value = { ...(cell.value as ExcelJS.CellFormulaValue), result: value as ExcelJS.CellFormulaValue["result"] };
      } else if (cell.value instanceof Date && Number.isNaN(cell.value.getTime()) && typeof value === "number") {
        cell.value = value;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A package too large to unpack

/** The most one part of a workbook may unpack to: ExcelJS reads each XML part as one string, and a JavaScript string holds no more. */
export const MAX_PART_BYTES = 512 * 2 ** 20;
/** The most all the parts of a workbook may unpack to together. */
export const MAX_UNPACKED_BYTES = 2 * 2 ** 30;

/** What a zip package's files unpack to, as its central directory declares: in all, and its largest file. */
export interface UnpackedSize {
  total: number;
  largest: { name: string; size: number };
  /** The names of the package's parts, as its directory lists them. */
  parts: string[];
}

/**
 * What the files of the zip package `data` unpack to, as its central directory declares (Zip64
 * sizes too), read without unpacking anything; undefined when `data` is no zip package (no end
 * of central directory record where the format puts it).
 */
export function declaredUnpackedSize(data: Uint8Array): UnpackedSize | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => u32(at) + u32(at + 4) * 2 ** 32;
  // The end of central directory record: within the last 64 KiB (its comment) and 22 bytes.
  let eocd = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (u32(at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return undefined;
  let entries = u16(eocd + 10);
  let size = u32(eocd + 12);
  let offset = u32(eocd + 16);
  const locator = eocd - 20;
  if ((entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) && locator >= 0 && u32(locator) === 0x07064b50) {
    const record = u64(locator + 8);
    if (record + 56 <= data.length && u32(record) === 0x06064b50) {
      entries = u64(record + 32);
      size = u64(record + 40);
      offset = u64(record + 48);
    }
  }
  // Bytes before the package (a self-extracting archive) shift where the directory is.
  if (offset + 4 > data.length || u32(offset) !== 0x02014b50) offset = eocd - size;
  const out: UnpackedSize = { total: 0, largest: { name: "", size: 0 }, parts: [] };
  let at = offset;
  for (let i = 0; i < entries && at >= 0 && at + 46 <= data.length && u32(at) === 0x02014b50; i++) {
    let unpacked = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    if (unpacked === 0xffffffff) {
      // The Zip64 extra field holds the size the header could not.
      for (let x = at + 46 + nameLength; x + 4 <= Math.min(at + 46 + nameLength + extraLength, data.length); ) {
        const id = u16(x);
        const length = u16(x + 2);
        if (id === 0x0001 && length >= 8 && x + 12 <= data.length) {
          unpacked = u64(x + 4);
          break;
        }
        x += 4 + length;
      }
    }
    const name = new TextDecoder().decode(data.subarray(at + 46, Math.min(at + 46 + nameLength, data.length)));
    out.total += unpacked;
    out.parts.push(name);
    if (unpacked > out.largest.size) out.largest = { name, size: unpacked };
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** What the zip package `data` unpacks to when that is more than a workbook of forms may (MAX_PART_BYTES, MAX_UNPACKED_BYTES); undefined otherwise. */
export function unpacksTooLarge(data: Uint8Array): UnpackedSize | undefined {
  let size: UnpackedSize | undefined;
  try {
    size = declaredUnpackedSize(data);
  } catch {
    // A directory that points outside the file: JSZip says what is wrong with it.
    return undefined;
  }
  return size && (size.total > MAX_UNPACKED_BYTES || size.largest.size > MAX_PART_BYTES) ? size : undefined;
}

/** "5,2 GB", "600 MB": a size as people read it, in the language's decimal sign. */
function sizeText(bytes: number, lang: "vi" | "en"): string {
  const [n, unit] = bytes >= 2 ** 30 ? [bytes / 2 ** 30, "GB"] : [bytes / 2 ** 20, "MB"];
  const text = n >= 100 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, "");
  return `${lang === "vi" ? text.replace(".", ",") : text} ${unit}`;
}

/** Why a file that unpacks to too much (unpacksTooLarge) is not read, naming the file and what it unpacks to. */
export function tooLargeToUnpackMessage(file: string, size: UnpackedSize): { vi: string; en: string } {
  const part = (lang: "vi" | "en") => (size.largest.size > MAX_PART_BYTES ? sizeText(size.largest.size, lang) : undefined);
  return {
    vi: `Không đọc tệp ${file}: khi giải nén, tệp này chiếm tới ${sizeText(size.total, "vi")}${part("vi") ? ` (riêng phần ${size.largest.name} đã là ${part("vi")})` : ""}, quá lớn so với một sổ làm việc chứa biểu mẫu (tối đa ${sizeText(MAX_UNPACKED_BYTES, "vi")} cho cả tệp và ${sizeText(MAX_PART_BYTES, "vi")} cho mỗi phần). Tệp có thể bị hỏng hoặc bị cố ý làm phình to; hãy kiểm tra lại nguồn của tệp, hoặc mở tệp trong Excel, xóa phần thừa rồi lưu lại.`,
    en: `File ${file} was not read: it unpacks to ${sizeText(size.total, "en")}${part("en") ? ` (its part ${size.largest.name} alone to ${part("en")})` : ""}, far too much for a workbook of forms (at most ${sizeText(MAX_UNPACKED_BYTES, "en")} for the file, ${sizeText(MAX_PART_BYTES, "en")} for one part). The file may be damaged or swollen on purpose; check where it came from, or open it in Excel, delete what is not needed and save it again.`,
  };
}

/**
 * Why a workbook package holds nothing to read: it has a workbook part but no worksheet, only
 * chart sheets (`charts`: the xl/chartsheets/ parts a "move chart to a new sheet" makes) or no sheet
 * at all; undefined when it has a worksheet, or is no workbook package.
 */
export function withoutWorksheets(data: Uint8Array): "charts" | "none" | undefined {
  let parts: string[];
  try {
    parts = declaredUnpackedSize(data)?.parts ?? [];
  } catch {
    return undefined;
  }
  const lower = parts.map((p) => p.replace(/^\//, "").toLowerCase());
  if (!lower.includes("xl/workbook.xml") || lower.some((p) => p.startsWith("xl/worksheets/") && p.endsWith(".xml"))) return undefined;
  return lower.some((p) => p.startsWith("xl/chartsheets/") && p.endsWith(".xml")) ? "charts" : "none";
}

/** Why a workbook with no worksheet (withoutWorksheets) is not read, naming the file. */
export function withoutWorksheetsMessage(file: string, kind: "charts" | "none"): { vi: string; en: string } {
  return kind === "charts"
    ? {
        vi: `Tệp ${file} chỉ có trang biểu đồ, không có trang tính nào nên không có gì để đọc; hãy kiểm tra xem đã chọn đúng tệp chưa.`,
        en: `The file ${file} holds only chart sheets, no worksheet, so there is nothing to read; check that this is the right file.`,
      }
    : {
        vi: `Tệp ${file} không có trang tính nào nên không có gì để đọc; hãy kiểm tra xem đã chọn đúng tệp chưa.`,
        en: `The file ${file} holds no worksheet, so there is nothing to read; check that this is the right file.`,
      };
}

/** A workbook not read because it unpacks to too much (unpacksTooLarge): its message says so in both languages, naming the file. */
export class TooLargeToUnpackError extends Error {
  constructor(
    readonly size: UnpackedSize,
    readonly file = "",
  ) {
    super(tooLargeToUnpackMessage(file || "(workbook)", size).en);
    this.name = "TooLargeToUnpackError";
  }
}

/** A worksheet part where ExcelJS finds it: it reads no other part as a worksheet (lib/xlsx/xlsx.js). */
const EXCELJS_SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;
const REL_WORKSHEET = `${NS_R}/worksheet`;
const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/**
 * Worksheets stored under another part name than `xl/worksheets/sheetN.xml` (`xl/worksheets/data.xml`,
 * `xl/sheets/Sheet1.xml`: other programs write them so, and the format allows any name) are
 * moved to free `xl/worksheets/sheetN.xml` names, or ExcelJS would leave them out and the sheet
 * would be gone from what is read and written, unsaid. Their relationships go with them (targets
 * rewritten from the new place), and whatever points at them (the workbook, any other part) and
 * their content types follow. Whether any part moved.
 */
export async function readableSheetPartsIn(zip: JSZip): Promise<boolean> {
  const workbookPath = "xl/workbook.xml";
  const workbookRelsPath = relsPathOf(workbookPath);
  const relsXml = await zip.file(workbookRelsPath)?.async("string");
  if (relsXml === undefined) return false;
  const odd = new Set<string>();
  for (const rel of parseRels(relsXml)) {
    if (rel.type !== REL_WORKSHEET || isExternal(rel)) continue;
    const path = resolveTarget(workbookPath, rel.target);
    if (!EXCELJS_SHEET_PART.test(path) && zip.file(path) !== null) odd.add(path);
  }
  if (odd.size === 0) return false;
  // Numbers no part has, as a sheet or its relationships (part names are compared without case).
  const taken = new Set<number>();
  zip.forEach((path) => {
    const m = /^xl\/worksheets\/(?:_rels\/)?sheet(\d+)\.xml(?:\.rels)?$/i.exec(path);
    if (m) taken.add(Number(m[1]));
  });
  const moves = new Map<string, string>();
  let n = 0;
  for (const from of odd) {
    do n++;
    while (taken.has(n));
    moves.set(from, `xl/worksheets/sheet${n}.xml`);
  }
  const now = (path: string) => moves.get(path) ?? path;
  // Every relationship part: targets naming a moved part name it where it is now, and a moved part's own go with it.
  const relParts: string[] = [];
  zip.forEach((path, file) => {
    if (!file.dir && /(^|\/)_rels\/[^/]+\.rels$/.test(path)) relParts.push(path);
  });
  for (const relsPath of relParts) {
    const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(relsPath);
    if (!m) continue;
    const source = `${m[1]}${m[2]}`;
    const moved = moves.get(source);
    const rels = parseRels(await zip.file(relsPath)!.async("string"));
    let changed = false;
    const rewritten = rels.map((r) => {
      if (isExternal(r)) return r;
      const path = resolveTarget(source, r.target);
      if (moved === undefined && now(path) === path) return r;
      changed = true;
      return { ...r, target: relativeTarget(moved ?? source, now(path)) };
    });
    if (moved !== undefined) {
      zip.remove(relsPath);
      zip.file(relsPathOf(moved), writeRels(rewritten));
    } else if (changed) zip.file(relsPath, writeRels(rewritten));
  }
  const typesXml = await zip.file("[Content_Types].xml")?.async("string");
  const types = new ContentTypes(typesXml ?? "");
  for (const [from, to] of moves) {
    zip.file(to, await zip.file(from)!.async("uint8array"));
    zip.remove(from);
    const type = types.overrideOf(from);
    types.removeOverride(from);
    types.setOverride(to, type ?? CT_WORKSHEET);
  }
  if (typesXml !== undefined) zip.file("[Content_Types].xml", types.xml);
  return true;
}

/** A row or cell element of a worksheet part with no `r` (a cheap test before giving them theirs). */
const UNNUMBERED = /<(?:[\w.-]+:)?(?:row|c)(?=[\s/>])(?:(?!\sr\s*=)[^>])*>/;
/** A row of a worksheet part: its prefix, attributes and cells (none for `<row/>`). */
const ROW = /<((?:[\w.-]+:)?)row(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*?)(?:\/>|>([\s\S]*?)<\/\1row\s*>)/g;
/** A cell's start tag: its prefix and attributes. */
const CELL_START = /<((?:[\w.-]+:)?)c(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

/**
 * A worksheet part with every row and cell given its `r` (its number, its address): the format
 * lets a writer leave them out (OpenXML SDK-style writers do), a row then being the one after
 * the row before it, a cell the one right of the cell before it in its row (as Excel and
 * LibreOffice read them), but ExcelJS cannot read such a sheet and refuses the whole file. A row
 * without its number whose cells have their addresses takes the number they give. The part as it
 * is when nothing lacks its `r`.
 */
export function withCellReferences(sheetXml: string): string {
  if (!UNNUMBERED.test(sheetXml)) return sheetXml;
  let previous = 0;
  return sheetXml.replace(ROW, (whole: string, prefix: string, attrs: string, body: string | undefined) => {
    const own = attr(attrs, "r");
    const first = body === undefined ? undefined : /^[A-Za-z]{1,3}(\d+)$/.exec(attr(/<(?:[\w.-]+:)?c(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/.exec(body)?.[1] ?? "", "r") ?? "")?.[1];
    const row = own !== undefined && /^\d+$/.test(own.trim()) ? Number(own) : first !== undefined ? Number(first) : previous + 1;
    previous = row;
    const numbered = own === undefined ? `${attrs} r="${row}"` : attrs;
    if (body === undefined) return `<${prefix}row${numbered}/>`;
    let column = 0;
    const cells = body.replace(CELL_START, (tag: string, cellPrefix: string, cellAttrs: string, empty: string) => {
      const address = attr(cellAttrs, "r");
      const at = address === undefined ? undefined : /^([A-Za-z]{1,3})\d+$/.exec(address.trim());
      if (at) {
        column = columnNumber(at[1]!.toUpperCase());
        return tag;
      }
      column += 1;
      if (address !== undefined) return tag;
      return `<${cellPrefix}c r="${columnLetter(column)}${row}"${cellAttrs}${empty}>`;
    });
    return own === undefined || cells !== body ? `<${prefix}row${numbered}>${cells}</${prefix}row>` : whole;
  });
}

/** The parts ExcelJS reads booleans from. */
const BOOLEAN_PARTS = /^xl\/(?:workbook\.xml|styles\.xml|worksheets\/[^/]+\.xml|tables\/[^/]+\.xml)$/i;

/**
 * The file as ExcelJS should be given it. LibreOffice writes the booleans of SpreadsheetML as
 * words ("true"/"false"), which ExcelJS reads as false: a protected form would come out
 * unprotected and its input cells locked, a sheet fitted to one page unfitted. They are written
 * "1"/"0" (normalizeBooleans). Also the legacy password of every protected sheet, which ExcelJS
 * does not read (LibreOffice writes `password="DAA7"`), so that it can be put back in the model
 * (setLegacyPasswords) and in the file written (preserve.ts). Links to the workbook's own cells
 * are given a relationship ExcelJS reads (readableLinksIn). And each sheet's notes as the file
 * has them (notesToRestore), for those ExcelJS loses. Worksheets stored under part names ExcelJS
 * does not look at are moved where it does (readableSheetPartsIn), and print titles written as
 * ExcelJS writes them quoted right (quotedPrintNames). Bytes that are not a zip package are given
 * back as they are, for ExcelJS to refuse; a package that unpacks to more than a workbook of forms
 * may (unpacksTooLarge) throws TooLargeToUnpackError, before anything is unpacked.
 */
export async function prepareXlsx(data: Uint8Array): Promise<PreparedXlsx> {
  const legacyPasswords = new Map<string, string>();
  const storedValues = new Map<string, Map<string, StoredValue>>();
  const notes = new Map<string, Map<string, NoteToRestore>>();
  const x14Sheets = new Map<string, string>();
  const pageBreaks = new Map<string, SheetPageBreaks>();
  // A package that unpacks to gigabytes (a decompression bomb) is refused before anything is unpacked.
  const tooLarge = unpacksTooLarge(data);
  if (tooLarge) throw new TooLargeToUnpackError(tooLarge);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return { bytes: data, legacyPasswords, storedValues, notes, x14Sheets, pageBreaks };
  }
  const texts = new Map<string, string>();
  // Worksheets where ExcelJS finds them, before anything reads them.
  let changed = await readableSheetPartsIn(zip);
  for (const path of Object.keys(zip.files)) {
    const file = zip.files[path];
    if (!file || file.dir || !BOOLEAN_PARTS.test(path.replace(/^\//, ""))) continue;
    let xml = await file.async("string");
    // Rows and cells without their `r`, which ExcelJS cannot read, given theirs.
    if (/^\/?xl\/worksheets\//i.test(path)) {
      const numbered = withCellReferences(xml);
      if (numbered !== xml) {
        xml = numbered;
        zip.file(path, xml);
        changed = true;
      }
    }
    texts.set(path.replace(/^\//, ""), xml);
    if (!hasWordBooleans(xml)) continue;
    const fixed = normalizeBooleans(xml);
    if (fixed === xml) continue;
    zip.file(path, fixed);
    texts.set(path.replace(/^\//, ""), fixed);
    changed = true;
  }
  const workbookPath = "xl/workbook.xml";
  let workbookXml = texts.get(workbookPath);
  // Print titles and areas an earlier run wrote as ExcelJS does (quotedPrintNames): ExcelJS cannot read them back.
  if (workbookXml !== undefined) {
    const quoted = quotedPrintNames(workbookXml);
    if (quoted !== workbookXml) {
      zip.file(workbookPath, quoted);
      texts.set(workbookPath, quoted);
      workbookXml = quoted;
      changed = true;
    }
  }
  const relsXml = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (workbookXml !== undefined && relsXml !== undefined) {
    const parts = sheetParts(workbookXml, parseRels(relsXml), workbookPath);
    // Notes where ExcelJS finds them (not where openpyxl writes them), or it cannot read the workbook.
    if (await readableNotePartsIn(zip, [...parts.values()])) changed = true;
    for (const [name, path] of parts) {
      const sheetXml = texts.get(path);
      const password = sheetXml === undefined ? undefined : legacySheetPassword(sheetXml);
      if (password !== undefined) legacyPasswords.set(name, password);
      const stored = sheetXml === undefined ? undefined : storedValuesIn(sheetXml);
      if (stored !== undefined && stored.size > 0) storedValues.set(name, stored);
      // The notes as the file has them: ExcelJS reads a plain <t> note (Excel's beside a threaded
      // comment, openpyxl's) as empty, drops a note on a cell the data does not list, and knows no threads.
      const sheetNotes = await notesToRestore(path, async (part) => zip.file(part)?.async("string"));
      if (sheetNotes.size > 0) notes.set(name, sheetNotes);
      if (sheetXml !== undefined && (sheetXml.toUpperCase().includes(X14_FORMATS_EXT_URI.toUpperCase()) || hasX14Validations(sheetXml))) x14Sheets.set(name, sheetXml);
      // The user's page breaks, which ExcelJS does not read: the sheet keeps them, to be written again.
      if (sheetXml !== undefined && hasPageBreaks(sheetXml)) {
        const breaks = { rows: pageBreaksIn(sheetXml, "rowBreaks"), columns: pageBreaksIn(sheetXml, "colBreaks") };
        if (breaks.rows.length > 0 || breaks.columns.length > 0) pageBreaks.set(name, breaks);
      }
    }
    // Links to the workbook's own cells (the instructions' links to the forms), which ExcelJS would drop.
    const linked = [...parts.values()].filter((path) => texts.get(path)?.includes("location=") === true);
    if (await readableLinksIn(zip, linked)) changed = true;
  }
  // Stored, not compressed: ExcelJS reads it once, and preserve.ts only copies parts out of it.
  const bytes = changed ? await zip.generateAsync({ type: "uint8array", compression: "STORE" }) : data;
  return { bytes, legacyPasswords, storedValues, notes, x14Sheets, pageBreaks };
}

/**
 * Puts the legacy passwords of prepareXlsx into the sheets' protection as ExcelJS read it
 * (`password`, next to the modern `hashValue`), so that a form or results sheet protected with a
 * password is known to be, and a copy of the sheet (collect) carries it.
 */
export function setLegacyPasswords(wb: ExcelJS.Workbook, passwords: ReadonlyMap<string, string>): void {
  for (const [name, password] of passwords) {
    const ws = wb.getWorksheet(name);
    const protection = ws ? (ws as unknown as { sheetProtection?: Record<string, unknown> | null }).sheetProtection : undefined;
    if (protection && protection.sheet && protection.hashValue === undefined) protection.password = password;
  }
}

/** The legacy passwords in the protection of the workbook's sheets (as setLegacyPasswords put them), by sheet name. */
export function legacyPasswordsOf(wb: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  for (const ws of wb.worksheets) {
    const p = (ws as unknown as { sheetProtection?: Record<string, unknown> | null }).sheetProtection;
    if (p && p.sheet && typeof p.password === "string" && p.password !== "") out.set(ws.name, p.password);
  }
  return out;
}

/**
 * The workbook in `data`, read by ExcelJS after prepareXlsx, with its sheets' legacy passwords,
 * the values ExcelJS misreads (restoreStoredValues) and the notes it loses (restoreNotes) put back,
 * and the x14 conditional formats it cannot write taken out of its model, kept aside by their
 * sheets to be written raw (takeOutX14Formats; finish.ts writes them), as the x14 data validations
 * it does not read are (keepX14Validations), and the sheets' manual page breaks (keepPageBreaks).
 * Throws as ExcelJS does.
 */
export async function loadXlsx(data: Uint8Array): Promise<ExcelJS.Workbook> {
  return (await loadPreparedXlsx(data)).workbook;
}

/** loadXlsx's workbook, and the prepared bytes it was read from (prepareXlsx). */
export async function loadPreparedXlsx(data: Uint8Array): Promise<{ workbook: ExcelJS.Workbook; bytes: Uint8Array }> {
  const prepared = await prepareXlsx(data);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(prepared.bytes as unknown as ArrayBuffer);
  setLegacyPasswords(workbook, prepared.legacyPasswords);
  restoreStoredValues(workbook, prepared.storedValues);
  restoreNotes(workbook, prepared.notes);
  rememberSheetNames(workbook);
  for (const [name, sheetXml] of prepared.x14Sheets) {
    const ws = workbook.getWorksheet(name);
    if (!ws) continue;
    takeOutX14Formats(ws, sheetXml);
    keepX14Validations(ws, sheetXml);
  }
  for (const [name, breaks] of prepared.pageBreaks) {
    const ws = workbook.getWorksheet(name);
    if (ws) keepPageBreaks(ws, breaks);
  }
  for (const ws of workbook.worksheets) keepPageNumbering(ws);
  return { workbook, bytes: prepared.bytes };
}

/**
 * A sheet whose pages are not numbered from a first page number of its own stays so: ExcelJS
 * reads a missing `firstPageNumber` as 1 and writes `useFirstPageNumber` with any, which would
 * restart the sheet's page numbers at 1 when the whole workbook is printed.
 */
function keepPageNumbering(ws: ExcelJS.Worksheet): void {
  const setup = ws.pageSetup as ExcelJS.PageSetup & { useFirstPageNumber?: boolean };
  if (setup.useFirstPageNumber !== true) delete (setup as { firstPageNumber?: number }).firstPageNumber;
}
