/**
 * The hidden list (column AN of a form) a number check looks its not-applicable answers up in: on an
 * English form it holds the English words the form's drop-downs offer ("N/A" first) and the other
 * English ones the reader takes, no Vietnamese; each of them, typed in the figure's cell, is read as
 * not applicable. The Vietnamese form's list keeps both languages' spellings.
 */
import ExcelJS from "exceljs";
import { parseDefinition } from "../../core/definition";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { FORM_LIST_COLUMN, makeTemplate } from "./template";

const definition = {
  format: "index-definition/1",
  id: "na-list",
  version: "1",
  name: { vi: "Danh sách", en: "Lists" },
  root: {
    code: "R",
    name: "R",
    children: [
      { code: "1", name: { vi: "Kế hoạch", en: "Plan" }, max: 10, rule: { kind: "boolean" }, allowNA: true },
      { code: "2", name: { vi: "Tỷ lệ", en: "Share" }, max: 10, inputs: [{ code: "2", type: "percent" }], rule: { kind: "fraction" }, allowNA: true },
    ],
  },
};
const parsed = parseDefinition(definition);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const model = parsed.model;

function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getCell(r, 1).value ?? "") === code) return r;
  throw new Error(`no row ${code}`);
}

async function load(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

/** What the hidden list column of a form holds, top down, and whether the column is hidden. */
function listColumn(ws: ExcelJS.Worksheet): { words: string[]; hidden: boolean } {
  const words: string[] = [];
  ws.getColumn(FORM_LIST_COLUMN).eachCell((cell) => {
    if (cell.value !== null && cell.value !== undefined) words.push(String(cell.value));
  });
  return { words, hidden: ws.getColumn(FORM_LIST_COLUMN).hidden };
}

describe("the not-applicable list of a form's number check", () => {
  test("on an English form: the drop-down's N/A first, then the other English answers; no Vietnamese", async () => {
    const ws = (await load(await makeTemplate(model, [{ code: "U", name: "Unit" }], { lang: "en" }))).getWorksheet("Unit")!;
    expect(listColumn(ws)).toEqual({ words: ["N/A", "NA", "NOT APPLICABLE"], hidden: true });
    // The yes/no drop-down offers the same N/A, and the percentage's check looks the answer up in that column.
    expect(ws.getCell(rowOf(ws, "1"), 4).dataValidation?.formulae).toEqual(['"Yes,No,N/A"']);
    expect(String(ws.getCell(rowOf(ws, "2"), 4).dataValidation?.formulae?.[0])).toContain("$AN$9:$AN$11");
    const vi = (await load(await makeTemplate(model, [{ code: "U", name: "Đơn vị" }], { lang: "vi" }))).getWorksheet("Đơn vị")!;
    expect(listColumn(vi).words).toEqual(["Không áp dụng", "N/A", "NA", "KAD", "KHONG AP DUNG", "NOT APPLICABLE"]);
  });

  test("each word of the English list, typed into an English form's figure, is read as not applicable", async () => {
    const words = ["N/A", "NA", "NOT APPLICABLE", "n/a", "Not applicable"];
    const units = words.map((_, i) => ({ code: `U${i}`, name: `Unit ${i}` }));
    const wb = await load(await makeTemplate(model, units, { lang: "en" }));
    words.forEach((word, i) => {
      const ws = wb.getWorksheet(`Unit ${i}`)!;
      ws.getCell(rowOf(ws, "2"), 4).value = word;
      ws.getCell(rowOf(ws, "1"), 4).value = "Yes";
    });
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "forms.xlsx");
    const result = await runScoring(host, { definition, lang: "en", projectVersion: "test", write: false });
    for (const unit of units) expect(result.submissions.find((s) => s.code === unit.code)!.notApplicable).toEqual(["2"]);
    expect(result.issues.filter((i) => i.severity !== "info")).toEqual([]);
  });
});
