/**
 * What the analyst types in the results table's own note column (`Ghi chú`) stays when the
 * workbook is scored again: it goes with its unit as the rows are sorted again, under the
 * project's note for the unit on a line of its own. A cell whose note of the project's the analyst
 * changed cannot be told apart: it is named in a warning with the text it held, not wiped silently.
 * And what the analyst did to the project's columns (hidden, notes on them) survives scoring in the
 * other language and back.
 */
import ExcelJS from "exceljs";
import { runScoring } from "../../core/pipeline";
import type { Lang } from "../../core/i18n/text";
import { XlsxHost } from "./host";
import { edit, noteOf, open, scoredDemo } from "./test-workbooks";

// Each test scores the demo workbook two to four times (some 5 s each on a busy machine).
jest.setTimeout(120_000);

const EXCLUDED = "Không xếp hạng: đơn vị nằm trong danh sách loại trừ của bộ chỉ số";

/** The definition the workbook keeps in `_index`, with `exclude` as its ranking's exclusions. */
async function definitionOf(file: Uint8Array, exclude: string[]): Promise<unknown> {
  const index = (await open(file)).getWorksheet("_index")!;
  let json = "";
  index.eachRow((row) => {
    if (row.getCell(1).value !== "definition") return;
    for (let c = 2; c <= row.cellCount; c++) json += String(row.getCell(c).value ?? "");
  });
  const d = JSON.parse(json) as { ranking?: Record<string, unknown> };
  return { ...d, ranking: { ...(d.ranking ?? {}), exclude } };
}

/** `file` scored again by the xlsx host in `lang`, the units in `exclude` not ranked. */
async function score(file: Uint8Array, options: { exclude?: string[]; lang?: Lang } = {}) {
  const host = await XlsxHost.fromBuffer(file, "ket-qua.xlsx");
  const definition = await definitionOf(file, options.exclude ?? []);
  await runScoring(host, { definition, lang: options.lang ?? "vi", projectVersion: "0.1.0", now: new Date("2024-06-08T00:00:00Z") });
  return { out: await host.toBuffer(), warnings: host.lastApply?.warnings ?? [] };
}

const NOTE_COLUMN = 29; // AC: `Ghi chú`, the table's last column in the demo

/** The row of the results table whose unit code (column B) is `code`. */
function rowOfUnit(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 4; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value === code) return r;
  throw new Error(`no row for ${code}`);
}

/** Each unit's `Ghi chú` cell (code → text, "" for none). */
function notesByUnit(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  for (let r = 4; typeof ws.getCell(r, 2).value === "string" && !ws.getCell(r, 2).isMerged; r++) out.set(String(ws.getCell(r, 2).value), String(ws.getCell(r, NOTE_COLUMN).value ?? ""));
  return out;
}

/** The demo scored with SYT not ranked (its Ghi chú holds the project's note), and the analyst's remarks typed in the Ghi chú column. */
async function remarked(): Promise<{ file: Uint8Array; rows: Record<string, number> }> {
  const scored = await score(await scoredDemo(), { exclude: ["SYT"] });
  const rows: Record<string, number> = {};
  const file = await edit(scored.out, (wb) => {
    const ws = wb.getWorksheet("Kết quả")!;
    expect(ws.getCell(3, NOTE_COLUMN).value).toBe("Ghi chú");
    rows.VP = rowOfUnit(ws, "VP-UBND");
    rows.SYT = rowOfUnit(ws, "SYT");
    expect(ws.getCell(rows.SYT, NOTE_COLUMN).value).toBe(EXCLUDED);
    // Typed in an empty cell, and under the project's note (Alt+Enter).
    ws.getCell(rows.VP, NOTE_COLUMN).value = "Đã xác minh tại chỗ";
    ws.getCell(rows.SYT, NOTE_COLUMN).value = `${EXCLUDED}\nĐoàn kiểm tra đã làm việc ngày 5/6`;
    // A twenty-first unit: the rows after it move down.
    wb.getWorksheet("Đài Phát thanh và Truyền hình…")!.getCell("B2").value = "DPTTH";
  });
  return { file, rows };
}

/** The demo scored with SYT not ranked, then `text` typed over SYT's Ghi chú cell (its project's note); the cell's address. */
async function sytNoteTyped(text: string): Promise<{ file: Uint8Array; cell: string }> {
  const scored = await score(await scoredDemo(), { exclude: ["SYT"] });
  let cell = "";
  const file = await edit(scored.out, (wb) => {
    const ws = wb.getWorksheet("Kết quả")!;
    const c = ws.getCell(rowOfUnit(ws, "SYT"), NOTE_COLUMN);
    cell = c.address;
    c.value = text;
  });
  return { file, cell };
}

