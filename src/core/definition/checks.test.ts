import { type DefinitionProblem, formatProblems, parseDefinition } from "./index";
import departmentSample from "../../indices/dti-department-sample.json";

/** A small valid definition: a sum root of 100 points with two indicators. */
function base(): any {
  return {
    format: "index-definition/1",
    id: "thu-nghiem",
    version: "1",
    name: { vi: "Bộ chỉ số thử nghiệm", en: "Test index" },
    categories: [{ id: "co-dvc", name: "Có dịch vụ công" }],
    root: {
      code: "T",
      name: "Tổng",
      children: [
        { code: "1", name: "Nhận thức số", max: 40, rule: { kind: "fraction" } },
        {
          code: "2",
          name: "Văn bản chỉ đạo",
          max: 60,
          inputs: [
            { code: "2.a", type: "integer", min: 0 },
            { code: "2.b", type: "integer", min: 0 },
          ],
          rule: { kind: "ratio", numerator: "2.a", denominator: "2.b" },
        },
      ],
    },
  };
}

function problemsOf(def: unknown): DefinitionProblem[] {
  const r = parseDefinition(def);
  if (r.ok) throw new Error("expected the definition to be rejected");
  return r.problems;
}

/** The definition has exactly one problem, at `path` with `code`; its sentences are returned. */
function onlyProblem(def: unknown, path: string, code: string): { vi: string; en: string } {
  const problems = problemsOf(def);
  expect(problems.map((p) => [p.path, p.code])).toEqual([[path, code]]);
  const { vi, en } = problems[0]!.message;
  expect(vi.length).toBeGreaterThan(10);
  expect(en.length).toBeGreaterThan(10);
  expect(vi).not.toEqual(en);
  return { vi, en };
}

test("the small test definition is valid, so each test below has exactly the problem it adds", () => {
  expect(parseDefinition(base()).ok).toBe(true);
});

describe("codes", () => {
  test("a node code used twice is reported at the second use, naming the first", () => {
    const d = base();
    d.root.children[1].code = "1";
    d.root.children[1].inputs = undefined;
    d.root.children[1].rule = { kind: "fraction" };
    const m = onlyProblem(d, "root.children[1].code", "duplicate-code");
    expect(m.vi).toBe('Mã "1" đã được dùng cho chỉ tiêu "Nhận thức số" (root.children[0].code); mỗi mã (của nhóm, chỉ tiêu hay số liệu đầu vào) chỉ được dùng một lần.');
    expect(m.en).toBe('The code "1" is already used by the indicator "Nhận thức số" (root.children[0].code); each code (of a group, an indicator or an input) may be used only once.');
  });

  test("an input code may not repeat a node code elsewhere in the definition", () => {
    const d = base();
    d.root.children[1].inputs[1].code = "1";
    d.root.children[1].rule.denominator = "1";
    onlyProblem(d, "root.children[1].inputs[1].code", "duplicate-code");
  });

  test("the sentence names what has the code already by its name: a group in its language, an input with its indicator", () => {
    const group = base();
    group.root.children[0] = { code: "G", name: { vi: "Hạ tầng số", en: "Digital infrastructure" }, children: [{ ...group.root.children[0], max: 40 }] };
    group.root.children[1].code = "G";
    group.root.children[1].inputs = undefined;
    group.root.children[1].rule = { kind: "fraction" };
    const g = onlyProblem(group, "root.children[1].code", "duplicate-code");
    expect(g.vi).toContain('đã được dùng cho nhóm "Hạ tầng số" (root.children[0].code)');
    expect(g.en).toContain('already used by the group "Digital infrastructure" (root.children[0].code)');

    const input = base();
    input.root.children[1].inputs[0].name = { vi: "Số văn bản đã ban hành", en: "Documents issued" };
    input.root.children[0].code = "2.a";
    const i = onlyProblem(input, "root.children[1].inputs[0].code", "duplicate-code");
    expect(i.vi).toContain('đã được dùng cho chỉ tiêu "Nhận thức số" (root.children[0].code)');

    const later = base();
    later.root.children[1].inputs[0].name = { vi: "Số văn bản đã ban hành", en: "Documents issued" };
    later.root.children.push({ code: "2.a", name: "Trùng", max: 0, rule: { kind: "fraction" } });
    const l = onlyProblem(later, "root.children[2].code", "duplicate-code");
    expect(l.vi).toContain('đã được dùng cho số liệu "Số văn bản đã ban hành" của chỉ tiêu "Văn bản chỉ đạo" (root.children[1].inputs[0].code)');
    expect(l.en).toContain('already used by the input "Documents issued" of the indicator "Văn bản chỉ đạo" (root.children[1].inputs[0].code)');
    // An input without a name is one of its indicator's inputs.
    delete later.root.children[1].inputs[0].name;
    expect(onlyProblem(later, "root.children[2].code", "duplicate-code").vi).toContain('cho một số liệu đầu vào của chỉ tiêu "Văn bản chỉ đạo" (root.children[1].inputs[0].code)');
  });

  test("codes are compared after trimming", () => {
    const d = base();
    d.root.children[0].code = " 2 ";
    onlyProblem(d, "root.children[1].code", "duplicate-code");
  });

  test("an explicit input that takes its own indicator's code is the implicit input written out, and is accepted", () => {
    const d = base();
    d.root.children[0].inputs = [{ code: "1", type: "percent" }];
    expect(parseDefinition(d).ok).toBe(true);
  });

  test("a node, input or unit category code that is a name every JavaScript object has is refused, at the code", () => {
    const node = base();
    node.root.children[0].code = "__proto__";
    const m = onlyProblem(node, "root.children[0].code", "reserved-code");
    expect(m.en).toBe(
      'The code "__proto__" cannot be used: it is a name JavaScript (the language of the program) has built in, so figures and points kept under it would be lost or misread. Choose another code.',
    );
    expect(m.vi).toBe(
      'Không dùng được mã "__proto__": đây là tên có sẵn trong JavaScript (ngôn ngữ lập trình), nên số liệu và điểm ghi theo mã này sẽ bị mất hoặc bị đọc sai. Hãy đặt mã khác.',
    );
    for (const code of ["constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "toLocaleString", "__defineGetter__"]) {
      const d = base();
      d.root.children[0].code = ` ${code} `;
      onlyProblem(d, "root.children[0].code", "reserved-code");
    }
    const group = base();
    group.root.code = "constructor";
    onlyProblem(group, "root.code", "reserved-code");
    const input = base();
    input.root.children[1].inputs[1].code = "valueOf";
    input.root.children[1].rule.denominator = "valueOf";
    onlyProblem(input, "root.children[1].inputs[1].code", "reserved-code");
    const category = base();
    category.categories[0].id = "toString";
    category.root.children[0].appliesTo = ["toString"];
    const c = onlyProblem(category, "categories[0].id", "reserved-code");
    expect(c.en).toContain('The unit category id "toString" cannot be used');
    expect(c.vi).toContain('Không dùng được mã loại đơn vị "toString"');
  });

  test("a code that only looks like such a name (another case, a prefix) is accepted", () => {
    const d = base();
    d.root.children[0].code = "ToString";
    d.root.children[1].inputs[0].code = "proto";
    d.root.children[1].rule.numerator = "proto";
    d.categories[0].id = "constructors";
    expect(parseDefinition(d).ok).toBe(true);
  });
});

describe("rule inputs", () => {
  test("a ratio naming an input the indicator does not have is reported at that field", () => {
    const d = base();
    d.root.children[1].rule.denominator = "2.c";
    const m = onlyProblem(d, "root.children[1].rule.denominator", "unknown-input");
    expect(m.en).toContain('"2.c"');
    expect(m.vi).toContain('"2.a", "2.b"');
  });

  test("a single-input rule on an indicator with several inputs must say which one it reads", () => {
    const d = base();
    d.root.children[1].rule = { kind: "target", target: 10 };
    const m = onlyProblem(d, "root.children[1].rule", "rule-input-required");
    expect(m.vi).toContain('"input"');
    const fixed = base();
    fixed.root.children[1].rule = { kind: "target", target: 10, input: "2.a" };
    expect(parseDefinition(fixed).ok).toBe(true);
  });

  test("the input a single-input rule names must exist", () => {
    const d = base();
    d.root.children[1].rule = { kind: "target", target: 10, input: "2.z" };
    onlyProblem(d, "root.children[1].rule.input", "unknown-input");
  });
});

describe("sum groups", () => {
  test("a child of a sum group without max is reported", () => {
    const d = base();
    delete d.root.children[0].max;
    const m = onlyProblem(d, "root.children[0].max", "sum-child-without-max");
    expect(m.vi).toContain('"T"');
  });

  test("a child without max under a sum group that has none either is one problem, at that child", () => {
    const d = base();
    d.root.children[0] = { code: "G", name: "G", children: [{ code: "B", name: "B", rule: { kind: "fraction" } }] };
    const m = onlyProblem(d, "root.children[0].children[0].max", "sum-child-without-max");
    expect(m.en).toBe('The group "G" adds up points (aggregate "sum"), so this node needs a "max".');
    // Giving B its max clears it (and G's max is then B's, 40, as the root's sum needs).
    d.root.children[0].children[0].max = 40;
    expect(parseDefinition(d).ok).toBe(true);
    // Two levels of sum groups without max: still one problem, at the indicator.
    const deep = base();
    deep.root.children[0] = { code: "G", name: "G", children: [{ code: "H", name: "H", children: [{ code: "B", name: "B", rule: { kind: "fraction" } }] }] };
    onlyProblem(deep, "root.children[0].children[0].children[0].max", "sum-child-without-max");
    // A mean group without max under a sum group is asked for its own max.
    const mean = base();
    mean.root.children[0] = { code: "G", name: "G", aggregate: "mean", children: [{ code: "B", name: "B", rule: { kind: "fraction" } }] };
    onlyProblem(mean, "root.children[0].max", "sum-child-without-max");
  });

  test("children's max that add up to more than a number holds are one problem, at the lowest group that adds them", () => {
    const d = base();
    d.root.children[0].max = 1e308;
    d.root.children[1].max = 1e308;
    const m = onlyProblem(d, "root", "max-not-finite");
    expect(m.en).toBe(
      "The children's max add up to more than the largest number the program can compute with (about 1.8 × 10^308), so the group's points cannot be computed; use smaller max values.",
    );
    expect(m.vi).toBe(
      'Tổng điểm tối đa của các thành phần của nhóm vượt quá số lớn nhất chương trình tính được (khoảng 1,8 × 10^308), nên không tính được điểm của nhóm; hãy dùng điểm tối đa ("max") nhỏ hơn.',
    );
    // Deeper, said at that group and not again at the root; also when the group has a max of its own (not also "differs").
    const deep = base();
    deep.root.children[0] = { code: "G", name: "G", children: [{ code: "a", name: "a", max: 1e308, rule: { kind: "fraction" } }, { code: "b", name: "b", max: 1e308, rule: { kind: "fraction" } }] };
    onlyProblem(deep, "root.children[0]", "max-not-finite");
    deep.root.children[0].max = 1e308;
    deep.root.children[0].rescale = true;
    onlyProblem(deep, "root.children[0]", "max-not-finite");
    delete deep.root.children[0].rescale;
    onlyProblem(deep, "root.children[0]", "max-not-finite");
    // Large max that still add up to a number are accepted.
    const large = base();
    large.root.children[0].max = 8e307;
    large.root.children[1].max = 8e307;
    expect(parseDefinition(large).ok).toBe(true);
  });

  test("a group without max over children of max 0.1 and 0.2 has max 0.3, not 0.30000000000000004", () => {
    const d = base();
    d.root.children[0] = { code: "G", name: "G", children: [{ code: "a", name: "a", max: 0.1, rule: { kind: "fraction" } }, { code: "b", name: "b", max: 0.2, rule: { kind: "fraction" } }] };
    const r = parseDefinition(d);
    if (!r.ok) throw new Error(formatProblems(r.problems, "en"));
    expect(r.model.nodes.get("G")!.max).toBe(0.3);
    expect(r.model.root.max).toBe(60.3);
  });

  test("a given group max must equal the sum of its children's max", () => {
    const d = base();
    d.root.max = 1000;
    const m = onlyProblem(d, "root.max", "group-max-mismatch");
    expect(m.en).toContain("1000");
    expect(m.en).toContain("100");
    expect(m.vi).toContain('"rescale": true');
  });

  /** base() with indicator 1 (40 points) made a group "1" of two indicators of 20 points, under a root of max 100. */
  function withGroup(groupMax: number): any {
    const d = base();
    d.root.max = 100;
    d.root.children[0] = {
      code: "1",
      name: "Nhận thức số",
      max: groupMax,
      children: [
        { code: "1.1", name: "Kế hoạch", max: 20, rule: { kind: "fraction" } },
        { code: "1.2", name: "Tập huấn", max: 20, rule: { kind: "fraction" } },
      ],
    };
    return d;
  }

  test("a wrong group max is one problem, at that group: the root, which agrees with the 40 its children make (40 + 60), is not told", () => {
    expect(parseDefinition(withGroup(40)).ok).toBe(true);
    const m = onlyProblem(withGroup(45), "root.children[0].max", "group-max-mismatch");
    expect(m.en).toBe('The max 45 differs from the sum of the children\'s max (40); make them equal, or set "rescale": true to rescale to 45.');
    expect(m.vi).toBe('Điểm tối đa 45 khác tổng điểm tối đa của các thành phần (40); sửa lại cho bằng nhau, hoặc ghi "rescale": true nếu muốn quy đổi về thang 45.');
    // Through a group without a max of its own, whose max is its children's, the same.
    const deep = base();
    deep.root.max = 100;
    deep.root.children[0] = { code: "G", name: "G", children: [withGroup(45).root.children[0]] };
    onlyProblem(deep, "root.children[0].children[0].max", "group-max-mismatch");
    // A root that agrees neither with its children's max as written (45 + 60) nor with what they
    // come to (40 + 60) is told too, after the group.
    const both = withGroup(45);
    both.root.max = 110;
    expect(problemsOf(both).map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].max", "group-max-mismatch"],
      ["root.max", "group-max-mismatch"],
    ]);
    expect(problemsOf(both)[1]!.message.en).toContain("The max 110 differs from the sum of the children's max (105)");
  });

  test("a wrong indicator max is one problem, at its group: groups above it are judged on their children's max as written", () => {
    // withGroup(40) with indicator 1.1 made 25: group 1 (40) no longer adds up (45), the root's
    // children as written (40 + 60) still add up to its 100.
    const d = withGroup(40);
    d.root.children[0].children[0].max = 25;
    const m = onlyProblem(d, "root.children[0].max", "group-max-mismatch");
    expect(m.en).toContain("The max 40 differs from the sum of the children's max (45)");
    // Through a group without a max of its own (its max is its children's as written: 40), the same.
    const deep = withGroup(40);
    deep.root.children[0] = { code: "G", name: "G", children: [d.root.children[0]] };
    onlyProblem(deep, "root.children[0].children[0].max", "group-max-mismatch");
    // A root whose own children as written do not add up is still told, after the group below it.
    d.root.max = 90;
    expect(problemsOf(d).map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].max", "group-max-mismatch"],
      ["root.max", "group-max-mismatch"],
    ]);
    expect(problemsOf(d)[1]!.message.en).toContain("The max 90 differs from the sum of the children's max (100)");
  });

  test("in the department sample, indicator 3.1 made 15 points is one problem, at group 3 (25 against 30), not at the root", () => {
    const d = structuredClone(departmentSample) as any;
    expect(d.root.children[2].children[0].code).toBe("3.1");
    d.root.children[2].children[0].max = 15;
    const m = onlyProblem(d, "root.children[2].max", "group-max-mismatch");
    expect(m.vi).toBe('Điểm tối đa 25 khác tổng điểm tối đa của các thành phần (30); sửa lại cho bằng nhau, hoặc ghi "rescale": true nếu muốn quy đổi về thang 25.');
    // The message as validate lists it names the group first.
    const r = parseDefinition(d);
    expect(!r.ok && formatProblems(r.problems, "vi").split("\n")[0]).toMatch(/^nhóm 3 .*\(root\.children\[2\]\.max\): Điểm tối đa 25 khác tổng điểm tối đa của các thành phần \(30\)/);
  });

  test("a wrong root max alone is one problem, at the root, whatever groups are under it", () => {
    const d = withGroup(40);
    d.root.max = 105;
    const m = onlyProblem(d, "root.max", "group-max-mismatch");
    expect(m.en).toContain("The max 105 differs from the sum of the children's max (100)");
  });

  test("a different group max is accepted with rescale", () => {
    const d = base();
    d.root.max = 1000;
    d.root.rescale = true;
    expect(parseDefinition(d).ok).toBe(true);
  });

  test("a group with max 0 over scored children is accepted (shown, scores nothing) and counts 0 in its parent's sum", () => {
    const d = base();
    d.root.children.push({
      code: "3",
      name: "Đô thị thông minh — không tính điểm",
      max: 0,
      children: [{ code: "3.1", name: "Nền tảng", max: 5, rule: { kind: "fraction" } }],
    });
    d.root.max = 100;
    const r = parseDefinition(d);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.model.nodes.get("3")?.max).toBe(0);
    expect(r.model.root.max).toBe(100);
  });

  test("children sums are compared without floating-point noise", () => {
    const d = base();
    d.root.children[0].max = 0.1;
    d.root.children[1].max = 0.2;
    d.root.max = 0.3;
    expect(parseDefinition(d).ok).toBe(true);
  });
});

