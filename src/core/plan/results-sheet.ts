/** The results sheet (`Kết quả` / `Results`): one Excel table, one row per unit, sorted by rank. */
import type { IndexModel } from "../definition/model";
import type { LocalizedText } from "../definition/schema";
import type { Lang, Message } from "../i18n/text";
import { localize } from "../i18n/text";
import type { CellBlock, ConditionalFormatPlan, OwnedSheetPlan, PlanValue, PrintPlan, ScoreTable, UnitResult } from "../types";
import { columnLetter, columnNumber, parseCell, parseRange, rangeAddress } from "./a1";
import { unitKey } from "./index-sheet";
import { LINE_HEIGHT, fitWidth, widestWord, wrappedHeight, wrappedLines } from "./layout";
import { type FigureFormats, decimalFormat, figure, groupFormats, roundedPartsDiffer, valueLeftOut } from "./figures";
import {
  RESULTS_TABLE,
  coverageDecimals,
  SHEET_NAMES,
  groupPointsHeader,
  groupRankHeader,
  groupValueHeader,
  formulaText,
  inputsChangedStatus,
  type NotScoredCount,
  label,
  noFiguresNote,
  notRankedText,
  notScoredHeading,
  pageTitle,
  resultsSubtitle,
  resultsTitle,
  ROUNDING_NOTE,
  sheetFooter,
  uncomputedParts,
  unitCodeHeader,
  unitErrorsNote,
  unitLabelText,
  withPeriod,
} from "./labels";

// Figures' formats and what is left out, light for the pane (figures.ts): still importable from here.
export {
  DEFAULT_FORMATS,
  type FigureFormats,
  POINTS_FORMAT,
  VALUE_FORMAT,
  decimalFormat,
  distinguishingDecimals,
  figure,
  figureFormats,
  formatDecimals,
  groupFormats,
  valueLeftOut,
} from "./figures";

const RANK_FORMAT = "0";
const COUNT_FORMAT = "0";
const TEXT_FORMAT = "@";

/**
 * The number format of the coverage column: a percentage with the decimals coverageDecimals gives
 * (0 → "0%", 1 → "0.0%"), so that a coverage below the minimum never reads as the minimum (2 of 3
 * indicators against a minimum of 67% shows 66.7%, as the unit's note says, not 67%). The cells
 * hold the full-precision coverage.
 */
export function coverageFormat(units: readonly Pick<UnitResult, "coverage">[], minCoverage: number): string {
  return `${decimalFormat(coverageDecimals(units.map((u) => u.coverage), minCoverage))}%`;
}


/** Whether the results show a category column: the index has categories, or some unit carries one. */
export function showsCategories(model: IndexModel, units: UnitResult[]): boolean {
  return model.categories.length > 0 || units.some((u) => u.category !== undefined);
}

/** Row of the table's header: a title line and a subtitle line above it. */
export const RESULTS_HEADER_ROW = 3;
/** The rank, the code and the name: the columns every printed page of a table several pages wide repeats. */
const IDENTITY_COLUMNS = 3;

/**
 * Whether every printed page of the table repeats the unit's category with its rank, code and
 * name: when units are ranked within their categories, a page with the rank in the category
 * (`Hạng trong loại`) says which category it is in.
 */
function repeatsCategory(model: IndexModel, table: ScoreTable, units: UnitResult[]): boolean {
  return table.ranking.within === "category" && showsCategories(model, units);
}

/** The columns every printed page of a table several pages wide repeats: IDENTITY_COLUMNS, and the category when repeatsCategory. */
function identityColumns(input: Pick<ResultsSheetInput, "model" | "table" | "units">): number {
  return IDENTITY_COLUMNS + (repeatsCategory(input.model, input.table, input.units) ? 1 : 0);
}

/**
 * The most lines a group's header wraps over in its narrow columns: the built-in indices' names
 * take six at most ("Hoạt động chính quyền số (điểm)"). A longer name (a province's index of
 * groups named in a hundred characters and more) made the header row a third of every page.
 */
const GROUP_HEADER_LINES = 6;
/** The widest a column of the table gets when it does not say (Column.maxWidth). */
const MAX_COLUMN_WIDTH = 24;

/** A group's code before its shortened name: "1. ", or "1) " as written when the code ends so. */
function codeLead(code: string): string {
  return /[.)]$/.test(code) ? `${code} ` : `${code}. `;
}

/**
 * A top-level group's name as the headers of its columns say it (`columns`: each column's header
 * of a name, and its narrowest width): whole while each header wraps over GROUP_HEADER_LINES lines
 * or fewer in its column; else its code and as many of its first words as keep them so, with an
 * ellipsis ("1. Chính quyền số cấp xã: chỉ…"), the same in each of its columns (a formula's
 * reference finds the group by it: structured-refs.ts). Its whole name is on each form and on
 * the charts sheet (the groups' chart names each one whole).
 */
function groupHeaderName(code: string, name: string, columns: readonly { header: (name: string) => string; width: number }[]): string {
  const fits = (n: string) =>
    columns.every((c) => {
      const text = c.header(n);
      const width = Math.min(MAX_COLUMN_WIDTH, Math.max(c.width, widestWord([text], true)));
      return wrappedLines(text, width, true) <= GROUP_HEADER_LINES;
    });
  if (fits(name)) return name;
  const words = name.split(/\s+/).filter((w) => w !== "");
  for (let n = words.length - 1; n >= 1; n--) {
    // Cut after a word, without the punctuation that ended it ("xã:" → "xã…").
    const short = `${codeLead(code)}${words.slice(0, n).join(" ").replace(/[\s,;:.\-–—(]+$/u, "")}…`;
    if (fits(short)) return short;
  }
  return code;
}
/** The header row's look, written on the cells themselves: LibreOffice does not draw table styles. */
const HEADER_FILL = "#1F4E78";
const HEADER_FONT = "#FFFFFF";
const TITLE_SIZE = 14;

