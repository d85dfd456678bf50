/**
 * What a form and the results show after a run, as a user reading them would notice: a form no
 * longer scored keeps no total or rank, every figure cell holds the number the ranking and Excel
 * see (15 significant digits), the total's data bars start at 0, and a unit ranked within its
 * category reads that rank on its form.
 */
import { planResults } from "./plan";
import { cellAddress, parseRange } from "./a1";
import { applyEdits, DEMO_DEFINITION, demoModel, demoSnapshot, indexState, notScoredLineOn, ownedGrid, readAndScore, setCell } from "./test-fixtures";
import type { IndexSheetState } from "./index-sheet";
import type { WorkbookSnapshot } from "../types";

const NOW = new Date("2024-05-06T07:08:09Z");

function run(snapshot: WorkbookSnapshot, model = demoModel(), previous?: IndexSheetState, lang: "vi" | "en" = "vi") {
  const scored = readAndScore(snapshot, model);
  return { ...scored, plan: planResults(model, scored.table, scored.issues, scored.submissions, { lang, projectVersion: "1", now: NOW, snapshot, ...(previous ? { previous } : {}) }) };
}

function grid(snapshot: WorkbookSnapshot, sheet: string): unknown[][] {
  return snapshot.sheets.find((s) => s.name === sheet)!.values;
}

function at(snapshot: WorkbookSnapshot, sheet: string, address: string): unknown {
  const { top, left } = parseRange(address);
  const v = grid(snapshot, sheet)[top - 1]?.[left - 1];
  return v === undefined || v === "" ? null : v;
}

describe("a form that is no longer scored", () => {
  test("its total, rank and Điểm column from the last run are emptied, and _index forgets them", () => {
    const first = run(demoSnapshot());
    const after = applyEdits(demoSnapshot(), first.plan);
    expect([at(after, "SO-03", "D1"), at(after, "SO-03", "E1"), at(after, "SO-03", "D2"), at(after, "SO-03", "E2")]).toEqual(["Tổng điểm", 38, "Hạng", "2/3"]);
    expect(at(after, "SO-03", "G6")).toBe("Điểm");
    // The user gives SO-03's form the unit code of SO-01: it is now a duplicate, not scored.
    setCell(after, "SO-03", "B2", "SO-01");
    const second = run(after, demoModel(), indexState(first.plan));
    expect(second.issues.some((i) => i.code === "duplicate-unit" && i.sheet === "SO-03")).toBe(true);
    expect(second.table.units.map((u) => u.code).sort()).toEqual(["SO-01", "SO-02"]);
    const now = applyEdits(after, second.plan);
    // Where its summary was, why it is not scored now, as the results sheet says it, in pieces one under the other.
    const line = notScoredLineOn(now, "SO-03", "D1");
    expect(line.text).toMatch(/^Chưa được chấm: Trang tính 'SO-03', ô B\d: .*\.$/);
    expect(line.cells.length).toBeGreaterThan(1);
    // Nothing else of the last run's summary or scores stays on it.
    for (const a of ["E1", "D2", "E2", "G6", "G7", "G8", "G9", "G12", "G13"].filter((a) => !line.cells.includes(a))) expect([a, at(now, "SO-03", a)]).toEqual([a, null]);
    // What the user typed stays.
    expect([at(now, "SO-03", "A1"), at(now, "SO-03", "B2"), at(now, "SO-03", "D10")]).toEqual(["Đơn vị", "SO-01", 70]);
    // Values only: the cleared cells carry no format of their own.
    for (const b of second.plan.edits.find((e) => e.sheet === "SO-03")!.blocks.filter((x) => !line.cells.includes(x.address))) {
      expect(b.values.flat().every((v) => v === null)).toBe(true);
      expect(b.numberFormat).toBeUndefined();
    }
    // _index keeps of it only the line, the project's.
    const state = indexState(second.plan);
    expect(state.owned.cells.filter((c) => c.sheet === "SO-03")).toEqual([{ sheet: "SO-03", role: "formNotScored", ranges: [`D1:${line.cells[line.cells.length - 1]}`] }]);
    // The forms still scored keep their summary, now out of two.
    expect([at(now, "SO-02", "D2"), at(now, "SO-02", "E2")]).toEqual(["Hạng", "2/2"]);
    // Its code set right, it is scored again: its summary takes the line's place, nothing of the line stays.
    setCell(now, "SO-03", "B2", "SO-03");
    const third = run(now, demoModel(), state);
    const fixed = applyEdits(now, third.plan);
    expect([at(fixed, "SO-03", "D1"), at(fixed, "SO-03", "D2"), at(fixed, "SO-03", "E2")]).toEqual(["Tổng điểm", "Hạng", "2/3"]);
    expect(indexState(third.plan).owned.cells.filter((c) => c.sheet === "SO-03" && c.role === "formNotScored")).toEqual([]);
  });

  test("a cell the user typed over since is left alone", () => {
    const first = run(demoSnapshot());
    const after = applyEdits(demoSnapshot(), first.plan);
    setCell(after, "SO-03", "B2", "SO-01");
    setCell(after, "SO-03", "G6", "Nhận xét");
    setCell(after, "SO-03", "G7", "tốt");
    const now = applyEdits(after, run(after, demoModel(), indexState(first.plan)).plan);
    expect([at(now, "SO-03", "G6"), at(now, "SO-03", "G7")]).toEqual(["Nhận xét", "tốt"]);
    expect(at(now, "SO-03", "E2")).toBeNull();
    expect(notScoredLineOn(now, "SO-03", "D1").text).toMatch(/^Chưa được chấm: Trang tính 'SO-03', ô B\d: .*\.$/);
  });
});

