/**
 * A table of a very large number of units (130,000 rows, one per unit: 200,000 made the command
 * line fail) is read and planned without "Maximum call stack size exceeded": lists that long are
 * never spread into a call's arguments (push(...units), Math.max(...rows)).
 */
import type { CellValue, OwnedSheetPlan, PlanValue, SheetSnapshot } from "../types";
import { resultsTableRange } from "../plan/results-sheet";
import { writtenArea } from "../plan/results-area";
import { readSubmissions } from "./index";
import { sampleModel } from "./fixtures";

// More than the about 125,000 arguments a call can take on the stack.
const ROWS = 130_000;

// Seconds per test, more on a 2-core machine running a second test beside it: a ceiling, not a measure.
jest.setTimeout(120_000);

test("a layout-B table of 130,000 units is read, one submission per row", () => {
  const values: CellValue[][] = [["Mã đơn vị", "Đơn vị", "Nhóm", "1.10"]];
  for (let i = 1; i <= ROWS; i++) values.push([`U${i}`, `Đơn vị ${i}`, "co-dvc", i % 5]);
  const sheet: SheetSnapshot = { name: "Tổng hợp", values, visible: true };
  const result = readSubmissions(sampleModel(), { sheets: [sheet] });
  expect(result.layout).toBe("B");
  expect(result.submissions).toHaveLength(ROWS);
  expect(result.submissions[ROWS - 1]).toMatchObject({ code: `U${ROWS}`, name: `Đơn vị ${ROWS}` });
});

test("the results of 130,000 units make a written area and a table range", () => {
  const rows: PlanValue[][] = Array.from({ length: ROWS + 1 }, (_, i) => (i === 0 ? ["Hạng", "Mã đơn vị", "Đơn vị"] : [i, `U${i}`, `Đơn vị ${i}`]));
  const plan: OwnedSheetPlan = { name: "Kết quả", visibility: "visible", blocks: [{ address: "A3", values: rows }], tables: [], conditionalFormats: [], charts: [] };
  expect(writtenArea(plan)).toEqual([{ top: 3, left: 1, bottom: ROWS + 3, right: 3 }]);
  expect(resultsTableRange(plan)).toBe("A3:C3");
});
