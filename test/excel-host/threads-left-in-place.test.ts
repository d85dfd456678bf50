/**
 * A threaded comment on the results table is never lost when the table is scored again and its
 * rows sorted anew: it is taken from its old cell only once it is on its new one. On Excel 2021 and
 * 2024 (ExcelApi 1.14: no notes to read) Excel refuses a thread on a cell that holds a note, and
 * after a few refusals in one request the rest are not tried (the requests stay few): such a thread
 * stays on its old cell, whole, as does one whose new cell keeps the thread that was to leave it,
 * and the warning says which was refused (a note) and which was not tried, with their texts. Rows
 * that move down one by one (a unit scored in between) and two units that swap rows take their
 * threads with them, in as many requests as a run over a table nobody commented on. A name with a
 * colon is put in front of a thread's texts once, however often it moves.
 */
import { droppedNotesMessage } from "../../src/core/plan/results-area";
import { ExcelHost } from "../../src/hosts/excel";
import { LIKELY_TRIED } from "../../src/hosts/excel/payload";
import { droppedThreadsMessage, leftThreadsMessage, type ThreadMove, threadSteps } from "../../src/hosts/excel/threads";
import type { ExcelDouble } from "../excel-double";
import { NBSP, RESULTS, codeAt, copyCode, plainRequests, rowOf, score, scoredOnce, thread } from "./results-threads";

const COLUMNS = ["C", "D", "E", "F", "G"];

/** The copy gets a code of its own: a seventh unit, scored between the others (the rows below it move down one). */
function seventhUnit(d: ExcelDouble): void {
  copyCode(d, "U0099");
}

/** Two unit forms swap their units' codes and names: each unit gets the other's answers, and their rows swap. */
function swapUnits(d: ExcelDouble, a: number, b: number): void {
  const form = (n: number) => d.sheet(`Đơn vị số ${n}`);
  for (const [n, other] of [[a, b], [b, a]] as const) {
    form(n).cell(0, 1).v = `Đơn vị số ${other}`;
    form(n).cell(1, 1).v = `U000${other}`;
  }
}

/** The threads on the results sheet: "cell|code of the row's unit|author> first comment // author> reply…", by cell. */
function threadsOn(d: ExcelDouble): string[] {
  const sheet = d.sheet(RESULTS);
  return d.workbook.comments
    .filter((c) => c.sheet === sheet)
    .sort((x, y) => x.row - y.row || x.col - y.col)
    .map((c) => [`${String.fromCharCode(65 + c.col)}${c.row + 1}|${codeAt(d, c.row)}|${c.author ?? ""}> ${c.content}`, ...(c.replies ?? []).map((r) => `${r.author ?? ""}> ${r.content}`)].join(" // "));
}

const threadWarnings = (host: ExcelHost) => host.lastApply!.warnings.filter((w) => /threaded comment/.test(w.vi));

