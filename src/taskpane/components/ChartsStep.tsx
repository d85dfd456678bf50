import { Button, Checkbox, Field, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ChartKind } from "../../core/types";
import { type StringKey, t } from "../i18n";
import type { PaneActions, PaneState } from "../state/usePane";
import { useStepStyles } from "./styles";

const useStyles = makeStyles({
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
});

export const MAX_PROFILE_UNITS = 5;

const KINDS: { kind: ChartKind; key: StringKey }[] = [
  { kind: "barSorted", key: "chartTotal" },
  { kind: "stackedBar", key: "chartGroups" },
  { kind: "radar", key: "chartProfile" },
];

export function ChartsStep({ state, actions }: { state: PaneState; actions: PaneActions }) {
  const st = useStepStyles();
  const s = useStyles();
  const { lang, score, chartKinds } = state;
  const chosen = state.profileUnits;
  const profile = chartKinds.includes("radar");
  return (
    <div className={st.step}>
      <Text className={st.hint}>{t(lang, "chartsIntro")}</Text>
      <Field label={t(lang, "chartsChoose")} validationState={chartKinds.length === 0 ? "warning" : "none"} validationMessage={chartKinds.length === 0 ? t(lang, "chartsChooseNone") : undefined}>
        <div className={s.kinds} role="group" aria-label={t(lang, "chartsChoose")}>
          {KINDS.map(({ kind, key }) => (
            <Checkbox
              key={kind}
              label={t(lang, key)}
              checked={chartKinds.includes(kind)}
              onChange={(_, d) => actions.setChartKinds(d.checked ? [...chartKinds, kind] : chartKinds.filter((k) => k !== kind))}
            />
          ))}
        </div>
      </Field>
      {score ? (
        <Field label={t(lang, "profileUnits")} hint={profile ? t(lang, "profileHint") : t(lang, "profileNeedsChart")}>
          <div className={s.units} role="group" aria-label={t(lang, "profileUnits")}>
            {score.units.map((u) => {
              const key = u.code || u.name;
              const on = chosen.includes(key);
              return (
                <Checkbox
                  key={key}
                  label={u.name}
                  checked={on}
                  disabled={!profile || (!on && chosen.length >= MAX_PROFILE_UNITS)}
                  onChange={(_, d) => actions.setProfileUnits(d.checked ? [...chosen, key] : chosen.filter((c) => c !== key))}
                />
              );
            })}
          </div>
        </Field>
      ) : (
        <Text className={st.hint}>{t(lang, "chartsNeedScore")}</Text>
      )}
      <div className={st.row}>
        <Button appearance="primary" disabled={!score || chartKinds.length === 0} disabledFocusable={Boolean(state.busy)} onClick={() => void actions.score()}>
          {t(lang, "chartsRun")}
        </Button>
      </div>
    </div>
  );
}
