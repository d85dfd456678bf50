/**
 * The warnings about appraised figures ("appraised-over-new-figure", "appraised-from-last-period")
 * are said again by every later run while they hold, not only by the scoring run that first takes
 * the new figure or the new period: an official scores, mends other findings and scores again, and
 * is still told that the council's figure of the last period wins, until the appraised cell is
 * cleared or changed. `_index` records what each scoring said (and nothing changes it when nothing
 * changed); a workbook scored by an earlier version, which recorded nothing, has nothing said
 * again. A new figure read as the appraised one, and a period only retyped ("2024" → "Năm 2024"),
 * say nothing. Real .xlsx files, scored, written, changed and read back.
 */
import ExcelJS from "exceljs";
import { XlsxHost } from "../hosts/xlsx/host";
import { SCORING } from "../../test/stale-workbooks";
import { DEMO_DEFINITION, DEMO_UNITS, layoutAGrid } from "./plan/test-fixtures";
import { runScoring } from "./pipeline";
import { INDEX_SHEET, planMarksOnly, readIndexSheet } from "./plan";
import { periodKey } from "./read/periods";
import { staleResults } from "./stale";
import type { CellValue, Issue } from "./types";

/** Rows of the demo forms: 1.1 (yes/no) on 8, 1.2.a on 10. D is `Số liệu`, E `Số liệu thẩm định`. */
const FIRST = new Date("2024-06-01T00:00:00Z");
const LATER = new Date("2024-06-20T00:00:00Z");

type Edit = (wb: ExcelJS.Workbook) => void;

/** `host`'s workbook changed by `edit`, as the user saves it. */
async function edited(host: XlsxHost, edit: Edit): Promise<XlsxHost> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await host.toBuffer()) as unknown as ArrayBuffer);
  edit(wb);
  return XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
}

/**
 * The demo units' forms with a period row (B5 "Năm 2024") and a `Số liệu thẩm định` column (E):
 * SO-02's 1.2.a (row 10) typed 40, the council's figure 30, and `before` typed too; scored on FIRST.
 */
async function scored(before: Edit = () => undefined): Promise<XlsxHost> {
  const wb = new ExcelJS.Workbook();
  for (const u of DEMO_UNITS) {
    const ws = wb.addWorksheet(u.code);
    layoutAGrid(u).forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
    ws.getCell("A5").value = "Kỳ đánh giá";
    ws.getCell("B5").value = "Năm 2024";
    ws.spliceColumns(5, 0, []);
    ws.getCell("E6").value = "Số liệu thẩm định";
  }
  wb.getWorksheet("SO-02")!.getCell("E10").value = 30;
  before(wb);
  const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
  await runScoring(host, { ...SCORING, now: FIRST, definition: DEMO_DEFINITION });
  return host;
}

/** The appraised figures' warnings of a run. */
const found = (issues: Issue[]) => issues.filter((i) => i.code === "appraised-over-new-figure" || i.code === "appraised-from-last-period");

/** A scoring run written on `now` (the workbook reopened after it: the returned host). */
async function score(host: XlsxHost, now = LATER): Promise<{ issues: Issue[]; marks: { sheet: string; cell: string }[]; scored: unknown; after: XlsxHost }> {
  const run = await runScoring(host, { ...SCORING, now, definition: DEMO_DEFINITION });
  return {
    issues: found(run.issues),
    marks: run.plan!.marks.map((m) => ({ sheet: m.sheet, cell: m.cell })),
    // The figure SO-02's 1.2.a was scored with.
    scored: run.submissions.find((s) => s.code === "SO-02")!.values["1.2.a"],
    after: await XlsxHost.fromBuffer((await host.toBuffer()) as Uint8Array),
  };
}

/** A check (validate): nothing written. */
async function check(host: XlsxHost): Promise<Issue[]> {
  return found((await runScoring(host, { ...SCORING, definition: DEMO_DEFINITION, write: false })).issues);
}

/** `_index` as a later run reads it. */
async function indexValues(host: XlsxHost): Promise<CellValue[][]> {
  return (await host.read()).sheets.find((s) => s.name === INDEX_SHEET)!.values;
}

const cell = (sheet: string, address: string, value: CellValue): Edit => (wb) => (wb.getWorksheet(sheet)!.getCell(address).value = value as ExcelJS.CellValue);
const allPeriods = (period: string): Edit => (wb) => {
  for (const u of DEMO_UNITS) wb.getWorksheet(u.code)!.getCell("B5").value = period;
};

const NEW_45 = {
  vi: "Trang tính 'SO-02', ô D10: số liệu mới (45) không được dùng cho số liệu 1.2.a của chỉ tiêu 1.2 vì ô E10 vẫn có số liệu thẩm định (30) từ lần chấm điểm 01/06/2024; nếu số liệu thẩm định không còn đúng, hãy xóa ô E10.",
  en: "Sheet 'SO-02', cell D10: the new figure (45) is not used for input 1.2.a of indicator 1.2, as cell E10 still holds the appraised figure (30) it held when scored on 1 Jun 2024; if the appraised figure no longer holds, clear cell E10.",
};

