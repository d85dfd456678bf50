/**
 * What the figures shown say, on real .xlsx files written and read back where a reader looks:
 * units ranked apart never show the same figure (the one ranked on, nor the other), a group's
 * figures follow what its rank compares, points that do not add up as shown say why (once, in
 * place, run after run), a coverage short of all never reads 100%, the charts compare the units
 * the index ranks, and a unit without a single figure is said to have none.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { rankingTable } from "../../cli/commands/score";
import { runCli } from "../../cli/test-run";
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import { findBuiltin } from "../../indices";
import { runScoring } from "../pipeline";
import { XlsxHost } from "../../hosts/xlsx/host";
import { parseCsv } from "../read/csv";
import { roundHalfUp } from "../score/round";
import { localize } from "../i18n/text";
import type { CellValue, ChartKind, PlanValue, WorkbookSnapshot } from "../types";
import { CHART_NAMES, ROUNDING_NOTE, coverageDecimals, notRankedText } from "./labels";
import { countIssuesByUnit, planResults } from "./plan";
import { resultsNote } from "./results-sheet";
import { comparedUnit, figureFormats } from "./figures";
import { DEMO_UNITS, demoModel, demoSnapshot, indexState, layoutAGrid, ownedGrid, readAndScore } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function modelOf(definition: unknown): IndexModel {
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error("the definition does not parse");
  return parsed.model;
}

/** A definition of two groups of one `points` indicator each (`a1` of `maxA`, `b1` of `maxB`), ranked as `ranking` says. */
function twoGroups(id: string, ranking: object, maxA: number, maxB: number) {
  return {
    format: "index-definition/1",
    id,
    version: "1",
    name: { vi: "Thử", en: "Probe" },
    ranking: { method: "competition", nodes: "top", ...ranking },
    root: {
      code: "T",
      name: "Tổng",
      children: [
        { code: "A", name: "Nhóm A", children: [{ code: "a1", name: "a1", max: maxA, rule: { kind: "points" } }] },
        { code: "B", name: "Nhóm B", children: [{ code: "b1", name: "b1", max: maxB, rule: { kind: "points" } }] },
      ],
    },
  };
}

/** A form (layout A) of the two-group index `id`: groups A and B, their indicators a1 and b1. */
function form(id: string, code: string, name: string, a1: number, b1: number): PlanValue[][] {
  return [
    ["Đơn vị", name],
    ["Mã đơn vị", code],
    ["Bộ chỉ số", `${id}@1`],
    [],
    ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Minh chứng", "Ghi chú"],
    ["A", "Nhóm A", null, null, null, null],
    ["a1", "a1", null, a1, null, null],
    ["B", "Nhóm B", null, null, null, null],
    ["b1", "b1", null, b1, null, null],
  ];
}

/** A workbook of sheets (name → grid), as a user saves it. */
async function workbook(sheets: Record<string, PlanValue[][]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, grid] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    grid.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)));
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** `file` scored by the xlsx host (with `definition`, or the one `_index` keeps): the file written and the run. */
async function score(file: Uint8Array, definition?: unknown, lang: "vi" | "en" = "vi") {
  const host = await XlsxHost.fromBuffer(file, "so-lieu.xlsx");
  // The charts of two groups: no radar, and no warning that there is none.
  const charts = { kinds: ["barSorted", "stackedBar"] as ChartKind[] };
  const result = await runScoring(host, { ...(definition ? { definition } : {}), lang, projectVersion: "1.2.3", now: NOW, charts });
  return { out: await host.toBuffer(), result, warnings: host.lastApply?.warnings ?? [] };
}

async function open(file: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
}

/** A number cell as Excel shows it in its format ("0.000", "0.0%"), decimal point and half away from zero. */
function shown(cell: ExcelJS.Cell): string {
  const format = cell.numFmt ?? "General";
  const v = cell.value as number;
  const decimals = /\.(0+)/.exec(format)?.[1]?.length ?? 0;
  if (format.endsWith("%")) return `${roundHalfUp(v * 100, decimals).toFixed(decimals)}%`;
  return roundHalfUp(v, decimals).toFixed(decimals);
}