describe("points", () => {
  test("a points rule needs the indicator's max", () => {
    const d = base();
    d.root.aggregate = "mean";
    d.root.children[0] = { code: "1", name: "Tự chấm", rule: { kind: "points" } };
    onlyProblem(d, "root.children[0].max", "max-required");
  });

  test("a count rule needs the indicator's max", () => {
    const d = base();
    d.root.aggregate = "mean";
    d.root.children[0] = { code: "1", name: "Số hệ thống", rule: { kind: "count", pointsEach: 2 } };
    onlyProblem(d, "root.children[0].max", "max-required");
  });

  test("a count indicator without max under a sum group is one problem, the rule's, not a second one for the group", () => {
    const d = base();
    d.root.children[0] = { code: "1", name: "Số điểm wifi công cộng", rule: { kind: "count", pointsEach: 2 } };
    const m = onlyProblem(d, "root.children[0].max", "max-required");
    expect(m.vi).toBe('Quy tắc "count" tính điểm theo số lượng nên chỉ tiêu cần có "max" (điểm tối đa).');
    expect(m.en).toBe('A "count" rule scores points per item, so the indicator needs a "max".');
    // Steps in points under a sum group: once, too.
    d.root.children[0] = { code: "1", name: "Bậc", rule: { kind: "steps", steps: [{ atLeast: 1, points: 10 }] } };
    expect(onlyProblem(d, "root.children[0].max", "max-required").en).toBe('This step gives "points", so the indicator needs a "max".');
  });

  test("choice options scored in points need the max and may not exceed it", () => {
    const d = base();
    d.root.children[0].rule = {
      kind: "choice",
      options: [
        { value: "Đạt", points: 50 },
        { value: "Không đạt", points: 0 },
      ],
    };
    const m = onlyProblem(d, "root.children[0].rule.options[0].points", "points-exceed-max");
    expect(m.en).toContain("50");
    expect(m.en).toContain("40");
    delete d.root.children[0].max;
    d.root.aggregate = "mean";
    onlyProblem(d, "root.children[0].max", "max-required");
  });

  test("steps scored in points may not exceed the max", () => {
    const d = base();
    d.root.children[0].rule = { kind: "steps", steps: [{ atLeast: 0.9, points: 45 }, { atLeast: 0.5, points: 20 }] };
    onlyProblem(d, "root.children[0].rule.steps[0].points", "points-exceed-max");
  });

  test("on a 40-point indicator, an option or a step worth 40 is accepted and one worth 40.5 is an error naming both figures", () => {
    const choice = (top: number) => {
      const d = base();
      d.root.children[0].rule = { kind: "choice", options: [{ value: "Đạt", points: top }, { value: "Không đạt", points: 0 }] };
      return d;
    };
    const steps = (top: number) => {
      const d = base();
      d.root.children[0].rule = { kind: "steps", steps: [{ atLeast: 0.9, points: top }, { atLeast: 0.5, points: 20 }] };
      return d;
    };
    expect(parseDefinition(choice(40)).ok).toBe(true);
    expect(parseDefinition(steps(40)).ok).toBe(true);
    const m = onlyProblem(choice(40.5), "root.children[0].rule.options[0].points", "points-exceed-max");
    expect(m.en).toBe("40.5 points exceed the indicator's max of 40.");
    onlyProblem(steps(40.5), "root.children[0].rule.steps[0].points", "points-exceed-max");
  });
});

