/**
 * What the analyst typed on the charts sheet between two runs (a caption beside the charts, a
 * line under their data) stays when the sheet is written again: the host clears only the charts'
 * data the last run wrote and the data this run writes, and updates the charts by name. `_index`
 * records the data's cells ("chartData"); a workbook scored by an earlier version, whose `_index`
 * does not, has them found on the sheet under their heading. A cell this run writes over is
 * named in a warning, with its text.
 */
import type { CellValue, WorkbookSnapshot } from "../types";
import { type CellRange, cellAddress, parseRange } from "./a1";
import { lastChartsArea } from "./charts";
import { type IndexSheetState } from "./index-sheet";
import { writtenArea } from "./results-area";
import { clearedBy, demoSnapshot, indexState, insertRows, ownedGrid, planWithoutRadar, TWENTY, type DemoUnit } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");
const CHARTS = "Biểu đồ";
const CAPTION = "Biểu đồ dùng cho báo cáo quý";


const run = (snapshot: WorkbookSnapshot, previous?: IndexSheetState, lang: "vi" | "en" = "vi") => planWithoutRadar(snapshot, NOW, previous, lang);

function put(grid: CellValue[][], row: number, column: number, value: CellValue): void {
  const line = (grid[row - 1] ??= []);
  while (line.length < column) line.push(null);
  line[column - 1] = value;
}

