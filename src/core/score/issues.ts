/**
 * Issues the engine finds in a unit's figures rather than in its cells: an expression (an `expr`
 * rule or an `expr` group) that gives no finite number — a division by zero, LN of 0, SQRT of a
 * negative — from what the unit reported, and likewise any other rule or group whose result is
 * not a finite number (an uncapped ratio of 1e300 to 1e-300, a sum that overflows, an unclipped
 * `minmax` on the log of a figure ≤ 0). The engine
 * scores such a node under the index's missing-data policy (0 under "zero", not available under
 * "exclude"); these issues say so, in the reader's sentence style: where (sheet, cell of the
 * inputs at fault), then what.
 */
import type { GroupModel, IndexModel, IndicatorModel, ModelNode } from "../definition/model";
import { type EvalFailure, compareFigures, evaluateExplained } from "../expr/evaluate";
import type { Expr } from "../expr/ast";
import { printExpression } from "../expr/parse";
import { type Message, foldText, formatNumber, localize } from "../i18n/text";
import { issueLocation } from "../read/messages";
import { unitKey } from "../plan/index-sheet";
import type { Issue, NodeResult, ScoreTable, Submission } from "../types";
import { type ChildFigure, aggregateGroup } from "./aggregate";
import { categoryNameOf } from "../read/categories";
import {
  type ChoiceScale,
  type Extent,
  type RuleOutcome,
  choiceScales,
  crossFigure,
  crossInput,
  crossRuleValue,
  exprInput,
  isCrossUnit,
  localRuleValue,
  minmaxBounds,
  minmaxTransform,
  reversedBounds,
} from "./rules";

/** One node of one unit whose expression (or rule, or aggregation) gave no finite number. */
export interface InvalidResult {
  /** Index of the unit in the submissions (and in table.units). */
  unit: number;
  node: string;
  kind: "indicator" | "group";
  /**
   * Why; "not-finite" for a node scored by a rule or a group aggregation other than an expression,
   * but "logarithm" without `at` for the unit's figure ≤ 0 of a `minmax` rule with
   * `"transform": "log"` and `"clip": false`, which has no logarithm.
   */
  failure: Exclude<EvalFailure, { kind: "reference" }> | { kind: "logarithm"; value: number };
  /**
   * The input codes of the operand at fault (of the whole expression when no operand is), in order
   * of appearance; for another rule the inputs it reads, in the indicator's order; none for a group.
   */
  inputs: string[];
}

function refsOf(expr: Expr, out: string[] = []): string[] {
  switch (expr.type) {
    case "ref":
      if (!out.includes(expr.code)) out.push(expr.code);
      break;
    case "unary":
      refsOf(expr.arg, out);
      break;
    case "binary":
      refsOf(expr.left, out);
      refsOf(expr.right, out);
      break;
    case "call":
      for (const a of expr.args) refsOf(a, out);
      break;
    default:
      break;
  }
  return out;
}

/** Only a node scored 0 or left out for an invalid result can have one; anything else is skipped cheaply. */
function mayBeInvalid(n: NodeResult | undefined): boolean {
  if (!n || n.missingScoredZero) return false;
  return n.reason === "invalid-result" || (n.available && n.value === 0);
}

/** A cross-unit rule's extents, as scoring collected them: over the whole run, and per category. */
interface Extents {
  all?: Extent;
  byCategory: Map<string, Extent>;
}

/**
 * The extents scoring used for a cross-unit indicator, rebuilt from the run: the units whose figure
 * the rule compared are those it scored from their own figure (available and not scored 0 for a
 * missing input, or left out for an invalid result), as `collectExtents` in score.ts takes them.
 */
function extentsOf(ind: IndicatorModel & { rule: { kind: "relative" | "minmax" } }, submissions: Submission[], table: ScoreTable): Extents {
  const out: Extents = { byCategory: new Map() };
  const widen = (e: Extent | undefined, x: number): Extent => (e ? { min: Math.min(e.min, x), max: Math.max(e.max, x) } : { min: x, max: x });
  table.units.forEach((result, u) => {
    const n = result.nodes[ind.code];
    const sub = submissions[u];
    if (!sub || !scoredFromFigure(n)) return;
    const v = crossInput(ind, sub.values);
    const f = typeof v === "number" ? crossFigure(ind.rule, v) : undefined;
    if (f === undefined) return;
    out.all = widen(out.all, f);
    if (sub.category !== undefined) out.byCategory.set(sub.category, widen(out.byCategory.get(sub.category), f));
  });
  return out;
}

/**
 * Why a node not scored by an expression got no finite result for a unit, or undefined when it
 * got one. Under "exclude" the table says that it got none (reason "invalid-result"); under
 * "zero" such a node is scored 0 like an honest 0. Either way its rule (or its group's
 * aggregation) is worked out again from the same figures, which also tells a `minmax` figure with
 * no logarithm ("logarithm") from a result too large for a number ("not-finite").
 */
function noFiniteResult(
  node: ModelNode,
  n: NodeResult,
  sub: Submission,
  result: ScoreTable["units"][number],
  context: { model: IndexModel; choices: Map<string, ChoiceScale>; extents: (ind: IndicatorModel) => Extents },
): InvalidResult["failure"] | undefined {
  if (n.reason !== undefined && n.reason !== "invalid-result") return undefined;
  const outcome = node.kind === "indicator" ? indicatorOutcome(node, sub, context) : groupOutcome(node, result, context.model);
  if (outcome?.kind === "unavailable" && outcome.reason === "invalid-result") {
    return "noLogarithm" in outcome && outcome.noLogarithm !== undefined ? { kind: "logarithm", value: outcome.noLogarithm } : { kind: "not-finite" };
  }
  return n.reason === "invalid-result" ? { kind: "not-finite" } : undefined;
}

