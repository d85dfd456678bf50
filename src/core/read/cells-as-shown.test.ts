/**
 * Cells read as the official sees them in Excel, from files other programs wrote:
 * - a formula whose result the file does not store (a program that writes .xlsx without
 *   calculating: `<f>` without `<v>`) is said as such wherever it is (the unit's name, code or
 *   category, a self score, evidence), with the formula and what to do, never as a blank cell, a
 *   text that is no number or missing evidence;
 * - a formula's whole number with the noise of binary arithmetic (=30*0.1 stores
 *   3.0000000000000004, shown as 3) is that whole number;
 * - "85%" typed into a count's cell formatted as a percentage is said as the 85% the cell shows;
 * - a number typed into a cell formatted as a time (0,5 shown as 12:00) is said as that number in
 *   a workbook of either date system.
 */
import ExcelJS from "exceljs";
import { parseDefinition } from "../definition";
import { runScoring } from "../pipeline";
import type { Issue } from "../types";
import { XlsxHost } from "../../hosts/xlsx/host";
import { loadXlsx, snapshotWorkbook } from "../../hosts/xlsx/read";
import { makeTemplate } from "../../hosts/xlsx/template";
import { findBuiltin } from "../../indices";
import { makeIssue } from "./messages";
import { readSubmissions } from "./read";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const definition = builtin.definition;
const parsed = parseDefinition(definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;
const UNIT = { code: "STC", name: "Sở Tài chính", category: "co-dvc" };

/** The template's form of UNIT, filled by `fill` (given the sheet, and the address of a code's cell in a column, or of a header field's value). */
async function form(
  fill: (ws: ExcelJS.Worksheet, at: (code: string, column: string) => string, field: (label: string) => string) => void,
  workbook: (wb: ExcelJS.Workbook) => void = () => undefined,
): Promise<{ data: Uint8Array; sheet: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await makeTemplate(model, [UNIT], { lang: "vi" })) as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => w.name.includes(UNIT.name))!;
  const columns = new Map<string, number>();
  const rows = new Map<string, number>();
  const fields = new Map<string, string>();
  let header = 0;
  ws.eachRow((r, n) => {
    r.eachCell((c, col) => {
      if (header === 0 && col === 1 && typeof c.value === "string") fields.set(c.value, ws.getCell(n, 2).address);
      if (header === 0 && c.value === "Số liệu") header = n;
      if (header === n && typeof c.value === "string") columns.set(c.value, col);
      if (header !== 0 && n > header && col === 1 && typeof c.value === "string") rows.set(c.value, n);
    });
  });
  fill(
    ws,
    (code, column) => ws.getCell(rows.get(code)!, columns.get(column)!).address,
    (label) => fields.get(label)!,
  );
  workbook(wb);
  return { data: new Uint8Array(await wb.xlsx.writeBuffer()), sheet: ws.name };
}

/** The file scored as the command line scores it (nothing written): its findings and results. */
async function score(data: Uint8Array) {
  const host = await XlsxHost.fromBuffer(data, "phieu.xlsx");
  return runScoring(host, { definition, lang: "vi", projectVersion: "test", write: false });
}

const at = (issues: Issue[], sheet: string, cell: string) => issues.filter((i) => i.sheet === sheet && i.cell === cell);

