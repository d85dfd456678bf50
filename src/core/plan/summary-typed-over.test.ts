/**
 * A cell of a form's summary the user typed over between two runs ("Người duyệt: Lê C" where the
 * rank was): the summary is still found by its recorded place and its labels, what is left of it
 * that the project wrote is emptied, the user's cell stays as typed and is named once, and the
 * summary is written where it fits, never twice. Plan-level, on workbook snapshots.
 */
import type { CellValue, WorkbookSnapshot, WritePlan } from "../types";
import { cellAddress, parseRange } from "./a1";
import type { IndexSheetState } from "./index-sheet";
import { planResults } from "./plan";
import { applyEdits, DEMO_DEFINITION, demoModel, demoSnapshot, indexState, insertRows, readAndScore, setCell } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function run(snapshot: WorkbookSnapshot, previous?: IndexSheetState, model = demoModel()): WritePlan {
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1", now: NOW, snapshot, ...(previous ? { previous } : {}) });
}

function at(snapshot: WorkbookSnapshot, sheet: string, address: string): CellValue {
  const { top, left } = parseRange(address);
  const v = snapshot.sheets.find((s) => s.name === sheet)!.values[top - 1]?.[left - 1];
  return v === undefined || v === "" ? null : v;
}

/** Rows 1…`rows` of columns D…G of a form, as a user reading it sees them. */
function corner(snapshot: WorkbookSnapshot, sheet: string, rows = 3): CellValue[][] {
  return Array.from({ length: rows }, (_, r) => [4, 5, 6, 7].map((c) => at(snapshot, sheet, cellAddress(r + 1, c))));
}

/** Every cell of a form that holds `text`. */
function cellsHolding(snapshot: WorkbookSnapshot, sheet: string, text: CellValue): string[] {
  const out: string[] = [];
  snapshot.sheets.find((s) => s.name === sheet)!.values.forEach((line, r) => line.forEach((v, c) => v === text && out.push(cellAddress(r + 1, c + 1))));
  return out;
}

const ownedOf = (plan: WritePlan, sheet: string, role: string) => indexState(plan).owned.cells.find((c) => c.sheet === sheet && c.role === role)?.ranges;
const warningsOn = (plan: WritePlan, sheet: string) => (plan.warnings ?? []).filter((w) => w.sheet === sheet);

/** The demo scored once, then `change` made by the user: the form as the second run reads it, and what the first run recorded. */
function scoredThen(change: (s: WorkbookSnapshot) => void, model = demoModel()): { form: WorkbookSnapshot; state: IndexSheetState } {
  const first = run(demoSnapshot(), undefined, model);
  const form = applyEdits(demoSnapshot(), first);
  change(form);
  return { form, state: indexState(first) };
}

