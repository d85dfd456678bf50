import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import { JSON_SCHEMA_PATH, indexDefinitionJsonSchema, indexDefinitionJsonSchemaText } from "../../../scripts/generate-json-schema";
import { BUILTIN_INDICES } from "../../indices";
import { parseDefinition } from "./parse";

describe("the JSON Schema for editors", () => {
  test("the committed schema file is exactly what the generator writes from the zod schema now", () => {
    expect(readFileSync(JSON_SCHEMA_PATH, "utf8")).toBe(indexDefinitionJsonSchemaText());
  });

  test("each rule of a group, indicator or input is in the schema once, so that an editor says each problem once", () => {
    const seen: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
      if (node === null || typeof node !== "object") return;
      const allOf = (node as { allOf?: unknown }).allOf;
      if (Array.isArray(allOf)) {
        const clauses = allOf.map((c) => JSON.stringify(c));
        expect([path, new Set(clauses).size]).toEqual([path, clauses.length]);
        seen.push(path);
      }
      for (const [k, v] of Object.entries(node)) walk(v, `${path}/${k}`);
    };
    walk(indexDefinitionJsonSchema(), "#");
    expect(seen).toEqual(expect.arrayContaining(["#/$defs/group"]));
  });

  test("fields with defaults are optional, so a definition may leave them out", () => {
    const schema = indexDefinitionJsonSchema() as { required: string[]; title: string; $defs: { group: { required: string[] } } };
    expect(schema.title).toContain("index-definition/1");
    expect(schema.required.sort()).toEqual(["format", "id", "name", "root", "version"]);
    expect(schema.$defs.group.required.sort()).toEqual(["children", "code", "name"]);
  });
});

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Every schema of the file that describes a field, an item of a list or a rule, with where it is:
 * the properties of each object, the items of each list, the options of each union, in the whole
 * file and its $defs. The `if`/`then`/`else`/`not` and `allOf` clauses that say what the parser's
 * checks say are left out: they restate fields, they do not define them.
 */
function fieldSchemas(node: unknown, at: string, out: Array<[string, Json]> = []): Array<[string, Json]> {
  if (Array.isArray(node)) {
    node.forEach((n, k) => fieldSchemas(n, `${at}[${k}]`, out));
    return out;
  }
  if (!isObject(node)) return out;
  for (const [key, value] of Object.entries(node)) {
    if (["if", "then", "else", "not", "allOf", "default"].includes(key)) continue;
    if (key === "properties" && isObject(value)) {
      for (const [name, field] of Object.entries(value)) {
        if (isObject(field)) out.push([`${at}.${name}`, field]);
        fieldSchemas(field, `${at}.${name}`, out);
      }
    } else fieldSchemas(value, `${at}.${key}`, out);
  }
  return out;
}

