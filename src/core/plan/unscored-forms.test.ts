/**
 * A form this run does not score and the last run did not write into (a copy of a scored form,
 * refused as a second form of its unit; a form relabelled for another index, scored elsewhere):
 * it keeps no total, rank, out-of-date line or `Điểm` column of another run, while what the user
 * typed on it stays. And the copy of each form's figures in `_index` covers its unit name.
 */
import type { CellValue, WorkbookSnapshot, WritePlan } from "../types";
import { cellAddress, parseRange } from "./a1";
import { type IndexSheetState, inputCopies, readIndexSheet } from "./index-sheet";
import { INDEX_SHEET } from "./labels";
import { planResults } from "./plan";
import { planClearUnscoredForm } from "./sheet-edits";
import { applyEdits, DEMO_DEFINITION, demoModel, demoSnapshot, indexState, notScoredLineOn, ownedGrid, readAndScore, setCell } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");
const LINE_VI = "Số liệu đã sửa sau lần chấm ngày 06/05/2024: điểm và hạng này đã cũ. Hãy chấm điểm lại.";

function run(snapshot: WorkbookSnapshot, options: { previous?: IndexSheetState; model?: ReturnType<typeof demoModel> } = {}) {
  const model = options.model ?? demoModel();
  const scored = readAndScore(snapshot, model);
  const plan = planResults(model, scored.table, scored.issues, scored.submissions, {
    lang: "vi",
    projectVersion: "1",
    now: NOW,
    snapshot,
    ...(options.previous ? { previous: options.previous } : {}),
  });
  return { ...scored, plan };
}

/** A sheet copied cell by cell under another name, as Excel's "Create a copy" does. */
function copySheet(snapshot: WorkbookSnapshot, from: string, to: string): void {
  const src = snapshot.sheets.find((s) => s.name === from)!;
  snapshot.sheets.push({ ...src, name: to, values: src.values.map((r) => [...r]) });
}

function at(snapshot: WorkbookSnapshot, sheet: string, address: string): CellValue {
  const { top, left } = parseRange(address);
  const v = snapshot.sheets.find((s) => s.name === sheet)!.values[top - 1]?.[left - 1];
  return v === undefined || v === "" ? null : v;
}

/** The cells an edit of `sheet` writes. */
function written(plan: WritePlan, sheet: string): string[] {
  return (plan.edits.find((e) => e.sheet === sheet)?.blocks ?? []).flatMap((b) => {
    const { top, left } = parseRange(b.address);
    return b.values.flatMap((line, r) => line.map((_, c) => cellAddress(top + r, left + c)));
  });
}

/** The demo forms scored once, as the next run reads them (the line under each summary shows nothing). */
function scoredOnce(model = demoModel()): { snapshot: WorkbookSnapshot; previous: IndexSheetState } {
  const first = run(demoSnapshot(), { model });
  return { snapshot: applyEdits(demoSnapshot(), first.plan), previous: indexState(first.plan) };
}

/** The demo form's Điểm cells: its groups' and indicators' rows (inputs have none). */
const SCORE_CELLS = ["G7", "G8", "G9", "G12", "G13"];

