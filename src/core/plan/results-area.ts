/**
 * Where the project writes on its results sheet (and on its charts sheet: charts.ts), and where it
 * does not: the cells the last run owned there (as `_index` records them), the cells this run
 * writes, and so the cells the user typed that a re-score keeps (outside both) or writes over
 * (inside this run's).
 */
import type { SheetMessage } from "../i18n/text";
import type { CellValue, OwnedSheetPlan, PlanValue, SheetSnapshot, TableMoves } from "../types";
import { isCellError } from "../types";
import { sheetAddress } from "../a1";
import { type CellRange, cellAddress, parseCell, parseRange, rangeAddress } from "./a1";
import { type IndexSheetState, type OwnedCells, resultNoteHash, unitKey } from "./index-sheet";
import { NO_FIGURES_NOTES, isInputsChangedLine, isRoundingNote, isUnitErrorsNote, isUnitHeaders, label, notRankedText, unitErrorsNoteEnd, unitWithCode } from "./labels";
import { RESULTS_HEADER_ROW, comparableNote } from "./results-sheet";

function inside(ranges: CellRange[], row: number, column: number): boolean {
  return ranges.some((r) => row >= r.top && row <= r.bottom && column >= r.left && column <= r.right);
}

function overlap(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function parsed(ranges: string[]): CellRange[] {
  return ranges.flatMap((r) => {
    try {
      return [parseRange(r)];
    } catch {
      return [];
    }
  });
}

/**
 * The cells the last run owned on its results sheet (`name` now; `renamed` maps a recorded sheet
 * to the name it has now), as ranges: its title (A1, A2), its table, the lines it wrote below the
 * table (what was not scored, that points are shown rounded), and the line that says figures changed while it still holds that
 * line (a text the user typed over it is theirs). A workbook whose `_index` does not record the
 * table (scored by an earlier version) has it measured: row RESULTS_HEADER_ROW as wide as its
 * header is now, as many rows as the units the last run scored, and any rows below those with a
 * code and a name. Undefined when the sheet was not the project's last run.
 */
export function lastRunArea(sheet: SheetSnapshot, previous: IndexSheetState, renamed: Map<string, string>, name: string): CellRange[] | undefined {
  if (!ownedLastRun(previous, renamed, name)) return undefined;
  const recorded = (role: OwnedCells["role"]) => recordedRanges(previous, renamed, name, role);
  const at = (row: number, column: number) => {
    const v = sheet.values[row - 1]?.[column - 1];
    return v === undefined || v === null || v === "" ? undefined : v;
  };
  // The lines below the table; the line that says points are shown rounded (the one recorded as
  // a single cell: the list of forms not scored takes two rows at the least) only while it holds
  // that line or nothing: a text the user typed over it is theirs, as the status line's is.
  // The list of forms not scored (two rows at the least) only while its first cell holds its
  // heading or nothing: rows the user inserted or deleted above it since moved it, and those lines
  // are found where they are now by what they say (linesByContent).
  const notes = recorded("notes").filter((r) => {
    const v = at(r.top, r.left);
    if (r.top !== r.bottom || r.left !== r.right) return v === undefined || NOT_SCORED_HEADING.test(String(v).trim());
    return v === undefined || isRoundingNote(v);
  });
  const out: CellRange[] = [{ top: 1, left: 1, bottom: 2, right: 1 }, ...notes];
  // The status line (earlier versions put it on the title's row): cell by cell, the project's while
  // it holds that line, or shows nothing (its formula while no figure has changed: a host reads the
  // empty text it gives, not the formula).
  for (const r of recorded("status")) {
    for (let row = r.top; row <= r.bottom; row++) {
      for (let column = r.left; column <= r.right; column++) {
        if (at(row, column) === undefined || isInputsChangedLine(sheet.values[row - 1]?.[column - 1])) out.push({ top: row, left: column, bottom: row, right: column });
      }
    }
  }
  const tables = recorded("table");
  if (tables.length > 0) return [...out, ...tables, ...linesByContent(sheet, Math.max(...tables.map((t) => t.bottom)))];
  const top = RESULTS_HEADER_ROW;
  let width = 0;
  while (at(top, width + 1) !== undefined) width++;
  if (width === 0) return out;
  let last = top + Object.keys(previous.provenance?.unitHashes ?? {}).length;
  // Rows of the table past that count (units recorded under one key): a code and a name.
  while (at(last + 1, 2) !== undefined && at(last + 1, 3) !== undefined) last++;
  return [...out, { top, left: 1, bottom: last, right: width }, ...linesByContent(sheet, last)];
}

/** The heading of the list of forms not scored under the results table ("1 phiếu chưa được chấm:", "2 forms were not scored:"). */
export const NOT_SCORED_HEADING = /^\d.*(?: chưa được chấm| (?:was|were) not scored):$/;

/**
 * The lines the project writes under the results table (below row `tableBottom`), found by what
 * they say in column A wherever they are now: the list of forms not scored (its heading and the
 * lines under it, as many as it counts) and the line that says points are shown rounded.
 */
export function linesByContent(sheet: SheetSnapshot, tableBottom: number): CellRange[] {
  const at = (row: number) => {
    const v = sheet.values[row - 1]?.[0];
    return typeof v === "string" ? v.trim() : v === undefined || v === null ? "" : String(v);
  };
  const out: CellRange[] = [];
  for (let row = tableBottom + 1; row <= sheet.values.length; row++) {
    const text = at(row);
    if (isRoundingNote(text)) out.push({ top: row, left: 1, bottom: row, right: 1 });
    else if (NOT_SCORED_HEADING.test(text)) {
      // As many lines under it as its count says, each "– " and a form's finding: no more (a line
      // the user typed right under the list is theirs).
      const count = Number(/^\d+/.exec(text)![0]);
      let last = row;
      while (last - row < count && at(last + 1).startsWith("– ")) last++;
      out.push({ top: row, left: 1, bottom: last, right: 1 });
      row = last;
    }
  }
  return out;
}

/** Whether the sheet now called `name` was one of the project's last run (`renamed` maps a recorded sheet to the name it has now). */
export function ownedLastRun(previous: IndexSheetState, renamed: Map<string, string>, name: string): boolean {
  return previous.owned.sheets.some((n) => n === name) || [...renamed.values()].includes(name);
}

/** The ranges `_index` records under `role` on the sheet now called `name`, those that are ranges. */
export function recordedRanges(previous: IndexSheetState, renamed: Map<string, string>, name: string, role: OwnedCells["role"]): CellRange[] {
  return parsed(previous.owned.cells.filter((c) => c.role === role && (c.sheet === name || renamed.get(c.sheet) === name)).flatMap((c) => c.ranges));
}

/** The cells a plan of an owned sheet writes: its blocks, its tables and its merges, as ranges. */
export function writtenArea(plan: OwnedSheetPlan): CellRange[] {
  const blocks = plan.blocks.flatMap((b): CellRange[] => {
    const { row, column } = parseCell(b.address);
    const width = b.values.reduce((w, r) => Math.max(w, r.length), 0);
    return b.values.length > 0 && width > 0 ? [{ top: row, left: column, bottom: row + b.values.length - 1, right: column + width - 1 }] : [];
  });
  return [...blocks, ...parsed(plan.tables.map((t) => t.range)), ...parsed(plan.merges ?? [])];
}

/**
 * Ranges as few as cover the same cells, near enough: a range inside another goes, and two of the
 * same columns that touch or overlap top to bottom (or of the same rows, side by side) become one.
 * The blocks of a results sheet (title, table, notes, a cell per long name) come to a handful,
 * however many units it lists.
 */
export function coalesceRanges(ranges: CellRange[]): CellRange[] {
  const out = ranges.map((r) => ({ ...r }));
  for (let changed = true; changed; ) {
    changed = false;
    outer: for (let i = 0; i < out.length; i++) {
      for (let j = 0; j < out.length; j++) {
        if (i === j) continue;
        const a = out[i]!;
        const b = out[j]!;
        const contains = a.top <= b.top && a.bottom >= b.bottom && a.left <= b.left && a.right >= b.right;
        const stacked = a.left === b.left && a.right === b.right && a.top <= b.bottom + 1 && b.top <= a.bottom + 1;
        const beside = a.top === b.top && a.bottom === b.bottom && a.left <= b.right + 1 && b.left <= a.right + 1;
        if (!contains && !stacked && !beside) continue;
        out[i] = { top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) };
        out.splice(j, 1);
        changed = true;
        break outer;
      }
    }
  }
  return out;
}

