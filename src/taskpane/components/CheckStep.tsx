import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Text,
  accordionHeaderClassNames,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { type KeyboardEvent, memo, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from "react";
import { sheetAddress } from "../../core/a1";
import type { LocalizedText } from "../../core/definition/schema";
import { type Lang, formatNumber } from "../../core/i18n/text";
import type { Issue, Severity } from "../../core/types";
import { t, tPattern } from "../i18n";
import { findingKindName } from "../finding-kinds";
import {
  LIST_PAGE,
  checkSummary,
  findingWithoutLocation,
  leftOutSentences,
  noErrorsText,
  unitSearch,
  unitWordText,
  unitsCountText,
} from "../state/findings";
import {
  type PaneActions,
  type PaneState,
  severityCounts,
} from "../state/usePane";
import { rerunMark } from "../focus";
import { IndexNeeded, NEED_WORKBOOK_ID, unusable } from "./IndexNeeded";
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
  // Sentences break between words; only a word (a long sheet name, a long number) wider than the
  // line is broken, and such a word never widens the list ("anywhere": it counts in the minimum width).
  text: {
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
    overflowWrap: "anywhere",
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
  // The search and the kind of finding, one under the other, as wide as the pane.
  narrow: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  // As wide as the pane, never wider: Fluent's field has a minimum width of its own.
  fill: { minWidth: 0, width: "100%", boxSizing: "border-box" },
  more: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  // The search's live region with nothing to say takes no room, not even the gap above the list.
  quiet: { marginBottom: `calc(-1 * ${tokens.spacingVerticalS})` },
  leftOut: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    overflowWrap: "break-word",
  },
  // One width for every severity, so that the sentences of a group start on one line.
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

/**
 * Issues grouped by unit, the units with most errors first (then in the order the workbook holds
 * them); findings without a unit under "General".
 */
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

/**
 * Where a finding is, as Excel writes a reference (what the user may type in the Name Box or a
 * formula): "'Sở Y tế'!D39", the sheet's name quoted when Excel would quote it; the sheet alone
 * for a finding of a whole sheet; nothing for one of no sheet.
 */
export function findingPlace(issue: Pick<Issue, "sheet" | "cell">): string {
  if (!issue.sheet) return "";
  return issue.cell ? sheetAddress(issue.sheet, issue.cell) : issue.sheet;
}

/**
 * A finding's button as a screen reader names it: what the button shows, in its order (the
 * severity its badge shows, the sentence — `sentence`, as shown: without its place inside a unit's
 * group — and the place under it), then what pressing it does: "Lỗi: Chưa có số liệu.
 * 'Sở Y tế'!D39. Đi tới ô này." A person using voice control says what they see (WCAG 2.5.3).
 */
export function findingLabel(issue: Issue, lang: "vi" | "en", sentence: string = findingWithoutLocation(issue, lang)): string {
  const place = findingPlace(issue);
  // A finding of a whole sheet goes to the sheet, not to a cell.
  const goTo = t(lang, issue.sheet && !issue.cell ? "goToThisSheet" : "goToThisCell");
  return `${t(lang, SEVERITY_KEY[issue.severity])}: ${sentence}${place ? ` ${place}.` : ""} ${goTo}`;
}

/** The kinds of finding among `issues` (their codes), the most frequent first, each with how many. */
export function findingKinds(issues: readonly Issue[]): { code: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const i of issues) counts.set(i.code, (counts.get(i.code) ?? 0) + 1);
  return [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count);
}

/**
 * What "Loại vấn đề" offers under the severity chosen ("errors": "Chỉ lỗi"): how many findings
 * it leaves (for "Tất cả"), and the kinds among them with their counts; a kind it leaves none of is not offered.
 */
export function kindChoices(issues: readonly Issue[], filter: "all" | "errors"): { count: number; kinds: { code: string; count: number }[] } {
  const left = filter === "errors" ? issues.filter((i) => i.severity === "error") : issues;
  return { count: left.length, kinds: findingKinds(left) };
}

/**
 * The units' groups the Check step lists: the findings of the severity and the kind chosen
 * ("" every kind), grouped by unit (groupByUnit), the units whose name or code answers the
 * search (unitSearch). The general findings are no unit's: a search for units leaves them out.
 */