describe("a remark typed in the results table's Ghi chú column, scored again", () => {
  test("stays on its unit's row as the rows are sorted again, under the project's note on a line of its own; nothing is said; once, run after run", async () => {
    const { file, rows } = await remarked();
    const again = await score(file, { exclude: ["SYT"] });
    expect(again.warnings).toEqual([]);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    const notes = notesByUnit(ws);
    expect(notes.size).toBe(21);
    expect(notes.get("VP-UBND")).toBe("Đã xác minh tại chỗ");
    expect(notes.get("SYT")).toBe(`${EXCLUDED}\nĐoàn kiểm tra đã làm việc ngày 5/6`);
    // Besides the notes of the units with errors (where their errors are).
    expect([...notes.values()].filter((t) => t !== "" && !/^\d+ lỗi: /.test(t))).toHaveLength(2);
    // The rows did move: the remarks went with their units.
    expect(rowOfUnit(ws, "VP-UBND") !== rows.VP || rowOfUnit(ws, "SYT") !== rows.SYT).toBe(true);
    // The two lines show: the cell wraps.
    expect(ws.getCell(rowOfUnit(ws, "SYT"), NOTE_COLUMN).alignment?.wrapText).toBe(true);

    // Scored again with SYT ranked: the project's note goes, the remark stays alone; nothing doubles.
    const third = await score(again.out);
    expect(third.warnings).toEqual([]);
    const next = notesByUnit((await open(third.out)).getWorksheet("Kết quả")!);
    expect(next.get("SYT")).toBe("Đoàn kiểm tra đã làm việc ngày 5/6");
    expect(next.get("VP-UBND")).toBe("Đã xác minh tại chỗ");
    // And excluded once more: the note comes back above the remark.
    const fourth = await score(third.out, { exclude: ["SYT"] });
    expect(fourth.warnings).toEqual([]);
    expect(notesByUnit((await open(fourth.out)).getWorksheet("Kết quả")!).get("SYT")).toBe(`${EXCLUDED}\nĐoàn kiểm tra đã làm việc ngày 5/6`);
  });

  test("a unit with errors: the note says how many and where; a remark typed under it stays on rescoring, and stays alone once the error is corrected", async () => {
    const note = "1 lỗi: ô D34 trang 'Sở Xây dựng' — xem ghi chú của ô";
    const scored = await scoredDemo();
    const ws = (await open(scored)).getWorksheet("Kết quả")!;
    // The demo's 135% typed in a percentage of Sở Xây dựng: ranked, with its error named in print.
    expect(notesByUnit(ws).get("SXD")).toBe(note);
    expect(ws.getCell(rowOfUnit(ws, "SXD"), 1).value).toEqual(expect.any(Number));
    const typed = await edit(scored, (wb) => {
      const results = wb.getWorksheet("Kết quả")!;
      results.getCell(rowOfUnit(results, "SXD"), NOTE_COLUMN).value = `${note}\nĐã yêu cầu sở gửi lại`;
    });
    const again = await score(typed);
    expect(again.warnings).toEqual([]);
    expect(notesByUnit((await open(again.out)).getWorksheet("Kết quả")!).get("SXD")).toBe(`${note}\nĐã yêu cầu sở gửi lại`);
    // The figure corrected: the project's note goes, the remark stays.
    const corrected = await edit(again.out, (wb) => {
      wb.getWorksheet("Sở Xây dựng")!.getCell("D34").value = 0.35;
    });
    const third = await score(corrected);
    expect(third.warnings).toEqual([]);
    expect(notesByUnit((await open(third.out)).getWorksheet("Kết quả")!).get("SXD")).toBe("Đã yêu cầu sở gửi lại");
  });

  test("a workbook scored by an earlier version (no record of the notes in _index): the project's note is told by its wording, the remark stays", async () => {
    const { file } = await remarked();
    const earlier = await edit(file, (wb) => {
      const index = wb.getWorksheet("_index")!;
      index.eachRow((row) => {
        if (row.getCell(1).value === "resultNotes" || row.getCell(1).value === "resultNote") row.values = [];
      });
    });
    const again = await score(earlier, { exclude: ["SYT"] });
    expect(again.warnings).toEqual([]);
    const notes = notesByUnit((await open(again.out)).getWorksheet("Kết quả")!);
    expect(notes.get("VP-UBND")).toBe("Đã xác minh tại chỗ");
    expect(notes.get("SYT")).toBe(`${EXCLUDED}\nĐoàn kiểm tra đã làm việc ngày 5/6`);
  });

  test("a note of the project's the analyst changed cannot be told from their remark: the cell gets the note again and is named in the warning with the whole text it held", async () => {
    const typed = EXCLUDED.replace("danh sách loại trừ", "danh sách loại trừ tạm thời (theo Quyết định 12/QĐ-UBND)");
    const { file: changed, cell } = await sytNoteTyped(typed);
    const again = await score(changed, { exclude: ["SYT"] });
    expect(again.warnings).toHaveLength(1);
    expect(again.warnings[0]!.vi).toBe(
      `Ô ghi chú trong bảng kết quả có ghi chú của DTI Scorer đã bị sửa nên không tách được phần bạn nhập: 'Kết quả'!${cell} "${typed}". Ô này được ghi lại theo lần chấm này; hãy nhập lại nhận xét của bạn ở dòng dưới ghi chú (Alt+Enter) thay vì sửa chính ghi chú.`,
    );
    expect(again.warnings[0]!.en).toContain(`'Kết quả'!${cell}`);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    expect(ws.getCell(rowOfUnit(ws, "SYT"), NOTE_COLUMN).value).toBe(EXCLUDED);
  });

  test("a remark typed after the project's note on the same line is the analyst's: it stays, under the note, and alone once the note goes; with or without a record of the note", async () => {
    const { file: typed } = await sytNoteTyped(`${EXCLUDED} — theo Quyết định 12/QĐ-UBND`);
    const again = await score(typed, { exclude: ["SYT"] });
    expect(again.warnings).toEqual([]);
    expect(notesByUnit((await open(again.out)).getWorksheet("Kết quả")!).get("SYT")).toBe(`${EXCLUDED}\ntheo Quyết định 12/QĐ-UBND`);

    const note = "1 lỗi: ô D34 trang 'Sở Xây dựng' — xem ghi chú của ô";
    const remarkedOnLine = (file: Uint8Array, earlier: boolean) =>
      edit(file, (wb) => {
        const results = wb.getWorksheet("Kết quả")!;
        results.getCell(rowOfUnit(results, "SXD"), NOTE_COLUMN).value = `${note} — đã gọi điện`;
        // The figure corrected: the project's note goes.
        wb.getWorksheet("Sở Xây dựng")!.getCell("D34").value = 0.35;
        if (earlier) {
          wb.getWorksheet("_index")!.eachRow((row) => {
            if (row.getCell(1).value === "resultNotes" || row.getCell(1).value === "resultNote") row.values = [];
          });
        }
      });
    for (const earlier of [false, true]) {
      const fixed = await score(await remarkedOnLine(await scoredDemo(), earlier));
      expect([earlier, fixed.warnings]).toEqual([earlier, []]);
      expect([earlier, notesByUnit((await open(fixed.out)).getWorksheet("Kết quả")!).get("SXD")]).toEqual([earlier, "đã gọi điện"]);
    }
  });

  test("a remark that is the project's note (typed on a ranked unit that is then excluded) is not written twice, nor kept in Vietnamese once scored in English", async () => {
    const scored = await score(await scoredDemo(), { exclude: ["SYT"] });
    const typed = await edit(scored.out, (wb) => {
      const ws = wb.getWorksheet("Kết quả")!;
      // Other spacing and case than the project's: still its note.
      ws.getCell(rowOfUnit(ws, "SNV"), NOTE_COLUMN).value = `  ${EXCLUDED.replace("xếp hạng", "Xếp  Hạng")}\nHồ sơ nộp muộn`;
      ws.getCell(rowOfUnit(ws, "STP"), NOTE_COLUMN).value = EXCLUDED;
    });
    const again = await score(typed, { exclude: ["SYT", "SNV", "STP"] });
    expect(again.warnings).toEqual([]);
    const notes = notesByUnit((await open(again.out)).getWorksheet("Kết quả")!);
    expect(notes.get("SNV")).toBe(`${EXCLUDED}\nHồ sơ nộp muộn`);
    expect(notes.get("STP")).toBe(EXCLUDED);

    const english = await score(again.out, { exclude: ["SYT", "SNV", "STP"], lang: "en" });
    expect(english.warnings).toEqual([]);
    const en = notesByUnit((await open(english.out)).getWorksheet("Results")!);
    expect(en.get("SNV")).toBe("Not ranked: the unit is excluded by the index definition\nHồ sơ nộp muộn");
    expect(en.get("STP")).toBe("Not ranked: the unit is excluded by the index definition");
  });

  test("a note of the project's whose spacing the analyst changed is still told as the project's: named in the warning, written anew once", async () => {
    const { file: changed, cell } = await sytNoteTyped(`${EXCLUDED.replace("xếp hạng", "xếp  hạng")}\nĐoàn kiểm tra 5/6`);
    const again = await score(changed, { exclude: ["SYT"] });
    expect(again.warnings.map((w) => w.vi)).toEqual([expect.stringContaining(`không tách được phần bạn nhập: 'Kết quả'!${cell} "${EXCLUDED} Đoàn kiểm tra 5/6"`)]);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    expect(ws.getCell(rowOfUnit(ws, "SYT"), NOTE_COLUMN).value).toBe(EXCLUDED);
  });

  test("the remark of a unit no longer scored is named in the warning with its unit, column and text", async () => {
    const scored = await scoredDemo();
    let cell = "";
    const typed = await edit(scored, (wb) => {
      const ws = wb.getWorksheet("Kết quả")!;
      const c = ws.getCell(rowOfUnit(ws, "STP"), NOTE_COLUMN);
      cell = c.address;
      c.value = "Chờ bổ sung hồ sơ";
      wb.removeWorksheet(wb.getWorksheet("Sở Tư pháp")!.id);
    });
    const again = await score(typed);
    expect(again.warnings.map((w) => w.vi)).toEqual([
      `Đơn vị Sở Tư pháp (STP) không còn trong bảng kết quả nên giá trị "Chờ bổ sung hồ sơ" bạn nhập ở cột "Ghi chú" (ô 'Kết quả'!${cell}) đã bị bỏ. Hãy nhập lại ở nơi khác nếu cần.`,
    ]);
  });
});

