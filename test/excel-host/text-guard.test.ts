/**
 * Text that Excel would take for something else when written as a value stays the text the user
 * typed. Excel makes a formula of "=Sở A", "- Chưa nộp", "@home" (a leading "=", "+", "-" or "@"),
 * and a number, percentage or date of "001", "50%" or "2025-05-03", unless the cell is formatted
 * as text ("@") before it is written. The plan formats the names and codes it writes as text
 * itself; the Excel host formats any such string as text whatever format its block gives, so a
 * block that gives another format or none cannot turn a unit's name into a formula or its code
 * into a date. Both are pinned here through the host's public API on the Excel double.
 */
import type { CellBlock, WritePlan } from "../../src/core/types";
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import { createExcelDouble, type ExcelDouble } from "../excel-double";

/** Texts that start like a formula, then texts Excel would read as a number, percentage or date (or, in some locales, a fraction or a date: "1/2"). */
const FORMULA_LIKE = ["- Chưa nộp", "=Sở A", "@home", "+84 Sở B"];
const NUMBER_LIKE = ["001", "2025-05-03", "1/2", "50%"];

/** The cell at 0-based row and column, as Excel holds it: value, type, number format, formula. */
function cellAt(double: ExcelDouble, sheet: string, row: number, col: number) {
  const c = double.sheet(sheet).get(row, col);
  return { v: c?.v, t: c?.t, nf: c?.nf, f: c?.f ?? null };
}

const asText = (v: string) => ({ v, t: "String", nf: "@", f: null });

describe("unit names and codes that look like formulas, numbers or dates, scored in Excel", () => {
  const definition = {
    format: "index-definition/1",
    id: "thu-nghiem",
    version: "1",
    name: { vi: "Bộ chỉ số thử nghiệm", en: "Test index" },
    root: { code: "T", name: "Tổng", children: [{ code: "1", name: "Tỷ lệ hồ sơ trực tuyến", max: 10, rule: { kind: "fraction" } }] },
  };

  test("come back on the results sheet as the same texts, in cells formatted as text, with no formula", async () => {
    const double = createExcelDouble().install();
    double.addSheet("Số liệu", [["Mã đơn vị", "Đơn vị", "1"], ...NUMBER_LIKE.map((code, i) => [code, FORMULA_LIKE[i]!, 0.5 + i / 10])]);
    await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now: new Date("2026-01-15T08:00:00Z") });
    const results = double.sheet("Kết quả");
    // Every cell of the results sheet that holds one of the names or codes.
    const written = [...results.cells.entries()].filter(([, c]) => [...FORMULA_LIKE, ...NUMBER_LIKE].includes(String(c.v)));
    expect(written.map(([, c]) => String(c.v)).sort()).toEqual([...FORMULA_LIKE, ...NUMBER_LIKE].sort());
    for (const [k] of written) {
      const c = cellAt(double, "Kết quả", Math.floor(k / 16384), k % 16384);
      expect(c).toEqual(asText(String(c.v)));
    }
    // No formula anywhere on the sheet but its subtitle's.
    expect([...results.cells.values()].filter((c) => c.f && !c.f.startsWith("=IF(COUNTIFS('_index'"))).toEqual([]);
  });
});

describe("the Excel host's own guard, for a block given another format or none", () => {
  async function write(block: CellBlock): Promise<ExcelDouble> {
    const double = createExcelDouble().install();
    const plan: WritePlan = {
      lang: "vi",
      owned: [{ name: "Kết quả", visibility: "visible", blocks: [block], tables: [], conditionalFormats: [], charts: [] }],
      edits: [],
      marks: [],
      clearMarks: [],
    };
    await new ExcelHost().apply(plan);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    return double;
  }

  test('"- Chưa nộp", "=Sở A", "@home" written in a block of number format "0.00" stay texts, not formulas; the block\'s number keeps its format', async () => {
    const double = await write({ address: "A1", values: [[...FORMULA_LIKE, 0.5]], numberFormat: "0.00" });
    expect(FORMULA_LIKE.map((_, c) => cellAt(double, "Kết quả", 0, c))).toEqual(FORMULA_LIKE.map(asText));
    expect(cellAt(double, "Kết quả", 0, 4)).toEqual({ v: 0.5, t: "Double", nf: "0.00", f: null });
  });

  test('"001", "2025-05-03", "1/2", "50%" written in a bold block without a format stay the same strings, not numbers or dates', async () => {
    const double = await write({ address: "B2", values: [NUMBER_LIKE], bold: true });
    expect(NUMBER_LIKE.map((_, c) => cellAt(double, "Kết quả", 1, 1 + c))).toEqual(NUMBER_LIKE.map(asText));
  });

  test("the double, as Excel, turns those texts into formulas, numbers and dates in a General cell: the guard is needed", async () => {
    const double = createExcelDouble().install();
    double.addSheet("Nháp");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Nháp").getRange("A1:D2").values = [["=Sở A", "@home", "001", "2025-05-03"], ["- Chưa nộp", "50%", null, null]];
      await ctx.sync();
    });
    expect([cellAt(double, "Nháp", 0, 0).f, cellAt(double, "Nháp", 0, 1).f, cellAt(double, "Nháp", 1, 0).f]).toEqual(["=Sở A", "=@home", "=- Chưa nộp"]);
    expect([cellAt(double, "Nháp", 0, 2).v, cellAt(double, "Nháp", 0, 3).t, cellAt(double, "Nháp", 1, 1).v]).toEqual([1, "Double", 0.5]);
  });
});
