/**
 * Forms that give different assessment periods (`Kỳ đánh giá`). The results sheet's title, its
 * printed page headers and the charts' titles name the period the forms state, and list every one
 * when they differ ("Kỳ đánh giá (các phiếu ghi khác nhau): Năm 2025, 2025": periodText in
 * plan/labels.ts), which names no form. These warnings do, at each form's period cell: the forms
 * whose period is not the one most forms give (every form of a period tied for the most, when no
 * single period is), saying which period the others give.
 *
 * A period that is a day is one period however its days are written: a date cell (read as
 * "31/12/2024": periodText in plan/index-sheet.ts), "31/12/2024", "31.12.2024" and "2024-12-31"
 * typed as text are the same day (dayKeys).
 */
import { foldText, formatNumber, type Message, normalizeText } from "../i18n/text";
import { periodText, unitKey } from "../plan/index-sheet";
import type { CellValue, Issue, SheetSnapshot, Submission, WorkbookSnapshot } from "../types";
import { topLeft } from "../a1";
import { findTableHeader, readHeaderBlock } from "./layout-a";
import { cellAt } from "./sheet";
import { formatCodes } from "./values";
import { hostDate, issueLocation, makeIssue } from "./messages";

/** How many periods a sentence names before "…". */
const NAMED_PERIODS = 3;

/** One form's stated period and where it is. */
export interface FormPeriod {
  submission: Submission;
  sheet: string;
  period: string;
  cell: string;
  /** What the cell holds, as the host gave it ("2024-12-31" for a date cell). */
  value: CellValue;
}

/**
 * The period each scored form (layout A) states in its `Kỳ đánh giá` cell, in the order of the
 * submissions: the cell as periodText reads it (its text as the reader keeps it: NFC, spaces
 * folded, invisible characters dropped, trimmed; a date cell as the day it shows, "31/12/2024");
 * a form with none, or a blank one, is left out. A form that gives the day an earlier form gives,
 * written otherwise ("31.12.2024", "2024-12-31" typed as text beside a date cell: dayKeys), is
 * given the earlier form's text: one period, which the titles name once. The one reading for the
 * titles (statedPeriods in plan/plan.ts) and the warnings (periodIssues). A table of units
 * (layout B) has no period per unit.
 */
export function formPeriods(snapshot: WorkbookSnapshot | undefined, submissions: Submission[]): FormPeriod[] {
  const sheets = new Map((snapshot?.sheets ?? []).filter((s) => s.csvFile === undefined).map((s) => [s.name, s]));
  const out: FormPeriod[] = [];
  /** The text the first form giving each period (by dayKeys) gives it. */
  const first = new Map<string, string>();
  for (const submission of submissions) {
    const source = submission.source;
    const sheet = source?.layout === "A" ? sheets.get(source.sheet) : undefined;
    const stated = sheet ? statedPeriod(sheet) : undefined;
    if (!sheet || !stated?.cell || stated.period === "") continue;
    const key = dayKeys(stated.period);
    const period = first.get(key) ?? stated.period;
    first.set(key, period);
    out.push({ submission, sheet: sheet.name, period, cell: stated.cell, value: stated.value ?? null });
  }
  return out;
}

/**
 * The period a form (layout A) states in its `Kỳ đánh giá` cell, as periodText reads it ("" when
 * the cell is blank or the header block has none), the cell and what it holds; undefined when its
 * table, and so its header block, is not found. A date cell whose format shows only the year or
 * the month and year (SheetSnapshot.datePartCells) states what it shows, "2024" or "01/2024"
 * (readHeaderBlock); its `value` is still what the host gave ("2024-01-01"), so that a year typed
 * into it (2024, shown as 1905) is still said (periodNumberAsDate).
 */