export function findingGroups(
  issues: readonly Issue[],
  choice: { filter: "all" | "errors"; kind: string; query: string },
  unitNames: Record<string, string> | undefined,
  _lang: Lang,
): { unit: string | undefined; issues: Issue[] }[] {
  const groups = groupByUnit(issues.filter((i) => (choice.filter !== "errors" || i.severity === "error") && (choice.kind === "" || i.code === choice.kind)));
  return groupsAnswering(groups, choice.query, unitNames);
}

/** The groups whose unit answers the search `query` (all of them for an empty one). */
function groupsAnswering<G extends { unit: string | undefined }>(groups: G[], query: string, unitNames: Record<string, string> | undefined): G[] {
  if (query.trim() === "") return groups;
  const answers = unitSearch(query);
  // Not the general findings' heading ("Chung"): "Hưng" folds to "hung", which "Chung" holds, and a search for a unit found no unit.
  return groups.filter((g) => g.unit !== undefined && answers(unitNames?.[g.unit] ?? g.unit, g.unit));
}

/**
 * Up, Down, Home and End move between the units' headings of a list (the WAI-ARIA accordion's
 * keys): from one heading to the next, past a unit opened, without tabbing through its findings.
 */
function moveBetweenHeadings(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp" && e.key !== "Home" && e.key !== "End") return;
  const heading = `.${accordionHeaderClassNames.button}`;
  const from = e.target as HTMLElement;
  if (!from.matches(heading)) return;
  const headings = [...e.currentTarget.querySelectorAll<HTMLElement>(heading)];
  const at = headings.indexOf(from);
  const to = e.key === "Home" ? 0 : e.key === "End" ? headings.length - 1 : e.key === "ArrowDown" ? Math.min(at + 1, headings.length - 1) : Math.max(at - 1, 0);
  e.preventDefault();
  headings[to]?.focus();
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
  const [query, setQuery] = useState("");
  // The kind of finding chosen: a code, or "" for every kind.
  const [kind, setKind] = useState("");
  // Whether the user has changed the severity or the kind shown: from then on, the count of units listed is said.
  const [filterTouched, setFilterTouched] = useState(false);
  // The findings (summary and list) are drawn from deferred values: after a check, a change of
  // filter, of search or of language, the pane answers at once (the radio button, the letter
  // typed, the language) and draws the findings in the background. The list draws a page of units
  // at a time (LIST_PAGE, then "Hiển thị thêm"), so that what it puts in the page at once stays small.
  const issues = useDeferredValue(state.issues);
  const listFilter = useDeferredValue(filter);
  const listQuery = useDeferredValue(query);
  const listLang = useDeferredValue(lang);
  const unitNames = useDeferredValue(state.unitNames);
  const unitsChecked = useDeferredValue(state.unitsChecked);
  // The kinds, and their counts, among the findings the severity chosen leaves ("Chỉ lỗi": the errors' kinds only).
  const { count: ofSeverity, kinds } = useMemo(() => kindChoices(issues ?? [], filter), [issues, filter]);
  // A kind chosen that the last check, or the severity chosen, no longer leaves: every kind again, for good (not back when it is found again).
  const kindNow = kinds.some((k) => k.code === kind) ? kind : "";
  if (kindNow !== kind) setKind(kindNow);
  const listKind = useDeferredValue(kindNow);
  const drawing = issues !== state.issues || listFilter !== filter || listLang !== lang || listQuery !== query || listKind !== kindNow;
  const counts = useMemo(() => severityCounts(issues ?? []), [issues]);
  // Forms the reader leaves out are not among the units counted: said under the summary.
  const leftOut = useMemo(() => (issues ? leftOutSentences(issues, "check", listLang) : []), [issues, listLang]);
  const noErrors = noErrorsText(counts, listLang);
  const canGo = Boolean(state.workbench?.goTo);
  // "20 tỉnh và 1 phiếu chưa được chấm: …": the forms left out are listed below, not among the units counted.
  const summary = checkSummary(issues ?? [], counts, unitsChecked ?? 0, listLang, state.index.model?.definition.unitLabel);
  const summaryParts: Record<string, string> = summary.params;
  // After the user changes the severity or the kind shown, a screen reader hears how many units
  // the list shows now (the list itself is drawn anew, which says nothing): not on opening the step.
  const unitLabel = state.index.model?.definition.unitLabel;
  const shownUnits = useMemo(
    () => findingGroups(issues ?? [], { filter: listFilter, kind: listKind, query: "" }, unitNames, listLang).filter((g) => g.unit !== undefined).length,
    [issues, listFilter, listKind, unitNames, listLang],
  );
  const filterShown = filterTouched && !drawing && shownUnits > 0 ? t(listLang, "findingsListed", { units: unitsCountText(shownUnits, listLang, unitLabel) }) : undefined;
  return (
    <div className={st.step}>
      <h2 className={st.heading}>{t(lang, "checkTitle")}</h2>
      <Text className={st.hint}>{t(lang, "checkIntro")}</Text>
      <div className={st.row}>
        <Button
          appearance="primary"
          {...unusable(state, { workbook: true, index: true })}
          data-step-main
          {...rerunMark("checkRun")}
          onClick={() => void actions.check()}
        >
          {t(lang, "checkRun")}
        </Button>
        <Button
          {...unusable(state, { workbook: true, index: true })}
          {...rerunMark("markCells")}
          onClick={() => void actions.markCells()}
        >
          {t(lang, "markCells")}
        </Button>
        <Button
          {...unusable(state, { workbook: true })}
          onClick={() => void actions.clearMarks()}
        >
          {t(lang, "clearMarks")}
        </Button>
      </div>
      {!state.workbench && (
        <Text className={st.hint} id={NEED_WORKBOOK_ID}>
          {t(lang, "needWorkbook")}
        </Text>
      )}
      {/* Clearing marks needs no index (it takes away what `_index` recorded): only checking and marking wait for one. */}
      <IndexNeeded state={state} actions={actions} />
      {issues && (
        // Not a live region: the pane's announcer says the summary once (a live list would be read out whole).
        <section
          className={st.section}
          aria-labelledby="check-summary"
          aria-busy={drawing}
          data-testid="check-findings"
        >
          <Text
            weight="semibold"
            id="check-summary"
            data-testid="check-summary"
          >
            {/* Each count stays on one line with its word ("20 cảnh báo"): the sentence wraps only between them
                (and between the words of "1 phiếu chưa được chấm"). */}
            {fillPattern(
              tPattern(listLang, summary.key, summaryParts),
              (name) =>
                summaryParts[name] === undefined ? undefined : name === "notScored" ? (
                  summaryParts[name]
                ) : (
                  <span className={s.nowrap}>{summaryParts[name]}</span>
                ),
            )}
          </Text>
          {leftOut.length > 0 && (
            <Text className={s.leftOut} data-testid="check-left-out">
              {leftOut.join(" ")}
            </Text>
          )}
          {issues.length === 0 && <Text>{t(listLang, "checkClean")}</Text>}
          {issues.length > 0 && (
            <RadioGroup
              layout="horizontal"
              className={s.filter}
              aria-label={t(lang, "filterLabel")}
              value={filter}
              onChange={(_, d) => {
                setFilter(d.value as "all" | "errors");
                setFilterTouched(true);
              }}
            >
              <Radio value="all" label={t(lang, "filterAll")} />
              <Radio value="errors" label={t(lang, "filterErrors")} />
            </RadioGroup>
          )}
          {issues.length > 0 && (
            <div className={s.narrow}>
              <Field label={t(lang, "findingKind")}>
                <Select className={st.select} value={kindNow} onChange={(_, d) => {
                  setKind(d.value);
                  setFilterTouched(true);
                }} data-testid="finding-kind">
                  <option value="">{t(lang, "findingKindAll", { count: ofSeverity })}</option>
                  {kinds.map((k) => (
                    <option key={k.code} value={k.code}>
                      {`${findingKindName(k.code, lang)} (${formatNumber(k.count, lang)})`}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t(lang, "findUnit", { units: unitWordText(lang, state.index.model?.definition.unitLabel, true) })}>
                <Input type="search" className={mergeClasses(st.focusRing, s.fill)} value={query} onChange={(_, d) => setQuery(d.value)} data-testid="find-unit" />
              </Field>
            </div>
          )}
          {/* Always in the page while findings are listed, its words changed (a region that appears with its text
              is not read): "Chỉ lỗi" with no error says what there is, as a search that finds nothing does. */}
          {issues.length > 0 && (
            <div aria-live="polite" aria-atomic="true" className={listFilter === "errors" && noErrors !== undefined ? undefined : s.quiet} data-testid="filter-said">
              {listFilter === "errors" && noErrors !== undefined && <Text data-testid="filter-empty">{noErrors}</Text>}
              {filterShown && !(listFilter === "errors" && noErrors !== undefined) && (
                <span className={st.srOnly} data-testid="filter-shown">
                  {filterShown}
                </span>
              )}
            </div>
          )}
          {/* Each filter and kind opens its own units: a list of its own. The search keeps the units opened. */}
          <FindingsList
            key={`${listFilter}|${listKind}`}
            issues={issues}
            filter={listFilter}
            kind={listKind}
            query={listQuery}
            lang={listLang}
            unitNames={unitNames}
            unitLabel={state.index.model?.definition.unitLabel}
            canGo={canGo}
            goTo={actions.goTo}
          />
        </section>
      )}
    </div>
  );
}

interface ListProps {
  issues: Issue[];
  filter: "all" | "errors";
  /** A kind of finding (its code), or "" for every kind. */
  kind: string;
  query: string;
  lang: Lang;
  unitNames: Record<string, string> | undefined;
  unitLabel: LocalizedText | undefined;
  canGo: boolean;
  goTo: (issue: Issue) => Promise<unknown>;
}

/**
 * The findings by unit, each unit a section that opens. "Errors only", or a kind of finding
 * chosen, opens every unit it shows; all findings, the first unit. A unit's findings are made only
 * once it is opened, and a page of units is drawn at a time (LIST_PAGE, then "Hiển thị thêm"): a list
 * of a thousand units puts fifty headers in the page, not a thousand.
 */
const FindingsList = memo(function FindingsList({
  issues,
  filter,
  kind,
  query,
  lang,
  unitNames,
  unitLabel,
  canGo,
  goTo,
}: ListProps) {
  const st = useStepStyles();
  const s = useStyles();
  const all = useMemo(() => findingGroups(issues, { filter, kind, query: "" }, unitNames, lang), [issues, filter, kind, unitNames, lang]);
  const groups = useMemo(() => groupsAnswering(all, query, unitNames), [all, query, unitNames]);
  const [open, setOpen] = useState<string[]>(() =>
    (filter === "errors" || kind !== "" ? all : all.slice(0, 1)).map(
      (g) => g.unit ?? "",
    ),
  );
  /** The units opened at some time: their findings stay made while their section closes. */
  const [made, setMade] = useState<ReadonlySet<string>>(() => new Set(open));
  // How many units are drawn: a page, and a page more at each "Hiển thị thêm"; a page again for another search.
  const [drawn, setDrawn] = useState({ query, count: LIST_PAGE });
  const count = drawn.query === query ? drawn.count : LIST_PAGE;
  const shown = groups.slice(0, count);
  const units = (n: number) => unitsCountText(n, lang, unitLabel);
  // The units counted, not the general findings' heading.
  const unitsIn = (list: readonly { unit: string | undefined }[]) => list.filter((g) => g.unit !== undefined).length;
  const searching = query.trim() !== "";
  const said = (searching && all.length > 0) || (groups.length === 0 && kind !== "");
  // After "Hiển thị thêm", the keyboard goes to the first heading drawn (the button goes with the last page).
  const listRef = useRef<HTMLDivElement>(null);
  const focusFrom = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const at = focusFrom.current;
    if (at === undefined) return;
    focusFrom.current = undefined;
    listRef.current?.querySelectorAll<HTMLElement>(`.${accordionHeaderClassNames.button}`)[at]?.focus();
  }, [count]);
  return (
    <>
      {/* Always in the page, its words changed (a region that appears with its text is not read): how many units the search found. */}
      <div aria-live="polite" aria-atomic="true" className={said ? undefined : s.quiet}>
        {searching && groups.length > 0 && <Text data-testid="find-found">{t(lang, "findingsFound", { units: units(unitsIn(groups)) })}</Text>}
        {groups.length === 0 && (searching ? all.length > 0 : kind !== "") && (
          <Text data-testid="find-none">{searching ? t(lang, "findingsNoMatch", { unit: unitWordText(lang, unitLabel), query: query.trim() }) : t(lang, "findingsNoneOfKind")}</Text>
        )}
      </div>
      {/* Up, Down, Home and End go from heading to heading (moveBetweenHeadings). */}
      <div onKeyDown={moveBetweenHeadings} ref={listRef}>
        <Accordion
          multiple
          collapsible
          openItems={open}
          onToggle={(_, d) => {
            const items = d.openItems.map(String);
            setOpen(items);
            setMade((was) =>
              items.every((u) => was.has(u)) ? was : new Set([...was, ...items]),
            );
          }}
        >
          {shown.map((g) => {
            const key = g.unit ?? "";
            return (
              <UnitGroup
                key={key}
                unit={g.unit}
                issues={g.issues}
                name={
                  g.unit === undefined
                    ? t(lang, "generalFindings")
                    : (unitNames?.[g.unit] ?? g.unit)
                }
                made={made.has(key)}
                lang={lang}
                canGo={canGo}
                goTo={goTo}
              />
            );
          })}
        </Accordion>
      </div>
      {groups.length > LIST_PAGE && (
        <div className={s.more}>
          {/* Read out as it changes: how many units "Hiển thị thêm" drew. */}
          <div aria-live="polite" aria-atomic="true">
            <Text className={st.hint} data-testid="findings-shown">
              {t(lang, "findingsShown", { shown: unitsIn(shown), total: units(unitsIn(groups)) })}
            </Text>
          </div>
          {groups.length > count && (
            <Button
              onClick={() => {
                focusFrom.current = shown.length;
                setDrawn({ query, count: count + LIST_PAGE });
              }}
              data-testid="findings-more"
            >
              {t(lang, "findingsShowMore", { units: units(unitsIn(groups.slice(count, count + LIST_PAGE))) })}
            </Button>
          )}
        </div>
      )}
    </>
  );
});

