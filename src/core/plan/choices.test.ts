import type { ChartKind, Issue, WorkbookSnapshot, WritePlan } from "../types";
import { type IndexSheetState } from "./index-sheet";
import { CHART_NAMES, INDEX_SHEET, MARK_NOTE_PREFIX } from "./labels";
import { planMarksOnly } from "./marks-only";
import { findingWithoutLocation } from "../finding-text";
import { planResults } from "./plan";
import { demoModel, demoSnapshot, indexState, ownedGrid, readAndScore, setCell } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function run(options: { kinds?: ChartKind[]; profileUnits?: string[]; previous?: IndexSheetState } = {}) {
  const model = demoModel();
  const snapshot = demoSnapshot();
  const { submissions, issues, table } = readAndScore(snapshot, model);
  const charts = { ...(options.kinds ? { kinds: options.kinds } : {}), ...(options.profileUnits ? { profileUnits: options.profileUnits } : {}) };
  return planResults(model, table, issues, submissions, {
    lang: "vi",
    projectVersion: "1.2.3",
    now: NOW,
    snapshot,
    charts,
    ...(options.previous ? { previous: options.previous } : {}),
  });
}

const chartsOf = (plan: WritePlan) => plan.owned.find((o) => o.name === "Biểu đồ")!.charts;

/** A check run (validate, "mark cells") on the demo index with missing: "exclude", as the reader reports it. */
function check(snapshot: WorkbookSnapshot): Issue[] {
  return readAndScore(snapshot, demoModel({ missing: "exclude" })).issues;
}

/**
 * The demo sheets with real mistakes: SO-02 typed "abc" for 1.2.a (an error at D10) and lost its
 * 2.1 row (a missing-row warning and a missing-input note, both at its table's A6); SO-03 left
 * 2.1 blank (a missing-input note at D13).
 */
function faultySnapshot(): WorkbookSnapshot {
  const snapshot = demoSnapshot();
  setCell(snapshot, "SO-02", "D10", "abc");
  snapshot.sheets[1]!.values.pop();
  setCell(snapshot, "SO-03", "D13", null);
  return snapshot;
}

describe("choosing which charts to make", () => {
  test("without a choice all three charts are planned", () => {
    expect(chartsOf(run()).map((c) => c.name)).toEqual([CHART_NAMES.total, CHART_NAMES.groups, CHART_NAMES.profile]);
  });

  test("only the chosen charts are created, each in the place it has when all three are made", () => {
    const all = chartsOf(run());
    const some = chartsOf(run({ kinds: ["radar", "barSorted"] }));
    expect(some.map((c) => c.name)).toEqual([CHART_NAMES.total, CHART_NAMES.profile]);
    expect(some).toEqual(all.filter((c) => c.name !== CHART_NAMES.groups));
  });

  test("choosing no chart plans none, but the charts sheet still gets its data", () => {
    const plan = run({ kinds: [] });
    expect(chartsOf(plan)).toEqual([]);
    // Below the places the charts keep (a chart of an earlier run may still sit there).
    const grid = ownedGrid(plan, "Biểu đồ");
    const top = grid.findIndex((row) => row[0] === "Đơn vị");
    expect(top).toBeGreaterThan(0);
    const bottom = Math.max(...chartsOf(run()).map((c) => Number(c.to.replace(/^[A-Z]+/, ""))));
    expect(top + 1).toBeGreaterThan(bottom);
  });

  test("a chart made by an earlier run and not chosen now stays known as the project's, so it is never duplicated", () => {
    const first = run();
    const second = run({ kinds: ["stackedBar"], previous: indexState(first) });
    expect(chartsOf(second).map((c) => c.name)).toEqual([CHART_NAMES.groups]);
    expect(indexState(second).owned.charts.map((c) => c.name).sort()).toEqual([CHART_NAMES.groups, CHART_NAMES.profile, CHART_NAMES.total].sort());
    // A third run with all charts updates the same three names.
    const third = run({ previous: indexState(second) });
    expect(indexState(third).owned.charts.map((c) => c.name).sort()).toEqual([CHART_NAMES.groups, CHART_NAMES.profile, CHART_NAMES.total].sort());
  });

  test("the profile compares the chosen units with the average", () => {
    const radar = chartsOf(run({ kinds: ["radar"], profileUnits: ["SO-03"] }))[0]!;
    expect(radar.series.map((s) => s.name)).toEqual(["Sở Tài chính", "Trung bình"]);
  });
});

