/**
 * A table of units that is not read: a header row naming the units' column but no column by an
 * input code of the index ("Đơn vị | Nhóm | 1.3 | 1.2 | 6", "country | le_2022"). Said at that
 * row, naming the unit column found, the columns that match no input code and the input codes the
 * columns must be named by; never said to be typed in an old encoding (TCVN3) when its labels are
 * Unicode, while a header typed in TCVN3 still is.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import { XlsxHost } from "../../hosts/xlsx/host";
import { findBuiltin } from "../../indices";
import type { CellValue, WorkbookSnapshot } from "../types";
import { csvToSnapshot } from "./csv";
import { readSubmissions } from "./read";
import { sampleModel } from "./fixtures";

jest.setTimeout(30_000);

function builtin(id: string): IndexModel {
  const parsed = parseDefinition(findBuiltin(id)!.definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

/** A workbook of these sheets written with ExcelJS and read back as the file host reads it. */
async function xlsx(sheets: [string, CellValue[][]][]): Promise<WorkbookSnapshot> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of sheets) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "tong-hop.xlsx");
  return host.read();
}

const department = builtin("dti-so-nganh-mau");
const DEPARTMENT_INPUTS = "1.1, 1.2.a, 1.2.b, 1.3.a, 1.3.b, 1.4, …";