/** An indicator's rule worked out again from the unit's figures (undefined: a cross-unit rule's input is missing). */
function indicatorOutcome(
  ind: IndicatorModel,
  sub: Submission,
  context: { choices: Map<string, ChoiceScale>; extents: (ind: IndicatorModel) => Extents },
): RuleOutcome | undefined {
  const rule = ind.rule;
  if (!isCrossUnit(rule)) return localRuleValue(ind, sub.values, context.choices);
  const v = crossInput(ind, sub.values);
  if (typeof v !== "number") return undefined;
  const extents = context.extents(ind);
  const extent = rule.across === "category" && sub.category !== undefined ? extents.byCategory.get(sub.category) : extents.all;
  return crossRuleValue(rule, v, extent, ind.max);
}

/** A group's aggregation over its children as the run scored them (for a group without an expression). */
function groupOutcome(group: GroupModel, result: ScoreTable["units"][number], model: IndexModel): ReturnType<typeof aggregateGroup> {
  const available: ChildFigure[] = [];
  let allUnscored = group.children.length > 0;
  for (const code of group.children) {
    const child = model.nodes.get(code);
    if (!child) continue;
    if (child.max !== 0) allUnscored = false;
    const c = result.nodes[code];
    if (c && c.value !== null) available.push({ code, value: c.value, points: c.points, max: child.max, weight: child.weight });
  }
  return aggregateGroup(group, available, (code) => available.find((c) => c.code === code)?.value, allUnscored);
}

/**
 * Every node whose expression gave no finite number, unit by unit (`table` is `scoreUnits` of
 * `submissions`, in the same order), and every node scored by another rule or aggregated by a
 * group whose result is not a finite number (failure "not-finite"; "logarithm" for a `minmax`
 * figure ≤ 0 under `"transform": "log"` and `"clip": false`), in the definition's order.
 * Nodes not applicable, answered N/A, or missing inputs are not concerned: those are said
 * elsewhere. A group whose evaluation needs a child that is not available is not concerned
 * either (it is not available for that reason).
 */
export function invalidResults(model: IndexModel, submissions: Submission[], table: ScoreTable): InvalidResult[] {
  const nodes = [...model.nodes.values()];
  const isExpr = (n: ModelNode): boolean => n.expr !== undefined && (n.kind === "group" || n.rule.kind === "expr");
  const choices = choiceScales(model);
  const extentsByCode = new Map<string, Extents>();
  const context = {
    model,
    choices,
    extents: (ind: IndicatorModel): Extents => {
      let e = extentsByCode.get(ind.code);
      if (!e) extentsByCode.set(ind.code, (e = extentsOf(ind as IndicatorModel & { rule: { kind: "relative" | "minmax" } }, submissions, table)));
      return e;
    },
  };
  const out: InvalidResult[] = [];
  table.units.forEach((result, u) => {
    const sub = submissions[u];
    if (!sub) return;
    for (const node of nodes) {
      const n = result.nodes[node.code];
      if (!n || !mayBeInvalid(n)) continue;
      if (!isExpr(node)) {
        const failure = noFiniteResult(node, n, sub, result, context);
        if (failure) out.push({ unit: u, node: node.code, kind: node.kind, failure, inputs: node.kind === "indicator" ? [...node.ruleInputs] : [] });
        continue;
      }
      const lookup =
        node.kind === "indicator"
          ? (c: string) => exprInput(sub.values[c], choices.get(c))
          : (c: string) => {
              const child = result.nodes[c];
              return child?.available && child.value !== null ? child.value : undefined;
            };
      const evaluated = evaluateExplained(node.expr!, lookup);
      if (evaluated.ok || evaluated.failure.kind === "reference") continue;
      const failure = evaluated.failure;
      const inputs = refsOf("at" in failure ? failure.at : node.expr!);
      out.push({ unit: u, node: node.code, kind: node.kind, failure, inputs: inputs.length > 0 ? inputs : refsOf(node.expr!) });
    }
  });
  return out;
}

/** "phép chia cho 0: [d] bằng 0" — what went wrong, naming the operand at fault. */
export function failureText(failure: InvalidResult["failure"]): Message {
  // A figure said by itself: a literal of the expression, or the unit's figure a rule could not take the logarithm of.
  const literal = !("at" in failure) || failure.at.type === "number";
  const shown = "at" in failure ? printExpression(failure.at) : "";
  const value = (lang: "vi" | "en"): string => ("value" in failure ? formatNumber(failure.value, lang) : "");
  switch (failure.kind) {
    case "division-by-zero":
      return literal
        ? { vi: "phép chia cho 0", en: "division by zero" }
        : { vi: `phép chia cho 0: ${shown} bằng 0`, en: `division by zero: ${shown} is 0` };
    case "logarithm":
      return literal
        ? { vi: `không lấy được logarit của ${value("vi")}`, en: `there is no logarithm of ${value("en")}` }
        : { vi: `không lấy được logarit của ${shown} = ${value("vi")}`, en: `there is no logarithm of ${shown} = ${value("en")}` };
    case "square-root":
      return literal
        ? { vi: `không lấy được căn bậc hai của ${value("vi")}`, en: `there is no square root of ${value("en")}` }
        : { vi: `không lấy được căn bậc hai của ${shown} = ${value("vi")}`, en: `there is no square root of ${shown} = ${value("en")}` };
    case "power":
      if (literal) {
        return { vi: `không nâng được số âm ${value("vi")} lên lũy thừa không nguyên`, en: `a negative number (${value("en")}) cannot be raised to a power that is not a whole number` };
      }
      // (-8) ^ [q]: the exponent's figure is at fault, said with its value.
      return failure.of === "exponent"
        ? {
            vi: `không nâng được số âm ${value("vi")} lên lũy thừa không nguyên: ${shown} = ${formatNumber(failure.exponent, "vi")}`,
            en: `a negative number (${value("en")}) cannot be raised to a power that is not a whole number: ${shown} = ${formatNumber(failure.exponent, "en")}`,
          }
        : {
            vi: `không nâng được số âm ${shown} = ${value("vi")} lên lũy thừa không nguyên`,
            en: `${shown} = ${value("en")} is negative and cannot be raised to a power that is not a whole number`,
          };
    case "zero-power": {
      const exponent = (lang: "vi" | "en"): string => formatNumber(failure.exponent, lang);
      if (failure.exponent === 0) {
        // 0 ^ 0, #NUM! in Excel: the operand that is 0 (the exponent, unless it is written 0).
        return literal
          ? { vi: "lũy thừa 0^0 không xác định", en: "0 to the power 0 is undefined" }
          : { vi: `lũy thừa 0^0 không xác định: ${shown} bằng 0`, en: `0 to the power 0 is undefined: ${shown} is 0` };
      }
      // 0 ^ -1 is 1 / 0, #DIV/0! in Excel.
      if (literal) return { vi: `phép chia cho 0: 0 bị nâng lên lũy thừa âm ${exponent("vi")}`, en: `division by zero: 0 is raised to the negative power ${exponent("en")}` };
      return failure.of === "base"
        ? { vi: `phép chia cho 0: ${shown} bằng 0 và bị nâng lên lũy thừa âm ${exponent("vi")}`, en: `division by zero: ${shown} is 0 and is raised to the negative power ${exponent("en")}` }
        : { vi: `phép chia cho 0: 0 bị nâng lên lũy thừa âm ${shown} = ${exponent("vi")}`, en: `division by zero: 0 is raised to the negative power ${shown} = ${exponent("en")}` };
    }
    case "not-finite":
      return { vi: "kết quả không phải là một số hữu hạn", en: "the result is not a finite number" };
  }
}

