/**
 * A second scoring run on a real .xlsx after the user inserted rows into unit forms: `_index`
 * holds the addresses of the last run, yet nothing the user typed changes, no summary is left
 * twice, and each issue mark is removed from the cell it is on now, with that cell's own fill back.
 */
import ExcelJS from "exceljs";
import { readIndexSheet } from "../../core/plan/index-sheet";
import { MARK_FILLS, MARK_NOTE_PREFIX } from "../../core/plan/labels";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { snapshotWorkbook } from "./read";
import { demoForms, edit, open } from "./test-workbooks";


async function score(file: Uint8Array) {
  const host = await XlsxHost.fromBuffer(file, "phieu.xlsx");
  const result = await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return { out: await host.toBuffer(), issues: result.issues };
}


function noteOf(cell: ExcelJS.Cell): string | undefined {
  const n = cell.note as string | ExcelJS.Comment | undefined;
  if (n === undefined || n === null) return undefined;
  return typeof n === "string" ? n : (n.texts ?? []).map((t) => t.text).join("");
}

/**
 * Rows inserted above row `at`, as Excel or LibreOffice insert them: everything below moves down,
 * notes included. (ExcelJS's spliceRows moves values and styles but drops the notes of the rows it
 * moves, so they are carried over here.)
 */
function insertRows(ws: ExcelJS.Worksheet, at: number, rows: ExcelJS.CellValue[][]): void {
  const notes: { row: number; col: number; note: string }[] = [];
  for (let r = at; r <= ws.rowCount; r++) {
    ws.findRow(r)?.eachCell((cell, col) => {
      const note = noteOf(cell);
      if (note !== undefined) notes.push({ row: r, col, note });
    });
    // Cells with a note and no value are skipped by eachCell: look at each column once more.
    for (let col = 1; col <= ws.columnCount; col++) {
      const cell = ws.findRow(r)?.findCell(col);
      const note = cell ? noteOf(cell) : undefined;
      if (note !== undefined && !notes.some((n) => n.row === r && n.col === col)) notes.push({ row: r, col, note });
    }
  }
  ws.spliceRows(at, 0, ...rows);
  for (const n of notes) ws.getCell(n.row + rows.length, n.col).note = n.note;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f && f.pattern !== "none" ? f.fgColor?.argb : undefined;
}

const GREEN = "FF00B050";

