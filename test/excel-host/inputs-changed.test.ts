/**
 * Scored in Excel, the workbook keeps in `_index` a copy of each unit's figures and a formula a
 * unit comparing them with its form, and on the results sheet a red line counting the units whose
 * figures changed: the formulas are written as formulas, the copies as the values read, in the
 * same number of Excel requests whatever the number of units.
 */
import { runScoring } from "../../src/core/pipeline";
import { INDEX_SHEET, SHEET_NAMES } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

async function score(double: ExcelDouble, definition: unknown) {
  double.install();
  const host = new ExcelHost();
  return runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
}

/** `_index`'s flag rows: the unit, the formula in C, the sheet in D. */
function flags(double: ExcelDouble): { unit: string; formula: string; sheet: string }[] {
  const out: { unit: string; formula: string; sheet: string }[] = [];
  for (let r = 1; r < 2000; r++) {
    if (double.value(`'${INDEX_SHEET}'!A${r}`) !== "inputs") continue;
    out.push({ unit: String(double.value(`'${INDEX_SHEET}'!B${r}`)), formula: double.cell(`'${INDEX_SHEET}'!C${r}`)?.f ?? "", sheet: String(double.value(`'${INDEX_SHEET}'!D${r}`)) });
  }
  return out;
}

const COMPARED = /\(\(('(?:[^']|'')+'|[^'!()]+)!([A-Z]+\d+(?::[A-Z]+\d+)?)\)&""<>\(([A-Z]+\d+(?::[A-Z]+\d+)?)\)&""\)/g;

describe("the copy of the figures and the line that says they changed, in Excel", () => {
  test("every unit has its flag formula and a copy equal to its form's cells; the results sheet has the line as a red bold formula", async () => {
    const { double, definition } = await layoutAWorkbook(34);
    const result = await score(double, definition);
    const rows = flags(double);
    expect(rows).toHaveLength(result.submissions.length);
    expect(rows.length).toBe(34);
    for (const f of rows) {
      expect(f.formula).toMatch(/^=IFERROR\(SUMPRODUCT\(.*\),1\)$/);
      const parts = [...f.formula.matchAll(COMPARED)];
      expect(parts.length).toBeGreaterThanOrEqual(1);
      for (const [, sheet, there, here] of parts) {
        expect(sheet!.replace(/^'|'$/g, "").replace(/''/g, "'")).toBe(f.sheet);
        expect(double.grid(`'${INDEX_SHEET}'!${here}`)).toEqual(double.grid(`${sheet}!${there}`));
      }
      // The copy holds the unit's figures, not an empty range.
      const copied = parts.flatMap(([, , , here]) => double.grid(`'${INDEX_SHEET}'!${here}`).flat());
      expect(copied.some((v) => typeof v === "number")).toBe(true);
    }
    const results = (SHEET_NAMES as unknown as { results: { vi: string } }).results.vi;
    const line = [...double.sheet(results).cells.values()].filter((c) => c.f?.includes("COUNTIFS('_index'!$A:$A,\"inputs\",'_index'!$C:$C,\">0\")"));
    expect(line).toHaveLength(1);
    expect(line[0]!.f).toContain("đơn vị đã được sửa sau lần chấm ngày 15/01/2026");
    expect(line[0]!.bold).toBe(true);
    expect(line[0]!.fontColor?.toUpperCase()).toContain("C00000");
  }, 60_000);

  test("takes the same number of Excel requests for 34 and for 150 units", async () => {
    const small = await layoutAWorkbook(34);
    await score(small.double, small.definition);
    const large = await layoutAWorkbook(150);
    await score(large.double, large.definition);
    expect(flags(large.double)).toHaveLength(150);
    expect(small.double.syncCount).toBeGreaterThan(0);
    expect(large.double.syncCount).toBe(small.double.syncCount);
    expect(large.double.requests.every((r) => r.ok)).toBe(true);
  }, 120_000);
});