/** The results table of a written workbook: its header and each row's cells, by header. */
function resultsRows(wb: ExcelJS.Workbook, sheet = "Kết quả"): { get: (row: number, header: string) => ExcelJS.Cell; rows: number[] } {
  const ws = wb.getWorksheet(sheet)!;
  const header = (ws.getRow(3).values as CellValue[]).map((v) => (typeof v === "string" ? v : ""));
  const rows: number[] = [];
  for (let r = 4; typeof ws.getRow(r).getCell(2).value === "string"; r++) rows.push(r);
  return {
    rows,
    get: (row, h) => {
      const column = header.indexOf(h);
      if (column < 1) throw new Error(`no column ${h}`);
      return ws.getRow(row).getCell(column);
    },
  };
}

/** Every cell of the workbook that holds `text`, as "Sheet!A1" (a merged range's first cell only). */
function cellsHolding(wb: ExcelJS.Workbook, text: string): string[] {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.value === text && (!c.isMerged || c.master === c)) out.push(`${ws.name}!${c.address}`);
      }),
    );
  }
  return out;
}

/** The summary right of a form's header block: the cell right of each label. */
function summaryOf(ws: ExcelJS.Worksheet): Record<string, ExcelJS.Cell> {
  const out: Record<string, ExcelJS.Cell> = {};
  for (let r = 1; r <= 4; r++) {
    ws.getRow(r).eachCell((c) => {
      if (c.value === "Tổng điểm" || c.value === "Hạng") out[c.value] = ws.getCell(r, Number(c.col) + 1);
    });
  }
  return out;
}

describe("units ranked apart never show the same figure", () => {
  test("ranked on values to 3 decimals: the total points of units ranked apart show apart, on the results sheet, the forms' summaries and the command line", async () => {
    const definition = twoGroups("probe2", { on: "value", decimals: 3 }, 60, 40);
    const file = await workbook({
      U1: form("probe2", "U1", "Một", 45.05, 40),
      U2: form("probe2", "U2", "Hai", 45.14, 40),
      U3: form("probe2", "U3", "Ba", 45.149, 39.9),
    });
    const { out, result } = await score(file, definition);
    expect(result.issues.filter((i) => i.severity !== "info")).toEqual([]);
    const wb = await open(out);
    const table = resultsRows(wb);
    const seen = table.rows.map((r) => ({ code: table.get(r, "Mã đơn vị").value, rank: table.get(r, "Hạng").value, total: shown(table.get(r, "Tổng điểm")), value: shown(table.get(r, "Giá trị")) }));
    // Values 0.8514, 0.8505 and 0.85049: 0.851, 0.851 and 0.850 to the index's three decimals.
    expect(seen).toEqual([
      { code: "U2", rank: 1, total: "85.140", value: "0.851" },
      { code: "U1", rank: 1, total: "85.050", value: "0.851" },
      { code: "U3", rank: 3, total: "85.049", value: "0.850" },
    ]);
    // Each form's summary shows its total as the results sheet does, beside its rank.
    const summaries = ["U1", "U2", "U3"].map((s) => summaryOf(wb.getWorksheet(s)!));
    expect(summaries.map((s) => [shown(s["Tổng điểm"]!), s["Hạng"]!.value])).toEqual([
      ["85.050", "1/3"],
      ["85.140", "1/3"],
      ["85.049", "3/3"],
    ]);
    const cli = rankingTable(result.table, result.model, result.issues, "vi");
    expect(cli).toMatch(/^\s*1\s+U1\s+Một\s+85,050\s+0,851\s/m);
    expect(cli).toMatch(/^\s*3\s+U3\s+Ba\s+85,049\s+0,850\s/m);
  }, 30_000);

  test("ranked on points to 2 decimals of 200 (the built-in samples' settings): 85.009 and 85.00, ranked apart, show the values 0.42505 and 0.42500, not 0.4250 twice", () => {
    const model = modelOf(twoGroups("probe200", { on: "points", decimals: 2 }, 100, 100));
    const snapshot: WorkbookSnapshot = {
      sheets: [{ name: "Đơn vị", values: [["Mã đơn vị", "Đơn vị", "a1", "b1"], ["U1", "Một", 85.009, 0], ["U2", "Hai", 85, 0], ["U3", "Ba", 60, 0]] }],
    };
    const { submissions, issues, table } = readAndScore(snapshot, model);
    const plan = planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1.2.3", now: NOW, snapshot });
    const block = plan.owned.find((o) => o.name === "Kết quả")!.blocks.find((b) => b.address === "A3")!;
    const header = block.values[0] as string[];
    const formats = (block.numberFormat as string[][]).slice(1);
    const rows = block.values.slice(1);
    const at = (h: string) => rows.map((r, i) => String(roundHalfUp(r[header.indexOf(h)] as number, Number(/\.(0+)/.exec(formats[i]![header.indexOf(h)]!)?.[1]?.length ?? 0))));
    expect(rows.map((r) => r[header.indexOf("Hạng")])).toEqual([1, 2, 3]);
    expect(at("Tổng điểm")).toEqual(["85.01", "85", "60"]);
    expect(formats[0]![header.indexOf("Giá trị")]).toBe("0.00000");
    expect(at("Giá trị")).toEqual(["0.42505", "0.425", "0.3"]);
    // Units further apart keep the usual four decimals.
    expect(figureFormats(model, readAndScore({ sheets: [{ ...snapshot.sheets[0]!, values: snapshot.sheets[0]!.values.slice(0, 3).map((r, i) => (i === 1 ? ["U1", "Một", 85.02, 0] : r)) }] }, model).table).value).toBe("0.0000");
    expect(rankingTable(table, model, issues, "vi")).toMatch(/^\s*1\s+U1\s+Một\s+85,01\s+0,42505\s/m);
  });
});

