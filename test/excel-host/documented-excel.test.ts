/**
 * Where Excel is particular, the Excel host writes what the plan says: a unit's name Excel would read
 * as a date, a number, a truth value or an error stays text on the results and charts sheets; and
 * frozen panes are set only where the plan sets them, without unfreezing a hidden sheet (Excel's
 * `unfreeze()` throws there in some builds, OfficeDev/office-js#1463; the double does the same); a
 * very hidden sheet the plan removes is made hidden first, as Excel requires.
 */
import { runScoring } from "../../src/core/pipeline";
import { INDEX_SHEET, SHEET_NAMES } from "../../src/core/plan";
import { parseRect } from "../../src/core/a1";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const FIRST = new Date("2026-01-15T08:00:00Z");
const SECOND = new Date("2026-01-22T08:00:00Z");
const RESULTS = SHEET_NAMES.results.vi;
const CHARTS = SHEET_NAMES.charts.vi;

async function score(double: ExcelDouble, definition: unknown, now = FIRST) {
  double.install();
  double.resetCounters();
  return runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
}

/**
 * Each cell the plan writes one of these names into on the sheet, as Excel keeps it: the value and
 * its type ("String" when it stayed text).
 */
function namedCells(double: ExcelDouble, plan: NonNullable<Awaited<ReturnType<typeof score>>["plan"]>, sheet: string, names: string[]) {
  const cells = new Map<string, { row: number; col: number; name: string }>();
  for (const block of plan.owned.find((o) => o.name === sheet)!.blocks) {
    const at = parseRect(block.address)!;
    block.values.forEach((line, r) =>
      line.forEach((v, c) => {
        const key = `${at.row + r}:${at.col + c}`;
        if (typeof v === "string" && names.includes(v)) cells.set(key, { row: at.row + r, col: at.col + c, name: v });
        else if (v !== null) cells.delete(key);
      }),
    );
  }
  return [...cells.values()].map(({ row, col, name }) => {
    const cell = double.sheet(sheet).get(row, col);
    return { name, shown: cell?.v, type: cell?.t };
  });
}

describe("unit names that Excel would read as something else", () => {
  // Three units: every name is also in the profile's header, which is written twice (its values,
  // then again to make it bold); a formula-like name among them made the second write format the
  // other names General, and Excel then read "2025-05-03" as a date and "TRUE" as a truth value.
  const lists = [
    ["=1+1", "2025-05-03", "TRUE"],
    ["2025-05-03", "50%", "1e3", "10:30", "001", "TRUE", "#N/A", "1,000", "1/2"],
  ];
  for (const names of lists) {
    test(`stay text on the results and charts sheets: ${names.join(" ")}`, async () => {
      const { double, definition } = await layoutAWorkbook(names.length, { unitName: (u) => names[u]! });
      const { plan } = await score(double, definition);
      for (const sheet of [RESULTS, CHARTS]) {
        const cells = namedCells(double, plan!, sheet, names);
        // Each name is written at least once on each sheet (the charts sheet: its data and the profile's header).
        expect(new Set(cells.map((c) => c.name))).toEqual(new Set(names));
        expect(cells.filter((c) => c.shown !== c.name || c.type !== "String")).toEqual([]);
        expect([...double.sheet(sheet).cells.values()].filter((c) => c.t === "Boolean" || c.t === "Error" || c.f?.includes("1+1"))).toEqual([]);
      }
      if (names.length === 3) expect(namedCells(double, plan!, CHARTS, names).length).toBe(6);
    }, 60_000);
  }
});

describe("frozen panes on a second run", () => {
  test("the results sheet gets the plan's panes again; the panes the user froze on the charts sheet stay; `_index` is left alone", async () => {
    const { double, definition } = await layoutAWorkbook(4);
    const first = await score(double, definition);
    const planned = first.plan!.owned.find((o) => o.name === RESULTS)!.freeze!;
    expect(double.sheet(RESULTS).freeze).toEqual({ rows: planned.rows, cols: planned.columns });
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(RESULTS).freezePanes.freezeRows(1);
      ctx.workbook.worksheets.getItem(CHARTS).freezePanes.freezeColumns(2);
      await ctx.sync();
    });
    await score(double, definition, SECOND);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(double.sheet(RESULTS).freeze).toEqual({ rows: planned.rows, cols: planned.columns });
    expect(double.sheet(CHARTS).freeze).toEqual({ rows: 0, cols: 2 });
    expect(double.sheet(INDEX_SHEET).visibility).toBe("VeryHidden");
  }, 60_000);

  test("a results sheet the user hid is written again with the plan's panes, in as many requests as a visible one", async () => {
    const visible = await layoutAWorkbook(4);
    const hidden = await layoutAWorkbook(4);
    const first = await score(visible.double, visible.definition);
    await score(hidden.double, hidden.definition);
    const planned = first.plan!.owned.find((o) => o.name === RESULTS)!.freeze!;
    hidden.double.install();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(RESULTS);
      ws.freezePanes.freezeRows(1);
      ws.visibility = "Hidden";
      await ctx.sync();
    });
    await score(visible.double, visible.definition, SECOND);
    await score(hidden.double, hidden.definition, SECOND);
    expect(hidden.double.requests.every((r) => r.ok)).toBe(true);
    expect(hidden.double.sheet(RESULTS).visibility).toBe("Hidden");
    expect(hidden.double.sheet(RESULTS).freeze).toEqual({ rows: planned.rows, cols: planned.columns });
    expect(hidden.double.syncCount).toBe(visible.double.syncCount);
  }, 60_000);
});

describe("a sheet the plan removes", () => {
  for (const visibility of ["Visible", "VeryHidden"] as const) {
    test(`goes when it is ${visibility}: a look-up request, then one write request`, async () => {
      // Worksheet.delete: "if the worksheet's visibility is set to "VeryHidden", the delete
      // operation will fail with an InvalidOperation exception. You should first change its
      // visibility to hidden or visible before deleting it."
      const { double } = await layoutAWorkbook(2);
      double.addSheet("Results (old)", [["Rank"]]);
      double.sheet("Results (old)").visibility = visibility;
      double.install();
      double.resetCounters();
      await new ExcelHost().apply({ lang: "vi", owned: [], edits: [], marks: [], clearMarks: [], removeSheets: ["Results (old)"] });
      expect(double.sheetNames()).not.toContain("Results (old)");
      expect(double.requests.map((r) => r.ok)).toEqual([true, true]);
    });
  }
});
