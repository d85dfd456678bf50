/**
 * Custom conditional formats in the Excel double, as Office.js documents them (ExcelApi 1.6):
 * `conditionalFormats.add(Excel.ConditionalFormatType.custom)`, its `custom.rule.formula` and
 * `custom.format.font`; queued like every other command, read back only once loaded, refused on
 * another type, cleared with the range's formats, and renamed with the sheets their formula names.
 */
import { createExcelDouble } from "./index";
import { codeOf, run } from "./testing";

describe("a custom conditional format in the Excel double", () => {
  test("keeps its formula and font, reads them back once loaded, and reads unset properties as null", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    d.addSheet("_index");
    await run(d, async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem("S").getRange("A2").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=COUNTIFS('_index'!$A:$A,\"inputs\",'_index'!$C:$C,\">0\")>0";
      cf.custom.format.font.color = "#c00000";
      cf.custom.format.font.bold = true;
      // Nothing reaches the workbook before the sync.
      expect(d.sheet("S").conditionalFormats).toHaveLength(0);
      await ctx.sync();
      expect(d.sheet("S").conditionalFormats).toEqual([
        expect.objectContaining({ type: "Custom", row: 1, col: 0, rows: 1, cols: 1, custom: { formula: "=COUNTIFS('_index'!$A:$A,\"inputs\",'_index'!$C:$C,\">0\")>0", font: { color: "#C00000", bold: true } } }),
      ]);
      const loaded = cf.load("type,custom/rule/formula,custom/format/font/color,custom/format/font/bold,custom/format/font/italic,custom/format/fill/color");
      expect(() => loaded.type).toThrow();
      await ctx.sync();
      expect(loaded.type).toBe("Custom");
      expect(loaded.custom.rule.formula).toBe("=COUNTIFS('_index'!$A:$A,\"inputs\",'_index'!$C:$C,\">0\")>0");
      expect([loaded.custom.format.font.color, loaded.custom.format.font.bold, loaded.custom.format.font.italic, loaded.custom.format.fill.color]).toEqual(["#C00000", true, null, null]);
    });
  });

  test("`custom` of a colour scale fails, as does a font colour that is not one; the commands before them stand, as in Excel", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    expect(
      await codeOf(
        run(d, async (ctx) => {
          const cf = ctx.workbook.worksheets.getItem("S").getRange("B2:B9").conditionalFormats.add("ColorScale");
          cf.custom.rule.formula = "=B2>1";
          await ctx.sync();
        }),
      ),
    ).toBe("InvalidOperation");
    expect(
      await codeOf(
        run(d, async (ctx) => {
          const cf = ctx.workbook.worksheets.getItem("S").getRange("A1").conditionalFormats.add("Custom");
          cf.custom.format.font.color = "rouge";
          await ctx.sync();
        }),
      ),
    ).toBe("InvalidArgument");
    expect(d.sheet("S").conditionalFormats.map((c) => [c.type, c.custom])).toEqual([
      ["ColorScale", undefined],
      ["Custom", {}],
    ]);
  });

  test("is cleared with the range's formats or all the range's conditional formats, not with its contents", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [["x"], ["y"]]);
    const add = (ctx: Excel.RequestContext) => {
      const cf = ctx.workbook.worksheets.getItem("S").getRange("A2").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=A2<>\"\"";
      cf.custom.format.font.color = "#C00000";
    };
    await run(d, async (ctx) => {
      add(ctx);
      ctx.workbook.worksheets.getItem("S").getRange("A1:A2").clear("Contents");
      await ctx.sync();
    });
    expect(d.sheet("S").conditionalFormats).toHaveLength(1);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange().conditionalFormats.clearAll();
      await ctx.sync();
    });
    expect(d.sheet("S").conditionalFormats).toHaveLength(0);
    await run(d, async (ctx) => {
      add(ctx);
      ctx.workbook.worksheets.getItem("S").getRange().clear("All");
      await ctx.sync();
    });
    expect(d.sheet("S").conditionalFormats).toHaveLength(0);
  });

  test("its formula names a renamed sheet by its new name, as every formula of the workbook; text in quotes stays", async () => {
    const d = createExcelDouble();
    d.addSheet("Kết quả");
    d.addSheet("Ghi chú");
    await run(d, async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem("Ghi chú").getRange("A1").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=AND(A1>'Kết quả'!$D$5,\"'Kết quả'!D5\"<>\"\")";
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Kết quả").name = "Results";
      await ctx.sync();
    });
    expect(d.sheet("Ghi chú").conditionalFormats[0]!.custom!.formula).toBe("=AND(A1>Results!$D$5,\"'Kết quả'!D5\"<>\"\")");
  });

  test("needs ExcelApi 1.6, like every conditional format", async () => {
    const d = createExcelDouble({ requirements: { ExcelApi: "1.5" } });
    d.addSheet("S");
    expect(
      await codeOf(
        run(d, async (ctx) => {
          ctx.workbook.worksheets.getItem("S").getRange("A1").conditionalFormats.add("Custom");
          await ctx.sync();
        }),
      ),
    ).toBe("ApiNotFound");
  });
});