describe("figures as written", () => {
  test("a total of 726.35 held as 726.3499999999999 is written as 726.35 on the results sheet, the form and the charts' data", () => {
    const snapshot = demoSnapshot();
    const model = demoModel();
    const scored = readAndScore(snapshot, model);
    const noisy = 726.35 - 1e-13;
    expect(noisy).not.toBe(726.35);
    const unit = scored.table.units.find((u) => u.code === "SO-01")!;
    unit.points = noisy;
    unit.nodes["1"]!.points = 0.1 + 0.2; // 0.30000000000000004
    const plan = planResults(model, scored.table, scored.issues, scored.submissions, { lang: "vi", projectVersion: "1", now: NOW, snapshot });
    const results = ownedGrid(plan, "Kết quả");
    const header = results[2]!;
    const row = results.find((r) => r[1] === "SO-01")!;
    expect(row[header.indexOf("Tổng điểm")]).toBe(726.35);
    expect(row[header.indexOf("Nhận thức số (điểm)")]).toBe(0.3);
    const charts = ownedGrid(plan, "Biểu đồ");
    expect(charts.some((r) => r[1] === 726.35)).toBe(true);
    expect(charts.flat()).not.toContain(noisy);
    const form = applyEdits(snapshot, plan);
    expect(at(form, "SO-01", "E1")).toBe(726.35);
    expect(grid(form, "SO-01").flat()).not.toContain(0.1 + 0.2);
  });
});

describe("data bars", () => {
  test("the total's data bars start at 0, so the lowest unit's bar is not empty", () => {
    const { plan } = run(demoSnapshot());
    const bars = plan.owned.find((o) => o.name === "Kết quả")!.conditionalFormats.filter((c) => c.kind === "dataBar");
    expect(bars).toHaveLength(1);
    expect(bars[0]!.at).toEqual([0]);
  });
});

