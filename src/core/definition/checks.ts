/**
 * Checks that need the whole definition ("Checks on the definition itself" in the format's
 * specification), run after the zod schema accepted its shape. Every problem is collected;
 * nothing stops at the first one. Expressions are parsed here once, and handed on to the model.
 */
import type { Expr } from "../expr/ast";
import { compareFigures, constantFailures } from "../expr/evaluate";
import { minmaxTransform } from "../score/rules";
import { type ExcelValueKind, excelTypeMismatches, excelValueKind } from "../expr/excel";
import { parseExpression, precedence, printExpression } from "../expr/parse";
import { type Message, foldText, localize } from "../i18n/text";
import { type CodeOwner, type DefinitionProblem, type OptionText, type PathSegment, formatPath, messages, needsMaxReason } from "./messages";
import { type ResolvedInput, resolveInputs, singleRuleInput, typesForRule } from "./model";
import { NOT_APPLICABLE_ANSWERS, optionTextsAt } from "./options";
import { type GroupNode, type IndexDefinition, type IndexNode, type IndicatorNode, type LocalizedText, type Rule, type Step, isGroup } from "./schema";

export interface CheckResult {
  problems: DefinitionProblem[];
  /** The parsed expression of every `expr` rule and `expr` group that could be read, by node code. */
  expressions: Map<string, { expr: Expr; refs: string[] }>;
}

/** The rules that read one input: the indicator's only one, or the one their `input` names. */
export const SINGLE_INPUT_KINDS: ReadonlySet<Rule["kind"]> = new Set(["points", "fraction", "boolean", "choice", "target", "steps", "count", "relative", "minmax"]);
/** The answers meaning "not applicable" (folded), which no choice option may be named where `allowNA` is true. */
const NOT_APPLICABLE: ReadonlySet<string> = new Set(NOT_APPLICABLE_ANSWERS);
/** Aggregations that weigh their children; under the others a child's `weight` would be ignored. */
const WEIGHING = new Set(["mean", "geomean"]);

/**
 * Codes no node, input or unit category may have: the names of the properties every JavaScript
 * object has (`constructor`, `toString`, `hasOwnProperty`…) and `__proto__`. Figures, results and
 * categories are kept in plain objects by code, where `__proto__` stores nothing and the others
 * are there before any figure is, so data under such a code would be lost or misread.
 */
export const RESERVED_CODES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), "__proto__"]);

/**
 * What stands for "]" inside a code an expression names while the expression is checked (a
 * character of the Unicode private use area, which no definition writes): `[x]y]` is read as the
 * reference to `x]y` it was meant to be, so that the code's problem is said once, at the code
 * (exprCodeBracket), and the expression's other problems at their places.
 */
const BRACKET_STAND_IN = "\uE000";

export interface CheckOptions {
  /**
   * Nodes whose max cannot be known because the schema rejected what it depends on (a `max` or
   * an `aggregate` that could not be read, a child that was lost): the checks that compare max
   * are skipped for them and up the tree, so one mistake gives one problem. Only the lenient
   * reading of a rejected definition passes any.
   */
  unknownMax?: ReadonlySet<IndexNode>;
  /**
   * The definition as written (the JSON value before the schema trimmed and normalised its
   * texts), so that an expression's problem counts characters as written, leading spaces
   * included: `"   [a] + * 2"` is wrong at character 10, not 7.
   */
  written?: unknown;
}

