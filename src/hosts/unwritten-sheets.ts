/**
 * A plan without what it would write on some sheets: a host leaves a unit's form that a password
 * protects as it is (its `Điểm` column, summary and marks unwritten) and writes the rest. Pure; for
 * both hosts (the Excel host's own copy, `withoutSheets` in excel/apply.ts, can use this one).
 */
import { withMarksOfSheetsUnwritten } from "../core/plan/index-sheet";
import type { OwnedSheetPlan, WritePlan } from "../core/types";

/** What the user is told about a form a password protects: the Excel host's sentence, for both hosts. */
export { passwordProtectedMessage } from "./excel/apply";

/** The plan without the edits, marks and owned sheets of the given sheets (lower-case names). */
export function withoutSheets(plan: WritePlan, skip: Set<string>): WritePlan {
  if (!skip.size) return plan;
  const keep = (name: string) => !skip.has(name.toLowerCase());
  // `_index` must say what is really in the workbook: on a sheet left as it was, the new marks
  // were not made and the earlier ones are still there, so the next run or "clear marks" finds them.
  const stillMarked = plan.clearMarks.filter((m) => !keep(m.sheet));
  const index = (o: OwnedSheetPlan): OwnedSheetPlan => withMarksOfSheetsUnwritten(o, (name) => !keep(name), stillMarked);
  return {
    ...plan,
    owned: plan.owned.filter((o) => keep(o.name)).map(index),
    edits: plan.edits.filter((e) => keep(e.sheet)),
    marks: plan.marks.filter((m) => keep(m.sheet)),
    clearMarks: plan.clearMarks.filter((m) => keep(m.sheet)),
  };
}
