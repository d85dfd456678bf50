/**
 * `dti-scorer collect gui/*.xlsx`: each unit was sent the whole template and filled its own form;
 * the shell gives the files in the order of their names. The forms come into the consolidated
 * workbook in the order of the template's list of units (a council printing them gets them in
 * that order), the blank forms of the units that sent nothing in their places, a unit the template
 * does not hold after them; gathered into the template itself, each filled form takes its blank
 * form's place. Real .xlsx files, written and read back.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { rowOf } from "../hosts/xlsx/test-workbooks";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-collect-order-"));
const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);

/** The province's list of units, in its own order (not that of their codes or names). */
const UNITS: [string, string][] = [
  ["SYT", "Sở Y tế"],
  ["STC", "Sở Tài chính"],
  ["SXD", "Sở Xây dựng"],
  ["SNV", "Sở Nội vụ"],
  ["SGD", "Sở Giáo dục và Đào tạo"],
  ["BQL", "Ban Quản lý các khu công nghiệp"],
];
const NAMES = UNITS.map(([, n]) => n);
/** The units that sent their file back; the others sent nothing. */
const SENT = ["SNV", "STC", "SYT"];

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  return wb.worksheets.map((w) => w.name);
}

/** The 3.2 figure on a unit's form of a file (undefined when blank). */
async function figure(file: string, sheet: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  const ws = wb.getWorksheet(sheet)!;
  return ws.getCell(rowOf(ws, "3.2"), 4).value ?? undefined;
}

/** The template as unit `code` sends it back: its own form filled in (3.2), the others blank. */
async function sentBack(template: string, code: string, to: string, percent: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, template));
  const name = UNITS.find(([c]) => c === code)?.[1] ?? "Sở Ngoại vụ";
  const ws = wb.getWorksheet(name)!;
  ws.getCell(rowOf(ws, "3.2"), 4).value = percent;
  await wb.xlsx.writeFile(join(dir, to));
}

/** The files as `gui/*.xlsx` gives them: in the order of their names. */
const gui = () => SENT.map((c) => `gui/${c}.xlsx`).sort();

beforeAll(async () => {
  mkdirSync(join(dir, "gui"));
  writeFileSync(join(dir, "don-vi.csv"), `Mã đơn vị,Đơn vị\n${UNITS.map(([c, n]) => `${c},${n}`).join("\n")}\n`);
  expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "don-vi.csv", "--out", "mau.xlsx"])).code).toBe(0);
  for (const [k, code] of SENT.entries()) await sentBack("mau.xlsx", code, `gui/${code}.xlsx`, 0.5 + k / 10);
  // A unit added to the list after the template went out: a template of its own, one form.
  writeFileSync(join(dir, "don-vi-moi.csv"), "Mã đơn vị,Đơn vị\nSNG,Sở Ngoại vụ\n");
  expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "don-vi-moi.csv", "--out", "mau-moi.xlsx"])).code).toBe(0);
  await sentBack("mau-moi.xlsx", "SNG", "gui/A-SNG.xlsx", 0.4);
}, 120_000);

describe("dti-scorer collect of the whole template sent back by each unit", () => {
  it("gathers the forms in the template's order of units, not the files' names, blank forms of units that sent nothing in their places", async () => {
    expect(gui()).toEqual(["gui/SNV.xlsx", "gui/STC.xlsx", "gui/SYT.xlsx"]);
    const r = await run(["collect", ...gui(), "--out", "tong-hop.xlsx"]);
    expect(r.code).toBe(0);
    expect(await sheetNames("tong-hop.xlsx")).toEqual(NAMES);
    // Each unit's own form, filled; the others' blank.
    expect(await figure("tong-hop.xlsx", "Sở Y tế")).toBeCloseTo(0.7, 10);
    expect(await figure("tong-hop.xlsx", "Sở Tài chính")).toBeCloseTo(0.6, 10);
    expect(await figure("tong-hop.xlsx", "Sở Nội vụ")).toBeCloseTo(0.5, 10);
    expect(await figure("tong-hop.xlsx", "Sở Xây dựng")).toBeUndefined();
    // The report lists them in the workbook's order, each from the file it came from.
    expect(r.out.split("\n").filter((l) => l.startsWith("  + "))).toEqual([
      "  + SYT.xlsx › Sở Y tế",
      "  + STC.xlsx › Sở Tài chính",
      "  + SNV.xlsx › Sở Xây dựng",
      "  + SNV.xlsx › Sở Nội vụ",
      "  + SNV.xlsx › Sở Giáo dục và Đào tạo",
      "  + SNV.xlsx › Ban Quản lý các khu công nghiệp",
    ]);
    // Scored in that order too: the results list the units as the template does.
    expect((await run(["score", "tong-hop.xlsx", "--out", "tong-hop.xlsx"])).code).toBeLessThan(2);
    const scored = await sheetNames("tong-hop.xlsx");
    expect(scored.filter((n) => NAMES.includes(n))).toEqual(NAMES);
  }, 60_000);

  it("puts a unit that no template file holds (its own form alone) after the template's units, whatever its file's name", async () => {
    const files = ["gui/A-SNG.xlsx", ...gui()];
    const r = await run(["collect", ...files, "--out", "tong-hop-7.xlsx"]);
    expect(r.code).toBe(0);
    expect(await sheetNames("tong-hop-7.xlsx")).toEqual([...NAMES, "Sở Ngoại vụ"]);
    expect(await figure("tong-hop-7.xlsx", "Sở Ngoại vụ")).toBeCloseTo(0.4, 10);
  }, 60_000);

  it("gathered into the template itself, each filled form takes its blank form's place, a new unit after the last form", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "mau.xlsx"));
    const before = wb.worksheets.map((w) => w.name);
    await wb.xlsx.writeFile(join(dir, "hoi-dong.xlsx"));
    const r = await run(["collect", ...gui(), "gui/A-SNG.xlsx", "--out", "hoi-dong.xlsx"]);
    expect(r.code).toBe(0);
    const after = await sheetNames("hoi-dong.xlsx");
    const last = before.indexOf(NAMES[NAMES.length - 1]!);
    expect(after).toEqual([...before.slice(0, last + 1), "Sở Ngoại vụ", ...before.slice(last + 1)]);
    expect(after.filter((n) => NAMES.includes(n))).toEqual(NAMES);
    expect(await figure("hoi-dong.xlsx", "Sở Y tế")).toBeCloseTo(0.7, 10);
    expect(await figure("hoi-dong.xlsx", "Sở Nội vụ")).toBeCloseTo(0.5, 10);
  }, 60_000);
});
