/**
 * The lines that say, by formulas, that figures were changed after scoring: the results sheet's
 * subtitle (A2) turns into the warning, and each form's summary has under it a line on the unit's
 * own flag. A later run writes them again in their place and never twice, empties the ones an
 * earlier run left elsewhere, and never takes what the user typed for them.
 */
import type { CellValue, WorkbookSnapshot, WritePlan } from "../types";
import { cellAddress, parseRange } from "./a1";
import { type IndexSheetState, unitInputsChangedCount } from "./index-sheet";
import { formulaText, inputsChangedStatusText, isInputsChangedLine } from "./labels";
import { planResults } from "./plan";
import { planClearForm } from "./sheet-edits";
import { applyEdits, clearedBy, DEMO_DEFINITION, demoModel, demoSnapshot, indexState, insertRows, ownedGrid, readAndScore, setCell } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");
const LATER = new Date("2024-05-20T07:08:09Z");

function run(snapshot: WorkbookSnapshot, options: { previous?: IndexSheetState; model?: ReturnType<typeof demoModel>; now?: Date; lang?: "vi" | "en" } = {}): WritePlan {
  const model = options.model ?? demoModel();
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, {
    lang: options.lang ?? "vi",
    projectVersion: "1",
    now: options.now ?? NOW,
    snapshot,
    ...(options.previous ? { previous: options.previous } : {}),
  });
}

/** Every cell an edit of `sheet` writes: its value and formula. */
function writes(plan: WritePlan, sheet: string): Map<string, { value: CellValue; formula?: string; numberFormat?: string }> {
  const out = new Map<string, { value: CellValue; formula?: string; numberFormat?: string }>();
  for (const b of plan.edits.find((e) => e.sheet === sheet)?.blocks ?? []) {
    const { top, left } = parseRange(b.address);
    b.values.forEach((vals, r) =>
      vals.forEach((v, c) => {
        const formula = b.formulas?.[r]?.[c] ?? undefined;
        out.set(cellAddress(top + r, left + c), { value: v, ...(formula ? { formula, numberFormat: b.numberFormat as string } : {}) });
      }),
    );
  }
  return out;
}

/** The cells of `sheet` an edit writes a formula into. */
function formulaCells(plan: WritePlan, sheet: string): string[] {
  return [...writes(plan, sheet)].filter(([, w]) => w.formula !== undefined).map(([a]) => a);
}

/** What a form's line counts: the `inputs` rows of `_index` whose unit is exactly `unit` (a formula's text) with a flag above 0. */
function formCount(unit: string): string {
  const first = `MATCH("inputs",'_index'!$A:$A,0)`;
  const rows = (c: string) => `INDEX('_index'!$${c}:$${c},${first}):INDEX('_index'!$${c}:$${c},${first}+COUNTIFS('_index'!$A:$A,"inputs")-1)`;
  return `IFERROR(SUMPRODUCT(EXACT(${rows("B")},${unit})*(${rows("C")}>0)),0)`;
}

const LINE_VI = "Số liệu đã sửa sau lần chấm ngày 06/05/2024: điểm và hạng này đã cũ. Hãy chấm điểm lại.";

/** A category for SO-02 of its own, and ranks within categories: summaries of three rows. */
function byCategory(snapshot: WorkbookSnapshot): ReturnType<typeof demoModel> {
  setCell(snapshot, "SO-02", "B3", "UBND cấp huyện");
  return demoModel({ categories: [...DEMO_DEFINITION.categories, { id: "huyen", name: { vi: "UBND cấp huyện", en: "District" } }], ranking: { within: "category" } });
}

