/**
 * Layout B: one table, one row per unit (a consolidated sheet or a CSV file). The header row has
 * `Đơn vị`/`Unit`, optionally `Mã đơn vị`/`Unit code` and `Nhóm`/`Category`, and one column per
 * input code ("1.3.a", "1.3.a – Số văn bản…", "1.3.a: …", "1.3.a Số văn bản", "1.3.b. Tổng số") or
 * by the input's name alone, as published tables head them ("Nhận thức số", "nhan_thuc_so").
 * The unit's name and code columns may also be headed as the index calls its units, as the
 * results table heads them ("Tỉnh", "Mã tỉnh"; "Country", "Country code": unitLabelHeaders).
 * Other columns are ignored. A totals row ("Tổng cộng", "Trung bình") without a unit code (or with
 * that label in the code's column and no name) is no unit: it is left out with a "summary-row" note.
 */
import type { IndexModel } from "../definition/model";
import type { CellValue, Issue, SheetSnapshot } from "../types";
import { categoryMatters, categoryNames, categoryUses } from "./categories";
import { makeIssue } from "./messages";
import type { LocatedCell, RawUnit, SheetReading } from "./raw";
import { type LegacyEncoding, foldText } from "../i18n/text";
import { CodeMatcher, address, cellAt, cellText, foldLabel, isBlank, keyText, legacyRows, looksLikeCode } from "./sheet";
import { UNIT_LABELS, unitLabelHeaders } from "./unit-fields";

/** How far down a header row is looked for. */
const HEADER_SEARCH_ROWS = 30;

interface UnitsHeader {
  row: number;
  name: number;
  /** 0-based row of the unit column's header when it is the row above `row` (a header of two rows). */
  nameRow?: number;
  code?: number;
  category?: number;
  /** Input code → 0-based column. */
  inputs: Map<string, number>;
  /** Header cells that look like codes the definition does not have. */
  unknown: { raw: string; address: string }[];
  /** Header cells naming an input that an earlier column already names: the earlier one is read. */
  duplicates: { raw: string; address: string; code: string; used: number }[];
  /** The year of the columns read that name an input with one ("le_2022"): the period the table's figures are of. */
  year?: number;
}

/** The first word of a header without the punctuation that may end it ("1.3.b." → "1.3.b", "1.3.a:" → "1.3.a"). */
function firstToken(text: string): string {
  return (/^(\S+)/.exec(text)?.[1] ?? "").replace(/[.:,;]+$/, "");
}

/**
 * The code a header names: the whole header, what precedes " – ", " - " or ":" after it
 * ("1.3.a – Số văn bản", "1.3.a: Số văn bản"), or its first word when that is one of the
 * definition's codes ("1.3.a Số văn bản", "1.3.a (văn bản)", "1.3.b. Tổng số").
 */
function headerCode(text: string, matcher: CodeMatcher): string | undefined {
  const whole = matcher.claim(text);
  if (whole !== undefined) return whole;
  const m = /^(\S+?)\s*(?:[–—:]|\s-)\s*\S/.exec(text);
  const separated = m ? matcher.claim(m[1] as string) : undefined;
  if (separated !== undefined) return separated;
  const token = firstToken(text);
  return token !== "" ? matcher.claim(token) : undefined;
}

/** A header or an input's name as compared by inputsByName: folded (foldText), underscores and hyphens as spaces. */
function nameKey(text: string): string {
  return foldText(text.replace(/[_\-–—]+/g, " "));
}

/**
 * The inputs a header may name by their name alone, as published tables head their columns
 * ("Nhận thức số", "nhan_thuc_so" for input 1 "Nhận thức số"): each input's name in Vietnamese and
 * in English, or, for an indicator read from one input of its own, the indicator's name; folded
 * (nameKey). A name two inputs share names neither.
 */
