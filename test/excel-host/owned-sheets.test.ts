/**
 * The project's own sheets (`Kết quả`, `Biểu đồ`, the very hidden `_index`) in a workbook open in
 * Excel that an analyst scores a second time: a sheet they protected with a password stops the run
 * before anything is written, one protected without a password is written and protected again with
 * its options, and the sheets keep the place and visibility the analyst gave them, so that a
 * workbook whose structure is protected can be scored again.
 */
import { columnNumber } from "../../src/core/a1";
import { runScoring } from "../../src/core/pipeline";
import { INDEX_SHEET, RESULTS_TABLE } from "../../src/core/plan";
import { readIndexSheet } from "../../src/core/plan/index-sheet";
import { ExcelHost } from "../../src/hosts/excel";
import { charsToPoints } from "../../src/hosts/excel/apply";
import { ExcelHostError } from "../../src/hosts/excel/requirements";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook, score } from "./fixtures";

const FIRST = new Date("2026-01-15T08:00:00Z");
const SECOND = new Date("2026-01-22T08:00:00Z");


/** Every cell of every sheet, to tell whether anything was written. */
function everything(double: ExcelDouble): string {
  return JSON.stringify(double.workbook.sheets.map((s) => [s.name, s.visibility, [...s.cells]]));
}

function stamp(double: ExcelDouble): string | undefined {
  const sheet = double.sheet(INDEX_SHEET);
  const rect = sheet.usedRect(true)!;
  const values = Array.from({ length: rect.rows }, (_, r) => Array.from({ length: rect.cols }, (_, c) => sheet.get(r, c)?.v ?? null));
  return readIndexSheet({ sheets: [{ name: INDEX_SHEET, values: values.map((row) => row.map((v) => (v === "" ? null : v))) }] })?.provenance?.scoredAt;
}

/** The sheets as the user sees their tabs: name and visibility, in order. */
function tabs(double: ExcelDouble): [string, string][] {
  return double.workbook.sheets.map((s) => [s.name, s.visibility]);
}

describe("an owned sheet protected with a password", () => {
  for (const [sheet, unprotectWithoutPassword] of [["Kết quả", "fails"], ["Biểu đồ", "fails"], ["Kết quả", "ignored"], ["Biểu đồ", "ignored"]] as const) {
    test(`'${sheet}': the run stops before anything is written, with one sentence in both languages naming the sheet (unprotect() without the password ${unprotectWithoutPassword === "fails" ? "fails" : "does nothing"})`, async () => {
      const { double, definition } = await layoutAWorkbook(4, { unprotectWithoutPassword });
      await score(double, definition, FIRST);
      await Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(sheet).protection.protect({ allowFormatColumns: true }, "mật khẩu");
        await ctx.sync();
      });
      const before = everything(double);
      double.resetCounters();
      const failure = await score(double, definition, SECOND).then(() => null, (e: unknown) => e);
      expect(failure).toBeInstanceOf(ExcelHostError);
      expect((failure as ExcelHostError).code).toBe("owned-sheet-protected");
      expect((failure as ExcelHostError).localized).toEqual({
        vi: `Trang '${sheet}' của DTI Scorer được bảo vệ bằng mật khẩu nên chưa có gì được ghi; hãy bỏ bảo vệ trang này (trong Excel: Xem lại > Bỏ bảo vệ trang tính; trong LibreOffice: bỏ chọn Công cụ > Bảo vệ trang tính) rồi chấm điểm lại.`,
        en: `DTI Scorer's sheet '${sheet}' is protected with a password, so nothing was written; unprotect it (in Excel: Review > Unprotect Sheet; in LibreOffice: untick Tools > Protect Sheet) and score again.`,
      });
      // Not a cell written, the stamp of the first run kept, every sheet protected as it was.
      expect(everything(double)).toBe(before);
      expect(stamp(double)).toBe(FIRST.toISOString());
      expect(double.sheet(sheet).protection).toMatchObject({ protected: true, password: "mật khẩu" });
      for (const s of double.workbook.sheets) if (s.name.startsWith("Đơn vị")) expect(s.protection.protected).toBe(true);
    }, 60_000);
  }

  test.each(["fails", "ignored"] as const)("beside a form protected with a password, the owned sheet still stops the run (unprotect() without the password: %s)", async (unprotectWithoutPassword) => {
    const { double, definition } = await layoutAWorkbook(3, { unprotectWithoutPassword });
    await score(double, definition, FIRST);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets;
      const form = ws.getItem("Đơn vị số 2");
      form.protection.unprotect();
      form.protection.protect({}, "khác");
      ws.getItem("Kết quả").protection.protect({}, "mật khẩu");
      await ctx.sync();
    });
    const before = everything(double);
    const failure = await score(double, definition, SECOND).then(() => null, (e: unknown) => e as ExcelHostError);
    expect(failure?.code).toBe("owned-sheet-protected");
    expect(failure?.localized.vi).toContain("Trang 'Kết quả' của DTI Scorer");
    expect(everything(double)).toBe(before);
  }, 60_000);
});

