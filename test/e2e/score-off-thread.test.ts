/**
 * The built pane (npm run build:dev) in Chromium, in Excel (the Excel double in the page): Score
 * reads the workbook through Excel, and its reading, checking, scoring and planning run in the
 * pane's worker (snapshot-worker.ts), not on the pane's thread; the plan comes back and the pane
 * has Excel write it. While the worker's answer is held back, the pane says the run's stage and
 * answers the user, and nothing is written yet; once it comes, the results are in the workbook,
 * row for row those a run on the pane's thread writes, with the charts, and the pane shows the
 * ranking that run makes.
 */
import type { Page } from "playwright-core";
import { createExcelDouble } from "../excel-double";
import { t } from "../../src/taskpane/i18n";
import { openExcelWorkbench } from "../../src/taskpane/state/excel";
import { score } from "../../src/taskpane/state/pipeline";
import { CHART_KINDS } from "../../src/core/plan/labels";
import { doubleSeed, excelDoubleScript, manyUnits } from "./excel-page";
import { SAMPLE_INDEX, makeSampleWorkbook, sampleModel } from "./sample";
import { HOLD_ANSWERS, held, hold, idle, openPane, release, servePane } from "./pane-page";

const site = servePane();

/** The results sheet's rows that name a unit, by the unit's name: every value of the row, as the double holds them. */
type UnitRows = Record<string, (string | number | boolean)[]>;

/** In the page: the results sheet's rows that name one of `names` (the double's own cells, read as Excel shows them). */
async function resultRowsInPage(page: Page, names: string[]): Promise<UnitRows> {
  return page.evaluate((unitNames) => {
    type Cell = { v: string | number | boolean };
    const d = (window as unknown as { __double: { sheet(n: string): { cells: Map<number, Cell> } } }).__double;
    const rows = new Map<number, (string | number | boolean)[]>();
    for (const [k, c] of d.sheet("Kết quả").cells) {
      const row = Math.floor(k / 16384);
      const values = rows.get(row) ?? [];
      values[k % 16384] = c.v;
      rows.set(row, values);
    }
    const wanted = new Set(unitNames);
    const out: Record<string, (string | number | boolean)[]> = {};
    for (const values of rows.values()) {
      const name = values.find((v) => typeof v === "string" && wanted.has(v));
      if (typeof name === "string") out[name] = Array.from(values, (v) => v ?? "");
    }
    return out;
  }, names);
}

/** The rank and unit columns of the Score step's table, as shown. */
async function shownRanking(page: Page): Promise<string[][]> {
  return page.getByTestId("score-table").locator("tbody tr:has(td):not([data-testid=more-tied])").evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].slice(0, 2).map((td) => (td.firstChild?.textContent ?? td.textContent ?? "").trim())),
  );
}