describe("a group's figures follow what its rank compares", () => {
  const definition = {
    format: "index-definition/1",
    id: "probe5",
    version: "1",
    name: { vi: "Thử 5", en: "Probe 5" },
    ranking: { method: "competition", on: "points", decimals: 2, nodes: "top" },
    root: {
      code: "T",
      name: "Tổng",
      max: 100,
      aggregate: "mean",
      children: ["A", "B", "C"].map((g) => ({ code: g, name: `Nhóm ${g}`, aggregate: "mean", children: [{ code: `${g.toLowerCase()}1`, name: `${g.toLowerCase()}1`, rule: { kind: "fraction" } }] })),
    },
  };

  test("groups without points, ranked on their values to the 2 decimals of the points, show those values with 2 decimals on the results sheet and in the charts' data", async () => {
    const file = await workbook({
      "Đơn vị": [
        ["Mã đơn vị", "Đơn vị", "a1", "b1", "c1"],
        ["U1", "Một", 0.8512, 0.5, 0.5],
        ["U2", "Hai", 0.8549, 0.5, 0.5],
        ["U3", "Ba", 0.8449, 0.5, 0.5],
      ],
    });
    const { out, result } = await score(file, definition);
    const wb = await open(out);
    const table = resultsRows(wb);
    const a = table.rows.map((r) => [table.get(r, "Nhóm A (giá trị)").value === null ? null : shown(table.get(r, "Nhóm A (giá trị)")), table.get(r, "Nhóm A (hạng)").value]);
    // 0.8549 and 0.8512 are both 0.85 to the ranking's two decimals: they share rank 1, and show it.
    expect(a).toEqual([
      ["0.85", 1],
      ["0.85", 1],
      ["0.84", 3],
    ]);
    // The total, ranked to two decimals of its points, shows them so; its value keeps four.
    expect(table.rows.map((r) => shown(table.get(r, "Tổng điểm")))).toEqual(["61.83", "61.71", "61.50"]);
    expect(table.get(table.rows[0]!, "Giá trị").numFmt).toBe("0.0000");
    // The charts' data shows the groups' values as the results sheet does.
    const charts = result.plan!.owned.find((o) => o.name === "Biểu đồ")!;
    const data = charts.blocks.find((b) => Array.isArray(b.numberFormat) && b.values[0]?.[2] === "Nhóm A")!;
    expect((data.numberFormat as string[][])[1]!.slice(2)).toEqual(["0.00", "0.00", "0.00"]);
  }, 30_000);
});