describe("the JSON Schema explains every field to an editor's hover", () => {
  const schema = JSON.parse(readFileSync(JSON_SCHEMA_PATH, "utf8")) as Json;
  const fields = fieldSchemas(schema, "");
  const isBilingual = (d: string): boolean => {
    const parts = d.split(" / ");
    return parts.some((_, k) => {
      if (k === 0) return false;
      const en = parts.slice(0, k).join(" / ");
      const vi = parts.slice(k).join(" / ");
      // Diacritics per letter: Vietnamese has them on most words, English only in quoted examples.
      const marks = (t: string): number => (t.normalize("NFD").match(/[\u0300-\u036f]|đ/giu) ?? []).length / Math.max(1, (t.match(/\p{L}/gu) ?? []).length);
      return /^["$\p{Lu}\d]/u.test(en) && /[.)]$/.test(en) && /^["$\p{Lu}\d]/u.test(vi) && /[.)]$/.test(vi) && marks(en) < 0.12 && marks(vi) > Math.max(0.12, 2 * marks(en));
    });
  };

  test("every property of every object has a description, English first and Vietnamese after it", () => {
    expect(fields.length).toBeGreaterThan(80);
    const without = fields.filter(([, f]) => typeof f.description !== "string").map(([at]) => at);
    expect(without).toEqual([]);
    const notBilingual = fields.filter(([, f]) => !isBilingual(String(f.description)));
    expect(notBilingual.map(([at, f]) => `${at}: ${String(f.description)}`)).toEqual([]);
  });

  test("a field's default is said in its description", () => {
    const withDefault = fields.filter(([, f]) => "default" in f && !isObject(f.default));
    // A sanity check of the check itself: the notion of a bilingual description.
    expect([isBilingual("Yes. / Có."), isBilingual("Yes. Có."), isBilingual("Có. / Yes."), isBilingual("Yes / no.")]).toEqual([true, false, false, false]);
    expect(withDefault.length).toBeGreaterThan(15);
    // An empty list by default is said "(default: none)".
    const said = (f: Json): string => (Array.isArray(f.default) && f.default.length === 0 ? "(default: none)" : `(default: ${JSON.stringify(f.default)}`);
    const unsaid = withDefault.filter(([, f]) => !String(f.description).includes(said(f)));
    expect(unsaid.map(([at, f]) => `${at}: ${JSON.stringify(f.default)} — ${String(f.description)}`)).toEqual([]);
  });

  test("every enum has a line per value for VS Code's completion list, in both languages", () => {
    const enums = fields.filter(([, f]) => Array.isArray(f.enum));
    for (const name of [".ranking.method", ".missing", ".numberLocale", ".$defs.group.aggregate", ".zeroDenominator", ".inputs.items.type"]) {
      expect(enums.some(([at]) => at.endsWith(name))).toBe(true);
    }
    for (const [at, f] of enums) {
      const lines = f.markdownEnumDescriptions as string[] | undefined;
      expect({ at, lines: lines?.length }).toEqual({ at, lines: (f.enum as unknown[]).length });
      for (const line of lines!) expect({ at, line, bilingual: isBilingual(line) }).toEqual({ at, line, bilingual: true });
    }
  });

  test("every rule kind is described, on the rule and on its \"kind\"", () => {
    const rules = fields.filter(([at, f]) => at.endsWith(".rule") && Array.isArray(f.oneOf));
    expect(rules).toHaveLength(1);
    const kinds = (rules[0]![1].oneOf as Json[]).map((r) => {
      const kind = (r.properties as Record<string, Json>).kind!;
      return { kind: kind.const, rule: typeof r.description, hover: String(kind.description).startsWith(`"${String(kind.const)}": `) };
    });
    expect(kinds.map((k) => k.kind)).toEqual(["points", "fraction", "boolean", "choice", "ratio", "target", "steps", "count", "relative", "minmax", "expr"]);
    for (const k of kinds) expect(k).toEqual({ kind: k.kind, rule: "string", hover: true });
  });

  test("the fields the audit named say what an official needs to know", () => {
    const at = (suffix: string): string => String(fields.find(([a]) => a.endsWith(suffix))?.[1].description);
    expect(at(".zeroDenominator")).toMatch(/^What a ratio gives when its denominator is 0 \(default: "na"\)\. \/ Giá trị của tỷ lệ khi mẫu số bằng 0/);
    expect(at(".ranking.minCoverage")).toContain("(default: 0)");
    expect(at(".allowNA")).toContain("(default: false");
    expect(at(".missing")).toContain('(default: "zero")');
    expect(at(".group.rescale")).toContain("(default: false");
    expect(at(".group.appliesTo")).toContain("default: every unit");
  });
});

