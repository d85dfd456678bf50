/**
 * Forms filled in and saved in LibreOffice, then gathered and scored: LibreOffice writes the
 * protection's booleans as words (`sheet="true"`, `locked="false"`) and a password as the legacy
 * hash, and the workbooks the command line writes must keep every form protected as it was, with
 * its password, its input cells open to typing and its drop-down lists.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { parseRels, sheetParts } from "../../src/hosts/xlsx/ooxml";
import { XLSX, convert } from "./soffice";
import { rowOf } from "../../src/hosts/xlsx/test-workbooks";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-protection-"));
const sink = { write: (_: string) => true };
const run = (argv: string[]) => main(argv, { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } });

/** The legacy hash of the password "secret", as Excel 2007 and LibreOffice write it. */
const SECRET = "DAA7";

async function sheetXmls(file: string): Promise<{ sheets: Map<string, string>; styles: string }> {
  const zip = await JSZip.loadAsync(readFileSync(join(dir, file)));
  const rels = parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  const sheets = new Map<string, string>();
  for (const [name, path] of sheetParts(await zip.file("xl/workbook.xml")!.async("string"), rels, "xl/workbook.xml")) sheets.set(name, await zip.file(path)!.async("string"));
  return { sheets, styles: await zip.file("xl/styles.xml")!.async("string") };
}

/** Whether the cell at `address` is locked, from the sheet's and the styles' XML. */
function lockedAt(styles: string, sheet: string, address: string): boolean {
  const style = Number(new RegExp(`<c r="${address}"[^>]*\\bs="(\\d+)"`).exec(sheet)?.[1] ?? 0);
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "";
  const xf = cellXfs.match(/<xf\b[^>]*?(\/>|>[\s\S]*?<\/xf>)/g)?.[style] ?? "";
  const locked = /<protection[^>]*\blocked="([^"]*)"/.exec(xf)?.[1];
  return !(locked === "0" || locked === "false");
}

const FORMS = ["Sở Nội vụ", "Sở Y tế"];

beforeAll(async () => {
  writeFileSync(join(dir, "units.csv"), "Mã đơn vị,Đơn vị,Nhóm\nSNV,Sở Nội vụ,co-dvc\nSYT,Sở Y tế,co-dvc\n");
  expect(await run(["template", "--index", "dti-so-nganh-mau", "--units", "units.csv", "--out", "phieu.xlsx"])).toBe(0);
  // Sở Y tế protects its form with a password (the legacy hash, which LibreOffice keeps as it is).
  const zip = await JSZip.loadAsync(readFileSync(join(dir, "phieu.xlsx")));
  const rels = parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  const path = sheetParts(await zip.file("xl/workbook.xml")!.async("string"), rels, "xl/workbook.xml").get("Sở Y tế")!;
  const xml = await zip.file(path)!.async("string");
  zip.file(path, xml.replace(/<sheetProtection /, `<sheetProtection password="${SECRET}" `));
  writeFileSync(join(dir, "phieu.xlsx"), await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  expect(convert(join(dir, "phieu.xlsx"), XLSX, join(dir, "lo"))).toContain("phieu.xlsx");
  expect(await run(["collect", "lo/phieu.xlsx", "--out", "tong-hop.xlsx"])).toBe(0);
  expect(await run(["score", "lo/phieu.xlsx", "--out", "da-cham.xlsx"])).toBe(0);
  expect(await run(["score", "tong-hop.xlsx", "--out", "tong-hop-da-cham.xlsx"])).toBe(0);
}, 240_000);

test("LibreOffice writes the protection as words, with the password it was given", async () => {
  const { sheets, styles } = await sheetXmls("lo/phieu.xlsx");
  expect(/<sheetProtection\b[^>]*>/.exec(sheets.get("Sở Nội vụ")!)?.[0]).toMatch(/\ssheet="true"/);
  expect(/<sheetProtection\b[^>]*>/.exec(sheets.get("Sở Y tế")!)?.[0]).toMatch(new RegExp(`\\spassword="${SECRET}"`, "i"));
  expect(styles).toMatch(/<protection [^>]*locked="false"/);
});

test.each(["tong-hop.xlsx", "da-cham.xlsx", "tong-hop-da-cham.xlsx"])("%s keeps every form protected, its password, its open input cells and its drop-downs", async (file) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  const { sheets, styles } = await sheetXmls(file);
  for (const name of FORMS) {
    const ws = wb.getWorksheet(name)!;
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    const figure = ws.getCell(rowOf(ws, "3.2"), 4);
    const label = ws.getCell(rowOf(ws, "3.2"), 2);
    expect(figure.protection?.locked).toBe(false);
    expect(lockedAt(styles, sheets.get(name)!, figure.address)).toBe(false);
    expect(lockedAt(styles, sheets.get(name)!, label.address)).toBe(true);
    // LibreOffice adds an empty second formula to a list, which a list does not use.
    const list = ws.getCell(rowOf(ws, "2.1"), 4).dataValidation;
    expect(list).toMatchObject({ type: "list", showErrorMessage: true, errorStyle: "warning", error: "Chọn Có hoặc Không. Viết cách khác (co / khong, đạt / không đạt, x, 1 / 0, yes / no) vẫn được đọc; bước Kiểm tra báo ô nào không đọc được." });
    expect(list.formulae?.[0]).toBe('"Có,Không"');
    const tag = /<sheetProtection\b[^>]*>/.exec(sheets.get(name)!)?.[0] ?? "";
    expect(tag).toMatch(/\ssheet="1"/);
    if (name === "Sở Y tế") expect(tag).toMatch(new RegExp(`\\spassword="${SECRET}"`, "i"));
    else expect(tag).not.toMatch(/\spassword=/);
  }
});
