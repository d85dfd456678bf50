/**
 * Self-assessment templates ("phiếu tự đánh giá"): one layout-A sheet per unit, with drop-down
 * lists, number checks, shaded input cells and the rest protected (without a password, so an
 * official can still unprotect it when the form needs a change).
 */
import ExcelJS from "exceljs";
import { columnLetter } from "../../core/a1";
import { FORM_SIGNATURE, TEMPLATE_NOT_APPLICABLE_NOTE, TakenSheetNames, uniqueSheetName } from "../../core/collect";
import { FORM_DEFINITION_PREFIX, builtinOfSameName } from "../../core/forms-index";
import type { IndexModel, IndicatorModel, ModelNode, ResolvedInput } from "../../core/definition/model";
import { NOT_APPLICABLE_ANSWERS, optionName, unitText } from "../../core/definition/options";
import { definitionHash, parseDefinition } from "../../core/definition/parse";
import { type Lang, type Message, formatNumber, localize, normalizeText } from "../../core/i18n/text";
import { NOT_APPLICABLE_TEXT, PERIOD_LABEL, SHEET_NAMES, formPageHeader, notApplicableRowsInstruction, periodText, sheetFooter } from "../../core/plan/labels";
import { resolveCategory } from "../../core/read/read";
import { FORM_COLUMN_WIDTHS, INDENT_WIDTH, type WrappedCell, fitWidth, wrappedHeight } from "../../core/plan/layout";
import { BUILTIN_INDICES } from "../../indices";
import { writeWorkbook } from "./finish";
import { setPageTexts } from "./page-texts";

export interface TemplateUnit {
  code: string;
  name: string;
  /** A category id of the definition (or its name). */
  category?: string;
}

export interface TemplateOptions {
  lang: Lang;
  period?: string;
}

const INPUT_FILL = "FFFFF2CC"; // light yellow: cells the unit fills in
const APPRAISAL_FILL = "FFDDEBF7"; // light blue: cells the appraisal council fills in
const GROUP_FILL = "FFE7E6E6";
const NA_FILL = "FFF2F2F2";
const HEADER_FILL = "FF1F4E78";
/** How a node's description shows under its name in the `Nội dung` cell. */
const DESCRIPTION_SIZE = 9;
const DESCRIPTION_FONT: Partial<ExcelJS.Font> = { name: "Calibri", family: 2, size: DESCRIPTION_SIZE, italic: true, color: { argb: "FF595959" } };

const L = {
  sheetHelp: { vi: "Hướng dẫn", en: "Instructions" },
  unit: { vi: "Đơn vị", en: "Unit" },
  unitCode: { vi: "Mã đơn vị", en: "Unit code" },
  category: { vi: "Nhóm", en: "Category" },
  index: { vi: "Bộ chỉ số", en: "Index" },
  period: PERIOD_LABEL,
  columns: {
    code: { vi: "Mã", en: "Code" },
    item: { vi: "Nội dung", en: "Item" },
    max: { vi: "Điểm tối đa", en: "Max points" },
    value: { vi: "Số liệu", en: "Value" },
    appraised: { vi: "Số liệu thẩm định", en: "Appraised value" },
    self: { vi: "Tự chấm", en: "Self score" },
    evidence: { vi: "Minh chứng", en: "Evidence" },
    note: { vi: "Ghi chú", en: "Note" },
    score: { vi: "Điểm", en: "Score" },
  },
  instruction: {
    vi: "Nhập số liệu vào các ô nền vàng (Số liệu, Tự chấm, Minh chứng, Ghi chú); cột Số liệu thẩm định (nền xanh) dành cho Hội đồng thẩm định. Không sửa cột Mã.",
    en: "Type into the yellow cells (Value, Self score, Evidence, Note); the blue Appraised value column is for the appraisal council. Do not change the Code column.",
  },
  /** The same line on the form of an index without points: there is nothing to self-score. */
  instructionNoPoints: {
    vi: "Nhập số liệu vào các ô nền vàng (Số liệu, Minh chứng, Ghi chú); cột Số liệu thẩm định (nền xanh) dành cho Hội đồng thẩm định. Không sửa cột Mã.",
    en: "Type into the yellow cells (Value, Evidence, Note); the blue Appraised value column is for the appraisal council. Do not change the Code column.",
  },
  /** What follows the line on a form where some indicator may be answered not applicable (allowNA). */
  instructionNotApplicable: {
    vi: "Chỉ tiêu không áp dụng với đơn vị (nếu bộ chỉ số cho phép): ghi “Không áp dụng” (hay “N/A”).",
    en: "An indicator that does not apply to the unit (where the index allows it): type “N/A”.",
  },
  notApplicable: TEMPLATE_NOT_APPLICABLE_NOTE,
  yes: { vi: "Có", en: "Yes" },
  no: { vi: "Không", en: "No" },
};

/** The answers a yes/no input's drop-down offers, in the form's language. */
export const YES_NO: { yes: Message; no: Message } = { yes: L.yes, no: L.no };
/** The label of a form's unit code (column A, row 2), by which a form's language is known. */
export const UNIT_CODE_LABEL: Message = L.unitCode;

type ColumnKey = keyof typeof L.columns;
/** The table's columns, in order. */
const COLUMN_ORDER: readonly ColumnKey[] = ["code", "item", "max", "value", "appraised", "self", "evidence", "note", "score"];
/** Column widths (FORM_COLUMN_WIDTHS: the scoring's line on a form it leaves out is made to fit them). */
const WIDTH: Record<ColumnKey, number> = FORM_COLUMN_WIDTHS;
const HEADER_ROW = 8;

/** Whether any node of the index gives points (a `max`): an index of values only (the HDI) has nothing to self-score. */
export function givesPoints(model: IndexModel): boolean {
  for (const node of model.nodes.values()) if (node.max !== undefined) return true;
  return false;
}

/** Columns about points, left out of the form of an index that gives none. */
type PointsColumn = "max" | "self";
type TableColumns = Record<Exclude<ColumnKey, PointsColumn>, number> & Partial<Record<PointsColumn, number>>;

/**
 * The number format of a maximum: its own decimals (at most 4), none for a whole number; Excel
 * shows "#,##0.##" with a trailing separator on every whole number ("500." or "500,").
 */
export function maxPointsFormat(max: number): string {
  const decimals = Math.min(4, (String(max).split(".")[1] ?? "").replace(/e.*$/i, "").length);
  return decimals === 0 ? "#,##0" : `#,##0.${"0".repeat(decimals)}`;
}

