/**
 * Real dates in a workbook of the 1904 date system (an old Mac workbook: `<workbookPr
 * date1904="1"/>`), which keeps 31/12/2024 as 44195 where a workbook of the 1900 system keeps
 * 45657: a date typed into a figure cell, as the form's period (`Kỳ đánh giá`) and as evidence is
 * the day Excel shows, in the command line's findings, its JSON and the results it writes, as in a
 * workbook of the 1900 system, never 1,462 days early; and the scored workbook keeps those cells'
 * numbers and its date system, so that Excel shows the same days in it.
 *
 * Real files: a template of the command line, dates typed with ExcelJS in a copy with the 1904
 * system and one without, then `validate` and `score --out` in-process.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseRels, sheetParts } from "../hosts/xlsx/ooxml";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-1904-"));
const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);
const STC = "Sở Tài chính";
const SXD = "Sở Xây dựng";
const DAY = 86_400_000;

/** The serial number Excel keeps for a day in each date system: days since 1 January 1904, or since 30 December 1899 (after February 1900). */
const serial = (y: number, m: number, d: number, date1904: boolean): number => (Date.UTC(y, m - 1, d) - (date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30))) / DAY;

interface Issue {
  code: string;
  sheet?: string;
  cell?: string;
  message: string;
}

/** The forms of phieu.xlsx with dates typed on STC's form (1904 system or not), written as `file`; the cells typed, by what they hold. */
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
  const dated = (address: string, y: number, m: number, d: number) => {
    const cell = ws.getCell(address);
    cell.value = new Date(Date.UTC(y, m - 1, d));
    // A style of its own: ExcelJS shares one between the cells the template gave the same style.
    cell.style = { ...cell.style, numFmt: "dd/mm/yyyy" };
  };
  const figure = ws.getCell(rowOf("1.3.a"), 4).address;
  const evidence = ws.getCell(rowOf("1.4"), 7).address;
  dated(figure, 2024, 2, 1);
  dated("B5", 2024, 12, 31);
  dated(evidence, 2024, 3, 15);
  ws.getCell(rowOf("1.4"), 4).value = 5;
  const other = wb.getWorksheet(SXD)!;
  other.getCell(rowOf("1.4"), 4).value = 5;
  if (date1904) wb.properties.date1904 = true;
  await wb.xlsx.writeFile(join(dir, file));
  return { figure, period: "B5", evidence };
}

/** The serial numbers STC's form keeps in `cells` of the workbook `file`, and whether it counts dates from 1904. */
async function stored(file: string, cells: string[]): Promise<{ date1904: boolean; serials: number[] }> {
  const zip = await JSZip.loadAsync(readFileSync(join(dir, file)));
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  const xml = await zip.file(sheetParts(workbook, rels, "xl/workbook.xml").get(STC)!)!.async("string");
  const serials = cells.map((a) => Number(new RegExp(`<c r="${a}"[^>]*>(?:<f>[^<]*</f>)?<v>([^<]*)</v>`).exec(xml)?.[1]));
  return { date1904: /<workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook), serials };
}

let cells: { figure: string; period: string; evidence: string };

beforeAll(async () => {
  writeFileSync(join(dir, "dv.csv"), "Mã đơn vị,Đơn vị,Nhóm\nSTC,Sở Tài chính,\nSXD,Sở Xây dựng,\n");
  expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "phieu.xlsx", "--period", "Năm 2024"])).code).toBe(0);
  cells = await datedForms("mac.xlsx", true);
  await datedForms("win.xlsx", false);
}, 60_000);

describe("dates in a workbook of the 1904 date system", () => {
  it("the file keeps each day as the 1904 system counts it (the workbook Excel opens)", async () => {
    const { date1904, serials } = await stored("mac.xlsx", [cells.figure, cells.period, cells.evidence]);
    expect(date1904).toBe(true);
    expect(serials).toEqual([serial(2024, 2, 1, true), serial(2024, 12, 31, true), serial(2024, 3, 15, true)]);
    expect(serial(2024, 12, 31, true)).toBe(44195);
    expect((await stored("win.xlsx", [cells.period])).serials).toEqual([45657]);
  });

  it("validate says the days Excel shows, in both languages and in its JSON, as for a workbook of the 1900 system", async () => {
    for (const lang of ["vi", "en"] as const) {
      const said: Record<string, Issue[]> = {};
      for (const file of ["mac.xlsx", "win.xlsx"]) {
        const v = await run(["validate", file, "--json", "-", "--lang", lang], lang);
        said[file] = (JSON.parse(v.out) as { issues: Issue[] }).issues;
      }
      expect(said["mac.xlsx"]).toEqual(said["win.xlsx"]);
      const at = (cell: string) => said["mac.xlsx"]!.filter((i) => i.sheet === STC && i.cell === cell);
      // The date typed as a figure: "not a number", said as the day it shows.
      expect(at(cells.figure).map((i) => i.code)).toEqual(["not-a-number"]);
      expect(at(cells.figure)[0]!.message).toContain(lang === "vi" ? "ô chứa ngày 01/02/2024" : "1 Feb 2024");
      // The period a date: the day Excel shows, never one of 2020.
      expect(at(cells.period).map((i) => i.code)).toEqual(["period-differs"]);
      expect(at(cells.period)[0]!.message).toContain('"31/12/2024"');
      // The date typed as evidence is evidence (SXD's form, without any, is told it lacks some).
      expect(at(cells.evidence)).toEqual([]);
      expect(said["mac.xlsx"]!.filter((i) => i.sheet === SXD && i.cell === cells.evidence).map((i) => i.code)).toEqual(["evidence-missing"]);
      expect(JSON.stringify(said["mac.xlsx"])).not.toMatch(/2020|1904/);
    }
  }, 60_000);

  it("score --out names the period's day in the results' title, and keeps the days and the date system of the workbook", async () => {
    for (const file of ["mac.xlsx", "win.xlsx"]) expect((await run(["score", file, "--out", `cham-${file}`])).code).toBeLessThanOrEqual(1);
    const title = async (file: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, file));
      return String(wb.getWorksheet("Kết quả")!.getCell("A1").value);
    };
    expect(await title("cham-mac.xlsx")).toContain("31/12/2024");
    expect(await title("cham-mac.xlsx")).toBe(await title("cham-win.xlsx"));
    const { date1904, serials } = await stored("cham-mac.xlsx", [cells.figure, cells.period, cells.evidence]);
    expect(date1904).toBe(true);
    expect(serials).toEqual([serial(2024, 2, 1, true), serial(2024, 12, 31, true), serial(2024, 3, 15, true)]);
    // Scored, the workbook reads as up to date: its dates read back as they were.
    const v = await run(["validate", "cham-mac.xlsx", "--json", "-"]);
    expect((JSON.parse(v.out) as { stale: unknown }).stale).toBeNull();
  }, 60_000);
});
