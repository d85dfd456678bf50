/**
 * A unit's file with a sheet beside its filled form that starts as a form does: a notes or cover
 * sheet ("Giải trình" with Đơn vị, Mã đơn vị or Kỳ đánh giá at its top, then paragraphs), or an
 * older copy of the form whose table header the unit edited. The form whose table is read is the
 * unit's, whatever the order of the sheets: it is collected and scored; the other sheet is left
 * out, said plainly (never advising to delete the unit's form), and does not come into the
 * consolidated workbook, where scoring would take it for the unit's unread form. Real workbooks:
 * the template written by `template`, collected by the command line's host, then scored.
 */
import ExcelJS from "exceljs";
import { collectFiles } from "../hosts/xlsx/collect";
import { XlsxHost } from "../hosts/xlsx/host";
import { snapshotSheet } from "../hosts/xlsx/read";
import { makeTemplate } from "../hosts/xlsx/template";
import { edit, open, rowOf } from "../hosts/xlsx/test-workbooks";
import { findBuiltin } from "../indices";
import { detectLayoutA } from "./collect";
import { parseDefinition } from "./definition";
import { runScoring } from "./pipeline";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;
const UNITS = [
  { code: "SNV", name: "Sở Nội vụ", category: "co-dvc" },
  { code: "STC", name: "Sở Tài chính", category: "co-dvc" },
];

const blankTemplate = (): Promise<Uint8Array> => makeTemplate(model, UNITS, { lang: "vi", period: "Năm 2024" });

/** The top of a notes sheet: its labels and values, row by row from A1. */
type Top = [string, string][];
const WITH_CODE: Top = [
  ["Đơn vị", "Sở Nội vụ"],
  ["Mã đơn vị", "SNV"],
];
const WITH_PERIOD: Top = [
  ["Đơn vị", "Sở Nội vụ"],
  ["Kỳ đánh giá", "Năm 2024"],
];

/** A sheet put first in its workbook (ExcelJS writes the sheets in this order). */
function putFirst(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet): void {
  const others = wb.worksheets.filter((w) => w !== ws);
  [ws, ...others].forEach((w, i) => ((w as unknown as { orderNo: number }).orderNo = i));
}

/**
 * Sở Nội vụ's file: its own form, filled in (3.2 at 60%, which scores 6 points), the other unit's
 * form taken out, and a notes sheet "Giải trình" starting with `top`, then a paragraph; before its
 * form when `first`.
 */
async function withNotes(top: Top, first: boolean): Promise<Uint8Array> {
  return edit(await blankTemplate(), (wb) => {
    for (const w of [...wb.worksheets]) if (w.name !== "Sở Nội vụ") wb.removeWorksheet(w.id);
    const form = wb.getWorksheet("Sở Nội vụ")!;
    form.getCell(rowOf(form, "3.2"), 4).value = 0.6;
    const notes = wb.addWorksheet("Giải trình");
    top.forEach(([label, value], i) => {
      notes.getCell(i + 1, 1).value = label;
      notes.getCell(i + 1, 2).value = value;
    });
    notes.getCell("A4").value = "Giải trình bổ sung: chỉ tiêu 3.2 số liệu lấy theo báo cáo quý IV.";
    if (first) putFirst(wb, notes);
  });
}

async function scored(data: Uint8Array) {
  const host = await XlsxHost.fromBuffer(data, "tong-hop.xlsx");
  return runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test", write: false });
}

/** Collected with the blank template, then scored: the unit's own form is the one taken and scored. */
async function collectedAndScored(unitFile: Uint8Array) {
  const { data, report } = await collectFiles([
    { name: "phieu-trong.xlsx", data: await blankTemplate() },
    { name: "snv.xlsx", data: unitFile },
  ]);
  expect(report.take.map((t) => [t.file, t.sheet, t.as])).toEqual([
    ["snv.xlsx", "Sở Nội vụ", "Sở Nội vụ"],
    ["phieu-trong.xlsx", "Sở Tài chính", "Sở Tài chính"],
  ]);
  expect(report.warnings).toEqual([]);
  expect((await open(data)).worksheets.map((w) => w.name)).toEqual(["Sở Nội vụ", "Sở Tài chính"]);
  const result = await scored(data);
  const snv = result.table.units.find((u) => u.code === "SNV")!;
  expect(snv.nodes["3.2"]!.points).toBeCloseTo(6, 10);
  // Nothing says the unit's form is unread or missing: the notes did not come in.
  expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(result.issues.filter((i) => i.code === "layout-not-found")).toEqual([]);
  return report;
}

