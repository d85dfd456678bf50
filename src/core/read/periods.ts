/**
 * Forms that give different assessment periods (`Kỳ đánh giá`). The results sheet's title, its
 * printed page headers and the charts' titles name the period the forms state, and list every one
 * when they differ ("Kỳ đánh giá (các phiếu ghi khác nhau): Năm 2025, 2025": periodText in
 * plan/labels.ts), which names no form. These warnings do, at each form's period cell: the forms
 * whose period is not the one most forms give (every form of a period tied for the most, when no
 * single period is), saying which period the others give.
 */
import { foldText, formatNumber, type Message, normalizeText } from "../i18n/text";
import { unitKey } from "../plan/index-sheet";
import type { Issue, SheetSnapshot, Submission, WorkbookSnapshot } from "../types";
import { findTableHeader, readHeaderBlock } from "./layout-a";
import { issueLocation } from "./messages";
import { isBlank, keyText } from "./sheet";

/** How many periods a sentence names before "…". */
const NAMED_PERIODS = 3;

/** One form's stated period and where it is. */
export interface FormPeriod {
  submission: Submission;
  sheet: string;
  period: string;
  cell: string;
}

/**
 * The period each scored form (layout A) states in its `Kỳ đánh giá` cell, in the order of the
 * submissions: the cell's text as the reader keeps it (keyText: NFC, spaces folded, invisible
 * characters dropped), trimmed; a form with none, or a blank one, is left out. The one reading for
 * the titles (statedPeriods in plan/plan.ts) and the warnings (periodIssues). A table of units
 * (layout B) has no period per unit.
 */
export function formPeriods(snapshot: WorkbookSnapshot | undefined, submissions: Submission[]): FormPeriod[] {
  const sheets = new Map((snapshot?.sheets ?? []).filter((s) => s.csvFile === undefined).map((s) => [s.name, s]));
  const out: FormPeriod[] = [];
  for (const submission of submissions) {
    const source = submission.source;
    const sheet = source?.layout === "A" ? sheets.get(source.sheet) : undefined;
    const stated = sheet ? statedPeriod(sheet) : undefined;
    if (sheet && stated?.cell && stated.period !== "") out.push({ submission, sheet: sheet.name, period: stated.period, cell: stated.cell });
  }
  return out;
}

/**
 * The period a form (layout A) states in its `Kỳ đánh giá` cell, as formPeriods reads it ("" when
 * the cell is blank or the header block has none), and the cell; undefined when its table, and so
 * its header block, is not found.
 */
export function statedPeriod(sheet: SheetSnapshot): { period: string; cell?: string } | undefined {
  const table = findTableHeader(sheet);
  if (!table) return undefined;
  const cell = readHeaderBlock(sheet, table).period;
  const period = cell && !isBlank(cell.value) ? keyText(cell.value).trim() : "";
  return cell ? { period, cell: cell.address } : { period };
}

/**
 * A period as periods are compared for being the same one (the appraised figures' warnings, the
 * forms collected into a workbook of another period): folded (case, diacritics, spacing), and
 * without what only says it is a period ("Năm", "Kỳ đánh giá", "year", "period") or punctuates it,
 * so that "2024", "Năm 2024" and "năm  2024." are one period, "Năm 2024" and "Năm 2025", "Quý
 * I/2024" and "Quý II/2024" two.
 */
export function periodKey(period: string): string {
  return foldText(normalizeText(period))
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/[.,:;!?()[\]"'\u201c\u201d\u2018\u2019]/g, " ")
    .replace(/(?<![a-z])(ky danh gia|assessment period|period|nam|year)(?![a-z])/g, " ")
    .replace(/\s*([-/])\s*/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The "period-differs" warnings: one at the `Kỳ đánh giá` cell of each scored form (layout A)
 * whose period differs from the period most forms give, or, when two or more periods are given by
 * the most forms alike, of every form but those of a single most-given period (that is, each
 * form's period differs from another tied one); none when every form that states a period states
 * the same one, or only one form states one. Periods are compared as the titles compare them
 * (formPeriods).
 */
export function periodIssues(snapshot: WorkbookSnapshot, submissions: Submission[]): Issue[] {
  const forms = formPeriods(snapshot, submissions);
  const counts = new Map<string, number>();
  for (const f of forms) counts.set(f.period, (counts.get(f.period) ?? 0) + 1);
  if (counts.size < 2) return [];
  const most = Math.max(...counts.values());
  // The periods the most forms give, in the order forms first give them.
  const top = [...counts].filter(([, n]) => n === most).map(([p]) => p);
  const issues: Issue[] = [];
  for (const f of forms) {
    if (top.length === 1 && top[0] === f.period) continue;
    const named = top.filter((p) => p !== f.period);
    issues.push(periodIssue(f, named.map((p) => ({ period: p, forms: counts.get(p)! }))));
  }
  return issues;
}

/**
 * "Trang tính 'Xã Đồng Tâm 2', ô B5: kỳ đánh giá của phiếu là "2025", khác với "Năm 2025" mà 97
 * phiếu khác ghi; …" — `others` the most-given periods the form's is not, with how many forms give each.
 */
function periodIssue(f: FormPeriod, others: { period: string; forms: number }[]): Issue {
  const at = issueLocation({ sheet: f.sheet, cell: f.cell });
  const forms = (n: number, lang: "vi" | "en"): string =>
    lang === "vi" ? `${formatNumber(n, "vi")} phiếu` : `${formatNumber(n, "en")} form${n === 1 ? "" : "s"}`;
  const listed = (lang: "vi" | "en"): string =>
    others
      .slice(0, NAMED_PERIODS)
      .map((o) => `"${o.period}" (${forms(o.forms, lang)})`)
      .join(", ") + (others.length > NAMED_PERIODS ? ", …" : "");
  const one = others.length === 1 ? others[0]! : undefined;
  const differs: Message = one
    ? {
        vi: `kỳ đánh giá của phiếu là "${f.period}", khác với "${one.period}" mà ${forms(one.forms, "vi")} khác ghi`,
        en: `the form's period is "${f.period}", unlike "${one.period}", which ${one.forms === 1 ? "1 other form gives" : `${formatNumber(one.forms, "en")} other forms give`}`,
      }
    : {
        vi: `kỳ đánh giá của phiếu là "${f.period}", khác với các kỳ mà nhiều phiếu khác ghi nhất: ${listed("vi")}`,
        en: `the form's period is "${f.period}", unlike those the most other forms give: ${listed("en")}`,
      };
  const why: Message = {
    vi: "; tiêu đề trang kết quả, đầu trang khi in và tên các biểu đồ sẽ ghi mọi kỳ khác nhau mà các phiếu ghi. Nếu các phiếu cùng một kỳ đánh giá, hãy ghi kỳ đó giống nhau trên mọi phiếu",
    en: "; the results sheet's title, its printed page headers and the charts' titles will list every period the forms give. If the forms are for one period, write it the same way on every form",
  };
  return {
    severity: "warning",
    code: "period-differs",
    message: { vi: `${at.vi}${differs.vi}${why.vi}.`, en: `${at.en}${differs.en}${why.en}.` },
    sheet: f.sheet,
    cell: f.cell,
    unit: unitKey(f.submission),
  };
}
