/**
 * Self-assessment templates ("phiếu tự đánh giá"): one layout-A sheet per unit, with drop-down
 * lists, number checks, shaded input cells and the rest protected (without a password, so an
 * official can still unprotect it when the form needs a change).
 */
import ExcelJS from "exceljs";
import { uniqueSheetName } from "../../core/collect";
import type { IndexModel, IndicatorModel, ModelNode, ResolvedInput } from "../../core/definition/model";
import { type Lang, localize } from "../../core/i18n/text";
import { wrappedHeight, wrappedLines } from "../../core/plan/layout";

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

const L = {
  sheetHelp: { vi: "Hướng dẫn", en: "Instructions" },
  unit: { vi: "Đơn vị", en: "Unit" },
  unitCode: { vi: "Mã đơn vị", en: "Unit code" },
  category: { vi: "Nhóm", en: "Category" },
  index: { vi: "Bộ chỉ số", en: "Index" },
  period: { vi: "Kỳ đánh giá", en: "Period" },
  columns: {
    vi: ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Số liệu thẩm định", "Tự chấm", "Minh chứng", "Ghi chú", "Điểm"],
    en: ["Code", "Item", "Max points", "Value", "Appraised value", "Self score", "Evidence", "Note", "Score"],
  },
  instruction: {
    vi: "Nhập số liệu vào các ô nền vàng (Số liệu, Tự chấm, Minh chứng, Ghi chú); cột Số liệu thẩm định (nền xanh) dành cho Hội đồng thẩm định. Không sửa cột Mã. Ghi “N/A” ở chỉ tiêu được phép không áp dụng.",
    en: "Type into the yellow cells (Value, Self score, Evidence, Note); the blue Appraised value column is for the appraisal council. Do not change the Code column. Type “N/A” where an indicator may be not applicable.",
  },
  notApplicable: { vi: "Không áp dụng với nhóm đơn vị này", en: "Not applicable to this category of unit" },
  yes: { vi: "Có", en: "Yes" },
  no: { vi: "Không", en: "No" },
};

/** Columns of the table, 1-based. */
const COL = { code: 1, item: 2, max: 3, value: 4, appraised: 5, self: 6, evidence: 7, note: 8, score: 9 } as const;
const HEADER_ROW = 8;
/** Column widths, in the order of COL. */
const WIDTHS = [12, 60, 11, 14, 14, 11, 36, 24, 10];
/** Column units an indent level takes. */
const INDENT_WIDTH = 1.5;

function colLetter(c: number): string {
  let s = "";
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The options of the choice rule that reads each input. */
function choiceOptions(model: IndexModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const node of model.nodes.values()) {
    if (node.kind === "indicator" && node.rule.kind === "choice") {
      const input = node.ruleInputs[0];
      if (input !== undefined) out.set(input, node.rule.options.map((o) => o.value));
    }
  }
  return out;
}

