/**
 * Writes schema/index-definition.schema.json, the JSON Schema editors use to check and complete
 * an index definition, from the zod schema (the single source of truth, so the two cannot drift:
 * a test compares the committed file with what this script produces).
 * Usage: npx tsx scripts/generate-json-schema.ts   (npm run schema)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { FORMAT, choiceOption, indexDefinitionSchema, indicatorSchema, localizedText, step } from "../src/core/definition/schema";

export const JSON_SCHEMA_PATH = join(__dirname, "..", "schema", "index-definition.schema.json");

type JsonSchema = Record<string, unknown>;
interface ZodInternals {
  _zod: { def: { type: string; checks?: { _zod: { def: { check: string; tx?: (s: string) => unknown } } }[]; options?: unknown[] } };
}

const exactlyOne = (a: string, b: string): JsonSchema => ({ oneOf: [{ required: [a] }, { required: [b] }] });

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
 * - a weight is above 0 (the checks' weight-not-positive).
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
  if (type === "number") {
    if (json.maximum === undefined && json.exclusiveMaximum === undefined) json.maximum = Number.MAX_VALUE;
    if (json.minimum === undefined && json.exclusiveMinimum === undefined) json.minimum = -Number.MAX_VALUE;
  }
  if (ctx.zodSchema === (indicatorSchema.shape.weight as unknown as { unwrap(): unknown }).unwrap()) {
    delete json.minimum;
    json.exclusiveMinimum = 0;
  }
  if (ctx.zodSchema === choiceOption) Object.assign(json, exactlyOne("fraction", "points"));
  if (ctx.zodSchema === step) json.allOf = [exactlyOne("atLeast", "atMost"), exactlyOne("fraction", "points")];
  if (ctx.zodSchema === (localizedText as unknown as ZodInternals)._zod.def.options?.[1]) json.minProperties = 1;
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
  return {
    $schema,
    title: `Index definition (${FORMAT})`,
    description:
      "Bộ chỉ số đánh giá: chỉ tiêu, cách chấm điểm, cách cộng dồn và xếp hạng. / An index definition: what is measured, how each measure is scored, how scores add up and how units are ranked. Generated from the zod schema in src/core/definition/schema.ts; do not edit by hand.",
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
