/**
 * Worksheets whose rows or cells leave out their optional `r` (the row's number, the cell's
 * address), as OpenXML SDK-style writers do: the format reads a row without one as the row after
 * the one before it, a cell as the one right of the cell before it. ExcelJS refuses such a sheet,
 * and the whole file with it ("not a readable workbook" of a file Excel and LibreOffice open):
 * the rows and cells are given their `r` before it reads them (withCellReferences).
 */
import JSZip from "jszip";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { columnNumber } from "../../core/a1";
import { XlsxHost } from "./host";
import { loadXlsx, withCellReferences } from "./read";
import { demoForms, open } from "./test-workbooks";

/**
 * `file` with the `r` of its worksheets' rows (`rows`) and cells (`cells`) left out wherever the
 * format reads them the same without it: a row right after the row before it, a cell right of the
 * cell before it in its row. A row whose number jumps keeps it (cells: each row's first cell when
 * it is not in column A keeps its address).
 */
async function withoutReferences(file: Uint8Array, leaveOut: { rows: boolean; cells: boolean }): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  let removed = 0;
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async("string");
    let previousRow = 0;
    const changed = xml.replace(/<row r="(\d+)"([^>]*?)(\/>|>([\s\S]*?)<\/row>)/g, (_w, n: string, attrs: string, end: string, body: string | undefined) => {
      const row = Number(n);
      const keepRow = !leaveOut.rows || row !== previousRow + 1;
      previousRow = row;
      if (!keepRow) removed++;
      const head = `<row${keepRow ? ` r="${n}"` : ""}${attrs}`;
      if (body === undefined) return `${head}${end}`;
      let previousColumn = 0;
      const cells = body.replace(/<c r="([A-Z]+)(\d+)"/g, (whole, letters: string) => {
        const column = columnNumber(letters);
        const keep = !leaveOut.cells || column !== previousColumn + 1;
        previousColumn = column;
        if (keep) return whole;
        removed++;
        return "<c";
      });
      return `${head}>${cells}</row>`;
    });
    zip.file(path, changed);
  }
  expect(removed).toBeGreaterThan(0);
  return zip.generateAsync({ type: "uint8array" });
}

/** Every cell's value of every sheet, by sheet and address. */
async function values(file: Uint8Array): Promise<Record<string, unknown>> {
  const wb = await loadXlsx(file);
  const out: Record<string, unknown> = {};
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => (out[`${ws.name}!${cell.address}`] = cell.value)));
  return out;
}

async function scored(file: Uint8Array) {
  const host = await XlsxHost.fromBuffer(file, "so-lieu.xlsx");
  const result = await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return { result, out: await host.toBuffer() };
}

describe("a worksheet whose rows or cells leave out their r", () => {
  for (const [what, leaveOut] of [
    ["rows and cells", { rows: true, cells: true }],
    ["cells alone", { rows: false, cells: true }],
    ["rows alone (the cells keep their addresses)", { rows: true, cells: false }],
  ] as const) {
    it(`(${what}) is read, scored and written as the same file with every r`, async () => {
      let sheet = "";
      const original = await demoForms((wb) => {
        // A gap in the rows and in a row's cells: numbers the format reads from the cells or the rows before.
        const ws = wb.worksheets[0]!;
        sheet = ws.name;
        ws.getCell("F40").value = "ghi chú cuối";
        ws.getCell("H40").value = 7;
      });
      const odd = await withoutReferences(original, leaveOut);
      expect(await values(odd)).toEqual(await values(original));
      const before = await scored(original);
      const after = await scored(odd);
      expect(after.result.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual(before.result.issues.map((i) => [i.code, i.sheet, i.cell]));
      expect(after.result.submissions.map((s) => [s.code, s.values])).toEqual(before.result.submissions.map((s) => [s.code, s.values]));
      // Written with every row's number and cell's address: the file opens anywhere, ExcelJS included.
      const written = await open(after.out);
      expect(written.getWorksheet(sheet)!.getCell("H40").value).toBe(7);
      const zip = await JSZip.loadAsync(after.out);
      for (const path of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
        const xml = await zip.file(path)!.async("string");
        expect(xml).not.toMatch(/<row(?![^>]*\sr=")[\s>/]/);
        expect(xml).not.toMatch(/<c(?![^>]*\sr=")[\s>/]/);
      }
    });
  }

  it("gives each row and cell the number and address the format reads", () => {
    const xml =
      '<worksheet><sheetData><row spans="1:2"><c t="s"><v>0</v></c><c><v>2</v></c></row><row r="4"><c r="C4"><v>3</v></c><c/></row>' +
      '<row><c r="B6"><v>6</v></c></row><row/><x:row><x:c><x:v>8</x:v></x:c></x:row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>';
    expect(withCellReferences(xml)).toBe(
      '<worksheet><sheetData><row spans="1:2" r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row><row r="4"><c r="C4"><v>3</v></c><c r="D4"/></row>' +
        '<row r="6"><c r="B6"><v>6</v></c></row><row r="7"/><x:row r="8"><x:c r="A8"><x:v>8</x:v></x:c></x:row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>',
    );
    const numbered = '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><cols><col min="1" max="1"/></cols></worksheet>';
    expect(withCellReferences(numbered)).toBe(numbered);
  });
});
