export { planResults, planMarks, countIssuesByUnit, recordMarks, marksToClear, planWarnings, notScoredEntries } from "./plan";
export { ownedSheetNames, renamedSheetMessage } from "./sheet-names";
export { planMarksOnly } from "./marks-only";
export type { MarksOnlyOptions } from "./marks-only";
export type { PlanOptions } from "./plan";
export {
  readIndexSheet,
  foreignIndexSheet,
  foreignIndexSheetMessage,
  planIndexSheet,
  unitInputHashes,
  unitHashMatches,
  inputsHash,
  staleUnits,
  unitKey,
  chunkText,
  DEFINITION_CHUNK,
} from "./index-sheet";
export type { IndexSheetState, OwnedCells, OwnedCellRole, RecordedMark } from "./index-sheet";
export {
  INDEX_SHEET,
  INDEX_FORMAT,
  RESULTS_TABLE,
  CHART_NAMES,
  SHEET_NAMES,
  MARK_NOTE_PREFIX,
  MARK_FILLS,
  CHART_KINDS,
} from "./labels";
export { planResultsSheet, RESULTS_HEADER_ROW, VALUE_FORMAT, POINTS_FORMAT } from "./results-sheet";
export { planChartsSheet } from "./charts";
export { planSheetEdits } from "./sheet-edits";
export * from "./a1";
