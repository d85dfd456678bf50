/**
 * The sheet a CSV table becomes in the scored workbook: its fields kept as the text they were
 * (the reader reads them per numberLocale, and reads them the same when the workbook is scored
 * again), laid out for a reader: figures right-aligned, header row and unit columns frozen and
 * printed on every page, A4 landscape.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { communeIndex, runCli } from "../test-run";
import { csvToWorkbook } from "./common";

const dir = mkdtempSync(join(tmpdir(), "dti-csv-sheet-"));

async function sheetOf(file: string, name: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

test("a scored CSV table's sheet reads as a table (figures right-aligned, header on every printed page) and scores the same when scored again", async () => {
  writeFileSync(join(dir, "xa.json"), JSON.stringify(communeIndex({ name: "Điểm tự chấm", rule: { kind: "points" } })));
  writeFileSync(join(dir, "bang.csv"), 'Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,Có,"7,5",3,4\nX02,Xã Tân Phú,Không,1.860,10,10\n');
  const first = await runCli(["score", "bang.csv", "--index", "xa.json", "--out", "ket-qua.xlsx", "--json", "lan-1.json"], dir, "en");
  expect(first.code).toBe(0);
  const ws = await sheetOf("ket-qua.xlsx", "bang");
  // The figures are the file's text, right-aligned; the unit's name and the yes/no answers are not figures.
  expect(ws.getCell("D2").value).toBe("7,5");
  expect(ws.getCell("D3").value).toBe("1.860");
  for (const a of ["D1", "D2", "D3", "E2", "F3"]) expect(ws.getCell(a).alignment?.horizontal).toBe("right");
  for (const a of ["B2", "C2"]) expect(ws.getCell(a).alignment?.horizontal).toBeUndefined();
  expect(ws.getRow(1).font?.bold).toBe(true);
  expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1, xSplit: 3 });
  expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" });
  expect(ws.getColumn(2).width).toBeGreaterThanOrEqual("Xã Tân Phú".length);

  // Scored again from the workbook (its definition embedded), the sheet gives the same scores and findings.
  const again = await runCli(["score", "ket-qua.xlsx", "--out", "ket-qua.xlsx", "--json", "lan-2.json"], dir, "en");
  expect(again.code).toBe(0);
  const scores = (file: string) => {
    const json = JSON.parse(readFileSync(join(dir, file), "utf8")) as { units: { code: string; points: unknown; nodes: unknown }[]; issues: { code: string; cell?: string }[] };
    return { units: json.units.map((u) => [u.code, u.points, u.nodes]), issues: json.issues.map((i) => [i.code, i.cell]) };
  };
  expect(scores("lan-2.json")).toEqual(scores("lan-1.json"));
  expect(scores("lan-1.json").units.length).toBe(2);
});

test("a table too wide for one legible page prints on several pages wide, the unit's columns on each", async () => {
  const codes = Array.from({ length: 40 }, (_, k) => `${k + 1}.1`);
  const csv = [["Mã đơn vị", "Đơn vị", "Nhóm", ...codes], ["X01", "Xã An Bình", "Xã", ...codes.map((_, k) => `${k * 1000 + 0.5}`)]].map((r) => r.join(";")).join("\n");
  const { data } = await csvToWorkbook(new TextEncoder().encode(csv), "rong.csv");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("rong")!;
  expect(ws.pageSetup.fitToWidth).toBeGreaterThan(1);
  expect(ws.pageSetup).toMatchObject({ orientation: "landscape", printTitlesRow: "1:1", printTitlesColumn: "A:C" });
  expect(ws.getCell("D2").alignment?.horizontal).toBe("right");
  expect(ws.getCell("C2").alignment?.horizontal).toBeUndefined();
});

test("UNDP's table, whose code and name are followed by more text columns (hdicode, region), prints several pages wide with its code and name on each", async () => {
  const years = Array.from({ length: 40 }, (_, k) => `le_${1983 + k}`);
  const csv = [["iso3", "country", "hdicode", "region", ...years], ["VNM", "Viet Nam", "High", "EAP", ...years.map((_, k) => `${70 + k / 10}`)]].map((r) => r.join(",")).join("\n");
  const { data } = await csvToWorkbook(new TextEncoder().encode(csv), "hdr.csv");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("hdr")!;
  expect(ws.pageSetup.fitToWidth).toBeGreaterThan(1);
  expect(ws.pageSetup).toMatchObject({ printTitlesRow: "1:1", printTitlesColumn: "A:B" });
});

test("a wide table that opens with a row number (STT) or with codes that are numbers is scored, and prints with the row number, code and name on every page", async () => {
  writeFileSync(join(dir, "xa.json"), JSON.stringify(communeIndex({ name: "Điểm tự chấm", rule: { kind: "points" } })));
  const filler = Array.from({ length: 30 }, (_, k) => `Ghi chú ${k + 1}`);
  const head = ["Mã đơn vị", "Đơn vị", "2.1", "2.2.a", "2.2.b", "1.1", ...filler];
  const rows = [["X01", "Xã An Bình", "7", "3", "4", "Có"], ["X02", "Xã Tân Phú", "8", "10", "10", "Không"]].map((r) => [...r, ...filler.map((_, k) => `${k * 1000 + 0.5}`)]);
  const cases = [
    ["stt.csv", [["STT", ...head], ...rows.map((r, i) => [`${i + 1}`, ...r])], "A:C", 3],
    ["ma-so.csv", [head, ...rows.map((r, i) => [`00${i + 1}`, ...r.slice(1)])], "A:B", 2],
  ] as const;
  for (const [file, table, titles, frozen] of cases) {
    writeFileSync(join(dir, file), table.map((r) => r.join(",")).join("\n"));
    const out = file.replace(".csv", ".xlsx");
    const run = await runCli(["score", file, "--index", "xa.json", "--out", out, "--json", `${out}.json`], dir, "vi");
    expect([file, run.code, run.err]).toEqual([file, 0, ""]);
    expect((JSON.parse(readFileSync(join(dir, `${out}.json`), "utf8")) as { units: unknown[] }).units).toHaveLength(2);
    const ws = await sheetOf(out, file.replace(".csv", ""));
    expect([file, ws.pageSetup.printTitlesColumn, ws.views[0]]).toEqual([file, titles, expect.objectContaining({ xSplit: frozen })]);
    expect(ws.pageSetup.fitToWidth).toBeGreaterThan(1);
  }
});

test("a scored CSV table's sheet prints, as every other sheet, the index at the top and its name and page number at the foot, in the run's language; a column of nothing but N/A lines up with the figures beside it", async () => {
  writeFileSync(join(dir, "xa.json"), JSON.stringify(communeIndex({ name: "Điểm tự chấm", rule: { kind: "points" } })));
  // Column F (2.2.b): no unit has a figure for it.
  writeFileSync(join(dir, "khong-co.csv"), "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,Có,7,3,N/A\nX02,Xã Tân Phú,Không,8,10,n/a\n");
  for (const [lang, footer, header] of [["vi", "&L&A&RTrang &P", "&CBộ chỉ số thử cấp xã"], ["en", "&L&A&RPage &P", "&CTest commune index"]] as const) {
    const out = `khong-co-${lang}.xlsx`;
    const run = await runCli(["score", "khong-co.csv", "--index", "xa.json", "--out", out, "--lang", lang], dir, lang);
    expect([lang, run.err]).toEqual([lang, ""]);
    const ws = await sheetOf(out, "khong-co");
    const results = await sheetOf(out, lang === "vi" ? "Kết quả" : "Results");
    // As the results sheet's pages: the index (and the period the forms state) at the top, the sheet and the page at the foot.
    expect([lang, ws.headerFooter.oddHeader, ws.headerFooter.oddFooter]).toEqual([lang, results.headerFooter.oddHeader, footer]);
    expect(ws.headerFooter.oddHeader).toBe(header);
    expect(ws.pageSetup.firstPageNumber).toBe(1);
    // The N/A column's header and fields are right-aligned, as the figures' are; the names and yes/no answers are not.
    for (const a of ["F1", "F2", "F3", "E1", "E2", "D3"]) expect([lang, a, ws.getCell(a).alignment?.horizontal]).toEqual([lang, a, "right"]);
    for (const a of ["B2", "C2"]) expect([lang, a, ws.getCell(a).alignment?.horizontal]).toEqual([lang, a, undefined]);
  }
});
