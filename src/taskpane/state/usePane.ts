/**
 * The pane's state and the actions of its steps. Long work runs as a sequence of awaited
 * steps with a yield to the event loop between them, and a progress bar, so the pane never
 * freezes.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { decodeDefinitionFile, definitionHash } from "../../core/definition/parse";
import { messages as definitionMessages } from "../../core/definition/messages";
import type { IndexModel } from "../../core/definition/model";
import type { LocalizedText } from "../../core/definition/schema";
import { type Lang, type Message, localize } from "../../core/i18n/text";
import { madeFormsFile } from "../../core/form-sheets";
import { CHART_KINDS } from "../../core/plan/labels";
import type { ChartKind, Issue, ScoreTable, Severity, UnitResult, WorkbookSnapshot } from "../../core/types";
import type { MissingFeature } from "../../hosts/excel/requirements";
import type { StaleGroup } from "../../core/stale";
import type { PickedFile } from "../components/FileButton";
import { type Params, type StringKey, t, tBoth } from "../i18n";
import type { Environment, PaneMode } from "./environment";
import { saveLang, watchTheme, yieldToEventLoop } from "./environment";
import { leftOutSentences, unitWordText, unitsCountText } from "./findings";
import * as pipeline from "./pipeline";
import { type CsvProblem, parseUnitList, unitListProblems, unitsFromCsvFile, withUnitsWithoutCategory } from "./units";
import { isCheckStopped } from "./check-stop";
import type { Workbench } from "./workbench";

export type StepId = "index" | "collect" | "check" | "score" | "charts";
export type IndexSource = "builtin" | "file" | "embedded";
export type RankMethod = "competition" | "dense" | "ordinal";
export type RankWithin = "all" | "category";

/** A message kept as a key (or in both languages) so that it follows a change of language. */
export interface Notice {
  intent: "success" | "warning" | "error" | "info";
  key?: StringKey;
  /** The sentence itself, in both languages, when it is not one of the pane's strings (it wins over `key`). */
  message?: Message;
  params?: Params;
  /** Lines shown under the message (already in both languages). */
  details?: Message[];
  /** Under the details: routine lines, each group one counted line that opens to its list. */
  groups?: NoticeGroup[];
  /** A built-in index the notice offers to switch to (its button "Use this index"). */
  useBuiltin?: string;
  /** The notice says which index the pane chose for the user: it goes when the user chooses one. */
  indexChoice?: boolean;
  /** What a run that failed said with the index then in use (its sentences may name that index or its codes): it goes when the index changes. */
  ofRun?: true;
  /** The notice says the workbook holds no index of its own (the greyed option's reason is not said beside it too). */
  noEmbedded?: boolean;
  /** The button to press again once the index the notice offers is chosen (the one whose run raised it). */
  rerun?: StringKey;
  /** The step where what the notice says is put right (its button goes there). */
  goTo?: StepId;
  /** The notice offers to make the forms as a file to download (its button "Tạo tệp phiếu để tải xuống"). */
  makeFile?: boolean;
}

/** "21 phiếu trống được bỏ qua…", which opens to the 21 lines it counts. */
export interface NoticeGroup {
  label: Message;
  items: Message[];
}

/** A notice that says what a scoring run did (in the Score or the Charts step): it goes with the run's results. */
export function isRunNotice(notice: Notice | undefined): boolean {
  return notice?.key === "scoreDone" || notice?.key === "chartsDone" || notice?.key === "chartsNone";
}

/**
 * The notice once the user has chosen an index (built-in `builtinId`, or another source): what said
 * which index the pane chose, or offered the one now chosen, no longer applies; anything else stays.
 */
export function noticeAfterIndexChoice(notice: Notice | undefined, builtinId?: string): Notice | undefined {
  if (!notice) return undefined;
  if (notice.indexChoice) return undefined;
  if (builtinId !== undefined && notice.useBuiltin === builtinId) return undefined;
  return notice;
}

/**
 * The notice once the index in use has changed (another definition, or one that cannot be used): a
 * notice offering the forms' index names the index that was in use as in use, and the Index and
 * Score steps now say afresh, under the index chosen, what the forms were made for. It goes.
 */
export function noticeAfterIndexChange(notice: Notice | undefined): Notice | undefined {
  // What a run found with the last index (no form of its, its input codes named): the next run, with this one, says afresh.
  return notice?.useBuiltin !== undefined || notice?.ofRun ? undefined : notice;
}

export interface RankingChoice {
  method: RankMethod;
  /** null: no rounding before ranking. */
  decimals: number | null;
  within: RankWithin;
}

export interface ScoreSummary {
  /** Units in rank order (unranked last). */
  units: UnitResult[];
  ranked: number;
  counts: Record<Severity, number>;
  /** The ranking as the run made it: on points or values, rounded to how many decimals, within categories or not. */
  ranking: ScoreTable["ranking"];
  /** The index's unit categories as they were when scored, by id: the table keeps their names whatever index is chosen after. */
  categories: { id: string; name: Message }[];
  /** How many errors each unit's data had when scored, by the key issues use (code, or name without one). */
  errors: Record<string, number>;
  /** What the index scored with calls its units ("sở, ban, ngành"): the table keeps its words whatever index is chosen after. */
  unitLabel?: LocalizedText;
  /** The language the run wrote the results and charts sheets in (the Charts step keeps the workbook's). */
  lang?: Lang;
}

/** The summary of a scoring run: the units, their ranks, and what the table needs of the index scored with. */
export function scoreSummary(units: UnitResult[], issues: Issue[], ranking: ScoreTable["ranking"], model: IndexModel): ScoreSummary {
  const errors: Record<string, number> = {};
  for (const i of issues) if (i.severity === "error" && i.unit !== undefined) errors[i.unit] = (errors[i.unit] ?? 0) + 1;
  // Ranked within categories, a unit without a category has no rank in one: the table shows it "—", and it is not counted.
  const byCategory = rankedByCategory({ ranking, units });
  return {
    units,
    ranked: units.filter((u) => u.ranked && (!byCategory || (u.rankInCategory !== null && u.rankInCategory !== undefined))).length,
    counts: severityCounts(issues),
    ranking,
    categories: (model.definition.categories ?? []).map((c) => ({ id: c.id, name: { vi: localize(c.name, "vi"), en: localize(c.name, "en") } })),
    errors,
    ...(model.definition.unitLabel !== undefined ? { unitLabel: model.definition.unitLabel } : {}),
  };
}

