import { readFileSync } from "node:fs";
import { JSON_SCHEMA_PATH, indexDefinitionJsonSchema, indexDefinitionJsonSchemaText } from "../../../scripts/generate-json-schema";

describe("the JSON Schema for editors", () => {
  test("the committed schema file is exactly what the generator writes from the zod schema now", () => {
    expect(readFileSync(JSON_SCHEMA_PATH, "utf8")).toBe(indexDefinitionJsonSchemaText());
  });

  test("fields with defaults are optional, so a definition may leave them out", () => {
    const schema = indexDefinitionJsonSchema() as { required: string[]; title: string; $defs: { group: { required: string[] } } };
    expect(schema.title).toContain("index-definition/1");
    expect(schema.required.sort()).toEqual(["format", "id", "name", "root", "version"]);
    expect(schema.$defs.group.required.sort()).toEqual(["children", "code", "name"]);
  });
});
