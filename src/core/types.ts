/**
 * The plain data that flows through the pipeline:
 *   snapshot = host.read() → { submissions, issues } = read(...) → table = score(...) →
 *   plan = plan(...) → host.apply(plan)
 * Every type here is plain, serialisable data (no classes, no Office objects).
 */
import type { Lang, Message, SheetMessage } from "./i18n/text";

// ---------------------------------------------------------------------------------------------
// Workbook snapshot: what a host reads

/** An Excel error value such as #DIV/0!, #N/A, #REF!, #VALUE!, #NAME?. */
export interface CellError {
  error: string;
  /**
   * A formula whose result the file does not store (a program that writes .xlsx without
   * calculating made it, and nothing has opened and saved it since): its text, e.g. "=B5*2".
   * `error` is then empty: the cell has no value anyone can read.
   */
  formula?: string;
}
export type CellValue = number | string | boolean | null | CellError;

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && typeof (v as CellError).error === "string";
}

export interface SheetSnapshot {
  name: string;
  /** Row-major grid anchored at A1: values[r][c] is the cell in row r+1, column c+1. Rows may be ragged. */
  values: CellValue[][];
  visible?: boolean;
  /** Fills of the cells that have one (A1 → the host's description of the fill), when the host reads them.
   *  The planner records them so that removing an issue mark restores the cell's own fill. */
  fills?: Record<string, string>;
  /**
   * Set when the sheet is a text file of this name (a CSV table, layout B): findings name the
   * file, the row and the column ("Tệp b.csv, dòng 5, cột C") and speak of rows, not sheets and
   * forms. An issue's `sheet` and `cell` fields stay the sheet's name and the A1 address.
   */
  csvFile?: string;
  /**
   * A CSV file's count of fields on each line (csvFile), blank ones at its end included, when the
   * sheet was made from the file by way of a workbook, whose rows end at their last filled cell.
   * A line with more fields than the header line is out of line with its columns (row-too-wide).
   */
  csvFields?: number[];
  /**
   * Merged ranges of the sheet ("B1:I1"), when the host reads them. A merged cell other than
   * the top-left one reads as empty, yet writing into any cell of a merge writes into the merge:
   * the planner treats every cell of a merge as taken and writes nothing there.
   */
  merges?: string[];
  /**
   * The cells holding a number shown as a percentage (a number format with %), A1, when the host
   * reads number formats: the person saw "90,9%" where the cell holds 0.909, so a `percent`
   * input's figure there is no bare fraction to wonder about.
   */
  percentCells?: string[];
  /**
   * The date cells whose number format shows no day, only the year ("yyyy": "year") or the month
   * and year ("mm/yyyy", "mmm yyyy": "month"), and no time (A1 → which), when the host reads
   * number formats: the person typed 1/1/2024 and saw "2024". The hosts give such a cell as the
   * day's ISO text ("2024-01-01"), as any date cell; the `Kỳ đánh giá` cell is read as what it
   * shows (readHeaderBlock: "2024", "01/2024"). Only such cells are listed.
   */
  datePartCells?: Record<string, "year" | "month">;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /** Where it came from, for messages ("phieu.xlsx"). */
  source?: string;
  /**
   * The workbook counts its dates from 1 January 1904 (an old Mac workbook: its workbookPr
   * date1904), and its date cells' text was made in that system: the reader then says what
   * number such a cell holds in that system too (ReadOptions.date1904). Absent: the 1900 system.
   */
  date1904?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Submissions: what the reader makes of a snapshot

/** A typed input value: number for number/integer/percent (percent as a fraction), boolean,
 *  the canonical option value for choice, and the text for text inputs. */
export type InputValue = number | boolean | string;

/** Where a unit's data came from: a layout-A sheet, or a row of a layout-B table. */
export interface SubmissionSource {
  layout: "A" | "B";
  sheet: string;
  /** The CSV file the sheet was read from (layout B from a .csv): findings speak of its rows and columns. */
  file?: string;
  /** layout B: the 1-based row of the unit. */
  row?: number;
  /** Input or node code → A1 address of the cell its value was read from. */
  cells?: Record<string, string>;
  /**
   * Layout B: the year the table's columns name with its inputs ("le_2022", "eys 2022"), all of
   * one year: the period its figures are of, which the titles name as a form's `Kỳ đánh giá`.
   */
  period?: string;
  /** Layout B: A1 addresses of the unit's name, code and category cells on its row (the table's columns it has). */
  unitCells?: { name: string; code?: string; category?: string };
  /** Layout A: node code → A1 address of its `Tự chấm` (self score) cell, where one was filled. */
  selfScoreCells?: Record<string, string>;
  /** Layout A: node or input code → 1-based row of its line in the table. */
  rows?: Record<string, number>;
  /** Layout A: 1-based row of the table's header row. */
  headerRow?: number;
  /** Layout A: 1-based column of `Điểm`/`Score`, when the sheet has one. */
  scoreColumn?: number;
  /** Layout A: 1-based last column of the table's header row. */
  lastColumn?: number;
}

export interface Submission {
  /** The unit code; "" when the unit has none (it is then known by its name: `unitKey`). */
  code: string;
  name: string;
  /** A category id of the definition, when known. */
  category?: string;
  /** Input values by input code; a missing input is absent. */
  values: Record<string, InputValue>;
  /** Codes of indicators the unit answered "not applicable" (N/A, KAD, Không áp dụng). */
  notApplicable: string[];
  /** Evidence text by indicator code (layout A's `Minh chứng`). */
  evidence?: Record<string, string>;
  /**
   * Layout A: codes of indicators whose `Minh chứng` cells hold something, all of which says there
   * is none ("Không có", "x", "-", "0", "N/A") or is an Excel error: no evidence, so not in
   * `evidence` (layout-a's notEvidence). Kept for the unit hashes of workbooks scored before such
   * text was told from evidence (unitInputHashes); absent when there is none.
   */
  noEvidence?: string[];
  /** Self scores by node code (layout A's `Tự chấm`). */
  selfScores?: Record<string, number>;
  /** Layout A: codes of nodes the unit self-assessed "not applicable" (`Tự chấm` holding N/A, Không áp dụng); absent when none. */
  selfNotApplicable?: string[];
  source?: SubmissionSource;
}

// ---------------------------------------------------------------------------------------------
// Issues: validation findings

export type Severity = "error" | "warning" | "info";

export type IssueCode =
  | "missing-input"
  | "blank-read-as-no"
  | "no-figures"
  | "not-a-number"
  | "number-too-large"
  | "number-too-small"
  | "not-an-integer"
  | "out-of-range"
  | "unknown-choice"
  | "not-a-boolean"
  | "excel-error"
  | "numerator-exceeds-denominator"
  | "zero-denominator"
  | "invalid-result"
  | "ambiguous-number"
  | "percent-as-number"
  | "percent-as-fraction"
  | "points-above-max"
  | "not-applicable-not-allowed"
  | "not-applicable-with-figures"
  | "evidence-missing"
  | "self-score-differs"
  | "duplicate-unit"
  | "duplicate-unit-name"
  | "legacy-encoding"
  | "unknown-code"
  | "unknown-category"
  | "missing-category"
  | "missing-row"
  | "duplicate-row"
  | "value-not-read"
  | "missing-unit-name"
  | "layout-not-found"
  | "definition-mismatch"
  | "exclude-unmatched"
  | "summary-row"
  | "header-row-repeated"
  | "unit-code-case"
  | "row-too-wide"
  | "header-too-wide"
  | "unknown-column"
  | "relative-below-zero"
  | "below-scale-minimum"
  | "minmax-bounds-reversed"
  | "relative-zero-best"
  | "period-differs"
  | "period-number-as-date"
  | "appraised-over-new-figure"
  | "appraised-from-last-period";

export interface Issue {
  severity: Severity;
  code: IssueCode;
  message: Message;
  sheet?: string;
  cell?: string;
  /** Unit code (or name when it has no code). */
  unit?: string;
  /** Node or input code. */
  node?: string;
}

// ---------------------------------------------------------------------------------------------
// Score table: what the engine computes

export type UnavailableReason =
  | "not-applicable" // the unit's category is not in appliesTo
  | "answered-na" // the unit answered N/A where allowNA is true
  | "missing" // all of its inputs missing under missing: "exclude"
  | "zero-denominator" // ratio with a zero denominator and zeroDenominator: "na"
  | "invalid-result" // an expression that gave no finite number (division by zero, LN of 0…)
  | "children-unavailable"; // a group none of whose children is available

export type NotRankedReason = "excluded" | "low-coverage" | "not-available";

export interface NodeResult {
  /** Value in [0, 1] (an expr group may leave it), null when not available. Full precision. */
  value: number | null;
  /** value × max where the node has a max; null otherwise or when not available. */
  points: number | null;
  available: boolean;
  reason?: UnavailableReason;
  /** True when the value is 0 only because inputs were missing: under missing "zero", or under "exclude" with some of its inputs given. */
  missingScoredZero?: boolean;
  /**
   * Share of the applicable indicators under this node that have data (1 for a complete unit);
   * null when none applies to the unit (not applicable to its category, or answered N/A): a share
   * of nothing, which would otherwise read as 100%.
   */
  coverage: number | null;
  rank: number | null;
  rankInCategory: number | null;
}

export interface UnitResult {
  /** The unit code; "" when the unit has none (`--json` gives null). */
  code: string;
  name: string;
  category?: string;
  /** The root's value and points. */
  value: number | null;
  points: number | null;
  rank: number | null;
  rankInCategory: number | null;
  ranked: boolean;
  notRankedReason?: NotRankedReason;
  /**
   * With notRankedReason "excluded": the category id in ranking.exclude that excluded the unit,
   * when the unit's own code (its name without one) is not in it.
   */
  excludedCategory?: string;
  /**
   * With notRankedReason "excluded": the unit's coverage is below ranking.minCoverage too, so that
   * its figures would not rank it either (valueLeftOut).
   */
  excludedBelowMinCoverage?: true;
  /** The root's coverage: null when no indicator applies to the unit (NodeResult.coverage). */
  coverage: number | null;
  /** Input codes that were missing. */
  missingInputs: string[];
  nodes: Record<string, NodeResult>;
}

export interface ScoreTable {
  index: { id: string; version: string };
  /** The ranking options in force (the definition's, overridden by the caller). */
  ranking: {
    method: "competition" | "dense" | "ordinal";
    on: "points" | "value";
    decimals?: number;
    within: "all" | "category";
    nodes: "none" | "top" | "all";
    minCoverage: number;
    exclude: string[];
  };
  /** Codes of the nodes that carry ranks besides the root. */
  rankedNodes: string[];
  /** One result per submission, in the order the submissions were given. */
  units: UnitResult[];
}

/**
 * Overrides of the definition's ranking for one run (the task pane's choices): a key left
 * undefined keeps the definition's. `decimals: null` is "no rounding": figures are compared
 * unrounded (to 10 decimals, as when the definition gives none), whatever decimals the definition gives.
 */
export type RankingOverride = Partial<Omit<ScoreTable["ranking"], "decimals">> & { decimals?: number | null };

// ---------------------------------------------------------------------------------------------
// Write plan: what a host writes (executed by the xlsx host and the Excel host alike)

export type PlanValue = string | number | boolean | null;

/** A rectangle of values written at `address` (its top-left cell, A1 style). */
export interface CellBlock {
  address: string;
  values: PlanValue[][];
  /** One number format for the whole block, or one per cell (same shape as values). */
  numberFormat?: string | string[][];
  /** Formulas for some cells (same shape as values, null = use the value). Only the project's own formulas go here. */
  formulas?: (string | null)[][];
  bold?: boolean;
  fill?: string;
  fontColor?: string;
  wrap?: boolean;
  /** Font size in points (default: the workbook's). */
  fontSize?: number;
  /** Horizontal alignment, where the default misleads (a number column's header above right-aligned numbers). */
  align?: "left" | "center" | "right";
}

export interface TablePlan {
  name: string;
  /** Address of the whole table including the header row, e.g. "A3:P40". */
  range: string;
  style: string;
}

export interface ConditionalFormatPlan {
  range: string;
  /**
   * colorScale and dataBar: by the cells' numbers. expression: the font of `formula` (`colors[0]`,
   * `bold`) on every cell of the range while the formula is true; Excel's "Use a formula to
   * determine which cells to format", so that a line shows red and bold only when it says something.
   */
  kind: "colorScale" | "dataBar" | "expression";
  /** colorScale: colours for minimum, midpoint, maximum. dataBar: the bar colour. expression: the font colour. */
  colors: string[];
  /**
   * expression: the formula ("=COUNTIFS(…)>0"), with the leading "=", as for the range's top-left
   * cell (relative references move across the range). It may name other sheets: renaming one
   * rewrites it, as every formula of the workbook.
   */
  formula?: string;
  /** expression: the font is bold while the formula is true. */
  bold?: boolean;
  /**
   * colorScale: the numbers the colours sit at (minimum, midpoint, maximum; as many as `colors`),
   * e.g. [0, 0.5, 1] for values that run from 0 to 1, so a column of full marks is all green.
   * Absent: the lowest value, the 50th percentile and the highest.
   * dataBar: where the bar starts ([0]: at 0, as Excel's default does) and, when given, where it
   * ends; absent: the lowest and highest values of the range.
   */
  at?: number[];
}

export type ChartKind = "barSorted" | "stackedBar" | "radar";

export interface ChartPlan {
  /** Stable name: a second run updates the chart of this name, never adds another. */
  name: string;
  kind: ChartKind;
  title: string;
  /**
   * The titles that are the project's: `title` in either language and the title the last run
   * wrote (recorded in `_index`). A chart updated in place that shows another title was retitled
   * by the user and keeps it; one showing one of these (or none) gets `title`.
   */
  ourTitles?: string[];
  /** Categories (unit names, or group names for radar), an A1 range on `sheet`. */
  categories: string;
  /**
   * `nameCell`: the cell on `dataSheet` (A1, "C101") whose text is exactly `name` (the header of
   * the series' column in the charts' data), which the series names by reference, so that a reader
   * that drops literal names (LibreOffice saving to .xls) still shows it; absent: no such cell, and
   * the name is written as text. A host that names series by string (Office.js) may ignore it.
   */
  series: { name: string; values: string; nameCell?: string }[];
  /** Sheet holding the categories and series ranges. */
  dataSheet: string;
  /** Where the chart sits on its own sheet: top-left and bottom-right cells. */
  from: string;
  to: string;
  xAxisTitle?: string;
  yAxisTitle?: string;
  /**
   * Where the value axis ends: the most a bar can reach (the index's maximum points), so that a
   * 200-point index is not drawn on an axis to 250. Left out: the reader picks the scale.
   */
  valueAxisMax?: number;
  /**
   * Each bar labelled with its value at its end, in the number format of its cell, while every
   * unit is named (categoryAxisLabels skips none): a chart over several printed pages then shows
   * its figures on each page, not only beside the value axis at the bottom of the last one.
   * `numberFormat`: the cells' format, for readers that do not take it from the cells.
   */
  valueLabels?: { numberFormat: string };
  /**
   * Printed on pages of its own: a page break one row above the chart (unless it starts the
   * sheet) and one row below it, so that its frame touches no page's edge.
   */
  ownPage?: boolean;
}

export interface PrintPlan {
  orientation: "portrait" | "landscape";
  /** Scale the sheet to `pagesWide` pages wide, one by default (as many pages tall as it needs). */
  fitToWidth: boolean;
  /** How many pages wide a sheet fitted to the width prints: more than one for a table too wide to read on one page. */
  pagesWide?: number;
  /** Columns repeated at the left of every printed page (the units' rank, code and name when the table takes several pages wide). */
  repeatColumns?: { first: string; last: string };
  /** Rows repeated at the top of every printed page (1-based, inclusive). */
  repeatRows?: { first: number; last: number };
  /** Rows (1-based) that start a new printed page, in order: a manual page break above each. */
  pageBreaksBefore?: number[];
  /**
   * Columns (letters) that start a new printed page, left to right: a manual page break left of
   * each. Excel and LibreOffice ignore such breaks on a sheet fitted to a number of pages wide: a
   * sheet with them is not fitted (fitToWidth false) but printed at `scale`.
   */
  columnBreaksBefore?: string[];
  /** The print scale in percent (10–400) of a sheet not fitted to the page width; absent: 100. */
  scale?: number;
  /** The part of the sheet that prints ("A1:H120"); absent: all of it. */
  printArea?: string;
  /**
   * What every printed page shows above and below the sheet, left, centre and right, in Excel's
   * header codes (`&A` the sheet's name, `&P` the page, `&N` the pages; `&&` a literal "&").
   */
  pageHeader?: { left?: string; center?: string; right?: string };
  pageFooter?: { left?: string; center?: string; right?: string };
}

/** A sheet the project owns: created when absent, otherwise cleared and rewritten. */
export interface OwnedSheetPlan {
  name: string;
  visibility: "visible" | "hidden" | "veryHidden";
  blocks: CellBlock[];
  tables: TablePlan[];
  conditionalFormats: ConditionalFormatPlan[];
  charts: ChartPlan[];
  columnWidths?: { column: string; width: number }[];
  freeze?: { rows: number; columns: number };
  /** Heights in points of rows whose text wraps (a reader does not grow them on its own). */
  rowHeights?: { row: number; height: number }[];
  /**
   * Ranges merged into one cell each ("A1:C1"), merged after the blocks are written: the value and
   * look of the top-left cell show over the whole range. None of them overlaps a table.
   */
  merges?: string[];
  /** How the sheet prints: A4, the orientation, scaled to the page width, header rows repeated. */
  print?: PrintPlan;
  /** Where the sheet goes when it is created: right after this one (or first when null). An existing sheet stays where the user keeps it. */
  after?: string | null;
  /**
   * When the sheet exists: the only ranges cleared before it is written ("A1:C2", "A3:P40"; the
   * cells the last run owned there and those this run writes, a handful however many units).
   * Every other cell is the user's and keeps its value and look. Absent: the whole sheet is the
   * project's, written anew.
   */
  clear?: string[];
  /**
   * When the sheet exists: the project's own formula rules (ConditionalFormatPlan, kind
   * "expression") that a run left on cells it no longer owns and does not clear (the charts sheet's
   * status cell, A1, where the user has typed a text of theirs since: the text stays, the rule that
   * turned it red goes). A rule goes that applies to `range` alone and whose formula is `formula`,
   * however a spreadsheet program saved it since (sameRuleFormula); no other rule is touched.
   */
  removeFormats?: { range: string; formula: string }[];
  /**
   * When the sheet's table is written again: where the cells of the last run's table (as the sheet
   * has it now) go in this run's, so that what the user put on them goes with them.
   */
  moves?: TableMoves;
}

/**
 * How the cells of the last run's results table move in this run's: rows by their unit (sorted
 * again), columns by their header. The notes the user put on its cells go with them; a column the
 * user added keeps the width they gave it. Row and column numbers are 1-based.
 */
export interface TableMoves {
  /** The table's rows as the sheet has them (its header row first, without a unit), and the row each goes to (none: its unit is not listed any more). */
  rows: { from: number; to?: number; unit?: { code: string; name: string } }[];
  /** The table's columns as the sheet has them, those the user added included (`added`), and the column each goes to (none: not written any more). */
  columns: { from: number; to?: number; header: string; added?: boolean }[];
}

/** Cells written inside a sheet the project does not own (the `Điểm` column of a layout-A sheet). */
export interface SheetEditPlan {
  sheet: string;
  blocks: CellBlock[];
  /**
   * A unit's form: its printed page header, the index and the period the form states
   * (formPageHeader), in Excel's header codes. Written only over a header the project wrote there
   * (a template's or a run's, in either language, of any period) or none: isProjectFormHeader,
   * with the index's names (`indexNames`). A header a person wrote stays.
   */
  pageHeader?: { texts: { left?: string; center?: string; right?: string }; indexNames: string[] };
}

/** An issue mark on an input cell: a fill and a note, removable by a later run. */
export interface CellMark {
  sheet: string;
  cell: string;
  severity: Severity;
  note: string;
  /**
   * "template": the cell is one the project's template gives a note of its own (the `Minh chứng`
   * cell of an indicator whose evidence is required, where "evidence-missing" goes). An Excel
   * without notes (ExcelApi 1.10 to 1.17) refuses a threaded comment there, so it marks the cell
   * by its fill alone without asking.
   */
  noted?: "template";
}

export interface ProvenanceStamp {
  scoredAt: string; // ISO time
  projectVersion: string;
  definitionHash: string;
  inputsHash: string;
  /** Hash of each unit's inputs by unit code, to tell which units changed since scoring. */
  unitHashes: Record<string, string>;
  lang: Lang;
  /**
   * Which unit hash `unitHashes` holds (UNIT_HASH_SCHEME): 2 when "not applicable" self scores are
   * in it, 3 with numbers at 15 digits, 4 with evidence as the reader tells it ("Không có" is none);
   * absent in a workbook scored before, whose hashes leave them out (staleUnits accepts those).
   */
  unitHashScheme?: number;
}

export interface WritePlan {
  lang: Lang;
  owned: OwnedSheetPlan[];
  edits: SheetEditPlan[];
  /** Marks to set now; every mark listed in the previous `_index` is cleared first. */
  marks: CellMark[];
  /** Marks of the previous run to clear (read back from `_index`). */
  clearMarks: { sheet: string; cell: string; /** the fill to restore (as recorded); absent = no fill */ fill?: string }[];
  /** Sheets the project owned in an earlier run and no longer writes (e.g. `Results` after a run in Vietnamese). */
  removeSheets?: string[];
  /**
   * Done before anything else in the plan: the last run's results or charts sheet, still in the
   * workbook under its name in the other language (`from`, as the workbook spells it now), takes
   * this run's name (`to`, which no sheet has), as Excel renames a sheet: every formula, defined
   * name, validation and conditional format naming `from` names `to` after it. The plan's `owned`
   * sheet of that name is then written over the renamed sheet. Absent when nothing is renamed.
   */
  renameSheets?: { from: string; to: string }[];
  /**
   * Done next, in order: `count` whole rows inserted before row `before` of `sheet` (its name in the
   * plan, after renameSheets), as a person inserts rows in Excel: every cell from that row down
   * moves down with its value, formats, note and merged area, and the formulas, names, rules and
   * validations that refer to them follow. The results sheet's table grown with more units over
   * what the user typed below it: the plan's cells are where they are after the insert.
   */
  insertRows?: { sheet: string; before: number; count: number }[];
  /** What the user should know about the write (a sheet of theirs had the name the results needed: they went elsewhere). Hosts report them with `lastApply.warnings`. */
  warnings?: SheetMessage[];
  /**
   * The instructions sheet's links to the forms of the units scored, each to point at the sheet
   * its form is on now (core/plan/form-links.ts): a host changes a link only while it is the
   * project's and points at a sheet the workbook no longer has. An Excel without Range.hyperlink
   * (ExcelApi 1.7) leaves them as they are.
   */
  formLinks?: FormLink[];
}

/** The link of a unit's name on the instructions sheet (`sheet`, cell `cell`), to point at its form, now on sheet `form`. */
export interface FormLink {
  sheet: string;
  cell: string;
  form: string;
}
