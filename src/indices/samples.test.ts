import { parseDefinition } from "../core/definition";
import { csvToSnapshot, matchChoice, readSubmissions } from "../core/read";
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
    // Full-process services 1,219 of 1,860; 910 of 1,860 on the national portal; most open data sets (12 = best).
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

  test("departments are ranked overall and within their category, as the description says in both languages", () => {
    const m = model("dti-so-nganh-mau");
    const table = scoreUnits(m, [stic, justice, council]);
    expect(table.units.map((u) => u.rank)).toEqual([1, 2, 3]);
    expect(table.units.map((u) => u.rankInCategory)).toEqual([1, 2, 1]);
    expect(m.definition.description).toMatchObject({
      vi: expect.stringContaining("không có dịch vụ công được xếp hạng riêng trong loại của mình và đồng thời được xếp hạng chung"),
      en: expect.stringContaining("ranked apart, within their category, and also overall"),
    });
  });

  test("a province that does not rank departments without public services (Hải Dương's practice) excludes their category, as the description says: scored, not ranked", () => {
    const m = model("dti-so-nganh-mau");
    expect(m.definition.description).toMatchObject({
      vi: expect.stringContaining('ghi loại "khong-dvc" vào "ranking.exclude"'),
      en: expect.stringContaining('puts the category "khong-dvc" in "ranking.exclude"'),
    });
    const table = scoreUnits(m, [stic, justice, council], { ranking: { exclude: ["khong-dvc"] } });
    const [, , vp] = table.units;
    expect(vp!.points).toBeCloseTo(110.8, PRECISION);
    expect([vp!.ranked, vp!.rank, vp!.rankInCategory, vp!.notRankedReason]).toEqual([false, null, null, "excluded"]);
    expect(table.units.map((u) => u.rank)).toEqual([1, 2, null]);
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
      // A city with no OCOP product on an e-commerce platform writes 0.
      "7.1": 0.9, "7.2": 0.4, "7.3": 0, "7.4": 0.8,
      "8.1": 0.9, "8.2": 0.75, "8.3": 0.6, "8.4": 7,
    },
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

  test("a city with no OCOP products online scores 0 for them, and relative items compare with the best district", () => {
    const table = scoreUnits(model("dti-huyen-mau"), [caoLanh, saDec]);
    const u = table.units[1]!;
    expect(u.nodes["7.3"]!.available).toBe(true);
    expect(u.nodes["7.3"]!.points).toBe(0);
    // 10 open data sets against Cao Lãnh's 25.
    expect(u.nodes["6.7"]!.points).toBeCloseTo((20 * 10) / 25, PRECISION);
    // 7 pilot models would be 14 points: capped at 10.
    expect(u.nodes["8.4"]!.points).toBeCloseTo(10, PRECISION);
    // The economy group is not rescaled: 9 + 4 + 0 + 8 of its 40 points.
    const g7 = 9 + 4 + 0 + 8;
    expectPoints(points(u, GROUPS), [5 + 5 + 2.5 + 20, 40, 10 + 13.5 + 25, 0 + 10 + 0 + 10, 15 + 5 + 0, 15 + 7.5 + 7.5 + 15 + 7.5 + 5 + 8, g7, 9 + 7.5 + 6 + 10, 280]);
  });

  test("“Không áp dụng” for OCOP products is refused and scores as none, never above a district with one product", () => {
    const csv = [
      "Mã đơn vị,Đơn vị,7.1,7.2,7.3,7.4",
      "A,Huyện A,60%,60%,0,60%",
      "B,Huyện B,60%,60%,Không áp dụng,60%",
      "C,Huyện C,60%,60%,1,60%",
      "D,Huyện D,60%,60%,10,60%",
    ].join("\n");
    const m = model("dti-huyen-mau");
    const read = readSubmissions(m, csvToSnapshot(csv, "na", "na.csv"));
    const refused = read.issues.filter((i) => i.node === "7.3");
    expect(refused.map((i) => [i.severity, i.code, i.unit, i.cell])).toEqual([["error", "not-applicable-not-allowed", "B", "E3"]]);
    expect(refused[0]!.message.vi).toContain("chỉ tiêu 7.3 không cho ghi \"Không áp dụng\"; hãy nhập số liệu");
    const table = scoreUnits(m, read.submissions);
    const byCode = new Map(table.units.map((u) => [u.code, u]));
    expect(byCode.get("B")!.nodes["7.3"]!.points).toBe(0);
    expect(byCode.get("B")!.points).toBe(byCode.get("A")!.points);
    expect(byCode.get("C")!.points).toBeGreaterThan(byCode.get("B")!.points!);
    expect(["D", "C", "A", "B"].map((c) => byCode.get(c)!.rank)).toEqual([1, 2, 3, 3]);
  });

  test("the description of 7.3 tells a district with no OCOP products online to write 0", () => {
    const ocop = model("dti-huyen-mau").nodes.get("7.3");
    if (ocop?.kind !== "indicator") throw new Error("7.3 is not an indicator");
    expect(ocop.def.allowNA).toBe(false);
    expect(ocop.def.description).toMatchObject({
      vi: expect.stringContaining("ghi 0 (0 điểm)"),
      en: expect.stringContaining("writes 0 (0 points)"),
    });
  });
});