describe("a second run on an .xlsx after the user inserted rows", () => {
  test("the user's cells in the inserted rows stay as typed, the summary is rewritten where it moved and nowhere else", async () => {
    const first = await score(await demoForms());
    const scored = await open(first.out);
    expect(scored.getWorksheet("SO-01")!.getCell("D1").value).toBe("Tổng điểm");
    expect(scored.getWorksheet("SO-02")!.getCell("G6").value).toBe("Điểm");

    const changed = await edit(first.out, (wb) => {
      insertRows(wb.getWorksheet("SO-01")!, 1, [
        ["Tiêu đề riêng", null, null, "Người lập: An", "Ngày: 1/12"],
        [null, null, null, "D2 của tôi", "E2 của tôi"],
      ]);
      // A line of the user's own inside the table, with a word in the Điểm column.
      insertRows(wb.getWorksheet("SO-02")!, 9, [[null, "Dòng thêm", null, null, null, null, "ô G của người dùng"]]);
    });
    const second = await score(changed);
    const wb = await open(second.out);
    const so01 = wb.getWorksheet("SO-01")!;
    expect(["A1", "D1", "E1", "D2", "E2"].map((a) => so01.getCell(a).value)).toEqual(["Tiêu đề riêng", "Người lập: An", "Ngày: 1/12", "D2 của tôi", "E2 của tôi"]);
    expect(["D3", "E3", "D4", "E4"].map((a) => so01.getCell(a).value)).toEqual(["Tổng điểm", 56.5, "Hạng", "1/3"]);
    const labels: string[] = [];
    so01.eachRow((row) => row.eachCell((cell) => void (cell.value === "Tổng điểm" && labels.push(cell.address))));
    expect(labels).toEqual(["D3"]);
    // SO-01's scores sit on their rows, two lower than last time.
    expect(["G9", "G10", "G11", "G14", "G15"].map((a) => so01.getCell(a).value)).toEqual([28, 10, 18, 28.5, 28.5]);

    const so02 = wb.getWorksheet("SO-02")!;
    expect(so02.getCell("G9").value).toBe("ô G của người dùng");
    expect(so02.getCell("B9").value).toBe("Dòng thêm");
    expect(["G7", "G8", "G10", "G13", "G14"].map((a) => so02.getCell(a).value)).toEqual([18, 10, 8, 15, 15]);
    const owned = readIndexSheet(snapshotWorkbook(wb))!.owned.cells;
    expect(owned.find((c) => c.sheet === "SO-01" && c.role === "summary")?.ranges).toEqual(["D3:E4"]);
    expect(owned.find((c) => c.sheet === "SO-02" && c.role === "score")?.ranges).toEqual(["G7:G8", "G10", "G13:G14"]);
  });

  test("a mark moved by inserted rows is removed from the cell it is on now, which gets its own fill back; the cell now at the recorded address is left alone", async () => {
    const file = await demoForms((wb) => {
      const ws = wb.getWorksheet("SO-02")!;
      ws.getCell("D10").value = "abc"; // 1.2.a: not a number
      ws.getCell("D10").fill = { type: "pattern", pattern: "solid", fgColor: { argb: GREEN } };
      ws.getCell("D13").value = null; // 2.1 left blank
      ws.getCell("D8").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
    });
    const first = await score(file);
    expect(first.issues.map((i) => [i.code, i.cell])).toEqual([
      ["not-a-number", "D10"],
      ["missing-input", "D13"],
    ]);

    // Two rows inserted at the top: 1.2.a is now on row 12 and 2.1 on row 15; D10 holds 1.1's answer.
    const moved = await edit(first.out, (wb) => insertRows(wb.getWorksheet("SO-02")!, 1, [["Bản sửa ngày 2/12"], []]));
    const check = (await open(moved)).getWorksheet("SO-02")!;
    expect(fillOf(check.getCell("D12"))).toBe(MARK_FILLS.error);
    expect(noteOf(check.getCell("D12"))).toContain(MARK_NOTE_PREFIX);
    expect(fillOf(check.getCell("D10"))).toBe("FFFFF2CC");

    // Still wrong: marked again where it is, and _index keeps the cell's own fill, not the mark's.
    const second = await score(moved);
    expect(second.issues.map((i) => [i.code, i.cell])).toEqual([
      ["not-a-number", "D12"],
      ["missing-input", "D15"],
    ]);
    const again = await open(second.out);
    const ws2 = again.getWorksheet("SO-02")!;
    expect(fillOf(ws2.getCell("D10"))).toBe("FFFFF2CC");
    expect(noteOf(ws2.getCell("D10"))).toBeUndefined();
    expect(readIndexSheet(snapshotWorkbook(again))!.marks).toEqual([
      { sheet: "SO-02", cell: "D12", fill: "#00B050" },
      { sheet: "SO-02", cell: "D15" },
    ]);

    // Corrected: both marks go, each cell with its own fill, and nothing else changes.
    const corrected = await edit(second.out, (wb) => {
      const ws = wb.getWorksheet("SO-02")!;
      ws.getCell("D12").value = 40;
      ws.getCell("D15").value = 0.5;
    });
    const third = await score(corrected);
    expect(third.issues).toEqual([]);
    const clean = (await open(third.out)).getWorksheet("SO-02")!;
    expect([fillOf(clean.getCell("D12")), noteOf(clean.getCell("D12"))]).toEqual([GREEN, undefined]);
    expect([fillOf(clean.getCell("D15")), noteOf(clean.getCell("D15"))]).toEqual([undefined, undefined]);
    expect([fillOf(clean.getCell("D10")), noteOf(clean.getCell("D10"))]).toEqual(["FFFFF2CC", undefined]);
    expect([fillOf(clean.getCell("D13")), noteOf(clean.getCell("D13"))]).toEqual([undefined, undefined]);
  });

  test("clearing after an insert removes the moved mark at once, and gives no fill to the cell now at the recorded address", async () => {
    const file = await demoForms((wb) => {
      const ws = wb.getWorksheet("SO-03")!;
      ws.getCell("D10").value = "abc";
      ws.getCell("D10").fill = { type: "pattern", pattern: "solid", fgColor: { argb: GREEN } };
    });
    const first = await score(file);
    const moved = await edit(first.out, (wb) => {
      const ws = wb.getWorksheet("SO-03")!;
      insertRows(ws, 9, [[null, "Dòng thêm"]]);
      ws.getCell("D11").value = 70; // corrected where it is now
      ws.getCell("D10").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B0F0" } }; // the user's colour on 1.2's row, now at D10
    });
    const second = await score(moved);
    expect(second.issues).toEqual([]);
    const ws = (await open(second.out)).getWorksheet("SO-03")!;
    expect([fillOf(ws.getCell("D11")), noteOf(ws.getCell("D11"))]).toEqual([GREEN, undefined]);
    expect([fillOf(ws.getCell("D10")), noteOf(ws.getCell("D10")), ws.getCell("B9").value]).toEqual(["FF00B0F0", undefined, "Dòng thêm"]);
  });
});
