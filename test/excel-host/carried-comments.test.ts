/**
 * The user's threaded comments and notes on the results table when it is scored again and its rows
 * sorted anew. On Microsoft 365 (ExcelApi 1.18) a thread goes with its unit and column, as a note
 * does: its first comment and replies in order, each text starting with the name of who wrote it
 * (Office.js cannot set a comment's author: Excel shows the one running the add-in), the name not
 * added twice when it moves again; a thread whose unit stays on its row is left as it is; one whose
 * unit is gone is named in the warning with its texts. On Excel 2021 and 2024 (ExcelApi 1.14 and
 * 1.17: no notes to read) threads go with their units the same way, and a note the user put on the
 * table, which that Excel cannot read, stays on its cell, not deleted; a thread whose unit's new
 * cell holds such a note stays on its old cell, and is named in the warning with its texts. The run
 * takes as many requests as one over a table nobody commented on.
 */
import type { ExcelDouble } from "../excel-double";
import { NBSP, RESULTS, codeAt, copyCode, plainRequests, rowOf, score, scoredOnce, thread } from "./results-threads";

/** The threads on the results sheet: [code of the row's unit, column header, first comment by its author, then each reply]. */
function threadsOn(d: ExcelDouble): string[] {
  const sheet = d.sheet(RESULTS);
  return d.workbook.comments
    .filter((c) => c.sheet === sheet)
    .map((c) => [`${codeAt(d, c.row)}|${String(sheet.get(2, c.col)?.v)}|${c.author ?? ""}> ${c.content}`, ...(c.replies ?? []).map((r) => `${r.author ?? ""}> ${r.content}`)].join(" // "))
    .sort();
}

/** Where each unit's row goes when the seventh unit is scored: code → [row before, row after] (0-based). */
async function rowsWithSeventh(ExcelApi: string): Promise<Map<string, [number, number]>> {
  const { double, definition } = await scoredOnce(ExcelApi);
  const before = new Map([3, 4, 5, 6, 7, 8].map((r) => [codeAt(double, r), r]));
  copyCode(double, "U0099");
  await score(double, definition, new Date("2026-01-22T08:00:00Z"));
  return new Map([...before].map(([code, r]) => [code, [r, rowOf(double, code)]]));
}

describe("in Microsoft 365 (ExcelApi 1.18), a threaded comment on the results table, scored again", () => {
  test("goes with its unit as the rows are sorted again, its replies with it, each text naming who wrote it, once however often it moves; as many requests as without it", async () => {
    const requests = await plainRequests("1.18");
    const moves = await rowsWithSeventh("1.18");
    // A unit whose row changes when the seventh is scored.
    const [code, [from, to]] = [...moves].find(([, [a, b]]) => a !== b)!;

    const { double, definition } = await scoredOnce("1.18");
    expect(codeAt(double, from)).toBe(code);
    await thread(double, `C${from + 1}`, "Nguyễn Văn A", `Số liệu của ${code} cần xác minh`, [["Trần Thị B", "Đã xác minh tại chỗ"], ["Nguyễn Văn A", "Cảm ơn"]]);
    const header = String(double.sheet(RESULTS).get(2, 2)?.v);

    copyCode(double, "U0099");
    double.resetCounters();
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(host.lastApply!.warnings).toEqual([]);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(double.syncCount).toBe(requests);
    expect(rowOf(double, code)).toBe(to);
    const carried = [`${code}|${header}|Lê Văn Chấm> Nguyễn Văn A:${NBSP}Số liệu của ${code} cần xác minh`, `Lê Văn Chấm> Trần Thị B:${NBSP}Đã xác minh tại chỗ`, `Lê Văn Chấm> Nguyễn Văn A:${NBSP}Cảm ơn`].join(" // ");
    expect(threadsOn(double)).toEqual([carried]);
    // Nothing is left on the row it was on.
    expect(double.workbook.comments.filter((c) => c.row === from && c.col === 2)).toEqual([]);

    // The seventh unit goes again: the rows are sorted back, the thread goes back with its unit,
    // its texts named once, by who wrote them.
    copyCode(double, "U0001");
    const back = await score(double, definition, new Date("2026-01-29T08:00:00Z"));
    expect(back.lastApply!.warnings).toEqual([]);
    expect(rowOf(double, code)).toBe(from);
    expect(threadsOn(double)).toEqual([carried]);
  });

  test("a thread whose unit stays on its row is left as it is: the same thread, its author's own, its text without a name added", async () => {
    const { double, definition } = await scoredOnce("1.18");
    await thread(double, "C5", "Nguyễn Văn A", "Đơn vị này nộp muộn", [["Trần Thị B", "Đã nhắc"]]);
    const before = double.workbook.comments.find((c) => c.sheet === double.sheet(RESULTS))!;
    const code = codeAt(double, 4);
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(host.lastApply!.warnings).toEqual([]);
    expect(codeAt(double, 4)).toBe(code);
    const after = double.workbook.comments.filter((c) => c.sheet === double.sheet(RESULTS));
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before.id);
    expect(threadsOn(double)).toEqual([`${code}|${String(double.sheet(RESULTS).get(2, 2)?.v)}|Nguyễn Văn A> Đơn vị này nộp muộn // Trần Thị B> Đã nhắc`]);
  });

  test("a thread on the row of a unit no longer scored is deleted and named in the warning with its unit and texts, each with its author", async () => {
    const { double, definition } = await scoredOnce("1.18");
    const row = [3, 4, 5, 6, 7, 8].find((r) => codeAt(double, r) !== "U0001")!;
    const name = String(double.sheet(RESULTS).get(row, 2)?.v);
    await thread(double, `C${row + 1}`, "Nguyễn Văn A", "Chờ bổ sung hồ sơ", [["Trần Thị B", "Đã bổ sung một phần"]]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(name).delete();
      await ctx.sync();
    });
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    const said = host.lastApply!.warnings.filter((w) => /threaded comment/.test(w.vi));
    expect(said).toHaveLength(1);
    expect(said[0]!.vi).toContain(`'${RESULTS}'!C${row + 1}`);
    expect(said[0]!.vi).toContain(name);
    expect(said[0]!.vi).toContain(`"Nguyễn Văn A: Chờ bổ sung hồ sơ" / "Trần Thị B: Đã bổ sung một phần"`);
    expect(said[0]!.en).toContain("no longer in the results table");
    expect(threadsOn(double)).toEqual([]);
  });
});

