/**
 * Chart axes in the Excel double: the value axis's scale (ExcelApi 1.1), where axes cross (ExcelApi
 * 1.8), the labels' font size (ExcelApi 1.1) and every how many categories one is labelled (ExcelApi 1.7).
 */
import { createExcelDouble, type ExcelDouble } from "./index";
import { codeOf, run } from "./testing";

function withChart(requirements?: Record<string, string>): ExcelDouble {
  const d = createExcelDouble(requirements ? { requirements } : {});
  d.addSheet("Data", [["u", "v"], ["a", 120], ["b", 180]]);
  d.addSheet("Charts");
  return d;
}

describe("the value axis's maximum in the Excel double", () => {
  test("a chart starts on the automatic scale; a number sets the axis's end and an empty string gives the automatic scale back", async () => {
    const d = withChart();
    await run(d, async (ctx) => {
      const ch = ctx.workbook.worksheets.getItem("Charts").charts.add("BarClustered", ctx.workbook.worksheets.getItem("Data").getRange("B2:B3"), "Columns");
      ch.name = "total";
      await ctx.sync();
    });
    expect(d.sheet("Charts").charts[0]!.valueAxisMaximum).toBeNull();
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Charts").charts.getItem("total").axes.valueAxis.maximum = 200;
      await ctx.sync();
    });
    expect(d.sheet("Charts").charts[0]!.valueAxisMaximum).toBe(200);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Charts").charts.getItem("total").axes.valueAxis.maximum = "";
      await ctx.sync();
    });
    expect(d.sheet("Charts").charts[0]!.valueAxisMaximum).toBeNull();
  });

  test("anything but a number or an empty string is refused, and a category axis of text takes no maximum", async () => {
    const d = withChart();
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Charts").charts.add("BarClustered", ctx.workbook.worksheets.getItem("Data").getRange("B2:B3"), "Columns").name = "total";
      await ctx.sync();
    });
    const attempt = (set: (chart: Excel.Chart) => void): Promise<string | undefined> =>
      run(d, async (ctx) => {
        set(ctx.workbook.worksheets.getItem("Charts").charts.getItem("total"));
        return codeOf(ctx.sync());
      });
    expect(await attempt((c) => { c.axes.valueAxis.maximum = "auto"; })).toBe("InvalidArgument");
    expect(await attempt((c) => { c.axes.valueAxis.maximum = Number.NaN; })).toBe("InvalidArgument");
    expect(await attempt((c) => { c.axes.categoryAxis.maximum = 5; })).toBe("InvalidArgument");
    expect(d.sheet("Charts").charts[0]!.valueAxisMaximum).toBeNull();
  });

  test("the value axis's minimum starts automatic, takes a number or \"\" back, and the category axis takes none", async () => {
    const d = withChart();
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Charts").charts.add("BarClustered", ctx.workbook.worksheets.getItem("Data").getRange("B2:B3"), "Columns").name = "total";
      await ctx.sync();
    });
    const chart = () => d.sheet("Charts").charts[0]!;
    // Excel picks the scale: with totals of 120 and 180 it would start near 100.
    expect(chart().valueAxisMinimum).toBeNull();
    const attempt = (set: (chart: Excel.Chart) => void): Promise<string | undefined> =>
      run(d, async (ctx) => {
        set(ctx.workbook.worksheets.getItem("Charts").charts.getItem("total"));
        return codeOf(ctx.sync());
      });
    expect(await attempt((c) => { c.axes.valueAxis.minimum = 0; })).toBeUndefined();
    expect(chart().valueAxisMinimum).toBe(0);
    expect(await attempt((c) => { c.axes.categoryAxis.minimum = 0; })).toBe("InvalidArgument");
    expect(await attempt((c) => { c.axes.valueAxis.minimum = "zero"; })).toBe("InvalidArgument");
    expect(chart().valueAxisMinimum).toBe(0);
    expect(await attempt((c) => { c.axes.valueAxis.minimum = ""; })).toBeUndefined();
    expect(chart().valueAxisMinimum).toBeNull();
  });

  test("where the value axis crosses the category axis: Automatic at first, Maximum or Minimum when set, not Custom (ExcelApi 1.8)", async () => {
    const d = withChart();
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Charts").charts.add("BarClustered", ctx.workbook.worksheets.getItem("Data").getRange("B2:B3"), "Columns").name = "total";
      await ctx.sync();
    });
    const chart = () => d.sheet("Charts").charts[0]!;
    expect(chart().categoryAxisPosition).toBe("Automatic");
    expect(chart().valueAxisPosition).toBe("Automatic");
    const attempt = (set: (chart: Excel.Chart) => void): Promise<string | undefined> =>
      run(d, async (ctx) => {
        set(ctx.workbook.worksheets.getItem("Charts").charts.getItem("total"));
        return codeOf(ctx.sync());
      });
    expect(await attempt((c) => { c.axes.categoryAxis.reversePlotOrder = true; c.axes.categoryAxis.position = "Maximum"; })).toBeUndefined();
    expect(chart().categoryAxisPosition).toBe("Maximum");
    expect(chart().reversePlotOrder).toBe(true);
    // A custom crossing is set with setPositionAt, not by naming it.
    expect(await attempt((c) => { c.axes.categoryAxis.position = "Custom"; })).toBe("InvalidArgument");
    expect(chart().categoryAxisPosition).toBe("Maximum");
  });

  test("before ExcelApi 1.8 an axis's position is not found (ApiNotFound as the property is set)", async () => {
    const d = withChart({ ExcelApi: "1.7" });
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Charts").charts.add("BarClustered", ctx.workbook.worksheets.getItem("Data").getRange("B2:B3"), "Columns").name = "total";
      await ctx.sync();
    });
    const code = await run(d, async (ctx) => {
      try {
        ctx.workbook.worksheets.getItem("Charts").charts.getItem("total").axes.categoryAxis.position = "Maximum";
        return undefined;
      } catch (e) {
        return (e as { code?: string }).code;
      }
    });
    expect(code).toBe("ApiNotFound");
    expect(d.sheet("Charts").charts[0]!.categoryAxisPosition).toBe("Automatic");
  });
});

