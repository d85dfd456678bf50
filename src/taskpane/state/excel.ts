/** Inside Excel: the workbook through the Excel host (Office.js). */
import { ExcelHost } from "../../hosts/excel";
import { type Workbench, base64FromBytes } from "./workbench";

export function openExcelWorkbench(): Workbench {
  const host = new ExcelHost();
  return {
    mode: "excel",
    host,
    goTo: (sheet, cell) => host.goTo(sheet, cell),
    addWorkbooks: async (files, model) => {
      const report = await host.insertWorkbooks(
        files.map((f) => ({ name: f.name, base64: base64FromBytes(f.data) })),
        model,
      );
      return {
        taken: report.inserted.map((t) => t.as),
        skipped: [...report.skipped],
        warnings: [...report.warnings],
        ...(report.message ? { blocked: report.message } : {}),
      };
    },
    watchInputs: (onChange, snapshot) => host.watchInputs(() => onChange(), snapshot),
    missingFeatures: () => {
      const caps = host.capabilities();
      // An Excel too old for the add-in says so in one sentence when the workbook is read: no list then.
      return caps.tooOld ? [] : caps.missing;
    },
  };
}