/**
 * The number format of a percentage's cells. The figures are ranked on points rounded to the
 * ranking's decimals (to 2 for a ranking on the unrounded figure: the samples' kind, and any
 * without `decimals`), so a percentage shows as many decimals as keep a step of its last digit
 * shown from moving the indicator's points by more than that: two units whose points differ do
 * not show the same rate. A step of one in the d-th decimal of a percentage moves the points of
 * an indicator worth `max` by max × 10^-(d+2) (exactly for a rate the points are a share of, and
 * taken as the measure for any other rule too). Ranked on 1 decimal, an indicator worth 100
 * points or less keeps the one decimal of the published tables ("87,3%": 0,1% is 0,1 point), one
 * worth 150 or 200 (the 2022 provincial index's activities) shows two ("84,06%": 0,1% of 200 is
 * 0,2 point, and 84,06% and 84,14% would both show 84,1%); ranked on 2 decimals, two at least
 * ("87,25%"). An index ranked on its value to `decimals` tells apart values 10^-decimals apart,
 * which are the root's max × 10^-decimals points apart (the points are the value times the
 * root's max): ranked on its value to 4 decimals, the 2022 provincial index (1,000 points) is held
 * to 0,1 point, as ranked on points to 1 decimal. Ranked on its value unrounded, it is held to 0,01
 * point as a ranking on points is; without a max of the root, to the fewest decimals (1 or 2).
 * More where a bound of the input or a step's threshold on it needs them (99,95%); at most 4 in
 * all. The cell holds the figure typed, whatever it shows.
 */
export function percentFormat(model: IndexModel, input: ResolvedInput, ind: IndicatorModel): string {
  const ranking = model.definition.ranking;
  const rankedDecimals = ranking?.decimals;
  const rootMax = model.root.max !== undefined && model.root.max > 0 ? model.root.max : undefined;
  // As the scoring ranks (resolveRanking): on points when the root has a max, unless told otherwise.
  const onValue = (ranking?.on ?? (rootMax !== undefined ? "points" : "value")) === "value";
  // The points the ranking tells apart: 10^-decimals on points (2 decimals when it compares the
  // unrounded figure); on the value to `decimals`, the root's max × 10^-decimals.
  const apart = onValue && rankedDecimals !== undefined && rootMax !== undefined ? rootMax * 10 ** -rankedDecimals : 10 ** -(rankedDecimals ?? 2);
  // Two decimals at least for a ranking that tells hundredths of a point apart, one otherwise.
  let decimals = apart <= 0.01 * (1 + 1e-9) ? 2 : 1;
  // The fewest from there with max × 10^-(decimals+2) ≤ apart (with room for a binary fraction: a
  // max of 100 at one decimal is 0,1 point a step, no more). Ranked on the value of an index
  // without a root max: the fewest.
  const max = ind.max;
  if (max !== undefined && max > 0 && !(onValue && rootMax === undefined)) {
    while (decimals < 4 && max * 10 ** -(decimals + 2) > apart * (1 + 1e-9)) decimals++;
  }
  const marks = [input.min, input.max];
  if (ind.rule.kind === "steps" && ind.ruleInputs.length === 1 && ind.ruleInputs[0] === input.code) {
    for (const step of ind.rule.steps) marks.push(step.atLeast, step.atMost);
  }
  for (const x of marks) {
    if (x === undefined || !Number.isFinite(x)) continue;
    // The mark in percent, as written (0.9995 → "99.95"), not as the binary fraction times 100 gives it.
    const shown = String(Number((x * 100).toPrecision(12)));
    decimals = Math.max(decimals, Math.min(4, (shown.split(".")[1] ?? "").replace(/e.*$/i, "").length));
  }
  return `0.${"0".repeat(decimals)}%`;
}

/**
 * The table's columns for an index, by key, 1-based. An index without points (the HDI) has no
 * `Điểm tối đa` (nothing to show) and no `Tự chấm` (nothing to self-score: a self score would be
 * compared with a value the unit cannot work out by hand, goalposts and logarithms), so the unit
 * is not asked for one; its `Điểm` column shows each row's computed value.
 */
function tableColumns(model: IndexModel): { keys: ColumnKey[]; col: TableColumns } {
  const points = givesPoints(model);
  const keys = COLUMN_ORDER.filter((k) => points || (k !== "max" && k !== "self"));
  const col = Object.fromEntries(keys.map((k, i) => [k, i + 1])) as TableColumns;
  return { keys, col };
}

/**
 * Every font written names its face and size: a font without them is drawn by LibreOffice in
 * its default face (a serif) next to the Calibri of the rest of the sheet.
 */
export function font(style: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  return { name: "Calibri", family: 2, size: 11, ...style };
}

/** Margins in inches, as the results sheet prints. */
const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };

/**
 * The options of the choice rule that reads each input, as a form in `lang` writes them: each
 * option's name in that language (its value when it has none). The reader takes every name, the
 * value and the aliases alike, so a form in either language scores the same.
 */
function choiceOptions(model: IndexModel, lang: Lang): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const node of model.nodes.values()) {
    if (node.kind === "indicator" && node.rule.kind === "choice") {
      const input = node.ruleInputs[0];
      if (input !== undefined) out.set(input, node.rule.options.map((o) => normalizeText(optionName(o, lang))));
    }
  }
  return out;
}

/**
 * The bounds a value must keep: the input's min/max; for the input a `points` rule reads (points
 * the unit gives itself) 0 … max, and for the one a `count` rule reads (a number of items) 0 or
 * more, where the input sets no bound of its own.
 */