describe("steps", () => {
  test("an atLeast step after an atLeast step with a smaller threshold can never apply", () => {
    const d = base();
    d.root.children[0].rule = { kind: "steps", steps: [{ atLeast: 0.5, fraction: 0.5 }, { atLeast: 0.9, fraction: 1 }] };
    const m = onlyProblem(d, "root.children[0].rule.steps[1]", "unreachable-step");
    expect(m.vi).toContain("không bao giờ được áp dụng vì bậc trước");
    expect(m.vi).toContain("root.children[0].rule.steps[0]");
    expect(m.en).toContain("can never apply");
  });

  test("an atMost step after an atMost step with a larger threshold can never apply", () => {
    const d = base();
    d.root.children[0].rule = { kind: "steps", steps: [{ atMost: 10, fraction: 1 }, { atMost: 5, fraction: 0.5 }] };
    onlyProblem(d, "root.children[0].rule.steps[1]", "unreachable-step");
  });

  test("steps after two steps that together cover every value can never apply", () => {
    const d = base();
    d.root.children[0].rule = {
      kind: "steps",
      steps: [{ atLeast: 5, fraction: 1 }, { atMost: 7, fraction: 0.5 }, { atLeast: 1, fraction: 0.2 }],
    };
    const m = onlyProblem(d, "root.children[0].rule.steps[2]", "unreachable-step");
    expect(m.en).toContain("steps[0]");
    expect(m.en).toContain("steps[1]");
  });

  /** Indicator 1 scored by `steps` on one input with the given fields. */
  const stepsOn = (input: Record<string, unknown>, steps: unknown[]): any => {
    const d = base();
    d.root.children[0] = { code: "1", name: "Nhận thức số", max: 40, inputs: [{ code: "1.a", ...input }], rule: { kind: "steps", steps } };
    return d;
  };

  test("a step that every value the input accepts (its min) meets an earlier step for is unreachable, and the message says why", () => {
    const d = stepsOn({ min: 0 }, [{ atLeast: 0, fraction: 1 }, { atMost: 3, fraction: 0.5 }]);
    const m = onlyProblem(d, "root.children[0].rule.steps[1]", "unreachable-step");
    expect(m.en).toBe(
      'This step can never apply: the input "1.a" accepts only values of at least 0, and every such value this step would match is already matched by an earlier step (root.children[0].rule.steps[0]); steps are tried in the order written. Correct the step\'s threshold, or the input\'s "min".',
    );
    expect(m.vi).toBe(
      'Bậc này không bao giờ được áp dụng: số liệu "1.a" chỉ nhận giá trị từ 0 trở lên, và mọi giá trị như vậy mà bậc này khớp đều đã khớp bậc trước (root.children[0].rule.steps[0]); các bậc được xét theo thứ tự ghi. Hãy sửa ngưỡng của bậc, hoặc "min" của số liệu.',
    );
    // Without the min, a negative figure would reach the second step: nothing to report.
    expect(parseDefinition(stepsOn({}, [{ atLeast: 0, fraction: 1 }, { atMost: 3, fraction: 0.5 }])).ok).toBe(true);
  });

  test("the input's max counts too, and a step beyond it is reported on its own", () => {
    const below = stepsOn({ min: 0, max: 10 }, [{ atMost: 10, fraction: 0.5 }, { atLeast: 5, fraction: 1 }]);
    expect(onlyProblem(below, "root.children[0].rule.steps[1]", "unreachable-step").en).toContain("accepts only values from 0 to 10");
    const beyond = stepsOn({ max: 100 }, [{ atLeast: 120, fraction: 1 }, { atLeast: 50, fraction: 0.5 }]);
    const m = onlyProblem(beyond, "root.children[0].rule.steps[0]", "unreachable-step");
    expect(m.en).toBe(
      'This step can never apply: it matches only values of at least 120, but the input "1.a" accepts only values of at most 100. Correct the step\'s threshold, or the input\'s "max".',
    );
    expect(m.vi).toContain('bậc này chỉ khớp giá trị từ 120 trở lên, nhưng số liệu "1.a" chỉ nhận giá trị từ 100 trở xuống');
  });

  test("an integer input has no value between two whole numbers, so a step there is unreachable", () => {
    const steps = [{ atLeast: 3, fraction: 1 }, { atMost: 2, fraction: 0 }, { atLeast: 1.5, fraction: 0.5 }];
    const m = onlyProblem(stepsOn({ type: "integer" }, steps), "root.children[0].rule.steps[2]", "unreachable-step");
    expect(m.en).toContain('the input "1.a" accepts only whole numbers, and every such value this step would match is already matched by the earlier steps (root.children[0].rule.steps[0], root.children[0].rule.steps[1])');
    expect(m.vi).toContain('số liệu "1.a" chỉ nhận số nguyên,');
    expect(m.en).toMatch(/Correct the step's threshold, or the input's "type"\.$/);
    // A number input may be 2.5: the third step can apply.
    expect(parseDefinition(stepsOn({ type: "number" }, steps)).ok).toBe(true);
  });

  test("steps that split what the input accepts are all reachable; bounds that are themselves a mistake are not used", () => {
    expect(parseDefinition(stepsOn({ type: "integer", min: 0, max: 10 }, [{ atLeast: 10, fraction: 1 }, { atLeast: 5, fraction: 0.5 }, { atMost: 4, fraction: 0 }])).ok).toBe(true);
    expect(parseDefinition(stepsOn({ type: "percent", min: 0, max: 1 }, [{ atLeast: 0.9, fraction: 1 }, { atMost: 0.5, fraction: 0 }, { atLeast: 0, fraction: 0.5 }])).ok).toBe(true);
    // A min above the max is one problem, not also every step unreachable.
    onlyProblem(stepsOn({ min: 10, max: 5 }, [{ atLeast: 8, fraction: 1 }, { atLeast: 2, fraction: 0.5 }]), "root.children[0].inputs[0].max", "input-min-above-max");
    // A threshold of 80 on a percent input (0…1) is said once, as a percentage-scale mistake.
    onlyProblem(stepsOn({ type: "percent", min: 0, max: 1 }, [{ atLeast: 80, fraction: 1 }, { atLeast: 0.5, fraction: 0.5 }]), "root.children[0].rule.steps[0].atLeast", "percent-scale");
  });

  test("steps in decreasing order of atLeast are all reachable", () => {
    const d = base();
    d.root.children[0].rule = {
      kind: "steps",
      steps: [{ atLeast: 0.9, fraction: 1 }, { atLeast: 0.5, fraction: 0.5 }, { atMost: 0.2, fraction: 0.1 }],
    };
    expect(parseDefinition(d).ok).toBe(true);
  });
});

describe("choices", () => {
  test("two options that differ only in case or diacritics are reported", () => {
    const d = base();
    d.root.children[0].rule = {
      kind: "choice",
      options: [
        { value: "Đạt", fraction: 1 },
        { value: "Không đạt", aliases: ["dat"], fraction: 0 },
      ],
    };
    const m = onlyProblem(d, "root.children[0].rule.options[1].aliases[0]", "duplicate-option");
    expect(m.vi).toBe('Lựa chọn "dat" trùng với lựa chọn "Đạt" (root.children[0].rule.options[0].value) khi không phân biệt chữ hoa, chữ thường và dấu; trên phiếu không phân biệt được hai lựa chọn này.');
    expect(m.en).toBe('The choice "dat" is the same as the choice "Đạt" (root.children[0].rule.options[0].value) when case and diacritics are ignored; a form could not tell the two apart.');
  });

  test("the earlier text is quoted as what it is: an option's name or alias, with the option it names", () => {
    const d = base();
    d.root.children[0].rule = {
      kind: "choice",
      options: [
        { value: "Có", name: { en: "Yes" }, aliases: ["x"], fraction: 1 },
        { value: "yes", fraction: 0 },
        { value: "Không", aliases: ["X"], fraction: 0 },
      ],
    };
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].rule.options[1].value", "duplicate-option"],
      ["root.children[0].rule.options[2].aliases[0]", "duplicate-option"],
    ]);
    expect(problems[0]!.message.vi).toContain('trùng với tên "Yes" của lựa chọn "Có" (root.children[0].rule.options[0].name.en)');
    expect(problems[0]!.message.en).toContain('the same as the name "Yes" of the choice "Có" (root.children[0].rule.options[0].name.en)');
    expect(problems[1]!.message.vi).toContain('trùng với tên gọi khác "x" của lựa chọn "Có" (root.children[0].rule.options[0].aliases[0])');
    expect(problems[1]!.message.en).toContain('the same as the alias "x" of the choice "Có" (root.children[0].rule.options[0].aliases[0])');
    // The same text twice is said without "ignoring case".
    const same = base();
    same.root.children[0].rule = { kind: "choice", options: [{ value: "Có", fraction: 1 }, { value: "Có", fraction: 0 }] };
    const m = onlyProblem(same, "root.children[0].rule.options[1].value", "duplicate-option");
    expect(m.en).toBe('The choice "Có" is the same as the choice "Có" (root.children[0].rule.options[0].value); a form could not tell the two apart.');
  });

  test("where N/A is an answer, no option may be named as one: \"Không áp dụng\" would score while \"KAD\" left the indicator out", () => {
    const d = base();
    d.root.children[0].allowNA = true;
    d.root.children[0].rule = {
      kind: "choice",
      options: [
        { value: "Không áp dụng", fraction: 1 },
        { value: "Có", aliases: ["kad"], fraction: 0.5 },
        { value: "Không", name: { en: "N/A" }, fraction: 0 },
      ],
    };
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].rule.options[0].value", "option-reads-as-not-applicable"],
      ["root.children[0].rule.options[1].aliases[0]", "option-reads-as-not-applicable"],
      ["root.children[0].rule.options[2].name.en", "option-reads-as-not-applicable"],
    ]);
    expect(problems[0]!.message.vi).toBe(
      'Lựa chọn "Không áp dụng" là một câu trả lời "không áp dụng", mà chỉ tiêu này cho phép ("allowNA": true): trên phiếu, "Không áp dụng" sẽ được chấm theo lựa chọn trong khi "KAD" hay "N/A" lại bỏ chỉ tiêu ra ngoài. Hãy đặt tên khác cho lựa chọn, hoặc bỏ "allowNA" nếu lựa chọn này là cách trả lời không áp dụng.',
    );
    expect(problems[1]!.message.en).toBe(
      'The alias "kad" is a "not applicable" answer, which this indicator allows ("allowNA": true): on a form, "kad" would score as the choice while "KAD" or "N/A" left the indicator out. Name the choice otherwise, or drop "allowNA" if this choice is how a unit answers not applicable.',
    );
    // Without allowNA the option is the only meaning of the answer: accepted.
    d.root.children[0].allowNA = false;
    expect(parseDefinition(d).ok).toBe(true);
  });

  test("an alias that repeats its own option without diacritics is accepted", () => {
    const d = base();
    d.root.children[0].rule = {
      kind: "choice",
      options: [
        { value: "Đạt", aliases: ["dat", "Đạt"], fraction: 1 },
        { value: "Không đạt", fraction: 0 },
      ],
    };
    expect(parseDefinition(d).ok).toBe(true);
  });
});

describe("minmax and inputs", () => {
  test("minmax bounds must differ", () => {
    const d = base();
    d.root.children[0].rule = { kind: "minmax", min: 20, max: 20 };
    onlyProblem(d, "root.children[0].rule.max", "minmax-bounds-equal");
  });

  test("minmax bounds that are the same figure to 15 significant digits are not distinct, as steps' thresholds compare", () => {
    const d = base();
    d.root.children[0].rule = { kind: "minmax", min: 0.3, max: 0.30000000000000004 };
    const { vi, en } = onlyProblem(d, "root.children[0].rule.max", "minmax-bounds-equal");
    expect(en).toBe(
      'The bounds "min" (0.3) and "max" (0.30000000000000004) must differ: to 15 significant digits, as figures are compared, they are the same number, so every unit would get full points.',
    );
    expect(vi).toContain("tính đến 15 chữ số có nghĩa");
    d.root.children[0].rule = { kind: "minmax", min: 1e10, max: 1.00000000000001e10, transform: "log" };
    onlyProblem(d, "root.children[0].rule.max", "minmax-bounds-equal");
    // Bounds that differ within 15 digits are accepted.
    d.root.children[0].rule = { kind: "minmax", min: 0.3, max: 0.300000000000001 };
    expect(parseDefinition(d).ok).toBe(true);
  });

  test("a log transform needs bounds above 0", () => {
    const d = base();
    d.root.children[0].rule = { kind: "minmax", min: 0, max: 75000, transform: "log" };
    onlyProblem(d, "root.children[0].rule.min", "log-bound-not-positive");
    d.root.children[0].rule.min = "data";
    expect(parseDefinition(d).ok).toBe(true);
  });

  test("an input's min may not be above its max", () => {
    const d = base();
    d.root.children[1].inputs[0].max = -1;
    const m = onlyProblem(d, "root.children[1].inputs[0].max", "input-min-above-max");
    expect(m.en).toContain("0");
  });
});

