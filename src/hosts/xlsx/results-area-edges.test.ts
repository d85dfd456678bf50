/**
 * A workbook scored by an earlier version, whose `_index` records neither the range the results
 * table took nor one line per row of it (two units recorded under one key): the run measures the
 * last run's table on the sheet, its rows past the units recorded included while they hold a code
 * and a name. Its last row is the project's, not something the analyst typed: scored again, it is
 * neither warned about as overwritten nor left behind under a shorter table.
 */
import type ExcelJS from "exceljs";
import { edit, open, scoreAgain, scoredDemo } from "./test-workbooks";

const RESULTS = "Kết quả";

/** The demo (20 units, table A3:AC23) as an earlier version left it: no table range in `_index`, one unit line fewer than rows. */
async function earlierDemo(): Promise<Uint8Array> {
  return edit(await scoredDemo(), (wb) => {
    let unitLines = 0;
    wb.getWorksheet("_index")!.eachRow((row) => {
      const key = row.getCell(1).value;
      if (key === "cells" && row.getCell(2).value === RESULTS && row.getCell(3).value === "table") row.getCell(1).value = null;
      if (key === "unit" && unitLines++ === 0) row.getCell(1).value = null;
    });
    expect(unitLines).toBe(20);
  });
}

/** The codes in column B from row 4 down to `last`. */
function codes(ws: ExcelJS.Worksheet, last = 40): string[] {
  const out: string[] = [];
  for (let r = 4; r <= last; r++) {
    const v = ws.getCell(r, 2).value;
    if (typeof v === "string" && /^[A-Z-]+$/.test(v)) out.push(v);
  }
  return out;
}

describe("the results table of a workbook scored by an earlier version", () => {
  let earlier: Uint8Array;
  beforeAll(async () => {
    earlier = await earlierDemo();
  }, 60000);

  test("scored again with the same units: the table's last row (23) is rewritten without a warning", async () => {
    const before = (await open(earlier)).getWorksheet(RESULTS)!;
    expect(before.getCell("B23").value).toBe("STNMT");
    const again = await scoreAgain(earlier);
    expect(again.warnings).toEqual([]);
    const ws = (await open(again.out)).getWorksheet(RESULTS)!;
    expect(codes(ws)).toHaveLength(20);
    expect(ws.getCell("B23").value).toBe("STNMT");
  }, 60000);

  test("scored again with five units fewer: no row of the last run's table is left under the new one", async () => {
    const fewer = await edit(earlier, (wb) => {
      for (const name of ["Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Tư pháp"]) wb.removeWorksheet(wb.getWorksheet(name)!.id);
    });
    const again = await scoreAgain(fewer);
    expect(again.warnings).toEqual([]);
    const ws = (await open(again.out)).getWorksheet(RESULTS)!;
    // Fifteen units on rows 4–18, and no unit below them: STNMT, last on row 23, is written once.
    const listed = codes(ws);
    expect(listed).toHaveLength(15);
    expect(new Set(listed).size).toBe(15);
    expect(listed).not.toContain("STP");
    for (const column of ["E", "AC"]) expect([column, ws.getCell(`${column}23`).value]).toEqual([column, null]);
    // D23 is the line under the table now (that points are shown rounded), merged over the columns every page repeats.
    expect([ws.getCell("D23").isMerged, ws.getCell("D23").master.address]).toEqual([true, "A23"]);
  }, 60000);
});