/**
 * The "invalid-result" error for one node of one unit: "Trang tính 'Sở Y tế', ô D14: không tính
 * được chỉ tiêu 2.1 từ số liệu của đơn vị (phép chia cho 0: [2.1.b] bằng 0); chỉ tiêu được tính
 * 0 điểm." The cell is that of the first input at fault that the unit's sheet has.
 */
export function invalidResultIssue(model: IndexModel, submission: Submission, found: InvalidResult): Issue {
  const zero = model.definition.missing === "zero";
  const why = failureText(found.failure);
  const source = submission.source;
  const cell = found.kind === "indicator" ? found.inputs.map((c) => source?.cells?.[c]).find((a) => a !== undefined) : undefined;
  const body: Message =
    found.kind === "indicator"
      ? {
          vi: `không tính được chỉ tiêu ${found.node} từ số liệu của đơn vị (${why.vi}); chỉ tiêu ${zero ? "được tính 0 điểm" : "không được tính điểm"}`,
          en: `indicator ${found.node} cannot be computed from the unit's values (${why.en}); ${zero ? "it scores 0" : "it is not scored"}`,
        }
      : {
          vi: `không tính được nhóm ${found.node} từ giá trị các thành phần (${why.vi}); nhóm ${zero ? "được tính bằng 0" : "không được tính điểm"}`,
          en: `group ${found.node} cannot be computed from its children's values (${why.en}); ${zero ? "it counts as 0" : "it is not scored"}`,
        };
  return unitFigureIssue("error", "invalid-result", submission, cell, body, found.node);
}

/**
 * A finding about a unit's figure, its sentence starting with where it is ("Trang tính 'Sở Y tế',
 * ô D14: …"; a table's row when no cell is known: "Tệp b.csv, dòng 5: …"), capitalised when the
 * submission says nothing of where it came from.
 */
function unitFigureIssue(severity: Issue["severity"], code: Issue["code"], submission: Submission, cell: string | undefined, body: Message, node: string): Issue {
  const source = submission.source;
  const at: Message =
    source === undefined
      ? { vi: "", en: "" }
      : issueLocation({
          sheet: source.sheet,
          ...(cell !== undefined ? { cell } : {}),
          ...(source.file !== undefined ? { file: source.file } : {}),
          // A table's row when no input cell is at fault: "Tệp b.csv, dòng 5", not the file alone.
          ...(cell === undefined && source.layout === "B" && source.row !== undefined ? { row: source.row } : {}),
        });
  const sentence = (prefix: string, text: string): string => `${prefix === "" ? text.charAt(0).toUpperCase() + text.slice(1) : prefix + text}.`;
  return {
    severity,
    code,
    message: { vi: sentence(at.vi, body.vi), en: sentence(at.en, body.en) },
    ...(source !== undefined ? { sheet: source.sheet } : {}),
    ...(cell !== undefined ? { cell } : {}),
    unit: unitKey(submission),
    node,
  };
}

/** Whether the run scored a cross-unit indicator of a unit from the unit's figure (as `collectExtents` takes it). */
function scoredFromFigure(n: NodeResult | undefined): n is NodeResult {
  return n !== undefined && !n.missingScoredZero && (n.available || n.reason === "invalid-result");
}

/** What an indicator gives: "0 điểm" / "điểm tối đa", or for one that scores no points its value 0 / 1. */
function outcomeWords(ind: IndicatorModel, full: boolean): Message {
  if (ind.max !== undefined && ind.max > 0) return full ? { vi: "được điểm tối đa", en: "scores full points" } : { vi: "được 0 điểm", en: "scores 0 points" };
  return full ? { vi: "có giá trị 1", en: "has a value of 1" } : { vi: "có giá trị 0", en: "has a value of 0" };
}

/**
 * The "relative-below-zero" warnings of a run: a `relative` rule takes a unit's figure as a ratio
 * to the best, which means nothing below 0, so a figure below 0 counts as 0 (relativeValue): under
 * "higher" it scores 0, under "lower" it scores full points and makes the best 0, so that every
 * unit compared with it whose figure is above 0 scores 0. One warning per unit and indicator, at
 * the figure's cell, saying so and to use a `minmax` rule for figures that may be negative.
 */
