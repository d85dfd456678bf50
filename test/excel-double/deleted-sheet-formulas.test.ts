/**
 * A sheet deleted, in the double as in Excel: every formula of the workbook that read it is
 * rewritten, its sheet part made #REF! and what followed kept (`=Sheet2!A1` reads `=#REF!A1`),
 * so that it shows #REF! for good, even once a sheet of that name is added again. Excel's observed
 * behaviour (withSheetDeleted): the double's formulas read a sheet by its name, so without the
 * rewrite a sheet added under the old name would be read again.
 */
import { createExcelDouble, type ExcelDouble } from "./index";
import { withSheetDeleted } from "./api";
import { run } from "./testing";

function workbook(): ExcelDouble {
  const d = createExcelDouble();
  d.addSheet("Data", [[4, 6], ["x", "y"]]);
  d.addSheet("Kết quả", [[10]]);
  d.addSheet("Sum", [
    [
      { formula: "=Data!A1" },
      { formula: "=SUM(data!$A$1:$B$1)" },
      { formula: "=COUNTIFS(Data!A:A,\"x\")" },
      { formula: "='Kết quả'!A1*2" },
      { formula: "=IFERROR(Data!B1,\"none\")" },
      { formula: "=\"Data!A1 \"&'Kết quả'!A1" },
    ],
  ]);
  return d;
}

const formulas = (d: ExcelDouble, address: string) => run(d, async (ctx) => {
  const [sheet, cells] = address.split("!") as [string, string];
  const r = ctx.workbook.worksheets.getItem(sheet).getRange(cells).load("formulas,values,valueTypes");
  await ctx.sync();
  return { formulas: r.formulas, values: r.values, valueTypes: r.valueTypes };
});

describe("formulas that read a sheet deleted (Excel double)", () => {
  test("Worksheet.delete(): each reference to the sheet becomes #REF! with its cells after it, in every form the double reads; the others stay", async () => {
    const d = workbook();
    expect((await formulas(d, "Sum!A1:F1")).values).toEqual([[4, 10, 1, 20, 6, "Data!A1 10"]]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").delete();
      await ctx.sync();
    });
    expect(await formulas(d, "Sum!A1:F1")).toEqual({
      formulas: [["=#REF!A1", "=SUM(#REF!$A$1:$B$1)", "=COUNTIFS(#REF!A:A,\"x\")", "='Kết quả'!A1*2", "=IFERROR(#REF!B1,\"none\")", "=\"Data!A1 \"&'Kết quả'!A1"]],
      values: [["#REF!", "#REF!", "#REF!", 20, "none", "Data!A1 10"]],
      valueTypes: [["Error", "Error", "Error", "Double", "String", "String"]],
    });
  });

  test("a sheet added again under the deleted one's name is not read: the formulas keep #REF!", async () => {
    const d = workbook();
    await d.userDeleteSheet("Kết quả");
    expect(d.cell("Sum!D1")).toMatchObject({ f: "=#REF!A1*2", v: "#REF!" });
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.add("Kết quả").getRange("A1").values = [[50]];
      await ctx.sync();
    });
    expect(await formulas(d, "Sum!D1:F1")).toEqual({
      formulas: [["=#REF!A1*2", "=IFERROR(Data!B1,\"none\")", "=\"Data!A1 \"&#REF!A1"]],
      values: [["#REF!", 6, "#REF!"]],
      valueTypes: [["Error", "Double", "Error"]],
    });
  });

  test("the user deleting the sheet does the same, to a custom conditional format's formula too", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem("Sum").getRange("A1").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=Data!$A$1>0";
      cf.custom.format.font.bold = true;
      await ctx.sync();
    });
    await d.userDeleteSheet("Data");
    expect(d.cell("Sum!A1")).toMatchObject({ f: "=#REF!A1", v: "#REF!" });
    expect(d.sheet("Sum").conditionalFormats[0]!.custom!.formula).toBe("=#REF!$A$1>0");
  });

  test("withSheetDeleted: the name compared without case, quoted or not, both ends of a range qualified; text, other sheets, other workbooks and 3-D references left", () => {
    expect(withSheetDeleted("=Sheet2!A1", "Sheet2")).toBe("=#REF!A1");
    expect(withSheetDeleted("=sheet2!A1+'Sheet2'!B2", "SHEET2")).toBe("=#REF!A1+#REF!B2");
    expect(withSheetDeleted("=SUM('Đơn vị số 1'!$C$5:$C$9)", "Đơn vị số 1")).toBe("=SUM(#REF!$C$5:$C$9)");
    expect(withSheetDeleted("='It''s'!A1", "It's")).toBe("=#REF!A1");
    expect(withSheetDeleted("=SUM(Data!A1:Data!B2)", "Data")).toBe("=SUM(#REF!A1:#REF!B2)");
    expect(withSheetDeleted("=SUM(Data!1:2)", "Data")).toBe("=SUM(#REF!1:2)");
    expect(withSheetDeleted("=\"Data!A1\"&Data2!A1&Data!A1", "Data")).toBe("=\"Data!A1\"&Data2!A1&#REF!A1");
    expect(withSheetDeleted("=[1]Data!A1", "Data")).toBe("=[1]Data!A1");
    expect(withSheetDeleted("=SUM(Jan:Data!A1)", "Data")).toBe("=SUM(Jan:Data!A1)");
    expect(withSheetDeleted("=SUM('Tháng 1:Data'!A1)+Sheet1:Data!B2", "Data")).toBe("=SUM('Tháng 1:Data'!A1)+Sheet1:Data!B2");
  });
});
