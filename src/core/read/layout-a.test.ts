import type { CellValue, SheetSnapshot } from "../types";
import { sampleModel } from "./fixtures";
import { COLUMNS_READ_BELOW_HEADER, TABLE_COLUMNS, findTableHeader, readLayoutA } from "./layout-a";
import { makeIssue } from "./messages";

const model = sampleModel();

const HEADER = ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Số liệu thẩm định", "Tự chấm", "Minh chứng", "Ghi chú", "Điểm"];
const LINES: CellValue[][] = [
  ["1", "Nhận thức số", 40, null, null, 35, null, "ghi chú nhóm", 33],
  ["1.1", "Ban chỉ đạo", 10, "có", null, 10, "QĐ 12/QĐ-SYT", "đã thành lập", 10],
  ["1.2", "Văn bản chỉ đạo", 10, null, null, 7.5, "Danh mục văn bản", null, 7.5],
  ["1.2.a", "Số văn bản do Chủ tịch ký", null, 3, 2, null, null, "thẩm định lại", null],
  ["1.2.b", "Tổng số văn bản", null, 4, null, null, null, null, null],
  ["1.3", "Trưởng ban chỉ đạo", 10, "bí thư", null, 10, null, null, 10],
  ["1.10", "Số cuộc họp", 10, 4, null, null, null, "4 cuộc", 10],
  ["2.1", "Tỷ lệ hồ sơ trực tuyến", 10, "85%", null, null, "Báo cáo", null, 8.5],
  ["2.2", "Điểm", 5, 4, null, 5, null, null, 4],
  ["2.3", "Dịch vụ công mức 4", 5, 12, null, null, null, null, 5],
];

function sheet(lines: CellValue[][]): SheetSnapshot {
  return {
    name: "Sở Y tế",
    values: [["Đơn vị", "Sở Y tế"], ["Mã đơn vị", "SYT"], ["Nhóm", "co-dvc"], ["Bộ chỉ số", "dti-so-mau@2024"], [], HEADER, ...lines],
  };
}

describe("what the layout-A reader reads below the header row", () => {
  test("only the columns it declares: blanking every other column below the header changes nothing read", () => {
    const full = sheet(LINES);
    const header = findTableHeader(full)!;
    const kept = new Set(COLUMNS_READ_BELOW_HEADER.map((k) => header.cols[k]));
    expect(Object.keys(header.cols).sort()).toEqual(Object.keys(TABLE_COLUMNS).sort());
    const blanked = sheet(LINES.map((line) => line.map((v, c) => (kept.has(c) ? v : null))));
    const a = readLayoutA(model, full);
    const b = readLayoutA(model, blanked);
    expect(a?.kind).toBe("unit");
    // The Điểm column's position is known from the header row, which stays.
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe("rows the layout-A reader does not read, said", () => {
  /** The findings about the rows of a form, as sentences in both languages. */
  function findings(lines: CellValue[][]): { severity: string; code: string; cell?: string; vi: string; en: string }[] {
    const a = readLayoutA(model, sheet(lines));
    if (a?.kind !== "unit") throw new Error("not read as a form");
    return a.unit.rowFindings.map((f) => {
      const issue = makeIssue(f.severity, f.code, { sheet: "Sở Y tế", unit: "SYT", ...f.params });
      return { severity: issue.severity, code: issue.code, ...(issue.cell !== undefined ? { cell: issue.cell } : {}), vi: issue.message.vi, en: issue.message.en };
    });
  }
  const line = (code: string, value: CellValue, appraised: CellValue = null): CellValue[] => [code, "", null, value, appraised, null, null, null, null];

  test("a code on a second row: the first row is read, and the later one is named with both cells", () => {
    const a = readLayoutA(model, sheet([line("1.1", "có"), line("2.1", 0.9), line("2.1", 0.3), line("2.2", 4)]));
    if (a?.kind !== "unit") throw new Error("not read as a form");
    // The figure read is the first row's.
    expect(a.unit.values.get("2.1")).toEqual({ value: 0.9, address: "D8" });
    expect(findings([line("1.1", "có"), line("2.1", 0.9), line("2.1", 0.3), line("2.2", 4)])).toEqual([
      {
        severity: "error",
        code: "duplicate-row",
        cell: "D9",
        vi: 'Trang tính \'Sở Y tế\', ô D9: mã 2.1 có ở hai dòng (D8 và D9); chỉ dòng đầu được đọc, dòng sau bị bỏ qua, nên 0,3 ở đây không được dùng — hãy xóa dòng thừa và để số liệu đúng ở một dòng.',
        en: "Sheet 'Sở Y tế', cell D9: code 2.1 is on two rows (D8 and D9); only the first is read and the later one is ignored, so 0.3 here is not used — delete the extra row and keep the right figure on one row.",
      },
    ]);
  });

  test("a repeated row with no figure, or the same one, is a warning; the appraised cell is named when it is the one read", () => {
    const [blank] = findings([line("2.1", 0.9), line("2.1", null)]);
    expect(blank).toMatchObject({ severity: "warning", cell: "D8" });
    expect(blank!.en).toBe("Sheet 'Sở Y tế', cell D8: code 2.1 is on two rows (D7 and D8); only the first is read and the later one is ignored — delete the extra row and keep the right figure on one row.");
    expect(findings([line("2.1", 0.9), line("2.1", 0.9)])[0]).toMatchObject({ severity: "warning", cell: "D8" });
    expect(findings([line("2.1", 0.9, 0.8), line("2.1", 0.5, 0.6)])[0]).toMatchObject({ severity: "error", cell: "E8", vi: expect.stringContaining("(E7 và E8)") });
  });

  test("a figure on a row that takes none (an indicator computed from its inputs, a group) is said not to be used", () => {
    const lines = [line("1", 40), line("1.2", 0.8), line("1.2.a", 3), line("1.2.b", 4, null), line("2.1", 0.9)];
    expect(findings(lines)).toEqual([
      {
        severity: "warning",
        code: "value-not-read",
        cell: "D7",
        vi: "Trang tính 'Sở Y tế', ô D7: dòng 1 không nhận số liệu (là nhóm, được tính từ các chỉ tiêu trong nhóm); 40 ở đây không được dùng.",
        en: "Sheet 'Sở Y tế', cell D7: row 1 takes no value (it is a group, computed from the indicators in it); 40 here is not used.",
      },
      {
        severity: "warning",
        code: "value-not-read",
        cell: "D8",
        vi: "Trang tính 'Sở Y tế', ô D8: dòng 1.2 không nhận số liệu (được tính từ 1.2.a và 1.2.b); 0,8 ở đây không được dùng.",
        en: "Sheet 'Sở Y tế', cell D8: row 1.2 takes no value (it is computed from 1.2.a and 1.2.b); 0.8 here is not used.",
      },
    ]);
    // Typed in Số liệu thẩm định too: each cell is named.
    expect(findings([line("1.2", null, "0,8")]).map((f) => [f.cell, f.vi])).toEqual([
      ["E7", "Trang tính 'Sở Y tế', ô E7: dòng 1.2 không nhận số liệu (được tính từ 1.2.a và 1.2.b); \"0,8\" ở đây không được dùng."],
    ]);
  });

  test("nothing is said about the Điểm, Tự chấm or Ghi chú columns of those rows, nor about the template's rows", () => {
    // LINES: the project's Điểm column filled on every row, a self score and a note on group 1.
    expect(findings(LINES)).toEqual([]);
  });
});
