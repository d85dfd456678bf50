/**
 * A formula whose result would be text, written by a program that does not calculate: the file
 * gives the cell the type of a text result but stores no result at all (`<c t="str"><f>"Có"</f></c>`,
 * no `<v>`). It is read as what it is, a formula whose result the file does not store, as a
 * formula of a number without one is (`<c><f>20+10</f></c>`): a choice or an evidence cell so
 * written is said to hold a formula the file keeps no result of, with the formula, never read as
 * an empty cell ("no value", "no evidence"). An empty text result as Excel and LibreOffice save
 * one (`<v></v>`, `<v/>`) stays a blank cell (stored-values.test.ts).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import { readSubmissions } from "../../core/read/read";
import type { Issue } from "../../core/types";
import { findBuiltin } from "../../indices";
import { XlsxHost } from "./host";
import { parseRels, sheetParts } from "./ooxml";
import { loadXlsx, storedValuesIn } from "./read";
import { makeTemplate } from "./template";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;
const UNIT = { code: "STC", name: "Sở Tài chính" };

/**
 * UNIT's form from the template, filled, with the cells `cells` (by key: an indicator's code and a
 * column of the table) then written as `element(r, s)` (r: the cell's address, s: its own style
 * attribute), as another program writes them. Where each key's cell is.
 */