describe("points shown rounded that do not add up as shown", () => {
  const definition = twoGroups("sums", { on: "points", decimals: 2 }, 10, 10);
  const forms = (b1: number) => ({
    U1: form("sums", "U1", "Một", 3.335, b1),
    U2: form("sums", "U2", "Hai", 5, 4),
  });

  test("are explained once under the results table and under the summary of the form where they do not, in place run after run, and no more once they do", async () => {
    // 3.335 and 3.335 points show 3.34 each; their total of 6.67 shows 6.67, not 6.68.
    const first = await score(await workbook(forms(3.335)), definition);
    let wb = await open(first.out);
    const table = resultsRows(wb);
    const u1 = table.rows.find((r) => table.get(r, "Mã đơn vị").value === "U1")!;
    expect([shown(table.get(u1, "Nhóm A (điểm)")), shown(table.get(u1, "Nhóm B (điểm)")), shown(table.get(u1, "Tổng điểm"))]).toEqual(["3.34", "3.34", "6.67"]);
    // One empty row under the table (rows 4–5), then the line; on U1's form, under the summary and the line under it; not on U2's, whose points add up.
    const summary = summaryOf(wb.getWorksheet("U1")!)["Tổng điểm"]!;
    const under = `U1!${wb.getWorksheet("U1")!.getCell(Number(summary.row) + 3, Number(summary.col) - 1).address}`;
    expect(cellsHolding(wb, ROUNDING_NOTE.vi)).toEqual(["Kết quả!A7", under]);
    expect(shown(summary)).toBe("6.67");

    // Scored again as it is: the same cells, once each, and nothing said of cells typed over.
    const second = await score(first.out);
    expect(second.warnings).toEqual([]);
    wb = await open(second.out);
    expect(cellsHolding(wb, ROUNDING_NOTE.vi)).toEqual(["Kết quả!A7", under]);
    expect(cellsHolding(wb, ROUNDING_NOTE.en)).toEqual([]);

    // In English: the same cells, the line in English on the results sheet; the Vietnamese form keeps its language.
    const english = await score(second.out, undefined, "en");
    wb = await open(english.out);
    expect(cellsHolding(wb, ROUNDING_NOTE.en)).toEqual(["Results!A7"]);
    expect(cellsHolding(wb, ROUNDING_NOTE.vi)).toEqual([under]);

    // b1 3 points: 3.34 and 3.00 add up to the 6.34 shown. The lines go, from the sheet and the form.
    const changed = await (async () => {
      const w = await open(english.out);
      w.getWorksheet("U1")!.getCell("D9").value = 3;
      return new Uint8Array(await w.xlsx.writeBuffer());
    })();
    const third = await score(changed, undefined, "en");
    wb = await open(third.out);
    expect(cellsHolding(wb, ROUNDING_NOTE.vi)).toEqual([]);
    expect(cellsHolding(wb, ROUNDING_NOTE.en)).toEqual([]);
    expect(third.result.plan!.edits.flatMap((e) => e.blocks).some((b) => b.values.flat().includes(ROUNDING_NOTE.vi))).toBe(false);
  }, 60_000);

  test("the lines are the project's, recorded in `_index`, and a sheet whose points add up has none", () => {
    const model = modelOf(definition);
    const snapshot: WorkbookSnapshot = { sheets: Object.entries(forms(3.335)).map(([name, grid]) => ({ name, values: grid as CellValue[][] })) };
    const { submissions, issues, table } = readAndScore(snapshot, model);
    const plan = planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1.2.3", now: NOW, snapshot });
    const state = indexState(plan);
    expect(state.owned.cells.filter((c) => c.role === "notes")).toEqual([{ sheet: "Kết quả", role: "notes", ranges: ["A7"] }]);
    expect(state.owned.cells.filter((c) => c.role === "formRounding").map((c) => c.sheet)).toEqual(["U1"]);
    // The demo index's three departments: their points add up as shown.
    const demo = readAndScore(demoSnapshot(), demoModel());
    const demoPlan = planResults(demoModel(), demo.table, demo.issues, demo.submissions, { lang: "vi", projectVersion: "1.2.3", now: NOW, snapshot: demoSnapshot() });
    expect(ownedGrid(demoPlan, "Kết quả").flat()).not.toContain(ROUNDING_NOTE.vi);
    expect(indexState(demoPlan).owned.cells.filter((c) => c.role === "notes" || c.role === "formRounding")).toEqual([]);
  });
});

