/**
 * Outside Excel a scoring run is the .xlsx service's, where the workbook is (the Web Worker): an
 * audit found the pane's thread frozen for seconds at a time while it read a thousand forms,
 * scored them and planned the write. The service scores and writes, saying its stages as they
 * come, and a run that cannot happen fails with the sentence it has on the pane's thread. Here the
 * service runs in this process, as it does on the pane's thread when no worker can start.
 */
// The pane's client of the service, as xlsx-client.ts makes it when no worker can start (its
// `new Worker(new URL(…, import.meta.url))` is webpack's, which jest does not read): the real
// channel and service, on this thread.
jest.mock("../../src/taskpane/state/xlsx-client", () => {
  const { fileChannel } = jest.requireActual("../../src/taskpane/state/xlsx-channel");
  const { XlsxFileService } = jest.requireActual("../../src/taskpane/state/xlsx-file");
  const protocol = jest.requireActual("../../src/taskpane/state/xlsx-protocol");
  const { send } = fileChannel({ startWorker: () => undefined, localService: async () => new XlsxFileService() });
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
        stale: (lang: unknown) => send({ op: "stale", handle, lang }),
        close: () => void send({ op: "close", handle }).catch(() => undefined),
      };
    },
  };
});

import { PipelineError } from "../../src/core/pipeline";
import { readIndexSheet } from "../../src/core/plan/index-sheet";
import { makeSampleWorkbook, sampleModel, SAMPLE_UNITS } from "../e2e/sample";
import { fileChannel } from "../../src/taskpane/state/xlsx-channel";
import { XlsxFileService } from "../../src/taskpane/state/xlsx-file";
import { type ScoreReply, errorReply } from "../../src/taskpane/state/xlsx-protocol";
import { indexSheetOf, isLocalizedError, openFileWorkbench, score, staleOf, staleSince } from "../../src/taskpane/state/pipeline";
import { scoredThenChanged } from "../stale-workbooks";
import type { WorkbookSnapshot } from "../../src/core/types";

const run = () => ({
  definition: sampleModel().definition,
  lang: "vi" as const,
  projectVersion: "test",
  ranking: {},
  charts: { kinds: ["barSorted" as const] },
});

describe("a scoring run where the workbook is", () => {
  test("scores and writes the workbook, saying each stage as it comes, and gives back the table, the findings and the chart written", async () => {
    const service = new XlsxFileService();
    // Through the channel the pane sends by (here to the service on this thread, as when no worker starts).
    const { send } = fileChannel({ startWorker: () => undefined, localService: async () => service });
    await send({ op: "open", handle: 1, file: { name: "so-nganh.xlsx", data: await makeSampleWorkbook() } });
    const stages: string[] = [];
    const reply: ScoreReply = await send({ op: "score", handle: 1, run: run() }, (stage) => stages.push(stage));
    expect(stages.filter((s, i) => s !== stages[i - 1])).toEqual(["read", "definition", "read", "score", "plan", "write", "done"]);
    expect(reply.table.units).toHaveLength(SAMPLE_UNITS.length);
    expect(reply.owned.reduce((n, o) => n + o.charts, 0)).toBe(1);
    expect(reply.data.byteLength).toBeGreaterThan(0);
    // The workbook read after the run holds what it wrote.
    const after = (await send({ op: "read", handle: 1 })) as WorkbookSnapshot;
    expect(readIndexSheet(after)?.provenance?.projectVersion).toBe("test");
  }, 60_000);

  test("a run that cannot happen crosses to the pane as the run's own error, with its sentence", async () => {
    const service = new XlsxFileService();
    await service.handle({ op: "open", handle: 1, file: { name: "so-nganh.xlsx", data: await makeSampleWorkbook() } });
    const failed = await service.handle({ op: "score", handle: 1, run: { ...run(), definition: { ...(run().definition as object), id: "" } } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(PipelineError);
    const crossed = errorReply(failed);
    expect(crossed.kind).toBe("pipeline");
    const fields = JSON.parse(crossed.reason) as { code: string; userMessage: { vi: string; en: string }; problems: unknown[] };
    expect(fields.code).toBe("definition-invalid");
    expect(fields.userMessage).toEqual((failed as PipelineError).userMessage);
    expect(fields.problems.length).toBeGreaterThan(0);
  }, 60_000);

  test("the pane outside Excel scores through the service: results, the chart, and its stages until the read after the write", async () => {
    const workbench = await openFileWorkbench({ name: "so-nganh.xlsx", data: await makeSampleWorkbook() });
    expect(workbench.scoreWhereItIs).toBeDefined();
    const keys: string[] = [];
    const result = await score(workbench, sampleModel(), {
      lang: "vi",
      ranking: { method: "competition", decimals: null, within: "all" },
      profileUnits: [],
      chartKinds: ["barSorted"],
      onProgress: async (key) => void keys.push(key),
    });
    expect(result.units).toHaveLength(SAMPLE_UNITS.length);
    expect(result.charts).toBe(1);
    expect(readIndexSheet(result.after!)?.provenance?.projectVersion).toBeDefined();
    expect(keys.filter((k, i) => k !== keys[i - 1])).toEqual(["progressRead", "progressScore", "progressPlan", "progressWrite", "progressReadBack"]);
    // A definition with problems: every one of them, as on the pane's thread.
    const broken = { ...sampleModel(), definition: { ...(sampleModel().definition as object), id: "" } } as unknown as ReturnType<typeof sampleModel>;
    const failure = await score(workbench, broken, { lang: "vi", ranking: { method: "competition", decimals: null, within: "all" }, profileUnits: [], chartKinds: [], onProgress: async () => undefined }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isLocalizedError(failure) && failure.problems && failure.problems.length > 0).toBe(true);
    workbench.close?.();
  }, 60_000);
});

describe("the stale banner's comparison where the workbook is", () => {
  test("opening a scored workbook compares it with its scoring in the service (the .xlsx worker: a second's work with three thousand units), not on the pane's thread: the same groups, and what was read of `_index` kept for the pane's read", async () => {
    // A figure corrected after scoring, as the appraisal council does.
    const host = await scoredThenChanged((wb) => void (wb.getWorksheet("SO-02")!.getCell("D8").value = 55));
    const workbench = await openFileWorkbench({ name: "đã chấm.xlsx", data: new Uint8Array(await host.toBuffer()) });
    expect(workbench.staleWhereItIs).toBeDefined();
    const read = await workbench.host.read();
    const expected = staleSince(await host.read(), "vi");
    expect(expected?.length).toBeGreaterThan(0);
    await expect(staleOf(workbench, read, "vi")).resolves.toEqual(expected);
    // The pane believes the service: a workbench whose service answers otherwise is taken at its word,
    // and what the service read of `_index` is kept for the pane's own read.
    const there = await workbench.staleWhereItIs!("vi");
    const fresh = { ...read };
    await expect(staleOf({ ...workbench, staleWhereItIs: async () => ({ stale: [], facts: there.facts }) }, fresh, "vi")).resolves.toEqual([]);
    expect(indexSheetOf(fresh)).toEqual(there.facts.indexSheet ?? undefined);
    workbench.close?.();
  }, 60_000);
});
