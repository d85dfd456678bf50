/**
 * Whether the results kept in a scored workbook are older than its inputs: the provenance stamp
 * of `_index` (one hash per unit's inputs) against what the workbook holds now, and whether they
 * were computed with another index or version than the one in use. One comparison, and one
 * sentence saying it, for the command line, the Excel host and the pane.
 */
import { definitionHash, parseDefinition } from "./definition";
import type { IndexModel } from "./definition/model";
import { type IndexSheetState, inputsHash, readIndexSheet, staleUnits, unitKey } from "./plan";
import { readSubmissions } from "./read";
import { detectLayoutA } from "./collect";
import { type IndexRef, indexWords } from "./index-words";
import { formatDate, type Lang, type Message } from "./i18n/text";
import type { Issue, Submission, WorkbookSnapshot } from "./types";

export interface StaleResults {
  /** When the results in the workbook were computed (ISO time of the provenance stamp). */
  scoredAt: string;
  /**
   * Unit keys (code, or name when there is none) whose inputs changed, appeared or disappeared.
   * `changed` includes the units of `otherIndex`.
   */
  changed: string[];
  added: string[];
  removed: string[];
  /**
   * The units scored then whose form now names another index or version in its `Bộ chỉ số` cell,
   * so that the definition the results were computed with skips it: its form changed, it is not gone.
   */
  otherIndex: string[];
  /**
   * The index the results were computed with, when it is another index or version than the one in
   * use now (`inUse`); absent when they are the same, or when the one in use is not known.
   */
  scoredWith?: IndexRef;
  inUse?: IndexRef;
  /** Unit names by key, for the units the workbook holds now (a removed unit is known by its key). */
  names: Record<string, string>;
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

/** The index the results were computed with and the one in use, when they are other indices or versions. */
export interface OtherIndex {
  scoredWith: IndexRef;
  inUse: IndexRef;
}

function otherIndexOf(then: IndexModel, now: IndexModel): OtherIndex | undefined {
  const scoredWith = indexRef(then);
  const inUse = indexRef(now);
  return scoredWith.id !== inUse.id || scoredWith.version !== inUse.version ? { scoredWith, inUse } : undefined;
}

/**
 * Whether the results `_index` keeps were computed with another index or version than `model`
 * (undefined: the same one, or a workbook never scored). Only `_index` is read: the forms need
 * not be, so that the pane can say it as soon as another index is chosen.
 */
export function scoredWithAnother(state: IndexSheetState | null | undefined, model: IndexModel): OtherIndex | undefined {
  if (!state?.provenance) return undefined;
  const then = modelAsScored(state);
  return then ? otherIndexOf(then, model) : undefined;
}

/**
 * The units whose forms the reading skipped for naming another index ("definition-mismatch"), by
 * key, with their names from the forms' header blocks.
 */
function formsOfAnotherIndex(snapshot: WorkbookSnapshot, issues: Issue[]): Map<string, string | undefined> {
  const units = new Map<string, string | undefined>();
  for (const issue of issues) {
    // A warning is about a form that was read (made from a copy of the index in use): not skipped.
    if (issue.code !== "definition-mismatch" || issue.severity !== "error" || issue.unit === undefined) continue;
    const sheet = snapshot.sheets.find((s) => s.name === issue.sheet);
    units.set(issue.unit, sheet ? detectLayoutA(sheet)?.unitName : undefined);
  }
  return units;
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
  const sameDefinition = current !== undefined && definitionHash(current.model.definition) === stamp.definitionHash;
  const asScored = sameDefinition ? undefined : readAsScored(snapshot, state, lang);
  const submissions = sameDefinition ? current.submissions : asScored?.submissions;
  if (!submissions) return undefined;
  const issues = (sameDefinition ? current.issues : asScored?.issues) ?? [];
  // Scored with another index or version than the one in use (a definition of the same id and
  // version whose content changed is compared unit by unit, as before).
  const otherDefinition = (asScored && current ? otherIndexOf(asScored.model, current.model) : undefined) ?? {};

  const names: Record<string, string> = Object.fromEntries(submissions.map((s) => [unitKey(s), s.name]));
  if (Object.keys(stamp.unitHashes).length === 0) {
    // A stamp without per-unit hashes: only the hash of all inputs can say something changed.
    const same = inputsHash(submissions) === stamp.inputsHash;
    if (same && !("scoredWith" in otherDefinition)) return undefined;
    return { scoredAt: stamp.scoredAt, changed: [], added: [], removed: [], otherIndex: [], ...otherDefinition, names };
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
  const changed = [...diff.changed, ...otherIndex];
  const removed = diff.removed.filter((k) => !skipped.has(k));
  if (changed.length + diff.added.length + removed.length === 0 && !("scoredWith" in otherDefinition)) return undefined;
  return { scoredAt: stamp.scoredAt, changed, added: diff.added, removed, otherIndex, ...otherDefinition, names };
}

/** At most this many units are named in the sentence. */
const NAMES_SHOWN = 5;

function namesText(keys: string[], nameOf: (key: string) => string, lang: Lang): string {
  const shown = keys.slice(0, NAMES_SHOWN).map(nameOf);
  const more = keys.length - shown.length;
  if (more > 0) shown.push(lang === "vi" ? `và ${more} đơn vị khác` : `and ${more} more`);
  return shown.join(", ");
}

/** "Hãy chấm điểm lại." after a colon: "hãy chấm điểm lại." */
function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * "Kết quả trong sổ được chấm theo bộ chỉ số "X" phiên bản mau-2023; bộ chỉ số đang dùng là phiên
 * bản mau-2024: hãy chấm điểm lại." (`advice`, lowered after the colon).
 */
export function otherIndexMessage(other: OtherIndex, advice: Message): Message {
  const { scoredWith: then, inUse: now } = other;
  return {
    vi: `Kết quả trong sổ được chấm theo bộ chỉ số ${indexWords(then, now, "vi")}; bộ chỉ số đang dùng là ${indexWords(now, then, "vi", true)}: ${lowerFirst(advice.vi)}`,
    en: `The results in the workbook were scored with the index ${indexWords(then, now, "en")}; the index in use is ${indexWords(now, then, "en", true)}: ${lowerFirst(advice.en)}`,
  };
}

/**
 * The sentence for results older than the workbook's inputs, ending with `advice` (what to do
 * where it is shown: "Hãy chấm điểm lại."):
 * - scored with another index or version: "Kết quả trong sổ được chấm theo bộ chỉ số "X" phiên
 *   bản mau-2023; bộ chỉ số đang dùng là phiên bản mau-2024: hãy chấm điểm lại.";
 * - otherwise the units, by name where the workbook has one: "Kết quả đã cũ: 1 đơn vị đã thay đổi
 *   số liệu từ lần chấm điểm 01/12/2026 (Sở Xây dựng). Hãy chấm điểm lại." A unit whose form now
 *   names another index is said to be so, not to be gone.
 */
export function staleMessage(stale: StaleResults, nameOf: (key: string) => string, advice: Message): Message {
  if (stale.scoredWith && stale.inUse) return otherIndexMessage({ scoredWith: stale.scoredWith, inUse: stale.inUse }, advice);
  const at = new Date(stale.scoredAt);
  const date = (lang: Lang): string => (Number.isNaN(at.getTime()) ? stale.scoredAt : formatDate(at, lang));
  const otherIndex = new Set(stale.otherIndex);
  const kinds = [
    {
      keys: stale.changed.filter((k) => !otherIndex.has(k)),
      vi: "đã thay đổi số liệu",
      en: (n: number) => (n === 1 ? "unit's figures changed" : "units' figures changed"),
    },
    {
      keys: stale.otherIndex,
      vi: "có phiếu đã đổi sang bộ chỉ số khác",
      en: (n: number) => (n === 1 ? "unit's form was changed to another index" : "units' forms were changed to another index"),
    },
    { keys: stale.added, vi: "mới có trong sổ", en: (n: number) => (n === 1 ? "unit is new" : "units are new") },
    { keys: stale.removed, vi: "không còn trong sổ", en: (n: number) => (n === 1 ? "unit is gone" : "units are gone") },
  ].filter((k) => k.keys.length > 0);
  if (kinds.length === 0) {
    return {
      vi: `Kết quả đã cũ: số liệu đã thay đổi từ lần chấm điểm ${date("vi")}. ${advice.vi}`,
      en: `The results are out of date: the figures changed since they were scored on ${date("en")}. ${advice.en}`,
    };
  }
  if (kinds.length === 1) {
    const k = kinds[0]!;
    const n = k.keys.length;
    return {
      vi: `Kết quả đã cũ: ${n} đơn vị ${k.vi} từ lần chấm điểm ${date("vi")} (${namesText(k.keys, nameOf, "vi")}). ${advice.vi}`,
      en: `The results are out of date: ${n} ${k.en(n)} since they were scored on ${date("en")} (${namesText(k.keys, nameOf, "en")}). ${advice.en}`,
    };
  }
  const parts = (lang: Lang): string =>
    kinds
      .map((k) => {
        const n = k.keys.length;
        return `${n} ${lang === "vi" ? `đơn vị ${k.vi}` : k.en(n)} (${namesText(k.keys, nameOf, lang)})`;
      })
      .join("; ");
  return {
    vi: `Kết quả đã cũ: từ lần chấm điểm ${date("vi")}, ${parts("vi")}. ${advice.vi}`,
    en: `The results are out of date: since they were scored on ${date("en")}, ${parts("en")}. ${advice.en}`,
  };
}
