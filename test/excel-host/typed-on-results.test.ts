/**
 * What an analyst types on the results sheet of a workbook open in Excel stays when it is scored
 * again: the run clears only the cells the last run owned there and those it writes now (a
 * handful of ranges, however many units), so a cell typed elsewhere keeps its value and look. A
 * cell the new results are written over is named in the warning, with the text it held. The run
 * takes as many requests as one over a sheet nobody typed on. A note on a cell of the results
 * table follows its unit and column as the rows are sorted again (or is named in the warning when
 * its unit is gone), and a column added to the table keeps the width given it.
 */
import { columnLetter, columnNumber } from "../../src/core/a1";
import { RESULTS_TABLE } from "../../src/core/plan";
import { ROUNDING_NOTE } from "../../src/core/plan/labels";
import type { ExcelDouble } from "../excel-double";
import { score, scoredOnce } from "./fixtures";

const RESULTS = "Kết quả";
const NOTE = "Đề nghị đơn vị số 1 gửi lại phiếu đã ký, kèm minh chứng cho các chỉ tiêu 2.1 và 2.3";



/** What the analyst types, as Excel's range API types it: text, a formula, a look, a row height, a column width. */
async function type(): Promise<void> {
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(RESULTS);
    ws.getRange("E1").values = [["Bản gửi Hội đồng"]];
    ws.getRange("E1").format.font.bold = true;
    ws.getRange("AE3").values = [["Tổng hợp"]];
    ws.getRange("AE16").formulas = [["=COUNTA(B4:B9)"]];
    ws.getRange("AE:AE").format.columnWidth = 150;
    // Two rows under the lines on the form not scored and the one that says points are shown rounded (A14).
    ws.getRange("A16").values = [["Đã báo cáo lãnh đạo ngày 10/06"]];
    ws.getRange("16:16").format.rowHeight = 33;
    // Right under the table: the row a seventh unit takes.
    ws.getRange("D10").values = [[NOTE]];
    await ctx.sync();
  });
}

function cell(double: ExcelDouble, address: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return double.sheet(RESULTS).get(Number(m[2]) - 1, columnNumber(m[1]!) - 1);
}

describe("in Excel, what the analyst typed on the results sheet, scored again", () => {
  test("the same units: every typed cell stays with its value, formula, look, row height and column width; nothing is said; as many requests as over an untouched sheet", async () => {
    const untouched = await scoredOnce();
    untouched.double.resetCounters();
    await score(untouched.double, untouched.definition, new Date("2026-01-22T08:00:00Z"));
    const plain = untouched.double.syncCount;

    const { double, definition } = await scoredOnce();
    await type();
    const table = double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!;
    expect(table.col + table.cols).toBeLessThan(columnNumber("AE") - 1);
    double.resetCounters();
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(host.lastApply!.warnings).toEqual([]);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(double.syncCount).toBe(plain);
    expect(cell(double, "E1")?.v).toBe("Bản gửi Hội đồng");
    expect(cell(double, "E1")?.bold).toBe(true);
    expect(cell(double, "AE3")?.v).toBe("Tổng hợp");
    expect(cell(double, "AE16")?.f).toBe("=COUNTA(B4:B9)");
    expect(double.sheet(RESULTS).columnWidths.get(columnNumber("AE") - 1)).toBe(150);
    expect(cell(double, "A16")?.v).toBe("Đã báo cáo lãnh đạo ngày 10/06");
    expect(double.sheet(RESULTS).rowHeights.get(15)).toBe(33);
    expect(cell(double, "D10")?.v).toBe(NOTE);
    // The project's cells are written again: the title, the table, the lines under it.
    expect(String(cell(double, "A1")?.v)).toMatch(/^Kết quả đánh giá, xếp hạng/);
    expect(cell(double, "A11")?.v).toBe("1 phiếu chưa được chấm:");
    expect(cell(double, "A14")?.v).toBe(ROUNDING_NOTE.vi);
    expect(double.workbook.tables.filter((t) => t.name === RESULTS_TABLE)).toHaveLength(1);
  });

  test("a unit more: the table grows over the line typed under it, so Excel inserts rows above it: that line and every cell under it move down, under the project's lines, as they were, and the warning says so; the old lines go", async () => {
    const { double, definition } = await scoredOnce();
    await type();
    // The copy gets a code of its own: seven units, the table takes row 10.
    const copy = double.sheet("Bản sao");
    [...copy.cells].find(([, c]) => c.v === "U0001")![1].v = "U0099";
    double.resetCounters();
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(host.lastApply!.warnings.map((w) => w.vi)).toEqual([
      `Lần chấm này, bảng kết quả và các dòng DTI Scorer ghi dưới bảng trên trang 'Kết quả' chiếm các dòng khác lần trước, nên DTI Scorer đã chèn 4 dòng trước dòng 10 để những gì bạn nhập bên dưới bảng (D10 "${NOTE.slice(0, 39)}…", A16 "Đã báo cáo lãnh đạo ngày 10/06", AE16 "6") không bị ghi đè hay chen vào giữa: các ô đó, cùng mọi ô từ dòng 10 trở xuống, được dời xuống 4 dòng, giữ nguyên nội dung và định dạng.`,
    ]);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    const syncs = double.syncCount;
    expect(cell(double, "D14")?.v).toBe(NOTE);
    expect(cell(double, "A20")?.v).toBe("Đã báo cáo lãnh đạo ngày 10/06");
    expect(double.sheet(RESULTS).rowHeights.get(19)).toBe(33);
    expect(cell(double, "AE20")?.f).toBe("=COUNTA(B4:B9)");
    // What stood above the insert stays where it was.
    expect(cell(double, "E1")?.v).toBe("Bản gửi Hội đồng");
    expect(cell(double, "AE3")?.v).toBe("Tổng hợp");
    // The table takes row 10; the lines on the copy are gone, the rounding line one empty row under the table (A12).
    const table = double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!;
    expect(table.row + table.rows).toBe(10);
    expect([cell(double, "A11")?.v ?? "", cell(double, "A12")?.v ?? "", cell(double, "A13")?.v ?? "", cell(double, "A14")?.v ?? "", cell(double, "A15")?.v ?? ""]).toEqual(["", ROUNDING_NOTE.vi, "", "", ""]);
    // Scored once more: nothing moves again, nothing is said.
    double.resetCounters();
    const again = await score(double, definition, new Date("2026-01-29T08:00:00Z"));
    expect(again.lastApply!.warnings).toEqual([]);
    // The insert took one request of its own, before the others: a run that inserts nothing takes one fewer.
    expect(double.syncCount).toBe(syncs - 1);
    expect(cell(double, "D14")?.v).toBe(NOTE);
    expect(cell(double, "A20")?.v).toBe("Đã báo cáo lãnh đạo ngày 10/06");
  });
});

