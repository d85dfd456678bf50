/** The list of units a template is made for: typed, pasted from Excel, or read from a CSV file. */
import { type TextEncoding, isCodePage, parseCsv, splitCsvLine } from "../../core/read/csv";
import type { LegacyEncoding } from "../../core/i18n/text";
import type { Message } from "../../core/i18n/text";
import { type Lang, localize } from "../../core/i18n/text";
import type { IndexModel } from "../../core/definition/model";
import { resolveCategory } from "../../core/read/read";
import {
  categoryIgnoredMessage,
  rowWithoutUnitMessage,
  rowsWiderThanHeader,
  rowsWithoutUnit,
  similarNamesMessage,
  unitsFromRows,
  categoryColumnByContent,
  categoryColumnByContentMessage,
  unitsOfUnknownCategory,
  unitsWithIgnoredCategory,
  unitsWithSameCode,
  unitsWithSimilarNames,
  unitsWithoutCategory,
  wideRowMessage,
} from "../../core/units";
import type { Notice } from "./usePane";
import { notUtf8Message } from "../../core/read/messages";
import { t, tBoth } from "../i18n";


export interface UnitLine {
  code: string;
  name: string;
  category?: string;
  /** The line of the list it was typed on (1-based), for messages. */
  line: number;
}

/** The fields of a line as a CSV file with `delimiter` would hold them (quoted where they must be), so that parseUnitList reads them back. */
export function joinFields(fields: readonly string[], delimiter = "; "): string {
  const mark = delimiter.trim() || delimiter;
  return fields.map((f) => (f.includes(mark) || f.startsWith('"') ? `"${f.replace(/"/g, '""')}"` : f)).join(delimiter);
}

/**
 * A field that reads as a unit's code: one word of at most 20 characters, in capitals, with a
 * digit, or in small letters without diacritics ("SNV", "01", "H.01", "UBND-X2", "snv"); a
 * Vietnamese word of a name ("Sở", "Trường", "Ban") is not one.
 */
export function looksLikeCode(text: string): boolean {
  return text.length <= 20 && !/\s/.test(text) && (/\d/.test(text) || /^[\p{Lu}][\p{Lu}\p{N}._\-/]*$/u.test(text) || /^[a-z][a-z._\-/]*$/.test(text));
}

/**
 * A line with commas (and neither a tab nor a semicolon): "code, name, category" as a CSV line
 * (quotes around a name with a comma), but a name may have commas of its own ("Sở Văn hóa, Thể
 * thao và Du lịch"). Its fields are: a category last only when they end with one of the index's
 * categories (its id or name, which may itself have commas; a typo stays in the name, where the
 * preview shows it); a code first when the first of the rest looks like a code (looksLikeCode);
 * the name is what is left, commas kept. A line with neither is one name.
 */
function commaLine(fields: string[], model: IndexModel | undefined): Omit<UnitLine, "line"> {
  let rest = fields;
  let category: string | undefined;
  if (model) {
    for (let k = fields.length - 1; k >= 1; k--) {
      const tail = fields.slice(k).join(", ");
      if (resolveCategory(model, tail) !== undefined) {
        category = tail;
        rest = fields.slice(0, k);
        break;
      }
    }
  }
  const code = rest.length >= 2 && looksLikeCode(rest[0]!) ? rest[0]! : "";
  const name = (code !== "" ? rest.slice(1) : rest).filter((f) => f !== "").join(", ");
  return { code, name: name === "" ? code : name, ...(category !== undefined ? { category } : {}) };
}

/** The fields of a line without the blank ones at its end ("SNV, Sở Nội vụ, co-dvc," and a row pasted with empty cells after it). */
function withoutTrailingBlanks(fields: string[]): string[] {
  let n = fields.length;
  while (n > 0 && fields[n - 1] === "") n--;
  return fields.slice(0, n);
}

/**
 * A header line ("Mã đơn vị, Đơn vị, Nhóm", "STT\tMã\tTên đơn vị"): a line with a unit name column,
 * by the labels the units CSV reader takes (unitsFromRows), so that a list pasted with its header
 * reads as the CSV file would.
 */
