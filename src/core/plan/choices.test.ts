import { scoreUnits } from "../score";
import type { ChartKind, Issue, Submission, WritePlan } from "../types";
import { type IndexSheetState, readIndexSheet } from "./index-sheet";
import { CHART_NAMES, INDEX_SHEET, MARK_NOTE_PREFIX } from "./labels";
import { planMarksOnly } from "./marks-only";
import { planResults } from "./plan";
import { demoModel, demoSnapshot, ownedGrid, submissionFromSheet } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function run(options: { kinds?: ChartKind[]; profileUnits?: string[]; previous?: IndexSheetState; issues?: Issue[] } = {}) {
  const model = demoModel();
  const snapshot = demoSnapshot();
  const submissions: Submission[] = snapshot.sheets.map(submissionFromSheet);
  const table = scoreUnits(model, submissions);
  const charts = { ...(options.kinds ? { kinds: options.kinds } : {}), ...(options.profileUnits ? { profileUnits: options.profileUnits } : {}) };
  return planResults(model, table, options.issues ?? [], submissions, {
    lang: "vi",
    projectVersion: "1.2.3",
    now: NOW,
    snapshot,
    charts,
    ...(options.previous ? { previous: options.previous } : {}),
  });
}

function indexState(plan: WritePlan): IndexSheetState {
  const state = readIndexSheet({ sheets: [{ name: INDEX_SHEET, values: ownedGrid(plan, INDEX_SHEET) }] });
  if (!state) throw new Error("no _index state");
  return state;
}

const chartsOf = (plan: WritePlan) => plan.owned.find((o) => o.name === "Biểu đồ")!.charts;

const ISSUES: Issue[] = [
  { severity: "warning", code: "evidence-missing", message: { vi: "Thiếu minh chứng", en: "Evidence missing" }, sheet: "SO-02", cell: "D8", unit: "SO-02", node: "1.2" },
  { severity: "error", code: "not-a-number", message: { vi: "Không phải số", en: "Not a number" }, sheet: "SO-02", cell: "D8", unit: "SO-02", node: "1.2" },
  { severity: "info", code: "self-score-differs", message: { vi: "Tự chấm khác", en: "Self score differs" }, sheet: "SO-03", cell: "D10", unit: "SO-03", node: "2.1" },
];

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
    expect(ownedGrid(plan, "Biểu đồ")[0]![0]).toBe("Đơn vị");
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
    const plan = planMarksOnly(ISSUES, { lang: "vi", snapshot: demoSnapshot() });
    expect(plan.owned.map((o) => o.name)).toEqual([INDEX_SHEET]);
    expect(plan.edits).toEqual([]);
    expect(plan.clearMarks).toEqual([]);
    expect(plan.marks.map((m) => [m.sheet, m.cell, m.severity])).toEqual([
      ["SO-02", "D8", "error"],
      ["SO-03", "D10", "info"],
    ]);
    expect(plan.marks[0]!.note.startsWith(MARK_NOTE_PREFIX)).toBe(true);
    expect(plan.marks[0]!.note).toContain("Không phải số");
    expect(plan.marks[0]!.note).toContain("Thiếu minh chứng");
  });

  test("records the marks in _index so that clearing them later restores each cell's own fill", () => {
    const snapshot = demoSnapshot();
    snapshot.sheets[1]!.fills = { D8: "#00FF00" };
    const plan = planMarksOnly(ISSUES, { lang: "en", snapshot });
    expect(indexState(plan).marks).toEqual([
      { sheet: "SO-02", cell: "D8", fill: "#00FF00" },
      { sheet: "SO-03", cell: "D10" },
    ]);
    const again = planMarksOnly(ISSUES.slice(2), { lang: "en", previous: indexState(plan), snapshot });
    expect(again.clearMarks).toEqual([
      { sheet: "SO-02", cell: "D8", fill: "#00FF00" },
      { sheet: "SO-03", cell: "D10" },
    ]);
    expect(indexState(again).marks).toEqual([{ sheet: "SO-03", cell: "D10" }]);
  });

  test("on a scored workbook, keeps the definition, what the project owns and the provenance stamp as they were", () => {
    const scored = indexState(run());
    const plan = planMarksOnly(ISSUES, { lang: "vi", previous: scored, snapshot: demoSnapshot() });
    const after = indexState(plan);
    expect({ ...after, marks: [] }).toEqual({ ...scored, marks: [] });
    expect(after.marks.map((m) => m.cell)).toEqual(["D8", "D10"]);
  });

  test("never marks cells on the project's own sheets", () => {
    const scored = indexState(run());
    const onResults: Issue = { ...ISSUES[0]!, sheet: "Kết quả", cell: "B4" };
    expect(planMarksOnly([onResults], { lang: "vi", previous: scored }).marks).toEqual([]);
  });
});