describe("a copy of a scored form, not scored", () => {
  test("loses the copied total, rank, line and Điểm column; the user's own columns, remarks and figures on it stay; the form it copies keeps its own", () => {
    const { snapshot, previous } = scoredOnce();
    expect([at(snapshot, "SO-01", "D1"), at(snapshot, "SO-01", "E2"), at(snapshot, "SO-01", "G6")]).toEqual(["Tổng điểm", "1/3", "Điểm"]);
    // The user's own columns beside Điểm, with numbers in them, and a remark typed into Điểm.
    setCell(snapshot, "SO-01", "H6", "Điểm HĐ");
    setCell(snapshot, "SO-01", "I6", "Ghi chú 2");
    for (const r of [7, 8, 9]) {
      setCell(snapshot, "SO-01", `H${r}`, r * 2);
      setCell(snapshot, "SO-01", `I${r}`, r);
    }
    copySheet(snapshot, "SO-01", "SO-01 (2)");
    setCell(snapshot, "SO-01 (2)", "G9", "xem lại");
    const { plan, issues, table } = run(snapshot, { previous });
    expect(issues.some((i) => i.code === "duplicate-unit" && i.sheet === "SO-01 (2)")).toBe(true);
    expect(table.units).toHaveLength(3);
    const now = applyEdits(snapshot, plan);
    // Where its summary was, why it is not scored, in pieces one under the other.
    const line = notScoredLineOn(now, "SO-01 (2)", "D1");
    expect(line.text).toMatch(/^Chưa được chấm: Trang tính 'SO-01 \(2\)', ô B\d: .*\.$/);
    // Nothing else of the copied scoring is left on the copy.
    for (const a of ["E1", "D2", "E2", "D3", ...SCORE_CELLS.filter((c) => c !== "G9")].filter((a) => !line.cells.includes(a))) expect([a, at(now, "SO-01 (2)", a)]).toEqual([a, null]);
    // Only those cells are written, values only: the Điểm header, the user's columns, the remark and the figures stay.
    expect([...new Set(written(plan, "SO-01 (2)"))].sort()).toEqual(["D1", "D2", "D3", "E1", "E2", "G12", "G13", "G7", "G8"].sort());
    for (const b of plan.edits.find((e) => e.sheet === "SO-01 (2)")!.blocks.filter((x) => !line.cells.includes(x.address) || x.values[0]?.[0] === null)) {
      expect(b.values.flat().every((v) => v === null)).toBe(true);
      expect(b.numberFormat).toBeUndefined();
      expect(b.formulas).toBeUndefined();
    }
    expect([at(now, "SO-01 (2)", "G6"), at(now, "SO-01 (2)", "G9"), at(now, "SO-01 (2)", "H6"), at(now, "SO-01 (2)", "H7"), at(now, "SO-01 (2)", "I9")]).toEqual([
      "Điểm",
      "xem lại",
      "Điểm HĐ",
      14,
      9,
    ]);
    expect([at(now, "SO-01 (2)", "A1"), at(now, "SO-01 (2)", "B2"), at(now, "SO-01 (2)", "D10")]).toEqual(["Đơn vị", "SO-01", 90]);
    // The original keeps its summary and scores, and its own user columns.
    expect([at(now, "SO-01", "D1"), at(now, "SO-01", "E1"), at(now, "SO-01", "E2"), at(now, "SO-01", "H7")]).toEqual(["Tổng điểm", at(snapshot, "SO-01", "E1"), "1/3", 14]);
    expect(typeof at(now, "SO-01", "G7")).toBe("number");
    // Of the copy, only the line that says why is recorded as the project's: the next run writes it again in place, and nothing else there.
    const range = `D1:${line.cells[line.cells.length - 1]}`;
    expect(indexState(plan).owned.cells.filter((c) => c.sheet === "SO-01 (2)")).toEqual([{ sheet: "SO-01 (2)", role: "formNotScored", ranges: [range] }]);
    const next = run(now, { previous: indexState(plan) }).plan.edits.filter((e) => e.sheet === "SO-01 (2)");
    // The next run writes it again in place, piece by piece, after emptying what it had written.
    expect([...new Set(next.flatMap((e) => e.blocks.map((b) => b.address)))].sort()).toEqual([...line.cells].sort());
    expect(notScoredLineOn(applyEdits(now, run(now, { previous: indexState(plan) }).plan), "SO-01 (2)", "D1")).toEqual(line);
  });

  test("a copy whose line shows that figures changed, under a three-row summary: all of it goes", () => {
    const snapshot0 = demoSnapshot();
    setCell(snapshot0, "SO-02", "B3", "UBND cấp huyện");
    const model = demoModel({ categories: [...DEMO_DEFINITION.categories, { id: "huyen", name: { vi: "UBND cấp huyện", en: "District" } }], ranking: { within: "category" } });
    const first = run(snapshot0, { model });
    const snapshot = applyEdits(snapshot0, first.plan);
    expect(at(snapshot, "SO-03", "D3")).toBe("Hạng trong loại");
    setCell(snapshot, "SO-03", "D4", LINE_VI);
    copySheet(snapshot, "SO-03", "Bản sao SO-03");
    const { plan } = run(snapshot, { previous: indexState(first.plan), model });
    const now = applyEdits(snapshot, plan);
    const line = notScoredLineOn(now, "Bản sao SO-03", "D1");
    expect(line.text).toMatch(/^Chưa được chấm: Trang tính 'Bản sao SO-03', ô B\d: .*\.$/);
    for (const a of ["E1", "D2", "E2", "D3", "E3", "D4", ...SCORE_CELLS].filter((a) => !line.cells.includes(a))) expect([a, at(now, "Bản sao SO-03", a)]).toEqual([a, null]);
    expect(at(now, "SO-03", "D3")).toBe("Hạng trong loại");
  });

  test("a hidden older copy is emptied too; a copy whose summary the user merged over keeps the merged cells", () => {
    const { snapshot, previous } = scoredOnce();
    copySheet(snapshot, "SO-02", "SO-02 cũ");
    snapshot.sheets.find((s) => s.name === "SO-02 cũ")!.visible = false;
    copySheet(snapshot, "SO-03", "SO-03 (2)");
    snapshot.sheets.find((s) => s.name === "SO-03 (2)")!.merges = ["E1:F1"];
    const { plan } = run(snapshot, { previous });
    expect(written(plan, "SO-02 cũ")).toEqual(expect.arrayContaining(["D1", "E1", "D2", "E2", "D3", "G7"]));
    const merged = written(plan, "SO-03 (2)");
    expect(merged).toEqual(expect.arrayContaining(["D1", "D2", "E2", "G7"]));
    expect(merged).not.toContain("E1");
  });
});