describe("the line under a form's summary", () => {
  test("is a formula on the unit's own flag in _index, empty as written, red when it shows, in the form's language, recorded as the project's", () => {
    const plan = run(demoSnapshot(), { lang: "en" });
    const cells = writes(plan, "SO-02");
    expect(cells.get("D1")?.value).toBe("Tổng điểm");
    const line = cells.get("D3")!;
    expect(line.value).toBe("");
    // Red by its number format's text section, and not a text format (a formula there would stay text).
    expect(line.numberFormat).toBe("General;-General;;[Red]@");
    // A Vietnamese form scored in English keeps Vietnamese.
    // While its own flag is 0, other units' flags: how many, and that its rank may be out of date (this index compares no units).
    const others = `COUNTIFS('_index'!$A:$A,"inputs",'_index'!$C:$C,">0")`;
    expect(line.formula).toBe(
      `=IF(${formCount('"SO-02"')}=0,IF(${others}=0,"","Số liệu của đơn vị khác đã sửa sau lần chấm ngày 06/05/2024: hạng này có thể đã cũ. Hãy chấm điểm lại."),"${LINE_VI}")`,
    );
    expect(indexState(plan).owned.cells.filter((c) => c.role === "formStatus")).toEqual(["SO-01", "SO-02", "SO-03"].map((sheet) => ({ sheet, role: "formStatus", ranges: ["D3"] })));
  });

  test("an English form says it in English", () => {
    const snapshot = demoSnapshot();
    [["A1", "Unit"], ["A2", "Unit code"], ["A3", "Category"], ["A4", "Index"], ["A6", "Code"], ["B6", "Item"], ["C6", "Max points"], ["D6", "Value"], ["E6", "Evidence"], ["F6", "Note"]].forEach(([a, v]) =>
      setCell(snapshot, "SO-01", a!, v!),
    );
    const line = writes(run(snapshot), "SO-01").get("D3")!;
    expect(line.formula).toContain('"Figures changed after scoring on 6 May 2024: this score and rank are out of date. Score again."');
  });

  test("finds its unit's flag by EXACT over the `inputs` rows alone: case, text that looks like a number, quotes and wildcards as they are, any length", () => {
    expect(unitInputsChangedCount("so-tc")).toBe(formCount('"so-tc"'));
    expect(unitInputsChangedCount("01")).toBe(formCount('"01"'));
    expect(unitInputsChangedCount('Sở "Xây dựng"*')).toBe(formCount('"Sở ""Xây dựng""*"'));
    // Over the 255 characters of a formula's text literal: in pieces, whole.
    const long = `${"x".repeat(300)}*`;
    expect(unitInputsChangedCount(long)).toBe(formCount(`"${"x".repeat(255)}"&"${"x".repeat(45)}*"`));
    // Far under Excel's 8,192 characters, with the line's text around it.
    expect(writes(run(demoSnapshot()), "SO-01").get("D3")!.formula!.length).toBeLessThan(1000);
  });

  test("goes below a three-row summary, and moves with its height when the ranking changes; the old one is emptied, never a cell written now", () => {
    const snapshot = demoSnapshot();
    const model = byCategory(snapshot);
    const first = run(snapshot, { model });
    expect(writes(first, "SO-01").get("D3")?.value).toBe("Hạng trong loại");
    expect(formulaCells(first, "SO-01")).toEqual(["D4"]);
    // The figures were changed since: the line shows (as Excel reads it); ranks are no longer by category.
    const after = applyEdits(snapshot, first);
    setCell(after, "SO-01", "D4", LINE_VI);
    const second = run(after, { previous: indexState(first), now: LATER });
    const cells = writes(second, "SO-01");
    expect(formulaCells(second, "SO-01")).toEqual(["D3"]);
    expect(cells.get("D3")!.formula).toContain("20/05/2024");
    expect(cells.get("D4")).toEqual({ value: null });
    // And back to three rows: the category row goes where the line was, the line below it.
    const third = run(applyEdits(after, second), { previous: indexState(second), model });
    expect(writes(third, "SO-01").get("D3")?.value).toBe("Hạng trong loại");
    expect(formulaCells(third, "SO-01")).toEqual(["D4"]);
  });

  test("moves with its summary when the user inserts rows above it, and nothing is left behind", () => {
    const first = run(demoSnapshot());
    const after = applyEdits(demoSnapshot(), first);
    // The form as Excel reads it once the figures changed, then two rows inserted at the top.
    setCell(after, "SO-01", "D3", LINE_VI);
    insertRows(after, "SO-01", 1, [["Báo cáo năm 2024"], []]);
    const second = run(after, { previous: indexState(first) });
    const cells = writes(second, "SO-01");
    expect(cells.get("D3")?.value).toBe("Tổng điểm");
    expect(formulaCells(second, "SO-01")).toEqual(["D5"]);
    // Nothing emptied: the old places hold what moved there (the summary's own cells, written again).
    expect([...cells].filter(([, w]) => w.value === null).map(([a]) => a)).toEqual([]);
    expect(indexState(second).owned.cells.find((c) => c.sheet === "SO-01" && c.role === "formStatus")!.ranges).toEqual(["D5"]);
  });

  test("a new summary keeps its line's row clear of what the user typed and of merged cells", () => {
    const snapshot = demoSnapshot();
    setCell(snapshot, "SO-01", "D3", "Ghi chú của tôi");
    snapshot.sheets.find((s) => s.name === "SO-02")!.merges = ["E3:G3"];
    const plan = run(snapshot);
    expect(writes(plan, "SO-01").has("D3")).toBe(false);
    expect(writes(plan, "SO-01").get("E1")?.value).toBe("Tổng điểm");
    expect(formulaCells(plan, "SO-01")).toEqual(["E3"]);
    // D1:E2 is free, E3 merged: the summary goes where both rows and the line are clear.
    expect(writes(plan, "SO-02").get("D1")?.value).not.toBe("Tổng điểm");
    expect(formulaCells(plan, "SO-02")).toEqual(["H3"]);
    expect(writes(plan, "SO-02").get("H1")?.value).toBe("Tổng điểm");
  });

  test("a summary written by an earlier version (no line) is found and gets its line; what the user typed under one moves it, and is left alone", () => {
    const first = run(demoSnapshot());
    // As an earlier version left it: no line under the summaries, none recorded.
    const earlier = applyEdits(demoSnapshot(), first);
    for (const sheet of ["SO-01", "SO-02", "SO-03"]) setCell(earlier, sheet, "D3", null);
    const previous = indexState(first);
    previous.owned.cells = previous.owned.cells.filter((c) => c.role !== "formStatus");
    setCell(earlier, "SO-02", "D3", "Đã gửi bản giấy");
    const second = run(earlier, { previous });
    // Found in place, with a line under it.
    expect(writes(second, "SO-01").get("D1")?.value).toBe("Tổng điểm");
    expect(formulaCells(second, "SO-01")).toEqual(["D3"]);
    // The user's text under SO-02's summary stays; the summary is written afresh where there is room, the old one emptied.
    const so2 = writes(second, "SO-02");
    expect(so2.has("D3")).toBe(false);
    expect([so2.get("D1"), so2.get("E1"), so2.get("D2"), so2.get("E2")]).toEqual([{ value: null }, { value: null }, { value: null }, { value: null }]);
    expect(so2.get("F1")?.value).toBe("Tổng điểm");
    expect(formulaCells(second, "SO-02")).toEqual(["F3"]);
  });

  test("a line read without its result (a file that keeps none) or showing the warning is the project's; a text the user typed there is not", () => {
    expect(isInputsChangedLine(LINE_VI)).toBe(true);
    expect(isInputsChangedLine("Figures changed after scoring on 6 May 2024: these points and rank are out of date. Score again.")).toBe(true);
    expect(isInputsChangedLine("Figures changed after scoring on 6 May 2024: this score and rank are out of date. Score again.")).toBe(true);
    expect(isInputsChangedLine({ error: "", formula: `=IF(${unitInputsChangedCount("SO-01")}=0,"","…")` })).toBe(true);
    // As Excel or LibreOffice may save it: the sheet's name without its quotes.
    expect(isInputsChangedLine({ error: "", formula: `=IF(${unitInputsChangedCount("SO-01").replaceAll("'_index'!", "_index!")}=0,"","…")` })).toBe(true);
    // As earlier versions wrote it: a COUNTIFS on the unit's key.
    expect(isInputsChangedLine({ error: "", formula: `=IF(COUNTIFS('_index'!$A:$A,"inputs",'_index'!$B:$B,"=SO-01",'_index'!$C:$C,">0")=0,"","…")` })).toBe(true);
    // The line while other units' figures changed, computed, in either language, with points or without.
    expect(isInputsChangedLine("Số liệu của đơn vị khác đã sửa sau lần chấm ngày 06/05/2024: điểm và hạng này có thể đã cũ. Hãy chấm điểm lại.")).toBe(true);
    expect(isInputsChangedLine("Số liệu của đơn vị khác đã sửa sau lần chấm ngày 06/05/2024: hạng này có thể đã cũ. Hãy chấm điểm lại.")).toBe(true);
    expect(isInputsChangedLine("Figures of other units were changed after scoring on 6 May 2024: this rank may be out of date. Score again.")).toBe(true);
    expect(isInputsChangedLine("Figures of other units were changed after scoring on 6 May 2024: these points and rank may be out of date. Score again.")).toBe(true);
    expect(isInputsChangedLine("Figures of other units were changed after scoring on 6 May 2024: this score and rank may be out of date. Score again.")).toBe(true);
    expect(isInputsChangedLine("Số liệu đã sửa lại theo công văn 12")).toBe(false);
    expect(isInputsChangedLine({ error: "#REF!" })).toBe(false);
    const first = run(demoSnapshot());
    const after = applyEdits(demoSnapshot(), first);
    // The user types a remark where SO-03's line was: it is theirs, and the summary moves to where there is room.
    setCell(after, "SO-03", "D3", "Số liệu đã sửa lại theo công văn 12");
    const second = run(after, { previous: indexState(first) });
    expect(writes(second, "SO-03").has("D3")).toBe(false);
    expect(writes(second, "SO-03").get("F1")?.value).toBe("Tổng điểm");
  });

  test("a form no longer scored loses its line with its summary, even when the line shows nothing", () => {
    const first = run(demoSnapshot());
    const after = applyEdits(demoSnapshot(), first);
    // The line as the xlsx host reads it when the file keeps no result.
    setCell(after, "SO-01", "D3", { error: "", formula: `=IF(${unitInputsChangedCount("SO-01")}=0,"","${LINE_VI}")` });
    setCell(after, "SO-03", "B2", "SO-01"); // now a second form of SO-01: not scored
    const second = run(after, { previous: indexState(first) });
    expect(writes(second, "SO-03").get("D3")).toEqual({ value: null });
    // Where the summary was, the line that says why the form is not scored.
    expect(String(writes(second, "SO-03").get("D1")?.value)).toMatch(/^Chưa được chấm: /);
    // planClearForm on its own: the recorded line, read as empty, is emptied all the same.
    const previous = indexState(first).owned.cells.filter((c) => c.sheet === "SO-03");
    const sheet = applyEdits(demoSnapshot(), first).sheets.find((s) => s.name === "SO-03")!;
    expect(planClearForm(sheet, previous)!.blocks.map((b) => b.address)).toContain("D3");
  });
});

