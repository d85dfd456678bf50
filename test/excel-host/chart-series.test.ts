/**
 * A chart updated in place with fewer series than it has loses the extra ones: the profile radar of
 * three chosen units, scored again with one, shows that unit and the average only — no line of a
 * unit no longer chosen is left on it.
 */
import { runScoring } from "../../src/core/pipeline";
import { CHART_NAMES, SHEET_NAMES } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

async function score(double: ExcelDouble, definition: unknown, profileUnits: string[]) {
  double.install();
  return runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now, charts: { profileUnits } });
}

const chartsSheet = (): string => (SHEET_NAMES as unknown as { charts: { vi: string } }).charts.vi;

test("the profile radar scored with 3 chosen units, then with 1, keeps one chart with that unit's line and the average's only", async () => {
  const { double, definition } = await layoutAWorkbook(6);
  const radar = () => double.sheet(chartsSheet()).charts.filter((c) => c.name === CHART_NAMES.profile);
  await score(double, definition, ["U0001", "U0002", "U0003"]);
  expect(radar()).toHaveLength(1);
  const average = radar()[0]!.series.at(-1)!.name;
  expect(radar()[0]!.series.map((s) => s.name)).toEqual(["Đơn vị số 1", "Đơn vị số 2", "Đơn vị số 3", average]);
  await score(double, definition, ["U0002"]);
  expect(double.requests.every((r) => r.ok)).toBe(true);
  expect(radar()).toHaveLength(1);
  expect(radar()[0]!.series.map((s) => s.name)).toEqual(["Đơn vị số 2", average]);
});
