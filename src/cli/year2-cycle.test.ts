/**
 * The second year of the cycle on the command line: last year's scored workbook copied and its
 * forms' period (Kỳ đánh giá) changed, new figures typed into `Số liệu` beside the council's figures
 * of last year, this year's forms collected into last year's workbook. A period changed is results
 * out of date (text and the JSON `stale`), a new figure that last year's appraised figure still
 * overrides is a warning at its cell, and forms of another period than the workbook's are said to
 * be so once. Real files: made by `template`, filled with ExcelJS, scored, written and read back.
 */
import ExcelJS from "exceljs";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-year2-"));
const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);

interface Json {
  stale: { changed: string[]; periods?: Record<string, { from: string | null; to: string | null }>; message: string } | null;
  issues: { severity: string; code: string; sheet: string | null; cell: string | null; unit: string | null; message: string }[];
}

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

/** `file` changed by `edit` on its forms, written as `out`. */
async function edited(file: string, out: string, edit: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  edit(wb);
  await wb.xlsx.writeFile(join(dir, out));
}

beforeAll(async () => {
  writeFileSync(join(dir, "dv.csv"), "Mã đơn vị,Đơn vị,Nhóm\nSNV,Sở Nội vụ,co-dvc\nSXD,Sở Xây dựng,co-dvc\n");
  expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "phieu-2024.xlsx", "--period", "Năm 2024"])).code).toBe(0);
  // Last year: Sở Xây dựng's 1.4 is 4, the council's figure 2 (Số liệu thẩm định, E).
  await edited("phieu-2024.xlsx", "da-dien-2024.xlsx", (wb) => {
    const sxd = wb.getWorksheet("Sở Xây dựng")!;
    sxd.getCell(`D${rowOf(sxd, "1.4")}`).value = 4;
    sxd.getCell(`E${rowOf(sxd, "1.4")}`).value = 2;
    wb.getWorksheet("Sở Nội vụ")!.getCell(`D${rowOf(wb.getWorksheet("Sở Nội vụ")!, "1.4")}`).value = 3;
  });
  expect((await run(["score", "da-dien-2024.xlsx", "--out", "da-cham-2024.xlsx"])).code).toBe(0);
}, 90_000);

describe("a form's period changed since scoring", () => {
  test("one form's period corrected: the results are out of date, said so as the period's change, in text and JSON", async () => {
    await edited("da-cham-2024.xlsx", "sua-ky.xlsx", (wb) => {
      periodCell(wb.getWorksheet("Sở Nội vụ")!).value = "Năm 2025";
    });
    const v = await run(["validate", "sua-ky.xlsx"]);
    expect(v.out.split("\n")[0]).toMatch(/^Kết quả đã cũ: kỳ đánh giá đã đổi ở 1 sở, ban, ngành kể từ lần chấm điểm ngày \d\d\/\d\d\/\d{4} \(Sở Nội vụ: "Năm 2024" → "Năm 2025"\)\. Hãy chấm điểm lại\.$/);
    const en = JSON.parse((await run(["validate", "sua-ky.xlsx", "--lang", "en", "--json", "-"], "en")).out) as Json;
    expect(en.stale).toMatchObject({ changed: ["SNV"], periods: { SNV: { from: "Năm 2024", to: "Năm 2025" } } });
    expect(en.stale!.message).toMatch(/^The results are out of date: the assessment period changed for 1 department since they were scored on .* \(Sở Nội vụ: "Năm 2024" → "Năm 2025"\)\. Score again\.$/);
    // Scored again: up to date, the new period recorded.
    expect((await run(["score", "sua-ky.xlsx", "--out", "sua-ky.xlsx"])).code).toBe(0);
    expect((JSON.parse((await run(["validate", "sua-ky.xlsx", "--json", "-"])).out) as Json).stale).toBeNull();
  }, 60_000);

  test("a workbook scored by the previous release (no period recorded) is not said to be out of date for its periods", async () => {
    await edited("da-cham-2024.xlsx", "ban-cu.xlsx", (wb) => {
      // `_index` as the previous release wrote it: no `period` rows.
      const index = wb.getWorksheet("_index")!;
      index.eachRow((row) => {
        if (row.getCell(1).value === "period") row.values = [];
      });
    });
    await edited("ban-cu.xlsx", "ban-cu-2025.xlsx", (wb) => {
      for (const name of ["Sở Nội vụ", "Sở Xây dựng"]) periodCell(wb.getWorksheet(name)!).value = "Năm 2025";
    });
    expect((JSON.parse((await run(["validate", "ban-cu-2025.xlsx", "--json", "-"])).out) as Json).stale).toBeNull();
  }, 60_000);
});

