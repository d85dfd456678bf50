/**
 * Whether the results kept in a scored workbook are older than its inputs: the provenance stamp
 * of `_index` (one hash per unit's inputs) against what the workbook holds now, and whether they
 * were computed with another index or version than the one in use, or with another content of
 * it (the same id and version, another definition). One comparison, and one sentence saying it,
 * for the command line, the Excel host and the pane.
 */
import { definitionHash, parseDefinition } from "./definition";
import type { IndexModel } from "./definition/model";
import { parseRange } from "./a1";
import { type AppraisedRecord, type IndexSheetState, type InputCopy, inputsHash, readIndexSheet, staleUnits, unitHashMatches, unitKey } from "./plan/index-sheet";
import { indexComparesUnits } from "./plan/index-sheet";
import { isUnitHeaders, lowerFirst, othersMayChange, unitCount } from "./plan/labels";
import { readSubmissions } from "./read";
import { formPeriods, periodKey, samePeriod } from "./read/periods";
import { formWithoutTable } from "./read/layout-a";
import { cellText, isBlank, keyText } from "./read/sheet";
import { findTableHeader } from "./read/layout-a";
import { cellNumberText, issueLocation } from "./read/messages";
import { readCell, wholeNumber } from "./read/values";
import { atStoredPrecision } from "./hash";
import { cellAddress, parseCell } from "./plan/a1";
import { detectLayoutA } from "./form-sheets";
import { type IndexRef, indexWords } from "./index-words";
import { formatDate, type Lang, type Message, localize } from "./i18n/text";
import type { LocalizedText } from "./definition/schema";
import { type CellValue, type Issue, type Submission, type WorkbookSnapshot, isCellError } from "./types";

export interface StaleResults {
  /** When the results in the workbook were computed (ISO time of the provenance stamp). */
  scoredAt: string;
  /**
   * Unit keys (code, or name when there is none) whose inputs changed, appeared or disappeared.
   * `changed` includes the units of `otherIndex`, of `unreadable` and of `renamed`.
   */
  changed: string[];
  added: string[];
  removed: string[];
  /**
   * The units of `changed` whose name alone changed (their form's unit name cell): their figures,
   * category, evidence and self scores are what they were, and so are their points.
   */
  renamed: string[];
  /** The names the units of `changed` whose name changed (alone, or with their figures) had when they were scored, by key. */
  formerNames: Record<string, string>;
  /**
   * The units whose form gives another assessment period (`Kỳ đánh giá`) than when they were
   * scored, by key: the period then and now ("" for none), and whether that is all that changed
   * about the unit (`alone`: its figures, category, evidence and self scores are what they were;
   * such a unit is in `changed` all the same, as the results' title, printed headers and charts'
   * titles name the period). Absent, or a unit not listed, when its period did not change or the
   * workbook was scored by an earlier version, which did not record the periods (not known, never
   * taken for a change).
   */
  periods?: Record<string, PeriodChange>;
  /**
   * The units scored then whose form now names another index (another id) in its `Bộ chỉ số` cell,
   * so that the definition the results were computed with skips it: its form changed, it is not gone.
   * A form relabelled with another version of the same index is read (by its rows' codes, with a
   * warning) and compared as any form: it is here only if its figures changed, in `changed`.
   */
  otherIndex: string[];
  /**
   * The units scored then whose sheet is still there but can no longer be read as a form: the
   * header row of its table was changed ("Số liệu" overwritten), so the reading skips it. Its form
   * changed, it is not gone.
   */
  unreadable: string[];
  /** The sheet of each unit of `unreadable`, by key. */
  sheets: Record<string, string>;
  /**
   * The index the results were computed with, when it is another index or version than the one in
   * use now (`inUse`); absent when they are the same, or when the one in use is not known.
   */
  scoredWith?: IndexRef;
  inUse?: IndexRef;
  /**
   * The index in use, when the results were computed with another content of it: the definition
   * `_index` keeps has its id and version but not its content (an edited copy that kept them, or
   * an earlier release of a built-in: BuiltinIndex.formerHashes). Absent when `scoredWith` is given.
   */
  otherContent?: IndexRef;
  /**
   * Unit names by key: for the units the workbook holds now, and for a removed unit the name the
   * last results table gave it (known by its key only when that table is gone).
   */
  names: Record<string, string>;
  /**
   * The index the results were scored with compares units (indexComparesUnits: `relative`,
   * `minmax` with "data"): a unit whose figures changed, came or went changes the other units'
   * points too, not only their ranks.
   */
  comparesUnits?: boolean;
  /**
   * What the index calls a unit (its `unitLabel`: "Sở, ban, ngành", "Quốc gia"), the one in use's
   * when it is known, else the one the results were scored with: the sentence counts units by it,
   * as the run's summary does ("12 sở, ban, ngành đã thay đổi số liệu"). Absent: "đơn vị" / "unit".
   */
  unitLabel?: LocalizedText;
}

/** A unit's assessment period when scored (`from`) and now (`to`), "" for none; `alone`: nothing else about the unit changed. */
export interface PeriodChange {
  from: string;
  to: string;
  alone?: true;
}

/**
 * The units of `submissions` whose form's period (formPeriods: the one reading of the titles and
 * the period warnings) is not the one `_index` recorded for them when they were scored, by key.
 * Only the units recorded (IndexSheetState.periods): none for a workbook scored by an earlier version.
 * A day is the same period however it is written (samePeriod): a date cell that an earlier release
 * recorded as "2024-12-31" and this one reads as "31/12/2024", or the day typed again as text, is
 * no change.
 */
export function periodsChanged(snapshot: WorkbookSnapshot, state: IndexSheetState, submissions: Submission[]): Map<string, { from: string; to: string }> {
  const out = new Map<string, { from: string; to: string }>();
  const recorded = state.periods;
  if (!recorded || Object.keys(recorded).length === 0) return out;
  const now = new Map(formPeriods(snapshot, submissions).map((f) => [unitKey(f.submission), f.period]));
  for (const s of submissions) {
    const key = unitKey(s);
    const from = recorded[key];
    if (from === undefined) continue;
    const to = now.get(key) ?? "";
    if (!samePeriod(to, from)) out.set(key, { from, to });
  }
  return out;
}

/** What the workbook holds read with the definition kept in `_index` (the one the stamp was made with). */
interface AsScored {
  model: IndexModel;
  submissions: Submission[];
  issues: Issue[];
}

/** The definition kept in `_index`, the one the results were computed with (undefined: none, or not valid). */
function modelAsScored(state: IndexSheetState): IndexModel | undefined {
  if (state.definitionJson === undefined) return undefined;
  let embedded: unknown;
  try {
    embedded = JSON.parse(state.definitionJson);
  } catch {
    return undefined;
  }
  const parsed = parseDefinition(embedded);
  return parsed.ok ? parsed.model : undefined;
}

function readAsScored(snapshot: WorkbookSnapshot, state: IndexSheetState, lang: Lang): AsScored | undefined {
  const model = modelAsScored(state);
  if (!model) return undefined;
  // The reader leaves out `_index` and the sheets it records as the project's (`state`, not read again).
  const read = readSubmissions(model, snapshot, { lang, indexSheet: state });
  return { model, submissions: read.submissions, issues: read.issues };
}

