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
import { type IndexSheetState, inputsHash, readIndexSheet, staleUnits, unitHashMatches, unitKey } from "./plan/index-sheet";
import { indexComparesUnits } from "./plan/index-sheet";
import { isUnitHeaders, lowerFirst, othersMayChange, unitCount } from "./plan/labels";
import { readSubmissions } from "./read";
import { formWithoutTable } from "./read/layout-a";
import { isBlank, keyText } from "./read/sheet";
import { detectLayoutA } from "./collect";
import { type IndexRef, indexWords } from "./index-words";
import { formatDate, type Lang, type Message, localize } from "./i18n/text";
import type { LocalizedText } from "./definition/schema";
import type { Issue, Submission, WorkbookSnapshot } from "./types";

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
 * their inputs give the hash the stamp holds.
 */
function renamedUnits(changed: string[], state: IndexSheetState, submissions: Submission[], then: Map<string, string>): string[] {
  const before = state.provenance?.unitHashes ?? {};
  const byKey = new Map(submissions.map((s) => [unitKey(s), s]));
  return changed.filter((k) => {
    const s = byKey.get(k);
    const former = then.get(k);
    if (!s || former === undefined || former === s.name) return false;
    const hash = before[k];
    return hash !== undefined && unitHashMatches(state, { ...s, name: former }, hash);
  });
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
  const changed = [...diff.changed, ...otherIndex, ...unreadable];
  const removed = diff.removed.filter((k) => !skipped.has(k) && !unread.has(k));
  if (changed.length + diff.added.length + removed.length === 0 && other === undefined) return undefined;
  // What the last results table called the units: a unit gone is named as it was, and a unit whose
  // name alone changed is told apart from one whose figures changed.
  const then = namesAsScored(snapshot, state);
  for (const k of [...removed, ...unreadable.filter((k) => unread.get(k)!.name === undefined)]) {
    const name = then.get(k);
    if (name !== undefined) names[k] = name;
  }
  const renamed = renamedUnits(diff.changed, state, submissions, then);
  // Every unit whose name changed, its figures too or not: the banner names it "former → now".
  const formerNames = Object.fromEntries(diff.changed.filter((k) => then.has(k) && then.get(k) !== names[k]).map((k) => [k, then.get(k)!]));
  return { scoredAt: stamp.scoredAt, changed, added: diff.added, removed, renamed, formerNames, otherIndex, unreadable, sheets, ...otherDefinition, names, ...compares, ...labelled };
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
  return groups
    .filter((g) => g.keys.length > 0)
    .map((g) => ({
      ...g,
      names: g.keys.map((k) => ((g.kind === "renamed" || g.kind === "changed") && stale.formerNames[k] !== undefined ? `${stale.formerNames[k]} → ${shown(k)}` : shown(k))),
      ...(g.kind === "unreadable" ? { sheets: g.keys.map((k) => stale.sheets[k] ?? k) } : {}),
      ...(stale.comparesUnits && g.kind !== "renamed" ? { othersMayChange: true as const } : {}),
      ...(stale.unitLabel !== undefined ? { unitLabel: stale.unitLabel } : {}),
    }));
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
  const { sheets } = group;
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
  added: { vi: "mới có trong sổ", en: (u, n) => `${u} ${n === 1 ? "is" : "are"} new` },
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
 *   name: "Kết quả đã cũ: 1 sở, ban, ngành đã thay đổi số liệu từ lần chấm điểm 01/12/2026 (Sở
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

/** The sentence for the units of `groups` (staleGroups), ending with `advice`; without groups, that the figures changed. */
function unitsMessage(stale: StaleResults, groups: StaleGroup[], advice: Message): Message {
  const at = new Date(stale.scoredAt);
  const date = (lang: Lang): string => (Number.isNaN(at.getTime()) ? stale.scoredAt : formatDate(at, lang));
  const kinds = groups.map((g) => ({ ...g, ...KIND_WORDS[g.kind] }));
  if (kinds.length === 0) {
    return {
      vi: `Kết quả đã cũ: số liệu đã thay đổi từ lần chấm điểm ${date("vi")}. ${advice.vi}`,
      en: `The results are out of date: the figures changed since they were scored on ${date("en")}. ${advice.en}`,
    };
  }
  // The other units' points may change too (the index compares units); a form no longer read is
  // mended before scoring again, as the Check step says.
  const others = othersMayChangeNote(groups);
  const then = (lang: Lang): string =>
    `${others ? `${others[lang]} ` : ""}${kinds.some((k) => k.kind === "unreadable") ? `${RESTORE_HEADER_ROW[lang]} ` : ""}${advice[lang]}`;
  const label = stale.unitLabel;
  /** "12 sở, ban, ngành đã thay đổi số liệu" / "1 country's figures changed": a kind's units counted, and what happened to them. */
  const said = (k: (typeof kinds)[number], lang: Lang): string => {
    const n = k.keys.length;
    const units = unitCount(n, lang, label);
    return lang === "vi" ? `${units} ${k.vi}` : k.en(units, n);
  };
  const names = (k: (typeof kinds)[number], lang: Lang): string => namesText(staleGroupNames(k, lang), lang, label);
  if (kinds.length === 1) {
    const k = kinds[0]!;
    return {
      vi: `Kết quả đã cũ: ${said(k, "vi")} từ lần chấm điểm ${date("vi")} (${names(k, "vi")}). ${then("vi")}`,
      en: `The results are out of date: ${said(k, "en")} since they were scored on ${date("en")} (${names(k, "en")}). ${then("en")}`,
    };
  }
  const parts = (lang: Lang): string =>
    kinds.map((k) => `${said(k, lang)} (${names(k, lang)})`).join("; ");
  return {
    vi: `Kết quả đã cũ: từ lần chấm điểm ${date("vi")}, ${parts("vi")}. ${then("vi")}`,
    en: `The results are out of date: since they were scored on ${date("en")}, ${parts("en")}. ${then("en")}`,
  };
}
