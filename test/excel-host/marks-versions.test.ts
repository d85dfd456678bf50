/**
 * Issue marks across Excel versions: before ExcelApi 1.18 (Excel 2021 and 2024) a mark's text is a
 * threaded comment, from it (Microsoft 365, Excel on the web) a note, and a cell holds one or the
 * other, never both. Before ExcelApi 1.18 notes cannot be read, so Excel's refusal of a comment on
 * a cell that has one (the user's, or the project's own from a run on Microsoft 365) is met while
 * writing; from ExcelApi 1.18 the project's comments of a run on Excel 2021 or 2024 are its marks.
 * And what the user is told an Excel lacks names the versions of Excel that have it.
 */
import { runScoring } from "../../src/core/pipeline";
import type { CellMark, WritePlan } from "../../src/core/types";
import { ExcelHost } from "../../src/hosts/excel";
import { MARK_FILL } from "../../src/hosts/excel/marks";
import { LIKELY_TRIED, REFUSALS_TRIED } from "../../src/hosts/excel/payload";
import { clearIssueMarks, markIssues } from "../../src/taskpane/state/pipeline";
import { createExcelDouble, type ExcelDouble } from "../excel-double";
import { RequestContext } from "../excel-double/api";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");
/** The fills of a mark, by severity. */
const MARKED = Object.values(MARK_FILL).map((f) => f.toUpperCase());

function plan(over: Partial<WritePlan> = {}): WritePlan {
  return { lang: "vi", owned: [], edits: [], marks: [], clearMarks: [], ...over };
}

function workbook(sheets: number, ExcelApi: string): ExcelDouble {
  const d = createExcelDouble({ requirements: { ExcelApi } }).install();
  for (let s = 0; s < sheets; s++) d.addSheet(`Đơn vị ${s + 1}`, [["Mã", "Số liệu"]]);
  return d;
}

const mark = (sheet: string, cell: string, note = `[DTI Scorer]\nLỗi: ô ${cell} không phải là số.`): CellMark => ({ sheet, cell, severity: "error", note });

/** A note on a cell, as Excel keeps it (an Excel before ExcelApi 1.18 cannot read it). */
function noteOn(d: ExcelDouble, sheet: string, row: number, col: number, content: string): void {
  d.workbook.notes.push({ sheet: d.sheet(sheet), row, col, content });
}

const commentCells = (d: ExcelDouble) => d.workbook.comments.map((c) => `${c.sheet.name}!${String.fromCharCode(65 + c.col)}${c.row + 1}`).sort();

/** A form of layout A whose first input (in `Số liệu`) holds text where a number is expected: the check marks it. */
async function formsWithAnIssue(requirements?: Record<string, string>) {
  const { double: d, definition, model } = await layoutAWorkbook(3, requirements ? { requirements } : {});
  d.install();
  const sheet = d.workbook.sheets.find((s) => [...s.cells.values()].some((c) => c.v === "Số liệu"))!;
  let header = -1, col = -1;
  for (const [k, c] of sheet.cells) if (c.v === "Số liệu") { header = Math.floor(k / 16384); col = k % 16384; }
  const row = header + 2;
  const cell = sheet.cell(row, col);
  cell.v = "nhiều";
  cell.t = "String";
  return { d, definition, model, sheet, row, col, address: `'${sheet.name}'!${String.fromCharCode(65 + col)}${row + 1}` };
}

const workbench = (host: ExcelHost) => ({ mode: "excel" as never, host, addWorkbooks: async () => ({}) as never });

