/**
 * A unit's filled form whose table header the unit edited ("Số liệu báo cáo", "Số liệu (*)", the
 * header translated): Collect takes it as the unit's form, in place of its blank one, and says at
 * its cell what to put back; scoring then says the same at that cell. Real workbooks: the
 * template written by `template`, gathered by the command line's host and by the pane's.
 */
import ExcelJS from "exceljs";
import { createExcelDouble } from "../../test/excel-double";
import { ExcelHost } from "../hosts/excel";
import { collectFiles } from "../hosts/xlsx/collect";
import { XlsxHost } from "../hosts/xlsx/host";
import { makeTemplate } from "../hosts/xlsx/template";
import { open, rowOf } from "../hosts/xlsx/test-workbooks";
import { findBuiltin } from "../indices";
import { detectLayoutA, isRoutineSkip, planCollect } from "./collect";
import { parseDefinition } from "./definition";
import { runScoring } from "./pipeline";
import type { CellValue, SheetSnapshot } from "./types";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;
const UNITS = [
  { code: "SYT", name: "Sở Y tế", category: "co-dvc" },
  { code: "SNV", name: "Sở Nội vụ", category: "co-dvc" },
  { code: "STC", name: "Sở Tài chính", category: "co-dvc" },
];

const blankTemplate = (): Promise<Uint8Array> => makeTemplate(model, UNITS, { lang: "vi" });

/** The cell of a sheet holding `text` (the first, row by row). */
function cellWith(ws: ExcelJS.Worksheet, text: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  ws.eachRow((row) => row.eachCell((cell) => void (found ??= cell.value === text ? cell : undefined)));
  if (!found) throw new Error(`no "${text}" on ${ws.name}`);
  return found;
}

/**
 * The template as Sở Nội vụ sends it back: its own form filled in (3.2 at 60%, which scores 6
 * points), the other units' forms blank; `change` then edits its form as the unit did.
 */
