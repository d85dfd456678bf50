/**
 * A form's period (`Kỳ đánh giá`) that is a date whose number format shows only its year ("yyyy")
 * or its month and year ("mm/yyyy", "mmm yyyy"), through the Excel host: Excel gives the cell as
 * its serial number and its number format, which the host reads as the file host reads the same
 * file (the same `datePartCells` in the snapshot), in as many requests as a workbook whose period
 * is a date shown as a day; the results' title and the charts' titles name "2024", as the file
 * host names it, and "2024" typed on another form is the same period.
 */
import ExcelJS from "exceljs";
import { runScoring } from "../../src/core/pipeline";
import { CHART_NAMES, SHEET_NAMES } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import { XlsxHost } from "../../src/hosts/xlsx";
import { createExcelDouble } from "../excel-double";
import { type PeriodCell, departmentModel, formsWithPeriodCells, templateBytes } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");
const results = (SHEET_NAMES as unknown as Record<string, Record<string, string>>).results!.vi!;
const chartsSheet = (SHEET_NAMES as unknown as Record<string, Record<string, string>>).charts!.vi!;


/** The template's forms with their periods (by form, in order) in the period cell. */
async function formsWithPeriods(periods: PeriodCell[]): Promise<{ bytes: Uint8Array; sheets: string[]; cell: string; definition: unknown }> {
  const { definition, model } = departmentModel();
  return { ...(await formsWithPeriodCells(await templateBytes(model, periods.length), periods)), definition };
}

/** The workbook opened in the Excel double and read by the Excel host: its snapshot, and the requests the read took. */
async function readInExcel(bytes: Uint8Array) {
  const double = createExcelDouble();
  await double.loadXlsx(bytes);
  double.install();
  double.resetCounters();
  const snapshot = await new ExcelHost().read();
  return { snapshot, syncs: double.syncCount, requests: double.requests.length };
}

/** Each sheet's datePartCells, by sheet name (the sheets that list none left out). */
function dateParts(snapshot: { sheets: { name: string; datePartCells?: Record<string, string> }[] }): Record<string, Record<string, string>> {
  return Object.fromEntries(snapshot.sheets.flatMap((s) => (s.datePartCells ? [[s.name, s.datePartCells]] : [])));
}

describe("a period date cell shown as its year or month, through the Excel host", () => {
  test("the snapshot lists the cells as the file host does, in as many requests as a date shown as a day", async () => {
    const jan = new Date(Date.UTC(2024, 0, 1));
    const { bytes, sheets, cell } = await formsWithPeriods([
      { value: jan, numFmt: "yyyy" },
      { value: jan, numFmt: "mm/yyyy" },
      { value: jan, numFmt: "mmm yyyy" },
      { value: jan, numFmt: "dd/mm/yyyy" },
      "2024",
    ]);
    const excel = await readInExcel(bytes);
    const file = await (await XlsxHost.fromBuffer(bytes, "phieu.xlsx")).read();
    expect(dateParts(excel.snapshot)).toEqual({ [sheets[0]!]: { [cell]: "year" }, [sheets[1]!]: { [cell]: "month" }, [sheets[2]!]: { [cell]: "month" } });
    expect(dateParts(excel.snapshot)).toEqual(dateParts(file));
    // The cells' values are the day as both hosts give a date cell.
    const { row, col } = { row: Number(cell.slice(1)) - 1, col: cell.charCodeAt(0) - 65 };
    for (const s of sheets.slice(0, 4)) expect(excel.snapshot.sheets.find((x) => x.name === s)!.values[row]![col]).toBe("2024-01-01");
    // No request more than for the same workbook whose periods are all dates shown as days.
    const day: PeriodCell = { value: jan, numFmt: "dd/mm/yyyy" };
    const days = await readInExcel((await formsWithPeriods([day, day, day, day, "2024"])).bytes);
    expect(dateParts(days.snapshot)).toEqual({});
    expect([excel.syncs, excel.requests]).toEqual([days.syncs, days.requests]);
  }, 120_000);

  test("1/1/2024 shown as yyyy: the results' title and the charts' titles name 2024, as the file host's title, and 2024 typed is the same period", async () => {
    const { bytes, definition } = await formsWithPeriods([{ value: new Date(Date.UTC(2024, 0, 1)), numFmt: "yyyy" }, "2024", "2024"]);
    const double = createExcelDouble();
    await double.loadXlsx(bytes);
    double.install();
    const run = await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
    const title = String(double.value(`'${results}'!A1`));
    expect(title).toMatch(/ — Kỳ đánh giá: 2024$/);
    const charts = [CHART_NAMES.total, CHART_NAMES.groups, CHART_NAMES.profile].map((n) => double.sheet(chartsSheet).charts.find((c) => c.name === n)?.title ?? "");
    for (const t of charts) expect(t).toMatch(/ — 2024$/);
    expect(run.issues.filter((i) => i.code.startsWith("period-"))).toEqual([]);
    const file = await XlsxHost.fromBuffer(bytes);
    await runScoring(file, { definition, lang: "vi", projectVersion: "test", now });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await file.toBuffer()) as never);
    expect(title).toBe(String(wb.getWorksheet(results)!.getCell("A1").value));
  }, 120_000);
});
