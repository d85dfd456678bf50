/**
 * A form's period (`Kỳ đánh giá`) that is a date whose number format shows only its year ("yyyy":
 * 1/1/2024 typed, "2024" seen) or its month and year ("mm/yyyy", "m/yyyy", "mmm yyyy",
 * "[$-vi-VN]mm/yyyy": "01/2024"), through the file host on real .xlsx files: the period reads as
 * what the cell shows, in the results' title, the charts' titles and --json's `periods`, and is the
 * same period as "2024" typed as text on another form (no "period-differs"), scored again too. A date shown as a day stays that day, and a year typed into a date cell is still
 * said ("period-number-as-date").
 */
import ExcelJS from "exceljs";
import { scoringJson } from "../../cli/results-json";
import { parseDefinition } from "../../core/definition";
import { runScoring } from "../../core/pipeline";
import { SHEET_NAMES } from "../../core/plan";
import { formPeriods } from "../../core/read/periods";
import { findBuiltin } from "../../indices";
import { staleFromSnapshot } from "../excel/stale";
import { XlsxHost } from "./host";
import { makeTemplate } from "./template";
import { type PeriodCell, formsWithPeriodCells } from "../../../test/excel-host/fixtures";

jest.setTimeout(120_000);

const now = new Date("2026-01-15T08:00:00Z");
const results = (SHEET_NAMES as unknown as Record<string, Record<string, string>>).results!.vi!;

/** A period: text, a number, or a value in a number format of its own. */

function department() {
  const definition = findBuiltin("dti-so-nganh-mau")!.definition;
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error("invalid");
  return { definition, model: parsed.model };
}

/** The template's forms (one a period, in order) with their `Kỳ đánh giá` cells set, written and read back as a file. */
async function formsWithPeriods(periods: PeriodCell[]): Promise<{ bytes: Uint8Array; sheets: string[]; cell: string; definition: unknown }> {
  const { definition, model } = department();
  const units = periods.map((_, u) => ({ code: `U${u + 1}`, name: `Đơn vị số ${u + 1}`, category: model.categories[0]! }));
  return { ...(await formsWithPeriodCells(await makeTemplate(model, units, { lang: "vi" }), periods)), definition };
}

/** The file scored by the file host: the results' title, the charts' titles, the findings, --json's periods, the snapshot and the file written. */
async function scored(bytes: Uint8Array, definition: unknown) {
  const host = await XlsxHost.fromBuffer(bytes, "phieu.xlsx");
  const snapshot = await host.read();
  const run = await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
  const out = await host.toBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out as never);
  return {
    title: String(wb.getWorksheet(results)!.getCell("A1").value),
    charts: run.plan!.owned.flatMap((o) => o.charts).map((c) => c.title ?? ""),
    issues: run.issues,
    json: scoringJson(snapshot, run.submissions),
    periods: formPeriods(snapshot, run.submissions).map((f) => f.period),
    snapshot,
    out,
  };
}

const periodFindings = <T extends { code: string }>(issues: T[]): T[] => issues.filter((i) => i.code.startsWith("period-"));
const jan2024 = new Date(Date.UTC(2024, 0, 1));

