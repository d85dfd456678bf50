/**
 * Writes schema/index-definition.schema.json, the JSON Schema editors use to check and complete
 * an index definition, from the zod schema (the single source of truth, so the two cannot drift:
 * a test compares the committed file with what this script produces).
 * Usage: npx tsx scripts/generate-json-schema.ts   (npm run schema)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { RESERVED_CODES, SINGLE_INPUT_KINDS } from "../src/core/definition/checks";
import { typesForRule } from "../src/core/definition/model";
import {
  FORMAT,
  type RuleKind,
  categorySchema,
  choiceOption,
  indexDefinitionSchema,
  indicatorSchema,
  inputSchema,
  inputType,
  localizedText,
  ruleSchema,
  step,
} from "../src/core/definition/schema";

export const JSON_SCHEMA_PATH = join(__dirname, "..", "schema", "index-definition.schema.json");

type JsonSchema = Record<string, unknown>;
interface ZodInternals {
  _zod: { def: { type: string; checks?: { _zod: { def: { check: string; tx?: (s: string) => unknown } } }[]; options?: unknown[] } };
}

const exactlyOne = (a: string, b: string): JsonSchema => ({ oneOf: [{ required: [a] }, { required: [b] }] });

/** The object of the rule of this kind (the union's option). */
const ruleOfKind = (kind: string): unknown => ruleSchema.options.find((o) => o.shape.kind.value === kind);

/** True for the zod object of a group (the recursive schema's inside): it has `children` and `aggregate`. */
function isGroupObject(schema: unknown): boolean {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape !== undefined && typeof shape === "object" && "children" in shape && "aggregate" in shape;
}

/** A field present with this constant value. */
const has = (key: string, value: unknown): JsonSchema => ({ required: [key], properties: { [key]: { const: value } } });

/**
 * A code no node, input or category may have (reserved-code): the names every JavaScript object
 * has (`constructor`, `toString`…) and `__proto__`, the checks' own list, matched after trimming
 * as the parser trims codes.
 */
const NOT_RESERVED: JsonSchema = { type: "string", not: { pattern: `^\\s*(?:${[...RESERVED_CODES].join("|")})\\s*$` } };

/** A number ≤ 1 (a percentage's bound written as a fraction: 100% is 1). */
const AT_MOST_ONE: JsonSchema = { type: "number", maximum: 1 };

/** A group that adds up points: it has children and "aggregate" "sum" or none (the default). */
const SUM_GROUP: JsonSchema = { required: ["children"], properties: { aggregate: { const: "sum" } } };

/**
 * What the parser's whole-group checks say that JSON Schema 2020-12 can say too: "aggregate":
 * "expr" needs an "expr", and an "expr" needs "aggregate": "expr" (expr-required,
 * expr-not-allowed); "rescale": true only on a sum group, the default aggregate (rescale-not-sum),
 * with a "max" to rescale to (rescale-without-max);
 * a child's weight other than 1 only under "mean" or "geomean" (weight-ignored); a child of a sum
 * group has a "max", unless it is a sum group itself, whose max is its children's (the same
 * clause then asks them for theirs) (sum-child-without-max); its code is not a reserved name
 * (reserved-code).
 */
const GROUP_CLAUSES: JsonSchema[] = [
  { properties: { code: NOT_RESERVED } },
  { if: has("aggregate", "expr"), then: { required: ["expr"] } },
  { if: { required: ["expr"] }, then: has("aggregate", "expr") },
  { if: has("rescale", true), then: { required: ["max"], properties: { aggregate: { const: "sum" }, max: true } } },
  {
    if: { required: ["aggregate"], properties: { aggregate: { enum: ["mean", "geomean"] } } },
    else: { properties: { children: { type: "array", items: { type: "object", properties: { weight: { const: 1 } } } } } },
  },
  {
    if: { properties: { aggregate: { const: "sum" } } },
    then: { properties: { children: { type: "array", items: { if: { type: "object", not: SUM_GROUP }, then: { type: "object", required: ["max"] } } } } },
  },
];

/**
 * What the whole-definition checks say about the top level that JSON Schema can say too:
 * "ranking": { "within": "category" } needs "categories", at least one
 * (ranking-within-without-categories); the root, in no group, has no weight other than 1
 * (weight-ignored); "ranking": { "on": "points" } needs the root's max, which only a sum root
 * (the default aggregate) has without writing it: the sum of its children's
 * (ranking-points-without-max).
 */
