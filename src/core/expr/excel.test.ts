import type { Expr } from "./ast";
import { toExcelFormula } from "./excel";
import { parseExpression } from "./parse";

function excel(source: string, cells: Record<string, string> = {}): string {
  const r = parseExpression(source);
  if (!r.ok) throw new Error(r.message.en);
  return toExcelFormula(r.expr, (code) => cells[code] ?? `?${code}`);
}

describe("expressions printed as Excel formulas", () => {
  test("references become the cell addresses the caller gives", () => {
    expect(excel("([R] - [V] + 1) / 2", { R: "'Kết quả'!$D$5", V: "'Kết quả'!$E$5" })).toBe("=('Kết quả'!$D$5-'Kết quả'!$E$5+1)/2");
  });

  test("function names are written with Excel's names", () => {
    expect(excel("average([a], log10([b]), ln([c]), sqrt(4))", { a: "A1", b: "B1", c: "C1" })).toBe("=AVERAGE(A1,LOG10(B1),LN(C1),SQRT(4))");
    expect(excel("if(and([a] >= 1, not([b])), round([a], 2), 0)", { a: "A1", b: "B1" })).toBe("=IF(AND(A1>=1,NOT(B1)),ROUND(A1,2),0)");
  });

  test("precedence is kept as Excel reads it: -2^2 and 2^3^2 need no extra parentheses", () => {
    expect(excel("-2^2")).toBe("=-2^2");
    expect(excel("2^3^2")).toBe("=2^3^2");
    expect(excel("2^(3^2)")).toBe("=2^(3^2)");
    expect(excel("-(2^2)")).toBe("=-(2^2)");
  });

  test("a comparison used in arithmetic is turned into 1 or 0, as it is in our evaluation", () => {
    expect(excel("([a] > 0.5) * 10", { a: "A1" })).toBe("=(A1>0.5)*1*10");
    expect(excel("1 + ([a] >= [b])", { a: "A1", b: "B1" })).toBe("=1+(A1>=B1)*1");
    expect(excel("2^([a] > 0)", { a: "A1" })).toBe("=2^((A1>0)*1)");
    // Excel's TRUE=1 is FALSE, so a comparison compared with a number is made a number first.
    expect(excel("([a] > 0) = 1", { a: "A1" })).toBe("=((A1>0)*1=1)*1");
  });

  test("a formula whose result is a comparison gives 1 or 0, so its cell holds a number as our evaluation does", () => {
    expect(excel("[a] >= 5", { a: "A1" })).toBe("=(A1>=5)*1");
    expect(excel("AND([a] > 0, [b] > 0)", { a: "A1", b: "B1" })).toBe("=AND(A1>0,B1>0)*1");
    expect(excel("NOT([a])", { a: "A1" })).toBe("=NOT(A1)*1");
    // An IF that may return a comparison returns TRUE or FALSE in Excel: made a number, at the top and in arithmetic.
    expect(excel("IF([a] > [b], [a] < 5, 0)", { a: "A1", b: "B1" })).toBe("=IF(A1>B1,A1<5,0)*1");
    expect(excel("IF([a] > [b], [a] < 5, 0) = 1", { a: "A1", b: "B1" })).toBe("=(IF(A1>B1,A1<5,0)*1=1)*1");
    expect(excel("2 * IF([a] > [b], [a] < 5, 0)", { a: "A1", b: "B1" })).toBe("=2*(IF(A1>B1,A1<5,0)*1)");
  });

  test("an IF whose comparison is only in its else part also gives 1 or 0, at the top and in arithmetic", () => {
    expect(excel("IF([a] > 1, 0, [a] < 5)", { a: "A1" })).toBe("=IF(A1>1,0,A1<5)*1");
    expect(excel("10 * IF([a] > 1, 0, [a] < 5)", { a: "A1" })).toBe("=10*(IF(A1>1,0,A1<5)*1)");
  });

  test("comparisons elsewhere are written as they are", () => {
    expect(excel("IF([a] > 0.5, 1, 0)", { a: "A1" })).toBe("=IF(A1>0.5,1,0)");
    expect(excel("MIN([a] > 0.5, 1)", { a: "A1" })).toBe("=MIN(A1>0.5,1)");
  });

  test("an IF without an else is printed with an else of 0, so Excel gives 0 where our evaluation does, not FALSE", () => {
    expect(excel("IF([a] > 1, 7)", { a: "A1" })).toBe("=IF(A1>1,7,0)");
    expect(excel("SUM(IF([a] > 1, 7), [b])", { a: "A1", b: "B1" })).toBe("=SUM(IF(A1>1,7,0),B1)");
    expect(excel("IF([a] > 1, 7) = 0", { a: "A1" })).toBe("=(IF(A1>1,7,0)=0)*1");
    expect(excel("IF([a] > 1, IF([b], 2))", { a: "A1", b: "B1" })).toBe("=IF(A1>1,IF(B1,2,0),0)");
    expect(excel("IF([a] > 1, [a] < 5)", { a: "A1" })).toBe("=IF(A1>1,A1<5,0)*1");
  });

  test("numbers use Excel's exponent notation and negative literals are parenthesized", () => {
    expect(excel("1e21")).toBe("=1E+21");
    expect(excel("0.0000001")).toBe("=1E-7");
    const negative: Expr = { type: "binary", op: "^", left: { type: "number", value: 3 }, right: { type: "number", value: -2 } };
    expect(toExcelFormula(negative, (c) => c)).toBe("=3^(-2)");
  });

  test("a percent literal is written as the number it stands for, which Excel computes as it computes 95%", () => {
    expect(excel("IF([k]/[n] >= 95%, 1, 0.5)", { k: "D5", n: "D6" })).toBe("=IF(D5/D6>=0.95,1,0.5)");
    expect(excel("[a] * 0.1%", { a: "A1" })).toBe("=A1*0.001");
  });
});
