import fc from "fast-check";
import type { InputValue, Submission } from "../types";
import { scoreUnits } from "./index";
import { modelOf, unit } from "./test-helpers";

/** A DTI-shaped index using every rule kind, nested sum groups, a mean group, appliesTo and allowNA. */
const richDefinition = {
  categories: [
    { id: "so", name: "Sở" },
    { id: "huyen", name: "Huyện" },
  ],
  root: {
    code: "DTI",
    name: "Chỉ số chuyển đổi số",
    children: [
      {
        code: "1",
        name: "Nhận thức số",
        children: [
          { code: "1.1", name: "Tự chấm", max: 20, rule: { kind: "points" }, allowNA: true },
          { code: "1.2", name: "Tỷ lệ", max: 10, rule: { kind: "fraction" } },
          { code: "1.3", name: "Có kế hoạch", max: 5, rule: { kind: "boolean" } },
          {
            code: "1.4",
            name: "Mức độ",
            max: 15,
            rule: {
              kind: "choice",
              options: [
                { value: "Tốt", fraction: 1 },
                { value: "Khá", points: 10 },
                { value: "Kém", fraction: 0 },
              ],
            },
          },
        ],
      },
      {
        code: "2",
        name: "Dịch vụ công",
        appliesTo: ["so"],
        children: [
          {
            code: "2.1",
            name: "Hồ sơ trực tuyến",
            max: 30,
            inputs: [{ code: "2.1.a" }, { code: "2.1.b" }],
            rule: { kind: "ratio", numerator: "2.1.a", denominator: "2.1.b", zeroDenominator: "full" },
          },
          { code: "2.2", name: "Mục tiêu", max: 10, rule: { kind: "target", target: 50 } },
          {
            code: "2.3",
            name: "Bậc",
            max: 10,
            rule: {
              kind: "steps",
              steps: [
                { atLeast: 80, fraction: 1 },
                { atLeast: 40, points: 5 },
              ],
            },
          },
        ],
      },
      {
        code: "3",
        name: "Hạ tầng số",
        max: 60,
        rescale: true,
        children: [
          { code: "3.1", name: "Số hệ thống", max: 10, rule: { kind: "count", pointsEach: 2 } },
          { code: "3.2", name: "Tỷ lệ chuẩn hóa", max: 10, rule: { kind: "relative", across: "category" } },
          { code: "3.3", name: "Chuẩn hóa", max: 10, rule: { kind: "minmax", min: "data", max: "data" } },
          {
            code: "3.4",
            name: "Biểu thức",
            max: 10,
            inputs: [{ code: "3.4.a" }, { code: "3.4.b" }],
            rule: { kind: "expr", expr: "IF([3.4.b]=0, 0, [3.4.a]/[3.4.b])" },
          },
          {
            code: "3.5",
            name: "Trung bình",
            max: 20,
            aggregate: "mean",
            children: [
              { code: "3.5.1", name: "a", rule: { kind: "fraction" }, weight: 2 },
              { code: "3.5.2", name: "b", rule: { kind: "minmax", min: 1, max: 1000, transform: "log", direction: "lower" } },
            ],
          },
        ],
      },
    ],
  },
};

const numberInputs = ["1.1", "1.2", "2.1.a", "2.1.b", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4.a", "3.4.b", "3.5.1", "3.5.2"];

/** A random submission: any input may be absent, out of range, or answered N/A. */
const submissionArb = (i: number) =>
  fc
    .record({
      numbers: fc.array(fc.option(fc.double({ min: -50, max: 200, noNaN: true }), { nil: undefined }), {
        minLength: numberInputs.length,
        maxLength: numberInputs.length,
      }),
      flag: fc.option(fc.boolean(), { nil: undefined }),
      choice: fc.option(fc.constantFrom("Tốt", "khá", "Kém", "Không rõ"), { nil: undefined }),
      category: fc.option(fc.constantFrom("so", "huyen"), { nil: undefined }),
      na: fc.subarray(["1.1", "1.2"]),
    })
    .map(({ numbers, flag, choice, category, na }): Submission => {
      const values: Record<string, InputValue> = {};
      numbers.forEach((v, k) => {
        if (v !== undefined) values[numberInputs[k]!] = v;
      });
      if (flag !== undefined) values["1.3"] = flag;
      if (choice !== undefined) values["1.4"] = choice;
      return unit(`u${i}`, values, { ...(category !== undefined ? { category } : {}), notApplicable: na });
    });

const unitsArb = fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => submissionArb(i))));

