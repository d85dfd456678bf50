/**
 * What the reader left out of the scoring, as the results sheet lists it under the table and the
 * pane lists it among the findings. Light, with no planning: the pane loads it at its start.
 */
import type { Issue, Submission, WorkbookSnapshot } from "../types";
import type { NotScoredEntry } from "./results-sheet";

/**
 * The forms and table rows the reader left out of the scoring, each with its finding: a unit code
 * another form already has, a form of another index, a form whose table has lost its header, a
 * row with neither unit name nor code, a CSV line with more fields than its header. A finding is about a row when it is on a table of units
 * (a CSV file, a sheet of layout B, or a sheet with more than one such finding): a form is one unit.
 */
export function notScoredEntries(issues: Issue[], submissions: Submission[], snapshot?: WorkbookSnapshot): NotScoredEntry[] {
  const left = issues.filter(
    (i) =>
      i.code === "duplicate-unit" ||
      (i.code === "definition-mismatch" && i.severity === "error") ||
      (i.code === "layout-not-found" && i.sheet !== undefined) ||
      (i.code === "missing-unit-name" && i.severity === "error") ||
      i.code === "row-too-wide",
  );
  const tables = new Set(submissions.flatMap((s) => (s.source?.layout === "B" ? [s.source.sheet] : [])));
  for (const sheet of snapshot?.sheets ?? []) if (sheet.csvFile !== undefined) tables.add(sheet.name);
  const perSheet = new Map<string, number>();
  for (const i of left) if (i.sheet !== undefined) perSheet.set(i.sheet, (perSheet.get(i.sheet) ?? 0) + 1);
  return left.map((i) => {
    const row =
      i.code === "missing-unit-name" ||
      i.code === "row-too-wide" ||
      (i.code === "duplicate-unit" && i.sheet !== undefined && (tables.has(i.sheet) || (perSheet.get(i.sheet) ?? 0) > 1));
    return { kind: row ? "row" : "form", message: i.message, ...(i.sheet !== undefined ? { sheet: i.sheet } : {}) };
  });
}
