/**
 * One cell → one typed input value, following "Inputs read from cells" of the definition format.
 * The result says what was read and what is wrong with it; read.ts turns that into issues.
 */
import type { IndicatorModel, ResolvedInput } from "../definition/model";
import type { ChoiceOption } from "../definition/schema";
import { NOT_APPLICABLE_ANSWERS, optionName, optionTexts, unitText } from "../definition/options";
import { type LegacyEncoding, type Message, foldText, legacyMeaning, normalizeText, stripInvisible } from "../i18n/text";
import { type CellValue, type InputValue, type IssueCode, isCellError } from "../types";
import { type NumberLocale, numberWay, parseNumberText, percentOf, readNumberText } from "./numbers";
import { cellText, formulaWithoutResult, isBlank } from "./sheet";

export type ValueNote =
  /** `other`: the other reading of a text read two ways (in "auto"; and in "vi" or "en" with
   *  `indexWay`, the definition's locale, see ValueContext.unitWays); `readAs`: the way a text
   *  that is no number in the definition's "vi" or "en" was read; `unitFigure`: the unit's figure
   *  typed the other way, after which a text read two ways was read the other way too, or, with
   *  `indexFigure` (its figure typed the index's way), was kept the index's way, the unit writing both. */
  | {
      code: "ambiguous-number";
      value: number;
      other?: number;
      readAs?: "vi" | "en";
      indexWay?: "vi" | "en";
      unitFigure?: UnitFigure;
      indexFigure?: UnitFigure;
      percent?: boolean;
      notPercent?: boolean;
    }
  | { code: "percent-as-number"; value: number };

/** A figure a unit typed as text, by its cell, that shows one way of writing numbers ("74,1", numberWay). */
export interface UnitFigure {
  cell: string;
  raw: string;
}

/**
 * The way a unit writes its figures as text, in an index whose numberLocale is "vi" or "en", as its
 * row or form shows it (numberEvidence): its first figure that is a number the other way only
 * (`other`: "74,1" in an en index, "85.5%" in a vi one) and its first that is a number the index's
 * way only (`index`: "73.5" or "11,397.5" in en, "0,750" or "85,5" in vi).
 */
export interface UnitWays {
  other?: UnitFigure;
  index?: UnitFigure;
}

/** `rawNumber`: the number a number cell held (`raw` is its text), for sentences to write as their language does. */
export type CellReading =
  | { kind: "empty" }
  | { kind: "na"; raw: string; allowed: boolean }
  | {
      kind: "value";
      value: InputValue;
      raw: string;
      rawNumber?: number;
      notes: ValueNote[];
      /**
       * A figure 0 < |x| ≤ 1 written without a % sign in a `percent` input, read as the fraction it
       * is (0,5 is 50%): where other units write the same input as bare percentages (16,4 for
       * 16,4%), the reader says this one may be a percentage too.
       */
      bareFraction?: true;
    }
  | {
      kind: "invalid";
      code: IssueCode;
      raw: string;
      rawNumber?: number;
      min?: number;
      max?: number;
      list?: string[];
      /** unknown-choice: the options by their names in each language (MessageParams.choices). */
      choices?: Message[];
      percent?: boolean;
      /**
       * not-a-number of a number typed with words ("4 ứng dụng", "khoảng 4"): the number as typed
       * ("4"), and the input's unit of measure when the words are it or its start (wordsAround).
       */
      numberText?: string;
      measure?: Message;
      /** A text read two ways ("1.860") whose reading is then refused (out of range): said beside the error. */
      notes?: ValueNote[];
      /**
       * A percentage ("85%") typed for a figure that is no percentage, read as `value` (0,85) and
       * refused (not a whole number, out of range): the error says so, and that 85 may be meant.
       * `shown`: a number cell formatted as a percentage (0,85 shown as 85%), not text typed with "%".
       */
      notPercent?: { value: number; shown?: true };
      /** A percentage's number cell formatted as a percentage (1,2 shown as 120%): refused, it is quoted as the percentage it shows. */
      shownPercent?: true;
      /** An answer refused as typed that is text of an old encoding ("Cã", "Khoâng"): the error says which, and how to convert it. */
      legacy?: LegacyEncoding;
    };

