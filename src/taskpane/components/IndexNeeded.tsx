import { Button, MessageBar, MessageBarActions, MessageBarBody, Text } from "@fluentui/react-components";
import { t } from "../i18n";
import * as pipeline from "../state/pipeline";
import type { PaneActions, PaneState } from "../state/usePane";
import { CANNOT_RUN_ATTRIBUTE } from "../focus";
import { useBarName } from "./bar";
import { useStepStyles } from "./styles";

/** The id of a step's "Hãy chọn sổ làm việc trước.", which describes the buttons that need a workbook. */
export const NEED_WORKBOOK_ID = "need-workbook";
/** The id of IndexNeeded's sentence, which describes the buttons that need an index. */
export const INDEX_NEEDED_ID = "index-needed";

/**
 * A step's button that cannot run without a workbook (`workbook`) or a usable index (`index`), or
 * for reasons of its own (`other`: whether each holds, and the id of the text that says it): while
 * it cannot run, or while work runs, it keeps its place in the Tab order and does nothing
 * (disabledFocusable), and a screen reader hears why beside its name (aria-describedby).
 */
export function unusable(
  state: Pick<PaneState, "workbench" | "index" | "busy">,
  need: { workbook?: boolean; index?: boolean; other?: { holds: boolean; id: string } | { holds: boolean; id: string }[] },
): { disabledFocusable: boolean; "aria-describedby"?: string; [CANNOT_RUN_ATTRIBUTE]?: string } {
  const why = [
    ...(need.workbook && !state.workbench ? [NEED_WORKBOOK_ID] : []),
    ...(need.index && !state.index.model ? [INDEX_NEEDED_ID] : []),
    ...[need.other ?? []].flat().flatMap((o) => (o.holds ? [o.id] : [])),
  ];
  return { disabledFocusable: why.length > 0 || Boolean(state.busy), ...(why.length > 0 ? { "aria-describedby": why.join(" "), [CANNOT_RUN_ATTRIBUTE]: "" } : {}) };
}

/**
 * Under a step's buttons when no index can be used: the definition chosen is not valid (one
 * sentence, and a button to step 1, where its problems are listed), or none is chosen.
 */
export function IndexNeeded({ state, actions }: { state: PaneState; actions: PaneActions }) {
  const st = useStepStyles();
  const { lang, index } = state;
  if (index.model) return null;
  // A bar without a title: named by its sentence (which also says why the step's buttons cannot run).
  if (!index.problems || index.problems.length === 0)
    return (
      <Text className={st.hint} id={INDEX_NEEDED_ID}>
        {t(lang, "noDefinition")}
      </Text>
    );
  const step = t(lang, "stepIndexShort");
  return (
    <MessageBar intent="error" layout="multiline" data-testid="index-not-usable" aria-labelledby={INDEX_NEEDED_ID}>
      <MessageBarBody className={st.wrap} id={INDEX_NEEDED_ID}>
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