describe("marks on Excel 2021 and 2024 (comments) where a cell has a note", () => {
  test("Excel refuses the comment: that cell is marked by its fill alone, its note kept; the rest of the write goes through, the other cells get their comments, the form is protected again, and the user is told", async () => {
    const d = workbook(2, "1.17");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Đơn vị 1").protection.protect();
      await ctx.sync();
    });
    noteOn(d, "Đơn vị 1", 4, 3, "Số liệu theo báo cáo quý 3");
    const host = new ExcelHost();
    await host.apply(plan({
      edits: [{ sheet: "Đơn vị 2", blocks: [{ address: "E5", values: [[7]] }] }],
      marks: [mark("Đơn vị 1", "D4"), mark("Đơn vị 1", "D5"), mark("Đơn vị 1", "D6"), mark("Đơn vị 2", "D6")],
    }));
    expect(d.value("'Đơn vị 2'!E5")).toBe(7);
    expect(["D4", "D5", "D6"].map((c) => d.cell(`'Đơn vị 1'!${c}`)?.fill)).toEqual(["#FFC7CE", "#FFC7CE", "#FFC7CE"]);
    expect(d.cell("'Đơn vị 2'!D6")?.fill).toBe("#FFC7CE");
    // Only the cell with the note goes without a comment, and each comment is there once.
    expect(commentCells(d)).toEqual(["Đơn vị 1!D4", "Đơn vị 1!D6", "Đơn vị 2!D6"]);
    expect(d.workbook.notes.map((n) => n.content)).toEqual(["Số liệu theo báo cáo quý 3"]);
    expect(d.sheet("Đơn vị 1").protection.protected).toBe(true);
    const told = host.lastApply!.warnings;
    expect(told).toHaveLength(1);
    expect(told[0]!.vi).toContain("Ô 'Đơn vị 1'!D5 đã có ghi chú (note)");
    expect(told[0]!.vi).toContain("chỉ được tô màu");
    expect(told[0]!.en).toContain("Cell 'Đơn vị 1'!D5 has a note");
    expect(told[0]!.en).toContain("marked by fill only");
    expect(`${told[0]!.vi} ${told[0]!.en}`).not.toContain("D6");
    // One request was refused and sent again from the refused comment on.
    expect(d.requests.filter((r) => !r.ok)).toHaveLength(1);

    // Cleared, the cells get their fills back; the note and the comments of the user's stay theirs.
    await host.clearMarks([{ sheet: "Đơn vị 1", cell: "D4" }, { sheet: "Đơn vị 1", cell: "D5" }, { sheet: "Đơn vị 1", cell: "D6" }, { sheet: "Đơn vị 2", cell: "D6" }]);
    expect(d.workbook.comments).toHaveLength(0);
    expect(d.cell("'Đơn vị 1'!D4")?.fill).toBeUndefined();
    expect(d.workbook.notes.map((n) => n.content)).toEqual(["Số liệu theo báo cáo quý 3"]);
  });

  test("however many marked cells have notes, the write takes as many requests: after two refusals on a form the rest of its marks go by fill alone, after a third those of the request, and the user is told which", async () => {
    const syncs = async (count: number) => {
      const d = workbook(4, "1.14");
      const marks = Array.from({ length: count }, (_, i) => mark(`Đơn vị ${(i % 4) + 1}`, `D${10 + Math.floor(i / 4)}`));
      // Every cell has a note (a run on Microsoft 365 marked them), the last one excepted.
      marks.slice(0, -1).forEach((m, i) => noteOn(d, m.sheet, 9 + Math.floor(i / 4), 3, "[DTI Scorer]\nLỗi cũ."));
      const host = new ExcelHost();
      await host.apply(plan({ marks }));
      expect(marks.every((m) => d.cell(`'${m.sheet}'!${m.cell}`)?.fill === "#FFC7CE")).toBe(true);
      expect(d.workbook.comments).toHaveLength(0);
      expect(d.workbook.notes).toHaveLength(count - 1);
      expect(d.requests.filter((r) => !r.ok)).toHaveLength(REFUSALS_TRIED);
      const told = host.lastApply!.warnings;
      expect(told).toHaveLength(1);
      // The marks go sheet by sheet: Excel refused two on the first sheet, whose other marks then
      // went untried, and the first on the second sheet, after which none was tried.
      expect(told[0]!.vi).toContain(`${REFUSALS_TRIED} ô 'Đơn vị 1'!D10, 'Đơn vị 1'!D11, 'Đơn vị 2'!D10 đã có ghi chú`);
      expect(told[0]!.vi).toContain(`${count - REFUSALS_TRIED} ô 'Đơn vị 1'!D12`);
      expect(told[0]!.vi).toContain("không thử thêm chú thích");
      expect(told[0]!.en).toContain(`${REFUSALS_TRIED} cells 'Đơn vị 1'!D10, 'Đơn vị 1'!D11, 'Đơn vị 2'!D10 have notes`);
      expect(told[0]!.en).toContain(`${count - REFUSALS_TRIED} cells 'Đơn vị 1'!D12`);
      expect(told[0]!.en).toContain("without trying a comment");
      return d.syncCount;
    };
    expect(await syncs(400)).toBe(await syncs(20));
  });

  test("notes of a unit's on one form (which this Excel cannot read): after two refusals there, that form's other marks go by fill, and every mark on the other forms still gets its comment", async () => {
    const d = workbook(2, "1.17");
    for (const r of [9, 10, 11]) noteOn(d, "Đơn vị 1", r, 3, "Số liệu theo báo cáo quý");
    const fresh = Array.from({ length: 10 }, (_, i) => mark("Đơn vị 2", `E${5 + i}`));
    const host = new ExcelHost();
    await host.apply(plan({ marks: [mark("Đơn vị 1", "D10"), mark("Đơn vị 1", "D11"), mark("Đơn vị 1", "D12"), ...fresh] }));
    expect(commentCells(d)).toEqual(fresh.map((m) => `Đơn vị 2!${m.cell}`).sort());
    expect(["D10", "D11", "D12"].map((c) => d.cell(`'Đơn vị 1'!${c}`)?.fill)).toEqual(["#FFC7CE", "#FFC7CE", "#FFC7CE"]);
    expect(d.requests.filter((r) => !r.ok)).toHaveLength(LIKELY_TRIED);
    const told = host.lastApply!.warnings;
    expect(told).toHaveLength(1);
    expect(told[0]!.vi).toContain("2 ô 'Đơn vị 1'!D10, 'Đơn vị 1'!D11 đã có ghi chú");
    expect(told[0]!.vi).toContain("ô 'Đơn vị 1'!D12 cũng chỉ được tô màu mà không thử thêm chú thích");
    expect(told[0]!.en).toContain("2 cells 'Đơn vị 1'!D10, 'Đơn vị 1'!D11 have notes");
    expect(told[0]!.en).toContain("cell 'Đơn vị 1'!D12 was also marked by fill only, without trying a comment");
    expect(`${told[0]!.vi} ${told[0]!.en}`).not.toContain("Đơn vị 2");
  });

  test("after a run on Microsoft 365 marked a form by notes, a run on Excel 2024 with new issues on it: the cells that hold the run's notes are tried last, so every new issue gets its comment, and at most two requests are refused", async () => {
    const d = workbook(1, "1.18");
    const old = [mark("Đơn vị 1", "D10"), mark("Đơn vị 1", "D11"), mark("Đơn vị 1", "D12")];
    await new ExcelHost().apply(plan({ marks: old }));
    expect(d.workbook.notes).toHaveLength(3);
    d.requirements = { ExcelApi: "1.17" };
    d.resetCounters();
    // The marks of the last run, as `_index` records them, come first on the form.
    const fresh = Array.from({ length: 10 }, (_, i) => mark("Đơn vị 1", `E${5 + i}`));
    const host = new ExcelHost();
    await host.apply(plan({ marks: [...old.map((m) => ({ ...m, note: `[DTI Scorer]\nVẫn lỗi ở ${m.cell}.` })), ...fresh], clearMarks: old.map((m) => ({ sheet: m.sheet, cell: m.cell })) }));
    expect(commentCells(d)).toEqual(fresh.map((m) => `Đơn vị 1!${m.cell}`).sort());
    expect([...old, ...fresh].every((m) => d.cell(`'${m.sheet}'!${m.cell}`)?.fill === "#FFC7CE")).toBe(true);
    expect(d.workbook.notes).toHaveLength(3);
    expect(d.requests.filter((r) => !r.ok)).toHaveLength(LIKELY_TRIED);
    const told = host.lastApply!.warnings;
    expect(told).toHaveLength(1);
    expect(told[0]!.en).toContain("2 cells 'Đơn vị 1'!D10, 'Đơn vị 1'!D11 have notes");
    expect(told[0]!.en).toContain("cell 'Đơn vị 1'!D12 was also marked by fill only");
    expect(told[0]!.en).not.toContain("E5");
  });

  test("scoring again on Excel 2024 after a run on Microsoft 365: the run completes, the marked cells keep the notes of that run, and the user is told", async () => {
    const { d, definition, address } = await formsWithAnIssue();
    await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
    const notes = d.workbook.notes.map((n) => n.content);
    expect(notes.length).toBeGreaterThan(0);
    d.requirements = { ExcelApi: "1.17" };
    const host = new ExcelHost();
    await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
    expect(MARKED).toContain(d.cell(address)?.fill);
    expect(d.workbook.comments).toHaveLength(0);
    expect(d.workbook.notes.map((n) => n.content)).toEqual(notes);
    const told = host.lastApply!.warnings.find((w) => w.en.includes("has a note") || w.en.includes("have notes"));
    expect(told?.vi).toContain(address);
    expect(told?.vi).toContain("Microsoft 365");
  });

  test("marking the issues from the pane on Excel 2021 where a unit put a note on a cell with an issue: the other cells get their comments, that one its fill", async () => {
    const { d, model, sheet, row, col, address } = await formsWithAnIssue({ ExcelApi: "1.14" });
    d.workbook.notes.push({ sheet, row, col, content: "Số liệu theo báo cáo quý 3" });
    const result = await markIssues(workbench(new ExcelHost()), model, "vi");
    expect(result.marked).toBeGreaterThan(1);
    expect(MARKED).toContain(d.cell(address)?.fill);
    expect(d.workbook.comments).toHaveLength(result.marked - 1);
    expect(d.workbook.notes.map((n) => n.content)).toEqual(["Số liệu theo báo cáo quý 3"]);
    expect(result.written.warnings.map((w) => w.vi).join(" ")).toContain(`Ô ${address} đã có ghi chú`);
  });
});