export function statedPeriod(sheet: SheetSnapshot): { period: string; cell?: string; value?: CellValue } | undefined {
  const table = findTableHeader(sheet);
  if (!table) return undefined;
  const cell = readHeaderBlock(sheet, table).period;
  if (!cell) return { period: "" };
  const { row, col } = topLeft(cell.address);
  return { period: periodText(cell.value), cell: cell.address, value: cellAt(sheet, row, col) };
}

/**
 * What an Excel number format shows of a date when it shows no day and no time: "year" for one
 * of the year alone ("yyyy", "yy", "[$-vi-VN]yyyy", `"Năm "yyyy`), "month" for one of the month
 * and the year ("mm/yyyy", "m/yyyy", "mmm yyyy", "mmmm yyyy", "mmm-yy", "[$-vi-VN]mm/yyyy");
 * undefined for any other: one with a day (d, or a weekday), a time (h, s, AM/PM, elapsed [h],
 * [mm]: an m beside a time part is minutes, and no format with a time part counts), a Buddhist
 * year (b) or another code this does not know (an era, "General"), the month alone ("mmmm"), or
 * no date code at all. Quoted text, escaped characters (`\m`), padding (`_m`), fill (`*m`) and
 * bracketed parts (a colour, a locale, a condition) are no codes (formatCodes, as isDateFormat
 * reads them too). Every section of the format is looked at (a date shows by its first).
 */
export function datePartShown(format: unknown): "year" | "month" | undefined {
  if (typeof format !== "string") return undefined;
  const { letters, elapsed } = formatCodes(format);
  if (elapsed) return undefined;
  let year = false;
  let month = false;
  for (const c of letters) {
    if (c === "y" || c === "Y") year = true;
    else if (c === "m" || c === "M") month = true;
    // A day, a time, a Buddhist year, AM/PM, an era or any other code (the "e" of "General").
    else return undefined;
  }
  return year ? (month ? "month" : "year") : undefined;
}

/**
 * The days written in a period's text ("Ngày 31/12/2024"), each as one text whichever way it is
 * written: "2024-12-31" (ISO, as a date cell comes from the hosts), "31/12/2024", "31-12-2024",
 * "31.12.2024", "1/2/2025" (day first, as Vietnamese write it), each with a time of day or not
 * ("31/12/2024 10:30", "2024-12-31T10:30:00"; midnight is the day alone). Text that is no valid
 * day (32/13/2024) is left as it is, and so is the rest of the text (NFC, spaces folded): "Năm
 * 2024" and "2024" stay two texts here (periodKey folds them together).
 */
export function dayKeys(period: string): string {
  const day = (y: string, m: string, d: string, h?: string, mi?: string, sec?: string): string | undefined => {
    const [year, month, date, hour, minute, second] = [y, m, d, h ?? "0", mi ?? "0", sec ?? "0"].map(Number) as [number, number, number, number, number, number];
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    const at = new Date(Date.UTC(year, month - 1, date, hour, minute, second));
    if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== date) return undefined;
    const iso = at.toISOString();
    return hour + minute + second === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  };
  return normalizeText(period).replace(DAY, (all, ...g: (string | undefined)[]) => {
    const [y, m, d] = g[0] !== undefined ? [g[0], g[1], g[2]] : [g[6], g[5], g[3]];
    return day(y!, m!, d!, g[7], g[8], g[9]) ?? all;
  });
}

/**
 * A day in a period's text, year first as the hosts give a date cell ("2024-12-31") or day first
 * ("31/12/2024", "31-12-2024", "31.12.2024", "1/2/2025"), with a time of day or not ("31/12/2024
 * 10:30", "2024-12-31T10:30:00"), not inside a longer run of digits and separators. One pass over
 * the text, so that a day already written year first is not read again.
 */
