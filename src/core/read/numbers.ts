/**
 * Numbers typed as text, in Vietnamese ("1.860", "0,75", "1.234,5") or English ("1,860.5")
 * conventions. Numbers stored as number cells never come through here. Full-width digits and
 * signs ("２８８", "73,9％", as an East Asian keyboard or a PDF gives them) are read as their ASCII.
 */
import { foldWidth } from "../i18n/text";

export type NumberLocale = "vi" | "en" | "auto";

export interface NumberReading {
  value: number;
  /** True in "auto" when the vi and en readings of the text differ (the vi one is returned). */
  ambiguous: boolean;
  /**
   * In "vi" or "en": the way the text was read when it is not a well-formed number in that
   * locale but is in the other ("73,6" in en is read the vi way, "73.6" in vi the en way).
   * Absent otherwise.
   */
  readAs?: "vi" | "en";
  /**
   * In "vi" or "en": the other locale's reading of a text the locale reads as a decimal with three
   * decimals where the other reads thousands: "12.500" is 12.5 in en and 12500 the Vietnamese way
   * (this, 12500); "1,860" is 1.86 in vi and 1860 the English way. Absent otherwise: a text the locale
   * reads as thousands ("11,397" in en, "1.860" in vi) is what the locale writes.
   */
  otherWay?: number;
  /** True when the text ended with "%" (the value is then already divided by 100). */
  percent: boolean;
  /**
   * Set when the figure is beyond what a number holds (readNumberText): "large" for a magnitude
   * above about 1.8e308 ("1e309", value ±Infinity), "small" for a figure other than 0 below about
   * 5e-324 ("1e-400", value 0).
   */
  beyond?: "large" | "small";
}

/** Spaces that may separate thousands: space, NBSP, narrow NBSP, thin space. */
const SPACE_GROUPS = /^[1-9]\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3})+$/;

/**
 * x ÷ 100 as a person moves the decimal point, not with binary division: the exponent of the
 * number's decimal text is lowered by 2, so "16.4" gives the number written 0.164 (16.4 / 100 is
 * 0.16399999999999998) and 56.7 gives 0.567. `x` is a decimal literal ("16.4", "1.5e3") or a
 * number, taken as its shortest decimal text (which for a figure of up to 15 significant digits is
 * the figure as written). The expression parser's `n%` literals are read the same way.
 */
export function percentOf(x: string | number): number {
  return shiftDecimal(x, -2);
}

/**
 * x × 10^places as a person moves the decimal point: the exponent of x's decimal text (its shortest
 * text when x is a number) is moved by `places`, so 0.85 × 100 is 85, not 85.00000000000001, and
 * 1.5e-14 × 100 is 1.5e-12, not rounded away.
 */
export function shiftDecimal(x: string | number, places: number): number {
  if (typeof x === "number" && !Number.isFinite(x)) return x * 10 ** places;
  const m = /^([^eE]*)(?:[eE]([+-]?\d+))?$/.exec(String(x));
  if (!m) return Number.NaN;
  return Number(`${m[1]}e${Number(m[2] ?? 0) + places}`);
}

/**
 * Read an unsigned body of digits, "." and "," with the given group and decimal marks, to the
 * number's plain decimal text ("1.234,5" in vi → "1234.5"), or undefined.
 * Groups must be well formed (1–3 leading digits not starting with 0, then groups of 3), so
 * "1.5" is not a vi number and "0.860" is not vi thousands.
 */
function readBody(body: string, group: "." | ",", decimal: "." | ","): string | undefined {
  const parts = body.split(decimal);
  if (parts.length > 2) return undefined;
  const intPart = parts[0] as string;
  const fracPart = parts[1];
  if (fracPart !== undefined && !/^\d+$/.test(fracPart)) return undefined;
  let digits: string;
  if (intPart.includes(group)) {
    const pattern = group === "." ? /^[1-9]\d{0,2}(?:\.\d{3})+$/ : /^[1-9]\d{0,2}(?:,\d{3})+$/;
    if (!pattern.test(intPart)) return undefined;
    digits = intPart.split(group).join("");
  } else if (intPart === "") {
    if (fracPart === undefined) return undefined;
    digits = "0";
  } else if (/^\d+$/.test(intPart)) digits = intPart;
  else return undefined;
  return fracPart === undefined ? digits : `${digits}.${fracPart}`;
}

