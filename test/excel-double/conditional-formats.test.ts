/**
 * Custom conditional formats in the Excel double, as Office.js documents them (ExcelApi 1.6):
 * `conditionalFormats.add(Excel.ConditionalFormatType.custom)`, its `custom.rule.formula` and
 * `custom.format.font`; queued like every other command, read back only once loaded, refused on
 * another type, cleared with the range's formats, and renamed with the sheets their formula names.
 * Clearing part of a rule's cells takes only those out of what it applies to, as in Excel.
 */
import { rectAddress } from "./address";
import { createExcelDouble, type ExcelDouble } from "./index";
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
        expect.objectContaining({ type: "Custom", areas: [{ row: 1, col: 0, rows: 1, cols: 1 }], custom: { formula: "=COUNTIFS('_index'!$A:$A,\"inputs\",'_index'!$C:$C,\">0\")>0", font: { color: "#C00000", bold: true } } }),
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

  test("a range's rules are those that take a cell of it: loaded with their id, type and (customOrNullObject) formula; one is deleted by its id, the others stay", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.getRange("A1").conditionalFormats.add("Custom").custom.rule.formula = "=A1>1";
      ws.getRange("A1:C3").conditionalFormats.add("ColorScale");
      ws.getRange("B2").conditionalFormats.add("Custom").custom.rule.formula = "=B2>2";
      await ctx.sync();
      const found = ws.getRange("A1").conditionalFormats.load("items/id,items/type,items/customOrNullObject/rule/formula");
      await ctx.sync();
      expect(found.items.map((f) => f.type)).toEqual(["Custom", "ColorScale"]);
      expect(found.items[0]!.customOrNullObject.rule.formula).toBe("=A1>1");
      expect(found.items[1]!.customOrNullObject.isNullObject).toBe(true);
      ws.getRange("A1").conditionalFormats.getItem(found.items[0]!.id).delete();
      await ctx.sync();
      expect(d.sheet("S").conditionalFormats.map((c) => c.type)).toEqual(["ColorScale", "Custom"]);
      // An id not among the range's rules is not found.
      ws.getRange("A1").conditionalFormats.getItem(found.items[0]!.id).delete();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
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

describe("clearing rules from part of a conditional format's cells, as in Excel", () => {
  /** A custom rule, a colour scale and a data bar over A1:D10 of sheet S. */
  async function rulesOverA1D10(): Promise<ExcelDouble> {
    const d = createExcelDouble();
    d.addSheet("S");
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1:D10");
      const custom = r.conditionalFormats.add("Custom");
      custom.custom.rule.formula = "=AND($A1<>\"\",B1>$F$1,'Sheet A1'!A1>0)";
      custom.custom.format.font.color = "#C00000";
      r.conditionalFormats.add("ColorScale").colorScale.criteria = { minimum: { type: "LowestValue", color: "#F8696B" }, maximum: { type: "HighestValue", color: "#63BE7B" } } as never;
      r.conditionalFormats.add("DataBar").dataBar.lowerBoundRule = { type: "Number", formula: "0" };
      await ctx.sync();
    });
    return d;
  }
  /** Each rule of S: its type and the areas it applies to, as addresses. */
  const appliesTo = (d: ExcelDouble) => d.sheet("S").conditionalFormats.map((c) => [c.type, c.areas.map(rectAddress)]);
  const clearing = (d: ExcelDouble, how: (ctx: Excel.RequestContext, range: (address: string) => Excel.Range) => void) =>
    run(d, async (ctx) => {
      how(ctx, (address) => ctx.workbook.worksheets.getItem("S").getRange(address));
      await ctx.sync();
    });
  /** The custom rule's formula, as the double keeps it. */
  const formula = (d: ExcelDouble) => d.sheet("S").conditionalFormats.find((c) => c.type === "Custom")?.custom?.formula;

  test("clearAll on B2:C3 leaves each rule over the cells around them: four areas, the formula as it was (its top-left cell A1 stays)", async () => {
    const d = await rulesOverA1D10();
    const ids = d.sheet("S").conditionalFormats.map((c) => c.id);
    await clearing(d, (_, range) => range("B2:C3").conditionalFormats.clearAll());
    const around = ["A1:D1", "A2:A3", "D2:D3", "A4:D10"];
    expect(appliesTo(d)).toEqual([["Custom", around], ["ColorScale", around], ["DataBar", around]]);
    // The same rules, in the same order (priority), with what they had.
    expect(d.sheet("S").conditionalFormats.map((c) => c.id)).toEqual(ids);
    expect(formula(d)).toBe("=AND($A1<>\"\",B1>$F$1,'Sheet A1'!A1>0)");
    expect(d.sheet("S").conditionalFormats[2]!.dataBar).toEqual({ lowerBoundRule: { type: "Number", formula: "0" } });
  });

  test("Range.clear(\"All\") and clear(\"Formats\") trim the rules the same way; clear(\"Contents\") leaves them whole", async () => {
    const d = await rulesOverA1D10();
    await clearing(d, (_, range) => range("B2:C3").clear("Contents"));
    expect(appliesTo(d).map(([, areas]) => areas)).toEqual([["A1:D10"], ["A1:D10"], ["A1:D10"]]);
    await clearing(d, (_, range) => range("B2:C3").clear("All"));
    expect(appliesTo(d).map(([, areas]) => areas)).toEqual(Array(3).fill(["A1:D1", "A2:A3", "D2:D3", "A4:D10"]));
    // Clearing the formats of D1:D10 takes the right-hand column out of every area it cut.
    await clearing(d, (_, range) => range("D1:D10").clear("Formats"));
    expect(appliesTo(d).map(([, areas]) => areas)).toEqual(Array(3).fill(["A1:C1", "A2:A3", "A4:C10"]));
  });

  test("a rule wholly inside the range cleared is deleted, by clearAll or by clear(\"All\") on a larger range; a rule elsewhere stays", async () => {
    const d = await rulesOverA1D10();
    await clearing(d, (_, range) => range("F1").conditionalFormats.add("DataBar"));
    await clearing(d, (_, range) => range("A1:D10").conditionalFormats.clearAll());
    expect(appliesTo(d)).toEqual([["DataBar", ["F1"]]]);
    const e = await rulesOverA1D10();
    await clearing(e, (_, range) => range("A1:D3").clear("All"));
    await clearing(e, (_, range) => range("A4:E12").clear("All"));
    expect(e.sheet("S").conditionalFormats).toHaveLength(0);
  });

  test("when the rule's top-left cell is cleared, its relative references move to the new top-left cell: each cell left tests what it tested", async () => {
    const d = await rulesOverA1D10();
    await clearing(d, (_, range) => range("A1:D3").conditionalFormats.clearAll());
    expect(appliesTo(d)[0]).toEqual(["Custom", ["A4:D10"]]);
    // Written for A4 now: $A1 → $A4, B1 → B4, the other sheet's A1 → A4; $F$1 stays; the text stays.
    expect(formula(d)).toBe("=AND($A4<>\"\",B4>$F$1,'Sheet A1'!A4>0)");
    // Column A too: written for B4; $A4 keeps its column.
    await clearing(d, (_, range) => range("A:A").clear("Formats"));
    expect(appliesTo(d)[0]).toEqual(["Custom", ["B4:D10"]]);
    expect(formula(d)).toBe("=AND($A4<>\"\",C4>$F$1,'Sheet A1'!B4>0)");
  });

  test("the rule's formula reads back through Office.js as moved, in the request that trimmed it", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    const read = await run(d, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("S");
      const cf = sheet.getRange("B2:B9").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=B2>AVERAGE($B$2:$B$9)";
      await ctx.sync();
      sheet.getRange("B2:B4").conditionalFormats.clearAll();
      const rule = cf.custom.rule.load("formula");
      await ctx.sync();
      return rule.formula;
    });
    expect(read).toBe("=B5>AVERAGE($B$2:$B$9)");
    expect(d.sheet("S").conditionalFormats.map((c) => c.areas.map(rectAddress))).toEqual([["B5:B9"]]);
  });

  test("the areas of a trimmed rule move down with whole rows inserted above them and grow with rows inserted between", async () => {
    const d = await rulesOverA1D10();
    await clearing(d, (_, range) => range("B2:C3").conditionalFormats.clearAll());
    await clearing(d, (_, range) => range("3:4").insert("Down"));
    expect(appliesTo(d)[0]).toEqual(["Custom", ["A1:D1", "A2:A5", "D2:D5", "A6:D12"]]);
  });

  test("a protected sheet refuses clearAll over locked cells, and the rule keeps all its cells", async () => {
    const d = await rulesOverA1D10();
    d.sheet("S").protection = { protected: true, options: { ...d.sheet("S").protection.options }, password: null };
    expect(await codeOf(clearing(d, (_, range) => range("B2:C3").conditionalFormats.clearAll()))).toBe("AccessDenied");
    expect(appliesTo(d).map(([, areas]) => areas)).toEqual(Array(3).fill(["A1:D10"]));
  });
});