function isHeader(fields: readonly string[]): boolean {
  return unitsFromRows([fields]) !== undefined;
}

/**
 * A line under a header, read by its columns as the units CSV reader reads a row (an "STT" column,
 * and any the reader does not know, left out). A line of commas wider than the header has a name
 * with commas of its own: the extra fields are the name's.
 */
function lineUnderHeader(header: readonly string[], fields: string[], sep: string | null): Omit<UnitLine, "line"> | undefined {
  let row = fields;
  const nameCol = header.findIndex((h) => isHeader([h]));
  const extra = fields.length - header.length;
  if (sep === "," && extra > 0 && nameCol >= 0) row = [...fields.slice(0, nameCol), fields.slice(nameCol, nameCol + extra + 1).join(", "), ...fields.slice(nameCol + extra + 1)];
  const [unit] = unitsFromRows([header, row]) ?? [];
  return unit && { code: unit.code, name: unit.name, ...(unit.category !== undefined ? { category: unit.category } : {}) };
}

/**
 * The units of the list the Collect step is given, one a line: "code; name; category", "name"
 * alone, fields separated by a tab (rows pasted from Excel), a semicolon or a comma. A line is
 * split on a tab if it has one, else on semicolons, else on commas, with quotes as in a CSV file
 * (a name in double quotes may hold the separator); each field is trimmed, and blank fields at the
 * end of a line are dropped. A header line (isHeader) is not a unit: the lines after it are read
 * by its columns. Otherwise a line of commas is read by commaLine (a Vietnamese name may have
 * commas, so the index's categories (`model`) and the look of a code decide what is the name);
 * other lines by position, a blank code staying blank, except that two fields whose last is one
 * of the index's categories are a name and its category.
 */
export function parseUnitList(text: string, model?: IndexModel): UnitLine[] {
  const units: UnitLine[] = [];
  let header: readonly string[] | undefined;
  const lines = text.split(/\r?\n/).flatMap((raw, i) => {
    if (raw.trim() === "") return [];
    const sep = raw.includes("\t") ? "\t" : raw.includes(";") ? ";" : raw.includes(",") ? "," : null;
    const parts = withoutTrailingBlanks(sep ? splitCsvLine(raw, sep) : [raw.trim()]);
    return parts.length === 0 ? [] : [{ sep, parts, line: i + 1 }];
  });
  for (const [at, { sep, parts, line }] of lines.entries()) {
    if (parts.length > 1 && isHeader(parts)) {
      // A column of the index's categories under another header ("Khối") is the categories, as in a CSV file.
      const below = lines.slice(at + 1).map((l) => l.parts);
      header = (model && categoryColumnByContent(model, [parts, ...below])?.rows[0]) ?? parts;
      continue;
    }
    if (parts.length === 1) units.push({ code: "", name: parts[0]!, line });
    else if (header) {
      const read = lineUnderHeader(header, parts, sep);
      if (read) units.push({ ...read, line });
    } else if (sep === ",") {
      const read = commaLine(parts, model);
      if (read.name !== "") units.push({ ...read, line });
    } else if (parts.length === 2 && model && resolveCategory(model, parts[1]!) !== undefined) units.push({ code: "", name: parts[0]!, category: parts[1]!, line });
    else {
      const [code = "", name = "", category = ""] = parts;
      if (name === "" && code === "") continue;
      units.push({ code, name: name === "" ? code : name, ...(category !== "" ? { category } : {}), line });
    }
  }
  return units;
}

/**
 * A units CSV (columns Mã đơn vị/Unit code, Đơn vị/Unit, Nhóm/Category) as unit lines, and how its
 * bytes were read (a file that is not UTF-8 is read as Windows-1258); undefined without a name column.
 * A line with a code but no name is the unit of that code, named by it (the list shows it so); a
 * line with a category but no unit is left out, and said (`noUnit`).
 */
