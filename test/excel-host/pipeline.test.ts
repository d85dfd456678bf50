import { columnNumber } from "../../src/core/a1";
import { runScoring } from "../../src/core/pipeline";
import { CHART_NAMES, INDEX_SHEET, RESULTS_TABLE, SHEET_NAMES } from "../../src/core/plan";
import { ROUNDING_NOTE } from "../../src/core/plan/labels";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

async function score(double: ExcelDouble, definition: unknown) {
  double.install();
  const host = new ExcelHost();
  const result = await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
  return { host, result };
}

function resultsSheetName(): string {
  return (SHEET_NAMES as unknown as { results: { vi: string } }).results.vi;
}

function chartsSheetName(): string {
  return (SHEET_NAMES as unknown as { charts: { vi: string } }).charts.vi;
}

describe("scoring a workbook open in Excel", () => {
  test("writes the results sheet with its table, the three named charts and a very hidden _index", async () => {
    const { double, definition } = await layoutAWorkbook(34);
    const { result } = await score(double, definition);
    const results = resultsSheetName();
    expect(double.sheetNames()).toEqual(expect.arrayContaining([results, chartsSheetName(), INDEX_SHEET]));
    const table = double.workbook.tables.find((t) => t.name === RESULTS_TABLE);
    expect(table?.sheet.name).toBe(results);
    expect(table?.rows).toBe(35);
    const charts = double.sheet(chartsSheetName()).charts;
    expect(charts.map((c) => c.name).sort()).toEqual(Object.values(CHART_NAMES).sort());
    expect(charts.every((c) => c.series.length > 0 && c.title !== "")).toBe(true);
    expect(double.sheet(INDEX_SHEET).visibility).toBe("VeryHidden");
    // The first ranked unit's name is in the results table.
    const first = [...result.table.units].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))[0]!;
    const names = [...double.sheet(results).cells.values()].map((c) => c.v);
    expect(names).toContain(first.name);
  });

  test("aligns the results' headers with their figures: numbers right, ranks centred", async () => {
    const { double, definition } = await layoutAWorkbook(34);
    await score(double, definition);
    const cells = [...double.sheet(resultsSheetName()).cells.values()];
    const header = (text: string) => cells.find((c) => c.v === text);
    expect(header("Tổng điểm")?.align).toBe("Right");
    expect(header("Hạng")?.align).toBe("Center");
    expect(header("Sở, ban, ngành")?.align).toBeUndefined();
  });

  test("takes the same number of Excel requests for 34 and for 500 units", async () => {
    // HDI unit sheets: 500 of them still fit in one read response and one write request (with the
    // copies `_index` keeps of each form's watched cells and each form's out-of-date line, 600 are
    // just over one request's budget: beyond one request the count grows with the payload, never
    // with the units as such).
    const small = await layoutAWorkbook(34, { index: "undp-hdi" });
    await score(small.double, small.definition);
    const large = await layoutAWorkbook(500, { index: "undp-hdi" });
    await score(large.double, large.definition);
    expect(small.double.syncCount).toBeGreaterThan(0);
    expect(large.double.syncCount).toBe(small.double.syncCount);
    expect(large.double.requests.every((r) => r.ok)).toBe(true);
  }, 120_000);

  test("700 department sheets are read and written with every request under 4 MB and no refused request", async () => {
    const { double, definition } = await layoutAWorkbook(700);
    await score(double, definition);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(Math.max(...double.requests.map((r) => r.bytes))).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(Math.max(...double.requests.map((r) => r.responseBytes))).toBeLessThanOrEqual(5 * 1024 * 1024);
  }, 120_000);

  test("a second run duplicates no sheet, table or chart and leaves cells it does not own untouched", async () => {
    const { double, definition } = await layoutAWorkbook(12);
    const unitSheet = double.workbook.sheets[0]!.name;
    await score(double, definition);
    const sheetsBefore = double.sheetNames();
    double.setCells(unitSheet, "L2", [["ghi chú của người dùng"]]);
    double.setCells(resultsSheetName(), "Z1", [["ngoài bảng"]]);
    await score(double, definition);
    expect(double.sheetNames()).toEqual(sheetsBefore);
    expect(double.workbook.tables.map((t) => t.name).filter((n) => n === RESULTS_TABLE)).toHaveLength(1);
    expect(double.sheet(chartsSheetName()).charts).toHaveLength(Object.values(CHART_NAMES).length);
    expect(double.value(`'${unitSheet}'!L2`)).toBe("ghi chú của người dùng");
  });

  test("a second run keeps the results table: resized in place, or before ExcelApi 1.13 written over when the same units are scored again; the user's formulas naming it keep working", async () => {
    const mine = ["=SUM(DTI_Results[Tổng điểm])", "=COUNTA(DTI_Results[Đơn vị])"].map((f) => f.replace("DTI_Results", RESULTS_TABLE));
    for (const [api, first, again] of [["1.13", 8, 5], ["1.13", 5, 9], ["1.13", 6, 6], ["1.12", 6, 6]] as const) {
      // The analyst removes or adds units between the runs: the forms of units 6–9 go or come.
      const { double, definition } = await layoutAWorkbook(9, { requirements: { ExcelApi: api } });
      const later = (n: number) => (s: { name: string }) => /^Đơn vị số (\d+)$/.test(s.name) && Number(/\d+$/.exec(s.name)![0]) > n;
      const heldBack = double.workbook.sheets.filter(later(first));
      double.workbook.sheets = double.workbook.sheets.filter((s) => !heldBack.includes(s));
      await score(double, definition);
      const before = double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!;
      expect(before.rows).toBe(first + 1);
      double.addSheet("Của tôi");
      double.setCells("Của tôi", "A1", mine.map((formula) => [{ formula }]));
      double.workbook.sheets = [...double.workbook.sheets.filter((s) => !later(again)(s)), ...heldBack.filter((s) => !later(again)(s))];
      const { host, result } = await score(double, definition);
      const table = double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!;
      expect(table.id).toBe(before.id);
      expect(table.rows).toBe(again + 1);
      expect([double.cell("'Của tôi'!A1")?.f, double.cell("'Của tôi'!A2")?.f]).toEqual(mine);
      // Every unit of the run is in the table, once.
      const units = double.grid(`'${resultsSheetName()}'!A${table.row + 2}:Z${table.row + table.rows}`).flat();
      for (const u of result.table.units) expect(units.filter((v) => v === u.name)).toHaveLength(1);
      // Nothing of the longer table is left below the shorter one, nor the line under it twice: at
      // most this run's, that points are shown rounded (some units' do not add up as shown).
      const below = double.grid(`'${resultsSheetName()}'!A${table.row + table.rows + 1}:C${table.row + table.rows + 8}`).flat().filter((v) => v !== "");
      expect(below.filter((v) => v !== ROUNDING_NOTE.vi)).toEqual([]);
      expect(below.filter((v) => v === ROUNDING_NOTE.vi).length).toBeLessThanOrEqual(1);
      expect(host.lastApply?.warnings.map((w) => w.en).join(" ")).not.toContain("#REF!");
    }
  });

  test.each(["its columns", "its number of units"])("before ExcelApi 1.13, a results table whose size changed (%s) is made anew, cells below it stay where they were, and the run says formulas naming it may show #REF!", async (what) => {
    const mine = `=ROWS(${RESULTS_TABLE}[Đơn vị])`;
    const { double, definition } = await layoutAWorkbook(4, { requirements: { ExcelApi: "1.12" } });
    const { host } = await score(double, definition);
    double.addSheet("Của tôi");
    double.setCells("Của tôi", "A1", [[{ formula: mine }]]);
    const results = resultsSheetName();
    const first = double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!;
    // A line the analyst typed a little below the table, beside it too: it stays on its row.
    const below = first.row + first.rows + 8;
    double.setCells(results, `B${below}`, [["Người duyệt:"]]);
    double.setCells(results, `AF${below}`, [["Nguyễn Văn A"]]);
    // Table Design > Resize Table, without its last column; or one unit's form gone.
    if (what === "its columns") double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!.cols -= 1;
    else double.workbook.sheets = double.workbook.sheets.filter((s) => s.name !== "Đơn vị số 4");
    const again = await score(double, definition);
    expect([double.value(`'${results}'!B${below}`), double.value(`'${results}'!AF${below}`)]).toEqual(["Người duyệt:", "Nguyễn Văn A"]);
    expect(double.cell("'Của tôi'!A1")?.f).toBe("=ROWS(#REF!)");
    const said = again.host.lastApply?.warnings.find((w) => w.vi.includes(RESULTS_TABLE));
    expect(said?.vi).toContain("#REF!");
    expect(said?.vi).toContain(resultsSheetName());
    expect(said?.en).toContain("may now show #REF!");
    expect(host.capabilities().missing.find((m) => m.feature === "keepTables")?.message.vi).toContain("#REF!");
  });

  test("scoring again in the other language renames the owned sheets and keeps one results table and one set of charts", async () => {
    const { double, definition } = await layoutAWorkbook(6);
    double.install();
    let tableId: number | undefined;
    for (const lang of ["vi", "en", "vi"] as const) {
      await runScoring(new ExcelHost(), { definition, lang, projectVersion: "test", now });
      // The user's formulas that read the results sheet and its table follow it through each rename.
      if (lang === "vi" && tableId === undefined) {
        double.addSheet("Của tôi");
        double.setCells("Của tôi", "A1", [[{ formula: "='Kết quả'!D4" }], [{ formula: `=SUM(${RESULTS_TABLE}[Tổng điểm])` }]]);
      } else {
        expect(double.cell("'Của tôi'!A1")?.f).toBe(lang === "en" ? "=Results!D4" : "='Kết quả'!D4");
        // (Excel also renames the column in the formula when its header changes language; the double does not.)
        expect(double.cell("'Của tôi'!A2")?.f).toMatch(new RegExp(`^=SUM\\(${RESULTS_TABLE}\\[`));
      }
      const table = double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!;
      expect(table.id).toBe((tableId ??= table.id));
      const results = (SHEET_NAMES as unknown as { results: Record<string, string> }).results[lang]!;
      const charts = (SHEET_NAMES as unknown as { charts: Record<string, string> }).charts[lang]!;
      const other = (SHEET_NAMES as unknown as { results: Record<string, string> }).results[lang === "vi" ? "en" : "vi"]!;
      expect(double.sheetNames()).toContain(results);
      expect(double.sheetNames()).not.toContain(other);
      expect(double.workbook.tables.filter((t) => t.name === RESULTS_TABLE).map((t) => t.sheet.name)).toEqual([results]);
      expect(double.workbook.sheets.flatMap((s) => s.charts).map((c) => c.name).sort()).toEqual(Object.values(CHART_NAMES).sort());
      expect(double.sheet(charts).charts).toHaveLength(3);
      expect(double.requests.every((r) => r.ok)).toBe(true);
    }
  });

  test("a user's unit name that looks like a formula stays text", async () => {
    const evil = '=HYPERLINK("http://evil.example","Bấm vào")';
    const { double, definition } = await layoutAWorkbook(3, { unitName: (u) => (u === 0 ? evil : `Đơn vị ${u}`) });
    await score(double, definition);
    const cells = [...double.sheet(resultsSheetName()).cells.values()];
    expect(cells.some((c) => c.v === evil && c.f === undefined)).toBe(true);
    expect(cells.some((c) => c.f?.includes("HYPERLINK"))).toBe(false);
  });

  test("the results sheet prints on A4 landscape, as many pages wide as keep it legible with the units' rank, code, name and category (it ranks within categories) on each and whole groups, its header row on every page, with a larger title and rows tall enough for the wrapped header", async () => {
    const { double, definition } = await layoutAWorkbook(34);
    const { result } = await score(double, definition);
    const plan = result.plan!.owned.find((o) => o.name === resultsSheetName())!;
    const top = plan.print!.repeatRows!.first;
    const sheet = double.sheet(resultsSheetName());
    // The department sample's six groups, each with value, points and rank, take several pages
    // wide, a page starting at a group's value (or the totals, or the coverage): at a scale, as Excel keeps manual
    // breaks only on a sheet not fitted to pages wide.
    const columns = plan.print!.columnBreaksBefore!;
    expect(columns.length).toBeGreaterThanOrEqual(1);
    expect(sheet.pageLayout).toMatchObject({
      paperSize: "A4",
      orientation: "Landscape",
      zoom: { scale: plan.print!.scale },
      printTitleRows: { row: top - 1, rows: 1 },
      printTitleColumns: { col: 0, cols: 4 },
      margins: { left: 28.8, right: 28.8 },
    });
    expect(plan.print!.scale).toBeGreaterThanOrEqual(70);
    const headers = plan.blocks.find((b) => b.address === `A${top}`)!.values[0]!;
    const header = (column: string) => String(headers[columnNumber(column) - 1]);
    for (const c of columns) expect([c, /\((giá trị|value)\)$|^(Tổng điểm|Total points|Tỷ lệ chỉ tiêu có số liệu|Data coverage)$/.test(header(c))]).toEqual([c, true]);
    expect(sheet.colBreaks).toEqual(columns.map((c) => columnNumber(c) - 1));
    expect(sheet.get(0, 0)?.fontSize).toBeGreaterThan(11);
    for (const h of plan.rowHeights!) expect([h.row, sheet.rowHeights.get(h.row - 1)]).toEqual([h.row, h.height]);
    // The charts sheet prints landscape too, each chart on a page of its own (the same breaks after a
    // second run), and the unit forms keep the user's own page setup.
    expect(double.sheet(chartsSheetName()).pageLayout.orientation).toBe("Landscape");
    const chartsPlan = result.plan!.owned.find((o) => o.name === chartsSheetName())!;
    const breaks = chartsPlan.print!.pageBreaksBefore!;
    expect(breaks.length).toBeGreaterThanOrEqual(3);
    expect(double.sheet(chartsSheetName()).rowBreaks).toEqual(breaks.map((r) => r - 1));
    // A break the sheet had (the user's, or a run's before) goes: a second run's breaks replace them.
    double.sheet(resultsSheetName()).colBreaks = [5];
    await score(double, definition);
    expect(double.sheet(chartsSheetName()).rowBreaks).toEqual(breaks.map((r) => r - 1));
    expect(double.sheet(resultsSheetName()).colBreaks).toEqual(columns.map((c) => columnNumber(c) - 1));
    expect(double.workbook.sheets.filter((s) => s.pageLayout.paperSize === "A4").map((s) => s.name).sort()).toEqual([chartsSheetName(), resultsSheetName()].sort());
  });

  test("on Excel without ExcelApi 1.9 the print setup is left as it was, the user is told which feature needs which version, and the same number of requests is used", async () => {
    const old = await layoutAWorkbook(5, { requirements: { ExcelApi: "1.8" } });
    const { host } = await score(old.double, old.definition);
    const message = host.capabilities().missing.find((m) => m.feature === "printLayout")!.message;
    expect(message.vi).toMatch(/trang in.*ExcelApi 1\.9/);
    expect(message.en).toMatch(/print setup.*ExcelApi 1\.9/);
    expect(old.double.sheet(resultsSheetName()).pageLayout.paperSize).toBe("Letter");
    expect(old.double.workbook.tables.some((t) => t.name === RESULTS_TABLE)).toBe(true);
    // Print setup rides in the write requests: an Excel with 1.9 takes no extra request for it.
    const current = await layoutAWorkbook(5, { requirements: { ExcelApi: "1.9" } });
    await score(current.double, current.definition);
    expect(current.double.sheet(resultsSheetName()).pageLayout.paperSize).toBe("A4");
    expect(old.double.syncCount).toBe(current.double.syncCount);
  });

  test("on Excel older than ExcelApi 1.7 the run stops with one clear sentence in both languages, before anything is read or written", async () => {
    const { double, definition } = await layoutAWorkbook(5, { requirements: { ExcelApi: "1.6" } });
    const sheetsBefore = double.sheetNames();
    double.resetCounters();
    const failure = await score(double, definition).then(() => null, (e: unknown) => e as { localized?: { vi: string; en: string } });
    expect(failure?.localized?.vi).toMatch(/Phiên bản Excel này quá cũ.*ExcelApi 1\.7/);
    expect(failure?.localized?.en).toMatch(/too old.*ExcelApi 1\.7/);
    expect(double.syncCount).toBe(0);
    expect(double.sheetNames()).toEqual(sheetsBefore);
    // At ExcelApi 1.7 the same workbook is scored, charts included.
    const current = await layoutAWorkbook(5, { requirements: { ExcelApi: "1.7" } });
    const { host } = await score(current.double, current.definition);
    expect(host.capabilities().tooOld).toBeUndefined();
    expect(current.double.workbook.tables.some((t) => t.name === RESULTS_TABLE)).toBe(true);
    expect(current.double.workbook.sheets.flatMap((s) => s.charts).length).toBeGreaterThan(0);
  });
});
