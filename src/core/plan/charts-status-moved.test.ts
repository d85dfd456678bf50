/**
 * The charts sheet's status line (A1) when the user has changed the top of the sheet since the
 * last run: a text typed in A1 stays, and the project's rule that turned the line red goes from it
 * (removeFormats), so the text is never shown as a warning; rows inserted at the top moved the
 * line down, under the first chart: the cell it moved to is cleared, its rule with it, so that the
 * sheet has one line, in A1, or none when A1 is the user's. A text of the user's is never cleared.
 */
import type { CellValue, WorkbookSnapshot } from "../types";
import { CHARTS_STATUS_CELL, sameRuleFormula } from "./charts";
import { type IndexSheetState, inputsChangedCount } from "./index-sheet";
import { clearedBy, demoSnapshot, indexState, insertRows, ownedGrid, planWithoutRadar, TWENTY } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");
const CHARTS = "Biểu đồ";
const RULE = `=${inputsChangedCount()}>0`;
const STALE = "Số liệu của 1 sở, ban, ngành đã được sửa sau lần chấm ngày 06/05/2024: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.";

const run = (snapshot: WorkbookSnapshot, previous?: IndexSheetState) => planWithoutRadar(snapshot, NOW, previous, "vi");

/** The workbook as the first run left it (A1 of the charts sheet holds the status line: "" while fresh), its charts sheet as `change` makes it. */
function afterFirstRun(change: (snapshot: WorkbookSnapshot, grid: CellValue[][]) => void) {
  const first = run(demoSnapshot(TWENTY));
  const grid = ownedGrid(first, CHARTS).map((r) => [...r]);
  expect(grid[0]![0]).toBe("");
  const snapshot = demoSnapshot(TWENTY);
  snapshot.sheets.push({ name: "Kết quả", values: ownedGrid(first, "Kết quả") }, { name: CHARTS, values: grid });
  change(snapshot, grid);
  return { snapshot, previous: indexState(first) };
}

const chartsOf = (plan: ReturnType<typeof run>) => plan.owned.find((o) => o.name === CHARTS)!;
const writesA1 = (plan: ReturnType<typeof run>) => chartsOf(plan).blocks.some((b) => b.address === CHARTS_STATUS_CELL);
const statusRecorded = (plan: ReturnType<typeof run>) => indexState(plan).owned.cells.filter((c) => c.sheet === CHARTS && c.role === "status").map((c) => c.ranges);

