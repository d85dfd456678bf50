/**
 * Data validations Excel 2010 and later keep only in a sheet's x14 extension (a drop-down list
 * reading another sheet, as Excel saves it), which ExcelJS does not read: a unit's workbook with
 * one on its form is scored, and scored again, with the list kept as the unit made it, once, where
 * Excel orders it among the sheet's extensions; a list naming a sheet the run renames follows it;
 * on the results sheet, one outside the results stays, as the analyst's others do (user-formats.ts);
 * a validation of the workbook's own on the same cells is the cells'. Each test writes a real .xlsx file.
 */
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { parseDefinition } from "../../core/definition";
import { runScoring } from "../../core/pipeline";
import { findBuiltin } from "../../indices";
import { addSparklines, sparklineGroupXml } from "./carry-parts-workbooks";
import { writeWorkbook } from "./finish";
import { XlsxHost } from "./host";
import { parseRels, sheetParts } from "./ooxml";
import { loadXlsx } from "./read";
import { makeTemplate } from "./template";
import { open, rowOf, scoreAgain, scoredDemo } from "./test-workbooks";
import { withX14Validations, x14ValidationsIn } from "./x14-validations";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;

const FORM = "Sở Xây dựng";
const DV_URI = "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}";
const CF_URI = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}";
const SPARKLINE_URI = "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}";
const NS_X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const NS_XM = "http://schemas.microsoft.com/office/excel/2006/main";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** An x14 validation as Excel 2010+ saves one whose formula reads another sheet: in the extension alone. */
function x14Validation(sqref: string, type: string, formula1: string, formula2?: string, extra = ""): string {
  return (
    `<x14:dataValidation type="${type}" allowBlank="1" showInputMessage="1" showErrorMessage="1"${extra}>` +
    `<x14:formula1><xm:f>${esc(formula1)}</xm:f></x14:formula1>` +
    (formula2 === undefined ? "" : `<x14:formula2><xm:f>${esc(formula2)}</xm:f></x14:formula2>`) +
    `<xm:sqref>${sqref}</xm:sqref></x14:dataValidation>`
  );
}

