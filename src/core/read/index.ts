/** Reading submissions from a workbook snapshot (or a CSV file), and validating them. */
export { parseCsv, csvToSnapshot, decodeText, decodeTextDetailed, isCodePage } from "./csv";
export type { CsvTable, CsvDelimiter, DecodedText, TextEncoding } from "./csv";
export type { LegacyEncoding } from "../i18n/text";
export { parseNumberText } from "./numbers";
export type { NumberLocale, NumberReading } from "./numbers";
export { readSubmissions, issueCounts, resolveCategory, sheetsWrittenByScoring } from "./read";
export { UNIT_LABELS, type UnitField, unitFieldOf, unitKeyOf } from "./unit-fields";
export type { ReadOptions, ReadResult } from "./read";
export { checkSelfScores } from "./self-score";
export { issueLocation, issueMessage, makeIssue, notUtf8Message, numberInWords, plainNumber } from "./messages";
export type { MessageParams } from "./messages";
export { readCell, matchChoice } from "./values";
export type { CellReading, ValueContext } from "./values";