describe("year 2: new figures typed beside last year's appraised figures", () => {
  test("a new figure the appraised figure beside it (unchanged since scoring) overrides is a warning at its cell, in validate and score, text and JSON", async () => {
    await edited("da-cham-2024.xlsx", "nam-2025.xlsx", (wb) => {
      const sxd = wb.getWorksheet("Sở Xây dựng")!;
      sxd.getCell(`D${rowOf(sxd, "1.4")}`).value = 5;
    });
    const row = await (async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, "nam-2025.xlsx"));
      return rowOf(wb.getWorksheet("Sở Xây dựng")!, "1.4");
    })();
    const sentence = `Trang tính 'Sở Xây dựng', ô D${row}: số liệu mới (5) không được dùng cho chỉ tiêu 1.4 vì ô E${row} vẫn có số liệu thẩm định (2) từ lần chấm điểm`;
    const v = await run(["validate", "nam-2025.xlsx"]);
    expect(v.out).toContain(`Cảnh báo: ${sentence}`);
    expect(v.out).toContain(`nếu số liệu thẩm định không còn đúng, hãy xóa ô E${row}.`);
    const json = JSON.parse((await run(["validate", "nam-2025.xlsx", "--lang", "en", "--json", "-"], "en")).out) as Json;
    expect(json.issues.filter((i) => i.code === "appraised-over-new-figure")).toEqual([
      {
        severity: "warning",
        code: "appraised-over-new-figure",
        sheet: "Sở Xây dựng",
        cell: `D${row}`,
        unit: "SXD",
        node: "1.4",
        message: expect.stringMatching(new RegExp(`^Sheet 'Sở Xây dựng', cell D${row}: the new figure \\(5\\) is not used for indicator 1\\.4, as cell E${row} still holds the appraised figure \\(2\\) it held when scored on .*; if the appraised figure no longer holds, clear cell E${row}\\.$`)),
      },
    ]);
    // The scoring that takes the new figure says it too.
    const s = await run(["score", "nam-2025.xlsx", "--out", "nam-2025-cham.xlsx"]);
    expect(`${s.out}${s.err}`).toContain(sentence);
    // The appraised figure cleared, as asked: nothing to say.
    await edited("nam-2025.xlsx", "nam-2025-xoa.xlsx", (wb) => {
      wb.getWorksheet("Sở Xây dựng")!.getCell(`E${row}`).value = null;
    });
    const cleared = JSON.parse((await run(["validate", "nam-2025-xoa.xlsx", "--json", "-"])).out) as Json;
    expect(cleared.issues.filter((i) => i.code.startsWith("appraised-"))).toEqual([]);
  }, 90_000);

  test("a form's period changed while its appraised figures are still those scored: one warning naming them, at the first", async () => {
    await edited("da-cham-2024.xlsx", "ky-moi.xlsx", (wb) => {
      for (const name of ["Sở Nội vụ", "Sở Xây dựng"]) periodCell(wb.getWorksheet(name)!).value = "Năm 2025";
    });
    const json = JSON.parse((await run(["validate", "ky-moi.xlsx", "--json", "-"])).out) as Json;
    const found = json.issues.filter((i) => i.code.startsWith("appraised-"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", code: "appraised-from-last-period", sheet: "Sở Xây dựng", unit: "SXD" });
    expect(found[0]!.message).toMatch(/^Trang tính 'Sở Xây dựng', ô E\d+: kỳ đánh giá của phiếu đã đổi \("Năm 2024" → "Năm 2025"\) từ lần chấm điểm .*, nhưng 1 ô Số liệu thẩm định \(E\d+\) vẫn giữ số liệu của lần chấm đó/);
  }, 60_000);
});

