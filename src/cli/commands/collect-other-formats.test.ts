/**
 * `dti-scorer collect` given a file of another format (.ods, .xls, .csv) among the units'
 * workbooks: that file is left out with the sentence saying where to convert it, the others are
 * gathered, and the status is 1, as for a damaged .xlsx.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "../test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-collect-formats-"));

const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  return wb.worksheets.map((w) => w.name);
}

beforeAll(async () => {
  writeFileSync(join(dir, "e1.csv"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\n");
  writeFileSync(join(dir, "e2.csv"), "Mã đơn vị,Đơn vị\nSTC,Sở Tài chính\n");
  for (const f of ["e1", "e2"]) expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", `${f}.csv`, "--out", `${f}.xlsx`])).code).toBe(0);
  // An OpenDocument spreadsheet as LibreOffice saves one (its package, not its sheets, matters here).
  const ods = new JSZip();
  ods.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", { compression: "STORE" });
  ods.file("content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>');
  writeFileSync(join(dir, "lo1.ods"), await ods.generateAsync({ type: "uint8array" }));
  // An Excel 97–2003 file starts with the OLE compound-file signature.
  writeFileSync(join(dir, "cu.xls"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]));
  writeFileSync(join(dir, "hong.xlsx"), "không phải tệp zip");
}, 60_000);

describe("dti-scorer collect with a file of another format", () => {
  it("leaves out an .ods file with its sentence, gathers the others, and exits 1", async () => {
    const r = await run(["collect", "lo1.ods", "e1.xlsx", "--out", "x.xlsx"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Đã gom 1 phiếu vào x.xlsx.");
    expect(r.out).toContain("  - lo1.ods: Tệp lo1.ods (OpenDocument) không đọc được; hãy mở trong LibreOffice Calc và lưu lại dạng .xlsx.\n");
    expect(r.err).toBe("Cảnh báo: bỏ qua 1 tệp không đọc được (lo1.ods); các tệp khác đã được gom.\n");
    expect(await sheetNames("x.xlsx")).toEqual(["Sở Y tế"]);

    const en = await run(["collect", "e2.xlsx", "cu.xls", "--out", "x-en.xlsx", "--lang", "en"], "en");
    expect(en.code).toBe(1);
    expect(en.out).toContain("  - cu.xls: File cu.xls (Excel 97–2003) cannot be read; open it in Excel and save it as .xlsx.\n");
    expect(en.err).toBe("Warning: left out 1 unreadable file (cu.xls); the others were gathered.\n");
    expect(await sheetNames("x-en.xlsx")).toEqual(["Sở Tài chính"]);
  }, 30_000);

  it("names every file left out in the order given, whatever kept it out", async () => {
    const r = await run(["collect", "cu.xls", "e1.xlsx", "hong.xlsx", "e1.csv", "lo1.ods", "e2.xlsx", "--out", "y.xlsx"]);
    expect(r.code).toBe(1);
    expect(await sheetNames("y.xlsx")).toEqual(["Sở Y tế", "Sở Tài chính"]);
    const lines = r.out.split("\n").filter((l) => l.startsWith("  - "));
    expect(lines).toEqual([
      "  - cu.xls: Tệp cu.xls (Excel 97–2003) không đọc được; hãy mở trong Excel và lưu lại dạng .xlsx.",
      '  - hong.xlsx: Tệp "hong.xlsx" không phải sổ làm việc Excel (.xlsx) đọc được nên được bỏ qua (có thể tệp bị hỏng, chưa tải xong, hoặc là tệp .xls cũ); hãy mở tệp và lưu lại dạng .xlsx (Excel Workbook).',
      "  - e1.csv: Tệp e1.csv không phải sổ làm việc Excel (.xlsx) đọc được. Hãy lưu lại dưới dạng .xlsx (Excel Workbook).",
      "  - lo1.ods: Tệp lo1.ods (OpenDocument) không đọc được; hãy mở trong LibreOffice Calc và lưu lại dạng .xlsx.",
    ]);
    expect(r.err).toBe("Cảnh báo: bỏ qua 4 tệp không đọc được (cu.xls, hong.xlsx, e1.csv, lo1.ods); các tệp khác đã được gom.\n");
  }, 30_000);

  it("writes nothing and exits 2 when no file given can be read, each named with its sentence", async () => {
    const r = await run(["collect", "lo1.ods", "hong.xlsx", "--out", "z.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n").filter((l) => l !== "")).toEqual([
      "Không đọc được tệp nào trong 2 tệp cần gom (không phải sổ làm việc .xlsx).",
      "Tệp lo1.ods (OpenDocument) không đọc được; hãy mở trong LibreOffice Calc và lưu lại dạng .xlsx.",
      "Tệp hong.xlsx không phải sổ làm việc Excel (.xlsx) đọc được. Hãy lưu lại dưới dạng .xlsx (Excel Workbook).",
    ]);
    expect(existsSync(join(dir, "z.xlsx"))).toBe(false);
    // Given alone, the file's own sentence is the reason.
    const alone = await run(["collect", "lo1.ods", "--out", "z.xlsx", "--lang", "en"], "en");
    expect(alone.code).toBe(2);
    expect(alone.err).toBe("File lo1.ods (OpenDocument) cannot be read; open it in LibreOffice Calc and save it as .xlsx.\n");
    expect(existsSync(join(dir, "z.xlsx"))).toBe(false);
  }, 30_000);
});
