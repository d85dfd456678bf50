/**
 * A form left out of the scoring (its code another form's) says so on its first row, printed
 * ("Chưa được chấm: …"), after every run that leaves it out: a run clears the line the last one
 * wrote, then writes this run's in the same cells, and the Excel host writes the two in that order
 * (a line cleared after it was written was gone after every second run, and on the run a form was
 * first left out).
 */
import { ExcelHost } from "../../src/hosts/excel";
import { runScoring } from "../../src/core/pipeline";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

async function score(double: ExcelDouble, definition: unknown, at: Date): Promise<void> {
  double.install();
  await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now: at });
}

/** The texts of the first two rows of a sheet's cells that begin with "Chưa được chấm". */
function notScoredLine(double: ExcelDouble, sheet: string): string[] {
  const s = double.workbook.sheets.find((x) => x.name === sheet)!;
  return [...s.cells.entries()].flatMap(([, c]) => (typeof c.v === "string" && c.v.startsWith("Chưa được chấm") ? [c.v] : []));
}

test("a form left out says so after every run, the first one that leaves it out included", async () => {
  const { double, definition } = await layoutAWorkbook(3);
  await score(double, definition, new Date("2026-01-15T08:00:00Z"));
  expect(notScoredLine(double, "Đơn vị số 3")).toEqual([]);
  // The third form given the second's code: the first of the two is scored, the other left out.
  const code = double.cell("'Đơn vị số 2'!B2")?.v;
  await double.userEdit("Đơn vị số 3", "B2", [[code as string]]);
  const seen: number[] = [];
  for (let run = 0; run < 4; run++) {
    await score(double, definition, new Date(Date.UTC(2026, 1, 20 + run, 9)));
    seen.push(notScoredLine(double, "Đơn vị số 3").length);
  }
  expect(seen).toEqual([1, 1, 1, 1]);
  expect(notScoredLine(double, "Đơn vị số 3")[0]).toMatch(/^Chưa được chấm: /);
  // Its code its own again: the line goes, and stays gone.
  await double.userEdit("Đơn vị số 3", "B2", [["DV03-moi"]]);
  await score(double, definition, new Date("2026-03-01T09:00:00Z"));
  await score(double, definition, new Date("2026-03-02T09:00:00Z"));
  expect(notScoredLine(double, "Đơn vị số 3")).toEqual([]);
}, 60_000);
