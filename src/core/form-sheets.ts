/**
 * What a sheet of a workbook is, as Collect and the scoring tell it: a unit's self-assessment form
 * (layout A, detectLayoutA), blank or filled in; the template's instructions or lists sheet; and
 * the names sheets get. With the words Collect says of a sheet or file it leaves out. Kept apart
 * from the planning of a collection (collect.ts, which re-exports all of it) so that the pane's
 * first scripts, which need these alone, stay small.
 */
import { a1, topLeft } from "./a1";
import { builtinNamed, parseIndexText } from "./forms-index";
import { atStoredPrecision } from "./hash";
import { type Lang, type Message, foldText, normalizeText } from "./i18n/text";
import { type IndexRef, indexWords } from "./index-words";
import { type HeaderBlock, type NearHeader, type TableHeader, findTableHeader, formWithoutTable, holdsIndicatorRows, readHeaderBlock } from "./read/layout-a";
import type { LocatedCell } from "./read/raw";
import { isBlank, keyText } from "./read/sheet";
import type { UnitField } from "./read/unit-fields";
import type { CellValue, SheetSnapshot } from "./types";
import { periodText } from "./plan/index-sheet";

/** Excel's limit on a sheet name's length. */
export const MAX_SHEET_NAME = 31;

/** Names Excel refuses or the project keeps for itself. */
const RESERVED = new Set(["history", "_index"]);

/**
 * Sheet names taken, compared as Excel compares them (ignoring case), in a set that answers at
 * once however many there are: a template of 3,321 communes names each form against all before it.
 */
export class TakenSheetNames {
  private readonly lower = new Set<string>();
  constructor(names: Iterable<string> = []) {
    for (const n of names) this.add(n);
  }
  has(name: string): boolean {
    return this.lower.has(name.toLocaleLowerCase("vi"));
  }
  add(name: string): void {
    this.lower.add(name.toLocaleLowerCase("vi"));
  }
  /** Whether `name` can be given to a new sheet: not taken, not one Excel refuses or the project keeps. */
  free(name: string): boolean {
    return !this.has(name) && !RESERVED.has(name.toLowerCase());
  }
}

/** `wanted` with the characters Excel refuses in a sheet name []:*?/\ replaced and no apostrophe at either end: the name before any cut or "(2)". */
function sheetNameText(wanted: string): string {
  // Apostrophes and spaces together: "' 'Sở" is "Sở", never "'Sở" once a space is trimmed.
  const base = normalizeText(wanted.replace(/[[\]:*?/\\]/g, " ")).replace(/^[\s']+|[\s']+$/g, "");
  return base === "" ? "Sheet" : base;
}

/** `wanted` as a sheet name before any "(2)": forbidden characters []:*?/\ replaced, no apostrophe at either end, at most 31 characters (shortenName). */
export function cleanSheetName(wanted: string): string {
  return shortenName(sheetNameText(wanted), MAX_SHEET_NAME);
}

/**
 * A sheet name Excel accepts, built from `wanted`: forbidden characters []:*?/\ replaced, no
 * apostrophe at either end, at most 31 characters (a longer name cut after a word and ended with
 * "…": shortenName), and different (ignoring case) from every name in `taken` — "Sở Y tế" becomes
 * "Sở Y tế (2)" when "Sở Y tế" is taken, "Ủy ban nhân dân xã Tân Thành, huyện A" "Ủy ban nhân dân
 * xã Tân… (2)". The name is added to `taken`.
 */
