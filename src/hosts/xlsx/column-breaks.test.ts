/**
 * Page breaks before columns, which ExcelJS neither reads nor writes: the xlsx host writes the
 * plan's into the sheet's XML (<colBreaks>, where the schema puts it), and a workbook scored again
 * gets the new run's breaks in place of those it had, not added to them.
 */
import JSZip from "jszip";
import { parseRels, sheetParts, withColumnBreaks } from "./ooxml";
import { scoreAgain, scoredDemo } from "./test-workbooks";

jest.setTimeout(120_000);

/** The `id`s of the sheet's manual column breaks (the last column of each page before one, 1-based), in order; none: []. */
function breakIds(sheetXml: string): number[] {
  const block = /<colBreaks\b[^>]*>([\s\S]*?)<\/colBreaks>/.exec(sheetXml);
  return block ? [...block[1]!.matchAll(/<brk id="(\d+)"[^>]*\/>/g)].map((m) => Number(m[1])) : [];
}

async function resultsXml(file: Uint8Array): Promise<{ zip: JSZip; path: string; xml: string }> {
  const zip = await JSZip.loadAsync(file);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  const path = sheetParts(workbook, rels, "xl/workbook.xml").get("Kết quả")!;
  return { zip, path, xml: await zip.file(path)!.async("string") };
}

describe("withColumnBreaks", () => {
  const sheet = (children: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${children}</worksheet>`;

  test("puts the breaks after the page setup and the row breaks, before the drawing and the tables, each across every row", () => {
    const xml = withColumnBreaks(sheet('<sheetData/><pageMargins left="0.4"/><pageSetup paperSize="9"/><headerFooter/><rowBreaks count="1" manualBreakCount="1"><brk id="9" max="16383" man="1"/></rowBreaks><drawing r:id="rId1"/><tableParts count="0"/>'), [23, 11]);
    const names = [...xml.matchAll(/<(\w+)[\s/>]/g)].map((m) => m[1]).filter((n) => !["worksheet", "brk"].includes(n!));
    expect(names).toEqual(["sheetData", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "drawing", "tableParts"]);
    // Before K (11) and W (23): the pages before them end at J and V.
    expect(xml).toContain('<colBreaks count="2" manualBreakCount="2"><brk id="10" max="1048575" man="1"/><brk id="22" max="1048575" man="1"/></colBreaks>');
  });

  test("replaces the breaks the sheet had, and takes them out when there are none; a break before column A is no break", () => {
    const had = sheet('<sheetData/><colBreaks count="1" manualBreakCount="1"><brk id="4" max="1048575" man="1"/></colBreaks><tableParts count="0"/>');
    expect(breakIds(withColumnBreaks(had, [8]))).toEqual([7]);
    expect(withColumnBreaks(had, [8]).match(/<colBreaks/g)).toHaveLength(1);
    expect(withColumnBreaks(had, [])).not.toContain("colBreaks");
    expect(withColumnBreaks(had, [1])).not.toContain("colBreaks");
  });
});

describe("the demo's scored workbook", () => {
  test("has its results sheet's column breaks in the sheet's XML, not fitted to pages wide; scored again, the same breaks, however many the file had", async () => {
    const first = await scoredDemo();
    const { zip, path, xml } = await resultsXml(first);
    const breaks = breakIds(xml);
    expect(breaks.length).toBeGreaterThanOrEqual(1);
    // Fitted to pages wide, a reader would ignore them: the sheet prints at a scale.
    expect(/fitToPage="(1|true)"/.test(xml)).toBe(false);
    expect(/<pageSetup\b[^>]*\bscale="(\d+)"/.exec(xml)?.[1]).toMatch(/^(7\d|8\d|9\d|100)$/);
    // A break the sheet has besides (a user's, a run's before) goes when it is scored again.
    zip.file(path, withColumnBreaks(xml, [6, ...breaks.map((id) => id + 1)]));
    const edited = await zip.generateAsync({ type: "uint8array" });
    expect(breakIds((await resultsXml(edited)).xml)).toEqual([5, ...breaks]);
    const { out } = await scoreAgain(edited);
    expect(breakIds((await resultsXml(out)).xml)).toEqual(breaks);
  });
});
