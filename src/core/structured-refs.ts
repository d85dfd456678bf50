/**
 * Excel's structured references to a table's columns (`DTI_Results[Tổng điểm]`,
 * `DTI_Results[[#This Row],[Mã đơn vị]]`, `DTI_Results[[Tổng điểm]:[Hạng]]`): which column of the
 * results table a header of the last run is in this run's table (the results scored in Vietnamese
 * and scored again in English: `Tổng điểm` is `Total points`), and a formula with its references
 * to renamed columns naming them by their new names, as Excel rewrites them when a column's header
 * changes. A reference to a column the run no longer writes is left as it is, and said.
 */
import type { SheetMessage } from "./i18n/text";
import { normalizeText } from "./i18n/text";
import { parseCell, parseRange } from "./a1";
import { COLUMN_LABELS, groupPointsHeader, groupRankHeader, groupValueHeader, isUnitHeaders } from "./plan/labels";
import type { OwnedSheetPlan, TablePlan } from "./types";

/** What became of a column of the table: its header as it was, and its header now (null: gone). */
export interface ColumnRename {
  from: string;
  to: string | null;
}

/** The renamed and gone columns of a table, by their old header (columnKey). */
export type ColumnRenames = ReadonlyMap<string, ColumnRename>;

/** A column's name as Excel compares it: without case (and in one Unicode form). */
function columnKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}

/** The headers of a table of the plan: the values its blocks write on the table's first row, as the host writes them. */
export function plannedHeaders(sheet: OwnedSheetPlan, table: TablePlan): string[] {
  const r = parseRange(table.range);
  const out: string[] = Array.from({ length: r.right - r.left + 1 }, () => "");
  for (const b of sheet.blocks) {
    const { row, column } = parseCell(b.address);
    b.values[r.top - row]?.forEach((v, c) => {
      const at = column + c - r.left;
      if (at >= 0 && at < out.length) out[at] = v === null ? "" : String(v);
    });
  }
  return out;
}

/** The fixed columns of the results table, known by their header in either language. */
const FIXED_COLUMNS = ["rank", "unitCode", "unit", "category", "totalPoints", "value", "rankInCategory", "coverageColumn", "errors", "warnings", "note"] as const;

/** A top-level group's columns: its value, points and rank, the group's name before the kind ("Hạ tầng số (điểm)"). */
const GROUP_KINDS = { value: groupValueHeader, points: groupPointsHeader, rank: groupRankHeader } as const;

const key = (s: string) => normalizeText(s).toLowerCase();

type Role = { fixed: (typeof FIXED_COLUMNS)[number] } | { group: string; kind: keyof typeof GROUP_KINDS };

/** What a header of the results table holds, in either language; undefined for a header the project does not write. */
function roleOf(header: string): Role | undefined {
  const h = key(header);
  for (const fixed of FIXED_COLUMNS) if (h === key(COLUMN_LABELS[fixed].vi) || h === key(COLUMN_LABELS[fixed].en)) return { fixed };
  for (const [kind, make] of Object.entries(GROUP_KINDS) as [keyof typeof GROUP_KINDS, (n: string, l: "vi" | "en") => string][]) {
    for (const lang of ["vi", "en"] as const) {
      const suffix = key(make("", lang));
      if (h.endsWith(suffix) && h.length > suffix.length) return { group: h.slice(0, h.length - suffix.length).trim(), kind };
    }
  }
  return undefined;
}

/**
 * What each header of a results table holds (roleOf), the unit's code and name columns (second and
 * third) also when called as the index calls a unit (`Mã quốc gia`, `Quốc gia`: isUnitHeaders).
 */
function rolesOf(headers: readonly string[]): (Role | undefined)[] {
  const unitColumns = isUnitHeaders(headers[1], headers[2]);
  return headers.map((h, i) => roleOf(h) ?? (unitColumns && i === 1 ? { fixed: "unitCode" } : unitColumns && i === 2 ? { fixed: "unit" } : undefined));
}

/** The groups in the order their columns come, each once. */
function groupsOf(roles: (Role | undefined)[]): string[] {
  return [...new Set(roles.flatMap((r) => (r && "group" in r ? [r.group] : [])))];
}

/**
 * The columns of the table as it was (`before`, its header row) that this run's table (`after`)
 * has under another header, and those it no longer has, matched by what they hold: a fixed column
 * by its header in either language (`Tổng điểm` is `Total points`), a group's value, points and
 * rank by the group: of the same name, else (the names in the other language) the groups left
 * over, in order, when as many are left on both sides. A header `after` still has is not listed.
 */
