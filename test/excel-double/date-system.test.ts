/**
 * The workbook's date system in the double: an .xlsx of the 1904 system (`<workbookPr
 * date1904="1"/>`) opens with its serials as stored and its system known, and
 * `workbook.functions.date` (ExcelApi 1.2) gives a FunctionResult read as Excel gives one: loaded,
 * and only after the sync.
 */
import ExcelJS from "exceljs";
import { createExcelDouble } from "./index";
import { codeOf, run } from "./testing";

async function dated(date1904: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("A");
  ws.getCell("A1").value = new Date(Date.UTC(2024, 11, 31));
  ws.getCell("A1").numFmt = "dd/mm/yyyy";
  ws.getCell("A2").value = new Date(Date.UTC(2025, 2, 5, 10, 30));
  ws.getCell("A2").numFmt = "d/m/yyyy h:mm";
  if (date1904) wb.properties.date1904 = true;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("the 1904 date system", () => {
  test("an .xlsx of the 1904 system keeps its serials as stored (1462 fewer than the 1900 system's) and its system", async () => {
    const serials: Record<string, unknown> = {};
    for (const date1904 of [true, false]) {
      const d = createExcelDouble();
      await d.loadXlsx(await dated(date1904));
      expect(d.workbook.date1904).toBe(date1904);
      serials[String(date1904)] = d.grid("A!A1:A2").map((r) => r[0]);
    }
    expect(serials).toEqual({ true: [44195, 44259.4375], false: [45657, 45721.4375] });
  });

  test("functions.date counts in the workbook's system; its result is read once loaded and synced", async () => {
    for (const date1904 of [true, false]) {
      const d = createExcelDouble();
      await d.loadXlsx(await dated(date1904));
      const got = await run(d, async (ctx) => {
        const r = ctx.workbook.functions.date(2000, 1, 1).load("value,error");
        const early = await codeOf(Promise.resolve().then(() => r.value));
        const other = ctx.workbook.functions.date(1900, 3, 1).load("value");
        await ctx.sync();
        return { early, value: r.value, error: r.error, march1900: other.value };
      });
      expect(got).toEqual(date1904
        ? { early: "PropertyNotLoaded", value: 35064, error: null, march1900: null }
        : { early: "PropertyNotLoaded", value: 36526, error: null, march1900: 61 });
    }
  });

  test("a date before the system's first day is #NUM!; without ExcelApi 1.2 there is no functions", async () => {
    const d = createExcelDouble();
    await d.loadXlsx(await dated(true));
    const r = await run(d, async (ctx) => {
      const early = ctx.workbook.functions.date(1903, 12, 31).load("value,error");
      await ctx.sync();
      return { value: early.value, error: early.error };
    });
    expect(r).toEqual({ value: null, error: "#NUM!" });
    const old = createExcelDouble({ requirements: { ExcelApi: "1.1" } });
    expect(await codeOf(run(old, async (ctx) => ctx.workbook.functions.date(2000, 1, 1)))).toBe("ApiNotFound");
  });
});
