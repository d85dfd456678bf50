/**
 * In Excel, as in the xlsx host, a scoring run prints the index and the period the forms state now
 * at the top of the template's instructions sheet ("Hướng dẫn"), as the results sheet names the
 * periods (ExcelApi 1.9, PageLayout.headersFooters): over the header the project wrote there, or
 * none; a header a person wrote stays. Its period line under the title (A2, the top-left cell of
 * the area the template merged across the unit table) says the new period, the cell text the xlsx
 * host writes; a line a person wrote there stays, and so does a formula a person put there (the
 * cell is looked up as it is now, in the write's first request, as the xlsx host looks at it
 * before writing). In the requests the run makes anyway.
 */
import ExcelJS from "exceljs";
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import { XlsxHost } from "../../src/hosts/xlsx/host";
import { makeTemplate } from "../../src/hosts/xlsx/template";
import { createExcelDouble, type ExcelDouble } from "../excel-double";
import type { MSheet } from "../excel-double/model";
import { departmentModel, layoutAWorkbook } from "./fixtures";

const INDEX = "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh)";

async function score(double: ExcelDouble, definition: unknown): Promise<ExcelHost> {
  double.install();
  const host = new ExcelHost();
  await runScoring(host, { definition, lang: "vi", projectVersion: "test", now: new Date("2026-01-15T08:00:00Z") });
  return host;
}

/** The double's forms, each with its period (`Kỳ đánh giá`) typed as given. */
function typePeriods(double: ExcelDouble, period: (i: number) => string): void {
  double.workbook.sheets
    .filter((s) => s.name.startsWith("Đơn vị số"))
    .forEach((s, i) => {
      const label = [...s.cells].find(([, c]) => c.v === "Kỳ đánh giá");
      if (!label) throw new Error(`no period on ${s.name}`);
      const cell = s.cell(Math.floor(label[0] / 16384), (label[0] % 16384) + 1);
      cell.v = period(i);
      cell.t = "String";
    });
}

const sheet = (double: ExcelDouble, name: string) => double.workbook.sheets.find((s) => s.name === name)!;
const header = (s: MSheet) => s.pageLayout.headersFooters.defaultForAllPages;

/** The template's instructions sheet of last year: its period line (A2) as a template made with that period writes it. */
function lastYears(double: ExcelDouble, line = "Kỳ đánh giá: Năm 2024"): MSheet {
  const help = sheet(double, "Hướng dẫn");
  const a2 = help.cell(1, 0);
  a2.v = line;
  a2.t = "String";
  return help;
}

/** The instructions sheet's period line as an add-in reads it through Office.js, and the merged area it is in. */
async function periodLine(name = "Hướng dẫn"): Promise<{ text: unknown; merged: string | null }> {
  return Excel.run(async (ctx) => {
    const a2 = ctx.workbook.worksheets.getItem(name).getRange("A2");
    const text = a2.load("values");
    const merged = a2.getMergedAreasOrNullObject().load("address");
    await ctx.sync();
    return { text: text.values[0]![0], merged: merged.isNullObject ? null : merged.address };
  });
}