export function tableColumnRenames(before: readonly string[], after: readonly string[]): Map<string, ColumnRename> {
  const out = new Map<string, ColumnRename>();
  const kept = new Set(after.map(key));
  const oldRoles = rolesOf(before);
  const newRoles = rolesOf(after);
  const oldGroups = groupsOf(oldRoles);
  const newGroups = groupsOf(newRoles);
  const groupNow = new Map(oldGroups.filter((g) => newGroups.includes(g)).map((g) => [g, g]));
  const leftOld = oldGroups.filter((g) => !groupNow.has(g));
  const leftNew = newGroups.filter((g) => ![...groupNow.values()].includes(g));
  if (leftOld.length === leftNew.length) leftOld.forEach((g, i) => groupNow.set(g, leftNew[i]!));
  before.forEach((from, i) => {
    if (kept.has(key(from)) || out.has(columnKey(from))) return;
    const role = oldRoles[i];
    const at = !role
      ? -1
      : "fixed" in role
        ? newRoles.findIndex((r) => r !== undefined && "fixed" in r && r.fixed === role.fixed)
        : newRoles.findIndex((r) => r !== undefined && "group" in r && r.kind === role.kind && r.group === groupNow.get(role.group));
    out.set(columnKey(from), { from, to: at >= 0 ? after[at]! : null });
  });
  return out;
}

/** Characters a column's name escapes with `'` in a structured reference. */
const ESCAPED = /['[\]#]/g;
/** Characters (but a space) that make a column's name need brackets of its own: `T[[Total $]]`, not `T[Total $]`. */
const SPECIAL = /[\t\n\r,:.[\]#'"{}$^&*+=\-<>/]/;

function escapeColumn(name: string): string {
  return name.replace(ESCAPED, "'$&");
}

function unescapeColumn(text: string): string {
  return text.replace(/'(.)/gs, "$1");
}

/** The index of the `]` closing the bracket opened at `open`, skipping `'`-escaped characters and one level of inner brackets; -1 when none. */
function closing(s: string, open: number, nested: boolean): number {
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i];
    if (c === "'") i++;
    else if (c === "]") return i;
    else if (c === "[" && nested) {
      const inner = closing(s, i, false);
      if (inner < 0) return -1;
      i = inner;
    }
  }
  return -1;
}

/** One table specifier (what is between `T[` and its `]`) with the renamed columns renamed; the gone ones it names are added to `gone`. */
function renameInSpecifier(spec: string, columns: ColumnRenames, gone: string[]): string {
  const renamed = (raw: string): string | undefined => {
    if (raw.trimStart().startsWith("#")) return undefined;
    const c = columns.get(columnKey(unescapeColumn(raw)));
    if (c && c.to === null) gone.push(c.from);
    return c?.to ?? undefined;
  };
  if (!spec.replace(/'./gs, "").includes("[")) {
    // One column, or a special item: `T[Tổng điểm]`, `T[@Hạng]`, `T[#All]`.
    const at = spec.startsWith("@") ? "@" : "";
    const to = renamed(spec.slice(at.length));
    if (to === undefined) return spec;
    const needsBrackets = SPECIAL.test(to) || (at !== "" && to.includes(" "));
    return needsBrackets ? `${at}[${escapeColumn(to)}]` : `${at}${escapeColumn(to)}`;
  }
  // Items in brackets of their own, between separators: `[#This Row],[Tổng điểm]`, `[Tổng điểm]:[Hạng]`, `@[Tổng điểm]`.
  let out = "";
  let i = 0;
  while (i < spec.length) {
    if (spec[i] !== "[") {
      out += spec[i++];
      continue;
    }
    const end = closing(spec, i, false);
    if (end < 0) return spec;
    const raw = spec.slice(i + 1, end);
    const to = renamed(raw);
    out += `[${to === undefined ? raw : escapeColumn(to)}]`;
    i = end + 1;
  }
  return out;
}

/**
 * The formula with its structured references to `table` (compared without case, as Excel does)
 * naming the renamed columns by their new names, escaped as Excel needs; text in quotes, other
 * tables and references into other workbooks (`Book.xlsx!DTI_Results[…]`) stay as they are.
 * `gone`: the columns it names that the table no longer has (their references left as they are).
 */
export function renameTableColumnsInFormula(formula: string, table: string, columns: ColumnRenames): { text: string; gone: string[] } {
  const gone: string[] = [];
  if (columns.size === 0 || !formula.toLowerCase().includes(`${table.toLowerCase()}[`)) return { text: formula, gone };
  const name = new RegExp(`${table.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\[`, "giu");
  // Outside the text in double quotes only.
  const text = formula.replace(/("(?:[^"]|"")*"?)|([^"]+)/g, (whole: string, literal: string | undefined) => {
    if (literal !== undefined) return whole;
    let out = "";
    let from = 0;
    for (const m of whole.matchAll(name)) {
      const at = m.index;
      if (at < from) continue;
      // Inside a longer name, or a table of another workbook.
      if (at > 0 && /[\p{L}\p{N}_.\\!\]]/u.test(whole[at - 1]!)) continue;
      const open = at + m[0].length - 1;
      const end = closing(whole, open, true);
      if (end < 0) continue;
      out += whole.slice(from, open + 1) + renameInSpecifier(whole.slice(open + 1, end), columns, gone) + "]";
      from = end + 1;
    }
    return out + whole.slice(from);
  });
  return { text, gone: [...new Set(gone)] };
}