describe("on Excel 2021 and 2024 (ExcelApi 1.14), a thread that cannot go with its unit stays on its old cell", () => {
  test("two of a row's five threads refused at cells with notes, three not tried: all five stay whole on the old row, the notes stay, and the warning says which was refused and which not tried", async () => {
    const requests = await plainRequests("1.14");
    const { double, definition } = await scoredOnce("1.14");
    const sheet = double.sheet(RESULTS);
    const code = codeAt(double, 6);
    for (const c of COLUMNS) await thread(double, `${c}7`, "Nguyễn A", `cột ${c} về ${code}`, [["Trần B", `đã xem ${c}`]]);
    const before = threadsOn(double);
    const ids = double.workbook.comments.filter((c) => c.sheet === sheet).map((c) => c.id);
    // Notes put on the cells below in Microsoft 365: Excel 2021 can neither read nor add one.
    double.workbook.notes.push({ sheet, row: 7, col: 2, content: "note C8" });
    double.workbook.notes.push({ sheet, row: 7, col: 3, content: "note D8" });

    seventhUnit(double);
    double.resetCounters();
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    // The unit moved down a row; the rest of the results were written.
    expect(rowOf(double, code)).toBe(7);
    expect(codeAt(double, 6)).toBe("U0099");
    // Each refusal costs one request more, no more than LIKELY_TRIED however many threads there are.
    expect(double.syncCount).toBe(requests + LIKELY_TRIED);
    // Every thread is where it was, as the user wrote it: the same threads, their authors', no name added.
    expect(threadsOn(double)).toEqual(before.map((t) => t.replace(`|${code}|`, "|U0099|")));
    expect(threadsOn(double)[0]).toBe(`C7|U0099|Nguyễn A> cột C về ${code} // Trần B> đã xem C`);
    expect(double.workbook.comments.filter((c) => c.sheet === sheet).map((c) => c.id)).toEqual(ids);
    expect(double.workbook.notes.filter((n) => n.sheet === sheet).map((n) => [n.row, n.col, n.content])).toEqual([[7, 2, "note C8"], [7, 3, "note D8"]]);

    const said = threadWarnings(host);
    expect(said).toHaveLength(1);
    const { vi, en } = said[0]!;
    expect(vi).toContain(`5 chú thích dạng hội thoại (threaded comment) trên trang '${RESULTS}' không chuyển theo đơn vị được nên được để nguyên ở ô cũ`);
    expect(en).toContain(`5 threaded comments on the sheet '${RESULTS}' could not go with their units, so they were left on their old cells`);
    // Refused: C and D, whose new cells have notes; not tried: E, F and G, whose new cells have none.
    const refused = vi.slice(vi.indexOf("Excel từ chối 2 chú thích vì ô mới đã có ghi chú (note)"), vi.indexOf("3 chú thích không được thử chuyển"));
    const untried = vi.slice(vi.indexOf("3 chú thích không được thử chuyển"));
    expect(refused).toContain("cần ExcelApi 1.18");
    for (const c of ["C", "D"]) expect(refused).toContain(`từ ô '${RESULTS}'!${c}7 sang ô '${RESULTS}'!${c}8 (đơn vị Đơn vị số 2 (${code}); ô cũ nay là dòng của đơn vị Đơn vị số 1 (U0099)): "Nguyễn A: cột ${c} về ${code}" / "Trần B: đã xem ${c}"`);
    for (const c of ["E", "F", "G"]) {
      expect(refused).not.toContain(`${c}7`);
      expect(untried).toContain(`từ ô '${RESULTS}'!${c}7 sang ô '${RESULTS}'!${c}8`);
      expect(untried).toContain(`"Nguyễn A: cột ${c} về ${code}" / "Trần B: đã xem ${c}"`);
    }
    const refusedEn = en.slice(en.indexOf("Excel refused 2 because the new cell has a note"), en.indexOf("3 were not tried"));
    expect(refusedEn).toContain(`from cell '${RESULTS}'!D7 to '${RESULTS}'!D8`);
    expect(refusedEn).not.toContain("E7");
    expect(en).toContain(`3 were not tried, as Excel had refused several in the same write and the requests sent to Excel are kept few (the new cell may have no note): from cell '${RESULTS}'!E7 to '${RESULTS}'!E8`);
    expect(en).toContain("the old cell is now on the row of Đơn vị số 1 (U0099)");
    // Nothing was deleted.
    expect(vi).not.toMatch(/xóa/);
    expect(en).not.toMatch(/deleted|removed/);
  });

  test("rows moving down one by one: a thread whose new cell has a note stays, and so do those above it, whose new cells keep their threads; the warning says why for each", async () => {
    const { double, definition } = await scoredOnce("1.14");
    const sheet = double.sheet(RESULTS);
    const codes = [6, 7, 8].map((r) => codeAt(double, r));
    for (const [i, r] of [6, 7, 8].entries()) await thread(double, `C${r + 1}`, "Nguyễn A", `về ${codes[i]}`);
    const before = threadsOn(double);
    // The cell the lowest of them goes to has a note.
    double.workbook.notes.push({ sheet, row: 9, col: 2, content: "note C10" });

    seventhUnit(double);
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(codes.map((c) => rowOf(double, c))).toEqual([7, 8, 9]);
    expect(threadsOn(double).map((t) => t.replace(/\|U\d+\|/, "|"))).toEqual(before.map((t) => t.replace(/\|U\d+\|/, "|")));
    const said = threadWarnings(host);
    expect(said).toHaveLength(1);
    expect(said[0]!.vi).toContain(`Excel từ chối một chú thích vì ô mới đã có ghi chú (note)`);
    expect(said[0]!.vi).toContain(`2 chú thích không chuyển được vì ô mới vẫn còn một chú thích khác không chuyển đi được (nêu trong cảnh báo này): từ ô '${RESULTS}'!C7 sang ô '${RESULTS}'!C8`);
    expect(said[0]!.en).toContain(`Excel refused one because the new cell has a note, which this version of Excel cannot read (it needs ExcelApi 1.18), and Excel does not let a cell have both: from cell '${RESULTS}'!C9 to '${RESULTS}'!C10`);
    expect(said[0]!.en).toContain(`2 could not go because the new cell still has another thread that could not leave it (named in this warning): from cell '${RESULTS}'!C7 to '${RESULTS}'!C8`);
    expect(said[0]!.en).toContain(`"Nguyễn A: về ${codes[1]}"`);
  });
});

