/**
 * The charts the Excel host writes end their value axis at the most a unit can reach, and name the
 * units on their category axis as the file host does: as large as each unit's share of the chart's
 * height allows, every unit (or, with a few hundred, every second, third… from rank 1).
 */
import { runScoring } from "../../src/core/pipeline";
import { CHART_NAMES, SHEET_NAMES } from "../../src/core/plan";
import { categoryAxisLabels, valueLabelSize } from "../../src/core/plan/charts";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { departmentModel, layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

async function score(double: ExcelDouble, definition: unknown) {
  double.install();
  return runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
}

function chartsSheetName(): string {
  return (SHEET_NAMES as unknown as { charts: { vi: string } }).charts.vi;
}

describe("chart axes in Excel", () => {
  test("the total and the stacked groups end at the index's maximum points, the profile at 1, and a second run updates them in as many requests", async () => {
    const { model } = departmentModel();
    const { double, definition } = await layoutAWorkbook(12);
    await score(double, definition);
    const byName = new Map(double.sheet(chartsSheetName()).charts.map((c) => [c.name, c]));
    expect(model.root.max).toBe(200);
    expect(byName.get(CHART_NAMES.total)?.valueAxisMaximum).toBe(200);
    expect(byName.get(CHART_NAMES.groups)?.valueAxisMaximum).toBe(200);
    expect(byName.get(CHART_NAMES.profile)?.valueAxisMaximum).toBe(1);
    // A second run updates the charts in place, axes included, in as many requests as the first.
    const first = double.syncCount;
    await score(double, definition);
    expect(double.sheet(chartsSheetName()).charts).toHaveLength(3);
    expect(double.sheet(chartsSheetName()).charts.find((c) => c.name === CHART_NAMES.total)?.valueAxisMaximum).toBe(200);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    // The axis rides in the chart's write request: an update takes as many requests as the first
    // run, whose lookup request (the fills under its marks) also finds the charts that exist and
    // where the marks' notes are now.
    const update = double.syncCount - first;
    expect(update).toBe(first);
    await score(double, definition);
    expect(double.syncCount - first - update).toBe(update);
  });

  test("bar charts keep their value axis at the bottom under the reversed categories, and every value axis starts at 0", async () => {
    const { double, definition } = await layoutAWorkbook(6);
    // Close totals: Excel alone would start the axis near the smallest.
    await score(double, definition);
    const charts = double.sheet(chartsSheetName()).charts;
    const bars = charts.filter((c) => c.chartType !== "Radar");
    expect(bars.length).toBe(2);
    for (const c of bars) {
      expect(c.reversePlotOrder).toBe(true);
      expect(c.categoryAxisPosition).toBe("Maximum");
    }
    for (const c of charts) expect(c.valueAxisMinimum).toBe(0);
    // Updated in place, they keep both.
    await score(double, definition);
    expect(double.sheet(chartsSheetName()).charts.filter((c) => c.chartType !== "Radar").map((c) => c.categoryAxisPosition)).toEqual(["Maximum", "Maximum"]);
  });

  test("the total's bars show their values at their ends, as large as the names, so every printed page of a tall chart has its figures; the groups' and the profile's do not", async () => {
    const { double, definition } = await layoutAWorkbook(100);
    const { plan } = await score(double, definition);
    const planned = plan!.owned.find((o) => o.name === chartsSheetName())!.charts.find((c) => c.name === CHART_NAMES.total)!;
    const byName = new Map(double.sheet(chartsSheetName()).charts.map((c) => [c.name, c]));
    const total = byName.get(CHART_NAMES.total)!;
    expect(total.dataLabelsShowValue).toBe(true);
    expect(total.dataLabelsPosition).toBe("OutsideEnd");
    expect(total.dataLabelsFontSize).toBe(total.categoryAxisLabelSize);
    // On white: the gridlines do not run through the digits.
    expect(total.dataLabelsFill).toBe("#FFFFFF");
    expect(valueLabelSize(planned)).toBe(total.categoryAxisLabelSize);
    expect(byName.get(CHART_NAMES.groups)!.dataLabelsShowValue).toBe(false);
    expect(byName.get(CHART_NAMES.profile)!.dataLabelsShowValue).not.toBe(true);
    // A chart too crowded to name every unit shows no values either: they would overlap as much.
    expect(valueLabelSize({ ...planned, from: "A1", to: "R40", categories: `'${chartsSheetName()}'!A2:A2001` })).toBeUndefined();
  }, 60_000);

  test("on ExcelApi 1.7 (no axis positions) the charts are still written, their value axes starting at 0", async () => {
    const { double, definition } = await layoutAWorkbook(3, { requirements: { ExcelApi: "1.7" } });
    await score(double, definition);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    const charts = double.sheet(chartsSheetName()).charts;
    expect(charts).toHaveLength(3);
    expect(charts.every((c) => c.valueAxisMinimum === 0 && c.categoryAxisPosition === "Automatic")).toBe(true);
  });

  test("the bar charts name every unit in 9 pt with a dozen units and in 8 pt or more with 100 (the total's chart taller than a page, the groups' the first and last), as the file host does, in as many requests, printing the charts only; updated with fewer units, still one chart of each", async () => {
    const run = async (units: number) => {
      const { double, definition } = await layoutAWorkbook(units);
      double.resetCounters();
      const { plan } = await score(double, definition);
      expect(double.requests.every((r) => r.ok)).toBe(true);
      const planned = plan!.owned.find((o) => o.name === chartsSheetName())!.charts;
      const charts = double.sheet(chartsSheetName()).charts;
      const labels = (name: string) => {
        const c = charts.find((x) => x.name === name)!;
        return { size: c.categoryAxisLabelSize, spacing: c.categoryAxisTickLabelSpacing };
      };
      // What the file host draws for the same plan (categoryAxisLabels) is what Excel shows.
      for (const p of planned.filter((c) => c.kind !== "radar")) {
        const want = categoryAxisLabels(p)!;
        expect([p.name, labels(p.name)]).toEqual([p.name, { size: want.size, spacing: want.skip }]);
      }
      // The radar's labels are left to Excel.
      expect(labels(CHART_NAMES.profile)).toEqual({ size: null, spacing: null });
      return { double, definition, syncs: double.syncCount, total: labels(CHART_NAMES.total), groups: labels(CHART_NAMES.groups) };
    };
    const few = await run(12);
    expect(few.total).toEqual({ size: 9, spacing: 1 });
    expect(few.groups).toEqual({ size: 9, spacing: 1 });
    // 100 units: the total's chart grows down the sheet and names each at 8 pt or more; the
    // groups' chart shows the first and last by rank, each named.
    const many = await run(100);
    expect(many.total.spacing).toBe(1);
    expect(many.total.size).toBeGreaterThanOrEqual(8);
    expect(many.groups.spacing).toBe(1);
    expect(many.syncs).toBe(few.syncs);
    // The sheet prints its charts only: the print area ends under the last one.
    const printed = many.double.sheet(chartsSheetName()).pageLayout.printArea!;
    const lastRow = Math.max(...many.double.sheet(chartsSheetName()).charts.map((c) => Number(/\d+$/.exec(c.position?.end ?? c.position?.start ?? "0")![0])));
    expect(printed.row).toBe(0);
    expect(printed.row + printed.rows).toBeGreaterThan(lastRow);
    // 100 forms, 60 of them set aside: the charts updated in place name every unit again, larger.
    many.double.workbook.sheets = many.double.workbook.sheets.filter((s) => !/^Đơn vị số (\d+)$/.test(s.name) || Number(/\d+$/.exec(s.name)![0]) <= 40);
    await score(many.double, many.definition);
    // Updated by name: still one chart of each.
    expect(many.double.sheet(chartsSheetName()).charts.map((c) => c.name).sort()).toEqual([CHART_NAMES.total, CHART_NAMES.groups, CHART_NAMES.profile].sort());
    const total = many.double.sheet(chartsSheetName()).charts.find((c) => c.name === CHART_NAMES.total)!;
    expect(total.categoryAxisTickLabelSpacing).toBe(1);
    expect(total.categoryAxisLabelSize).toBeGreaterThan(6);
  }, 120_000);
});