describe("year 2: the official's loop, score, mend, score again", () => {
  /** The appraised figures' warnings of `validate --json` on `file`. */
  const appraisedFindings = async (file: string) =>
    (JSON.parse((await run(["validate", file, "--json", "-"])).out) as Json).issues.filter((i) => i.code.startsWith("appraised-"));

  test("a new figure the appraised figure overrides is said at every scoring and check until the appraised figure is cleared", async () => {
    await edited("da-cham-2024.xlsx", "vong-0.xlsx", (wb) => {
      const sxd = wb.getWorksheet("Sở Xây dựng")!;
      sxd.getCell(`D${rowOf(sxd, "1.4")}`).value = 3;
    });
    const row = await (async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, "vong-0.xlsx"));
      return rowOf(wb.getWorksheet("Sở Xây dựng")!, "1.4");
    })();
    const sentence = `Cảnh báo: Trang tính 'Sở Xây dựng', ô D${row}: số liệu mới (3) không được dùng cho chỉ tiêu 1.4 vì ô E${row} vẫn có số liệu thẩm định (2) từ lần chấm điểm`;
    // Scored, then scored again and again (nothing changed, or another figure mended between):
    // every run says it, and so does a check of the workbook scored.
    const first = await run(["score", "vong-0.xlsx", "--out", "vong-1.xlsx"]);
    expect(`${first.out}${first.err}`).toContain(sentence);
    const second = await run(["score", "vong-1.xlsx", "--out", "vong-2.xlsx"]);
    expect(`${second.out}${second.err}`).toContain(sentence);
    expect((await run(["validate", "vong-2.xlsx"])).out).toContain(sentence);
    await edited("vong-2.xlsx", "vong-2-sua.xlsx", (wb) => {
      const snv = wb.getWorksheet("Sở Nội vụ")!;
      snv.getCell(`D${rowOf(snv, "1.4")}`).value = 4;
    });
    const third = await run(["score", "vong-2-sua.xlsx", "--out", "vong-3.xlsx"]);
    expect(`${third.out}${third.err}`).toContain(sentence);
    expect(await appraisedFindings("vong-3.xlsx")).toMatchObject([{ code: "appraised-over-new-figure", sheet: "Sở Xây dựng", cell: `D${row}`, unit: "SXD" }]);
    // The appraised figure cleared, scored: the new figure is used, nothing said then or after.
    await edited("vong-3.xlsx", "vong-3-xoa.xlsx", (wb) => {
      wb.getWorksheet("Sở Xây dựng")!.getCell(`E${row}`).value = null;
    });
    const cleared = await run(["score", "vong-3-xoa.xlsx", "--out", "vong-4.xlsx"]);
    expect(cleared.code).toBe(0);
    expect(`${cleared.out}${cleared.err}`).not.toContain(`ô D${row}: số liệu mới`);
    expect(await appraisedFindings("vong-4.xlsx")).toEqual([]);
  }, 120_000);

  test("a form's period changed: its appraised figures of last year are said at every scoring until cleared; a period only retyped says nothing", async () => {
    await edited("da-cham-2024.xlsx", "ky-0.xlsx", (wb) => {
      for (const name of ["Sở Nội vụ", "Sở Xây dựng"]) periodCell(wb.getWorksheet(name)!).value = "Năm 2025";
    });
    expect((await run(["score", "ky-0.xlsx", "--out", "ky-1.xlsx"])).code).toBe(0);
    expect((await run(["score", "ky-1.xlsx", "--out", "ky-2.xlsx"])).code).toBe(0);
    const said = await appraisedFindings("ky-2.xlsx");
    expect(said).toMatchObject([{ code: "appraised-from-last-period", sheet: "Sở Xây dựng", unit: "SXD" }]);
    expect(said[0]!.message).toMatch(/^Trang tính 'Sở Xây dựng', ô E(\d+): kỳ đánh giá của phiếu đã đổi \("Năm 2024" → "Năm 2025"\) từ lần chấm điểm .*, nhưng 1 ô Số liệu thẩm định \(E\1\) vẫn giữ số liệu của lần chấm đó/);
    await edited("ky-2.xlsx", "ky-2-xoa.xlsx", (wb) => {
      const sxd = wb.getWorksheet("Sở Xây dựng")!;
      sxd.getCell(`E${rowOf(sxd, "1.4")}`).value = null;
    });
    expect((await run(["score", "ky-2-xoa.xlsx", "--out", "ky-3.xlsx"])).code).toBe(0);
    expect(await appraisedFindings("ky-3.xlsx")).toEqual([]);
    // "Năm 2024" retyped "2024": the same period, the appraised figure is this period's. The
    // results are out of date all the same (their titles print the period as typed).
    await edited("da-cham-2024.xlsx", "ky-go-lai.xlsx", (wb) => {
      periodCell(wb.getWorksheet("Sở Xây dựng")!).value = "2024";
    });
    const retyped = JSON.parse((await run(["validate", "ky-go-lai.xlsx", "--json", "-"])).out) as Json;
    expect(retyped.issues.filter((i) => i.code.startsWith("appraised-"))).toEqual([]);
    expect(retyped.stale).toMatchObject({ changed: ["SXD"], periods: { SXD: { from: "Năm 2024", to: "2024" } } });
  }, 120_000);
});

