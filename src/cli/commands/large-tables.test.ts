/**
 * The command line with a very large number of units: a CSV file of 200,000 lines, and the ranking
 * `score` prints for them, made "Maximum call stack size exceeded" when the widest line or cell
 * was taken with Math.max(...rows). Both are laid out like any other.
 */
import { csvToWorkbook, formatTable } from "./common";

// 200,000 rows through ExcelJS take seconds, many more on a 2-core machine running a second test
// beside it: a ceiling, not a measure.
jest.setTimeout(120_000);

test("a table of 200,000 rows is laid out, its columns as wide as their widest cell", () => {
  const rows = Array.from({ length: 200_000 }, (_, i) => [String(i + 1), `Đơn vị ${i + 1}`]);
  const lines = formatTable(["Hạng", "Đơn vị"], rows, ["right", "left"]).split("\n");
  expect(lines).toHaveLength(200_000 + 3);
  expect(lines[0]).toBe("  Hạng  Đơn vị");
  expect(lines[2]).toBe("     1  Đơn vị 1");
  expect(lines[200_001]).toBe("200000  Đơn vị 200000");
});

test("a CSV file of 200,000 lines becomes a workbook of 200,000 rows", async () => {
  const lines = ["Mã đơn vị,Đơn vị,Số liệu", ...Array.from({ length: 200_000 }, (_, i) => `U${i + 1},Đơn vị ${i + 1},${i % 7}`)];
  const { fields } = await csvToWorkbook(new TextEncoder().encode(lines.join("\n")), "tong-hop.csv");
  expect(fields).toHaveLength(200_001);
  expect(fields[200_000]).toBe(3);
});
