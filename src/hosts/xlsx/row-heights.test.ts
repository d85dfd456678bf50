/**
 * The heights of the results sheet's rows when it is scored again: the rows the project writes take
 * the heights this run gives them, as a sheet made anew (a row made tall for a unit's long note is
 * not left to the unit now on it), whatever the user typed right of the table; a height stays where
 * the user set it on a row the project does not write, and where their own cells need it.
 */
import type ExcelJS from "exceljs";
import { edit, open, scoreAgain, scoredDemo } from "./test-workbooks";

/** The results table's rows on the demo's `Kết quả` (A3:AC23: 20 units from row 4). */
const FIRST = 4;
const LAST = 23;
/** A column right of the table, left of nothing of the project's. */
const THEIRS = "AE";

/** The unit's name (column C) and its row's height, for every row of the table, top down. */
function tableRows(ws: ExcelJS.Worksheet): [string, number | undefined][] {
  const out: [string, number | undefined][] = [];
  for (let r = FIRST; r <= LAST; r++) out.push([String(ws.getCell(r, 3).value), ws.getRow(r).height]);
  return out;
}

/** The heights of every row of `Kết quả` from the title to the lines under the table. */
function heights(ws: ExcelJS.Worksheet): (number | undefined)[] {
  return Array.from({ length: 30 }, (_, i) => ws.getRow(i + 1).height);
}

/**
 * The table sorted the other way, each row with its cells and its height (a sort that moves whole
 * rows), and a value of the user's typed right of every row: then `also`.
 */
function sortedWithTheirCells(also?: (ws: ExcelJS.Worksheet) => void): (wb: ExcelJS.Workbook) => void {
  return (wb) => {
    const ws = wb.getWorksheet("Kết quả")!;
    const rows = [];
    for (let r = FIRST; r <= LAST; r++) {
      const cells = [];
      for (let c = 1; c <= 29; c++) cells.push({ value: ws.getCell(r, c).value, style: structuredClone(ws.getCell(r, c).style) });
      rows.push({ cells, height: ws.getRow(r).height });
    }
    rows.reverse().forEach((line, i) => {
      const r = FIRST + i;
      line.cells.forEach((cell, c) => {
        ws.getCell(r, c + 1).value = cell.value;
        ws.getCell(r, c + 1).style = cell.style;
      });
      const row = ws.getRow(r) as { height?: number };
      if (line.height === undefined) delete row.height;
      else row.height = line.height;
      ws.getCell(`${THEIRS}${r}`).value = `đã xem ${r}`;
    });
    also?.(ws);
  };
}

describe("the heights of the results table's rows, scored again", () => {
  test("after the table was sorted and the user typed right of its rows: every row as a fresh run gives it, no height left to another unit", async () => {
    const demo = await scoredDemo();
    const fresh = (await open((await scoreAgain(demo)).out)).getWorksheet("Kết quả")!;
    // The demo's two units with long notes, and the one whose name wraps in the name column the
    // print layout narrows, have taller rows; the others none of their own.
    const tall = tableRows(fresh).filter(([, h]) => h !== undefined);
    expect(tall.map(([name]) => name)).toEqual(["Sở Lao động - Thương binh và Xã hội", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Xây dựng"]);

    const sorted = await edit(demo, sortedWithTheirCells());
    const before = (await open(sorted)).getWorksheet("Kết quả")!;
    // Sorted, the tall rows are higher up: the rows they leave to the re-sorted units are tall still.
    expect(tableRows(before).filter(([, h]) => h !== undefined).map(([name]) => name)).toEqual(["Sở Xây dựng", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Lao động - Thương binh và Xã hội"]);

    const ws = (await open((await scoreAgain(sorted)).out)).getWorksheet("Kết quả")!;
    expect(tableRows(ws)).toEqual(tableRows(fresh));
    expect(heights(ws)).toEqual(heights(fresh));
    // The user's cells stay where they typed them.
    expect(ws.getCell(`${THEIRS}${FIRST}`).value).toBe(`đã xem ${FIRST}`);
  });

  test("table rows the file saved with a height each (as Excel and LibreOffice save them): written again without, so that they grow with their text", async () => {
    const demo = await scoredDemo();
    const fresh = (await open((await scoreAgain(demo)).out)).getWorksheet("Kết quả")!;
    const saved = await edit(
      demo,
      sortedWithTheirCells((ws) => {
        for (let r = FIRST; r <= LAST; r++) if (ws.getRow(r).height === undefined) ws.getRow(r).height = 15;
      }),
    );
    const ws = (await open((await scoreAgain(saved)).out)).getWorksheet("Kết quả")!;
    expect(heights(ws)).toEqual(heights(fresh));
  });

  test("a height the user's own cells need stays, as far as they need it; one they set on a row the project does not write stays", async () => {
    const demo = await scoredDemo();
    const fresh = (await open((await scoreAgain(demo)).out)).getWorksheet("Kết quả")!;
    const typed = await edit(
      demo,
      sortedWithTheirCells((ws) => {
        ws.getColumn(THEIRS).width = 12;
        // A remark that wraps over several lines, the row sized to show three of them.
        ws.getCell(`${THEIRS}10`).value = "Đề nghị bổ sung minh chứng về hệ thống một cửa điện tử";
        ws.getCell(`${THEIRS}10`).alignment = { wrapText: true };
        ws.getRow(10).height = 48;
        // A short remark on a row the user made tall (a table row: the project's to size).
        ws.getRow(12).height = 60;
        // A remark of two lines on a row far taller than that: it keeps what the remark needs.
        ws.getCell(`${THEIRS}14`).value = "Cần xem lại số liệu";
        ws.getCell(`${THEIRS}14`).alignment = { wrapText: true };
        ws.getRow(14).height = 200;
        // Under the table, out of the project's way.
        ws.getCell("A29").value = "Đã báo cáo lãnh đạo";
        ws.getRow(29).height = 40;
        // The tall row of a long note (SXD, sorted to row 8) with a remark of one line beside it.
        ws.getCell(`${THEIRS}8`).alignment = { wrapText: true };
      }),
    );
    const ws = (await open((await scoreAgain(typed)).out)).getWorksheet("Kết quả")!;
    expect(ws.getRow(10).height).toBe(48);
    expect(ws.getRow(12).height).toBe(fresh.getRow(12).height);
    expect(ws.getRow(14).height).toBe(2 * 15 + 3);
    expect(ws.getRow(29).height).toBe(40);
    expect(ws.getRow(8).height).toBe(fresh.getRow(8).height);
    // Every other row as a fresh run gives it.
    const others = (sheet: ExcelJS.Worksheet) => heights(sheet).filter((_, i) => ![10, 14, 29].includes(i + 1));
    expect(others(ws)).toEqual(others(fresh));
  });
});
