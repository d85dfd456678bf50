import fc from "fast-check";
import dti from "../../indices/dti-province-2022.json";
import hdi from "../../indices/hdi.json";
import { type DefinitionProblem, decodeDefinitionFile, definitionHash, formatProblems, parseDefinition, parseDefinitionText } from "./index";

function base(): any {
  return {
    format: "index-definition/1",
    id: "thu-nghiem",
    version: "1",
    name: { vi: "Bộ chỉ số thử nghiệm", en: "Test index" },
    root: {
      code: "T",
      name: "Tổng",
      children: [
        { code: "1", name: "Nhận thức số", max: 40, rule: { kind: "fraction" } },
        { code: "2", name: "Hạ tầng số", max: 60, rule: { kind: "steps", steps: [{ atLeast: 10, fraction: 1 }, { atLeast: 5, points: 30 }] } },
      ],
    },
  };
}

function problemsOf(def: unknown): DefinitionProblem[] {
  const r = parseDefinition(def);
  if (r.ok) throw new Error("expected the definition to be rejected");
  return r.problems;
}

function problemAt(def: unknown, path: string): DefinitionProblem {
  const found = problemsOf(def).filter((p) => p.path === path);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const ZOD_ENGLISH = /Invalid input|Too small|Too big|Unrecognized key|expected string|received/;

describe("a valid definition", () => {
  test("the built-in DTI and HDI definitions are accepted and give a model", () => {
    const d = parseDefinition(dti);
    const h = parseDefinition(hdi);
    expect(d.ok && d.model.indicators).toHaveLength(9);
    expect(d.ok && d.model.root.max).toBe(1000);
    expect(h.ok && h.model.indicators).toEqual(["health", "eys-index", "mys-index", "income"]);
    expect(h.ok && [...h.model.inputs.keys()]).toEqual(["le", "eys", "mys", "gnipc"]);
  });

  test("defaults are filled in", () => {
    const r = parseDefinition(base());
    if (!r.ok) throw new Error(formatProblems(r.problems, "en"));
    expect(r.definition.missing).toBe("zero");
    expect(r.definition.ranking.method).toBe("competition");
    expect(r.definition.root.aggregate).toBe("sum");
    expect(r.model.root.max).toBe(100);
  });

  test("text with a leading byte-order mark is read", () => {
    const r = parseDefinitionText("\uFEFF" + JSON.stringify(base(), null, 2));
    expect(r.ok).toBe(true);
  });

  test("the definition hash depends on the content, not on the order of keys", () => {
    const a = parseDefinition(base());
    const reordered = Object.fromEntries(Object.entries(base()).reverse());
    const b = parseDefinition(reordered);
    const changed = base();
    changed.version = "2";
    const c = parseDefinition(changed);
    if (!a.ok || !b.ok || !c.ok) throw new Error("expected valid definitions");
    expect(definitionHash(a.definition)).toMatch(/^[0-9a-f]{64}$/);
    expect(definitionHash(a.definition)).toBe(definitionHash(b.definition));
    expect(definitionHash(a.definition)).not.toBe(definitionHash(c.definition));
  });

  test("\"$schema\" (for editors) is not part of the definition: a built-in's hash, and the copy a scored workbook keeps, are those of the same JSON without it", () => {
    for (const written of [dti, hdi] as Record<string, unknown>[]) {
      expect(written.$schema).toBe("../../schema/index-definition.schema.json");
      const { $schema: _editors, ...without } = written;
      const withLine = parseDefinition(written);
      const withoutLine = parseDefinition(without);
      if (!withLine.ok || !withoutLine.ok) throw new Error("expected valid definitions");
      expect(definitionHash(withLine.definition)).toBe(definitionHash(withoutLine.definition));
      expect(withLine.definition).not.toHaveProperty("$schema");
      expect(withLine.model.definition).not.toHaveProperty("$schema");
      expect(JSON.stringify(withLine.model.definition)).toBe(JSON.stringify(withoutLine.model.definition));
    }
  });
});

describe("problems in the shape of a definition", () => {
  test("a JSON syntax error is reported with its line and column, in both languages", () => {
    const r = parseDefinitionText('{\n  "format": "index-definition/1",\n  "id": "x",,\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.path).toBe("definition");
    expect(r.problems[0]!.code).toBe("json-syntax");
    expect(r.problems[0]!.message.vi).toMatch(/^Dòng 3, cột 13: /);
    expect(r.problems[0]!.message.en).toMatch(/^Line 3, column 13: /);
  });

  test("single quotes and trailing commas get their own explanation", () => {
    const quotes = parseDefinitionText("{'id': 1}");
    const comma = parseDefinitionText('{"a": [1, 2,]}');
    expect(!quotes.ok && quotes.problems[0]!.message.en).toMatch(/Line 1, column 2: .*double quotes/);
    expect(!comma.ok && comma.problems[0]!.message.en).toMatch(/Line 1, column 13: .*trailing comma/);
  });

  test("something that is not an object is reported for the whole definition", () => {
    const p = problemAt([1, 2], "definition");
    expect(p.code).toBe("invalid-type");
    expect(p.message.en).toContain("an object");
  });

  test("a wrong format names the expected format", () => {
    const d = base();
    d.format = "index-definition/2";
    const p = problemAt(d, "format");
    expect(p.code).toBe("format");
    expect(p.message.vi).toContain('"index-definition/1"');
  });

  test("a missing required field is named", () => {
    const d = base();
    delete d.version;
    const p = problemAt(d, "version");
    expect(p.code).toBe("missing-field");
    expect(p.message.vi).toBe('Thiếu trường bắt buộc "version".');
    expect(p.message.en).toBe('The required field "version" is missing.');
  });

  test("a value of the wrong type says what was expected and what was found", () => {
    const d = base();
    d.root.children[0].max = "40";
    const p = problemAt(d, "root.children[0].max");
    expect(p.code).toBe("invalid-type");
    expect(p.message.en).toBe('Expected a number, found the text "40". Write the number without quotes: 40.');
    expect(p.message.vi).toBe('Cần một số, nhưng gặp văn bản "40". Hãy ghi số không có dấu ngoặc kép: 40.');
  });

  test("a number written as text says what to write: the JSON number with a dot, a percentage as its share", () => {
    const d = base();
    d.root.children[0].max = "20";
    d.root.children[1].rule = { kind: "steps", steps: [{ atLeast: "80%", fraction: "0,5" }, { atLeast: "1.234,5", fraction: "50%" }] };
    const at = (path: string): DefinitionProblem => problemAt(d, path);
    expect(at("root.children[0].max").message.vi).toBe('Cần một số, nhưng gặp văn bản "20". Hãy ghi số không có dấu ngoặc kép: 20.');
    expect(at("root.children[0].max").message.en).toBe('Expected a number, found the text "20". Write the number without quotes: 20.');
    const steps = "root.children[1].rule.steps";
    expect(at(`${steps}[0].fraction`).message.vi).toBe(
      'Cần một số, nhưng gặp văn bản "0,5". Hãy ghi số theo kiểu JSON, không có dấu ngoặc kép, dùng dấu chấm cho phần thập phân: 0.5.',
    );
    expect(at(`${steps}[0].fraction`).message.en).toBe('Expected a number, found the text "0,5". Write it as a JSON number, without quotes, with a dot for decimals: 0.5.');
    expect(at(`${steps}[1].atLeast`).message.en).toBe(
      'Expected a number, found the text "1.234,5". Write it as a JSON number, without quotes, with a dot for decimals: 1234.5.',
    );
    expect(at(`${steps}[1].fraction`).message.vi).toBe('Cần một số, nhưng gặp văn bản "50%". Hãy ghi tỷ lệ dưới dạng số, không có dấu ngoặc kép (100% là 1): ghi 0.5 cho 50%.');
    expect(at(`${steps}[1].fraction`).message.en).toBe('Expected a number, found the text "50%". Write a percentage as a number, without quotes (100% is 1): write 0.5 for 50%.');
    expect(at(`${steps}[0].atLeast`).message.en).toBe('Expected a number, found the text "80%". Write a percentage as a number, without quotes (100% is 1): write 0.8 for 80%.');
    // A node's max is points, not a share: its "%" is only said to have no place there.
    const points = base();
    points.root.children[0].max = "40%";
    expect(problemAt(points, "root.children[0].max").message.vi).toBe('Cần một số, nhưng gặp văn bản "40%". Hãy ghi một số, không có dấu ngoặc kép và không có dấu %.');
    expect(problemAt(points, "root.children[0].max").message.en).toBe('Expected a number, found the text "40%". Write a number, without quotes and without %.');
    // "1.860" reads two ways: both are given. Text that is no number gets no advice.
    points.root.children[0].max = "1.860";
    expect(problemAt(points, "root.children[0].max").message.en).toBe(
      'Expected a number, found the text "1.860". Write it as a JSON number, without quotes, with a dot for decimals: 1860 (or 1.86 if the "." is a decimal point).',
    );
    expect(problemAt(points, "root.children[0].max").message.vi).toContain('1860 (hoặc 1.86 nếu dấu "." là dấu thập phân)');
    points.root.children[0].max = "bốn mươi";
    expect(problemAt(points, "root.children[0].max").message.vi).toBe('Cần một số, nhưng gặp văn bản "bốn mươi".');
  });

  test("a number where text is needed (\"version\": 2024, \"code\": 11) says to write it in quotes, as a number in quotes is told to drop them", () => {
    const d = base();
    d.version = 2024;
    d.root.children[0].name = 5;
    const version = problemAt(d, "version");
    expect(version.message.vi).toBe('Cần văn bản, nhưng gặp số 2024. Hãy ghi trong dấu ngoặc kép: "2024".');
    expect(version.message.en).toBe('Expected text, found the number 2024. Write it in double quotes: "2024".');
    // A name may also be { "vi", "en" }: the advice is the same.
    expect(problemAt(d, "root.children[0].name").message.vi).toBe('Cần văn bản hoặc một đối tượng { … }, nhưng gặp số 5. Hãy ghi trong dấu ngoặc kép: "5".');
    // Anything but a number gets no advice.
    d.version = true;
    expect(problemAt(d, "version").message.en).toBe("Expected text, found true.");
  });

  test("a field the format has elsewhere says where it belongs, not that the format lacks it", () => {
    const d = base();
    d.root.children[0].inputs = [{ code: "1", type: "choice", options: [{ value: "Có", fraction: 1 }] }];
    d.root.children[0].rule = { kind: "fraction", weight: 2 };
    d.root.children[1].rule.direction = "higher";
    d.ranking = { minCoverage: 0.5, max: 10 };
    const options = problemAt(d, "root.children[0].inputs[0].options");
    expect(options.code).toBe("misplaced-field");
    expect(formatProblems([options], "vi")).toBe('chỉ tiêu 1 (root.children[0].inputs[0].options): Số liệu đầu vào không có trường "options"; trường này thuộc về quy tắc "choice" (ghi trong "rule").');
    expect(formatProblems([options], "en")).toBe('indicator 1 (root.children[0].inputs[0].options): An input has no field "options"; it belongs in a "choice" rule (inside "rule").');
    const weight = problemAt(d, "root.children[0].rule.weight");
    expect(weight.message.vi).toBe('Quy tắc "fraction" không có trường "weight"; trường này thuộc về chính chỉ tiêu hoặc nhóm (ghi cùng cấp với "code", bên ngoài "rule").');
    expect(weight.message.en).toBe('The "fraction" rule has no field "weight"; it belongs on the indicator or group itself (beside its "code", outside "rule").');
    const direction = problemAt(d, "root.children[1].rule.direction");
    expect(direction.message.vi).toBe('Quy tắc "steps" không có trường "direction"; trường này thuộc về quy tắc "target", "relative" hoặc "minmax" (ghi trong "rule").');
    expect(direction.message.en).toBe('The "steps" rule has no field "direction"; it belongs in a "target", "relative" or "minmax" rule (inside "rule").');
    // Every place it belongs is named.
    expect(problemAt(d, "ranking.max").message.en).toBe(
      '"ranking" has no field "max"; it belongs on the indicator or group itself (beside its "code") or on an input (an item of "inputs") or in a "minmax" rule (inside "rule").',
    );
    // A field the format has nowhere is still "not part of the format".
    d.root.children[1].rule.colour = "red";
    expect(problemAt(d, "root.children[1].rule.colour").message.vi).toBe('Trường "colour" không có trong định dạng.');
  });

  test("an unknown field is named, with the closest known field when it is a near miss", () => {
    const d = base();
    d.ranking = { methods: "dense" };
    d.root.children[0].wieght = 2;
    d.root.children[0].colour = "red";
    expect(problemAt(d, "ranking.methods").message.en).toContain('did you mean "method"?');
    expect(problemAt(d, "root.children[0].wieght").message.vi).toContain('có phải là "weight"?');
    const far = problemAt(d, "root.children[0].colour");
    expect(far.code).toBe("unknown-field");
    expect(far.message.en).not.toContain("did you mean");
  });

  test("a value outside an enumeration lists the allowed values", () => {
    const d = base();
    d.missing = "skip";
    const p = problemAt(d, "missing");
    expect(p.code).toBe("invalid-value");
    expect(p.message.en).toContain('"zero", "exclude"');
  });

  test("an unknown rule kind lists the kinds and suggests the near miss", () => {
    const d = base();
    d.root.children[0].rule = { kind: "fracton" };
    const p = problemAt(d, "root.children[0].rule.kind");
    expect(p.code).toBe("unknown-rule-kind");
    expect(p.message.en).toContain('did you mean "fraction"?');
    expect(p.message.vi).toContain('"points", "fraction", "boolean", "choice", "ratio"');
  });

  test("a rule kind that is a number or no text at all is said as written, in a sentence that reads naturally", () => {
    const d = base();
    d.root.children[0].rule = { kind: 5 };
    const p = problemAt(d, "root.children[0].rule.kind");
    expect(p.code).toBe("unknown-rule-kind");
    const kinds = '"points", "fraction", "boolean", "choice", "ratio", "target", "steps", "count", "relative", "minmax", "expr"';
    expect(p.message.vi).toBe(`Không có loại quy tắc 5; loại quy tắc là một tên viết trong dấu ngoặc kép, một trong các loại: ${kinds}.`);
    expect(p.message.en).toBe(`There is no rule kind 5; a rule kind is a name in double quotes, one of ${kinds}.`);
    d.root.children[0].rule = { kind: ["fraction"] };
    const list = problemAt(d, "root.children[0].rule.kind");
    expect(list.message.vi).toBe(`"kind" phải là tên một loại quy tắc, viết trong dấu ngoặc kép, nhưng gặp một danh sách; các loại quy tắc: ${kinds}.`);
    expect(list.message.en).toBe(`"kind" must be the name of a rule kind, in double quotes, but it is a list; the kinds are ${kinds}.`);
  });

  test("a rule kind with two letters swapped still gets its suggestion (\"ratoi\" → \"ratio\")", () => {
    const d = base();
    d.root.children[0].rule = { kind: "ratoi", numerator: "1", denominator: "1" };
    const p = problemAt(d, "root.children[0].rule.kind");
    expect(p.code).toBe("unknown-rule-kind");
    expect(p.message.en).toContain('did you mean "ratio"?');
    expect(p.message.vi).toContain('có phải là "ratio"?');
    // Short names still need a near miss: "sum" is not offered for "avg".
    d.root.aggregate = "avg";
    expect(problemAt(d, "root.aggregate").message.en).not.toContain("did you mean");
  });

  test("an indicator's problems are reported as an indicator's, a group's as a group's", () => {
    const d = base();
    d.root.children[0].rule = { kind: "ratio", numerator: "1" };
    d.root.children.push({ code: "3", name: "Nhóm", children: [], aggregate: "sum" });
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].rule.denominator", "missing-field"],
      ["root.children[2].children", "too-small"],
    ]);
  });

  test('a group with "children" misspelt is one problem, called a group\'s, suggesting "children" (not "rule is missing")', () => {
    const d = base();
    d.root.children.push({ code: "3", name: "Đô thị thông minh", max: 0, chidren: [{ code: "3.1", name: "Nền tảng", max: 5, rule: { kind: "fraction" } }] });
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([["root.children[2].chidren", "unknown-field"]]);
    expect(formatProblems(problems, "vi")).toBe('nhóm 3 (root.children[2].chidren): Trường "chidren" không có trong định dạng; có phải là "children"?');
    expect(formatProblems(problems, "en")).toBe('group 3 (root.children[2].chidren): The field "chidren" is not part of the format; did you mean "children"?');
    // The root's "children" misspelt: the same one problem, the root named as the group it is.
    const root = base();
    root.root.chidren = root.root.children;
    delete root.root.children;
    expect(formatProblems(problemsOf(root), "vi")).toBe('nhóm T (root.chidren): Trường "chidren" không có trong định dạng; có phải là "children"?');
    expect(formatProblems(problemsOf(root), "en")).toBe('group T (root.chidren): The field "chidren" is not part of the format; did you mean "children"?');
    // A group's other problems are still said, as a group's.
    d.root.children[2].aggregate = "average";
    expect(problemsOf(d).map((p) => [p.path, p.code])).toEqual([
      ["root.children[2].aggregate", "invalid-value"],
      ["root.children[2].chidren", "unknown-field"],
    ]);
  });

  test("too small and too large numbers give the bound", () => {
    const d = base();
    d.root.children[0].max = -1;
    d.ranking = { minCoverage: 1.5 };
    d.root.children[1].rule.steps[0].fraction = 2;
    expect(problemAt(d, "root.children[0].max").message.en).toBe("Must be 0 or more.");
    // 1.5 is hardly 1.5% written as points: what coverage is, with an example, not "write 0.015 for 1.5%".
    const coverage = problemAt(d, "ranking.minCoverage");
    expect(coverage.message.vi).toBe(
      'Phải nhỏ hơn hoặc bằng 1: "minCoverage" là tỷ lệ tối thiểu các chỉ tiêu có số liệu để đơn vị được xếp hạng, từ 0 đến 1 (100% là 1; ví dụ 0.8 cho 80%); tỷ lệ chỉ tiêu có số liệu không bao giờ vượt quá 1, nên với 1.5 sẽ không đơn vị nào được xếp hạng.',
    );
    expect(coverage.message.en).toBe(
      'Must be 1 or less: "minCoverage" is the least share of indicators with data a unit needs to be ranked, from 0 to 1 (100% is 1; e.g. 0.8 for 80%); coverage is never above 1, so with 1.5 no unit would be ranked.',
    );
    for (const lang of ["vi", "en"] as const) expect(coverage.message[lang]).not.toContain("0.015");
    expect(problemAt(d, "root.children[1].rule.steps[0].fraction").code).toBe("too-big");
    // Above 100 it cannot be a percentage written as points: only the bound is said.
    d.ranking = { minCoverage: 250 };
    expect(problemAt(d, "ranking.minCoverage").message.en).toBe("Must be 1 or less.");
  });

  test("a share written in percentage points (\"minCoverage\": 90, \"fraction\": 90) says to write 0.9 for 90%, as thresholds on a percentage do", () => {
    const d = base();
    d.ranking = { minCoverage: 90 };
    d.root.children[1].rule.steps[0].fraction = 80;
    const coverage = problemAt(d, "ranking.minCoverage");
    expect(coverage.code).toBe("too-big");
    expect(coverage.message.vi).toBe('Phải nhỏ hơn hoặc bằng 1: "minCoverage" là một tỷ lệ từ 0 đến 1 (100% là 1), nên 90 ở đây nghĩa là 9.000%; hãy ghi 0.9 cho 90%.');
    expect(coverage.message.en).toBe('Must be 1 or less: "minCoverage" is a share from 0 to 1 (100% is 1), so 90 here means 9,000%; write 0.9 for 90%.');
    // A step's fraction is a share of the indicator's points: 80% of them, or 80 points meant.
    const fraction = problemAt(d, "root.children[1].rule.steps[0].fraction");
    expect(fraction.message.vi).toBe('Phải nhỏ hơn hoặc bằng 1: "fraction" là phần điểm của chỉ tiêu mà bậc này cho, từ 0 đến 1 (1 là đủ điểm, 0.5 là nửa số điểm); nếu là 80% số điểm, hãy ghi 0.8; nếu 80 là số điểm, hãy ghi "points": 80 thay cho "fraction".');
    expect(fraction.message.en).toBe('Must be 1 or less: "fraction" is the share of the indicator\'s points this step gives, from 0 to 1 (1 is the full points, 0.5 half of them); for 80% of the points, write 0.8; if 80 is a number of points, write "points": 80 instead of "fraction".');
  });

  test("a choice option's \"fraction\": 1.5 is said to be more than the full points (or points meant), not 1.5% to be written 0.015", () => {
    const d = base();
    d.root.children[1].rule = { kind: "choice", options: [{ value: "Có", fraction: 1.5 }, { value: "Không", fraction: 0 }] };
    const p = problemAt(d, "root.children[1].rule.options[0].fraction");
    expect(p.message.vi).toBe('Phải nhỏ hơn hoặc bằng 1: "fraction" là phần điểm của chỉ tiêu mà lựa chọn này cho, từ 0 đến 1 (1 là đủ điểm, 0.5 là nửa số điểm), nên 1.5 sẽ cho quá số điểm tối đa; nếu 1.5 là số điểm, hãy ghi "points": 1.5 thay cho "fraction".');
    expect(p.message.en).toBe('Must be 1 or less: "fraction" is the share of the indicator\'s points this answer gives, from 0 to 1 (1 is the full points, 0.5 half of them), so 1.5 would give more than the maximum; if 1.5 is a number of points, write "points": 1.5 instead of "fraction".');
    for (const lang of ["vi", "en"] as const) expect(p.message[lang]).not.toContain("0.015");
  });

  test("empty text is reported as empty, for plain and localized text", () => {
    const d = base();
    d.root.name = "  ";
    d.root.children[0].name = {};
    d.root.children[1].name = { vi: "" };
    expect(problemAt(d, "root.name").code).toBe("empty-text");
    expect(problemAt(d, "root.children[0].name").code).toBe("localized-text-empty");
    expect(problemAt(d, "root.children[1].name.vi").code).toBe("empty-text");
  });

  test("the schema's own rules get their sentences", () => {
    const d = base();
    d.id = "DTI 2022";
    d.root.children[0].rule = { kind: "target", target: -1 };
    d.root.children[1].rule.steps = [{ atLeast: 1, atMost: 2, fraction: 1 }, { atLeast: 1 }];
    expect(problemAt(d, "id").code).toBe("id-pattern");
    expect(problemAt(d, "root.children[0].rule.target").message.en).toBe("Must be 0 or more.");
    expect(problemAt(d, "root.children[1].rule.steps[0]").code).toBe("atleast-xor-atmost");
    expect(problemAt(d, "root.children[1].rule.steps[1]").message.en).toContain('"fraction"');
    for (const p of problemsOf(d)) expect(p.message.en).not.toMatch(ZOD_ENGLISH);
  });

  test("a group (with children) that also has a rule is told to drop one of them, not offered the same field", () => {
    const d = base();
    d.root.children[0] = {
      code: "1",
      name: "Nhận thức số",
      max: 40,
      rule: { kind: "fraction" },
      children: [{ code: "1.1", name: "Văn bản", max: 40, rule: { kind: "fraction" } }],
    };
    const p = problemAt(d, "root.children[0].rule");
    expect(p.code).toBe("indicator-field-in-group");
    expect(p.message.vi).toBe('Một nhóm (có "children") không có "rule"; hãy bỏ "rule" hoặc bỏ "children".');
    expect(p.message.en).toBe('A group (with "children") has no "rule"; remove "rule" or remove "children".');
    expect(p.message.en).not.toContain("did you mean");
  });

  test("an indicator with a group's field is told the field belongs to groups", () => {
    const d = base();
    d.root.children[0].aggregate = "mean";
    const p = problemAt(d, "root.children[0].aggregate");
    expect(p.code).toBe("group-field-in-indicator");
    expect(p.message.en).toBe('The field "aggregate" belongs to groups (nodes with "children"); an indicator (with "rule") does not have it.');
    expect(p.message.vi).toContain('chỉ dùng cho nhóm');
  });

  test("a node that is not an object says what a node must be", () => {
    const d = base();
    d.root.children.push("3");
    const p = problemAt(d, "root.children[2]");
    expect(p.message.vi).toContain('"children"');
  });

  test("several problems are reported together, one line each in the chosen language", () => {
    const d = base();
    d.id = "A";
    delete d.version;
    d.root.children[0].rule.kind = "?";
    const problems = problemsOf(d);
    expect(problems.length).toBe(3);
    const vi = formatProblems(problems, "vi").split("\n");
    const en = formatProblems(problems, "en").split("\n");
    expect(vi).toHaveLength(3);
    expect(vi[0]).toMatch(/^id: Mã bộ chỉ số "A"/);
    expect(en[1]).toBe('version: The required field "version" is missing.');
    expect(en[2]).toMatch(/^indicator 1 \(root\.children\[0\]\.rule\.kind\): /);
  });

  test("a problem inside the tree names the group or indicator as the index numbers it, then the JSON path", () => {
    const d = base();
    d.root.children.push({ code: "3", name: "Nhóm 3", children: [{ code: "3.1", name: "x", max: "mười", rule: { kind: "fraction" } }] });
    const p = problemAt(d, "root.children[2].children[0].max");
    expect(formatProblems([p], "vi")).toMatch(/^chỉ tiêu 3\.1 \(root\.children\[2\]\.children\[0\]\.max\): Cần một số/);
    d.root.children[2].children[0].max = 10;
    d.root.children[2].code = "1";
    expect(formatProblems(problemsOf(d), "en")).toMatch(/^group 1 \(root\.children\[2\]\.code\): /);
  });

  test("a node whose code cannot be read is named as itself, by its name or its place, never as its group", () => {
    const d = base();
    d.root.children.push({ code: "3", name: "Nhóm 3", children: [{ code: 11, name: "Cổng dịch vụ công", max: 5, rule: { kind: "fraction" } }] });
    d.root.children.push({ code: "  ", name: { vi: "Chuyển đổi số", en: "Digital transformation" }, children: [{ code: "4.1", name: "x", max: 5, rule: { kind: "fraction" } }] });
    const byName = problemsOf(d);
    expect(formatProblems(byName.filter((p) => p.path === "root.children[2].children[0].code"), "vi")).toBe(
      'chỉ tiêu "Cổng dịch vụ công" (root.children[2].children[0].code): Cần văn bản, nhưng gặp số 11. Hãy ghi trong dấu ngoặc kép: "11".',
    );
    expect(formatProblems(byName.filter((p) => p.path === "root.children[2].children[0].code"), "en")).toBe(
      'indicator "Cổng dịch vụ công" (root.children[2].children[0].code): Expected text, found the number 11. Write it in double quotes: "11".',
    );
    expect(formatProblems(byName.filter((p) => p.path === "root.children[3].code"), "en")).toBe('group "Digital transformation" (root.children[3].code): Must not be empty.');
    expect(formatProblems(byName.filter((p) => p.path === "root.children[3].code"), "vi")).toBe('nhóm "Chuyển đổi số" (root.children[3].code): Không được để trống.');
    // Without a name either: its place among the indicators (or groups) of its group.
    d.root.children[2].children.unshift({ code: "3.0", name: "a", max: 5, rule: { kind: "fraction" } });
    d.root.children[2].children[1] = { code: "  ", max: 5, rule: { kind: "fraction" } };
    const byPlace = problemsOf(d).filter((p) => p.path.startsWith("root.children[2].children[1]"));
    expect(formatProblems(byPlace, "vi")).toBe(
      ["chỉ tiêu thứ 2 của nhóm 3 (root.children[2].children[1].code): Không được để trống.", 'chỉ tiêu thứ 2 của nhóm 3 (root.children[2].children[1].name): Thiếu trường bắt buộc "name".'].join("\n"),
    );
    expect(formatProblems(byPlace, "en")).toBe(
      ["indicator no. 2 of group 3 (root.children[2].children[1].code): Must not be empty.", 'indicator no. 2 of group 3 (root.children[2].children[1].name): The required field "name" is missing.'].join("\n"),
    );
  });

  test("a JSON syntax error is one sentence in the chosen language, without a path", () => {
    const r = parseDefinitionText('{"id": "a",\n "name": "x\ny"}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatProblems(r.problems, "vi")).toMatch(/^Dòng 2, cột \d+: tệp không phải JSON hợp lệ/);
    expect(formatProblems(r.problems, "en")).toMatch(/^Line 2, column \d+: the file is not valid JSON/);
  });
});

