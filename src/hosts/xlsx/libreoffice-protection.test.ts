/**
 * Forms saved by LibreOffice: it writes SpreadsheetML's booleans as words (`sheet="true"`,
 * `locked="false"`) and a sheet's password as the legacy hash (`password="daa7"`), none of which
 * ExcelJS reads. Gathered or scored, such a form must stay protected, with its password, and its
 * input cells open to typing; its drop-downs keep their error messages. The files here are made
 * by hand as LibreOffice writes them (no LibreOffice needed; test/interop does the real round trip).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import { runScoring } from "../../core/pipeline";
import { OwnedSheetProtectedError } from "./apply";
import { findBuiltin } from "../../indices";
import { collectFiles } from "./collect";
import { XlsxHost } from "./host";
import { normalizeBooleans, sheetParts, parseRels } from "./ooxml";
import { prepareXlsx, setLegacyPasswords } from "./read";
import { makeTemplate } from "./template";
import { rowOf, open } from "./test-workbooks";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;

/** LibreOffice's protection of a sheet with the password "secret": the legacy 16-bit hash. */
const LO_PASSWORD = '<sheetProtection sheet="true" password="daa7" formatColumns="false" formatRows="false"/>';
/** LibreOffice's protection without a password. */
const LO_PROTECTED = '<sheetProtection sheet="true" formatColumns="false" formatRows="false"/>';
/** LibreOffice keeping a protection Excel made with a password (SHA-512). */
const LO_HASHED =
  '<sheetProtection algorithmName="SHA-512" hashValue="Nf2jPcaAX6EUbOybplotYpn1TGK/nzehD1edHktVu16ekfBNWvoqNHuN2Z5ORzlitKzU+EytMPNH6PUxE9QRhQ==" saltValue="FJmIZWewxrlMLKiJSGYHUg==" spinCount="100000" sheet="true" formatColumns="false" formatRows="false"/>';

interface Parts {
  zip: JSZip;
  sheets: Map<string, string>;
}

async function parts(data: Uint8Array): Promise<Parts> {
  const zip = await JSZip.loadAsync(data);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  return { zip, sheets: sheetParts(workbook, rels, "xl/workbook.xml") };
}

async function sheetXml(data: Uint8Array, sheet: string): Promise<string> {
  const p = await parts(data);
  return p.zip.file(p.sheets.get(sheet)!)!.async("string");
}

/**
 * The file as LibreOffice saves it: every boolean of the protection, the cell styles' protection
 * and the data validations written as a word, each sheet of `protections` protected as given.
 */
async function asLibreOfficeSaves(data: Uint8Array, protections: Record<string, string>): Promise<Uint8Array> {
  const p = await parts(data);
  const words = (attrs: string): string => attrs.replace(/\b(\w+)="([01])"/g, (_, name: string, v: string) => `${name}="${v === "1" ? "true" : "false"}"`);
  for (const [name, path] of p.sheets) {
    let xml = await p.zip.file(path)!.async("string");
    const protection = protections[name];
    if (protection !== undefined) xml = /<sheetProtection\b/.test(xml) ? xml.replace(/<sheetProtection\b[^>]*\/>/, protection) : xml.replace("</sheetData>", `</sheetData>${protection}`);
    // Every flag of a check written out, as words; a check's input message (showInputMessage="1") kept.
    xml = xml.replace(/<dataValidation\b[^>]*>/g, (tag) => {
      const worded = words(tag);
      return worded.replace(/(\ballowBlank="true")/, `$1 showDropDown="false"${/\bshowInputMessage=/.test(worded) ? "" : ' showInputMessage="false"'}`);
    });
    xml = xml.replace(/<pageSetUpPr\b[^>]*>/g, words);
    p.zip.file(path, xml);
  }
  const styles = await p.zip.file("xl/styles.xml")!.async("string");
  p.zip.file(
    "xl/styles.xml",
    styles.replace(/<protection\b([^>]*?)\/>/g, (_, attrs: string) => `<protection locked="${/locked="0"/.test(attrs) ? "false" : "true"}" hidden="false"/>`),
  );
  return p.zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

function protectionOf(ws: ExcelJS.Worksheet): Record<string, unknown> | undefined {
  return (ws as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection;
}

/** Whether the cell at `address` is locked, from the sheet's and the styles' XML (as Excel reads them). */
async function lockedInXml(data: Uint8Array, sheet: string, address: string): Promise<boolean> {
  const p = await parts(data);
  const xml = await p.zip.file(p.sheets.get(sheet)!)!.async("string");
  const styles = await p.zip.file("xl/styles.xml")!.async("string");
  const style = Number(new RegExp(`<c r="${address}"[^>]*\\bs="(\\d+)"`).exec(xml)?.[1] ?? 0);
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "";
  const xf = cellXfs.match(/<xf\b[^>]*?(\/>|>[\s\S]*?<\/xf>)/g)?.[style] ?? "";
  const locked = /<protection[^>]*\blocked="([^"]*)"/.exec(xf)?.[1];
  return !(locked === "0" || locked === "false");
}

