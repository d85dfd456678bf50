/**
 * Issue marks in Excel where a user's workbook makes them hard: tens of thousands of them, a mark on
 * a sheet deleted since the check, a cell that already holds a threaded comment.
 */
import type { CellMark, WritePlan } from "../../src/core/types";
import { ExcelHost } from "../../src/hosts/excel";
import { createExcelDouble, type ExcelDouble } from "../excel-double";

const MB = 1024 * 1024;

function plan(over: Partial<WritePlan> = {}): WritePlan {
  return { lang: "vi", owned: [], edits: [], marks: [], clearMarks: [], ...over };
}

function workbook(sheets: number, requirements?: Record<string, string>): ExcelDouble {
  const d = createExcelDouble(requirements ? { requirements } : {}).install();
  for (let s = 0; s < sheets; s++) d.addSheet(`Đơn vị ${s + 1}`, [["Mã", "Số liệu"]]);
  return d;
}

function marks(count: number, sheets: number, note = (i: number) => `[DTI Scorer]\nLỗi: giá trị vượt quá mẫu số của chỉ tiêu; kiểm tra lại số liệu đã nhập (ô thứ ${i + 1}).`): CellMark[] {
  return Array.from({ length: count }, (_, i) => ({ sheet: `Đơn vị ${(i % sheets) + 1}`, cell: `D${10 + Math.floor(i / sheets)}`, severity: "error" as const, note: note(i) }));
}

/** Every request Excel would take: under the 4 MB the host allows itself, every response under 5 MB. */
function expectWithinLimits(d: ExcelDouble): void {
  expect(d.requests.every((r) => r.ok)).toBe(true);
  expect(Math.max(...d.requests.map((r) => r.bytes))).toBeLessThanOrEqual(4 * MB);
  expect(Math.max(...d.requests.map((r) => r.responseBytes))).toBeLessThanOrEqual(5 * MB);
}

