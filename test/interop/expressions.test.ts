/**
 * An expression printed as an Excel formula (for people and tools that check a score by hand)
 * must compute in a spreadsheet what the engine computes. LibreOffice recalculates the printed
 * formulas on load; every result must equal the engine's, and a result the engine refuses
 * (a square root of a negative, a division by zero) must be an error there too.
 */
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { evaluate, parseExpression, toExcelFormula } from "../../src/core/expr";
import { parseCsv } from "../../src/core/read";
import { CSV_ALL_SHEETS, convert } from "./soffice";

const CASES: [string, { a: number; b: number }][] = [
  ["IF([a] > 1, 7)", { a: 0, b: 0 }],
  ["SUM(IF([a] > 1, 7), [b])", { a: 0, b: 2 }],
  ["IF([a] > 1, 7) = 0", { a: 0, b: 0 }],
  ["IF([a] > 1, [a] < 5)", { a: 0, b: 0 }],
  ["[a] + [b] = 0.3", { a: 0.1, b: 0.2 }],
  ["IF([a] + [b] = 0.3, 1, 0)", { a: 0.1, b: 0.2 }],
  ["IF([a] * 100 >= 57, 1, 0.5)", { a: 0.57, b: 0 }],
  ["[a] * 100 < 57", { a: 0.57, b: 0 }],
  ["[a] * 100 <> 57", { a: 0.57, b: 0 }],
  ["[a] - [b] = 0", { a: 0.3, b: 0.1 + 0.2 }],
  ["SQRT([a] - [b])", { a: 0.3, b: 0.1 + 0.2 }],
  ["SQRT(SUM([b], -[a]))", { a: 0.3, b: 0.1 + 0.2 }],
  ["SQRT(AVERAGE([b], -[a]))", { a: 0.3, b: 0.1 + 0.2 }],
  ["MIN(0.3 - 0.2, 5) = 0.1", { a: 0, b: 0 }],
  ["[a] > [b]", { a: 1.00000000000001, b: 1 }],
  ["[a] ^ (1/3)", { a: 8, b: 0 }],
  ["-[a] ^ 2", { a: 3, b: 0 }],
  ["[a] / [b]", { a: 1, b: 4 }],
  ["[a] / [b]", { a: 1, b: 0 }],
  ["SQRT([a] - 1)", { a: 0, b: 0 }],
  ["MAX([a], [b]) * 2 - MIN([a], [b]) / 3", { a: 0.25, b: 0.75 }],
  ["IF(AND([a] >= 0.5, [b] > 0), 1, IF(OR([a] > 0, [b] > 0), 0.5, 0))", { a: 0.3, b: 0 }],
  ["ROUND([a] / [b], 2)", { a: 2, b: 3 }],
];

test("LibreOffice computes every printed formula to the engine's value, or an error where the engine has none", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("S");
  const engine: (number | undefined)[] = [];
  const formulas: string[] = [];
  CASES.forEach(([source, v], i) => {
    const row = i + 1;
    ws.getCell(row, 1).value = v.a;
    ws.getCell(row, 2).value = v.b;
    const parsed = parseExpression(source);
    if (!parsed.ok) throw new Error(`${source} does not parse`);
    const formula = toExcelFormula(parsed.expr, (code) => (code === "a" ? `A${row}` : `B${row}`));
    formulas.push(formula);
    ws.getCell(row, 3).value = { formula: formula.replace(/^=/, "") };
    engine.push(evaluate(parsed.expr, (code) => v[code as "a" | "b"]));
  });
  const dir = mkdtempSync(join(tmpdir(), "dti-expr-"));
  const file = join(dir, "formulas.xlsx");
  await wb.xlsx.writeFile(file);
  const written = convert(file, CSV_ALL_SHEETS, dir);
  const csv = written.find((f) => f.endsWith(".csv")) ?? readdirSync(dir).find((f) => f.endsWith(".csv"));
  if (!csv) throw new Error("LibreOffice wrote no CSV");
  const rows = parseCsv(readFileSync(join(dir, csv))).rows;

  const seen = CASES.map(([source], i) => {
    const shown = String(rows[i]?.[2] ?? "").trim();
    // A formula the engine scores shows a number: TRUE or FALSE in a score cell would be a bug.
    const lo = /^(TRUE|FALSE)$/i.test(shown) ? shown : /^-?[\d.]+(E[-+]?\d+)?$/i.test(shown) ? Number(shown) : "error";
    return { source, formula: formulas[i], lo };
  });
  const expected = CASES.map(([source], i) => ({ source, formula: formulas[i], lo: engine[i] === undefined ? "error" : engine[i] }));
  // Compared to 12 significant digits: the CSV holds LibreOffice's full-precision text.
  const rounded = (r: { lo: number | string }) => (typeof r.lo === "number" ? Number(r.lo.toPrecision(12)) : r.lo);
  expect(seen.map((r) => ({ ...r, lo: rounded(r) }))).toEqual(expected.map((r) => ({ ...r, lo: rounded(r) })));
});