test("the instructions sheet's header and period line name the period the forms state now, as the results sheet's header does; a person's header or line stays", async () => {
  const { double, definition } = await layoutAWorkbook(3);
  typePeriods(double, () => "Năm 2025");
  // The template's header and line of last year.
  const help = lastYears(double);
  header(help).centerHeader = `${INDEX} — Kỳ đánh giá: Năm 2024`;
  double.install();
  const merged = (await periodLine()).merged;
  expect(merged).toMatch(/^'Hướng dẫn'!A2:[B-Z]2$/);
  await score(double, definition);
  expect(header(help).centerHeader).toBe(`${INDEX} — Kỳ đánh giá: Năm 2025`);
  expect(header(help).centerHeader).toBe(header(sheet(double, "Kết quả")).centerHeader);
  // Written into the merged area's top-left cell, as Excel writes it: still merged, as it was.
  expect(await periodLine()).toEqual({ text: "Kỳ đánh giá: Năm 2025", merged });
  expect(double.requests.every((r) => r.ok)).toBe(true);

  // The forms differ: every period is named, as on the results sheet.
  typePeriods(double, (i) => (i === 0 ? "Năm 2024" : "Năm 2025"));
  await score(double, definition);
  expect(header(help).centerHeader).toMatch(/Kỳ đánh giá \(các phiếu ghi khác nhau\): Năm 2024, Năm 2025$/);
  expect(header(help).centerHeader).toBe(header(sheet(double, "Kết quả")).centerHeader);
  expect((await periodLine()).text).toBe("Kỳ đánh giá (các phiếu ghi khác nhau): Năm 2024, Năm 2025");

  // Words a person added after the period stay after it; a header or a line of their own stays.
  typePeriods(double, () => "Năm 2026");
  lastYears(double, "Kỳ đánh giá: Năm 2025 (số liệu đến 30/9)");
  await score(double, definition);
  expect((await periodLine()).text).toBe("Kỳ đánh giá: Năm 2026 (số liệu đến 30/9)");
  header(help).centerHeader = "Hướng dẫn của Sở";
  lastYears(double, "Hạn nộp phiếu: 15/10/2026");
  await score(double, definition);
  expect(header(help).centerHeader).toBe("Hướng dẫn của Sở");
  expect((await periodLine()).text).toBe("Hạn nộp phiếu: 15/10/2026");
});

test("a password on the instructions sheet: its header and line stay, and the run says the line was not written, the xlsx host's words", async () => {
  const { double, definition } = await layoutAWorkbook(3);
  typePeriods(double, () => "Năm 2025");
  const help = lastYears(double);
  header(help).centerHeader = `${INDEX} — Kỳ đánh giá: Năm 2024`;
  double.install();
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Hướng dẫn").protection.protect({}, "mat-khau");
    await ctx.sync();
  });
  const host = await score(double, definition);
  expect(host.lastApply?.skippedSheets).toEqual(["Hướng dẫn"]);
  expect(host.lastApply?.warnings).toEqual([
    {
      sheet: "Hướng dẫn",
      vi: "Trang 'Hướng dẫn' được bảo vệ bằng mật khẩu nên dòng kỳ đánh giá (ô A2) và đầu trang khi in của trang này chưa được ghi lại theo kỳ của các phiếu. Hãy bỏ bảo vệ trang (trong Excel: Xem lại > Bỏ bảo vệ trang tính; trong LibreOffice: bỏ chọn Công cụ > Bảo vệ trang tính) rồi chấm điểm lại.",
      en: "The sheet 'Hướng dẫn' is protected with a password, so its period line (cell A2) and printed header were not written again with the forms' period. Unprotect the sheet (in Excel: Review > Unprotect Sheet; in LibreOffice: untick Tools > Protect Sheet) and score again.",
    },
  ]);
  expect((await periodLine()).text).toBe("Kỳ đánh giá: Năm 2024");
  expect(header(help).centerHeader).toBe(`${INDEX} — Kỳ đánh giá: Năm 2024`);
  // The results are written.
  expect(header(sheet(double, "Kết quả")).centerHeader).toBe(`${INDEX} — Kỳ đánh giá: Năm 2025`);
});

test("writing the instructions sheet's header and period line takes no more requests than a workbook without one", async () => {
  const counts: number[] = [];
  for (const named of ["Hướng dẫn", "Ghi chú"]) {
    const { double, definition } = await layoutAWorkbook(3);
    typePeriods(double, () => "Năm 2025");
    lastYears(double);
    // Renamed, it is no instructions sheet of the project's any more: its header and line are not planned.
    sheet(double, "Hướng dẫn").name = named;
    double.resetCounters();
    await score(double, definition);
    const ours = named === "Hướng dẫn";
    expect([named, header(sheet(double, named)).centerHeader]).toEqual([named, ours ? `${INDEX} — Kỳ đánh giá: Năm 2025` : ""]);
    expect([named, (await periodLine(named)).text]).toEqual([named, ours ? "Kỳ đánh giá: Năm 2025" : "Kỳ đánh giá: Năm 2024"]);
    counts.push(double.syncCount);
  }
  expect(counts[0]).toBe(counts[1]);
});