describe("in Excel, a block typed beside the lines under the results table", () => {
  test("a unit more, and the project's lines under the table take other rows: the block moves whole under them, never split by the rounding line", async () => {
    const { double, definition } = await scoredOnce();
    // Beside the line on the form not scored (A11) and two rows under it; the rounding line is in A14.
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(RESULTS);
      ws.getRange("F11").values = [["Người lập biểu"]];
      ws.getRange("F13").values = [["Nguyễn Văn A"]];
      await ctx.sync();
    });
    seventh(double);
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    // The table takes row 10 and the rounding line A12, where the block was: it goes under them.
    expect(host.lastApply!.warnings.map((w) => w.en)).toEqual([
      `This run's results table and the lines DTI Scorer writes under it on the sheet 'Kết quả' take other rows than last time, so DTI Scorer inserted 3 rows before row 11 rather than write over or between what you typed below the table (F11 "Người lập biểu", F13 "Nguyễn Văn A"): those cells, with every cell from row 11 down, moved 3 rows down, as they were.`,
    ]);
    expect(cell(double, "A12")?.v).toBe(ROUNDING_NOTE.vi);
    expect([cell(double, "F14")?.v, cell(double, "F16")?.v]).toEqual(["Người lập biểu", "Nguyễn Văn A"]);
    for (const row of [11, 12, 13, 15]) expect(cell(double, `F${row}`)?.v ?? "").toBe("");
  });
});

describe("in Excel, the results sheet protected without a password", () => {
  test("a unit more over a line typed under the table: the rows go in all the same, and the sheet is protected as it was", async () => {
    const { double, definition } = await scoredOnce();
    await type();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(RESULTS).protection.protect({ allowFormatCells: true });
      await ctx.sync();
    });
    seventh(double);
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(host.lastApply!.warnings.map((w) => w.en)[0]).toMatch(/inserted 4 rows before row 10/);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(cell(double, "D14")?.v).toBe(NOTE);
    expect(double.sheet(RESULTS).protection.protected).toBe(true);
    expect(double.sheet(RESULTS).protection.options.allowFormatCells).toBe(true);
  });
});

