/**
 * Aggregation: the value of a group from the values of its available children
 * (index-definition.md, "Group"). Unavailable children are left out before these functions run.
 */
import { evaluateExplained } from "../expr/evaluate";
import type { GroupModel } from "../definition/model";

/** An available child as its group sees it. */
export interface ChildFigure {
  code: string;
  value: number;
  /** The child's effective max; undefined when it has none. */
  max: number | undefined;
  weight: number;
}

export type AggregateOutcome =
  { kind: "value"; value: number } | { kind: "unavailable"; reason: "children-unavailable" | "invalid-result" };

/**
 * sum: points = Σ points of the available children, value = points ÷ Σ max of the available
 * children, so leaving out an unavailable child rescales the others to the group's max (DTI's
 * "không áp dụng" rule). Children with max 0 (or none) add nothing.
 * When the available children's Σ max is 0:
 * - a group whose own max is 0 (shown, scores nothing, e.g. "Đô thị thông minh — không tính
 *   điểm") takes the plain mean of their values, so that something is shown;
 * - any other group has nothing left to score on: undefined, and the group is not available,
 *   as when all of its scored children are unavailable (it never gets full points from
 *   children that score nothing).
 */
export function sumValue(children: ChildFigure[], groupMax: number | undefined): number | undefined {
  let points = 0;
  let max = 0;
  for (const c of children) {
    if (c.max === undefined || c.max <= 0) continue;
    points += c.value * c.max;
    max += c.max;
  }
  if (max > 0) return points / max;
  if (groupMax !== undefined && groupMax > 0) return undefined;
  return children.reduce((s, c) => s + c.value, 0) / children.length;
}

/** mean: weighted arithmetic mean, weights renormalised over the available children. */
export function meanValue(children: ChildFigure[]): number {
  let total = 0;
  let weights = 0;
  for (const c of children) {
    total += c.weight * c.value;
    weights += c.weight;
  }
  return weights > 0 ? total / weights : children.reduce((s, c) => s + c.value, 0) / children.length;
}

/** geomean: weighted geometric mean (weights renormalised); 0 as soon as one available child is 0. */
export function geomeanValue(children: ChildFigure[]): number {
  let logs = 0;
  let weights = 0;
  for (const c of children) {
    if (c.value <= 0) return 0;
    logs += c.weight * Math.log(c.value);
    weights += c.weight;
  }
  return weights > 0 ? Math.exp(logs / weights) : 0;
}

/** min: the smallest available child value. */
export function minValue(children: ChildFigure[]): number {
  return children.reduce((m, c) => Math.min(m, c.value), Infinity);
}

/**
 * The value of a group. No available child → not available ("children-unavailable"); so is a
 * `sum` group with a positive max whose available children all have max 0.
 * An `expr` group evaluates its expression over the node values (`[code]`) given by `lookup`,
 * without clipping: a referenced child that is not available leaves the expression nothing to
 * work on → "children-unavailable"; a step with no finite result (a division by zero, LN of 0…)
 * → "invalid-result".
 */
export function aggregateGroup(
  group: GroupModel,
  available: ChildFigure[],
  lookup: (code: string) => number | undefined,
): AggregateOutcome {
  if (available.length === 0) return { kind: "unavailable", reason: "children-unavailable" };
  let value: number | undefined;
  switch (group.def.aggregate) {
    case "sum":
      value = sumValue(available, group.max);
      if (value === undefined) return { kind: "unavailable", reason: "children-unavailable" };
      break;
    case "mean":
      value = meanValue(available);
      break;
    case "geomean":
      value = geomeanValue(available);
      break;
    case "min":
      value = minValue(available);
      break;
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
