import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import { JSON_SCHEMA_PATH, indexDefinitionJsonSchema, indexDefinitionJsonSchemaText } from "../../../scripts/generate-json-schema";
import { BUILTIN_INDICES } from "../../indices";
import { parseDefinition } from "./parse";

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

describe("the shipped JSON Schema and the parser give the same verdict", () => {
  // strictNumbers off, as in editors' validators: the schema itself must reject what JSON parsers read 1e400 as (Infinity).
  const validate = new Ajv2020({ allErrors: true, strictNumbers: false }).compile(JSON.parse(readFileSync(JSON_SCHEMA_PATH, "utf8")) as object);

  const indicator = (extra: Record<string, unknown> = {}) => ({ code: "a", name: "Chỉ tiêu a", max: 10, rule: { kind: "points" }, ...extra });
  const definition = (extra: Record<string, unknown> = {}, root: Record<string, unknown> = {}) => ({
    format: "index-definition/1",
    id: "thu",
    version: "1",
    name: "Bộ chỉ số thử",
    root: { code: "R", name: "Tổng", children: [indicator()], ...root },
    ...extra,
  });
  const withIndicator = (extra: Record<string, unknown>) => definition({}, { children: [indicator(extra)] });
  /** A root group (no max) over an indicator "a" of value 0…1, with `root` and `child` fields added. */
  const group = (root: Record<string, unknown>, child: Record<string, unknown> = {}) =>
    definition({}, { children: [{ code: "a", name: "a", rule: { kind: "fraction" }, ...child }], ...root });
  const choice = (options: unknown[]) => withIndicator({ rule: { kind: "choice", options } });
  const steps = (list: unknown[]) => withIndicator({ rule: { kind: "steps", steps: list } });

  const cases: [string, unknown, boolean][] = [
    ...BUILTIN_INDICES.map((b): [string, unknown, boolean] => [`built-in ${b.id}`, b.definition, true]),
    ["a plain definition", definition(), true],
    ["an id with spaces around it (trimmed)", definition({ id: " thu " }), true],
    ["an id in capitals", definition({ id: "Thu" }), false],
    ["a blank version", definition({ version: "  " }), false],
    ["a name in both languages", definition({ name: { vi: "Thử", en: "Test" } }), true],
    ["a name in one language", definition({ name: { en: "Test" } }), true],
    ["a name {}", definition({ name: {} }), false],
    ["a blank name", definition({ name: "   " }), false],
    ["a name whose only language is blank", definition({ name: { vi: " " } }), false],
    ["a description {}", definition({ description: {} }), false],
    ["a blank node code", definition({}, { code: " " }), false],
    ["a blank category id", definition({ categories: [{ id: " ", name: "Nhóm" }] }), false],
    ["a blank ranking.exclude entry", definition({ ranking: { exclude: [" "] } }), false],
    ["a blank expression", withIndicator({ rule: { kind: "expr", expr: " " } }), false],
    ["a choice option with a fraction", choice([{ value: "Có", fraction: 1 }]), true],
    ["a choice option with points", choice([{ value: "Có", points: 10 }]), true],
    ["a choice option with both fraction and points", choice([{ value: "Có", fraction: 1, points: 10 }]), false],
    ["a choice option with neither fraction nor points", choice([{ value: "Có" }]), false],
    ["a step with atLeast and a fraction", steps([{ atLeast: 1, fraction: 1 }]), true],
    ["a step with atMost and points", steps([{ atMost: 1, points: 5 }]), true],
    ["a step with both atLeast and atMost", steps([{ atLeast: 1, atMost: 3, fraction: 1 }]), false],
    ["a step with neither atLeast nor atMost", steps([{ fraction: 1 }]), false],
    ["a step with both fraction and points", steps([{ atLeast: 1, fraction: 1, points: 5 }]), false],
    ["a max of 1e400 (Infinity once read)", withIndicator({ max: Infinity }), false],
    ["an input max of -1e400", withIndicator({ inputs: [{ code: "a", min: -Infinity }] }), false],
    ["a weight of 2 under mean", definition({}, { aggregate: "mean", children: [{ code: "a", name: "a", rule: { kind: "fraction" }, weight: 2 }] }), true],
    ["a weight of -1", definition({}, { aggregate: "mean", children: [{ code: "a", name: "a", rule: { kind: "fraction" }, weight: -1 }] }), false],
    ["a weight of 0", definition({}, { aggregate: "mean", children: [{ code: "a", name: "a", rule: { kind: "fraction" }, weight: 0 }] }), false],
    ["a negative max", withIndicator({ max: -1 }), false],
    ["ranking.decimals 13", definition({ ranking: { decimals: 13 } }), false],
    // What the whole-definition checks say about one group, indicator or rule, which JSON Schema can say too.
    ["an expr group with its expression", group({ aggregate: "expr", expr: "[a] * 2" }), true],
    ['"aggregate": "expr" without "expr"', group({ aggregate: "expr" }), false],
    ['"expr" on a sum group (the default aggregate)', group({ expr: "[a]" }), false],
    ['"expr" on a mean group', group({ aggregate: "mean", expr: "[a]" }), false],
    ['"rescale": true on a sum group', definition({}, { max: 100, rescale: true }), true],
    ['"rescale": true on a mean group', group({ aggregate: "mean", rescale: true }), false],
    ['"rescale": false on a mean group', group({ aggregate: "mean", rescale: false }), true],
    ["a weight of 1 on a child of a sum group", withIndicator({ weight: 1 }), true],
    ["a weight of 2 on a child of a sum group", withIndicator({ weight: 2 }), false],
    ["a weight of 2 on a child of a min group", group({ aggregate: "min" }, { weight: 2 }), false],
    ["a weight of 2 under geomean", group({ aggregate: "geomean" }, { weight: 2 }), true],
    ["a points rule without max", definition({}, { aggregate: "mean", children: [{ code: "a", name: "a", rule: { kind: "points" } }] }), false],
    ["a count rule without max", definition({}, { aggregate: "mean", children: [{ code: "a", name: "a", rule: { kind: "count", pointsEach: 2 } }] }), false],
    ["a count rule with max", withIndicator({ rule: { kind: "count", pointsEach: 2 } }), true],
    [
      "a choice option scored in points without the indicator's max",
      definition({}, { aggregate: "mean", children: [{ code: "a", name: "a", rule: { kind: "choice", options: [{ value: "Có", points: 5 }, { value: "Không", fraction: 0 }] } }] }),
      false,
    ],
    [
      "a step scored in points without the indicator's max",
      definition({}, { aggregate: "mean", children: [{ code: "a", name: "a", rule: { kind: "steps", steps: [{ atLeast: 1, points: 5 }] } }] }),
      false,
    ],
    [
      "steps scored in fractions without max",
      definition({}, { aggregate: "mean", children: [{ code: "a", name: "a", rule: { kind: "steps", steps: [{ atLeast: 1, fraction: 1 }] } }] }),
      true,
    ],
    ["a target of 0 (higher, the default)", withIndicator({ rule: { kind: "target", target: 0 } }), false],
    ['a target of 0 with "higher"', withIndicator({ rule: { kind: "target", target: 0, direction: "higher" } }), false],
    ['a target of 0 with "lower"', withIndicator({ rule: { kind: "target", target: 0, direction: "lower" } }), true],
    ["a target of 5 (higher)", withIndicator({ rule: { kind: "target", target: 5 } }), true],
    ["a log transform with a bound of 0", withIndicator({ rule: { kind: "minmax", min: 0, max: 100, transform: "log" } }), false],
    ["a log transform with a negative bound", withIndicator({ rule: { kind: "minmax", min: 1, max: -5, transform: "log" } }), false],
    ["a log transform with bounds above 0 or from the data", withIndicator({ rule: { kind: "minmax", min: "data", max: 75000, transform: "log" } }), true],
    ["minmax bounds of 0 without a log transform", withIndicator({ rule: { kind: "minmax", min: 0, max: 100 } }), true],
  ];

  test.each(cases)("%s", (_label, value, accepted) => {
    // Infinity stands for what a JSON parser makes of 1e400; JSON.stringify would write null.
    const parsed = parseDefinition(value);
    expect({ parser: parsed.ok, problems: parsed.ok ? [] : parsed.problems.map((p) => p.code) }).toMatchObject({ parser: accepted });
    expect({ jsonSchema: validate(value), errors: validate.errors?.map((e) => `${e.instancePath} ${e.message}`) ?? null }).toMatchObject({ jsonSchema: accepted });
  });

  test("what the JSON Schema cannot say (it compares two numbers of the file) is the parser's alone, as the notes say", () => {
    const onlyParser = [
      withIndicator({ inputs: [{ code: "a", min: 10, max: 5 }] }),
      withIndicator({ rule: { kind: "minmax", min: 20, max: 20 } }),
      withIndicator({ rule: { kind: "choice", options: [{ value: "Có", points: 15 }, { value: "Không", fraction: 0 }] } }),
    ];
    for (const value of onlyParser) {
      expect(parseDefinition(value).ok).toBe(false);
      expect(validate(value)).toBe(true);
    }
  });

  test("1e400 written in a file is read as Infinity, and so rejected by both", () => {
    const text = JSON.stringify(definition()).replace('"max":10', '"max":1e400');
    const value = JSON.parse(text) as unknown;
    expect(validate(value)).toBe(false);
    expect(parseDefinition(value).ok).toBe(false);
  });
});