describe("marking cells without scoring", () => {
  test("marks each cell with issues once, at its worst severity, and writes nothing but _index", () => {
    const issues = check(faultySnapshot());
    expect(issues.map((i) => [i.sheet, i.cell, i.severity, i.code])).toEqual([
      ["SO-02", "D10", "error", "not-a-number"],
      ["SO-02", "A6", "warning", "missing-row"],
      ["SO-03", "D13", "info", "missing-input"],
    ]);
    const plan = planMarksOnly(issues, { lang: "vi", snapshot: faultySnapshot() });
    expect(plan.owned.map((o) => o.name)).toEqual([INDEX_SHEET]);
    expect(plan.edits).toEqual([]);
    expect(plan.clearMarks).toEqual([]);
    expect(plan.marks.map((m) => [m.sheet, m.cell, m.severity])).toEqual([
      ["SO-02", "D10", "error"],
      ["SO-02", "A6", "warning"],
      ["SO-03", "D13", "info"],
    ]);
    for (const m of plan.marks) expect(m.note.startsWith(MARK_NOTE_PREFIX)).toBe(true);
    expect(plan.marks[0]!.note).toContain(findingWithoutLocation({ message: issues[0]!.message, sheet: "SO-02", cell: "D10" }, "vi"));
    expect(plan.marks[0]!.note).toContain('"abc"');
    // The warning at A6 says which indicator's row is missing.
    expect(plan.marks[1]!.note).toContain(findingWithoutLocation({ message: issues[1]!.message, sheet: "SO-02", cell: "A6" }, "vi"));
  });

  test("records the marks in _index so that clearing them later restores each cell's own fill", () => {
    const snapshot = faultySnapshot();
    snapshot.sheets[1]!.fills = { D10: "#00FF00" };
    const plan = planMarksOnly(check(snapshot), { lang: "en", snapshot });
    expect(indexState(plan).marks).toEqual([
      { sheet: "SO-02", cell: "D10", fill: "#00FF00" },
      { sheet: "SO-02", cell: "A6" },
      { sheet: "SO-03", cell: "D13" },
    ]);
    // SO-02 corrected, SO-03 still blank: every earlier mark is cleared, SO-03's set again.
    const corrected = demoSnapshot();
    setCell(corrected, "SO-03", "D13", null);
    corrected.sheets[1]!.fills = { D10: "#FFC7CE" }; // the mark's fill shows now
    const again = planMarksOnly(check(corrected), { lang: "en", previous: indexState(plan), snapshot: corrected });
    expect(again.clearMarks).toEqual([
      { sheet: "SO-02", cell: "D10", fill: "#00FF00" },
      { sheet: "SO-02", cell: "A6" },
      { sheet: "SO-03", cell: "D13" },
    ]);
    expect(indexState(again).marks).toEqual([{ sheet: "SO-03", cell: "D13" }]);
  });

  test("on a scored workbook, keeps the definition, what the project owns and the provenance stamp as they were", () => {
    const scored = indexState(run());
    const plan = planMarksOnly(check(faultySnapshot()), { lang: "vi", previous: scored, snapshot: faultySnapshot() });
    const after = indexState(plan);
    expect({ ...after, marks: [] }).toEqual({ ...scored, marks: [] });
    expect(after.marks.map((m) => m.cell)).toEqual(["D10", "A6", "D13"]);
  });

  test("never marks cells on the project's own sheets", () => {
    // Hand-built on purpose: the reader skips the project's sheets (Kết quả, Biểu đồ, _index), so
    // no real input yields an issue there; the planner must still refuse one from any other source.
    const scored = indexState(run());
    const real = check(faultySnapshot())[0]!;
    const onResults: Issue = { ...real, sheet: "Kết quả", cell: "B4" };
    expect(planMarksOnly([onResults], { lang: "vi", previous: scored }).marks).toEqual([]);
    expect(planMarksOnly([real], { lang: "vi", previous: scored }).marks).toHaveLength(1);
  });
});
