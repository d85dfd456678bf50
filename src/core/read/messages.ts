/**
 * Every sentence the reader says about a workbook, in Vietnamese and English. One sentence per
 * issue, naming the sheet and the cell first: "Trang tính 'Sở Y tế', ô D14: "1,5 lần" không phải là
 * số (chỉ tiêu 2.1.a)."; for a CSV file, the file, the row and the column: "Tệp b.csv, dòng 5,
 * cột C: …".
 */
import { type LegacyEncoding, SPELLING_DIFFERENCES, foldText, formatDate, formatNumber, type Message, spellingDifference } from "../i18n/text";
import type { Issue, IssueCode, Severity, UnavailableReason } from "../types";
import type { CategoryUses } from "./categories";
import { percentOf, readNumberText, shiftDecimal } from "./numbers";
import { isIndexTitle } from "../index-text";

export interface MessageParams {
  sheet?: string;
  cell?: string;
  /**
   * The 1-based row a finding is about when no cell of it is (a table of units without a column
   * for an input: its header row, or a unit's row). The place is then said as the row alone, even
   * when `cell` is given (the cell an Excel host goes to and marks).
   */
  row?: number;
  /**
   * The text file the sheet is (a CSV table): the place is then said as the file, the row and the
   * column, and the sentences speak of rows, not forms. Without `sheet`, only layout-not-found uses it.
   */
  file?: string;
  /** The cell's content as the user typed it. */
  raw?: string;
  /**
   * The number the cell held when it is a number cell (`raw` is then its text, "1.5"): quoted as
   * each sentence's language writes a number ("1,5" in vi, "1.5" in en), in full. Absent for text,
   * which is quoted as typed.
   */
  rawNumber?: number;
  /** Node or input code the issue concerns. */
  node?: string;
  /** When `node` is an input: the indicator it belongs to (an input is named as such when its code differs). */
  indicator?: string;
  /** Unit code (or name). */
  unit?: string;
  /** Numbers used by some sentences (bounds, values read, points). */
  value?: number;
  other?: number;
  min?: number;
  max?: number;
  /**
   * Texts used by some sentences (choice options, codes, where a duplicate was first seen;
   * unknown-code: the column read when a second column names the same input `node`).
   */
  list?: string[];
  found?: string;
  /** duplicate-unit in a CSV file: the row where the unit code was first seen (instead of `found`). */
  foundRow?: number;
  expected?: string;
  /**
   * missing-input: the definition's missing-data rule. missing-row: set when the row's absence
   * leaves the indicator without data, so it scores as missing under this rule.
   */
  missing?: "zero" | "exclude";
  /**
   * missing-input, missing-row under missing "exclude": the inputs of the indicator the unit gave
   * (some are, others missing), so that it scores 0 rather than being left out of the aggregation.
   * not-applicable-with-figures: the inputs of the indicator that hold figures beside the N/A answer.
   */
  given?: string[];
  /** self-score-differs: the node is a group, or the index's total (the root); else an indicator. */
  nodeKind?: "group" | "total";
  /** missing-row: "row" in layout A, "column" in layout B; missing-category: "column", a table without the column. */
  place?: "row" | "column";
  /**
   * not-applicable-not-allowed: the type of the input the cell is for, so the sentence says what
   * to enter instead (a number, yes/no, one of the options in `list`).
   */
  inputType?: "number" | "integer" | "percent" | "boolean" | "choice" | "text";
  /** out-of-range: the input is a percentage, so bounds are shown as 0%…100%. ambiguous-number
   *  (read another way, or read two ways): the text was typed with "%", so the values are shown as percentages. */
  percent?: boolean;
  /**
   * percent-as-fraction said across units: the other units that write the same percent input as a
   * bare percentage (16,4 for 16,4%, "percent-as-number"), how many, and the first of them by its
   * name and figure (`value` the fraction it was read as).
   */
  percentUnits?: { count: number; unit: string; raw: string; rawNumber?: number; value: number };
  /** zero-denominator: what the rule does with a zero denominator. */
  zeroDenominator?: "na" | "zero" | "full";
  /**
   * ambiguous-number: the text is not a well-formed number in the definition's numberLocale and
   * was read the other way ("vi": "73,6" with a decimal comma in an "en" index; "en": "73.6" with
   * a decimal point in a "vi" index).
   */
  readAs?: "vi" | "en";
  /**
   * ambiguous-number read two ways (`other`) in an index whose numberLocale is "vi" or "en", this
   * one: "12.500" in en is 12.5 the index's way and 12500 the Vietnamese way. Said only when the
   * unit types a figure the other way (`unitFigure`, "74,1"): `value` is then the other reading, as
   * the unit typed that figure, or with `indexFigure` (a figure the unit typed the index's way,
   * "73.5") the index's reading, the unit writing figures both ways.
   */
  indexWay?: "vi" | "en";
  unitFigure?: { cell: string; raw: string };
  indexFigure?: { cell: string; raw: string };
  /** ambiguous-number: a percentage ("85%") typed into an input that is no percentage, read as the fraction (0.85). */
  notPercent?: boolean;
  /**
   * not-an-integer, out-of-range with `notPercent`: the cell is a number cell formatted as a
   * percentage (`rawNumber` 0,85 shown as 85%), not text typed with "%": the sentence quotes what
   * it shows, and says to change its format before typing the figure. out-of-range of a
   * percentage (`percent`): its number cell is formatted as a percentage, so it is quoted as the
   * percentage it shows (1,2 as 120%), not as a bare percentage (1,2%).
   */
  shownPercent?: boolean;
  /**
   * excel-error of a formula whose result the file does not store (`raw` "=…"), in a cell that
   * holds no figure: what the cell holds, the unit's name, code or category, a self score
   * (`Tự chấm`) or evidence (`Minh chứng`). With "name" or "code", `unitName` is the name the
   * unit is scored under; without it, the row has neither and is not scored.
   */
  cellHolds?: "name" | "code" | "category" | "self" | "evidence";
  /**
   * The workbook counts its dates from 1 January 1904 (ReadOptions.date1904): a date cell's text
   * ("1904-01-01T12:00:00") is the number it holds counted from that day (0,5 shown as 12:00).
   */
  date1904?: boolean;
  /**
   * period-number-as-date: the period as the cell shows it and the reader reads it, when its
   * format shows the year or the month only ("1905" for 2024 in a cell formatted yyyy), not the day.
   */
  periodShown?: string;
  /**
   * unknown-category, missing-category: the index's unit categories by the names users type, in
   * both languages (the sentence lists them in its own language). Without it, `list` (ids) is listed.
   */
  categories?: Message[];
  /** unknown-category, missing-category, excel-error on a category cell: what the index decides by category (the sentence says only that). */
  categoryUses?: CategoryUses;
  /**
   * unknown-choice, not-applicable-not-allowed on a choice input: the options as a form in each
   * language writes them (their names), listed in the sentence's own language. Without it, `list`
   * (the options' values) is listed.
   */
  choices?: Message[];
  /**
   * layout-not-found: the unit's name, said with its code as "Sở Nội vụ (SNV)". missing-unit-name:
   * the name used instead of the blank one (a form's sheet name).
   */
  unitName?: string;
  /**
   * layout-not-found: a row that looks like the table's header but lacks the code or value column
   * names (`missingColumns`); `raw` is then the header text not recognised (at `cell`), if one is
   * singled out, and `headerLang` the language the row's column names are written in.
   * row-too-wide: the CSV table's header row (`value` the row's fields, `other` the header's).
   * header-too-wide (a CSV header line with more fields than any line of units, `value` those
   * lines' most fields, `other` the header's) has no headerRow: it is about that row; `raw` the
   * header field that names nothing (the piece split off), `expected` the header before it.
   * header-row-repeated: the table's header row, which this row repeats.
   */
  headerRow?: number;
  /** unit-code-case: two units whose codes differ only in letter case, this one's and the first one's (at `found`). */
  codeCase?: { code: string; name: string; otherCode: string; otherName: string };
  missingColumns?: ("code" | "value")[];
  headerLang?: "vi" | "en";
  /**
   * layout-not-found of a row that heads the units' column (`raw`, at `cell`; `row` the row) but
   * names no input of the index (unitsHeaderWithoutInputs): the row's other columns (the first
   * few, and how many), and those that name a group or an indicator rather than an input.
   */
  unitsHeader?: { columns: string[]; columnCount: number; nodes: string[]; years?: { code: string; example: string; from: number; to: number; count: number } };
  /** layout-not-found: the index's first input codes, which a table of units' columns are named by, and whether it has more. */
  inputCodes?: { codes: string[]; more: boolean };
  /**
   * unknown-column: the column a form's header cell (`raw`, at `cell`) looks meant for but is not
   * named as; `headerLang` the language the header row's column names are written in. With
   * `found`: the column the cell names, which another header cell (`found`) names already: that
   * one is read (or, for `score`, written), this one not.
   */
  column?: "code" | "value" | "appraised" | "evidence" | "self" | "score";
  /**
   * unknown-column with `found`: the column read under a header of two rows, when it is not the
   * column of the header cell `found` (the sub-column `Đơn vị báo cáo` under a merged `Số liệu`): "E".
   */
  readColumn?: string;
  /** unknown-column: the other header cells that look meant for `column`, by their cells and texts. */
  others?: { cell: string; raw: string }[];
  /**
   * unknown-column: `raw` and `others` could each be `column` by their names (an alias, or its
   * name with a qualifier), so none of them is read.
   */
  ambiguous?: boolean;
  /**
   * missing-unit-name on a form: no label of the header block was found above the table in the
   * columns from A to this one (the table's `Mã` column), so the unit takes the sheet's name.
   */
  headerBlockTo?: string;
  /** duplicate-unit: this form (or row) is on a hidden sheet. */
  hidden?: boolean;
  /** duplicate-unit: the form (or row) that is scored, at `found`, is on a hidden sheet, `foundSheet`. */
  foundHidden?: boolean;
  /** duplicate-unit: the sheet of the form that is scored. */
  foundSheet?: string;
  /** duplicate-unit: the unit has no code, and is known by its name (`unit`). */
  noCode?: boolean;
  /**
   * The text the finding is about (a refused answer, a unit's name, the labels of a form or a
   * table, a "Không có" of the evidence) is typed in an old encoding of Vietnamese (TCVN3 or VNI):
   * the sentence ends with what to do (legacyAdvice).
   */
  legacy?: LegacyEncoding;
  /**
   * The indicator gives no points (an index of values, the HDI): missing-input and missing-row say
   * that its value counts as 0, not its points; self-score-differs compares with its value.
   */
  noPoints?: boolean;
  /**
   * self-score-differs: the node is not scored for the unit (left out, not applicable: its
   * NodeResult.reason, or true when none is given), though the unit gave it a self score (`value`).
   */
  notScored?: UnavailableReason | true;
  /** self-score-differs: the unit self-assessed the node "not applicable", but it is scored (`other`). */
  selfNotApplicable?: boolean;
  /**
   * missing-input: the indicator scores nothing (max 0, or under a group of max 0): its blank changes
   * no result. missing-row with place "column": every input listed is of such an indicator.
   */
  scoresNothing?: boolean;
  /**
   * missing-input: the input's cell is blank inside this merged range ("D15:D16"), which shows the
   * value (`raw`, `rawNumber`) of its top-left cell `mergedCell`, read for that cell's row only.
   */
  mergedRange?: string;
  mergedCell?: string;
  /**
   * value-not-read: the figure is for an indicator that does not apply to the unit's category, this
   * one, by its name in both languages.
   */
  categoryName?: Message;
  /**
   * definition-mismatch: the form names the index in use (`expected`, id@version) but records that
   * it was made from a definition with other content; it is scored with the index in use.
   */
  otherContent?: boolean;
  /**
   * definition-mismatch: the form names the index in use (`expected`, id@version) at another
   * version (`found` as the form writes it): the form's version and the one in use. The form is
   * read by the codes of its rows.
   */
  versions?: { form: string; inUse: string };
  /**
   * definition-mismatch with `versions`: on the form's warning, how many of its rows the two
   * versions define differently (each said at its row, with `versionChange`).
   */
  changedRows?: number;
  /**
   * definition-mismatch with `versions` and `node`: a row the form of another version shows
   * defined otherwise than the version in use: its `Điểm tối đa` (the form's, the version in
   * use's max), its `Nội dung` wording, or its figure shown as a percentage where the version in
   * use takes none. The figure is read as the version in use defines the row.
   */
  versionChange?: { max?: { form: number; inUse: number }; wording?: true; percent?: true };
  /**
   * no-figures: whether the unit is a form (layout "A") or a table's row ("B"), and what the form
   * holds besides no figure (self scores, evidence), which is not scored.
   */
  layout?: "A" | "B";
  notFigures?: ("self" | "evidence")[];
  /** no-figures: the form has a `Số liệu thẩm định` column, as blank as its `Số liệu`. */
  appraisedColumn?: boolean;
  /**
   * not-a-number: the text is a number (`numberText`, as typed: "4") with words before or after it
   * ("4 ứng dụng"); `measure` is the input's unit of measure in both languages when the words are
   * it, or the start of it ("2 cuộc" for "cuộc họp").
   */
  numberText?: string;
  measure?: Message;
  /** self-score-differs: the self score (`value`) is above the node's maximum, these points. */
  aboveMax?: number;
  /**
   * evidence-missing: the evidence cell is not blank but says there is none (`raw`: "Không có",
   * "-", "x"), or holds an Excel error (`raw`: "#REF!").
   */
  evidenceWritten?: "none" | "error";
  /**
   * missing-row with `list`: the indicator of each listed input, by input code. An input whose code
   * is its indicator's is said as the indicator ("chỉ tiêu 4.3"), any other as an input ("số liệu
   * 1.3.a"). Without it, every code is said as an indicator.
   */
  indicators?: Record<string, string>;
  /**
   * blank-read-as-no: the cells where the unit answered a yes/no with "x" (the x / blank checklist
   * convention), which is why its blank yes/no cells are read as "Không". `layout` says whether
   * they are on a form ("A") or on a table's row ("B").
   */
  checkMarks?: string[];
  /**
   * blank-read-as-no said once for several cells: every blank yes/no cell read as "Không" (`cell`
   * the first of them). Without it, the finding is about `cell` alone.
   */
  blanks?: string[];
  /**
   * blank-read-as-no: the indicators that, were the blanks taken as unanswered (missing inputs),
   * the definition's missing-data rule would leave out of the aggregation (`leftOut`), or score
   * 0 (`zero`) where the "Không" scores more (an expression reading it: 0,8 rather than 0).
   */
  asMissing?: { leftOut?: string[]; zero?: string[] };
  /**
   * blank-read-as-no: the indicator (a yes/no one) has evidence in its `Minh chứng` cell, this one,
   * which contradicts the "Không" its blank is read as.
   */
  evidenceFound?: { cell: string; raw: string };
}

function num(x: number | undefined, lang: "vi" | "en"): string {
  return x === undefined ? "?" : formatNumber(x, lang);
}

/** The significant digits a spreadsheet keeps of a number, and the most a sentence shows. */
const SIGNIFICANT = 15;

/**
 * A number written plainly, without thousands separators, so that it cannot be read two ways:
 * 1860 and 1,86 in vi; 1860 and 1.86 in en; to its 15 significant digits. A figure from 1e15 on,
 * or below 1e-6, is written with an exponent as Excel writes it (exponentText: "1,5E-12" in vi,
 * "1.5E-12" in en), a form the reader takes back as the same number.
 */
export function plainNumber(x: number | undefined, lang: "vi" | "en"): string {
  if (x === undefined || !Number.isFinite(x)) return "?";
  const a = Math.abs(x);
  if (a >= 1e15 || (a !== 0 && a < 1e-6)) return exponentText(x, lang);
  return plainFormat(lang).format(x).replace(/\u2212/g, "-");
}

/** A number with an exponent as Excel writes it, to 15 significant digits: "1,5E-12", "1,23456789012346E+25" / "1.5E-12". */
function exponentText(x: number, lang: "vi" | "en"): string {
  const [mantissa, power] = Number(x.toPrecision(SIGNIFICANT)).toExponential().split("e") as [string, string];
  return `${lang === "vi" ? mantissa.replace(".", ",") : mantissa}E${power}`;
}

const plainFormats = new Map<"vi" | "en", Intl.NumberFormat>();
function plainFormat(lang: "vi" | "en"): Intl.NumberFormat {
  let f = plainFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US", { useGrouping: false, maximumSignificantDigits: SIGNIFICANT });
    plainFormats.set(lang, f);
  }
  return f;
}

