/**
 * The pane's side of the .xlsx work (xlsx-file.ts): a Web Worker when the browser starts one,
 * otherwise the same service on the pane's thread. Loaded on demand (import()), so that the
 * pane's first scripts stay small. When the worker stops, the pane's thread takes over with the
 * workbooks it held (xlsx-channel.ts).
 */
import type { Lang, Message } from "../../core/i18n/text";
import type { WorkbookSnapshot, WritePlan } from "../../core/types";
import {
  type ClearMarksResult,
  type CollectResult,
  type FileData,
  type MarkReply,
  type ProgressReport,
  type ScoreReply,
  type ScoreRequest,
  type TemplateUnit,
} from "./xlsx-protocol";
import { fileChannel, type WorkerLike } from "./xlsx-channel";
import type { CheckFindings, StaleReply } from "./check-run";

export { isFileServiceError } from "./xlsx-protocol";

function startWorker(): WorkerLike | undefined {
  if (typeof Worker === "undefined") return undefined;
  try {
    return new Worker(/* webpackChunkName: "xlsx-worker" */ new URL("./xlsx-worker.ts", import.meta.url));
  } catch (e) {
    console.warn("DTI Scorer: no Web Worker, the .xlsx work runs on the pane's thread.", e);
    return undefined;
  }
}

const { send } = fileChannel({
  startWorker,
  localService: async () => {
    const { XlsxFileService } = await import(/* webpackChunkName: "xlsx-host" */ "./xlsx-file");
    return new XlsxFileService();
  },
});

let handles = 0;

/** A workbook open in the service. */
export interface OpenedFile {
  read(): Promise<WorkbookSnapshot>;
  apply(plan: WritePlan): Promise<{ warnings: Message[] }>;
  bytes(): Promise<Uint8Array>;
  collect(files: FileData[], definition: unknown): Promise<CollectResult>;
  /** Scores the workbook and writes the results where it is (the worker), saying its stages as they come. */
  score(run: ScoreRequest, onProgress?: ProgressReport): Promise<ScoreReply>;
  /** Checks the workbook where it is (the worker): the findings come back, not the workbook read; `signal` aborted, the check is stopped (CheckStopped). */
  check?(definition: unknown, lang: Lang, onProgress?: ProgressReport, signal?: AbortSignal): Promise<CheckFindings>;
  /** Checks the workbook and marks the cells with issues where it is (the worker): the findings come back, and what the write did. */
  mark?(definition: unknown, lang: Lang, onProgress?: ProgressReport): Promise<Omit<MarkReply, "data">>;
  /** Takes away the marks `_index` records, where the workbook is. */
  clearMarks?(lang: Lang): Promise<Omit<ClearMarksResult, "data">>;
  /** Compares the workbook with its last scoring run where it is (the worker), as the stale banner does. */
  stale?(lang: Lang): Promise<StaleReply>;
  close(): void;
}

export async function openFile(file: FileData): Promise<OpenedFile> {
  const handle = ++handles;
  await send({ op: "open", handle, file });
  return {
    read: () => send({ op: "read", handle }),
    apply: async (plan) => ({ warnings: (await send({ op: "apply", handle, plan })).warnings }),
    bytes: () => send({ op: "bytes", handle }),
    collect: async (files, definition) => {
      const { taken, skipped, warnings } = await send({ op: "collect", handle, files, ...(definition !== undefined ? { definition } : {}) });
      return { taken, skipped, warnings };
    },
    score: (run, onProgress) => send({ op: "score", handle, run }, onProgress),
    check: (definition, lang, onProgress, signal) => send({ op: "check", handle, definition, lang }, onProgress, signal),
    mark: async (definition, lang, onProgress) => {
      const { data: _bytes, ...done } = await send({ op: "mark", handle, definition, lang }, onProgress);
      return done;
    },
    clearMarks: async (lang) => {
      const { data: _bytes, ...done } = await send({ op: "clearMarks", handle, lang });
      return done;
    },
    stale: (lang) => send({ op: "stale", handle, lang }),
    close: () => void send({ op: "close", handle }).catch(() => undefined),
  };
}

export function makeTemplateBytes(definition: unknown, units: TemplateUnit[], lang: Lang): Promise<Uint8Array> {
  return send({ op: "template", definition, units, lang });
}