const DAY = /(?<![\d./])(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})([/.-])(\d{1,2})\5(\d{4}))(?:(?:T| )(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?!\d|[./]\d)/gi;

/** Whether two periods as `_index` records them and formPeriods reads them are the same, the days in them written either way (dayKeys). */
export function samePeriod(a: string, b: string): boolean {
  return a === b || dayKeys(a) === dayKeys(b);
}

/**
 * A period as periods are compared for being the same one (the appraised figures' warnings, the
 * forms collected into a workbook of another period): folded (case, diacritics, spacing), and
 * without what only says it is a period ("Năm", "Kỳ đánh giá", "year", "period") or punctuates it,
 * so that "2024", "Năm 2024" and "năm  2024." are one period, "Năm 2024" and "Năm 2025", "Quý
 * I/2024" and "Quý II/2024" two; a day however it is written (dayKeys), so that "31/12/2024",
 * "31.12.2024" and "2024-12-31" are one period.
 */
export function periodKey(period: string): string {
  return foldText(dayKeys(period))
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/[.,:;!?()[\]"'\u201c\u201d\u2018\u2019]/g, " ")
    .replace(/(?<![a-z])(ky danh gia|assessment period|period|nam|year)(?![a-z])/g, " ")
    .replace(/\s*([-/])\s*/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The warnings at the forms' `Kỳ đánh giá` cells, form by form: a number typed into a period cell
 * formatted as a date (periodNumberAsDate: "period-number-as-date"), then "period-differs": one at
 * the `Kỳ đánh giá` cell of each scored form (layout A) whose period differs from the period most
 * forms give, or, when two or more periods are given by the most forms alike, of every form but
 * those of a single most-given period (that is, each form's period differs from another tied one);
 * none when every form that states a period states the same one, or only one form states one.
 * Periods are compared as the titles compare them (formPeriods: a day however it is written is
 * one period).
 */
export function periodIssues(snapshot: WorkbookSnapshot, submissions: Submission[]): Issue[] {
  const forms = formPeriods(snapshot, submissions);
  const counts = new Map<string, number>();
  for (const f of forms) counts.set(f.period, (counts.get(f.period) ?? 0) + 1);
  const most = Math.max(0, ...counts.values());
  // The periods the most forms give, in the order forms first give them.
  const top = [...counts].filter(([, n]) => n === most).map(([p]) => p);
  const issues: Issue[] = [];
  for (const f of forms) {
    const typed = periodNumberAsDate(f.value, snapshot.date1904 === true);
    if (typed !== undefined) {
      issues.push(
        makeIssue("warning", "period-number-as-date", {
          sheet: f.sheet,
          cell: f.cell,
          unit: unitKey(f.submission),
          raw: typed,
          ...(snapshot.date1904 ? { date1904: true } : {}),
          // A format showing the year or the month only: the period is what it shows ("1905"), not the day.
          ...(snapshot.sheets.find((s) => s.name === f.sheet)?.datePartCells?.[f.cell] !== undefined ? { periodShown: f.period } : {}),
        }),
      );
    }
    if (counts.size < 2 || (top.length === 1 && top[0] === f.period)) continue;
    const named = top.filter((p) => p !== f.period);
    issues.push(periodIssue(f, named.map((p) => ({ period: p, forms: counts.get(p)! }))));
  }
  return issues;
}

/**
 * Below this count of days a date in a period cell is a number typed into a cell formatted as a
 * date, not a day of the period: 1 January 1908 in the 1900 date system (a year typed, 2024, shows
 * as 16/07/1905), 1912 in the 1904 one (where 2024 shows as 17/07/1909).
 */
const PERIOD_FIRST_SERIAL = 2923;

/**
 * The host's text of a `Kỳ đánh giá` cell (a date cell as ISO text: hostDate) when it is a number
 * typed into a cell formatted as a date (a year, most likely: PERIOD_FIRST_SERIAL), in the
 * workbook's date system; otherwise undefined.
 */
export function periodNumberAsDate(value: CellValue, date1904 = false): string | undefined {
  if (typeof value !== "string") return undefined;
  const date = hostDate(value, date1904);
  return date !== undefined && date.serial >= 0 && date.serial < PERIOD_FIRST_SERIAL ? value : undefined;
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
