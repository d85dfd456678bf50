/** Workbooks for the Excel host's tests: layout-A unit sheets made by the project's own template. */
import { parseDefinition } from "../../src/core/definition";
import type { IndexModel } from "../../src/core/definition/model";
import { makeTemplate } from "../../src/hosts/xlsx/template";
import { findBuiltin } from "../../src/indices";
import { createExcelDouble, type ExcelDouble } from "../excel-double";

export function departmentModel(): { definition: unknown; model: IndexModel } {
  const definition = findBuiltin("dti-so-nganh-mau")?.definition ?? findBuiltinByFile("dti-department-sample.json");
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error("the department sample definition does not parse");
  return { definition, model: parsed.model };
}

function findBuiltinByFile(file: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BUILTIN_INDICES } = require("../../src/indices") as typeof import("../../src/indices");
  return BUILTIN_INDICES.find((b) => b.file === file)?.definition;
}

/** A deterministic pseudo-random number in [0, 1) for unit u and input i. */
function noise(u: number, i: number): number {
  const x = Math.sin(u * 12.9898 + i * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/**
 * An Excel double holding `units` layout-A sheets with every input answered; `unitName(u)` lets a
 * test choose a name (e.g. one that looks like a formula).
 */
export async function layoutAWorkbook(units: number, options: { requirements?: Record<string, string>; unitName?: (u: number) => string } = {}): Promise<{ double: ExcelDouble; definition: unknown; model: IndexModel }> {
  const { definition, model } = departmentModel();
  const list = Array.from({ length: units }, (_, u) => ({ code: `U${String(u + 1).padStart(4, "0")}`, name: options.unitName?.(u) ?? `Đơn vị số ${u + 1}`, ...(model.categories[0] ? { category: model.categories[0] } : {}) }));
  const bytes = await makeTemplate(model, list, { lang: "vi" });
  const double = createExcelDouble(options.requirements ? { requirements: options.requirements } : {});
  await double.loadXlsx(bytes);
  const inputs = [...model.inputs.values()];
  double.workbook.sheets.forEach((sheet, u) => {
    // Find the header row and the `Số liệu` column, then answer each input's row.
    let header = -1, codeCol = -1, valueCol = -1;
    for (const [k, c] of sheet.cells) {
      if (c.v === "Số liệu") { header = Math.floor(k / 16384); valueCol = k % 16384; }
    }
    if (header < 0) return;
    for (const [k, c] of sheet.cells) if (Math.floor(k / 16384) === header && c.v === "Mã") codeCol = k % 16384;
    for (const [k, c] of [...sheet.cells]) {
      const row = Math.floor(k / 16384);
      if (row <= header || k % 16384 !== codeCol) continue;
      const i = inputs.findIndex((x) => x.code === String(c.v));
      const input = inputs[i];
      if (!input) continue;
      const n = noise(u, i);
      const cell = sheet.cell(row, valueCol);
      if (input.type === "boolean") { cell.v = n > 0.3 ? "Có" : "Không"; cell.t = "String"; }
      else if (input.type === "percent") { cell.v = Math.round(n * 100) / 100; cell.t = "Double"; }
      else if (input.type === "choice") continue;
      else { cell.v = Math.round(n * (input.max ?? 50)); cell.t = "Double"; }
    }
  });
  return { double, definition, model };
}