const VI_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
const EN_DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const EN_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** 0–999 in Vietnamese; `full` (not the leading group) reads "không trăm" and "lẻ". */
function viGroup(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (h > 0 || full) words.push(VI_DIGITS[h] as string, "trăm");
  if (t === 0) {
    if (u > 0) words.push(...(words.length > 0 ? ["lẻ"] : []), VI_DIGITS[u] as string);
  } else {
    words.push(...(t === 1 ? ["mười"] : [VI_DIGITS[t] as string, "mươi"]));
    if (u === 5) words.push("lăm");
    else if (u === 1 && t > 1) words.push("mốt");
    else if (u === 4 && t > 1) words.push("tư");
    else if (u > 0) words.push(VI_DIGITS[u] as string);
  }
  return words.join(" ");
}

function enGroup(n: number): string {
  const h = Math.floor(n / 100);
  const rest = n % 100;
  const words: string[] = [];
  if (h > 0) words.push(EN_DIGITS[h] as string, "hundred");
  if (rest >= 20) words.push((EN_TENS[Math.floor(rest / 10)] as string) + (rest % 10 > 0 ? `-${EN_DIGITS[rest % 10]}` : ""));
  else if (rest >= 10) words.push(EN_TEENS[rest - 10] as string);
  else if (rest > 0) words.push(EN_DIGITS[rest] as string);
  return words.join(" ");
}

/**
 * A number in words ("một nghìn tám trăm sáu mươi", "one thousand eight hundred sixty"; "một
 * phẩy tám sáu", "one point eight six"), so a reader sees which way a figure was read. Undefined
 * for numbers too long to say usefully.
 */
export function numberInWords(x: number, lang: "vi" | "en"): string | undefined {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e12) return undefined;
  const [intText = "", fracText = ""] = plainNumber(Math.abs(x), "en").split(".");
  // A figure written with an exponent (1.5E-12) is not said in words.
  if (fracText.length > 6 || !/^\d+$/.test(intText + fracText)) return undefined;
  let n = Number(intText);
  const scales = lang === "vi" ? ["", "nghìn", "triệu", "tỷ"] : ["", "thousand", "million", "billion"];
  const groups: number[] = [];
  do {
    groups.push(n % 1000);
    n = Math.floor(n / 1000);
  } while (n > 0);
  const words: string[] = [];
  for (let g = groups.length - 1; g >= 0; g--) {
    const value = groups[g] as number;
    if (value === 0) continue;
    words.push(lang === "vi" ? viGroup(value, g < groups.length - 1) : enGroup(value));
    if (scales[g]) words.push(scales[g] as string);
  }
  if (words.length === 0) words.push(lang === "vi" ? "không" : "zero");
  if (x < 0) words.unshift(lang === "vi" ? "âm" : "minus");
  if (fracText !== "") {
    const digits = lang === "vi" ? VI_DIGITS : EN_DIGITS;
    words.push(lang === "vi" ? "phẩy" : "point", ...[...fracText].map((d) => digits[Number(d)] as string));
  }
  return words.join(" ");
}

/** x × 100 without the binary noise of the product (0.85 → 85, not 85.00000000000001), however small x is. */
function hundredTimes(x: number | undefined): number | undefined {
  return x === undefined ? undefined : shiftDecimal(x, 2);
}

/** A percentage typed where a plain figure goes ("85%", read as `value` 0,85): "nếu định ghi 85 thì hãy nhập 85". */
function percentMeant(p: MessageParams): Message {
  const n = hundredTimes(p.value);
  // A cell formatted as a percentage shows 85 typed there as 85% again: its format goes first.
  if (p.shownPercent) {
    return {
      vi: `nếu định ghi ${plainNumber(n, "vi")}, hãy đổi định dạng ô sang "Số" (Number) rồi nhập ${plainNumber(n, "vi")}`,
      en: `if you meant ${plainNumber(n, "en")}, change the cell's format to Number and type ${plainNumber(n, "en")}`,
    };
  }
  return { vi: `nếu định ghi ${plainNumber(n, "vi")} thì hãy nhập ${plainNumber(n, "vi")}`, en: `write ${plainNumber(n, "en")} if you meant ${plainNumber(n, "en")}` };
}

/**
 * A percentage typed where a plain figure goes, as the sentence starts: "\"85%\" được hiểu là 0,85"
 * / "\"85%\" is read as 0.85"; a number cell formatted as a percentage (`shownPercent`) as what it
 * shows: "ô hiện 85% (định dạng phần trăm), được hiểu là 0,85" / "the cell shows 85% (formatted as
 * a percentage), read as 0.85".
 */
function percentReadAs(p: MessageParams): Message {
  if (p.shownPercent && p.rawNumber !== undefined && Number.isFinite(p.rawNumber)) {
    const shown = (lang: "vi" | "en"): string => `${cellNumberText(shiftDecimal(p.rawNumber as number, 2), lang)}%`;
    return {
      vi: `ô hiện ${shown("vi")} (định dạng phần trăm), được hiểu là ${plainNumber(p.value, "vi")}`,
      en: `the cell shows ${shown("en")} (formatted as a percentage), read as ${plainNumber(p.value, "en")}`,
    };
  }
  return { vi: `${quote(p, "vi")} được hiểu là ${plainNumber(p.value, "vi")}`, en: `${quote(p, "en")} is read as ${plainNumber(p.value, "en")}` };
}

/** "1860 (một nghìn tám trăm sáu mươi)": the number plainly, then in words. */

function spelled(x: number | undefined, lang: "vi" | "en"): string {
  if (x === undefined) return "?";
  const words = numberInWords(x, lang);
  return words === undefined ? plainNumber(x, lang) : `${plainNumber(x, lang)} (${words})`;
}

/** The value of a text read another way: "73,6 (bảy mươi ba phẩy sáu)", or "12,5% (mười hai phẩy năm phần trăm)". */
function spelledReading(p: MessageParams, lang: "vi" | "en"): string {
  const x = hundredTimes(p.value);
  if (!p.percent || x === undefined) return spelled(p.value, lang);
  const words = numberInWords(x, lang);
  const plain = `${plainNumber(x, lang)}%`;
  return words === undefined ? plain : `${plain} (${words} ${lang === "vi" ? "phần trăm" : "percent"})`;
}

/** A figure as `lang` writes it, as a percentage ("1,86%") when the text was typed with "%" (`p.percent`). */
function plainFigure(x: number | undefined, p: MessageParams, lang: "vi" | "en"): string {
  return p.percent ? `${plainNumber(hundredTimes(x), lang)}%` : plainNumber(x, lang);
}

/**
 * A figure written `way` ("vi" or "en"; as a percentage with `p.percent`) as a CSV file should hold
 * it to be read as that figure only under the index's numberLocale (`locale`): 12,5 as "12.5" in
 * en. A decimal of three decimals after at most three digits ("767.787" in en, "1,865" in vi) would
 * read as thousands the other way, so it takes a fourth decimal, a 0 ("767.7870", "1,8650"), which
 * no thousands separator is followed by (`padded`).
 */
function oneWayText(x: number | undefined, p: MessageParams, way: "vi" | "en", locale: "vi" | "en" | "auto"): { text: string; padded: boolean } {
  const text = plainFigure(x, p, way);
  const reading = readNumberText(text, locale);
  if (reading === undefined || (!reading.ambiguous && reading.otherWay === undefined)) return { text, padded: false };
  return { text: p.percent ? `${text.slice(0, -1)}0%` : `${text}0`, padded: true };
}

/** What is said after a figure given a fourth decimal (oneWayText): why the 0 is there. */
function paddedWhy(padded: boolean): Message {
  return padded
    ? { vi: " (thêm chữ số 0 ở cuối để số không bị hiểu là hàng nghìn)", en: " (a 0 added at the end so that it cannot be read as thousands)" }
    : { vi: "", en: "" };
}

/**
 * How to write a figure read two ways ("1.860" or "1,860": 1860 or 1,86) so that it is read one way:
 * on a sheet, as a number cell; in a CSV file, which has only text, without the thousands separator
 * (1860, a plain integer, read one way in any locale) or as the decimal number it is (1,86 / 1.86,
 * both read one way; "1,865" as 1,8650, oneWayText). The reading as thousands is the larger of the
 * two (`value`, the vi reading, for "1.860"; `other`, the en one, for "1,860").
 */
function eitherWay(p: MessageParams): Message {
  if (p.file === undefined) return { vi: "nên nhập dạng số để tránh nhầm lẫn", en: "enter it as a number cell to avoid confusion" };
  const [thousands, decimal] = Math.abs(p.value ?? 0) >= Math.abs(p.other ?? 0) ? [p.value, p.other] : [p.other, p.value];
  // An index that writes numbers one way ("en": 12.5) is told the figures that way, whatever the sentence's language.
  const way = (lang: "vi" | "en"): "vi" | "en" => p.indexWay ?? lang;
  const vi = oneWayText(decimal, p, way("vi"), p.indexWay ?? "auto");
  const en = oneWayText(decimal, p, way("en"), p.indexWay ?? "auto");
  return {
    vi: `để tránh nhầm lẫn, trong tệp CSV hãy viết ${plainFigure(thousands, p, way("vi"))} (không có dấu phân cách hàng nghìn), hoặc ${vi.text} nếu đó là số thập phân${paddedWhy(vi.padded).vi}`,
    en: `to avoid confusion, write it in the CSV file as ${plainFigure(thousands, p, way("en"))} (no thousands separator), or as ${en.text} if it is a decimal${paddedWhy(en.padded).en}`,
  };
}

/**
 * How to write a figure that was read the other way than the index writes numbers ("73,6" in an en
 * index): on a sheet, as a number cell; in a CSV file, with the index's decimal separator (73.6;
 * "1,23456E2" as 123.4560, oneWayText).
 */
function otherWay(p: MessageParams): Message {
  if (p.file === undefined) return { vi: "nhập dạng số để tránh nhầm lẫn", en: "enter it as a number cell to avoid confusion" };
  const index = p.readAs === "vi" ? "en" : "vi";
  const { text, padded } = oneWayText(p.value, p, index, index);
  return {
    vi: `trong tệp CSV hãy viết số theo cách của bộ chỉ số: ${text}${paddedWhy(padded).vi}`,
    en: `write it in the CSV file the index's way: ${text}${paddedWhy(padded).en}`,
  };
}

/**
 * ambiguous-number for a text read two ways in an index that writes numbers one way (`indexWay`):
 * "12.500" in an "en" index is 12.5 the index's way (a decimal point) and 12500 the Vietnamese way
 * (a dot groups thousands); "1,860" in a "vi" one 1.86, and 1860 the English way. Said when the
 * unit typed another figure the other way (`unitFigure`, "74,1"): read that way too, or, when it
 * typed one the index's way as well (`indexFigure`, "73.5"), the index's way, naming one figure of
 * each; the sentence says which, and the other reading.
 */
function twoWays(p: MessageParams): Message {
  const index = p.indexWay === "vi" ? { vi: "kiểu Việt Nam, dấu phẩy thập phân", en: "Vietnamese, decimal comma" } : { vi: "kiểu tiếng Anh, dấu chấm thập phân", en: "English, decimal point" };
  const indexWay = { vi: `theo cách viết số của bộ chỉ số (${index.vi})`, en: `the index's way (${index.en})` };
  const otherWay =
    p.indexWay === "vi"
      ? { vi: "theo cách viết số kiểu tiếng Anh (dấu phẩy phân cách hàng nghìn)", en: "the English way (a comma groups thousands)" }
      : { vi: "theo cách viết số của Việt Nam (dấu chấm phân cách hàng nghìn)", en: "the Vietnamese way (a dot groups thousands)" };
  const advice = eitherWay(p);
  const figure = p.unitFigure;
  if (figure === undefined) {
    return {
      vi: `${quote(p, "vi")} được hiểu là ${spelledReading(p, "vi")} ${indexWay.vi}, không phải ${plainFigure(p.other, p, "vi")} ${otherWay.vi}; ${advice.vi}`,
      en: `${quote(p, "en")} is read ${indexWay.en} as ${spelledReading(p, "en")}, not ${otherWay.en} as ${plainFigure(p.other, p, "en")}; ${advice.en}`,
    };
  }
  // The unit's figure by its cell; in a CSV file (the same row) by its column.
  const place = (cell: string): Message => {
    const column = p.file !== undefined ? /^\$?([A-Za-z]+)/.exec(cell)?.[1]?.toUpperCase() : undefined;
    return column !== undefined ? { vi: `cột ${column}`, en: `column ${column}` } : { vi: `ô ${cell}`, en: `cell ${cell}` };
  };
  const at = place(figure.cell);
  const own = p.indexFigure;
  if (own !== undefined) {
    // The unit writes figures both ways: kept the index's way, with a figure of each way.
    const ownAt = place(own.cell);
    const otherName = p.indexWay === "vi" ? { vi: "kiểu tiếng Anh", en: "the English way" } : { vi: "kiểu Việt Nam", en: "the Vietnamese way" };
    return {
      vi: `${quote(p, "vi")} được hiểu là ${spelledReading(p, "vi")} ${indexWay.vi}, không phải ${plainFigure(p.other, p, "vi")} ${otherWay.vi}; đơn vị viết số liệu theo cả hai cách (${ownAt.vi}: "${own.raw}" theo cách của bộ chỉ số, ${at.vi}: "${figure.raw}" ${otherName.vi}) nên không rõ số này được viết theo cách nào; hãy kiểm tra lại số liệu — ${advice.vi}`,
      en: `${quote(p, "en")} is read ${indexWay.en} as ${spelledReading(p, "en")}, not ${otherWay.en} as ${plainFigure(p.other, p, "en")}; the unit writes figures both ways (${ownAt.en}: "${own.raw}" the index's way, ${at.en}: "${figure.raw}" ${otherName.en}), so which way this one is written is unclear; check the figure — ${advice.en}`,
    };
  }
  return {
    vi: `${quote(p, "vi")} được hiểu là ${spelledReading(p, "vi")} ${otherWay.vi}, như đơn vị viết các số liệu khác (${at.vi}: "${figure.raw}"), không phải ${plainFigure(p.other, p, "vi")} ${indexWay.vi}; hãy kiểm tra lại số liệu — ${advice.vi}`,
    en: `${quote(p, "en")} is read ${otherWay.en} as ${spelledReading(p, "en")}, as the unit writes its other figures (${at.en}: "${figure.raw}"), not ${indexWay.en} as ${plainFigure(p.other, p, "en")}; check the figure — ${advice.en}`,
  };
}

/** An old encoding of Vietnamese by its name, the fonts that show it, and its name in Unikey's converter. */
const LEGACY_NAMES: Record<LegacyEncoding, { name: Message; unikey: string; sample: string }> = {
  tcvn3: { name: { vi: "TCVN3 (ABC, phông chữ .VnTime)", en: "TCVN3 (ABC, the .VnTime fonts)" }, unikey: "TCVN3 (ABC)", sample: "§¬n vÞ" },
  vni: { name: { vi: "VNI Windows (phông chữ VNI-Times)", en: "VNI Windows (the VNI-Times fonts)" }, unikey: "VNI Windows", sample: "Ñôn vò" },
};

/** How to turn text of an old encoding into Unicode with Unikey's converter (Ctrl+Shift+F6), the tool officials have. */
function unikeySteps(legacy: LegacyEncoding): Message {
  const source = LEGACY_NAMES[legacy].unikey;
  return {
    vi: `ví dụ với Unikey: chép các ô, mở công cụ chuyển mã bằng Ctrl+Shift+F6, chọn bảng mã nguồn "${source}", bảng mã đích "Unicode", bấm "Chuyển mã" rồi dán lại`,
    en: `for instance with Unikey: copy the cells, open its converter with Ctrl+Shift+F6, choose the source "${source}" and the destination "Unicode", click "Chuyển mã" (convert) and paste them back`,
  };
}

/**
 * What a finding about text of an old encoding (MessageParams.legacy) ends with: which encoding,
 * and how to turn the text into Unicode. Reading it as the letters it stands for is left to the
 * official: it is never done silently.
 */
export function legacyAdvice(legacy: LegacyEncoding): Message {
  const { name } = LEGACY_NAMES[legacy];
  const steps = unikeySteps(legacy);
  return {
    vi: `Chữ ở đây được gõ bằng bảng mã cũ ${name.vi}, không phải Unicode, nên không đọc được như chữ tiếng Việt; hãy chuyển mã sang Unicode rồi chấm lại (${steps.vi}).`,
    en: `The text here is typed in the old ${name.en} encoding, not Unicode, so it cannot be read as Vietnamese; convert it to Unicode, then score again (${steps.en}).`,
  };
}

/**
 * The warning for a text file whose bytes were not UTF-8 and were read as Windows-1258 (a CSV
 * saved by Excel on Vietnamese Windows as "CSV (Comma delimited)"). With `legacy`, its text is of
 * an old encoding of Vietnamese (csv.ts, DecodedText.legacy): saving it again as UTF-8 would keep
 * the wrong letters, so the sentence says to convert it.
 */
