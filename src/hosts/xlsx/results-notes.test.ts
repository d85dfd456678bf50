/**
 * What a council puts on the cells of the results table goes with its unit and column when the
 * table is written again: a note on a unit's total follows the unit as the rows are sorted again
 * (or is named in a warning when the unit is gone), and a column added to the table keeps the width
 * and the header look the council gave it.
 */
import ExcelJS from "exceljs";
import { edit, open, scoreAgain, scoredDemo } from "./test-workbooks";

function noteOf(cell: ExcelJS.Cell): string | undefined {
  const n = cell.note as string | ExcelJS.Comment | undefined;
  if (n === undefined) return undefined;
  return typeof n === "string" ? n : (n.texts ?? []).map((t) => t.text).join("");
}

/** Column number of the results table's header `header` (row 3). */
function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getCell(3, c).value === header) return c;
  throw new Error(`no column ${header}`);
}

/** Every note on the results sheet: cell → [unit code of its row, header of its column, text]. */
function notesOn(ws: ExcelJS.Worksheet): Map<string, [string, string, string]> {
  const out = new Map<string, [string, string, string]>();
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const text = noteOf(cell);
      if (text !== undefined) out.set(cell.address, [String(ws.getCell(r, 2).value), String(ws.getCell(3, c).value), text]);
    }),
  );
  return out;
}

const TOTAL = "Tổng điểm";

/** The demo as scored, made once for the tests below (each run of it takes a while). */
let demo: Uint8Array;
beforeAll(async () => {
  demo = await scoredDemo();
}, 120_000);
// Each test scores the demo two or three times more.
jest.setTimeout(120_000);

describe("notes on the results table, scored again", () => {
  test("a note on a unit's total, on a name and on a header follows its unit and column as the rows move, run after run; nothing is said", async () => {
    const codes: string[] = [];
    const typed = await edit(demo, (wb) => {
      const ws = wb.getWorksheet("Kết quả")!;
      const total = columnOf(ws, TOTAL);
      for (const r of [4, 16, 23]) codes.push(String(ws.getCell(r, 2).value));
      ws.getCell(4, total).note = "Hội đồng thẩm định: đã đối chiếu hồ sơ";
      ws.getCell(16, total).note = "Kiểm tra lại chỉ tiêu 3.2";
      ws.getCell(23, 3).note = "Đơn vị mới sáp nhập";
      ws.getCell(3, total).note = "Điểm sau thẩm định";
      // A twenty-first unit: the rows ranked after it move down one.
      wb.getWorksheet("Đài Phát thanh và Truyền hình…")!.getCell("B2").value = "DPTTH";
    });
    const expected = new Set([
      `${codes[0]}|${TOTAL}|Hội đồng thẩm định: đã đối chiếu hồ sơ`,
      `${codes[1]}|${TOTAL}|Kiểm tra lại chỉ tiêu 3.2`,
      `${codes[2]}|Sở, ban, ngành|Đơn vị mới sáp nhập`,
      `Mã sở, ban, ngành|${TOTAL}|Điểm sau thẩm định`,
    ]);
    const again = await scoreAgain(typed);
    expect(again.warnings).toEqual([]);
    const second = notesOn((await open(again.out)).getWorksheet("Kết quả")!);
    expect(new Set([...second.values()].map((v) => v.join("|")))).toEqual(expected);
    // The rows did move: a note is on another row than it was.
    const moved = [...second].filter(([cell, [code]]) => code === codes[2] && cell !== "C23");
    expect(moved).toHaveLength(1);
    // Once more: each note is still on its unit's row, once.
    const third = await scoreAgain(again.out);
    expect(third.warnings).toEqual([]);
    const after = notesOn((await open(third.out)).getWorksheet("Kết quả")!);
    expect(new Set([...after.values()].map((v) => v.join("|")))).toEqual(expected);
    expect(after.size).toBe(4);
  });

  test("a note on the row of a unit no longer scored is named in the warning with its unit, column and text", async () => {
    let unit = "";
    const typed = await edit(demo, (wb) => {
      const ws = wb.getWorksheet("Kết quả")!;
      const row = 10;
      unit = String(ws.getCell(row, 3).value);
      ws.getCell(row, columnOf(ws, TOTAL)).note = "Chờ bổ sung hồ sơ";
      const code = ws.getCell(row, 2).value;
      const form = wb.worksheets.find((w) => w.name !== "Kết quả" && w.getCell("B2").value === code);
      wb.removeWorksheet(form!.id);
    });
    const again = await scoreAgain(typed);
    const said = again.warnings.map((w) => w.vi).filter((t) => /ghi chú \(note\)/i.test(t));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(unit);
    expect(said[0]).toContain(`cột "${TOTAL}"`);
    expect(said[0]).toContain('"Chờ bổ sung hồ sơ"');
    expect(said[0]).toContain("'Kết quả'!");
    expect(again.warnings.find((w) => w.vi === said[0])!.en).toContain("no longer in the results table");
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    expect([...notesOn(ws).values()].map((v) => v[2])).toEqual([]);
  });
});

describe("a column the council added to the results table, scored again", () => {
  test("keeps the width they gave it and their header look; a column they gave no look has none of the project's", async () => {
    const typed = await edit(demo, (wb) => {
      const ws = wb.getWorksheet("Kết quả")!;
      expect(ws.getCell("AD3").value).toBeNull();
      ws.getCell("AD3").value = "Ý kiến Hội đồng";
      ws.getCell("AD3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
      ws.getCell("AD3").font = { name: "Calibri", size: 11, italic: true };
      ws.getCell("AD4").value = "Đề nghị khen thưởng";
      ws.getColumn("AD").width = 28;
      ws.getCell("AE3").value = "Người duyệt";
      ws.getCell("AE4").value = "Trưởng ban";
    });
    const again = await scoreAgain(typed);
    const third = await scoreAgain(again.out);
    for (const out of [again.out, third.out]) {
      const ws = (await open(out)).getWorksheet("Kết quả")!;
      expect(ws.getCell("AD3").value).toBe("Ý kiến Hội đồng");
      expect(ws.getColumn("AD").width).toBe(28);
      expect(ws.getCell("AD3").fill).toMatchObject({ pattern: "solid", fgColor: { argb: "FFFFFF00" } });
      expect(ws.getCell("AD3").font).toMatchObject({ italic: true });
      // The column given no look: the table's style draws its header, as Excel draws a column added to a table.
      expect(ws.getCell("AE3").value).toBe("Người duyệt");
      expect((ws.getCell("AE3").fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe("FF1F4E78");
      // The project's own headers keep theirs.
      expect((ws.getCell("B3").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FF1F4E78");
    }
  });
});
