/**
 * Every sentence the reader says about a workbook, in Vietnamese and English. One sentence per
 * issue, naming the sheet and the cell first: "Trang tính 'Sở Y tế', ô D14: "1,5 lần" không phải là
 * số (chỉ tiêu 2.1.a)."; for a CSV file, the file, the row and the column: "Tệp b.csv, dòng 5,
 * cột C: …".
 */
import { formatNumber, type Message } from "../i18n/text";
import type { Issue, IssueCode, Severity } from "../types";

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
  /** missing-row: "row" in layout A, "column" in layout B. */
  place?: "row" | "column";
  /** out-of-range: the input is a percentage, so bounds are shown as 0%…100%. ambiguous-number
   *  read another way: the text was typed with "%", so the value is shown as a percentage. */
  percent?: boolean;
  /** zero-denominator: what the rule does with a zero denominator. */
  zeroDenominator?: "na" | "zero" | "full";
  /**
   * ambiguous-number: the text is not a well-formed number in the definition's numberLocale and
   * was read the other way ("vi": "73,6" with a decimal comma in an "en" index; "en": "73.6" with
   * a decimal point in a "vi" index).
   */
  readAs?: "vi" | "en";
}

function num(x: number | undefined, lang: "vi" | "en"): string {
  return x === undefined ? "?" : formatNumber(x, lang);
}

/**
 * A number written plainly, without thousands separators, so that it cannot be read two ways:
 * 1860 and 1,86 in vi; 1860 and 1.86 in en.
 */