/** The expression at `path` of the definition as written, when it is the one checked (`checked` is it trimmed, in NFC). */
function writtenText(written: unknown, path: readonly PathSegment[], checked: string): string {
  let v = written;
  for (const seg of path) {
    if (v === null || typeof v !== "object" || !Object.prototype.hasOwnProperty.call(v, seg)) return checked;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return typeof v === "string" && v.trim().normalize("NFC") === checked ? v : checked;
}

/** A name as a sentence quotes it, in each language (trimmed, NFC); undefined when it has none. */
function nameOf(name: LocalizedText | undefined): Message | undefined {
  const vi = localize(name, "vi").trim().normalize("NFC");
  const en = localize(name, "en").trim().normalize("NFC");
  return vi === "" && en === "" ? undefined : { vi: vi || en, en: en || vi };
}

/**
 * `AND(a < b, b < c, …)` for a chain of comparisons in one direction (`a < b < c`, `0 <= [x] <= 1`),
 * the way to write what it means; undefined for any other comparison.
 */
function chainAnd(e: Extract<Expr, { type: "binary" }>): string | undefined {
  const ops: string[] = [];
  const operands: Expr[] = [];
  let at: Expr = e;
  while (at.type === "binary" && ["<", "<=", ">", ">="].includes(at.op)) {
    ops.unshift(at.op);
    operands.unshift(at.right);
    at = at.left;
  }
  operands.unshift(at);
  const up = ops.every((op) => op === "<" || op === "<=");
  const down = ops.every((op) => op === ">" || op === ">=");
  if (ops.length < 2 || !(up || down)) return undefined;
  const pairs = ops.map((op, k) => printExpression({ type: "binary", op: op as "<", left: operands[k]!, right: operands[k + 1]! }));
  return `AND(${pairs.join(", ")})`;
}

/** The boolean a comparison's mismatch is about: its boolean operand, or the boolean branch of an IF that may give either. */
function booleanPart(e: Extract<Expr, { type: "binary" }>): Expr {
  let part: Expr = excelValueKind(e.left) !== "number" ? e.left : e.right;
  // An IF that gives a boolean in one branch: that branch (in an IF inside it, the same).
  while (part.type === "call" && part.name === "IF" && excelValueKind(part) === "either") {
    const branch = part.args.slice(1).find((a) => excelValueKind(a) !== "number");
    if (branch === undefined) break;
    part = branch;
  }
  return part;
}

/** A max that cannot be known (see `CheckOptions.unknownMax`). */
const UNKNOWN = Symbol("unknown max");

/**
 * The values a steps rule can be given: those its input accepts (a figure outside the input's
 * `min`…`max`, or not whole where it is an "integer", is an error and never reaches the rule).
 * `input` is set when the input narrows them, so that a message can say how.
 */
interface Domain {
  min: number;
  max: number;
  integer: boolean;
  input?: { code: string; min?: number; max?: number; integer: boolean };
}

/**
 * The domain of a steps rule's input. Bounds that are themselves a mistake reported elsewhere
 * (a `min` above the `max`, a percent input or thresholds written on a 0–100 scale) are left out,
 * so that one mistake gives one problem.
 */
function stepDomain(ind: IndicatorNode, inputs: ResolvedInput[]): Domain {
  const unbounded: Domain = { min: -Infinity, max: Infinity, integer: false };
  const rule = ind.rule;
  if (rule.kind !== "steps") return unbounded;
  const code = singleRuleInput(ind, inputs);
  const read = inputs.find((i) => i.code === code);
  if (read === undefined || !["number", "integer", "percent"].includes(read.type)) return unbounded;
  const min = read.min;
  const max = read.max;
  const integer = read.type === "integer";
  if (min !== undefined && max !== undefined && min > max) return unbounded;
  if (read.type === "percent") {
    const aboveOne = max !== undefined && max > 1;
    const thresholdAboveOne = rule.steps.some((s) => (s.atLeast ?? s.atMost ?? 0) > 1);
    if ((min !== undefined && min > 1) || (!aboveOne && thresholdAboveOne)) return unbounded;
  }
  if (min === undefined && max === undefined && !integer) return unbounded;
  return {
    min: min ?? -Infinity,
    max: max ?? Infinity,
    integer,
    input: { code: read.code, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), integer },
  };
}

/** One end of a set of numbers: the number and whether it is left out (an open end). */
interface End {
  at: number;
  open: boolean;
}

/**
 * Whether some value of the domain meets step `s` and none of the steps `before` (a value meets a
 * step with `atLeast` a when it is ≥ a, one with `atMost` b when it is ≤ b). The values left by
 * the earlier steps lie strictly between the highest `atMost` and the lowest `atLeast`.
 */
function matchesSome(s: Step, domain: Domain, before: readonly Step[]): boolean {
  const lows: End[] = [{ at: domain.min, open: false }];
  const highs: End[] = [{ at: domain.max, open: false }];
  if (s.atLeast !== undefined) lows.push({ at: s.atLeast, open: false });
  if (s.atMost !== undefined) highs.push({ at: s.atMost, open: false });
  for (const e of before) {
    if (e.atMost !== undefined) lows.push({ at: e.atMost, open: true });
    if (e.atLeast !== undefined) highs.push({ at: e.atLeast, open: true });
  }
  // The tightest ends: the greatest low and the least high, an open end where the numbers are equal.
  const low = lows.reduce((a, b) => (b.at > a.at || (b.at === a.at && b.open) ? b : a));
  const high = highs.reduce((a, b) => (b.at < a.at || (b.at === a.at && b.open) ? b : a));
  if (domain.integer) {
    const first = low.open ? Math.floor(low.at) + 1 : Math.ceil(low.at);
    const last = high.open ? Math.ceil(high.at) - 1 : Math.floor(high.at);
    return first <= last;
  }
  return low.at < high.at || (low.at === high.at && !low.open && !high.open);
}