/** A unit's section: its name and counts; its findings once it has been opened. */
const UnitGroup = memo(function UnitGroup({
  unit,
  issues,
  name,
  made,
  lang,
  canGo,
  goTo,
}: {
  unit: string | undefined;
  issues: Issue[];
  name: string;
  made: boolean;
  lang: Lang;
  canGo: boolean;
  goTo: (issue: Issue) => Promise<unknown>;
}) {
  const s = useStyles();
  const c = severityCounts(issues);
  const finding = (i: Issue, n: number) => (
    <Finding
      key={n}
      unit={unit}
      issue={i}
      lang={lang}
      canGo={canGo}
      goTo={goTo}
    />
  );
  return (
    <AccordionItem value={unit ?? ""}>
      {/* A heading (h3, under the step's h2): a screen reader's heading keys go from unit to unit. */}
      <AccordionHeader as="h3">
        <span className={s.header}>
          <span className={s.unitName}>{name}</span>
          {/* Each count with its word ("1 lỗi", "9 cảnh báo"), in its colour: the word, not the colour alone, tells an error from a warning. */}
          {SEVERITY_ORDER.filter((k) => c[k] > 0).map((k) => (
            <Badge
              key={k}
              size="small"
              appearance="filled"
              color={BADGE[k]}
              className={s.nowrap}
            >
              {t(lang, COUNT_KEY[k], { count: c[k] })}
            </Badge>
          ))}
        </span>
      </AccordionHeader>
      <AccordionPanel>
        {made && (
          <ul className={s.list}>
            {/* A form that holds no figure at all has one finding that says so (the reader's
                "no-figures"); a form with some figure, even one not read, its findings one by one. */}
            {issues.map(finding)}
          </ul>
        )}
      </AccordionPanel>
    </AccordionItem>
  );
});

/** One finding of a unit's group (`unit`, undefined for the general findings): a button to its cell in Excel. */
function Finding({
  unit,
  issue: i,
  lang,
  canGo,
  goTo,
}: {
  unit: string | undefined;
  issue: Issue;
  lang: Lang;
  canGo: boolean;
  goTo: (issue: Issue) => Promise<unknown>;
}) {
  const s = useStyles();
  const where = findingPlace(i);
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
    <li>
      {link && i.sheet && i.cell ? (
        <Button
          appearance="subtle"
          className={s.finding}
          // What it shows, in its order, then what it does.
          aria-label={findingLabel(i, lang, sentence)}
          data-testid="finding"
          onClick={() => void goTo(i)}
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
}
