/**
 * The charts as a reader sees them: a radar with at least three axes (the level below the top when
 * the top has two groups, none at all when that too is too few, and the write says so), and the
 * groups of an index without points side by side rather than stacked.
 */
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import { findBuiltin } from "../../indices";
import type { ChartKind, ChartPlan, OwnedSheetPlan, WorkbookSnapshot } from "../types";
import { parseRange } from "./a1";
import { categoryAxisLabels, lastChartsArea } from "./charts";
import { CHART_NAMES } from "./labels";
import { planResults } from "./plan";
import { ownedSheetNames } from "./sheet-names";
import { demoModel, demoSnapshot, indexState, ownedGrid, readAndScore } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function builtin(id: string): IndexModel {
  const parsed = parseDefinition(findBuiltin(id)!.definition);
  if (!parsed.ok) throw new Error(`${id} does not parse`);
  return parsed.model;
}

function run(snapshot: WorkbookSnapshot, model: IndexModel, lang: "vi" | "en" = "vi", kinds?: ChartKind[]) {
  const { submissions, issues, table } = readAndScore(snapshot, model);
  expect(issues.filter((i) => i.severity === "error")).toEqual([]);
  // The pane's run: the radar's warnings say how to choose other units in its Charts step.
  return planResults(model, table, issues, submissions, { lang, projectVersion: "1", now: NOW, snapshot, charts: { chooseWith: "pane", ...(kinds ? { kinds } : {}) } });
}

/** The text in a one-column range of the charts sheet's grid. */
function cellsOf(grid: unknown[][], range: string): unknown[] {
  const r = parseRange(range);
  return Array.from({ length: r.bottom - r.top + 1 }, (_, i) => grid[r.top - 1 + i]?.[r.left - 1] ?? null);
}

function chartsOf(plan: ReturnType<typeof run>, sheet = "Biểu đồ"): ChartPlan[] {
  return plan.owned.find((o) => o.name === sheet)!.charts;
}

