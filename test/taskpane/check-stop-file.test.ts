/**
 * Outside Excel, a Check the user stops ("Dừng"): the check is the .xlsx service's, in its worker,
 * where the workbook is. Stopped, it fails at once on the pane's side with CheckStopped; the
 * worker is told to give it up and does so at its next stage (so the request after it does not
 * wait for all of it); the worker and the workbook it holds stay, and the next check finds what a
 * check on the workbook finds. Whatever the stopped check still answers is dropped, even when it
 * arrives after the next one's. The worker is simulated as the browser makes one (every message
 * copied, each delivered in a task of its own), running the real receiver and service on a real
 * .xlsx file.
 */
import { runCheck } from "../../src/taskpane/state/check-run";
import { CheckStopped } from "../../src/taskpane/state/check-stop";
import { fileChannel, type WorkerLike } from "../../src/taskpane/state/xlsx-channel";
import { XlsxFileService } from "../../src/taskpane/state/xlsx-file";
import type { FileCancel, FileMessage } from "../../src/taskpane/state/xlsx-protocol";
import { fileReceiver } from "../../src/taskpane/state/xlsx-worker";
import { XlsxHost } from "../../src/hosts/xlsx";
import { SAMPLE_UNITS, makeSampleWorkbook, sampleModel } from "../e2e/sample";

/** What the worker said, by request: its stages, and how it ended ("ok", or its failure's kind). */
type Said = Map<number, { stages: string[]; end?: string }>;

/**
 * A worker running the real receiver and service. `hold`: its final answers are kept back (and
 * said by `release`), as a worker still busy with them would.
 */
function serviceWorker(): WorkerLike & { said: Said; cancels: number[]; hold: boolean; release: () => void } {
  const said: Said = new Map();
  const held: (() => void)[] = [];
  const worker = {
    onmessage: null as WorkerLike["onmessage"],
    onerror: null as WorkerLike["onerror"],
    onmessageerror: null as WorkerLike["onmessageerror"],
    said,
    cancels: [] as number[],
    hold: false,
    release: () => {
      for (const say of held.splice(0)) say();
    },
    terminate: () => undefined,
    postMessage: (message: unknown) => {
      const m = structuredClone(message) as FileMessage | FileCancel;
      if ("cancel" in m) worker.cancels.push(m.id);
      setTimeout(() => receive(m), 0);
    },
  };
  const receive = fileReceiver(new XlsxFileService(), (answer) => {
    const a = structuredClone(answer) as { id: number; progress?: [string, number]; ok?: boolean; error?: { kind: string } };
    const entry = said.get(a.id) ?? { stages: [] };
    said.set(a.id, entry);
    if (a.progress) entry.stages.push(a.progress[0]);
    else entry.end = a.ok ? "ok" : a.error?.kind;
    const deliver = () => worker.onmessage?.({ data: a } as MessageEvent);
    if (worker.hold && a.progress === undefined) held.push(deliver);
    else setTimeout(deliver, 0);
  });
  return worker;
}

let bytes: Uint8Array;
const definition = sampleModel().definition;

beforeAll(async () => {
  bytes = await makeSampleWorkbook();
}, 60_000);

describe("a Check stopped outside Excel", () => {
  test("fails at once; the worker gives the check up at its next stage, keeps the workbook, and the next check finds what the workbook holds", async () => {
    const worker = serviceWorker();
    const { send } = fileChannel({ startWorker: () => worker, localService: async () => new XlsxFileService() });
    await send({ op: "open", handle: 1, file: { name: "so-nganh.xlsx", data: bytes } });
    const run = new AbortController();
    const heard: string[] = [];
    const stopped = send({ op: "check", handle: 1, definition, lang: "vi" }, (stage) => {
      heard.push(stage);
      // The first stage said: the check is under way in the worker.
      run.abort();
    }, run.signal);
    await expect(stopped).rejects.toBeInstanceOf(CheckStopped);
    const first = [...worker.said.keys()].pop()!;
    expect(worker.cancels).toEqual([first]);

    // The next check, on the same workbook in the same worker, once the stopped one has been given up.
    const expected = await runCheck(await (await XlsxHost.fromBuffer(bytes, "so-nganh.xlsx")).read(), definition, "vi");
    const found = await send({ op: "check", handle: 1, definition, lang: "vi" });
    expect(found).toEqual({ units: expected.units, issues: expected.issues });
    // The stopped check was given up between its first stages (heard in the worker's next turn), never scored.
    const given = worker.said.get(first)!;
    expect(given.end).toBe("stopped");
    expect(given.stages[0]).toBe("read");
    expect(given.stages).not.toContain("score");
    expect(given.stages).not.toContain("done");
    // Nothing of it was heard after it was stopped.
    expect(heard).toEqual(["read"]);
  }, 60_000);

  test("what a stopped check still answers, arriving after the next check's answer, is dropped", async () => {
    const worker = serviceWorker();
    const { send } = fileChannel({ startWorker: () => worker, localService: async () => new XlsxFileService() });
    await send({ op: "open", handle: 1, file: { name: "so-nganh.xlsx", data: bytes } });
    // A second workbook, of two units: what checking it finds is not what checking the first finds.
    await send({ op: "open", handle: 2, file: { name: "hai.xlsx", data: await makeSampleWorkbook({ units: SAMPLE_UNITS.slice(0, 2) }) } });
    const four = await runCheck(await send({ op: "read", handle: 1 }), definition, "vi");
    const two = await runCheck(await send({ op: "read", handle: 2 }), definition, "vi");
    expect(two.units).not.toEqual(four.units);

    // The stopped check (of the two units) has its answer ready, held back; the user stopped it before it came.
    worker.hold = true;
    const run = new AbortController();
    const first = Math.max(...worker.said.keys()) + 1;
    const stopped = send({ op: "check", handle: 2, definition, lang: "vi" }, undefined, run.signal).catch((e: unknown) => e);
    while (worker.said.get(first)?.end === undefined) await new Promise((r) => setTimeout(r, 5));
    expect(worker.said.get(first)?.end).toBe("ok");
    run.abort();
    expect(await stopped).toBeInstanceOf(CheckStopped);

    // The next check (of the four units): its answer is said first, the stopped one's after it.
    worker.hold = false;
    const found = await send({ op: "check", handle: 1, definition, lang: "vi" });
    worker.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(found).toEqual({ units: four.units, issues: four.issues });
    // The channel goes on as before: the late answer answered nothing.
    expect(await send({ op: "check", handle: 2, definition, lang: "vi" })).toEqual({ units: two.units, issues: two.issues });
    expect(await send({ op: "check", handle: 1, definition, lang: "vi" })).toEqual({ units: four.units, issues: four.issues });
  }, 60_000);

  test("on the pane's thread, where no worker starts: stopped at its first stage, it fails at once and the next check is whole", async () => {
    const { send } = fileChannel({ startWorker: () => undefined, localService: async () => new XlsxFileService() });
    await send({ op: "open", handle: 1, file: { name: "so-nganh.xlsx", data: bytes } });
    const run = new AbortController();
    const heard: string[] = [];
    await expect(
      send({ op: "check", handle: 1, definition, lang: "vi" }, (stage) => {
        heard.push(stage);
        run.abort();
      }, run.signal),
    ).rejects.toBeInstanceOf(CheckStopped);
    const expected = await runCheck(await send({ op: "read", handle: 1 }), definition, "vi");
    expect(await send({ op: "check", handle: 1, definition, lang: "vi" })).toEqual({ units: expected.units, issues: expected.issues });
    expect(heard).toEqual(["read"]);
  }, 60_000);
});
