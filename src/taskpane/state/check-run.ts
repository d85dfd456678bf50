/**
 * The Check step's work on a workbook already read: every form read and checked with the index
 * in use (the same reading as a scoring run, writing nothing), the figures compared with the last
 * scoring run (the stale banner's groups), and what the pane reads once of the snapshot
 * (SnapshotFacts). A function of the snapshot and the definition alone, with no React, Office.js
 * or .xlsx library: it runs in a Web Worker (snapshot-worker.ts in Excel, the .xlsx worker outside
 * it), so that checking a thousand forms never freezes the pane, and on the pane's thread where
 * no worker can start.
 */
import { parseDefinition } from "../../core/definition";
import type { Lang } from "../../core/i18n/text";
import { type RunOptions, assertIndexSheetFree, runScoring } from "../../core/pipeline";
import { readIndexSheet } from "../../core/plan/index-sheet";
import { unitsByRank } from "../../core/score";
import type { StaleGroup } from "../../core/stale";
import type { Issue, ScoreTable, Submission, UnitResult, WorkbookSnapshot, WritePlan } from "../../core/types";
import { PROJECT_VERSION, type SnapshotFacts, paneError, snapshotFacts, staleSince } from "./pane-error";

/** A unit the check read: what the pane names it by (its code, or its name without one). */
export type CheckedUnit = Pick<Submission, "code" | "name">;

/** What a check found: what the Check step shows, small enough to cross from a worker in one message. */
export interface CheckFindings {
  /** The units read, in the reader's order. */
  units: CheckedUnit[];
  issues: Issue[];
  /** What changed since the last scoring run (none: up to date, or never scored). */
  stale?: StaleGroup[];
}

/** A check where the workbook is: the findings, and what the pane reads once of the snapshot. */
export interface CheckReply extends CheckFindings {
  facts: SnapshotFacts;
}

/** Says how far a check is: the scoring run's stages ("read", "definition", "score", "done") and their fractions. */
export type CheckProgress = (stage: string, fraction: number) => void | Promise<void>;

/**
 * Reads and checks `snapshot` with `definition` (the index in use, as the pane parsed it), in
 * `lang`; a run that cannot happen fails with the sentence the pane shows (paneError: the forms'
 * index named, where to put it right). `onProgress` hears the run's stages; awaited, it may give
 * the event loop a turn between them (on the pane's thread).
 */
export async function runCheck(snapshot: WorkbookSnapshot, definition: unknown, lang: Lang, onProgress?: CheckProgress): Promise<CheckReply> {
  // The index as the pane has it, for the sentence of a run that could not happen (the run parses it again, as it always does).
  const parsed = parseDefinition(definition);
  const model = parsed.ok ? parsed.model : undefined;
  try {
    const r = await runScoring(
      { read: async () => snapshot, apply: async () => undefined },
      { definition, lang, projectVersion: PROJECT_VERSION, write: false, onProgress: async (stage, fraction) => void (await onProgress?.(stage, fraction)) },
    );
    // The same reading serves the comparison with the last scoring run (the definition in use is the one scored with, mostly).
    const stale = staleSince(snapshot, lang, r.previous ?? null, { model: r.model, submissions: r.submissions, issues: r.issues });
    return {
      units: r.submissions.map((u) => ({ code: u.code, name: u.name })),
      issues: r.issues,
      ...(stale && stale.length > 0 ? { stale } : {}),
      facts: snapshotFacts(snapshot),
    };
  } catch (e) {
    throw paneError(e, snapshot, model);
  }
}

/** A scoring run's choices, as the Score step makes them (the run writes: its plan is made). */
export type ScoreChoices = Pick<RunOptions, "definition" | "lang" | "projectVersion" | "ranking" | "charts" | "now">;

/**
 * A scoring run of a workbook read, planned but not yet written: the plan, which the pane has the
 * host write (Office.js, on the pane's thread), and what the Score step shows of the run: the
 * findings, the units by rank (unitsByRank) and the ranking made.
 */
export interface ScoreReply {
  plan: WritePlan;
  issues: Issue[];
  units: UnitResult[];
  ranking: ScoreTable["ranking"];
}

/** Stages of a scoring run that are the writer's: the pane says them as it writes the plan. */
const WRITE_STAGES = new Set(["write", "apply", "done"]);

/**
 * Reads, checks, scores `snapshot` with `run` and makes the plan of what to write (the same run
 * as core runScoring's, its plan kept rather than written): the pane's Score in Excel, in the
 * worker (snapshot-worker.ts) or on the pane's thread where no worker can start. `onProgress`
 * hears the run's stages up to the plan ("read", "definition", "score", "plan"); the write's are
 * the pane's to say. A run that cannot happen fails with the sentence the pane shows (paneError).
 */
export async function runScore(snapshot: WorkbookSnapshot, run: ScoreChoices, onProgress?: CheckProgress): Promise<ScoreReply> {
  const parsed = parseDefinition(run.definition);
  const model = parsed.ok ? parsed.model : undefined;
  try {
    // The plan is kept, not written: the host that writes it is the pane's (Office.js).
    const r = await runScoring(
      { read: async () => snapshot, apply: async () => undefined },
      {
        ...run,
        write: true,
        onProgress: async (stage, fraction) => {
          if (!WRITE_STAGES.has(stage)) await onProgress?.(stage, fraction);
        },
      },
    );
    if (!r.plan) throw new Error("the scoring run made no plan");
    return { plan: r.plan, issues: r.issues, units: unitsByRank(r.table), ranking: r.table.ranking };
  } catch (e) {
    throw paneError(e, snapshot, model);
  }
}