const NOT_APPLICABLE = new Set(NOT_APPLICABLE_ANSWERS);
/**
 * Tick marks read too: ✓ ✔ ☑ ✅ for yes, and the ticked and empty boxes of a Word check box
 * (☒, ☐) for yes and no. A cross (✗, ✘) is left unread: it means "no" on some forms and "yes"
 * (the "x" of a checklist) on others.
 */
const TICKS_YES = ["\u2713", "\u2714", "\u2611", "\u2705", "\u2612"];
const TICKS_NO = ["\u2610"];
const YES = new Set(["co", "da co", "dat", "yes", "y", "x", "1", "true", ...TICKS_YES, ...TICKS_YES.map((t) => `${t}\ufe0f`)]);
const NO = new Set(["khong", "khong co", "khong dat", "chua", "chua dat", "chua co", "no", "n", "0", "false", ...TICKS_NO, ...TICKS_NO.map((t) => `${t}\ufe0f`)]);

/**
 * An answer without the quotes it may be typed in (“Có”, "Không", ‘Có’, «Có», „Có“): straight and
 * curly, single and double, French and German quotes, at either end, as a pasted text brings them.
 */
export function unquote(text: string): string {
  return text.trim().replace(/^["'“”‘’«»„‟‚‛‹›]+\s*|\s*["'“”‘’«»„‟‚‛‹›]+$/gu, "");
}

/** Excel's error literals: a CSV export (or a text cell) holds them as text, but they are errors all the same. */
const EXCEL_ERROR_LITERALS = new Set(["#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"]);

export function isExcelErrorText(text: string): boolean {
  return EXCEL_ERROR_LITERALS.has(text.trim());
}

export function isNotApplicableText(text: string): boolean {
  return NOT_APPLICABLE.has(foldText(text));
}

/** True for the "x" of an x / (blank) checklist. */
export function isCheckMark(v: CellValue): boolean {
  return typeof v === "string" && foldText(v) === "x";
}

export interface ValueContext {
  input: ResolvedInput;
  indicator: IndicatorModel;
  numberLocale: NumberLocale;
  /** The cell shows its number as a percentage (SheetSnapshot.percentCells): 0,909 is seen as 90,9%. */
  shownAsPercent?: boolean;
  /**
   * How the same unit (its row or its form) writes its other figures (numberEvidence). A text the
   * index's way reads as a decimal and the other as thousands ("12.500" in an en index) is read the
   * index's way (12,5) silently, unless the unit types figures the other way ("74,1"): then the
   * unit's way (12500) when it types none the index's way, else the index's way; said either way.
   */
  unitWays?: UnitWays;
}

/**
 * Which way a unit writes its figures as text (UnitWays), from its cells for number, integer and
 * percent inputs: the first figure that is a number the other way only than the index's "vi" or
 * "en", and the first that is one the index's way only (numberWay). A plain integer, and a text
 * both ways read ("12.500", "1,860"), tell nothing. None in "auto", which reads both ways, and
 * none when no figure tells.
 */
export function numberEvidence(
  cells: Iterable<readonly [string, { value: CellValue; address: string }]>,
  inputOf: (code: string) => ResolvedInput | undefined,
  locale: NumberLocale,
): UnitWays | undefined {
  if (locale === "auto") return undefined;
  const ways: UnitWays = {};
  for (const [code, cell] of cells) {
    const type = inputOf(code)?.type;
    if (typeof cell.value !== "string" || (type !== "number" && type !== "integer" && type !== "percent")) continue;
    const text = stripInvisible(cell.value);
    const way = numberWay(text);
    if (way === undefined) continue;
    const kind = way === locale ? "index" : "other";
    ways[kind] ??= { cell: cell.address, raw: cellText(text) };
    if (ways.index !== undefined && ways.other !== undefined) break;
  }
  return ways.index !== undefined || ways.other !== undefined ? ways : undefined;
}

/**
 * The code letters of an Excel number format, in order, outside quoted text, escaped characters
 * (`\m`), padding (`_m`), fill (`*m`) and bracketed parts ([Red], [$-vi-VN], [$₫-42A], [<=100]),
 * and whether it holds an elapsed time part ([h], [mm], [ss]): "dd/mm/yyyy" gives "ddmmyyyy",
 * `"Năm "yyyy` gives "yyyy", "General" gives "General". What isDateFormat (hosts/excel/dates.ts)
 * and datePartShown (periods.ts) read a format by.
 */
export function formatCodes(format: string): { letters: string; elapsed: boolean } {
  let letters = "";
  let elapsed = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '"') {
      const close = format.indexOf('"', i + 1);
      i = close < 0 ? format.length : close;
    } else if (c === "\\" || c === "_" || c === "*") i++;
    else if (c === "[") {
      const close = format.indexOf("]", i + 1);
      if (/^(h+|m+|s+)$/i.test(format.slice(i + 1, close < 0 ? format.length : close))) elapsed = true;
      i = close < 0 ? format.length : close;
    } else if (/[a-z]/i.test(c)) letters += c;
  }
  return { letters, elapsed };
}