describe("in Excel 2021 and 2024 (ExcelApi 1.14, no notes to read), the results table scored again", () => {
  test("a note the user put on the table stays on its cell, not deleted; a thread goes with its unit, its replies and authors with it; as many requests as without them", async () => {
    const requests = await plainRequests("1.14");
    const moves = await rowsWithSeventh("1.14");
    const moving = [...moves].filter(([, [a, b]]) => a !== b);
    expect(moving.length).toBeGreaterThanOrEqual(2);
    const [noted, [noteRow]] = moving[0]!;
    // A thread whose unit's new row is not the note's.
    const [commented, [from, to]] = moving.slice(1).find(([, [, b]]) => b !== noteRow)!;

    const { double, definition } = await scoredOnce("1.14");
    const sheet = double.sheet(RESULTS);
    // Excel 2021 cannot add a note (nor read one): the note was put there in Microsoft 365.
    double.workbook.notes.push({ sheet, row: noteRow, col: 2, content: `Ghi chú về ${noted}` });
    await thread(double, `C${from + 1}`, "Nguyễn Văn A", `Hỏi lại ${commented}`, [["Trần Thị B", "Đã hỏi"]]);

    copyCode(double, "U0099");
    double.resetCounters();
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(host.lastApply!.warnings).toEqual([]);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(double.syncCount).toBe(requests);
    // The note is still there, on the cell it was on (this Excel cannot say whose row it was).
    expect(double.workbook.notes.filter((n) => n.sheet === sheet).map((n) => [n.row, n.col, n.content])).toEqual([[noteRow, 2, `Ghi chú về ${noted}`]]);
    expect(rowOf(double, commented)).toBe(to);
    expect(threadsOn(double)).toEqual([
      [`${commented}|${String(sheet.get(2, 2)?.v)}|Lê Văn Chấm> Nguyễn Văn A:${NBSP}Hỏi lại ${commented}`, `Lê Văn Chấm> Trần Thị B:${NBSP}Đã hỏi`].join(" // "),
    ]);
  });

  test("a thread whose unit's new cell holds a note Excel refuses there: the rest is written, the note stays, the thread stays on its old cell, and the warning gives the thread's texts", async () => {
    const moves = await rowsWithSeventh("1.14");
    const [commented, [from, to]] = [...moves].find(([, [a, b]]) => a !== b)!;

    const { double, definition } = await scoredOnce("1.14");
    const sheet = double.sheet(RESULTS);
    double.workbook.notes.push({ sheet, row: to, col: 2, content: "Ghi chú đặt trong Microsoft 365" });
    await thread(double, `C${from + 1}`, "Nguyễn Văn A", `Hỏi lại ${commented}`, [["Trần Thị B", "Đã hỏi"]]);

    copyCode(double, "U0099");
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(rowOf(double, commented)).toBe(to);
    expect(double.workbook.notes.filter((n) => n.sheet === sheet).map((n) => [n.row, n.col, n.content])).toEqual([[to, 2, "Ghi chú đặt trong Microsoft 365"]]);
    // The thread is on its old cell as the user left it (its row is now another unit's).
    const other = codeAt(double, from);
    expect(threadsOn(double)).toEqual([`${other}|${String(sheet.get(2, 2)?.v)}|Nguyễn Văn A> Hỏi lại ${commented} // Trần Thị B> Đã hỏi`]);
    expect(double.workbook.comments.filter((c) => c.sheet === sheet).map((c) => [c.row, c.col])).toEqual([[from, 2]]);
    const said = host.lastApply!.warnings.filter((w) => /threaded comment/.test(w.vi));
    expect(said).toHaveLength(1);
    expect(said[0]!.vi).toContain(`từ ô '${RESULTS}'!C${from + 1} sang ô '${RESULTS}'!C${to + 1}`);
    expect(said[0]!.vi).toContain(`"Nguyễn Văn A: Hỏi lại ${commented}" / "Trần Thị B: Đã hỏi"`);
    expect(said[0]!.en).toContain("has a note, which this version of Excel cannot read");
    // The rest of the results were written: every unit has its row.
    expect([3, 4, 5, 6, 7, 8, 9].map((r) => codeAt(double, r)).sort()).toEqual([...moves.keys(), "U0099"].sort());
  });
});