describe("an index ranked within categories", () => {
  function byCategory(): { snapshot: WorkbookSnapshot; model: ReturnType<typeof demoModel> } {
    const model = demoModel({
      categories: [...DEMO_DEFINITION.categories, { id: "huyen", name: { vi: "UBND cấp huyện", en: "District" } }],
      ranking: { within: "category" },
    });
    const snapshot = demoSnapshot();
    setCell(snapshot, "SO-02", "B3", "UBND cấp huyện");
    return { snapshot, model };
  }

  test("each form's summary adds the rank in its category under the overall rank", () => {
    const { snapshot, model } = byCategory();
    const { plan } = run(snapshot, model);
    const form = applyEdits(snapshot, plan);
    const summary = (sheet: string) => [1, 2, 3].map((r) => [at(form, sheet, cellAddress(r, 4)), at(form, sheet, cellAddress(r, 5))]);
    // SO-01 56.5, SO-03 38 (departments); SO-02 33 (the only district).
    expect(summary("SO-01")).toEqual([["Tổng điểm", 56.5], ["Hạng", "1/3"], ["Hạng trong loại", "1/2"]]);
    expect(summary("SO-03")).toEqual([["Tổng điểm", 38], ["Hạng", "2/3"], ["Hạng trong loại", "2/2"]]);
    expect(summary("SO-02")).toEqual([["Tổng điểm", 33], ["Hạng", "3/3"], ["Hạng trong loại", "1/1"]]);
    expect(indexState(plan).owned.cells.find((c) => c.sheet === "SO-02" && c.role === "summary")!.ranges).toEqual(["D1:E3"]);
    // Scored in English, a Vietnamese form keeps Vietnamese labels; an English form gets English ones, short enough for the column.
    const en = applyEdits(snapshot, run(snapshot, model, undefined, "en").plan);
    expect([1, 2, 3].map((r) => at(en, "SO-02", cellAddress(r, 4)))).toEqual(["Tổng điểm", "Hạng", "Hạng trong loại"]);
    const english = byCategory().snapshot;
    [["A1", "Unit"], ["A2", "Unit code"], ["A3", "Category"], ["A4", "Index"], ["A6", "Code"], ["B6", "Item"], ["C6", "Max points"], ["D6", "Value"], ["E6", "Evidence"], ["F6", "Note"]].forEach(
      ([a, v]) => setCell(english, "SO-02", a!, v!),
    );
    const inEnglish = applyEdits(english, run(english, model, undefined, "vi").plan);
    expect([1, 2, 3].map((r) => [at(inEnglish, "SO-02", cellAddress(r, 4)), at(inEnglish, "SO-02", cellAddress(r, 5))])).toEqual([
      ["Total points", 33],
      ["Rank", "3/3"],
      ["Category rank", "1/1"],
    ]);
    expect(at(inEnglish, "SO-02", "G6")).toBe("Score");
  });

  test("the third row keeps clear of merged cells, and a second run writes it in place", () => {
    const { snapshot, model } = byCategory();
    const s = snapshot.sheets.find((x) => x.name === "SO-01")!;
    s.merges = ["D3:F3"];
    const first = run(snapshot, model);
    const form = applyEdits(snapshot, first.plan);
    const range = indexState(first.plan).owned.cells.find((c) => c.sheet === "SO-01" && c.role === "summary")!.ranges[0]!;
    const r = parseRange(range);
    expect(r.bottom - r.top).toBe(2);
    expect(r.left).toBeGreaterThan(6);
    const again = run(form, model, indexState(first.plan));
    expect(indexState(again.plan).owned.cells.find((c) => c.sheet === "SO-01" && c.role === "summary")!.ranges).toEqual([range]);
  });

  test("ranked over all units again, the third row of the last run is emptied", () => {
    const { snapshot, model } = byCategory();
    const first = run(snapshot, model);
    const form = applyEdits(snapshot, first.plan);
    const overall = demoModel({ categories: model.definition.categories });
    const now = applyEdits(form, run(form, overall, indexState(first.plan)).plan);
    expect([at(now, "SO-01", "D2"), at(now, "SO-01", "E2"), at(now, "SO-01", "D3"), at(now, "SO-01", "E3")]).toEqual(["Hạng", "1/3", null, null]);
  });
});
