/**
 * Values a file stores that ExcelJS reads otherwise, read as the file holds them (prepareXlsx,
 * restoreStoredValues): a formula whose result is empty text, as Excel and LibreOffice write it
 * (`<c t="str"><f>…</f><v></v></c>`), is a blank cell, not a formula whose result the file does
 * not store (`<c><f>…</f></c>`, written by a program that does not calculate); a number too large
 * for a date in a cell formatted as a date is that number, never a crash.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import { readSubmissions } from "../../core/read/read";
import { findBuiltin } from "../../indices";
import { parseRels, sheetParts } from "./ooxml";
import { XlsxHost } from "./host";
import { loadXlsx, snapshotSheet, snapshotValue, snapshotWorkbook } from "./read";
import { makeTemplate } from "./template";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;
const UNIT = { code: "STC", name: "Sở Tài chính" };

/** The template's form of UNIT, with `fill` given its sheet and where each column and code's row are. */
async function form(fill: (ws: ExcelJS.Worksheet, at: (code: string, column: string) => string) => void): Promise<{ data: Uint8Array; sheet: string }> {
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
  fill(ws, (code, column) => ws.getCell(rows.get(code)!, columns.get(column)!).address);
  return { data: new Uint8Array(await wb.xlsx.writeBuffer()), sheet: ws.name };
}

