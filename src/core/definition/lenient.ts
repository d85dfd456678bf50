/**
 * A best-effort reading of a definition the zod schema rejected, so that the whole-definition
 * checks (duplicate codes, unknown inputs, unreachable steps…) still run on the parts that could
 * be read and the user sees every problem at once, not the schema's first and the rest later.
 *
 * The walk takes what is plainly there: nodes that are objects with `children` (groups) or `rule`
 * (indicators), each field kept when it passes its own schema and left out otherwise. Whatever
 * could not be read is replaced by something neutral that raises no problem of its own (a rule
 * that cannot be read becomes the expression `0`, while a rule with one bad option or step keeps
 * the others; a group that lost a child, or whose list of children is empty, no longer compares
 * its max with its children's; a node whose max cannot be known — its `max` or `aggregate` could
 * not be read, or it lost a child — is asked for no max and compared with nothing, up the tree;
 * a code that cannot be read takes no part in the checks that need it), so the checks never
 * report a consequence of a schema problem.
 * Nothing here throws on any JSON value.
 */
import { z } from "zod";
import { type DefinitionProblem, type PathSegment, formatPath } from "./messages";
import { checkDefinition } from "./checks";
import {
  type Category,
  FORMAT,
  type GroupNode,
  type IndexDefinition,
  type IndexNode,
  type IndicatorNode,
  type InputDefinition,
  type Ranking,
  type Rule,
  type ChoiceOption,
  type Step,
  aggregateKind,
  categorySchema,
  choiceOption,
  inputSchema,
  localizedText,
  nodeCode,
  rankingSchema,
  ruleSchema,
  step,
} from "./schema";

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** A rule that reads nothing and needs nothing: what stands for a rule that could not be read. */
const NEUTRAL_RULE: Rule = { kind: "expr", expr: "0" };

/** Problem codes about categories, left out when the categories themselves could not be read. */
const CATEGORY_CODES = new Set([
  "unknown-category",
  "applies-to-without-categories",
  "applies-to-outside-group",
  "ranking-within-without-categories",
  "ranking-exclude-case",
  "across-category-without-categories",
]);

const maxSchema = z.number().min(0).finite();
const weightSchema = z.number().finite();
const exprSchema = z.string().trim().normalize("NFC").min(1);
const idList = z.array(z.unknown());

/**
 * Parse with `schema`, leaving out the fields the schema complains about (and unknown fields)
 * until it accepts what is left, or give up.
 */
function salvage<T>(schema: z.ZodType<T>, raw: unknown): T | undefined {
  let value = raw;
  for (let attempt = 0; attempt < 8; attempt++) {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    if (!isPlainObject(value)) return undefined;
    const drop = new Set<string>();
    for (const issue of parsed.error.issues) {
      const first = issue.path[0];
      if (first !== undefined) drop.add(String(first));
      else if (issue.code === "unrecognized_keys") for (const key of issue.keys) drop.add(key);
      else return undefined;
    }
    const before = Object.keys(value).length;
    const copy: Record<string, unknown> = { ...value };
    for (const key of drop) delete copy[key];
    if (Object.keys(copy).length === before) return undefined;
    value = copy;
  }
  return undefined;
}

/**
 * A code that could not be read stands in as this prefix and the node's path. Problems whose
 * sentence would show it (a group's expression listing its children's codes, an indicator's
 * implicit input) depend on a code that could not be read and are left out.
 */
const UNREAD_CODE = "\u0000code:";

/**
 * A choice option as far as it can be read, so that one bad option does not throw away the rule
 * and the other options' problems (duplicate values) are still found. An option that cannot be
 * read keeps its value, names and aliases when they can be read (a later option may repeat
 * them), and stands in with a fraction of 0, which raises nothing; its value, when unreadable,
 * matches nothing.
 */
function readOption(raw: unknown, k: number): ChoiceOption {
  const whole = salvage(choiceOption, raw);
  if (whole) return whole;
  const o = isPlainObject(raw) ? raw : {};
  const value = field(z.string().trim().min(1), o.value) ?? `${UNREAD_CODE}option ${k}`;
  const aliases = Array.isArray(o.aliases) ? o.aliases.filter((a): a is string => typeof a === "string" && a.trim() !== "").map((a) => a.trim()) : undefined;
  const name = field(localizedText, o.name);
  return { value, ...(name !== undefined ? { name } : {}), ...(aliases !== undefined ? { aliases } : {}), fraction: 0 };
}

/**
 * A step as far as it can be read: its one threshold when that can be read (so that the steps
 * after it are still judged reachable or not), else a threshold nothing reaches, which covers no
 * other step, and the step's place is hidden (what the checks say about it would be a consequence
 * of the schema's problem); a fraction of 0 stands for a value that could not be read.
 */