/** Where formulas naming a gone column are: their sheet, and their cells (or the ranges of a validation or a conditional format). */
export interface FormulaPlace {
  sheet: string;
  cells: string[];
}

const NAMED_CELLS = 5;

/**
 * The user's formulas at `place` name columns of `table` (`columns`) that this run's table no
 * longer has (a group taken out of the index): they are left as they are, and show an error.
 */
export function goneColumnsMessage(table: string, place: FormulaPlace, columns: readonly string[]): SheetMessage {
  const cols = columns.map((c) => `'${c}'`).join(", ");
  const many = columns.length > 1;
  const shown = place.cells.slice(0, NAMED_CELLS).join(", ") + (place.cells.length > NAMED_CELLS ? ", …" : "");
  const one = place.cells.length === 1;
  return {
    sheet: place.sheet,
    vi: `Trang '${place.sheet}', ${one ? "ô" : `${place.cells.length} ô`} ${shown}: ${one ? "công thức" : "các công thức"} dùng ${many ? "các cột" : "cột"} ${cols} của bảng ${table}, nay kết quả không còn ${many ? "các cột này" : "cột này"}; ${one ? "công thức" : "các công thức"} được để nguyên và sẽ báo lỗi (#REF! trong Excel) cho đến khi bạn sửa lại.`,
    en: `Sheet '${place.sheet}', ${one ? "cell" : `${place.cells.length} cells`} ${shown}: the ${one ? "formula uses" : "formulas use"} ${many ? "columns" : "column"} ${cols} of the table ${table}, which the results no longer have; ${one ? "it is" : "they are"} left as ${one ? "it is" : "they are"} and ${one ? "shows" : "show"} an error (#REF! in Excel) until you change ${one ? "it" : "them"}.`,
  };
}

/**
 * A formula with its references to table `from` (`From[Tổng điểm]`, `From[[#This Row],[Hạng]]`,
 * and the name alone, `ROWS(From)`; compared without case, as Excel does) naming table `to`, as
 * Excel rewrites the workbook's formulas when a table is renamed. Text in quotes, quoted sheet
 * names, the columns in brackets, longer names, sheet names (`From!A1`) and tables of other
 * workbooks stay as they are.
 */
export function renameTableInFormula(formula: string, from: string, to: string): string {
  const lower = from.toLowerCase();
  if (!formula.toLowerCase().includes(lower)) return formula;
  let out = "";
  for (let i = 0; i < formula.length; ) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      const end = formula.indexOf(ch, i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "[") {
      // What a structured reference's brackets hold (its columns, `'` escaping the next character).
      let depth = 0;
      let j = i;
      for (; j < formula.length; j++) {
        if (formula[j] === "'") j++;
        else if (formula[j] === "[") depth++;
        else if (formula[j] === "]" && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const before = i === 0 ? "" : formula[i - 1]!;
    const after = formula[i + from.length] ?? "";
    if (formula.slice(i, i + from.length).toLowerCase() === lower && !/[\p{L}\p{N}_.\\!\]]/u.test(before) && !/[\p{L}\p{N}_.\\!(]/u.test(after)) {
      out += to;
      i += from.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