/** The workbook's inputs read with the definition kept in `_index` (the one the stamp was made with). */
export function submissionsAsScored(snapshot: WorkbookSnapshot, state: IndexSheetState, lang: Lang = "vi"): Submission[] | undefined {
  return readAsScored(snapshot, state, lang)?.submissions;
}

function indexRef(model: IndexModel): IndexRef {
  const d = model.definition;
  return { id: d.id, version: d.version, ...(d.name !== undefined ? { name: d.name } : {}) };
}

/**
 * The index the results were computed with and the one in use, when they are other indices or
 * versions, or (`otherContent`) the same id and version with another content.
 */
export interface OtherIndex {
  scoredWith: IndexRef;
  inUse: IndexRef;
  /** The same id and version, another definition (its hash differs): an edited copy that kept them, or another release of a built-in. */
  otherContent?: true;
}

/**
 * `then` (the definition the results were computed with) and `now` (the one in use) when they
 * are not the same definition; `nowHash`, when known, saves hashing `now` again. The contents are
 * compared by their hashes as this version computes them, so that a stamp written by an earlier
 * version is not taken for another content.
 */
function otherIndexOf(then: IndexModel, now: IndexModel, nowHash: string = definitionHash(now.definition)): OtherIndex | undefined {
  const scoredWith = indexRef(then);
  const inUse = indexRef(now);
  if (scoredWith.id !== inUse.id || scoredWith.version !== inUse.version) return { scoredWith, inUse };
  return definitionHash(then.definition) !== nowHash ? { scoredWith, inUse, otherContent: true } : undefined;
}

/**
 * Whether the results `_index` keeps were computed with another index or version than `model`,
 * or with another content of it (undefined: the same definition, or a workbook never scored).
 * Only `_index` is read: the forms need not be, so that the pane can say it as soon as another
 * index is chosen.
 */
export function scoredWithAnother(state: IndexSheetState | null | undefined, model: IndexModel): OtherIndex | undefined {
  if (!state?.provenance) return undefined;
  const nowHash = definitionHash(model.definition);
  // The definition the stamp was made with, as this version hashes it: the same one.
  if (nowHash === state.provenance.definitionHash) return undefined;
  const then = modelAsScored(state);
  return then ? otherIndexOf(then, model, nowHash) : undefined;
}

/**
 * The definition `_index` keeps when `model` has its id and version but another content (an
 * edited copy, another release of a built-in): scoring with `model` and writing the workbook
 * replaces it. Undefined otherwise (none kept, not valid, another index or version, the same).
 */
export function keptWithOtherContent(state: IndexSheetState | null | undefined, model: IndexModel): IndexRef | undefined {
  if (!state) return undefined;
  const then = modelAsScored(state);
  return then ? (otherIndexOf(then, model)?.otherContent ? indexRef(then) : undefined) : undefined;
}

/**
 * The units whose forms the reading skipped for naming another index ("definition-mismatch"
 * errors: another id), by key, with their names from the forms' header blocks.
 */
function formsOfAnotherIndex(snapshot: WorkbookSnapshot, issues: Issue[]): Map<string, string | undefined> {
  const units = new Map<string, string | undefined>();
  for (const issue of issues) {
    // A warning is about a form that was read (made from a copy of the index in use, or for another
    // version of it): not skipped.
    if (issue.code !== "definition-mismatch" || issue.severity !== "error" || issue.unit === undefined) continue;
    const sheet = snapshot.sheets.find((s) => s.name === issue.sheet);
    units.set(issue.unit, sheet ? detectLayoutA(sheet)?.unitName : undefined);
  }
  return units;
}

/**
 * The units whose forms the reading skipped for want of a table header row (a form's header block
 * without its table: "layout-not-found" on a sheet), by key, with their names and sheets.
 */
function formsUnread(snapshot: WorkbookSnapshot, issues: Issue[]): Map<string, { name: string | undefined; sheet: string }> {
  const units = new Map<string, { name: string | undefined; sheet: string }>();
  for (const issue of issues) {
    if (issue.code !== "layout-not-found" || issue.unit === undefined || issue.sheet === undefined) continue;
    const sheet = snapshot.sheets.find((s) => s.name === issue.sheet);
    units.set(issue.unit, { name: sheet ? formWithoutTable(sheet)?.name : undefined, sheet: issue.sheet });
  }
  return units;
}

/**
 * The units' names as the last results table gave them, by key: the table `_index` records
 * (role "table"), its `Mã đơn vị` and `Đơn vị` columns beside `Hạng`. Empty when the table is not
 * there, or not as it was written.
 */
function namesAsScored(snapshot: WorkbookSnapshot, state: IndexSheetState): Map<string, string> {
  const out = new Map<string, string>();
  for (const owned of state.owned.cells) {
    if (owned.role !== "table" || owned.ranges[0] === undefined) continue;
    const sheet = snapshot.sheets.find((s) => s.name === owned.sheet && s.csvFile === undefined);
    if (!sheet) continue;
    let range;
    try {
      range = parseRange(owned.ranges[0]);
    } catch {
      continue;
    }
    const at = (row: number, column: number) => sheet.values[row - 1]?.[column - 1] ?? null;
    const { top, left, bottom } = range;
    // In either language, and as the index calls a unit ("Mã quốc gia", "Quốc gia").
    if (!isUnitHeaders(at(top, left + 1), at(top, left + 2))) continue;
    for (let row = top + 1; row <= bottom; row++) {
      const name = at(row, left + 2);
      if (isBlank(name)) continue;
      const code = at(row, left + 1);
      out.set(unitKey({ code: isBlank(code) ? "" : keyText(code), name: keyText(name) }), String(name).trim());
    }
  }
  return out;
}

/**
 * The units of `changed` whose name alone changed: hashed with the name they had when scored,
 * their inputs give the hash the stamp holds (read as this version reads them, or as the version
 * that scored them did: `asScoredThen`).
 */
function renamedUnits(changed: string[], state: IndexSheetState, submissions: Submission[], then: Map<string, string>, asScoredThen: (s: Submission) => Submission | undefined): string[] {
  const before = state.provenance?.unitHashes ?? {};
  const byKey = new Map(submissions.map((s) => [unitKey(s), s]));
  return changed.filter((k) => {
    const s = byKey.get(k);
    const former = then.get(k);
    if (!s || former === undefined || former === s.name) return false;
    const hash = before[k];
    if (hash === undefined) return false;
    const earlier = asScoredThen(s);
    return unitHashMatches(state, { ...s, name: former }, hash) || (earlier !== undefined && unitHashMatches(state, { ...earlier, name: former }, hash));
  });
}

/**
 * The cells of a unit's copy in `_index` (InputCopy: what its cells held when it was scored), by
 * "row:column" on the unit's sheet; the `Minh chứng` column's (only whether each had something) left out.
 */
function copiedCells(copy: InputCopy): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  for (const r of copy.ranges) {
    if (r.sheet !== undefined || r.filled) continue;
    let at;
    try {
      at = parseCell(r.address);
    } catch {
      continue;
    }
    r.values.forEach((line, i) => line.forEach((v, j) => out.set(`${at.row + i}:${at.column + j}`, v)));
  }
  return out;
}

