/**
 * Rules: how one indicator's inputs become a value in [0, 1] (index-definition.md, "Rules").
 *
 * Rules that look only at the unit's own inputs are scored by `localRuleValue`. Rules that look
 * across units (`relative`, and `minmax` with a `"data"` bound) are scored in two steps: every
 * unit's figure is collected once into an `Extent` per indicator (and per category), then
 * `crossRuleValue` reads it — so a run stays O(units × nodes).
 */
import { compareFigures, evaluate, referencesRead } from "../expr/evaluate";
import type { ChoiceOption, Rule } from "../definition/schema";
import { optionTexts } from "../definition/options";
import type { IndexModel, IndicatorModel } from "../definition/model";
import { foldText } from "../i18n/text";
import { log10Figure } from "./round";
import type { InputValue, UnavailableReason } from "../types";

/** What a rule made of a unit's inputs. */
export type RuleOutcome =
  /**
   * `points`, when given, is the value on the indicator's points scale computed straight from the
   * figures (5.005 points stay 5.005, a ratio 1001 ÷ 2000 of 10 points is 10010 ÷ 2000), rather
   * than value × max, which can land a hair below a half (5.004999999999999).
   */
  | { kind: "value"; value: number; points?: number }
  /**
   * The rule says the indicator is not available (a zero denominator under "na", an expression with
   * no finite result). `noLogarithm`: the figure ≤ 0 a `minmax` rule with `"transform": "log"` and
   * `"clip": false` needed the logarithm of (the result is invalid for that reason).
   */
  | { kind: "unavailable"; reason: Extract<UnavailableReason, "zero-denominator" | "invalid-result">; noLogarithm?: number }
  /**
   * Input codes the rule needs but could not use: absent, of the wrong type, or a choice matching
   * no option. `someGiven`: another input the rule names holds a value it can use (givenRuleInputs),
   * so that under missing "exclude" the indicator scores 0 rather than being left out.
   */
  | { kind: "missing"; codes: string[]; someGiven?: true };

/** Smallest and largest figure among the units scored together. */
export interface Extent {
  min: number;
  max: number;
}

export function clip01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Points on an indicator's scale as a value; an indicator with no positive max scores 0. */
function pointsToValue(points: number, max: number | undefined): number {
  return max !== undefined && max > 0 ? clip01(points / max) : 0;
}

/** Points on an indicator's scale as an outcome: the value, and the points themselves (clipped to [0, max]). */
function pointsOutcome(points: number, max: number | undefined): RuleOutcome {
  if (max === undefined || !(max > 0)) return { kind: "value", value: 0 };
  const p = points < 0 ? 0 : points > max ? max : points;
  return { kind: "value", value: clip01(points / max), points: p };
}

/**
 * The outcome numerator ÷ denominator, clipped to [0, 1] unless `clip` is false; its points
 * numerator × max ÷ denominator (one rounding, so integral figures give the expected decimal).
 */
function quotientOutcome(numerator: number, denominator: number, max: number | undefined, clip = true): RuleOutcome {
  const v = numerator / denominator;
  if (v <= 0) return { kind: "value", value: 0 };
  if (clip && v >= 1) return { kind: "value", value: 1 };
  if (max === undefined || !(max > 0)) return { kind: "value", value: v };
  const points = (numerator * max) / denominator;
  return Number.isFinite(points) ? { kind: "value", value: v, points } : { kind: "value", value: v };
}

function fractionOrPoints(o: { fraction?: number | undefined; points?: number | undefined }, max: number | undefined): number {
  if (o.fraction !== undefined) return clip01(o.fraction);
  return pointsToValue(o.points ?? 0, max);
}

function fractionOrPointsOutcome(o: { fraction?: number | undefined; points?: number | undefined }, max: number | undefined): RuleOutcome {
  if (o.fraction !== undefined) return { kind: "value", value: clip01(o.fraction) };
  return pointsOutcome(o.points ?? 0, max);
}

