/**
 * Scoring again in Excel after the user inserted rows into unit forms (Range.insert, as Excel's
 * Insert > Sheet Rows does): `_index` holds the addresses of the last run, yet nothing the user
 * typed or coloured changes, no summary is left twice, and each issue mark is removed from the cell
 * its note went to, in as many requests as a run without inserted rows.
 */
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

async function score(double: ExcelDouble, definition: unknown) {
  double.install();
  return runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
}

/** The user inserts whole rows (e.g. "1:2") above the given ones. */
async function insertRows(double: ExcelDouble, sheet: string, rows: string): Promise<void> {
  double.install();
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(sheet).getRange(rows).insert("Down");
    await ctx.sync();
  });
}

/** Addresses of the cells of a sheet that show a value. */
function cellsShowing(double: ExcelDouble, sheet: string, value: unknown): string[] {
  const s = double.sheet(sheet);
  return [...s.cells]
    .filter(([, c]) => c.v === value)
    .map(([k]) => `${String.fromCharCode(65 + (k % 16384))}${Math.floor(k / 16384) + 1}`)
    .sort();
}

function notesOn(double: ExcelDouble, sheet: string): string[] {
  return double.workbook.notes
    .filter((n) => n.sheet.name === sheet)
    .map((n) => `${String.fromCharCode(65 + n.col)}${n.row + 1}`)
    .sort();
}

const ONE = "Đơn vị số 1";
const TWO = "Đơn vị số 2";

describe("scoring again in Excel after the user inserted rows", () => {
  test("the user's text in the inserted rows stays, the summary is rewritten where it moved and is not left twice", async () => {
    const { double, definition } = await layoutAWorkbook(3, { protection: "none" });
    await score(double, definition);
    expect(cellsShowing(double, ONE, "Tổng điểm")).toEqual(["D1"]);
    expect(double.value(`'${TWO}'!I8`)).toBe("Điểm");
    expect(typeof double.value(`'${TWO}'!I9`)).toBe("number");

    await insertRows(double, ONE, "1:2");
    double.setCells(ONE, "A1", [["Tiêu đề riêng", null, null, "Người lập: An", "Ngày: 1/12"], [null, null, null, "D2 của tôi", "E2 của tôi"]]);
    await insertRows(double, TWO, "9:9");
    double.setCells(TWO, "B9", [["Dòng thêm", null, null, null, null, null, null, "ô I của người dùng"]]);

    await score(double, definition);
    expect(double.grid(`'${ONE}'!D1:E2`)).toEqual([["Người lập: An", "Ngày: 1/12"], ["D2 của tôi", "E2 của tôi"]]);
    expect(double.value(`'${ONE}'!A1`)).toBe("Tiêu đề riêng");
    expect(cellsShowing(double, ONE, "Tổng điểm")).toEqual(["D3"]);
    expect(cellsShowing(double, ONE, "Hạng")).toEqual(["D4"]);
    expect(typeof double.value(`'${ONE}'!E3`)).toBe("number");
    expect(double.value(`'${TWO}'!I9`)).toBe("ô I của người dùng");
    expect(typeof double.value(`'${TWO}'!I10`)).toBe("number");
    expect(double.requests.every((r) => r.ok)).toBe(true);
  });

  test("a mark moved by inserted rows is cleared where its note went, and the cell now at the recorded address keeps the user's fill", async () => {
    const { double, definition } = await layoutAWorkbook(3, { protection: "none" });
    const first = await score(double, definition);
    expect(first.issues.filter((i) => i.sheet === ONE).map((i) => [i.code, i.cell])).toEqual([["missing-input", "D11"]]);
    expect(notesOn(double, ONE)).toEqual(["D11"]);
    const marked = double.cell(`'${ONE}'!D11`)?.fill;

    // A row inserted above the marked cell: mark and note move to D12; D11 now holds the row above, which the user colours.
    await insertRows(double, ONE, "9:9");
    double.sheet(ONE).cell(10, 3).fill = "#00B0F0";
    expect(notesOn(double, ONE)).toEqual(["D12"]);

    // The "clear marks" button: the moved mark goes, the user's colour stays.
    double.install();
    await new ExcelHost().clearMarks();
    expect(notesOn(double, ONE)).toEqual([]);
    // The moved mark's cell gets its own fill back: the form's input shading.
    expect(double.cell(`'${ONE}'!D12`)?.fill).toBe("#FFF2CC");
    expect(double.cell(`'${ONE}'!D11`)?.fill).toBe("#00B0F0");
    // The other units' marks, which did not move, go too.
    expect(notesOn(double, TWO)).toEqual([]);
    expect(double.cell(`'${TWO}'!D11`)?.fill).toBe("#FFF2CC");

    // Scored again: the issue is marked where it is now, once, and the user's colour still stays.
    const again = await score(double, definition);
    expect(again.issues.filter((i) => i.sheet === ONE).map((i) => [i.code, i.cell])).toEqual([["missing-input", "D12"]]);
    expect(notesOn(double, ONE)).toEqual(["D12"]);
    expect(double.cell(`'${ONE}'!D12`)?.fill).toBe(marked);
    expect(double.cell(`'${ONE}'!D11`)?.fill).toBe("#00B0F0");
  });

  test("a second scoring run after the insert replaces the moved mark instead of leaving a copy, in as many requests as without the insert", async () => {
    const { double, definition } = await layoutAWorkbook(3, { protection: "none" });
    await score(double, definition);
    await insertRows(double, ONE, "1:3");
    double.sheet(ONE).cell(10, 3).fill = "#00B0F0"; // D11 now holds the table header's Số liệu cell: the user colours it
    double.resetCounters();
    await score(double, definition);
    expect(notesOn(double, ONE)).toEqual(["D14"]);
    expect(double.cell(`'${ONE}'!D11`)?.fill).toBe("#00B0F0");
    expect(double.requests.every((r) => r.ok)).toBe(true);
    // The same workbook scored twice without inserted rows takes as many requests.
    const plain = await layoutAWorkbook(3, { protection: "none" });
    await score(plain.double, plain.definition);
    plain.double.resetCounters();
    await score(plain.double, plain.definition);
    expect(double.syncCount).toBe(plain.double.syncCount);
  });

  test("on Excel without notes the marks are comments, found by their location just the same", async () => {
    const { double, definition } = await layoutAWorkbook(3, { protection: "none", requirements: { ExcelApi: "1.10" } });
    await score(double, definition);
    expect(double.workbook.comments.filter((c) => c.sheet.name === ONE).map((c) => [c.row, c.col])).toEqual([[10, 3]]);
    await insertRows(double, ONE, "9:9");
    double.sheet(ONE).cell(10, 3).fill = "#00B0F0";
    double.install();
    await new ExcelHost().clearMarks();
    expect(double.workbook.comments).toEqual([]);
    // The moved mark's cell gets its own fill back: the form's input shading.
    expect(double.cell(`'${ONE}'!D12`)?.fill).toBe("#FFF2CC");
    expect(double.cell(`'${ONE}'!D11`)?.fill).toBe("#00B0F0");
  });
});
