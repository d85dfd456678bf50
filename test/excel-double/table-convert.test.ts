/**
 * Converting a table to a range in the Excel double (Table.convertToRange, ExcelApi 1.2): "Converts
 * the table into a normal range of cells. All data is preserved." The table and its name are gone,
 * its cells stay, and, as in Excel, the formulas that named it read its cells by address.
 */
import { createExcelDouble } from "./index";
import { codeOf, run } from "./testing";

describe("a table converted to a range in the Excel double", () => {
  test("its cells keep their values and formats, its name is free, the range is returned, and formulas naming it read its cells", async () => {
    const d = createExcelDouble();
    d.addSheet("Kết quả", [["Tháng", "Số hồ sơ", "Ghi chú"], ["1", 12, "a"], ["2", 9, "b"]], "B30");
    d.addSheet("Mine");
    const formulas = [
      "=SUM(HoSo[Số hồ sơ])",
      "=ROWS(HoSo)",
      "=COUNTA(HoSo[#All])",
      "=HoSo[[#Headers],[Số hồ sơ]]",
      "=SUM(HoSo[[Tháng]:[Số hồ sơ]])",
      '=HoSo2[x]&"HoSo[Tháng]"&\'HoSo\'!A1',
      "=HoSo[@Tháng]",
    ];
    d.setCells("Mine", "A1", formulas.map((formula) => [{ formula }]));
    d.setCells("Kết quả", "F30", [[{ formula: "=MAX(HoSo[Số hồ sơ])" }]]);
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Kết quả");
      ws.tables.add("'Kết quả'!B30:D32", true).name = "HoSo";
      ws.getRange("C31:C32").numberFormat = [["0.0"], ["0.0"]];
      await ctx.sync();
      const range = ctx.workbook.tables.getItem("HoSo").convertToRange().load("address");
      await ctx.sync();
      expect(range.address).toBe("'Kết quả'!B30:D32");
    });
    expect(d.workbook.tables).toEqual([]);
    expect(d.grid("'Kết quả'!B30:D32")).toEqual([["Tháng", "Số hồ sơ", "Ghi chú"], ["1", 12, "a"], ["2", 9, "b"]]);
    expect(d.cell("'Kết quả'!C31")?.nf).toBe("0.0");
    expect(formulas.map((_, i) => d.cell(`Mine!A${i + 1}`)?.f)).toEqual([
      "=SUM('Kết quả'!$C$31:$C$32)",
      "=ROWS('Kết quả'!$B$31:$D$32)",
      "=COUNTA('Kết quả'!$B$30:$D$32)",
      "='Kết quả'!$C$30",
      "=SUM('Kết quả'!$B$31:$C$32)",
      '=HoSo2[x]&"HoSo[Tháng]"&\'HoSo\'!A1',
      // A this-row reference is not modelled by the double: left as it is.
      "=HoSo[@Tháng]",
    ]);
    // On the table's own sheet, without the sheet's name.
    expect(d.cell("'Kết quả'!F30")?.f).toBe("=MAX($C$31:$C$32)");
    // The name is free again.
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Mine").tables.add("Mine!D1:E2", true).name = "HoSo";
      await ctx.sync();
    });
    expect(d.workbook.tables.map((t) => `${t.name}@${t.sheet.name}`)).toEqual(["HoSo@Mine"]);
  });

  test("it needs ExcelApi 1.2", async () => {
    const d = createExcelDouble({ requirements: { ExcelApi: "1.1" } });
    d.addSheet("S", [["A"], [1]]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").tables.add("S!A1:A2", true).name = "T";
      await ctx.sync();
      expect(await codeOf((async () => ctx.workbook.tables.getItem("T").convertToRange())())).toBe("ApiNotFound");
    });
  });
});