/** A cell the user typed on an owned sheet, with its text as the sheet shows it. */
export interface TypedCell {
  cell: string;
  text: string;
}

function shownValue(v: CellValue): string {
  if (isCellError(v)) return v.error;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** The cells of `sheet` that hold something outside `owned`, in reading order. */
export function typedCells(sheet: SheetSnapshot, owned: CellRange[]): (TypedCell & { row: number; column: number })[] {
  const out: (TypedCell & { row: number; column: number })[] = [];
  sheet.values.forEach((line, r) =>
    line.forEach((v, c) => {
      if (v === undefined || v === null || v === "") return;
      if (inside(owned, r + 1, c + 1)) return;
      out.push({ cell: cellAddress(r + 1, c + 1), row: r + 1, column: c + 1, text: shownValue(v) });
    }),
  );
  return out;
}

/**
 * What a re-score does on an owned sheet as it is now (`sheet`, the project's last run, whose
 * cells `last` are: the results sheet, the charts sheet): the ranges to clear before writing (the
 * last run's cells, this run's, and any merged area over them: a handful, however many units),
 * and the cells the user typed that this run writes over. Every other cell the user typed stays
 * as it is.
 */
export function ownedSheetRewrite(sheet: SheetSnapshot, last: CellRange[], plan: OwnedSheetPlan): { clear: string[]; overwritten: TypedCell[] } {
  const writes = writtenArea(plan);
  const ours = [...last, ...writes];
  const merges = parsed(sheet.merges ?? []).filter((m) => ours.some((r) => overlap(m, r)));
  const clear = coalesceRanges([...ours, ...merges]).map((r) => rangeAddress(r.top, r.left, r.bottom, r.right));
  const overwritten = typedCells(sheet, last)
    .filter((t) => inside(writes, t.row, t.column))
    .map(({ cell, text }) => ({ cell, text }));
  return { clear, overwritten };
}

/** The most characters of a cell's text an overwritten-cells warning quotes. */
const QUOTED_CHARS = 40;

/** `text` in quotes, on one line; cut to QUOTED_CHARS with an ellipsis unless `whole` (the user's words that are lost are quoted whole). */
function quoted(text: string, whole = false): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return `"${!whole && chars.length > QUOTED_CHARS ? `${chars.slice(0, QUOTED_CHARS - 1).join("")}…` : chars.join("")}"`;
}

