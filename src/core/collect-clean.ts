/**
 * What a scoring left on a unit's form that `collect` takes out of a scored workbook, to take away
 * as the form comes in: the summary (Tổng điểm, Hạng x/N, Hạng trong loại), the line under it whose
 * formula reads the source workbook's `_index` (the collected workbook has none: #NAME?), the
 * `Điểm` column's points, the line on a form left unscored, and the issue marks (fill and note).
 * Left there, the next scoring would take them for what the user typed and write its own summary
 * beside them: the form would show two ranks. Pure: each host empties the cells and clears the
 * marks as it copies or inserts the sheet.
 *
 * The source's `_index` (readIndexSheet) says which cells the project wrote on the sheet and which
 * marks it set, with the fill each cell had before; a summary of the project's found by its labels
 * (as a run finds one on a form it did not write into) and a note of the project's found on a cell
 * are taken away too, so that a form copied from a scored one (no `_index` records it) comes in
 * clean as well. What the unit typed and the council's `Số liệu thẩm định` are never touched:
 * cells are emptied as a run empties the cells of a form it no longer scores (planClearForm,
 * planClearUnscoredForm: values only, the formatting stays), and a mark is cleared as a run clears
 * it (the fill given back, the project's part of the note taken out, the user's text kept).
 */
import { compactRanges } from "./a1";
import { detectLayoutA } from "./form-sheets";
import type { Message } from "./i18n/text";
import { type IndexSheetState, type OwnedCells, readIndexSheet } from "./plan/index-sheet";
import { INDEX_SHEET, UNPROTECT_SHEET_STEPS, markNoteParts, noteWithoutMark } from "./plan/labels";
import { type NotedCell, locateMarks } from "./plan/plan";
import { planClearForm, planClearUnscoredForm } from "./plan/sheet-edits";
import { unitKeyOf } from "./read/unit-fields";
import type { SheetSnapshot } from "./types";

/** A cell of an incoming sheet that carries a note (or comment), with its text. */
export interface IncomingNote {
  cell: string;
  text: string;
}

/** An issue mark of the source's scoring to take off a cell. */
export interface MarkRemoval {
  cell: string;
  /** The fill the cell had before it was marked, as `_index` recorded it ("#RRGGBB", or "xlsx:" and the fill); absent: no fill. */
  fill?: string;
  /**
   * What stays of the cell's note once the project's part is taken out: "" when nothing does (the
   * note goes); absent when the note is left as it is (the cell has the user's note alone, or none).
   */
  note?: string;
  /**
   * The fill it had is not known: no `_index` came with the form (a scored form copied out on its
   * own), so the mark was found by its note alone. A host gives the cell the fill of its column's
   * neighbour that is no mark (the form's input fill), not none.
   */
  fillUnknown?: boolean;
}

/** What to take off one incoming sheet. */
export interface IncomingSheetClean {
  /** Cells (A1) whose value or formula goes; their formatting stays. */
  empty: string[];
  marks: MarkRemoval[];
}

/** Whether there is anything to take off. */
export function hasCleaning(clean: IncomingSheetClean | undefined): clean is IncomingSheetClean {
  return clean !== undefined && (clean.empty.length > 0 || clean.marks.length > 0);
}

/**
 * The cells the source's `_index` records the project wrote on `sheet`: those recorded under its
 * name, or, when none are (the user renamed the sheet since the scoring), those recorded for its
 * unit on a sheet no longer in the source workbook (as a run finds its cells on a renamed form).
 * Also the names the marks of the sheet are recorded under.
 */
function recordedFor(index: IndexSheetState, sheet: SheetSnapshot, present: Set<string>): { cells: OwnedCells[]; names: Set<string> } {
  const lower = sheet.name.toLowerCase();
  const names = new Set([lower]);
  const here = index.owned.cells.filter((c) => c.sheet.toLowerCase() === lower);
  if (here.length > 0) return { cells: here, names };
  const code = detectLayoutA(sheet)?.unitCode;
  if (code === undefined) return { cells: [], names };
  const forms = index.owned.forms ?? [];
  const key = unitKeyOf(code);
  const sheets = [...new Set(forms.filter((f) => unitKeyOf(f.unit) === key).map((f) => f.sheet.toLowerCase()))];
  // A unit recorded on more than one sheet does not say which; one still there is another form's.
  if (sheets.length !== 1 || present.has(sheets[0]!)) return { cells: [], names };
  const recorded = sheets[0]!;
  // Two units recorded on that sheet do not say whose cells they are.
  if (forms.filter((f) => f.sheet.toLowerCase() === recorded).length !== 1) return { cells: [], names };
  names.add(recorded);
  return { cells: index.owned.cells.filter((c) => c.sheet.toLowerCase() === recorded).map((c) => ({ ...c, sheet: sheet.name })), names };
}

/**
 * What to take off one sheet coming in from a workbook (`index`: that workbook's `_index`, when it
 * has one; `present`: its sheets' names in lower case), given the notes its cells carry. Undefined
 * when there is nothing to take off, or the sheet is no unit's form.
 */
