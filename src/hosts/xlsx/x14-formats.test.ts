/**
 * Conditional formats Excel 2010 and later keep only in a sheet's x14 extension (a rule whose
 * formula reads another sheet, as Excel saves it), which ExcelJS reads without their formula and
 * then fails to write: a unit's workbook with one on its form is scored, and scored again, with
 * the rule kept as the unit wrote it, once; on the results sheet, one outside the results stays,
 * as the others of the analyst's do (user-formats.ts). Each test writes a real .xlsx file.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { parseDefinition } from "../../core/definition";
import { runScoring } from "../../core/pipeline";
import { findBuiltin } from "../../indices";
import { writeWorkbook } from "./finish";
import { XlsxHost } from "./host";
import { parseRels, sheetParts } from "./ooxml";
import { loadXlsx } from "./read";
import { makeTemplate } from "./template";
import { edit, open, rowOf, scoreAgain, scoredDemo } from "./test-workbooks";
import { withX14Formats, x14FormatsIn } from "./x14-formats";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;

const FORM = "Sở Xây dựng";
const URI = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}";
const NS_X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const NS_XM = "http://schemas.microsoft.com/office/excel/2006/main";

/** An x14 rule as Excel 2010+ saves one whose formula reads another sheet: in the extension alone, its fill in its own x14:dxf. */
function x14Rule(sqref: string, formula: string, priority: number, id: string): string {
  const f = formula.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return (
    `<x14:conditionalFormatting xmlns:xm="${NS_XM}"><x14:cfRule type="expression" priority="${priority}" id="{${id}}"><xm:f>${f}</xm:f>` +
    `<x14:dxf><fill><patternFill><bgColor rgb="FFFF0000"/></patternFill></fill></x14:dxf></x14:cfRule><xm:sqref>${sqref}</xm:sqref></x14:conditionalFormatting>`
  );
}

