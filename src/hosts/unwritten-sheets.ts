/**
 * A plan without what it would write on some sheets: a host leaves a unit's form that a password
 * protects as it is (its `Điểm` column, summary and marks unwritten) and writes the rest, and what
 * the user is told about it. Pure; for both hosts.
 */
import { withMarksOfSheetsUnwritten } from "../core/plan/index-sheet";
import { UNPROTECT_SHEET_STEPS } from "../core/plan/labels";
import type { SheetMessage } from "../core/i18n/text";
import type { OwnedSheetPlan, WritePlan } from "../core/types";

/** What the user is told about a sheet that a password protects. */
export function passwordProtectedMessage(sheet: string, kind: "score" | "mark" | "clear" = "score"): SheetMessage {
  if (kind === "mark") {
    return {
      sheet,
      vi: `Trang '${sheet}' được bảo vệ bằng mật khẩu nên các ô có vấn đề trên trang này chưa được đánh dấu. Hãy bỏ bảo vệ trang (${UNPROTECT_SHEET_STEPS.vi}) rồi đánh dấu lại; các trang khác đã được đánh dấu.`,
      en: `The sheet '${sheet}' is protected with a password, so the cells with issues on it were not marked. Unprotect the sheet (${UNPROTECT_SHEET_STEPS.en}) and mark again; the other sheets were marked.`,
    };
  }
  if (kind === "clear") {
    return {
      sheet,
      vi: `Trang '${sheet}' được bảo vệ bằng mật khẩu nên các đánh dấu trên trang này chưa được xóa. Hãy bỏ bảo vệ trang (${UNPROTECT_SHEET_STEPS.vi}) rồi xóa đánh dấu lại; các trang khác đã được xóa.`,
      en: `The sheet '${sheet}' is protected with a password, so its marks were not cleared. Unprotect the sheet (${UNPROTECT_SHEET_STEPS.en}) and clear the marks again; the other sheets were cleared.`,
    };
  }
  return {
    sheet,
    vi: `Trang '${sheet}' được bảo vệ bằng mật khẩu nên điểm và các đánh dấu của trang này chưa được ghi. Hãy bỏ bảo vệ trang (${UNPROTECT_SHEET_STEPS.vi}) rồi chấm điểm lại; các trang khác đã được ghi đầy đủ.`,
    en: `The sheet '${sheet}' is protected with a password, so its scores and marks were not written. Unprotect the sheet (${UNPROTECT_SHEET_STEPS.en}) and score again; the other sheets were written in full.`,
  };
}

/**
 * Whether all `plan` would do on `sheet` is its printed page header (the instructions sheet a
 * scoring run gives the period of the forms): left as it is when a password protects the sheet,
 * without a word, since nothing of the scoring is missing from it.
 */
export function onlyPageHeaderOn(plan: WritePlan, sheet: string): boolean {
  const name = sheet.toLowerCase();
  const on = (s: string) => s.toLowerCase() === name;
  const edits = plan.edits.filter((e) => on(e.sheet));
  return (
    edits.length > 0 &&
    edits.every((e) => e.blocks.length === 0) &&
    !plan.marks.some((m) => on(m.sheet)) &&
    !plan.clearMarks.some((m) => on(m.sheet)) &&
    !plan.owned.some((o) => on(o.name))
  );
}

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