export function negativeRelativeIssues(model: IndexModel, submissions: Submission[], table: ScoreTable): Issue[] {
  const out: Issue[] = [];
  const relatives = model.indicators.flatMap((code) => {
    const ind = model.nodes.get(code);
    return ind?.kind === "indicator" && ind.rule.kind === "relative" ? [ind] : [];
  });
  if (relatives.length === 0) return out;
  table.units.forEach((result, u) => {
    const sub = submissions[u];
    if (!sub) return;
    for (const ind of relatives) {
      if (!scoredFromFigure(result.nodes[ind.code])) continue;
      const v = crossInput(ind, sub.values);
      if (typeof v !== "number" || !(v < 0)) continue;
      const lower = ind.rule.kind === "relative" && ind.rule.direction === "lower";
      const input = ind.ruleInputs[0];
      const cell = input !== undefined ? sub.source?.cells?.[input] : undefined;
      const scored = outcomeWords(ind, lower);
      const others = outcomeWords(ind, false);
      const what: Message = {
        vi: `số liệu ${formatNumber(v, "vi")} của chỉ tiêu ${ind.code} nhỏ hơn 0; quy tắc "relative" (tỷ lệ chuẩn hóa) lấy tỷ lệ so với số liệu tốt nhất, không có nghĩa với số âm, nên số liệu này được tính như 0: chỉ tiêu ${scored.vi}`,
        en: `the figure ${formatNumber(v, "en")} of indicator ${ind.code} is below 0; a "relative" rule takes the ratio to the best figure, which means nothing for a negative figure, so it counts as 0: the indicator ${scored.en}`,
      };
      const spread: Message = lower
        ? {
            vi: `, và mọi đơn vị so với đơn vị này có số liệu lớn hơn 0 ${others.vi} ở chỉ tiêu này`,
            en: `, and every unit compared with this one whose figure is above 0 ${others.en} on it`,
          }
        : { vi: "", en: "" };
      const hint: Message = { vi: `. Nếu số liệu có thể âm, hãy dùng quy tắc "minmax"`, en: `. Where figures may be negative, use a "minmax" rule` };
      out.push(unitFigureIssue("warning", "relative-below-zero", sub, cell, { vi: what.vi + spread.vi + hint.vi, en: what.en + spread.en + hint.en }, ind.code));
    }
  });
  return out;
}

/**
 * The "relative-zero-best" warnings of a run: a `relative` rule with `"direction": "lower"` (the
 * fewer days, the better) takes best ÷ figure, so a unit whose figure is 0 is the best possible:
 * it scores full points, and every other unit compared with it (all units, or under `"across":
 * "category"` those of its category and those without one, which are compared with all units)
 * whose figure is above 0 scores 0 (0 ÷ v), as relativeValue settles it. One warning per unit and
 * indicator, at the figure's cell, naming how many units that leaves at 0 and saying to keep the 0
 * if it is right; none where no other unit compared has a figure above 0 (every unit then scores
 * full points). A figure below 0 does the same, and "relative-below-zero" says so.
 */
export function zeroBestRelativeIssues(model: IndexModel, submissions: Submission[], table: ScoreTable): Issue[] {
  const out: Issue[] = [];
  const lowers = model.indicators.flatMap((code) => {
    const ind = model.nodes.get(code);
    return ind?.kind === "indicator" && ind.rule.kind === "relative" && ind.rule.direction === "lower" ? [ind] : [];
  });
  if (lowers.length === 0) return out;
  // Each indicator's figures as scoring compared them, by unit (undefined: not compared).
  const figures = new Map(
    lowers.map((ind) => [
      ind.code,
      table.units.map((result, u): number | undefined => {
        const sub = submissions[u];
        if (!sub || !scoredFromFigure(result.nodes[ind.code])) return undefined;
        const v = crossInput(ind, sub.values);
        return typeof v === "number" ? v : undefined;
      }),
    ]),
  );
  table.units.forEach((_, u) => {
    const sub = submissions[u];
    if (!sub) return;
    for (const ind of lowers) {
      const own = figures.get(ind.code)!;
      if (own[u] !== 0) continue;
      const byCategory = ind.rule.kind === "relative" && ind.rule.across === "category" && sub.category !== undefined;
      // The other units whose set of units compared holds this one, and whose figure, above 0, scores 0 against it.
      let inCategory = 0;
      let uncategorised = 0;
      own.forEach((v, w) => {
        if (w === u || v === undefined || !(v > 0)) return;
        const category = submissions[w]?.category;
        if (!byCategory) inCategory++;
        else if (category === sub.category) inCategory++;
        else if (category === undefined) uncategorised++;
      });
      const count = inCategory + uncategorised;
      if (count === 0) continue;
      const input = ind.ruleInputs[0];
      const cell = input !== undefined ? sub.source?.cells?.[input] : undefined;
      const name = byCategory ? categoryNameOf(model, sub.category!) : undefined;
      // "mọi đơn vị khác thuộc loại "Xã" (và các đơn vị chưa rõ loại)", or every other unit when all are compared.
      const others: Message = name
        ? {
            vi: `mọi đơn vị khác thuộc loại "${name.vi}"${uncategorised > 0 ? " và các đơn vị chưa rõ loại" : ""}`,
            en: `every other unit of the category "${name.en}"${uncategorised > 0 ? " and every unit without a category" : ""}`,
          }
        : { vi: "mọi đơn vị khác", en: "every other unit" };
      const units: Message = { vi: `${formatNumber(count, "vi")} đơn vị`, en: `${formatNumber(count, "en")} unit${count === 1 ? "" : "s"}` };
      // "số liệu 3.4.a của chỉ tiêu 3.4 bằng 0" for an input with a code of its own, "số liệu 0 của chỉ tiêu 3.4" otherwise.
      const figure: Message =
        input !== undefined && input !== ind.code
          ? { vi: `số liệu ${input} của chỉ tiêu ${ind.code} bằng 0,`, en: `the figure of input ${input} of indicator ${ind.code} is 0, which` }
          : { vi: `số liệu 0 của chỉ tiêu ${ind.code}`, en: `the figure 0 of indicator ${ind.code}` };
      const full = outcomeWords(ind, true);
      const zero = outcomeWords(ind, false);
      const body: Message = {
        vi: `${figure.vi} là mức tốt nhất có thể của quy tắc "relative" (tỷ lệ chuẩn hóa, số liệu càng thấp càng tốt): chỉ tiêu ${full.vi}, còn ${others.vi} có số liệu lớn hơn 0 (${units.vi}) ${zero.vi} ở chỉ tiêu này. Nếu 0 là đúng thì giữ nguyên; nếu không, hãy sửa lại số liệu (để trống nếu đơn vị không có số liệu)`,
        en: `${figure.en} is the best possible under its "relative" rule (the lower, the better): the indicator ${full.en}, and ${others.en} with a figure above 0 (${units.en}) ${zero.en} on it. If 0 is right, leave it; otherwise correct the figure (leave the cell blank if the unit has no figure)`,
      };
      out.push(unitFigureIssue("warning", "relative-zero-best", sub, cell, body, ind.code));
    }
  });
  return out;
}