/**
 * The outcome as scored, or unavailable ("invalid-result") when its value or its points (given,
 * or value × max as the score takes them) are not finite numbers: an uncapped ratio of 1e300 to
 * 1e-300 overflows, and is then no figure at all, as an expression that overflows is.
 */
function finiteOutcome(o: RuleOutcome, max: number | undefined): RuleOutcome {
  if (o.kind !== "value") return o;
  const points = o.points ?? (max !== undefined ? o.value * max : 0);
  return Number.isFinite(o.value) && Number.isFinite(points) ? o : { kind: "unavailable", reason: "invalid-result" };
}

/**
 * The first step v meets, in listed order (atLeast: v ≥ t, atMost: v ≤ t), compared to 15
 * significant digits as an expression compares (compareFigures); undefined when none does.
 */
export function matchingStep<S extends { atLeast?: number | undefined; atMost?: number | undefined }>(steps: readonly S[], v: number): S | undefined {
  return steps.find((s) =>
    s.atLeast !== undefined ? compareFigures(v, s.atLeast) >= 0 : s.atMost !== undefined && compareFigures(v, s.atMost) <= 0,
  );
}

/** A numeric input: numbers as they are, booleans as 1/0; anything else is unusable. */
export function inputNumber(v: InputValue | undefined): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "boolean") return v ? 1 : 0;
  return undefined;
}

/** A yes/no input: true → 1, false → 0; the numbers 1 and 0 are accepted too. */
function inputBoolean(v: InputValue | undefined): number | undefined {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === 1 || v === 0) return v;
  return undefined;
}

/**
 * The option an input names. The reader gives the option's canonical value; matching is
 * folded (case, diacritics) and accepts the option's names in every language and its aliases,
 * so a hand-made submission (an English form's "Director") still matches.
 */
export function matchChoice(options: ChoiceOption[], v: InputValue | undefined): ChoiceOption | undefined {
  if (v === undefined || typeof v === "boolean") return undefined;
  const key = foldText(String(v));
  return options.find((o) => foldText(o.value) === key) ?? options.find((o) => optionTexts(o).some((t) => foldText(t) === key));
}

/** The single input a one-input rule reads. */
function singleCode(ind: IndicatorModel): string | undefined {
  return ind.ruleInputs[0];
}

/** Choice inputs anywhere in the model with their options and scale, for expressions that read them. */
export interface ChoiceScale {
  options: ChoiceOption[];
  max: number | undefined;
}

export function choiceScales(model: IndexModel): Map<string, ChoiceScale> {
  const out = new Map<string, ChoiceScale>();
  for (const code of model.indicators) {
    const ind = model.nodes.get(code);
    if (ind?.kind !== "indicator" || ind.rule.kind !== "choice") continue;
    const input = singleCode(ind);
    if (input !== undefined) out.set(input, { options: ind.rule.options, max: ind.max });
  }
  return out;
}

/** True for the rules whose value depends on the other units of the run. */
export function isCrossUnit(rule: Rule): rule is Extract<Rule, { kind: "relative" | "minmax" }> {
  return rule.kind === "relative" || (rule.kind === "minmax" && (rule.min === "data" || rule.max === "data"));
}

