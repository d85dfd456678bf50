import ExcelJS from "exceljs";
import { readIndexSheet } from "../../core/plan/index-sheet";
import { INDEX_SHEET, RESULTS_TABLE } from "../../core/plan/labels";
import { DEMO_DEFINITION, DEMO_UNITS } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { snapshotWorkbook } from "./read";
import { addDemoForms, open } from "./test-workbooks";

/** The unit forms, and the user's own sheets named as the project's results and charts would be. */
async function workbookWithUserSheets(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  addDemoForms(wb);
  const mine = wb.addWorksheet("Kết quả");
  mine.getCell("A1").value = "Kết quả kiểm tra nội bộ quý II";
  mine.getCell("A1").font = { name: "Times New Roman", size: 14, bold: true };
  mine.mergeCells("A1:D1");
  mine.getCell("A3").value = "Phòng";
  mine.getCell("B3").value = "Điểm";
  mine.getCell("A4").value = "Văn phòng";
  mine.getCell("B4").value = 87.5;
  mine.getCell("B4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFC6EFCE" } };
  mine.getCell("B4").note = "Theo biên bản 15/6";
  mine.getCell("B5").value = { formula: "B4*2", result: 175 };
  mine.getColumn(1).width = 30;
  const charts = wb.addWorksheet("Biểu đồ");
  charts.getCell("A1").value = "Biểu đồ tự vẽ";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function score(file: Uint8Array) {
  const host = await XlsxHost.fromBuffer(file, "bao-cao.xlsx");
  const result = await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return { out: await host.toBuffer(), host, result };
}

/** Every cell of a sheet: value, style and note, by address. */
function cells(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (c) => out.set(c.address, JSON.stringify([c.value, c.style, c.note ?? null]))),
  );
  return out;
}

describe("a workbook with the user's own `Kết quả` and `Biểu đồ` sheets", () => {
  test("scored twice: the user's sheets are untouched cell by cell, the results go to `Kết quả (2)`, and the second run adds no sheet", async () => {
    const original = await open(await workbookWithUserSheets());
    const first = await score(await workbookWithUserSheets());
    const second = await score(first.out);
    const after = await open(second.out);

    for (const name of ["Kết quả", "Biểu đồ"]) {
      const before = original.getWorksheet(name)!;
      const now = after.getWorksheet(name)!;
      expect(now).toBeDefined();
      expect(cells(now)).toEqual(cells(before));
      expect(now.model.merges).toEqual(before.model.merges);
      expect(now.getColumn(1).width).toBe(before.getColumn(1).width);
    }
    expect(after.getWorksheet("Kết quả")!.getTable(RESULTS_TABLE)).toBeUndefined();
    expect(after.getWorksheet("Kết quả (2)")!.getTable(RESULTS_TABLE)).toBeDefined();

    const names = (wb: ExcelJS.Workbook) => wb.worksheets.map((w) => w.name).sort();
    expect(names(await open(first.out))).toEqual([...DEMO_UNITS.map((u) => u.code), "Biểu đồ", "Biểu đồ (2)", "Kết quả", "Kết quả (2)", INDEX_SHEET].sort());
    expect(names(after)).toEqual(names(await open(first.out)));
    expect(readIndexSheet(snapshotWorkbook(after))!.owned.sheets).toEqual(["Kết quả (2)", "Biểu đồ (2)", INDEX_SHEET]);
  });

  test("the host reports the warning of the run that chose the other names, and none on the next run", async () => {
    const first = await score(await workbookWithUserSheets());
    expect(first.host.lastApply!.warnings.map((w) => w.vi)).toEqual([
      "Sổ đã có trang 'Kết quả' không do DTI Scorer tạo: trang này được giữ nguyên, kết quả chấm điểm được ghi vào trang 'Kết quả (2)'.",
      "Sổ đã có trang 'Biểu đồ' không do DTI Scorer tạo: trang này được giữ nguyên, các biểu đồ được ghi vào trang 'Biểu đồ (2)'.",
    ]);
    expect(first.host.lastApply!.warnings[0]!.en).toBe("The workbook already has a sheet 'Kết quả' that DTI Scorer did not make: it is left as it is, and the scores are written to the sheet 'Kết quả (2)'.");
    const second = await score(first.out);
    expect(second.host.lastApply!.warnings).toEqual([]);
  });
});
