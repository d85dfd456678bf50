/**
 * Merged cells on a unit's form: a merged cell reads as empty, yet writing into it writes into the
 * merge (a unit name merged across B1:I1 would be replaced by a score). The project never plans a
 * write into a merge: the summary goes where none of its cells is merged, a new `Điểm` column
 * where none of its cells is, and a cell of an existing `Điểm` column that is merged is skipped
 * with a warning that names it.
 */
import type { CellValue, WorkbookSnapshot, WritePlan } from "../types";
import { cellAddress, parseRange, rangeCells } from "./a1";
import { type IndexSheetState } from "./index-sheet";
import { planResults } from "./plan";
import { formLanguage, planClearForm } from "./sheet-edits";
import { applyEdits, DEMO_DEFINITION, demoModel, demoSnapshot, indexState, readAndScore, setCell } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function run(snapshot: WorkbookSnapshot, lang: "vi" | "en" = "vi", previous?: IndexSheetState): WritePlan {
  const model = demoModel();
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, { lang, projectVersion: "1", now: NOW, snapshot, ...(previous ? { previous } : {}) });
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
        sheet: "SO-01",
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
        sheet: "SO-02",
        vi: "Trang 'SO-02': ô G9 của cột Điểm nằm trong vùng gộp ô nên không được ghi điểm; hãy bỏ gộp ô rồi chấm lại.",
        en: "Sheet 'SO-02': cell G9 of the Score column is inside merged cells, so its score is not written; unmerge the cells and score again.",
      },
    ]);
  });
});

describe("the form's language", () => {
  /** The demo form of SO-01 with its labels typed in English. */
  function english(snapshot = demoSnapshot(), sheet = "SO-01"): WorkbookSnapshot {
    const labels: [string, string][] = [["A1", "Unit"], ["A2", "Unit code"], ["A3", "Category"], ["A4", "Index"], ["A6", "Code"], ["B6", "Item"], ["C6", "Max points"], ["D6", "Value"], ["E6", "Evidence"], ["F6", "Note"]];
    for (const [a, v] of labels) setCell(snapshot, sheet, a, v);
    return snapshot;
  }
  const sheetOf = (snapshot: WorkbookSnapshot, name = "SO-01") => snapshot.sheets.find((s) => s.name === name)!;

  test("is told by the form's table header and header block, leaving out the Điểm header the project added", () => {
    expect(formLanguage(sheetOf(demoSnapshot()), 6)).toBe("vi");
    expect(formLanguage(sheetOf(english()), 6)).toBe("en");
    // Only the Score header (and the unit label) in English, the rest Vietnamese: still Vietnamese.
    const mixed = demoSnapshot();
    setCell(mixed, "SO-01", "G6", "Score");
    expect(formLanguage(sheetOf(mixed), 6)).toBe("vi");
    // A form whose labels do not tell (as many of each): undefined, the run's language is used.
    const even = { name: "x", values: [["Đơn vị", "Sở X"], [], ["Code", "Nội dung", "Value", "Điểm"]] };
    expect(formLanguage(even, 3)).toBe("vi");
    expect(formLanguage(even, 3, { row: 3, column: 4 })).toBeUndefined();
    expect(formLanguage(undefined, 6)).toBeUndefined();
  });

  test("a Vietnamese form scored in English keeps Vietnamese labels, and an English form scored in Vietnamese gets English ones", () => {
    const vi = writes(run(demoSnapshot(), "en"), "SO-01");
    expect([vi.get("G6"), vi.get("D1"), vi.get("D2")]).toEqual(["Điểm", "Tổng điểm", "Hạng"]);
    const en = writes(run(english(), "vi"), "SO-01");
    expect([en.get("G6"), en.get("D1"), en.get("D2")]).toEqual(["Score", "Total points", "Rank"]);
    // The other forms, in Vietnamese, stay so.
    expect(writes(run(english(), "vi"), "SO-02").get("D1")).toBe("Tổng điểm");
  });

  test("a not-applicable answer shows as “Không áp dụng” in a Vietnamese form's Điểm column and “N/A” in an English one", () => {
    const def = JSON.parse(JSON.stringify(DEMO_DEFINITION)) as { root: { children: { children: Record<string, unknown>[] }[] } };
    def.root.children[1]!.children[0]!.allowNA = true;
    const model = demoModel({ root: def.root });
    const score = (snapshot: WorkbookSnapshot, lang: "vi" | "en") => {
      const { submissions, issues, table } = readAndScore(snapshot, model);
      return writes(planResults(model, table, issues, submissions, { lang, projectVersion: "1", now: NOW, snapshot }), "SO-01");
    };
    const answered = (snapshot: WorkbookSnapshot, text: string) => {
      setCell(snapshot, "SO-01", "D13", text);
      return snapshot;
    };
    expect(score(answered(demoSnapshot(), "N/A"), "vi").get("G13")).toBe("Không áp dụng");
    expect(score(answered(demoSnapshot(), "không áp dụng"), "en").get("G13")).toBe("Không áp dụng");
    expect(score(answered(english(), "Không áp dụng"), "en").get("G13")).toBe("N/A");
    expect(score(answered(english(), "n/a"), "vi").get("G13")).toBe("N/A");
  });

  test("what earlier versions wrote (KAD, Rank in category) is still found as the project's and emptied", () => {
    const snapshot = english();
    const form = sheetOf(snapshot);
    [["D1", "Total points"], ["E1", 33], ["D2", "Rank"], ["E2", "3/3"], ["D3", "Rank in category"], ["E3", "1/1"], ["G6", "Score"], ["G7", 30], ["G13", "KAD"]].forEach(([a, v]) =>
      setCell(snapshot, "SO-01", a as string, v as CellValue),
    );
    const previous = [
      { sheet: "SO-01", role: "header" as const, ranges: ["G6"] },
      { sheet: "SO-01", role: "score" as const, ranges: ["G7", "G13"] },
      { sheet: "SO-01", role: "summary" as const, ranges: ["D1:E3"] },
    ];
    const cleared = planClearForm(form, previous)!.blocks.map((b) => b.address).sort();
    expect(cleared).toEqual(["D1", "D2", "D3", "E1", "E2", "E3", "G13", "G6", "G7"]);
  });
});