describe("other forms not scored, never written by this workbook's runs", () => {
  test("a form relabelled for another index, with a summary of the project's: emptied; a form with numbers under Điểm and no summary: left as typed", () => {
    const { snapshot, previous } = scoredOnce();
    // Scored in another workbook, then relabelled: not this index, not recorded here.
    copySheet(snapshot, "SO-02", "Phiếu khác");
    setCell(snapshot, "Phiếu khác", "B2", "SO-09");
    setCell(snapshot, "Phiếu khác", "B4", "bo-khac@2023");
    // A form of another index the unit scored itself: its own numbers under Điểm, no summary.
    copySheet(snapshot, "SO-03", "Tự chấm");
    setCell(snapshot, "Tự chấm", "B2", "SO-08");
    setCell(snapshot, "Tự chấm", "B4", "bo-khac@2023");
    for (const a of ["D1", "E1", "D2", "E2", "D3"]) setCell(snapshot, "Tự chấm", a, null);
    const { plan, issues } = run(snapshot, { previous });
    expect(issues.filter((i) => i.code === "definition-mismatch").map((i) => i.sheet).sort()).toEqual(["Phiếu khác", "Tự chấm"]);
    const now = applyEdits(snapshot, plan);
    const line = notScoredLineOn(now, "Phiếu khác", "D1");
    expect(line.text).toMatch(/^Chưa được chấm: Trang tính 'Phiếu khác', ô B\d: .*\.$/);
    for (const a of ["E1", "D2", "E2", ...SCORE_CELLS].filter((a) => !line.cells.includes(a))) expect([a, at(now, "Phiếu khác", a)]).toEqual([a, null]);
    // A form of another index with no summary: only the line that says why is written on it.
    const other = notScoredLineOn(now, "Tự chấm", "D1");
    expect(other.text).toMatch(/^Chưa được chấm: /);
    expect(plan.edits.filter((e) => e.sheet === "Tự chấm").flatMap((e) => e.blocks.map((b) => b.address))).toEqual(other.cells);
    expect(typeof at(now, "Tự chấm", "G7")).toBe("number");
  });

  test("a workbook never scored: a copied form with a summary is emptied at the first run too; the results sheet and _index are never looked at as forms", () => {
    const { snapshot } = scoredOnce();
    copySheet(snapshot, "SO-01", "SO-01 (2)");
    const { plan } = run(snapshot);
    expect(written(plan, "SO-01 (2)")).toEqual(expect.arrayContaining(["D1", "E1", "D2", "E2", "D3", "G7"]));
    expect(plan.edits.map((e) => e.sheet).filter((s) => s === "Kết quả" || s === INDEX_SHEET)).toEqual([]);
  });

  test("a sheet with no form table, or a summary-like block the user typed with something else than a rank, is left alone", () => {
    const lone: WorkbookSnapshot["sheets"][number] = { name: "Ghi chép", values: [["Tổng điểm", 12], ["Hạng", "1/3"]] };
    expect(planClearUnscoredForm(lone)).toBeUndefined();
    const { snapshot } = scoredOnce();
    const form = snapshot.sheets.find((s) => s.name === "SO-01")!;
    const typed = { ...form, name: "Của tôi", values: form.values.map((r) => [...r]) };
    typed.values[1]![4] = "nhất";
    expect(planClearUnscoredForm(typed)).toBeUndefined();
  });
});

