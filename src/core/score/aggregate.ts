/**
 * Aggregation: the value of a group from the values of its available children
 * (index-definition.md, "Group"). Unavailable children are left out before these functions run.
 */
import { evaluateExplained } from "../expr/evaluate";
import type { GroupModel } from "../definition/model";
import { clip01 } from "./rules";
import { decimalFigure } from "./round";

/** An available child as its group sees it. */
export interface ChildFigure {
  code: string;
  value: number;
  /** The child's points (value × max, or computed straight from its figures); null when it has no max. */
  points: number | null;
  /** The child's effective max; undefined when it has none. */
  max: number | undefined;
  weight: number;
}

export type AggregateOutcome =
  /** `points`, when given, are the group's points summed from its children's (see `sumOutcome`). */
  | { kind: "value"; value: number; points?: number }
  | { kind: "unavailable"; reason: "children-unavailable" | "invalid-result" };

/**
 * sum: points = Σ points of the available children, value = points ÷ the group's max, so leaving
 * out an unavailable child rescales the others to the group's max (DTI's "không áp dụng" rule).
 * Children with max 0 (or none) add nothing.
 * The children's points and their max are added up to 15 significant digits (decimalFigure), as a
 * person adding the figures would find them: 0.05 + 0.1 points are 0.15 (not the
 * 0.15000000000000002 of binary arithmetic) and 0.1 + 0.2 of max are 0.3, so that 0.15 of 0.3 is
 * 0.5 of the group, and 5.005 + 0 is 5.005, never the 5.004999999999999 of value × max.
 * When the available children's max is the group's own (written, or their sum when it has none),
 * the group's points are that sum and its value the sum ÷ the group's max; otherwise (a child not
 * available) the value is the sum ÷ the available children's max and the points that value of the
 * group's max, to 15 significant digits too (0.15 of 0.3 rescaled to 0.9 is 0.45).
 * When every child added up has a value within [0, 1], so that the exact sum is within the
 * group's max, the value is clamped to [0, 1] and the points to [0, group's max], a value of 1
 * giving the group's max itself, so that no rounding ever makes a full score 1.0000000000000002
 * or 3.6000000000000005 points, nor 3.5999999999999996. A child beyond [0, 1] (an uncapped ratio,
 * an unclipped minmax) is kept as it is, and its group with it.
 * When the available children's Σ max is 0:
 * - a group whose own max is 0 (shown, scores nothing, e.g. "Đô thị thông minh — không tính
 *   điểm") takes the plain mean of their values, so that something is shown;
 * - any other group has nothing left to score on: undefined, and the group is not available,
 *   as when all of its scored children are unavailable (it never gets full points from
 *   children that score nothing).
 */
export function sumOutcome(children: ChildFigure[], groupMax: number | undefined): { value: number; points?: number } | undefined {
  let points = 0;
  let max = 0;
  let within = true;
  for (const c of children) {
    if (c.max === undefined || c.max <= 0) continue;
    points += c.points ?? c.value * c.max;
    max += c.max;
    within &&= isWithin01(c.value);
  }
  // The sum as a person adding the figures finds it; a rescaled sum is scaled from the exact one
  // and then cut the same way, since a sum cut first carries its cut, times groupMax / max, into
  // the points (25/12 cut to 2.08333333333333, times 4.5, is 9.37499999999998, not 9.375).
  const exactPoints = points;
  const exactMax = max;
  points = decimalFigure(points);
  max = decimalFigure(max);
  if (max > 0) {
    if (groupMax === undefined || !(groupMax > 0)) {
      const value = points / max;
      return { value: within ? clip01(value) : value };
    }
    // The checks accept a written max that equals the children's to 1e-9 (group-max-mismatch).
    const same = Math.abs(max - groupMax) <= 1e-9 * Math.max(1, groupMax);
    const value = points / (same ? groupMax : max);
    const scaled = same ? points : decimalFigure((exactPoints * groupMax) / exactMax);
    if (!within) return { value, points: scaled };
    // A full score is the group's max itself, whatever the rounding of the children's points added up.
    const clamped = clip01(value);
    return { value: clamped, points: clamped === 1 ? groupMax : Math.min(Math.max(scaled, 0), groupMax) };
  }
  if (groupMax !== undefined && groupMax > 0) return undefined;
  return { value: within01(children, meanOf(children)) };
}

function isWithin01(x: number): boolean {
  return x >= 0 && x <= 1;
}

/**
 * An aggregate of `children`'s values, clamped to [0, 1] when every one of them is within it: the
 * exact mean, geometric mean or minimum is then within [0, 1] too, and only binary rounding
 * (1.0000000000000002) could put it outside.
 */
function within01(children: ChildFigure[], value: number): number {
  return children.every((c) => isWithin01(c.value)) ? clip01(value) : value;
}

function meanOf(children: ChildFigure[]): number {
  return children.reduce((s, c) => s + c.value, 0) / children.length;
}

