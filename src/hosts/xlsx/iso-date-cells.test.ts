/**
 * Cells a file stores as ISO dates (`<c t="d"><v>2024-03-04T00:00:00</v></c>`, as openpyxl with
 * iso_dates and SheetJS with cellDates write them), which ExcelJS reads as the number their text
 * starts with (2024): read as the dates they hold, so that a date in a figure cell is said to be
 * one, with its day (never a count of 2024 scored in silence, "2024%", or a day of 1905), and
 * written back as Excel's serial number for that day in the workbook's date system.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import { readSubmissions } from "../../core/read/read";
import { findBuiltin } from "../../indices";
import { XlsxHost } from "./host";
import { parseRels, sheetParts } from "./ooxml";
import { isoDate, loadXlsx, storedValuesIn } from "./read";
import { makeTemplate } from "./template";
import { rowOf } from "./test-workbooks";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;
const UNIT = { code: "STC", name: "Sở Tài chính" };

/** The sheet part of `sheet` in the package, and its XML. */
async function sheetXml(zip: JSZip, sheet: string): Promise<{ path: string; xml: string }> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  const path = sheetParts(workbook, rels, "xl/workbook.xml").get(sheet)!;
  return { path, xml: await zip.file(path)!.async("string") };
}

/**
 * UNIT's form, filled (`fill` on its sheet, `wb` its workbook), its cells `cells` (by indicator
 * code, in the Số liệu column, or by address on another sheet) then written as `element(s)`, s the
 * cell's own style attribute: as another program writes them.
 */
