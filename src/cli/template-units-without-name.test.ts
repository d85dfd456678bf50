/**
 * `template --units` with a line that gives a code but no name (`X4,`) and one that gives only a
 * category: the first gets a form named by its code, with a note saying so; the second gets none,
 * with a warning naming its line. The count of forms made adds up to the lines of the file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadXlsx } from "../hosts/xlsx/read";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-units-without-name-"));

test("a unit given by its code alone gets a form named by it, and a line with a category only is named, in the language asked for", async () => {
  writeFileSync(join(dir, "dv.csv"), "Mã đơn vị,Đơn vị,Nhóm\nX1,Sở A,co-dvc\nX2,Sở B,co-dvc\nX3,Sở C,co-dvc\nX4,\n,,co-dvc\nX5,Sở E,co-dvc\nX6,Sở F,co-dvc\nX7,Sở G,co-dvc\n");
  const vi = await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "phieu.xlsx"], dir);
  expect(vi.code).toBe(0);
  expect(vi.out).toContain("Đã tạo 7 phiếu");
  expect(vi.err).toContain('Lưu ý: dv.csv, dòng 5: đơn vị mã X4 không có tên (cột Đơn vị để trống); phiếu của đơn vị được đặt tên theo mã "X4".');
  expect(vi.err).toContain("Cảnh báo: dv.csv, dòng 6: chỉ có loại đơn vị, không có mã và tên đơn vị; không tạo phiếu cho dòng này.");
  const wb = await loadXlsx(new Uint8Array(readFileSync(join(dir, "phieu.xlsx"))));
  const x4 = wb.getWorksheet("X4")!;
  expect([x4.getCell("B1").value, x4.getCell("B2").value]).toEqual(["X4", "X4"]);
  const en = await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "forms.xlsx", "--lang", "en"], dir);
  expect(en.code).toBe(0);
  expect(en.out).toContain("Made 7 self-assessment forms");
  expect(en.err).toContain('Info: dv.csv, line 5: the unit coded X4 has no name (its Unit is blank); its form is named by the code "X4".');
  expect(en.err).toContain("Warning: dv.csv, line 6 gives a category but no unit code or name; no form is made for it.");
}, 60_000);
