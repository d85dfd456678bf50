/**
 * Writes schema/index-definition.schema.json, the JSON Schema editors use to check and complete
 * an index definition, from the zod schema (the single source of truth, so the two cannot drift:
 * a test compares the committed file with what this script produces).
 * Usage: npx tsx scripts/generate-json-schema.ts   (npm run schema)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { FORMAT, indexDefinitionSchema } from "../src/core/definition/schema";

export const JSON_SCHEMA_PATH = join(__dirname, "..", "schema", "index-definition.schema.json");

/** The JSON Schema of a definition as written in a file: fields with defaults are optional. */
export function indexDefinitionJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(indexDefinitionSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
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