function bounds(input: ResolvedInput, ind: IndicatorModel): { min?: number; max?: number } {
  let min = input.min;
  let max = input.max;
  const readByRule = ind.ruleInputs.length === 1 && ind.ruleInputs[0] === input.code;
  if (readByRule && (ind.rule.kind === "points" || ind.rule.kind === "count") && min === undefined) min = 0;
  if (readByRule && ind.rule.kind === "points" && max === undefined) max = ind.max;
  if (input.type === "percent") return { min: min ?? 0, max: max ?? 1 };
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

function applies(node: ModelNode, unit: TemplateUnit, model: IndexModel): boolean {
  if (!node.appliesTo) return true;
  const cat = categoryId(unit.category, model);
  return cat !== undefined && node.appliesTo.includes(cat);
}

/**
 * Whether `node` is left out of the unit's points for its category alone: it does not apply, or
 * it is a group none of whose scored children (max above 0) counts (such a group is not available,
 * so its own parent is rescaled without it).
 */
function leftOutForCategory(node: ModelNode, unit: TemplateUnit, model: IndexModel): boolean {
  if (!applies(node, unit, model)) return true;
  if (node.kind !== "group") return false;
  const scored = node.children.flatMap((c) => {
    const child = model.nodes.get(c);
    return child && child.max !== undefined && child.max > 0 ? [child] : [];
  });
  return scored.length > 0 && scored.every((child) => leftOutForCategory(child, unit, model));
}

/**
 * How many groups of the unit's form a scoring will explain under its table as rescaled because
 * rows do not apply to the unit's category (the scoring's rescaled-group lines: a `sum` group
 * with a max, counted for the unit, some of whose scored children are left out for the category).
 * Rescaling a scoring finds in the figures (a "không áp dụng" typed in, a figure missing) is not
 * known here.
 */
function rescaledForCategory(unit: TemplateUnit, model: IndexModel): number {
  let count = 0;
  for (const node of model.nodes.values()) {
    if (node.kind !== "group" || node.def.aggregate !== "sum" || node.max === undefined || !(node.max > 0)) continue;
    if (leftOutForCategory(node, unit, model)) continue;
    const leftOut = node.children.some((c) => {
      const child = model.nodes.get(c);
      return child !== undefined && child.max !== undefined && child.max > 0 && leftOutForCategory(child, unit, model);
    });
    if (leftOut) count++;
  }
  return count;
}

/**
 * A category given as an id or as a name → the id, as the reader resolves it (case and diacritics
 * ignored: "CO-DVC", "so, ban, nganh co dich vu cong"); a category the index does not know stays as typed.
 */
function categoryId(category: string | undefined, model: IndexModel): string | undefined {
  if (category === undefined || category.trim() === "") return undefined;
  const c = category.trim();
  return resolveCategory(model, c) ?? c;
}

/** The category's name in `lang` (the reader accepts an id or a name); empty when the index has no categories. */
function categoryName(category: string | undefined, model: IndexModel, lang: Lang): string {
  if (!hasCategories(model)) return "";
  const id = categoryId(category, model);
  if (id === undefined) return "";
  const def = (model.definition.categories ?? []).find((c) => c.id === id);
  return def ? localize(def.name, lang) : id;
}

function hasCategories(model: IndexModel): boolean {
  return (model.definition.categories ?? []).length > 0;
}

/** A list validation's inline formula, or null when the options do not fit Excel's 255-character limit. */
function inlineList(values: string[]): string | null {
  if (values.some((v) => v.includes(",") || v.includes('"'))) return null;
  const joined = values.join(",");
  return joined.length <= 250 ? `"${joined}"` : null;
}

interface ListSource {
  /** Where long option lists are written, to be referenced by validations. */
  add(values: string[]): string;
}

/**
 * Where a form keeps the drop-down lists that do not fit an inline list (an option with a comma
 * or a quote, or more than Excel's 255 characters): a hidden column of the form itself, far right
 * of the table, from the first row under the table's header down. A form copied alone into
 * another workbook (collect, Excel's insert of sheets) keeps its lists; the reader looks only at
 * the table's columns, and the planner writes nothing there.
 */
export const FORM_LIST_COLUMN = 40; // AN
/** The first row of a form's list column: the row under the table's header (row 8). */
export const FORM_LIST_FIRST_ROW = HEADER_ROW + 1;

/**
 * The lists of one form sheet: each list (the same options once) in its own hidden, locked
 * column from `firstColumn` on, from `firstRow` down; `add` returns the validation's formula, an
 * absolute range on the sheet itself ("$AN$9:$AN$12").
 */
export function formLists(ws: ExcelJS.Worksheet, firstColumn = FORM_LIST_COLUMN, firstRow = FORM_LIST_FIRST_ROW): ListSource {
  const cache = new Map<string, string>();
  let next = firstColumn;
  return {
    add(values) {
      const key = JSON.stringify(values);
      const cached = cache.get(key);
      if (cached) return cached;
      const column = next++;
      values.forEach((v, i) => {
        const cell = ws.getCell(firstRow + i, column);
        // Written as text, never as a formula or a number: the list shows the options as typed.
        cell.value = v;
        cell.numFmt = "@";
      });
      const col = ws.getColumn(column);
      col.hidden = true;
      const letter = columnLetter(column);
      const ref = `$${letter}$${firstRow}:$${letter}$${firstRow + values.length - 1}`;
      cache.set(key, ref);
      return ref;
    },
  };
}

/** The answers the reader takes as not applicable that are English words (NOT_APPLICABLE_ANSWERS, folded). */
const ENGLISH_NOT_APPLICABLE = new Set(["n/a", "na", "not applicable"]);

/**
 * The not-applicable answers a number check lets through, kept in the form's hidden list column.
 * On a Vietnamese form: the words the forms ask for, with their diacritics ("Không áp dụng",
 * "N/A"), and every answer the reader takes as not applicable (NOT_APPLICABLE_ANSWERS, folded:
 * "KAD", "khong ap dung", "NA"…). On an English form, whose texts speak no Vietnamese: the word its
 * drop-downs offer ("N/A") first, then the other English answers the reader takes ("NA", "Not
 * applicable"). Excel's MATCH ignores case, as the reader does; it does not ignore diacritics,
 * hence both spellings of the Vietnamese words.
 */
export function notApplicableAnswers(lang: Lang): string[] {
  const words =
    lang === "vi"
      ? [NOT_APPLICABLE_TEXT.vi, NOT_APPLICABLE_TEXT.en, ...NOT_APPLICABLE_ANSWERS.map((w) => w.toUpperCase())]
      : [NOT_APPLICABLE_TEXT.en, ...NOT_APPLICABLE_ANSWERS.filter((w) => ENGLISH_NOT_APPLICABLE.has(w)).map((w) => w.toUpperCase())];
  const out: string[] = [];
  for (const word of words) {
    if (!out.some((o) => o.toLocaleUpperCase("vi") === word.toLocaleUpperCase("vi"))) out.push(word);
  }
  return out;
}

/**
 * A drop-down's check as a warning (Excel asks "Continue?", LibreOffice offers OK): a value typed
 * that is not in the list is kept once the user says so, for the reader takes more than the list
 * shows. `ask` says what the list holds, `others` the other ways of writing it the reader takes.
 */
function listWarning(lang: Lang, ask: string, others: string): Pick<ExcelJS.DataValidation, "showErrorMessage" | "errorStyle" | "errorTitle" | "error"> {
  return {
    showErrorMessage: true,
    errorStyle: "warning",
    errorTitle: lang === "vi" ? "Không có trong danh sách" : "Not in the list",
    error:
      lang === "vi"
        ? `${ask} Viết cách khác (${others}) vẫn được đọc; bước Kiểm tra báo ô nào không đọc được.`
        : `${ask} Written another way (${others}) it is read all the same; the check reports any cell it cannot read.`,
  };
}

/**
 * What Excel (and LibreOffice, as its input help) shows beside an input cell once it is selected:
 * what kind of answer to type there, before any is refused. `title` names the column (Excel cuts
 * a title at 32 characters, a prompt at 255).
 */
function inputPrompt(title: string, text: string): Pick<ExcelJS.DataValidation, "showInputMessage" | "promptTitle" | "prompt"> {
  return { showInputMessage: true, promptTitle: title.slice(0, 32), prompt: text.slice(0, 255) };
}

/** A bound as a message on the form writes it, in the form's language: 7,5 and 12,5% on a Vietnamese form, 7.5 and 12.5% on an English one. */
function boundText(x: number, percent: boolean, lang: Lang): string {
  return percent ? `${formatNumber(x * 100, lang)}%` : formatNumber(x, lang);
}

/** The range `min` … `max` as the form's messages say it ("từ 0 đến 7,5", "of 0 or more"); "" without bounds. */
function rangeText(min: number | undefined, max: number | undefined, percent: boolean, lang: Lang): string {
  const show = (x: number): string => boundText(x, percent, lang);
  if (min !== undefined && max !== undefined) return lang === "vi" ? `từ ${show(min)} đến ${show(max)}` : `from ${show(min)} to ${show(max)}`;
  if (min !== undefined) return lang === "vi" ? `từ ${show(min)} trở lên` : `of ${show(min)} or more`;
  if (max !== undefined) return lang === "vi" ? `từ ${show(max)} trở xuống` : `of ${show(max)} or less`;
  return "";
}

function validationFor(
  input: ResolvedInput,
  ind: IndicatorModel,
  options: string[] | undefined,
  address: string,
  lang: Lang,
  lists: ListSource,
  title: string,
): ExcelJS.DataValidation | null {
  const na = ind.def.allowNA;
  // The not-applicable answer the form offers: on a Vietnamese form in both spellings the reader
  // takes, its own first; on an English form "N/A" alone, for its English texts speak no
  // Vietnamese (the reader still takes “Không áp dụng” typed there; the number check of an English
  // form lets through the English answers only, notApplicableAnswers).
  const naWords = lang === "vi" ? [NOT_APPLICABLE_TEXT.vi, NOT_APPLICABLE_TEXT.en] : [NOT_APPLICABLE_TEXT.en];
  const naText = lang === "vi" ? `, hoặc ghi “${naWords[0]}” (hay “${naWords[1]}”)` : `, or “${naWords[0]}”`;
  if (input.type === "choice" && options) {
    const values = na ? [...options, ...naWords.filter((w) => !options.some((o) => o.toUpperCase() === w.toUpperCase()))] : options;
    const formula = inlineList(values) ?? lists.add(values);
    const ask = lang === "vi" ? `Chọn một giá trị trong danh sách${na ? naText : ""}.` : `Pick a value from the list${na ? naText : ""}.`;
    // The reader takes an option's aliases and any spelling without diacritics ("mot phan"): a
    // stop would refuse them, so a value typed outside the list is questioned, not refused.
    return {
      type: "list",
      allowBlank: true,
      formulae: [formula],
      ...inputPrompt(title, ask),
      ...listWarning(lang, ask, lang === "vi" ? "không dấu, chữ hoa hay thường, tên gọi khác của lựa chọn" : "without diacritics, in upper or lower case, another name of the choice"),
    };
  }
  if (input.type === "boolean") {
    const values = [L.yes[lang], L.no[lang], ...(na ? naWords : [])];
    const ask = lang === "vi" ? `Chọn Có hoặc Không${na ? naText : ""}.` : `Pick Yes or No${na ? naText : ""}.`;
    // The reader also takes co / khong, x, đạt / không đạt, yes / no, 1 / 0: questioned, not refused
    // (an English form names only the English ways of writing them).
    return {
      type: "list",
      allowBlank: true,
      formulae: [`"${values.join(",")}"`],
      ...inputPrompt(title, ask),
      ...listWarning(lang, ask, lang === "vi" ? "co / khong, đạt / không đạt, x, 1 / 0, yes / no" : "yes / no in upper or lower case, x, 1 / 0"),
    };
  }
  if (input.type === "text") return null;
  const { min, max } = bounds(input, ind);
  const whole = input.type === "integer";
  const percent = input.type === "percent";
  const range = rangeText(min, max, percent, lang);
  const kind = percent
    ? lang === "vi"
      ? "tỷ lệ phần trăm"
      : "a percentage"
    : whole
      ? lang === "vi"
        ? "một số nguyên"
        : "a whole number"
      : lang === "vi"
        ? "một số"
        : "a number";
  const sentence = (example: string): string =>
    lang === "vi" ? `Nhập ${kind}${range ? " " + range : ""}${example}${na ? naText : ""}.` : `Type ${kind}${range ? " " + range : ""}${example}${na ? naText : ""}.`;
  // A percentage typed with its sign is one in Excel and LibreOffice alike: the prompt shows one
  // (within the bounds), the refusal repeats the rule only.
  const sample = 0.85;
  const example = percent && (min ?? 0) <= sample && sample <= (max ?? 1) ? (lang === "vi" ? ` (ví dụ ${boundText(sample, true, lang)})` : ` (e.g. ${boundText(sample, true, lang)})`) : "";
  const base = {
    allowBlank: true,
    ...inputPrompt(title, sentence(example)),
    showErrorMessage: true,
    errorStyle: "stop" as const,
    errorTitle: lang === "vi" ? "Số liệu không hợp lệ" : "Invalid value",
    error: sentence(""),
  };
  if (na) {
    // A number check would refuse "N/A" and "Không áp dụng": a formula accepts a number within
    // the bounds, or any not-applicable answer the reader takes, in any case (MATCH ignores it),
    // looked up in a list kept on the form (no array constant: Excel allows none in a check). The
    // number's checks run only on a number: INT of a text is an error, which would refuse all.
    const checks: string[] = [];
    if (whole) checks.push(`INT(${address})=${address}`);
    if (min !== undefined) checks.push(`${address}>=${min}`);
    if (max !== undefined) checks.push(`${address}<=${max}`);
    const number = checks.length === 0 ? "TRUE" : checks.length === 1 ? checks[0]! : `AND(${checks.join(",")})`;
    const words = lists.add(notApplicableAnswers(lang));
    return { ...base, type: "custom", formulae: [`IF(ISNUMBER(${address}),${number},ISNUMBER(MATCH(TRIM(${address}),${words},0)))`] };
  }
  const type = whole ? "whole" : "decimal";
  if (min !== undefined && max !== undefined) return { ...base, type, operator: "between", formulae: [min, max] };
  if (min !== undefined) return { ...base, type, operator: "greaterThanOrEqual", formulae: [min] };
  if (max !== undefined) return { ...base, type, operator: "lessThanOrEqual", formulae: [max] };
  return { ...base, type, operator: "between", formulae: [-1e15, 1e15] };
}

/**
 * An input's name with its unit, both in the form's language: "Tuổi thọ trung bình (năm)", "Life
 * expectancy at birth (years)". A name whose last brackets already end with the unit ("GNI bình
 * quân đầu người (USD PPP 2017)") does not get it twice.
 */
export function inputLabel(input: ResolvedInput, lang: Lang): string {
  return withUnit(normalizeText(localize(input.name, lang)) || input.code, input, lang);
}

/**
 * `label` followed by `input`'s unit of measure in brackets ("… (văn bản)"), unless it ends with
 * it already; a percentage that names no unit is said to be one ("… (%)").
 */
function withUnit(label: string, input: ResolvedInput, lang: Lang): string {
  const unit = normalizeText(unitText(input.unit, lang)) || (input.type === "percent" ? "%" : "");
  if (unit === "") return label;
  const folded = (t: string): string => t.toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();
  const last = /\(([^()]*)\)$/.exec(label)?.[1];
  if (last !== undefined && folded(last).endsWith(folded(unit))) return label;
  return `${label} (${unit})`;
}

/** The height of the row left for the signatures and the unit's seal under a form's table, in points. */
const SIGNATURE_ROOM = 90;

/**
 * Under a form's table, where the printed form is signed and stamped (FORM_SIGNATURE, as
 * Vietnamese administrative forms end), from the row after `firstRow` (the first under the table,
 * or one further down where room is left above it for a scoring's lines; left empty): the place
 * and date line over the right block; the
 * blocks of who prepared the form (under `Nội dung`, column `left`) and of the head of the unit
 * (across the `right` columns, `Minh chứng` to `Điểm`, merged), each its title, what to write
 * there, the room to sign (and stamp) and a line for the full name. Within the table's columns,
 * so that the form prints as wide as its table; no code in column `Mã`, so the reader passes it
 * by. Locked, as the sheet is: it is filled in by hand, on paper.
 */
function writeFormFoot(ws: ExcelJS.Worksheet, firstRow: number, columns: { left: number; right: [number, number] }, lang: Lang): void {
  const lines: { left?: Message; right: Message; style: Partial<ExcelJS.Font> }[] = [
    { right: FORM_SIGNATURE.placeDate, style: { italic: true } },
    { left: FORM_SIGNATURE.preparedBy, right: FORM_SIGNATURE.head, style: { bold: true } },
    { left: FORM_SIGNATURE.preparedByHint, right: FORM_SIGNATURE.headHint, style: { italic: true } },
  ];
  const center: Partial<ExcelJS.Alignment> = { horizontal: "center", vertical: "middle" };
  const [from, to] = columns.right;
  const put = (row: number, column: number, text: string, style: Partial<ExcelJS.Font>) => {
    const cell = ws.getCell(row, column);
    cell.value = text;
    cell.numFmt = "@";
    cell.font = font(style);
    cell.alignment = center;
  };
  let row = firstRow + 1;
  for (const line of [...lines, undefined, { left: FORM_SIGNATURE.nameLine, right: FORM_SIGNATURE.nameLine, style: {} }]) {
    if (line === undefined) {
      // The room for the signatures, and the head's seal over theirs.
      ws.getRow(row++).height = SIGNATURE_ROOM;
      continue;
    }
    if (to > from) ws.mergeCells(row, from, row, to);
    put(row, from, line.right[lang], line.style);
    if (line.left) put(row, columns.left, line.left[lang], line.style);
    row++;
  }
}

/** Write one unit's layout-A sheet. */
async function writeUnitSheet(
  ws: ExcelJS.Worksheet,
  model: IndexModel,
  unit: TemplateUnit,
  options: TemplateOptions,
  choices: Map<string, string[]>,
  lists: ListSource,
  record?: string,
): Promise<void> {
  const { lang } = options;
  const def = model.definition;
  const { keys: columns, col: COL } = tableColumns(model);
  const widthOf = (col: number): number => {
    const key = columns[col - 1];
    return key !== undefined ? WIDTH[key] : 12;
  };
  // A unit some of whose rows do not apply to its category is told, on a line of its own, what the grey rows mean for its points.
  const someNotApplicable = [...model.nodes.values()].some((node) => !applies(node, unit, model));
  // The not-applicable answer is spoken of only on a form with an indicator that takes it (none of the HDI's does).
  const takesNotApplicable = [...model.nodes.values()].some((node) => node.kind === "indicator" && node.def.allowNA && applies(node, unit, model));
  const instructionText = [
    [(COL.self !== undefined ? L.instruction : L.instructionNoPoints)[lang], ...(takesNotApplicable ? [L.instructionNotApplicable[lang]] : [])].join(" "),
    ...(someNotApplicable ? [notApplicableRowsInstruction(lang, givesPoints(model), hasCategories(model) && categoryId(unit.category, model) === undefined)] : []),
  ].join("\n");
  const header: [string, string][] = [
    [L.unit[lang], unit.name],
    [L.unitCode[lang], unit.code],
    // An index without categories has no Nhóm line (the reader needs none): an id shown there
    // would only puzzle the unit.
    ...(hasCategories(model) ? [[L.category[lang], categoryName(unit.category, model, lang)] as [string, string]] : []),
    [L.index[lang], `${def.id}@${def.version}`],
    [L.period[lang], options.period ?? ""],
  ];
  header.forEach(([label, value], i) => {
    const a = ws.getCell(i + 1, 1);
    a.value = label;
    a.font = font({ bold: true });
    const b = ws.getCell(i + 1, 2);
    // Text from users is written as text, never as a formula.
    b.value = value;
    b.numFmt = "@";
  });
  if (record !== undefined) {
    // The definition the form is made from, by its hash, in a hidden locked cell of the Bộ chỉ số
    // row (far right, where the lists live): the form names a built-in's id@version but is made
    // from an adapted copy of it, and is never scored with the built-in (formsOfAdaptedBuiltin).
    // The reader looks only at the header block's columns and the table.
    const indexRow = header.findIndex(([label]) => label === L.index[lang]) + 1;
    const cell = ws.getCell(indexRow, FORM_LIST_COLUMN);
    cell.value = record;
    cell.numFmt = "@";
    ws.getColumn(FORM_LIST_COLUMN).hidden = true;
  }
  // Without a period given, the unit types it: the cell is an input cell like the table's.
  if (!options.period?.trim()) {
    const period = ws.getCell(header.length, 2);
    period.protection = { locked: false };
    period.fill = { type: "pattern", pattern: "solid", fgColor: { argb: INPUT_FILL } };
  }
  // The unit's name wraps within its column (as wide as the table's Nội dung), its row as tall as
  // it takes: a long name never runs on under the summary the scoring writes right of it (D1).
  const nameCell = ws.getCell(1, 2);
  nameCell.font = font({ bold: true, size: 13 });
  nameCell.alignment = { wrapText: true, vertical: "top" };
  ws.getCell(1, 1).alignment = { vertical: "top" };
  const nameLine = { text: unit.name, width: widthOf(COL.item), bold: true, size: 13 };
  const nameHeight = wrappedHeight([nameLine]);
  ws.getRow(1).height = nameHeight > wrappedHeight([{ ...nameLine, text: "a" }]) ? nameHeight : 20;
  const help = ws.getCell(6, 1);
  help.value = instructionText;
  help.font = font({ italic: true, color: { argb: "FF595959" } });
  ws.mergeCells(6, 1, 6, COL.score);
  help.alignment = { wrapText: true, vertical: "top" };
  // Two lines at least for each line of it: across a merged row of this width the estimate is
  // close, and LibreOffice (its fallback for Calibri, in italic) wraps the line of either language
  // onto a second one.
  const instruction = { text: instructionText, width: columns.reduce((a, k) => a + WIDTH[k], 0) };
  const lineCount = instructionText.split("\n").length;
  ws.getRow(6).height = Math.max(wrappedHeight([instruction]), wrappedHeight([{ ...instruction, text: Array.from({ length: 2 * lineCount }, () => "a").join("\n") }]));

  const headerRow = ws.getRow(HEADER_ROW);
  const titles = columns.map((k) => L.columns[k][lang]);
  titles.forEach((title, i) => {
    const c = headerRow.getCell(i + 1);
    c.value = title;
    c.font = font({ bold: true, color: { argb: "FFFFFFFF" } });
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    c.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    c.border = { bottom: { style: "thin" } };
  });
  headerRow.height = Math.max(30, wrappedHeight(titles.map((text, i) => ({ text, width: widthOf(i + 1), bold: true }))));

  const thin = { style: "thin" as const, color: { argb: "FFBFBFBF" } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  // Every cell of the table sits at the top of its row, so a code, its text and its figures line
  // up when a row is taller than one line; the cells that take text wrap inside their column.
  const top: Partial<ExcelJS.Alignment> = { vertical: "top" };
  const wrapTop: Partial<ExcelJS.Alignment> = { vertical: "top", wrapText: true };
  /** What each row shows (or may be given) that wraps: the row is made tall enough for it. */
  const wrapped = new Map<ExcelJS.Row, WrappedCell[]>();
  const wraps = (row: ExcelJS.Row, cell: WrappedCell): void => {
    wrapped.set(row, [...(wrapped.get(row) ?? []), cell]);
  };
  let r = HEADER_ROW + 1;
  const unlock = (cell: ExcelJS.Cell, fill: string): void => {
    cell.protection = { locked: false };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
  };
  const lineFor = (
    code: string,
    name: string,
    depth: number,
    max: number | undefined,
    style: { bold?: boolean; italic?: boolean },
    description?: string,
  ): ExcelJS.Row => {
    const row = ws.getRow(r++);
    for (let c = 1; c <= COL.score; c++) {
      const cell = row.getCell(c);
      cell.border = border;
      cell.alignment = top;
      if (style.bold) cell.font = font({ bold: true });
    }
    const codeCell = row.getCell(COL.code);
    codeCell.value = code;
    codeCell.numFmt = "@";
    const item = row.getCell(COL.item);
    const itemFont = font({ ...(style.bold ? { bold: true } : {}), ...(style.italic ? { italic: true } : {}) });
    // The node's description (how it is scored) under its name, smaller and grey, in the cell
    // itself: shown on screen and on paper in Excel and LibreOffice alike (a note would print nowhere).
    item.value = description ? { richText: [{ text: name, font: itemFont }, { text: `\n${description}`, font: DESCRIPTION_FONT }] } : name;
    const indent = Math.max(0, depth);
    // An indent shows only with left alignment (Excel and LibreOffice both ignore it otherwise).
    item.alignment = { ...wrapTop, horizontal: "left", indent };
    if (style.italic) item.font = itemFont;
    wraps(row, {
      text: name,
      width: widthOf(COL.item) - indent * INDENT_WIDTH,
      bold: style.bold ?? false,
      ...(description ? { below: [{ text: description, size: DESCRIPTION_SIZE }] } : {}),
    });
    if (max !== undefined && COL.max !== undefined) {
      const cell = row.getCell(COL.max);
      cell.value = max;
      cell.numFmt = maxPointsFormat(max);
    }
    return row;
  };
  const fillInputCells = (row: ExcelJS.Row, input: ResolvedInput, ind: IndicatorModel): void => {
    const options = input.type === "choice" ? choices.get(input.code) : undefined;
    for (const col of [COL.value, COL.appraised]) {
      const cell = row.getCell(col);
      unlock(cell, col === COL.value ? INPUT_FILL : APPRAISAL_FILL);
      cell.alignment = wrapTop;
      if (input.type === "percent") cell.numFmt = percentFormat(model, input, ind);
      else if (input.type === "integer") cell.numFmt = "#,##0";
      else if (input.type === "text" || input.type === "choice" || input.type === "boolean") cell.numFmt = "@";
      const v = validationFor(input, ind, options, cell.address, lang, lists, L.columns[col === COL.value ? "value" : "appraised"][lang]);
      if (v) cell.dataValidation = v;
      // The longest choice must show whole once picked: the row is sized for it now.
      for (const option of options ?? []) wraps(row, { text: option, width: widthOf(col) });
    }
  };
  const fillIndicatorCells = (row: ExcelJS.Row, ind: IndicatorModel): void => {
    // An indicator worth no points (max 0: tracked, not scored) has nothing to self-score: its
    // `Tự chấm` cell stays locked and unshaded, as a group's (the reader takes a blank as no self score).
    const self = COL.self !== undefined && ind.max !== 0 ? row.getCell(COL.self) : undefined;
    if (self) unlock(self, INPUT_FILL);
    if (self && ind.max !== undefined) {
      const max = formatNumber(ind.max, lang);
      self.dataValidation = {
        type: "decimal",
        operator: "between",
        allowBlank: true,
        formulae: [0, ind.max],
        ...inputPrompt(L.columns.self[lang], lang === "vi" ? `Nhập số điểm đơn vị tự chấm, từ 0 đến ${max}.` : `Type the points the unit gives itself, from 0 to ${max}.`),
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: lang === "vi" ? "Điểm tự chấm không hợp lệ" : "Invalid self score",
        error: lang === "vi" ? `Nhập số điểm từ 0 đến ${max}.` : `Type points from 0 to ${max}.`,
      };
    }
    const evidence = row.getCell(COL.evidence);
    unlock(evidence, INPUT_FILL);
    evidence.alignment = wrapTop;
    if (ind.def.evidence === "required") {
      evidence.note = lang === "vi" ? "Bắt buộc có minh chứng (số hiệu, ngày, trích yếu văn bản hoặc đường dẫn)." : "Evidence is required (document number, date and title, or a link).";
    }
    const note = row.getCell(COL.note);
    unlock(note, INPUT_FILL);
    note.alignment = wrapTop;
  };
  const greyOut = (row: ExcelJS.Row): void => {
    for (let c = COL.value; c <= COL.note; c++) row.getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: NA_FILL } };
    const note = row.getCell(COL.note);
    note.value = L.notApplicable[lang];
    note.font = font({ italic: true, color: { argb: "FF808080" } });
    note.alignment = wrapTop;
    wraps(row, { text: L.notApplicable[lang], width: widthOf(COL.note) });
  };

  for (const node of model.nodes.values()) {
    const name = localize(node.name, lang);
    const description = node.def.description ? localize(node.def.description, lang).normalize("NFC").trim() : "";
    if (node.kind === "group") {
      const row = lineFor(node.code, name, node.depth, node.max, { bold: true }, description);
      for (let c = 1; c <= COL.score; c++) row.getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: GROUP_FILL } };
      if (!applies(node, unit, model)) greyOut(row);
      continue;
    }
    // A row for every node and input even where the indicator does not apply to the unit's
    // category: the reader expects them, and a unit moved to another category keeps its form.
    const ok = applies(node, unit, model);
    // An input that takes the indicator's own code is typed on the indicator's row (its only row
    // with that code: the reader reads the first row of a code); the other inputs get rows of their own.
    const own = node.inputs.find((i) => i.code === node.code);
    // The indicator's row names the unit of measure of the input typed on it, as an input's own row does.
    const row = lineFor(node.code, own ? withUnit(name, own, lang) : name, node.depth, node.max, {}, description);
    if (ok) fillIndicatorCells(row, node);
    else greyOut(row);
    if (own && ok) fillInputCells(row, own, node);
    for (const input of node.inputs) {
      if (input === own) continue;
      const irow = lineFor(input.code, inputLabel(input, lang), node.depth + 1, undefined, { italic: true });
      if (ok) fillInputCells(irow, input, node);
      else for (let c = COL.value; c <= COL.note; c++) irow.getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: NA_FILL } };
    }
  }
  // Readers keep the default height of a row the file leaves unset, whatever wraps in it.
  for (const [row, cells] of wrapped) {
    const height = wrappedHeight(cells);
    if (height > wrappedHeight([])) row.height = height;
  }
  // Room under the table, above the signatures, for the lines a scoring writes on the groups
  // rescaled for the unit's category (one a group, an empty row above and under them, as the
  // scoring looks for it: sheet-edits' rescaledNotesPlace), so that on paper they explain the
  // table under it, before the place, date and signatures, not after them.
  const rescaled = rescaledForCategory(unit, model);
  writeFormFoot(ws, rescaled > 0 ? r + rescaled + 1 : r, { left: COL.item, right: [COL.evidence, COL.score] }, lang);

  ws.columns.forEach((col, i) => {
    col.width = i < columns.length ? widthOf(i + 1) : 12;
  });
  ws.getColumn(COL.score).numFmt = "#,##0.00";
  ws.views = [{ state: "frozen", xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `D${HEADER_ROW + 1}` }];
  ws.pageSetup = {
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    paperSize: 9,
    printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    margins: MARGINS,
    // No notes printed: a blank form's only notes, on the Minh chứng cells evidence is required
    // for, show on screen where the evidence is typed; printed, they would add a page of notes
    // after each form.
  };
  // Every printed page names the index and period at the top, the form's unit (by its full name:
  // the sheet's is cut at 31 characters) and the page at the foot: the pages of twenty forms
  // printed together can be sorted back.
  setPageTexts(ws, templatePageHeader(model, options), sheetFooter(lang));
  // Protected without a password: the structure stays put while the unit types, and an
  // official who needs to change the form can still unprotect it.
  await ws.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: false,
    // The Minh chứng cells take a link to the evidence (Insert > Link, Ctrl+K): allowed, as typing is.
    insertHyperlinks: true,
    insertRows: false,
    deleteRows: false,
    sort: false,
    autoFilter: false,
  });
}

