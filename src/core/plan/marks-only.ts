/**
 * Issue marks without scores: the fills and notes on input cells a check found, and the `_index`
 * bookkeeping a later run (or "clear marks") needs to remove them again. Nothing else changes:
 * results, charts, scores and the provenance stamp stay as the last scoring run left them.
 */
import type { Lang } from "../i18n/text";
import type { Issue, Submission, WorkbookSnapshot, WritePlan } from "../types";
import { type IndexSheetState, planIndexSheet } from "./index-sheet";
import { sheetsWrittenByScoring } from "../read/read";
import { formLanguages, formsRenamed, marksToClear, planMarks, recordMarks } from "./plan";

export interface MarksOnlyOptions {
  lang: Lang;
  /** What the workbook's `_index` holds now (readIndexSheet); absent for a workbook never scored or marked. */
  previous?: IndexSheetState;
  /** The workbook as read: the fills the marks cover, restored when they are cleared. */
  snapshot?: WorkbookSnapshot;
  /**
   * The forms read now: a mark recorded on a form the user renamed since is cleared under the
   * sheet's new name. Without them, the hosts still find such a mark by its note (relocateMarks).
   */
  submissions?: Submission[];
}

export function planMarksOnly(issues: Issue[], options: MarksOnlyOptions): WritePlan {
  const { lang, previous, snapshot } = options;
  // No marks on the sheets scoring wrote (the one rule, sheetsWrittenByScoring).
  const owned = sheetsWrittenByScoring(snapshot ?? { sheets: [] }, previous ?? null);
  // Each form's notes in its own language, as scoring writes them (formLanguages).
  const marks = planMarks(issues, lang, owned, formLanguages(lang, options.submissions ?? [], snapshot, previous));
  const renamed = formsRenamed(previous, snapshot, options.submissions ?? []);
  const state: IndexSheetState = {
    ...(previous ?? { owned: { sheets: [], charts: [], cells: [] } }),
    marks: recordMarks(marks, previous, snapshot, renamed),
  };
  return { lang, owned: [planIndexSheet(state)], edits: [], marks, clearMarks: marksToClear(previous, renamed) };
}