describe("a period date cell whose format shows only its year or month", () => {
  test("1/1/2024 shown as yyyy is the period 2024: the titles name 2024, the same period as 2024 typed, and the scored file is up to date", async () => {
    const { bytes, sheets, cell, definition } = await formsWithPeriods([{ value: jan2024, numFmt: "yyyy" }, "2024", "2024"]);
    const run = await scored(bytes, definition);
    // The host lists the cell as showing its year, and still gives the day it holds.
    const first = run.snapshot.sheets.find((s) => s.name === sheets[0])!;
    expect(first.datePartCells).toEqual({ [cell]: "year" });
    const { row, col } = { row: Number(cell.slice(1)) - 1, col: cell.charCodeAt(0) - 65 };
    expect(first.values[row]![col]).toBe("2024-01-01");
    // The forms whose period is text list no cell.
    expect(run.snapshot.sheets.find((s) => s.name === sheets[1])!.datePartCells).toBeUndefined();
    expect(run.periods).toEqual(["2024", "2024", "2024"]);
    expect(run.title).toMatch(/ — Kỳ đánh giá: 2024$/);
    expect(run.title).not.toContain("01/01/2024");
    expect(run.charts.length).toBeGreaterThan(0);
    for (const t of run.charts) expect(t).toMatch(/ — 2024$/);
    expect(periodFindings(run.issues)).toEqual([]);
    expect(Object.values(run.json.periods ?? {})).toEqual(["2024", "2024", "2024"]);
    // The scored file is up to date: `_index` recorded the period as the reader gives it.
    expect(staleFromSnapshot(await (await XlsxHost.fromBuffer(run.out, "phieu.xlsx")).read())?.stale).toBe(false);
    // Scored again: the same period, no period finding.
    const again = await scored(run.out, definition);
    expect(periodFindings(again.issues)).toEqual([]);
    expect(again.title).toMatch(/ — Kỳ đánh giá: 2024$/);
  });

  test("a date shown as mm/yyyy, m/yyyy, mmm yyyy or [$-vi-VN]mm/yyyy is the month 01/2024, one period with 01/2024 typed", async () => {
    const jan15 = new Date(Date.UTC(2024, 0, 15));
    const { bytes, sheets, cell, definition } = await formsWithPeriods([
      { value: jan15, numFmt: "mm/yyyy" },
      { value: jan15, numFmt: "m/yyyy" },
      { value: jan15, numFmt: "mmm yyyy" },
      { value: jan15, numFmt: "[$-vi-VN]mm/yyyy" },
      "01/2024",
    ]);
    const run = await scored(bytes, definition);
    for (const s of sheets.slice(0, 4)) expect([s, run.snapshot.sheets.find((x) => x.name === s)!.datePartCells]).toEqual([s, { [cell]: "month" }]);
    expect(run.periods).toEqual(["01/2024", "01/2024", "01/2024", "01/2024", "01/2024"]);
    expect(run.title).toMatch(/ — Kỳ đánh giá: 01\/2024$/);
    for (const t of run.charts) expect(t).toMatch(/ — 01\/2024$/);
    expect(periodFindings(run.issues)).toEqual([]);
  });

  test("the same day shown as yyyy and as 2024 typed on the other forms, and a form shown as a day: only the day form differs", async () => {
    const { bytes, sheets, cell, definition } = await formsWithPeriods([{ value: jan2024, numFmt: "yyyy" }, "2024", { value: jan2024, numFmt: "dd/mm/yyyy" }]);
    const run = await scored(bytes, definition);
    // A date shown as a day stays that day, and lists no cell.
    expect(run.snapshot.sheets.find((s) => s.name === sheets[2])!.datePartCells).toBeUndefined();
    expect(run.periods).toEqual(["2024", "2024", "01/01/2024"]);
    expect(periodFindings(run.issues).map((i) => [i.code, i.sheet, i.cell])).toEqual([["period-differs", sheets[2], cell]]);
  });

  test("a date with a time or a day in its format is no year: dd/mm/yyyy, yyyy h:mm and d-mmm-yyyy stay the day", async () => {
    const at = new Date(Date.UTC(2024, 0, 1, 10, 30));
    const { bytes, sheets, definition } = await formsWithPeriods([
      { value: jan2024, numFmt: "d-mmm-yyyy" },
      { value: at, numFmt: "yyyy h:mm" },
      { value: at, numFmt: "mm/yyyy hh:mm" },
    ]);
    const run = await scored(bytes, definition);
    for (const s of sheets) expect([s, run.snapshot.sheets.find((x) => x.name === s)!.datePartCells]).toEqual([s, undefined]);
    expect(run.periods).toEqual(["01/01/2024", "01/01/2024 10:30", "01/01/2024 10:30"]);
  });

  test("a year typed into a cell formatted yyyy is still said at the cell (period-number-as-date), and read as the year it shows", async () => {
    const { bytes, sheets, cell, definition } = await formsWithPeriods([{ value: 2024, numFmt: "yyyy" }, "Năm 2024", "Năm 2024"]);
    const run = await scored(bytes, definition);
    expect(run.snapshot.sheets.find((s) => s.name === sheets[0])!.datePartCells).toEqual({ [cell]: "year" });
    // 2024 is 16 July 1905, which the cell shows as 1905.
    expect(run.periods[0]).toBe("1905");
    expect(periodFindings(run.issues).map((i) => [i.code, i.sheet, i.cell])).toEqual([
      ["period-number-as-date", sheets[0], cell],
      ["period-differs", sheets[0], cell],
    ]);
    // The sentence says what the cell shows and the titles will give: 1905, not the day 16/07/1905.
    const said = run.issues.find((i) => i.code === "period-number-as-date")!.message;
    expect(said.vi).toContain('nên số 2024 hiện thành 1905, và kỳ đánh giá được đọc là "1905" (tiêu đề trang kết quả và tên các biểu đồ sẽ ghi "1905"); số đã nhập có lẽ là năm 2024');
    expect(said.en).toContain('so the number 2024 shows as 1905 and the period is read as "1905"');
    expect(`${said.vi}${said.en}`).not.toContain("16/07/1905");
  });
});
