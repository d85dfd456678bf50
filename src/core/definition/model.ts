/**
 * The index model: a parsed, checked definition laid out for fast lookups. Built once per
 * definition (by `parseDefinition`) and shared by the reader, the engine and the planner.
 */
import type { Expr } from "../expr/ast";
import { decimalFigure } from "../score/round";
import {
  type GroupNode,
  type IndexDefinition,
  type IndexNode,
  type IndicatorNode,
  type InputType,
  type LocalizedText,
  type Rule,
  isGroup,
} from "./schema";

export interface ResolvedInput {
  code: string;
  name?: LocalizedText;
  type: InputType;
  min?: number;
  max?: number;
  /** Display only: a text, or `{ vi, en }` (unitText shows it in a language). */
  unit?: LocalizedText;
  /** Code of the indicator the input belongs to. */
  indicator: string;
}

interface ModelNodeBase {
  code: string;
  name: LocalizedText;
  /** Parent group's code; undefined for the root. */
  parent?: string;
  /** 0 for the root, 1 for its children… */
  depth: number;
  /** The node's points scale: given, or for a `sum` group the sum of its children's max. */
  max?: number;
  weight: number;
  /** Category ids the node applies to (inherited from groups); undefined = every unit. */
  appliesTo?: string[];
}

export interface GroupModel extends ModelNodeBase {
  kind: "group";
  def: GroupNode;
  children: string[];
  /** The parsed expression of an `expr` group. */
  expr?: Expr;
}

export interface IndicatorModel extends ModelNodeBase {
  kind: "indicator";
  def: IndicatorNode;
  rule: Rule;
  inputs: ResolvedInput[];
  /** Input codes the rule reads (one for single-input rules, both for ratio, the references of expr). */
  ruleInputs: string[];
  /** The parsed expression of an `expr` rule. */
  expr?: Expr;
}

export type ModelNode = GroupModel | IndicatorModel;

export interface IndexModel {
  definition: IndexDefinition;
  root: GroupModel;
  /** Every node by code, in tree pre-order (Map keeps insertion order). */
  nodes: Map<string, ModelNode>;
  /** Every input by code, in tree order. */
  inputs: Map<string, ResolvedInput>;
  /** Indicator codes in tree order. */
  indicators: string[];
  /** Codes of the root's children. */
  topCodes: string[];
  /** Category ids of the definition. */
  categories: string[];
}

/** The type of an indicator's implicit input, which follows from the rule. */
export function implicitInputType(rule: Rule): InputType {
  switch (rule.kind) {
    case "boolean":
      return "boolean";
    case "choice":
      return "choice";
    case "fraction":
      return "percent";
    default:
      return "number";
  }
}

/**
 * The types an explicit input may have when a rule of this kind reads it; a type outside them
 * could never give the rule a usable value (a choice rule on a number, a boolean rule on text).
 * For `expr`, the types of the inputs its expression reads.
 */
export function typesForRule(kind: Rule["kind"]): readonly InputType[] {
  switch (kind) {
    case "boolean":
      return ["boolean"];
    case "choice":
      return ["choice"];
    case "expr":
      return ["number", "integer", "percent", "boolean"];
    default:
      return ["number", "integer", "percent"];
  }
}

/** The code of the single input a single-input rule reads: its `input`, else the indicator's only input. */
function readInputCode(ind: IndicatorNode): string | undefined {
  const r = ind.rule as { input?: string };
  if (r.input !== undefined) return r.input.trim();
  if (!ind.inputs) return ind.code.trim();
  return ind.inputs.length === 1 ? ind.inputs[0]!.code.trim() : undefined;
}

/**
 * The inputs of an indicator, with the implicit single input filled in and types resolved: an
 * input without a type has the type its rule implies when the rule reads it (a choice rule's
 * input is a choice, a boolean rule's a yes/no answer, also when the indicator has several
 * inputs and the rule names one with `input`), else "number".
 */
