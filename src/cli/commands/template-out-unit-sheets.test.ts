/**
 * `template --out` naming a set of forms `template` made that the user has worked on since: a
 * notes sheet laid out as a form's top ("Giải trình" with Đơn vị and Kỳ đánh giá), or a form whose
 * table header a unit edited (D8 "Số liệu báo cáo") with a sign-off typed under it. Each is the
 * user's work, not the template's: the command stops (status 2), names the sheet, and leaves the
 * file as it was. A set of forms still as `template` wrote it is made anew.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-template-out-"));
const run = (argv: string[]) => runCli(argv, dir, "en");
const TEMPLATE = ["template", "--index", "dti-so-nganh-mau", "--units", "units.csv"];

/** The two units' forms in `file`, as `template` writes them, then changed by `edit` and saved as Excel would. */
async function forms(file: string, edit?: (wb: ExcelJS.Workbook) => void): Promise<void> {
  expect((await run([...TEMPLATE, "--out", file])).code).toBe(0);
  if (!edit) return;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  edit(wb);
  await wb.xlsx.writeFile(join(dir, file));
}

/** `template --out file` in `lang`: refused with `why`, the file left byte for byte as it was. */
async function refused(file: string, lang: "vi" | "en", why: string): Promise<void> {
  const before = readFileSync(join(dir, file));
  const r = await run([...TEMPLATE, "--out", file, "--lang", lang]);
  expect([r.code, r.out, r.err]).toEqual([2, "", why]);
  expect(readFileSync(join(dir, file)).equals(before)).toBe(true);
}

beforeAll(() => {
  writeFileSync(join(dir, "units.csv"), 'Mã đơn vị,Đơn vị,Nhóm\nSNV,Sở Nội vụ,"Sở, ban, ngành có dịch vụ công"\nSTC,Sở Tài chính,"Sở, ban, ngành có dịch vụ công"\n');
});

describe("template --out naming forms the user has worked on", () => {
  it("refuses to write over a notes sheet that starts as a form does (Đơn vị, Kỳ đánh giá), naming it, in both languages", async () => {
    await forms("giai-trinh.xlsx", (wb) => {
      const notes = wb.addWorksheet("Giải trình");
      notes.getCell("A1").value = "Đơn vị";
      notes.getCell("B1").value = "Sở Nội vụ";
      notes.getCell("A2").value = "Kỳ đánh giá";
      notes.getCell("B2").value = "Năm 2024";
      notes.getCell("A4").value = "Giải trình: chỉ tiêu 3.2 lấy theo báo cáo quý IV; đã xin ý kiến Sở TT&TT ngày 12/3.";
    });
    await refused(
      "giai-trinh.xlsx",
      "vi",
      "Tệp giai-trinh.xlsx (--out) đã có sẵn và có trang 'Giải trình' không do lệnh template tạo ra; ghi đè sẽ làm mất nội dung của nó. Hãy chọn tên tệp khác cho --out, hoặc xóa tệp đó trước.\n",
    );
    await refused(
      "giai-trinh.xlsx",
      "en",
      "giai-trinh.xlsx (--out) already exists and holds a sheet 'Giải trình' that the template command did not make; writing over it would lose what it holds. Choose another --out file name, or delete that file first.\n",
    );
  }, 60_000);

  it("refuses to write over a form whose table header was edited and a sign-off typed under it, naming the form", async () => {
    await forms("tieu-de-sua.xlsx", (wb) => {
      const ws = wb.getWorksheet("Sở Nội vụ")!;
      expect(ws.getCell("D8").value).toBe("Số liệu");
      ws.getCell("D8").value = "Số liệu báo cáo";
      ws.getCell("B45").value = "Ý kiến của lãnh đạo đơn vị: đồng ý số liệu, ký ngày 15/3/2025.";
    });
    await refused(
      "tieu-de-sua.xlsx",
      "vi",
      "Tệp tieu-de-sua.xlsx (--out) đã có sẵn và có trang 'Sở Nội vụ' không do lệnh template tạo ra; ghi đè sẽ làm mất nội dung của nó. Hãy chọn tên tệp khác cho --out, hoặc xóa tệp đó trước.\n",
    );
    // What the unit typed is still there.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "tieu-de-sua.xlsx"));
    expect(wb.getWorksheet("Sở Nội vụ")!.getCell("B45").value).toBe("Ý kiến của lãnh đạo đơn vị: đồng ý số liệu, ký ngày 15/3/2025.");
  }, 60_000);

  it("makes anew a set of forms still as template wrote it", async () => {
    await forms("mau.xlsx");
    const r = await run([...TEMPLATE, "--out", "mau.xlsx"]);
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(r.out).toContain("mau.xlsx");
  }, 60_000);
});
