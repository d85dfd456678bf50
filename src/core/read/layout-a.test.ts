import type { CellValue, SheetSnapshot } from "../types";
import { sampleModel } from "./fixtures";
import { COLUMNS_READ_BELOW_HEADER, TABLE_COLUMNS, findTableHeader, readLayoutA } from "./layout-a";

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
