/**
 * The manual page breaks a user put on their sheets (Page Layout › Breaks › Insert Page Break:
 * <rowBreaks> and <colBreaks> in the sheet's XML), which ExcelJS does not read: the xlsx host keeps
 * each where it was on every sheet the project does not own (a sheet of the user's, a unit's form
 * it writes points on), scored once or twice, never doubled; the project's own sheets (results,
 * charts) have their plan's breaks alone. Collect copies a unit's form with its breaks, and keeps
 * those of the workbook it collects into. Real files: written, scored (or collected), read back
 * from the package.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import { runScoring } from "../../core/pipeline";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { findBuiltin } from "../../indices";
import { collectFiles } from "./collect";
import { XlsxHost } from "./host";
import { type PageBreak, pageBreaksIn, parseRels, sheetParts, topLevelChildren, withPageBreaks } from "./ooxml";
import { makeTemplate } from "./template";
import { addDemoForms, open, rowOf } from "./test-workbooks";

jest.setTimeout(120_000);

/** The children of a worksheet in the order CT_Worksheet has them. */
const WORKSHEET_ORDER = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection", "protectedRanges",
  "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
  "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
  "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF",
  "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
];

/** Whether the sheet's children come in the schema's order, each kind once at most where the schema says so. */
function inSchemaOrder(sheetXml: string): boolean {
  const at = topLevelChildren(sheetXml).children.map((c) => WORKSHEET_ORDER.indexOf(c.name));
  return at.every((i, k) => i >= 0 && (k === 0 || i >= at[k - 1]!));
}

/** Each sheet's part, by sheet name. */
async function partsOf(file: Uint8Array): Promise<{ zip: JSZip; parts: Map<string, string> }> {
  const zip = await JSZip.loadAsync(file);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  return { zip, parts: sheetParts(workbook, rels, "xl/workbook.xml") };
}

async function sheetXml(file: Uint8Array, sheet: string): Promise<string> {
  const { zip, parts } = await partsOf(file);
  return zip.file(parts.get(sheet)!)!.async("string");
}

/** The sheet's breaks as the file has them: the `id`s after rows and before columns, and the elements themselves. */
async function breaksOf(file: Uint8Array, sheet: string): Promise<{ rows: number[]; columns: number[]; xml: string }> {
  const xml = await sheetXml(file, sheet);
  return { rows: pageBreaksIn(xml, "rowBreaks").map((b) => b.id), columns: pageBreaksIn(xml, "colBreaks").map((b) => b.id), xml };
}

/**
 * `file` with page breaks written into the XML of `sheet`, as Excel (or LibreOffice) saves them:
 * `rows` and `columns` are the raw <rowBreaks> and <colBreaks> elements, put after the page setup,
 * before the drawing and what follows it.
 */
async function withBreaks(file: Uint8Array, sheet: string, rows: string, columns: string): Promise<Uint8Array> {
  const { zip, parts } = await partsOf(file);
  const path = parts.get(sheet)!;
  const xml = await zip.file(path)!.async("string");
  const { children, closeStart } = topLevelChildren(xml);
  const at = children.find((c) => WORKSHEET_ORDER.indexOf(c.name) > WORKSHEET_ORDER.indexOf("colBreaks"))?.start ?? closeStart;
  zip.file(path, xml.slice(0, at) + rows + columns + xml.slice(at));
  return zip.generateAsync({ type: "uint8array" });
}

/** Excel's break after row 30 (before row 31) and before column K, each across the whole sheet. */
const EXCEL_ROWS = '<rowBreaks count="1" manualBreakCount="1"><brk id="30" max="16383" man="1"/></rowBreaks>';
const EXCEL_COLUMNS = '<colBreaks count="1" manualBreakCount="1"><brk id="10" max="1048575" man="1"/></colBreaks>';
/** LibreOffice's breaks after row 8 and row 12, and before column E: its booleans written as words, its `min`. */
const LIBREOFFICE_ROWS = '<rowBreaks count="2" manualBreakCount="2"><brk id="8" man="true" max="16383" min="0"/><brk id="12" man="true" max="16383" min="0"/></rowBreaks>';
const LIBREOFFICE_COLUMNS = '<colBreaks count="1" manualBreakCount="1"><brk id="4" man="true" max="1048575" min="0"/></colBreaks>';

/**
 * The demo's units' forms (SO-01 with LibreOffice's breaks), and a sheet of the user's notes,
 * `Ghi chép`, sixty rows by twenty columns with a note on a cell (its legacy drawing follows the
 * breaks) and Excel's breaks.
 */
async function workbookWithBreaks(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  addDemoForms(wb);
  const notes = wb.addWorksheet("Ghi chép");
  for (let r = 1; r <= 60; r++) for (let c = 1; c <= 20; c++) notes.getCell(r, c).value = `r${r}c${c}`;
  notes.getCell("B2").note = "Kiểm tra lại trước khi in";
  notes.headerFooter = { oddFooter: "&P / &N" };
  const plain = new Uint8Array(await wb.xlsx.writeBuffer());
  return withBreaks(await withBreaks(plain, "Ghi chép", EXCEL_ROWS, EXCEL_COLUMNS), "SO-01", LIBREOFFICE_ROWS, LIBREOFFICE_COLUMNS);
}