/** Why a rule needs its indicator's max (it gives points), or undefined when it does not. */
function ruleNeedsMax(rule: Rule): Message | undefined {
  if (rule.kind === "points") return needsMaxReason.points;
  if (rule.kind === "count") return needsMaxReason.count;
  if (rule.kind === "choice" && rule.options.some((o) => o.points !== undefined)) return needsMaxReason.optionPoints;
  if (rule.kind === "steps" && rule.steps.some((s) => s.points !== undefined)) return needsMaxReason.stepPoints;
  return undefined;
}

export function checkDefinition(def: IndexDefinition, options: CheckOptions = {}): CheckResult {
  const problems: DefinitionProblem[] = [];
  const unknownMax = options.unknownMax;
  // What a node adds to its sum group's max, two ways: as the file has it ("written": its own max,
  // or a sum group's children's when it has none), and as it would be were every sum group's max
  // its children's ("agreed": what the groups' maxes come to once each mismatch below is put
  // right). A group's max differing from its children's (group-max-mismatch) is said only when it
  // differs both ways: a wrong indicator max (3.1 made 15, its group left at 25) is one problem, at
  // its group, not also "200 differs from 205" at the root whose children's max as written add up
  // to 200; and a wrong group max (40 written 45) is one problem, at that group, not also "100
  // differs from 105" at the root, which agrees with the 40 its children make. Unknown as soon as
  // a node it adds up is; memoised, as every sum group asks for its children's.
  type Max = number | undefined | typeof UNKNOWN;
  const maxes = { written: new Map<IndexNode, Max>(), agreed: new Map<IndexNode, Max>() };
  const maxOf = (node: IndexNode, way: keyof typeof maxes = "written"): Max => {
    const known = maxes[way];
    if (known.has(node)) return known.get(node);
    let m: Max;
    if (unknownMax?.has(node)) m = UNKNOWN;
    else if (!isGroup(node) || node.aggregate !== "sum") m = node.max;
    else if (node.max === undefined) m = childrenMax(node, way);
    else if (way === "written" || node.max === 0 || node.rescale) m = node.max;
    else {
      // A group whose max is 0 or rescaled keeps its own; any other is taken at its children's.
      const children = childrenMax(node, way);
      m = typeof children === "number" && Number.isFinite(children) ? children : node.max;
    }
    known.set(node, m);
    return m;
  };
  /** The sum of a sum group's children's max (as maxOf says them): unknown when one is, undefined when one has none. */
  const childrenMax = (group: GroupNode, way: keyof typeof maxes = "written"): Max => {
    let m: number | undefined = 0;
    for (const c of group.children) {
      const cm = maxOf(c, way);
      if (cm === UNKNOWN) return UNKNOWN;
      m = cm === undefined || m === undefined ? undefined : m + cm;
    }
    return m;
  };
  /**
   * The children's max sum as written, when a sum group's own max differs from it both as written
   * and as agreed (maxOf): a group with max 0 is shown but scores nothing, whatever its children's
   * max, and "rescale": true brings them to it.
   */
  const maxMismatch = (group: GroupNode): number | undefined => {
    if (group.aggregate !== "sum" || group.max === undefined || group.max === 0 || group.rescale) return undefined;
    const differs = (sum: Max): sum is number =>
      // A sum beyond what a number holds is its own problem (max-not-finite), at the group.
      typeof sum === "number" && Number.isFinite(sum) && Math.abs(group.max! - sum) > 1e-9 * Math.max(1, Math.abs(sum));
    const written = childrenMax(group);
    return differs(written) && differs(childrenMax(group, "agreed")) ? written : undefined;
  };
  const expressions = new Map<string, { expr: Expr; refs: string[] }>();
  const report = (path: readonly PathSegment[], code: string, message: DefinitionProblem["message"]): void => {
    problems.push({ path: formatPath(path), code, message });
  };

  const categoryIds = (def.categories ?? []).map((c) => c.id.trim().normalize("NFC"));
  // Category ids are free text, compared in NFC; the reader matches a form's category cell to them
  // ignoring case and diacritics, so ids equal that way could not be told apart either.
  const categoryFirst = new Map<string, { id: string; path: string }>();
  categoryIds.forEach((id, k) => {
    const path: PathSegment[] = ["categories", k, "id"];
    const first = categoryFirst.get(foldText(id));
    if (RESERVED_CODES.has(id)) report(path, "reserved-code", messages.reservedCode(id, "category"));
    if (first === undefined) categoryFirst.set(foldText(id), { id, path: formatPath(path) });
    else if (first.id === id) report(path, "duplicate-category", messages.duplicateCategory(id, first.path));
    else report(path, "duplicate-category", messages.categoryLikeAnother(id, first.id, first.path));
  });
  // What has each code, named in the sentence of a later use of it.
  const codeOwners = new Map<string, CodeOwner>();
  const claimCode = (code: string, path: PathSegment[], owner: Omit<CodeOwner, "path">): void => {
    if (RESERVED_CODES.has(code)) report(path, "reserved-code", messages.reservedCode(code, "code"));
    const first = codeOwners.get(code);
    if (first !== undefined) report(path, "duplicate-code", messages.duplicateCode(code, first));
    else codeOwners.set(code, { ...owner, path: formatPath(path) });
  };

  const checkExpression = (
    source: string,
    path: PathSegment[],
    nodeCode: string,
    known: string[],
    ofGroup: boolean,
  ): void => {
    // A code with "]" (reported at the code: exprCodeBracket) is read as meant where the text names it.
    let text = writtenText(options.written, path, source);
    const standIns = new Map<string, string>();
    for (const code of known.filter((c) => c.includes("]")).sort((a, b) => b.length - a.length)) {
      const standIn = code.split("]").join(BRACKET_STAND_IN);
      text = text.split(`[${code}]`).join(`[${standIn}]`);
      standIns.set(standIn, code);
    }
    const said = (m: Message): Message =>
      standIns.size === 0 ? m : { vi: m.vi.split(BRACKET_STAND_IN).join("]"), en: m.en.split(BRACKET_STAND_IN).join("]") };
    const parsed = parseExpression(text);
    // Every problem of the text at once: its syntax error, unknown functions, wrong numbers of
    // arguments, then every reference to a code that is not there, found even where it cannot be parsed.
    if (!parsed.ok) for (const p of parsed.problems) report(path, "expr-syntax", said(messages.exprSyntax(p.message)));
    const refs = parsed.refs;
    const unknown = [...new Set(refs.filter((r) => !known.includes(r) && !standIns.has(r)))];
    for (const code of unknown) report(path, "expr-unknown-reference", said(messages.exprUnknownRef(code, known, ofGroup)));
    if (!parsed.ok) return;
    // A part that can never give a result (1/0, SQRT(-1), [a] / 0) would leave every unit without one: said here, at the part.
    for (const f of constantFailures(parsed.expr)) report(path, "expr-no-result", said(messages.exprNoResult(printExpression(f.at), f.failure)));
    // A boolean compared with a number, which Excel computes otherwise than the program.
    for (const m of excelTypeMismatches(parsed.expr)) {
      const side = (e: Expr, kind: ExcelValueKind) => ({ text: printExpression(e), kind });
      const boolean = booleanPart(m.at);
      const asNumber = precedence(boolean) >= 5 ? `${printExpression(boolean)}*1` : `(${printExpression(boolean)})*1`;
      // The comparison with its operands in parentheses where they are comparisons, as it is read:
      // ([a] > 0) = 1, (1 < 2) < 3.
      const operand = (e: Expr): string => (precedence(e) === 1 ? `(${printExpression(e)})` : printExpression(e));
      const piece = `${operand(m.at.left)} ${m.at.op} ${operand(m.at.right)}`;
      report(
        path,
        "expr-boolean-comparison",
        said(messages.exprBooleanComparison(piece, m.at.op, side(m.at.left, m.left), side(m.at.right, m.right), chainAnd(m.at), asNumber)),
      );
    }
    if (unknown.length === 0 && standIns.size === 0) expressions.set(nodeCode, { expr: parsed.expr, refs: parsed.refs });
  };

  /** A code an expression can name, at `path`, that holds a "]" (which ends a reference). */
  const checkNameable = (nameable: string, path: PathSegment[], owner: string, ofGroup: boolean): void => {
    if (nameable.includes("]")) report(path, "expr-code-bracket", messages.exprCodeBracket(nameable, owner, ofGroup));
  };

  const checkCommon = (node: IndexNode, path: PathSegment[]): void => {
    const name = nameOf(node.name);
    claimCode(node.code.trim(), [...path, "code"], { kind: isGroup(node) ? "group" : "indicator", ...(name ? { name } : {}) });
    if (node.weight !== undefined && !(node.weight > 0)) {
      report([...path, "weight"], "weight-not-positive", messages.weightNotPositive(node.weight));
    }
    if (node.appliesTo !== undefined) {
      if (categoryIds.length === 0) {
        report([...path, "appliesTo"], "applies-to-without-categories", messages.appliesToWithoutCategories());
      } else {
        node.appliesTo.forEach((id, k) => {
          if (!categoryIds.includes(id.trim())) {
            report([...path, "appliesTo", k], "unknown-category", messages.unknownCategory(id.trim(), categoryIds));
          }
        });
      }
    }
  };

  const checkGroup = (group: GroupNode, path: PathSegment[]): void => {
    const code = group.code.trim();
    const childCodes = group.children.map((c) => c.code.trim());
    if (group.aggregate === "expr") {
      childCodes.forEach((c, k) => checkNameable(c, [...path, "children", k, "code"], code, true));
      if (group.expr === undefined) report([...path, "expr"], "expr-required", messages.exprRequired());
      else checkExpression(group.expr, [...path, "expr"], code, childCodes, true);
    } else if (group.expr !== undefined) {
      report([...path, "expr"], "expr-not-allowed", messages.exprNotAllowed(group.aggregate));
    }
    if (group.rescale && group.aggregate !== "sum") {
      report([...path, "rescale"], "rescale-not-sum", messages.rescaleNotSum(group.aggregate));
    } else if (group.rescale && group.max === undefined && !unknownMax?.has(group)) {
      // The engine scales a sum group's points to its own max; without one, its max is its
      // children's sum, and there is nothing to rescale to. (A group that lost a child while it was
      // read, whose max is then unknown, is not judged.)
      report([...path, "rescale"], "rescale-without-max", messages.rescaleWithoutMax());
    }
    if (!WEIGHING.has(group.aggregate)) {
      group.children.forEach((child, k) => {
        // A weight of 1 is the default and says nothing; a weight ≤ 0 has its own problem.
        if (child.weight !== undefined && child.weight > 0 && child.weight !== 1) {
          report([...path, "children", k, "weight"], "weight-ignored", messages.weightIgnored(code, group.aggregate));
        }
      });
    }
    if (group.aggregate === "sum") {
      group.children.forEach((child, k) => {
        // A max that could not be read was reported by the schema; nothing is compared with it.
        // A sum group without max has its children's sum as max: the child of it that lacks a max
        // is reported where it is (by that group's own check), not again here. An indicator whose
        // rule needs a max itself (points, count…) is told so by its own check, once.
        if (maxOf(child) === undefined && !(isGroup(child) && child.aggregate === "sum") && !(!isGroup(child) && ruleNeedsMax(child.rule) !== undefined)) {
          report([...path, "children", k, "max"], "sum-child-without-max", messages.sumChildWithoutMax(code));
        }
      });
      // Children's max whose sum overflows (two of 1e308): the group's max, or the sum its points are
      // rescaled by, is no number. Said at the lowest such group; those above it follow from it.
      const children = childrenMax(group);
      const finite = (m: number | undefined | typeof UNKNOWN): boolean => typeof m !== "number" || Number.isFinite(m);
      if (!finite(children) && group.children.every((c) => finite(maxOf(c)))) report(path, "max-not-finite", messages.maxNotFinite());
    }
  };

  /**
   * A sum group's max against its children's (group-max-mismatch), said once the groups under it
   * have been judged, so that the lowest group whose max differs from its children's comes first.
   */
  const checkGroupMax = (group: GroupNode, path: PathSegment[]): void => {
    const sum = maxMismatch(group);
    if (sum !== undefined) report([...path, "max"], "group-max-mismatch", messages.groupMaxMismatch(group.max!, Number(sum.toPrecision(12))));
  };

  const checkIndicator = (ind: IndicatorNode, path: PathSegment[]): void => {
    const code = ind.code.trim();
    const inputs = resolveInputs(ind);
    const known = inputs.map((i) => i.code);

    // Explicit inputs share the namespace of codes; one that repeats its own indicator's code
    // is the implicit input written out, which is fine.
    const seenHere = new Set<string>();
    ind.inputs?.forEach((input, k) => {
      const inputCode = input.code.trim();
      const ownCode = inputCode === code && !seenHere.has(inputCode);
      seenHere.add(inputCode);
      if (!ownCode) {
        const name = nameOf(input.name);
        const indicator = nameOf(ind.name);
        claimCode(inputCode, [...path, "inputs", k, "code"], { kind: "input", ...(name ? { name } : {}), ...(indicator ? { indicator } : {}) });
      }
      if (input.min !== undefined && input.max !== undefined && input.min > input.max) {
        report([...path, "inputs", k, "max"], "input-min-above-max", messages.inputMinAboveMax(input.min, input.max));
      }
    });

    const rulePath: PathSegment[] = [...path, "rule"];
    const needInput = (inputCode: string, field: string): void => {
      if (!known.includes(inputCode.trim())) {
        report([...rulePath, field], "unknown-input", messages.unknownInput(inputCode.trim(), code, known));
      }
    };
    const rule = ind.rule;
    // An explicit input type the rule cannot read (a choice rule on a number, a boolean rule on text).
    const typeFits = (inputCode: string): void => {
      const k = ind.inputs?.findIndex((i) => i.code.trim() === inputCode.trim()) ?? -1;
      const given = k >= 0 ? ind.inputs![k]!.type : undefined;
      if (given === undefined) return;
      const allowed = typesForRule(rule.kind);
      if (!allowed.includes(given)) {
        report([...path, "inputs", k, "type"], "input-type-mismatch", messages.inputTypeMismatch(inputCode.trim(), given, rule.kind, allowed));
      }
    };
    if ((rule.kind === "relative" || rule.kind === "minmax") && rule.across === "category" && categoryIds.length === 0) {
      report([...rulePath, "across"], "across-category-without-categories", messages.acrossCategoryWithoutCategories());
    }
    if (rule.kind === "target" && rule.direction === "higher" && rule.target === 0) {
      report([...rulePath, "target"], "target-positive", messages.targetPositive());
    }
    if (rule.kind === "ratio") {
      needInput(rule.numerator, "numerator");
      needInput(rule.denominator, "denominator");
      typeFits(rule.numerator);
      if (rule.denominator.trim() !== rule.numerator.trim()) typeFits(rule.denominator);
    } else if (rule.kind === "expr") {
      // The implicit input is the indicator's own code.
      if (ind.inputs) ind.inputs.forEach((input, k) => checkNameable(input.code.trim(), [...path, "inputs", k, "code"], code, false));
      else checkNameable(code, [...path, "code"], code, false);
      checkExpression(rule.expr, [...rulePath, "expr"], code, known, false);
      for (const ref of new Set(expressions.get(code)?.refs ?? [])) typeFits(ref);
    } else if (SINGLE_INPUT_KINDS.has(rule.kind)) {
      if (rule.input !== undefined) {
        needInput(rule.input, "input");
        typeFits(rule.input);
      } else if (known.length > 1) report(rulePath, "rule-input-required", messages.ruleInputRequired(rule.kind, code, known));
      else if (known.length === 1) typeFits(known[0]!);
    }

    const max = ind.max;
    const pointsWithinMax = (points: number | undefined, where: PathSegment[]): void => {
      if (points !== undefined && max !== undefined && points > max) report(where, "points-exceed-max", messages.pointsExceedMax(points, max));
    };

    switch (rule.kind) {
      case "choice": {
        const seen = new Map<string, OptionText & { index: number }>();
        rule.options.forEach((option, k) => {
          const optionPath: PathSegment[] = [...rulePath, "options", k];
          pointsWithinMax(option.points, [...optionPath, "points"]);
          // The value, the names in every language and the aliases: a form may be written with any of them.
          for (const [text, at] of optionTextsAt(option)) {
            const where: PathSegment[] = [...optionPath, ...at];
            const key = foldText(text);
            const first = seen.get(key);
            const role = at[0] === "value" ? "value" : at[0] === "name" ? "name" : "alias";
            if (first === undefined) seen.set(key, { index: k, text, path: formatPath(where), at: role, option: option.value });
            else if (first.index !== k) report(where, "duplicate-option", messages.duplicateOption(text, first));
            // Where "Không áp dụng" is an answer, an option of that name would take the answer
            // typed one way, while "KAD" or "N/A" left the indicator out.
            if (ind.allowNA === true && NOT_APPLICABLE.has(key)) report(where, "option-reads-as-not-applicable", messages.optionReadsAsNotApplicable(text, role));
          }
        });
        break;
      }
      case "steps": {
        const domain = stepDomain(ind, inputs);
        const everyValue: Domain = { min: -Infinity, max: Infinity, integer: false };
        const coverers: string[] = [];
        rule.steps.forEach((s, k) => {
          const stepPath: PathSegment[] = [...rulePath, "steps", k];
          pointsWithinMax(s.points, [...stepPath, "points"]);
          const earlier = rule.steps.slice(0, k);
          if (!matchesSome(s, domain, [])) {
            // No value the input accepts meets this step's threshold at all.
            report(stepPath, "unreachable-step", messages.unreachableStepOutsideInput(s, domain.input!));
          } else if (!matchesSome(s, domain, earlier)) {
            // Name the one earlier step that covers this one, or all of them when only together they do.
            const single = earlier.findIndex((e) => !matchesSome(s, domain, [e]));
            const by = single >= 0 ? [coverers[single]!] : coverers;
            // The input's bounds are named when, without them, the step could apply.
            const bounds = matchesSome(s, everyValue, earlier) ? domain.input : undefined;
            report(stepPath, "unreachable-step", messages.unreachableStep(by, bounds));
          }
          coverers.push(formatPath(stepPath));
        });
        break;
      }
      case "minmax": {
        if (typeof rule.min === "number" && typeof rule.max === "number") {
          // The engine takes bounds that are the same figure to 15 significant digits (after the
          // transform) as equal, as it compares steps' thresholds: every unit would get 1.
          const lo = minmaxTransform(rule, rule.min);
          const hi = minmaxTransform(rule, rule.max);
          if (rule.min === rule.max || (lo !== undefined && hi !== undefined && compareFigures(lo, hi) === 0)) {
            report([...rulePath, "max"], "minmax-bounds-equal", messages.minmaxBoundsEqual(rule.min, rule.max));
          }
        }
        if (rule.transform === "log") {
          for (const bound of ["min", "max"] as const) {
            const b = rule[bound];
            if (typeof b === "number" && !(b > 0)) report([...rulePath, bound], "log-bound-not-positive", messages.logBoundNotPositive());
          }
        }
        break;
      }
      default:
        break;
    }
    const maxReason = max === undefined ? ruleNeedsMax(rule) : undefined;
    if (maxReason !== undefined) report([...path, "max"], "max-required", messages.maxRequired(maxReason));
    checkPercentScale(ind, inputs, path);
  };

  /**
   * Thresholds written in percentage points on a value that is a fraction: a percent input is
   * stored as 0…1 (85% is 0.85) and a `fraction` rule reads 0…1, so `"atLeast": 80` meant as 80%
   * never matches, a target of 80 gives every unit almost 0, `"min": 20` on the input puts every
   * percentage up to 100% out of range. Said where the definition can never score as meant:
   * - the input's own `min` above 1 (every value up to 100% would be out of range), and its `max`
   *   above 1 beside such a min (the pair is on a 0–100 scale);
   * - a percent input's `max` of 10 or more alone (1000% and beyond: written on the scale of 0–100);
   * - a step's `atLeast`/`atMost`, a `target`, a `minmax` bound above 1 on a percent input, unless
   *   the input's own `max` allows values above 1 (a plan fulfilled at up to 200%: `"max": 2`; not
   *   a max of 10 or more);
   * - a `fraction` rule reading a number (or integer) input whose `max` alone is above 1: the
   *   input declares figures the rule reads as out of range (every figure above 1 would be an
   *   error "between 0 and 1"), so the rule is the mistake (`fraction-rule-scale`, at the rule):
   *   a percentage wants a percent input, an amount out of a total a ratio.
   */
  /**
   * A percentage's declared `max` of 10 or more: 1000% and beyond, surely a percentage written on
   * the scale of 0–100 (100, 99, 50 for 100%, 99%, 50%); a plan fulfilled beyond 100% is below it.
   */
  const onHundredScale = (declared: { max?: number }): boolean => declared.max !== undefined && declared.max >= 10;
  const checkPercentScale = (ind: IndicatorNode, inputs: ResolvedInput[], path: PathSegment[]): void => {
    const rule = ind.rule;
    const r = rule as { input?: string };
    const readCode = r.input !== undefined ? r.input.trim() : inputs.length === 1 ? inputs[0]!.code : undefined;
    const ruleReads = rule.kind !== "ratio" && rule.kind !== "expr" ? readCode : undefined;
    const fractionOf = (input: ResolvedInput): "percent" | "fraction" | undefined =>
      input.type === "percent" ? "percent" : rule.kind === "fraction" && input.code === ruleReads ? "fraction" : undefined;
    ind.inputs?.forEach((declared, k) => {
      const resolved = inputs[k];
      const why = resolved ? fractionOf(resolved) : undefined;
      if (why === "fraction" && declared.max !== undefined && declared.max > 1 && !(declared.min !== undefined && declared.min > 1)) {
        report([...path, "rule"], "fraction-rule-scale", messages.fractionRuleScale(resolved!.code, declared.max));
      }
      // A percentage's `max` of 10 or more (1000%) alone: the scale of 0–100, whatever its min.
      if (why === "percent" && onHundredScale(declared) && !(declared.min !== undefined && declared.min > 1)) {
        report([...path, "inputs", k, "max"], "percent-scale", messages.percentScale(resolved!.code, "max", declared.max!, why, false));
      }
      if (why === undefined || declared.min === undefined || !(declared.min > 1)) return;
      report([...path, "inputs", k, "min"], "percent-scale", messages.percentScale(resolved!.code, "min", declared.min, why, false));
      if (declared.max !== undefined && declared.max > 1) {
        report([...path, "inputs", k, "max"], "percent-scale", messages.percentScale(resolved!.code, "max", declared.max, why, false));
      }
    });
    if (rule.kind !== "steps" && rule.kind !== "target" && rule.kind !== "minmax") return;
    const read = inputs.find((i) => i.code === ruleReads);
    if (read === undefined || read.type !== "percent") return;
    const declared = ind.inputs?.find((i) => i.code.trim() === read.code);
    // A max of 10 or more is no plan fulfilled beyond 100%: the input is on the 0–100 scale (said
    // at the max), and so are thresholds above 1 beside it.
    const hundred = declared !== undefined && onHundredScale(declared);
    const allowsAboveOne = declared?.max !== undefined && declared.max > 1 && !hundred && !(declared.min !== undefined && declared.min > 1);
    if (allowsAboveOne) return;
    const rulePath: PathSegment[] = [...path, "rule"];
    const threshold = (value: number | "data" | undefined, where: PathSegment[], field: string): void => {
      if (typeof value === "number" && value > 1) report(where, "percent-scale", messages.percentScale(read.code, field, value, "percent", !hundred));
    };
    if (rule.kind === "steps") {
      rule.steps.forEach((s, k) => {
        threshold(s.atLeast, [...rulePath, "steps", k, "atLeast"], "atLeast");
        threshold(s.atMost, [...rulePath, "steps", k, "atMost"], "atMost");
      });
    } else if (rule.kind === "target") threshold(rule.target, [...rulePath, "target"], "target");
    else {
      threshold(rule.min, [...rulePath, "min"], "min");
      threshold(rule.max, [...rulePath, "max"], "max");
    }
  };

  /**
   * A node's `appliesTo` narrows its group's: with no category in common the node applies to no
   * unit and would silently never be scored. `within` is what the node's group applies to (known
   * category ids, inherited down the tree) and the group's code; undefined when every unit.
   */
  const checkWithinGroup = (node: IndexNode, path: PathSegment[], within: { ids: string[]; group: string } | undefined): string[] | undefined => {
    // Unknown ids are reported on their own and narrow nothing here.
    const own = node.appliesTo?.map((id) => id.trim()).filter((id) => categoryIds.includes(id));
    if (own === undefined || own.length === 0) return within?.ids;
    if (within === undefined) return own;
    const common = own.filter((id) => within.ids.includes(id));
    if (common.length === 0) {
      report([...path, "appliesTo"], "applies-to-outside-group", messages.appliesToOutsideGroup(isGroup(node) ? "group" : "indicator", own, within.group, within.ids));
      // Said once here; what is under this node is not judged against an empty scope.
      return undefined;
    }
    return common;
  };

  const visit = (node: IndexNode, path: PathSegment[], within: { ids: string[]; group: string } | undefined): void => {
    checkCommon(node, path);
    const scope = checkWithinGroup(node, path, within);
    if (isGroup(node)) {
      checkGroup(node, path);
      const inner = scope === undefined ? undefined : { ids: scope, group: node.code.trim() };
      node.children.forEach((child, k) => visit(child, [...path, "children", k], inner));
      checkGroupMax(node, path);
    } else {
      checkIndicator(node, path);
    }
  };
  visit(def.root, ["root"], undefined);
  // The root belongs to no group, so no weight of it is ever used (1, the default, says nothing).
  if (def.root.weight !== undefined && def.root.weight > 0 && def.root.weight !== 1) {
    report(["root", "weight"], "weight-ignored", messages.rootWeightIgnored());
  }

  if (def.ranking.on === "points" && maxOf(def.root) === undefined) {
    report(["ranking", "on"], "ranking-points-without-max", messages.rankingPointsWithoutMax());
  }
  // Entries of ranking.exclude are unit codes or category ids. Unit codes cannot be checked here;
  // an entry that is a category id only once case and diacritics are ignored is surely a category
  // meant and missed (entries are compared with ids exactly), so it would silently exclude nothing.
  def.ranking.exclude.forEach((entry, k) => {
    if (categoryIds.includes(entry)) return;
    const meant = categoryIds.find((id) => foldText(id) === foldText(entry));
    if (meant !== undefined) report(["ranking", "exclude", k], "ranking-exclude-case", messages.rankingExcludeCase(entry, meant));
  });
  if (def.ranking.within === "category" && categoryIds.length === 0) {
    report(["ranking", "within"], "ranking-within-without-categories", messages.rankingCategoryWithoutCategories());
  }

  return { problems, expressions };
}