describe("this year's forms collected into last year's scored workbook", () => {
  test("said once, naming both periods and what to do; collected into a new workbook, nothing of it is said", async () => {
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "phieu-2025.xlsx", "--period", "Năm 2025"])).code).toBe(0);
    await edited("phieu-2025.xlsx", "snv-2025.xlsx", (wb) => {
      const snv = wb.getWorksheet("Sở Nội vụ")!;
      snv.getCell(`D${rowOf(snv, "1.4")}`).value = 1;
    });
    copyFileSync(join(dir, "da-cham-2024.xlsx"), join(dir, "gop-vao-cu.xlsx"));
    const c = await run(["collect", "snv-2025.xlsx", "--out", "gop-vao-cu.xlsx"]);
    const said = c.err.split("\n").filter((l) => l.includes("kỳ đánh giá"));
    expect(said).toEqual([
      'Cảnh báo: Phiếu trong các tệp đã chọn ghi kỳ đánh giá "Năm 2025", khác với kỳ của các phiếu trong sổ tổng hợp ("Năm 2024"): đơn vị nào đã có phiếu trong sổ thì giữ phiếu đó, phiếu mới không được lấy, còn phiếu của đơn vị mới được thêm vào cùng các phiếu kỳ trước. Nếu đây là phiếu của kỳ mới, hãy tổng hợp vào một sổ mới (--out với tên tệp mới), không phải sổ của kỳ trước.',
    ]);
    const en = await run(["collect", "snv-2025.xlsx", "--out", "gop-vao-cu.xlsx", "--lang", "en"], "en");
    expect(en.err).toContain('Warning: Forms in the chosen files give the assessment period "Năm 2025", unlike the forms in the consolidated workbook ("Năm 2024")');
    const fresh = await run(["collect", "snv-2025.xlsx", "--out", "tong-hop-2025.xlsx"]);
    expect(fresh.code).toBe(0);
    expect(`${fresh.out}${fresh.err}`).not.toContain("kỳ đánh giá");
  }, 90_000);
});
