/** The workbook state the double keeps in memory (what Excel would hold). */
import type { Rect } from "./address";

export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

export interface MCell {
  /** The displayed raw value: "" for empty, the error text ("#DIV/0!") for errors. */
  v: number | string | boolean;
  t: ValueType;
  /**
   * A formula ("=SUM(A1:A3)") when the cell holds one; `v` and `t` are then its last computed
   * value, as Excel shows it (formulas.ts: what the double calculates).
   */
  f?: string;
  nf?: string;
  fill?: string;
  bold?: boolean;
  fontColor?: string;
  wrap?: boolean;
  /** `format.horizontalAlignment`, when set (Excel's default is "General"). */
  align?: string;
  /** `format.font.size` in points, when set (Excel's default is 11). */
  fontSize?: number;
  /** `format.protection.locked`: every cell is locked unless unlocked (Excel's default). */
  locked?: boolean;
  /**
   * A formula written while calculation was suspended (suspendApiCalculationUntilNextSync) and not
   * calculated since: its value and its dependents are not what they should be until
   * `application.calculate()`.
   */
  dirty?: true;
  /** A formula the double does not calculate (formulas.ts): its value is what it was. */
  incalculable?: true;
  /** The cell's hyperlink (Range.hyperlink, ExcelApi 1.7), without its text: the text it shows is the cell's value. */
  link?: MHyperlink;
}

/**
 * A cell's hyperlink as Excel.RangeHyperlink names its parts: `address` a URL or file it opens,
 * `documentReference` a place in the workbook ("'Sở Nội vụ'!A1", a file's <hyperlink location>),
 * `screenTip` what shows on hovering. `textToDisplay` is the cell's value, kept in MCell.
 */
export interface MHyperlink {
  address?: string;
  documentReference?: string;
  screenTip?: string;
}

/** Excel.CalculationMode: when Excel calculates formulas. */
export type CalculationMode = "Automatic" | "AutomaticExceptTables" | "Manual";

/** Excel.WorksheetProtectionOptions: what users may still do on a protected sheet. */
export interface MProtectionOptions {
  allowAutoFilter: boolean;
  allowDeleteColumns: boolean;
  allowDeleteRows: boolean;
  allowEditObjects: boolean;
  allowEditScenarios: boolean;
  allowFormatCells: boolean;
  allowFormatColumns: boolean;
  allowFormatRows: boolean;
  allowInsertColumns: boolean;
  allowInsertHyperlinks: boolean;
  allowInsertRows: boolean;
  allowPivotTables: boolean;
  allowSort: boolean;
  selectionMode: "Normal" | "Unlocked" | "None";
}

/** What `protect()` without options allows: selecting cells, nothing else. */
export function defaultProtectionOptions(): MProtectionOptions {
  return {
    allowAutoFilter: false, allowDeleteColumns: false, allowDeleteRows: false, allowEditObjects: false, allowEditScenarios: false,
    allowFormatCells: false, allowFormatColumns: false, allowFormatRows: false, allowInsertColumns: false, allowInsertHyperlinks: false,
    allowInsertRows: false, allowPivotTables: false, allowSort: false, selectionMode: "Normal",
  };
}

export interface MProtection {
  protected: boolean;
  options: MProtectionOptions;
  /**
   * null: no password. A string: the password given to protect(). { hash }: a password known only
   * by its hash (a file's <sheetProtection hashValue|password>); the double cannot check a password
   * against a hash, so it refuses every unprotect of such a sheet, as Excel refuses a wrong one.
   */
  password: string | { hash: string } | null;
}

/** Excel's row height in points for Calibri 11, the workbook default. */
export const STANDARD_ROW_HEIGHT = 15;
/** Excel's standard column width in points for Calibri 11: 8.43 characters, 64 pixels. */
export const STANDARD_COLUMN_WIDTH = 48;