describe("a cell of a form's summary typed over by the user", () => {
  test("the rank typed over: the user's cell stays, the old total and labels go, the summary is written beside it, and the user is told once", () => {
    const { form, state } = scoredThen((s) => setCell(s, "SO-01", "E2", "Người duyệt: Lê C"));
    expect(corner(form, "SO-01")).toEqual([
      ["Tổng điểm", 56.5, null, null],
      ["Hạng", "Người duyệt: Lê C", null, null],
      [null, null, null, null],
    ]);
    const second = run(form, state);
    const now = applyEdits(form, second);
    // The summary cannot go where it was without writing over the user's cell: it goes right of it.
    expect(corner(now, "SO-01")).toEqual([
      [null, null, "Tổng điểm", 56.5],
      [null, "Người duyệt: Lê C", "Hạng", "1/3"],
      [null, null, null, null],
    ]);
    expect(ownedOf(second, "SO-01", "summary")).toEqual(["F1:G2"]);
    expect(ownedOf(second, "SO-01", "formStatus")).toEqual(["F3"]);
    expect(warningsOn(second, "SO-01")).toEqual([
      {
        sheet: "SO-01",
        vi: "Trang 'SO-01': ô E2 thuộc phần tổng điểm và hạng mà lần chấm trước ghi vào phiếu, nay có nội dung bạn nhập nên được giữ nguyên; tổng điểm và hạng được ghi sang F1:G2, các ô còn lại của phần cũ đã được xóa.",
        en: "Sheet 'SO-01': cell E2, part of the total and rank the last run wrote into the form, now holds what you typed, so it is kept; the total and rank are written to F1:G2 instead, and the rest of the old summary has been emptied.",
      },
    ]);
    // The other forms are rewritten in place, without a word.
    expect(corner(now, "SO-02", 2)).toEqual([
      ["Tổng điểm", 33, null, null],
      ["Hạng", "3/3", null, null],
    ]);
    expect(second.warnings ?? []).toHaveLength(1);

    // The figures change: the summary is updated where it is now, nothing stale is left, and nothing more is said.
    setCell(now, "SO-01", "D8", false);
    const third = run(now, indexState(second));
    const later = applyEdits(now, third);
    expect(corner(later, "SO-01")).toEqual([
      [null, null, "Tổng điểm", 46.5],
      [null, "Người duyệt: Lê C", "Hạng", "1/3"],
      [null, null, null, null],
    ]);
    expect(cellsHolding(later, "SO-01", "Tổng điểm")).toEqual(["F1"]);
    expect(cellsHolding(later, "SO-01", 56.5)).toEqual([]);
    expect(third.warnings ?? []).toEqual([]);
  });

  test.each([
    ["D1", "Tổng hợp: Phòng Kế hoạch"],
    ["E1", "xem bảng dưới"],
    ["D2", "Người duyệt"],
  ])("typed over in %s: that cell stays as typed and is named, nothing else of the old summary stays", (cell, text) => {
    const { form, state } = scoredThen((s) => setCell(s, "SO-01", cell, text));
    const second = run(form, state);
    const now = applyEdits(form, second);
    expect(at(now, "SO-01", cell)).toBe(text);
    for (const a of ["D1", "E1", "D2", "E2", "D3"].filter((x) => x !== cell)) expect([a, at(now, "SO-01", a)]).toEqual([a, null]);
    expect(corner(now, "SO-01", 2).map((r) => r.slice(2))).toEqual([
      ["Tổng điểm", 56.5],
      ["Hạng", "1/3"],
    ]);
    expect(warningsOn(second, "SO-01").map((w) => w.vi)).toEqual([expect.stringContaining(`ô ${cell} thuộc phần tổng điểm và hạng`)]);
  });

  test("both figures typed over: the labels beside them go, both cells are named in one warning", () => {
    const { form, state } = scoredThen((s) => {
      setCell(s, "SO-01", "E1", "Người lập: Trần B");
      setCell(s, "SO-01", "E2", "Người duyệt: Lê C");
    });
    const second = run(form, state);
    const now = applyEdits(form, second);
    expect(corner(now, "SO-01", 2)).toEqual([
      [null, "Người lập: Trần B", "Tổng điểm", 56.5],
      [null, "Người duyệt: Lê C", "Hạng", "1/3"],
    ]);
    expect(warningsOn(second, "SO-01").map((w) => w.en)).toEqual([
      "Sheet 'SO-01': 2 cells E1, E2, part of the total and rank the last run wrote into the form, now hold what you typed, so they are kept; the total and rank are written to F1:G2 instead, and the rest of the old summary has been emptied.",
    ]);
  });

  test("moved by rows the user inserted above it, and typed over: found where it is now, not at its recorded place", () => {
    const { form, state } = scoredThen((s) => {
      insertRows(s, "SO-01", 1, [["Tiêu đề riêng", null, null, "Người lập: An"]]);
      // The rank is on row 3 now.
      setCell(s, "SO-01", "E3", "Người duyệt: Lê C");
    });
    const second = run(form, state);
    const now = applyEdits(form, second);
    expect(corner(now, "SO-01", 4)).toEqual([
      ["Người lập: An", null, "Tổng điểm", 56.5],
      [null, null, "Hạng", "1/3"],
      [null, "Người duyệt: Lê C", null, null],
      [null, null, null, null],
    ]);
    expect(at(now, "SO-01", "A1")).toBe("Tiêu đề riêng");
    expect(warningsOn(second, "SO-01").map((w) => w.vi)).toEqual([expect.stringContaining("ô E3 thuộc phần tổng điểm và hạng")]);
  });

  test("what is left of a summary emptied by the user is written over in place; a lone word of the user's elsewhere is not taken for it", () => {
    // Only the label "Hạng" is left where the summary was.
    const kept = scoredThen((s) => ["D1", "E1", "E2"].forEach((a) => setCell(s, "SO-01", a, null)));
    const again = run(kept.form, kept.state);
    expect(corner(applyEdits(kept.form, again), "SO-01", 2)).toEqual([
      ["Tổng điểm", 56.5, null, null],
      ["Hạng", "1/3", null, null],
    ]);
    expect(again.warnings ?? []).toEqual([]);
    // The summary deleted, and "Hạng" typed by the user in H2 with their own text beside it: theirs.
    const gone = scoredThen((s) => {
      ["D1", "E1", "D2", "E2"].forEach((a) => setCell(s, "SO-01", a, null));
      setCell(s, "SO-01", "H2", "Hạng");
      setCell(s, "SO-01", "I2", "Xuất sắc");
    });
    const written = applyEdits(gone.form, run(gone.form, gone.state));
    expect([at(written, "SO-01", "H2"), at(written, "SO-01", "I2")]).toEqual(["Hạng", "Xuất sắc"]);
    expect(corner(written, "SO-01", 2).map((r) => r.slice(0, 2))).toEqual([
      ["Tổng điểm", 56.5],
      ["Hạng", "1/3"],
    ]);
  });

  test("on an English form, its English labels are emptied as well", () => {
    const english = (s: WorkbookSnapshot) =>
      [["A1", "Unit"], ["A2", "Unit code"], ["A3", "Category"], ["A4", "Index"], ["A6", "Code"], ["B6", "Item"], ["C6", "Max points"], ["D6", "Value"], ["E6", "Evidence"], ["F6", "Note"]].forEach(([a, v]) =>
        setCell(s, "SO-01", a!, v!),
      );
    const start = demoSnapshot();
    english(start);
    const first = run(start);
    const form = applyEdits(start, first);
    expect(corner(form, "SO-01", 2).map((r) => r.slice(0, 2))).toEqual([
      ["Total points", 56.5],
      ["Rank", "1/3"],
    ]);
    setCell(form, "SO-01", "E2", "Approved by: Lê C");
    const second = run(form, indexState(first));
    expect(corner(applyEdits(form, second), "SO-01", 2)).toEqual([
      [null, null, "Total points", 56.5],
      [null, "Approved by: Lê C", "Rank", "1/3"],
    ]);
    expect(warningsOn(second, "SO-01")).toHaveLength(1);
  });
});