const NOTES_LEFT_OUT = {
  vi: `Trang tính 'Giải trình' không phải phiếu tự đánh giá: trang có phần đầu như phiếu của Sở Nội vụ (SNV) nhưng không có bảng chỉ tiêu (dòng tiêu đề Mã | Nội dung | Số liệu và các dòng chỉ tiêu), nên không được chép sang sổ tổng hợp; phiếu của đơn vị được lấy từ trang 'Sở Nội vụ' (tệp snv.xlsx). Nội dung của trang (ví dụ phần giải trình) vẫn còn trong tệp snv.xlsx.`,
  en: `Sheet 'Giải trình' is not a self-assessment form: it starts as a form of Sở Nội vụ (SNV) does but has no table of indicators (a Code | Item | Value header row and the indicators' rows), so it was not copied into the consolidated workbook; the unit's form was taken from sheet 'Sở Nội vụ' (snv.xlsx). What it holds (notes, say) is still in snv.xlsx.`,
};

describe("a unit's notes sheet that starts as its form does", () => {
  it("placed before the unit's filled form: the form is taken and scored, the notes left out and said, not taken as the form", async () => {
    const file = await withNotes(WITH_CODE, true);
    expect((await open(file)).worksheets.map((w) => w.name)).toEqual(["Giải trình", "Sở Nội vụ"]);
    const report = await collectedAndScored(file);
    expect(report.skipped.filter((s) => s.file === "snv.xlsx")).toEqual([{ file: "snv.xlsx", sheet: "Giải trình", kind: "not-a-form", reason: NOTES_LEFT_OUT }]);
  });

  it("placed after the form: left out with the same words, which never advise deleting the unit's form", async () => {
    const file = await withNotes(WITH_CODE, false);
    expect((await open(file)).worksheets.map((w) => w.name)).toEqual(["Sở Nội vụ", "Giải trình"]);
    const report = await collectedAndScored(file);
    const notes = report.skipped.filter((s) => s.file === "snv.xlsx");
    expect(notes).toEqual([{ file: "snv.xlsx", sheet: "Giải trình", kind: "not-a-form", reason: NOTES_LEFT_OUT }]);
    expect(notes[0]!.reason.vi).not.toContain("xóa");
    expect(notes[0]!.reason.en).not.toContain("delete");
  });

  it("with only Đơn vị and Kỳ đánh giá at its top: not copied, so scoring does not take it for the unit's unread form", async () => {
    const report = await collectedAndScored(await withNotes(WITH_PERIOD, false));
    expect(report.skipped.filter((s) => s.file === "snv.xlsx").map((s) => [s.sheet, s.kind, s.reason.vi])).toEqual([
      ["Giải trình", "not-a-form", expect.stringContaining("trang có phần đầu như phiếu của Sở Nội vụ nhưng không có bảng chỉ tiêu")],
    ]);
  });

  it("is no form when read on its own, whatever its top holds", async () => {
    for (const top of [WITH_CODE, WITH_PERIOD]) {
      const wb = await open(await withNotes(top, true));
      expect(detectLayoutA(snapshotSheet(wb.getWorksheet("Giải trình")!))).toBeNull();
      expect(detectLayoutA(snapshotSheet(wb.getWorksheet("Sở Nội vụ")!))).toMatchObject({ unitCode: "SNV", unitName: "Sở Nội vụ" });
    }
  });
});

