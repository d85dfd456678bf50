/**
 * What an editor (VS Code) makes of the shipped JSON Schema, beyond the verdicts the other
 * JSON Schema tests compare with the parser's: the rule kinds it offers, the whole numbers it
 * takes as the parser reads them, the "80 for 80%" mistake it underlines, and the "$schema" lines
 * of the definitions in the repository, which must lead it to the schema.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Ajv2020 from "ajv/dist/2020";
import { JSON_SCHEMA_PATH } from "../../../scripts/generate-json-schema";
import { parseDefinition } from "./parse";
import { ruleSchema } from "./schema";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const shipped = (): Json => JSON.parse(readFileSync(JSON_SCHEMA_PATH, "utf8")) as Json;

/** Every subschema of the file, with where it is. */
function subschemas(node: unknown, at = "", out: Array<[string, Json]> = []): Array<[string, Json]> {
  if (Array.isArray(node)) node.forEach((n, k) => subschemas(n, `${at}[${k}]`, out));
  else if (isObject(node)) {
    out.push([at, node]);
    for (const [key, value] of Object.entries(node)) subschemas(value, `${at}.${key}`, out);
  }
  return out;
}

const KINDS = ["points", "fraction", "boolean", "choice", "ratio", "target", "steps", "count", "relative", "minmax", "expr"];

describe("VS Code offers every rule kind, each explained", () => {
  // VS Code completes a value from the schemas that apply where the cursor is. Inside a rule whose
  // "kind" is not written yet, no option of the rule (one per kind, each with its "kind" as a
  // const) matches, and VS Code takes the ones that fail least: "expr" was never offered, and five
  // kinds came without a description. Declared on the rule itself, "kind" applies whatever the
  // rule's other fields are.
  const rules = subschemas(shipped()).filter(([at, s]) => at.endsWith(".properties.rule") && Array.isArray(s.oneOf));

  test("the rule declares its own \"kind\": one of the eleven kinds, a line in both languages for each", () => {
    expect(rules).toHaveLength(1);
    const rule = rules[0]![1];
    expect(rule.required).toEqual(["kind"]);
    const kind = (rule.properties as Record<string, Json>).kind!;
    expect(kind.enum).toEqual(KINDS);
    // Every kind the parser knows, in the order of the rule's options.
    expect(kind.enum).toEqual(ruleSchema.options.map((o) => o.shape.kind.value));
    const options = (rule.oneOf as Json[]).map((o) => (o.properties as Record<string, Json>).kind!);
    expect(options.map((o) => o.const)).toEqual(KINDS);
    // The line shown beside each kind is the description of that kind's option.
    expect(kind.markdownEnumDescriptions).toEqual(options.map((o) => o.description));
    for (const [k, line] of (kind.markdownEnumDescriptions as string[]).entries()) {
      const [en, vi] = line.split(" / ");
      expect({ kind: KINDS[k], en: en!.startsWith(`"${KINDS[k]!}": `), vi: vi?.startsWith(`"${KINDS[k]!}": `) }).toEqual({ kind: KINDS[k], en: true, vi: true });
    }
    expect(String(kind.description)).toMatch(/^The kind of rule: .* \/ Loại quy tắc: /);
  });

  test("declaring it accepts and rejects exactly what the options did: every kind, and nothing else", () => {
    const ajv = new Ajv2020({ allErrors: true, strictNumbers: false }).addKeyword({ keyword: "markdownEnumDescriptions", schemaType: "array" });
    const validate = ajv.compile(shipped());
    const rules: Record<string, Json> = {
      points: { kind: "points" },
      fraction: { kind: "fraction" },
      boolean: { kind: "boolean" },
      choice: { kind: "choice", options: [{ value: "Có", fraction: 1 }] },
      ratio: { kind: "ratio", numerator: "a", denominator: "a" },
      target: { kind: "target", target: 5 },
      steps: { kind: "steps", steps: [{ atLeast: 1, fraction: 1 }] },
      count: { kind: "count", pointsEach: 1 },
      relative: { kind: "relative" },
      minmax: { kind: "minmax", min: 0, max: 10 },
      expr: { kind: "expr", expr: "[a] / 10" },
    };
    const definition = (rule: unknown) => ({ format: "index-definition/1", id: "thu", version: "1", name: "Thử", root: { code: "R", name: "R", children: [{ code: "a", name: "a", max: 10, rule }] } });
    expect(Object.keys(rules)).toEqual(KINDS);
    for (const [kind, rule] of Object.entries(rules)) {
      expect({ kind, parser: parseDefinition(definition(rule)).ok, schema: validate(definition(rule)) }).toEqual({ kind, parser: true, schema: true });
    }
    for (const kind of ["Points", " points", "exp", "", 1, null]) {
      expect({ kind, parser: parseDefinition(definition({ kind })).ok, schema: validate(definition({ kind })) }).toEqual({ kind, parser: false, schema: false });
    }
    expect(validate(definition({}))).toBe(false);
  });
});