/** What the project writes on an owned sheet, as the overwritten-cells warning names it: the results, or the charts' data. */
const WRITTEN_AREA = {
  results: { vi: { area: "vùng kết quả", outside: "ngoài bảng kết quả" }, en: { area: "the results", outside: "outside the results table" } },
  charts: { vi: { area: "vùng số liệu biểu đồ", outside: "ngoài vùng số liệu biểu đồ" }, en: { area: "the charts' data", outside: "outside the charts' data" } },
} as const;

/**
 * The warning that cells the user typed on an owned sheet (`kind`: the results sheet, the charts
 * sheet) lay where this run writes, and were written over: each named with the text it held, so
 * that it can be typed again elsewhere.
 */
export function overwrittenMessage(sheet: string, cells: TypedCell[], kind: keyof typeof WRITTEN_AREA = "results"): SheetMessage {
  const listed = cells.map((c) => `${c.cell} ${quoted(c.text)}`).join(", ");
  const one = cells.length === 1;
  const { vi, en } = WRITTEN_AREA[kind];
  return {
    sheet,
    vi: `Trang '${sheet}' do DTI Scorer quản lý: ${cells.length} ô bạn nhập nằm trong ${vi.area} của lần chấm này nên đã bị ghi đè: ${listed}. Hãy nhập lại ở ô khác, ${vi.outside}; các ô bạn nhập ở chỗ khác được giữ nguyên.`,
    en: `The sheet '${sheet}' is managed by DTI Scorer: ${cells.length} ${one ? "cell" : "cells"} you typed lay where this run writes ${en.area} and ${one ? "was" : "were"} overwritten: ${listed}. Type ${one ? "it" : "them"} again in another cell, ${en.outside}; the cells you typed elsewhere are kept.`,
  };
}

/**
 * The cells the user typed on an owned sheet (outside `owned`, the cells the project writes there)
 * that lie under one of its charts as this run places them (from its top-left cell to its
 * bottom-right, included): kept, but hidden (the charts grew over a caption with more units).
 */
export function cellsUnderCharts(sheet: SheetSnapshot, owned: CellRange[], plan: OwnedSheetPlan): TypedCell[] {
  const areas = plan.charts.map((c) => {
    const from = parseCell(c.from);
    const to = parseCell(c.to);
    return { top: from.row, left: from.column, bottom: to.row, right: to.column };
  });
  if (areas.length === 0) return [];
  return typedCells(sheet, owned)
    .filter((t) => inside(areas, t.row, t.column))
    .map(({ cell, text }) => ({ cell, text }));
}

/** The warning that cells the user typed on the charts sheet lie under the charts this run draws: kept, but not seen. */
export function underChartsMessage(sheet: string, cells: TypedCell[]): SheetMessage {
  const listed = cells.map((c) => `${c.cell} ${quoted(c.text)}`).join(", ");
  const one = cells.length === 1;
  return {
    sheet,
    vi: `Trang '${sheet}': ${cells.length} ô bạn nhập nằm dưới các biểu đồ của lần chấm này nên bị che khuất: ${listed}. Nội dung vẫn được giữ nguyên; hãy chuyển sang ô khác, bên phải các biểu đồ hoặc dưới số liệu biểu đồ, để nhìn thấy và in ra được.`,
    en: `Sheet '${sheet}': ${cells.length} ${one ? "cell" : "cells"} you typed ${one ? "lies" : "lie"} under this run's charts and cannot be seen: ${listed}. ${one ? "It is" : "They are"} kept as ${one ? "it is" : "they are"}; move ${one ? "it" : "them"} to another cell, right of the charts or under their data, to see and print ${one ? "it" : "them"}.`,
  };
}

