/**
 * Excel on iPad in the double: Office.context.platform is "iOS" (Office.PlatformType.iOS), and
 * Workbook.insertWorksheetsFromBase64, which the reference says "is only supported for Office on
 * Windows, Mac, and the web", inserts nothing there, whatever ExcelApi the iPad claims. What Excel
 * on iPad answers is not documented: the double fails the request with ApiNotFound.
 */
import ExcelJS from "exceljs";
import { createExcelDouble, IPAD_NO_INSERT } from "./index";
import { codeOf, run } from "./testing";

async function file(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Đơn vị 1").getCell("A1").value = "Mã";
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

describe("Excel on iPad", () => {
  test("says its platform is iOS, and refuses insertWorksheetsFromBase64 at ExcelApi 1.13 and later: no sheet goes in", async () => {
    const d = createExcelDouble({ platform: "iOS", requirements: { ExcelApi: "1.17" } });
    d.addSheet("A", [[1]]);
    expect(d.Office.context.platform).toBe("iOS");
    expect((await d.Office.onReady()).platform).toBe("iOS");
    expect(d.Office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(true);
    const base64 = await file();
    const error = await run(d, async (ctx) => {
      ctx.workbook.insertWorksheetsFromBase64(base64, { sheetNamesToInsert: [] });
      await ctx.sync();
    }).catch((e: { code?: string; message?: string }) => e);
    expect(error).toMatchObject({ code: IPAD_NO_INSERT.code });
    expect(d.sheetNames()).toEqual(["A"]);

    // The same file goes in on a Mac.
    const mac = createExcelDouble({ platform: "Mac", requirements: { ExcelApi: "1.17" } });
    mac.addSheet("A", [[1]]);
    expect(await codeOf(run(mac, async (ctx) => {
      ctx.workbook.insertWorksheetsFromBase64(base64, { sheetNamesToInsert: [] });
      await ctx.sync();
    }))).toBeUndefined();
    expect(mac.sheetNames()).toEqual(["A", "Đơn vị 1"]);
  });
});
