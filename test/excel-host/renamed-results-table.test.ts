/**
 * The results table the analyst renamed (Table Design > Table Name: `DTI_Results` → `BangKetQua`,
 * their formulas reading `=SUM(BangKetQua[Tổng điểm])`): the next run keeps it, writes the results
 * into it and sets its name back, so their formulas (which Excel renames with it) keep working, and
 * says so once. A table of theirs elsewhere on the results sheet is converted to plain cells, which
 * stay, and named.
 */
import { runScoring } from "../../src/core/pipeline";
import { RESULTS_TABLE, SHEET_NAMES } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const RESULTS = (SHEET_NAMES as unknown as { results: { vi: string } }).results.vi;
const MINE = ["=SUM(BangKetQua[Tổng điểm])", "=COUNTA(BangKetQua[Đơn vị])"];

async function score(double: ExcelDouble, definition: unknown, now = new Date("2026-01-15T08:00:00Z")) {
  double.install();
  const host = new ExcelHost();
  await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
  return host;
}

/** The analyst renames the results table in Excel, then types formulas naming it on a sheet of theirs. */
async function renameAndUse(double: ExcelDouble): Promise<void> {
  double.install();
  await Excel.run(async (ctx) => {
    ctx.workbook.tables.getItem(RESULTS_TABLE).name = "BangKetQua";
    await ctx.sync();
  });
  double.addSheet("Của tôi");
  double.setCells("Của tôi", "A1", MINE.map((formula) => [{ formula }]));
}

/** The forms of units after the first `n` are taken out of the workbook (a unit dropped between runs). */
function keepUnits(double: ExcelDouble, n: number): void {
  double.workbook.sheets = double.workbook.sheets.filter((s) => !/^Đơn vị số (\d+)$/.test(s.name) || Number(/\d+$/.exec(s.name)![0]) <= n);
}

