/**
 * Scoring a workbook read in Excel off the pane's thread: the snapshot crosses to the worker in
 * parts, the worker reads, checks, scores and plans it as the pane's thread does, and answers
 * with the plan (which the pane has Excel write), the findings and the units by rank, its long
 * lists in slices, saying the run's stages up to the plan as they come; a worker that fails
 * leaves the run, and those after it, to the pane's thread. The worker is simulated as the
 * browser makes one: every message crosses by structured clone.
 */
import { XlsxHost } from "../../hosts/xlsx";
import { runScoring } from "../../core/pipeline";
import { unitsByRank } from "../../core/score";
import type { WorkbookSnapshot, WritePlan } from "../../core/types";
import { makeSampleWorkbook, sampleModel } from "../../../test/e2e/sample";
import { manyUnits, scoredThenEdited } from "../../../test/e2e/excel-page";
import { planMarksOnly } from "../../core/plan/marks-only";
import { readIndexSheet } from "../../core/plan/index-sheet";
import { type ScoreChoices, type ScoreReply, runCheck, runClearMarks, runMarks, runScore, runStale } from "./check-run";
import { isLocalizedError, snapshotFacts, staleSince } from "./pane-error";
import { type SnapshotRuns, type SnapshotScore, type SnapshotWorkerLike, snapshotClient } from "./snapshot-client";
import { SLICE_LEAVES, type SnapshotAnswer, type SnapshotPart, joinSlices, postSliced } from "./snapshot-protocol";
import { snapshotReceiver } from "./snapshot-worker";

type FakeWorker = SnapshotWorkerLike & { parts: SnapshotPart["op"][]; answers: SnapshotAnswer[]; terminated: boolean; log: string[] };

/** A worker as snapshot-worker.ts is, its messages copied both ways and kept; `failOn` makes it fail as a worker's uncaught error does. */
function fakeWorker(failOn?: (part: SnapshotPart) => boolean): FakeWorker {
  const worker: FakeWorker = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    parts: [],
    answers: [],
    log: [],
    terminated: false,
    terminate: () => void (worker.terminated = true),
    postMessage: (part) => {
      worker.parts.push(part.op);
      worker.log.push(part.op);
      if (failOn?.(part)) {
        setTimeout(() => worker.onerror?.({ message: "out of memory", preventDefault: () => undefined } as ErrorEvent), 0);
        return;
      }
      receive(structuredClone(part));
    },
  };
  const receive = snapshotReceiver((answer: SnapshotAnswer) => {
    const copy = structuredClone(answer);
    // Kept as it was sent (the pane puts the answer together in the copy it received).
    worker.answers.push(structuredClone(answer));
    worker.log.push("progress" in answer ? "progress" : "answer");
    setTimeout(() => !worker.terminated && worker.onmessage?.({ data: copy } as MessageEvent<SnapshotAnswer>), 0);
  });
  return worker;
}

const definition = sampleModel().definition;
/** One time for every run, so that the plans' `_index` stamps agree. */
const now = new Date("2025-03-01T08:00:00Z");
const choices: ScoreChoices = {
  definition,
  lang: "vi",
  projectVersion: "0.1.0",
  ranking: { method: "dense", within: "all", decimals: 1 },
  charts: { kinds: ["barSorted", "radar"] },
  now,
};

/** A scoring run on the pane's thread as the pane made it before there was a worker: core runScoring writing to a host that keeps the plan. */
async function scoredHere(snapshot: WorkbookSnapshot, run: ScoreChoices): Promise<ScoreReply> {
  let plan: WritePlan | undefined;
  const r = await runScoring({ read: async () => snapshot, apply: async (p) => void (plan = p) }, { ...run, write: true });
  return { plan: plan!, issues: r.issues, units: unitsByRank(r.table), ranking: r.table.ranking };
}

/** A local run that must not be asked for. */
const notHere = async (): Promise<SnapshotScore> => {
  throw new Error("the run went to the pane's thread");
};

/** The leaves a message carries, as postSliced counts them. */
function leaves(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, x) => n + leaves(x), 1);
  if (value !== null && typeof value === "object") return Object.values(value).reduce<number>((n, x) => n + leaves(x), 1);
  return 1;
}

let snapshot: WorkbookSnapshot;
/** A workbook scored once: its `_index` holds the copies of the figures and the marks a run clears and rewrites. */
let scored: WorkbookSnapshot;

beforeAll(async () => {
  snapshot = await (await XlsxHost.fromBuffer(await makeSampleWorkbook(), "so-nganh.xlsx")).read();
  const host = await XlsxHost.fromBuffer(await makeSampleWorkbook(), "so-nganh.xlsx");
  await runScoring(host, { definition, lang: "vi", projectVersion: "0.1.0", write: true });
  scored = await host.read();
}, 60_000);

