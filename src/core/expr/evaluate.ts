/**
 * Evaluation of an expression tree (`expr` rules and `expr` groups), without `eval` or `Function`.
 *
 * Every number in flight is finite: a reference that is unavailable, or any step that gives
 * no finite number (division by zero, LN of 0, SQRT of a negative, an overflow), makes the whole
 * result undefined — the engine then reports the node as "invalid-result" instead of scoring
 * NaN or Infinity. A caller that needs to say why (a unit's issue list) passes `onFailure`,
 * which hears once where the evaluation broke down.
 */
import { decimalFigure, roundHalfUp } from "../score/round";
import type { BinaryOp, Expr } from "./ast";

type Lookup = (code: string) => number | undefined;

/**
 * Why an evaluation gave no result: a referenced value that is unavailable, or a step with no
 * finite result — `at` is the operand at fault (the divisor, the argument of LN…) and `value`
 * what it was.
 */
export type EvalFailure =
  | { kind: "reference"; code: string }
  | { kind: "division-by-zero"; at: Expr }
  | { kind: "logarithm"; at: Expr; value: number }
  | { kind: "square-root"; at: Expr; value: number }
  /**
   * A negative number raised to a power that is not a whole number ((-8) ^ (1/3)), which Excel
   * leaves #NUM!: `value` is the base, `exponent` the power; `at` is the base, or the exponent
   * when the base is written as a number ((-8) ^ [q]: the figure [q] is at fault).
   */
  | { kind: "power"; at: Expr; of: "base" | "exponent"; value: number; exponent: number }
  /**
   * 0 raised to the power 0 (#NUM! in Excel) or to a negative power (#DIV/0!: 0 ^ -1 is 1 / 0):
   * `exponent` is the power; `at` is the operand at fault, the one that holds figures: for 0 ^ 0
   * the exponent ([a] ^ [q] with both 0 names [q]), for a negative power the base (the 0 divided
   * by, as a division by zero names its divisor), the other when that one is written as a number.
   */
  | { kind: "zero-power"; at: Expr; of: "base" | "exponent"; exponent: number }
  | { kind: "not-finite" };

type OnFailure = ((failure: EvalFailure) => void) | undefined;

function finite(x: number): number | undefined {
  return Number.isFinite(x) ? x : undefined;
}

function truth(x: number): boolean {
  return x !== 0;
}

/**
 * a compared with b (−1, 0 or 1) to 15 significant digits, as Excel and LibreOffice compare:
 * 0.1 + 0.2 = 0.3, and a percentage of 57% (0.57) × 100 is 57, though binary arithmetic gives
 * 56.99999999999999. The rules compare their thresholds this way too (steps, target), so that a
 * figure and an expression over it meet a boundary alike.
 */
