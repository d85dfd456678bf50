/**
 * Evaluation of an expression tree (`expr` rules and `expr` groups), without `eval` or `Function`.
 *
 * Every number in flight is finite: a reference that is unavailable, or any step that gives
 * no finite number (division by zero, LN of 0, SQRT of a negative, an overflow), makes the whole
 * result undefined — the engine then reports the node as "invalid-result" instead of scoring
 * NaN or Infinity.
 */
import { roundHalfUp } from "../score/round";
import type { BinaryOp, Expr } from "./ast";

type Lookup = (code: string) => number | undefined;

function finite(x: number): number | undefined {
  return Number.isFinite(x) ? x : undefined;
}

function truth(x: number): boolean {
  return x !== 0;
}

function binary(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b; // b = 0 gives ±Infinity or NaN, which `finite` turns into undefined
    case "^":
      return a ** b;
    case "=":
      return a === b ? 1 : 0;
    case "<>":
      return a !== b ? 1 : 0;
    case "<":
      return a < b ? 1 : 0;
    case "<=":
      return a <= b ? 1 : 0;
    case ">":
      return a > b ? 1 : 0;
    case ">=":
      return a >= b ? 1 : 0;
  }
}

/** All arguments evaluated, or undefined when any of them is unavailable. */
function evaluateAll(args: Expr[], lookup: Lookup): number[] | undefined {
  const out: number[] = [];
  for (const a of args) {
    const v = evaluate(a, lookup);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

function call(name: Extract<Expr, { type: "call" }>["name"], args: Expr[], lookup: Lookup): number | undefined {
  // IF evaluates only the branch it takes, so IF([b]=0, 0, [a]/[b]) never divides by zero.
  if (name === "IF") {
    if (args.length < 2 || args.length > 3) return undefined;
    const condition = evaluate(args[0]!, lookup);
    if (condition === undefined) return undefined;
    if (truth(condition)) return evaluate(args[1]!, lookup);
    return args.length === 3 ? evaluate(args[2]!, lookup) : 0; // Excel: IF without "else" gives FALSE = 0
  }
  const values = evaluateAll(args, lookup);
  if (values === undefined) return undefined;
  const [x, y] = values;
  switch (name) {
    case "MIN":
      return values.length > 0 ? Math.min(...values) : undefined;
    case "MAX":
      return values.length > 0 ? Math.max(...values) : undefined;
    case "SUM":
      return values.reduce((s, v) => s + v, 0);
    case "AVERAGE":
      return values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : undefined;
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

/**
 * The value of `expr`, reading `[code]` references through `lookup`.
 * Comparisons give 1 or 0; AND, OR, NOT and IF's condition treat any non-zero number as true.
 * Undefined when a referenced value is unavailable or the result is not a finite number.
 */
export function evaluate(expr: Expr, lookup: Lookup): number | undefined {
  switch (expr.type) {
    case "number":
      return finite(expr.value);
    case "ref": {
      const v = lookup(expr.code);
      return v === undefined ? undefined : finite(v);
    }
    case "unary": {
      const v = evaluate(expr.arg, lookup);
      if (v === undefined) return undefined;
      return expr.op === "-" ? -v : v;
    }
    case "binary": {
      const a = evaluate(expr.left, lookup);
      if (a === undefined) return undefined;
      const b = evaluate(expr.right, lookup);
      if (b === undefined) return undefined;
      return finite(binary(expr.op, a, b));
    }
    case "call": {
      const v = call(expr.name, expr.args, lookup);
      return v === undefined ? undefined : finite(v);
    }
  }
}