/** Whether the run ranked units within their categories: asked to, and some unit got a rank in its category. */
export function rankedByCategory(score: Pick<ScoreSummary, "ranking" | "units">): boolean {
  return score.ranking.within === "category" && score.units.some((u) => u.rankInCategory !== null && u.rankInCategory !== undefined);
}

/** What the last write outside Excel made of the workbook: names the download. */
export type DownloadKind = "scored" | "marked" | "cleared" | "collected";

export interface PaneState {
  lang: Lang;
  dark: boolean;
  mode: PaneMode;
  step: StepId;
  workbench?: Workbench;
  snapshot?: WorkbookSnapshot;
  busy?: { key: StringKey; fraction?: number };
  /** A Check is under way that the user can stop ("Dừng", beside the progress bar). */
  checking?: boolean;
  notice?: Notice;
  index: {
    source: IndexSource;
    builtinId: string;
    fileName?: string;
    /** Name of the definition embedded in the workbook, in both languages, when there is one. */
    embeddedName?: Message;
    model?: IndexModel;
    /**
     * The hash of the last definition in use: the model's, or, while no index is in use ("Tệp JSON"
     * with no file opened yet, a definition with problems), the one before. The findings, results
     * and ranking choice the pane holds are its own.
     */
    lastHash?: string;
    /** Problems of the last definition tried, in both languages. */
    problems?: Message[];
  };
  ranking: RankingChoice;
  issues?: Issue[];
  unitsChecked?: number;
  /** Unit names by the key issues use (code, or name without one). */
  unitNames?: Record<string, string>;
  score?: ScoreSummary;
  /** The last run's results were dropped when another index (or another content of it) was chosen: scoring again brings them back. */
  scoreOfOtherIndex?: boolean;
  /**
   * The findings, results and ranking choice of the index chosen before the one in use, kept while
   * the workbook is not written: choosing that index again brings them back (A, then B, then A).
   */
  setAside?: SetAside;
  /**
   * The units whose inputs changed, whose name alone changed, that appeared or that disappeared
   * since the workbook was last scored, by kind (none: up to date, or never scored).
   */
  stale?: StaleGroup[];
  /** When the workbook was last scored (ISO time, from `_index`); absent for a workbook never scored. */
  scoredAt?: string;
  profileUnits: string[];
  /** The charts to create or update. */
  chartKinds: ChartKind[];
  downloadUrl?: string;
  downloadKind?: DownloadKind;
  /** Outside Excel: the workbook holds writes not downloaded since (choosing another file would lose them). */
  unsaved?: boolean;
  /** In Excel: the features this Excel lacks, said once at start until dismissed. */
  missingFeatures?: MissingFeature[];
  templates?: { url?: string; count: number };
  /** The Collect step's list of units as typed or read from CSV (kept when the step is left). */
  unitsText: string;
  /** What was said about the units CSV file the list came from, until the list is edited. */
  unitsCsvProblem?: CsvProblem;
  collected?: { taken: string[]; skipped: Message[] };
  /**
   * What the workbook's host said about the last write of scores, marks or charts (e.g. a form a
   * password protects was left unwritten), shown in the step the write was started from.
   */
  writeWarnings?: { step: StepId; warnings: Message[] };
}

/** What a change of index puts aside, by the definition's hash. */
export interface SetAside {
  hash: string;
  ranking: RankingChoice;
  issues?: Issue[];
  unitsChecked?: number;
  unitNames?: Record<string, string>;
  score?: ScoreSummary;
}

/** The notices "this definition file was not UTF-8" the pane made, so that the next file opened can take them away. */
const definitionFileNotices = new WeakSet<Message>();

export function severityCounts(issues: Issue[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of issues) c[i.severity]++;
  return c;
}

/**
 * "Đã chấm điểm 8 sở, ban, ngành, trong đó 7 được xếp hạng." / "Scored 8 departments (7 ranked)." ("Đã chấm
 * điểm và xếp hạng 8 sở, ban, ngành." / "Scored and ranked 8 departments." when all are), the units
 * called as the index calls them (`unitLabel`: unitsCountText, as the command line says it, here
 * and in what follows: "Sở A và Sở B chưa điền số liệu nào"), and, as a warning (the run did not score everything as the units meant it): units whose forms hold
 * no figure at all (`results` with coverage 0), by name, and how the run took them (counted as 0,
 * or not ranked); no unit ranked; forms the reader left out (a unit code another form has, a form
 * of another index), how many. Its sentence is in both languages (`message`): the unit word is
 * the index's in each.
 */
export function scoreDoneNotice(
  units: number,
  ranked: number,
  issues: Issue[],
  results: readonly Pick<UnitResult, "name" | "coverage" | "ranked" | "points">[] = [],
  unitLabel?: LocalizedText,
): Notice {
  const done = (lang: Lang): string => {
    const counted = unitsCountText(units, lang, unitLabel);
    if (units > 0 && ranked === units) return t(lang, "scoreDoneAllRanked", { units: counted });
    if (units > 0 && ranked === 0) return t(lang, "scoreDoneNoneRanked", { units: counted, none: lang === "vi" ? `không ${unitWordText(lang, unitLabel)} nào` : "none" });
    return t(lang, "scoreDone", { units: counted, ranked });
  };
  const empty = results.filter((u) => u.coverage === 0);
  const counted = empty.filter((u) => u.ranked);
  const unranked = empty.filter((u) => !u.ranked);
  const noData = (lang: Lang): string[] => [
    ...(counted.length > 0
      ? [t(lang, counted.some((u) => u.points === null) ? "scoreNoDataValue" : "scoreNoData", { count: counted.length, units: unitsCountText(counted.length, lang, unitLabel), names: pipeline.someNames(counted.map((u) => u.name), "moreUnits", lang, unitLabel, true) })]
      : []),
    ...(unranked.length > 0 ? [t(lang, "scoreNoDataUnranked", { count: unranked.length, units: unitsCountText(unranked.length, lang, unitLabel), names: pipeline.someNames(unranked.map((u) => u.name), "moreUnits", lang, unitLabel, true) })] : []),
  ];
  // No unit ranked, and not every one of them said above: the table says why under each name.
  const noneRanked = units > 0 && ranked === 0 && unranked.length < units;
  const said = (lang: Lang): string[] => [...noData(lang), ...(noneRanked ? [t(lang, "scoreNoneRanked", { unit: unitWordText(lang, unitLabel) })] : []), ...leftOutSentences(issues, "score", lang)];
  const line = (lang: Lang) => [done(lang), ...said(lang)].join(" ");
  // The key stays: a stale banner takes the place of this notice as of any "scored".
  return { intent: said("vi").length === 0 ? "success" : "warning", key: "scoreDone", message: { vi: line("vi"), en: line("en") } };
}

