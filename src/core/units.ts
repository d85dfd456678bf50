/**
 * The list of units forms are made for (`template` on the command line, the Collect step in the
 * pane): read from a table's rows, and checked against the index's categories. One place for
 * both, so that a list the command line refuses is not accepted by the pane.
 */
import type { IndexModel } from "./definition/model";
import { type Message, SPELLING_DIFFERENCES, foldText, normalizeKey, spellingDifference } from "./i18n/text";
import { resolveCategory } from "./read/read";
import { UNIT_LABELS, unitKeyOf, unitNameKeyOf } from "./read/unit-fields";

/** A unit of the list and the line it came from (1-based; in a table, 1 is the header line). */
export interface UnitEntry {
  /** As typed; "" when the list gives none. */
  code: string;
  name: string;
  category?: string;
  line: number;
  /** The line gives a code but no name: `name` is the code, as the form is named by it (unnamedUnitMessage). */
  unnamed?: true;
}

// The reader's labels (UNIT_LABELS), and the short ones a list of units may use: in a list, a
// "Mã" column can only be the unit's code and a "Tên" column its name.
const CODE = [...UNIT_LABELS.code, "ma", "code"];
const NAME = [...UNIT_LABELS.name, "ten", "name"];
const CATEGORY = [...UNIT_LABELS.category];

/**
 * The units of a table whose header row names its columns (Mã đơn vị/Unit code, Đơn vị/Unit,
 * Nhóm/Loại đơn vị/Category; case and diacritics ignored). A row with a code but no name is
 * the unit of that code, named by it (`unnamed`), as the pane names a unit typed as a code alone;
 * rows with neither are skipped (rowsWithoutUnit names those with a category). Undefined when
 * the header has no name column. Cells are trimmed and lose the invisible characters text pasted
 * from Word or a PDF brings ("SXD\u200B" is "SXD"), as the reader drops them from the forms.
 */
