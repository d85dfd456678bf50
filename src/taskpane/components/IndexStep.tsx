import {
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  type SelectProps,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { type CSSProperties, useCallback, useEffect, useRef, useState } from "react";
import type { IndexModel, ModelNode } from "../../core/definition/model";
import { formatNumber, localize } from "../../core/i18n/text";
import { t } from "../i18n";
import * as pipeline from "../state/pipeline";
import type { PaneActions, PaneState } from "../state/usePane";
import { FileButton } from "./FileButton";
import { FormsIndexBar } from "./IndexNeeded";
import { fillPattern, withPathBreaks } from "./pattern";
import { useStepStyles } from "./styles";

/**
 * Below this width (a zoomed pane: 200% in a 350 px pane leaves the box about 130 CSS px) a code and
 * a maximum on either side would leave a name a few letters a line: the name then goes under them,
 * across the whole width.
 */
const NARROW = "@container (max-width: 240px)";

const useStyles = makeStyles({
  tree: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "2px" },
  subtree: { marginTop: "2px" },
  node: {
    display: "grid",
    gridTemplateColumns: "minmax(2.5em, auto) minmax(0, 1fr) auto",
    gridTemplateAreas: '"code name max"',
    columnGap: tokens.spacingHorizontalS,
    alignItems: "baseline",
    minWidth: 0,
    // Indented by its depth; not in a narrow box, where the indent would leave a long word
    // ("infrastructure") no line of its own (the codes and the groups' bold say the depth).
    paddingInlineStart: "calc(var(--depth) * 14px)",
    [NARROW]: { gridTemplateColumns: "auto minmax(0, 1fr)", gridTemplateAreas: '"code max" "name name"', paddingInlineStart: 0 },
  },
  code: { gridArea: "code", fontWeight: tokens.fontWeightSemibold },
  // A name breaks between its words; only a word longer than the whole box is broken (hyphenated where the language allows).
  name: { gridArea: "name", minWidth: 0, overflowWrap: "break-word", hyphens: "auto" },
  max: { gridArea: "max", justifySelf: "end", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, whiteSpace: "nowrap" },
  group: { fontWeight: tokens.fontWeightSemibold },
  nowrap: { whiteSpace: "nowrap" },
  box: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    maxHeight: "340px",
    overflowY: "auto",
    // The box's own width, not the window's, decides how a row is laid out.
    containerType: "inline-size",
    // A zoomed pane: the room the padding took goes to the names' words.
    "@media (max-width: 200px)": { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  },
});

/** How long the select waits, after an arrow key, for the next before it uses the option it is on. */
const SETTLE_MS = 1000;

/**
 * A select of indices whose keyboard moves are held. A closed native select fires a change for each
 * option the arrow keys pass (Chromium), and each change would load that index and have the pane
 * say, for each, that the forms were made for another. The option the keys stop on is used once
 * the user settles on it: Enter, leaving the select, or a moment without another key. A choice made
 * with the pointer, or in the opened list, is used at once.
 */
function useSettledChoice(value: string, choose: (value: string) => void): Pick<SelectProps, "value" | "onChange" | "onKeyDown" | "onKeyUp" | "onBlur"> {
  const [held, setHeld] = useState<string | undefined>(undefined);
  const heldRef = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const byKey = useRef(false);
  const latest = useRef({ value, choose });
  latest.current = { value, choose };
  const settle = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const v = heldRef.current;
    heldRef.current = undefined;
    setHeld(undefined);
    if (v !== undefined && v !== latest.current.value) latest.current.choose(v);
  }, []);
  // A step left with an option held: that option is the one chosen.
  useEffect(() => settle, [settle]);
  return {
    value: held ?? value,
    onKeyDown: (e) => {
      byKey.current = e.key !== "Enter";
      if (e.key === "Enter") settle();
    },
    onKeyUp: () => {
      byKey.current = false;
    },
    onBlur: settle,
    onChange: (_, d) => {
      if (!byKey.current) {
        heldRef.current = d.value;
        settle();
        return;
      }
      heldRef.current = d.value;
      setHeld(d.value);
      clearTimeout(timer.current);
      timer.current = setTimeout(settle, SETTLE_MS);
    },
  };
}

