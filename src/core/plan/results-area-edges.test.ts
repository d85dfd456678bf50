/**
 * A merged area the analyst made on the results sheet that reaches into the cells the project
 * owns there (the table, its lines) is cleared whole on the next run: the plan's `clear` covers
 * all of it, not only its part over the table: were only that part cleared, the rest of its
 * cells would keep the merge's look (its fill, its borders) beside the new table once Excel has
 * unmerged it. A merge wholly outside the project's cells is the analyst's and stays.
 */
import type { CellValue } from "../types";
import { columnLetter } from "./a1";
import { clearedBy, demoSnapshot, indexState, ownedGrid, planWithoutRadar, TWENTY } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

describe("merges the analyst made on the results sheet", () => {
  const first = planWithoutRadar(demoSnapshot(TWENTY), NOW);
  const results: CellValue[][] = ownedGrid(first, "Kết quả").map((r) => [...r]);
  // The table takes A3 to its last column on row 23 (twenty departments).
  const width = results[2]!.length;
  const last = columnLetter(width);
  const beside = columnLetter(width + 1);
  const twoBeside = columnLetter(width + 2);
  const away = [columnLetter(width + 4), columnLetter(width + 5)];

  const rerun = () => {
    const snapshot = demoSnapshot(TWENTY);
    snapshot.sheets.push({
      name: "Kết quả",
      values: results,
      merges: [`${last}10:${twoBeside}10`, `B22:C27`, `${away[0]}5:${away[1]}6`],
    });
    return planWithoutRadar(snapshot, NOW, indexState(first));
  };

  test("one reaching from the table's last column to the right is cleared whole", () => {
    const plan = rerun();
    for (const cell of [`${last}10`, `${beside}10`, `${twoBeside}10`]) expect([cell, clearedBy(plan, "Kết quả", cell)]).toEqual([cell, true]);
    // The cells beside it on other rows are the analyst's.
    expect(clearedBy(plan, "Kết quả", `${beside}11`)).toBe(false);
  });

  test("one reaching from the table's last rows down past it is cleared whole, to its last row", () => {
    const plan = rerun();
    for (const cell of ["B22", "C24", "B27", "C27"]) expect([cell, clearedBy(plan, "Kết quả", cell)]).toEqual([cell, true]);
  });

  test("one wholly outside the project's cells is not cleared, and the run warns of nothing", () => {
    const plan = rerun();
    for (const cell of [`${away[0]}5`, `${away[1]}6`]) expect([cell, clearedBy(plan, "Kết quả", cell)]).toEqual([cell, false]);
    expect(plan.warnings ?? []).toEqual([]);
  });
});
