/**
 * Checking a workbook read in Excel off the pane's thread: the snapshot crosses to the worker in
 * parts and is checked there as on the pane's thread; a check that cannot happen comes back as the
 * pane's sentence; a worker that fails leaves the check, and those after it, to the pane's thread.
 * The worker is simulated as the browser makes one: every message crosses by structured clone.
 */
import { XlsxHost } from "../../hosts/xlsx";
import type { WorkbookSnapshot } from "../../core/types";
import { makeSampleWorkbook, sampleModel } from "../../../test/e2e/sample";
import { runCheck } from "./check-run";
import { CheckStopped } from "./check-stop";
import { isLocalizedError } from "./pane-error";
import { type SnapshotWorkerLike, sendSnapshot, snapshotClient } from "./snapshot-client";
import { SLICE_LEAVES, type SnapshotAnswer, type SnapshotPart, joinSlices, postSliced } from "./snapshot-protocol";
import { runScoring } from "../../core/pipeline";
import { snapshotReceiver } from "./snapshot-worker";

/** A worker as snapshot-worker.ts is, its messages copied both ways; `failOn` makes it fail as a worker's uncaught error does. */
function fakeWorker(failOn?: (part: SnapshotPart) => boolean): SnapshotWorkerLike & { parts: number; terminated: boolean } {
  const worker: SnapshotWorkerLike & { parts: number; terminated: boolean } = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    parts: 0,
    terminated: false,
    terminate: () => void (worker.terminated = true),
    postMessage: (part) => {
      worker.parts++;
      if (failOn?.(part)) {
        setTimeout(() => worker.onerror?.({ message: "out of memory", preventDefault: () => undefined } as ErrorEvent), 0);
        return;
      }
      receive(structuredClone(part));
    },
  };
  const receive = snapshotReceiver((answer: SnapshotAnswer) => setTimeout(() => !worker.terminated && worker.onmessage?.({ data: structuredClone(answer) } as MessageEvent<SnapshotAnswer>), 0));
  return worker;
}

let snapshot: WorkbookSnapshot;
const definition = sampleModel().definition;

beforeAll(async () => {
  snapshot = await (await XlsxHost.fromBuffer(await makeSampleWorkbook(), "so-nganh.xlsx")).read();
}, 60_000);