describe("expressions", () => {
  test("an input of an expr rule whose code holds ']' is one problem, at the code, saying why the expression cannot name it", () => {
    const d = base();
    d.root.children[1].inputs[1].code = "2]b";
    d.root.children[1].rule = { kind: "expr", expr: "[2.a] / [2]b]" };
    const m = onlyProblem(d, "root.children[1].inputs[1].code", "expr-code-bracket");
    expect(m.en).toBe(
      'The code "2]b" contains "]", so the expression of the indicator "2" cannot refer to it: in an expression a reference ends at the first "]" ([2]b] reads as [2] followed by "b]"). Remove the "]" from the code.',
    );
    expect(m.vi).toBe(
      'Mã "2]b" có dấu "]" nên biểu thức của chỉ tiêu "2" không tham chiếu được mã này: trong biểu thức, tham chiếu kết thúc ở dấu "]" đầu tiên ([2]b] được đọc là [2] rồi đến "b]"). Hãy bỏ dấu "]" khỏi mã.',
    );
    // Said also where the expression does not name it yet; the expression's own problems are still said, with the code as written.
    d.root.children[1].rule = { kind: "expr", expr: "[2.a] + [zz]" };
    expect(problemsOf(d).map((p) => [p.path, p.code])).toEqual([
      ["root.children[1].inputs[1].code", "expr-code-bracket"],
      ["root.children[1].rule.expr", "expr-unknown-reference"],
    ]);
    d.root.children[1].rule = { kind: "expr", expr: "[2]b] / 0" };
    const noResult = problemsOf(d).find((p) => p.code === "expr-no-result")!;
    expect(noResult.message.en).toContain('"[2]b] / 0"');
    // An indicator scored by an expression on its own figure (its implicit input).
    const own = base();
    own.root.children[0].code = "1]";
    own.root.children[0].rule = { kind: "expr", expr: "[1]]" };
    onlyProblem(own, "root.children[0].code", "expr-code-bracket");
  });

  test("a child of an expr group whose code holds ']' is the same problem, at the child's code; elsewhere ']' is accepted", () => {
    const g = base();
    g.root.aggregate = "expr";
    g.root.max = 100;
    g.root.rescale = undefined;
    g.root.children[0].code = "1]";
    g.root.expr = "([1]] + [2]) / 2";
    const m = onlyProblem(g, "root.children[0].code", "expr-code-bracket");
    expect(m.en).toContain('the expression of the group "T" cannot refer to it');
    const plain = base();
    plain.root.children[0].code = "1]";
    plain.root.children[1].inputs[0].code = "2]a";
    plain.root.children[1].rule.numerator = "2]a";
    expect(parseDefinition(plain).ok).toBe(true);
  });

  test("an expression that cannot be read is reported with the character position", () => {
    const d = base();
    d.root.children[1].rule = { kind: "expr", expr: "([2.a] + [2.b] / 2" };
    const m = onlyProblem(d, "root.children[1].rule.expr", "expr-syntax");
    expect(m.vi).toContain("Ký tự thứ 19");
    expect(m.en).toContain("Character 19: missing ')'");
  });

  test("the character position counts the expression as written, leading spaces included", () => {
    const d = base();
    d.root.children[1].rule = { kind: "expr", expr: "   [2.a] + * 2" };
    const m = onlyProblem(d, "root.children[1].rule.expr", "expr-syntax");
    // '*' is the 12th character of "   [2.a] + * 2"; the schema trims the text before the checks read it.
    expect(m.vi).toContain("Ký tự thứ 12: thiếu một giá trị trước '*'");
    expect(m.en).toContain("Character 12: a value is missing before '*'");
    // So in a group's expression, and in a definition the schema rejected for another reason.
    const g = base();
    g.root.aggregate = "expr";
    g.root.expr = "  MIN([1], ([2])";
    g.root.max = undefined;
    g.root.rescale = "yes";
    const problems = problemsOf(g).filter((p) => p.code === "expr-syntax");
    expect(problems.map((p) => p.message.en)).toEqual(["The expression cannot be read: Character 17: missing ')' to close the '(' at character 6."]);
  });

  test("a code with diacritics stored decomposed (NFD) counts as one character, as it is seen", () => {
    const d = base();
    d.root.children[1].inputs[0].code = "Hạ tầng";
    d.root.children[1].rule = { kind: "expr", expr: " [Hạ tầng] * * 2".normalize("NFD") };
    const m = onlyProblem(d, "root.children[1].rule.expr", "expr-syntax");
    expect(m.en).toContain("Character 14: a value is missing before '*'");
  });

  test("an unknown function in an expression is named", () => {
    const d = base();
    d.root.children[1].rule = { kind: "expr", expr: "MEDIAN([2.a], [2.b])" };
    const m = onlyProblem(d, "root.children[1].rule.expr", "expr-syntax");
    expect(m.en).toContain("MEDIAN");
  });

  test("an unknown function does not hide an unknown reference in the same expression: both are reported", () => {
    const d = base();
    d.root.children[1].rule = { kind: "expr", expr: "FOO([2.a]) + [zz]" };
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["root.children[1].rule.expr", "expr-syntax"],
      ["root.children[1].rule.expr", "expr-unknown-reference"],
    ]);
    expect(problems[0]!.message.en).toContain("there is no function 'FOO'");
    expect(problems[1]!.message.vi).toContain("[zz]");
  });

  test("a function given the wrong number of arguments does not hide an unknown reference: both are reported", () => {
    const d = base();
    d.root.children[1].rule = { kind: "expr", expr: "ABS([2.a], 2) + [zz] + [yy]" };
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["root.children[1].rule.expr", "expr-syntax"],
      ["root.children[1].rule.expr", "expr-unknown-reference"],
      ["root.children[1].rule.expr", "expr-unknown-reference"],
    ]);
    expect(problems[0]!.message.en).toContain("ABS takes exactly 1 argument, here it has 2");
    expect(problems[1]!.message.vi).toContain("[zz]");
    expect(problems[2]!.message.en).toContain("[yy]");
  });

  test("every mistake of one expression is reported in one pass: the syntax error, each unknown function and each unknown reference", () => {
    const d = base();
    d.root.children[1].inputs = [
      { code: "4.1.a", type: "integer", min: 0 },
      { code: "4.1.b", type: "integer", min: 0 },
    ];
    d.root.children[1].rule = { kind: "expr", expr: "IF([4.1.b]=0, 0, [4.1.a]/[4.1.c] + FOO([4.1.d])" };
    const problems = problemsOf(d);
    const at = "chỉ tiêu 2 (root.children[1].rule.expr): ";
    expect(problems.map((p) => `${at}${p.message.vi}`)).toEqual([
      `${at}Biểu thức không đọc được: Ký tự thứ 36: không có hàm 'FOO'; các hàm dùng được: MIN, MAX, ABS, ROUND, LN, LOG10, EXP, SQRT, IF, AND, OR, NOT, AVERAGE, SUM.`,
      `${at}Biểu thức không đọc được: Ký tự thứ 48: thiếu dấu ')' để đóng dấu '(' ở ký tự 3.`,
      `${at}Biểu thức tham chiếu [4.1.c] nhưng chỉ tiêu không có số liệu đầu vào mã đó; các mã có: "4.1.a", "4.1.b".`,
      `${at}Biểu thức tham chiếu [4.1.d] nhưng chỉ tiêu không có số liệu đầu vào mã đó; các mã có: "4.1.a", "4.1.b".`,
    ]);
    expect(formatProblems(problems, "en").split("\n")).toEqual([
      "indicator 2 (root.children[1].rule.expr): The expression cannot be read: Character 36: there is no function 'FOO'; the functions available are MIN, MAX, ABS, ROUND, LN, LOG10, EXP, SQRT, IF, AND, OR, NOT, AVERAGE, SUM.",
      "indicator 2 (root.children[1].rule.expr): The expression cannot be read: Character 48: missing ')' to close the '(' at character 3.",
      'indicator 2 (root.children[1].rule.expr): The expression refers to [4.1.c] but the indicator has no input with that code; its inputs are "4.1.a", "4.1.b".',
      'indicator 2 (root.children[1].rule.expr): The expression refers to [4.1.d] but the indicator has no input with that code; its inputs are "4.1.a", "4.1.b".',
    ]);
    expect(formatProblems(problems, "vi").split("\n")[0]).toMatch(/^chỉ tiêu 2 \(root\.children\[1\]\.rule\.expr\): /);
    // So in a group's expression, with two unknown functions and a character that cannot be read.
    const g = base();
    g.root.aggregate = "expr";
    g.root.expr = "MEDIAN([1]; [2]) + foo([3])";
    expect(problemsOf(g).map((p) => p.message.en)).toEqual([
      "The expression cannot be read: Character 1: there is no function 'MEDIAN'; the functions available are MIN, MAX, ABS, ROUND, LN, LOG10, EXP, SQRT, IF, AND, OR, NOT, AVERAGE, SUM.",
      "The expression cannot be read: Character 11: separate arguments with ',' rather than ';'.",
      "The expression cannot be read: Character 20: there is no function 'foo'; the functions available are MIN, MAX, ABS, ROUND, LN, LOG10, EXP, SQRT, IF, AND, OR, NOT, AVERAGE, SUM.",
      'The expression refers to [3] but the group has no child with that code; its children are "1", "2".',
    ]);
  });

  test("an expr rule may refer only to the indicator's own inputs", () => {
    const d = base();
    d.root.children[1].rule = { kind: "expr", expr: "[2.a] / [1]" };
    const m = onlyProblem(d, "root.children[1].rule.expr", "expr-unknown-reference");
    expect(m.en).toContain("[1]");
  });

  test("an expr group may refer only to its children", () => {
    const d = base();
    d.root.aggregate = "expr";
    d.root.expr = "([1] + [2.a]) / 2";
    const m = onlyProblem(d, "root.expr", "expr-unknown-reference");
    expect(m.vi).toContain("[2.a]");
  });

  test.each([
    ["1/0", "1 / 0", "đây là phép chia cho 0", "it divides by 0"],
    ["[2.a] + 1/0", "1 / 0", "đây là phép chia cho 0", "it divides by 0"],
    ["[2.a] / (1 - 1)", "[2.a] / (1 - 1)", "đây là phép chia cho 0", "it divides by 0"],
    ["SQRT(-1) * [2.a]", "SQRT(-1)", "không có căn bậc hai của số âm -1", "there is no square root of the negative number -1"],
    ["IF([2.b] > 0, [2.a] / [2.b], LN(0))", "LN(0)", "không có logarit của 0 (chỉ số lớn hơn 0 mới có logarit)", "there is no logarithm of 0 (only numbers above 0 have one)"],
    ["[2.a] * 10^400", "10^400", "kết quả không phải là một số hữu hạn (quá lớn, hoặc không xác định)", "its result is not a finite number (too large, or undefined)"],
    ["[2.a] + 0^0", "0^0", "lũy thừa 0^0 không xác định", "0 to the power 0 is undefined"],
    ["[2.a] + 0^(1-2)", "0^(1 - 2)", "đây là phép chia cho 0 (0 lũy thừa âm -1)", "it divides by 0 (0 to the negative power -1)"],
  ])("an expression with a part that never gives a result (%s) is a definition error naming the part", (expr, piece, vi, en) => {
    const d = base();
    d.root.children[1].rule = { kind: "expr", expr };
    const m = onlyProblem(d, "root.children[1].rule.expr", "expr-no-result");
    expect(m.vi).toBe(`Phần "${piece}" của biểu thức không bao giờ cho kết quả: ${vi}. Mọi đơn vị sẽ không có kết quả (lỗi "invalid-result") khi phần này được tính; hãy sửa lại.`);
    expect(m.en).toBe(`The part "${piece}" of the expression never gives a result: ${en}. Every unit would get no result ("invalid-result") wherever it is evaluated; correct it.`);
  });

  test("an expr group with a part that never gives a result is told so too; parts that may give one are accepted", () => {
    const d = base();
    d.root.aggregate = "expr";
    d.root.expr = "([1] + [2]) / (2 - 2)";
    expect(onlyProblem(d, "root.expr", "expr-no-result").en).toContain('The part "([1] + [2]) / (2 - 2)" of the expression');
    for (const expr of ["IF([2.b] = 0, 0, [2.a] / [2.b])", "LN([2.a] + 1) + SQRT(4) / 2", "[2.a] / 0.5", "10^300 * 0 + [2.a]"]) {
      const ok = base();
      ok.root.children[1].rule = { kind: "expr", expr };
      expect([expr, parseDefinition(ok).ok]).toEqual([expr, true]);
    }
  });

  test.each([
    ["1 < 2 < 3", "(1 < 2) < 3", "1 < 2", "3", "AND(1 < 2, 2 < 3)", "(1 < 2)*1", "TRUE<3"],
    ["0 <= [2.a] <= [2.b]", "(0 <= [2.a]) <= [2.b]", "0 <= [2.a]", "[2.b]", "AND(0 <= [2.a], [2.a] <= [2.b])", "(0 <= [2.a])*1", "TRUE<3"],
    ["([2.a] > 0) = 1", "([2.a] > 0) = 1", "[2.a] > 0", "1", undefined, "([2.a] > 0)*1", "TRUE=1"],
    ["AND([2.a] > 0, [2.b] > 0) = 1", "AND([2.a] > 0, [2.b] > 0) = 1", "AND([2.a] > 0, [2.b] > 0)", "1", undefined, "AND([2.a] > 0, [2.b] > 0)*1", "TRUE=1"],
    ["[2.b] * 2 >= NOT([2.a])", "[2.b] * 2 >= NOT([2.a])", "NOT([2.a])", "[2.b] * 2", undefined, "NOT([2.a])*1", "TRUE<3"],
  ])("a true/false result compared with a number (%s), which Excel computes otherwise, is an error saying how to write it", (expr, piece, bool, num, chain, asNumber, example) => {
    const d = base();
    d.root.children[1].rule = { kind: "expr", expr };
    const m = onlyProblem(d, "root.children[1].rule.expr", "expr-boolean-comparison");
    const [l, r] = expr.startsWith("[2.b] * 2") ? [`một số ("${num}")`, `một kết quả đúng/sai ("${bool}")`] : [`một kết quả đúng/sai ("${bool}")`, `một số ("${num}")`];
    const [le, re] = expr.startsWith("[2.b] * 2") ? [`a number ("${num}")`, `a true/false result ("${bool}")`] : [`a true/false result ("${bool}")`, `a number ("${num}")`];
    expect(m.vi).toBe(
      `Phần "${piece}" của biểu thức so sánh ${l} với ${r}. Chương trình tính đúng là 1 và sai là 0, nhưng Excel thì không: trong Excel, TRUE và FALSE không bằng số nào và lớn hơn mọi số (${example} là FALSE), nên cùng công thức đó trong Excel sẽ cho kết quả khác. Hãy so sánh số với số, đúng/sai với đúng/sai: ${chain ? `để so sánh liên tiếp, hãy viết ${chain}; ` : ""}để dùng một kết quả đúng/sai như một số (1 hoặc 0), hãy viết ${asNumber}.`,
    );
    expect(m.en).toBe(
      `The part "${piece}" of the expression compares ${le} with ${re}. The program counts true as 1 and false as 0, but Excel does not: there TRUE and FALSE equal no number and rank above every number (${example} is FALSE), so the same formula in Excel would give another result. Compare numbers with numbers, true/false with true/false: ${chain ? `for a chain of comparisons, write ${chain}; ` : ""}to use a true/false result as a number (1 or 0), write ${asNumber}.`,
    );
  });

  test("an IF that gives true/false in one branch and a number in the other, compared, is the same error; a chain is one error", () => {
    const d = base();
    d.root.children[1].rule = { kind: "expr", expr: "IF([2.b] > 0, [2.a] < 5, 0) = 1" };
    const m = onlyProblem(d, "root.children[1].rule.expr", "expr-boolean-comparison");
    expect(m.vi).toContain('so sánh một kết quả có thể là đúng/sai hoặc là số tùy trường hợp ("IF([2.b] > 0, [2.a] < 5, 0)") với một số ("1")');
    expect(m.en).toContain('compares a result that is true/false or a number depending on the case ("IF([2.b] > 0, [2.a] < 5, 0)") with a number ("1")');
    expect(m.en).toContain("write ([2.a] < 5)*1.");
    const chain = base();
    chain.root.children[1].rule = { kind: "expr", expr: "IF(0 < [2.a] < [2.b] < 10, 1, 0)" };
    expect(onlyProblem(chain, "root.children[1].rule.expr", "expr-boolean-comparison").en).toContain("write AND(0 < [2.a], [2.a] < [2.b], [2.b] < 10)");
    // An expr group's expression is checked alike.
    const group = base();
    group.root.aggregate = "expr";
    group.root.expr = "([1] > 0.5) = ([2] > 0.5) = 1";
    onlyProblem(group, "root.expr", "expr-boolean-comparison");
  });

  test("true/false compared with true/false, true/false in arithmetic and numbers compared with numbers agree with Excel and are accepted", () => {
    for (const expr of [
      "([2.a] > 0) = ([2.b] > 0)",
      "AND([2.a] > 0, [2.b] > 0) <> OR([2.a] > 5, NOT([2.b]))",
      "([2.a] > 0) * 1 = 1",
      "([2.a] > 0) * 0.5 + ([2.b] > 0) * 0.5",
      "-([2.a] > 0) < 1 - 2",
      "IF([2.a] > 0, 1, 2) = 1",
      "IF([2.a] > 0, [2.b] < 1, NOT([2.b])) = ([2.a] < 3)",
      "MIN([2.a] > 0, 1) >= 0",
      "IF(AND(0 < [2.a], [2.a] < [2.b]), 1, 0)",
    ]) {
      const ok = base();
      ok.root.children[1].rule = { kind: "expr", expr };
      expect([expr, parseDefinition(ok).ok]).toEqual([expr, true]);
    }
  });

  test("an expression too long or nested too deeply to be read is said at the expression, with how to write a long sum", () => {
    const d = base();
    // 4,000 terms: 3,999 operators one after another.
    d.root.children[1].rule = { kind: "expr", expr: Array.from({ length: 4000 }, (_, k) => (k % 2 === 0 ? "[2.a]" : "[2.b]")).join(" + ") };
    const m = onlyProblem(d, "root.children[1].rule.expr", "expr-syntax");
    expect(m.vi).toBe(
      "Biểu thức không đọc được: Ký tự thứ 4007: biểu thức quá dài hoặc lồng nhau quá sâu (quá 500 bước tính nối tiếp hay lồng vào nhau); để cộng nhiều số hạng, hãy viết SUM([a], [b], [c]) thay cho [a] + [b] + [c].",
    );
    expect(m.en).toBe(
      "The expression cannot be read: Character 4007: the expression is too long or nested too deeply (more than 500 steps one after another or inside one another); to add up many terms, write SUM([a], [b], [c]) instead of [a] + [b] + [c].",
    );
    // The same terms in SUM are read, however many.
    const sum = base();
    sum.root.children[1].rule = { kind: "expr", expr: `MIN(1, SUM(${Array.from({ length: 4000 }, (_, k) => (k % 2 === 0 ? "[2.a]" : "[2.b]")).join(", ")}) / 4000)` };
    expect(parseDefinition(sum).ok).toBe(true);
    // Parentheses inside one another.
    const nested = base();
    nested.root.children[1].rule = { kind: "expr", expr: `${"(".repeat(150)}[2.a]${")".repeat(150)}` };
    expect(onlyProblem(nested, "root.children[1].rule.expr", "expr-syntax").en).toBe(
      "The expression cannot be read: Character 101: the expression is nested too deeply (more than 100 parentheses, functions or signs inside one another); write it more simply.",
    );
  });

  test("an expr group needs an expression", () => {
    const d = base();
    d.root.aggregate = "expr";
    onlyProblem(d, "root.expr", "expr-required");
  });

  test("an expression is allowed only on an expr group", () => {
    const d = base();
    d.root.expr = "[1] + [2]";
    onlyProblem(d, "root.expr", "expr-not-allowed");
  });

  test("a valid expr rule and expr group reach the model as parsed trees", () => {
    const d = base();
    d.root.aggregate = "expr";
    d.root.expr = "([1] + [2]) / 2";
    d.root.children[1].rule = { kind: "expr", expr: "MIN(1, [2.a] / [2.b])" };
    const r = parseDefinition(d);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const root = r.model.nodes.get("T");
    const ind = r.model.nodes.get("2");
    expect(root?.kind === "group" && root.expr?.type).toBe("binary");
    expect(ind?.kind === "indicator" && ind.ruleInputs).toEqual(["2.a", "2.b"]);
    expect(ind?.kind === "indicator" && ind.expr?.type).toBe("call");
  });
});

