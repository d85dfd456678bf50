/**
 * Collecting units' self-assessment sheets (layout A) from several files into one workbook:
 * which sheets to take, under which names, and which to leave out and why. Pure: the xlsx host
 * copies the cells.
 */
import type { IndexModel } from "./definition/model";
import { type Message, foldText, normalizeText } from "./i18n/text";
import { unitFieldOf, unitKeyOf } from "./read/unit-fields";
import type { CellValue, SheetSnapshot } from "./types";

/** Excel's limit on a sheet name's length. */
export const MAX_SHEET_NAME = 31;

/** Names Excel refuses or the project keeps for itself. */
const RESERVED = new Set(["history", "_index"]);

/**
 * A sheet name Excel accepts, built from `wanted`: forbidden characters []:*?/\ replaced, no
 * apostrophe at either end, at most 31 characters, and different (ignoring case) from every
 * name in `taken` — "Sở Y tế" becomes "Sở Y tế (2)" when "Sở Y tế" is taken. The name is
 * added to `taken`.
 */
export function uniqueSheetName(wanted: string, taken: Set<string>): string {
  let base = normalizeText(wanted.replace(/[[\]:*?/\\]/g, " ")).replace(/^'+|'+$/g, "").trim();
  if (base === "") base = "Sheet";
  base = cutTo(base, MAX_SHEET_NAME);
  const lowerTaken = new Set([...taken].map((t) => t.toLocaleLowerCase("vi")));
  const free = (n: string): boolean => !lowerTaken.has(n.toLocaleLowerCase("vi")) && !RESERVED.has(n.toLowerCase());
  let name = base;
  for (let k = 2; !free(name); k++) {
    const suffix = ` (${k})`;
    name = cutTo(base, MAX_SHEET_NAME - suffix.length).trimEnd() + suffix;
  }
  taken.add(name);
  return name;
}

/**
 * Cut to at most `n` UTF-16 units without splitting a surrogate pair, and at the end of a word
 * when one ends in the second half ("Sở Thông tin và Truyền (2)", not "… Truyền thôn (2)": a
 * word cut short can read as another word).
 */
function cutTo(s: string, n: number): string {
  if (s.length <= n) return s;
  let out = s.slice(0, n);
  const last = out.charCodeAt(out.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
  if (!/\s/.test(s.charAt(out.length))) {
    const space = out.search(/\s\S*$/);
    if (space >= n / 2) out = out.slice(0, space);
  }
  return out.trimEnd();
}

// ---------------------------------------------------------------------------------------------
// Recognising a layout-A sheet

const TABLE_CODE = ["ma", "code"];
const TABLE_VALUE = ["so lieu", "value"];
const TABLE_ITEM = ["noi dung", "item"];

export interface LayoutAHeader {
  unitName?: string;
  unitCode?: string;
  category?: string;
  /** `Bộ chỉ số` as written, e.g. "dti-so-mau@2024". */
  index?: string;
  period?: string;
  /** 1-based row of the table's header row. */
  headerRow: number;
}

function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return "";
  return normalizeText(String(v));
}

function labelOf(v: CellValue | undefined): string {
  return foldText(cellText(v).replace(/[:：]\s*$/, ""));
}

/**
 * The header block and table header of a layout-A sheet, or null when the sheet is not one
 * (no `Mã`/`Code` + `Số liệu`/`Value` header row in its first 40 rows).
 */
export function detectLayoutA(sheet: SheetSnapshot): LayoutAHeader | null {
  const rows = sheet.values;
  const limit = Math.min(rows.length, 40);
  let headerRow = 0;
  for (let r = 0; r < limit && headerRow === 0; r++) {
    const labels = (rows[r] ?? []).map(labelOf);
    if (labels.some((l) => TABLE_CODE.includes(l)) && labels.some((l) => TABLE_VALUE.includes(l) || TABLE_ITEM.includes(l))) {
      headerRow = r + 1;
    }
  }
  if (headerRow === 0) return null;
  const header: LayoutAHeader = { headerRow };
  for (let r = 0; r < headerRow - 1; r++) {
    const row = rows[r] ?? [];
    const label = labelOf(row[0]);
    const value = cellText(row[1]);
    if (value === "") continue;
    // The labels the reader knows a form's header block by (UNIT_LABELS).
    const field = unitFieldOf(label);
    if (field === "name") header.unitName ??= value;
    else if (field === "code") header.unitCode ??= value;
    else if (field === "category") header.category ??= value;
    else if (field === "index") header.index ??= value;
    else if (field === "period") header.period ??= value;
  }
  if (header.unitName === undefined && header.unitCode === undefined) return null;
  return header;
}

