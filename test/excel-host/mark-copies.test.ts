/**
 * Issue marks in Excel on forms the user copied (how a unit is usually added) or renamed since the
 * last run, and a remark typed into a mark's note (Edit Note puts the cursor at its end).
 */
import { cellAddress, topLeft } from "../../src/core/a1";
import { runScoring } from "../../src/core/pipeline";
import { MARK_NOTE_PREFIX, planMarksOnly, readIndexSheet } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");
const REMARK = "HĐ thẩm định: đơn vị bổ sung quyết định số 12/QĐ-UBND.";

async function score(double: ExcelDouble, definition: unknown) {
  double.install();
  return runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
}

/** "D12" → [11, 3] (0-based row and column). */
function rc(cell: string): [number, number] {
  const { row, col } = topLeft(cell);
  return [row, col];
}

/**
 * A user copying a sheet (Move or Copy, Create a copy): its cells with their formats, its
 * protection, its notes; then typing the new unit's name and code into it.
 */
function copyForm(double: ExcelDouble, from: string, to: string, unit: { name: string; code: string }): void {
  double.copySheet(from, to);
  double.setCells(to, "B1", [[unit.name], [unit.code]]);
}

/** The notes holding the project's part. */
function projectNotes(double: ExcelDouble) {
  return double.workbook.notes.filter((n) => n.content.includes(MARK_NOTE_PREFIX));
}

/**
 * Whether every mark's note is a finding of its own sheet, as `_index` records the marks the last
 * run made: a note copied with its form, or on a form renamed since, is not (the note does not name
 * its sheet: it is on the cell it speaks of).
 */
async function marksAboutTheirOwnSheets(double: ExcelDouble): Promise<boolean> {
  const recorded = new Set((readIndexSheet(await new ExcelHost().read())?.marks ?? []).map((m) => `${m.sheet}!${m.cell}`));
  return projectNotes(double).every((n) => recorded.has(`${n.sheet.name}!${cellAddress(n.row + 1, n.col + 1)}`));
}

function noteOf(double: ExcelDouble, sheet: string, cell: string) {
  const [row, col] = rc(cell);
  return double.workbook.notes.find((n) => n.sheet.name === sheet && n.row === row && n.col === col);
}

function noteAt(double: ExcelDouble, sheet: string, cell: string): string | undefined {
  return noteOf(double, sheet, cell)?.content;
}

/**
 * Forms made by the template and scored (each has a warning of its own: a choice left blank),
 * then two of them given a wrong answer and scored again (marked): the sheets, the cell marked
 * as an error on each (the value of an `.a` input) and its answer and own shading.
 */
