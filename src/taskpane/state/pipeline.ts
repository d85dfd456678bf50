/**
 * The pane's bridge to the core and the hosts: parsing definitions, checking, scoring, making
 * templates and opening workbooks. ExcelJS and the xlsx host are loaded with import() only
 * outside Excel or when making templates, so the pane's first scripts stay small.
 */
import type { IndexModel } from "../../core/definition/model";
import type { DefinitionProblem } from "../../core/definition/messages";
import { parseDefinition, parseDefinitionText, problemLine } from "../../core/definition";
import { type Lang, type Message, localize } from "../../core/i18n/text";
import { BUILTIN_INDICES } from "../../indices";
import { type IndexSheetState, planMarksOnly, readIndexSheet, staleUnits, unitKey } from "../../core/plan";
import { unitsByRank } from "../../core/score";
import { PipelineError, runScoring } from "../../core/pipeline";
import type { ChartKind, Issue, Submission, UnitResult, WorkbookSnapshot } from "../../core/types";
import type { WorkbookHost } from "../../hosts/host";
import { staleFromSnapshot } from "../../hosts/excel/stale";
import type { PickedFile } from "../components/FileButton";
import type { StringKey } from "../i18n";
import type { PaneState, RankingChoice } from "./usePane";
import type { UnitLine } from "./units";
import { type Workbench, XLSX_MIME } from "./workbench";

export const PROJECT_VERSION = "0.1.0";

/**
 * An error that carries its sentence in both languages, and for a definition that cannot be used,
 * every one of its problems (`path: sentence`), to be listed one per line.
 */
export function isLocalizedError(e: unknown): e is { localized: Message; problems?: Message[] } {
  return typeof e === "object" && e !== null && "localized" in e;
}
export class LocalizedError extends Error {
  constructor(
    readonly localized: Message,
    readonly problems?: Message[],
  ) {
    super(localized.en);
  }
}

/** A PipelineError as the pane shows it: its sentence and, when it has them, all its problems. */
function paneError(e: unknown): unknown {
  if (!(e instanceof PipelineError)) return e;
  const problems = e.problems?.map((p) => ({ vi: problemLine(p, "vi"), en: problemLine(p, "en") }));
  return new LocalizedError(e.userMessage, problems && problems.length > 0 ? problems : undefined);
}

/**
 * What the host said about a write (the Excel host names each sheet a password
 * protects, which it left unwritten); nothing from a host that has nothing to say.
 */
export interface WriteReport {
  warnings: Message[];
  /** The sheets left unwritten, when the host names them. */
  skippedSheets: string[];
}

/** What the host said about its last write (call right after the write). */
function lastWrite(host: WorkbookHost): WriteReport {
  const last = host.lastApply;
  return { warnings: last ? [...last.warnings] : [], skippedSheets: last?.skippedSheets ? [...last.skippedSheets] : [] };
}

// ---------------------------------------------------------------------------------------------
// Definitions

export function builtinChoices(lang: Lang): { id: string; name: string }[] {
  return BUILTIN_INDICES.map((b) => {
    const name = (b.definition as { name?: Parameters<typeof localize>[0] }).name;
    return { id: b.id, name: name !== undefined ? localize(name, lang) : b.id };
  });
}

export function builtinDefinition(id: string): unknown {
  return BUILTIN_INDICES.find((b) => b.id === id)?.definition;
}

export type ParsedDefinition = { ok: true; model: IndexModel } | { ok: false; problems: Message[] };

function fromResult(r: { ok: true; model: IndexModel } | { ok: false; problems: DefinitionProblem[] }): ParsedDefinition {
  if (r.ok) return { ok: true, model: r.model };
  return { ok: false, problems: r.problems.map((p) => ({ vi: problemLine(p, "vi"), en: problemLine(p, "en") })) };
}

export function parseDefinitionValue(input: unknown): ParsedDefinition {
  return fromResult(parseDefinition(input));
}

export function parseDefinitionJson(text: string): ParsedDefinition {
  return fromResult(parseDefinitionText(text));
}