/**
 * The pane once `model` is the index in use. The same definition as the last one in use (the copy
 * the workbook keeps of the one just scored with, or the index chosen again after passing over
 * "Tệp JSON" with no file): the findings, the results and the ranking chosen are still its own.
 * Another: what the last one's check and run found is put aside, and what was put aside of this
 * one comes back (A, then B, then A).
 */
export function withModel(s: PaneState, model: IndexModel): Partial<PaneState> {
  const r = model.definition.ranking;
  const hash = definitionHash(model.definition);
  const before = s.index.model ? definitionHash(s.index.model.definition) : s.index.lastHash;
  if (before === hash) return { index: { ...s.index, model, lastHash: hash, problems: undefined } };
  const setAside: SetAside | undefined =
    before !== undefined && (s.issues || s.score)
      ? { hash: before, ranking: s.ranking, issues: s.issues, unitsChecked: s.unitsChecked, unitNames: s.unitNames, score: s.score }
      : s.setAside;
  const back = s.setAside?.hash === hash ? s.setAside : undefined;
  return {
    index: { ...s.index, model, lastHash: hash, problems: undefined },
    ranking: back?.ranking ?? { method: r.method, decimals: r.decimals ?? null, within: r.within },
    issues: back?.issues,
    unitsChecked: back?.unitsChecked,
    unitNames: back?.unitNames,
    score: back?.score,
    setAside: setAside?.hash === hash ? undefined : setAside,
    // The Charts step says why its list of units is gone.
    scoreOfOtherIndex: back?.score ? undefined : s.score || s.scoreOfOtherIndex ? true : undefined,
    // What the run whose results are dropped said goes with them.
    // What named the index put aside as the one in use is out of date.
    ...(isRunNotice(s.notice) ? { notice: undefined } : { notice: noticeAfterIndexChange(s.notice) }),
  };
}

/**
 * The pane with no index in use ("Tệp JSON" with no file opened yet, or a definition that has
 * `problems`). Nothing is put aside or dropped: the findings and results stay the last index's
 * (`lastHash`), so that choosing it again keeps them and choosing another puts them aside.
 */
export function withoutModel(s: PaneState, problems: Message[] | undefined): Partial<PaneState> {
  return { index: { ...s.index, model: undefined, problems } };
}

/**
 * webpack's error when a part of the pane's code fetched when first needed (a chunk: the code that
 * writes to Excel, the .xlsx reader) could not be loaded: the connection dropped, or the add-in was
 * updated since the pane opened.
 */
export function isChunkLoadError(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const { name, message } = e as { name?: unknown; message?: unknown };
  return name === "ChunkLoadError" || (typeof message === "string" && /Loading (?:CSS )?chunk \S+ failed/.test(message));
}

function errorText(e: unknown): Message {
  if (pipeline.isLocalizedError(e)) return e.localized;
  // Not webpack's "Loading chunk 487 failed. (error: http://…/487.….js)": what it means, and what to do.
  if (isChunkLoadError(e)) return tBoth("chunkLoadFailed");
  const text = e instanceof Error ? e.message : String(e);
  return { vi: text, en: text };
}

/** The notice of a failure nobody foresaw, in `lang`: a part of the pane that could not be loaded is said as such, not as "something went wrong". */
export function unexpectedNotice(e: unknown, lang: Lang): Notice {
  if (isChunkLoadError(e)) return { intent: "error", key: "chunkLoadFailed" };
  return { intent: "error", key: "errorUnexpected", params: { reason: errorText(e)[lang] }, details: [] };
}

/**
 * What the busy bar shows: the stage's words, and how far the work is only when it says so (a
 * stage given no fraction shows a bar that moves without filling).
 */
export function busyStage(key: StringKey, fraction?: number): NonNullable<PaneState["busy"]> {
  return fraction !== undefined ? { key, fraction } : { key };
}

/** Units' forms per file put into an open workbook (about 7 KB of base64 each: well under a request's budget). */
export const TEMPLATE_BATCH = 200;
/** How long after Excel refused to watch the workbook's edits the pane asks again. */
const WATCH_RETRY_MS = 2000;