export function unitListFromCsv(
  bytes: Uint8Array,
  fileName: string,
  model?: IndexModel,
): { text: string; encoding: TextEncoding; legacy?: LegacyEncoding; wide: Message[]; noUnit: Message[]; categoryColumn?: Message } | undefined {
  const { encoding, rows: table, delimiter, legacy } = parseCsv(bytes);
  // A column of the index's categories under another header ("Type", "Khối") is the categories, as the command line reads it.
  const byContent = model && categoryColumnByContent(model, table);
  const rows = byContent?.rows ?? table;
  const units = unitsFromRows(rows);
  if (units === undefined) return undefined;
  // A line with more fields than the header: a name with the delimiter in it, not quoted. Its
  // fields would be read shifted (a piece of the name taken for the category).
  const wide = rowsWiderThanHeader(rows).map((w) => wideRowMessage(fileName, w, delimiter));
  const noUnit = rowsWithoutUnit(rows).map((line) => rowWithoutUnitMessage(fileName, line));
  return {
    text: units.map((u) => joinFields([u.code, u.name, u.category ?? ""])).join("\n"),
    encoding,
    ...(legacy !== undefined ? { legacy } : {}),
    wide,
    noUnit,
    ...(byContent ? { categoryColumn: categoryColumnByContentMessage(fileName, byContent) } : {}),
  };
}

/** What the pane says about a units CSV file, in both languages, under the list it fills. */
export interface CsvProblem {
  text: Message;
  /** "none": a note only (a column read as the categories by what it holds). */
  state: "error" | "warning" | "none";
}

/**
 * A units CSV file as the Collect step takes it: the list it gives (undefined when nothing is
 * taken: no name column, or lines that would be read shifted), and what to say about it.
 */
export function unitsFromCsvFile(bytes: Uint8Array, fileName: string, model?: IndexModel): { text?: string; problem?: CsvProblem } {
  const read = unitListFromCsv(bytes, fileName, model);
  if (read === undefined) return { problem: { text: tBoth("unitsCsvNoName", { name: fileName }), state: "error" } };
  // Nothing taken from a file whose lines would be read shifted: the first such line, and how many.
  if (read.wide.length > 0) {
    const first = read.wide[0]!;
    const more = read.wide.length - 1;
    return {
      problem: {
        text: more > 0 ? { vi: `${first.vi} ${t("vi", "unitsCsvMoreWide", { count: more })}`, en: `${first.en} ${t("en", "unitsCsvMoreWide", { count: more })}` } : first,
        state: "error",
      },
    };
  }
  // A file saved as "CSV (Comma delimited)" on Vietnamese Windows: read, with a word to check the
  // diacritics; lines with a category but no unit: read without them, and each named. A column
  // read as the categories by what it holds: a note.
  const warned = [...(isCodePage(read.encoding) ? [notUtf8Message(fileName, read.legacy, read.encoding)] : []), ...read.noUnit];
  const said = [...warned, ...(read.categoryColumn ? [read.categoryColumn] : [])];
  const text: Message = { vi: said.map((m) => m.vi).join(" "), en: said.map((m) => m.en).join(" ") };
  return { text: read.text, ...(said.length > 0 ? { problem: { text, state: warned.length > 0 ? ("warning" as const) : ("none" as const) } } : {}) };
}

