/** Renaming a sheet in the Excel double: as in Excel, every formula naming the sheet follows it. */
import { createExcelDouble } from "./index";
import { run } from "./testing";

describe("a sheet renamed in the Excel double", () => {
  test("formulas on every sheet that name it name it anew, quoted as Excel needs; text in quotes and other sheets' references stay", async () => {
    const d = createExcelDouble();
    d.addSheet("Kết quả", [["Kết quả chấm điểm"], [1], [2]]);
    d.addSheet("Ghi chú", [
      [{ formula: "='Kết quả'!A2" }, { formula: "=SUM('kết quả'!$A$2:$A$3)" }, { formula: "=\"'Kết quả'!A2\"&'Kết quả'!A3" }],
      [{ formula: "='Ghi chú'!A1+[1]Results!A1" }],
    ]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Kết quả").name = "Results";
      await ctx.sync();
    });
    expect(d.sheetNames()).toEqual(["Results", "Ghi chú"]);
    expect(["A1", "B1", "C1", "A2"].map((a) => d.cell(`'Ghi chú'!${a}`)?.f)).toEqual([
      "=Results!A2",
      "=SUM(Results!$A$2:$A$3)",
      "=\"'Kết quả'!A2\"&Results!A3",
      "='Ghi chú'!A1+[1]Results!A1",
    ]);
    // And back to a name that needs quotes.
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Results").name = "Kết quả 2";
      await ctx.sync();
    });
    expect(d.cell("'Ghi chú'!A1")?.f).toBe("='Kết quả 2'!A2");
    expect(d.cell("'Ghi chú'!A2")?.f).toBe("='Ghi chú'!A1+[1]Results!A1");
  });
});