describe("a formula whose result the file does not store, outside the figures", () => {
  test("in the unit's code, name and category, a self score and evidence: said as such at each cell, and nothing else said of them", async () => {
    const cells: Record<string, string> = {};
    const { data, sheet } = await form((ws, cell, field) => {
      cells.name = field("Đơn vị");
      cells.code = field("Mã đơn vị");
      cells.category = field("Nhóm");
      cells.figure = cell("1.4", "Số liệu");
      cells.self = cell("1.4", "Tự chấm");
      cells.leader = cell("1.1", "Số liệu");
      cells.evidence = cell("1.1", "Minh chứng");
      // As a program that does not calculate writes them: the formula, no result.
      ws.getCell(cells.name).value = { formula: '"Sở "&"Tài chính"' } as ExcelJS.CellFormulaValue;
      ws.getCell(cells.code).value = { formula: '"S"&"TC"' } as ExcelJS.CellFormulaValue;
      ws.getCell(cells.category).value = { formula: '"co-"&"dvc"' } as ExcelJS.CellFormulaValue;
      ws.getCell(cells.self).value = { formula: "10+10" } as ExcelJS.CellFormulaValue;
      ws.getCell(cells.evidence).value = { formula: '"QĐ "&"12/QĐ-STC"' } as ExcelJS.CellFormulaValue;
      // 1.1 earns points (its evidence is required), 1.4 too.
      ws.getCell(cells.leader).value = "Giám đốc/Thủ trưởng đơn vị";
      ws.getCell(cells.figure).value = 4;
    });
    const { issues, submissions, table } = await score(data);

    const code = at(issues, sheet, cells.code!);
    expect(code.map((i) => [i.severity, i.code])).toEqual([["error", "excel-error"]]);
    expect(code[0]!.message.vi).toBe(
      `Trang tính '${sheet}', ô ${cells.code}: ô chứa công thức ="S"&"TC" nhưng tệp không lưu kết quả của nó (tệp do một chương trình không tính công thức tạo ra), nên chưa đọc được mã đơn vị; đơn vị được chấm theo tên "${sheet}", không có mã; hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi chấm điểm lại.`,
    );
    expect(code[0]!.message.en).toBe(
      `Sheet '${sheet}', cell ${cells.code}: the cell holds the formula ="S"&"TC" but the file does not store its result (a program that does not calculate formulas wrote it), so the unit code cannot be read; the unit is scored under its name, "${sheet}", without a code; open the file in Excel or LibreOffice, save it and score again.`,
    );

    // Not "the unit has no name": its name cannot be read, and the sheet's is used meanwhile.
    const name = at(issues, sheet, cells.name!);
    expect(name.map((i) => [i.severity, i.code])).toEqual([["warning", "excel-error"]]);
    expect(name[0]!.message.vi).toContain(`ô chứa công thức ="Sở "&"Tài chính" nhưng tệp không lưu kết quả của nó`);
    expect(name[0]!.message.vi).toContain(`nên chưa đọc được tên đơn vị; tạm dùng "${sheet}" thay cho tên; hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại`);
    expect(name[0]!.message.en).toContain(`so the unit's name cannot be read; "${sheet}" is used instead; open the file in Excel or LibreOffice, save it`);

    // Not "no unit category is given".
    const category = at(issues, sheet, cells.category!);
    expect(category.map((i) => [i.severity, i.code])).toEqual([["warning", "excel-error"]]);
    expect(category[0]!.message.vi).toContain(`ô chứa công thức ="co-"&"dvc" nhưng tệp không lưu kết quả của nó`);
    expect(category[0]!.message.en).toContain("so the unit category cannot be read; the unit is scored as belonging to no unit category");

    // Not '"" is not a number'.
    const self = at(issues, sheet, cells.self!);
    expect(self.map((i) => [i.severity, i.code, i.node])).toEqual([["warning", "excel-error", "1.4"]]);
    expect(self[0]!.message.vi).toBe(
      `Trang tính '${sheet}', ô ${cells.self}: ô chứa công thức =10+10 nhưng tệp không lưu kết quả của nó (tệp do một chương trình không tính công thức tạo ra), nên chưa đọc được điểm tự chấm (chỉ tiêu 1.4); hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi chấm điểm lại.`,
    );
    expect(self[0]!.message.en).toContain("so the self score cannot be read (indicator 1.4); open the file in Excel or LibreOffice");

    // Not "indicator 1.1 earns points but has no evidence".
    const evidence = at(issues, sheet, cells.evidence!);
    expect(evidence.map((i) => [i.severity, i.code, i.node])).toEqual([["warning", "excel-error", "1.1"]]);
    expect(evidence[0]!.message.vi).toContain(`ô chứa công thức ="QĐ "&"12/QĐ-STC" nhưng tệp không lưu kết quả của nó`);
    expect(evidence[0]!.message.vi).toContain("nên chưa đọc được minh chứng (chỉ tiêu 1.1); hãy mở tệp bằng Excel hoặc LibreOffice");
    expect(evidence[0]!.message.en).toContain("so the evidence cannot be read (indicator 1.1)");
    expect(issues.filter((i) => i.code === "evidence-missing" && i.node === "1.1")).toEqual([]);
    expect(issues.filter((i) => ["missing-unit-name", "missing-category", "not-a-number"].includes(i.code))).toEqual([]);

    // The unit is still scored, under the name it is known by, and its 1.1 still earns points.
    expect(submissions.map((s) => [s.code, s.name])).toEqual([["", sheet]]);
    expect(table.units[0]!.nodes["1.1"]!.points).toBeGreaterThan(0);
  });

  test("a table's row whose name is such a formula, without a code: said as unread, and the row not scored", () => {
    const reading = readSubmissions(model, {
      sheets: [
        {
          name: "Tổng hợp",
          values: [
            ["Mã đơn vị", "Đơn vị", "Nhóm", "1.4"],
            ["SYT", "Sở Y tế", "co-dvc", 4],
            [null, { error: "", formula: '=VLOOKUP(A3,DS!A:B,2,0)' }, "co-dvc", 3],
          ],
        },
      ],
    });
    expect(reading.submissions.map((s) => s.code)).toEqual(["SYT"]);
    const row = reading.issues.filter((i) => i.cell === "B3");
    expect(row.map((i) => [i.severity, i.code])).toEqual([["error", "excel-error"]]);
    expect(row[0]!.message.vi).toContain("nên chưa đọc được tên đơn vị; dòng cũng không có mã đơn vị đọc được nên không được chấm; hãy mở tệp bằng Excel");
    expect(row[0]!.message.en).toContain("so the unit's name cannot be read; the row has no readable unit code either, so it is not scored; open the file");
    expect(reading.issues.filter((i) => i.code === "missing-unit-name")).toEqual([]);
  });
});