// ---------------------------------------------------------------------------------------------
// Planning a collection

export interface CollectTake {
  file: string;
  sheet: string;
  /** The name the sheet gets in the collected workbook. */
  as: string;
  unitCode?: string;
  unitName?: string;
}

/**
 * Why something was left out of a collection: a whole file (`sheet` ""; it cannot be read, or
 * the host could not take it in), a sheet that is not a unit's form, a form of another index,
 * a unit already in the workbook or taken from an earlier file.
 */
export type CollectSkipKind = "file" | "not-a-form" | "another-index" | "duplicate";

export interface CollectSkip {
  file: string;
  /** "" for a whole file. */
  sheet: string;
  kind: CollectSkipKind;
  /** another-index: the `Bộ chỉ số` the form names ("dti-so-nganh-mau@mau-2023"). */
  index?: string;
  reason: Message;
}

/** Why a unit's file was left out: it is not a workbook that can be read. */
export function unreadableFileSkip(file: string): CollectSkip {
  return {
    file,
    sheet: "",
    kind: "file",
    reason: {
      vi: `Tệp "${file}" không phải bảng tính Excel (.xlsx) đọc được nên được bỏ qua (có thể tệp bị hỏng, chưa tải xong, hoặc là tệp .xls cũ); hãy mở tệp và lưu lại dạng .xlsx (Excel Workbook).`,
      en: `File "${file}" is not a readable Excel workbook (.xlsx), so it was left out (it may be damaged, not fully downloaded, or an old .xls file); open it and save it as .xlsx (Excel Workbook).`,
    },
  };
}

export interface CollectPlan {
  take: CollectTake[];
  skipped: CollectSkip[];
  /**
   * What the user should know about the whole collection: the files hold forms of different
   * indices, or of different versions of one index (a workbook is scored on one definition).
   */
  warnings: Message[];
}

