/** Helpers for the xlsx host's tests: a file opened with ExcelJS, and a file changed as a user would. */
import ExcelJS from "exceljs";

export async function open(file: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
}

/** The file after `change` (a user's edit between two runs), saved again. */
export async function edit(file: Uint8Array, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = await open(file);
  change(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