describe("a whole number computed by a formula", () => {
  test("with the noise of binary arithmetic (=30*0.1 stores 3.0000000000000004) is the whole number it shows", async () => {
    let cell = "";
    const { data, sheet } = await form((ws, at) => {
      cell = at("1.4", "Số liệu");
      // As Excel stores =30*0.1 (the file's <v>3.0000000000000004</v>).
      ws.getCell(cell).value = { formula: "30*0.1", result: 3.0000000000000004 };
    });
    const { issues, submissions, table } = await score(data);
    expect(at(issues, sheet, cell)).toEqual([]);
    expect(submissions[0]!.values["1.4"]).toBe(3);
    // 3 meetings: 15 points (at least 3).
    expect(table.units[0]!.nodes["1.4"]!.points).toBe(15);
  });

  test("a figure that is no whole number at 15 significant digits is still refused", async () => {
    let cell = "";
    const { data, sheet } = await form((ws, at) => {
      cell = at("1.4", "Số liệu");
      ws.getCell(cell).value = 3.0000001;
    });
    const { issues } = await score(data);
    expect(at(issues, sheet, cell).map((i) => i.code)).toEqual(["not-an-integer"]);
  });
});

describe("a percentage typed into a whole number's cell formatted as a percentage", () => {
  test("is said as the percentage the cell shows, with the format to change first", async () => {
    let cell = "";
    const { data, sheet } = await form((ws, at) => {
      cell = at("1.4", "Số liệu");
      // "85%" typed into the cell: Excel formats it 0% and holds 0.85.
      ws.getCell(cell).value = 0.85;
      ws.getCell(cell).numFmt = "0%";
    });
    const { issues } = await score(data);
    const found = at(issues, sheet, cell);
    expect(found.map((i) => [i.severity, i.code])).toEqual([["error", "not-an-integer"]]);
    expect(found[0]!.message.vi).toBe(
      `Trang tính '${sheet}', ô ${cell}: ô hiện 85% (định dạng phần trăm), được hiểu là 0,85, không phải là số nguyên (chỉ tiêu 1.4); số liệu này không phải tỷ lệ phần trăm — nếu định ghi 85, hãy đổi định dạng ô sang "Số" (Number) rồi nhập 85.`,
    );
    expect(found[0]!.message.en).toBe(
      `Sheet '${sheet}', cell ${cell}: the cell shows 85% (formatted as a percentage), read as 0.85, which is not a whole number (indicator 1.4); this figure is not a percentage — if you meant 85, change the cell's format to Number and type 85.`,
    );
  });

  test("typed as text (\"85%\"), is quoted as typed, as before", async () => {
    let cell = "";
    const { data, sheet } = await form((ws, at) => {
      cell = at("1.4", "Số liệu");
      ws.getCell(cell).value = "85%";
    });
    const found = at((await score(data)).issues, sheet, cell);
    expect(found[0]!.message.vi).toContain(`"85%" được hiểu là 0,85, không phải là số nguyên (chỉ tiêu 1.4); số liệu này không phải tỷ lệ phần trăm — nếu định ghi 85 thì hãy nhập 85.`);
  });

  test("out of a figure's range: said as the percentage the cell shows", () => {
    const issue = makeIssue("error", "out-of-range", { sheet: "Sở A", cell: "D12", node: "2", raw: "0.5", rawNumber: 0.5, min: 1, notPercent: true, shownPercent: true, value: 0.5 });
    expect(issue.message.vi).toBe(
      `Trang tính 'Sở A', ô D12: ô hiện 50% (định dạng phần trăm), được hiểu là 0,5, nằm ngoài khoảng cho phép: số liệu phải từ 1 trở lên (chỉ tiêu 2); số liệu này không phải tỷ lệ phần trăm — nếu định ghi 50, hãy đổi định dạng ô sang "Số" (Number) rồi nhập 50.`,
    );
    expect(issue.message.en).toContain("the cell shows 50% (formatted as a percentage), read as 0.5, which is out of range: the value must be at least 1");
  });
});

