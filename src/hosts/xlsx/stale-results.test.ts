import ExcelJS from "exceljs";
import { blockArea, formulaReads, forgetStaleResults, wholeSheet } from "./stale-results";

const on = (sheet: string, top: number, left: number, bottom = top, right = left) => ({ sheet, top, left, bottom, right });

describe("formulaReads", () => {
  test("finds cells, ranges, whole columns and rows, on the formula's sheet or a named one, and not in text", () => {
    expect(formulaReads("D17/D18", "sở nội vụ", new Map())).toEqual([on("sở nội vụ", 17, 4), on("sở nội vụ", 18, 4)]);
    expect(formulaReads("SUM('Kết quả'!$Q$4:Q23)", "p", new Map())).toEqual([on("kết quả", 4, 17, 23, 17)]);
    expect(formulaReads("VLOOKUP(A1,'It''s'!B:C,2,0)", "p", new Map())).toEqual([on("p", 1, 1), on("it's", 1, 2, 1048576, 3)]);
    expect(formulaReads("SUM(Data!3:5)", "p", new Map())).toEqual([on("data", 3, 1, 5, 16384)]);
    expect(formulaReads('LOG10(B2)&"A1"', "p", new Map())).toEqual([on("p", 2, 2)]);
  });

  test("a defined name reads what it names; INDIRECT and a table's columns cannot be told", () => {
    const names = new Map([["TongDiem", [on("kết quả", 4, 17, 23, 17)]]]);
    expect(formulaReads("MAX(TongDiem)*2", "p", names)).toEqual([on("kết quả", 4, 17, 23, 17)]);
    expect(formulaReads("MAX(TongDiem2)", "p", names)).toEqual([]);
    expect(formulaReads('INDIRECT("A"&B1)', "p", names)).toBeUndefined();
    expect(formulaReads("SUM(DTI_Results[Tổng điểm])", "p", names)).toBeUndefined();
  });
});

describe("formulaReads and other workbooks", () => {
  test("a link to another workbook reads nothing of this one", () => {
    expect(formulaReads("[1]Sheet1!B3", "p", new Map())).toEqual([]);
    expect(formulaReads("'[Báo cáo.xlsx]Tổng hợp'!B3:C4*2+A1", "p", new Map())).toEqual([on("p", 1, 1)]);
  });
});

describe("forgetStaleResults", () => {
  test("keeps a unit's figure typed as a formula whatever the number of formulas, and links to other workbooks and INDIRECT on a form", async () => {
    const wb = new ExcelJS.Workbook();
    const form = wb.addWorksheet("Sở Y tế");
    form.getCell("D16").value = { formula: "209+0", result: 209 };
    form.getCell("D17").value = { formula: "[1]Sheet1!B3", result: 17 };
    form.getCell("D18").value = { formula: 'SUM(INDIRECT("E16"))', result: 5 };
    const results = wb.addWorksheet("Kết quả");
    results.addTable({ name: "DTI_Results", ref: "A3", columns: [{ name: "Hạng" }, { name: "Tổng điểm" }], rows: [[1, 90]] });
    const calc = wb.addWorksheet("Calc");
    for (let r = 1; r <= 6000; r++) calc.getCell(r, 1).value = { formula: "1+1", result: 2 };
    calc.getCell("B1").value = { formula: 'INDIRECT("\'Kết quả\'!B4")', result: 90 };
    calc.getCell("B2").value = { formula: "SUM(DTI_Results[Tổng điểm])", result: 90 };
    const file = new ExcelJS.Workbook();
    await file.xlsx.load(await wb.xlsx.writeBuffer());
    forgetStaleResults(file, [wholeSheet("Kết quả"), blockArea("Sở Y tế", "I8", 30, 1)]);
    const f = file.getWorksheet("Sở Y tế")!;
    const c = file.getWorksheet("Calc")!;
    expect(["D16", "D17", "D18"].map((a) => f.getCell(a).result)).toEqual([209, 17, 5]);
    expect([c.getCell("A6000").result, c.getCell("B1").result, c.getCell("B2").result]).toEqual([2, undefined, undefined]);
  });

  test("drops the results of formulas that read what the run wrote, through other formulas too, and keeps the units' own", async () => {
    const wb = new ExcelJS.Workbook();
    const form = wb.addWorksheet("Sở Nội vụ");
    form.getCell("D8").value = 3;
    form.getCell("D9").value = 6;
    form.getCell("D10").value = { formula: "D8/D9", result: 0.5 }; // a unit's figure: kept
    form.getCell("D11").value = { formula: "D8-3", result: 0 }; // kept, 0 included
    form.getCell("I20").value = { formula: "SUM(I8:I12)", result: 7 }; // reads the Điểm column
    const mine = wb.addWorksheet("Phân tích");
    mine.getCell("A1").value = { formula: "'Sở Nội vụ'!I20*2", result: 14 }; // through I20
    mine.getCell("A2").value = { formula: "1+1", result: 2 };
    mine.getCell("A3").value = { formula: "SUM('Kết quả'!A4:A9)", result: 21 };
    wb.addWorksheet("Kết quả");
    // Reloaded, as a file read from disk is: ExcelJS keeps a cached 0 in the cell's model only then.
    const file = new ExcelJS.Workbook();
    await file.xlsx.load(await wb.xlsx.writeBuffer());
    forgetStaleResults(file, [wholeSheet("Kết quả"), blockArea("Sở Nội vụ", "I8", 5, 1)]);
    const f = file.getWorksheet("Sở Nội vụ")!;
    const p = file.getWorksheet("Phân tích")!;
    expect([f.getCell("D10").result, f.getCell("D11").result, f.getCell("I20").result]).toEqual([0.5, 0, undefined]);
    expect([p.getCell("A1").result, p.getCell("A2").result, p.getCell("A3").result]).toEqual([undefined, 2, undefined]);
    expect([f.getCell("I20").formula, p.getCell("A1").formula]).toEqual(["SUM(I8:I12)", "'Sở Nội vụ'!I20*2"]);
  });

  test("keeps the result the run wrote with its own formula (the results' subtitle, reading `_index`), and still drops those reading it through that cell", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("_index");
    const results = wb.addWorksheet("Kết quả");
    results.getCell("A2").value = { formula: `IF(COUNTIFS('_index'!$A:$A,"inputs",'_index'!$C:$C,">0")=0,"Chấm điểm ngày 01/06/2024","Số liệu đã sửa")`, result: "Chấm điểm ngày 01/06/2024" };
    const mine = wb.addWorksheet("Của tôi");
    mine.getCell("A1").value = { formula: "'Kết quả'!A2", result: "cũ" };
    forgetStaleResults(wb, [wholeSheet("_index")], new Set(["kết quả!A2"]));
    expect(results.getCell("A2").result).toBe("Chấm điểm ngày 01/06/2024");
    expect(mine.getCell("A1").result).toBeUndefined();
    // Without it, the subtitle's result would go as every other formula reading `_index`.
    forgetStaleResults(wb, [wholeSheet("_index")]);
    expect(results.getCell("A2").result).toBeUndefined();
  });
});
