/**
 * Expressions printed as Excel formulas, so that a scored workbook shows how a figure was made
 * and still computes without the add-in. Our syntax already follows Excel's precedence and
 * function names; what differs is references (cells) and booleans: in our evaluation a
 * comparison is 1 or 0, in Excel it is TRUE or FALSE, and Excel's `TRUE=1` is FALSE. So a
 * boolean that is an operand of an operator is written `(a>b)*1`, and so is a whole formula
 * whose result is a boolean, so that its cell holds the number our evaluation gives.
 */
import type { Expr } from "./ast";
import { printWith } from "./parse";

const BOOLEAN_FUNCTIONS = new Set(["AND", "OR", "NOT"]);

/** True when Excel gives TRUE or FALSE for `e`: a comparison, AND/OR/NOT, or an IF that may return one of those. */
function isBoolean(e: Expr): boolean {
  if (e.type === "binary") return ["=", "<>", "<", "<=", ">", ">="].includes(e.op);
  if (e.type === "call") {
    if (e.name === "IF") return e.args.slice(1).some(isBoolean);
    return BOOLEAN_FUNCTIONS.has(e.name);
  }
  return false;
}

/** Excel reads `1E-7` and `1E+21`; it has no literal for a negative number, so those go in parentheses. */
function excelNumber(value: number): string {
  const s = String(value).toUpperCase();
  return value < 0 || Object.is(value, -0) ? `(${s})` : s;
}

/** `=…` with references replaced by the cell addresses `refToCell` gives (e.g. "Sheet1!$D$12"). */
export function toExcelFormula(expr: Expr, refToCell: (code: string) => string): string {
  const made = new WeakSet<Expr>();
  const asNumber = (e: Expr): Expr => {
    const times: Expr = { type: "binary", op: "*", left: e, right: { type: "number", value: 1 } };
    made.add(times);
    return times;
  };
  const body = printWith(isBoolean(expr) ? asNumber(expr) : expr, {
    ref: refToCell,
    number: excelNumber,
    spaced: false,
    operand: (child, parent) =>
      (parent.type === "binary" || parent.type === "unary") && !made.has(parent) && isBoolean(child) ? asNumber(child) : child,
  });
  return `=${body}`;
}