const DEFINITION_CLAUSES: JsonSchema[] = [
  { properties: { root: { type: "object", properties: { weight: { const: 1 } } } } },
  {
    if: { required: ["ranking"], properties: { ranking: { type: "object", required: ["on"], properties: { on: { const: "points" } } } } },
    then: {
      properties: {
        root: {
          type: "object",
          if: { required: ["aggregate"], properties: { aggregate: { not: { const: "sum" } } } },
          then: { required: ["max"] },
        },
      },
    },
  },
  {
    if: { required: ["ranking"], properties: { ranking: { type: "object", required: ["within"], properties: { within: { const: "category" } } } } },
    then: { required: ["categories"], properties: { categories: { type: "array", minItems: 1 } } },
  },
];

/** An indicator whose "rule" is of one of these kinds. */
const ruleKindIn = (kinds: readonly string[]): JsonSchema => ({ type: "object", required: ["kind"], properties: { kind: { enum: [...kinds] } } });

/** An indicator with exactly one explicit input (in "inputs") and a rule of one of these kinds. */
const oneInputRule = (kinds: readonly string[]): JsonSchema => ({
  required: ["inputs", "rule"],
  properties: { inputs: { type: "array", maxItems: 1 }, rule: ruleKindIn(kinds) },
});

/** What its only input holds and how a rule reads it: its clause below (`then`) for the input. */
const onlyInput = (input: JsonSchema): JsonSchema => ({ properties: { inputs: { type: "array", items: { type: "object", ...input } } } });

/**
 * Inputs every one of which has a type written, and none of them one of `types`: whichever of
 * them a rule reads, it cannot read it. A rule reads one of the indicator's inputs: one it names
 * by its code (`input`, `numerator`, `[code]` in an expression), which the parser finds among them
 * or refuses (unknown-input, expr-unknown-reference); or, unnamed, the only input, or none
 * (rule-input-required). So, whatever the code named, the parser refuses such an indicator.
 */
const everyInputTypedOutside = (types: readonly string[]): JsonSchema => ({
  type: "array",
  items: { type: "object", required: ["type"], properties: { type: { enum: inputType.options.filter((t) => !types.includes(t)) } } },
});

/** Each input's type, when written, is one of `types` (said at each input's "type", where the parser says input-type-mismatch). */
const everyInputOf = (types: readonly string[]): JsonSchema => onlyInput({ properties: { type: { enum: [...types] } } });

/**
 * The rules of each list of input types they read (typesForRule), but "expr", whose inputs are
 * those its expression names (EXPR_INPUT_TYPES): "boolean", "choice", and the others.
 */
const RULES_BY_TYPES: [string[], readonly string[]][] = (() => {
  const byTypes = new Map<string, [string[], readonly string[]]>();
  for (const kind of ruleSchema.options.map((o) => o.shape.kind.value as RuleKind)) {
    if (kind === "expr") continue;
    const types = typesForRule(kind);
    const entry = byTypes.get(types.join()) ?? [[], types];
    entry[0].push(kind);
    byTypes.set(types.join(), entry);
  }
  return [...byTypes.values()];
})();

/**
 * An "expr" rule whose expression names an input ("[" begins a reference, and nothing else in an
 * expression: it has no strings) on an indicator whose inputs all have a type written it cannot
 * read ("choice", "text"): the reference is one of them (input-type-mismatch) or no input of it
 * (expr-unknown-reference). An expression that names none ("1") reads none of them, as the parser
 * says; one that names one of several inputs, some of a type it reads, is the parser's alone.
 */
const EXPR_INPUT_TYPES: JsonSchema = (() => {
  const types = typesForRule("expr");
  return {
    if: {
      required: ["inputs", "rule"],
      properties: {
        inputs: everyInputTypedOutside(types),
        rule: { type: "object", required: ["kind", "expr"], properties: { kind: { const: "expr" }, expr: { type: "string", pattern: "\\[" } } },
      },
    },
    then: everyInputOf(types),
  };
})();

/** An input of type "percent" whose "max", if any, is not above 1: it takes figures up to 100%. */
const PERCENT_UP_TO_ONE: JsonSchema = { type: "object", required: ["type"], properties: { type: { const: "percent" }, max: AT_MOST_ONE } };

/** A "minmax" bound of a percentage: a number at most 1 (100%), or "data" (the units' figures). */
const PERCENT_BOUND: JsonSchema = { if: { type: "number" }, then: AT_MOST_ONE };

