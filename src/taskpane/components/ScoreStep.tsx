import { Button, Field, MessageBar, MessageBarBody, Select, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { formatNumber } from "../../core/i18n/text";
import { t } from "../i18n";
import type { PaneActions, PaneState, RankMethod, RankWithin } from "../state/usePane";
import { useStepStyles } from "./styles";

const useStyles = makeStyles({
  table: { width: "100%", borderCollapse: "collapse", tableLayout: "fixed" },
  th: { textAlign: "start", fontWeight: tokens.fontWeightSemibold, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: "4px" },
  td: { padding: "4px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, overflowWrap: "anywhere", verticalAlign: "top" },
  num: { textAlign: "end", whiteSpace: "nowrap" },
  rankCol: { width: "3.5em" },
  pointsCol: { width: "5.5em" },
  options: { display: "grid", gridTemplateColumns: "1fr", gap: tokens.spacingVerticalS },
});

const TOP = 10;

/**
 * When a run was made, in the user's time zone, as officials write it: "14:08" and "06/05/2024"
 * (vi), "14:08" and "6 May 2024" (en); undefined for a time that cannot be read.
 */
export function formatWhen(iso: string, lang: "vi" | "en"): { time: string; date: string } | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  const locale = lang === "vi" ? "vi-VN" : "en-GB";
  const time = d.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit", hour12: false });
  const date = d.toLocaleDateString(locale, lang === "vi" ? { day: "2-digit", month: "2-digit", year: "numeric" } : { day: "numeric", month: "short", year: "numeric" });
  return { time, date };
}

export function ScoreStep({ state, actions }: { state: PaneState; actions: PaneActions }) {
  const st = useStepStyles();
  const s = useStyles();
  const { lang, ranking, score } = state;
  const busy = Boolean(state.busy);
  // Points as the ranking saw them (rounded to its decimal places), so that tied ranks look tied.
  const decimals = score?.decimals ?? 2;
  const scoredAt = state.scoredAt ? formatWhen(state.scoredAt, lang) : undefined;
  return (
    <div className={st.step}>
      {state.scoredAt && !(state.stale && state.stale.length > 0) && (
        <div className={st.row}>
          {scoredAt && <Text className={st.hint}>{t(lang, "scoredAt", scoredAt)}</Text>}
          <Button size="small" disabled={!state.workbench} disabledFocusable={busy} onClick={() => void actions.recheckStale()}>
            {t(lang, "staleRecheck")}
          </Button>
        </div>
      )}
      <section className={st.section} aria-labelledby="score-ranking">
        <h2 id="score-ranking" className={st.heading}>
          {t(lang, "rankingTitle")}
        </h2>
        <Text className={st.hint}>{t(lang, "rankingFromDefinition")}</Text>
        <div className={s.options}>
          <Field label={t(lang, "method")}>
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
              {[0, 1, 2, 3, 4].map((n) => (
                <option key={n} value={String(n)}>
                  {formatNumber(n, lang)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t(lang, "within")}>
            <Select className={st.select} value={ranking.within} onChange={(_, d) => actions.setRanking({ within: d.value as RankWithin })}>
              <option value="all">{t(lang, "withinAll")}</option>
              <option value="category">{t(lang, "withinCategory")}</option>
            </Select>
          </Field>
        </div>
      </section>
      <div className={st.row}>
        <Button appearance="primary" disabled={!state.workbench || !state.index.model} disabledFocusable={busy} onClick={() => void actions.score()}>
          {t(lang, "scoreRun")}
        </Button>
      </div>
      {!state.workbench && <Text className={st.hint}>{t(lang, "needWorkbook")}</Text>}
      {!state.index.model && <Text className={st.hint}>{t(lang, "noDefinition")}</Text>}
      {score && (
        <section className={st.section} aria-labelledby="score-top" data-testid="score-summary">
          <h2 id="score-top" className={st.heading}>
            {t(lang, "topUnits")}
          </h2>
          <table className={s.table}>
            <thead>
              <tr>
                <th className={mergeClasses(s.th, s.rankCol)} scope="col">
                  {t(lang, "colRank")}
                </th>
                <th className={s.th} scope="col">
                  {t(lang, "colUnit")}
                </th>
                <th className={mergeClasses(s.th, s.num, s.pointsCol)} scope="col">
                  {t(lang, "colPoints")}
                </th>
              </tr>
            </thead>
            <tbody>
              {score.units.slice(0, TOP).map((u) => (
                <tr key={u.code || u.name}>
                  <td className={s.td}>{u.ranked && u.rank !== null ? formatNumber(u.rank, lang) : <span title={t(lang, "notRanked")}>—</span>}</td>
                  <td className={s.td}>{u.name}</td>
                  <td className={mergeClasses(s.td, s.num)}>
                    {u.points !== null ? formatNumber(u.points, lang, decimals) : u.value !== null ? formatNumber(u.value, lang, 4) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {(score.counts.error > 0 || score.counts.warning > 0) && (
            <MessageBar intent={score.counts.error > 0 ? "error" : "warning"} layout="multiline">
              <MessageBarBody>{t(lang, "findingsAfterScore", { errors: t(lang, "countErrors", { count: score.counts.error }), warnings: t(lang, "countWarnings", { count: score.counts.warning }) })}</MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}
    </div>
  );
}
