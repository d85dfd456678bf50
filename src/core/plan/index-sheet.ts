/**
 * The hidden `_index` sheet: what a later run (or another host) needs to know about the last
 * one — the definition, what the project owns, the marks it set, and the provenance stamp.
 * Stored as key/value rows of plain text so that any spreadsheet program keeps it intact.
 */
import { quoteSheet, sheetAddress, splitSheet } from "../a1";
import { atStoredPrecision, canonicalJson, sha256 } from "../hash";
import { type HeaderBlock, findTableHeader, readHeaderBlock } from "../read/layout-a";
import { hostDate } from "../read/messages";
import { isBlank, keyText } from "../read/sheet";
import { unitKeyOf } from "../read/unit-fields";
import { type Lang, type Message, normalizeText } from "../i18n/text";
import type { IndexModel } from "../definition/model";
import type { LocalizedText } from "../definition/schema";
import { isCrossUnit } from "../score/rules";
import type { CellBlock, CellValue, OwnedSheetPlan, PlanValue, ProvenanceStamp, SheetSnapshot, Submission, WorkbookSnapshot } from "../types";
import { isCellError } from "../types";
import { cellAddress, parseCell, parseRange, rangeAddress } from "./a1";
import { INDEX_FORMAT, INDEX_SHEET, formInputsChangedText, formOthersChangedText, formulaText } from "./labels";

/** Excel holds at most 32,767 characters in a cell; the definition is split below that. */
export const DEFINITION_CHUNK = 30000;

/** The roles of the cells `_index` records as the project's (OwnedCellRole). */
const OWNED_CELL_ROLES = ["score", "header", "summary", "notes", "table", "status", "chartData", "formStatus", "formNotScored", "formRounding"] as const;

/**
 * What the project wrote into a sheet it does not own (the `Điểm` header and column, the
 * summary, and the line under the summary that says when the unit's figures were changed since
 * scoring: "formStatus"; under them, the line that says points are shown rounded, where they do
 * not add up as shown: "formRounding"; on a form left out of the scoring, the line that says why:
 * "formNotScored"), and on its results sheet the range its table took, header and rows
 * ("table"), the lines below the table (that points are shown rounded, what was not scored:
 * "notes") and the cell that
 * says when the figures were changed since scoring ("status": the subtitle's cell, A2; earlier
 * versions put it on the title's row), and on its charts sheet the charts' data, its heading and
 * the blocks under it ("chartData"; absent in an `_index` of an earlier version, which rewrote the
 * whole sheet): a later run knows them for its own and takes anything else on the results or
 * charts sheet for what the user typed there.
 */
export type OwnedCellRole = (typeof OWNED_CELL_ROLES)[number];

export interface OwnedCells {
  sheet: string;
  role: OwnedCellRole;
  /**
   * A1 ranges on `sheet` when the run wrote them. Rows or columns the user inserts since move the
   * cells, so a later run takes them as hints and finds its cells by their content (planSheetEdits).
   */
  ranges: string[];
}

export interface RecordedMark {
  sheet: string;
  /** The cell when it was marked; a later run finds the mark by its note wherever it moved (locateMarks). */
  cell: string;
  /** The cell's fill before the project marked it (as the host reported it); absent = no fill. */
  fill?: string;
}

export interface IndexSheetState {
  definitionJson?: string;
  owned: {
    sheets: string[];
    /** `title`: the title the project last wrote on the chart (absent in an earlier version's `_index`). */
    charts: { sheet: string; name: string; title?: string }[];
    cells: OwnedCells[];
    /**
     * The sheet each unit's form was read from (unit key → sheet), for the units whose sheet the
     * project wrote into: a later run finds its cells there after the user renames the sheet.
     */
    forms?: { unit: string; sheet: string }[];
  };
  marks: RecordedMark[];
  provenance?: ProvenanceStamp;
  /**
   * What each scored unit's figures were when it was scored, copied from its form or its row
   * (written only: a later run makes them anew). With them `_index` holds one formula a unit that
   * compares the copy with the cells now, so that the workbook itself tells, in any spreadsheet
   * program, that figures were changed since (inputsChangedCount).
   */
  inputCopies?: InputCopy[];
  /**
   * The note the results table wrote in its note column (`Ghi chú`) for each unit, as a hash
   * (resultNoteHash) by unit key; a unit it wrote no note for is not listed. Absent when the last
   * run did not record them (an earlier version). A later run knows by it which part of such a
   * cell is the project's, and carries the rest, which the user typed, with its unit (noteRemarks).
   */
  resultNotes?: Record<string, string>;
  /**
   * The assessment period (`Kỳ đánh giá`) each scored unit's form gave when it was scored, by unit
   * key, as periodText reads it ("" for a blank one); a unit whose form has no period cell, or read
   * from a table of units, is not listed. Absent when the last scoring did not record them (an
   * earlier version): a period changed since is then not known, never taken for a change.
   */
  periods?: Record<string, string>;
  /**
   * The appraised figures the last scoring warned about ("appraised-over-new-figure",
   * "appraised-from-last-period"), one a cell: a later run says them again while they hold (the
   * appraised figure still what it was), although the copies of that scoring (inputCopies) then
   * hold the new figure or the new period. Absent when the last scoring warned about none, or did
   * not record them (an earlier version): nothing is then said again.
   */
  appraised?: AppraisedRecord[];
}

/**
 * One appraised figure (a `Số liệu thẩm định` cell) a scoring run warned about, as `_index`
 * records it: `kind` "figure", a new figure in `Số liệu` beside it that it overrides (`other`: that
 * figure's text then); "period", kept from a scoring under another period (`other`: that period,
 * "" for none). The texts are the cells' as the flags compare them (`cell&""`).
 */
export interface AppraisedRecord {
  kind: "figure" | "period";
  unit: string;
  /** The input read from it. */
  node: string;
  sheet: string;
  /** The `Số liệu thẩm định` cell then (A1). */
  cell: string;
  /** What it held then. */
  appraised: string;
  other: string;
  /** When the scoring it dates from was made (ISO): the one the sentences name. */
  since: string;
}

