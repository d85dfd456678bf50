/**
 * How the pane's requests reach its .xlsx service (xlsx-file.ts): a Web Worker when one runs,
 * the pane's own thread when none can start or the worker stops. The channel remembers each open
 * workbook's latest bytes (the file as chosen, then what each write made of it), so that when the
 * worker stops, every open workbook is opened again on the pane's thread and the request is sent
 * again; only what cannot be recovered becomes a sentence asking for the workbook to be chosen again.
 * A request the pane stops (a check the user stopped: its `signal` aborted) fails at once with
 * CheckStopped, the worker is told to give it up (at its next stage), and what it would still
 * answer is dropped.
 */
import type { Message } from "../../core/i18n/text";
import { CheckStopped, stoppingAt, unlessStopped } from "./check-stop";
import { type FileCancel, type FileData, type FileErrorKind, type FileMessage, type FileReplies, type FileRequest, FileServiceError, type ProgressReport } from "./xlsx-protocol";

/**
 * Sends a request; `onProgress` hears how far it is while it goes on (a scoring run's stages).
 * `signal` aborted, the request fails at once with CheckStopped and its answer is dropped.
 */
export type Send = <R extends FileRequest>(req: R, onProgress?: ProgressReport, signal?: AbortSignal) => Promise<FileReplies[R["op"]]>;

/** The part of a Worker the channel uses (a test gives its own). */
export interface WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

export interface FileService {
  handle(req: FileRequest, onProgress?: ProgressReport): Promise<unknown>;
}

export interface ChannelOptions {
  /** A worker, or undefined when the browser cannot start one. */
  startWorker: () => WorkerLike | undefined;
  /** The service on the pane's thread (loaded only when needed). */
  localService: () => Promise<FileService>;
  /** How long one request may take in the worker before the worker counts as stopped. */
  timeoutMs?: number;
}

/** Five minutes: far more than the largest workbook takes, so only a worker that stopped answering reaches it. */
export const WORKER_TIMEOUT_MS = 5 * 60 * 1000;

const TIMED_OUT = "the worker did not answer in time";

/** The sentence for a workbook the pane lost with its worker. */
export const WORKBOOK_LOST: Message = {
  vi: "Phần xử lý tệp của trang đã dừng giữa chừng nên sổ làm việc đang mở không dùng tiếp được (những thay đổi chưa tải về đã mất). Hãy chọn lại sổ làm việc rồi làm lại thao tác.",
  en: "The pane's file processing stopped part-way, so the open workbook can no longer be used (changes not yet downloaded are lost). Choose the workbook again, then repeat the action.",
};

/** An error that carries its sentence in both languages (what the pane's notices show as it is). */
export class WorkbookLostError extends Error {
  readonly localized = WORKBOOK_LOST;
  constructor(readonly reason: string) {
    super(WORKBOOK_LOST.en);
    this.name = "WorkbookLostError";
  }
}

type Waiting = { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: ReturnType<typeof setTimeout>; onProgress?: ProgressReport };

/** A worker's requests waiting for their answers; all fail at once if the worker stops. */
function workerSender(worker: WorkerLike, timeoutMs: number): Send {
  let next = 1;
  const waiting = new Map<number, Waiting>();
  let dead: string | undefined;
  const fail = (reason: string) => {
    dead ??= reason;
    for (const w of waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new FileServiceError("worker-failed", reason));
    }
    waiting.clear();
  };
  worker.onmessage = (e: MessageEvent<{ id: number; ok: boolean; value?: unknown; error?: { kind: FileErrorKind; reason: string; file?: string }; progress?: [string, number] }>) => {
    const w = waiting.get(e.data.id);
    if (!w) return;
    // How far the request is: said, and the request still waits for its answer.
    if (e.data.progress) {
      w.onProgress?.(...e.data.progress);
      return;
    }
    waiting.delete(e.data.id);
    clearTimeout(w.timer);
    if (e.data.ok) w.resolve(e.data.value);
    else w.reject(new FileServiceError(e.data.error?.kind ?? "failed", e.data.error?.reason ?? "", e.data.error?.file));
  };
  // An uncaught error in the worker leaves the request it was answering without an answer: the
  // worker's state is no longer to be trusted, so every request waiting fails and the worker stops.
  worker.onerror = (e) => {
    e.preventDefault();
    fail(e.message || "the worker could not run");
    worker.terminate();
  };
  worker.onmessageerror = () => fail("a message could not be read");
  return ((req: FileRequest, onProgress?: ProgressReport, signal?: AbortSignal) =>
    new Promise<unknown>((resolve, reject) => {
      if (dead !== undefined) {
        reject(new FileServiceError("worker-failed", dead));
        return;
      }
      if (signal?.aborted) {
        reject(new CheckStopped());
        return;
      }
      const id = next++;
      // A worker ended from outside (by the browser, short of memory) sends no event: only time tells.
      const timer = setTimeout(() => {
        fail(TIMED_OUT);
        worker.terminate();
      }, timeoutMs);
      // Stopped: forgotten here at once (its answer, when it comes, is dropped), and the worker gives it
      // up at its next stage, so that the requests after it do not wait for all of it. The worker, and
      // the workbooks it holds, stay.
      const stop = () => {
        const w = waiting.get(id);
        if (!w) return;
        waiting.delete(id);
        clearTimeout(w.timer);
        w.reject(new CheckStopped());
        worker.postMessage({ id, cancel: true } satisfies FileCancel);
      };
      const settle =
        <T>(then: (v: T) => void) =>
        (v: T) => {
          signal?.removeEventListener("abort", stop);
          then(v);
        };
      waiting.set(id, { resolve: settle(resolve), reject: settle(reject), timer, ...(onProgress ? { onProgress } : {}) });
      signal?.addEventListener("abort", stop, { once: true });
      worker.postMessage({ id, req } satisfies FileMessage);
    })) as Send;
}