describe("a scoring run sent to the worker", () => {
  test("plans in the worker what the pane's thread plans, the same findings, units and ranking, saying its stages up to the plan", async () => {
    for (const workbook of [snapshot, scored]) {
      const worker = fakeWorker();
      const client = snapshotClient({ startWorker: () => worker, local: async () => runCheck, localScore: notHere, partCells: 40, sliceMs: 0, yieldNow: async () => undefined });
      const stages: string[] = [];
      const there = await client.score(workbook, choices, (stage) => void stages.push(stage));
      const here = await scoredHere(workbook, choices);
      expect(there).toEqual(here);
      expect(there.plan.owned.map((o) => o.name)).toEqual(expect.arrayContaining(["Kết quả", "Biểu đồ"]));
      expect(there.units.length).toBeGreaterThan(0);
      expect(there.issues.length).toBeGreaterThan(0);
      // It was the worker's: the snapshot went in parts, then the run's choices, and the worker answered.
      expect(worker.parts.filter((op) => op === "sheet").length).toBeGreaterThan(workbook.sheets.length);
      expect(worker.parts.filter((op) => op !== "more").pop()).toBe("score");
      expect(worker.answers.some((a) => "ok" in a && a.ok)).toBe(true);
      // The run's stages up to the plan, in order; the write's are the pane's to say.
      expect([...new Set(stages)]).toEqual(["read", "definition", "score", "plan"]);
    }
  }, 60_000);

  test("a workbook of 250 units: the answer crosses in slices, none of them long to take in, and is put together whole", async () => {
    const units = manyUnits(250);
    const big = await (await XlsxHost.fromBuffer(await makeSampleWorkbook({ units, fills: units.map((_, i) => i % 5) }), "lon.xlsx")).read();
    const worker = fakeWorker();
    const client = snapshotClient({ startWorker: () => worker, local: async () => runCheck, localScore: notHere });
    const there = await client.score(big, choices);
    expect(there).toEqual(await scoredHere(big, choices));
    expect(there.units).toHaveLength(250);
    const messages = worker.answers.filter((a) => !("progress" in a));
    expect(messages.length).toBeGreaterThan(3);
    // One message of the answer at a time: the next is sent when the pane has taken the last in.
    const paced = worker.log.filter((e) => e === "answer" || e === "more");
    expect(paced.length).toBe(messages.length * 2 - 1);
    paced.forEach((e, k) => expect(e).toBe(k % 2 === 0 ? "answer" : "more"));
    // Each slice carries at most SLICE_LEAVES leaves, but for its last item; the rest, last, is small.
    for (const a of messages) {
      if ("slice" in a) expect(leaves(a.items) - leaves(a.items[a.items.length - 1])).toBeLessThan(SLICE_LEAVES);
      else expect(leaves(a)).toBeLessThan(SLICE_LEAVES);
    }
  }, 120_000);

  test("slices: long lists anywhere in the answer go ahead in slices of at most SLICE_LEAVES leaves, in order, and come back where they were", () => {
    const rows = Array.from({ length: 5000 }, (_, r) => Array.from({ length: 12 }, (_, c) => (c === 0 ? `Đơn vị ${r}` : r * c)));
    const value = {
      plan: { owned: [{ name: "Kết quả", blocks: [{ address: "A1", values: rows }], charts: [] }], marks: Array.from({ length: 300 }, (_, k) => ({ sheet: "S", cell: `A${k + 1}` })) },
      short: [1, 2, 3],
      at: null,
      none: undefined,
      // Crossing as they are, not walked.
      when: new Date("2025-03-01T08:00:00Z"),
      seen: new Map([["DV0001", 1]]),
    };
    const answers: SnapshotAnswer[] = [];
    postSliced(9, value, (a) => answers.push(structuredClone(a)));
    const slices = answers.filter((a): a is Extract<SnapshotAnswer, { slice: number }> => "slice" in a);
    expect(slices.filter((a) => a.slice === 0).length).toBeGreaterThanOrEqual(Math.floor((5000 * 14) / SLICE_LEAVES));
    for (const a of slices) expect(leaves(a.items)).toBeLessThanOrEqual(SLICE_LEAVES + 14);
    const last = answers[answers.length - 1]!;
    expect("ok" in last && last.ok).toBe(true);
    expect(leaves(last)).toBeLessThan(100);
    const lists: unknown[][] = [];
    for (const a of slices) (lists[a.slice] ??= []).push(...a.items);
    const joined = joinSlices((last as { value: unknown }).value, lists);
    const { seen, ...rest } = joined as typeof value;
    const { seen: sent, ...others } = value;
    expect(rest).toEqual(others);
    expect(Object.keys(joined as object)).toEqual(Object.keys(value));
    // A Map crosses whole (made in the test's other realm by the copy: compared by its entries).
    expect(Array.from(seen)).toEqual(Array.from(sent));
  });

  test("a workbook with no form: the pane's own sentence, as the pane's thread says it", async () => {
    const empty: WorkbookSnapshot = { sheets: [{ name: "Trang1", values: [["Ghi chú"]] }] };
    const client = snapshotClient({ startWorker: () => fakeWorker(), local: async () => runCheck, localScore: notHere });
    const there = await client.score(empty, choices).then(() => undefined, (e: unknown) => e);
    const here = await runScore(empty, choices).then(() => undefined, (e: unknown) => e);
    expect(isLocalizedError(there)).toBe(true);
    expect(isLocalizedError(here)).toBe(true);
    const fields = (e: unknown) => {
      const x = e as { localized: unknown; problems?: unknown; intent?: unknown; offer?: unknown; goTo?: unknown };
      return { localized: x.localized, problems: x.problems, intent: x.intent, offer: x.offer, goTo: x.goTo };
    };
    expect(fields(there)).toEqual(fields(here));
    expect((there as { goTo?: unknown }).goTo).toBe("collect");
  }, 60_000);
});