describe("the copy of a form's figures in _index", () => {
  test("covers the unit name cell after the figures and the category: a name changed since turns the unit's flag on", () => {
    const snapshot = demoSnapshot();
    const { submissions } = readAndScore(snapshot);
    const copies = inputCopies(submissions, snapshot);
    // Then the unit code (B2) and whether each Minh chứng cell over the table's rows is filled (E7:E13).
    expect(copies.map((c) => c.ranges.map((r) => r.address))).toEqual([
      ["D8", "B3", "B1", "B2", "E7"],
      ["D8", "B3", "B1", "B2", "E7"],
      ["D8", "B3", "B1", "B2", "E7"],
    ]);
    expect(copies[0]!.ranges[2]!.values).toEqual([["Sở Thông tin và Truyền thông"]]);
    // The flag formula compares the name cell with its copy.
    const plan = run(snapshot).plan;
    const index = plan.owned.find((o) => o.name === INDEX_SHEET)!;
    const flags = index.blocks.find((b) => b.formulas)!;
    const so01 = flags.values.findIndex((r) => r[0] === "inputs" && r[1] === "SO-01");
    expect(flags.formulas![so01]![2]).toContain(`EXACT(('SO-01'!B1)&"",(`);
    // Read back: the three ranges, the name's with what the form said.
    const state = readIndexSheet({ sheets: [...snapshot.sheets, { name: INDEX_SHEET, values: ownedGrid(plan, INDEX_SHEET) }] })!;
    expect(state.inputCopies!.find((c) => c.unit === "SO-01")!.ranges.map((r) => [r.address, r.values])).toEqual([
      ["D8", [[true], [null], [90], [100], [null], [0.95]]],
      ["B3", [["Sở, ban, ngành"]]],
      ["B1", [["Sở Thông tin và Truyền thông"]]],
      ["B2", [["SO-01"]]],
      ["E7", [[null], [null], [null], [null], [null], [null], [null]]],
    ]);
  });

  test("a name that Excel would read as a formula is copied as text; an `_index` of an earlier version (no name range) still reads", () => {
    const snapshot = demoSnapshot();
    const plan = run(snapshot).plan;
    const index = plan.owned.find((o) => o.name === INDEX_SHEET)!;
    const copy = index.blocks.find((b) => !b.formulas && b.address !== "A1")!;
    const { top, left } = parseRange(copy.address);
    // SO-02's name is '=HYPERLINK("http://x","y")': its copy is text.
    copy.values.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v === '=HYPERLINK("http://x","y")') expect([cellAddress(top + r, left + c), (copy.numberFormat as string[][])[r]![c]]).toEqual([cellAddress(top + r, left + c), "@"]);
      }),
    );
    expect(copy.values.flat()).toContain('=HYPERLINK("http://x","y")');
    // An `inputs` row as an earlier version wrote it: figures and category only.
    const grid = ownedGrid(plan, INDEX_SHEET);
    for (const line of grid) if (line[0] === "inputs") line.splice(8);
    const state = readIndexSheet({ sheets: [...snapshot.sheets, { name: INDEX_SHEET, values: grid }] })!;
    expect(state.inputCopies!.map((c) => c.ranges.map((r) => r.address))).toEqual([
      ["D8", "B3"],
      ["D8", "B3"],
      ["D8", "B3"],
    ]);
  });
});