/**
 * The value of a rule that reads only the unit's own inputs:
 * - points: v ÷ max, clipped to [0, 1] (an indicator with no positive max scores 0);
 * - fraction: v clipped to [0, 1];
 * - boolean: true → 1, false → 0 (the numbers 1 and 0 too);
 * - choice: the matched option's fraction, or its points ÷ max; an unmatched choice counts as missing;
 * - ratio: numerator ÷ denominator, at least 0 and at most 1 unless `cap: false`; a zero denominator
 *   gives "na" → unavailable ("zero-denominator"), "zero" → 0, "full" → 1, whatever the numerator
 *   holds (a blank numerator is then not missing);
 * - target: higher → v ÷ target, lower → target ÷ v (1 when v ≤ target), capped at 1; v equal to
 *   the target gives 1 either way;
 * - steps: the first step that matches in listed order (atLeast: v ≥ t, atMost: v ≤ t), none → 0;
 * - count: min(max, v × pointsEach) ÷ max;
 * - minmax with fixed bounds: see `minmaxValue`;
 * - expr: the expression over the inputs (boolean → 1/0, choice → the option's fraction),
 *   clipped to [0, 1]; no finite result → unavailable ("invalid-result"); missing are only the
 *   inputs the evaluation reads (`inputsRead`), not those of an IF branch it does not take.
 * Thresholds (a step's, the target) are compared to 15 significant digits, as comparisons in
 * expressions are (compareFigures): 0.1 + 0.2 meets `atMost: 0.3`, as `[x] <= 0.3` holds for it.
 * Any rule whose value or points are not a finite number (an uncapped ratio that overflows:
 * 1e300 ÷ 1e-300) is unavailable ("invalid-result"), as an expression with no finite result is.
 * Cross-unit rules must go through `crossInput` and `crossRuleValue` instead.
 */
export function localRuleValue(ind: IndicatorModel, values: Record<string, InputValue>, choices: Map<string, ChoiceScale>): RuleOutcome {
  const outcome = finiteOutcome(localOutcome(ind, values, choices), ind.max);
  return outcome.kind === "missing" && givenRuleInputs(ind, values, choices).length > 0 ? { ...outcome, someGiven: true } : outcome;
}

/**
 * The inputs the indicator's rule names (`ruleInputs`: a one-input rule's input, a ratio's
 * numerator and denominator, every input an `expr` rule references, in any branch of an IF) for
 * which the unit gave a value the rule can use, in the order the indicator lists them: a number
 * (a yes/no as 1/0) for a numeric rule and a ratio, yes/no for `boolean`, an option for `choice`,
 * what an expression reads (exprInput) for `expr`. A blank, an unreadable cell (left out of the
 * values) and an N/A answer where the index does not allow one count as no value.
 * Under missing "exclude" an indicator lacking inputs it reads is left out only when this is empty
 * ("all of its inputs are missing"); otherwise it scores 0, as under "zero".
 */
export function givenRuleInputs(ind: IndicatorModel, values: Record<string, InputValue>, choices: Map<string, ChoiceScale>): string[] {
  const rule = ind.rule;
  const usable = (c: string): boolean => {
    const v = values[c];
    switch (rule.kind) {
      case "expr":
        return exprInput(v, choices.get(c)) !== undefined;
      case "boolean":
        return inputBoolean(v) !== undefined;
      case "choice":
        return matchChoice(rule.options, v) !== undefined;
      default:
        return inputNumber(v) !== undefined;
    }
  };
  return inInputOrder(ind, ind.ruleInputs.filter(usable));
}

