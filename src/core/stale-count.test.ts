/**
 * unitsOutOfDate: how many units' results are out of date, as staleResults (the command line's
 * stale check, the pane) tells them, for what writes that count elsewhere (the subtitle of a
 * workbook that forms were gathered into), and when it cannot be told. Real .xlsx files: the
 * fixture an earlier release scored, and the demo's forms scored, changed and read back.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { XlsxHost } from "../hosts/xlsx/host";
import { scoredThenChanged } from "../../test/stale-workbooks";
import { readIndexSheet, staleUnits } from "./plan";
import { staleResults, staleUnitCount, submissionsAsScored, unitsOutOfDate } from "./stale";

const FIXTURE = join(__dirname, "../../test/fixtures/xlsx/scored-before-noisy-whole-numbers.xlsx");

/** The fixture after `change`, read back. */
async function fixture(change: (wb: ExcelJS.Workbook) => void = () => {}) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(FIXTURE) as unknown as ArrayBuffer);
  change(wb);
  return (await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()))).read();
}

/** The row of the form on `ws` whose `Mã` (column A) is `code`. */
function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  let found = 0;
  ws.eachRow((row, r) => {
    if (row.getCell(1).value === code) found = r;
  });
  expect(found).toBeGreaterThan(0);
  return found;
}

describe("unitsOutOfDate", () => {
  test("a workbook scored by the release that refused whole numbers with float noise, unchanged: 0, though its hashes alone tell one unit changed", async () => {
    const snapshot = await fixture();
    const state = readIndexSheet(snapshot)!;
    // Sở Tài chính's 12.000000000000002, read as 12 now, was left out of its hash then.
    expect(staleUnits(state, submissionsAsScored(snapshot, state)!).changed).toEqual(["STC"]);
    expect(staleResults(snapshot)).toBeUndefined();
    expect(unitsOutOfDate(snapshot)).toBe(0);
  }, 60_000);

  test("a figure changed for real in it: the count of staleResults' units, that unit alone", async () => {
    const snapshot = await fixture((wb) => {
      const ws = wb.getWorksheet("Sở Xây dựng")!;
      ws.getCell(rowOf(ws, "1.4"), 4).value = 6;
    });
    const stale = staleResults(snapshot)!;
    expect(stale).toMatchObject({ changed: ["SXD"], added: [], removed: [] });
    expect(staleUnitCount(stale)).toBe(1);
    expect(unitsOutOfDate(snapshot)).toBe(1);
    expect(unitsOutOfDate(snapshot, "en", readIndexSheet(snapshot))).toBe(1);
  }, 60_000);

  test("a unit whose form can no longer be read and a unit gone count as staleResults counts them", async () => {
    const host = await scoredThenChanged((wb) => {
      wb.removeWorksheet(wb.getWorksheet("SO-02")!.id);
      const ws = wb.getWorksheet("SO-03")!;
      ws.eachRow((row) => row.eachCell((cell) => cell.value === "Số liệu" && (cell.value = "Ghi chú")));
    });
    const snapshot = await host.read();
    const stale = staleResults(snapshot)!;
    expect(stale).toMatchObject({ unreadable: ["SO-03"], removed: ["SO-02"] });
    expect(unitsOutOfDate(snapshot)).toBe(staleUnitCount(stale));
    expect(unitsOutOfDate(snapshot)).toBe(2);
  }, 60_000);

  test("cannot be told: the definition kept in `_index` not readable, or no workbook scored", async () => {
    const broken = await fixture((wb) => {
      wb.getWorksheet("_index")!.eachRow((row) => {
        if (row.getCell(1).value === "definition") row.getCell(2).value = "{không phải JSON";
      });
    });
    expect(unitsOutOfDate(broken)).toBeUndefined();
    const none = await fixture((wb) => wb.removeWorksheet(wb.getWorksheet("_index")!.id));
    expect(unitsOutOfDate(none)).toBeUndefined();
  }, 60_000);
});