describe("weights, categories and ranking", () => {
  test("a weight must be above 0", () => {
    const d = base();
    d.root.children[0].weight = 0;
    onlyProblem(d, "root.children[0].weight", "weight-not-positive");
  });

  test("appliesTo must name a known category", () => {
    const d = base();
    d.root.children[0].appliesTo = ["co-dvc", "khong-dvc"];
    const m = onlyProblem(d, "root.children[0].appliesTo[1]", "unknown-category");
    expect(m.en).toContain('"khong-dvc"');
    expect(m.en).toContain('"co-dvc"');
  });

  test("an empty appliesTo is an error at its path: the node would apply to no unit", () => {
    const d = base();
    d.root.children[0].appliesTo = [];
    const m = onlyProblem(d, "root.children[0].appliesTo", "applies-to-empty");
    expect(m.vi).toBe(
      '"appliesTo" là danh sách rỗng nên chỉ tiêu này không áp dụng cho đơn vị nào và không bao giờ được chấm; hãy ghi ít nhất một mã loại đơn vị, hoặc bỏ "appliesTo" để áp dụng cho mọi đơn vị.',
    );
    expect(m.en).toBe(
      '"appliesTo" is an empty list, so this indicator applies to no unit and is never scored; name at least one unit category, or leave "appliesTo" out for it to apply to every unit.',
    );
    // On a group (the root too), and without categories: still the one problem.
    const g = base();
    delete g.categories;
    g.root.appliesTo = [];
    expect(onlyProblem(g, "root.appliesTo", "applies-to-empty").en).toMatch(/^"appliesTo" is an empty list, so this group applies to no unit/);
    // Left out, the node applies to every unit.
    delete d.root.children[0].appliesTo;
    expect(parseDefinition(d).ok).toBe(true);
  });

  test("an empty children, inputs, steps or options list is said for what it is, with what to write", () => {
    const group = base();
    group.root.children.push({ code: "3", name: "Nhóm trống", max: 0, children: [] });
    expect(onlyProblem(group, "root.children[2].children", "too-small").vi).toBe(
      '"children" là danh sách rỗng: nhóm cần có ít nhất một thành phần (một chỉ tiêu, có "rule", hoặc một nhóm con, có "children"); hãy thêm thành phần, hoặc bỏ nhóm này.',
    );
    const inputs = base();
    inputs.root.children[0].inputs = [];
    expect(onlyProblem(inputs, "root.children[0].inputs", "too-small").en).toBe(
      '"inputs" is an empty list; list at least one input, or leave "inputs" out for the indicator to have one input with its own code.',
    );
    const steps = base();
    steps.root.children[0].rule = { kind: "steps", steps: [] };
    expect(onlyProblem(steps, "root.children[0].rule.steps", "too-small").en).toMatch(/^"steps" is an empty list: a "steps" rule needs at least one step/);
    const options = base();
    options.root.children[0].rule = { kind: "choice", options: [] };
    expect(onlyProblem(options, "root.children[0].rule.options", "too-small").vi).toMatch(/^"options" là danh sách rỗng: quy tắc "choice" cần ít nhất một lựa chọn/);
  });

  test("an empty list of categories is an error at \"categories\", and what needs categories is not judged against it", () => {
    const d = base();
    d.categories = [];
    const m = onlyProblem(d, "categories", "categories-empty");
    expect(m.vi).toBe(
      '"categories" là danh sách rỗng: bộ chỉ số không có loại đơn vị nào, nên loại đơn vị ghi ở ô "Nhóm" của mọi đơn vị đều bị báo là không có trong bộ chỉ số; hãy liệt kê các loại đơn vị, hoặc bỏ "categories" nếu không chia đơn vị theo loại.',
    );
    expect(m.en).toBe(
      '"categories" is an empty list: the index has no unit category, so every unit\'s category (the "Category" cell) would be reported as not in the index; list the unit categories, or leave "categories" out when units are not divided into categories.',
    );
    d.root.children[1].appliesTo = ["co-dvc"];
    d.ranking = { within: "category" };
    onlyProblem(d, "categories", "categories-empty");
  });

  test("appliesTo needs the definition to declare categories", () => {
    const d = base();
    delete d.categories;
    d.root.children[1].appliesTo = ["co-dvc"];
    onlyProblem(d, "root.children[1].appliesTo", "applies-to-without-categories");
  });

  test("an appliesTo with no category in common with its group's is an error, since the node would never be scored", () => {
    const d = base();
    d.categories = [
      { id: "co-dvc", name: "Có dịch vụ công" },
      { id: "khong-dvc", name: "Không có dịch vụ công" },
    ];
    d.root.children[0] = {
      code: "G",
      name: "Dịch vụ công",
      appliesTo: ["co-dvc"],
      children: [
        { code: "1", name: "Nhận thức số", max: 20, rule: { kind: "fraction" } },
        { code: "1b", name: "Chỉ tiêu lạc nhóm", max: 20, rule: { kind: "fraction" }, appliesTo: ["khong-dvc"] },
      ],
    };
    const m = onlyProblem(d, "root.children[0].children[1].appliesTo", "applies-to-outside-group");
    expect(m.vi).toBe(
      'Chỉ tiêu này áp dụng cho loại đơn vị "khong-dvc", nhưng nằm trong nhóm "G" chỉ áp dụng cho "co-dvc", nên không đơn vị nào được chấm chỉ tiêu này; hãy ghi trong "appliesTo" loại đơn vị thuộc phạm vi của nhóm "G", hoặc bỏ "appliesTo".',
    );
    expect(m.en).toBe(
      'This indicator applies to the unit categories "khong-dvc", but it is in the group "G", which applies only to "co-dvc", so no unit is ever scored on it; name in "appliesTo" unit categories the group "G" applies to, or remove "appliesTo".',
    );
    // Narrowing that keeps a category in common is fine, and so is repeating the group's.
    d.root.children[0].children[1].appliesTo = ["co-dvc", "khong-dvc"];
    expect(parseDefinition(d).ok).toBe(true);
  });

  test("the scope is inherited down the tree, and a node outside it is said once, not for everything under it", () => {
    const d = base();
    d.categories = [
      { id: "a", name: "A" },
      { id: "b", name: "B" },
      { id: "c", name: "C" },
    ];
    d.root.appliesTo = ["a", "b"];
    d.root.children[0] = {
      code: "G",
      name: "G",
      appliesTo: ["b", "c"],
      children: [
        { code: "1", name: "Chỉ tiêu", max: 20, rule: { kind: "fraction" }, appliesTo: ["c"] },
        { code: "H", name: "H", appliesTo: ["a"], children: [{ code: "h", name: "h", max: 20, rule: { kind: "fraction" }, appliesTo: ["a"] }] },
      ],
    };
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].children[0].appliesTo", "applies-to-outside-group"],
      ["root.children[0].children[1].appliesTo", "applies-to-outside-group"],
    ]);
    // G applies to a and b (the root's) and b and c (its own): only b is left.
    expect(problems[0]!.message.en).toContain('the group "G", which applies only to "b"');
    expect(problems[1]!.message.en).toMatch(/^This group applies/);
    // An unknown category is said as such, not also as outside the group.
    d.root.children[0].children = [{ code: "1", name: "Chỉ tiêu", max: 40, rule: { kind: "fraction" }, appliesTo: ["zz"] }];
    onlyProblem(d, "root.children[0].children[0].appliesTo[0]", "unknown-category");
  });

  test("ranking on points needs a root with a max", () => {
    const d = base();
    d.root.aggregate = "mean";
    delete d.root.children[0].max;
    delete d.root.children[1].max;
    d.ranking = { on: "points" };
    onlyProblem(d, "ranking.on", "ranking-points-without-max");
  });

  test("ranking within categories needs categories", () => {
    const d = base();
    delete d.categories;
    d.ranking = { within: "category" };
    onlyProblem(d, "ranking.within", "ranking-within-without-categories");
  });

  test("ranking.exclude may name units or categories without being checked", () => {
    const d = base();
    d.ranking = { exclude: ["co-dvc", "SO-XYZ"] };
    expect(parseDefinition(d).ok).toBe(true);
  });
});