async function form(
  cells: Record<string, (r: string, s: string) => string>,
  fill?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
): Promise<{ data: Uint8Array; sheet: string; at: Record<string, string> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await makeTemplate(model, [UNIT], { lang: "vi" })) as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => w.name.includes(UNIT.name))!;
  fill?.(ws, wb);
  const at: Record<string, string> = {};
  for (const key of Object.keys(cells)) {
    at[key] = /^[A-Z]+\d+$/.test(key) ? key : ws.getCell(rowOf(ws, key), 4).address;
    if (/^[A-Z]+\d+$/.test(key)) continue;
    // A cell the writer gives a value of its own (and a style): replaced below.
    ws.getCell(at[key]!).value = 1;
  }
  const zip = await JSZip.loadAsync(new Uint8Array(await wb.xlsx.writeBuffer()));
  const sheets = new Map<string, { path: string; xml: string }>();
  for (const [key, element] of Object.entries(cells)) {
    const onForm = !/^[A-Z]+\d+$/.test(key);
    const name = onForm ? ws.name : "Ngày";
    const part = sheets.get(name) ?? (await sheetXml(zip, name));
    const address = at[key]!;
    const cell = new RegExp(`<c r="${address}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
    const found = cell.exec(part.xml);
    expect(found).not.toBeNull();
    const style = / s="\d+"/.exec(found![1]!)?.[0] ?? "";
    part.xml = part.xml.replace(cell, element(address, style));
    sheets.set(name, part);
  }
  for (const part of sheets.values()) zip.file(part.path, part.xml);
  return { data: await zip.generateAsync({ type: "uint8array" }), sheet: ws.name, at };
}

async function read(data: Uint8Array) {
  return readSubmissions(model, await (await XlsxHost.fromBuffer(data, "so-lieu.xlsx")).read());
}

describe("a cell stored as an ISO date (t=\"d\")", () => {
  test("in a figure cell of a count is said to hold that date, never read as the count 2024", async () => {
    const { data, sheet, at } = await form({ "1.3.a": (r, s) => `<c r="${r}"${s} t="d"><v>2024-02-01</v></c>` });
    const { submissions, issues } = await read(data);
    expect(submissions.find((s) => s.code === UNIT.code)!.values["1.3.a"]).toBeUndefined();
    const found = issues.filter((i) => i.sheet === sheet && i.cell === at["1.3.a"]);
    expect(found.map((i) => i.severity)).toEqual(["error"]);
    expect(found[0]!.message.vi).toContain("01/02/2024");
  });

  test("in a percent cell and as a formula's result is said to hold its date, not 2024%", async () => {
    const { data, sheet, at } = await form({
      "3.2": (r, s) => `<c r="${r}"${s} t="d"><v>2024-03-04T00:00:00</v></c>`,
      "3.1.a": (r, s) => `<c r="${r}"${s} t="d"><f>DATE(2024,5,6)</f><v>2024-05-06T00:00:00.000Z</v></c>`,
    });
    const { issues } = await read(data);
    const said = (cell: string) => issues.filter((i) => i.sheet === sheet && i.cell === cell).map((i) => i.message.vi).join(" | ");
    expect(said(at["3.2"]!)).toContain("04/03/2024");
    expect(said(at["3.2"]!)).not.toContain("2024%");
    expect(said(at["3.1.a"]!)).toContain("06/05/2024");
  });

  test("is written back as Excel's serial number for that day, in the workbook's date system", async () => {
    const cells = {
      A1: (r: string) => `<c r="${r}" t="d"><v>2024-03-04T00:00:00</v></c>`,
      A2: (r: string) => `<c r="${r}" t="d"><v>1900-01-05</v></c>`,
      A3: (r: string) => `<c r="${r}" t="d"><v>2024-03-04T12:00:00</v></c>`,
    };
    const withDates = (wb: ExcelJS.Workbook, date1904: boolean) => {
      const ws = wb.addWorksheet("Ngày");
      for (const a of ["A1", "A2", "A3"]) {
        ws.getCell(a).value = 0;
        ws.getCell(a).numFmt = "dd/mm/yyyy";
      }
      if (date1904) (wb.properties as { date1904?: boolean }).date1904 = true;
    };
    for (const [date1904, serials] of [
      [false, ["45355", "5", "45355.5"]],
      [true, ["43893", undefined, "43893.5"]],
    ] as const) {
      const { data } = await form(cells, (_, wb) => withDates(wb, date1904));
      const wb = await loadXlsx(data);
      const ws = wb.getWorksheet("Ngày")!;
      expect(ws.getCell("A1").value).toEqual(new Date(Date.UTC(2024, 2, 4)));
      const again = await JSZip.loadAsync(new Uint8Array(await wb.xlsx.writeBuffer()));
      const { xml } = await sheetXml(again, "Ngày");
      const value = (a: string) => new RegExp(`<c r="${a}"[^>]*>(?:<f>[^<]*</f>)?<v>([^<]*)</v>`).exec(xml)?.[1];
      expect(xml).not.toContain('t="d"');
      expect(value("A1")).toBe(serials[0]);
      if (serials[1] !== undefined) expect(value("A2")).toBe(serials[1]);
      expect(Number(value("A3"))).toBeCloseTo(Number(serials[2]), 6);
    }
  });

  test("reads the ISO forms the format allows, and nothing else as a date", () => {
    expect(isoDate("2024-03-04")).toEqual(new Date(Date.UTC(2024, 2, 4)));
    expect(isoDate("2024-03-04T08:30:15.250")).toEqual(new Date(Date.UTC(2024, 2, 4, 8, 30, 15, 250)));
    expect(isoDate(" 2024-03-04T08:30Z ")).toEqual(new Date(Date.UTC(2024, 2, 4, 8, 30)));
    expect(isoDate("2024-03-04T08:30:00+07:00")).toEqual(new Date(Date.UTC(2024, 2, 4, 8, 30)));
    for (const text of ["2024", "2024-02-30", "04/03/2024", "T10:00:00", "2024-13-01", ""]) expect(isoDate(text)).toBeUndefined();
    expect(storedValuesIn('<sheetData><row r="1"><c r="A1" t="d"><v>2024-03-04</v></c><c r="B1" t="d"><v>x</v></c></row></sheetData>')).toEqual(
      new Map([["A1", { date: new Date(Date.UTC(2024, 2, 4)) }]]),
    );
  });
});
