/**
 * A sample of what officials work on: the project's own self-assessment forms for four
 * departments (built-in department index), filled in as the units would, with two mistakes
 * a check must find (a blank input, and words where a number belongs).
 */
import ExcelJS from "exceljs";
import { parseDefinition } from "../../src/core/definition";
import type { IndexModel } from "../../src/core/definition/model";
import { makeTemplate } from "../../src/hosts/xlsx/template";
import { BUILTIN_INDICES } from "../../src/indices";

export const SAMPLE_INDEX = "dti-so-nganh-mau";
export const SAMPLE_UNITS = [
  { code: "STTTT", name: "Sở Thông tin và Truyền thông", category: "co-dvc" },
  { code: "SNV", name: "Sở Nội vụ", category: "co-dvc" },
  { code: "STC", name: "Sở Tài chính", category: "co-dvc" },
  { code: "SYT", name: "Sở Y tế", category: "co-dvc" },
];
/** The blank input and the cell holding words, in the last unit's form. */
export const BLANK_INPUT = "6.2";
export const WORDS_INPUT = "5.2";

export function sampleModel(): IndexModel {
  const builtin = BUILTIN_INDICES.find((b) => b.id === SAMPLE_INDEX);
  if (!builtin) throw new Error(`no built-in index ${SAMPLE_INDEX}`);
  const r = parseDefinition(builtin.definition);
  if (!r.ok) throw new Error(`the built-in index ${SAMPLE_INDEX} does not parse`);
  return r.model;
}

function valueFor(model: IndexModel, code: string, k: number): ExcelJS.CellValue {
  const input = model.inputs.get(code);
  if (!input) return null;
  const ind = model.nodes.get(input.indicator);
  switch (input.type) {
    case "boolean":
      return (k + code.length) % 2 === 0 ? "Có" : "Không";
    case "choice": {
      const rule = ind && ind.kind === "indicator" ? ind.rule : undefined;
      const options = rule && rule.kind === "choice" ? rule.options : [];
      return options[k % Math.max(1, options.length)]?.value ?? null;
    }
    case "percent":
      return Math.min(1, 0.35 + 0.15 * k);
    case "text":
      return "x";
    default:
      // Denominators (x.y.b) stay above numerators so ratios are meaningful.
      return code.endsWith(".b") ? 20 : 2 + 3 * k;
  }
}

export interface SampleOptions {
  units?: { code: string; name: string; category: string }[];
  /** Which fill each unit gets (by position): equal numbers give equal inputs, hence tied scores. Default 0, 1, 2… */
  fills?: number[];
  /** Leave the last unit's two mistakes out. Default: they are in. */
  clean?: boolean;
}

/** The filled sample workbook as .xlsx bytes (forms in Vietnamese). */
export async function makeSampleWorkbook(options: SampleOptions = {}): Promise<Uint8Array> {
  const model = sampleModel();
  const units = options.units ?? SAMPLE_UNITS;
  const template = await makeTemplate(model, units, { lang: "vi" });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  let k = 0;
  for (const ws of wb.worksheets) {
    let headerRow = 0;
    let codeCol = 0;
    let valueCol = 0;
    ws.eachRow((row, r) => {
      if (headerRow) return;
      row.eachCell((cell, c) => {
        if (cell.value === "Mã") codeCol = c;
        if (cell.value === "Số liệu") valueCol = c;
      });
      if (codeCol && valueCol) headerRow = r;
    });
    if (!headerRow) continue;
    const last = !options.clean && k === units.length - 1;
    const fill = options.fills?.[k] ?? k;
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const code = String(ws.getRow(r).getCell(codeCol).value ?? "").trim();
      if (!model.inputs.has(code)) continue;
      let v = valueFor(model, code, fill);
      if (last && code === BLANK_INPUT) v = null;
      if (last && code === WORDS_INPUT) v = "nhiều lần";
      ws.getRow(r).getCell(valueCol).value = v;
    }
    k++;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The sheet and cell of a unit's `Số liệu` for an input, in a workbook made by makeSampleWorkbook. */
export async function inputCell(workbook: Uint8Array, unitName: string, code: string): Promise<{ sheet: string; cell: string; value: ExcelJS.CellValue }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(workbook as unknown as ArrayBuffer);
  for (const ws of wb.worksheets) {
    if (ws.getCell("B1").value !== unitName) continue;
    let codeCol = 0;
    let valueCol = 0;
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      row.eachCell((cell, c) => {
        if (cell.value === "Mã") codeCol = c;
        if (cell.value === "Số liệu") valueCol = c;
      });
      if (codeCol && valueCol && String(row.getCell(codeCol).value ?? "").trim() === code) {
        const cell = row.getCell(valueCol);
        return { sheet: ws.name, cell: cell.address, value: cell.value };
      }
    }
  }
  throw new Error(`no input ${code} for ${unitName}`);
}

/** A numeric input of the sample index (one a user would retype). */
export function numericInput(): string {
  const model = sampleModel();
  for (const [code, input] of model.inputs) if (!["boolean", "choice", "text", "percent"].includes(input.type) && !code.endsWith(".b")) return code;
  throw new Error("the sample index has no numeric input");
}
