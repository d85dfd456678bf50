/**
 * Scored workbooks changed afterwards, as a user reopens them (the demo units' forms, scored with
 * DEMO_DEFINITION, then edited with ExcelJS and written again): shared by the tests of results
 * older than their inputs in the core (src/core/stale.test.ts) and in the pane.
 */
import ExcelJS from "exceljs";
import { runScoring } from "../src/core/pipeline";
import { DEMO_DEFINITION, DEMO_UNITS, type DemoUnit, layoutAGrid } from "../src/core/plan/test-fixtures";
import { XlsxHost } from "../src/hosts/xlsx/host";

export const SCORING = { lang: "vi" as const, projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") };

/** A unit's form as its own sheet, named by its code (a late unit's form: the first demo unit's figures). */
export function addDemoForm(wb: ExcelJS.Workbook, code: string, name: string, values: DemoUnit["values"] = DEMO_UNITS[0]!.values): void {
  const ws = wb.addWorksheet(code);
  layoutAGrid({ code, name, values }).forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
}

/** The demo units' forms, scored with DEMO_DEFINITION (or `definition`, a copy of it), then `change`d and written again: the workbook a user reopens. */
export async function scoredThenChanged(change: (wb: ExcelJS.Workbook) => void, definition: unknown = DEMO_DEFINITION): Promise<XlsxHost> {
  const wb = new ExcelJS.Workbook();
  for (const u of DEMO_UNITS) addDemoForm(wb, u.code, u.name, u.values);
  const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
  await runScoring(host, { ...SCORING, definition });
  const scored = new ExcelJS.Workbook();
  await scored.xlsx.load((await host.toBuffer()) as unknown as ArrayBuffer);
  change(scored);
  return XlsxHost.fromBuffer(new Uint8Array(await scored.xlsx.writeBuffer()));
}
