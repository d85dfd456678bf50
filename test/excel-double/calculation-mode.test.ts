/**
 * Excel's calculation modes in the double. `Application.calculationMode` ("Returns the calculation
 * mode used in the workbook … `Automatic`, where Excel controls recalculation;
 * `AutomaticExceptTables`, where Excel controls recalculation but ignores changes in tables;
 * `Manual`, where calculation is done when the user requests it", ExcelApi 1.1 to read, 1.8 to
 * set) is Excel's setting, which the user may have set. In automatic calculation a formula shows
 * what it computes from the cells it reads as they are now; in manual calculation it shows its last
 * computed value until the workbook is calculated (`application.calculate`, or F9), except that a
 * formula is calculated as it is entered.
 */
import ExcelJS from "exceljs";
import { formInputsChangedFormula, inputsChangedCount } from "../../src/core/plan/index-sheet";
import { createExcelDouble, type ExcelDouble } from "./index";
import { codeOf, run } from "./testing";

/** What Excel answers for `values` of a range (a request of its own). */
async function values(d: ExcelDouble, address: string): Promise<unknown[][]> {
  return run(d, async (ctx) => {
    const [sheet, local] = address.split("!") as [string, string];
    const r = ctx.workbook.worksheets.getItem(sheet.replace(/^'|'$/g, "")).getRange(local).load("values");
    await ctx.sync();
    return r.values;
  });
}

/** A form's figures, a total of them and a figure worked out from another cell. */
function form(d: ExcelDouble): void {
  d.addSheet("Form", [
    ["Mã", "Số liệu", "Tổng", "Ghi chú"],
    ["1.1", 10, { formula: "=SUM(B2:B4)" }, 5],
    ["1.2", 20, { formula: "=C2/COUNT(B2:B4)" }],
    ["1.3", { formula: "=D2*2" }, { formula: '="Tổng: "&C2' }],
  ]);
}

describe("automatic calculation (Excel's default)", () => {
  test("a formula shows what it computes, follows the cells it reads, and reads as a formula through `formulas`", async () => {
    const d = createExcelDouble();
    form(d);
    expect(await values(d, "Form!B2:C4")).toEqual([[10, 40], [20, 40 / 3], [10, "Tổng: 40"]]);
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Form");
      ws.getRange("D2").values = [[7]];
      // Read in the same request, after the change: calculated already.
      const after = ws.getRange("B4:C4").load("values,valueTypes,formulas");
      await ctx.sync();
      expect(after.values).toEqual([[14, "Tổng: 44"]]);
      expect(after.valueTypes).toEqual([["Double", "String"]]);
      expect(after.formulas).toEqual([["=D2*2", '="Tổng: "&C2']]);
    });
    expect(d.uncalculated()).toEqual([]);
    expect(d.incalculable()).toEqual([]);
  });

  test("errors as Excel shows them; a sheet deleted leaves the formulas that read it at #REF!", async () => {
    const d = createExcelDouble();
    d.addSheet("Data", [[4, 0]]);
    d.addSheet("Sum", [[{ formula: "=Data!A1/Data!B1" }, { formula: "=IFERROR(Data!A1/Data!B1,\"none\")" }, { formula: "=SUM(Data!A1:B1)" }]]);
    expect(d.grid("Sum!A1:C1")).toEqual([["#DIV/0!", "none", 4]]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").delete();
      const after = ctx.workbook.worksheets.getItem("Sum").getRange("A1:C1").load("values,valueTypes");
      await ctx.sync();
      expect(after.values).toEqual([["#REF!", "none", "#REF!"]]);
      expect(after.valueTypes).toEqual([["Error", "String", "Error"]]);
    });
  });

  test("a table's structured references follow its cells", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [["Unit", "Total"], ["A", 3], ["B", 4], [null, null, { formula: "=SUM(T[Total])" }, { formula: "=ROWS(T)" }, { formula: "=T[[#Headers],[Unit]]" }]]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").tables.add("A1:B3", true).name = "T";
      await ctx.sync();
    });
    // Entered before the table was there: Excel would not take them; calculated once it is.
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("B2").values = [[13]];
      await ctx.sync();
    });
    expect(d.grid("S!C4:E4")).toEqual([[17, 2, "Unit"]]);
  });
});

