/**
 * Expressions printed as Excel formulas (index-definition.md: "the same tree can be printed back
 * as an Excel formula"), for tools and people that check a score by hand in a spreadsheet. The
 * scored workbook itself carries the engine's figures as numbers, with formulas that say when a
 * figure changed since (architecture.md: stale results), not live score formulas: a live formula
 * per rule would have to repeat the reader's work (text numbers, N/A, appraised figures). Our syntax already follows Excel's precedence and
 * function names; what differs is references (cells) and booleans: in our evaluation a
 * comparison is 1 or 0, in Excel it is TRUE or FALSE, and Excel's `TRUE=1` is FALSE. So a
 * boolean that is an operand of an operator is written `(a>b)*1`, and so is a whole formula
 * whose result is a boolean, so that its cell holds the number our evaluation gives. An IF
 * without "else" is written with an "else" of 0: Excel's IF(c, x) gives FALSE when c is false,
 * where our evaluation gives 0.
 *
 * What the printed formula leaves to the spreadsheet (both Excel and LibreOffice agree with our
 * evaluation on these unless said):
 * - comparisons: Excel and LibreOffice compare to 15 significant digits, as our evaluation does
 *   (0.1 + 0.2 = 0.3 is TRUE, 57% × 100 ≥ 57 is TRUE);
 * - a sum or difference of figures equal to 15 significant digits is 0 in our evaluation and in
 *   LibreOffice; Excel makes it 0 only as a formula's last step, so SQRT(A1-B1) with 0.3 and
 *   0.1 + 0.2 gives 0 here and in LibreOffice but #NUM! in Excel;
 * - a negative number to a power that is not a whole number ((-8)^(1/3)) has no result in our
 *   evaluation, as Excel's #NUM!; LibreOffice takes the odd root (-2).
 *
 * A comparison of a boolean with a number (`1 < 2 < 3`, `([a] > 0) = 1`) is refused by the
 * definition checks (`excelTypeMismatches`): Excel ranks TRUE and FALSE above every number, so the
 * same formula typed in Excel would disagree with our evaluation, which counts true as 1.
 */
import type { Expr } from "./ast";
import { printWith } from "./parse";

const BOOLEAN_FUNCTIONS = new Set(["AND", "OR", "NOT"]);
const COMPARISON_OPS: readonly string[] = ["=", "<>", "<", "<=", ">", ">="];

/** True when Excel gives TRUE or FALSE for `e`: a comparison, AND/OR/NOT, or an IF that may return one of those. */
function isBoolean(e: Expr): boolean {
  if (e.type === "binary") return COMPARISON_OPS.includes(e.op);
  if (e.type === "call") {
    if (e.name === "IF") return e.args.slice(1).some(isBoolean);
    return BOOLEAN_FUNCTIONS.has(e.name);
  }
  return false;
}

/**
 * What Excel gives for `e`: a number, a boolean (TRUE or FALSE: a comparison, AND, OR, NOT, an IF
 * both of whose branches are booleans), or either (an IF with a boolean branch and a number branch;
 * a missing "else" is the 0 it is printed as).
 */
export type ExcelValueKind = "number" | "boolean" | "either";

export function excelValueKind(e: Expr): ExcelValueKind {
  if (e.type === "binary") return COMPARISON_OPS.includes(e.op) ? "boolean" : "number";
  if (e.type !== "call") return "number";
  if (BOOLEAN_FUNCTIONS.has(e.name)) return "boolean";
  if (e.name !== "IF") return "number";
  const then = excelValueKind(e.args[1] ?? { type: "number", value: 0 });
  const otherwise = excelValueKind(e.args[2] ?? { type: "number", value: 0 });
  return then === otherwise ? then : "either";
}

/** A comparison Excel would compute otherwise than our evaluation: its operands and what each gives. */
export interface ExcelTypeMismatch {
  at: Extract<Expr, { type: "binary" }>;
  left: ExcelValueKind;
  right: ExcelValueKind;
}

/**
 * The comparisons of `expr` of a boolean with a number, or of an operand that may be either: our
 * evaluation counts true as 1 and false as 0, while Excel ranks TRUE and FALSE above every number
 * and never takes them equal to one, so `1 < 2 < 3` is 1 here and FALSE in Excel, `([a] > 0) = 1`
 * and `AND(…) = 1` are FALSE there whatever [a]. Booleans compared with booleans, and booleans in
 * arithmetic (Excel turns them into 1 and 0 there), agree. One finding per chain: a comparison
 * that is an operand of one found (`1 < 2` in `1 < 2 < 3 < 4`) is not found again.
 */
export function excelTypeMismatches(expr: Expr): ExcelTypeMismatch[] {
  const out: ExcelTypeMismatch[] = [];
  const walk = (e: Expr, inFound: boolean): void => {
    let found = false;
    if (e.type === "binary" && COMPARISON_OPS.includes(e.op)) {
      const left = excelValueKind(e.left);
      const right = excelValueKind(e.right);
      found = left !== right || left === "either";
      if (found && !inFound) out.push({ at: e, left, right });
    }
    const parts = e.type === "unary" ? [e.arg] : e.type === "binary" ? [e.left, e.right] : e.type === "call" ? e.args : [];
    for (const p of parts) walk(p, found);
  };
  walk(expr, false);
  return out;
}

/** Excel reads `1E-7` and `1E+21`; it has no literal for a negative number, so those go in parentheses. */
function excelNumber(value: number): string {
  const s = String(value).toUpperCase();
  return value < 0 || Object.is(value, -0) ? `(${s})` : s;
}

/** The tree with every IF given its "else": IF(c, x) is IF(c, x, 0), as our evaluation reads it. */
function withElse(e: Expr): Expr {
  switch (e.type) {
    case "unary":
      return { ...e, arg: withElse(e.arg) };
    case "binary":
      return { ...e, left: withElse(e.left), right: withElse(e.right) };
    case "call": {
      const args = e.args.map(withElse);
      if (e.name === "IF" && args.length === 2) args.push({ type: "number", value: 0 });
      return { ...e, args };
    }
    default:
      return e;
  }
}

/** `=…` with references replaced by the cell addresses `refToCell` gives (e.g. "Sheet1!$D$12"). */
export function toExcelFormula(expr: Expr, refToCell: (code: string) => string): string {
  const made = new WeakSet<Expr>();
  const asNumber = (e: Expr): Expr => {
    const times: Expr = { type: "binary", op: "*", left: e, right: { type: "number", value: 1 } };
    made.add(times);
    return times;
  };
  const full = withElse(expr);
  const body = printWith(isBoolean(full) ? asNumber(full) : full, {
    ref: refToCell,
    number: excelNumber,
    spaced: false,
    operand: (child, parent) =>
      (parent.type === "binary" || parent.type === "unary") && !made.has(parent) && isBoolean(child) ? asNumber(child) : child,
  });
  return `=${body}`;
}
