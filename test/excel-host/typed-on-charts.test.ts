/**
 * What an analyst types on the charts sheet of a workbook open in Excel (a caption beside the
 * charts) stays when a corrected figure is scored again: the run clears only the charts' data,
 * the last run's and its own, and updates its charts by name, so the sheet keeps one of each and
 * the analyst's own chart. The run takes as many requests as one over a sheet nobody typed on. A
 * cell the new data is written over is named in the warning, with the text it held.
 */
import { CHART_NAMES } from "../../src/core/plan";
import type { ExcelDouble } from "../excel-double";
import { score, scoredOnce } from "./fixtures";

const CHARTS = "Biểu đồ";
const CAPTION = "Biểu đồ dùng cho báo cáo quý";
const MINE = "Biểu đồ của phòng Kế hoạch";



/** The row (0-based) of the heading over the charts' data. */
function headingRow(double: ExcelDouble): number {
  const found = [...double.sheet(CHARTS).cells].find(([, c]) => /^Số liệu của các biểu đồ/.test(String(c.v)));
  if (!found) throw new Error("no heading over the charts' data");
  return Math.floor(found[0] / 16384);
}

/** One figure of `sheet` corrected, as the analyst types it: the first number of its `Số liệu` column, changed. */
function correct(double: ExcelDouble, sheet: string): void {
  const s = double.sheet(sheet);
  const [header] = [...s.cells].find(([, c]) => c.v === "Số liệu")!;
  const column = header % 16384;
  const cell = [...s.cells].filter(([k, c]) => k % 16384 === column && k > header && typeof c.v === "number").sort(([a], [b]) => a - b)[0]![1];
  cell.v = (cell.v as number) < 1 ? (cell.v as number) / 2 : (cell.v as number) - 1;
}

/** What the analyst does on the charts sheet, as Excel's API does it: a caption in K2, bold, in a wide column, and a chart of their own. */
async function type(): Promise<void> {
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(CHARTS);
    ws.getRange("K2").values = [[CAPTION]];
    ws.getRange("K2").format.font.bold = true;
    ws.getRange("K:K").format.columnWidth = 200;
    const chart = ws.charts.add("ColumnClustered", ctx.workbook.worksheets.getItem("Kết quả").getRange("C3:D9"), "Auto");
    chart.name = MINE;
    chart.title.text = MINE;
    await ctx.sync();
  });
}

/** The charts on the charts sheet, by name, in order. */
const chartNames = (double: ExcelDouble) => double.sheet(CHARTS).charts.map((c) => c.name).sort();