/** What a unit's form must keep: protection (and its password), open input cells, drop-downs with their messages. */
async function expectFormKept(data: Uint8Array, sheet: string, protection: "password" | "none" | "hash"): Promise<void> {
  const ws = (await open(data)).getWorksheet(sheet)!;
  expect(protectionOf(ws)).toMatchObject({ sheet: true, formatColumns: true, formatRows: true });
  const figure = ws.getCell(rowOf(ws, "3.2"), 4);
  const label = ws.getCell(rowOf(ws, "3.2"), 2);
  expect(figure.protection?.locked).toBe(false);
  expect(label.protection?.locked ?? true).toBe(true);
  expect(await lockedInXml(data, sheet, figure.address)).toBe(false);
  expect(await lockedInXml(data, sheet, label.address)).toBe(true);
  expect(ws.getCell(rowOf(ws, "2.1"), 4).dataValidation).toMatchObject({
    type: "list",
    formulae: ['"Có,Không"'],
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: "warning",
    errorTitle: "Không có trong danh sách",
    error: "Chọn Có hoặc Không. Viết cách khác (co / khong, đạt / không đạt, x, 1 / 0, yes / no) vẫn được đọc; bước Kiểm tra báo ô nào không đọc được.",
  });
  expect(ws.pageSetup.fitToPage).toBe(true);
  const tag = /<sheetProtection\b[^>]*>/.exec(await sheetXml(data, sheet))?.[0] ?? "";
  expect(tag).toMatch(/\ssheet="1"/);
  if (protection === "password") expect(tag).toMatch(/\spassword="daa7"/);
  else expect(tag).not.toMatch(/\spassword=/);
  if (protection === "hash") expect(tag).toContain('hashValue="Nf2jPcaAX6EUbOybplotYpn1TGK/nzehD1edHktVu16ekfBNWvoqNHuN2Z5ORzlitKzU+EytMPNH6PUxE9QRhQ=="');
  else expect(tag).not.toMatch(/hashValue=/);
}

/** A unit's form (3.2 filled in), saved by LibreOffice with the protection given. */
async function loForm(code: string, name: string, protection: string): Promise<Uint8Array> {
  const wb = await open(await makeTemplate(model, [{ code, name, category: "co-dvc" }], { lang: "vi" }));
  const ws = wb.getWorksheet(name)!;
  ws.getCell(rowOf(ws, "3.2"), 4).value = 0.75;
  return asLibreOfficeSaves(new Uint8Array(await wb.xlsx.writeBuffer()), { [name]: protection });
}

describe("booleans written as words", () => {
  it("are written 1 and 0 where the schema has a boolean, and nowhere else", () => {
    const sheet =
      '<worksheet><sheetPr filterMode="false"><pageSetUpPr fitToPage="true"/></sheetPr>' +
      '<sheetData><row r="1" customFormat="false" hidden="false"><c r="A1" t="inlineStr"><is><t>locked="false" sheet="true"</t></is></c></row></sheetData>' +
      LO_PASSWORD +
      '<dataValidations count="1"><dataValidation allowBlank="true" error="Số &gt; 0, showErrorMessage=&quot;true&quot;" errorTitle=\'a "true" b\' showErrorMessage="true" sqref="D9" type="whole"><formula1>0</formula1></dataValidation></dataValidations>' +
      "</worksheet>";
    expect(normalizeBooleans(sheet)).toBe(
      '<worksheet><sheetPr filterMode="0"><pageSetUpPr fitToPage="1"/></sheetPr>' +
        '<sheetData><row r="1" customFormat="0" hidden="0"><c r="A1" t="inlineStr"><is><t>locked="false" sheet="true"</t></is></c></row></sheetData>' +
        '<sheetProtection sheet="1" password="daa7" formatColumns="0" formatRows="0"/>' +
        '<dataValidations count="1"><dataValidation allowBlank="1" error="Số &gt; 0, showErrorMessage=&quot;true&quot;" errorTitle=\'a "true" b\' showErrorMessage="1" sqref="D9" type="whole"><formula1>0</formula1></dataValidation></dataValidations>' +
        "</worksheet>",
    );
    // A sheet or a defined name called "true" keeps its name; the booleans of the workbook do not.
    const workbook = '<workbook><workbookProtection lockStructure="true" lockWindows="false"/><sheets><sheet name="true" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName function="false" hidden="false" name="false">true</definedName></definedNames></workbook>';
    expect(normalizeBooleans(workbook)).toBe(
      '<workbook><workbookProtection lockStructure="1" lockWindows="0"/><sheets><sheet name="true" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName function="0" hidden="0" name="false">true</definedName></definedNames></workbook>',
    );
    expect(normalizeBooleans('<styleSheet><xf applyProtection="true"><protection locked="false" hidden="false"/></xf></styleSheet>')).toBe(
      '<styleSheet><xf applyProtection="1"><protection locked="0" hidden="0"/></xf></styleSheet>',
    );
  });
});

