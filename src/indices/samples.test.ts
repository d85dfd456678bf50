import { parseDefinition } from "../core/definition";
import { matchChoice } from "../core/read";
import { scoreUnits } from "../core/score";
import type { InputValue, Submission, UnitResult } from "../core/types";
import { findBuiltin } from "./index";

function model(id: string) {
  const parsed = parseDefinition(findBuiltin(id)!.definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

function unit(code: string, name: string, values: Record<string, InputValue>, extra: Partial<Submission> = {}): Submission {
  return { code, name, values, notApplicable: [], ...extra };
}

/** Points of each group, then the total, of a scored unit. */
function points(u: UnitResult, groups: string[]): number[] {
  return [...groups.map((g) => u.nodes[g]!.points!), u.points!];
}

const PRECISION = 10;

function expectPoints(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(a).toBeCloseTo(expected[i]!, PRECISION));
}

describe("sample department index (200 points, 6 groups)", () => {
  const GROUPS = ["1", "2", "3", "4", "5", "6"];
  const DIRECTOR = "Giám đốc/Thủ trưởng đơn vị";
  const DEPUTY = "Phó Giám đốc/Phó Thủ trưởng";

  const stic = unit(
    "STTTT",
    "Sở Thông tin và Truyền thông",
    {
      "1.1": DIRECTOR, "1.2.a": true, "1.2.b": false, "1.3.a": 3, "1.3.b": 4, "1.4": 3,
      "2.1": true, "2.2": true, "2.3": false,
      "3.1.a": 45, "3.1.b": 50, "3.2": 0.95, "3.3": true,
      "4.1": true, "4.2.a": 30, "4.2.b": 50, "4.3": 0.8,
      "5.1.a": 2, "5.1.b": 3, "5.2": 7, "5.3": true,
      "6.1": 0.9, "6.2": 3, "6.3.a": 1219, "6.3.b": 1860, "6.4.a": 910, "6.4.b": 1860, "6.5": 0.6, "6.6": 12,
    },
    { category: "co-dvc" },
  );
  const justice = unit(
    "STP",
    "Sở Tư pháp",
    {
      "1.1": DEPUTY, "1.2.a": true, "1.2.b": true, "1.3.a": 0, "1.3.b": 0, "1.4": 4,
      "2.1": true, "2.2": false, "2.3": true,
      "3.1.a": 20, "3.1.b": 20, "3.2": 1, "3.3": false,
      "4.1": false, "4.2.a": 10, "4.2.b": 40, "4.3": 0.5,
      "5.1.a": 1, "5.1.b": 1, "5.2": 2, "5.3": false,
      "6.1": 0.7, "6.2": 6, "6.3.a": 120, "6.3.b": 150, "6.4.a": 90, "6.4.b": 150, "6.6": 6,
    },
    // No application was filed for its services this year: 6.5 answered "Không áp dụng".
    { category: "co-dvc", notApplicable: ["6.5"] },
  );
  const council = unit(
    "VPDDBQH",
    "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    {
      "1.1": "Chưa có", "1.2.a": false, "1.2.b": true, "1.3.a": 1, "1.3.b": 2, "1.4": 1,
      "2.1": true, "2.2": true, "2.3": true,
      "3.1.a": 15, "3.1.b": 30, "3.2": 0.8, "3.3": true,
      "4.1": true, "4.2.a": 15, "4.2.b": 15, "4.3": 1,
      "5.1.a": 0, "5.1.b": 2, "5.2": 0, "5.3": true,
      "6.1": 0.5, "6.2": 2, "6.6": 3,
    },
    { category: "khong-dvc" },
  );

  test("a department with public services is scored item by item: role, halves, ratios, meeting steps, capped counts, best-relative", () => {
    const table = scoreUnits(model("dti-so-nganh-mau"), [stic, justice, council]);
    const u = table.units[0]!;
    // 1: director 10; one half of 5; 3/4 of 5; 3 meetings 15.
    const g1 = 10 + 2.5 + 3.75 + 15;
    const g2 = 10 + 5 + 0;
    const g3 = (10 * 45) / 50 + 10 * 0.95 + 5;
    const g4 = 5 + (10 * 30) / 50 + 10 * 0.8;
    // 7 drills, capped at 5 points.
    const g5 = (10 * 2) / 3 + 5 + 10;
    // Level-4 services 1,219 of 1,860; 910 of 1,860 on the national portal; most open data sets (12 = best).
    const g6 = 10 * 0.9 + 3 + (15 * 1219) / 1860 + (10 * 910) / 1860 + 10 * 0.6 + 10;
    expectPoints(points(u, GROUPS), [g1, g2, g3, g4, g5, g6, g1 + g2 + g3 + g4 + g5 + g6]);
    expect(u.value).toBeCloseTo((g1 + g2 + g3 + g4 + g5 + g6) / 200, PRECISION);
    expect(u.nodes["6.3"]!.value).toBeCloseTo(1219 / 1860, PRECISION);
  });

  test("a deputy as head scores half, no directive at all scores 0, and an item answered N/A is rescaled within its group", () => {
    const table = scoreUnits(model("dti-so-nganh-mau"), [stic, justice, council]);
    const u = table.units[1]!;
    expect(u.nodes["1.1"]!.points).toBeCloseTo(5, PRECISION);
    expect(u.nodes["1.3"]!.points).toBe(0);
    expect(u.nodes["5.2"]!.points).toBeCloseTo(2, PRECISION);
    expect(u.nodes["6.2"]!.points).toBeCloseTo(5, PRECISION);
    expect(u.nodes["6.5"]!.available).toBe(false);
    expect(u.nodes["6.5"]!.reason).toBe("answered-na");
    // Group 6 without 6.5: 35 of the 50 points still available, scaled back to 60.
    const g6 = ((7 + 5 + 15 * (120 / 150) + 10 * (90 / 150) + (10 * 6) / 12) / 50) * 60;
    expect(g6).toBeCloseTo(42, 12);
    expectPoints(points(u, GROUPS), [5 + 5 + 0 + 20, 10 + 0 + 10, 10 + 10 + 0, 0 + 2.5 + 5, 10 + 2 + 0, g6, 131.5]);
  });

  test("a department without public services is not held to the public-service items: its activity group is rescaled to 60", () => {
    const table = scoreUnits(model("dti-so-nganh-mau"), [stic, justice, council]);
    const u = table.units[2]!;
    for (const code of ["6.3", "6.4", "6.5"]) {
      expect(u.nodes[code]!.available).toBe(false);
      expect(u.nodes[code]!.reason).toBe("not-applicable");
    }
    // 6.1 5 + 6.2 2 + 6.6 3/12 of 10 = 9.5 of the 25 applicable points → 0.38 of 60.
    expect(u.nodes["6"]!.value).toBeCloseTo(0.38, PRECISION);
    const g6 = (9.5 / 25) * 60;
    expectPoints(points(u, GROUPS), [0 + 2.5 + 2.5 + 5, 25, 5 + 8 + 5, 5 + 10 + 10, 0 + 0 + 10, g6, 10 + 25 + 18 + 25 + 10 + g6]);
    expect(u.points).toBeCloseTo(110.8, PRECISION);
  });

  test("departments are ranked overall and within their category", () => {
    const table = scoreUnits(model("dti-so-nganh-mau"), [stic, justice, council]);
    expect(table.units.map((u) => u.rank)).toEqual([1, 2, 3]);
    expect(table.units.map((u) => u.rankInCategory)).toEqual([1, 2, 1]);
  });
});

