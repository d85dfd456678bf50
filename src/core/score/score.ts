/**
 * The scoring engine: submissions → score table (index-definition.md: rules, aggregation,
 * missing data, applicability, ranking). Pure and O(units × nodes): cross-unit rules collect
 * their extents once per run, never by re-scanning the units for each unit.
 */
import type { GroupModel, IndexModel, IndicatorModel, ModelNode } from "../definition/model";
import { unitKey } from "../plan/index-sheet";
import type { NodeResult, NotRankedReason, RankingOverride, ScoreTable, Submission, UnavailableReason, UnitResult } from "../types";
import { type AggregateOutcome, type ChildFigure, aggregateGroup } from "./aggregate";
import { type RankEntry, rankFigures } from "./rank";
import { decimalFigure } from "./round";
import { type Extent, type RuleOutcome, choiceScales, crossFigure, crossInput, crossRuleValue, isCrossUnit, localRuleValue } from "./rules";

/** Overrides of the definition's ranking for one run (e.g. from the task pane or the command line). */
export interface ScoreOptions {
  ranking?: RankingOverride;
}

type Ranking = ScoreTable["ranking"];

/**
 * The ranking in force: the definition's, overridden by `options.ranking` (keys left undefined
 * do not override). `decimals: null` overrides the definition's decimals with none: figures are
 * compared unrounded (to 10 decimals), as the task pane's "no rounding" asks. `on` defaults to
 * "points" when the root has an effective max, else "value".
 */
export function resolveRanking(model: IndexModel, options: ScoreOptions = {}): Ranking {
  const base = model.definition.ranking;
  const over = options.ranking ?? {};
  const decimals = over.decimals === null ? undefined : (over.decimals ?? base.decimals);
  return {
    method: over.method ?? base.method,
    on: over.on ?? base.on ?? (model.root.max !== undefined ? "points" : "value"),
    ...(decimals !== undefined ? { decimals } : {}),
    within: over.within ?? base.within,
    nodes: over.nodes ?? base.nodes,
    minCoverage: over.minCoverage ?? base.minCoverage,
    exclude: [...(over.exclude ?? base.exclude)],
  };
}

/**
 * Nodes that carry ranks besides the root: "top" the root's children (groups and indicators),
 * "all" those and every other group, in tree order (so "all" ranks every node "top" ranks, and
 * the results sheet's rank column of an indicator under the root is filled either way), "none" none.
 */
export function rankedNodeCodes(model: IndexModel, nodes: Ranking["nodes"]): string[] {
  if (nodes === "none") return [];
  if (nodes === "top") return [...model.topCodes];
  const top = new Set(model.topCodes);
  return [...model.nodes.values()].filter((n) => n.code !== model.root.code && (n.kind === "group" || top.has(n.code))).map((n) => n.code);
}

/** The tree laid out in arrays once per run. */
interface Layout {
  nodes: ModelNode[];
  /** Child indexes of each node (empty for indicators). */
  children: number[][];
  /** Node indexes, every node after all of its descendants. */
  postOrder: number[];
  /** Node index of each indicator, in tree order. */
  indicators: number[];
  /** For each group, whether every child has max 0 (the group scores nothing by construction). */
  allChildrenUnscored: boolean[];
}

function layoutOf(model: IndexModel): Layout {
  const nodes = [...model.nodes.values()];
  const index = new Map(nodes.map((n, i) => [n.code, i]));
  const children = nodes.map((n) => (n.kind === "group" ? n.children.map((c) => index.get(c)!).filter((i) => i !== undefined) : []));
  // model.nodes is in pre-order, so reversed it lists every node after its descendants.
  const postOrder = nodes.map((_, i) => nodes.length - 1 - i);
  const indicators = nodes.flatMap((n, i) => (n.kind === "indicator" ? [i] : []));
  const allChildrenUnscored = children.map((cs) => cs.length > 0 && cs.every((c) => nodes[c]!.max === 0));
  return { nodes, children, postOrder, indicators, allChildrenUnscored };
}

