/**
 * The requests the pane sends to its .xlsx service (xlsx-file.ts, in a Web Worker or on the
 * pane's thread) and their answers and failures. No ExcelJS here: the pane's thread loads it
 * only when no worker can run.
 */
import type { CollectSkip } from "../../core/collect";
import type { Lang, Message } from "../../core/i18n/text";
import type { RadarChooser } from "../../core/plan/labels";
import type { ChartKind, Issue, RankingOverride, ScoreTable, WorkbookSnapshot, WritePlan } from "../../core/types";
import type { CheckFindings, StaleReply } from "./check-run";
import { isCheckStopped } from "./check-stop";

export interface FileData {
  name: string;
  data: Uint8Array;
}

export interface TemplateUnit {
  code: string;
  name: string;
  category?: string;
}

/** A scoring run of an open workbook, done where the workbook is (the worker): what the pane asks. */
export interface ScoreRequest {
  /** The definition as JSON data. */
  definition: unknown;
  /** The language the run writes the sheets the project owns in. */
  lang: Lang;
  projectVersion: string;
  ranking: RankingOverride;
  charts: { kinds?: ChartKind[]; profileUnits?: string[]; chooseWith?: RadarChooser };
}

/** What the run gives back: its table and findings, what it wrote, and the workbook's bytes after the write. */
export interface ScoreReply {
  table: ScoreTable;
  issues: Issue[];
  /** The sheets the project owns that the run wrote, each with how many charts. */
  owned: { name: string; charts: number }[];
  /** What the write had to say (a sheet of the user's kept, the results written beside it). */
  warnings: Message[];
  /** The workbook's bytes after the write, which the pane keeps to open the workbook again if the worker stops. */
  data: Uint8Array;
}

/** A request as it crosses to the worker, with the id its answer comes back with. */
export interface FileMessage {
  id: number;
  req: FileRequest;
}

/** The pane no longer wants the answer to request `id` (a check the user stopped): the worker gives it up at its next stage. */
export interface FileCancel {
  id: number;
  cancel: true;
}

/** How far a request is, as the run says it (its stage and fraction), sent while it goes on. */
export type ProgressReport = (stage: string, fraction: number) => void;

/** What can go wrong, as a kind the pane turns into a sentence, and the library's own words for the console. */
/** "too-large": a file that unpacks to more than a workbook of forms can be; its reason is its sentence, `{vi, en}` as JSON. */
/** "pipeline": a run that could not happen (the core's PipelineError); its reason is the error's fields as JSON. */
/** "localized": any other error that carries its sentence (`localized`); its reason is the sentence, `{vi, en}` as JSON. */
/** "pane": the pane's own sentence for a check that could not happen (service-error.ts's ServiceError, as JSON). */
/** "failed": what nobody foresaw; its reason is the error's message (never its stack, which the console keeps). */
/** "stopped": a check the pane stopped, given up (its answer is dropped). */
export type FileErrorKind = "not-xlsx" | "too-large" | "collect-write-failed" | "definition-invalid" | "no-workbook" | "worker-failed" | "pipeline" | "localized" | "pane" | "stopped" | "failed";

export class FileServiceError extends Error {
  constructor(
    readonly kind: FileErrorKind,
    readonly reason: string,
    /** The file it is about, when it is about one. */
    readonly file?: string,
  ) {
    super(reason);
    this.name = "FileServiceError";
  }
}

export function isFileServiceError(e: unknown): e is FileServiceError {
  return e instanceof FileServiceError || (typeof e === "object" && e !== null && (e as { name?: unknown }).name === "FileServiceError");
}