describe("a check sent to a worker", () => {
  test("crosses in parts and finds what the pane's thread finds, saying its stages as they come", async () => {
    const worker = fakeWorker();
    const turns: number[] = [];
    const client = snapshotClient({ startWorker: () => worker, local: async () => runCheck, partCells: 40, sliceMs: 0, yieldNow: async () => void turns.push(1) });
    const stages: string[] = [];
    const found = await client.check(snapshot, definition, "vi", (stage) => void stages.push(stage));
    const here = await runCheck(snapshot, definition, "vi");
    expect(found).toEqual(here);
    expect(found.issues.length).toBeGreaterThan(0);
    // The forms went in many small parts, the page given a turn between them.
    expect(worker.parts).toBeGreaterThan(snapshot.sheets.length);
    expect(turns.length).toBeGreaterThan(snapshot.sheets.length);
    expect(stages).toContain("score");
    expect(stages[stages.length - 1]).toBe("done");
  }, 60_000);

  test("a scored workbook: the findings and what `_index` holds come back whole, the long lists in slices", async () => {
    const host = await XlsxHost.fromBuffer(await makeSampleWorkbook(), "so-nganh.xlsx");
    await runScoring(host, { definition, lang: "vi", projectVersion: "0.1.0", write: true });
    const scored = await host.read();
    const client = snapshotClient({ startWorker: () => fakeWorker(), local: async () => runCheck });
    const found = await client.check(scored, definition, "vi");
    const here = await runCheck(scored, definition, "vi");
    expect(here.facts.indexSheet?.inputCopies?.length).toBeGreaterThan(0);
    expect(found).toEqual(here);
    // A list longer than a slice crosses in several, in order, and `_index`'s lists with it.
    // Each finding is several leaves: SLICE_LEAVES findings are several slices.
    const many = { ...here, issues: Array.from({ length: SLICE_LEAVES }, (_, k) => ({ ...here.issues[0]!, message: { vi: String(k), en: String(k) } })) };
    const answers: SnapshotAnswer[] = [];
    postSliced(3, many, (a) => answers.push(structuredClone(a)));
    expect(answers.filter((a) => "slice" in a).length).toBeGreaterThan(2);
    const slices: unknown[][] = [];
    for (const a of answers) if ("slice" in a) (slices[a.slice] ??= []).push(...a.items);
    const last = answers[answers.length - 1]!;
    expect("ok" in last && last.ok).toBe(true);
    expect(joinSlices((last as { value: typeof here }).value, slices)).toEqual(many);
  }, 60_000);

  test("rows a snapshot lacks stay lacking, and empty sheets and rows cross as they are", async () => {
    const rows: WorkbookSnapshot["sheets"][number]["values"] = [];
    rows[2] = ["Mã", "Nội dung"];
    rows[5] = [];
    const odd: WorkbookSnapshot = { sheets: [{ name: "Trống", values: [] }, { name: "Thưa", values: rows, visible: false }], date1904: true };
    const parts: SnapshotPart[] = [];
    await sendSnapshot(7, odd, (p) => parts.push(structuredClone(p)), { partCells: 1, sliceMs: 0, pause: async () => undefined });
    // Put together again as the worker does: its first part says the workbook, the others each sheet's rows.
    expect(parts[0]).toEqual({ id: 7, op: "workbook", workbook: { date1904: true }, sheets: 2 });
    const sheets = parts.filter((p): p is Extract<SnapshotPart, { op: "sheet" }> => p.op === "sheet");
    expect(sheets.filter((p) => p.meta).map((p) => p.meta)).toEqual([{ name: "Trống" }, { name: "Thưa", visible: false }]);
    const values: unknown[] = [];
    for (const p of sheets.filter((s) => s.sheet === 1)) p.rows.forEach((r, k) => r !== undefined && (values[p.from + k] = r));
    expect(values.length).toBe(6);
    expect(0 in values).toBe(false);
    expect(values[2]).toEqual(["Mã", "Nội dung"]);
    expect(values[5]).toEqual([]);
  });

  test("a workbook with no form: the pane's own sentence, as the pane's thread says it, and the step where it is put right", async () => {
    const empty: WorkbookSnapshot = { sheets: [{ name: "Trang1", values: [["Ghi chú"]] }] };
    const client = snapshotClient({ startWorker: () => fakeWorker(), local: async () => runCheck });
    const there = await client.check(empty, definition, "vi").then(() => undefined, (e: unknown) => e);
    const here = await runCheck(empty, definition, "vi").then(() => undefined, (e: unknown) => e);
    expect(isLocalizedError(there)).toBe(true);
    expect(isLocalizedError(here)).toBe(true);
    const fields = (e: unknown) => {
      const x = e as { localized: unknown; problems?: unknown; intent?: unknown; offer?: unknown; goTo?: unknown };
      return { localized: x.localized, problems: x.problems, intent: x.intent, offer: x.offer, goTo: x.goTo };
    };
    expect(fields(there)).toEqual(fields(here));
    expect((there as Error).stack ?? "").not.toContain("snapshot-worker");
  });

  test("a worker that fails mid-check is ended; that check and the next run on the pane's thread", async () => {
    let started = 0;
    const worker = fakeWorker((p) => p.op === "check");
    const client = snapshotClient({
      startWorker: () => {
        started++;
        return worker;
      },
      local: async () => runCheck,
    });
    const warned = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const here = await runCheck(snapshot, definition, "vi");
      expect(await client.check(snapshot, definition, "vi")).toEqual(here);
      expect(worker.terminated).toBe(true);
      expect(await client.check(snapshot, definition, "vi")).toEqual(here);
      expect(started).toBe(1);
    } finally {
      warned.mockRestore();
    }
  }, 60_000);

  test("where no worker can start, the check is the pane's thread's", async () => {
    const client = snapshotClient({ startWorker: () => undefined, local: async () => runCheck });
    expect(await client.check(snapshot, definition, "en")).toEqual(await runCheck(snapshot, definition, "en"));
  }, 60_000);
});