/** The row (1-based) of the heading over the charts' data on a grid. */
function headingRow(grid: CellValue[][]): number {
  return grid.findIndex((r) => /^(Số liệu của các biểu đồ|The charts' data)/.test(String(r[0] ?? ""))) + 1;
}

/** The workbook as the first run of `units` left it, with the charts sheet as `type` changes it; `units` of the second run. */
function afterFirstRun(type: (charts: CellValue[][], heading: number) => void, units: DemoUnit[] = TWENTY, next: DemoUnit[] = units) {
  const first = run(demoSnapshot(units));
  const grid = ownedGrid(first, CHARTS).map((r) => [...r]);
  const heading = headingRow(grid);
  type(grid, heading);
  const snapshot = demoSnapshot(next);
  snapshot.sheets.push({ name: "Kết quả", values: ownedGrid(first, "Kết quả") }, { name: CHARTS, values: grid });
  return { first, snapshot, previous: indexState(first), heading, grid };
}

const overwrittenWarnings = (plan: ReturnType<typeof run>) => (plan.warnings ?? []).filter((w) => w.sheet === CHARTS);

describe("what the analyst typed on the charts sheet", () => {
  test("_index records the cells the charts' data takes, heading and blocks, and nothing else of the sheet", () => {
    const plan = run(demoSnapshot(TWENTY));
    const sheet = plan.owned.find((o) => o.name === CHARTS)!;
    const recorded = indexState(plan).owned.cells.filter((c) => c.sheet === CHARTS);
    // The data, and the status line above the charts (its own role: not the data's heading).
    expect(recorded.map((c) => c.role)).toEqual(["chartData", "status"]);
    expect(recorded[1]!.ranges).toEqual(["A1"]);
    const ranges = recorded[0]!.ranges.map(parseRange);
    const grid = ownedGrid(plan, CHARTS);
    const heading = headingRow(grid);
    expect(heading).toBeGreaterThan(20);
    // Each cell the plan writes is in a recorded range (the status line's in its own); a handful of them however many units.
    const inside = (row: number, column: number) =>
      (row === 1 && column === 1) || ranges.some((r) => row >= r.top && row <= r.bottom && column >= r.left && column <= r.right);
    for (const r of writtenArea(sheet)) for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) expect(inside(row, c)).toBe(true);
    expect(ranges.length).toBeLessThanOrEqual(4);
    // None above the heading: the charts sit there, and the analyst's cells beside them.
    expect(Math.min(...ranges.map((r) => r.top))).toBe(heading);
    // The first run makes the sheet: nothing to clear.
    expect(sheet.clear).toBeUndefined();
  });

  test("a caption typed beside the charts and a line typed under their data stay: only the last run's data and this run's are cleared; nothing is said", () => {
    let below = 0;
    let last = 0;
    const { snapshot, previous, heading } = afterFirstRun((g) => {
      put(g, 2, 11, CAPTION);
      last = g.length;
      below = last + 2;
      put(g, below, 1, "Số liệu lấy từ trang Kết quả ngày 06/05");
    });
    const plan = run(snapshot, previous);
    expect(plan.warnings ?? []).toEqual([]);
    const sheet = plan.owned.find((o) => o.name === CHARTS)!;
    expect(sheet.clear).toBeDefined();
    expect(clearedBy(plan, CHARTS, "K2")).toBe(false);
    expect(clearedBy(plan, CHARTS, `A${below}`)).toBe(false);
    // Nothing above the data, where the charts are, is cleared but the status line above them (A1); the data is.
    for (const cell of ["A2", "A3", `H${heading - 1}`]) expect(clearedBy(plan, CHARTS, cell)).toBe(false);
    expect(clearedBy(plan, CHARTS, "A1")).toBe(true);
    expect(clearedBy(plan, CHARTS, `A${heading}`)).toBe(true);
    expect(clearedBy(plan, CHARTS, cellAddress(last, 2))).toBe(true);
    // The charts are written again, by their names, with their data.
    expect(sheet.charts.map((c) => c.name)).toEqual(["dti-total", "dti-groups"]);
  });

  test("a department fewer: the last run's data rows below this run's are cleared, and nothing is said", () => {
    const { snapshot, previous, heading } = afterFirstRun((g) => put(g, 2, 11, CAPTION), TWENTY, TWENTY.slice(0, 19));
    const plan = run(snapshot, previous);
    expect(plan.warnings ?? []).toEqual([]);
    // The twentieth department's row of the first block, now the blank row under this run's.
    expect(clearedBy(plan, CHARTS, `B${heading + 21}`)).toBe(true);
    expect(clearedBy(plan, CHARTS, "K2")).toBe(false);
  });

  test("a department more: the data grows over a cell typed under it, which the warning names with its text, in both languages; the caption stays", () => {
    const note = "Sở số 07 đề nghị xem lại số liệu nhóm Hạ tầng số trước khi gửi báo cáo quý";
    let cell = "";
    const more = [...TWENTY, { ...TWENTY[0]!, code: "SO-21", name: "Sở số 21" }];
    const { snapshot, previous } = afterFirstRun((g, h) => {
      put(g, 2, 11, CAPTION);
      // The empty row under the first block (header and twenty rows): a twenty-first department takes it.
      cell = cellAddress(h + 22, 2);
      expect(g[h + 21]?.[1] ?? null).toBeNull();
      put(g, h + 22, 2, note);
    }, TWENTY, more);
    const plan = run(snapshot, previous);
    expect(clearedBy(plan, CHARTS, cell)).toBe(true);
    expect(clearedBy(plan, CHARTS, "K2")).toBe(false);
    expect(overwrittenWarnings(plan)).toEqual([
      {
        sheet: CHARTS,
        vi: `Trang '${CHARTS}' do DTI Scorer quản lý: 1 ô bạn nhập nằm trong vùng số liệu biểu đồ của lần chấm này nên đã bị ghi đè: ${cell} "${note.slice(0, 39)}…". Hãy nhập lại ở ô khác, ngoài vùng số liệu biểu đồ; các ô bạn nhập ở chỗ khác được giữ nguyên.`,
        en: `The sheet '${CHARTS}' is managed by DTI Scorer: 1 cell you typed lay where this run writes the charts' data and was overwritten: ${cell} "${note.slice(0, 39)}…". Type it again in another cell, outside the charts' data; the cells you typed elsewhere are kept.`,
      },
    ]);
  });

  test("rows inserted above the charts since: the data is found where it moved, cleared there, and the rows typed above stay, named as lying under the charts (which go back to their place); a text typed where the status line goes keeps it off the sheet", () => {
    const { snapshot, previous, heading } = afterFirstRun(() => undefined);
    insertRows(snapshot, CHARTS, 1, [["Báo cáo quý II"], [null, "Kèm theo công văn số 45/STTTT"]]);
    expect(lastChartsArea(snapshot.sheets.find((s) => s.name === CHARTS)!, previous, new Map(), CHARTS)![0]!.top).toBe(heading + 2);
    const plan = run(snapshot, previous);
    // A1, the status line's cell above the charts, is not under them: the user's text there stays, seen, and the sheet has no status line.
    expect(plan.warnings ?? []).toEqual([
      {
        sheet: CHARTS,
        vi: `Trang '${CHARTS}': 1 ô bạn nhập nằm dưới các biểu đồ của lần chấm này nên bị che khuất: B2 "Kèm theo công văn số 45/STTTT". Nội dung vẫn được giữ nguyên; hãy chuyển sang ô khác, bên phải các biểu đồ hoặc dưới số liệu biểu đồ, để nhìn thấy và in ra được.`,
        en: `Sheet '${CHARTS}': 1 cell you typed lies under this run's charts and cannot be seen: B2 "Kèm theo công văn số 45/STTTT". It is kept as it is; move it to another cell, right of the charts or under their data, to see and print it.`,
      },
    ]);
    expect(clearedBy(plan, CHARTS, "A1")).toBe(false);
    expect(plan.owned.find((o) => o.name === CHARTS)!.blocks.some((b) => b.address === "A1")).toBe(false);
    expect(indexState(plan).owned.cells.filter((c) => c.sheet === CHARTS).map((c) => c.role)).toEqual(["chartData"]);
    expect(clearedBy(plan, CHARTS, "B2")).toBe(false);
    // The moved data, the two rows under this run's included, is cleared.
    expect(clearedBy(plan, CHARTS, `A${heading + 2}`)).toBe(true);
    expect(clearedBy(plan, CHARTS, `B${heading + 23}`)).toBe(true);
  });

  test("a workbook scored by an earlier version (no chartData in _index) has its data found under the heading: the caption stays, the data is cleared, nothing is said", () => {
    let mine = "";
    const { snapshot, previous, heading } = afterFirstRun((g) => {
      put(g, 2, 11, CAPTION);
      mine = cellAddress(g.length + 3, 3);
      put(g, g.length + 3, 3, "ghi chú của tôi");
    });
    previous.owned.cells = previous.owned.cells.filter((c) => c.role !== "chartData");
    const plan = run(snapshot, previous);
    expect(plan.warnings ?? []).toEqual([]);
    expect(clearedBy(plan, CHARTS, "K2")).toBe(false);
    expect(clearedBy(plan, CHARTS, mine)).toBe(false);
    expect(clearedBy(plan, CHARTS, `A${heading}`)).toBe(true);
    expect(clearedBy(plan, CHARTS, cellAddress(heading + 1, 2))).toBe(true);
    // The measured area is the one the last run recorded.
    const sheet = snapshot.sheets.find((s) => s.name === CHARTS)!;
    const recorded = indexState(run(demoSnapshot(TWENTY))).owned.cells.find((c) => c.role === "chartData")!.ranges.map(parseRange);
    expect(lastChartsArea(sheet, previous, new Map(), CHARTS)).toEqual(expect.arrayContaining(recorded));
  });

  test("such a workbook whose charts sheet has no heading over the data is written anew as before", () => {
    const { snapshot, previous, heading } = afterFirstRun((g, h) => put(g, h, 1, null));
    previous.owned.cells = previous.owned.cells.filter((c) => c.role !== "chartData");
    expect(heading).toBeGreaterThan(0);
    const plan = run(snapshot, previous);
    expect(plan.owned.find((o) => o.name === CHARTS)!.clear).toBeUndefined();
  });

  test("scored in English: the sheet, renamed `Charts`, keeps the caption; the data of either language is the project's", () => {
    const { snapshot, previous } = afterFirstRun((g) => put(g, 2, 11, CAPTION));
    const plan = run(snapshot, previous, "en");
    expect(plan.renameSheets).toEqual(expect.arrayContaining([{ from: CHARTS, to: "Charts" }]));
    expect(plan.warnings ?? []).toEqual([]);
    expect(clearedBy(plan, "Charts", "K2")).toBe(false);
    expect(indexState(plan).owned.cells.filter((c) => c.role === "chartData").map((c) => c.sheet)).toEqual(["Charts"]);
  });
});

/** Whether `ranges` hold the cell on `row`, `column`. */
const holds = (ranges: CellRange[], row: number, column: number) => ranges.some((r) => row >= r.top && row <= r.bottom && column >= r.left && column <= r.right);

/** The charts sheet as the host leaves it: `before` with the plan's ranges to clear emptied (all of it without them), then its blocks written. */
function afterWrite(before: CellValue[][], plan: ReturnType<typeof run>): CellValue[][] {
  const sheet = plan.owned.find((o) => o.name === CHARTS)!;
  const grid = sheet.clear ? before.map((r) => [...r]) : [];
  for (const r of (sheet.clear ?? []).map(parseRange)) {
    for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right && grid[row - 1]; c++) grid[row - 1]![c - 1] = null;
  }
  ownedGrid(plan, CHARTS).forEach((line, r) => line.forEach((v, c) => v !== null && put(grid, r + 1, c + 1, v)));
  return grid;
}

