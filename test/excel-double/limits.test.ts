/**
 * Excel's specifications and limits that the Excel double enforces, as Excel refuses them through
 * its API (InvalidArgument): 32,767 characters in a cell, 8,192 in a formula, 255 in a text value
 * inside a formula, 255 series in a chart.
 */
import { createExcelDouble } from "./index";
import { codeOf, run } from "./testing";

const write = (d: ReturnType<typeof createExcelDouble>, cell: string, how: "values" | "formulas", v: string) =>
  codeOf(run(d, async (ctx) => {
    ctx.workbook.worksheets.getItem("S").getRange(cell)[how] = [[v]];
    await ctx.sync();
  }));

describe("Excel's limits in the double", () => {
  test("a cell takes 32,767 characters, not one more; the cell keeps what it had", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [["trước"]]);
    expect(await write(d, "A1", "values", "x".repeat(32_768))).toBe("InvalidArgument");
    expect(d.value("S!A1")).toBe("trước");
    expect(await write(d, "A1", "values", "ư".repeat(32_767))).toBeUndefined();
    expect(String(d.value("S!A1"))).toHaveLength(32_767);
  });

  test("a formula takes 8,192 characters, written as a formula or as a value that Excel makes one", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    const long = `=${Array.from({ length: 1400 }, () => "A1").join("+")}`;
    expect(long.length).toBeGreaterThan(4000);
    expect(await write(d, "A1", "formulas", long)).toBeUndefined();
    const tooLong = `=${Array.from({ length: 2731 }, () => "A1").join("+")}`;
    expect(tooLong.length).toBe(8_193);
    expect(await write(d, "A2", "formulas", tooLong)).toBe("InvalidArgument");
    expect(await write(d, "A2", "values", tooLong)).toBe("InvalidArgument");
    expect(await write(d, "A2", "formulas", tooLong.slice(0, 8_192))).toBeUndefined();
    expect(d.cell("S!A2")?.f).toHaveLength(8_192);
    // In a text cell it is text, and only the cell's own limit applies.
    d.sheet("S").cell(2, 0).nf = "@";
    expect(await write(d, "A3", "values", tooLong)).toBeUndefined();
    expect(d.value("S!A3")).toBe(tooLong);
  });

  test("a text value in a formula takes 255 characters (a doubled quote counts once)", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    expect(await write(d, "A1", "formulas", `="${"a".repeat(255)}"`)).toBeUndefined();
    expect(await write(d, "A2", "formulas", `=IF(B1>0,"${"a".repeat(256)}","")`)).toBe("InvalidArgument");
    expect(await write(d, "A2", "formulas", `="${'""'.repeat(255)}"`)).toBeUndefined();
    expect(await write(d, "A2", "formulas", `="${'""'.repeat(256)}"`)).toBe("InvalidArgument");
    // Long text made of pieces of at most 255 is fine.
    expect(await write(d, "A3", "formulas", `="${"a".repeat(255)}"&"${"b".repeat(255)}"`)).toBeUndefined();
  });

  test("a chart holds 255 series: adding the 256th fails, as does a source of 256 columns", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [Array.from({ length: 256 }, (_, i) => i)]);
    expect(await codeOf(run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.charts.add("Line", ws.getRange("A1:IV2"), "Columns");
      await ctx.sync();
    }))).toBe("InvalidArgument");
    const count = await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      const chart = ws.charts.add("Line", ws.getRange("A1:B2"), "Columns");
      for (let i = 2; i < 255; i++) chart.series.add(`s${i}`);
      await ctx.sync();
      const series = chart.series.load("items/name");
      await ctx.sync();
      return series.items.length;
    });
    expect(count).toBe(255);
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").charts.getItem("Chart 1").series.add("s256");
      await ctx.sync();
    }))).toBe("InvalidArgument");
    expect(d.sheet("S").charts[0]!.series).toHaveLength(255);
  });

  test("a series' name is at most 255 characters long, added or set: a longer one fails the request (ChartSeries.name)", async () => {
    const d = createExcelDouble().install();
    d.addSheet("S");
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.getRange("A1:B2").values = [[1, 2], [3, 4]];
      ws.charts.add("Line", ws.getRange("A1:B2"), "Columns");
      await ctx.sync();
    });
    const series = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("S").charts.getItem("Chart 1").series;
    await run(d, async (ctx) => {
      series(ctx).add("x".repeat(255));
      await ctx.sync();
    });
    expect(await codeOf(run(d, async (ctx) => {
      series(ctx).add("x".repeat(256));
      await ctx.sync();
    }))).toBe("InvalidArgument");
    expect(await codeOf(run(d, async (ctx) => {
      series(ctx).getItemAt(0).name = "y".repeat(256);
      await ctx.sync();
    }))).toBe("InvalidArgument");
    // Neither failed request changed a name: the one of 255 characters is there, none longer.
    const lengths = d.sheet("S").charts[0]!.series.map((s) => s.name.length);
    expect(lengths.at(-1)).toBe(255);
    expect(lengths.filter((n) => n > 255)).toEqual([]);
  });
});
