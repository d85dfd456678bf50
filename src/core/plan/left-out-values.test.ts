/**
 * HDI forms (an index of values), scored by the xlsx host (a real .xlsx, read back) and by the
 * Excel host (the Office.js double), which both write what planSheetEdits plans: a country whose inputs are
 * missing (Monaco, the DPRK in 2022) is not ranked, and a value computed with those inputs as 0 is
 * no measurement. The results sheet leaves it blank; so does the form, in its summary's `Giá trị`
 * and on each row of its `Điểm` column that the same rule leaves out (valueLeftOut), while the
 * rows computed from inputs the unit gave keep their values. Scored again once the inputs are
 * filled in, the form shows the values; emptied again, it is blank again.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { parseDefinition } from "../definition";
import { runScoring } from "../pipeline";
import { parseCsv } from "../read/csv";
import type { UnitResult } from "../types";
import { createExcelDouble, type ExcelDouble } from "../../../test/excel-double";
import { ExcelHost } from "../../hosts/excel";
import { findBuiltin } from "../../indices";
import { XlsxHost } from "../../hosts/xlsx/host";
import { makeTemplate } from "../../hosts/xlsx/template";
import { edit, open, rowOf, scoreAgain } from "../../hosts/xlsx/test-workbooks";
import { figure, valueLeftOut } from "./figures";

const definition = findBuiltin("undp-hdi")!.definition;
const parsed = parseDefinition(definition);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const model = parsed.model;

/** The form's columns (an index without points: no Điểm tối đa, no Tự chấm). */
const VALUE = 3;
const SCORE = 7;
const INPUTS = ["le", "eys", "mys", "gnipc"] as const;
const NODES = ["HDI", "health", "education", "eys-index", "mys-index", "income"];

/** Countries of the 2022 table: two complete, two with inputs missing (Monaco: schooling years and GNI; the DPRK: all but life expectancy). */
function countries(): { code: string; name: string; values: Partial<Record<(typeof INPUTS)[number], number>> }[] {
  const { rows } = parseCsv(readFileSync(join(__dirname, "../../../test/fixtures/hdi-2022.csv")));
  const [header, ...body] = rows;
  const col = (name: string) => header!.findIndex((h) => h.replace(/^\uFEFF/, "") === name);
  return ["NOR", "VNM", "MCO", "PRK"].map((code) => {
    const r = body.find((line) => line[col("iso3")] === code)!;
    const values = Object.fromEntries(INPUTS.flatMap((i) => (r[col(`${i}_2022`)] ? [[i, Number(r[col(`${i}_2022`)])]] : [])));
    return { code, name: r[col("country")]!, values };
  });
}

/**
 * A workbook's cells as a host left them, by sheet name, row and column (1-based; null for an empty
 * cell): the xlsx host's file read back with ExcelJS, or the Excel double's workbook.
 */
interface Cells {
  sheets: string[];
  at(sheet: string, row: number, column: number): unknown;
}

function ofFile(wb: ExcelJS.Workbook): Cells {
  return {
    sheets: wb.worksheets.map((w) => w.name),
    at: (sheet, row, column) => wb.getWorksheet(sheet)!.getCell(row, column).value,
  };
}

function ofDouble(double: ExcelDouble): Cells {
  return {
    sheets: double.sheetNames(),
    at: (sheet, row, column) => {
      // The double's rows and columns count from 0.
      const v = double.sheet(sheet).get(row - 1, column - 1)?.v;
      return v === undefined || v === "" ? null : v;
    },
  };
}

/** The form of a unit: the sheet whose `Mã đơn vị` (B2) is its code. */
function formOf(cells: Cells, code: string): string {
  const sheet = cells.sheets.find((s) => cells.at(s, 2, 1) === "Mã đơn vị" && cells.at(s, 2, 2) === code);
  if (!sheet) throw new Error(`no form of ${code}`);
  return sheet;
}

/** The row of a code on a form (column A, under the table's header on row 8). */
function codeRow(cells: Cells, sheet: string, code: string): number {
  for (let row = 9; row < 40; row++) if (cells.at(sheet, row, 1) === code) return row;
  throw new Error(`no row ${code} on ${sheet}`);
}

