import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { Issue, Severity } from "../../core/types";
import { t, tPattern } from "../i18n";
import {
  findingWithoutLocation,
  leftOutSentences,
  noErrorsText,
} from "../state/findings";
import {
  type PaneActions,
  type PaneState,
  severityCounts,
} from "../state/usePane";
import { IndexNeeded } from "./IndexNeeded";
import { fillPattern } from "./pattern";
import { useStepStyles } from "./styles";

/**
 * Below this width (a zoomed pane: 200% in a 350 px pane) the severity badge beside a finding would
 * leave its sentence a word a line: the badge then goes above the sentence.
 */
const NARROW = "@container (max-width: 240px)";

const useStyles = makeStyles({
  // The list's own width, not the window's, decides how a finding is laid out.
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    containerType: "inline-size",
  },
  finding: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "flex-start",
    textAlign: "start",
    width: "100%",
    minWidth: 0,
    justifyContent: "flex-start",
    height: "auto",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    fontWeight: tokens.fontWeightRegular,
    [NARROW]: { flexDirection: "column", gap: tokens.spacingVerticalXXS },
  },
  // Sentences break between words; only a word (a long sheet name) wider than the line is broken.
  text: {
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
    overflowWrap: "break-word",
    hyphens: "auto",
  },
  where: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  /** In Excel the place is a link to the cell: it looks like one. */
  whereLink: {
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: "underline",
  },
  header: {
    display: "flex",
    gap: tokens.spacingHorizontalXS,
    alignItems: "center",
    flexWrap: "wrap",
    minWidth: 0,
  },
  unitName: { overflowWrap: "break-word", minWidth: 0 },
  nowrap: { whiteSpace: "nowrap" },
  // "Tất cả" and "Chỉ lỗi" side by side while both fit, else one under the other (a flex line takes
  // each whole): a label breaks over two lines only when it is wider than the pane.
  filter: { flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  leftOut: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    overflowWrap: "break-word",
  },
  // One width for every severity, so that the sentences of a group start on one line.
  // The line of a form with no figure: laid out as a finding, with the marker that opens it.
  // A flex summary has no marker of its own: a triangle says the line opens (turned down when open).
  noFigures: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "flex-start",
    cursor: "pointer",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  marker: { flexShrink: 0, color: tokens.colorNeutralForeground2 },
  severity: {
    flexShrink: 0,
    whiteSpace: "nowrap",
    marginTop: "2px",
    minWidth: "6em",
    justifyContent: "center",
  },
});

const SEVERITY_ORDER: Severity[] = ["error", "warning", "info"];
const BADGE: Record<Severity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};
const SEVERITY_KEY = {
  error: "severityError",
  warning: "severityWarning",
  info: "severityInfo",
} as const;
const COUNT_KEY = {
  error: "countErrors",
  warning: "countWarnings",
  info: "countInfos",
} as const;

/** Issues grouped by unit, the units with most errors first; findings without a unit under "General". */
export function groupByUnit(
  issues: Issue[],
): { unit: string | undefined; issues: Issue[] }[] {
  const map = new Map<string | undefined, Issue[]>();
  for (const i of issues) {
    const list = map.get(i.unit) ?? [];
    list.push(i);
    map.set(i.unit, list);
  }
  const groups = [...map.entries()].map(([unit, list]) => ({
    unit,
    issues: [...list].sort(
      (a, b) =>
        SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
    ),
  }));
  const errors = (g: { issues: Issue[] }) =>
    g.issues.filter((i) => i.severity === "error").length;
  return groups.sort((a, b) =>
    a.unit === undefined
      ? -1
      : b.unit === undefined
        ? 1
        : errors(b) - errors(a),
  );
}

/** The gravest severity among `issues`. */
function worst(issues: Issue[]): Severity {
  return (
    SEVERITY_ORDER.find((k) => issues.some((i) => i.severity === k)) ?? "info"
  );
}

/** A finding's button as a screen reader names it: "Lỗi. Đi tới ô Sở Y tế!D39: …" / "Error. Go to cell Sở Y tế!D39: …". */
export function findingLabel(issue: Issue, lang: "vi" | "en"): string {
  const goTo = t(lang, "goToCell", {
    sheet: issue.sheet ?? "",
    cell: issue.cell ?? "",
  });
  return `${t(lang, SEVERITY_KEY[issue.severity])}. ${goTo}: ${findingWithoutLocation(issue, lang)}`;
}

