/** Whether the results in the workbook are older than its inputs, and watching inputs change. */
import { readIndexSheet } from "../../core/plan/index-sheet";
import { staleResults } from "../../core/stale";
import type { Lang } from "../../core/i18n/text";
import type { WorkbookSnapshot } from "../../core/types";

export interface StaleReport {
  /** True when some unit's inputs changed, appeared or disappeared since the workbook was scored. */
  stale: boolean;
  changed: string[];
  added: string[];
  removed: string[];
  /** Unit names by key (code, or name without a code) for the units the workbook holds now. */
  names: Record<string, string>;
}

/** Compares a fresh read with the provenance stamp in `_index`; null for a workbook never scored. */
export function staleFromSnapshot(snapshot: WorkbookSnapshot, lang: Lang = "vi"): StaleReport | null {
  const state = readIndexSheet(snapshot);
  if (!state?.provenance || state.definitionJson === undefined) return null;
  const stale = staleResults(snapshot, undefined, lang, state);
  return stale
    ? { stale: true, changed: stale.changed, added: stale.added, removed: stale.removed, names: stale.names }
    : { stale: false, changed: [], added: [], removed: [], names: {} };
}