/** The thresholds of each rule that compares a figure with them (checkPercentScale's). */
const PERCENT_THRESHOLDS: [RuleKind, JsonSchema][] = [
  ["target", { properties: { target: AT_MOST_ONE } }],
  ["steps", { properties: { steps: { type: "array", items: { type: "object", properties: { atLeast: AT_MOST_ONE, atMost: AT_MOST_ONE } } } } }],
  ["minmax", { properties: { min: PERCENT_BOUND, max: PERCENT_BOUND } }],
];

/**
 * What the checks say about one indicator that JSON Schema can say too:
 * - it needs a "max" when it gives points: a "points" or "count" rule, or a choice option or a
 *   step scored in "points" (max-required);
 * - its code is not a reserved name (reserved-code);
 * - a rule that reads one input names it with "input" when the indicator has several
 *   (rule-input-required);
 * - an indicator's only input, when its type is written, has a type its rule can read: "boolean"
 *   for a boolean rule, "choice" for a choice rule, a number (or, for "expr", a number or "boolean")
 *   for the others (input-type-mismatch); so do its inputs when each has a type written, all of
 *   them types the rule cannot read (whichever it names, it cannot read it); an "expr" rule's only
 *   when its expression names an input (EXPR_INPUT_TYPES). The input a rule names among several,
 *   some of a type it reads, is matched by its code, which JSON Schema cannot do;
 * - the only input of a "fraction" rule has no "min" above 1 (percent-scale) and, if it is a
 *   "number" or an "integer", no "max" above 1 (fraction-rule-scale);
 * - a "target", a step's "atLeast" or "atMost", a "minmax" bound read from an only input of
 *   type "percent" is not above 1 (80 written for 80%: percent-scale), unless that input's "max"
 *   is above 1 (figures above 100% allowed). The input's "min" above 1, which also lifts the
 *   check in the parser, is rejected on a percent input by INPUT_CLAUSES.
 */
const INDICATOR_CLAUSES: JsonSchema[] = [
  { properties: { code: NOT_RESERVED } },
  {
    if: { required: ["inputs", "rule"], properties: { inputs: { type: "array", minItems: 2 }, rule: ruleKindIn([...SINGLE_INPUT_KINDS]) } },
    then: { properties: { rule: { type: "object", required: ["input"] } } },
  },
  ...RULES_BY_TYPES.map(([kinds, types]) => ({
    if: { required: ["inputs", "rule"], properties: { inputs: everyInputTypedOutside(types), rule: ruleKindIn(kinds) } },
    then: everyInputOf(types),
  })),
  EXPR_INPUT_TYPES,
  {
    if: oneInputRule(["fraction"]),
    then: onlyInput({
      properties: { min: AT_MOST_ONE },
      if: { required: ["type"], properties: { type: { enum: ["number", "integer"] } } },
      then: { properties: { max: AT_MOST_ONE } },
    }),
  },
  ...PERCENT_THRESHOLDS.map(([kind, rule]) => ({
    if: { required: ["inputs", "rule"], properties: { inputs: { type: "array", maxItems: 1, items: PERCENT_UP_TO_ONE }, rule: ruleKindIn([kind]) } },
    then: { properties: { rule: { type: "object", ...rule } } },
  })),
  {
    if: {
      required: ["rule"],
      properties: {
        rule: {
          anyOf: [
            { type: "object", required: ["kind"], properties: { kind: { enum: ["points", "count"] } } },
            { type: "object", required: ["options"], properties: { options: { type: "array", contains: { type: "object", required: ["points"] } } } },
            { type: "object", required: ["steps"], properties: { steps: { type: "array", contains: { type: "object", required: ["points"] } } } },
          ],
        },
      },
    },
    then: { required: ["max"] },
  },
];

/**
 * What the checks say about one input: its code is not a reserved name (reserved-code); a
 * percentage has no "min" above 1, which would put every percentage up to 100% out of range, and
 * no "max" of 10 or more (1000%), a percentage written on the scale of 0–100 (percent-scale: 85% is 0.85).
 */
const INPUT_CLAUSES: JsonSchema[] = [
  { properties: { code: NOT_RESERVED } },
  { if: has("type", "percent"), then: { properties: { min: AT_MOST_ONE, max: { type: "number", exclusiveMaximum: 10 } } } },
];

/** A number ≤ 0 (a log transform's bound may not be one). */
const notPositive: JsonSchema = { type: "number", maximum: 0 };

