/** The plan's charts as native Excel charts, found again (matchCharts: by name, or one the user renamed) so a second run updates them. */
import { categoryAxisLabels, valueLabelSize, writesTitle } from "../../core/plan/charts";
import type { ChartKind, ChartPlan } from "../../core/types";
import { quoteSheet } from "./address";
import { sheetOf } from "./proxies";
import { opBytes, type RequestPacker } from "./payload";
import type { Capabilities } from "./requirements";

export const CHART_TYPE: Record<ChartKind, "BarClustered" | "BarStacked" | "Radar"> = {
  barSorted: "BarClustered",
  stackedBar: "BarStacked",
  radar: "Radar",
};

export interface ExistingChart {
  /**
   * Its name now: the plan's, or the one the user gave the project's chart (matchCharts), which it
   * keeps; no other chart on its sheet has it (ChartCollection.getItem finds the first of a name).
   */
  name: string;
  /** Number of series the chart has now. */
  seriesCount: number;
  /** The title it shows now. */
  title?: string;
}

/** The chart types the plan's kinds are drawn as, back to the kind (undefined: a type the project does not draw). */
export function kindOfChartType(type: string): ChartKind | undefined {
  return (Object.keys(CHART_TYPE) as ChartKind[]).find((k) => CHART_TYPE[k] === type);
}

/**
 * Whether a chart gets the plan's title: one made now, or one that shows none or one of the
 * project's own titles (ChartPlan.ourTitles); a title the user gave it stays.
 */
export function retitles(plan: ChartPlan, existing: ExistingChart | undefined): boolean {
  return writesTitle(plan, existing?.title);
}

function dataRange(ctx: Excel.RequestContext, sheet: string, address: string): Excel.Range {
  return sheetOf(ctx, sheet).getRange(address);
}

/** Queues the commands that create or update one chart on `sheet`. */
export function queueChart(packer: RequestPacker, sheet: string, plan: ChartPlan, existing: ExistingChart | undefined, caps: Pick<Capabilities, "chartAxisPosition">): void {
  // The chart, its title, axes with their labels' font and the bars' values (about 15 paths and 15 actions), then
  // per series its item and the range of its values, and 4 actions; the plan's text for the arguments.
  packer.add(opBytes(15, 15) + plan.series.length * opBytes(2, 4) + opBytes(0, 0, plan), (ctx) => {
    const charts = sheetOf(ctx, sheet).charts;
    const first = plan.series[0];
    let chart: Excel.Chart;
    let have: number;
    if (existing) {
      chart = charts.getItem(existing.name);
      chart.chartType = CHART_TYPE[plan.kind];
      have = existing.seriesCount;
    } else {
      // A one-column source makes one series, which is then pointed at the plan's ranges.
      chart = charts.add(CHART_TYPE[plan.kind], dataRange(ctx, plan.dataSheet, first?.values ?? plan.categories), "Columns");
      chart.name = plan.name;
      have = 1;
    }
    if (retitles(plan, existing)) chart.title.text = plan.title;
    if (plan.kind !== "radar") {
      if (plan.xAxisTitle !== undefined) chart.axes.categoryAxis.title.text = plan.xAxisTitle;
      if (plan.yAxisTitle !== undefined) chart.axes.valueAxis.title.text = plan.yAxisTitle;
      // Bar charts draw the first category at the bottom; reversed, rank 1 is on top. The value
      // axis crosses at the first category, now on top: crossing at the last one keeps it at the
      // bottom (ExcelApi 1.8; before, Excel draws it above the bars).
      chart.axes.categoryAxis.reversePlotOrder = true;
      if (caps.chartAxisPosition) chart.axes.categoryAxis.position = "Maximum";
      // The units' names as large as each unit's share of the chart's height allows, each named
      // (with a few hundred units, every second, third… from rank 1), as the file host draws them:
      // left to itself, Excel skips the labels it finds no room for. Set on every run, so that a
      // chart updated in place does not keep the spacing of a run with more units.
      const labels = categoryAxisLabels(plan);
      if (labels) {
        chart.axes.categoryAxis.format.font.size = labels.size;
        chart.axes.categoryAxis.tickLabelSpacing = labels.skip;
      }
      // Each bar's value at its end, as large as the names, in its cell's number format (ExcelApi
      // 1.1), so every printed page of a tall chart shows its figures; set on every run, so a chart
      // updated in place for many more units (names skipped, values would overlap) drops them.
      const valueSize = valueLabelSize(plan);
      chart.dataLabels.showValue = valueSize !== undefined;
      if (valueSize !== undefined) {
        chart.dataLabels.position = "OutsideEnd";
        chart.dataLabels.format.font.size = valueSize;
        // On white, so that no gridline runs through the digits (ChartFill, ExcelApi 1.1).
        chart.dataLabels.format.fill.setSolidColor("#FFFFFF");
      }
    }
    // The value axis ends at the most a bar can reach; "" (automatic) when the plan sets no end,
    // so a chart updated in place does not keep an end from an earlier run. It starts at 0: on its
    // own, Excel starts it near the smallest value when the totals are close, and short bars then
    // look like nothing.
    chart.axes.valueAxis.maximum = plan.valueAxisMax ?? "";
    chart.axes.valueAxis.minimum = 0;
    chart.setPosition(plan.from, plan.to);
    const categories = dataRange(ctx, plan.dataSheet, plan.categories);
    plan.series.forEach((s, i) => {
      const series = i < have ? chart.series.getItemAt(i) : chart.series.add(s.name);
      series.name = s.name;
      series.setValues(dataRange(ctx, plan.dataSheet, s.values));
      series.setXAxisValues(categories);
    });
    for (let i = have - 1; i >= plan.series.length; i--) chart.series.getItemAt(i).delete();
  }, { sheet });
}

export { quoteSheet };