export function notUtf8Message(file: string, legacy?: LegacyEncoding, encoding: "windows-1258" | "windows-1252" = "windows-1258"): Message {
  if (legacy !== undefined) {
    const { name, sample } = LEGACY_NAMES[legacy];
    const steps = unikeySteps(legacy);
    return {
      vi: `Tệp ${file} không phải UTF-8: chữ tiếng Việt trong tệp được gõ bằng bảng mã cũ ${name.vi} (như "${sample}" thay cho "Đơn vị") nên không đọc được; lưu lại dưới dạng CSV UTF-8 không sửa được điều này. Hãy mở tệp, chuyển mã chữ sang Unicode rồi lưu lại dưới dạng CSV UTF-8 (${steps.vi}).`,
      en: `The file ${file} is not UTF-8: its Vietnamese text is typed in the old ${name.en} encoding (as "${sample}" for "Đơn vị"), so it cannot be read; saving it again as CSV UTF-8 does not correct this. Open the file, convert the text to Unicode, then save it as CSV UTF-8 (${steps.en}).`,
    };
  }
  if (encoding === "windows-1252") {
    return {
      vi: `Tệp ${file} không phải UTF-8 và không có dấu tiếng Việt nên đã đọc theo bảng mã Tây Âu Windows-1252. Hãy kiểm tra các chữ có dấu, hoặc lưu lại dưới dạng CSV UTF-8.`,
      en: `The file ${file} is not UTF-8 and holds no Vietnamese tone marks, so it was read as Western European Windows-1252. Check the accented letters, or save it again as CSV UTF-8.`,
    };
  }
  return {
    vi: `Tệp ${file} không phải UTF-8; đã đọc theo bảng mã tiếng Việt Windows-1258. Hãy kiểm tra dấu tiếng Việt, hoặc lưu lại dưới dạng CSV UTF-8.`,
    en: `The file ${file} is not UTF-8; it was read as Vietnamese Windows-1258. Check the Vietnamese diacritics, or save it again as CSV UTF-8.`,
  };
}

/**
 * A number cell's content as `lang` writes a number, to the 15 significant digits a spreadsheet
 * shows of it (0,8 for a formula's 0.7999999999999999, as Excel's cell shows), without thousands
 * separators, so that it cannot be read two ways: 1,5 and 1234567,25 in vi; 1.5 and 1234567.25 in en.
 */
export function cellNumberText(x: number, lang: "vi" | "en"): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1e15) return exponentText(x, lang);
  const shown = Number(x.toPrecision(SIGNIFICANT));
  const plain = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US", { useGrouping: false, maximumFractionDigits: 20 }).format(shown).replace(/\u2212/g, "-");
  // A figure too small for 20 decimals (1e-25 would be "0") is written with an exponent.
  return Number(plain.replace(",", ".")) === shown ? plain : exponentText(shown, lang);
}

/**
 * The cell's content in a sentence in `lang`: text in quotes, as the user typed it; a number cell's
 * number (`rawNumber`) without quotes, as the language writes it (-1, 1,5 in vi; 1.5 in en), since
 * the user typed a number, not its text.
 */
/**
 * A code typed where Excel reads it as a date ("1.4" became 1 April: `raw` the date as the hosts
 * give it, `list` the index's codes it may have been, codesTurnedDate): what the cell shows, and
 * what to do. Undefined for any other unknown code.
 */
function codeAsDate(p: MessageParams): Message | undefined {
  const date = p.list !== undefined && p.list.length > 0 ? hostDate(p.raw ?? "") : undefined;
  if (!date || !p.list) return undefined;
  return {
    vi: `ô mã đang là ngày ${date.shown.vi} (có thể Excel đã đổi mã thành ngày tháng) nên dòng này được bỏ qua; nếu đây là mã ${p.list.join(" hoặc ")}, hãy định dạng ô là Văn bản (Text) rồi nhập lại mã`,
    en: `the code cell holds the date ${date.shown.en} (Excel may have turned the code into a date), so this row is ignored; if it is code ${p.list.join(" or ")}, format the cell as Text and type the code again`,
  };
}

function quote(p: Pick<MessageParams, "raw" | "rawNumber">, lang: "vi" | "en"): string {
  if (p.rawNumber !== undefined && Number.isFinite(p.rawNumber)) return cellNumberText(p.rawNumber, lang);
  return `"${p.raw ?? ""}"`;
}

/**
 * A date cell's text as both hosts give it (the file host's dateText, the Excel host's
 * serialDateText): "2025-03-04", "2025-03-04T10:30:00"; "1899-12-30T12:00:00" for a time alone.
 */
const HOST_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/;
/** The 1900 date system's day 0 (30 December 1899), in milliseconds since 1970. */
const DAY_ZERO = Date.UTC(1899, 11, 30);
/** The 1904 date system's day 0 (1 January 1904), in milliseconds since 1970. */
const DAY_ZERO_1904 = Date.UTC(1904, 0, 1);
const DAY = 86_400_000;
/**
 * Below this serial (1 January 1904 in the 1900 date system, which no 1904 workbook can hold; the
 * same count of days, before 1908, in the 1904 system) a date is a number typed into a cell
 * formatted as a date: the finding says the number.
 */
const FIRST_1904_SERIAL = 1462;

/** The numbers a "period-number-as-date" finding takes for a year typed (2024 in a cell formatted as a date shows as 16/07/1905). */
const PERIOD_YEARS = { from: 1900, to: 2922 };

/**
 * A cell of a sheet (not a CSV file, whose text is no date cell) that holds a date as the hosts
 * give one (HOST_DATE): hostDate of its text.
 */
/**
 * A whole day in a figure's cell before this year is most likely a figure typed into a cell
 * formatted as a date (1860 shows as 02/02/1905; 20000 as 04/10/1954), not a date of the unit's:
 * the finding says the number the cell will show as a number.
 */
const TYPED_FIGURE_BEFORE = 1990;

function dateCell(p: MessageParams): { shown: Message; serial: number; number?: number; timeOnly?: true } | undefined {
  if (p.file !== undefined || p.rawNumber !== undefined || p.raw === undefined) return undefined;
  return hostDate(p.raw, p.date1904 === true);
}

/**
 * A date as both hosts give a date cell (HOST_DATE: "2025-03-04", "2025-03-04T10:30:00"): the date
 * as the official sees it in Excel (formatDate: 04/03/2025 in vi, 4 Mar 2025 in en; with the time
 * of day, "10:30"; a time alone as the time, timeOnly), its serial number (the count of days Excel keeps, in
 * the workbook's date system), and, for a date before 1904 (a number typed into a cell formatted
 * as a date: 3 shows as 03/01/1900), the number. undefined for text of no such date.
 * Excel counts 1900 as a leap year: its serials before 61 (1 March 1900) show a day later than
 * the day count from 30 December 1899 the hosts use, and 60 shows as 29/02/1900. In a workbook of
 * the 1904 date system (`from1904`), days count from 1 January 1904 (0,5 is "1904-01-01T12:00:00",
 * shown 12:00 as a time), without that leap day, and a date before 1908 is the number typed. No
 * day of the 1904 system falls before 1904, where the two systems show days differently: the date
 * shown is the same in either but for a time alone (a day 0 with a time of day).
 */
export function hostDate(text: string, from1904 = false): { shown: Message; serial: number; number?: number; timeOnly?: true } | undefined {
  const m = HOST_DATE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = "00", mi = "00", sec = "00"] = m;
  const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  if (Number.isNaN(at)) return undefined;
  const serial = Math.round(((at - (from1904 ? DAY_ZERO_1904 : DAY_ZERO)) / DAY) * 1e9) / 1e9;
  const day = Math.floor(serial);
  const time = h !== "00" || mi !== "00" || sec !== "00" ? `${h}:${mi}${sec !== "00" ? `:${sec}` : ""}` : undefined;
  const dayText = (lang: "vi" | "en"): string => {
    if (from1904) return formatDate(new Date(at), lang, 0);
    if (day === 60) return lang === "vi" ? "29/02/1900" : "29 Feb 1900";
    if (day === 0) return lang === "vi" ? "00/01/1900" : "0 Jan 1900";
    return formatDate(new Date(day > 0 && day < 60 ? at + DAY : at), lang, 0);
  };
  const shown = (lang: "vi" | "en"): string => (day === 0 && time !== undefined ? time : `${dayText(lang)}${time !== undefined ? ` ${time}` : ""}`);
  return {
    shown: { vi: shown("vi"), en: shown("en") },
    serial,
    ...(serial >= 0 && serial < FIRST_1904_SERIAL ? { number: serial } : {}),
    ...(day === 0 && time !== undefined ? { timeOnly: true as const } : {}),
  };
}

/**
 * A cell's content quoted (quote), a date cell's as the date it shows: "ngày 04/03/2025" / "the
 * date 4 Mar 2025"; a cell showing a time alone (a fraction of a day in an h:mm cell) as that
 * time: "giờ 12:00" / "the time 12:00".
 */
function shownQuote(p: MessageParams, lang: "vi" | "en"): string {
  const date = dateCell(p);
  if (date === undefined) return quote(p, lang);
  if (date.timeOnly) return lang === "vi" ? `giờ ${date.shown.vi}` : `the time ${date.shown.en}`;
  return lang === "vi" ? `ngày ${date.shown.vi}` : `the date ${date.shown.en}`;
}

/**
 * The answers a yes/no cell takes (values.ts, YES and NO), in each language's sentence: the two
 * its forms offer ("Có" / "Không" on a Vietnamese form, "Yes" / "No" on an English one: the
 * template's drop-down), then briefly the others, as not-a-boolean lists them. The English
 * sentence asks for "Yes" or "No" and lists the Vietnamese answers among the others read.
 */
const BOOLEAN_ANSWERS: Message & { yes: Message; no: Message } = {
  yes: { vi: "Có", en: "Yes" },
  no: { vi: "Không", en: "No" },
  vi: `"Đạt", "Đã có", "x", "Yes", 1 cho có; "Không đạt", "Chưa đạt", "Chưa có", "No", 0 cho không`,
  en: `"x", 1, "Có", "Đạt", "Đã có" for yes; 0, "Không", "Không đạt", "Chưa đạt", "Chưa có" for no`,
};
/** The answers of more than a letter a yes/no cell takes (values.ts, YES and NO), folded, with the way a form writes them. */
const BOOLEAN_WORDS: [string, string][] = [
  ["khong dat", "Không đạt"],
  ["chua dat", "Chưa đạt"],
  ["chua co", "Chưa có"],
  ["chua", "Chưa"],
  ["da co", "Đã có"],
  ["khong co", "Không có"],
  ["khong", "Không"],
  ["co", "Có"],
  ["dat", "Đạt"],
  ["yes", "Yes"],
  ["no", "No"],
];

/**
 * The yes/no answer a refused text starts with, followed by marks or more words ("Có.", "Có (QĐ
 * 12)", "Không, vì…"), as a form writes it; undefined when it starts with none ("Rồi", "Đã gửi").
 */
function answerAtStart(raw: string): string | undefined {
  const folded = foldText(raw);
  return BOOLEAN_WORDS.find(([w]) => folded.startsWith(w) && folded.length > w.length && /^[^\p{L}\p{N}]/u.test(folded.slice(w.length)))?.[1];
}

/**
 * Codes of inputs a table has no column for, said by what each is: an input whose code is its
 * indicator's (`indicators`) as the indicator, any other as an input: "số liệu 1.3.a và chỉ tiêu
 * 4.3", "các số liệu 1.3.a, 2.1.b và chỉ tiêu 4.3" / "input 1.3.a and indicator 4.3". Without
 * `indicators`, all as indicators.
 */
function inputsAndIndicators(codes: string[], indicators: Record<string, string> | undefined): Message & { inputs: number } {
  const inputs = codes.filter((c) => indicators?.[c] !== undefined && indicators[c] !== c);
  const others = codes.filter((c) => !inputs.includes(c));
  const groups: { vi: string; en: string }[] = [];
  const group = (list: string[], vi: [string, string], en: [string, string]) => {
    if (list.length > 0) groups.push({ vi: `${list.length > 1 ? vi[1] : vi[0]} ${list.join(", ")}`, en: `${list.length > 1 ? en[1] : en[0]} ${list.join(", ")}` });
  };
  // In the order of the first code of each kind.
  const inputsFirst = inputs.length > 0 && (others.length === 0 || codes.indexOf(inputs[0]!) < codes.indexOf(others[0]!));
  const kinds: [string[], [string, string], [string, string]][] = [
    [inputs, ["số liệu", "các số liệu"], ["input", "inputs"]],
    [others, ["chỉ tiêu", "các chỉ tiêu"], ["indicator", "indicators"]],
  ];
  for (const [list, vi, en] of inputsFirst ? kinds : kinds.reverse()) group(list, vi, en);
  return { vi: groups.map((g) => g.vi).join(" và "), en: groups.map((g) => g.en).join(" and "), inputs: inputs.length };
}

/**
 * Where a finding is, as its sentence begins: "Trang tính 'Sở Y tế', ô D14: " / "Sheet 'Sở Y tế',
 * cell D14: "; for a CSV file "Tệp b.csv, dòng 5, cột C: " / "File b.csv, row 5, column C: ".
 * With `row`, the row alone: "Trang tính 'Tổng hợp', dòng 3: " / "Tệp b.csv, dòng 1: ".
 * Empty without a sheet.
 */
export function issueLocation(p: Pick<MessageParams, "sheet" | "cell" | "file" | "row">): Message {
  if (p.sheet === undefined) return { vi: "", en: "" };
  if (p.file !== undefined) {
    if (p.row !== undefined) return { vi: `Tệp ${p.file}, dòng ${p.row}: `, en: `File ${p.file}, row ${p.row}: ` };
    const m = p.cell !== undefined ? /^\$?([A-Za-z]+)\$?(\d+)$/.exec(p.cell) : null;
    if (m) {
      const column = (m[1] as string).toUpperCase();
      return { vi: `Tệp ${p.file}, dòng ${m[2]}, cột ${column}: `, en: `File ${p.file}, row ${m[2]}, column ${column}: ` };
    }
    return { vi: `Tệp ${p.file}: `, en: `File ${p.file}: ` };
  }
  if (p.row !== undefined) return { vi: `Trang tính '${p.sheet}', dòng ${p.row}: `, en: `Sheet '${p.sheet}', row ${p.row}: ` };
  if (p.cell === undefined) return { vi: `Trang tính '${p.sheet}': `, en: `Sheet '${p.sheet}': ` };
  return { vi: `Trang tính '${p.sheet}', ô ${p.cell}: `, en: `Sheet '${p.sheet}', cell ${p.cell}: ` };
}

/** True when `node` is an input with a code of its own (not an indicator's implicit input). */
function isInput(p: MessageParams): boolean {
  return p.indicator !== undefined && p.node !== undefined && p.indicator !== p.node;
}

/** What the issue is about, in words: "chỉ tiêu 2.1", or "số liệu 1.2.a của chỉ tiêu 1.2" for an input. */
function subject(p: MessageParams): Message {
  if (isInput(p)) return { vi: `số liệu ${p.node} của chỉ tiêu ${p.indicator}`, en: `input ${p.node} of indicator ${p.indicator}` };
  return { vi: `chỉ tiêu ${p.node}`, en: `indicator ${p.node}` };
}

/** The node a self score is given to, by its kind (`nodeKind`): "chỉ tiêu 1.1", "nhóm 1", "tổng điểm DTI-SO". */
function scoredNode(p: MessageParams): Message {
  if (p.nodeKind === "group") return { vi: `nhóm ${p.node}`, en: `group ${p.node}` };
  if (p.nodeKind === "total") return { vi: `tổng điểm ${p.node}`, en: `the total ${p.node}` };
  return { vi: `chỉ tiêu ${p.node}`, en: `indicator ${p.node}` };
}

function of(p: MessageParams): Message {
  if (p.node === undefined) return { vi: "", en: "" };
  const s = subject(p);
  return { vi: ` (${s.vi})`, en: ` (${s.en})` };
}

/**
 * What a cell holding a formula whose result the file does not store (excel-error) cannot give
 * (`cellHolds`; a figure without it), and what follows from it: the name the unit is scored under
 * instead, or, without one, that the row is not scored; a unit without its category.
 */
function unreadCell(p: MessageParams): { what: Message; then: Message } {
  const none = { vi: "", en: "" };
  const instead = p.unitName;
  switch (p.cellHolds) {
    case "name":
      return {
        what: { vi: "tên đơn vị", en: "the unit's name" },
        then:
          instead !== undefined
            ? { vi: `; tạm dùng "${instead}" thay cho tên`, en: `; "${instead}" is used instead` }
            : { vi: "; dòng cũng không có mã đơn vị đọc được nên không được chấm", en: "; the row has no readable unit code either, so it is not scored" },
      };
    case "code":
      return {
        what: { vi: "mã đơn vị", en: "the unit code" },
        then:
          instead !== undefined
            ? { vi: `; đơn vị được chấm theo tên "${instead}", không có mã`, en: `; the unit is scored under its name, "${instead}", without a code` }
            : { vi: "; dòng không có tên đơn vị nên không được chấm", en: "; the row has no unit name either, so it is not scored" },
      };
    case "category":
      return { what: { vi: "loại đơn vị", en: "the unit category" }, then: { vi: `; ${noCategory(p).vi}`, en: `; ${noCategory(p).en}` } };
    case "self":
      return { what: { vi: "điểm tự chấm", en: "the self score" }, then: none };
    case "evidence":
      return { what: { vi: "minh chứng", en: "the evidence" }, then: none };
    default:
      return { what: { vi: "số liệu", en: "the figure" }, then: none };
  }
}

