/** Renaming a table in the Excel double: as in Excel, every structured reference naming the table follows it. */
import { createExcelDouble } from "./index";
import { run } from "./testing";

describe("a table renamed in the Excel double", () => {
  test("formulas of cells and conditional formats naming it name it anew; text in quotes, columns, longer names and sheet names stay", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [["Unit", "BangKetQua"], ["A", 1], ["B", 2]]);
    d.addSheet("BangKetQua");
    d.addSheet("Mine");
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").tables.add("S!A1:B3", true).name = "BangKetQua";
      await ctx.sync();
    });
    const formulas = [
      "=SUM(BangKetQua[BangKetQua])",
      '=bangketqua[[#Headers],[Unit]]&"BangKetQua[x]"',
      "=ROWS(BangKetQua)",
      "=BangKetQua2[Unit]+BangKetQua!A1+'BangKetQua'!A2",
      "=COUNTA(BangKetQua[[Unit]:[BangKetQua]])",
    ];
    d.setCells("Mine", "A1", formulas.map((formula) => [{ formula }]));
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Mine").getRange("C1:C2").conditionalFormats.add("Custom").custom.rule.formula = "=C1>MAX(BangKetQua[BangKetQua])";
      await ctx.sync();
      ctx.workbook.tables.getItem("BangKetQua").name = "DTI_Results";
      await ctx.sync();
    });
    expect(d.workbook.tables.map((t) => t.name)).toEqual(["DTI_Results"]);
    expect(formulas.map((_, i) => d.cell(`Mine!A${i + 1}`)?.f)).toEqual([
      "=SUM(DTI_Results[BangKetQua])",
      '=DTI_Results[[#Headers],[Unit]]&"BangKetQua[x]"',
      "=ROWS(DTI_Results)",
      "=BangKetQua2[Unit]+BangKetQua!A1+'BangKetQua'!A2",
      "=COUNTA(DTI_Results[[Unit]:[BangKetQua]])",
    ]);
    expect(d.sheet("Mine").conditionalFormats.map((cf) => cf.custom?.formula)).toEqual(["=C1>MAX(DTI_Results[BangKetQua])"]);
  });
});