export function compareFigures(a: number, b: number): number {
  const x = decimalFigure(a);
  const y = decimalFigure(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * a + b, and 0 when a and −b are the same figure to 15 significant digits, so that 0.3 − (0.1 +
 * 0.2) is 0, as a person subtracting the figures finds (and as LibreOffice computes), not
 * −5.55e-17, which SQRT or a comparison with 0 would take for a negative number.
 */
function add(a: number, b: number): number {
  const sum = a + b;
  if (sum !== 0 && Math.abs(sum) < Math.max(Math.abs(a), Math.abs(b)) * 1e-13 && decimalFigure(a) === -decimalFigure(b)) return 0;
  return sum;
}

function binary(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case "+":
      return add(a, b);
    case "-":
      return add(a, -b);
    case "*":
      return a * b;
    case "/":
      return a / b; // b = 0 gives ±Infinity or NaN, which `finite` turns into undefined
    case "^":
      // 0^0 is #NUM! in Excel (JavaScript gives 1): no result, as 0^-1 has none.
      return a === 0 && b === 0 ? Number.NaN : a ** b;
    case "=":
      return compareFigures(a, b) === 0 ? 1 : 0;
    case "<>":
      return compareFigures(a, b) !== 0 ? 1 : 0;
    case "<":
      return compareFigures(a, b) < 0 ? 1 : 0;
    case "<=":
      return compareFigures(a, b) <= 0 ? 1 : 0;
    case ">":
      return compareFigures(a, b) > 0 ? 1 : 0;
    case ">=":
      return compareFigures(a, b) >= 0 ? 1 : 0;
  }
}

/** All arguments evaluated, or undefined when any of them is unavailable. */
function evaluateAll(args: Expr[], lookup: Lookup, onFailure: OnFailure): number[] | undefined {
  const out: number[] = [];
  for (const a of args) {
    const v = evaluate(a, lookup, onFailure);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

function call(name: Extract<Expr, { type: "call" }>["name"], args: Expr[], lookup: Lookup, onFailure: OnFailure): number | undefined {
  // IF evaluates only the branch it takes, so IF([b]=0, 0, [a]/[b]) never divides by zero.
  if (name === "IF") {
    if (args.length < 2 || args.length > 3) return undefined;
    const condition = evaluate(args[0]!, lookup, onFailure);
    if (condition === undefined) return undefined;
    if (truth(condition)) return evaluate(args[1]!, lookup, onFailure);
    return args.length === 3 ? evaluate(args[2]!, lookup, onFailure) : 0; // Excel: IF without "else" gives FALSE = 0
  }
  const values = evaluateAll(args, lookup, onFailure);
  if (values === undefined) return undefined;
  if ((name === "LN" || name === "LOG10") && x0(values) !== undefined && x0(values)! <= 0) {
    onFailure?.({ kind: "logarithm", at: args[0]!, value: x0(values)! });
    return undefined;
  }
  if (name === "SQRT" && x0(values) !== undefined && x0(values)! < 0) {
    onFailure?.({ kind: "square-root", at: args[0]!, value: x0(values)! });
    return undefined;
  }
  const [x, y] = values;
  switch (name) {
    case "MIN":
      return values.length > 0 ? Math.min(...values) : undefined;
    case "MAX":
      return values.length > 0 ? Math.max(...values) : undefined;
    // Added as + adds (add): SUM([a], [b], -[c]) is 0 where [a] + [b] - [c] is.
    case "SUM":
      return values.reduce(add, 0);
    case "AVERAGE":
      return values.length > 0 ? values.reduce(add, 0) / values.length : undefined;
    case "AND":
      return values.length > 0 ? (values.every(truth) ? 1 : 0) : undefined;
    case "OR":
      return values.length > 0 ? (values.some(truth) ? 1 : 0) : undefined;
    case "NOT":
      return values.length === 1 && x !== undefined ? (truth(x) ? 0 : 1) : undefined;
    case "ABS":
      return values.length === 1 && x !== undefined ? Math.abs(x) : undefined;
    case "LN":
      return values.length === 1 && x !== undefined && x > 0 ? Math.log(x) : undefined;
    case "LOG10":
      return values.length === 1 && x !== undefined && x > 0 ? Math.log10(x) : undefined;
    case "EXP":
      return values.length === 1 && x !== undefined ? Math.exp(x) : undefined;
    case "SQRT":
      return values.length === 1 && x !== undefined && x >= 0 ? Math.sqrt(x) : undefined;
    case "ROUND":
      // Excel's ROUND: half away from zero, on the decimal number; ROUND(x) rounds to an integer.
      if (x === undefined || values.length > 2) return undefined;
      return roundHalfUp(x, y ?? 0);
  }
}

function x0(values: number[]): number | undefined {
  return values.length === 1 ? values[0] : undefined;
}

/** Whether `expr` reads a figure (holds a `[code]` reference), so that a failure there is the figure's. */
function hasReference(expr: Expr): boolean {
  switch (expr.type) {
    case "number":
      return false;
    case "ref":
      return true;
    case "unary":
      return hasReference(expr.arg);
    case "binary":
      return hasReference(expr.left) || hasReference(expr.right);
    case "call":
      return expr.args.some(hasReference);
  }
}

/** The base or the exponent of a power. */
function operand(expr: Extract<Expr, { type: "binary" }>, of: "base" | "exponent"): Expr {
  return of === "base" ? expr.left : expr.right;
}

/**
 * The value of `expr`, reading `[code]` references through `lookup`.
 * Comparisons give 1 or 0; AND, OR, NOT and IF's condition treat any non-zero number as true.
 * Undefined when a referenced value is unavailable or the result is not a finite number; then
 * `onFailure`, when given, hears once why (the innermost step that broke down).
 */
export function evaluate(expr: Expr, lookup: Lookup, onFailure?: (failure: EvalFailure) => void): number | undefined {
  switch (expr.type) {
    case "number":
      return finite(expr.value);
    case "ref": {
      const v = lookup(expr.code);
      if (v === undefined) {
        onFailure?.({ kind: "reference", code: expr.code });
        return undefined;
      }
      return finite(v);
    }
    case "unary": {
      const v = evaluate(expr.arg, lookup, onFailure);
      if (v === undefined) return undefined;
      return expr.op === "-" ? -v : v;
    }
    case "binary": {
      const a = evaluate(expr.left, lookup, onFailure);
      if (a === undefined) return undefined;
      const b = evaluate(expr.right, lookup, onFailure);
      if (b === undefined) return undefined;
      const r = finite(binary(expr.op, a, b));
      if (r === undefined) {
        if (expr.op === "/" && b === 0) onFailure?.({ kind: "division-by-zero", at: expr.right });
        else if (expr.op === "^" && a < 0 && !Number.isInteger(b)) {
          const of = hasReference(expr.left) || !hasReference(expr.right) ? "base" : "exponent";
          onFailure?.({ kind: "power", at: of === "base" ? expr.left : expr.right, of, value: a, exponent: b });
        } else if (expr.op === "^" && a === 0 && b <= 0) {
          const first = b === 0 ? "exponent" : "base";
          const other = b === 0 ? "base" : "exponent";
          const of = hasReference(operand(expr, first)) || !hasReference(operand(expr, other)) ? first : other;
          onFailure?.({ kind: "zero-power", at: operand(expr, of), of, exponent: b });
        } else onFailure?.({ kind: "not-finite" });
      }
      return r;
    }
    case "call": {
      let failed = false;
      const v = call(expr.name, expr.args, lookup, onFailure && ((f) => ((failed = true), onFailure(f))));
      const r = v === undefined ? undefined : finite(v);
      if (r === undefined && !failed) onFailure?.({ kind: "not-finite" });
      return r;
    }
  }
}

/** The value of `expr`, or why there is none. */
export function evaluateExplained(expr: Expr, lookup: Lookup): { ok: true; value: number } | { ok: false; failure: EvalFailure } {
  let failure: EvalFailure | undefined;
  const value = evaluate(expr, lookup, (f) => {
    failure ??= f;
  });
  return value !== undefined ? { ok: true, value } : { ok: false, failure: failure ?? { kind: "not-finite" } };
}

/**
 * The references the evaluation of `expr` reads, in order of appearance: every reference of an
 * operator's operands and of a function's arguments, but of an IF only those of its condition
 * and of the branch the condition takes (none of either branch when the condition has no
 * value). So IF([has], [rate], 1) with [has] = 0 reads [has] alone, and a blank [rate] is not
 * missing there, as it is not in Excel.
 */
export function referencesRead(expr: Expr, lookup: Lookup): string[] {
  const out: string[] = [];
  const walk = (e: Expr): void => {
    switch (e.type) {
      case "number":
        return;
      case "ref":
        if (!out.includes(e.code)) out.push(e.code);
        return;
      case "unary":
        walk(e.arg);
        return;
      case "binary":
        walk(e.left);
        walk(e.right);
        return;
      case "call": {
        if (e.name !== "IF") {
          for (const a of e.args) walk(a);
          return;
        }
        const [condition, then, otherwise] = e.args;
        if (condition === undefined) return;
        walk(condition);
        const c = evaluate(condition, lookup);
        if (c === undefined) return;
        const taken = truth(c) ? then : otherwise;
        if (taken !== undefined) walk(taken);
        return;
      }
    }
  };
  walk(expr);
  return out;
}

/**
 * The parts of `expr` that can never give a result, whatever the figures: a part without references
 * that gives no finite number (1/0, SQRT(-1), LN(0), 10^400), the innermost one of each (`1 + 1/0`
 * names 1/0), and a division by a part without references that is 0 ([a] / (1 - 1)). `failure`:
 * why, as an evaluation says it. An IF's branch counts: it breaks down whenever it is taken.
 */
export function constantFailures(expr: Expr): { at: Expr; failure: EvalFailure }[] {
  const out: { at: Expr; failure: EvalFailure }[] = [];
  const none: Lookup = () => undefined;
  /** Whether `e` has no references, and its value then (undefined: it broke down, and was said). */
  const walk = (e: Expr): { constant: boolean; value?: number } => {
    const parts = e.type === "unary" ? [e.arg] : e.type === "binary" ? [e.left, e.right] : e.type === "call" ? e.args : [];
    const results = parts.map(walk);
    if (e.type === "ref") return { constant: false };
    if (e.type === "binary" && e.op === "/" && results[1]?.constant && results[1].value === 0 && !results[0]?.constant) {
      out.push({ at: e, failure: { kind: "division-by-zero", at: e.right } });
    }
    if (!results.every((r) => r.constant)) return { constant: false };
    // A part that broke down is said once, there, not again for each part around it.
    if (results.some((r) => r.value === undefined)) return { constant: true };
    const r = evaluateExplained(e, none);
    if (r.ok) return { constant: true, value: r.value };
    out.push({ at: e, failure: r.failure });
    return { constant: true };
  };
  walk(expr);
  return out;
}