/** The key of `_index`'s rows that record each unit's period as scored (IndexSheetState.periods): one row a unit. */
const PERIOD_KEY = "period";

/** The key of `_index`'s rows that record the appraised figures warned about (IndexSheetState.appraised): one row a cell. */
const APPRAISED_KEY = "appraised";

/**
 * A form's `Kỳ đánh giá` cell as the titles and the period warnings compare it (formPeriods in
 * read/periods.ts), `_index` records it and Collect reads it (detectLayoutA): the one reading of a
 * period cell. Its text as the reader keeps it (keyText), trimmed; "" when blank. A date cell,
 * which both hosts give as ISO text ("2024-12-31", "2024-12-31T10:30:00"), is the day as the cell
 * and Vietnamese show it, whatever the language of the run: "31/12/2024", with the time of day
 * when it is not midnight ("31/12/2024 10:30"); a number typed into a cell formatted as a date is
 * the day it shows (2024: "16/07/1905", said by "period-number-as-date"). The period is recorded
 * in `_index` and compared across runs in either language, so it is one text.
 */
export function periodText(v: CellValue | undefined): string {
  if (v === undefined || isBlank(v)) return "";
  const text = keyText(v).trim();
  return typeof v === "string" ? (hostDate(text)?.shown.vi ?? text) : text;
}

/** The keys of `_index`'s rows that record the results table's notes: the marker, then one row a unit with a note. */
const RESULT_NOTES_KEY = "resultNotes";
const RESULT_NOTE_KEY = "resultNote";

/** The hash `_index` records of a note the results table wrote (IndexSheetState.resultNotes). */
export function resultNoteHash(note: string): string {
  return sha256(note);
}

/** A rectangle of cells a unit's figures were read from, and what it held then. */
export interface CopiedRange {
  /** Its top-left cell on the unit's sheet, or on `sheet` (A1). */
  address: string;
  values: PlanValue[][];
  /**
   * Another sheet than the unit's, when the range is there: the unit code (or name) cell of a form
   * left unscored because its unit is the scored form's (a duplicate unit code). Fixing that code
   * makes another unit to score; a sheet deleted since changes nothing (the form was not scored).
   */
  sheet?: string;
  /**
   * The copy says only whether each cell has something in it (1) or not (empty), not what: the
   * `Minh chứng` column, whose text changes no finding (unitInputHashes hashes which indicators
   * have evidence), and a copy of whose text would make `_index` as large again as the forms.
   */
  filled?: boolean;
}

export interface InputCopy {
  unit: string;
  sheet: string;
  ranges: CopiedRange[];
  /**
   * The period its form gave (periodText of its `Kỳ đánh giá` cell, whose range is among `ranges`),
   * when it has that cell: recorded in `_index` beside the copies (IndexSheetState.periods). Not
   * read back with the copies.
   */
  period?: string;
}

/** The key a unit is known by in hashes and issue counts: its code, or its name when it has none. */
export function unitKey(s: { code: string; name: string }): string {
  return s.code.trim() !== "" ? s.code : s.name;
}

/** What a unit's figures bring to scoring: the whole hash of the first scheme. */
function figuresOf(s: Submission): Record<string, unknown> {
  return { values: s.values, notApplicable: [...s.notApplicable].sort(), category: s.category ?? null, name: s.name };
}

/**
 * The indicators hashed as having evidence (null without a `Minh chứng` column): from the fourth
 * scheme, those whose cells hold evidence as the reader tells it, so that "Không có" typed over
 * with "QĐ 12" (an "evidence-missing" gone) is a change, and "Không có" typed into a blank cell
 * is none; before it, every indicator whose cells hold anything at all (`noEvidence` too), as the
 * versions of those schemes read "Không có", "x" or "-" for evidence.
 */
function evidencedOf(s: Submission, scheme: number): string[] | null {
  if (s.evidence === undefined) return null;
  const evidenced = Object.keys(s.evidence).filter((k) => (s.evidence?.[k] ?? "").trim() !== "");
  return (scheme >= 4 ? evidenced : [...new Set([...evidenced, ...(s.noEvidence ?? [])])]).sort();
}

/**
 * sha256 of what each submission brings to scoring, by unit key: its values and not-applicable
 * answers, its category (which changes what applies to it and whom it is ranked with), its name
 * (which the results show), and what else it typed that changes the findings: which indicators
 * have evidence (`Minh chứng`: "evidence-missing", its mark and the warning counts; null without
 * the column, which is then not checked: evidencedOf) and its self scores (`Tự chấm`:
 * "self-score-differs"). The evidence's text changes no finding: only whether it is evidence is
 * hashed. Both are in every hash, empty or not, so that no hash equals one of the first scheme
 * (legacyUnitHash).
 */
export function unitInputHashes(submissions: Submission[], scheme = UNIT_HASH_SCHEME): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of submissions) {
    const evidenced = evidencedOf(s, scheme);
    // Self scores of "not applicable" are hashed only when there are some (and not in the scheme
    // before them): a hash stays what it was for every unit that has none.
    const selfNA = scheme >= 2 && s.selfNotApplicable && s.selfNotApplicable.length > 0 ? { selfNotApplicable: [...s.selfNotApplicable].sort() } : {};
    // From the third scheme (the fourth too), numbers at the 15 digits a workbook keeps them at
    // (atStoredPrecision): a figure such as =2/3 saved again by LibreOffice is not a change.
    const figures = figuresOf(s);
    const selfScores = s.selfScores ?? {};
    const hashed =
      scheme >= 3
        ? { ...figures, values: storedPrecisionOf(s.values), evidenced, selfScores: storedPrecisionOf(selfScores), ...selfNA }
        : { ...figures, evidenced, selfScores, ...selfNA };
    out[unitKey(s)] = sha256(canonicalJson(hashed));
  }
  return out;
}

/** A unit's figures with each number at the precision a workbook keeps it (atStoredPrecision). */
function storedPrecisionOf<T extends string | number | boolean>(figures: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, typeof v === "number" ? atStoredPrecision(v) : v])) as Record<string, T>;
}

