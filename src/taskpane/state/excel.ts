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
      return { taken: report.inserted.map((t) => t.as), skipped: [...(report.message ? [report.message] : []), ...report.warnings, ...report.skipped.map((s) => s.reason)] };
    },
    isStale: (lang) => host.isStale(lang),
    watchInputs: (onChange) => host.watchInputs(() => onChange()),
  };
}
