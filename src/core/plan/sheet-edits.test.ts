/**
 * Merged cells on a unit's form: a merged cell reads as empty, yet writing into it writes into the
 * merge (a unit name merged across B1:I1 would be replaced by a score). The project never plans a
 * write into a merge: the summary goes where none of its cells is merged, a new `Điểm` column
 * where none of its cells is, and a cell of an existing `Điểm` column that is merged is skipped
 * with a warning that names it.
 */
import type { CellValue, WorkbookSnapshot, WritePlan } from "../types";
import { cellAddress, parseRange, rangeCells } from "./a1";
import { type IndexSheetState, readIndexSheet } from "./index-sheet";
import { INDEX_SHEET } from "./labels";
import { planResults } from "./plan";
import { applyEdits, demoModel, demoSnapshot, ownedGrid, readAndScore, setCell } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function run(snapshot: WorkbookSnapshot, lang: "vi" | "en" = "vi", previous?: IndexSheetState): WritePlan {
  const model = demoModel();
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, { lang, projectVersion: "1", now: NOW, snapshot, ...(previous ? { previous } : {}) });
}

function indexState(plan: WritePlan): IndexSheetState {
  const state = readIndexSheet({ sheets: [{ name: INDEX_SHEET, values: ownedGrid(plan, INDEX_SHEET) }] });
  if (!state) throw new Error("no _index state");
  return state;
}

/** Every cell an edit of `sheet` writes, by address. */
function writes(plan: WritePlan, sheet: string): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  for (const b of plan.edits.find((e) => e.sheet === sheet)?.blocks ?? []) {
    const { top, left } = parseRange(b.address);
    b.values.forEach((vals, r) => vals.forEach((v, c) => out.set(cellAddress(top + r, left + c), v)));
  }
  return out;
}

function merge(snapshot: WorkbookSnapshot, sheet: string, ...ranges: string[]): void {
  const s = snapshot.sheets.find((x) => x.name === sheet)!;
  s.merges = [...(s.merges ?? []), ...ranges];
}

/** The demo form of SO-01 with its unit name typed long and merged across B1:I1. */
function longName(): WorkbookSnapshot {
  const snapshot = demoSnapshot();
  setCell(snapshot, "SO-01", "B1", "Sở Thông tin và Truyền thông tỉnh Bà Rịa - Vũng Tàu");
  merge(snapshot, "SO-01", "B1:I1");
  return snapshot;
}

describe("merged cells on a form", () => {
  test("a unit name merged across B1:I1 is left whole: the summary goes right of the merge", () => {
    const plan = run(longName());
    const cells = writes(plan, "SO-01");
    for (const a of rangeCells("B1:I1")) expect(cells.has(a)).toBe(false);
    expect([cells.get("J1"), cells.get("K1"), cells.get("J2"), cells.get("K2")]).toEqual(["Tổng điểm", 56.5, "Hạng", "1/3"]);
    expect(indexState(plan).owned.cells.find((c) => c.sheet === "SO-01" && c.role === "summary")!.ranges).toEqual(["J1:K2"]);
    // The other forms, without merges, keep the usual place.
    expect(writes(plan, "SO-02").get("D1")).toBe("Tổng điểm");
    expect(plan.warnings ?? []).toEqual([]);
  });

  test("a merged title row in row 2 moves the summary past it too", () => {
    const snapshot = demoSnapshot();
    merge(snapshot, "SO-01", "C2:F2");
    const cells = writes(run(snapshot), "SO-01");
    for (const a of rangeCells("C2:F2")) expect(cells.has(a)).toBe(false);
    expect(cells.get("G1")).toBe("Tổng điểm");
  });

  test("a summary the user has since merged cells over is written afresh clear of the merge", () => {
    const first = run(demoSnapshot());
    const after = applyEdits(demoSnapshot(), first);
    // The user merges D1:E1 (the summary's first row) to widen a heading of their own.
    merge(after, "SO-01", "D1:E1");
    const cells = writes(run(after, "vi", indexState(first)), "SO-01");
    for (const a of ["D1", "E1"]) expect(cells.has(a)).toBe(false);
    expect([cells.get("F1"), cells.get("G1"), cells.get("F2"), cells.get("G2")]).toEqual(["Tổng điểm", 56.5, "Hạng", "1/3"]);
    // The old summary's second row, outside the merge, is emptied: the rank does not show twice.
    expect([cells.get("D2"), cells.get("E2")]).toEqual([null, null]);
  });

  test("a new Điểm column goes where none of its cells is merged", () => {
    const snapshot = demoSnapshot();
    // The notes of 1.1 (row 8) merged across G8:H8, right of the table.
    merge(snapshot, "SO-01", "G8:H8");
    const plan = run(snapshot);
    const cells = writes(plan, "SO-01");
    expect(cells.get("I6")).toBe("Điểm");
    expect(cells.get("I8")).toBe(10);
    for (const a of ["G6", "G8", "H8"]) expect(cells.has(a)).toBe(false);
    expect(plan.warnings ?? []).toEqual([]);
  });

  test("a cell of the form's own Điểm column inside a merge is skipped, and the write names it in both languages", () => {
    const snapshot = demoSnapshot();
    setCell(snapshot, "SO-01", "G6", "Điểm");
    merge(snapshot, "SO-01", "G8:H8", "G13:H13");
    const plan = run(snapshot);
    const cells = writes(plan, "SO-01");
    expect(cells.has("G8")).toBe(false);
    expect(cells.has("G13")).toBe(false);
    expect(cells.get("G7")).toBe(28); // the other rows are scored as usual
    expect(plan.warnings).toEqual([
      {
        vi: "Trang 'SO-01': 2 ô G8, G13 của cột Điểm nằm trong vùng gộp ô nên không được ghi điểm; hãy bỏ gộp ô rồi chấm lại.",
        en: "Sheet 'SO-01': 2 cells G8, G13 of the Score column are inside merged cells, so their scores are not written; unmerge the cells and score again.",
      },
    ]);
    // Not recorded as the project's: a later run does not empty them.
    expect(indexState(plan).owned.cells.find((c) => c.sheet === "SO-01" && c.role === "score")!.ranges).toEqual(["G7", "G9", "G12"]);
  });

  test("one merged Điểm cell is named on its own", () => {
    const snapshot = demoSnapshot();
    setCell(snapshot, "SO-02", "G6", "Điểm");
    merge(snapshot, "SO-02", "G9:H9");
    expect(run(snapshot, "en").warnings).toEqual([
      {
        vi: "Trang 'SO-02': ô G9 của cột Điểm nằm trong vùng gộp ô nên không được ghi điểm; hãy bỏ gộp ô rồi chấm lại.",
        en: "Sheet 'SO-02': cell G9 of the Score column is inside merged cells, so its score is not written; unmerge the cells and score again.",
      },
    ]);
  });
});