describe("a coverage short of all never reads 100%, nor one above none 0%", () => {
  const indicators = Array.from({ length: 200 }, (_, i) => `i${i + 1}`);
  const definition = {
    format: "index-definition/1",
    id: "cov",
    version: "1",
    name: "Coverage",
    ranking: { decimals: 2 },
    root: { code: "T", name: "T", children: [{ code: "G", name: "G", children: indicators.map((c) => ({ code: c, name: c, max: 1, rule: { kind: "fraction" } })) }] },
  };

  test("199 of 200 indicators shows 99.5% on the results sheet and 99,5% on the command line; a full one 100.0%", async () => {
    const file = await workbook({
      "Đơn vị": [["Mã đơn vị", "Đơn vị", ...indicators], ["U1", "Một", null, ...indicators.slice(1).map(() => 1)], ["U2", "Hai", ...indicators.map(() => 1)]],
    });
    const { out, result } = await score(file, definition);
    const wb = await open(out);
    const table = resultsRows(wb);
    expect(table.rows.map((r) => [table.get(r, "Mã đơn vị").value, shown(table.get(r, "Tỷ lệ chỉ tiêu có số liệu"))])).toEqual([
      ["U2", "100.0%"],
      ["U1", "99.5%"],
    ]);
    const cli = rankingTable(result.table, result.model, result.issues, "vi");
    expect(cli).toMatch(/\sU1\s.*\s99,5%\s/);
    expect(cli).toMatch(/\sU2\s.*\s100,0%\s/);
  }, 30_000);

  test("the decimals of the column, and of the note of a unit below the minimum, go as far as it takes", () => {
    expect(coverageDecimals([1, 0.995], 0)).toBe(1);
    expect(coverageDecimals([1, 0.9999], 0)).toBe(2);
    expect(coverageDecimals([1 / 300, 1], 0)).toBe(1);
    expect(coverageDecimals([1, 0.5, 0, null], 0)).toBe(0);
    expect(notRankedText("low-coverage", 1 / 300, 0.5, "vi")).toBe("Không xếp hạng: tỷ lệ chỉ tiêu có số liệu 0,3% thấp hơn mức tối thiểu 50%");
    expect(notRankedText("low-coverage", 0.995, 1, "en")).toBe("Not ranked: data coverage 99.5% is below the minimum of 100%");
  });
});

/** A node's name in English, as the charts' data heads it. */
function localizeName(model: IndexModel, code: string): string {
  return localize(model.nodes.get(code)!.name, "en");
}

