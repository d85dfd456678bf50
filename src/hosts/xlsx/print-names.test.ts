/**
 * Print titles and print areas of sheets whose name holds an apostrophe (`Côte d'Ivoire`,
 * `Bob's data`): ExcelJS writes them as `'Côte d'Ivoire'!$8:$8`, which Excel repairs by dropping
 * the name (the form prints without its header on every page). Every file the xlsx host writes
 * (a template, a scored workbook, a collection) names such a sheet as a formula must:
 * `'Côte d''Ivoire'!$8:$8`. Each test writes a real .xlsx file and reads its workbook part.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import { runScoring } from "../../core/pipeline";
import { findBuiltin } from "../../indices";
import { collectFiles } from "./collect";
import { quotedPrintNames } from "./defined-names";
import { XlsxHost } from "./host";
import { unescapeXml } from "./ooxml";
import { makeTemplate } from "./template";
import { open } from "./test-workbooks";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;

/** The print titles and print areas of a written file: `name@sheet` → text, unescaped. */
async function printNames(file: Uint8Array): Promise<Map<string, string>> {
  const xml = await (await JSZip.loadAsync(file)).file("xl/workbook.xml")!.async("string");
  const sheets = [...xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1]!));
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1]!)?.[1] ?? "";
    const local = /\blocalSheetId="(\d+)"/.exec(m[1]!)?.[1];
    if (!/^_xlnm\.Print_(Titles|Area)$/.test(name) || local === undefined) continue;
    out.set(`${name}@${sheets[Number(local)]}`, unescapeXml(m[2]!));
  }
  return out;
}

describe("print titles of a sheet whose name has an apostrophe", () => {
  it("are quoted as a formula in a template's forms, and ExcelJS reads them back", async () => {
    const file = await makeTemplate(
      model,
      [
        { code: "CIV", name: "Côte d'Ivoire", category: "co-dvc" },
        { code: "VNM", name: "Viet Nam", category: "co-dvc" },
      ],
      { lang: "en" },
    );
    const names = await printNames(file);
    expect(names.get("_xlnm.Print_Titles@Côte d'Ivoire")).toMatch(/^'Côte d''Ivoire'!\$\d+:\$\d+$/);
    // A sheet without an apostrophe keeps what ExcelJS wrote.
    expect(names.get("_xlnm.Print_Titles@Viet Nam")).toMatch(/^'Viet Nam'!\$\d+:\$\d+$/);
    const row = /\$(\d+):/.exec(names.get("_xlnm.Print_Titles@Côte d'Ivoire")!)![1];
    expect((await open(file)).getWorksheet("Côte d'Ivoire")!.pageSetup.printTitlesRow).toBe(`${row}:${row}`);
  });

  it("stay quoted when the template is scored, and when it is scored again", async () => {
    const template = await makeTemplate(model, [{ code: "CIV", name: "Côte d'Ivoire", category: "co-dvc" }], { lang: "vi" });
    let file = template;
    for (let run = 0; run < 2; run++) {
      const host = await XlsxHost.fromBuffer(file, "so-lieu.xlsx");
      await runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test", now: new Date("2024-06-01T00:00:00Z") });
      file = await host.toBuffer();
      const names = await printNames(file);
      expect(names.get("_xlnm.Print_Titles@Côte d'Ivoire")).toMatch(/^'Côte d''Ivoire'!\$\d+:\$\d+$/);
      expect([...names.values()].some((t) => t.includes("'Côte d'I"))).toBe(false);
    }
  });

  it("are quoted on the forms of a collection, and on a user's sheet of the workbook gathered into", async () => {
    // The workbook gathered into as ExcelJS alone writes it (as an earlier run did): its names come out right too.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Bob's data");
    ws.getCell("A1").value = "x";
    ws.pageSetup.printTitlesRow = "1:1";
    ws.pageSetup.printTitlesColumn = "A:B";
    ws.pageSetup.printArea = "A1:C9";
    const base = new Uint8Array(await wb.xlsx.writeBuffer());
    const form = await makeTemplate(model, [{ code: "CIV", name: "Côte d'Ivoire", category: "co-dvc" }], { lang: "vi" });
    for (const gathered of [undefined, base]) {
      const { data, report } = await collectFiles([{ name: "civ.xlsx", data: form }], gathered);
      expect(report.take.map((t) => t.as)).toEqual(["Côte d'Ivoire"]);
      const names = await printNames(data);
      expect(names.get("_xlnm.Print_Titles@Côte d'Ivoire")).toMatch(/^'Côte d''Ivoire'!\$\d+:\$\d+$/);
      if (gathered) {
        expect(names.get("_xlnm.Print_Titles@Bob's data")).toBe("'Bob''s data'!$A:$B,'Bob''s data'!$1:$1");
        // ExcelJS writes a print area with its columns alone fixed, as Excel reads it too.
        expect(names.get("_xlnm.Print_Area@Bob's data")).toBe("'Bob''s data'!$A1:$C9");
      }
    }
  });
});

describe("quotedPrintNames", () => {
  const workbook = (names: string) =>
    `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="A" sheetId="1"/><sheet name="it&apos;s" sheetId="2"/></sheets><definedNames>${names}</definedNames></workbook>`;

  it("doubles the apostrophes of the sheet the name belongs to, and leaves other names alone", () => {
    const xml = workbook(
      `<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;it&apos;s&apos;!$1:$1</definedName><definedName name="mine">&apos;it&apos;s&apos;!$1:$1</definedName>`,
    );
    const out = quotedPrintNames(xml);
    expect(out).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'it''s'!$1:$1</definedName>`);
    expect(out).toContain(`<definedName name="mine">&apos;it&apos;s&apos;!$1:$1</definedName>`);
  });

  it("gives the very text back when the names are right already", () => {
    const xml = workbook(`<definedName name="_xlnm.Print_Area" localSheetId="1">'it''s'!$A$1:$B$2</definedName><definedName name="_xlnm.Print_Area" localSheetId="0">A!$A$1</definedName>`);
    expect(quotedPrintNames(xml)).toBe(xml);
  });
});
