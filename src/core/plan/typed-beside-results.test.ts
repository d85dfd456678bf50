/**
 * What the analyst typed on the results sheet between two runs, beside the table or right under
 * it, is wiped when the sheet is written again: the run names it in a warning. `_index` records
 * the range the table took, so that a column added beside the table or a line typed under it is
 * told from the table itself.
 */
import type { CellValue, WorkbookSnapshot } from "../types";
import { columnLetter, parseRange } from "./a1";
import { type IndexSheetState } from "./index-sheet";
import { planResults } from "./plan";
import { DEMO_UNITS, demoModel, demoSnapshot, indexState, ownedGrid, readAndScore, type DemoUnit } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

/** Twenty departments, the demo's three over again under codes of their own. */
const TWENTY: DemoUnit[] = Array.from({ length: 20 }, (_, i) => {
  const base = DEMO_UNITS[i % DEMO_UNITS.length]!;
  const n = String(i + 1).padStart(2, "0");
  return { ...base, code: `SO-${n}`, name: `Sở số ${n}` };
});

function run(snapshot: WorkbookSnapshot, previous?: IndexSheetState, lang: "vi" | "en" = "vi") {
  const model = demoModel();
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, { lang, projectVersion: "1.2.3", now: NOW, snapshot, ...(previous ? { previous } : {}) });
}

/** The workbook as the first run left it, with the results sheet as `type` changes it. */
function afterFirstRun(type: (results: CellValue[][]) => void, dropTableRecord = false) {
  const first = run(demoSnapshot(TWENTY));
  const results = ownedGrid(first, "Kết quả").map((r) => [...r]);
  type(results);
  const snapshot = demoSnapshot(TWENTY);
  snapshot.sheets.push({ name: "Kết quả", values: results });
  const previous = indexState(first);
  if (dropTableRecord) previous.owned.cells = previous.owned.cells.filter((c) => c.role !== "table");
  return { first, snapshot, previous };
}

function put(grid: CellValue[][], row: number, column: number, value: CellValue): void {
  const line = (grid[row - 1] ??= []);
  while (line.length < column) line.push(null);
  line[column - 1] = value;
}

describe("what the analyst typed beside the results table", () => {
  test("_index records the range the table took, header and rows", () => {
    const plan = run(demoSnapshot(TWENTY));
    const header = ownedGrid(plan, "Kết quả")[2]!;
    expect(indexState(plan).owned.cells.filter((c) => c.role === "table")).toEqual([
      { sheet: "Kết quả", role: "table", ranges: [`A3:${columnLetter(header.length)}23`] },
    ]);
    const table = plan.owned.find((o) => o.name === "Kết quả")!.tables[0]!;
    expect(parseRange(table.range)).toEqual(parseRange(`A3:${columnLetter(header.length)}23`));
  });

  test("a column the analyst added to the table, with a comment per department, is named in the warning of the run that wipes it", () => {
    let column = 0;
    const { snapshot, previous } = afterFirstRun((results) => {
      column = results[2]!.length + 1;
      put(results, 3, column, "Nhận xét của Hội đồng");
      for (let u = 0; u < 20; u++) put(results, 4 + u, column, `Đã xem xét hồ sơ ${u + 1}`);
    });
    const plan = run(snapshot, previous);
    const letter = columnLetter(column);
    expect((plan.warnings ?? []).map((w) => w.vi)).toEqual([
      `Trang 'Kết quả' do DTI Scorer quản lý: 21 ô bạn nhập (${letter}3, ${letter}4, ${letter}5, ${letter}6, ${letter}7, …) đã bị ghi đè; hãy ghi chú ở trang khác.`,
    ]);
    expect(plan.warnings![0]!.en).toBe(
      `The sheet 'Kết quả' is managed by DTI Scorer: 21 cells you typed (${letter}3, ${letter}4, ${letter}5, ${letter}6, ${letter}7, …) were overwritten; keep notes on another sheet.`,
    );
  });

  test("a line typed right under the table, with text in B and C, is named too", () => {
    const { snapshot, previous } = afterFirstRun((results) => {
      put(results, 24, 2, "Ghi chú");
      put(results, 24, 3, "Số liệu của Sở số 07 cần xác minh lại");
    });
    const plan = run(snapshot, previous);
    expect((plan.warnings ?? []).map((w) => w.vi)).toEqual(["Trang 'Kết quả' do DTI Scorer quản lý: 2 ô bạn nhập (B24, C24) đã bị ghi đè; hãy ghi chú ở trang khác."]);
  });

  test("the table as the last run wrote it, and a table that lost rows since (fewer units), are the project's: no warning", () => {
    const same = afterFirstRun(() => undefined);
    expect(run(same.snapshot, same.previous).warnings ?? []).toEqual([]);
    // Five departments fewer this time: the sheet still shows the twenty rows of the last run.
    const fewer = demoSnapshot(TWENTY.slice(0, 15));
    fewer.sheets.push(same.snapshot.sheets.find((s) => s.name === "Kết quả")!);
    const plan = run(fewer, same.previous);
    expect(plan.warnings ?? []).toEqual([]);
    // And the next run records the smaller table.
    expect(indexState(plan).owned.cells.find((c) => c.role === "table")!.ranges[0]!.endsWith("18")).toBe(true);
  });

  test("a workbook whose _index does not record the table (scored by an earlier version) is measured as before: its own table is not taken for typing", () => {
    const untouched = afterFirstRun(() => undefined, true);
    expect(run(untouched.snapshot, untouched.previous).warnings ?? []).toEqual([]);
    const typed = afterFirstRun((results) => put(results, 30, 8, "hỏi lại"), true);
    expect((run(typed.snapshot, typed.previous).warnings ?? []).map((w) => w.vi)).toEqual([
      "Trang 'Kết quả' do DTI Scorer quản lý: 1 ô bạn nhập (H30) đã bị ghi đè; hãy ghi chú ở trang khác.",
    ]);
  });
});
