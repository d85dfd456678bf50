/**
 * Calculation in the Excel double: "suspendApiCalculationUntilNextSync: Suspends calculation until
 * the next context.sync() is called. Once set, it is the developer's responsibility to re-calc the
 * workbook, to ensure that any dependencies are propagated." Formulas written while it is suspended,
 * and the workbook's formulas when cells change then, stay uncalculated until
 * `application.calculate()`.
 */
import { createExcelDouble } from "./index";
import { codeOf, run } from "./testing";

describe("calculation suspended in the Excel double", () => {
  test("formulas written after the suspension are uncalculated, and so is the workbook, until calculate()", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      // Written before the suspension in the same request: calculated.
      ws.getRange("A1").formulas = [["=1+1"]];
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      ws.getRange("A2:B2").formulas = [["=A1*2", "=COUNTA(A:A)"]];
      ws.getRange("A3").values = [["=A2+1"]];
      ws.getRange("A4").values = [[7]];
      await ctx.sync();
    });
    expect(d.uncalculated()).toEqual(["S!A2", "S!B2", "S!A3", "(workbook)"]);
    // A later request without suspension does not calculate them: that is left to the add-in.
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("C1").formulas = [["=A1"]];
      await ctx.sync();
    });
    expect(d.uncalculated()).toEqual(["S!A2", "S!B2", "S!A3", "(workbook)"]);
    // A value written over an uncalculated formula takes it away.
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("B2").values = [[3]];
      await ctx.sync();
    });
    expect(d.uncalculated()).toEqual(["S!A2", "S!A3", "(workbook)"]);
    await run(d, async (ctx) => {
      ctx.workbook.application.calculate("Recalculate" as Excel.CalculationType);
      await ctx.sync();
    });
    expect(d.uncalculated()).toEqual([]);
  });

  test("calculate() in the suspended request itself calculates what was written before it, not after", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      ws.getRange("A1").formulas = [["=1"]];
      ctx.workbook.application.calculate("Full" as Excel.CalculationType);
      ws.getRange("A2").formulas = [["=2"]];
      await ctx.sync();
    });
    expect(d.uncalculated()).toEqual(["S!A2", "(workbook)"]);
  });

  test("clearing cells while suspended leaves the workbook uncalculated; a calculation type that is not one fails", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [[1, { formula: "=A1" }]]);
    await run(d, async (ctx) => {
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      ctx.workbook.worksheets.getItem("S").getRange("A1").clear("Contents" as Excel.ClearApplyTo);
      await ctx.sync();
    });
    expect(d.uncalculated()).toEqual(["(workbook)"]);
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.application.calculate("Sometimes" as Excel.CalculationType);
      await ctx.sync();
    }))).toBe("InvalidArgument");
    expect(d.uncalculated()).toEqual(["(workbook)"]);
  });
});