/**
 * Worksheet.pageLayout (ExcelApi 1.9): what a new sheet has (portrait Letter at 100 %, no title
 * rows). A zoom holds either a scale or fits to pages, never both (PageLayoutZoomOptions: each is
 * null when the other is used); a fit of 0 leaves that direction free (as many pages as needed).
 */
export interface MPageLayout {
  orientation: "Portrait" | "Landscape";
  paperSize: string;
  zoom: { scale: number } | { horizontalFitToPages: number; verticalFitToPages: number };
  /** 0-based first row and row count of the rows repeated at the top of each printed page. */
  printTitleRows: { row: number; rows: number } | null;
  /** 0-based first column and column count of the columns repeated at the left of each printed page. */
  printTitleColumns: { col: number; cols: number } | null;
  /** 0-based rectangle of the sheet that prints; null: all of it. */
  printArea: { row: number; rows: number; col: number; cols: number } | null;
  /** Margins in points (Excel's "Normal" margins: 0.7 in at the sides, 0.75 in top and bottom, 0.3 in header and footer). */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** PageLayout.headersFooters (ExcelApi 1.9): which pages differ (`state`), and the texts of every page (`defaultForAllPages`, in Excel's codes: &P, &N, &A). */
  headersFooters: { state: string; defaultForAllPages: Record<HeaderFooterPart, string> };
  /** The number the sheet's first printed page gets; "" (Excel's default): it follows the pages printed before it. */
  firstPageNumber: number | "";
}

export const HEADER_FOOTER_PARTS = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"] as const;
export type HeaderFooterPart = (typeof HEADER_FOOTER_PARTS)[number];

export function defaultPageLayout(): MPageLayout {
  return {
    orientation: "Portrait", paperSize: "Letter", zoom: { scale: 100 }, printTitleRows: null, printTitleColumns: null, printArea: null,
    margins: { left: 50.4, right: 50.4, top: 54, bottom: 54, header: 21.6, footer: 21.6 },
    headersFooters: { state: "Default", defaultForAllPages: { leftHeader: "", centerHeader: "", rightHeader: "", leftFooter: "", centerFooter: "", rightFooter: "" } },
    firstPageNumber: "",
  };
}

export interface MTable {
  id: number;
  name: string;
  sheet: MSheet;
  row: number;
  col: number;
  rows: number;
  cols: number;
  style: string;
  hasHeaders: boolean;
}

/**
 * A custom conditional format's rule and format (ConditionalFormat.custom, ExcelApi 1.6): the
 * formula, as for the top-left cell of the areas it applies to, and what the cells take while it is true.
 */
export interface MCustomFormat {
  formula?: string;
  font?: { color?: string; bold?: boolean; italic?: boolean; strikethrough?: boolean; underline?: string };
  fill?: { color?: string };
}

/**
 * A conditional format and the cells it applies to ("Applies to" in Excel's rules manager): one
 * rectangle when added on a range, several once cells are cleared out of it (clearAll, or
 * clear("All"/"Formats"), on part of it), in reading order; a rule with no cell left is gone.
 * The double does not offer ConditionalFormat.getRange() / getRanges() (ExcelApi 1.6 / 1.9; Excel
 * documents that getRange() "throws an error if the conditional format is applied to multiple
 * ranges"), nor read the rules of a range back: tests read `areas` here.
 */
export interface MConditionalFormat {
  id: number;
  type: "ColorScale" | "DataBar" | "Custom";
  areas: Rect[];
  colorScale?: { criteria?: MColorScaleCriteria };
  dataBar?: { barDirection?: string; positiveFillColor?: string; lowerBoundRule?: MDataBarRule; upperBoundRule?: MDataBarRule };
  custom?: MCustomFormat;
}

/** Excel.ConditionalDataBarRule: where a data bar starts or ends (`formula` for Number, Percent, Formula, Percentile). */
export interface MDataBarRule {
  type: string;
  formula?: string;
}

/** Excel.ConditionalColorScaleCriterion, its colour as "#RRGGBB". */
export interface MColorScaleCriterion {
  type: string;
  formula?: string;
  color?: string;
}

/** Excel.ConditionalColorScaleCriteria: a 2-colour scale has no midpoint. */
export interface MColorScaleCriteria {
  minimum: MColorScaleCriterion;
  midpoint?: MColorScaleCriterion;
  maximum: MColorScaleCriterion;
}

export interface MSeries {
  name: string;
  values?: string;
  xAxisValues?: string;
}

export interface MChart {
  id: number;
  name: string;
  chartType: string;
  title: string;
  categoryAxisTitle: string;
  valueAxisTitle: string;
  reversePlotOrder: boolean;
  position?: { start: string; end?: string };
  series: MSeries[];
}

export interface MNote {
  sheet: MSheet;
  row: number;
  col: number;
  content: string;
}

export interface MComment {
  id: string;
  sheet: MSheet;
  row: number;
  col: number;
  content: string;
  /** Who wrote it (Comment.authorName, read-only): the user signed in when it was added (ExcelDouble.userName). */
  author?: string;
  /** The thread's replies, in order (Comment.replies, ExcelApi 1.10). */
  replies?: MCommentReply[];
}

/** A reply in a threaded comment (CommentReply, ExcelApi 1.10). */
export interface MCommentReply {
  id: string;
  content: string;
  /** Who wrote it (CommentReply.authorName, read-only). */
  author?: string;
}

export interface MHandler {
  id: number;
  /** The sheet whose changes the handler hears; null for a handler of `worksheets` (every sheet). */
  sheet: MSheet | null;
  /**
   * What it hears: cells changed (`onChanged`), or, for `worksheets`, a sheet added (`onAdded`),
   * deleted (`onDeleted`, both ExcelApi 1.7) or renamed (`onNameChanged`, ExcelApi 1.17).
   */
  event: "changed" | "added" | "deleted" | "nameChanged";
  handler: (args: unknown) => unknown;
}

let nextId = 1;
export function newId(): number {
  return nextId++;
}

export class MSheet {
  readonly id = `{${String(newId()).padStart(8, "0")}-0000-0000-0000-000000000000}`;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  cells = new Map<number, MCell>();
  columnWidths = new Map<number, number>();
  /** Heights in points of rows that are not the standard height (0-based row → points). */
  rowHeights = new Map<number, number>();
  pageLayout: MPageLayout = defaultPageLayout();
  /** Manual horizontal page breaks: 0-based rows that start a printed page (ExcelApi 1.9). */
  rowBreaks: number[] = [];
  /** Manual vertical page breaks: 0-based columns that start a printed page (ExcelApi 1.9). */
  colBreaks: number[] = [];
  freeze = { rows: 0, cols: 0 };
  charts: MChart[] = [];
  conditionalFormats: MConditionalFormat[] = [];
  protection: MProtection = { protected: false, options: defaultProtectionOptions(), password: null };
  /**
   * Merged areas (Range.merge, or a file's <mergeCells>): their value is in the top-left cell, the
   * others read as empty. Areas never overlap.
   */
  merges: { row: number; col: number; rows: number; cols: number }[] = [];
  /**
   * Whether the sheet may hold formulas (set when one is written into it): calculation looks for
   * formulas only on such sheets, so that a workbook of many sheets without any is not searched
   * cell by cell at every change.
   */
  formulas = false;
  constructor(public name: string) {}