describe("issue marks in Excel", () => {
  test("12,000 marks are set, then cleared and set again, in requests of at most 4 MB as Office.js sends them", async () => {
    const d = workbook(60);
    const host = new ExcelHost();
    const first = marks(12_000, 60);
    await host.apply(plan({ marks: first }));
    expectWithinLimits(d);
    expect(d.workbook.notes).toHaveLength(12_000);
    expect(d.cell("'Đơn vị 60'!D209")?.fill).toBe("#FFC7CE");

    // The next check finds other issues: the last run's marks are looked up (12,000 notes, a page
    // at a time, each located) and cleared, the new ones set.
    d.resetCounters();
    const second = marks(12_000, 60, (i) => `[DTI Scorer]\nCảnh báo mới số ${i + 1}.`).map((m) => ({ ...m, severity: "warning" as const }));
    await host.apply(plan({ marks: second, clearMarks: first.map((m) => ({ sheet: m.sheet, cell: m.cell })) }));
    expectWithinLimits(d);
    expect(d.workbook.notes).toHaveLength(12_000);
    expect(d.workbook.notes.every((n) => n.content.startsWith("[DTI Scorer]\nCảnh báo mới"))).toBe(true);
    expect(d.cell("'Đơn vị 60'!D209")?.fill).toBe("#FFC000");
  }, 120_000);

  test("the look-ups before the writes take as many requests for 2,000 marks as for 200", async () => {
    const syncs = async (count: number) => {
      const d = workbook(20);
      const host = new ExcelHost();
      const set = marks(count, 20);
      await host.apply(plan({ marks: set }));
      d.resetCounters();
      await host.apply(plan({ marks: set, clearMarks: set.map((m) => ({ sheet: m.sheet, cell: m.cell })) }));
      expectWithinLimits(d);
      return d.syncCount;
    };
    expect(await syncs(2000)).toBe(await syncs(200));
  }, 60_000);

  test("notes too long to come back in one response are read in smaller pages: the user's notes are kept and the marks set", async () => {
    const d = workbook(10);
    const long = "Ghi chú dài của chuyên viên thẩm định. ".repeat(70);
    for (let i = 0; i < 2500; i++) d.workbook.notes.push({ sheet: d.sheet(`Đơn vị ${(i % 10) + 1}`), row: 20 + Math.floor(i / 10), col: 2, content: long });
    const host = new ExcelHost();
    await host.apply(plan({ marks: marks(300, 10) }));
    // Excel refused the responses over 5 MB; the pages were halved until they fit.
    expect(d.requests.some((r) => !r.ok)).toBe(true);
    expect(d.requests.filter((r) => r.ok).every((r) => r.responseBytes <= 5 * MB && r.bytes <= 4 * MB)).toBe(true);
    expect(d.workbook.notes.filter((n) => n.content === long)).toHaveLength(2500);
    expect(d.workbook.notes.filter((n) => n.content.startsWith("[DTI Scorer]"))).toHaveLength(300);
  }, 60_000);

  test("a mark on a sheet deleted since the check is left out; the other sheets are marked", async () => {
    const d = workbook(1);
    const host = new ExcelHost();
    await host.apply(plan({
      marks: [
        { sheet: "Đơn vị 1", cell: "B2", severity: "error", note: "[DTI Scorer]\nLỗi." },
        { sheet: "Đã xóa", cell: "B2", severity: "error", note: "[DTI Scorer]\nLỗi." },
      ],
      clearMarks: [{ sheet: "Cũng đã xóa", cell: "C3" }],
    }));
    expect(d.cell("'Đơn vị 1'!B2")?.fill).toBe("#FFC7CE");
    expect(d.workbook.notes.map((n) => [n.sheet.name, n.content])).toEqual([["Đơn vị 1", "[DTI Scorer]\nLỗi."]]);
    expect(d.sheetNames()).toEqual(["Đơn vị 1"]);
  });

  test("a cell with a threaded comment is marked by its fill alone and the user is told; clearing gives its fill back and keeps the comment", async () => {
    const d = workbook(1);
    const sheet = d.sheet("Đơn vị 1");
    sheet.cell(4, 3).fill = "#E2EFDA";
    d.workbook.comments.push({ id: "c1", sheet, row: 4, col: 3, content: "Anh xem lại số này giúp em" });
    const host = new ExcelHost();
    const mark = { sheet: "Đơn vị 1", cell: "D5", severity: "error" as const, note: "[DTI Scorer]\nÔ D5 không phải là số." };
    await host.apply(plan({ marks: [mark, { ...mark, cell: "D6" }] }));
    expect(d.cell("'Đơn vị 1'!D5")?.fill).toBe("#FFC7CE");
    expect(d.workbook.notes.map((n) => [n.row, n.col])).toEqual([[5, 3]]);
    expect(d.workbook.comments.map((c) => c.content)).toEqual(["Anh xem lại số này giúp em"]);
    const told = host.lastApply!.warnings;
    expect(told).toHaveLength(1);
    expect(told[0]!.vi).toContain("'Đơn vị 1'!D5");
    expect(told[0]!.vi).toContain("chỉ được tô màu");
    expect(told[0]!.en).toContain("marked by fill only");

    await host.clearMarks([{ sheet: "Đơn vị 1", cell: "D5", fill: "FFE2EFDA" }, { sheet: "Đơn vị 1", cell: "D6" }]);
    expect(d.cell("'Đơn vị 1'!D5")?.fill).toBe("#E2EFDA");
    expect(d.cell("'Đơn vị 1'!D6")?.fill).toBeUndefined();
    expect(d.workbook.notes).toHaveLength(0);
    expect(d.workbook.comments).toHaveLength(1);
  });

  test("clearing a mark gives the cell its fill back only where the mark's fill still shows: a fill the user gave the cell since stays", async () => {
    for (const requirements of [undefined, { ExcelApi: "1.9" }]) {
      const d = workbook(1, requirements);
      const sheet = d.sheet("Đơn vị 1");
      sheet.cell(4, 3).fill = "#FFF2CC";
      sheet.cell(5, 3).fill = "#FFF2CC";
      const host = new ExcelHost();
      const mark = { sheet: "Đơn vị 1", cell: "D5", severity: "error" as const, note: "[DTI Scorer]\nÔ D5 không phải là số." };
      await host.apply(plan({ marks: [mark, { ...mark, cell: "D6" }] }));
      expect([d.cell("'Đơn vị 1'!D5")?.fill, d.cell("'Đơn vị 1'!D6")?.fill]).toEqual(["#FFC7CE", "#FFC7CE"]);
      // The council corrects D5 and colours it green, as it colours what it checked.
      sheet.cell(4, 3).fill = "#92D050";
      await host.clearMarks([{ sheet: "Đơn vị 1", cell: "D5", fill: "FFFFF2CC" }, { sheet: "Đơn vị 1", cell: "D6", fill: "FFFFF2CC" }]);
      expect([d.cell("'Đơn vị 1'!D5")?.fill, d.cell("'Đơn vị 1'!D6")?.fill]).toEqual(["#92D050", "#FFF2CC"]);
      expect(d.workbook.notes).toHaveLength(0);
    }
  });

  test("on ExcelApi 1.7 to 1.9 (neither notes nor comments) the marks are fills and the write says so, naming the versions; clearing says nothing", async () => {
    const d = workbook(2, { ExcelApi: "1.9" });
    const host = new ExcelHost();
    const set = marks(3, 2);
    await host.apply(plan({ marks: set }));
    expect(set.every((m) => d.cell(`'${m.sheet}'!${m.cell}`)?.fill === "#FFC7CE")).toBe(true);
    expect(d.workbook.notes).toHaveLength(0);
    expect(d.workbook.comments).toHaveLength(0);
    const told = host.lastApply!.warnings;
    expect(told).toHaveLength(1);
    expect(told[0]!.vi).toContain("3 ô có vấn đề chỉ được tô màu");
    expect(told[0]!.vi).toContain("ExcelApi 1.18");
    expect(told[0]!.vi).toContain("ExcelApi 1.10");
    expect(told[0]!.en).toContain("the 3 cells with issues were marked by fill only");
    expect(told[0]!.en).toContain("notes (ExcelApi 1.18) nor comments (ExcelApi 1.10)");
    await host.clearMarks(set.map((m) => ({ sheet: m.sheet, cell: m.cell })));
    expect(host.lastApply!.warnings).toEqual([]);
    // With comments (ExcelApi 1.10) the marks carry their text and nothing is said.
    const withComments = workbook(2, { ExcelApi: "1.10" });
    const other = new ExcelHost();
    await other.apply(plan({ marks: set }));
    expect(withComments.workbook.comments).toHaveLength(3);
    expect(other.lastApply!.warnings).toEqual([]);
  });
});
