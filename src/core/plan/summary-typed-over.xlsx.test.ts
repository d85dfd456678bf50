/**
 * The demo's scored workbook, on a real .xlsx through the xlsx host: the user types their own
 * line into one cell of a form's summary (where its rank was), scores again, changes a figure and
 * scores once more. The printed form must show one total and one rank in its category, the
 * current ones, and the user's line as typed; the user is told once.
 */
import type ExcelJS from "exceljs";
import { readIndexSheet } from "./index-sheet";
import { snapshotWorkbook } from "../../hosts/xlsx/read";
import { edit, open, scoreAgain, scoredDemo } from "../../hosts/xlsx/test-workbooks";

const SHEET = "Sở Nội vụ";
const TYPED = "Người duyệt: Lê C";

/** Every cell of `ws` whose value is `value`. */
function cellsHolding(ws: ExcelJS.Worksheet, value: ExcelJS.CellValue): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => void (cell.value === value && out.push(cell.address))));
  return out;
}

test("a summary typed over on a scored .xlsx: the user's cell is kept, no stale total stays after the figures change", async () => {
  const demo = await scoredDemo();
  const before = (await open(demo)).getWorksheet(SHEET)!;
  expect(["D1", "D2", "D3"].map((a) => before.getCell(a).value)).toEqual(["Tổng điểm", "Hạng", "Hạng trong loại"]);
  const oldTotal = before.getCell("E1").value as number;
  expect(typeof oldTotal).toBe("number");
  expect(String(before.getCell("E2").value)).toMatch(/^\d+\/\d+$/);

  const typed = await edit(demo, (wb) => (wb.getWorksheet(SHEET)!.getCell("E2").value = TYPED));
  const once = await scoreAgain(typed);
  const summaryWarnings = (warnings: typeof once.warnings) => warnings.filter((w) => w.sheet === SHEET && w.vi.includes("phần tổng điểm và hạng"));
  expect(summaryWarnings(once.warnings)).toEqual([
    {
      sheet: SHEET,
      vi: `Trang '${SHEET}': ô E2 thuộc phần tổng điểm và hạng mà lần chấm trước ghi vào phiếu, nay có nội dung bạn nhập nên được giữ nguyên; tổng điểm và hạng được ghi sang F1:G3, các ô còn lại của phần cũ đã được xóa.`,
      en: `Sheet '${SHEET}': cell E2, part of the total and rank the last run wrote into the form, now holds what you typed, so it is kept; the total and rank are written to F1:G3 instead, and the rest of the old summary has been emptied.`,
    },
  ]);
  const first = (await open(once.out)).getWorksheet(SHEET)!;
  expect(first.getCell("E2").value).toBe(TYPED);
  for (const a of ["D1", "E1", "D2", "D3", "E3", "D4"]) expect([a, first.getCell(a).value]).toEqual([a, null]);
  expect(["F1", "G1", "F2", "F3"].map((a) => first.getCell(a).value)).toEqual(["Tổng điểm", oldTotal, "Hạng", "Hạng trong loại"]);

  // A figure changed, scored in place again: the summary where it is now is updated, nothing more is said.
  const changed = await edit(once.out, (wb) => (wb.getWorksheet(SHEET)!.getCell("D18").value = 0));
  const twice = await scoreAgain(changed);
  expect(summaryWarnings(twice.warnings)).toEqual([]);
  const wb = await open(twice.out);
  const form = wb.getWorksheet(SHEET)!;
  expect(form.getCell("E2").value).toBe(TYPED);
  const newTotal = form.getCell("G1").value;
  expect(typeof newTotal).toBe("number");
  expect(newTotal).not.toBe(oldTotal);
  // One total, one rank, one rank in the category on the form, and the old total nowhere.
  expect(cellsHolding(form, "Tổng điểm")).toEqual(["F1"]);
  expect(cellsHolding(form, "Hạng")).toEqual(["F2"]);
  expect(cellsHolding(form, "Hạng trong loại")).toEqual(["F3"]);
  expect(cellsHolding(form, oldTotal)).toEqual([]);
  expect(String(form.getCell("G3").value)).toMatch(/^\d+\/\d+$/);
  const owned = readIndexSheet(snapshotWorkbook(wb))!.owned.cells.filter((c) => c.sheet === SHEET);
  expect(owned.find((c) => c.role === "summary")?.ranges).toEqual(["F1:G3"]);
});