/** Whether a number format shows a percentage: a % outside quotes and escapes ("0.0%", "0%;[Red]-0%"). */
export function isPercentFormat(format: unknown): boolean {
  return typeof format === "string" && format.replace(/"[^"]*"|\\./g, "").includes("%");
}

/** The options of the indicator's choice rule (the only list of choices). */
export function choiceOptions(indicator: IndicatorModel): ChoiceOption[] {
  return indicator.rule.kind === "choice" ? indicator.rule.options : [];
}

/** The options of the indicator's choice rule as a form in each language writes them (optionName). */
export function choiceNames(indicator: IndicatorModel): Message[] {
  return choiceOptions(indicator).map((o) => ({ vi: optionName(o, "vi"), en: optionName(o, "en") }));
}

/**
 * A choice as it is matched: folded (case, diacritics), without surrounding quotes, and without
 * spaces around a slash ("Giám đốc / Thủ trưởng đơn vị" is "Giám đốc/Thủ trưởng đơn vị").
 */
function choiceKey(text: string): string {
  return foldText(unquote(normalizeText(text))).replace(/\s*\/\s*/g, "/");
}

/** A choice's key without the marks that end a sentence ("Chưa." typed as "Chưa"), as yes/no answers are read. */
function choiceKeyBare(text: string): string {
  return choiceKey(unquote(text.trim().replace(/\s*[.!;,]+$/, "")).replace(/\s*[.!;,]+$/, ""));
}

/**
 * The option a cell's text names: by its value, its name in any language or an alias (choiceKey:
 * case, diacritics, quotes, spaces around "/"); else, as typed at the end of a sentence ("Chưa.",
 * “Chưa”.), with the final full stop (or ! ; ,) left out of both the answer and the options.
 */
export function matchChoice(text: string, options: ChoiceOption[]): ChoiceOption | undefined {
  const key = choiceKey(text);
  const exact = options.find((o) => optionTexts(o).some((t) => choiceKey(t) === key));
  if (exact !== undefined) return exact;
  const bare = choiceKeyBare(text);
  return bare === "" ? undefined : options.find((o) => optionTexts(o).some((t) => choiceKeyBare(t) === bare));
}

/**
 * The most points the input of a `points` rule may give: the indicator's max. None for another
 * input or rule, or for an indicator of max 0, which scores nothing whatever its figures (a
 * self-assessment item shown but not counted: 3 there is not "above the maximum 0").
 */
function pointsMax(input: ResolvedInput, indicator: IndicatorModel): number | undefined {
  if (indicator.rule.kind !== "points" || indicator.ruleInputs[0] !== input.code) return undefined;
  return indicator.max !== undefined && indicator.max > 0 ? indicator.max : undefined;
}

/**
 * The bounds the indicator's rule puts on the input it scores, beyond the input's own: points are
 * 0 … max (above max has its own issue, "points-above-max"; 0 or more under a max of 0), a fraction 0 … 1 (0% … 100%), a count
 * 0 or more, and a ratio's numerator and denominator 0 or more unless the input declares a `min`
 * of its own. A figure outside them is an error, never clipped silently.
 */
