/**
 * The pane's side of the .xlsx work (xlsx-file.ts): a Web Worker when the browser starts one,
 * otherwise the same service on the pane's thread. Loaded on demand (import()), so that the
 * pane's first scripts stay small.
 */
import type { Lang, Message } from "../../core/i18n/text";
import type { WorkbookSnapshot, WritePlan } from "../../core/types";
import { type CollectResult, type FileData, type FileErrorKind, type FileReplies, type FileRequest, FileServiceError, type TemplateUnit } from "./xlsx-protocol";

export { isFileServiceError } from "./xlsx-protocol";

type Send = <R extends FileRequest>(req: R) => Promise<FileReplies[R["op"]]>;

/** A worker's requests waiting for their answers; all fail at once if the worker cannot run. */
function workerSender(worker: Worker): Send {
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  worker.onmessage = (e: MessageEvent<{ id: number; ok: boolean; value?: unknown; error?: { kind: FileErrorKind; reason: string; file?: string } }>) => {
    const w = waiting.get(e.data.id);
    if (!w) return;
    waiting.delete(e.data.id);
    if (e.data.ok) w.resolve(e.data.value);
    else w.reject(new FileServiceError(e.data.error?.kind ?? "failed", e.data.error?.reason ?? "", e.data.error?.file));
  };
  const fail = (reason: string) => {
    for (const w of waiting.values()) w.reject(new FileServiceError("worker-failed", reason));
    waiting.clear();
  };
  worker.onerror = (e) => {
    e.preventDefault();
    fail(e.message || "the worker could not run");
  };
  worker.onmessageerror = () => fail("a message could not be read");
  return ((req: FileRequest) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, req });
    })) as Send;
}

/** The service on the pane's thread (a browser without workers, or a worker that failed to start). */
async function localSender(): Promise<Send> {
  const { XlsxFileService } = await import(/* webpackChunkName: "xlsx-host" */ "./xlsx-file");
  const service = new XlsxFileService();
  let queue: Promise<unknown> = Promise.resolve();
  return ((req: FileRequest) => {
    const run = queue.then(() => service.handle(req));
    queue = run.catch(() => undefined);
    return run;
  }) as Send;
}

let sender: Promise<Send> | undefined;
let local = false;

function startWorker(): Send | undefined {
  if (typeof Worker === "undefined") return undefined;
  try {
    return workerSender(new Worker(/* webpackChunkName: "xlsx-worker" */ new URL("./xlsx-worker.ts", import.meta.url)));
  } catch (e) {
    console.warn("DTI Scorer: no Web Worker, the .xlsx work runs on the pane's thread.", e);
    return undefined;
  }
}

/** Sends a request; when the worker cannot run, sends it (and every later one) to the pane's thread. */
async function send<R extends FileRequest>(req: R): Promise<FileReplies[R["op"]]> {
  sender ??= Promise.resolve(startWorker() ?? ((local = true), localSender()));
  try {
    return await (await sender)(req);
  } catch (e) {
    if (local || !(e instanceof FileServiceError) || e.kind !== "worker-failed") throw e;
    console.warn("DTI Scorer: the Web Worker failed, the .xlsx work runs on the pane's thread:", e.reason);
    local = true;
    sender = localSender();
    // The worker's open workbooks are gone with it: only a request that needs none can be sent again.
    if (req.op === "template" || req.op === "open") return (await sender)(req);
    throw e;
  }
}

let handles = 0;

/** A workbook open in the service. */
export interface OpenedFile {
  read(): Promise<WorkbookSnapshot>;
  apply(plan: WritePlan): Promise<{ warnings: Message[] }>;
  bytes(): Promise<Uint8Array>;
  collect(files: FileData[], definition: unknown): Promise<CollectResult>;
  close(): void;
}

export async function openFile(file: FileData): Promise<OpenedFile> {
  const handle = ++handles;
  await send({ op: "open", handle, file });
  return {
    read: () => send({ op: "read", handle }),
    apply: (plan) => send({ op: "apply", handle, plan }),
    bytes: () => send({ op: "bytes", handle }),
    collect: (files, definition) => send({ op: "collect", handle, files, ...(definition !== undefined ? { definition } : {}) }),
    close: () => void send({ op: "close", handle }).catch(() => undefined),
  };
}

export function makeTemplateBytes(definition: unknown, units: TemplateUnit[], lang: Lang): Promise<Uint8Array> {
  return send({ op: "template", definition, units, lang });
}
