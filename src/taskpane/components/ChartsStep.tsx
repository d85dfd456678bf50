import { Button, Checkbox, Field, Input, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useDeferredValue, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { chartedUnit } from "../../core/plan/figures";
import { noFigureToDrawText, notRankedText, uncomputedParts, unitInTitle } from "../../core/plan/labels";
import type { ChartKind, UnitResult } from "../../core/types";
import { type StringKey, t } from "../i18n";
import type { PaneActions, PaneState } from "../state/usePane";
import { rerunMark } from "../focus";
import { LIST_PAGE, capitalizeFirst, unitSearch, unitWordText, unitsCountText } from "../state/findings";
import { IndexNeeded, unusable } from "./IndexNeeded";
import { useStepStyles } from "./styles";

const useStyles = makeStyles({
  // A group of checkboxes: a fieldset named by its legend, each checkbox with a label of its own.
  fieldset: { border: "none", margin: 0, padding: 0, minWidth: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXXS, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  units: {
    display: "flex",
    flexDirection: "column",
    maxHeight: "260px",
    overflowY: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalXS,
  },
  kinds: { display: "flex", flexDirection: "column" },
  unitLabel: { color: tokens.colorNeutralForeground1 },
  // Why a unit cannot be chosen, under its name (readable: not the greyed label's colour).
  notDrawn: { display: "block", color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  warning: { color: tokens.colorStatusWarningForeground1, fontSize: tokens.fontSizeBase200 },
  more: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

/**
 * The units the radar chart's list shows: those chosen first (always, whatever the search), then
 * those whose name or code answers the search (unitSearch), in rank order, `count` of them at most.
 * `found`: how many units answer the search, those chosen among them; `shown`: how many of those
 * are drawn; `more`: how many others answer it, not drawn.
 */
export function profileChoices(
  units: readonly UnitResult[],
  chosen: readonly string[],
  query: string,
  count: number,
): { units: UnitResult[]; found: number; shown: number; more: number } {
  const answers = unitSearch(query);
  const key = (u: UnitResult) => u.code || u.name;
  const picked = units.filter((u) => chosen.includes(key(u)));
  // A unit chosen that answers the search is found too ("ha noi" finds Hà Nội, chosen, listed first).
  const pickedFound = picked.filter((u) => answers(u.name, u.code || undefined)).length;
  const others = units.filter((u) => !chosen.includes(key(u)) && answers(u.name, u.code || undefined));
  return {
    units: [...picked, ...others.slice(0, count)],
    found: pickedFound + others.length,
    shown: pickedFound + Math.min(count, others.length),
    more: Math.max(0, others.length - count),
  };
}

export const MAX_PROFILE_UNITS = 5;

/** The charts, named as the index scores: points where it has them, values (0–1) otherwise (the HDI); by its units as it calls them ("theo tỉnh"), as their titles are. */
const KINDS: { kind: ChartKind; key: StringKey; valueKey?: StringKey }[] = [
  { kind: "barSorted", key: "chartTotal", valueKey: "chartTotalValue" },
  { kind: "stackedBar", key: "chartGroups", valueKey: "chartGroupsValue" },
  { kind: "radar", key: "chartProfile" },
];

export function ChartsStep({ state, actions }: { state: PaneState; actions: PaneActions }) {
  const st = useStepStyles();
  const s = useStyles();
  const { lang, score, chartKinds } = state;
  const chosen = state.profileUnits;
  const profile = chartKinds.includes("radar");
  const model = state.index.model;
  const byValue = model !== undefined && model.root.max === undefined;
  const noneId = useId();
  const profileHintId = useId();
  const needScoreId = useId();
  // A thousand units are found by name or code, and drawn a page at a time.
  const [query, setQuery] = useState("");
  const listQuery = useDeferredValue(query);
  const [drawn, setDrawn] = useState({ query: "", count: LIST_PAGE });
  const count = drawn.query === listQuery ? drawn.count : LIST_PAGE;
  const list = useMemo(() => (score ? profileChoices(score.units, chosen, listQuery, count) : undefined), [score, chosen, listQuery, count]);
  const unitsText = (n: number) => unitsCountText(n, lang, model?.definition.unitLabel);
  const searching = listQuery.trim() !== "";
  // After "Hiển thị thêm", the keyboard goes to the first checkbox drawn (the button goes with the last page).
  const unitsRef = useRef<HTMLDivElement>(null);
  const focusFrom = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const at = focusFrom.current;
    if (at === undefined) return;
    focusFrom.current = undefined;
    unitsRef.current?.querySelectorAll<HTMLElement>('input[type="checkbox"]')[at]?.focus();
  }, [count]);
  return (
    <div className={st.step}>
      <h2 className={st.heading}>{t(lang, "chartsTitle")}</h2>
      <Text className={st.hint}>{t(lang, "chartsIntro")}</Text>
      <fieldset className={s.fieldset} data-testid="chart-kinds" {...(chartKinds.length === 0 ? { "aria-describedby": noneId } : {})}>
        <legend className={s.legend}>{t(lang, "chartsChoose")}</legend>
        <div className={s.kinds}>
          {KINDS.map(({ kind, key, valueKey }) => (
            <Checkbox
              key={kind}
              label={t(lang, byValue && valueKey ? valueKey : key, { unit: unitInTitle(model?.definition.unitLabel, lang) })}
              checked={chartKinds.includes(kind)}
              onChange={(_, d) => actions.setChartKinds(d.checked ? [...chartKinds, kind] : chartKinds.filter((k) => k !== kind))}
            />
          ))}
        </div>
        {chartKinds.length === 0 && (
          <Text id={noneId} className={s.warning}>
            {t(lang, "chartsChooseNone")}
          </Text>
        )}
      </fieldset>
      {score ? (
        <fieldset className={s.fieldset} data-testid="profile-units" aria-describedby={profileHintId}>
          <legend className={s.legend}>{capitalizeFirst(t(lang, "profileUnits", { units: unitWordText(lang, model?.definition.unitLabel, true) }))}</legend>
          {score.units.length > LIST_PAGE && (
            <Field label={t(lang, "findUnit", { units: unitWordText(lang, model?.definition.unitLabel, true) })}>
              <Input type="search" className={st.focusRing} value={query} onChange={(_, d) => setQuery(d.value)} data-testid="find-profile-unit" />
            </Field>
          )}
          {/* Always in the page, its words changed: how many units the search found. */}
          <div aria-live="polite" aria-atomic="true">
            {searching && list && (
              <Text className={st.hint} data-testid="profile-found">
                {list.found > 0 ? t(lang, "findingsFound", { units: unitsText(list.found) }) : t(lang, "findingsNoMatch", { unit: unitWordText(lang, model?.definition.unitLabel), query: listQuery.trim() })}
              </Text>
            )}
          </div>
          <div className={s.units} ref={unitsRef}>
            {(list?.units ?? []).map((u) => {
              const key = u.code || u.name;
              const on = chosen.includes(key);
              // A unit the charts do not draw (no total; an HDI computed with missing figures) cannot be compared: said why, and not choosable (one chosen before can be unchosen).
              const drawn = model === undefined || chartedUnit(model, u);
              const why = drawn
                ? undefined
                : noFigureToDrawText(!byValue, notRankedText(u.notRankedReason, u.coverage, score.ranking.minCoverage, lang, uncomputedParts(model, u, lang)), lang);
              return (
                <Checkbox
                  key={key}
                  // The theme's foreground, as the chart kinds above have it (checked): Fluent greys an unchecked label, which reads as disabled.
                  label={{
                    children: why ? (
                      <>
                        {u.name}
                        <span className={s.notDrawn} data-testid="not-drawn">
                          {why}
                        </span>
                      </>
                    ) : (
                      u.name
                    ),
                    className: profile && drawn && (on || chosen.length < MAX_PROFILE_UNITS) ? s.unitLabel : undefined,
                  }}
                  checked={on}
                  disabled={!profile || (!on && (!drawn || chosen.length >= MAX_PROFILE_UNITS))}
                  onChange={(_, d) => actions.setProfileUnits(d.checked ? [...chosen, key] : chosen.filter((c) => c !== key))}
                />
              );
            })}
          </div>
          {list && (list.more > 0 || count > LIST_PAGE) && (
            <div className={s.more}>
              {/* Read out as it changes: how many units "Hiển thị thêm" drew. */}
              <div aria-live="polite" aria-atomic="true">
                <Text className={st.hint} data-testid="profile-shown">
                  {t(lang, "findingsShown", { shown: list.shown, total: unitsText(list.found) })}
                </Text>
              </div>
              {list.more > 0 && (
                <Button
                  onClick={() => {
                    focusFrom.current = list.units.length;
                    setDrawn({ query: listQuery, count: count + LIST_PAGE });
                  }}
                  data-testid="profile-more"
                >
                  {t(lang, "findingsShowMore", { units: unitsText(Math.min(LIST_PAGE, list.more)) })}
                </Button>
              )}
            </div>
          )}
          <Text id={profileHintId} className={mergeClasses(st.hint, st.wrap)}>
            {profile ? t(lang, "profileHint", { units: unitWordText(lang, model?.definition.unitLabel, true) }) : t(lang, "profileNeedsChart")}
          </Text>
        </fieldset>
      ) : (
        <Text className={st.hint} id={needScoreId} data-testid="charts-need-score">
          {t(lang, state.scoreOfOtherIndex ? "chartsIndexChanged" : "chartsNeedScore")}
        </Text>
      )}
      <IndexNeeded state={state} actions={actions} />
      <div className={st.row}>
        <Button
          appearance="primary"
          {...unusable(state, { other: [{ holds: !score, id: needScoreId }, { holds: Boolean(score) && chartKinds.length === 0, id: noneId }] })}
          data-step-main
          {...rerunMark("chartsRun")}
          onClick={() => void actions.score()}
        >
          {t(lang, "chartsRun")}
        </Button>
      </div>
    </div>
  );
}