/**
 * The widest the instructions' `Đơn vị` column grows for a long name, in column units: about 140
 * characters of Vietnamese text on one line. A longer name still wraps in Excel (its row is tall
 * enough) but is cut in LibreOffice, which does not wrap a link.
 */
const HELP_NAME_WIDTH = 120;
/**
 * The widest unit table the instructions print on a portrait page (code 14, name up to 60 and
 * category up to 36, at about 93 % to fit the page's width); a wider one prints landscape.
 */
const HELP_PORTRAIT_WIDTH = 110;
/**
 * The share of the instructions' width their title is measured against, for its row's height:
 * LibreOffice (DejaVu Sans Bold for Calibri) draws the 14-point bold title about 5 % wider than
 * estimated (a line of 11 points as wide as estimated). A row a line too tall is better than a
 * line cut off.
 */
const TITLE_WRAP_SHARE = 0.92;

function writeHelpSheet(ws: ExcelJS.Worksheet, model: IndexModel, units: { unit: TemplateUnit; sheet: string }[], options: TemplateOptions): void {
  const { lang } = options;
  const def = model.definition;
  const withCategories = hasCategories(model);
  // An index of values only (the HDI): no self score, and the Điểm column shows each row's value.
  const points = givesPoints(model);
  const lines: string[] =
    lang === "vi"
      ? [
          `Phiếu tự đánh giá — ${localize(def.name, "vi")} (${def.id}@${def.version})`,
          // The periods as the results name them: a scoring run writes this line again (instructionsPeriodLine).
          periodText(options.period !== undefined ? [options.period] : [], "vi"),
          "",
          "Mỗi trang tính là phiếu của một đơn vị. Đơn vị nhập vào các ô nền vàng:",
          "• Số liệu: con số, tỷ lệ (%) hoặc lựa chọn trong danh sách thả xuống.",
          ...(points ? ["• Tự chấm: số điểm đơn vị tự đánh giá cho chỉ tiêu."] : []),
          "• Minh chứng: số hiệu, ngày, trích yếu văn bản hoặc đường dẫn đến tài liệu kiểm chứng.",
          "• Ghi chú: giải trình nếu cần.",
          "Cột Số liệu thẩm định (nền xanh) do Hội đồng thẩm định điền; khi có, số liệu này thay cho Số liệu của đơn vị.",
          points
            ? "Cột Điểm do công cụ chấm điểm tự điền; không nhập vào cột này."
            : "Cột Điểm do công cụ tự điền giá trị tính được của từng dòng (bộ chỉ số này không tính điểm); không nhập vào cột này.",
          "Trang tính được khóa (không đặt mật khẩu) để giữ nguyên cấu trúc phiếu.",
          "Cuối mỗi phiếu, dưới bảng, có dòng địa điểm, ngày tháng và chỗ ký: in phiếu đã điền để người lập biểu và thủ trưởng đơn vị ký, ghi rõ họ tên (thủ trưởng đóng dấu).",
          "",
          "Danh sách đơn vị:",
        ]
      : [
          `Self-assessment form — ${localize(def.name, "en")} (${def.id}@${def.version})`,
          // The periods as the results name them: a scoring run writes this line again (instructionsPeriodLine).
          periodText(options.period !== undefined ? [options.period] : [], "en"),
          "",
          "Each sheet is one unit's form. Units type into the yellow cells:",
          "• Value: a figure, a percentage or a choice from the drop-down list.",
          ...(points ? ["• Self score: the points the unit gives itself for the indicator."] : []),
          "• Evidence: number, date and title of the supporting document, or a link to it.",
          "• Note: explanations where needed.",
          "The blue Appraised value column is for the appraisal council; when filled, it replaces the unit's Value.",
          points
            ? "The Score column is filled in by the scoring tool; do not type into it."
            : "The Score column is filled in by the tool with each row's computed value (this index gives no points); do not type into it.",
          "Sheets are protected (without a password) to keep the form's structure.",
          "Each form ends, under its table, with a place and date line and room to sign: print the filled form for the person who prepared it and the head of unit to sign with their full names (the head adds the unit's seal).",
          "",
          "Units:",
        ];
  const heads = [L.unitCode[lang], L.unit[lang], ...(withCategories ? [L.category[lang]] : [])];
  const rows = units.map(({ unit }) => [unit.code, unit.name, ...(withCategories ? [categoryName(unit.category, model, lang)] : [])]);
  // The unit table sets the columns; the text above spans all of them (at least a portrait page's
  // width) and wraps there, so nothing runs off the printed page. The `Đơn vị` column is as wide as
  // the longest name: a name is a link, and LibreOffice draws a link on one line whatever the
  // cell's wrapping (cut at the column's edge, on screen and on paper), where Excel wraps it.
  const widths = heads.map((h, i) => fitWidth([h, ...rows.map((row) => row[i] ?? "")], i === 1 ? 32 : 14, i === 1 ? HELP_NAME_WIDTH : 36, true));
  const TEXT_WIDTH = 90;
  const total = widths.reduce((a, b) => a + b, 0);
  if (total < TEXT_WIDTH) widths[1] = (widths[1] ?? 0) + TEXT_WIDTH - total;
  const span = widths.reduce((a, b) => a + b, 0);
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });

  lines.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    const title = i === 0;
    cell.font = font(title ? { bold: true, size: 14 } : {});
    cell.alignment = { wrapText: true, vertical: "top" };
    ws.mergeCells(i + 1, 1, i + 1, heads.length);
    const height = wrappedHeight([{ text: line, width: title ? span * TITLE_WRAP_SHARE : span, bold: title, size: title ? 14 : 11 }]);
    if (title || height > wrappedHeight([])) ws.getRow(i + 1).height = height;
  });
  let r = lines.length + 1;
  heads.forEach((h, i) => {
    const c = ws.getCell(r, i + 1);
    c.value = h;
    c.font = font({ bold: true });
  });
  for (const [k, { sheet }] of units.entries()) {
    r++;
    const [code, name, category] = rows[k]!;
    ws.getCell(r, 1).value = code ?? "";
    const link = ws.getCell(r, 2);
    // A link to the form (an internal link once written: internalLinksIn). The sheet name is the
    // unit's text, quoted as a sheet reference: it is never a formula.
    link.value = { text: name ?? "", hyperlink: `#'${sheet.replace(/'/g, "''")}'!A1` };
    link.font = font({ color: { argb: "FF0563C1" }, underline: true });
    if (withCategories) ws.getCell(r, 3).value = category ?? "";
    for (let c = 1; c <= heads.length; c++) ws.getCell(r, c).alignment = { wrapText: true, vertical: "top" };
    const height = wrappedHeight(rows[k]!.map((text, i) => ({ text, width: widths[i] ?? 14 })));
    if (height > wrappedHeight([])) ws.getRow(r).height = height;
  }
  // A table wider than a portrait page takes (a unit of a long name) prints across a landscape one,
  // rather than shrunk to fit a portrait page's width.
  const orientation = span > HELP_PORTRAIT_WIDTH ? "landscape" : "portrait";
  ws.pageSetup = { paperSize: 9, orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: MARGINS };
  setPageTexts(ws, templatePageHeader(model, options), sheetFooter(lang));
}

