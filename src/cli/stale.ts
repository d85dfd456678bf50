/**
 * What the command line says about results older than the workbook's inputs (the comparison and
 * its sentence are the core's, src/core/stale.ts, shared with the Excel host and the pane; the
 * command line adds what to do).
 */
import type { Message } from "../core/i18n/text";
import { type StaleResults, staleMessage as coreStaleMessage } from "../core/stale";

export { staleResults, type StaleResults } from "../core/stale";

/** What the user is told to do: validate → score again; score → with --out, or it was done now. */
export type StaleAdvice = "score-again" | "score-with-out" | "rescored";

const ADVICE: Record<StaleAdvice, Message> = {
  "score-again": { vi: "Hãy chấm điểm lại.", en: "Score again." },
  "score-with-out": { vi: "Hãy chấm điểm lại với --out để cập nhật sổ.", en: "Score again with --out to update the workbook." },
  rescored: { vi: "Lần chấm này tính lại kết quả.", en: "This run computes them again." },
};

/**
 * "Kết quả đã cũ: 1 đơn vị đã thay đổi số liệu từ lần chấm điểm 01/12/2026 (Sở Xây dựng). Hãy
 * chấm điểm lại." Units are named by name where the workbook has one.
 */
export function staleMessage(stale: StaleResults, nameOf: (key: string) => string, advice: StaleAdvice): Message {
  return coreStaleMessage(stale, nameOf, ADVICE[advice]);
}