describe("scoreUnits", () => {
  it("returns one result per submission, in the order given, with the index's id and version", () => {
    const model = modelOf({ ...richDefinition, id: "dti-tinh", version: "2022" });
    const t = scoreUnits(model, [unit("b", {}), unit("a", {})]);
    expect(t.index).toEqual({ id: "dti-tinh", version: "2022" });
    expect(t.units.map((u) => u.code)).toEqual(["b", "a"]);
    expect(Object.keys(t.units[0]!.nodes).sort()).toEqual([...model.nodes.keys()].sort());
  });

  it("scores a complete unit of the rich index as its rules say", () => {
    const model = modelOf(richDefinition);
    const t = scoreUnits(model, [
      unit(
        "s",
        {
          "1.1": 15,
          "1.2": 0.5,
          "1.3": true,
          "1.4": "Khá",
          "2.1.a": 0,
          "2.1.b": 0,
          "2.2": 25,
          "2.3": 50,
          "3.1": 3,
          "3.2": 4,
          "3.3": 10,
          "3.4.a": 1,
          "3.4.b": 4,
          "3.5.1": 0.5,
          "3.5.2": 1,
        },
        { category: "so" },
      ),
      unit("s2", { "3.2": 8, "3.3": 20 }, { category: "so" }),
    ]);
    const n = t.units[0]!.nodes;
    expect([n["1.1"]!.points, n["1.2"]!.points, n["1.3"]!.points, n["1.4"]!.points]).toEqual([15, 5, 5, 10]);
    expect(n["1"]!.points).toBe(35);
    expect([n["2.1"]!.points, n["2.2"]!.points, n["2.3"]!.points]).toEqual([30, 5, 5]);
    expect([n["3.1"]!.points, n["3.2"]!.points, n["3.3"]!.points, n["3.4"]!.points]).toEqual([6, 5, 0, 2.5]);
    expect(n["3.5"]!.value).toBeCloseTo((2 * 0.5 + 1) / 3, 12);
    // 3 rescales its 60-point scale: (6 + 5 + 0 + 2.5 + 20 × 2/3) of 60 available.
    expect(n["3"]!.points).toBeCloseTo(6 + 5 + 0 + 2.5 + 40 / 3, 10);
    expect(t.units[0]!.points).toBeCloseTo(35 + 40 + 6 + 5 + 2.5 + 40 / 3, 10);
    expect(t.units[0]!.coverage).toBe(1);
    expect(t.units[0]!.rank).toBe(1);
  });

  it("never gives a node more points than its max, nor a value outside [0, 1], whatever the inputs", () => {
    const model = modelOf(richDefinition);
    fc.assert(
      fc.property(unitsArb, (subs) => {
        const t = scoreUnits(model, subs);
        return t.units.every((u) =>
          Object.entries(u.nodes).every(([code, r]) => {
            const max = model.nodes.get(code)!.max;
            const valueOk = r.value === null || (r.value >= 0 && r.value <= 1 + 1e-12);
            const pointsOk = r.points === null || (max !== undefined && r.points >= 0 && r.points <= max * (1 + 1e-12));
            return valueOk && pointsOk && (r.available ? r.value !== null : r.value === null && r.reason !== undefined);
          }),
        );
      }),
    );
  });

  it("makes a sum group's points the sum of its children's points when every child is available", () => {
    const model = modelOf({ ...richDefinition, missing: "zero" });
    const sumGroups = [...model.nodes.values()].filter((n) => n.kind === "group" && n.def.aggregate === "sum" && !n.def.rescale);
    fc.assert(
      fc.property(unitsArb, (subs) => {
        const t = scoreUnits(model, subs);
        return t.units.every((u) =>
          sumGroups.every((g) => {
            if (g.kind !== "group") return true;
            const children = g.children.map((c) => u.nodes[c]!);
            if (!children.every((c) => c.available)) return true;
            const total = children.reduce((s, c) => s + c.points!, 0);
            return Math.abs(u.nodes[g.code]!.points! - total) <= 1e-9 * Math.max(1, total);
          }),
        );
      }),
    );
  });

  it("records every missing input once, in the order of the index", () => {
    const model = modelOf(richDefinition);
    const t = scoreUnits(model, [unit("s", { "1.2": 0.5, "2.1.b": 3 }, { category: "so" })]);
    expect(t.units[0]!.missingInputs).toEqual([
      "1.1",
      "1.3",
      "1.4",
      "2.1.a",
      "2.2",
      "2.3",
      "3.1",
      "3.2",
      "3.3",
      // IF([3.4.b]=0, 0, [3.4.a]/[3.4.b]) with 3.4.b blank reads no branch: 3.4.a is not needed yet.
      "3.4.b",
      "3.5.1",
      "3.5.2",
    ]);
  });

  it("finds each category's best once for many units scored together", () => {
    const children = Array.from({ length: 20 }, (_, i) => ({
      code: `i${i}`,
      name: `Chỉ tiêu ${i}`,
      max: 20,
      rule: i % 2 === 0 ? { kind: "relative", across: "category" } : { kind: "minmax", min: "data", max: "data" },
    }));
    const model = modelOf({
      categories: [
        { id: "a", name: "A" },
        { id: "b", name: "B" },
      ],
      root: { code: "T", name: "T", children },
    });
    const subs = Array.from({ length: 2_000 }, (_, u) => {
      const values: Record<string, InputValue> = {};
      for (let i = 0; i < 20; i++) values[`i${i}`] = (u * 7 + i * 13) % 101;
      return unit(`u${u}`, values, { category: u % 2 === 0 ? "a" : "b" });
    });
    const t = scoreUnits(model, subs);
    expect(t.units).toHaveLength(2_000);
    for (const category of ["a", "b"]) {
      const inCategory = t.units.filter((u) => u.category === category);
      const best = Math.max(...subs.filter((s) => s.category === category).map((s) => s.values["i0"] as number));
      for (const u of inCategory) expect(u.nodes["i0"]!.value).toBe((subs[Number(u.code.slice(1))]!.values["i0"] as number) / best);
    }
    // minmax over the whole run: the smallest input gets 0 and the largest 1.
    expect(Math.min(...t.units.map((u) => u.nodes["i1"]!.value!))).toBe(0);
    expect(Math.max(...t.units.map((u) => u.nodes["i1"]!.value!))).toBe(1);
  });
});
