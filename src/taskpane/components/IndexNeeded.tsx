import { Button, MessageBar, MessageBarActions, MessageBarBody, Text } from "@fluentui/react-components";
import { t } from "../i18n";
import * as pipeline from "../state/pipeline";
import type { PaneActions, PaneState } from "../state/usePane";
import { useBarName } from "./bar";
import { useStepStyles } from "./styles";

/**
 * Under a step's buttons when no index can be used: the definition chosen is not valid (one
 * sentence, and a button to step 1, where its problems are listed), or none is chosen.
 */
export function IndexNeeded({ state, actions }: { state: PaneState; actions: PaneActions }) {
  const st = useStepStyles();
  // A bar without a title: named by its sentence.
  const name = useBarName();
  const { lang, index } = state;
  if (index.model) return null;
  if (!index.problems || index.problems.length === 0) return <Text className={st.hint}>{t(lang, "noDefinition")}</Text>;
  const step = t(lang, "stepIndexShort");
  return (
    <MessageBar intent="error" layout="multiline" data-testid="index-not-usable" {...name.bar}>
      <MessageBarBody className={st.wrap} {...name.label}>
        {index.source === "file" && index.fileName ? t(lang, "definitionNotUsable", { file: index.fileName, step }) : t(lang, "definitionNotUsableNoFile", { step })}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" disabledFocusable={Boolean(state.busy)} onClick={() => actions.setStep("index")}>
          {t(lang, "goToStep", { n: 1, name: step })}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/**
 * "The forms in this workbook were made for another index than the one chosen" (formsIndexMismatch),
 * with its button to choose the forms' index when it is a built-in one: in step 1, and in the Score
 * step before the user scores with an index that would read no form (or, for forms of another
 * version of the index chosen, that reads them by their rows' codes, a warning on each). Not when
 * the notice at the top says it already (formsIndexBar).
 */
export function FormsIndexBar({ state, actions }: { state: PaneState; actions: PaneActions }) {
  const st = useStepStyles();
  // A bar without a title: named by its sentence.
  const name = useBarName();
  const formsIndex = pipeline.formsIndexBar(state);
  if (!formsIndex) return null;
  const offer = formsIndex.offer;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="forms-index" {...name.bar}>
      <MessageBarBody className={st.wrap} {...name.label}>{formsIndex.message[state.lang]}</MessageBarBody>
      {offer && (
        <MessageBarActions>
          <Button size="small" disabledFocusable={Boolean(state.busy)} onClick={() => actions.useFormsIndex(offer.builtinId)}>
            {pipeline.offerLabel(state.lang)}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
