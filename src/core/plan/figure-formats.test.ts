/**
 * Figures shown as the ranking compares them when it compares them unrounded (a definition without
 * `ranking.decimals`, or the task pane's "no rounding"): two units ranked apart never show the same
 * figure, on the results sheet, the charts' data, the command line's table and the pane alike.
 */
import { rankingTable } from "../../cli/commands/score";
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import { findBuiltin, BUILTIN_INDICES } from "../../indices";
import { scoreUnits } from "../score";
import { modelOf, unit } from "../score/test-helpers";
import type { CellValue, WorkbookSnapshot } from "../types";
import { planResults } from "./plan";
import { DEFAULT_FORMATS, distinguishingDecimals, figureFormats } from "./results-sheet";
import { readAndScore } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

/** /tmp/audit-def/base.json of the audit: two indicators of 10 points, ranking without decimals. */
const BASE = {
  root: {
    code: "R",
    name: "Root",
    children: [
      { code: "a", name: "A", max: 10, rule: { kind: "points" } },
      { code: "b", name: "B", max: 10, rule: { kind: "fraction" } },
    ],
  },
};

/** A table of units (layout B), one row per unit: code, name, then the inputs in `codes` order. */
function unitsTable(codes: string[], rows: [string, string, ...number[]][]): WorkbookSnapshot {
  return { sheets: [{ name: "Đơn vị", values: [["Mã đơn vị", "Đơn vị", ...codes], ...rows] }] };
}

function resultsOf(model: IndexModel, snapshot: WorkbookSnapshot) {
  const { submissions, issues, table } = readAndScore(snapshot, model);
  const plan = planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1.2.3", now: NOW, snapshot });
  const sheet = plan.owned.find((o) => o.name === "Kết quả")!;
  const block = sheet.blocks.find((b) => b.address === "A3")!;
  return {
    plan,
    table,
    issues,
    header: block.values[0] as string[],
    rows: block.values.slice(1) as CellValue[][],
    formats: (block.numberFormat as string[][]).slice(1),
  };
}

/** A number as Excel shows it in a format of the form "0", "0.0", "0.000". */
function shownAs(value: unknown, format: string): string {
  const decimals = /\.(0+)$/.exec(format)?.[1]?.length ?? 0;
  return (value as number).toFixed(decimals);
}

function builtin(id: string): IndexModel {
  const parsed = parseDefinition(findBuiltin(id)!.definition);
  if (!parsed.ok) throw new Error(`${id} does not parse`);
  return parsed.model;
}

describe("a ranking without decimals", () => {
  test("10.004 and 10.001 points, ranked 1st and 2nd, show 10.004 and 10.001 (not 10.00 twice) on the sheet, in the charts' data and on the command line", () => {
    const model = modelOf(BASE);
    const { plan, table, issues, header, rows, formats } = resultsOf(model, unitsTable(["a", "b"], [["U1", "Một", 5.004, 0.5], ["U2", "Hai", 5.001, 0.5]]));
    expect(issues).toEqual([]);
    const total = header.indexOf("Tổng điểm");
    expect(rows.map((r) => [r[header.indexOf("Hạng")], r[1]])).toEqual([[1, "U1"], [2, "U2"]]);
    expect(formats[0]![total]).toBe("0.000");
    expect(rows.map((r, i) => shownAs(r[total], formats[i]![total]!))).toEqual(["10.004", "10.001"]);
    // The cells keep the full figures.
    expect(rows[0]![total]).toBeCloseTo(10.004, 12);
    // The values are not what the units are ranked on: they keep the usual four decimals.
    expect(formats[0]![header.indexOf("Giá trị")]).toBe("0.0000");
    // The charts' figures show alike.
    const chartBlock = plan.owned.find((o) => o.name === "Biểu đồ")!.blocks.find((b) => b.numberFormat !== undefined)!;
    expect((chartBlock.numberFormat as string[][])[1]![1]).toBe("0.000");
    // The command line prints what the sheet shows.
    const cli = rankingTable(table, model, issues, "vi");
    expect(cli).toMatch(/^\s*1\s+U1\s+Một\s+10,004\s/m);
    expect(cli).toMatch(/^\s*2\s+U2\s+Hai\s+10,001\s/m);
  });

  test("as few decimals as tell the units ranked apart: 5.25 and 5.5 keep two, 5.2504 and 5.2501 take four", () => {
    const model = modelOf({ ...BASE, ranking: { nodes: "none" } });
    const formatsOf = (a: number[]) => figureFormats(model, scoreUnits(model, a.map((x, i) => unit(`U${i}`, { a: x, b: 0 }))));
    expect(formatsOf([5, 5.25, 5.5]).points).toBe("0.00");
    expect(formatsOf([5, 5.2504, 5.2501]).points).toBe("0.0000");
  });

  test("units of the same rank do not ask for more decimals: tied to 10 decimals, or left unranked", () => {
    // 10.00000000001 and 10 tie (compared to 10 decimals); 9 is apart.
    const model = modelOf({ ...BASE, ranking: { nodes: "none", exclude: ["X"] } });
    const table = scoreUnits(model, [unit("U1", { a: 10.00000000001, b: 0 }), unit("U2", { a: 10, b: 0 }), unit("U3", { a: 9, b: 0 }), unit("X", { a: 10.001, b: 0 })]);
    expect(table.units.map((u) => u.rank)).toEqual([1, 1, 3, null]);
    // X (10.001) is not ranked: that it shows 10.00 beside the 10.00 of U1 says no rank.
    expect(figureFormats(model, table)).toEqual(DEFAULT_FORMATS);
  });

  test("a ranked group whose units are ranked apart on its points takes the decimals that tell them apart, and so do all points", () => {
    // Equal totals (10 points each, same rank), but A 5.004 against 5.001: ranked apart on group A.
    const snapshot = unitsTable(["a", "b"], [["U1", "Một", 5.004, 0.4996], ["U2", "Hai", 5.001, 0.4999]]);
    const { header, rows, formats } = resultsOf(modelOf(BASE), snapshot);
    expect(rows.map((r) => r[header.indexOf("Hạng")])).toEqual([1, 1]);
    const a = header.indexOf("A (điểm)");
    expect(a).toBeGreaterThan(0);
    // Tied, the units are listed by name: Hai (U2), then Một (U1).
    expect(rows.map((r, i) => [r[1], shownAs(r[a], formats[i]![a]!)])).toEqual([["U2", "5.001"], ["U1", "5.004"]]);
    expect(formats[0]![header.indexOf("Tổng điểm")]).toBe("0.000");
    // Groups not ranked (nodes "none"): the totals alone decide, and they tie.
    const unranked = resultsOf(modelOf({ ...BASE, ranking: { nodes: "none" } }), snapshot);
    expect(unranked.formats[0]![unranked.header.indexOf("Tổng điểm")]).toBe("0.00");
  });

  test("an index of values ranked apart in the fifth decimal shows five", () => {
    const model = modelOf({ root: { code: "R", name: "Root", aggregate: "mean", children: [{ code: "x", name: "x", rule: { kind: "fraction" } }] } });
    const table = scoreUnits(model, [unit("U1", { x: 0.50004 }), unit("U2", { x: 0.50001 })]);
    expect(figureFormats(model, table)).toEqual({ points: "0.00", value: "0.00000" });
  });
});