function inputsByName(model: IndexModel): Map<string, string> {
  const found = new Map<string, string | null>();
  for (const input of model.inputs.values()) {
    const indicator = model.nodes.get(input.indicator);
    const own = input.name ?? (indicator?.kind === "indicator" && indicator.inputs.length === 1 ? indicator.name : undefined);
    if (own === undefined) continue;
    const names = typeof own === "string" ? [own] : [own.vi, own.en].filter((n): n is string => n !== undefined);
    for (const key of new Set(names.map(nameKey))) {
      if (key === "") continue;
      found.set(key, found.has(key) && found.get(key) !== input.code ? null : input.code);
    }
  }
  return new Map([...found].flatMap(([k, code]) => (code !== null ? [[k, code] as const] : [])));
}

/**
 * The headers of a table's unit columns, folded (foldLabel): the name's and the code's, as
 * `Đơn vị`/`Unit` or as the index calls its units ("Tỉnh", "Mã tỉnh": unitLabelHeaders), and the
 * category's.
 */
function unitColumnLabels(model: IndexModel): { name: ReadonlySet<string>; code: ReadonlySet<string>; category: ReadonlySet<string> } {
  const own = unitLabelHeaders(model.definition.unitLabel);
  return {
    name: new Set<string>([...UNIT_LABELS.name, ...own.name]),
    code: new Set<string>([...UNIT_LABELS.code, ...own.code]),
    category: new Set<string>(UNIT_LABELS.category),
  };
}

/**
 * A header naming an input with a year after it, as tables published for several years head their
 * columns ("le_2022", "eys 2021", "Nhận thức số - 2024"): the input, by code or by name as a header
 * names it alone, and the year. Undefined for any other header.
 */