/** What pass 1 learns about one indicator of one unit. */
type Prepared =
  | RuleOutcome
  | { kind: "inapplicable"; reason: "not-applicable" | "answered-na" }
  /** A cross-unit rule's input, scored once the run's extents are known. */
  | { kind: "cross"; v: number };

function appliesToUnit(node: ModelNode, category: string | undefined): boolean {
  return node.appliesTo === undefined || (category !== undefined && node.appliesTo.includes(category));
}

/**
 * Applicability first, then the unit's "not applicable" answers, then the rule:
 * - node.appliesTo (inherited from groups) without the unit's category, or a unit with no
 *   category → not available, "not-applicable";
 * - an indicator the unit answered N/A: with allowNA → not available, "answered-na";
 *   without allowNA → every rule input is treated as missing, none given (the reader reports
 *   the answer), so under missing "exclude" it is left out as an indicator with no figure is.
 */
function prepare(ind: IndicatorModel, sub: Submission, na: Set<string>, choices: ReturnType<typeof choiceScales>): Prepared {
  if (!appliesToUnit(ind, sub.category)) return { kind: "inapplicable", reason: "not-applicable" };
  if (na.has(ind.code)) {
    if (ind.def.allowNA) return { kind: "inapplicable", reason: "answered-na" };
    return { kind: "missing", codes: [...ind.ruleInputs] };
  }
  if (isCrossUnit(ind.rule)) {
    const v = crossInput(ind, sub.values);
    return typeof v === "number" ? { kind: "cross", v } : { kind: "missing", codes: v.missing };
  }
  return localRuleValue(ind, sub.values, choices);
}

/**
 * Extents of one cross-unit indicator: over the whole run, and per category. A unit with no
 * (known) category is compared with all units: pooled on their own, the units without one would
 * make a category of their own, where a unit alone is its own best.
 */
interface Extents {
  all?: Extent;
  byCategory: Map<string, Extent>;
}

/** The extent grown to take x in (in place, to keep pass 2 free of allocations). */
function widen(e: Extent | undefined, x: number): Extent {
  if (!e) return { min: x, max: x };
  if (x < e.min) e.min = x;
  if (x > e.max) e.max = x;
  return e;
}

function collectExtents(layout: Layout, prepared: Prepared[][], submissions: Submission[]): Map<number, Extents> {
  const out = new Map<number, Extents>();
  layout.indicators.forEach((nodeIndex, k) => {
    const ind = layout.nodes[nodeIndex] as IndicatorModel;
    if (!isCrossUnit(ind.rule)) return;
    const rule = ind.rule;
    const extents: Extents = { byCategory: new Map() };
    prepared.forEach((unit, u) => {
      const p = unit[k];
      if (p?.kind !== "cross") return;
      const f = crossFigure(rule, p.v);
      if (f === undefined) return;
      extents.all = widen(extents.all, f);
      const category = submissions[u]!.category;
      if (category !== undefined) extents.byCategory.set(category, widen(extents.byCategory.get(category), f));
    });
    out.set(nodeIndex, extents);
  });
  return out;
}

/** One node of one unit while scoring. */
interface Work {
  value: number | null;
  /**
   * Points computed straight from the figures (a rule's own points, a sum group's Σ of its
   * children's points); when absent, points are value × max.
   */
  points?: number;
  reason?: UnavailableReason;
  /** Scored 0 for missing inputs: under missing "zero", or under "exclude" with some of its inputs given. */
  missingScoredZero?: boolean;
  /**
   * Applicable indicators under the node, and those of them whose rule inputs are all present:
   * the node's coverage. Those under a child of max 0 are not counted by a group that scores.
   */
  applicable: number;
  present: number;
}

/**
 * Missing data (rule inputs absent from the submission, unusable, or an unmatched choice):
 * under missing "zero" the indicator scores 0, is available and flagged `missingScoredZero`;
 * under "exclude" it is not available ("missing") when all of its inputs are missing (none of
 * those its rule names holds a value the rule can use: givenRuleInputs), and scores 0 as under
 * "zero" when some are given (`someGiven`). Either way the codes go to unit.missingInputs.
 * An expression that gives no finite number from the unit's inputs (a division by zero, LN of
 * 0…) follows the same policy: 0 under "zero", not available ("invalid-result") under "exclude" —
 * so a unit never gains by reporting a figure that breaks the formula. `invalidResults` says why.
 */