describe("the axis labels' size and spacing in the Excel double", () => {
  async function barChart(d: ExcelDouble): Promise<void> {
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Charts").charts.add("BarClustered", ctx.workbook.worksheets.getItem("Data").getRange("B2:B3"), "Columns").name = "total";
      await ctx.sync();
    });
  }
  const attempt = (d: ExcelDouble, set: (chart: Excel.Chart) => void): Promise<string | undefined> =>
    run(d, async (ctx) => {
      set(ctx.workbook.worksheets.getItem("Charts").charts.getItem("total"));
      return codeOf(ctx.sync());
    });

  test("a chart's labels follow its style until sized; each axis takes a size of its own, a size of 0 or not a number is refused", async () => {
    const d = withChart();
    await barChart(d);
    const chart = () => d.sheet("Charts").charts[0]!;
    expect([chart().categoryAxisLabelSize, chart().valueAxisLabelSize]).toEqual([null, null]);
    expect(await attempt(d, (c) => { c.axes.categoryAxis.format.font.size = 7.5; c.axes.valueAxis.format.font.size = 9; })).toBeUndefined();
    expect([chart().categoryAxisLabelSize, chart().valueAxisLabelSize]).toEqual([7.5, 9]);
    expect(await attempt(d, (c) => { c.axes.categoryAxis.format.font.size = 0; })).toBe("InvalidArgument");
    expect(await attempt(d, (c) => { c.axes.categoryAxis.format.font.size = Number.NaN; })).toBe("InvalidArgument");
    expect(chart().categoryAxisLabelSize).toBe(7.5);
  });

  test("tickLabelSpacing takes 1 through 31999 or \"\" (automatic) on the category axis, and nothing on the value axis, whose spacing Excel always picks", async () => {
    // ChartAxis.tickLabelSpacing: "Can be a value from 1 through 31999 or an empty string for
    // automatic setting."; Axis.TickLabelSpacing: "Applies only to category and series axes."
    const d = withChart();
    await barChart(d);
    const chart = () => d.sheet("Charts").charts[0]!;
    expect(chart().categoryAxisTickLabelSpacing).toBeNull();
    expect(await attempt(d, (c) => { c.axes.categoryAxis.tickLabelSpacing = 3; })).toBeUndefined();
    expect(chart().categoryAxisTickLabelSpacing).toBe(3);
    for (const bad of [0, 32000, 1.5, "2"]) expect([bad, await attempt(d, (c) => { c.axes.categoryAxis.tickLabelSpacing = bad; })]).toEqual([bad, "InvalidArgument"]);
    expect(await attempt(d, (c) => { c.axes.valueAxis.tickLabelSpacing = 2; })).toBe("InvalidArgument");
    expect(chart().categoryAxisTickLabelSpacing).toBe(3);
    expect(await attempt(d, (c) => { c.axes.categoryAxis.tickLabelSpacing = ""; })).toBeUndefined();
    expect(chart().categoryAxisTickLabelSpacing).toBeNull();
  });

  test("before ExcelApi 1.7 tickLabelSpacing is not found (ApiNotFound as the property is set)", async () => {
    const d = withChart({ ExcelApi: "1.6" });
    await barChart(d);
    const code = await run(d, async (ctx) => {
      try {
        ctx.workbook.worksheets.getItem("Charts").charts.getItem("total").axes.categoryAxis.tickLabelSpacing = 2;
        return undefined;
      } catch (e) {
        return (e as { code?: string }).code;
      }
    });
    expect(code).toBe("ApiNotFound");
  });
});
