/** Chart.axes.valueAxis.maximum (ExcelApi 1.1) in the Excel double. */
import { createExcelDouble, type ExcelDouble } from "./index";
import { codeOf, run } from "./testing";



function withChart(): ExcelDouble {
  const d = createExcelDouble();
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
});