function ruleBounds(input: ResolvedInput, indicator: IndicatorModel): { min: number; max?: number } | undefined {
  // A ratio's numerator and denominator are amounts: 0 or more (a negative one would be clipped to
  // 0). An input that declares its `min` (a change, a balance: "min": -100) is bounded by it alone.
  if (indicator.rule.kind === "ratio") return indicator.ruleInputs.includes(input.code) && input.min === undefined ? { min: 0 } : undefined;
  if (indicator.ruleInputs[0] !== input.code) return undefined;
  switch (indicator.rule.kind) {
    case "points": {
      const max = pointsMax(input, indicator);
      return max !== undefined ? { min: 0, max } : { min: 0 };
    }
    case "fraction":
      return { min: 0, max: 1 };
    case "count":
      return { min: 0 };
    default:
      return undefined;
  }
}

/**
 * Whether a number typed as text could be the input's value: a whole number where the input is
 * an integer, within its bounds, and no more than the indicator's maximum where it is points. In a
 * percentage, the figure is taken as the reading takes it (`percent`: typed with "%", already
 * divided by 100; else 16,4 is 16,4%), so "1,860%" read as 1860% is out of a fraction's 0–100%.
 */
function possibleFor(input: ResolvedInput, indicator: IndicatorModel, read: number, percent: boolean): boolean {
  if (input.type === "integer" && wholeNumber(read) === undefined) return false;
  const x = input.type === "percent" && !percent && Math.abs(read) > 1 ? percentOf(read) : read;
  if (input.min !== undefined && x < input.min) return false;
  if (input.max !== undefined && x > input.max) return false;
  const bounds = ruleBounds(input, indicator);
  if (bounds && (x < bounds.min || (bounds.max !== undefined && x > bounds.max + 1e-9))) return false;
  const max = pointsMax(input, indicator);
  return max === undefined || x <= max + 1e-9;
}

/**
 * The whole number a figure is as Excel shows it, to the 15 significant digits a spreadsheet
 * keeps (plainNumber's SIGNIFICANT), else undefined: a formula's result carries the noise of binary
 * arithmetic (=30*0.1 stores 3.0000000000000004, shown as 3), which is no fraction the unit typed.
 */
export function wholeNumber(x: number): number | undefined {
  if (!Number.isFinite(x)) return undefined;
  if (Number.isInteger(x)) return x;
  const shown = Number(x.toPrecision(15));
  return Number.isInteger(shown) ? shown : undefined;
}

/** Whether a number input holds a fraction 0 … 1 all the same (a `fraction` rule reads it, or its bounds say so): "85%" is meant there. */
function readsFraction(input: ResolvedInput, indicator: IndicatorModel): boolean {
  return (indicator.rule.kind === "fraction" && indicator.ruleInputs[0] === input.code) || (input.max !== undefined && input.max <= 1);
}

/** A number as typed, with its sign, its marks, spaces between thousands and a trailing "%". */
const TYPED_NUMBER = String.raw`[-+\u2212]?\d(?:[\d.,\u00a0\u202f\u2009 ]*\d)?\s*%?`;
/** Words: a letter first, then letters, spaces and the marks words are written with. */
const WORDS = String.raw`[(\[]?\p{L}[\p{L}\p{M}\s.,:;/()\[\]\-–]*`;
const NUMBER_THEN_WORDS = new RegExp(`^(${TYPED_NUMBER})\\s*(${WORDS})$`, "u");
const WORDS_THEN_NUMBER = new RegExp(`^(${WORDS}?)\\s*(${TYPED_NUMBER})$`, "u");

/** Words that multiply the number before them (folded): "2,5 triệu", "12 nghìn", "3k", "1.5 million". */
const SCALES = new Set(["nghin", "ngan", "trieu", "tr", "ty", "ti", "k", "thousand", "thousands", "million", "millions", "m", "mn", "billion", "billions", "bn"]);

/**
 * A text that is a number with words after it ("4 ứng dụng", "1,5 lần") or before it ("khoảng 4"):
 * the number as typed, when it reads as one, and whether the words are the input's unit of measure
 * (in either language), or the start of it ("2 cuộc" for "cuộc họp"), case and diacritics ignored.
 * It is no figure all the same (the cell takes the number alone): the finding says what to write.
 */