/** How many times column A of a grid holds `text`. */
const timesInA = (grid: CellValue[][], text: string) => grid.filter((r) => r[0] === text).length;

/** The warning that cells typed on the charts sheet were written over, naming them (`cells`: address and text, each under 40 characters). */
function overwrittenOnCharts(cells: [string, string][]) {
  const listed = cells.map(([cell, text]) => `${cell} "${text}"`).join(", ");
  const n = cells.length;
  return {
    sheet: CHARTS,
    vi: `Trang '${CHARTS}' do DTI Scorer quản lý: ${n} ô bạn nhập nằm trong vùng số liệu biểu đồ của lần chấm này nên đã bị ghi đè: ${listed}. Hãy nhập lại ở ô khác, ngoài vùng số liệu biểu đồ; các ô bạn nhập ở chỗ khác được giữ nguyên.`,
    en: `The sheet '${CHARTS}' is managed by DTI Scorer: ${n} ${n === 1 ? "cell" : "cells"} you typed lay where this run writes the charts' data and ${n === 1 ? "was" : "were"} overwritten: ${listed}. Type ${n === 1 ? "it" : "them"} again in another cell, outside the charts' data; the cells you typed elsewhere are kept.`,
  };
}

describe("cells the analyst typed right beside the charts' data", () => {
  // The first run's data: the heading on row h, the units' block (Đơn vị, Tổng điểm and the two
  // groups: A to D) on rows h+1 (header) to h+21, an empty row, the profile's block (its header
  // and three axes) on rows h+23 to h+26.
  const BESIDE = "Ghi chú cạnh tiêu đề";
  const BETWEEN = "Số liệu tạm tính";
  const UNDER = "Nguồn: Sở TT&TT";
  const FAR = "xa";
  function typedBeside(g: CellValue[][], h: number): void {
    expect(g[h]).toEqual(["Đơn vị", "Tổng điểm", "Nhận thức số", "Hạ tầng số"]);
    expect(g[h + 20]![0]).toBe("Sở số 20");
    expect(g[h + 21] ?? []).toEqual([]);
    expect(g[h + 22]![0]).toBe("Chỉ số");
    expect(g).toHaveLength(h + 26);
    // Right of the units' header, in the empty row under their last row, right under the profile's last row, far right of the data.
    put(g, h + 1, 5, BESIDE);
    put(g, h + 22, 1, BETWEEN);
    put(g, h + 27, 1, UNDER);
    put(g, h + 10, 11, FAR);
  }
  const olderVersion = (previous: IndexSheetState) => {
    previous.owned.cells = previous.owned.cells.filter((c) => c.role !== "chartData");
  };

  test("a workbook scored by an earlier version (no chartData in _index): the data's blocks are only as wide and as deep as the last run wrote them; the cells typed beside them stay, and nothing is said", () => {
    const { snapshot, previous, heading: h } = afterFirstRun(typedBeside);
    olderVersion(previous);
    const sheet = snapshot.sheets.find((s) => s.name === CHARTS)!;
    // The heading, the units' block A to D, the profile's A to G (five departments tie for first, and the average): nothing else.
    expect(lastChartsArea(sheet, previous, new Map(), CHARTS)).toEqual([
      { top: h, left: 1, bottom: h, right: 1 },
      { top: h + 1, left: 1, bottom: h + 21, right: 4 },
      { top: h + 23, left: 1, bottom: h + 26, right: 7 },
    ]);
    const plan = run(snapshot, previous);
    expect(plan.warnings ?? []).toEqual([]);
    for (const [row, column] of [[h + 1, 5], [h + 22, 1], [h + 27, 1], [h + 10, 11]] as const) expect(clearedBy(plan, CHARTS, cellAddress(row, column))).toBe(false);
    const after = afterWrite(sheet.values, plan);
    expect(after[h]![4]).toBe(BESIDE);
    expect(after[h + 21]![0]).toBe(BETWEEN);
    expect(after[h + 26]![0]).toBe(UNDER);
    expect(after[h + 9]![10]).toBe(FAR);
    expect(timesInA(after, "Sở số 20")).toBe(1);
  });

  test("such a workbook with rows inserted above the charts since: the data is found where it moved, as wide and as deep as it was written; the cells typed beside it stay, but for one where this run writes its data, which is named", () => {
    const { snapshot, previous, heading } = afterFirstRun(typedBeside);
    olderVersion(previous);
    insertRows(snapshot, CHARTS, 2, [["Báo cáo quý II"], [null, "Kèm theo công văn số 45/STTTT"], []]);
    const h = heading + 3;
    const sheet = snapshot.sheets.find((s) => s.name === CHARTS)!;
    expect(lastChartsArea(sheet, previous, new Map(), CHARTS)).toEqual([
      { top: h, left: 1, bottom: h, right: 1 },
      { top: h + 1, left: 1, bottom: h + 21, right: 4 },
      { top: h + 23, left: 1, bottom: h + 26, right: 7 },
    ]);
    const plan = run(snapshot, previous);
    // This run writes its data under its charts, where the first run did (row `heading`): its profile takes the row the empty row under the moved units is on.
    expect(h + 22).toBe(heading + 25);
    expect(overwrittenWarnings(plan)).toEqual([
      overwrittenOnCharts([[`A${h + 22}`, BETWEEN]]),
      // The rows typed above, where the charts go back to, are kept and said to be under them.
      expect.objectContaining({ en: expect.stringContaining(`2 cells you typed lie under this run's charts and cannot be seen: A2 "Báo cáo quý II", B3 "Kèm theo công văn số 45/STTTT".`) }),
    ]);
    for (const [row, column] of [[2, 1], [3, 2], [h + 1, 5], [h + 27, 1], [h + 10, 11]] as const) expect(clearedBy(plan, CHARTS, cellAddress(row, column))).toBe(false);
    const after = afterWrite(sheet.values, plan);
    expect(after[h]![4]).toBe(BESIDE);
    expect(after[h + 26]![0]).toBe(UNDER);
    expect(after[h + 9]![10]).toBe(FAR);
    expect(timesInA(after, "Sở số 20")).toBe(1);
    expect(timesInA(after, "Chỉ số")).toBe(1);
  });

  test("such a workbook, a department more: the data grows over the cells typed under the units' block and under the profile's, which the warning names with their text; the one right of the header stays", () => {
    const more = [...TWENTY, { ...TWENTY[1]!, code: "SO-21", name: "Sở số 21" }];
    const { snapshot, previous, heading: h } = afterFirstRun(typedBeside, TWENTY, more);
    olderVersion(previous);
    const plan = run(snapshot, previous);
    expect(overwrittenWarnings(plan)).toEqual([overwrittenOnCharts([[`A${h + 22}`, BETWEEN], [`A${h + 27}`, UNDER]])]);
    expect(clearedBy(plan, CHARTS, cellAddress(h + 1, 5))).toBe(false);
    expect(clearedBy(plan, CHARTS, cellAddress(h + 10, 11))).toBe(false);
    const after = afterWrite(snapshot.sheets.find((s) => s.name === CHARTS)!.values, plan);
    expect(after[h]![4]).toBe(BESIDE);
    expect(after[h + 21]![0]).toBe("Sở số 21");
    expect(timesInA(after, "Sở số 20")).toBe(1);
  });
});

