/**
 * Scored in Excel, the workbook keeps in `_index` a copy of each unit's figures and a formula a
 * unit comparing them with its form; the results sheet's subtitle turns, by a formula, into a line
 * counting the units whose figures changed (red and bold by a custom conditional format, added
 * once however often the workbook is scored), and each form says under its summary that its
 * points and rank are out of date: the formulas are written as formulas, the copies as the values
 * read, in the same number of Excel requests whatever the number of units.
 */
import { runScoring } from "../../src/core/pipeline";
import { INDEX_SHEET, SHEET_NAMES } from "../../src/core/plan";
import { unitInputsChangedCount } from "../../src/core/plan/index-sheet";
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

const COUNT = `COUNTIFS('_index'!$A:$A,"inputs",'_index'!$C:$C,">0")`;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The custom conditional formats of a sheet, as the double keeps them. */
function customFormats(double: ExcelDouble, sheet: string): unknown[] {
  return double.sheet(sheet).conditionalFormats.filter((c) => c.type === "Custom").map(({ id: _id, ...rest }) => rest);
}

/** The line under a form's summary: the cell right under the summary's last label, in its column. */
function formLine(double: ExcelDouble, sheet: string): { address: string; cell: NonNullable<ReturnType<ExcelDouble["cell"]>> } | undefined {
  const s = double.sheet(sheet);
  for (const [k, c] of s.cells) {
    if (c.v !== "Tổng điểm") continue;
    const row = Math.floor(k / 16384), col = k % 16384;
    let r = row + 1;
    while (["Hạng", "Hạng trong loại"].includes(String(s.get(r, col)?.v))) r++;
    const cell = s.get(r, col);
    return cell ? { address: `${String.fromCharCode(65 + col)}${r + 1}`, cell } : undefined;
  }
  return undefined;
}

const COMPARED = /EXACT\(\(('(?:[^']|'')+'|[^'!()]+)!([A-Z]+\d+(?::[A-Z]+\d+)?)\)&"",\(([A-Z]+\d+(?::[A-Z]+\d+)?)\)&""\)/g;

describe("the copy of the figures and the line that says they changed, in Excel", () => {
  test("every unit has its flag formula and a copy equal to its form's cells; the subtitle turns into the line, red and bold by a formula rule; each form has its line", async () => {
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
    const results = SHEET_NAMES.results.vi;
    // Nothing on the title's row but the title: the line is the subtitle's cell.
    expect([...double.sheet(results).cells.entries()].filter(([k, c]) => Math.floor(k / 16384) === 0 && (c.f !== undefined || c.t !== "Empty")).map(([k]) => k)).toEqual([0]);
    const a2 = double.cell(`'${results}'!A2`)!;
    expect(a2.f).toMatch(new RegExp(`^=IF\\(${escape(COUNT)}=0,"Chấm điểm ngày 15/01/2026 bằng DTI Scorer test; 34 `));
    expect(a2.f).toContain('&" sở, ban, ngành đã được sửa sau lần chấm ngày 15/01/2026');
    // Red and bold only while the count is above 0: a formula rule, the cell's own font plain.
    expect(a2.fontColor).toBeUndefined();
    expect(a2.bold).toBeUndefined();
    expect(customFormats(double, results)).toEqual([{ type: "Custom", areas: [{ row: 1, col: 0, rows: 1, cols: 1 }], custom: { formula: `=${COUNT}>0`, font: { color: "#C00000", bold: true } } }]);
    // Each form: under its summary, a formula on its own flag, red by its number format.
    for (const f of rows) {
      const line = formLine(double, f.sheet);
      expect(line).toBeDefined();
      expect(line!.cell.f).toBe(
        `=IF(${unitInputsChangedCount(f.unit)}=0,IF(${COUNT}=0,"","Số liệu của sở, ban, ngành khác đã sửa sau lần chấm ngày 15/01/2026: điểm và hạng này có thể đã cũ. Hãy chấm điểm lại."),"Số liệu đã sửa sau lần chấm ngày 15/01/2026: điểm và hạng này đã cũ. Hãy chấm điểm lại.")`,
      );
      expect(line!.cell.nf).toBe("General;-General;;[Red]@");
    }
  }, 60_000);

  test("a second run writes the subtitle's rule again, not a second one, and each form's line again in its place", async () => {
    const { double, definition } = await layoutAWorkbook(12);
    await score(double, definition);
    const results = SHEET_NAMES.results.vi;
    const before = flags(double).map((f) => `${f.sheet}!${formLine(double, f.sheet)?.address}`);
    await score(double, definition);
    expect(customFormats(double, results)).toHaveLength(1);
    expect(double.sheet(results).conditionalFormats.filter((c) => c.type !== "Custom").length).toBeGreaterThan(0);
    expect(flags(double).map((f) => `${f.sheet}!${formLine(double, f.sheet)?.address}`)).toEqual(before);
    for (const f of flags(double)) {
      const lines = [...double.sheet(f.sheet).cells.values()].filter((c) => c.f?.includes("'_index'!$B:$B"));
      expect(lines).toHaveLength(1);
    }
  }, 60_000);

  test("the charts sheet's line above its charts (A1): empty while no flag is above 0, the results sheet's line otherwise, red and bold by one formula rule, written again in place by a second run", async () => {
    const { double, definition } = await layoutAWorkbook(12);
    await score(double, definition);
    const charts = SHEET_NAMES.charts.vi;
    const check = () => {
      const a1 = double.cell(`'${charts}'!A1`)!;
      expect(a1.f).toMatch(new RegExp(`^=IF\\(${escape(COUNT)}=0,"","Số liệu của "&`));
      expect(a1.f).toContain("đã được sửa sau lần chấm ngày 15/01/2026: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.");
      expect(customFormats(double, charts)).toEqual([{ type: "Custom", areas: [{ row: 0, col: 0, rows: 1, cols: 1 }], custom: { formula: `=${COUNT}>0`, font: { color: "#C00000", bold: true } } }]);
      // Nothing else on row 1 (the charts start under it).
      expect([...double.sheet(charts).cells.entries()].filter(([k, c]) => Math.floor(k / 16384) === 0 && (c.f !== undefined || c.t !== "Empty")).map(([k]) => k)).toEqual([0]);
    };
    check();
    await score(double, definition);
    check();
  }, 60_000);

  test("scored again in English: the results sheet, renamed by Excel, keeps one rule for its subtitle, now in English", async () => {
    const { double, definition } = await layoutAWorkbook(6);
    await score(double, definition);
    double.install();
    await runScoring(new ExcelHost(), { definition, lang: "en", projectVersion: "test", now });
    expect(double.sheetNames()).not.toContain(SHEET_NAMES.results.vi);
    expect(customFormats(double, SHEET_NAMES.results.en)).toEqual([{ type: "Custom", areas: [{ row: 1, col: 0, rows: 1, cols: 1 }], custom: { formula: `=${COUNT}>0`, font: { color: "#C00000", bold: true } } }]);
    expect(double.cell(`'${SHEET_NAMES.results.en}'!A2`)!.f).toMatch(/^=IF\(COUNTIFS\(.*=0,"Scored on 15 Jan 2026 by DTI Scorer test; 6 /);
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