/** Whether the decimal text `text` read as `value` went beyond what a number holds (NumberReading.beyond). */
function beyondOf(text: string, value: number): { beyond?: "large" | "small" } {
  if (!Number.isFinite(value)) return { beyond: "large" };
  return value === 0 && /[1-9]/.test(text.split(/[eE]/)[0] as string) ? { beyond: "small" } : {};
}

/**
 * Scientific notation, as Excel, Python and R write very small and very large figures ("1e-05",
 * "1.5E+2", "1,5E+02" from Excel in Vietnamese), to its decimal text ("1.5e+2"), or undefined. The
 * mantissa is digits with at most one mark, its decimal mark: no thousands separator has a place
 * before an exponent, so "1.500E3" is 1.5e3 and "1,234.5E3" is no number. A mark the locale does
 * not write decimals with (a comma in en, a dot in vi) is read the other way and said (`readAs`),
 * as "73,6" is in en; in auto either mark is the decimal one.
 */
function readExponent(s: string, locale: NumberLocale): { text: string; readAs?: "vi" | "en" } | undefined {
  const m = /^(\d+)(?:([.,])(\d+))?[eE]([+-]?\d+)$/.exec(s);
  if (!m) return undefined;
  const [, whole, mark, fraction, power] = m;
  const text = `${whole}${fraction !== undefined ? `.${fraction}` : ""}e${power}`;
  if (mark === "," && locale === "en") return { text, readAs: "vi" };
  if (mark === "." && locale === "vi") return { text, readAs: "en" };
  return { text };
}

/**
 * Read a number typed as text. "1.860" is 1860 in vi and 1.86 in en; "0,75" is 0.75;
 * "1.234,5" and "1,234.5" are 1234.5 whatever the locale (only one reading is well formed);
 * "85%" is 0.85, and "16,4%" the number written 0.164 (percentOf: the decimal point is moved);
 * spaces and NBSP separate thousands; a leading "-", "−" or "+" is a sign; scientific notation
 * ("1e-05", "1.5E+2") is read as Excel reads it (readExponent).
 * In "auto", a text whose vi and en readings differ ("1.860", "1,860") is read the vi way and
 * flagged ambiguous; when only one reading is well formed, that one is used in any locale, and in
 * "vi" or "en" the reading says it went the other way (`readAs`), so the reader can warn: in en
 * a comma groups thousands, so "73,6" is no en number; in vi a dot does, so "73.6" is no vi one.
 * A text read in "vi" or "en" as a decimal of three decimals that the other locale reads as
 * thousands ("12.500" in en, "1,860" in vi) carries that other reading (`otherWay`).
 * Returns undefined for anything that is not a number ("1,5 lần", "", "abc") and for a figure too
 * large for a number ("1e309"); a figure too small for one ("1e-400") is read as 0, with `beyond`.
 */
export function parseNumberText(text: string, locale: NumberLocale): NumberReading | undefined {
  const reading = readNumberText(text, locale);
  return reading?.beyond === "large" ? undefined : reading;
}

/**
 * A text's figure without its sign and "%": `s` the body, `sign` −1 for "-" or "−", `percent` for a
 * trailing "%". Full-width forms are their ASCII first (foldWidth: "２８８", "％").
 */
function unsign(text: string): { s: string; sign: number; percent: boolean } {
  let s = foldWidth(text).normalize("NFC").trim();
  // Excel's mark of a figure kept as text ('0123), which a CSV export or a program that does not
  // know it writes into the cell: the figure after it is read ("'101" is 101).
  if (s.startsWith("'")) s = s.slice(1).trimStart();
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trimEnd();
  }
  let sign = 1;
  const first = s[0];
  if (first === "-" || first === "\u2212" || first === "+") {
    if (first !== "+") sign = -1;
    s = s.slice(1).trimStart();
  }
  return { s, sign, percent };
}

/** A figure grouped by spaces ("1 234", "1 234,5"): its integer digits and the decimal part after either mark, or undefined. */
function spaceGrouped(s: string): { digits: string; mark?: "." | ","; fraction?: string } | undefined {
  const m = /^([^.,]+)(?:([.,])(\d+))?$/.exec(s);
  if (!m || !SPACE_GROUPS.test(m[1] as string)) return undefined;
  const digits = (m[1] as string).replace(/[ \u00a0\u202f\u2009]/g, "");
  return m[3] === undefined ? { digits } : { digits, mark: m[2] as "." | ",", fraction: m[3] };
}