describe("the workbook read back after the write, compared in the worker", () => {
  test("what changed since the run is what staleSince finds on the pane's thread, and what the pane reads once of it comes back", async () => {
    // The workbook as a run left it: nothing changed since.
    const host = await XlsxHost.fromBuffer(await makeSampleWorkbook(), "so-nganh.xlsx");
    await runScoring(host, { definition, lang: "vi", projectVersion: "0.1.0", write: true });
    const after = await host.read();
    // Scored, then figures of three units edited (excel-page.ts).
    const edited = await (await XlsxHost.fromBuffer(await scoredThenEdited(20), "sua.xlsx")).read();
    const worker = fakeWorker();
    const client = snapshotClient({ startWorker: () => worker, local: async () => runCheck, localScore: notHere, localStale: async () => { throw new Error("the comparison went to the pane's thread"); } });
    for (const [workbook, lang] of [[after, "vi"], [edited, "vi"], [edited, "en"], [snapshot, "vi"]] as const) {
      const there = await client.stale(workbook, lang);
      expect(there).toEqual({ stale: staleSince(workbook, lang), facts: snapshotFacts(workbook) });
      expect(there).toEqual(runStale(workbook, lang));
    }
    expect(await client.stale(after, "vi")).toMatchObject({ stale: [] });
    expect((await client.stale(edited, "vi")).stale).toEqual([expect.objectContaining({ kind: "changed", keys: expect.arrayContaining([expect.any(String)]) })]);
    expect((await client.stale(snapshot, "vi")).stale).toBeNull();
    expect((await client.stale(after, "vi")).facts.indexSheet?.inputCopies?.length).toBeGreaterThan(0);
    expect(worker.parts.filter((op) => op === "stale").length).toBeGreaterThanOrEqual(4);
  }, 60_000);

  test.each([
    ["the comparison", "stale", (c: SnapshotRuns) => c.stale(scored, "vi"), async () => runStale(scored, "vi")],
    ["the marks", "mark", (c: SnapshotRuns) => c.mark(scored, definition, "vi"), () => runMarks(scored, definition, "vi")],
  ] as const)("where the worker fails, %s: made on the pane's thread", async (_what, op, there, here) => {
    const worker = fakeWorker((p) => p.op === op);
    const client = snapshotClient({ startWorker: () => worker, local: async () => runCheck, localScore: notHere });
    const warned = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      expect(await there(client)).toEqual(await here());
      expect(worker.terminated).toBe(true);
    } finally {
      warned.mockRestore();
    }
  }, 60_000);
});