function readStep(raw: unknown, path: PathSegment[], walk: Walk): Step {
  const whole = salvage(step, raw);
  if (whole) return whole;
  const s = isPlainObject(raw) ? raw : {};
  const atLeast = field(z.number().finite(), s.atLeast);
  const atMost = field(z.number().finite(), s.atMost);
  if (atLeast !== undefined && s.atMost === undefined) return { atLeast, fraction: 0 };
  if (atMost !== undefined && s.atLeast === undefined) return { atMost, fraction: 0 };
  walk.hidden.push(formatPath(path));
  return { atLeast: Number.MAX_VALUE, fraction: 0 };
}

/**
 * A rule as far as it can be read: its options and steps one by one, so that one bad option or
 * step does not hide the others' problems (a duplicate option, an unreachable step), then the rest.
 */
function readRule(raw: unknown, path: PathSegment[], walk: Walk): Rule | undefined {
  if (!isPlainObject(raw)) return undefined;
  const copy: Record<string, unknown> = { ...raw };
  if (raw.kind === "choice" && Array.isArray(raw.options)) copy.options = raw.options.map((o, k) => readOption(o, k));
  if (raw.kind === "steps" && Array.isArray(raw.steps)) copy.steps = raw.steps.map((s, k) => readStep(s, [...path, "steps", k], walk));
  return salvage(ruleSchema, copy);
}

function field<T>(schema: z.ZodType<T>, raw: unknown): T | undefined {
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

function categoryIdList(raw: unknown): string[] | undefined {
  const list = field(idList, raw);
  if (list === undefined) return undefined;
  return list.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim().normalize("NFC"));
}

interface Walk {
  /** Problem codes that cannot be judged because what they need could not be read. */
  skip: Set<string>;
  /**
   * Nodes whose max cannot be known: a `max` that could not be read, or, for a node without
   * one, an `aggregate` that could not be read or a child that was lost. Their parents do not
   * ask them for a max nor compare their own with it ("needs a max", "max differs").
   */
  unknownMax: Set<IndexNode>;
  /** Places whose problems the checks would only raise because of something that could not be read. */
  hidden: string[];
}

function readNode(raw: unknown, path: PathSegment[], walk: Walk): IndexNode | undefined {
  if (!isPlainObject(raw)) return undefined;
  const code = field(nodeCode, raw.code) ?? `${UNREAD_CODE}${formatPath(path)}`;
  const max = field(maxSchema, raw.max);
  const maxUnread = raw.max !== undefined && max === undefined;
  const weight = field(weightSchema, raw.weight);
  // An empty list is the schema's problem (applies-to-empty); nothing is judged against it.
  const listed = raw.appliesTo === undefined ? undefined : categoryIdList(raw.appliesTo);
  const appliesTo = listed !== undefined && listed.length > 0 ? listed : undefined;
  // The name, when it can be read, names the node in the sentence of a code it has that is used
  // again (duplicate-code); a name that cannot be read is left empty, and the sentence says none.
  const common = {
    code,
    name: field(localizedText, raw.name) ?? "",
    ...(max !== undefined ? { max } : {}),
    ...(weight !== undefined ? { weight } : {}),
    ...(appliesTo !== undefined ? { appliesTo } : {}),
  };
  if ("children" in raw) {
    const rawChildren = Array.isArray(raw.children) ? raw.children : [];
    const children: IndexNode[] = [];
    rawChildren.forEach((c, k) => {
      const child = readNode(c, [...path, "children", k], walk);
      if (child) children.push(child);
    });
    // An empty list is the schema's problem (at least one child): like a group that lost a child,
    // it compares its max with nothing (no "max differs from the children's 0"), so one mistake
    // gives one problem.
    const complete = Array.isArray(raw.children) && rawChildren.length > 0 && children.length === rawChildren.length;
    // An expression over children that could not all be read cannot be checked.
    const expr = complete ? field(exprSchema, raw.expr) : undefined;
    let aggregate = raw.aggregate === undefined ? "sum" : (field(aggregateKind, raw.aggregate) ?? (expr !== undefined ? "expr" : "mean"));
    if (aggregate === "expr" && expr === undefined && (!complete || raw.expr !== undefined)) aggregate = "mean";
    // "rescale" is judged only against an aggregate that could be read.
    const aggregateRead = raw.aggregate === undefined || field(aggregateKind, raw.aggregate) === aggregate;
    const rescale = aggregateRead ? (field(z.boolean(), raw.rescale) ?? false) : false;
    const group: GroupNode = {
      ...common,
      aggregate,
      ...(expr !== undefined ? { expr } : {}),
      // A group that lost a child cannot compare its max with its children's.
      rescale: rescale || (!complete && aggregate === "sum"),
      children,
    };
    const aggregateUnread = raw.aggregate !== undefined && field(aggregateKind, raw.aggregate) === undefined;
    if (maxUnread || (max === undefined && (aggregateUnread || !complete))) walk.unknownMax.add(group);
    return group;
  }
  if ("rule" in raw) {
    let readable = true;
    let inputs: InputDefinition[] | undefined;
    if (raw.inputs !== undefined) {
      if (!Array.isArray(raw.inputs) || raw.inputs.length === 0) readable = false;
      else {
        inputs = [];
        for (const entry of raw.inputs) {
          const input = salvage(inputSchema, entry);
          if (input) inputs.push(input);
          else readable = false;
        }
      }
    }
    const rule = readable ? readRule(raw.rule, [...path, "rule"], walk) : undefined;
    const indicator: IndicatorNode = {
      ...common,
      ...(readable && inputs !== undefined ? { inputs } : {}),
      rule: rule ?? NEUTRAL_RULE,
      evidence: "optional",
      allowNA: false,
    };
    if (maxUnread) walk.unknownMax.add(indicator);
    return indicator;
  }
  return undefined;
}