/**
 * parseNumberText, and a figure too large for a number ("1e309", "-1e400") as a reading of ±Infinity
 * with `beyond: "large"`, so the reader can say so rather than that it is no number.
 */
export function readNumberText(text: string, locale: NumberLocale): NumberReading | undefined {
  const { s, sign, percent } = unsign(text);
  if (s === "") return undefined;
  /** The reading of the decimal text `body` ("1234.5", "1.5e3"). */
  const read = (body: string, rest: Partial<NumberReading> = {}): NumberReading => {
    const value = percent ? percentOf(body) : Number(body);
    return { value: sign * value, ambiguous: false, percent, ...rest, ...beyondOf(body, value) };
  };
  if (/[ \u00a0\u202f\u2009]/.test(s)) {
    // Spaces group thousands; what follows the last group may be a decimal part with either mark.
    const grouped = spaceGrouped(s);
    if (grouped === undefined) return undefined;
    return read(grouped.fraction === undefined ? grouped.digits : `${grouped.digits}.${grouped.fraction}`);
  }
  const exponent = readExponent(s, locale);
  if (exponent !== undefined) return read(exponent.text, exponent.readAs !== undefined ? { readAs: exponent.readAs } : {});
  if (!/^[\d.,]+$/.test(s)) return undefined;
  const vi = readBody(s, ".", ",");
  const en = readBody(s, ",", ".");
  let body: string | undefined;
  let ambiguous = false;
  let readAs: "vi" | "en" | undefined;
  let otherBody: string | undefined;
  if (vi !== undefined && en !== undefined) {
    body = locale === "en" ? en : vi;
    ambiguous = locale === "auto" && Number(vi) !== Number(en);
    // Well formed both ways, with one mark: in "en" a dot, in "vi" a comma, is the locale's decimal
    // mark before three digits, and the other's thousands separator ("12.500", "1,860").
    if (locale !== "auto" && Number(vi) !== Number(en) && s.includes(locale === "en" ? "." : ",")) otherBody = locale === "en" ? vi : en;
  } else {
    body = vi ?? en;
    // Well formed only the other way. A plain integer ("12") is well formed both ways, so only
    // texts with a mark the locale does not allow there get here.
    if (locale === "en" && vi !== undefined) readAs = "vi";
    if (locale === "vi" && en !== undefined) readAs = "en";
  }
  if (body === undefined) return undefined;
  const otherWay = otherBody === undefined ? {} : { otherWay: sign * (percent ? percentOf(otherBody) : Number(otherBody)) };
  // A percentage moves the decimal point in the text: "16,4%" is 0.164, as the literal 0.164 is.
  return read(body, { ambiguous, ...(readAs !== undefined ? { readAs } : {}), ...otherWay });
}

/**
 * The way of writing numbers a text shows, when it is a number one way only: "vi" for "74,1",
 * "0,750", "85,5%", "1.234,5", "1.234.567", "1,5E3" and "1 234,5" (a decimal comma, or a dot that
 * groups thousands); "en" for "73.5", "0.750", "85.5%", "11,397.5", "1,234,567", "1.5E3" and
 * "1 234.5". Undefined for a text both ways read: a plain integer ("1860", "1 860", "1E3"), and a
 * text with one mark before three digits ("12.500", "1,860"), which the two ways read differently
 * (the one the reader asks this about); and for anything that is no number. The reader counts
 * these on a unit's row or form to tell which way the unit writes (numberEvidence in values.ts).
 */
export function numberWay(text: string): "vi" | "en" | undefined {
  const { s } = unsign(text);
  if (s === "") return undefined;
  const wayOf = (mark: string | undefined): "vi" | "en" | undefined => (mark === "," ? "vi" : mark === "." ? "en" : undefined);
  // After groups of spaces, the mark can only be a decimal one.
  if (/[ \u00a0\u202f\u2009]/.test(s)) return wayOf(spaceGrouped(s)?.mark);
  // No thousands separator has a place before an exponent: the mantissa's mark is a decimal one.
  const exponent = /^\d+(?:([.,])\d+)?[eE][+-]?\d+$/.exec(s);
  if (exponent) return wayOf(exponent[1]);
  if (!/^[\d.,]+$/.test(s)) return undefined;
  const vi = readBody(s, ".", ",");
  const en = readBody(s, ",", ".");
  if (vi !== undefined && en === undefined) return "vi";
  if (en !== undefined && vi === undefined) return "en";
  return undefined;
}