describe("the Điểm column a form without one gets", () => {
  test("goes past a column where the user typed on a scored row: their text stays, and a second run keeps the column", () => {
    const snapshot = demoSnapshot();
    // Row 9 is 1.2's; column G is the first right of the table's last header (F, Ghi chú).
    setCell(snapshot, "SO-01", "G9", "ghi chú của tôi ở cột G");
    const plan = run(snapshot);
    const cells = writes(plan, "SO-01");
    expect([...cells.keys()].filter((a) => a.startsWith("G"))).toEqual([]);
    expect(cells.get("H6")).toBe("Điểm");
    expect(cells.get("H9")).toBe(18);
    // The other forms, with nothing typed there, get it in G.
    expect(writes(plan, "SO-02").get("G6")).toBe("Điểm");
    const again = run(applyEdits(snapshot, plan), "vi", indexState(plan));
    const second = writes(again, "SO-01");
    expect(second.has("G9")).toBe(false);
    expect(second.get("H9")).toBe(18);
    expect(applyEdits(applyEdits(snapshot, plan), again).sheets.find((s) => s.name === "SO-01")!.values[8]![6]).toBe("ghi chú của tôi ở cột G");
  });
});

describe("a group whose points are rescaled to its max", () => {
  test("says under the table, within its columns, why it is not the sum of its rows, in the form's language, and the line goes once the group adds up", () => {
    const model = demoModel({ missing: "exclude" });
    const plan = (snapshot: WorkbookSnapshot, previous?: IndexSheetState) => {
      const { submissions, issues, table } = readAndScore(snapshot, model);
      return planResults(model, table, issues, submissions, { lang: "en", projectVersion: "1", now: NOW, snapshot, ...(previous ? { previous } : {}) });
    };
    // SO-01 leaves 1.1 (max 10) empty: group 1 scores 1.2's 18 of 20, rescaled to its 30.
    const snapshot = demoSnapshot();
    setCell(snapshot, "SO-01", "D8", null);
    const first = plan(snapshot);
    const cells = writes(first, "SO-01");
    expect(cells.get("G7")).toBe(27);
    // The table runs from row 7 to 13 and from A to G (its Điểm): the line goes one row under it,
    // right of the codes, and nothing is written right of the table.
    expect(cells.get("B15")).toBe("Nhóm 1 — Quy đổi: 18,00 điểm trên 20 điểm tối đa của các chỉ tiêu được tính, tính theo thang 30.");
    expect([...cells.keys()].filter((a) => parseRange(a).left > 7)).toEqual([]);
    // Group 2 adds up: no line of its own; nor any on the complete forms.
    expect(cells.has("B16")).toBe(false);
    expect([...writes(first, "SO-02").values()].filter((v) => typeof v === "string" && v.includes("Quy đổi"))).toEqual([]);
    // The project's: recorded, written again in place, once, by a second run, and emptied once 1.1 is filled in.
    expect(indexState(first).owned.cells.find((c) => c.sheet === "SO-01" && c.role === "score")!.ranges).toContain("B15");
    const written = applyEdits(snapshot, first);
    const again = writes(plan(written, indexState(first)), "SO-01");
    expect([...again].filter(([, v]) => typeof v === "string" && v.includes("Quy đổi"))).toEqual([["B15", cells.get("B15")]]);
    setCell(written, "SO-01", "D8", true);
    const second = writes(plan(written, indexState(first)), "SO-01");
    expect(second.get("B15")).toBeNull();
    expect(second.get("G7")).toBe(28);
  });

  test("in English on an English form, whatever the run's language", () => {
    const model = demoModel({ missing: "exclude" });
    const snapshot = demoSnapshot();
    const grid = snapshot.sheets[0]!.values;
    grid[5] = ["Code", "Item", "Max points", "Value", "Evidence", "Note"];
    for (const [row, label] of [[0, "Unit"], [1, "Unit code"], [2, "Category"], [3, "Index"]] as const) grid[row]![0] = label;
    setCell(snapshot, "SO-01", "D8", null);
    const { submissions, issues, table } = readAndScore(snapshot, model);
    const p = planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1", now: NOW, snapshot });
    expect(writes(p, "SO-01").get("B15")).toBe("Group 1 — Rescaled: 18.00 points out of 20, the maximum of the scored indicators, on a scale of 30.");
  });
});
