/**
 * The notes of a file as the xlsx host reads them: ExcelJS reads a note stored as a plain `<t>`
 * (Excel's beside a threaded comment, openpyxl's for every note) as an empty one and writes it so,
 * drops a note on a cell the sheet's data does not list, and cannot read a workbook whose notes
 * are where openpyxl puts them; the host reads each note's text as the file has it, and writes it.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XlsxHost } from "./host";
import { noteOf } from "./test-workbooks";

const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const TEXT = "Hội đồng: cần bổ sung văn bản số 12/QĐ-STC & phụ lục <2024>\n  dòng hai, thụt vào  ";

/** A one-sheet workbook ("Phiếu", a value in B2) with ExcelJS's note parts, as the test then reshapes them. */
async function workbookWithNote(): Promise<JSZip> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Phiếu");
  ws.getCell("B2").value = 12;
  ws.getCell("B2").note = "placeholder";
  return JSZip.loadAsync(await wb.xlsx.writeBuffer());
}

/** The comments part's notes: each `<comment>` written with its text as one plain `<t>`, at the cells given. */
function plainNotes(notes: [string, string][]): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>openpyxl</author></authors><commentList>${notes
    .map(([cell, text]) => `<comment ref="${cell}" authorId="0"><text><t xml:space="preserve">${esc(text)}</t></text></comment>`)
    .join("")}</commentList></comments>`;
}

async function bytesOf(zip: JSZip): Promise<Uint8Array> {
  return zip.generateAsync({ type: "uint8array" });
}

/** The texts of the notes of the file's only sheet, by cell, as ExcelJS reads them. */
async function notesOf(file: Uint8Array): Promise<Map<string, string | undefined>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const out = new Map<string, string | undefined>();
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => void (cell.note !== undefined && out.set(cell.address, noteOf(cell)))));
  return out;
}

/** The texts of the notes of a written file's comments part, by cell, as Excel reads them (the text of its `<t>` elements). */
async function writtenNotes(file: Uint8Array): Promise<Map<string, string>> {
  const xml = (await (await JSZip.loadAsync(file)).file("xl/comments1.xml")?.async("string")) ?? "";
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  return new Map(
    [...xml.matchAll(/<comment ref="([A-Z]+\d+)"[^>]*>([\s\S]*?)<\/comment>/g)].map((m) => [m[1]!, [...m[2]!.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => unescape(t[1]!)).join("")]),
  );
}

test("a note stored as a plain <t>, and one on a cell the sheet's data does not list, keep their text exactly through the host", async () => {
  const zip = await workbookWithNote();
  zip.file("xl/comments1.xml", plainNotes([["B2", TEXT], ["F9", "Ô trống"]]));
  const file = await bytesOf(zip);
  expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).not.toContain('r="F9"');
  // ExcelJS alone: the text is gone.
  expect((await notesOf(file)).get("B2")).toBe("");

  const host = await XlsxHost.fromBuffer(file, "f.xlsx");
  const written = await host.toBuffer();
  expect(await writtenNotes(written)).toEqual(new Map([["B2", TEXT], ["F9", "Ô trống"]]));
  expect((await notesOf(written)).get("B2")).toBe(TEXT);
});

test("a workbook whose notes are where openpyxl writes them is read, and its notes kept", async () => {
  const zip = await workbookWithNote();
  const vml = await zip.file("xl/drawings/vmlDrawing1.vml")!.async("string");
  zip.remove("xl/comments1.xml");
  zip.remove("xl/drawings/vmlDrawing1.vml");
  zip.file("xl/comments/comment1.xml", plainNotes([["B2", TEXT]]));
  zip.file("xl/drawings/commentsDrawing1.vml", vml);
  // openpyxl's relationships: absolute targets, the drawing first.
  zip.file(
    "xl/worksheets/_rels/sheet1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="anysvml" Type="${NS_REL}/vmlDrawing" Target="/xl/drawings/commentsDrawing1.vml"/><Relationship Id="comments" Type="${NS_REL}/comments" Target="/xl/comments/comment1.xml"/></Relationships>`,
  );
  const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  zip.file("xl/worksheets/sheet1.xml", sheet.replace(/(<legacyDrawing\b[^>]*?r:id=")[^"]*"/, '$1anysvml"'));
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file("[Content_Types].xml", types.replace('PartName="/xl/comments1.xml"', 'PartName="/xl/comments/comment1.xml"'));
  const file = await bytesOf(zip);
  // ExcelJS alone cannot read it.
  await expect(new ExcelJS.Workbook().xlsx.load(file as unknown as ArrayBuffer)).rejects.toThrow();

  const host = await XlsxHost.fromBuffer(file, "f.xlsx");
  expect((await host.read()).sheets[0]!.values[1]![1]).toBe(12);
  expect((await notesOf(await host.toBuffer())).get("B2")).toBe(TEXT);
});