async function partsOf(zip: JSZip): Promise<Map<string, string>> {
  return sheetParts(await zip.file("xl/workbook.xml")!.async("string"), parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")), "xl/workbook.xml");
}

/** The written XML of each worksheet, by sheet name. */
async function sheetXml(file: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const out = new Map<string, string>();
  for (const [name, path] of await partsOf(zip)) out.set(name, await zip.file(path)!.async("string"));
  return out;
}

/**
 * `file` with `validations` (x14Validation) in sheet `sheet`'s x14 data validations' extension as
 * Excel saves them: after those it has there, else in an extension of their own after the x14
 * conditional formats' extension when the sheet has one, else first in its extension list (made
 * when it has none).
 */
async function withRawValidations(file: Uint8Array, sheet: string, validations: string[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const path = (await partsOf(zip)).get(sheet)!;
  const xml = await zip.file(path)!.async("string");
  const ext = `<ext uri="${DV_URI}" xmlns:x14="${NS_X14}"><x14:dataValidations count="${validations.length}" xmlns:xm="${NS_XM}">${validations.join("")}</x14:dataValidations></ext>`;
  const cf = /<ext uri="\{78C0D931-6437-407d-A8EE-F0AAD7539E65\}"[\s\S]*?<\/x14:conditionalFormattings><\/ext>/.exec(xml);
  const had = /<x14:dataValidations count="(\d+)"([^>]*)>([\s\S]*?)<\/x14:dataValidations>/.exec(xml);
  const edited = had
    ? xml.replace(had[0], `<x14:dataValidations count="${Number(had[1]) + validations.length}"${had[2]}>${had[3]}${validations.join("")}</x14:dataValidations>`)
    : cf
    ? xml.slice(0, cf.index + cf[0].length) + ext + xml.slice(cf.index + cf[0].length)
    : /<extLst>(?=<ext )/.test(xml.slice(xml.lastIndexOf("<extLst>")))
      ? xml.slice(0, xml.lastIndexOf("<extLst>") + 8) + ext + xml.slice(xml.lastIndexOf("<extLst>") + 8)
      : xml.replace("</worksheet>", `<extLst>${ext}</extLst></worksheet>`);
  expect(edited).not.toBe(xml);
  zip.file(path, edited);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** Whether `xml` is well-formed with every prefix it uses declared (as Excel reads it); the error otherwise. */
function xmlError(xml: string): string | undefined {
  const parser = new SaxesParser({ xmlns: true });
  let error: string | undefined;
  parser.on("error", (e) => {
    error ??= e.message;
  });
  parser.write(xml).close();
  return error;
}

/** A sheet part's x14 validations ("D20:E20 list 'Danh mục'!$A$1:$A$5", formulas unescaped), the uris of its extensions in their order, and its data validations extensions' counts. */
function x14Of(xml: string): { uris: string[]; counts: number[]; validations: string[] } {
  const extLst = /<extLst>((?:(?!<\/extLst>)[\s\S])*)<\/extLst><\/worksheet>$/.exec(xml)?.[1] ?? "";
  const uris = [...extLst.matchAll(/<ext\b[^>]*\suri="([^"]*)"/g)].map((m) => m[1]!.toUpperCase());
  const counts = [...xml.matchAll(/<x14:dataValidations\b[^>]*\scount="(\d+)"/g)].map((m) => Number(m[1]));
  const validations = [...xml.matchAll(/<x14:dataValidation\b[^>]*\stype="(\w+)"[^>]*>([\s\S]*?)<\/x14:dataValidation>/g)].map((m) => {
    const formulas = [...m[2]!.matchAll(/<xm:f>([^<]*)<\/xm:f>/g)].map((f) => f[1]!.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&apos;/g, "'").replace(/&amp;/g, "&"));
    return [/<xm:sqref>([^<]*)<\/xm:sqref>/.exec(m[2]!)?.[1], m[1], ...formulas].join(" ");
  });
  return { uris, counts, validations };
}

/**
 * The unit's form as Excel 2010+ saves it with a drop-down list reading its list sheet ('Danh mục')
 * in place of the form's own on a Có/Không row (D and E), a number between two cells of that sheet
 * on a row of figures, an x14 conditional format (its extension first), and sparklines (theirs after).
 */
async function unitFile(): Promise<{ file: Uint8Array; row: number; figures: number }> {
  const wb = await open(await makeTemplate(model, [{ code: "SXD", name: FORM, category: "co-dvc" }], { lang: "vi" }));
  const ws = wb.getWorksheet(FORM)!;
  const row = rowOf(ws, "1.2");
  const figures = rowOf(ws, "3.2");
  ws.getCell(row, 4).value = "Có";
  ws.getCell(figures, 4).value = 0.8;
  const list = wb.addWorksheet("Danh mục");
  ["Có", "Không", "Đang xây dựng"].forEach((v, i) => (list.getCell(i + 1, 1).value = v));
  list.getCell("B1").value = 0;
  list.getCell("B2").value = 1;
  // Excel keeps one validation to a cell: the list the unit chose replaced the form's own.
  const own = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
  for (const col of [4, 5]) for (const r of [row, figures]) delete own[ws.getCell(r, col).address];
  let file: Uint8Array = new Uint8Array(await wb.xlsx.writeBuffer());
  // An x14 conditional format reading the list sheet too: its extension comes first.
  const zip = await JSZip.loadAsync(file);
  const path = (await partsOf(zip)).get(FORM)!;
  const rule =
    `<x14:conditionalFormatting xmlns:xm="${NS_XM}"><x14:cfRule type="expression" priority="1" id="{0D3E5C1C-1111-2222-3333-444455556666}"><xm:f>$D$${figures}&lt;'Danh mục'!$B$2</xm:f>` +
    `<x14:dxf><fill><patternFill><bgColor rgb="FFFF0000"/></patternFill></fill></x14:dxf></x14:cfRule><xm:sqref>D${figures}</xm:sqref></x14:conditionalFormatting>`;
  zip.file(path, (await zip.file(path)!.async("string")).replace("</worksheet>", `<extLst><ext uri="${CF_URI}" xmlns:x14="${NS_X14}"><x14:conditionalFormattings>${rule}</x14:conditionalFormattings></ext></extLst></worksheet>`));
  await addSparklines(zip, FORM, [sparklineGroupXml([[`'${FORM}'!C9:C12`, "J9"]])]);
  file = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  file = await withRawValidations(file, FORM, [
    x14Validation(`D${row}:E${row}`, "list", "'Danh mục'!$A$1:$A$3", undefined, ' errorTitle="Giá trị không hợp lệ" error="Chọn trong danh mục"'),
    x14Validation(`D${figures}:E${figures}`, "decimal", "'Danh mục'!$B$1", "'Danh mục'!$B$2"),
  ]);
  return { file, row, figures };
}

async function score(file: Uint8Array, lang: "vi" | "en" = "vi"): Promise<Uint8Array> {
  const host = await XlsxHost.fromBuffer(file, "so-lieu.xlsx");
  await runScoring(host, { definition: builtin.definition, lang, projectVersion: "test", now: new Date("2024-06-01T00:00:00Z") });
  return host.toBuffer();
}

describe("a unit's form with drop-down lists Excel keeps in its x14 extension (reading another sheet)", () => {
  test("is scored, and scored again: each list is on the form once, its formulas and cells as the unit made them, where Excel orders it", async () => {
    const { file, row, figures } = await unitFile();
    const expected = [`D${row}:E${row} list 'Danh mục'!$A$1:$A$3`, `D${figures}:E${figures} decimal 'Danh mục'!$B$1 'Danh mục'!$B$2`];
    const before = x14Of((await sheetXml(file)).get(FORM)!);
    expect(before).toEqual({ uris: [CF_URI, DV_URI, SPARKLINE_URI].map((u) => u.toUpperCase()), counts: [2], validations: expected });
    // ExcelJS reads none of them.
    expect((await open(file)).getWorksheet(FORM)!.getCell(row, 4).dataValidation).toBeUndefined();
    const once = await score(file);
    const twice = await score(once);
    for (const out of [once, twice]) {
      const xml = (await sheetXml(out)).get(FORM)!;
      expect(xmlError(xml)).toBeUndefined();
      // One extension of each uri, in Excel's order (the conditional formats', the validations', the sparklines'), the list last in the sheet.
      expect(x14Of(xml)).toEqual(before);
      expect(xml).toContain('errorTitle="Giá trị không hợp lệ" error="Chọn trong danh mục"');
      expect(xml).toMatch(/<legacyDrawing r:id="\w+"\/><extLst>(?:(?!<\/extLst>)[\s\S])*<\/extLst><\/worksheet>$/);
      // No validation of ExcelJS's on those cells beside them (one validation to a cell), the form's others as they were.
      const ws = (await open(out)).getWorksheet(FORM)!;
      for (const r of [row, figures]) for (const col of [4, 5]) expect(ws.getCell(r, col).dataValidation).toBeUndefined();
      expect(ws.getCell(rowOf(ws, "1.1"), 4).dataValidation).toMatchObject({ type: expect.any(String) });
      // The run scored the form with the unit's answer.
      expect(ws.getCell(`D${row}`).value).toBe("Có");
      expect(ws.getCell(`I${figures}`).value).toBeCloseTo(8, 10);
    }
  }, 60_000);

  test("scored again in English: a list reading the results sheet reads it by its new name", async () => {
    const { file, row } = await unitFile();
    const vi = await score(file);
    const withList = await withRawValidations(vi, FORM, [x14Validation("K9:K12", "list", "'Kết quả'!$B$4:$B$5")]);
    const en = await score(withList, "en");
    const xml = await sheetXml(en);
    expect(xml.has("Kết quả")).toBe(false);
    expect(x14Of(xml.get(FORM)!).validations).toEqual([`D${row}:E${row} list 'Danh mục'!$A$1:$A$3`, expect.stringMatching(/ decimal /), "K9:K12 list Results!$B$4:$B$5"]);
    expect(x14Of(xml.get(FORM)!).counts).toEqual([3]);
  }, 60_000);

  test("a workbook read and written again (the template command, the demo) keeps them; a validation the workbook gets on one of their cells is that cell's", async () => {
    const { file, row, figures } = await unitFile();
    const wb = await loadXlsx(file);
    expect(x14Of((await sheetXml(await writeWorkbook(wb))).get(FORM)!).validations).toHaveLength(2);
    wb.getWorksheet(FORM)!.getCell(`D${row}`).dataValidation = { type: "list", allowBlank: true, formulae: ['"Có,Không"'] };
    const xml = (await sheetXml(await writeWorkbook(wb))).get(FORM)!;
    expect(xmlError(xml)).toBeUndefined();
    expect(x14Of(xml).validations).toEqual([`E${row} list 'Danh mục'!$A$1:$A$3`, `D${figures}:E${figures} decimal 'Danh mục'!$B$1 'Danh mục'!$B$2`]);
    expect((await open(await writeWorkbook(wb))).getWorksheet(FORM)!.getCell(`D${row}`).dataValidation).toMatchObject({ type: "list", formulae: ['"Có,Không"'] });
  });
});

describe("the analyst's x14 validations on the results sheet, scored again", () => {
  test("one outside the results stays once, one over the table keeps its cells outside it (its formula moved), one inside the table goes", async () => {
    const file = await withRawValidations(await scoredDemo(), "Kết quả", [
      x14Validation("AF4:AF23", "list", "'Kết quả'!$AJ$1:$AJ$3"),
      x14Validation("AB4:AF23", "custom", "AB4<'Kết quả'!$AJ$4"),
      x14Validation("D4:D23", "list", "'Kết quả'!$AJ$1:$AJ$3"),
    ]);
    const again = await scoreAgain(file);
    const third = await scoreAgain(again.out);
    for (const out of [again.out, third.out]) {
      const xml = (await sheetXml(out)).get("Kết quả")!;
      expect(xmlError(xml)).toBeUndefined();
      const { uris, counts, validations } = x14Of(xml);
      expect(uris.filter((u) => u === DV_URI.toUpperCase())).toHaveLength(1);
      expect(counts).toEqual([2]);
      expect(validations).toEqual(["AF4:AF23 list 'Kết quả'!$AJ$1:$AJ$3", "AD4:AF23 custom AD4<'Kết quả'!$AJ$4"]);
    }
  }, 60_000);
});

describe("x14ValidationsIn and withX14Validations", () => {
  const list = x14Validation("D20:D25", "list", "'Danh mục'!$A$1:$A$5");

  test("each validation stands alone, declaring the namespaces its extension declared; put into a sheet without any, in an extension of its own", () => {
    const sheet =
      `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14="${NS_X14}" xmlns:xm="${NS_XM}"><x:sheetData/>` +
      `<x:extLst><x:ext uri="${DV_URI.toLowerCase()}"><x14:dataValidations count="1">${list}</x14:dataValidations></x:ext></x:extLst></x:worksheet>`;
    const validations = x14ValidationsIn(sheet);
    expect(validations).toHaveLength(1);
    expect(xmlError(validations[0]!.xml)).toBeUndefined();
    const written = withX14Validations(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><legacyDrawing r:id="rId1" xmlns:r="r"/></worksheet>`, validations);
    expect(xmlError(written)).toBeUndefined();
    expect(written).toMatch(/<legacyDrawing [^>]*\/><extLst><ext uri="\{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF\}" xmlns:x14="[^"]+"><x14:dataValidations count="1" xmlns:xm="[^"]+"><x14:dataValidation type="list"/);
    expect(x14Of(written).validations).toEqual(["D20:D25 list 'Danh mục'!$A$1:$A$5"]);
  });

  test("go after the conditional formats' extension and before the sparklines'; into the one of their uri when it is there, its count made right", () => {
    const validations = x14ValidationsIn(`<worksheet><extLst><ext uri="${DV_URI}" xmlns:x14="${NS_X14}"><x14:dataValidations count="1" xmlns:xm="${NS_XM}">${list}</x14:dataValidations></ext></extLst></worksheet>`);
    const cf = `<ext uri="${CF_URI}" xmlns:x14="${NS_X14}"><x14:conditionalFormattings/></ext>`;
    const sparklines = `<ext uri="${SPARKLINE_URI}" xmlns:x14="${NS_X14}"><x14:sparklineGroups/></ext>`;
    expect(withX14Validations(`<worksheet><extLst>${cf}${sparklines}</extLst></worksheet>`, validations)).toBe(
      `<worksheet><extLst>${cf}<ext uri="${DV_URI}" xmlns:x14="${NS_X14}"><x14:dataValidations count="1" xmlns:xm="${NS_XM}">${list}</x14:dataValidations></ext>${sparklines}</extLst></worksheet>`,
    );
    expect(withX14Validations(`<worksheet><extLst>${sparklines}</extLst></worksheet>`, validations)).toBe(
      `<worksheet><extLst><ext uri="${DV_URI}" xmlns:x14="${NS_X14}"><x14:dataValidations count="1" xmlns:xm="${NS_XM}">${list}</x14:dataValidations></ext>${sparklines}</extLst></worksheet>`,
    );
    const other = x14Validation("F1", "list", "Other!$A$1:$A$2");
    const merged = withX14Validations(`<worksheet><extLst><ext uri="${DV_URI}" xmlns:x14="${NS_X14}"><x14:dataValidations count="1" xmlns:xm="${NS_XM}">${other}</x14:dataValidations></ext></extLst></worksheet>`, validations);
    expect(x14Of(merged)).toEqual({ uris: [DV_URI.toUpperCase()], counts: [2], validations: ["F1 list Other!$A$1:$A$2", "D20:D25 list 'Danh mục'!$A$1:$A$5"] });
  });
});