interface Column {
  header: string;
  /** The narrowest the column gets; it widens to fit its values, up to `maxWidth`. */
  width: number;
  maxWidth?: number;
  format: string;
  cell: (u: UnitResult) => PlanValue;
  /** Conditional format on this column's data cells. */
  cf?: ConditionalFormatPlan["kind"];
  /**
   * Centred, header and cells: a rank, so that it stands clear of the code beside it; a count of
   * issues, so that it stands clear of the text of the note right of it ("3Không xếp hạng…").
   */
  centered?: boolean;
  /** The header's alignment when it is not the column's (see columnAlign). */
  headerAlign?: CellBlock["align"];
  /** Values wider than the column, or of more than one line (a note with the user's remark under it), wrap over as many lines as they take. */
  wrap?: boolean;
  /**
   * A printed page may start at this column: it begins a block of columns that prints whole, on
   * one page (printWidth): the category with the first group, each other group's value, points and
   * rank, the totals, the coverage with the counts of issues and the note, each column the user added.
   */
  startsBlock?: boolean;
  /**
   * A column the user added to the table: its header gets no look of the project's (Excel draws
   * the header of a column added to a table by the table's style, and the look the user gave it is theirs).
   */
  added?: boolean;
}

/** The widest the note column gets; a longer note wraps in its row, made tall enough for it. */
const NOTE_WIDTH = 40;

/** The widest the unit's name column gets; a longer name wraps in its row, made tall enough for it. */
const UNIT_NAME_WIDTH = 50;

export interface IssueCounts {
  errors: number;
  warnings: number;
  /** The cells of the unit's errors, in the order found (those with a sheet and a cell): the results note names the first. */
  errorCells?: { sheet: string; cell: string }[];
  /**
   * The unit's form (a sheet of one unit), or its row of a table of units, holds no figure at all
   * (the finding "no-figures"); "unit" when which of the two is not known.
   */
  noFigures?: "form" | "row" | "unit";
}

export interface ResultsSheetInput {
  model: IndexModel;
  table: ScoreTable;
  /** Units in rank order. */
  units: UnitResult[];
  counts: (u: UnitResult) => IssueCounts;
  lang: Lang;
  projectVersion: string;
  now: Date;
  /** The sheet's name when it cannot be the usual one (ownedSheetNames); default `Kết quả` / `Results`. */
  sheetName?: string;
  /** Forms and table rows left out of the scoring (a taken unit code, another index…), each with its finding. */
  notScored?: NotScoredEntry[];
  /** Number formats of points and values (figureFormats: as the ranking compares them). */
  formats: FigureFormats;
  /**
   * Whether the line that says points are shown rounded is written (when showsRounding): false
   * when the cells it takes hold what the user typed, which it never writes over. Left out, it is
   * written whenever showsRounding.
   */
  rounding?: boolean;
  /** Columns the user added to the last run's table, written as its last columns: a header, and a value by unitKey (blank for a unit without). */
  added?: { header: string; values: Map<string, PlanValue> }[];
  /**
   * What the user typed in the table's note column (`Ghi chú`), by unitKey (noteRemarks): written
   * after the project's note for the unit, on a line of its own (alone when the note is empty).
   */
  remarks?: Map<string, PlanValue>;
  /** The assessment periods the forms state (`Kỳ đánh giá`), named after the title; none: nothing is said. */
  periods?: string[];
}

export interface NotScoredEntry {
  /** A form (a sheet of one unit) or a row of a table of units. */
  kind: "form" | "row";
  /** The reader's finding: where it is and why it was not scored. */
  message: Message;
  /** The sheet the finding is on (a form's: its line says why there, planFormNotScored). */
  sheet?: string;
}

/** The rows below the table that list what was not scored (a heading, then one line each); undefined when nothing was left out. */
export function notScoredRows(unitCount: number, entries: number): { first: number; last: number } | undefined {
  if (entries === 0) return undefined;
  // One empty row between the table and the list.
  const first = RESULTS_HEADER_ROW + unitCount + 2;
  return { first, last: first + entries };
}

/**
 * The row of the line below the table that says points are shown rounded, when it is written
 * (showsRounding): a footnote, one empty row under the table, or under the list of what was not
 * scored (`entries` of it).
 */
export function roundingRow(unitCount: number, entries: number): number {
  const notes = notScoredRows(unitCount, entries);
  return (notes ? notes.last : RESULTS_HEADER_ROW + unitCount) + 2;
}

/**
 * Whether the results sheet says, under its table, that points are shown rounded: some unit's
 * group points, as the table shows them, do not add up to its total as shown (roundedPartsDiffer;
 * the sum is the root's, of the groups under it with points).
 */
export function showsRounding(model: IndexModel, units: readonly UnitResult[], formats: FigureFormats): boolean {
  if (model.root.max === undefined) return false;
  const top = new Set(model.topCodes);
  const shown = (code: string) => (code === model.root.code ? formats.points : top.has(code) && model.nodes.get(code)?.max !== undefined ? groupFormats(formats, code).points : undefined);
  return units.some((u) => roundedPartsDiffer(model, u, shown));
}

export function categoryName(model: IndexModel, id: string | undefined, lang: Lang): string {
  if (id === undefined) return "";
  const c = model.definition.categories?.find((x) => x.id === id);
  return c ? localize(c.name, lang) : id;
}

/** Excel table headers must be unique without regard to case. */
function uniqueHeaders(columns: Column[]): void {
  const seen = new Set<string>();
  for (const c of columns) {
    let h = c.header.trim() === "" ? "?" : c.header;
    for (let i = 2; seen.has(h.toLowerCase()); i++) h = `${c.header} (${i})`;
    seen.add(h.toLowerCase());
    c.header = h;
  }
}

