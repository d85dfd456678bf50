/**
 * What score's and validate's --json add to the contract's object (README, "The command line")
 * besides `stale`: when the results were computed (`scoredAt`) and the period each unit's form
 * gives (`periods`), each present whenever it is known, not only when the results are out of date.
 */
import { readIndexSheet, unitKey } from "../core/plan";
import { formPeriods, statedPeriod } from "../core/read/periods";
import type { Submission, WorkbookSnapshot } from "../core/types";

export interface ScoringJson {
  /**
   * When the results the workbook holds once the command is done were computed, in UTC (ISO 8601,
   * `Z`), as `_index` records it: this run's for `score --out`, else the input's last scoring
   * (`stale.scoredAt` when those results are out of date). Absent when neither is known: a CSV
   * table, or a workbook never scored, without --out.
   */
  scoredAt?: string;
  /**
   * Each unit read from a form, by the key `stale` names units by (its code, else its name): the
   * assessment period (`Kỳ đánh giá`) its form gives, as the titles name it (formPeriods: a date
   * cell as the day it shows, "31/12/2024"; a day an earlier form gives written otherwise, as that
   * form writes it), null when the form's period cell is blank. A unit whose form has no period
   * cell, or read from a table of units (a CSV file, a sheet with a row a unit), is not in it; the
   * key is absent when no unit is. `stale.periods[k].to` is `periods[k]` for each unit whose period
   * changed since scoring.
   */
  periods?: Record<string, string | null>;
}

/**
 * The additions of --json for a run on `snapshot` (the workbook as read) that read `submissions`
 * (none when no unit was read). `scoredNow`: the time this run recorded in the workbook it wrote
 * (score --out), undefined when it wrote none.
 */
export function scoringJson(snapshot: WorkbookSnapshot | undefined, submissions: Submission[], scoredNow?: Date): ScoringJson {
  const scoredAt = scoredNow?.toISOString() ?? (snapshot ? readIndexSheet(snapshot)?.provenance?.scoredAt : undefined);
  const periods = snapshot ? unitPeriods(snapshot, submissions) : undefined;
  return { ...(scoredAt !== undefined ? { scoredAt } : {}), ...(periods !== undefined ? { periods } : {}) };
}

/** `periods` of ScoringJson: the first form of a unit key gives its period (a key read twice is a `duplicate-unit` finding). */
function unitPeriods(snapshot: WorkbookSnapshot, submissions: Submission[]): Record<string, string | null> | undefined {
  const given = new Map(formPeriods(snapshot, submissions).map((f) => [f.submission, f.period]));
  const sheets = new Map(snapshot.sheets.filter((s) => s.csvFile === undefined).map((s) => [s.name, s]));
  const out = new Map<string, string | null>();
  for (const s of submissions) {
    const key = unitKey(s);
    if (out.has(key)) continue;
    const period = given.get(s);
    if (period !== undefined) {
      out.set(key, period);
      continue;
    }
    // Not among formPeriods: a form whose period cell is blank (null), or no form's period cell at all (left out).
    const sheet = s.source?.layout === "A" ? sheets.get(s.source.sheet) : undefined;
    if (sheet !== undefined && statedPeriod(sheet)?.cell !== undefined) out.set(key, null);
  }
  return out.size > 0 ? Object.fromEntries(out) : undefined;
}