/**
 * A unit as the version that scored the workbook may have read it, when that differs from this
 * version's reading of the cells it read then; undefined when nothing does. Before whole numbers
 * with float noise were read as such (wholeNumber: `=(0.1+0.2)*40` keeps 12.000000000000002,
 * which Excel shows as 12), such a figure of a whole-number input was refused ("not-an-integer")
 * and left out of the unit's figures; it is read as 12 now, and the unit's hash differs for that
 * alone, its figures unchanged. A cell is taken the earlier way only when its copy in `_index`
 * (`copy`: what it held when the unit was scored) is such a noisy whole number and the cell holds
 * the same figure now to the 15 digits a workbook keeps (the noise kept, or dropped by a program
 * that saved the workbook again); a cell that was blank or held another figure then, or has no
 * copy, is a change, said as before. A workbook this version scored hashed the figure as read
 * now: its hash matches as it is, and this reading, which leaves the figure out, cannot.
 */
function readBeforeWholeNumbers(s: Submission, model: IndexModel, snapshot: WorkbookSnapshot, copy: InputCopy | undefined): Submission | undefined {
  const src = s.source;
  if (!copy || !src?.cells) return undefined;
  const sheet = snapshot.sheets.find((x) => x.name === src.sheet && x.csvFile === undefined);
  if (!sheet) return undefined;
  let copied: Map<string, CellValue> | undefined;
  const refused: string[] = [];
  for (const [code, value] of Object.entries(s.values)) {
    if (typeof value !== "number" || model.inputs.get(code)?.type !== "integer") continue;
    const address = src.cells[code];
    if (address === undefined) continue;
    let at;
    try {
      at = parseCell(address);
    } catch {
      continue;
    }
    const now = sheet.values[at.row - 1]?.[at.column - 1];
    if (typeof now !== "number" || wholeNumber(now) !== value) continue;
    const then = (copied ??= copiedCells(copy)).get(`${at.row}:${at.column}`);
    if (typeof then !== "number" || Number.isInteger(then) || wholeNumber(then) === undefined || atStoredPrecision(then) !== atStoredPrecision(now)) continue;
    refused.push(code);
  }
  if (refused.length === 0) return undefined;
  const values = { ...s.values };
  for (const code of refused) delete values[code];
  return { ...s, values };
}

/**
 * The units whose inputs changed since the workbook was scored, and whether it was scored with
 * another index or version than `current.model`; undefined when it holds no earlier results or
 * they are up to date. `current` (submissions already read with `model`, and that reading's
 * issues) saves a read when `model` is the definition the workbook was scored with; `state`
 * (`_index` already read, null: none) saves parsing `_index` again.
 */
export function staleResults(
  snapshot: WorkbookSnapshot,
  current?: { model: IndexModel; submissions: Submission[]; issues?: Issue[] },
  lang: Lang = "vi",
  state: IndexSheetState | null | undefined = readIndexSheet(snapshot),
): StaleResults | undefined {
  const stamp = state?.provenance;
  if (!state || !stamp) return undefined;
  const currentHash = current !== undefined ? definitionHash(current.model.definition) : undefined;
  const sameDefinition = current !== undefined && currentHash === stamp.definitionHash;
  const asScored = sameDefinition ? undefined : readAsScored(snapshot, state, lang);
  const submissions = sameDefinition ? current.submissions : asScored?.submissions;
  if (!submissions) return undefined;
  const issues = (sameDefinition ? current.issues : asScored?.issues) ?? [];
  // Scored with another index or version than the one in use, or with another content of it (the
  // same id and version): said as such. The units are compared through the definition the results
  // were computed with, in either case.
  const other = asScored && current ? otherIndexOf(asScored.model, current.model, currentHash) : undefined;
  const otherDefinition: Pick<StaleResults, "scoredWith" | "inUse" | "otherContent"> =
    other === undefined ? {} : other.otherContent ? { otherContent: other.inUse } : { scoredWith: other.scoredWith, inUse: other.inUse };

  const names: Record<string, string> = Object.fromEntries(submissions.map((s) => [unitKey(s), s.name]));
  const scoredWith = sameDefinition ? current.model : asScored?.model;
  const compares = scoredWith !== undefined && indexComparesUnits(scoredWith) ? { comparesUnits: true } : {};
  // Units counted as the index in use calls them (the run's summary does), else as the one scored with.
  const unitLabel = (current?.model ?? scoredWith)?.definition.unitLabel;
  const labelled = unitLabel !== undefined ? { unitLabel } : {};
  if (Object.keys(stamp.unitHashes).length === 0) {
    // A stamp without per-unit hashes: only the hash of all inputs can say something changed.
    const same = inputsHash(submissions) === stamp.inputsHash;
    if (same && other === undefined) return undefined;
    return { scoredAt: stamp.scoredAt, changed: [], added: [], removed: [], renamed: [], formerNames: {}, otherIndex: [], unreadable: [], sheets: {}, ...otherDefinition, names, ...compares, ...labelled };
  }
  const diff = staleUnits(state, submissions);
  // A unit whose figures read now as the version that scored it read them give the hash it
  // recorded did not change: this version reads a cell otherwise (readBeforeWholeNumbers).
  const copies = new Map((state.inputCopies ?? []).map((c) => [`${c.unit}\u0000${c.sheet}`, c]));
  const asScoredThen = (s: Submission): Submission | undefined =>
    scoredWith === undefined ? undefined : readBeforeWholeNumbers(s, scoredWith, snapshot, copies.get(`${unitKey(s)}\u0000${s.source?.sheet ?? ""}`));
  const byKey = new Map(submissions.map((s) => [unitKey(s), s]));
  diff.changed = diff.changed.filter((k) => {
    const s = byKey.get(k);
    const hash = stamp.unitHashes[k];
    const earlier = s !== undefined && hash !== undefined ? asScoredThen(s) : undefined;
    return earlier === undefined || !unitHashMatches(state, earlier, hash!);
  });
  // A unit whose period alone changed is out of date too: the titles name the period.
  const changedPeriods = periodsChanged(snapshot, state, submissions);
  const hashed = new Set(diff.changed);
  const periodAlone = [...changedPeriods.keys()].filter((k) => !hashed.has(k));
  const periods: Record<string, PeriodChange> = Object.fromEntries(
    [...changedPeriods].map(([k, p]) => [k, hashed.has(k) ? p : { ...p, alone: true as const }]),
  );
  // A unit the results have whose form now names another index is skipped by the reading: its form
  // changed, it has not left the workbook.
  const skipped = formsOfAnotherIndex(snapshot, issues);
  const otherIndex = diff.removed.filter((k) => skipped.has(k));
  for (const k of otherIndex) {
    const name = skipped.get(k);
    if (name !== undefined) names[k] = name;
  }
  // Nor is a unit whose sheet is there but whose table's header row was changed: its form can no longer be read.
  const unread = formsUnread(snapshot, issues);
  const unreadable = diff.removed.filter((k) => !skipped.has(k) && unread.has(k));
  const sheets = Object.fromEntries(unreadable.map((k) => [k, unread.get(k)!.sheet]));
  for (const k of unreadable) {
    const name = unread.get(k)!.name;
    if (name !== undefined) names[k] = name;
  }
  const changed = [...diff.changed, ...periodAlone, ...otherIndex, ...unreadable];
  const removed = diff.removed.filter((k) => !skipped.has(k) && !unread.has(k));
  if (changed.length + diff.added.length + removed.length === 0 && other === undefined) return undefined;
  // What the last results table called the units: a unit gone is named as it was, and a unit whose
  // name alone changed is told apart from one whose figures changed.
  const then = namesAsScored(snapshot, state);
  for (const k of [...removed, ...unreadable.filter((k) => unread.get(k)!.name === undefined)]) {
    const name = then.get(k);
    if (name !== undefined) names[k] = name;
  }
  const renamed = renamedUnits(diff.changed, state, submissions, then, asScoredThen);
  // Every unit whose name changed, its figures too or not: the banner names it "former → now".
  const formerNames = Object.fromEntries(diff.changed.filter((k) => then.has(k) && then.get(k) !== names[k]).map((k) => [k, then.get(k)!]));
  const periodsOf = changedPeriods.size > 0 ? { periods } : {};
  return { scoredAt: stamp.scoredAt, changed, added: diff.added, removed, renamed, formerNames, ...periodsOf, otherIndex, unreadable, sheets, ...otherDefinition, names, ...compares, ...labelled };
}