function indicatorWork(
  ind: IndicatorModel,
  p: Prepared,
  category: string | undefined,
  extents: Extents | undefined,
  missingMode: "zero" | "exclude",
  missing: Set<string>,
): Work {
  if (p.kind === "inapplicable") return { value: null, reason: p.reason, applicable: 0, present: 0 };
  let outcome: RuleOutcome;
  if (p.kind === "cross") {
    const rule = ind.rule as Extract<IndicatorModel["rule"], { kind: "relative" | "minmax" }>;
    const extent = rule.across === "category" && category !== undefined ? extents?.byCategory.get(category) : extents?.all;
    outcome = crossRuleValue(rule, p.v, extent, ind.max);
  } else outcome = p;
  switch (outcome.kind) {
    case "value":
      return outcome.points !== undefined
        ? { value: outcome.value, points: outcome.points, applicable: 1, present: 1 }
        : { value: outcome.value, applicable: 1, present: 1 };
    case "unavailable":
      if (outcome.reason === "invalid-result" && missingMode === "zero") return { value: 0, applicable: 1, present: 1 };
      return { value: null, reason: outcome.reason, applicable: 1, present: 1 };
    case "missing":
      for (const c of outcome.codes) missing.add(c);
      // Under "exclude" only an indicator none of whose inputs the unit gave is left out: one
      // given in part scores 0, or leaving a figure blank would lift a unit above one that filled it.
      if (missingMode === "zero" || outcome.someGiven) return { value: 0, missingScoredZero: true, applicable: 1, present: 0 };
      return { value: null, reason: "missing", applicable: 1, present: 0 };
  }
}

/**
 * A group from its available children. An `expr` group whose expression gives no finite number
 * scores 0 under missing "zero" and is not available ("invalid-result") under "exclude", as an
 * `expr` rule does.
 */
function groupWork(
  group: GroupModel,
  groupIndex: number,
  layout: Layout,
  work: Work[],
  category: string | undefined,
  missingMode: "zero" | "exclude",
): Work {
  let applicable = 0;
  let present = 0;
  const available: ChildFigure[] = [];
  for (const ci of layout.children[groupIndex]!) {
    const w = work[ci]!;
    const child = layout.nodes[ci]!;
    // A child of max 0 scores nothing whatever its figures ("không tính điểm"): its indicators are
    // left out of the coverage of a group that scores, and counted only by groups of max 0 themselves.
    if (child.max !== 0 || group.max === 0) {
      applicable += w.applicable;
      present += w.present;
    }
    if (w.value !== null) available.push({ code: child.code, value: w.value, points: pointsOf(child, w), max: child.max, weight: child.weight });
  }
  if (!appliesToUnit(group, category)) return { value: null, reason: "not-applicable", applicable, present };
  const outcome: AggregateOutcome = aggregateGroup(
    group,
    available,
    (code) => available.find((c) => c.code === code)?.value,
    layout.allChildrenUnscored[groupIndex],
  );
  if (outcome.kind === "unavailable") {
    if (outcome.reason === "invalid-result" && missingMode === "zero") return { value: 0, applicable, present };
    return { value: null, reason: outcome.reason, applicable, present };
  }
  return outcome.points !== undefined ? { value: outcome.value, points: outcome.points, applicable, present } : { value: outcome.value, applicable, present };
}

/** A node's points: computed straight from the figures where known, else value × max; null without a max or a value. */
function pointsOf(node: ModelNode, w: Work): number | null {
  if (w.value === null || node.max === undefined) return null;
  if (node.max === 0) return 0;
  return w.points ?? w.value * node.max;
}

