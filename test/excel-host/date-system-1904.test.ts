/**
 * Real dates in a workbook of the 1904 date system (an old Mac workbook: `<workbookPr
 * date1904="1"/>`) opened in Excel: `Range.values` gives each date's serial as the workbook stores
 * it (44195 for 31/12/2024, where a 1900 workbook keeps 45657), so the Excel host must know the
 * system to say the day Excel shows. What the user notices: the form's period (`Kỳ đánh giá`), a
 * date typed into a figure cell and one typed as evidence read as the days Excel shows, in the
 * same findings the command line gives for the same file, never 1,462 days (4 years) early; the
 * results' title names the period's day; and the workbook reads as up to date right after
 * scoring.
 *
 * Real files: a template of the command line, dates typed with ExcelJS in a copy with the 1904
 * system and one without (as src/cli/date-system-1904.test.ts builds them), `validate` in-process,
 * and the same bytes opened in the Excel double and scored through the Excel host.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../../src/cli/test-run";
import { runScoring } from "../../src/core/pipeline";
import type { Issue } from "../../src/core/types";
import { ExcelHost } from "../../src/hosts/excel";
import { createExcelDouble, type ExcelDouble } from "../excel-double";
import { departmentModel } from "./fixtures";

const dir = mkdtempSync(join(tmpdir(), "dti-excel-1904-"));
const STC = "Sở Tài chính";
const SXD = "Sở Xây dựng";
const now = new Date("2026-01-15T08:00:00Z");
const { definition } = departmentModel();

interface CliIssue {
  code: string;
  sheet?: string;
  cell?: string;
  message: string;
}

/** A value in a number format of its own (ExcelJS shares one style between the cells a file gave the same style). */
function put(cell: ExcelJS.Cell, value: Date, numFmt: string): void {
  cell.value = value;
  cell.style = { ...cell.style, numFmt };
}

/** The forms of phieu.xlsx with dates typed on STC's form (1904 system or not), written as `file`; the cells typed. */
async function datedForms(file: string, date1904: boolean): Promise<{ figure: string; period: string; evidence: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "phieu.xlsx"));
  const ws = wb.getWorksheet(STC)!;
  const rowOf = (code: string): number => {
    let found = 0;
    ws.eachRow((row, r) => {
      if (String(row.getCell(1).value) === code) found = r;
    });
    return found;
  };
  const dated = (address: string, y: number, m: number, d: number) => put(ws.getCell(address), new Date(Date.UTC(y, m - 1, d)), "dd/mm/yyyy");
  const figure = ws.getCell(rowOf("1.3.a"), 4).address;
  const evidence = ws.getCell(rowOf("1.4"), 7).address;
  dated(figure, 2024, 2, 1);
  dated("B5", 2024, 12, 31);
  dated(evidence, 2024, 3, 15);
  ws.getCell(rowOf("1.4"), 4).value = 5;
  wb.getWorksheet(SXD)!.getCell(rowOf("1.4"), 4).value = 5;
  if (date1904) wb.properties.date1904 = true;
  await wb.xlsx.writeFile(join(dir, file));
  return { figure, period: "B5", evidence };
}

/** The findings `validate` gives for `file` in `lang` (its JSON). */
async function cliIssues(file: string, lang: "vi" | "en"): Promise<CliIssue[]> {
  const v = await runCli(["validate", file, "--json", "-", "--lang", lang], dir, lang);
  return (JSON.parse(v.out) as { issues: CliIssue[] }).issues;
}

/** `file` opened in Excel (the double) and scored through the Excel host. */
async function throughExcel(file: string, write: boolean): Promise<{ double: ExcelDouble; host: ExcelHost; issues: Issue[] }> {
  const double = createExcelDouble();
  await double.loadXlsx(new Uint8Array(readFileSync(join(dir, file))));
  double.install();
  const host = new ExcelHost();
  const result = await runScoring(host, { definition, lang: "vi", projectVersion: "test", now, write });
  return { double, host, issues: result.issues };
}