function localOutcome(ind: IndicatorModel, values: Record<string, InputValue>, choices: Map<string, ChoiceScale>): RuleOutcome {
  const rule = ind.rule;
  const value = (v: number): RuleOutcome => ({ kind: "value", value: v });
  const missing = (codes: string[]): RuleOutcome => ({ kind: "missing", codes });
  const code = singleCode(ind);
  const raw = code !== undefined ? values[code] : undefined;
  const one = <T>(read: (v: InputValue | undefined) => T | undefined, score: (x: T) => RuleOutcome): RuleOutcome => {
    if (code === undefined) return missing([]);
    const x = read(raw);
    return x === undefined ? missing([code]) : score(x);
  };

  switch (rule.kind) {
    case "points":
      return one(inputNumber, (v) => pointsOutcome(v, ind.max));
    case "fraction":
      return one(inputNumber, (v) => value(clip01(v)));
    case "boolean":
      return one(inputBoolean, value);
    case "choice":
      return one(
        (v) => matchChoice(rule.options, v),
        (o) => fractionOrPointsOutcome(o, ind.max),
      );
    case "ratio": {
      const numCode = rule.numerator.trim();
      const denCode = rule.denominator.trim();
      const num = inputNumber(values[numCode]);
      const den = inputNumber(values[denCode]);
      // A zero denominator decides whatever the numerator holds, blank or not (`inputsRead`).
      if (den === 0) {
        if (rule.zeroDenominator === "zero") return value(0);
        if (rule.zeroDenominator === "full") return value(1);
        return { kind: "unavailable", reason: "zero-denominator" };
      }
      const absent = [...(num === undefined ? [numCode] : []), ...(den === undefined ? [denCode] : [])];
      if (num === undefined || den === undefined) return missing(absent);
      return quotientOutcome(num, den, ind.max, rule.cap);
    }
    case "target":
      return one(inputNumber, (v) => {
        const against = compareFigures(v, rule.target);
        if (rule.direction === "lower") return against <= 0 ? value(1) : quotientOutcome(rule.target, v, ind.max);
        return against === 0 ? value(1) : quotientOutcome(v, rule.target, ind.max);
      });
    case "steps":
      return one(inputNumber, (v) => {
        const hit = matchingStep(rule.steps, v);
        return hit ? fractionOrPointsOutcome(hit, ind.max) : value(0);
      });
    case "count":
      return one(inputNumber, (v) => {
        return pointsOutcome(v * rule.pointsEach, ind.max);
      });
    case "minmax":
      return one(inputNumber, (v) => minmaxValue(rule, v, undefined));
    case "relative":
      // Only reached when the caller skipped the cross-unit path: a unit alone is its own best.
      return one(inputNumber, (v) => relativeValue(rule, v, { min: v, max: v }, ind.max));
    case "expr": {
      // Missing are the inputs the evaluation reads and lacks: not those of an IF branch it does not take.
      const lookup = (c: string): number | undefined => exprInput(values[c], choices.get(c));
      const absent = inputsRead(ind, values, choices).filter((c) => lookup(c) === undefined);
      if (absent.length > 0) return missing(absent);
      if (!ind.expr) return { kind: "unavailable", reason: "invalid-result" };
      const result = evaluate(ind.expr, lookup);
      return result === undefined ? { kind: "unavailable", reason: "invalid-result" } : value(clip01(result));
    }
  }
}

/**
 * The inputs an indicator's rule reads from this unit's values, in the order the indicator lists
 * them: every input the rule names, except that an `expr` rule reads only what its evaluation
 * needs (`referencesRead`: not the inputs of an IF branch the condition does not take), and a
 * `ratio` whose denominator is 0 reads only the denominator (its `zeroDenominator` decides). An
 * input the rule reads and the unit lacks is a missing input; any other may be left blank.
 */
export function inputsRead(ind: IndicatorModel, values: Record<string, InputValue>, choices: Map<string, ChoiceScale>): string[] {
  const rule = ind.rule;
  if (rule.kind === "ratio" && inputNumber(values[rule.denominator.trim()]) === 0) return [rule.denominator.trim()];
  if (rule.kind !== "expr" || !ind.expr) return [...ind.ruleInputs];
  return inInputOrder(ind, referencesRead(ind.expr, (c) => exprInput(values[c], choices.get(c))));
}

/** Codes in the order the indicator lists its inputs (an expression may name them in any order). */
function inInputOrder(ind: IndicatorModel, codes: string[]): string[] {
  const position = (c: string) => {
    const i = ind.inputs.findIndex((input) => input.code === c);
    return i < 0 ? Infinity : i;
  };
  return [...codes].sort((a, b) => position(a) - position(b));
}

/** An input as an expression sees it: numbers, booleans as 1/0, a choice as its option's value. */
export function exprInput(v: InputValue | undefined, choice: ChoiceScale | undefined): number | undefined {
  if (typeof v === "string") {
    if (!choice) return undefined;
    const o = matchChoice(choice.options, v);
    return o ? fractionOrPoints(o, choice.max) : undefined;
  }
  return inputNumber(v);
}