function columnsFor(input: ResultsSheetInput): Column[] {
  const { model, table, lang, formats } = input;
  const cols: Column[] = [
    { header: label("rank", lang), width: 7, format: RANK_FORMAT, cell: (u) => u.rank, centered: true },
    // A unit without a code has its code cell left blank: it is known by its name.
    // Called as the index calls a unit ("Mã quốc gia", "Quốc gia"), as the subtitle and the charts do.
    { header: unitCodeHeader(model.definition.unitLabel, lang), width: 12, format: TEXT_FORMAT, cell: (u) => (u.code.trim() !== "" ? u.code : null) },
    { header: unitLabelText(model.definition.unitLabel, lang), width: 20, maxWidth: UNIT_NAME_WIDTH, format: TEXT_FORMAT, cell: (u) => u.name, wrap: true },
  ];
  // An index without categories has no empty category column.
  const categories = showsCategories(model, input.units);
  // Repeated on every page with the unit (repeatsCategory), or printed with the first group.
  const identity = identityColumns(input);
  if (categories) {
    // Repeated, it may be narrower than its longest name (printedWidths): a longer one wraps in its row.
    const repeated = identity > IDENTITY_COLUMNS;
    cols.push({ header: label("category", lang), width: 12, maxWidth: 40, format: TEXT_FORMAT, cell: (u) => categoryName(model, u.category, lang), startsBlock: !repeated, ...(repeated ? { wrap: true } : {}) });
  }
  const ranksGroups = table.ranking.nodes !== "none";
  for (const code of model.topCodes) {
    const node = model.nodes.get(code);
    if (!node) continue;
    const own = groupFormats(formats, code);
    const name = groupHeaderName(code, localize(node.name, lang), [
      { header: (n) => groupValueHeader(n, lang), width: 10 },
      ...(node.max !== undefined ? [{ header: (n: string) => groupPointsHeader(n, lang), width: 9 }] : []),
      ...(ranksGroups ? [{ header: (n: string) => groupRankHeader(n, lang), width: 6 }] : []),
    ]);
    // A category not repeated prints with the first group: not on a page of its own.
    const first = cols.length === IDENTITY_COLUMNS + (categories ? 1 : 0);
    cols.push({
      header: groupValueHeader(name, lang),
      width: 10,
      format: own.value,
      cell: (u) => (valueLeftOut(model, u, u.nodes[code]?.coverage, code) ? null : figure(u.nodes[code]?.value)),
      cf: "colorScale",
      startsBlock: !(first && categories && identity === IDENTITY_COLUMNS),
    });
    if (node.max !== undefined) {
      cols.push({ header: groupPointsHeader(name, lang), width: 9, format: own.points, cell: (u) => figure(u.nodes[code]?.points) });
    }
    // The group's rank among the units (ranking.nodes "top" or "all"), beside its figures: narrow,
    // its header wrapped over the group's name like theirs.
    if (ranksGroups) {
      cols.push({ header: groupRankHeader(name, lang), width: 6, format: RANK_FORMAT, cell: (u) => u.nodes[code]?.rank ?? null, centered: true });
    }
  }
  const hasPoints = model.root.max !== undefined;
  if (hasPoints) cols.push({ header: label("totalPoints", lang), width: 12, format: formats.points, cell: (u) => figure(u.points), cf: "dataBar", startsBlock: true });
  cols.push({
    header: label("value", lang),
    width: 10,
    format: formats.value,
    cell: (u) => (valueLeftOut(model, u, u.coverage) ? null : figure(u.value)),
    ...(hasPoints ? {} : { cf: "dataBar" as const, startsBlock: true }),
  });
  if (table.ranking.within === "category") {
    cols.push({ header: label("rankInCategory", lang), width: 10, format: RANK_FORMAT, cell: (u) => u.rankInCategory, centered: true });
  }
  cols.push({ header: label("coverageColumn", lang), width: 11, format: coverageFormat(input.units, table.ranking.minCoverage), cell: (u) => figure(u.coverage), startsBlock: true });
  cols.push({ header: label("errors", lang), width: 8, format: COUNT_FORMAT, cell: (u) => input.counts(u).errors, centered: true });
  cols.push({ header: label("warnings", lang), width: 10, format: COUNT_FORMAT, cell: (u) => input.counts(u).warnings, centered: true });
  cols.push({
    header: label("note", lang),
    // Centred over its texts, clear of the header of the counts before it ("Số cảnh báoGhi chú").
    headerAlign: "center",
    width: 12,
    // A long note (why a unit is not ranked, where its errors are) wraps over lines of its own
    // rather than widen the table by a page.
    maxWidth: NOTE_WIDTH,
    format: TEXT_FORMAT,
    cell: (u) => {
      const counts = input.counts(u);
      return withRemark(resultsNote(model, table, u, lang, counts), input.remarks?.get(unitKey(u)), [resultsNote(model, table, u, "vi", counts), resultsNote(model, table, u, "en", counts)]);
    },
    wrap: true,
  });
  for (const a of input.added ?? []) {
    cols.push({ header: a.header, width: 12, maxWidth: 40, format: "General", cell: (u) => a.values.get(unitKey(u)) ?? null, added: true, startsBlock: true });
  }
  uniqueHeaders(cols);
  return cols;
}

/**
 * The project's note on a unit in the results table's note column, on one line: why it is not
 * ranked, that its form (or row) holds no figure at all, and how many errors it has and where
 * (`counts`: a printed table says why a unit's coverage is short, the cells' notes do not print);
 * "" when none of these.
 */
