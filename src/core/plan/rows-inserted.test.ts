/**
 * A second run after the user inserted rows into a unit's form: the addresses `_index` recorded
 * are those of the last run, and what the user typed in the inserted rows must stay as it is.
 */
import type { WorkbookSnapshot, WritePlan } from "../types";
import { parseRange } from "./a1";
import { type IndexSheetState, planIndexSheet } from "./index-sheet";
import { INDEX_SHEET } from "./labels";
import { locateMarks, planResults, relocateMarks } from "./plan";
import { applyEdits, demoModel, demoSnapshot, indexState, insertRows, readAndScore, setCell } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function run(snapshot: WorkbookSnapshot, previous?: IndexSheetState, model = demoModel()) {
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1.2.3", now: NOW, snapshot, ...(previous ? { previous } : {}) });
}

/** Every cell an edit of `sheet` writes (empties included), by address. */
function writes(plan: WritePlan, sheet: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const b of plan.edits.find((e) => e.sheet === sheet)?.blocks ?? []) {
    const { top, left } = parseRange(b.address);
    b.values.forEach((vals, r) => vals.forEach((v, c) => out.set(`${String.fromCharCode(64 + left + c)}${top + r}`, v)));
  }
  return out;
}

describe("a second run after the user inserted rows", () => {
  test("the summary is found where the inserted rows moved it and rewritten there; the user's cells above stay as typed", () => {
    const first = run(demoSnapshot());
    expect(writes(first, "SO-01").get("D1")).toBe("Tổng điểm");
    const after = applyEdits(demoSnapshot(), first);
    insertRows(after, "SO-01", 1, [
      ["Tiêu đề riêng", null, null, "Người lập: An", "Ngày: 1/12"],
      [null, null, null, "D2 của tôi", "E2 của tôi"],
    ]);
    const second = run(after, indexState(first));
    const cells = writes(second, "SO-01");
    for (const a of ["D1", "E1", "D2", "E2"]) expect(cells.has(a)).toBe(false);
    expect([cells.get("D3"), cells.get("E3"), cells.get("D4"), cells.get("E4")]).toEqual(["Tổng điểm", 56.5, "Hạng", "1/3"]);
    expect(indexState(second).owned.cells.find((c) => c.sheet === "SO-01" && c.role === "summary")?.ranges).toEqual(["D3:E4"]);
    // The scores go to the table's rows where they are now (the header is found by the reader).
    expect(cells.get("G9")).toBe(28); // node 1 of SO-01: 10 + 20 × 90/100
  });

  test("a summary in English, or moved right by inserted columns, is found by its labels too", () => {
    const first = planResults(demoModel(), readAndScore(demoSnapshot()).table, [], readAndScore(demoSnapshot()).submissions, { lang: "en", projectVersion: "1", now: NOW, snapshot: demoSnapshot() });
    const after = applyEdits(demoSnapshot(), first);
    // Two columns inserted before D in rows 1–2 only (the user's own cells), moving the summary to F1.
    const sheet = after.sheets[0]!;
    for (const r of [0, 1]) sheet.values[r]!.splice(3, 0, r === 0 ? "Ghi chú" : null, null);
    const second = run(after, indexState(first));
    const cells = writes(second, "SO-01");
    expect(cells.has("D1")).toBe(false);
    expect([cells.get("F1"), cells.get("F2")]).toEqual(["Tổng điểm", "Hạng"]);
  });

  test("without its summary on the sheet (the user deleted it), the new one goes to a free place, never over the user's text", () => {
    const first = run(demoSnapshot());
    const after = applyEdits(demoSnapshot(), first);
    for (const a of ["D1", "E1", "D2", "E2"]) setCell(after, "SO-01", a, null);
    setCell(after, "SO-01", "D1", "Của tôi");
    const cells = writes(run(after, indexState(first)), "SO-01");
    expect(cells.has("D1")).toBe(false);
    expect(cells.get("E1")).toBe("Tổng điểm");
  });

  test("a cell of the Điểm column on an inserted row keeps what the user typed; the rows with codes get their scores", () => {
    const first = run(demoSnapshot());
    // Recorded score cells: G7:G9 and G12:G13.
    expect(indexState(first).owned.cells.find((c) => c.sheet === "SO-01" && c.role === "score")?.ranges).toEqual(["G7:G9", "G12:G13"]);
    const after = applyEdits(demoSnapshot(), first);
    insertRows(after, "SO-01", 9, [[null, "Dòng thêm của người dùng", null, null, null, null, "ô G của người dùng"]]);
    const second = run(after, indexState(first));
    const cells = writes(second, "SO-01");
    expect(cells.has("G9")).toBe(false);
    expect([cells.get("G7"), cells.get("G8"), cells.get("G10"), cells.get("G13"), cells.get("G14")]).toEqual([28, 10, 18, 28.5, 28.5]);
    expect(indexState(second).owned.cells.find((c) => c.sheet === "SO-01" && c.role === "score")?.ranges).toEqual(["G7:G8", "G10", "G13:G14"]);
  });

  test("the score of a row whose code the index no longer has is emptied; the user's text on such a row stays", () => {
    const first = run(demoSnapshot());
    const after = applyEdits(demoSnapshot(), first);
    setCell(after, "SO-01", "A8", "1.9"); // 1.1's row now carries a code the index does not know
    setCell(after, "SO-02", "A8", "1.9");
    setCell(after, "SO-02", "G8", "để xem lại");
    const second = run(after, indexState(first));
    expect(writes(second, "SO-01").get("G8")).toBeNull();
    expect(writes(second, "SO-02").has("G8")).toBe(false);
  });
});