const PROVINCES: WorkbookSnapshot = {
  sheets: [
    {
      name: "Tỉnh",
      values: [
        ["Mã đơn vị", "Đơn vị", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
        ["HN", "Hà Nội", 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1],
        ["HP", "Hải Phòng", 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
        ["DN", "Đà Nẵng", 0.6, 0.7, 0.8, 0.9, 0.6, 0.7, 0.8, 0.9, 0.6],
      ],
    },
  ],
};

const COUNTRIES: WorkbookSnapshot = {
  sheets: [
    {
      name: "HDI",
      values: [
        ["Mã đơn vị", "Đơn vị", "le", "eys", "mys", "gnipc"],
        ["VN", "Việt Nam", 74.6, 13.1, 8.5, 11000],
        ["TH", "Thái Lan", 79.7, 15.9, 8.8, 17000],
        ["LA", "Lào", 68.1, 10.4, 5.6, 7500],
      ],
    },
  ],
};

describe("the profile radar", () => {
  test('the provincial DTI has two top-level groups: the radar shows its main indices ("chỉ số chính") worth points, named "Chỉ số", and the write claims nothing else', () => {
    const model = builtin("dti-tinh-922-2022");
    expect(model.topCodes).toHaveLength(2);
    const plan = run(PROVINCES, model);
    const charts = chartsOf(plan);
    expect(charts.map((c) => c.name)).toEqual([CHART_NAMES.total, CHART_NAMES.groups, CHART_NAMES.profile]);
    const radar = charts.find((c) => c.name === CHART_NAMES.profile)!;
    expect(radar.title).toBe("So sánh theo chỉ số (giá trị 0–1)");
    // The title earlier versions wrote ("chỉ số thành phần": Decision 922's items under them) is still the project's own, written again.
    expect(radar.ourTitles).toEqual(expect.arrayContaining(["So sánh theo chỉ số thành phần (giá trị 0–1)", "Comparison by component index (values 0–1)"]));
    const grid = ownedGrid(plan, "Biểu đồ");
    expect(cellsOf(grid, radar.categories)).toEqual([
      "Nhận thức số",
      "Thể chế số",
      "Hạ tầng số",
      "Nhân lực số",
      "An toàn thông tin mạng",
      // Not "Đô thị thông minh (không tính điểm)": worth 0 points, it has no value, which a radar draws as 0.
      "Hoạt động chính quyền số",
      "Hoạt động kinh tế số",
      "Hoạt động xã hội số",
    ]);
    // The first three by rank, Đà Nẵng first (745 points): its values 0.6, 0.7, 0.8…
    const first = radar.series[0]!;
    expect(first.name).toBe("Đà Nẵng");
    expect(cellsOf(grid, first.values).slice(0, 3)).toEqual([0.6, 0.7, 0.8]);
    const axisHeader = grid[parseRange(radar.categories).top - 2]![0];
    expect(axisHeader).toBe("Chỉ số");
    expect(plan.warnings ?? []).toEqual([]);
    expect(chartsOf(run(PROVINCES, model, "en"), "Charts").find((c) => c.name === CHART_NAMES.profile)!.title).toBe("Comparison by indicator (values 0–1)");
  });

  test("units without a code are picked for the profile by their names, as the pane names them", () => {
    const model = builtin("dti-tinh-922-2022");
    const uncoded: WorkbookSnapshot = { sheets: [{ ...PROVINCES.sheets[0]!, values: PROVINCES.sheets[0]!.values.map((r, i) => (i === 0 ? r : ["", ...r.slice(1)])) }] };
    const { submissions, issues, table } = readAndScore(uncoded, model);
    expect(table.units.map((u) => u.code)).toEqual(["", "", ""]);
    const plan = planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1", now: NOW, snapshot: uncoded, charts: { profileUnits: ["Hải Phòng", "Hà Nội"] } });
    expect(chartsOf(plan).find((c) => c.name === CHART_NAMES.profile)!.series.map((x) => x.name)).toEqual(["Hải Phòng", "Hà Nội", "Trung bình"]);
    // By default, the first three by rank, each one unit.
    const byRank = run(uncoded, model);
    expect(chartsOf(byRank).find((c) => c.name === CHART_NAMES.profile)!.series.map((x) => x.name)).toEqual(["Đà Nẵng", "Hải Phòng", "Hà Nội", "Trung bình"]);
  });

  /** Provinces with the nine components' values each: a row of equal values ties with another of the same. */
  function provinces(rows: [string, string, number][]): WorkbookSnapshot {
    return { sheets: [{ name: "Tỉnh", values: [PROVINCES.sheets[0]!.values[0]!, ...rows.map(([code, name, v]) => [code, name, ...Array.from({ length: 9 }, () => v)])] }] };
  }
  /** First and second, then two tied for third. */
  const TIED_THIRD: [string, string, number][] = [
    ["HN", "Hà Nội", 0.9],
    ["HP", "Hải Phòng", 0.8],
    ["DN", "Đà Nẵng", 0.6],
    ["CT", "Cần Thơ", 0.6],
  ];
  const profileNames = (plan: ReturnType<typeof run>, sheet = "Biểu đồ") => chartsOf(plan, sheet).find((c) => c.name === CHART_NAMES.profile)!.series.map((x) => x.name);

  test("by default the profile shows every unit tied for third place, not only the first three rows", () => {
    const model = builtin("dti-tinh-922-2022");
    const snapshot = provinces([...TIED_THIRD, ["HUE", "Huế", 0.3]]);
    const { table } = readAndScore(snapshot, model);
    expect(table.units.filter((u) => u.rank === 3).map((u) => u.code).sort()).toEqual(["CT", "DN"]);
    const plan = run(snapshot, model);
    expect(profileNames(plan)).toEqual(["Hà Nội", "Hải Phòng", "Cần Thơ", "Đà Nẵng", "Trung bình"]);
    expect(plan.warnings ?? []).toEqual([]);
  });

  test("ties past five units: the profile keeps five in ranking order and the write names those left out, in both languages; units the user chose are drawn as chosen", () => {
    const model = builtin("dti-tinh-922-2022");
    const snapshot = provinces([...TIED_THIRD, ["HUE", "Huế", 0.6], ["QN", "Quảng Ninh", 0.6], ["LC", "Lào Cai", 0.2]]);
    const vi = run(snapshot, model);
    // Rank 3 four times over, by name: Cần Thơ, Đà Nẵng, Huế, Quảng Ninh.
    expect(profileNames(vi)).toEqual(["Hà Nội", "Hải Phòng", "Cần Thơ", "Đà Nẵng", "Huế", "Trung bình"]);
    const message = {
      vi: "Biểu đồ mạng nhện vẽ tối đa 5 đơn vị, nên chỉ 5 trong 6 đơn vị xếp hạng từ 1 đến 3 (có đồng hạng) được đưa vào, theo thứ tự xếp hạng; đơn vị không có trên biểu đồ: Quảng Ninh (QN), hạng 3. Muốn so sánh đơn vị khác, hãy chọn đơn vị ở bước Biểu đồ.",
      en: "The radar chart shows at most 5 units, so only 5 of the 6 units ranked 1 to 3 (with ties) are in it, in ranking order; the unit left out: Quảng Ninh (QN), rank 3. To compare other units, choose them in the Charts step.",
    };
    expect(vi.warnings).toEqual([message]);
    const en = run(snapshot, model, "en");
    expect(profileNames(en, "Charts")).toEqual(["Hà Nội", "Hải Phòng", "Cần Thơ", "Đà Nẵng", "Huế", "Average"]);
    expect(en.warnings).toEqual([message]);
    // No radar asked for: nothing to say about it.
    expect(run(snapshot, model, "vi", ["barSorted", "stackedBar"]).warnings ?? []).toEqual([]);
    // One first and five tied second: the six taken are ranked 1 to 2.
    const secondTied = provinces([["HN", "Tỉnh HN", 0.8] as [string, string, number], ...["HP", "CT", "DN", "HUE", "QN"].map((code) => [code, `Tỉnh ${code}`, 0.6] as [string, string, number])]);
    expect(run(secondTied, model).warnings).toEqual([
      {
        vi: "Biểu đồ mạng nhện vẽ tối đa 5 đơn vị, nên chỉ 5 trong 6 đơn vị xếp hạng từ 1 đến 2 (có đồng hạng) được đưa vào, theo thứ tự xếp hạng; đơn vị không có trên biểu đồ: Tỉnh QN (QN), hạng 2. Muốn so sánh đơn vị khác, hãy chọn đơn vị ở bước Biểu đồ.",
        en: "The radar chart shows at most 5 units, so only 5 of the 6 units ranked 1 to 2 (with ties) are in it, in ranking order; the unit left out: Tỉnh QN (QN), rank 2. To compare other units, choose them in the Charts step.",
      },
    ]);
    // Seven units all tied first: they are said to be tied at rank 1, not "ranked 1 to 3".
    const allFirst = provinces(["HN", "HP", "CT", "DN", "HUE", "QN", "LC"].map((code) => [code, `Tỉnh ${code}`, 0.7] as [string, string, number]));
    expect(run(allFirst, model).warnings).toEqual([
      {
        vi: "Biểu đồ mạng nhện vẽ tối đa 5 đơn vị, nên chỉ 5 trong 7 đơn vị đồng hạng 1 được đưa vào, theo thứ tự xếp hạng; 2 đơn vị không có trên biểu đồ: Tỉnh LC (LC), hạng 1; Tỉnh QN (QN), hạng 1. Muốn so sánh đơn vị khác, hãy chọn đơn vị ở bước Biểu đồ.",
        en: "The radar chart shows at most 5 units, so only 5 of the 7 units tied at rank 1 are in it, in ranking order; 2 units left out: Tỉnh LC (LC), rank 1; Tỉnh QN (QN), rank 1. To compare other units, choose them in the Charts step.",
      },
    ]);
    // Units the user chose: those, in their order, whatever the ties, and no warning.
    const { submissions, issues, table } = readAndScore(snapshot, model);
    const chosen = planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1", now: NOW, snapshot, charts: { profileUnits: ["QN", "LC"] } });
    expect(profileNames(chosen)).toEqual(["Quảng Ninh", "Lào Cai", "Trung bình"]);
    expect(chosen.warnings ?? []).toEqual([]);
  });

  test("units chosen for the profile that have no value to draw (the HDI's units without full data) are named in the write with why, in both languages", () => {
    const model = builtin("undp-hdi");
    const snapshot: WorkbookSnapshot = {
      sheets: [{ ...COUNTRIES.sheets[0]!, values: [...COUNTRIES.sheets[0]!.values, ["KH", "Campuchia", 70.7, 11.5, 5.1, null]] }],
    };
    const { submissions, issues, table } = readAndScore(snapshot, model);
    expect(table.units.find((u) => u.code === "KH")!.ranked).toBe(false);
    const plan = planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1", now: NOW, snapshot, charts: { profileUnits: ["KH", "VN"], chooseWith: "pane" } });
    expect(profileNames(plan)).toEqual(["Việt Nam", "Trung bình"]);
    expect(plan.warnings).toEqual([
      {
        vi: "Biểu đồ mạng nhện bỏ qua đơn vị đã chọn: Campuchia (KH) — không có giá trị để vẽ (không xếp hạng: tỷ lệ chỉ tiêu có số liệu 75% thấp hơn mức tối thiểu 100%). Muốn so sánh đơn vị khác, hãy chọn đơn vị ở bước Biểu đồ.",
        en: "The radar chart leaves out a chosen unit: Campuchia (KH) — no value to draw (not ranked: data coverage 75% is below the minimum of 100%). To compare other units, choose them in the Charts step.",
      },
    ]);
    // No radar asked for: nothing to say about it.
    const noRadar = planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1", now: NOW, snapshot, charts: { profileUnits: ["KH"], kinds: ["barSorted"] } });
    expect(noRadar.warnings ?? []).toEqual([]);
    // Where the chooser is not known (a program's own run), the warning says nothing of how to choose.
    const bare = planResults(model, table, issues, submissions, { lang: "en", projectVersion: "1", now: NOW, snapshot, charts: { profileUnits: ["KH", "VN", "ZZ"] } });
    expect(bare.warnings).toEqual([
      expect.objectContaining({ en: "The radar chart leaves out a chosen unit: Campuchia (KH) — no value to draw (not ranked: data coverage 75% is below the minimum of 100%)." }),
      expect.objectContaining({ en: 'The radar chart does not draw "ZZ": it is not the code (or name) of any unit scored.' }),
    ]);
  });

  test("an index with three or more top-level groups keeps them as the radar's axes", () => {
    const plan = run(COUNTRIES, builtin("undp-hdi"));
    const radar = chartsOf(plan).find((c) => c.name === CHART_NAMES.profile)!;
    expect(radar.title).toBe("So sánh theo nhóm chỉ số (giá trị 0–1)");
    expect(cellsOf(ownedGrid(plan, "Biểu đồ"), radar.categories)).toEqual(["Sức khỏe", "Giáo dục", "Thu nhập"]);
    expect(ownedGrid(plan, "Biểu đồ")[parseRange(radar.categories).top - 2]![0]).toBe("Nhóm chỉ số");
    // In English "indicator group", as in Vietnamese: a "pillar" (trụ cột) of Decision 922 is another thing.
    const en = run(COUNTRIES, builtin("undp-hdi"), "en");
    const enRadar = chartsOf(en, "Charts").find((c) => c.name === CHART_NAMES.profile)!;
    expect(enRadar.title).toBe("Comparison by indicator group (values 0–1)");
    expect(ownedGrid(en, "Charts")[parseRange(enRadar.categories).top - 2]![0]).toBe("Indicator group");
  });

  test("a top-level group worth 0 points is neither an axis of the radar nor a series of the groups' chart, and too few axes left makes no radar", () => {
    const definition = (groups: string[]) => {
      const parsed = parseDefinition({
        format: "index-definition/1",
        id: "khong-diem",
        version: "1",
        name: "Có nhóm không tính điểm",
        root: {
          code: "T",
          name: "Tổng",
          children: [
            ...groups.map((g) => ({ code: g, name: `Nhóm ${g}`, children: [{ code: `${g}1`, name: `Chỉ tiêu ${g}1`, max: 50, rule: { kind: "fraction" } }] })),
            { code: "Z", name: "Nhóm Z (không tính điểm)", children: [{ code: "Z1", name: "Chỉ tiêu Z1", max: 0, rule: { kind: "fraction" } }] },
          ],
        },
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      return parsed.model;
    };
    const model = definition(["A", "B", "C"]);
    expect(model.nodes.get("Z")!.max).toBe(0);
    const snapshot: WorkbookSnapshot = {
      sheets: [{ name: "Bảng", values: [["Mã đơn vị", "Đơn vị", "A1", "B1", "C1", "Z1"], ["X", "Xã X", 0.5, 0.4, 0.3, 1], ["Y", "Xã Y", 0.9, 0.1, 0.2, 1]] }],
    };
    const plan = run(snapshot, model);
    const grid = ownedGrid(plan, "Biểu đồ");
    const radar = chartsOf(plan).find((c) => c.name === CHART_NAMES.profile)!;
    expect(cellsOf(grid, radar.categories)).toEqual(["Nhóm A", "Nhóm B", "Nhóm C"]);
    const groups = chartsOf(plan).find((c) => c.name === CHART_NAMES.groups)!;
    expect(groups.series.map((x) => x.name)).toEqual(["Nhóm A", "Nhóm B", "Nhóm C"]);
    expect(plan.warnings ?? []).toEqual([]);
    // Two groups worth points and one worth none: two axes, no radar, and the write counts the two.
    const two = definition(["A", "B"]);
    const twoSnapshot: WorkbookSnapshot = { sheets: [{ name: "Bảng", values: [["Mã đơn vị", "Đơn vị", "A1", "B1", "Z1"], ["X", "Xã X", 0.5, 0.4, 1], ["Y", "Xã Y", 0.9, 0.1, 1]] }] };
    const twoPlan = run(twoSnapshot, two);
    expect(chartsOf(twoPlan).map((c) => c.name)).toEqual([CHART_NAMES.total, CHART_NAMES.groups]);
    expect(twoPlan.warnings).toEqual([
      {
        vi: "Không tạo biểu đồ mạng nhện so sánh theo nhóm chỉ số: bộ chỉ số có 2 nhóm ở cấp cao nhất (ngoài 1 nhóm không tính điểm), trong các nhóm đó có 2 chỉ tiêu; biểu đồ mạng nhện cần ít nhất 3 ở một cấp.",
        en: "The radar chart comparing indicator groups was not made: the index has 2 groups at its top level (besides 1 group worth no points), and 2 indicators in those groups; a radar chart needs at least 3 at one of these levels.",
      },
    ]);
  });

  test("an index of two indicators makes no radar, and the write says why in both languages, calling them indicators", () => {
    const parsed = parseDefinition({
      format: "index-definition/1",
      id: "hai-chi-tieu",
      version: "1",
      name: "Hai chỉ tiêu",
      root: {
        code: "T",
        name: "Tổng",
        children: [
          { code: "A", name: "Chỉ tiêu A", max: 50, rule: { kind: "fraction" } },
          { code: "B", name: "Chỉ tiêu B", max: 50, rule: { kind: "fraction" } },
        ],
      },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const snapshot: WorkbookSnapshot = { sheets: [{ name: "Bảng", values: [["Mã đơn vị", "Đơn vị", "A", "B"], ["X", "Xã X", 0.5, 0.4], ["Y", "Xã Y", 0.9, 0.1]] }] };
    const plan = run(snapshot, parsed.model);
    expect(chartsOf(plan).map((c) => c.name)).toEqual([CHART_NAMES.total, CHART_NAMES.groups]);
    expect(plan.warnings).toEqual([
      {
        vi: "Không tạo biểu đồ mạng nhện so sánh theo nhóm chỉ số: bộ chỉ số không có nhóm nào, chỉ có 2 chỉ tiêu ở cấp cao nhất, biểu đồ mạng nhện cần ít nhất 3.",
        en: "The radar chart comparing indicator groups was not made: the index has no groups, only 2 indicators at its top level, and a radar chart needs at least 3.",
      },
    ]);
    // No radar asked for: nothing to say.
    expect(run(snapshot, parsed.model, "vi", ["barSorted", "stackedBar"]).warnings ?? []).toEqual([]);
  });

  test("a group and an indicator at the top make no radar, and the write counts each as what it is, at each level", () => {
    const parsed = parseDefinition({
      format: "index-definition/1",
      id: "nhom-va-chi-tieu",
      version: "1",
      name: "Một nhóm và một chỉ tiêu",
      root: {
        code: "T",
        name: "Tổng",
        children: [
          { code: "G", name: "Nhóm G", children: [{ code: "G1", name: "Chỉ tiêu G1", max: 50, rule: { kind: "fraction" } }] },
          { code: "B", name: "Chỉ tiêu B", max: 50, rule: { kind: "fraction" } },
        ],
      },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const snapshot: WorkbookSnapshot = { sheets: [{ name: "Bảng", values: [["Mã đơn vị", "Đơn vị", "G1", "B"], ["X", "Xã X", 0.5, 0.4], ["Y", "Xã Y", 0.9, 0.1]] }] };
    const plan = run(snapshot, parsed.model);
    expect(chartsOf(plan).map((c) => c.name)).toEqual([CHART_NAMES.total, CHART_NAMES.groups]);
    expect(plan.warnings).toEqual([
      {
        vi: "Không tạo biểu đồ mạng nhện so sánh theo nhóm chỉ số: bộ chỉ số có 1 nhóm và 1 chỉ tiêu ở cấp cao nhất, trong nhóm đó có 1 chỉ tiêu (2 ở cấp dưới, tính cả 1 chỉ tiêu ở cấp cao nhất); biểu đồ mạng nhện cần ít nhất 3 ở một cấp.",
        en: "The radar chart comparing indicator groups was not made: the index has 1 group and 1 indicator at its top level, and 1 indicator in that group (2 one level down, with 1 indicator of the top level); a radar chart needs at least 3 at one of these levels.",
      },
    ]);
  });
});

describe("the groups chart", () => {
  test("an index without points (the HDI) shows its group values side by side on a 0–1 axis, not stacked", () => {
    const plan = run(COUNTRIES, builtin("undp-hdi"));
    const groups = chartsOf(plan).find((c) => c.name === CHART_NAMES.groups)!;
    // The hosts draw "barSorted" as clustered bars, one series per group.
    expect(groups.kind).toBe("barSorted");
    // Titled with the units as the index calls them, as the axis under it is.
    expect(groups.title).toBe("Giá trị từng nhóm chỉ số theo quốc gia (0–1)");
    expect(groups.xAxisTitle).toBe("Quốc gia");
    // As earlier versions titled it: still the project's own, written again.
    expect(groups.ourTitles).toContain("Giá trị từng nhóm chỉ số theo đơn vị (0–1)");
    expect(groups.series.map((s) => s.name)).toEqual(["Sức khỏe", "Giáo dục", "Thu nhập"]);
    expect(groups.valueAxisMax).toBe(1);
    const grid = ownedGrid(plan, "Biểu đồ");
    for (const s of groups.series) for (const v of cellsOf(grid, s.values)) expect(v as number).toBeLessThanOrEqual(1);
    expect(chartsOf(run(COUNTRIES, builtin("undp-hdi"), "en"), "Charts").find((c) => c.name === CHART_NAMES.groups)!.title).toBe("Indicator group values by country (0–1)");
    // Chosen as the groups chart: asking for "stackedBar" alone makes it, and only it.
    expect(chartsOf(run(COUNTRIES, builtin("undp-hdi"), "vi", ["stackedBar"])).map((c) => c.name)).toEqual([CHART_NAMES.groups]);
    expect(chartsOf(run(COUNTRIES, builtin("undp-hdi"), "vi", ["barSorted"])).map((c) => c.name)).toEqual([CHART_NAMES.total]);
  });

  test("an index with points still stacks its groups' points up to the total", () => {
    const groups = chartsOf(run(PROVINCES, builtin("dti-tinh-922-2022"))).find((c) => c.name === CHART_NAMES.groups)!;
    expect(groups.kind).toBe("stackedBar");
    expect(groups.title).toBe("Điểm theo nhóm chỉ số");
    expect(groups.valueAxisMax).toBe(1000);
  });
});

/** `count` provinces on the provincial DTI, each with its own fractions, named as the auditor's test data. */
function manyProvinces(count: number): WorkbookSnapshot {
  const header = ["Mã đơn vị", "Đơn vị", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
  const rows = Array.from({ length: count }, (_, i) => [
    `T${String(i + 1).padStart(3, "0")}`,
    `Tỉnh số ${i + 1} (tên thử)`,
    ...Array.from({ length: 9 }, (_, j) => ((i * 7 + j * 13) % 97) / 100),
  ]);
  return { sheets: [{ name: "Tỉnh", values: [header, ...rows] }] };
}

/**
 * The printed pages of the charts sheet, as a reader makes them: A4 of the sheet's orientation
 * inside the hosts' margins, the sheet fitted to the page's width (Excel's column unit is 5.25
 * points; never enlarged), rows of 15 points, a new page at each manual break and wherever a page
 * is full. Each page as its first and last row.
 */
function printedPages(sheet: OwnedSheetPlan, lastRow: number): { first: number; last: number }[] {
  const landscape = sheet.print!.orientation === "landscape";
  const page = landscape ? { width: 841.9 - 57.6, height: 595.3 - 72 } : { width: 595.3 - 57.6, height: 841.9 - 72 };
  const width = (sheet.columnWidths ?? []).reduce((sum, w) => sum + w.width, 0) * 5.25;
  const scale = Math.min(1, page.width / width);
  const rowsPerPage = Math.floor(page.height / scale / 15);
  const starts = [1, ...(sheet.print!.pageBreaksBefore ?? []), lastRow + 1];
  const pages: { first: number; last: number }[] = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    for (let first = starts[i]!; first < starts[i + 1]!; first += rowsPerPage) pages.push({ first, last: Math.min(first + rowsPerPage, starts[i + 1]!) - 1 });
  }
  return pages;
}

describe("each chart prints whole on a page of its own", () => {
  test.each([
    [20, "landscape", 1, 9],
    [63, "portrait", 1, 7],
  ] as const)("%i provinces: the sheet prints %s, each chart on one page, every unit's bar drawn and one in %i named on the axis at %d points or more", (count, orientation, skip, size) => {
    const plan = run(manyProvinces(count), builtin("dti-tinh-922-2022"));
    const sheet = plan.owned.find((o) => o.name === "Biểu đồ")!;
    expect(sheet.print).toMatchObject({ orientation, fitToWidth: true });
    const charts = sheet.charts;
    expect(charts.map((c) => c.name)).toEqual([CHART_NAMES.total, CHART_NAMES.groups, CHART_NAMES.profile]);
    const grid = ownedGrid(plan, "Biểu đồ");
    const pages = printedPages(sheet, grid.length);
    const pageOf = (row: number) => pages.findIndex((p) => p.first <= row && row <= p.last);
    const boxes = charts.map((c) => parseRange(`${c.from}:${c.to}`));
    for (const b of boxes) {
      // Top and bottom on the same page, with an empty row between the frame and the page's edge
      // (but at the top of the sheet).
      expect(pageOf(b.top)).toBe(pageOf(b.bottom));
      const page = pages[pageOf(b.top)]!;
      expect(b.top === 1 || page.first < b.top).toBe(true);
      expect(page.last).toBeGreaterThan(b.bottom);
    }
    // Each on a page of its own, the data on the pages after them.
    expect(new Set(boxes.map((b) => pageOf(b.top))).size).toBe(3);
    // The data's units headed as the index calls a unit, as the results sheet's are.
    const dataTop = grid.findIndex((r) => r[0] === "Tỉnh") + 1;
    expect(dataTop).toBeGreaterThan(0);
    expect(pageOf(dataTop)).toBeGreaterThan(Math.max(...boxes.map((b) => pageOf(b.bottom))));
    // The bar charts show every province, named on the axis at this size or larger (the groups'
    // chart has a legend under it, and a little less room), every `skip`-th from rank 1.
    for (const chart of charts.slice(0, 2)) {
      expect(cellsOf(grid, chart.categories)).toHaveLength(count);
      const names = categoryAxisLabels(chart)!;
      expect(names.skip).toBe(skip);
      expect(names.size).toBeGreaterThanOrEqual(size);
    }
    expect(categoryAxisLabels(charts[2]!)).toBeUndefined();
  });

  test("the names on a bar chart's axis are never larger than the reader's usual 9 points nor smaller than 6, and are the larger the fewer the units", () => {
    const sizes = [5, 30, 40, 63, 100, 204, 400].map((count) => {
      const chart = chartsOf(run(manyProvinces(count), builtin("dti-tinh-922-2022")))[0]!;
      const rows = parseRange(`${chart.from}:${chart.to}`);
      return { count, rows: rows.bottom - rows.top + 1, ...categoryAxisLabels(chart)! };
    });
    for (const s of sizes) {
      expect(s.size).toBeGreaterThanOrEqual(6);
      expect(s.size).toBeLessThanOrEqual(9);
      // The named units' share of the chart's height holds a line of that size.
      expect(((s.rows * 15 - 80) / s.count) * s.skip).toBeGreaterThanOrEqual(s.size * 1.2);
    }
    // Past a page's worth, the chart grows instead of its names shrinking: each named at 8 points or more.
    for (const s of sizes.filter((x) => x.count >= 100)) expect(s).toMatchObject({ skip: 1, size: expect.any(Number) as number });
    for (const s of sizes.filter((x) => x.count >= 100)) expect(s.size).toBeGreaterThanOrEqual(8);
  });

  test("204 countries (the HDI): the total's chart names every one over several pages; the groups' chart shows the first and last 20 on a page, its title saying so; the sheet prints the charts, not the data under its heading", () => {
    const header = ["Mã đơn vị", "Đơn vị", "le", "eys", "mys", "gnipc"];
    const rows = Array.from({ length: 204 }, (_, i) => [`C${i + 1}`, `Quốc gia ${i + 1}`, 50 + (i % 35), 8 + (i % 10), 3 + (i % 12), 1000 + i * 300]);
    const plan = run({ sheets: [{ name: "HDI", values: [header, ...rows] }] }, builtin("undp-hdi"));
    const sheet = plan.owned.find((o) => o.name === "Biểu đồ")!;
    const [total, groups] = sheet.charts;
    const grid = ownedGrid(plan, "Biểu đồ");
    expect(cellsOf(grid, total!.categories)).toHaveLength(204);
    expect(categoryAxisLabels(total!)).toEqual({ size: 9, skip: 1 });
    const totalBox = parseRange(`${total!.from}:${total!.to}`);
    expect(totalBox.bottom - totalBox.top + 1).toBeGreaterThan(2 * 50);
    const names = cellsOf(grid, groups!.categories);
    expect(names).toHaveLength(41);
    expect(names[20]).toBe("… 164 quốc gia ở giữa …");
    expect(groups!.title).toBe("Giá trị từng nhóm chỉ số theo quốc gia (0–1): 20 đứng đầu và 20 đứng cuối trong 204 quốc gia");
    expect(categoryAxisLabels(groups!)!.skip).toBe(1);
    // The data's heading, under the charts and outside the print area.
    const headingRow = grid.findIndex((r) => String(r[0] ?? "").startsWith("Số liệu của các biểu đồ")) + 1;
    const lastChartRow = Math.max(...sheet.charts.map((c) => parseRange(`${c.from}:${c.to}`).bottom));
    expect(headingRow).toBeGreaterThan(lastChartRow);
    expect(parseRange(sheet.print!.printArea!).bottom).toBe(lastChartRow + 1);
    expect(parseRange(sheet.print!.printArea!).bottom).toBeLessThan(headingRow);
  });
});

test("a unit's name longer than Excel takes for a series' name (255 characters) names the profile's series cut, with an ellipsis; the data keeps it whole", () => {
  const long = `Hà Nội ${"và vùng phụ cận ".repeat(20)}`.trim();
  const snapshot: WorkbookSnapshot = { sheets: [{ ...PROVINCES.sheets[0]!, values: PROVINCES.sheets[0]!.values.map((r, i) => (i === 1 ? [r[0]!, long, ...r.slice(2)] : r)) }] };
  const plan = run(snapshot, builtin("dti-tinh-922-2022"));
  const radar = chartsOf(plan).find((c) => c.name === CHART_NAMES.profile)!;
  const names = radar.series.map((s) => s.name);
  expect(names.every((n) => [...n].length <= 255)).toBe(true);
  expect(names).toContain(`${[...long].slice(0, 254).join("")}…`);
  expect(ownedGrid(plan, "Biểu đồ").flat()).toContain(long);
});

describe("each series is named by the cell of the charts' data that holds its name", () => {
  const named = (plan: ReturnType<typeof run>) => {
    const grid = ownedGrid(plan, "Biểu đồ");
    return chartsOf(plan).flatMap((c) => c.series.map((s) => ({ chart: c.name, s, cell: s.nameCell === undefined ? undefined : cellsOf(grid, s.nameCell)[0] })));
  };

  test("the total's, every group's (also when the groups' chart shows the first and last units only) and the profile's, the header over its values", () => {
    for (const { s, cell } of named(run(PROVINCES, builtin("dti-tinh-922-2022")))) {
      expect(s.nameCell).toBeDefined();
      expect(cell).toBe(s.name);
      // The header right over the series' values.
      const head = parseRange(s.nameCell!);
      const values = parseRange(s.values);
      expect([head.left, head.top]).toEqual([values.left, values.top - 1]);
    }
    const header = ["Mã đơn vị", "Đơn vị", "le", "eys", "mys", "gnipc"];
    const rows = Array.from({ length: 204 }, (_, i) => [`C${i + 1}`, `Quốc gia ${i + 1}`, 50 + (i % 35), 8 + (i % 10), 3 + (i % 12), 1000 + i * 300]);
    const hdi = named(run({ sheets: [{ name: "HDI", values: [header, ...rows] }] }, builtin("undp-hdi")));
    expect(hdi.filter((x) => x.chart === CHART_NAMES.groups).length).toBeGreaterThan(1);
    for (const { s, cell } of hdi) expect(cell).toBe(s.name);
  });

  test("a name cut for the series (a unit's name over 255 characters) has no such cell and stays written as text", () => {
    const long = `Hà Nội ${"và vùng phụ cận ".repeat(20)}`.trim();
    const snapshot: WorkbookSnapshot = { sheets: [{ ...PROVINCES.sheets[0]!, values: PROVINCES.sheets[0]!.values.map((r, i) => (i === 1 ? [r[0]!, long, ...r.slice(2)] : r)) }] };
    const series = named(run(snapshot, builtin("dti-tinh-922-2022")));
    const cut = series.find((x) => x.s.name.endsWith("…"))!;
    expect(cut.s.nameCell).toBeUndefined();
    for (const { s, cell } of series.filter((x) => x !== cut)) expect(cell).toBe(s.name);
  });
});

describe("the units as the index calls them", () => {
  test("the provincial DTI's charts name its units \"Tỉnh\", as its results sheet does: the data's header, the axis and the titles; an index without a name for them says \"đơn vị\"", () => {
    const plan = run(PROVINCES, builtin("dti-tinh-922-2022"));
    const [total, groups] = chartsOf(plan);
    expect(total!.title).toBe("Tổng điểm theo tỉnh");
    expect(total!.xAxisTitle).toBe("Tỉnh");
    expect(groups!.title).toBe("Điểm theo nhóm chỉ số");
    const grid = ownedGrid(plan, "Biểu đồ");
    expect(grid[parseRange(total!.categories).top - 2]!.slice(0, 2)).toEqual(["Tỉnh", "Tổng điểm"]);
    expect(ownedGrid(plan, "Kết quả")[2]![2]).toBe("Tỉnh");
    // The titles as earlier versions wrote them are still the project's own, written again.
    expect(total!.ourTitles).toEqual(expect.arrayContaining(["Tổng điểm theo tỉnh", "Total points by province", "Tổng điểm theo đơn vị", "Total points by unit"]));
    expect(chartsOf(run(PROVINCES, builtin("dti-tinh-922-2022"), "en"), "Charts")[0]!.title).toBe("Total points by province");
    // The demo index has no unitLabel.
    const demo = demoModel();
    const { submissions, issues, table } = readAndScore(demoSnapshot(), demo);
    const plain = chartsOf(planResults(demo, table, issues, submissions, { lang: "vi", projectVersion: "1", now: NOW }))[0]!;
    expect([plain.title, plain.xAxisTitle]).toEqual(["Tổng điểm theo đơn vị", "Đơn vị"]);
  });

  test("a later run finds the charts' data by its headers, as this version writes them (\"Tỉnh\", \"Chỉ số\") and as earlier versions did (\"Đơn vị\", \"Chỉ số thành phần\"); a renamed charts sheet is still the project's", () => {
    const plan = run(PROVINCES, builtin("dti-tinh-922-2022"));
    const grid = ownedGrid(plan, "Biểu đồ");
    const recorded = indexState(plan).owned.cells.find((c) => c.sheet === "Biểu đồ" && c.role === "chartData")!.ranges.map(parseRange);
    // As an earlier version's _index, which records no chartData: the data is found on the sheet by its headers.
    const previous = indexState(plan);
    previous.owned.cells = previous.owned.cells.filter((c) => c.role !== "chartData");
    const earlier = grid.map((r) => r.map((v) => (v === "Tỉnh" ? "Đơn vị" : v === "Chỉ số" ? "Chỉ số thành phần" : v)));
    expect(earlier.flat()).toContain("Chỉ số thành phần");
    for (const values of [grid, earlier]) {
      expect(lastChartsArea({ name: "Biểu đồ", values }, previous, new Map(), "Biểu đồ")).toEqual(recorded);
      // Renamed by the user: found by what the project wrote there.
      const snapshot: WorkbookSnapshot = { sheets: [...PROVINCES.sheets, { name: "Kết quả", values: ownedGrid(plan, "Kết quả") }, { name: "Biểu đồ 2025", values }] };
      expect(ownedSheetNames("vi", indexState(plan), snapshot, ["Tỉnh"]).charts).toBe("Biểu đồ 2025");
    }
  });
});

describe("units of the same name", () => {
  // Two communes called "Xã Tân Lập", in two districts: two codes, the same figures. "XÃ HÒA BÌNH"
  // and "Xã Hoà Bình" (the tone mark on the a) read as the same name as "Xã Hòa Bình".
  const SAME_NAMES: WorkbookSnapshot = {
    sheets: [
      {
        name: "Tỉnh",
        values: [
          ["Mã đơn vị", "Đơn vị", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
          ["TL2", "Xã Tân Lập", 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
          ["HB2", "XÃ HÒA BÌNH", 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2],
          ["HB3", "Xã Hoà Bình", 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1],
          ["TL1", "Xã Tân Lập", 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
          ["AB", "Xã An Bình", 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
          ["HB1", "Xã Hòa Bình", 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9],
        ],
      },
    ],
  };

  test("are told apart on every chart by their codes, in rank order as before (ties by name in Vietnamese collation, then code); the others keep their names", () => {
    const plan = run(SAME_NAMES, builtin("dti-tinh-922-2022"));
    const grid = ownedGrid(plan, "Biểu đồ");
    const charts = chartsOf(plan);
    const total = charts.find((c) => c.name === CHART_NAMES.total)!;
    const groups = charts.find((c) => c.name === CHART_NAMES.groups)!;
    const ranked = ["Xã Hòa Bình (HB1)", "Xã An Bình", "Xã Tân Lập (TL1)", "Xã Tân Lập (TL2)", "XÃ HÒA BÌNH (HB2)", "Xã Hoà Bình (HB3)"].map((n) => n.normalize("NFC"));
    expect(cellsOf(grid, total.categories)).toEqual(ranked);
    expect(cellsOf(grid, groups.categories)).toEqual(ranked);
    // The profile's series, one a unit drawn (the first and those tied for the places after it), then the average.
    const radar = charts.find((c) => c.name === CHART_NAMES.profile)!;
    expect(radar.series.map((s) => s.name)).toEqual([...ranked.slice(0, 4), "Trung bình"]);
  });

  test("a unit whose name no other unit has keeps its name alone", () => {
    const plan = run(PROVINCES, builtin("dti-tinh-922-2022"));
    const total = chartsOf(plan).find((c) => c.name === CHART_NAMES.total)!;
    expect(cellsOf(ownedGrid(plan, "Biểu đồ"), total.categories)).toEqual(["Đà Nẵng", "Hải Phòng", "Hà Nội"].map((n) => n.normalize("NFC")));
  });
});