describe.each(["1.18", "1.14"])("with ExcelApi %s, threads go with their units, in as many requests as without them", (api) => {
  test("every unit's row commented, a seventh unit scored in between: each thread, its reply and its writers' names go down a row with its unit", async () => {
    const requests = await plainRequests(api);
    const { double, definition } = await scoredOnce(api);
    const rows = [3, 4, 5, 6, 7, 8];
    const codes = rows.map((r) => codeAt(double, r));
    for (const [i, r] of rows.entries()) await thread(double, `C${r + 1}`, "Nguyễn A", `về ${codes[i]}`, [["Trần B", `ok ${codes[i]}`]]);

    seventhUnit(double);
    double.resetCounters();
    const host = await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(host.lastApply!.warnings).toEqual([]);
    expect(double.syncCount).toBe(requests);
    const expected = codes.map((code) => {
      const row = rowOf(double, code);
      return row === rows[codes.indexOf(code)]
        ? `C${row + 1}|${code}|Nguyễn A> về ${code} // Trần B> ok ${code}`
        : `C${row + 1}|${code}|Lê Văn Chấm> Nguyễn A:${NBSP}về ${code} // Lê Văn Chấm> Trần B:${NBSP}ok ${code}`;
    });
    // At least three threads moved down, each onto the cell of the one below.
    expect(expected.filter((t) => t.includes("Lê Văn Chấm")).length).toBeGreaterThanOrEqual(3);
    expect(threadsOn(double)).toEqual(expected.sort((a, b) => Number(a.slice(1, a.indexOf("|"))) - Number(b.slice(1, b.indexOf("|")))));
  });

  test("two units swap rows: their threads swap with them", async () => {
    const { double, definition } = await scoredOnce(api);
    const [a, b] = [codeAt(double, 3), codeAt(double, 4)];
    await thread(double, "C4", "Nguyễn A", `về ${a}`, [["Trần B", `ok ${a}`]]);
    await thread(double, "C5", "Trần B", `về ${b}`);
    await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    double.resetCounters();
    await score(double, definition, new Date("2026-01-23T08:00:00Z"));
    const requests = double.syncCount;

    swapUnits(double, Number(a.slice(-1)), Number(b.slice(-1)));
    double.resetCounters();
    const host = await score(double, definition, new Date("2026-01-29T08:00:00Z"));
    expect([codeAt(double, 3), codeAt(double, 4)]).toEqual([b, a]);
    expect(threadWarnings(host)).toEqual([]);
    expect(double.syncCount).toBe(requests);
    expect(threadsOn(double)).toEqual([
      `C4|${b}|Lê Văn Chấm> Trần B:${NBSP}về ${b}`,
      `C5|${a}|Lê Văn Chấm> Nguyễn A:${NBSP}về ${a} // Lê Văn Chấm> Trần B:${NBSP}ok ${a}`,
    ]);
  });
});

describe("a name with a colon in front of a thread's texts", () => {
  test("is put there once, however often the thread moves", async () => {
    const { double, definition } = await scoredOnce("1.18");
    const code = codeAt(double, 6);
    await thread(double, "C7", "Phòng KH: Nguyễn A", `về ${code}`, [["Trần B: Sở TT", "đã xem"]]);
    seventhUnit(double);
    await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    const moved = [`|${code}|Lê Văn Chấm> Phòng KH: Nguyễn A:${NBSP}về ${code}`, `Lê Văn Chấm> Trần B: Sở TT:${NBSP}đã xem`].join(" // ");
    expect(threadsOn(double)).toEqual([`C8${moved}`]);
    // The seventh unit goes again: the thread goes back up a row, its names not added again.
    [...double.sheet("Bản sao").cells].find(([, c]) => c.v === "U0099")![1].v = "U0001";
    await score(double, definition, new Date("2026-01-29T08:00:00Z"));
    expect(threadsOn(double)).toEqual([`C7${moved}`]);
  });
});

