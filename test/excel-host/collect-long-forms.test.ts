/**
 * Collecting into a workbook open in Excel whose forms are longer than the top the pane reads of
 * each sheet (its first 40 rows: the department sample's forms run to row 51). A form there with
 * nothing filled in its top is not known to be blank: what the pane says of it must not call it
 * filled, and where a decision depends on the rest of it (a filled form coming in for its unit,
 * whatever the letter case of the code; a form coming in for its code under another unit name)
 * it is read whole, in as many requests for many units as for few, and decided as the command line
 * decides it.
 */
import ExcelJS from "exceljs";
import { ExcelHost } from "../../src/hosts/excel";
import { collectFiles } from "../../src/hosts/xlsx/collect";
import { createExcelDouble } from "../excel-double";
import { departmentModel, templateBytes } from "./fixtures";

const { model } = departmentModel();

/** The value right of a header-block label ("Đơn vị", "Mã đơn vị") on a form. */
function blockCell(ws: ExcelJS.Worksheet, label: string): ExcelJS.Cell {
  for (let r = 1; r <= 10; r++) {
    for (let c = 1; c <= 4; c++) if (ws.getCell(r, c).value === label) return ws.getCell(r, c + 1);
  }
  throw new Error(`no ${label} on ${ws.name}`);
}

/** The template of `units` units with `change` made to it, as a unit sends it back. */
async function sentBack(units: number, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await templateBytes(model, units)) as never);
  change(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A figure typed into the first `Số liệu` cell of the form `sheet`: a filled form. */
function fill(wb: ExcelJS.Workbook, sheet: string): void {
  const ws = wb.getWorksheet(sheet)!;
  ws.eachRow((row, r) => row.eachCell((cell, c) => {
    if (cell.value === "Số liệu") ws.getCell(r + 2, c).value = 1;
  }));
}

/** `files` collected by the pane into the blank template of `units` units open in Excel, and by the command line into the same workbook as a file. */
async function collectBoth(units: number, files: { name: string; data: Uint8Array }[]) {
  const blank = await templateBytes(model, units);
  const double = createExcelDouble();
  await double.loadXlsx(blank);
  // The forms are longer than the top the pane reads of each sheet.
  expect(Math.max(...double.workbook.sheets.map((s) => Math.max(...[...s.cells.keys()].map((k) => Math.floor(k / 16384)))))).toBeGreaterThan(40);
  double.install();
  double.requests.length = 0;
  const pane = await new ExcelHost().insertWorkbooks(files.map((f) => ({ name: f.name, base64: Buffer.from(f.data).toString("base64") })), model);
  const requests = double.requests.length;
  const file = await collectFiles(files, blank, model);
  return { pane, requests, file, sheetNames: double.sheetNames() };
}

describe("collecting into a workbook of long forms open in Excel", () => {
  test("a unit's template sent back: its filled form replaces its blank one; the other units' blank forms are said to be left out for the forms there, not called filled", async () => {
    const run = async (units: number) => collectBoth(units, [{ name: "u1.xlsx", data: await sentBack(units, (wb) => fill(wb, "Đơn vị số 1")) }]);
    const three = await run(3);
    expect(three.pane.inserted).toEqual([{ file: "u1.xlsx", sheet: "Đơn vị số 1", as: "Đơn vị số 1", replaces: "Đơn vị số 1" }]);
    expect(three.pane.skipped.map((s) => [s.sheet, s.duplicate])).toEqual([
      ["Đơn vị số 2", "blank-form"],
      ["Đơn vị số 3", "blank-form"],
    ]);
    expect(three.pane.skipped[0]!.reason).toEqual({
      vi: "Trang tính 'Đơn vị số 2': phiếu trống (chưa điền số liệu); đơn vị mã U0002 đã có phiếu trong sổ tổng hợp (trang 'Đơn vị số 2') nên bỏ qua phiếu trống này.",
      en: "Sheet 'Đơn vị số 2': a blank form (nothing filled in); the unit with code U0002 already has a form in the consolidated workbook (sheet 'Đơn vị số 2'), so this blank one is left out.",
    });
    // The blank forms there are not said to be filled: the pane read their tops alone.
    for (const s of three.pane.skipped) {
      expect(s.reason.vi).not.toContain("phiếu đã điền");
      expect(s.reason.en).not.toMatch(/filled form/);
    }
    // The command line, reading the workbook whole, decides the same and knows those forms are blank.
    expect(three.file.report.take.map((t) => [t.file, t.sheet, t.as, t.replaces])).toEqual(three.pane.inserted.map((i) => [i.file, i.sheet, i.as, i.replaces]));
    expect(three.file.report.skipped.map((s) => s.reason.en)).toEqual([
      "Sheet 'Đơn vị số 2': a blank form (nothing filled in); the unit with code U0002 has no filled form yet and already has a blank one in the consolidated workbook, so this one is left out.",
      "Sheet 'Đơn vị số 3': a blank form (nothing filled in); the unit with code U0003 has no filled form yet and already has a blank one in the consolidated workbook, so this one is left out.",
    ]);
    // Reading the unit's form whole takes as many requests for eight units as for three.
    const eight = await run(8);
    expect(eight.pane.skipped).toHaveLength(7);
    expect(eight.requests).toBe(three.requests);
  }, 120_000);

  test("a filled form whose code is written in other letter case replaces its unit's long blank form, as on the command line", async () => {
    const sent = await sentBack(2, (wb) => {
      for (const name of ["Hướng dẫn", "Đơn vị số 2"]) wb.removeWorksheet(wb.getWorksheet(name)!.id);
      fill(wb, "Đơn vị số 1");
      blockCell(wb.getWorksheet("Đơn vị số 1")!, "Mã đơn vị").value = "u0001";
    });
    const { pane, file } = await collectBoth(2, [{ name: "u1.xlsx", data: sent }]);
    expect(pane.inserted).toEqual([{ file: "u1.xlsx", sheet: "Đơn vị số 1", as: "Đơn vị số 1", replaces: "Đơn vị số 1" }]);
    expect(pane.skipped).toEqual([]);
    expect(pane.warnings).toEqual(file.report.warnings);
    expect(pane.warnings.map((w) => w.en)).toEqual([expect.stringContaining("the unit code is written \"u0001\", which differs from the code U0001 only in letter case")]);
  }, 120_000);

  test("a blank form of a unit code under another unit name comes in, with the warning the command line gives, when the form there is blank", async () => {
    const sent = await sentBack(2, (wb) => {
      for (const name of ["Hướng dẫn", "Đơn vị số 1"]) wb.removeWorksheet(wb.getWorksheet(name)!.id);
      const ws = wb.getWorksheet("Đơn vị số 2")!;
      ws.name = "Trung tâm mới";
      blockCell(ws, "Đơn vị").value = "Trung tâm Dịch vụ mới";
    });
    const { pane, file, sheetNames } = await collectBoth(2, [{ name: "moi.xlsx", data: sent }]);
    expect(file.report.take.map((t) => t.as)).toEqual(["Trung tâm mới"]);
    expect(pane.inserted.map((i) => i.as)).toEqual(["Trung tâm mới"]);
    expect(sheetNames).toContain("Trung tâm mới");
    expect(pane.skipped).toEqual(file.report.skipped);
    expect(pane.warnings).toEqual(file.report.warnings);
    expect(pane.warnings.map((w) => w.en)).toEqual([expect.stringContaining("same code U0002 as unit \"Đơn vị số 2\"")]);
  }, 120_000);
});