function wordsAround(text: string, input: ResolvedInput, locale: NumberLocale): { numberText: string; measure?: Message } | undefined {
  const t = text.normalize("NFC").trim();
  const after = NUMBER_THEN_WORDS.exec(t);
  const before = after ? undefined : WORDS_THEN_NUMBER.exec(t);
  const [numberText, words] = after ? [after[1]!, after[2]!] : before ? [before[2]!, before[1]!] : [];
  if (numberText === undefined || words === undefined) return undefined;
  const reading = readNumberText(numberText.trim(), locale);
  if (!reading || reading.beyond !== undefined) return undefined;
  const said = foldText(words.replace(/^[([\s]+|[)\].,:;\s]+$/gu, ""));
  const isMeasure = (unit: string): boolean => {
    const u = foldText(unit);
    if (said === "" || u === "") return false;
    // The whole unit, its start up to a word's end ("cuộc" of "cuộc họp"), or an English plural.
    return u === said || (u.startsWith(said) && !/\p{L}/u.test(u.charAt(said.length))) || u === `${said}s` || said === `${u}s`;
  };
  const vi = unitText(input.unit, "vi");
  const en = unitText(input.unit, "en");
  const measure = isMeasure(vi) || isMeasure(en) ? { vi: normalizeText(vi), en: normalizeText(en) } : undefined;
  // "2,5 triệu" is 2 500 000, not 2,5: a number followed by a scale is not the figure to write alone.
  if (!measure && after && SCALES.has(said.split(/[\s.,:;/()[\]\-–]/u)[0] ?? "")) return undefined;
  // A whole number read one way only is said without its group marks ("1.053 tập" → 1053): what
  // any Excel takes as typed, and what no reader takes for a decimal; others as they were typed.
  const whole = Number.isInteger(reading.value) && Math.abs(reading.value) < 1e15 && !reading.percent && !reading.ambiguous && reading.otherWay === undefined;
  return { numberText: whole ? String(reading.value) : numberText.trim(), ...(measure ? { measure } : {}) };
}

