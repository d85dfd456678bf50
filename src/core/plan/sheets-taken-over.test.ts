/**
 * Sheets `_index` records as the project's that the user has made their own since (ours deleted,
 * theirs made under its name), and the project's sheets that no `_index` records (moved in from
 * another workbook, or `_index`'s rows deleted): a user's sheet is never written, and a sheet that
 * clearly is the project's is updated in place, not kept beside a `Kết quả (2)` as if it were theirs.
 */
import type { CellValue, WorkbookSnapshot } from "../types";
import { type IndexSheetState, readIndexSheet } from "./index-sheet";
import { INDEX_SHEET, ROUNDING_NOTE } from "./labels";
import { matchCharts, type FoundChart } from "./charts";
import { planResults } from "./plan";
import { clearedBy, demoModel, demoSnapshot, ownedGrid, readAndScore } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function plan(snapshot: WorkbookSnapshot, previous?: IndexSheetState) {
  const model = demoModel();
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1.2.3", now: NOW, snapshot, ...(previous ? { previous } : {}) });
}

function stateOf(p: ReturnType<typeof plan>): IndexSheetState {
  return readIndexSheet({ sheets: [{ name: INDEX_SHEET, values: ownedGrid(p, INDEX_SHEET) }] })!;
}

/** The workbook once a plan's owned sheets are written (the user's sheets stay as they are). */
function written(snapshot: WorkbookSnapshot, p: ReturnType<typeof plan>): WorkbookSnapshot {
  const ours = new Set(p.owned.map((o) => o.name));
  const gone = new Set(p.removeSheets ?? []);
  return { sheets: [...snapshot.sheets.filter((s) => !ours.has(s.name) && !gone.has(s.name)), ...p.owned.map((o) => ({ name: o.name, values: ownedGrid(p, o.name) }))] };
}

/** Every sheet a plan writes on, removes or renames. */
function touched(p: ReturnType<typeof plan>): string[] {
  return [...p.owned.map((o) => o.name), ...p.edits.map((e) => e.sheet), ...(p.removeSheets ?? []), ...(p.renameSheets ?? []).flatMap((r) => [r.from, r.to])];
}

const USERS_OWN: CellValue[][] = [["Báo cáo của tôi"], ["ghi chú", "x"], ["a", "b", "c"], [1, 2, 3]];

