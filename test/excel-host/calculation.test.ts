/**
 * The Excel host suspends calculation in each write request and, as the reference asks of an
 * add-in that does ("Once set, it is the developer's responsibility to re-calc the workbook"),
 * calculates the workbook at the end of its last: no formula it wrote (`_index`'s flags, the
 * results sheet's line saying figures changed) is left uncalculated, in no more requests.
 */
import { runScoring } from "../../src/core/pipeline";
import { INDEX_SHEET } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

async function score(double: ExcelDouble, definition: unknown, now: Date, lang: "vi" | "en" = "vi"): Promise<ExcelHost> {
  double.install();
  double.resetCounters();
  const host = new ExcelHost();
  await runScoring(host, { definition, lang, projectVersion: "test", now });
  return host;
}

/** Cells of a sheet that hold a formula. */
function formulas(double: ExcelDouble, sheet: string): number {
  return [...double.sheet(sheet).cells.values()].filter((c) => c.f !== undefined).length;
}

describe("calculation after the Excel host writes", () => {
  test("a first run, a second and one in the other language each leave nothing uncalculated, in the same number of requests", async () => {
    const { double, definition } = await layoutAWorkbook(6);
    const counts: number[] = [];
    for (const [i, lang] of (["vi", "vi", "en"] as const).entries()) {
      await score(double, definition, new Date(Date.UTC(2026, 0, 15 + 7 * i)), lang);
      // Formulas were written while calculation was suspended…
      expect(double.requests.some((r) => r.calculationSuspended)).toBe(true);
      expect(formulas(double, INDEX_SHEET)).toBeGreaterThan(0);
      expect(formulas(double, lang === "vi" ? "Kết quả" : "Results")).toBeGreaterThan(0);
      // …and calculated before the run ended.
      expect(double.uncalculated()).toEqual([]);
      expect(double.requests.every((r) => r.ok)).toBe(true);
      counts.push(double.syncCount);
    }
    expect(counts[1]).toBe(counts[0]);
  }, 60_000);
});