describe("a mark made by fill alone on Excel 2021 or 2024 (its cell has a note) is cleared as the others are", () => {
  test("the issue corrected, the next run gives the cell its own fill back and leaves its note as it is", async () => {
    const { d, definition, sheet, row, col, address } = await formsWithAnIssue({ ExcelApi: "1.17" });
    const own = d.cell(address)?.fill;
    d.workbook.notes.push({ sheet, row, col, content: "Số liệu theo báo cáo quý 3" });
    await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
    expect(MARKED).toContain(d.cell(address)?.fill);
    expect(commentCells(d)).not.toContain(address.replace(/'/g, ""));
    // The unit takes out what it typed there (the check marked it).
    const cell = sheet.cell(row, col);
    cell.v = "";
    cell.t = "Empty";
    const host = new ExcelHost();
    await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
    expect(d.cell(address)?.fill).toBe(own);
    expect(d.workbook.notes.filter((n) => n.sheet === sheet && n.row === row && n.col === col).map((n) => n.content)).toEqual(["Số liệu theo báo cáo quý 3"]);
    expect(host.lastApply!.warnings.map((w) => w.en).join(" ")).not.toContain(address);
  });

  test("clearing the marks from the pane clears the mark made by fill alone too; the user's note stays", async () => {
    const { d, model, sheet, row, col, address } = await formsWithAnIssue({ ExcelApi: "1.14" });
    const own = d.cell(address)?.fill;
    d.workbook.notes.push({ sheet, row, col, content: "Số liệu theo báo cáo quý 3" });
    const marked = await markIssues(workbench(new ExcelHost()), model, "vi");
    expect(MARKED).toContain(d.cell(address)?.fill);
    const cleared = await clearIssueMarks(workbench(new ExcelHost()), "vi");
    expect(cleared.cleared).toBe(marked.marked);
    expect(d.cell(address)?.fill).toBe(own);
    expect(d.workbook.comments).toHaveLength(0);
    expect(d.workbook.notes.map((n) => n.content)).toEqual(["Số liệu theo báo cáo quý 3"]);
  });

  test("on Microsoft 365, clearing the marks of a run on Excel 2024 clears those made by fill alone too, on a cell with a note or not", async () => {
    const d = workbook(1, "1.17");
    noteOn(d, "Đơn vị 1", 9, 3, "Số liệu theo báo cáo quý 3");
    noteOn(d, "Đơn vị 1", 10, 3, "Số liệu theo báo cáo quý 4");
    const marks = [mark("Đơn vị 1", "D10"), mark("Đơn vị 1", "D11"), mark("Đơn vị 1", "D12")];
    const host = new ExcelHost();
    await host.apply(plan({ marks }));
    // Refused twice on the form, Excel was not asked for D12's comment: it has none, nor a note.
    expect(d.workbook.comments).toHaveLength(0);
    expect(host.lastApply!.warnings[0]!.en).toContain("cell 'Đơn vị 1'!D12 was also marked by fill only");
    d.requirements = { ExcelApi: "1.18" };
    await new ExcelHost().clearMarks(marks.map((m) => ({ sheet: m.sheet, cell: m.cell, fill: "#FFF2CC" })));
    expect(marks.map((m) => d.cell(`'${m.sheet}'!${m.cell}`)?.fill)).toEqual(["#FFF2CC", "#FFF2CC", "#FFF2CC"]);
    expect(d.workbook.notes.map((n) => n.content)).toEqual(["Số liệu theo báo cáo quý 3", "Số liệu theo báo cáo quý 4"]);
  });

  test("a cell marked so whose fill the user changed since is left as it is", async () => {
    const d = workbook(1, "1.17");
    noteOn(d, "Đơn vị 1", 4, 3, "Số liệu theo báo cáo quý 3");
    await new ExcelHost().apply(plan({ marks: [mark("Đơn vị 1", "D5")] }));
    expect(d.cell("'Đơn vị 1'!D5")?.fill).toBe("#FFC7CE");
    d.sheet("Đơn vị 1").cell(4, 3).fill = "#C6EFCE";
    await new ExcelHost().clearMarks([{ sheet: "Đơn vị 1", cell: "D5", fill: "#FFF2CC" }]);
    expect(d.cell("'Đơn vị 1'!D5")?.fill).toBe("#C6EFCE");
    expect(d.workbook.notes.map((n) => n.content)).toEqual(["Số liệu theo báo cáo quý 3"]);
  });
});

describe("an Excel that does not say which comment it refused", () => {
  test("without trace messages (an older build): the request is sent again with its comments left out; the write completes, every mark has its fill, the form is protected again, and the user is told which cells may lack a comment", async () => {
    const trace = RequestContext.prototype.trace;
    RequestContext.prototype.trace = function () {
      // Not sent back to the add-in.
    };
    try {
      const d = workbook(2, "1.17");
      await Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Đơn vị 1").protection.protect();
        await ctx.sync();
      });
      noteOn(d, "Đơn vị 1", 4, 3, "Số liệu theo báo cáo quý 3");
      const host = new ExcelHost();
      await host.apply(plan({
        edits: [{ sheet: "Đơn vị 2", blocks: [{ address: "E5", values: [[7]] }] }],
        marks: [mark("Đơn vị 1", "D4"), mark("Đơn vị 1", "D5"), mark("Đơn vị 1", "D6"), mark("Đơn vị 2", "D6")],
      }));
      expect(d.value("'Đơn vị 2'!E5")).toBe(7);
      expect(["'Đơn vị 1'!D4", "'Đơn vị 1'!D5", "'Đơn vị 1'!D6", "'Đơn vị 2'!D6"].map((c) => d.cell(c)?.fill)).toEqual(["#FFC7CE", "#FFC7CE", "#FFC7CE", "#FFC7CE"]);
      expect(d.sheet("Đơn vị 1").protection.protected).toBe(true);
      expect(d.workbook.notes.map((n) => n.content)).toEqual(["Số liệu theo báo cáo quý 3"]);
      // Each comment there is there once: those written before the refusal stay.
      expect(new Set(commentCells(d)).size).toBe(commentCells(d).length);
      expect(d.requests.filter((r) => !r.ok)).toHaveLength(1);
      const told = host.lastApply!.warnings;
      expect(told).toHaveLength(1);
      expect(told[0]!.vi).toContain("mà không cho biết ô nào, nên 4 ô 'Đơn vị 2'!D6, 'Đơn vị 1'!D4, 'Đơn vị 1'!D5, 'Đơn vị 1'!D6 được tô màu, có thể không có chú thích nêu vấn đề");
      expect(told[0]!.en).toContain("without saying which, so 4 cells 'Đơn vị 2'!D6, 'Đơn vị 1'!D4, 'Đơn vị 1'!D5, 'Đơn vị 1'!D6 were marked by fill, possibly without a comment");
    } finally {
      RequestContext.prototype.trace = trace;
    }
  });

  test("without trace messages, a form a password protects is still found before anything is written, and left out as with them", async () => {
    const trace = RequestContext.prototype.trace;
    RequestContext.prototype.trace = function () {
      // Not sent back to the add-in.
    };
    try {
      for (const unprotectWithoutPassword of ["fails", "ignored"] as const) {
        const d = createExcelDouble({ requirements: { ExcelApi: "1.17" }, unprotectWithoutPassword }).install();
        d.addSheet("Đơn vị 1", [["Mã", "Số liệu"]]);
        d.addSheet("Đơn vị 2", [["Mã", "Số liệu"]]);
        await Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("Đơn vị 1").protection.protect({}, "mật khẩu");
          ctx.workbook.worksheets.getItem("Đơn vị 2").protection.protect();
          await ctx.sync();
        });
        noteOn(d, "Đơn vị 2", 4, 3, "Số liệu theo báo cáo quý 3");
        const host = new ExcelHost();
        await host.apply(plan({ marks: [mark("Đơn vị 1", "D4"), mark("Đơn vị 2", "D4"), mark("Đơn vị 2", "D5")] }));
        expect([unprotectWithoutPassword, d.cell("'Đơn vị 1'!D4")?.fill, d.cell("'Đơn vị 2'!D4")?.fill, d.cell("'Đơn vị 2'!D5")?.fill]).toEqual([unprotectWithoutPassword, undefined, "#FFC7CE", "#FFC7CE"]);
        expect(d.sheet("Đơn vị 1").protection.password).not.toBeNull();
        expect(d.sheet("Đơn vị 2").protection.protected).toBe(true);
        const told = host.lastApply!.warnings.map((w) => w.en);
        expect(told).toContainEqual(expect.stringContaining("The sheet 'Đơn vị 1' is protected with a password"));
        expect(told).toContainEqual(expect.stringContaining("without saying which"));
      }
    } finally {
      RequestContext.prototype.trace = trace;
    }
  });

  test.each(["InvalidArgument", "GeneralException"])("Excel refusing the comment with %s (the reference lists InvalidArgument for CommentCollection.add): that cell is marked by its fill alone, the others get their comments", async (code) => {
    const sync = RequestContext.prototype.sync;
    RequestContext.prototype.sync = async function (this: RequestContext) {
      try {
        await sync.call(this);
      } catch (e) {
        if ((e as { code?: string }).code === "InvalidOperation") Object.assign(e as object, { code });
        throw e;
      }
    };
    try {
      const d = workbook(1, "1.17");
      noteOn(d, "Đơn vị 1", 4, 3, "Số liệu theo báo cáo quý 3");
      const host = new ExcelHost();
      await host.apply(plan({ marks: [mark("Đơn vị 1", "D4"), mark("Đơn vị 1", "D5"), mark("Đơn vị 1", "D6")] }));
      expect(commentCells(d)).toEqual(["Đơn vị 1!D4", "Đơn vị 1!D6"]);
      expect(d.cell("'Đơn vị 1'!D5")?.fill).toBe("#FFC7CE");
      expect(host.lastApply!.warnings.map((w) => w.en)).toEqual([expect.stringContaining("Cell 'Đơn vị 1'!D5 has a note")]);
    } finally {
      RequestContext.prototype.sync = sync;
    }
  });
});

