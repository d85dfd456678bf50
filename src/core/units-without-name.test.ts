/**
 * A units table's lines that give a code but no name, or a category but no unit: the first is the
 * unit of that code, named by it; the second is no unit, and its line is said. Nothing is dropped
 * silently, so the count of forms made adds up to the lines of the list.
 */
import { rowWithoutUnitMessage, rowsWithoutUnit, unitsFromRows, unnamedUnitMessage } from "./units";

const rows = [
  ["STT", "Mã đơn vị", "Đơn vị", "Nhóm"],
  ["1", "X1", "Sở A", "co-dvc"],
  ["2", "X4", "", ""],
  ["3", "", "", "co-dvc"],
  ["4", "", "", ""],
  ["5", "X5", "Sở E", "khong-dvc"],
  ["", "", "", ""],
];

test("a line with a code but no name is the unit of that code, named by it and marked so", () => {
  expect(unitsFromRows(rows)).toEqual([
    { code: "X1", name: "Sở A", category: "co-dvc", line: 2 },
    { code: "X4", name: "X4", line: 3, unnamed: true },
    { code: "X5", name: "Sở E", category: "khong-dvc", line: 6 },
  ]);
});

test("a line with a category but neither code nor name is named by its line; blank lines and a numbering run on are not", () => {
  expect(rowsWithoutUnit(rows)).toEqual([4]);
  expect(rowsWithoutUnit([["Mã đơn vị", "Đơn vị"], ["", ""], ["X1", "Sở A"]])).toEqual([]);
  expect(rowsWithoutUnit([["Mã đơn vị", "Nhóm"], ["", "co-dvc"]])).toEqual([]);
});

test("both are said in both languages, naming the file and the line", () => {
  expect(unnamedUnitMessage("dv.csv", 3, "X4")).toEqual({
    vi: 'dv.csv, dòng 3: đơn vị mã X4 không có tên (cột Đơn vị để trống); phiếu của đơn vị được đặt tên theo mã "X4".',
    en: 'dv.csv, line 3: the unit coded X4 has no name (its Unit is blank); its form is named by the code "X4".',
  });
  expect(rowWithoutUnitMessage("dv.csv", 4)).toEqual({
    vi: "dv.csv, dòng 4: chỉ có loại đơn vị, không có mã và tên đơn vị; không tạo phiếu cho dòng này.",
    en: "dv.csv, line 4 gives a category but no unit code or name; no form is made for it.",
  });
});
