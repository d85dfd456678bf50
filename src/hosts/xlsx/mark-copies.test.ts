/**
 * Issue marks in a file, round trip through ExcelJS: a form copied from a marked one (how a unit
 * is usually added), a form renamed and corrected, and a remark the user typed into a mark's note.
 */
import ExcelJS from "exceljs";
import { type IndexSheetState, readIndexSheet } from "../../core/plan/index-sheet";
import { MARK_FILLS, MARK_NOTE_PREFIX } from "../../core/plan/labels";
import { planMarksOnly } from "../../core/plan/marks-only";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { snapshotWorkbook } from "./read";
import { addDemoForms, edit, open } from "./test-workbooks";

/** The form's input shading (the template's light yellow). */
const SHADING = "FFFFF2CC";
/** The shading as the file host records it in `_index`. */
const RECORDED = "#FFF2CC";
const REMARK = "HĐ thẩm định: đơn vị bổ sung quyết định số 12/QĐ-UBND.";

/** The demo forms, their `Số liệu` cells shaded; SO-02 typed text for a number, SO-03's cell shows an Excel error. */
async function faultyForms(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  addDemoForms(wb, (ws) => {
    for (let r = 7; r <= 13; r++) ws.getCell(`D${r}`).fill = { type: "pattern", pattern: "solid", fgColor: { argb: SHADING } };
  });
  wb.getWorksheet("SO-02")!.getCell("D10").value = "abc";
  wb.getWorksheet("SO-03")!.getCell("D11").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function score(file: Uint8Array) {
  const host = await XlsxHost.fromBuffer(file, "phieu.xlsx");
  const result = await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return { out: await host.toBuffer(), issues: result.issues };
}

/** Copies a sheet as Excel's Move or Copy does: values, styles and notes. */
function copySheet(wb: ExcelJS.Workbook, from: string, to: string): ExcelJS.Worksheet {
  const src = wb.getWorksheet(from)!;
  const copy = wb.addWorksheet(to);
  src.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const target = copy.getCell(r, c);
      target.value = cell.value;
      target.style = { ...cell.style };
      if (cell.note) target.note = cell.note;
    }),
  );
  return copy;
}

function noteOf(cell: ExcelJS.Cell): string | undefined {
  const note = cell.note as string | ExcelJS.Comment | undefined;
  if (note === undefined) return undefined;
  return typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join("");
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  return (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
}

/** Every cell of the file whose note holds the project's part: "Sheet!A1". */
function projectNotes(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (noteOf(cell)?.includes(MARK_NOTE_PREFIX)) out.push(`${ws.name}!${cell.address}`);
      }),
    );
  }
  return out;
}

function stateOf(wb: ExcelJS.Workbook): IndexSheetState {
  const state = readIndexSheet(snapshotWorkbook(wb));
  if (!state) throw new Error("no _index");
  return state;
}

/** The file after the first run: SO-02 copied to a new unit's form and corrected there, SO-03 renamed and corrected. */
async function copiedAndRenamed(scored: Uint8Array, remark: boolean): Promise<Uint8Array> {
  return edit(scored, (wb) => {
    const copy = copySheet(wb, "SO-02", "SO-02 (2)");
    copy.getCell("B1").value = "Sở Xây dựng";
    copy.getCell("B2").value = "SO-04";
    copy.getCell("D10").value = 55;
    const renamed = wb.getWorksheet("SO-03")!;
    renamed.name = "Sở Tài chính 2025";
    renamed.getCell("D11").value = 100;
    // A council member opens SO-02's mark (Edit Note: the cursor at its end) and types a remark.
    if (remark) {
      const marked = wb.getWorksheet("SO-02")!.getCell("D10");
      marked.note = `${noteOf(marked)}${REMARK}`;
    }
  });
}

describe("issue marks on forms copied or renamed, in a file", () => {
  test("a copied form and a renamed, corrected one lose their stale marks, run after run; the user's remark on a mark stays", async () => {
    const first = await score(await faultyForms());
    const marked = await open(first.out);
    expect(projectNotes(marked).sort()).toEqual(["SO-02!D10", "SO-03!D11"]);
    expect(noteOf(marked.getWorksheet("SO-02")!.getCell("D10"))).toMatch(/\n$/);

    let file = await copiedAndRenamed(first.out, true);
    for (let run = 0; run < 2; run++) {
      const next = await score(file);
      expect(next.issues.map((i) => [i.sheet, i.cell])).toEqual([["SO-02", "D10"]]);
      const wb = await open(next.out);
      // The copy: no mark about another unit, its own shading back.
      const copied = wb.getWorksheet("SO-02 (2)")!.getCell("D10");
      expect([noteOf(copied), fillOf(copied)]).toEqual([undefined, SHADING]);
      // The renamed form, corrected: its mark is gone and its shading back.
      const renamed = wb.getWorksheet("Sở Tài chính 2025")!.getCell("D11");
      expect([noteOf(renamed), fillOf(renamed)]).toEqual([undefined, SHADING]);
      // SO-02 still wrong: marked, the project's part refreshed and the remark below it, once.
      const still = wb.getWorksheet("SO-02")!.getCell("D10");
      expect(fillOf(still)).toBe(MARK_FILLS.error);
      const note = noteOf(still)!;
      expect(note.startsWith(`${MARK_NOTE_PREFIX}\nLỗi: `)).toBe(true);
      expect(note.endsWith(`\n${REMARK}`)).toBe(true);
      expect(note.split(REMARK)).toHaveLength(2);
      expect(projectNotes(wb)).toEqual(["SO-02!D10"]);
      expect(stateOf(wb).marks).toEqual([{ sheet: "SO-02", cell: "D10", fill: RECORDED }]);
      file = next.out;
    }

    // SO-02 corrected: the mark goes, the remark stays as the user's note.
    const corrected = await score(await edit(file, (wb) => (wb.getWorksheet("SO-02")!.getCell("D10").value = 40)));
    expect(corrected.issues).toEqual([]);
    const wb = await open(corrected.out);
    const cell = wb.getWorksheet("SO-02")!.getCell("D10");
    expect([noteOf(cell), fillOf(cell)]).toEqual([REMARK, SHADING]);
    expect(projectNotes(wb)).toEqual([]);
    expect(stateOf(wb).marks).toEqual([]);
  });

  test("clearing the marks of a workbook whose marked forms were copied and renamed since removes every one of them", async () => {
    const first = await score(await faultyForms());
    const file = await copiedAndRenamed(first.out, false);
    const host = await XlsxHost.fromBuffer(file, "phieu.xlsx");
    const snapshot = await host.read();
    const previous = readIndexSheet(snapshot);
    expect(previous?.marks).toEqual([{ sheet: "SO-02", cell: "D10", fill: RECORDED }, { sheet: "SO-03", cell: "D11", fill: RECORDED }]);
    await host.apply(planMarksOnly([], { lang: "vi", previous, snapshot }));
    const wb = await open(await host.toBuffer());
    expect(projectNotes(wb)).toEqual([]);
    for (const [sheet, cell] of [["SO-02", "D10"], ["SO-02 (2)", "D10"], ["Sở Tài chính 2025", "D11"]] as const) {
      expect([sheet, fillOf(wb.getWorksheet(sheet)!.getCell(cell))]).toEqual([sheet, SHADING]);
    }
    expect(stateOf(wb).marks).toEqual([]);
  });
});