async function sentBack(change: (ws: ExcelJS.Worksheet) => void = () => {}): Promise<Uint8Array> {
  const wb = await open(await blankTemplate());
  const ws = wb.getWorksheet("Sở Nội vụ")!;
  ws.getCell(rowOf(ws, "3.2"), cellWith(ws, "Số liệu").col).value = 0.6;
  change(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const renamedValueHeader = (text: string) => (ws: ExcelJS.Worksheet) => void (cellWith(ws, "Số liệu").value = text);

async function scored(data: Uint8Array) {
  const host = await XlsxHost.fromBuffer(data, "tong-hop.xlsx");
  return runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test", write: false });
}

const SAID_VI =
  `Trang tính 'Sở Nội vụ' (tệp snv.xlsx), ô D8: phiếu của Sở Nội vụ (SNV) đã được chép vào sổ tổng hợp, nhưng tên cột "Số liệu báo cáo" ở dòng 8 không được nhận ra: cột số liệu phải có tên "Số liệu" (Value), nên số liệu của phiếu chưa đọc được và đơn vị chưa được chấm. Hãy sửa lại tên cột như phiếu mẫu (ô D8 trên trang 'Sở Nội vụ' của sổ tổng hợp) rồi chấm.`;
const SAID_EN =
  `Sheet 'Sở Nội vụ' (snv.xlsx), cell D8: the form of Sở Nội vụ (SNV) was copied into the consolidated workbook, but the column name "Số liệu báo cáo" in row 8 is not recognised: the value column must be named "Số liệu" (Value), so its figures cannot be read and the unit is not scored. Put back the template's column name (cell D8 on the sheet 'Sở Nội vụ' in the consolidated workbook), then score.`;

describe("a unit's form whose table header was edited", () => {
  it("comes in for the unit in place of its blank form, said at its cell; scoring names the cell, and scores the figures once the name is put back", async () => {
    const { data, report } = await collectFiles([
      { name: "phieu-trong.xlsx", data: await blankTemplate() },
      { name: "snv.xlsx", data: await sentBack(renamedValueHeader("Số liệu báo cáo")) },
    ]);
    // The unit's own form, not the blank one from the template: the unit is there with what it sent.
    expect(report.take.map((t) => [t.file, t.as])).toEqual([
      ["phieu-trong.xlsx", "Sở Y tế"],
      ["snv.xlsx", "Sở Nội vụ"],
      ["phieu-trong.xlsx", "Sở Tài chính"],
    ]);
    expect(report.skipped.filter((s) => s.kind === "not-a-form")).toEqual([]);
    expect(report.skipped.find((s) => s.file === "phieu-trong.xlsx" && s.sheet === "Sở Nội vụ")).toMatchObject({ kind: "duplicate", duplicate: "blank-form" });
    expect(report.warnings).toEqual([{ vi: SAID_VI, en: SAID_EN }]);

    const wb = await open(data);
    const ws = wb.getWorksheet("Sở Nội vụ")!;
    expect(ws.getCell("D8").value).toBe("Số liệu báo cáo");
    expect(ws.getCell(rowOf(ws, "3.2"), 4).value).toBe(0.6);

    // Scoring says what collect said, at D8, and does not rank the unit at 0 as if it sent nothing.
    const before = await scored(data);
    expect(before.table.units.map((u) => u.code).sort()).toEqual(["STC", "SYT"]);
    expect(before.issues.filter((i) => i.code === "layout-not-found").map((i) => [i.sheet, i.cell, i.unit])).toEqual([["Sở Nội vụ", "D8", "SNV"]]);

    // The column name put back on the consolidated workbook's copy: the unit's figures are scored.
    ws.getCell("D8").value = "Số liệu";
    const after = await scored(new Uint8Array(await wb.xlsx.writeBuffer()));
    const snv = after.table.units.find((u) => u.code === "SNV")!;
    expect(snv.nodes["3.2"]!.points).toBeCloseTo(6, 10);
  });

  it("takes the place of the unit's blank form already in the workbook gathered into; gathered again, a corrected form is left out for it, not added as a second sheet", async () => {
    const base = await blankTemplate();
    const first = await collectFiles([{ name: "snv.xlsx", data: await sentBack(renamedValueHeader("Số liệu (*)")) }], base);
    expect(first.report.take.map((t) => [t.as, t.replaces])).toEqual([["Sở Nội vụ", "Sở Nội vụ"]]);
    expect((await open(first.data)).worksheets.map((w) => w.name)).toEqual((await open(base)).worksheets.map((w) => w.name));
    expect(first.report.warnings.map((w) => w.vi)).toEqual([expect.stringContaining('ô D8: phiếu của Sở Nội vụ (SNV) đã được chép vào sổ tổng hợp, nhưng tên cột "Số liệu (*)" ở dòng 8 không được nhận ra')]);

    // The unit sends its form again with the header as the template has it: the workbook's copy
    // (filled, though not read) is the unit's, which collect does not write over.
    const again = await collectFiles([{ name: "snv-lan-2.xlsx", data: await sentBack() }], first.data);
    expect(again.report.take).toEqual([]);
    expect(again.report.skipped.filter((s) => !isRoutineSkip(s)).map((s) => [s.sheet, s.duplicate, s.kept])).toEqual([["Sở Nội vụ", "filled-in-workbook", "Sở Nội vụ"]]);
  });

  it("with the table's header row in English, says there is no header row the reader knows, in both languages", async () => {
    const translated = await sentBack((ws) => {
      const row = cellWith(ws, "Mã").row;
      ["Code", "Content", "Max points", "Figure", "Appraised figure", "Self score", "Evidence", "Notes", "Points"].forEach((t, c) => (ws.getCell(Number(row), c + 1).value = t));
    });
    const { report } = await collectFiles([{ name: "snv.xlsx", data: translated }], await blankTemplate());
    expect(report.take.map((t) => [t.as, t.replaces])).toEqual([["Sở Nội vụ", "Sở Nội vụ"]]);
    expect(report.warnings).toEqual([
      {
        vi: `Trang tính 'Sở Nội vụ' (tệp snv.xlsx), ô B1: phiếu của Sở Nội vụ (SNV) đã được chép vào sổ tổng hợp, nhưng phiếu không có dòng tiêu đề bảng với cột "Mã" (Code) và "Số liệu" (Value), nên số liệu của phiếu chưa đọc được và đơn vị chưa được chấm. Hãy sửa lại tên các cột ở dòng tiêu đề bảng như phiếu mẫu (trên trang 'Sở Nội vụ' của sổ tổng hợp) rồi chấm.`,
        en: `Sheet 'Sở Nội vụ' (snv.xlsx), cell B1: the form of Sở Nội vụ (SNV) was copied into the consolidated workbook, but the form has no table header row with "Code" (Mã) and "Value" (Số liệu) columns, so its figures cannot be read and the unit is not scored. Put back the template's column names in the table's header row (on the sheet 'Sở Nội vụ' in the consolidated workbook), then score.`,
      },
    ]);
  });

  it("comes into the workbook open in Excel as in file mode: in place of the blank form, with the same words", async () => {
    const base = await blankTemplate();
    const sent = await sentBack(renamedValueHeader("Số liệu báo cáo"));
    const double = createExcelDouble();
    await double.loadXlsx(base);
    const before = double.sheetNames();
    double.install();
    const report = await new ExcelHost().insertWorkbooks([{ name: "snv.xlsx", base64: Buffer.from(sent).toString("base64") }], model);
    expect(report.inserted).toEqual([{ file: "snv.xlsx", sheet: "Sở Nội vụ", as: "Sở Nội vụ", replaces: "Sở Nội vụ" }]);
    expect(double.sheetNames()).toEqual(before);
    expect(report.warnings).toEqual([{ vi: SAID_VI, en: SAID_EN }]);
    // The figures came in with it.
    const read = await new ExcelHost().read();
    const ws = read.sheets.find((s) => s.name === "Sở Nội vụ")!;
    expect(ws.values[7]![3]).toBe("Số liệu báo cáo");
    expect(ws.values.some((row) => row[0] === "3.2" && row[3] === 0.6)).toBe(true);
  });
});

describe("the pane's import into a workbook of blank forms longer than the top it reads of each sheet", () => {
  it("puts a unit's filled form in place of its blank form (read whole to be sure it is blank), as file mode does", async () => {
    const base = await blankTemplate();
    const sent = await sentBack();
    // The department template's forms run below row 40, the top the pane reads of each sheet.
    expect((await open(base)).getWorksheet("Sở Nội vụ")!.rowCount).toBeGreaterThan(40);
    const double = createExcelDouble();
    await double.loadXlsx(base);
    const before = double.sheetNames();
    double.install();
    const report = await new ExcelHost().insertWorkbooks([{ name: "snv.xlsx", base64: Buffer.from(sent).toString("base64") }], model);
    expect(report.inserted).toEqual([{ file: "snv.xlsx", sheet: "Sở Nội vụ", as: "Sở Nội vụ", replaces: "Sở Nội vụ" }]);
    expect(report.skipped.filter((s) => s.sheet === "Sở Nội vụ")).toEqual([]);
    expect(double.sheetNames()).toEqual(before);
    const file = await collectFiles([{ name: "snv.xlsx", data: sent }], base, model);
    expect(file.report.take.map((t) => [t.file, t.sheet, t.as, t.replaces])).toEqual(report.inserted.map((i) => [i.file, i.sheet, i.as, i.replaces]));
  });
});

describe("recognising a form whose table header was edited", () => {
  const sheet = (name: string, header: CellValue[]): SheetSnapshot => ({
    name,
    values: [["Đơn vị", "Sở Y tế"], ["Mã đơn vị", "SYT"], ["Nhóm", "co-dvc"], ["Bộ chỉ số", "dti-so-nganh-mau@mau-2023"], [], header, ["1.1", "Có kế hoạch", 10, 1]],
  });

  it("is a unit's form by its header block, with the cell the reader names", () => {
    expect(detectLayoutA(sheet("Y tế", ["Mã", "Nội dung", "Điểm tối đa", "Số liệu báo cáo"]))).toEqual({
      unitName: "Sở Y tế",
      unitCode: "SYT",
      category: "co-dvc",
      index: "dti-so-nganh-mau@mau-2023",
      headerRow: 6,
      unreadTable: { cell: "D6", header: { row: 6, missing: ["value"], unknown: { text: "Số liệu báo cáo", cell: "D6" }, cell: "D6", lang: "vi" } },
    });
    // A sheet without a form's header block is still no form.
    expect(detectLayoutA({ name: "Giải trình", values: [["Đơn vị giải trình thêm"], ["Số liệu", 5]] })).toBeNull();
  });

  it("naming the index in use by its name is taken, as the reader reads it", () => {
    const named = sheet("Y tế", ["Mã", "Nội dung", "Điểm tối đa", "Số liệu"]);
    named.values[3] = ["Bộ chỉ số", "Mẫu - Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh)"];
    const plan = planCollect([], [{ file: "a.xlsx", sheets: [named] }], model);
    expect(plan.skipped).toEqual([]);
    expect(plan.take.map((t) => t.sheet)).toEqual(["Y tế"]);
  });

  it("of another index is left out as such, not taken", () => {
    const other = sheet("Y tế", ["Mã", "Nội dung", "Điểm tối đa", "Số liệu (*)"]);
    other.values[3] = ["Bộ chỉ số", "dti-xa-mau@2024"];
    const plan = planCollect([], [{ file: "a.xlsx", sheets: [other] }], model);
    expect(plan.take).toEqual([]);
    expect(plan.skipped.map((s) => s.kind)).toEqual(["another-index"]);
    expect(plan.warnings).toEqual([]);
  });
});