function readCategories(raw: unknown, walk: Walk): Category[] | undefined {
  if (raw === undefined) return undefined;
  // An empty list is the schema's problem (categories-empty): what needs categories is not judged.
  if (!Array.isArray(raw) || raw.length === 0) {
    walk.skip = new Set([...walk.skip, ...CATEGORY_CODES]);
    return undefined;
  }
  const out: Category[] = [];
  for (const entry of raw) {
    const category = salvage(categorySchema, entry);
    if (category) out.push(category);
    else if (isPlainObject(entry) && typeof entry.id === "string" && entry.id.trim() !== "") out.push({ id: entry.id.trim().normalize("NFC"), name: "?" });
    else walk.skip = new Set([...walk.skip, ...CATEGORY_CODES]);
  }
  return out;
}

/** The definition as far as it can be read, or undefined when not even its root group can. */
export function lenientDefinition(
  input: unknown,
): { definition: IndexDefinition; skip: Set<string>; unknownMax: Set<IndexNode>; hidden: string[] } | undefined {
  if (!isPlainObject(input) || !isPlainObject(input.root) || !Array.isArray(input.root.children)) return undefined;
  const walk: Walk = { skip: new Set(), unknownMax: new Set(), hidden: [] };
  const root = readNode(input.root, ["root"], walk);
  if (!root || !("children" in root)) return undefined;
  const categories = readCategories(input.categories, walk);
  const ranking: Ranking = (isPlainObject(input.ranking) ? salvage(rankingSchema, input.ranking) : undefined) ?? rankingSchema.parse({});
  if (isPlainObject(input.ranking) && Array.isArray(input.ranking.exclude)) {
    ranking.exclude = input.ranking.exclude.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim().normalize("NFC"));
  }
  const definition: IndexDefinition = {
    format: FORMAT,
    id: "x",
    version: "x",
    name: "x",
    ...(categories !== undefined ? { categories } : {}),
    missing: "zero",
    numberLocale: "auto",
    ranking,
    root: root as GroupNode,
  };
  return { definition, skip: walk.skip, unknownMax: walk.unknownMax, hidden: walk.hidden };
}

function isAtOrUnder(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}[`);
}

/**
 * The whole-definition checks on what could be read of a definition the schema rejected, less
 * anything already said by the schema's problems (same place or inside it). Never throws.
 */
export function lenientChecks(input: unknown, schemaProblems: readonly DefinitionProblem[]): DefinitionProblem[] {
  try {
    const read = lenientDefinition(input);
    if (!read) return [];
    const { problems } = checkDefinition(read.definition, { unknownMax: read.unknownMax, written: input });
    // The sentence is part of the key: "[x1] + [x2]" gives two unknown references at one path.
    const keyOf = (p: DefinitionProblem): string => `${p.path}\u0000${p.code}\u0000${p.message.en}`;
    const seen = new Set(schemaProblems.map(keyOf));
    const out: DefinitionProblem[] = [];
    for (const p of problems) {
      if (read.skip.has(p.code)) continue;
      if (schemaProblems.some((s) => isAtOrUnder(p.path, s.path))) continue;
      if (read.hidden.some((h) => isAtOrUnder(p.path, h))) continue;
      // A check that depends on a code that could not be read (it would show the stand-in).
      if (p.message.en.includes(UNREAD_CODE) || p.message.vi.includes(UNREAD_CODE)) continue;
      const key = keyOf(p);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
    return out;
  } catch {
    return [];
  }
}
