/**
 * The pane's bridge to the core and the hosts: parsing definitions, checking, scoring, making
 * templates and opening workbooks. ExcelJS and the xlsx host run in a Web Worker, started only
 * outside Excel or when making templates (xlsx-client.ts), so the pane's first scripts stay small
 * and long .xlsx work never freezes the pane.
 */
import type { IndexModel } from "../../core/definition/model";
import type { DefinitionProblem } from "../../core/definition/messages";
import { parseDefinition, parseDefinitionText, problemLine } from "../../core/definition";
import { type Lang, type Message, formatNumber, localize } from "../../core/i18n/text";
import { BUILTIN_INDICES } from "../../indices";
import { SHEET_NAMES } from "../../core/plan/labels";
import { unitsByRank } from "../../core/score";
import { indicesOtherThan } from "../../core/pipeline";
import {
  builtinNamed,
  builtinNamedOnForms,
  formsMadeFromOtherThan,
  namesIndex,
  sameNameAsBuiltinMessage,
} from "../../core/forms-index";
import type { ChartKind, Issue, ScoreTable, UnitResult, WorkbookSnapshot } from "../../core/types";
import type { WorkbookHost } from "../../hosts/host";
import type { LocalizedText } from "../../core/definition/schema";
import { unitsCountText } from "./findings";
import { type StaleGroup, type StaleKind, otherIndexMessage, othersMayChangeNote, scoredWithAnother, staleGroupNames } from "../../core/stale";
import type { PickedFile } from "../components/FileButton";
import { type StringKey, t, tBoth } from "../i18n";
import type { Notice, NoticeGroup, PaneState, RankingChoice } from "./usePane";
import type { MissingFeature } from "../../hosts/excel/requirements";
import type { UnitLine } from "./units";
import { type CollectSkipKind, anotherIndexReason, isRoutineSkip, namingMadeForms } from "../../core/form-sheets";
import type { AddedSheets, SkippedSheet, Workbench } from "./workbench";
import { yieldToEventLoop } from "./environment";
import { type CheckProgress, type CheckedUnit, marksWritten, runCheck, runScore, runStale } from "./check-run";
import {
  type IndexOffer,
  LocalizedError,
  adaptedBuiltinOnForms,
  anotherIndex,
  definitionName,
  indexSheetOf,
  keepSnapshotFacts,
  namedOnForms,
  paneError,
  PROJECT_VERSION,
} from "./pane-error";
import type { SnapshotRuns, SnapshotScore, SnapshotStale } from "./snapshot-client";
import { throwIfStopped, unlessStopped } from "./check-stop";

// What checking a workbook needs, here and in a worker (pane-error.ts, check-run.ts), as the pane has always had it from here.
export { LocalizedError, PROJECT_VERSION, staleSince, anotherIndex, definitionName, formsOfAnotherIndex, indexSheetOf, isLocalizedError } from "./pane-error";
export type { IndexOffer } from "./pane-error";
export { unitNamesOf } from "./check-run";

/**
 * The label of a notice's button that switches to the forms' built-in index: short, the notice's
 * sentence names that index and the one it replaces.
 */
export function offerLabel(lang: Lang): string {
  return t(lang, "useBuiltinIndex");
}

/**
 * What the pane says after making forms into the open workbook in Excel: how many sheets were
 * added; forms of units the workbook already holds are not added again, and said so (which ones,
 * in the lines under it); nothing added at all is a warning with why.
 */
/**
 * The notice after forms were made, with a warning first when the definition takes a built-in's id
 * and version while its content differs (its forms would be taken for the built-in's).
 */
export function withBuiltinNameWarning(notice: Notice, model: IndexModel): Notice {
  const warning = sameNameAsBuiltinMessage(model.definition, BUILTIN_INDICES);
  if (!warning) return notice;
  return { ...notice, intent: notice.intent === "error" ? "error" : "warning", details: [warning, ...(notice.details ?? [])] };
}

export function templatesNotice(added: AddedSheets): Notice {
  // A unit that has its form already: said as a form not made again, not as a unit's file to collect again.
  const reasons = added.skipped.map((s) => (s.kind === "duplicate" ? formAlreadyThere(s.sheet, s.kept) : s.reason));
  // The files the forms went in by are the pane's own: "the forms just made", never their names.
  const details = [...(added.blocked ? [added.blocked] : []), ...added.warnings, ...reasons].map(namingMadeForms);
  const already = added.skipped.filter((s) => s.kind === "duplicate").length;
  if (added.taken.length > 0) {
    if (details.length === 0) return { intent: "success", key: "templatesMadeExcel", params: { count: added.taken.length } };
    const made = tBoth("templatesMadeExcel", { count: added.taken.length });
    const there = already > 0 ? tBoth("templatesAlreadyThere", { count: already }) : undefined;
    const message = there ? { vi: `${made.vi} ${there.vi}`, en: `${made.en} ${there.en}` } : made;
    return { intent: "warning", message, details };
  }
  if (!added.blocked && already > 0 && already === added.skipped.length) return { intent: "warning", key: "templatesNoneAlreadyThere", params: { count: already }, details };
  return { intent: "warning", key: "templatesNoneAdded", details };
}

/** A form not made for a unit whose form the workbook has (sheet `kept`, when known): that form stays as it is. */
function formAlreadyThere(sheet: string, kept: string | undefined): Message {
  const on: Message = kept !== undefined && kept !== sheet ? { vi: ` (trang "${kept}")`, en: ` (sheet "${kept}")` } : { vi: "", en: "" };
  return {
    vi: `Phiếu "${sheet}": đơn vị này đã có phiếu trong sổ${on.vi} nên không thêm phiếu mới; phiếu đang có và số liệu trong đó được giữ nguyên.`,
    en: `Form "${sheet}": this unit already has a form in the workbook${on.en}, so no new one was added; the form there and its figures are kept as they are.`,
  };
}

/**
 * What the pane says after bringing units' files in: what was copied (the first sheets by name),
 * then what needs a look (a file that cannot be read, a form of another index, a unit's form
 * twice, what the files' forms have against each other), as a warning; blank forms left out for
 * their unit's form elsewhere are routine, one counted line that opens to its list. When nothing
 * was copied, a headline chosen from why (forms of another index, named, with the button to choose
 * it; units already in the workbook; files that cannot be read; no form). `workbookOfIndex`: the
 * open workbook holds forms of the index in use; forms of another are then said to need a workbook
 * of their own, and no other index is offered.
 */
