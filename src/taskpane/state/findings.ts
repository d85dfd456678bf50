/**
 * The Check step's findings: a finding's sentence inside its unit's group without the place it
 * begins with (core/finding-text.ts: the pane shows the place on its own line, the go-to link),
 * the summary of what was checked, what was left out, and the units as the index calls them.
 */
import type { LocalizedText } from "../../core/definition/schema";
import { type Lang, foldText, formatNumber } from "../../core/i18n/text";
import { unitCount } from "../../core/plan/labels";
import { notScoredEntries } from "../../core/plan/not-scored";
import type { Issue, Severity } from "../../core/types";
import { type StringKey, t } from "../i18n";

export { capitalizeFirst, findingWithoutLocation, locationPrefixes } from "../../core/finding-text";

/**
 * The forms (and rows of a table of units) the reader leaves out of scoring, as the command line
 * counts them: a unit code another form already has, a form of another index, a form whose table
 * lost its header, a row with no unit.
 */
export function leftOutCounts(issues: Issue[]): { forms: number; rows: number } {
  const entries = notScoredEntries(issues, []);
  const rows = entries.filter((e) => e.kind === "row").length;
  return { forms: entries.length - rows, rows };
}

/**
 * "1 phiếu sẽ không được chấm: xem các lỗi bên dưới." after a check, "1 phiếu chưa được chấm: xem
 * bước Kiểm tra." after scoring; nothing when the reader left nothing out.
 */
export function leftOutSentences(issues: Issue[], after: "check" | "score", lang: Lang): string[] {
  const { forms, rows } = leftOutCounts(issues);
  const keys: [StringKey, StringKey] = after === "check" ? ["checkLeftOutForms", "checkLeftOutRows"] : ["scoreLeftOutForms", "scoreLeftOutRows"];
  return [...(forms > 0 ? [t(lang, keys[0], { count: forms })] : []), ...(rows > 0 ? [t(lang, keys[1], { count: rows })] : [])];
}

/**
 * "1 phiếu chưa được chấm", "1 phiếu và 2 dòng chưa được chấm" / "1 form not scored": the forms
 * and rows the reader leaves out, as the command line counts them (not among the units checked);
 * undefined when it left nothing out.
 */
export function notScoredText(issues: Issue[], lang: Lang): string | undefined {
  const { forms, rows } = leftOutCounts(issues);
  if (forms + rows === 0) return undefined;
  const counts = [...(forms > 0 ? [t(lang, "formsCount", { count: forms })] : []), ...(rows > 0 ? [t(lang, "rowsCount", { count: rows })] : [])];
  return t(lang, "checkNotScored", { counts: counts.join(lang === "vi" ? " và " : " and ") });
}

/**
 * "8 sở, ban, ngành", "20 tỉnh" / "1 department", "20 provinces": a count of units called as the
 * index calls them (its `unitLabel`), as the command line and the results sheet count them
 * (unitCount); "đơn vị" / "units" when it says nothing. The number as the pane writes numbers ("1.234").
 */
export function unitsCountText(n: number, lang: Lang, unitLabel?: LocalizedText): string {
  const text = unitCount(n, lang, unitLabel);
  return `${formatNumber(n, lang)}${text.slice(String(n).length)}`;
}

/**
 * "tỉnh" / "province", with `plural` "provinces": a unit as the index calls it (its `unitLabel`),
 * with no count, as unitsCountText words it; "đơn vị" / "unit" when it says nothing.
 */
export function unitWordText(lang: Lang, unitLabel?: LocalizedText, plural = false): string {
  const text = unitCount(plural ? 2 : 1, lang, unitLabel);
  return text.slice(text.indexOf(" ") + 1);
}

/**
 * The Check step's summary, as its key and the pieces that fill it: "20 tỉnh: 3 lỗi và 1 cảnh
 * báo", and with forms the reader left out, "20 tỉnh và 1 phiếu chưa được chấm: 3 lỗi và 1 cảnh
 * báo" (those forms are among the findings listed under it, not among the units counted).
 * `counts`: the findings by severity; `unitLabel`: what the index calls a unit (unitsCountText).
 */
export function checkSummary(
  issues: Issue[],
  counts: Record<Severity, number>,
  unitsChecked: number,
  lang: Lang,
  unitLabel?: LocalizedText,
): { key: StringKey; params: Record<string, string> } {
  const notScored = notScoredText(issues, lang);
  return {
    key: notScored === undefined ? "checkSummary" : "checkSummaryNotScored",
    params: {
      units: unitsCountText(unitsChecked, lang, unitLabel),
      ...(notScored !== undefined ? { notScored } : {}),
      errors: t(lang, "countErrors", { count: counts.error }),
      warnings: t(lang, "countWarnings", { count: counts.warning }),
      infos: t(lang, "countInfos", { count: counts.info }),
    },
  };
}

/**
 * What "Errors only" shows when there is no error: what there is instead (warnings, notes).
 * Undefined when there are errors to show, or no findings at all.
 */
export function noErrorsText(counts: Record<Severity, number>, lang: Lang): string | undefined {
  if (counts.error > 0) return undefined;
  if (counts.warning > 0 && counts.info > 0) return t(lang, "filterNoErrorsBoth");
  if (counts.warning > 0) return t(lang, "filterNoErrorsWarnings");
  if (counts.info > 0) return t(lang, "filterNoErrorsInfos");
  return undefined;
}

/**
 * Whether a unit answers the search `query`: its name or its code holds what was typed, whatever
 * the case, the diacritics (typed or not, composed or not: "ha noi" finds "Hà Nội") and the
 * spaces around. Every unit answers an empty search.
 */
export function unitSearch(query: string): (name: string, code?: string) => boolean {
  const q = foldText(query);
  if (q === "") return () => true;
  return (name, code) => foldText(name).includes(q) || (code !== undefined && foldText(code).includes(q));
}

/** How many units a long list draws at first, and how many more each "Hiện thêm" draws. */
export const LIST_PAGE = 50;
