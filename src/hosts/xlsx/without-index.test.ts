/**
 * A scored workbook scored again without its `_index`, round trip through real files: LibreOffice
 * saves `_index` hidden (not very hidden), so a person can delete it, and the line under each
 * form's summary then reads #REF!; a form copied out of a scored workbook into one of its own
 * (LibreOffice's Move or Copy Sheet → new document, Excel's Move or Copy → new book) reads the old
 * workbook's `_index` by an external link. The project knows its summary on each form by its labels
 * and shape, as `collect` does (collect-clean.ts), and writes it again in place, once, with the line
 * under it reading the new `_index`; the line on a form left out is written again where it is; a
 * link to the old workbook that nothing uses any more is not kept; what a person typed stays.
 */
import ExcelJS from "exceljs";
import { runScoring } from "../../core/pipeline";
import { INDEX_SHEET } from "../../core/plan/labels";
import { findBuiltin } from "../../indices";
import { type ExternalBook, linkedBooks, withExternalLinks } from "./external-link-workbooks";
import { XlsxHost } from "./host";
import { edit, open, scoredDemo } from "./test-workbooks";

const DEFINITION = findBuiltin("dti-so-nganh-mau")!.definition;
const FORM = "Sở Nội vụ";
/** The demo's form left out of the scoring: its unit code is Sở Y tế's. */
const LEFT_OUT = "Đài Phát thanh và Truyền hình…";
/** A figure of Sở Nội vụ's (1.3.a), changed between the runs. */
const FIGURE = "D16";

let scored: Uint8Array;

beforeAll(async () => {
  scored = await scoredDemo();
}, 60000);