describe("manual calculation", () => {
  test("a formula keeps its last computed value while the cells it reads change, until calculate(); one entered meanwhile is calculated as it is entered", async () => {
    const d = createExcelDouble();
    form(d);
    d.calculationMode = "Manual";
    // The user types a new figure: the total does not follow.
    await d.userEdit("Form", "B2", [[100]]);
    expect(await values(d, "Form!C2:C4")).toEqual([[40], [40 / 3], ["Tổng: 40"]]);
    expect(d.uncalculated()).toEqual(["(workbook)"]);
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Form");
      // Entered now: calculated from what the cells show (B2's new figure; C2's old total).
      ws.getRange("E2:F2").formulas = [["=B2+1", "=C2+1"]];
      const entered = ws.getRange("E2:F2").load("values");
      await ctx.sync();
      expect(entered.values).toEqual([[101, 41]]);
    });
    expect(d.value("Form!C2")).toBe(40);
    await run(d, async (ctx) => {
      ctx.workbook.application.calculate("Recalculate" as Excel.CalculationType);
      await ctx.sync();
    });
    expect(d.grid("Form!C2:F2")).toEqual([[130, 5, 101, 131]]);
    expect(d.value("Form!C4")).toBe("Tổng: 130");
    expect(d.uncalculated()).toEqual([]);
  });

  test("the user pressing F9, or setting calculation back to automatic, calculates the workbook", async () => {
    for (const how of ["F9", "automatic"] as const) {
      const d = createExcelDouble();
      form(d);
      d.calculationMode = "Manual";
      await d.userEdit("Form", "D2", [[50]]);
      expect(d.value("Form!B4")).toBe(10);
      if (how === "F9") d.userCalculate();
      else d.calculationMode = "Automatic";
      expect(d.value("Form!B4")).toBe(100);
      expect(d.uncalculated()).toEqual([]);
    }
  });

  test("a workbook opened in manual calculation shows the results its file kept; in automatic calculation Excel calculates them", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = 2;
    // The file says 99, which is not what the formula computes (another program saved it so).
    ws.getCell("B1").value = { formula: "A1*2", result: 99 };
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const manual = createExcelDouble({ calculationMode: "Manual" });
    await manual.loadXlsx(bytes);
    expect(manual.value("S!B1")).toBe(99);
    const automatic = createExcelDouble();
    await automatic.loadXlsx(bytes);
    expect(automatic.value("S!B1")).toBe(4);
  });
});

describe("Application.calculationMode", () => {
  test("read (ExcelApi 1.1) and set (1.8); an unknown mode is an invalid argument; set back to automatic, Excel calculates at once", async () => {
    const d = createExcelDouble({ calculationMode: "Manual" });
    form(d);
    await d.userEdit("Form", "D2", [[1]]);
    const mode = await run(d, async (ctx) => {
      const app = ctx.workbook.application.load("calculationMode");
      await ctx.sync();
      return app.calculationMode;
    });
    expect(mode).toBe("Manual");
    expect(d.value("Form!B4")).toBe(10);
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.application.calculationMode = "Sometimes" as Excel.CalculationMode;
      await ctx.sync();
    }))).toBe("InvalidArgument");
    await run(d, async (ctx) => {
      ctx.workbook.application.calculationMode = "AutomaticExceptTables" as Excel.CalculationMode;
      await ctx.sync();
    });
    expect(d.calculationMode).toBe("AutomaticExceptTables");
    expect(d.value("Form!B4")).toBe(2);
    // Before ExcelApi 1.8 it can be read, not set.
    const old = createExcelDouble({ requirements: { ExcelApi: "1.7" } });
    old.addSheet("S");
    expect(await run(old, async (ctx) => {
      const app = ctx.workbook.application.load("calculationMode");
      await ctx.sync();
      return app.calculationMode;
    })).toBe("Automatic");
    expect(await codeOf(run(old, async (ctx) => {
      ctx.workbook.application.calculationMode = "Manual" as Excel.CalculationMode;
      await ctx.sync();
    }))).toBe("ApiNotFound");
  });
});