/**
 * A node's figures as the table gives them: its value and points to 15 significant digits
 * (decimalFigure), as a `sum` group's are added up, so that the binary noise of value × max or
 * of a quotient never reaches the table: a `fraction` of 0.0075 on 30 points gives 0.225 points
 * (not 0.22499999999999998), as its group adding them finds, and a root of 84.995 points of 200
 * the value 0.424975 (not 0.42497500000000005). Only what is shown is cleaned: the scoring itself
 * goes on with the figures as computed, so that points are value × max of the value computed
 * (a mean of 1/3 on 30 points gives 10, not 9.99999999999999 of 0.333333333333333 × 30).
 * Ranks are unchanged by it: rounding a figure or its 15-digit form gives the same (roundHalfUp
 * rounds on the 15-digit form near a half), so 84.995 still rounds to 85.00.
 */
function nodeResult(node: ModelNode, w: Work): NodeResult {
  const value = w.value === null ? null : decimalFigure(w.value);
  const raw = pointsOf(node, w);
  const points = raw === null ? null : decimalFigure(raw);
  // Nothing applicable has no share of it with data: not 100% (nor 0%, which says no data).
  const coverage = w.applicable > 0 ? w.present / w.applicable : null;
  // One object literal per shape: this runs for every node of every unit.
  if (w.reason !== undefined) return { value, points, available: false, reason: w.reason, coverage, rank: null, rankInCategory: null };
  if (w.missingScoredZero) return { value, points, available: true, missingScoredZero: true, coverage, rank: null, rankInCategory: null };
  return { value, points, available: value !== null, coverage, rank: null, rankInCategory: null };
}

/**
 * Why a unit is not ranked, in this order: excluded by code (by name when it has none) or else by
 * category (`byCategory`: the category id the list names), coverage below the minimum, no root value.
 */
function notRankedReason(unit: UnitResult, ranking: Ranking, exclude: Set<string>): { reason: NotRankedReason; byCategory?: string } | undefined {
  if (exclude.has(unitKey(unit).trim())) return { reason: "excluded" };
  if (unit.category !== undefined && exclude.has(unit.category.trim())) return { reason: "excluded", byCategory: unit.category };
  if (unit.coverage !== null && unit.coverage < ranking.minCoverage) return { reason: "low-coverage" };
  if (unit.value === null) return { reason: "not-available" };
  return undefined;
}

/** Rank `members` on `figure`, overall and (within "category") per category. */
function assignRanks(
  members: UnitResult[],
  figure: (u: UnitResult) => number | null,
  ranking: Ranking,
  set: (u: UnitResult, rank: number, inCategory: boolean) => void,
): void {
  const entries: { unit: UnitResult; entry: RankEntry }[] = [];
  for (const unit of members) {
    const f = figure(unit);
    if (f !== null) entries.push({ unit, entry: { figure: f, name: unit.name, code: unitKey(unit) } });
  }
  const ranks = rankFigures(
    entries.map((e) => e.entry),
    ranking.method,
    ranking.decimals,
  );
  entries.forEach((e, i) => set(e.unit, ranks[i]!, false));
  if (ranking.within !== "category") return;
  const byCategory = new Map<string, typeof entries>();
  for (const e of entries) {
    if (e.unit.category === undefined) continue;
    const list = byCategory.get(e.unit.category) ?? [];
    list.push(e);
    byCategory.set(e.unit.category, list);
  }
  for (const list of byCategory.values()) {
    const r = rankFigures(
      list.map((e) => e.entry),
      ranking.method,
      ranking.decimals,
    );
    list.forEach((e, i) => set(e.unit, r[i]!, true));
  }
}

/**
 * Rank the units and the ranked nodes. Only ranked units get ranks; a unit is not ranked when
 * its code or category id is in ranking.exclude ("excluded"), its coverage is below
 * ranking.minCoverage ("low-coverage"), or its root is not available ("not-available").
 * Units are ranked on the root's points ("on": "points"; the value when the root has no max) or
 * value, rounded to ranking.decimals (10 when not given); ranked nodes on the same figure (their
 * points under "points", their value when they have no max or max 0; their value under
 * "value"), rounded alike, among the ranked units where the node is available.
 * rankInCategory is set only with within "category", and only for units that have a category.
 */