describe("Score runs off the pane's thread in Excel", () => {
  test("150 units: the run is the worker's, the pane answers meanwhile, then the results and charts are written through Excel as the pane's thread writes them, and the ranking shown", async () => {
    const units = manyUnits(150);
    const bytes = await makeSampleWorkbook({ units, fills: units.map((_, i) => i % 5) });
    const names = units.map((u) => u.name);

    // The same run on the pane's thread, as it was before the worker (in Node there is no worker),
    // through the Excel host, to a double holding the same workbook.
    const double = createExcelDouble();
    for (const s of await doubleSeed(bytes)) double.addSheet(s.name, s.rows).visibility = s.visibility;
    double.install();
    // The ranking the pane chooses for the index: the definition's.
    const r = sampleModel().definition.ranking;
    const here = await score(openExcelWorkbench(), sampleModel(), {
      lang: "vi",
      ranking: { method: r?.method ?? "competition", decimals: r?.decimals ?? null, within: r?.within ?? "all" },
      profileUnits: [],
      chartKinds: [...CHART_KINDS],
      onProgress: async () => undefined,
    });
    const expectedRows: UnitRows = {};
    const results = double.sheet("Kết quả");
    const byRow = new Map<number, (string | number | boolean)[]>();
    for (const [k, c] of results.cells) {
      const values = byRow.get(Math.floor(k / 16384)) ?? [];
      values[k % 16384] = c.v;
      byRow.set(Math.floor(k / 16384), values);
    }
    for (const values of byRow.values()) {
      const name = values.find((v) => typeof v === "string" && names.includes(v));
      if (typeof name === "string") expectedRows[name] = Array.from(values, (v) => v ?? "");
    }
    expect(Object.keys(expectedRows)).toHaveLength(150);
    const expectedCharts = double.sheet("Biểu đồ").charts.length;
    expect(expectedCharts).toBeGreaterThan(0);

    const page = await openPane(site, { initScripts: [HOLD_ANSWERS, await excelDoubleScript(bytes)] });
    await page.getByText("Trong Excel", { exact: true }).waitFor({ timeout: 60_000 });
    await idle(page);
    await page.getByLabel("Chọn bộ chỉ số").selectOption(SAMPLE_INDEX);
    await page.getByRole("tab", { name: /Chấm điểm/ }).first().click();
    const run = page.locator("button:enabled", { hasText: "Chấm điểm và ghi kết quả" });
    await run.waitFor();
    const sheetNames = () => page.evaluate(() => (window as unknown as { __double: { sheetNames(): string[] } }).__double.sheetNames());
    expect(await sheetNames()).not.toContain("Kết quả");

    await hold(page, true);
    await run.click();
    // The worker answered (its answer held back): the run was planned there, not on the pane's thread.
    await held(page, 1);
    // The stage the worker said last shows; nothing is written until its answer comes.
    await page.getByTestId("progress").getByText(t("vi", "progressPlan")).waitFor();
    expect(await sheetNames()).not.toContain("Kết quả");
    // The pane answers the user meanwhile: its language switched and back.
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await page.getByTestId("progress").getByText(t("en", "progressPlan")).waitFor();
    await page.getByLabel("Pane language").selectOption("vi");
    await page.getByTestId("progress").getByText(t("vi", "progressPlan")).waitFor();
    expect(await page.getByTestId("score-summary").count()).toBe(0);
    expect(await sheetNames()).not.toContain("Kết quả");

    await release(page);
    await page.getByTestId("score-summary").waitFor({ timeout: 120_000 });
    await idle(page);
    // Written through Excel: every unit's row of results as the pane's thread writes it, and the charts.
    expect(await sheetNames()).toEqual(expect.arrayContaining(["Kết quả", "Biểu đồ"]));
    expect(await resultRowsInPage(page, names)).toEqual(expectedRows);
    expect(await page.evaluate(() => (window as unknown as { __double: { sheet(n: string): { charts: unknown[] } } }).__double.sheet("Biểu đồ").charts.length)).toBe(expectedCharts);
    // The ranking shown is the run's: each unit shown with the rank (in its category) the pane's thread gives it.
    expect(here.ranking.within).toBe("category");
    const shown = await shownRanking(page);
    expect(shown.length).toBeGreaterThan(10);
    expect(new Set(shown.map(([, name]) => name)).size).toBe(shown.length);
    const rankOf = new Map(here.units.map((u) => [u.name, u.ranked && u.rankInCategory !== null ? String(u.rankInCategory) : "—"]));
    expect(shown).toEqual(shown.map(([, name]) => [rankOf.get(name!), name]));
    // Where more units share the tenth's rank in a category than the ten shown, a line says how many.
    const tied = [...new Set(here.units.map((u) => u.category ?? ""))].flatMap((c) => {
      const inCategory = here.units.filter((u) => (u.category ?? "") === c && u.ranked).sort((a, b) => (a.rankInCategory ?? 0) - (b.rankInCategory ?? 0));
      const tenth = inCategory[9];
      const more = tenth ? inCategory.slice(10).filter((u) => u.rankInCategory === tenth.rankInCategory).length : 0;
      return more > 0 ? [`… và ${more} sở, ban, ngành khác cùng hạng ${tenth!.rankInCategory} (xem trang kết quả).`] : [];
    });
    expect(tied.length).toBeGreaterThan(0);
    expect((await page.getByTestId("more-tied").allTextContents()).sort()).toEqual(tied.sort());
    // Each such line as wide as its table (across the columns it spans), not squeezed into the rank column.
    const widths = await page.getByTestId("more-tied").evaluateAll((rows) => rows.map((tr) => [tr.querySelector("td")!.getBoundingClientRect().width, tr.closest("table")!.getBoundingClientRect().width]));
    for (const [cell, table] of widths) expect(cell! / table!).toBeGreaterThan(0.95);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  }, 240_000);
});