/** mean: weighted arithmetic mean, weights renormalised over the available children. */
export function meanValue(children: ChildFigure[]): number {
  const scale = weightScale(children);
  let total = 0;
  let weights = 0;
  for (const c of children) {
    const w = c.weight / scale;
    total += w * c.value;
    weights += w;
  }
  return weights > 0 ? total / weights : meanOf(children);
}

/**
 * What the weights are divided by before they are summed: 1 for weights of every day sizes (their
 * sums and products exact as typed), else the largest, so that weights of any size (1e308 each,
 * whose sum overflows; 5e-324, whose products underflow) weigh as their ratios do.
 */
function weightScale(children: ChildFigure[]): number {
  const largest = children.reduce((m, c) => Math.max(m, c.weight), 0);
  return largest > 1e100 || (largest > 0 && largest < 1e-100) ? largest : 1;
}

/** geomean: weighted geometric mean (weights renormalised); 0 as soon as one available child is 0. */
export function geomeanValue(children: ChildFigure[]): number {
  const scale = weightScale(children);
  let logs = 0;
  let weights = 0;
  for (const c of children) {
    if (c.value <= 0) return 0;
    const w = c.weight / scale;
    logs += w * Math.log(c.value);
    weights += w;
  }
  return weights > 0 ? Math.exp(logs / weights) : 0;
}

/** min: the smallest available child value. */
export function minValue(children: ChildFigure[]): number {
  return children.reduce((m, c) => Math.min(m, c.value), Infinity);
}

/**
 * The children a `mean`, `geomean` or `min` group aggregates: those that score (a child with
 * max 0 is shown but scores nothing, so it neither lowers nor raises its parent). Only a group
 * that scores nothing itself (max 0, or every child max 0) aggregates its max-0 children, so that
 * it shows something; any other group with no scoring child available has nothing to aggregate.
 */
function scoringChildren(group: GroupModel, available: ChildFigure[], allChildrenUnscored: boolean): ChildFigure[] {
  if (!available.some((c) => c.max === 0)) return available;
  const scoring = available.filter((c) => c.max !== 0);
  if (scoring.length > 0) return scoring;
  return group.max === 0 || allChildrenUnscored ? available : [];
}

/**
 * The value of a group. No available child → not available ("children-unavailable"); so is a
 * `sum` group with a positive max whose available children all have max 0, and a `mean`,
 * `geomean` or `min` group whose available children all have max 0 (see `scoringChildren`;
 * `allChildrenUnscored` says every child of the group, available or not, has max 0). A `sum`,
 * `mean`, `geomean` or `min` group whose aggregated children's values are all within [0, 1] has
 * its value clamped to [0, 1], removing binary rounding (see `sumOutcome`).
 * An `expr` group evaluates its expression over the node values (`[code]`) given by `lookup`,
 * without clipping: a child its evaluation needs that is not available leaves the expression
 * nothing to work on → "children-unavailable" (a child named only in an IF branch the condition
 * does not take is not needed, as for an `expr` rule's inputs); a step with no finite result (a
 * division by zero, LN of 0…) → "invalid-result".
 */
export function aggregateGroup(
  group: GroupModel,
  available: ChildFigure[],
  lookup: (code: string) => number | undefined,
  allChildrenUnscored = false,
): AggregateOutcome {
  if (available.length === 0) return { kind: "unavailable", reason: "children-unavailable" };
  let value: number | undefined;
  const aggregate = group.def.aggregate;
  if (aggregate === "mean" || aggregate === "geomean" || aggregate === "min") {
    const counted = scoringChildren(group, available, allChildrenUnscored);
    if (counted.length === 0) return { kind: "unavailable", reason: "children-unavailable" };
    value = within01(counted, aggregate === "mean" ? meanValue(counted) : aggregate === "geomean" ? geomeanValue(counted) : minValue(counted));
    return Number.isFinite(value) ? { kind: "value", value } : { kind: "unavailable", reason: "invalid-result" };
  }
  switch (aggregate) {
    case "sum": {
      const sum = sumOutcome(available, group.max);
      if (sum === undefined) return { kind: "unavailable", reason: "children-unavailable" };
      if (!Number.isFinite(sum.value)) return { kind: "unavailable", reason: "invalid-result" };
      return sum.points !== undefined && Number.isFinite(sum.points)
        ? { kind: "value", value: sum.value, points: sum.points }
        : { kind: "value", value: sum.value };
    }
    case "expr": {
      if (!group.expr) return { kind: "unavailable", reason: "invalid-result" };
      const result = evaluateExplained(group.expr, lookup);
      if (!result.ok) return { kind: "unavailable", reason: result.failure.kind === "reference" ? "children-unavailable" : "invalid-result" };
      value = result.value;
      break;
    }
  }
  return value !== undefined && Number.isFinite(value) ? { kind: "value", value } : { kind: "unavailable", reason: "invalid-result" };
}
