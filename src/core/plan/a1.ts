/** A1-style addresses for the planner: the project's one A1 module, src/core/a1.ts. */
export { columnLetter, columnNumber, cellAddress, parseCell, parseRange, rangeAddress, rangeCells, compactRanges } from "../a1";
export type { CellRange } from "../a1";
