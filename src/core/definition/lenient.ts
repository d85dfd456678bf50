/**
 * A best-effort reading of a definition the zod schema rejected, so that the whole-definition
 * checks (duplicate codes, unknown inputs, unreachable steps…) still run on the parts that could
 * be read and the user sees every problem at once, not the schema's first and the rest later.
 *
 * The walk takes what is plainly there: nodes that are objects with `children` (groups) or `rule`
 * (indicators), each field kept when it passes its own schema and left out otherwise. Whatever
 * could not be read is replaced by something neutral that raises no problem of its own (a rule
 * that cannot be read becomes the expression `0`; a group that lost a child no longer compares
 * its max with its children's; a node whose max cannot be known — its `max` or `aggregate` could
 * not be read, or it lost a child — is asked for no max and compared with nothing, up the tree),
 * so the checks never report a consequence of a schema problem.
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
  aggregateKind,
  categorySchema,
  inputSchema,
  nodeCode,
  rankingSchema,
  ruleSchema,
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
}

function readNode(raw: unknown, path: PathSegment[], walk: Walk): IndexNode | undefined {
  if (!isPlainObject(raw)) return undefined;
  const code = field(nodeCode, raw.code) ?? formatPath(path);
  const max = field(maxSchema, raw.max);
  const maxUnread = raw.max !== undefined && max === undefined;
  const weight = field(weightSchema, raw.weight);
  const appliesTo = raw.appliesTo === undefined ? undefined : categoryIdList(raw.appliesTo);
  const common = {
    code,
    name: "?",
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
    const complete = Array.isArray(raw.children) && children.length === rawChildren.length;
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
    const rule = readable ? salvage(ruleSchema, raw.rule) : undefined;
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
  if (!Array.isArray(raw)) {
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
export function lenientDefinition(input: unknown): { definition: IndexDefinition; skip: Set<string>; unknownMax: Set<IndexNode> } | undefined {
  if (!isPlainObject(input) || !isPlainObject(input.root) || !Array.isArray(input.root.children)) return undefined;
  const walk: Walk = { skip: new Set(), unknownMax: new Set() };
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
  return { definition, skip: walk.skip, unknownMax: walk.unknownMax };
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
    const { problems } = checkDefinition(read.definition, { unknownMax: read.unknownMax });
    const seen = new Set(schemaProblems.map((p) => `${p.path}\u0000${p.code}`));
    const out: DefinitionProblem[] = [];
    for (const p of problems) {
      if (read.skip.has(p.code)) continue;
      if (schemaProblems.some((s) => isAtOrUnder(p.path, s.path))) continue;
      const key = `${p.path}\u0000${p.code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
    return out;
  } catch {
    return [];
  }
}
