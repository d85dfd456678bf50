/**
 * The additions for forms in each language: a choice option's `name` and an input's `unit` as
 * `{ vi, en }` (docs/index-definition-notes.md, Additions).
 */
import { type DefinitionProblem, type IndexModel, optionName, optionTexts, parseDefinition, unitText } from "./index";

type Option = Record<string, unknown>;

/** A root over one choice indicator "1.1" with these options, and a ratio over inputs with units. */
function definition(options: Option[], units: { a?: unknown; b?: unknown } = {}): any {
  return {
    format: "index-definition/1",
    id: "thu-ten-lua-chon",
    version: "1",
    name: { vi: "Bộ chỉ số thử", en: "Test index" },
    root: {
      code: "T",
      name: "Tổng",
      children: [
        { code: "1.1", name: "Trưởng Ban Chỉ đạo", max: 10, rule: { kind: "choice", options } },
        {
          code: "1.3",
          name: "Văn bản chỉ đạo",
          max: 10,
          inputs: [
            { code: "1.3.a", type: "integer", min: 0, ...(units.a !== undefined ? { unit: units.a } : {}) },
            { code: "1.3.b", type: "integer", min: 0, ...(units.b !== undefined ? { unit: units.b } : {}) },
          ],
          rule: { kind: "ratio", numerator: "1.3.a", denominator: "1.3.b" },
        },
      ],
    },
  };
}

const OPTIONS: Option[] = [
  { value: "Giám đốc/Thủ trưởng đơn vị", name: { en: "Director / head of the unit" }, aliases: ["Giám đốc", "Director"], fraction: 1 },
  { value: "Phó Giám đốc/Phó Thủ trưởng", name: { en: "Deputy director / deputy head" }, fraction: 0.5 },
  { value: "Chưa có", name: { en: "None" }, fraction: 0 },
];

function modelOf(d: unknown): IndexModel {
  const parsed = parseDefinition(d);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

function problemsOf(d: unknown): DefinitionProblem[] {
  const parsed = parseDefinition(d);
  if (parsed.ok) throw new Error("expected the definition to be rejected");
  return parsed.problems;
}

function choiceOf(model: IndexModel) {
  const node = model.nodes.get("1.1");
  if (node?.kind !== "indicator" || node.rule.kind !== "choice") throw new Error("1.1 is not a choice");
  return node.rule.options;
}

describe("a choice option's names", () => {
  test("are accepted, and a form in each language writes the option by its name there", () => {
    const options = choiceOf(modelOf(definition(OPTIONS)));
    expect(options.map((o) => optionName(o, "en"))).toEqual(["Director / head of the unit", "Deputy director / deputy head", "None"]);
    // The Vietnamese name is the value, as the definition writes the answer.
    expect(options.map((o) => optionName(o, "vi"))).toEqual(["Giám đốc/Thủ trưởng đơn vị", "Phó Giám đốc/Phó Thủ trưởng", "Chưa có"]);
  });

  test("fall back as a LocalizedText does: English to the Vietnamese name, and a single text is both", () => {
    const options = choiceOf(
      modelOf(
        definition([
          { value: "GD", name: { vi: "Giám đốc" }, fraction: 1 },
          { value: "PGD", name: "Phó Giám đốc", fraction: 0.5 },
          { value: "Chưa có", fraction: 0 },
        ]),
      ),
    );
    expect(options.map((o) => [optionName(o, "vi"), optionName(o, "en")])).toEqual([
      ["Giám đốc", "Giám đốc"],
      ["Phó Giám đốc", "Phó Giám đốc"],
      ["Chưa có", "Chưa có"],
    ]);
  });

  test("are among the texts that name the option, after its value and before its aliases", () => {
    const [director] = choiceOf(modelOf(definition(OPTIONS)));
    expect(optionTexts(director!)).toEqual(["Giám đốc/Thủ trưởng đơn vị", "Director / head of the unit", "Giám đốc", "Director"]);
  });

  test("that repeat another option's name are a definition error at the name's path, naming the first", () => {
    const problems = problemsOf(
      definition([
        { value: "Giám đốc", name: { en: "Head" }, fraction: 1 },
        { value: "Phó Giám đốc", name: { vi: "Phó Giám đốc", en: "head" }, fraction: 0.5 },
      ]),
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual([["root.children[0].rule.options[1].name.en", "duplicate-option"]]);
    expect(problems[0]!.message.en).toContain("root.children[0].rule.options[0].name.en");
    expect(problems[0]!.message.vi).toContain('"head"');
  });

  test("that repeat another option's value or alias, without diacritics, are a definition error too", () => {
    const problems = problemsOf(
      definition([
        { value: "Có", aliases: ["Yes"], fraction: 1 },
        { value: "Không", name: { en: "yes" }, fraction: 0 },
        { value: "Khác", name: "co", fraction: 0 },
      ]),
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].rule.options[1].name.en", "duplicate-option"],
      ["root.children[0].rule.options[2].name", "duplicate-option"],
    ]);
    expect(problems[0]!.message.en).toContain("root.children[0].rule.options[0].aliases[0]");
    expect(problems[1]!.message.en).toContain("root.children[0].rule.options[0].value");
  });

  test("may repeat the option's own value or aliases", () => {
    const d = definition([
      { value: "Đạt", name: { vi: "Đạt", en: "Met" }, aliases: ["dat", "met"], fraction: 1 },
      { value: "Không đạt", name: { vi: "Không đạt", en: "Not met" }, fraction: 0 },
    ]);
    expect(parseDefinition(d).ok).toBe(true);
  });

  test("are still compared when another part of the definition cannot be read", () => {
    const d = definition([
      { value: "Giám đốc", name: { en: "Director" }, fraction: 1 },
      { value: "Phó Giám đốc", name: { en: "Deputy" }, points: "năm" },
      { value: "Khác", name: { en: "director" }, fraction: 0 },
    ]);
    expect(problemsOf(d).map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].rule.options[1].points", "invalid-type"],
      ["root.children[0].rule.options[2].name.en", "duplicate-option"],
    ]);
  });

  test("that are blank or an empty { } are refused by the schema", () => {
    for (const name of ["  ", {}, { en: " " }]) {
      const problems = problemsOf(definition([{ value: "Có", name, fraction: 1 }]));
      expect(problems.map((p) => p.path)).toEqual([expect.stringMatching(/^root\.children\[0\]\.rule\.options\[0\]\.name/) as unknown]);
    }
  });
});