describe("the charts sheet's status line", () => {
  const COUNT = `COUNTIFS('_index'!$A:$A,"inputs",'_index'!$C:$C,">0")`;
  const charts = (plan: WritePlan, name = "Biểu đồ") => plan.owned.find((o) => o.name === name)!;
  /** The workbook as `first` left it (its results and charts sheets as it wrote them), the charts sheet's A1 as `a1` when given. */
  const after = (first: WritePlan, a1?: CellValue) => {
    const snapshot = demoSnapshot();
    const grid = ownedGrid(first, "Biểu đồ").map((r) => [...r]);
    if (a1 !== undefined) (grid[0] ??= [])[0] = a1;
    snapshot.sheets.push({ name: "Kết quả", values: ownedGrid(first, "Kết quả") }, { name: "Biểu đồ", values: grid });
    return snapshot;
  };

  test("A1, above the charts: empty while no flag is above 0, the results sheet's line (the charts out of date) otherwise, red and bold by a formula rule on A1 only; in the run's language", () => {
    const plan = run(demoSnapshot());
    const sheet = charts(plan);
    const a1 = sheet.blocks.filter((b) => b.address === "A1");
    expect(a1).toHaveLength(1);
    expect(a1[0]!.values).toEqual([[""]]);
    expect(a1[0]!.numberFormat).toBe("General");
    const formula = a1[0]!.formulas![0]![0]!;
    expect(formula.startsWith(`=IF(${COUNT}=0,"","Số liệu của "&${COUNT}&`)).toBe(true);
    expect(formula).toContain("đã được sửa sau lần chấm ngày 06/05/2024: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.");
    // What it shows when one unit's figures changed: the results sheet's line, which a later run knows for the project's.
    // (As a host gives it as the cached result, from the formula: inputsChangedStatusText.)
    const shown = inputsChangedStatusText(1, NOW, "vi", formula);
    expect(shown).toBe("Số liệu của 1 đơn vị đã được sửa sau lần chấm ngày 06/05/2024: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.");
    expect(isInputsChangedLine(shown)).toBe(true);
    expect(sheet.conditionalFormats).toEqual([{ range: "A1", kind: "expression", formula: `=${COUNT}>0`, colors: ["FFC00000"], bold: true }]);
    // No chart covers it: each starts on row 2 or below, the first on row 2; the sheet prints it with them.
    expect(Math.min(...sheet.charts.map((c) => parseRange(`${c.from}:${c.to}`).top))).toBe(2);
    expect(parseRange(sheet.print!.printArea!).top).toBe(1);
    // Nothing else on row 1.
    expect(sheet.blocks.filter((b) => parseRange(b.address).top === 1).map((b) => b.address)).toEqual(["A1"]);
    expect(charts(run(demoSnapshot(), { lang: "en" }), "Charts").blocks.find((b) => b.address === "A1")!.formulas![0]![0]).toContain(
      "were changed after scoring on 6 May 2024: the scores, ranks and charts in this workbook are out of date. Score again with DTI Scorer.",
    );
  });

  test("a second run writes it again in place, once, showing nothing or out of date, and says nothing of it; a text the user typed there stays, and the sheet then has none", () => {
    const first = run(demoSnapshot());
    const stale = "Số liệu của 1 đơn vị đã được sửa sau lần chấm ngày 06/05/2024: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.";
    expect(isInputsChangedLine(stale)).toBe(true);
    for (const a1 of [undefined, stale]) {
      const second = run(after(first, a1), { previous: indexState(first), now: LATER });
      const sheet = charts(second);
      expect(sheet.blocks.filter((b) => b.address === "A1")).toHaveLength(1);
      expect(sheet.blocks.find((b) => b.address === "A1")!.formulas![0]![0]).toContain("lần chấm ngày 20/05/2024");
      expect(clearedBy(second, "Biểu đồ", "A1")).toBe(true);
      expect(sheet.conditionalFormats.filter((c) => c.range === "A1")).toHaveLength(1);
      expect(indexState(second).owned.cells.filter((c) => c.sheet === "Biểu đồ" && c.role === "status")).toEqual([{ sheet: "Biểu đồ", role: "status", ranges: ["A1"] }]);
      expect((second.warnings ?? []).filter((w) => w.sheet === "Biểu đồ")).toEqual([]);
    }
    const typed = run(after(first, "Báo cáo quý II — bản in"), { previous: indexState(first), now: LATER });
    expect(charts(typed).blocks.some((b) => b.address === "A1")).toBe(false);
    expect(charts(typed).conditionalFormats).toEqual([]);
    expect(clearedBy(typed, "Biểu đồ", "A1")).toBe(false);
    expect(indexState(typed).owned.cells.filter((c) => c.sheet === "Biểu đồ").map((c) => c.role)).toEqual(["chartData"]);
    expect((typed.warnings ?? []).filter((w) => w.sheet === "Biểu đồ")).toEqual([]);
  });
});

