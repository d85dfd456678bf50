import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "./main";

describe("dti-scorer demo", () => {
  it("writes the blank forms, the filled workbook and the scored results, and shows the ranking and the planted mistakes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dti-demo-"));
    let out = "";
    const code = await main(["demo", "--out", "ket-qua-mau"], {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => true },
      cwd: dir,
      env: { LANG: "vi_VN.UTF-8" },
    });
    expect(code).toBe(0);
    for (const f of ["phieu-mau.xlsx", "so-lieu.xlsx", "ket-qua.xlsx", "ket-qua.json"]) expect(existsSync(join(dir, "ket-qua-mau", f))).toBe(true);
    const json = JSON.parse(readFileSync(join(dir, "ket-qua-mau", "ket-qua.json"), "utf8")) as {
      index: { id: string };
      units: { name: string; category: string; ranked: boolean; points: number }[];
      issues: { code: string; severity: string }[];
    };
    expect(json.index.id).toBe("dti-so-nganh-mau");
    // The JSON of `score --json` on the same forms, key for key: `stale` is null (never scored before).
    await main(["score", "ket-qua-mau/so-lieu.xlsx", "--json", "so-lieu.json"], { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir, env: { LANG: "vi_VN.UTF-8" } });
    const scored = JSON.parse(readFileSync(join(dir, "so-lieu.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(Object.keys(scored));
    expect((json as unknown as Record<string, unknown>).stale).toBeNull();
    expect(json.units.length).toBeGreaterThanOrEqual(18);
    expect(new Set(json.units.map((u) => u.category))).toEqual(new Set(["co-dvc", "khong-dvc"]));
    // The figures spread the units out rather than tying them.
    expect(new Set(json.units.map((u) => u.points)).size).toBe(json.units.length);
    const codes = new Set(json.issues.map((i) => i.code));
    // The planted "1.860" is in a whole-number input, where it can only be 1860: read without a warning.
    for (const c of ["excel-error", "duplicate-unit", "evidence-missing", "out-of-range"]) expect(codes).toContain(c);
    expect(codes).not.toContain("ambiguous-number");
    // The ranking printed as on the results sheet: overall rank first, in rank order, then the rank within the category.
    const lines = out.split("\n");
    const header = lines.findIndex((l) => l.startsWith("Hạng "));
    expect(lines[header]).toMatch(/^Hạng\s+Mã đơn vị\s+Đơn vị\s+Loại đơn vị\s+Tổng điểm\s+Giá trị\s+Hạng trong loại\s+Tỷ lệ chỉ tiêu có số liệu\s+Số lỗi\s+Số cảnh báo/);
    const ranks = lines
      .slice(header + 2)
      .map((l) => /^\s*(\d+)\s/.exec(l)?.[1])
      .filter((r): r is string => r !== undefined)
      .map(Number);
    expect(ranks.length).toBeGreaterThanOrEqual(18);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    // The form sent with another unit's code is not silently dropped from the count.
    expect(out).toMatch(/Đã chấm \d+ đơn vị, xếp hạng \d+\. 1 phiếu chưa được chấm: xem lỗi bên dưới\./);
    expect(out).toContain("Kết quả kiểm tra:");
    expect(out).toContain("#DIV/0!");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "ket-qua-mau", "ket-qua.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["Sở Y tế", "Văn phòng UBND tỉnh", "Kết quả", "Biểu đồ"]));
  }, 60000);

  it("writes the period on the forms in the run's language", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dti-demo-"));
    await main(["demo", "--lang", "en"], { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir, env: {} });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "demo-output", "phieu-mau.xlsx"));
    const form = wb.getWorksheet("Sở Y tế")!;
    const period = [...Array(10).keys()].map((r) => form.getRow(r + 1)).find((row) => row.getCell(1).value === "Period");
    expect(period?.getCell(2).value).toBe("2024");
  }, 60000);

  it("gives the same figures on every run", async () => {
    const runOnce = async (): Promise<string> => {
      const dir = mkdtempSync(join(tmpdir(), "dti-demo-"));
      await main(["demo"], { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir, env: {} });
      const json = JSON.parse(readFileSync(join(dir, "demo-output", "ket-qua.json"), "utf8")) as { units: unknown[] };
      return JSON.stringify(json.units);
    };
    expect(await runOnce()).toBe(await runOnce());
  }, 60000);
});
