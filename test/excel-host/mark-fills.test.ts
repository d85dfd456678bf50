/**
 * An issue mark in Excel covers the cell's own fill (a form's input cells are shaded): the fill is
 * read just before marking, recorded in `_index`, and given back when the mark goes.
 */
import { runScoring } from "../../src/core/pipeline";
import { INDEX_SHEET } from "../../src/core/plan";
import { topLeft } from "../../src/core/a1";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

async function score(double: ExcelDouble, definition: unknown) {
  double.install();
  return runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
}

describe("issue marks over the shading of a form's input cells in Excel", () => {
  test("a cell marked then corrected gets its own shading back, not an empty fill", async () => {
    const { double, definition } = await layoutAWorkbook(3);
    const first = await score(double, definition);
    const sub = first.submissions[0]!;
    const [, cell] = Object.entries(sub.source!.cells!).find(([code]) => /^\d+\.\d+\.a$/.test(code)) ?? Object.entries(sub.source!.cells!)[0]!;
    const sheet = sub.source!.sheet;
    const own = double.sheet(sheet).get(...rc(cell))?.fill;
    const answer = double.sheet(sheet).get(...rc(cell))!.v;
    // The template shades input cells: the fill the mark must give back.
    expect(own).toMatch(/^#[0-9A-F]{6}$/);
    double.setCells(sheet, cell, [["không rõ"]]);
    const marked = await score(double, definition);
    expect(marked.issues.some((i) => i.sheet === sheet && i.cell === cell && i.severity === "error")).toBe(true);
    expect(double.sheet(sheet).get(...rc(cell))?.fill).toBe("#FFC7CE");
    // `_index` records the cell's own fill, in ARGB like the fills the .xlsx reader records.
    const index = [...double.sheet(INDEX_SHEET).cells.values()].map((c) => c.v);
    expect(index).toContain(`FF${own!.slice(1)}`);
    double.setCells(sheet, cell, [[answer as string | number | boolean]]);
    const syncsBefore = double.syncCount;
    const third = await score(double, definition);
    expect(third.issues.some((i) => i.sheet === sheet && i.cell === cell)).toBe(false);
    expect(double.sheet(sheet).get(...rc(cell))?.fill).toBe(own);
    expect(double.syncCount - syncsBefore).toBeGreaterThan(0);
  });
});

/** "D12" → [11, 3] (0-based row and column). */
function rc(cell: string): [number, number] {
  const { row, col } = topLeft(cell);
  return [row, col];
}