/** The written XML of each worksheet, by sheet name. */
async function sheetXml(file: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const parts = sheetParts(await zip.file("xl/workbook.xml")!.async("string"), parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")), "xl/workbook.xml");
  const out = new Map<string, string>();
  for (const [name, path] of parts) out.set(name, await zip.file(path)!.async("string"));
  return out;
}

/** `file` with `rules` (x14Rule) put in sheet `sheet`'s x14 extension as Excel puts them: in the one ExcelJS wrote for its data bars, else in an extLst of their own. */
async function withRawRules(file: Uint8Array, sheet: string, rules: string[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const parts = sheetParts(await zip.file("xl/workbook.xml")!.async("string"), parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")), "xl/workbook.xml");
  const path = parts.get(sheet)!;
  const xml = await zip.file(path)!.async("string");
  const edited = xml.includes("</x14:conditionalFormattings>")
    ? xml.replace("</x14:conditionalFormattings>", `${rules.join("")}</x14:conditionalFormattings>`)
    : xml.replace("</worksheet>", `<extLst><ext uri="${URI}" xmlns:x14="${NS_X14}"><x14:conditionalFormattings>${rules.join("")}</x14:conditionalFormattings></ext></extLst></worksheet>`);
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

/** The x14 rules of a sheet's part: their type, formula and range, and how many x14 conditional-format extensions it has. */
function x14Of(xml: string): { exts: number; rules: string[] } {
  const exts = (xml.match(/<ext\b[^>]*uri="\{78C0D931-6437-407d-A8EE-F0AAD7539E65\}"/gi) ?? []).length;
  const rules = [...xml.matchAll(/<x14:conditionalFormatting\b[^>]*>([\s\S]*?)<\/x14:conditionalFormatting>/g)].flatMap((m) => {
    const sqref = /<xm:sqref>([^<]*)<\/xm:sqref>/.exec(m[1]!)?.[1];
    return [...m[1]!.matchAll(/<x14:cfRule type="(\w+)"[^>]*>([\s\S]*?)<\/x14:cfRule>/g)].map((r) => `${sqref} ${r[1]} ${/<xm:f>([^<]*)<\/xm:f>/.exec(r[2]!)?.[1] ?? ""}`.trim());
  });
  return { exts, rules };
}

/**
 * The unit's form as Excel 2010+ saves it with a rule reading its list sheet ('Danh mục'), beside an
 * ordinary rule and two data bars: one of ExcelJS's with its x14 half (a solid fill), one as Excel
 * saves one by default (a gradient fill: its x14 half, which ExcelJS reads, does not write it again).
 */
async function unitFile(): Promise<{ file: Uint8Array; row: number }> {
  const wb = await open(await makeTemplate(model, [{ code: "SXD", name: FORM, category: "co-dvc" }], { lang: "vi" }));
  const ws = wb.getWorksheet(FORM)!;
  const row = rowOf(ws, "3.2");
  ws.getCell(row, 4).value = 0.8;
  ws.getCell(rowOf(ws, "1.2"), 4).value = "Có";
  const list = wb.addWorksheet("Danh mục");
  list.getCell("A1").value = 0.5;
  ws.addConditionalFormatting({ ref: `D${row - 1}`, rules: [{ type: "expression", priority: 1, formulae: [`$D$${row - 1}>100`], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFFF00" } } } }] });
  for (const [column, priority] of [["L", 3], ["M", 4]] as const) {
    ws.addConditionalFormatting({ ref: `${column}10:${column}14`, rules: [{ type: "dataBar", priority, cfvo: [{ type: "min" }, { type: "max" }], color: { argb: "FF638EC6" }, gradient: false } as ExcelJS.DataBarRuleType] });
    for (let r = 10; r <= 14; r++) ws.getCell(`${column}${r}`).value = r;
  }
  const saved = await withRawRules(new Uint8Array(await wb.xlsx.writeBuffer()), FORM, [x14Rule(`D${row}`, `$D$${row}<'Danh mục'!$A$1`, 2, "0D3E5C1C-1111-2222-3333-444455556666")]);
  // The second data bar as Excel saves a gradient one: its x14 half without gradient="0".
  const zip = await JSZip.loadAsync(saved);
  for (const p of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
    const xml = await zip.file(p)!.async("string");
    zip.file(p, xml.replace(/(<x14:conditionalFormatting\b[^>]*><x14:cfRule type="dataBar"[^>]*><x14:dataBar[^>]*?) gradient="0"((?:(?!<\/x14:conditionalFormatting>)[\s\S])*?<xm:sqref>M10:M14<)/, "$1$2"));
  }
  return { file: await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }), row };
}

/** The x14 ids the data bars' Excel 2007 rules of a sheet's part name, and whether the sheet has an x14 rule of each. */
function dataBarReferences(xml: string): [string, boolean][] {
  const ids = new Set([...xml.matchAll(/<x14:cfRule\b[^>]*\sid="([^"]*)"/g)].map((m) => m[1]!.toUpperCase()));
  return [...xml.matchAll(/<cfRule type="dataBar"[^>]*>([\s\S]*?)<\/cfRule>/g)].flatMap((m) => [.../<x14:id>([^<]*)<\/x14:id>/.exec(m[1]!)?.slice(1) ?? []]).map((id) => [id, ids.has(id.toUpperCase())]);
}

async function score(file: Uint8Array, lang: "vi" | "en" = "vi"): Promise<Uint8Array> {
  const host = await XlsxHost.fromBuffer(file, "so-lieu.xlsx");
  await runScoring(host, { definition: builtin.definition, lang, projectVersion: "test", now: new Date("2024-06-01T00:00:00Z") });
  return host.toBuffer();
}

describe("a unit's form with a rule Excel keeps in its x14 extension (a formula reading another sheet)", () => {
  test("is scored, and scored again: the rule is on the form once, its formula and range as the unit wrote them, beside the ordinary rule and the data bar", async () => {
    const { file, row } = await unitFile();
    const before = (await sheetXml(file)).get(FORM)!;
    expect(x14Of(before).rules).toEqual(["L10:L14 dataBar", "M10:M14 dataBar", `D${row} expression $D$${row}&lt;'Danh mục'!$A$1`]);
    expect(dataBarReferences(before).map(([, named]) => named)).toEqual([true, true]);
    const once = await score(file);
    const twice = await score(once);
    for (const out of [once, twice]) {
      const xml = (await sheetXml(out)).get(FORM)!;
      expect(xmlError(xml)).toBeUndefined();
      // One extension for the x14 conditional formats: the one ExcelJS writes for its solid data bar, with the unit's rule in it.
      const { exts, rules } = x14Of(xml);
      expect(exts).toBe(1);
      expect(rules.filter((r) => !r.endsWith("dataBar"))).toEqual([`D${row} expression $D$${row}&lt;'Danh mục'!$A$1`]);
      expect(rules).toContain("L10:L14 dataBar");
      // Every data bar's reference names an x14 rule of the sheet (the gradient one, whose x14 half
      // ExcelJS does not write again, left a plain Excel 2007 data bar).
      expect(dataBarReferences(xml).every(([, named]) => named)).toBe(true);
      expect(xml).toMatch(/<conditionalFormatting sqref="M10:M14"><cfRule type="dataBar" priority="4"><dataBar>/);
      expect(xml).toContain(`<x14:cfRule type="expression" priority="2" id="{0D3E5C1C-1111-2222-3333-444455556666}">`);
      expect(xml).toContain('<x14:dxf><fill><patternFill><bgColor rgb="FFFF0000"/></patternFill></fill></x14:dxf>');
      // The extension list is the sheet's last child, as the schema orders it (after the notes' <legacyDrawing>).
      expect(xml).toMatch(/<legacyDrawing r:id="\w+"\/><extLst>(?:(?!<\/extLst>)[\s\S])*<\/extLst><\/worksheet>$/);
      const wb = await open(out);
      const ws = wb.getWorksheet(FORM)!;
      // The run scored the form, and the ordinary rule and the data bar are there as ExcelJS reads them.
      expect(ws.getCell(`I${row}`).value).toBeCloseTo(8, 10);
      const formats = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[] }).conditionalFormattings;
      expect(formats.filter((cf) => cf.rules.some((r) => r.formulae !== undefined)).map((cf) => [cf.ref, cf.rules[0]!.formulae])).toEqual([[`D${row - 1}`, [`$D$${row - 1}>100`]]]);
      expect(formats.filter((cf) => cf.rules.some((r) => r.type === "dataBar")).map((cf) => cf.ref)).toEqual(["L10:L14", "M10:M14"]);
    }
  }, 60_000);

  test("scored again in English: a rule naming the results sheet names it by its new name, as the other formulas do", async () => {
    const { file, row } = await unitFile();
    const vi = await withRawRules(await score(file), FORM, [x14Rule(`E${row}`, `$D$${row}<'Kết quả'!$F$4`, 4, "0D3E5C1C-1111-2222-3333-777777777777")]);
    const en = await score(vi, "en");
    const xml = await sheetXml(en);
    expect(xml.has("Kết quả")).toBe(false);
    expect(x14Of(xml.get(FORM)!).rules.filter((r) => !r.endsWith("dataBar"))).toEqual([`D${row} expression $D$${row}&lt;'Danh mục'!$A$1`, `E${row} expression $D$${row}&lt;Results!$F$4`]);
  }, 60_000);

  test("a workbook read and written again (the template command, the demo) keeps the rule too", async () => {
    const { file, row } = await unitFile();
    const xml = (await sheetXml(await writeWorkbook(await loadXlsx(file)))).get(FORM)!;
    expect(x14Of(xml)).toEqual({ exts: 1, rules: ["L10:L14 dataBar", `D${row} expression $D$${row}&lt;'Danh mục'!$A$1`] });
    expect(dataBarReferences(xml).map(([, named]) => named)).toEqual([true]);
    expect(xml).toMatch(/<\/extLst><\/worksheet>$/);
  });
});

describe("the analyst's x14 rules on the results sheet, scored again", () => {
  test("one outside the results stays once, one over the table keeps its cells outside it (its formula moved), one inside the table goes", async () => {
    const file = await withRawRules(await scoredDemo(), "Kết quả", [
      x14Rule("AF4:AF23", "AF4>'Kết quả'!$AJ$1", 30, "00000000-0000-0000-0000-000000000001"),
      x14Rule("AB4:AF23", "AB4<'Kết quả'!$AJ$2", 31, "00000000-0000-0000-0000-000000000002"),
      x14Rule("D4:D23", "D4>'Kết quả'!$AJ$3", 32, "00000000-0000-0000-0000-000000000003"),
    ]);
    const again = await scoreAgain(file);
    const third = await scoreAgain(again.out);
    for (const out of [again.out, third.out]) {
      const xml = (await sheetXml(out)).get("Kết quả")!;
      expect(xmlError(xml)).toBeUndefined();
      expect(x14Of(xml)).toEqual({ exts: 1, rules: ["AF4:AF23 expression AF4&gt;'Kết quả'!$AJ$1", "AD4:AF23 expression AD4&lt;'Kết quả'!$AJ$2"] });
      // After the project's own rules, in the order they had.
      const priorities = [...xml.matchAll(/<(?:x14:)?cfRule\b[^>]*priority="(\d+)"/g)].map((m) => Number(m[1]));
      expect(new Set(priorities).size).toBe(priorities.length);
      const own = Math.max(...[...xml.matchAll(/<cfRule\b[^>]*priority="(\d+)"/g)].map((m) => Number(m[1])));
      expect([...xml.matchAll(/<x14:cfRule\b[^>]*priority="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([own + 1, own + 2]);
    }
  }, 60_000);
});

describe("the charts sheet's status rule as Excel 2010+ saves it (in the x14 extension: its formula reads `_index`), a title typed over the line", () => {
  test("the project's rule goes from A1, the analyst's x14 rule there stays; the title stays", async () => {
    const CHARTS = "Biểu đồ";
    const TITLE = "Báo cáo quý IV";
    const OWN = `COUNTIFS(_index!$A:$A,"inputs",_index!$C:$C,">0")>0`;
    const typed = await edit(await scoredDemo(), (wb) => {
      const ws = wb.getWorksheet(CHARTS)!;
      ws.getCell("A1").value = TITLE;
      // Excel keeps the project's rule in the extension alone.
      const formats = ws as unknown as { conditionalFormattings: { ref: string }[] };
      formats.conditionalFormattings = formats.conditionalFormattings.filter((c) => c.ref !== "A1");
    });
    const file = await withRawRules(typed, CHARTS, [
      x14Rule("A1", OWN, 1, "00000000-0000-0000-0000-000000000011"),
      x14Rule("A1", "LEN(A1)>'Kết quả'!$AJ$1", 2, "00000000-0000-0000-0000-000000000012"),
    ]);
    expect(x14Of((await sheetXml(file)).get(CHARTS)!).rules).toHaveLength(2);
    const again = await scoreAgain(file);
    for (const out of [again.out, (await scoreAgain(again.out)).out]) {
      const xml = (await sheetXml(out)).get(CHARTS)!;
      expect(xmlError(xml)).toBeUndefined();
      expect(x14Of(xml).rules).toEqual(["A1 expression LEN(A1)&gt;'Kết quả'!$AJ$1"]);
      expect(xml).not.toMatch(/<conditionalFormatting sqref="A1">/);
      expect((await open(out)).getWorksheet(CHARTS)!.getCell("A1").value).toBe(TITLE);
    }
  }, 60_000);
});

describe("x14FormatsIn and withX14Formats", () => {
  const dataBar =
    '<conditionalFormatting sqref="B1:B4"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>' +
    `<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="${NS_X14}"><x14:id>{AAAAAAAA-0000-0000-0000-000000000001}</x14:id></ext></extLst></cfRule></conditionalFormatting>`;
  const bar = `<x14:cfRule type="dataBar" id="{aaaaaaaa-0000-0000-0000-000000000001}"><x14:dataBar minLength="0" maxLength="100"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/></x14:dataBar></x14:cfRule>`;
  const rule = `<x14:cfRule type="expression" priority="2" id="{BBBBBBBB-0000-0000-0000-000000000002}"><xm:f>B1&gt;Other!$A$1</xm:f><x14:dxf><font><b/></font></x14:dxf></x14:cfRule>`;

  test("takes the rules no Excel 2007 rule names, each format on its own with the namespaces it uses declared; a data bar's half is left to ExcelJS", () => {
    // A worksheet whose namespaces are all declared on its root, SpreadsheetML's under a prefix (as some programs write it).
    const sheet =
      `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14="${NS_X14}" xmlns:xm="${NS_XM}"><x:sheetData/>` +
      dataBar.replace(/<(\/?)(conditionalFormatting|cfRule|dataBar|cfvo|color|extLst|ext)\b/g, "<$1x:$2") +
      `<x:extLst><x:ext uri="${URI.toLowerCase()}"><x14:conditionalFormattings><x14:conditionalFormatting>${bar}${rule.replace("<font><b/></font>", "<x:font><x:b/></x:font>")}<xm:sqref>B1:B4</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></x:ext></x:extLst></x:worksheet>`;
    const formats = x14FormatsIn(sheet);
    expect(formats).toHaveLength(1);
    expect(formats[0]!.xml).not.toContain("dataBar");
    expect(formats[0]!.xml).toMatch(/^<x14:conditionalFormatting xmlns:x14="[^"]+" xmlns:xm="[^"]+" xmlns:x="[^"]+">/);
    expect(xmlError(formats[0]!.xml)).toBeUndefined();
    // Put into a sheet that has none: an extension of their own, the namespaces declared there left out.
    const written = withX14Formats(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><legacyDrawing r:id="rId1" xmlns:r="r"/></worksheet>`, formats);
    expect(xmlError(written)).toBeUndefined();
    expect(written).toMatch(/<legacyDrawing [^>]*\/><extLst><ext uri="\{78C0D931-6437-407d-A8EE-F0AAD7539E65\}" xmlns:x14="[^"]+"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="[^"]+" xmlns:x="[^"]+"><x14:cfRule type="expression"/);
    expect(x14Of(written).rules).toEqual(["B1:B4 expression B1&gt;Other!$A$1"]);
  });

  test("go first in an extension list that has other extensions (sparklines), and into the one of their uri when it is there", () => {
    const formats = x14FormatsIn(`<worksheet><extLst><ext uri="${URI}" xmlns:x14="${NS_X14}"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="${NS_XM}">${rule}<xm:sqref>C1</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst></worksheet>`);
    const sparklines = `<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="${NS_X14}"><x14:sparklineGroups/></ext>`;
    // As Excel writes it: the x14 prefix declared on the <ext>, xm on the format.
    expect(withX14Formats(`<worksheet><extLst>${sparklines}</extLst></worksheet>`, formats)).toBe(
      `<worksheet><extLst><ext uri="${URI}" xmlns:x14="${NS_X14}"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="${NS_XM}">${rule}<xm:sqref>C1</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext>${sparklines}</extLst></worksheet>`,
    );
    const exceljs = `<worksheet><extLst><ext uri="${URI}" xmlns:x14="${NS_X14}"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="${NS_XM}">${bar}<xm:sqref>B1:B4</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst></worksheet>`;
    const merged = withX14Formats(exceljs, formats);
    expect(x14Of(merged)).toEqual({ exts: 1, rules: ["B1:B4 dataBar", "C1 expression B1&gt;Other!$A$1"] });
  });
});