describe("a form LibreOffice saved", () => {
  it("is read by ExcelJS unprotected and with its input cells locked unless prepared (what went wrong)", async () => {
    const file = await loForm("SYT", "Sở Y tế", LO_PASSWORD);
    const raw = (await open(file)).getWorksheet("Sở Y tế")!;
    expect(protectionOf(raw)?.sheet).toBeUndefined();
    expect(raw.getCell(rowOf(raw, "3.2"), 4).protection?.locked ?? true).toBe(true);
    const prepared = await prepareXlsx(file);
    expect(prepared.legacyPasswords).toEqual(new Map([["Sở Y tế", "daa7"]]));
    const wb = await open(prepared.bytes);
    setLegacyPasswords(wb, prepared.legacyPasswords);
    const ws = wb.getWorksheet("Sở Y tế")!;
    expect(protectionOf(ws)).toMatchObject({ sheet: true, password: "daa7" });
    expect(ws.getCell(rowOf(ws, "3.2"), 4).protection?.locked).toBe(false);
  });

  it("gathered, keeps its protection, its password of either kind and its open input cells", async () => {
    const { data, report } = await collectFiles([
      { name: "syt.xlsx", data: await loForm("SYT", "Sở Y tế", LO_PASSWORD) },
      { name: "snv.xlsx", data: await loForm("SNV", "Sở Nội vụ", LO_PROTECTED) },
      { name: "stc.xlsx", data: await loForm("STC", "Sở Tài chính", LO_HASHED) },
    ]);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Y tế", "Sở Nội vụ", "Sở Tài chính"]);
    await expectFormKept(data, "Sở Y tế", "password");
    await expectFormKept(data, "Sở Nội vụ", "none");
    await expectFormKept(data, "Sở Tài chính", "hash");

    // Gathered into a workbook LibreOffice saved: its own forms keep theirs too, the new one its own.
    const into = await asLibreOfficeSaves(data, { "Sở Y tế": LO_PASSWORD, "Sở Nội vụ": LO_PROTECTED, "Sở Tài chính": LO_HASHED });
    const more = await collectFiles([{ name: "sxd.xlsx", data: await loForm("SXD", "Sở Xây dựng", LO_PASSWORD) }], into);
    expect(more.report.take.map((t) => t.as)).toEqual(["Sở Xây dựng"]);
    await expectFormKept(more.data, "Sở Y tế", "password");
    await expectFormKept(more.data, "Sở Nội vụ", "none");
    await expectFormKept(more.data, "Sở Tài chính", "hash");
    await expectFormKept(more.data, "Sở Xây dựng", "password");
  });

  it("scored, keeps its protection, its password of either kind and its open input cells", async () => {
    const gathered = await collectFiles([
      { name: "syt.xlsx", data: await loForm("SYT", "Sở Y tế", LO_PASSWORD) },
      { name: "snv.xlsx", data: await loForm("SNV", "Sở Nội vụ", LO_PROTECTED) },
      { name: "stc.xlsx", data: await loForm("STC", "Sở Tài chính", LO_HASHED) },
    ]);
    const file = await asLibreOfficeSaves(gathered.data, { "Sở Y tế": LO_PASSWORD, "Sở Nội vụ": LO_PROTECTED, "Sở Tài chính": LO_HASHED });
    const prepared = await prepareXlsx(file);
    const host = await XlsxHost.fromBuffer(prepared.bytes, "tong-hop.xlsx");
    setLegacyPasswords(host.workbook, prepared.legacyPasswords);
    const result = await runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test" });
    expect(result.submissions.map((s) => s.code)).toEqual(["SYT", "SNV", "STC"]);
    const scored = await host.toBuffer();
    await expectFormKept(scored, "Sở Y tế", "password");
    await expectFormKept(scored, "Sở Nội vụ", "none");
    await expectFormKept(scored, "Sở Tài chính", "hash");
    // The results sheet the run added is the project's, unprotected.
    expect(/<sheetProtection\b/.test(await sheetXml(scored, "Kết quả"))).toBe(false);
  });

  it("whose results sheet LibreOffice protected with a password is not written over, as with Excel's password", async () => {
    const gathered = await collectFiles([{ name: "syt.xlsx", data: await loForm("SYT", "Sở Y tế", LO_PROTECTED) }]);
    const host = await XlsxHost.fromBuffer(gathered.data, "tong-hop.xlsx");
    await runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test" });
    const file = await asLibreOfficeSaves(await host.toBuffer(), { "Kết quả": LO_PASSWORD });
    const prepared = await prepareXlsx(file);
    const again = await XlsxHost.fromBuffer(prepared.bytes, "tong-hop.xlsx");
    setLegacyPasswords(again.workbook, prepared.legacyPasswords);
    await expect(runScoring(again, { definition: builtin.definition, lang: "vi", projectVersion: "test" })).rejects.toBeInstanceOf(OwnedSheetProtectedError);
  });
});