describe("marks made as comments on Excel 2021 or 2024, then on Microsoft 365 (notes)", () => {
  test("clearing from the pane deletes the project's comments and gives the cells their fills back", async () => {
    const { d, model, address } = await formsWithAnIssue({ ExcelApi: "1.14" });
    const before = d.cell(address)?.fill;
    const marked = await markIssues(workbench(new ExcelHost()), model, "vi");
    expect(d.workbook.comments).toHaveLength(marked.marked);
    d.requirements = { ExcelApi: "1.18" };
    const cleared = await clearIssueMarks(workbench(new ExcelHost()), "vi");
    expect(cleared.cleared).toBe(marked.marked);
    expect(d.workbook.comments).toHaveLength(0);
    expect(d.workbook.notes).toHaveLength(0);
    expect(d.cell(address)?.fill).toBe(before);
    expect(cleared.written.warnings).toEqual([]);
  });

  test("marking again replaces each of the project's comments by a note, with the remark the user typed in it; the user's own comment stays and its cell is marked by fill", async () => {
    const d = workbook(1, "1.14");
    const first = [mark("Đơn vị 1", "D4"), mark("Đơn vị 1", "D5"), mark("Đơn vị 1", "D6")];
    await new ExcelHost().apply(plan({ marks: first }));
    expect(d.workbook.comments).toHaveLength(3);
    d.workbook.comments.find((c) => c.row === 4)!.content += "\n\nĐơn vị đã giải trình.";
    d.workbook.comments.push({ id: "c-user", sheet: d.sheet("Đơn vị 1"), row: 7, col: 3, content: "Anh xem lại số này giúp em" });
    d.requirements = { ExcelApi: "1.18" };
    const host = new ExcelHost();
    const again = [...first, mark("Đơn vị 1", "D8")].map((m) => ({ ...m, note: `[DTI Scorer]\nCảnh báo mới ở ${m.cell}.` }));
    await host.apply(plan({ marks: again, clearMarks: first.map((m) => ({ sheet: m.sheet, cell: m.cell })) }));
    expect(d.workbook.comments.map((c) => c.content)).toEqual(["Anh xem lại số này giúp em"]);
    expect(d.workbook.notes.map((n) => [n.row, n.content]).sort()).toEqual([
      [3, "[DTI Scorer]\nCảnh báo mới ở D4."],
      [4, "[DTI Scorer]\nCảnh báo mới ở D5.\nĐơn vị đã giải trình."],
      [5, "[DTI Scorer]\nCảnh báo mới ở D6."],
    ]);
    expect(d.cell("'Đơn vị 1'!D8")?.fill).toBe("#FFC7CE");
    // Only the user's comment is said to keep its cell from a note.
    const told = host.lastApply!.warnings;
    expect(told).toHaveLength(1);
    expect(told[0]!.en).toContain("Cell 'Đơn vị 1'!D8 has a threaded comment");
  });

  test("the project's comments are found in as many requests for 400 marks as for 40", async () => {
    const syncs = async (count: number) => {
      const d = workbook(4, "1.14");
      const marks = Array.from({ length: count }, (_, i) => mark(`Đơn vị ${(i % 4) + 1}`, `D${10 + Math.floor(i / 4)}`));
      await new ExcelHost().apply(plan({ marks }));
      d.requirements = { ExcelApi: "1.18" };
      d.resetCounters();
      await new ExcelHost().clearMarks(marks.map((m) => ({ sheet: m.sheet, cell: m.cell })));
      expect(d.workbook.comments).toHaveLength(0);
      expect(d.requests.every((r) => r.ok)).toBe(true);
      return d.syncCount;
    };
    expect(await syncs(400)).toBe(await syncs(40));
  });

  test("a comment of the project's that someone replied to stays, with its replies: marked again, its cell is marked by fill; cleared, its cell gets its fill back; the others become notes", async () => {
    const d = workbook(1, "1.14");
    const first = [mark("Đơn vị 1", "D4"), mark("Đơn vị 1", "D5")];
    await new ExcelHost().apply(plan({ marks: first }));
    await Excel.run(async (ctx) => {
      ctx.workbook.comments.getItemByCell("'Đơn vị 1'!D5").replies.add("Đơn vị đã giải trình, xem công văn 12/UBND.");
      await ctx.sync();
    });
    d.requirements = { ExcelApi: "1.18" };
    const host = new ExcelHost();
    await host.apply(plan({ marks: first.map((m) => ({ ...m, note: `[DTI Scorer]\nCảnh báo mới ở ${m.cell}.` })), clearMarks: first.map((m) => ({ sheet: m.sheet, cell: m.cell })) }));
    expect(d.workbook.comments.map((c) => [c.row, c.content, c.replies?.map((r) => r.content)])).toEqual([[4, first[1]!.note, ["Đơn vị đã giải trình, xem công văn 12/UBND."]]]);
    expect(d.workbook.notes.map((n) => [n.row, n.content])).toEqual([[3, "[DTI Scorer]\nCảnh báo mới ở D4."]]);
    expect(d.cell("'Đơn vị 1'!D5")?.fill).toBe("#FFC7CE");
    expect(host.lastApply!.warnings.map((w) => w.en)).toEqual([expect.stringContaining("Cell 'Đơn vị 1'!D5 has a threaded comment")]);

    await new ExcelHost().clearMarks(first.map((m) => ({ sheet: m.sheet, cell: m.cell })));
    expect(d.workbook.notes).toHaveLength(0);
    expect(d.workbook.comments.map((c) => c.replies?.length)).toEqual([1]);
    expect(d.cell("'Đơn vị 1'!D4")?.fill).toBeUndefined();
    expect(d.cell("'Đơn vị 1'!D5")?.fill).toBeUndefined();
  });

  test("on Excel 2021 too, clearing a mark whose comment someone replied to keeps the thread", async () => {
    const d = workbook(1, "1.14");
    await new ExcelHost().apply(plan({ marks: [mark("Đơn vị 1", "D4")] }));
    await Excel.run(async (ctx) => {
      ctx.workbook.comments.getItemByCell("'Đơn vị 1'!D4").replies.add("Đã sửa.");
      await ctx.sync();
    });
    await new ExcelHost().clearMarks([{ sheet: "Đơn vị 1", cell: "D4" }]);
    expect(d.workbook.comments.map((c) => c.replies?.map((r) => r.content))).toEqual([["Đã sửa."]]);
    expect(d.cell("'Đơn vị 1'!D4")?.fill).toBeUndefined();
  });

  test("a comment of the user's that mentions [DTI Scorer] is theirs: not deleted nor edited, on Microsoft 365 or on Excel 2021", async () => {
    const text = "Anh xem lại giúp em ô này, bản [DTI Scorer]\nLỗi: số liệu cũ.";
    const d = workbook(1, "1.18");
    d.workbook.comments.push({ id: "c-user", sheet: d.sheet("Đơn vị 1"), row: 4, col: 3, content: text });
    const host = new ExcelHost();
    await host.apply(plan({ marks: [mark("Đơn vị 1", "D5")] }));
    expect(d.workbook.comments.map((c) => c.content)).toEqual([text]);
    expect(d.workbook.notes).toHaveLength(0);
    expect(d.cell("'Đơn vị 1'!D5")?.fill).toBe("#FFC7CE");
    expect(host.lastApply!.warnings.map((w) => w.en)).toEqual([expect.stringContaining("Cell 'Đơn vị 1'!D5 has a threaded comment")]);
    d.requirements = { ExcelApi: "1.14" };
    await new ExcelHost().clearMarks([{ sheet: "Đơn vị 1", cell: "D5" }]);
    expect(d.workbook.comments.map((c) => c.content)).toEqual([text]);
    expect(d.cell("'Đơn vị 1'!D5")?.fill).toBeUndefined();
  });
});

