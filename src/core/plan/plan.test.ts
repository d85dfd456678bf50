import type { Issue, IssueCode, WritePlan } from "../types";
import { parseRange } from "./a1";
import { type IndexSheetState, staleUnits, unitInputHashes } from "./index-sheet";
import { CHART_NAMES, INDEX_SHEET, MARK_NOTE_PREFIX, RESULTS_TABLE } from "./labels";
import { findingWithoutLocation } from "../finding-text";
import { planMarks, planResults } from "./plan";
import { applyEdits, DEMO_DEFINITION, demoModel, demoSnapshot, indexState, ownedGrid, readAndScore, setCell } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

/** The pipeline's pure steps on a snapshot: the real reader, scoring, then the plan. */
function run(lang: "vi" | "en" = "vi", previous?: IndexSheetState, snapshot = demoSnapshot(), model = demoModel()) {
  const { submissions, issues, table } = readAndScore(snapshot, model);
  const plan = planResults(model, table, issues, submissions, {
    lang,
    projectVersion: "1.2.3",
    now: NOW,
    snapshot,
    ...(previous ? { previous } : {}),
  });
  return { model, submissions, issues, table, plan };
}

/** The one issue of a code the reader found (its message is the reader's, in both languages). */
function found(issues: Issue[], code: IssueCode, cell: string): Issue {
  const matching = issues.filter((i) => i.code === code && i.cell === cell);
  if (matching.length !== 1) throw new Error(`expected one ${code} at ${cell}, found ${matching.length}`);
  return matching[0]!;
}