export function unitsFromRows(rows: readonly (readonly string[])[]): UnitEntry[] | undefined {
  const header = (rows[0] ?? []).map((h) => foldText(h));
  const find = (names: string[]): number => {
    for (const n of names) {
      const i = header.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  };
  const nameCol = find(NAME);
  if (nameCol < 0) return undefined;
  const codeCol = find(CODE);
  const catCol = find(CATEGORY);
  const cell = (row: readonly string[], i: number): string => (i >= 0 ? normalizeKey(row[i] ?? "") : "");
  const units: UnitEntry[] = [];
  rows.slice(1).forEach((row, i) => {
    const name = cell(row, nameCol);
    const code = cell(row, codeCol);
    if (name === "" && code === "") return;
    const category = cell(row, catCol);
    units.push({ code, name: name || code, ...(category ? { category } : {}), line: i + 2, ...(name === "" ? { unnamed: true as const } : {}) });
  });
  return units;
}

/**
 * A units table with no category column by its label (Nhóm/Loại đơn vị/Category), for an index
 * that has categories, whose column under another header ("Type", "Khối", "Phân loại") holds in
 * every filled cell one of the index's categories (by id or name, as resolveCategory reads them),
 * or in most of them under a header that names a kind of unit (the others are then said as
 * categories the index does not have): that column is the units' categories; of two, the one with
 * more. The rows with its header read as "Nhóm", and the header it had, to be said
 * (categoryColumnByContentMessage); undefined when there is no such column, or the table already
 * has one by its label or has no header line (no name column). The name and code columns are never
 * taken for it.
 */
export function categoryColumnByContent(
  model: IndexModel,
  rows: readonly (readonly string[])[],
): { rows: (readonly string[])[]; header: string; column: number } | undefined {
  if (model.categories.length === 0 || rows.length < 2) return undefined;
  const head = rows[0]!;
  const folded = head.map((h) => foldText(h));
  if (CATEGORY.some((n) => folded.includes(n))) return undefined;
  const own = new Set([NAME, CODE].map((names) => names.map((n) => folded.indexOf(n)).find((i) => i >= 0) ?? -1));
  // A first line without a name column is no header (a list without one, its first unit read as it): nothing to find.
  if (NAME.every((n) => !folded.includes(n))) return undefined;
  let best: { column: number; known: number } | undefined;
  for (let c = 0; c < head.length; c++) {
    if (own.has(c)) continue;
    const filled = rows.slice(1).map((r) => normalizeKey(r[c] ?? "")).filter((v) => v !== "");
    const known = filled.filter((v) => resolveCategory(model, v) !== undefined).length;
    // Every filled cell a category; or, under a header that names a kind of unit ("Khối", "Phân
    // loại", "Type"), most of them, the others then said as categories the index does not have.
    const fits = filled.length > 0 && (known === filled.length || (known * 2 >= filled.length && CATEGORY_LIKE.test(folded[c]!)));
    // The column with the most categories (a notes column with one of them gives way to it).
    if (fits && (best === undefined || known > best.known)) best = { column: c, known };
  }
  if (best === undefined) return undefined;
  const c = best.column;
  return { rows: [head.map((h, i) => (i === c ? "Nhóm" : h)), ...rows.slice(1)], header: head[c]!.trim(), column: c + 1 };
}

/** Headers, folded, that name a kind of unit without being a category label: "Khối", "Phân loại", "Type", "Group". */
const CATEGORY_LIKE = /\b(?:khoi|loai|phan loai|kieu|type|kind|group|class)\b/;

/** What is said of a column read as the units' categories by what it holds (categoryColumnByContent): by its header, or its place when it has none. */
export function categoryColumnByContentMessage(file: string, found: { header: string; column: number }): Message {
  const vi = found.header === "" ? `cột thứ ${found.column}` : `cột "${found.header}"`;
  const en = found.header === "" ? `column ${found.column}` : `column "${found.header}"`;
  return {
    vi: `${file}: ${vi} được đọc là cột loại đơn vị, vì cột ghi các loại đơn vị của bộ chỉ số.`,
    en: `${file}: ${en} is read as the unit category column, as it holds the index's unit categories.`,
  };
}

/**
 * The lines (1-based; 1 is the header line) of a units table that give a category but neither a
 * unit's code nor its name: no form can be made for them, and they are said, not dropped silently.
 * Blank lines, and lines of other columns only (an "STT" run on), are not. Empty without a name column.
 */
export function rowsWithoutUnit(rows: readonly (readonly string[])[]): number[] {
  const units = unitsFromRows(rows);
  if (units === undefined) return [];
  const header = (rows[0] ?? []).map((h) => foldText(h));
  const catCol = CATEGORY.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
  if (catCol < 0) return [];
  const taken = new Set(units.map((u) => u.line));
  const lines: number[] = [];
  rows.slice(1).forEach((row, i) => {
    if (!taken.has(i + 2) && normalizeKey(row[catCol] ?? "") !== "") lines.push(i + 2);
  });
  return lines;
}

/** What is said of a unit a units file gives by its code alone (UnitEntry.unnamed): its form is named by the code. */
export function unnamedUnitMessage(file: string, line: number, code: string): Message {
  return {
    vi: `${file}, dòng ${line}: đơn vị mã ${code} không có tên (cột Đơn vị để trống); phiếu của đơn vị được đặt tên theo mã "${code}".`,
    en: `${file}, line ${line}: the unit coded ${code} has no name (its Unit is blank); its form is named by the code "${code}".`,
  };
}

/** What is said of a line of a units file that gives a category but no unit (rowsWithoutUnit): no form is made for it. */
export function rowWithoutUnitMessage(file: string, line: number): Message {
  return {
    vi: `${file}, dòng ${line}: chỉ có loại đơn vị, không có mã và tên đơn vị; không tạo phiếu cho dòng này.`,
    en: `${file}, line ${line} gives a category but no unit code or name; no form is made for it.`,
  };
}

/** A line of a units table with more fields than its header line. */
export interface WideRow {
  /** 1-based; 1 is the header line. */
  line: number;
  /** Fields up to the last one not blank. */
  fields: number;
  /** The header line's fields, likewise. */
  header: number;
}

/**
 * The lines of a units table that have more fields than its header: "SNV,Sở Nội vụ,Sở, ban,
 * ngành có dịch vụ công" is a name (or category) with the delimiter in it, not quoted, whose
 * pieces would be read as the next columns (the category would be "Sở"). Blank trailing fields
 * (a spreadsheet's padding) are not counted.
 */
export function rowsWiderThanHeader(rows: readonly (readonly string[])[]): WideRow[] {
  const width = (row: readonly string[]): number => {
    let n = row.length;
    while (n > 0 && normalizeKey(row[n - 1] ?? "") === "") n--;
    return n;
  };
  const header = width(rows[0] ?? []);
  const wide: WideRow[] = [];
  rows.slice(1).forEach((row, i) => {
    const fields = width(row);
    if (fields > header) wide.push({ line: i + 2, fields, header });
  });
  return wide;
}

/** The sentence for a line of a units file with more fields than its header (a name with the delimiter in it, unquoted). */
export function wideRowMessage(file: string, row: WideRow, delimiter: string): Message {
  const mark =
    delimiter === ";" ? { vi: "dấu chấm phẩy", en: "a semicolon" } : delimiter === "\t" ? { vi: "dấu tab", en: "a tab" } : { vi: "dấu phẩy", en: "a comma" };
  return {
    vi: `${file}, dòng ${row.line} có ${row.fields} cột, nhiều hơn dòng tiêu đề (${row.header} cột): tên có ${mark.vi} phải đặt trong ngoặc kép.`,
    en: `${file}, line ${row.line} has ${row.fields} fields, more than the header line (${row.header}): a name with ${mark.en} in it must be put in double quotes.`,
  };
}

/**
 * The units whose category is not one of the index's (by id or name, case and diacritics
 * ignored): a form made for an unknown category would leave out the indicators of the unit's
 * real one. An index without categories ignores categories (none is unknown).
 */
export function unitsOfUnknownCategory<U extends { category?: string }>(model: IndexModel, units: readonly U[]): U[] {
  if (model.categories.length === 0) return [];
  return units.filter((u) => u.category !== undefined && u.category !== "" && resolveCategory(model, u.category) === undefined);
}

/**
 * The units of a list that name a category for an index without categories: the index ranks
 * every unit alike, so their forms are made without it (the category is ignored, and said so).
 */
export function unitsWithIgnoredCategory<U extends { category?: string }>(model: IndexModel, units: readonly U[]): U[] {
  if (model.categories.length > 0) return [];
  return units.filter((u) => (u.category ?? "").trim() !== "");
}

/**
 * What is said of a list of units whose categories an index without categories ignores
 * (unitsWithIgnoredCategory), by the command line and the pane alike; `list`: the list, as the
 * sentence names it ("dv.csv"; "danh sách đơn vị", "the list of units").
 */
export function categoryIgnoredMessage(list: Message): Message {
  return {
    vi: `Bộ chỉ số không chia loại đơn vị nên cột loại đơn vị (Nhóm) của ${list.vi} được bỏ qua.`,
    en: `The index has no unit categories, so the unit category column of ${list.en} is ignored.`,
  };
}

/**
 * The units of an index that has categories whose category is left blank: their forms leave out
 * (shade grey) the rows of some categories only, and they are ranked with no category.
 */
export function unitsWithoutCategory<U extends { category?: string }>(model: IndexModel, units: readonly U[]): U[] {
  if (model.categories.length === 0) return [];
  return units.filter((u) => (u.category ?? "").trim() === "");
}

/** Units of a list that share a code: the code, and the units carrying it in list order (two or more). */
export interface CodeClash<U> {
  code: string;
  units: U[];
}

/**
 * The units whose forms could not all be scored: the reader knows a unit by its code (by its name
 * when it has no code) and does not score the second form of a code ("duplicate-unit"). Codes are
 * compared as the reader compares them (unitKeyOf): trimmed, in NFC, without invisible characters; "SXD" and
 * "sxd" are two codes, as they are two units to the reader. One clash per shared code, in the
 * order the code first appears. Empty when every unit has a code of its own.
 */
export function unitsWithSameCode<U extends { code: string; name: string }>(units: readonly U[]): CodeClash<U>[] {
  const byCode = new Map<string, U[]>();
  for (const u of units) {
    const key = unitKeyOf(u.code) || unitKeyOf(u.name);
    if (key === "") continue;
    byCode.set(key, [...(byCode.get(key) ?? []), u]);
  }
  return [...byCode].filter(([, us]) => us.length > 1).map(([code, us]) => ({ code, units: us }));
}

/**
 * The units of a list that are two units to the reader (each its own code, or no code and names
 * that differ) whose names differ only in letter case or in where a tone mark sits (alike by
 * unitNameKeyOf, spelt otherwise by unitKeyOf: "Sở Y tế" and "Sở Y Tế", "sở y tế" and "SỞ Y TẾ",
 * "Sở Văn hóa…" and "Sở Văn hoá…", "Thủy Nguyên" and "Thuỷ Nguyên"): most often one unit typed twice.
 * They stay two units, each with its form, and are said so (a warning, not a refusal: two units
 * may be named alike on purpose). One name under two codes is not said: communes of two districts
 * are often named alike ("Xã Tân Lập"), and the codes tell them apart. One group per name spelt
 * two ways or more, in the order the name first appears, holding the first unit of each key
 * (units that share a key are unitsWithSameCode's). The reader says the same (duplicate-unit-name).
 */
export function unitsWithSimilarNames<U extends { code: string; name: string }>(units: readonly U[]): U[][] {
  const byName = new Map<string, Map<string, U>>();
  for (const u of units) {
    const name = unitNameKeyOf(u.name);
    const key = unitKeyOf(u.code) || unitKeyOf(u.name);
    if (name === "" || key === "") continue;
    const group = byName.get(name) ?? new Map<string, U>();
    if (!group.has(key)) group.set(key, u);
    byName.set(name, group);
  }
  const spelledTwoWays = (g: Map<string, U>): boolean => new Set([...g.values()].map((u) => unitKeyOf(u.name))).size > 1;
  return [...byName.values()].filter(spelledTwoWays).map((g) => [...g.values()]);
}

/**
 * What is said of units of a list whose names differ only in letter case or in where a tone mark
 * sits (unitsWithSimilarNames), by the command line and the pane alike, naming each by its line,
 * name and code: "dv.csv, dòng 2 ("Sở Y tế", mã SYT) và dòng 5 ("Sở Y Tế", mã SYT2): …", and what
 * differs (spellingDifference of each name from the first). `file`: the units file, when the list is one.
 */
export function similarNamesMessage(units: readonly { code: string; name: string; line: number }[], file?: string): Message {
  const each = (lang: "vi" | "en"): string => {
    const named = units.map((u) => {
      const code = u.code.trim() !== "" ? (lang === "vi" ? `mã ${u.code.trim()}` : `code ${u.code.trim()}`) : lang === "vi" ? "không có mã" : "no code";
      return `${lang === "vi" ? "dòng" : "line"} ${u.line} ("${u.name}", ${code})`;
    });
    const and = lang === "vi" ? " và " : " and ";
    return named.length < 2 ? named.join("") : `${named.slice(0, -1).join(", ")}${and}${named[named.length - 1]}`;
  };
  const lead = (lang: "vi" | "en"): string => {
    const text = each(lang);
    return file !== undefined ? `${file}, ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
  };
  const first = units[0]?.name ?? "";
  const kinds = new Set(units.filter((u) => unitKeyOf(u.name) !== unitKeyOf(first)).map((u) => spellingDifference(first, u.name)));
  const differ = SPELLING_DIFFERENCES[kinds.size === 1 ? [...kinds][0]! : "case-and-tone"];
  return {
    vi: `${lead("vi")}: tên đơn vị chỉ khác nhau ở ${differ.vi}. Đây là các đơn vị riêng, mỗi đơn vị một phiếu, được chấm và xếp hạng riêng; nếu là cùng một đơn vị, hãy bỏ dòng thừa, nếu không, hãy đặt tên dễ phân biệt hơn.`,
    en: `${lead("en")}: unit names that differ only in ${differ.en}. They are separate units, each with its own form, scored and ranked apart; if they are one unit, delete the extra line, otherwise give them names that tell them apart.`,
  };
}
