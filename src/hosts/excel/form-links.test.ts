/**
 * In Excel, as in the xlsx host, a scoring run points the instructions sheet's links to the forms
 * (`'Đơn vị số 2'!A1`, the template's table of units) at the sheet each form is on now, after a
 * person renamed it: only the project's link to a sheet no longer there changes, its text kept; a
 * link a person pointed at a web page stays, and so do the others. The links are read in the
 * write's first look-up (Range.hyperlink, ExcelApi 1.7) and set among its writes: no request more,
 * for 3 units as for 60. A template made by the project, opened in the Excel double.
 */
import { layoutAWorkbook, score } from "../../../test/excel-host/fixtures";
import type { ExcelDouble } from "../../../test/excel-double";
import type { MSheet } from "../../../test/excel-double/model";

const HELP = "Hướng dẫn";
const NOW = new Date("2026-01-15T08:00:00Z");

/** The instructions sheet's unit names (column B) with their links, by the unit's name as the template wrote it. */
function unitLinks(double: ExcelDouble): Map<string, { text: unknown; link: unknown }> {
  const help = double.sheet(HELP);
  const out = new Map<string, { text: unknown; link: unknown }>();
  for (const [k, c] of help.cells) if (k % 16384 === 1 && c.link) out.set(String(c.v), { text: c.v, link: c.link });
  return out;
}

/** The instructions sheet's cell (0-based row) holding unit name `name` in column B. */
function nameCell(help: MSheet, name: string): { row: number } {
  for (const [k, c] of help.cells) if (k % 16384 === 1 && c.v === name) return { row: Math.floor(k / 16384) };
  throw new Error(`no unit ${name} on the instructions sheet`);
}

/** The links as an add-in reads them through Office.js, by cell ("B17"). */
async function linksRead(double: ExcelDouble, cells: string[]): Promise<Record<string, Excel.RangeHyperlink | null>> {
  double.install();
  return Excel.run(async (ctx) => {
    const ranges = cells.map((c) => [c, ctx.workbook.worksheets.getItem(HELP).getRange(c).load("hyperlink")] as const);
    await ctx.sync();
    return Object.fromEntries(ranges.map(([c, r]) => [c, r.hyperlink]));
  });
}

