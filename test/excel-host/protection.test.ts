import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

/** The unit sheets of a workbook: those with a `Điểm` header. */
function unitSheets(double: ExcelDouble): { name: string; scoreCol: number; codeCol: number; header: number }[] {
  const out: { name: string; scoreCol: number; codeCol: number; header: number }[] = [];
  for (const sheet of double.workbook.sheets) {
    let header = -1, scoreCol = -1, codeCol = -1;
    for (const [k, c] of sheet.cells) {
      if (c.v === "Điểm") { header = Math.floor(k / 16384); scoreCol = k % 16384; }
    }
    if (header < 0) continue;
    for (const [k, c] of sheet.cells) if (Math.floor(k / 16384) === header && c.v === "Mã") codeCol = k % 16384;
    out.push({ name: sheet.name, scoreCol, codeCol, header });
  }
  return out;
}

/** The numbers written in a unit sheet's `Điểm` column, below its header. */
function scores(double: ExcelDouble, name: string): number[] {
  const u = unitSheets(double).find((s) => s.name === name)!;
  const sheet = double.sheet(name);
  return [...sheet.cells].filter(([k, c]) => k % 16384 === u.scoreCol && Math.floor(k / 16384) > u.header && typeof c.v === "number").map(([, c]) => c.v as number);
}

/** Protection as an add-in reads it through Office.js. */
async function protectionOf(names: string[]): Promise<{ protected: boolean; options: Excel.WorksheetProtectionOptions }[]> {
  return Excel.run(async (ctx) => {
    const list = names.map((n) => ctx.workbook.worksheets.getItem(n).protection.load("protected,options"));
    await ctx.sync();
    return list.map((p) => ({ protected: p.protected, options: p.options }));
  });
}

async function score(double: ExcelDouble, definition: unknown): Promise<ExcelHost> {
  double.install();
  double.resetCounters();
  const host = new ExcelHost();
  await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
  return host;
}

describe("scoring forms whose sheets are protected", () => {
  test("the project's own forms, inserted into Excel, get their Điểm column and stay protected with the same options", async () => {
    const { double, definition } = await layoutAWorkbook(4, { via: "insert" });
    const names = unitSheets(double).map((s) => s.name);
    expect(names).toHaveLength(4);
    double.install();
    const before = await protectionOf(names);
    expect(before.every((p) => p.protected)).toBe(true);
    // The form keeps the `Điểm` column locked: Excel would refuse the write without unprotecting.
    expect(double.sheet(names[0]!).get(unitSheets(double)[0]!.header + 1, unitSheets(double)[0]!.scoreCol)?.locked).not.toBe(false);

    const host = await score(double, definition);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    for (const n of names) expect(scores(double, n).length).toBeGreaterThan(3);
    expect(await protectionOf(names)).toEqual(before);
    expect(host.lastApply?.warnings).toEqual([]);
  }, 60_000);

  // The reference does not say what unprotect() without the password does on a sheet protected
  // with one: fail, or do nothing. The host is tried against both.
  for (const unprotectWithoutPassword of ["fails", "ignored"] as const) {
    describe(`when unprotect() without the password ${unprotectWithoutPassword === "fails" ? "fails" : "does nothing"}`, () => {
      test("a sheet protected with a password is left as it is and named in a warning; the other sheets are written", async () => {
        const { double, definition } = await layoutAWorkbook(4, { via: "insert", unprotectWithoutPassword, protection: (sheet) => (sheet === "Đơn vị số 2" ? "mật khẩu" : undefined) });
        const before = JSON.stringify([...double.sheet("Đơn vị số 2").cells]);
        const host = await score(double, definition);
        expect(scores(double, "Đơn vị số 2")).toEqual([]);
        expect(JSON.stringify([...double.sheet("Đơn vị số 2").cells])).toBe(before);
        for (const n of ["Đơn vị số 1", "Đơn vị số 3", "Đơn vị số 4"]) expect(scores(double, n).length).toBeGreaterThan(3);
        expect(host.lastApply?.skippedSheets).toEqual(["Đơn vị số 2"]);
        expect(host.lastApply?.warnings).toHaveLength(1);
        expect(host.lastApply!.warnings[0]!.vi).toContain("Trang 'Đơn vị số 2' được bảo vệ bằng mật khẩu");
        expect(host.lastApply!.warnings[0]!.en).toContain("The sheet 'Đơn vị số 2' is protected with a password");
        // Every sheet is protected afterwards, the password one still with its password.
        const after = await protectionOf(unitSheets(double).map((s) => s.name));
        expect(after.every((p) => p.protected)).toBe(true);
        expect(double.sheet("Đơn vị số 2").protection.password).not.toBeNull();
        // The results still list every unit.
        const results = double.workbook.tables.find((t) => t.name)!;
        expect(results.rows).toBe(5);
      }, 60_000);

      test("two sheets protected with passwords, the last ones, are both left as they are; the others are written, and the workbook is calculated", async () => {
        const locked = new Set(["Đơn vị số 3", "Đơn vị số 4"]);
        const { double, definition } = await layoutAWorkbook(4, { via: "insert", unprotectWithoutPassword, protection: (sheet) => (locked.has(sheet) ? `mật khẩu ${sheet}` : undefined) });
        const host = await score(double, definition);
        expect(host.lastApply?.skippedSheets).toEqual(["Đơn vị số 3", "Đơn vị số 4"]);
        expect(host.lastApply?.warnings.map((w) => w.en.slice(0, 44))).toEqual(["The sheet 'Đơn vị số 3' is protected with a ", "The sheet 'Đơn vị số 4' is protected with a "]);
        for (const n of locked) expect(scores(double, n)).toEqual([]);
        for (const n of ["Đơn vị số 1", "Đơn vị số 2"]) expect(scores(double, n).length).toBeGreaterThan(3);
        for (const s of unitSheets(double)) expect(double.sheet(s.name).protection.protected).toBe(true);
        expect(double.uncalculated()).toEqual([]);
      }, 60_000);
    });
  }

  test("protected forms take as many Excel requests as the same forms unprotected, and get the same scores", async () => {
    const a = await layoutAWorkbook(6, { via: "insert" });
    await score(a.double, a.definition);
    const b = await layoutAWorkbook(6, { via: "insert", protection: "none" });
    await score(b.double, b.definition);
    expect(b.double.sheet("Đơn vị số 1").protection.protected).toBe(false);
    expect(a.double.syncCount).toBe(b.double.syncCount);
    for (const n of unitSheets(a.double).map((s) => s.name)) expect(scores(a.double, n)).toEqual(scores(b.double, n));
  }, 60_000);

  test("when a write fails for another reason, the forms it unprotected are protected again before the error is reported", async () => {
    const { double } = await layoutAWorkbook(2, { via: "insert" });
    double.install();
    const host = new ExcelHost();
    const sheet = "Đơn vị số 1";
    const failing = host.apply({
      lang: "vi",
      owned: [{ name: "Kết quả", visibility: "visible", blocks: [{ address: "A1", values: [["Đơn vị"], ["A"]] }], tables: [{ name: "1 tên sai", range: "A1:A2", style: "TableStyleMedium2" }], conditionalFormats: [], charts: [] }],
      edits: [{ sheet, blocks: [{ address: "I9", values: [[5]] }] }],
      marks: [],
      clearMarks: [],
    });
    await expect(failing).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(double.sheet(sheet).protection.protected).toBe(true);
    expect(double.sheet(sheet).protection.options.allowFormatColumns).toBe(true);
  }, 30_000);
});