describe("rows the analyst inserted among the charts' data, the heading where _index records it", () => {
  const NOTE = "Các sở dưới đây mới thành lập";

  test("a row of text inserted among the units: the rows it pushed out of the recorded block are cleared, none is left twice; the text, where this run writes, is named", () => {
    const { snapshot, previous, heading: h } = afterFirstRun((g) => put(g, 2, 11, CAPTION));
    insertRows(snapshot, CHARTS, h + 10, [[NOTE]]);
    const sheet = snapshot.sheets.find((s) => s.name === CHARTS)!;
    // Sở số 20 now on row h+22, the profile on h+24 to h+27: out of the recorded ranges.
    expect(sheet.values[h + 21]![0]).toBe("Sở số 20");
    const area = lastChartsArea(sheet, previous, new Map(), CHARTS)!;
    expect(holds(area, h + 10, 1)).toBe(false);
    for (const [row, column] of [[h + 9, 4], [h + 11, 1], [h + 22, 4], [h + 24, 1], [h + 27, 7]] as const) expect(holds(area, row, column)).toBe(true);

    const plan = run(snapshot, previous);
    expect(overwrittenWarnings(plan)).toEqual([overwrittenOnCharts([[`A${h + 10}`, NOTE]])]);
    expect(clearedBy(plan, CHARTS, "K2")).toBe(false);
    const after = afterWrite(sheet.values, plan);
    for (let n = 1; n <= 20; n++) expect(timesInA(after, `Sở số ${String(n).padStart(2, "0")}`)).toBe(1);
    for (const text of ["Chỉ số", "Có kế hoạch chuyển đổi số", "Tỷ lệ máy tính kết nối"]) expect(timesInA(after, text)).toBe(1);
    expect(after.slice(h + 26).flat().filter((v) => v !== null)).toEqual([]);
    expect(after[1]![10]).toBe(CAPTION);
  });

  test("empty rows inserted among the units and the profile: nothing the user typed is there, nothing is said, and nothing of the last run's data is left twice", () => {
    const { snapshot, previous, heading: h } = afterFirstRun(() => undefined);
    insertRows(snapshot, CHARTS, h + 25, [[], []]);
    insertRows(snapshot, CHARTS, h + 5, [[], []]);
    const sheet = snapshot.sheets.find((s) => s.name === CHARTS)!;
    const plan = run(snapshot, previous);
    expect(plan.warnings ?? []).toEqual([]);
    const after = afterWrite(sheet.values, plan);
    for (const text of ["Sở số 17", "Sở số 20", "Chỉ số", "Có kế hoạch chuyển đổi số", "Tỷ lệ máy tính kết nối"]) expect(timesInA(after, text)).toBe(1);
    expect(after.slice(h + 26).flat().filter((v) => v !== null)).toEqual([]);
  });

  test("a row inserted among the data, and a figure typed over in another: the figure's row is still the data's and written again; the inserted row's text, where this run writes, is named; no row is left twice", () => {
    const { snapshot, previous, heading: h } = afterFirstRun((g) => put(g, headingRow(g) + 5, 2, "chưa có"));
    const sheet = snapshot.sheets.find((s) => s.name === CHARTS)!;
    insertRows(snapshot, CHARTS, h + 12, [[null, NOTE]]);
    const plan = run(snapshot, previous);
    // The row inserted is the user's, and this run writes there; the figure typed over is the last run's cell, written again.
    expect(overwrittenWarnings(plan)).toEqual([overwrittenOnCharts([[`B${h + 12}`, NOTE]])]);
    const after = afterWrite(sheet.values, plan);
    expect(timesInA(after, "Sở số 20")).toBe(1);
    expect(after.flat()).not.toContain("chưa có");
  });
});