describe("in Excel, a column the analyst added to the results table, scored again", () => {
  test("becomes the table's last column, each value on its unit's row as the rows are sorted again; a unit without one has it blank", async () => {
    const { double, definition } = await scoredOnce();
    const table = { ...double.workbook.tables.find((t) => t.name === RESULTS_TABLE)! };
    const col = table.col + table.cols;
    const codes = [5, 8].map((r) => String(double.sheet(RESULTS).get(r, 1)?.v));
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(RESULTS);
      ws.getRangeByIndexes(2, col, 1, 1).values = [["Nhận xét HĐ"]];
      ws.getRangeByIndexes(5, col, 1, 1).values = [["Cần bổ sung minh chứng"]];
      ws.getRangeByIndexes(8, col, 1, 1).values = [[2]];
      // Excel grows the table over a column typed right of it.
      ctx.workbook.tables.getItem(RESULTS_TABLE).resize(ws.getRangeByIndexes(table.row, table.col, table.rows, table.cols + 1));
      await ctx.sync();
    });
    // The copy gets a code of its own: seven units, the rows are sorted again.
    [...double.sheet("Bản sao").cells].find(([, c]) => c.v === "U0001")![1].v = "U0099";
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(host.lastApply!.warnings).toEqual([]);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    const grown = double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!;
    expect([grown.rows, grown.cols]).toEqual([8, table.cols + 1]);
    const sheet = double.sheet(RESULTS);
    expect(sheet.get(2, col)?.v).toBe("Nhận xét HĐ");
    const byCode = new Map<string, unknown>();
    for (let r = 3; r <= 9; r++) byCode.set(String(sheet.get(r, 1)?.v), sheet.get(r, col)?.v ?? "");
    expect(byCode.get(codes[0]!)).toBe("Cần bổ sung minh chứng");
    expect(byCode.get(codes[1]!)).toBe(2);
    expect(byCode.get("U0099")).toBe("");
    expect([...byCode.values()].filter((v) => v !== "")).toHaveLength(2);
    // Scored once more: the column is still the table's last, its values on their units' rows.
    const again = await score(double, definition, new Date("2026-01-29T08:00:00Z"));
    expect(again.lastApply!.warnings).toEqual([]);
    expect(double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!.cols).toBe(table.cols + 1);
    expect(sheet.get(2, col)?.v).toBe("Nhận xét HĐ");
    for (let r = 3; r <= 9; r++) expect(sheet.get(r, col)?.v ?? "").toBe(byCode.get(String(sheet.get(r, 1)?.v)));
  });
});

/** The notes on the results sheet: [code of the row's unit, header of the column, text]. */
function notesOn(double: ExcelDouble): string[] {
  const sheet = double.sheet(RESULTS);
  return double.workbook.notes
    .filter((n) => n.sheet === sheet)
    .map((n) => `${String(sheet.get(n.row, 1)?.v)}|${String(sheet.get(2, n.col)?.v)}|${n.content}`)
    .sort();
}

/** The copy gets a code of its own: seven units, the rows are sorted again. */
function seventh(d: ExcelDouble): void {
  [...d.sheet("Bản sao").cells].find(([, c]) => c.v === "U0001")![1].v = "U0099";
}

/** The requests of a run that scores a seventh unit on a results sheet nobody typed on. */
async function plainRequests(): Promise<number> {
  const plain = await scoredOnce();
  seventh(plain.double);
  plain.double.resetCounters();
  await score(plain.double, plain.definition, new Date("2026-01-22T08:00:00Z"));
  return plain.double.syncCount;
}

/** `double` scored again with a seventh unit: nothing said, every request taken, as many requests as `requests`. */
async function scoredWithSeventh(double: ExcelDouble, definition: unknown, requests: number): Promise<void> {
  seventh(double);
  double.resetCounters();
  const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
  expect(host.lastApply!.warnings).toEqual([]);
  expect(double.requests.every((r) => r.ok)).toBe(true);
  expect(double.syncCount).toBe(requests);
}