export function resultsNote(model: IndexModel, table: ScoreTable, u: UnitResult, lang: Lang, counts?: IssueCounts): string {
  const notRanked = u.ranked ? "" : notRankedText(u.notRankedReason, u.coverage, table.ranking.minCoverage, lang, uncomputedParts(model, u, lang));
  // After the reason it is not ranked, in the same sentence: "…; phiếu chưa có số liệu nào".
  const noFiguresText = counts?.noFigures ? noFiguresNote(counts.noFigures, lang) : "";
  const noFigures = notRanked !== "" ? noFiguresText.charAt(0).toLocaleLowerCase(lang) + noFiguresText.slice(1) : noFiguresText;
  const errors = counts ? unitErrorsNote(counts.errors, counts.errorCells ?? [], lang) : "";
  return [notRanked, noFigures, errors].filter((t) => t !== "").join("; ");
}

/** A line of the note column as compared with the project's notes: NFC, whitespace collapsed, case ignored. */
export function comparableNote(line: string): string {
  return line.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * The note with the user's remark under it, on a line of its own; the remark alone (as typed) when
 * there is no note. A line of the remark that is this run's note for the unit in either language
 * (`notes`; comparableNote) is left out: the note is not written twice, nor again in the other language.
 */
function withRemark(note: string, remark: PlanValue | undefined, notes: readonly string[]): PlanValue {
  const own = new Set(notes.filter((n) => n !== "").map(comparableNote));
  if (typeof remark === "string" && own.size > 0 && remark.split(/\r?\n/).some((l) => own.has(comparableNote(l)))) {
    remark = remark.split(/\r?\n/).filter((l) => !own.has(comparableNote(l))).join("\n").trim();
  }
  if (remark === undefined || remark === null || remark === "") return note;
  return note === "" ? remark : `${note}\n${String(remark)}`;
}

/** The headers of the project's own columns of the results table in `lang` (the columns the user added left out), in order. */
export function ownResultsHeaders(input: ResultsSheetInput, lang: Lang): string[] {
  return columnsFor({ ...input, lang, added: [] }).map((c) => c.header);
}

/** A value as a reader shows it in `format`, to size its column. */
function shown(value: PlanValue, format: string): string {
  if (typeof value !== "number") return value === null ? "" : String(value);
  const decimals = /\.(0+)/.exec(format)?.[1]?.length ?? 0;
  return format.endsWith("%") ? `${(value * 100).toFixed(decimals)}%` : value.toFixed(decimals);
}

/**
 * How a column's header and cells sit: ranks centred (clear of the codes beside them), the headers
 * of number columns right-aligned over their numbers; text as the readers put it (left).
 */
function columnAlign(c: Column): CellBlock["align"] {
  if (c.centered) return "center";
  return c.format === TEXT_FORMAT ? undefined : "right";
}

/** Each column as wide as its longest value and its header's longest word. */
function columnWidths(cols: Column[], rows: PlanValue[][]): number[] {
  return cols.map((c, i) => {
    const max = c.maxWidth ?? MAX_COLUMN_WIDTH;
    const values = fitWidth(rows.flatMap((r) => shown(r[i] ?? null, c.format).split("\n")), c.width, max);
    return Math.min(max, Math.max(values, widestWord([c.header], true)));
  });
}

/** The header row's look, in runs of columns aligned alike (the columns the user added left to the table's style). */
function headerBlocks(cols: Column[], top: number): CellBlock[] {
  const out: CellBlock[] = [];
  let start = 0;
  const headerAlign = (c: Column) => c.headerAlign ?? columnAlign(c);
  cols.forEach((c, i) => {
    if (c.added) {
      start = i + 1;
      return;
    }
    const next = cols[i + 1];
    if (next && !next.added && headerAlign(next) === headerAlign(c)) return;
    const align = headerAlign(c);
    const block: CellBlock = {
      address: `${columnLetter(start + 1)}${top}`,
      values: [cols.slice(start, i + 1).map((x) => x.header)],
      bold: true,
      fill: HEADER_FILL,
      fontColor: HEADER_FONT,
      wrap: true,
      ...(align ? { align } : {}),
    };
    out.push(block);
    start = i + 1;
  });
  return out;
}

/** The centred columns' cells (ranks, counts). */
function centeredBlocks(cols: Column[], rows: PlanValue[][], top: number): CellBlock[] {
  if (rows.length === 0) return [];
  return cols.flatMap((c, i): CellBlock[] =>
    c.centered ? [{ address: `${columnLetter(i + 1)}${top + 1}`, values: rows.map((r) => [r[i] ?? null]), numberFormat: c.format, align: "center" }] : [],
  );
}

/** Whether `value` in column `c`, `width` wide, takes more than one line. */
function wraps(c: Column, value: PlanValue, width: number): boolean {
  const text = shown(value, c.format);
  return c.wrap === true && wrappedLines(text, width) > 1;
}

/**
 * The cells whose value takes more than one line in its column (a long unit name), wrapped so that
 * it prints whole; the others stay as the readers put one line (wrapped, the xlsx host would set
 * them apart by centring them in their row).
 */
function wrapBlocks(cols: Column[], rows: PlanValue[][], widths: number[], top: number): CellBlock[] {
  return rows.flatMap((r, n) =>
    cols.flatMap((c, i): CellBlock[] =>
      wraps(c, r[i] ?? null, widths[i] ?? c.width) ? [{ address: `${columnLetter(i + 1)}${top + 1 + n}`, values: [[r[i] ?? null]], numberFormat: c.format, wrap: true }] : [],
    ),
  );
}

/**
 * The height of each unit's row whose value wraps: as many lines as it takes. (Only those rows:
 * a height for every row would cost the Excel host a command per unit.)
 */
function unitRowHeights(cols: Column[], rows: PlanValue[][], widths: number[], top: number): { row: number; height: number }[] {
  return rows.flatMap((r, n) => {
    const cells = cols.flatMap((c, i) => (wraps(c, r[i] ?? null, widths[i] ?? c.width) ? [{ text: shown(r[i] ?? null, c.format), width: widths[i] ?? c.width }] : []));
    return cells.length > 0 ? [{ row: top + 1 + n, height: wrappedHeight(cells) }] : [];
  });
}

/**
 * The range the results table takes on its sheet, header and rows (`A3:P37`), as `_index` records
 * it: a later run takes what is on the sheet outside it (and outside the title and the lines below
 * the table) for what the user typed. Without units, the header row alone.
 */
export function resultsTableRange(sheet: OwnedSheetPlan): string | undefined {
  const table = sheet.tables.find((t) => t.name === RESULTS_TABLE);
  if (table) return table.range;
  const top = RESULTS_HEADER_ROW;
  let right = 0;
  for (const b of sheet.blocks) {
    const { row, column } = parseCell(b.address);
    if (row === top) right = Math.max(right, column - 1 + b.values.reduce((w, r) => Math.max(w, r.length), 0));
  }
  return right > 0 ? rangeAddress(top, 1, top, right) : undefined;
}

/**
 * What an A4 landscape page holds legibly, in character widths (Excel's: 5.25 points each, in the
 * workbook's Calibri): about 150 at 100 %, 200 at 75 %. A table no wider is fitted to one page wide.
 */
const PAGE_WIDTH_CHARS = 200;
/** Points of width an A4 landscape page prints: its 842 less the sides' margins the hosts set (0.4 inch each). */
const PAGE_POINTS = 784;
/**
 * Points a character width takes at 100 % in the widest face a reader lays the sheet out in:
 * LibreOffice shows Calibri in DejaVu Sans where neither Calibri nor its metric twin Carlito is
 * installed, a third wider than Excel's 5.25 points. A page of columns no wider than the page at
 * that prints whole in every reader, with no page break of the reader's own inside it.
 */
const CHAR_POINTS = 7;
/** The smallest scale more pages are not taken to avoid: about 8 points for the 11 of the cells' text. */
const READABLE_SCALE = 70;
/** The most character widths a page of a table several pages wide holds, the repeated columns included: 160. */
const PAGE_CHARS = Math.floor((PAGE_POINTS * 100) / (CHAR_POINTS * READABLE_SCALE));

/** The blocks `widths` lay in pages of at most `room` each, left to right, each page as full as it goes (a block wider than `room` alone on one): each page's first block. */
function pagesOf(widths: readonly number[], room: number): number[] {
  const firsts: number[] = [];
  let used = Infinity;
  widths.forEach((w, i) => {
    if (used + w > room) {
      firsts.push(i);
      used = 0;
    }
    used += w;
  });
  return firsts;
}

/**
 * How the results table prints across. One a landscape page holds legibly (PAGE_WIDTH_CHARS) is
 * fitted to one page wide. A wider one prints over as many pages as keep it at READABLE_SCALE or
 * larger in any reader (PAGE_CHARS a page), each page with the rank, code and name (the first
 * `repeated` columns: the category too, repeatsCategory) and whole blocks of columns (`starts`:
 * the 0-based columns a block starts at, Column.startsBlock), so that no group's value is parted
 * from its points and rank: a manual page break before each page's first column. Excel and LibreOffice ignore manual breaks on a sheet fitted to pages
 * wide, so the sheet is printed at a scale instead: the largest at which its widest page fits,
 * the blocks laid so that the widest is as narrow as that number of pages allows.
 */
export function printWidth(widths: number[], starts: readonly number[], repeated = IDENTITY_COLUMNS): Pick<PrintPlan, "fitToWidth" | "scale" | "columnBreaksBefore" | "repeatColumns"> {
  const sum = (list: readonly number[]) => list.reduce((a, b) => a + b, 0);
  if (sum(widths) <= PAGE_WIDTH_CHARS || starts.length < 2) return { fitToWidth: true };
  const identity = sum(widths.slice(0, repeated));
  const blocks = starts.map((s, i) => sum(widths.slice(s, starts[i + 1] ?? widths.length)));
  const pages = pagesOf(blocks, PAGE_CHARS - identity).length;
  // The narrowest widest page of so many pages: the least run of blocks one page can take that lays them in no more.
  const runs = blocks.flatMap((_, i) => blocks.slice(i).map((__, n) => sum(blocks.slice(i, i + n + 1))));
  const room = [...new Set(runs)].sort((a, b) => a - b).find((r) => r >= Math.max(...blocks) && pagesOf(blocks, r).length <= pages)!;
  const firsts = pagesOf(blocks, room);
  if (firsts.length < 2) return { fitToWidth: true };
  const widest = identity + Math.max(...firsts.map((f, p) => sum(blocks.slice(f, firsts[p + 1] ?? blocks.length))));
  return {
    fitToWidth: false,
    scale: Math.max(10, Math.min(100, Math.floor((PAGE_POINTS * 100) / (CHAR_POINTS * widest)))),
    columnBreaksBefore: firsts.slice(1).map((f) => columnLetter(starts[f]! + 1)),
    repeatColumns: { first: "A", last: columnLetter(repeated) },
  };
}

/** Points of height an A4 landscape page prints: its 595 less the top and bottom margins the hosts set (0.5 inch each). */
const PAGE_HEIGHT_POINTS = 523;

/**
 * How many pages the sheet's rows print down over (`heights`: each row's, from row 1, in points),
 * `room` points a page, the header row (`header`, 0-based) again at the top of each page after the
 * first, as the readers break a sheet's rows: a row that does not fit whole starts the next page.
 */
function pagesDown(heights: readonly number[], header: number, room: number): number {
  const repeated = heights[header] ?? 0;
  let pages = 1;
  let used = 0;
  heights.forEach((h, i) => {
    if (i > header && used + h > room && used > repeated) {
      pages++;
      used = repeated;
    }
    used += h;
  });
  return pages;
}

/** What a printed layout of the table is weighed by (printedWidths): the pages, their scale, the rows' height. */
interface PrintedLayout {
  widths: number[];
  scale: number;
  pages: number;
  height: number;
}

/** Whether layout `a` prints better than `b`: legible (READABLE_SCALE) before all, then on fewer pages, in less height (fewer wrapped lines), larger, with its columns wider. */
function printsBetter(a: PrintedLayout, b: PrintedLayout, narrowed: readonly number[]): boolean {
  const keys = (l: PrintedLayout) => [-Math.min(l.scale, READABLE_SCALE), l.pages, l.height, -l.scale, -narrowed.reduce((w, i) => w + l.widths[i]!, 0)];
  const [ka, kb] = [keys(a), keys(b)];
  const at = ka.findIndex((k, i) => k !== kb[i]);
  return at >= 0 && ka[at]! < kb[at]!;
}

/**
 * The columns' widths when every printed page repeats the category with the rank, code and name
 * (`identity` columns, repeatsCategory): the unit's name and its category as wide as their longest
 * values, or narrower down to their longest value on two lines (as many as the name takes at its
 * widest, when more), wrapping in taller rows (both columns wrap, and unitRowHeights makes a row
 * tall enough for its lines), whichever prints the sheet on the fewest pages across and down at
 * READABLE_SCALE or larger: repeated at its whole width, a category as long as the unit's name
 * would take a page more of a table several pages wide, and wrapped in every row, a page more down.
 * Of as many pages, the one of fewest wrapped lines, then the largest scale. The rows' heights are
 * those planResultsSheet writes: the lines above and below the table (`lines`), wrapped over the
 * repeated columns, the header row (row `top`, on every page) and each unit's. A table that fits
 * one page wide, or whose category is not repeated, keeps its widths.
 */
function printedWidths(cols: Column[], rows: PlanValue[][], widths: number[], identity: number, starts: readonly number[], lines: SheetLine[], top: number): number[] {
  const sum = (list: readonly number[]) => list.reduce((a, b) => a + b, 0);
  if (identity === IDENTITY_COLUMNS || sum(widths) <= PAGE_WIDTH_CHARS) return widths;
  // The unit's name and its category.
  const narrowed = [IDENTITY_COLUMNS - 1, IDENTITY_COLUMNS];
  const text = (r: PlanValue[], i: number) => shown(r[i] ?? null, cols[i]!.format);
  const choices = narrowed.map((i) => {
    const c = cols[i]!;
    const texts = [...new Set(rows.map((r) => text(r, i)).filter((t) => t !== ""))];
    const widest = widths[i]!;
    const most = Math.max(2, ...texts.map((t) => wrappedLines(t, widest)));
    // No word broken across lines, the header's nor a value's.
    const least = Math.max(c.width, widestWord([c.header], true), widestWord(texts));
    const out = [widest];
    for (let w = widest - 1; w >= least && texts.every((t) => wrappedLines(t, w) <= most); w--) out.push(w);
    // At each width: the header row's height for this column's header, and each unit's row's for its value (0: one line).
    const lined = new Map(texts.map((t) => [t, new Map(out.map((w) => [w, wraps(c, t, w) ? wrappedHeight([{ text: t, width: w }]) : 0]))]));
    return out.map((w) => ({ width: w, header: wrappedHeight([{ text: c.header, width: w, bold: true }]), rows: rows.map((r) => lined.get(text(r, i))?.get(w) ?? 0) }));
  });
  // What the other columns take of each row's height and of the header's.
  const others = (i: number) => !narrowed.includes(i);
  const fixedHeader = wrappedHeight(cols.flatMap((c, i) => (others(i) ? [{ text: c.header, width: widths[i]!, bold: true }] : [])));
  const fixedRows = rows.map((r) => {
    const cells = cols.flatMap((c, i) => (others(i) && wraps(c, r[i] ?? null, widths[i]!) ? [{ text: text(r, i), width: widths[i]! }] : []));
    return cells.length > 0 ? wrappedHeight(cells) : 0;
  });
  const lastRow = Math.max(top + rows.length, ...lines.map((l) => l.row));
  // How the table prints across, and the lines' heights, for each width of the repeated columns.
  const across = new Map<number, { print: ReturnType<typeof printWidth>; lines: Map<number, number> }>();
  let best: PrintedLayout | undefined;
  for (const name of choices[0]!) {
    for (const category of choices[1]!) {
      const layout = widths.map((w, i) => (i === narrowed[0] ? name.width : i === narrowed[1] ? category.width : w));
      const repeated = sum(layout.slice(0, identity));
      let printed = across.get(repeated);
      if (!printed) {
        const print = printWidth(layout, starts, identity);
        const heights = print.repeatColumns ? spannedLines(lines, print.repeatColumns, layout).rowHeights : [{ row: 1, height: 21 }];
        printed = { print, lines: new Map(heights.map((h) => [h.row, h.height])) };
        across.set(repeated, printed);
      }
      const { print } = printed;
      // Fitted to one page wide: the scale the widest face takes it at (CHAR_POINTS a character width).
      const scale = print.scale ?? Math.min(100, Math.floor((PAGE_POINTS * 100) / (CHAR_POINTS * sum(layout))));
      const heights = Array.from({ length: lastRow }, (_, r) => {
        const row = r + 1;
        if (row === top) return Math.max(fixedHeader, name.header, category.header);
        const n = row - top - 1;
        if (n >= 0 && n < rows.length) return Math.max(fixedRows[n]!, name.rows[n]!, category.rows[n]!) || LINE_HEIGHT;
        return printed.lines.get(row) ?? LINE_HEIGHT;
      });
      // A line's room to spare: the stamp may say, in its place and bold, that figures changed (withInputsChangedStatus).
      const down = pagesDown(heights, top - 1, (PAGE_HEIGHT_POINTS * 100) / scale - LINE_HEIGHT);
      const candidate = { widths: layout, scale, pages: ((print.columnBreaksBefore?.length ?? 0) + 1) * down, height: sum(heights) };
      if (!best || printsBetter(candidate, best, narrowed)) best = candidate;
    }
  }
  return best!.widths;
}

/** A line of text written in column A above or below the table: the title, the stamp, what was not scored. */
interface SheetLine {
  row: number;
  text: string;
  bold?: boolean;
  size?: number;
}

/** How wide the columns of `range` are together, from the widths of the sheet's columns (A, B, …). */
function spanWidth(range: string, widths: number[]): number {
  const { left, right } = parseRange(range);
  return widths.slice(left - 1, right).reduce((a, b) => a + b, 0);
}

/**
 * The lines above and below a table that prints more than one page wide, each merged over the
 * columns repeated on every page (`span`, "A:C") and wrapped there, in a row tall enough for its
 * lines: left in column A, a line runs on over the empty cells to its right, which print on the
 * first page only, and every page after it cuts the line where the repeated columns end
 * ("…Bộ chỉ số (").
 */
function spannedLines(lines: SheetLine[], span: { first: string; last: string }, widths: number[]): Required<Pick<OwnedSheetPlan, "merges" | "rowHeights">> {
  const range = (row: number) => rangeAddress(row, columnNumber(span.first), row, columnNumber(span.last));
  const width = spanWidth(range(1), widths);
  // The title (bold, larger) is measured against a little less: LibreOffice draws it wider than estimated.
  const room = (l: SheetLine) => (l.bold && (l.size ?? 11) > 11 ? width * TITLE_WRAP_SHARE : width);
  return {
    merges: lines.map((l) => range(l.row)),
    rowHeights: lines.map((l) => ({ row: l.row, height: wrappedHeight([{ text: l.text, width: room(l), ...(l.bold ? { bold: true } : {}), ...(l.size ? { size: l.size } : {}) }]) })),
  };
}

/**
 * The share of the repeated columns' width a spanned title is measured against for its row's
 * height: LibreOffice (DejaVu Sans Bold for Calibri) draws 14-point bold text about 5 % wider than
 * estimated, as the template's instructions' title (a row a line too tall rather than a line cut off).
 */
const TITLE_WRAP_SHARE = 0.92;

/**
 * What every printed page of the results and charts sheets says: the index and the periods the
 * forms state at the top, the sheet's name and the page's number at the foot, so that the pages
 * of a printed workbook tell where they belong.
 */
export function printedPageTexts(indexName: string, periods: readonly string[], lang: Lang): Pick<PrintPlan, "pageHeader" | "pageFooter"> {
  return { pageHeader: { center: pageTitle(indexName, periods, lang) }, pageFooter: sheetFooter(lang) };
}

/** The cell of the subtitle, which says when figures were changed since scoring. */
export const RESULTS_STATUS_CELL = "A2";
/** The red of the line that says the figures changed (as ARGB for a conditional format). */
export const STATUS_RED = "FFC00000";

/**
 * The results sheet whose subtitle (A2) says, when the figures were changed since scoring, that
 * they were, in its place: a formula, so that the workbook says it on its own in any spreadsheet
 * program, read or changed without DTI Scorer. While `count` (a formula expression: how many
 * units' figures changed) is 0 it shows the subtitle, which the cell also holds as its value (a
 * reader that does not calculate shows it); otherwise how many and what to do, red and bold by a
 * conditional format on the same count, on the sheet's first screen and page. The units are
 * counted as the index calls them (`unitLabel`, as the subtitle counts them).
 */
export function withInputsChangedStatus(sheet: OwnedSheetPlan, count: string, scoredAt: Date, lang: Lang, unitLabel?: LocalizedText): OwnedSheetPlan {
  const at = sheet.blocks.findIndex((b) => b.address === RESULTS_STATUS_CELL);
  if (at < 0) return sheet;
  const block = sheet.blocks[at]!;
  const subtitle = String(block.values[0]?.[0] ?? "");
  const formula = `=IF(${count}=0,${formulaText(subtitle)},${inputsChangedStatus(count, scoredAt, lang, unitLabel)})`;
  const blocks = [...sheet.blocks];
  // "General": a formula written into a text cell would stay text.
  blocks[at] = { ...block, values: [[subtitle]], formulas: [[formula]], numberFormat: "General" };
  return {
    ...sheet,
    blocks,
    rowHeights: statusRowHeights(sheet, inputsChangedStatus("999", scoredAt, lang, unitLabel)),
    conditionalFormats: [...sheet.conditionalFormats, { range: RESULTS_STATUS_CELL, kind: "expression", formula: `=${count}>0`, colors: [STATUS_RED], bold: true }],
  };
}

/**
 * The sheet's row heights with the subtitle's row tall enough for the status too, when the subtitle
 * is wrapped in a merge (spannedLines): the status (`status`, a formula expression) is longer, and
 * bold. Its text is taken as every literal of the expression and the count (both " unit" and
 * " units" in English: a line too many rather than one too few).
 */
function statusRowHeights(sheet: OwnedSheetPlan, status: string): OwnedSheetPlan["rowHeights"] {
  const merge = sheet.merges?.find((m) => m.startsWith(`${RESULTS_STATUS_CELL}:`));
  if (!merge || !sheet.rowHeights) return sheet.rowHeights;
  const text = [...status.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"')).join(" ") + " 999";
  const height = wrappedHeight([{ text, width: spanWidth(merge, (sheet.columnWidths ?? []).map((w) => w.width)), bold: true }]);
  const { row } = parseCell(RESULTS_STATUS_CELL);
  return sheet.rowHeights.map((h) => (h.row === row ? { ...h, height: Math.max(h.height, height) } : h));
}

export function planResultsSheet(input: ResultsSheetInput): OwnedSheetPlan {
  const { model, table, units, lang } = input;
  const cols = columnsFor(input);
  const top = RESULTS_HEADER_ROW;
  const last = top + Math.max(units.length, 0);
  const indexName = localize(model.definition.name, lang);
  const header: PlanValue[] = cols.map((c) => c.header);
  const rows: PlanValue[][] = units.map((u) => cols.map((c) => c.cell(u)));
  const formats: string[][] = [cols.map(() => TEXT_FORMAT), ...units.map(() => cols.map((c) => c.format))];
  const identity = identityColumns(input);
  const starts = cols.flatMap((c, i) => (i === identity || (i > identity && c.startsBlock) ? [i] : []));
  const notScored = input.notScored ?? [];
  const count: NotScoredCount = { forms: notScored.filter((n) => n.kind === "form").length, rows: notScored.filter((n) => n.kind === "row").length };
  const notes = notScoredRows(units.length, notScored.length);
  // Under the table (and what was not scored), when points shown do not add up to the totals shown, why.
  const rounding = (input.rounding ?? showsRounding(model, units, input.formats)) ? roundingRow(units.length, notScored.length) : undefined;
  const title = withPeriod(resultsTitle(indexName, table.index.version, lang), input.periods ?? [], lang);
  const subtitle = resultsSubtitle(input.now, input.projectVersion, units.length, lang, count, model.definition.unitLabel, units.filter((u) => u.ranked).length);
  const noteLines = notScored.map((n) => `– ${localize(n.message, lang)}`);
  // The lines above and below the table, wrapped over the columns every page repeats when it prints several pages wide.
  const lines: SheetLine[] = [
    { row: 1, text: title, bold: true, size: TITLE_SIZE },
    { row: 2, text: subtitle },
    ...(notes ? [{ row: notes.first, text: notScoredHeading(count, lang), bold: true }, ...noteLines.map((text, i) => ({ row: notes.first + 1 + i, text }))] : []),
    ...(rounding !== undefined ? [{ row: rounding, text: ROUNDING_NOTE[lang] }] : []),
  ];
  const widths = printedWidths(cols, rows, columnWidths(cols, rows), identity, starts, lines, top);
  const headerHeight = wrappedHeight(cols.map((c, i) => ({ text: c.header, width: widths[i] ?? c.width, bold: true })));
  const conditionalFormats: ConditionalFormatPlan[] = [];
  if (units.length > 0) {
    cols.forEach((c, i) => {
      if (!c.cf) return;
      const range = rangeAddress(top + 1, i + 1, last, i + 1);
      conditionalFormats.push(
        c.cf === "colorScale"
          ? // Group values run from 0 to 1: red at 0, yellow at 0.5, green at 1, so that a column of
            // full marks shows green (a scale on the median would show most of it yellow).
            { range, kind: "colorScale", colors: ["FFF8696B", "FFFFEB84", "FF63BE7B"], at: [0, 0.5, 1] }
          : // Bars start at 0 (Excel's own default), so the lowest unit's bar is not empty; they reach the highest value.
            { range, kind: "dataBar", colors: ["FF5B9BD5"], at: [0] },
      );
    });
  }
  const print = printWidth(widths, starts, identity);
  // On a table several pages wide, the lines above and below it are wrapped over the columns every page repeats.
  const wrap = print.repeatColumns ? { wrap: true } : {};
  const noteBlocks: CellBlock[] = [
    ...(notes
      ? [
          { address: `A${notes.first}`, values: [[notScoredHeading(count, lang)]], bold: true, numberFormat: TEXT_FORMAT, ...wrap },
          { address: `A${notes.first + 1}`, values: noteLines.map((t) => [t]), numberFormat: TEXT_FORMAT, ...wrap },
        ]
      : []),
    ...(rounding !== undefined ? [{ address: `A${rounding}`, values: [[ROUNDING_NOTE[lang]]], numberFormat: TEXT_FORMAT, ...wrap }] : []),
  ];
  const spanned = print.repeatColumns ? spannedLines(lines, print.repeatColumns, widths) : undefined;
  return {
    name: input.sheetName ?? SHEET_NAMES.results[lang],
    visibility: "visible",
    blocks: [
      { address: "A1", values: [[title]], bold: true, fontSize: TITLE_SIZE, numberFormat: TEXT_FORMAT, ...wrap },
      { address: "A2", values: [[subtitle]], numberFormat: TEXT_FORMAT, ...wrap },
      { address: `A${top}`, values: [header, ...rows], numberFormat: formats },
      ...headerBlocks(cols, top),
      ...centeredBlocks(cols, rows, top),
      ...wrapBlocks(cols, rows, widths, top),
      ...noteBlocks,
    ],
    // An Excel table needs at least one data row.
    tables: units.length > 0 ? [{ name: RESULTS_TABLE, range: rangeAddress(top, 1, last, cols.length), style: "TableStyleMedium2" }] : [],
    conditionalFormats,
    charts: [],
    columnWidths: cols.map((c, i) => ({ column: columnLetter(i + 1), width: widths[i] ?? c.width })),
    rowHeights: spanned
      ? [...spanned.rowHeights.filter((h) => h.row < top), { row: top, height: headerHeight }, ...unitRowHeights(cols, rows, widths, top), ...spanned.rowHeights.filter((h) => h.row > top)]
      : [{ row: 1, height: 21 }, { row: top, height: headerHeight }, ...unitRowHeights(cols, rows, widths, top)],
    ...(spanned ? { merges: spanned.merges } : {}),
    freeze: { rows: top, columns: 3 },
    print: {
      orientation: "landscape",
      repeatRows: { first: top, last: top },
      ...print,
      ...printedPageTexts(indexName, input.periods ?? [], lang),
    },
    // Where the sheet goes when a run creates it: first. A sheet that exists keeps the place and
    // visibility the user gave it (the hosts move and show an owned sheet only when they add it).
    after: null,
  };
}