/** "dòng 2 (Sở A) và dòng 4 (Sở B)" / "Line 2 (Sở A) and line 4 (Sở B)": lines of the list with their units, as each problem names them. */
function unitLines(units: readonly UnitLine[], lang: Lang): string {
  const each = units.map((u) => t(lang, "unitAtLine", { line: u.line, name: u.name }));
  const and = lang === "vi" ? " và " : " and ";
  const text = each.length < 2 ? each.join("") : `${each.slice(0, -1).join(", ")}${and}${each[each.length - 1]}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What is said of a list that gives units categories an index without categories does not have:
 * they are ignored (the command line's template says the same). Undefined when nothing is ignored.
 */
export function ignoredCategoriesMessage(model: IndexModel, units: readonly UnitLine[]): Message | undefined {
  return unitsWithIgnoredCategory(model, units).length > 0 ? categoryIgnoredMessage(tBoth("unitsListIgnored")) : undefined;
}

/**
 * The notice after forms were made, with a line for each unit whose category is left blank in a
 * list that gives the others theirs (an index with categories): on its form the rows that apply to
 * some categories only are shaded grey and not counted, and the unit is ranked within no category.
 * A list that gives no unit a category says nothing: every form says so itself. For an index
 * without categories, a list that gives some: a line that they are ignored. Then a line for each
 * group of units whose names are alike but for letter case ("Sở Y tế", "Sở Y Tế"), or one name
 * under two codes (unitsWithSimilarNames): two units, each with its form, as the command line says.
 */
export function withUnitsWithoutCategory(notice: Notice, model: IndexModel, units: readonly UnitLine[]): Notice {
  const similar = unitsWithSimilarNames(units).map((group) => similarNamesMessage(group));
  const warn = (lines: Message[]): Notice =>
    lines.length === 0 ? notice : { ...notice, intent: notice.intent === "error" ? "error" : "warning", details: [...(notice.details ?? []), ...lines] };
  const ignored = ignoredCategoriesMessage(model, units);
  if (ignored) return warn([ignored, ...similar]);
  const blank = unitsWithoutCategory(model, units);
  if (blank.length === 0 || blank.length === units.length) return warn(similar);
  const known = (lang: Lang) => (model.definition.categories ?? []).map((c) => `"${localize(c.name, lang)}"`).join(", ");
  const lines = blank.map((u) => tBoth("unitWithoutCategory", (lang) => ({ unit: unitLines([u], lang), known: known(lang) })));
  return warn([...lines, ...similar]);
}

/**
 * Every problem of a list of units forms would be made for, at once, in the order of the list's
 * lines, each naming its lines and units: a category the index does not have (the form would leave
 * out the unit's indicators), a code two units share, or a name two units without a code share
 * (the reader would score only the first of their forms). Undefined when there is none.
 */
export function unitListProblems(model: IndexModel, units: readonly UnitLine[]): Notice | undefined {
  const unknown = unitsOfUnknownCategory(model, units);
  const clashes = unitsWithSameCode(units);
  if (unknown.length === 0 && clashes.length === 0) return undefined;
  const lines: { line: number; text: Message }[] = [
    ...unknown.map((u) => ({ line: u.line, text: tBoth("unitUnknownCategory", (lang) => ({ unit: unitLines([u], lang), category: u.category ?? "" })) })),
    ...clashes.map((c) => {
      const uncoded = c.units.filter((u) => u.code.trim() === "");
      const key = uncoded.length === c.units.length ? "unitSameName" : "unitSameCode";
      return {
        line: c.units[0]!.line,
        text: tBoth(uncoded.length > 0 && uncoded.length < c.units.length ? "unitSameCodeUncoded" : key, (lang) => ({
          lines: unitLines(c.units, lang),
          code: c.units.every((u) => u.code.trim() === "") ? c.units[0]!.name : c.code,
          uncoded: unitLines(uncoded, lang).replace(/^./, (x) => x.toLowerCase()),
        })),
      };
    }),
  ];
  const details = lines.sort((a, b) => a.line - b.line).map((l) => l.text);
  // One kind of problem: the headline says what to do about it; more kinds: how many problems, each line under it.
  const known = (lang: Lang) => (model.definition.categories ?? []).map((c) => `"${localize(c.name, lang)}"`).join(", ");
  if (clashes.length === 0) return { intent: "error", message: tBoth("unitsUnknownCategory", (lang) => ({ count: unknown.length, known: known(lang) })), details };
  const named = clashes.every((c) => c.units.every((u) => u.code.trim() === ""));
  if (unknown.length === 0) return { intent: "error", key: named ? "unitsSameName" : "unitsSameCode", params: { count: clashes.length }, details };
  return { intent: "error", message: tBoth("unitsProblems", (lang) => ({ count: details.length, known: known(lang) })), details };
}
