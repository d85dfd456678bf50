/**
 * The charts sheet's status line as the xlsx host writes it: above the charts, a formula that shows
 * nothing while the figures are those scored and the results sheet's red line when they are not,
 * so that the charts, seen or printed alone, say they are out of date. A second run writes it again
 * in its place, once.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { edit, open, scoreAgain, scoredDemo } from "./test-workbooks";
import { drawingElementId, parseRels, relsPathOf, resolveTarget, sheetParts } from "./ooxml";

const CHARTS = "Biểu đồ";
const COUNT = `COUNTIFS('_index'!$A:$A,"inputs",'_index'!$C:$C,">0")`;

/** The rows (0-based, as the drawing counts them) the charts sheet's charts start on. */
async function chartTops(file: Uint8Array): Promise<number[]> {
  const zip = await JSZip.loadAsync(file);
  const text = async (path: string) => (await zip.file(path)?.async("string")) ?? "";
  const sheetPath = sheetParts(await text("xl/workbook.xml"), parseRels(await text("xl/_rels/workbook.xml.rels")), "xl/workbook.xml").get(CHARTS)!;
  const rid = drawingElementId(await text(sheetPath));
  const drawing = await text(resolveTarget(sheetPath, parseRels(await text(relsPathOf(sheetPath))).find((r) => r.id === rid)!.target));
  return [...drawing.matchAll(/<xdr:from>[\s\S]*?<xdr:row>(\d+)<\/xdr:row>/g)].map((m) => Number(m[1]));
}

/** The status line of the charts sheet as read back: A1's formula and cached result, the rules on A1, every other formula of row 1. */
function statusOf(wb: ExcelJS.Workbook) {
  const ws = wb.getWorksheet(CHARTS)!;
  const a1 = ws.getCell("A1");
  const rules = ((ws as unknown as { conditionalFormattings?: { ref: string; rules: { type: string; formulae?: string[]; style?: { font?: { bold?: boolean; color?: { argb?: string } } } }[] }[] }).conditionalFormattings ?? []).filter(
    (c) => c.ref === "A1",
  );
  const others: string[] = [];
  ws.getRow(1).eachCell((cell) => {
    if (cell.address !== "A1" && cell.formula) others.push(cell.address);
  });
  return { formula: a1.formula, result: a1.result, rules, others };
}

test("the scored demo's charts sheet says in A1, above its charts, when figures changed since scoring; a corrected figure scored again writes it again there, once", async () => {
  const scored = await scoredDemo();
  const first = statusOf(await open(scored));
  expect(first.formula.startsWith(`IF(${COUNT}=0,"","Số liệu của "&`)).toBe(true);
  expect(first.formula).toContain("điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.");
  expect(first.result ?? "").toBe("");
  expect(first.rules).toHaveLength(1);
  expect(first.rules[0]!.rules).toHaveLength(1);
  expect(first.rules[0]!.rules[0]).toMatchObject({ type: "expression", formulae: [`${COUNT}>0`], style: { font: { bold: true, color: { argb: "FFC00000" } } } });
  expect(first.others).toEqual([]);
  // No chart over it: the first starts on row 2.
  expect(Math.min(...(await chartTops(scored)))).toBe(1);

  const corrected = await edit(scored, (wb) => {
    wb.getWorksheet("Sở Xây dựng")!.getCell("D34").value = 0.95;
  });
  const again = await scoreAgain(corrected);
  expect(again.warnings.filter((w) => w.sheet === CHARTS)).toEqual([]);
  const second = statusOf(await open(again.out));
  expect(second.formula).toContain("lần chấm ngày 08/06/2024");
  expect(second.result ?? "").toBe("");
  expect(second.rules).toHaveLength(1);
  expect(second.rules[0]!.rules).toHaveLength(1);
  expect(second.others).toEqual([]);
  expect(Math.min(...(await chartTops(again.out)))).toBe(1);
  // A third run: the same, once.
  const third = statusOf(await open((await scoreAgain(again.out)).out));
  expect(third.rules).toHaveLength(1);
  expect(third.formula).toBe(second.formula);
}, 120_000);
