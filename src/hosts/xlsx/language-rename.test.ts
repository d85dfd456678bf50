/**
 * A workbook scored in Vietnamese and scored again in English (and back): the results and charts
 * sheets are renamed, not deleted and made anew, so the user's formulas reading them keep working.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readIndexSheet } from "../../core/plan/index-sheet";
import { INDEX_SHEET, RESULTS_TABLE } from "../../core/plan/labels";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import type { ChartKind } from "../../core/types";
import { XlsxHost } from "./host";
import { snapshotWorkbook } from "./read";
import { demoForms, open } from "./test-workbooks";

async function score(file: Uint8Array, lang: "vi" | "en", kinds?: ChartKind[], definition: unknown = DEMO_DEFINITION) {
  const host = await XlsxHost.fromBuffer(file, "bao-cao.xlsx");
  const result = await runScoring(host, { definition, lang, projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z"), ...(kinds ? { charts: { kinds } } : {}) });
  return { out: await host.toBuffer(), plan: result.plan!, warnings: host.lastApply!.warnings };
}

/** The user's sheet of formulas reading the results and charts sheets. */
function addUserSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("Tổng hợp");
  ws.getCell("A1").value = { formula: "'Kết quả'!D4", result: 56.5 };
  ws.getCell("A2").value = { formula: "SUM('Biểu đồ'!B2:B3)", result: 1 };
  ws.getCell("A3").value = { formula: `"Xem 'Kết quả'!D4 và "&'Kết quả'!C4`, result: "Xem" };
  ws.getCell("A4").value = "'Kết quả'!D4";
  // A fill-down: the formula's text is in the first cell only.
  ws.getCell("B1").value = { formula: "'Kết quả'!D4*2", shareType: "shared", ref: "B1:B3", result: 113 } as ExcelJS.CellValue;
  ws.getCell("B2").value = { sharedFormula: "B1", result: 0 } as ExcelJS.CellValue;
  ws.getCell("B3").value = { sharedFormula: "B1", result: 0 } as ExcelJS.CellValue;
  // A formula reading nothing the run writes keeps its result.
  ws.getCell("C1").value = { formula: "1+1", result: 2 };
  ws.getCell("D1").dataValidation = { type: "list", allowBlank: true, formulae: ["'Kết quả'!$C$4:$C$6"] };
  ws.addConditionalFormatting({ ref: "A1:A2", rules: [{ type: "expression", priority: 1, formulae: ["A1>'Kết quả'!$D$5"], style: { font: { bold: true } } }] });
  wb.definedNames.add("'Kết quả'!$D$4:$D$6", "Tong_diem");
}

/** The analyst's sheet of formulas naming the results table's columns (structured references), as the results are in Vietnamese. */
function addTableFormulas(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("Phân tích");
  const formulas = [
    `INDEX(DTI_Results[Tổng điểm],MATCH("SO-03",DTI_Results[Mã đơn vị],0))`,
    `VLOOKUP("SO-03",'Kết quả'!$B$4:$C$6,2,FALSE)`,
    "DTI_Results[[#Headers],[Mã đơn vị]]",
    "SUM(DTI_Results[[Tổng điểm]:[Giá trị]])",
    "DTI_Results[[#This Row],[Tổng điểm]]",
    `COUNTIF(dti_results[HẠ TẦNG SỐ (ĐIỂM)],">0")`,
    `"DTI_Results[Tổng điểm]"&COUNTA(DTI_Results[#All])`,
  ];
  formulas.forEach((formula, i) => (ws.getCell(`A${i + 1}`).value = { formula, result: 0 }));
  // A fill-down: the formula's text is in the first cell only.
  ws.getCell("B1").value = { formula: "MAX(DTI_Results[Tổng điểm])+ROW()", shareType: "shared", ref: "B1:B2", result: 0 } as ExcelJS.CellValue;
  ws.getCell("B2").value = { sharedFormula: "B1", result: 0 } as ExcelJS.CellValue;
}

/** The formulas of column A of the analyst's sheet, and the text of the fill-down's first cell. */
function tableFormulas(wb: ExcelJS.Workbook): (string | undefined)[] {
  const ws = wb.getWorksheet("Phân tích")!;
  return [...Array.from({ length: 7 }, (_, i) => formulaOf(ws, `A${i + 1}`)), formulaOf(ws, "B1")];
}

function formulaOf(ws: ExcelJS.Worksheet, address: string): string | undefined {
  return (ws.getCell(address).value as { formula?: string } | null)?.formula;
}

/** The formulas of every chart in the file (its series' data), by chart part. */
async function chartFormulas(file: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(file);
  const out: string[] = [];
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async("string");
    for (const m of xml.matchAll(/<c:f>([^<]*)<\/c:f>/g)) out.push(m[1]!.replace(/&apos;/g, "'"));
  }
  return out;
}