test("every problem of a definition is reported at once", () => {
  const d = base();
  d.root.max = 90;
  d.root.children[0].weight = -1;
  d.root.children[0].appliesTo = ["nope"];
  d.root.children[1].rule.numerator = "x";
  d.ranking = { within: "category" };
  delete d.categories;
  const problems = problemsOf(d);
  expect(problems.map((p) => p.code).sort()).toEqual(
    ["applies-to-without-categories", "group-max-mismatch", "ranking-within-without-categories", "unknown-input", "weight-not-positive"].sort(),
  );
});

describe("ranking.exclude entries that look like a category", () => {
  test("an entry that is a category id only after ignoring case or diacritics is an error naming the id", () => {
    const d = base();
    d.ranking = { exclude: ["CO-DVC", "Có-dvc", "co-dvc", "SO-XYZ"] };
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["ranking.exclude[0]", "ranking-exclude-case"],
      ["ranking.exclude[1]", "ranking-exclude-case"],
    ]);
    expect(problems[0]!.message.vi).toBe(
      '"CO-DVC" chỉ trùng với mã loại đơn vị "co-dvc" khi bỏ qua chữ hoa, chữ thường và dấu, nên không loại đơn vị nào bị bỏ khỏi xếp hạng (mã loại đơn vị được so đúng từng ký tự): hãy ghi "co-dvc".',
    );
    expect(problems[0]!.message.en).toContain('write "co-dvc"');
    expect(problems[0]!.message.en).not.toContain("lower-case");
  });

  test("an entry equal to an upper-case category id is that category, not an error", () => {
    const d = base();
    d.categories = [{ id: "DVC", name: "Có dịch vụ công" }];
    d.ranking = { exclude: ["DVC"] };
    expect(parseDefinition(d).ok).toBe(true);
    d.ranking = { exclude: ["dvc"] };
    onlyProblem(d, "ranking.exclude[0]", "ranking-exclude-case");
  });
});

describe("a definition the schema rejects", () => {
  test("is still checked as a whole, so every problem comes at once without repeating the schema's", () => {
    const d = base();
    d.id = "Bad_ID";
    d.ranking = { method: "fancy", exclude: ["CO-DVC"] };
    d.root.children.push(
      { code: "1", name: "Trùng mã", max: 0, rule: { kind: "fraction" } },
      { code: "4", name: "Bậc", max: "mười", rule: { kind: "steps", steps: [{ atLeast: 1, fraction: 0.5 }, { atLeast: 5, fraction: 1 }] } },
      { code: "5", name: "Biểu thức", max: 10, rule: { kind: "expr", expr: "FOO([5])" } },
      { code: "6", name: "Tỷ lệ", max: 10, rule: { kind: "ratio", numerator: "x", denominator: "6", cap: "yes" } },
    );
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["id", "id-pattern"],
      ["ranking.method", "invalid-value"],
      ["root.children[3].max", "invalid-type"],
      ["root.children[5].rule.cap", "invalid-type"],
      ["root.children[2].code", "duplicate-code"],
      ["root.children[3].rule.steps[1]", "unreachable-step"],
      ["root.children[4].rule.expr", "expr-syntax"],
      ["root.children[5].rule.numerator", "unknown-input"],
      ["ranking.exclude[0]", "ranking-exclude-case"],
    ]);
    // The max that could not be read is not reported a second time as "missing", nor the root's sum as wrong.
    expect(problems.filter((p) => p.path === "root.children[3].max")).toHaveLength(1);
    expect(problems.map((p) => p.code)).not.toContain("group-max-mismatch");
  });

  test("the parts the schema rejects raise no problem of their own in the checks", () => {
    const d = base();
    d.root.children[1].inputs = [{ code: "2.a", type: "integer" }, { code: 7 }];
    d.root.children.push({ code: "3", name: "Hỏng", max: 10, rule: { kind: "fancy" } }, "không phải nút");
    d.categories = "co-dvc";
    d.root.children[0].appliesTo = ["co-dvc"];
    const problems = problemsOf(d);
    expect(problems.map((p) => p.path)).toEqual(["categories", "root.children[1].inputs[1].code", "root.children[2].rule.kind", "root.children[3]"]);
  });
});

