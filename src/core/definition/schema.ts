/**
 * The index definition format `index-definition/1` (../shared/design/index-definition.md).
 *
 * This zod schema is the single source of the definition's TypeScript types: every type below
 * is `z.infer` of a schema, never written by hand. Structural rules live here; rules that need
 * the whole tree (unique codes, references, reachable steps…) live in `checks.ts`.
 */
import { z } from "zod";

export const FORMAT = "index-definition/1";

/** A string in every language, or `{ vi, en }` with at least one of them. */
export const localizedText = z.union([
  z.string().trim().min(1),
  z
    .strictObject({ vi: z.string().trim().min(1).optional(), en: z.string().trim().min(1).optional() })
    .refine((t) => t.vi !== undefined || t.en !== undefined, { message: "localized-text-empty" }),
]);
export type LocalizedText = z.infer<typeof localizedText>;

/**
 * Codes are free text, case-sensitive after trimming, and compared in Unicode NFC: a definition
 * saved by an editor in NFD ("Hạ tầng" as a + combining marks) matches cells typed in NFC.
 */
export const nodeCode = z.string().trim().normalize("NFC").min(1);
/** Expressions name codes in brackets, so they are NFC too. */
const exprText = z.string().trim().normalize("NFC").min(1);

const finite = z.number().finite();
const direction = z.enum(["higher", "lower"]);
const across = z.enum(["all", "category"]);

export const inputType = z.enum(["number", "integer", "percent", "boolean", "choice", "text"]);
export type InputType = z.infer<typeof inputType>;

export const inputSchema = z.strictObject({
  code: nodeCode,
  name: localizedText.optional(),
  type: inputType.optional(),
  min: finite.optional(),
  max: finite.optional(),
  unit: z.string().optional(),
});
export type InputDefinition = z.infer<typeof inputSchema>;

/**
 * Rules that read one input take the indicator's only input; an indicator with several inputs
 * names the one a single-input rule reads with `input` (an addition to the written format).
 */
const singleInput = { input: nodeCode.optional() };

const pointsOrFraction = {
  fraction: z.number().min(0).max(1).optional(),
  points: z.number().min(0).optional(),
};

export const choiceOption = z
  .strictObject({
    value: z.string().trim().min(1),
    aliases: z.array(z.string().trim().min(1)).optional(),
    ...pointsOrFraction,
  })
  .refine((o) => (o.fraction === undefined) !== (o.points === undefined), { message: "fraction-xor-points" });
export type ChoiceOption = z.infer<typeof choiceOption>;

export const step = z
  .strictObject({ atLeast: finite.optional(), atMost: finite.optional(), ...pointsOrFraction })
  .refine((s) => (s.atLeast === undefined) !== (s.atMost === undefined), { message: "atleast-xor-atmost" })
  .refine((s) => (s.fraction === undefined) !== (s.points === undefined), { message: "fraction-xor-points" });
export type Step = z.infer<typeof step>;

export const ruleSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("points"), ...singleInput }),
  z.strictObject({ kind: z.literal("fraction"), ...singleInput }),
  z.strictObject({ kind: z.literal("boolean"), ...singleInput }),
  z.strictObject({ kind: z.literal("choice"), ...singleInput, options: z.array(choiceOption).min(1) }),
  z.strictObject({
    kind: z.literal("ratio"),
    numerator: nodeCode,
    denominator: nodeCode,
    cap: z.boolean().default(true),
    zeroDenominator: z.enum(["na", "zero", "full"]).default("na"),
  }),
  z.strictObject({
    kind: z.literal("target"),
    ...singleInput,
    // 0 is a target only for "lower" (no incidents: 1 when v ≤ 0, else 0); checks.ts says so for "higher".
    target: finite.min(0),
    direction: direction.default("higher"),
  }),
  z.strictObject({ kind: z.literal("steps"), ...singleInput, steps: z.array(step).min(1) }),
  z.strictObject({ kind: z.literal("count"), ...singleInput, pointsEach: z.number().positive() }),
  z.strictObject({ kind: z.literal("relative"), ...singleInput, direction: direction.default("higher"), across: across.default("all") }),
  z.strictObject({
    kind: z.literal("minmax"),
    ...singleInput,
    min: z.union([finite, z.literal("data")]),
    max: z.union([finite, z.literal("data")]),
    transform: z.enum(["none", "log"]).default("none"),
    clip: z.boolean().default(true),
    direction: direction.default("higher"),
    across: across.default("all"),
  }),
  z.strictObject({ kind: z.literal("expr"), expr: exprText }),
]);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleKind = Rule["kind"];

