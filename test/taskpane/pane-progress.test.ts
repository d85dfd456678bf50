/**
 * What an audit of the pane on a workbook of 1,000 units found of its progress: "Đã hoàn tất." shown for
 * seconds while the pane still read the workbook back and prepared the download, its buttons
 * disabled; a progress bar stuck at 0 while the workbook opened or was written. The pane's hook
 * (usePane) runs here as a plain function, each state it sets noted in order: the bar as the user
 * sees it change.
 */
jest.mock("react", () => {
  // usePane run as a plain function: each state it sets is noted, in order (the pane's bar as the user sees it change).
  const actual = jest.requireActual("react");
  const states: unknown[] = [];
  return {
    ...actual,
    __states: states,
    useState: (init: unknown) => [typeof init === "function" ? (init as () => unknown)() : init, (next: unknown) => states.push(next)],
    useRef: (current: unknown) => ({ current }),
    useCallback: (f: unknown) => f,
    useMemo: (f: () => unknown) => f(),
    useEffect: () => undefined,
  };
});

import * as React from "react";
import { parseDefinition } from "../../src/core/definition";
import type { IndexModel } from "../../src/core/definition/model";
import { DEMO_INDEX, DEMO_PERIOD, DEMO_UNITS, fillDemoWorkbook } from "../../src/cli/demo";
import { XlsxHost } from "../../src/hosts/xlsx";
import { makeTemplate } from "../../src/hosts/xlsx/template";
import { BUILTIN_INDICES } from "../../src/indices";
import { type StringKey, t } from "../../src/taskpane/i18n";
import { score } from "../../src/taskpane/state/pipeline";
import { type PaneState, busyStage, usePane } from "../../src/taskpane/state/usePane";
import type { Workbench } from "../../src/taskpane/state/workbench";

const demoModel: IndexModel = (() => {
  const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === DEMO_INDEX)!.definition);
  if (!r.ok) throw new Error("the demo's index does not parse");
  return r.model;
})();

/** The demo's workbook, its forms filled, open outside Excel (its .xlsx host in this process rather than in a worker). */
async function demoWorkbench(): Promise<Workbench> {
  const blank = await makeTemplate(demoModel, DEMO_UNITS, { lang: "vi", period: DEMO_PERIOD.vi });
  const host = await XlsxHost.fromBuffer(await fillDemoWorkbook(demoModel, blank, DEMO_UNITS), "so-lieu.xlsx");
  return {
    mode: "file",
    fileName: "so-lieu.xlsx",
    host,
    addWorkbooks: async () => ({ taken: [], skipped: [], warnings: [] }),
    toBlob: async () => new Blob([(await host.toBuffer()) as BlobPart]),
  };
}

describe("the progress while scoring", () => {
  const states = (React as unknown as { __states: PaneState[] }).__states;

  test("says what the pane is doing until the work is over: the write, reading back, the download, and only then \"Đã hoàn tất.\"; a stage that cannot say how far it is shows a bar that moves without filling", async () => {
    const workbench = await demoWorkbench();
    const { actions } = usePane({ mode: "file", lang: "vi", dark: false }, workbench);
    actions.chooseBuiltin(DEMO_INDEX);
    states.length = 0;
    await actions.score();
    const last = states.at(-1)!;
    expect(last.score?.units.length).toBe(DEMO_UNITS.length - 1);
    expect(last.downloadUrl).toBeDefined();
    expect(last.busy).toBeUndefined();
    // The bar as it changed, each stage once.
    const bars = states.map((s) => s.busy).filter((b): b is NonNullable<PaneState["busy"]> => b !== undefined);
    const stages = bars.map((b) => b.key).filter((k, i, all) => i === 0 || all[i - 1] !== k);
    expect(stages.slice(-4)).toEqual<StringKey[]>(["progressWrite", "progressReadBack", "progressDownload", "progressDone"]);
    expect(stages.filter((k) => k === "progressDone")).toHaveLength(1);
    expect(t("vi", "progressDownload")).toBe("Đang chuẩn bị tệp tải xuống…");
    expect(t("en", "progressDownload")).toBe("Preparing the download…");
    // The read at the start, the write and what follows it say nothing of how far they are: no fraction, not a bar stuck at 0.
    expect(bars[0]).toEqual({ key: "progressRead" });
    for (const b of bars.filter((x) => ["progressWrite", "progressReadBack", "progressDownload"].includes(x.key))) expect(b.fraction).toBeUndefined();
    // The stages of the scoring itself fill the bar.
    expect(bars.find((b) => b.key === "progressScore")?.fraction).toBeGreaterThan(0);
  }, 60_000);

  test("the run itself never says \"Đã hoàn tất.\": the pane says it once its own work after the run is over", async () => {
    const keys: (string | undefined)[] = [];
    const run = await score(await demoWorkbench(), demoModel, {
      lang: "vi",
      ranking: { method: "competition", decimals: null, within: "all" },
      profileUnits: [],
      chartKinds: [],
      onProgress: async (key, fraction) => void keys.push(`${key}${fraction === undefined ? "" : `@${fraction}`}`),
    });
    expect(run.units.length).toBe(DEMO_UNITS.length - 1);
    expect(keys[0]).toBe("progressRead");
    expect(keys.at(-1)).toBe("progressReadBack");
    expect(keys.some((k) => k?.startsWith("progressDone"))).toBe(false);
    expect(keys).toContain("progressWrite");
  }, 60_000);

  test("a busy bar given no fraction moves without filling; one given a fraction fills", () => {
    expect(busyStage("progressRead")).toEqual({ key: "progressRead" });
    expect(busyStage("progressScore", 0.5)).toEqual({ key: "progressScore", fraction: 0.5 });
  });
});

