/**
 * A mark's cell that the user coloured after it was marked (the council colours what it checked):
 * the next run takes the mark away and leaves the user's fill; a cell still showing the mark's
 * fill gets its own fill back.
 */
import ExcelJS from "exceljs";
import { MARK_FILLS } from "../../core/plan/labels";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { demoForms, edit, noteOf, open } from "./test-workbooks";

async function score(file: Uint8Array) {
  const host = await XlsxHost.fromBuffer(file, "phieu.xlsx");
  const result = await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return { out: await host.toBuffer(), issues: result.issues };
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f && f.pattern !== "none" ? f.fgColor?.argb : undefined;
}

const YELLOW = "FFFFF2CC";
const BLUE = "FF00B0F0";

test("a fill the user gave a marked cell stays when the mark is cleared; a cell still showing the mark's fill gets its own back", async () => {
  const file = await demoForms((wb) => {
    const ws = wb.getWorksheet("SO-02")!;
    ws.getCell("D10").value = "abc"; // 1.2.a: not a number
    ws.getCell("D13").value = null; // 2.1 left blank
    for (const a of ["D10", "D13"]) ws.getCell(a).fill = { type: "pattern", pattern: "solid", fgColor: { argb: YELLOW } };
  });
  const first = await score(file);
  expect(first.issues.map((i) => [i.code, i.cell])).toEqual([
    ["not-a-number", "D10"],
    ["missing-input", "D13"],
  ]);
  const marked = (await open(first.out)).getWorksheet("SO-02")!;
  expect([fillOf(marked.getCell("D10")), fillOf(marked.getCell("D13"))]).toEqual([MARK_FILLS.error, MARK_FILLS.warning]);

  // Corrected; D10 coloured blue by the council, D13 left with the mark's fill.
  const corrected = await edit(first.out, (wb) => {
    const ws = wb.getWorksheet("SO-02")!;
    ws.getCell("D10").value = 40;
    ws.getCell("D10").fill = { type: "pattern", pattern: "solid", fgColor: { argb: BLUE } };
    ws.getCell("D13").value = 0.5;
  });
  const second = await score(corrected);
  expect(second.issues).toEqual([]);
  const clean = (await open(second.out)).getWorksheet("SO-02")!;
  expect([fillOf(clean.getCell("D10")), noteOf(clean.getCell("D10"))]).toEqual([BLUE, undefined]);
  expect([fillOf(clean.getCell("D13")), noteOf(clean.getCell("D13"))]).toEqual([YELLOW, undefined]);
});