export function CheckStep({
  state,
  actions,
}: {
  state: PaneState;
  actions: PaneActions;
}) {
  const st = useStepStyles();
  const s = useStyles();
  const { lang } = state;
  const [filter, setFilter] = useState<"all" | "errors">("all");
  /** The units whose "no value" line is open (its triangle turned down). */
  const [openBlank, setOpenBlank] = useState<ReadonlySet<string>>(new Set());
  const issues = state.issues;
  const shown = issues
    ? filter === "errors"
      ? issues.filter((i) => i.severity === "error")
      : issues
    : [];
  const groups = groupByUnit(shown);
  const noFigures = new Set(state.noFigures ?? []);
  const counts = severityCounts(issues ?? []);
  // Forms the reader leaves out are not among the units counted: said under the summary.
  const leftOut = issues ? leftOutSentences(issues, "check", lang) : [];
  const noErrors = noErrorsText(counts, lang);
  const canGo = Boolean(state.workbench?.goTo);
  const busy = Boolean(state.busy);
  const summaryParts: Record<string, string> = {
    units: t(lang, "unitsCount", { count: state.unitsChecked ?? 0 }),
    errors: t(lang, "countErrors", { count: counts.error }),
    warnings: t(lang, "countWarnings", { count: counts.warning }),
    infos: t(lang, "countInfos", { count: counts.info }),
  };
  /** One finding of a unit's group (`unit`, undefined for the general findings): a button to its cell in Excel. */
  const finding = (unit: string | undefined, i: Issue, n: number) => {
    const where = i.sheet && i.cell ? `${i.sheet}!${i.cell}` : (i.sheet ?? "");
    const link = canGo && Boolean(i.sheet && i.cell);
    // Inside a unit's group the place is on the line below: the sentence starts after it.
    const sentence =
      unit === undefined ? i.message[lang] : findingWithoutLocation(i, lang);
    const body = (
      <>
        <Badge
          size="small"
          appearance="tint"
          color={BADGE[i.severity]}
          className={s.severity}
        >
          {t(lang, SEVERITY_KEY[i.severity])}
        </Badge>
        <span className={s.text}>
          <span>{sentence}</span>
          {where && (
            <span className={mergeClasses(s.where, link && s.whereLink)}>
              {where}
            </span>
          )}
        </span>
      </>
    );
    return (
      <li key={n}>
        {link && i.sheet && i.cell ? (
          <Button
            appearance="subtle"
            className={s.finding}
            // The severity the badge shows, the place once (in "go to cell"), then the sentence without it.
            aria-label={findingLabel(i, lang)}
            data-testid="finding"
            onClick={() => void actions.goTo(i)}
          >
            {body}
          </Button>
        ) : (
          <div className={s.finding} data-testid="finding">
            {body}
          </div>
        )}
      </li>
    );
  };
  return (
    <div className={st.step}>
      <h2 className={st.heading}>{t(lang, "checkTitle")}</h2>
      <Text className={st.hint}>{t(lang, "checkIntro")}</Text>
      <div className={st.row}>
        <Button
          appearance="primary"
          disabled={!state.workbench || !state.index.model}
          disabledFocusable={busy}
          data-step-main
          onClick={() => void actions.check()}
        >
          {t(lang, "checkRun")}
        </Button>
        <Button
          disabled={!state.workbench || !state.index.model}
          disabledFocusable={busy}
          onClick={() => void actions.markCells()}
        >
          {t(lang, "markCells")}
        </Button>
        <Button
          disabled={!state.workbench}
          disabledFocusable={busy}
          onClick={() => void actions.clearMarks()}
        >
          {t(lang, "clearMarks")}
        </Button>
      </div>
      {!state.workbench && (
        <Text className={st.hint}>{t(lang, "needWorkbook")}</Text>
      )}
      {/* Clearing marks needs no index (it takes away what `_index` recorded): only checking and marking wait for one. */}
      <IndexNeeded state={state} actions={actions} />
      {issues && (
        // Not a live region: the pane's announcer says the summary once (a live list would be read out whole).
        <section className={st.section} aria-labelledby="check-summary">
          <Text
            weight="semibold"
            id="check-summary"
            data-testid="check-summary"
          >
            {/* Each count stays on one line with its word ("20 cảnh báo"): the sentence wraps only between them. */}
            {fillPattern(
              tPattern(lang, "checkSummary", summaryParts),
              (name) =>
                summaryParts[name] === undefined ? undefined : (
                  <span className={s.nowrap}>{summaryParts[name]}</span>
                ),
            )}
          </Text>
          {leftOut.length > 0 && (
            <Text className={s.leftOut} data-testid="check-left-out">
              {leftOut.join(" ")}
            </Text>
          )}
          {issues.length === 0 && <Text>{t(lang, "checkClean")}</Text>}
          {issues.length > 0 && (
            <RadioGroup
              layout="horizontal"
              className={s.filter}
              aria-label={t(lang, "filterLabel")}
              value={filter}
              onChange={(_, d) => setFilter(d.value as "all" | "errors")}
            >
              <Radio value="all" label={t(lang, "filterAll")} />
              <Radio value="errors" label={t(lang, "filterErrors")} />
            </RadioGroup>
          )}
          {filter === "errors" && noErrors !== undefined && (
            <Text data-testid="filter-empty">{noErrors}</Text>
          )}
          {/* "Errors only" opens every unit it shows (each has errors); all findings, the first unit. Each filter opens its own. */}
          <Accordion
            key={filter}
            multiple
            collapsible
            defaultOpenItems={(filter === "errors"
              ? groups
              : groups.slice(0, 1)
            ).map((g) => g.unit ?? "")}
          >
            {groups.map((g) => {
              const c = severityCounts(g.issues);
              const blank = g.unit !== undefined && noFigures.has(g.unit);
              const blankFindings = blank
                ? g.issues.filter((i) => i.code === "missing-input")
                : [];
              return (
                <AccordionItem key={g.unit ?? ""} value={g.unit ?? ""}>
                  <AccordionHeader>
                    <span className={s.header}>
                      <span className={s.unitName}>
                        {g.unit === undefined
                          ? t(lang, "generalFindings")
                          : (state.unitNames?.[g.unit] ?? g.unit)}
                      </span>
                      {SEVERITY_ORDER.filter((k) => c[k] > 0).map((k) => (
                        <Badge
                          key={k}
                          size="small"
                          appearance="filled"
                          color={BADGE[k]}
                          aria-label={t(lang, COUNT_KEY[k], { count: c[k] })}
                        >
                          {c[k]}
                        </Badge>
                      ))}
                    </span>
                  </AccordionHeader>
                  <AccordionPanel>
                    <ul className={s.list}>
                      {(blank
                        ? g.issues.filter((i) => i.code !== "missing-input")
                        : g.issues
                      ).map((i, n) => finding(g.unit, i, n))}
                      {blank && blankFindings.length > 0 && (
                        <li>
                          {/* The "no value" findings of a form that holds no figure: one line, which opens to each of them. */}
                          <details
                            data-testid="no-figures"
                            onToggle={(e) => {
                              const open = e.currentTarget.open;
                              setOpenBlank((was) =>
                                open === was.has(g.unit!)
                                  ? was
                                  : new Set(
                                      open
                                        ? [...was, g.unit!]
                                        : [...was].filter((u) => u !== g.unit),
                                    ),
                              );
                            }}
                          >
                            <summary className={s.noFigures}>
                              <span className={s.marker} aria-hidden="true">
                                {openBlank.has(g.unit!) ? "▾" : "▸"}
                              </span>
                              <Badge
                                size="small"
                                appearance="tint"
                                color={BADGE[worst(blankFindings)]}
                                className={s.severity}
                              >
                                {t(lang, SEVERITY_KEY[worst(blankFindings)])}
                              </Badge>
                              <span className={s.text}>
                                {t(lang, "checkNoFigures", {
                                  count: blankFindings.length,
                                })}
                              </span>
                            </summary>
                            <ul className={s.list}>
                              {blankFindings.map((i, n) =>
                                finding(g.unit, i, n),
                              )}
                            </ul>
                          </details>
                        </li>
                      )}
                    </ul>
                  </AccordionPanel>
                </AccordionItem>
              );
            })}
          </Accordion>
        </section>
      )}
    </div>
  );
}
