/**
 * A unit's form deleted from a scored workbook, in Excel: the formulas the last run wrote that read
 * it (`_index`'s flag of the form's figures, which the results sheet's subtitle counts) are
 * rewritten by Excel to read #REF! and stay so, even once a sheet of that name is there again (a
 * copy of the form put back under its name). The flag catches the error: the results say a unit's
 * figures changed since the scoring. Scored again, the workbook holds no #REF! and no error value:
 * the form gone is a unit fewer, the form put back is scored as it is.
 */
import { runScoring } from "../../src/core/pipeline";
import { INDEX_SHEET } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");
const later = new Date("2026-02-20T09:30:00Z");

async function score(double: ExcelDouble, definition: unknown, at: Date) {
  double.install();
  const host = new ExcelHost();
  const result = await runScoring(host, { definition, lang: "vi", projectVersion: "test", now: at });
  return { result, warnings: host.lastApply?.warnings ?? [] };
}

/** The formulas of the workbook that name `text`, as `sheet: formula`. */
function formulasNaming(double: ExcelDouble, text: string): string[] {
  return double.workbook.sheets.flatMap((s) => [...s.cells.values()].flatMap((c) => (c.f !== undefined && c.f.includes(text) ? [`${s.name}: ${c.f}`] : [])));
}

/** The cells of the workbook that show an error value. */
function errorCells(double: ExcelDouble): string[] {
  return double.workbook.sheets.flatMap((s) => [...s.cells.values()].flatMap((c) => (c.t === "Error" ? [`${s.name}: ${c.f ?? ""} = ${String(c.v)}`] : [])));
}

const subtitle = (double: ExcelDouble) => double.cell("'Kết quả'!A2")?.v;
const ONE_CHANGED = "Số liệu của 1 sở, ban, ngành đã được sửa sau lần chấm ngày 15/01/2026: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.";

describe("a unit's form deleted from a scored workbook (Excel)", () => {
  test.each([
    ["deleted", false],
    ["deleted, then a copy of it put back under its name", true],
  ] as const)("%s: the formulas that read it show #REF! and the results say a unit changed; scored again, no #REF! is left", async (_what, putBack) => {
    const { double, definition } = await layoutAWorkbook(3);
    await score(double, definition, now);
    expect(formulasNaming(double, "'Đơn vị số 2'!").length).toBeGreaterThan(0);
    expect(formulasNaming(double, "#REF!")).toEqual([]);
    // A copy made before, the form deleted, the copy given its name back.
    if (putBack) await double.userAddSheet("Bản sao", [], "Đơn vị số 2");
    await double.userDeleteSheet("Đơn vị số 2");
    if (putBack) await double.userRenameSheet("Bản sao", "Đơn vị số 2");
    // Excel does not point them at the sheet of that name again: they read #REF!, which `_index`'s flag catches.
    expect(formulasNaming(double, "'Đơn vị số 2'!")).toEqual([]);
    const broken = formulasNaming(double, "#REF!");
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.every((f) => f.startsWith(`${INDEX_SHEET}: =IFERROR(`))).toBe(true);
    expect(errorCells(double)).toEqual([]);
    expect(subtitle(double)).toBe(ONE_CHANGED);

    double.resetCounters();
    const { result, warnings } = await score(double, definition, later);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(warnings).toEqual([]);
    expect(result.table.units.map((u) => u.name).sort()).toEqual(putBack ? ["Đơn vị số 1", "Đơn vị số 2", "Đơn vị số 3"] : ["Đơn vị số 1", "Đơn vị số 3"]);
    expect(formulasNaming(double, "#REF!")).toEqual([]);
    expect(errorCells(double)).toEqual([]);
    expect(formulasNaming(double, "'Đơn vị số 2'!").length > 0).toBe(putBack);
    expect(subtitle(double)).toBe(`Chấm điểm ngày 20/02/2026 bằng DTI Scorer test; ${putBack ? 3 : 2} sở, ban, ngành. Chương trình ghi lại bảng này (cả số liệu lẫn định dạng) ở mỗi lần tính: đừng sửa số liệu hay định dạng trong bảng; cột và ghi chú bạn thêm được giữ lại.`);
  });
});
