/**
 * What the command line says about results older than the workbook's inputs (the comparison and
 * its sentence are the core's, src/core/stale.ts, shared with the Excel host and the pane; the
 * command line adds what to do), and the `stale` object of --json.
 */
import type { IndexModel } from "../core/definition/model";
import type { Lang, Message } from "../core/i18n/text";
import type { IndexSheetState } from "../core/plan/index-sheet";
import { type StaleResults, keptWithOtherContent, staleMessage as coreStaleMessage } from "../core/stale";
import type { CliIO } from "./io";
import { M, T } from "./messages";

export { staleResults, type StaleResults } from "../core/stale";

/** What the user is told to do: validate → score again; score → with --out, or it was done now. */
export type StaleAdvice = "score-again" | "score-with-out" | "rescored";

const ADVICE: Record<StaleAdvice, Message> = {
  "score-again": { vi: "Hãy chấm điểm lại.", en: "Score again." },
  "score-with-out": { vi: "Hãy chấm điểm lại với --out để cập nhật sổ.", en: "Score again with --out to update the workbook." },
  rescored: { vi: "Lần chấm này tính lại kết quả.", en: "This run computes them again." },
};

/**
 * "Kết quả đã cũ: 1 đơn vị đã thay đổi số liệu kể từ lần chấm điểm ngày 01/12/2026 (Sở Xây dựng). Hãy
 * chấm điểm lại." Units are named by name where the workbook has one.
 */
export function staleMessage(stale: StaleResults, nameOf: (key: string) => string, advice: StaleAdvice): Message {
  return coreStaleMessage(stale, nameOf, ADVICE[advice]);
}

/** The `stale` object of score's and validate's --json (README, "The command line"; docs/index-definition-notes.md). */
export interface StaleJson {
  scoredAt: string;
  changed: string[];
  added: string[];
  removed: string[];
  renamed: string[];
  formerNames: Record<string, string>;
  /** Only when some unit's form gives another period (Kỳ đánh giá) than when scored: the period then and now (null for none), by unit. */
  periods?: Record<string, { from: string | null; to: string | null }>;
  otherIndex: string[];
  unreadable: string[];
  unreadableSheets: Record<string, string>;
  /** Only when the results were scored with another index or version than the one in use. */
  scoredWith?: { id: string; version: string | null };
  /** Only when they were scored with another content of the index in use (its id and version, another definition). */
  otherContent?: { id: string; version: string | null };
  message: string;
}

/**
 * The `stale` object of --json: null when the input holds no earlier results or they match its
 * inputs; else the units by kind of change, as the sentence (`message`, in `lang`) says them:
 * `changed` (every unit whose form changed), `added`, `removed`; each a part of `changed`, the
 * units renamed (only), whose form names another index, whose form is no longer read (with its
 * sheet); the names units had when scored, for those whose name changed; when some unit's form
 * gives another period (Kỳ đánh giá), the periods then and now (each such unit in `changed` too);
 * and, when the results
 * were computed with another index or version (`scoredWith`) or with another content of the
 * index in use (`otherContent`), that index.
 */
export function staleJson(stale: StaleResults | undefined, message: Message | undefined, lang: Lang): StaleJson | null {
  if (!stale || !message) return null;
  return {
    scoredAt: stale.scoredAt,
    changed: stale.changed,
    added: stale.added,
    removed: stale.removed,
    renamed: stale.renamed,
    formerNames: stale.formerNames,
    ...(stale.periods ? { periods: Object.fromEntries(Object.entries(stale.periods).map(([k, p]) => [k, { from: p.from === "" ? null : p.from, to: p.to === "" ? null : p.to }])) } : {}),
    otherIndex: stale.otherIndex,
    unreadable: stale.unreadable,
    unreadableSheets: stale.sheets,
    ...(stale.scoredWith ? { scoredWith: { id: stale.scoredWith.id, version: stale.scoredWith.version ?? null } } : {}),
    ...(stale.otherContent ? { otherContent: { id: stale.otherContent.id, version: stale.otherContent.version ?? null } } : {}),
    message: message[lang],
  };
}

/**
 * The line on stderr when score --out writes a workbook whose `_index` keeps a definition of the
 * id and version of the one given to --index (`spec`, read as `model`) but another content: the
 * written workbook keeps the one given instead, which is said, not done silently. Nothing else.
 */
export function sayDefinitionReplaced(io: CliIO, state: IndexSheetState | null | undefined, model: IndexModel, spec: string, lang: Lang): void {
  const kept = keptWithOtherContent(state, model);
  if (kept) io.stderr.write(`${T.severityOne.warning[lang]}: ${M.definitionReplaced(kept.version !== undefined ? `${kept.id}@${kept.version}` : kept.id, spec)[lang]}\n`);
}
