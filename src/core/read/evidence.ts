/**
 * `"evidence": "required"` (index-definition.md): "a claim with points but no evidence is
 * reported". Whether an indicator earns points is known once the unit is scored, so the reader
 * only notes where a required `Minh chứng` is blank (EvidenceGap) and checkEvidence decides from
 * the computed result, as checkSelfScores compares self scores with it.
 */
import type { IndexModel } from "../definition/model";
import type { Issue, ScoreTable, Submission, UnitResult } from "../types";
import { unitKey } from "../plan/index-sheet";
import { makeIssue, type MessageParams } from "./messages";

/**
 * An indicator of a scored unit whose evidence is required and blank on its form (layout A, with
 * a `Minh chứng` column), applicable to the unit and not answered N/A.
 */
export interface EvidenceGap {
  /** Index of the unit's submission in the reading's submissions. */
  submission: number;
  /** The indicator's code. */
  node: string;
  /** The finding's place: the unit's sheet (and file), the unit, the evidence cell and the indicator. */
  params: MessageParams;
  /**
   * Where the finding goes among the reading's issues (withEvidenceFindings): it comes before the
   * issue at this index, among the unit's findings about that indicator.
   */
  at: number;
}

/** The unit result of each submission: by position when the keys agree there, else by key (as checkSelfScores). */
function resultOf(table: ScoreTable, submissions: Submission[]): (i: number) => UnitResult | undefined {
  let byKey: Map<string, UnitResult> | undefined;
  return (i) => {
    const s = submissions[i];
    if (!s) return undefined;
    const atIndex = table.units[i];
    if (atIndex !== undefined && unitKey(atIndex) === unitKey(s)) return atIndex;
    if (!byKey) {
      byKey = new Map();
      for (const u of table.units) if (!byKey.has(unitKey(u))) byKey.set(unitKey(u), u);
    }
    return byKey.get(unitKey(s));
  };
}

/**
 * Whether an indicator earns something in the computed result: points above 0, or, for a node
 * without points (no `max`: an index of values), a value above 0. Not available (not applicable,
 * N/A, left out) earns nothing.
 */
function earns(model: IndexModel, result: UnitResult, node: string): boolean {
  const r = result.nodes[node];
  if (!r) return false;
  const figure = model.nodes.get(node)?.max === undefined ? r.value : r.points;
  return figure !== null && figure > 0;
}

/** The gaps whose indicator earns points in `table`: an "evidence-missing" warning for each, with where it goes. */
function findings(model: IndexModel, submissions: Submission[], gaps: readonly EvidenceGap[], table: ScoreTable): { at: number; issue: Issue }[] {
  const result = resultOf(table, submissions);
  const out: { at: number; issue: Issue }[] = [];
  for (const gap of gaps) {
    const unit = result(gap.submission);
    if (unit && earns(model, unit, gap.node)) out.push({ at: gap.at, issue: makeIssue("warning", "evidence-missing", gap.params) });
  }
  return out;
}

/** "evidence-missing" for each gap whose indicator earns points (or, without a `max`, a value) in `table`. */
export function checkEvidence(model: IndexModel, submissions: Submission[], gaps: readonly EvidenceGap[], table: ScoreTable): Issue[] {
  return findings(model, submissions, gaps, table).map((f) => f.issue);
}

/**
 * The reading's issues with the "evidence-missing" findings `table` gives, each put where the
 * reader found the gap (after the findings about its indicator's figures), so that a unit's
 * findings stay together, in the order of the definition's indicators.
 */
export function withEvidenceFindings(
  model: IndexModel,
  reading: { submissions: Submission[]; issues: Issue[]; evidenceGaps: readonly EvidenceGap[] },
  table: ScoreTable,
): Issue[] {
  const found = findings(model, reading.submissions, reading.evidenceGaps, table);
  if (found.length === 0) return reading.issues;
  const out: Issue[] = [];
  let next = 0;
  reading.issues.forEach((issue, i) => {
    while (next < found.length && found[next]!.at <= i) out.push(found[next++]!.issue);
    out.push(issue);
  });
  while (next < found.length) out.push(found[next++]!.issue);
  return out;
}
