/**
 * What the pane keeps of a scored index while the user moves between the Index step's options:
 * passing over "Tệp JSON" without opening a file (the arrow keys go through it on the way to the
 * workbook's own index, or back) discards nothing, and choosing the same definition again keeps
 * what it found; another index puts it aside, and choosing the first again brings it back.
 */
import { parseDefinition } from "../../src/core/definition";
import type { IndexModel } from "../../src/core/definition/model";
import { DEMO_DEFINITION } from "../../src/core/plan/test-fixtures";
import type { Issue } from "../../src/core/types";
import { BUILTIN_INDICES } from "../../src/indices";
import { type Notice, type PaneState, scoreSummary, withModel, withoutModel } from "../../src/taskpane/state/usePane";

function modelOf(definition: unknown): IndexModel {
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error("the definition does not parse");
  return parsed.model;
}
const demo = modelOf(DEMO_DEFINITION);
/** The copy of the demo definition the workbook keeps once scored with it: another object, the same content. */
const demoKept = modelOf(structuredClone(DEMO_DEFINITION));
const province = modelOf(BUILTIN_INDICES.find((b) => b.id.startsWith("dti-tinh"))!.definition);

const issues: Issue[] = [{ severity: "error", code: "not-a-number", message: { vi: "Ô D5 không phải là số.", en: "Cell D5 is not a number." }, sheet: "Sở Xây dựng", cell: "D5", unit: "SXD" }];
const ranking = { method: "dense", on: "points", within: "all", nodes: "top", minCoverage: 0, exclude: [] } as const;
const scoreDone: Notice = { intent: "success", key: "scoreDone", params: { units: 2, ranked: 2 } };

/** The pane right after scoring with `model` (its findings, its results, the ranking chosen for the run). */
function scoredWith(model: IndexModel): PaneState {
  const chosen = { lang: "vi", dark: false, mode: "excel", step: "index", index: { source: "builtin", builtinId: "demo" }, ranking: { method: "competition", decimals: null, within: "all" }, profileUnits: [], chartKinds: [], unitsText: "" } as PaneState;
  const s = { ...chosen, ...withModel(chosen, model) };
  return {
    ...s,
    ranking: { method: "dense", decimals: 2, within: "all" },
    issues,
    unitsChecked: 2,
    unitNames: { SXD: "Sở Xây dựng" },
    score: scoreSummary([], issues, { ...ranking, exclude: [] }, model),
    scoreOfOtherIndex: undefined,
    notice: scoreDone,
  };
}

/** The state after each change, in turn. */
function after(s: PaneState, ...changes: ((s: PaneState) => Partial<PaneState>)[]): PaneState {
  return changes.reduce((x, change) => ({ ...x, ...change(x) }), s);
}
const choose = (model: IndexModel) => (s: PaneState) => withModel(s, model);
/** "Tệp JSON" chosen with no file opened yet (or a definition with problems): no index in use. */
const noFile = (s: PaneState) => withoutModel(s, undefined);

/** What the Check, Score and Charts steps show of a run: its findings, its table of top units, the ranking chosen for it. */
function shown(s: PaneState) {
  return { issues: s.issues, unitsChecked: s.unitsChecked, unitNames: s.unitNames, score: s.score, ranking: s.ranking, scoreOfOtherIndex: s.scoreOfOtherIndex };
}

describe("passing over \"Tệp JSON\" without opening a file", () => {
  const scored = scoredWith(demo);

  test("while no index is in use, the findings and results are still there, and none is put aside", () => {
    const none = after(scored, noFile);
    expect(none.index.model).toBeUndefined();
    expect(shown(none)).toEqual(shown(scored));
    expect(none.setAside).toBeUndefined();
  });

  test("down to the workbook's own copy of the index scored with: the findings, the table and the units to chart stay, and nothing says the index changed", () => {
    const s = after(scored, noFile, choose(demoKept));
    expect(s.index.model).toBe(demoKept);
    expect(shown(s)).toEqual(shown(scored));
    expect(s.scoreOfOtherIndex).toBeUndefined();
    // What the run said goes on being said: it is still this index's run.
    expect(s.notice).toBe(scoreDone);
  });

  test("down and back up to the built-in index scored with: the same", () => {
    const s = after(scored, noFile, choose(demo));
    expect(shown(s)).toEqual(shown(scored));
    expect(s.scoreOfOtherIndex).toBeUndefined();
  });

  test("several times over, and through a definition file with problems: the same", () => {
    const s = after(scored, noFile, choose(demoKept), noFile, (x) => withoutModel(x, [{ vi: "Tệp không hợp lệ.", en: "The file is not valid." }]), choose(demo));
    expect(shown(s)).toEqual(shown(scored));
    expect(s.index.problems).toBeUndefined();
  });

  test("on to another index: the first's findings and results are put aside, said to be of another index, and come back when it is chosen again", () => {
    const other = after(scored, noFile, choose(province));
    expect(other.issues).toBeUndefined();
    expect(other.score).toBeUndefined();
    expect(other.scoreOfOtherIndex).toBe(true);
    // The ranking chosen is the new index's own; the run's notice went with its results.
    expect(other.ranking).toEqual({ method: province.definition.ranking.method, decimals: province.definition.ranking.decimals ?? null, within: province.definition.ranking.within });
    expect(other.notice).toBeUndefined();
    const back = after(other, noFile, choose(demoKept));
    expect(shown(back)).toEqual(shown(scored));
    expect(back.setAside).toBeUndefined();
  });
});

describe("choosing indices with no \"Tệp JSON\" between them (as before)", () => {
  test("A, then B, then A brings A's findings and results back; A then its own copy keeps them", () => {
    const scored = scoredWith(demo);
    expect(shown(after(scored, choose(demoKept)))).toEqual(shown(scored));
    const other = after(scored, choose(province));
    expect(other.score).toBeUndefined();
    expect(other.scoreOfOtherIndex).toBe(true);
    expect(shown(after(other, choose(demo)))).toEqual(shown(scored));
  });
});
