/**
 * A form's period (`Kỳ đánh giá`) that is a date cell (31/12/2024, formatted dd/mm/yyyy), through
 * the command line on real .xlsx files: the results' title, their printed page headers, the
 * charts' titles and `_index` name the day as the cell shows it, "31/12/2024", in either language;
 * the same day typed as text is the same period (no warning, one title, nothing out of date, no
 * appraised figure said to be last period's); a workbook scored by the previous release, which
 * named and recorded the day as "2024-12-31", is up to date; a year typed into the date cell is
 * said at the cell.
 *
 * test/fixtures/xlsx/scored-before-day-periods.xlsx was scored by the previous release (the tree
 * of commit ac1cddc, its command line built with scripts/build-cli.mjs): `template --index
 * dti-so-nganh-mau --period "Năm 2024"` for Sở Tài chính (STC) and Sở Xây dựng (SXD), both
 * "Sở, ban, ngành có dịch vụ công", filled with ExcelJS (every form's B5 the date 31/12/2024 in
 * the format dd/mm/yyyy; each answer cell given an answer its data validation takes; STC's 1.3.a
 * appraised 2 in `Số liệu thẩm định`), then `score --out`. It names the period "2024-12-31" in its
 * titles and records that text in `_index`.
 *
 * Real files: written by the command line or ExcelJS, read back by the command line in-process.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "../cli/test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-day-period-"));
const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);
const EARLIER = "truoc.xlsx";
const STC = "Sở Tài chính";
const SXD = "Sở Xây dựng";
const RESULTS = { vi: "Kết quả", en: "Results" };

interface Finding {
  code: string;
  sheet?: string;
  cell?: string;
  unit?: string;
  message: string;
}

/** `validate`'s JSON of a file of `dir`: its findings and its `stale` (null when the results are up to date). */
async function validate(file: string, lang: "vi" | "en" = "vi"): Promise<{ issues: Finding[]; stale: { changed: string[]; message: string } | null }> {
  const v = await run(["validate", file, "--json", "-", "--lang", lang], lang);
  const { issues, stale } = JSON.parse(v.out) as { issues: Finding[]; stale: { changed: string[]; message: string } | null };
  return { issues, stale };
}

type Period = Date | string | number | { number: number; numFmt: string };

/** `from` with each named form's B5 (the period cell) set, written as `to`: a Date as a date cell formatted dd/mm/yyyy. */
async function withPeriods(from: string, to: string, periods: Record<string, Period>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, from));
  for (const [sheet, period] of Object.entries(periods)) {
    const cell = wb.getWorksheet(sheet)!.getCell("B5");
    // A style of its own: ExcelJS shares one between the cells a file gave the same style.
    if (period instanceof Date) {
      cell.value = period;
      cell.style = { ...cell.style, numFmt: "dd/mm/yyyy" };
    } else if (typeof period === "object") {
      cell.value = period.number;
      cell.style = { ...cell.style, numFmt: period.numFmt };
    } else {
      cell.value = period;
      cell.style = { ...cell.style, numFmt: "@" };
    }
  }
  await wb.xlsx.writeFile(join(dir, to));
}

/** The template's forms answered (each answer cell an answer its validation takes), STC's 1.3.a appraised 2, every B5 31/12/2024 as a date cell. */
async function answered(from: string, to: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, from));
  let seed = 1;
  for (const ws of wb.worksheets) {
    if (ws.getCell("A1").value !== "Đơn vị") continue;
    seed++;
    for (let r = 9; r <= ws.rowCount; r++) {
      const d = ws.getCell(r, 4);
      const dv = d.dataValidation;
      if (!dv || d.protection?.locked !== false) continue;
      if (dv.type === "list") {
        const options = String(dv.formulae![0]).replace(/^"|"$/g, "").split(",");
        d.value = options[(seed + r) % options.length]!;
      } else if (dv.type === "whole") d.value = (seed * 7 + r) % (Number(dv.formulae![1] ?? 100) + 1);
      else d.value = ((seed * 13 + r) % 100) / 100;
      ws.getCell(r, 7).value = `QĐ số ${r}/QĐ-UBND`;
      if (ws.name === STC && ws.getCell(r, 1).value === "1.3.a") ws.getCell(r, 5).value = 2;
    }
  }
  await wb.xlsx.writeFile(join(dir, to));
  await withPeriods(to, to, { [STC]: new Date(Date.UTC(2024, 11, 31)), [SXD]: new Date(Date.UTC(2024, 11, 31)) });
}

