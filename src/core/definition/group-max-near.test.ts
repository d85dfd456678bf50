/**
 * A sum group's max must equal its children's max exactly (index-definition.md): a group of 10
 * points whose indicators add up to 9.5 would silently rescore every unit's 9.5 points as if out
 * of 10, so a difference of half a point is a problem just as one of 5 points is. Only the
 * rounding noise of binary arithmetic (0.1 + 0.2) is let through.
 */
import { parseDefinition } from "./index";

const definition = (groupMax: number, children: number[]) => ({
  format: "index-definition/1",
  id: "thu-nghiem",
  version: "1",
  name: { vi: "Bộ chỉ số thử nghiệm", en: "Test index" },
  root: {
    code: "T",
    name: "Tổng",
    children: [
      {
        code: "1",
        name: "Hạ tầng số",
        max: groupMax,
        children: children.map((max, k) => ({ code: `1.${k + 1}`, name: `Chỉ tiêu 1.${k + 1}`, max, rule: { kind: "fraction" } })),
      },
      { code: "2", name: "Nhân lực số", max: 5, rule: { kind: "fraction" } },
    ],
  },
});

describe("a group max that differs from its children's by less than a point", () => {
  test("group max 10 with children of 4 and 5.5 points is exactly one group-max-mismatch, at that group", () => {
    const r = parseDefinition(definition(10, [4, 5.5]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.path, p.code])).toEqual([["root.children[0].max", "group-max-mismatch"]]);
    expect(r.problems[0]!.message.vi).toBe(
      'Điểm tối đa 10 khác tổng điểm tối đa của các thành phần (9.5); sửa lại cho bằng nhau, hoặc ghi "rescale": true nếu muốn quy đổi về thang 10.',
    );
    expect(r.problems[0]!.message.en).toBe('The max 10 differs from the sum of the children\'s max (9.5); make them equal, or set "rescale": true to rescale to 10.');
  });

  test("children of 4 and 6 points, or of 0.1 and 0.2 under a group of 0.3, are accepted", () => {
    expect(parseDefinition(definition(10, [4, 6])).ok).toBe(true);
    expect(parseDefinition(definition(0.3, [0.1, 0.2])).ok).toBe(true);
  });
});
