export { XlsxHost } from "./host";
export { applyPlan, writeBlock } from "./apply";
export type { PendingChart } from "./apply";
export { snapshotWorkbook, snapshotSheet, snapshotValue, fillText, fillFromText, dateText } from "./read";
