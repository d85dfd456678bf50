/**
 * A units CSV chosen in the Collect step with a line that gives a code but no name, and one that
 * gives only a category: the first is listed as the unit of that code, named by it (the list shows
 * it so); the second is left out of the list, and said under it, naming the file and the line.
 */
import { parseUnitList, unitsFromCsvFile } from "../../src/taskpane/state/units";

test("a code alone is listed as its unit, and a line with a category only is left out and named", () => {
  const bytes = new TextEncoder().encode("Mã đơn vị,Đơn vị,Nhóm\nX1,Sở A,co-dvc\nX4,\n,,co-dvc\nX5,Sở E,co-dvc\n");
  const read = unitsFromCsvFile(bytes, "don-vi.csv");
  expect(parseUnitList(read.text!)).toEqual([
    { code: "X1", name: "Sở A", category: "co-dvc", line: 1 },
    { code: "X4", name: "X4", line: 2 },
    { code: "X5", name: "Sở E", category: "co-dvc", line: 3 },
  ]);
  expect(read.problem).toEqual({
    state: "warning",
    text: {
      vi: "don-vi.csv, dòng 4: chỉ có loại đơn vị, không có mã và tên đơn vị; không tạo phiếu cho dòng này.",
      en: "don-vi.csv, line 4 gives a category but no unit code or name; no form is made for it.",
    },
  });
});
