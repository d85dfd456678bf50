/** The plan of a run in the other language than the last one: the last run's sheets are renamed, not removed and made anew. */
import type { ChartKind, WorkbookSnapshot } from "../types";
import { type IndexSheetState, readIndexSheet } from "./index-sheet";
import { INDEX_SHEET } from "./labels";
import { planResults } from "./plan";
import { clearedBy, demoModel, demoSnapshot, ownedGrid, readAndScore } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function plan(snapshot: WorkbookSnapshot, lang: "vi" | "en", previous?: IndexSheetState, kinds?: ChartKind[]) {
  const model = demoModel();
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, { lang, projectVersion: "1.2.3", now: NOW, snapshot, ...(previous ? { previous } : {}), ...(kinds ? { charts: { kinds } } : {}) });
}

function stateOf(p: ReturnType<typeof plan>): IndexSheetState {
  return readIndexSheet({ sheets: [{ name: INDEX_SHEET, values: ownedGrid(p, INDEX_SHEET) }] })!;
}

/** The snapshot after a plan is carried out (renames first, then the owned sheets written). */
function written(snapshot: WorkbookSnapshot, p: ReturnType<typeof plan>): WorkbookSnapshot {
  const renamed = snapshot.sheets.map((s) => ({ ...s, name: p.renameSheets?.find((r) => r.from === s.name)?.to ?? s.name }));
  const ours = new Set(p.owned.map((o) => o.name));
  const gone = new Set(p.removeSheets ?? []);
  return { sheets: [...renamed.filter((s) => !ours.has(s.name) && !gone.has(s.name)), ...p.owned.map((o) => ({ name: o.name, values: ownedGrid(p, o.name) }))] };
}

describe("a run in the other language than the last one", () => {
  test("renames `Kết quả` and `Biểu đồ` to `Results` and `Charts` instead of removing them; _index records the new names, and the charts not written this run on `Charts`", () => {
    const first = plan(demoSnapshot(), "vi");
    const en = plan(written(demoSnapshot(), first), "en", stateOf(first), ["barSorted"]);
    expect(en.renameSheets).toEqual([
      { from: "Kết quả", to: "Results" },
      { from: "Biểu đồ", to: "Charts" },
    ]);
    expect(en.removeSheets).toBeUndefined();
    expect(en.warnings).toBeUndefined();
    expect(en.owned.map((o) => o.name)).toEqual(["Results", "Charts", INDEX_SHEET]);
    const state = stateOf(en);
    expect(state.owned.sheets).toEqual(["Results", "Charts", INDEX_SHEET]);
    expect(state.owned.charts).toHaveLength(3);
    expect(state.owned.charts.every((c) => c.sheet === "Charts")).toBe(true);
    expect(state.owned.cells.filter((c) => c.role === "table").map((c) => c.sheet)).toEqual(["Results"]);

    // And back: the English names are renamed to the Vietnamese ones.
    const vi = plan(written(written(demoSnapshot(), first), en), "vi", state);
    expect(vi.renameSheets).toEqual([
      { from: "Results", to: "Kết quả" },
      { from: "Charts", to: "Biểu đồ" },
    ]);
    expect(vi.removeSheets).toBeUndefined();
    expect(stateOf(vi).owned.sheets).toEqual(["Kết quả", "Biểu đồ", INDEX_SHEET]);
  });

  test("the same language again renames nothing; a sheet of ours the user deleted is made anew, the other is renamed", () => {
    const first = plan(demoSnapshot(), "vi");
    const after = written(demoSnapshot(), first);
    expect(plan(after, "vi", stateOf(first)).renameSheets).toBeUndefined();
    const noCharts = { sheets: after.sheets.filter((s) => s.name !== "Biểu đồ") };
    const en = plan(noCharts, "en", stateOf(first));
    expect(en.renameSheets).toEqual([{ from: "Kết quả", to: "Results" }]);
    expect(en.owned.map((o) => o.name)).toEqual(["Results", "Charts", INDEX_SHEET]);
  });

  test("the sheet is renamed as the workbook spells it, and cells the user typed on it stay under its new name", () => {
    const first = plan(demoSnapshot(), "vi");
    const after = written(demoSnapshot(), first);
    const typed = {
      sheets: after.sheets.map((s) => (s.name === "Kết quả" ? { ...s, name: "KẾT QUẢ", values: [...s.values.map((r) => [...r]), [], [], ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "hỏi lại"]] } : s)),
    };
    const en = plan(typed, "en", stateOf(first));
    expect(en.renameSheets?.[0]).toEqual({ from: "KẾT QUẢ", to: "Results" });
    // What the user typed on it stays: only the last run's cells and this run's are cleared.
    expect(en.warnings ?? []).toEqual([]);
    const row = typed.sheets.find((s) => s.name === "KẾT QUẢ")!.values.length;
    expect(clearedBy(en, "Results", `Y${row}`)).toBe(false);
    expect(clearedBy(en, "Results", "A3")).toBe(true);
  });

  test("a user's own `Results` is never renamed over: ours becomes `Results (2)`, with the warning naming both", () => {
    const first = plan(demoSnapshot(), "vi");
    const after = written(demoSnapshot(), first);
    const mine = { sheets: [...after.sheets, { name: "Results", values: [["Bảng của tôi"]] }] };
    const en = plan(mine, "en", stateOf(first));
    expect(en.renameSheets).toEqual([
      { from: "Kết quả", to: "Results (2)" },
      { from: "Biểu đồ", to: "Charts" },
    ]);
    expect(en.warnings).toHaveLength(1);
    expect(en.warnings![0]!.vi).toContain("'Results (2)'");
  });
});