export type FileRequest =
  | { op: "open"; handle: number; file: FileData }
  | { op: "read"; handle: number }
  | { op: "apply"; handle: number; plan: WritePlan }
  | { op: "bytes"; handle: number }
  | { op: "collect"; handle: number; files: FileData[]; definition?: unknown }
  | { op: "close"; handle: number }
  | { op: "score"; handle: number; run: ScoreRequest }
  | { op: "template"; definition: unknown; units: TemplateUnit[]; lang: Lang }
  | { op: "check"; handle: number; definition: unknown; lang: Lang }
  | { op: "mark"; handle: number; definition: unknown; lang: Lang }
  | { op: "clearMarks"; handle: number; lang: Lang }
  | { op: "stale"; handle: number; lang: Lang };

/** Marks written where the workbook is: the check's findings, and what the write did. */
export interface MarkReply extends CheckFindings {
  /** The marks written (those on a sheet the write left unwritten were not made). */
  marked: number;
  /** What the write had to say (a sheet a password protects left as it was). */
  warnings: Message[];
  /** The workbook's bytes after the write, which the pane keeps to open the workbook again if the worker stops. */
  data: Uint8Array;
}

/** Marks taken away where the workbook is: how many, and what the write did. */
export interface ClearMarksResult {
  /** The marks taken away (none: `_index` recorded none). */
  cleared: number;
  warnings: Message[];
  /** The workbook's bytes after the write; absent when nothing was written. */
  data?: Uint8Array;
}

export interface CollectResult {
  taken: string[];
  /** Each sheet (or, with `sheet` "", each file) left out, and why. */
  skipped: CollectSkip[];
  /** What the user should know about what came in (forms of different indices or versions). */
  warnings: Message[];
}

/** What each request answers. */
export interface FileReplies {
  open: null;
  read: WorkbookSnapshot;
  /**
   * What the write had to say (a sheet of the user's kept, the results written beside it), and the
   * workbook's bytes after it, which the pane keeps to open the workbook again if the worker stops.
   */
  apply: { warnings: Message[]; data: Uint8Array };
  bytes: Uint8Array;
  collect: CollectResult & { data: Uint8Array };
  close: null;
  template: Uint8Array;
  score: ScoreReply;
  check: CheckFindings;
  mark: MarkReply;
  clearMarks: ClearMarksResult;
  stale: StaleReply;
}

/** Whether `x` is a sentence in both languages. */
function isMessage(x: unknown): x is Message {
  return typeof x === "object" && x !== null && typeof (x as { vi?: unknown }).vi === "string" && typeof (x as { en?: unknown }).en === "string";
}

/**
 * A failure as it crosses to the pane's thread (an Error's own class, and its subclasses' names,
 * do not survive the copy): known by what it carries, not by its name.
 */
export function errorReply(e: unknown): { kind: FileErrorKind; reason: string; file?: string } {
  if (isFileServiceError(e)) return { kind: e.kind, reason: e.reason, ...(e.file !== undefined ? { file: e.file } : {}) };
  // A check the pane stopped: nothing went wrong, and nobody waits for this answer.
  if (isCheckStopped(e)) return { kind: "stopped", reason: e.message };
  // A run that could not happen (the core's PipelineError, or one of its kinds: a sheet of the
  // project's that a password protects) says why in its own sentence: its fields cross as they are
  // (known by what every PipelineError carries, so that the core stays out of the pane's first scripts).
  if (e instanceof Error && typeof (e as { code?: unknown }).code === "string" && isMessage((e as { userMessage?: unknown }).userMessage)) {
    const { code, userMessage, problems, found } = e as Error & { code: unknown; userMessage: unknown; problems?: unknown; found?: unknown };
    return { kind: "pipeline", reason: JSON.stringify({ code, userMessage, problems, found }) };
  }
  // Any other error that carries its sentence in both languages: the sentence crosses.
  const localized = typeof e === "object" && e !== null ? (e as { localized?: unknown }).localized : undefined;
  if (isMessage(localized)) return { kind: "localized", reason: JSON.stringify({ vi: localized.vi, en: localized.en }) };
  // What nobody foresaw: its stack stays in the console (the worker's), the pane shows its message only.
  console.error("DTI Scorer: the .xlsx work failed:", e);
  return { kind: "failed", reason: e instanceof Error ? e.message : String(e) };
}