function rankUnits(units: UnitResult[], ranking: Ranking, rankedNodes: string[], model: IndexModel): void {
  const ranked: UnitResult[] = [];
  const exclude = new Set(ranking.exclude.map((c) => c.trim()));
  for (const u of units) {
    const why = notRankedReason(u, ranking, exclude);
    if (why) {
      u.ranked = false;
      u.notRankedReason = why.reason;
      if (why.byCategory !== undefined) u.excludedCategory = why.byCategory;
      if (why.reason === "excluded" && u.coverage !== null && u.coverage < ranking.minCoverage) u.excludedBelowMinCoverage = true;
    } else {
      u.ranked = true;
      ranked.push(u);
    }
  }
  assignRanks(
    ranked,
    (u) => (ranking.on === "points" && u.points !== null ? u.points : u.value),
    ranking,
    (u, rank, inCategory) => {
      // The root's node is the unit's total: its rank is the unit's.
      const root = u.nodes[model.root.code];
      if (inCategory) {
        u.rankInCategory = rank;
        if (root) root.rankInCategory = rank;
      } else {
        u.rank = rank;
        if (root) root.rank = rank;
      }
    },
  );
  for (const code of rankedNodes) {
    const max = model.nodes.get(code)?.max;
    // A group with max 0 scores nothing: its value is what tells units apart.
    const onPoints = ranking.on === "points" && max !== undefined && max > 0;
    assignRanks(
      ranked,
      (u) => {
        const n = u.nodes[code];
        if (!n?.available) return null;
        return onPoints ? n.points : n.value;
      },
      ranking,
      (u, rank, inCategory) => {
        const n = u.nodes[code]!;
        if (inCategory) n.rankInCategory = rank;
        else n.rank = rank;
      },
    );
  }
}

/**
 * Score every submission against the model and rank the units. One UnitResult per submission,
 * in the order given. Values and points are given to 15 significant digits (nodeResult), free of
 * binary noise; rounding to ranking.decimals happens only to compare figures for ranking.
 */
export function scoreUnits(model: IndexModel, submissions: Submission[], options: ScoreOptions = {}): ScoreTable {
  const layout = layoutOf(model);
  const choices = choiceScales(model);
  const missingMode = model.definition.missing;
  const ranking = resolveRanking(model, options);
  const rankedNodes = rankedNodeCodes(model, ranking.nodes);

  // Pass 1: what each unit's inputs give, before anything that depends on the other units.
  const prepared: Prepared[][] = submissions.map((sub) => {
    const na = new Set(sub.notApplicable.map((c) => c.trim()));
    return layout.indicators.map((i) => prepare(layout.nodes[i] as IndicatorModel, sub, na, choices));
  });

  // Pass 2: bests and bounds of cross-unit rules, once per run.
  const extents = collectExtents(layout, prepared, submissions);

  // Pass 3: indicator values, then groups bottom-up.
  const units: UnitResult[] = submissions.map((sub, u) => {
    const missing = new Set<string>();
    const work: Work[] = new Array<Work>(layout.nodes.length);
    layout.indicators.forEach((nodeIndex, k) => {
      const ind = layout.nodes[nodeIndex] as IndicatorModel;
      work[nodeIndex] = indicatorWork(ind, prepared[u]![k]!, sub.category, extents.get(nodeIndex), missingMode, missing);
    });
    for (const i of layout.postOrder) {
      const node = layout.nodes[i]!;
      if (node.kind === "group") work[i] = groupWork(node, i, layout, work, sub.category, missingMode);
    }
    const nodes: Record<string, NodeResult> = {};
    layout.nodes.forEach((node, i) => {
      nodes[node.code] = nodeResult(node, work[i]!);
    });
    const root = nodes[model.root.code]!;
    return {
      code: sub.code,
      name: sub.name,
      ...(sub.category !== undefined ? { category: sub.category } : {}),
      value: root.value,
      points: root.points,
      rank: null,
      rankInCategory: null,
      ranked: false,
      coverage: root.coverage,
      missingInputs: [...missing],
      nodes,
    };
  });

  // Pass 4: ranks.
  rankUnits(units, ranking, rankedNodes, model);

  return {
    index: { id: model.definition.id, version: model.definition.version },
    ranking,
    rankedNodes,
    units,
  };
}