/** A value typed in a column the user added to the results table: its cell, its value and text, and the unit of its row (code and name as the table showed them). */
export interface AddedValue {
  cell: string;
  value: PlanValue;
  text: string;
  unit: { code: string; name: string };
}

/** A column the user added to the results table: its header, and its values by unit (unitKey of the row's code and name). */
export interface AddedColumn {
  header: string;
  values: Map<string, AddedValue>;
}

/** The last run's results table as `_index` records it (the columns the user added to it left out), when it does. */
function lastTable(previous: IndexSheetState, renamed: Map<string, string>, name: string): CellRange | undefined {
  return recordedRanges(previous, renamed, name, "table")[0];
}

/**
 * The columns the user added to the last run's results table (Excel grows a table when one types
 * right of its last column): each column right of the table `_index` records, one after another,
 * with a header typed in its header row. Their values are read by each row's unit (its code, or
 * its name when it has none: the table's second and third columns), so that they go with their
 * units when the rows are sorted again. `area` is what they took (header and rows).
 */
export function addedColumns(sheet: SheetSnapshot, previous: IndexSheetState, renamed: Map<string, string>, name: string): { columns: AddedColumn[]; area?: CellRange } {
  const table = lastTable(previous, renamed, name);
  if (!table) return { columns: [] };
  const at = (row: number, column: number): CellValue => sheet.values[row - 1]?.[column - 1] ?? null;
  const columns: AddedColumn[] = [];
  let column = table.right + 1;
  for (; ; column++) {
    const header = at(table.top, column);
    if (header === null || header === "") break;
    const values = new Map<string, AddedValue>();
    for (let row = table.top + 1; row <= table.bottom; row++) {
      const v = at(row, column);
      if (v === null || v === "") continue;
      const unit = { code: String(at(row, 2) ?? ""), name: String(at(row, 3) ?? "") };
      values.set(unitKey(unit), { cell: cellAddress(row, column), value: isCellError(v) ? v.error : v, text: shownValue(v), unit });
    }
    columns.push({ header: shownValue(header), values });
  }
  return columns.length > 0 ? { columns, area: { top: table.top, left: table.right + 1, bottom: table.bottom, right: column - 1 } } : { columns };
}

/** A value of an added column that this run does not carry: its unit is not in the results table any more. */
export type DroppedValue = TypedCell & { header: string; unit: { code: string; name: string } };

/**
 * The warning that values typed in columns the user added to the results table were dropped: the
 * run carries each value with its unit (the row's code, or its name), and these units are not in
 * this run's results table (no longer scored, or scored under another code). Each value is named
 * with its unit as the table showed it, its column's header and the cell it was in.
 */
export function droppedValuesMessage(sheet: string, cells: readonly DroppedValue[]): SheetMessage {
  if (cells.length === 1) {
    const c = cells[0]!;
    const unit = unitWithCode(c.unit);
    const at = sheetAddress(sheet, c.cell);
    return {
      sheet,
      vi: `Đơn vị ${unit} không còn trong bảng kết quả nên giá trị ${quoted(c.text)} bạn nhập ở cột ${quoted(c.header)} (ô ${at}) đã bị bỏ. Hãy nhập lại ở nơi khác nếu cần.`,
      en: `${unit} is no longer in the results table, so the value ${quoted(c.text)} you typed in the column ${quoted(c.header)} (cell ${at}) was dropped. Type it again elsewhere if you still need it.`,
    };
  }
  const listed = (column: string, cell: string) =>
    cells.map((c) => `${unitWithCode(c.unit)}, ${column} ${quoted(c.header)}, ${cell} ${sheetAddress(sheet, c.cell)}: ${quoted(c.text)}`).join("; ");
  return {
    sheet,
    vi: `${cells.length} giá trị bạn nhập ở cột thêm vào bảng kết quả đã bị bỏ vì đơn vị của chúng không còn trong bảng kết quả: ${listed("cột", "ô")}. Hãy nhập lại ở nơi khác nếu cần.`,
    en: `${cells.length} values you typed in columns added to the results table were dropped, as their units are no longer in it: ${listed("column", "cell")}. Type them again elsewhere if you still need them.`,
  };
}

/** `text` as an opening is compared: comparableNote, without whitespace (the user may have added or taken out spaces). */
const openingText = (text: string): string => comparableNote(text).replace(/ /g, "");