describe("a header row in Unicode with the unit's column and codes of groups or indicators, but no input code", () => {
  test("in a CSV file: said at its row and cell, with its columns and the input codes; never said to be TCVN3", () => {
    const read = readSubmissions(department, csvToSnapshot("Đơn vị,Nhóm,1.3,1.2,6\nSở A,co-dvc,0.8,Có,5\n", "ind", "ind.csv"));
    expect(read.submissions).toEqual([]);
    expect(read.issues.map((i) => [i.severity, i.code, i.sheet, i.cell])).toEqual([["error", "layout-not-found", "ind", "A1"]]);
    const { vi, en } = read.issues[0]!.message;
    expect(vi).toBe(
      `Tệp ind.csv, dòng 1: đã tìm thấy cột đơn vị "Đơn vị" nhưng không cột nào mang mã số liệu của bộ chỉ số: các cột "1.3", "1.2", "6" không khớp mã số liệu nào (1.3, 1.2 và 6 là mã của chỉ tiêu hoặc nhóm chỉ tiêu, không phải mã số liệu), nên chưa đơn vị nào trong tệp được chấm; hãy đặt tên mỗi cột số liệu bằng một mã số liệu của bộ chỉ số (${DEPARTMENT_INPUTS}), như "1.1" hoặc "1.1 – tên số liệu".`,
    );
    expect(en).toBe(
      `File ind.csv, row 1: the unit column "Đơn vị" was found, but no column is named by an input code of the index: the columns "1.3", "1.2", "6" match no input code (1.3, 1.2 and 6 are codes of indicators or groups, not of an input), so no unit in the file is scored; name each figure column by one of the index's input codes (${DEPARTMENT_INPUTS}), as "1.1" or "1.1 – its name".`,
    );
    expect(vi).not.toContain("bảng mã cũ");
    expect(en).not.toContain("TCVN3");
  });

  test("in a sheet of a workbook (codes as numbers): said at its sheet, row and cell, never said to be TCVN3", async () => {
    const snapshot = await xlsx([["Tổng hợp", [["Báo cáo chuyển đổi số năm 2024"], ["Đơn vị", "Nhóm", 1, 2, 3], ["Sở A", "co-dvc", 0.8, "Có", 5]]]]);
    const read = readSubmissions(department, snapshot);
    expect(read.issues.map((i) => [i.severity, i.code, i.sheet, i.cell])).toEqual([["error", "layout-not-found", "Tổng hợp", "A2"]]);
    expect(read.issues[0]!.message.vi).toBe(
      `Trang tính 'Tổng hợp', dòng 2: đã tìm thấy cột đơn vị "Đơn vị" nhưng không cột nào mang mã số liệu của bộ chỉ số: các cột "1", "2", "3" không khớp mã số liệu nào (1, 2 và 3 là mã của chỉ tiêu hoặc nhóm chỉ tiêu, không phải mã số liệu), nên trang tính này chưa được chấm; hãy đặt tên mỗi cột số liệu bằng một mã số liệu của bộ chỉ số (${DEPARTMENT_INPUTS}), như "1.1" hoặc "1.1 – tên số liệu".`,
    );
    expect(read.issues[0]!.message.en).toMatch(/^Sheet 'Tổng hợp', row 2: the unit column "Đơn vị" was found, but no column is named by an input code of the index: the columns "1", "2", "3" match no input code .*, so the sheet is not scored;/);
    expect(read.issues[0]!.message.vi).not.toContain("bảng mã cũ");
  });

  test("one column by an indicator's code, or by no code of the index", () => {
    const one = readSubmissions(department, csvToSnapshot("Đơn vị,1.3\nSở A,1\n", "a", "a.csv")).issues;
    expect(one.map((i) => [i.code, i.cell])).toEqual([["layout-not-found", "A1"]]);
    expect(one[0]!.message.vi).toContain('Tệp a.csv, dòng 1: đã tìm thấy cột đơn vị "Đơn vị" nhưng không cột nào mang mã số liệu của bộ chỉ số: cột "1.3" không khớp mã số liệu nào (1.3 là mã của chỉ tiêu hoặc nhóm chỉ tiêu, không phải mã số liệu), nên');
    expect(one[0]!.message.en).toContain('the column "1.3" matches no input code (1.3 is the code of an indicator or a group, not of an input), so');
    const none = readSubmissions(department, csvToSnapshot("Đơn vị,Nhóm,9.9\nSở A,co-dvc,1\n", "b", "b.csv")).issues;
    expect(none.map((i) => [i.code, i.cell])).toEqual([["layout-not-found", "A1"]]);
    // The category's column is the table's, not one that matches nothing.
    expect(none[0]!.message.vi).toContain(': cột "9.9" không khớp mã số liệu nào, nên chưa đơn vị nào trong tệp được chấm; hãy đặt tên');
    expect(none[0]!.message.vi).not.toContain("Nhóm");
    // A list of units alone (code, name, category: no other column) is no table of figures: the file has none.
    const alone = readSubmissions(department, csvToSnapshot("Mã đơn vị,Đơn vị,Nhóm\nSYT,Sở Y tế,co-dvc\n", "dv", "dv.csv")).issues;
    expect(alone.map((i) => [i.code, i.sheet, i.cell])).toEqual([["layout-not-found", undefined, undefined]]);
    expect(alone[0]!.message.vi).toMatch(/^Tệp dv\.csv không có bảng tổng hợp: cần một dòng tiêu đề có cột "Đơn vị" và các cột mang mã số liệu/);
  });

  test("the HDI's country column beside columns of several years (the published time series): a few of them named, the years, and what to keep", () => {
    const hdi = builtin("undp-hdi");
    const csv = "iso3,country,hdicode,region,le_2021,le_2022,eys_2021,eys_2022,mys_2022,gnipc_2022\nVNM,Viet Nam,High,EAP,73.6,73.6,13,13,8.4,10814\n";
    const read = readSubmissions(hdi, csvToSnapshot(csv, "hdi", "hdi.csv"));
    expect(read.submissions).toEqual([]);
    expect(read.issues.map((i) => [i.code, i.cell])).toEqual([["layout-not-found", "B1"]]);
    expect(read.issues[0]!.message.en).toBe(
      'File hdi.csv, row 1: the unit column "country" was found, but no column is named by an input code of the index: the columns "hdicode", "region", "le_2021", "le_2022", "eys_2021", … match no input code, so no unit in the file is scored; columns such as "le_2022" hold input le with a year, for 2 years (2021–2022): keep only the figure columns of the year to score (delete the other years\' columns, or copy the unit column and that year\'s columns into a new file).',
    );
    expect(read.issues[0]!.message.vi).toBe(
      'Tệp hdi.csv, dòng 1: đã tìm thấy cột đơn vị "country" nhưng không cột nào mang mã số liệu của bộ chỉ số: các cột "hdicode", "region", "le_2021", "le_2022", "eys_2021", … không khớp mã số liệu nào, nên chưa đơn vị nào trong tệp được chấm; các cột như "le_2022" mang số liệu le kèm năm, của 2 năm (2021–2022): hãy chỉ giữ các cột số liệu của năm cần chấm (xóa các cột của những năm khác, hoặc chép cột đơn vị và các cột của năm đó sang một tệp mới).',
    );
  });

  test("columns of one year (le_2022, \"eys 2022\", a name and a year) are the inputs'; beside a column by the code alone, that one is read and the year's is said to be left out", () => {
    const hdi = builtin("undp-hdi");
    const one = readSubmissions(hdi, csvToSnapshot("iso3,country,hdi_2022,le_2022,eys 2022,mys-2022,gnipc_2022\nVNM,Viet Nam,0.726,74.6,13.1,8.4,11000\n", "hdi", "hdi.csv"));
    expect(one.issues).toEqual([]);
    expect(one.submissions.map((u) => [u.code, u.name, u.values])).toEqual([["VNM", "Viet Nam", { le: 74.6, eys: 13.1, mys: 8.4, gnipc: 11000 }]]);
    const both = readSubmissions(hdi, csvToSnapshot("country,le_2022,le,eys,mys,gnipc\nViet Nam,70,74.6,13.1,8.4,11000\n", "hdi", "hdi.csv"));
    expect(both.submissions[0]!.values).toEqual({ le: 74.6, eys: 13.1, mys: 8.4, gnipc: 11000 });
    expect(both.issues.map((i) => [i.severity, i.code, i.cell])).toEqual([["warning", "unknown-code", "B1"]]);
  });

  test("columns by an input's name and one year (the published DTI table's nhan_thuc_so_2022) are that input's", () => {
    const province = builtin("dti-tinh-922-2022");
    const plain = readFileSync(join(__dirname, "../../../test/fixtures/dti-2022-top5.csv"), "utf8");
    const [header, ...rows] = plain.trim().split("\n");
    const dated = [header!.split(",").map((h) => (h === "rank" || h === "province" || h === "pdti" ? h : `${h}_2022`)).join(","), ...rows].join("\n");
    const values = (csv: string) => readSubmissions(province, csvToSnapshot(csv, "dti", "dti.csv")).submissions.map((u) => [u.name, u.values]);
    expect(values(dated)).toEqual(values(plain));
    expect(values(dated)).toHaveLength(5);
    expect(Object.keys(values(dated)[0]![1] as object)).toHaveLength(8);
  });

  test("a workbook with another sheet read says nothing of a sheet listing the units", async () => {
    const snapshot = await xlsx([
      ["Danh sách", [["Mã đơn vị", "Đơn vị", "Ghi chú"], ["SYT", "Sở Y tế", "đầu mối"]]],
      ["Tổng hợp", [["Mã đơn vị", "Đơn vị", "1.1"], ["SYT", "Sở Y tế", "Có"]]],
    ]);
    const read = readSubmissions(sampleModel(), snapshot);
    expect(read.submissions.map((s) => s.code)).toEqual(["SYT"]);
    expect(read.issues.filter((i) => i.code === "layout-not-found")).toEqual([]);
  });

  test("a table without the unit's column is said as before, naming the input codes", () => {
    const read = readSubmissions(department, csvToSnapshot("Tên,1.3.a\nSở A,1\n", "c", "c.csv"));
    expect(read.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual([["layout-not-found", undefined, undefined]]);
    expect(read.issues[0]!.message.vi).toBe(`Tệp c.csv không có bảng tổng hợp: cần một dòng tiêu đề có cột "Đơn vị" và các cột mang mã số liệu của bộ chỉ số (${DEPARTMENT_INPUTS}).`);
    expect(read.issues[0]!.message.en).toBe(`File c.csv holds no table of units: it needs a header row with a "Unit" column and columns named by the index's input codes (${DEPARTMENT_INPUTS}).`);
  });
});

describe("a header row typed in TCVN3 is still said to be", () => {
  const ADVICE = "Chữ ở đây được gõ bằng bảng mã cũ TCVN3 (ABC, phông chữ .VnTime)";

  test("in a sheet of a workbook: the unit's column typed in TCVN3 beside input codes", async () => {
    const snapshot = await xlsx([["Tổng hợp", [["M· ®¬n vÞ", "§¬n vÞ", "Nhãm", "1.1"], ["SYT", "Së Y tÕ", "co-dvc", "Cã"]]]]);
    const read = readSubmissions(sampleModel(), snapshot);
    expect(read.issues.map((i) => [i.code, i.sheet])).toEqual([["layout-not-found", "Tổng hợp"]]);
    expect(read.issues[0]!.message.vi).toContain("tên các dòng, các cột được gõ bằng bảng mã cũ nên không đọc được");
    expect(read.issues[0]!.message.vi).toContain(ADVICE);
  });

  test("in a CSV file saved in UTF-8: the header typed in TCVN3 beside codes of indicators or groups", () => {
    const read = readSubmissions(department, csvToSnapshot("§¬n vÞ,Nhãm,1.3,1.2,6\nSë A,co-dvc,0.8,Cã,5\n", "ind", "ind.csv"));
    expect(read.issues.map((i) => i.code)).toEqual(["layout-not-found"]);
    expect(read.issues[0]!.message.vi).toContain("Tệp ind.csv: tệp có vẻ là bảng tổng hợp nhưng tên các cột được gõ bằng bảng mã cũ");
    expect(read.issues[0]!.message.vi).toContain(ADVICE);
  });

  test("labels in Unicode beside text that reads as TCVN3 are no form typed in it", async () => {
    // "Có" reads as TCVN3 text too; the label "Đơn vị" beside it is Unicode as typed: no form's
    // header block typed in TCVN3.
    const snapshot = await xlsx([["Ghi chú", [["Đơn vị", "Có"], ["Đơn vị", "Có"]]]]);
    const issues = readSubmissions(department, snapshot).issues;
    expect(issues.map((i) => i.code)).toEqual(["layout-not-found"]);
    for (const i of issues) expect(i.message.vi).not.toContain("bảng mã cũ");
  });
});
