import ExcelJS from "exceljs";
import { createExcelDouble, excelSerial } from "./index";
import { run } from "./testing";

describe("number formats in the Excel double", () => {
  test("Range.numberFormat is a 2D array of format codes shaped as the range, General where the cell has none", async () => {
    const d = createExcelDouble();
    d.addSheet("Data", [[1, "a"], [null, 2]]);
    d.sheet("Data").cell(0, 1).nf = "@";
    d.sheet("Data").cell(1, 1).nf = "0.00%";
    const got = await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:C2").load("values,numberFormat");
      await ctx.sync();
      return { values: r.values, formats: r.numberFormat };
    });
    expect(got.formats).toEqual([["General", "@", "General"], ["General", "0.00%", "General"]]);
    expect(got.values).toEqual([[1, "a", ""], ["", 2, ""]]);
  });

  test("a date a user typed is its serial number in `values` and shows as a date only by its number format", async () => {
    const d = createExcelDouble();
    d.addSheet("Phiếu");
    await d.userEdit("Phiếu", "B2", [[{ date: "2025-05-03", numberFormat: "d/m/yyyy" }, { date: "2025-05-03T12:00" }, { date: "2025-03-05" }]]);
    const got = await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Phiếu").getRange("B2:D2").load("values,valueTypes,numberFormat");
      await ctx.sync();
      return { values: r.values, types: r.valueTypes, formats: r.numberFormat };
    });
    expect(got.values).toEqual([[45780, 45780.5, 45721]]);
    expect(got.types).toEqual([["Double", "Double", "Double"]]);
    expect(got.formats).toEqual([["d/m/yyyy", "m/d/yyyy h:mm", "m/d/yyyy"]]);
    // Typing a plain number into a date cell keeps the cell's format, as in Excel.
    await d.userEdit("Phiếu", "B2", [[12]]);
    expect(d.cell("Phiếu!B2")).toMatchObject({ v: 12, nf: "d/m/yyyy" });
  });

  test("excelSerial gives Excel's serials of the 1900 date system", () => {
    expect(excelSerial("1900-03-01")).toBe(61);
    expect(excelSerial("2025-05-03")).toBe(45780);
    expect(excelSerial("2025-05-03T06:00")).toBe(45780.25);
  });

  test("a date cell of an opened file keeps its serial and its date format", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Phiếu");
    ws.getCell("A1").value = new Date(Date.UTC(2025, 4, 3));
    ws.getCell("A1").numFmt = "[$-vi-VN]dd/mm/yyyy";
    ws.getCell("A2").value = 0.5;
    ws.getCell("A2").numFmt = "h:mm";
    ws.getCell("A3").value = 1234.5;
    ws.getCell("A3").numFmt = "#,##0.00";
    const d = createExcelDouble();
    await d.loadXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
    const got = await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Phiếu").getRange("A1:A3").load("values,numberFormat");
      await ctx.sync();
      return { values: r.values, formats: r.numberFormat };
    });
    expect(got.values).toEqual([[45780], [0.5], [1234.5]]);
    expect(got.formats).toEqual([["[$-vi-VN]dd/mm/yyyy"], ["h:mm"], ["#,##0.00"]]);
  });

  test("loading the number formats with the values weighs in the response: one more format code per cell", async () => {
    const d = createExcelDouble();
    d.addSheet("Data", Array.from({ length: 1000 }, (_, r) => [r, r * 2]));
    const read = (props: string) =>
      run(d, async (ctx) => {
        d.resetCounters();
        ctx.workbook.worksheets.getItem("Data").getRange("A1:B1000").load(props);
        await ctx.sync();
        return d.requests[0]!.responseBytes;
      });
    const values = await read("values");
    const both = await read("values,numberFormat");
    // 2000 cells of "General" and its comma (10 bytes each), 1000 rows of brackets.
    expect(both - values).toBeGreaterThanOrEqual(2000 * 10);
    expect(both - values).toBeLessThan(2000 * 10 + 1000 * 3 + 100);
  });
});