/**
 * The unit hash scheme this version writes (ProvenanceStamp.unitHashScheme): 2, "not applicable"
 * self scores hashed; 3, numbers hashed at 15 significant digits; 4, evidence hashed as the reader
 * tells it ("Không có", "x", "-" are none: evidencedOf).
 */
export const UNIT_HASH_SCHEME = 4;

/**
 * Whether `hash`, recorded for unit `s` in `state`, is the unit's hash now: by this version's scheme,
 * or, in a workbook scored before it, by the scheme of its version: the third (every `Minh chứng`
 * cell with something in it taken for evidence), the second (numbers at full precision too), or
 * before that one without "not applicable" self scores, or the first (legacyUnitHash).
 */
export function unitHashMatches(state: IndexSheetState, s: Submission, hash: string, now = unitInputHashes([s])[unitKey(s)]): boolean {
  if (hash === now) return true;
  const recorded = state.provenance?.unitHashScheme ?? 1;
  if (recorded >= UNIT_HASH_SCHEME) return false;
  if (recorded === 3 || recorded === 2) return hash === unitInputHashes([s], recorded)[unitKey(s)];
  return hash === unitInputHashes([s], 1)[unitKey(s)] || hash === legacyUnitHash(s);
}

/**
 * The hash the first scheme gave a unit (figures, N/A, category and name only): a workbook scored
 * before evidence and self scores were hashed is not stale for that alone. Its hashes stand until
 * the next scoring, so evidence or self scores changed before then go unnoticed, as they did.
 */
function legacyUnitHash(s: Submission): string {
  return sha256(canonicalJson(figuresOf(s)));
}

/** One hash over every unit's inputs. */
export function inputsHash(submissions: Submission[], unitHashes: Record<string, string> = unitInputHashes(submissions)): string {
  return sha256(canonicalJson(unitHashes));
}

/** Which units changed, appeared or disappeared since the workbook was scored. */
export function staleUnits(
  state: IndexSheetState,
  submissions: Submission[],
): { changed: string[]; added: string[]; removed: string[] } {
  const before = state.provenance?.unitHashes ?? {};
  const now = unitInputHashes(submissions);
  const byKey = new Map(submissions.map((s) => [unitKey(s), s]));
  const changed: string[] = [];
  const added: string[] = [];
  for (const [unit, hash] of Object.entries(now)) {
    const old = before[unit];
    const s = byKey.get(unit);
    if (old === undefined) added.push(unit);
    else if (old !== hash && !(s !== undefined && unitHashMatches(state, s, old, hash))) changed.push(unit);
  }
  const removed = Object.keys(before).filter((u) => !(u in now));
  return { changed, added, removed };
}

/**
 * A period cell's value as the flag formula sees it (`cell&""`): a date cell, which the hosts give
 * as ISO text ("2024-12-31"), is the number Excel keeps for it, in the workbook's date system
 * (45657), so that a form whose period is a date is not flagged as changed as soon as it is scored;
 * any other value is itself. Only the period cell: the copies of figure cells are read back and
 * compared with the cells as the hosts give them (copiedFigures in stale.ts).
 */
function flaggedPeriod(v: CellValue | undefined, date1904: boolean): CellValue | undefined {
  if (typeof v !== "string") return v;
  return hostDate(v, date1904)?.serial ?? v;
}

/** A cell's value as the copy keeps it; undefined for an error (a cell that shows one cannot be compared). */
function copiedValue(v: CellValue | undefined): PlanValue | undefined {
  if (v === undefined || v === null) return null;
  if (isCellError(v)) return undefined;
  return v;
}

/**
 * The runs of a line of cells (a column of rows, or a row of columns) that hold no error: each is
 * one rectangle of the copy. A cell that shows an error (#DIV/0!) would make the comparison an
 * error, and every later opening would say the figures changed.
 */
function runs(cells: { row: number; column: number; value: CellValue | undefined }[]): CopiedRange[] {
  const out: CopiedRange[] = [];
  let current: { row: number; column: number; values: PlanValue[] }[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const first = current[0]!;
    const vertical = current.length > 1 && current[1]!.row !== first.row;
    const values = current.map((c) => c.values[0]!);
    out.push({ address: cellAddress(first.row, first.column), values: vertical ? values.map((v) => [v]) : [values] });
    current = [];
  };
  for (const c of cells) {
    const v = copiedValue(c.value);
    if (v === undefined) flush();
    else current.push({ row: c.row, column: c.column, values: [v] });
  }
  flush();
  return out;
}

/**
 * Whether a cell has something in it as the flag formula sees it (LEN(TRIM(cell))>0: Excel's and
 * LibreOffice's TRIM take away spaces only): 1, or null for none; an error stays one (runs). A
 * copy made otherwise would differ from the form as soon as a cell holds a line break alone.
 */
function filledValue(v: CellValue | undefined): CellValue {
  if (v === undefined || v === null) return null;
  if (isCellError(v)) return v;
  return typeof v === "string" && v.replace(/ /g, "") === "" ? null : 1;
}

/** The unit key a form's header block gives, as the reader makes it (buildSubmission): its code, else its name, else its sheet's. */
function formUnitKey(sheet: SheetSnapshot, block: HeaderBlock): string {
  const code = block.code && !isBlank(block.code.value) ? keyText(block.code.value) : "";
  const name = block.name && !isBlank(block.name.value) ? keyText(block.name.value) : "";
  return unitKeyOf(code || name || normalizeText(sheet.name));
}

/** The cells of A1 addresses, leaving out any that is not one. */
function parsedCells(addresses: string[]): { row: number; column: number }[] {
  return addresses.flatMap((a) => {
    try {
      return [parseCell(a)];
    } catch {
      return [];
    }
  });
}

