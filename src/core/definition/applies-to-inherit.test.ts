/**
 * A node's appliesTo narrows its group's (index-definition.md, applicability): an indicator that
 * names more categories than its group still applies only where the group does. Otherwise a unit
 * of the other category would be counted as not having reported it, and be held below
 * ranking.minCoverage for an indicator that is not asked of it.
 */
import { scoreUnits } from "../score";
import { modelOf, unit } from "../score/test-helpers";

const categories = [
  { id: "tinh", name: { vi: "Sở, ngành cấp tỉnh", en: "Provincial departments" } },
  { id: "huyen", name: { vi: "UBND cấp huyện", en: "District people's committees" } },
];

const definition = {
  categories,
  ranking: { minCoverage: 0.8 },
  root: {
    code: "R",
    name: "Chỉ số chuyển đổi số",
    children: [
      {
        code: "G",
        name: "Dịch vụ cấp tỉnh",
        appliesTo: ["tinh"],
        children: [{ code: "a", name: "Chỉ tiêu a", max: 10, appliesTo: ["tinh", "huyen"], rule: { kind: "points" } }],
      },
      { code: "b", name: "Chỉ tiêu b", max: 10, rule: { kind: "points" } },
    ],
  },
};

describe("an indicator's appliesTo is narrowed to its group's", () => {
  test("the model gives the indicator only the categories its group applies to", () => {
    const model = modelOf(definition);
    expect(model.nodes.get("a")!.appliesTo).toEqual(["tinh"]);
  });

  test("district units that report only b are complete and ranked, not held back for indicator a", () => {
    const model = modelOf(definition);
    const table = scoreUnits(model, [
      unit("H1", { b: 8 }, { name: "UBND huyện Một", category: "huyen" }),
      unit("H2", { b: 6 }, { name: "UBND huyện Hai", category: "huyen" }),
    ]);
    const [h1, h2] = table.units;
    for (const u of [h1!, h2!]) {
      expect(u.nodes["a"]).toMatchObject({ available: false, reason: "not-applicable" });
      expect(u.nodes["G"]).toMatchObject({ available: false, reason: "not-applicable" });
      expect(u.missingInputs).toEqual([]);
      expect(u.coverage).toBe(1);
      expect(u.ranked).toBe(true);
    }
    expect([h1!.code, h1!.rank]).toEqual(["H1", 1]);
    expect([h2!.code, h2!.rank]).toEqual(["H2", 2]);
  });

  test("a provincial unit is still asked for indicator a", () => {
    const model = modelOf(definition);
    const [p] = scoreUnits(model, [unit("T1", { b: 8 }, { category: "tinh" })]).units;
    expect(p!.nodes["a"]!.reason).not.toBe("not-applicable");
    expect(p!.missingInputs).toEqual(["a"]);
    expect(p!.coverage).toBe(0.5);
  });
});
