/**
 * The pane's channel to its .xlsx service (src/taskpane/state/xlsx-channel.ts) when the Web Worker
 * stops: the pane's thread takes over with the workbook as the last write left it, and what cannot
 * be recovered is a sentence in both languages asking for the workbook again, never the worker's
 * English reason or a progress bar running forever.
 */
import { fileChannel, type FileService, type WorkerLike, WORKBOOK_LOST } from "../../src/taskpane/state/xlsx-channel";
import type { FileRequest } from "../../src/taskpane/state/xlsx-protocol";
import { isLocalizedError } from "../../src/taskpane/state/pipeline";
import { FileServiceError } from "../../src/taskpane/state/xlsx-protocol";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

/** A service whose "workbook" is text: each write appends its plan's name. */
class TextService implements FileService {
  readonly open = new Map<number, string>();
  async handle(req: FileRequest): Promise<unknown> {
    switch (req.op) {
      case "open":
        this.open.set(req.handle, text(req.file.data));
        return null;
      case "template":
        return bytes("template");
      case "close":
        this.open.delete(req.handle);
        return null;
    }
    const wb = this.open.get(req.handle);
    if (wb === undefined) throw new FileServiceError("no-workbook", `no workbook ${req.handle}`);
    switch (req.op) {
      case "read":
        return { sheets: [{ name: wb }] };
      case "apply": {
        const next = `${wb}+${(req.plan as unknown as { name: string }).name}`;
        this.open.set(req.handle, next);
        return { warnings: [], data: bytes(next) };
      }
      case "bytes":
        return bytes(wb);
      case "collect":
        return { taken: [], skipped: [], data: bytes(wb) };
    }
  }
}

/** A worker running a service, which can be made to throw on a request or to stop answering. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  terminated = false;
  crashOn?: FileRequest["op"];
  silent = false;
  readonly service = new TextService();
  postMessage(message: unknown): void {
    const { id, req } = message as { id: number; req: FileRequest };
    setTimeout(async () => {
      if (this.terminated || this.silent) return;
      if (req.op === this.crashOn) {
        this.onerror?.({ message: "Uncaught Error: boom", preventDefault: () => undefined } as ErrorEvent);
        return;
      }
      try {
        this.onmessage?.({ data: { id, ok: true, value: await this.service.handle(req) } } as MessageEvent);
      } catch (e) {
        const err = e as FileServiceError;
        this.onmessage?.({ data: { id, ok: false, error: { kind: err.kind, reason: err.reason } } } as MessageEvent);
      }
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const plan = (name: string) => ({ name }) as never;

describe("the pane's .xlsx channel when the worker stops", () => {
  test("a worker that throws during a write: the pane's thread reopens the workbook as last written and does the write", async () => {
    const worker = new FakeWorker();
    const local = new TextService();
    const { send } = fileChannel({ startWorker: () => worker, localService: async () => local });
    await send({ op: "open", handle: 1, file: { name: "so.xlsx", data: bytes("so") } });
    await send({ op: "apply", handle: 1, plan: plan("cham") });
    worker.crashOn = "apply";
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const reply = await send({ op: "apply", handle: 1, plan: plan("danh-dau") });
    warn.mockRestore();
    // The first write (made in the worker) is kept; the second is done once, on the pane's thread.
    expect(text(reply.data)).toBe("so+cham+danh-dau");
    expect(worker.terminated).toBe(true);
    expect(text(await send({ op: "bytes", handle: 1 }))).toBe("so+cham+danh-dau");
    expect(await send({ op: "read", handle: 1 })).toEqual({ sheets: [{ name: "so+cham+danh-dau" }] });
  });

  test("a worker that stops answering: after the time-out, a sentence asking for the workbook again; choosing it again works", async () => {
    const worker = new FakeWorker();
    const local = new TextService();
    const { send } = fileChannel({ startWorker: () => worker, localService: async () => local, timeoutMs: 50 });
    await send({ op: "open", handle: 1, file: { name: "so.xlsx", data: bytes("so") } });
    worker.silent = true;
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const failed = await send({ op: "read", handle: 1 }).catch((e: unknown) => e);
    warn.mockRestore();
    expect(isLocalizedError(failed) && failed.localized).toEqual(WORKBOOK_LOST);
    expect(WORKBOOK_LOST.vi).toMatch(/Hãy chọn lại sổ làm việc/);
    expect(WORKBOOK_LOST.en).toMatch(/Choose the workbook again/);
    // Every later action on that workbook says the same, not "no workbook 1".
    const again = await send({ op: "apply", handle: 1, plan: plan("cham") }).catch((e: unknown) => e);
    expect(isLocalizedError(again) && again.localized).toEqual(WORKBOOK_LOST);
    // The workbook chosen again opens on the pane's thread.
    await send({ op: "open", handle: 2, file: { name: "so.xlsx", data: bytes("so") } });
    expect(text((await send({ op: "apply", handle: 2, plan: plan("cham") })).data)).toBe("so+cham");
    expect(text(await send({ op: "template", definition: {}, units: [], lang: "vi" }))).toBe("template");
  });

  test("a workbook that cannot be opened again on the pane's thread is the sentence, not the service's English reason", async () => {
    const worker = new FakeWorker();
    const local = new TextService();
    local.handle = async (req) => {
      if (req.op === "open") throw new FileServiceError("not-xlsx", "end of central directory record signature not found");
      return TextService.prototype.handle.call(local, req);
    };
    const { send } = fileChannel({ startWorker: () => worker, localService: async () => local });
    await send({ op: "open", handle: 1, file: { name: "so.xlsx", data: bytes("so") } });
    worker.crashOn = "read";
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const failed = await send({ op: "read", handle: 1 }).catch((e: unknown) => e);
    warn.mockRestore();
    expect(isLocalizedError(failed) && failed.localized).toEqual(WORKBOOK_LOST);
  });
});
