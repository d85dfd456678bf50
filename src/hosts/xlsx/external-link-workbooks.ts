/**
 * Workbooks with links to other workbooks, as Excel saves them, for the tests of carrying them
 * over (external-links.test.ts, test/interop): formulas `=[1]S!$A$1` on a sheet of the user's, and
 * the external link parts they name. Test support only (ExcelJS and jszip).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { demoForms } from "./test-workbooks";

/** A link to another workbook: the file it names, and the cell of it a formula reads, with the value Excel cached. */
export interface ExternalBook {
  target: string;
  sheet: string;
  cell: string;
  value: number;
}

/** The user's sheet whose formulas read the other workbooks. */
export const LINKS_SHEET = "Số liệu năm trước";

/**
 * The demo units' forms with a sheet of the user's whose cell A{n} reads link [n] (`=[n]S!$A$1`),
 * and the links themselves: external link parts stored in the reverse order of their numbers
 * (the first named `externalLink{count}.xml`) and their relationships listed in reverse, so that
 * only the workbook's <externalReferences> says which is [1].
 */
export async function formsWithExternalLinks(books: readonly ExternalBook[]): Promise<Uint8Array> {
  const forms = await demoForms((wb: ExcelJS.Workbook) => {
    const ws = wb.addWorksheet(LINKS_SHEET);
    books.forEach((b, i) => {
      ws.getCell(`A${i + 1}`).value = { formula: `[${i + 1}]${b.sheet}!$${b.cell.replace(/(\d+)/, "$$$1")}`, result: b.value };
    });
  });
  return withExternalLinks(forms, books);
}

/**
 * `file` (as ExcelJS wrote it) with the external link parts of `books`, [1] first, as Excel saves
 * them (see formsWithExternalLinks): the formulas naming them are the caller's.
 */
export async function withExternalLinks(file: Uint8Array, books: readonly ExternalBook[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const rels: string[] = [];
  const refs: string[] = [];
  let types = await zip.file("[Content_Types].xml")!.async("string");
  books.forEach((b, i) => {
    const part = `externalLink${books.length - i}.xml`;
    const rid = `rId${900 + books.length - i}`;
    const column = b.cell.replace(/\d+/, "");
    const row = b.cell.replace(/\D+/, "");
    zip.file(
      `xl/externalLinks/${part}`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="${b.sheet}"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="${row}"><cell r="${column}${row}"><v>${b.value}</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
    );
    zip.file(
      `xl/externalLinks/_rels/${part}.rels`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="${b.target}" TargetMode="External"/></Relationships>`,
    );
    rels.unshift(`<Relationship Id="${rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/${part}"/>`);
    refs.push(`<externalReference r:id="${rid}"/>`);
    types = types.replace("</Types>", `<Override PartName="/xl/externalLinks/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>`);
  });
  zip.file("[Content_Types].xml", types);
  const workbookRels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  zip.file("xl/_rels/workbook.xml.rels", workbookRels.replace("</Relationships>", `${rels.join("")}</Relationships>`));
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  zip.file("xl/workbook.xml", workbook.replace("</sheets>", `</sheets><externalReferences>${refs.join("")}</externalReferences>`));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The files a written workbook links to, in the order of its <externalReferences> ([1] first), and the content type of each link part. */
export async function linkedBooks(file: Uint8Array): Promise<{ target: string; type: string | undefined }[]> {
  const zip = await JSZip.loadAsync(file);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const types = await zip.file("[Content_Types].xml")!.async("string");
  const block = /<externalReferences>([\s\S]*?)<\/externalReferences>/.exec(workbook)?.[1] ?? "";
  const out: { target: string; type: string | undefined }[] = [];
  for (const m of block.matchAll(/<externalReference\b[^>]*\br:id="([^"]+)"/g)) {
    const part = `xl/${new RegExp(`<Relationship\\b[^>]*\\bId="${m[1]}"[^>]*\\bTarget="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship\\b[^>]*\\bTarget="([^"]+)"[^>]*\\bId="${m[1]}"`).exec(rels)?.[1]}`;
    const name = part.slice(part.lastIndexOf("/") + 1);
    const linkRels = (await zip.file(`xl/externalLinks/_rels/${name}.rels`)?.async("string")) ?? "";
    out.push({
      target: /Target="([^"]+)"/.exec(linkRels)?.[1] ?? "",
      type: new RegExp(`PartName="/${part}" ContentType="([^"]+)"`).exec(types)?.[1],
    });
  }
  return out;
}