async function markedForms(units = 3) {
  const { double, definition } = await layoutAWorkbook(units);
  const first = await score(double, definition);
  const forms = first.submissions.slice(0, 2).map((sub) => {
    const sheet = sub.source!.sheet;
    const [, cell] = Object.entries(sub.source!.cells!).find(([code]) => /^\d+\.\d+\.a$/.test(code)) ?? Object.entries(sub.source!.cells!)[0]!;
    const at = double.sheet(sheet).get(...rc(cell))!;
    return { sheet, cell, answer: at.v as string | number | boolean, shading: at.fill };
  });
  for (const f of forms) double.setCells(f.sheet, f.cell, [["không rõ"]]);
  const marked = await score(double, definition);
  for (const f of forms) {
    expect(marked.issues.some((i) => i.sheet === f.sheet && i.cell === f.cell && i.severity === "error")).toBe(true);
    expect(double.cell(`'${f.sheet}'!${f.cell}`)?.fill).toBe("#FFC7CE");
    expect(f.shading).toMatch(/^#[0-9A-F]{6}$/);
  }
  return { double, definition, forms };
}

describe("issue marks in Excel on forms copied or renamed since the last run", () => {
  test("a copied form and a renamed, corrected one lose their stale marks, run after run; the user's remark on a mark stays", async () => {
    const { double, definition, forms } = await markedForms();
    const [one, two] = forms as [(typeof forms)[0], (typeof forms)[0]];
    // A new unit's form made by copying the first one, then answered correctly.
    copyForm(double, one.sheet, "Sở Xây dựng", { name: "Sở Xây dựng", code: "U0099" });
    double.setCells("Sở Xây dựng", one.cell, [[one.answer]]);
    expect(noteAt(double, "Sở Xây dựng", one.cell)).toContain(MARK_NOTE_PREFIX);
    // The second form renamed, then corrected.
    double.sheet(two.sheet).name = "ĐV2 đổi tên";
    double.setCells("ĐV2 đổi tên", two.cell, [[two.answer]]);
    expect(await marksAboutTheirOwnSheets(double)).toBe(false);
    // A council member types a remark at the end of the first form's mark.
    const note = noteOf(double, one.sheet, one.cell)!;
    expect(note.content.endsWith("\n")).toBe(true);
    note.content += REMARK;

    for (let run = 0; run < 2; run++) {
      const result = await score(double, definition);
      expect(double.requests.every((r) => r.ok)).toBe(true);
      expect(result.issues.filter((i) => i.severity === "error").map((i) => [i.sheet, i.cell])).toEqual([[one.sheet, one.cell]]);
      // The copy: no mark about another unit, its own shading back.
      expect([noteAt(double, "Sở Xây dựng", one.cell), double.cell(`'Sở Xây dựng'!${one.cell}`)?.fill]).toEqual([undefined, one.shading]);
      // The renamed form, corrected: its mark is gone and its shading back.
      expect([noteAt(double, "ĐV2 đổi tên", two.cell), double.cell(`'ĐV2 đổi tên'!${two.cell}`)?.fill]).toEqual([undefined, two.shading]);
      // The first form still wrong: marked, the project's part refreshed, the remark below it, once.
      expect(double.cell(`'${one.sheet}'!${one.cell}`)?.fill).toBe("#FFC7CE");
      const content = noteAt(double, one.sheet, one.cell)!;
      expect(content.startsWith(`${MARK_NOTE_PREFIX}\nLỗi: `)).toBe(true);
      expect(content.endsWith(`\n${REMARK}`)).toBe(true);
      expect(content.split(REMARK)).toHaveLength(2);
      // The copy's own findings are marked about the copy; no mark names another sheet.
      expect(await marksAboutTheirOwnSheets(double)).toBe(true);
      expect(projectNotes(double).some((n) => n.sheet.name === "Sở Xây dựng")).toBe(true);
      // `_index` records the marks where they are, each cell's own shading to give back.
      const state = readIndexSheet(await new ExcelHost().read())!;
      const sheets = new Set(double.sheetNames());
      expect(state.marks.every((m) => sheets.has(m.sheet) && !/^FFFFC7CE$|^FFFFC000$/.test(m.fill ?? ""))).toBe(true);
      expect(state.marks.length).toBe(projectNotes(double).length);
      expect(state.marks.filter((m) => m.cell === one.cell)).toEqual([{ sheet: one.sheet, cell: one.cell, fill: `FF${one.shading!.slice(1)}` }]);
      expect(state.marks.filter((m) => m.cell === two.cell && m.sheet !== one.sheet)).toEqual([]);
    }

    // Corrected: the mark goes, the remark stays as the user's note.
    double.setCells(one.sheet, one.cell, [[one.answer]]);
    await score(double, definition);
    expect([noteAt(double, one.sheet, one.cell), double.cell(`'${one.sheet}'!${one.cell}`)?.fill]).toEqual([REMARK, one.shading]);
    expect(await marksAboutTheirOwnSheets(double)).toBe(true);
  });

  test("clearing the marks after a marked form was copied and another renamed removes every one of them, the copy's protection kept", async () => {
    const { double, forms } = await markedForms();
    const [one, two] = forms as [(typeof forms)[0], (typeof forms)[0]];
    copyForm(double, one.sheet, "Sở Xây dựng", { name: "Sở Xây dựng", code: "U0099" });
    double.sheet(two.sheet).name = "ĐV2 đổi tên";
    expect(double.sheet("Sở Xây dựng").protection.protected).toBe(true);
    const host = new ExcelHost();
    const snapshot = await host.read();
    const previous = readIndexSheet(snapshot);
    expect(previous?.marks.some((m) => m.sheet === two.sheet)).toBe(true);
    // What "clear marks" sends (clearIssueMarks).
    await host.apply(planMarksOnly([], { lang: "vi", previous, snapshot }));
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(projectNotes(double)).toEqual([]);
    for (const [sheet, f] of [[one.sheet, one], ["Sở Xây dựng", one], ["ĐV2 đổi tên", two]] as const) {
      expect([sheet, double.cell(`'${sheet}'!${f.cell}`)?.fill]).toEqual([sheet, f.shading]);
    }
    // The warnings' cells too (the copy's were copies of the first form's).
    for (const sheet of double.sheetNames().filter((n) => !n.startsWith("_") && n !== "Hướng dẫn" && n !== "Kết quả" && n !== "Biểu đồ")) {
      expect([sheet, double.cell(`'${sheet}'!D11`)?.fill]).toEqual([sheet, "#FFF2CC"]);
    }
    expect(double.sheet("Sở Xây dựng").protection.protected).toBe(true);
    expect(readIndexSheet(await host.read())?.marks).toEqual([]);
  });

  test("finding copied marks takes as many requests for six copied forms as for one", async () => {
    const syncs = async (copies: number) => {
      const { double, definition, forms } = await markedForms(8);
      for (let i = 0; i < copies; i++) copyForm(double, forms[0]!.sheet, `Bản sao ${i + 1}`, { name: `Đơn vị mới ${i + 1}`, code: `U09${i}` });
      double.resetCounters();
      await score(double, definition);
      expect(double.requests.every((r) => r.ok)).toBe(true);
      expect(await marksAboutTheirOwnSheets(double)).toBe(true);
      return double.syncCount;
    };
    expect(await syncs(6)).toBe(await syncs(1));
  }, 60_000);
});