type Body = (p: MessageParams) => Message;

/** What a cell for an input of `inputType` takes, as an instruction ends: "số liệu (số)" / "the figure (a number)". */
function expectedEntry(p: MessageParams): Message {
  switch (p.inputType) {
    case "integer":
      return { vi: "số liệu (số nguyên)", en: "the figure (a whole number)" };
    case "percent":
      return { vi: "số liệu (tỷ lệ phần trăm)", en: "the figure (a percentage)" };
    case "boolean":
      return { vi: "câu trả lời có hoặc không", en: "the answer yes or no" };
    case "choice": {
      const options = choicesIn(p, "vi");
      return options !== ""
        ? { vi: `một trong các lựa chọn ${options}`, en: `one of the options ${choicesIn(p, "en")}` }
        : { vi: "câu trả lời", en: "the answer" };
    }
    case "text":
      return { vi: "nội dung", en: "the text" };
    default:
      return { vi: "số liệu (số)", en: "the figure (a number)" };
  }
}

/** A choice input's options as a form in `lang` writes them, quoted: "\"Có\", \"Không\"" ("" when none is known). */
function choicesIn(p: MessageParams, lang: "vi" | "en"): string {
  const names = p.choices !== undefined ? p.choices.map((c) => c[lang]) : (p.list ?? []);
  return names.map((o) => `"${o}"`).join(", ");
}

/** Codes in a sentence: "3.1.a và 3.1.b", "3.1.a, 3.1.b và 3.1.c" / "3.1.a and 3.1.b". */
function joinCodes(codes: string[], lang: "vi" | "en"): string {
  if (codes.length < 2) return codes.join("");
  return `${codes.slice(0, -1).join(", ")} ${lang === "vi" ? "và" : "and"} ${codes[codes.length - 1]}`;
}

/** The index's first input codes and "…" when it has more: "1.1, 1.2.a, 1.2.b, …". */
function inputCodesText(inputs: { codes: string[]; more: boolean }): string {
  return `${inputs.codes.join(", ")}${inputs.more ? ", …" : ""}`;
}

/**
 * layout-not-found of a row heading the units' column but no input's: the unit column found, the
 * columns that match no input code (those naming a group or an indicator said so), and the input
 * codes the columns must be named by.
 */
function unitsHeaderWithoutInputs(p: MessageParams): Message {
  const h = p.unitsHeader ?? { columns: [], columnCount: 0, nodes: [] };
  const cols = `${h.columns.map((c) => `"${excerpt(c)}"`).join(", ")}${h.columnCount > h.columns.length ? ", …" : ""}`;
  const unmatched =
    h.columnCount === 1
      ? { vi: `cột ${cols} không khớp mã số liệu nào`, en: `the column ${cols} matches no input code` }
      : { vi: `các cột ${cols} không khớp mã số liệu nào`, en: `the columns ${cols} match no input code` };
  const nodes =
    h.nodes.length === 0
      ? { vi: "", en: "" }
      : {
          vi: ` (${joinCodes(h.nodes, "vi")} là mã của chỉ tiêu hoặc nhóm chỉ tiêu, không phải mã số liệu)`,
          en: ` (${joinCodes(h.nodes, "en")} ${h.nodes.length > 1 ? "are codes of indicators or groups" : "is the code of an indicator or a group"}, not of an input)`,
        };
  const scored = p.file !== undefined ? { vi: "chưa đơn vị nào trong tệp được chấm", en: "no unit in the file is scored" } : { vi: "trang tính này chưa được chấm", en: "the sheet is not scored" };
  const first = p.inputCodes?.codes[0];
  const y = h.years;
  const name = y !== undefined
    ? {
        vi: `; các cột như "${excerpt(y.example)}" mang số liệu ${y.code} kèm năm, của ${y.count} năm (${y.from}–${y.to}): hãy chỉ giữ các cột số liệu của năm cần chấm (xóa các cột của những năm khác, hoặc chép cột đơn vị và các cột của năm đó sang một tệp mới)`,
        en: `; columns such as "${excerpt(y.example)}" hold input ${y.code} with a year, for ${y.count} years (${y.from}–${y.to}): keep only the figure columns of the year to score (delete the other years' columns, or copy the unit column and that year's columns into a new file)`,
      }
    : p.inputCodes !== undefined && first !== undefined
    ? {
        vi: `; hãy đặt tên mỗi cột số liệu bằng một mã số liệu của bộ chỉ số (${inputCodesText(p.inputCodes)}), như "${first}" hoặc "${first} – tên số liệu"`,
        en: `; name each figure column by one of the index's input codes (${inputCodesText(p.inputCodes)}), as "${first}" or "${first} – its name"`,
      }
    : { vi: "", en: "" };
  return {
    vi: `đã tìm thấy cột đơn vị ${quote(p, "vi")} nhưng không cột nào mang mã số liệu của bộ chỉ số: ${unmatched.vi}${nodes.vi}, nên ${scored.vi}${name.vi}`,
    en: `the unit column ${quote(p, "en")} was found, but no column is named by an input code of the index: ${unmatched.en}${nodes.en}, so ${scored.en}${name.en}`,
  };
}

/** The unit categories a user may write, by name in `lang`: "\"Sở có dịch vụ công\", \"Sở không có dịch vụ công\"". */
function categoryChoices(p: MessageParams, lang: "vi" | "en"): string {
  const names = p.categories !== undefined ? p.categories.map((c) => c[lang]) : (p.list ?? []);
  return names.map((n) => `"${n}"`).join(", ");
}

/**
 * How a unit without a (known) category is scored (`table`: every unit of a table without the
 * column): what unknown-category and missing-category go on to say, of what the index decides by
 * category (`categoryUses`; without it, all of it).
 */
function noCategory(p: MessageParams, table = false): Message {
  const uses = p.categoryUses;
  const [it, is, gets] = table ? ["they", "are", "get"] : ["it", "is", "gets"];
  const parts: Message[] = [];
  if (uses === undefined || uses.appliesTo) parts.push({ vi: "không được tính các chỉ tiêu chỉ áp dụng cho một số loại đơn vị", en: "indicators that apply only to some categories are left out" });
  if (uses !== undefined && uses.excluded.length > 0) {
    const names = (lang: "vi" | "en") => uses.excluded.map((c) => `"${c[lang]}"`).join(", ");
    parts.push({ vi: `vẫn được xếp hạng dù đơn vị thuộc loại ${names("vi")} không được xếp hạng`, en: `${it} ${is} ranked, though units of the category ${names("en")} are not` });
  }
  if (uses === undefined || uses.rankWithin) parts.push({ vi: "không có thứ hạng trong loại", en: `${it} ${gets} no rank within a category` });
  if (uses === undefined || uses.compareWithin) parts.push({ vi: "ở các chỉ tiêu so sánh trong từng loại thì được so với mọi đơn vị", en: `on indicators compared within a category ${it} ${is} compared with all units` });
  if (parts.length === 0) {
    return { vi: "bộ chỉ số không chấm điểm hay xếp hạng theo loại đơn vị nên điểm và thứ hạng không đổi", en: "the index neither scores nor ranks by unit category, so no score or rank changes" };
  }
  const join = (lang: "vi" | "en") => {
    const words = parts.map((m) => m[lang]);
    const and = `${words.length > 2 ? "," : ""} ${lang === "vi" ? "và" : "and"} `;
    return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(", ")}${and}${words[words.length - 1]!}`;
  };
  const who: Message = table ? { vi: "mọi đơn vị của bảng được chấm", en: "every unit of the table is scored" } : { vi: "đơn vị được chấm", en: "the unit is scored" };
  return { vi: `${who.vi} như không thuộc loại đơn vị nào: ${join("vi")}`, en: `${who.en} as belonging to no unit category: ${join("en")}` };
}

/** A unit named with its code: "Sở Nội vụ (SNV)"; either alone when only one is known. */
function unitNamed(p: MessageParams): string | undefined {
  if (p.unitName !== undefined && p.unit !== undefined && p.unitName !== p.unit) return `${p.unitName} (${p.unit})`;
  return p.unitName ?? p.unit;
}

/** A table column by its name in the form's language, then in the other: "\"Số liệu\" (Value)". */
const COLUMN_NAMES: Record<"code" | "value" | NonNullable<MessageParams["column"]>, Message> = {
  code: { vi: "Mã", en: "Code" },
  value: { vi: "Số liệu", en: "Value" },
  appraised: { vi: "Số liệu thẩm định", en: "Appraised value" },
  evidence: { vi: "Minh chứng", en: "Evidence" },
  self: { vi: "Tự chấm", en: "Self score" },
  score: { vi: "Điểm", en: "Score" },
};
function columnName(key: keyof typeof COLUMN_NAMES, formLang: "vi" | "en"): string {
  const names = COLUMN_NAMES[key];
  return `"${names[formLang]}" (${names[formLang === "vi" ? "en" : "vi"]})`;
}

/** The column of a cell's address: "J8" → "J". */
function columnOf(cell: string | undefined): string {
  return (cell ?? "?").replace(/^\$?([A-Za-z]+).*$/, "$1").toUpperCase();
}

/**
 * unknown-column for a header cell (`raw`, at `cell`) naming a column another header cell
 * (`found`) names already: which column is read (`readColumn` under a header of two rows, else
 * the column of `found`), that this one is not, and what to do if this one holds the right
 * figures. For `Điểm` (`score`), the project's: which column the scores are written in, every run.
 */
function columnNamedTwice(p: MessageParams): Message {
  const here = columnOf(p.cell);
  const read = p.readColumn ?? columnOf(p.found);
  const same = { vi: `tên cột ${quote(p, "vi")} trùng với tên cột ở ô ${p.found}`, en: `the column name ${quote(p, "en")} is the same as the one in cell ${p.found}` };
  if (p.column === "score") {
    return {
      vi: `${same.vi}: điểm chấm được ghi vào cột ${read} ở mọi lần chấm, cột ${here} được để nguyên; nếu cột ${here} là cột riêng của bạn, hãy đổi tên cột để khỏi nhầm với cột điểm`,
      en: `${same.en}: the scores are written in column ${read} on every run, and column ${here} is left as it is; if column ${here} is your own, rename it so that it is not taken for the scores`,
    };
  }
  /** What the column holds: read from column X; the right ones, if they are in this column. */
  const what: Record<Exclude<NonNullable<MessageParams["column"]>, "score">, { read: Message; right: Message }> = {
    code: { read: { vi: "mã chỉ tiêu được đọc", en: "the codes are read" }, right: { vi: "mã chỉ tiêu đúng", en: "the right codes" } },
    value: { read: { vi: "số liệu được đọc", en: "the figures are read" }, right: { vi: "số liệu đúng", en: "the right figures" } },
    appraised: { read: { vi: "số liệu thẩm định được đọc", en: "the appraised figures are read" }, right: { vi: "số liệu thẩm định đúng", en: "the right appraised figures" } },
    self: { read: { vi: "điểm tự chấm được đọc", en: "the self scores are read" }, right: { vi: "điểm tự chấm đúng", en: "the right self scores" } },
    evidence: { read: { vi: "minh chứng được đọc", en: "the evidence is read" }, right: { vi: "minh chứng", en: "the evidence" } },
  };
  const w = what[p.column ?? "value"];
  return {
    vi: `${same.vi}: ${w.read.vi} ở cột ${read}, cột ${here} không được đọc; nếu ${w.right.vi} nằm ở cột ${here}, hãy chuyển sang cột ${read} rồi xóa hoặc đổi tên cột ${here}`,
    en: `${same.en}: ${w.read.en} from column ${read}, and column ${here} is not read; if ${w.right.en} ${p.column === "evidence" ? "is" : "are"} in column ${here}, move ${p.column === "evidence" ? "it" : "them"} to column ${read} and delete or rename column ${here}`,
  };
}

/** Why a node is not scored for a unit (NodeResult.reason), as self-score-differs says it. */
const NOT_SCORED: Record<UnavailableReason, Message> = {
  "not-applicable": { vi: "không áp dụng với loại đơn vị này", en: "it does not apply to the unit's category" },
  "answered-na": { vi: "đơn vị ghi không áp dụng", en: "the unit answered not applicable" },
  missing: { vi: "thiếu số liệu, không được tính khi tổng hợp điểm", en: "its figures are missing, so it is left out of the aggregation" },
  "zero-denominator": { vi: "mẫu số bằng 0 nên không áp dụng", en: "its denominator is 0, so it does not apply" },
  "invalid-result": { vi: "công thức không cho ra một số", en: "its formula gives no number" },
  "children-unavailable": { vi: "không chỉ tiêu nào trong nhóm được chấm điểm", en: "none of the indicators in it is scored" },
};

/**
 * Why an indicator missing some inputs scores 0 under missing "exclude", as the sentence goes on
 * after "0 điểm": " vì đã có số liệu 2.b (chỉ khi thiếu mọi số liệu, chỉ tiêu mới không được tính
 * khi tổng hợp)"; `short`, without the parenthesis.
 */
function givenWhy(given: string[], short = false): Message {
  const many = given.length > 1;
  return {
    vi: ` vì đã có số liệu ${joinCodes(given, "vi")}${short ? "" : " (chỉ khi thiếu mọi số liệu, chỉ tiêu mới không được tính khi tổng hợp điểm)"}`,
    en: `, since ${many ? "inputs" : "input"} ${joinCodes(given, "en")} ${many ? "have values" : "has a value"}${short ? "" : " (an indicator is left out of the aggregation only when all its inputs are missing)"}`,
  };
}

/** What self-score-differs adds for a self score above the node's maximum (`aboveMax`): "; điểm tự chấm còn vượt quá điểm tối đa (10 điểm)". */
function aboveMax(p: MessageParams): Message {
  if (p.aboveMax === undefined) return { vi: "", en: "" };
  return {
    vi: `; điểm tự chấm còn vượt quá điểm tối đa (${num(p.aboveMax, "vi")} điểm)`,
    en: `; the self score is also above the maximum (${num(p.aboveMax, "en")} ${p.aboveMax === 1 ? "point" : "points"})`,
  };
}

function notScored(reason: UnavailableReason | true): Message {
  return reason === true ? { vi: "không được tính khi tổng hợp điểm", en: "it is left out of the aggregation" } : NOT_SCORED[reason];
}

/**
 * What missing-input says before any advice: that the input has no value (as the cell inside a
 * merge, `mergedRange`, that shows another cell's value), and what that does to its indicator.
 */
function missingInput(p: MessageParams): Message {
  const input = isInput(p);
  const none = input
    ? { vi: `chưa có số liệu ${p.node} của chỉ tiêu ${p.indicator}`, en: `no value for input ${p.node} of indicator ${p.indicator}` }
    : { vi: `chưa có số liệu cho chỉ tiêu ${p.node}`, en: `no value for indicator ${p.node}` };
  const what =
    p.mergedRange === undefined
      ? none
      : {
          vi: `ô này thuộc vùng ô gộp ${p.mergedRange}, giá trị của vùng (${quote(p, "vi")}) nằm ở ô ${p.mergedCell} và chỉ được đọc cho dòng của ô đó, nên ${none.vi}`,
          en: `the cell is part of the merged range ${p.mergedRange}, whose value (${quote(p, "en")}) is in ${p.mergedCell} and is read for that cell's row only, so there is ${none.en}`,
        };
  const it = input ? "the indicator" : "it";
  if (p.scoresNothing) return { vi: `${what.vi}; chỉ tiêu này không tính điểm nên kết quả không đổi`, en: `${what.en}; ${it} scores nothing, so no result changes` };
  if (p.missing === "exclude" && p.given !== undefined && p.given.length > 0) {
    // Some inputs given, others missing: scored 0, as under "zero" (left out only when all are missing).
    const why = givenWhy(p.given);
    return p.noPoints
      ? { vi: `${what.vi}; giá trị của chỉ tiêu này được tính bằng 0${why.vi}`, en: `${what.en}; ${input ? "the indicator's" : "its"} value counts as 0${why.en}` }
      : { vi: `${what.vi}; chỉ tiêu này được tính 0 điểm${why.vi}`, en: `${what.en}; ${it} scores 0${why.en}` };
  }
  return p.missing === "exclude"
    ? { vi: `${what.vi}; chỉ tiêu này không được tính khi tổng hợp điểm`, en: `${what.en}; ${it} is left out of the aggregation` }
    : p.noPoints
      ? { vi: `${what.vi}; giá trị của chỉ tiêu này được tính bằng 0`, en: `${what.en}; ${input ? "the indicator's" : "its"} value counts as 0` }
      : { vi: `${what.vi}; chỉ tiêu này được tính 0 điểm`, en: `${what.en}; ${it} scores 0` };
}