describe("the shipped JSON Schema and the parser give the same verdict", () => {
  // strictNumbers off, as in editors' validators: the schema itself must reject what JSON parsers read 1e400 as (Infinity).
  // markdownEnumDescriptions is VS Code's annotation (a line per enum value); it validates nothing.
  const ajv = new Ajv2020({ allErrors: true, strictNumbers: false }).addKeyword({ keyword: "markdownEnumDescriptions", schemaType: "array" });
  const validate = ajv.compile(JSON.parse(readFileSync(JSON_SCHEMA_PATH, "utf8")) as object);
  // A strict Ajv (unknown keywords, required fields not declared beside them… are errors) compiles
  // it too, once told VS Code's keyword, as the notes say.
  const strict = new Ajv2020({ strict: true, allErrors: true }).addKeyword("markdownEnumDescriptions");
  const validateStrict = strict.compile(JSON.parse(readFileSync(JSON_SCHEMA_PATH, "utf8")) as object);

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
    ["a choice option with names in both languages", choice([{ value: "Có", name: { vi: "Có", en: "Yes" }, fraction: 1 }]), true],
    ["a choice option with its English name only", choice([{ value: "Có", name: { en: "Yes" }, fraction: 1 }]), true],
    ["a choice option with one name for every language", choice([{ value: "Có", name: "Yes", fraction: 1 }]), true],
    ["a choice option with a name {}", choice([{ value: "Có", name: {}, fraction: 1 }]), false],
    ["a choice option with a blank name", choice([{ value: "Có", name: { en: " " }, fraction: 1 }]), false],
    ["an input unit as one text", withIndicator({ inputs: [{ code: "a", unit: "văn bản" }] }), true],
    ["an input unit in both languages", withIndicator({ inputs: [{ code: "a", unit: { vi: "văn bản", en: "documents" } }] }), true],
    ["an input unit in English only", withIndicator({ inputs: [{ code: "a", unit: { en: "documents" } }] }), true],
    ["a blank input unit, accepted as before", withIndicator({ inputs: [{ code: "a", unit: "" }] }), true],
    ["an input unit {}", withIndicator({ inputs: [{ code: "a", unit: {} }] }), false],
    ["an input unit with a blank language", withIndicator({ inputs: [{ code: "a", unit: { vi: "văn bản", en: " " } }] }), false],
    ["an input unit in another language", withIndicator({ inputs: [{ code: "a", unit: { fr: "documents" } }] }), false],
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
    ['"rescale": true on a sum root without max', definition({}, { rescale: true }), false],
    ['"rescale": true on a sum group without max', definition({}, { children: [{ code: "G", name: "G", rescale: true, children: [indicator()] }] }), false],
    ['"rescale": true on a sum group with a max', definition({}, { children: [{ code: "G", name: "G", max: 50, rescale: true, children: [indicator()] }] }), true],
    ["a weight of 2 on the root", definition({}, { aggregate: "mean", weight: 2 }), false],
    ["a weight of 1 on the root", definition({}, { weight: 1 }), true],
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
    // sum-child-without-max: under a sum group (the default aggregate) a child needs a max, unless it is a sum group itself.
    ["an indicator without max under a sum group (the default aggregate)", group({}), false],
    ['an indicator without max under "aggregate": "sum"', group({ aggregate: "sum" }), false],
    ["an indicator without max under a mean group", group({ aggregate: "mean" }), true],
    ["a mean group without max under a sum group", definition({}, { children: [{ code: "G", name: "G", aggregate: "mean", children: [{ code: "a", name: "a", rule: { kind: "fraction" } }] }] }), false],
    ["a mean group with a max under a sum group", definition({}, { children: [{ code: "G", name: "G", aggregate: "mean", max: 10, children: [{ code: "a", name: "a", rule: { kind: "fraction" } }] }] }), true],
    ["a sum group without max under a sum group, its children with max", definition({}, { children: [{ code: "G", name: "G", children: [indicator()] }] }), true],
    ["a sum group without max under a sum group, its child without max", definition({}, { children: [{ code: "G", name: "G", children: [{ code: "a", name: "a", rule: { kind: "fraction" } }] }] }), false],
    // ranking-within-without-categories
    ['"within": "category" without categories', definition({ ranking: { within: "category" } }), false],
    ['"within": "category" with an empty list of categories', definition({ categories: [], ranking: { within: "category" } }), false],
    ['"within": "category" with categories', definition({ categories: [{ id: "co-dvc", name: "Có DVC" }], ranking: { within: "category" } }), true],
    ['"within": "all" without categories', definition({ ranking: { within: "all" } }), true],
    // applies-to-empty, categories-empty: an empty list would silently mean no unit, no category.
    ["an empty list of categories", definition({ categories: [] }), false],
    ["an empty appliesTo on an indicator", definition({ categories: [{ id: "c", name: "C" }] }, { children: [indicator({ appliesTo: [] })] }), false],
    ["an empty appliesTo on a group", definition({ categories: [{ id: "c", name: "C" }] }, { appliesTo: [] }), false],
    ["an appliesTo naming a category", definition({ categories: [{ id: "c", name: "C" }] }, { appliesTo: ["c"] }), true],
    // reserved-code: the names every JavaScript object has, for a node, an input or a category, spaces around them ignored.
    ['an indicator code "constructor"', withIndicator({ code: "constructor" }), false],
    ['an indicator code " toString " (trimmed)', withIndicator({ code: " toString " }), false],
    ['a group code "__proto__"', definition({}, { code: "__proto__" }), false],
    ['an input code "valueOf"', withIndicator({ inputs: [{ code: "valueOf" }] }), false],
    ['a category id "hasOwnProperty"', definition({ categories: [{ id: "hasOwnProperty", name: "C" }] }), false],
    ['codes that only contain a reserved name or differ in case ("constructors", "Constructor")', definition({}, { code: "Constructor", children: [indicator({ code: "constructors" })] }), true],
    // rule-input-required: a rule that reads one input names it when the indicator has several.
    ["a points rule without input on two inputs", withIndicator({ inputs: [{ code: "x" }, { code: "y" }] }), false],
    ["a points rule naming one of two inputs", withIndicator({ inputs: [{ code: "x" }, { code: "y" }], rule: { kind: "points", input: "y" } }), true],
    ["a ratio of two inputs (no input to name)", withIndicator({ inputs: [{ code: "x" }, { code: "y" }], rule: { kind: "ratio", numerator: "x", denominator: "y" } }), true],
    // input-type-mismatch: the type written on an indicator's only input is one its rule reads.
    ["a choice rule on a number input", withIndicator({ inputs: [{ code: "x", type: "number" }], rule: { kind: "choice", options: [{ value: "c", fraction: 1 }] } }), false],
    ["a choice rule on a choice input", withIndicator({ inputs: [{ code: "x", type: "choice" }], rule: { kind: "choice", options: [{ value: "c", fraction: 1 }] } }), true],
    ["a boolean rule on a text input", withIndicator({ inputs: [{ code: "x", type: "text" }], rule: { kind: "boolean" } }), false],
    ["a boolean rule on an input without type", withIndicator({ inputs: [{ code: "x" }], rule: { kind: "boolean" } }), true],
    ["a points rule on a boolean input", withIndicator({ inputs: [{ code: "x", type: "boolean" }] }), false],
    ["a count rule on an integer input", withIndicator({ inputs: [{ code: "x", type: "integer" }], rule: { kind: "count", pointsEach: 1 } }), true],
    ["a ratio of a text input by itself", withIndicator({ inputs: [{ code: "x", type: "text" }], rule: { kind: "ratio", numerator: "x", denominator: "x" } }), false],
    // An expr rule reads the inputs its expression names: a number or a yes/no answer, not a choice or a text.
    ["an expr rule on a choice input it names", withIndicator({ inputs: [{ code: "x", type: "choice" }], rule: { kind: "expr", expr: "[x] / 2" } }), false],
    ["an expr rule on a text input it names", withIndicator({ inputs: [{ code: "x", type: "text" }], rule: { kind: "expr", expr: "IF([x], 1, 0)" } }), false],
    ["an expr rule on a choice input, naming a code that is no input of it", withIndicator({ inputs: [{ code: "x", type: "choice" }], rule: { kind: "expr", expr: "[a]" } }), false],
    ["an expr rule on a choice and a text input, naming the text one", withIndicator({ inputs: [{ code: "x", type: "choice" }, { code: "y", type: "text" }], rule: { kind: "expr", expr: "[y] * 2" } }), false],
    ["an expr rule on a choice input it does not name", withIndicator({ inputs: [{ code: "x", type: "choice" }], rule: { kind: "expr", expr: "1" } }), true],
    ["an expr rule on a boolean input it names", withIndicator({ inputs: [{ code: "x", type: "boolean" }], rule: { kind: "expr", expr: "IF([x], 1, 0)" } }), true],
    ["an expr rule on a percent input it names", withIndicator({ inputs: [{ code: "x", type: "percent" }], rule: { kind: "expr", expr: "[x]" } }), true],
    ["an expr rule on an input without type", withIndicator({ inputs: [{ code: "x" }], rule: { kind: "expr", expr: "[x]" } }), true],
    // Among several inputs all of types the rule cannot read, whichever it names it cannot read.
    ["a points rule naming one of two boolean inputs", withIndicator({ inputs: [{ code: "x", type: "boolean" }, { code: "y", type: "boolean" }], rule: { kind: "points", input: "x" } }), false],
    ["a ratio of two text inputs", withIndicator({ inputs: [{ code: "x", type: "text" }, { code: "y", type: "text" }], rule: { kind: "ratio", numerator: "x", denominator: "y" } }), false],
    [
      "a choice rule naming one of a number and an integer input",
      withIndicator({ inputs: [{ code: "x", type: "number" }, { code: "y", type: "integer" }], rule: { kind: "choice", input: "x", options: [{ value: "c", fraction: 1 }] } }),
      false,
    ],
    ["a boolean rule on two choice inputs, naming none", withIndicator({ inputs: [{ code: "x", type: "choice" }, { code: "y", type: "choice" }], rule: { kind: "boolean" } }), false],
    [
      "a choice rule naming one of two choice inputs",
      withIndicator({ inputs: [{ code: "x", type: "choice" }, { code: "y", type: "choice" }], rule: { kind: "choice", input: "y", options: [{ value: "c", fraction: 1 }] } }),
      true,
    ],
    ["a ratio of a number and a text input, the number by itself", withIndicator({ inputs: [{ code: "x", type: "number" }, { code: "y", type: "text" }], rule: { kind: "ratio", numerator: "x", denominator: "x" } }), true],
    // fraction-rule-scale and percent-scale: a fraction (0…1) read from an input on a 0–100 scale.
    ["a fraction rule on a number input with max 100", withIndicator({ inputs: [{ code: "x", type: "number", max: 100 }], rule: { kind: "fraction" } }), false],
    ["a fraction rule on an integer input with min 20 and max 100", withIndicator({ inputs: [{ code: "x", type: "integer", min: 20, max: 100 }], rule: { kind: "fraction" } }), false],
    ["a fraction rule on a number input with max 1", withIndicator({ inputs: [{ code: "x", type: "number", max: 1 }], rule: { kind: "fraction" } }), true],
    ["a fraction rule on a percent input with max 2 (above 100% allowed)", withIndicator({ inputs: [{ code: "x", type: "percent", max: 2 }], rule: { kind: "fraction" } }), true],
    ["a percent input with max 100 (10000%: the scale of 0–100)", withIndicator({ inputs: [{ code: "x", type: "percent", max: 100 }], rule: { kind: "fraction" } }), false],
    ["steps of 80 and 50 on a percent input with max 100", withIndicator({ inputs: [{ code: "x", type: "percent", max: 100 }], rule: { kind: "steps", steps: [{ atLeast: 80, fraction: 1 }, { atLeast: 50, fraction: 0.5 }] } }), false],
    ["a fraction rule on an input without type with min 20", withIndicator({ inputs: [{ code: "x", min: 20 }], rule: { kind: "fraction" } }), false],
    ["a percent input with min 20", withIndicator({ inputs: [{ code: "x", type: "percent", min: 20 }] }), false],
    ["a percent input with min 0.2 and max 2", withIndicator({ inputs: [{ code: "x", type: "percent", min: 0.2, max: 2 }] }), true],
    ["a number input with min 20 under a points rule", withIndicator({ inputs: [{ code: "x", type: "number", min: 20 }] }), true],
    // ranking-points-without-max: ranking on points needs the root's max, written unless the root is a sum group.
    ['"on": "points" with a mean root without max', definition({ ranking: { on: "points" } }, { aggregate: "mean" }), false],
    ['"on": "points" with a mean root with a max', definition({ ranking: { on: "points" } }, { aggregate: "mean", max: 100 }), true],
    ['"on": "points" with a sum root (its children\'s max)', definition({ ranking: { on: "points" } }), true],
    ['"on": "value" with a mean root without max', definition({ ranking: { on: "value" } }, { aggregate: "mean" }), true],
  ];

  test.each(cases)("%s", (_label, value, accepted) => {
    // Infinity stands for what a JSON parser makes of 1e400; JSON.stringify would write null.
    const parsed = parseDefinition(value);
    expect({ parser: parsed.ok, problems: parsed.ok ? [] : parsed.problems.map((p) => p.code) }).toMatchObject({ parser: accepted });
    expect({ jsonSchema: validate(value), errors: validate.errors?.map((e) => `${e.instancePath} ${e.message}`) ?? null }).toMatchObject({ jsonSchema: accepted });
    expect({ strictJsonSchema: validateStrict(value) }).toEqual({ strictJsonSchema: accepted });
  });

  test("a strict Ajv refuses the schema only for VS Code's keyword, until it is told it", () => {
    const schema = JSON.parse(readFileSync(JSON_SCHEMA_PATH, "utf8")) as object;
    expect(() => new Ajv2020({ strict: true }).compile(schema)).toThrow(/unknown keyword: "markdownEnumDescriptions"/);
  });

  test("what the JSON Schema cannot say (it compares two numbers of the file, or finds an input by its code) is the parser's alone, as the notes say", () => {
    const onlyParser = [
      withIndicator({ inputs: [{ code: "a", min: 10, max: 5 }] }),
      withIndicator({ rule: { kind: "minmax", min: 20, max: 20 } }),
      withIndicator({ rule: { kind: "choice", options: [{ value: "Có", points: 15 }, { value: "Không", fraction: 0 }] } }),
      // The input a rule names among several is found by its code, a value of another object.
      withIndicator({ inputs: [{ code: "x", type: "number" }, { code: "y" }], rule: { kind: "choice", input: "x", options: [{ value: "c", fraction: 1 }] } }),
      withIndicator({ inputs: [{ code: "x", type: "number", max: 100 }, { code: "y" }], rule: { kind: "fraction", input: "x" } }),
      // The input an expression names among several, some of a type it reads.
      withIndicator({ inputs: [{ code: "x", type: "choice" }, { code: "y", type: "number" }], rule: { kind: "expr", expr: "[x] + [y]" } }),
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