describe("the charts compare the units the index ranks", () => {
  /** The UNDP's 2022 table as the CLI reads it: a code, a name and the four inputs (some blank). */
  function hdiCsv(): string {
    const { rows } = parseCsv(new Uint8Array(readFileSync(join(__dirname, "../../../test/fixtures/hdi-2022.csv"))));
    const [header, ...body] = rows;
    const col = (name: string) => header!.indexOf(name);
    const quote = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = body.map((r) => [r[col("iso3")]!, quote(r[col("country")]!), ...["le", "eys", "mys", "gnipc"].map((k) => r[col(`${k}_2022`)] ?? "")].join(","));
    return ["Unit code,Unit,le,eys,mys,gnipc", ...lines].join("\n") + "\n";
  }

  test("the HDI's 11 regional aggregates (ranking.exclude) are no bar, in no count, nor in the average; the subtitle says how many countries are ranked", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dti-hdi-"));
    writeFileSync(join(dir, "hdi.csv"), hdiCsv());
    const r = await runCli(["score", "hdi.csv", "--index", "undp-hdi", "--lang", "en", "--out", "hdi.xlsx"], dir, "en");
    expect(r.code).toBe(0);
    const wb = await open(new Uint8Array(readFileSync(join(dir, "hdi.xlsx"))));
    // 206 rows: 11 aggregates excluded, 2 countries with a figure missing not ranked.
    expect(String((wb.getWorksheet("Results")!.getCell("A2").value as { result?: string }).result ?? wb.getWorksheet("Results")!.getCell("A2").value)).toContain("; 206 countries, 193 ranked.");
    // The charts' data: every country drawn, no aggregate, and the average of those.
    const charts = wb.getWorksheet("Charts")!;
    const rowsOf = (first: string) => {
      let top = 0;
      charts.eachRow((row, n) => {
        if (top === 0 && row.getCell(1).value === first) top = n;
      });
      const out: CellValue[][] = [];
      if (top === 0) return out;
      for (let n = top + 1; charts.getRow(n).getCell(1).value !== null; n++) out.push((charts.getRow(n).values as CellValue[]).slice(1));
      return out;
    };
    // The units' column headed as the index calls a unit, as the results sheet's is.
    const drawn = rowsOf("Country");
    expect(drawn).toHaveLength(193);
    const model = modelOf(findBuiltin("undp-hdi")!.definition);
    const aggregates = new Set(model.definition.ranking.exclude);
    expect(aggregates.size).toBe(11);
    const csvNames = new Map(hdiCsv().trim().split("\n").slice(1).map((l) => [l.split(",")[0]!, l]));
    for (const code of aggregates) expect(drawn.some((row) => csvNames.get(code)!.includes(`,${String(row[0])},`))).toBe(false);
    const profile = rowsOf("Pillar").length > 0 ? rowsOf("Pillar") : rowsOf("Component");
    const averages = profile.map((row) => row[row.length - 1] as number);
    const groupMeans = drawn[0]!.slice(2).map((_, g) => drawn.reduce((s, row) => s + (row[2 + g] as number), 0) / drawn.length);
    averages.forEach((a, g) => expect(a).toBeCloseTo(groupMeans[g]!, 12));

    // The groups' chart's title counts those.
    const csv = parseCsv(hdiCsv()).rows.filter((r) => r.length > 1);
    const snapshot: WorkbookSnapshot = { sheets: [{ name: "HDI", values: csv.map((r, n) => r.map((v, i) => (n > 0 && i >= 2 ? (v === "" ? null : Number(v)) : v))) }] };
    const { submissions, issues, table } = readAndScore(snapshot, model);
    expect(table.units.filter((u) => comparedUnit(model, u))).toHaveLength(193);
    const plan = planResults(model, table, issues, submissions, { lang: "en", projectVersion: "1.2.3", now: NOW, snapshot });
    const groups = plan.owned.find((o) => o.name === "Charts")!.charts.find((c) => c.name === CHART_NAMES.groups)!;
    expect(groups.title).toBe("Indicator group values by country (0–1): top 20 and bottom 20 of 193 countries");
  }, 60_000);

  test("an aggregate chosen for the profile is drawn there all the same, against the average of the countries", () => {
    const model = modelOf(findBuiltin("undp-hdi")!.definition);
    const rows = [
      ["Unit code", "Unit", "le", "eys", "mys", "gnipc"],
      ["AAA", "Alpha", 80, 15, 12, 40000],
      ["BBB", "Beta", 70, 12, 9, 10000],
      ["CCC", "Gamma", 60, 10, 6, 3000],
      ["ZZK.WORLD", "World", 72, 13, 8.7, 17000],
    ];
    const snapshot: WorkbookSnapshot = { sheets: [{ name: "HDI", values: rows as CellValue[][] }] };
    const { submissions, issues, table } = readAndScore(snapshot, model);
    const plan = planResults(model, table, issues, submissions, { lang: "en", projectVersion: "1.2.3", now: NOW, snapshot, charts: { profileUnits: ["AAA", "ZZK.WORLD"] } });
    expect(plan.warnings ?? []).toEqual([]);
    const grid = ownedGrid(plan, "Charts");
    const header = grid.find((r) => r.includes("Average"))!;
    expect(header.slice(1)).toEqual(["Alpha", "World", "Average"]);
    // The bars: the three countries, not the world.
    const top = grid.findIndex((r) => r[0] === "Country");
    expect(grid.slice(top + 1, top + 5).map((r) => r[0] ?? null)).toEqual(["Alpha", "Beta", "Gamma", null]);
    // The average is the countries'.
    const axes = grid.slice(grid.indexOf(header) + 1).filter((r) => typeof r[0] === "string" && r.length > 1);
    for (const row of axes) {
      const code = model.topCodes.find((c) => localizeName(model, c) === row[0])!;
      const mean = ["AAA", "BBB", "CCC"].map((k) => table.units.find((u) => u.code === k)!.nodes[code]!.value!).reduce((a, b) => a + b, 0) / 3;
      expect(row[3] as number).toBeCloseTo(mean, 12);
    }
  });
});

