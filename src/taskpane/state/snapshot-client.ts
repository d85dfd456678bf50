/**
 * The pane's side of checking and scoring a workbook read in Excel off its thread
 * (snapshot-worker.ts): the snapshot goes to the worker in parts, a few thousand cells each, the
 * pane's thread given a turn between them, so that no one copy is long; then the definition (a
 * check) or the run's choices (a scoring run), and the worker answers with the findings, or with
 * the plan of what to write (a scoring run's, or the marks of a check's findings) and what the pane shows, saying the run's stages as they come,
 * the answer's long lists in slices. Each request has its own id. A worker that cannot start,
 * fails or stops answering is ended, and the request, and every one after it, runs on the pane's
 * thread (check-run.ts), as it did before there was a worker: a check or a scoring run is never
 * lost. Failures come back as the pane's sentences (service-error.ts), never a worker's stack. A check
 * the user stops (its `signal` aborted) fails at once with CheckStopped: the parts still to send
 * are not sent, the worker checking it is ended (the next check starts another), and nothing it
 * would still say reaches the pane.
 */
import type { Lang } from "../../core/i18n/text";
import type { CellValue, WorkbookSnapshot } from "../../core/types";
import type { CheckProgress, CheckReply, ClearMarksReply, MarksReply, ScoreChoices, ScoreReply, StaleReply } from "./check-run";
import { CheckStopped, stoppingAt, throwIfStopped, unlessStopped } from "./check-stop";
import { ServiceFailure, fromServiceError, isServiceError } from "./service-error";
import { type SnapshotAnswer, type SnapshotPart, joinSlices } from "./snapshot-protocol";

