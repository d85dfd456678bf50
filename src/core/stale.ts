/**
 * Whether the results kept in a scored workbook are older than its inputs: the provenance stamp
 * of `_index` (one hash per unit's inputs) against what the workbook holds now. One comparison
 * for the command line, the Excel host and the pane.
 */
import { definitionHash, parseDefinition } from "./definition";
import type { IndexModel } from "./definition/model";
import { type IndexSheetState, inputsHash, readIndexSheet, staleUnits, unitKey } from "./plan";
import { readSubmissions } from "./read";
import type { Lang } from "./i18n/text";
import type { Submission, WorkbookSnapshot } from "./types";

export interface StaleResults {
  /** When the results in the workbook were computed (ISO time of the provenance stamp). */
  scoredAt: string;
  /** Unit keys (code, or name when there is none) whose inputs changed, appeared or disappeared. */
  changed: string[];
  added: string[];
  removed: string[];
  /** Unit names by key, for the units the workbook holds now (a removed unit is known by its key). */
  names: Record<string, string>;
}

/** The workbook's inputs read with the definition kept in `_index` (the one the stamp was made with). */
export function submissionsAsScored(snapshot: WorkbookSnapshot, state: IndexSheetState, lang: Lang = "vi"): Submission[] | undefined {
  if (state.definitionJson === undefined) return undefined;
  let embedded: unknown;
  try {
    embedded = JSON.parse(state.definitionJson);
  } catch {
    return undefined;
  }
  const parsed = parseDefinition(embedded);
  if (!parsed.ok) return undefined;
  // The reader leaves out `_index` and the sheets it records as the project's (`state`, not read again).
  return readSubmissions(parsed.model, snapshot, { lang, indexSheet: state }).submissions;
}

/**
 * The units whose inputs changed since the workbook was scored; undefined when it holds no earlier
 * results or they are up to date. `current` (submissions already read with `model`) saves a read
 * when `model` is the definition the workbook was scored with; `state` (`_index` already read,
 * null: none) saves parsing `_index` again.
 */
export function staleResults(
  snapshot: WorkbookSnapshot,
  current?: { model: IndexModel; submissions: Submission[] },
  lang: Lang = "vi",
  state: IndexSheetState | null | undefined = readIndexSheet(snapshot),
): StaleResults | undefined {
  const stamp = state?.provenance;
  if (!state || !stamp) return undefined;
  const submissions =
    current && definitionHash(current.model.definition) === stamp.definitionHash ? current.submissions : submissionsAsScored(snapshot, state, lang);
  if (!submissions) return undefined;
  const names = Object.fromEntries(submissions.map((s) => [unitKey(s), s.name]));
  if (Object.keys(stamp.unitHashes).length === 0) {
    // A stamp without per-unit hashes: only the hash of all inputs can say something changed.
    return inputsHash(submissions) === stamp.inputsHash ? undefined : { scoredAt: stamp.scoredAt, changed: [], added: [], removed: [], names };
  }
  const diff = staleUnits(state, submissions);
  if (diff.changed.length + diff.added.length + diff.removed.length === 0) return undefined;
  return { scoredAt: stamp.scoredAt, ...diff, names };
}