describe("a new figure the appraised figure overrides, scored: said again at every later run while it holds", () => {
  test("score, change the figure, score, score again: still said and marked; the appraised figure cleared and scored: gone", async () => {
    const changed = await edited(await scored(), cell("SO-02", "D10", 45));
    const first = await score(changed);
    expect(first.issues.map((i) => i.message)).toEqual([NEW_45]);
    expect(first.marks).toContainEqual({ sheet: "SO-02", cell: "D10" });
    // Reopened: the copies now hold 45, the appraised figure 30 still wins. Checked, then scored
    // again (another finding mended meanwhile): the same sentence, naming the scoring the appraised
    // figure dates from, and the mark stays.
    expect((await check(first.after)).map((i) => i.message)).toEqual([NEW_45]);
    const mended = await edited(first.after, cell("SO-01", "D10", 95));
    const second = await score(mended, new Date("2024-06-21T00:00:00Z"));
    expect(second.issues.map((i) => i.message)).toEqual([NEW_45]);
    expect(second.marks).toContainEqual({ sheet: "SO-02", cell: "D10" });
    const third = await score(second.after, new Date("2024-06-22T00:00:00Z"));
    expect(third.issues).toEqual([{ severity: "warning", code: "appraised-over-new-figure", sheet: "SO-02", cell: "D10", unit: "SO-02", node: "1.2.a", message: NEW_45 }]);
    // Scored with the appraised figure all along.
    expect([first.scored, second.scored, third.scored]).toEqual([30, 30, 30]);
    // Cleared as asked, scored: the new figure scored, nothing said, nothing recorded, nothing said after.
    const cleared = await edited(third.after, cell("SO-02", "E10", null));
    const fourth = await score(cleared);
    expect(fourth.scored).toBe(45);
    expect(fourth.issues).toEqual([]);
    expect(fourth.marks).not.toContainEqual({ sheet: "SO-02", cell: "D10" });
    expect(readIndexSheet(await fourth.after.read())?.appraised).toBeUndefined();
    expect(await check(fourth.after)).toEqual([]);
  }, 60_000);

  test("the figure typed again: the sentence quotes it; made the appraised figure, or the appraised figure changed: nothing said", async () => {
    const { after } = await score(await edited(await scored(), cell("SO-02", "D10", 45)));
    expect((await check(await edited(after, cell("SO-02", "D10", 50)))).map((i) => i.message.vi)).toEqual([NEW_45.vi.replace("(45)", "(50)")]);
    expect(await check(await edited(after, cell("SO-02", "D10", 30)))).toEqual([]);
    const reappraised = await score(await edited(after, cell("SO-02", "E10", 44)));
    expect(reappraised.issues).toEqual([]);
    expect(await check(reappraised.after)).toEqual([]);
  }, 60_000);

  test("rows inserted above the table since: said at the figure's new row", async () => {
    const { after } = await score(await edited(await scored(), cell("SO-02", "D10", 45)));
    const moved = await edited(after, (wb) => wb.getWorksheet("SO-02")!.spliceRows(6, 0, []));
    const said = await check(moved);
    expect(said.map((i) => [i.cell, i.message.vi])).toEqual([["D11", NEW_45.vi.replace("ô D10", "ô D11").replace(/E10/g, "E11")]]);
  }, 60_000);

  test("scored again with nothing changed, `_index` is written as it was", async () => {
    const { after } = await score(await edited(await scored(), cell("SO-02", "D10", 45)));
    const again = await score(after);
    expect(again.issues.map((i) => i.cell)).toEqual(["D10"]);
    expect(await indexValues(again.after)).toEqual(await indexValues(after));
  }, 60_000);

  test("a workbook scored by the previous release (no record of what it said) has nothing said again", async () => {
    const { after } = await score(await edited(await scored(), cell("SO-02", "D10", 45)));
    const earlier = await edited(after, (wb) => {
      wb.getWorksheet(INDEX_SHEET)!.eachRow((row) => {
        if (row.getCell(1).value === "appraised") row.values = [];
      });
    });
    expect(readIndexSheet(await earlier.read())?.appraised).toBeUndefined();
    expect(await check(earlier)).toEqual([]);
  }, 60_000);

  test("a run that only marks the issues keeps what the scoring recorded", async () => {
    const { after } = await score(await edited(await scored(), cell("SO-02", "D10", 45)));
    const run = await runScoring(after, { ...SCORING, definition: DEMO_DEFINITION, write: false });
    await after.apply(planMarksOnly(run.issues, { lang: "vi", snapshot: await after.read(), submissions: run.submissions, ...(run.previous ? { previous: run.previous } : {}) }));
    const marked = await XlsxHost.fromBuffer((await after.toBuffer()) as Uint8Array);
    expect((await check(marked)).map((i) => i.message)).toEqual([NEW_45]);
  }, 60_000);
});

