/**
 * Outside Excel the .xlsx work is a Web Worker's, and its failures cross to the pane as copies (an
 * Error's class and its subclasses' names do not survive the copy). An audit found a results sheet
 * a password protects shown in the Vietnamese pane as "Đã có lỗi: OwnedSheetProtectedError: DTI
 * Scorer's sheet 'Kết quả' is protected…" in English with a stack trace: the error was known by
 * the name "PipelineError", which its subclass does not have. Here a worker is simulated as the
 * browser makes one: every message crosses by structured clone, each failure as errorReply says it.
 */
jest.mock("../../src/taskpane/state/xlsx-client", () => {
  const { fileChannel } = jest.requireActual("../../src/taskpane/state/xlsx-channel");
  const { XlsxFileService, errorReply } = jest.requireActual("../../src/taskpane/state/xlsx-file");
  const protocol = jest.requireActual("../../src/taskpane/state/xlsx-protocol");
  // A worker as xlsx-worker.ts is: requests one at a time, answers and failures copied across.
  const startWorker = () => {
    const service = new XlsxFileService();
    let queue: Promise<unknown> = Promise.resolve();
    const worker = {
      onmessage: null as null | ((e: { data: unknown }) => void),
      onerror: null,
      onmessageerror: null,
      terminate: () => undefined,
      postMessage: (message: unknown) => {
        const { id, req } = structuredClone(message) as { id: number; req: { op: string } };
        queue = queue.then(async () => {
          try {
            const hook = (globalThis as { __failNext?: Error }).__failNext;
            if (hook && req.op === "bytes") {
              delete (globalThis as { __failNext?: Error }).__failNext;
              throw hook;
            }
            const value = await service.handle(req, (stage: string, fraction: number) => worker.onmessage?.({ data: structuredClone({ id, progress: [stage, fraction] }) }));
            worker.onmessage?.({ data: structuredClone({ id, ok: true, value }) });
          } catch (err) {
            worker.onmessage?.({ data: structuredClone({ id, ok: false, error: errorReply(err) }) });
          }
        });
      },
    };
    return worker;
  };
  const { send } = fileChannel({ startWorker, localService: async () => new XlsxFileService() });
  let handles = 0;
  return {
    isFileServiceError: protocol.isFileServiceError,
    openFile: async (file: unknown) => {
      const handle = ++handles;
      await send({ op: "open", handle, file });
      return {
        read: () => send({ op: "read", handle }),
        apply: async (plan: unknown) => ({ warnings: (await send({ op: "apply", handle, plan })).warnings }),
        bytes: () => send({ op: "bytes", handle }),
        collect: () => Promise.reject(new Error("not in this test")),
        score: (run: unknown, onProgress: unknown) => send({ op: "score", handle, run }, onProgress),
        // Marks are made where the workbook is, as xlsx-client.ts asks for them.
        mark: async (definition: unknown, lang: string, onProgress: unknown) => {
          const { data: _bytes, ...done } = await send({ op: "mark", handle, definition, lang }, onProgress);
          return done;
        },
        clearMarks: async (lang: string) => {
          const { data: _bytes, ...done } = await send({ op: "clearMarks", handle, lang });
          return done;
        },
        close: () => void send({ op: "close", handle }).catch(() => undefined),
      };
    },
  };
});

import ExcelJS from "exceljs";
import { makeSampleWorkbook, sampleModel } from "../e2e/sample";
import { isLocalizedError, markIssues, openFileWorkbench, score } from "../../src/taskpane/state/pipeline";
import { unexpectedNotice } from "../../src/taskpane/state/usePane";
import { t } from "../../src/taskpane/i18n";
import type { Workbench } from "../../src/taskpane/state/workbench";

const options = { lang: "vi" as const, ranking: { method: "competition" as const, decimals: null, within: "all" as const }, profileUnits: [], chartKinds: ["barSorted" as const], onProgress: async () => undefined };

/** The sample workbook scored once (in Vietnamese), with the sheet `sheet` then protected by a password. */
async function scoredWithProtected(sheet: RegExp): Promise<{ data: Uint8Array; name: string }> {
  const first = await openFileWorkbench({ name: "so-nganh.xlsx", data: await makeSampleWorkbook() });
  await score(first, sampleModel(), options);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await (await first.toBlob!()).arrayBuffer());
  first.close?.();
  const ws = wb.worksheets.find((s) => sheet.test(s.name));
  if (!ws) throw new Error(`no sheet ${String(sheet)}`);
  await ws.protect("mật-khẩu", {});
  return { data: new Uint8Array(await wb.xlsx.writeBuffer()), name: ws.name };
}

const failureOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe("failures in the worker, as the pane shows them", () => {
  test("a results sheet a password protects: the run's own sentence in Vietnamese, naming the sheet, no stack", async () => {
    const { data, name } = await scoredWithProtected(/^Kết quả/);
    const workbench = await openFileWorkbench({ name: "so-nganh.xlsx", data });
    const failure = await failureOf(score(workbench, sampleModel(), options));
    expect(isLocalizedError(failure)).toBe(true);
    const shown = (failure as { localized: { vi: string; en: string } }).localized;
    expect(shown.vi).toContain(`Trang '${name}' của DTI Scorer được bảo vệ bằng mật khẩu`);
    expect(shown.vi).toContain("chấm điểm lại");
    expect(shown.en).toContain(`DTI Scorer's sheet '${name}' is protected`);
    workbench.close?.();
  }, 90_000);

  test("marking the issues over a protected _index: the sentence for marking, not 'something went wrong'", async () => {
    const { data } = await scoredWithProtected(/^_index$/);
    const workbench: Workbench = await openFileWorkbench({ name: "so-nganh.xlsx", data });
    const failure = await failureOf(markIssues(workbench, sampleModel(), "vi"));
    expect(isLocalizedError(failure)).toBe(true);
    const shown = (failure as { localized: { vi: string } }).localized.vi;
    expect(shown).toContain("Trang '_index' của DTI Scorer được bảo vệ bằng mật khẩu");
    expect(shown).toContain("đánh dấu lại");
    workbench.close?.();
  }, 90_000);

  test("what nobody foresaw: a generic sentence with the error's message; the stack stays in the console", async () => {
    const workbench = await openFileWorkbench({ name: "so-nganh.xlsx", data: await makeSampleWorkbook() });
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      (globalThis as { __failNext?: Error }).__failNext = new TypeError("Cannot read properties of undefined (reading 'model')");
      const failure = await failureOf(workbench.toBlob!());
      expect(isLocalizedError(failure)).toBe(false);
      const notice = unexpectedNotice(failure, "vi");
      const text = t("vi", notice.key!, notice.params);
      expect(text).toBe("Đã xảy ra lỗi: Cannot read properties of undefined (reading 'model')");
      expect(text).not.toMatch(/\n\s+at /);
      // The stack is in the console, for whoever looks into it.
      expect(logged.mock.calls.some((args) => args.some((a) => a instanceof Error && /\n\s+at /.test(a.stack ?? "")))).toBe(true);
    } finally {
      logged.mockRestore();
      workbench.close?.();
    }
  }, 90_000);
});
