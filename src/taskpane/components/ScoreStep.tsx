import { Badge, Button, Field, Link, MessageBar, MessageBarBody, Select, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { type Lang, formatDate, formatNumber } from "../../core/i18n/text";
import { label, notRankedText, uncomputedParts, unitLabelText } from "../../core/plan/labels";
import { distinguishingDecimals, figureFormats, formatDecimals, valueLeftOut } from "../../core/plan/figures";
import type { IndexModel } from "../../core/definition/model";
import type { LocalizedText } from "../../core/definition/schema";
import type { UnitResult } from "../../core/types";
import { t, tPattern } from "../i18n";
import { unitWordText, unitsCountText } from "../state/findings";
import { staleIndexMessage } from "../state/pipeline";
import { type PaneActions, type PaneState, type RankMethod, type RankWithin, type RankingChoice, type ScoreSummary, rankedByCategory } from "../state/usePane";
import { rerunMark } from "../focus";
import { useBarName } from "./bar";
import { FormsIndexBar, IndexNeeded, NEED_WORKBOOK_ID, unusable } from "./IndexNeeded";
import { fillPattern } from "./pattern";
import { useStepStyles } from "./styles";

/**
 * Below this width (a zoomed pane: 200% in a 350 px pane leaves about 150 CSS px) the columns of
 * rank and points would leave the unit's name a few letters a line: each unit's row is then laid
 * out on two lines, its rank and points on the first, its name across the whole width under them.
 */
const NARROW = "@container (max-width: 240px)";

const useStyles = makeStyles({
  // The table's own width, not the window's, decides its layout.
  container: { containerType: "inline-size" },
  table: { width: "100%", borderCollapse: "collapse", tableLayout: "fixed", [NARROW]: { display: "block" } },
  group: { [NARROW]: { display: "block" } },
  row: {
    [NARROW]: {
      display: "grid",
      gridTemplateColumns: "minmax(0, 1fr) auto",
      gridTemplateAreas: '"rank figure" "unit unit"',
      columnGap: tokens.spacingHorizontalS,
      borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    },
  },
  headRow: { [NARROW]: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
  th: { textAlign: "start", fontWeight: tokens.fontWeightSemibold, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: "4px", [NARROW]: { display: "block", borderBottom: "none" } },
  // A name breaks between its words; only a word longer than the whole column is broken (hyphenated where the language allows).
  td: { padding: "4px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, overflowWrap: "break-word", hyphens: "auto", verticalAlign: "top", [NARROW]: { display: "block", borderBottom: "none" } },
  num: { textAlign: "end", whiteSpace: "nowrap" },
  rankCell: { [NARROW]: { gridArea: "rank" } },
  unitCell: { [NARROW]: { gridArea: "unit" } },
  figureCell: { [NARROW]: { gridArea: "figure", justifySelf: "end" } },
  wholeRow: { [NARROW]: { gridColumn: "1 / -1" } },
  // Ranked within categories too: the header shows "Hạng" ("Rank"), its full name "Hạng trong loại"
  // said to screen readers (srOnly) and shown on hover, so that a column wide enough for "Hạng trong"
  // does not leave a long unit name five lines in a 320 px pane (the line above the table and the
  // categories' rows say the ranks are within each category).
  rankCol: { width: "3.5em", [NARROW]: { width: "auto" } },
  pointsCol: { width: "5.5em", [NARROW]: { width: "auto" } },
  options: { display: "grid", gridTemplateColumns: "1fr", gap: tokens.spacingVerticalS },
  category: { paddingTop: tokens.spacingVerticalS, overflowWrap: "break-word", color: tokens.colorNeutralForeground2 },
  why: { display: "block", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  // The same words in a cell of their own: the cell stays a table cell, across the columns it spans.
  quiet: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  // Options changed since the last run: a line in the warning colour, above the table it concerns.
  changed: { display: "block", color: tokens.colorStatusWarningForeground1 },
  // Empty, the line's live region takes no room, not even the gap above the next block.
  liveIdle: { marginBottom: `calc(-1 * ${tokens.spacingVerticalS})` },
  errors: { marginInlineStart: tokens.spacingHorizontalXS, verticalAlign: "text-bottom" },
});

const TOP = 10;

/** The table's heading, the units as the index calls them: "Sở, ban, ngành dẫn đầu", "Quốc gia dẫn đầu" / "Top departments". */
export function topUnitsTitle(lang: Lang, unitLabel?: LocalizedText): string {
  const text = t(lang, "topUnits", { units: unitWordText(lang, unitLabel, true) });
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}

/**
 * The line under the first ten when more units share the last one's rank, counted as the index
 * calls its units: "… và 4 sở, ban, ngành khác cùng hạng 10" / "… and 4 more departments also ranked 10".
 */
export function moreTiedText(count: number, rank: number, lang: Lang, unitLabel?: LocalizedText): string {
  const more = lang === "vi" ? unitsCountText(count, lang, unitLabel) : `${formatNumber(count, lang)} more ${unitWordText(lang, unitLabel, count !== 1)}`;
  return t(lang, "moreTied", { more, rank: formatNumber(rank, lang) });
}

/**
 * The units the table shows: the first ten in rank order; ranked within categories, the first ten of
 * each category under its name, in the index's order of categories (units with none last).
 */
export function topUnits(
  score: Pick<ScoreSummary, "units" | "categories">,
  byCategory: boolean,
  lang: Lang,
): { id?: string; name?: string; units: UnitResult[]; tied?: { count: number; rank: number } }[] {
  if (!byCategory) return [{ units: score.units.slice(0, TOP), ...tiedAfter(score.units, (u) => u.rank) }];
  // The categories of the index scored with, kept with the results: another index chosen since (or a
  // definition that cannot be used) does not change what the table says.
  const order = score.categories.map((c) => c.id);
  const ids = [...new Set(score.units.map((u) => u.category ?? ""))].sort((a, b) => {
    const i = a === "" ? Infinity : order.indexOf(a) < 0 ? order.length : order.indexOf(a);
    const j = b === "" ? Infinity : order.indexOf(b) < 0 ? order.length : order.indexOf(b);
    return i - j || (i === j ? a.localeCompare(b) : 0);
  });
  return ids.map((id) => {
    const all = score.units
      .filter((u) => (u.category ?? "") === id)
      .sort((a, b) => (a.ranked !== b.ranked ? (a.ranked ? -1 : 1) : (a.rankInCategory ?? Infinity) - (b.rankInCategory ?? Infinity)));
    const c = score.categories.find((x) => x.id === id);
    return { id, name: id === "" ? t(lang, "noCategory") : c ? c.name[lang] : id, units: all.slice(0, TOP), ...tiedAfter(all, (u) => u.rankInCategory) };
  });
}

/**
 * Of units in rank order, how many beyond the first TOP share the rank of the last one shown (93
 * units tied first among 700): the table says so under its rows rather than end a tie unsaid.
 */
function tiedAfter(units: readonly UnitResult[], rankOf: (u: UnitResult) => number | null | undefined): { tied?: { count: number; rank: number } } {
  const last = units[TOP - 1];
  const rank = last?.ranked ? rankOf(last) : undefined;
  if (rank === null || rank === undefined) return {};
  const count = units.slice(TOP).filter((u) => u.ranked && rankOf(u) === rank).length;
  return count > 0 ? { tied: { count, rank } } : {};
}

/**
 * When a run was made, in the user's time zone, as officials write it: "14:08" and "06/05/2024"
 * (vi), "14:08" and "6 Sep 2024" (en), the date as the workbook and the command line write it
 * (formatDate; not the browser's own "6 Sept"); undefined for a time that cannot be read.
 */
export function formatWhen(iso: string, lang: "vi" | "en"): { time: string; date: string } | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  const time = `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  return { time, date: formatDate(d, lang) };
}

function findingsParams(counts: Record<"error" | "warning", number>, lang: Lang) {
  return { errors: t(lang, "countErrors", { count: counts.error }), warnings: t(lang, "countWarnings", { count: counts.warning }), see: t(lang, "findingsSeeCheck") };
}

/** "Có 1 lỗi và 20 cảnh báo trong số liệu: xem bước Kiểm tra.", or undefined when the run found neither. */
export function findingsAfterScoreText(counts: Record<"error" | "warning", number>, lang: Lang): string | undefined {
  if (counts.error === 0 && counts.warning === 0) return undefined;
  return t(lang, "findingsAfterScore", findingsParams(counts, lang));
}

/**
 * The decimals the table shows the figure the ranking compared with, as the results sheet shows it
 * (figureFormats): those it was rounded to, so that tied ranks look tied; without rounding, enough
 * that units ranked apart show apart (10.004 and 10.001, not 10.00 twice). A definition that cannot
 * be used leaves the table of the last run without its index: then the total's figures alone decide.
 */
export function shownDecimals(score: Pick<ScoreSummary, "ranking" | "units">, model: IndexModel | undefined, onPoints: boolean): number {
  if (model) {
    const formats = figureFormats(model, score);
    return formatDecimals(onPoints ? formats.points : formats.value);
  }
  const figures = score.units.flatMap((u) => (u.ranked ? [onPoints ? u.points : u.value] : [])).filter((x): x is number => x !== null);
  return score.ranking.decimals ?? distinguishingDecimals(figures, onPoints ? 2 : 4);
}

/**
 * The numbers of decimals the select offers to round to before ranking: 0 (`least`) to 4, and on up to the
 * definition's own or the one chosen when either is more (a definition may say up to 12), so that
 * the select always shows the rounding in force.
 */
export function decimalsChoices(definition: number | undefined, chosen: number | null, least = 0): number[] {
  const most = Math.max(4, definition ?? 0, chosen ?? 0);
  // From `least` (2 for an index ranked on values from 0 to 1, which 0 or 1 decimals would make all
  // 1s and 0s), or the definition's or the one chosen when fewer.
  const from = Math.min(least, definition ?? least, chosen ?? least);
  return Array.from({ length: most + 1 - from }, (_, n) => from + n);
}

/** The fewest decimals the select offers: 2 for an index ranked on its values (0 to 1), none for one ranked on points. */
export function leastDecimals(model: IndexModel | undefined): number {
  if (!model) return 0;
  return model.definition.ranking.on === "value" || model.root.max === undefined ? 2 : 0;
}

/**
 * Whether the ranking chosen in the step differs from the one the last run made (`score.ranking`):
 * the table and the workbook show the last run's until the user scores again. Within categories is
 * compared only for an index that has them (a run of one without them ranks all units together,
 * whatever was chosen); "Không làm tròn" is a run with no decimals.
 */
export function rankingChanged(ranking: RankingChoice, score: Pick<ScoreSummary, "ranking">, hasCategories: boolean): boolean {
  const ran = score.ranking;
  return ranking.method !== ran.method || (ranking.decimals ?? undefined) !== ran.decimals || (hasCategories && ranking.within !== ran.within);
}

export function ScoreStep({ state, actions }: { state: PaneState; actions: PaneActions }) {
  const st = useStepStyles();
  const s = useStyles();
  const { lang, ranking, score } = state;
  // The index the results were scored with (a change of index drops or sets them aside).
  const model = state.index.model;
  // The figure the ranking compared (points, or values for an index of values), with the decimals
  // the results sheet shows it with.
  const onPoints = score ? score.ranking.on === "points" && score.units.some((u) => u.points !== null) : true;
  const decimals = score ? shownDecimals(score, model, onPoints) : 0;
  // The table follows what the run did: ranks within categories only when it made them.
  const byCategory = score ? rankedByCategory(score) : false;
  // Ranking within unit categories is offered only for an index that has them.
  const hasCategories = (state.index.model?.definition.categories ?? []).length > 0;
  const groups = score ? topUnits(score, byCategory, lang) : [];
  const scoredAt = state.scoredAt ? formatWhen(state.scoredAt, lang) : undefined;
  const findings = score ? findingsAfterScoreText(score.counts, lang) : undefined;
  // Options changed since the last run: the table below is still that run's ranking.
  const changed = score ? rankingChanged(ranking, score, hasCategories) : false;
  // The bar under the table has no title: it is named by its sentence.
  const findingsName = useBarName();
  return (
    <div className={st.step}>
      {state.scoredAt && (scoredAt || state.mode === "excel") && !(state.stale && state.stale.length > 0) && staleIndexMessage(state) === undefined && (
        <div className={st.row}>
          {scoredAt && <Text className={st.hint}>{t(lang, "scoredAt", scoredAt)}</Text>}
          {score?.lang !== undefined && score.lang !== lang && (
            <Text className={st.hint} data-testid="sheets-lang">
              {t(lang, score.lang === "vi" ? "sheetsInVietnamese" : "sheetsInEnglish")}
            </Text>
          )}
          {/* Only in Excel, where the user edits the workbook beside the pane, sometimes unseen by it; a
              workbook opened in the browser changes only through the pane, which sees every change. */}
          {state.mode === "excel" && (
            <Button size="small" {...unusable(state, { workbook: true })} onClick={() => void actions.recheckStale()}>
              {t(lang, "staleRecheck")}
            </Button>
          )}
        </div>
      )}
      <section className={st.section} aria-labelledby="score-ranking">
        <h2 id="score-ranking" className={st.heading}>
          {t(lang, "rankingTitle")}
        </h2>
        <Text className={st.hint}>{t(lang, "rankingFromDefinition")}</Text>
        <div className={s.options}>
          <Field label={t(lang, "method")} {...(ranking.method === "ordinal" ? { hint: t(lang, "methodOrdinalHint", { units: unitWordText(lang, model?.definition.unitLabel, true) }) } : {})}>
            <Select className={st.select} value={ranking.method} onChange={(_, d) => actions.setRanking({ method: d.value as RankMethod })}>
              <option value="competition">{t(lang, "methodCompetition")}</option>
              <option value="dense">{t(lang, "methodDense")}</option>
              <option value="ordinal">{t(lang, "methodOrdinal")}</option>
            </Select>
          </Field>
          <Field label={t(lang, "decimals")}>
            <Select
              className={st.select}
              value={ranking.decimals === null ? "" : String(ranking.decimals)}
              onChange={(_, d) => actions.setRanking({ decimals: d.value === "" ? null : Number(d.value) })}
            >
              <option value="">{t(lang, "decimalsNone")}</option>
              {decimalsChoices(model?.definition.ranking.decimals, ranking.decimals, leastDecimals(model)).map((n) => (
                <option key={n} value={String(n)}>
                  {formatNumber(n, lang)}
                </option>
              ))}
            </Select>
          </Field>
          {hasCategories && (
            <Field label={t(lang, "within")}>
              <Select className={st.select} value={ranking.within} onChange={(_, d) => actions.setRanking({ within: d.value as RankWithin })}>
                <option value="all">{t(lang, "withinAll", { units: unitWordText(lang, model?.definition.unitLabel, true) })}</option>
                <option value="category">{t(lang, "withinCategory")}</option>
              </Select>
            </Field>
          )}
        </div>
      </section>
      {/* Forms made for another index than the one chosen: said before scoring with it, which would read none. */}
      <FormsIndexBar state={state} actions={actions} />
      <div className={st.row}>
        <Button appearance="primary" {...unusable(state, { workbook: true, index: true })} data-step-main {...rerunMark("scoreRun")} onClick={() => void actions.score()}>
          {t(lang, "scoreRun")}
        </Button>
      </div>
      {!state.workbench && (
        <Text className={st.hint} id={NEED_WORKBOOK_ID}>
          {t(lang, "needWorkbook")}
        </Text>
      )}
      <IndexNeeded state={state} actions={actions} />
      {score && (
        <section className={mergeClasses(st.section, s.container)} aria-labelledby="score-top" data-testid="score-summary">
          {/* Said with what was scored (App's announcer): not a live region of its own. Above the table, which may be
              long: the errors are seen with the ranking they may change, not below its last row. */}
          {findings !== undefined && (
            <MessageBar intent={score.counts.error > 0 ? "error" : "warning"} layout="multiline" data-testid="score-findings" {...findingsName.bar}>
              <MessageBarBody {...findingsName.label}>
                {/* "xem bước Kiểm tra" goes there. An inline span, not a button (a box of its own): its words wrap as
                    the sentence's do, and the full stop after it stays on its last line. */}
                {fillPattern(tPattern(lang, "findingsAfterScore", findingsParams(score.counts, lang)), (name) =>
                  name === "see" ? (
                    <Link as="span" inline className={st.linkFocus} onClick={() => actions.setStep("check")}>
                      {t(lang, "findingsSeeCheck")}
                    </Link>
                  ) : name === "errors" || name === "warnings" ? (
                    findingsParams(score.counts, lang)[name]
                  ) : undefined,
                )}
              </MessageBarBody>
            </MessageBar>
          )}
          <h2 id="score-top" className={st.heading}>
            {topUnitsTitle(lang, score.unitLabel)}
          </h2>
          {/* Always in the page with the table, its words changed (a live region that appears with its text is not read):
              said as the user changes an option. */}
          <div aria-live="polite" aria-atomic="true" className={changed ? undefined : s.liveIdle}>
            {changed && (
              <Text className={mergeClasses(s.changed, st.wrap)} data-testid="ranking-changed">
                {t(lang, "rankingChanged", { action: t(lang, "scoreRun") })}
              </Text>
            )}
          </div>
          {byCategory && <Text className={mergeClasses(st.hint, st.wrap)}>{t(lang, "rankedWithinCategories")}</Text>}
          {/* The roles are the table's own, said again: a narrow pane lays the rows out as a grid, and a
              table laid out so keeps its rows and cells for screen readers only with them. */}
          <table className={s.table} role="table" aria-labelledby="score-top" data-testid="score-table">
            <thead className={s.group} role="rowgroup">
              <tr className={mergeClasses(s.row, s.headRow)} role="row">
                <th className={mergeClasses(s.th, s.rankCell, s.rankCol)} scope="col" role="columnheader">
                  {byCategory ? (
                    <>
                      <span aria-hidden="true" title={label("rankInCategory", lang)} data-testid="rank-header-short">
                        {label("rank", lang)}
                      </span>
                      <span className={st.srOnly}>{label("rankInCategory", lang)}</span>
                    </>
                  ) : (
                    label("rank", lang)
                  )}
                </th>
                <th className={mergeClasses(s.th, s.unitCell)} scope="col" role="columnheader">
                  {/* The index's own word for its units ("Quốc gia" for HDI), as the results sheet heads its column. */}
                  {unitLabelText(score.unitLabel, lang)}
                </th>
                <th className={mergeClasses(s.th, s.num, s.figureCell, s.pointsCol)} scope="col" role="columnheader">
                  {onPoints ? t(lang, "colPoints") : label("value", lang)}
                </th>
              </tr>
            </thead>
            {groups.map((g) => (
              <tbody key={g.id ?? ""} className={s.group} role="rowgroup">
                {g.name !== undefined && (
                  <tr data-category={g.id ?? ""} className={s.row} role="row">
                    <th className={mergeClasses(s.th, s.category, s.wholeRow)} colSpan={3} scope="colgroup" role="columnheader">
                      {g.name}
                    </th>
                  </tr>
                )}
                {g.units.map((u) => {
                  const rank = byCategory ? u.rankInCategory : u.rank;
                  // A unit whose form holds no figure is ranked with the 0 the results sheet shows, and said so under its name.
                  const noData = u.coverage === 0;
                  // An index of values: a value computed with missing figures as 0 is shown as none, as on the results sheet.
                  const onValue = !(onPoints && u.points !== null);
                  const figure = onValue && model !== undefined && valueLeftOut(model, u, u.coverage) ? null : onValue ? u.value : u.points;
                  return (
                    <tr key={u.code || u.name} className={s.row} role="row">
                      <td className={mergeClasses(s.td, s.rankCell)} role="cell">
                        {u.ranked && rank !== null ? formatNumber(rank, lang) : "—"}
                      </td>
                      <td className={mergeClasses(s.td, s.unitCell)} role="cell">
                        {u.name}
                        {(score.errors[u.code || u.name] ?? 0) > 0 && (
                          // The unit's data has errors: its rank may not be what it would be with them put right.
                          <Badge
                            className={s.errors}
                            size="small"
                            appearance="tint"
                            color="danger"
                            role="img"
                            aria-label={t(lang, "unitHasErrors", { count: score.errors[u.code || u.name]! })}
                            data-testid="unit-errors"
                          >
                            {t(lang, "countErrors", { count: score.errors[u.code || u.name]! })}
                          </Badge>
                        )}
                        {!u.ranked && (
                          <span className={s.why} data-testid="not-ranked">
                            {notRankedText(u.notRankedReason, u.coverage, score.ranking.minCoverage, lang, model ? uncomputedParts(model, u, lang) : []) || t(lang, "notRanked")}
                          </span>
                        )}
                        {u.ranked && noData && (
                          <span className={s.why} data-testid="no-data">
                            {t(lang, "noDataUnit")}
                          </span>
                        )}
                      </td>
                      <td className={mergeClasses(s.td, s.num, s.figureCell)} role="cell">
                        {figure !== null ? formatNumber(figure, lang, decimals) : "—"}
                      </td>
                    </tr>
                  );
                })}
                {g.tied && (
                  <tr className={s.row} role="row" data-testid="more-tied">
                    <td className={mergeClasses(s.td, s.wholeRow, s.quiet)} colSpan={3} role="cell">
                      {moreTiedText(g.tied.count, g.tied.rank, lang, score.unitLabel)}
                    </td>
                  </tr>
                )}
              </tbody>
            ))}
          </table>
        </section>
      )}
    </div>
  );
}