function yearHeader(text: string, model: IndexModel, matcher: CodeMatcher, named: ReadonlyMap<string, string>): { code: string; year: number } | undefined {
  const m = /^(.+?)[\s_.\-–]+((?:19|20)\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const code = headerCode(m[1]!, matcher) ?? named.get(nameKey(m[1]!));
  return code !== undefined && model.inputs.has(code) ? { code, year: Number(m[2]) } : undefined;
}

/**
 * The header of two rows whose first row is `above` (the unit's column found there) and second is
 * `below` (a row headed so, `cells` its values), when the second names inputs and is blank under
 * the first's unit column and inputs (merged down): the first's columns and the second's inputs.
 */
function twoRowHeader(above: UnitsHeader, below: UnitsHeader, cells: readonly CellValue[]): UnitsHeader | undefined {
  const blank = (c: number | undefined): boolean => c === undefined || isBlank(cells[c] ?? null);
  if (below.name >= 0 || !blank(above.name)) return undefined;
  if (![...below.inputs.keys()].some((input) => !above.inputs.has(input))) return undefined;
  if (![...above.inputs.values()].every((c) => blank(c))) return undefined;
  const inputs = new Map(above.inputs);
  for (const [input, c] of below.inputs) if (!inputs.has(input)) inputs.set(input, c);
  const code = below.code ?? (blank(above.code) ? above.code : undefined);
  const category = below.category ?? (blank(above.category) ? above.category : undefined);
  const year = below.year ?? above.year;
  return {
    ...(year !== undefined ? { year } : {}),
    row: below.row,
    name: above.name,
    nameRow: above.row,
    ...(code !== undefined ? { code } : {}),
    ...(category !== undefined ? { category } : {}),
    inputs,
    unknown: [...above.unknown, ...below.unknown],
    duplicates: [...above.duplicates, ...below.duplicates],
  };
}

function findUnitsHeader(model: IndexModel, sheet: SheetSnapshot): UnitsHeader | undefined {
  const { name: nameLabels, code: codeLabels, category: categoryLabels } = unitColumnLabels(model);
  const rowsToSearch = Math.min(sheet.values.length, HEADER_SEARCH_ROWS);
  const named = inputsByName(model);
  const headed = (r: number): UnitsHeader => {
    const row = sheet.values[r] ?? [];
    // A matcher of its own for each row: it tells 1.1 from 1.10 (both the number 1.1) by the order of a row's columns.
    const matcher = new CodeMatcher(model);
    let name: number | undefined;
    let code: number | undefined;
    let category: number | undefined;
    const inputs = new Map<string, number>();
    const unknown: { raw: string; address: string }[] = [];
    const duplicates: UnitsHeader["duplicates"] = [];
    // Columns naming an input with a year ("le_2022"): read as the input's when they are all of one year.
    const dated: { code: string; year: number; c: number; raw: string }[] = [];
    row.forEach((v, c) => {
      if (isBlank(v)) return;
      const label = foldLabel(v);
      if (name === undefined && nameLabels.has(label)) name = c;
      else if (code === undefined && codeLabels.has(label)) code = c;
      else if (category === undefined && categoryLabels.has(label)) category = c;
      else {
        // By its code, else by the input's name (a published table's "nhan_thuc_so").
        const found = typeof v === "number" ? matcher.match(v) : (headerCode(cellText(v), matcher) ?? named.get(nameKey(cellText(v))));
        if (found !== undefined) {
          const used = inputs.get(found);
          if (used !== undefined) duplicates.push({ raw: keyText(v), address: address(r, c), code: found, used });
          else if (model.inputs.has(found)) inputs.set(found, c);
        } else {
          const year = typeof v === "string" ? yearHeader(v, model, matcher, named) : undefined;
          if (year !== undefined) {
            dated.push({ ...year, c, raw: keyText(v) });
            return;
          }
          // A header starting with what looks like a code the definition does not have. (A code it
          // has is never reported: headerCode above takes a known first word.)
          const head = firstToken(keyText(v));
          if (looksLikeCode(head) && /^\d/.test(head) && !matcher.knows(head)) unknown.push({ raw: head, address: address(r, c) });
        }
      }
    });
    // Of one year only: a column named with the input's code alone comes first; of several years,
    // none is taken for another (unitsHeaderWithoutInputs says which years).
    let year: number | undefined;
    if (new Set(dated.map((d) => d.year)).size === 1) {
      for (const d of dated) {
        const used = inputs.get(d.code);
        if (used !== undefined) duplicates.push({ raw: d.raw, address: address(r, d.c), code: d.code, used });
        else {
          inputs.set(d.code, d.c);
          year = d.year;
        }
      }
    }
    return {
      row: r,
      name: name ?? -1,
      ...(code !== undefined ? { code } : {}),
      ...(category !== undefined ? { category } : {}),
      inputs,
      unknown,
      duplicates,
      ...(year !== undefined ? { year } : {}),
    };
  };
  for (let r = 0; r < rowsToSearch; r++) {
    const here = headed(r);
    if (here.name < 0) continue;
    // A header of two rows, as a province's summary tables are headed: the unit's columns headed
    // in this row and merged down (blank below), the inputs' codes in the row below under the
    // groups' titles ("Nhóm 1. Nhận thức số" merged over its inputs' columns); an input headed in
    // this row is merged down too. The units start below the codes.
    const two = r + 1 < sheet.values.length ? twoRowHeader(here, headed(r + 1), sheet.values[r + 1] ?? []) : undefined;
    if (two) return two;
    if (here.inputs.size > 0) return here;
  }
  return undefined;
}

/** How many of a header row's columns, and of the index's input codes, a sentence names before "…". */
const NAMED_COLUMNS = 5;
const NAMED_INPUTS = 6;

/**
 * A row that heads the units' names (`Đơn vị`, `Unit`, as the index calls its units: "Country")
 * but names no input of the index in any other column, so that no table of units is read from the
 * sheet: the first such row (0-based `row`) with one other column or more, the unit column's
 * header cell and text, the texts of its other columns (the unit code's and the category's left
 * out: a row of these alone lists units, as a forms workbook's instructions do), the first NAMED_COLUMNS of
 * them (`columns`, `columnCount` all of them), and those that name a group or an indicator of the
 * index rather than an input (`nodes`: "1.3" where the inputs are "1.3.a" and "1.3.b", "6").
 * Asked only of a sheet no table of units was read from (readLayoutB gave nothing).
 */
export interface UnitsHeaderWithoutInputs {
  row: number;
  cell: string;
  raw: string;
  columns: string[];
  columnCount: number;
  nodes: string[];
  /**
   * Columns naming inputs with years of more than one year ("le_1990" … "le_2022", yearHeader),
   * which are not read: the first input so named, its latest year's header, and the years.
   */
  years?: { code: string; example: string; from: number; to: number; count: number };
}

export function unitsHeaderWithoutInputs(model: IndexModel, sheet: SheetSnapshot): UnitsHeaderWithoutInputs | undefined {
  const { name: nameLabels, code: codeLabels, category: categoryLabels } = unitColumnLabels(model);
  for (let r = 0; r < Math.min(sheet.values.length, HEADER_SEARCH_ROWS); r++) {
    const row = sheet.values[r] ?? [];
    const name = row.findIndex((v) => !isBlank(v) && nameLabels.has(foldLabel(v)));
    if (name < 0) continue;
    const matcher = new CodeMatcher(model);
    const named = inputsByName(model);
    const others: string[] = [];
    const nodes: string[] = [];
    const dated: { code: string; year: number; raw: string }[] = [];
    row.forEach((v, c) => {
      if (c === name || isBlank(v)) return;
      const label = foldLabel(v);
      if (codeLabels.has(label) || categoryLabels.has(label)) return;
      others.push(keyText(v));
      const found = typeof v === "number" ? matcher.match(v) : headerCode(cellText(v), matcher);
      if (found !== undefined && !model.inputs.has(found)) nodes.push(found);
      const year = found === undefined && typeof v === "string" ? yearHeader(v, model, matcher, named) : undefined;
      if (year !== undefined) dated.push({ ...year, raw: keyText(v) });
    });
    // A list of units alone (`Mã đơn vị | Đơn vị | Nhóm`, as the instructions sheet of the forms
    // lists them) is no table of figures: only a row with another column is taken for one.
    if (others.length === 0) continue;
    const yearsOf = [...new Set(dated.map((d) => d.year))].sort((a, b) => a - b);
    const first = dated[0];
    const years =
      first !== undefined && yearsOf.length > 1
        ? {
            code: first.code,
            example: dated.filter((d) => d.code === first.code).reduce((a, b) => (b.year > a.year ? b : a)).raw,
            from: yearsOf[0]!,
            to: yearsOf[yearsOf.length - 1]!,
            count: yearsOf.length,
          }
        : undefined;
    return {
      row: r,
      cell: address(r, name),
      raw: keyText(row[name] ?? null),
      columns: others.slice(0, NAMED_COLUMNS),
      columnCount: others.length,
      nodes: [...new Set(nodes)],
      ...(years !== undefined ? { years } : {}),
    };
  }
  return undefined;
}

/** The index's first input codes, as a sentence lists what a table of units' columns are named by (NAMED_INPUTS, then "…"). */
export function inputCodesNamed(model: IndexModel): { codes: string[]; more: boolean } {
  const codes = [...model.inputs.keys()];
  return { codes: codes.slice(0, NAMED_INPUTS), more: codes.length > NAMED_INPUTS };
}

/**
 * The old encoding of Vietnamese in which a row of the sheet is a table of units' header ("§¬n vÞ"
 * for "Đơn vị" in TCVN3, beside columns named by the index's codes), when no row is one as typed.
 * Only said, never read.
 */
export function legacyUnitsHeader(model: IndexModel, sheet: SheetSnapshot): LegacyEncoding | undefined {
  const nameLabels = unitColumnLabels(model).name;
  const matcher = new CodeMatcher(model);
  for (let r = 0; r < Math.min(sheet.values.length, HEADER_SEARCH_ROWS); r++) {
    const row = sheet.values[r] ?? [];
    // The unit's column named in the old encoding: a cell read so ("§¬n vÞ"), not a label typed in
    // Unicode beside other text that reads as the old encoding too ("Đơn vị" beside "Nhóm").
    const legacy = legacyRows(row).find(({ row: read, converted }) => read.some((v, c) => converted.has(c) && !isBlank(v) && nameLabels.has(foldLabel(v))));
    if (legacy && row.some((v) => !isBlank(v) && (typeof v === "number" ? matcher.match(v) : headerCode(cellText(v), matcher)) !== undefined)) return legacy.encoding;
  }
  return undefined;
}

/**
 * Names of a totals row, folded (case, diacritics and a trailing ":" ignored): a row of a table of
 * units that sums or averages the units above it, which is no unit.
 */
const SUMMARY_NAMES = new Set(["tong", "tong cong", "cong", "tong so", "total", "grand total", "trung binh", "binh quan", "average"]);

/** Whether a cell names a totals row ("Tổng cộng", "TỔNG SỐ:", "Total"). */
export function isSummaryName(v: CellValue): boolean {
  return typeof v === "string" && SUMMARY_NAMES.has(foldLabel(v));
}

/**
 * The rows of a CSV table that hold more fields than its header row, by 0-based row, with their
 * number of fields: a decimal number written with a comma and not put in quotes ("0,8" in a comma
 * file) or a text holding the separator splits into two fields, and every value after it would be
 * read one column to the left. A row has more fields than the header when a field beyond the
 * header's is filled, or when it has more fields than most rows (a shifted row whose extra field
 * is empty, as text kept field by field tells). A row with fewer fields is not one: its missing
 * trailing fields are empty cells (a file that leaves them out). A header that ends in empty
 * fields counts them: a column without a name is a column of the file. Fields are counted as the
 * file has them (csvFields) where the snapshot says, else as the snapshot holds them.
 */
function tooWideRows(sheet: SheetSnapshot, headerRow: number): Map<number, number> {
  const width = fieldCount(sheet, headerRow);
  const rows: { r: number; fields: number; filledBeyond: boolean }[] = [];
  const tally = new Map<number, number>();
  for (let r = headerRow + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    if (row.every(isBlank)) continue;
    const fields = fieldCount(sheet, r);
    rows.push({ r, fields, filledBeyond: row.slice(width).some((v) => !isBlank(v)) });
    tally.set(fields, (tally.get(fields) ?? 0) + 1);
  }
  // Most rows' count of fields: rows that all end in one empty field more than the header (a
  // program that ends every line with the separator) are not each wrong.
  let usual = width;
  let most = 0;
  for (const [fields, n] of tally) if (n > most || (n === most && fields < usual)) [usual, most] = [fields, n];
  const limit = Math.max(width, usual);
  return new Map(rows.filter((x) => x.filledBeyond || x.fields > limit).map((x) => [x.r, x.fields]));
}

/** The count of fields on a CSV table's row (0-based): the file's own (csvFields) where the snapshot says, else the snapshot row's length. */
/**
 * A CSV header line split by a separator inside a column's name that is not in quotes ("6.2 – Số
 * ứng dụng, nền tảng dùng chung" in a comma-separated file): the header then has more fields than
 * any line of units, and every column after the split is named one field right of its values.
 * Told apart from a file that leaves out the empty fields at the end of its lines: no line of
 * units reaches the header's last field, a column the lines never reach is one the table reads (an
 * input, the unit, its code or category), and a field of the header the lines do reach names
 * nothing the table reads and is a piece split off: right after a column read (a split name's
 * first piece is read as its column), or starting as a name's continuation does (a space or a
 * small letter: " nền tảng dùng chung"), not as a column's own name ("STT", "Ghi chú").
 * `fragment`: that field's 0-based column, the first that starts as a continuation, else the
 * first right after a column read; `fields`: the most fields a line of units has.
 */
function headerSplit(sheet: SheetSnapshot, header: UnitsHeader): { fragment: number; fields: number } | undefined {
  const width = fieldCount(sheet, header.row);
  let most = 0;
  for (let r = header.row + 1; r < sheet.values.length; r++) {
    if ((sheet.values[r] ?? []).every(isBlank)) continue;
    most = Math.max(most, fieldCount(sheet, r));
  }
  if (most === 0 || most >= width) return undefined;
  const read = new Set([...header.inputs.values(), header.name, ...(header.code !== undefined ? [header.code] : []), ...(header.category !== undefined ? [header.category] : [])]);
  if (![...read].some((c) => c >= most)) return undefined;
  const row = sheet.values[header.row] ?? [];
  const continues = (c: number) => /^(\s|\p{Ll})/u.test(typeof row[c] === "string" ? (row[c] as string) : "");
  const unread = Array.from({ length: most }, (_, c) => c).filter((c) => !read.has(c));
  const fragment = unread.find(continues) ?? unread.find((c) => read.has(c - 1));
  return fragment === undefined ? undefined : { fragment, fields: most };
}

function fieldCount(sheet: SheetSnapshot, r: number): number {
  return sheet.csvFields?.[r] ?? (sheet.values[r] ?? []).length;
}

/**
 * Whether an input's indicator scores nothing whatever its figures: it, or a group above it, has
 * a max of 0 ("không tính điểm"), as the reader tells a blank figure of it (missing-input).
 */
function inputScoresNothing(model: IndexModel, inputCode: string): boolean {
  for (let at = model.inputs.get(inputCode)?.indicator; at !== undefined; ) {
    const node = model.nodes.get(at);
    if (!node) return false;
    if (node.max === 0) return true;
    at = node.parent;
  }
  return false;
}

/**
 * Whether a row below the header is the header row again: its unit-name cell is a unit-name
 * label ("Đơn vị", "Unit"), its code and category cells (when the table has those columns) are
 * blank or labels of theirs, and each filled input cell names the code of its own column
 * ("1.3.a", "1.3.a – Số văn bản…"), one of them at least. A unit named "Đơn vị" with figures is
 * not one.
 */
function headerRepeat(model: IndexModel, header: UnitsHeader): (row: readonly CellValue[]) => boolean {
  const { name: nameLabels, code: codeLabels, category: categoryLabels } = unitColumnLabels(model);
  const matcher = new CodeMatcher(model);
  const labelled = (v: CellValue | undefined, labels: ReadonlySet<string>): boolean => v === undefined || isBlank(v) || labels.has(foldLabel(v));
  return (row) => {
    const name = row[header.name];
    if (name === undefined || isBlank(name) || !nameLabels.has(foldLabel(name))) return false;
    if (header.code !== undefined && !labelled(row[header.code], codeLabels)) return false;
    if (header.category !== undefined && !labelled(row[header.category], categoryLabels)) return false;
    let named = 0;
    for (const [input, c] of header.inputs) {
      const v = row[c];
      if (v === undefined || isBlank(v)) continue;
      if ((typeof v === "number" ? matcher.match(v) : headerCode(cellText(v), matcher)) !== input) return false;
      named++;
    }
    return named > 0;
  };
}

/** "A", "B", …, "AA" for a 0-based column. */
function columnLetters(col0: number): string {
  return address(0, col0).replace(/\d+$/, "");
}

/** Read a sheet as layout B, or return undefined when it has no units header. */
export function readLayoutB(model: IndexModel, sheet: SheetSnapshot): SheetReading | undefined {
  const header = findUnitsHeader(model, sheet);
  if (!header) return undefined;
  const file = sheet.csvFile !== undefined ? { file: sheet.csvFile } : {};
  const issues: Issue[] = header.unknown.map((u) =>
    makeIssue("warning", "unknown-code", { sheet: sheet.name, ...file, cell: u.address, raw: u.raw }),
  );
  // A second column for one input ("1.2.a năm 2023 | 1.2.a năm 2024"): the first is read, and the
  // second is said to be left out, naming the column read (an unknown-code finding with `found`).
  for (const d of header.duplicates) {
    issues.push(
      makeIssue("warning", "unknown-code", { sheet: sheet.name, ...file, cell: d.address, raw: d.raw, node: d.code, found: columnLetters(d.used) }),
    );
  }
  // One finding for the sheet, listing every input without a column (not one per input). It is
  // about the header row, not one of its cells: a CSV's finding names the row alone; a sheet's
  // keeps the unit-name header cell as the place a host goes to and marks. The inputs of
  // indicators that score nothing (max 0: a published table without the smart-city column) are
  // listed apart, as information: their absence changes no result.
  const missing = [...model.inputs.keys()].filter((code) => !header.inputs.has(code));
  const unscored = new Set(missing.filter((code) => inputScoresNothing(model, code)));
  const findings: [Issue["severity"], string[]][] = [
    ["warning", missing.filter((code) => !unscored.has(code))],
    ["info", [...unscored]],
  ];
  for (const [severity, list] of findings) {
    if (list.length === 0) continue;
    issues.push(
      makeIssue(severity, "missing-row", {
        sheet: sheet.name,
        ...file,
        row: header.row + 1,
        ...(sheet.csvFile === undefined ? { cell: address(header.nameRow ?? header.row, header.name) } : {}),
        ...(list.length === 1 ? { node: list[0] } : {}),
        list,
        // Each input by its indicator: said as an input, or as the indicator when it is one.
        indicators: Object.fromEntries(list.map((code) => [code, model.inputs.get(code)?.indicator ?? code])),
        place: "column",
        ...(severity === "info" ? { scoresNothing: true } : {}),
      }),
    );
  }

  // A table without a category column, under an index with categories: said once, not on every row.
  if (header.category === undefined && model.categories.length > 0) {
    const uses = categoryUses(model);
    issues.push(
      makeIssue(categoryMatters(uses) ? "warning" : "info", "missing-category", {
        sheet: sheet.name,
        ...file,
        row: (header.nameRow ?? header.row) + 1,
        ...(sheet.csvFile === undefined ? { cell: address(header.nameRow ?? header.row, header.name) } : {}),
        categories: categoryNames(model),
        categoryUses: uses,
        place: "column",
      }),
    );
  }

  // A header line split by a separator in a column's name: every value would be read under the
  // wrong column. None is read (no unit of the table is scored); the error names the piece split off.
  const split = sheet.csvFile !== undefined ? headerSplit(sheet, header) : undefined;
  if (split !== undefined) {
    const row = sheet.values[header.row] ?? [];
    const before = split.fragment > 0 ? keyText(row[split.fragment - 1] ?? null) : "";
    issues.push(
      makeIssue("error", "header-too-wide", {
        sheet: sheet.name,
        ...file,
        row: header.row + 1,
        cell: address(header.row, split.fragment),
        raw: keyText(row[split.fragment] ?? null),
        ...(before !== "" ? { expected: before } : {}),
        value: split.fields,
        other: fieldCount(sheet, header.row),
      }),
    );
    return { units: [], issues };
  }

  const units: RawUnit[] = [];
  const inputColumns = new Set(header.inputs.values());
  const repeatsHeader = headerRepeat(model, header);
  const headerWidth = fieldCount(sheet, header.row);
  const tooWide = sheet.csvFile !== undefined ? tooWideRows(sheet, header.row) : new Map<number, number>();
  for (let r = header.row + 1; r < sheet.values.length; r++) {
    const located = (c: number): LocatedCell => ({ value: cellAt(sheet, r, c), address: address(r, c) });
    const name = located(header.name);
    const code = header.code !== undefined ? located(header.code) : undefined;
    const values = new Map<string, LocatedCell>();
    const inputCells: Record<string, string> = {};
    for (const [input, c] of header.inputs) {
      inputCells[input] = address(r, c);
      const cell = located(c);
      if (!isBlank(cell.value)) values.set(input, cell);
    }
    const noCode = code === undefined || isBlank(code.value);
    if (isBlank(name.value) && noCode && values.size === 0) continue;
    // A totals row ("Tổng cộng") without a unit code is no unit: scored, it would be ranked, and on
    // relative rules its sum would be everyone's best. Its label may sit in the name column or, the
    // name being blank, in another column that is not an input's ("STT" merged with "Đơn vị"),
    // the unit code's column among them ("Tổng cộng" merged over "Mã đơn vị" and "Đơn vị"): a
    // code cell that holds a totals label, with no name beside it, is that label, not a code. A
    // row with a code is a unit, whatever its name.
    // The header row again further down (tables of two exports pasted one under the other, or a
    // header repeated on each printed page): no unit, left out with a note naming the header row,
    // never scored and ranked as a unit named "Đơn vị" with an error at each of its cells.
    if (repeatsHeader(sheet.values[r] ?? [])) {
      issues.push(
        makeIssue("info", "header-row-repeated", {
          sheet: sheet.name,
          ...file,
          row: r + 1,
          ...(sheet.csvFile === undefined ? { cell: name.address } : {}),
          raw: keyText(name.value),
          headerRow: header.row + 1,
        }),
      );
      continue;
    }
    const labelAsCode = code !== undefined && isBlank(name.value) && isSummaryName(code.value);
    if (noCode || labelAsCode) {
      const label = isSummaryName(name.value)
        ? name
        : isBlank(name.value)
          ? (sheet.values[r] ?? []).map((_, c) => located(c)).find((cell, c) => !inputColumns.has(c) && c !== header.category && isSummaryName(cell.value))
          : undefined;
      if (label !== undefined) {
        issues.push(
          makeIssue("info", "summary-row", {
            sheet: sheet.name,
            ...file,
            row: r + 1,
            ...(sheet.csvFile === undefined ? { cell: label.address } : {}),
            raw: keyText(label.value),
          }),
        );
        continue;
      }
    }
    // A CSV row with more fields than the header: its values are out of line with the columns,
    // and which one was split cannot be told. None is read (the unit is not scored) rather than
    // each read under the wrong input; the error names the row and both counts.
    const fields = tooWide.get(r);
    if (fields !== undefined) {
      const codeText = code ? keyText(code.value) : "";
      const nameText = keyText(name.value);
      const unit = codeText || nameText;
      issues.push(
        makeIssue("error", "row-too-wide", {
          sheet: sheet.name,
          ...file,
          row: r + 1,
          cell: address(r, headerWidth),
          ...(unit !== "" ? { unit } : {}),
          ...(nameText !== "" ? { unitName: nameText } : {}),
          value: fields,
          other: headerWidth,
          headerRow: header.row + 1,
        }),
      );
      continue;
    }
    units.push({
      layout: "B",
      sheet: sheet.name,
      ...file,
      name,
      ...(code ? { code } : {}),
      ...(header.category !== undefined ? { category: located(header.category) } : {}),
      values,
      inputCells,
      ...(values.size === 0 ? { noFigures: {} } : {}),
      selfScores: new Map(),
      evidenceCells: {},
      fallbackCell: name.address,
      fallbackRow: r + 1,
      missingRows: [],
      unknownCodes: [],
      source: {
        layout: "B",
        sheet: sheet.name,
        row: r + 1,
        cells: inputCells,
        unitCells: {
          name: name.address,
          ...(code ? { code: code.address } : {}),
          ...(header.category !== undefined ? { category: address(r, header.category) } : {}),
        },
        ...(header.year !== undefined ? { period: String(header.year) } : {}),
        ...file,
      },
    });
  }
  return { units, issues };
}