/**
 * How many units `stale` says are out of date: those of `changed` (renamed, of another index,
 * unreadable, whose period alone changed, included), `added` and `removed`, each once, as the
 * groups of staleGroups count them together.
 */
export function staleUnitCount(stale: StaleResults): number {
  return stale.changed.length + stale.added.length + stale.removed.length;
}

/**
 * How many units' results are out of date in a scored workbook, by staleResults compared through
 * the definition the results were computed with, as the command line's stale check and the pane
 * tell it (staleUnitCount): a figure an earlier release read otherwise (readBeforeWholeNumbers) is
 * no change, a unit whose period alone changed, whose form names another index or can no longer
 * be read is one. 0 when none is. Undefined when that cannot be told unit by unit: no stamp, a
 * stamp without a hash per unit, or `_index` keeps no readable definition. `state` (`_index` read
 * from the whole `snapshot`: the copies of the units' figures are read with their sheets) saves
 * reading it again.
 */
export function unitsOutOfDate(snapshot: WorkbookSnapshot, lang: Lang = "vi", state: IndexSheetState | null | undefined = readIndexSheet(snapshot)): number | undefined {
  const stamp = state?.provenance;
  if (!state || !stamp || Object.keys(stamp.unitHashes).length === 0 || !modelAsScored(state)) return undefined;
  const stale = staleResults(snapshot, undefined, lang, state);
  return stale ? staleUnitCount(stale) : 0;
}

/** At most this many units are named in the sentence. */
const NAMES_SHOWN = 5;

/** The names of a group, the first NAMES_SHOWN of them, then how many more ("và 7 sở, ban, ngành khác": the index's word for a unit, `unitLabel`). */
function namesText(names: string[], lang: Lang, unitLabel?: LocalizedText): string {
  const shown = names.slice(0, NAMES_SHOWN);
  const more = names.length - shown.length;
  if (more > 0) shown.push(lang === "vi" ? `và ${unitCount(more, "vi", unitLabel)} khác` : `and ${more} more`);
  return shown.join(", ");
}

/**
 * "Kết quả trong sổ được chấm theo bộ chỉ số "X" phiên bản mau-2023; bộ chỉ số đang dùng là phiên
 * bản mau-2024: hãy chấm điểm lại." (`advice`, lowered after the colon); for another content of
 * the index in use (`otherContent`), otherContentMessage.
 */
export function otherIndexMessage(other: OtherIndex, advice: Message): Message {
  const { scoredWith: then, inUse: now } = other;
  if (other.otherContent) return otherContentMessage(now, advice);
  return {
    vi: `Kết quả trong sổ được chấm theo bộ chỉ số ${indexWords(then, now, "vi")}; bộ chỉ số đang dùng là ${indexWords(now, then, "vi", true)}: ${lowerFirst(advice.vi)}`,
    en: `The results in the workbook were scored with the index ${indexWords(then, now, "en")}; the index in use is ${indexWords(now, then, "en", true)}: ${lowerFirst(advice.en)}`,
  };
}

/**
 * "Kết quả trong sổ được chấm theo một nội dung khác của bộ chỉ số "X" (x@v, cùng mã và phiên
 * bản): định nghĩa đang dùng khác định nghĩa lưu trong sổ; hãy chấm điểm lại." (`advice`, lowered;
 * without it, the sentence ends there): the results were computed with a definition of the id and
 * version of `index`, the one in use, whose content differs (points, rules, names).
 */
export function otherContentMessage(index: IndexRef, advice?: Message): Message {
  const named = (lang: Lang): string => {
    const name = index.name !== undefined ? localize(index.name, lang) : "";
    const ref = index.version !== undefined ? `${index.id}@${index.version}` : index.id;
    return name !== "" ? `"${name}" (${ref}${lang === "vi" ? ", cùng mã và phiên bản" : ", the same id and version"})` : `"${ref}" (${lang === "vi" ? "cùng mã và phiên bản" : "the same id and version"})`;
  };
  const then = (lang: Lang): string => (advice ? `; ${lowerFirst(advice[lang])}` : ".");
  return {
    vi: `Kết quả trong sổ được chấm theo một nội dung khác của bộ chỉ số ${named("vi")}: định nghĩa đang dùng khác định nghĩa lưu trong sổ${then("vi")}`,
    en: `The results in the workbook were scored with other content of the index ${named("en")}: the definition in use differs from the one kept in the workbook${then("en")}`,
  };
}

/** What changed about some units since the workbook was scored. */
export type StaleKind = "changed" | "renamed" | "otherIndex" | "unreadable" | "added" | "removed";

/** The units of one kind of change, by key, and as they are shown. */
export interface StaleGroup {
  kind: StaleKind;
  keys: string[];
  /**
   * Each unit by its name (`nameOf`), its code in parentheses when another unit named (now, or
   * when scored) has the same name; a renamed unit as "former → now".
   */
  names: string[];
  /** The sheet of each unit (by the order of `keys`), for the kind "unreadable": the sheet to mend. */
  sheets?: string[];
  /**
   * For the kind "changed": each unit's period change (by the order of `keys`) when its period
   * alone changed (StaleResults.periods, `alone`), else undefined: staleGroupNames says it beside
   * the unit's name, so that a unit whose figures did not change is not listed without a word why.
   */
  periods?: (PeriodChange | undefined)[];
  /**
   * The change of these units changes the other units' points too (the index compares units:
   * StaleResults.comparesUnits); absent for units renamed only, whose points are what they were.
   */
  othersMayChange?: true;
  /** What the index calls a unit (StaleResults.unitLabel), by which the pane's banner counts these units as the sentence does; absent: "đơn vị" / "unit". */
  unitLabel?: LocalizedText;
}

/**
 * The units of `stale` by kind of change, in the order they are said: figures changed, renamed
 * (its name alone: its points are what they were), its form changed to another index, its form
 * no longer read (its sheet is there, its table's header row changed), new, gone.
 * Kinds without units are left out. One list for the command line's sentence and the pane's
 * banner.
 */
