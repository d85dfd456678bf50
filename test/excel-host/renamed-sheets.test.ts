import { runScoring } from "../../src/core/pipeline";
import { CHART_NAMES, INDEX_SHEET, RESULTS_TABLE } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

describe("in Excel, the project's sheets renamed by the user", () => {
  test("the results and charts sheets are written again under the user's names, the table keeps its name, no sheet is added, nothing is said", async () => {
    const { double, definition } = await layoutAWorkbook(4);
    double.install();
    const host = new ExcelHost();
    await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
    double.sheet("Kết quả").name = "KQ 2025";
    double.sheet("Biểu đồ").name = "BĐ";
    const names = double.sheetNames();

    await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
    expect(host.lastApply!.warnings).toEqual([]);
    expect(double.sheetNames()).toEqual(names);
    expect(double.workbook.tables.filter((t) => t.name === RESULTS_TABLE).map((t) => t.sheet.name)).toEqual(["KQ 2025"]);
    expect(double.sheet("BĐ").charts.map((c) => c.name).sort()).toEqual(Object.values(CHART_NAMES).sort());
    expect(names).toEqual(expect.arrayContaining(["KQ 2025", "BĐ", INDEX_SHEET]));
    expect(double.requests.every((r) => r.ok)).toBe(true);
  });

  test("a cell typed beside the results table stays when the run writes the sheet again, and nothing is said", async () => {
    const { double, definition } = await layoutAWorkbook(4);
    double.install();
    const host = new ExcelHost();
    await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
    double.addSheet("Kết quả", [["ghi chú của tôi"]], "AZ4");
    await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
    expect(host.lastApply!.warnings).toEqual([]);
    expect(double.sheet("Kết quả").get(3, 51)?.v).toBe("ghi chú của tôi");
    await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
    expect(host.lastApply!.warnings).toEqual([]);
  });

  test("a results table the user renamed does not stop the next run: the sheet is written again with one table, under the project's name", async () => {
    const { double, definition } = await layoutAWorkbook(3);
    double.install();
    const host = new ExcelHost();
    await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
    // Table Design > Table Name, e.g. to refer to it from a formula.
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem(RESULTS_TABLE).name = "KetQua2025";
      await ctx.sync();
    });
    // The user also put a table of their own beside the results: it is on the project's sheet, which is rewritten whole.
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Kết quả").tables.add("'Kết quả'!BA1:BB3", true).name = "GhiChu";
      await ctx.sync();
    });
    for (let run = 0; run < 2; run++) {
      await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
      expect(double.requests.every((r) => r.ok)).toBe(true);
      expect(double.workbook.tables.map((t) => `${t.name}@${t.sheet.name}`)).toEqual([`${RESULTS_TABLE}@Kết quả`]);
      expect(double.workbook.tables[0]!.rows).toBe(4);
    }
  });
});