describe("a schema error deep in the tree is one problem, not one per ancestor", () => {
  /** base() with indicator 1 moved three groups down (I > 1 > 1.1), none of them with a max of its own; the root's max is 100. */
  function nested(indicator: Record<string, unknown>): any {
    const d = base();
    d.root.max = 100;
    d.root.children[0] = {
      code: "I",
      name: "Nhóm I",
      children: [{ code: "I.1", name: "Nhóm I.1", children: [{ code: "I.1.a", name: "Nhóm I.1.a", children: [{ ...d.root.children[0], ...indicator }] }] }],
    };
    return d;
  }

  test("the nested definition is valid as written", () => {
    expect(parseDefinition(nested({})).ok).toBe(true);
  });

  test("a max that cannot be read (a text, a negative number) is said once: no ancestor needs a max or has a wrong one", () => {
    for (const max of ["40", -1, null]) {
      const problems = problemsOf(nested({ max }));
      expect(problems.map((p) => p.path)).toEqual(["root.children[0].children[0].children[0].children[0].max"]);
    }
  });

  test("a group whose aggregate cannot be read is not asked for a max by its sum parent", () => {
    const d = nested({});
    d.root.children[0].children[0].aggregate = "Sum";
    expect(problemsOf(d).map((p) => [p.path, p.code])).toEqual([["root.children[0].children[0].aggregate", "invalid-value"]]);
  });

  test("a group that lost a child has an unknown max: its ancestors' max is not compared with the children that are left", () => {
    const d = nested({});
    d.root.children[0].children[0].children[0].children.push("không phải nút");
    expect(problemsOf(d).map((p) => [p.path, p.code])).toEqual([["root.children[0].children[0].children[0].children[1]", "invalid-node"]]);
    // Neither a group nor an indicator (no "children", no "rule"): its max of 5 may or may not count.
    const lost = nested({});
    lost.root.children[0].children[0].children[0].children.push({ code: "x", name: "x", max: 5 });
    expect(problemsOf(lost)).toHaveLength(1);
    expect(problemsOf(lost)[0]!.path).toMatch(/^root\.children\[0\]\.children\[0\]\.children\[0\]\.children\[1\]/);
    // An indicator whose rule cannot be read keeps its max: 5 more than the root's 100 is a problem of its own.
    const kept = nested({});
    kept.root.children[0].children[0].children[0].children.push({ code: "x", name: "x", max: 5, rule: { kind: "fancy" } });
    expect(problemsOf(kept).map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].children[0].children[0].children[1].rule.kind", "unknown-rule-kind"],
      ["root.max", "group-max-mismatch"],
    ]);
  });

  test("an empty list of children is one problem, the schema's: the group's max is not compared with the 0 its children add up to", () => {
    const d = base();
    d.root.children.push({ code: "3", name: "Nhóm trống", max: 10, children: [] });
    d.root.max = 110;
    expect(problemsOf(d).map((p) => [p.path, p.code])).toEqual([["root.children[2].children", "too-small"]]);
    // Without a max of its own, the group's max is unknown: its parent's max is not compared either.
    delete d.root.children[2].max;
    expect(problemsOf(d).map((p) => [p.path, p.code])).toEqual([["root.children[2].children", "too-small"]]);
  });

  test("a real problem beside the schema error is still reported: a sibling without max, a max that differs where every max is known", () => {
    const d = nested({ max: "40" });
    d.root.children.push({ code: "G", name: "G", max: 7, children: [{ code: "g", name: "g", max: 5, rule: { kind: "fraction" } }] });
    d.root.children.push({ code: "h", name: "h", rule: { kind: "fraction" } });
    expect(problemsOf(d).map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].children[0].children[0].children[0].max", "invalid-type"],
      ["root.children[3].max", "sum-child-without-max"],
      ["root.children[2].max", "group-max-mismatch"],
    ]);
  });
});

describe("input types that contradict the rule reading them", () => {
  /** An indicator with two inputs, the rule reading "a.1". */
  function twoInputs(rule: Record<string, unknown>, type?: string): any {
    const d = base();
    d.root.children[0] = {
      code: "1",
      name: "Vai trò",
      max: 40,
      inputs: [{ code: "a.1", ...(type !== undefined ? { type } : {}) }, { code: "a.2" }],
      rule: { ...rule, input: "a.1" },
    };
    return d;
  }
  const choice = { kind: "choice", options: [{ value: "Chủ tịch", fraction: 1 }] };

  test("an input read by a choice or boolean rule takes the rule's type when none is given, also among several inputs", () => {
    const c = parseDefinition(twoInputs(choice));
    expect(c.ok && c.model.inputs.get("a.1")!.type).toBe("choice");
    expect(c.ok && c.model.inputs.get("a.2")!.type).toBe("number");
    const b = parseDefinition(twoInputs({ kind: "boolean" }));
    expect(b.ok && b.model.inputs.get("a.1")!.type).toBe("boolean");
    const f = parseDefinition(twoInputs({ kind: "fraction" }));
    expect(f.ok && f.model.inputs.get("a.1")!.type).toBe("percent");
  });

  test("a choice rule on a number input is an error at the input's type, naming the type it needs", () => {
    const m = onlyProblem(twoInputs(choice, "number"), "root.children[0].inputs[0].type", "input-type-mismatch");
    expect(m.en).toBe('The input "a.1" has "type": "number", but the "choice" rule that reads it needs "choice"; correct "type", or leave it out to take the rule\'s type.');
    expect(m.vi).toContain('Số liệu "a.1" có kiểu "type": "number", nhưng quy tắc "choice"');
  });

  test("a boolean rule on a text input, a fraction on a boolean input and a ratio of choices are errors too", () => {
    onlyProblem(twoInputs({ kind: "boolean" }, "text"), "root.children[0].inputs[0].type", "input-type-mismatch");
    const m = onlyProblem(twoInputs({ kind: "fraction" }, "boolean"), "root.children[0].inputs[0].type", "input-type-mismatch");
    expect(m.en).toContain('needs "number" or "integer" or "percent"');
    const d = base();
    d.root.children[1].inputs[1].type = "choice";
    onlyProblem(d, "root.children[1].inputs[1].type", "input-type-mismatch");
    const single = base();
    single.root.children[0].inputs = [{ code: "1", type: "text" }];
    onlyProblem(single, "root.children[0].inputs[0].type", "input-type-mismatch");
  });

  test("types that fit are accepted: integer and percent for numeric rules, boolean inputs in an expression, any type for an input the rule does not read", () => {
    expect(parseDefinition(twoInputs({ kind: "fraction" }, "percent")).ok).toBe(true);
    expect(parseDefinition(twoInputs({ kind: "count", pointsEach: 5 }, "integer")).ok).toBe(true);
    const d = twoInputs(choice, "choice");
    d.root.children[0].inputs[1].type = "text";
    expect(parseDefinition(d).ok).toBe(true);
    const e = base();
    e.root.children[1].inputs = [{ code: "2.a", type: "boolean" }, { code: "2.b", type: "integer" }];
    e.root.children[1].rule = { kind: "expr", expr: "[2.a] * [2.b]" };
    expect(parseDefinition(e).ok).toBe(true);
  });
});

describe("options that would be silently ignored", () => {
  test('"across": "category" without categories is an error at the rule\'s "across"', () => {
    const d = base();
    delete d.categories;
    d.root.children[0].rule = { kind: "relative", across: "category" };
    const m = onlyProblem(d, "root.children[0].rule.across", "across-category-without-categories");
    expect(m.en).toContain('"categories"');
    d.root.children[0].rule = { kind: "minmax", min: "data", max: 100, across: "category" };
    onlyProblem(d, "root.children[0].rule.across", "across-category-without-categories");
  });

  test('"rescale": true on a group that does not add up points is an error', () => {
    const d = base();
    d.root.children.push({ code: "3", name: "Trung bình", aggregate: "mean", max: 10, rescale: true, children: [{ code: "3.1", name: "x", rule: { kind: "fraction" } }] });
    const m = onlyProblem(d, "root.children[2].rescale", "rescale-not-sum");
    expect(m.en).toContain('"aggregate": "mean"');
    expect(m.vi).toContain('Hãy bỏ "rescale"');
  });

  test('"rescale": true on a sum group without a max, where it has nothing to rescale to, is an error', () => {
    const d = base();
    delete d.root.max;
    d.root.rescale = true;
    const m = onlyProblem(d, "root.rescale", "rescale-without-max");
    expect(m.en).toBe(
      '"rescale": true brings the children\'s total to the group\'s "max", but this group has no "max" (its max is the sum of its children\'s), so "rescale" does nothing. Give the group a "max" (e.g. "max": 100) to rescale to it, or remove "rescale".',
    );
    expect(m.vi).toContain('nhóm này không có "max"');
    d.root.rescale = false;
    d.root.children.push({ code: "3", name: "Nhóm 3", rescale: true, children: [{ code: "3.1", name: "x", max: 10, rule: { kind: "fraction" } }] });
    onlyProblem(d, "root.children[2].rescale", "rescale-without-max");
    // With a max, rescale is what lets it differ from the children's sum.
    d.root.children[2].max = 50;
    expect(parseDefinition(d).ok).toBe(true);
  });

  test("a weight on the root, which belongs to no group, is an error", () => {
    const d = base();
    d.root.weight = 2;
    const m = onlyProblem(d, "root.weight", "weight-ignored");
    expect(m.en).toBe('The root is the whole index and belongs to no group, so its "weight" would be ignored. Remove "weight".');
    expect(m.vi).toContain('Hãy bỏ "weight"');
    d.root.weight = 1;
    expect(parseDefinition(d).ok).toBe(true);
  });

  test("a weight on a child of a sum group is an error saying that sum weighs children by their max", () => {
    const d = base();
    d.root.children[0].weight = 2;
    const m = onlyProblem(d, "root.children[0].weight", "weight-ignored");
    expect(m.en).toContain('"aggregate": "sum"');
    expect(m.en).toContain('change "max"');
    expect(m.vi).toContain('"mean" hoặc "geomean"');
  });

  test("weights are accepted under mean and geomean, and a weight of 1 (the default) anywhere", () => {
    const d = base();
    d.root.children[0].weight = 1;
    expect(parseDefinition(d).ok).toBe(true);
    d.root.aggregate = "mean";
    d.root.children[0].weight = 3;
    delete d.root.max;
    expect(parseDefinition(d).ok).toBe(true);
    d.root.aggregate = "min";
    onlyProblem(d, "root.children[0].weight", "weight-ignored");
  });
});