/** The bounds a value must keep: the input's min/max, or for a self-scored points rule 0 … max. */
function bounds(input: ResolvedInput, ind: IndicatorModel): { min?: number; max?: number } {
  const min = input.min;
  let max = input.max;
  if (ind.rule.kind === "points" && max === undefined && ind.ruleInputs.length === 1 && ind.ruleInputs[0] === input.code) max = ind.max;
  if (input.type === "percent") return { min: min ?? 0, max: max ?? 1 };
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

function applies(node: ModelNode, unit: TemplateUnit, model: IndexModel): boolean {
  if (!node.appliesTo) return true;
  const cat = categoryId(unit.category, model);
  return cat !== undefined && node.appliesTo.includes(cat);
}

/** A category given as an id or as a name → the id. */
function categoryId(category: string | undefined, model: IndexModel): string | undefined {
  if (category === undefined || category.trim() === "") return undefined;
  const c = category.trim();
  for (const def of model.definition.categories ?? []) {
    if (def.id === c || localize(def.name, "vi") === c || localize(def.name, "en") === c) return def.id;
  }
  return c;
}

function categoryName(category: string | undefined, model: IndexModel, lang: Lang): string {
  const id = categoryId(category, model);
  if (id === undefined) return "";
  const def = (model.definition.categories ?? []).find((c) => c.id === id);
  return def ? localize(def.name, lang) : id;
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

function validationFor(
  input: ResolvedInput,
  ind: IndicatorModel,
  options: string[] | undefined,
  address: string,
  lang: Lang,
  lists: ListSource,
): ExcelJS.DataValidation | null {
  const na = ind.def.allowNA;
  const naText = lang === "vi" ? " hoặc N/A" : " or N/A";
  if (input.type === "choice" && options) {
    const values = na ? [...options, "N/A"] : options;
    const formula = inlineList(values) ?? lists.add(values);
    return {
      type: "list",
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: lang === "vi" ? "Giá trị không có trong danh sách" : "Not in the list",
      error: lang === "vi" ? "Chọn một giá trị trong danh sách." : "Pick a value from the list.",
    };
  }
  if (input.type === "boolean") {
    const values = [L.yes[lang], L.no[lang], ...(na ? ["N/A"] : [])];
    return {
      type: "list",
      allowBlank: true,
      formulae: [`"${values.join(",")}"`],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: lang === "vi" ? "Chỉ chọn Có hoặc Không" : "Yes or No only",
      error: lang === "vi" ? `Chọn Có hoặc Không${na ? naText : ""}.` : `Pick Yes or No${na ? naText : ""}.`,
    };
  }
  if (input.type === "text") return null;
  const { min, max } = bounds(input, ind);
  const whole = input.type === "integer";
  const show = (x: number): string => (input.type === "percent" ? `${Math.round(x * 1000) / 10}%` : String(x));
  const range =
    min !== undefined && max !== undefined
      ? lang === "vi"
        ? `từ ${show(min)} đến ${show(max)}`
        : `from ${show(min)} to ${show(max)}`
      : min !== undefined
        ? lang === "vi"
          ? `không nhỏ hơn ${show(min)}`
          : `at least ${show(min)}`
        : max !== undefined
          ? lang === "vi"
            ? `không lớn hơn ${show(max)}`
            : `at most ${show(max)}`
          : "";
  const kind = whole ? (lang === "vi" ? "một số nguyên" : "a whole number") : lang === "vi" ? "một số" : "a number";
  const error = lang === "vi" ? `Nhập ${kind}${range ? " " + range : ""}${na ? naText : ""}.` : `Type ${kind}${range ? " " + range : ""}${na ? naText : ""}.`;
  const base = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: "stop" as const,
    errorTitle: lang === "vi" ? "Số liệu không hợp lệ" : "Invalid value",
    error,
  };
  if (na) {
    // A number check would refuse "N/A": a formula accepts both.
    const checks = [`ISNUMBER(${address})`];
    if (whole) checks.push(`INT(${address})=${address}`);
    if (min !== undefined) checks.push(`${address}>=${min}`);
    if (max !== undefined) checks.push(`${address}<=${max}`);
    return { ...base, type: "custom", formulae: [`OR(AND(${checks.join(",")}),UPPER(TRIM(${address}))="N/A")`] };
  }
  const type = whole ? "whole" : "decimal";
  if (min !== undefined && max !== undefined) return { ...base, type, operator: "between", formulae: [min, max] };
  if (min !== undefined) return { ...base, type, operator: "greaterThanOrEqual", formulae: [min] };
  if (max !== undefined) return { ...base, type, operator: "lessThanOrEqual", formulae: [max] };
  return { ...base, type, operator: "between", formulae: [-1e15, 1e15] };
}

function inputLabel(input: ResolvedInput, lang: Lang): string {
  const name = localize(input.name, lang);
  const unit = input.unit ? ` (${input.unit})` : "";
  return (name || input.code) + unit;
}

/** Write one unit's layout-A sheet. */
async function writeUnitSheet(
  ws: ExcelJS.Worksheet,
  model: IndexModel,
  unit: TemplateUnit,
  options: TemplateOptions,
  choices: Map<string, string[]>,
  lists: ListSource,
): Promise<void> {
  const { lang } = options;
  const def = model.definition;
  const header: [string, string][] = [
    [L.unit[lang], unit.name],
    [L.unitCode[lang], unit.code],
    [L.category[lang], categoryName(unit.category, model, lang)],
    [L.index[lang], `${def.id}@${def.version}`],
    [L.period[lang], options.period ?? ""],
  ];
  header.forEach(([label, value], i) => {
    const a = ws.getCell(i + 1, 1);
    a.value = label;
    a.font = { bold: true };
    const b = ws.getCell(i + 1, 2);
    // Text from users is written as text, never as a formula.
    b.value = value;
    b.numFmt = "@";
  });
  ws.getCell(1, 2).font = { bold: true, size: 13 };
  const help = ws.getCell(6, 1);
  help.value = L.instruction[lang];
  help.font = { italic: true, color: { argb: "FF595959" } };
  ws.mergeCells(6, 1, 6, COL.score);
  help.alignment = { wrapText: true, vertical: "top" };
  ws.getRow(6).height = 32;

  const headerRow = ws.getRow(HEADER_ROW);
  L.columns[lang].forEach((title, i) => {
    const c = headerRow.getCell(i + 1);
    c.value = title;
    c.font = { bold: true, color: { argb: "FFFFFFFF" } };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    c.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    c.border = { bottom: { style: "thin" } };
  });
  headerRow.height = 30;

  const thin = { style: "thin" as const, color: { argb: "FFBFBFBF" } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  let r = HEADER_ROW + 1;
  const unlock = (cell: ExcelJS.Cell, fill: string): void => {
    cell.protection = { locked: false };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
  };
  const lineFor = (code: string, name: string, depth: number, max: number | undefined, bold: boolean): ExcelJS.Row => {
    const row = ws.getRow(r++);
    const codeCell = row.getCell(COL.code);
    codeCell.value = code;
    codeCell.numFmt = "@";
    const item = row.getCell(COL.item);
    item.value = name;
    item.alignment = { indent: Math.max(0, depth), wrapText: true, vertical: "top" };
    // A name that wraps needs a taller row: readers keep the default height of a row the file leaves unset.
    const room = (WIDTHS[COL.item - 1] ?? 60) - Math.max(0, depth) * INDENT_WIDTH;
    if (wrappedLines(name, room, bold) > 1) row.height = wrappedHeight([{ text: name, width: room, bold }]);
    if (max !== undefined) row.getCell(COL.max).value = max;
    for (let c = 1; c <= COL.score; c++) {
      const cell = row.getCell(c);
      cell.border = border;
      if (bold) cell.font = { bold: true };
    }
    return row;
  };
  const fillInputCells = (row: ExcelJS.Row, input: ResolvedInput, ind: IndicatorModel): void => {
    for (const col of [COL.value, COL.appraised]) {
      const cell = row.getCell(col);
      unlock(cell, col === COL.value ? INPUT_FILL : APPRAISAL_FILL);
      if (input.type === "percent") cell.numFmt = "0.0%";
      else if (input.type === "integer") cell.numFmt = "#,##0";
      else if (input.type === "text" || input.type === "choice" || input.type === "boolean") cell.numFmt = "@";
      const v = validationFor(input, ind, choices.get(input.code), cell.address, lang, lists);
      if (v) cell.dataValidation = v;
    }
  };
  const fillIndicatorCells = (row: ExcelJS.Row, ind: IndicatorModel): void => {
    unlock(row.getCell(COL.self), INPUT_FILL);
    const self = row.getCell(COL.self);
    if (ind.max !== undefined) {
      self.dataValidation = {
        type: "decimal",
        operator: "between",
        allowBlank: true,
        formulae: [0, ind.max],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: lang === "vi" ? "Điểm tự chấm không hợp lệ" : "Invalid self score",
        error: lang === "vi" ? `Nhập số điểm từ 0 đến ${ind.max}.` : `Type points from 0 to ${ind.max}.`,
      };
    }
    const evidence = row.getCell(COL.evidence);
    unlock(evidence, INPUT_FILL);
    evidence.alignment = { wrapText: true, vertical: "top" };
    if (ind.def.evidence === "required") {
      evidence.note = lang === "vi" ? "Bắt buộc có minh chứng (số hiệu, ngày, trích yếu văn bản hoặc đường dẫn)." : "Evidence is required (document number, date and title, or a link).";
    }
    unlock(row.getCell(COL.note), INPUT_FILL);
  };
  const greyOut = (row: ExcelJS.Row): void => {
    for (let c = COL.value; c <= COL.note; c++) row.getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: NA_FILL } };
    row.getCell(COL.note).value = L.notApplicable[lang];
    row.getCell(COL.note).font = { italic: true, color: { argb: "FF808080" } };
  };

  for (const node of model.nodes.values()) {
    const name = localize(node.name, lang);
    if (node.kind === "group") {
      const row = lineFor(node.code, name, node.depth, node.max, true);
      for (let c = 1; c <= COL.score; c++) row.getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: GROUP_FILL } };
      if (!applies(node, unit, model)) greyOut(row);
      continue;
    }
    // A row for every node and input even where the indicator does not apply to the unit's
    // category: the reader expects them, and a unit moved to another category keeps its form.
    const ok = applies(node, unit, model);
    const single = node.inputs.length === 1 && node.inputs[0]!.code === node.code;
    const row = lineFor(node.code, name, node.depth, node.max, false);
    if (ok) fillIndicatorCells(row, node);
    else greyOut(row);
    if (single) {
      if (ok) fillInputCells(row, node.inputs[0]!, node);
      continue;
    }
    for (const input of node.inputs) {
      const irow = lineFor(input.code, inputLabel(input, lang), node.depth + 1, undefined, false);
      irow.getCell(COL.item).font = { italic: true };
      if (ok) fillInputCells(irow, input, node);
      else for (let c = COL.value; c <= COL.note; c++) irow.getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: NA_FILL } };
    }
  }

  ws.columns.forEach((col, i) => {
    col.width = WIDTHS[i] ?? 12;
  });
  ws.getColumn(COL.max).numFmt = "#,##0.##";
  ws.getColumn(COL.score).numFmt = "#,##0.00";
  ws.views = [{ state: "frozen", xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `D${HEADER_ROW + 1}` }];
  ws.pageSetup = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` };
  // Protected without a password: the structure stays put while the unit types, and an
  // official who needs to change the form can still unprotect it.
  await ws.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: false,
    insertRows: false,
    deleteRows: false,
    sort: false,
    autoFilter: false,
  });
}

function writeHelpSheet(ws: ExcelJS.Worksheet, model: IndexModel, units: { unit: TemplateUnit; sheet: string }[], options: TemplateOptions): void {
  const { lang } = options;
  const def = model.definition;
  const lines: string[] =
    lang === "vi"
      ? [
          `Phiếu tự đánh giá — ${localize(def.name, "vi")} (${def.id}@${def.version})`,
          options.period ? `Kỳ đánh giá: ${options.period}` : "",
          "",
          "Mỗi trang tính là phiếu của một đơn vị. Đơn vị nhập vào các ô nền vàng:",
          "• Số liệu: con số, tỷ lệ (%) hoặc lựa chọn trong danh sách thả xuống.",
          "• Tự chấm: số điểm đơn vị tự đánh giá cho chỉ tiêu.",
          "• Minh chứng: số hiệu, ngày, trích yếu văn bản hoặc đường dẫn đến tài liệu kiểm chứng.",
          "• Ghi chú: giải trình nếu cần.",
          "Cột Số liệu thẩm định (nền xanh) do Hội đồng thẩm định điền; khi có, số liệu này thay cho Số liệu của đơn vị.",
          "Cột Điểm do công cụ chấm điểm tự điền; không nhập vào cột này.",
          "Trang tính được khóa (không đặt mật khẩu) để giữ nguyên cấu trúc phiếu.",
          "",
          "Danh sách đơn vị:",
        ]
      : [
          `Self-assessment form — ${localize(def.name, "en")} (${def.id}@${def.version})`,
          options.period ? `Period: ${options.period}` : "",
          "",
          "Each sheet is one unit's form. Units type into the yellow cells:",
          "• Value: a figure, a percentage or a choice from the drop-down list.",
          "• Self score: the points the unit gives itself for the indicator.",
          "• Evidence: number, date and title of the supporting document, or a link to it.",
          "• Note: explanations where needed.",
          "The blue Appraised value column is for the appraisal council; when filled, it replaces the unit's Value.",
          "The Score column is filled in by the scoring tool; do not type into it.",
          "Sheets are protected (without a password) to keep the form's structure.",
          "",
          "Units:",
        ];
  lines.forEach((line, i) => {
    ws.getCell(i + 1, 1).value = line;
  });
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  let r = lines.length + 1;
  const heads = [L.unitCode[lang], L.unit[lang], L.category[lang]];
  heads.forEach((h, i) => {
    const c = ws.getCell(r, i + 1);
    c.value = h;
    c.font = { bold: true };
  });
  for (const { unit, sheet } of units) {
    r++;
    ws.getCell(r, 1).value = unit.code;
    const link = ws.getCell(r, 2);
    link.value = { text: unit.name, hyperlink: `#'${sheet.replace(/'/g, "''")}'!A1` };
    link.font = { color: { argb: "FF0563C1" }, underline: true };
    ws.getCell(r, 3).value = categoryName(unit.category, model, lang);
  }
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 48;
  ws.getColumn(3).width = 36;
}