/**
 * Cells in a sentence, at most `most` of them, then how many more: "ô D20, D45 và 3 ô khác" /
 * "cells D20, D45 and 3 more"; in a CSV file (one row), their columns: "cột F, H" / "columns F, H".
 * `bare`: cells said to be cells already ("3 ô để trống (D14, D20, D30)"), without the word "ô".
 */
function cellList(cells: string[], p: MessageParams, most: number, bare = false): Message {
  const csv = p.file !== undefined;
  const shown = cells.slice(0, most).map((c) => (csv ? columnOf(c) : c));
  const more = cells.length - shown.length;
  const word = csv ? "cột" : "ô";
  const enWord = csv ? (cells.length === 1 ? "column" : "columns") : cells.length === 1 ? "cell" : "cells";
  const named = !bare || csv;
  return {
    vi: `${named ? `${word} ` : ""}${shown.join(", ")}${more > 0 ? ` và ${more} ${word} khác` : ""}`,
    en: `${named ? `${enWord} ` : ""}${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`,
  };
}

/** Indicator codes in a sentence, at most `most`: "chỉ tiêu 1.1", "các chỉ tiêu 1.1, 1.2 và 3 chỉ tiêu khác" / "indicators 1.1, 1.2 and 3 more". */
function indicatorList(codes: string[], most: number): Message {
  const shown = codes.slice(0, most);
  const more = codes.length - shown.length;
  if (more > 0) return { vi: `các chỉ tiêu ${shown.join(", ")} và ${more} chỉ tiêu khác`, en: `indicators ${shown.join(", ")} and ${more} more` };
  return codes.length > 1
    ? { vi: `các chỉ tiêu ${joinCodes(codes, "vi")}`, en: `indicators ${joinCodes(codes, "en")}` }
    : { vi: `chỉ tiêu ${codes[0] ?? "?"}`, en: `indicator ${codes[0] ?? "?"}` };
}

/** The start of a text quoted in a sentence: its first 40 characters, on one line, then "…". */
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 40 ? `${line.slice(0, 40).trimEnd()}…` : line;
}

/**
 * blank-read-as-no: blank yes/no cells read as "Không" because the unit ticks its "Có" answers
 * with "x" (the x / blank checklist convention): which cells, why (the cells with "x"), what the
 * definition's missing-data rule would have made of them as unanswered, and, for a yes/no
 * indicator with evidence, that the evidence contradicts the "Không".
 */
function blankReadAsNo(p: MessageParams): Message {
  const marks = p.checkMarks ?? [];
  const at = cellList(marks, p, 3);
  const some = marks.length > 1;
  const who = p.layout === "B" ? { vi: "dòng của đơn vị", en: "the unit's row" } : { vi: "phiếu", en: "the form" };
  const why = {
    vi: `vì ${who.vi} đánh dấu "x" cho ${some ? "các " : ""}câu trả lời "Có" (${at.vi})`,
    en: `because ${who.en} marks ${some ? `"Yes" answers` : `a "Yes" answer`} with "x" (${at.en})`,
  };
  const indicator = p.indicator ?? p.node ?? "?";
  if (p.evidenceFound !== undefined) {
    // A yes/no indicator with evidence: the evidence says "Có" where the blank is read as "Không".
    // The indicator is named already, in the parenthesis after the cell.
    const scored = p.noPoints
      ? { vi: "giá trị của chỉ tiêu này được tính bằng 0", en: "the indicator's value counts as 0" }
      : { vi: "chỉ tiêu này được tính 0 điểm", en: "the indicator scores 0" };
    const instead = p.asMissing?.leftOut?.includes(indicator)
      ? { vi: " thay vì không được tính khi tổng hợp điểm như một ô chưa có số liệu", en: " rather than being left out of the aggregation as a missing figure would be" }
      : { vi: "", en: "" };
    const evidence = `"${excerpt(p.evidenceFound.raw)}"`;
    return {
      vi: `ô để trống${of(p).vi} được hiểu là "Không" ${why.vi}, nên ${scored.vi}${instead.vi}; nhưng ô minh chứng ${p.evidenceFound.cell} lại ghi ${evidence}, trái với câu trả lời "Không" — hãy kiểm tra với đơn vị rồi ghi "Có" hoặc "Không" vào ô này`,
      en: `the blank cell${of(p).en} is read as "No" ${why.en}, so ${scored.en}${instead.en}; yet the evidence cell ${p.evidenceFound.cell} holds ${evidence}, which contradicts the "No" — check with the unit and write "Yes" or "No" in the cell`,
    };
  }
  const blanks = p.blanks ?? (p.cell !== undefined ? [p.cell] : []);
  const many = blanks.length > 1;
  // What the missing-data rule would have made of the blanks, taken as unanswered.
  const leftOut = p.asMissing?.leftOut ?? [];
  const zero = p.asMissing?.zero ?? [];
  const parts: Message[] = [];
  if (leftOut.length > 0) {
    const list = indicatorList(leftOut, 6);
    parts.push({ vi: `${list.vi} sẽ không được tính khi tổng hợp điểm`, en: `${list.en} would be left out of the aggregation` });
  }
  if (zero.length > 0) {
    const list = indicatorList(zero, 6);
    parts.push(
      p.noPoints
        ? { vi: `giá trị của ${list.vi} sẽ được tính bằng 0`, en: `the value of ${list.en} would count as 0` }
        : { vi: `${list.vi} sẽ được tính 0 điểm`, en: `${list.en} would score 0` },
    );
  }
  const effect =
    parts.length > 0
      ? {
          vi: `; nếu coi là chưa trả lời (chưa có số liệu) thì ${parts.map((m) => m.vi).join(", còn ")}`,
          en: `; were ${many ? "they" : "it"} taken as unanswered (${many ? "missing figures" : "a missing figure"}), ${parts.map((m) => m.en).join(", and ")}`,
        }
      : { vi: "", en: "" };
  if (!many) {
    return {
      vi: `ô để trống${of(p).vi} được hiểu là "Không" ${why.vi}${effect.vi} — nếu đơn vị chưa trả lời, hãy hỏi lại đơn vị rồi ghi "Có" hoặc "Không" vào ô này`,
      en: `the blank cell${of(p).en} is read as "No" ${why.en}${effect.en} — if the unit has not answered, ask it and write "Yes" or "No" in the cell`,
    };
  }
  const list = cellList(blanks, p, 12, true);
  return {
    vi: `${blanks.length} ô để trống (${list.vi}) được hiểu là "Không" ${why.vi}${effect.vi} — nếu đơn vị chưa trả lời ô nào trong số này, hãy hỏi lại đơn vị rồi ghi "Có" hoặc "Không" vào ô đó`,
    en: `${blanks.length} blank cells (${list.en}) are read as "No" ${why.en}${effect.en} — if the unit has not answered one of them, ask it and write "Yes" or "No" in that cell`,
  };
}

