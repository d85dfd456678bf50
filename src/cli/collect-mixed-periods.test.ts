/**
 * `dti-scorer collect` of files whose forms give different assessment periods among themselves
 * into a new --out: said once on stderr as a warning (in the language of the run), naming each
 * period with its files and units; a warning, not an error: the status is what it would be
 * without it (0 when every file was read), as for forms of another period than the --out
 * workbook's. A date cell and the same day typed as text are one period. Real files: made by
 * `template`, filled with ExcelJS, collected and read back.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-collect-periods-"));
const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);

/** The row of `code` in a form's Mã column (A). */
function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getCell(r, 1).value ?? "") === code) return r;
  throw new Error(`no row ${code} on ${ws.name}`);
}

/** The cell right of a form's `Kỳ đánh giá`. */
function periodCell(ws: ExcelJS.Worksheet): ExcelJS.Cell {
  for (let r = 1; r <= 10; r++) if (ws.getCell(r, 1).value === "Kỳ đánh giá") return ws.getCell(r, 2);
  throw new Error(`no period on ${ws.name}`);
}

/** `template` as `unit` sends it back as `out`: its own form filled in (1.4), every form's period `period` (a Date: a date cell) when given. */
async function sentBack(template: string, unit: string, out: string, period?: string | Date): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, template));
  const ws = wb.getWorksheet(unit)!;
  ws.getCell(`D${rowOf(ws, "1.4")}`).value = 3;
  if (period !== undefined) {
    for (const sheet of ["Sở Nội vụ", "Sở Y tế", "Sở Tài chính"]) {
      const cell = periodCell(wb.getWorksheet(sheet)!);
      cell.value = period;
      if (period instanceof Date) cell.numFmt = "dd/mm/yyyy";
    }
  }
  await wb.xlsx.writeFile(join(dir, out));
}

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  return wb.worksheets.map((w) => w.name);
}

beforeAll(async () => {
  writeFileSync(join(dir, "dv.csv"), "Mã đơn vị,Đơn vị,Nhóm\nSNV,Sở Nội vụ,co-dvc\nSYT,Sở Y tế,co-dvc\nSTC,Sở Tài chính,co-dvc\n");
  for (const [period, out] of [["Năm 2024", "phieu-2024.xlsx"], ["Năm 2025", "phieu-2025.xlsx"]] as const) {
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", out, "--period", period])).code).toBe(0);
  }
  expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "phieu.xlsx"])).code).toBe(0);
  // Sở Nội vụ filled in last year's template; the others this year's.
  await sentBack("phieu-2024.xlsx", "Sở Nội vụ", "snv.xlsx");
  await sentBack("phieu-2025.xlsx", "Sở Y tế", "syt.xlsx");
  await sentBack("phieu-2025.xlsx", "Sở Tài chính", "stc.xlsx");
}, 90_000);

const MIXED_VI =
  'Cảnh báo: Phiếu trong các tệp đã chọn ghi những kỳ đánh giá khác nhau: "Năm 2025": tệp syt.xlsx (Sở Y tế), tệp stc.xlsx (Sở Tài chính); "Năm 2024": tệp snv.xlsx (Sở Nội vụ). Một sổ tổng hợp được chấm cho một kỳ đánh giá: khi chấm, tiêu đề trang kết quả sẽ ghi mọi kỳ khác nhau, và phiếu nào ghi kỳ khác với kỳ mà nhiều phiếu ghi nhất được cảnh báo tại ô Kỳ đánh giá của phiếu. Nếu có phiếu của kỳ khác (ví dụ phiếu kỳ trước gửi nhầm), hãy xóa trang đó khỏi sổ tổng hợp và đề nghị đơn vị gửi phiếu của kỳ này; nếu các phiếu cùng một kỳ, hãy ghi kỳ đó giống nhau trên mọi phiếu.';