describe("scoring again in the other language", () => {
  test("renames `Kết quả` and `Biểu đồ` to `Results` and `Charts`: the user's formulas, names, validations and formats follow them; text stays; and back again", async () => {
    // The user's sheet is in the file from the start: a file saved by ExcelJS loses its charts.
    const first = await score(await demoForms(addUserSheet), "vi");
    const chartsFirst = await chartFormulas(first.out);
    expect(chartsFirst.length).toBeGreaterThan(3);

    const second = await score(first.out, "en", ["barSorted"]);
    expect(second.plan.renameSheets).toEqual([
      { from: "Kết quả", to: "Results" },
      { from: "Biểu đồ", to: "Charts" },
    ]);
    expect(second.plan.removeSheets).toBeUndefined();
    expect(second.warnings).toEqual([]);
    const wb = await open(second.out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(["Results", "Charts", "Tổng hợp"]));
    expect(names).not.toContain("Kết quả");
    expect(names).not.toContain("Biểu đồ");
    expect(wb.getWorksheet("Results")!.getCell("A3").value).toBe("Rank");
    expect(wb.getWorksheet("Results")!.getTable(RESULTS_TABLE)).toBeDefined();
    const mine = wb.getWorksheet("Tổng hợp")!;
    expect(formulaOf(mine, "A1")).toBe("Results!D4");
    expect(formulaOf(mine, "A2")).toBe("SUM(Charts!B2:B3)");
    expect(formulaOf(mine, "A3")).toBe(`"Xem 'Kết quả'!D4 và "&Results!C4`);
    expect(mine.getCell("A4").value).toBe("'Kết quả'!D4");
    expect(formulaOf(mine, "B1")).toBe("Results!D4*2");
    expect(mine.getCell("B2").formula).toBe("Results!D5*2");
    expect(mine.getCell("D1").dataValidation.formulae).toEqual(["Results!$C$4:$C$6"]);
    expect((mine as unknown as { conditionalFormattings: { rules: { formulae: string[] }[] }[] }).conditionalFormattings[0]!.rules[0]!.formulae).toEqual(["A1>Results!$D$5"]);
    expect((wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model).toEqual([{ name: "Tong_diem", ranges: ["Results!$D$4:$D$6"] }]);
    // The formulas reading the renamed sheets are computed again on opening; the others keep their result.
    expect(mine.getCell("A1").result).toBeUndefined();
    expect(mine.getCell("B1").result).toBeUndefined();
    expect(mine.getCell("C1").result).toBe(2);
    const state = readIndexSheet(snapshotWorkbook(wb))!;
    expect(state.owned.sheets).toEqual(["Results", "Charts", INDEX_SHEET]);
    expect(new Set(state.owned.charts.map((c) => c.sheet))).toEqual(new Set(["Charts"]));
    // The three charts are on `Charts`, once each, the two not chosen this run kept and reading `Charts` too.
    expect(state.owned.charts).toHaveLength(3);
    const charts = await chartFormulas(second.out);
    expect(charts).toHaveLength(chartsFirst.length);
    expect(charts.every((f) => /^'?Charts'?!/.test(f))).toBe(true);

    const third = await score(second.out, "vi");
    expect(third.plan.renameSheets).toEqual([
      { from: "Results", to: "Kết quả" },
      { from: "Charts", to: "Biểu đồ" },
    ]);
    const back = await open(third.out);
    expect(back.getWorksheet("Results")).toBeUndefined();
    expect(back.getWorksheet("Kết quả")!.getCell("A3").value).toBe("Hạng");
    const again = back.getWorksheet("Tổng hợp")!;
    expect(formulaOf(again, "A1")).toBe("'Kết quả'!D4");
    expect(formulaOf(again, "A2")).toBe("SUM('Biểu đồ'!B2:B3)");
    expect(formulaOf(again, "A3")).toBe(`"Xem 'Kết quả'!D4 và "&'Kết quả'!C4`);
    expect(readIndexSheet(snapshotWorkbook(back))!.owned.sheets).toEqual(["Kết quả", "Biểu đồ", INDEX_SHEET]);
    const chartsBack = await chartFormulas(third.out);
    expect([...chartsBack].sort()).toEqual([...chartsFirst].sort());
  });

  test("beside a user's own `Results`, our `Kết quả` becomes `Results (2)`, the user is told once, and the user's sheet is left alone", async () => {
    const first = await score(await demoForms((wb) => {
      wb.addWorksheet("Results").getCell("A1").value = "Của tôi";
    }), "vi");
    const second = await score(first.out, "en");
    expect(second.plan.renameSheets).toEqual([
      { from: "Kết quả", to: "Results (2)" },
      { from: "Biểu đồ", to: "Charts" },
    ]);
    expect(second.warnings.map((w) => w.en)).toEqual(["The workbook already has a sheet 'Results' that DTI Scorer did not make: it is left as it is, and the scores are written to the sheet 'Results (2)'."]);
    const wb = await open(second.out);
    expect(wb.getWorksheet("Results")!.getCell("A1").value).toBe("Của tôi");
    expect(wb.getWorksheet("Results (2)")!.getTable(RESULTS_TABLE)).toBeDefined();
    expect(wb.getWorksheet("Kết quả")).toBeUndefined();
  });

  test("the results table's columns renamed to English follow in the analyst's structured references (DTI_Results[Tổng điểm] → DTI_Results[Total points]), and back", async () => {
    const first = await score(await demoForms(addTableFormulas), "vi");
    const wbVi = await open(first.out);
    expect(wbVi.getWorksheet("Kết quả")!.getTable(RESULTS_TABLE)).toBeDefined();
    const vietnamese = tableFormulas(wbVi);
    expect(vietnamese[0]).toBe(`INDEX(DTI_Results[Tổng điểm],MATCH("SO-03",DTI_Results[Mã đơn vị],0))`);

    const second = await score(first.out, "en");
    expect(second.warnings).toEqual([]);
    const wb = await open(second.out);
    expect(tableFormulas(wb)).toEqual([
      `INDEX(DTI_Results[Total points],MATCH("SO-03",DTI_Results[Unit code],0))`,
      `VLOOKUP("SO-03",Results!$B$4:$C$6,2,FALSE)`,
      "DTI_Results[[#Headers],[Unit code]]",
      "SUM(DTI_Results[[Total points]:[Value]])",
      "DTI_Results[[#This Row],[Total points]]",
      `COUNTIF(dti_results[Digital infrastructure (points)],">0")`,
      `"DTI_Results[Tổng điểm]"&COUNTA(DTI_Results[#All])`,
      "MAX(DTI_Results[Total points])+ROW()",
    ]);
    // Every column the formulas name is a column of the table written.
    const columns = new Set(((wb.getWorksheet("Results")!.getTable(RESULTS_TABLE) as unknown as { table: { columns: { name: string }[] } }).table.columns).map((c) => c.name.toLowerCase()));
    for (const f of tableFormulas(wb)) {
      for (const m of (f ?? "").replace(/"[^"]*"/g, "").matchAll(/\[([^\]#[]+)\]/g)) expect(columns).toContain(m[1]!.toLowerCase());
    }
    // Computed again on opening: they read what the run wrote.
    expect(wb.getWorksheet("Phân tích")!.getCell("A1").result).toBeUndefined();

    const third = await score(second.out, "vi");
    expect(third.warnings).toEqual([]);
    const back = tableFormulas(await open(third.out));
    // Back in Vietnamese, as the analyst wrote them (the names in the table's own spelling).
    expect(back).toEqual([...vietnamese.slice(0, 5), `COUNTIF(dti_results[Hạ tầng số (điểm)],">0")`, ...vietnamese.slice(6)]);
  });

  test("a structured reference to a column the results no longer have (a group taken out) is left as it is, and the warning names its sheet and cell", async () => {
    const first = await score(await demoForms(addTableFormulas), "vi");
    const withoutGroup2 = { ...DEMO_DEFINITION, root: { ...DEMO_DEFINITION.root, children: DEMO_DEFINITION.root.children.filter((g) => g.code !== "2") } };
    const second = await score(first.out, "en", undefined, withoutGroup2);
    const formulas = tableFormulas(await open(second.out));
    expect(formulas[0]).toBe(`INDEX(DTI_Results[Total points],MATCH("SO-03",DTI_Results[Unit code],0))`);
    expect(formulas[5]).toBe(`COUNTIF(dti_results[HẠ TẦNG SỐ (ĐIỂM)],">0")`);
    const said = second.warnings.filter((w) => w.en.includes(RESULTS_TABLE));
    expect(said).toEqual([
      {
        sheet: "Phân tích",
        vi: "Trang 'Phân tích', ô A6: công thức dùng cột 'Hạ tầng số (điểm)' của bảng DTI_Results, nay kết quả không còn cột này; công thức được để nguyên và sẽ báo lỗi (#REF! trong Excel) cho đến khi bạn sửa lại.",
        en: "Sheet 'Phân tích', cell A6: the formula uses column 'Hạ tầng số (điểm)' of the table DTI_Results, which the results no longer have; it is left as it is and shows an error (#REF! in Excel) until you change it.",
      },
    ]);
  });
});
