/**
 * A code typed where Excel reads it as a date ("2.1" became 2 January, "1.4" 1 April): the row is
 * not read, and the finding shows the date as the cell does and names the codes it may have been,
 * with what to do, rather than an ISO date the official never sees.
 */
import type { CellValue } from "../types";
import { LAYOUT_A_ROWS, demoModel, demoSnapshot } from "../plan/test-fixtures";
import { readSubmissions } from "./read";

test("a code cell turned into a date names the date as shown and the index's codes it may be", () => {
  const snapshot = demoSnapshot();
  const sheet = snapshot.sheets[0]!;
  const row = sheet.values.findIndex((r) => r[0] === "2.1");
  expect(row).toBe(6 + LAYOUT_A_ROWS.findIndex(([code]) => code === "2.1"));
  (sheet.values[row] as CellValue[])[0] = "2024-01-02";
  const issues = readSubmissions(demoModel(), snapshot).issues.filter((i) => i.code === "unknown-code");
  expect(issues.map((i) => [i.cell, i.message.vi])).toEqual([
    [`A${row + 1}`, `Trang tính 'SO-01', ô A${row + 1}: ô mã đang là ngày 02/01/2024 (có thể Excel đã đổi mã thành ngày tháng) nên dòng này được bỏ qua; nếu đây là mã 2.1 hoặc 1.2, hãy định dạng ô là Văn bản (Text) rồi nhập lại mã.`],
  ]);
  expect(issues[0]!.message.en).toContain("the code cell holds the date 2 Jan 2024 (Excel may have turned the code into a date), so this row is ignored; if it is code 2.1 or 1.2, format the cell as Text and type the code again");
});

test("a date that is no code of the index is said as before", () => {
  const snapshot = demoSnapshot();
  const sheet = snapshot.sheets[0]!;
  const row = sheet.values.findIndex((r) => r[0] === "2.1");
  (sheet.values[row] as CellValue[])[0] = "2024-12-25";
  const issue = readSubmissions(demoModel(), snapshot).issues.find((i) => i.code === "unknown-code")!;
  expect(issue.message.vi).toContain(`mã "2024-12-25" không có trong bộ chỉ số nên được bỏ qua`);
});