describe("collect of forms giving different periods into a new --out", () => {
  it("says so once on stderr as a warning, naming each period's files and units; collects every form and exits 0", async () => {
    const r = await run(["collect", "snv.xlsx", "syt.xlsx", "stc.xlsx", "--out", "tong-hop.xlsx"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(MIXED_VI + "\n");
    expect(r.out.split("\n").slice(0, 4)).toEqual(["Đã tổng hợp 3 phiếu vào tong-hop.xlsx.", "  + snv.xlsx › Sở Nội vụ", "  + syt.xlsx › Sở Y tế", "  + stc.xlsx › Sở Tài chính"]);
    expect(await sheetNames("tong-hop.xlsx")).toEqual(["Sở Nội vụ", "Sở Y tế", "Sở Tài chính"]);

    const en = await run(["collect", "snv.xlsx", "syt.xlsx", "stc.xlsx", "--out", "collected.xlsx", "--lang", "en"], "en");
    expect(en.code).toBe(0);
    expect(en.err.split("\n")).toEqual([
      'Warning: Forms in the chosen files give different assessment periods: "Năm 2025": syt.xlsx (Sở Y tế), stc.xlsx (Sở Tài chính); "Năm 2024": snv.xlsx (Sở Nội vụ). A consolidated workbook is scored for one period: the results sheet\'s title will list every period the forms give, and each form whose period is not the one most forms give is warned about at its period cell. If some forms are of another period (last period\'s, sent by mistake), delete their sheets from the consolidated workbook and ask the units for this period\'s forms; if the forms are for one period, write it the same way on every form.',
      "",
    ]);
  }, 60_000);

  it("into an --out whose forms give no period: the same warning; into one of a period, only the other period's warning, with the same exit status", async () => {
    // The template without a period, collected first: a workbook whose forms leave the period blank.
    expect((await run(["collect", "phieu.xlsx", "--out", "khong-ky.xlsx"])).code).toBe(0);
    const blank = await run(["collect", "snv.xlsx", "syt.xlsx", "stc.xlsx", "--out", "khong-ky.xlsx"]);
    expect(blank.code).toBe(0);
    expect(blank.err).toBe(MIXED_VI + "\n");

    // Last year's workbook (Sở Nội vụ's form of Năm 2024): this year's forms of new units come in; said once, of the workbook's period.
    expect((await run(["collect", "snv.xlsx", "--out", "nam-2024.xlsx"])).code).toBe(0);
    const into = await run(["collect", "syt.xlsx", "stc.xlsx", "--out", "nam-2024.xlsx"]);
    expect(into.code).toBe(0);
    expect(into.err.split("\n").filter((l) => l !== "")).toEqual([
      'Cảnh báo: Phiếu trong các tệp đã chọn ghi kỳ đánh giá "Năm 2025", khác với kỳ của các phiếu trong sổ tổng hợp ("Năm 2024"): đơn vị nào đã có phiếu trong sổ thì giữ phiếu đó, phiếu mới không được lấy, còn phiếu của đơn vị mới được thêm vào cùng các phiếu kỳ trước. Nếu đây là phiếu của kỳ mới, hãy tổng hợp vào một sổ mới (--out với tên tệp mới), không phải sổ của kỳ trước.',
    ]);
    expect(into.out).toContain("Đã tổng hợp 2 phiếu vào nam-2024.xlsx.");
  }, 90_000);

  it("a date cell and the same day typed as text are one period: nothing said; another day is named", async () => {
    await sentBack("phieu.xlsx", "Sở Nội vụ", "snv-ngay.xlsx", new Date(Date.UTC(2024, 11, 31)));
    await sentBack("phieu.xlsx", "Sở Y tế", "syt-ngay.xlsx", "31/12/2024");
    const same = await run(["collect", "snv-ngay.xlsx", "syt-ngay.xlsx", "--out", "ngay.xlsx"]);
    expect(same.code).toBe(0);
    expect(same.err).toBe("");
    await sentBack("phieu.xlsx", "Sở Tài chính", "stc-ngay.xlsx", "31/12/2025");
    const other = await run(["collect", "snv-ngay.xlsx", "syt-ngay.xlsx", "stc-ngay.xlsx", "--out", "ngay-khac.xlsx"]);
    expect(other.code).toBe(0);
    expect(other.err.split("\n")[0]!.split(". ")[0]).toBe(
      'Cảnh báo: Phiếu trong các tệp đã chọn ghi những kỳ đánh giá khác nhau: "31/12/2024": tệp snv-ngay.xlsx (Sở Nội vụ), tệp syt-ngay.xlsx (Sở Y tế); "31/12/2025": tệp stc-ngay.xlsx (Sở Tài chính)',
    );
  }, 60_000);

  it("a file that cannot be read among them: the warning, and the status 1 that file gives, as without the warning; a blank form taken is named with its file", async () => {
    writeFileSync(join(dir, "hong.xlsx"), "không phải tệp zip");
    // Sở Tài chính sent nothing: its blank form from snv.xlsx (of Năm 2024) is taken.
    const r = await run(["collect", "snv.xlsx", "hong.xlsx", "syt.xlsx", "--out", "co-hong.xlsx"]);
    expect(r.code).toBe(1);
    expect(r.err.split("\n")).toEqual([
      expect.stringMatching(/^Cảnh báo: Phiếu trong các tệp đã chọn ghi những kỳ đánh giá khác nhau: "Năm 2024": tệp snv\.xlsx \(Sở Nội vụ, Sở Tài chính\); "Năm 2025": tệp syt\.xlsx \(Sở Y tế\)\. /),
      "Cảnh báo: bỏ qua 1 tệp không đọc được (hong.xlsx); các tệp khác đã được tổng hợp.",
      "",
    ]);
  }, 60_000);
});
