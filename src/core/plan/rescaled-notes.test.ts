/**
 * The lines a scoring writes on a form for each group whose points are rescaled (some of its rows
 * left out): under the table, within its columns, so that the form prints as wide as its table and
 * at the scale of the others (fit to one page wide, a line right of the table would shrink the whole
 * form on paper, or be cut off at the page's edge). They go under what is written there (the place,
 * date and signatures), never over it; a later run writes them again in place, once, and empties
 * those of an earlier version beside the group's row right of the table.
 */
import type { CellValue, WorkbookSnapshot, WritePlan } from "../types";
import { cellAddress, parseRange } from "./a1";
import type { IndexSheetState } from "./index-sheet";
import { planResults } from "./plan";
import { planClearForm, planClearUnscoredForm } from "./sheet-edits";
import { applyEdits, demoModel, demoSnapshot, indexState, readAndScore, setCell } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");
const LINE = "Nhóm 1 — Quy đổi: 18,00 điểm trên 20 điểm tối đa của các chỉ tiêu được tính, tính theo thang 30.";
/** What an earlier version wrote beside group 1's row, right of the table. */
const OLD_LINE = "Quy đổi: 18,00 điểm trên 20 điểm tối đa của các chỉ tiêu được tính, tính theo thang 30.";

/** A run over the demo index leaving out missing figures: SO-01 without 1.1 has its group 1 rescaled. */
function run(snapshot: WorkbookSnapshot, previous?: IndexSheetState): WritePlan {
  const model = demoModel({ missing: "exclude" });
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1", now: NOW, snapshot, ...(previous ? { previous } : {}) });
}