export function importNotice(added: AddedSheets, model: IndexModel | undefined, workbookOfIndex = false): Notice {
  const routine = added.skipped.filter(isRoutineSkip);
  const groups: NoticeGroup[] = routine.length > 0 ? [{ label: tBoth("importedBlankSkipped", { count: routine.length }), items: routine.map((s) => s.reason) }] : [];
  // What needs a look: what the files' forms have against each other, then each thing left out but the
  // routine. The sheets of one other index are one line, both indices by their names (the hosts name
  // the other by its id; the pane knows the built-in ones).
  const problems = (skips: AddedSheets["skipped"]): Message[] => {
    const lines: Message[] = [...added.warnings];
    const said = new Set<string>();
    for (const s of skips) {
      if (isRoutineSkip(s)) continue;
      if (s.kind !== "another-index" || s.index === undefined || !model) {
        // Named by its file, as the command line does, unless the sentence names it already.
        lines.push(s.file !== "" && !s.reason.vi.includes(s.file) ? { vi: `${s.file}: ${s.reason.vi}`, en: `${s.file}: ${s.reason.en}` } : s.reason);
        continue;
      }
      const index = s.index.trim();
      if (said.has(index)) continue;
      said.add(index);
      const sheets = skips.filter((x) => x.kind === "another-index" && x.index?.trim() === index).map((x) => x.sheet);
      lines.push(anotherIndexReason(sheets, index, model.definition, BUILTIN_DEFINITIONS));
    }
    return lines;
  };
  const withGroups = (n: Notice): Notice => (groups.length > 0 ? { ...n, groups } : n);
  if (added.taken.length > 0) {
    const count = added.taken.length;
    const copied = tBoth("imported", (lang) => ({ count, names: someNames(added.taken, "moreSheets", lang) }));
    // Every sheet by name, when the headline names only the first.
    if (count > NAMED) groups.push({ label: tBoth("importedAllSheets", { count }), items: added.taken.map((n) => ({ vi: n, en: n })) });
    const details = problems(added.skipped);
    if (details.length === 0) return withGroups({ intent: "success", message: copied });
    const look = tBoth("importedToLookAt", { count: details.length });
    return withGroups({ intent: "warning", message: { vi: `${copied.vi}. ${look.vi}`, en: `${copied.en}. ${look.en}` }, details });
  }
  if (added.blocked) return withGroups({ intent: "warning", message: added.blocked, details: problems(added.skipped) });
  const kinds = added.skipped;
  const of = (k: CollectSkipKind) => kinds.filter((x) => x.kind === k).length;
  const forms = added.skipped.length - of("not-a-form");
  const other = model ? anotherIndex(kinds.flatMap((k) => (k.index !== undefined ? [k.index] : [])), model, workbookOfIndex ? "beside" : "files") : undefined;
  if (other) {
    // The headline names the index: the sheets of that index are not listed one by one again.
    const rest = problems(added.skipped.filter((s) => s.kind !== "another-index"));
    return withGroups({ intent: "warning", message: other.message, details: rest, ...(other.offer ? { useBuiltin: other.offer.builtinId } : {}) });
  }
  const details = problems(added.skipped);
  if (forms === 0) return withGroups({ intent: "warning", key: "importedNone", details });
  if (of("duplicate") === forms) {
    // The same forms again, and nothing else: said as such, not as a warning.
    const rest = problems(added.skipped.filter((x) => x.kind !== "duplicate"));
    if (rest.length === 0 && added.skipped.every((x) => x.kind !== "duplicate" || x.duplicate === "same-form")) {
      return withGroups({ intent: "info", key: "importedNoneSame" });
    }
    // The headline says why each form was left out: the forms are listed when asked for.
    const dups = added.skipped.filter((x) => x.kind === "duplicate" && !isRoutineSkip(x)).map((x) => x.reason);
    if (dups.length > 0) groups.push({ label: tBoth("importedDuplicatesList", { count: dups.length }), items: dups });
    return withGroups({ intent: "warning", key: "importedNoneDuplicates", details: problems(added.skipped.filter((x) => x.kind !== "duplicate")) });
  }
  if (of("file") === added.skipped.length) return withGroups({ intent: "warning", key: "importedNoneUnreadable", details });
  return withGroups({ intent: "warning", key: "importedNoneMixed", details });
}

/**
 * Whether the workbook holds a form made for the index in use (its `Bộ chỉ số` names it, at any
 * version: a form of another version of it is read with it).
 */
export function holdsFormsOf(snapshot: WorkbookSnapshot | undefined, model: IndexModel | undefined): boolean {
  if (!snapshot || !model) return false;
  const def = model.definition;
  return namedOnForms(snapshot).some((text) => text.trim() !== "" && namesIndex(text, def) !== undefined);
}

/** The built-in definitions, by whose names a form of another index is named. */
const BUILTIN_DEFINITIONS = BUILTIN_INDICES.map((b) => b.definition);

/** How many names a sentence lists before "và N … khác" / "and N more". */
export const NAMED = 5;

/**
 * "A, B, C, D, E và 3 trang khác" / "A, B, C, D, E and 3 more": the first names, then how many
 * others; other units counted as the index calls them (`unitLabel`: "và 3 sở, ban, ngành khác").
 */