export function staleGroups(stale: StaleResults, nameOf: (key: string) => string = (k) => stale.names[k] ?? k): StaleGroup[] {
  const aside = new Set([...stale.otherIndex, ...stale.unreadable, ...stale.renamed]);
  const groups: { kind: StaleKind; keys: string[] }[] = [
    { kind: "changed", keys: stale.changed.filter((k) => !aside.has(k)) },
    { kind: "renamed", keys: stale.renamed },
    { kind: "otherIndex", keys: stale.otherIndex },
    { kind: "unreadable", keys: stale.unreadable },
    { kind: "added", keys: stale.added },
    { kind: "removed", keys: stale.removed },
  ];
  // Names two units share (one gone, one come; two units of one name): those units' codes tell them apart.
  const keysByName = new Map<string, Set<string>>();
  const allKeys = new Set([...Object.keys(stale.names), ...groups.flatMap((g) => g.keys)]);
  for (const k of allKeys) {
    const name = nameOf(k);
    keysByName.set(name, (keysByName.get(name) ?? new Set()).add(k));
  }
  const shown = (k: string): string => {
    const name = nameOf(k);
    return name !== k && (keysByName.get(name)?.size ?? 0) > 1 ? `${name} (${k})` : name;
  };
  // A unit whose period alone changed: its points are what they were.
  const periodAlone = (k: string): PeriodChange | undefined => (stale.periods?.[k]?.alone ? stale.periods[k] : undefined);
  return groups
    .filter((g) => g.keys.length > 0)
    .map((g) => {
      const periods = g.kind === "changed" && g.keys.some((k) => periodAlone(k)) ? g.keys.map(periodAlone) : undefined;
      const pointsMayMove = g.kind !== "renamed" && !(periods && periods.every((p) => p !== undefined));
      return {
        ...g,
        names: g.keys.map((k) => ((g.kind === "renamed" || g.kind === "changed") && stale.formerNames[k] !== undefined ? `${stale.formerNames[k]} → ${shown(k)}` : shown(k))),
        ...(g.kind === "unreadable" ? { sheets: g.keys.map((k) => stale.sheets[k] ?? k) } : {}),
        ...(periods ? { periods } : {}),
        ...(stale.comparesUnits && pointsMayMove ? { othersMayChange: true as const } : {}),
        ...(stale.unitLabel !== undefined ? { unitLabel: stale.unitLabel } : {}),
      };
    });
}

/** A period as a sentence quotes it: in quotes, or "(trống)" / "(blank)" for none. */
function periodWords(period: string, lang: Lang): string {
  return period === "" ? (lang === "vi" ? "(trống)" : "(blank)") : `"${period}"`;
}

/** ""Năm 2024" → "Năm 2025"": a period change. */
function periodChangeWords(p: { from: string; to: string }, lang: Lang): string {
  return `${periodWords(p.from, lang)} → ${periodWords(p.to, lang)}`;
}

/**
 * What the stale sentence (and the pane's banner) adds when a group's change changes the other
 * units' points (StaleGroup.othersMayChange), the units called as the index calls them (StaleGroup.unitLabel).
 */
export function othersMayChangeNote(groups: readonly StaleGroup[]): Message | undefined {
  return groups.some((g) => g.othersMayChange) ? othersMayChange(groups[0]?.unitLabel) : undefined;
}

/** A group's units as said in `lang`: a unit whose form is no longer read with its sheet ("Sở Nội vụ ở trang tính 'Sở Nội vụ'"). */
export function staleGroupNames(group: StaleGroup, lang: Lang): string[] {
  const { sheets, periods } = group;
  if (periods) {
    // "Thanh tra tỉnh (kỳ đánh giá "Năm 2024" → "Năm 2025")": its figures did not change, its period did.
    return group.names.map((n, i) => {
      const p = periods[i];
      return p ? `${n} (${lang === "vi" ? "kỳ đánh giá" : "assessment period"} ${periodChangeWords(p, lang)})` : n;
    });
  }
  if (!sheets) return group.names;
  return group.names.map((n, i) => (lang === "vi" ? `${n} ở trang tính '${sheets[i]}'` : `${n} on sheet '${sheets[i]}'`));
}

/**
 * What to do about a form no longer read for its table's header row, as the Check step says it
 * about that form (core/read/messages.ts, "layout-not-found").
 */
export const RESTORE_HEADER_ROW: Message = { vi: "Hãy sửa lại tên cột như phiếu mẫu.", en: "Restore the column names of the template." };

/** "1 country's", "3 countries'", "2 units'": a count of units (unitCount) as the owner of what follows. */
function possessive(units: string): string {
  return units.endsWith("s") ? `${units}'` : `${units}'s`;
}

/**
 * How the command line says each kind after the units counted as the index calls them (`units`,
 * unitCount: "12 sở, ban, ngành", "1 country"): "{units} {vi}" / en(units, count).
 */
const KIND_WORDS: Record<StaleKind, { vi: string; en: (units: string, n: number) => string }> = {
  changed: { vi: "đã thay đổi số liệu", en: (u) => `${possessive(u)} figures changed` },
  renamed: { vi: "đã đổi tên", en: (u, n) => `${u} ${n === 1 ? "was" : "were"} renamed` },
  otherIndex: {
    vi: "có phiếu đã đổi sang bộ chỉ số khác",
    en: (u, n) => `${possessive(u)} ${n === 1 ? "form was" : "forms were"} changed to another index`,
  },
  unreadable: {
    vi: "có phiếu không còn đọc được vì dòng tiêu đề bảng đã bị sửa",
    en: (u, n) =>
      `${possessive(u)} ${n === 1 ? "form can no longer be read as its table's header row was changed" : "forms can no longer be read as their tables' header rows were changed"}`,
  },
  added: { vi: "mới được thêm vào sổ", en: (u, n) => `${u} ${n === 1 ? "is" : "are"} new` },
  removed: { vi: "không còn trong sổ", en: (u, n) => `${u} ${n === 1 ? "is" : "are"} gone` },
};

/**
 * The sentence for results older than the workbook's inputs, ending with `advice` (what to do
 * where it is shown: "Hãy chấm điểm lại."):
 * - scored with another index or version: "Kết quả trong sổ được chấm theo bộ chỉ số "X" phiên
 *   bản mau-2023; bộ chỉ số đang dùng là phiên bản mau-2024: hãy chấm điểm lại.";
 * - scored with another content of the index in use (the same id and version): otherContentMessage,
 *   then what changed about the units as below, if anything did;
 * - otherwise the units by kind (staleGroups), counted as the index calls them (unitLabel), by
 *   name: "Kết quả đã cũ: 1 sở, ban, ngành đã thay đổi số liệu kể từ lần chấm điểm ngày 01/12/2026 (Sở
 *   Xây dựng). Hãy chấm điểm lại." A unit whose form now
 *   names another index is said to be so, not to be gone, and so is one whose form is no longer
 *   read (its sheet named, and what to mend); a unit gone is named as the last results table named it.
 */
