/**
 * `score --out --radar`: the units the radar chart compares with the average, chosen on the command
 * line by code or name, as the pane's Charts step chooses them; a code that names no unit is said,
 * and the radar's warnings tell the command line's user to use --radar (not a step of the pane).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { makeSampleWorkbook } from "../../test/e2e/sample";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-radar-"));

beforeAll(async () => {
  writeFileSync(join(dir, "so-lieu.xlsx"), await makeSampleWorkbook());
}, 60_000);

/** The radar's data row on the charts sheet: the axis header, the units drawn, the average. */
async function radarHeader(file: string, sheet = "Biểu đồ", average = "Trung bình"): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  let found: unknown[] = [];
  wb.getWorksheet(sheet)!.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    if (values.includes(average)) found = values;
  });
  return found;
}

describe("score --out --radar", () => {
  it("draws the units named, by code or name, in the order given; a code of no unit is a warning that says to use --radar", async () => {
    const r = await runCli(["score", "so-lieu.xlsx", "--index", "dti-so-nganh-mau", "--out", "r.xlsx", "--radar", "syt, Sở Nội vụ;XYZ"], dir);
    expect(r.code).toBe(1);
    expect((await radarHeader("r.xlsx")).slice(1)).toEqual(["Sở Y tế", "Sở Nội vụ", "Trung bình"]);
    expect(r.out).toContain(
      'Cảnh báo: Biểu đồ mạng nhện không vẽ "XYZ": mã này không phải mã (hay tên) của đơn vị nào được chấm. Muốn so sánh đơn vị khác, hãy ghi mã của chúng sau tùy chọn --radar, cách nhau bằng dấu phẩy.',
    );
    expect(r.out + r.err).not.toContain("bước Biểu đồ");
  }, 60_000);

  it("without --radar, the top ranks are drawn and nothing is said of it", async () => {
    const r = await runCli(["score", "so-lieu.xlsx", "--index", "dti-so-nganh-mau", "--out", "macdinh.xlsx", "--lang", "en"], dir);
    expect(r.code).toBe(1);
    expect((await radarHeader("macdinh.xlsx", "Charts", "Average")).length).toBeGreaterThan(2);
    expect(r.out).not.toContain("radar");
  }, 60_000);

  it("is refused without --out (nothing to draw in), with more than five units, or empty, and by other commands", async () => {
    const noOut = await runCli(["score", "so-lieu.xlsx", "--index", "dti-so-nganh-mau", "--radar", "SYT"], dir);
    expect(noOut).toMatchObject({ code: 2, err: "Tùy chọn --radar chọn đơn vị cho biểu đồ mạng nhện trong sổ đã chấm, nên cần ghi kèm --out <đã-chấm.xlsx>.\n" });
    const six = await runCli(["score", "so-lieu.xlsx", "--out", "x.xlsx", "--radar", "A,B,C,D,E,F", "--lang", "en"], dir);
    expect(six).toMatchObject({ code: 2, err: "The radar chart compares at most 5 units, and --radar names 6: leave out 1.\n" });
    const empty = await runCli(["score", "so-lieu.xlsx", "--out", "x.xlsx", "--radar", ", ;"], dir);
    expect(empty).toMatchObject({ code: 2, err: "Tùy chọn --radar cần mã của ít nhất một đơn vị.\n" });
    const validate = await runCli(["validate", "so-lieu.xlsx", "--radar", "SYT"], dir);
    expect(validate).toMatchObject({ code: 2, err: "Lệnh validate không dùng tùy chọn --radar.\n" });
  }, 60_000);
});
