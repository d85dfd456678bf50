/**
 * What the project writes into a layout-A sheet it does not own: the `Điểm` column (each node's
 * points, or its value when it has no max: blank where the results sheet leaves it out,
 * valueLeftOut) and a two-row summary to the right of the header
 * block, with under it (its first column) a formula that stays empty until the unit's figures
 * are changed after scoring and then says, in red, that its points and rank are out of date, and
 * under that, on a form whose points shown do not add up as shown (a group's `Điểm` and its rows',
 * the total and its groups'), a line that says they are shown rounded; and under the table,
 * within its columns, a line for each group whose points are rescaled (rescaledNotesPlace).
 * Every cell written is recorded in `_index`; a later run takes the recorded addresses as
 * hints only, since the user may have inserted rows or columns since: the `Điểm` column is found
 * by its header, its cells by the codes on their rows, and the summary by its labels (the line
 * under it goes with it; a summary an earlier version wrote has none).
 * Nothing is written into a merged range: a merged cell reads as empty but writing there writes
 * into the merge (a unit name merged across B1:I1 would be overwritten), so the summary goes
 * where no cell of it is merged, and a `Điểm` cell inside a merge is skipped with a warning.
 */
import type { IndexModel } from "../definition/model";
import { type Lang, type SheetMessage, foldText } from "../i18n/text";
import type { CellBlock, CellValue, PlanValue, SheetEditPlan, SheetSnapshot, Submission, UnitResult } from "../types";
import { isCellError } from "../types";
import { findTableHeader } from "../read/layout-a";
import { isRowCodeText } from "../read/sheet";
import { type CellRange, cellAddress, compactRanges, parseRange, rangeCells } from "./a1";
import { type OwnedCells, formInputsChangedFormula, indexComparesUnits } from "./index-sheet";
import { textOf } from "./sheet-names";
import {
  COLUMN_LABELS,
  FORMER_FORM_SUMMARY_LABELS,
  FORMER_UNAVAILABLE_TEXTS,
  FORM_SUMMARY_LABELS,
  FORM_SUMMARY_RANK_LABELS,
  FORM_SUMMARY_TOTAL_LABELS,
  formNotScoredLine,
  isFormNotScoredLine,
  isInputsChangedLine,
  isOrphanedInputsChangedLine,
  isRescaledGroupText,
  isRoundingNote,
  label,
  ROUNDING_NOTE,
  mergedScoreCellsMessage,
  rescaledGroupText,
  summaryRankText,
  unavailableText,
} from "./labels";
import { DEFAULT_FORMATS, type FigureFormats, figure } from "./results-sheet";
import { FORM_COLUMN_WIDTHS, textWidth } from "./layout";
import { groupFormats, roundedPartsDiffer, valueLeftOut } from "./figures";

export interface SheetEditsInput {
  model: IndexModel;
  submission: Submission;
  unit: UnitResult;
  /** How many units are ranked (the 20 of "3/20"). */
  rankedCount: number;
  /**
   * The index ranks within categories: the summary adds the unit's rank in its category and how
   * many units of its category are ranked (the official rank; "3/20" overall says less).
   */
  inCategory?: { rank: number | null; ranked: number };
  lang: Lang;
  sheet?: SheetSnapshot;
  /** What the last run owned in this sheet. */
  previous: OwnedCells[];
  /**
   * Nothing is recorded for this sheet: the user renamed it and `_index` does not say whose form
   * it is, or there is no `_index` at all (a person deleted it, which LibreOffice lets them do;
   * the form was copied out of a scored workbook into one of its own). A summary of the project's
   * found by its labels and shape in the rows above the table (as `collect` finds one on a form it
   * takes in) is an earlier run's, and is written again in place, with the line under it.
   */
  searchSummary?: boolean;
  /** Number formats of points and values (figureFormats: as the ranking compares them). */
  formats?: FigureFormats;
  /**
   * The unit's figures are copied into `_index` (its key there, and when it was scored): under the
   * summary goes the line that says, by a formula on its flag, when they were changed since.
   */
  inputsChanged?: { unit: string; scoredAt: Date };
}

function isEmpty(sheet: SheetSnapshot | undefined, row: number, column: number): boolean {
  const v = sheet?.values[row - 1]?.[column - 1];
  return v === undefined || v === null || v === "";
}

/**
 * The `Điểm` column the last run wrote the scores in, when its header has since been renamed to
 * something that is no `Điểm`/`Score` ("Điểm HĐ chấm") and it still holds those scores, while this
 * run writes them in `scoreColumn`: its header cell and new header text. Its scores would stand
 * there beside the new column's, looking official. The last run's column is the one most of its
 * recorded score cells are in (its header cell when it added one).
 */
