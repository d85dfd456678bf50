/** A pane's state for rendering one step in a test, and a step rendered to static markup. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { IndexModel } from "../../src/core/definition/model";
import type { PaneActions, PaneState } from "../../src/taskpane/state/usePane";

/** The state of a pane with the built-in `builtinId` (`model`) chosen, in Vietnamese and light, ranking as the index says; `extra` overrides any of it. */
export function paneStateOf(builtinId: string, model: IndexModel, extra: Partial<PaneState> = {}): PaneState {
  return {
    lang: "vi",
    dark: false,
    mode: "excel",
    step: "index",
    workbench: {} as PaneState["workbench"],
    index: { source: "builtin", builtinId, model },
    ranking: { method: "competition", decimals: null, within: "all" },
    profileUnits: [],
    chartKinds: [],
    unitsText: "",
    ...extra,
  };
}

/** A step's component rendered with `state` and no actions. */
export const renderStep = (component: (props: { state: PaneState; actions: PaneActions }) => unknown, state: PaneState) =>
  renderToStaticMarkup(createElement(component as never, { state, actions: {} as PaneActions }));
