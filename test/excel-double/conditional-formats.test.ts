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

describe("colour scales and data bars in the Excel double", () => {
  const onB = async (d: ReturnType<typeof createExcelDouble>, set: (cf: { colorScale: Excel.ColorScaleConditionalFormat; dataBar: Excel.DataBarConditionalFormat }) => void, type: "ColorScale" | "DataBar") =>
    codeOf(run(d, async (ctx) => {
      set(ctx.workbook.worksheets.getItem("S").getRange("B2:B9").conditionalFormats.add(type) as never);
      await ctx.sync();
    }));

  test("a data bar keeps where it starts and ends (ConditionalDataBarRule: a type, a formula for Number, Percent, Formula, Percentile)", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    expect(await onB(d, (cf) => {
      cf.dataBar.lowerBoundRule = { type: "Number", formula: "0" };
      cf.dataBar.upperBoundRule = { type: "Percentile", formula: "90" };
    }, "DataBar")).toBeUndefined();
    expect(await onB(d, (cf) => {
      cf.dataBar.lowerBoundRule = { type: "LowestValue" };
      cf.dataBar.upperBoundRule = { type: "Formula", formula: "=MAX($B$2:$B$9)" };
    }, "DataBar")).toBeUndefined();
    expect(d.sheet("S").conditionalFormats.map((c) => c.dataBar)).toEqual([
      { lowerBoundRule: { type: "Number", formula: "0" }, upperBoundRule: { type: "Percentile", formula: "90" } },
      { lowerBoundRule: { type: "LowestValue" }, upperBoundRule: { type: "Formula", formula: "=MAX($B$2:$B$9)" } },
    ]);
    for (const bad of [{ type: "Smallest" }, { type: "Number" }, { type: "Number", formula: "không" }, { type: "Percent", formula: "150" }, { type: "Formula", formula: "MAX(B:B)" }, { type: "Invalid" }]) {
      expect([bad, await onB(d, (cf) => { cf.dataBar.lowerBoundRule = bad as Excel.ConditionalDataBarRule; }, "DataBar")]).toEqual([bad, "InvalidArgument"]);
    }
    // On a colour scale, a data bar's rule is refused.
    expect(await onB(d, (cf) => { cf.dataBar.lowerBoundRule = { type: "Number", formula: "0" }; }, "ColorScale")).toBe("InvalidOperation");
  });

  test("a colour scale keeps its criteria (minimum, an optional midpoint, maximum: a type, a formula when it needs one, a colour)", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    expect(await onB(d, (cf) => {
      cf.colorScale.criteria = {
        minimum: { type: "LowestValue", formula: null as never, color: "#f8696b" },
        midpoint: { type: "Percentile", formula: "50", color: "#FFEB84" },
        maximum: { type: "HighestValue", color: "#63BE7B" },
      };
    }, "ColorScale")).toBeUndefined();
    expect(await onB(d, (cf) => {
      cf.colorScale.criteria = { minimum: { type: "Number", formula: "0", color: "red" }, maximum: { type: "Number", formula: "1", color: "#63BE7B" } };
    }, "ColorScale")).toBeUndefined();
    expect(d.sheet("S").conditionalFormats.map((c) => c.colorScale?.criteria)).toEqual([
      { minimum: { type: "LowestValue", color: "#F8696B" }, midpoint: { type: "Percentile", formula: "50", color: "#FFEB84" }, maximum: { type: "HighestValue", color: "#63BE7B" } },
      { minimum: { type: "Number", formula: "0", color: "#FF0000" }, maximum: { type: "Number", formula: "1", color: "#63BE7B" } },
    ]);
    const point = { type: "Number", formula: "1", color: "#63BE7B" };
    for (const bad of [
      { minimum: { type: "Lowest", color: "#F8696B" }, maximum: point },
      { minimum: { type: "Number", color: "#F8696B" }, maximum: point },
      { minimum: { type: "LowestValue", color: "đỏ" }, maximum: point },
      { minimum: { type: "Automatic", color: "#F8696B" }, maximum: point },
      { minimum: { type: "LowestValue", color: "#F8696B" } },
      { minimum: point, midpoint: { type: "Percentile", formula: "-5", color: "#FFEB84" }, maximum: point },
    ]) {
      expect([bad, await onB(d, (cf) => { cf.colorScale.criteria = bad as never; }, "ColorScale")]).toEqual([bad, "InvalidArgument"]);
    }
    expect(await onB(d, (cf) => { cf.colorScale.criteria = { minimum: point, maximum: point } as never; }, "DataBar")).toBe("InvalidOperation");
  });
});