async function form(
  cells: Record<string, { code: string; column: string; element: (r: string, s: string) => string }>,
): Promise<{ data: Uint8Array; sheet: string; at: Record<string, string> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await makeTemplate(model, [UNIT], { lang: "vi" })) as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => w.name.includes(UNIT.name))!;
  const columns = new Map<string, number>();
  const rows = new Map<string, number>();
  let header = 0;
  ws.eachRow((r, n) => {
    r.eachCell((c, col) => {
      if (header === 0 && c.value === "Số liệu") header = n;
      if (header === n && typeof c.value === "string") columns.set(c.value, col);
      if (header !== 0 && n > header && col === 1 && typeof c.value === "string") rows.set(c.value, n);
    });
  });
  // The figures of the indicators in question filled as a unit would, so that only the cells below are.
  ws.getCell(rows.get("1.1")!, columns.get("Số liệu")!).value = "Giám đốc/Thủ trưởng đơn vị";
  ws.getCell(rows.get("2.1")!, columns.get("Số liệu")!).value = "Có";
  ws.getCell(rows.get("1.2.a")!, columns.get("Số liệu")!).value = "Có";
  ws.getCell(rows.get("1.2.b")!, columns.get("Số liệu")!).value = "Không";
  ws.getCell(rows.get("1.3.a")!, columns.get("Số liệu")!).value = 3;
  ws.getCell(rows.get("1.3.b")!, columns.get("Số liệu")!).value = 4;
  const at: Record<string, string> = {};
  for (const [key, { code, column }] of Object.entries(cells)) {
    at[key] = ws.getCell(rows.get(code)!, columns.get(column)!).address;
    // A cell the writer gives a value of its own (and its style): replaced below.
    ws.getCell(at[key]!).value = 1;
  }
  const zip = await JSZip.loadAsync(new Uint8Array(await wb.xlsx.writeBuffer()));
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  const path = sheetParts(workbook, rels, "xl/workbook.xml").get(ws.name)!;
  let xml = await zip.file(path)!.async("string");
  for (const [key, { element }] of Object.entries(cells)) {
    const address = at[key]!;
    const cell = new RegExp(`<c r="${address}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
    const found = cell.exec(xml);
    expect(found).not.toBeNull();
    const style = / s="\d+"/.exec(found![1]!)?.[0] ?? "";
    xml = xml.replace(cell, element(address, style));
  }
  zip.file(path, xml);
  return { data: await zip.generateAsync({ type: "uint8array" }), sheet: ws.name, at };
}

async function read(data: Uint8Array) {
  // As the command line and the pane outside Excel read a file.
  return readSubmissions(model, await (await XlsxHost.fromBuffer(data, "so-lieu.xlsx")).read());
}

/** The findings on one cell. */
function on(issues: Issue[], sheet: string, cell: string): Issue[] {
  return issues.filter((i) => i.sheet === sheet && i.cell === cell);
}

const NO_RESULT_VI = "nhưng tệp không lưu kết quả của nó";

describe("a text formula whose file stores no result (t=\"str\", no <v>)", () => {
  const noResult = {
    choice: { code: "1.1", column: "Số liệu", element: (r: string, s: string) => `<c r="${r}"${s} t="str"><f>"Giám đốc/Thủ trưởng đơn vị"</f></c>` },
    evidence: { code: "1.1", column: "Minh chứng", element: (r: string, s: string) => `<c r="${r}"${s} t="str"><f>"QĐ số 16/QĐ-STC"</f></c>` },
    yesNo: { code: "2.1", column: "Số liệu", element: (r: string, s: string) => `<c r="${r}"${s} t="str"><f>IF(1&gt;0,"Có","Không")</f></c>` },
  };

  test("in a figure cell is said to be a formula with no stored result, with its formula, never a missing figure", async () => {
    const { data, sheet, at } = await form(noResult);
    const { submissions, issues } = await read(data);
    const unit = submissions.find((s) => s.code === UNIT.code)!;
    expect(unit.values["1.1"]).toBeUndefined();
    expect(unit.values["2.1"]).toBeUndefined();
    for (const [key, formula] of [
      ["choice", '="Giám đốc/Thủ trưởng đơn vị"'],
      ["yesNo", '=IF(1>0,"Có","Không")'],
    ] as const) {
      const found = on(issues, sheet, at[key]!);
      expect(found.map((i) => [i.code, i.severity])).toEqual([["excel-error", "error"]]);
      expect(found[0]!.message.vi).toContain(`ô chứa công thức ${formula} ${NO_RESULT_VI}`);
      expect(found[0]!.message.en).toContain(formula);
    }
    expect(issues.filter((i) => (i.node === "1.1" || i.node === "2.1") && i.code !== "excel-error")).toEqual([]);
  });

  test("in an evidence cell is said to be a formula with no stored result, not evidence left out", async () => {
    const { data, sheet, at } = await form({ evidence: noResult.evidence });
    const { issues } = await read(data);
    const found = on(issues, sheet, at.evidence!);
    expect(found.map((i) => i.code)).toEqual(["excel-error"]);
    expect(found[0]!.message.vi).toContain(`ô chứa công thức ="QĐ số 16/QĐ-STC" ${NO_RESULT_VI}`);
    expect(found[0]!.message.vi).toContain("minh chứng");
    // Not read as a blank evidence cell of 1.1 (whose evidence is required).
    expect(issues.filter((i) => i.node === "1.1" && i.code !== "excel-error")).toEqual([]);
  });

  test("its empty text result as Excel and LibreOffice save it (<v></v>, <v/>) is still a blank cell", async () => {
    const { data, sheet, at } = await form({
      choice: { ...noResult.choice, element: (r, s) => `<c r="${r}"${s} t="str"><f>IF(1&gt;2,"Giám đốc","")</f><v></v></c>` },
      evidence: { ...noResult.evidence, element: (r, s) => `<c r="${r}"${s} t="str"><f>IF(1&gt;2,"QĐ","")</f><v/></c>` },
    });
    const { issues } = await read(data);
    expect(issues.filter((i) => i.code === "excel-error")).toEqual([]);
    expect(on(issues, sheet, at.choice!).map((i) => i.code)).toEqual(["missing-input"]);
  });

  test("is written back still without a result, and read again as a formula with no stored result", async () => {
    const { data, sheet, at } = await form({ choice: noResult.choice });
    const again = new Uint8Array(await (await loadXlsx(data)).xlsx.writeBuffer());
    const cell = (await loadXlsx(again)).getWorksheet(sheet)!.getCell(at.choice!);
    expect(cell.formula).toBe('"Giám đốc/Thủ trưởng đơn vị"');
    expect(cell.result).toBeUndefined();
    expect(on((await read(again)).issues, sheet, at.choice!).map((i) => i.code)).toEqual(["excel-error"]);
  });

  test("is not recorded as an empty text result; an empty <v> of either form is", () => {
    const xml =
      '<sheetData><row r="1">' +
      '<c r="A1" t="str"><f>"Có"</f></c>' +
      '<c r="B1" t="str"><f>""</f><v></v></c>' +
      '<c r="C1" t="str"><f>""</f><v/></c>' +
      '<c r="D1" t="str"><f>"Có"</f><v>Có</v></c>' +
      "</row></sheetData>";
    expect(storedValuesIn(xml)).toEqual(
      new Map([
        ["B1", ""],
        ["C1", ""],
        ["D1", "Có"],
      ]),
    );
  });
});