describe("distinguishingDecimals", () => {
  test("checks every pair at each number of decimals: 0.049 and 0.05 show apart at one decimal, though alike at two", () => {
    // At 2: 0.05 and 0.05; at 3: 0.049 and 0.050. One decimal (0.0 and 0.1) is not tried from 2 on.
    expect(distinguishingDecimals([0.049, 0.05], 2)).toBe(3);
    expect(distinguishingDecimals([0.049, 0.05], 1)).toBe(1);
    // 0.0045 and 0.005 show apart at two (0.00 and 0.01), though alike at three (0.005 twice): two it is.
    expect(distinguishingDecimals([0.0045, 0.005, 1], 2)).toBe(2);
  });

  test("goes up to the 10 decimals figures are compared on, and no further", () => {
    expect(distinguishingDecimals([1.00000000004, 1.00000000001], 2)).toBe(2);
    expect(distinguishingDecimals([1.0000000004, 1.0000000001], 2)).toBe(10);
    expect(distinguishingDecimals([], 4)).toBe(4);
  });
});

describe("a ranking with decimals (every built-in index) is shown as before", () => {
  test("each built-in index gives its decimals, and shows the figure it ranks on with them and the other figure as before", () => {
    for (const b of BUILTIN_INDICES) {
      const model = builtin(b.id);
      const d = model.definition.ranking.decimals;
      expect(d).toBeDefined();
      const onPoints = model.definition.ranking.on !== "value" && model.root.max !== undefined;
      const table = { ranking: { method: "competition" as const, on: onPoints ? ("points" as const) : ("value" as const), decimals: d!, within: "all" as const, nodes: "top" as const, minCoverage: 0, exclude: [] }, units: [] };
      const f = figureFormats(model, table);
      const expected = d === 0 ? "0" : `0.${"0".repeat(d!)}`;
      expect(onPoints ? f.points : f.value).toBe(expected);
      expect(onPoints ? f.value : f.points).toBe(onPoints ? "0.0000" : "0.00");
    }
  });

  test("two provinces of the provincial DTI 0.0004 points apart on a group still share the one decimal the index ranks on", () => {
    const model = builtin("dti-tinh-922-2022");
    const codes = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
    const half = codes.map(() => 0.5);
    const { header, formats } = resultsOf(model, unitsTable(codes, [["HN", "Hà Nội", ...half], ["HP", "Hải Phòng", 0.50004, ...half.slice(1)]]));
    expect(formats[0]![header.indexOf("Tổng điểm")]).toBe("0.0");
  });
});

test("groups ranked under nodes \"all\" that the results table does not show (below the root's children) do not widen the figures it shows", () => {
  const def = (nodes: string) =>
    modelOf({
      ranking: { nodes },
      root: {
        code: "R",
        name: "R",
        children: [
          {
            code: "1",
            name: "G1",
            children: [
              { code: "1.1", name: "S", children: [{ code: "a", name: "a", max: 10, rule: { kind: "fraction" } }, { code: "b", name: "b", max: 10, rule: { kind: "fraction" } }] },
              { code: "c", name: "c", max: 10, rule: { kind: "fraction" } },
            ],
          },
        ],
      },
    });
  const units = [unit("U1", { a: 0.5, b: 0.5, c: 0.9 }), unit("U2", { a: 0.5000001, b: 0.4999999 + 1e-9, c: 0.5 })];
  const top = def("top");
  const all = def("all");
  const tAll = scoreUnits(all, units);
  // 1.1 is ranked apart (its points differ by 1e-8) but has no column of its own.
  expect(tAll.units.map((u) => u.nodes["1.1"]!.rank)).toEqual([2, 1]);
  expect(figureFormats(all, tAll)).toEqual(figureFormats(top, scoreUnits(top, units)));
  expect(figureFormats(all, tAll).points).toBe("0.00");
});