describe("planResults", () => {
  test("the results sheet lists units by rank with their group values, points and total", () => {
    const { plan, issues } = run("vi");
    expect(issues).toEqual([]); // the demo units' sheets are complete and valid
    const results = plan.owned.find((o) => o.name === "Kết quả")!;
    const grid = ownedGrid(plan, "Kết quả");
    const header = grid[2]!;
    expect(header.slice(0, 4)).toEqual(["Hạng", "Mã đơn vị", "Đơn vị", "Loại đơn vị"]);
    expect(header).toContain("Nhận thức số (giá trị)");
    expect(header).toContain("Nhận thức số (điểm)");
    expect(header).toContain("Tổng điểm");
    expect(header).toContain("Tỷ lệ chỉ tiêu có số liệu");
    // SO-01: 10 + 18 + 28.5 = 56.5; SO-03: 0 + 14 + 24 = 38; SO-02: 10 + 8 + 15 = 33.
    const total = header.indexOf("Tổng điểm");
    expect(grid.slice(3).map((r) => [r[0], r[1], r[total]])).toEqual([
      [1, "SO-01", 56.5],
      [2, "SO-03", 38],
      [3, "SO-02", 33],
    ]);
    expect(results.tables).toEqual([{ name: RESULTS_TABLE, range: `A3:${parseRangeEnd(results.tables[0]!.range)}6`, style: "TableStyleMedium2" }]);
    const formats = results.blocks[2]!.numberFormat as string[][];
    expect(formats[1]![header.indexOf("Nhận thức số (giá trị)")]).toBe("0.0000");
    expect(formats[1]![total]).toBe("0.00");
    expect(formats[1]![header.indexOf("Tỷ lệ chỉ tiêu có số liệu")]).toBe("0%");
    expect(results.conditionalFormats.map((c) => c.kind).sort()).toEqual(["colorScale", "colorScale", "dataBar", "expression"]);
    expect(results.freeze).toEqual({ rows: 3, columns: 3 });
  });

  test("the results sheet is named and labelled in English for an English run, with the same table name", () => {
    const { plan } = run("en");
    const grid = ownedGrid(plan, "Results");
    expect(grid[2]!.slice(0, 4)).toEqual(["Rank", "Unit code", "Unit", "Unit category"]);
    expect(grid[3]![3]).toBe("Departments");
    expect(plan.owned.find((o) => o.name === "Results")!.tables[0]!.name).toBe(RESULTS_TABLE);
    expect(plan.owned.map((o) => o.name)).toEqual(["Results", "Charts", INDEX_SHEET]);
  });

  test("a unit name that looks like a formula is planned as a plain value, never as a formula", () => {
    const { plan } = run();
    const grid = ownedGrid(plan, "Kết quả");
    expect(grid.some((r) => r[2] === '=HYPERLINK("http://x","y")')).toBe(true);
    // The only formulas are the project's own (the line saying figures changed since scoring, and its flags in _index).
    const formulas = plan.owned.flatMap((sheet) => sheet.blocks.flatMap((b) => (b.formulas ?? []).flat().filter((f): f is string => typeof f === "string")));
    expect(formulas.length).toBeGreaterThan(0);
    for (const f of formulas) {
      expect(f).not.toContain("HYPERLINK");
      expect(f).toMatch(/^=IF(ERROR)?\(/);
    }
  });

  test("each layout-A sheet gets a Điểm column after its table and a summary with total and rank", () => {
    const { plan } = run("vi");
    const edit = plan.edits.find((e) => e.sheet === "SO-03")!;
    const byAddress = new Map(edit.blocks.map((b) => [b.address, b.values]));
    expect(byAddress.get("G6")).toEqual([["Điểm"]]); // first free column after F, the table's last
    expect(byAddress.get("G7")).toEqual([[14]]); // node 1: 0 + 14
    expect(byAddress.get("G8")).toEqual([[0]]); // 1.1 answered "no"
    expect(byAddress.get("G9")).toEqual([[14]]); // 1.2: 70/100 × 20
    expect(byAddress.has("G10")).toBe(false); // an input row has no score of its own
    expect(byAddress.get("G13")).toEqual([[24]]); // 2.1: 0.8 × 30
    expect(byAddress.get("D1")).toEqual([
      ["Tổng điểm", 38],
      ["Hạng", "2/3"],
    ]);
    const owned = indexState(plan).owned.cells.filter((c) => c.sheet === "SO-03");
    expect(owned).toEqual([
      { sheet: "SO-03", role: "header", ranges: ["G6"] },
      { sheet: "SO-03", role: "score", ranges: ["G7:G9", "G12:G13"] },
      { sheet: "SO-03", role: "summary", ranges: ["D1:E2"] },
      { sheet: "SO-03", role: "formStatus", ranges: ["D3"] },
    ]);
  });

  test("a summary place already taken by the user's text moves right; a later run keeps the recorded place", () => {
    const snapshot = demoSnapshot();
    snapshot.sheets[0]!.values[0]![3] = "Ghi chú của người dùng";
    const first = run("vi", undefined, snapshot);
    const summaryOf = (plan: WritePlan) => plan.edits.find((e) => e.sheet === "SO-01")!.blocks.find((b) => b.values[0]?.[0] === "Tổng điểm")!;
    expect(summaryOf(first.plan).address).toBe("E1");
    // Next run: even with D1 free again, the summary stays where it is.
    const after = applyEdits(snapshot, first.plan);
    setCell(after, "SO-01", "D1", null);
    const second = run("vi", indexState(first.plan), after);
    expect(summaryOf(second.plan).address).toBe("E1");
  });

  test("the _index sheet is very hidden and gives back the definition, owned sheets, charts and the stamp", () => {
    const { plan, submissions } = run("vi");
    const index = plan.owned.find((o) => o.name === INDEX_SHEET)!;
    expect(index.visibility).toBe("veryHidden");
    const state = indexState(plan);
    expect(JSON.parse(state.definitionJson!).id).toBe(DEMO_DEFINITION.id);
    expect(state.owned.sheets).toEqual(["Kết quả", "Biểu đồ", INDEX_SHEET]);
    expect(state.owned.charts.map((c) => c.name)).toEqual([CHART_NAMES.total, CHART_NAMES.groups, CHART_NAMES.profile]);
    expect(state.provenance).toMatchObject({ scoredAt: NOW.toISOString(), projectVersion: "1.2.3", lang: "vi" });
    expect(state.provenance!.definitionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(state.provenance!.unitHashes).toEqual(unitInputHashes(submissions));
  });

  test("a long definition is split over cells of at most 30,000 characters and read back whole", () => {
    const model = demoModel();
    const long = { ...model.definition, description: "x".repeat(70000) };
    const plan = planResults({ ...model, definition: long }, readAndScore(demoSnapshot(), model).table, [], [], {
      lang: "vi",
      projectVersion: "1",
      now: NOW,
    });
    const row = ownedGrid(plan, INDEX_SHEET).find((r) => r[0] === "definition")!;
    expect(row.length).toBeGreaterThanOrEqual(4);
    for (const cell of row.slice(1)) expect(String(cell).length).toBeLessThanOrEqual(30000);
    expect(JSON.parse(indexState(plan).definitionJson!).description).toHaveLength(70000);
  });

  test("staleUnits names the one unit whose input changed since scoring", () => {
    const { plan } = run();
    const state = indexState(plan);
    const changed = demoSnapshot();
    setCell(changed, "SO-02", "D10", 55); // 1.2.a
    const now = readAndScore(changed).submissions;
    expect(staleUnits(state, now)).toEqual({ changed: ["SO-02"], added: [], removed: [] });
    expect(staleUnits(state, now.slice(0, 1))).toEqual({ changed: [], added: [], removed: ["SO-02", "SO-03"] });
  });

  test("a unit moved to another category or renamed since scoring is stale: its scores, ranks or name on the results change", () => {
    const { plan } = run();
    const state = indexState(plan);
    const same = readAndScore(demoSnapshot()).submissions;
    expect(staleUnits(state, same)).toEqual({ changed: [], added: [], removed: [] });
    const moved = same.map((s) => (s.code === "SO-01" ? { ...s, category: "khong-dvc" } : s.code === "SO-03" ? { ...s, name: "Sở Khoa học và Công nghệ" } : s));
    expect(staleUnits(state, moved).changed.sort()).toEqual(["SO-01", "SO-03"]);
  });

  test("mistakes in the input become marks with the reader's messages in the form's language, counted per unit on results in the run's; the next run clears them", () => {
    const snapshot = demoSnapshot();
    setCell(snapshot, "SO-02", "D10", "abc"); // 1.2.a: text in a number cell
    setCell(snapshot, "SO-02", "D13", null); // 2.1 left blank
    snapshot.sheets[1]!.fills = { D10: "#00FF00" };
    const first = run("en", undefined, snapshot);
    const notANumber = found(first.issues, "not-a-number", "D10");
    const missing = found(first.issues, "missing-input", "D13");
    expect(first.issues.map((i) => [i.severity, i.sheet, i.unit])).toEqual([
      ["error", "SO-02", "SO-02"],
      ["warning", "SO-02", "SO-02"],
    ]);
    expect(notANumber.message.en).toContain('"abc"');
    expect(first.plan.marks).toEqual([
      // The demo forms are Vietnamese: their notes are too, in an English run.
      // On its own cell a note does not name the cell again: "Trang tính 'SO-02', ô D10: " is left out.
      { sheet: "SO-02", cell: "D10", severity: "error", note: `${MARK_NOTE_PREFIX}\nLỗi: "abc" không phải là số (số liệu 1.2.a của chỉ tiêu 1.2).\n` },
      { sheet: "SO-02", cell: "D13", severity: "warning", note: `${MARK_NOTE_PREFIX}\nCảnh báo: ${findingWithoutLocation({ message: missing.message, sheet: "SO-02", cell: "D13" }, "vi")}\n` },
    ]);
    expect(missing.message.vi).toMatch(/^Trang tính 'SO-02', ô D13: chưa có số liệu/);
    expect(first.plan.marks[1]!.note).toContain("\nCảnh báo: Chưa có số liệu cho chỉ tiêu 2.1;");
    const grid = ownedGrid(first.plan, "Results");
    const header = grid[2]!;
    const so02 = grid.find((r) => r[1] === "SO-02")!;
    expect([so02[header.indexOf("Errors")], so02[header.indexOf("Warnings")]]).toEqual([1, 1]);
    const so01 = grid.find((r) => r[1] === "SO-01")!;
    expect([so01[header.indexOf("Errors")], so01[header.indexOf("Warnings")]]).toEqual([0, 0]);
    const state = indexState(first.plan);
    expect(state.marks).toEqual([{ sheet: "SO-02", cell: "D10", fill: "#00FF00" }, { sheet: "SO-02", cell: "D13" }]);
    // The next run on corrected input clears the marks and gives D10 its own fill back.
    const second = run("en", state, demoSnapshot());
    expect(second.issues).toEqual([]);
    expect(second.plan.marks).toEqual([]);
    expect(second.plan.clearMarks).toEqual([{ sheet: "SO-02", cell: "D10", fill: "#00FF00" }, { sheet: "SO-02", cell: "D13" }]);
    expect(indexState(second.plan).marks).toEqual([]);
  });

  test("the mark notes are in Vietnamese for a Vietnamese run", () => {
    const snapshot = demoSnapshot();
    setCell(snapshot, "SO-03", "D11", { error: "#DIV/0!" }); // 1.2.b: an Excel error value
    const { plan, issues } = run("vi", undefined, snapshot);
    const excelError = found(issues, "excel-error", "D11");
    expect(excelError.message.vi).toContain("#DIV/0!");
    expect(plan.marks).toEqual([{ sheet: "SO-03", cell: "D11", severity: "error", note: `${MARK_NOTE_PREFIX}\nLỗi: ${findingWithoutLocation({ message: excelError.message, sheet: "SO-03", cell: "D11" }, "vi")}\n` }]);
  });

  test("the mark notes on a form speak the form's language, whatever the run's: on a form scored and on one left out", () => {
    const snapshot = demoSnapshot();
    // SO-03 as a form made in English; a second form of SO-01 (left out: its code is taken).
    const so3 = snapshot.sheets[2]!;
    const english: Record<string, string> = { "Đơn vị": "Unit", "Mã đơn vị": "Unit code", Nhóm: "Category", "Bộ chỉ số": "Index", Mã: "Code", "Nội dung": "Item", "Điểm tối đa": "Max points", "Số liệu": "Value", "Minh chứng": "Evidence", "Ghi chú": "Note" };
    so3.values = so3.values.map((row, r) => row.map((v, c) => (typeof v === "string" && (c === 0 || r === 5) ? (english[v] ?? v) : v)));
    snapshot.sheets.push({ name: "SO-01 (2)", values: snapshot.sheets[0]!.values.map((r) => [...r]) });
    setCell(snapshot, "SO-02", "D10", "bốn mươi,5");
    setCell(snapshot, "SO-03", "D10", "seventy,5");
    const { plan, issues } = run("en", undefined, snapshot);
    const bySheet = (sheet: string) => plan.marks.filter((m) => m.sheet === sheet);
    const so2 = found(issues.filter((i) => i.sheet === "SO-02"), "not-a-number", "D10");
    expect(bySheet("SO-02")).toEqual([{ sheet: "SO-02", cell: "D10", severity: "error", note: `${MARK_NOTE_PREFIX}\nLỗi: ${findingWithoutLocation({ message: so2.message, sheet: "SO-02", cell: "D10" }, "vi")}\n` }]);
    const so3Error = issues.find((i) => i.sheet === "SO-03" && i.cell === "D10")!;
    expect(bySheet("SO-03")).toEqual([{ sheet: "SO-03", cell: "D10", severity: "error", note: `${MARK_NOTE_PREFIX}\nError: ${findingWithoutLocation({ message: so3Error.message, sheet: "SO-03", cell: "D10" }, "en")}\n` }]);
    const left = issues.find((i) => i.code === "duplicate-unit" && i.sheet === "SO-01 (2)")!;
    expect(bySheet("SO-01 (2)").map((m) => m.note)).toEqual([`${MARK_NOTE_PREFIX}\nLỗi: ${findingWithoutLocation({ message: left.message, sheet: left.sheet!, cell: left.cell! }, "vi")}\n`]);
    // The same in a Vietnamese run: each form as its own language says.
    const again = run("vi", undefined, snapshot).plan.marks;
    expect(again).toEqual(plan.marks);
  });

  test("several findings on one cell make one mark at the worst severity, the most severe line first", () => {
    // The reader's warning that SO-02's table lost the row of 2.1 (at its Mã cell), and a note on
    // the same cell that comes first in the list: one warning mark, the warning's line first.
    const model = demoModel({ missing: "exclude" });
    const snapshot = demoSnapshot();
    snapshot.sheets[1]!.values.pop(); // SO-02's last row, 2.1
    const { issues } = run("en", undefined, snapshot, model);
    const warning = found(issues, "missing-row", "A6");
    expect(warning.severity).toBe("warning");
    const info: Issue = { sheet: "SO-02", cell: "A6", unit: "SO-02", severity: "info", code: "missing-input", message: { vi: "Chưa có số liệu 2.1.", en: "No value for 2.1." } };
    expect(planMarks([info, warning], "en", new Set())).toEqual([
      { sheet: "SO-02", cell: "A6", severity: "warning", note: `${MARK_NOTE_PREFIX}\nWarning: ${findingWithoutLocation({ message: warning.message, sheet: "SO-02", cell: "A6" }, "en")}\nInfo: No value for 2.1.\n` },
    ]);
  });

  test("an error and a warning on one cell make an error mark that lists the error first", () => {
    // Hand-built on purpose: the reader never reports an error and a warning at the same cell (an
    // invalid value is left out of the submission, so no later check looks at it), yet the planner
    // must still rank an error above a warning whatever order the findings come in.
    const at = { sheet: "SO-02", cell: "D10", unit: "SO-02", node: "1.2.a" };
    const warning: Issue = { ...at, severity: "warning", code: "ambiguous-number", message: { vi: "Số dễ hiểu nhầm.", en: "Ambiguous number." } };
    const error: Issue = { ...at, severity: "error", code: "not-a-number", message: { vi: "Ô D10 không phải là số.", en: "Cell D10 is not a number." } };
    expect(planMarks([warning, error], "en", new Set())).toEqual([
      { sheet: "SO-02", cell: "D10", severity: "error", note: `${MARK_NOTE_PREFIX}\nError: Cell D10 is not a number.\nWarning: Ambiguous number.\n` },
    ]);
  });

  test("the three charts are named, titled in the user's language and stacked one under the other, each a landscape page wide and printed on a page of its own, with their data below", () => {
    const { plan } = run("en");
    const sheet = plan.owned.find((o) => o.name === "Charts")!;
    const charts = sheet.charts;
    expect(charts.map((c) => [c.name, c.kind])).toEqual([
      [CHART_NAMES.total, "barSorted"],
      [CHART_NAMES.groups, "stackedBar"],
      [CHART_NAMES.profile, "radar"],
    ]);
    expect(charts[0]!.title).toBe("Total points by unit");
    const boxes = charts.map((c) => parseRange(`${c.from}:${c.to}`));
    // One under the other, from column A, all as wide, each printed on pages of its own.
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.top).toBeGreaterThan(boxes[i - 1]!.bottom);
    expect(boxes.map((b) => [b.left, b.right])).toEqual(boxes.map(() => [1, boxes[0]!.right]));
    expect(charts.every((c) => c.ownPage)).toBe(true);
    const width = (sheet.columnWidths ?? []).slice(0, boxes[0]!.right).reduce((sum, w) => sum + w.width, 0);
    // About a landscape A4 page's width (Excel's column unit is 5.25 points; the page 784).
    expect(width * 5.25).toBeGreaterThan(700);
    // A page starts one row above each chart but the first and two rows below each, so no chart
    // frame sits on a page's edge and the data block starts a page of its own.
    const breaks = boxes.flatMap((b, i) => [...(i > 0 ? [b.top - 1] : []), b.bottom + 2]);
    // The charts print, not the data under them (the results sheet prints the same figures with a header on every page).
    const last = Math.max(...boxes.map((b) => b.bottom));
    expect(sheet.print).toEqual({
      orientation: "landscape",
      fitToWidth: true,
      pageBreaksBefore: [...new Set(breaks)].sort((a, b) => a - b),
      printArea: expect.stringMatching(/^A1:[A-Z]+\d+$/),
      // Each printed page names the index at the top, the sheet and the page at the foot.
      pageHeader: { center: "Demo index" },
      pageFooter: { left: "&A", right: "Page &P" },
    });
    expect(Number(/\d+$/.exec(sheet.print!.printArea!)![0])).toBeGreaterThanOrEqual(last);
    // The data block sits below every chart.
    const grid = ownedGrid(plan, "Charts");
    const top = grid.findIndex((r) => r[0] === "Unit");
    expect(top + 1).toBeGreaterThan(Math.max(...boxes.map((b) => b.bottom)));
    expect(grid.slice(top + 1, top + 4).map((r) => r[0])).toEqual(["Sở Thông tin và Truyền thông", "Sở Tài chính", '=HYPERLINK("http://x","y")']);
    expect(charts[0]!.categories).toBe(`A${top + 2}:A${top + 1 + 3}`);
  });

  test("the value axes end at the most a unit can reach: the index's maximum points, and 1 for the profile's values", () => {
    const { plan, model } = run("en");
    const charts = plan.owned.find((o) => o.name === "Charts")!.charts;
    expect(model.root.max).toBe(60);
    expect(charts.map((c) => [c.name, c.valueAxisMax])).toEqual([
      [CHART_NAMES.total, 60],
      [CHART_NAMES.groups, 60],
      [CHART_NAMES.profile, 1],
    ]);
  });

  test("a run in the other language removes the sheets the last run owned under the old names", () => {
    const first = run("vi");
    const second = run("en", indexState(first.plan));
    expect(second.plan.removeSheets).toEqual(["Kết quả", "Biểu đồ"]);
  });
});

function parseRangeEnd(range: string): string {
  return range.split(":")[1]!.replace(/\d+$/, "");
}