describe("a sheet `_index` records as the project's that the user has made their own", () => {
  test("ours deleted and a sheet of the user's made under its name: theirs is neither written nor removed; the results go to `Kết quả (2)`, and the warning that says so is true", () => {
    const first = plan(demoSnapshot());
    const after = written(demoSnapshot(), first);
    const theirs = { sheets: [...after.sheets.filter((s) => s.name !== "Kết quả"), { name: "Kết quả", values: USERS_OWN }] };
    const again = plan(theirs, stateOf(first));
    expect(again.owned.map((o) => o.name)).toEqual(["Kết quả (2)", "Biểu đồ", INDEX_SHEET]);
    expect(touched(again)).not.toContain("Kết quả");
    expect(again.warnings?.map((w) => w.vi)).toEqual([
      "Sổ đã có trang 'Kết quả' không do DTI Scorer tạo: trang này được giữ nguyên, kết quả chấm điểm được ghi vào trang 'Kết quả (2)'.",
    ]);
    // The next run goes on writing `Kết quả (2)`, and says nothing more.
    const third = plan(written(theirs, again), stateOf(again));
    expect(third.owned.map((o) => o.name)).toEqual(["Kết quả (2)", "Biểu đồ", INDEX_SHEET]);
    expect(touched(third)).not.toContain("Kết quả");
    expect(third.warnings).toBeUndefined();
  });

  test("ours renamed `KQ cũ` (kept as an old copy) and a `Kết quả` of the user's made: neither is written; the results go to `Kết quả (2)`", () => {
    const first = plan(demoSnapshot());
    const after = written(demoSnapshot(), first);
    const sheets = [...after.sheets.map((s) => (s.name === "Kết quả" ? { ...s, name: "KQ cũ" } : s)), { name: "Kết quả", values: [["Ghi chú của tôi"], ["số liệu riêng", 123]] as CellValue[][] }];
    const again = plan({ sheets }, stateOf(first));
    expect(again.owned.map((o) => o.name)).toEqual(["Kết quả (2)", "Biểu đồ", INDEX_SHEET]);
    expect(touched(again)).not.toContain("Kết quả");
    expect(touched(again)).not.toContain("KQ cũ");
    expect(again.warnings?.map((w) => w.en)).toEqual([
      "The workbook already has a sheet 'Kết quả' that DTI Scorer did not make: it is left as it is, and the scores are written to the sheet 'Kết quả (2)'.",
    ]);
  });

  test("a charts sheet of the user's under our name: the charts go to `Biểu đồ (2)`, theirs is left as it is", () => {
    const first = plan(demoSnapshot());
    const after = written(demoSnapshot(), first);
    const theirs = { sheets: [...after.sheets.filter((s) => s.name !== "Biểu đồ"), { name: "Biểu đồ", values: [["Biểu đồ của tôi"], ["x", 5]] as CellValue[][] }] };
    const again = plan(theirs, stateOf(first));
    expect(again.owned.map((o) => o.name)).toEqual(["Kết quả", "Biểu đồ (2)", INDEX_SHEET]);
    expect(touched(again)).not.toContain("Biểu đồ");
    expect(again.warnings?.[0]?.vi).toBe("Sổ đã có trang 'Biểu đồ' không do DTI Scorer tạo: trang này được giữ nguyên, các biểu đồ được ghi vào trang 'Biểu đồ (2)'.");
  });

  test("our sheet emptied by the user (nothing of theirs on it) is still ours: written in place, without a warning", () => {
    const first = plan(demoSnapshot());
    const after = written(demoSnapshot(), first);
    const emptied = { sheets: after.sheets.map((s) => (s.name === "Kết quả" ? { ...s, values: [] } : s)) };
    const again = plan(emptied, stateOf(first));
    expect(again.owned.map((o) => o.name)).toEqual(["Kết quả", "Biểu đồ", INDEX_SHEET]);
    expect(again.warnings).toBeUndefined();
  });

  test("our results sheet with the user's remarks typed beside the table is still ours", () => {
    const first = plan(demoSnapshot());
    const after = written(demoSnapshot(), first);
    const typed = { sheets: after.sheets.map((s) => (s.name === "Kết quả" ? { ...s, values: s.values.map((r, i) => (i === 0 ? [...r, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, "Đã duyệt"] : r)) } : s)) };
    const again = plan(typed, stateOf(first));
    expect(again.owned[0]!.name).toBe("Kết quả");
    expect(again.warnings).toBeUndefined();
  });
});