describe("whole numbers as the parser reads them", () => {
  test("no field says \"type\": \"integer\", which VS Code checks on the number as written (2.0 underlined); a whole number is a multiple of 1", () => {
    const integers = subschemas(shipped()).filter(([, s]) => s.type === "integer" || (Array.isArray(s.type) && s.type.includes("integer")));
    expect(integers.map(([at]) => at)).toEqual([]);
    const decimals = ((shipped().properties as Record<string, Json>).ranking!.properties as Record<string, Json>).decimals!;
    expect(decimals).toMatchObject({ type: "number", multipleOf: 1, minimum: 0, maximum: 12 });
  });

  test("\"decimals\": 2.0 is taken by the parser and the schema alike, 2.5 refused by both", () => {
    const ajv = new Ajv2020({ allErrors: true, strictNumbers: false }).addKeyword({ keyword: "markdownEnumDescriptions", schemaType: "array" });
    const validate = ajv.compile(shipped());
    const text = (decimals: string) =>
      `{ "format": "index-definition/1", "id": "thu", "version": "1", "name": "Thử", "ranking": { "decimals": ${decimals} }, "root": { "code": "R", "name": "R", "children": [{ "code": "a", "name": "a", "max": 10, "rule": { "kind": "points" } }] } }`;
    for (const [written, ok] of [["2", true], ["2.0", true], ["2e0", true], ["12", true], ["2.5", false], ["13", false]] as const) {
      const value = JSON.parse(text(written)) as unknown;
      expect({ written, parser: parseDefinition(value).ok, schema: validate(value) }).toEqual({ written, parser: ok, schema: ok });
    }
  });
});

describe("a threshold written as 80 for 80% on a percentage is underlined, as the parser refuses it (percent-scale)", () => {
  const ajv = new Ajv2020({ allErrors: true, strictNumbers: false }).addKeyword({ keyword: "markdownEnumDescriptions", schemaType: "array" });
  const validate = ajv.compile(shipped());
  const strict = new Ajv2020({ strict: true, allErrors: true }).addKeyword("markdownEnumDescriptions").compile(shipped());
  const definition = (inputs: unknown[] | undefined, rule: Json) => ({
    format: "index-definition/1",
    id: "thu",
    version: "1",
    name: "Thử",
    root: { code: "R", name: "R", aggregate: "mean", children: [{ code: "a", name: "a", ...(inputs ? { inputs } : {}), rule }] },
  });
  const percent = (extra: Json = {}) => [{ code: "x", type: "percent", ...extra }];
  const cases: [string, unknown, boolean, string | null][] = [
    ["a target of 80 on a percent input", definition(percent(), { kind: "target", target: 80 }), false, "/root/children/0/rule/target"],
    ["a target of 0.8 on a percent input", definition(percent(), { kind: "target", target: 0.8 }), true, null],
    ["a target of 1 (100%) on a percent input", definition(percent(), { kind: "target", target: 1 }), true, null],
    ["a target of 80 on a percent input with max 1", definition(percent({ max: 1 }), { kind: "target", target: 80 }), false, "/root/children/0/rule/target"],
    ["a target of 1.5 on a percent input with max 2 (above 100% allowed)", definition(percent({ max: 2 }), { kind: "target", target: 1.5 }), true, null],
    ["a target of 80 on a percent input the rule names", definition(percent(), { kind: "target", input: "x", target: 80 }), false, "/root/children/0/rule/target"],
    ["a target of 80 on a number input", definition([{ code: "x", type: "number" }], { kind: "target", target: 80 }), true, null],
    ["a target of 80 on an input without type (a number, for a target rule)", definition([{ code: "x" }], { kind: "target", target: 80 }), true, null],
    ["a target of 80 without inputs (one number input)", definition(undefined, { kind: "target", target: 80 }), true, null],
    ["steps at 80 and 50 on a percent input", definition(percent(), { kind: "steps", steps: [{ atLeast: 80, fraction: 1 }, { atMost: 50, fraction: 0 }] }), false, "/root/children/0/rule/steps/0/atLeast"],
    ["steps at 0.8 and 0.5 on a percent input", definition(percent(), { kind: "steps", steps: [{ atLeast: 0.8, fraction: 1 }, { atMost: 0.5, fraction: 0 }] }), true, null],
    ["a step at 110% (1.1) on a percent input with max 1.2", definition(percent({ max: 1.2 }), { kind: "steps", steps: [{ atLeast: 1.1, fraction: 1 }] }), true, null],
    ["minmax from 20 to 100 on a percent input", definition(percent(), { kind: "minmax", min: 20, max: 100 }), false, "/root/children/0/rule/min"],
    ["minmax from the data to 100 on a percent input", definition(percent(), { kind: "minmax", min: "data", max: 100 }), false, "/root/children/0/rule/max"],
    ["minmax from 0.2 to the data on a percent input", definition(percent(), { kind: "minmax", min: 0.2, max: "data" }), true, null],
    ["minmax from 20 to 100 on a number input", definition([{ code: "x", type: "number" }], { kind: "minmax", min: 20, max: 100 }), true, null],
  ];

  test.each(cases)("%s", (_label, value, accepted, where) => {
    const parsed = parseDefinition(value);
    expect({ parser: parsed.ok, percentScale: parsed.ok ? false : parsed.problems.some((p) => p.code === "percent-scale") }).toEqual({ parser: accepted, percentScale: !accepted });
    expect({ schema: validate(value), strict: strict(value) }).toEqual({ schema: accepted, strict: accepted });
    // Underlined where the parser says it: at the threshold, "above the maximum of 1".
    if (where !== null) expect(validate.errors?.some((e) => e.instancePath === where && e.keyword === "maximum" && e.params.limit === 1)).toBe(true);
  });

  test("among several inputs, the one a rule names is found by its code: the parser's alone", () => {
    const value = definition([{ code: "x", type: "percent" }, { code: "y" }], { kind: "target", input: "x", target: 80 });
    expect(parseDefinition(value).ok).toBe(false);
    expect(validate(value)).toBe(true);
  });
});

