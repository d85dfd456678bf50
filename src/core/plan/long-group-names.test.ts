/**
 * A province's own index names its groups in a hundred characters and more. Their columns of the
 * results table stay narrow: each header says the group's code and the first words of its name,
 * with "…", over six lines at most (the row once took a third of every printed page), the same
 * in the group's value, points and rank columns; the whole name is on the charts sheet (and the
 * forms). Ranked within categories, every printed page repeats the unit's category with its rank,
 * code and name, the name and category narrowed (their long names wrapped) so that the pages still
 * print legibly, and larger where as many pages allow.
 */
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import { BUILTIN_INDICES } from "../../indices";
import { localize } from "../i18n/text";
import type { OwnedSheetPlan, WorkbookSnapshot } from "../types";
import { parseRange } from "./a1";
import { groupPointsHeader, groupRankHeader, groupValueHeader } from "./labels";
import { wrappedLines } from "./layout";
import { planResults } from "./plan";
import { ownedGrid, readAndScore } from "./test-fixtures";
import { LONG_GROUPS, LONG_UNIT, REMOTE, communeDefinition, communes } from "./test-long-names";

function model(definition: unknown): IndexModel {
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return parsed.model;
}

function results(definition: unknown, lang: "vi" | "en" = "vi", snapshot: WorkbookSnapshot = communes()) {
  const m = model(definition);
  const { submissions, issues, table } = readAndScore(snapshot, m);
  const plan = planResults(m, table, issues, submissions, { lang, projectVersion: "1.0.0", now: new Date("2025-06-01T00:00:00Z"), snapshot });
  return { plan, sheet: plan.owned[0]!, issues };
}

function headerOf(sheet: OwnedSheetPlan): string[] {
  return sheet.blocks.find((b) => b.address === "A3")!.values[0] as string[];
}

const width = (sheet: OwnedSheetPlan, i: number) => sheet.columnWidths![i]!.width;

test("a group's long name is cut in its columns' headers, with its code, so that the header row takes six lines at most; the charts name it whole", () => {
  const { plan, sheet, issues } = results(communeDefinition());
  expect(issues.filter((i) => i.severity === "error")).toEqual([]);
  const header = headerOf(sheet);
  LONG_GROUPS.forEach((name, g) => {
    const columns = header.flatMap((h, i) => (h.startsWith(`${g + 1}. `) ? [i] : []));
    // The value, points and rank of the group, each naming it alike: its code, its first words, "…".
    expect(columns).toHaveLength(3);
    const short = header[columns[0]!]!.replace(/ \(giá trị\)$/, "");
    expect(short).toMatch(new RegExp(`^${g + 1}\\. \\S.*…$`));
    expect(name.startsWith(short.slice(`${g + 1}. `.length, -1).replace(/[,:]$/, ""))).toBe(true);
    expect(columns.map((i) => header[i])).toEqual([groupValueHeader(short, "vi"), groupPointsHeader(short, "vi"), groupRankHeader(short, "vi")]);
    for (const i of columns) expect(wrappedLines(header[i]!, width(sheet, i), true)).toBeLessThanOrEqual(6);
  });
  // Six lines of 15 points (the built-in indices' tallest header): not the 258 points of whole names.
  expect(sheet.rowHeights!.find((h) => h.row === 3)!.height).toBeLessThanOrEqual(93);
  // The charts' data name each group whole (the groups' chart's legend).
  const charts = ownedGrid(plan, "Biểu đồ").flat();
  for (const name of LONG_GROUPS) expect(charts).toContain(name);
  // Short names (the English ones) are not cut.
  expect(headerOf(results(communeDefinition(), "en").sheet)).toContain("Group 1 (value)");
});

test("the built-in indices' group headers keep their whole names", () => {
  for (const b of BUILTIN_INDICES) {
    const m = model(b.definition);
    for (const lang of ["vi", "en"] as const) {
      const header = headerOf(results(b.definition, lang, { sheets: [] }).sheet);
      for (const code of m.topCodes) expect([b.id, lang, header]).toEqual([b.id, lang, expect.arrayContaining([groupValueHeader(localize(m.nodes.get(code)!.name, lang), lang)])]);
    }
  }
});

test("ranked within categories, every printed page repeats the category with the unit, the two narrowed (their long names wrapped) so that the pages print at 70% or more, larger where as many pages allow; ranked overall, it does not", () => {
  const { sheet } = results(communeDefinition());
  const header = headerOf(sheet);
  expect(header[3]).toBe("Loại đơn vị");
  expect(header).toContain("Hạng trong loại");
  expect(sheet.print?.repeatColumns).toEqual({ first: "A", last: "D" });
  const scale = sheet.print!.scale!;
  expect(scale).toBeGreaterThanOrEqual(70);
  // Each page, the four repeated columns with it, fits a landscape A4 page (784 points) at a character width of 7 points.
  const widths = sheet.columnWidths!.map((w) => w.width);
  const sum = (from: number, to: number) => widths.slice(from, to).reduce((a, b) => a + b, 0);
  const starts = [5, ...sheet.print!.columnBreaksBefore!.map((c) => parseRange(`${c}1`).left)];
  for (const [p, start] of starts.entries()) {
    const page = sum(0, 4) + sum(start - 1, (starts[p + 1] ?? widths.length + 1) - 1);
    expect([p, (page * 7 * scale) / 100 <= 784]).toEqual([p, true]);
  }
  // The category is narrower than its longest name, which wraps in a row tall enough for it.
  expect(wrappedLines(REMOTE, width(sheet, 3))).toBeGreaterThan(1);
  const rows = sheet.blocks.find((b) => b.address === "A3")!.values;
  const remote = rows.findIndex((r) => r[3] === REMOTE);
  const wrapped = sheet.blocks.find((b) => b.wrap && b.address === `D${3 + remote}`);
  expect(wrapped?.values).toEqual([[REMOTE]]);
  const lines = wrappedLines(REMOTE, width(sheet, 3));
  expect(lines).toBeGreaterThan(1);
  expect(sheet.rowHeights!.find((h) => h.row === 3 + remote)!.height).toBeGreaterThanOrEqual(lines * 15);
  // The unit's name is narrowed too, as far as its longest still takes two lines (as at the name
  // column's usual 50), in a row tall enough for them: as many pages, printed larger than the 70%
  // the repeated columns would leave at their widest.
  expect(width(sheet, 2)).toBeLessThan(50);
  const long = rows.findIndex((r) => r[2] === LONG_UNIT);
  expect([wrappedLines(LONG_UNIT, 50), wrappedLines(LONG_UNIT, width(sheet, 2))]).toEqual([2, 2]);
  expect(sheet.blocks.find((b) => b.wrap && b.address === `C${3 + long}`)?.values).toEqual([[LONG_UNIT]]);
  expect(sheet.rowHeights!.find((h) => h.row === 3 + long)!.height).toBeGreaterThanOrEqual(2 * 15);
  expect(scale).toBeGreaterThan(70);

  // Ranked over all units: the category prints with the first group, on the first page only.
  const overall = results(communeDefinition("all")).sheet;
  expect(headerOf(overall)).not.toContain("Hạng trong loại");
  expect(overall.print?.repeatColumns).toEqual({ first: "A", last: "C" });
  expect(width(overall, 3)).toBeGreaterThan(width(sheet, 3));
});