describe("an owned sheet protected without a password", () => {
  test("is written and protected again with the same options", async () => {
    const { double, definition } = await layoutAWorkbook(4);
    await score(double, definition, FIRST);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Kết quả").protection.protect({ allowFormatColumns: true, allowSort: true, allowAutoFilter: true });
      await ctx.sync();
    });
    const options = { ...double.sheet("Kết quả").protection.options };
    const table = double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!;
    double.sheet("Kết quả").cells.clear();
    const host = await score(double, definition, SECOND);
    expect(host.lastApply!.warnings).toEqual([]);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(double.sheet("Kết quả").protection).toEqual({ protected: true, options, password: null });
    expect(double.value(`'Kết quả'!B${table.row + 2}`)).not.toBe("");
    expect(stamp(double)).toBe(SECOND.toISOString());
  }, 60_000);
});

describe("how the analyst arranged the sheets", () => {
  test("a sheet moved to the front stays there, a hidden Biểu đồ stays hidden, _index stays very hidden; with the structure protected the run goes through", async () => {
    const { double, definition } = await layoutAWorkbook(4);
    await score(double, definition, FIRST);
    // New sheets: the results first, the charts right after them.
    expect(tabs(double).slice(0, 2)).toEqual([["Kết quả", "Visible"], ["Biểu đồ", "Visible"]]);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets;
      ws.getItem("Đơn vị số 3").position = 0;
      ws.getItem("Biểu đồ").visibility = "Hidden";
      await ctx.sync();
      ctx.workbook.protection.protect();
      await ctx.sync();
    });
    const arranged = tabs(double);
    expect(arranged[0]).toEqual(["Đơn vị số 3", "Visible"]);
    double.resetCounters();
    const host = await score(double, definition, SECOND);
    expect(host.lastApply!.warnings).toEqual([]);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(tabs(double)).toEqual(arranged);
    expect(double.sheet(INDEX_SHEET).visibility).toBe("VeryHidden");
    expect(stamp(double)).toBe(SECOND.toISOString());
    expect(double.sheet("Biểu đồ").charts.length).toBeGreaterThan(0);
  }, 60_000);

  test("a charts sheet the analyst deleted comes back right after the results, wherever they are", async () => {
    const { double, definition } = await layoutAWorkbook(3);
    await score(double, definition, FIRST);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets;
      ws.getItem("Biểu đồ").delete();
      ws.getItem("Kết quả").position = 2;
      await ctx.sync();
    });
    const names = double.sheetNames().filter((n) => n !== INDEX_SHEET);
    expect(names[2]).toBe("Kết quả");
    await score(double, definition, SECOND);
    expect(double.sheetNames().filter((n) => n !== INDEX_SHEET)).toEqual([...names.slice(0, 3), "Biểu đồ", ...names.slice(3)]);
  }, 60_000);
});

describe("an owned sheet written again with fewer rows", () => {
  /** Each row or column of a sheet with a size of its own (1-based), as the user sees them. */
  function sized(double: ExcelDouble, sheet: string): { rows: [number, number][]; columns: [number, number][] } {
    const s = double.sheet(sheet);
    const sort = (m: Map<number, number>) => [...m].map(([at, size]): [number, number] => [at + 1, size]).sort((a, b) => a[0] - b[0]);
    return { rows: sort(s.rowHeights), columns: sort(s.columnWidths) };
  }

  test("its rows and columns have the sizes of the plan and the others the standard ones, as on a sheet made anew, in as many requests for 16 units as for 6", async () => {
    // Names long enough to wrap: each unit's row of the results is made taller.
    const long = (u: number) => `Trung tâm Phục vụ hành chính công và Chuyển đổi số thuộc Ủy ban nhân dân tỉnh, đơn vị số ${u + 1}`;
    const rerun = async (units: number) => {
      const { double, definition } = await layoutAWorkbook(units, { unitName: long });
      double.install();
      const first = await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now: FIRST });
      const tall = sized(double, "Kết quả").rows.filter(([, h]) => h > 15).length;
      expect(tall).toBeGreaterThan(units);
      // Half the forms are set aside: the table, and the charts' data, are shorter.
      const aside = new Set(first.submissions.slice(units / 2).map((u) => u.source!.sheet));
      double.workbook.sheets = double.workbook.sheets.filter((s) => !aside.has(s.name));
      double.resetCounters();
      const { plan, table: ranked } = await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now: SECOND });
      expect(double.requests.every((r) => r.ok)).toBe(true);
      expect(ranked.units).toHaveLength(units / 2);
      for (const name of ["Kết quả", "Biểu đồ"]) {
        const p = plan!.owned.find((o) => o.name === name)!;
        const want = {
          rows: (p.rowHeights ?? []).filter((h) => h.height !== 15).map((h): [number, number] => [h.row, h.height]).sort((a, b) => a[0] - b[0]),
          columns: (p.columnWidths ?? []).map((w): [number, number] => [columnNumber(w.column), charsToPoints(w.width)]).sort((a, b) => a[0] - b[0]),
        };
        expect([name, sized(double, name)]).toEqual([name, want]);
      }
      // Below the shorter table no row is still tall but the one the plan sizes there (the line that
      // says points are shown rounded, wrapped over the repeated columns).
      const table = double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!;
      const below = (rows: [number, number][]) => rows.filter(([r]) => r > table.row + table.rows);
      const planned = (plan!.owned.find((o) => o.name === "Kết quả")!.rowHeights ?? []).filter((h) => h.height !== 15).map((h): [number, number] => [h.row, h.height]);
      expect(below(sized(double, "Kết quả").rows)).toEqual(below(planned).sort((a, b) => a[0] - b[0]));
      expect(below(planned).length).toBeLessThanOrEqual(1);
      return double.syncCount;
    };
    expect(await rerun(16)).toBe(await rerun(6));
  }, 120_000);
});
