import fc from "fast-check";
import type { Expr } from "./ast";
import { evaluate, evaluateExplained, referencesRead } from "./evaluate";
import { parseExpression, printExpression } from "./parse";

function parsed(source: string): Expr {
  const r = parseExpression(source);
  if (!r.ok) throw new Error(`${source}: ${r.message.en}`);
  return r.expr;
}

/** Evaluate a source expression with the given reference values. */
function run(source: string, values: Record<string, number> = {}): number | undefined {
  return evaluate(parsed(source), (code) => values[code]);
}

describe("evaluate", () => {
  it("computes arithmetic with references, as the ND-GAIN-style ([R] - [V] + 1) / 2", () => {
    expect(run("([R] - [V] + 1) / 2", { R: 0.6, V: 0.2 })).toBeCloseTo(0.7, 12);
    expect(run("2 ^ 10 - 3 * 4")).toBe(1012);
    expect(run("-[a] + +3", { a: 5 })).toBe(-2);
  });

  it("works on hand-built trees too", () => {
    const tree: Expr = {
      type: "binary",
      op: "*",
      left: { type: "ref", code: "x" },
      right: {
        type: "call",
        name: "SUM",
        args: [
          { type: "number", value: 1 },
          { type: "number", value: 2 },
        ],
      },
    };
    expect(evaluate(tree, (c) => (c === "x" ? 4 : undefined))).toBe(12);
  });

  it("gives no result when a referenced value is unavailable", () => {
    expect(run("[a] + 1", {})).toBeUndefined();
    expect(run("MAX([a], [b])", { a: 1 })).toBeUndefined();
  });

  it("gives no result for a division by zero, LN of 0, LOG10 of a negative or SQRT of a negative", () => {
    expect(run("[a] / [b]", { a: 1, b: 0 })).toBeUndefined();
    expect(run("0 / 0")).toBeUndefined();
    expect(run("LN(0)")).toBeUndefined();
    expect(run("LOG10(-1)")).toBeUndefined();
    expect(run("SQRT(-4)")).toBeUndefined();
    expect(run("(-8) ^ 0.5")).toBeUndefined();
    // 0 ^ 0 is #NUM! in Excel, as 0 ^ -1 is; a power of 0 otherwise is 0, and any number to the power 0 is 1.
    expect(run("0 ^ 0")).toBeUndefined();
    expect(run("0 ^ -1")).toBeUndefined();
    expect(run("0 ^ 2")).toBe(0);
    expect(run("5 ^ 0")).toBe(1);
    expect(run("EXP(1000)")).toBeUndefined();
  });

  it("says why there is no result, naming the operand at fault", () => {
    const why = (source: string, values: Record<string, number> = {}) => {
      const r = evaluateExplained(parsed(source), (code) => values[code]);
      if (r.ok) throw new Error(`${source} has a result`);
      const f = r.failure;
      return {
        kind: f.kind,
        ...("at" in f ? { at: printExpression(f.at) } : {}),
        ...("of" in f ? { of: f.of, exponent: f.exponent } : {}),
        ...("value" in f ? { value: f.value } : {}),
      };
    };
    expect(why("MIN(1, [n] / [d])", { n: 0, d: 0 })).toEqual({ kind: "division-by-zero", at: "[d]" });
    expect(why("[a] / ([b] - [c])", { a: 1, b: 2, c: 2 })).toEqual({ kind: "division-by-zero", at: "[b] - [c]" });
    expect(why("LN([x]) + 1", { x: -2 })).toEqual({ kind: "logarithm", at: "[x]", value: -2 });
    expect(why("LOG10([x])", { x: 0 })).toEqual({ kind: "logarithm", at: "[x]", value: 0 });
    expect(why("SQRT([x] - 5)", { x: 1 })).toEqual({ kind: "square-root", at: "[x] - 5", value: -4 });
    expect(why("EXP(1000)")).toEqual({ kind: "not-finite" });
    expect(why("(-8) ^ 0.5")).toEqual({ kind: "power", at: "-8", of: "base", exponent: 0.5, value: -8 });
    expect(why("[a] ^ (1/3)", { a: -8 })).toEqual({ kind: "power", at: "[a]", of: "base", exponent: 1 / 3, value: -8 });
    // A negative base written as a number: the exponent's figure is at fault.
    expect(why("(-8) ^ [q]", { q: 0.5 })).toEqual({ kind: "power", at: "[q]", of: "exponent", exponent: 0.5, value: -8 });
    // 0 ^ 0 (#NUM!) names the exponent, a negative power of 0 (#DIV/0!) the base, unless it is written as a number.
    expect(why("0 ^ 0")).toEqual({ kind: "zero-power", at: "0", of: "exponent", exponent: 0 });
    expect(why("0 ^ [q]", { q: 0 })).toEqual({ kind: "zero-power", at: "[q]", of: "exponent", exponent: 0 });
    expect(why("[a] ^ [b]", { a: 0, b: 0 })).toEqual({ kind: "zero-power", at: "[b]", of: "exponent", exponent: 0 });
    expect(why("[a] ^ 0", { a: 0 })).toEqual({ kind: "zero-power", at: "[a]", of: "base", exponent: 0 });
    expect(why("0 ^ -1")).toEqual({ kind: "zero-power", at: "0", of: "base", exponent: -1 });
    expect(why("[a] ^ [b]", { a: 0, b: -2 })).toEqual({ kind: "zero-power", at: "[a]", of: "base", exponent: -2 });
    expect(why("0 ^ ([q] - 3)", { q: 1 })).toEqual({ kind: "zero-power", at: "[q] - 3", of: "exponent", exponent: -2 });
    expect(why("[a] + LN(0)", {})).toEqual({ kind: "reference" });
    expect(evaluateExplained(parsed("[a] / 2"), () => 3)).toEqual({ ok: true, value: 1.5 });
  });

  it("evaluates only the branch IF takes, so IF([b]=0, 0, [a]/[b]) guards a division", () => {
    expect(run("IF([b]=0, 0, [a]/[b])", { a: 3, b: 0 })).toBe(0);
    expect(run("IF([b]=0, 0, [a]/[b])", { a: 3, b: 4 })).toBe(0.75);
    expect(run("IF([c], 1, [missing])", { c: 5 })).toBe(1);
    expect(run("IF([c] > 1, 7)", { c: 0 })).toBe(0);
  });

  it("compares figures to 15 significant digits, as Excel and LibreOffice do, so binary noise never decides", () => {
    expect(run("[p] * 100 >= 57", { p: 0.57 })).toBe(1); // 56.99999999999999 in binary
    expect(run("[p] * 100 < 57", { p: 0.57 })).toBe(0);
    expect(run("[p] * 100 <> 57", { p: 0.57 })).toBe(0);
    expect(run("[a] + [b] = [t]", { a: 0.1, b: 0.2, t: 0.3 })).toBe(1);
    expect(run("[a] + [b] <= 0.3", { a: 0.1, b: 0.2 })).toBe(1);
    expect(run("[a] + [b] > 0.3", { a: 0.1, b: 0.2 })).toBe(0);
    expect(run("MIN(0.3 - 0.2, 5) = 0.1")).toBe(1);
    expect(run("MIN([a], 5) >= 0.1", { a: 0.3 - 0.2 })).toBe(1);
    // A difference in the 15th significant digit still counts; one beyond it does not.
    expect(run("[a] > 1", { a: 1.00000000000001 })).toBe(1);
    expect(run("[a] > 1", { a: 1.0000000000000002 })).toBe(0);
    expect(run("[a] < [b]", { a: 1e-20, b: 2e-20 })).toBe(1);
  });

  it("makes a sum or difference of figures equal to 15 significant digits 0, so SQRT of it is 0, not a square root of a negative", () => {
    expect(run("[a] - [b]", { a: 0.3, b: 0.1 + 0.2 })).toBe(0);
    expect(run("SQRT([a] - [b])", { a: 0.3, b: 0.1 + 0.2 })).toBe(0);
    expect(run("[a] + [b]", { a: -0.3, b: 0.1 + 0.2 })).toBe(0);
    expect(run("[a] - [b] < 0", { a: 0.3, b: 0.1 + 0.2 })).toBe(0);
    // SUM and AVERAGE add as + does.
    expect(run("SQRT(SUM([a], [b], -[c]))", { a: 0.1, b: 0.2, c: 0.3 })).toBe(0);
    expect(run("SQRT(AVERAGE([b], -[a]))", { a: 0.3, b: 0.1 + 0.2 })).toBe(0);
    expect(run("[a] - [b]", { a: 0.3, b: 0.1 })).toBeCloseTo(0.2, 15);
    expect(run("[a] - [b]", { a: 1.00000000000001, b: 1 })).toBeGreaterThan(0);
  });

  it("gives 1 or 0 for comparisons", () => {
    expect([run("1 = 1"), run("1 <> 1"), run("1 < 2"), run("2 <= 2"), run("1 > 2"), run("3 >= 2")]).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it("treats any non-zero number as true in AND, OR and NOT", () => {
    expect(run("AND(2, -1)")).toBe(1);
    expect(run("AND(2, 0)")).toBe(0);
    expect(run("OR(0, 0.5)")).toBe(1);
    expect(run("OR(0, 0)")).toBe(0);
    expect(run("NOT(3)")).toBe(0);
    expect(run("NOT(0)")).toBe(1);
  });

  it("rounds half away from zero like Excel's ROUND", () => {
    expect(run("ROUND(1.005, 2)")).toBe(1.01);
    expect(run("ROUND(-1.005, 2)")).toBe(-1.01);
    expect(run("ROUND(2.5, 0)")).toBe(3);
    expect(run("ROUND(-2.5, 0)")).toBe(-3);
    expect(run("ROUND(1250, -2)")).toBe(1300);
  });

  it("computes AVERAGE, SUM, MIN, MAX, ABS, EXP, LN, LOG10 and SQRT over their arguments", () => {
    expect(run("AVERAGE(1, 2, 6)")).toBe(3);
    expect(run("SUM([a], [b], 1)", { a: 2, b: 3 })).toBe(6);
    expect(run("MIN(4, -1, 3)")).toBe(-1);
    expect(run("MAX(4, -1, 3)")).toBe(4);
    expect(run("ABS(-2.5)")).toBe(2.5);
    expect(run("LN(EXP(2))")).toBeCloseTo(2, 12);
    expect(run("LOG10(1000)")).toBeCloseTo(3, 12);
    expect(run("SQRT(16)")).toBe(4);
  });

  it("reads the references of the branch an IF takes, and only the condition's when the condition has no value", () => {
    const refs = (source: string, values: Record<string, number>) => referencesRead(parsed(source), (code) => values[code]);
    expect(refs("IF([has], [rate], 1)", { has: 0 })).toEqual(["has"]);
    expect(refs("IF([has], [rate], 1)", { has: 1 })).toEqual(["has", "rate"]);
    expect(refs("IF([has], [rate], 1)", {})).toEqual(["has"]);
    expect(refs("IF([a] > 1, [b])", { a: 0 })).toEqual(["a"]);
    expect(refs("[c] + IF([a], [b], [d]) * [c]", { a: 0 })).toEqual(["c", "a", "d"]);
    expect(refs("IF(IF([a], [b], [c]), [d], [e])", { a: 1, b: 0 })).toEqual(["a", "b", "e"]);
    // A condition with no finite result reads no branch.
    expect(refs("IF([a] / [b] > 1, [c], [d])", { a: 1, b: 0 })).toEqual(["a", "b"]);
  });

  it("never returns NaN or an infinity, whatever the inputs", () => {
    const expr = parsed("IF([a] > [b], LN([a] - [b]), SQRT([b] - [a])) / [c] + [a] ^ [b]");
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.double(), fc.double(), (a, b, c) => {
        const v = evaluate(expr, (code) => ({ a, b, c })[code]);
        return v === undefined || Number.isFinite(v);
      }),
    );
  });
});
