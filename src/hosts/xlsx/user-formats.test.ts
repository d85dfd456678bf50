/**
 * The conditional formats and drop-down lists an analyst adds on the results sheet stay when the
 * workbook is scored again, as in Excel, where the run clears only its own ranges: a rule outside
 * them is kept once, one over them loses the cells cleared, one wholly inside goes; the project's
 * own colour scales, data bar and status-line rule are written again, once.
 */
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { edit, open, scoreAgain, scoredDemo } from "./test-workbooks";
import { parseRels, sheetParts } from "./ooxml";
import { movedFormula } from "../../core/a1";

type Formats = { ref: string; rules: { type: string; formulae?: string[]; operator?: string; style?: { fill?: { bgColor?: { argb?: string } } } }[] }[];
const formats = (ws: ExcelJS.Worksheet) => (ws as unknown as { conditionalFormattings: Formats }).conditionalFormattings;
const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;

const RED = { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } as ExcelJS.Fill;
/** The project's rules on the demo's results sheet (table A3:AC23): colour scales, the data bar, the status line. */
const PROJECT = ["E4:E23 colorScale", "H4:H23 colorScale", "K4:K23 colorScale", "N4:N23 colorScale", "Q4:Q23 colorScale", "T4:T23 colorScale", "W4:W23 dataBar", "A2 expression"];

/** The demo as scored, with the analyst's rules and drop-down lists on its results sheet. */
async function withUserFormats(): Promise<Uint8Array> {
  return edit(await scoredDemo(), (wb) => {
    const ws = wb.getWorksheet("Kết quả")!;
    // A column of their own, a gap away from the table (AD would join it).
    ws.getCell("AF3").value = "Ghi chú HĐ";
    ws.getCell("AF5").value = "Cần xem";
    ws.addConditionalFormatting({ ref: "AF4:AF23", rules: [{ type: "expression", priority: 20, formulae: ['AF4="Cần xem"'], style: { fill: RED } }] });
    // Over the table's last two columns and on to theirs: the table's part is cleared, as in Excel.
    ws.addConditionalFormatting({ ref: "AB4:AF23", rules: [{ type: "expression", priority: 21, formulae: ['AND(AB4<>"",$B4<>"")'], style: { font: { italic: true } } }] });
    // Wholly inside the table: cleared with it.
    ws.addConditionalFormatting({ ref: "D4:D23", rules: [{ type: "cellIs", operator: "greaterThan", priority: 22, formulae: ["50"], style: { fill: RED } }] });
    validations(ws)["AG4:AG23"] = { type: "list", allowBlank: true, formulae: ['"Đạt,Chưa đạt"'] };
    validations(ws)["AH4:AH23"] = { type: "list", allowBlank: true, formulae: ["'Kết quả'!$AJ$4:$AJ$5"] };
    ws.getCell("AJ4").value = "Có";
    ws.getCell("AJ5").value = "Không";
    validations(ws).D5 = { type: "whole", operator: "between", allowBlank: true, formulae: [0, 100] };
  });
}

function described(ws: ExcelJS.Worksheet): string[] {
  return formats(ws).flatMap((cf) => cf.rules.map((r) => `${cf.ref} ${r.type}`));
}

describe("the analyst's conditional formats and drop-down lists on the results sheet, scored again", () => {
  test("scored twice more: each rule of theirs outside the results is there once, one over the table keeps its cells outside it, one inside the table goes; the project's rules are there once", async () => {
    const again = await scoreAgain(await withUserFormats());
    expect(again.warnings).toEqual([]);
    const third = await scoreAgain(again.out);
    expect(third.warnings).toEqual([]);
    for (const out of [again.out, third.out]) {
      const ws = (await open(out)).getWorksheet("Kết quả")!;
      expect(described(ws).sort()).toEqual([...PROJECT, "AF4:AF23 expression", "AD4:AF23 expression"].sort());
      const own = formats(ws).find((cf) => cf.ref === "AF4:AF23")!.rules[0]!;
      expect(own.formulae).toEqual(['AF4="Cần xem"']);
      expect(own.style?.fill?.bgColor?.argb).toBe("FFFFC7CE");
      // Its first cells cleared, the rule tests for AD4 what it tested for it before: AD4 itself.
      expect(formats(ws).find((cf) => cf.ref === "AD4:AF23")!.rules[0]!.formulae).toEqual(['AND(AD4<>"",$B4<>"")']);
      expect(ws.getCell("AF5").value).toBe("Cần xem");
      const dv = validations(ws);
      for (let r = 4; r <= 23; r++) {
        expect(dv[`AG${r}`]).toMatchObject({ type: "list", formulae: ['"Đạt,Chưa đạt"'] });
        expect(dv[`AH${r}`]).toMatchObject({ type: "list", formulae: ["'Kết quả'!$AJ$4:$AJ$5"] });
      }
      expect(dv.D5).toBeUndefined();
      expect(Object.keys(dv).filter((a) => dv[a] !== undefined)).toHaveLength(40);
    }
    // Written once each in the file: one <conditionalFormatting> per rule, one <dataValidation> per list.
    const zip = await JSZip.loadAsync(third.out);
    const parts = sheetParts(await zip.file("xl/workbook.xml")!.async("string"), parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")), "xl/workbook.xml");
    const sheetXml = await zip.file(parts.get("Kết quả")!)!.async("string");
    expect(sheetXml.match(/<conditionalFormatting /g)).toHaveLength(PROJECT.length + 2);
    expect(sheetXml.match(/<dataValidation [^>]*sqref="[^"]*"/g)).toEqual(['<dataValidation type="list" allowBlank="1" sqref="AG4:AG23"', '<dataValidation type="list" allowBlank="1" sqref="AH4:AH23"']);
  });

  test("scored again in English: the sheet is renamed, and the list reading its cells names it by its new name", async () => {
    const host = await XlsxHost.fromBuffer(await withUserFormats(), "ket-qua.xlsx");
    await runScoring(host, { lang: "en", projectVersion: "0.1.0", now: new Date("2024-06-08T00:00:00Z") });
    const wb = await open(await host.toBuffer());
    expect(wb.getWorksheet("Kết quả")).toBeUndefined();
    const ws = wb.getWorksheet("Results")!;
    expect(validations(ws).AH4).toMatchObject({ type: "list", formulae: ["Results!$AJ$4:$AJ$5"] });
    expect(validations(ws).AG23).toMatchObject({ type: "list", formulae: ['"Đạt,Chưa đạt"'] });
    expect(described(ws)).toEqual(expect.arrayContaining(["AF4:AF23 expression", "AD4:AF23 expression"]));
    expect(described(ws).filter((d) => d.endsWith("colorScale"))).toHaveLength(6);
  });
});

describe("movedFormula", () => {
  test("moves the relative references of a rule whose first cells are cleared, and leaves the rest", () => {
    expect(movedFormula('AND(AB4<>"",$B4<>"",B$2>0,$C$3)', 1, 2)).toBe('AND(AD5<>"",$B5<>"",D$2>0,$C$3)');
    // Text, quoted sheet names, structured references, functions ending in digits.
    expect(movedFormula(`"A1"&'Sheet A1'!A1&T[[#This Row],[B2]]&LOG10(A2)`, 0, 1)).toBe(`"A1"&'Sheet A1'!B1&T[[#This Row],[B2]]&LOG10(B2)`);
    expect(movedFormula("XFD1", 0, 1)).toBe("#REF!");
  });
});
