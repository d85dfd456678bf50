import {
  Button,
  FluentProvider,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Tab,
  TabList,
  Text,
  makeStyles,
  mergeClasses,
  shorthands,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { type Ref, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { sheetAddress } from "../core/a1";
import { FileButton } from "./components/FileButton";
import { Header } from "./components/Header";
import { IndexStep } from "./components/IndexStep";
import { ScoreStep, findingsAfterScoreText, formatWhen } from "./components/ScoreStep";
import { useStepStyles } from "./components/styles";
import type { LocalizedText } from "../core/definition/schema";
import type { Issue, WorkbookSnapshot } from "../core/types";
import { type StringKey, t } from "./i18n";
import { CANNOT_RUN_ATTRIBUTE, DISMISS_ATTRIBUTE, DISMISS_MARK, RERUN_ATTRIBUTE, focusChoice } from "./focus";
import type { Environment } from "./state/environment";
import { checkSummary, leftOutSentences } from "./state/findings";
import { withPathBreaks } from "./components/pattern";
import { useBarName } from "./components/bar";
import { formsIndexMismatch, missingFeaturesNotice, offerLabel, staleIndexMessage, staleIndexTitle, staleLines } from "./state/pipeline";
import { type DownloadKind, type Notice, type NoticeGroup, type PaneState, type StepId, severityCounts, usePane } from "./state/usePane";
import { StepLoadBoundary, stepPart } from "./components/StepLoad";
import type { Workbench } from "./state/workbench";

/**
 * The Collect, Check and Charts steps (the list of units and the forms, the lists of findings and
 * of units, and the controls to search them) are parts of the pane of their own, fetched in idle
 * time once the pane opens (webpackPrefetch): the pane's first scripts stay small, and the step is
 * there by the time it is opened.
 */
const collectStep = stepPart(() => import(/* webpackChunkName: "collect-step", webpackPrefetch: true */ "./components/CollectStep").then((m) => m.CollectStep));
const checkStep = stepPart(() => import(/* webpackChunkName: "check-step", webpackPrefetch: true */ "./components/CheckStep").then((m) => m.CheckStep));
const chartsStep = stepPart(() => import(/* webpackChunkName: "charts-step", webpackPrefetch: true */ "./components/ChartsStep").then((m) => m.ChartsStep));

const STEPS: { id: StepId; key: StringKey; short: StringKey }[] = [
  { id: "index", key: "stepIndex", short: "stepIndexShort" },
  { id: "collect", key: "stepCollect", short: "stepCollectShort" },
  { id: "check", key: "stepCheck", short: "stepCheckShort" },
  { id: "score", key: "stepScore", short: "stepScoreShort" },
  { id: "charts", key: "stepCharts", short: "stepChartsShort" },
];

const useStyles = makeStyles({
  root: { minHeight: "100vh", display: "flex", flexDirection: "column", backgroundColor: tokens.colorNeutralBackground1 },
  // Five steps on one row down to Office's narrowest pane (320 px, less a scrollbar): a number above
  // a short label, each tab as wide as its label plus an equal share of the rest. Where the row is
  // narrower than the five labels (a zoomed page: 200% in a 350 px pane leaves 175 CSS px), the
  // tabs go on to a second row rather than cut a label: a tab is never narrower than its longest
  // word, and a label wraps only between words.
  tabs: {
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    flexWrap: "wrap",
    alignItems: "stretch",
  },
  tab: {
    flexGrow: 1,
    flexShrink: 1,
    flexBasis: "auto",
    minWidth: "min-content",
    justifyContent: "center",
    paddingLeft: tokens.spacingHorizontalXXS,
    paddingRight: tokens.spacingHorizontalXXS,
    // Fluent keeps a hidden bold copy of the label to reserve its width; our labels never turn bold.
    "& .fui-Tab__content--reserved-space": { display: "none" },
    "& .fui-Tab__content": { maxWidth: "100%", display: "flex", flexDirection: "column", alignItems: "center", gap: "2px" },
  },
  tabNumber: {
    display: "inline-flex",
    alignItems: "center",
    justifyContent: "center",
    flexShrink: 0,
    width: "20px",
    height: "20px",
    borderRadius: tokens.borderRadiusCircular,
    fontSize: tokens.fontSizeBase100,
    lineHeight: "20px",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground2,
  },
  tabNumberSelected: { backgroundColor: tokens.colorBrandBackground, ...shorthands.borderColor(tokens.colorBrandBackground), color: tokens.colorNeutralForegroundOnBrand },
  // Regular weight even when selected (the filled number shows it): bold "Chấm điểm" would not fit.
  tabLabel: {
    fontWeight: tokens.fontWeightRegular,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    whiteSpace: "normal",
    overflowWrap: "normal",
    wordBreak: "normal",
    textAlign: "center",
    maxWidth: "100%",
  },
  landmark: { display: "flex", flexDirection: "column", minWidth: 0 },
  main: { padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  workbook: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  // The stage's words, and "Dừng" at the end of their line while a check can be stopped.
  progressLine: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  // Nothing running: the empty region takes no room, not even the gap above the next block.
  progressIdle: { marginBottom: `calc(-1 * ${tokens.spacingVerticalM})` },
  // A notice's counted line ("21 phiếu trống được bỏ qua…") that opens to its list.
  group: { marginTop: tokens.spacingVerticalXS, "& > summary": { cursor: "pointer" } },
  nowrap: { whiteSpace: "nowrap" },
  // A notice's lists indented as far as their bullets need: the pane is narrow.
  list: { margin: `${tokens.spacingVerticalXS} 0`, paddingInlineStart: "1.25em" },
});

/** The sheets the user sees in the workbook's tabs (not the hidden ones, nor the pane's very hidden _index). */
export function visibleSheets(snapshot: WorkbookSnapshot | undefined): number {
  return (snapshot?.sheets ?? []).filter((sheet) => sheet.visible !== false).length;
}

/** A notice's sentence in `lang`. */
function noticeText(notice: Notice, lang: PaneState["lang"]): string {
  return notice.message ? notice.message[lang] : notice.key ? t(lang, notice.key, notice.params) : "";
}

/**
 * The Check step's summary as the live region says it: "Đã kiểm tra 20 tỉnh và 1 phiếu chưa được chấm: 3 lỗi
 * và 1 cảnh báo" (the units as the index calls them: `unitLabel`), then the forms the reader left
 * out (not among the units counted).
 */
export function checkSaid(issues: Issue[], unitsChecked: number, lang: PaneState["lang"], unitLabel?: LocalizedText): string {
  const summary = checkSummary(issues, severityCounts(issues), unitsChecked, lang, unitLabel);
  return saidInTurn([t(lang, summary.key, summary.params), ...leftOutSentences(issues, "check", lang)]);
}

/**
 * Parts a live region says one after the other, each ended as a sentence (a line the pane shows
 * without a full stop, "Đã kiểm tra 4 sở: 1 lỗi…", gets one), so that a screen reader pauses
 * between them rather than running them together.
 */
export function saidInTurn(parts: readonly string[]): string {
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => (/[.!?…:;]$/u.test(p) ? p : `${p}.`))
    .join(" ");
}

/**
 * What the live region says of a notice: its sentence and its lines (routine lines by their counts
 * only: the lists stay closed), then what the step shows beside it that the notice does not say —
 * after scoring, the errors and warnings found (`scoreCounts`); after marking cells, the check's
 * summary (`checked`: the Check step shows it above the findings, and no other announcement says it).
 */
export function noticeSaid(
  n: Notice,
  lang: PaneState["lang"],
  context: { scoreCounts?: Record<"error" | "warning", number>; checked?: { issues: Issue[]; unitsChecked: number; unitLabel?: LocalizedText }; download?: DownloadKind } = {},
): string {
  const details = [...(n.details ?? []), ...(n.groups ?? []).map((g) => g.label)].map((d) => d[lang]);
  const findings = n.key === "scoreDone" && context.scoreCounts ? (findingsAfterScoreText(context.scoreCounts, lang) ?? "") : "";
  const checked = (n.key === "marked" || n.key === "markedNone") && context.checked ? checkSaid(context.checked.issues, context.checked.unitsChecked, lang, context.checked.unitLabel) : "";
  // Outside Excel the workbook scored or marked lives in this tab until it is downloaded: said, with the link's name.
  const keep = context.download ? t(lang, "downloadToKeep", { link: t(lang, DOWNLOAD_KEYS[context.download]) }) : "";
  return saidInTurn([noticeText(n, lang), ...details, findings, checked, keep]);
}

/**
 * Outside Excel, the download a scoring, charting or marking run leaves (its link is named by it:
 * what refreshDownload names it, a workbook that holds scores being the scored one); none in
 * Excel, where the workbook is saved as it is.
 */
export function downloadAfter(n: Notice, state: Pick<PaneState, "mode" | "scoredAt">): DownloadKind | undefined {
  if (state.mode !== "file") return undefined;
  if (n.key === "scoreDone" || n.key === "chartsDone") return "scored";
  if (n.key === "marked") return state.scoredAt ? "scored" : "marked";
  return undefined;
}

/**
 * What a live region's words say: a state the pane shows for as long as it holds (an index
 * definition's problems, the stale banner, results of another index), taken back when it is gone.
 */
type LiveSource = "definition" | "stale" | "staleIndex" | "formsIndex";

/** What a live region says, made in the language the pane has when it is said. */
type Saying = (lang: PaneState["lang"]) => string;

/**
 * Two live regions, always in the page (a region that appears with its text is not read): what the
 * pane just said is put in the polite one (results) or the assertive one (warnings and errors).
 * What was said of a state (`source`) is taken back (`retract`) when that state is gone, so that
 * the region does not keep saying it. What is said is made in the pane's language when it is put
 * in the region; a change of language empties both regions (what they held was read, and is not
 * read again), so that they never hold words of the language left.
 */
function useAnnouncer(lang: PaneState["lang"]) {
  const [live, setLive] = useState({ polite: "", assertive: "" });
  const langRef = useRef(lang);
  // What is waiting to be said in each region: things said at once are said together.
  const pending = useRef<{ polite: { say: Saying; source?: LiveSource }[]; assertive: { say: Saying; source?: LiveSource }[] }>({ polite: [], assertive: [] });
  // The states whose words each region holds now.
  const holds = useRef({ polite: new Set<LiveSource>(), assertive: new Set<LiveSource>() });
  const timers = useRef<{ polite?: ReturnType<typeof setTimeout>; assertive?: ReturnType<typeof setTimeout> }>({});
  const announce = useCallback((say: Saying, urgent: boolean, source?: LiveSource) => {
    if (say(langRef.current) === "") return;
    const which = urgent ? "assertive" : "polite";
    pending.current[which].push(source ? { say, source } : { say });
    if (timers.current[which] !== undefined) return;
    // Emptied first, so that the same sentence said twice is read twice.
    setLive((l) => ({ ...l, [which]: "" }));
    timers.current[which] = setTimeout(() => {
      timers.current[which] = undefined;
      const said = pending.current[which];
      pending.current[which] = [];
      holds.current[which] = new Set(said.flatMap((p) => (p.source ? [p.source] : [])));
      setLive((l) => ({ ...l, [which]: said.map((p) => p.say(langRef.current)).filter((x) => x !== "").join(" ") }));
    }, 60);
  }, []);
  // A change of language: what the regions hold goes (what waits to be said is made in the new language).
  useEffect(() => {
    if (langRef.current === lang) return;
    langRef.current = lang;
    holds.current = { polite: new Set(), assertive: new Set() };
    setLive((l) => (l.polite === "" && l.assertive === "" ? l : { polite: "", assertive: "" }));
  }, [lang]);
  const retract = useCallback((source: LiveSource) => {
    for (const which of ["polite", "assertive"] as const) {
      pending.current[which] = pending.current[which].filter((p) => p.source !== source);
      if (!holds.current[which].has(source)) continue;
      // Emptied, not said again without it: what else it held was read when it was said.
      holds.current[which] = new Set();
      setLive((l) => ({ ...l, [which]: "" }));
    }
  }, []);
  useEffect(
    () => () => {
      clearTimeout(timers.current.polite);
      clearTimeout(timers.current.assertive);
    },
    [],
  );
  return { live, announce, retract };
}

/** The elements of the step's panel that can take the keyboard focus (a button at work, disabledFocusable, can). */
const FOCUSABLE = "button:not([disabled]), select:not([disabled]), textarea:not([disabled]), input:not([disabled]):not([hidden]), [tabindex='0']";

/**
 * The element a step starts from, for the keyboard focus when what had it goes away (a notice
 * closed, the banner's button): the button the notice asks to press again (`rerun`, the key of its
 * label), else the step's main control when it can take the focus, else the first control of the
 * step that can (never a message's "Đóng": see focusChoice), else the step's tab.
 */
function stepMain(rerun?: StringKey): HTMLElement | null {
  const panel = document.getElementById("step-panel");
  if (!panel) return null;
  // A button that cannot run (no workbook, no index) takes the Tab key's focus, but is not where the pane sends it.
  const controls = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute(CANNOT_RUN_ATTRIBUTE)).map((el) => ({
    el,
    rerun: el.getAttribute(RERUN_ATTRIBUTE) ?? undefined,
    main: el.hasAttribute("data-step-main"),
    inBar: el.closest(".fui-MessageBar") !== null,
    dismiss: el.hasAttribute(DISMISS_ATTRIBUTE),
  }));
  const chosen = focusChoice(controls, rerun)?.el;
  if (chosen) return chosen;
  const tab = panel.getAttribute("aria-labelledby");
  return tab ? document.getElementById(tab) : null;
}

export function App({ env, excel }: { env: Environment; excel?: Workbench }) {
  const { state, actions } = usePane(env, excel);
  const s = useStyles();
  const st = useStepStyles();
  const { lang } = state;
  const { live, announce, retract } = useAnnouncer(lang);
  const formsIndexRef = useRef<{ vi: string; en: string } | undefined>(undefined);

  // The focus goes to the step's main control (or to the button the new notice asks to press again,
  // `rerun`) once the page shows what the action changed.
  const focusPending = useRef<{ rerun?: StringKey } | undefined>(undefined);
  const focusStepMain = useCallback((rerun?: StringKey) => {
    focusPending.current = rerun !== undefined ? { rerun } : {};
  }, []);
  // What had the keyboard focus last. When a render takes it out of the page (the Score step's
  // "check the results still match" goes when the stale banner takes its place), the focus goes to
  // what the pane asks for next (the banner's "Chấm điểm lại"; in the Score step, whose own button scores
  // again, the banner has none), else the step's main control, not to the page.
  const lastFocused = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const onFocus = (e: FocusEvent) => {
      lastFocused.current = e.target instanceof HTMLElement ? e.target : null;
    };
    document.addEventListener("focusin", onFocus);
    return () => document.removeEventListener("focusin", onFocus);
  }, []);
  useLayoutEffect(() => {
    const pending = focusPending.current;
    if (pending) {
      focusPending.current = undefined;
      stepMain(pending.rerun)?.focus();
      return;
    }
    const lost = lastFocused.current;
    if (!lost || lost.isConnected) return;
    lastFocused.current = null;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    (document.querySelector<HTMLElement>("[data-stale-rescore]:not([disabled])") ?? stepMain())?.focus();
  });

  // What the pane says is read out once, when it is said (not again when the language changes).
  const noticeIds = useRef(new WeakMap<Notice, number>());
  const nextNoticeId = useRef(0);
  let noticeId = 0;
  if (state.notice) {
    if (!noticeIds.current.has(state.notice)) noticeIds.current.set(state.notice, ++nextNoticeId.current);
    noticeId = noticeIds.current.get(state.notice)!;
  }
  // A notice that comes of something done lower in the pane (a finding clicked far down the Check
  // step, a button under a long list) is brought into view as it appears, before it is painted: a
  // sighted user sees what the pane said where they are. The focus stays where it is (on the
  // finding, the button): a screen reader hears the notice from the live region.
  const noticeBar = useRef<HTMLDivElement>(null);
  const noticeIntent = state.notice?.intent;
  useLayoutEffect(() => {
    const bar = noticeBar.current;
    if (noticeId === 0 || !bar) return;
    if (bar.getBoundingClientRect().top < 0) bar.scrollIntoView({ block: "start" });
    // The notice pushes down what is under it: a control the keyboard is on is brought back in
    // sight, when the notice stays in sight with it or only says that the work is done (the live
    // region says it too); a warning or an error comes first. A mouse user's click leaves no
    // visible focus to keep.
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body && active.matches(":focus-visible")) {
      const below = active.getBoundingClientRect().bottom - window.innerHeight;
      const routine = noticeIntent === "success" || noticeIntent === "info";
      if (below > 0 && (routine || bar.getBoundingClientRect().top - below >= 0)) active.scrollIntoView({ block: "nearest" });
    }
  }, [noticeId, noticeIntent]);
  const scoreRef = useRef(state.score);
  scoreRef.current = state.score;
  const checkedRef = useRef({ issues: state.issues, unitsChecked: state.unitsChecked, unitLabel: state.index.model?.definition.unitLabel });
  checkedRef.current = { issues: state.issues, unitsChecked: state.unitsChecked, unitLabel: state.index.model?.definition.unitLabel };
  const fileRef = useRef({ mode: state.mode, scoredAt: state.scoredAt });
  fileRef.current = { mode: state.mode, scoredAt: state.scoredAt };
  useEffect(() => {
    const n = state.notice;
    if (!n) return;
    // What was scored, then what the Score step shows under its table: the errors and warnings found;
    // what was marked, then the check's summary the Check step shows (the run's issues, set with the notice).
    const scoreCounts = scoreRef.current?.counts;
    const { issues, unitsChecked, unitLabel } = checkedRef.current;
    const checked = issues ? { issues, unitsChecked: unitsChecked ?? 0, unitLabel } : undefined;
    const download = downloadAfter(n, fileRef.current);
    announce((l) => noticeSaid(n, l, { ...(scoreCounts ? { scoreCounts } : {}), ...(checked ? { checked } : {}), ...(download ? { download } : {}) }), n.intent === "error" || n.intent === "warning");
  }, [state.notice, announce]);
  // An index definition that cannot be used (a file that is no JSON, a definition with problems):
  // how many problems and the first, not the whole list the Index step shows.
  const problems = state.index.problems;
  useEffect(() => {
    // A definition that can be used (another file, a built-in index): what was said of the last one no longer holds.
    if (!problems || problems.length === 0) {
      retract("definition");
      return;
    }
    announce((l) => t(l, "definitionInvalidSaid", { count: problems.length, first: problems[0]![l] }), true, "definition");
  }, [problems, announce, retract]);
  useEffect(() => {
    const w = state.writeWarnings;
    if (w) announce((l) => saidInTurn([t(l, "writeWarningsTitle"), ...w.warnings.map((m) => m[l])]), true);
  }, [state.writeWarnings, announce]);
  useEffect(() => {
    const missing = state.missingFeatures;
    if (missing && missing.length > 0) {
      announce((l) => {
        const said = missingFeaturesNotice(missing, l);
        return saidInTurn([t(l, "missingFeaturesTitle"), said.lead, ...said.lines, said.need]);
      }, false);
    }
  }, [state.missingFeatures, announce]);
  const staleSaid = staleLines(state.stale ?? [], "vi").join(" ");
  const staleRef = useRef({ stale: state.stale, scoredAt: state.scoredAt });
  staleRef.current = { stale: state.stale, scoredAt: state.scoredAt };
  // Results computed with another index or version than the one chosen (an analyst opening the new
  // year's definition), or with another content of it (an edited copy that kept its id and
  // version, an earlier release of a built-in): said even when no figure changed.
  const staleIndex = staleIndexMessage(state);
  // Said when what the banner says changes (forms brought in, another edit), not when the language does.
  useEffect(() => {
    if (staleSaid === "") {
      retract("stale");
      return;
    }
    const { stale: groups = [], scoredAt } = staleRef.current;
    announce((l) => `${staleBannerTitle(scoredAt, l)}. ${[...staleLines(groups, l), t(l, "staleScoreAgain")].join(" ")}`, false, "stale");
  }, [staleSaid, announce, retract]);
  // The Index step's "the forms were made for another index": said politely when it appears (the
  // user is choosing an index, and the step shows it; the select holds the options the arrow keys
  // pass, so it is said once for the index the user stops on), not again when the language changes.
  const formsIndex = state.step === "index" ? formsIndexMismatch(state) : undefined;
  const formsIndexSaid = formsIndex?.message.vi;
  formsIndexRef.current = formsIndex?.message;
  // Taken back once the forms' index is the one chosen (the pane chooses it itself as a workbook
  // opens, often before the sentence is said): what is said of it then is that it was chosen.
  const formsIndexHolds = formsIndexMismatch(state) !== undefined;
  useEffect(() => {
    if (!formsIndexHolds) retract("formsIndex");
  }, [formsIndexHolds, retract]);
  useEffect(() => {
    const said = formsIndexRef.current;
    if (formsIndexSaid === undefined || !said) return;
    announce((l) => said[l], false, "formsIndex");
  }, [formsIndexSaid, announce]);
  // Said when it appears or says something else, not again when the language changes.
  const staleIndexSaid = staleIndex?.vi;
  const staleIndexRef = useRef(staleIndex);
  staleIndexRef.current = staleIndex;
  useEffect(() => {
    const said = staleIndexRef.current;
    if (staleIndexSaid !== undefined && said) announce((l) => said[l], false, "staleIndex");
    else retract("staleIndex");
  }, [staleIndexSaid, announce, retract]);
  useEffect(() => {
    // After a check (a run that says nothing else): its summary. Marking and scoring say what they did in their notice.
    const issues = state.issues;
    if (!issues || state.notice) return;
    const unitsChecked = state.unitsChecked ?? 0;
    const unitLabel = state.index.model?.definition.unitLabel;
    // As the Check step shows it: "20 tỉnh và 1 phiếu chưa được chấm: 3 lỗi và 1 cảnh báo".
    announce((l) => checkSaid(issues, unitsChecked, l, unitLabel), false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.issues, announce]);

  // Outside Excel, the work lives in this tab until downloaded: leaving the page asks first.
  useEffect(() => {
    if (!state.unsaved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [state.unsaved]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(lang, "appTitle");
  }, [lang]);

  // The steps fetched apart are loaded once the pane has opened (their files were prefetched): each is
  // drawn at once when its tab is chosen. One that cannot be loaded now says so when its tab is chosen.
  useEffect(() => {
    const later = setTimeout(() => {
      void collectStep.start().catch(() => undefined);
      void checkStep.start().catch(() => undefined);
      void chartsStep.start().catch(() => undefined);
    }, 0);
    return () => clearTimeout(later);
  }, []);

  // Load the first built-in index (and, in Excel, read the workbook) once at start.
  useEffect(() => {
    actions.chooseBuiltin(state.index.builtinId);
    if (state.workbench) void actions.refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // In Excel, going to a finding's cell says which cell is selected (the focus stays on the finding).
  const paneActions = useMemo(
    () => ({
      ...actions,
      goTo: async (issue: Issue) => {
        const selected = await actions.goTo(issue);
        if (selected && issue.sheet && issue.cell) {
          const place = sheetAddress(issue.sheet, issue.cell);
          announce((l) => t(l, "cellSelected", { place }), false);
        }
        return selected;
      },
    }),
    [actions, announce],
  );
  const stepProps = { state, actions: paneActions };
  // How many times a step that could not be loaded was tried again: each try is a lazy step made anew.
  const [loadAttempt, setLoadAttempt] = useState(0);
  const LoadedStep = (state.step === "collect" ? collectStep : state.step === "check" ? checkStep : chartsStep).component(loadAttempt);
  // What this Excel lacks, short: one plain line each, which Excel has them, the API sets when asked for.
  const missing = state.missingFeatures && state.missingFeatures.length > 0 ? missingFeaturesNotice(state.missingFeatures, lang) : undefined;
  // The download a scoring or marking notice reminds of, while it is not yet downloaded (the link's own kind names it).
  const keepKind = state.notice && state.unsaved && state.downloadUrl && downloadAfter(state.notice, state) !== undefined ? (state.downloadKind ?? "scored") : undefined;
  return (
    <FluentProvider theme={state.dark ? webDarkTheme : webLightTheme} className={s.root}>
      <Header lang={lang} mode={state.mode} onLang={actions.setLang} />
      {state.mode === "file" && (
        <section className={s.workbook} aria-label={t(lang, "workbookRegion")}>
          {!state.workbench && <Text className={st.hint}>{t(lang, "fileIntro")}</Text>}
          <div className={st.row}>
            <FileButton
              label={t(lang, "chooseWorkbook")}
              appearance={state.workbench ? "secondary" : "primary"}
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabledFocusable={Boolean(state.busy)}
              testId="workbook-file"
              onFiles={(f) => {
                const file = f[0];
                if (!file) return;
                // Another workbook replaces this one in the tab: what was not downloaded would be lost.
                const open = state.workbench?.fileName;
                if (state.unsaved && open && !window.confirm(t(lang, "unsavedReplace", { name: open, other: file.name }))) return;
                void actions.openWorkbook(file);
              }}
            />
            {state.downloadUrl && state.workbench?.fileName && (
              <Link
                className={st.linkFocus}
                href={state.downloadUrl}
                download={downloadName(state.workbench.fileName, lang, state.downloadKind ?? "scored")}
                data-testid="download"
                onClick={actions.downloaded}
                // While a run writes, the link still holds the workbook as it was before the run.
                disabledFocusable={Boolean(state.busy)}
              >
                {t(lang, DOWNLOAD_KEYS[state.downloadKind ?? "scored"])}
              </Link>
            )}
          </div>
          <Text className={st.wrap} size={200}>
            {state.workbench?.fileName ? (
              <>
                {`${t(lang, "workbookOpened", { name: state.workbench.fileName })} `}
                {/* "· 7 trang tính" kept on one line: a narrow pane would leave "tính" alone on the next, or the "·" at
                    the end of the line above. */}
                <span className={s.nowrap}>{`· ${t(lang, "workbookSheets", { count: visibleSheets(state.snapshot) })}`}</span>
              </>
            ) : (
              t(lang, "noWorkbook")
            )}
          </Text>
        </section>
      )}
      <nav aria-label={t(lang, "steps")}>
        <TabList className={s.tabs} size="small" selectedValue={state.step} onTabSelect={(_, d) => actions.setStep(d.value as StepId)}>
          {STEPS.map((step, i) => {
            const full = t(lang, "stepOf", { n: i + 1, name: t(lang, step.key) });
            return (
              <Tab key={step.id} id={`step-tab-${step.id}`} value={step.id} className={s.tab} aria-label={full} title={full} aria-controls={state.step === step.id ? "step-panel" : undefined}>
                <span className={mergeClasses(s.tabNumber, state.step === step.id && s.tabNumberSelected)} aria-hidden="true">
                  {i + 1}
                </span>
                <span className={s.tabLabel} aria-hidden="true">
                  {t(lang, step.short)}
                </span>
              </Tab>
            );
          })}
        </TabList>
      </nav>
      {/* The page's main landmark holds the step's panel: role="tabpanel" on <main> itself would take its landmark away. */}
      <main className={s.landmark}>
      <div className={s.main} role="tabpanel" id="step-panel" aria-labelledby={`step-tab-${state.step}`}>
        {/* Always in the page, its words changed (a live region that appears with its text is not read): "Đang đọc sổ làm việc…" is said as the work starts. */}
        <div className={mergeClasses(s.progress, !state.busy && s.progressIdle)} data-testid="progress">
          <div className={s.progressLine}>
            <div aria-live="polite" aria-atomic="true">
              {state.busy && <Text size={200}>{t(lang, state.busy.key)}</Text>}
            </div>
            {/* A check under way can be stopped: the pane goes back to how it was before it, and the focus to "Kiểm tra số liệu". */}
            {state.busy && state.checking && (
              <Button
                size="small"
                aria-label={t(lang, "checkStopName")}
                data-testid="check-stop"
                onClick={() => {
                  actions.stopCheck();
                  focusStepMain("checkRun");
                }}
              >
                {t(lang, "checkStop")}
              </Button>
            )}
          </div>
          {state.busy && <ProgressBar value={state.busy.fraction} aria-label={t(lang, state.busy.key)} />}
        </div>
        {missing && (
          <DismissableBar
            intent="warning"
            testId="missing-features"
            title={t(lang, "missingFeaturesTitle")}
            text={missing.lead}
            items={missing.lines}
            after={missing.need}
            groups={[missing.details]}
            lang={lang}
            onDismiss={() => {
              actions.dismissMissingFeatures();
              focusStepMain();
            }}
          />
        )}
        {state.notice && (
          <DismissableBar
            // A new notice is a new bar (said again), not the old one with new words.
            key={noticeId}
            intent={state.notice.intent}
            testId="notice"
            text={noticeText(state.notice, lang)}
            items={(state.notice.details ?? []).map((d) => d[lang])}
            groups={state.notice.groups}
            // Outside Excel, scored or marked cells live in this tab until downloaded: said under the notice (not only to
            // screen readers), with the link's own name, until the link is used.
            {...(keepKind !== undefined ? { after: t(lang, "downloadToKeep", { link: t(lang, DOWNLOAD_KEYS[keepKind]) }) } : {})}
            lang={lang}
            onDismiss={() => {
              actions.dismissNotice();
              focusStepMain();
            }}
            barRef={noticeBar}
            actions={[
              ...(state.notice.useBuiltin !== undefined
                ? [
                    {
                      label: offerLabel(lang),
                      busy: Boolean(state.busy),
                      // The notice that follows asks to press again the button whose run offered the index: the focus goes to it.
                      run: () => {
                        const rerun = state.notice!.rerun;
                        actions.useOfferedIndex(state.notice!.useBuiltin!);
                        focusStepMain(rerun);
                      },
                    },
                  ]
                : state.notice.goTo !== undefined
                  ? [
                      {
                        label: t(lang, "noFormsGoCollect"),
                        busy: Boolean(state.busy),
                        // The notice is done with once its step is open: the focus goes to that step's main control.
                        run: () => {
                          const to = state.notice!.goTo!;
                          actions.dismissNotice();
                          actions.setStep(to);
                          focusStepMain();
                        },
                      },
                    ]
                  : []),
              ...(state.notice.makeFile
                ? [
                    {
                      label: t(lang, "templatesAsFileButton"),
                      busy: Boolean(state.busy),
                      // The forms of the list typed, as a file: its download link is in the Collect step, whose button gets the focus.
                      run: () => {
                        actions.setStep("collect");
                        focusStepMain();
                        void actions.makeTemplates(state.unitsText, true);
                      },
                    },
                  ]
                : []),
            ]}
          />
        )}
        {state.writeWarnings && state.writeWarnings.step === state.step && (
          <DismissableBar
            intent="warning"
            testId="write-warnings"
            title={t(lang, "writeWarningsTitle")}
            items={state.writeWarnings.warnings.map((w) => w[lang])}
            lang={lang}
            onDismiss={() => {
              actions.dismissWriteWarnings();
              focusStepMain();
            }}
          />
        )}
        <StaleBanner
          state={state}
          onRescore={() => {
            // Scoring again from any step: the fresh results (and anything left unwritten) show in the Score
            // step, and the focus goes to its button (this one goes away with the banner).
            actions.setStep("score");
            focusStepMain();
            void actions.score();
          }}
        />
        {state.step === "index" && <IndexStep {...stepProps} />}
        {(state.step === "collect" || state.step === "check" || state.step === "charts") && (
          // Each try again ("Thử lại") is a boundary and a lazy step of its own: React keeps a load that failed for good.
          <StepLoadBoundary
            key={`${state.step}:${loadAttempt}`}
            lang={lang}
            onRetry={() => {
              setLoadAttempt((n) => n + 1);
              focusStepMain();
            }}
          >
            <Suspense fallback={<Text className={st.hint}>{t(lang, "stepLoading")}</Text>}>
              <LoadedStep {...stepProps} />
            </Suspense>
          </StepLoadBoundary>
        )}
        {state.step === "score" && <ScoreStep {...stepProps} />}
      </div>
      </main>
      <div className={st.srOnly} role="status" aria-live="polite" aria-atomic="true" data-testid="live-polite">
        {live.polite}
      </div>
      <div className={st.srOnly} role="alert" aria-live="assertive" aria-atomic="true" data-testid="live-assertive">
        {live.assertive}
      </div>
    </FluentProvider>
  );
}

const DOWNLOAD_KEYS: Record<DownloadKind, StringKey> = { scored: "downloadScored", marked: "downloadMarked", cleared: "downloadCleared", collected: "downloadCollected" };
const DOWNLOAD_SUFFIX: Record<DownloadKind, { vi: string; en: string }> = {
  scored: { vi: "đã chấm", en: "scored" },
  marked: { vi: "đã đánh dấu", en: "marked" },
  cleared: { vi: "đã xóa đánh dấu", en: "marks cleared" },
  collected: { vi: "đã tổng hợp phiếu", en: "forms collected" },
};
/** Suffixes earlier versions gave a download: still ours, replaced rather than added to. */
const FORMER_DOWNLOAD_SUFFIXES = ["đã gộp phiếu", "đã xóa dấu"];

/**
 * The suffixes of ours at the end of a name, in either language (words and spaces only), each with
 * the copy mark a browser adds after it to a name it already saved: "so-lieu (đã chấm) (1)",
 * Firefox's "so-lieu (đã chấm)(1)".
 */
const SUFFIX_WORDS = [...Object.values(DOWNLOAD_SUFFIX).flatMap((x) => [x.vi, x.en]), ...FORMER_DOWNLOAD_SUFFIXES].map((w) => w.replace(/ /g, "\\s+"));
const OUR_SUFFIXES = new RegExp(`(?:\\s*\\((?:${SUFFIX_WORDS.join("|")})\\)(?:\\s*\\(\\d+\\))?)+$`, "iu");

/**
 * "phieu.xlsx" → "phieu (đã chấm).xlsx" / "phieu (scored).xlsx", by what the last write did. A name
 * that ends with a suffix of ours already (a workbook downloaded from the pane and opened again,
 * perhaps with a browser's copy mark " (1)" after it) has it replaced, not a second one added:
 * "phieu (đã chấm) (1).xlsx" → "phieu (đã chấm).xlsx". A copy mark after a name of the user's own
 * ("phieu (2).xlsx") is part of that name.
 */
export function downloadName(fileName: string, lang: "vi" | "en", kind: DownloadKind = "scored"): string {
  // A name from a Mac's file system may come decomposed (NFD): the suffix is found as typed.
  const base = fileName.normalize("NFC").replace(/\.xlsx$/i, "").replace(OUR_SUFFIXES, "");
  return [base, `(${DOWNLOAD_SUFFIX[kind][lang]}).xlsx`].filter((x) => x !== "").join(" ");
}

/**
 * A message the user closes: a sentence (or a title), then its details as a list; a single
 * detail under a title is shown as a line of its own.
 */
export function DismissableBar(props: {
  intent: "success" | "info" | "warning" | "error";
  testId: string;
  title?: string;
  text?: string;
  items: string[];
  lang: PaneState["lang"];
  onDismiss: () => void;
  /** Buttons that put right what the notice says. */
  actions?: { label: string; busy: boolean; run: () => void }[];
  /** The bar's element (the notice's, to bring into view). */
  barRef?: Ref<HTMLDivElement>;
  /** Counted lines under the items, each opening to its list. */
  groups?: NoticeGroup[];
  /** A line under the items (what to do about them all). */
  after?: string;
}) {
  const st = useStepStyles();
  const s = useStyles();
  const { items, lang } = props;
  // Two bars may be open at once: each close button is named by what it closes ("Đóng thông báo: …").
  const what = shortened(props.title ?? props.text ?? items[0] ?? "");
  // A bar with a title is named by it (Fluent's own labelling); one without, by its sentence, else by all it says.
  const name = useBarName();
  const bySentence = props.title === undefined && props.text !== undefined && props.text !== "";
  return (
    <MessageBar ref={props.barRef} intent={props.intent} layout="multiline" data-testid={props.testId} data-intent={props.intent} {...(props.title === undefined ? name.bar : {})}>
      <MessageBarBody {...(props.title === undefined && !bySentence ? name.label : {})}>
        {props.title !== undefined && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {/* Under a title, on a line of its own. */}
        {props.text !== undefined &&
          (props.title !== undefined ? (
            <div className={st.wrap}>{props.text}</div>
          ) : (
            <span className={st.wrap} {...(bySentence ? name.label : {})}>
              {props.text}
            </span>
          ))}
        {props.text === undefined && items.length === 1 ? (
          <div className={st.wrap}>{withPathBreaks(items[0]!)}</div>
        ) : (
          items.length > 0 && (
            <ul className={s.list}>
              {items.map((d, i) => (
                <li key={i} className={st.wrap}>
                  {withPathBreaks(d)}
                </li>
              ))}
            </ul>
          )
        )}
        {props.after !== undefined && <div className={st.wrap}>{props.after}</div>}
        {(props.groups ?? []).map((g, i) => (
          <details key={i} className={s.group} data-testid="notice-group">
            <summary className={st.wrap}>{g.label[lang]}</summary>
            <ul className={s.list}>
              {g.items.map((d, j) => (
                <li key={j} className={st.wrap}>
                  {d[lang]}
                </li>
              ))}
            </ul>
          </details>
        ))}
      </MessageBarBody>
      <MessageBarActions>
        {(props.actions ?? []).map((a) => (
          <Button key={a.label} size="small" disabledFocusable={a.busy} onClick={a.run}>
            {a.label}
          </Button>
        ))}
        <Button size="small" appearance="transparent" aria-label={what === "" ? undefined : t(lang, "dismissNamed", { what })} {...DISMISS_MARK} onClick={props.onDismiss}>
          {t(lang, "dismiss")}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/**
 * The stale banner's title: "Kết quả đã cũ (chấm lúc 14:08 ngày 06/05/2024)" / "The results are
 * out of date (scored on 6 May 2024 at 14:08)", the time the workbook was scored said as the Score
 * step says it (formatWhen); "Kết quả đã cũ" alone when that time is not known.
 */
export function staleBannerTitle(scoredAt: string | undefined, lang: PaneState["lang"]): string {
  const when = scoredAt !== undefined ? formatWhen(scoredAt, lang) : undefined;
  return when ? t(lang, "staleBannerSince", when) : t(lang, "staleBanner");
}

/**
 * The banner over every step once the results no longer match the workbook: what changed since it
 * was scored, one line for each kind of change (figures changed, renamed, new, gone), as the
 * command line says them, or that the results are another index's; and, outside the Score step
 * (whose own button scores again, under the ranking chosen), a button that scores again.
 */
export function StaleBanner({ state, onRescore }: { state: PaneState; onRescore: () => void }) {
  const st = useStepStyles();
  const { lang } = state;
  const staleCount = state.stale?.length ?? 0;
  const staleText = staleLines(state.stale ?? [], lang);
  // Results computed with another index or version than the one chosen, or with another content of it: said even when no figure changed.
  const staleIndexText = staleIndexMessage(state)?.[lang];
  if (staleCount === 0 && staleIndexText === undefined) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="stale-banner">
      <MessageBarBody>
        <MessageBarTitle>{staleCount > 0 ? staleBannerTitle(state.scoredAt, lang) : t(lang, staleIndexTitle(state) ?? "staleIndexBanner")}</MessageBarTitle>
        {staleIndexText !== undefined && <div className={st.wrap}>{staleIndexText}</div>}
        {staleText.map((line) => (
          <div key={line} className={st.wrap} data-testid="stale-line">
            {line}
          </div>
        ))}
        {staleCount > 0 && staleIndexText === undefined && <div className={st.wrap}>{t(lang, "staleScoreAgain")}</div>}
      </MessageBarBody>
      {state.step !== "score" && (
        <MessageBarActions>
          <Button size="small" disabled={!state.workbench || !state.index.model} disabledFocusable={Boolean(state.busy)} data-stale-rescore onClick={onRescore}>
            {t(lang, "staleRescore")}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** A message's first words, enough to tell it from another: at most about 60 characters, cut between words. */
export function shortened(text: string, max = 60): string {
  const clean = text.replace(/\s+/g, " ").trim().replace(/[:.]$/, "");
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : clean.slice(0, max)).replace(/[\s,;:.]+$/, "")}…`;
}