/**
 * How each of the project's notes in the results table begins ("Không xếp hạng:", "Not ranked:",
 * and for a ranked unit whose form holds no figure, "Phiếu chưa có số liệu nào"): a line that
 * does, whatever its whitespace and case, reads as the project's.
 */
const NOTE_OPENINGS = [
  ...(["vi", "en"] as const).map((lang) => {
    const text = notRankedText("excluded", 0, 0, lang);
    return openingText(text.slice(0, text.indexOf(":") + 1));
  }),
  ...Object.values(NO_FIGURES_NOTES).flatMap((m) => [openingText(m.vi), openingText(m.en)]),
];

function readsAsProjectNote(line: string): boolean {
  return NOTE_OPENINGS.some((o) => openingText(line).startsWith(o)) || isUnitErrorsNote(line);
}

/** What separates a remark typed after the project's note on the same line from it: spaces and dashes, colons, semicolons, commas, full stops. */
const REMARK_SEPARATOR = /^[\s—–\-:;,.]+/u;

/**
 * The project's note at the start of `line` and what the user typed after it on the same line:
 * the note is the one `_index` recorded (`recorded`: the longest start of the line with that hash)
 * or, without a record, a note up to the last ending of a note on errors (unitErrorsNoteEnd). The
 * rest, its leading separators taken out; undefined when the line does not start with such a note.
 */
function afterNote(line: string, recorded: string | undefined): string | undefined {
  if (!readsAsProjectNote(line)) return undefined;
  let end: number | undefined;
  if (recorded !== undefined) {
    for (let i = line.length - 1; i > 0 && end === undefined; i--) {
      if (REMARK_SEPARATOR.test(line.slice(i)) && resultNoteHash(line.slice(0, i)) === recorded) end = i;
    }
  } else end = unitErrorsNoteEnd(line);
  return end === undefined ? undefined : line.slice(end).replace(REMARK_SEPARATOR, "").trim();
}

/**
 * What the user typed in a cell of the note column, as the sheet has it (`value`, `text`), once
 * the project's note is taken out: `recorded` is the hash `_index` keeps of the note the last run
 * wrote there (null: it wrote none; undefined: it kept no record, an earlier version). The
 * project's part is the line of that hash (without a record, the first line that reads as one of
 * the project's notes), or the start of a line that is that note with more typed after it on the
 * same line (afterNote); what else the cell holds is the user's. Undefined when the cell holds the
 * project's note alone; "unclear" when a line reads as the project's note but is not the one
 * recorded (the user changed it): which part is whose cannot be told.
 */
function remarkOf(value: CellValue, text: string, recorded: string | null | undefined): PlanValue | "unclear" | undefined {
  const own = (v: CellValue): PlanValue => (isCellError(v) ? v.error : v);
  if (recorded === null) return own(value);
  if (recorded !== undefined && resultNoteHash(text) === recorded) return undefined;
  const lines = text.split(/\r?\n/);
  let at = recorded !== undefined ? lines.findIndex((l) => resultNoteHash(l) === recorded) : -1;
  let typed: string | undefined;
  if (at < 0) {
    // The note with the user's words after it on its own line.
    at = lines.findIndex((l) => (typed = afterNote(l, recorded)) !== undefined);
  }
  if (at < 0 && recorded === undefined) at = lines.findIndex(readsAsProjectNote);
  if (at < 0) return recorded !== undefined && lines.some(readsAsProjectNote) ? "unclear" : own(value);
  const rest = [...lines.slice(0, at), ...(typed ? [typed] : []), ...lines.slice(at + 1)].join("\n").trim();
  return rest === "" ? undefined : rest;
}

/**
 * The remarks the user typed in the note column (`Ghi chú` or `Note`) of the last run's results
 * table (`sheet` as it is now), the project's note taken out of each cell (remarkOf, by what
 * `_index` records of the notes it wrote), by the unit of their row (unitKey of its code and name):
 * this run writes each after its note on the unit's row, wherever the unit is ranked now. `unclear`
 * names the cells whose text cannot be told from the project's note; `header` is the column's as
 * the table showed it. None when `_index` does not record the table.
 */
