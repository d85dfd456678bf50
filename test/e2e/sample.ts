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

/** The filled sample workbook as .xlsx bytes (forms in Vietnamese). */
export async function makeSampleWorkbook(): Promise<Uint8Array> {
  const model = sampleModel();
  const template = await makeTemplate(model, SAMPLE_UNITS, { lang: "vi" });
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
    const last = k === SAMPLE_UNITS.length - 1;
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const code = String(ws.getRow(r).getCell(codeCol).value ?? "").trim();
      if (!model.inputs.has(code)) continue;
      let v = valueFor(model, code, k);
      if (last && code === BLANK_INPUT) v = null;
      if (last && code === WORDS_INPUT) v = "nhiều lần";
      ws.getRow(r).getCell(valueCol).value = v;
    }
    k++;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