export function staleMessage(stale: StaleResults, nameOf: (key: string) => string, advice: Message): Message {
  if (stale.scoredWith && stale.inUse) return otherIndexMessage({ scoredWith: stale.scoredWith, inUse: stale.inUse }, advice);
  const groups = staleGroups(stale, nameOf);
  if (stale.otherContent) {
    // Another content of the index in use, and what changed about the units, compared through the
    // definition the results were computed with: both said, the advice once, at the end.
    if (groups.length === 0) return otherContentMessage(stale.otherContent, advice);
    const content = otherContentMessage(stale.otherContent);
    const units = unitsMessage(stale, groups, advice);
    return { vi: `${content.vi} ${units.vi}`, en: `${content.en} ${units.en}` };
  }
  return unitsMessage(stale, groups, advice);
}

/** One clause of the stale sentence: what happened to some units ("12 sở, ban, ngành đã thay đổi số liệu"), and which ("Sở Y tế, …"). */
interface StaleClause {
  kind: StaleKind | "period";
  said: (lang: Lang) => string;
  names: (lang: Lang) => string;
}

/**
 * The clause of the units whose period changed (StaleResults.periods), their figures too or not:
 * "kỳ đánh giá đã đổi ở 7 sở, ban, ngành (Sở Y tế, …: "Năm 2024" → "Năm 2025")", the units of
 * each change of period together. Undefined when no period changed.
 */
function periodClause(stale: StaleResults, groups: StaleGroup[]): StaleClause | undefined {
  const entries = Object.entries(stale.periods ?? {});
  if (entries.length === 0) return undefined;
  // Each unit as its group shows it (its code beside a name two units share), without its former name.
  const shown = new Map<string, string>();
  for (const g of groups) {
    g.keys.forEach((k, i) => {
      const former = stale.formerNames[k];
      const name = g.names[i] ?? k;
      shown.set(k, former !== undefined && name.startsWith(`${former} → `) ? name.slice(former.length + 3) : name);
    });
  }
  const changes: { from: string; to: string; names: string[] }[] = [];
  for (const [k, p] of entries) {
    const same = changes.find((c) => c.from === p.from && c.to === p.to);
    const name = shown.get(k) ?? stale.names[k] ?? k;
    if (same) same.names.push(name);
    else changes.push({ from: p.from, to: p.to, names: [name] });
  }
  const label = stale.unitLabel;
  const n = entries.length;
  return {
    kind: "period",
    said: (lang) => (lang === "vi" ? `kỳ đánh giá đã đổi ở ${unitCount(n, "vi", label)}` : `the assessment period changed for ${unitCount(n, "en", label)}`),
    names: (lang) => changes.map((c) => `${namesText(c.names, lang, label)}: ${periodChangeWords(c, lang)}`).join("; "),
  };
}

/** The sentence for the units of `groups` (staleGroups), ending with `advice`; without groups, that the figures changed. */
function unitsMessage(stale: StaleResults, groups: StaleGroup[], advice: Message): Message {
  const at = new Date(stale.scoredAt);
  const date = (lang: Lang): string => (Number.isNaN(at.getTime()) ? stale.scoredAt : formatDate(at, lang));
  const label = stale.unitLabel;
  // The units whose period alone changed are said in the period's clause, not among those whose figures changed.
  const clauses: StaleClause[] = [];
  for (const g of groups) {
    let group = g;
    if (g.periods) {
      const { periods, ...rest } = g;
      group = { ...rest, keys: g.keys.filter((_, i) => periods[i] === undefined), names: g.names.filter((_, i) => periods[i] === undefined) };
    }
    if (group.keys.length > 0) {
      const words = KIND_WORDS[group.kind];
      const n = group.keys.length;
      clauses.push({
        kind: group.kind,
        /** "12 sở, ban, ngành đã thay đổi số liệu" / "1 country's figures changed": a kind's units counted, and what happened to them. */
        said: (lang) => (lang === "vi" ? `${unitCount(n, "vi", label)} ${words.vi}` : words.en(unitCount(n, "en", label), n)),
        names: (lang) => namesText(staleGroupNames(group, lang), lang, label),
      });
    }
    if (g.kind === "changed") {
      const period = periodClause(stale, groups);
      if (period) clauses.push(period);
    }
  }
  if (!clauses.some((c) => c.kind === "period")) {
    const period = periodClause(stale, groups);
    if (period) clauses.unshift(period);
  }
  if (clauses.length === 0) {
    return {
      vi: `Kết quả đã cũ: số liệu đã thay đổi kể từ lần chấm điểm ngày ${date("vi")}. ${advice.vi}`,
      en: `The results are out of date: the figures changed since they were scored on ${date("en")}. ${advice.en}`,
    };
  }
  // The other units' points may change too (the index compares units); a form no longer read is
  // mended before scoring again, as the Check step says.
  const others = othersMayChangeNote(groups);
  const then = (lang: Lang): string =>
    `${others ? `${others[lang]} ` : ""}${clauses.some((k) => k.kind === "unreadable") ? `${RESTORE_HEADER_ROW[lang]} ` : ""}${advice[lang]}`;
  if (clauses.length === 1) {
    const k = clauses[0]!;
    return {
      vi: `Kết quả đã cũ: ${k.said("vi")} kể từ lần chấm điểm ngày ${date("vi")} (${k.names("vi")}). ${then("vi")}`,
      en: `The results are out of date: ${k.said("en")} since they were scored on ${date("en")} (${k.names("en")}). ${then("en")}`,
    };
  }
  const parts = (lang: Lang): string => clauses.map((k) => `${k.said(lang)} (${k.names(lang)})`).join("; ");
  return {
    vi: `Kết quả đã cũ: kể từ lần chấm điểm ngày ${date("vi")}, ${parts("vi")}. ${then("vi")}`,
    en: `The results are out of date: since they were scored on ${date("en")}, ${parts("en")}. ${then("en")}`,
  };
}

// ---------------------------------------------------------------------------------------------
// A new figure that the council's appraised figure beside it, unchanged since scoring, overrides