/** The part of a Worker the client uses (a test gives its own). */
export interface SnapshotWorkerLike {
  onmessage: ((e: MessageEvent<SnapshotAnswer>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
  postMessage(message: SnapshotPart): void;
  terminate(): void;
}

export type LocalCheck = (snapshot: WorkbookSnapshot, definition: unknown, lang: Lang, onProgress?: CheckProgress) => Promise<CheckReply>;
/** A check that the user may stop: `signal` aborted, it fails at once with CheckStopped (check-stop.ts). */
export type StoppableCheck = (snapshot: WorkbookSnapshot, definition: unknown, lang: Lang, onProgress?: CheckProgress, signal?: AbortSignal) => Promise<CheckReply>;
/** A scoring run of a workbook read, its plan made and not written (check-run.ts's runScore). */
export type SnapshotScore = (snapshot: WorkbookSnapshot, run: ScoreChoices, onProgress?: CheckProgress) => Promise<ScoreReply>;
/** A workbook read compared with its last scoring run (check-run.ts's runStale). */
export type SnapshotStale = (snapshot: WorkbookSnapshot, lang: Lang) => Promise<StaleReply>;
/** Marking the cells with issues in a workbook read: the marks planned, not written (check-run.ts's runMarks). */
export type SnapshotMarks = (snapshot: WorkbookSnapshot, definition: unknown, lang: Lang, onProgress?: CheckProgress) => Promise<MarksReply>;
/** Taking the project's marks away from a workbook read: planned, not written (check-run.ts's runClearMarks). */
export type SnapshotClearMarks = (snapshot: WorkbookSnapshot, lang: Lang) => Promise<ClearMarksReply>;

/** What the client answers: each in the worker, or on the pane's thread once the worker has stopped. */
export interface SnapshotRuns {
  check: StoppableCheck;
  score: SnapshotScore;
  stale: SnapshotStale;
  mark: SnapshotMarks;
  clearMarks: SnapshotClearMarks;
}

export interface SnapshotClientOptions {
  /** A worker, or undefined when the browser cannot start one. */
  startWorker: () => SnapshotWorkerLike | undefined;
  /** The check on the pane's thread (check-run.ts's runCheck). */
  local: () => Promise<LocalCheck>;
  /** The scoring run on the pane's thread (check-run.ts's runScore); without it, check-run.ts's is loaded. */
  localScore?: () => Promise<SnapshotScore>;
  /** The comparison on the pane's thread (check-run.ts's runStale); without it, check-run.ts's is loaded. */
  localStale?: () => Promise<SnapshotStale>;
  /** How long one check may take in the worker before the worker counts as stopped. */
  timeoutMs?: number;
  /** About how many cells one part of the snapshot carries. */
  partCells?: number;
  /** How long the pane's thread copies parts before it gives the page a turn (ms). */
  sliceMs?: number;
  /** Gives the page a turn (a test may count them). */
  yieldNow?: () => Promise<void>;
}

/** Five minutes: far more than a thousand forms take, so only a worker that stopped answering reaches it. */
export const CHECK_TIMEOUT_MS = 5 * 60 * 1000;
/** Cells a part carries: copying one takes a few milliseconds. */
export const PART_CELLS = 20_000;

/** The worker stopped (failed, or did not answer in time): the check goes to the pane's thread. */
class WorkerStopped extends Error {}

interface Waiting {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onProgress?: CheckProgress;
  timer?: ReturnType<typeof setTimeout>;
  /** The answer's long lists (postSliced), by list, as their slices come. */
  slices: unknown[][];
  /** The answer put together again from the last message and the slices. */
  join: (value: unknown, w: Waiting) => unknown;
}

/** What the pane asks the worker, once the snapshot is there, and how its answer is put together again. */
type Request = {
  part:
    | { op: "check"; definition: unknown; lang: Lang }
    | { op: "score"; run: ScoreChoices }
    | { op: "stale"; lang: Lang }
    | { op: "mark"; definition: unknown; lang: Lang }
    | { op: "clearMarks"; lang: Lang };
  join: Waiting["join"];
};

/** Lets the browser paint and handle input. */
const giveTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Sends `snapshot` to `post` as parts of about `partCells` cells: its own fields, then each sheet's
 * rows in runs (a large sheet in several parts, the first with the sheet's own fields). `pause` is
 * awaited once `sliceMs` of copying have gone by.
 */
export async function sendSnapshot(
  id: number,
  snapshot: WorkbookSnapshot,
  post: (part: SnapshotPart) => void,
  options: { partCells?: number; sliceMs?: number; pause?: () => Promise<void> } = {},
): Promise<void> {
  const partCells = options.partCells ?? PART_CELLS;
  const sliceMs = options.sliceMs ?? 8;
  const pause = options.pause ?? giveTurn;
  const { sheets, ...workbook } = snapshot;
  post({ id, op: "workbook", workbook, sheets: sheets.length });
  let since = now();
  let rows: CellValue[][] = [];
  let cells = 0;
  let from = 0;
  let meta: Omit<(typeof sheets)[number], "values"> | undefined;
  const flush = async (sheet: number) => {
    post({ id, op: "sheet", sheet, from, rows, ...(meta ? { meta } : {}) });
    meta = undefined;
    from += rows.length;
    rows = [];
    cells = 0;
    if (now() - since >= sliceMs) {
      await pause();
      since = now();
    }
  };
  for (let i = 0; i < sheets.length; i++) {
    const { values, ...own } = sheets[i]!;
    meta = own;
    from = 0;
    for (let r = 0; r < values.length; r++) {
      const row = values[r];
      rows.push(row as CellValue[]);
      // An empty row still costs its brackets.
      cells += Math.max(1, row?.length ?? 0);
      if (cells >= partCells) await flush(i);
    }
    if (rows.length > 0 || meta) await flush(i);
  }
}

function now(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

/**
 * The client: `check`, `score`, `stale`, `mark` and `clearMarks` answer from the worker, or from
 * the pane's thread once the worker has stopped.
 */
export function snapshotClient(options: SnapshotClientOptions): SnapshotRuns {
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  let worker: SnapshotWorkerLike | undefined;
  /** No worker: none could start, or one stopped. */
  let local = false;
  let next = 1;
  const waiting = new Map<number, Waiting>();

  const stop = (reason: string) => {
    if (!worker) return;
    console.warn("DTI Scorer: the check's Web Worker stopped, checks and scoring runs are the pane's thread's:", reason);
    worker.terminate();
    worker = undefined;
    local = true;
    for (const w of waiting.values()) {
      if (w.timer !== undefined) clearTimeout(w.timer);
      w.reject(new WorkerStopped(reason));
    }
    waiting.clear();
  };

  const start = (): SnapshotWorkerLike | undefined => {
    if (worker || local) return worker;
    let started: SnapshotWorkerLike | undefined;
    try {
      started = options.startWorker();
    } catch (e) {
      console.warn("DTI Scorer: no Web Worker for checking, checks run on the pane's thread.", e);
    }
    if (!started) {
      local = true;
      return undefined;
    }
    worker = started;
    started.onmessage = (e) => {
      // A worker ended for a stopped check: whatever it still says is dropped.
      if (worker !== started) return;
      const answer = e.data;
      const w = waiting.get(answer.id);
      if (!w) return;
      if ("progress" in answer) {
        void w.onProgress?.(...answer.progress);
        return;
      }
      if ("slice" in answer) {
        const list = (w.slices[answer.slice] ??= []);
        for (const item of answer.items) list.push(item);
        // The next message when this one is in: each is a short task of its own (snapshot-worker.ts).
        started.postMessage({ id: answer.id, op: "more" });
        return;
      }
      waiting.delete(answer.id);
      if (w.timer !== undefined) clearTimeout(w.timer);
      if (answer.ok) w.resolve(w.join(answer.value, w));
      else w.reject(isServiceError(answer.error) ? fromServiceError(answer.error) : new ServiceFailure("the check failed"));
    };
    // An uncaught error in the worker leaves its check without an answer: the worker is ended.
    started.onerror = (e) => {
      e.preventDefault();
      stop(e.message || "the worker could not run");
    };
    started.onmessageerror = () => stop("a message could not be read");
    return started;
  };

  /**
   * A stopped check: the worker checking it is ended at once (its work is one long task that only
   * ending it stops), and the next check starts another. Any other check it held goes to the
   * pane's thread, as after any worker that stopped.
   */
  const retire = (w: SnapshotWorkerLike, id: number) => {
    const mine = waiting.get(id);
    waiting.delete(id);
    if (mine?.timer !== undefined) clearTimeout(mine.timer);
    mine?.reject(new CheckStopped());
    if (worker !== w) return;
    w.terminate();
    worker = undefined;
    for (const other of waiting.values()) {
      if (other.timer !== undefined) clearTimeout(other.timer);
      other.reject(new WorkerStopped("the worker was ended for a check that was stopped"));
    }
    waiting.clear();
  };

  const inWorker = async <T>(w: SnapshotWorkerLike, snapshot: WorkbookSnapshot, request: Request, onProgress?: CheckProgress, signal?: AbortSignal): Promise<T> => {
    const id = next++;
    const answer = new Promise<T>((resolve, reject) =>
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, slices: [], join: request.join, ...(onProgress ? { onProgress } : {}) }),
    );
    // Failed before it is awaited (the worker stopped while the parts went): never unhandled.
    answer.catch(() => undefined);
    const onStop = () => retire(w, id);
    signal?.addEventListener("abort", onStop, { once: true });
    const pause = options.yieldNow ?? giveTurn;
    try {
      try {
        await sendSnapshot(id, snapshot, (part) => w.postMessage(part), {
          ...(options.partCells !== undefined ? { partCells: options.partCells } : {}),
          ...(options.sliceMs !== undefined ? { sliceMs: options.sliceMs } : {}),
          // Stopped while the parts go: the rest is not sent.
          pause: async () => {
            await pause();
            throwIfStopped(signal);
          },
        });
        throwIfStopped(signal);
      } catch (e) {
        if (e instanceof CheckStopped) throw e;
        // A part that could not be copied: the worker forgets the others, the check runs here.
        waiting.delete(id);
        if (worker === w) w.postMessage({ id, op: "drop" });
        throw new WorkerStopped(e instanceof Error ? e.message : String(e));
      }
      const w2 = waiting.get(id);
      if (!w2) return await answer; // the worker stopped while the parts went: `answer` has failed already
      // A worker ended from outside (by the browser, short of memory) sends no event: only time tells.
      w2.timer = setTimeout(() => stop("the worker did not answer in time"), timeoutMs);
      w.postMessage({ id, ...request.part });
      return await answer;
    } finally {
      signal?.removeEventListener("abort", onStop);
    }
  };

  const check: StoppableCheck = async (snapshot, definition, lang, onProgress, signal) => {
    throwIfStopped(signal);
    const w = start();
    if (w) {
      try {
        const request: Request = { part: { op: "check", definition, lang }, join: (value, waited) => joinSlices(value, waited.slices) };
        return await unlessStopped(inWorker<CheckReply>(w, snapshot, request, onProgress, signal), signal);
      } catch (e) {
        if (!(e instanceof WorkerStopped) || signal?.aborted) throw e;
        if (worker === w) stop(e.message);
      }
    }
    const run = await options.local();
    throwIfStopped(signal);
    // On the pane's thread the check is given up at its next stage, and its answer dropped at once.
    return unlessStopped(run(snapshot, definition, lang, stoppingAt(onProgress, signal)), signal);
  };

  /** A request answered by postSliced: in the worker, or `here` on the pane's thread once the worker has stopped (never lost). */
  const sliced = async <T>(snapshot: WorkbookSnapshot, part: Request["part"], here: () => Promise<T>, onProgress?: CheckProgress): Promise<T> => {
    const w = start();
    if (w) {
      try {
        return await inWorker<T>(w, snapshot, { part, join: (value, waited) => joinSlices(value, waited.slices) }, onProgress);
      } catch (e) {
        if (!(e instanceof WorkerStopped)) throw e;
        if (worker === w) stop(e.message);
      }
    }
    return here();
  };
  const runs = () => import(/* webpackChunkName: "snapshot-client" */ "./check-run");

  /** A scoring run: planned in the worker, or on the pane's thread once the worker has stopped. */
  const score: SnapshotScore = (snapshot, run, onProgress) =>
    sliced(snapshot, { op: "score", run }, async () => (options.localScore ? await options.localScore() : (await runs()).runScore)(snapshot, run, onProgress), onProgress);

  /** The comparison with the last scoring run: in the worker, or on the pane's thread once the worker has stopped. */
  const stale: SnapshotStale = (snapshot, lang) =>
    sliced(snapshot, { op: "stale", lang }, async () => (options.localStale ? await options.localStale() : async (s: WorkbookSnapshot, l: Lang) => (await runs()).runStale(s, l))(snapshot, lang));

  /** The marks of a check: planned in the worker, or on the pane's thread once the worker has stopped. */
  const mark: SnapshotMarks = (snapshot, definition, lang, onProgress) =>
    sliced(snapshot, { op: "mark", definition, lang }, async () => (await runs()).runMarks(snapshot, definition, lang, onProgress), onProgress);

  /** Taking the marks away: planned in the worker, or on the pane's thread once the worker has stopped. */
  const clearMarks: SnapshotClearMarks = (snapshot, lang) => sliced(snapshot, { op: "clearMarks", lang }, async () => (await runs()).runClearMarks(snapshot, lang));
  return { check, score, stale, mark, clearMarks };
}