describe("the formulas DTI Scorer writes, calculated", () => {
  const scoredAt = new Date(Date.UTC(2026, 0, 15));
  /** `_index` with two units' flags comparing their forms' figures with the copies, and a form's line. */
  function scored(d: ExcelDouble): void {
    d.addSheet("Đơn vị 1", [["Mã", "Số liệu"], ["1.1", 10], ["1.2", "Có"], [null, { formula: formInputsChangedFormula("U1", scoredAt, "en", false) }]]);
    d.addSheet("Đơn vị 2", [["Mã", "Số liệu"], ["1.1", 30], ["1.2", "Không"]]);
    const flag = (sheet: string, copy: string) => ({ formula: `=IFERROR(SUMPRODUCT(1-EXACT(('${sheet}'!B2:B3)&"",(${copy})&"")),1)` });
    d.addSheet("_index", [
      ["definition"],
      ["inputs", "U1", flag("Đơn vị 1", "E4:E5"), "Đơn vị 1"],
      ["inputs", "U2", flag("Đơn vị 2", "E6:E7"), "Đơn vị 2"],
      [null, null, null, null, 10],
      [null, null, null, null, "Có"],
      [null, null, null, null, 30],
      [null, null, null, null, "Không"],
    ]);
    d.addSheet("Results", [["DTI"], [{ formula: `=IF(${inputsChangedCount()}=0,"Subtitle","Changed: "&${inputsChangedCount()})` }]]);
  }

  test("the flags are 0 while the forms hold the copies; a changed figure turns its unit's flag, the results' subtitle and the unit's line", async () => {
    const d = createExcelDouble();
    scored(d);
    expect(d.grid("_index!C2:C3")).toEqual([[0], [0]]);
    expect(d.value("Results!A2")).toBe("Subtitle");
    expect(d.value("'Đơn vị 1'!B4")).toBe("");
    await d.userEdit("Đơn vị 2", "B2", [[31]]);
    expect(d.grid("_index!C2:C3")).toEqual([[0], [1]]);
    expect(d.value("Results!A2")).toBe("Changed: 1");
    expect(d.value("'Đơn vị 1'!B4")).toMatch(/^Figures of other units were changed after scoring on .*: this rank may be out of date\. Score again\.$/);
    await d.userEdit("Đơn vị 1", "B3", [["Không"]]);
    expect(d.value("'Đơn vị 1'!B4")).toMatch(/^Figures changed after scoring on .*: this score and rank are out of date\. Score again\.$/);
    expect(d.incalculable()).toEqual([]);
  });

  test("in manual calculation they say nothing of a change until the workbook is calculated", async () => {
    const d = createExcelDouble();
    scored(d);
    d.calculationMode = "Manual";
    await d.userEdit("Đơn vị 2", "B2", [[31]]);
    expect(d.grid("_index!C2:C3")).toEqual([[0], [0]]);
    expect(d.value("Results!A2")).toBe("Subtitle");
    d.userCalculate();
    expect(d.value("Results!A2")).toBe("Changed: 1");
  });
});

describe("what the double does not calculate", () => {
  test("a function it does not know, or another workbook's cells: the cell keeps its value, and the double says which", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [[1, { formula: "=A1*2" }]]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("C1:D1").formulas = [["=NETWORKDAYS(A1,A1)", "=[1]Other!A1"]];
      await ctx.sync();
    });
    expect(d.grid("S!A1:D1")).toEqual([[1, 2, "", ""]]);
    expect(d.incalculable()).toEqual(["S!C1: =NETWORKDAYS(A1,A1)", "S!D1: =[1]Other!A1"]);
  });
});