describe("the project's sheets without an `_index` that records them", () => {
  /** The scored workbook with `_index` gone (the sheets moved into another workbook, or `_index` deleted). */
  function withoutIndex(): { snapshot: WorkbookSnapshot; first: ReturnType<typeof plan> } {
    const first = plan(demoSnapshot());
    const after = written(demoSnapshot(), first);
    return { first, snapshot: { sheets: after.sheets.filter((s) => s.name !== INDEX_SHEET) } };
  }

  test("a results sheet and a charts sheet that hold the project's table and charts' data are taken for the project's and updated in place: no `(2)` sheets, no warning", () => {
    const { snapshot } = withoutIndex();
    const again = plan(snapshot);
    expect(again.owned.map((o) => o.name)).toEqual(["Kết quả", "Biểu đồ", INDEX_SHEET]);
    expect(again.warnings).toBeUndefined();
    expect(stateOf(again).owned.sheets).toEqual(["Kết quả", "Biểu đồ", INDEX_SHEET]);
  });

  test("what the user typed beside the adopted results table stays (only the project's cells are cleared); the project's line under the table is its own, not named as overwritten", () => {
    const { snapshot } = withoutIndex();
    const results = snapshot.sheets.find((s) => s.name === "Kết quả")!;
    const width = results.values[2]!.length;
    // A remark two columns right of the table, on a unit's row, and the rounding line under the table.
    const row = results.values[3]!;
    row[width + 1] = "Đã duyệt";
    const rounding = results.values.length + 1;
    results.values[rounding - 1] = [ROUNDING_NOTE.vi];
    const again = plan(snapshot);
    const sheet = again.owned.find((o) => o.name === "Kết quả")!;
    expect(sheet.clear).toBeDefined();
    expect(clearedBy(again, "Kết quả", "A4")).toBe(true);
    expect(clearedBy(again, "Kết quả", `A${rounding}`)).toBe(true);
    const remark = String.fromCharCode(65 + width + 1);
    expect(clearedBy(again, "Kết quả", `${remark}4`)).toBe(false);
    expect(again.warnings).toBeUndefined();
  });

  test("an `_index` that lost its rows naming the results sheet: the sheet is still taken for the project's, with the cells `_index` records there", () => {
    const first = plan(demoSnapshot());
    const state = stateOf(first);
    const lost: IndexSheetState = { ...state, owned: { ...state.owned, sheets: state.owned.sheets.filter((n) => n !== "Kết quả") } };
    const again = plan(written(demoSnapshot(), first), lost);
    expect(again.owned.map((o) => o.name)).toEqual(["Kết quả", "Biểu đồ", INDEX_SHEET]);
    expect(again.warnings).toBeUndefined();
  });

  test("a sheet of the user's under our name that holds none of the project's is not taken: ours is `Kết quả (2)`, with the warning", () => {
    const again = plan({ sheets: [...demoSnapshot().sheets, { name: "Kết quả", values: USERS_OWN }] });
    expect(again.owned.map((o) => o.name)).toEqual(["Kết quả (2)", "Biểu đồ", INDEX_SHEET]);
    expect(again.warnings).toHaveLength(1);
  });
});

describe("the project's charts found again on their sheet", () => {
  const planned = () => {
    const p = plan(demoSnapshot());
    return p.owned.find((o) => o.name === "Biểu đồ")!.charts;
  };
  const asFound = (c: ReturnType<typeof planned>[number], name = c.name): FoundChart => ({ name, kind: c.kind, title: c.title, series: c.series.map((s) => s.name) });

  test("by name first; a chart the user renamed, still of the project's kind and title or series, is the project's, under the user's name", () => {
    const charts = planned();
    const [total, groups] = charts;
    const found = [asFound(total!, "Biểu đồ tổng điểm của tôi"), asFound(groups!)];
    const match = matchCharts(charts, found);
    expect(match.get(total!.name)).toBe(0);
    expect(match.get(groups!.name)).toBe(1);
    // Retitled by the user too, it is still known by its series.
    expect(matchCharts(charts, [{ ...found[0]!, title: "Của tôi" }, found[1]!]).get(total!.name)).toBe(0);
  });

  test("a chart of the user's own is never taken: another kind, other titles and series, a name shared with another chart, or two alike", () => {
    const charts = planned();
    const total = charts[0]!;
    const mine: FoundChart = { name: "Biểu đồ của tôi", kind: total.kind, title: "Của tôi", series: ["Doanh thu"] };
    expect(matchCharts(charts, [mine]).has(total.name)).toBe(false);
    expect(matchCharts(charts, [{ ...asFound(total, "X"), kind: "radar" }]).has(total.name)).toBe(false);
    expect(matchCharts(charts, [asFound(total, "X"), { ...mine, name: "X" }]).has(total.name)).toBe(false);
    expect(matchCharts(charts, [asFound(total, "A"), asFound(total, "B")]).has(total.name)).toBe(false);
  });
});