function readNumber(v: CellValue, raw: string, ctx: ValueContext): CellReading {
  const { input, indicator } = ctx;
  const notes: ValueNote[] = [];
  let value: number;
  let typedPercent = false;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "invalid", code: "not-a-number", raw };
    value = v;
  } else if (typeof v === "string") {
    const reading = readNumberText(v, ctx.numberLocale);
    if (!reading) return { kind: "invalid", code: "not-a-number", raw, ...wordsAround(v, input, ctx.numberLocale) };
    // "1e309" is beyond what a number holds, "1e-400" would be read as 0: said, not taken.
    if (reading.beyond !== undefined) return { kind: "invalid", code: reading.beyond === "large" ? "number-too-large" : "number-too-small", raw };
    value = reading.value;
    typedPercent = reading.percent;
    // "73,6" in an en index, "73.6" in a vi one: read the only way it can be, and said so.
    if (reading.readAs !== undefined) {
      notes.push({ code: "ambiguous-number", value: reading.value, readAs: reading.readAs, ...(reading.percent ? { percent: true } : {}) });
    }
    if (reading.ambiguous) {
      // "1.860" is 1860 the Vietnamese way and 1.86 the English way. When the input cannot take
      // one of the two (a whole number, or bounds), the other is what was meant: no warning then.
      const other = parseNumberText(v, "en")?.value ?? reading.value;
      const viPossible = possibleFor(input, indicator, reading.value, reading.percent);
      const otherPossible = possibleFor(input, indicator, other, reading.percent);
      if (viPossible && otherPossible) notes.push({ code: "ambiguous-number", value: reading.value, other, ...(reading.percent ? { percent: true } : {}) });
      else if (!viPossible && otherPossible) value = other;
    }
    if (reading.otherWay !== undefined && ctx.numberLocale !== "auto") {
      // "12.500" in an en index is 12.5, and 12500 the Vietnamese way ("1,860" in a vi one: 1.86,
      // and 1860 the English way): read the index's way, silently, as the index writes numbers,
      // unless the unit types figures the other way ("74,1" on its row). Then it is read that way
      // too when the unit types none the index's way ("73.5"), and said; when it types both, it is
      // kept the index's way, and said. Bounds that take one reading only decide silently, as in "auto".
      const indexWay = ctx.numberLocale;
      const other = reading.otherWay;
      const ownPossible = possibleFor(input, indicator, reading.value, reading.percent);
      const otherPossible = possibleFor(input, indicator, other, reading.percent);
      const percent = reading.percent ? { percent: true } : {};
      const { other: unitFigure, index: indexFigure } = ctx.unitWays ?? {};
      if (ownPossible && otherPossible && unitFigure !== undefined) {
        if (indexFigure === undefined) {
          value = other;
          notes.push({ code: "ambiguous-number", value: other, other: reading.value, indexWay, unitFigure, ...percent });
        } else notes.push({ code: "ambiguous-number", value: reading.value, other, indexWay, unitFigure, indexFigure, ...percent });
      } else if (!ownPossible && otherPossible) value = other;
    }
  } else return { kind: "invalid", code: "not-a-number", raw };

  if (typedPercent && notes.length === 0 && input.type !== "percent" && !readsFraction(input, indicator)) {
    // "85%" in a plain number input: read as 0.85, as the spec reads a percentage, but the
    // input is no percentage (a step "at least 80" would not match): said, with what to write.
    notes.push({ code: "ambiguous-number", value, notPercent: true });
  }
  // A number cell formatted as a percentage is read as what it shows: 1,2 shown as 120,00% is 120%
  // (Excel stores 1,2 when 120 is typed into a cell formatted 0.00%), never 1,2%.
  const shownFraction = typeof v === "number" && ctx.shownAsPercent === true && input.type === "percent";
  if (input.type === "percent" && !typedPercent && !shownFraction && Math.abs(value) > 1) {
    // 16.4 (a number cell shown as a number, or "16,4" typed) is 16.4%: the number written 0.164, not 16.4 / 100.
    value = percentOf(value);
    notes.push({ code: "percent-as-number", value });
  }
  // A fraction shown as a percentage (a form's cell formatted 0.0%) was seen as one: no doubt there.
  const bareFraction = input.type === "percent" && !typedPercent && !ctx.shownAsPercent && value !== 0 && Math.abs(value) <= 1;
  // A refused figure keeps what was said about how its text was read: "1.860" in a percentage is
  // 1860 (186000%, out of range) the Vietnamese way, not 1,86 — the error alone would not say why.
  // "85%" in a figure that is no percentage is said by the error itself (notPercent): read as 0,85,
  // refused, and 85 perhaps meant; a warning beside it that it was read as 0,85 would say it twice.
  // A number cell that shows a percentage ("85%" typed into a cell formatted 0%, held as 0,85) for
  // a figure that is no percentage is said, when refused, as the percentage it shows.
  const shownPercent = typeof v === "number" && ctx.shownAsPercent === true && input.type !== "percent" && !readsFraction(input, indicator);
  const ambiguous = notes.filter((n) => n.code === "ambiguous-number" && !n.notPercent);
  const asPercent = shownPercent
    ? { notPercent: { value, shown: true as const } }
    : notes.some((n) => n.code === "ambiguous-number" && n.notPercent)
      ? { notPercent: { value } }
      : {};
  const noted = { ...(ambiguous.length > 0 ? { notes: ambiguous } : {}), ...asPercent, ...(shownFraction ? { shownPercent: true as const } : {}) };
  if (input.type === "integer") {
    // A formula's whole number with the noise of binary arithmetic (3.0000000000000004) is that number.
    const whole = wholeNumber(value);
    if (whole === undefined) return { kind: "invalid", code: "not-an-integer", raw, ...noted };
    value = whole;
  }
  if ((input.min !== undefined && value < input.min) || (input.max !== undefined && value > input.max)) {
    return {
      kind: "invalid",
      code: "out-of-range",
      raw,
      ...(input.min !== undefined ? { min: input.min } : {}),
      ...(input.max !== undefined ? { max: input.max } : {}),
      ...(input.type === "percent" ? { percent: true } : {}),
      ...noted,
    };
  }
  const maxPoints = pointsMax(input, indicator);
  if (maxPoints !== undefined && value > maxPoints + 1e-9) return { kind: "invalid", code: "points-above-max", raw, max: maxPoints, ...noted };
  const bounds = ruleBounds(input, indicator);
  if (bounds && (value < bounds.min || (bounds.max !== undefined && value > bounds.max + 1e-9))) {
    return {
      kind: "invalid",
      code: "out-of-range",
      raw,
      min: bounds.min,
      ...(bounds.max !== undefined ? { max: bounds.max } : {}),
      ...(input.type === "percent" ? { percent: true } : {}),
      ...noted,
    };
  }
  return { kind: "value", value, raw, notes, ...(bareFraction ? { bareFraction: true as const } : {}) };
}