const bodies: Partial<Record<IssueCode, Body>> = {
  "blank-read-as-no": blankReadAsNo,
  "no-figures": (p) => {
    // One finding for a unit that gave no figure at all (a blank form kept by Collect for a unit
    // that has not sent its own), instead of a missing-input for each of its inputs.
    const unit = unitNamed(p);
    const row = p.layout === "B";
    const what = row
      ? {
          vi: `dòng của ${unit ?? "đơn vị"} chưa có số liệu nào (mọi ô số liệu trên dòng đều trống)`,
          en: `the row of ${unit ?? "the unit"} holds no figure (every figure's cell on it is empty)`,
        }
      : p.appraisedColumn
        ? {
            vi: `phiếu của ${unit ?? "đơn vị"} chưa có số liệu nào (cột Số liệu và Số liệu thẩm định đều trống)`,
            en: `the form of ${unit ?? "the unit"} holds no figure (its Value and Appraised value columns are empty)`,
          }
        : {
            vi: `phiếu của ${unit ?? "đơn vị"} chưa có số liệu nào (cột Số liệu trống ở mọi dòng)`,
            en: `the form of ${unit ?? "the unit"} holds no figure (its Value column is empty on every row)`,
          };
    const then =
      p.missing === "exclude"
        ? {
            vi: "theo quy tắc thiếu số liệu của bộ chỉ số, chỉ tiêu không có số liệu không được tính khi tổng hợp điểm, nên đơn vị không có điểm và không được xếp hạng",
            en: "by the index's rule for missing figures, an indicator without figures is left out of the aggregation, so the unit gets no score and is not ranked",
          }
        : p.noPoints
          ? { vi: "mọi chỉ tiêu được tính giá trị 0 (theo quy tắc thiếu số liệu của bộ chỉ số)", en: "every indicator counts as a value of 0 (the index's rule for missing figures)" }
          : { vi: "mọi chỉ tiêu được tính 0 điểm (theo quy tắc thiếu số liệu của bộ chỉ số)", en: "every indicator scores 0 (the index's rule for missing figures)" };
    // Self scores and evidence alone are no figures: said, so that the form is not thought complete.
    const other = p.notFigures ?? [];
    const has =
      other.length > 0
        ? {
            vi: `; phiếu có ${other.map((k) => (k === "self" ? "điểm tự chấm" : "minh chứng")).join(" và ")} nhưng chỉ số liệu được dùng để chấm điểm`,
            en: `; the form has ${other.map((k) => (k === "self" ? "self scores" : "evidence")).join(" and ")}, but only figures are scored`,
          }
        : { vi: "", en: "" };
    const enter = row
      ? { vi: "hãy nhập số liệu của đơn vị trên dòng này rồi chấm lại", en: "enter the unit's figures on this row and score again" }
      : { vi: "hãy nhập số liệu khi đơn vị gửi phiếu rồi chấm lại", en: "enter the figures once the unit sends its form and score again" };
    return { vi: `${what.vi}: ${then.vi}${has.vi}; ${enter.vi}`, en: `${what.en}: ${then.en}${has.en}; ${enter.en}` };
  },
  "missing-input": (p) => {
    const body = missingInput(p);
    if (p.mergedRange === undefined) return body;
    // The cell shows a merge's value: say how to give each input its own cell.
    return {
      vi: `${body.vi}; mỗi số liệu cần một ô riêng: hãy bỏ gộp vùng ${p.mergedRange} và nhập số liệu của từng dòng vào ô của dòng đó`,
      en: `${body.en}; each input needs its own cell: unmerge ${p.mergedRange} and enter each row's figure in that row's cell`,
    };
  },
  "not-a-number": (p) => {
    const date = dateCell(p);
    if (date !== undefined) {
      // A number shown as a date by the cell's format: the figure typed (3, shown 03/01/1900), or a date typed.
      const format = { vi: `hãy đổi định dạng ô sang "Số" (Number) rồi nhập lại số liệu`, en: `change the cell's format to Number and type the figure again` };
      // A fraction of a day in a cell formatted as a time (h:mm) shows as a time of day.
      const formatted = date.timeOnly ? { vi: "giờ", en: "a time" } : { vi: "ngày tháng", en: "a date" };
      return date.number !== undefined
        ? {
            vi: `ô được định dạng ${formatted.vi} nên số ${cellNumberText(date.number, "vi")} hiện thành ${date.shown.vi} và không được đọc là số${of(p).vi}; ${format.vi}`,
            en: `the cell is formatted as ${formatted.en}, so the number ${cellNumberText(date.number, "en")} shows as ${date.shown.en} and is not read as a figure${of(p).en}; ${format.en}`,
          }
        : Number.isInteger(date.serial) && Number(p.raw?.slice(0, 4)) < TYPED_FIGURE_BEFORE
          ? {
              // A whole day long before any self-assessment: most likely the figure typed (1860 shows as 02/02/1905).
              vi: `ô chứa ngày ${date.shown.vi} (ô được định dạng ngày tháng), không phải là số${of(p).vi}; nếu đây là số liệu, hãy đổi định dạng ô sang "Số" (Number): ô sẽ hiện số ${cellNumberText(date.serial, "vi")}, và nếu đó không phải số liệu của đơn vị thì nhập lại số liệu`,
              en: `the cell holds the date ${date.shown.en} (it is formatted as a date), not a number${of(p).en}; if it is a figure, change the cell's format to Number: it will show ${cellNumberText(date.serial, "en")}, and if that is not the unit's figure, type the figure again`,
            }
          : {
              vi: `ô chứa ngày ${date.shown.vi} (ô được định dạng ngày tháng), không phải là số${of(p).vi}; nếu đây là số liệu, ${format.vi}`,
              en: `the cell holds the date ${date.shown.en} (it is formatted as a date), not a number${of(p).en}; if it is a figure, ${format.en}`,
            };
    }
    const said = { vi: `${quote(p, "vi")} không phải là số${of(p).vi}`, en: `${quote(p, "en")} is not a number${of(p).en}` };
    // A number typed with words ("4 ứng dụng"): the number alone is what the cell takes; the words
    // being the input's unit of measure (or its start: "2 cuộc" for "cuộc họp"), that is certain.
    const n = p.numberText;
    if (n === undefined) return said;
    if (p.measure !== undefined) {
      return {
        vi: `${said.vi}: số liệu này tính theo đơn vị "${p.measure.vi}", hãy chỉ ghi số ${n} (không kèm đơn vị tính)`,
        en: `${said.en}: this figure is counted in "${p.measure.en}"; write only the number ${n} (without the unit)`,
      };
    }
    return {
      vi: `${said.vi}; nếu số liệu là ${n}, hãy chỉ ghi số ${n} (không kèm đơn vị tính hay chữ)`,
      en: `${said.en}; if the figure is ${n}, write only the number ${n} (without a unit or words)`,
    };
  },
  "period-number-as-date": (p) => {
    // A number typed into a `Kỳ đánh giá` cell formatted as a date (periodNumberAsDate in
    // periods.ts): 2024 shows as 16/07/1905, and the period read is that day.
    const date = p.raw !== undefined ? hostDate(p.raw, p.date1904 === true) : undefined;
    if (date === undefined) return { vi: "ô kỳ đánh giá được định dạng ngày tháng", en: "the period cell is formatted as a date" };
    const n = date.serial;
    // A format showing the year or the month only: the cell shows that, and the period is read so.
    const part = p.periodShown;
    const said =
      part !== undefined
        ? {
            vi: `ô kỳ đánh giá được định dạng ngày tháng nên số ${cellNumberText(n, "vi")} hiện thành ${part}, và kỳ đánh giá được đọc là "${part}" (tiêu đề trang kết quả và tên các biểu đồ sẽ ghi "${part}")`,
            en: `the period cell is formatted as a date, so the number ${cellNumberText(n, "en")} shows as ${part} and the period is read as "${part}" (the results sheet's title and the charts' titles will give "${part}")`,
          }
        : {
            vi: `ô kỳ đánh giá được định dạng ngày tháng nên số ${cellNumberText(n, "vi")} hiện thành ${date.shown.vi}, và kỳ đánh giá được đọc là ngày đó (tiêu đề trang kết quả và tên các biểu đồ sẽ ghi "${date.shown.vi}")`,
            en: `the period cell is formatted as a date, so the number ${cellNumberText(n, "en")} shows as ${date.shown.en} and the period is read as that day (the results sheet's title and the charts' titles will give "${date.shown.vi}")`,
          };
    const format = { vi: `hãy đổi định dạng ô sang "Văn bản" (Text) rồi nhập lại kỳ đánh giá`, en: "change the cell's format to Text and type the period again" };
    if (Number.isInteger(n) && n >= PERIOD_YEARS.from && n <= PERIOD_YEARS.to) {
      return {
        vi: `${said.vi}; số đã nhập có lẽ là năm ${n}: ${format.vi} (như "Năm ${n}")`,
        en: `${said.en}; the number typed was probably the year ${n}: ${format.en} (such as "Year ${n}")`,
      };
    }
    return {
      vi: `${said.vi}; nếu kỳ đánh giá không phải ngày đó, ${format.vi}`,
      en: `${said.en}; if that day is not the period, ${format.en}`,
    };
  },
  // As a definition's numbers are said (number-too-large, number-too-small of the definition's problems).
  "number-too-large": (p) => ({
    vi: `${quote(p, "vi")} quá lớn: một số chỉ ghi được đến 1,8 × 10^308, nên số liệu này không được dùng; hãy kiểm tra lại số liệu${of(p).vi}`,
    en: `${quote(p, "en")} is too large: a number goes up to about 1.8e308, so this figure is not used; check the figure${of(p).en}`,
  }),
  "number-too-small": (p) => ({
    vi: `${quote(p, "vi")} quá nhỏ, sẽ bị đọc thành 0, nên số liệu này không được dùng; nếu số liệu là 0, hãy ghi 0; nếu không, hãy ghi một số lớn hơn${of(p).vi}`,
    en: `${quote(p, "en")} is too small and would be read as 0, so this figure is not used; write 0 if 0 is meant, or a larger number${of(p).en}`,
  }),
  "not-an-integer": (p) =>
    // "85%" in a whole number's cell: read as 0,85, which is no whole number; 85 may be what was meant.
    p.notPercent
      ? {
          vi: `${percentReadAs(p).vi}, không phải là số nguyên${of(p).vi}; số liệu này không phải tỷ lệ phần trăm — ${percentMeant(p).vi}`,
          en: `${percentReadAs(p).en}, which is not a whole number${of(p).en}; this figure is not a percentage — ${percentMeant(p).en}`,
        }
      : {
          vi: `${quote(p, "vi")} không phải là số nguyên${of(p).vi}; hãy nhập một số nguyên`,
          en: `${quote(p, "en")} is not a whole number${of(p).en}; type a whole number`,
        },
  "out-of-range": (p) => {
    const bound = (x: number | undefined, lang: "vi" | "en"): string =>
      p.percent && x !== undefined ? `${formatNumber(x * 100, lang)}%` : x === undefined ? "?" : formatNumber(x, lang);
    const vi =
      p.min !== undefined && p.max !== undefined
        ? `từ ${bound(p.min, "vi")} đến ${bound(p.max, "vi")}`
        : p.min !== undefined
          ? `từ ${bound(p.min, "vi")} trở lên`
          : `từ ${bound(p.max, "vi")} trở xuống`;
    const en =
      p.min !== undefined && p.max !== undefined
        ? `between ${bound(p.min, "en")} and ${bound(p.max, "en")}`
        : p.min !== undefined
          ? `at least ${bound(p.min, "en")}`
          : `at most ${bound(p.max, "en")}`;
    // A percentage's number cell is quoted as the percentage it was read as, as its bounds are:
    // -0,2 (shown -20,0%) as -20%, and a bare percentage (150, read as 150%: percent-as-number) as
    // 150%. A text is quoted as typed.
    // A number cell formatted as a percentage (`shownPercent`) is quoted as it shows: 1,2 as 120%.
    const shown = p.percent && p.rawNumber !== undefined ? (Math.abs(p.rawNumber) > 1 && !p.shownPercent ? p.rawNumber : shiftDecimal(p.rawNumber, 2)) : undefined;
    const held = (lang: "vi" | "en"): string => (shown !== undefined && Number.isFinite(shown) ? `${cellNumberText(shown, lang)}%` : quote(p, lang));
    // "85%" in a figure that is no percentage: read as 0,85, out of its range; 85 may be what was meant.
    if (p.notPercent) {
      return {
        vi: `${percentReadAs(p).vi}, nằm ngoài khoảng cho phép: số liệu phải ${vi}${of(p).vi}; số liệu này không phải tỷ lệ phần trăm — ${percentMeant(p).vi}`,
        en: `${percentReadAs(p).en}, which is out of range: the value must be ${en}${of(p).en}; this figure is not a percentage — ${percentMeant(p).en}`,
      };
    }
    return {
      vi: `${held("vi")} nằm ngoài khoảng cho phép: số liệu phải ${vi}${of(p).vi}; hãy kiểm tra và nhập lại`,
      en: `${held("en")} is out of range: the value must be ${en}${of(p).en}; check it and type it again`,
    };
  },
  "unknown-choice": (p) => ({
    vi: `${shownQuote(p, "vi")} không thuộc các lựa chọn ${choicesIn(p, "vi")}${of(p).vi}; hãy chọn một trong các lựa chọn này`,
    en: `${shownQuote(p, "en")} is not one of the options ${choicesIn(p, "en")}${of(p).en}; choose one of them`,
  }),
  "not-a-boolean": (p) => {
    const said = { vi: `${shownQuote(p, "vi")} không phải là câu trả lời có/không${of(p).vi}`, en: `${shownQuote(p, "en")} is not a yes/no answer${of(p).en}` };
    // An answer the reader takes followed by more ("Có.", "Có (QĐ 12)"): the answer alone is what the cell takes.
    const start = p.rawNumber === undefined ? answerAtStart(p.raw ?? "") : undefined;
    const alone =
      start !== undefined
        ? {
            vi: `; nếu câu trả lời là "${start}", hãy chỉ ghi "${start}" (ghi chú hay minh chứng để ở cột Ghi chú, Minh chứng)`,
            en: `; if the answer is "${start}", write "${start}" alone (a note or evidence goes in the Note or Evidence column)`,
          }
        : { vi: "", en: "" };
    return {
      vi: `${said.vi}: hãy ghi "${BOOLEAN_ANSWERS.yes.vi}" hoặc "${BOOLEAN_ANSWERS.no.vi}" (cũng nhận ${BOOLEAN_ANSWERS.vi})${alone.vi}`,
      en: `${said.en}: write "${BOOLEAN_ANSWERS.yes.en}" or "${BOOLEAN_ANSWERS.no.en}" (also read: ${BOOLEAN_ANSWERS.en})${alone.en}`,
    };
  },
  "excel-error": (p) => {
    if (p.raw?.startsWith("=")) {
      const { what, then } = unreadCell(p);
      return {
        vi: `ô chứa công thức ${p.raw} nhưng tệp không lưu kết quả của nó (tệp do một chương trình không tính công thức tạo ra), nên chưa đọc được ${what.vi}${of(p).vi}${then.vi}; hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi chấm điểm lại`,
        en: `the cell holds the formula ${p.raw} but the file does not store its result (a program that does not calculate formulas wrote it), so ${what.en} cannot be read${of(p).en}${then.en}; open the file in Excel or LibreOffice, save it and score again`,
      };
    }
    return {
      vi: `ô đang báo lỗi Excel ${p.raw} nên không đọc được số liệu${of(p).vi}; hãy sửa công thức của ô hoặc nhập trực tiếp số liệu`,
      en: `the cell shows the Excel error ${p.raw}, so no value can be read from it${of(p).en}; correct the cell's formula or type the figure itself`,
    };
  },
  "numerator-exceeds-denominator": (p) =>
    // Over a negative denominator (−200 ÷ −100) the numerator is the smaller: say the quotient.
    p.other !== undefined && p.other < 0
      ? {
          vi: `tử số ${p.list?.[0]} (${num(p.value, "vi")}) chia cho mẫu số ${p.list?.[1]} (${num(p.other, "vi")}) lớn hơn 1; tỷ lệ được tính tối đa là 100%${of(p).vi}`,
          en: `the numerator ${p.list?.[0]} (${num(p.value, "en")}) divided by the denominator ${p.list?.[1]} (${num(p.other, "en")}) is more than 1; the ratio is capped at 100%${of(p).en}`,
        }
      : {
    vi: `tử số ${p.list?.[0]} (${num(p.value, "vi")}) lớn hơn mẫu số ${p.list?.[1]} (${num(p.other, "vi")}); tỷ lệ được tính tối đa là 100%${of(p).vi}`,
    en: `the numerator ${p.list?.[0]} (${num(p.value, "en")}) is greater than the denominator ${p.list?.[1]} (${num(p.other, "en")}); the ratio is capped at 100%${of(p).en}`,
        },
  "zero-denominator": (p) => {
    const what =
      p.zeroDenominator === "zero"
        ? { vi: "được tính 0 điểm", en: "scores 0" }
        : p.zeroDenominator === "full"
          ? { vi: "được tính điểm tối đa", en: "scores full points" }
          : { vi: "không được tính khi tổng hợp điểm (không áp dụng)", en: "is left out of the aggregation (not applicable)" };
    return {
      vi: `mẫu số ${p.list?.[1]} bằng 0 nên chỉ tiêu ${p.node} ${what.vi}`,
      en: `the denominator ${p.list?.[1]} is 0, so indicator ${p.node} ${what.en}`,
    };
  },
  "ambiguous-number": (p) =>
    p.notPercent
      ? {
          vi: `${quote(p, "vi")} được hiểu là ${plainNumber(p.value, "vi")}; số liệu này không phải tỷ lệ phần trăm — nếu định ghi ${plainNumber(hundredTimes(p.value), "vi")} thì hãy nhập ${plainNumber(hundredTimes(p.value), "vi")}${of(p).vi}`,
          en: `${quote(p, "en")} is read as ${plainNumber(p.value, "en")}; this figure is not a percentage — write ${plainNumber(hundredTimes(p.value), "en")} if you meant ${plainNumber(hundredTimes(p.value), "en")}${of(p).en}`,
        }
      : p.readAs === "vi"
      ? {
          vi: `${quote(p, "vi")} được hiểu là ${spelledReading(p, "vi")} theo cách viết số của Việt Nam (dấu phẩy thập phân), dù bộ chỉ số viết số kiểu tiếng Anh, trong đó dấu phẩy phân cách hàng nghìn; hãy kiểm tra lại số liệu, hoặc ${otherWay(p).vi}${of(p).vi}`,
          en: `${quote(p, "en")} is read the Vietnamese way (decimal comma) as ${spelledReading(p, "en")}, though the index writes numbers the English way, where a comma groups thousands; check the figure, or ${otherWay(p).en}${of(p).en}`,
        }
      : p.readAs === "en"
        ? {
            vi: `${quote(p, "vi")} được hiểu là ${spelledReading(p, "vi")} theo cách viết số tiếng Anh (dấu chấm thập phân), dù bộ chỉ số viết số kiểu Việt Nam, trong đó dấu chấm phân cách hàng nghìn; hãy kiểm tra lại số liệu, hoặc ${otherWay(p).vi}${of(p).vi}`,
            en: `${quote(p, "en")} is read the English way (decimal point) as ${spelledReading(p, "en")}, though the index writes numbers the Vietnamese way, where a dot groups thousands; check the figure, or ${otherWay(p).en}${of(p).en}`,
          }
        : p.indexWay !== undefined
          ? { vi: `${twoWays(p).vi}${of(p).vi}`, en: `${twoWays(p).en}${of(p).en}` }
        : {
            vi: `${quote(p, "vi")} được hiểu là ${spelledReading(p, "vi")} theo cách viết số của Việt Nam, không phải ${plainFigure(p.other, p, "vi")}; ${eitherWay(p).vi}${of(p).vi}`,
            en: `${quote(p, "en")} is read the Vietnamese way as ${spelledReading(p, "en")}, not ${plainFigure(p.other, p, "en")}; ${eitherWay(p).en}${of(p).en}`,
          },
  "percent-as-number": (p) => ({
    vi: `${quote(p, "vi")} được hiểu là ${num(p.value !== undefined ? p.value * 100 : undefined, "vi")}%${of(p).vi}`,
    en: `${quote(p, "en")} is read as ${num(p.value !== undefined ? p.value * 100 : undefined, "en")}%${of(p).en}`,
  }),
  "percent-as-fraction": (p) => {
    // `value`: the figure written, read as the fraction it is (1 is 100%); 1% is written 1% or 0,01.
    const meant = (lang: "vi" | "en"): string => {
      const x = plainNumber(p.value, lang);
      const fraction = plainNumber(p.value !== undefined ? percentOf(p.value) : undefined, lang);
      return lang === "vi" ? `nếu muốn ghi ${x}%, hãy ghi ${x}% hoặc ${fraction}` : `if ${x}% was meant, write ${x}% or ${fraction}`;
    };
    const read = { vi: `${quote(p, "vi")} được đọc là ${plainNumber(hundredTimes(p.value), "vi")}%`, en: `${quote(p, "en")} is read as ${plainNumber(hundredTimes(p.value), "en")}%` };
    // Said only where other units write the same input as bare percentages (`percentUnits`).
    const o = p.percentUnits;
    if (o === undefined) return { vi: `${read.vi}; ${meant("vi")}${of(p).vi}`, en: `${read.en}; ${meant("en")}${of(p).en}` };
    const example = (lang: "vi" | "en"): string => `${o.unit} ${lang === "vi" ? "ghi" : "wrote"} ${quote(o, lang)}, ${lang === "vi" ? "được đọc là" : "read as"} ${plainNumber(hundredTimes(o.value), lang)}%`;
    return {
      vi: `${read.vi}, trong khi ${o.count === 1 ? "một đơn vị khác" : `${o.count} đơn vị khác`} ghi số liệu này là số phần trăm không kèm dấu % (${example("vi")}); ${meant("vi")}${of(p).vi}`,
      en: `${read.en}, while ${o.count === 1 ? "another unit writes" : `${o.count} other units write`} this figure as a percentage without a % sign (${example("en")}); ${meant("en")}${of(p).en}`,
    };
  },
  "points-above-max": (p) => ({
    vi: `số điểm ${quote(p, "vi")} vượt quá điểm tối đa ${num(p.max, "vi")}${of(p).vi}`,
    en: `${quote(p, "en")} points exceed the maximum of ${num(p.max, "en")}${of(p).en}`,
  }),
  "not-applicable-not-allowed": (p) => {
    // "N/A" or "KAD" is said with its meaning; "Không áp dụng" (or "Not applicable") is its own.
    const plain = /^(khong ap dung|not applicable)$/.test(foldText(p.raw ?? ""));
    const meaning = plain ? { vi: "", en: "" } : { vi: " (không áp dụng)", en: " (not applicable)" };
    const want = expectedEntry(p);
    return {
      vi: `chỉ tiêu ${p.node} không cho ghi ${quote(p, "vi")}${meaning.vi}; hãy nhập ${want.vi}`,
      en: `indicator ${p.node} does not take ${quote(p, "en")}${meaning.en}; enter ${want.en}`,
    };
  },
  "not-applicable-with-figures": (p) => {
    // `raw`: the N/A answer as typed, at `cell`, for the input `node`; `given`: the inputs with figures.
    const unit = unitNamed(p);
    const given = p.given ?? [];
    return {
      vi: `đơn vị${unit !== undefined ? ` ${unit}` : ""} ghi ${quote(p, "vi")} cho ${p.node} nhưng đã có số liệu cho ${joinCodes(given, "vi")}; chỉ tiêu ${p.indicator} được coi là không áp dụng — nếu chỉ tiêu có áp dụng, hãy xóa chữ ${quote(p, "vi")} và nhập số liệu`,
      en: `the unit${unit !== undefined ? ` ${unit}` : ""} answered ${quote(p, "en")} for input ${p.node} but gave ${given.length > 1 ? "figures for inputs" : "a figure for input"} ${joinCodes(given, "en")}; indicator ${p.indicator} is taken as not applicable — if it applies, delete ${quote(p, "en")} and enter the figure`,
    };
  },
  "evidence-missing": (p) => {
    if (p.evidenceWritten === "error") {
      return {
        vi: `ô chứa lỗi Excel ${p.raw}, không phải là minh chứng: chỉ tiêu ${p.node} có điểm nhưng chưa có minh chứng đọc được — hãy sửa công thức hoặc ghi lại minh chứng (số, ngày văn bản hoặc đường dẫn tài liệu)`,
        en: `the cell holds the Excel error ${p.raw}, not evidence: indicator ${p.node} earns points but has no readable evidence — correct the formula or write the evidence again (the document's number and date, or a link to it)`,
      };
    }
    if (p.evidenceWritten === "none") {
      return {
        vi: `${quote(p, "vi")} không phải là minh chứng: chỉ tiêu ${p.node} có điểm nhưng chưa có minh chứng — hãy ghi minh chứng (số, ngày văn bản hoặc đường dẫn tài liệu)`,
        en: `${quote(p, "en")} is not evidence: indicator ${p.node} earns points but has none — write the evidence (the document's number and date, or a link to it)`,
      };
    }
    return {
      vi: `chỉ tiêu ${p.node} có điểm nhưng chưa có minh chứng`,
      en: `indicator ${p.node} earns points but has no evidence`,
    };
  },
  "self-score-differs": (p) => {
    // The node by its kind: "chỉ tiêu 1.1", "nhóm 1", "tổng điểm DTI-SO".
    const n = scoredNode(p);
    const at: Message = { vi: ` (${n.vi})`, en: ` (${n.en})` };
    const it = p.nodeKind === "group" ? "nhóm này" : p.nodeKind === "total" ? "tổng điểm" : "chỉ tiêu này";
    if (p.selfNotApplicable) {
      return p.noPoints
        ? {
            vi: `đơn vị tự chấm ${n.vi} là không áp dụng, nhưng ${it} được tính, giá trị ${num(p.other, "vi")}`,
            en: `the unit self-assessed ${n.en} as not applicable, but it is computed, with the value ${num(p.other, "en")}`,
          }
        : {
            vi: `đơn vị tự chấm ${n.vi} là không áp dụng, nhưng ${it} được chấm ${num(p.other, "vi")} điểm`,
            en: `the unit self-assessed ${n.en} as not applicable, but it is scored: ${num(p.other, "en")} ${p.other === 1 ? "point" : "points"}`,
          };
    }
    if (p.notScored !== undefined) {
      return {
        vi: `${n.vi} không được chấm điểm (${notScored(p.notScored).vi}) nhưng đơn vị tự chấm ${num(p.value, "vi")}${p.noPoints ? "" : " điểm"}${aboveMax(p).vi}`,
        en: `${n.en} is not scored (${notScored(p.notScored).en}), but the unit gave itself ${num(p.value, "en")}${p.noPoints ? "" : p.value === 1 ? " point" : " points"}${aboveMax(p).en}`,
      };
    }
    return p.noPoints
      ? {
          vi: `số tự chấm ${num(p.value, "vi")} khác với giá trị tính được ${num(p.other, "vi")}${at.vi}; bộ chỉ số này không tính điểm nên số tự chấm được so với giá trị`,
          en: `the self-assessed figure (${num(p.value, "en")}) differs from the computed value (${num(p.other, "en")})${at.en}; this index gives no points, so the self score is compared with the value`,
        }
      : {
          vi: `điểm tự chấm ${num(p.value, "vi")} khác với điểm tính được ${num(p.other, "vi")}${at.vi}${aboveMax(p).vi}`,
          en: `the self-assessed score (${num(p.value, "en")}) differs from the computed score (${num(p.other, "en")})${at.en}${aboveMax(p).en}`,
        };
  },
  "duplicate-unit": (p) => {
    // In a CSV file a unit is a row: the first one is named by its row, and this one is "this row".
    // A form on a hidden sheet is said to be hidden: a visible form is scored before a hidden one.
    const found =
      p.foundRow !== undefined
        ? { vi: `dòng ${p.foundRow}`, en: `row ${p.foundRow}` }
        : p.foundHidden
          ? { vi: `${p.found} (trang ẩn '${p.foundSheet}')`, en: `${p.found} (hidden sheet '${p.foundSheet}')` }
          : { vi: `${p.found}`, en: `${p.found}` };
    const hidden = p.hidden && p.sheet !== undefined ? { vi: ` ở trang ẩn '${p.sheet}'`, en: ` on the hidden sheet '${p.sheet}'` } : { vi: "", en: "" };
    if (p.expected !== undefined) {
      return {
        vi: `"${p.raw}"${hidden.vi} mang mã đơn vị "${p.list?.[0]}" của "${p.expected}" (ở ${found.vi}) nên chưa được chấm; hãy sửa mã đơn vị`,
        en: `"${p.raw}"${hidden.en} has the unit code "${p.list?.[0]}" of "${p.expected}" (at ${found.en}), so it is not scored; correct the unit code`,
      };
    }
    // A unit without a code is known by its name: said as a name, not as a code.
    const unit = p.noCode
      ? { vi: `đơn vị "${p.unit}" (không ghi mã)`, en: `the unit "${p.unit}" (no code given)` }
      : { vi: `đơn vị có mã "${p.unit}"`, en: `the unit with code "${p.unit}"` };
    if (p.file !== undefined) {
      return {
        vi: `${unit.vi} đã có ở ${found.vi}; dòng này là bản thứ hai nên không được chấm`,
        en: `${unit.en} already appears at ${found.en}; this row is the second entry and is not scored`,
      };
    }
    if (p.hidden && !p.foundHidden) {
      // The hidden copy (an older form kept out of sight) gives way to the visible one, wherever it sits.
      return {
        vi: `${unit.vi} đã có phiếu trên trang tính không ẩn, ở ${found.vi}; phiếu này${hidden.vi} (thường là bản cũ của phiếu) nên không được chấm`,
        en: `${unit.en} has its form on a visible sheet, at ${found.en}; this form is${hidden.en} (most often an older copy of the form), so it is not scored`,
      };
    }
    return {
      vi: `${unit.vi} đã có phiếu ở ${found.vi}; phiếu này${hidden.vi} là bản thứ hai nên không được chấm`,
      en: `${unit.en} already appears at ${found.en}; this second entry${hidden.en} is not scored`,
    };
  },
  "duplicate-unit-name": (p) => {
    // `unitName` at `cell` (code list[0]), `expected` the other unit's name (code list[1]) at `found` (a CSV's `foundRow`).
    const code = (c: string | undefined, lang: "vi" | "en"): string =>
      c !== undefined && c !== "" ? (lang === "vi" ? `mã ${c}` : `code ${c}`) : lang === "vi" ? "không có mã" : "no code";
    const at = p.foundRow !== undefined ? { vi: `dòng ${p.foundRow}`, en: `row ${p.foundRow}` } : { vi: `ở ${p.found}`, en: `at ${p.found}` };
    // Letter case, where the tone marks sit ("hóa", "hoá"), or both.
    const differ = SPELLING_DIFFERENCES[spellingDifference(p.unitName ?? "", p.expected ?? "")];
    const what = {
      vi: `tên đơn vị "${p.unitName}" (${code(p.list?.[0], "vi")}) chỉ khác "${p.expected}" (${code(p.list?.[1], "vi")}, ${at.vi}) ở ${differ.vi}`,
      en: `the unit name "${p.unitName}" (${code(p.list?.[0], "en")}) differs from "${p.expected}" (${code(p.list?.[1], "en")}, ${at.en}) only in ${differ.en}`,
    };
    return {
      vi: `${what.vi}; hai đơn vị được chấm và xếp hạng riêng. Nếu là cùng một đơn vị, hãy ghi cùng một tên và mã rồi xóa bản thừa; nếu không, hãy đặt tên dễ phân biệt hơn`,
      en: `${what.en}; the two are scored and ranked as separate units. If they are one unit, give it one name and code and delete the extra copy; otherwise give them names that tell them apart`,
    };
  },
  // A unit's name typed in an old encoding (issueMessage adds which, and what to do): scored all the same, under that name.
  "legacy-encoding": (p) => ({
    vi: `tên đơn vị "${p.unitName}" hiện sai (không phải chữ Unicode) trên bảng kết quả và mọi danh sách; đơn vị vẫn được chấm với tên này`,
    en: `the unit name "${p.unitName}" shows wrongly (it is not Unicode text) in the results and every list; the unit is still scored under this name`,
  }),
  "unknown-code": (p) =>
    // With `found`: a table's second column for one input (`node`); `found` is the column read.
    p.found !== undefined && p.node !== undefined
      ? {
          vi: `cột ${quote(p, "vi")} cũng mang mã ${p.node} như cột ${p.found} nên được bỏ qua; số liệu ${p.node} lấy ở cột ${p.found}. Nếu cần cột này, hãy xóa hoặc đổi tên cột ${p.found}`,
          en: `column ${quote(p, "en")} names code ${p.node}, as column ${p.found} does, so it is ignored; input ${p.node} is read from column ${p.found}. To use this column, delete or rename column ${p.found}`,
        }
      : codeAsDate(p) ?? {
          vi: `mã ${quote(p, "vi")} không có trong bộ chỉ số nên được bỏ qua`,
          en: `code ${quote(p, "en")} is not in the index and is ignored`,
        },
  "unknown-category": (p) =>
    p.categories !== undefined && p.categories.length === 0
      ? {
          vi: `bộ chỉ số không chia đơn vị theo loại nên loại đơn vị ${quote(p, "vi")} được bỏ qua; điểm và thứ hạng không phụ thuộc vào ô này`,
          en: `the index has no unit categories, so the category ${quote(p, "en")} is ignored; scores and ranks do not depend on this cell`,
        }
      : {
    vi: `loại đơn vị ${quote(p, "vi")} không có trong bộ chỉ số; hãy ghi một trong: ${categoryChoices(p, "vi")}. Đến khi sửa, ${noCategory(p).vi}`,
    en: `the unit category ${quote(p, "en")} is not in the index; write one of: ${categoryChoices(p, "en")}. Until it is corrected, ${noCategory(p).en}`,
        },
  // `place: "column"`: a table without a category column, said once for all its rows.
  "missing-category": (p) =>
    p.place === "column"
      ? {
          vi: `bảng không có cột Nhóm (loại đơn vị: ${categoryChoices(p, "vi")}); ${noCategory(p, true).vi}`,
          en: `the table has no Category column (unit categories: ${categoryChoices(p, "en")}); ${noCategory(p, true).en}`,
        }
      : {
          vi: `chưa ghi loại đơn vị (hãy ghi một trong: ${categoryChoices(p, "vi")}); ${noCategory(p).vi}`,
          en: `no unit category is given (write one of: ${categoryChoices(p, "en")}); ${noCategory(p).en}`,
        },
  "missing-row": (p) => {
    // A list (layout B's columns) is said as codes; one row of a form as "indicator 2.2" or
    // "input 1.2.a of indicator 1.2".
    const codes = p.list ?? (p.node !== undefined ? [p.node] : []);
    const listed = p.list === undefined && p.node !== undefined ? { ...subject(p), inputs: isInput(p) ? 1 : 0 } : inputsAndIndicators(codes, p.indicators);
    const { vi, en } = listed;
    if (p.place === "column") {
      if (!p.scoresNothing) return { vi: `bảng không có cột cho ${vi}`, en: `the table has no column for ${en}` };
      const many = codes.length > 1;
      // The indicators score nothing: of an input, its indicator.
      const which =
        listed.inputs === 0
          ? { vi: many ? "các chỉ tiêu này" : "chỉ tiêu này", en: many ? "they score" : "it scores" }
          : { vi: many ? "các chỉ tiêu tương ứng" : "chỉ tiêu của số liệu này", en: many ? "their indicators score" : "its indicator scores" };
      return {
        vi: `bảng không có cột cho ${vi}; ${which.vi} không tính điểm nên kết quả không đổi`,
        en: `the table has no column for ${en}; ${which.en} nothing, so no result changes`,
      };
    }
    if (p.missing === undefined) return { vi: `bảng không có dòng cho ${vi}`, en: `the table has no row for ${en}` };
    // The row's absence is why the indicator has no data: say what that does, once (no missing-input beside it).
    const ind = isInput(p) ? { vi: `chỉ tiêu ${p.indicator}`, en: `indicator ${p.indicator}` } : { vi: "chỉ tiêu này", en: "the indicator" };
    const given = p.missing === "exclude" && p.given !== undefined && p.given.length > 0 ? givenWhy(p.given, true) : undefined;
    const then =
      p.missing === "exclude" && given === undefined
        ? { vi: "không được tính khi tổng hợp điểm", en: "left out of the aggregation" }
        : p.noPoints
          ? { vi: `giá trị bằng 0${given?.vi ?? ""}`, en: `value 0${given?.en ?? ""}` }
          : { vi: `0 điểm${given?.vi ?? ""}`, en: `0 points${given?.en ?? ""}` };
    return {
      vi: `bảng không có dòng cho ${vi}; ${ind.vi} được tính như thiếu số liệu (${then.vi})`,
      en: `the table has no row for ${en}; ${ind.en} is scored as missing (${then.en})`,
    };
  },
  "missing-unit-name": (p) => {
    if (p.headerBlockTo !== undefined) {
      const cols = p.headerBlockTo === "A" ? { vi: "cột A", en: "column A" } : { vi: `các cột A–${p.headerBlockTo}`, en: `columns A–${p.headerBlockTo}` };
      return {
        vi: `không tìm thấy phần đầu phiếu (các dòng "Đơn vị", "Mã đơn vị", "Nhóm"… phía trên bảng, nhãn ở ${cols.vi}); đơn vị được gọi theo tên trang tính "${p.unitName ?? p.unit}" và không có mã đơn vị, loại đơn vị. Hãy ghi lại phần đầu phiếu như phiếu mẫu`,
        en: `the form's header ("Unit", "Unit code", "Category"… lines above the table, labels in ${cols.en}) was not found; the unit is named after the sheet, "${p.unitName ?? p.unit}", and has no unit code or category. Restore the header of the template`,
      };
    }
    // `unitName`: the name used instead (a form's sheet name), else the unit's code.
    const instead = p.unitName ?? p.unit;
    return instead !== undefined
      ? { vi: `chưa ghi tên đơn vị; dùng "${instead}" thay cho tên`, en: `the unit has no name; "${instead}" is used instead` }
      : { vi: `dòng có số liệu nhưng không có tên và mã đơn vị nên không được chấm`, en: `the row has values but neither a unit name nor a unit code, so it is not scored` };
  },
  "row-too-wide": (p) => {
    // A CSV row with more fields (`value`) than its header row (`headerRow`) has columns (`other`).
    const unit = unitNamed(p);
    const who = unit !== undefined ? { vi: unit, en: unit } : { vi: "đơn vị ở dòng này", en: "the unit on this row" };
    return {
      vi: `dòng này có ${p.value} giá trị nhưng dòng tiêu đề (dòng ${p.headerRow}) có ${p.other} cột (có thể một số thập phân viết bằng dấu phẩy mà không đặt trong ngoặc kép, như 0,8), nên các giá trị bị lệch cột; số liệu của ${who.vi} không được đọc và đơn vị chưa được chấm — hãy đặt số thập phân (và mọi nội dung có dấu phân cách) trong ngoặc kép, như "0,8", hoặc xóa giá trị thừa, rồi chấm lại`,
      en: `the row has ${p.value} values but the header row (row ${p.headerRow}) has ${p.other} columns (perhaps a decimal number written with a comma and not in quotes, such as 0,8), so the values are out of line with the columns; the figures of ${who.en} are not read and the unit is not scored — put decimal numbers (and any text holding the separator) in quotes, as "0,8", or delete the extra value, then score again`,
    };
  },
  "header-too-wide": (p) => {
    // A separator inside a column's name not in quotes: the header line split into one field more.
    const piece = p.raw !== undefined && p.raw.trim() !== "" ? p.raw.trim() : undefined;
    const where =
      piece === undefined
        ? { vi: "", en: "" }
        : p.expected !== undefined
          ? { vi: ` ("${p.expected.trim()}" và "${piece}" có lẽ là hai nửa của một tên cột)`, en: ` ("${p.expected.trim()}" and "${piece}" are probably two halves of one column name)` }
          : { vi: ` ("${piece}" có lẽ là một phần tên cột bị tách ra)`, en: ` ("${piece}" is probably a piece of a column name split off)` };
    return {
      vi: `dòng tiêu đề có ${p.other} cột nhưng các dòng đơn vị chỉ có nhiều nhất ${p.value} giá trị: có thể tên một cột chứa dấu phân cách (dấu phẩy hoặc chấm phẩy) mà không đặt trong ngoặc kép${where.vi}, nên các giá trị bị lệch cột so với tên cột; không dòng nào của bảng được đọc và chưa đơn vị nào được chấm — hãy đặt tên cột đó trong ngoặc kép hoặc bỏ dấu phân cách khỏi tên cột, rồi chấm lại`,
      en: `the header row has ${p.other} columns but the rows of units have at most ${p.value} values: a column name probably holds the separator (a comma or semicolon) and is not in quotes${where.en}, so the values are out of line with the column names; no row of the table is read and no unit is scored — put that column name in quotes or take the separator out of it, then score again`,
    };
  },
  "summary-row": (p) => ({
    vi: `${quote(p, "vi")} được coi là dòng tổng (cộng hoặc trung bình của các đơn vị), không phải một đơn vị, nên không được chấm và xếp hạng; nếu đây là một đơn vị, hãy ghi mã đơn vị cho dòng này`,
    en: `${quote(p, "en")} is taken as a totals row (a sum or average of the units), not a unit, so it is not scored or ranked; if it is a unit, give the row a unit code`,
  }),
  "header-row-repeated": (p) => ({
    vi: `dòng này lặp lại dòng tiêu đề của bảng (dòng ${p.headerRow}), không phải một đơn vị, nên được bỏ qua (không chấm, không xếp hạng); có thể hai bảng đã được dán nối nhau — nếu vậy, hãy xóa dòng này`,
    en: `the row repeats the table's header row (row ${p.headerRow}), is not a unit, and is left out (not scored or ranked); two tables may have been pasted one under the other — if so, delete this row`,
  }),
  "unit-code-case": (p) => {
    const c = p.codeCase ?? { code: p.unit ?? "", name: p.unitName ?? "", otherCode: "", otherName: "" };
    const at = p.foundRow !== undefined ? { vi: `dòng ${p.foundRow}`, en: `row ${p.foundRow}` } : { vi: `ở ${p.found}`, en: `at ${p.found}` };
    // Two units whose codes differ only in letter case: most often one unit sent twice.
    return {
      vi: `mã đơn vị "${c.code}" ("${c.name}") chỉ khác mã "${c.otherCode}" ("${c.otherName}", ${at.vi}) ở chữ hoa, chữ thường; hai đơn vị được chấm và xếp hạng riêng. Nếu là cùng một đơn vị (gửi hai lần), hãy giữ một bản và xóa bản thừa; nếu không, hãy đặt mã dễ phân biệt hơn`,
      en: `the unit code "${c.code}" ("${c.name}") differs from the code "${c.otherCode}" ("${c.otherName}", ${at.en}) only in letter case; the two are scored and ranked as separate units. If they are one unit (sent twice), keep one copy and delete the other; otherwise give them codes that tell them apart`,
    };
  },
  "layout-not-found": (p) => {
    if (p.legacy !== undefined && p.sheet !== undefined && p.headerRow === undefined && p.unit === undefined && p.unitName === undefined) {
      // A form or a table whose labels are all typed in an old encoding (issueMessage adds which, and what to do).
      return p.file !== undefined
        ? {
            vi: `tệp có vẻ là bảng tổng hợp nhưng tên các cột được gõ bằng bảng mã cũ nên không đọc được; chưa đơn vị nào trong tệp được chấm`,
            en: `the file looks like a table of units, but its column names are typed in an old encoding and cannot be read; no unit in it is scored`,
          }
        : {
            vi: `trang tính có vẻ là phiếu hoặc bảng tổng hợp nhưng tên các dòng, các cột được gõ bằng bảng mã cũ nên không đọc được; trang tính này chưa được chấm`,
            en: `the sheet looks like a form or a table of units, but its labels and column names are typed in an old encoding and cannot be read; the sheet is not scored`,
          };
    }
    if (p.unitsHeader !== undefined) return unitsHeaderWithoutInputs(p);
    if (p.sheet === undefined) {
      // A table of units' columns are named by input codes (an indicator's own code where it has one input).
      const inputs = p.inputCodes !== undefined ? ` (${inputCodesText(p.inputCodes)})` : "";
      return p.file !== undefined
        ? {
            vi: `Tệp ${p.file} không có bảng tổng hợp: cần một dòng tiêu đề có cột "Đơn vị" và các cột mang mã số liệu của bộ chỉ số${inputs}`,
            en: `File ${p.file} holds no table of units: it needs a header row with a "Unit" column and columns named by the index's input codes${inputs}`,
          }
        : {
            vi: `Không tìm thấy trang tính nào chứa phiếu tự đánh giá của đơn vị (bảng có cột "Mã" và "Số liệu") hoặc bảng tổng hợp (cột "Đơn vị" và các cột mang mã số liệu của bộ chỉ số${inputs})`,
            en: `No sheet holds a unit's self-assessment form (a table with "Code" and "Value" columns, "Mã" and "Số liệu" on a Vietnamese form) or a table of units (a "Unit" column and columns named by the index's input codes${inputs})`,
          };
    }
    const unit = unitNamed(p);
    const form = { vi: `phiếu${unit !== undefined ? ` của ${unit}` : ""}`, en: `the form${unit !== undefined ? ` of ${unit}` : ""}` };
    const missing = p.missingColumns ?? [];
    if (p.headerRow !== undefined && missing.length > 0) {
      // A row that is the table's header but for a renamed column: point at it.
      const formLang = p.headerLang ?? "vi";
      const names = missing.map((k) => columnName(k, formLang));
      const need = {
        vi: missing.length > 1 ? `các cột phải có tên ${names.join(" và ")}` : `cột ${missing[0] === "code" ? "mã" : "số liệu"} phải có tên ${names[0]}`,
        en: missing.length > 1 ? `the columns must be named ${names.join(" and ")}` : `the ${missing[0] === "code" ? "code" : "value"} column must be named ${names[0]}`,
      };
      const what =
        p.raw !== undefined
          ? {
              vi: `dòng ${p.headerRow} là dòng tiêu đề bảng nhưng tên cột ${quote(p, "vi")} không được nhận ra: ${need.vi}`,
              en: `row ${p.headerRow} is the table's header row but the column name ${quote(p, "en")} is not recognised: ${need.en}`,
            }
          : {
              vi: `dòng ${p.headerRow} là dòng tiêu đề bảng nhưng thiếu tên cột: ${need.vi}`,
              en: `row ${p.headerRow} is the table's header row but lacks a column name: ${need.en}`,
            };
      return {
        vi: `${what.vi}, nên ${form.vi} chưa được chấm; hãy sửa lại tên cột như phiếu mẫu`,
        en: `${what.en}, so ${form.en} is not scored; restore the column name of the template`,
      };
    }
    return {
      vi: `trang tính có phần đầu phiếu (Đơn vị, Bộ chỉ số…) nhưng không có dòng tiêu đề bảng với cột "Mã" (Code) và "Số liệu" (Value), nên ${form.vi} chưa được chấm; hãy sửa lại tên cột như phiếu mẫu`,
      en: `the sheet has a form's header (Unit, Index…) but no table header row with "Code" ("Mã") and "Value" ("Số liệu") columns, so ${form.en} is not scored; restore the column names of the template`,
    };
  },
  "unknown-column": (p) => {
    if (p.found !== undefined) return columnNamedTwice(p);
    const column = p.column === "evidence" || p.column === "self" ? p.column : "appraised";
    const name = columnName(column, p.headerLang ?? "vi");
    /** What is lost (one cell, several), and what the right column holds (one cell, several), per column. */
    const what: Record<typeof column, { lost: Message; lostMany: Message; lostNone: Message; holds: Message; holdsMany: Message }> = {
      appraised: {
        lost: { vi: "số liệu trong cột này không được đọc", en: "the figures in it are not read" },
        lostMany: { vi: "số liệu trong các cột này không được đọc", en: "the figures in them are not read" },
        lostNone: { vi: "số liệu thẩm định không được dùng", en: "no appraised figure is used" },
        holds: { vi: "đây là số liệu thẩm định (được dùng thay cho số liệu của đơn vị khi có)", en: "it holds the appraised figures (used in place of the unit's own where filled)" },
        holdsMany: { vi: "số liệu thẩm định (được dùng thay cho số liệu của đơn vị khi có)", en: "the appraised figures (used in place of the unit's own where filled)" },
      },
      evidence: {
        lost: { vi: "minh chứng của phiếu không được kiểm tra", en: "the form's evidence is not checked" },
        lostMany: { vi: "minh chứng của phiếu không được kiểm tra", en: "the form's evidence is not checked" },
        lostNone: { vi: "minh chứng của phiếu không được kiểm tra", en: "the form's evidence is not checked" },
        holds: { vi: "đây là cột minh chứng", en: "it holds the evidence" },
        holdsMany: { vi: "minh chứng", en: "the evidence" },
      },
      self: {
        lost: { vi: "điểm tự chấm không được so với điểm chấm", en: "the self scores are not compared with the scores" },
        lostMany: { vi: "điểm tự chấm không được so với điểm chấm", en: "the self scores are not compared with the scores" },
        lostNone: { vi: "điểm tự chấm không được so với điểm chấm", en: "the self scores are not compared with the scores" },
        holds: { vi: "đây là cột điểm tự chấm", en: "it holds the self scores" },
        holdsMany: { vi: "điểm tự chấm", en: "the self scores" },
      },
    };
    const w = what[column];
    const others = p.others ?? [];
    if (others.length === 0 && !p.ambiguous) {
      return {
        vi: `tên cột ${quote(p, "vi")} không được nhận ra nên ${w.lost.vi}; nếu ${w.holds.vi}, hãy đặt tên cột là ${name}`,
        en: `the column name ${quote(p, "en")} is not recognised, so ${w.lost.en}; if ${w.holds.en}, name the column ${name}`,
      };
    }
    // The first cell is the finding's own (its place opens the sentence); the others by their cells.
    const list = (lang: "vi" | "en") => {
      const all = [quote(p, lang), ...others.map((o) => `"${o.raw}" (${lang === "vi" ? "ô" : "cell"} ${o.cell})`)];
      return `${all.slice(0, -1).join(", ")} ${lang === "vi" ? "và" : "and"} ${all[all.length - 1]!}`;
    };
    if (p.ambiguous) {
      return {
        vi: `các tên cột ${list("vi")} đều có thể là cột ${name}, nên không cột nào được đọc và ${w.lostNone.vi}; hãy đặt tên ${name} cho đúng cột chứa ${w.holdsMany.vi} và đổi tên các cột còn lại`,
        en: `the column names ${list("en")} could each be the ${name} column, so none of them is read and ${w.lostNone.en}; name the one that holds ${w.holdsMany.en} ${name} and rename the others`,
      };
    }
    return {
      vi: `các tên cột ${list("vi")} không được nhận ra nên ${w.lostMany.vi}; nếu một trong các cột này chứa ${w.holdsMany.vi}, hãy đặt tên cột đó là ${name}`,
      en: `the column names ${list("en")} are not recognised, so ${w.lostMany.en}; if one of them holds ${w.holdsMany.en}, name that column ${name}`,
    };
  },
  "duplicate-row": (p) => {
    // `found`: the cell of the row read; `cell`: the later row's; `raw`: the later row's figure, if any.
    const lost = p.raw !== undefined ? { vi: `, nên ${quote(p, "vi")} ở đây không được dùng`, en: `, so ${quote(p, "en")} here is not used` } : { vi: "", en: "" };
    return {
      vi: `mã ${p.node} có ở hai dòng (${p.found} và ${p.cell}); chỉ dòng đầu được đọc, dòng sau bị bỏ qua${lost.vi} — hãy xóa dòng thừa và để số liệu đúng ở một dòng`,
      en: `code ${p.node} is on two rows (${p.found} and ${p.cell}); only the first is read and the later one is ignored${lost.en} — delete the extra row and keep the right figure on one row`,
    };
  },
  "value-not-read": (p) => {
    if (p.categoryName !== undefined) {
      // A figure for an indicator the unit's category does not take (`node` the input, `indicator` its indicator).
      const input = isInput(p) ? { vi: ` (số liệu ${p.node})`, en: ` (input ${p.node})` } : { vi: "", en: "" };
      return {
        vi: `số liệu ${quote(p, "vi")} không được tính vì chỉ tiêu ${p.indicator ?? p.node}${input.vi} không áp dụng với loại đơn vị "${p.categoryName.vi}"`,
        en: `the value ${quote(p, "en")} is not counted because indicator ${p.indicator ?? p.node}${input.en} does not apply to the unit category "${p.categoryName.en}"`,
      };
    }
    // `list`: the inputs an indicator is computed from; without it, the row is a group's.
    const from =
      p.list !== undefined && p.list.length > 0
        ? { vi: `được tính từ ${joinCodes(p.list, "vi")}`, en: `it is computed from ${joinCodes(p.list, "en")}` }
        : { vi: "là nhóm, được tính từ các chỉ tiêu trong nhóm", en: "it is a group, computed from the indicators in it" };
    return {
      vi: `dòng ${p.node} không nhận số liệu (${from.vi}); ${quote(p, "vi")} ở đây không được dùng`,
      en: `row ${p.node} takes no value (${from.en}); ${quote(p, "en")} here is not used`,
    };
  },
  "definition-mismatch": (p) =>
    p.versions !== undefined && p.versionChange !== undefined
      ? rowOfOtherVersion(p.node ?? "?", p.versions, p.versionChange)
      : p.versions !== undefined
      ? {
          vi: `phiếu được lập theo bộ chỉ số "${p.found}" (phiên bản ${p.versions.form}), không phải phiên bản đang dùng (${p.versions.inUse}); phiếu được đọc theo mã ở từng dòng với phiên bản ${p.versions.inUse} — hãy kiểm tra các dòng mà hai phiên bản khác nhau (${p.changedRows ? `${p.changedRows} dòng được định nghĩa khác ở hai phiên bản, ` : ""}các dòng còn thiếu và các mã không có trong phiên bản ${p.versions.inUse} được báo riêng)`,
          en: `the form was made for the index "${p.found}" (version ${p.versions.form}), not the version in use (${p.versions.inUse}); it is read by the codes of its rows with version ${p.versions.inUse} — check the rows on which the two versions differ (${p.changedRows ? `${p.changedRows === 1 ? "1 row" : `${p.changedRows} rows`} defined differently in the two versions, ` : ""}missing rows and codes version ${p.versions.inUse} does not have are reported separately)`,
        }
      : p.otherContent
      ? {
          vi: `phiếu được tạo từ một định nghĩa có cùng mã và phiên bản "${p.expected}" với bộ chỉ số đang dùng nhưng nội dung khác (chỉ tiêu hoặc điểm tối đa khác); điểm của phiếu được chấm theo bộ chỉ số đang dùng — để chấm theo định nghĩa đã tạo phiếu, hãy chọn chính tệp định nghĩa đó (dòng lệnh: --index <tệp.json>; ngăn tác vụ: chọn "Tệp JSON")`,
          en: `the form was made from a definition with the same id and version "${p.expected}" as the index in use but other content (other indicators or maxima); it is scored with the index in use — to score it by the definition it was made from, choose that very file (command line: --index <file.json>; task pane: choose "A JSON file")`,
        }
      : isIndexTitle(p.found ?? "")
      ? {
          // Not an index's id (ids are a–z, digits and hyphens): a title typed in, which names neither
          // the index in use nor its id. What to type if the form is one of the index in use.
          vi: `ô Bộ chỉ số ghi "${p.found}", không phải mã hay tên của bộ chỉ số đang dùng "${p.expected}", nên trang tính này được bỏ qua; nếu phiếu được lập theo bộ chỉ số đang dùng, hãy ghi ${p.expected} vào ô này`,
          en: `the Index cell reads "${p.found}", neither the id nor the name of the index in use "${p.expected}", so the sheet is skipped; if the form was made for the index in use, type ${p.expected} in this cell`,
        }
      : {
          vi: `trang tính ghi bộ chỉ số "${p.found}", khác với bộ chỉ số đang dùng "${p.expected}"; trang tính này được bỏ qua`,
          en: `the sheet names the index "${p.found}", not the index in use "${p.expected}"; the sheet is skipped`,
        },
};

