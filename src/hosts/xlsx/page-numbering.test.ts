/**
 * A sheet of the user's whose printed pages run on from the sheets before it keeps doing so: a
 * run does not give it a first page number of its own (ExcelJS alone would, restarting its pages
 * at 1 in a printout of the whole workbook).
 */
import JSZip from "jszip";
import { parseRels, sheetParts } from "./ooxml";
import { edit, scoreAgain, scoredDemo } from "./test-workbooks";

jest.setTimeout(120_000);

async function pageSetupOf(file: Uint8Array, sheet: string): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  const xml = await zip.file(sheetParts(workbook, rels, "xl/workbook.xml").get(sheet)!)!.async("string");
  return /<pageSetup\b[^>]*>/.exec(xml)?.[0] ?? "";
}

test("a user's sheet without a first page number of its own gets none when the workbook is scored again; the project's sheets number their pages from 1", async () => {
  const file = await edit(await scoredDemo(), (wb) => {
    const ws = wb.addWorksheet("Ghi chép");
    ws.getCell("A1").value = "Biên bản họp hội đồng thẩm định";
    ws.pageSetup.orientation = "landscape";
  });
  expect(await pageSetupOf(file, "Ghi chép")).not.toMatch(/firstPageNumber/);
  const { out } = await scoreAgain(file);
  const setup = await pageSetupOf(out, "Ghi chép");
  expect(setup).toContain('orientation="landscape"');
  expect(setup).not.toMatch(/firstPageNumber|useFirstPageNumber/);
  expect(await pageSetupOf(out, "Kết quả")).toMatch(/firstPageNumber="1"[^>]*useFirstPageNumber="1"/);
});