/** `file` scored by the xlsx host with the demo's index given (no `_index` keeps it), in Vietnamese. */
async function score(file: Uint8Array) {
  const host = await XlsxHost.fromBuffer(file, "ket-qua.xlsx");
  const result = await runScoring(host, { definition: DEFINITION, lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-08T00:00:00Z") });
  return { out: await host.toBuffer(), result, warnings: host.lastApply?.warnings ?? [] };
}

/** The cells of rows 1 to 7 (above the forms' table) holding `test`. */
function above(ws: ExcelJS.Worksheet, test: (v: ExcelJS.CellValue) => boolean): string[] {
  const out: string[] = [];
  for (let r = 1; r <= 7; r++) ws.getRow(r).eachCell((c) => void (test(c.value) && out.push(c.address)));
  return out;
}

const isTotalLabel = (v: ExcelJS.CellValue) => v === "Tổng điểm";
const isNotScoredLine = (v: ExcelJS.CellValue) => typeof v === "string" && v.startsWith("Chưa được chấm: ");

/** The unit forms of the demo's scored workbook that carry a summary (the form left out carries none). */
function forms(wb: ExcelJS.Workbook): string[] {
  return wb.worksheets.filter((ws) => ws.getCell("A1").value === "Đơn vị" && above(ws, isTotalLabel).length > 0).map((ws) => ws.name);
}

/** The line under a summary as LibreOffice saves it once `_index` is deleted: its references #REF!, its result the error. */
function asLibreOfficeLeavesIt(cell: ExcelJS.Cell): void {
  const formula = cell.formula;
  cell.value = { formula: formula.replace(/'_index'!\$[A-Z]:\$[A-Z]/g, "#REF!"), result: { error: "#REF!" } } as ExcelJS.CellValue;
}

describe("a scored workbook whose _index was deleted, scored again", () => {
  test.each([
    ["deleted as ExcelJS deletes a sheet (the formulas left as they were)", false],
    ["deleted in LibreOffice (the line under each summary reads #REF!)", true],
  ])("each form's summary is written again in place, once, and the line on the form left out once (%s)", async (_, libreOffice) => {
    const before = await open(scored);
    const names = forms(before);
    expect(names.length).toBe(20);
    const form = before.getWorksheet(FORM)!;
    expect(["D1", "D2", "D3"].map((a) => form.getCell(a).value)).toEqual(["Tổng điểm", "Hạng", "Hạng trong loại"]);
    const oldTotal = form.getCell("E1").value;
    expect(form.getCell("D4").formula).toContain("'_index'!$A:$A");
    expect(above(before.getWorksheet(LEFT_OUT)!, isNotScoredLine)).toEqual(["D1"]);

    const changed = await edit(scored, (wb) => {
      wb.removeWorksheet(wb.getWorksheet(INDEX_SHEET)!.id);
      if (libreOffice) for (const name of names) asLibreOfficeLeavesIt(wb.getWorksheet(name)!.getCell("D4"));
      wb.getWorksheet(FORM)!.getCell(FIGURE).value = 200;
      // A person's words right of the summary, on another form: they stay, and so does the summary.
      wb.getWorksheet("Sở Tài chính")!.getCell("F1").value = "Đã gửi bản giấy";
    });
    const { out } = await score(changed);
    const wb = await open(out);
    for (const name of names) {
      const ws = wb.getWorksheet(name)!;
      // One summary, where it was; nothing beside it.
      expect([name, above(ws, isTotalLabel)]).toEqual([name, ["D1"]]);
      expect([name, ws.getCell("D2").value, String(ws.getCell("E2").value)]).toEqual([name, "Hạng", expect.stringMatching(/^\d+\/20$/)]);
      for (const a of ["G1", "G2", "G3", "F4", "F5"]) expect([name, a, ws.getCell(a).value]).toEqual([name, a, null]);
      // The line under it reads the new `_index`.
      expect([name, ws.getCell("D4").formula]).toEqual([name, expect.stringContaining("MATCH(\"inputs\",'_index'!$A:$A,0)")]);
      expect(ws.getCell("D4").formula).not.toContain("#REF!");
    }
    const now = wb.getWorksheet(FORM)!;
    expect(typeof now.getCell("E1").value).toBe("number");
    expect(now.getCell("E1").value).not.toBe(oldTotal);
    expect(wb.getWorksheet("Sở Tài chính")!.getCell("F1").value).toBe("Đã gửi bản giấy");
    expect(wb.getWorksheet("Sở Tài chính")!.getCell("E1").value).toBe(before.getWorksheet("Sở Tài chính")!.getCell("E1").value);
    // The form left out: why, once, where it was said.
    const leftOut = wb.getWorksheet(LEFT_OUT)!;
    expect(above(leftOut, isNotScoredLine)).toEqual(["D1"]);
    expect(leftOut.getCell("D1").value).toBe(before.getWorksheet(LEFT_OUT)!.getCell("D1").value);
    expect(above(leftOut, isTotalLabel)).toEqual([]);
    expect(wb.getWorksheet(INDEX_SHEET)).toBeDefined();

    // Scored once more (its `_index` back): as it is.
    const again = await open((await score(out)).out);
    for (const name of names) expect([name, above(again.getWorksheet(name)!, isTotalLabel)]).toEqual([name, ["D1"]]);
    expect(above(again.getWorksheet(LEFT_OUT)!, isNotScoredLine)).toEqual(["D1"]);
  });
});

/** A copy of the sheet `from` of `source` as the only sheet of a new workbook: values, formulas with their results, styles, merges. */
function copyInto(target: ExcelJS.Workbook, source: ExcelJS.Worksheet): ExcelJS.Worksheet {
  const copy = target.addWorksheet(source.name);
  source.columns.forEach((c, i) => (copy.getColumn(i + 1).width = c.width));
  source.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const to = copy.getCell(r, c);
      to.value = cell.value && typeof cell.value === "object" ? (JSON.parse(JSON.stringify(cell.value)) as ExcelJS.CellValue) : cell.value;
      to.style = JSON.parse(JSON.stringify(cell.style ?? {})) as Partial<ExcelJS.Style>;
    }),
  );
  for (const m of (source.model as unknown as { merges?: string[] }).merges ?? []) copy.mergeCells(m);
  return copy;
}