describe("finding the marks of the last run", () => {
  const S = "SO-02";
  test("rows inserted above: each mark is found where its note went, and its recorded fill goes with it", () => {
    const recorded = [
      { sheet: S, cell: "D10", fill: "#00FF00" },
      { sheet: S, cell: "D13" },
    ];
    const notes = [
      { sheet: S, cell: "D12", ours: true },
      { sheet: S, cell: "D15", ours: true },
      { sheet: S, cell: "B2", ours: false },
      { sheet: "other", cell: "D10", ours: true },
    ];
    // The project's note on a sheet without recorded marks (a copy of SO-02 made before the rows
    // were inserted) is cleared too, with the fill recorded for a mark at its address.
    expect(locateMarks(recorded, notes)).toEqual([
      { sheet: S, cell: "D12", fill: "#00FF00" },
      { sheet: S, cell: "D15" },
      { sheet: "other", cell: "D10", fill: "#00FF00" },
    ]);
  });

  test("a row inserted between two marks moves only the second", () => {
    const recorded = [
      { sheet: S, cell: "D10", fill: "#111111" },
      { sheet: S, cell: "D20", fill: "#222222" },
    ];
    expect(locateMarks(recorded, [{ sheet: S, cell: "D10", ours: true }, { sheet: S, cell: "D21", ours: true }])).toEqual([
      { sheet: S, cell: "D10", fill: "#111111" },
      { sheet: S, cell: "D21", fill: "#222222" },
    ]);
  });

  test("a mark whose note the user removed is left alone; a note of the project's with no record is cleared without a fill", () => {
    const recorded = [
      { sheet: S, cell: "D10", fill: "#111111" },
      { sheet: S, cell: "D13", fill: "#222222" },
    ];
    expect(locateMarks(recorded, [{ sheet: S, cell: "D13", ours: true }])).toEqual([{ sheet: S, cell: "D13", fill: "#222222" }]);
    expect(locateMarks(recorded.slice(1), [{ sheet: S, cell: "D13", ours: true }, { sheet: S, cell: "D40", ours: true }])).toEqual([
      { sheet: S, cell: "D13", fill: "#222222" },
      { sheet: S, cell: "D40" },
    ]);
  });

  test("a mark set by fill alone on a cell with the user's note moves as the nearest mark moved", () => {
    const recorded = [
      { sheet: S, cell: "D10", fill: "#111111" },
      { sheet: S, cell: "D13" },
    ];
    const notes = [
      { sheet: S, cell: "D12", ours: false },
      { sheet: S, cell: "D15", ours: true },
    ];
    expect(locateMarks(recorded, notes)).toEqual([
      { sheet: S, cell: "D15" },
      { sheet: S, cell: "D12", fill: "#111111" },
    ]);
    // Nothing found there: nothing is done.
    expect(locateMarks(recorded, [{ sheet: S, cell: "D15", ours: true }])).toEqual([{ sheet: S, cell: "D15" }]);
  });

  test("_index records, for a new mark on a moved mark's cell, that mark's own fill, and for a recorded address now holding another cell, that cell's fill", () => {
    const marks = [
      { sheet: S, cell: "D10", severity: "error" as const, note: "[DTI Scorer]\nx" },
      { sheet: S, cell: "D12", severity: "error" as const, note: "[DTI Scorer]\ny" },
    ];
    // What the planner recorded from the snapshot: D10 by its address last run, D12 by its fill now (the mark's red).
    const index = planIndexSheet({ owned: { sheets: [INDEX_SHEET], charts: [], cells: [] }, marks: [{ sheet: S, cell: "D10", fill: "#00FF00" }, { sheet: S, cell: "D12", fill: "#FFC7CE" }] });
    const plan: WritePlan = { lang: "vi", owned: [index], edits: [], marks, clearMarks: [{ sheet: S, cell: "D10", fill: "#00FF00" }] };
    const moved = relocateMarks(plan, [{ sheet: S, cell: "D12", ours: true }], (_s, cell) => (cell === "D10" ? "#FFF2CC" : undefined));
    expect(moved.clearMarks).toEqual([{ sheet: S, cell: "D12", fill: "#00FF00" }]);
    expect(indexState(moved).marks).toEqual([
      { sheet: S, cell: "D10", fill: "#FFF2CC" },
      { sheet: S, cell: "D12", fill: "#00FF00" },
    ]);
    // Nothing moved (the user removed the note): the planner's record holds.
    const kept = relocateMarks(plan, [], () => "#FFC7CE");
    expect(kept.clearMarks).toEqual([]);
    expect(indexState(kept).marks).toEqual(indexState(plan).marks);
  });
});
