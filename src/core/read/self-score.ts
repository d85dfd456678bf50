/** Self scores (`Tự chấm`) compared with the points the engine computed (or the value, for a node without points). */
import type { IndexModel, ModelNode } from "../definition/model";
import type { Issue, ScoreTable, Submission, UnitResult } from "../types";
import { unitKey } from "../plan/index-sheet";
import { makeIssue } from "./messages";

/**
 * Differences up to this many points are rounding, not disagreement: a self score rounded to two
 * decimals (9.14 for 9.135) agrees. The slack above it absorbs binary arithmetic (0.609 × 15 is
 * 9.134999…, so 9.14 − 9.135 comes out 0.005000000000000782).
 */
const TOLERANCE = 0.005;
const SLACK = 1e-9;

/**
 * A "self-score-differs" warning, at the `Tự chấm` cell, for every node whose self score differs
 * from the computed points by more than 0.005. A node that is not scored (not available: not
 * applicable, a zero denominator under "na", N/A answered…) is not compared as 0: a self score
 * other than 0 there is said as given to an indicator that is not scored, with why. A node without points (no `max`: an index of values, the HDI) is compared
 * with its value, the figure the form's `Điểm` column shows for it, and the warning says so (its
 * points are none, not 0). A self score above the node's maximum (of more than 0 points) is also
 * said to be above it. `table.units` is matched to `submissions` by position when the codes
 * agree there, else by the unit's key (its code, or its name when it has none: unitKey).
 */
/** How a message names the node: a group, the index's total, or (nothing said) an indicator. */
function kindOf(node: ModelNode): { nodeKind?: "group" | "total" } {
  if (node.kind !== "group") return {};
  return { nodeKind: node.parent === undefined ? "total" : "group" };
}

export function checkSelfScores(model: IndexModel, submissions: Submission[], table: ScoreTable): Issue[] {
  const issues: Issue[] = [];
  const byKey = new Map<string, UnitResult>();
  for (const u of table.units) if (!byKey.has(unitKey(u))) byKey.set(unitKey(u), u);
  submissions.forEach((s, i) => {
    if (!s.selfScores && !s.selfNotApplicable) return;
    const atIndex = table.units[i];
    const result = atIndex !== undefined && unitKey(atIndex) === unitKey(s) ? atIndex : byKey.get(unitKey(s));
    if (!result) return;
    for (const node of s.selfNotApplicable ?? []) {
      // The unit says "not applicable": it agrees when the indicator is not scored for it, whatever
      // the reason; when it is scored, the warning says with what.
      const modelNode = model.nodes.get(node);
      const nodeResult = result.nodes[node];
      if (!modelNode || !nodeResult) continue;
      const noPoints = modelNode.max === undefined;
      const computed = noPoints ? nodeResult.value : nodeResult.points;
      if (computed === null) continue;
      const cell = s.source?.selfScoreCells?.[node];
      issues.push(
        makeIssue("warning", "self-score-differs", {
          ...(s.source ? { sheet: s.source.sheet } : {}),
          ...(cell !== undefined ? { cell } : {}),
          unit: unitKey(s),
          node,
          ...kindOf(modelNode),
          selfNotApplicable: true,
          other: computed,
          ...(noPoints ? { noPoints: true } : {}),
        }),
      );
    }
    for (const [node, self] of Object.entries(s.selfScores ?? {})) {
      const modelNode = model.nodes.get(node);
      if (!modelNode) continue;
      const nodeResult = result.nodes[node];
      if (!nodeResult) continue;
      const noPoints = modelNode.max === undefined;
      const computed = noPoints ? nodeResult.value : nodeResult.points;
      const cell = s.source?.selfScoreCells?.[node];
      // A self score above the node's maximum is said to be (12 on a 10-point indicator), not only to differ.
      const max = modelNode.max;
      const above = !noPoints && max !== undefined && max > 0 && self > max + TOLERANCE + SLACK * max ? { aboveMax: max } : {};
      const at = { ...(s.source ? { sheet: s.source.sheet } : {}), ...(cell !== undefined ? { cell } : {}), unit: unitKey(s), node, ...kindOf(modelNode), value: self, ...(noPoints ? { noPoints: true } : {}), ...above };
      if (computed === null) {
        // Left out (not applicable, a zero denominator…): no score to compare with, and none is 0.
        // A self score of 0 agrees; any other is said with why the indicator is not scored.
        if (Math.abs(self) > TOLERANCE) issues.push(makeIssue("warning", "self-score-differs", { ...at, notScored: nodeResult.reason ?? true }));
        continue;
      }
      if (Math.abs(self - computed) <= TOLERANCE + SLACK * Math.max(1, Math.abs(computed))) continue;
      issues.push(makeIssue("warning", "self-score-differs", { ...at, other: computed }));
    }
  });
  return issues;
}