test.each([
  ["vi", "Hướng dẫn", "Năm 2024", "Năm 2025", " (số liệu đến 30/9)", "Kỳ đánh giá: Năm 2025 (số liệu đến 30/9)"],
  ["en", "Instructions", "2024", "2025", " (figures to 30 Sep)", "Period: 2025 (figures to 30 Sep)"],
] as const)("last year's template in %s scored with next year's forms: the xlsx host and Excel write the same period line", async (lang, help, was, is, words, line) => {
  const { definition, model } = departmentModel();
  const units = ["Sở Xây dựng", "Sở Tài chính"].map((name, u) => ({ code: `U${u + 1}`, name, ...(model.categories[0] ? { category: model.categories[0] } : {}) }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await makeTemplate(model, units, { lang, period: was })) as never);
  for (const u of units) wb.getWorksheet(u.name)!.getCell("B5").value = is;
  const made = wb.getWorksheet(help)!.getCell("A2").value;
  expect(made).toBe(`${lang === "vi" ? "Kỳ đánh giá" : "Period"}: ${was}`);
  wb.getWorksheet(help)!.getCell("A2").value = `${String(made)}${words}`;
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const now = new Date("2026-01-15T08:00:00Z");

  const file = await XlsxHost.fromBuffer(bytes, "phieu.xlsx");
  await runScoring(file, { definition, lang: "vi", projectVersion: "test", now });
  const written = new ExcelJS.Workbook();
  await written.xlsx.load((await file.toBuffer()) as never);

  const double = createExcelDouble();
  await double.loadXlsx(bytes);
  await score(double, definition);
  expect([written.getWorksheet(help)!.getCell("A2").value, (await periodLine(help)).text]).toEqual([line, line]);
  expect(header(sheet(double, help)).centerHeader).toBe(written.getWorksheet(help)!.headerFooter.oddHeader!.replace(/^&C/, ""));
});

test.each([
  ["vi", "Hướng dẫn", "Kỳ đánh giá", "Năm 2024", "Năm 2025"],
  ["en", "Instructions", "Period", "2024", "2025"],
] as const)("a formula a person put in the period line (%s) stays, in the xlsx host and in Excel, without a word; the printed header is written", async (lang, help, opening, was, is) => {
  const { definition, model } = departmentModel();
  const units = ["Sở Xây dựng", "Sở Tài chính"].map((name, u) => ({ code: `U${u + 1}`, name, ...(model.categories[0] ? { category: model.categories[0] } : {}) }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await makeTemplate(model, units, { lang, period: was })) as never);
  for (const u of units) wb.getWorksheet(u.name)!.getCell("B5").value = is;
  // The line as a formula, which computes last year's line: it reads as the project's, and is the person's.
  const formula = `"${opening}: "&"${was}"`;
  const line = `${opening}: ${was}`;
  wb.getWorksheet(help)!.getCell("A2").value = { formula, result: line } as ExcelJS.CellValue;
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const now = new Date("2026-01-15T08:00:00Z");

  const file = await XlsxHost.fromBuffer(bytes, "phieu.xlsx");
  await runScoring(file, { definition, lang: "vi", projectVersion: "test", now });
  const written = new ExcelJS.Workbook();
  await written.xlsx.load((await file.toBuffer()) as never);
  expect(written.getWorksheet(help)!.getCell("A2").formula).toBe(formula);
  expect(written.getWorksheet(help)!.getCell("A2").result).toBe(line);

  const double = createExcelDouble();
  await double.loadXlsx(bytes);
  const host = await score(double, definition);
  const a2 = await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem(help).getRange("A2").load("formulas,values");
    await ctx.sync();
    return { formula: r.formulas[0]![0], value: r.values[0]![0] };
  });
  expect(a2).toEqual({ formula: `=${formula}`, value: line });
  // Nothing said of it, by either host; the printed header names the new period in both.
  const ofHelp = (warnings: readonly { sheet?: string }[] | undefined) => (warnings ?? []).filter((w) => w.sheet === help);
  expect([ofHelp(file.lastApply?.warnings), ofHelp(host.lastApply?.warnings)]).toEqual([[], []]);
  expect(header(sheet(double, help)).centerHeader).toMatch(new RegExp(`${opening}: ${is}$`));
  expect(header(sheet(double, help)).centerHeader).toBe(written.getWorksheet(help)!.headerFooter.oddHeader!.replace(/^&C/, ""));
});