function renamedScoreColumn(
  sheet: SheetSnapshot | undefined,
  previous: OwnedCells[],
  headerRow: number,
  scoreColumn: number,
): { cell: string; text: string } | undefined {
  if (!sheet) return undefined;
  const cells = (previous.find((p) => p.role === "score")?.ranges ?? []).flatMap((r) => {
    try {
      return rangeCells(r).map((a) => parseRange(a)).filter((c) => c.top > headerRow);
    } catch {
      return [];
    }
  });
  const counts = new Map<number, number>();
  for (const c of cells) counts.set(c.left, (counts.get(c.left) ?? 0) + 1);
  const header = previous.find((p) => p.role === "header")?.ranges[0];
  const column = header !== undefined ? parseRange(header).left : [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  if (column === undefined || column === scoreColumn) return undefined;
  const text = textOf(valueAt(sheet, headerRow, column));
  if (text === "" || SCORE_HEADERS.has(foldText(text))) return undefined;
  // Still the last run's scores: most of the cells it wrote in that column that hold something
  // hold a score (in Excel, the cells below a form's first rows of a column not read are empty).
  const held = cells.filter((c) => c.left === column && !isEmpty(sheet, c.top, column));
  if (held.filter((c) => holdsScore(valueAt(sheet, c.top, column))).length * 2 <= held.length || held.length === 0) return undefined;
  return { cell: cellAddress(headerRow, column), text };
}

/**
 * What renamedScoreColumn finds, said: the scores now go in the column of `now` (its header cell),
 * the old column keeps the last run's. The header to give the old column back is the form's own, in
 * the form's language (`formLang`): "Điểm" on a Vietnamese form (glossed "Score" in English), "Score"
 * on an English one.
 */
function renamedScoreColumnMessage(sheet: string, old: { cell: string; text: string }, now: string, formLang: Lang): SheetMessage {
  const col = (a: string) => a.replace(/\d+$/, "");
  const [was, is] = [col(old.cell), col(now)];
  const header = label("score", formLang);
  const headerEn = formLang === "vi" ? `"${header}" ("${label("score", "en")}")` : `"${header}"`;
  return {
    sheet,
    vi: `Trang '${sheet}': tiêu đề cột Điểm ở ô ${old.cell} đã được đổi thành "${old.text}", nên điểm của lần chấm này được ghi vào cột ${is} (tiêu đề ở ô ${now}); cột ${was} vẫn giữ điểm của lần chấm trước, không phải điểm hiện hành. Hãy xóa cột ${was}, hoặc đặt lại tiêu đề "${header}" cho ô ${old.cell} và xóa cột ${is}, rồi chấm lại.`,
    en: `Sheet '${sheet}': the Score column's header in cell ${old.cell} was renamed "${old.text}", so this run's scores are written in column ${is} (its header in cell ${now}); column ${was} still holds the scores of the earlier run, not the current ones. Delete column ${was}, or name cell ${old.cell} ${headerEn} again and delete column ${is}, then score again.`,
  };
}

/**
 * The warning that cells of the summary the last run wrote into a form (`cells`) now hold what the
 * user typed there: they are kept, and the summary is now at `now` (`moved` there from its old
 * place, whose other cells were emptied, or still where it was).
 */
function summaryTypedOverMessage(sheet: string, cells: string[], now: string, moved: boolean): SheetMessage {
  const one = cells.length === 1;
  const shown = cells.join(", ");
  return {
    sheet,
    vi: `Trang '${sheet}': ${one ? "ô" : `${cells.length} ô`} ${shown} thuộc phần tổng điểm và hạng mà lần chấm trước ghi vào phiếu, nay có nội dung bạn nhập nên được giữ nguyên; ${moved ? `tổng điểm và hạng được ghi sang ${now}, các ô còn lại của phần cũ đã được xóa.` : `tổng điểm và hạng vẫn được ghi ở ${now}.`}`,
    en: `Sheet '${sheet}': ${one ? "cell" : `${cells.length} cells`} ${shown}, part of the total and rank the last run wrote into the form, now ${one ? "holds" : "hold"} what you typed, so ${one ? "it is" : "they are"} kept; ${moved ? `the total and rank are written to ${now} instead, and the rest of the old summary has been emptied.` : `the total and rank are still written in ${now}.`}`,
  };
}

/** Whether a cell lies in one of the sheet's merged ranges (unreadable ranges are ignored). */
type InMerge = (row: number, column: number) => boolean;

function mergeTest(sheet: SheetSnapshot | undefined): InMerge {
  const ranges: CellRange[] = [];
  for (const m of sheet?.merges ?? []) {
    try {
      const r = parseRange(m.replace(/^.*!/, ""));
      if (r.top !== r.bottom || r.left !== r.right) ranges.push(r);
    } catch {
      // Not an A1 range: nothing to keep clear of.
    }
  }
  if (ranges.length === 0) return () => false;
  return (row, column) => ranges.some((r) => row >= r.top && row <= r.bottom && column >= r.left && column <= r.right);
}

function valueAt(sheet: SheetSnapshot | undefined, row: number, column: number): CellValue | undefined {
  return sheet?.values[row - 1]?.[column - 1];
}

const LANGS: Lang[] = ["vi", "en"];
/** The third label of a summary of an index ranked within categories (and the one earlier versions wrote). */
const CATEGORY_RANK_LABELS = new Set([...LANGS.map((l) => FORM_SUMMARY_LABELS.rankInCategory[l]), ...FORMER_FORM_SUMMARY_LABELS.rankInCategory]);
/** The header the project gives a `Điểm` column it adds, in either language. */
const SCORE_LABELS = new Set(LANGS.map((l) => COLUMN_LABELS.score[l]));
const NOT_RANKED = new Set(LANGS.map((l) => summaryRankText(null, 0, l)));
/** What the project writes in the `Điểm` column for a node it could not score, in either language. */
const UNAVAILABLE = new Set([...LANGS.flatMap((l) => [unavailableText("not-applicable", l), unavailableText(undefined, l)]), ...FORMER_UNAVAILABLE_TEXTS]);

/**
 * Labels of a form by the language they are in, folded (foldText): the template's table columns
 * and header block, and the names the reader takes for them (TABLE_COLUMNS, UNIT_LABELS).
 */
const FORM_WORDS: Record<Lang, Set<string>> = {
  vi: new Set([
    "ma", "ma so", "ma chi tieu", "noi dung", "chi tieu", "ten chi tieu", "diem toi da", "so lieu", "so lieu tham dinh", "tu cham",
    "diem tu cham", "minh chung", "ghi chu", "diem", "don vi", "ten don vi", "ma don vi", "nhom", "loai don vi", "bo chi so", "ky danh gia",
  ]),
  en: new Set([
    "code", "item", "max points", "max", "value", "appraised value", "self score", "evidence", "note", "score", "unit", "unit name",
    "unit code", "category", "unit category", "index", "period",
  ]),
};

/**
 * The language a form is written in, told by its own labels: the table's header row (`Số liệu`,
 * `Điểm`… or `Value`, `Score`…) and the labels of its header block in column A (`Đơn vị`/`Unit`…),
 * leaving out the `Điểm` header the project added (`ours`). Undefined when they do not tell.
 */
export function formLanguage(sheet: SheetSnapshot | undefined, headerRow: number, ours?: { row: number; column: number }): Lang | undefined {
  if (!sheet) return undefined;
  const votes: Record<Lang, number> = { vi: 0, en: 0 };
  const count = (v: CellValue | undefined) => {
    if (typeof v !== "string") return;
    const folded = foldText(v).replace(/[:.]$/, "").trim();
    for (const l of LANGS) if (FORM_WORDS[l].has(folded)) votes[l]++;
  };
  (sheet.values[headerRow - 1] ?? []).forEach((v, c) => {
    if (!(ours && ours.row === headerRow && ours.column === c + 1)) count(v);
  });
  for (let row = 1; row < headerRow; row++) count(valueAt(sheet, row, 1));
  return votes.vi > votes.en ? "vi" : votes.en > votes.vi ? "en" : undefined;
}

/**
 * The language of what the project writes into a form: its `Điểm` header, scores, summary, the
 * line under it and the notes of its issue marks. The form's own, told by its labels
 * (formLanguage), so that a Vietnamese form scored with the pane or the command line in English
 * stays Vietnamese; the `Điểm` header an earlier run added (`previous`: what the last run recorded
 * on the sheet) does not vote. The run's language when the labels do not tell.
 */
export function languageOfForm(
  table: { headerRow: number; scoreColumn?: number | undefined },
  sheet: SheetSnapshot | undefined,
  previous: readonly OwnedCells[],
  runLang: Lang,
): Lang {
  const ownHeader = table.scoreColumn !== undefined && previous.some((p) => p.role === "header") ? { row: table.headerRow, column: table.scoreColumn } : undefined;
  return formLanguage(sheet, table.headerRow, ownHeader) ?? runLang;
}

/**
 * languageOfForm of a sheet the reader did not take as a unit's form (a second form of the same
 * unit, a form of another index): its table found by its header; the run's language without one.
 */
export function languageOfSheet(sheet: SheetSnapshot | undefined, previous: readonly OwnedCells[], runLang: Lang): Lang {
  const header = sheet && sheet.csvFile === undefined ? findTableHeader(sheet) : undefined;
  if (!header) return runLang;
  return languageOfForm({ headerRow: header.row + 1, ...(header.cols.score !== undefined ? { scoreColumn: header.cols.score + 1 } : {}) }, sheet, previous, runLang);
}

/**
 * The rows of a summary: the label the project writes in its first column (in either language)
 * and what goes right of it, the total (a number, or an error a formula of the user's above gave
 * it) or a rank ("3/20", "Không xếp hạng"). The third row is there when the index ranks within categories.
 */
const SUMMARY_ROWS: { labels: Set<string>; figure: "total" | "rank" }[] = [
  { labels: FORM_SUMMARY_TOTAL_LABELS, figure: "total" },
  { labels: FORM_SUMMARY_RANK_LABELS, figure: "rank" },
  { labels: CATEGORY_RANK_LABELS, figure: "rank" },
];

/**
 * What the cell of row `dr` (0-based) and column `dc` (0: label, 1: figure) of a summary at
 * (row, column) holds: what the project writes there ("ours"), nothing, or what the user typed
 * over it. The line under a summary, which a deleted row may have brought up into it, is nothing
 * here (staleStatusCells looks after it).
 */
function summaryCell(sheet: SheetSnapshot | undefined, row: number, column: number, dr: number, dc: number): "ours" | "empty" | "typed" {
  const v = valueAt(sheet, row + dr, column + dc);
  const kind = SUMMARY_ROWS[dr];
  if (!kind) return "typed";
  if (isEmpty(sheet, row + dr, column + dc) || isInputsChangedLine(v) || isRoundingNote(v)) return "empty";
  if (dc === 0) return kind.labels.has(textOf(v)) ? "ours" : "typed";
  if (isCellError(v)) return "ours";
  if (kind.figure === "total") return typeof v === "number" ? "ours" : textOf(v) === "" ? "empty" : "typed";
  const rank = textOf(v);
  return rank === "" ? "empty" : /^\d+\/\d+$/.test(rank) || NOT_RANKED.has(rank) ? "ours" : "typed";
}

/** Whether the 2×2 block at (row, column) is a summary the project wrote: its labels, a number and a rank (or nothing beside them). */
function isSummaryAt(sheet: SheetSnapshot, row: number, column: number): boolean {
  return summaryCell(sheet, row, column, 0, 0) === "ours" && summaryCell(sheet, row, column, 1, 0) === "ours" && [0, 1].every((dr) => summaryCell(sheet, row, column, dr, 1) !== "typed");
}

/** Whether (row, column) starts the third row of a summary: the rank-in-category label and a rank (or nothing). */
function isCategoryRowAt(sheet: SheetSnapshot | undefined, row: number, column: number): boolean {
  return summaryCell(sheet, row - 2, column, 2, 0) === "ours" && summaryCell(sheet, row - 2, column, 2, 1) !== "typed";
}

/**
 * A summary of the last run found on a form: its first cell, the cells of its rows (3 with the
 * rank in its category) that still hold what the project wrote there (`ours`, by address) and
 * those the user has since typed over (`typed`), which stay as typed.
 */
interface FoundSummary {
  row: number;
  column: number;
  /** Its rows: 3 with the rank in its category. The line under it is on the next. */
  rows: number;
  ours: Set<string>;
  typed: string[];
}

/**
 * Whether (row, column) is where the line under the summary `found` is, and shows what that line
 * shows once the `_index` its formula reads is gone (isOrphanedInputsChangedLine: #REF!, #NAME?):
 * the project's line, which a host that reads results alone cannot tell by its formula.
 */
function orphanedLineAt(sheet: SheetSnapshot | undefined, found: FoundSummary | undefined, row: number, column: number): boolean {
  return found !== undefined && row === found.row + found.rows && column === found.column && isOrphanedInputsChangedLine(valueAt(sheet, row, column));
}

/**
 * The summary at (row, column), `height` rows tall (a third row is counted when its label is
 * there, as an earlier version may have written it unrecorded), as summaryCell reads each of its
 * cells. Whole (`whole`): its first two labels there and none of its figures typed over.
 */
function summaryAt(sheet: SheetSnapshot, row: number, column: number, height: number): FoundSummary & { whole: boolean; labels: number } {
  const rows = height >= 3 || summaryCell(sheet, row, column, 2, 0) === "ours" ? 3 : 2;
  const ours = new Set<string>();
  const typed: string[] = [];
  let labels = 0;
  for (let dr = 0; dr < rows; dr++) {
    for (const dc of [0, 1]) {
      const state = summaryCell(sheet, row, column, dr, dc);
      if (state === "ours") ours.add(cellAddress(row + dr, column + dc));
      else if (state === "typed") typed.push(cellAddress(row + dr, column + dc));
      if (state === "ours" && dc === 0) labels++;
    }
  }
  return { row, column, rows, ours, typed, whole: isSummaryAt(sheet, row, column), labels };
}

/**
 * Where the summary of the last run (recorded at `recorded`) is now: at its recorded place, or
 * wherever the user's inserted rows or columns moved it. It sits above the table (or beside its
 * header row), so only the rows down to one below the header row are searched. It is told by its
 * labels: a whole one (summaryAt), or one the user has typed over some cells of since ("Người
 * duyệt: …" where its rank was), as long as at least one of its labels is left in its place and no
 * fewer of its cells hold what the project wrote than what was typed. Away from the recorded place,
 * two of its cells at least (a lone word "Hạng" of the user's is no summary). At the recorded place
 * first, then the nearest whole one, then the nearest typed over.
 */
function findSummary(sheet: SheetSnapshot | undefined, recorded: CellRange, headerRow: number): FoundSummary | undefined {
  if (!sheet) return undefined;
  const height = recorded.bottom - recorded.top + 1;
  const recognised = (s: ReturnType<typeof summaryAt>, recordedHere = false) => s.whole || (s.labels >= 1 && s.ours.size >= (recordedHere ? 1 : 2) && s.ours.size >= s.typed.length);
  const strip = ({ row, column, rows, ours, typed }: ReturnType<typeof summaryAt>): FoundSummary => ({ row, column, rows, ours, typed });
  const here = summaryAt(sheet, recorded.top, recorded.left, height);
  if (recognised(here, true)) return strip(here);
  let best: { s: ReturnType<typeof summaryAt>; d: number } | undefined;
  const last = Math.min(sheet.values.length, headerRow + 1);
  for (let row = 1; row <= last; row++) {
    const width = Math.max(...[0, 1, 2].map((dr) => sheet.values[row - 1 + dr]?.length ?? 0));
    for (let column = 1; column <= width; column++) {
      if (![0, 1, 2].some((dr) => summaryCell(sheet, row, column, dr, 0) === "ours")) continue;
      const s = summaryAt(sheet, row, column, height);
      if (!recognised(s)) continue;
      const d = Math.abs(row - recorded.top) + Math.abs(column - recorded.left);
      if (!best || (s.whole && !best.s.whole) || (s.whole === best.s.whole && d < best.d)) best = { s, d };
    }
  }
  return best && strip(best.s);
}

/**
 * The column of a form's codes: where the reader's codes are written on their rows (`rows`: code →
 * row), the one most of them are in. Undefined without the sheet or a code found on its row.
 */
function codeColumnOf(sheet: SheetSnapshot | undefined, rows: Record<string, number>): number | undefined {
  if (!sheet) return undefined;
  const norm = (v: CellValue | undefined) => textOf(v).toLowerCase().replace(/\.$/, "");
  const votes = new Map<number, number>();
  for (const [code, row] of Object.entries(rows)) {
    const line = sheet.values[row - 1] ?? [];
    line.forEach((v, c) => {
      if (norm(v) === norm(code)) votes.set(c + 1, (votes.get(c + 1) ?? 0) + 1);
    });
  }
  return [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

/**
 * The rows of the table below its header that carry a code (the reader's rows, and rows whose
 * code is not in the definition, e.g. a node the index dropped). A row the user inserted has none.
 */
function codeRows(sheet: SheetSnapshot | undefined, rows: Record<string, number>, headerRow: number): Set<number> {
  const out = new Set(Object.values(rows));
  const codeColumn = codeColumnOf(sheet, rows);
  if (!sheet || codeColumn === undefined) return out;
  for (let row = headerRow + 1; row <= sheet.values.length; row++) {
    const t = textOf(valueAt(sheet, row, codeColumn));
    if (isRowCodeText(t)) out.add(row);
  }
  return out;
}

/**
 * Where the lines on rescaled groups go (`count` of them, one a row): under the table, within its
 * printed columns (1 to `lastColumn`, the table's last, its `Điểm` column included), so that a form
 * prints as wide as its table (fit to one page wide, a line right of the table would shrink the
 * whole form, or be cut off at the page's edge) and the line reads whole, on screen and on paper.
 * Each line is written in the column right of the codes (`Nội dung` on the template's form) and runs
 * on over the empty cells right of it. The table ends at its last row with a code. The lines go
 * one empty row under it, where that row, theirs and the one under them are empty across the
 * table's columns (not merged); else one empty row under whatever is below the table there (the
 * place and date and the signatures `template` writes under it, the unit's own lines). Lines of the
 * project's found under the table (isRescaledGroupText) count as empty: a later run writes them
 * again in place, and empties (`found`) those it does not write.
 */
function rescaledNotesPlace(
  sheet: SheetSnapshot | undefined,
  rows: Record<string, number>,
  headerRow: number,
  lastColumn: number,
  merged: InMerge,
  count: number,
): { row: number; column: number; found: string[] } {
  const withCode = codeRows(sheet, rows, headerRow);
  const tableEnd = [...withCode].reduce((m, r) => Math.max(m, r), headerRow);
  const codeColumn = codeColumnOf(sheet, rows) ?? 1;
  const column = codeColumn < lastColumn ? codeColumn + 1 : 1;
  const found: string[] = [];
  const taken = new Set<number>();
  const last = mergedBottoms(sheet).reduce((m, r) => Math.max(m, r), sheet?.values.length ?? 0);
  for (let row = tableEnd + 1; row <= last; row++) {
    for (let c = 1; c <= lastColumn; c++) {
      if (merged(row, c)) taken.add(row);
      else if (isRescaledGroupText(valueAt(sheet, row, c))) found.push(cellAddress(row, c));
      else if (!isEmpty(sheet, row, c)) taken.add(row);
    }
  }
  const clear = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i).every((r) => !taken.has(r));
  const below = [...taken].reduce((m, r) => Math.max(m, r), tableEnd);
  const row = count === 0 || clear(tableEnd + 1, count + 2) ? tableEnd + 2 : below + 2;
  return { row, column, found };
}

/** The last rows of a sheet's merged ranges (unreadable ranges are ignored). */
function mergedBottoms(sheet: SheetSnapshot | undefined): number[] {
  return (sheet?.merges ?? []).flatMap((m) => {
    try {
      return [parseRange(m.replace(/^.*!/, "")).bottom];
    } catch {
      return [];
    }
  });
}

/** Whether a cell of the `Điểm` column holds what the project writes there: a number, a "not scored" word, or nothing. */
function looksScored(v: CellValue | undefined): boolean {
  return v === undefined || v === null || v === "" || typeof v === "number" || isCellError(v) || (typeof v === "string" && UNAVAILABLE.has(v.trim()));
}

/**
 * What a form says under its table of a `sum` group whose points are rescaled to its max (some
 * of its scored children not available: aggregate.ts, sumOutcome): the group's code, its
 * children's points and their max; undefined when they add up to the group's figure.
 */
function rescaledText(model: IndexModel, unit: UnitResult, code: string, lang: Lang, pointsFormat: string): string | undefined {
  const node = model.nodes.get(code);
  const result = unit.nodes[code];
  if (node?.kind !== "group" || node.def.aggregate !== "sum" || node.max === undefined || !(node.max > 0) || !result?.available) return undefined;
  let points = 0;
  let max = 0;
  let indicators = true;
  let applicable = true;
  for (const c of node.children) {
    const child = model.nodes.get(c);
    if (child?.max === undefined || !(child.max > 0)) continue;
    if (child.kind !== "indicator") indicators = false;
    const r = unit.nodes[c];
    if (r?.available && r.value !== null) {
      points += r.points ?? r.value * child.max;
      max += child.max;
    } else if (r?.reason !== "not-applicable" && r?.reason !== "answered-na") applicable = false;
  }
  if (!(max > 0) || Math.abs(max - node.max) <= 1e-9 * Math.max(1, node.max)) return undefined;
  const decimals = /\.(0+)/.exec(pointsFormat)?.[1]?.length ?? 0;
  return rescaledGroupText({ points, max, groupMax: node.max, decimals }, lang, { indicators, applicable }, code);
}

/**
 * The first place for a summary of `height` rows and 2 columns from row 1, right of the header
 * block and clear of anything typed or merged, with `below` rows under it as clear (the line
 * that says the figures changed).
 */
function summaryPlace(sheet: SheetSnapshot | undefined, headerRow: number, startColumn: number, merged: InMerge, height: number, below = 0): string {
  const free = (r: number, c: number) => isEmpty(sheet, r, c) && !merged(r, c);
  const rows = Array.from({ length: height + below }, (_, i) => i + 1);
  const fits = (c: number) => rows.every((r) => free(r, c) && free(r, c + 1));
  let c = headerRow <= height + below ? startColumn : 4;
  while (!fits(c)) c++;
  return `${cellAddress(1, c)}:${cellAddress(height, c + 1)}`;
}

/**
 * The number format of the line under a form's summary: its text red, by the format's text
 * section (a cell's own font would cost each form a request's worth more in Excel), and not a
 * text format, in which a formula written would stay text. Its zero section is empty: LibreOffice
 * saves the formula's empty text to .ods as no value at all and reads it back as 0, which must not
 * show as a "0" on every form.
 */
export const FORM_STATUS_FORMAT = "General;-General;;[Red]@";

/**
 * The line under a form's summary: empty while no flag in `_index` is above 0, else (red) that
 * the unit's figures, or other units' (formInputsChangedFormula), were changed after the scoring
 * of `scoredAt`. Its value is the empty text it shows when written (a reader that does not calculate).
 */
function statusBlock(address: string, unit: string, scoredAt: Date, lang: Lang, model: IndexModel): CellBlock {
  const formula = formInputsChangedFormula(unit, scoredAt, lang, indexComparesUnits(model), model.definition.unitLabel);
  return { address, values: [[""]], formulas: [[formula]], numberFormat: FORM_STATUS_FORMAT };
}

/**
 * Where the line under the summary the last run wrote is now: the recorded cell, moved as its
 * summary moved (found now at `found`, recorded at `summary`), or as recorded when the summary is
 * not found. Undefined when none is recorded.
 */
function previousStatusCell(
  previous: readonly OwnedCells[],
  found: { row: number; column: number } | undefined,
  role: "formStatus" | "formRounding" = "formStatus",
): { row: number; column: number } | undefined {
  const status = previous.find((p) => p.role === role)?.ranges[0];
  if (status === undefined) return undefined;
  try {
    const at = parseRange(status);
    const summary = previous.find((p) => p.role === "summary")?.ranges[0];
    if (!found || summary === undefined) return { row: at.top, column: at.left };
    const s = parseRange(summary);
    const row = found.row + at.top - s.top;
    const column = found.column + at.left - s.left;
    return row >= 1 && column >= 1 ? { row, column } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The cells of the line under a summary of the last run to empty: the recorded one (where it is
 * now: previousStatusCell) unless it holds what the user typed (it may read as empty: the formula
 * shows nothing while the figures are unchanged), and a line of the project's found right under
 * the summary at `found` (2 or 3 rows tall), which an earlier run may have left unrecorded. Never
 * a cell in `keep` (written now) or merged.
 */
function staleStatusCells(
  sheet: SheetSnapshot | undefined,
  previous: OwnedCells[],
  found: FoundSummary | undefined,
  merged: InMerge,
  keep: Set<string>,
): string[] {
  const out = new Set<string>();
  const consider = (row: number, column: number, recorded: boolean) => {
    const a = cellAddress(row, column);
    if (keep.has(a) || merged(row, column)) return;
    const v = valueAt(sheet, row, column);
    if (isInputsChangedLine(v) || orphanedLineAt(sheet, found, row, column) || (recorded && isEmpty(sheet, row, column))) out.add(a);
  };
  const recorded = previousStatusCell(previous, found);
  if (recorded) consider(recorded.row, recorded.column, true);
  if (found) for (const dr of [2, 3]) consider(found.row + dr, found.column, false);
  return [...out];
}

/**
 * The cells of the rounding line of the last run to empty: the recorded one (where it is now, as
 * previousStatusCell finds it), while it holds that line. Never a cell in `keep` (written now) or merged.
 */
function staleRoundingCells(
  sheet: SheetSnapshot | undefined,
  previous: readonly OwnedCells[],
  found: { row: number; column: number } | undefined,
  merged: InMerge,
  keep: Set<string>,
): string[] {
  const at = previousStatusCell(previous, found, "formRounding");
  if (!at) return [];
  const a = cellAddress(at.row, at.column);
  return keep.has(a) || merged(at.row, at.column) || !isRoundingNote(valueAt(sheet, at.row, at.column)) ? [] : [a];
}

export function planSheetEdits(given: SheetEditsInput): { edit: SheetEditPlan; owned: OwnedCells[]; warnings: SheetMessage[] } | undefined {
  // The line of a run that left the form out (planFormNotScored) goes: the summary may take its place.
  const stale = given.sheet && given.submission.source?.headerRow !== undefined ? notScoredLines(given.sheet, given.previous, given.submission.source.headerRow) : [];
  const input = stale.length > 0 && given.sheet ? { ...given, sheet: withBlanks(given.sheet, stale) } : given;
  const { model, submission, unit } = input;
  const src = submission.source;
  if (!src || src.layout !== "A" || !src.rows || src.headerRow === undefined) return undefined;
  const lang = languageOfForm({ headerRow: src.headerRow, scoreColumn: src.scoreColumn }, input.sheet, input.previous, input.lang);
  const sheetName = src.sheet;
  const formats = input.formats ?? DEFAULT_FORMATS;
  // A group under the root shows its figures as the results sheet does (groupFormats); the rest as the root.
  const top = new Set(model.topCodes);
  const formatsOf = (code: string) => (top.has(code) ? groupFormats(formats, code) : formats);
  const merged = mergeTest(input.sheet);
  const blocks: CellBlock[] = stale.map((address) => ({ address, values: [[null]] }));
  const owned: OwnedCells[] = [];
  const warnings: SheetMessage[] = [];
  const prevOf = (role: OwnedCells["role"]) => input.previous.find((p) => p.role === role);

  const headerRow = src.headerRow;
  const scoreRows = Object.entries(src.rows).flatMap(([code, row]) => (model.nodes.has(code) && unit.nodes[code] ? [row] : []));
  // A new column for the scores: its header cell free, and none of its cells merged or holding
  // what the user typed (a column the form has beyond its last header, a remark on one row):
  // only a cell the last run wrote a score into, which still holds one, may be written over.
  const previousScores = new Set((prevOf("score")?.ranges ?? []).flatMap((r) => {
    try {
      return rangeCells(r);
    } catch {
      return [];
    }
  }));
  const cellFree = (row: number, column: number) =>
    !merged(row, column) && (isEmpty(input.sheet, row, column) || (previousScores.has(cellAddress(row, column)) && looksScored(valueAt(input.sheet, row, column))));
  const freeColumn = (column: number) => isEmpty(input.sheet, headerRow, column) && !merged(headerRow, column) && scoreRows.every((r) => cellFree(r, column));
  let scoreColumn = src.scoreColumn;
  if (scoreColumn === undefined) {
    // The column of the header the project added last run, if that cell of the header row is still free.
    const prevHeader = prevOf("header")?.ranges[0];
    const prevColumn = prevHeader !== undefined ? parseRange(prevHeader).left : undefined;
    if (prevColumn !== undefined && prevColumn > (src.lastColumn ?? 0) && freeColumn(prevColumn)) {
      scoreColumn = prevColumn;
    } else {
      scoreColumn = (src.lastColumn ?? 1) + 1;
      while (!freeColumn(scoreColumn)) scoreColumn++;
    }
    const header = cellAddress(headerRow, scoreColumn);
    blocks.push({ address: header, values: [[label("score", lang)]], bold: true, numberFormat: "@" });
    owned.push({ sheet: sheetName, role: "header", ranges: [header] });
  } else if (prevOf("header")) {
    // A header the project added in an earlier run is still the project's, where it is now.
    owned.push({ sheet: sheetName, role: "header", ranges: [cellAddress(headerRow, scoreColumn)] });
  }

  const renamed = renamedScoreColumn(input.sheet, input.previous, headerRow, scoreColumn);
  if (renamed) warnings.push(renamedScoreColumnMessage(sheetName, renamed, cellAddress(headerRow, scoreColumn), lang));

  const written: string[] = [];
  const skipped: string[] = [];
  for (const [code, row] of Object.entries(src.rows)) {
    const node = model.nodes.get(code);
    const result = unit.nodes[code];
    if (!node || !result) continue;
    const address = cellAddress(row, scoreColumn);
    if (merged(row, scoreColumn)) {
      // The `Điểm` column the form already has, merged on this row: writing would fill the merge.
      skipped.push(address);
      continue;
    }
    let value: PlanValue;
    let format = "@";
    if (!result.available) value = unavailableText(result.reason, lang);
    else if (node.max !== undefined) {
      value = figure(result.points);
      format = formatsOf(code).points;
    } else {
      // A value computed with missing inputs as 0, of a unit not ranked, is left blank, as on the
      // results sheet (valueLeftOut): "0,000" would read as a measurement. The cell is still the
      // project's: a later run writes the value there once it can be computed.
      value = valueLeftOut(model, unit, result.coverage, code) ? null : figure(result.value);
      format = formatsOf(code).value;
    }
    written.push(address);
    blocks.push({ address, values: [[value]], numberFormat: format });
  }
  if (skipped.length > 0) warnings.push(mergedScoreCellsMessage(sheetName, skipped));
  // Cells of the score column the last run wrote and this run does not (a node dropped from the
  // index) are emptied, on rows that carry a code only: the recorded addresses are those of the last
  // run, and a row the user inserted since (no code) may now sit there, with what they typed.
  const now = new Set(written);
  const withCode = codeRows(input.sheet, src.rows, headerRow);
  for (const range of prevOf("score")?.ranges ?? []) {
    for (const a of rangeCells(range)) {
      const { top: row, left: column } = parseRange(a);
      if (now.has(a) || column !== scoreColumn || row <= headerRow || !withCode.has(row) || merged(row, column)) continue;
      const v = valueAt(input.sheet, row, column);
      if (v === undefined || v === null || v === "" || !looksScored(v)) continue;
      blocks.push({ address: a, values: [[null]] });
    }
  }
  // Under the table, for each group whose points are rescaled, why they are not the sum of its
  // rows: a line of its own, within the table's printed columns (rescaledNotesPlace).
  const explained = Object.entries(src.rows)
    .sort((a, b) => a[1] - b[1])
    .flatMap(([code, row]) => {
      const text = merged(row, scoreColumn) ? undefined : rescaledText(model, unit, code, lang, formatsOf(code).points);
      return text !== undefined ? [text] : [];
    });
  const place = rescaledNotesPlace(input.sheet, src.rows, headerRow, Math.max(src.lastColumn ?? 1, scoreColumn), merged, explained.length);
  const explainedAt: string[] = [];
  explained.forEach((text, i) => {
    const address = cellAddress(place.row + i, place.column);
    explainedAt.push(address);
    blocks.push({ address, values: [[text]], numberFormat: "@", fontColor: "#595959" });
  });
  // Such lines this run does not write again (the group is no longer rescaled, the lines moved):
  // those the last run recorded, wherever they are (beside the group's row right of the table,
  // where earlier versions wrote them), and any left under the table.
  const nowExplained = new Set(explainedAt);
  const staleNotes = new Set<string>();
  for (const range of prevOf("score")?.ranges ?? []) {
    for (const a of rangeCells(range)) {
      const { top: row, left: column } = parseRange(a);
      if (nowExplained.has(a) || column === scoreColumn || merged(row, column) || !isRescaledGroupText(valueAt(input.sheet, row, column))) continue;
      staleNotes.add(a);
    }
  }
  for (const a of place.found) if (!nowExplained.has(a)) staleNotes.add(a);
  // Earlier versions' lines right of the table, beside their group's row, also after rows were
  // inserted or deleted above them since (the address recorded is then another cell's).
  const besideTable = Math.max(src.lastColumn ?? 1, scoreColumn) + 1;
  for (const row of Object.values(src.rows)) {
    const a = cellAddress(row, besideTable);
    if (!nowExplained.has(a) && !merged(row, besideTable) && isRescaledGroupText(valueAt(input.sheet, row, besideTable))) staleNotes.add(a);
  }
  for (const a of staleNotes) blocks.push({ address: a, values: [[null]] });
  owned.push({ sheet: sheetName, role: "score", ranges: compactRanges([...written, ...explainedAt]) });

  // The summary stays where the last run's is now (found by its labels: inserted rows or columns
  // move it); without one, it goes to the first free place.
  const previousSummary = prevOf("summary")?.ranges[0];
  const found =
    previousSummary !== undefined
      ? findSummary(input.sheet, parseRange(previousSummary), headerRow)
      : input.searchSummary
        ? findSummary(input.sheet, { top: 1, left: 1, bottom: 2, right: 2 }, headerRow)
        : undefined;
  const height = input.inCategory ? 3 : 2;
  const status = input.inputsChanged;
  const rowsOfSummary = Array.from({ length: height }, (_, i) => i);
  // A cell the summary (or the line under it) may be written in where the last run's is: one that
  // holds what the project wrote there (its summary, the line under it) or nothing. Not a cell the
  // user has typed over since: the summary then goes elsewhere, and what they typed stays.
  const writable = (row: number, column: number) =>
    !merged(row, column) &&
    (found?.ours.has(cellAddress(row, column)) ||
      isEmpty(input.sheet, row, column) ||
      isInputsChangedLine(valueAt(input.sheet, row, column)) ||
      orphanedLineAt(input.sheet, found, row, column) ||
      isRoundingNote(valueAt(input.sheet, row, column)));
  // A summary the user has since merged cells over is written afresh where nothing is merged.
  // A third row goes where the last run's was, or where nothing is typed; so does the line under it.
  const roomAt = (f: { row: number; column: number }) =>
    rowsOfSummary.every((dr) => [0, 1].every((dc) => writable(f.row + dr, f.column + dc))) && (!status || writable(f.row + height, f.column));
  const foundClear = found && roomAt(found) ? found : undefined;
  const summary = foundClear
    ? `${cellAddress(foundClear.row, foundClear.column)}:${cellAddress(foundClear.row + height - 1, foundClear.column + 1)}`
    : summaryPlace(input.sheet, headerRow, Math.max(src.lastColumn ?? 1, scoreColumn) + 2, merged, height, status ? 1 : 0);
  const s = parseRange(summary);
  const statusAt = status ? cellAddress(s.bottom + 1, s.left) : undefined;
  // Under them, when points shown on the form do not add up as shown (a group's Điểm and its rows',
  // the total and the groups'), why: where that cell is free, or holds what the project wrote.
  const usePoints = model.root.max !== undefined;
  const shownPoints = (code: string): string | undefined => {
    if (code === model.root.code && usePoints) return formats.points;
    const row = src.rows?.[code];
    return row !== undefined && !merged(row, scoreColumn) && model.nodes.get(code)?.max !== undefined ? formatsOf(code).points : undefined;
  };
  const roundingRowAt = s.bottom + 1 + (statusAt ? 1 : 0);
  const roundingAt = roundedPartsDiffer(model, unit, shownPoints) && writable(roundingRowAt, s.left) ? cellAddress(roundingRowAt, s.left) : undefined;
  // The cells written now: what is left of the last run's summary elsewhere is emptied.
  const writtenNow = new Set([...rangeCells(summary), ...(statusAt ? [statusAt] : []), ...(roundingAt ? [roundingAt] : [])]);
  if (found) {
    // What is left of the last run's summary is emptied, so it does not show twice: all of it when
    // it moves (but a merged cell), a rank-in-category row this run does not write. Only its cells
    // that still hold what the project wrote: those the user typed over stay, and are named.
    for (const a of found.ours) {
      const { top: row, left: column } = parseRange(a);
      if (!writtenNow.has(a) && !merged(row, column)) blocks.push({ address: a, values: [[null]] });
    }
    if (found.typed.length > 0) warnings.push(summaryTypedOverMessage(sheetName, found.typed, summary, !foundClear));
  }
  // And the line under it, where this run does not write it, and the rounding line.
  for (const a of staleStatusCells(input.sheet, input.previous, found, merged, writtenNow)) blocks.push({ address: a, values: [[null]] });
  for (const a of staleRoundingCells(input.sheet, input.previous, found, merged, writtenNow)) blocks.push({ address: a, values: [[null]] });
  const values: PlanValue[][] = [
    // A value left out on the results sheet (valueLeftOut) is left blank here too.
    [usePoints ? FORM_SUMMARY_LABELS.totalPoints[lang] : FORM_SUMMARY_LABELS.value[lang], valueLeftOut(model, unit, unit.coverage) ? null : figure(usePoints ? unit.points : unit.value)],
    [FORM_SUMMARY_LABELS.rank[lang], summaryRankText(unit.rank, input.rankedCount, lang)],
  ];
  const numberFormat = [
    ["@", usePoints ? formats.points : formats.value],
    ["@", "@"],
  ];
  if (input.inCategory) {
    values.push([FORM_SUMMARY_LABELS.rankInCategory[lang], summaryRankText(input.inCategory.rank, input.inCategory.ranked, lang)]);
    numberFormat.push(["@", "@"]);
  }
  blocks.push({ address: cellAddress(s.top, s.left), values, numberFormat, bold: true });
  owned.push({ sheet: sheetName, role: "summary", ranges: [summary] });
  if (status && statusAt) {
    blocks.push(statusBlock(statusAt, status.unit, status.scoredAt, lang, model));
    owned.push({ sheet: sheetName, role: "formStatus", ranges: [statusAt] });
  }
  if (roundingAt) {
    blocks.push({ address: roundingAt, values: [[ROUNDING_NOTE[lang]]], numberFormat: "@", fontColor: "#595959" });
    owned.push({ sheet: sheetName, role: "formRounding", ranges: [roundingAt] });
  }
  return { edit: { sheet: sheetName, blocks }, owned, warnings };
}

/**
 * What the last run wrote into a form that this run does not score (its unit code is now another
 * form's, it is of another index…): its total, rank and `Điểm` column would stand there as if
 * scored, so they are emptied (values only: the user's formatting stays). Only what still holds
 * what the project writes is emptied: the added `Điểm` header, the cells below a column headed
 * Điểm/Score that hold a score or a "not scored" word, the summary found by its labels and the
 * lines under it (the figures changed; points shown rounded). Undefined when nothing is left to empty.
 */
export function planClearForm(sheet: SheetSnapshot, previous: OwnedCells[]): SheetEditPlan | undefined {
  const merged = mergeTest(sheet);
  const blocks: CellBlock[] = [];
  const cleared = new Set<string>();
  const clear = (row: number, column: number) => {
    const a = cellAddress(row, column);
    if (cleared.has(a) || merged(row, column) || isEmpty(sheet, row, column)) return;
    cleared.add(a);
    blocks.push({ address: a, values: [[null]] });
  };
  const cellsOf = (role: OwnedCells["role"]) =>
    previous.filter((p) => p.role === role).flatMap((p) =>
      p.ranges.flatMap((r) => {
        try {
          return rangeCells(r).map((a) => parseRange(a));
        } catch {
          return [];
        }
      }),
    );
  for (const cell of notScoredLineAt(sheet, previous)) {
    const { top, left } = parseRange(cell);
    clear(top, left);
  }
  const scoreCells = cellsOf("score");
  const firstScoreRow = scoreCells.reduce((m, c) => Math.min(m, c.top), Infinity);
  // The score column: the project's where its heading above the first score cell still says so.
  const headingOk = (column: number) => {
    for (let row = firstScoreRow - 1; row >= 1; row--) {
      const t = textOf(valueAt(sheet, row, column));
      if (t === "") continue;
      return SCORE_LABELS.has(t) || /^(điểm|score)\b/i.test(t);
    }
    return false;
  };
  const columns = new Set(scoreCells.map((c) => c.left));
  const ours = new Map([...columns].map((c) => [c, Number.isFinite(firstScoreRow) && headingOk(c)]));
  for (const c of scoreCells) {
    if ((ours.get(c.left) && looksScored(valueAt(sheet, c.top, c.left))) || isRescaledGroupText(valueAt(sheet, c.top, c.left))) clear(c.top, c.left);
  }
  for (const c of cellsOf("header")) {
    if (SCORE_LABELS.has(textOf(valueAt(sheet, c.top, c.left)))) clear(c.top, c.left);
  }
  const recorded = previous.find((p) => p.role === "summary")?.ranges[0];
  if (recorded !== undefined) {
    let range: CellRange | undefined;
    try {
      range = parseRange(recorded);
    } catch {
      range = undefined;
    }
    const found = range && findSummary(sheet, range, Number.isFinite(firstScoreRow) ? firstScoreRow - 1 : sheet.values.length);
    // Its cells that still hold what the project wrote: those the user typed over stay.
    for (const a of found?.ours ?? []) {
      const { top, left } = parseRange(a);
      clear(top, left);
    }
    // The line under the summary: a formula that may show nothing, emptied all the same; and the rounding line.
    for (const a of [...staleStatusCells(sheet, previous, found, merged, cleared), ...staleRoundingCells(sheet, previous, found, merged, cleared)]) {
      cleared.add(a);
      blocks.push({ address: a, values: [[null]] });
    }
  } else {
    for (const a of [...staleStatusCells(sheet, previous, undefined, merged, cleared), ...staleRoundingCells(sheet, previous, undefined, merged, cleared)]) {
      cleared.add(a);
      blocks.push({ address: a, values: [[null]] });
    }
  }
  return blocks.length > 0 ? { sheet: sheet.name, blocks } : undefined;
}

/** The headers of a `Điểm` column, folded: the template's and the one the project adds, in either language. */
const SCORE_HEADERS = new Set([...SCORE_LABELS].map(foldText));

/** Whether a cell of a `Điểm` column holds what the project writes there (not empty): a number or a "not scored" word. */
function holdsScore(v: CellValue | undefined): boolean {
  return typeof v === "number" || (typeof v === "string" && UNAVAILABLE.has(v.trim()));
}

/**
 * What a scoring left on a form that this run does not score and the last run did not write into
 * (`_index` records nothing there): a copy of a scored form (Move or Copy, "Create a copy"), a
 * form relabelled for another index, a form scored in another workbook. Its total, rank and
 * `Điểm` column would stand there as if scored, so they are emptied (values only: the user's
 * formatting stays). The form must carry the project's summary, found by its labels and shape (a
 * total and a rank such as "16/20") above its table: without one, nothing tells what the project
 * wrote from what the user typed, and the form is left alone. With one, these are emptied: the
 * summary (with its rank-in-category row); the line under it that says the figures changed (a
 * formula that may show nothing, so the cell right under the summary is emptied when it reads as
 * empty), and the line under that which says points are shown rounded; in each column headed
 * `Điểm`/`Score` in the table's header row, on the rows that carry
 * a code, the numbers and "not scored" words (never a text or an error; a column named otherwise
 * is not looked at); and the project's explanations of rescaled groups: under the table, and right
 * of it on those rows (where earlier versions wrote them). Undefined when nothing is left to empty.
 */
export function planClearUnscoredForm(sheet: SheetSnapshot): SheetEditPlan | undefined {
  const header = findTableHeader(sheet);
  if (!header) return undefined;
  const headerRow = header.row + 1;
  const merged = mergeTest(sheet);
  const blocks: CellBlock[] = [];
  const cleared = new Set<string>();
  const clear = (row: number, column: number, evenEmpty = false) => {
    const a = cellAddress(row, column);
    if (cleared.has(a) || merged(row, column) || (!evenEmpty && isEmpty(sheet, row, column))) return;
    cleared.add(a);
    blocks.push({ address: a, values: [[null]] });
  };
  // Every summary of the project's above the table (or beside its header row), as findSummary looks.
  const summaries: { row: number; column: number }[] = [];
  const last = Math.min(sheet.values.length, headerRow + 1);
  for (let row = 1; row <= last; row++) {
    const line = sheet.values[row - 1] ?? [];
    for (let column = 1; column <= line.length; column++) {
      if (FORM_SUMMARY_TOTAL_LABELS.has(textOf(line[column - 1])) && isSummaryAt(sheet, row, column)) summaries.push({ row, column });
    }
  }
  if (summaries.length === 0) return undefined;
  for (const s of summaries) {
    const height = isCategoryRowAt(sheet, s.row + 2, s.column) ? 3 : 2;
    for (let dr = 0; dr < height; dr++) for (const dc of [0, 1]) clear(s.row + dr, s.column + dc);
    // The line under it: where it is written, even when it shows nothing; a row further when it says something.
    const v = valueAt(sheet, s.row + height, s.column);
    if (isInputsChangedLine(v) || isOrphanedInputsChangedLine(v) || isEmpty(sheet, s.row + height, s.column)) clear(s.row + height, s.column, true);
    for (const dr of [2, 3]) if (isInputsChangedLine(valueAt(sheet, s.row + dr, s.column))) clear(s.row + dr, s.column);
    // The rounding line under them.
    for (const dr of [2, 3, 4]) if (isRoundingNote(valueAt(sheet, s.row + dr, s.column))) clear(s.row + dr, s.column);
  }
  // The Điểm column(s), found by the header in the table's header row.
  const scoreColumns: number[] = [];
  (sheet.values[header.row] ?? []).forEach((v, c) => {
    if (typeof v === "string" && SCORE_HEADERS.has(foldText(v))) scoreColumns.push(c + 1);
  });
  const codeColumn = (header.cols.code ?? 0) + 1;
  let tableEnd = headerRow;
  for (let row = headerRow + 1; row <= sheet.values.length; row++) {
    const code = textOf(valueAt(sheet, row, codeColumn));
    if (code === "" || code.length > 30 || /\s/.test(code)) continue;
    tableEnd = row;
    for (const column of scoreColumns) if (holdsScore(valueAt(sheet, row, column))) clear(row, column);
    if (scoreColumns.length === 0) continue;
    (sheet.values[row - 1] ?? []).forEach((v, c) => {
      if (c + 1 > header.lastColumn + 1 && isRescaledGroupText(v)) clear(row, c + 1);
    });
  }
  // Under the table, the lines on rescaled groups (where this version writes them).
  for (let row = tableEnd + 1; row <= sheet.values.length; row++) {
    (sheet.values[row - 1] ?? []).forEach((v, c) => {
      if (isRescaledGroupText(v)) clear(row, c + 1);
    });
  }
  return blocks.length > 0 ? { sheet: sheet.name, blocks } : undefined;
}

/**
 * The cells of the line a run wrote on a form it left out (planFormNotScored), while its first cell
 * (the one `_index` records) still holds such a line: that cell and the pieces under it within the
 * range recorded (linePieces). Empty when none is recorded or the line is gone.
 */
function notScoredLineAt(sheet: SheetSnapshot, previous: readonly OwnedCells[]): string[] {
  const recorded = previous.find((p) => p.role === "formNotScored")?.ranges[0];
  if (recorded === undefined) return [];
  try {
    const { top, left, bottom } = parseRange(recorded);
    return isFormNotScoredLine(valueAt(sheet, top, left)) ? linePieces(sheet, top, left, bottom) : [];
  } catch {
    return [];
  }
}

/** The most pieces a line found by what it says (nothing recorded) is looked for in. */
const MOST_PIECES = 6;

/**
 * The cells of a line from its first piece at (`row`, `column`) down to row `bottom` at the most
 * (the range recorded; else MOST_PIECES rows): only its last piece ends with a full stop
 * (splitLine), so the pieces are the cells down to the first that does. A cell that breaks that
 * shape (blank, a number, a text that ends early or never ends) is the user's, typed over a piece:
 * the line is then its first cell alone, and the cells under it are left as they are.
 */
function linePieces(sheet: SheetSnapshot, row: number, column: number, bottom = row + MOST_PIECES - 1): string[] {
  const ends = (v: unknown) => typeof v === "string" && v.trimEnd().endsWith(".");
  const first = [cellAddress(row, column)];
  if (ends(valueAt(sheet, row, column))) return first;
  const cells = [...first];
  for (let r = row + 1; r <= bottom; r++) {
    const v = valueAt(sheet, r, column);
    if (typeof v !== "string" || v.trim() === "") return first;
    cells.push(cellAddress(r, column));
    if (ends(v)) return cells;
  }
  return first;
}

/**
 * The lines a run wrote on a form it left out (planFormNotScored) that are on it now: the one
 * `_index` records (notScoredLineAt), and any other above its table (header row `headerRow`), found
 * by what it says: with nothing recorded (no `_index`, a form renamed or copied out), that is how
 * the line is known; a copy of one is no less stale. In reading order, the recorded one first.
 */
function notScoredLines(sheet: SheetSnapshot, previous: readonly OwnedCells[], headerRow: number): string[] {
  const out = notScoredLineAt(sheet, previous);
  for (let row = 1; row < headerRow; row++) {
    (sheet.values[row - 1] ?? []).forEach((v, c) => {
      const a = cellAddress(row, c + 1);
      if (!out.includes(a) && isFormNotScoredLine(v)) out.push(...linePieces(sheet, row, c + 1, Math.min(headerRow - 1, row + MOST_PIECES - 1)).filter((x) => !out.includes(x)));
    });
  }
  return out;
}

/** The sheet with `cells` empty: as it is once a plan's blocks emptied them. */
function withBlanks(sheet: SheetSnapshot, cells: readonly string[]): SheetSnapshot {
  const values = sheet.values.map((line) => [...line]);
  for (const a of cells) {
    const { top, left } = parseRange(a);
    const line = values[top - 1];
    if (line && left <= line.length) line[left - 1] = null;
  }
  return { ...sheet, values };
}

/**
 * On a form left out of the scoring (a unit code another form has, a form of another index…),
 * the line that says so where its summary goes, visible and printed (the mark on the cell at
 * fault is a note, which neither shows nor prints): "Chưa được chấm: " and the finding the results
 * sheet lists (`reason`), in the form's language. Where the last run's line is, while it holds
 * one; else the first free place above the table right of it (as summaryPlace finds for a summary),
 * counting as empty the cells `emptied` (what the run empties on the form first). The project's
 * (`formNotScored`): a later run that scores the form removes it. Undefined without a table.
 */
export function planFormNotScored(sheet: SheetSnapshot, reason: string, previous: readonly OwnedCells[], emptied: readonly CellBlock[], lang: Lang): { blocks: CellBlock[]; owned: OwnedCells } | undefined {
  if (sheet.csvFile !== undefined) return undefined;
  const header = findTableHeader(sheet);
  if (!header) return undefined;
  const blanks = emptied.filter((b) => b.values.length === 1 && b.values[0]?.length === 1 && b.values[0][0] === null).map((b) => b.address);
  const now = withBlanks(sheet, blanks);
  const lastColumn = (now.values[header.row] ?? []).reduce<number>((last, v, c) => (v === null || v === undefined || v === "" ? last : c + 1), 0);
  // Where the line is already (recorded, or found by what it says when nothing is recorded): it
  // stays there while the cells it needs are its own or free; else the first free place.
  const previousCells = notScoredLines(sheet, previous, header.row + 1);
  const clearNow = withBlanks(now, previousCells);
  const merged = mergeTest(clearNow);
  const text = formNotScoredLine(reason, lang);
  // The line in pieces one under the other, each as wide as the table's columns from the line's to
  // the last show (lineWidth): one cell's text running past the table would widen every printed
  // page of the form, and a text beside it would cut it. Every cell of those rows, from the line's
  // column to the table's last, must be free.
  const tableEnd = Math.max(lastColumn, header.lastColumn + 1);
  const at = (top: number, left: number): { top: number; left: number; pieces: string[] } | undefined => {
    const pieces = splitLine(text, lineWidth(header, left, tableEnd));
    for (let i = 0; i < pieces.length; i++) {
      if (top + i >= header.row + 1) return undefined;
      for (let c = left; c <= Math.max(left + 1, tableEnd); c++) if (!isEmpty(clearNow, top + i, c) || merged(top + i, c)) return undefined;
    }
    return { top, left, pieces };
  };
  const first = previousCells[0] !== undefined ? parseRange(previousCells[0]) : undefined;
  const widest = lineWidth(header, 4, tableEnd);
  const found =
    (first !== undefined ? at(first.top, first.left) : undefined) ??
    firstPlace(header.row, tableEnd, (top, left) => (lineWidth(header, left, tableEnd) >= Math.min(MIN_LINE_WIDTH, widest) ? at(top, left) : undefined));
  // Nowhere above the table with room: the first place free in its own column and the next, as before.
  const fallback = () => {
    const pieces = splitLine(text, DEFAULT_LINE_WIDTH);
    return { ...parseRange(summaryPlace(clearNow, header.row + 1, lastColumn + 2, merged, pieces.length)), pieces };
  };
  const { top, left, pieces } = found ?? fallback();
  const cells = pieces.map((_, i) => cellAddress(top + i, left));
  return {
    blocks: [
      ...previousCells.filter((a) => !blanks.includes(a) && !cells.includes(a)).map((address) => ({ address, values: [[null]] })),
      ...pieces.map((text, i) => ({ address: cells[i]!, values: [[text]], numberFormat: "@", bold: true, fontColor: "#C00000" })),
    ],
    owned: { sheet: sheet.name, role: "formNotScored", ranges: [cells.length > 1 ? `${cells[0]}:${cells[cells.length - 1]}` : cells[0]!] },
  };
}

/** A piece's width when nothing tells the columns' (a line placed right of the table). */
const DEFAULT_LINE_WIDTH = 90;
/** The narrowest a line's pieces are made where a wider place is to be had: a line no narrower than the table's columns from Số liệu on. */
const MIN_LINE_WIDTH = 60;

/**
 * How wide (in column units, bold text: layout.ts textWidth) a piece of the line from column `left`
 * (1-based) to the table's last, `right`, may be: the widths the template gives the table's columns
 * (FORM_COLUMN_WIDTHS, by the header's names; 10 for another), less the cell's margins, with room
 * to spare for a reader's wider font.
 */
function lineWidth(header: { cols: Partial<Record<string, number>> }, left: number, right: number): number {
  const keyAt = new Map(Object.entries(header.cols).map(([k, c]) => [(c ?? -1) + 1, k]));
  let sum = 0;
  for (let c = left; c <= right; c++) {
    const key = keyAt.get(c);
    sum += key !== undefined && key in FORM_COLUMN_WIDTHS ? FORM_COLUMN_WIDTHS[key as keyof typeof FORM_COLUMN_WIDTHS] : 10;
  }
  return Math.max(20, sum * 0.95 - 2);
}

/** The first place, row by row from the top and then left to right from column D, above the table's header row (0-based `headerRow`) that `fits`. */
function firstPlace<T>(headerRow: number, right: number, fits: (top: number, left: number) => T | undefined): T | undefined {
  for (let top = 1; top <= headerRow; top++) {
    for (let left = 4; left < right; left++) {
      const found = fits(top, left);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * `text` (a line that ends with a full stop) in pieces at most `width` wide (a word wider than that
 * alone on its piece), broken between words, and never after a word that ends with a full stop:
 * only the last piece ends with one, which is how a later run knows where the line ends (linePieces).
 */
function splitLine(text: string, width: number): string[] {
  const words = text.split(" ");
  const pieces: string[] = [];
  let piece: string[] = [];
  for (const word of words) {
    if (piece.length > 0 && textWidth([...piece, word].join(" "), true) > width) {
      // Break before the word, or before the words at the end of the piece that end with a full stop.
      let cut = piece.length;
      while (cut > 1 && piece[cut - 1]!.endsWith(".")) cut--;
      pieces.push(piece.slice(0, cut).join(" "));
      piece = [...piece.slice(cut), word];
    } else piece.push(word);
  }
  pieces.push(piece.join(" "));
  return pieces;
}