describe("in Excel, notes on the results table, scored again", () => {
  test("each note follows its unit and column as the rows are sorted again, run after run; an added column keeps its width; as many requests as without them", async () => {
    const requests = await plainRequests();

    const { double, definition } = await scoredOnce();
    const sheet = double.sheet(RESULTS);
    const table = { ...double.workbook.tables.find((t) => t.name === RESULTS_TABLE)! };
    const col = table.col + table.cols;
    const rows = [3, 5, 8];
    const codes = rows.map((r) => String(sheet.get(r, 1)?.v));
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(RESULTS);
      ws.getRangeByIndexes(2, col, 1, 1).values = [["Ý kiến Hội đồng"]];
      ws.getRangeByIndexes(3, col, 1, 1).values = [["Đạt"]];
      ws.getRange(`${columnLetter(col + 1)}:${columnLetter(col + 1)}`).format.columnWidth = 150;
      ctx.workbook.tables.getItem(RESULTS_TABLE).resize(ws.getRangeByIndexes(table.row, table.col, table.rows, table.cols + 1));
      for (const r of rows) ctx.workbook.notes.add(`'${RESULTS}'!C${r + 1}`, `Ghi chú của ${String(sheet.get(r, 1)?.v)}`);
      await ctx.sync();
    });
    const expected = codes.map((c) => `${c}|${String(sheet.get(2, 2)?.v)}|Ghi chú của ${c}`).sort();
    expect(notesOn(double)).toEqual(expected);
    await scoredWithSeventh(double, definition, requests);
    expect(notesOn(double)).toEqual(expected);
    expect(sheet.columnWidths.get(col)).toBe(150);
    // A note did move with its unit.
    expect(double.workbook.notes.filter((n) => n.sheet === sheet).map((n) => n.row).sort()).not.toEqual(rows);
    // Scored once more: still on their units, still 150 wide.
    const again = await score(double, definition, new Date("2026-01-29T08:00:00Z"));
    expect(again.lastApply!.warnings).toEqual([]);
    expect(notesOn(double)).toEqual(expected);
    expect(sheet.columnWidths.get(col)).toBe(150);
  });

  test("a note on the row of a unit no longer scored is named in the warning with its unit, column and text", async () => {
    const { double, definition } = await scoredOnce();
    const sheet = double.sheet(RESULTS);
    // A unit other than the first, whose copy would be scored in its place.
    const row = [3, 4, 5, 6, 7, 8].find((r) => sheet.get(r, 1)?.v !== "U0001")!;
    const name = String(sheet.get(row, 2)?.v);
    // The unit's form is deleted: it is not scored any more.
    const form = double.workbook.sheets.find((s) => s.name === name)!;
    await Excel.run(async (ctx) => {
      ctx.workbook.notes.add(`'${RESULTS}'!C${row + 1}`, "Chờ bổ sung hồ sơ");
      ctx.workbook.worksheets.getItem(form.name).delete();
      await ctx.sync();
    });
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    const said = host.lastApply!.warnings.filter((w) => /ghi chú \(note\)/i.test(w.vi));
    expect(said).toHaveLength(1);
    expect(said[0]!.vi).toContain(`'${RESULTS}'!C${row + 1}`);
    expect(said[0]!.vi).toContain(name);
    expect(said[0]!.vi).toContain('"Chờ bổ sung hồ sơ"');
    expect(said[0]!.en).toContain("no longer in the results table");
    expect(notesOn(double)).toEqual([]);
  });
});

describe("in Excel, a remark typed in the results table's Ghi chú column, scored again", () => {
  test("stays on its unit's row as the rows are sorted again, run after run; nothing is said; as many requests as without it", async () => {
    const requests = await plainRequests();

    const { double, definition } = await scoredOnce();
    const sheet = double.sheet(RESULTS);
    const table = double.workbook.tables.find((t) => t.name === RESULTS_TABLE)!;
    let col = table.col;
    while (sheet.get(2, col)?.v !== "Ghi chú") col++;
    expect(col).toBeLessThan(table.col + table.cols);
    const code = String(sheet.get(8, 1)?.v);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(RESULTS).getRangeByIndexes(8, col, 1, 1).values = [["Đã xác minh tại chỗ"]];
      await ctx.sync();
    });
    const remarks = () => {
      const out: string[] = [];
      for (let r = 3; r <= 9; r++) if ((sheet.get(r, col)?.v ?? "") !== "") out.push(`${String(sheet.get(r, 1)?.v)}|${String(sheet.get(r, col)?.v)}`);
      return out;
    };
    await scoredWithSeventh(double, definition, requests);
    expect(remarks()).toEqual([`${code}|Đã xác minh tại chỗ`]);
    // The row did move with its unit.
    expect(String(sheet.get(8, 1)?.v)).not.toBe(code);
    const again = await score(double, definition, new Date("2026-01-29T08:00:00Z"));
    expect(again.lastApply!.warnings).toEqual([]);
    expect(remarks()).toEqual([`${code}|Đã xác minh tại chỗ`]);
  });
});