describe("an input an expression names that it cannot read (a choice, a text) is underlined at its \"type\", where the parser says input-type-mismatch", () => {
  const ajv = new Ajv2020({ allErrors: true, strictNumbers: false }).addKeyword({ keyword: "markdownEnumDescriptions", schemaType: "array" });
  const validate = ajv.compile(shipped());
  const strict = new Ajv2020({ strict: true, allErrors: true }).addKeyword("markdownEnumDescriptions").compile(shipped());
  const definition = (inputs: unknown[], expr: string) => ({
    format: "index-definition/1",
    id: "thu",
    version: "1",
    name: "Thử",
    root: { code: "R", name: "R", aggregate: "mean", children: [{ code: "a", name: "a", inputs, rule: { kind: "expr", expr } }] },
  });
  const cases: [string, unknown, string[]][] = [
    ["a choice input", definition([{ code: "x", type: "choice" }], "IF([x] = 1, 1, 0)"), ["/root/children/0/inputs/0/type"]],
    ["a text input", definition([{ code: "x", type: "text" }], "[x] / 10"), ["/root/children/0/inputs/0/type"]],
    ["a choice and a text input, the text one named", definition([{ code: "x", type: "choice" }, { code: "y", type: "text" }], "[y]"), ["/root/children/0/inputs/0/type", "/root/children/0/inputs/1/type"]],
  ];

  test.each(cases)("%s", (_label, value, where) => {
    const parsed = parseDefinition(value);
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.code)).toContain("input-type-mismatch");
    expect({ schema: validate(value), strict: strict(value) }).toEqual({ schema: false, strict: false });
    const at = (validate.errors ?? []).filter((e) => e.keyword === "enum").map((e) => e.instancePath);
    expect(at.sort()).toEqual(where);
    // Allowed there: the types an expression reads.
    const allowed = validate.errors!.find((e) => e.keyword === "enum")!.params.allowedValues as string[];
    expect(allowed).toEqual(["number", "integer", "percent", "boolean"]);
  });

  test("the same inputs under an expression that names none of them are accepted by both", () => {
    const value = definition([{ code: "x", type: "choice" }, { code: "y", type: "text" }], "1");
    expect({ parser: parseDefinition(value).ok, schema: validate(value), strict: strict(value) }).toEqual({ parser: true, schema: true, strict: true });
  });
});

describe("the definitions in the repository point editors at the schema", () => {
  const root = join(__dirname, "../../..");
  const definitions = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? definitions(join(dir, e.name)) : e.name.endsWith(".json") ? [join(dir, e.name)] : []));
  const files = [...definitions(join(root, "src/indices")), ...definitions(join(root, "test/fixtures"))].filter((f) => /"format":\s*"index-definition\/1"/.test(readFileSync(f, "utf8")));

  test("every \"$schema\" line, resolved against its file as VS Code resolves it, is the shipped schema", () => {
    expect(files.length).toBeGreaterThanOrEqual(11);
    const wrong = files.flatMap((file) => {
      const { $schema } = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, "")) as { $schema?: string };
      if ($schema === undefined) return [];
      // A URI reference resolved against the file's URI: forward slashes, no drive letter.
      const target = fileURLToPath(new URL($schema, pathToFileURL(file)));
      return target === JSON_SCHEMA_PATH && existsSync(target) && !$schema.includes("\\") ? [] : [`${relative(root, file)}: ${$schema} → ${relative(dirname(file), target)}`];
    });
    expect(wrong).toEqual([]);
    // The former releases of the built-ins, kept as they were shipped, carry one too.
    expect(files.filter((f) => f.includes("former-builtins")).length).toBe(7);
  });
});
