/**
 * A chart title the person changed stays: a second run, in the same language or the other one,
 * writes the project's title only on a chart that shows one of the project's titles (the one the
 * last run wrote, recorded in `_index`, or the title in either language) or none.
 */
import { runScoring } from "../../src/core/pipeline";
import { CHART_NAMES, SHEET_NAMES } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

async function score(double: ExcelDouble, definition: unknown, lang: "vi" | "en") {
  double.install();
  await runScoring(new ExcelHost(), { definition, lang, projectVersion: "test", now });
}

const chartsSheet = (lang: "vi" | "en") => (SHEET_NAMES as unknown as Record<string, Record<string, string>>).charts![lang]!;

test("a chart the person retitled keeps their title run after run and across a language switch; the others take the run's language", async () => {
  const { double, definition } = await layoutAWorkbook(6);
  await score(double, definition, "vi");
  const chart = (lang: "vi" | "en", name: string) => double.sheet(chartsSheet(lang)).charts.find((c) => c.name === name)!;
  const ours = chart("vi", CHART_NAMES.groups).title;
  const mine = "Tổng điểm các sở — bản trình UBND tỉnh";
  chart("vi", CHART_NAMES.total).title = mine;
  await score(double, definition, "vi");
  expect(chart("vi", CHART_NAMES.total).title).toBe(mine);
  expect(chart("vi", CHART_NAMES.groups).title).toBe(ours);
  await score(double, definition, "en");
  expect(chart("en", CHART_NAMES.total).title).toBe(mine);
  const english = chart("en", CHART_NAMES.groups).title;
  expect(english).not.toBe(ours);
  expect(english).not.toBe("");
  // Back in Vietnamese: the groups' chart shows the title the last run wrote, and is retitled.
  await score(double, definition, "vi");
  expect(chart("vi", CHART_NAMES.groups).title).toBe(ours);
  expect(chart("vi", CHART_NAMES.total).title).toBe(mine);
});
