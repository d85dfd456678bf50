/**
 * `dti-scorer collect` with files that cannot all be used: an unreadable file among good ones (a
 * zip that is no .xlsx package too), an existing --out workbook that cannot be read (left as it
 * was) or an empty --out file (written anew), one saved by
 * LibreOffice with a table, and a file with no form in it; a file of another format (.ods, .xls)
 * among the units' workbooks is left out with the sentence saying where to convert it, a CSV
 * table with the sentence saying that a table is scored directly, the others gathered, and the
 * status is 1, as for a damaged .xlsx.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { rowOf } from "../../hosts/xlsx/test-workbooks";
import { runCli } from "../test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-collect-"));

const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  return wb.worksheets.map((w) => w.name);
}

beforeAll(async () => {
  writeFileSync(join(dir, "a.csv"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\n");
  writeFileSync(join(dir, "b.csv"), "Mã đơn vị,Đơn vị\nSTC,Sở Tài chính\n");
  writeFileSync(join(dir, "c.csv"), "Mã đơn vị,Đơn vị\nSXD,Sở Xây dựng\n");
  for (const f of ["a", "b", "c"]) expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", `${f}.csv`, "--out", `${f}.xlsx`])).code).toBe(0);
  writeFileSync(join(dir, "hong.xlsx"), "không phải tệp zip");
}, 60_000);

describe("dti-scorer collect", () => {
  it("gathers the readable files, names the one it left out and why, and exits 1", async () => {
    const r = await run(["collect", "a.xlsx", "hong.xlsx", "b.xlsx", "--out", "gom.xlsx"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Đã tổng hợp 2 phiếu vào gom.xlsx.");
    expect(r.out).toContain('  - hong.xlsx: Tệp "hong.xlsx" không phải sổ làm việc Excel (.xlsx) đọc được nên được bỏ qua');
    expect(r.err).toBe("Cảnh báo: bỏ qua 1 tệp không đọc được (hong.xlsx); các tệp khác đã được tổng hợp.\n");
    expect(await sheetNames("gom.xlsx")).toEqual(["Sở Y tế", "Sở Tài chính"]);
    const en = await run(["collect", "hong.xlsx", "c.xlsx", "--out", "gom-en.xlsx", "--lang", "en"], "en");
    expect(en.code).toBe(1);
    expect(en.err).toBe("Warning: left out 1 unreadable file (hong.xlsx); the others were collected.\n");
    expect(en.out).toContain('File "hong.xlsx" is not a readable Excel workbook (.xlsx), so it was left out');
  }, 30_000);

  it("says of a file protected by a password to open, among files gathered, what it says when that file is given alone", async () => {
    writeFileSync(join(dir, "khoa.xlsx"), readFileSync(join(__dirname, "..", "..", "..", "test", "fixtures", "xlsx", "encrypted-password.xlsx")));
    const both = await run(["collect", "khoa.xlsx", "a.xlsx", "--out", "gom-khoa.xlsx"]);
    expect(both.code).toBe(1);
    expect(both.out).toContain("Đã tổng hợp 1 phiếu vào gom-khoa.xlsx.");
    const said = "Tệp khoa.xlsx được bảo vệ bằng mật khẩu mở tệp: hãy mở tệp trong Excel, bỏ mật khẩu";
    expect(both.out).toContain(`  - khoa.xlsx: ${said}`);
    expect(both.out).not.toContain("không phải sổ làm việc Excel");
    expect(both.err).toBe("Cảnh báo: bỏ qua 1 tệp không đọc được (khoa.xlsx); các tệp khác đã được tổng hợp.\n");
    const alone = await run(["collect", "khoa.xlsx", "--out", "gom-khoa-1.xlsx"]);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain(said);
    const en = await run(["collect", "a.xlsx", "khoa.xlsx", "--out", "gom-khoa-en.xlsx", "--lang", "en"], "en");
    expect(en.code).toBe(1);
    expect(en.out).toContain("  - khoa.xlsx: The file khoa.xlsx is protected by a password to open: open it in Excel, remove the password");
    expect(en.out).not.toContain("not a readable Excel workbook");
  }, 30_000);

  it("gathers the forms of a workbook whose sheet of the user's holds a phone number formatted as a date, keeping the number", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "b.xlsx"));
    const ws = wb.addWorksheet("Danh bạ");
    ws.getCell("A1").value = 912345678901;
    ws.getCell("A1").numFmt = "dd/mm/yyyy";
    await wb.xlsx.writeFile(join(dir, "dien-thoai.xlsx"));
    await wb.xlsx.writeFile(join(dir, "gom-dien-thoai.xlsx"));
    // Into a workbook holding it too: that workbook is written again, its number as it was.
    const r = await run(["collect", "dien-thoai.xlsx", "a.xlsx", "--out", "gom-dien-thoai.xlsx"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Đã tổng hợp 1 phiếu vào gom-dien-thoai.xlsx.");
    const zip = await JSZip.loadAsync(readFileSync(join(dir, "gom-dien-thoai.xlsx")));
    const sheets = await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")));
    expect(sheets.some((x) => /<c r="A1"[^>]*><v>912345678901<\/v><\/c>/.test(x))).toBe(true);
    expect(sheets.some((x) => x.includes("NaN"))).toBe(false);
  }, 30_000);

  it("into a workbook scored before, says its results are now out of date and how to score again; into one never scored, nothing of it", async () => {
    const first = await run(["collect", "a.xlsx", "--out", "da-cham.xlsx"]);
    expect(first.out).not.toContain("đã cũ");
    const more = await run(["collect", "b.xlsx", "--out", "da-cham.xlsx"]);
    expect(more.out).not.toContain("đã cũ");
    await run(["score", "da-cham.xlsx", "--index", "dti-so-nganh-mau", "--out", "da-cham.xlsx"]);
    expect(await sheetNames("da-cham.xlsx")).toContain("_index");

    const r = await run(["collect", "c.xlsx", "--out", "da-cham.xlsx"]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")).toEqual([
      "Đã tổng hợp 1 phiếu vào da-cham.xlsx.",
      "  + c.xlsx › Sở Xây dựng",
      "Sổ da-cham.xlsx đã được chấm điểm trước đó: kết quả trong sổ nay đã cũ vì có thêm phiếu. Hãy chấm điểm lại (dti-scorer score da-cham.xlsx --out da-cham.xlsx).",
      "",
    ]);
    // What validate then says of the unit gathered: new in the workbook, by its name.
    expect((await run(["validate", "da-cham.xlsx"])).out).toMatch(/^Kết quả đã cũ: 1 sở, ban, ngành mới được thêm vào sổ kể từ lần chấm điểm ngày [^(]*\(Sở Xây dựng\)\. Bộ chỉ số có chỉ tiêu so sánh giữa các sở, ban, ngành, nên điểm và hạng của các sở, ban, ngành khác cũng có thể thay đổi\. Hãy chấm điểm lại\.$/m);

    const en = await run(["collect", "c.xlsx", "--out", "da cham en.xlsx", "--lang", "en"], "en");
    expect(en.out).not.toContain("out of date");
    await run(["score", "da cham en.xlsx", "--index", "dti-so-nganh-mau", "--out", "da cham en.xlsx"]);
    const again = await run(["collect", "a.xlsx", "--out", "da cham en.xlsx", "--lang", "en"], "en");
    expect(again.out).toContain('da cham en.xlsx was scored before: the results in it are now out of date, as forms were added. Score it again (dti-scorer score "da cham en.xlsx" --out "da cham en.xlsx").');
  }, 60_000);

  it("blames the existing --out workbook, not an input, when that is what cannot be read", async () => {
    writeFileSync(join(dir, "tong-hong.xlsx"), "hỏng");
    const r = await run(["collect", "a.xlsx", "--out", "tong-hong.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toBe(
      "Tệp tong-hong.xlsx (--out) đã có sẵn nên các phiếu được tổng hợp thêm vào đó, nhưng nó không phải sổ làm việc Excel (.xlsx) đọc được. Hãy chọn tên tệp khác cho --out, hoặc lưu lại tong-hong.xlsx dạng .xlsx (Sổ làm việc Excel).",
    );
    expect(r.err).not.toContain("a.xlsx");
    expect(readFileSync(join(dir, "tong-hong.xlsx"), "utf8")).toBe("hỏng");
  });

  it("gathers into an empty --out file (0 bytes) as into a new one", async () => {
    writeFileSync(join(dir, "rong.xlsx"), "");
    const r = await run(["collect", "a.xlsx", "b.xlsx", "--out", "rong.xlsx"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(await sheetNames("rong.xlsx")).toEqual(["Sở Y tế", "Sở Tài chính"]);
  });

  it("adds forms to a workbook LibreOffice saved with a table in it", async () => {
    expect((await run(["collect", "a.xlsx", "--out", "lo.xlsx"])).code).toBe(0);
    // A table as LibreOffice writes it: no <tableStyleInfo>.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "lo.xlsx"));
    wb.addWorksheet("Danh bạ").addTable({ name: "DanhBa", ref: "A1", headerRow: true, columns: [{ name: "Đơn vị" }, { name: "Điện thoại" }], rows: [["Sở Y tế", "0230 3825 111"]] });
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const table = Object.keys(zip.files).find((f) => /^xl\/tables\/table\d+\.xml$/.test(f))!;
    zip.file(table, (await zip.file(table)!.async("string")).replace(/<tableStyleInfo\b[^>]*\/>/, ""));
    writeFileSync(join(dir, "lo.xlsx"), await zip.generateAsync({ type: "uint8array" }));
    const r = await run(["collect", "b.xlsx", "--out", "lo.xlsx"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    // The new form goes after the form already there, before the user's own sheet.
    expect(await sheetNames("lo.xlsx")).toEqual(["Sở Y tế", "Sở Tài chính", "Danh bạ"]);
    expect(existsSync(join(dir, "lo.xlsx"))).toBe(true);
  }, 30_000);

  it("names an .ods renamed .xlsx as an OpenDocument spreadsheet, with where to save it as .xlsx, gathering or scoring", async () => {
    // As LibreOffice Calc saves one: the first entry "mimetype", stored, holds the spreadsheet's media type.
    const zip = new JSZip();
    zip.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", { compression: "STORE" });
    zip.file("content.xml", "<office:document-content/>");
    writeFileSync(join(dir, "cc2.xlsx"), await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    const said = "Tệp cc2.xlsx là bảng tính OpenDocument (.ods) mang tên .xlsx nên không đọc được; hãy mở trong LibreOffice Calc và lưu lại dạng .xlsx.";
    const both = await run(["collect", "a.xlsx", "cc2.xlsx", "--out", "cc.xlsx"]);
    expect(both.code).toBe(1);
    expect(both.out).toContain(`  - cc2.xlsx: ${said}\n`);
    expect(both.err).toBe("Cảnh báo: bỏ qua 1 tệp không đọc được (cc2.xlsx); các tệp khác đã được tổng hợp.\n");
    const alone = await run(["collect", "cc2.xlsx", "--out", "cc-alone.xlsx"]);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain(`\n${said}\n`);
    expect(existsSync(join(dir, "cc-alone.xlsx"))).toBe(false);
    expect((await run(["score", "cc2.xlsx", "--index", "dti-so-nganh-mau"])).err).toBe(`${said}\n`);
    const scored = await run(["score", "cc2.xlsx", "--index", "dti-so-nganh-mau", "--lang", "en"], "en");
    expect(scored.code).toBe(2);
    expect(scored.err).toBe("The file cc2.xlsx is an OpenDocument spreadsheet (.ods) named .xlsx, so it cannot be read; open it in LibreOffice Calc and save it as .xlsx.\n");
    // A zip tool that packed it again compressed "mimetype" too: still an OpenDocument spreadsheet.
    zip.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", { compression: "DEFLATE" });
    writeFileSync(join(dir, "cc3.xlsx"), await zip.generateAsync({ type: "uint8array" }));
    expect((await run(["score", "cc3.xlsx", "--index", "dti-so-nganh-mau"])).err).toContain("cc3.xlsx là bảng tính OpenDocument (.ods) mang tên .xlsx");
    // Any other zip that is no workbook is still said to be no readable .xlsx.
    const other = new JSZip();
    other.file("mimetype", "application/epub+zip", { compression: "STORE" });
    writeFileSync(join(dir, "cc4.xlsx"), await other.generateAsync({ type: "uint8array" }));
    expect((await run(["score", "cc4.xlsx", "--index", "dti-so-nganh-mau"])).err).toContain("Tệp cc4.xlsx không phải sổ làm việc Excel (.xlsx) đọc được.");
  }, 30_000);

  it("says why nothing was gathered from a file of nothing but the template's instructions", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "a.xlsx"));
    for (const ws of [...wb.worksheets]) if (ws.name !== "Hướng dẫn") wb.removeWorksheet(ws.id);
    await wb.xlsx.writeFile(join(dir, "huong-dan.xlsx"));
    const r = await run(["collect", "huong-dan.xlsx", "--out", "hd.xlsx"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "Không có phiếu nào để tổng hợp nên không ghi hd.xlsx. Lý do:\n" +
        '  - huong-dan.xlsx: Tệp "huong-dan.xlsx" không có phiếu tự đánh giá nào của đơn vị (chỉ có trang hướng dẫn hoặc danh sách của phiếu mẫu).\n',
    );
    expect(existsSync(join(dir, "hd.xlsx"))).toBe(false);
  }, 30_000);
});

describe("dti-scorer collect with a file of another format", () => {
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

  it("leaves out an .ods file with its sentence, gathers the others, and exits 1", async () => {
    const r = await run(["collect", "lo1.ods", "e1.xlsx", "--out", "x.xlsx"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Đã tổng hợp 1 phiếu vào x.xlsx.");
    expect(r.out).toContain("  - lo1.ods: Tệp lo1.ods (OpenDocument) không đọc được; hãy mở trong LibreOffice Calc và lưu lại dạng .xlsx.\n");
    expect(r.err).toBe("Cảnh báo: bỏ qua 1 tệp không đọc được (lo1.ods); các tệp khác đã được tổng hợp.\n");
    expect(await sheetNames("x.xlsx")).toEqual(["Sở Y tế"]);

    const en = await run(["collect", "e2.xlsx", "cu.xls", "--out", "x-en.xlsx", "--lang", "en"], "en");
    expect(en.code).toBe(1);
    expect(en.out).toContain("  - cu.xls: The file cu.xls (Excel 97–2003) cannot be read; open it in Excel or LibreOffice Calc and save it as .xlsx.\n");
    expect(en.err).toBe("Warning: left out 1 unreadable file (cu.xls); the others were collected.\n");
    expect(await sheetNames("x-en.xlsx")).toEqual(["Sở Tài chính"]);
  }, 30_000);

  it("names every file left out in the order given, whatever kept it out", async () => {
    const r = await run(["collect", "cu.xls", "e1.xlsx", "hong.xlsx", "e1.csv", "lo1.ods", "e2.xlsx", "--out", "y.xlsx"]);
    expect(r.code).toBe(1);
    expect(await sheetNames("y.xlsx")).toEqual(["Sở Y tế", "Sở Tài chính"]);
    const lines = r.out.split("\n").filter((l) => l.startsWith("  - "));
    expect(lines).toEqual([
      "  - cu.xls: Tệp cu.xls (Excel 97–2003) không đọc được; hãy mở trong Excel hoặc LibreOffice Calc và lưu lại dạng .xlsx.",
      '  - hong.xlsx: Tệp "hong.xlsx" không phải sổ làm việc Excel (.xlsx) đọc được nên được bỏ qua (có thể tệp bị hỏng, chưa tải xong, hoặc là tệp .xls cũ hay tệp .ods của LibreOffice); hãy mở tệp trong Excel hoặc LibreOffice Calc và lưu lại dạng .xlsx.',
      "  - e1.csv: Tệp e1.csv là bảng văn bản (.csv), không phải sổ phiếu: lệnh collect tổng hợp các sổ phiếu của đơn vị (.xlsx, mỗi đơn vị một trang tính như lệnh template tạo); một bảng mỗi đơn vị một dòng thì chấm trực tiếp, không cần tổng hợp: dti-scorer score e1.csv --index <tệp.json | mã có sẵn>.",
      "  - lo1.ods: Tệp lo1.ods (OpenDocument) không đọc được; hãy mở trong LibreOffice Calc và lưu lại dạng .xlsx.",
    ]);
    expect(r.err).toBe("Cảnh báo: bỏ qua 4 tệp không đọc được (cu.xls, hong.xlsx, e1.csv, lo1.ods); các tệp khác đã được tổng hợp.\n");
  }, 30_000);

  it("given a CSV table alone, says that it gathers workbooks of forms and that a table is scored directly", async () => {
    const vi = await run(["collect", "e1.csv", "--out", "t.xlsx"]);
    expect(vi.code).toBe(2);
    expect(vi.err).toBe(
      "Tệp e1.csv là bảng văn bản (.csv), không phải sổ phiếu: lệnh collect tổng hợp các sổ phiếu của đơn vị (.xlsx, mỗi đơn vị một trang tính như lệnh template tạo); một bảng mỗi đơn vị một dòng thì chấm trực tiếp, không cần tổng hợp: dti-scorer score e1.csv --index <tệp.json | mã có sẵn>.\n",
    );
    const en = await run(["collect", "e1.csv", "--out", "t.xlsx", "--lang", "en"], "en");
    expect(en.code).toBe(2);
    expect(en.err).toBe(
      "The file e1.csv is a table of text (.csv), not a workbook of forms: the collect command collects units' workbooks of forms (.xlsx, one sheet per unit, as the template command makes them); a table with a row per unit is scored directly, with no collecting: dti-scorer score e1.csv --index <file.json | built-in id>.\n",
    );
    expect(existsSync(join(dir, "t.xlsx"))).toBe(false);
  }, 30_000);

  it("writes nothing and exits 2 when no file given can be read, each named with its sentence", async () => {
    const r = await run(["collect", "lo1.ods", "hong.xlsx", "--out", "z.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n").filter((l) => l !== "")).toEqual([
      "Không đọc được tệp nào trong 2 tệp cần tổng hợp (không phải sổ làm việc .xlsx).",
      "Tệp lo1.ods (OpenDocument) không đọc được; hãy mở trong LibreOffice Calc và lưu lại dạng .xlsx.",
      "Tệp hong.xlsx không phải sổ làm việc Excel (.xlsx) đọc được. Có thể tệp bị hỏng, chưa tải xong, hoặc do một chương trình khác ghi theo cách DTI Scorer chưa đọc được: hãy mở tệp trong Excel hoặc LibreOffice Calc rồi lưu lại dạng .xlsx (Sổ làm việc Excel).",
    ]);
    expect(existsSync(join(dir, "z.xlsx"))).toBe(false);
    // Given alone, the file's own sentence is the reason.
    const alone = await run(["collect", "lo1.ods", "--out", "z.xlsx", "--lang", "en"], "en");
    expect(alone.code).toBe(2);
    expect(alone.err).toBe("The file lo1.ods (OpenDocument) cannot be read; open it in LibreOffice Calc and save it as .xlsx.\n");
    expect(existsSync(join(dir, "z.xlsx"))).toBe(false);
  }, 30_000);
});

describe("dti-scorer collect of the files the units sent back (the whole template, each with its own sheet filled)", () => {
  const units = ["Sở Y tế", "Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ"];
  const codes = ["SYT", "STC", "SXD", "SNV"];

  /** The template as unit `u` sends it back: its own sheet filled in (a figure for 3.2, and `evidence` when given). */
  async function sentBack(u: number, file: string, percent = 0.5, evidence?: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "mau-4.xlsx"));
    const ws = wb.getWorksheet(units[u]!)!;
    const r = rowOf(ws, "3.2");
    const header = ws.getRow(rowOf(ws, "Mã"));
    const column = (label: string): number => (header.values as unknown[]).indexOf(label);
    ws.getCell(r, column("Số liệu")).value = percent;
    if (evidence !== undefined) ws.getCell(r, column("Minh chứng")).value = evidence;
    await wb.xlsx.writeFile(join(dir, file));
  }

  beforeAll(async () => {
    writeFileSync(join(dir, "don-vi-4.csv"), `Mã đơn vị,Đơn vị\n${units.map((n, i) => `${codes[i]},${n}`).join("\n")}\n`);
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "don-vi-4.csv", "--out", "mau-4.xlsx"])).code).toBe(0);
    for (let u = 0; u < units.length; u++) await sentBack(u, `gui-${codes[u]}.xlsx`, 0.5 + u / 10);
    // Sở Y tế's form once more, another figure in it, by mistake among the others.
    await sentBack(0, "gui-SYT-lan-2.xlsx", 0.9);
  }, 60_000);

  const each = codes.map((c) => `gui-${c}.xlsx`);

  it("counts the other units' blank forms in one line, and exits 0", async () => {
    const r = await run(["collect", ...each, "--out", "gom-4.xlsx"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out.split("\n")).toEqual([
      "Đã tổng hợp 4 phiếu vào gom-4.xlsx.",
      ...units.map((n, u) => `  + gui-${codes[u]}.xlsx › ${n}`),
      "Đã bỏ qua 12 phiếu trống của các đơn vị đã nộp phiếu có số liệu (tệp mỗi đơn vị gửi về có kèm cả bộ phiếu mẫu).",
      "",
    ]);
    const en = await run(["collect", ...each, "--out", "gom-4-en.xlsx", "--lang", "en"], "en");
    expect(en.out).toContain("\nLeft out 12 blank forms of units whose filled form came in (each unit sent back the whole template).\n");
    expect(en.out).not.toContain("Left out 12 sheets");
  }, 60_000);

  it("lists a unit's second filled form, and a file that cannot be read, each on its line before the count of blank forms", async () => {
    const r = await run(["collect", ...each, "gui-SYT-lan-2.xlsx", "hong.xlsx", "--out", "gom-4-trung.xlsx"]);
    expect(r.code).toBe(1);
    const lines = r.out.split("\n");
    expect(lines.slice(lines.indexOf("Đã bỏ qua 2 mục (trang tính hoặc tệp):"))).toEqual([
      "Đã bỏ qua 2 mục (trang tính hoặc tệp):",
      '  - hong.xlsx: Tệp "hong.xlsx" không phải sổ làm việc Excel (.xlsx) đọc được nên được bỏ qua (có thể tệp bị hỏng, chưa tải xong, hoặc là tệp .xls cũ hay tệp .ods của LibreOffice); hãy mở tệp trong Excel hoặc LibreOffice Calc và lưu lại dạng .xlsx.',
      "  - gui-SYT-lan-2.xlsx: Trang tính 'Sở Y tế': đơn vị mã SYT đã có một phiếu đã điền khác, lấy từ tệp gui-SYT.xlsx (trang 'Sở Y tế'), nên phiếu này không được lấy (mỗi đơn vị một phiếu). Nếu phiếu này mới là bản đúng, hãy xóa trang 'Sở Y tế' khỏi sổ tổng hợp rồi tổng hợp lại tệp này.",
      "Đã bỏ qua 15 phiếu trống của các đơn vị đã nộp phiếu có số liệu (tệp mỗi đơn vị gửi về có kèm cả bộ phiếu mẫu).",
      "",
    ]);
  }, 60_000);

  it("a unit's second, different filled form left out is said on stderr too, and the command exits 1: one of the two may be the right one", async () => {
    const r = await run(["collect", ...each, "gui-SYT-lan-2.xlsx", "--out", "gom-4-lan-2.xlsx"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Đã tổng hợp 4 phiếu vào gom-4-lan-2.xlsx.");
    expect(r.err).toBe("Cảnh báo: không lấy 1 phiếu đã điền của đơn vị đã có phiếu khác (gui-SYT-lan-2.xlsx › Sở Y tế); hãy xem lý do bên dưới và giữ lại bản đúng.\n");
    const en = await run(["collect", ...each, "gui-SYT-lan-2.xlsx", "--out", "gom-4-lan-2-en.xlsx", "--lang", "en"], "en");
    expect([en.code, en.err]).toEqual([1, "Warning: 1 other filled form of units that already have one was not taken (gui-SYT-lan-2.xlsx › Sở Y tế); see why below and keep the right one.\n"]);
  }, 60_000);

  it("leaves out a unit's corrected form when --out holds its filled one, naming that sheet and how to take the new one; the same form again needs nothing", async () => {
    expect((await run(["collect", ...each, "--out", "hoi-dong.xlsx"])).code).toBe(0);
    await sentBack(0, "gui-SYT-bo-sung.xlsx", 0.5, "QĐ 12/QĐ-SYT");
    const before = readFileSync(join(dir, "hoi-dong.xlsx"));
    const r = await run(["collect", "gui-SYT-bo-sung.xlsx", "--out", "hoi-dong.xlsx"]);
    expect(r.code).toBe(1);
    expect(r.err.split("\n")).toEqual([
      "Không có phiếu nào để tổng hợp nên không ghi hoi-dong.xlsx. Lý do:",
      "  - gui-SYT-bo-sung.xlsx: Trang tính 'Sở Y tế': đơn vị mã SYT đã có phiếu điền số liệu trong sổ tổng hợp (trang 'Sở Y tế') nên phiếu này không được lấy, để không ghi đè lên phiếu đó và số liệu hội đồng đã nhập vào (nếu có). Muốn dùng phiếu này, hãy xóa trang 'Sở Y tế' khỏi sổ tổng hợp (hoặc chuyển sang sổ khác nếu cần giữ lại) rồi tổng hợp lại tệp này.",
      "Đã bỏ qua 3 phiếu trống của các đơn vị đã nộp phiếu có số liệu (tệp mỗi đơn vị gửi về có kèm cả bộ phiếu mẫu).",
      "",
    ]);
    expect(r.err).not.toContain("trùng");
    expect(readFileSync(join(dir, "hoi-dong.xlsx")).equals(before)).toBe(true);
    const en = await run(["collect", "gui-SYT-bo-sung.xlsx", "--out", "hoi-dong.xlsx", "--lang", "en"], "en");
    expect(en.err).toContain(
      "Sheet 'Sở Y tế': the unit with code SYT already has a filled form in the consolidated workbook (sheet 'Sở Y tế'); this one was not taken, so that form and any figures the council entered on it are not overwritten. To use this one instead, delete the sheet 'Sở Y tế' from the consolidated workbook (or move it to another workbook to keep it), then collect this file again.",
    );
    expect(en.err).not.toContain("duplicate");

    // The form it already holds, sent again: nothing is wrong and nothing is written.
    const same = await run(["collect", "gui-SYT.xlsx", "--out", "hoi-dong.xlsx"]);
    expect(same.code).toBe(0);
    expect(same.err).toBe("");
    expect(same.out.split("\n")).toEqual([
      "Không có phiếu mới nào để tổng hợp: hoi-dong.xlsx đã có phiếu của mọi đơn vị trong các tệp này nên không ghi lại.",
      "  - gui-SYT.xlsx: Trang tính 'Sở Y tế': giống hệt phiếu đơn vị mã SYT đã có trong sổ tổng hợp (trang 'Sở Y tế') nên không chép lại; không cần làm gì.",
      "Đã bỏ qua 3 phiếu trống của các đơn vị đã nộp phiếu có số liệu (tệp mỗi đơn vị gửi về có kèm cả bộ phiếu mẫu).",
      "",
    ]);
    expect(readFileSync(join(dir, "hoi-dong.xlsx")).equals(before)).toBe(true);

    // As the sentence says: with that sheet deleted, the corrected form comes in.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "hoi-dong.xlsx"));
    wb.removeWorksheet(wb.getWorksheet("Sở Y tế")!.id);
    await wb.xlsx.writeFile(join(dir, "hoi-dong.xlsx"));
    const taken = await run(["collect", "gui-SYT-bo-sung.xlsx", "--out", "hoi-dong.xlsx"]);
    expect(taken.code).toBe(0);
    expect(taken.out).toContain("  + gui-SYT-bo-sung.xlsx › Sở Y tế\n");
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(join(dir, "hoi-dong.xlsx"));
    const ws = after.getWorksheet("Sở Y tế")!;
    expect(ws.getRow(rowOf(ws, "3.2")).values).toContain("QĐ 12/QĐ-SYT");
  }, 90_000);
});

describe("dti-scorer collect of a scored workbook's forms", () => {
  it("gathers the forms of a scored workbook without its summaries, marks and formulas reading its _index: the next score writes one summary a form", async () => {
    expect((await run(["demo", "--out", "demo"])).code).toBe(0);
    writeFileSync(join(dir, "d.csv"), "Mã đơn vị,Đơn vị\nBQLDA,Ban Quản lý dự án\n");
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "d.csv", "--out", "u1.xlsx"])).code).toBe(0);
    const u1 = new ExcelJS.Workbook();
    await u1.xlsx.readFile(join(dir, "u1.xlsx"));
    const form = u1.getWorksheet("Ban Quản lý dự án")!;
    form.getCell(rowOf(form, "3.2"), 4).value = 0.5;
    await u1.xlsx.writeFile(join(dir, "u1.xlsx"));

    const gathered = await run(["collect", "demo/ket-qua.xlsx", "u1.xlsx", "--out", "c2.xlsx"]);
    expect(gathered.code).toBe(0);
    // The scored workbook's own sheets are not listed as sheets that are no form.
    for (const own of ["Kết quả", "Biểu đồ", "_index"]) expect(gathered.out + gathered.err).not.toContain(`'${own}'`);
    /** By form: the cells labelled "Tổng điểm", those whose formula reads `_index`, the marks' notes. */
    const scoring = async (file: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, file));
      const out = new Map<string, { totals: string[]; readingIndex: string[]; marks: string[] }>();
      for (const ws of wb.worksheets) {
        if (ws.state === "veryHidden" || ws.name === "Kết quả" || ws.name === "Biểu đồ") continue;
        const found = { totals: [] as string[], readingIndex: [] as string[], marks: [] as string[] };
        ws.eachRow((row) =>
          row.eachCell((c) => {
            if (c.value === "Tổng điểm") found.totals.push(c.address);
            if (c.type === ExcelJS.ValueType.Formula && /_index/.test(c.formula ?? "")) found.readingIndex.push(c.address);
            const note = typeof c.note === "string" ? c.note : (c.note?.texts ?? []).map((t) => t.text).join("");
            if (note.includes("[DTI Scorer]")) found.marks.push(c.address);
          }),
        );
        out.set(ws.name, found);
      }
      return { wb, forms: out };
    };
    const collected = await scoring("c2.xlsx");
    expect(collected.forms.size).toBe(22);
    for (const [name, found] of collected.forms) expect([name, found]).toEqual([name, { totals: [], readingIndex: [], marks: [] }]);
    // Nothing of the scoring's on the form: the unit's figures and its name stay.
    const snv = collected.wb.getWorksheet("Sở Nội vụ")!;
    expect([snv.getCell("D1").value, snv.getCell("E2").value, snv.getCell("D4").value]).toEqual([null, null, null]);
    expect(snv.getCell("B1").value).toBe("Sở Nội vụ");

    expect((await run(["score", "c2.xlsx", "--out", "c2s.xlsx"])).code).toBe(1);
    const again = await scoring("c2s.xlsx");
    for (const [name, found] of again.forms) {
      // The form of a unit code another form has is not scored: it says why, with its mark.
      if (name.startsWith("Đài Phát thanh")) expect([name, found]).toEqual([name, { totals: [], readingIndex: [], marks: ["B2"] }]);
      else expect([name, found.totals.length, found.readingIndex.length]).toEqual([name, 1, 1]);
    }
    const ranked = again.wb.getWorksheet("Sở Nội vụ")!;
    expect(ranked.getCell("D2").value).toBe("Hạng");
    expect(String(ranked.getCell("E2").value)).toMatch(/^\d+\/21$/);
    expect([ranked.getCell("F1").value, ranked.getCell("F2").value, ranked.getCell("F4").value]).toEqual([null, null, null]);
  }, 120_000);
});
