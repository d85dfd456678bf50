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

type Formats = { conditionalFormattings?: { ref: string; rules: { type: string; priority?: number; formulae?: string[] }[] }[] };
const formatsOf = (ws: ExcelJS.Worksheet) => (ws as unknown as Formats).conditionalFormattings ?? [];
/** The project's rules on the charts sheet (the status line's formula), wherever they are: their ranges. */
const ownRules = (wb: ExcelJS.Workbook) =>
  formatsOf(wb.getWorksheet(CHARTS)!).flatMap((c) => (c.rules.some((r) => r.type === "expression" && (r.formulae ?? []).some((f) => f.includes("_index"))) ? [c.ref] : []));
/** The cells of column A of the charts sheet above its charts that hold a formula of the project's status line. */
const statusFormulas = (wb: ExcelJS.Workbook) => {
  const ws = wb.getWorksheet(CHARTS)!;
  const out: string[] = [];
  for (let r = 1; r <= 10; r++) if (String(ws.getCell(r, 1).formula ?? "").includes("đã cũ")) out.push(`A${r}`);
  return out;
};

test("a title typed in A1 of the charts sheet stays; the project's rule goes from A1, the user's own rules there stay, so that a corrected figure turns no text of the user's red", async () => {
  const TITLE = "Báo cáo quý IV — bản của tôi";
  const typed = await edit(await scoredDemo(), (wb) => {
    const ws = wb.getWorksheet(CHARTS)!;
    ws.getCell("A1").value = TITLE;
    // A rule of the user's on the same cell (a fill while the title is long), and one over a range.
    ws.addConditionalFormatting({ ref: "A1", rules: [{ type: "expression", priority: 7, formulae: ["LEN(A1)>20"], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFFF00" } } } }] });
    ws.addConditionalFormatting({ ref: "A1:B1", rules: [{ type: "expression", priority: 8, formulae: ['$A1="x"'], style: { font: { italic: true } } }] });
  });
  expect(ownRules(await open(typed))).toEqual(["A1"]);
  const again = await scoreAgain(typed);
  const check = async (file: Uint8Array) => {
    const wb = await open(file);
    const ws = wb.getWorksheet(CHARTS)!;
    expect(ws.getCell("A1").value).toBe(TITLE);
    expect(ownRules(wb)).toEqual([]);
    expect(statusFormulas(wb)).toEqual([]);
    const user = formatsOf(ws).map((c) => ({ ref: c.ref, formulae: c.rules.map((r) => r.formulae) }));
    expect(user).toEqual([
      { ref: "A1", formulae: [["LEN(A1)>20"]] },
      { ref: "A1:B1", formulae: [['$A1="x"']] },
    ]);
    // `_index` records no status cell on the charts sheet.
    const index = wb.getWorksheet("_index")!;
    const recorded: string[] = [];
    index.eachRow((row) => {
      const values = (row.values as unknown[]).map((v) => String(v ?? ""));
      if (values.includes(CHARTS) && values.includes("status")) recorded.push(values.join("|"));
    });
    expect(recorded).toEqual([]);
  };
  await check(again.out);
  expect(again.warnings.filter((w) => w.sheet === CHARTS)).toEqual([]);
  // A third run: the same.
  await check((await scoreAgain(again.out)).out);
}, 120_000);

/** A row inserted at the top of the charts sheet, as Excel and LibreOffice insert it: the cells and the rules on them move down. */
function insertTopRow(wb: ExcelJS.Workbook, text?: string): void {
  const ws = wb.getWorksheet(CHARTS)!;
  ws.spliceRows(1, 0, [text ?? null]);
  for (const cf of formatsOf(ws)) cf.ref = cf.ref.replace(/^A1$/, "A2");
}

test.each([
  ["left empty: the line goes back to A1, once", undefined],
  ["with a title typed in it: the title stays, and the sheet has no line", "Phụ lục 3 — biểu đồ (dòng tôi chèn)"],
])("a row inserted at the top of the charts sheet, %s; the line moved to A2, under the first chart, is cleared with its rule", async (_, title) => {
  const inserted = await edit(await scoredDemo(), (wb) => insertTopRow(wb, title));
  const before = await open(inserted);
  expect(statusFormulas(before)).toEqual(["A2"]);
  expect(ownRules(before)).toEqual(["A2"]);
  const again = await scoreAgain(inserted);
  expect(again.warnings.filter((w) => w.sheet === CHARTS)).toEqual([]);
  const check = async (file: Uint8Array) => {
    const wb = await open(file);
    const ws = wb.getWorksheet(CHARTS)!;
    if (title === undefined) {
      expect(statusFormulas(wb)).toEqual(["A1"]);
      expect(ownRules(wb)).toEqual(["A1"]);
    } else {
      expect(ws.getCell("A1").value).toBe(title);
      expect(statusFormulas(wb)).toEqual([]);
      expect(ownRules(wb)).toEqual([]);
    }
    expect(ws.getCell("A2").value ?? null).toBeNull();
    // The first chart starts on row 2, over nothing of the project's.
    expect(Math.min(...(await chartTops(file)))).toBe(1);
  };
  await check(again.out);
  await check((await scoreAgain(again.out)).out);
}, 120_000);

test("a row inserted at the top of the charts sheet and a text typed over the line where it moved (A2): the text stays, the rule goes from it, and the line is written again in A1, once", async () => {
  const NOTE = "Ghi chú của tôi";
  const inserted = await edit(await scoredDemo(), (wb) => {
    insertTopRow(wb);
    wb.getWorksheet(CHARTS)!.getCell("A2").value = NOTE;
  });
  expect(ownRules(await open(inserted))).toEqual(["A2"]);
  const again = await scoreAgain(inserted);
  for (const file of [again.out, (await scoreAgain(again.out)).out]) {
    const wb = await open(file);
    expect(wb.getWorksheet(CHARTS)!.getCell("A2").value).toBe(NOTE);
    expect(statusFormulas(wb)).toEqual(["A1"]);
    expect(ownRules(wb)).toEqual(["A1"]);
  }
}, 120_000);