/**
 * The transform of a minmax rule: identity, or the decimal logarithm (undefined for v ≤ 0), to 15
 * significant digits (log10Figure). Used where bounds are compared after the transform (the
 * definition's check that two bounds differ); the rule's value itself is worked out from the
 * figures (minmaxValue), not from these logarithms.
 */
export function minmaxTransform(rule: Pick<Extract<Rule, { kind: "minmax" }>, "transform">, v: number): number | undefined {
  if (rule.transform === "log") return v > 0 ? log10Figure(v) : undefined;
  return v;
}

/**
 * The number a cross-unit rule collects from a unit into the run's extent: v for `relative` and
 * `minmax`, but under `"transform": "log"` only a v above 0 (a v ≤ 0 has no logarithm and never
 * sets a bound). The logarithm keeps the figures' order, so the extent of the figures is that of
 * their logarithms.
 */
export function crossFigure(rule: Extract<Rule, { kind: "relative" | "minmax" }>, v: number): number | undefined {
  return rule.kind === "minmax" && rule.transform === "log" && !(v > 0) ? undefined : v;
}

/**
 * minmax: (t(v) − t(min)) ÷ (t(max) − t(min)), with t the identity or the logarithm
 * (minmaxTransform). Clipped to [0, 1] when `clip` (default); "lower" gives 1 − that. Under log a v ≤ 0 has no logarithm: with
 * `clip` it is below any bound (bounds are above 0) and takes the lowest value 0 before direction,
 * as clipping does; without `clip` it has no value at all ("invalid-result", `noLogarithm` v), as
 * an expression's LN of 0 has none. A "data" bound is the smallest or largest figure among the units
 * scored together (`extent`; a v ≤ 0 never sets one under log); when the two bounds are equal (to
 * 15 significant digits) every unit with data gets 1. When one bound is `"data"` and the other a
 * number, and the data's bound is not on its side of the number (a fixed min 0, every figure 0 or
 * less; a fixed max 100, every figure 100 or more: `reversedBounds`), the formula's denominator is
 * 0 or negative and means nothing; the fixed bound decides, as the rule does for figures beyond
 * it: a figure at or below a fixed min gives 0, one at or above a fixed max 1 (before direction),
 * with `clip` or without.
 */
export function minmaxValue(rule: Extract<Rule, { kind: "minmax" }>, v: number, extent: Extent | undefined): RuleOutcome {
  const tv = minmaxTransform(rule, v);
  let base: number;
  if (tv === undefined) {
    if (!rule.clip) return { kind: "unavailable", reason: "invalid-result", noLogarithm: v };
    base = 0;
  } else {
    const bounds = minmaxBounds(rule, extent);
    if (bounds === undefined) return { kind: "unavailable", reason: "invalid-result" };
    const { min: lo, max: hi } = bounds;
    const fixed = reversedBounds(rule, bounds);
    if (fixed === "min") base = compareFigures(v, lo) <= 0 ? 0 : 1;
    else if (fixed === "max") base = compareFigures(v, hi) >= 0 ? 1 : 0;
    // Bounds that are the same figure to 15 significant digits coincide (compareFigures).
    else if (compareFigures(hi, lo) === 0) return { kind: "value", value: 1 };
    else {
      // Under log, (log v − log min) ÷ (log max − log min) as log(v ÷ min) ÷ log(max ÷ min): one
      // rounding in each quotient rather than one in each of three logarithms, so where the decimal
      // answer is exact the value is (3 between 1 and 9, 30 between 3 and 300 give 0.5).
      // Bounds so far apart that a difference or a quotient overflows (−1e308 and 1e308): halves,
      // or differences of logarithms, which do not.
      const ratio = v / lo;
      const span = hi / lo;
      base =
        rule.transform === "log"
          ? Number.isFinite(ratio) && ratio > 0 && Number.isFinite(span)
            ? Math.log(ratio) / Math.log(span)
            : (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))
          : Number.isFinite(hi - lo) && Number.isFinite(v - lo)
            ? (v - lo) / (hi - lo)
            : (v / 2 - lo / 2) / (hi / 2 - lo / 2);
      if (rule.clip) base = clip01(base);
    }
  }
  const value = rule.direction === "lower" ? 1 - base : base;
  return Number.isFinite(value) ? { kind: "value", value } : { kind: "unavailable", reason: "invalid-result" };
}