export function someNames(names: readonly string[], more: "moreSheets" | "moreUnits", lang: Lang, unitLabel?: LocalizedText, subject = false): string {
  // The subject of a sentence ("Huyện A và Huyện B chưa điền…"): the last two joined by "và" / "and".
  if (subject && names.length > 1 && names.length <= NAMED) return `${names.slice(0, -1).join(", ")} ${lang === "vi" ? "và" : "and"} ${names[names.length - 1]}`;
  if (names.length <= NAMED) return names.join(", ");
  const count = names.length - NAMED;
  // English says how many more without the word for them ("and 3 more"), as the command line does.
  const units = lang === "vi" ? unitsCountText(count, lang, unitLabel) : formatNumber(count, lang);
  return t(lang, more, { names: names.slice(0, NAMED).join(", "), count, ...(more === "moreUnits" ? { units } : {}) });
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

/** The built-in index a never-scored workbook's forms name (their `Bộ chỉ số` cell), when they all name the same one. */
export function builtinOfForms(snapshot: WorkbookSnapshot): { id: string; definition: unknown } | undefined {
  const named = builtinNamedOnForms(snapshot, BUILTIN_INDICES);
  return named ? { id: named.builtin.id, definition: named.definition } : undefined;
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

/**
 * What the pane makes of a workbook it has just read, made before the pane shows it, each in a
 * task of its own (`_index`, the indices the forms name, an edited copy of a built-in, the forms'
 * index, what the banner says of the index scored with): with a thousand forms, each looks at
 * every form, and drawing the pane then is not one long task.
 */
export async function prepareSnapshot(snapshot: WorkbookSnapshot, model: IndexModel | undefined): Promise<void> {
  indexSheetOf(snapshot);
  await yieldToEventLoop();
  namedOnForms(snapshot);
  await yieldToEventLoop();
  adaptedBuiltinOnForms(snapshot);
  if (!model) return;
  // Both are kept by workbook read and index (the index's source does not count).
  const state: Pick<PaneState, "snapshot" | "index"> = { snapshot, index: { source: "builtin", builtinId: "", model } };
  await yieldToEventLoop();
  formsIndexMismatch(state);
  await yieldToEventLoop();
  staleIndex(state);
  await yieldToEventLoop();
}

/** The definition JSON stored in the workbook's `_index` sheet, when there is one. */
export function embeddedDefinition(snapshot: WorkbookSnapshot): unknown {
  const state = indexSheetOf(snapshot);
  if (!state?.definitionJson) return undefined;
  try {
    return JSON.parse(state.definitionJson);
  } catch {
    return undefined;
  }
}


/** A pane string that names an index, in both languages (so that it follows a change of language). */
export function namingIndex(key: StringKey, definition: unknown): Message {
  return tBoth(key, (lang) => ({ name: definitionName(definition, lang) }));
}

/** "Đã chọn bộ chỉ số X. Hãy bấm lại "Kiểm tra dữ liệu"": the index chosen from a notice's offer, and the button (`rerun`) whose run offered it. */
export function indexSwitchedMessage(definition: unknown, rerun: StringKey | undefined): Message {
  return tBoth(rerun ? "indexSwitched" : "indexSwitchedNoAction", (lang) => ({ name: definitionName(definition, lang), action: rerun ? t(lang, rerun) : "" }));
}

/**
 * Why the option "Bộ chỉ số lưu trong sổ" is disabled, said beside it: no workbook open, or one that
 * holds no index. Undefined when it can be chosen, or while the notice at the top says it (the pane
 * has just left that option for a workbook that holds none): said once.
 */
export function embeddedUnavailable(state: Pick<PaneState, "index" | "workbench"> & { notice?: Pick<Notice, "noEmbedded"> }): StringKey | undefined {
  if (state.index.embeddedName || state.notice?.noEmbedded) return undefined;
  return state.workbench ? "embeddedNone" : "embeddedNoWorkbook";
}

/**
 * What the pane says after a run from the Charts step: how many charts, on the sheet named as the run
 * wrote it ("Biểu đồ" after a run in Vietnamese, though the pane be switched to English since). When
 * the run kept the workbook's language (`runLang`) rather than the pane's (`paneLang`), a line says
 * so, and how to have the sheets in the pane's language.
 */
export function chartsNotice(run: Pick<ScoreRun, "charts" | "chartsSheet" | "written">, runLang: Lang, paneLang: Lang = runLang, rescored = false): Notice | undefined {
  // The button scores as the Score step's does: results that were out of date are not any more, and the user is told.
  const lines = [...(rescored ? [RESCORED_FOR_CHARTS] : []), ...(runLang !== paneLang ? [SHEETS_KEPT_LANG[runLang]] : [])];
  const kept = lines.length > 0 ? { details: lines } : {};
  if (run.charts > 0) return { intent: "success", key: "chartsDone", params: { count: run.charts, sheet: run.chartsSheet ?? SHEET_NAMES.charts[runLang] }, ...kept };
  return run.written.warnings.length === 0 ? { intent: "info", key: "chartsNone", ...kept } : undefined;
}

/** The Charts step's run scored a workbook whose results were out of date (the stale banner was up). */
const RESCORED_FOR_CHARTS: Message = {
  vi: "Số liệu đã thay đổi từ lần chấm trước nên sổ đã được chấm điểm lại trước khi vẽ biểu đồ: điểm và thứ hạng trên trang kết quả đã được cập nhật.",
  en: "The figures had changed since the last scoring, so the workbook was scored again before the charts were drawn: the scores and ranks on the results sheet are updated.",
};

/** The Charts step's run left the sheets the project owns in the language the workbook was scored in. */
const SHEETS_KEPT_LANG: Record<Lang, Message> = {
  vi: {
    vi: "Trang kết quả và trang biểu đồ vẫn bằng tiếng Việt như khi sổ được chấm điểm; hãy chấm điểm lại ở bước Chấm điểm để ghi chúng bằng ngôn ngữ của ngăn tác vụ.",
    en: "The results and charts sheets stay in Vietnamese, as the workbook was scored; score again in the Score step to write them in the pane's language.",
  },
  en: {
    vi: "Trang kết quả và trang biểu đồ vẫn bằng tiếng Anh như khi sổ được chấm điểm; hãy chấm điểm lại ở bước Chấm điểm để ghi chúng bằng ngôn ngữ của ngăn tác vụ.",
    en: "The results and charts sheets stay in English, as the workbook was scored; score again in the Score step to write them in the pane's language.",
  },
};

/**
 * "4 nhóm chỉ số, 20 chỉ tiêu, tối đa 100 điểm" / "1 indicator group, 4 indicators": the index's
 * shape, its maximum only when its root has one (an index of values has none).
 */
export function indexSummary(model: IndexModel, lang: Lang): string {
  const groups = [...model.nodes.values()].filter((n) => n.kind === "group" && n.depth > 0).length;
  const parts = [t(lang, "summaryGroups", { count: groups }), t(lang, "summaryIndicators", { count: model.indicators.length })];
  if (model.root.max !== undefined) parts.push(t(lang, "summaryMax", { max: formatNumber(model.root.max, lang) }));
  return parts.join(", ");
}

export async function makeTemplateFile(model: IndexModel, units: UnitLine[], lang: Lang): Promise<Uint8Array> {
  const { makeTemplateBytes } = await import(/* webpackChunkName: "xlsx-client" */ "./xlsx-client");
  return makeTemplateBytes(model.definition, units, lang);
}

export function templateFileName(state: PaneState): string {
  const id = state.index.model?.definition.id ?? "index";
  return state.lang === "vi" ? `phieu-tu-danh-gia-${id}.xlsx` : `self-assessment-${id}.xlsx`;
}

// ---------------------------------------------------------------------------------------------
// Checking and scoring

/** Between the stages of a run that shows no stage (a check): the page responds, then the run goes on. */
const giveTurn = (): Promise<void> => yieldToEventLoop();

/**
 * Checks and scores a workbook read in Excel where the browser has workers: off the pane's thread
 * (snapshot-worker.ts, one worker for both, started on the first request), else on it. Loaded on
 * demand. A scoring run on the pane's thread (no worker) is as it always was: a turn for the page
 * before the run, and between its stages.
 */
let snapshotWorkerClient: Promise<SnapshotRuns> | undefined;
function snapshotRuns(): Promise<SnapshotRuns> {
  snapshotWorkerClient ??= (async () => {
    const { snapshotClient } = await import(/* webpackChunkName: "snapshot-client" */ "./snapshot-client");
    const start = typeof Worker !== "undefined" ? (await import(/* webpackChunkName: "snapshot-client" */ "./snapshot-start")).startSnapshotWorker : () => undefined;
    const scoreHere: SnapshotScore = async (snapshot, run, onProgress) => {
      // A yield first: taking the snapshot in and checking it are then two tasks, not one long one.
      await yieldToEventLoop();
      return runScore(snapshot, run, onProgress);
    };
    const staleHere: SnapshotStale = async (snapshot, lang) => runStale(snapshot, lang);
    return snapshotClient({ startWorker: start, local: async () => runCheck, localScore: async () => scoreHere, localStale: async () => staleHere });
  })();
  // A part of the pane that could not be loaded: the next request tries again.
  snapshotWorkerClient.catch(() => (snapshotWorkerClient = undefined));
  return snapshotWorkerClient;
}

const checkerOfSnapshots = async (): Promise<SnapshotRuns["check"]> => (await snapshotRuns()).check;

/** A check's progress as the busy bar shows it: a stage that only started says nothing of how far the check is. */
function checkFraction(onProgress: ((fraction?: number) => Promise<void> | void) | undefined): CheckProgress {
  return async (_stage, fraction) => {
    await onProgress?.(fraction > 0 ? fraction : undefined);
  };
}

/**
 * Reads and checks the workbook without writing anything (the same reading as a scoring run), and
 * compares its figures with the last scoring run. The work on the forms is never the pane's
 * thread's where a worker can do it: outside Excel the .xlsx worker checks the workbook it holds
 * (the snapshot does not cross to the pane), in Excel the workbook read through Office.js is
 * checked in a worker of its own (snapshot-worker.ts). `onProgress` hears how far the check is
 * (undefined: the stage that started says nothing of it); awaited, it gives the page a turn.
 * `signal` aborted (the user's "Dừng"), the check fails at once with CheckStopped (check-stop.ts):
 * its work ends as soon as it can (an Excel read under way finishes, and is dropped), nothing of it
 * is said to `onProgress` after that, and nothing it would still answer reaches the caller.
 */
export async function check(
  workbench: Workbench,
  model: IndexModel,
  lang: Lang,
  onProgress?: (fraction?: number) => Promise<void> | void,
  signal?: AbortSignal,
): Promise<{ submissions: CheckedUnit[]; issues: Issue[]; stale?: StaleGroup[]; snapshot: WorkbookSnapshot }> {
  throwIfStopped(signal);
  const said = checkFraction(onProgress && ((fraction) => (signal?.aborted ? undefined : onProgress(fraction))));
  return unlessStopped(checkWorkbook(workbench, model, lang, said, signal), signal);
}

async function checkWorkbook(
  workbench: Workbench,
  model: IndexModel,
  lang: Lang,
  onProgress: CheckProgress,
  signal: AbortSignal | undefined,
): Promise<{ submissions: CheckedUnit[]; issues: Issue[]; stale?: StaleGroup[]; snapshot: WorkbookSnapshot }> {
  if (workbench.checkWhereItIs) {
    const found = await workbench.checkWhereItIs(model.definition, lang, onProgress, signal);
    throwIfStopped(signal);
    // The workbook as the check read it: the read the workbench keeps (no copy of it crosses again).
    const snapshot = await workbench.host.read();
    return { submissions: found.units, issues: found.issues, ...(found.stale ? { stale: found.stale } : {}), snapshot };
  }
  const snapshot = await workbench.host.read();
  // Stopped while Excel was read: the read is dropped, nothing goes to the worker.
  throwIfStopped(signal);
  const found = await (await checkerOfSnapshots())(snapshot, model.definition, lang, onProgress, signal);
  throwIfStopped(signal);
  // What the worker read once of its copy of the workbook is what this one holds: the pane does not read it again.
  keepSnapshotFacts(snapshot, found.facts);
  return { submissions: found.units, issues: found.issues, ...(found.stale ? { stale: found.stale } : {}), snapshot };
}

/**
 * Checks the workbook and marks the cells with issues (a fill and a note) without scoring: the
 * results, charts and `Điểm` columns stay as they are. `_index` records the marks so that
 * "clear marks" or the next run removes them. The check and the planning of the marks are never
 * the pane's thread's where a worker can do them: outside Excel the .xlsx worker marks the
 * workbook it holds, in Excel the workbook read through Office.js is checked and its marks planned
 * in the snapshot worker, and the pane has Excel write them.
 */
export async function markIssues(
  workbench: Workbench,
  model: IndexModel,
  lang: Lang,
  /** Called once the check is done, as the marks are about to be written (the progress says so). */
  beforeWrite?: () => Promise<void>,
): Promise<{ units: CheckedUnit[]; issues: Issue[]; marked: number; written: WriteReport }> {
  if (workbench.markWhereItIs) {
    let writing = false;
    const done = await workbench.markWhereItIs(model.definition, lang, (stage) => {
      if (stage !== "write" || writing) return;
      writing = true;
      void beforeWrite?.();
    });
    return { units: done.units, issues: done.issues, marked: done.marked, written: lastWrite(workbench.host) };
  }
  const snapshot = await workbench.host.read();
  const planned = await (await snapshotRuns()).mark(snapshot, model.definition, lang, giveTurn);
  await beforeWrite?.();
  // Taking the answer in and writing it are two tasks, not one long one.
  await yieldToEventLoop();
  await workbench.host.apply(planned.plan);
  const written = lastWrite(workbench.host);
  // Marks on a sheet the host left unwritten were not made.
  const marked = marksWritten(
    planned.plan.marks.map((m) => m.sheet),
    written.skippedSheets,
  );
  return { units: planned.units, issues: planned.issues, marked, written };
}

/** Removes the marks the project set (those `_index` recorded), and records that none are left. */
export async function clearIssueMarks(workbench: Workbench, lang: Lang): Promise<{ cleared: number; written: WriteReport }> {
  if (workbench.clearMarksWhereItIs) {
    const done = await workbench.clearMarksWhereItIs(lang);
    return { cleared: done.cleared, written: lastWrite(workbench.host) };
  }
  const snapshot = await workbench.host.read();
  const planned = await (await snapshotRuns()).clearMarks(snapshot, lang);
  // With no marks recorded there may still be marks of the project's on a form copied from a
  // marked one: the write finds them by their notes and takes them away too.
  if (!planned.plan) return { cleared: 0, written: { warnings: [], skippedSheets: [] } };
  await yieldToEventLoop();
  await workbench.host.apply(planned.plan);
  const written = lastWrite(workbench.host);
  // Marks on a sheet the host left unwritten are still there.
  return { cleared: marksWritten(planned.marks, written.skippedSheets), written };
}

/** What the banner says of the index the results were computed with (staleIndexMessage), and its title (staleIndexTitle). */
interface StaleIndex {
  message: Message;
  /** The same id and version as the index chosen, another content. */
  otherContent: boolean;
}

const staleIndexCache = new WeakMap<WorkbookSnapshot, WeakMap<IndexModel, StaleIndex | null>>();

/** staleIndexMessage and staleIndexTitle's finding: `_index` read once per workbook read and index. */
function staleIndex(state: Pick<PaneState, "snapshot" | "index">): StaleIndex | undefined {
  const { snapshot } = state;
  const model = state.index.model;
  if (!snapshot || !model) return undefined;
  // When the forms are not for the chosen index, scoring again with it would read none of them:
  // what to do is to choose theirs, which formsIndexMismatch says. (Forms of another version of it
  // are read: scoring again is what to do.)
  if (formsNotRead(state)) return undefined;
  let byModel = staleIndexCache.get(snapshot);
  if (!byModel) staleIndexCache.set(snapshot, (byModel = new WeakMap()));
  let found = byModel.get(model);
  if (found === undefined) {
    const other = scoredWithAnother(indexSheetOf(snapshot), model);
    found = other ? { message: otherIndexMessage(other, tBoth("staleScoreAgain")), otherContent: other.otherContent === true } : null;
    byModel.set(model, found);
  }
  return found ?? undefined;
}

/**
 * When the results in the workbook were computed with another index or version than the one
 * chosen: the sentence saying so ("Kết quả trong sổ được chấm theo bộ chỉ số … phiên bản
 * mau-2023; bộ chỉ số đang dùng là phiên bản mau-2024: hãy chấm lại."); or with another content of
 * it, its id and version the same (an edited copy of the definition that kept them, an earlier
 * release of a built-in): "Kết quả trong sổ được chấm theo một nội dung khác của bộ chỉ số …".
 * Only `_index` is read, once per workbook read and index.
 */
export function staleIndexMessage(state: Pick<PaneState, "snapshot" | "index">): Message | undefined {
  return staleIndex(state)?.message;
}

/** The stale banner's title when it says staleIndexMessage alone: another index or version, or another content of the one chosen. */
export function staleIndexTitle(state: Pick<PaneState, "snapshot" | "index">): StringKey | undefined {
  const found = staleIndex(state);
  return found === undefined ? undefined : found.otherContent ? "staleContentBanner" : "staleIndexBanner";
}

/**
 * What "Kiểm tra kết quả còn khớp" says once the comparison is done (`groups`: the kinds of change,
 * none when the figures are as scored): with the index chosen not the one the results were scored
 * with, that the results are of that other index, both named, not that they still match.
 * Undefined when the banner says it (changes found).
 */
export function recheckNotice(state: Pick<PaneState, "snapshot" | "index">, groups: readonly StaleGroup[] | null): Notice | undefined {
  const { snapshot } = state;
  const model = state.index.model;
  if (snapshot && model) {
    const other = scoredWithAnother(indexSheetOf(snapshot), model);
    // With forms of the index chosen, scoring again is what to do; else the Score step offers the forms' index.
    if (other) return { intent: "warning", message: otherIndexMessage(other, tBoth(formsNotRead(state) ? "staleRecheckOtherIndex" : "staleScoreAgain")) };
  }
  return groups && groups.length === 0 ? { intent: "success", key: "staleNone" } : undefined;
}

/**
 * What the bar under the index (Index step) and above the Score button says of the forms' index:
 * formsIndexMismatch, unless the notice at the top already says it with its button (a run that read
 * no form): said once, with one button.
 */
export function formsIndexBar(state: Pick<PaneState, "snapshot" | "index" | "notice">): { message: Message; offer?: IndexOffer } | undefined {
  return state.notice?.useBuiltin !== undefined ? undefined : formsIndexMismatch(state);
}

/**
 * What formsIndexMismatch found: the sentence, the forms' built-in index to offer, whether the
 * forms were made from an edited copy of a built-in, and whether they are of another version of
 * the index chosen, which reads them (by the codes of their rows, a warning on each).
 */
export interface FormsIndexMismatch {
  message: Message;
  offer?: IndexOffer;
  edited?: true;
  readable?: true;
}

const formsIndexCache = new WeakMap<WorkbookSnapshot, WeakMap<IndexModel, FormsIndexMismatch | null>>();

/**
 * In the Index step: the forms of the open workbook all name one index (their `Bộ chỉ số` cell),
 * and it is not the index chosen, so that checking or scoring would read none of them. The
 * sentence saying so and, when the forms' index is a built-in one, that index to offer. When it is
 * another version of the index chosen, the forms are read (`readable`): the sentence says how. Or
 * the forms name a built-in but were made from an edited copy of it (formsOfAdaptedBuiltin) that
 * is not the index chosen: the sentence saying to open that copy's file, with no index to offer.
 * Read once per workbook read and index.
 */
export function formsIndexMismatch(state: Pick<PaneState, "snapshot" | "index">): FormsIndexMismatch | undefined {
  const { snapshot } = state;
  const model = state.index.model;
  if (!snapshot || !model) return undefined;
  let byModel = formsIndexCache.get(snapshot);
  if (!byModel) formsIndexCache.set(snapshot, (byModel = new WeakMap()));
  let found = byModel.get(model);
  if (found === undefined) {
    const named = namedOnForms(snapshot);
    // Forms that name a built-in but were made from an edited copy of it: that copy's file is what to
    // open, whichever index is chosen, until it is the one chosen.
    const edited = adaptedBuiltinOnForms(snapshot);
    const builtin = edited !== undefined && formsMadeFromOtherThan(snapshot, model.definition) ? builtinNamed(edited, BUILTIN_INDICES) : undefined;
    // Forms of two indices are said when a run reads them; one index named, and not the chosen one, is said here.
    found = builtin
      ? { message: namingIndex("formsOfEditedBuiltin", builtin.definition), edited: true }
      : named.length === 1 && indicesOtherThan(named, model.definition).length > 0
        ? (anotherIndex(named, model, "chosen") ?? null)
        : null;
    byModel.set(model, found);
  }
  return found ?? undefined;
}

/** The workbook's forms are of another index than the one chosen, which reads none of them (formsIndexMismatch, not `readable`). */
function formsNotRead(state: Pick<PaneState, "snapshot" | "index">): boolean {
  const found = formsIndexMismatch(state);
  return found !== undefined && !found.readable;
}

/**
 * Before forms are made into the open workbook in Excel: the workbook's forms are of another index
 * than the one chosen (formsIndexMismatch, as the Index and Score steps say it), so none is added.
 * The sentence saying so and what the user can do: choose the forms' index (offered when it is a
 * built-in one) and make the forms again, or make them as a file to download. Undefined when the
 * forms can go into the workbook: forms of another version of the index chosen are read with it,
 * so its forms may go beside them.
 */
export function templatesIntoOtherIndex(state: Pick<PaneState, "snapshot" | "index">): { message: Message; offer?: IndexOffer } | undefined {
  const found = formsIndexMismatch(state);
  const { snapshot } = state;
  const model = state.index.model;
  if (!found || found.readable || !snapshot || !model) return undefined;
  if (!found.edited) {
    const other = anotherIndex(namedOnForms(snapshot), model, "make");
    if (other) return other;
  }
  // Forms made from an edited copy of a built-in: what step 1 says of them, after why no form was added.
  const none = tBoth("templatesOtherIndexNone");
  const or = tBoth("templatesAsFileOr");
  return { message: { vi: `${none.vi} ${found.message.vi} ${or.vi}`, en: `${none.en} ${found.message.en} ${or.en}` } };
}


/** The banner's line for each kind of change: "2 đơn vị mới được thêm vào sổ: Sở Du lịch, Ban Tôn giáo." */
const STALE_LINES: Record<StaleKind, StringKey> = {
  changed: "staleChanged",
  renamed: "staleRenamed",
  otherIndex: "staleOtherIndex",
  unreadable: "staleUnreadable",
  added: "staleAdded",
  removed: "staleRemoved",
};

/**
 * The stale banner's lines, one for each kind of change, each counting its units as the index
 * calls them (StaleGroup.unitLabel, as the command line's sentence does: "2 sở, ban, ngành đã thay
 * đổi số liệu", "1 country's figures changed") and naming them (five, then how many more).
 */
export function staleLines(groups: readonly StaleGroup[], lang: Lang): string[] {
  const others = othersMayChangeNote(groups);
  const line = (g: StaleGroup): string => {
    const units = unitsCountText(g.keys.length, lang, g.unitLabel);
    // The units as the owners of what follows: "1 country's", "3 countries'" (in Vietnamese, the count itself).
    const unitsOf = lang === "vi" ? units : units.endsWith("s") ? `${units}'` : `${units}'s`;
    return t(lang, STALE_LINES[g.kind], { count: g.keys.length, units, unitsOf, names: someNames(staleGroupNames(g, lang), "moreUnits", lang, g.unitLabel) });
  };
  return [...groups.map(line), ...(others ? [others[lang]] : [])];
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
  // The run is written, not done: the pane reads the workbook back (and, outside Excel, prepares
  // the download). "Xong." is the pane's to say, once all of it is over.
  done: "progressReadBack",
};

/**
 * The stages whose fraction says nothing of how far the work is: one long write (a whole workbook
 * written and, outside Excel, packed), then the read after it. Their bar moves without filling.
 */
const OPAQUE_STAGES = new Set(["write", "apply", "done"]);

export interface ScoreRun {
  /** The language the run wrote the sheets the project owns in (results, charts). */
  lang: Lang;
  units: UnitResult[];
  issues: Issue[];
  written: WriteReport;
  /** How many charts the run wrote (created or updated in place). */
  charts: number;
  /** The sheet they are on, as named in the workbook. */
  chartsSheet?: string;
  /** The ranking as it was made (the definition's, with this run's choices). */
  ranking: ScoreTable["ranking"];
  /** The workbook as the run left it, read once the run had written (none when that read failed: the results are written all the same). */
  after?: WorkbookSnapshot;
  /**
   * What changed in it since the run read it (an edit made while the run went on), compared with
   * the inputs the run scored as the banner compares them (staleSince): none when nothing did.
   */
  stale?: StaleGroup[];
}

/**
 * The stale banner's comparison of a workbook read with its last scoring run (staleSince: null for
 * a workbook never scored), which reads `_index` and every form, a second's work with three
 * thousand units: outside Excel in the .xlsx worker, which holds the workbook `snapshot` was read
 * from (it changes only through the pane); in Excel in the snapshot worker; on the pane's thread
 * where neither can run.
 */
export async function staleOf(workbench: Pick<Workbench, "mode" | "staleWhereItIs">, snapshot: WorkbookSnapshot, lang: Lang): Promise<StaleGroup[] | null> {
  const compared = workbench.staleWhereItIs ? await workbench.staleWhereItIs(lang) : await (await snapshotRuns()).stale(snapshot, lang);
  // What the worker read once of its copy of the workbook is what this one holds: the pane does not read it again.
  keepSnapshotFacts(snapshot, compared.facts);
  return compared.stale;
}

export async function score(
  workbench: Workbench,
  model: IndexModel,
  options: {
    lang: Lang;
    /**
     * The Charts step's run: the sheets the project owns are written in the language the workbook
     * was last scored in (its `_index` stamp), not in `lang`, so that making charts after the pane's
     * language was switched does not rename and rewrite the results sheet. A workbook never scored
     * takes `lang`.
     */
    keepWorkbookLang?: boolean;
    ranking: RankingChoice;
    profileUnits: string[];
    chartKinds: ChartKind[];
    onProgress: (key: StringKey, fraction?: number) => Promise<void>;
  },
): Promise<ScoreRun> {
  let pending: Promise<void> = Promise.resolve();
  let snapshot: WorkbookSnapshot | undefined;
  try {
    // Reading the workbook says nothing of how far it is: the bar moves without filling.
    await options.onProgress("progressRead");
    snapshot = await workbench.host.read();
    const lang = (options.keepWorkbookLang ? indexSheetOf(snapshot)?.provenance?.lang : undefined) ?? options.lang;
    const run = {
      definition: model.definition,
      lang,
      projectVersion: PROJECT_VERSION,
      ranking: {
        method: options.ranking.method,
        // An index without unit categories has no ranking within them: every unit is ranked together.
        within: (model.definition.categories ?? []).length > 0 ? options.ranking.within : "all",
        // null ("no rounding") is said too: left out, the definition's decimals would be used.
        decimals: options.ranking.decimals,
      },
      // The radar's warnings say how to choose other units: in the Charts step.
      charts: { kinds: options.chartKinds, chooseWith: "pane", ...(options.profileUnits.length > 0 ? { profileUnits: options.profileUnits } : {}) },
    } as const;
    // The pane shows the stage and responds between stages (reading, scoring, planning).
    const stage = (name: string, fraction: number): Promise<void> => {
      // A fraction of 0 says only that the stage started: the bar moves without filling until one says more.
      pending = pending.then(() => options.onProgress(STAGE_KEYS[name] ?? "scoring", OPAQUE_STAGES.has(name) || fraction === 0 ? undefined : fraction));
      return pending;
    };
    let ran: { units: UnitResult[]; ranking: ScoreTable["ranking"]; issues: Issue[]; owned: { name: string; charts: number }[] };
    if (workbench.scoreWhereItIs) {
      // Outside Excel the run is the worker's, where the workbook is: the pane only hears its stages.
      const done = await workbench.scoreWhereItIs(run, (name, fraction) => void stage(name, fraction));
      ran = { units: unitsByRank(done.table), ranking: done.table.ranking, issues: done.issues, owned: done.owned };
    } else {
      // In Excel the workbook read is read, checked, scored and planned in a worker (snapshot-worker.ts;
      // on the pane's thread where none can run), the stages said as they come; the plan is written
      // here, where Office.js is.
      const planned = await (await snapshotRuns()).score(snapshot, run, stage);
      await stage("write", 0.8);
      // Taking the answer in and writing it are two tasks, not one long one.
      await yieldToEventLoop();
      await workbench.host.apply(planned.plan);
      await stage("done", 1);
      ran = { units: planned.units, ranking: planned.ranking, issues: planned.issues, owned: planned.plan.owned.map((o) => ({ name: o.name, charts: o.charts.length })) };
    }
    // The run wrote the plan: what the host says now is about that write.
    const written = lastWrite(workbench.host);
    await pending;
    const skipped = new Set(written.skippedSheets.map((n) => n.toLowerCase()));
    const owned = ran.owned.filter((o) => !skipped.has(o.name.toLowerCase()));
    const charts = owned.reduce((n, o) => n + o.charts, 0);
    // The charts' sheet by the name it was written under (the run's language), whatever the pane's language becomes.
    const chartsSheet = owned.find((o) => o.charts > 0)?.name;
    // The workbook as the run left it, compared with the inputs the run scored (their hashes are in
    // the `_index` it wrote): in Excel, a figure edited between the run's read and its write is out
    // of date at once. Outside Excel the workbook is the pane's own copy, which nothing edits while
    // the run goes on: the results just written are those of its figures, and are not compared again.
    const after = await workbench.host.read().catch(() => undefined);
    let changed: StaleGroup[] | null = null;
    if (after && workbench.mode !== "file") {
      // A task of its own: the page responds between the read and the comparison, which reads
      // `_index` and every form, in the worker where it can (the pane's thread otherwise).
      await yieldToEventLoop();
      changed = await staleOf(workbench, after, lang);
    }
    return {
      lang,
      units: ran.units,
      issues: ran.issues,
      written,
      charts,
      ...(chartsSheet !== undefined ? { chartsSheet } : {}),
      ranking: ran.ranking,
      ...(after ? { after } : {}),
      ...(changed && changed.length > 0 ? { stale: changed } : {}),
    };
  } catch (e) {
    // Progress reported before the failure must not show again once the failure is shown.
    await pending.catch(() => undefined);
    throw paneError(e, snapshot, model);
  }
}

// ---------------------------------------------------------------------------------------------
// Workbenches

/**
 * Outside Excel: the chosen .xlsx file, held and written by the .xlsx worker (file-workbench.ts,
 * loaded when a file is first chosen: in Excel the pane never needs it). A CSV table is said to
 * be one, not taken for a damaged .xlsx: with the command that scores it by the built-in index in
 * use (`indexId`).
 */
export async function openFileWorkbench(file: PickedFile, indexId?: string): Promise<Workbench> {
  if (isCsvFile(file)) throw new LocalizedError(csvNotAWorkbook(file.name, indexId));
  const { openFileWorkbench: open } = await import(/* webpackChunkName: "file-workbench" */ "./file-workbench");
  return open(file);
}


/**
 * A table of text (a CSV or tab-separated file) rather than an .xlsx workbook: by its name, and
 * bytes that are not a zip archive (an .xlsx starts "PK").
 */
export function isCsvFile(file: { name: string; data: Uint8Array }): boolean {
  if (file.data[0] === 0x50 && file.data[1] === 0x4b) return false;
  if (/\.(csv|tsv)$/i.test(file.name)) return true;
  // A .txt file is a table when its first line is cut by a separator; a note or a stray text is not a CSV table.
  if (!/\.txt$/i.test(file.name)) return false;
  const firstLine = new TextDecoder().decode(file.data.subarray(0, 4096)).split(/\r?\n/)[0] ?? "";
  return /[,;\t]/.test(firstLine);
}

/** The command line's command that scores the CSV file `name` with the index in use (its id when built in). */
function csvScoreCommand(name: string, indexId: string | undefined, lang: "vi" | "en"): string {
  const index = indexId ?? (lang === "vi" ? "<tệp định nghĩa .json>" : "<definition .json file>");
  return `dti-scorer score "${name}" --index ${index} --out "${lang === "vi" ? "đã-chấm.xlsx" : "scored.xlsx"}"`;
}

/**
 * A CSV file chosen as the workbook: the pane writes its results, marks and charts into the
 * workbook it opens, which a CSV file cannot hold; the command line scores a CSV table (into an
 * .xlsx of its own), and Excel saves one as .xlsx.
 */
export function csvNotAWorkbook(name: string, indexId?: string): Message {
  return {
    vi: `Tệp ${name} là bảng CSV, không phải sổ làm việc: ngăn tác vụ chỉ mở sổ .xlsx (kết quả được ghi vào chính sổ đó). Bảng CSV có thể chấm bằng dòng lệnh (${csvScoreCommand(name, indexId, "vi")}), hoặc mở trong Excel, lưu dưới dạng .xlsx (Sổ làm việc Excel) rồi chọn lại.`,
    en: `The file ${name} is a CSV table, not a workbook: the pane opens .xlsx workbooks only (it writes the results into the workbook itself). A CSV table can be scored with the command line (${csvScoreCommand(name, indexId, "en")}), or opened in Excel, saved as .xlsx (Excel Workbook) and chosen again.`,
  };
}

/** A CSV file among the units' files brought in: left out, and why (the forms come as .xlsx files). */
export function csvFileSkip(name: string): SkippedSheet {
  return {
    file: name,
    sheet: "",
    kind: "file",
    reason: {
      vi: `Tệp "${name}" là bảng CSV, không phải tệp phiếu .xlsx, nên được bỏ qua: ngăn tác vụ chỉ tổng hợp phiếu .xlsx. Hãy mở tệp trong Excel, lưu dưới dạng .xlsx (Sổ làm việc Excel) rồi tổng hợp lại; một bảng CSV số liệu có thể chấm riêng bằng lệnh dti-scorer score.`,
      en: `File "${name}" is a CSV table, not an .xlsx form file, so it was left out: the pane collects .xlsx forms only. Open it in Excel, save it as .xlsx (Excel Workbook) and collect it again; a CSV table of figures can be scored on its own with the dti-scorer score command.`,
    },
  };
}


// ---------------------------------------------------------------------------------------------
// What this Excel lacks

/** The pane's own line for a feature, where the host gives none (MissingFeature.line). */
const MISSING_KEYS: Partial<Record<MissingFeature["feature"], StringKey>> = {
  charts: "missingCharts",
  conditionalFormats: "missingConditionalFormats",
  freezePanes: "missingFreezePanes",
  printLayout: "missingPrintLayout",
  notes: "missingNotes",
  comments: "missingComments",
  insertWorkbooks: "missingInsertWorkbooks",
  watchInputs: "missingWatchInputs",
  suspendCalculation: "missingSuspendCalculation",
};

/** The most lines the notice of missing features shows before "and N more, in the details". */
const MISSING_LINES = 4;

/** The highest ExcelApi Excel 2021 (one-time purchase) offers: what needs more is in Microsoft 365 and on the web only. */
const EXCEL_2021_API = [1, 14];

/**
 * In an Excel that cannot insert sheets from another file (below ExcelApi 1.13): what it lacks, for
 * the Collect step to say beside its button to bring forms in, which it disables. Undefined elsewhere.
 */
export function importUnavailable(state: Pick<PaneState, "mode" | "workbench">): MissingFeature | undefined {
  if (state.mode !== "excel") return undefined;
  return state.workbench?.missingFeatures?.().find((f) => f.feature === "insertWorkbooks");
}

/**
 * The notice of the features this Excel lacks, short: what does not work, one plain line each; then
 * which Excel has them; the requirement sets in a list that opens when asked.
 */
export function missingFeaturesNotice(missing: readonly MissingFeature[], lang: Lang): { lead: string; lines: string[]; need: string; details: NoticeGroup } {
  // The newest requirement set among them says which Excel has them all: Excel 2021 has ExcelApi 1.14, Excel 2024 1.17.
  // What Excel on iPad lacks whatever its version is had by another Excel, not a newer one: its own line says which.
  const versioned = missing.filter((m) => !m.onIpad);
  const newest = Math.max(
    0,
    ...versioned.map((m) => {
      const [major = 0, minor = 0] = (/(\d+)\.(\d+)/.exec(m.requirement) ?? []).slice(1).map(Number);
      return major * 1000 + minor;
    }),
  );
  const need =
    versioned.length === 0
      ? "missingFeaturesNeedDesktop"
      : newest <= EXCEL_2021_API[0]! * 1000 + EXCEL_2021_API[1]!
        ? "missingFeaturesNeedRecent"
        : newest <= 1017
          ? "missingFeaturesNeedNewest"
          : "missingFeaturesNeedSubscription";
  const line = (m: MissingFeature, l: Lang) => {
    const key = MISSING_KEYS[m.feature];
    return m.line?.[l] ?? (key ? t(l, key) : m.message[l]);
  };
  return {
    lead: t(lang, "missingFeaturesLead"),
    // A few lines keep the step in sight in a narrow pane; the others are in the list that opens.
    lines:
      missing.length <= MISSING_LINES
        ? missing.map((m) => line(m, lang))
        : [...missing.slice(0, MISSING_LINES - 1).map((m) => line(m, lang)), t(lang, "missingFeaturesMore", { count: missing.length - MISSING_LINES + 1 })],
    need: t(lang, need),
    details: {
      label: tBoth("missingFeaturesDetails"),
      items: missing.map((m) => ({ vi: `${line(m, "vi").replace(/\.$/, "")}: ${m.requirement}`, en: `${line(m, "en").replace(/\.$/, "")}: ${m.requirement}` })),
    },
  };
}