describe("the analyst's changes to the project's columns of the results table, scored in the other language and back", () => {
  test("hidden columns stay hidden, notes on the project's cells and remarks in the note column stay with their units; nothing is said", async () => {
    const typed = await edit(await scoredDemo(), (wb) => {
      const ws = wb.getWorksheet("Kết quả")!;
      for (const c of ["D", "G"]) ws.getColumn(c).hidden = true;
      ws.getCell(rowOfUnit(ws, "SNV"), 23).note = "Tổng điểm đã đối chiếu";
      ws.getCell(rowOfUnit(ws, "SNV"), NOTE_COLUMN).value = "Đã xác minh tại chỗ";
    });
    const hiddenHeaders = async (file: Uint8Array, sheet: string) => {
      const ws = (await open(file)).getWorksheet(sheet)!;
      const out: unknown[] = [];
      for (let c = 1; c <= 30; c++) if (ws.getColumn(c).hidden) out.push(ws.getCell(3, c).value);
      return out;
    };
    const english = await score(typed, { lang: "en" });
    expect(english.warnings).toEqual([]);
    expect(await hiddenHeaders(english.out, "Results")).toEqual(["Unit category", "Digital awareness (rank)"]);
    const en = (await open(english.out)).getWorksheet("Results")!;
    expect(en.getCell(3, 23).value).toBe("Total points");
    expect(noteOf(en.getCell(rowOfUnit(en, "SNV"), 23))).toBe("Tổng điểm đã đối chiếu");
    expect(en.getCell(3, NOTE_COLUMN).value).toBe("Note");
    expect(en.getCell(rowOfUnit(en, "SNV"), NOTE_COLUMN).value).toBe("Đã xác minh tại chỗ");

    const back = await score(english.out, { lang: "vi" });
    expect(back.warnings).toEqual([]);
    expect(await hiddenHeaders(back.out, "Kết quả")).toEqual(["Loại đơn vị", "Nhận thức số (hạng)"]);
    const vi = (await open(back.out)).getWorksheet("Kết quả")!;
    expect(noteOf(vi.getCell(rowOfUnit(vi, "SNV"), 23))).toBe("Tổng điểm đã đối chiếu");
    expect(vi.getCell(rowOfUnit(vi, "SNV"), NOTE_COLUMN).value).toBe("Đã xác minh tại chỗ");
  });
});
