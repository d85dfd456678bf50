/**
 * The built-in indices in English: every choice option has an English name, every unit an English
 * word, and an answer written in English scores as the Vietnamese answer does.
 */
import { parseDefinition } from "../core/definition";
import type { IndexModel, IndicatorModel } from "../core/definition/model";
import { optionName, unitText } from "../core/definition/options";
import { matchChoice, readCell } from "../core/read";
import { scoreUnits } from "../core/score";
import { BUILTIN_INDICES, findBuiltin } from "./index";

function model(definition: unknown): IndexModel {
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

/** Letters only Vietnamese has (an English text has none of them). */
const VIETNAMESE = /[À-ỹđĐ]/u;

describe.each(BUILTIN_INDICES.map((b) => [b.id, b.definition] as const))("the built-in %s in English", (_id, definition) => {
  const m = model(definition);
  const indicators = m.indicators.map((c) => m.nodes.get(c) as IndicatorModel);

  test("names every choice option in English", () => {
    const names = indicators.flatMap((ind) => (ind.rule.kind === "choice" ? ind.rule.options.map((o) => [ind.code, optionName(o, "en")]) : []));
    expect(names.filter(([, name]) => VIETNAMESE.test(name!))).toEqual([]);
  });

  test("says every input's unit in English", () => {
    const units = [...m.inputs.values()].filter((i) => i.unit !== undefined).map((i) => [i.code, unitText(i.unit, "en")]);
    expect(units.filter(([, unit]) => VIETNAMESE.test(unit!))).toEqual([]);
  });
});

describe("a head of the steering committee written in English", () => {
  const cases: [string, string, string, number][] = [
    ["dti-so-nganh-mau", "Director / head of the unit", "Giám đốc/Thủ trưởng đơn vị", 10],
    ["dti-so-nganh-mau", "Director", "Giám đốc/Thủ trưởng đơn vị", 10],
    ["dti-so-nganh-mau", "head of the department", "Giám đốc/Thủ trưởng đơn vị", 10],
    ["dti-so-nganh-mau", "Deputy director / deputy head", "Phó Giám đốc/Phó Thủ trưởng", 5],
    ["dti-so-nganh-mau", "DEPUTY HEAD", "Phó Giám đốc/Phó Thủ trưởng", 5],
    ["dti-so-nganh-mau", "None", "Chưa có", 0],
    ["dti-huyen-mau", "Party secretary / chair", "Bí thư/Chủ tịch", 10],
    ["dti-huyen-mau", "chairperson", "Bí thư/Chủ tịch", 10],
    ["dti-huyen-mau", "Deputy party secretary / vice chair", "Phó Bí thư/Phó Chủ tịch", 5],
    ["dti-huyen-mau", "Vice chair", "Phó Bí thư/Phó Chủ tịch", 5],
    ["dti-huyen-mau", "none", "Chưa có", 0],
  ];

  test.each(cases)("%s: “%s” is read as “%s” and scores its %d points", (id, typed, option, points) => {
    const m = model(findBuiltin(id)!.definition);
    const indicator = m.nodes.get("1.1") as IndicatorModel;
    if (indicator.rule.kind !== "choice") throw new Error("1.1 is not a choice");
    expect(matchChoice(typed, indicator.rule.options)?.value).toBe(option);
    const reading = readCell(typed, { input: indicator.inputs[0]!, indicator, numberLocale: m.definition.numberLocale });
    expect(reading).toMatchObject({ kind: "value", value: option });
    // The engine takes the English answer as it is, as a hand-made submission gives it.
    const score = (answer: string) => scoreUnits(m, [{ code: "A", name: "A", values: { "1.1": answer }, notApplicable: [] }]).units[0]!.nodes["1.1"]!.points;
    expect(score(typed)).toBe(points);
    expect(score(typed)).toBe(score(option));
  });
});