describe("the results table renamed by the analyst", () => {
  test.each([
    ["1.13", 6, 6],
    ["1.13", 6, 4],
    ["1.12", 6, 6],
  ] as const)("ExcelApi %s, %d units then %d: the table is kept, written in place and named DTI_Results again; the analyst's formulas follow it; said once, in as many requests as a run on the table not renamed", async (api, first, again) => {
    const renamed = await layoutAWorkbook(first, { requirements: { ExcelApi: api } });
    const plain = await layoutAWorkbook(first, { requirements: { ExcelApi: api } });
    await score(renamed.double, renamed.definition);
    await score(plain.double, plain.definition);
    const before = renamed.double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!;
    await renameAndUse(renamed.double);
    plain.double.addSheet("Của tôi");
    keepUnits(renamed.double, again);
    keepUnits(plain.double, again);
    renamed.double.resetCounters();
    plain.double.resetCounters();

    const host = await score(renamed.double, renamed.definition, new Date("2026-01-22T08:00:00Z"));
    await score(plain.double, plain.definition, new Date("2026-01-22T08:00:00Z"));

    const tables = renamed.double.workbook.tables;
    expect(tables.map((t) => t.name)).toEqual([RESULTS_TABLE]);
    expect(tables[0]!.id).toBe(before.id);
    expect([tables[0]!.row, tables[0]!.col, tables[0]!.rows]).toEqual([before.row, before.col, again + 1]);
    // Every unit of the run is in the table, once.
    const units = renamed.double.grid(`'${RESULTS}'!C${before.row + 2}:C${before.row + 1 + again}`).flat();
    expect(new Set(units).size).toBe(again);
    expect([renamed.double.cell("'Của tôi'!A1")?.f, renamed.double.cell("'Của tôi'!A2")?.f]).toEqual(["=SUM(DTI_Results[Tổng điểm])", "=COUNTA(DTI_Results[Đơn vị])"]);
    const warnings = host.lastApply!.warnings;
    const said = warnings.filter((w) => w.vi.includes("BangKetQua"));
    expect(said).toHaveLength(1);
    expect(said[0]!.sheet).toBe(RESULTS);
    for (const text of [said[0]!.vi, said[0]!.en]) {
      expect(text).toContain("BangKetQua");
      expect(text).toContain(RESULTS_TABLE);
      expect(text).toContain(`'${RESULTS}'`);
    }
    expect(said[0]!.vi).toContain("đặt lại tên");
    expect(said[0]!.en).toContain("keep working");
    expect(warnings.map((w) => w.en).join(" ")).not.toContain("#REF!");
    // No request more than scoring again a workbook whose table kept its name.
    expect(renamed.double.syncCount).toBe(plain.double.syncCount);
    expect(renamed.double.requests.every((r) => r.ok)).toBe(true);

    // The run after that says nothing more about it.
    const third = await score(renamed.double, renamed.definition, new Date("2026-01-29T08:00:00Z"));
    expect(third.lastApply!.warnings.filter((w) => w.vi.includes("BangKetQua"))).toEqual([]);
    expect(renamed.double.workbook.tables.map((t) => t.name)).toEqual([RESULTS_TABLE]);
  });

  test("before ExcelApi 1.13, when its units changed, it is made anew as DTI_Results and the run says the formulas naming BangKetQua may show #REF!", async () => {
    const { double, definition } = await layoutAWorkbook(6, { requirements: { ExcelApi: "1.12" } });
    await score(double, definition);
    await renameAndUse(double);
    keepUnits(double, 4);
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(double.workbook.tables.map((t) => [t.name, t.rows])).toEqual([[RESULTS_TABLE, 5]]);
    expect(double.cell("'Của tôi'!A1")?.f).toBe("=SUM(#REF!)");
    const said = host.lastApply!.warnings.filter((w) => w.vi.includes("BangKetQua"));
    expect(said).toHaveLength(1);
    expect(said[0]!.vi).toContain("#REF!");
    expect(said[0]!.vi).toContain(`${RESULTS_TABLE}[…]`);
    expect(said[0]!.en).toContain("may now show #REF!");
  });

  test("a table of the analyst's elsewhere on the results sheet stops being a table: its cells stay, formulas naming it read them, it is named in a warning, in as many requests as the same cells typed plainly", async () => {
    const runs = [];
    for (const asTable of [true, false]) {
      const { double, definition } = await layoutAWorkbook(4);
      await score(double, definition);
      const table = double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!;
      const row = table.row + table.rows + 10;
      double.setCells(RESULTS, `B${row}`, [["Tháng", "Số hồ sơ"], ["1", 12], ["2", 9]]);
      double.install();
      await Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(RESULTS);
        ws.getRange(`C${row + 1}:C${row + 2}`).numberFormat = [["#,##0.0"], ["#,##0.0"]];
        if (asTable) ws.tables.add(`'${RESULTS}'!B${row}:C${row + 2}`, true).name = "HoSo";
        await ctx.sync();
      });
      double.addSheet("Của tôi");
      double.setCells("Của tôi", "A1", [[{ formula: asTable ? "=SUM(HoSo[Số hồ sơ])" : `=SUM('${RESULTS}'!$C$${row + 1}:$C$${row + 2})` }]]);
      double.resetCounters();
      const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
      expect(double.requests.every((r) => r.ok)).toBe(true);
      runs.push({ double, host, row });
    }
    const [{ double, host, row }, plain] = runs as [typeof runs[0], typeof runs[0]];
    expect(double.workbook.tables.map((t) => t.name)).toEqual([RESULTS_TABLE]);
    // The cells stay as they were, values and formats, as the same cells typed without a table do.
    const cells = `'${RESULTS}'!B${row}:C${row + 2}`;
    expect(double.grid(cells)).toEqual([["Tháng", "Số hồ sơ"], ["1", 12], ["2", 9]]);
    expect(double.grid(cells)).toEqual(plain.double.grid(cells));
    expect([double.cell(`'${RESULTS}'!C${row + 1}`)?.nf, double.cell(`'${RESULTS}'!C${row + 2}`)?.nf]).toEqual(["#,##0.0", "#,##0.0"]);
    // Excel made the formula naming it read its cells.
    expect(double.cell("'Của tôi'!A1")?.f).toBe(`=SUM('${RESULTS}'!$C$${row + 1}:$C$${row + 2})`);
    const said = host.lastApply!.warnings.filter((w) => w.vi.includes("HoSo"));
    expect(said).toHaveLength(1);
    expect(said[0]!.sheet).toBe(RESULTS);
    for (const text of [said[0]!.vi, said[0]!.en]) {
      expect(text).toContain(`'${RESULTS}'!B${row}:C${row + 2}`);
      expect(text).toContain("=ROWS(HoSo[…])");
      expect(text).not.toContain("#REF!");
    }
    expect(said[0]!.vi).toContain("không còn là bảng");
    expect(said[0]!.vi).toContain("vẫn được giữ");
    expect(said[0]!.vi).toContain("tham chiếu ô thường");
    expect(said[0]!.en).toContain("is no longer a table");
    expect(said[0]!.en).toContain("stay, with their values and formats");
    expect(said[0]!.en).toContain("plain cell references");
    // No request more than scoring again with the same cells typed plainly.
    expect(double.syncCount).toBe(plain.double.syncCount);
    expect(plain.host.lastApply!.warnings.filter((w) => w.vi.includes("HoSo"))).toEqual([]);
  });
});