/** The figure right of a label of the form's summary ("Giá trị", "Hạng"), found above the table. */
function summaryFigure(cells: Cells, sheet: string, labelText: string): unknown {
  for (let row = 1; row < 8; row++) {
    for (let column = 3; column <= 12; column++) {
      if (cells.at(sheet, row, column) === labelText) return cells.at(sheet, row, column + 1);
    }
  }
  throw new Error(`no "${labelText}" in the summary of ${sheet}`);
}

/** The results sheet's figures of a unit, by header. */
function resultsRow(cells: Cells, code: string): Record<string, unknown> {
  const sheet = "Kết quả";
  let headerRow = 1;
  while (cells.at(sheet, headerRow, 1) !== "Hạng") if (++headerRow > 10) throw new Error("no results table");
  const headers: string[] = [];
  for (let column = 1; cells.at(sheet, headerRow, column) !== null; column++) headers.push(String(cells.at(sheet, headerRow, column)));
  for (let row = headerRow + 1; row < headerRow + 50; row++) {
    if (cells.at(sheet, row, 2) === code) return Object.fromEntries(headers.map((h, i) => [h, cells.at(sheet, row, i + 1)]));
  }
  throw new Error(`no results row of ${code}`);
}

/** What a unit's form shows: its summary's value and rank, and each node's Điểm cell. */
function formFigures(cells: Cells, code: string) {
  const sheet = formOf(cells, code);
  return {
    value: summaryFigure(cells, sheet, "Giá trị"),
    rank: summaryFigure(cells, sheet, "Hạng"),
    rows: Object.fromEntries(NODES.map((n) => [n, cells.at(sheet, codeRow(cells, sheet, n), SCORE)])),
  };
}

/** Each form against the results sheet and the run's figures: blank where the results sheet is, the same value elsewhere. */
function expectFormsAsResults(cells: Cells, units: readonly UnitResult[]): void {
  for (const u of units) {
    const form = formFigures(cells, u.code);
    const results = resultsRow(cells, u.code);
    // The summary's value and the root's row: as the results sheet's Giá trị.
    expect([u.code, form.value]).toEqual([u.code, results["Giá trị"]]);
    expect([u.code, form.rows.HDI]).toEqual([u.code, results["Giá trị"]]);
    // The dimensions the results sheet shows: as there.
    for (const [code, header] of [["health", "Sức khỏe (giá trị)"], ["education", "Giáo dục (giá trị)"], ["income", "Thu nhập (giá trị)"]] as const) {
      expect([u.code, code, form.rows[code]]).toEqual([u.code, code, results[header]]);
    }
    // The rows the results sheet does not show, by the same rule.
    for (const code of ["eys-index", "mys-index"]) {
      const r = u.nodes[code]!;
      expect([u.code, code, form.rows[code]]).toEqual([u.code, code, valueLeftOut(model, u, r.coverage) ? null : figure(r.value)]);
    }
  }
}

