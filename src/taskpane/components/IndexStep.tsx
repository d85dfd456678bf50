import { Button, Field, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Select, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { IndexModel, ModelNode } from "../../core/definition/model";
import { formatNumber, localize } from "../../core/i18n/text";
import { t } from "../i18n";
import * as pipeline from "../state/pipeline";
import type { PaneActions, PaneState } from "../state/usePane";
import { FileButton } from "./FileButton";
import { useStepStyles } from "./styles";

/**
 * Below this width (a zoomed pane: 200% in a 350 px pane leaves the box about 130 CSS px) a code and
 * a maximum on either side would leave a name a few letters a line: the name then goes under them,
 * across the whole width.
 */
const NARROW = "@container (max-width: 240px)";

const useStyles = makeStyles({
  tree: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "2px" },
  node: {
    display: "grid",
    gridTemplateColumns: "minmax(2.5em, auto) minmax(0, 1fr) auto",
    gridTemplateAreas: '"code name max"',
    columnGap: tokens.spacingHorizontalS,
    alignItems: "baseline",
    minWidth: 0,
    [NARROW]: { gridTemplateColumns: "auto minmax(0, 1fr)", gridTemplateAreas: '"code max" "name name"' },
  },
  code: { gridArea: "code", fontWeight: tokens.fontWeightSemibold },
  // A name breaks between its words; only a word longer than the whole box is broken (hyphenated where the language allows).
  name: { gridArea: "name", minWidth: 0, overflowWrap: "break-word", hyphens: "auto" },
  max: { gridArea: "max", justifySelf: "end", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, whiteSpace: "nowrap" },
  group: { fontWeight: tokens.fontWeightSemibold },
  box: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    maxHeight: "340px",
    overflowY: "auto",
    // The box's own width, not the window's, decides how a row is laid out.
    containerType: "inline-size",
  },
});

function Tree({ model, lang }: { model: IndexModel; lang: PaneState["lang"] }) {
  const s = useStyles();
  // Groups and indicators down to two levels below the root: enough to see the shape.
  const rows: ModelNode[] = [...model.nodes.values()].filter((n) => n.depth >= 1 && n.depth <= 2);
  return (
    <ul className={s.tree} aria-label={t(lang, "definitionTree")}>
      {rows.map((n) => (
        <li key={n.code} className={s.node} style={{ paddingLeft: `${(n.depth - 1) * 14}px` }}>
          <span className={mergeClasses(s.code, n.kind === "group" && s.group)}>{n.code}</span>
          <span className={mergeClasses(s.name, n.depth === 1 && s.group)}>{localize(n.name, lang)}</span>
          <span className={s.max}>{n.max !== undefined ? t(lang, "maxPoints", { max: formatNumber(n.max, lang) }) : ""}</span>
        </li>
      ))}
    </ul>
  );
}

export function IndexStep({ state, actions }: { state: PaneState; actions: PaneActions }) {
  const st = useStepStyles();
  const s = useStyles();
  const { lang, index } = state;
  const model = index.model;
  // Forms in the workbook made for another index than the one chosen: said here, where the index is chosen.
  const formsIndex = pipeline.formsIndexMismatch(state);
  const offer = formsIndex?.offer;
  return (
    <div className={st.step}>
      <Field label={t(lang, "indexSource")}>
        <RadioGroup value={index.source} onChange={(_, d) => actions.setSource(d.value as "builtin" | "file" | "embedded")}>
          <Radio value="builtin" label={t(lang, "sourceBuiltin")} />
          <Radio value="file" label={t(lang, "sourceFile")} />
          <Radio value="embedded" label={t(lang, "sourceEmbedded")} disabled={!index.embeddedName} />
        </RadioGroup>
      </Field>

      {index.source === "builtin" && (
        <Field label={t(lang, "builtinLabel")}>
          <Select className={st.select} value={index.builtinId} data-step-main onChange={(_, d) => actions.chooseBuiltin(d.value)}>
            {pipeline.builtinChoices(lang).map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {index.source === "file" && (
        <div className={st.row}>
          <FileButton label={t(lang, "openJson")} accept=".json,application/json" testId="definition-file" main onFiles={(f) => f[0] && actions.openDefinitionFile(f[0])} />
          {index.fileName && <Text className={st.wrap}>{index.fileName}</Text>}
        </div>
      )}
      {formsIndex && (
        <MessageBar intent="warning" layout="multiline" data-testid="forms-index">
          <MessageBarBody className={st.wrap}>{formsIndex.message[lang]}</MessageBarBody>
          {offer && (
            <MessageBarActions>
              <Button size="small" disabledFocusable={Boolean(state.busy)} onClick={() => actions.useFormsIndex(offer.builtinId)}>
                {pipeline.offerLabel(offer.builtinId, index, lang)}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {/* What the workbook holds is said only when it is an option: a workbook that holds no index says nothing here. */}
      {index.source !== "embedded" && index.embeddedName && <Text className={st.hint}>{t(lang, "embeddedFound", { name: index.embeddedName[lang] })}</Text>}
      {index.source === "embedded" && !index.embeddedName && <Text className={st.hint}>{t(lang, "embeddedNone")}</Text>}

      {index.problems && index.problems.length > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t(lang, "definitionInvalid")}</MessageBarTitle>
            <ul>
              {index.problems.map((p, i) => (
                <li key={i} className={st.wrap}>
                  {p[lang]}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}

      {model ? (
        <section className={st.section}>
          <Text weight="semibold" className={st.wrap}>
            {t(lang, "definitionLoaded", { name: localize(model.definition.name, lang) })}
          </Text>
          <Text className={st.hint} data-testid="index-summary">
            {pipeline.indexSummary(model, lang)}
          </Text>
          <Text className={mergeClasses(st.hint, st.wrap)}>{t(lang, "definitionVersion", { id: model.definition.id, version: model.definition.version })}</Text>
          <div className={s.box} tabIndex={0} role="region" aria-label={t(lang, "definitionTree")}>
            <Tree model={model} lang={lang} />
          </div>
        </section>
      ) : (
        !index.problems && <Text className={st.hint}>{t(lang, "noDefinition")}</Text>
      )}
    </div>
  );
}