describe("a check the user stops", () => {
  test("stopped while the worker checks: it fails at once, the worker is ended and says nothing more; the next check starts another worker and finds what the pane's thread finds", async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const client = snapshotClient({
      startWorker: () => {
        const w = fakeWorker();
        workers.push(w);
        return w;
      },
      local: async () => runCheck,
    });
    const run = new AbortController();
    const stages: string[] = [];
    const stopped = client.check(snapshot, definition, "vi", (stage) => {
      stages.push(stage);
      // The first stage the worker says: the check is under way there.
      if (!run.signal.aborted) run.abort();
    }, run.signal);
    await expect(stopped).rejects.toBeInstanceOf(CheckStopped);
    expect(workers[0]!.terminated).toBe(true);
    // Nothing of the stopped check is heard after it was stopped.
    const heard = stages.length;
    const here = await runCheck(snapshot, definition, "vi");
    const again: string[] = [];
    expect(await client.check(snapshot, definition, "vi", (stage) => void again.push(stage))).toEqual(here);
    expect(stages).toHaveLength(heard);
    expect(heard).toBe(1);
    // A worker of its own, not the pane's thread.
    expect(workers).toHaveLength(2);
    expect(workers[1]!.terminated).toBe(false);
    expect(again[again.length - 1]).toBe("done");
  }, 60_000);

  test("a late answer of a stopped check, from a worker that was ended but still speaks, never answers the check after it", async () => {
    // The first worker's answers are held, then said late, after it was ended and the next check had started.
    const held: (() => void)[] = [];
    let answered = false;
    const lingering: SnapshotWorkerLike = {
      onmessage: null,
      onerror: null,
      onmessageerror: null,
      terminate: () => undefined,
      postMessage: (part) => receive(structuredClone(part)),
    };
    const receive = snapshotReceiver((answer) => {
      if ("ok" in answer) answered = true;
      held.push(() => lingering.onmessage?.({ data: structuredClone(answer) } as MessageEvent<SnapshotAnswer>));
    });
    const workers: SnapshotWorkerLike[] = [];
    const client = snapshotClient({
      startWorker: () => {
        const w = workers.length === 0 ? lingering : fakeWorker();
        workers.push(w);
        return w;
      },
      local: async () => runCheck,
    });
    // The stopped check is of fewer forms than the next: its findings are not the next one's.
    const fewer: WorkbookSnapshot = { ...snapshot, sheets: snapshot.sheets.filter((_, k) => k !== snapshot.sheets.length - 1) };
    const full = await runCheck(snapshot, definition, "vi");
    expect(await runCheck(fewer, definition, "vi")).not.toEqual(full);
    const run = new AbortController();
    const first = client.check(fewer, definition, "vi", undefined, run.signal).then(
      () => "answered",
      (e: unknown) => (e instanceof CheckStopped ? "stopped" : e),
    );
    // The first worker has its answer ready; the user stops the check before it arrives.
    while (!answered) await new Promise((r) => setTimeout(r, 0));
    run.abort();
    expect(await first).toBe("stopped");
    const second = client.check(snapshot, definition, "vi");
    // The first worker's answer arrives now, while the second check waits for its own.
    expect(held.length).toBeGreaterThan(0);
    for (const say of held.splice(0)) say();
    expect(await second).toEqual(full);
    expect(workers).toHaveLength(2);
  }, 60_000);

  test("stopped while the snapshot crosses: the parts still to send are not sent, and no check is asked for", async () => {
    const worker = fakeWorker();
    const run = new AbortController();
    let turns = 0;
    const client = snapshotClient({
      startWorker: () => worker,
      local: async () => runCheck,
      partCells: 40,
      sliceMs: 0,
      yieldNow: async () => {
        if (++turns === 3) run.abort();
      },
    });
    const asked: SnapshotPart["op"][] = [];
    const post = worker.postMessage;
    worker.postMessage = (part) => {
      asked.push(part.op);
      post(part);
    };
    await expect(client.check(snapshot, definition, "vi", undefined, run.signal)).rejects.toBeInstanceOf(CheckStopped);
    expect(asked).not.toContain("check");
    expect(asked.length).toBeLessThan(snapshot.sheets.length);
    expect(worker.terminated).toBe(true);
  }, 60_000);

  test("on the pane's thread, where no worker starts: given up at its next stage, nothing of it heard after", async () => {
    const client = snapshotClient({ startWorker: () => undefined, local: async () => runCheck });
    const run = new AbortController();
    const stages: string[] = [];
    const stopped = client.check(snapshot, definition, "vi", (stage) => {
      stages.push(stage);
      run.abort();
    }, run.signal);
    await expect(stopped).rejects.toBeInstanceOf(CheckStopped);
    expect(stages).toEqual(["read"]);
    // Stopped before it starts: it does not start.
    await expect(client.check(snapshot, definition, "vi", undefined, run.signal)).rejects.toBeInstanceOf(CheckStopped);
  }, 60_000);
});
