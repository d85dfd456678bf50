import ExcelJS from "exceljs";
import { createExcelDouble, type ExcelDouble } from "./index";
import { run } from "./testing";


describe("ranges in the Excel double", () => {
  test("a range's used range covers only the used cells inside that range, and is a null object when there are none", async () => {
    const d = createExcelDouble();
    d.addSheet("Data");
    d.setCells("Data", "B2", [["a", null, "c"]]);
    d.setCells("Data", "A40", [[1]]);
    const got = await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      const top = ws.getRange("1:12").getUsedRangeOrNullObject(true).load("address,values");
      const none = ws.getRange("20:30").getUsedRangeOrNullObject(true);
      await ctx.sync();
      return { address: top.address, values: top.values, none: none.isNullObject };
    });
    expect(got).toEqual({ address: "Data!B2:D2", values: [["a", "", "c"]], none: true });
  });

  test("a merged area inserted from a file holds its value in its top-left cell only, as in Excel", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Phiếu");
    ws.getCell("A6").value = "Nhập số liệu vào các ô nền vàng";
    ws.mergeCells("A6:I6");
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    const d = createExcelDouble();
    d.addSheet("Sheet1");
    await run(d, async (ctx) => {
      ctx.workbook.insertWorksheetsFromBase64(base64);
      await ctx.sync();
    });
    expect(d.grid("Phiếu!A6:C6")).toEqual([["Nhập số liệu vào các ô nền vàng", "", ""]]);
  });
});