/**
 * The rule's "kind" declared on the rule itself, beside its options (one per kind, each with its
 * "kind" as a const): an editor that completes or explains "kind" without knowing yet which
 * option the rule is (VS Code picks the options that match best, and a half-written rule matches
 * none) offers every kind, each with its description. It restates what the options say: a rule
 * has a "kind", one of theirs; so it accepts and rejects nothing new.
 */
const RULE_KIND: JsonSchema = (() => {
  const kinds = ruleSchema.options.map((o) => o.shape.kind);
  return {
    type: "string",
    description:
      "The kind of rule: how the value is computed from the inputs, and which other fields the rule takes (each kind is described as it is picked). / Loại quy tắc: cách tính giá trị từ số liệu, và các trường đi kèm quy tắc (mỗi loại có mô tả khi chọn).",
    enum: kinds.map((k) => k.value),
    markdownEnumDescriptions: kinds.map((k) => k.description),
  };
})();

/** True for a zod string that trims before it checks (`.trim()`). */
function trims(schema: ZodInternals): boolean {
  return (schema._zod.def.checks ?? []).some((c) => c._zod.def.check === "overwrite" && c._zod.def.tx?.(" a ") === "a");
}

/**
 * What zod's JSON Schema leaves out and the parser enforces, added so that an editor rejects what
 * the parser rejects and accepts what it accepts:
 * - trimmed text: a non-empty text must hold more than spaces (pattern \S), and a pattern is
 *   matched after trimming (the id " t " is the id "t");
 * - numbers are finite (1e400 is read as Infinity by JSON parsers);
 * - a choice option or a step gives exactly one of "fraction" and "points", a step exactly one of
 *   "atLeast" and "atMost" (zod's refinements, which its JSON Schema cannot express);
 * - a text in several languages { "vi", "en" } has at least one of them;
 * - a weight is above 0 (the checks' weight-not-positive);
 * - what the whole-definition checks say about one group, indicator, rule or the top level that
 *   JSON Schema can say too (GROUP_CLAUSES, INDICATOR_CLAUSES, INPUT_CLAUSES, DEFINITION_CLAUSES,
 *   and a category id not reserved; a target of 0 only with "direction": "lower"; a log
 *   transform's numeric bounds above 0). Checks that compare two numbers of the file (input
 *   min ≤ max, minmax bounds that differ, points within the indicator's max), find an input by the
 *   code a rule names (its type, unless every input has a type the rule cannot read; its scale,
 *   thresholds on a percentage, when the indicator has several inputs) or need the whole tree
 *   (unique codes, references, reachable steps…) are the parser's alone;
 * - a rule's "kind" declared on the rule itself (RULE_KIND), for editors' completion and hover;
 * - a whole number as "multipleOf": 1, not "integer", which VS Code judges as written (2.0).
 */
function agreeWithParser(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const zod = ctx.zodSchema as ZodInternals;
  const json = ctx.jsonSchema;
  const type = zod._zod.def.type;
  if (type === "string" && trims(zod)) {
    if (typeof json.pattern === "string") {
      const inner = /^\^(.*)\$$/.exec(json.pattern);
      if (inner) json.pattern = `^\\s*(?:${inner[1]})\\s*$`;
    } else if (typeof json.minLength === "number" && json.minLength >= 1) json.pattern = "\\S";
  }
  if (type === "number" && json.type === "integer") {
    // A whole number written with a decimal point ("decimals": 2.0) is the number 2 to the parser;
    // VS Code's "integer" looks at how it is written and underlines it. "multipleOf": 1 takes 2.0
    // and refuses 2.5 in both, and accepts and rejects exactly what "integer" does in Ajv.
    json.type = "number";
    json.multipleOf = 1;
  }
  if (type === "number") {
    if (json.maximum === undefined && json.exclusiveMaximum === undefined) json.maximum = Number.MAX_VALUE;
    if (json.minimum === undefined && json.exclusiveMinimum === undefined) json.minimum = -Number.MAX_VALUE;
  }
  if (ctx.zodSchema === (indicatorSchema.shape.weight as unknown as { unwrap(): unknown }).unwrap()) {
    delete json.minimum;
    json.exclusiveMinimum = 0;
  }
  if (isGroupObject(ctx.zodSchema)) addClauses(json, GROUP_CLAUSES);
  if (ctx.zodSchema === indicatorSchema) addClauses(json, INDICATOR_CLAUSES);
  if (ctx.zodSchema === inputSchema) addClauses(json, INPUT_CLAUSES);
  if (ctx.zodSchema === categorySchema) addClauses(json, [{ properties: { id: NOT_RESERVED } }]);
  if (ctx.zodSchema === indexDefinitionSchema) addClauses(json, DEFINITION_CLAUSES);
  if (ctx.zodSchema === ruleOfKind("target")) {
    // target-positive: 0 is a target only for "lower" (no incidents); "higher" is the default.
    Object.assign(json, { if: has("target", 0), then: has("direction", "lower") });
  }
  if (ctx.zodSchema === ruleOfKind("minmax")) {
    // log-bound-not-positive: there is no logarithm of a number ≤ 0 ("data" bounds are the units' figures).
    Object.assign(json, { if: has("transform", "log"), then: { properties: { min: { not: notPositive }, max: { not: notPositive } } } });
  }
  if (ctx.zodSchema === ruleSchema) Object.assign(json, { type: "object", required: ["kind"], properties: { kind: RULE_KIND } });
  if (ctx.zodSchema === choiceOption) json.allOf = [exactlyOne("fraction", "points")];
  if (ctx.zodSchema === step) json.allOf = [exactlyOne("atLeast", "atMost"), exactlyOne("fraction", "points")];
  if (ctx.zodSchema === (localizedText as unknown as ZodInternals)._zod.def.options?.[1]) json.minProperties = 1;
}