/**
 * A row of a form of another version that the form shows defined otherwise than the version in
 * use (MessageParams.versionChange): what differs, that its figure is read as the version in use
 * defines the row, and what to do.
 */
function rowOfOtherVersion(node: string, versions: { form: string; inUse: string }, change: NonNullable<MessageParams["versionChange"]>): Message {
  const what = (lang: "vi" | "en"): string =>
    [
      change.max ? (lang === "vi" ? `điểm tối đa ${num(change.max.form, lang)} → ${num(change.max.inUse, lang)}` : `max points ${num(change.max.form, lang)} → ${num(change.max.inUse, lang)}`) : undefined,
      change.wording ? (lang === "vi" ? "nội dung của chỉ tiêu khác" : "the item's wording differs") : undefined,
      change.percent
        ? lang === "vi"
          ? `ô số liệu hiển thị dạng phần trăm, nhưng ở phiên bản ${versions.inUse} dòng này không nhận tỷ lệ phần trăm`
          : `the figure is shown as a percentage, but in version ${versions.inUse} this row takes no percentage`
        : undefined,
    ]
      .filter((x) => x !== undefined)
      .join("; ");
  return {
    vi: `dòng ${node} được định nghĩa khác nhau ở phiên bản ${versions.form} (của phiếu) và phiên bản ${versions.inUse} (đang dùng): ${what("vi")}; số liệu ở đây được đọc theo phiên bản ${versions.inUse} — hãy kiểm tra lại số liệu, hoặc lập lại phiếu theo phiên bản ${versions.inUse} (Tạo phiếu ở bước Thu thập, hoặc lệnh dti-scorer template)`,
    en: `row ${node} is defined differently in version ${versions.form} (the form's) and version ${versions.inUse} (in use): ${what("en")}; the figure here is read as version ${versions.inUse} defines it — check the figure, or make the form again for version ${versions.inUse} (Make forms in the Collect step, or the dti-scorer template command)`,
  };
}

/** The full sentence for an issue: where, what, and a final full stop. */
export function issueMessage(code: IssueCode, p: MessageParams): Message {
  const body = bodies[code]?.(p) ?? { vi: code, en: code };
  const at = issueLocation(p);
  const vi = at.vi === "" ? capitalize(body.vi) : at.vi + body.vi;
  const en = at.en === "" ? capitalize(body.en) : at.en + body.en;
  // Text of an old encoding: what to do about it, after what was found.
  const legacy = p.legacy !== undefined ? legacyAdvice(p.legacy) : undefined;
  return { vi: `${vi}.${legacy ? ` ${legacy.vi}` : ""}`, en: `${en}.${legacy ? ` ${legacy.en}` : ""}` };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Build an Issue with its message from the same parameters. */
export function makeIssue(severity: Severity, code: IssueCode, p: MessageParams): Issue {
  return {
    severity,
    code,
    message: issueMessage(code, p),
    ...(p.sheet !== undefined ? { sheet: p.sheet } : {}),
    ...(p.cell !== undefined ? { cell: p.cell } : {}),
    ...(p.unit !== undefined ? { unit: p.unit } : {}),
    ...(p.node !== undefined ? { node: p.node } : {}),
  };
}
