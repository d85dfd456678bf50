/**
 * A province's summary table headed on two rows: `STT`, `Đơn vị`, `Nhóm` merged down over both
 * rows, the groups' titles merged across their inputs' columns in the first row and the inputs'
 * codes under them. The units are read from the row below the codes, with the same figures and
 * scores as under a header of one row; the findings about the header name the unit column's cell.
 */
import ExcelJS from "exceljs";
import { XlsxHost } from "../../hosts/xlsx/host";
import type { CellValue, WorkbookSnapshot } from "../types";
import { csvToSnapshot } from "./csv";
import { sampleModel } from "./fixtures";
import { readSubmissions } from "./read";
import { scoreUnits } from "../score";

jest.setTimeout(30_000);

const model = sampleModel();

const TITLE: CellValue[] = ["Bảng tổng hợp số liệu chuyển đổi số năm 2024"];
const GROUPS: CellValue[] = ["STT", "Đơn vị", "Nhóm", "1. Nhận thức số", null, null, null, null, "2. Dịch vụ công", null, null];
const CODES: CellValue[] = [null, null, null, "1.1", "1.2.a", "1.2.b", "1.3", "1.10", "2.1", "2.2", "2.3"];
const UNITS: CellValue[][] = [
  [1, "Sở Y tế", "co-dvc", "Có", 2, 4, "Chủ tịch", 4, 0.85, 4, 12],
  [2, "Sở Tư pháp", "co-dvc", "Không", 1, 5, "Phó Chủ tịch", 2, 0.6, 3, 5],
  [3, "Sở Nội vụ", "khong-dvc", "Có", 3, 3, "Không", 6, 0.4, 2, 1],
];

async function workbook(rows: CellValue[][], merges: string[]): Promise<WorkbookSnapshot> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Tổng hợp");
  for (const row of rows) ws.addRow(row);
  for (const m of merges) ws.mergeCells(m);
  const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "tong-hop.xlsx");
  return host.read();
}

function totals(snapshot: WorkbookSnapshot): [string, number | null][] {
  const read = readSubmissions(model, snapshot);
  return scoreUnits(model, read.submissions).units.map((u) => [u.name, u.points]);
}

describe("a table of units headed on two rows", () => {
  const MERGES = ["A2:A3", "B2:B3", "C2:C3", "D2:H2", "I2:K2"];

  test("the units under the codes are read with their categories, as under a header of one row", async () => {
    const twoRows = await workbook([TITLE, GROUPS, CODES, ...UNITS], MERGES);
    const read = readSubmissions(model, twoRows);
    expect(read.layout).toBe("B");
    expect(read.submissions.map((s) => [s.name, s.category, s.values["1.2.a"], s.values["2.1"]])).toEqual([
      ["Sở Y tế", "co-dvc", 2, 0.85],
      ["Sở Tư pháp", "co-dvc", 1, 0.6],
      ["Sở Nội vụ", "khong-dvc", 3, 0.4],
    ]);
    expect(read.issues.filter((i) => i.severity !== "info")).toEqual([]);

    const oneRow = await workbook([TITLE, ["STT", "Đơn vị", "Nhóm", ...CODES.slice(3)], ...UNITS], []);
    const expected = totals(oneRow);
    expect(expected.every(([, points]) => typeof points === "number")).toBe(true);
    expect(totals(twoRows)).toEqual(expected);
  });

  test("an input headed in the first row, merged down, is read; an input with no column is said at the unit column's header cell", async () => {
    const groups = [...GROUPS];
    groups[3] = "1.1 – Ban chỉ đạo";
    const codes = [...CODES];
    codes[3] = null;
    const rows = UNITS.map((u) => u.slice(0, 10));
    const snapshot = await workbook([TITLE, groups.slice(0, 10), codes.slice(0, 10), ...rows], ["A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:H2", "I2:J2"]);
    const read = readSubmissions(model, snapshot);
    expect(read.submissions.map((s) => s.values["1.1"])).toEqual([true, false, true]);
    const missing = read.issues.filter((i) => i.code === "missing-row");
    expect(missing.map((i) => [i.severity, i.sheet, i.cell, i.node])).toEqual([["warning", "Tổng hợp", "B2", "2.3"]]);
  });

  test("a number in a row above the header does not change which code a column names: 1.1 then 1.1 (Excel's 1.10) are 1.1 and 1.10", async () => {
    const snapshot = await workbook([["Biểu số", 1.1], ["Đơn vị", 1.1, 1.1], ["Sở Y tế", "Có", 4]], []);
    const read = readSubmissions(model, snapshot);
    expect(read.submissions.map((s) => [s.values["1.1"], s.values["1.10"]])).toEqual([[true, 4]]);
  });

  test("in a CSV file, the unit column blank under its header: read the same", () => {
    const csv = [GROUPS, CODES, ...UNITS].map((r) => r.map((v) => (v === null ? "" : String(v))).join(";")).join("\n");
    const read = readSubmissions(model, csvToSnapshot(csv, "tong-hop", "tong-hop.csv"));
    expect(read.submissions.map((s) => s.name)).toEqual(["Sở Y tế", "Sở Tư pháp", "Sở Nội vụ"]);
  });
});