export interface CollectOptions {
  /** Unit codes already present in the workbook that receives the sheets. */
  existingUnitCodes?: string[];
  /** `Bộ chỉ số` of the forms already in the consolidated workbook ("dti-so-nganh-mau@mau-2023"). */
  existingIndices?: string[];
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
 * forms themselves ("_lists"): not a form either. Its lists are copied onto the forms gathered.
 */
function isListsSheet(sheet: SheetSnapshot): boolean {
  return sheet.name === "_lists" && sheet.visible === false;
}

/** "id@version" as written in a form's `Bộ chỉ số` cell, split; the version may be absent. */
function splitIndex(index: string): { id: string; version: string } {
  const at = index.indexOf("@");
  return at < 0 ? { id: index.trim(), version: "" } : { id: index.slice(0, at).trim(), version: index.slice(at + 1).trim() };
}

/**
 * The warning when the forms name more than one index, or one index in more than one version:
 * each file with the indices of its forms.
 */
export function mixedIndicesWarning(byFile: Map<string, Set<string>>): Message | undefined {
  const all = new Set<string>();
  for (const set of byFile.values()) for (const i of set) all.add(i);
  if (all.size < 2) return undefined;
  const ids = new Set([...all].map((i) => splitIndex(i).id));
  const list = (lang: "vi" | "en"): string =>
    [...byFile.entries()]
      .filter(([, set]) => set.size > 0)
      .map(([file, set]) => `${(SPECIAL[file]?.[lang] ?? file)} (${[...set].join(", ")})`)
      .join("; ");
  if (ids.size === 1) {
    const id = [...ids][0] as string;
    return {
      vi: `Các tệp chứa phiếu của những phiên bản khác nhau của bộ chỉ số ${id}: ${list("vi")}. Một sổ chỉ chấm theo một phiên bản; hãy kiểm tra lại các phiếu.`,
      en: `The files hold forms of different versions of the index ${id}: ${list("en")}. A workbook is scored on one version; check the forms.`,
    };
  }
  return {
    vi: `Các tệp chứa phiếu của những bộ chỉ số khác nhau: ${list("vi")}. Một sổ chỉ chấm theo một bộ chỉ số; hãy gom riêng phiếu của từng bộ (hoặc dùng --index để chỉ lấy phiếu của một bộ).`,
    en: `The files hold forms of different indices: ${list("en")}. A workbook is scored on one index; gather each index's forms separately (or use --index to take one index's forms only).`,
  };
}

/** Keys of mixedIndicesWarning's map that are not files (no file name is empty or a control character). */
export const RECEIVING = "";
export const IN_USE = "\u0001";
const SPECIAL: Record<string, Message> = {
  [RECEIVING]: { vi: "sổ tổng hợp", en: "the consolidated workbook" },
  [IN_USE]: { vi: "bộ chỉ số đang dùng", en: "the index in use" },
};

/**
 * Which sheets of the incoming files to copy, and under which names. Only unit sheets (layout
 * A) are taken; a second sheet for a unit code already taken or already present is left out;
 * with a model, sheets made for another index are left out. The template's instructions sheet
 * and hidden list sheet are passed over without a word. When the forms taken (with those
 * already in the consolidated workbook, and the model's index) name more than one index or version,
 * the plan warns, naming each file and its indices.
 */
export function planCollect(
  existingSheetNames: string[],
  incoming: { file: string; sheets: SheetSnapshot[] }[],
  model?: IndexModel,
  options: CollectOptions = {},
): CollectPlan {
  const taken = new Set(existingSheetNames);
  const codes = new Map<string, string>();
  // Codes compared as the reader compares them (unitKeyOf): two forms Collect takes are two units scored.
  for (const c of options.existingUnitCodes ?? []) codes.set(unitKeyOf(c), "");
  const plan: CollectPlan = { take: [], skipped: [], warnings: [] };
  const indices = new Map<string, Set<string>>();
  const noteIndex = (file: string, index: string | undefined): void => {
    if (index === undefined || index.trim() === "") return;
    const set = indices.get(file) ?? new Set<string>();
    set.add(index.trim());
    indices.set(file, set);
  };
  if (model) noteIndex(IN_USE, `${model.definition.id}@${model.definition.version}`);
  for (const i of options.existingIndices ?? []) noteIndex(RECEIVING, i);
  for (const { file, sheets } of incoming) {
    for (const sheet of sheets) {
      const header = detectLayoutA(sheet);
      if (!header && (isInstructionsSheet(sheet) || isListsSheet(sheet))) continue;
      if (!header) {
        plan.skipped.push({
          file,
          sheet: sheet.name,
          kind: "not-a-form",
          reason: {
            vi: `Trang tính "${sheet.name}" không phải phiếu tự đánh giá của một đơn vị (không có dòng tiêu đề Mã | Nội dung | Số liệu).`,
            en: `Sheet "${sheet.name}" is not a unit's self-assessment sheet (no Code | Item | Value header row).`,
          },
        });
        continue;
      }
      if (model && header.index) {
        const id = header.index.split("@")[0]?.trim() ?? "";
        if (id !== "" && id !== model.definition.id) {
          plan.skipped.push({
            file,
            sheet: sheet.name,
            kind: "another-index",
            index: header.index,
            reason: {
              vi: `Trang tính "${sheet.name}" dùng bộ chỉ số "${header.index}", không phải "${model.definition.id}@${model.definition.version}".`,
              en: `Sheet "${sheet.name}" uses index "${header.index}", not "${model.definition.id}@${model.definition.version}".`,
            },
          });
          continue;
        }
      }
      // Noted before the duplicate check: a form of another index is in the files even when its code is taken.
      noteIndex(file, header.index);
      if (header.unitCode !== undefined) {
        const key = unitKeyOf(header.unitCode);
        const first = codes.get(key);
        if (first !== undefined) {
          const where = first === "" ? { vi: "trong sổ tổng hợp", en: "in the consolidated workbook" } : { vi: `từ tệp ${first}`, en: `from ${first}` };
          plan.skipped.push({
            file,
            sheet: sheet.name,
            kind: "duplicate",
            reason: {
              vi: `Trang tính "${sheet.name}": đơn vị mã ${header.unitCode} đã có ${where.vi}; bỏ qua bản trùng.`,
              en: `Sheet "${sheet.name}": unit code ${header.unitCode} is already there ${where.en}; the duplicate is left out.`,
            },
          });
          continue;
        }
        codes.set(key, file);
      }
      const as = uniqueSheetName(sheet.name, taken);
      plan.take.push({
        file,
        sheet: sheet.name,
        as,
        ...(header.unitCode !== undefined ? { unitCode: header.unitCode } : {}),
        ...(header.unitName !== undefined ? { unitName: header.unitName } : {}),
      });
    }
  }
  const mixed = mixedIndicesWarning(indices);
  if (mixed) plan.warnings.push(mixed);
  return plan;
}
