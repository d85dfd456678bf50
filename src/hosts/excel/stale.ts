/** Whether the results in the workbook are older than its inputs, and watching inputs change. */
import { parseDefinition } from "../../core/definition";
import { INDEX_SHEET, readIndexSheet, staleUnits } from "../../core/plan";
import { readSubmissions } from "../../core/read";
import type { Lang } from "../../core/i18n/text";
import type { WorkbookSnapshot } from "../../core/types";

export interface StaleReport {
  /** True when some unit's inputs changed, appeared or disappeared since the workbook was scored. */
  stale: boolean;
  changed: string[];
  added: string[];
  removed: string[];
}

/** Compares a fresh read with the provenance stamp in `_index`; null for a workbook never scored. */
export function staleFromSnapshot(snapshot: WorkbookSnapshot, lang: Lang = "vi"): StaleReport | null {
  const state = readIndexSheet(snapshot);
  if (!state?.provenance || state.definitionJson === undefined) return null;
  let definition: unknown;
  try {
    definition = JSON.parse(state.definitionJson);
  } catch {
    return null;
  }
  const parsed = parseDefinition(definition);
  if (!parsed.ok) return null;
  const owned = new Set([INDEX_SHEET, ...state.owned.sheets]);
  const inputs = { ...snapshot, sheets: snapshot.sheets.filter((s) => !owned.has(s.name)) };
  const { submissions } = readSubmissions(parsed.model, inputs, { lang });
  const diff = staleUnits(state, submissions);
  return { stale: diff.changed.length + diff.added.length + diff.removed.length > 0, ...diff };
}

/** Sheets whose edits are not input changes: the project's own. */
export function ownedSheets(snapshot: WorkbookSnapshot): Set<string> {
  const state = readIndexSheet(snapshot);
  return new Set([INDEX_SHEET, ...(state?.owned.sheets ?? [])]);
}