export function incomingSheetClean(sheet: SheetSnapshot, index: IndexSheetState | undefined, present: Set<string>, notes: readonly IncomingNote[]): IncomingSheetClean | undefined {
  if (sheet.name === INDEX_SHEET || !detectLayoutA(sheet)) return undefined;
  const { cells, names } = index ? recordedFor(index, sheet, present) : { cells: [], names: new Set([sheet.name.toLowerCase()]) };
  const empty = new Set<string>();
  const take = (plan: { blocks: { address: string }[] } | undefined) => {
    for (const b of plan?.blocks ?? []) empty.add(b.address.replace(/\$/g, "").toUpperCase());
  };
  if (cells.length > 0) take(planClearForm(sheet, cells));
  // A summary of the project's found by its labels: one `_index` does not record here (a form
  // copied from a scored one, or renamed), or left by an earlier run.
  take(planClearUnscoredForm(sheet));

  // The marks, where they are now: paired with the project's notes on the sheet (rows inserted since
  // move them), a note of the project's that no recorded mark pairs with cleared too (locateMarks).
  // A sheet without any note of the project's was marked by fill alone (an Excel without notes or
  // comments): its marks are where `_index` recorded them, as such a host clears them.
  const recorded = (index?.marks ?? [])
    .filter((m) => names.has(m.sheet.toLowerCase()))
    .map((m) => ({ sheet: sheet.name, cell: m.cell, ...(m.fill !== undefined ? { fill: m.fill } : {}) }));
  const noted: NotedCell[] = notes.map((n) => ({ sheet: sheet.name, cell: n.cell.replace(/\$/g, "").toUpperCase(), ours: markNoteParts(n.text) !== undefined, text: n.text }));
  const noteAt = new Map(noted.map((n) => [n.cell, n]));
  const marks = new Map<string, MarkRemoval>();
  const located = noted.some((n) => n.ours) ? locateMarks(recorded, noted) : recorded;
  for (const m of located) {
    const cell = m.cell.replace(/\$/g, "").toUpperCase();
    if (marks.has(cell)) continue;
    const note = noteAt.get(cell);
    marks.set(cell, {
      cell,
      ...(m.fill !== undefined ? { fill: m.fill } : {}),
      ...(note?.ours && note.text !== undefined ? { note: noteWithoutMark(note.text) } : {}),
      ...(index === undefined ? { fillUnknown: true } : {}),
    });
  }
  const clean = { empty: [...empty], marks: [...marks.values()] };
  return hasCleaning(clean) ? clean : undefined;
}

/**
 * The cleaning of each sheet of one incoming workbook, its `_index` read once: a function of the
 * sheet and the notes its cells carry (incomingSheetClean).
 */
export function incomingCleaner(sheets: readonly SheetSnapshot[]): (sheet: SheetSnapshot, notes: readonly IncomingNote[]) => IncomingSheetClean | undefined {
  const index = readIndexSheet({ sheets: [...sheets] });
  const present = new Set(sheets.map((s) => s.name.toLowerCase()));
  return (sheet, notes) => incomingSheetClean(sheet, index, present, notes);
}

/** At most this many cells are named in a message; the rest are counted. */
const CELLS_NAMED = 8;

/**
 * Said of a form taken from a file whose sheet a password protects, when what the file's scoring
 * left on it could not be taken away (a form a password protects is left as it is, as a run leaves it).
 */
export function protectedIncomingMessage(file: string, sheet: string, clean: IncomingSheetClean): Message {
  const ranges = compactRanges([...clean.empty, ...clean.marks.map((m) => m.cell)]);
  const more = ranges.length - CELLS_NAMED;
  const named = ranges.slice(0, CELLS_NAMED).join(", ");
  return {
    vi: `Trang tính '${sheet}' (tệp ${file}) được bảo vệ bằng mật khẩu nên vẫn giữ tổng điểm, hạng và các đánh dấu vấn đề của lần chấm trong tệp đó (ô ${named}${more > 0 ? ` và ${more} vùng khác` : ""}); hãy bỏ bảo vệ trang (${UNPROTECT_SHEET_STEPS.vi}), xóa nội dung các ô đó rồi chấm điểm lại.`,
    en: `Sheet '${sheet}' (file ${file}) is protected with a password, so it still shows the total, rank and issue marks of that file's scoring (cells ${named}${more > 0 ? ` and ${more} more ranges` : ""}); unprotect the sheet (${UNPROTECT_SHEET_STEPS.en}), empty those cells and score again.`,
  };
}

/** Said of a form taken in when Excel refused to take off what its file's scoring left on it: it may still show them. */
export function incomingNotCleanedMessage(file: string, sheet: string, clean: IncomingSheetClean): Message {
  const ranges = compactRanges([...clean.empty, ...clean.marks.map((m) => m.cell)]);
  const more = ranges.length - CELLS_NAMED;
  const named = ranges.slice(0, CELLS_NAMED).join(", ");
  return {
    vi: `Excel không xóa được tổng điểm, hạng và các đánh dấu vấn đề của lần chấm trong tệp ${file} trên trang tính '${sheet}' (ô ${named}${more > 0 ? ` và ${more} vùng khác` : ""}), nên trang có thể vẫn còn chúng; hãy xóa nội dung các ô đó rồi chấm điểm lại.`,
    en: `Excel could not take the total, rank and issue marks of the scoring in file ${file} off sheet '${sheet}' (cells ${named}${more > 0 ? ` and ${more} more ranges` : ""}), so the sheet may still show them; empty those cells and score again.`,
  };
}
