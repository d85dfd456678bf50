/** Helpers for the xlsx host's tests: a file opened with ExcelJS, and a file changed as a user would. */
import ExcelJS from "exceljs";
import { DEMO_UNITS, layoutAGrid } from "../../core/plan/test-fixtures";

export async function open(file: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
}

/** The row of the form on `ws` whose `Mã` (column A) is `code`. */
export function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  let found = 0;
  ws.eachRow((row, r) => {
    if (row.getCell(1).value === code) found = r;
  });
  if (found === 0) throw new Error(`no row ${code} on ${ws.name}`);
  return found;
}

/** The file after `change` (a user's edit between two runs), saved again. */
export async function edit(file: Uint8Array, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = await open(file);
  change(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The demo units' forms (layout A, one sheet per unit) added to `wb`; each sheet is returned to `each`. */
export function addDemoForms(wb: ExcelJS.Workbook, each?: (ws: ExcelJS.Worksheet) => void): void {
  for (const u of DEMO_UNITS) {
    const ws = wb.addWorksheet(u.code);
    layoutAGrid(u).forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
    each?.(ws);
  }
}

/** A file of the demo units' forms, after `change` when one is given. */
export async function demoForms(change?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  addDemoForms(wb);
  change?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