describe("the results sheet's subtitle", () => {
  test("is a formula showing the subtitle while no flag is above 0, the subtitle its value, red and bold by a formula rule on A2 only", () => {
    const plan = run(demoSnapshot());
    const results = plan.owned.find((o) => o.name === "Kết quả")!;
    const a2 = results.blocks.find((b) => b.address === "A2")!;
    const subtitle = "Chấm điểm ngày 06/05/2024 bằng DTI Scorer 1; 3 đơn vị. Chương trình ghi lại bảng này (cả số liệu lẫn định dạng) ở mỗi lần tính: đừng sửa số liệu hay định dạng trong bảng; cột và ghi chú bạn thêm được giữ lại.";
    expect(a2.values).toEqual([[subtitle]]);
    const count = `COUNTIFS('_index'!$A:$A,"inputs",'_index'!$C:$C,">0")`;
    expect(a2.formulas![0]![0]).toMatch(new RegExp(`^=IF\\(${count.replace(/[$()]/g, "\\$&")}=0,"${subtitle.replace(/[()]/g, "\\$&")}","Số liệu của "&`));
    expect(a2.numberFormat).toBe("General");
    expect(a2.fontColor).toBeUndefined();
    expect(results.conditionalFormats.filter((c) => c.kind === "expression")).toEqual([{ range: "A2", kind: "expression", formula: `=${count}>0`, colors: ["FFC00000"], bold: true }]);
    // Nothing on the title's row but the title.
    expect(results.blocks.filter((b) => parseRange(b.address).top === 1).map((b) => b.address)).toEqual(["A1"]);
    // The subtitle's cell, and the charts sheet's line above its charts (withChartsStatus).
    expect(indexState(plan).owned.cells.filter((c) => c.role === "status")).toEqual([
      { sheet: "Kết quả", role: "status", ranges: ["A2"] },
      { sheet: "Biểu đồ", role: "status", ranges: ["A1"] },
    ]);
  });

  test("units read from a CSV file are watched in the sheet the file becomes in the scored workbook", () => {
    const snapshot: WorkbookSnapshot = { sheets: demoSnapshot().sheets.map((s) => ({ ...s, csvFile: `${s.name}.csv` })) };
    const plan = run(snapshot);
    const results = plan.owned.find((o) => o.name === "Kết quả")!;
    expect(results.blocks.find((b) => b.address === "A2")!.formulas?.[0]?.[0]).toContain("COUNTIFS('_index'!$A:$A,\"inputs\"");
    // One flag row per unit in `_index`, each naming the unit's sheet.
    const index = plan.owned.find((o) => o.name === "_index")!;
    const flags = index.blocks.flatMap((b) => b.values).filter((r) => r[0] === "inputs");
    expect(flags.map((r) => r[3])).toEqual(readAndScore(snapshot, demoModel()).submissions.map((u) => u.source?.sheet));
  });

  test("without copies (no unit read from a sheet) stays plain text", () => {
    const model = demoModel();
    const { table, issues } = readAndScore(demoSnapshot(), model);
    const plan = planResults(model, table, issues, [], { lang: "vi", projectVersion: "1", now: NOW, snapshot: demoSnapshot() });
    const results = plan.owned.find((o) => o.name === "Kết quả")!;
    expect(results.blocks.find((b) => b.address === "A2")!.formulas).toBeUndefined();
    expect(results.conditionalFormats.some((c) => c.kind === "expression")).toBe(false);
  });

  test("a long subtitle with quotes is written whole, in literals Excel takes", () => {
    const text = `${"Đơn vị \"A\" ".repeat(40)}kết thúc`;
    const literal = formulaText(text);
    const pieces = literal.split('"&"');
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.replace(/^"|"$/g, "").length).toBeLessThanOrEqual(255);
    // Read back as Excel reads it: the pieces joined, each doubled quote one.
    expect(pieces.map((p) => p.replace(/^"|"$/g, "").replace(/""/g, '"')).join("")).toBe(text);
    expect(formulaText("")).toBe('""');
  });

  test("the line an earlier version put on the title's row is the project's while it holds that line; a text the user typed over it is theirs, and stays", () => {
    const first = run(demoSnapshot());
    const previous = indexState(first);
    previous.owned.cells = previous.owned.cells.map((c) => (c.role === "status" ? { ...c, ranges: ["L1"] } : c));
    const results = (l1: CellValue): WorkbookSnapshot => {
      const snapshot = applyEdits(demoSnapshot(), first);
      const grid: CellValue[][] = [["Kết quả đánh giá"], ["Chấm điểm ngày 06/05/2024"]];
      grid[0]![11] = l1;
      snapshot.sheets.push({ name: "Kết quả", values: grid });
      return snapshot;
    };
    const ours = run(results({ error: "", formula: `=IF(COUNTIFS('_index'!$A:$A,"inputs",'_index'!$C:$C,">0")=0,"","…")` }), { previous });
    expect(ours.warnings ?? []).toEqual([]);
    const shown = run(results("Số liệu của 2 đơn vị đã được sửa sau lần chấm ngày 06/05/2024: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer."), { previous });
    expect(shown.warnings ?? []).toEqual([]);
    expect(clearedBy(ours, "Kết quả", "L1")).toBe(true);
    const typed = run(results("Đã duyệt"), { previous });
    expect(typed.warnings ?? []).toEqual([]);
    expect(clearedBy(typed, "Kết quả", "L1")).toBe(false);
    // The line as an index that calls its units otherwise wrote it ("sở, ban, ngành", "countries") is the project's too;
    // a remark that only starts like it is the user's.
    for (const line of [
      "Số liệu của 2 sở, ban, ngành đã được sửa sau lần chấm ngày 06/05/2024: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.",
      "The figures of 3 countries were changed after scoring on 6 May 2024: the scores, ranks and charts in this workbook are out of date. Score again with DTI Scorer.",
    ]) {
      expect(clearedBy(run(results(line), { previous }), "Kết quả", "L1")).toBe(true);
    }
    expect(clearedBy(run(results("Số liệu của 2 sở đã được sửa sau lần chấm ngày 06/05/2024 theo công văn 12."), { previous }), "Kết quả", "L1")).toBe(false);
  });
});