function Tree({ model, lang }: { model: IndexModel; lang: PaneState["lang"] }) {
  const s = useStyles();
  // Groups and indicators down to two levels below the root: enough to see the shape. A group's
  // indicators are a list inside its item, so that a screen reader says which group they are in
  // and how many it has (the indent and the bold say so on screen).
  const row = (n: ModelNode) => (
    <div className={s.node} style={{ "--depth": n.depth - 1 } as CSSProperties}>
      <span className={mergeClasses(s.code, n.kind === "group" && s.group)}>{n.code}</span>
      <span className={mergeClasses(s.name, n.depth === 1 && s.group)}>{localize(n.name, lang)}</span>
      <span className={s.max}>{n.max !== undefined ? t(lang, "maxPoints", { max: formatNumber(n.max, lang) }) : ""}</span>
    </div>
  );
  const childrenOf = (n: ModelNode): ModelNode[] => (n.kind === "group" ? n.children.map((c) => model.nodes.get(c)).filter((c): c is ModelNode => c !== undefined) : []);
  return (
    <ul className={s.tree}>
      {childrenOf(model.root).map((n) => {
        const below = childrenOf(n);
        return (
          <li key={n.code}>
            {row(n)}
            {below.length > 0 && (
              <ul className={mergeClasses(s.tree, s.subtree)}>
                {below.map((c) => (
                  <li key={c.code}>{row(c)}</li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function IndexStep({ state, actions }: { state: PaneState; actions: PaneActions }) {
  const st = useStepStyles();
  const s = useStyles();
  const { lang, index } = state;
  const model = index.model;
  const builtin = useSettledChoice(index.builtinId, actions.chooseBuiltin);
  const embeddedWhy = pipeline.embeddedUnavailable(state);
  return (
    <div className={st.step}>
      <h2 className={st.heading}>{t(lang, "indexTitle")}</h2>
      <Field label={t(lang, "indexSource")}>
        <RadioGroup value={index.source} onChange={(_, d) => actions.setSource(d.value as "builtin" | "file" | "embedded")}>
          <Radio value="builtin" label={t(lang, "sourceBuiltin")} />
          <Radio value="file" label={t(lang, "sourceFile")} />
          <Radio value="embedded" label={t(lang, "sourceEmbedded")} disabled={!index.embeddedName} {...(embeddedWhy ? { input: { "aria-describedby": "embedded-why" } } : {})} />
        </RadioGroup>
      </Field>
      {/* Why the greyed option cannot be chosen, while it cannot: in the body's own colour, not greyed. */}
      {embeddedWhy && (
        <Text id="embedded-why" className={mergeClasses(st.reason, st.wrap)} data-testid="embedded-why">
          {t(lang, embeddedWhy)}
        </Text>
      )}

      {index.source === "builtin" && (
        <Field label={t(lang, "builtinLabel")}>
          <Select className={st.select} data-step-main {...builtin}>
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
      {/* Forms in the workbook made for another index than the one chosen: said here, where the index is chosen. */}
      <FormsIndexBar state={state} actions={actions} />
      {/* What the workbook holds is said only when it is an option: a workbook that holds no index says nothing here. */}
      {index.source !== "embedded" && index.embeddedName && <Text className={st.hint}>{t(lang, "embeddedFound", { name: index.embeddedName[lang] })}</Text>}

      {index.problems && index.problems.length > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t(lang, "definitionInvalid")}</MessageBarTitle>
            <ul>
              {index.problems.map((p, i) => (
                <li key={i} className={st.wrap}>
                  {withPathBreaks(p[lang])}
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
          <Text className={mergeClasses(st.hint, st.wrap)} data-testid="index-id">
            {/* The version kept on one line ("mau-2023", "HDR 2023/2024"): a code, as the identifier is. */}
            {fillPattern(t(lang, "definitionVersion"), (name) =>
              name === "id" ? (
                <code className={st.code}>{model.definition.id}</code>
              ) : name === "version" ? (
                <code className={mergeClasses(st.code, s.nowrap)}>{model.definition.version}</code>
              ) : undefined,
            )}
          </Text>
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