function rescaled(): WorkbookSnapshot {
  const snapshot = demoSnapshot();
  setCell(snapshot, "SO-01", "D8", null);
  return snapshot;
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

/** The cells of a sheet that hold a line on a rescaled group, in either place. */
function lines(snapshot: WorkbookSnapshot, sheet: string): string[] {
  const out: string[] = [];
  snapshot.sheets.find((s) => s.name === sheet)!.values.forEach((line, r) =>
    line.forEach((v, c) => {
      if (typeof v === "string" && v.includes("Quy đổi")) out.push(cellAddress(r + 1, c + 1));
    }),
  );
  return out;
}

/** The place, date and signatures a form ends with (as `template` writes them), from `row` on: the signers' room empty. */
function signatures(snapshot: WorkbookSnapshot, sheet: string, row: number): void {
  setCell(snapshot, sheet, `E${row}`, "……, ngày … tháng … năm 20…");
  setCell(snapshot, sheet, `B${row + 1}`, "NGƯỜI LẬP BIỂU");
  setCell(snapshot, sheet, `E${row + 1}`, "THỦ TRƯỞNG ĐƠN VỊ");
  setCell(snapshot, sheet, `B${row + 2}`, "(Ký, ghi rõ họ tên)");
  setCell(snapshot, sheet, `E${row + 2}`, "(Ký, ghi rõ họ tên, đóng dấu)");
  setCell(snapshot, sheet, `B${row + 4}`, "……………………………………");
  setCell(snapshot, sheet, `E${row + 4}`, "……………………………………");
  const s = snapshot.sheets.find((x) => x.name === sheet)!;
  s.merges = [...(s.merges ?? []), ...[0, 1, 2, 4].map((d) => `E${row + d}:G${row + d}`)];
}

describe("the line on a rescaled group", () => {
  test("goes under the place, date and signatures written under the table, one empty row apart, and writes over none of them nor the signers' room", () => {
    const snapshot = rescaled();
    // The table ends on row 13; the signatures from row 15 to 19 (row 18, empty, is the room to sign).
    signatures(snapshot, "SO-01", 15);
    const plan = run(snapshot);
    const cells = writes(plan, "SO-01");
    expect(cells.get("B21")).toBe(LINE);
    for (let row = 14; row <= 20; row++) for (let column = 1; column <= 8; column++) expect([cellAddress(row, column), cells.has(cellAddress(row, column))]).toEqual([cellAddress(row, column), false]);
    // A second run finds it there and writes it again in place, once.
    const after = applyEdits(snapshot, plan);
    const again = run(after, indexState(plan));
    expect(lines(applyEdits(after, again), "SO-01")).toEqual(["B21"]);
    expect(writes(again, "SO-01").get("B21")).toBe(LINE);
  });

  test("goes right under the table where the rows there are free, above what the unit wrote lower down", () => {
    const snapshot = rescaled();
    setCell(snapshot, "SO-01", "B18", "Người lập biểu: Nguyễn Văn A");
    const cells = writes(run(snapshot), "SO-01");
    expect(cells.get("B15")).toBe(LINE);
    expect(cells.has("B18")).toBe(false);
    // Two rows below the table are too few for the line and an empty row on either side: it goes under the unit's line.
    const close = rescaled();
    setCell(close, "SO-01", "F16", "Đã đối chiếu");
    expect(writes(run(close), "SO-01").get("B18")).toBe(LINE);
  });

  test("a line an earlier version wrote beside the group's row, right of the table, is emptied and written under the table", () => {
    const snapshot = rescaled();
    const first = run(snapshot);
    // As an earlier version left the form: the line in H7, right of the table (A–G), recorded as its.
    const earlier = applyEdits(snapshot, first);
    setCell(earlier, "SO-01", "B15", null);
    setCell(earlier, "SO-01", "H7", OLD_LINE);
    const state = indexState(first);
    const previous: IndexSheetState = {
      ...state,
      owned: { ...state.owned, cells: state.owned.cells.map((c) => (c.sheet === "SO-01" && c.role === "score" ? { ...c, ranges: [...c.ranges.filter((r) => r !== "B15"), "H7"] } : c)) },
    };
    const plan = run(earlier, previous);
    const cells = writes(plan, "SO-01");
    expect([cells.get("H7"), cells.get("B15")]).toEqual([null, LINE]);
    expect(lines(applyEdits(earlier, plan), "SO-01")).toEqual(["B15"]);
  });

  test("an earlier version's line that moved with its row since (a row inserted above it) is emptied too, not left beside the new one", () => {
    const snapshot = rescaled();
    const first = run(snapshot);
    const earlier = applyEdits(snapshot, first);
    setCell(earlier, "SO-01", "B15", null);
    // Recorded in H7, found in H8: the row moved down one after the run that wrote it.
    setCell(earlier, "SO-01", "H8", OLD_LINE);
    const state = indexState(first);
    const previous: IndexSheetState = {
      ...state,
      owned: { ...state.owned, cells: state.owned.cells.map((c) => (c.sheet === "SO-01" && c.role === "score" ? { ...c, ranges: [...c.ranges.filter((r) => r !== "B15"), "H7"] } : c)) },
    };
    const plan = run(earlier, previous);
    expect(writes(plan, "SO-01").get("H8")).toBeNull();
    expect(lines(applyEdits(earlier, plan), "SO-01")).toEqual(["B15"]);
  });

  test("a line found under the table that `_index` does not record is written again in its place, never twice", () => {
    const snapshot = rescaled();
    const first = run(snapshot);
    // `_index` lost (the workbook scored anew from a copy): the line under the table is the project's all the same.
    const plan = run(applyEdits(snapshot, first));
    expect(lines(applyEdits(applyEdits(snapshot, first), plan), "SO-01")).toEqual(["B15"]);
  });

  test("is emptied on a form the run no longer scores, and on a copy of a scored form", () => {
    const snapshot = rescaled();
    const first = run(snapshot);
    const after = applyEdits(snapshot, first);
    const sheet = after.sheets.find((s) => s.name === "SO-01")!;
    // The form left out (recorded in `_index`): planClearForm.
    const recorded = indexState(first).owned.cells.filter((c) => c.sheet === "SO-01");
    expect(planClearForm(sheet, recorded)!.blocks.map((b) => b.address)).toContain("B15");
    // A copy (nothing recorded of it): planClearUnscoredForm, found by its summary.
    expect(planClearUnscoredForm({ ...sheet, name: "SO-01 (2)" })!.blocks.map((b) => b.address)).toContain("B15");
  });
});