describe("an older copy of a unit's form whose table header was edited, beside the form whose table is read", () => {
  /** Sở Nội vụ's file: its form (3.2 at 60%) and an older copy "Bản cũ" with D8 renamed and 3.2 at 10%, that one first when `oldFirst`. */
  async function withOldCopy(oldFirst: boolean): Promise<Uint8Array> {
    return edit(await blankTemplate(), (wb) => {
      for (const w of [...wb.worksheets]) if (w.name !== "Sở Nội vụ") wb.removeWorksheet(w.id);
      const form = wb.getWorksheet("Sở Nội vụ")!;
      const old = wb.addWorksheet("Bản cũ");
      form.eachRow({ includeEmpty: true }, (row, r) => row.eachCell({ includeEmpty: true }, (cell, c) => (old.getCell(r, c).value = cell.value)));
      form.getCell(rowOf(form, "3.2"), 4).value = 0.6;
      old.getCell(rowOf(old, "3.2"), 4).value = 0.1;
      old.getCell("D8").value = "Số liệu báo cáo";
      if (oldFirst) putFirst(wb, old);
    });
  }

  it.each([
    ["before", true],
    ["after", false],
  ])("placed %s it: the form read is taken and scored; the copy is left out, said plainly", async (_where, oldFirst) => {
    const file = await withOldCopy(oldFirst);
    expect((await open(file)).worksheets.map((w) => w.name)).toEqual(oldFirst ? ["Bản cũ", "Sở Nội vụ"] : ["Sở Nội vụ", "Bản cũ"]);
    const { data, report } = await collectFiles([
      { name: "phieu-trong.xlsx", data: await blankTemplate() },
      { name: "snv.xlsx", data: file },
    ]);
    expect(report.take.map((t) => [t.file, t.sheet, t.as])).toEqual([
      ["snv.xlsx", "Sở Nội vụ", "Sở Nội vụ"],
      ["phieu-trong.xlsx", "Sở Tài chính", "Sở Tài chính"],
    ]);
    // Not said to be copied with its header to put back: it was not copied.
    expect(report.warnings).toEqual([]);
    expect(report.skipped.filter((s) => s.file === "snv.xlsx")).toEqual([
      {
        file: "snv.xlsx",
        sheet: "Bản cũ",
        kind: "duplicate",
        duplicate: "unread-table",
        kept: "Sở Nội vụ",
        reason: {
          vi: `Trang tính 'Bản cũ': có phần đầu phiếu của đơn vị mã SNV nhưng bảng không đọc được (không có dòng tiêu đề với cột "Mã" (Code) và "Số liệu" (Value)); đơn vị mã SNV đã có phiếu đọc được, lấy từ tệp snv.xlsx (trang 'Sở Nội vụ'), nên trang này không được chép sang sổ tổng hợp. Nội dung của trang vẫn còn trong tệp snv.xlsx.`,
          en: `Sheet 'Bản cũ': it has the header of a form of the unit with code SNV, but a table that cannot be read (no header row with "Code" (Mã) and "Value" (Số liệu) columns); the unit with code SNV already has a form that can be read, taken from snv.xlsx (sheet 'Sở Nội vụ'), so this sheet was not copied into the consolidated workbook. What it holds is still in snv.xlsx.`,
        },
      },
    ]);
    expect((await open(data)).worksheets.map((w) => w.name)).toEqual(["Sở Nội vụ", "Sở Tài chính"]);
    const result = await scored(data);
    expect(result.table.units.find((u) => u.code === "SNV")!.nodes["3.2"]!.points).toBeCloseTo(6, 10);
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("alone (no form of the unit read): still taken in place of the unit's blank form, with the cell to put back", async () => {
    const only = await edit(await withOldCopy(true), (wb) => wb.removeWorksheet(wb.getWorksheet("Sở Nội vụ")!.id));
    const { report } = await collectFiles([{ name: "snv.xlsx", data: only }], await blankTemplate());
    expect(report.take.map((t) => [t.sheet, t.as, t.replaces])).toEqual([["Bản cũ", "Sở Nội vụ", "Sở Nội vụ"]]);
    expect(report.warnings.map((w) => w.vi)).toEqual([expect.stringContaining(`ô D8: phiếu của Sở Nội vụ (SNV) đã được chép vào sổ tổng hợp, thành trang 'Sở Nội vụ', nhưng tên cột "Số liệu báo cáo"`)]);
  });
});

describe("scoring a workbook that holds a unit's notes sheet beside its form (not collected: the unit's own file)", () => {
  it.each([
    ["before", true],
    ["after", false],
  ])("placed %s the form: the form is scored and the notes are not called an unread form", async (_where, first) => {
    for (const top of [WITH_CODE, WITH_PERIOD]) {
      const result = await scored(await withNotes(top, first));
      expect(result.table.units.find((u) => u.code === "SNV")!.nodes["3.2"]!.points).toBeCloseTo(6, 10);
      expect(result.issues.filter((i) => i.code === "layout-not-found")).toEqual([]);
      expect(result.issues.filter((i) => i.sheet === "Giải trình")).toEqual([]);
    }
  });

  it("a notes sheet of a unit whose form is not in the workbook is still said, at its header block", async () => {
    const file = await edit(await withNotes(WITH_CODE, false), (wb) => {
      const notes = wb.getWorksheet("Giải trình")!;
      notes.getCell("B1").value = "Sở Tài chính";
      notes.getCell("B2").value = "STC";
    });
    const result = await scored(file);
    expect(result.issues.filter((i) => i.code === "layout-not-found").map((i) => [i.sheet, i.cell, i.unit])).toEqual([["Giải trình", "B1", "STC"]]);
  });
});