describe("what an Excel lacks names the versions of Excel that have it", () => {
  const missing = (ExcelApi: string) => {
    createExcelDouble({ requirements: { ExcelApi } }).install();
    return new ExcelHost().capabilities().missing;
  };

  test("ExcelApi 1.9 to 1.14 are in Excel 2021 and later, 1.15 to 1.17 in Excel 2024, 1.18 only in Microsoft 365 and Excel on the web", () => {
    const on112 = missing("1.12");
    const merges = on112.find((m) => m.feature === "mergedAreas")!;
    expect(merges.message.vi).toContain("(cần ExcelApi 1.13, có trong Excel 2021 trở lên, Microsoft 365 và Excel trên web)");
    expect(merges.message.en).toContain("(it needs ExcelApi 1.13, available in Excel 2021 or later, Microsoft 365 and Excel on the web)");
    const on114 = missing("1.14");
    const renames = on114.find((m) => m.feature === "watchSheetNames")!;
    expect(renames.message.vi).toContain("(cần ExcelApi 1.17, có trong Excel 2024, Microsoft 365 và Excel trên web)");
    expect(renames.message.en).toContain("(it needs ExcelApi 1.17, available in Excel 2024, Microsoft 365 and Excel on the web)");
    const notes = on114.find((m) => m.feature === "notes")!;
    expect(notes.message.vi).toContain("(cần ExcelApi 1.18, chỉ có trong Microsoft 365 và Excel trên web)");
    expect(notes.message.en).toContain("(it needs ExcelApi 1.18, only in Microsoft 365 and Excel on the web)");
    expect(missing("1.17").map((m) => m.feature)).toEqual(["notes"]);
  });

  test("collecting sheets from other files needs ExcelApi 1.13, which Excel 2021 has", async () => {
    createExcelDouble({ requirements: { ExcelApi: "1.12" } }).install();
    const report = await new ExcelHost().insertWorkbooks([{ name: "don-vi-1.xlsx", base64: "" }]);
    expect(report.inserted).toEqual([]);
    expect(report.message?.vi).toContain("(cần ExcelApi 1.13: Excel 2021 trở lên, Microsoft 365 hoặc Excel trên web)");
    expect(report.message?.en).toContain("(it needs ExcelApi 1.13: Excel 2021 or later, Microsoft 365 or Excel on the web)");
  });
});