export function noteRemarks(
  sheet: SheetSnapshot,
  previous: IndexSheetState,
  renamed: Map<string, string>,
  name: string,
): { remarks: Map<string, AddedValue>; unclear: TypedCell[]; header?: string } {
  const remarks = new Map<string, AddedValue>();
  const unclear: TypedCell[] = [];
  const table = lastTable(previous, renamed, name);
  if (!table) return { remarks, unclear };
  const at = (row: number, column: number): CellValue => sheet.values[row - 1]?.[column - 1] ?? null;
  const headers = [label("note", "vi"), label("note", "en")];
  let column = table.left;
  while (column <= table.right && !headers.includes(String(at(table.top, column) ?? ""))) column++;
  if (column > table.right) return { remarks, unclear };
  for (let row = table.top + 1; row <= table.bottom; row++) {
    const v = at(row, column);
    if (v === null || v === "") continue;
    const unit = { code: String(at(row, 2) ?? ""), name: String(at(row, 3) ?? "") };
    const key = unitKey(unit);
    const text = shownValue(v);
    const recorded = previous.resultNotes === undefined ? undefined : (previous.resultNotes[key] ?? null);
    const remark = remarkOf(v, text, recorded);
    const cell = cellAddress(row, column);
    if (remark === "unclear") unclear.push({ cell, text });
    else if (remark !== undefined) remarks.set(key, { cell, value: remark, text: shownValue(remark), unit });
  }
  return { remarks, unclear, header: String(at(table.top, column)) };
}

/**
 * The warning that cells of the results table's note column hold the project's note changed by
 * the user, so that what they typed cannot be told from the note: the cells get this run's note,
 * and are named with the text they held, so that the remark can be typed again under the note.
 */
export function unclearRemarksMessage(sheet: string, cells: readonly TypedCell[]): SheetMessage {
  // The whole text: what the user typed in it is written over, and nowhere else.
  const listed = cells.map((c) => `${sheetAddress(sheet, c.cell)} ${quoted(c.text, true)}`).join(", ");
  const one = cells.length === 1;
  return {
    sheet,
    vi: `${one ? "Ô" : `${cells.length} ô`} ghi chú trong bảng kết quả có ghi chú của DTI Scorer đã bị sửa nên không tách được phần bạn nhập: ${listed}. ${one ? "Ô này" : "Các ô này"} được ghi lại theo lần chấm này; hãy nhập lại nhận xét của bạn ở dòng dưới ghi chú (Alt+Enter) thay vì sửa chính ghi chú.`,
    en: `${one ? "A cell" : `${cells.length} cells`} of the results table's note column ${one ? "holds" : "hold"} a note of DTI Scorer's that was changed, so what you typed cannot be told from it: ${listed}. ${one ? "It was" : "They were"} written anew by this run; type your remark again on a line under the note (Alt+Enter) rather than changing the note itself.`,
  };
}

/**
 * Where the cells of the last run's results table (`sheet` as it is now) go in this run's (`plan`):
 * each row to the row of its unit (by code, or by name without one: as added columns are carried),
 * the header row to the header row, each column to the column of its header, and the columns the
 * user added to theirs (the table's last, in the same order). A column of the project's is known by
 * its header in this run's language or in the other (`otherHeaders`: this run's own columns'
 * headers in it, in order), so that what the user put on it stays when the language changes. None
 * when `_index` does not record the table, or this run writes none.
 */
export function tableMoves(
  sheet: SheetSnapshot | undefined,
  previous: IndexSheetState | undefined,
  renamed: Map<string, string>,
  plan: OwnedSheetPlan,
  otherHeaders: readonly string[] = [],
): { moves?: TableMoves } {
  if (!sheet || !previous) return {};
  const table = lastTable(previous, renamed, plan.name);
  const written = parsed(plan.tables.map((t) => t.range))[0];
  if (!table || !written) return {};
  const block = plan.blocks.find((b) => b.address === cellAddress(written.top, written.left));
  if (!block) return {};
  const at = (row: number, column: number): CellValue => sheet.values[row - 1]?.[column - 1] ?? null;
  const text = (v: CellValue | undefined) => (v === null || v === undefined ? "" : shownValue(v));
  const headers = (block.values[0] ?? []).map((v) => text(v));
  const { columns: added } = addedColumns(sheet, previous, renamed, plan.name);
  const ownColumns = headers.length - added.length;
  const columns: TableMoves["columns"] = [];
  for (let column = table.left; column <= table.right + added.length; column++) {
    const header = text(at(table.top, column));
    const user = column > table.right;
    const own = headers.slice(0, ownColumns).indexOf(header);
    const other = otherHeaders.slice(0, ownColumns).indexOf(header);
    // The unit's code and name columns, called as the index calls a unit or not (`Mã quốc gia` was `Mã đơn vị`), stay where they are.
    const place = column - table.left;
    const unitColumn = (place === 1 || place === 2) && isUnitHeaders(at(table.top, table.left + 1), at(table.top, table.left + 2)) && isUnitHeaders(headers[1], headers[2]) ? place : -1;
    const index = user ? ownColumns + (column - table.right - 1) : own >= 0 ? own : other >= 0 ? other : unitColumn;
    const to = index >= 0 ? written.left + index : undefined;
    columns.push({ from: column, ...(to !== undefined ? { to } : {}), header, ...(user ? { added: true } : {}) });
  }
  const rowOf = new Map<string, number>();
  block.values.slice(1).forEach((line, i) => rowOf.set(unitKey({ code: text(line[1]), name: text(line[2]) }), written.top + 1 + i));
  const rows: TableMoves["rows"] = [{ from: table.top, to: written.top }];
  for (let row = table.top + 1; row <= table.bottom; row++) {
    const unit = { code: text(at(row, 2)), name: text(at(row, 3)) };
    const to = rowOf.get(unitKey(unit));
    rows.push({ from: row, ...(to !== undefined ? { to } : {}), unit });
  }
  return { moves: { rows, columns } };
}