/** The definition JSON stored in the workbook's `_index` sheet, when there is one. */
export function embeddedDefinition(snapshot: WorkbookSnapshot): unknown {
  const state = readIndexSheet(snapshot);
  if (!state?.definitionJson) return undefined;
  try {
    return JSON.parse(state.definitionJson);
  } catch {
    return undefined;
  }
}

export function definitionName(definition: unknown, lang: Lang): string {
  const d = definition as { name?: Parameters<typeof localize>[0]; id?: string; version?: string };
  const name = d.name !== undefined ? localize(d.name, lang) : (d.id ?? "?");
  return d.version !== undefined ? `${name} (${d.version})` : name;
}

export async function makeTemplateFile(model: IndexModel, units: UnitLine[], lang: Lang): Promise<Uint8Array> {
  const { makeTemplate } = await import(/* webpackChunkName: "xlsx-template" */ "../../hosts/xlsx/template");
  return makeTemplate(model, units, { lang });
}

export function templateFileName(state: PaneState): string {
  const id = state.index.model?.definition.id ?? "index";
  return state.lang === "vi" ? `phieu-tu-danh-gia-${id}.xlsx` : `self-assessment-${id}.xlsx`;
}

// ---------------------------------------------------------------------------------------------
// Checking and scoring

/** Reads and checks the workbook without writing anything (the same reading as a scoring run). */
export async function check(
  workbench: Workbench,
  model: IndexModel,
  lang: Lang,
): Promise<{ submissions: Submission[]; issues: Issue[]; stale?: string[] }> {
  try {
    const r = await runScoring(workbench.host, { definition: model.definition, lang, projectVersion: PROJECT_VERSION, write: false });
    const stale = r.previous ? staleSince(r.previous, r.submissions) : undefined;
    return { submissions: r.submissions, issues: r.issues, ...(stale ? { stale } : {}) };
  } catch (e) {
    throw paneError(e);
  }
}

/**
 * Checks the workbook and marks the cells with issues (a fill and a note) without scoring: the
 * results, charts and `Điểm` columns stay as they are. `_index` records the marks so that
 * "clear marks" or the next run removes them.
 */
export async function markIssues(
  workbench: Workbench,
  model: IndexModel,
  lang: Lang,
): Promise<{ submissions: Submission[]; issues: Issue[]; marked: number; written: WriteReport }> {
  const snapshot = await workbench.host.read();
  // The check reads this same snapshot: one read for both.
  const once: WorkbookHost = { read: async () => snapshot, apply: async () => undefined };
  let run: Awaited<ReturnType<typeof runScoring>>;
  try {
    run = await runScoring(once, { definition: model.definition, lang, projectVersion: PROJECT_VERSION, write: false });
  } catch (e) {
    throw paneError(e);
  }
  const plan = planMarksOnly(run.issues, { lang, snapshot, ...(run.previous ? { previous: run.previous } : {}) });
  await workbench.host.apply(plan);
  const written = lastWrite(workbench.host);
  // Marks on a sheet the host left unwritten were not made.
  const skipped = new Set(written.skippedSheets.map((n) => n.toLowerCase()));
  const marked = plan.marks.filter((m) => !skipped.has(m.sheet.toLowerCase())).length;
  return { submissions: run.submissions, issues: run.issues, marked, written };
}

/** Removes the marks the project set (those `_index` recorded), and records that none are left. */
export async function clearIssueMarks(workbench: Workbench, lang: Lang): Promise<{ cleared: number; written: WriteReport }> {
  const snapshot = await workbench.host.read();
  const previous = readIndexSheet(snapshot);
  if (!previous || previous.marks.length === 0) return { cleared: 0, written: { warnings: [], skippedSheets: [] } };
  await workbench.host.apply(planMarksOnly([], { lang, previous, snapshot }));
  const written = lastWrite(workbench.host);
  // Marks on a sheet the host left unwritten are still there.
  const skipped = new Set(written.skippedSheets.map((n) => n.toLowerCase()));
  return { cleared: previous.marks.filter((m) => !skipped.has(m.sheet.toLowerCase())).length, written };
}