/**
 * The "below-scale-minimum" warnings of a run: a unit's figure below the lowest figure of its
 * indicator's scale, which the rule clips, so that the indicator gets what the lowest figure gets
 * (0, or full points under "lower") whatever it is — the HDI's income of 12,5 where the scale
 * starts at 100 makes the whole HDI 0, and nothing else says why. A `minmax` rule with a numeric
 * `min` and `clip` (its default): a figure below `min` (beyond it on a scale that runs down, "min":
 * 100, "max": 0), or ≤ 0 under `"transform": "log"`, which has no logarithm; skipped where the
 * bounds from the data are on the wrong side of `min` ("minmax-bounds-reversed" says that). A
 * `target` rule: a figure below 0, which counts as 0. One warning per unit and indicator, at the
 * figure's cell, saying what the figure counts as and to check it.
 */
export function belowScaleIssues(model: IndexModel, submissions: Submission[], table: ScoreTable): Issue[] {
  const out: Issue[] = [];
  const scaled = model.indicators.flatMap((code) => {
    const ind = model.nodes.get(code);
    if (ind?.kind !== "indicator") return [];
    const rule = ind.rule;
    return (rule.kind === "minmax" && typeof rule.min === "number" && rule.clip) || rule.kind === "target" ? [ind] : [];
  });
  if (scaled.length === 0) return out;
  const extentsByCode = new Map<string, Extents>();
  const extents = (ind: IndicatorModel): Extents => {
    let e = extentsByCode.get(ind.code);
    if (!e) extentsByCode.set(ind.code, (e = extentsOf(ind as IndicatorModel & { rule: { kind: "relative" | "minmax" } }, submissions, table)));
    return e;
  };
  table.units.forEach((result, u) => {
    const sub = submissions[u];
    if (!sub) return;
    for (const ind of scaled) {
      if (!scoredFromFigure(result.nodes[ind.code])) continue;
      const v = crossInput(ind, sub.values);
      if (typeof v !== "number") continue;
      const input = ind.ruleInputs[0];
      const body = belowScale(ind, v, sub, extents);
      if (body === undefined) continue;
      const cell = input !== undefined ? sub.source?.cells?.[input] : undefined;
      out.push(unitFigureIssue("warning", "below-scale-minimum", sub, cell, body, ind.code));
    }
  });
  return out;
}

