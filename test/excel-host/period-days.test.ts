/**
 * A form's period (`Kỳ đánh giá`) that is a date cell, through the Excel host: Excel gives the
 * cell as its serial number (45657) and its number format, which the host reads as the file host
 * reads the same cell; the results' title and the charts' titles name the day as the cell shows
 * it, "31/12/2024", as the file host names it for the same workbook. The same day typed as text on
 * another form is the same period, scored or typed again after scoring; a year typed into the
 * date cell is said at the cell, as the file host says it.
 */
import ExcelJS from "exceljs";
import { runScoring } from "../../src/core/pipeline";
import { CHART_NAMES, SHEET_NAMES } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import { XlsxHost } from "../../src/hosts/xlsx";
import { createExcelDouble } from "../excel-double";
import { departmentModel, formsWithPeriodCells, templateBytes } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");
const results = (SHEET_NAMES as unknown as Record<string, Record<string, string>>).results!.vi!;
const chartsSheet = (SHEET_NAMES as unknown as Record<string, Record<string, string>>).charts!.vi!;

type Period = Date | string | { number: number; numFmt: string };

/** The template's three forms with their periods (by form, in order) in the period cell: a Date as a date cell formatted dd/mm/yyyy. */
async function formsWithPeriods(periods: Period[]): Promise<{ bytes: Uint8Array; sheets: string[]; cell: string; definition: unknown }> {
  const { definition, model } = departmentModel();
  const cells = periods.map((p) => (p instanceof Date ? { value: p, numFmt: "dd/mm/yyyy" } : typeof p === "object" ? { value: p.number, numFmt: p.numFmt } : p));
  return { ...(await formsWithPeriodCells(await templateBytes(model, periods.length), cells)), definition };
}

/** The workbook scored in the Excel double: the results' title, the charts' titles, the findings, the host and the double. */
async function throughExcel(bytes: Uint8Array, definition: unknown) {
  const double = createExcelDouble();
  await double.loadXlsx(bytes);
  double.install();
  const host = new ExcelHost();
  const run = await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
  const charts = [CHART_NAMES.total, CHART_NAMES.groups, CHART_NAMES.profile].map((n) => double.sheet(chartsSheet).charts.find((c) => c.name === n)?.title ?? "");
  return { title: String(double.value(`'${results}'!A1`)), charts, issues: run.issues, host, double };
}

/** The same workbook scored by the file host: the results' title and the findings. */
async function throughFile(bytes: Uint8Array, definition: unknown) {
  const host = await XlsxHost.fromBuffer(bytes);
  const run = await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await host.toBuffer()) as never);
  return { title: String(wb.getWorksheet(results)!.getCell("A1").value), issues: run.issues };
}

const periodFindings = <T extends { code: string }>(issues: T[]): T[] => issues.filter((i) => i.code.startsWith("period-"));

describe("a date period through the Excel host", () => {
  test("the results' title and the charts' titles name 31/12/2024, the title the file host writes for the same workbook", async () => {
    const day = new Date(Date.UTC(2024, 11, 31));
    const { bytes, sheets, cell, definition } = await formsWithPeriods([day, day, day]);
    const excel = await throughExcel(bytes, definition);
    // Excel keeps the day as its serial number, formatted as a date.
    expect(excel.double.value(`'${sheets[0]}'!${cell}`)).toBe(45657);
    expect(excel.title).toMatch(/ — Kỳ đánh giá: 31\/12\/2024$/);
    for (const t of excel.charts) expect(t).toMatch(/ — 31\/12\/2024$/);
    expect(periodFindings(excel.issues)).toEqual([]);
    const file = await throughFile(bytes, definition);
    expect(excel.title).toBe(file.title);
    expect((await excel.host.isStale())?.stale).toBe(false);
    // The workbook's own flags (`_index`, calculated by Excel) see no form changed: the copy of the
    // period cell holds what the cell holds, the day's number; the results' status line says so.
    const flags = () => {
      const out: Record<string, unknown> = {};
      for (let r = 1; r <= 80; r++) if (excel.double.value(`'_index'!A${r}`) === "inputs") out[String(excel.double.value(`'_index'!B${r}`))] = excel.double.value(`'_index'!C${r}`);
      return out;
    };
    expect(Object.values(flags())).toEqual([0, 0, 0]);
    expect(String(excel.double.value(`'${results}'!A2`))).toMatch(/^Chấm điểm ngày /);
    // Another day typed into one form: that form's flag says so.
    await excel.double.userEdit(sheets[2]!, cell, [[{ date: "2025-12-31", numberFormat: "dd/mm/yyyy" }]]);
    expect(Object.values(flags()).map((f) => Number(f) > 0)).toEqual([false, false, true]);
    await excel.double.userEdit(sheets[2]!, cell, [[{ date: "2024-12-31", numberFormat: "dd/mm/yyyy" }]]);
    expect(Object.values(flags())).toEqual([0, 0, 0]);
    // The day typed again as text on a form, as a user types it: the same period, nothing out of date.
    await excel.double.userEdit(sheets[1]!, cell, [["31.12.2024"]]);
    expect((await excel.host.isStale())?.stale).toBe(false);
  }, 120_000);

  test("a date cell and the same day typed as text are one period: one title, no warning, as through the file host", async () => {
    const { bytes, definition } = await formsWithPeriods([new Date(Date.UTC(2024, 11, 31)), "31/12/2024", "31.12.2024"]);
    const excel = await throughExcel(bytes, definition);
    expect(excel.title).toMatch(/ — Kỳ đánh giá: 31\/12\/2024$/);
    expect(periodFindings(excel.issues)).toEqual([]);
    expect(excel.title).toBe((await throughFile(bytes, definition)).title);
  }, 120_000);

  test("a year typed into the date cell: said at the cell as the file host says it", async () => {
    const { bytes, sheets, cell, definition } = await formsWithPeriods([{ number: 2024, numFmt: "dd/mm/yyyy" }, "Năm 2024", "Năm 2024"]);
    const excel = await throughExcel(bytes, definition);
    const said = periodFindings(excel.issues);
    expect(said.map((i) => [i.code, i.sheet, i.cell])).toEqual([
      ["period-number-as-date", sheets[0], cell],
      ["period-differs", sheets[0], cell],
    ]);
    expect(said[0]!.message.vi).toContain("ô kỳ đánh giá được định dạng ngày tháng nên số 2024 hiện thành 16/07/1905");
    expect(said).toEqual(periodFindings((await throughFile(bytes, definition)).issues));
  }, 120_000);
});