/** What a scored workbook names the period by: the results' title (A1), its printed page header, the charts' titles and `_index`'s period rows. */
async function namings(file: string, lang: "vi" | "en" = "vi"): Promise<{ title: string; header: string; charts: string[]; recorded: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  const results = wb.getWorksheet(RESULTS[lang])!;
  const index = wb.getWorksheet("_index")!;
  const recorded: string[][] = [];
  index.eachRow((row) => {
    if (row.getCell(1).value === "period") recorded.push([String(row.getCell(2).value), String(row.getCell(3).value)]);
  });
  const zip = await JSZip.loadAsync(readFileSync(join(dir, file)));
  const charts: string[] = [];
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).sort()) {
    const xml = await zip.file(name)!.async("string");
    const title = /<c:title>([\s\S]*?)<\/c:title>/.exec(xml)?.[1] ?? "";
    charts.push([...title.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(""));
  }
  return { title: String(results.getCell("A1").value), header: String(results.headerFooter.oddHeader ?? ""), charts, recorded };
}

beforeAll(async () => {
  copyFileSync(join(__dirname, "../../test/fixtures/xlsx/scored-before-day-periods.xlsx"), join(dir, EARLIER));
  writeFileSync(join(dir, "dv.csv"), 'Mã đơn vị,Đơn vị,Nhóm\nSTC,Sở Tài chính,"Sở, ban, ngành có dịch vụ công"\nSXD,Sở Xây dựng,"Sở, ban, ngành có dịch vụ công"\n');
  expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "phieu.xlsx", "--period", "Năm 2024"])).code).toBe(0);
  await answered("phieu.xlsx", "ngay.xlsx");
  expect((await run(["score", "ngay.xlsx", "--out", "ngay-cham.xlsx"])).code).toBe(0);
}, 120_000);

describe("a period that is a date cell", () => {
  it("is named 31/12/2024 in the results' title, its printed header, the charts' titles and _index, in either language", async () => {
    const vi = await namings("ngay-cham.xlsx");
    expect(vi.title).toMatch(/ — Kỳ đánh giá: 31\/12\/2024$/);
    expect(vi.header).toMatch(/ — Kỳ đánh giá: 31\/12\/2024$/);
    expect(vi.charts).toHaveLength(3);
    for (const t of vi.charts) expect(t).toMatch(/ — 31\/12\/2024$/);
    expect(vi.recorded).toEqual([
      ["STC", "31/12/2024"],
      ["SXD", "31/12/2024"],
    ]);
    expect(JSON.stringify(vi)).not.toContain("2024-12-31");
    expect((await run(["score", "ngay.xlsx", "--out", "ngay-en.xlsx", "--lang", "en"], "en")).code).toBe(0);
    const en = await namings("ngay-en.xlsx", "en");
    expect(en.title).toMatch(/ — Period: 31\/12\/2024$/);
    for (const t of en.charts) expect(t).toMatch(/ — 31\/12\/2024$/);
    expect(en.recorded).toEqual(vi.recorded);
    // Scored, up to date, nothing said of the period.
    expect(await validate("ngay-cham.xlsx")).toEqual({ issues: [], stale: null });
  }, 120_000);

  it("and the same day typed as text on another form are one period: no warning, one period in the title", async () => {
    for (const [i, typed] of ["31/12/2024", "31.12.2024", "2024-12-31"].entries()) {
      const file = `chu-${i}.xlsx`;
      await withPeriods("ngay.xlsx", file, { [SXD]: typed });
      expect((await validate(file)).issues).toEqual([]);
      expect((await run(["score", file, "--out", `chu-${i}-cham.xlsx`])).code).toBe(0);
      const { title, charts } = await namings(`chu-${i}-cham.xlsx`);
      expect(title).toMatch(/ — Kỳ đánh giá: 31\/12\/2024$/);
      expect(charts[0]).toMatch(/ — 31\/12\/2024$/);
    }
  }, 120_000);

  it("typed again as text after scoring: the results stay up to date, and the appraised figure is not said to be last period's", async () => {
    for (const typed of ["31/12/2024", "31.12.2024"]) {
      await withPeriods("ngay-cham.xlsx", "go-lai.xlsx", { [STC]: typed });
      expect(await validate("go-lai.xlsx")).toEqual({ issues: [], stale: null });
    }
    // Another day is another period: said, and the appraised figure kept from the scoring with it.
    await withPeriods("ngay-cham.xlsx", "nam-sau.xlsx", { [STC]: "31/12/2025" });
    const next = await validate("nam-sau.xlsx");
    expect(next.stale?.message).toContain('(Sở Tài chính: "31/12/2024" → "31/12/2025")');
    expect(next.issues.map((i) => i.code)).toEqual(["appraised-from-last-period", "period-differs", "period-differs"]);
  }, 120_000);
});