/** What belowScaleIssues says of one figure `v` of a unit, or undefined when it is not below its indicator's scale. */
function belowScale(ind: IndicatorModel, v: number, sub: Submission, extents: (ind: IndicatorModel) => Extents): Message | undefined {
  const rule = ind.rule;
  const n = (x: number, lang: "vi" | "en"): string => formatNumber(x, lang);
  // "số liệu 1.2.a của chỉ tiêu 1.2 (-5)" for an input with a code of its own, "số liệu -5 của chỉ tiêu 1.2" otherwise.
  const input = ind.ruleInputs[0];
  const figure = (lang: "vi" | "en"): string =>
    input !== undefined && input !== ind.code
      ? lang === "vi"
        ? `số liệu ${input} của chỉ tiêu ${ind.code} (${n(v, "vi")})`
        : `the figure of input ${input} of indicator ${ind.code} (${n(v, "en")})`
      : lang === "vi"
        ? `số liệu ${n(v, "vi")} của chỉ tiêu ${ind.code}`
        : `the figure ${n(v, "en")} of indicator ${ind.code}`;
  const check: Message = { vi: "; hãy kiểm tra lại số liệu", en: "; check the figure" };
  if (rule.kind === "target") {
    if (!(v < 0)) return undefined;
    // higher: v ÷ target, below 0 for a figure below 0, clipped to 0; lower: any figure at or below the target gets 1.
    const scored = outcomeWords(ind, rule.direction === "lower");
    return {
      vi: `${figure("vi")} nhỏ hơn 0, mức thấp nhất của quy tắc "target" (so với chỉ tiêu đặt ra ${n(rule.target, "vi")}), nên được tính như 0: chỉ tiêu ${scored.vi}${check.vi}`,
      en: `${figure("en")} is below 0, the lowest figure of its "target" rule (against the target ${n(rule.target, "en")}), so it counts as 0: the indicator ${scored.en}${check.en}`,
    };
  }
  if (rule.kind !== "minmax" || typeof rule.min !== "number" || !rule.clip) return undefined;
  const min = rule.min;
  // The figure gets what `min` gets: 0 before direction, so full points under "lower".
  const scored = outcomeWords(ind, rule.direction === "lower");
  const tv = minmaxTransform(rule, v);
  if (tv === undefined) {
    return {
      vi: `${figure("vi")} không lớn hơn 0 nên không lấy được logarit (quy tắc "minmax" có "transform": "log") và được tính bằng mức tối thiểu ${n(min, "vi")} của thang đo: chỉ tiêu ${scored.vi}${check.vi}`,
      en: `${figure("en")} is not above 0, so it has no logarithm (its "minmax" rule has "transform": "log") and counts as the scale's minimum of ${n(min, "en")}: the indicator ${scored.en}${check.en}`,
    };
  }
  const extent = isCrossUnit(rule) ? (rule.across === "category" && sub.category !== undefined ? extents(ind).byCategory.get(sub.category) : extents(ind).all) : undefined;
  const bounds = minmaxBounds(rule, extent);
  if (bounds === undefined || reversedBounds(rule, bounds) !== undefined) return undefined;
  const rising = compareFigures(bounds.max, bounds.min);
  if (rising === 0 || (rising > 0 ? compareFigures(v, bounds.min) >= 0 : compareFigures(v, bounds.min) <= 0)) return undefined;
  const top = (lang: "vi" | "en"): string =>
    typeof rule.max === "number" ? n(rule.max, lang) : lang === "vi" ? "số liệu lớn nhất của các đơn vị" : "the largest of the units' figures";
  return rising > 0
    ? {
        vi: `${figure("vi")} thấp hơn mức tối thiểu ${n(min, "vi")} của thang đo (quy tắc "minmax", từ ${n(min, "vi")} đến ${top("vi")}) nên được tính bằng ${n(min, "vi")}: chỉ tiêu ${scored.vi}${check.vi}`,
        en: `${figure("en")} is below the scale's minimum of ${n(min, "en")} (its "minmax" rule runs from ${n(min, "en")} to ${top("en")}), so it counts as ${n(min, "en")}: the indicator ${scored.en}${check.en}`,
      }
    : {
        vi: `${figure("vi")} vượt quá mức ${n(min, "vi")} nơi thang đo bắt đầu (quy tắc "minmax", từ ${n(min, "vi")} xuống ${top("vi")}) nên được tính bằng ${n(min, "vi")}: chỉ tiêu ${scored.vi}${check.vi}`,
        en: `${figure("en")} is beyond ${n(min, "en")}, where the scale starts (its "minmax" rule runs from ${n(min, "en")} down to ${top("en")}), so it counts as ${n(min, "en")}: the indicator ${scored.en}${check.en}`,
      };
}

/**
 * The "minmax-bounds-reversed" notes of a run: a `minmax` rule with one `"data"` bound whose bound
 * from the figures is not on its side of the fixed one (reversedBounds), among all units or the
 * units of a category (`"across": "category"`), so that the fixed bound decided every unit's value
 * (minmaxValue). One note per indicator and set of units compared, in the definition's order.
 */
export function reversedBoundsIssues(model: IndexModel, submissions: Submission[], table: ScoreTable): Issue[] {
  const out: Issue[] = [];
  for (const code of model.indicators) {
    const ind = model.nodes.get(code);
    if (ind?.kind !== "indicator" || ind.rule.kind !== "minmax" || !isCrossUnit(ind.rule)) continue;
    const rule = ind.rule;
    const cross = ind as IndicatorModel & { rule: { kind: "minmax" } };
    let extents: Extents | undefined;
    // The sets of units compared (a category's id, or undefined for all units) whose bounds are reversed, in order of first unit.
    const reversed = new Map<string | undefined, "min" | "max">();
    table.units.forEach((result, u) => {
      const sub = submissions[u];
      if (!sub || !scoredFromFigure(result.nodes[code])) return;
      extents ??= extentsOf(cross, submissions, table);
      const key = rule.across === "category" && sub.category !== undefined ? sub.category : undefined;
      const extent = key !== undefined ? extents.byCategory.get(key) : extents.all;
      const bounds = minmaxBounds(rule, extent);
      const fixed = bounds ? reversedBounds(rule, bounds) : undefined;
      if (fixed !== undefined && !reversed.has(key)) reversed.set(key, fixed);
    });
    for (const [category, fixed] of reversed) {
      const bound = fixed === "min" ? rule.min : rule.max;
      const n = (lang: "vi" | "en") => (typeof bound === "number" ? formatNumber(bound, lang) : "");
      const name = category !== undefined ? categoryNameOf(model, category) : undefined;
      const among: Message = name ? { vi: ` thuộc loại "${name.vi}"`, en: ` of the category "${name.en}"` } : { vi: "", en: "" };
      // The fixed min gives 0 to every figure at or below it, the fixed max 1 to every figure at or above it; "lower" turns them round.
      const scored = outcomeWords(ind, (fixed === "max") !== (rule.direction === "lower"));
      const body: Message =
        fixed === "min"
          ? {
              vi: `Chỉ tiêu ${code}: không đơn vị nào${among.vi} có số liệu lớn hơn mức tối thiểu ${n("vi")} của quy tắc "minmax", nên mức tối đa lấy theo số liệu ("max": "data") không lớn hơn mức tối thiểu; mức tối thiểu được dùng: mọi đơn vị${among.vi} có số liệu ${scored.vi} ở chỉ tiêu này.`,
              en: `Indicator ${code}: no unit${among.en} has a figure above the minimum ${n("en")} of its "minmax" rule, so the maximum taken from the figures ("max": "data") is not above the minimum; the minimum decides: every unit${among.en} with a figure ${scored.en} on it.`,
            }
          : {
              vi: `Chỉ tiêu ${code}: không đơn vị nào${among.vi} có số liệu nhỏ hơn mức tối đa ${n("vi")} của quy tắc "minmax", nên mức tối thiểu lấy theo số liệu ("min": "data") không nhỏ hơn mức tối đa; mức tối đa được dùng: mọi đơn vị${among.vi} có số liệu ${scored.vi} ở chỉ tiêu này.`,
              en: `Indicator ${code}: no unit${among.en} has a figure below the maximum ${n("en")} of its "minmax" rule, so the minimum taken from the figures ("min": "data") is not below the maximum; the maximum decides: every unit${among.en} with a figure ${scored.en} on it.`,
            };
      out.push({ severity: "info", code: "minmax-bounds-reversed", message: body, node: code });
    }
  }
  return out;
}

