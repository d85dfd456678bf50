/**
 * The Web Worker that checks a workbook read in Excel (check-run.ts) off the pane's thread: the
 * pane reads the workbook through Office.js (which only its own thread has), sends the snapshot
 * here in parts (snapshot-client.ts: no one part long to copy), then the definition; the worker
 * reads and checks every form and compares the figures with the last scoring, saying the run's
 * stages as they come, and answers with the findings. One check at a time, in the order they come.
 */
import type { WorkbookSnapshot } from "../../core/types";
import { runCheck } from "./check-run";
import { toServiceError } from "./service-error";
import { type SnapshotAnswer, type SnapshotPart, postReply } from "./snapshot-protocol";

interface WorkerScope {
  onmessage: ((e: MessageEvent<SnapshotPart>) => void) | null;
  postMessage(message: SnapshotAnswer): void;
}

/**
 * What the worker does with each part it receives (`post`: how it answers): the snapshot put
 * together again, then checked when the definition comes.
 */
export function snapshotReceiver(post: (answer: SnapshotAnswer) => void): (part: SnapshotPart) => void {
  /** The snapshots being received, by request. */
  const receiving = new Map<number, WorkbookSnapshot>();
  let queue: Promise<void> = Promise.resolve();
  return (part) => {
    if (part.op === "workbook") {
      receiving.set(part.id, { ...part.workbook, sheets: Array.from({ length: part.sheets }, () => ({ name: "", values: [] })) });
      return;
    }
    if (part.op === "sheet") {
      const snapshot = receiving.get(part.id);
      const sheet = snapshot?.sheets[part.sheet];
      if (!snapshot || !sheet) return;
      if (part.meta) snapshot.sheets[part.sheet] = { ...part.meta, values: sheet.values };
      const values = snapshot.sheets[part.sheet]!.values;
      // A row the snapshot did not have stays a hole, as it was.
      part.rows.forEach((row, k) => {
        if (row !== undefined) values[part.from + k] = row;
      });
      if (values.length < part.from + part.rows.length) values.length = part.from + part.rows.length;
      return;
    }
    if (part.op === "drop") {
      receiving.delete(part.id);
      return;
    }
    const { id } = part;
    const snapshot = receiving.get(id);
    receiving.delete(id);
    queue = queue.then(async () => {
      try {
        if (!snapshot) throw new Error("the workbook read did not reach the worker");
        const value = await runCheck(snapshot, part.definition, part.lang, (stage, fraction) => post({ id, progress: [stage, fraction] }));
        postReply(id, value, post);
      } catch (err) {
        post({ id, ok: false, error: toServiceError(err) });
      }
    });
  };
}

// In the worker (a test loads the module without one, for snapshotReceiver).
if (typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined" && typeof self !== "undefined") {
  const scope = self as unknown as WorkerScope;
  const receive = snapshotReceiver((answer) => scope.postMessage(answer));
  scope.onmessage = (e) => receive(e.data);
}