/** The template workbook: an instructions sheet, then one layout-A sheet per unit. */
export async function makeTemplate(model: IndexModel, units: TemplateUnit[], options: TemplateOptions): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "DTI Scorer";
  const helpName = L.sheetHelp[options.lang];
  const help = wb.addWorksheet(helpName);
  const taken = new Set<string>([helpName]);
  const choices = choiceOptions(model);
  // Option lists too long for an inline list go to a hidden sheet the validations point to.
  let listSheet: ExcelJS.Worksheet | undefined;
  let listColumn = 0;
  const listCache = new Map<string, string>();
  const lists: ListSource = {
    add(values) {
      const key = JSON.stringify(values);
      const cached = listCache.get(key);
      if (cached) return cached;
      listSheet ??= wb.addWorksheet("_lists", { state: "veryHidden" });
      listColumn++;
      values.forEach((v, i) => {
        listSheet!.getCell(i + 1, listColumn).value = v;
      });
      const col = colLetter(listColumn);
      const ref = `_lists!$${col}$1:$${col}$${values.length}`;
      listCache.set(key, ref);
      return ref;
    },
  };
  const placed: { unit: TemplateUnit; sheet: string }[] = [];
  for (const unit of units) {
    const sheet = uniqueSheetName(unit.name || unit.code, taken);
    const ws = wb.addWorksheet(sheet, { properties: { tabColor: { argb: "FF2E75B6" } } });
    await writeUnitSheet(ws, model, unit, options, choices, lists);
    placed.push({ unit, sheet });
  }
  writeHelpSheet(help, model, placed, options);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