/** The workbook the form was copied out of, as the link to it names it. */
const OLD_BOOK: ExternalBook = { target: "ket-qua.xlsx", sheet: "_index", cell: "A1", value: 0 };
/** Another workbook a person's own formula reads. */
const THEIRS: ExternalBook = { target: "nam-2023.xlsx", sheet: "S", cell: "A1", value: 5 };

/**
 * The demo's form `FORM` copied out into a workbook of its own, the line under its summary reading
 * the old workbook's `_index` by link [oldLink] (`[1]_index!$A$1:$A$1048576`, as LibreOffice saves
 * it); with `theirs`, a sheet of the person's whose A1 reads another workbook by link [theirs].
 */
async function copiedOut(oldLink: number, theirs?: number): Promise<Uint8Array> {
  const source = (await open(scored)).getWorksheet(FORM)!;
  const wb = new ExcelJS.Workbook();
  const form = copyInto(wb, source);
  const line = form.getCell("D4");
  line.value = { formula: line.formula.replace(/'_index'!\$([A-Z]):\$([A-Z])/g, `[${oldLink}]_index!$$$1$$1:$$$2$$1048576`) } as ExcelJS.CellValue;
  if (theirs !== undefined) wb.addWorksheet("Năm trước").getCell("A1").value = { formula: `[${theirs}]S!$A$1`, result: THEIRS.value };
  const books: ExternalBook[] = [];
  books[oldLink - 1] = OLD_BOOK;
  if (theirs !== undefined) books[theirs - 1] = THEIRS;
  return withExternalLinks(new Uint8Array(await wb.xlsx.writeBuffer()), books);
}

describe("a form copied out of a scored workbook into one of its own, scored on its own", () => {
  test("its summary is written again in place, and the link to the old workbook the line under it read goes", async () => {
    const file = await copiedOut(1);
    expect(await linkedBooks(file)).toEqual([{ target: "ket-qua.xlsx", type: expect.any(String) }]);
    expect((await open(file)).getWorksheet(FORM)!.getCell("D4").formula).toContain("MATCH(\"inputs\",[1]_index!$A$1:$A$1048576,0)");
    const { out } = await score(file);
    const ws = (await open(out)).getWorksheet(FORM)!;
    expect(above(ws, isTotalLabel)).toEqual(["D1"]);
    expect([ws.getCell("D2").value, ws.getCell("E2").value, ws.getCell("E3").value]).toEqual(["Hạng", "1/1", "1/1"]);
    for (const a of ["F1", "G1", "F4"]) expect([a, ws.getCell(a).value]).toEqual([a, null]);
    expect(ws.getCell("D4").formula).toContain("MATCH(\"inputs\",'_index'!$A:$A,0)");
    expect(await linkedBooks(out)).toEqual([]);
  });

  test("a link a person's own formula uses stays, with the number it has", async () => {
    // The person's link first: the old workbook's, after it and used by nothing once scored, goes.
    const { out } = await score(await copiedOut(2, 1));
    expect((await linkedBooks(out)).map((b) => b.target)).toEqual(["nam-2023.xlsx"]);
    const wb = await open(out);
    expect(wb.getWorksheet("Năm trước")!.getCell("A1").formula).toBe("[1]S!$A$1");
    expect(above(wb.getWorksheet(FORM)!, isTotalLabel)).toEqual(["D1"]);
    // The old workbook's first: it stays, so that [2] still names the person's workbook.
    const second = await score(await copiedOut(1, 2));
    expect((await linkedBooks(second.out)).map((b) => b.target)).toEqual(["ket-qua.xlsx", "nam-2023.xlsx"]);
    expect((await open(second.out)).getWorksheet("Năm trước")!.getCell("A1").formula).toBe("[2]S!$A$1");
  });
});
