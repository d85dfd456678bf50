/**
 * A hand-made form whose table header has two rows: `Số liệu` merged over D5:E5, with the
 * sub-headers `Đơn vị báo cáo` (D6) and `Thẩm định` (E6) below it. The council's figures in E are
 * read as `Số liệu thẩm định`, and the table's rows start below the sub-headers.
 */
import ExcelJS from "exceljs";
import { createExcelDouble } from "../../../test/excel-double";
import { ExcelHost } from "../../hosts/excel";
import { XlsxHost } from "../../hosts/xlsx/host";
import { runScoring } from "../pipeline";
import type { CellValue, SheetSnapshot } from "../types";
import { sampleDefinition, sampleModel } from "./fixtures";
import { findTableHeader, readLayoutA } from "./layout-a";
import { readSubmissions } from "./read";

const model = sampleModel();

const BLOCK: CellValue[][] = [["Đơn vị", "Sở Y tế"], ["Mã đơn vị", "SYT"], ["Nhóm", "co-dvc"], ["Bộ chỉ số", "dti-so-mau@2024"]];
/** Rows 7 on: code, item, max, the unit's figure (D), the council's (E), evidence (F). */
const LINES: CellValue[][] = [
  ["1", "Nhận thức số", 40, null, null, null],
  ["1.1", "Ban chỉ đạo", 10, "có", null, "QĐ 12/QĐ-SYT"],
  ["1.2", "Văn bản chỉ đạo", 10, null, null, "Danh mục văn bản"],
  ["1.2.a", "Số văn bản do Chủ tịch ký", null, 2, 0, null],
  ["1.2.b", "Tổng số văn bản", null, 4, null, null],
  ["1.3", "Trưởng ban chỉ đạo", 10, "bí thư", null, null],
  ["1.10", "Số cuộc họp", 10, 4, null, null],
  ["2.1", "Tỷ lệ hồ sơ trực tuyến", 10, "85%", null, "Báo cáo"],
  ["2.2", "Điểm", 5, 4, null, null],
  ["2.3", "Dịch vụ công mức 4", 5, 12, 8, null],
];
const MERGES = ["A5:A6", "B5:B6", "C5:C6", "D5:E5", "F5:F6"];

/** The form with `Số liệu` (or `value`) merged over the sub-headers `own` and `council`. */
function form(own: string, council: string, opts: { value?: string; merges?: boolean; lines?: CellValue[][] } = {}): SheetSnapshot {
  return {
    name: "Sở Y tế",
    values: [
      ...BLOCK,
      ["Mã", "Nội dung", "Điểm tối đa", opts.value ?? "Số liệu", null, "Minh chứng"],
      [null, null, null, own, council, null],
      ...(opts.lines ?? LINES),
    ],
    ...(opts.merges === false ? {} : { merges: MERGES }),
  };
}

function unitOf(s: SheetSnapshot) {
  const a = readLayoutA(model, s);
  if (a?.kind !== "unit") throw new Error("not read as a form");
  return a.unit;
}