/**
 * Adds `clauses` to `json`'s allOf, each once: the same schema may be met more than once (a group
 * is both the root's and its children's), and an editor would say each of its problems twice.
 */
function addClauses(json: JsonSchema, clauses: readonly JsonSchema[]): void {
  const all = ((json.allOf as JsonSchema[] | undefined) ?? []).slice();
  const have = new Set(all.map((c) => JSON.stringify(c)));
  for (const c of clauses) {
    const key = JSON.stringify(c);
    if (have.has(key)) continue;
    have.add(key);
    all.push(c);
  }
  json.allOf = all;
}

/**
 * Every field a clause requires is declared beside it (`"required": ["expr"]` comes with
 * `"properties": { "expr": true }`, which accepts any value): the field's own schema is the
 * object's, but a strict validator (Ajv's `strictRequired`, part of `strict: true`) wants a
 * required property defined in the same subschema, and the clauses are checked apart from it.
 */
function declareRequired(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) declareRequired(n);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const schema = node as JsonSchema;
  if (Array.isArray(schema.required)) {
    const properties = (schema.properties ?? {}) as JsonSchema;
    for (const key of schema.required as string[]) if (!(key in properties)) properties[key] = true;
    schema.properties = properties;
  }
  for (const value of Object.values(schema)) declareRequired(value);
}

/** The JSON Schema of a definition as written in a file: fields with defaults are optional. */
export function indexDefinitionJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(indexDefinitionSchema, {
    io: "input",
    target: "draft-2020-12",
    override: (ctx) => agreeWithParser(ctx as { zodSchema: unknown; jsonSchema: JsonSchema }),
  }) as Record<string, unknown>;
  // zod names the recursive group schema `__schema0`; give it a name an editor can show.
  let text = JSON.stringify(generated);
  const defs = (generated.$defs ?? {}) as Record<string, { properties?: Record<string, unknown> }>;
  for (const [key, def] of Object.entries(defs)) {
    if (/^__schema\d+$/.test(key) && def.properties && "children" in def.properties) {
      text = text.split(`"${key}"`).join(`"group"`).split(`#/$defs/${key}"`).join(`#/$defs/group"`);
    }
  }
  const { $schema, ...rest } = JSON.parse(text) as Record<string, unknown>;
  declareRequired(rest);
  return {
    $schema,
    title: `Index definition (${FORMAT})`,
    description:
      "An index definition: what is measured, how each measure is scored, how scores add up and how units are ranked. Generated from the zod schema in src/core/definition/schema.ts; do not edit by hand. / Bộ chỉ số đánh giá: chỉ tiêu, cách chấm điểm, cách cộng dồn và xếp hạng. Tệp được tạo từ lược đồ zod trong src/core/definition/schema.ts; không sửa tay.",
    ...rest,
  };
}

/** The file's exact text. */
export function indexDefinitionJsonSchemaText(): string {
  return `${JSON.stringify(indexDefinitionJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  mkdirSync(dirname(JSON_SCHEMA_PATH), { recursive: true });
  writeFileSync(JSON_SCHEMA_PATH, indexDefinitionJsonSchemaText(), "utf8");
  console.log(`wrote ${JSON_SCHEMA_PATH}`);
}
