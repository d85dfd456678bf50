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
import { useEffect } from "react";
import { ChartsStep } from "./components/ChartsStep";
import { CheckStep } from "./components/CheckStep";
import { CollectStep } from "./components/CollectStep";
import { FileButton } from "./components/FileButton";
import { Header } from "./components/Header";
import { IndexStep } from "./components/IndexStep";
import { ScoreStep } from "./components/ScoreStep";
import { useStepStyles } from "./components/styles";
import { type StringKey, t } from "./i18n";
import type { Environment } from "./state/environment";
import { type DownloadKind, type StepId, usePane } from "./state/usePane";
import type { Workbench } from "./state/workbench";

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
  // a short label, each tab as wide as its label plus an equal share of the rest, and a label that
  // wraps between words rather than being cut off if a font runs wider than ours.
  tabs: {
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    flexWrap: "nowrap",
    alignItems: "stretch",
  },
  tab: {
    flexGrow: 1,
    flexShrink: 1,
    flexBasis: "auto",
    minWidth: 0,
    justifyContent: "center",
    paddingLeft: tokens.spacingHorizontalXXS,
    paddingRight: tokens.spacingHorizontalXXS,
    // Fluent keeps a hidden bold copy of the label to reserve its width; our labels never turn bold.
    "& .fui-Tab__content--reserved-space": { display: "none" },
    "& .fui-Tab__content": { minWidth: 0, maxWidth: "100%", display: "flex", flexDirection: "column", alignItems: "center", gap: "2px" },
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
    textAlign: "center",
    maxWidth: "100%",
  },
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
});

