/**
 * The Web Worker that does the pane's .xlsx work (see xlsx-file.ts) off the pane's thread, so
 * that opening and scoring a large workbook never freezes the pane. One request at a time, in
 * the order they come. A request the pane gives up (a check the user stopped: FileCancel) is
 * given up here at its next stage, or not started at all, so that the requests after it do not
 * wait for all of it; the pane drops whatever it still answers.
 */
import { CheckStopped } from "./check-stop";
import { XlsxFileService, errorReply } from "./xlsx-file";
import type { FileCancel, FileMessage, FileRequest, ProgressReport } from "./xlsx-protocol";

interface WorkerScope {
  onmessage: ((e: MessageEvent<FileMessage | FileCancel>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/** What the worker does with each message (`post`: how it answers), with `service` doing the work. */
export function fileReceiver(
  service: { handle(req: FileRequest, onProgress?: ProgressReport): Promise<unknown> },
  post: (message: unknown) => void,
): (message: FileMessage | FileCancel) => void {
  let queue: Promise<void> = Promise.resolve();
  /** The requests received and not yet answered, and those of them the pane gave up. */
  const pending = new Set<number>();
  const cancelled = new Set<number>();
  return (message) => {
    if ("cancel" in message) {
      // Heard between the stages of the request it names (each stage gives the worker a turn).
      if (pending.has(message.id)) cancelled.add(message.id);
      return;
    }
    const { id, req } = message;
    pending.add(id);
    queue = queue.then(async () => {
      try {
        if (cancelled.has(id)) throw new CheckStopped();
        // A scoring run says how far it is as it goes (the pane shows its stages); a request given up stops at its next one.
        const value = await service.handle(req, (stage, fraction) => {
          if (cancelled.has(id)) throw new CheckStopped();
          post({ id, progress: [stage, fraction] });
        });
        post({ id, ok: true, value });
      } catch (err) {
        post({ id, ok: false, error: errorReply(err) });
      } finally {
        pending.delete(id);
        cancelled.delete(id);
      }
    });
  };
}

// In the worker (a test loads the module without one, for fileReceiver).
if (typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined" && typeof self !== "undefined") {
  const scope = self as unknown as WorkerScope;
  const receive = fileReceiver(new XlsxFileService(), (message) => scope.postMessage(message));
  scope.onmessage = (e) => receive(e.data);
}