describe("sample district index (400 points, 8 groups)", () => {
  const GROUPS = ["1", "2", "3", "4", "5", "6", "7", "8"];
  const caoLanh = unit("CL", "Huyện Cao Lãnh", {
    "1.1": "Bí thư/Chủ tịch", "1.2.a": true, "1.2.b": true, "1.3.a": 4, "1.3.b": 5, "1.4": 2,
    "2.1": true, "2.2": true, "2.3": false, "2.4": true,
    "3.1.a": 18, "3.1.b": 18, "3.2": 0.62, "3.3.a": 95, "3.3.b": 100,
    "4.1": true, "4.2.a": 120, "4.2.b": 200, "4.3.a": 45, "4.3.b": 90, "4.4": 0.9,
    "5.1.a": 3, "5.1.b": 4, "5.2": 1, "5.3": true,
    "6.1.a": 1219, "6.1.b": 1860, "6.2.a": 910, "6.2.b": 1860, "6.3": 0.35, "6.4": 0.98, "6.5.a": 7000, "6.5.b": 16000, "6.6": 4, "6.7": 25,
    "7.1": 0.7, "7.2": 0.25, "7.3": 8, "7.4": 0.5,
    "8.1": 0.8, "8.2": 0.6, "8.3": 0.45, "8.4": 3,
  });
  const saDec = unit(
    "SD",
    "Thành phố Sa Đéc",
    {
      "1.1": "Phó Bí thư/Phó Chủ tịch", "1.2.a": true, "1.2.b": false, "1.3.a": 2, "1.3.b": 8, "1.4": 5,
      "2.1": true, "2.2": true, "2.3": true, "2.4": true,
      "3.1.a": 9, "3.1.b": 9, "3.2": 0.9, "3.3.a": 60, "3.3.b": 60,
      "4.1": false, "4.2.a": 300, "4.2.b": 300, "4.3.a": 0, "4.3.b": 30, "4.4": 1,
      "5.1.a": 2, "5.1.b": 2, "5.2": 9, "5.3": false,
      "6.1.a": 300, "6.1.b": 400, "6.2.a": 200, "6.2.b": 400, "6.3": 0.5, "6.4": 1, "6.5.a": 1500, "6.5.b": 2000, "6.6": 10, "6.7": 10,
      "7.1": 0.9, "7.2": 0.4, "7.4": 0.8,
      "8.1": 0.9, "8.2": 0.75, "8.3": 0.6, "8.4": 7,
    },
    // A city without OCOP products answers 7.3 "Không áp dụng".
    { notApplicable: ["7.3"] },
  );

  test("a district is scored item by item, 400 points in all", () => {
    const table = scoreUnits(model("dti-huyen-mau"), [caoLanh, saDec]);
    const u = table.units[0]!;
    const g1 = 10 + 10 + (10 * 4) / 5 + 10;
    const g2 = 10 + 10 + 0 + 10;
    const g3 = 10 + 15 * 0.62 + (25 * 95) / 100;
    const g4 = 10 + (10 * 120) / 200 + (10 * 45) / 90 + 10 * 0.9;
    const g5 = (15 * 3) / 4 + 1 + 20;
    const g6 = (20 * 1219) / 1860 + (15 * 910) / 1860 + 15 * 0.35 + 15 * 0.98 + (10 * 7000) / 16000 + 4 + 20;
    // 8 OCOP products online is the best among the districts that answered.
    const g7 = 10 * 0.7 + 10 * 0.25 + 10 + 10 * 0.5;
    // 3 pilot models at 2 points each.
    const g8 = 10 * 0.8 + 10 * 0.6 + 10 * 0.45 + 6;
    const total = g1 + g2 + g3 + g4 + g5 + g6 + g7 + g8;
    expectPoints(points(u, GROUPS), [g1, g2, g3, g4, g5, g6, g7, g8, total]);
    expect(u.value).toBeCloseTo(total / 400, PRECISION);
    expect(table.units.map((x) => x.rank)).toEqual([1, 2]);
  });

  test("a city that answers N/A for OCOP products has its economy group rescaled, and relative items compare with the best district", () => {
    const table = scoreUnits(model("dti-huyen-mau"), [caoLanh, saDec]);
    const u = table.units[1]!;
    expect(u.nodes["7.3"]!.available).toBe(false);
    expect(u.nodes["7.3"]!.reason).toBe("answered-na");
    // 10 open data sets against Cao Lãnh's 25.
    expect(u.nodes["6.7"]!.points).toBeCloseTo((20 * 10) / 25, PRECISION);
    // 7 pilot models would be 14 points: capped at 10.
    expect(u.nodes["8.4"]!.points).toBeCloseTo(10, PRECISION);
    const g7 = ((9 + 4 + 8) / 30) * 40;
    expectPoints(points(u, GROUPS), [5 + 5 + 2.5 + 20, 40, 10 + 13.5 + 25, 0 + 10 + 0 + 10, 15 + 5 + 0, 15 + 7.5 + 7.5 + 15 + 7.5 + 5 + 8, g7, 9 + 7.5 + 6 + 10, 287]);
  });
});

