/**
 * `template --units` with names alike but for letter case ("Sở Y tế", "Sở Y Tế"): the forms are
 * written, one for each unit, with a warning naming the lines, as the pane says it.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-similar-names-"));

describe("template with unit names alike but for letter case", () => {
  test("writes a form for each unit and warns, naming each line with its name and code, in the language asked for", async () => {
    writeFileSync(join(dir, "dv.csv"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\nSTP,Sở Tư pháp\n,SỞ Y TẾ\n");
    const vi = await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "phieu.xlsx"], dir);
    expect(vi.code).toBe(0);
    expect(existsSync(join(dir, "phieu.xlsx"))).toBe(true);
    expect(vi.out).toContain("3 phiếu");
    expect(vi.err).toContain(
      'Cảnh báo: dv.csv, dòng 2 ("Sở Y tế", mã SYT) và dòng 4 ("SỞ Y TẾ", không có mã): tên đơn vị chỉ khác nhau ở chữ hoa, chữ thường. Đây là các đơn vị riêng, mỗi đơn vị một phiếu, được chấm và xếp hạng riêng;',
    );
    const en = await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "forms.xlsx", "--lang", "en"], dir);
    expect(en.code).toBe(0);
    expect(en.err).toContain('Warning: dv.csv, line 2 ("Sở Y tế", code SYT) and line 4 ("SỞ Y TẾ", no code): unit names that differ only in letter case.');
  }, 60_000);

  test("one name under two codes (communes of two districts) is no warning: the forms are written and nothing is said", async () => {
    writeFileSync(join(dir, "xa.csv"), "Mã đơn vị,Đơn vị\nHY-TL,Xã Tân Lập\nSD-TL,Xã Tân Lập\n");
    const r = await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "xa.csv", "--out", "xa.xlsx"], dir);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "xa.xlsx"))).toBe(true);
    expect(r.out).toContain("2 phiếu");
    expect(r.err).not.toContain("Xã Tân Lập");
    expect(r.err).not.toContain("Cảnh báo");
  }, 60_000);
});
