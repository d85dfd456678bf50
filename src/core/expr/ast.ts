/** The syntax tree of an expression (`expr` rules and `expr` groups). Excel-like syntax. */

export const FUNCTIONS = [
  "MIN",
  "MAX",
  "ABS",
  "ROUND",
  "LN",
  "LOG10",
  "EXP",
  "SQRT",
  "IF",
  "AND",
  "OR",
  "NOT",
  "AVERAGE",
  "SUM",
] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export type BinaryOp = "+" | "-" | "*" | "/" | "^" | "=" | "<>" | "<" | "<=" | ">" | ">=";

export type Expr =
  | { type: "number"; value: number }
  | { type: "ref"; code: string }
  | { type: "unary"; op: "-" | "+"; arg: Expr }
  | { type: "binary"; op: BinaryOp; left: Expr; right: Expr }
  | { type: "call"; name: FunctionName; args: Expr[] };
