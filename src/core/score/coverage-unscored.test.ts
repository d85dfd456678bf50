/**
 * Coverage and nodes that score nothing: a node of max 0 ("Đô thị thông minh — không tính điểm")
 * scores nothing whatever its figures, so its indicators are left out of the coverage of the groups
 * that score (the unit's coverage among them), and counted only by the node itself and by groups of
 * max 0 above it. A unit that lacks only such figures has full coverage and is ranked under any
 * minCoverage.
 */
import { scoreUnits } from "./index";
import { modelOf, unit } from "./test-helpers";

const frac = (code: string, max: number) => ({ code, name: `Chỉ tiêu ${code}`, max, rule: { kind: "fraction" } });

/** The provincial DTI's shape: a smart-city indicator of max 0 among the scored ones. */
const dti = (minCoverage = 0) =>
  modelOf({
    ranking: { minCoverage },
    root: {
      code: "DTI",
      name: "DTI",
      children: [
        { code: "I", name: "Nền tảng", children: [frac("1", 100), frac("2", 100), { ...frac("6", 0), allowNA: true }] },
        { code: "II", name: "Hoạt động", children: [frac("7", 200)] },
      ],
    },
  });

describe("coverage beside a node of max 0", () => {
  test("a unit without the figure of an indicator of max 0 has full coverage, and is ranked under a minCoverage of 1", () => {
    const table = scoreUnits(dti(1), [unit("A", { "1": 0.5, "2": 0.5, "7": 0.5 }), unit("B", { "1": 0.6, "2": 0.5, "6": 0.9, "7": 0.5 })]);
    const [a, b] = table.units;
    expect([a!.coverage, b!.coverage]).toEqual([1, 1]);
    expect([a!.nodes["I"]!.coverage, b!.nodes["I"]!.coverage]).toEqual([1, 1]);
    expect([a!.ranked, a!.rank, b!.rank]).toEqual([true, 2, 1]);
    // The indicator itself still says whether it has its figure; it scores nothing either way.
    expect([a!.nodes["6"]!.coverage, b!.nodes["6"]!.coverage]).toEqual([0, 1]);
    expect([a!.nodes["6"]!.points, b!.nodes["6"]!.points]).toEqual([0, 0]);
    // Its blank is still a missing input (the reader says it changes no result).
    expect(a!.missingInputs).toEqual(["6"]);
  });

  test("a scored indicator without its figure still lowers coverage: 2 of the 3 scored indicators", () => {
    const [a] = scoreUnits(dti(), [unit("A", { "1": 0.5, "7": 0.5, "6": 1 })]).units;
    expect(a!.coverage).toBeCloseTo(2 / 3, 12);
    expect(a!.nodes["I"]!.coverage).toBeCloseTo(1 / 2, 12);
  });

  test("a group of max 0 counts its own indicators, whatever their max, and the root leaves them all out", () => {
    const m = modelOf({
      root: {
        code: "R",
        name: "R",
        children: [
          frac("1", 10),
          { code: "S", name: "Đô thị thông minh — không tính điểm", max: 0, rescale: true, children: [frac("s1", 5), frac("s2", 5)] },
        ],
      },
    });
    const [u] = scoreUnits(m, [unit("A", { "1": 1, s1: 0.5 })]).units;
    expect(u!.nodes["S"]!.coverage).toBeCloseTo(1 / 2, 12);
    expect(u!.nodes["S"]!.points).toBe(0);
    expect(u!.coverage).toBe(1);
    expect(u!.points).toBe(10);
  });

  test("an index whose indicators all score nothing (a root of max 0) counts them, as a group of max 0 does", () => {
    const m = modelOf({ root: { code: "R", name: "R", children: [frac("a", 0), frac("b", 0)] } });
    const [u] = scoreUnits(m, [unit("A", { a: 0.5 })]).units;
    expect(u!.coverage).toBe(0.5);
  });
});