const nodeCommon = {
  code: nodeCode,
  name: localizedText,
  description: localizedText.optional(),
  max: z.number().min(0).finite().optional(),
  weight: z.number().finite().optional(),
};

export const indicatorSchema = z.strictObject({
  ...nodeCommon,
  inputs: z.array(inputSchema).min(1).optional(),
  rule: ruleSchema,
  evidence: z.enum(["required", "optional"]).default("optional"),
  appliesTo: z.array(z.string().trim().normalize("NFC").min(1)).optional(),
  allowNA: z.boolean().default(false),
});
export type IndicatorNode = z.infer<typeof indicatorSchema>;

export const aggregateKind = z.enum(["sum", "mean", "geomean", "min", "expr"]);
export type AggregateKind = z.infer<typeof aggregateKind>;

export interface GroupNode {
  code: string;
  name: LocalizedText;
  description?: LocalizedText | undefined;
  max?: number | undefined;
  weight?: number | undefined;
  aggregate: AggregateKind;
  expr?: string | undefined;
  rescale: boolean;
  appliesTo?: string[] | undefined;
  children: IndexNode[];
}
export type IndexNode = GroupNode | IndicatorNode;

// The group schema is recursive; its type is declared above because TypeScript cannot infer a
// recursive type, and `satisfies` below keeps schema and type from drifting apart.
export const groupSchema: z.ZodType<GroupNode, unknown> = z.lazy(() =>
  z.strictObject({
    ...nodeCommon,
    aggregate: aggregateKind.default("sum"),
    expr: exprText.optional(),
    rescale: z.boolean().default(false),
    appliesTo: z.array(z.string().trim().normalize("NFC").min(1)).optional(),
    children: z.array(nodeSchema).min(1),
  }),
);

/** A node with `children` is a group; any other node is an indicator. */
export const nodeSchema: z.ZodType<IndexNode, unknown> = z.lazy(() => z.union([groupSchema, indicatorSchema]));

/**
 * Category ids are free text like codes (only the index's own `id` is restricted to [a-z0-9-]+),
 * trimmed and compared in NFC; checks.ts rejects two categories with the same id.
 */
export const categorySchema = z.strictObject({
  id: z.string().trim().normalize("NFC").min(1),
  name: localizedText,
});
export type Category = z.infer<typeof categorySchema>;

export const rankingSchema = z.strictObject({
  method: z.enum(["competition", "dense", "ordinal"]).default("competition"),
  on: z.enum(["points", "value"]).optional(),
  decimals: z.number().int().min(0).max(12).optional(),
  within: z.enum(["all", "category"]).default("all"),
  nodes: z.enum(["none", "top", "all"]).default("top"),
  minCoverage: z.number().min(0).max(1).default(0),
  exclude: z.array(z.string().trim().normalize("NFC").min(1)).default([]),
});
export type Ranking = z.infer<typeof rankingSchema>;

export const indexDefinitionSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(FORMAT),
  id: z.string().trim().regex(/^[a-z0-9-]+$/, { message: "id-pattern" }),
  version: z.string().trim().min(1),
  name: localizedText,
  description: localizedText.optional(),
  unitLabel: localizedText.optional(),
  categories: z.array(categorySchema).optional(),
  missing: z.enum(["zero", "exclude"]).default("zero"),
  numberLocale: z.enum(["vi", "en", "auto"]).default("auto"),
  ranking: rankingSchema.default(() => rankingSchema.parse({})),
  root: groupSchema,
});

/** A definition after parsing: every default filled in. */
export type IndexDefinition = z.infer<typeof indexDefinitionSchema>;
/** A definition as written in a file: defaults may be left out. */
export type IndexDefinitionInput = z.input<typeof indexDefinitionSchema>;

export function isGroup(node: IndexNode): node is GroupNode {
  return Array.isArray((node as GroupNode).children);
}
