import { Button, Checkbox, Field, Text, makeStyles, tokens } from "@fluentui/react-components";
import { t } from "../i18n";
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
});

export const MAX_PROFILE_UNITS = 5;

export function ChartsStep({ state, actions }: { state: PaneState; actions: PaneActions }) {
  const st = useStepStyles();
  const s = useStyles();
  const { lang, score } = state;
  const chosen = state.profileUnits;
  return (
    <div className={st.step}>
      <Text className={st.hint}>{t(lang, "chartsIntro")}</Text>
      <ul className={st.section} style={{ margin: 0, paddingInlineStart: "1.2em" }}>
        <li>{t(lang, "chartTotal")}</li>
        <li>{t(lang, "chartGroups")}</li>
        <li>{t(lang, "chartProfile")}</li>
      </ul>
      {score ? (
        <Field label={t(lang, "profileUnits")} hint={t(lang, "profileHint")}>
          <div className={s.units} role="group" aria-label={t(lang, "profileUnits")}>
            {score.units.map((u) => {
              const key = u.code || u.name;
              const on = chosen.includes(key);
              return (
                <Checkbox
                  key={key}
                  label={u.name}
                  checked={on}
                  disabled={!on && chosen.length >= MAX_PROFILE_UNITS}
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
        <Button appearance="primary" disabled={Boolean(state.busy) || !score} onClick={() => void actions.score()}>
          {t(lang, "chartsRun")}
        </Button>
      </div>
    </div>
  );
}