describe("a new figure equal to the appraised figure as read: nothing said", () => {
  test("the same number, typed as text", async () => {
    const host = await scored();
    expect(await check(await edited(host, cell("SO-02", "D10", 30)))).toEqual([]);
    expect(await check(await edited(host, cell("SO-02", "D10", " 30 ")))).toEqual([]);
    // Another number is said.
    expect((await check(await edited(host, cell("SO-02", "D10", 31)))).map((i) => i.cell)).toEqual(["D10"]);
  }, 60_000);

  test("the same answer written otherwise", async () => {
    // SO-01's 1.1: it answered yes, the council no.
    const host = await scored(cell("SO-01", "E8", "Không"));
    for (const answer of ["không", "KHÔNG", false, 0]) expect(await check(await edited(host, cell("SO-01", "D8", answer)))).toEqual([]);
    expect((await check(await edited(host, cell("SO-01", "D8", "Có")))).map((i) => i.message.vi)).toEqual([
      `Trang tính 'SO-01', ô D8: số liệu mới ("Có") không được dùng cho chỉ tiêu 1.1 vì ô E8 vẫn có số liệu thẩm định ("Không") từ lần chấm điểm 01/06/2024; nếu số liệu thẩm định không còn đúng, hãy xóa ô E8.`,
    ]);
  }, 60_000);
});

describe("a form's period changed while its appraised figures are those scored: said again at every later run while they hold", () => {
  const LAST_PERIOD = {
    vi: 'Trang tính \'SO-02\', ô E10: kỳ đánh giá của phiếu đã đổi ("Năm 2024" → "Năm 2025") từ lần chấm điểm 01/06/2024, nhưng 1 ô Số liệu thẩm định (E10) vẫn giữ số liệu của lần chấm đó và được dùng thay cho cột Số liệu; nếu đó là số liệu thẩm định của kỳ trước, hãy xóa ô đó.',
    en: 'Sheet \'SO-02\', cell E10: the form\'s period changed ("Năm 2024" → "Năm 2025") since it was scored on 1 Jun 2024, but 1 appraised figure cell (E10) still holds its figure of that scoring, used instead of the Value column; if it is the last period\'s appraisal, clear it.',
  };

  test("scored with the new period, and again: still said, naming the scoring under the last period; cleared and scored: gone", async () => {
    const first = await score(await edited(await scored(), allPeriods("Năm 2025")));
    expect(first.issues.map((i) => i.message)).toEqual([LAST_PERIOD]);
    expect((await check(first.after)).map((i) => i.message)).toEqual([LAST_PERIOD]);
    const second = await score(first.after, new Date("2024-06-21T00:00:00Z"));
    expect(second.issues).toEqual([{ severity: "warning", code: "appraised-from-last-period", sheet: "SO-02", cell: "E10", unit: "SO-02", message: LAST_PERIOD }]);
    expect(second.marks).toContainEqual({ sheet: "SO-02", cell: "E10" });
    // Scored again with nothing changed: `_index` as it was.
    const third = await score(second.after, new Date("2024-06-21T00:00:00Z"));
    expect(await indexValues(third.after)).toEqual(await indexValues(second.after));
    const cleared = await score(await edited(third.after, cell("SO-02", "E10", null)));
    expect(cleared.issues).toEqual([]);
    expect(await check(cleared.after)).toEqual([]);
  }, 60_000);

  test("the period set back to the one the appraised figure dates from: nothing said", async () => {
    const { after } = await score(await edited(await scored(), allPeriods("Năm 2025")));
    expect(await check(await edited(after, allPeriods("Năm 2024")))).toEqual([]);
  }, 60_000);

  test("the period only retyped (case, spacing, \"Năm\" left out): no appraised figure is said to be the last period's; the results are out of date all the same", async () => {
    const host = await scored();
    for (const period of ["năm 2024", "Năm  2024.", "2024", "NĂM 2024"]) {
      const retyped = await edited(host, allPeriods(period));
      expect(await check(retyped)).toEqual([]);
      // The titles print the period as typed: the results name the old text until scored again.
      expect(staleResults(await retyped.read())?.periods?.["SO-02"]).toEqual({ from: "Năm 2024", to: period.trim().replace(/\s+/g, " "), alone: true });
    }
  }, 60_000);
});

describe("periodKey", () => {
  test("one period however it is retyped; two periods however alike", () => {
    for (const [a, b] of [
      ["Năm 2024", "2024"],
      ["Năm 2024", "năm  2024."],
      ["Năm 2024", "Kỳ đánh giá: năm 2024"],
      ["Năm 2024", "Year 2024"],
      ["Năm 2024", "Năm2024"],
      ["Quý I/2024", "quý i / 2024"],
      ["2024 – 2025", "2024-2025"],
    ])
      expect([a, periodKey(a!)]).toEqual([a, periodKey(b!)]);
    for (const [a, b] of [
      ["Năm 2024", "Năm 2025"],
      ["Quý I/2024", "Quý II/2024"],
      ["6 tháng đầu năm 2024", "Năm 2024"],
      ["", "Năm 2024"],
    ])
      expect(periodKey(a!)).not.toBe(periodKey(b!));
  });
});
