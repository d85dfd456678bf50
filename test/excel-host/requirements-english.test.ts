/**
 * What an older Excel lacks, said in English: English words only (the Score cell, not the Điểm
 * cell), in the sentence and in the pane's short line alike.
 */
import { ExcelHost } from "../../src/hosts/excel";
import { createExcelDouble } from "../excel-double";

/** Letters only Vietnamese has (an English text has none of them). */
const VIETNAMESE = /[À-ÖØ-öø-ỹ]/u;

test("every feature an Excel of ExcelApi 1.7 lacks is named in English without a Vietnamese word", () => {
  createExcelDouble({ requirements: { ExcelApi: "1.7" } }).install();
  const missing = new ExcelHost().capabilities().missing;
  expect(missing.map((m) => m.feature)).toContain("mergedAreas");
  const english = missing.flatMap((m) => [m.message.en, ...(m.line ? [m.line.en] : [])]);
  expect(english.filter((t) => VIETNAMESE.test(t))).toEqual([]);
  const merges = missing.find((m) => m.feature === "mergedAreas")!;
  expect(merges.message.en).toContain("seeing merged cells on the forms (here a summary or Score cell may be written into a merged area)");
  expect(merges.line?.en).toBe("Seeing merged cells (a summary or Score cell may be written into a merge).");
  // The Vietnamese sentences are unchanged.
  expect(merges.message.vi).toContain("nhận biết ô đã gộp trên trang phiếu (ở đây ô tổng hợp hoặc ô Điểm có thể bị ghi vào vùng ô đã gộp)");
});
