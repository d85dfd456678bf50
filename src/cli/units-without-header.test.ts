/**
 * A units file without a header line: its first unit is read as the header line, which names no
 * unit column. The sentence quotes that line (shortened when long) and shows the header line to
 * add, with the file's own separator (a workbook: the cells of a first row). Real files.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-units-header-"));
const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);
const template = (units: string, lang: "vi" | "en" = "vi") => run(["template", "--index", "dti-so-nganh-mau", "--units", units, "--out", "phieu.xlsx", "--lang", lang], lang);

describe("a units file without a header line", () => {
  it("semicolons: its first line quoted as read for the header, and the header line to add with semicolons, in both languages", async () => {
    writeFileSync(join(dir, "nohdr.csv"), "SNV;Sở Nội vụ;co-dvc\nSTC;Sở Tài chính;co-dvc\n");
    const vi = await template("nohdr.csv");
    expect(vi.code).toBe(2);
    expect(vi.err).toBe(
      'Tệp danh sách đơn vị nohdr.csv không có cột "Đơn vị" (hoặc "Unit"): dòng đầu của tệp, "SNV;Sở Nội vụ;co-dvc", được đọc làm dòng tiêu đề. Nếu tệp đã có dòng tiêu đề, hãy đặt tên cột tên đơn vị là "Đơn vị"; nếu chưa có, hãy thêm lên đầu tệp dòng tiêu đề: Mã đơn vị;Đơn vị;Nhóm\n',
    );
    const en = await template("nohdr.csv", "en");
    expect(en.code).toBe(2);
    expect(en.err).toBe(
      'The units file nohdr.csv has no "Unit" (or "Đơn vị") column: its first line, "SNV;Sở Nội vụ;co-dvc", was taken as the header line. If the file has a header line, name the column of the units\' names "Unit"; if it has none, add this header line at its top: Unit code;Unit;Category\n',
    );
    expect(existsSync(join(dir, "phieu.xlsx"))).toBe(false);
  });

  it("the header line shown adds the file's separator and as many columns as its lines have; a long first line is shortened", async () => {
    writeFileSync(join(dir, "dai.csv"), "SNV,Văn phòng Đoàn đại biểu Quốc hội Hội đồng nhân dân và Ủy ban nhân dân tỉnh\nSTC,Sở Tài chính\n");
    const r = await template("dai.csv");
    expect(r.code).toBe(2);
    expect(r.err).toContain(': dòng đầu của tệp, "SNV,Văn phòng Đoàn đại biểu Quốc hội Hội đồng nhân dân và Ủ…", được đọc làm dòng tiêu đề.');
    expect(r.err).toMatch(/dòng tiêu đề: Mã đơn vị,Đơn vị\n$/);
    writeFileSync(join(dir, "ten.csv"), "Sở Nội vụ\nSở Tài chính\n");
    expect((await template("ten.csv", "en")).err).toMatch(/its first line, "Sở Nội vụ", was taken as the header line\. .*: Unit\n$/);
  });

  it("a blank first line is said to be blank, to be deleted", async () => {
    writeFileSync(join(dir, "trong.csv"), "\nMã đơn vị,Đơn vị\nSTC,Sở Tài chính\n");
    const r = await template("trong.csv", "en");
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'The units file trong.csv has no "Unit" (or "Đơn vị") column: its first line is blank but is taken as the header line. Delete the blank line at the top of the file; if the file has no header line, write this one there: Unit code,Unit\n',
    );
  });

  it("a workbook: row 1 of its first sheet quoted cell by cell, and the cells of the header row to insert", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Đơn vị");
    ws.addRow(["SNV", "Sở Nội vụ", "co-dvc"]);
    ws.addRow(["STC", "Sở Tài chính", "co-dvc"]);
    await wb.xlsx.writeFile(join(dir, "nohdr.xlsx"));
    const r = await template("nohdr.xlsx", "en");
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'The units file nohdr.xlsx has no "Unit" (or "Đơn vị") column: row 1 of sheet \'Đơn vị\' ("SNV", "Sở Nội vụ", "co-dvc") was taken as the header row. If the sheet has a header row, name the column of the units\' names "Unit"; if it has none, insert one above with the columns\' names, one a cell: "Unit code", "Unit", "Category".\n',
    );
  });
});
