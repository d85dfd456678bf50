/** What a layout reader finds for one unit, before values are typed and checked (read.ts). */
import type { CellValue, Issue, SubmissionSource } from "../types";
import type { RowFinding } from "./layout-a";

export interface LocatedCell {
  value: CellValue;
  /** A1 address of the cell. */
  address: string;
}

export interface RawUnit {
  layout: "A" | "B";
  sheet: string;
  /** The text file the sheet is (a CSV table): findings name the file, row and column. */
  file?: string;
  /** Header-block or column cells; `address` is where an issue about them is shown. */
  name: LocatedCell;
  code?: LocatedCell;
  category?: LocatedCell;
  /**
   * Layout A: no label of the header block (Đơn vị, Mã đơn vị, Nhóm…) was found above the table,
   * in the columns from A to `lastColumn` (the table's `Mã` column): the unit has the sheet's name
   * and neither code nor category, and the finding says the header block was not found.
   */
  noHeaderBlock?: { lastColumn: string };
  /** The unit's name when its name cell is blank (layout A: the sheet's name). */
  fallbackName?: string;
  /** Effective value cell of each input present in the sheet (appraised value when filled). */
  values: Map<string, LocatedCell>;
  /** Where each input would be read, also for inputs present with a blank cell. */
  inputCells: Record<string, string>;
  /**
   * Layout A, when the host reads merges: inputs whose cell (inputCells) is blank inside a merged
   * range that shows a value, by input code: the range ("D15:D16"), its top-left cell, which holds
   * the value shown (read for its own row only), and that value as a sentence quotes it.
   */
  mergedInputCells?: Record<string, { range: string; cell: string; raw: string; rawNumber?: number }>;
  /**
   * No figure anywhere: on a form (layout A), the `Số liệu` and `Số liệu thẩm định` cells of every
   * row of the table that has a code are blank; on a table's row (layout B), every input's cell is.
   * The reader then says one "no-figures" instead of a missing-input for each input. `appraised`:
   * the form has a `Số liệu thẩm định` column (blank too).
   */
  noFigures?: { appraised?: true };
  /** Layout A: `Tự chấm` cells by node code (blank ones left out). */
  selfScores: Map<string, LocatedCell>;
  /** Layout A, when the sheet has `Minh chứng`: evidence text by indicator code. */
  evidence?: Map<string, string>;
  /** Layout A: the evidence cell an issue about an indicator's evidence points at. */
  evidenceCells: Record<string, string>;
  /** Where to point an issue about an input the sheet has no place for. */
  fallbackCell: string;
  /**
   * Layout B: the unit's 1-based row. An issue about an input (or the category) the table has no
   * column for names this row, not a cell: the unit's name cell would read as the place of the
   * missing value. In a sheet, `fallbackCell` stays the cell a host goes to and marks.
   */
  fallbackRow?: number;
  /** Layout A: input codes of the definition with no row in the sheet. */
  missingRows: string[];
  /** Layout A: codes in the sheet that the definition does not have. */
  unknownCodes: { raw: string; address: string }[];
  /** Layout A: findings about rows of the table (a code on two rows, a figure on a row that takes none), said under the unit. */
  rowFindings?: RowFinding[];
  /** Layout A: findings about the whole form (made from another definition), said under the unit before any other. */
  formFindings?: RowFinding[];
  source: SubmissionSource;
}

export interface SheetReading {
  units: RawUnit[];
  issues: Issue[];
}