describe("JSON that is almost right", () => {
  const problemOfText = (text: string): DefinitionProblem => {
    const r = parseDefinitionText(text);
    if (r.ok) throw new Error("expected the text to be rejected");
    expect(r.problems).toHaveLength(1);
    return r.problems[0]!;
  };

  test("comments, // or /* */, are named as comments JSON does not allow", () => {
    const line = problemOfText('{\n  // Bộ chỉ số thử\n  "format": "index-definition/1"\n}');
    expect(line.code).toBe("json-syntax");
    expect(line.message.en).toBe("Line 2, column 3: the file is not valid JSON (JSON does not allow comments (// or /* */); remove them).");
    expect(line.message.vi).toBe("Dòng 2, cột 3: tệp không phải JSON hợp lệ (JSON không cho phép chú thích (// hoặc /* */); hãy xóa các chú thích).");
    const block = problemOfText('{"format": "index-definition/1", /* thử */ "id": "x"}');
    expect(block.message.en).toMatch(/^Line 1, column 34: .*JSON does not allow comments/);
    const after = problemOfText('{"id": "x"}\n// hết');
    expect(after.message.en).toMatch(/^Line 2, column 1: .*comments/);
  });

  test("an invisible character is shown by its code point and name, not as a blank", () => {
    const nbsp = problemOfText('{\n\u00a0\u00a0"id": "x"\n}');
    expect(nbsp.message.en).toBe(
      "Line 2, column 1: the file is not valid JSON (expected a field name in double quotes, found the invisible character U+00A0 (a no-break space)).",
    );
    expect(nbsp.message.vi).toContain("ký tự không nhìn thấy U+00A0 (dấu cách không ngắt dòng)");
    const zwsp = problemOfText('{"id": "x",\u200b"version": "1"}');
    expect(zwsp.message.en).toContain("U+200B (a zero-width space)");
    const other = problemOfText('{"id": "x"}\u2063');
    expect(other.message.en).toContain("there is more after the end of the JSON: the invisible character U+2063");
    // A character that can be seen is shown as it is.
    expect(problemOfText('{"id": x}').message.en).toContain('found "x" where a value is expected');
  });

  test("a key written twice in one object is an error at its path, with both lines, among the other problems", () => {
    const d = base();
    const text = JSON.stringify(d, null, 2).replace('"max": 40,', '"max": 40,\n        "max": 45,');
    const r = parseDefinitionText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // Rejected although the value JSON keeps (the last, 45) would be valid: which one was meant is not known.
    expect(r.problems.map((p) => [p.path, p.code])).toEqual([["root.children[0].max", "duplicate-key"]]);
    const p = r.problems[0]!;
    expect(formatProblems([p], "en")).toMatch(/^indicator 1 \(root\.children\[0\]\.max\): The field "max" is written twice in the same object \(line \d+, column 9 and line \d+, column 9\)/);
    expect(p.message.vi).toContain('Trường "max" được ghi hai lần trong cùng một đối tượng');
    // With another problem elsewhere, both are reported; what follows from keeping the last of two
    // values ("Sai" is no index id, but the first "thu-nghiem" is) waits until one is removed.
    const both = parseDefinitionText(text.replace('"version": "1"', '"version": "1", "id": "Sai"').replace('"max": 60', '"max": -60'));
    expect(!both.ok && both.problems.map((q) => [q.path, q.code])).toEqual([
      ["id", "duplicate-key"],
      ["root.children[0].max", "duplicate-key"],
      ["root.children[1].max", "too-small"],
    ]);
    // The same key in two different objects is fine.
    expect(parseDefinitionText(JSON.stringify(base())).ok).toBe(true);
  });

  test("a max written twice is one problem: the group's max that no longer adds up with the last value is not said beside it", () => {
    const d = base();
    d.root.max = 100;
    const text = JSON.stringify(d, null, 2).replace('"max": 40,', '"max": 40, "max": 38,');
    const r = parseDefinitionText(text);
    expect(!r.ok && r.problems.map((p) => [p.path, p.code])).toEqual([["root.children[0].max", "duplicate-key"]]);
    if (r.ok) return;
    expect(r.problems[0]!.message.vi).toMatch(/^Trường "max" được ghi hai lần trong cùng một đối tượng \(dòng \d+ cột \d+ và dòng \d+ cột \d+\); chỉ một lần ghi được dùng, lần kia bị bỏ qua mà không báo\. Hãy xóa một trong hai\.$/);
    expect(r.problems[0]!.message.en).toMatch(/^The field "max" is written twice in the same object .*Remove one of them\.$/);
    expect(formatProblems(r.problems, "en")).not.toContain("differs");
    expect(formatProblems(r.problems, "vi")).not.toContain("Điểm tối đa 100 khác");
    // Once the first is removed the group's max that differs is said.
    const kept = parseDefinitionText(text.replace('"max": 40, ', ""));
    expect(!kept.ok && kept.problems.map((p) => [p.path, p.code])).toEqual([["root.max", "group-max-mismatch"]]);
    expect(!kept.ok && kept.problems[0]!.message.vi).toContain("Điểm tối đa 100 khác tổng điểm tối đa của các thành phần (98)");
  });

  test('a decimal comma in a bare number ("fraction": 0,5) is said as such, not as a field name missing', () => {
    const text = JSON.stringify(base(), null, 2).replace('"max": 40', '"max": 0,5');
    const p = problemOfText(text);
    const line = text.split("\n").findIndex((l) => l.includes('"max": 0,5')) + 1;
    const column = text.split("\n")[line - 1]!.indexOf("0,5") + 1;
    expect(p.code).toBe("json-syntax");
    expect(p.message.vi).toBe(`Dòng ${line}, cột ${column}: tệp không phải JSON hợp lệ (số thập phân phải dùng dấu chấm: ghi 0.5, không ghi 0,5).`);
    expect(p.message.en).toBe(`Line ${line}, column ${column}: the file is not valid JSON (decimal numbers use a dot: write 0.5, not 0,5).`);
    // Three digits after the comma may be thousands: both readings are given.
    expect(problemOfText('{"max": 1,500}').message.en).toBe(
      "Line 1, column 9: the file is not valid JSON (decimal numbers use a dot: write 1.500 (or 1500 if the comma separates thousands), not 1,500).",
    );
    // A comma followed by a space and a field name is the comma between fields.
    expect(problemOfText('{"a": 0, 5}').message.en).toContain('expected a field name in double quotes, found "5"');
  });

  test("curly quotes (“2024”) are told to be typed again as straight quotes \"", () => {
    const value = problemOfText('{"format": "index-definition/1", "version": “2024”}');
    expect(value.message.vi).toBe('Dòng 1, cột 45: tệp không phải JSON hợp lệ (gặp dấu ngoặc cong “ ở chỗ cần một giá trị; JSON chỉ nhận dấu ngoặc kép thẳng ", hãy gõ lại dấu này).');
    expect(value.message.en).toBe('Line 1, column 45: the file is not valid JSON (found the curly quote “ where a value is expected; JSON takes only straight double quotes ", so type it again).');
    const key = problemOfText("{\n  “version”: \"2024\"\n}");
    expect(key.message.vi).toBe('Dòng 2, cột 3: tệp không phải JSON hợp lệ (cần tên trường trong dấu ngoặc kép, gặp dấu ngoặc cong “; JSON chỉ nhận dấu ngoặc kép thẳng ", hãy gõ lại dấu này).');
    // A text opened with " and closed with ” runs on to the end of the line: the ” is where it is said.
    const closing = problemOfText('{\n  "version": "2024”,\n  "id": "x"\n}');
    expect(closing.message.vi).toBe('Dòng 2, cột 19: tệp không phải JSON hợp lệ (dấu ” không đóng được chuỗi văn bản; JSON chỉ nhận dấu ngoặc kép thẳng ", hãy gõ lại dấu này).');
    expect(closing.message.en).toBe('Line 2, column 19: the file is not valid JSON (the ” does not close the text string; JSON takes only straight double quotes ", so type it again).');
  });

  test("a missing comma shows the quote it found as a quote, not escaped, and says a ',' is probably missing", () => {
    const object = problemOfText('{\n  "format": "index-definition/1"\n  "version": "2024"\n}');
    expect(object.message.vi).toBe('Dòng 3, cột 3: tệp không phải JSON hợp lệ (cần dấu \',\' hoặc \'}\', gặp dấu ngoặc kép "; có lẽ thiếu dấu \',\' sau giá trị đứng trước).');
    expect(object.message.en).toBe('Line 3, column 3: the file is not valid JSON (expected \',\' or \'}\', found a double quote "; a \',\' is probably missing after the value before it).');
    expect(object.message.en).not.toContain("\\");
    const list = problemOfText('{"appliesTo": ["a" "b"]}');
    expect(list.message.en).toBe('Line 1, column 20: the file is not valid JSON (expected \',\' or \']\', found a double quote "; a \',\' is probably missing after the value before it).');
    // Something else in that place is only shown.
    expect(problemOfText('{"a": 1 x}').message.en).toBe('Line 1, column 9: the file is not valid JSON (expected \',\' or \'}\', found "x").');
  });

  test("a double quote typed inside a text, which ends it early, is said with how to write it; so is a \\ of a Windows path", () => {
    const inText = problemOfText('{\n  "name": "Nhận thức "số" cấp sở"\n}');
    expect(inText.message.vi).toBe(
      'Dòng 2, cột 23: tệp không phải JSON hợp lệ (cần dấu \',\' hoặc \'}\', gặp "s"; có lẽ trong văn bản có dấu ngoặc kép " làm văn bản kết thúc sớm: hãy viết dấu đó là \\" (hoặc dùng « » hay \' \')).',
    );
    expect(inText.message.en).toContain('a double quote " inside the text probably ended it early: write that quote as \\" (or use « » or \' \')');
    expect(problemOfText('{"appliesTo": ["Sở "A" tỉnh"]}').message.en).toContain("inside the text probably ended it early");
    // A value that is no text before the letter is not taken for one.
    expect(problemOfText('{"a": 1 x}').message.en).not.toContain("inside the text");
    expect(problemOfText('{"a": "C:\\Tai lieu"}').message.vi).toContain("một đường dẫn như C:\\tai-lieu viết là C:\\\\tai-lieu hoặc C:/tai-lieu");
    // A path whose \t, \b, \n JSON reads as a tab, a backspace, a new line: said, not taken silently.
    const path = problemOfText('{"a": "Lưu tại C:\\tai-lieu\\bao-cao"}');
    expect(path.message.vi).toBe(
      'Dòng 1, cột 18: tệp không phải JSON hợp lệ (có lẽ đây là đường dẫn Windows: trong JSON, "\\t" là một ký tự điều khiển (dấu tab, xuống dòng…), không phải dấu \\ và chữ t; hãy viết dấu \\ là \\\\ (C:\\\\tai-lieu) hoặc dùng dấu / (C:/tai-lieu)).',
    );
    expect(problemOfText('{"a": "Xem \\\\may-chu\\nam-2024"}').message.en).toContain("this looks like a Windows path");
    // A line break written \n in a text, and a path written with \\, are what they say.
    const base2 = base();
    base2.name.vi = "Dòng 1\nDòng 2 (C:\\tai-lieu)";
    expect(parseDefinitionText(JSON.stringify(base2)).ok).toBe(true);
  });

  test("each problem of a file on several lines names its line, and they are said in the order of the file's lines", () => {
    const d = base();
    d.root.children[1].rule.steps = [{ atLeast: 5, fraction: 0.5 }, { atLeast: 10, fraction: 1 }];
    d.root.children[0].max = "40";
    d.id = "Thu nghiem";
    const text = JSON.stringify(d, null, 2);
    const lineOf = (needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
    const r = parseDefinitionText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.path, p.line])).toEqual([
      ["id", lineOf('"id"')],
      ["root.children[0].max", lineOf('"max": "40"')],
      // The step's object starts on the line before its first field.
      ["root.children[1].rule.steps[1]", lineOf('"atLeast": 10') - 1],
    ]);
    const lines = formatProblems(r.problems, "vi").split("\n");
    expect(lines[0]).toMatch(new RegExp(`^id \\(dòng ${lineOf('"id"')}\\): `));
    expect(lines[1]).toMatch(new RegExp(`^chỉ tiêu 1 \\(dòng ${lineOf('"max": "40"')}, root\\.children\\[0\\]\\.max\\): `));
    expect(formatProblems(r.problems, "en").split("\n")[2]).toMatch(new RegExp(`^indicator 2 \\(line ${lineOf('"atLeast": 10') - 1}, root\\.children\\[1\\]\\.rule\\.steps\\[1\\]\\): `));
    // A missing field is placed at the object that lacks it; the same file on one line names no lines.
    const noMax = base();
    delete noMax.root.children[0].max;
    noMax.root.children[0].rule = { kind: "points" };
    const missing = parseDefinitionText(JSON.stringify(noMax, null, 2));
    if (missing.ok) throw new Error("expected a problem");
    expect(missing.problems[0]!.line).toBe(JSON.stringify(noMax, null, 2).split("\n").findIndex((l) => l.includes('"code": "1"')));
    const oneLine = parseDefinitionText(JSON.stringify(d));
    if (oneLine.ok) throw new Error("expected problems");
    expect(oneLine.problems.map((p) => p.line)).toEqual([undefined, undefined, undefined]);
  });

  test("a field name without quotes and True/FALSE/Null in capitals are said with what to write", () => {
    expect(problemOfText('{\n  "format": "index-definition/1",\n  name: "x"\n}').message.vi).toBe(
      'Dòng 3, cột 3: tệp không phải JSON hợp lệ (tên trường phải đặt trong dấu ngoặc kép: hãy ghi "name" thay cho name).',
    );
    expect(problemOfText('{"rescale": True}').message.en).toBe("Line 1, column 13: the file is not valid JSON (JSON writes true in small letters: write true for True).");
    expect(problemOfText('{"rescale": FALSE}').message.vi).toContain("hãy ghi false thay cho FALSE");
    expect(problemOfText('{"a": Nullx}').message.en).toContain('found "N" where a value is expected');
  });

  test("a key written twice on one line is located by line and column, so the two places can be told apart", () => {
    const text = JSON.stringify(base(), null, 2).replace(/"version": "1",/, '"version": "1", "unitLabel": "Sở", "unitLabel": "Huyện",');
    const line = text.split("\n").findIndex((l) => l.includes('"unitLabel"')) + 1;
    const r = parseDefinitionText(text);
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(["unitLabel"]);
    if (r.ok) return;
    const row = text.split("\n")[line - 1]!;
    const first = row.indexOf('"unitLabel"') + 1;
    const second = row.lastIndexOf('"unitLabel"') + 1;
    expect([first, second]).toEqual([19, 38]);
    expect(r.problems[0]!.message.vi).toContain(`(dòng ${line} cột ${first} và dòng ${line} cột ${second})`);
    expect(r.problems[0]!.message.en).toContain(`(line ${line}, column ${first} and line ${line}, column ${second})`);
  });
});