/** The instructions sheet's period line made a formula through Office.js, as a person types it: computing last year's line. */
async function periodFormula(): Promise<void> {
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Hướng dẫn").getRange("A2").formulas = [['="Kỳ đánh giá: "&"Năm 2024"']];
    await ctx.sync();
  });
}

test("a formula in the period line takes as many requests as the project's line, for 3 units as for 40, on a first run and the next", async () => {
  const counts: Record<string, number[]> = {};
  for (const units of [3, 40]) {
    for (const line of ["text", "formula"] as const) {
      const { double, definition } = await layoutAWorkbook(units);
      typePeriods(double, () => "Năm 2025");
      lastYears(double);
      double.install();
      if (line === "formula") await periodFormula();
      const runs: number[] = [];
      for (let run = 0; run < 2; run++) {
        if (run === 1) lastYears(double);
        if (run === 1 && line === "formula") await periodFormula();
        double.resetCounters();
        await score(double, definition);
        expect(double.requests.every((r) => r.ok)).toBe(true);
        runs.push(double.syncCount);
        expect([units, line, run, (await periodLine()).text]).toEqual([units, line, run, line === "text" ? "Kỳ đánh giá: Năm 2025" : "Kỳ đánh giá: Năm 2024"]);
      }
      counts[`${units} ${line}`] = runs;
    }
  }
  expect(new Set(Object.values(counts).map((c) => c.join(","))).size).toBe(1);
});

test.each([
  ["deleted", (d: ExcelDouble) => d.userDeleteSheet("Hướng dẫn")],
  ["renamed", (d: ExcelDouble) => d.userRenameSheet("Hướng dẫn", "HD")],
] as const)("the instructions sheet %s between the read and the write: nothing is written, and the sentence names it", async (_what, act) => {
  const { double, definition } = await layoutAWorkbook(3);
  typePeriods(double, () => "Năm 2025");
  lastYears(double);
  double.install();
  double.resetCounters();
  const host = new ExcelHost();
  const racing = {
    read: async () => {
      const snapshot = await host.read();
      await act(double);
      return snapshot;
    },
    apply: (plan: Parameters<ExcelHost["apply"]>[0]) => host.apply(plan),
  };
  const e = await runScoring(racing, { definition, lang: "vi", projectVersion: "test", now: new Date("2026-01-15T08:00:00Z") }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toMatchObject({
    name: "ExcelHostError",
    code: "sheet-missing",
    localized: {
      vi: "Trang 'Hướng dẫn' đã bị xóa hoặc đổi tên trong lúc DTI Scorer đang làm việc (sau khi đọc sổ làm việc), nên chưa có gì được ghi. Hãy chấm điểm lại để đọc lại sổ làm việc như hiện nay.",
      en: "The sheet 'Hướng dẫn' was deleted or renamed while DTI Scorer was working (after it read the workbook), so nothing was written. Score again to read the workbook as it is now.",
    },
  });
  // Nothing written: no results, no `_index`, and no request that writes.
  expect(double.sheetNames().filter((n) => n === "Kết quả" || n === "_index")).toEqual([]);
  expect(double.requests.some((r) => r.calculationSuspended)).toBe(false);
});
