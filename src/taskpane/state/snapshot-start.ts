/**
 * Starts the Web Worker that checks and scores a workbook read in Excel (snapshot-worker.ts), as
 * webpack bundles it (a chunk of its own, with the reader, the checks and the scoring, the planner
 * a chunk it loads, and no .xlsx library). Loaded only where the browser has workers
 * (pipeline.ts): `import.meta.url` is webpack's, which a test in Node does not read.
 */
import type { SnapshotWorkerLike } from "./snapshot-client";

export function startSnapshotWorker(): SnapshotWorkerLike | undefined {
  try {
    return new Worker(/* webpackChunkName: "snapshot-worker" */ new URL("./snapshot-worker.ts", import.meta.url)) as unknown as SnapshotWorkerLike;
  } catch (e) {
    console.warn("DTI Scorer: no Web Worker, checks and scoring runs are the pane's thread's.", e);
    return undefined;
  }
}
