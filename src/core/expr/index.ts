export { parseExpression, printExpression, FUNCTION_ARITY, type ExprParseResult } from "./parse";
export { toExcelFormula } from "./excel";
export * from "./evaluate";
export * from "./ast";