/** The service on the pane's thread, one request at a time; a request stopped gives up at its next stage. */
function localSender(service: FileService): Send {
  let queue: Promise<unknown> = Promise.resolve();
  return ((req: FileRequest, onProgress?: ProgressReport, signal?: AbortSignal) => {
    const run = queue.then(() => {
      if (signal?.aborted) throw new CheckStopped();
      return service.handle(req, stoppingAt(onProgress, signal) as ProgressReport | undefined);
    });
    queue = run.catch(() => undefined);
    return unlessStopped(run, signal);
  }) as Send;
}

function isWorkerFailed(e: unknown): e is FileServiceError {
  return e instanceof FileServiceError && e.kind === "worker-failed";
}

/** The channel: `send` answers each request from the worker, or from the pane's thread once the worker has stopped. */
export function fileChannel(options: ChannelOptions): { send: Send } {
  const timeoutMs = options.timeoutMs ?? WORKER_TIMEOUT_MS;
  /** Each open workbook's latest bytes known on this side. */
  const files = new Map<number, FileData>();
  /** Workbooks the worker took with it. */
  const lost = new Set<number>();
  let sender: Promise<Send> | undefined;
  let local = false;

  const goLocal = async (): Promise<Send> => localSender(await options.localService());

  /** The pane's thread takes over: each open workbook is opened again there from its latest bytes. */
  const recover = async (): Promise<Send> => {
    const s = await goLocal();
    for (const [handle, file] of files) {
      try {
        await s({ op: "open", handle, file });
      } catch (e) {
        console.warn(`DTI Scorer: ${file.name} could not be opened again on the pane's thread:`, e);
        files.delete(handle);
        lost.add(handle);
      }
    }
    return s;
  };

  /** Remembers what a request that succeeded made of its workbook. */
  const note = (req: FileRequest, value: unknown) => {
    if (req.op === "open") {
      files.set(req.handle, req.file);
      lost.delete(req.handle);
    } else if ((req.op === "apply" || req.op === "collect" || req.op === "score" || req.op === "mark" || req.op === "clearMarks") && files.has(req.handle)) {
      const data = (value as { data?: Uint8Array } | null)?.data;
      if (data) files.set(req.handle, { name: files.get(req.handle)!.name, data });
      // No marks to take away: nothing was written, the bytes known are the workbook's still.
      else if (req.op !== "clearMarks") {
        // A write whose bytes did not come back cannot be recovered from: the workbook is lost with the worker.
        files.delete(req.handle);
      }
    } else if (req.op === "close") {
      files.delete(req.handle);
      lost.delete(req.handle);
    }
  };

  const sendOnce = async (req: FileRequest, onProgress?: ProgressReport, signal?: AbortSignal): Promise<unknown> => {
    if ("handle" in req && req.op !== "open" && lost.has(req.handle)) {
      if (req.op === "close") {
        lost.delete(req.handle);
        return null;
      }
      throw new WorkbookLostError("the workbook was lost with the worker");
    }
    const value = await (await sender!)(req, onProgress, signal);
    note(req, value);
    return value;
  };

  const send = async (req: FileRequest, onProgress?: ProgressReport, signal?: AbortSignal): Promise<unknown> => {
    sender ??= (() => {
      const worker = options.startWorker();
      if (worker) return Promise.resolve(workerSender(worker, timeoutMs));
      local = true;
      return goLocal();
    })();
    try {
      return await sendOnce(req, onProgress, signal);
    } catch (e) {
      if (!isWorkerFailed(e) || signal?.aborted) throw e;
      if (!local) {
        console.warn("DTI Scorer: the Web Worker stopped, the .xlsx work runs on the pane's thread:", e.reason);
        local = true;
        const timedOut = e.reason === TIMED_OUT;
        // After a time-out the worker's workbooks count as lost: sending the request again on the
        // pane's thread could freeze it for as long.
        if (timedOut) {
          for (const handle of files.keys()) lost.add(handle);
          files.clear();
          sender = goLocal();
          throw new WorkbookLostError(e.reason);
        }
        sender = recover();
      }
      // A request that failed with the worker is sent again to the pane's thread (the worker's
      // unfinished write is lost with it; the latest bytes are from before it).
      try {
        return await sendOnce(req, onProgress, signal);
      } catch (again) {
        if (again instanceof FileServiceError && (again.kind === "no-workbook" || again.kind === "worker-failed")) throw new WorkbookLostError(again.reason);
        throw again;
      }
    }
  };
  return { send: send as Send };
}