/** The template for the countries, each form filled with its published inputs. */
async function filledForms(): Promise<Uint8Array> {
  const list = countries();
  expect(list.find((c) => c.code === "MCO")!.values).toEqual({ le: 86.895, eys: 18.6915194 });
  const wb = await open(await makeTemplate(model, list, { lang: "vi" }));
  for (const c of list) {
    const ws = wb.getWorksheet(formOf(ofFile(wb), c.code))!;
    for (const [input, v] of Object.entries(c.values)) ws.getCell(rowOf(ws, input), VALUE).value = v;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** After the first scoring: the countries with missing inputs are blank where the results sheet is. */
function expectFirstRun(cells: Cells, units: readonly UnitResult[]): void {
  const monaco = formFigures(cells, "MCO");
  expect(monaco.value).toBeNull();
  expect(monaco.rank).toBe("Không xếp hạng");
  // Life expectancy and expected schooling are given: their rows keep their values (both clipped to 1).
  // The rest is computed with missing inputs as 0: education would read 0.500, the HDI and income 0.000.
  expect(monaco.rows).toEqual({ HDI: null, health: 1, education: null, "eys-index": 1, "mys-index": null, income: null });
  const dprk = formFigures(cells, "PRK");
  expect(dprk.value).toBeNull();
  expect(dprk.rows).toEqual({ HDI: null, health: figure((73.578 - 20) / 65), education: null, "eys-index": null, "mys-index": null, income: null });
  expect(formFigures(cells, "NOR").value).toEqual(expect.closeTo(0.966, 3));
  expectFormsAsResults(cells, units);
}

/** After Monaco's missing inputs were filled in (mys 11.5, GNI 80,000) and the forms scored again: its values are shown. */
function expectFilledRun(cells: Cells, units: readonly UnitResult[]): void {
  const monaco = units.find((u) => u.code === "MCO")!;
  expect(monaco.ranked).toBe(true);
  const shown = formFigures(cells, "MCO");
  expect(typeof shown.value).toBe("number");
  expect(shown.value).toBe(figure(monaco.value));
  expect(shown.rank).toMatch(/^\d+\/3$/);
  expect(shown.rows).toEqual({ HDI: figure(monaco.value), health: 1, education: figure(monaco.nodes.education!.value), "eys-index": 1, "mys-index": figure(11.5 / 15), income: 1 });
  expect(formFigures(cells, "PRK").value).toBeNull();
  expectFormsAsResults(cells, units);
}

/** After Monaco's GNI was emptied again and the forms scored once more: the values of the last run go where the results sheet is blank. */
function expectEmptiedRun(cells: Cells, units: readonly UnitResult[]): void {
  const monaco = units.find((u) => u.code === "MCO")!;
  expect(formFigures(cells, "MCO")).toEqual({
    value: null,
    rank: "Không xếp hạng",
    rows: { HDI: null, health: 1, education: figure(monaco.nodes.education!.value), "eys-index": 1, "mys-index": figure(11.5 / 15), income: null },
  });
  expectFormsAsResults(cells, units);
}

const NOW = new Date("2024-06-08T00:00:00Z");

test("the xlsx host: a country not ranked for missing inputs shows no value on its form where the results sheet shows none; its values once the inputs are filled in", async () => {
  const host = await XlsxHost.fromBuffer(await filledForms(), "hdi.xlsx");
  const first = await runScoring(host, { definition, lang: "vi", projectVersion: "0.1.0", now: NOW });
  const scored = await host.toBuffer();
  expectFirstRun(ofFile(await open(scored)), first.table.units);

  const filled = await edit(scored, (book) => {
    const ws = book.getWorksheet(formOf(ofFile(book), "MCO"))!;
    ws.getCell(rowOf(ws, "mys"), VALUE).value = 11.5;
    ws.getCell(rowOf(ws, "gnipc"), VALUE).value = 80000;
  });
  const again = await scoreAgain(filled);
  expectFilledRun(ofFile(await open(again.out)), again.result.table.units);

  const emptied = await edit(again.out, (book) => {
    const ws = book.getWorksheet(formOf(ofFile(book), "MCO"))!;
    ws.getCell(rowOf(ws, "gnipc"), VALUE).value = null;
  });
  const third = await scoreAgain(emptied);
  expectEmptiedRun(ofFile(await open(third.out)), third.result.table.units);
}, 60_000);

test("the Excel host: the same forms scored in Excel show the same blanks and values", async () => {
  const double = createExcelDouble();
  await double.loadXlsx(await filledForms());
  double.install();
  const score = async () => (await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "0.1.0", now: NOW })).table.units;
  const cells = ofDouble(double);
  expectFirstRun(cells, await score());

  const sheet = formOf(cells, "MCO");
  const input = (code: string) => `C${codeRow(cells, sheet, code)}`;
  await double.userEdit(sheet, input("mys"), [[11.5]]);
  await double.userEdit(sheet, input("gnipc"), [[80000]]);
  expectFilledRun(cells, await score());

  await double.userEdit(sheet, input("gnipc"), [[""]]);
  expectEmptiedRun(cells, await score());
}, 60_000);