export function plainNumber(x: number | undefined, lang: "vi" | "en"): string {
  if (x === undefined || !Number.isFinite(x)) return "?";
  return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US", { useGrouping: false, maximumFractionDigits: 10 }).format(x);
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
  const [intText, fracText = ""] = plainNumber(Math.abs(x), "en").split(".");
  if (fracText.length > 6) return undefined;
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

/** "1860 (một nghìn tám trăm sáu mươi)": the number plainly, then in words. */
function spelled(x: number | undefined, lang: "vi" | "en"): string {
  if (x === undefined) return "?";
  const words = numberInWords(x, lang);
  return words === undefined ? plainNumber(x, lang) : `${plainNumber(x, lang)} (${words})`;
}

/** The value of a text read another way: "73,6 (bảy mươi ba phẩy sáu)", or "12,5% (mười hai phẩy năm phần trăm)". */
function spelledReading(p: MessageParams, lang: "vi" | "en"): string {
  if (!p.percent || p.value === undefined) return spelled(p.value, lang);
  const x = p.value * 100;
  const words = numberInWords(x, lang);
  const plain = `${plainNumber(x, lang)}%`;
  return words === undefined ? plain : `${plain} (${words} ${lang === "vi" ? "phần trăm" : "percent"})`;
}

/**
 * The warning for a text file whose bytes were not UTF-8 and were read as Windows-1258 (a CSV
 * saved by Excel on Vietnamese Windows as "CSV (Comma delimited)").
 */
export function notUtf8Message(file: string): Message {
  return {
    vi: `Tệp ${file} không phải UTF-8; đã đọc theo bảng mã tiếng Việt Windows-1258. Hãy kiểm tra dấu tiếng Việt, hoặc lưu lại dưới dạng CSV UTF-8.`,
    en: `File ${file} is not UTF-8; it was read as Vietnamese Windows-1258. Check the Vietnamese diacritics, or save it again as CSV UTF-8.`,
  };
}

function quote(raw: string | undefined): string {
  return `"${raw ?? ""}"`;
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

function of(p: MessageParams): Message {
  if (p.node === undefined) return { vi: "", en: "" };
  const s = subject(p);
  return { vi: ` (${s.vi})`, en: ` (${s.en})` };
}

type Body = (p: MessageParams) => Message;

const bodies: Partial<Record<IssueCode, Body>> = {
  "missing-input": (p) => {
    const input = isInput(p);
    const what = input
      ? { vi: `chưa có số liệu ${p.node} của chỉ tiêu ${p.indicator}`, en: `no value for input ${p.node} of indicator ${p.indicator}` }
      : { vi: `chưa có số liệu cho chỉ tiêu ${p.node}`, en: `no value for indicator ${p.node}` };
    const it = input ? "the indicator" : "it";
    return p.missing === "exclude"
      ? { vi: `${what.vi}; chỉ tiêu này không được tính khi tổng hợp`, en: `${what.en}; ${it} is left out of the aggregation` }
      : { vi: `${what.vi}; chỉ tiêu này được tính 0 điểm`, en: `${what.en}; ${it} scores 0` };
  },
  "not-a-number": (p) => ({ vi: `${quote(p.raw)} không phải là số${of(p).vi}`, en: `${quote(p.raw)} is not a number${of(p).en}` }),
  "not-an-integer": (p) => ({
    vi: `${quote(p.raw)} không phải là số nguyên${of(p).vi}`,
    en: `${quote(p.raw)} is not a whole number${of(p).en}`,
  }),
  "out-of-range": (p) => {
    const bound = (x: number | undefined, lang: "vi" | "en"): string =>
      p.percent && x !== undefined ? `${formatNumber(x * 100, lang)}%` : x === undefined ? "?" : formatNumber(x, lang);
    const vi =
      p.min !== undefined && p.max !== undefined
        ? `từ ${bound(p.min, "vi")} đến ${bound(p.max, "vi")}`
        : p.min !== undefined
          ? `không nhỏ hơn ${bound(p.min, "vi")}`
          : `không lớn hơn ${bound(p.max, "vi")}`;
    const en =
      p.min !== undefined && p.max !== undefined
        ? `between ${bound(p.min, "en")} and ${bound(p.max, "en")}`
        : p.min !== undefined
          ? `at least ${bound(p.min, "en")}`
          : `at most ${bound(p.max, "en")}`;
    return {
      vi: `${quote(p.raw)} nằm ngoài khoảng cho phép, giá trị phải ${vi}${of(p).vi}`,
      en: `${quote(p.raw)} is out of range, the value must be ${en}${of(p).en}`,
    };
  },
  "unknown-choice": (p) => ({
    vi: `${quote(p.raw)} không thuộc các lựa chọn ${(p.list ?? []).map((o) => `"${o}"`).join(", ")}${of(p).vi}`,
    en: `${quote(p.raw)} is not one of the options ${(p.list ?? []).map((o) => `"${o}"`).join(", ")}${of(p).en}`,
  }),
  "not-a-boolean": (p) => ({
    vi: `${quote(p.raw)} không phải là câu trả lời có/không${of(p).vi}`,
    en: `${quote(p.raw)} is not a yes/no answer${of(p).en}`,
  }),
  "excel-error": (p) => ({
    vi: `ô chứa lỗi Excel ${p.raw}, không được dùng làm số liệu${of(p).vi}`,
    en: `the cell holds the Excel error ${p.raw} and is not used as a value${of(p).en}`,
  }),
  "numerator-exceeds-denominator": (p) => ({
    vi: `tử số ${p.list?.[0]} (${num(p.value, "vi")}) lớn hơn mẫu số ${p.list?.[1]} (${num(p.other, "vi")}); tỷ lệ được tính tối đa là 100%${of(p).vi}`,
    en: `the numerator ${p.list?.[0]} (${num(p.value, "en")}) is greater than the denominator ${p.list?.[1]} (${num(p.other, "en")}); the ratio is capped at 100%${of(p).en}`,
  }),
  "zero-denominator": (p) => {
    const what =
      p.zeroDenominator === "zero"
        ? { vi: "được tính 0 điểm", en: "scores 0" }
        : p.zeroDenominator === "full"
          ? { vi: "được tính điểm tối đa", en: "scores full points" }
          : { vi: "không được tính khi tổng hợp (không áp dụng)", en: "is left out of the aggregation (not applicable)" };
    return {
      vi: `mẫu số ${p.list?.[1]} bằng 0 nên chỉ tiêu ${p.node} ${what.vi}`,
      en: `the denominator ${p.list?.[1]} is 0, so indicator ${p.node} ${what.en}`,
    };
  },
  "ambiguous-number": (p) =>
    p.readAs === "vi"
      ? {
          vi: `${quote(p.raw)} được hiểu là ${spelledReading(p, "vi")} theo cách viết số của Việt Nam (dấu phẩy thập phân), dù bộ chỉ số viết số kiểu tiếng Anh, trong đó dấu phẩy phân cách hàng nghìn; hãy kiểm tra lại số liệu, hoặc nhập dạng số để tránh nhầm lẫn${of(p).vi}`,
          en: `${quote(p.raw)} is read the Vietnamese way (decimal comma) as ${spelledReading(p, "en")}, though the index writes numbers the English way, where a comma groups thousands; check the figure, or enter it as a number cell to avoid confusion${of(p).en}`,
        }
      : p.readAs === "en"
        ? {
            vi: `${quote(p.raw)} được hiểu là ${spelledReading(p, "vi")} theo cách viết số tiếng Anh (dấu chấm thập phân), dù bộ chỉ số viết số kiểu Việt Nam, trong đó dấu chấm phân cách hàng nghìn; hãy kiểm tra lại số liệu, hoặc nhập dạng số để tránh nhầm lẫn${of(p).vi}`,
            en: `${quote(p.raw)} is read the English way (decimal point) as ${spelledReading(p, "en")}, though the index writes numbers the Vietnamese way, where a dot groups thousands; check the figure, or enter it as a number cell to avoid confusion${of(p).en}`,
          }
        : {
            vi: `${quote(p.raw)} được hiểu là ${spelled(p.value, "vi")} theo cách viết số của Việt Nam, không phải ${plainNumber(p.other, "vi")}; nên nhập dạng số để tránh nhầm lẫn${of(p).vi}`,
            en: `${quote(p.raw)} is read the Vietnamese way as ${spelled(p.value, "en")}, not ${plainNumber(p.other, "en")}; enter it as a number cell to avoid confusion${of(p).en}`,
          },
  "percent-as-number": (p) => ({
    vi: `${quote(p.raw)} được hiểu là ${num(p.value !== undefined ? p.value * 100 : undefined, "vi")}%${of(p).vi}`,
    en: `${quote(p.raw)} is read as ${num(p.value !== undefined ? p.value * 100 : undefined, "en")}%${of(p).en}`,
  }),
  "points-above-max": (p) => ({
    vi: `${quote(p.raw)} điểm vượt quá điểm tối đa ${num(p.max, "vi")}${of(p).vi}`,
    en: `${quote(p.raw)} points exceed the maximum of ${num(p.max, "en")}${of(p).en}`,
  }),
  "not-applicable-not-allowed": (p) => ({
    vi: `${quote(p.raw)} (không áp dụng) không được chấp nhận cho chỉ tiêu ${p.node}`,
    en: `${quote(p.raw)} (not applicable) is not accepted for indicator ${p.node}`,
  }),
  "evidence-missing": (p) => ({
    vi: `chỉ tiêu ${p.node} có điểm nhưng chưa có minh chứng`,
    en: `indicator ${p.node} earns points but has no evidence`,
  }),
  "self-score-differs": (p) => ({
    vi: `điểm tự chấm ${num(p.value, "vi")} khác với điểm tính được ${num(p.other, "vi")}${of(p).vi}`,
    en: `the self score ${num(p.value, "en")} differs from the computed ${num(p.other, "en")} points${of(p).en}`,
  }),
  "duplicate-unit": (p) => {
    // In a CSV file a unit is a row: the first one is named by its row, and this one is "this row".
    const found = p.foundRow !== undefined ? { vi: `dòng ${p.foundRow}`, en: `row ${p.foundRow}` } : { vi: `${p.found}`, en: `${p.found}` };
    if (p.expected !== undefined) {
      return {
        vi: `"${p.raw}" mang mã đơn vị "${p.list?.[0]}" của "${p.expected}" (ở ${found.vi}) nên chưa được chấm; hãy sửa mã đơn vị`,
        en: `"${p.raw}" has the unit code "${p.list?.[0]}" of "${p.expected}" (at ${found.en}), so it is not scored; correct the unit code`,
      };
    }
    return p.file !== undefined
      ? {
          vi: `đơn vị có mã "${p.unit}" đã có ở ${found.vi}; dòng này là bản thứ hai nên không được chấm`,
          en: `unit code "${p.unit}" already appears at ${found.en}; this row is the second entry and is not scored`,
        }
      : {
          vi: `đơn vị có mã "${p.unit}" đã có phiếu ở ${found.vi}; phiếu này là bản thứ hai nên không được chấm`,
          en: `unit code "${p.unit}" already appears at ${found.en}; this second entry is not scored`,
        };
  },
  "unknown-code": (p) =>
    // With `found`: a table's second column for one input (`node`); `found` is the column read.
    p.found !== undefined && p.node !== undefined
      ? {
          vi: `cột ${quote(p.raw)} cũng mang mã ${p.node} như cột ${p.found} nên được bỏ qua; số liệu ${p.node} lấy ở cột ${p.found}. Nếu cần cột này, hãy xoá hoặc đổi tên cột ${p.found}`,
          en: `column ${quote(p.raw)} names code ${p.node}, as column ${p.found} does, so it is ignored; input ${p.node} is read from column ${p.found}. To use this column, delete or rename column ${p.found}`,
        }
      : {
          vi: `mã ${quote(p.raw)} không có trong bộ chỉ số nên được bỏ qua`,
          en: `code ${quote(p.raw)} is not in the index and is ignored`,
        },
  "unknown-category": (p) => ({
    vi: `nhóm ${quote(p.raw)} không có trong bộ chỉ số (các nhóm: ${(p.list ?? []).join(", ")})`,
    en: `category ${quote(p.raw)} is not in the index (categories: ${(p.list ?? []).join(", ")})`,
  }),
  "missing-category": (p) => ({
    vi: `chưa ghi nhóm đơn vị (các nhóm: ${(p.list ?? []).join(", ")}); đơn vị được chấm như không thuộc nhóm nào: các chỉ tiêu chỉ áp dụng cho một số nhóm không được tính, và đơn vị không có thứ hạng trong nhóm`,
    en: `no category is given (categories: ${(p.list ?? []).join(", ")}); the unit is scored as belonging to none: indicators that apply only to some categories are left out, and it gets no rank within a category`,
  }),
  "missing-row": (p) => {
    // A list (layout B's columns) is said as codes; one row of a form as "indicator 2.2" or
    // "input 1.2.a of indicator 1.2".
    const codes = p.list ?? (p.node !== undefined ? [p.node] : []);
    const { vi, en } =
      p.list === undefined && p.node !== undefined
        ? subject(p)
        : { vi: `${codes.length > 1 ? "các chỉ tiêu" : "chỉ tiêu"} ${codes.join(", ")}`, en: codes.join(", ") };
    if (p.place === "column") return { vi: `bảng không có cột cho ${vi}`, en: `the table has no column for ${en}` };
    if (p.missing === undefined) return { vi: `bảng không có dòng cho ${vi}`, en: `the table has no row for ${en}` };
    // The row's absence is why the indicator has no data: say what that does, once (no missing-input beside it).
    const ind = isInput(p) ? { vi: `chỉ tiêu ${p.indicator}`, en: `indicator ${p.indicator}` } : { vi: "chỉ tiêu này", en: "the indicator" };
    const then =
      p.missing === "exclude"
        ? { vi: "không được tính khi tổng hợp", en: "left out of the aggregation" }
        : { vi: "0 điểm", en: "0 points" };
    return {
      vi: `bảng không có dòng cho ${vi}; ${ind.vi} được tính như thiếu số liệu (${then.vi})`,
      en: `the table has no row for ${en}; ${ind.en} is scored as missing (${then.en})`,
    };
  },
  "missing-unit-name": (p) =>
    p.unit !== undefined
      ? { vi: `chưa ghi tên đơn vị; dùng "${p.unit}" thay cho tên`, en: `the unit has no name; "${p.unit}" is used instead` }
      : { vi: `dòng có số liệu nhưng không có tên và mã đơn vị nên không được chấm`, en: `the row has values but neither a unit name nor a unit code, so it is not scored` },
  "layout-not-found": (p) =>
    p.sheet !== undefined
      ? {
          vi: `trang tính có phần đầu phiếu (Đơn vị, Bộ chỉ số…) nhưng không có dòng tiêu đề bảng với cột "Mã" và "Số liệu", nên phiếu${p.unit !== undefined ? ` của ${p.unit}` : ""} chưa được chấm; hãy sửa lại tên cột như phiếu mẫu`,
          en: `the sheet has a form's header (Unit, Index…) but no table header row with "Code" and "Value" columns, so the form${p.unit !== undefined ? ` of ${p.unit}` : ""} is not scored; restore the column names of the template`,
        }
      : p.file !== undefined
        ? {
            vi: `Tệp ${p.file} không có bảng tổng hợp: cần một dòng tiêu đề có cột "Đơn vị" và các cột mang mã chỉ tiêu`,
            en: `File ${p.file} holds no table of units: it needs a header row with a "Unit" column and columns named by indicator codes`,
          }
        : {
            vi: `Không tìm thấy trang tính nào chứa phiếu tự đánh giá của đơn vị (bảng có cột "Mã" và "Số liệu") hoặc bảng tổng hợp (cột "Đơn vị" và các cột mã chỉ tiêu)`,
            en: `No sheet holds a unit's submission (a table with "Code" and "Value" columns) or a table of units (a "Unit" column and columns named by indicator codes)`,
          },
  "definition-mismatch": (p) => ({
    vi: `trang tính ghi bộ chỉ số "${p.found}", khác với bộ chỉ số đang dùng "${p.expected}"; trang tính này được bỏ qua`,
    en: `the sheet names the index "${p.found}", not the index in use "${p.expected}"; the sheet is skipped`,
  }),
};

/** The full sentence for an issue: where, what, and a final full stop. */
export function issueMessage(code: IssueCode, p: MessageParams): Message {
  const body = bodies[code]?.(p) ?? { vi: code, en: code };
  const at = issueLocation(p);
  const vi = at.vi === "" ? capitalize(body.vi) : at.vi + body.vi;
  const en = at.en === "" ? capitalize(body.en) : at.en + body.en;
  return { vi: `${vi}.`, en: `${en}.` };
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
