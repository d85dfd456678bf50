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

async function score(file: Uint8Array, lang: "vi" | "en", kinds?: ChartKind[]) {
  const host = await XlsxHost.fromBuffer(file, "bao-cao.xlsx");
  const result = await runScoring(host, { definition: DEMO_DEFINITION, lang, projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z"), ...(kinds ? { charts: { kinds } } : {}) });
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
    expect(second.warnings.map((w) => w.en)).toEqual(['The workbook already has a sheet "Results" that DTI Scorer did not make: it is left as it is, and the scores are written to the sheet "Results (2)".']);
    const wb = await open(second.out);
    expect(wb.getWorksheet("Results")!.getCell("A1").value).toBe("Của tôi");
    expect(wb.getWorksheet("Results (2)")!.getTable(RESULTS_TABLE)).toBeDefined();
    expect(wb.getWorksheet("Kết quả")).toBeUndefined();
  });
});