describe("marking the cells with issues, and taking the marks away, in the worker", () => {
  test("the worker plans the marks of what the check found, as the pane's thread did before there was a worker; written, they are taken away again", async () => {
    const worker = fakeWorker();
    const client = snapshotClient({ startWorker: () => worker, local: async () => runCheck, localScore: notHere });
    // The pane's thread before: the check's reading, then the marks planned from its findings.
    const r = await runScoring({ read: async () => scored, apply: async () => undefined }, { definition, lang: "vi", projectVersion: "0.1.0", write: false });
    const before = planMarksOnly(r.issues, { lang: "vi", snapshot: scored, submissions: r.submissions, ...(r.previous ? { previous: r.previous } : {}) });
    const stages: string[] = [];
    const there = await client.mark(scored, definition, "vi", (stage) => void stages.push(stage));
    expect(there.plan).toEqual(before);
    expect(there.issues).toEqual(r.issues);
    expect(there.units).toEqual(r.submissions.map((u) => ({ code: u.code, name: u.name })));
    // Only marks and `_index`: nothing of the results, charts or scores.
    expect(there.plan.marks.length).toBeGreaterThan(0);
    expect(there.plan.owned.map((o) => o.name)).toEqual(["_index"]);
    expect(there.plan.edits).toEqual([]);
    expect(worker.parts.filter((op) => op !== "more").pop()).toBe("mark");
    expect(stages).toContain("score");

    // Written, then taken away: the plan that takes away every mark recorded, planned in the worker too.
    const host = await XlsxHost.fromBuffer(await makeSampleWorkbook(), "so-nganh.xlsx");
    await runScoring(host, { definition, lang: "vi", projectVersion: "0.1.0", write: true });
    await host.apply((await client.mark(await host.read(), definition, "vi")).plan);
    const marked = await host.read();
    const recorded = readIndexSheet(marked)!.marks;
    expect(recorded.length).toBe(there.plan.marks.length);
    const cleared = await client.clearMarks(marked, "en");
    expect(cleared).toEqual(await runClearMarks(marked, "en"));
    expect(cleared.marks).toEqual(recorded.map((m) => m.sheet));
    await host.apply(cleared.plan!);
    expect(readIndexSheet(await host.read())!.marks).toEqual([]);
    expect(worker.parts.filter((op) => op === "clearMarks")).toHaveLength(1);
  }, 60_000);

  test("a workbook never scored or marked: nothing to take away, no plan; the forms of another index: the pane's own sentence", async () => {
    const client = snapshotClient({ startWorker: () => fakeWorker(), local: async () => runCheck, localScore: notHere });
    expect(await client.clearMarks(snapshot, "vi")).toEqual({ plan: null, marks: [] });
    const empty: WorkbookSnapshot = { sheets: [{ name: "Trang1", values: [["Ghi chú"]] }] };
    const there = await client.mark(empty, definition, "en").then(() => undefined, (e: unknown) => e);
    const here = await runMarks(empty, definition, "en").then(() => undefined, (e: unknown) => e);
    expect(isLocalizedError(there)).toBe(true);
    expect((there as { localized: unknown }).localized).toEqual((here as { localized: unknown }).localized);
  }, 60_000);
});

describe("where the worker cannot score", () => {
  test("a worker that fails mid-run is ended; that run and the next are the pane's thread's, with the same plan and stages", async () => {
    let started = 0;
    let local = 0;
    const worker = fakeWorker((p) => p.op === "score");
    const client = snapshotClient({
      startWorker: () => {
        started++;
        return worker;
      },
      local: async () => runCheck,
      localScore: async () => {
        local++;
        return runScore;
      },
    });
    const warned = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const here = await scoredHere(scored, choices);
      const stages: string[] = [];
      expect(await client.score(scored, choices, (stage) => void stages.push(stage))).toEqual(here);
      expect(worker.terminated).toBe(true);
      expect(local).toBe(1);
      expect([...new Set(stages)]).toEqual(["read", "definition", "score", "plan"]);
      expect(await client.score(scored, choices)).toEqual(here);
      expect(local).toBe(2);
      expect(started).toBe(1);
      // A check after it is the pane's thread's too.
      expect(await client.check(scored, definition, "vi")).toEqual(await runCheck(scored, definition, "vi"));
      expect(worker.parts.filter((op) => op === "check")).toHaveLength(0);
    } finally {
      warned.mockRestore();
    }
  }, 60_000);

  test("where no worker can start, the run is the pane's thread's (check-run.ts's runScore when none is given)", async () => {
    const client = snapshotClient({ startWorker: () => undefined, local: async () => runCheck });
    expect(await client.score(snapshot, { ...choices, lang: "en" })).toEqual(await scoredHere(snapshot, { ...choices, lang: "en" }));
  }, 60_000);

  test("a check and a scoring run share the worker: one started for both", async () => {
    let started = 0;
    const client = snapshotClient({
      startWorker: () => {
        started++;
        return fakeWorker();
      },
      local: async () => runCheck,
      localScore: notHere,
    });
    expect(await client.check(scored, definition, "vi")).toEqual(await runCheck(scored, definition, "vi"));
    expect(await client.score(scored, choices)).toEqual(await scoredHere(scored, choices));
    expect(started).toBe(1);
  }, 60_000);
});
