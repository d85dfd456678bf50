/** Workbooks for the Excel host's tests: layout-A unit sheets made by the project's own template. */
import ExcelJS from "exceljs";
import { parseDefinition } from "../../src/core/definition";
import type { IndexModel } from "../../src/core/definition/model";
import { makeTemplate } from "../../src/hosts/xlsx/template";
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import { findBuiltin } from "../../src/indices";
import { createExcelDouble, type ExcelDouble } from "../excel-double";

export function departmentModel(id = "dti-so-nganh-mau"): { definition: unknown; model: IndexModel } {
  const definition = findBuiltin(id)?.definition ?? findBuiltinByFile("dti-department-sample.json");
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error("the department sample definition does not parse");
  return { definition, model: parsed.model };
}

function findBuiltinByFile(file: string): unknown {
  const { BUILTIN_INDICES } = require("../../src/indices") as typeof import("../../src/indices");
  return BUILTIN_INDICES.find((b) => b.file === file)?.definition;
}

/** A deterministic pseudo-random number in [0, 1) for unit u and input i. */
function noise(u: number, i: number): number {
  const x = Math.sin(u * 12.9898 + i * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

export interface LayoutAOptions {
  requirements?: Record<string, string>;
  /** A test's own unit names (e.g. one that looks like a formula). */
  unitName?: (u: number) => string;
  index?: string;
  /**
   * The template's sheets are protected without a password; "none" takes the protection off, a
   * function protects the sheets it names a password for with that password instead.
   */
  protection?: "template" | "none" | ((sheet: string) => string | undefined);
  /** "open": the workbook is the template opened in Excel (default); "insert": its sheets are inserted into a blank workbook with insertWorksheetsFromBase64. */
  via?: "open" | "insert";
  /** What unprotect() without a password does on a sheet protected with one (the double's option; default "fails"). */
  unprotectWithoutPassword?: "fails" | "ignored";
  /** Whether merging fails while a chart is selected, as on some Excel builds (the double's option; default "works"). */
  mergeWithChartSelected?: "works" | "refused";
}

/** The template for `units` units, its protection changed as asked. */
export async function templateBytes(model: IndexModel, units: number, options: LayoutAOptions = {}): Promise<Uint8Array> {
  const list = Array.from({ length: units }, (_, u) => ({ code: `U${String(u + 1).padStart(4, "0")}`, name: options.unitName?.(u) ?? `Đơn vị số ${u + 1}`, ...(model.categories[0] ? { category: model.categories[0] } : {}) }));
  const bytes = await makeTemplate(model, list, { lang: "vi" });
  const protection = options.protection ?? "template";
  if (protection === "template") return bytes;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  for (const ws of wb.worksheets) {
    const p = (ws as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection;
    if (!p) continue;
    if (protection === "none") ws.unprotect();
    else {
      const password = protection(ws.name);
      if (password !== undefined) await ws.protect(password, { ...p, spinCount: 1000 } as never);
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** An Excel double holding `units` layout-A sheets made by the project's template, with every input answered. */
export async function layoutAWorkbook(units: number, options: LayoutAOptions = {}): Promise<{ double: ExcelDouble; definition: unknown; model: IndexModel }> {
  const { definition, model } = departmentModel(options.index);
  const bytes = await templateBytes(model, units, options);
  const double = createExcelDouble({
    ...(options.requirements ? { requirements: options.requirements } : {}),
    ...(options.unprotectWithoutPassword ? { unprotectWithoutPassword: options.unprotectWithoutPassword } : {}),
    ...(options.mergeWithChartSelected ? { mergeWithChartSelected: options.mergeWithChartSelected } : {}),
  });
  if (options.via === "insert") {
    double.addSheet("Sheet1");
    double.install();
    await Excel.run(async (ctx) => {
      ctx.workbook.insertWorksheetsFromBase64(Buffer.from(bytes).toString("base64"), { positionType: "End" });
      await ctx.sync();
    });
    double.resetCounters();
  } else await double.loadXlsx(bytes);
  const inputs = [...model.inputs.values()];
  double.workbook.sheets.forEach((sheet, u) => {
    // Find the header row and the `Số liệu` column, then answer each input's row.
    let header = -1, codeCol = -1, valueCol = -1, evidenceCol = -1;
    for (const [k, c] of sheet.cells) {
      if (c.v === "Số liệu") { header = Math.floor(k / 16384); valueCol = k % 16384; }
    }
    if (header < 0) return;
    for (const [k, c] of sheet.cells) {
      if (Math.floor(k / 16384) !== header) continue;
      if (c.v === "Mã") codeCol = k % 16384;
      if (c.v === "Minh chứng") evidenceCol = k % 16384;
    }
    const rowOf = new Map<string, number>();
    for (const [k, c] of [...sheet.cells]) {
      const row = Math.floor(k / 16384);
      if (row > header && k % 16384 === codeCol) rowOf.set(String(c.v), row);
    }
    const put = (row: number, col: number, v: number | string) => {
      const cell = sheet.cell(row, col);
      cell.v = v;
      cell.t = typeof v === "number" ? "Double" : "String";
    };
    inputs.forEach((input, i) => {
      const row = rowOf.get(input.code);
      if (row === undefined || input.type === "choice") return;
      const n = noise(u, i);
      if (input.type === "boolean") put(row, valueCol, n > 0.3 ? "Có" : "Không");
      else if (input.type === "percent") put(row, valueCol, Math.round(n * 100) / 100);
      else {
        // A figure within its indicator's goalposts (the HDI's), as a unit reports it: one below a
        // `minmax` rule's minimum is clipped and said (below-scale-minimum) at its cell.
        const rule = (model.nodes.get(input.indicator) as { rule?: { kind: string; min?: unknown; max?: unknown } } | undefined)?.rule;
        if (rule?.kind === "minmax" && typeof rule.min === "number" && typeof rule.max === "number") put(row, valueCol, rule.min + Math.round(n * (rule.max - rule.min)));
        else put(row, valueCol, 10 + Math.round(n * Math.max(1, (input.max ?? 60) - 10)));
      }
    });
    // Ratios as units report them: the numerator within its denominator.
    for (const node of model.nodes.values()) {
      const rule = (node as { rule?: { kind: string; numerator?: string; denominator?: string } }).rule;
      if (rule?.kind !== "ratio" || !rule.numerator || !rule.denominator) continue;
      const num = rowOf.get(rule.numerator), den = rowOf.get(rule.denominator);
      if (num === undefined || den === undefined) continue;
      const d = sheet.get(den, valueCol)?.v;
      if (typeof d === "number") put(num, valueCol, Math.floor(d * noise(u, num)));
    }
    if (evidenceCol >= 0) {
      for (const code of model.indicators) {
        const row = rowOf.get(code);
        if (row !== undefined) put(row, evidenceCol, `Quyết định số ${100 + u}/QĐ-UBND`);
      }
    }
  });
  return { double, definition, model };
}

/** Scores the workbook of the double (installed as Office.js) with the Excel host, in Vietnamese, at `now`. */
export async function score(double: ExcelDouble, definition: unknown, now: Date): Promise<ExcelHost> {
  double.install();
  const host = new ExcelHost();
  await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
  return host;
}

/** Six unit forms and a copy of the first (not scored: its unit code is the first's), scored once; on an Excel with `ExcelApi` when given. */
export async function scoredOnce(ExcelApi?: string) {
  const made = await layoutAWorkbook(6, ExcelApi !== undefined ? { requirements: { ExcelApi } } : {});
  made.double.copySheet("Đơn vị số 1", "Bản sao");
  await score(made.double, made.definition, new Date("2026-01-15T08:00:00Z"));
  return made;
}

/** A value in a number format of its own (ExcelJS shares one style between the cells a file gave the same style). */
function putFormatted(cell: ExcelJS.Cell, value: Date | number, numFmt: string): void {
  cell.value = value;
  cell.style = { ...cell.style, numFmt };
}

/** A `Kỳ đánh giá` cell's content: text, or a value (a date, a number) in a number format of its own. */
export type PeriodCell = string | { value: Date | number; numFmt: string };

/**
 * The forms of `template` (a workbook of forms, one a period) with their `Kỳ đánh giá` cells set to
 * `periods`, in order: the workbook written, the forms' sheet names and the period cell's address
 * (the same on every form).
 */
export async function formsWithPeriodCells(template: Uint8Array, periods: PeriodCell[]): Promise<{ bytes: Uint8Array; sheets: string[]; cell: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as never);
  const sheets: string[] = [];
  let cell = "";
  for (const ws of wb.worksheets) {
    let at: ExcelJS.Cell | undefined;
    for (let r = 1; r <= 12 && !at; r++) if (ws.getCell(r, 1).value === "Kỳ đánh giá") at = ws.getCell(r, 2);
    if (!at) continue;
    const period = periods[sheets.length]!;
    sheets.push(ws.name);
    cell = at.address;
    if (typeof period === "object") putFormatted(at, period.value, period.numFmt);
    else at.value = period;
  }
  if (sheets.length !== periods.length) throw new Error(`${periods.length} periods for ${sheets.length} forms`);
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), sheets, cell };
}
