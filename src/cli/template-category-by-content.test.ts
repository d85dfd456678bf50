/**
 * `template --units` with a list whose categories stand under a header of its own ("Type",
 * "Khối") rather than Nhóm/Loại đơn vị/Category: every filled cell of the column is one of the
 * index's categories, so the forms get them (a note names the column). A column that holds
 * anything else is not taken for the categories, and the forms leave the category blank.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { loadXlsx } from "../hosts/xlsx/read";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-category-by-content-"));

async function categoryCells(file: string): Promise<Record<string, unknown>> {
  const wb = await loadXlsx(new Uint8Array(readFileSync(join(dir, file))));
  const out: Record<string, unknown> = {};
  for (const ws of wb.worksheets) {
    if (ws.getCell("A1").value !== "Đơn vị" && ws.getCell("A1").value !== "Unit") continue;
    const row = [1, 2, 3, 4, 5].find((r) => ["Nhóm", "Category"].includes(String(ws.getCell(r, 1).value)));
    out[String(ws.getCell("B1").value)] = row === undefined ? undefined : ws.getCell(row, 2).value;
  }
  return out;
}

test("a CSV column of the index's categories under another header gives the forms their categories, and says which column", async () => {
  writeFileSync(join(dir, "dv.csv"), "Mã đơn vị,Đơn vị,Type\nS01,Sở Tài chính,co-dvc\nS02,Sở Y tế,Sở, ban, ngành không có dịch vụ công\nS03,Sở Nội vụ,\n".replace("Sở, ban, ngành không có dịch vụ công", '"Sở, ban, ngành không có dịch vụ công"'));
  const vi = await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "phieu.xlsx"], dir);
  expect(vi.code).toBe(0);
  expect(vi.err).toContain('Lưu ý: dv.csv: cột "Type" được đọc là cột loại đơn vị, vì cột ghi các loại đơn vị của bộ chỉ số.');
  const cells = await categoryCells("phieu.xlsx");
  expect(cells["Sở Tài chính"]).toBe("Sở, ban, ngành có dịch vụ công");
  expect(cells["Sở Y tế"]).toBe("Sở, ban, ngành không có dịch vụ công");
  expect(cells["Sở Nội vụ"] ?? "").toBe("");
  const en = await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "forms.xlsx", "--lang", "en"], dir);
  expect(en.err).toContain('Info: dv.csv: column "Type" is read as the unit category column, as it holds the index\'s unit categories.');
}, 60_000);

test("an .xlsx units list reads such a column too; a column of other words is not taken for the categories", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("DS");
  ws.addRows([
    ["STT", "Mã đơn vị", "Đơn vị", "Ghi chú", "Khối"],
    [1, "S01", "Sở Tài chính", "co-dvc", "co-dvc"],
    [2, "S02", "Sở Y tế", "mới", "khong-dvc"],
  ]);
  writeFileSync(join(dir, "dv.xlsx"), new Uint8Array(await wb.xlsx.writeBuffer()));
  const run = await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "dv.xlsx", "--out", "phieu2.xlsx"], dir);
  expect(run.code).toBe(0);
  expect(run.err).toContain('cột "Khối" được đọc là cột loại đơn vị');
  expect(await categoryCells("phieu2.xlsx")).toEqual({ "Sở Tài chính": "Sở, ban, ngành có dịch vụ công", "Sở Y tế": "Sở, ban, ngành không có dịch vụ công" });
  const other = new ExcelJS.Workbook();
  other.addWorksheet("DS").addRows([
    ["Mã đơn vị", "Đơn vị", "Ghi chú"],
    ["S01", "Sở Tài chính", "co-dvc"],
    ["S02", "Sở Y tế", "mới thành lập"],
  ]);
  writeFileSync(join(dir, "dv2.xlsx"), new Uint8Array(await other.xlsx.writeBuffer()));
  const plain = await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "dv2.xlsx", "--out", "phieu3.xlsx"], dir);
  expect(plain.code).toBe(0);
  expect(plain.err).not.toContain("được đọc là cột loại đơn vị");
  expect(Object.values(await categoryCells("phieu3.xlsx")).map((v) => v ?? "")).toEqual(["", ""]);
}, 60_000);

test("under a header that names a kind of unit, a column of mostly categories is read, its other cells said as categories the index does not have; of two columns, the one with more categories", async () => {
  writeFileSync(join(dir, "typo.csv"), "STT,Mã đơn vị,Đơn vị,Phân loại,Ghi chú\n1,S01,Sở A,Có DVC,\n2,S02,Sở B,khong-dvc,x\n");
  const typo = await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "typo.csv", "--out", "typo.xlsx"], dir);
  expect(typo.code).toBe(2);
  expect(typo.err).toContain('Lưu ý: typo.csv: cột "Phân loại" được đọc là cột loại đơn vị');
  expect(typo.err).toContain('typo.csv, dòng 2: loại đơn vị "Có DVC" không có trong bộ chỉ số.');
  // A notes column holding one category gives way to the column that holds them all.
  writeFileSync(join(dir, "two.csv"), "Mã đơn vị,Đơn vị,Ghi chú,Khối\nS01,Sở Tài chính,,co-dvc\nS02,Sở Y tế,khong-dvc,co-dvc\n");
  const two = await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "two.csv", "--out", "two.xlsx"], dir);
  expect(two.code).toBe(0);
  expect(two.err).toContain('cột "Khối" được đọc là cột loại đơn vị');
  expect(await categoryCells("two.xlsx")).toEqual({ "Sở Tài chính": "Sở, ban, ngành có dịch vụ công", "Sở Y tế": "Sở, ban, ngành có dịch vụ công" });
}, 60_000);