describe("the instructions sheet's links to the forms in Excel, after forms were renamed", () => {
  test("the renamed form's link points at its sheet, its text kept; a link to a web page and the other links stay", async () => {
    const { double, definition } = await layoutAWorkbook(4);
    const help = double.sheet(HELP);
    const before = unitLinks(double);
    // The template links each unit's name to its form.
    expect(before.get("Đơn vị số 2")).toEqual({ text: "Đơn vị số 2", link: { documentReference: "'Đơn vị số 2'!A1" } });
    expect(before.size).toBe(4);
    // A person renames two forms, and points the link of the second of them at a web page.
    await double.userRenameSheet("Đơn vị số 2", "ĐV 2 (đã sửa)");
    await double.userRenameSheet("Đơn vị số 3", "ĐV 3");
    const third = nameCell(help, "Đơn vị số 3");
    help.cell(third.row, 1).link = { address: "https://so3.example.vn/", screenTip: "Cổng của đơn vị" };
    const host = await score(double, definition, NOW);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(host.lastApply?.skippedSheets).toEqual([]);
    const after = unitLinks(double);
    expect(after.get("Đơn vị số 2")).toEqual({ text: "Đơn vị số 2", link: { documentReference: "'ĐV 2 (đã sửa)'!A1" } });
    expect(after.get("Đơn vị số 3")).toEqual({ text: "Đơn vị số 3", link: { address: "https://so3.example.vn/", screenTip: "Cổng của đơn vị" } });
    expect(after.get("Đơn vị số 1")).toEqual(before.get("Đơn vị số 1"));
    expect(after.get("Đơn vị số 4")).toEqual(before.get("Đơn vị số 4"));
    // As Office.js reads them.
    const second = nameCell(help, "Đơn vị số 2");
    const read = await linksRead(double, [`B${second.row + 1}`, `B${third.row + 1}`]);
    expect(read).toEqual({
      [`B${second.row + 1}`]: { documentReference: "'ĐV 2 (đã sửa)'!A1", textToDisplay: "Đơn vị số 2" },
      [`B${third.row + 1}`]: { address: "https://so3.example.vn/", screenTip: "Cổng của đơn vị", textToDisplay: "Đơn vị số 3" },
    });
  });

  test("a link a person pointed at another sheet of theirs stays; one to another unit's form, or to a sheet gone, follows the form", async () => {
    const { double, definition } = await layoutAWorkbook(4);
    const help = double.sheet(HELP);
    double.addSheet("Ghi chép", [["Ghi chú của sở"]]);
    await double.userRenameSheet("Đơn vị số 1", "Một");
    await double.userRenameSheet("Đơn vị số 2", "Hai");
    await double.userRenameSheet("Đơn vị số 4", "Bốn");
    // Unit 1's link now goes to a sheet of the person's; unit 4's to unit 3's form; unit 2's to a sheet gone.
    help.cell(nameCell(help, "Đơn vị số 1").row, 1).link = { documentReference: "'Ghi chép'!A1" };
    help.cell(nameCell(help, "Đơn vị số 4").row, 1).link = { documentReference: "'Đơn vị số 3'!A1" };
    await score(double, definition, NOW);
    const after = unitLinks(double);
    expect(after.get("Đơn vị số 1")?.link).toEqual({ documentReference: "'Ghi chép'!A1" });
    expect(after.get("Đơn vị số 4")?.link).toEqual({ documentReference: "'Bốn'!A1" });
    expect(after.get("Đơn vị số 2")?.link).toEqual({ documentReference: "'Hai'!A1" });
    expect(after.get("Đơn vị số 3")?.link).toEqual({ documentReference: "'Đơn vị số 3'!A1" });
  });

  test("an instructions sheet protected without a password is unprotected for the links and protected again; with a password its links stay", async () => {
    for (const password of [undefined, "mat-khau"]) {
      const { double, definition } = await layoutAWorkbook(3);
      await double.userRenameSheet("Đơn vị số 2", "ĐV 2");
      double.install();
      await Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(HELP).protection.protect({}, password);
        await ctx.sync();
      });
      const host = await score(double, definition, NOW);
      expect(double.sheet(HELP).protection.protected).toBe(true);
      expect(host.lastApply?.skippedSheets).toEqual(password === undefined ? [] : [HELP]);
      expect(unitLinks(double).get("Đơn vị số 2")?.link).toEqual({ documentReference: password === undefined ? "'ĐV 2'!A1" : "'Đơn vị số 2'!A1" });
      // The results are written either way.
      expect(double.sheetNames()).toContain("Kết quả");
    }
  });

  test("on ExcelApi 1.7, the least the add-in runs on, the links follow; on an older Excel nothing runs and they stay", async () => {
    for (const ExcelApi of ["1.7", "1.6"]) {
      const { double, definition } = await layoutAWorkbook(3, { requirements: { ExcelApi } });
      await double.userRenameSheet("Đơn vị số 2", "ĐV 2");
      const run = score(double, definition, NOW);
      if (ExcelApi === "1.6") {
        await expect(run).rejects.toMatchObject({ code: "excel-too-old" });
        expect(unitLinks(double).get("Đơn vị số 2")?.link).toEqual({ documentReference: "'Đơn vị số 2'!A1" });
        continue;
      }
      await run;
      expect(double.requests.every((r) => r.ok)).toBe(true);
      expect(unitLinks(double).get("Đơn vị số 2")?.link).toEqual({ documentReference: "'ĐV 2'!A1" });
    }
  });

  test("pointing the links takes as many requests as a run with none to point or no links at all, for 3 units as for 60 (every form renamed)", async () => {
    const counts: Record<string, number> = {};
    for (const units of [3, 60]) {
      for (const variant of ["as made", "renamed", "no links"] as const) {
        const { double, definition } = await layoutAWorkbook(units);
        if (variant === "renamed") for (let u = 1; u <= units; u++) await double.userRenameSheet(`Đơn vị số ${u}`, `ĐV ${u} (đổi tên)`);
        // The links taken off the unit names (the names stay): the run finds none to point.
        if (variant === "no links") for (const c of double.sheet(HELP).cells.values()) delete c.link;
        double.resetCounters();
        await score(double, definition, NOW);
        expect(double.requests.every((r) => r.ok)).toBe(true);
        counts[`${units} ${variant}`] = double.syncCount;
        const links = unitLinks(double);
        expect(links.size).toBe(variant === "no links" ? 0 : units);
        if (variant === "no links") continue;
        for (let u = 1; u <= units; u++) {
          expect(links.get(`Đơn vị số ${u}`)?.link).toEqual({ documentReference: variant === "renamed" ? `'ĐV ${u} (đổi tên)'!A1` : `'Đơn vị số ${u}'!A1` });
        }
      }
    }
    // One count for all six runs.
    expect(new Set(Object.values(counts)).size).toBe(1);
  }, 180000);
});