/**
 * What the user typed on the last run's table rows right of the table but not in it (in a column
 * without a header: not one Excel added to the table, nor a block of the user's own), on rows whose unit this run writes on
 * another row (`moves`, tableMoves): such cells stay where they are while the units move, so they no
 * longer sit beside their unit. Cells this run writes over are left out (said as overwritten).
 */
export function strandedBeside(sheet: SheetSnapshot, previous: IndexSheetState, renamed: Map<string, string>, plan: OwnedSheetPlan, moves: TableMoves | undefined): TypedCell[] {
  const table = lastTable(previous, renamed, plan.name);
  if (!table || !moves) return [];
  const moving = new Set(moves.rows.filter((r) => r.unit !== undefined && r.to !== r.from).map((r) => r.from));
  if (moving.size === 0) return [];
  const right = addedColumns(sheet, previous, renamed, plan.name).area?.right ?? table.right;
  const written = writtenArea(plan);
  const blank = (v: CellValue | undefined) => v === null || v === undefined || v === "";
  // A column with a header of its own in the table's header row is a block of the user's beside the
  // table ("Tổng hợp" over a COUNTA), not lines written per unit: left alone.
  const headed = sheet.values[table.top - 1] ?? [];
  const cells: TypedCell[] = [];
  for (let row = table.top + 1; row <= table.bottom; row++) {
    if (!moving.has(row)) continue;
    const line = sheet.values[row - 1] ?? [];
    for (let column = right + 1; column <= line.length; column++) {
      const v = line[column - 1];
      if (blank(v) || !blank(headed[column - 1]) || inside(written, row, column)) continue;
      cells.push({ cell: cellAddress(row, column), text: shownValue(v) });
    }
  }
  return cells;
}

/** Up to three cells by their text, and how many more, in each language ("B24 "Ghi chú", C24 "…" và 2 ô khác"). */
export function firstCellsListed(cells: readonly TypedCell[]): { vi: string; en: string } {
  const shown = cells.slice(0, 3).map((c) => `${c.cell} ${quoted(c.text)}`).join(", ");
  const more = cells.length - 3;
  return { vi: `${shown}${more > 0 ? ` và ${more} ô khác` : ""}`, en: `${shown}${more > 0 ? ` and ${more} more` : ""}` };
}

/** The warning naming what strandedBeside found: up to three cells by their text, how many in all, and where to type instead. */
export function strandedBesideMessage(sheet: string, cells: readonly TypedCell[], tableRight: string): SheetMessage {
  const listed = firstCellsListed(cells);
  return {
    sheet,
    vi: `Trang '${sheet}': ${cells.length} ô bạn nhập bên phải bảng kết quả, trên các dòng của bảng nhưng ngoài bảng, giữ nguyên chỗ trong khi các đơn vị được sắp lại theo thứ hạng mới, nên có thể không còn cùng dòng với đơn vị của chúng: ${listed.vi}. Để những gì ghi theo từng đơn vị đi theo đơn vị, hãy nhập vào cột ngay bên phải bảng (cột ${tableRight}, với tiêu đề ở dòng tiêu đề của bảng).`,
    en: `Sheet '${sheet}': ${cells.length} ${cells.length === 1 ? "cell" : "cells"} you typed right of the results table, on its rows but outside it, ${cells.length === 1 ? "stays" : "stay"} where ${cells.length === 1 ? "it is" : "they are"} while the units are sorted again by their new ranks, so ${cells.length === 1 ? "it" : "they"} may no longer sit beside ${cells.length === 1 ? "its" : "their"} unit: ${listed.en}. For what you write per unit to go with its unit, type it in the column right beside the table (column ${tableRight}, with a header in the table's header row).`,
  };
}

/**
 * The unit on each row (1-based) of the table a run writes on an owned sheet/**
 * The unit on each row (1-based) of the table a run writes on an owned sheet (its first table: the
 * code in its second column, the name in its third), as tableMoves reads them.
 */