describe("an input's unit", () => {
  const unitOf = (model: IndexModel, code: string) => model.inputs.get(code)!.unit;

  test("may be { vi, en }, shown in each language, or one text for both, as before", () => {
    const model = modelOf(definition(OPTIONS, { a: { vi: "văn bản", en: "documents" }, b: "%" }));
    expect(unitText(unitOf(model, "1.3.a"), "vi")).toBe("văn bản");
    expect(unitText(unitOf(model, "1.3.a"), "en")).toBe("documents");
    expect(unitText(unitOf(model, "1.3.b"), "en")).toBe("%");
  });

  test("in one language only is shown in the other too", () => {
    const model = modelOf(definition(OPTIONS, { a: { vi: "văn bản" }, b: { en: "documents" } }));
    expect(unitText(unitOf(model, "1.3.a"), "en")).toBe("văn bản");
    expect(unitText(unitOf(model, "1.3.b"), "vi")).toBe("documents");
  });

  test("written blank, as definitions could before, is still accepted and shows nothing", () => {
    const model = modelOf(definition(OPTIONS, { a: "", b: "  " }));
    expect(unitText(unitOf(model, "1.3.a"), "vi")).toBe("");
    expect(unitText(unitOf(model, "1.3.b"), "en").trim()).toBe("");
  });

  test("as { } or with a blank language is refused, at the unit's path", () => {
    for (const [unit, path, code] of [
      [{}, "", "localized-text-empty"],
      [{ vi: " " }, ".vi", "empty-text"],
      [{ fr: "documents" }, ".fr", "unknown-field"],
    ] as const) {
      const problems = problemsOf(definition(OPTIONS, { a: unit }));
      expect(problems[0]).toMatchObject({ path: `root.children[1].inputs[0].unit${path}`, code });
      expect(problems.every((p) => p.path.startsWith("root.children[1].inputs[0].unit"))).toBe(true);
    }
  });
});