/**
 * The printed header of a template's sheets: the index's name, and the period when the template
 * gives one. A scoring run writes them again: a form's from the period the form states
 * (formPageHeader), the instructions sheet's from the periods the results sheet names (planResults).
 */
function templatePageHeader(model: IndexModel, options: TemplateOptions): { center?: string } {
  return formPageHeader(localize(model.definition.name, options.lang), options.period, options.lang);
}

/**
 * The model with every text of its definition in NFC: a definition saved by an editor in NFD
 * ("Hạ tầng" as letters and combining marks) would otherwise put NFD names, options, notes and
 * titles on the forms, which some fonts draw apart and searches miss.
 */
function composed(model: IndexModel): IndexModel {
  const json = JSON.stringify(model.definition);
  const nfc = json.normalize("NFC");
  if (nfc === json) return model;
  const parsed = parseDefinition(JSON.parse(nfc) as unknown);
  return parsed.ok ? parsed.model : model;
}

/** The template workbook: an instructions sheet, then one layout-A sheet per unit. */
export async function makeTemplate(given: IndexModel, units: TemplateUnit[], options: TemplateOptions): Promise<Uint8Array> {
  const model = composed(given);
  const wb = new ExcelJS.Workbook();
  // Made and saved by DTI Scorer (ExcelJS would write "Unknown" as who saved it last).
  wb.creator = "DTI Scorer";
  wb.lastModifiedBy = "DTI Scorer";
  const helpName = L.sheetHelp[options.lang];
  const help = wb.addWorksheet(helpName);
  // The sheets a scoring run adds, in either language, are not given to a unit named so ("Kết
  // quả"): the run would have to write its results beside it, as "Kết quả (2)", every time.
  const taken = new TakenSheetNames([helpName, ...Object.values(SHEET_NAMES).flatMap((n) => [n.vi, n.en])]);
  const choices = choiceOptions(model, options.lang);
  // Only a definition that takes a built-in's id and version with other content needs its forms
  // to say which definition they were made from: the others' forms name it unmistakably.
  const record = builtinOfSameName(model.definition, BUILTIN_INDICES) ? FORM_DEFINITION_PREFIX + definitionHash(model.definition) : undefined;
  const placed: { unit: TemplateUnit; sheet: string }[] = [];
  for (const unit of units) {
    const sheet = uniqueSheetName(unit.name || unit.code, taken);
    const ws = wb.addWorksheet(sheet, { properties: { tabColor: { argb: "FF2E75B6" } } });
    // Option lists that cannot be written inline live on the form itself, so it stands alone.
    await writeUnitSheet(ws, model, unit, options, choices, formLists(ws), record);
    placed.push({ unit, sheet });
  }
  writeHelpSheet(help, model, placed, options);
  // Written with the repairs of finish.ts: the links to the forms become internal links.
  return writeWorkbook(wb);
}
