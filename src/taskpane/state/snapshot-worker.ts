/**
 * The Web Worker that checks and scores a workbook read in Excel (check-run.ts) off the pane's
 * thread: the pane reads the workbook through Office.js (which only its own thread has), sends the
 * snapshot here in parts (snapshot-client.ts: no one part long to copy), then what it asks for.
 * A check: the worker reads and checks every form and compares the figures with the last scoring,
 * and answers with the findings. A scoring run: the worker reads, checks and scores every form
 * and makes the plan of what to write, and answers with the plan (which the pane has Excel write),
 * the findings and the units by rank, its long lists in slices; the workbook read back after the
 * write: its comparison with the run's inputs. Marking the cells with issues, or taking the marks
 * away: the plan of the marks (check-run.ts's runMarks, runClearMarks). Each says the run's stages as they come. One
 * request at a time, in the order they come.
 */
import type { WorkbookSnapshot } from "../../core/types";
import { runCheck, runClearMarks, runMarks, runScore, runStale } from "./check-run";
import { toServiceError } from "./service-error";
import { type SnapshotAnswer, type SnapshotPart, postSliced } from "./snapshot-protocol";

interface WorkerScope {
  onmessage: ((e: MessageEvent<SnapshotPart>) => void) | null;
  postMessage(message: SnapshotAnswer): void;
}

/**
 * What the worker does with each part it receives (`post`: how it answers): the snapshot put
 * together again, then checked or scored when the request comes.
 */
export function snapshotReceiver(post: (answer: SnapshotAnswer) => void): (part: SnapshotPart) => void {
  /** The snapshots being received, by request. */
  const receiving = new Map<number, WorkbookSnapshot>();
  /** The messages of answers sent in slices still to send, by request: each when the pane asks for the next. */
  const outbox = new Map<number, SnapshotAnswer[]>();
  const sendNext = (id: number) => {
    const left = outbox.get(id);
    const next = left?.shift();
    if (left && left.length === 0) outbox.delete(id);
    if (next) post(next);
  };
  /** An answer sent by postSliced, a message at a time. */
  const postPaced = (id: number, value: unknown) => {
    const messages: SnapshotAnswer[] = [];
    postSliced(id, value, (m) => messages.push(m));
    outbox.set(id, messages);
    sendNext(id);
  };
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
      outbox.delete(part.id);
      return;
    }
    if (part.op === "more") {
      sendNext(part.id);
      return;
    }
    const { id } = part;
    const snapshot = receiving.get(id);
    receiving.delete(id);
    queue = queue.then(async () => {
      try {
        if (!snapshot) throw new Error("the workbook read did not reach the worker");
        const progress = (stage: string, fraction: number) => post({ id, progress: [stage, fraction] });
        if (part.op === "score") postPaced(id, await runScore(snapshot, part.run, progress));
        else if (part.op === "stale") postPaced(id, runStale(snapshot, part.lang));
        else if (part.op === "mark") postPaced(id, await runMarks(snapshot, part.definition, part.lang, progress));
        else if (part.op === "clearMarks") postPaced(id, await runClearMarks(snapshot, part.lang));
        else postPaced(id, await runCheck(snapshot, part.definition, part.lang, progress));
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