export function usePane(env: Environment, excel: Workbench | undefined) {
  const [state, setState] = useState<PaneState>(() => ({
    lang: env.lang,
    dark: env.dark,
    mode: env.mode,
    step: "index",
    ...(excel ? { workbench: excel } : {}),
    index: { source: "builtin", builtinId: pipeline.builtinChoices(env.lang)[0]?.id ?? "" },
    ranking: { method: "competition", decimals: null, within: "all" },
    profileUnits: [],
    chartKinds: [...CHART_KINDS],
    unitsText: "",
  }));
  const ref = useRef(state);
  ref.current = state;
  // The next state is made at once from the latest one, so that work awaiting between patches
  // (opening a file, then checking whether it is stale) always reads what it just wrote.
  const patch = useCallback((p: Partial<PaneState> | ((s: PaneState) => Partial<PaneState>)) => {
    const next = { ...ref.current, ...(typeof p === "function" ? p(ref.current) : p) };
    ref.current = next;
    setState(next);
  }, []);

  const setModel = useCallback((model: IndexModel) => patch((s) => withModel(s, model)), [patch]);

  /** The Check under way, which "Dừng" stops; none once it has shown its findings, failed or been stopped. */
  const checkRun = useRef<AbortController | undefined>(undefined);
  /** The latest action that showed the busy bar (busy): only it changes the bar. */
  const busyRun = useRef<object | undefined>(undefined);

  /** The definition of the index in use when a workbook is open and an index chosen; otherwise the pane says which is missing. */
  const readyToRead = useCallback(
    (s: PaneState): IndexModel | undefined => {
      if (!s.workbench) patch({ notice: { intent: "warning", key: "needWorkbook" } });
      else if (!s.index.model) patch({ notice: { intent: "warning", key: "noDefinition" } });
      else return s.index.model;
      return undefined;
    },
    [patch],
  );

  /**
   * Runs `work` with the busy bar; any failure becomes a notice in the user's language. The bar
   * fills only where the work says how far it is (`fraction`): a stage that cannot tell (opening a
   * workbook, writing it, preparing the download) shows a bar that moves without filling, never
   * one stuck at the start. The bar is the latest action's: an action that ends after another has
   * started (a Check stopped, whose work ends as soon as it can) leaves the other's bar as it is.
   */
  const busy = useCallback(
    async (key: StringKey, work: (progress: (key: StringKey, fraction?: number) => Promise<void>) => Promise<void>, rerun?: StringKey) => {
      const mine = {};
      busyRun.current = mine;
      patch({ busy: busyStage(key), notice: undefined });
      const progress = async (k: StringKey, fraction?: number) => {
        if (busyRun.current === mine) patch({ busy: busyStage(k, fraction) });
        await yieldToEventLoop();
      };
      try {
        await yieldToEventLoop();
        await work(progress);
      } catch (e) {
        if (pipeline.isLocalizedError(e)) {
          // A sentence written for the user is shown as it is; only what nobody foresaw is "something went wrong".
          const problems = e.problems;
          patch({
            notice:
              problems && problems.length > 0
                ? { intent: "error", key: "definitionProblems", params: { count: problems.length }, details: problems }
                : {
                    intent: e.intent ?? "error",
                    message: e.localized,
                    ...(e.offer ? { useBuiltin: e.offer.builtinId, ...(rerun ? { rerun } : {}) } : {}),
                    ...(e.goTo ? { goTo: e.goTo } : {}),
                    ofRun: true,
                  },
          });
        } else {
          console.error(e);
          patch({ notice: unexpectedNotice(e, ref.current.lang) });
        }
      } finally {
        if (busyRun.current === mine) patch({ busy: undefined });
      }
    },
    [patch],
  );

  /** The workbook as just read (by a run, or by refreshSnapshot): notes it, its embedded definition and when it was scored. */
  const takeSnapshot = useCallback(
    (snapshot: WorkbookSnapshot): WorkbookSnapshot => {
      const embedded = pipeline.embeddedDefinition(snapshot);
      patch((s) => ({
        snapshot,
        scoredAt: pipeline.indexSheetOf(snapshot)?.provenance?.scoredAt,
        index: { ...s.index, embeddedName: embedded ? { vi: pipeline.definitionName(embedded, "vi"), en: pipeline.definitionName(embedded, "en") } : undefined },
      }));
      return snapshot;
    },
    [patch],
  );

  /**
   * Reads the workbook, and notes an embedded definition and whether results are stale. What the
   * pane makes of the workbook read (a thousand forms: its `_index`, the forms' index) is made a
   * task at a time after the read's own (prepareSnapshot), then shown: never one long freeze.
   */
  const refreshSnapshot = useCallback(async (): Promise<WorkbookSnapshot | undefined> => {
    const wb = ref.current.workbench;
    if (!wb) return undefined;
    const read = await wb.host.read();
    await yieldToEventLoop();
    await pipeline.prepareSnapshot(read, ref.current.index.model);
    return takeSnapshot(read);
  }, [takeSnapshot]);

  /**
   * Compares the workbook's inputs with the last scoring run and shows or hides the banner: on
   * `snapshot` when the pane has just read it (no read of its own), else on a fresh read. Null for
   * a workbook never scored.
   */
  const updateStale = useCallback(async (snapshot?: WorkbookSnapshot): Promise<StaleGroup[] | null> => {
    const wb = ref.current.workbench;
    if (!wb) return null;
    const read = snapshot ?? (await wb.host.read());
    const groups = await pipeline.staleOf(wb, read, ref.current.lang);
    if (ref.current.workbench === wb) {
      const stale = groups && groups.length > 0 ? groups : undefined;
      // "Scored" and "out of date" together would contradict each other: the banner replaces the success message.
      patch((s) => ({ stale, ...(stale && s.notice?.key === "scoreDone" ? { notice: undefined } : {}) }));
    }
    return groups;
  }, [patch]);

  /** After a write that changes the forms (forms brought in or added): the banner of a scored workbook on the read done after it. */
  const refreshStale = useCallback(
    async (snapshot: WorkbookSnapshot | undefined): Promise<void> => {
      if (snapshot && ref.current.scoredAt) await updateStale(snapshot);
    },
    [updateStale],
  );

  // In Excel, after a scoring run: an edit of an input cell shows the banner at once.
  /** What the last JSON definition file opened gave (its model, or its problems), for when "Tệp JSON" is chosen again. */
  const lastFile = useRef<{ model?: IndexModel; problems?: PaneState["index"]["problems"] } | undefined>(undefined);
  const unwatch = useRef<(() => Promise<void>) | null>(null);
  const stopWatching = useCallback(async () => {
    const stop = unwatch.current;
    unwatch.current = null;
    if (stop) await stop().catch(() => undefined);
  }, []);
  // When Excel refuses to register the watch (another workbook active, a lost connection), it is
  // tried again shortly, while this workbook is open and no run is writing (a run stops the watch
  // on purpose), so that an edit after the refusal is still seen.
  const retryWatch = useRef<ReturnType<typeof setTimeout> | null>(null);
  const startWatchingRef = useRef<() => Promise<void>>(async () => undefined);
  const retryWatching = useCallback((wb: Workbench) => {
    if (retryWatch.current !== null) return;
    retryWatch.current = setTimeout(() => {
      retryWatch.current = null;
      const now = ref.current;
      if (now.workbench !== wb || unwatch.current !== null || !now.scoredAt) return;
      if (now.busy) retryWatching(wb);
      // Watching again, and what was edited while nothing watched is compared at once.
      else
        void startWatchingRef
          .current()
          .then(() => updateStale())
          .catch(() => undefined);
    }, WATCH_RETRY_MS);
  }, [updateStale]);
  useEffect(
    () => () => {
      if (retryWatch.current !== null) clearTimeout(retryWatch.current);
    },
    [],
  );
  /** `snapshot`: the workbook as the pane has just read it (watching then reads nothing of its own). */
  const startWatching = useCallback(async (snapshot?: WorkbookSnapshot) => {
    await stopWatching();
    const wb = ref.current.workbench;
    if (!wb?.watchInputs) return;
    // Edits come in bursts (a paste, a fill-down): one comparison at a time, and one more after it if needed.
    let running = false;
    let again = false;
    const onChange = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          await updateStale().catch(() => undefined);
        } while (again);
      } finally {
        running = false;
      }
    };
    try {
      unwatch.current = await wb.watchInputs(() => void onChange(), snapshot);
    } catch (e) {
      retryWatching(wb);
      throw e;
    }
  }, [stopWatching, updateStale, retryWatching]);
  startWatchingRef.current = startWatching;
  useEffect(() => () => void stopWatching(), [stopWatching]);

  // The pane follows a change of theme while it is open (the system's outside Excel, Office's in it).
  useEffect(() => (typeof window === "undefined" ? undefined : watchTheme(window as unknown as Parameters<typeof watchTheme>[0], env.mode, (dark) => patch({ dark }))), [env.mode, patch]);

  const actions = useMemo(
    () => ({
      setLang: (lang: Lang) => {
        saveLang(lang);
        patch({ lang });
      },
      /** The list of units typed: what was said about a CSV file no longer applies to it. */
      setUnitsText: (unitsText: string) => patch({ unitsText, unitsCsvProblem: undefined }),
      /** A units CSV file: its list replaces the one typed, unless nothing could be taken from it. */
      openUnitsCsv: (file: PickedFile) => {
        const read = unitsFromCsvFile(file.data, file.name, ref.current.index.model);
        patch((s) => ({ unitsText: read.text ?? s.unitsText, unitsCsvProblem: read.problem }));
      },
      // A success message belongs to the step it came from; warnings and errors stay until dismissed.
      setStep: (step: StepId) => patch((s) => ({ step, notice: s.notice && (s.notice.intent === "success" || s.notice.intent === "info") ? undefined : s.notice })),
      dismissNotice: () => patch({ notice: undefined }),
      dismissWriteWarnings: () => patch({ writeWarnings: undefined }),
      dismissMissingFeatures: () => patch({ missingFeatures: undefined }),
      /** The workbook was downloaded as it is now: nothing is lost by choosing another. */
      downloaded: () => patch({ unsaved: false }),
      /** At start in Excel: reads the workbook, and on a scored one says whether the results are stale. */
      refresh: () =>
        busy("progressRead", async (progress) => {
          // What this Excel cannot do, said once: the rest of the pane works. Said with what the read
          // of the workbook brings (the index the pane takes from its forms): one announcement, not
          // one cut short by the next. Said all the same when the read fails.
          const missing = ref.current.workbench?.missingFeatures?.() ?? [];
          let snapshot: WorkbookSnapshot | undefined;
          try {
            snapshot = await refreshSnapshot();
          } finally {
            if (missing.length > 0) patch({ missingFeatures: missing });
          }
          actions.takeWorkbookIndex(snapshot);
          if (ref.current.scoredAt) {
            await progress("progressStale");
            await updateStale(snapshot);
            await startWatching(snapshot);
          }
        }),
      /** "Kiểm tra lại": compares the inputs with the last scoring run again. */
      recheckStale: () =>
        busy("progressCheck", async () => {
          const groups = await updateStale();
          // Results of another index than the one chosen are said to be so, not to "still match".
          const notice = pipeline.recheckNotice(ref.current, groups);
          if (notice) patch({ notice });
        }),
      setChartKinds: (chartKinds: ChartKind[]) => patch({ chartKinds: CHART_KINDS.filter((k) => chartKinds.includes(k)) }),
      setRanking: (ranking: Partial<RankingChoice>) => patch((s) => ({ ranking: { ...s.ranking, ...ranking } })),
      setProfileUnits: (profileUnits: string[]) => patch({ profileUnits }),

      /** Outside Excel: open the chosen .xlsx file. */
      openWorkbook: (file: PickedFile) =>
        busy("progressRead", async (progress) => {
          const { index } = ref.current;
          const wb = await pipeline.openFileWorkbench(file, index.source === "builtin" && index.model ? index.builtinId : undefined);
          if (ref.current.downloadUrl) URL.revokeObjectURL(ref.current.downloadUrl);
          ref.current.workbench?.close?.();
          patch({ workbench: wb, downloadUrl: undefined, downloadKind: undefined, unsaved: false, issues: undefined, score: undefined, scoreOfOtherIndex: undefined, setAside: undefined, stale: undefined, collected: undefined, writeWarnings: undefined });
          const snapshot = await refreshSnapshot();
          if (ref.current.scoredAt) {
            // A scored workbook: its figures compared with the last scoring, a stage of its own.
            await progress("progressStale");
            await updateStale(snapshot);
          }
          // Choosing the index the workbook holds (or its forms name) is a task of its own.
          await yieldToEventLoop();
          actions.takeWorkbookIndex(snapshot);
        }),

      /**
       * A workbook scored before holds the index it was scored with: the pane uses it when it was
       * asked to, or when the built-in index chosen is another one (scoring with that one would
       * skip every form the workbook holds), and says so. A workbook never scored whose forms all
       * name one built-in index (their `Bộ chỉ số` cell) gets that index chosen, the same way. An
       * index opened from a file stays.
       */
      takeWorkbookIndex: (snapshot: WorkbookSnapshot | undefined) => {
        const def = snapshot ? pipeline.embeddedDefinition(snapshot) : undefined;
        if (def === undefined) {
          if (!snapshot) return;
          if (ref.current.index.source === "embedded") {
            // The index kept from the workbook before is not this one's: back to a built-in index,
            // the one this workbook's forms name when they name one.
            const named = pipeline.builtinOfForms(snapshot);
            actions.chooseBuiltin(named?.id ?? ref.current.index.builtinId);
            patch({
              notice: named
                ? { intent: "info", message: pipeline.namingIndex("indexFromFormsNoEmbedded", named.definition), indexChoice: true, noEmbedded: true }
                : { intent: "warning", key: "embeddedNoneChosen", indexChoice: true, noEmbedded: true },
            });
            return;
          }
          actions.takeFormsIndex(snapshot);
          return;
        }
        const s = ref.current;
        if (s.index.source === "embedded") {
          actions.applyDefinition(def);
          return;
        }
        if (s.index.source !== "builtin") return;
        const held = def as { id?: unknown; version?: unknown };
        const inUse = s.index.model?.definition;
        if (inUse && inUse.id === held.id && inUse.version === held.version) return;
        patch((x) => ({ index: { ...x.index, source: "embedded" } }));
        actions.applyDefinition(def);
        if (ref.current.index.model) patch({ notice: { intent: "info", message: pipeline.namingIndex("indexFromWorkbook", def), indexChoice: true } });
      },

      /** A workbook never scored: the built-in index its forms name, when it is not the one chosen. */
      takeFormsIndex: (snapshot: WorkbookSnapshot) => {
        const s = ref.current;
        if (s.index.source !== "builtin") return;
        const named = pipeline.builtinOfForms(snapshot);
        if (!named) return;
        const inUse = s.index.model?.definition;
        const held = named.definition as { id?: unknown; version?: unknown };
        if (s.index.builtinId === named.id && inUse && inUse.id === held.id && inUse.version === held.version) return;
        actions.chooseBuiltin(named.id);
        if (ref.current.index.model) patch({ notice: { intent: "info", message: pipeline.namingIndex("indexFromForms", named.definition), indexChoice: true } });
      },

      /** The notice's "Use this index": the built-in index the forms were made for. */
      useOfferedIndex: (id: string) => {
        // The button of the run that offered the index: the one to press again.
        const rerun = ref.current.notice?.rerun;
        actions.chooseBuiltin(id);
        const def = pipeline.builtinDefinition(id);
        if (ref.current.index.model && def !== undefined) patch({ notice: { intent: "success", message: pipeline.indexSwitchedMessage(def, rerun), indexChoice: true } });
      },

      /** The Index step's button under "the forms were made for another index": the forms' built-in index. */
      useFormsIndex: (id: string) => {
        actions.chooseBuiltin(id);
        const def = pipeline.builtinDefinition(id);
        if (ref.current.index.model && def !== undefined) patch({ notice: { intent: "success", message: pipeline.namingIndex("indexOfFormsChosen", def), indexChoice: true } });
      },

      /** A built-in index chosen (by the user, or by the pane before it says so). */
      chooseBuiltin: (id: string) => {
        patch((s) => ({ index: { ...s.index, source: "builtin", builtinId: id }, notice: noticeAfterIndexChoice(s.notice, id) }));
        const def = pipeline.builtinDefinition(id);
        if (def !== undefined) actions.applyDefinition(def);
      },
      setSource: (source: IndexSource) => {
        patch((s) => ({ index: { ...s.index, source }, notice: noticeAfterIndexChoice(s.notice) }));
        if (source === "builtin") actions.chooseBuiltin(ref.current.index.builtinId);
        // "Tệp JSON": the file opened before, if any; none yet, then no index until one is opened
        // (never the index chosen before under another option, scored with as if it were the file's).
        if (source === "file") {
          const file = lastFile.current;
          if (file?.model) setModel(file.model);
          else patch((s) => withoutModel(s, file?.problems));
        }
        if (source === "embedded" && ref.current.snapshot) {
          const def = pipeline.embeddedDefinition(ref.current.snapshot);
          if (def) actions.applyDefinition(def);
        }
      },
      openDefinitionFile: (file: PickedFile) => {
        patch((s) => ({ index: { ...s.index, source: "file", fileName: file.name } }));
        // As a CSV file is read: UTF-8, UTF-16 ("Unicode"), or ANSI (Windows-1258) with a warning to check the diacritics.
        const { text, notice, notText } = decodeDefinitionFile(file.data, file.name);
        // An image or a workbook chosen by mistake: said as what it is, not as JSON that does not parse.
        const r: ReturnType<typeof pipeline.parseDefinitionJson> = notText
          ? { ok: false, problems: [definitionMessages.definitionNotText(file.name, notText)] }
          : pipeline.parseDefinitionJson(text);
        lastFile.current = r.ok ? { model: r.model } : { problems: r.problems };
        if (r.ok) setModel(r.model);
        else patch((s) => ({ ...withoutModel(s, r.problems), notice: noticeAfterIndexChange(s.notice) }));
        // Shown until dismissed; a later file read cleanly takes away the earlier file's notice, and nothing else.
        if (notice) definitionFileNotices.add(notice);
        patch((s) => ({
          notice: notice ? { intent: "warning", message: notice } : s.notice?.message && definitionFileNotices.has(s.notice.message) ? undefined : noticeAfterIndexChoice(s.notice),
        }));
      },
      applyDefinition: (input: unknown) => {
        const r = pipeline.parseDefinitionValue(input);
        if (r.ok) setModel(r.model);
        else patch((s) => ({ ...withoutModel(s, r.problems), notice: noticeAfterIndexChange(s.notice) }));
      },

      /** `asFile`: in Excel too, as a file to download (the notice's offer when the workbook's forms are of another index). */
      makeTemplates: (unitsText: string, asFile = false) =>
        busy("progressTemplates", async () => {
          const s = ref.current;
          const model = s.index.model;
          if (!model) return;
          const units = parseUnitList(unitsText, model);
          if (units.length === 0) {
            patch({ notice: { intent: "warning", key: "unitsNone" } });
            return;
          }
          // Units of a category the index does not have, units of one code: every problem of the list at once.
          const problems = unitListProblems(model, units);
          if (problems) {
            patch({ notice: problems });
            return;
          }
          // An Excel that cannot insert sheets from another file (below ExcelApi 1.13) gets the forms as a file to download.
          const lacking = s.mode === "excel" ? s.workbench?.missingFeatures?.().find((f) => f.feature === "insertWorkbooks") : undefined;
          if (s.mode === "excel" && s.workbench && !lacking && !asFile) {
            // A workbook whose forms are of another index gets none of this one's (it is scored on one
            // index): said before anything is made, with what the user can do, as the workbook is now.
            const other = pipeline.templatesIntoOtherIndex({ snapshot: await refreshSnapshot(), index: ref.current.index });
            if (other) {
              patch({ notice: { intent: "warning", message: other.message, makeFile: true, ...(other.offer ? { useBuiltin: other.offer.builtinId, rerun: "makeTemplates" as const } : {}) } });
              return;
            }
          }
          if (s.templates?.url) URL.revokeObjectURL(s.templates.url);
          if (s.mode === "excel" && s.workbench && !lacking && !asFile) {
            // Into the workbook in files of at most TEMPLATE_BATCH units each: Excel takes one file of
            // at most a few megabytes per request (a thousand units' forms in one file are over it).
            // The files are named as the pane's own (madeFormsFile): what is said of them says "the forms just made".
            const files: PickedFile[] = [];
            for (let i = 0; i < units.length; i += TEMPLATE_BATCH) {
              files.push({ name: madeFormsFile(files.length + 1), data: await pipeline.makeTemplateFile(model, units.slice(i, i + TEMPLATE_BATCH), s.lang) });
            }
            const added = await s.workbench.addWorkbooks(files, undefined);
            const made = pipeline.templatesNotice(added);
            patch({
              templates: { count: added.taken.length },
              setAside: added.taken.length > 0 ? undefined : s.setAside,
              notice: pipeline.withBuiltinNameWarning(added.taken.length > 0 ? withUnitsWithoutCategory(made, model, units) : made, model),
            });
            await refreshStale(await refreshSnapshot());
          } else {
            const bytes = await pipeline.makeTemplateFile(model, units, s.lang);
            const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
            patch({
              templates: { url, count: units.length },
              notice: pipeline.withBuiltinNameWarning(
                withUnitsWithoutCategory(
                  lacking
                    ? lacking.onIpad
                      ? { intent: "warning", key: "templatesAsFileOnIpad", params: { count: units.length } }
                      : { intent: "warning", key: "templatesAsFile", params: { count: units.length, requirement: lacking.requirement } }
                    : { intent: "success", key: "templatesMadeFile", params: { count: units.length } },
                  model,
                  units,
                ),
                model,
              ),
            });
          }
        }),

      importWorkbooks: (files: PickedFile[]) =>
        busy("progressWrite", async (progress) => {
          const s = ref.current;
          if (!s.workbench) {
            patch({ notice: { intent: "warning", key: "needWorkbook" } });
            return;
          }
          const wb = s.workbench;
          // A CSV table is no form file: said so, not taken for a damaged .xlsx.
          const csv = files.filter(pipeline.isCsvFile);
          const rest = files.filter((f) => !pipeline.isCsvFile(f));
          const read = rest.length > 0 ? await wb.addWorkbooks(rest, s.index.model) : { taken: [], skipped: [], warnings: [] };
          const added = { ...read, skipped: [...csv.map((f) => pipeline.csvFileSkip(f.name)), ...read.skipped] };
          // The workbook as it is now: whether its own forms are of the index in use decides what is said of files of another.
          const after = await refreshSnapshot();
          const notice = pipeline.importNotice(added, s.index.model, pipeline.holdsFormsOf(after, s.index.model));
          patch({
            collected: { taken: added.taken, skipped: added.skipped.map((k) => k.reason) },
            setAside: added.taken.length > 0 ? undefined : s.setAside,
            notice: notice.useBuiltin !== undefined ? { ...notice, rerun: "importFiles" } : notice,
          });
          // Forms brought into a scored workbook: the banner says so, on the read done anyway.
          await refreshStale(after);
          // Outside Excel the forms are in the pane's copy only: they download with the workbook.
          if (wb.mode === "file" && added.taken.length > 0) {
            await progress("progressDownload");
            await actions.refreshDownload("collected");
          }
        }, "importFiles"),

      check: () =>
        busy("progressRead", async (progress) => {
          const s = ref.current;
          const model = readyToRead(s);
          if (!model || !s.workbench) return;
          // Until its findings are shown, the check can be stopped ("Dừng": stopCheck); a check stopped
          // says nothing more, and nothing it would still answer reaches the pane.
          const run = new AbortController();
          checkRun.current = run;
          const going = (key: StringKey, fraction?: number) => (run.signal.aborted ? Promise.resolve() : progress(key, fraction));
          patch({ checking: true });
          try {
            await going("progressCheck");
            // The forms are read and checked off the pane's thread (a Web Worker): the bar says how far the check is.
            const found = await pipeline.check(s.workbench, model, s.lang, (fraction) => going("progressCheck", fraction), run.signal);
            if (run.signal.aborted) return;
            const { submissions, issues, stale, snapshot } = found;
            checkRun.current = undefined;
            patch({ checking: false, issues, unitsChecked: submissions.length, stale, unitNames: pipeline.unitNamesOf(submissions) });
            // The workbook as the check read it: not read again. What the pane makes of it (mostly known
            // already: the check's worker read it) is made a task at a time before the pane shows it.
            await pipeline.prepareSnapshot(snapshot, model);
            takeSnapshot(snapshot);
            await progress("progressDone", 1);
          } catch (e) {
            // Stopped: stopCheck has put the pane back as it was before the check, and said so.
            if (run.signal.aborted && isCheckStopped(e)) return;
            throw e;
          } finally {
            if (checkRun.current === run) {
              checkRun.current = undefined;
              patch({ checking: false });
            }
          }
        }, "checkRun"),

      /**
       * "Dừng": the Check under way is stopped. The pane is as it was before that check (the findings
       * before it, if any, still shown; nothing marked out of date), ready for the next action at once,
       * and says the check was stopped; the check's work ends as soon as it can, and nothing it would
       * still answer is taken.
       */
      stopCheck: () => {
        const run = checkRun.current;
        if (!run) return;
        checkRun.current = undefined;
        run.abort();
        patch((s) => ({ busy: undefined, checking: false, notice: { intent: "info", key: s.issues ? "checkStoppedKept" : "checkStopped" } }));
      },

      /** Selects the finding's cell in Excel: true once it is selected. */
      goTo: async (issue: Issue): Promise<boolean> => {
        const wb = ref.current.workbench;
        if (wb?.goTo && issue.sheet && issue.cell) {
          try {
            await wb.goTo(issue.sheet, issue.cell);
            return true;
          } catch (e) {
            // A sentence written for the user (Excel refused the request: another workbook active, a cell being edited) is shown as it is.
            if (!pipeline.isLocalizedError(e)) console.error(e);
            patch({ notice: pipeline.isLocalizedError(e) ? { intent: e.intent ?? "error", message: e.localized } : unexpectedNotice(e, ref.current.lang) });
          }
        }
        return false;
      },

      clearMarks: () =>
        busy("progressWrite", async (progress) => {
          const wb = ref.current.workbench;
          if (!wb) return;
          patch({ writeWarnings: undefined });
          const { cleared: count, written } = await pipeline.clearIssueMarks(wb, ref.current.lang);
          patch({
            // The marks of the index put aside are gone with the others: its findings no longer match the workbook.
            setAside: undefined,
            notice:
              count > 0
                ? { intent: "success", key: "cleared", params: { count } }
                : written.warnings.length === 0
                  ? { intent: "info", key: "clearedNone" }
                  : undefined,
            writeWarnings: written.warnings.length > 0 ? { step: "check", warnings: written.warnings } : undefined,
          });
          if (wb.mode === "file" && count > 0) {
            await progress("progressDownload");
            await actions.refreshDownload("cleared");
          }
          await progress("progressReadBack");
          await refreshSnapshot();
        }),

      /** Checks and marks the cells with issues (fill and note), without writing scores. */
      markCells: () =>
        busy("progressCheck", async (progress) => {
          const s = ref.current;
          const model = readyToRead(s);
          if (!model || !s.workbench) return;
          patch({ writeWarnings: undefined });
          // Marks left by an earlier run are replaced: with none before and none now, the file is as it was.
          const marksBefore = s.snapshot ? (pipeline.indexSheetOf(s.snapshot)?.marks.length ?? 0) : 0;
          const { units, issues, marked, written } = await pipeline.markIssues(s.workbench, model, s.lang, () => progress("progressWrite"));
          patch({
            issues,
            unitsChecked: units.length,
            unitNames: pipeline.unitNamesOf(units),
            // The marks now are this index's: what was put aside of another no longer matches the workbook.
            setAside: undefined,
            // With every mark on sheets left unwritten, the warnings alone say what happened.
            notice:
              marked > 0
                ? { intent: "success", key: "marked", params: { count: marked } }
                : written.warnings.length === 0
                  ? { intent: "info", key: "markedNone" }
                  : undefined,
            writeWarnings: written.warnings.length > 0 ? { step: "check", warnings: written.warnings } : undefined,
          });
          if (s.workbench.mode === "file" && (marked > 0 || marksBefore > 0)) {
            await progress("progressDownload");
            await actions.refreshDownload("marked");
          }
          // The workbook as the marks left it (outside Excel, read again from what the write made).
          await progress("progressReadBack");
          await refreshSnapshot();
          await progress("progressDone", 1);
        }, "markCells"),

      /** Outside Excel: the workbook as the last write left it, for download, named by what that write did. */
      refreshDownload: async (kind: DownloadKind) => {
        const wb = ref.current.workbench;
        if (!wb?.toBlob) return;
        const blob = await wb.toBlob();
        if (ref.current.downloadUrl) URL.revokeObjectURL(ref.current.downloadUrl);
        // Named by the most telling thing it holds: a workbook that holds scores is the scored one, marked
        // or not; forms brought into a marked workbook leave it the marked one.
        const s = ref.current;
        const marks = s.snapshot ? (pipeline.indexSheetOf(s.snapshot)?.marks.length ?? 0) : 0;
        const named: DownloadKind = s.scoredAt ? "scored" : kind === "collected" && marks > 0 ? "marked" : kind;
        patch({ downloadUrl: URL.createObjectURL(blob), downloadKind: named, unsaved: true });
      },

      /** Scores and writes results, issue marks and charts (`mark: false` leaves cells unmarked). */
      score: () =>
        busy("progressRead", async (progress) => {
          const s = ref.current;
          const model = readyToRead(s);
          if (!model || !s.workbench) return;
          await stopWatching();
          let after: WorkbookSnapshot | undefined;
          try {
            // The charts step's button runs the same scoring: its warnings belong to that step.
            const from: StepId = s.step === "charts" ? "charts" : "score";
            patch({ writeWarnings: undefined });
            const result = await pipeline.score(s.workbench, model, {
              lang: s.lang,
              // Making charts does not change the workbook's language: the results and charts sheets
              // stay in the one it was scored in, whatever the pane's language is now.
              keepWorkbookLang: from === "charts",
              ranking: s.ranking,
              profileUnits: s.profileUnits,
              chartKinds: s.chartKinds,
              onProgress: (stage, fraction) => progress(stage, fraction),
            });
            const summary = { ...scoreSummary(result.units, result.issues, result.ranking, model), lang: result.lang };
            const ranked = summary.ranked;
            // The Charts step's button says what it did to the charts; the Score step's, what it scored.
            const done = from === "charts" ? pipeline.chartsNotice(result, result.lang, s.lang, (s.stale?.length ?? 0) > 0) : scoreDoneNotice(result.units.length, ranked, result.issues, result.units, model.definition.unitLabel);
            // An input edited while the run went on: the banner says so at once, in place of "scored" (updateStale's rule).
            const stale = result.stale;
            patch({
              issues: result.issues,
              unitsChecked: result.units.length,
              unitNames: pipeline.unitNamesOf(result.units),
              score: summary,
              scoreOfOtherIndex: undefined,
              // The workbook's results are now this index's: another's put aside no longer match them.
              setAside: undefined,
              stale,
              notice: stale && done?.key === "scoreDone" ? undefined : done,
              writeWarnings: result.written.warnings.length > 0 ? { step: from, warnings: result.written.warnings } : undefined,
            });
            // The results are drawn in a turn of their own, then what the pane makes of the workbook
            // read back (its `_index`, the forms' index), each its own task: never one long freeze.
            await yieldToEventLoop();
            if (result.after) await pipeline.prepareSnapshot(result.after, model);
            // The workbook as the run left it, read once (by the run): for the pane and for watching its inputs.
            after = result.after ? takeSnapshot(result.after) : await refreshSnapshot();
            if (s.workbench.mode === "file") {
              // The run's words stay until the end: "Xong." only once the download is ready too.
              await progress("progressDownload");
              await actions.refreshDownload("scored");
            }
          } finally {
            // Watching goes on after a run Excel refused as after one that wrote: the workbook's
            // earlier results are still there to go stale.
            if (ref.current.scoredAt) await startWatching(after).catch(() => undefined);
          }
          await progress("progressDone", 1);
        }, ref.current.step === "charts" ? "chartsRun" : "scoreRun"),
    }),
    [busy, patch, readyToRead, refreshSnapshot, refreshStale, setModel, startWatching, stopWatching, takeSnapshot, updateStale],
  );

  return { state, actions, tr: (key: StringKey, params?: Params) => t(state.lang, key, params) };
}

export type PaneActions = ReturnType<typeof usePane>["actions"];