describe("with the rank in the category (a three-row summary)", () => {
  const byCategory = () =>
    demoModel({
      categories: [...DEMO_DEFINITION.categories, { id: "huyen", name: { vi: "UBND cấp huyện", en: "District" } }],
      ranking: { within: "category" },
    });

  test("the rank in the category typed over: the summary moves, its label and the old total and rank go", () => {
    const model = byCategory();
    const { form, state } = scoredThen((s) => setCell(s, "SO-01", "E3", "Ngày ký: 02/12"), model);
    const second = run(form, state, model);
    const now = applyEdits(form, second);
    expect(corner(now, "SO-01", 4)).toEqual([
      [null, null, "Tổng điểm", 56.5],
      [null, null, "Hạng", "1/3"],
      [null, "Ngày ký: 02/12", "Hạng trong loại", "1/3"],
      [null, null, null, null],
    ]);
    expect(ownedOf(second, "SO-01", "summary")).toEqual(["F1:G3"]);
    expect(warningsOn(second, "SO-01").map((w) => w.vi)).toEqual([expect.stringContaining("ô E3 thuộc phần tổng điểm và hạng")]);
  });

  test("ranked over all units again, the user's cell in the third row is out of the way: the summary stays, its third row's label goes", () => {
    const model = byCategory();
    const { form, state } = scoredThen((s) => setCell(s, "SO-01", "E3", "Ngày ký: 02/12"), model);
    const second = run(form, state, demoModel({ categories: model.definition.categories }));
    const now = applyEdits(form, second);
    expect(corner(now, "SO-01", 3)).toEqual([
      ["Tổng điểm", 56.5, null, null],
      ["Hạng", "1/3", null, null],
      [null, "Ngày ký: 02/12", null, null],
    ]);
    expect(ownedOf(second, "SO-01", "summary")).toEqual(["D1:E2"]);
    expect(warningsOn(second, "SO-01")).toEqual([
      {
        sheet: "SO-01",
        vi: "Trang 'SO-01': ô E3 thuộc phần tổng điểm và hạng mà lần chấm trước ghi vào phiếu, nay có nội dung bạn nhập nên được giữ nguyên; tổng điểm và hạng vẫn được ghi ở D1:E2.",
        en: "Sheet 'SO-01': cell E3, part of the total and rank the last run wrote into the form, now holds what you typed, so it is kept; the total and rank are still written in D1:E2.",
      },
    ]);
  });
});

describe("a form no longer scored whose summary the user typed over", () => {
  test("what the project wrote is emptied, the user's cell stays", () => {
    const { form, state } = scoredThen((s) => {
      setCell(s, "SO-03", "E2", "Người duyệt: Lê C");
      // SO-03 takes SO-01's unit code: a duplicate, not scored.
      setCell(s, "SO-03", "B2", "SO-01");
    });
    const now = applyEdits(form, run(form, state));
    expect(at(now, "SO-03", "E2")).toBe("Người duyệt: Lê C");
    for (const a of ["E1", "D2"]) expect([a, at(now, "SO-03", a)]).toEqual([a, null]);
    expect(cellsHolding(now, "SO-03", "Tổng điểm")).toEqual([]);
    expect(cellsHolding(now, "SO-03", 38)).toEqual([]);
  });
});