  /** Whether a rectangle holds a locked cell (cells never touched are locked, as in Excel). */
  anyLocked(rect: { row: number; col: number; rows: number; cols: number }): boolean {
    let unlocked = 0;
    for (const [k, c] of this.cells) {
      if (c.locked !== false) continue;
      const row = Math.floor(k / 16384), col = k % 16384;
      if (row >= rect.row && row < rect.row + rect.rows && col >= rect.col && col < rect.col + rect.cols) unlocked++;
    }
    return unlocked < rect.rows * rect.cols;
  }

  key(row: number, col: number): number {
    return row * 16384 + col;
  }
  get(row: number, col: number): MCell | undefined {
    return this.cells.get(this.key(row, col));
  }
  cell(row: number, col: number): MCell {
    const k = this.key(row, col);
    let c = this.cells.get(k);
    if (!c) {
      c = { v: "", t: "Empty" };
      this.cells.set(k, c);
    }
    return c;
  }
  /** Bounding box of cells with a value or formula (valuesOnly) or any content/format. */
  usedRect(valuesOnly: boolean, within?: { row: number; col: number; rows: number; cols: number }): { row: number; col: number; rows: number; cols: number } | null {
    let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
    for (const [k, c] of this.cells) {
      if (within) {
        const row = Math.floor(k / 16384), col = k % 16384;
        if (row < within.row || row >= within.row + within.rows || col < within.col || col >= within.col + within.cols) continue;
      }
      const hasValue = c.t !== "Empty" || c.f !== undefined;
      const hasFormat = c.nf !== undefined || c.fill !== undefined || c.bold !== undefined || c.fontColor !== undefined || c.wrap !== undefined || c.align !== undefined || c.fontSize !== undefined || c.locked !== undefined;
      if (!(hasValue || (!valuesOnly && hasFormat))) continue;
      const row = Math.floor(k / 16384);
      const col = k % 16384;
      r0 = Math.min(r0, row); c0 = Math.min(c0, col); r1 = Math.max(r1, row); c1 = Math.max(c1, col);
    }
    if (r1 < 0) return null;
    return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
}

/**
 * The workbook's structure protection (Review > Protect Workbook): while it is on, sheets cannot be
 * added, deleted, renamed, moved, hidden or shown. `password` as for sheets: null for none.
 */
export interface MWorkbookProtection {
  protected: boolean;
  password: string | null;
}

export class MWorkbook {
  protection: MWorkbookProtection = { protected: false, password: null };
  sheets: MSheet[] = [];
  tables: MTable[] = [];
  notes: MNote[] = [];
  comments: MComment[] = [];
  handlers: MHandler[] = [];
  activeSheet: MSheet | null = null;
  /**
   * Cells changed while calculation was suspended, or in manual calculation, and the workbook not
   * calculated since: the formulas that read them (the double does not know which) may show old
   * results.
   */
  calculationPending = false;
  /**
   * Application.calculationMode: Excel's setting, not the workbook's ("This is a runtime property.
   * The `calculationMode` setting is not persisted in the workbook"). "Automatic" (Excel's
   * default) calculates the formulas after every change; "AutomaticExceptTables" does too except
   * in data tables (What-If Analysis > Data Table), which the double does not have; "Manual"
   * calculates a formula when it is entered and otherwise only when asked (calculate(), F9).
   */
  calculationMode: CalculationMode = "Automatic";
  /** In automatic calculation: cells changed since the formulas were last calculated. */
  calculationNeeded = false;
  /** In manual calculation: formulas entered since, calculated on entry from what the cells they read show. */
  entered = new Set<MCell>();
  /** What the user selected: cells (their address), or a chart (its name; `address` then ""). */
  selection: { sheet: string; address: string; chart?: string } | null = null;
  /**
   * The workbook counts its dates from 1 January 1904 (File > Options > Advanced > Use 1904 date
   * system; an .xlsx's `<workbookPr date1904="1"/>`, old Mac workbooks): a date's serial is 1462
   * less than in the 1900 system, and cells keep their serials as stored.
   */
  date1904 = false;

  /** A sheet by its name (any case) or, as worksheets.getItem takes either, by its id. */
  sheet(name: string): MSheet | undefined {
    const n = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === n) ?? this.sheets.find((s) => s.id === name);
  }
}
