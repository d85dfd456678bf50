/**
 * Links to other workbooks (`=[1]S!$A$1`): ExcelJS keeps the formulas but drops the external link
 * parts and the workbook's <externalReferences>, and Excel then removes those formulas on opening.
 * A scored workbook, scored again, and a workbook forms are gathered into keep every link, in the
 * order that numbers them, so `[1]` is still the file it was.
 */
import { runScoring } from "../../core/pipeline";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { collectFiles } from "./collect";
import { type ExternalBook, LINKS_SHEET, formsWithExternalLinks, linkedBooks } from "./external-link-workbooks";
import { XlsxHost } from "./host";
import { demoForms, open } from "./test-workbooks";

const BOOKS: ExternalBook[] = [
  { target: "file:///C:/du-lieu/nam-2023.xlsx", sheet: "S", cell: "A1", value: 5 },
  { target: "nam-2022.xlsx", sheet: "T", cell: "B2", value: 7 },
];
const CT_LINK = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml";

async function score(file: Uint8Array): Promise<Uint8Array> {
  const host = await XlsxHost.fromBuffer(file, "so-lieu.xlsx");
  await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return host.toBuffer();
}

/** The formulas of the user's sheet and what they hold, as the written file has them. */
async function linkFormulas(file: Uint8Array): Promise<{ formula: string | undefined; result: unknown }[]> {
  const ws = (await open(file)).getWorksheet(LINKS_SHEET)!;
  return BOOKS.map((_, i) => {
    const cell = ws.getCell(`A${i + 1}`);
    return { formula: cell.formula, result: cell.result };
  });
}

describe("links to other workbooks", () => {
  it("are kept when the workbook is scored, in their order, with the formulas naming them", async () => {
    const original = await formsWithExternalLinks(BOOKS);
    expect(await linkedBooks(original)).toEqual(BOOKS.map((b) => ({ target: b.target, type: CT_LINK })));
    const scored = await score(original);
    expect(await linkedBooks(scored)).toEqual(BOOKS.map((b) => ({ target: b.target, type: CT_LINK })));
    expect(await linkFormulas(scored)).toEqual([
      { formula: "[1]S!$A$1", result: 5 },
      { formula: "[2]T!$B$2", result: 7 },
    ]);
    // Scored again: the links are carried from what the first run wrote.
    const again = await score(scored);
    expect(await linkedBooks(again)).toEqual(BOOKS.map((b) => ({ target: b.target, type: CT_LINK })));
    expect((await linkFormulas(again)).map((f) => f.formula)).toEqual(["[1]S!$A$1", "[2]T!$B$2"]);
  });

  it("are kept in a workbook forms are gathered into", async () => {
    const base = await formsWithExternalLinks(BOOKS);
    const { data } = await collectFiles([{ name: "them.xlsx", data: await demoForms() }], base);
    expect(await linkedBooks(data)).toEqual(BOOKS.map((b) => ({ target: b.target, type: CT_LINK })));
    expect((await linkFormulas(data)).map((f) => f.formula)).toEqual(["[1]S!$A$1", "[2]T!$B$2"]);
  });

  it("are not made up for a workbook that has none", async () => {
    expect(await linkedBooks(await score(await demoForms()))).toEqual([]);
  });
});