export function unitsOnRows(plan: OwnedSheetPlan): Map<number, { code: string; name: string }> {
  const units = new Map<number, { code: string; name: string }>();
  const written = parsed(plan.tables.map((t) => t.range))[0];
  const block = written && plan.blocks.find((b) => b.address === cellAddress(written.top, written.left));
  if (!written || !block) return units;
  const text = (v: CellValue | undefined) => (v === null || v === undefined ? "" : shownValue(v));
  block.values.slice(1).forEach((line, i) => units.set(written.top + 1 + i, { code: text(line[1]), name: text(line[2]) }));
  return units;
}

/** A note the user put on a cell of the results sheet that a re-score writes anew. */
export interface CellNote {
  cell: string;
  text: string;
}

/** A note this run does not carry: the unit of its row or its column is not in the results table any more (or, outside it, its cell is written anew: a line under the table, the charts' data). */
export type DroppedNote = CellNote & { unit?: { code: string; name: string }; header?: string; gone: "unit" | "column" | "cell" };

/**
 * Where the notes on the cells a re-score clears (`clear`) go: on the table, with their unit and
 * column (`moves`); above it (the title's lines, written again in place), where they are. The
 * others are dropped: their unit or column is gone, or their cell (a line under the table, the
 * charts' data: a sheet without `moves`) is written anew. The notes outside `clear` stay where they are.
 */
export function movedNotes(notes: readonly CellNote[], clear: readonly string[], moves: TableMoves | undefined): { carried: (CellNote & { to: string })[]; dropped: DroppedNote[] } {
  const cleared = parsed([...clear]);
  const carried: (CellNote & { to: string })[] = [];
  const dropped: DroppedNote[] = [];
  const top = moves?.rows[0]?.from ?? RESULTS_HEADER_ROW;
  for (const note of notes) {
    const { row, column } = parseCell(note.cell.replace(/\$/g, ""));
    if (!inside(cleared, row, column)) continue;
    if (row < top) {
      carried.push({ ...note, to: cellAddress(row, column) });
      continue;
    }
    const r = moves?.rows.find((x) => x.from === row);
    const c = moves?.columns.find((x) => x.from === column);
    if (!r || !c) dropped.push({ ...note, gone: "cell" });
    else if (r.to === undefined) dropped.push({ ...note, ...(r.unit ? { unit: r.unit } : {}), header: c.header, gone: "unit" });
    else if (c.to === undefined) dropped.push({ ...note, ...(r.unit ? { unit: r.unit } : {}), header: c.header, gone: "column" });
    else carried.push({ ...note, to: cellAddress(r.to, c.to) });
  }
  return { carried, dropped };
}

/**
 * One note or threaded comment a run does not carry, in a warning: its cell, its unit and column
 * when it was on the table, and why (DroppedNote.gone), followed by `text` (the note's or the
 * thread's words, as the caller quotes them). The notes' warning and the threads' share it.
 */
export function droppedItem(sheet: string, n: DroppedNote, lang: "vi" | "en", text: string): string {
  const at = sheetAddress(sheet, n.cell);
  const unit = n.unit ? unitWithCode(n.unit) : undefined;
  const column = n.header !== undefined ? quoted(n.header) : undefined;
  const where =
    lang === "vi"
      ? [`ô ${at}`, ...(unit ? [`đơn vị ${unit}`] : []), ...(column ? [`cột ${column}`] : [])].join(", ")
      : [`cell ${at}`, ...(unit ? [unit] : []), ...(column ? [`column ${column}`] : [])].join(", ");
  const why =
    lang === "vi"
      ? { unit: "đơn vị không còn trong bảng kết quả", column: "cột không còn trong bảng kết quả", cell: "ô được ghi lại" }[n.gone]
      : { unit: "the unit is no longer in the results table", column: "the column is no longer in the results table", cell: "the cell is written anew" }[n.gone];
  return `${where} (${why}): ${text}`;
}

/**
 * The warning that notes the user put on cells of the results sheet were not carried: each named
 * with its cell, its unit and column when it was on the table, why, and its text, so that it can
 * be put back elsewhere.
 */
export function droppedNotesMessage(sheet: string, notes: readonly DroppedNote[]): SheetMessage {
  const item = (n: DroppedNote, lang: "vi" | "en") => droppedItem(sheet, n, lang, quoted(n.text));
  const one = notes.length === 1;
  return {
    sheet,
    vi: `${one ? "Ghi chú (note)" : `${notes.length} ghi chú (note)`} bạn đặt trên trang '${sheet}' đã bị bỏ khi chấm lại: ${notes.map((n) => item(n, "vi")).join("; ")}. Hãy thêm lại ở nơi khác nếu cần.`,
    en: `${one ? "A note" : `${notes.length} notes`} you put on the sheet '${sheet}' ${one ? "was" : "were"} dropped by this run: ${notes.map((n) => item(n, "en")).join("; ")}. Add ${one ? "it" : "them"} again elsewhere if you still need ${one ? "it" : "them"}.`,
  };
}