describe("a workbook scored by the previous release, with a date period", () => {
  it("named the day 2024-12-31 and recorded it so", async () => {
    const before = await namings(EARLIER);
    expect(before.title).toMatch(/ — Kỳ đánh giá: 2024-12-31$/);
    expect(before.recorded).toEqual([
      ["STC", "2024-12-31"],
      ["SXD", "2024-12-31"],
    ]);
  }, 60_000);

  it("is up to date, with nothing said: the day it recorded is the day this release reads", async () => {
    expect(await validate(EARLIER)).toEqual({ issues: [], stale: null });
    expect(await validate(EARLIER, "en")).toEqual({ issues: [], stale: null });
  }, 60_000);

  it("with the day typed as text it is still up to date; with another day, the change names both days as this release reads them", async () => {
    await withPeriods(EARLIER, "truoc-chu.xlsx", { [STC]: "31.12.2024" });
    expect(await validate("truoc-chu.xlsx")).toEqual({ issues: [], stale: null });
    await withPeriods(EARLIER, "truoc-nam-sau.xlsx", { [STC]: new Date(Date.UTC(2025, 11, 31)) });
    const next = await validate("truoc-nam-sau.xlsx");
    expect(next.stale).toMatchObject({ changed: ["STC"] });
    expect(next.stale!.message).toContain('(Sở Tài chính: "31/12/2024" → "31/12/2025")');
    const appraised = next.issues.filter((i) => i.code === "appraised-from-last-period");
    expect(appraised).toHaveLength(1);
    expect(appraised[0]!.message).toContain('kỳ đánh giá của phiếu đã đổi ("31/12/2024" → "31/12/2025")');
  }, 60_000);

  it("scored again, names the day 31/12/2024 and is up to date", async () => {
    expect((await run(["score", EARLIER, "--out", "truoc-cham-lai.xlsx"])).code).toBe(0);
    const { title, charts, recorded } = await namings("truoc-cham-lai.xlsx");
    expect(title).toMatch(/ — Kỳ đánh giá: 31\/12\/2024$/);
    for (const t of charts) expect(t).toMatch(/ — 31\/12\/2024$/);
    expect(recorded.map((r) => r[1])).toEqual(["31/12/2024", "31/12/2024"]);
    expect(await validate("truoc-cham-lai.xlsx")).toEqual({ issues: [], stale: null });
  }, 120_000);
});

describe("a year typed into the period cell formatted as a date", () => {
  it("is said at the cell, in both languages, as the day it shows and the year it most likely is", async () => {
    await withPeriods("ngay.xlsx", "nam.xlsx", { [STC]: { number: 2024, numFmt: "dd/mm/yyyy" }, [SXD]: { number: 2024, numFmt: "dd/mm/yyyy" } });
    const vi = await validate("nam.xlsx");
    expect(vi.issues.map((i) => [i.code, i.sheet, i.cell, i.unit])).toEqual([
      ["period-number-as-date", STC, "B5", "STC"],
      ["period-number-as-date", SXD, "B5", "SXD"],
    ]);
    expect(vi.issues[0]!.message).toBe(
      'Trang tính \'Sở Tài chính\', ô B5: ô kỳ đánh giá được định dạng ngày tháng nên số 2024 hiện thành 16/07/1905, và kỳ đánh giá được đọc là ngày đó (tiêu đề trang kết quả và tên các biểu đồ sẽ ghi "16/07/1905"); số đã nhập có lẽ là năm 2024: hãy đổi định dạng ô sang "Văn bản" (Text) rồi nhập lại kỳ đánh giá (như "Năm 2024").',
    );
    const en = await validate("nam.xlsx", "en");
    expect(en.issues[0]!.message).toBe(
      'Sheet \'Sở Tài chính\', cell B5: the period cell is formatted as a date, so the number 2024 shows as 16 Jul 1905 and the period is read as that day (the results sheet\'s title and the charts\' titles will give "16/07/1905"); the number typed was probably the year 2024: change the cell\'s format to Text and type the period again (such as "Year 2024").',
    );
    // The year as a number in a cell not formatted as a date is a period like any other.
    await withPeriods("ngay.xlsx", "nam-so.xlsx", { [STC]: { number: 2024, numFmt: "General" }, [SXD]: "2024" });
    expect((await validate("nam-so.xlsx")).issues).toEqual([]);
  }, 120_000);
});