describe("how units write the head of the steering committee", () => {
  test.each([
    ["dti-huyen-mau", "chủ tịch UBND huyện", "Bí thư/Chủ tịch", 1],
    ["dti-huyen-mau", "Bi thu", "Bí thư/Chủ tịch", 1],
    ["dti-huyen-mau", "Phó Chủ tịch", "Phó Bí thư/Phó Chủ tịch", 0.5],
    ["dti-huyen-mau", "PHÓ BÍ THƯ HUYỆN ỦY", "Phó Bí thư/Phó Chủ tịch", 0.5],
    ["dti-huyen-mau", "Không phải lãnh đạo đơn vị", "Chưa có", 0],
    ["dti-so-nganh-mau", "giám đốc sở", "Giám đốc/Thủ trưởng đơn vị", 1],
    ["dti-so-nganh-mau", "Phó Giám đốc", "Phó Giám đốc/Phó Thủ trưởng", 0.5],
    ["dti-so-nganh-mau", "chưa có ban chỉ đạo", "Chưa có", 0],
  ])("%s: “%s” is read as “%s”, worth %d of the points", (id, typed, option, fraction) => {
    const indicator = model(id).nodes.get("1.1");
    if (indicator?.kind !== "indicator" || indicator.rule.kind !== "choice") throw new Error("1.1 is not a choice");
    const matched = matchChoice(typed, indicator.rule.options);
    expect(matched?.value).toBe(option);
    expect(matched?.fraction).toBe(fraction);
  });
});