function readBoolean(v: CellValue, raw: string): CellReading {
  if (typeof v === "boolean") return { kind: "value", value: v, raw, notes: [] };
  if (typeof v === "number") {
    if (v === 1 || v === 0) return { kind: "value", value: v === 1, raw, notes: [] };
    return { kind: "invalid", code: "not-a-boolean", raw };
  }
  // "Có." and "Không!" as typed at the end of a sentence, “Có” and “Có.” in quotes: the same answers.
  const bare = (t: string): string => unquote(t.trim().replace(/\s*[.!;,]+$/, ""));
  const folded = foldText(bare(bare(raw)));
  if (YES.has(folded)) return { kind: "value", value: true, raw, notes: [] };
  if (NO.has(folded)) return { kind: "value", value: false, raw, notes: [] };
  return { kind: "invalid", code: "not-a-boolean", raw };
}

/**
 * Read one cell for one input. Excel errors (error cells, and text that is exactly an error
 * literal such as "#DIV/0!" in a CSV file) are errors whatever the type; "N/A", "KAD",
 * "Không áp dụng" are a not-applicable answer (allowed or not by the indicator); then the
 * input's type decides.
 */
export function readCell(cell: CellValue, ctx: ValueContext): CellReading {
  const reading = readCellText(cell, ctx);
  return typeof cell === "number" && (reading.kind === "value" || reading.kind === "invalid") ? { ...reading, rawNumber: cell } : reading;
}

/**
 * An answer refused as typed, with the old encoding of Vietnamese its text is in, when it is in one
 * (legacyMeaning: "Cã" is "Có" in TCVN3, "Khoâng" is "Không" in VNI, or its signs show it): the
 * error then says how to convert it. `cell`: the cell as it holds the text (TCVN3's "ư" is the soft
 * hyphen, which the reading drops).
 */
function withLegacy(reading: CellReading, cell: CellValue, accepts: (text: string) => boolean): CellReading {
  if (reading.kind !== "invalid" || typeof cell !== "string") return reading;
  const legacy = legacyMeaning(normalizeText(cell), (text) => accepts(text) || isNotApplicableText(text));
  return legacy !== undefined ? { ...reading, legacy } : reading;
}

function readCellText(cell: CellValue, ctx: ValueContext): CellReading {
  let v = cell;
  if (isCellError(v)) return { kind: "invalid", code: "excel-error", raw: formulaWithoutResult(v) ?? v.error };
  if (isBlank(v)) return { kind: "empty" };
  if (typeof v === "string" && isExcelErrorText(stripInvisible(v))) return { kind: "invalid", code: "excel-error", raw: stripInvisible(v).trim() };
  const { input, indicator } = ctx;
  if (input.type === "text") {
    const text = cellText(v);
    return { kind: "value", value: text, raw: text, notes: [] };
  }
  // A figure or an answer is read without the invisible characters text pasted from Word or a PDF brings.
  if (typeof v === "string") v = stripInvisible(v);
  const raw = cellText(v);
  if (input.type === "choice") {
    const options = choiceOptions(indicator);
    if (options.length === 0) return { kind: "value", value: raw, raw, notes: [] };
    const option = matchChoice(raw, options);
    if (option) return { kind: "value", value: option.value, raw, notes: [] };
  }
  if (typeof v === "string" && isNotApplicableText(raw)) return { kind: "na", raw, allowed: indicator.def.allowNA };
  switch (input.type) {
    case "choice": {
      const options = choiceOptions(indicator);
      const refused: CellReading = { kind: "invalid", code: "unknown-choice", raw, list: options.map((o) => o.value), choices: choiceNames(indicator) };
      return withLegacy(refused, cell, (text) => matchChoice(text, options) !== undefined);
    }
    case "boolean":
      return withLegacy(readBoolean(v, raw), cell, (text) => readBoolean(text, normalizeText(text)).kind === "value");
    default:
      return readNumber(v, raw, ctx);
  }
}