describe("forms made by the project's template, whose Minh chứng cells of indicators with required evidence carry the template's note", () => {
  /**
   * Four forms of the template, inserted as a unit's file is (their notes come with them), with
   * every evidence cell blank (each indicator that earns points is warned about) and five inputs
   * of each form holding text where a number is expected: 20 errors on cells without a note.
   */
  async function templateForms(ExcelApi: string) {
    const { double: d, definition, model } = await layoutAWorkbook(4, { requirements: { ExcelApi }, via: "insert" });
    const numbers = [...model.inputs.values()].filter((i) => i.type === "number" || i.type === "integer").map((i) => i.code);
    const errors: string[] = [];
    const evidence: string[] = [];
    for (const sheet of d.workbook.sheets) {
      let header = -1, codeCol = -1, valueCol = -1, evidenceCol = -1;
      for (const [k, c] of sheet.cells) if (c.v === "Số liệu") { header = Math.floor(k / 16384); valueCol = k % 16384; }
      if (header < 0) continue;
      for (const [k, c] of sheet.cells) {
        if (Math.floor(k / 16384) !== header) continue;
        if (c.v === "Mã") codeCol = k % 16384;
        if (c.v === "Minh chứng") evidenceCol = k % 16384;
      }
      const at = (row: number, col: number) => `'${sheet.name}'!${String.fromCharCode(65 + col)}${row + 1}`;
      for (const [k, c] of [...sheet.cells]) {
        const row = Math.floor(k / 16384);
        if (row <= header || k % 16384 !== codeCol) continue;
        const evidenceCell = sheet.get(row, evidenceCol);
        if (evidenceCell && evidenceCell.v !== "" && evidenceCell.v !== null && evidenceCell.v !== undefined) {
          evidenceCell.v = "";
          evidenceCell.t = "Empty";
          evidence.push(at(row, evidenceCol));
        }
        if (numbers.slice(0, 5).includes(String(c.v))) {
          const cell = sheet.cell(row, valueCol);
          cell.v = "nhiều";
          cell.t = "String";
          errors.push(at(row, valueCol));
        }
      }
    }
    return { d, definition, errors, evidence };
  }
  const at = (sheet: { name: string }, row: number, col: number) => `'${sheet.name}'!${String.fromCharCode(65 + col)}${row + 1}`;

  test("on Excel 2021 (ExcelApi 1.14): the evidence cells are marked by fill alone without asking Excel, so no request is refused and every error gets its comment; the user is told the form's own note is there", async () => {
    const { d, definition, errors, evidence } = await templateForms("1.14");
    const templateNotes = d.workbook.notes.map((n) => at(n.sheet, n.row, n.col));
    expect(templateNotes.length).toBeGreaterThan(20);
    expect(errors).toHaveLength(20);
    const host = new ExcelHost();
    const run = await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
    const warned = [...new Set(run.issues.filter((i) => i.code === "evidence-missing").map((i) => `'${i.sheet}'!${i.cell}`))];
    // Many evidence cells are warned about, each one the template put its note on.
    expect(warned.length).toBeGreaterThan(3 * REFUSALS_TRIED);
    expect(warned.every((c) => evidence.includes(c) && templateNotes.includes(c))).toBe(true);
    expect(run.issues.filter((i) => i.severity === "error").map((i) => `'${i.sheet}'!${i.cell}`).sort()).toEqual([...errors].sort());
    expect(d.requests.filter((r) => !r.ok)).toHaveLength(0);
    const commented = d.workbook.comments.filter((c) => c.content.startsWith("[DTI Scorer]")).map((c) => at(c.sheet, c.row, c.col));
    for (const cell of errors) expect([cell, commented.includes(cell), d.cell(cell)?.fill]).toEqual([cell, true, MARK_FILL.error]);
    for (const cell of warned) expect([cell, commented.includes(cell), MARKED.includes(d.cell(cell)?.fill ?? "")]).toEqual([cell, false, true]);
    // The template's notes are as they were.
    expect(d.workbook.notes.map((n) => at(n.sheet, n.row, n.col))).toEqual(templateNotes);
    const told = host.lastApply!.warnings.filter((w) => w.en.includes("note"));
    expect(told).toHaveLength(1);
    expect(told[0]!.vi).toContain(`${warned.length} ô Minh chứng ${warned[0]}`);
    expect(told[0]!.vi).toContain("có ghi chú (note) của chính biểu mẫu");
    expect(told[0]!.vi).toContain("nên chỉ được tô màu");
    expect(told[0]!.en).toContain(`${warned.length} evidence cells (Minh chứng) ${warned[0]}`);
    expect(told[0]!.en).toContain("have the form's own note");
    expect(told[0]!.en).toContain("marked by fill only");
    // Nothing was refused, so nothing is said to be.
    expect(told[0]!.vi).not.toContain("không thử thêm chú thích");
    expect(`${told[0]!.vi} ${told[0]!.en}`).not.toContain(errors[0]!);
  });

  test("on Microsoft 365 (ExcelApi 1.18) as before: the notes are read, every error gets a note, and an evidence cell keeps the template's note as it is, marked by its fill", async () => {
    const { d, definition, errors } = await templateForms("1.18");
    const templateNotes = d.workbook.notes.map((n) => [at(n.sheet, n.row, n.col), n.content]);
    const host = new ExcelHost();
    const run = await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
    const warned = [...new Set(run.issues.filter((i) => i.code === "evidence-missing").map((i) => `'${i.sheet}'!${i.cell}`))];
    expect(warned.length).toBeGreaterThan(0);
    expect(d.requests.filter((r) => !r.ok)).toHaveLength(0);
    expect(d.workbook.comments).toHaveLength(0);
    const notes = new Map(d.workbook.notes.map((n) => [at(n.sheet, n.row, n.col), n.content]));
    for (const cell of errors) expect(notes.get(cell)?.startsWith("[DTI Scorer]")).toBe(true);
    for (const [cell, content] of templateNotes) expect(notes.get(cell!)).toBe(content);
    for (const cell of warned) expect(MARKED).toContain(d.cell(cell)?.fill);
    expect(host.lastApply!.warnings.map((w) => w.en).join(" ")).not.toContain("form's own note");
  });
});
