/** A workbook whose structure is protected (Review > Protect Workbook): sheets cannot be added, removed, hidden or moved. */
import { runScoring } from "../../src/core/pipeline";
import { RESULTS_TABLE } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

describe("scoring a workbook whose structure is protected", () => {
  test("the first run, which must add the results sheets, stops with one sentence in both languages and writes nothing; once they exist, scoring again works", async () => {
    const { double, definition } = await layoutAWorkbook(4);
    double.workbook.protection = { protected: true, password: null };
    double.install();
    const sheets = double.sheetNames();
    const cells = JSON.stringify(double.workbook.sheets.map((s) => [...s.cells]));
    const failure = await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now }).then(() => null, (e: unknown) => e as { localized?: { vi: string; en: string } });
    expect(failure?.localized?.vi).toContain("Sổ làm việc đang được bảo vệ cấu trúc (Xem lại > Bảo vệ sổ làm việc)");
    expect(failure?.localized?.vi).toContain("Chưa có gì được ghi");
    expect(failure?.localized?.en).toContain("The workbook's structure is protected (Review > Protect Workbook)");
    expect(double.sheetNames()).toEqual(sheets);
    expect(JSON.stringify(double.workbook.sheets.map((s) => [...s.cells]))).toBe(cells);
    expect(double.requests.every((r) => r.ok)).toBe(true);

    // Unprotected, the run adds its sheets; protected again, a second run changes no sheet's place
    // or visibility, so it goes through and rewrites the results.
    double.workbook.protection = { protected: false, password: null };
    await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
    const scored = double.sheetNames();
    double.workbook.protection = { protected: true, password: null };
    const tableCells = () => {
      const t = double.workbook.tables.find((x) => x.name === RESULTS_TABLE)!;
      return double.grid(`'${t.sheet.name}'!A${t.row + 1}:B${t.row + t.rows}`);
    };
    const results = tableCells();
    double.workbook.tables.find((x) => x.name === RESULTS_TABLE)!.sheet.cells.clear();
    await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
    expect(double.sheetNames()).toEqual(scored);
    expect(tableCells()).toEqual(results);
    expect(double.requests.every((r) => r.ok)).toBe(true);
  }, 60_000);
});