/** Names of the units whose inputs changed since the workbook was scored (none when never scored). */
export function staleSince(previous: IndexSheetState, submissions: Submission[]): string[] | undefined {
  if (!previous.provenance) return undefined;
  const { changed, added, removed } = staleUnits(previous, submissions);
  const names = new Map(submissions.map((s) => [unitKey(s), s.name]));
  const list = [...changed, ...added].map((k) => names.get(k) ?? k).concat(removed);
  return list.length > 0 ? list : undefined;
}

const STAGE_KEYS: Record<string, StringKey> = {
  definition: "progressRead",
  read: "progressRead",
  check: "progressCheck",
  validate: "progressCheck",
  score: "progressScore",
  plan: "progressPlan",
  write: "progressWrite",
  apply: "progressWrite",
  done: "progressDone",
};

export interface ScoreRun {
  units: UnitResult[];
  issues: Issue[];
  written: WriteReport;
}

export async function score(
  workbench: Workbench,
  model: IndexModel,
  options: {
    lang: Lang;
    ranking: RankingChoice;
    profileUnits: string[];
    chartKinds: ChartKind[];
    onProgress: (key: StringKey, fraction?: number) => Promise<void>;
  },
): Promise<ScoreRun> {
  let pending: Promise<void> = Promise.resolve();
  try {
    const result = await runScoring(workbench.host, {
      definition: model.definition,
      lang: options.lang,
      projectVersion: PROJECT_VERSION,
      ranking: {
        method: options.ranking.method,
        within: options.ranking.within,
        ...(options.ranking.decimals !== null ? { decimals: options.ranking.decimals } : {}),
      },
      charts: { kinds: options.chartKinds, ...(options.profileUnits.length > 0 ? { profileUnits: options.profileUnits } : {}) },
      write: true,
      onProgress: (stage, fraction) => {
        pending = pending.then(() => options.onProgress(STAGE_KEYS[stage] ?? "scoring", fraction));
      },
    });
    // runScoring wrote the plan (write: true): what the host says now is about that write.
    const written = lastWrite(workbench.host);
    await pending;
    return { units: unitsByRank(result.table), issues: result.issues, written };
  } catch (e) {
    // Progress reported before the failure must not show again once the failure is shown.
    await pending.catch(() => undefined);
    throw paneError(e);
  }
}

// ---------------------------------------------------------------------------------------------
// Workbenches

/**
 * Outside Excel: the chosen .xlsx file in memory (the xlsx host is loaded on demand). After each
 * write the file is read back, so that what one write made (charts included) is the starting
 * point of the next one (marking after scoring must not lose the charts).
 */
export async function openFileWorkbench(file: PickedFile): Promise<Workbench> {
  const { XlsxHost } = await import(/* webpackChunkName: "xlsx-host" */ "../../hosts/xlsx");
  let inner: Awaited<ReturnType<typeof XlsxHost.fromBuffer>>;
  try {
    inner = await XlsxHost.fromBuffer(file.data, file.name);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new LocalizedError({
      vi: `Không đọc được tệp ${file.name}: tệp không phải sổ làm việc .xlsx hợp lệ (${reason}).`,
      en: `Could not read the file ${file.name}: it is not a valid .xlsx workbook (${reason}).`,
    });
  }
  const host: WorkbookHost = {
    read: () => inner.read(),
    apply: async (plan) => {
      await inner.apply(plan);
      inner = await XlsxHost.fromBuffer(await inner.toBuffer(), file.name);
    },
  };
  return {
    mode: "file",
    fileName: file.name,
    host,
    addWorkbooks: async (files, model) => {
      const { collectFiles } = await import(/* webpackChunkName: "xlsx-host" */ "../../hosts/xlsx/collect");
      const { data, report } = await collectFiles(files, await inner.toBuffer(), model);
      inner = await XlsxHost.fromBuffer(data, file.name);
      return { taken: report.take.map((t) => t.as), skipped: [...report.warnings, ...report.skipped.map((s) => s.reason)] };
    },
    toBlob: async () => new Blob([(await inner.toBuffer()) as BlobPart], { type: XLSX_MIME }),
    isStale: async (lang) => staleFromSnapshot(await inner.read(), lang),
  };
}