export function resolveInputs(ind: IndicatorNode): ResolvedInput[] {
  if (!ind.inputs) {
    return [{ code: ind.code.trim(), name: ind.name, type: implicitInputType(ind.rule), indicator: ind.code.trim() }];
  }
  const read = readInputCode(ind);
  return ind.inputs.map((i) => ({
    code: i.code.trim(),
    ...(i.name !== undefined ? { name: i.name } : {}),
    type: i.type ?? (i.code.trim() === read ? implicitInputType(ind.rule) : "number"),
    ...(i.min !== undefined ? { min: i.min } : {}),
    ...(i.max !== undefined ? { max: i.max } : {}),
    ...(i.unit !== undefined ? { unit: i.unit } : {}),
    indicator: ind.code.trim(),
  }));
}

/** The input codes a rule reads, before expressions are parsed (expr references come from the tree). */
export function singleRuleInput(ind: IndicatorNode, inputs: ResolvedInput[]): string | undefined {
  const r = ind.rule as { input?: string };
  if (r.input !== undefined) return r.input.trim();
  return inputs.length === 1 ? inputs[0]!.code : undefined;
}

/**
 * The effective max of a node: given, or for a `sum` group the sum of its children's effective
 * max, to 15 significant digits (decimalFigure), as a person adding them up would have it: 0.1 +
 * 0.2 is 0.3, not the 0.30000000000000004 of binary arithmetic.
 */
export function effectiveMax(node: IndexNode): number | undefined {
  if (node.max !== undefined) return node.max;
  if (isGroup(node) && node.aggregate === "sum") {
    let total = 0;
    for (const c of node.children) {
      const m = effectiveMax(c);
      if (m === undefined) return undefined;
      total += m;
    }
    return decimalFigure(total);
  }
  return undefined;
}

/**
 * Build the model. Assumes the definition passed the checks; `expressions` holds the parsed
 * expression of every `expr` rule and group by node code, and `references` the codes an
 * `expr` rule reads.
 */
export function buildModel(definition: IndexDefinition, expressions: Map<string, { expr: Expr; refs: string[] }>): IndexModel {
  const nodes = new Map<string, ModelNode>();
  const inputs = new Map<string, ResolvedInput>();
  const indicators: string[] = [];

  const visit = (node: IndexNode, parent: string | undefined, depth: number, inherited: string[] | undefined): void => {
    const code = node.code.trim();
    const own = node.appliesTo;
    const appliesTo = own && inherited ? own.filter((c) => inherited.includes(c)) : (own ?? inherited);
    const max = effectiveMax(node);
    const base = {
      code,
      name: node.name,
      ...(parent !== undefined ? { parent } : {}),
      depth,
      ...(max !== undefined ? { max } : {}),
      weight: node.weight ?? 1,
      ...(appliesTo !== undefined ? { appliesTo } : {}),
    };
    if (isGroup(node)) {
      const compiled = expressions.get(code);
      const g: GroupModel = {
        ...base,
        kind: "group",
        def: node,
        children: node.children.map((c) => c.code.trim()),
        ...(compiled ? { expr: compiled.expr } : {}),
      };
      nodes.set(code, g);
      for (const c of node.children) visit(c, code, depth + 1, appliesTo);
    } else {
      const resolved = resolveInputs(node);
      const compiled = expressions.get(code);
      let ruleInputs: string[];
      if (node.rule.kind === "expr") ruleInputs = compiled ? [...new Set(compiled.refs)] : [];
      else if (node.rule.kind === "ratio") ruleInputs = [node.rule.numerator.trim(), node.rule.denominator.trim()];
      else {
        const one = singleRuleInput(node, resolved);
        ruleInputs = one !== undefined ? [one] : [];
      }
      const ind: IndicatorModel = {
        ...base,
        kind: "indicator",
        def: node,
        rule: node.rule,
        inputs: resolved,
        ruleInputs,
        ...(compiled ? { expr: compiled.expr } : {}),
      };
      nodes.set(code, ind);
      indicators.push(code);
      for (const i of resolved) inputs.set(i.code, i);
    }
  };
  visit(definition.root, undefined, 0, undefined);
  const root = nodes.get(definition.root.code.trim()) as GroupModel;
  return {
    definition,
    root,
    nodes,
    inputs,
    indicators,
    topCodes: root.children,
    categories: (definition.categories ?? []).map((c) => c.id),
  };
}
