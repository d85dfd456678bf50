/**
 * Scoring a workbook in an Excel whose calculation is manual (File > Options > Formulas >
 * Workbook Calculation: Manual, a setting of Excel's, not of the workbook). There a formula shows
 * its last computed value until the workbook is calculated: a unit whose form works a figure out
 * by a formula, from cells the user changed since, shows the old figure until F9. What the user
 * notices: the points and ranks the run reports and writes are those of the figures as they are
 * now (the same as in automatic calculation), the workbook does not say right after scoring that
 * figures changed since, what the run wrote shows its results, and Excel's calculation is still
 * manual afterwards.
 */
import { runScoring, type RunResult } from "../../src/core/pipeline";
import { RESULTS_TABLE } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import type { CalculationMode, ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");
const FORM = "Đơn vị số 1";
/** The user's own sheet the form's figure is worked out from. */
const SOURCE = "Số liệu gốc";

/** The `Số liệu` cell of the form's first input holding a number, and that number. */
function firstFigure(double: ExcelDouble, sheet: string): { address: string; value: number; row: number; col: number } {
  const s = double.sheet(sheet);
  let header = -1, col = -1;
  for (const [k, c] of s.cells) if (c.v === "Số liệu") { header = Math.floor(k / 16384); col = k % 16384; }
  for (let row = header + 1; row < header + 200; row++) {
    const v = s.get(row, col)?.v;
    if (typeof v === "number") return { address: `${String.fromCharCode(65 + col)}${row + 1}`, value: v, row, col };
  }
  throw new Error(`no figure on ${sheet}`);
}

/** What the run reports of each unit: its figure, points and rank. */
function reported(result: RunResult) {
  return result.table.units.map((u) => ({ code: u.code, value: u.value, points: u.points, rank: u.rank }));
}

/** The results table's cells as the workbook shows them. */
function resultsTable(double: ExcelDouble): unknown[][] {
  const t = double.workbook.tables.find((x) => x.name === RESULTS_TABLE)!;
  return Array.from({ length: t.rows }, (_, r) => Array.from({ length: t.cols }, (_, c) => t.sheet.get(t.row + r, t.col + c)?.v ?? ""));
}

async function score(double: ExcelDouble, definition: unknown) {
  double.install();
  const host = new ExcelHost();
  const result = await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
  return { host, result };
}

/**
 * Six units' forms; the first's first figure worked out by a formula from the user's sheet
 * `Số liệu gốc`, whose figure the user then changes to another unit's (`changed`), in Excel's
 * calculation mode `mode`. Without a formula (`formula` false) the figure is typed in.
 */
async function workbook(mode: CalculationMode, options: { formula: boolean; changed: boolean }) {
  const made = await layoutAWorkbook(6);
  const { double } = made;
  const figure = firstFigure(double, FORM);
  const other = double.sheet("Đơn vị số 2").get(figure.row, figure.col)?.v as number;
  if (options.formula) {
    double.addSheet(SOURCE, [["Số liệu của Đơn vị số 1"], [figure.value]]);
    double.setCells(FORM, figure.address, [[{ formula: `='${SOURCE}'!A2` }]]);
  }
  double.calculationMode = mode;
  if (options.changed) {
    if (options.formula) await double.userEdit(SOURCE, "A2", [[other]]);
    else await double.userEdit(FORM, figure.address, [[other]]);
  }
  return { ...made, figure, other };
}

describe("scoring a workbook in an Excel whose calculation is manual", () => {
  test("figures typed in: the same results as in automatic calculation, what the run wrote calculated, and calculation still manual", async () => {
    const automatic = await workbook("Automatic", { formula: false, changed: true });
    const expected = await score(automatic.double, automatic.definition);
    const manual = await workbook("Manual", { formula: false, changed: true });
    const { host, result } = await score(manual.double, manual.definition);
    expect(reported(result)).toEqual(reported(expected.result));
    expect(resultsTable(manual.double)).toEqual(resultsTable(automatic.double));
    // The formulas the run wrote (`_index`'s flags, the lines saying figures changed) show their results.
    expect(manual.double.uncalculated()).toEqual([]);
    expect(manual.double.incalculable()).toEqual([]);
    expect(manual.double.grid("'Kết quả'!A2:A2")).toEqual(automatic.double.grid("'Kết quả'!A2:A2"));
    expect(await host.isStale()).toMatchObject({ stale: false });
    expect(manual.double.calculationMode).toBe("Manual");
    expect(manual.double.requests.every((r) => r.ok)).toBe(true);
  }, 60_000);

  test("a figure worked out by a formula from a cell the user changed without calculating: the run leaves everything it wrote calculated and Excel's calculation manual, in as many requests as in automatic calculation", async () => {
    const automatic = await workbook("Automatic", { formula: true, changed: true });
    await score(automatic.double, automatic.definition);
    const manual = await workbook("Manual", { formula: true, changed: true });
    // Before the run the form still shows the old figure: Excel has not calculated.
    expect(manual.double.value(`'${FORM}'!${manual.figure.address}`)).toBe(manual.figure.value);
    await score(manual.double, manual.definition);
    expect(manual.double.uncalculated()).toEqual([]);
    expect(manual.double.incalculable()).toEqual([]);
    expect(manual.double.calculationMode).toBe("Manual");
    expect(manual.double.syncCount).toBe(automatic.double.syncCount);
    expect(manual.double.requests.every((r) => r.ok)).toBe(true);
  }, 60_000);

  /*
   * The host calculates before it reads (readWorkbook's first request asks Excel to recalculate,
   * leaving the calculation mode the user's): the run scores the figure the formula gives now, and
   * its own closing calculation changes nothing it read.
   */
  test("a figure worked out by a formula from a cell the user changed without calculating: the run scores the figure as it is now, and the workbook does not say it changed after scoring", async () => {
    // What a user in automatic calculation gets, and what the old figure would have given.
    const automatic = await workbook("Automatic", { formula: true, changed: true });
    const expected = await score(automatic.double, automatic.definition);
    const unchanged = await workbook("Automatic", { formula: true, changed: false });
    const old = await score(unchanged.double, unchanged.definition);
    expect(reported(expected.result)).not.toEqual(reported(old.result));

    const manual = await workbook("Manual", { formula: true, changed: true });
    const { host, result } = await score(manual.double, manual.definition);
    expect(reported(result)).toEqual(reported(expected.result));
    expect(resultsTable(manual.double)).toEqual(resultsTable(automatic.double));
    // The form shows the figure scored, and nothing says the figures changed since the scoring.
    expect(manual.double.value(`'${FORM}'!${manual.figure.address}`)).toBe(manual.other);
    expect(await host.isStale()).toMatchObject({ stale: false });
    expect(manual.double.grid("'Kết quả'!A2:A2")).toEqual(automatic.double.grid("'Kết quả'!A2:A2"));
  }, 90_000);
});