/**
 * The bounds a `minmax` rule scores with, as figures (before the transform): the `"data"` ones
 * from `extent`; undefined when one is not known, or under log when a bound has no logarithm.
 */
export function minmaxBounds(rule: Extract<Rule, { kind: "minmax" }>, extent: Extent | undefined): Extent | undefined {
  const min = rule.min === "data" ? extent?.min : rule.min;
  const max = rule.max === "data" ? extent?.max : rule.max;
  if (min === undefined || max === undefined) return undefined;
  if (rule.transform === "log" && !(min > 0 && max > 0)) return undefined;
  return { min, max };
}

/**
 * Which fixed bound of a `minmax` rule with one `"data"` bound decides, when the bound taken from
 * the data (`bounds`, minmaxBounds) is not on its side of the fixed one: "min" for a fixed
 * min at or above the data's max (every figure at or below the min), "max" for a fixed max at or
 * below the data's min (every figure at or above the max); undefined otherwise, and for a rule
 * with two numbers or two `"data"` bounds (numbers in either order are the formula as written).
 */
export function reversedBounds(rule: Extract<Rule, { kind: "minmax" }>, bounds: Extent): "min" | "max" | undefined {
  if ((rule.min === "data") === (rule.max === "data")) return undefined;
  if (compareFigures(bounds.max, bounds.min) > 0) return undefined;
  return rule.min === "data" ? "max" : "min";
}

/**
 * relative ("tỷ lệ chuẩn hóa"): higher → v ÷ best, best the largest v among the units scored
 * together; lower → best ÷ v, best the smallest v. A ratio to the best means something for
 * figures of 0 and above only: a figure below 0 counts as 0, in either direction. So under higher
 * a figure of 0 or less gives 0, and a best of 0 or less gives everyone 0; under lower a figure
 * of 0 or less gives 1, and a best of 0 or less gives every figure above 0 a 0 (0 ÷ v). Clipped
 * to [0, 1]. `negativeRelativeIssues` tells the user of figures below 0.
 */
export function relativeValue(rule: Extract<Rule, { kind: "relative" }>, v: number, extent: Extent, max?: number): RuleOutcome {
  if (rule.direction === "lower") {
    if (v <= 0) return { kind: "value", value: 1 };
    return quotientOutcome(Math.max(extent.min, 0), v, max);
  }
  if (extent.max <= 0 || v <= 0) return { kind: "value", value: 0 };
  return quotientOutcome(v, extent.max, max);
}

/** The input value a cross-unit rule reads, or the codes that are missing. */
export function crossInput(ind: IndicatorModel, values: Record<string, InputValue>): number | { missing: string[] } {
  const code = singleCode(ind);
  if (code === undefined) return { missing: [] };
  const v = inputNumber(values[code]);
  return v === undefined ? { missing: [code] } : v;
}

/**
 * The value of a cross-unit rule, given the extent of the units scored together; one whose value
 * or points are not a finite number is unavailable ("invalid-result"), as for `localRuleValue`.
 */
export function crossRuleValue(
  rule: Extract<Rule, { kind: "relative" | "minmax" }>,
  v: number,
  extent: Extent | undefined,
  max?: number,
): RuleOutcome {
  if (rule.kind === "minmax") return finiteOutcome(minmaxValue(rule, v, extent), max);
  return finiteOutcome(relativeValue(rule, v, extent ?? { min: v, max: v }, max), max);
}
