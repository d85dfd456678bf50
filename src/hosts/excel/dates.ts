/**
 * Dates in Excel's answers. `Range.values` gives a date as its serial number (45780 for 3 May 2025)
 * and only the cell's number format tells it is a date. A file read through ExcelJS gives the same
 * cell as a Date, which the file host writes as ISO text ("2025-05-03"); the Excel host turns a
 * date-formatted number into that same text, so both hosts give the reader the same snapshot (a
 * date typed into a number cell is then "not a number", not a figure of 45,780).
 *
 * The format codes are `Range.numberFormat`'s (ExcelApi 1.1, so every Excel the add-in runs in):
 * English codes (d, m, y, h, s) whatever the user's language, where `numberFormatLocal` would give
 * "TT.MM.JJJJ" in German. `numberFormatCategories` (ExcelApi 1.12) is not needed, and says
 * "Custom" for a date format that is not one of Excel's own.
 */
import { formatCodes } from "../../core/read/values";

/** The 1900 date system's day 0 (30 December 1899) in days before 1 January 1970. */
const EPOCH_1900 = 25569;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Whether an Excel number format code shows numbers as dates or times: it has a date or time code
 * (d, m, y, h, s, b for Buddhist years, AM/PM, elapsed [h], [m], [s]) outside quoted text,
 * escaped characters (`\m`), padding (`_m`), fill (`*m`) and other bracketed parts ([Red],
 * [$-vi-VN], [$₫-42A], [<=100]). "General", "0.00%", "#,##0", "@" and `0" m²"` are not dates;
 * "d/m/yyyy", "m/d/yy", "[$-vi-VN]dd/mm/yyyy", "h:mm", "[h]:mm:ss" are. Neither "E+"
 * (scientific notation) nor "General" holds one of these codes.
 */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== "string") return false;
  const { letters, elapsed } = formatCodes(format);
  return elapsed || /[dmyhsb]/i.test(letters);
}

/** The 1904 date system's day 0 (1 January 1904): 1462 days after the 1900 system's. */
const EPOCH_1904 = EPOCH_1900 - 1462;
/**
 * DATE(2000;1;1) in a workbook of the 1904 date system (36526 in one of the 1900 system): how the
 * Excel host tells the system, which no released ExcelApi set says (`use1904DateSystem` is preview).
 */
export const DATE_2000_1904 = 35064;

/**
 * The text the file host gives a date cell of the given serial (ExcelJS's Date, then `dateText`):
 * "2025-05-03" for a day, "2025-05-03T10:30:00" with a time of day, "1899-12-30T12:00:00" for a
 * time alone. undefined for a number no date can stand for.
 *
 * The serial is read in the workbook's date system: from 30 December 1899, or in a workbook of the
 * 1904 system (`date1904`, old Mac workbooks) from 1 January 1904, as ExcelJS reads such a file
 * (0.5 is then "1904-01-01T12:00:00").
 */
export function serialDateText(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial)) return undefined;
  const d = new Date(Math.round((serial - (date1904 ? EPOCH_1904 : EPOCH_1900)) * DAY_MS));
  if (Number.isNaN(d.getTime())) return undefined;
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(/\.\d{3}Z$/, "");
}

/** A cell's value as the reader gets it: a number shown as a date becomes the date's text, in the workbook's date system. */
export function datedValue(value: number, format: unknown, date1904 = false): number | string {
  if (!isDateFormat(format)) return value;
  return serialDateText(value, date1904) ?? value;
}
