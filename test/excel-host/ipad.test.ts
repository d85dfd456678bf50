/**
 * Excel on iPad: Workbook.insertWorksheetsFromBase64 "is only supported for Office on Windows, Mac,
 * and the web" (office-js reference), whatever ExcelApi the iPad has. The host says collecting is
 * not available there, in one sentence naming where it is (Excel on Windows, Mac or the web), as a
 * missing feature from the start and when forms are brought in anyway, without a request sent for
 * any file. A Mac with the same ExcelApi collects.
 */
import ExcelJS from "exceljs";
import { ExcelHost } from "../../src/hosts/excel";
import { missingFeaturesNotice } from "../../src/taskpane/state/pipeline";
import { createExcelDouble } from "../excel-double";

async function file(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Đơn vị 1").getCell("A1").value = "Mã";
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

describe("collecting forms in Excel on iPad", () => {
  test("is said unavailable, naming Excel on Windows, Mac or the web, in both languages; bringing files in sends nothing and says the same", async () => {
    const d = createExcelDouble({ platform: "iOS", requirements: { ExcelApi: "1.17" } }).install();
    d.addSheet("Tổng hợp", [["Mã"]]);
    const host = new ExcelHost();
    const caps = host.capabilities();
    expect(caps.insertWorkbooks).toBe(false);
    const lacking = caps.missing.filter((m) => m.feature === "insertWorkbooks");
    expect(lacking).toHaveLength(1);
    expect(lacking[0]!.message.vi).toBe("Excel trên iPad không chèn được trang tính từ tệp khác (cần Excel trên Windows, Mac hoặc Excel trên web); các phần còn lại vẫn hoạt động.");
    expect(lacking[0]!.message.en).toBe("Excel on iPad cannot insert sheets from other files (it needs Excel on Windows, Mac or the web); everything else still works.");
    // The pane's list of what this Excel lacks says where it works, not a version to update to.
    const notice = missingFeaturesNotice(caps.missing, "vi");
    expect(notice.lines.join(" ")).toContain("cần Excel trên Windows, Mac hoặc Excel trên web");
    expect(missingFeaturesNotice(caps.missing, "en").lines.join(" ")).toContain("they need Excel on Windows, Mac or the web");

    d.resetCounters();
    const report = await host.insertWorkbooks([{ name: "don-vi-1.xlsx", base64: await file() }, { name: "don-vi-2.xlsx", base64: await file() }]);
    expect(report.inserted).toEqual([]);
    expect(report.message?.vi).toContain("Excel trên iPad không chèn được trang tính từ tệp khác (cần Excel trên Windows, Mac hoặc Excel trên web).");
    expect(report.message?.en).toContain("Excel on iPad cannot insert sheets from other files (it needs Excel on Windows, Mac or the web).");
    expect(d.requests).toEqual([]);
    expect(d.sheetNames()).toEqual(["Tổng hợp"]);
  });

  test("a Mac with the same ExcelApi collects, and nothing is said missing about it", async () => {
    const d = createExcelDouble({ platform: "Mac", requirements: { ExcelApi: "1.17" } }).install();
    d.addSheet("Tổng hợp", [["Mã"]]);
    const host = new ExcelHost();
    expect(host.capabilities().insertWorkbooks).toBe(true);
    expect(host.capabilities().missing.map((m) => m.feature)).not.toContain("insertWorkbooks");
    d.resetCounters();
    const report = await host.insertWorkbooks([{ name: "don-vi-1.xlsx", base64: await file() }]);
    expect(report.message).toBeUndefined();
    // The file is looked at in Excel (this sheet is no unit's form: it is said skipped, not refused).
    expect(d.requests.length).toBeGreaterThan(0);
    expect(report.skipped.map((s) => s.sheet)).toEqual(["Đơn vị 1"]);
  });
});
