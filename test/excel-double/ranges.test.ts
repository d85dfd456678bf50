import ExcelJS from "exceljs";
import { createExcelDouble } from "./index";
import { codeOf, run } from "./testing";

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

  test("useStandardHeight and useStandardWidth (ExcelApi 1.7) give rows and columns the sheet's standard size back when set to true; false changes nothing", async () => {
    // RangeFormat.useStandardHeight: "Returns true if the row height of the Range object equals the
    // standard height of the sheet. Returns null if the range contains more than one row and the
    // rows aren't all the same height. Returns false otherwise. Note: This property is only
    // intended to be set to true. Setting it to false has no effect." (useStandardWidth alike)
    const d = createExcelDouble();
    d.addSheet("Data");
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("3:3").format.rowHeight = 45;
      ws.getRange("900:900").format.rowHeight = 30;
      ws.getRange("C:C").format.columnWidth = 120;
      await ctx.sync();
    });
    const read = () =>
      run(d, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Data");
        const all = ws.getRange().format.load("useStandardHeight,useStandardWidth");
        const row3 = ws.getRange("3:3").format.load("useStandardHeight");
        const row4 = ws.getRange("4:4").format.load("useStandardHeight");
        await ctx.sync();
        return [all.useStandardHeight, all.useStandardWidth, row3.useStandardHeight, row4.useStandardHeight];
      });
    expect(await read()).toEqual([null, null, false, true]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange().format.useStandardHeight = false;
      await ctx.sync();
    });
    expect(d.sheet("Data").rowHeights.get(2)).toBe(45);
    await run(d, async (ctx) => {
      const format = ctx.workbook.worksheets.getItem("Data").getRange().format;
      format.useStandardHeight = true;
      format.useStandardWidth = true;
      await ctx.sync();
    });
    expect(await read()).toEqual([true, true, true, true]);
    expect([d.sheet("Data").rowHeights.size, d.sheet("Data").columnWidths.size]).toEqual([0, 0]);
  });

  test("a sheet protected without allowing row formats refuses useStandardHeight; before ExcelApi 1.7 it is not found", async () => {
    const d = createExcelDouble();
    d.addSheet("Data");
    d.sheet("Data").rowHeights.set(2, 45);
    d.sheet("Data").protection.protected = true;
    const refused = await codeOf(run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange().format.useStandardHeight = true;
      await ctx.sync();
    }));
    expect(refused).toBe("AccessDenied");
    expect(d.sheet("Data").rowHeights.get(2)).toBe(45);
    const old = createExcelDouble({ requirements: { ExcelApi: "1.6" } });
    old.addSheet("Data");
    const missing = await run(old, async (ctx) => {
      try {
        ctx.workbook.worksheets.getItem("Data").getRange().format.useStandardHeight = true;
        return undefined;
      } catch (e) {
        return (e as { code?: string }).code;
      }
    });
    expect(missing).toBe("ApiNotFound");
  });
});