/** The file with each cell of `sheet` given written as `element(s)` (s: the cell's own style attribute, kept). */
async function withCellXml(data: Uint8Array, sheet: string, cells: Record<string, (style: string) => string>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(data);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  const path = sheetParts(workbook, rels, "xl/workbook.xml").get(sheet)!;
  let xml = await zip.file(path)!.async("string");
  for (const [address, element] of Object.entries(cells)) {
    const cell = new RegExp(`<c r="${address}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
    const found = cell.exec(xml);
    expect(found).not.toBeNull();
    const style = / s="\d+"/.exec(found![1]!)?.[0] ?? "";
    xml = xml.replace(cell, element(style));
  }
  zip.file(path, xml);
  return zip.generateAsync({ type: "uint8array" });
}

async function read(data: Uint8Array) {
  // As the command line and the pane outside Excel read a file.
  return readSubmissions(model, await (await XlsxHost.fromBuffer(data, "so-lieu.xlsx")).read());
}

describe("a formula whose result is empty text", () => {
  test("is a blank cell: an empty appraised value leaves the unit's figure, an empty figure is missing, an empty self score is none", async () => {
    const cells: Record<string, string> = {};
    const { data, sheet } = await form((ws, at) => {
      for (const [key, code, column] of [
        ["figure", "1.3.a", "Số liệu"],
        ["appraised", "1.3.a", "Số liệu thẩm định"],
        ["emptyFigure", "1.3.b", "Số liệu"],
        ["self", "1.4", "Tự chấm"],
        ["meetings", "1.4", "Số liệu"],
      ] as const)
        cells[key] = at(code, column);
      ws.getCell(cells.figure!).value = 30;
      ws.getCell(cells.meetings!).value = 3;
    });
    // As Excel and LibreOffice save them: the result's type (text) and its value, empty.
    const file = await withCellXml(data, sheet, {
      [cells.appraised!]: (s) => `<c r="${cells.appraised}"${s} t="str"><f>IF(${cells.figure}&gt;100,${cells.figure},"")</f><v></v></c>`,
      [cells.emptyFigure!]: (s) => `<c r="${cells.emptyFigure}"${s} t="str"><f>IF(${cells.figure}&gt;100,35,"")</f><v/></c>`,
      [cells.self!]: (s) => `<c r="${cells.self}"${s} t="str"><f>IF(${cells.meetings}&gt;3,15,"")</f><v></v></c>`,
    });
    const { submissions, issues } = await read(file);
    const unit = submissions.find((s) => s.code === UNIT.code)!;
    expect(unit.values["1.3.a"]).toBe(30);
    expect(unit.source?.cells?.["1.3.a"]).toBe(cells.figure);
    expect(unit.values["1.3.b"]).toBeUndefined();
    expect(unit.selfScores?.["1.4"]).toBeUndefined();
    const at = (cell: string) => issues.filter((i) => i.sheet === sheet && i.cell === cell).map((i) => i.code);
    expect(at(cells.appraised!)).toEqual([]);
    expect(at(cells.self!)).toEqual([]);
    expect(at(cells.emptyFigure!)).toEqual(["missing-input"]);
    expect(issues.filter((i) => i.code === "excel-error")).toEqual([]);
  });

  test("a formula whose file stores no result at all (no type, no value) is still said to be one", async () => {
    let figure = "";
    const { data, sheet } = await form((_, at) => (figure = at("1.3.a", "Số liệu")));
    const file = await withCellXml(data, sheet, { [figure]: (s) => `<c r="${figure}"${s}><f>20+10</f></c>` });
    const { submissions, issues } = await read(file);
    expect(submissions.find((s) => s.code === UNIT.code)!.values["1.3.a"]).toBeUndefined();
    const found = issues.filter((i) => i.sheet === sheet && i.cell === figure);
    expect(found.map((i) => [i.code, i.severity])).toEqual([["excel-error", "error"]]);
    expect(found[0]!.message.vi).toContain("ô chứa công thức =20+10 nhưng tệp không lưu kết quả của nó");
    expect(found[0]!.message.en).toContain("=20+10");
  });

  test("is written back as empty text, and read again as a blank cell", async () => {
    let appraised = "";
    const { data, sheet } = await form((_, at) => (appraised = at("1.3.a", "Số liệu thẩm định")));
    const file = await withCellXml(data, sheet, { [appraised]: (s) => `<c r="${appraised}"${s} t="str"><f>""&amp;""</f><v></v></c>` });
    const again = new Uint8Array(await (await loadXlsx(file)).xlsx.writeBuffer());
    const wb = await loadXlsx(again);
    const cell = wb.getWorksheet(sheet)!.getCell(appraised);
    expect(cell.formula).toBe('""&""');
    expect(cell.result).toBe("");
    expect((await read(again)).issues.filter((i) => i.cell === appraised)).toEqual([]);
  });
});

describe("a cell formatted as a date that no date can hold", () => {
  /** The form, with a sheet of the user's: a phone number, an error, a text and a large result, all formatted as dates, and a true date. */
  async function withContacts(): Promise<Uint8Array> {
    const { data } = await form(() => undefined);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.addWorksheet("Danh bạ");
    ws.getCell("A1").value = "Điện thoại";
    ws.getCell("B1").value = 912345678901;
    ws.getCell("B2").value = { formula: 'DATE(2024,13,"x")', result: { error: "#VALUE!" } };
    ws.getCell("B3").value = { formula: 'IF(A1="","","chưa có")', result: "chưa có" };
    ws.getCell("B4").value = { formula: "B1*10", result: 9123456789010 };
    ws.getCell("B5").value = new Date(Date.UTC(2024, 4, 3));
    // Past Excel's last date (9999-12-31, 2958465) but a date ExcelJS can make: Excel shows #####.
    ws.getCell("B6").value = 12345678;
    ws.getCell("B7").value = { formula: "B6+1", result: 12345679 };
    for (let r = 1; r <= 7; r++) ws.getCell(`B${r}`).numFmt = "dd/mm/yyyy";
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  test("is read as its number (a formula's result as the file stores it), the forms read, nothing thrown", async () => {
    const wb = await loadXlsx(await withContacts());
    expect(snapshotSheet(wb.getWorksheet("Danh bạ")!).values).toEqual([
      ["Điện thoại", 912345678901],
      [null, { error: "#VALUE!" }],
      [null, "chưa có"],
      [null, 9123456789010],
      [null, "2024-05-03"],
      [null, 12345678],
      [null, 12345679],
    ]);
    const { submissions } = readSubmissions(model, snapshotWorkbook(wb, "so-lieu.xlsx"));
    expect(submissions.map((s) => s.code)).toEqual([UNIT.code]);
  });

  test("is written back as the number it was, not NaN", async () => {
    const again = new Uint8Array(await (await loadXlsx(await withContacts())).xlsx.writeBuffer());
    const zip = await JSZip.loadAsync(again);
    const xml = await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")));
    const contacts = xml.find((x) => x.includes("912345678901"))!;
    expect(contacts).not.toContain("NaN");
    expect(contacts).toMatch(/<c r="B4"[^>]*><f>B1\*10<\/f><v>9123456789010<\/v><\/c>/);
    expect(snapshotSheet((await loadXlsx(again)).getWorksheet("Danh bạ")!).values[0]).toEqual(["Điện thoại", 912345678901]);
  });

  test("an ExcelJS date that is no date reads as nothing rather than throwing", () => {
    expect(snapshotValue(new Date(Number.NaN))).toBeNull();
    expect(snapshotValue({ formula: "A1", result: new Date(Number.NaN) })).toBeNull();
  });
});