describe("a unit whose form or row holds no figure at all", () => {
  function notes(plan: ReturnType<typeof planResults>, sheet: string): Record<string, string> {
    const grid = ownedGrid(plan, sheet);
    const header = grid[2]!.map(String);
    return Object.fromEntries(grid.slice(3).filter((r) => typeof r[1] === "string").map((r) => [String(r[1]), String(r[header.length - 1] ?? "")]));
  }

  const empty = { ...DEMO_UNITS[1]!, values: {} };

  test("is said to have none in the results table's note of a scored .xlsx: the form, and after why it is not ranked", async () => {
    const grids = Object.fromEntries([DEMO_UNITS[0]!, empty, DEMO_UNITS[2]!].map((u) => [u.code, layoutAGrid(u)]));
    const { out, result } = await score(await workbook(grids), demoModel().definition);
    expect(result.issues.filter((i) => i.unit === empty.code).map((i) => i.code)).toEqual(["no-figures"]);
    let wb = await open(out);
    let table = resultsRows(wb);
    const noteOf = (code: string) => table.get(table.rows.find((r) => table.get(r, "Mã đơn vị").value === code)!, "Ghi chú").value;
    expect(noteOf(empty.code)).toBe("Phiếu chưa có số liệu nào");
    expect(noteOf(DEMO_UNITS[0]!.code) ?? "").toBe("");
    // Scored again: the note once, not taken for a remark of the user's.
    const again = await score(out);
    expect(again.warnings).toEqual([]);
    wb = await open(again.out);
    table = resultsRows(wb);
    expect(noteOf(empty.code)).toBe("Phiếu chưa có số liệu nào");
    // In English, and not ranked for its coverage: after the reason, in the same sentence.
    const strict = await score(out, { ...demoModel().definition, ranking: { ...demoModel().definition.ranking, minCoverage: 0.5 } }, "en");
    wb = await open(strict.out);
    table = resultsRows(wb, "Results");
    const en = table.rows.find((r) => table.get(r, "Unit code").value === empty.code)!;
    expect(table.get(en, "Note").value).toBe("Not ranked: data coverage 0% is below the minimum of 50%; the form has no figures");
  }, 60_000);

  test("a row of a table of units is said to have none as a row", () => {
    const model = demoModel();
    const rows: WorkbookSnapshot = { sheets: [{ name: "Đơn vị", values: [["Mã đơn vị", "Đơn vị", "1.1", "1.2.a", "1.2.b", "2.1"], ["SO-01", "Một", true, 1, 2, 0.5], ["SO-02", "Hai", null, null, null, null]] }] };
    const { submissions, issues, table } = readAndScore(rows, model);
    expect(issues.filter((i) => i.unit === "SO-02").map((i) => i.code)).toContain("no-figures");
    const vi = planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1.2.3", now: NOW, snapshot: rows });
    expect(notes(vi, "Kết quả")["SO-02"]).toBe("Dòng chưa có số liệu nào");
    const en = planResults(model, table, issues, submissions, { lang: "en", projectVersion: "1.2.3", now: NOW, snapshot: rows });
    expect(notes(en, "Results")["SO-02"]).toBe("The row has no figures");
    expect(notes(en, "Results")["SO-01"]).toBe("");
    // Without the submissions that tell a form from a row: one wording for both.
    const counts = countIssuesByUnit(issues);
    expect(counts.get("SO-02")?.noFigures).toBe("unit");
    expect(resultsNote(model, table, table.units[1]!, "vi", counts.get("SO-02"))).toBe("Chưa có số liệu nào");
    expect(resultsNote(model, table, table.units[1]!, "en", counts.get("SO-02"))).toBe("No figures given");
  });
});