describe("definition files not in UTF-8", () => {
  const json = (name: string): string =>
    JSON.stringify({ ...base(), name }).replace("Nhận thức số", "Nhan thuc so").replace("Hạ tầng số", "Ha tang so").replace("Bộ chỉ số thử nghiệm", name);

  test("UTF-16 with a byte-order mark (Notepad's \"Unicode\") is read as the same definition", () => {
    const text = json("Bộ chỉ số Đồng Tháp");
    const le = new Uint8Array(2 + text.length * 2);
    le[0] = 0xff;
    le[1] = 0xfe;
    for (let k = 0; k < text.length; k++) {
      le[2 + 2 * k] = text.charCodeAt(k) & 0xff;
      le[3 + 2 * k] = text.charCodeAt(k) >> 8;
    }
    const decoded = decodeDefinitionFile(le, "bo-chi-so.json");
    expect(decoded).toEqual({ text });
    const r = parseDefinitionText(decoded.text);
    expect(r.ok && r.definition.name).toBe("Bộ chỉ số Đồng Tháp");
  });

  test("bytes that are not UTF-8 (Notepad's \"ANSI\") are read as Windows-1258, with a notice naming the file", () => {
    // "Đơn vị" in Windows-1258: Đ = D0, ơ = F5, and the dot below of ị = F2 after the i.
    const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
    const [before, after] = json("@").split("@");
    const bytes = new Uint8Array([...ascii(before!), 0xd0, 0xf5, ...ascii("n vi"), 0xf2, ...ascii(after!)]);
    const decoded = decodeDefinitionFile(bytes, "bo-chi-so.json");
    expect(decoded.notice?.vi).toBe(
      "Tệp bo-chi-so.json không phải UTF-8; đã đọc theo bảng mã tiếng Việt Windows-1258. Hãy kiểm tra dấu tiếng Việt của tên chỉ tiêu, hoặc lưu lại tệp dưới dạng UTF-8.",
    );
    expect(decoded.notice?.en).toContain("The file bo-chi-so.json is not UTF-8; it was read as Vietnamese Windows-1258.");
    const r = parseDefinitionText(decoded.text);
    expect(r.ok && r.definition.name).toBe("Đơn vị");
  });

  test("UTF-8, with or without a byte-order mark, has no notice", () => {
    const text = json("Bộ chỉ số Đồng Tháp");
    const utf8 = new TextEncoder().encode(text);
    expect(decodeDefinitionFile(utf8, "a.json")).toEqual({ text });
    expect(decodeDefinitionFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), "a.json")).toEqual({ text });
  });
});

