/**
 * What an analyst types on the charts sheet of a scored workbook (a caption beside the charts)
 * stays when a corrected figure is scored again: the run clears only the charts' data, the last
 * run's and its own, and replaces its charts in place by name, so the sheet keeps one of each,
 * beside a picture the analyst put there. The sheet is still laid out and printed as the plan says.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { edit, noteOf, open, scoreAgain, scoredDemo } from "./test-workbooks";
import { preserveDrawings } from "./preserve";
import { parseRels, relsPathOf, resolveTarget, sheetParts, drawingElementId } from "./ooxml";

const CHARTS = "Biểu đồ";
const CAPTION = "Biểu đồ dùng cho báo cáo quý";
/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** What the charts sheet's drawing holds: the names of its charts, in order, and how many pictures. */
async function drawingOf(file: Uint8Array): Promise<{ charts: string[]; pictures: number; chartParts: number }> {
  const zip = await JSZip.loadAsync(file);
  const text = async (path: string) => (await zip.file(path)?.async("string")) ?? "";
  const sheets = sheetParts(await text("xl/workbook.xml"), parseRels(await text("xl/_rels/workbook.xml.rels")), "xl/workbook.xml");
  const sheetPath = sheets.get(CHARTS)!;
  const rid = drawingElementId(await text(sheetPath));
  const rel = parseRels(await text(relsPathOf(sheetPath))).find((r) => r.id === rid);
  const drawing = rel ? await text(resolveTarget(sheetPath, rel.target)) : "";
  const charts = [...drawing.matchAll(/<xdr:graphicFrame\b[\s\S]*?<xdr:cNvPr\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]!);
  const chartParts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).length;
  return { charts, pictures: (drawing.match(/<xdr:pic>/g) ?? []).length, chartParts };
}

/**
 * The scored demo as the analyst saves it from Excel: a caption in K2 of the charts sheet (bold,
 * with a note, in a wide column), a picture on that sheet, and one figure corrected (Sở Xây dựng's 135% in D34).
 * Excel keeps the charts of the file; ExcelJS, which edits it here, does not, so they are put back
 * as the host puts them back.
 */
async function typedAndCorrected(): Promise<{ scored: Uint8Array; edited: Uint8Array }> {
  const scored = await scoredDemo();
  const wb = await open(scored);
  const ws = wb.getWorksheet(CHARTS)!;
  ws.getCell("K2").value = CAPTION;
  ws.getCell("K2").font = { bold: true, color: { argb: "FF1F4E79" } };
  ws.getColumn("K").width = 40;
  ws.getCell("K2").note = "Chú thích cho bản in";
  const image = wb.addImage({ buffer: PNG, extension: "png" } as unknown as ExcelJS.Image);
  ws.addImage(image, "K4:L6");
  const form = wb.getWorksheet("Sở Xây dựng")!;
  expect(form.getCell("D34").value).toBe("135%");
  form.getCell("D34").value = 0.95;
  const saved = new Uint8Array(await wb.xlsx.writeBuffer());
  return { scored, edited: await preserveDrawings(scored, saved, { skipSheets: [] }) };
}