/**
 * The cells each scored unit's figures were read from, with what they hold now (before the run
 * writes anything): on a form (layout A) the `Số liệu` and `Số liệu thẩm định` columns over the
 * table's input rows, then the category, the unit name and the unit code cells of the header
 * block (`Nhóm`, `Đơn vị`, `Mã đơn vị`: the results show the name, and `validate` says a unit
 * changed, went or came when one of them does) and its period (`Kỳ đánh giá`, the titles name it;
 * a date as the number the cell keeps: flaggedPeriod), the `Tự chấm` column over the table's rows
 * (self scores are hashed: "self-score-differs"), and whether each `Minh chứng` cell over them
 * has something in it (`filled`: which indicators have evidence is hashed, not its text); in a
 * table (layout B) the unit's row across its input columns, and its code, name and category
 * cells (adjacent columns make one range). A form left unscored because its unit
 * code is a scored unit's (a duplicate) adds its code cell to that unit's copy (its name cell
 * when it has no code): fixing it, as the results sheet's note asks, makes a unit to score. Units
 * read from a CSV file are copied from the sheet the file becomes in the scored workbook.
 */
export function inputCopies(submissions: Submission[], snapshot: WorkbookSnapshot | undefined): InputCopy[] {
  if (!snapshot) return [];
  const out: InputCopy[] = [];
  for (const s of submissions) {
    const src = s.source;
    if (!src) continue;
    const sheet = snapshot.sheets.find((x) => x.name === src.sheet);
    if (!sheet) continue;
    const at = (row: number, column: number) => sheet.values[row - 1]?.[column - 1];
    const cells = parsedCells(Object.values(src.cells ?? {}));
    if (cells.length === 0) continue;
    const ranges: CopiedRange[] = [];
    let period: string | undefined;
    if (src.layout === "A") {
      const header = findTableHeader(sheet);
      if (!header) continue;
      const first = Math.min(...cells.map((c) => c.row));
      const last = Math.max(...cells.map((c) => c.row));
      const columns = [header.cols.value, header.cols.appraised].filter((c): c is number => c !== undefined).map((c) => c + 1);
      for (const column of columns) {
        const line = Array.from({ length: last - first + 1 }, (_, i) => ({ row: first + i, column, value: at(first + i, column) }));
        ranges.push(...runs(line));
      }
      // The category cell, the unit's name, its code, then its period (a workbook scored before
      // the name, the code or the period was copied has no range for it): the results' title, its
      // printed headers and the charts' titles name the period the forms give.
      const block = readHeaderBlock(sheet, header);
      for (const field of [block.category, block.name, block.code, block.period]) {
        if (!field) continue;
        const { row, column } = parseCell(field.address);
        const value = at(row, column);
        ranges.push(...runs([{ row, column, value: field === block.period ? flaggedPeriod(value, snapshot.date1904 === true) : value }]));
      }
      // The period as the reader gives it (a date cell shown as a year or a month is that year or month: datePartCells).
      if (block.period) period = periodText(block.period.value);
      // Self scores and evidence over every row of the table read (groups and indicators have them too).
      const tableRows = Object.values(src.rows ?? {}).filter((r) => Number.isInteger(r) && r > 0);
      const top = Math.min(first, ...tableRows);
      const bottom = Math.max(last, ...tableRows);
      const span = (column: number, value: (v: CellValue | undefined) => CellValue | undefined) =>
        runs(Array.from({ length: bottom - top + 1 }, (_, i) => ({ row: top + i, column, value: value(at(top + i, column)) })));
      if (header.cols.self !== undefined) ranges.push(...span(header.cols.self + 1, (v) => v));
      if (header.cols.evidence !== undefined) ranges.push(...span(header.cols.evidence + 1, filledValue).map((r) => ({ ...r, filled: true })));
    } else {
      // The row across its input columns, and its code, name and category cells (the results show
      // the name, the category changes what applies and whom the unit is ranked with, and the
      // code is the unit): runs of adjacent columns, each a range.
      const row = cells[0]!.row;
      const left = Math.min(...cells.map((c) => c.column));
      const right = Math.max(...cells.map((c) => c.column));
      const own = parsedCells(Object.values(src.unitCells ?? {})).filter((c) => c.row === row).map((c) => c.column);
      const columns = [...new Set([...Array.from({ length: right - left + 1 }, (_, i) => left + i), ...own])].sort((a, b) => a - b);
      let from = 0;
      columns.forEach((column, i) => {
        if (i + 1 < columns.length && columns[i + 1] === column + 1) return;
        ranges.push(...runs(columns.slice(from, i + 1).map((c) => ({ row, column: c, value: at(row, c) }))));
        from = i + 1;
      });
    }
    if (ranges.length > 0) out.push({ unit: unitKey(s), sheet: sheet.name, ranges, ...(period !== undefined ? { period } : {}) });
  }
  addUnscoredDuplicates(out, submissions, snapshot);
  return out;
}

/**
 * The code cell (the name cell, without a code) of each form left unscored because its unit's key
 * is a scored unit's, added to that unit's copy as a range on the form's sheet. Such a form is
 * found as the reader finds forms (a table header, then the header block) on a sheet no
 * submission was read from.
 */
function addUnscoredDuplicates(copies: InputCopy[], submissions: Submission[], snapshot: WorkbookSnapshot): void {
  if (copies.length === 0) return;
  const byKey = new Map(copies.map((c) => [unitKeyOf(c.unit), c]));
  const read = new Set(submissions.flatMap((s) => (s.source && s.source.file === undefined ? [s.source.sheet] : [])));
  for (const sheet of snapshot.sheets) {
    if (sheet.csvFile !== undefined || read.has(sheet.name) || sheet.name === INDEX_SHEET) continue;
    const header = findTableHeader(sheet);
    if (!header) continue;
    const block = readHeaderBlock(sheet, header);
    const copy = byKey.get(formUnitKey(sheet, block));
    if (!copy) continue;
    const noCode = !block.code || isBlank(block.code.value);
    for (const field of noCode ? [block.code, block.name] : [block.code]) {
      if (!field) continue;
      const { row, column } = parseCell(field.address);
      copy.ranges.push(...runs([{ row, column, value: sheet.values[row - 1]?.[column - 1] }]).map((r) => ({ ...r, sheet: sheet.name })));
    }
  }
}