/** Edit distance of two strings (insertions, deletions, substitutions), stopping above `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]!);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** The unit whose code is a letter or two from `folded` (a quarter of its length, at least one): a likely typo of it. */
function nearestCode<U extends { code: string; name: string }>(folded: string, units: readonly U[]): U | undefined {
  const limit = Math.max(1, Math.floor(folded.length / 4));
  let best: U | undefined;
  let bestDistance = limit + 1;
  for (const u of units) {
    if (u.code.trim() === "") continue;
    const d = editDistance(folded, foldText(u.code), limit);
    if (d < bestDistance) {
      best = u;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The unit whose code is `entry` with zeros added or taken away in front ("4340" for "04340": a
 * code kept as a number in Excel loses its leading zeros), both all digits; undefined when none is.
 */
function codeWithZeros(entry: string, units: readonly { code: string; name: string }[]): { code: string; name: string } | undefined {
  if (!/^\d+$/.test(entry)) return undefined;
  const digits = entry.replace(/^0+(?=\d)/, "");
  return units.find((u) => {
    const code = u.code.trim();
    return code !== entry && /^\d+$/.test(code) && code.replace(/^0+(?=\d)/, "") === digits;
  });
}

/**
 * The "exclude-unmatched" findings of a run: each entry of ranking.exclude that is neither a
 * scored unit's code (a unit without one: its name) nor a unit category's id (as the ranking
 * compares them: trimmed, exactly) excludes nothing. An entry of the definition's own list is named
 * by its place there (`ranking.exclude[1]`). A warning when the entry is a unit's code or name, or a
 * category's id or name, but for case, diacritics or spacing, or a unit's code with its leading
 * zeros lost ("4340" for "04340"), the sentence saying what to write instead; likewise when it is
 * a letter or two from a unit's code ("STTT" for "STTTT") or a category's id ("khong-dvcc" for "khong-dvc"), which the sentence names, and when it
 * was given for the run. The entries of the definition's own list that resemble no unit of the
 * run are one note (information), after the warnings: a definition may name units some of its
 * tables lack (the HDI's eleven ZZ aggregates, in a table of countries), but the unit meant may be
 * in this run under a code written otherwise, which only the user can tell.
 */
export function excludeIssues(model: IndexModel, table: ScoreTable): Issue[] {
  const codes = new Set(table.units.map((u) => unitKey(u).trim()));
  const categories = new Set(model.categories);
  const own = model.definition.ranking.exclude.map((e) => e.trim());
  const entries = [...new Set(table.ranking.exclude.map((e) => e.trim()))].filter((e) => e !== "");
  const issues: Issue[] = [];
  const unlike: { entry: string; path: string }[] = [];
  for (const entry of entries) {
    if (codes.has(entry) || categories.has(entry)) continue;
    // Where the definition lists it (JSON's path), or the list in force for the run.
    const place = own.indexOf(entry);
    const path = place >= 0 ? `ranking.exclude[${place}]` : "ranking.exclude";
    const folded = foldText(entry);
    const unit = table.units.find((u) => u.code.trim() !== "" && foldText(u.code) === folded) ?? table.units.find((u) => foldText(u.name) === folded);
    const zeros = unit === undefined ? codeWithZeros(entry, table.units) : undefined;
    const category = (model.definition.categories ?? []).find(
      (c) => foldText(c.id) === folded || foldText(localize(c.name, "vi")) === folded || foldText(localize(c.name, "en")) === folded,
    );
    const what: Message = {
      vi: `Mục "${entry}" của danh sách loại trừ khỏi xếp hạng (${path}) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào`,
      en: `The ranking exclusion "${entry}" (${path}) is neither a scored unit's code nor a unit category id, so it excludes no unit`,
    };
    // A unit without a code is excluded by its name, written as it is.
    const hint: Message | undefined = unit
      ? unit.code.trim() !== ""
        ? {
            vi: `; để loại trừ ${unit.name}, hãy ghi mã "${unit.code.trim()}"`,
            en: `; to exclude ${unit.name}, write its code "${unit.code.trim()}"`,
          }
        : {
            vi: `; để loại trừ ${unit.name} (đơn vị không có mã), hãy ghi đúng tên "${unitKey(unit).trim()}"`,
            en: `; to exclude ${unit.name} (a unit without a code), write its name exactly "${unitKey(unit).trim()}"`,
          }
      : zeros
        ? zeros.code.trim().length > entry.length
          ? {
              vi: `; mục này có vẻ đã mất số 0 ở đầu (Excel bỏ số 0 ở đầu một mã được lưu như số): để loại trừ ${zeros.name}, hãy ghi mã "${zeros.code.trim()}"`,
              en: `; it looks like a code that lost its leading zeros (Excel drops them from a code kept as a number): to exclude ${zeros.name}, write its code "${zeros.code.trim()}"`,
            }
          : {
              vi: `; để loại trừ ${zeros.name}, hãy ghi mã "${zeros.code.trim()}"`,
              en: `; to exclude ${zeros.name}, write its code "${zeros.code.trim()}"`,
            }
        : category
          ? {
              vi: `; để loại trừ loại đơn vị "${localize(category.name, "vi")}", hãy ghi mã "${category.id}"`,
              en: `; to exclude the unit category "${localize(category.name, "en")}", write its id "${category.id}"`,
            }
          : undefined;
    // A unit code one or two letters away ("STTT" for "STTTT") is likely what was meant, in the definition's list too.
    // Else a category id as near ("khong-dvcc" for "khong-dvc").
    const near = hint === undefined ? nearestCode(folded, table.units) : undefined;
    const nearCategory =
      hint === undefined && near === undefined
        ? nearestCode(
            folded,
            (model.definition.categories ?? []).map((c) => ({ code: c.id, name: localize(c.name, "vi"), en: localize(c.name, "en") })),
          )
        : undefined;
    const nearHint: Message | undefined = near
      ? { vi: `; có phải là mã "${near.code.trim()}" (${near.name})?`, en: `; did you mean the code "${near.code.trim()}" (${near.name})?` }
      : nearCategory
        ? {
            vi: `; có phải là loại đơn vị "${nearCategory.code}" (${nearCategory.name})?`,
            en: `; did you mean the unit category "${nearCategory.code}" (${nearCategory.en})?`,
          }
        : undefined;
    // The definition's own entry that resembles no unit of the run: a unit this table may lack, or
    // one written otherwise; said with the others alike, in one note.
    if (hint === undefined && nearHint === undefined && place >= 0) {
      unlike.push({ entry, path });
      continue;
    }
    const said = hint ?? nearHint;
    // A question (the code meant) ends the sentence; otherwise a full stop.
    const stop = said !== undefined && said === nearHint ? "" : ".";
    issues.push({
      severity: "warning",
      code: "exclude-unmatched",
      message: { vi: `${what.vi}${said?.vi ?? ""}${stop}`, en: `${what.en}${said?.en ?? ""}${stop}` },
    });
  }
  // Only when the definition's list is about this run's units (one of its entries excludes a unit
  // or category of the run, or resembles one: the warnings above), or the index has unit
  // categories (an entry may be a category id mistyped, "khong-dich-vu-cong" for "khong-dvc",
  // whose units are then ranked unsaid): a list none of whose entries is met here, under an index
  // without categories, is another table's (the HDI's aggregates, scoring countries alone), and
  // its entries are no mistake to be told of.
  const ownMet = issues.length > 0 || own.some((e) => e !== "" && (codes.has(e) || categories.has(e)));
  if (unlike.length > 0 && (ownMet || categories.size > 0)) issues.push(unlikeEntriesIssue(unlike, model.categories));
  return issues;
}

/** How many entries the note of entries that resemble no unit names before "và 3 mục khác". */
const NAMED_ENTRIES = 5;

/**
 * The note of the definition's exclusions that resemble no unit or category of the run: one entry
 * said as any other ("Mục "XA-99" … (ranking.exclude[0]) …"), several in one sentence naming each
 * with its place, up to five, and how many more.
 */
function unlikeEntriesIssue(unlike: { entry: string; path: string }[], categories: readonly string[]): Issue {
  // Under an index with unit categories, an entry may be meant for one: their ids are listed.
  const ids = categories.map((c) => `"${c}"`).join(", ");
  const one = unlike.length === 1;
  const withCategories = categories.length > 0;
  const ask: Message = {
    vi: `nếu ${one ? "mục này" : "một mục"} dành cho một đơn vị có trong lần chấm này${withCategories ? " hay một loại đơn vị" : ""}, hãy sửa cho đúng mã của đơn vị đó${withCategories ? ` hoặc mã loại đơn vị (${ids})` : ""}`,
    en: `if ${one ? "it is" : "one is"} meant for a unit of this run${withCategories ? " or a unit category" : ""}, correct it to that unit's code${withCategories ? ` or the category's id (${ids})` : ""}`,
  };
  const [first] = unlike;
  if (unlike.length === 1 && first) {
    return {
      severity: "info",
      code: "exclude-unmatched",
      message: {
        vi: `Mục "${first.entry}" của danh sách loại trừ khỏi xếp hạng (${first.path}) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; ${ask.vi}.`,
        en: `The ranking exclusion "${first.entry}" (${first.path}) is neither a scored unit's code nor a unit category id, so it excludes no unit; ${ask.en}.`,
      },
    };
  }
  const named = unlike.slice(0, NAMED_ENTRIES).map((u) => `"${u.entry}" (${u.path})`);
  const more = unlike.length - named.length;
  const list: Message = {
    vi: more > 0 ? `${named.join(", ")} và ${formatNumber(more, "vi")} mục khác` : `${named.slice(0, -1).join(", ")} và ${named[named.length - 1]}`,
    en: more > 0 ? `${named.join(", ")} and ${formatNumber(more, "en")} more` : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`,
  };
  return {
    severity: "info",
    code: "exclude-unmatched",
    message: {
      vi: `Các mục ${list.vi} của danh sách loại trừ khỏi xếp hạng không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; ${ask.vi}.`,
      en: `The ranking exclusions ${list.en} are neither scored units' codes nor unit category ids, so they exclude no unit; ${ask.en}.`,
    },
  };
}

/**
 * The issues of a scoring run itself: the "invalid-result" errors, unit by unit in submission
 * order, the "relative-below-zero", "relative-zero-best" and "below-scale-minimum" warnings
 * likewise, then the "minmax-bounds-reversed" notes and the "exclude-unmatched" findings.
 */
export function resultIssues(model: IndexModel, submissions: Submission[], table: ScoreTable): Issue[] {
  return [
    ...invalidResults(model, submissions, table).map((f) => invalidResultIssue(model, submissions[f.unit]!, f)),
    ...negativeRelativeIssues(model, submissions, table),
    ...zeroBestRelativeIssues(model, submissions, table),
    ...belowScaleIssues(model, submissions, table),
    ...reversedBoundsIssues(model, submissions, table),
    ...excludeIssues(model, table),
  ];
}