describe("the line on a form left out, in pieces, and what the user typed near it", () => {
  /** The demo forms scored once, then SO-03 given SO-01's code and scored again: its line stands at D1:D2. */
  function leftOut(): { snapshot: WorkbookSnapshot; previous: IndexSheetState } {
    const { snapshot, previous } = scoredOnce();
    setCell(snapshot, "SO-03", "B2", "SO-01");
    const second = run(snapshot, { previous });
    const now = applyEdits(snapshot, second.plan);
    expect(notScoredLineOn(now, "SO-03", "D1").cells).toEqual(["D1", "D2"]);
    return { snapshot: now, previous: indexState(second.plan) };
  }

  test("a remark of the user's above a scored form's table that begins as the line does is not taken for it, nor the remarks under it", () => {
    const { snapshot, previous } = scoredOnce();
    setCell(snapshot, "SO-02", "F2", "Chưa được chấm: chờ Sở bổ sung minh chứng chỉ tiêu 4.3");
    setCell(snapshot, "SO-02", "F3", "Người kiểm tra: Lan");
    const { plan } = run(snapshot, { previous });
    expect(written(plan, "SO-02").filter((a) => a === "F2" || a === "F3")).toEqual([]);
    const now = applyEdits(snapshot, plan);
    expect([at(now, "SO-02", "F2"), at(now, "SO-02", "F3")]).toEqual(["Chưa được chấm: chờ Sở bổ sung minh chứng chỉ tiêu 4.3", "Người kiểm tra: Lan"]);
  });

  test("a piece the user typed over, and the remark under it, stay: the line is written where it has room, its old first piece emptied", () => {
    const { snapshot, previous } = leftOut();
    setCell(snapshot, "SO-03", "D2", "Ghi chú của tôi");
    setCell(snapshot, "SO-03", "D3", "Dòng thứ hai của tôi");
    const { plan } = run(snapshot, { previous });
    const now = applyEdits(snapshot, plan);
    expect([at(now, "SO-03", "D2"), at(now, "SO-03", "D3")]).toEqual(["Ghi chú của tôi", "Dòng thứ hai của tôi"]);
    expect(at(now, "SO-03", "D1")).toBeNull();
    const line = indexState(plan).owned.cells.find((c) => c.sheet === "SO-03" && c.role === "formNotScored")!.ranges[0]!;
    const { top, left } = parseRange(line);
    expect(notScoredLineOn(now, "SO-03", cellAddress(top, left)).text).toMatch(/^Chưa được chấm: Trang tính 'SO-03', ô B2: .*hãy sửa mã đơn vị\.$/);
    // Scored again once its code is set right: every piece goes, the user's cells stay.
    setCell(now, "SO-03", "B2", "SO-03");
    const third = run(now, { previous: indexState(plan) });
    const fixed = applyEdits(now, third.plan);
    expect([at(fixed, "SO-03", "D2"), at(fixed, "SO-03", "D3")]).toEqual(["Ghi chú của tôi", "Dòng thứ hai của tôi"]);
    const rows = fixed.sheets.find((s) => s.name === "SO-03")!.values.slice(0, 5).flat();
    expect(rows.filter((v) => typeof v === "string" && (v.startsWith("Chưa được chấm") || v.endsWith("mã đơn vị.")))).toEqual([]);
  });

  test("a text beside where the line would go moves it to rows where the table's width is free: nothing cuts it", () => {
    const snapshot = demoSnapshot();
    setCell(snapshot, "SO-03", "B2", "SO-01");
    setCell(snapshot, "SO-03", "F1", "Mẫu số 01/ĐG");
    setCell(snapshot, "SO-03", "F2", "(Kèm theo Kế hoạch số 12/KH-UBND)");
    const { plan } = run(snapshot);
    const now = applyEdits(snapshot, plan);
    expect([at(now, "SO-03", "F1"), at(now, "SO-03", "F2")]).toEqual(["Mẫu số 01/ĐG", "(Kèm theo Kế hoạch số 12/KH-UBND)"]);
    const line = parseRange(indexState(plan).owned.cells.find((c) => c.sheet === "SO-03" && c.role === "formNotScored")!.ranges[0]!);
    const { cells, text } = notScoredLineOn(now, "SO-03", cellAddress(line.top, line.left));
    expect(text).toMatch(/^Chưa được chấm: .*\.$/);
    // Right of each piece, to the table's last column (F), nothing.
    for (const cell of cells) {
      const { top, left } = parseRange(cell);
      for (let c = left + 1; c <= 6; c++) expect([cell, c, at(now, "SO-03", cellAddress(top, c))]).toEqual([cell, c, null]);
    }
    // Above the table's header row (row 6).
    expect(parseRange(cells[cells.length - 1]!).top).toBeLessThan(6);
  });
});
