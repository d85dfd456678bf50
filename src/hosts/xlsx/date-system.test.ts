/**
 * A workbook of the 1904 date system (an old Mac workbook: `<workbookPr date1904="1"/>`): its
 * snapshot says so (WorkbookSnapshot.date1904), as ExcelJS made its date cells' text in that
 * system, so that the reader says what number such a cell holds in it too: 0,5 typed into a cell
 * formatted `h:mm` is "the number 0,5 shows as 12:00", as in a workbook of the 1900 system, never
 * "a cell holding the date 01/01/1904 12:00". A number too large for any date in a date-formatted
 * cell is read as the number the file holds, in either system.
 */
import ExcelJS from "exceljs";
import { parseDefinition } from "../../core/definition";
import { readSubmissions } from "../../core/read/read";
import type { WorkbookSnapshot } from "../../core/types";
import { findBuiltin } from "../../indices";
import { XlsxHost } from "./host";
import { makeTemplate } from "./template";
import { rowOf } from "./test-workbooks";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;
const UNIT = { code: "STC", name: "Sở Tài chính" };

/**
 * UNIT's form, in a workbook of the 1904 date system or not, with 0,5 typed into 1.4's figure cell
 * formatted `h:mm` and, on a sheet of the user's, 12345678 formatted as a date; read as the
 * command line reads a file. The snapshot, the form's sheet and the figure's cell.
 */
async function read(date1904: boolean): Promise<{ snapshot: WorkbookSnapshot; sheet: string; cell: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await makeTemplate(model, [UNIT], { lang: "vi" })) as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => w.name.includes(UNIT.name))!;
  const cell = ws.getCell(rowOf(ws, "1.4"), 4);
  cell.value = 0.5;
  cell.numFmt = "h:mm";
  const contacts = wb.addWorksheet("Danh bạ");
  contacts.getCell("A1").value = 12345678;
  contacts.getCell("A1").numFmt = "dd/mm/yyyy";
  if (date1904) wb.properties.date1904 = true;
  const data = new Uint8Array(await wb.xlsx.writeBuffer());
  const snapshot = await (await XlsxHost.fromBuffer(data, "so-lieu.xlsx")).read();
  return { snapshot, sheet: ws.name, cell: cell.address };
}

describe("the workbook's date system", () => {
  test("a 1904 workbook's snapshot says it counts its dates from 1904; a 1900 one's does not", async () => {
    expect((await read(true)).snapshot.date1904).toBe(true);
    expect((await read(false)).snapshot).not.toHaveProperty("date1904");
  });

  test("0,5 in an h:mm cell of a 1904 workbook is said as the number 0,5 shown as 12:00, as in a 1900 one", async () => {
    const said: Record<string, { vi: string; en: string }> = {};
    for (const date1904 of [true, false]) {
      const { snapshot, sheet, cell } = await read(date1904);
      // As the reader is told the workbook's date system by its snapshot.
      const { issues } = readSubmissions(model, snapshot, snapshot.date1904 === true ? { date1904: true } : {});
      const found = issues.filter((i) => i.sheet === sheet && i.cell === cell);
      expect(found.map((i) => i.code)).toEqual(["not-a-number"]);
      said[String(date1904)] = found[0]!.message;
    }
    // Said as the time it shows, the cell formatted as a time (not a date).
    expect(said.true!.vi).toContain("ô được định dạng giờ nên số 0,5 hiện thành 12:00 và không được đọc là số");
    expect(said.true!.en).toContain("the cell is formatted as a time, so the number 0.5 shows as 12:00 and is not read as a figure");
    expect(said.true!.vi).not.toContain("01/01/1904");
    expect(said.true).toEqual(said.false);
  });

  test("a number too large for a date, formatted as one, is read as that number in a 1904 workbook too", async () => {
    for (const date1904 of [true, false]) {
      const { snapshot } = await read(date1904);
      expect(snapshot.sheets.find((s) => s.name === "Danh bạ")!.values[0]).toEqual([12345678]);
    }
  });
});