describe("robustness", () => {
  const noStackTrace = (problems: DefinitionProblem[]): void => {
    for (const p of problems) {
      expect(typeof p.path).toBe("string");
      expect(p.message.vi.length).toBeGreaterThan(0);
      expect(p.message.en.length).toBeGreaterThan(0);
      expect(p.message.en).not.toMatch(/ at .*\.ts:\d+|TypeError|undefined is not/);
    }
  };

  test("parsing never throws, whatever value it is given", () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const r = parseDefinition(v);
        if (!r.ok) noStackTrace(r.problems);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = parseDefinitionText(JSON.stringify(v));
        if (!r.ok) noStackTrace(r.problems);
      }),
      { numRuns: 300 },
    );
  });

  test("parsing text never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseDefinitionText(s);
        if (!r.ok) noStackTrace(r.problems);
      }),
      { numRuns: 300 },
    );
  });

  /** Replace the value at a random place of a valid definition by a random value. */
  function mutate(value: unknown, path: number[], replacement: unknown): unknown {
    if (path.length === 0 || value === null || typeof value !== "object") return replacement;
    const [step, ...rest] = path;
    if (Array.isArray(value)) {
      const k = step! % (value.length + 1);
      const copy = [...value];
      copy[k] = mutate(value[k], rest, replacement);
      return copy;
    }
    const keys = Object.keys(value);
    const key = keys[step! % keys.length] ?? "x";
    return { ...(value as object), [key]: mutate((value as Record<string, unknown>)[key], rest, replacement) };
  }

  test("mutated valid definitions never make parsing throw", () => {
    const valid = [base(), dti, hdi];
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.array(fc.nat(40), { maxLength: 8 }),
        fc.oneof(fc.jsonValue(), fc.constantFrom(undefined, NaN, Infinity, -1, 0, "", "data", {}, [], { children: [] })),
        (def, path, replacement) => {
          const r = parseDefinition(mutate(def, path, replacement));
          if (!r.ok) {
            noStackTrace(r.problems);
            for (const p of r.problems) expect(p.message.en).not.toMatch(ZOD_ENGLISH);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("definitions nested beyond what can be read, and bugs", () => {
  test("a definition nested deeper than the stack holds is one problem for the whole definition", () => {
    let node: Record<string, unknown> = { code: "x", name: "x", max: 1, rule: { kind: "fraction" } };
    for (let k = 0; k < 20000; k++) node = { code: `g${k}`, name: "g", children: [node] };
    const d = base();
    d.root.children = [node];
    expect(problemsOf(d)).toEqual([
      { path: "definition", code: "too-deep", message: { vi: "Bộ chỉ số lồng nhau quá sâu, không đọc được.", en: "The definition is nested too deeply to be read." } },
    ]);
  });

  test("an expression too long for the parser is said at the expression, not as a definition nested too deeply", () => {
    const d = base();
    d.root.children[1].inputs = [{ code: "x" }];
    d.root.children[1].rule = { kind: "expr", expr: Array.from({ length: 4000 }, () => "[x]").join("+") };
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([["root.children[1].rule.expr", "expr-syntax"]]);
    expect(problems[0]!.message.en).toContain("the expression is too long or nested too deeply");
  });

  test("an exception other than a stack overflow is a bug of the program: it is not disguised as a definition nested too deeply", () => {
    const bug = new TypeError("a bug");
    const hostile = new Proxy(base(), {
      get(target, key, receiver) {
        if (key === "root") throw bug;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(() => parseDefinition(hostile)).toThrow(bug);
  });
});

describe("where a problem is, named by the code as the sentence names it", () => {
  test("a code written with spaces around it is named trimmed, once, in the place and in the sentence", () => {
    const d = base();
    d.root.children[1].code = " 1 ";
    const p = problemAt(d, "root.children[1].code");
    expect(p.code).toBe("duplicate-code");
    expect(formatProblems([p], "en")).toBe(
      'indicator 1 (root.children[1].code): The code "1" is already used by the indicator "Nhận thức số" (root.children[0].code); each code (of a group, an indicator or an input) may be used only once.',
    );
    expect(formatProblems([p], "vi")).toMatch(/^chỉ tiêu 1 \(root\.children\[1\]\.code\): Mã "1" đã được dùng/);
  });

  test("a group's code with spaces and decomposed letters is named trimmed and composed", () => {
    const d = base();
    d.root.children[0] = { code: " Hạ tầng ".normalize("NFD"), name: "G", max: 40, aggregate: "Sum", children: [{ code: "1", name: "x", max: 40, rule: { kind: "fraction" } }] };
    const p = problemAt(d, "root.children[0].aggregate");
    expect(formatProblems([p], "vi").startsWith(`nhóm ${"Hạ tầng".normalize("NFC")} (root.children[0].aggregate): `)).toBe(true);
  });

  test("a group whose children are not a list is still called a group, as are the groups counted beside it", () => {
    const d = base();
    d.root.children[0] = { code: "G", name: "G", max: 40, children: {} };
    d.root.children[1] = { children: null };
    const problems = parseDefinition(d);
    if (problems.ok) throw new Error("accepted");
    const at = (path: string) => problems.problems.find((p) => p.path === path)!;
    expect(formatProblems([at("root.children[0].children")], "vi")).toMatch(/^nhóm G \(root\.children\[0\]\.children\): /);
    expect(formatProblems([at("root.children[0].children")], "en")).toMatch(/^group G \(root\.children\[0\]\.children\): /);
    // Without code nor name, counted among the groups of its parent: G and it.
    expect(formatProblems([at("root.children[1].children")], "en")).toMatch(/^group no\. 2 of group T \(root\.children\[1\]\.children\): /);
    expect(formatProblems([at("root.children[1].children")], "vi")).toMatch(/^nhóm thứ 2 của nhóm T \(root\.children\[1\]\.children\): /);
  });
});

describe("categories", () => {
  test("a category id is free text, as codes are (only the index's own id is [a-z0-9-]+)", () => {
    const d = base();
    d.categories = [
      { id: "DVC", name: "Có dịch vụ công" },
      { id: "Không DVC", name: "Không có dịch vụ công" },
    ];
    d.root.children[0].appliesTo = ["DVC"];
    d.ranking = { exclude: ["Không DVC"] };
    const r = parseDefinition(d);
    if (!r.ok) throw new Error(formatProblems(r.problems, "en"));
    expect(r.model.categories).toEqual(["DVC", "Không DVC"]);
  });

  test("a category id is compared in NFC: saved decomposed it still matches appliesTo", () => {
    const d = base();
    d.categories = [{ id: "Không DVC".normalize("NFD"), name: "x" }];
    d.root.children[0].appliesTo = ["Không DVC".normalize("NFC")];
    const r = parseDefinition(d);
    if (!r.ok) throw new Error(formatProblems(r.problems, "en"));
    expect(r.model.categories).toEqual(["Không DVC".normalize("NFC")]);
  });

  test("two categories with the same id are an error at the second, naming the first", () => {
    const d = base();
    d.categories = [
      { id: "c1", name: "x" },
      { id: " c1 ", name: "y" },
    ];
    const p = problemAt(d, "categories[1].id");
    expect(p.code).toBe("duplicate-category");
    // "Loại đơn vị" / "unit category": Decision 922 calls groups of indicators "nhóm".
    expect(p.message.vi).toBe('Mã loại đơn vị "c1" đã được dùng ở categories[0].id; mỗi loại đơn vị cần một mã riêng.');
    expect(p.message.en).toBe('The unit category id "c1" is already used at categories[0].id; each unit category needs its own id.');
  });

  test("two category ids that differ only in case or diacritics are an error: a form's category cell could not tell them apart", () => {
    const d = base();
    d.categories = [
      { id: "dvc", name: "x" },
      { id: "DVC", name: "y" },
    ];
    const p = problemAt(d, "categories[1].id");
    expect(p.code).toBe("duplicate-category");
    expect(p.message.en).toContain('differs from "dvc" (at categories[0].id) only in case or diacritics');
  });

  test("an empty category id is still an error", () => {
    const d = base();
    d.categories = [{ id: "  ", name: "x" }];
    expect(problemAt(d, "categories[0].id").code).toBe("empty-text");
  });
});

describe("target rules", () => {
  test('a target of 0 is accepted with "lower" (no incidents is the goal)', () => {
    const d = base();
    d.root.children[0].rule = { kind: "target", target: 0, direction: "lower" };
    const r = parseDefinition(d);
    if (!r.ok) throw new Error(formatProblems(r.problems, "en"));
  });

  test('a target of 0 with "higher" is an error that says 0 is for "lower"', () => {
    const d = base();
    d.root.children[0].rule = { kind: "target", target: 0 };
    const p = problemAt(d, "root.children[0].rule.target");
    expect(p.code).toBe("target-positive");
    expect(p.message.en).toContain('a target of 0 is for "direction": "lower" only');
    expect(p.message.vi).toContain('phải lớn hơn 0');
  });
});

describe("codes in Unicode NFC", () => {
  test("codes, inputs, rule references and expressions saved decomposed (NFD) are read as NFC and match each other", () => {
    const nfd = (s: string): string => s.normalize("NFD");
    const d = base();
    d.root.children[0] = {
      code: nfd(" Hạ tầng "),
      name: "Hạ tầng",
      max: 40,
      inputs: [{ code: nfd("Hạ tầng.a") }, { code: "Hạ tầng.b".normalize("NFC") }],
      rule: { kind: "ratio", numerator: "Hạ tầng.a".normalize("NFC"), denominator: nfd("Hạ tầng.b") },
    };
    d.root.children.push({ code: "3", name: "Biểu thức", max: 10, inputs: [{ code: nfd("Số") }], rule: { kind: "expr", expr: `[${"Số".normalize("NFC")}] / 2` } });
    d.root.children[1].max = 50;
    const r = parseDefinition(d);
    if (!r.ok) throw new Error(formatProblems(r.problems, "en"));
    expect([...r.model.nodes.keys()]).toContain("Hạ tầng".normalize("NFC"));
    expect([...r.model.inputs.keys()]).toEqual(expect.arrayContaining(["Hạ tầng.a", "Hạ tầng.b", "Số"].map((c) => c.normalize("NFC"))));
  });
});

describe("findings an audit of the definition check asked for", () => {
  const textOf = (d: unknown): string => JSON.stringify(d, null, 2);
  const rejected = (text: string): DefinitionProblem[] => {
    const r = parseDefinitionText(text);
    if (r.ok) throw new Error("expected the definition to be rejected");
    return r.problems;
  };

  test("a root written as an indicator gets one sentence: the root must be a group, with the indicator inside root.children", () => {
    const d = base();
    d.root = { code: "T", max: 10, rule: { kind: "points" } };
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([["root", "root-is-indicator"]]);
    expect(problems[0]!.message.vi).toBe('Gốc ("root") phải là một nhóm: hãy đặt chỉ tiêu "T" vào trong "root.children" ("root": {"code": …, "name": …, "children": [ … ]}).');
    expect(problems[0]!.message.en).toBe('The root must be a group: put indicator "T" inside "root.children" ("root": {"code": …, "name": …, "children": [ … ]}).');
    // Its other problems are still said; a root group with a rule is still told to drop one of them.
    d.root.bogus = 1;
    expect(problemsOf(d).map((p) => p.code)).toEqual(["root-is-indicator", "unknown-field"]);
    const group = base();
    group.root.rule = { kind: "points" };
    expect(problemAt(group, "root.rule").code).toBe("indicator-field-in-group");
  });

  test('a number too large for JSON ("atLeast": 1e400) is said to be too large, as written, not "found Infinity"', () => {
    const text = textOf(base()).replace('"atLeast": 10', '"atLeast": 1e400').replace('"max": 40', '"max": -1e999');
    const problems = rejected(text);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].max", "number-too-large"],
      ["root.children[1].rule.steps[0].atLeast", "number-too-large"],
    ]);
    const [max, atLeast] = problems;
    expect(atLeast!.message.vi).toBe("Số 1e400 quá lớn: JSON chỉ ghi được số đến 1,8 × 10^308; hãy ghi một số nhỏ hơn.");
    expect(atLeast!.message.en).toBe("The number 1e400 is too large: JSON numbers go up to about 1.8e308; write a smaller number.");
    expect(max!.message.en).toBe("The number -1e999 is too large in size: JSON numbers go down to about -1.8e308; write a number nearer 0.");
    for (const p of problems) expect(`${p.message.vi} ${p.message.en}`).not.toContain("Infinity");
    // Given as a value (no text to quote), the sentence says the same without the figure.
    const d = base();
    d.root.children[1].rule.steps[0].atLeast = Infinity;
    expect(problemAt(d, "root.children[1].rule.steps[0].atLeast").message.en).toBe("The number is too large: JSON numbers go up to about 1.8e308; write a smaller number.");
  });

  test('a number too small to be told from 0 ("decimals": 1e-400) is a problem, not read as 0 silently; 0.0e-999 is 0', () => {
    const d = { ...base(), ranking: { decimals: 2 } };
    const problems = rejected(textOf(d).replace('"decimals": 2', '"decimals": 1e-400'));
    expect(problems.map((p) => [p.path, p.code])).toEqual([["ranking.decimals", "number-too-small"]]);
    expect(problems[0]!.message.vi).toBe("Số 1e-400 quá nhỏ, sẽ bị đọc thành 0; nếu giá trị là 0, hãy ghi 0; nếu không, hãy ghi một số lớn hơn.");
    expect(problems[0]!.message.en).toBe("The number 1e-400 is too small and would be read as 0; write 0 if 0 is meant, or a larger number.");
    expect(parseDefinitionText(textOf(d).replace('"decimals": 2', '"decimals": 0.0e-999')).ok).toBe(true);
  });

  test('a step whose threshold is misspelt ("atleast") is told only the field\'s "did you mean"', () => {
    const d = base();
    d.root.children[1].rule.steps[0] = { atleast: 10, fraction: 1 };
    const problems = problemsOf(d).filter((p) => p.path.startsWith("root.children[1].rule.steps[0]"));
    expect(problems.map((p) => [p.path, p.code])).toEqual([["root.children[1].rule.steps[0].atleast", "unknown-field"]]);
    expect(problems[0]!.message.en).toBe('The field "atleast" is not part of the format; did you mean "atLeast"?');
    expect(problems[0]!.message.vi).toBe('Trường "atleast" không có trong định dạng; có phải là "atLeast"?');
    // A step with no threshold at all, or with both, is still told it needs exactly one.
    d.root.children[1].rule.steps[0] = { value: 10, fraction: 1 };
    expect(problemsOf(d).map((p) => p.code)).toContain("atleast-xor-atmost");
    d.root.children[1].rule.steps[0] = { atLeast: 10, atmost: 20, fraction: 1 };
    expect(problemsOf(d).map((p) => p.code)).toEqual(["unknown-field"]);
  });
});