describe("a thread whose unit or column is gone", () => {
  test("is named in the warning as a note would be: its cell, unit and column, then its texts", () => {
    const dropped = { cell: "C7", text: `"Nguyễn A: về U0002"`, unit: { code: "U0002", name: "Đơn vị số 2" }, header: "Chuyển đổi số trong cơ quan nhà nước, chính quyền số (tỷ lệ)", gone: "unit" as const };
    for (const lang of ["vi", "en"] as const) {
      const threads = droppedThreadsMessage(RESULTS, [dropped])[lang];
      const notes = droppedNotesMessage(RESULTS, [{ ...dropped, text: "x" }])[lang];
      const where = (s: string) => s.slice(s.indexOf(`'${RESULTS}'!C7`), s.indexOf("): ") + 1);
      expect(where(threads)).toBe(where(notes));
      expect(where(threads)).toContain("Đơn vị số 2 (U0002)");
      expect(threads).toContain(`): "Nguyễn A: về U0002"`);
    }
  });
});

describe("the order threads move in", () => {
  /** The threads on cells as Excel keeps them (one a cell), moved step by step as the host queues them; a thread added on a cell that has one is refused. */
  function moved(start: Map<string, string>, moves: ThreadMove[]): Map<string, string> {
    const cells = new Map(start);
    const add = (t: ThreadMove) => {
      if (cells.has(t.to)) throw new Error(`${t.to} already has a thread`);
      cells.set(t.to, t.words);
    };
    const remove = (t: ThreadMove) => {
      if (cells.get(t.from) !== t.words) throw new Error(`${t.from} has no thread of ${t.words}`);
      cells.delete(t.from);
    };
    for (const step of threadSteps(moves)) {
      if ("move" in step) {
        // It waits for the thread on its new cell, which has gone by then.
        if (step.after !== undefined) expect(cells.has(step.after)).toBe(false);
        add(step.move);
        remove(step.move);
      } else {
        const [first, ...rest] = step.cycle;
        remove(first!);
        for (const t of [...rest].reverse()) {
          add(t);
          remove(t);
        }
        add(first!);
      }
    }
    return cells;
  }

  test("rows shifted, swapped, turned round three at a time, next to threads that stay: each thread ends on its new cell, none goes to a cell before the thread there has left it", () => {
    const move = (from: string, to: string): ThreadMove => ({ from, to, texts: [from], words: from });
    const moves = [
      // Down one row each, the lowest onto a free cell.
      move("C7", "C8"), move("C8", "C9"), move("C9", "C10"),
      // Two that swap, and three that turn round.
      move("D4", "D5"), move("D5", "D4"),
      move("E4", "E6"), move("E5", "E4"), move("E6", "E5"),
      // Up one row each, onto a cell a dropped thread left.
      move("F6", "F5"), move("F5", "F4"),
    ];
    const start = new Map([...moves.map((m) => [m.from, m.words] as [string, string]), ["G4", "G4"]]);
    const end = moved(start, moves);
    expect(Object.fromEntries(end)).toEqual(Object.fromEntries([...moves.map((m) => [m.to, m.from] as [string, string]), ["G4", "G4"]]));
    // In any order they are given.
    expect(Object.fromEntries(moved(start, [...moves].reverse()))).toEqual(Object.fromEntries(end));
  });
});

describe("a thread Excel refused without saying which", () => {
  test("is said to be either on its new cell or still on its old one, with its texts", () => {
    const { vi, en } = leftThreadsMessage(RESULTS, [{ from: "C7", to: "C8", texts: [], words: `"Nguyễn A: về U0002"`, unit: { code: "U0002", name: "Đơn vị số 2" }, reason: "unsaid" }]);
    expect(vi).toBe(`Excel đã từ chối một thao tác trong lượt ghi mà không cho biết thao tác nào, nên không rõ chú thích dạng hội thoại trên trang '${RESULTS}' đã chuyển theo đơn vị hay chưa; mỗi chú thích hoặc đã ở ô mới, hoặc vẫn ở ô cũ, không bị mất: từ ô '${RESULTS}'!C7 sang ô '${RESULTS}'!C8 (đơn vị Đơn vị số 2 (U0002)): "Nguyễn A: về U0002". Hãy kiểm tra các ô này.`);
    expect(en).toContain(`it is not known whether a threaded comment on the sheet '${RESULTS}' went with its unit; each is either on its new cell or still on its old one, not lost: from cell '${RESULTS}'!C7 to '${RESULTS}'!C8 (Đơn vị số 2 (U0002)): "Nguyễn A: về U0002"`);
  });
});