export function App({ env, excel }: { env: Environment; excel?: Workbench }) {
  const { state, actions } = usePane(env, excel);
  const s = useStyles();
  const st = useStepStyles();
  const { lang } = state;

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(lang, "appTitle");
  }, [lang]);

  // Load the first built-in index (and, in Excel, read the workbook) once at start.
  useEffect(() => {
    actions.chooseBuiltin(state.index.builtinId);
    if (state.workbench) void actions.refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const stepProps = { state, actions };
  return (
    <FluentProvider theme={state.dark ? webDarkTheme : webLightTheme} className={s.root}>
      <Header lang={lang} mode={state.mode} onLang={actions.setLang} />
      {state.mode === "file" && (
        <section className={s.workbook} aria-label={t(lang, "chooseWorkbook")}>
          {!state.workbench && <Text className={st.hint}>{t(lang, "fileIntro")}</Text>}
          <div className={st.row}>
            <FileButton
              label={t(lang, "chooseWorkbook")}
              appearance={state.workbench ? "secondary" : "primary"}
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabledFocusable={Boolean(state.busy)}
              testId="workbook-file"
              onFiles={(f) => f[0] && void actions.openWorkbook(f[0])}
            />
            {state.downloadUrl && state.workbench?.fileName && (
              <Link href={state.downloadUrl} download={downloadName(state.workbench.fileName, lang, state.downloadKind ?? "scored")} data-testid="download">
                {t(lang, DOWNLOAD_KEYS[state.downloadKind ?? "scored"])}
              </Link>
            )}
          </div>
          <Text className={st.wrap} size={200}>
            {state.workbench?.fileName
              ? `${t(lang, "workbookOpened", { name: state.workbench.fileName })} · ${t(lang, "workbookSheets", { count: state.snapshot?.sheets.length ?? 0 })}`
              : t(lang, "noWorkbook")}
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
      <main className={s.main} role="tabpanel" id="step-panel" aria-labelledby={`step-tab-${state.step}`}>
        {state.busy && (
          <div className={s.progress} aria-live="polite">
            <Text size={200}>{t(lang, state.busy.key)}</Text>
            <ProgressBar value={state.busy.fraction} aria-label={t(lang, state.busy.key)} />
          </div>
        )}
        {state.notice && (
          <DismissableBar
            intent={state.notice.intent}
            testId="notice"
            text={state.notice.message ? state.notice.message[lang] : state.notice.key ? t(lang, state.notice.key, state.notice.params) : ""}
            items={(state.notice.details ?? []).map((d) => d[lang])}
            dismiss={t(lang, "dismiss")}
            onDismiss={actions.dismissNotice}
            {...(state.notice.useBuiltin !== undefined
              ? { action: { label: t(lang, "useThisIndex"), busy: Boolean(state.busy), run: () => actions.useOfferedIndex(state.notice!.useBuiltin!) } }
              : {})}
          />
        )}
        {state.writeWarnings && state.writeWarnings.step === state.step && (
          <DismissableBar
            intent="warning"
            testId="write-warnings"
            title={t(lang, "writeWarningsTitle")}
            items={state.writeWarnings.warnings.map((w) => w[lang])}
            dismiss={t(lang, "dismiss")}
            onDismiss={actions.dismissWriteWarnings}
          />
        )}
        {state.stale && state.stale.length > 0 && (
          <MessageBar intent="warning" layout="multiline" data-testid="stale-banner">
            <MessageBarBody>
              <MessageBarTitle>{t(lang, "staleBanner", { count: state.stale.length })}</MessageBarTitle>
              <div className={st.wrap}>{t(lang, "staleUnits", { names: state.stale.join(", ") })}</div>
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" disabled={!state.workbench || !state.index.model} disabledFocusable={Boolean(state.busy)} onClick={() => {
                  // Scoring again from any step: the fresh results (and anything left unwritten) show in the Score step.
                  actions.setStep("score");
                  void actions.score();
                }}
              >
                {t(lang, "staleRescore")}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {state.step === "index" && <IndexStep {...stepProps} />}
        {state.step === "collect" && <CollectStep {...stepProps} />}
        {state.step === "check" && <CheckStep {...stepProps} />}
        {state.step === "score" && <ScoreStep {...stepProps} />}
        {state.step === "charts" && <ChartsStep {...stepProps} />}
      </main>
    </FluentProvider>
  );
}

const DOWNLOAD_KEYS: Record<DownloadKind, StringKey> = { scored: "downloadScored", marked: "downloadMarked", cleared: "downloadCleared" };
const DOWNLOAD_SUFFIX: Record<DownloadKind, { vi: string; en: string }> = {
  scored: { vi: "đã chấm", en: "scored" },
  marked: { vi: "đã đánh dấu", en: "marked" },
  cleared: { vi: "đã xóa dấu", en: "marks cleared" },
};

/** "phieu.xlsx" → "phieu (đã chấm).xlsx" / "phieu (scored).xlsx", by what the last write did. */
export function downloadName(fileName: string, lang: "vi" | "en", kind: DownloadKind = "scored"): string {
  const base = fileName.replace(/\.xlsx$/i, "");
  return `${base} (${DOWNLOAD_SUFFIX[kind][lang]}).xlsx`;
}

/**
 * A message the user closes: a sentence (or a title), then its details as a list; a single
 * detail under a title is shown as a line of its own.
 */
function DismissableBar(props: {
  intent: "success" | "info" | "warning" | "error";
  testId: string;
  title?: string;
  text?: string;
  items: string[];
  dismiss: string;
  onDismiss: () => void;
  /** A button that puts right what the notice says. */
  action?: { label: string; busy: boolean; run: () => void };
}) {
  const st = useStepStyles();
  const { items } = props;
  return (
    <MessageBar intent={props.intent} layout="multiline" data-testid={props.testId}>
      <MessageBarBody>
        {props.title !== undefined && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {props.text !== undefined && <span className={st.wrap}>{props.text}</span>}
        {props.text === undefined && items.length === 1 ? (
          <div className={st.wrap}>{items[0]}</div>
        ) : (
          items.length > 0 && (
            <ul>
              {items.map((d, i) => (
                <li key={i} className={st.wrap}>
                  {d}
                </li>
              ))}
            </ul>
          )
        )}
      </MessageBarBody>
      <MessageBarActions>
        {props.action && (
          <Button size="small" disabledFocusable={props.action.busy} onClick={props.action.run}>
            {props.action.label}
          </Button>
        )}
        <Button size="small" appearance="transparent" onClick={props.onDismiss}>
          {props.dismiss}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