/** The comparison of a workbook read with its last scoring run, and what the pane reads once of the snapshot. */
export interface StaleReply {
  /** What changed since the workbook was scored (staleSince): null for a workbook never scored. */
  stale: StaleGroup[] | null;
  facts: SnapshotFacts;
}

/**
 * Compares `snapshot` with the last scoring run, as the stale banner does (staleSince: `_index`
 * and every form read), in `lang`: after Score wrote, the workbook read back compared with the
 * inputs the run scored. In the worker (snapshot-worker.ts), or on the pane's thread where no
 * worker can start.
 */
export function runStale(snapshot: WorkbookSnapshot, lang: Lang): StaleReply {
  return { stale: staleSince(snapshot, lang), facts: snapshotFacts(snapshot) };
}

/**
 * The planner of marks, with the rest of the planning (core/pipeline.ts loads it so for a scoring
 * run): a chunk of its own, fetched in idle time once the pane opens, so that the pane's first
 * scripts stay small. A chunk that cannot be loaded fails the action like any other (usePane's
 * busy: the chunkLoadFailed notice).
 */
const loadMarksPlanner = () => import(/* webpackChunkName: "scoring", webpackPrefetch: true */ "../../core/plan/marks-only");

/** Marking the cells with issues in a workbook read: the plan of the marks (and `_index`'s record of them), and the check's findings. */
export interface MarksReply {
  /** What to write: the marks, the marks of an earlier run taken away, `_index` recording them. Nothing else. */
  plan: WritePlan;
  /** The units read, in the reader's order. */
  units: CheckedUnit[];
  issues: Issue[];
}

/**
 * Reads and checks `snapshot` with `definition` (the same reading as a scoring run), in `lang`, and
 * plans the marks of what it found (a fill and a note on each cell), without scores: the results,
 * charts and `Điểm` columns stay as they are. The pane's "mark the cells", in a worker
 * (snapshot-worker.ts in Excel, the .xlsx worker outside it), or on the pane's thread where no
 * worker can start; the plan is written by the host that holds the workbook. A run that cannot
 * happen fails with the sentence the pane shows (paneError).
 */
export async function runMarks(snapshot: WorkbookSnapshot, definition: unknown, lang: Lang, onProgress?: CheckProgress): Promise<MarksReply> {
  const parsed = parseDefinition(definition);
  const model = parsed.ok ? parsed.model : undefined;
  let run: Awaited<ReturnType<typeof runScoring>>;
  try {
    run = await runScoring(
      { read: async () => snapshot, apply: async () => undefined },
      { definition, lang, projectVersion: PROJECT_VERSION, write: false, onProgress: async (stage, fraction) => void (await onProgress?.(stage, fraction)) },
    );
    // Marks are recorded in `_index`: never over a sheet of the user's of that name.
    assertIndexSheetFree(snapshot);
  } catch (e) {
    throw paneError(e, snapshot, model);
  }
  const { planMarksOnly } = await loadMarksPlanner();
  const plan = planMarksOnly(run.issues, { lang, snapshot, submissions: run.submissions, ...(run.previous ? { previous: run.previous } : {}) });
  return { plan, units: run.submissions.map((u) => ({ code: u.code, name: u.name })), issues: run.issues };
}

/** Taking the project's marks away from a workbook read: the plan (none when `_index` records no marks) and the sheet of each mark recorded. */
export interface ClearMarksReply {
  plan: WritePlan | null;
  /** The sheet each recorded mark is on: a mark on a sheet the write leaves unwritten is still there. */
  marks: string[];
}

/**
 * Plans taking away the marks `_index` records (and records that none are left), in `lang`. With no
 * `_index` there is nothing of the project's to take away: no plan. In the same worker as
 * runMarks, or on the pane's thread where none can start.
 */
export async function runClearMarks(snapshot: WorkbookSnapshot, lang: Lang): Promise<ClearMarksReply> {
  const previous = readIndexSheet(snapshot);
  if (!previous) return { plan: null, marks: [] };
  const { planMarksOnly } = await loadMarksPlanner();
  return { plan: planMarksOnly([], { lang, previous, snapshot }), marks: previous.marks.map((m) => m.sheet) };
}

/** How many of `sheets` (one entry per mark) a write reached: a mark on a sheet it left unwritten (`skipped`) was not made, or is still there. */
export function marksWritten(sheets: readonly string[], skipped: readonly string[]): number {
  const left = new Set(skipped.map((n) => n.toLowerCase()));
  return sheets.filter((s) => !left.has(s.toLowerCase())).length;
}

/** The pane's summary of a check: the units read by name (the key findings use: code, or name without one). */
export function unitNamesOf(units: readonly CheckedUnit[]): Record<string, string> {
  return Object.fromEntries(units.map((u) => [u.code || u.name, u.name]));
}