describe("thresholds written in percentage points on a value that is a fraction", () => {
  /** Indicator 1 reading one percent input "p" with `rule`; `input` adds fields to the input. */
  function percent(rule: Record<string, unknown>, input: Record<string, unknown> = {}): any {
    const d = base();
    d.root.children[0].inputs = [{ code: "p", name: "Tỷ lệ", type: "percent", ...input }];
    d.root.children[0].rule = rule;
    return d;
  }

  test("a step's threshold of 80 on a percent input is an error saying to write 0.8 for 80%", () => {
    const d = percent({ kind: "steps", steps: [{ atLeast: 80, fraction: 1 }, { atLeast: 50, fraction: 0.5 }, { atMost: 0.2, fraction: 0 }] });
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].rule.steps[0].atLeast", "percent-scale"],
      ["root.children[0].rule.steps[1].atLeast", "percent-scale"],
    ]);
    expect(problems[0]!.message.en).toBe(
      'The input "p" is a percentage, stored as a fraction from 0 to 1 (85% is 0.85), so "atLeast": 80 here means 8,000%; write 0.8 for 80%. If this input may really exceed 100%, give it a "max" above 1 (e.g. 2 for 200%).',
    );
    expect(problems[0]!.message.vi).toContain("hãy ghi 0.8 cho 80%");
    expect(problems[1]!.message.en).toContain("write 0.5 for 50%");
  });

  test("an atMost step, a target and minmax bounds above 1 on a percent input are errors too", () => {
    onlyProblem(percent({ kind: "steps", steps: [{ atMost: 30, fraction: 1 }] }), "root.children[0].rule.steps[0].atMost", "percent-scale");
    const target = onlyProblem(percent({ kind: "target", target: 80 }), "root.children[0].rule.target", "percent-scale");
    expect(target.en).toContain('"target": 80 here means 8,000%; write 0.8 for 80%');
    onlyProblem(percent({ kind: "target", target: 5, direction: "lower" }), "root.children[0].rule.target", "percent-scale");
    const both = problemsOf(percent({ kind: "minmax", min: 20, max: 100 }));
    expect(both.map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].rule.min", "percent-scale"],
      ["root.children[0].rule.max", "percent-scale"],
    ]);
    expect(both[1]!.message.en).toContain("write 1 for 100%");
    onlyProblem(percent({ kind: "minmax", min: 0, max: 100 }), "root.children[0].rule.max", "percent-scale");
  });

  test("an input's min/max of 20/100 on a percent input, or on a fraction rule's input, is an error at each", () => {
    const d = percent({ kind: "fraction" }, { min: 20, max: 100 });
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].inputs[0].min", "percent-scale"],
      ["root.children[0].inputs[0].max", "percent-scale"],
    ]);
    expect(problems[0]!.message.en).toContain('"min": 20 here means 2,000%; write 0.2 for 20%.');
    // No "give it a max above 1" here: that would not help.
    expect(problems[0]!.message.en).not.toContain("above 1");
    // The implicit percent input of a fraction rule, and a fraction rule reading a number input.
    const implicit = percent({ kind: "fraction" }, { min: 20 });
    delete implicit.root.children[0].inputs[0].type;
    onlyProblem(implicit, "root.children[0].inputs[0].min", "percent-scale");
    const number = percent({ kind: "fraction" }, { type: "number", min: 20 });
    expect(onlyProblem(number, "root.children[0].inputs[0].min", "percent-scale").en).toContain('The "fraction" rule reads the input "p" as a share from 0 to 1');
  });

  test("a percent input's max of 100 (the scale of 0–100) is an error at the max, and so are thresholds above 1 beside it, without the advice to raise the max", () => {
    const d = percent({ kind: "steps", steps: [{ atLeast: 80, fraction: 1 }, { atLeast: 50, fraction: 0.5 }] }, { max: 100 });
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].inputs[0].max", "percent-scale"],
      ["root.children[0].rule.steps[0].atLeast", "percent-scale"],
      ["root.children[0].rule.steps[1].atLeast", "percent-scale"],
    ]);
    expect(problems[0]!.message.vi).toBe('Số liệu "p" là tỷ lệ phần trăm, được lưu dưới dạng số từ 0 đến 1 (85% là 0.85), nên "max": 100 ở đây nghĩa là 10.000%; hãy ghi 1 cho 100%.');
    expect(problems[1]!.message.en).toContain("write 0.8 for 80%.");
    expect(problems[1]!.message.en).not.toContain("above 1");
    const target = problemsOf(percent({ kind: "target", target: 80 }, { min: 0, max: 100 }));
    expect(target.map((p) => p.path)).toEqual(["root.children[0].inputs[0].max", "root.children[0].rule.target"]);
    // A max of 100 with thresholds on the 0–1 scale: the max alone.
    onlyProblem(percent({ kind: "steps", steps: [{ atLeast: 0.8, fraction: 1 }] }, { max: 100 }), "root.children[0].inputs[0].max", "percent-scale");
    // 99 or 10 (9900%, 1000%) is the same scale; 5 (500%) may be a plan far exceeded.
    expect(problemsOf(percent({ kind: "steps", steps: [{ atLeast: 80, fraction: 1 }] }, { max: 99 })).map((p) => p.path)).toEqual([
      "root.children[0].inputs[0].max",
      "root.children[0].rule.steps[0].atLeast",
    ]);
    onlyProblem(percent({ kind: "steps", steps: [{ atLeast: 0.8, fraction: 1 }] }, { max: 10 }), "root.children[0].inputs[0].max", "percent-scale");
    expect(parseDefinition(percent({ kind: "steps", steps: [{ atLeast: 3, fraction: 1 }] }, { max: 5 })).ok).toBe(true);
  });

  test("a fraction rule reading a number input whose max is above 1 is an error at the rule, saying to use a percent input or a ratio", () => {
    const d = percent({ kind: "fraction" }, { type: "number", min: 0, max: 100 });
    const m = onlyProblem(d, "root.children[0].rule", "fraction-rule-scale");
    expect(m.en).toBe(
      'The "fraction" rule reads the input "p" as a share from 0 to 1, but the input declares "max": 100, so every figure above 1 would be reported out of the range 0–1. If it is a percentage, give the input "type": "percent" (85% is 0.85) and drop its "max"; if it is an amount out of a total, use a "ratio" rule (numerator, denominator) or "target".',
    );
    expect(m.vi).toBe(
      'Quy tắc "fraction" đọc số liệu "p" là một tỷ lệ từ 0 đến 1, nhưng số liệu này khai báo "max": 100, nên mọi số lớn hơn 1 sẽ bị báo là ngoài khoảng 0–1. Nếu đây là tỷ lệ phần trăm, hãy ghi cho số liệu "type": "percent" (85% là 0.85) và bỏ "max"; nếu là một số trên một tổng, hãy dùng quy tắc "ratio" (tử số, mẫu số) hoặc "target".',
    );
    onlyProblem(percent({ kind: "fraction" }, { type: "integer", max: 5 }), "root.children[0].rule", "fraction-rule-scale");
    // A max of 1 or less agrees with the rule; a number input with no max is read 0…1 by the rule.
    expect(parseDefinition(percent({ kind: "fraction" }, { type: "number", min: 0, max: 1 })).ok).toBe(true);
    expect(parseDefinition(percent({ kind: "fraction" }, { type: "number" })).ok).toBe(true);
    // min and max both on a 0–100 scale: the existing percent-scale problems, not a third one.
    expect(problemsOf(percent({ kind: "fraction" }, { type: "number", min: 20, max: 100 })).map((p) => p.code)).toEqual(["percent-scale", "percent-scale"]);
    // Another rule on that input is not concerned.
    expect(parseDefinition(percent({ kind: "target", target: 80 }, { type: "number", max: 100 })).ok).toBe(true);
  });

  test("thresholds on the 0–1 scale, thresholds on numbers, and percentages allowed above 100% by the input's max are fine", () => {
    expect(parseDefinition(percent({ kind: "steps", steps: [{ atLeast: 0.8, fraction: 1 }, { atLeast: 0.5, fraction: 0.5 }] })).ok).toBe(true);
    expect(parseDefinition(percent({ kind: "target", target: 1 })).ok).toBe(true);
    expect(parseDefinition(percent({ kind: "minmax", min: 0.2, max: 1 }, { min: 0, max: 1 })).ok).toBe(true);
    expect(parseDefinition(percent({ kind: "target", target: 80 }, { type: "number" })).ok).toBe(true);
    // A plan fulfilled at up to 200%: a target of 120% with the input's max of 2.
    expect(parseDefinition(percent({ kind: "target", target: 1.2 }, { max: 2 })).ok).toBe(true);
    expect(parseDefinition(percent({ kind: "steps", steps: [{ atLeast: 1.5, fraction: 1 }] }, { min: 0, max: 2 })).ok).toBe(true);
    // Without such a max, 1.2 is 120% of a value that is at most 100%.
    onlyProblem(percent({ kind: "target", target: 1.2 }), "root.children[0].rule.target", "percent-scale");
  });

  test("a percent input among several, read by the rule's input, is checked; the others are not", () => {
    const d = base();
    d.root.children[0].inputs = [
      { code: "p", type: "percent" },
      { code: "n", type: "number", min: 0, max: 500 },
    ];
    d.root.children[0].rule = { kind: "steps", input: "p", steps: [{ atLeast: 90, fraction: 1 }] };
    onlyProblem(d, "root.children[0].rule.steps[0].atLeast", "percent-scale");
    d.root.children[0].rule = { kind: "steps", input: "n", steps: [{ atLeast: 90, fraction: 1 }] };
    expect(parseDefinition(d).ok).toBe(true);
  });
});

describe("a definition the schema rejects: every problem at once", () => {
  /** base() with a schema error elsewhere (a max written as text), so the lenient reading runs. */
  function rejected(): any {
    const d = base();
    d.root.children.push({ code: "9", name: "Hỏng", max: "mười", rule: { kind: "fraction" } });
    return d;
  }
  const schemaError: [string, string] = ["root.children[2].max", "invalid-type"];

  test("every unknown reference of one expression is reported, not only the first", () => {
    const d = rejected();
    d.root.children[1].rule = { kind: "expr", expr: "[x1] + [x2] + [x3]" };
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      schemaError,
      ["root.children[1].rule.expr", "expr-unknown-reference"],
      ["root.children[1].rule.expr", "expr-unknown-reference"],
      ["root.children[1].rule.expr", "expr-unknown-reference"],
    ]);
    expect(problems.slice(1).map((p) => /\[(x\d)\]/.exec(p.message.en)![1])).toEqual(["x1", "x2", "x3"]);
  });

  test("one bad option does not hide a duplicate among the others", () => {
    const d = rejected();
    d.root.children[0].rule = {
      kind: "choice",
      options: [
        { value: "Đạt", fraction: 1 },
        { value: "Một phần", points: "năm" },
        { value: "Không đạt", aliases: ["dat"], fraction: 0 },
      ],
    };
    expect(problemsOf(d).map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].rule.options[1].points", "invalid-type"],
      schemaError,
      ["root.children[0].rule.options[2].aliases[0]", "duplicate-option"],
    ]);
  });

  test("one bad step does not hide an unreachable one; a step whose threshold cannot be read covers nothing", () => {
    const d = rejected();
    d.root.children[0].rule = {
      kind: "steps",
      steps: [
        { atLeast: 0.5, fraction: 0.5 },
        { atLeast: 0.7, fraction: "nửa" },
        { atLeast: "0.2", fraction: 0.2 },
        { atLeast: 0.9, fraction: 1 },
      ],
    };
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["root.children[0].rule.steps[1].fraction", "invalid-type"],
      ["root.children[0].rule.steps[2].atLeast", "invalid-type"],
      schemaError,
      // steps[1] keeps its readable threshold: it can never apply either.
      ["root.children[0].rule.steps[1]", "unreachable-step"],
      ["root.children[0].rule.steps[3]", "unreachable-step"],
    ]);
    expect(problems[4]!.message.en).toContain("steps[0]");
  });

  test("a node code that is not text is one problem: nothing shows a stand-in for it as a code", () => {
    const d = base();
    d.root.aggregate = "expr";
    d.root.expr = "[1] + [2]";
    delete d.root.max;
    expect(parseDefinition(d).ok).toBe(true);
    d.root.children[0].code = 1;
    let problems = problemsOf(d);
    expect(problems.map((p) => [p.path, p.code])).toEqual([["root.children[0].code", "invalid-type"]]);
    // An indicator whose code cannot be read and whose rule names its implicit input.
    const e = base();
    e.root.children[0].code = 1;
    e.root.children[0].rule = { kind: "fraction", input: "1" };
    problems = problemsOf(e);
    expect(problems.map((p) => [p.path, p.code])).toEqual([["root.children[0].code", "invalid-type"]]);
    for (const p of problems) {
      const text = `${p.message.vi} ${p.message.en}`;
      expect(text).not.toContain("root.children[0]");
      expect(text).not.toContain("\u0000");
    }
  });
});