describe("how units write the head of the steering committee", () => {
  test.each([
    ["dti-huyen-mau", "chủ tịch UBND huyện", "Bí thư/Chủ tịch", 1],
    ["dti-huyen-mau", "Bi thu", "Bí thư/Chủ tịch", 1],
    ["dti-huyen-mau", "Phó Chủ tịch", "Phó Bí thư/Phó Chủ tịch", 0.5],
    ["dti-huyen-mau", "PHÓ BÍ THƯ HUYỆN ỦY", "Phó Bí thư/Phó Chủ tịch", 0.5],
    ["dti-huyen-mau", "Bí thư Thị ủy", "Bí thư/Chủ tịch", 1],
    ["dti-huyen-mau", "Bí thư Thành uỷ", "Bí thư/Chủ tịch", 1],
    ["dti-huyen-mau", "Chủ tịch UBND thị xã", "Bí thư/Chủ tịch", 1],
    ["dti-huyen-mau", "chủ tịch ubnd thành phố", "Bí thư/Chủ tịch", 1],
    ["dti-huyen-mau", "Chủ tịch Ủy ban nhân dân thành phố", "Bí thư/Chủ tịch", 1],
    ["dti-huyen-mau", "Phó Bí thư Thị ủy", "Phó Bí thư/Phó Chủ tịch", 0.5],
    ["dti-huyen-mau", "Phó Bí thư Thành ủy", "Phó Bí thư/Phó Chủ tịch", 0.5],
    ["dti-huyen-mau", "Phó Chủ tịch UBND thị xã", "Phó Bí thư/Phó Chủ tịch", 0.5],
    ["dti-huyen-mau", "Phó Chủ tịch UBND thành phố", "Phó Bí thư/Phó Chủ tịch", 0.5],
    ["dti-huyen-mau", "Không phải lãnh đạo đơn vị", "Chưa có", 0],
    ["dti-so-nganh-mau", "giám đốc sở", "Giám đốc/Thủ trưởng đơn vị", 1],
    ["dti-so-nganh-mau", "Phó Giám đốc", "Phó Giám đốc/Phó Thủ trưởng", 0.5],
    ["dti-so-nganh-mau", "Chánh Văn phòng", "Giám đốc/Thủ trưởng đơn vị", 1],
    ["dti-so-nganh-mau", "Chánh Thanh tra tỉnh", "Giám đốc/Thủ trưởng đơn vị", 1],
    ["dti-so-nganh-mau", "Phó Chánh Văn phòng", "Phó Giám đốc/Phó Thủ trưởng", 0.5],
    ["dti-so-nganh-mau", "phó chánh thanh tra", "Phó Giám đốc/Phó Thủ trưởng", 0.5],
    ["dti-so-nganh-mau", "chưa có ban chỉ đạo", "Chưa có", 0],
  ])("%s: “%s” is read as “%s”, worth %d of the points", (id, typed, option, fraction) => {
    const indicator = model(id).nodes.get("1.1");
    if (indicator?.kind !== "indicator" || indicator.rule.kind !== "choice") throw new Error("1.1 is not a choice");
    const matched = matchChoice(typed, indicator.rule.options);
    expect(matched?.value).toBe(option);
    expect(matched?.fraction).toBe(fraction);
  });
});

describe("the samples' wording", () => {
  /** Every name of a node or an input of the built-in, in both languages, by code. */
  function names(id: string): [string, string, string][] {
    const m = model(id);
    const of = (code: string, name: unknown): [string, string, string] => {
      const n = name as { vi?: string; en?: string } | string;
      return typeof n === "string" ? [code, n, n] : [code, n.vi ?? "", n.en ?? ""];
    };
    return [...[...m.nodes.values()].map((n) => of(n.code, n.name)), ...[...m.inputs.values()].map((i) => of(i.code, i.name))];
  }

  test.each([
    ["dti-so-nganh-mau", "6.3"],
    ["dti-huyen-mau", "6.1"],
  ])("%s names online public services as Decree 42/2022/NĐ-CP does (toàn trình, một phần), not “mức độ 4”", (id, code) => {
    const all = names(id);
    expect(all.filter(([, vi, en]) => /mức độ \d|level \d/i.test(`${vi} ${en}`))).toEqual([]);
    const byCode = new Map(all.map(([c, vi, en]) => [c, { vi, en }]));
    expect(byCode.get(code)).toEqual({ vi: "Tỷ lệ dịch vụ công trực tuyến toàn trình", en: "Share of full-process online public services" });
    expect(byCode.get(`${code}.a`)).toEqual({ vi: "Số dịch vụ công trực tuyến toàn trình", en: "Full-process online public services" });
    expect(byCode.get(`${code}.b`)!.vi).toBe("Tổng số dịch vụ công trực tuyến (toàn trình và một phần)");
    // The description links the new terms to the former levels, for a province whose decision still uses them.
    const described = model(id).nodes.get(code)!.def.description as { vi: string; en: string };
    expect(described.vi).toContain("Nghị định 42/2022/NĐ-CP");
    expect(described.en).toContain("Decree 42/2022/ND-CP");
  });

  test("the district sample counts commune-level units and hamlets and residential groups, and names the town and city party committees", () => {
    const all = names("dti-huyen-mau");
    expect(all.filter(([, vi]) => /thôn, ấp|Tỷ lệ xã|Số xã/.test(vi))).toEqual([]);
    const byCode = new Map(all.map(([c, vi, en]) => [c, { vi, en }]));
    expect(byCode.get("3.1")!.vi).toBe("Tỷ lệ đơn vị cấp xã có điểm cầu truyền hình trực tuyến");
    expect(byCode.get("3.1.b")!.vi).toBe("Tổng số đơn vị cấp xã (xã, phường, thị trấn)");
    expect(byCode.get("3.3.b")!.vi).toBe("Tổng số thôn, tổ dân phố");
    expect(byCode.get("4.3.b")!.vi).toBe("Tổng số thôn, tổ dân phố");
    expect(byCode.get("2.2")!.vi).toContain("Huyện ủy (Thị ủy, Thành ủy)");
  });
});