/** The key of the rows of `_index` that hold a unit's changed-figures flag. */
const INPUTS_KEY = "inputs";
/** The column of `_index` the flags are in, and where the copies start (column A stays free: readIndexSheet reads keys there). */
const FLAG_COLUMN = 3;
const COPY_COLUMN = 2;

/** Text that Excel, given it as a cell's value, would take for a number, a date, a truth value, an error or a formula. */
function readAsOther(v: PlanValue): boolean {
  return typeof v === "string" && (/\d/.test(v) || /^\s*[-+=@#]/.test(v) || /^\s*(true|false|đúng|sai)\s*$/i.test(v));
}

/** The blocks of `_index` that hold its keyed rows (column A), not the copies of the figures. */
function isKeyedBlock(b: CellBlock): boolean {
  return /^A\d+$/.test(b.address);
}

/** The prefix of a range's place in an `inputs` row when its copy says only which cells are filled (CopiedRange.filled). */
const FILLED_PREFIX = "filled:";

/** Where a range is, as an `inputs` row of `_index` keeps it: "D8", "filled:G9", "'Đài PT-TH'!B2". */
function placeText(r: CopiedRange): string {
  return `${r.filled ? FILLED_PREFIX : ""}${r.sheet !== undefined ? sheetAddress(r.sheet, r.address) : r.address}`;
}

/** placeText read back; undefined when it is not one. */
function placeOf(text: string): { address: string; sheet?: string; filled?: boolean } | undefined {
  const filled = text.startsWith(FILLED_PREFIX);
  const { sheet, local } = splitSheet(filled ? text.slice(FILLED_PREFIX.length) : text);
  try {
    parseCell(local);
  } catch {
    return undefined;
  }
  if (sheet === "") return undefined;
  return { address: local, ...(sheet !== undefined ? { sheet } : {}), ...(filled ? { filled } : {}) };
}

/**
 * The copies of the units' figures and their flags, from row `top` of `_index` on: one keyed row
 * per unit (`inputs`, the unit, its flag, its sheet), then the copies below them. A unit's flag is
 * 0 while its cells hold what the copy holds; otherwise, or when its form's rows were inserted or
 * deleted (the ranges no longer match in size) or its sheet was deleted, 1 or more. Values are
 * compared as text, so that a number read back as text, or text as a number, is not a change, and
 * with their case (EXACT: `<>` ignores it, and a unit code recased, "so-tc" to "SO-TC", is another
 * unit; a name recased changes what the results show); a `filled` copy is compared by whether
 * each cell has something in it. A range on another sheet (an unscored duplicate's code) counts
 * when it differs, and not when that sheet is gone.
 */
function planInputCopies(copies: InputCopy[], top: number): CellBlock[] {
  if (copies.length === 0) return [];
  const flags: PlanValue[][] = [];
  const flagFormulas: (string | null)[][] = [];
  const grid: PlanValue[][] = [];
  let row = top + copies.length + 1;
  for (const copy of copies) {
    let column = COPY_COLUMN;
    let height = 1;
    const terms: string[] = [];
    const elsewhere: string[] = [];
    const places: string[] = [];
    for (const r of copy.ranges) {
      const h = r.values.length;
      const w = Math.max(1, ...r.values.map((line) => line.length));
      const { row: fr, column: fc } = parseCell(r.address);
      const there = `${quoteSheet(r.sheet ?? copy.sheet)}!${rangeAddress(fr, fc, fr + h - 1, fc + w - 1)}`;
      const here = rangeAddress(row, column, row + h - 1, column + w - 1);
      places.push(here);
      (r.sheet !== undefined && r.sheet !== copy.sheet ? elsewhere : terms).push(
        r.filled ? `SUMPRODUCT(--((LEN(TRIM(${there}))>0)<>(LEN(${here})>0)))` : `SUMPRODUCT(1-EXACT((${there})&"",(${here})&""))`,
      );
      for (let i = 0; i < h; i++) {
        const line = (grid[row - (top + copies.length + 1) + i] ??= []);
        for (let j = 0; j < w; j++) line[column - COPY_COLUMN + j] = r.values[i]?.[j] ?? null;
      }
      column += w;
      height = Math.max(height, h);
    }
    // Where each range is on the unit's sheet and its copy here, so that a run that rewrites
    // `_index` without scoring (marks only) keeps the copies (readIndexSheet).
    flags.push([INPUTS_KEY, copy.unit, null, copy.sheet, ...copy.ranges.flatMap((r, i) => [placeText(r), places[i]!])]);
    const own = terms.length > 0 ? `IFERROR(${terms.join("+")},1)` : "0";
    const formula = elsewhere.length > 0 ? `${own}+IFERROR(${elsewhere.join("+")},0)` : own;
    flagFormulas.push([null, null, `=${formula}`, null]);
    row += height;
  }
  const width = grid.reduce((w, line) => Math.max(w, line.length), 0);
  const copyValues = grid.map((line) => Array.from({ length: width }, (_, j) => line?.[j] ?? null));
  const flagWidth = flags.reduce((w, r) => Math.max(w, r.length), 0);
  const flagValues = flags.map((r) => [...r, ...Array<PlanValue>(flagWidth - r.length).fill(null)]);
  const blocks: CellBlock[] = [
    {
      address: `A${top}`,
      values: flagValues,
      formulas: flagFormulas.map((r) => [...r, ...Array<string | null>(flagWidth - r.length).fill(null)]),
      numberFormat: flagValues.map((r) => r.map((_, j) => (j === FLAG_COLUMN - 1 ? "General" : "@"))),
    },
  ];
  if (width > 0) {
    // Text Excel would read as something else when written (a "05" or "1/2" typed as text, TRUE)
    // is written as text; the other cells keep the sheet's format (a format on each of many
    // thousand cells costs the hosts dearly).
    const asText = copyValues.some((line) => line.some(readAsOther));
    blocks.push({
      address: cellAddress(top + copies.length + 1, COPY_COLUMN),
      values: copyValues,
      ...(asText
        ? {
            numberFormat: copyValues.map((line) => {
              const formats: string[] = new Array<string>(line.length);
              line.forEach((v, j) => {
                if (readAsOther(v)) formats[j] = "@";
              });
              return formats;
            }),
          }
        : {}),
    });
  }
  return blocks;
}

/** `_index` as the lines' formulas name it: quoted, as they always were written. */
const INDEX_REF = `'${INDEX_SHEET.replace(/'/g, "''")}'`;

/**
 * How many units' figures were changed since scoring, as a formula expression for another sheet:
 * the flags of `_index` above 0, wherever its rows are (a check that only marks issues rewrites
 * `_index` with more or fewer rows above them).
 */
export function inputsChangedCount(): string {
  return `COUNTIFS(${INDEX_REF}!$A:$A,"${INPUTS_KEY}",${INDEX_REF}!$C:$C,">0")`;
}

/**
 * Whether one unit's figures were changed since scoring, as a formula expression for another
 * sheet: how many of the `inputs` rows of `_index` (one) whose unit is exactly `unit` have a flag
 * above 0. The rows are found wherever they are (a check that only marks issues rewrites `_index`
 * with more or fewer rows above them: MATCH finds the first, COUNTIFS how many there are, and the
 * comparison runs over those rows only); the unit is compared by EXACT, not by a criterion of
 * COUNTIFS, which ignores case ("so-tc" and "SO-TC" are two units) and takes text that looks like
 * a number for that number ("01" and "1" are two units). 0 when `_index` has no `inputs` row.
 */
export function unitInputsChangedCount(unit: string): string {
  const first = `MATCH("${INPUTS_KEY}",${INDEX_REF}!$A:$A,0)`;
  const last = `${first}+COUNTIFS(${INDEX_REF}!$A:$A,"${INPUTS_KEY}")-1`;
  const rows = (c: string) => `INDEX(${INDEX_REF}!$${c}:$${c},${first}):INDEX(${INDEX_REF}!$${c}:$${c},${last})`;
  return `IFERROR(SUMPRODUCT(EXACT(${rows("B")},${formulaText(unit)})*(${rows("C")}>0)),0)`;
}

/**
 * Whether a unit's points depend on the other units' figures: the index has an indicator whose
 * rule compares units (`relative`, `minmax` with a "data" bound). Its ranks always do.
 */
export function indexComparesUnits(model: IndexModel): boolean {
  return model.indicators.some((code) => {
    const node = model.nodes.get(code);
    return node?.kind === "indicator" && isCrossUnit(node.rule);
  });
}

/**
 * The formula of the line under a form's summary (the unit's key in `_index`: `unit`): empty while
 * no unit's figures changed since the scoring of `scoredAt`; that the unit's own points and rank
 * are out of date while its flag is above 0 (formInputsChangedText); else, while other units' flags
 * are, that its rank (and its points, when the index compares units: `comparesUnits`) may be
 * (formOthersChangedText, the other units called as the index calls them: `unitLabel`). Its size
 * grows with the unit's key alone (and the index's word for a unit, kept short).
 */
export function formInputsChangedFormula(unit: string, scoredAt: Date, lang: Lang, comparesUnits: boolean, unitLabel?: LocalizedText): string {
  const others = formulaText(formOthersChangedText(scoredAt, lang, comparesUnits, unitLabel));
  return `=IF(${unitInputsChangedCount(unit)}=0,IF(${inputsChangedCount()}=0,"",${others}),${formulaText(formInputsChangedText(scoredAt, lang))})`;
}

/** Split text into pieces a cell can hold. */
export function chunkText(text: string, size = DEFINITION_CHUNK): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [""];
}

/** The `_index` sheet of a run. */
export function planIndexSheet(state: IndexSheetState): OwnedSheetPlan {
  const rows: PlanValue[][] = [];
  rows.push(["format", INDEX_FORMAT]);
  rows.push(["about", "DTI Scorer: do not edit / không sửa trang này"]);
  if (state.definitionJson !== undefined) rows.push(["definition", ...chunkText(state.definitionJson)]);
  for (const s of state.owned.sheets) rows.push(["sheet", s]);
  for (const c of state.owned.charts) rows.push(["chart", c.sheet, c.name, ...(c.title !== undefined ? [c.title] : [])]);
  for (const c of state.owned.cells) rows.push(["cells", c.sheet, c.role, ...c.ranges]);
  for (const f of state.owned.forms ?? []) rows.push(["form", f.unit, f.sheet]);
  for (const m of state.marks) rows.push(["mark", m.sheet, m.cell, m.fill ?? ""]);
  const p = state.provenance;
  if (p) {
    rows.push(["scoredAt", p.scoredAt]);
    rows.push(["projectVersion", p.projectVersion]);
    rows.push(["definitionHash", p.definitionHash]);
    rows.push(["inputsHash", p.inputsHash]);
    rows.push(["lang", p.lang]);
    if (p.unitHashScheme !== undefined) rows.push(["unitHashScheme", String(p.unitHashScheme)]);
    for (const [unit, hash] of Object.entries(p.unitHashes)) rows.push(["unit", unit, hash]);
  }
  // Each unit's period as scored: the copies' of a scoring run, or those read back (a run that only marks issues).
  const periods = { ...state.periods, ...Object.fromEntries((state.inputCopies ?? []).flatMap((c) => (c.period !== undefined ? [[c.unit, c.period]] : []))) };
  for (const [unit, period] of Object.entries(periods)) rows.push([PERIOD_KEY, unit, period]);
  if (state.resultNotes) {
    // The marker row says the notes are recorded (a table whose units are all ranked has none).
    rows.push([RESULT_NOTES_KEY, "sha256"]);
    for (const [unit, hash] of Object.entries(state.resultNotes)) rows.push([RESULT_NOTE_KEY, unit, hash]);
  }
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const values = rows.map((r) => [...r, ...Array<PlanValue>(width - r.length).fill(null)]);
  const sheet: OwnedSheetPlan = {
    name: INDEX_SHEET,
    visibility: "veryHidden",
    blocks: [{ address: "A1", values, numberFormat: "@" }, ...planInputCopies(state.inputCopies ?? [], rows.length + 2)],
    tables: [],
    conditionalFormats: [],
    charts: [],
  };
  return withAppraisedRecords(sheet, state.appraised ?? []);
}

/**
 * The `_index` sheet of a plan recording `records` (IndexSheetState.appraised) instead of those it
 * recorded: their rows below everything else of it (the copies of the figures sit below its keyed
 * rows, at rows their formulas name), which readIndexSheet reads wherever they are. A scoring run
 * adds those of its own findings to the sheet the plan made; a run that only marks issues keeps
 * the last scoring's (planIndexSheet).
 */
export function withAppraisedRecords(sheet: OwnedSheetPlan, records: readonly AppraisedRecord[]): OwnedSheetPlan {
  if (sheet.name !== INDEX_SHEET) return sheet;
  const blocks = sheet.blocks
    .map((b) => (!isKeyedBlock(b) || b.formulas ? b : { ...b, values: b.values.filter((r) => r[0] !== APPRAISED_KEY) }))
    .filter((b) => b.values.length > 0);
  if (records.length === 0) return { ...sheet, blocks };
  const bottom = Math.max(0, ...blocks.map((b) => parseCell(b.address).row + b.values.length - 1));
  const values = records.map((r): PlanValue[] => [APPRAISED_KEY, r.kind, r.unit, r.node, r.sheet, r.cell, r.appraised, r.other, r.since]);
  return { ...sheet, blocks: [...blocks, { address: `A${bottom + 2}`, values, numberFormat: "@" }] };
}

/**
 * The `_index` sheet of a plan with each recorded mark passed through `change`: a host that finds
 * the marks of the last run elsewhere than recorded (rows inserted) corrects the fills to give back.
 */
export function mapRecordedMarks(sheet: OwnedSheetPlan, change: (m: RecordedMark) => RecordedMark): OwnedSheetPlan {
  if (sheet.name !== INDEX_SHEET) return sheet;
  return {
    ...sheet,
    blocks: sheet.blocks.map((b) => !isKeyedBlock(b) ? b : ({
      ...b,
      values: b.values.map((row) => {
        const [key, s, cell, fill] = row;
        if (key !== "mark" || typeof s !== "string" || typeof cell !== "string") return row;
        const m = change({ sheet: s, cell, ...(typeof fill === "string" && fill !== "" ? { fill } : {}) });
        const out = [...row];
        out[1] = m.sheet;
        out[2] = m.cell;
        out[3] = m.fill ?? "";
        return out;
      }),
    })),
  };
}

/**
 * The `_index` sheet of a plan with the marks recorded on some sheets replaced: a host that left
 * those sheets unwritten (a password protects them) records what is really there, the marks of
 * the last run (`stillThere`) instead of the ones it could not set.
 */
export function withMarksOfSheetsUnwritten(sheet: OwnedSheetPlan, unwritten: (name: string) => boolean, stillThere: RecordedMark[]): OwnedSheetPlan {
  if (sheet.name !== INDEX_SHEET) return sheet;
  return {
    ...sheet,
    blocks: [...sheet.blocks.map((b, i) => {
      // The copies, and the flags whose formulas go row by row with their values, stay as they are.
      if (!isKeyedBlock(b) || b.formulas) return b;
      const rows = b.values.filter((r) => !(r[0] === "mark" && typeof r[1] === "string" && unwritten(r[1])));
      if (i !== 0 || sheet.blocks.length > 1) return { ...b, values: rows };
      const width = rows[0]?.length ?? 4;
      const added = stillThere.map((m) => [...["mark", m.sheet, m.cell, m.fill ?? ""], ...Array<PlanValue>(Math.max(0, width - 4)).fill(null)]);
      return { ...b, values: [...rows, ...added] };
    }), ...stillThereBelow(sheet, stillThere)],
  };
}

/**
 * The marks still there, as rows below everything else of `_index` (the copies of the figures
 * sit below its keyed rows, at rows their formulas name): readIndexSheet reads keyed rows wherever
 * they are. None when `_index` is its keyed rows alone (they are added to those).
 */
function stillThereBelow(sheet: OwnedSheetPlan, stillThere: RecordedMark[]): CellBlock[] {
  if (sheet.blocks.length <= 1 || stillThere.length === 0) return [];
  const bottom = Math.max(...sheet.blocks.map((b) => parseCell(b.address).row + b.values.length - 1));
  return [{ address: `A${bottom + 2}`, values: stillThere.map((m) => ["mark", m.sheet, m.cell, m.fill ?? ""]), numberFormat: "@" }];
}

function text(v: CellValue | undefined): string | undefined {
  if (v === null || v === undefined || isCellError(v)) return undefined;
  return String(v);
}

/**
 * A sheet of the user's under the name `_index` (Excel compares sheet names without case): a sheet
 * with something in it that is not the project's bookkeeping (no `format` row of this project),
 * which writing `_index` would wipe. Its name, or undefined when there is none or it is ours or empty.
 */
export function foreignIndexSheet(snapshot: WorkbookSnapshot): string | undefined {
  const sheet = snapshot.sheets.find((s) => s.name.toLowerCase() === INDEX_SHEET && s.csvFile === undefined);
  if (!sheet) return undefined;
  const ours = sheet.values.some((row) => text(row[0]) === "format" && text(row[1]) === INDEX_FORMAT);
  if (ours) return undefined;
  const filled = sheet.values.some((row) => row.some((v) => v !== null && v !== undefined && String(v).trim() !== ""));
  return filled ? sheet.name : undefined;
}

/** The sentence for foreignIndexSheet: nothing is written until the user renames their sheet. */
export function foreignIndexSheetMessage(sheet: string): Message {
  return {
    vi: `Sổ đã có trang '${sheet}' không do DTI Scorer tạo; DTI Scorer cần tên này cho trang ẩn lưu bộ chỉ số và dấu thời gian chấm. Không có gì được ghi: hãy đổi tên trang đó rồi chạy lại.`,
    en: `The workbook already has a sheet '${sheet}' that DTI Scorer did not make; DTI Scorer needs this name for the hidden sheet that keeps the index and the scoring stamp. Nothing was written: rename that sheet and run again.`,
  };
}

/**
 * A unit's copy of its figures read back from `_index` (its `inputs` row: the unit, the flag, the
 * sheet, then each range and where its copy is here); undefined when the row is not whole or the
 * sheet is not in the workbook. A range on another sheet no longer there is left out.
 */
function copyReadBack(values: CellValue[][], rest: (string | undefined)[], sheets: Set<string>): InputCopy | undefined {
  const [unit, , sheet, ...places] = rest;
  // A sheet no longer there (renamed or deleted since): a formula naming it would be a link to another workbook.
  if (!unit || !sheet || !sheets.has(sheet)) return undefined;
  const ranges: CopiedRange[] = [];
  for (let i = 0; i + 1 < places.length; i += 2) {
    const there = places[i];
    const here = places[i + 1];
    if (!there || !here) break;
    const place = placeOf(there);
    if (!place) return undefined;
    if (place.sheet !== undefined && !sheets.has(place.sheet)) continue;
    try {
      const { top, left, bottom, right } = parseRange(here);
      ranges.push({
        ...place,
        values: Array.from({ length: bottom - top + 1 }, (_, r) =>
          Array.from({ length: right - left + 1 }, (_, c) => copiedValue(values[top - 1 + r]?.[left - 1 + c]) ?? null),
        ),
      });
    } catch {
      return undefined;
    }
  }
  return ranges.length > 0 ? { unit, sheet, ranges } : undefined;
}

/**
 * Read the `_index` sheet back; undefined when the workbook has none (never scored) or it is not
 * ours. A sheet that is a CSV file (`csvFile`) is never `_index`, whatever the file is called
 * ("_index.csv"): the project writes `_index` into workbooks only.
 */
export function readIndexSheet(snapshot: WorkbookSnapshot): IndexSheetState | undefined {
  const sheet = snapshot.sheets.find((s) => s.name === INDEX_SHEET && s.csvFile === undefined);
  if (!sheet) return undefined;
  const state: IndexSheetState = { owned: { sheets: [], charts: [], cells: [] }, marks: [] };
  let format: string | undefined;
  const stamp: Partial<ProvenanceStamp> = {};
  const unitHashes: Record<string, string> = {};
  let sheetNames: Set<string> | undefined;
  for (const row of sheet.values) {
    const cells = row.map(text);
    const key = cells[0];
    const rest = cells.slice(1);
    const [a, b, c] = rest;
    switch (key) {
      case "format":
        format = a;
        break;
      case "definition":
        state.definitionJson = rest.map((x) => x ?? "").join("");
        break;
      case "sheet":
        if (a) state.owned.sheets.push(a);
        break;
      case "chart":
        if (a && b) state.owned.charts.push({ sheet: a, name: b, ...(c !== undefined ? { title: c } : {}) });
        break;
      case "cells":
        // A role this version does not know (a later version's) is left out: what it owns is not this version's to clear.
        if (a && b !== undefined && (OWNED_CELL_ROLES as readonly string[]).includes(b))
          state.owned.cells.push({ sheet: a, role: b as OwnedCellRole, ranges: rest.slice(2).filter((x): x is string => !!x) });
        break;
      case "form":
        if (a && b) (state.owned.forms ??= []).push({ unit: a, sheet: b });
        break;
      case "mark":
        if (a && b) state.marks.push({ sheet: a, cell: b, ...(c ? { fill: c } : {}) });
        break;
      case "scoredAt":
      case "projectVersion":
      case "definitionHash":
      case "inputsHash":
        if (a !== undefined) stamp[key] = a;
        break;
      case "lang":
        if (a === "vi" || a === "en") stamp.lang = a as Lang;
        break;
      case "unitHashScheme":
        if (a !== undefined && /^\d+$/.test(a)) stamp.unitHashScheme = Number(a);
        break;
      case "unit":
        if (a !== undefined && b !== undefined) unitHashes[a] = b;
        break;
      case PERIOD_KEY:
        // A blank period is written as an empty cell: the row says the unit's period was recorded.
        // Read as periodText reads the cell: an earlier release recorded a date cell as its ISO text
        // ("2024-12-31"), which is the day as this one reads it ("31/12/2024").
        if (a !== undefined) (state.periods ??= {})[a] = periodText(b ?? "");
        break;
      case APPRAISED_KEY: {
        // A kind this version does not know (a later version's) is left out. A blank period is an empty cell.
        const [unit, node, sheetName, cell, appraised, other, since] = rest.slice(1);
        // The period a figure dates from is read as `periods` are (an earlier release's "2024-12-31" is "31/12/2024").
        if ((a === "figure" || a === "period") && unit && node && sheetName && cell && appraised !== undefined && since)
          (state.appraised ??= []).push({ kind: a, unit, node, sheet: sheetName, cell, appraised, other: a === "period" ? periodText(other ?? "") : (other ?? ""), since });
        break;
      }
      case RESULT_NOTES_KEY:
        state.resultNotes ??= {};
        break;
      case RESULT_NOTE_KEY:
        if (a !== undefined && b !== undefined) (state.resultNotes ??= {})[a] = b;
        break;
      case INPUTS_KEY: {
        sheetNames ??= new Set(snapshot.sheets.filter((x) => x.csvFile === undefined).map((x) => x.name));
        const copy = copyReadBack(sheet.values, rest, sheetNames);
        if (copy) (state.inputCopies ??= []).push(copy);
        break;
      }
      default:
        break;
    }
  }
  if (format !== INDEX_FORMAT) return undefined;
  if (stamp.scoredAt !== undefined && stamp.definitionHash !== undefined && stamp.inputsHash !== undefined) {
    state.provenance = {
      scoredAt: stamp.scoredAt,
      projectVersion: stamp.projectVersion ?? "",
      definitionHash: stamp.definitionHash,
      inputsHash: stamp.inputsHash,
      unitHashes,
      lang: stamp.lang ?? "vi",
      ...(stamp.unitHashScheme !== undefined ? { unitHashScheme: stamp.unitHashScheme } : {}),
    };
  }
  return state;
}
