/**
 * The Web Worker that does the pane's .xlsx work (see xlsx-file.ts) off the pane's thread, so
 * that opening and scoring a large workbook never freezes the pane. One request at a time, in
 * the order they come.
 */
import { XlsxFileService, errorReply } from "./xlsx-file";
import type { FileRequest } from "./xlsx-protocol";

interface WorkerScope {
  onmessage: ((e: MessageEvent<{ id: number; req: FileRequest }>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const service = new XlsxFileService();
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (e) => {
  const { id, req } = e.data;
  queue = queue.then(async () => {
    try {
      // A scoring run says how far it is as it goes (the pane shows its stages).
      const value = await service.handle(req, (stage, fraction) => scope.postMessage({ id, progress: [stage, fraction] }));
      scope.postMessage({ id, ok: true, value });
    } catch (err) {
      scope.postMessage({ id, ok: false, error: errorReply(err) });
    }
  });
};