describe("a header of two rows: Số liệu merged over the unit's figures and the council's", () => {
  test("Thẩm định under Số liệu is the appraised column: the council's 0 is read where the unit wrote 2, and nothing is said", () => {
    const s = form("Đơn vị báo cáo", "Thẩm định");
    expect(findTableHeader(s)).toMatchObject({ row: 4, subRow: 5, cols: { code: 0, value: 3, appraised: 4, evidence: 5 }, lastColumn: 5 });
    const unit = unitOf(s);
    expect(unit.values.get("1.2.a")).toEqual({ value: 0, address: "E10" });
    expect(unit.values.get("1.2.b")).toEqual({ value: 4, address: "D11" });
    expect(unit.values.get("2.3")).toEqual({ value: 8, address: "E16" });
    const read = readSubmissions(model, { sheets: [s] });
    expect(read.submissions[0]!.values).toMatchObject({ "1.2.a": 0, "1.2.b": 4, "2.3": 8 });
    expect(read.issues).toEqual([]);
  });

  test("the same without the merges read (a host that does not read them): the blank cell right of Số liệu, with sub-headers under both", () => {
    const s = form("Đơn vị báo cáo", "Thẩm định", { merges: false });
    expect(findTableHeader(s)).toMatchObject({ subRow: 5, cols: { value: 3, appraised: 4 } });
    expect(unitOf(s).values.get("1.2.a")).toEqual({ value: 0, address: "E10" });
  });

  test.each([
    ["Đơn vị báo cáo", "Thẩm định", "Số liệu", 3, 4],
    ["Tự báo cáo", "Số liệu thẩm định", "Số liệu", 3, 4],
    ["ĐƠN VỊ", "THẨM ĐỊNH:", "SỐ LIỆU", 3, 4],
    ["Số liệu", "Số liệu thẩm định của Hội đồng", "Số liệu", 3, 4],
    ["Reported", "Appraised", "Value", 3, 4],
    ["Reported value", "Appraised value", "Value", 3, 4],
    // The council's column first: the unit's is the other one, whatever its name.
    ["Thẩm định", "Đơn vị báo cáo", "Số liệu", 4, 3],
    ["Thẩm định", "Kỳ này", "Số liệu", 4, 3],
  ])("%p | %p under %p: value in column %p, appraised in %p", (own, council, header, value, appraised) => {
    const cols = findTableHeader(form(own, council, { value: header }))!.cols;
    expect([cols.value, cols.appraised]).toEqual([value, appraised]);
  });

  test("a sub-column under Số liệu whose sub-header the reader does not know, holding figures, is not read and is said, naming its column", () => {
    const s = form("Đơn vị báo cáo", "Năm 2023");
    expect(findTableHeader(s)!.cols.appraised).toBeUndefined();
    // The unit's own figure is read, not last year's.
    expect(unitOf(s).values.get("1.2.a")).toEqual({ value: 2, address: "D10" });
    const said = readSubmissions(model, { sheets: [s] }).issues;
    expect(said).toEqual([
      {
        severity: "warning",
        code: "unknown-column",
        sheet: "Sở Y tế",
        cell: "E6",
        unit: "SYT",
        message: {
          vi: 'Trang tính \'Sở Y tế\', ô E6: tên cột "Năm 2023" không được nhận ra nên số liệu trong cột này không được đọc; nếu đây là số liệu thẩm định (được dùng thay cho số liệu của đơn vị khi có), hãy đặt tên cột là "Số liệu thẩm định" (Appraised value).',
          en: 'Sheet \'Sở Y tế\', cell E6: the column name "Năm 2023" is not recognised, so the figures in it are not read; if it holds the appraised figures (used in place of the unit\'s own where filled), name the column "Số liệu thẩm định" (Appraised value).',
        },
      },
    ]);
    // Empty, it is nothing to say.
    const empty = form("Đơn vị báo cáo", "Năm 2023", { lines: LINES.map((l) => l.map((v, c) => (c === 4 ? null : v))) });
    expect(readSubmissions(model, { sheets: [empty] }).issues).toEqual([]);
  });

  test("a sub-header naming a column the header row has already is not read, and not said to be unknown", () => {
    const s = form("Đơn vị báo cáo", "Thẩm định");
    s.values[4] = ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", null, "Số liệu thẩm định"];
    s.values[5] = [null, null, null, "Đơn vị báo cáo", "Thẩm định", null];
    expect(findTableHeader(s)!.cols).toMatchObject({ value: 3, appraised: 5 });
    expect(readSubmissions(model, { sheets: [s] }).issues.filter((i) => i.code === "unknown-column")).toEqual([]);
  });

  test("under another header than the figures' (Điểm over Tự chấm | Thẩm định: points), no sub-header is taken for the appraised figures", () => {
    const s: SheetSnapshot = {
      name: "Sở Y tế",
      values: [
        ...BLOCK,
        ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Điểm"],
        [null, null, null, null, "Tự chấm", "Thẩm định"],
        ...LINES.map((l) => [...l.slice(0, 4), 1, 0]),
      ],
      merges: ["E5:F5"],
    };
    const header = findTableHeader(s)!;
    expect(header.cols.appraised).toBeUndefined();
    expect(header.lastColumn).toBe(5);
    expect(unitOf(s).values.get("1.2.a")).toEqual({ value: 2, address: "D10" });
  });

  test("a merged header over the table's last columns: the table ends at its last sub-column", () => {
    const s: SheetSnapshot = {
      name: "Sở Y tế",
      values: [...BLOCK, ["Mã", "Nội dung", "Điểm tối đa", "Số liệu"], [null, null, null, "Đơn vị báo cáo", "Thẩm định"], ...LINES.map((l) => l.slice(0, 5))],
      merges: ["D5:E5"],
    };
    expect(findTableHeader(s)).toMatchObject({ cols: { value: 3, appraised: 4 }, lastColumn: 4 });
  });

  test("a one-row header is not taken for two: the first row of the table below it, or a number under a blank header cell", () => {
    const oneRow: SheetSnapshot = { name: "Sở Y tế", values: [...BLOCK, ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", null, "Minh chứng"], ...LINES] };
    expect(findTableHeader(oneRow)).toEqual({ row: 4, cols: { code: 0, item: 1, max: 2, value: 3, evidence: 5 }, lastColumn: 5 });
    expect(unitOf(oneRow).values.get("1.2.a")).toEqual({ value: 2, address: "D9" });
    const numbers: SheetSnapshot = { name: "Sở Y tế", values: [...BLOCK, ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", null, "Minh chứng"], [null, null, null, 1, 2, null], ...LINES] };
    expect(findTableHeader(numbers)!.subRow).toBeUndefined();
  });
});

describe("the form as a real .xlsx file, read and scored through the file host", () => {
  test("the council's figures are read from E, and the Điểm column goes right of the table, not into E", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sở Y tế");
    const s = form("Đơn vị báo cáo", "Thẩm định");
    // Without Minh chứng: Số liệu's merge ends the header.
    s.values.forEach((row, r) => row.slice(0, 5).forEach((v, c) => v !== null && (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)));
    for (const m of ["A5:A6", "B5:B6", "C5:C6", "D5:E5"]) ws.mergeCells(m);
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const result = await runScoring(host, { definition: sampleDefinition, lang: "vi", projectVersion: "0.1.0" });
    expect(result.issues.filter((i) => i.severity !== "info")).toEqual([]);
    // 1.2 is 0 of 4 documents (the council's 0, not the unit's 2): 0 points.
    expect(result.table.units[0]!.nodes["1.2"]).toMatchObject({ value: 0, points: 0 });
    const out = new ExcelJS.Workbook();
    await out.xlsx.load((await host.toBuffer()) as unknown as ArrayBuffer);
    const scored = out.getWorksheet("Sở Y tế")!;
    // The council's column keeps its figures; the scores go into a column of their own right of it.
    expect(scored.getCell("E10").value).toBe(0);
    expect(scored.getCell("E16").value).toBe(8);
    expect(scored.getCell("F5").value).toBe("Điểm");
  });
});

describe("the form in Excel, read by the Excel host (which reads the columns below the header piecemeal)", () => {
  test("the council's column is read far below the top rows, as from a full read", async () => {
    // The definition's rows, then 30 rows of notes (the table runs far below the host's top rows),
    // with the council's 0 for 1.2.a moved to the bottom of the table.
    const lines = [...LINES, ...Array.from({ length: 30 }, (_, k) => [`Ghi chú ${k + 1}`, null, null, null, null, null] as CellValue[])];
    const at = lines.findIndex((l) => l[0] === "1.2.a");
    const moved = [...lines.slice(0, at), ...lines.slice(at + 1), lines[at]!];
    const s = form("Đơn vị báo cáo", "Thẩm định", { lines: moved });
    const double = createExcelDouble();
    double.addSheet("Sở Y tế", s.values.map((r) => r.map((v) => v ?? "")) as never);
    for (const m of MERGES) double.merge(`'Sở Y tế'!${m}`);
    double.install();
    const read = readSubmissions(model, await new ExcelHost().read());
    expect(read.issues).toEqual([]);
    expect(read.submissions[0]!.values).toMatchObject({ "1.2.a": 0, "2.3": 8 });
    expect(read.submissions[0]!.source?.cells?.["1.2.a"]).toBe(`E${moved.length + 6}`);
  });

  test("figures far below the top rows in a sub-column it does not know are said, as from a full read", async () => {
    const lines = [...LINES, ...Array.from({ length: 30 }, (_, k) => [`Ghi chú ${k + 1}`, null, null, null, null, null] as CellValue[])];
    const at = lines.findIndex((l) => l[0] === "1.2.a");
    const moved = [...lines.slice(0, at), ...lines.slice(at + 1), lines[at]!];
    // Only the moved row holds a figure in E.
    const s = form("Đơn vị báo cáo", "Năm 2023", { lines: moved.map((l, k) => (k === moved.length - 1 ? l : l.map((v, c) => (c === 4 ? null : v)))) });
    const double = createExcelDouble();
    double.addSheet("Sở Y tế", s.values.map((r) => r.map((v) => v ?? "")) as never);
    for (const m of MERGES) double.merge(`'Sở Y tế'!${m}`);
    double.install();
    const read = readSubmissions(model, await new ExcelHost().read());
    expect(read.issues.map((i) => [i.code, i.cell])).toEqual([["unknown-column", "E6"]]);
  });
});