async function score(file: Uint8Array): Promise<Uint8Array> {
  const host = await XlsxHost.fromBuffer(file, "phieu.xlsx");
  await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return host.toBuffer();
}

describe("pageBreaksIn and withPageBreaks", () => {
  const sheet = (children: string) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${children}</worksheet>`;

  test("read Excel's and LibreOffice's breaks alike, and not a <rowBreaks> nested elsewhere", () => {
    expect(pageBreaksIn(sheet(`<sheetData/>${LIBREOFFICE_ROWS}${EXCEL_COLUMNS}`), "rowBreaks")).toEqual<PageBreak[]>([
      { id: 8, min: 0, max: 16383, man: true },
      { id: 12, min: 0, max: 16383, man: true },
    ]);
    expect(pageBreaksIn(sheet(`<sheetData/>${LIBREOFFICE_ROWS}${EXCEL_COLUMNS}`), "colBreaks")).toEqual<PageBreak[]>([{ id: 10, max: 1048575, man: true }]);
    expect(pageBreaksIn(sheet(`<sheetData/><extLst><ext uri="{X}">${EXCEL_ROWS}</ext></extLst>`), "rowBreaks")).toEqual([]);
  });

  test("write the row breaks after the header and footer, before the column breaks, the drawings, the tables and the extLst; one per row, counted", () => {
    const xml = withPageBreaks(
      sheet('<sheetData/><pageMargins left="0.4"/><headerFooter/><colBreaks count="1" manualBreakCount="1"><brk id="4" max="1048575" man="1"/></colBreaks><drawing r:id="rId1"/><legacyDrawing r:id="rId2"/><tableParts count="0"/><extLst/>'),
      "rowBreaks",
      [{ id: 30, max: 16383, man: true }, { id: 12, min: 0, max: 16383, man: true }, { id: 30, max: 5, man: false }, { id: 0, man: true }],
    );
    expect(inSchemaOrder(xml)).toBe(true);
    expect(topLevelChildren(xml).children.map((c) => c.name)).toEqual(["sheetData", "pageMargins", "headerFooter", "rowBreaks", "colBreaks", "drawing", "legacyDrawing", "tableParts", "extLst"]);
    expect(xml).toContain('<rowBreaks count="2" manualBreakCount="2"><brk id="12" min="0" max="16383" man="1"/><brk id="30" max="16383" man="1"/></rowBreaks>');
    expect(withPageBreaks(xml, "rowBreaks", [])).not.toContain("rowBreaks");
    expect(withPageBreaks(xml, "rowBreaks", [])).toContain("<colBreaks");
  });
});

describe("a user's page breaks, scored by the xlsx host", () => {
  test("stay where they were on a sheet of theirs and on a unit's form, scored once and again, never doubled; every sheet in the schema's order", async () => {
    const file = await workbookWithBreaks();
    const first = await score(file);
    const second = await score(first);
    for (const out of [first, second]) {
      const notes = await breaksOf(out, "Ghi chép");
      expect([notes.rows, notes.columns]).toEqual([[30], [10]]);
      expect(notes.xml.match(/<rowBreaks\b/g)).toHaveLength(1);
      expect(notes.xml).toContain(EXCEL_ROWS);
      expect(notes.xml).toContain(EXCEL_COLUMNS);
      // The form the run wrote its points on: the unit's breaks as they were (LibreOffice's words made "1").
      const form = await breaksOf(out, "SO-01");
      expect([form.rows, form.columns]).toEqual([[8, 12], [4]]);
      expect(form.xml).toContain('<rowBreaks count="2" manualBreakCount="2"><brk id="8" min="0" max="16383" man="1"/><brk id="12" min="0" max="16383" man="1"/></rowBreaks>');
      // The other forms had none and get none.
      expect(await breaksOf(out, "SO-02")).toMatchObject({ rows: [], columns: [] });
      const { zip, parts } = await partsOf(out);
      for (const [name, path] of parts) expect([name, inSchemaOrder(await zip.file(path)!.async("string"))]).toEqual([name, true]);
    }
    // The run wrote the unit's points on the form (column G, Điểm): the breaks were kept on a sheet it wrote on.
    const ws = (await open(second)).getWorksheet("SO-01")!;
    expect(ws.getCell(rowOf(ws, "1.1"), 7).value).not.toBeNull();
  });

  test("the project's own sheets have their plan's breaks alone: one the user added to the results or the charts goes, those of the run stay as many", async () => {
    const first = await score(await workbookWithBreaks());
    const planned = { results: await breaksOf(first, "Kết quả"), charts: await breaksOf(first, "Biểu đồ") };
    // The charts sheet breaks between charts (after rows 33, 66, 99: the first starts under the status line); the results sheet, fitted to a page wide, has none.
    expect([planned.charts.rows, planned.charts.columns]).toEqual([[33, 66, 99], []]);
    expect([planned.results.rows, planned.results.columns]).toEqual([[], []]);
    const { zip, parts } = await partsOf(first);
    for (const [sheet, had] of [["Kết quả", planned.results], ["Biểu đồ", planned.charts]] as const) {
      const added = withPageBreaks(withPageBreaks(had.xml, "rowBreaks", [{ id: 2, max: 16383, man: true }, ...pageBreaksIn(had.xml, "rowBreaks")]), "colBreaks", [{ id: 1, max: 1048575, man: true }]);
      zip.file(parts.get(sheet)!, added);
    }
    const edited = await zip.generateAsync({ type: "uint8array" });
    expect(await breaksOf(edited, "Biểu đồ")).toMatchObject({ rows: [2, 33, 66, 99], columns: [1] });
    const again = await score(edited);
    expect(await breaksOf(again, "Kết quả")).toMatchObject({ rows: [], columns: [] });
    expect(await breaksOf(again, "Biểu đồ")).toMatchObject({ rows: [33, 66, 99], columns: [] });
    // The user's sheet is not the project's: its breaks stay.
    expect(await breaksOf(again, "Ghi chép")).toMatchObject({ rows: [30], columns: [10] });
  });
});

describe("a user's page breaks, collected", () => {
  const parsed = parseDefinition(findBuiltin("dti-so-nganh-mau")!.definition);
  if (!parsed.ok) throw new Error("the department sample does not parse");
  const model = parsed.model;

  /** A unit's form from the template, filled in, with Excel's breaks after row 30 and before column K. */
  async function form(code: string, name: string, breaks: boolean): Promise<Uint8Array> {
    const wb = await open(await makeTemplate(model, [{ code, name, category: "co-dvc" }], { lang: "vi" }));
    const ws = wb.getWorksheet(name)!;
    ws.getCell(rowOf(ws, "3.2"), 4).value = 0.8;
    const file = new Uint8Array(await wb.xlsx.writeBuffer());
    return breaks ? withBreaks(file, name, EXCEL_ROWS, EXCEL_COLUMNS) : file;
  }

  test("a unit's form comes with its breaks, on the rows and columns they were on; one without breaks gets none", async () => {
    const { data, report } = await collectFiles([
      { name: "syt.xlsx", data: await form("SYT", "Sở Y tế", true) },
      { name: "snv.xlsx", data: await form("SNV", "Sở Nội vụ", false) },
    ]);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Y tế", "Sở Nội vụ"]);
    const copied = await breaksOf(data, "Sở Y tế");
    expect([copied.rows, copied.columns]).toEqual([[30], [10]]);
    expect(copied.xml).toContain(EXCEL_ROWS);
    expect(copied.xml).toContain(EXCEL_COLUMNS);
    expect(inSchemaOrder(copied.xml)).toBe(true);
    expect(await breaksOf(data, "Sở Nội vụ")).toMatchObject({ rows: [], columns: [] });
  });

  test("collected into a workbook, its sheets keep their breaks, and a form taking a blank one's place has its own", async () => {
    // The workbook collected into: the unit's blank form (with breaks of its own) and a sheet of the user's with breaks.
    const wb = await open(await makeTemplate(model, [{ code: "SYT", name: "Sở Y tế", category: "co-dvc" }], { lang: "vi" }));
    const notes = wb.addWorksheet("Ghi chép");
    for (let r = 1; r <= 40; r++) notes.getCell(r, 1).value = `dòng ${r}`;
    const plain = new Uint8Array(await wb.xlsx.writeBuffer());
    const base = await withBreaks(
      await withBreaks(plain, "Ghi chép", EXCEL_ROWS, EXCEL_COLUMNS),
      "Sở Y tế",
      '<rowBreaks count="1" manualBreakCount="1"><brk id="5" max="16383" man="1"/></rowBreaks>',
      "",
    );
    const { data, report } = await collectFiles([{ name: "syt.xlsx", data: await form("SYT", "Sở Y tế", false) }, { name: "snv.xlsx", data: await form("SNV", "Sở Nội vụ", true) }], base);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Y tế", "Sở Nội vụ"]);
    expect(await breaksOf(data, "Ghi chép")).toMatchObject({ rows: [30], columns: [10] });
    // The filled form came without breaks: the blank one's went with it.
    expect(await breaksOf(data, "Sở Y tế")).toMatchObject({ rows: [], columns: [] });
    expect(await breaksOf(data, "Sở Nội vụ")).toMatchObject({ rows: [30], columns: [10] });
    // Collected again into what was collected: still one of each.
    const again = await collectFiles([{ name: "snv.xlsx", data: await form("SNV", "Sở Nội vụ", true) }], data);
    expect(await breaksOf(again.data, "Ghi chép")).toMatchObject({ rows: [30], columns: [10] });
    expect(await breaksOf(again.data, "Sở Nội vụ")).toMatchObject({ rows: [30], columns: [10] });
  });
});