let cells: { figure: string; period: string; evidence: string };

beforeAll(async () => {
  writeFileSync(join(dir, "dv.csv"), "Mã đơn vị,Đơn vị,Nhóm\nSTC,Sở Tài chính,\nSXD,Sở Xây dựng,\n");
  expect((await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "phieu.xlsx", "--period", "Năm 2024"], dir)).code).toBe(0);
  cells = await datedForms("mac.xlsx", true);
  await datedForms("win.xlsx", false);
}, 60_000);

describe("dates in a workbook of the 1904 date system, read through Excel", () => {
  test("Excel keeps the file's serials and its date system: DATE(2000;1;1) is 35064 there, 36526 in a 1900 workbook", async () => {
    const serials: Record<string, unknown> = {};
    for (const file of ["mac.xlsx", "win.xlsx"]) {
      const double = createExcelDouble();
      await double.loadXlsx(new Uint8Array(readFileSync(join(dir, file))));
      double.install();
      serials[file] = await Excel.run(async (ctx) => {
        const date = ctx.workbook.functions.date(2000, 1, 1).load("value,error");
        const period = ctx.workbook.worksheets.getItem(STC).getRange(cells.period).load("values");
        await ctx.sync();
        return { date: date.value, error: date.error, period: period.values[0]![0] };
      });
    }
    expect(serials).toEqual({ "mac.xlsx": { date: 35064, error: null, period: 44195 }, "win.xlsx": { date: 36526, error: null, period: 45657 } });
  });

  test("the period, a date typed as a figure and one typed as evidence: the same findings, in both languages, as the command line gives for the file", async () => {
    const { issues, double, host } = await throughExcel("mac.xlsx", false);
    const win = await throughExcel("win.xlsx", false);
    // The date system comes with the sheet list: no request more than for a 1900 workbook.
    expect(double.syncCount).toBe(win.double.syncCount);
    double.install();
    expect((await host.read()).date1904).toBe(true);
    win.double.install();
    expect((await win.host.read()).date1904).toBeUndefined();

    for (const lang of ["vi", "en"] as const) {
      const cli = await cliIssues("mac.xlsx", lang);
      const at = <T extends { sheet?: string; cell?: string }>(list: T[], cell: string): T[] => list.filter((i) => i.sheet === STC && i.cell === cell);
      for (const cell of [cells.figure, cells.period]) {
        expect(at(issues, cell).map((i) => ({ code: i.code, message: i.message[lang] }))).toEqual(at(cli, cell).map((i) => ({ code: i.code, message: i.message })));
      }
      // The day Excel shows, never one of 2020 (1,462 days early).
      expect(at(issues, cells.figure).map((i) => i.code)).toEqual(["not-a-number"]);
      expect(at(issues, cells.figure)[0]!.message[lang]).toContain(lang === "vi" ? "ô chứa ngày 01/02/2024" : "1 Feb 2024");
      expect(at(issues, cells.period).map((i) => i.code)).toEqual(["period-differs"]);
      expect(at(issues, cells.period)[0]!.message[lang]).toContain('"31/12/2024"');
      // The date typed as evidence is evidence.
      expect(at(issues, cells.evidence)).toEqual([]);
      expect(JSON.stringify(issues.map((i) => i.message[lang]))).not.toMatch(/2020|1904/);
    }
    // And as through Excel for the same forms in a workbook of the 1900 system.
    expect(issues).toEqual(win.issues);
  }, 120_000);

  test("scored, the results' title names the period's day, and the workbook reads as up to date", async () => {
    const { double, host } = await throughExcel("mac.xlsx", true);
    const win = await throughExcel("win.xlsx", true);
    const title = String(double.value("'Kết quả'!A1"));
    expect(title).toContain("31/12/2024");
    expect(title).toBe(String(win.double.value("'Kết quả'!A1")));
    expect(double.value(`'${STC}'!${cells.period}`)).toBe(44195);
    expect(await host.isStale()).toMatchObject({ stale: false });
  }, 120_000);
});