describe("what the analyst typed on the charts sheet, a figure corrected and scored again", () => {
  test("the caption stays with its look, note and column width, the picture stays, the three charts are replaced in place, once each; the data is written again; nothing is said of the sheet", async () => {
    const { scored, edited } = await typedAndCorrected();
    const before = await drawingOf(edited);
    expect(before.charts).toEqual(["dti-total", "dti-groups", "dti-profile"]);
    expect(before.pictures).toBe(1);

    const again = await scoreAgain(edited);
    expect(again.warnings.filter((w) => w.sheet === CHARTS)).toEqual([]);
    const wb = await open(again.out);
    const ws = wb.getWorksheet(CHARTS)!;
    expect(ws.getCell("K2").value).toBe(CAPTION);
    expect(ws.getCell("K2").font).toMatchObject({ bold: true, color: { argb: "FF1F4E79" } });
    expect(ws.getColumn("K").width).toBe(40);
    expect(noteOf(ws.getCell("K2"))).toBe("Chú thích cho bản in");
    const after = await drawingOf(again.out);
    expect(after).toEqual({ charts: ["dti-total", "dti-groups", "dti-profile"], pictures: 1, chartParts: (await drawingOf(scored)).chartParts });

    // The data under the charts is this run's: Sở Xây dựng's corrected total, as on the results sheet.
    const totalOf = (book: ExcelJS.Workbook) => {
      const results = book.getWorksheet("Kết quả")!;
      const column = (results.getRow(3).values as unknown[]).indexOf("Tổng điểm");
      let found: unknown;
      results.eachRow((row) => {
        if (row.getCell(3).value === "Sở Xây dựng") found = row.getCell(column).value;
      });
      return found;
    };
    const total = totalOf(wb);
    let heading = 0;
    ws.eachRow((row, r) => {
      if (heading === 0 && /^Số liệu của các biểu đồ/.test(String(row.getCell(1).value ?? ""))) heading = r;
    });
    expect(heading).toBeGreaterThan(2);
    let charted: unknown;
    for (let r = heading + 2; ws.getCell(r, 1).value !== null; r++) if (ws.getCell(r, 1).value === "Sở Xây dựng") charted = ws.getCell(r, 2).value;
    expect(typeof total).toBe("number");
    expect(charted).toBe(total);
    expect(charted).not.toBe(totalOf(await open(scored)));

    // Laid out and printed as the plan says: the header row of the data tall enough for its names,
    // the data columns as wide as the first run made them, landscape, one page wide, the charts only.
    const first = (await open(scored)).getWorksheet(CHARTS)!;
    for (const c of ["A", "B", "C"]) expect(ws.getColumn(c).width).toBe(first.getColumn(c).width);
    expect(ws.getRow(heading + 1).height).toBe(first.getRow(heading + 1).height);
    expect(ws.pageSetup).toMatchObject({ orientation: first.pageSetup.orientation, paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printArea).toBe(first.pageSetup.printArea);

    // A third run: still one of each, the caption still there.
    const third = await scoreAgain(again.out);
    expect((await open(third.out)).getWorksheet(CHARTS)!.getCell("K2").value).toBe(CAPTION);
    expect(await drawingOf(third.out)).toEqual(after);
  });
});

/** The row of the heading over the charts' data on the charts sheet. */
function headingRow(ws: ExcelJS.Worksheet): number {
  let heading = 0;
  ws.eachRow((row, r) => {
    if (heading === 0 && /^Số liệu của các biểu đồ/.test(String(row.getCell(1).value ?? ""))) heading = r;
  });
  return heading;
}

/** How many cells of column A of the charts sheet hold `text`. */
function timesInA(ws: ExcelJS.Worksheet, text: string): number {
  let n = 0;
  ws.eachRow((row) => {
    if (row.getCell(1).value === text) n++;
  });
  return n;
}

describe("a workbook scored by an earlier version, whose _index does not record the charts' data, typed on beside the data and scored again", () => {
  const BESIDE = "Ghi chú cạnh tiêu đề";
  const UNDER = "Nguồn: Sở TT&TT";
  const FAR = "xa";

  test.each([
    ["as it was scored", 0],
    ["with rows inserted above the charts", 3],
  ])("%s: the cells typed right of the units' header, right under the profile's last row and far right of the data stay; the data is written anew, each unit once; nothing is said but of rows typed under the charts", async (_, inserted) => {
    const scored = await scoredDemo();
    const first = (await open(scored)).getWorksheet(CHARTS)!;
    const heading = headingRow(first);
    // The demo's data: the units' block (Sở, ban, ngành — the index's name for its units —, Tổng điểm, six groups: A to H), an empty row, the profile's block (A to E).
    expect(first.getCell(heading + 1, 1).value).toBe("Sở, ban, ngành");
    expect(first.getCell(heading + 1, 8).value).not.toBeNull();
    expect(first.getCell(heading + 1, 9).value).toBeNull();
    let last = heading + 1;
    while (first.getCell(last + 1, 1).value !== null || first.getCell(last + 2, 1).value !== null) last++;
    expect(first.getCell(last, 5).value).toEqual(expect.any(Number));
    const lastUnit = String(first.getCell(heading + 21, 1).value);
    expect(timesInA(first, lastUnit)).toBe(1);

    const h = heading + inserted;
    const edited = await edit(scored, (wb) => {
      // An earlier version's _index: no row records the charts' data.
      const index = wb.getWorksheet("_index")!;
      let recorded = 0;
      index.eachRow((row, r) => {
        if (row.getCell(1).value === "cells" && row.getCell(3).value === "chartData") recorded = r;
      });
      expect(recorded).toBeGreaterThan(0);
      index.spliceRows(recorded, 1);
      const ws = wb.getWorksheet(CHARTS)!;
      ws.getCell(heading + 1, 9).value = BESIDE;
      ws.getCell(last + 1, 1).value = UNDER;
      ws.getCell(heading + 10, 11).value = FAR;
      if (inserted > 0) ws.spliceRows(2, 0, ...Array.from({ length: inserted }, (_, i) => [`Dòng chèn ${i + 1}`]));
    });
    const again = await scoreAgain(edited);
    // The rows inserted above, typed in, lie under the first chart, which goes back to its place: said, and kept.
    const under = Array.from({ length: inserted }, (_, i) => `A${2 + i} "Dòng chèn ${i + 1}"`).join(", ");
    expect(again.warnings.filter((w) => w.sheet === CHARTS).map((w) => w.en)).toEqual(
      inserted > 0 ? [`Sheet '${CHARTS}': ${inserted} cells you typed lie under this run's charts and cannot be seen: ${under}. They are kept as they are; move them to another cell, right of the charts or under their data, to see and print them.`] : [],
    );
    const ws = (await open(again.out)).getWorksheet(CHARTS)!;
    expect(ws.getCell(h + 1, 9).value).toBe(BESIDE);
    expect(ws.getCell(last + inserted + 1, 1).value).toBe(UNDER);
    expect(ws.getCell(h + 10, 11).value).toBe(FAR);
    for (let i = 1; i <= inserted; i++) expect(ws.getCell(1 + i, 1).value).toBe(`Dòng chèn ${i}`);
    // The data written anew where the plan puts it, the last run's cleared where it was: each unit once, the profile's header once.
    expect(headingRow(ws)).toBe(heading);
    expect(ws.getCell(heading + 21, 1).value).toBe(lastUnit);
    expect(timesInA(ws, lastUnit)).toBe(1);
    expect(timesInA(ws, String(first.getCell(heading + 23, 1).value))).toBe(1);
    // The run records the data's cells in _index now.
    const index = (await open(again.out)).getWorksheet("_index")!;
    let recorded = false;
    index.eachRow((row) => {
      if (row.getCell(3).value === "chartData") recorded = true;
    });
    expect(recorded).toBe(true);
  });
});