describe("in Excel, what the analyst typed on the charts sheet, a figure corrected and scored again", () => {
  test("the caption stays with its look and column width; the project's charts are updated in place, once each, beside the analyst's; the data is written again; nothing is said; as many requests as over an untouched sheet", async () => {
    const untouched = await scoredOnce();
    correct(untouched.double, "Đơn vị số 2");
    untouched.double.resetCounters();
    await score(untouched.double, untouched.definition, new Date("2026-01-22T08:00:00Z"));
    const plain = untouched.double.syncCount;

    const { double, definition } = await scoredOnce();
    const ours = chartNames(double);
    expect(ours).toEqual([CHART_NAMES.total, CHART_NAMES.groups, CHART_NAMES.profile].sort());
    const heading = headingRow(double);
    expect(heading).toBeGreaterThan(2);
    const dataRow = [...double.sheet(CHARTS).cells].filter(([k, c]) => Math.floor(k / 16384) > heading && k % 16384 === 0 && c.v === "Đơn vị số 2").map(([k]) => Math.floor(k / 16384))[0]!;
    const before = double.sheet(CHARTS).get(dataRow, 1)?.v;
    expect(typeof before).toBe("number");
    await type();
    correct(double, "Đơn vị số 2");
    double.resetCounters();
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(host.lastApply!.warnings).toEqual([]);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(double.syncCount).toBe(plain);
    const sheet = double.sheet(CHARTS);
    expect(sheet.get(1, 10)?.v).toBe(CAPTION);
    expect(sheet.get(1, 10)?.bold).toBe(true);
    expect(sheet.columnWidths.get(10)).toBe(200);
    expect(chartNames(double)).toEqual([...ours, MINE].sort());
    expect(sheet.charts.find((c) => c.name === MINE)!.title).toBe(MINE);
    // The data under the charts is this run's: the corrected unit's total, as on the results sheet.
    expect(headingRow(double)).toBe(heading);
    const results = double.sheet("Kết quả");
    let totalColumn = 0;
    while (results.get(2, totalColumn)?.v !== "Tổng điểm") totalColumn++;
    let resultsRow = 3;
    while (results.get(resultsRow, 2)?.v !== "Đơn vị số 2") resultsRow++;
    expect(sheet.get(dataRow, 0)?.v).toBe("Đơn vị số 2");
    expect(sheet.get(dataRow, 1)?.v).toBe(results.get(resultsRow, totalColumn)?.v);
    expect(sheet.get(dataRow, 1)?.v).not.toBe(before);
    expect(untouched.double.sheet(CHARTS).get(dataRow, 1)?.v).toBe(sheet.get(dataRow, 1)?.v);

    // Once more: still one of each, the caption still there.
    await score(double, definition, new Date("2026-01-29T08:00:00Z"));
    expect(chartNames(double)).toEqual([...ours, MINE].sort());
    expect(sheet.get(1, 10)?.v).toBe(CAPTION);
  });

  test("a unit more: the data grows over a cell typed under it, which the warning names with its text; the caption stays", async () => {
    const { double, definition } = await scoredOnce();
    const heading = headingRow(double);
    // The empty row under the first block (its header and six units): a seventh unit takes it.
    const row = heading + 8;
    expect(double.sheet(CHARTS).get(row, 0)?.v ?? "").toBe("");
    expect(double.sheet(CHARTS).get(row - 1, 0)?.v ?? "").not.toBe("");
    const note = "Đơn vị số 4 xin bổ sung số liệu trước ngày 30/6, đề nghị chờ trước khi gửi";
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(CHARTS);
      ws.getRange("K2").values = [[CAPTION]];
      ws.getRange(`B${row + 1}`).values = [[note]];
      await ctx.sync();
    });
    // The copy gets a code of its own: seven units.
    [...double.sheet("Bản sao").cells].find(([, c]) => c.v === "U0001")![1].v = "U0099";
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(host.lastApply!.warnings.map((w) => w.vi)).toEqual([
      `Trang '${CHARTS}' do DTI Scorer quản lý: 1 ô bạn nhập nằm trong vùng số liệu biểu đồ của lần chấm này nên đã bị ghi đè: B${row + 1} "${note.slice(0, 39)}…". Hãy nhập lại ở ô khác, ngoài vùng số liệu biểu đồ; các ô bạn nhập ở chỗ khác được giữ nguyên.`,
    ]);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    const sheet = double.sheet(CHARTS);
    expect(sheet.get(row, 1)?.v).not.toBe(note);
    expect(sheet.get(row, 0)?.v).not.toBe("");
    expect(sheet.get(1, 10)?.v).toBe(CAPTION);
    expect(chartNames(double)).toEqual([CHART_NAMES.total, CHART_NAMES.groups, CHART_NAMES.profile].sort());
  });

  test("a row the analyst inserted among the charts' data, a line typed in it: this run writes there and names it; the rows it pushed out of the recorded data are cleared, so each unit and the profile's header are there once", async () => {
    const { double, definition } = await scoredOnce();
    const heading = headingRow(double);
    const sheet = double.sheet(CHARTS);
    // The units' block (its header, six units), an empty row, the profile's header.
    const units = Array.from({ length: 6 }, (_, i) => sheet.get(heading + 2 + i, 0)?.v);
    expect(units.every((u) => typeof u === "string" && u !== "")).toBe(true);
    const profileHeader = sheet.get(heading + 9, 0)?.v;
    expect(typeof profileHeader).toBe("string");
    // Between the second and the third unit (row heading + 5, 1-based).
    const row = heading + 5;
    const line = "Các đơn vị dưới đây mới thành lập";
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(CHARTS);
      ws.getRange(`${row}:${row}`).insert("Down");
      ws.getRange(`A${row}`).values = [[line]];
      ws.getRange("K2").values = [[CAPTION]];
      await ctx.sync();
    });
    expect(sheet.get(heading + 8, 0)?.v).toBe(units[5]);
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(host.lastApply!.warnings.map((w) => w.vi)).toEqual([
      `Trang '${CHARTS}' do DTI Scorer quản lý: 1 ô bạn nhập nằm trong vùng số liệu biểu đồ của lần chấm này nên đã bị ghi đè: A${row} "${line}". Hãy nhập lại ở ô khác, ngoài vùng số liệu biểu đồ; các ô bạn nhập ở chỗ khác được giữ nguyên.`,
    ]);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    const below = (text: unknown) => [...sheet.cells].filter(([k, c]) => Math.floor(k / 16384) > heading && k % 16384 === 0 && c.v === text).length;
    for (const u of units) expect(below(u)).toBe(1);
    expect(below(profileHeader)).toBe(1);
    expect(below(line)).toBe(0);
    expect(sheet.get(1, 10)?.v).toBe(CAPTION);
  });

  test("a note on the caption stays; one on a cell of the charts' data, which the run writes anew, is named in the warning with its text", async () => {
    const { double, definition } = await scoredOnce();
    const heading = headingRow(double);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(CHARTS).getRange("K2").values = [[CAPTION]];
      ctx.workbook.notes.add(`'${CHARTS}'!K2`, "Chú thích cho bản in");
      ctx.workbook.notes.add(`'${CHARTS}'!B${heading + 3}`, "Số liệu này đã đối chiếu");
      await ctx.sync();
    });
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    const said = host.lastApply!.warnings;
    expect(said).toHaveLength(1);
    expect(said[0]!.vi).toContain(`'${CHARTS}'!B${heading + 3}`);
    expect(said[0]!.vi).toContain('"Số liệu này đã đối chiếu"');
    expect(said[0]!.en).toContain("written anew");
    const sheet = double.sheet(CHARTS);
    expect(double.workbook.notes.filter((n) => n.sheet === sheet).map((n) => [n.row, n.col, n.content])).toEqual([[1, 10, "Chú thích cho bản in"]]);
    expect(sheet.get(1, 10)?.v).toBe(CAPTION);
  });
});