describe("a number typed into a cell formatted as a time", () => {
  /** The not-a-number finding of 0,5 typed into 1.4's cell formatted h:mm, in a workbook of the 1904 date system or not. */
  async function finding(date1904: boolean): Promise<Issue> {
    let cell = "";
    const { data, sheet } = await form(
      (ws, at) => {
        cell = at("1.4", "Số liệu");
        ws.getCell(cell).value = 0.5;
        ws.getCell(cell).numFmt = "h:mm";
      },
      (wb) => {
        if (date1904) wb.properties.date1904 = true;
      },
    );
    const wb = await loadXlsx(data);
    expect(wb.properties.date1904 === true).toBe(date1904);
    const snapshot = snapshotWorkbook(wb, "phieu.xlsx");
    // ExcelJS reads the number as a date of the workbook's system.
    expect(snapshot.sheets.find((s) => s.name === sheet)!.values.flat()).toContain(date1904 ? "1904-01-01T12:00:00" : "1899-12-30T12:00:00");
    const { issues } = readSubmissions(model, snapshot, date1904 ? { date1904: true } : {});
    const found = at(issues, sheet, cell);
    expect(found.map((i) => i.code)).toEqual(["not-a-number"]);
    return found[0]!;
  }

  test("is said as the number typed, shown as 12:00, in a workbook of either date system", async () => {
    const of1900 = await finding(false);
    expect(of1900.message.vi).toContain("ô được định dạng giờ nên số 0,5 hiện thành 12:00 và không được đọc là số");
    const of1904 = await finding(true);
    expect(of1904.message).toEqual(of1900.message);
  });

  test("in the 1904 date system, a small number shown as a date is said as that number", () => {
    const issue = makeIssue("error", "not-a-number", { sheet: "Sở A", cell: "D12", node: "2", raw: "1904-01-04", date1904: true });
    expect(issue.message.vi).toContain("nên số 3 hiện thành 04/01/1904 và không được đọc là số");
    expect(issue.message.en).toContain("the number 3 shows as 4 Jan 1904");
    // A date of the form's years is a date typed, in either system.
    const typed = makeIssue("error", "not-a-number", { sheet: "Sở A", cell: "D12", node: "2", raw: "2025-03-04", date1904: true });
    expect(typed.message.vi).toContain("ô chứa ngày 04/03/2025 (ô được định dạng ngày tháng), không phải là số");
  });

  test("a yes/no cell showing a time of day names that time, not a date", () => {
    const issue = makeIssue("error", "not-a-boolean", { sheet: "Sở A", cell: "D12", node: "2", raw: "1899-12-30T12:00:00" });
    expect(issue.message.vi).toContain("giờ 12:00 không phải là câu trả lời có/không");
    expect(issue.message.en).toContain("the time 12:00 is not a yes/no answer");
    const day = makeIssue("error", "not-a-boolean", { sheet: "Sở A", cell: "D12", node: "2", raw: "2025-03-04T12:00:00" });
    expect(day.message.vi).toContain("ngày 04/03/2025 12:00 không phải là câu trả lời có/không");
  });
});