describe("the charts sheet's status line, the top of the sheet changed by the user", () => {
  test("the line as written: A1 the project's, written again with its rule; no rule to remove", () => {
    const { snapshot, previous } = afterFirstRun(() => undefined);
    const plan = run(snapshot, previous);
    expect(writesA1(plan)).toBe(true);
    expect(clearedBy(plan, CHARTS, "A1")).toBe(true);
    expect(chartsOf(plan).conditionalFormats.filter((c) => c.range === "A1")).toHaveLength(1);
    expect(chartsOf(plan).removeFormats).toBeUndefined();
    expect(statusRecorded(plan)).toEqual([["A1"]]);
  });

  test("a title typed in A1: it stays, no line is written nor recorded, and the plan removes the project's rule from A1 (none of the user's)", () => {
    const { snapshot, previous } = afterFirstRun((_, grid) => {
      grid[0]![0] = "Báo cáo quý IV — bản của tôi";
    });
    const plan = run(snapshot, previous);
    expect(writesA1(plan)).toBe(false);
    expect(clearedBy(plan, CHARTS, "A1")).toBe(false);
    expect(statusRecorded(plan)).toEqual([]);
    expect(chartsOf(plan).conditionalFormats).toEqual([]);
    expect(chartsOf(plan).removeFormats).toEqual([{ range: "A1", formula: RULE }]);
    expect((plan.warnings ?? []).filter((w) => w.sheet === CHARTS)).toEqual([]);
  });

  test("a row inserted at the top, left empty: the line that moved to A2 (under the first chart) is cleared with its rule, and written again in A1, once", () => {
    const { snapshot, previous } = afterFirstRun((s) => insertRows(s, CHARTS, 1, [[]]));
    const plan = run(snapshot, previous);
    expect(clearedBy(plan, CHARTS, "A2")).toBe(true);
    expect(clearedBy(plan, CHARTS, "A1")).toBe(true);
    expect(writesA1(plan)).toBe(true);
    expect(chartsOf(plan).blocks.some((b) => b.address === "A2")).toBe(false);
    expect(statusRecorded(plan)).toEqual([["A1"]]);
    expect((plan.warnings ?? []).filter((w) => w.sheet === CHARTS)).toEqual([]);
  });

  test("a row inserted at the top with a title typed in it: the title stays, the moved line (stale, as it shows once figures changed) is cleared, and the sheet has no line", () => {
    const { snapshot, previous } = afterFirstRun((s, grid) => {
      grid[0]![0] = STALE;
      insertRows(s, CHARTS, 1, [["Phụ lục 3 — biểu đồ"]]);
    });
    const plan = run(snapshot, previous);
    expect(clearedBy(plan, CHARTS, "A1")).toBe(false);
    expect(clearedBy(plan, CHARTS, "A2")).toBe(true);
    expect(writesA1(plan)).toBe(false);
    expect(statusRecorded(plan)).toEqual([]);
    expect(chartsOf(plan).removeFormats).toEqual([{ range: "A1", formula: RULE }]);
    // Neither the title nor the moved line is named as the user's.
    expect((plan.warnings ?? []).filter((w) => w.sheet === CHARTS)).toEqual([]);
  });

  test("three rows inserted, texts typed in two: the line where it moved (A4) is cleared, the texts stay; a text typed below the line's old place is never cleared", () => {
    const { snapshot, previous } = afterFirstRun((s) => insertRows(s, CHARTS, 1, [[], ["Ghi chú của tôi"], ["Một dòng nữa"]]));
    const plan = run(snapshot, previous);
    expect(clearedBy(plan, CHARTS, "A4")).toBe(true);
    expect(clearedBy(plan, CHARTS, "A2")).toBe(false);
    expect(clearedBy(plan, CHARTS, "A3")).toBe(false);
    expect(writesA1(plan)).toBe(true);
    expect(statusRecorded(plan)).toEqual([["A1"]]);
    // The line may have moved to either of the typed cells: the project's rule goes from each, should it be there.
    expect(chartsOf(plan).removeFormats).toEqual([
      { range: "A2", formula: RULE },
      { range: "A3", formula: RULE },
    ]);
  });

  test("a row inserted at the top, and a text typed over the line where it moved (A2): the text stays, the rule goes from it, and the line is written again in A1", () => {
    const { snapshot, previous } = afterFirstRun((s, grid) => {
      insertRows(s, CHARTS, 1, [[]]);
      grid[1]![0] = "Ghi chú của tôi";
    });
    const plan = run(snapshot, previous);
    expect(clearedBy(plan, CHARTS, "A2")).toBe(false);
    expect(writesA1(plan)).toBe(true);
    expect(statusRecorded(plan)).toEqual([["A1"]]);
    expect(chartsOf(plan).removeFormats).toEqual([{ range: "A2", formula: RULE }]);
  });

  test("the rule's formula is known however a spreadsheet program saved it", () => {
    expect(sameRuleFormula(RULE, `COUNTIFS(_index!$A:$A,"inputs",_index!$C:$C,">0")>0`)).toBe(true);
    expect(sameRuleFormula(RULE, `COUNTIFS('_index'!$A$1:$A$1048576,"inputs",'_index'!$C$1:$C$1048576,">0")>0`)).toBe(true);
    expect(sameRuleFormula(RULE, `COUNTIFS(_index!$A:$A,"inputs",_index!$C:$C,">0")>1`)).toBe(false);
    expect(sameRuleFormula(RULE, "$B2>5")).toBe(false);
  });
});