/** A cell as the flags of `_index` compare it with its copy (its text: `cell&""`); undefined for an error, which is not compared. */
function comparedText(v: CellValue | undefined): string | undefined {
  if (v === undefined || v === null) return "";
  if (isCellError(v)) return undefined;
  if (typeof v === "number") return String(atStoredPrecision(v));
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

/** A figure as a finding quotes it: a number as the language writes it, text in quotes. */
function figureWords(v: CellValue, lang: Lang): string {
  return typeof v === "number" ? cellNumberText(v, lang) : `"${cellText(v)}"`;
}

/** What a run found about the appraised figures (appraisedOverNewFigures): its warnings, and what `_index` records of them. */
export interface AppraisedFindings {
  issues: Issue[];
  /** The cells warned about, for the `_index` this run writes (IndexSheetState.appraised): said again by later runs while they hold. */
  records: AppraisedRecord[];
}

/**
 * Whether a `Số liệu` figure and the `Số liệu thẩm định` figure beside it are the same as the
 * reader reads them for `input` (readCell: numbers at the precision a workbook keeps them, choices
 * and yes/no answers as the reader tells them, "N/A" and "Không áp dụng" alike): a new figure equal
 * to the appraised one loses nothing.
 */
function sameAsRead(model: IndexModel, input: string, percent: ReadonlySet<string>, figure: { value: CellValue; cell: string }, appraised: { value: CellValue; cell: string }): boolean {
  if (comparedText(figure.value) === comparedText(appraised.value)) return true;
  const resolved = model.inputs.get(input);
  const indicator = resolved ? model.nodes.get(resolved.indicator) : undefined;
  if (!resolved || indicator?.kind !== "indicator") return false;
  const read = (c: { value: CellValue; cell: string }) =>
    readCell(c.value, { input: resolved, indicator, numberLocale: model.definition.numberLocale, ...(percent.has(c.cell) ? { shownAsPercent: true } : {}) });
  const a = read(figure);
  const b = read(appraised);
  if (a.kind === "na" && b.kind === "na") return true;
  if (a.kind !== "value" || b.kind !== "value") return false;
  if (typeof a.value === "number" && typeof b.value === "number") return atStoredPrecision(a.value) === atStoredPrecision(b.value);
  return a.value === b.value;
}

/**
 * The "appraised-over-new-figure" warnings: on a form (layout A) scored before, each input whose
 * `Số liệu` cell now holds another figure than when it was scored while the `Số liệu thẩm định`
 * cell beside it, which the reader takes instead, holds what it held then. The unit typed a new
 * figure (a new year's, copied into last year's scored workbook), and the council's figure of the
 * last scoring still wins, silently: said at the new figure's cell, with the way out. A new figure
 * the reader reads as the appraised one (sameAsRead) loses nothing and is not said.
 *
 * What the figures were when scored is the copy `_index` keeps of each unit's `Số liệu` and `Số
 * liệu thẩm định` columns (IndexSheetState.inputCopies): compared only where the copy is still in
 * step with the form (its sheet, and the rows of both columns those of the table's inputs now), so
 * that a row inserted or deleted since, or a column moved, says nothing rather than something
 * wrong. A workbook scored before the copies were kept says nothing.
 *
 * A figure typed again as it was (this year's the same as last year's) is no change the copy can
 * tell: on a form whose period changed since scoring (periodsChanged: recorded from this version
 * on) to another period (periodKey: not a typo's fix), the appraised figures still read as they
 * were scored are said once, at the first of them ("appraised-from-last-period"): most likely last
 * period's appraisal.
 *
 * Once scored again, the copies keep the new figure and the new period: what the scoring said is
 * then found in `_index`'s records of it (IndexSheetState.appraised: `records` of the run that
 * writes it), and said again, by the input, wherever its row is now, while the appraised figure
 * is still what it was and the new figure still not read as it (a figure), or the form's period
 * still another than that of the scoring the figure dates from (a period): an official who scores,
 * mends other findings and scores again is still told, until the appraised figure is cleared or
 * changed. Each sentence names the scoring the appraised figure dates from. A workbook whose last
 * scoring recorded none (an earlier version) has nothing said again.
 */
export function appraisedOverNewFigures(model: IndexModel, snapshot: WorkbookSnapshot, submissions: Submission[], state: IndexSheetState | null | undefined): AppraisedFindings {
  const found: AppraisedFindings = { issues: [], records: [] };
  const scoredAt = state?.provenance?.scoredAt;
  if (scoredAt === undefined || (!state?.inputCopies?.length && !state?.appraised?.length)) return found;
  const copies = new Map((state.inputCopies ?? []).map((c) => [`${c.unit}\u0000${c.sheet}`, c]));
  // What the last scoring recorded, by unit and input.
  const recorded = new Map<string, Map<string, AppraisedRecord[]>>();
  for (const r of state.appraised ?? []) {
    const byNode = recorded.get(r.unit) ?? new Map<string, AppraisedRecord[]>();
    byNode.set(r.node, [...(byNode.get(r.node) ?? []), r]);
    recorded.set(r.unit, byNode);
  }
  const periods = periodsChanged(snapshot, state, submissions);
  const periodNow = new Map(formPeriods(snapshot, submissions).map((f) => [unitKey(f.submission), f.period]));
  for (const s of submissions) {
    const src = s.source;
    if (src?.layout !== "A" || !src.cells) continue;
    const unit = unitKey(s);
    const copy = copies.get(`${unit}\u0000${src.sheet}`);
    const records = recorded.get(unit);
    if (!copy && !records) continue;
    const sheet = snapshot.sheets.find((x) => x.name === src.sheet && x.csvFile === undefined);
    const header = sheet ? findTableHeader(sheet) : undefined;
    if (!sheet || !header || header.cols.value === undefined || header.cols.appraised === undefined) continue;
    const valueColumn = header.cols.value + 1;
    const appraisedColumn = header.cols.appraised + 1;
    const copied = copy ? copiedFigures(copy, src.cells, valueColumn, appraisedColumn) : undefined;
    const at = (row: number, column: number): CellValue => sheet.values[row - 1]?.[column - 1] ?? null;
    /** The cells of the sheet that show their numbers as percentages (the reader's shownAsPercent), when needed. */
    let percent: Set<string> | undefined;
    const period = periodNow.get(unit) ?? "";
    const periodChange = periods.get(unit);
    /** The appraised figures read as they were scored under another period, by that period and scoring: last period's, most likely. */
    const keptOver = new Map<string, { from: string; since: string; cells: { cell: string; row: number; node: string; appraised: string }[] }>();
    for (const [code, address] of Object.entries(src.cells)) {
      let cell;
      try {
        cell = parseCell(address);
      } catch {
        continue;
      }
      // The input read from `Số liệu thẩm định`.
      if (cell.column !== appraisedColumn) continue;
      const { row } = cell;
      const figure = at(row, valueColumn);
      const appraised = at(row, appraisedColumn);
      const kept = comparedText(appraised);
      if (kept === undefined) continue;
      // What the last scoring said of this figure, still true of it: the same appraised figure.
      const said = (records?.get(code) ?? []).filter((r) => r.appraised === kept);
      const saidOfFigure = said.find((r) => r.kind === "figure");
      const saidOfPeriod = said.find((r) => r.kind === "period");
      // What the copy of the last scoring holds, where it is in step with the form.
      const figureThen = copied?.get(`${row}:${valueColumn}`);
      const appraisedThen = copied?.get(`${row}:${appraisedColumn}`);
      const keptSinceScoring = figureThen !== undefined && appraisedThen !== undefined && comparedText(appraisedThen) === kept;
      const now = comparedText(figure);
      const newFigure = !isBlank(figure) && now !== undefined && (saidOfFigure !== undefined || (keptSinceScoring && now !== comparedText(figureThen)));
      if (newFigure && !sameAsRead(model, code, (percent ??= new Set(sheet.percentCells ?? [])), { value: figure, cell: cellAddress(row, valueColumn) }, { value: appraised, cell: address })) {
        const since = (saidOfFigure ?? said[0])?.since ?? scoredAt;
        const figureCell = cellAddress(row, valueColumn);
        found.issues.push(appraisedOverNewIssue({ sheet: src.sheet, cell: figureCell, appraisedCell: address, unit, node: code, indicator: model.inputs.get(code)?.indicator, figure, appraised, since }));
        found.records.push({ kind: "figure", unit, node: code, sheet: src.sheet, cell: address, appraised: kept, other: now, since });
        continue;
      }
      // The period the appraised figure dates from: the one the last scoring said it did, else, kept
      // since that scoring, the one the form gave then. Said while the form gives another (periodKey:
      // a typo fixed, "2024" made "Năm 2024", is no other period).
      const from = saidOfPeriod ? { from: saidOfPeriod.other, since: saidOfPeriod.since } : keptSinceScoring && periodChange ? { from: periodChange.from, since: scoredAt } : undefined;
      if (!from || periodKey(from.from) === periodKey(period)) continue;
      const group = `${from.from}\u0000${from.since}`;
      if (!keptOver.has(group)) keptOver.set(group, { ...from, cells: [] });
      keptOver.get(group)!.cells.push({ cell: address, row, node: code, appraised: kept });
    }
    for (const g of keptOver.values()) {
      g.cells.sort((a, b) => a.row - b.row);
      found.issues.push(appraisedOfLastPeriodIssue({ sheet: src.sheet, cells: g.cells.map((k) => k.cell), unit, period: { from: g.from, to: period }, since: g.since }));
      for (const k of g.cells) found.records.push({ kind: "period", unit, node: k.node, sheet: src.sheet, cell: k.cell, appraised: k.appraised, other: g.from, since: g.since });
    }
  }
  return found;
}

/**
 * The copy of a unit's `Số liệu` and `Số liệu thẩm định` columns, cell by cell ("row:column"), when
 * it is in step with the form: both columns copied over the rows of the table's inputs now (`cells`).
 * Undefined when a row was inserted or deleted since, or a column moved.
 */
function copiedFigures(copy: InputCopy, cells: Record<string, string>, valueColumn: number, appraisedColumn: number): Map<string, CellValue> | undefined {
  const copied = new Map<string, CellValue>();
  const spans = new Map<number, { top: number; bottom: number }>();
  for (const r of copy.ranges) {
    if (r.sheet !== undefined || r.filled) continue;
    const { row, column } = parseCell(r.address);
    r.values.forEach((line, i) =>
      line.forEach((v, j) => {
        const c = column + j;
        if (c !== valueColumn && c !== appraisedColumn) return;
        copied.set(`${row + i}:${c}`, v);
        const span = spans.get(c);
        spans.set(c, { top: Math.min(span?.top ?? Infinity, row + i), bottom: Math.max(span?.bottom ?? -Infinity, row + i) });
      }),
    );
  }
  const rows = Object.values(cells).flatMap((a) => {
    try {
      return [parseCell(a).row];
    } catch {
      return [];
    }
  });
  const first = Math.min(...rows);
  const last = Math.max(...rows);
  const inStep = [valueColumn, appraisedColumn].every((c) => spans.get(c)?.top === first && spans.get(c)?.bottom === last);
  return inStep ? copied : undefined;
}

/** At most this many cells are named in appraisedOfLastPeriodIssue's sentence. */
const CELLS_SHOWN = 8;

/**
 * "Trang tính 'Sở Xây dựng', ô E18: kỳ đánh giá của phiếu đã đổi ("Năm 2024" → "Năm 2025") từ lần
 * chấm điểm 05/12/2026, nhưng 2 ô Số liệu thẩm định (E18, E27) vẫn giữ số liệu của lần chấm đó và
 * được dùng thay cho cột Số liệu; nếu đó là số liệu thẩm định của kỳ trước, hãy xóa các ô đó." —
 * at the first of them: a form whose period changed since it was scored (a new period's form made
 * from last period's scored workbook) whose appraised figures are still those then scored.
 */
function appraisedOfLastPeriodIssue(p: { sheet: string; cells: string[]; unit: string; period: { from: string; to: string }; since: string }): Issue {
  const at = new Date(p.since);
  const date = (lang: Lang): string => (Number.isNaN(at.getTime()) ? p.since : formatDate(at, lang));
  const shown = p.cells.slice(0, CELLS_SHOWN).join(", ") + (p.cells.length > CELLS_SHOWN ? ", …" : "");
  const n = p.cells.length;
  const where = issueLocation({ sheet: p.sheet, cell: p.cells[0]! });
  return {
    severity: "warning",
    code: "appraised-from-last-period",
    message: {
      vi: `${where.vi}kỳ đánh giá của phiếu đã đổi (${periodChangeWords(p.period, "vi")}) từ lần chấm điểm ${date("vi")}, nhưng ${n} ô Số liệu thẩm định (${shown}) vẫn giữ số liệu của lần chấm đó và được dùng thay cho cột Số liệu; nếu đó là số liệu thẩm định của kỳ trước, hãy xóa ${n === 1 ? "ô đó" : "các ô đó"}.`,
      en: `${where.en}the form's period changed (${periodChangeWords(p.period, "en")}) since it was scored on ${date("en")}, but ${n === 1 ? "1 appraised figure cell" : `${n} appraised figure cells`} (${shown}) still ${n === 1 ? "holds its figure" : "hold their figures"} of that scoring, used instead of the Value column; if ${n === 1 ? "it is" : "they are"} the last period's appraisal, clear ${n === 1 ? "it" : "them"}.`,
    },
    sheet: p.sheet,
    cell: p.cells[0]!,
    unit: p.unit,
  };
}

/**
 * "Trang tính 'Sở Xây dựng', ô D18: số liệu mới (4) không được dùng cho chỉ tiêu 1.4 vì ô E18 vẫn
 * có số liệu thẩm định (2) từ lần chấm điểm 05/12/2026; nếu số liệu thẩm định không còn đúng, hãy
 * xóa ô E18."
 */
function appraisedOverNewIssue(p: {
  sheet: string;
  cell: string;
  appraisedCell: string;
  unit: string;
  node: string;
  indicator: string | undefined;
  figure: CellValue;
  appraised: CellValue;
  since: string;
}): Issue {
  const at = new Date(p.since);
  const date = (lang: Lang): string => (Number.isNaN(at.getTime()) ? p.since : formatDate(at, lang));
  const input = p.indicator !== undefined && p.indicator !== p.node;
  const subject: Message = input
    ? { vi: `số liệu ${p.node} của chỉ tiêu ${p.indicator}`, en: `input ${p.node} of indicator ${p.indicator}` }
    : { vi: `chỉ tiêu ${p.node}`, en: `indicator ${p.node}` };
  const where = issueLocation({ sheet: p.sheet, cell: p.cell });
  const e = p.appraisedCell;
  return {
    severity: "warning",
    code: "appraised-over-new-figure",
    message: {
      vi: `${where.vi}số liệu mới (${figureWords(p.figure, "vi")}) không được dùng cho ${subject.vi} vì ô ${e} vẫn có số liệu thẩm định (${figureWords(p.appraised, "vi")}) từ lần chấm điểm ${date("vi")}; nếu số liệu thẩm định không còn đúng, hãy xóa ô ${e}.`,
      en: `${where.en}the new figure (${figureWords(p.figure, "en")}) is not used for ${subject.en}, as cell ${e} still holds the appraised figure (${figureWords(p.appraised, "en")}) it held when scored on ${date("en")}; if the appraised figure no longer holds, clear cell ${e}.`,
    },
    sheet: p.sheet,
    cell: p.cell,
    unit: p.unit,
    node: p.node,
  };
}