export function uniqueSheetName(wanted: string, taken: Set<string> | TakenSheetNames): string {
  const names = taken instanceof TakenSheetNames ? taken : new TakenSheetNames(taken);
  const full = sheetNameText(wanted);
  let name = shortenName(full, MAX_SHEET_NAME);
  for (let k = 2; !names.free(name); k++) {
    const suffix = ` (${k})`;
    name = shortenName(full, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  names.add(name);
  if (taken instanceof Set) taken.add(name);
  return name;
}

/**
 * `name` in at most `n` UTF-16 units: as it is when it fits, otherwise cut after a whole word
 * (unless that leaves less than half) and ended with "…", so that a name cut short does not read
 * as another ("Sở Thông tin và Truyền…", not "Sở Thông tin và Truyền"). Never splits a surrogate
 * pair; never ends the cut on an apostrophe, a space or punctuation before the "…".
 */
export function shortenName(name: string, n: number): string {
  if (name.length <= n) return name;
  let cut = name.slice(0, n - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  // Cut before the word the limit falls in, unless that leaves too little of the name.
  const space = /\s/.test(name.charAt(n - 1)) ? cut.length : cut.search(/\s\S*$/);
  if (space >= n / 2) cut = cut.slice(0, space);
  cut = cut.replace(/[\s,;.\-–—(']+$/, "");
  return `${cut}…`;
}

// ---------------------------------------------------------------------------------------------
// Recognising a layout-A sheet

export interface LayoutAHeader {
  unitName?: string;
  /**
   * The code the scorer knows the unit by: its `Mã đơn vị`, or, on a form without one, its name
   * (the sheet's name without that), as the reader takes it (`noCode` then). Collect compares
   * forms, and those already in the consolidated workbook, by it.
   */
  unitCode?: string;
  /** The form gives no `Mã đơn vị`: `unitCode` is the unit's name. */
  noCode?: true;
  category?: string;
  /** `Bộ chỉ số` as written, e.g. "dti-so-mau@2024". */
  index?: string;
  /** `Kỳ đánh giá` as periodText reads it (a date cell as the day it shows: "31/12/2024"). */
  period?: string;
  /**
   * 1-based row of the table's header row; on a form whose table header the reader does not
   * recognise (`unreadTable`), of the row that looks like it, else the row under the header block.
   */
  headerRow: number;
  /**
   * The sheet is a unit's form by its header block (formWithoutTable: two or more of Đơn vị, Mã
   * đơn vị, Nhóm, Bộ chỉ số, Kỳ đánh giá) but has no table header row the reader recognises (a
   * column renamed, "Số liệu báo cáo"; the header translated): the scorer finds the form and says
   * so at `cell`, without reading its figures, until the header is put back. `header`: the row
   * that is the table's header but for the column names it lacks, when one is. Only a sheet with
   * rows of indicators under its header block is such a form (holdsIndicatorRows).
   */
  unreadTable?: { cell: string; header?: NearHeader };
}

function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return "";
  return normalizeText(String(v));
}

/**
 * The header block above the table as the reader reads it (readHeaderBlock in read/layout-a.ts:
 * labels in the columns from A to the table's `Mã` column, each value right of its label), as
 * text compared as the reader compares codes and names (keyText); blank values are left out.
 */
function headerBlock(sheet: SheetSnapshot, table: TableHeader): Partial<Record<UnitField, string>> {
  return blockTexts(readHeaderBlock(sheet, table));
}

/** The header block's texts; the period as the titles and `_index` read it (periodText: a date cell as the day it shows, "31/12/2024"). */
export function blockTexts(read: HeaderBlock): Partial<Record<UnitField, string>> {
  const block: Partial<Record<UnitField, string>> = {};
  for (const [field, cell] of Object.entries(read) as [UnitField, LocatedCell | undefined][]) {
    if (!cell || isBlank(cell.value)) continue;
    const text = field === "period" ? periodText(cell.value) : keyText(cell.value);
    if (text !== "") block[field] = text;
  }
  return block;
}

/**
 * The header block and table header of a layout-A sheet, or null when the sheet is not one.
 * A sheet is a unit's form when the scorer takes it for one: it has the table header row the
 * reader finds (findTableHeader: `Mã`/`Mã số`/`Code` and `Số liệu`/`Value`, in any columns),
 * whatever its header block holds (without a unit name the scorer names the unit after the
 * sheet); or it has a form's header block without such a row (formWithoutTable: a column of the
 * table renamed, "Số liệu báo cáo", or the header translated) but with rows of indicators under
 * it (holdsIndicatorRows), which the scorer says of at its cell rather than read (`unreadTable`).
 * Such a form is still the unit's: Collect takes it in place of the unit's blank form, not leaving
 * the unit with nothing, and says what to put back; a form of the unit whose table is read wins
 * over it. A sheet with the header block alone (a unit's cover or notes sheet, "Giải trình") is
 * none. A caller that takes a sheet for one `template` made, or reads its figures, must look at
 * `unreadTable`: such a form is the unit's own, edited, not the template's.
 * The snapshot must read a merged cell other than the top-left one as empty, as the hosts' readers do.
 */
export function detectLayoutA(sheet: SheetSnapshot): LayoutAHeader | null {
  const table = findTableHeader(sheet);
  if (table) return headerOf(sheet, headerBlock(sheet, table), table.row + 1);
  const broken = formWithoutTable(sheet);
  if (!broken) return null;
  const read = readHeaderBlock(sheet, undefined);
  // The last row of the header block (0-based); the row under it, 1-based, when no row looks like the table's header.
  const last = Math.max(...Object.values(read).map((f) => topLeft(f!.address).row));
  // A cover or notes sheet ("Giải trình") that starts as a form does, with no table under it, is no form.
  if (!holdsIndicatorRows(sheet, broken)) return null;
  const unreadTable = { cell: broken.cell, ...(broken.header ? { header: broken.header } : {}) };
  return { ...headerOf(sheet, blockTexts(read), broken.header?.row ?? last + 2), unreadTable };
}

function headerOf(sheet: SheetSnapshot, block: Partial<Record<UnitField, string>>, headerRow: number): LayoutAHeader {
  const byName = block.code === undefined ? (block.name ?? keyText(sheet.name)) : undefined;
  return {
    ...(block.name !== undefined ? { unitName: block.name } : {}),
    ...(block.code !== undefined ? { unitCode: block.code } : byName ? { unitCode: byName, noCode: true as const } : {}),
    ...(block.category !== undefined ? { category: block.category } : {}),
    ...(block.index !== undefined ? { index: block.index } : {}),
    ...(block.period !== undefined ? { period: block.period } : {}),
    headerRow,
  };
}

/** The table columns a unit fills in: Số liệu, Số liệu thẩm định, Tự chấm, Minh chứng, Ghi chú. */
const FILLED_COLUMNS = ["value", "appraised", "self", "evidence", "note"] as const;

/**
 * What `template` writes in the Ghi chú cell of an indicator that does not apply to the unit's
 * category (the row greyed out): not something the unit filled in.
 */
export const TEMPLATE_NOT_APPLICABLE_NOTE: Message = { vi: "Không áp dụng với nhóm đơn vị này", en: "Not applicable to this category of unit" };

const templateNotes = new Set([TEMPLATE_NOT_APPLICABLE_NOTE.vi, TEMPLATE_NOT_APPLICABLE_NOTE.en].map(normalizeText));

/**
 * What `template` writes under a form's table, where the form is signed and stamped once printed,
 * as Vietnamese administrative forms end: the place and date line, and the two signature blocks
 * (who prepared the form; the head of the unit, who also sets the unit's seal), each with a line
 * under the room for the signature where the signer's full name is written by hand. Locked, as
 * the rest of the form but its input cells. No row of it has a code, so the reader, the scoring
 * and the check of changed figures pass it by; Collect does too (isFormFootText): a form with
 * nothing else filled in is blank, and two copies of a form compare the same.
 */
export const FORM_SIGNATURE = {
  placeDate: { vi: "……, ngày … tháng … năm 20…", en: "Place, date: ……………………" },
  preparedBy: { vi: "NGƯỜI LẬP BIỂU", en: "Prepared by" },
  preparedByHint: { vi: "(Ký, ghi rõ họ tên)", en: "(signature, full name)" },
  head: { vi: "THỦ TRƯỞNG ĐƠN VỊ", en: "Head of unit" },
  headHint: { vi: "(Ký, ghi rõ họ tên, đóng dấu)", en: "(signature, full name, seal)" },
  nameLine: { vi: "……………………………………", en: "……………………………………" },
} satisfies Record<string, Message>;

const signatureTexts = new Set(Object.values(FORM_SIGNATURE).flatMap((m) => [m.vi, m.en]).map(normalizeText));

/** Whether a cell holds a text `template` writes under a form's table (FORM_SIGNATURE), in either language. */
export function isFormFootText(value: CellValue | undefined): boolean {
  return typeof value === "string" && signatureTexts.has(normalizeText(value));
}

/** A cell of a form's table that holds something the unit filled in. */
function filledIn(value: CellValue | undefined, column: number, noteColumn: number | undefined): boolean {
  if (isBlank(value ?? null) || isFormFootText(value)) return false;
  return !(column === noteColumn && typeof value === "string" && templateNotes.has(normalizeText(value)));
}

/**
 * Where a unit's form holds something filled in: the first cell (A1 address, row by row) of its
 * table (found as the reader finds it), below the header, with a value in Số liệu, Số liệu thẩm
 * định, Tự chấm, Minh chứng or Ghi chú (other than the template's own "not applicable" note and
 * the place, date and signature lines it writes under the table: isFormFootText); undefined when
 * there is none, or no such table.
 */
export function filledFormCell(sheet: SheetSnapshot): string | undefined {
  const header = findTableHeader(sheet);
  return header ? filledCellBelow(sheet, header) : undefined;
}

function filledCellBelow(sheet: SheetSnapshot, header: TableHeader): string | undefined {
  const cols = FILLED_COLUMNS.map((k) => header.cols[k]).filter((c): c is number => c !== undefined);
  for (let r = header.row + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    const c = cols.find((col) => filledIn(row[col], col, header.cols.note));
    if (c !== undefined) return a1(r, c);
  }
  return undefined;
}

/**
 * A unit's form with nothing filled in: its table (found as the reader finds it) holds no value in
 * Số liệu, Số liệu thẩm định, Tự chấm, Minh chứng or Ghi chú on any row below the header (filledFormCell) —
 * a blank form as `template` writes it. False for a sheet without such a table (not sure, so not
 * blank). The snapshot must hold the whole table; a host that reads only part of a sheet says so itself.
 */
export function isBlankForm(sheet: SheetSnapshot): boolean {
  const header = findTableHeader(sheet);
  return header !== undefined && filledCellBelow(sheet, header) === undefined;
}

/** The columns of a form's table a unit fills in, as formContent compares them (not Số liệu thẩm định: the council's). */
const UNIT_COLUMNS = ["code", "value", "self", "evidence", "note"] as const;

/** A cell's value as formContent compares it: its type and text, blank as nothing. */
function contentText(v: CellValue | undefined): string {
  if (v === undefined || v === null || isBlank(v) || isFormFootText(v)) return "";
  if (typeof v === "object") return `#${v.error}`;
  // Numbers at the 15 digits a workbook keeps (a form saved again by LibreOffice is the same form).
  return `${typeof v}:${typeof v === "string" ? normalizeText(v) : typeof v === "number" ? String(atStoredPrecision(v)) : String(v)}`;
}

/**
 * What a unit filled in on its form, as text two copies of a form are compared by: the header
 * block (as the reader reads it) and, on each row of the table with something in it, the code,
 * Số liệu, Tự chấm, Minh chứng and Ghi chú (not the lines `template` writes under the table to be
 * signed: isFormFootText). Not Số liệu thẩm định, which the council fills in on
 * the consolidated workbook's copy, nor a column the scorer writes. Undefined for a sheet that is no form.
 */
export function formContent(sheet: SheetSnapshot): string | undefined {
  const header = findTableHeader(sheet);
  if (!header) return undefined;
  const block = headerBlock(sheet, header);
  const rows: string[][] = [];
  for (let r = header.row + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    const cells = UNIT_COLUMNS.map((k) => (header.cols[k] === undefined ? "-" : contentText(row[header.cols[k]])));
    if (cells.some((c) => c !== "" && c !== "-")) rows.push(cells);
  }
  return JSON.stringify([Object.keys(block).sort().map((k) => [k, block[k as UnitField]]), rows]);
}

// ---------------------------------------------------------------------------------------------
// What Collect says of a sheet or file left out

export interface CollectTake {
  file: string;
  /** Position of its file among the incoming files (files may share a name: two folders' "phieu.xlsx"). */
  fileAt: number;
  sheet: string;
  /** The name the sheet gets in the collected workbook. */
  as: string;
  unitCode?: string;
  unitName?: string;
  /**
   * The blank form of the unit already in the consolidated workbook that this filled form takes
   * the place of (its sheet name, which is `as` too): the host removes that sheet and puts the
   * copy where it was.
   */
  replaces?: string;
}

/**
 * Why something was left out of a collection: a whole file (`sheet` ""; it cannot be read, or
 * the host could not take it in — or, as "not-a-form", it holds no sheet but the template's
 * instructions and lists), a sheet that is not a unit's form, a form of another index, a unit
 * already in the workbook or taken from an earlier file (a hidden copy of a unit's visible form).
 */
export type CollectSkipKind = "file" | "not-a-form" | "another-index" | "duplicate";

/**
 * Why a unit's form was left out as a duplicate (`kind` "duplicate"), for a report to tell the
 * routine from what needs a look without reading the text:
 * - "blank-form": a blank form (nothing filled in) of a unit whose filled form came in or is in
 *   the workbook (or whose form there the host read only the top of: ExistingForm.partlyRead) —
 *   every file a unit sends back holds the other units' blank forms; nothing is lost;
 * - "blank-again": a blank form of a unit with no filled form, whose blank form is taken from an
 *   earlier file or is in the workbook already; nothing is lost;
 * - "hidden-copy": a hidden sheet of a unit with a visible form (most often an older copy);
 * - "same-form": a filled form the same, in what the unit fills in (formContent), as the unit's
 *   form in the workbook or taken from an earlier file; nothing to do;
 * - "filled-in-workbook": a filled form of a unit that has another filled form in the workbook,
 *   left there untouched (the council may have entered figures on it): a resubmission, say;
 * - "second-filled": a second, different filled form of a unit in the files; the first is taken;
 * - "unread-table": a sheet that is a unit's form by its header block and rows of indicators but
 *   whose table header is not read (LayoutAHeader.unreadTable: an older copy with a column
 *   renamed, a cover sheet laid out as the form), of a unit whose form that is read came in or is
 *   in the workbook: that form is the unit's, this sheet is not copied.
 */
export type DuplicateKind = "blank-form" | "blank-again" | "hidden-copy" | "same-form" | "filled-in-workbook" | "second-filled" | "unread-table";

/** A blank form left out for its unit's form elsewhere: nothing a unit filled in is lost, a report may count such sheets rather than list them. */
export function isRoutineSkip(s: CollectSkip): boolean {
  return s.duplicate === "blank-form" || s.duplicate === "blank-again";
}

export interface CollectSkip {
  file: string;
  /** "" for a whole file. */
  sheet: string;
  kind: CollectSkipKind;
  /** another-index: the `Bộ chỉ số` the form names ("dti-so-nganh-mau@mau-2023"). */
  index?: string;
  /**
   * duplicate: the sheet left out is a blank form (nothing filled in), its unit's form being
   * elsewhere; nothing a unit filled in is lost, so a report may count such sheets rather than list them.
   */
  blank?: true;
  /** duplicate: why, in a word (DuplicateKind). */
  duplicate?: DuplicateKind;
  /** duplicate: the sheet that holds the form the unit keeps (in the workbook, or taken from a file), when known. */
  kept?: string;
  reason: Message;
}

/** Why a unit's file was left out: it is not a workbook that can be read. */
export function unreadableFileSkip(file: string): CollectSkip {
  return {
    file,
    sheet: "",
    kind: "file",
    reason: {
      vi: `Tệp "${file}" không phải sổ làm việc Excel (.xlsx) đọc được nên được bỏ qua (có thể tệp bị hỏng, chưa tải xong, hoặc là tệp .xls cũ hay tệp .ods của LibreOffice); hãy mở tệp trong Excel hoặc LibreOffice Calc và lưu lại dạng .xlsx.`,
      en: `File "${file}" is not a readable Excel workbook (.xlsx), so it was left out (it may be damaged, not fully downloaded, an old .xls file or a LibreOffice .ods file); open it in Excel or LibreOffice Calc and save it as .xlsx.`,
    },
  };
}

/**
 * Why a sheet (or several, `sheet` a list) was left out that names another index (`index`, its
 * `Bộ chỉ số` text) than `inUse` (a definition): both indices by their names as other messages
 * name them (indexWords), the sheet's by its id@version when no definition of `known` (nor the
 * one in use) has its id and version.
 */
export function anotherIndexReason(sheet: string | readonly string[], index: string, inUse: unknown, known: readonly unknown[] = []): Message {
  const def = inUse as { id: string; version: string; name?: IndexRef["name"] };
  const current: IndexRef = { id: def.id, version: String(def.version), ...(def.name !== undefined ? { name: def.name } : {}) };
  const { id, version } = parseIndexText(index);
  const defs = [inUse, ...known].map((d) => ({ id: String((d as { id?: unknown }).id ?? ""), definition: d }));
  const match = builtinNamed(index, defs)?.definition as { name?: IndexRef["name"] } | undefined;
  const other: IndexRef = { id, ...(version !== undefined ? { version } : {}), ...(match?.name !== undefined ? { name: match.name } : {}) };
  // Another version of the same index: "(phiên bản mau-2024)"; otherwise by its name.
  const inUseWords = (lang: Lang) => {
    const words = indexWords(current, other, lang, true);
    return words.startsWith('"') ? words : `(${words})`;
  };
  const sheets = typeof sheet === "string" ? [sheet] : sheet;
  const quoted = sheets.map((n) => `'${n}'`).join(", ");
  const one = sheets.length === 1;
  return {
    vi: `${one ? `Trang tính ${quoted}` : `${sheets.length} trang tính ${quoted}`} được lập theo bộ chỉ số ${indexWords(other, current, "vi")}, không phải bộ chỉ số đang dùng ${inUseWords("vi")}.`,
    en: `${one ? `Sheet ${quoted} was` : `${sheets.length} sheets, ${quoted}, were`} made for the index ${indexWords(other, current, "en")}, not the index in use ${inUseWords("en")}.`,
  };
}

/** Sheet names of the instructions sheet `template` writes first ("Hướng dẫn (2)" after a clash). */
const INSTRUCTIONS_NAMES = ["huong dan", "instructions"];
/** How the title in A1 of that sheet starts: "Phiếu tự đánh giá — <index name> (<id>@<version>)". */
const INSTRUCTIONS_TITLES = ["phieu tu danh gia — ", "self-assessment form — "];

/**
 * The project's own instructions sheet (made by `template`): named "Hướng dẫn"/"Instructions"
 * and titled as the template titles it. Not a unit's form, and not worth a "left out" line.
 */
export function isInstructionsSheet(sheet: SheetSnapshot): boolean {
  const name = foldText(sheet.name).replace(/ \(\d+\)$/, "");
  if (!INSTRUCTIONS_NAMES.includes(name)) return false;
  const title = foldText(cellText(sheet.values[0]?.[0]));
  return INSTRUCTIONS_TITLES.some((t) => title.startsWith(foldText(t)));
}

/**
 * The hidden sheet of long drop-down lists that `template` added before the lists moved onto the
 * forms themselves ("_lists"): not a form either. Its lists are copied onto the forms collected.
 */
export function isListsSheet(sheet: SheetSnapshot): boolean {
  return sheet.name === "_lists" && sheet.visible === false;
}

/** Keys of mixedIndicesWarning's map that are not files (no file name is empty or a control character). */
export const RECEIVING = "";
export const IN_USE = "\u0001";
const SPECIAL: Record<string, Message> = {
  [RECEIVING]: { vi: "sổ tổng hợp", en: "the consolidated workbook" },
  [IN_USE]: { vi: "bộ chỉ số đang dùng", en: "the index in use" },
};

const MADE_FORMS = "\u0002";
const MADE_FORMS_WORDS: Message = { vi: "các phiếu vừa tạo", en: "the forms just made" };

/**
 * The name the pane gives a file of forms it has just made (`batch`: its place among them) to put
 * them into the open workbook. It is no file of the user's, who never saw it: what is said names
 * such files "các phiếu vừa tạo" / "the forms just made" (a control character, which no file name
 * has, marks them).
 */
export function madeFormsFile(batch: number): string {
  return `${MADE_FORMS}${batch}${MADE_FORMS}`;
}
/** A name madeFormsFile gives, quoted or not, wherever a sentence says it. */
// eslint-disable-next-line no-control-regex
const MADE_FORMS_NAME = /"?\u0002\d+\u0002"?/g;

/** A file as sentences name it: by its name, or by what the names that are not files stand for. */
export function fileWords(file: string, lang: Lang): string {
  if (file.startsWith(MADE_FORMS)) return MADE_FORMS_WORDS[lang];
  return SPECIAL[file]?.[lang] ?? file;
}

/** A sentence about files with the names madeFormsFile gave said as "các phiếu vừa tạo" / "the forms just made". */
export function namingMadeForms(message: Message): Message {
  const said = (lang: Lang) => message[lang].replace(MADE_FORMS_NAME, MADE_FORMS_WORDS[lang]);
  return message.vi.includes(MADE_FORMS) || message.en.includes(MADE_FORMS) ? { vi: said("vi"), en: said("en") } : message;
}
