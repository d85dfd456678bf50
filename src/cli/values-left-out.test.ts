/**
 * An index of values (no `max` on the root, missing inputs counted as 0, as the HDI): the value of a
 * unit not ranked for want of figures is left out (it is no measurement), and only then. A unit the
 * index leaves out of its ranking (ranking.exclude) whose figures would rank it shows its value as
 * a ranked unit with the same gaps does; a part worth points shows its value beside its points.
 * The same on the results sheet as in `--json`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-left-out-"));

type Units = { code: string; value: number | null; points: number | null; ranked: boolean; notRankedReason?: string; nodes: Record<string, { value: number | null; points: number | null }> }[];

async function scored(definition: object, csv: string): Promise<{ units: Record<string, Units[number]>; sheet: Map<string, Record<string, unknown>> }> {
  const id = (definition as { id: string }).id;
  writeFileSync(join(dir, `${id}.json`), JSON.stringify(definition));
  writeFileSync(join(dir, `${id}.csv`), csv);
  const r = await runCli(["score", `${id}.csv`, "--index", `${id}.json`, "--out", `${id}.xlsx`, "--json", "-", "--lang", "en"], dir);
  expect(r.code).toBe(0);
  const units = Object.fromEntries((JSON.parse(r.out) as { units: Units }).units.map((u) => [u.code, u]));
  // The results sheet by unit code, each column by its header.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, `${id}.xlsx`));
  const ws = wb.getWorksheet("Results")!;
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (headerRow === 0 && row.values && (row.values as unknown[]).includes("Unit code")) headerRow = n;
  });
  const headers = (ws.getRow(headerRow).values as unknown[]).map((h) => String(h ?? ""));
  const sheet = new Map<string, Record<string, unknown>>();
  for (let n = headerRow + 1; n <= ws.rowCount; n++) {
    const values = ws.getRow(n).values as unknown[];
    const code = values[headers.indexOf("Unit code")];
    if (typeof code !== "string" || !(code in units)) continue;
    sheet.set(code, Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null]).filter(([h]) => h !== "")));
  }
  return { units, sheet };
}

/**
 * An index of values, the mean of two fractions, with `ranking`; and three units: U1 and U2 without
 * I2 (a coverage of 50%), U3 with both.
 */
function meanOfTwo(id: string, ranking: object): [object, string] {
  return [
    {
      format: "index-definition/1",
      id,
      version: "1",
      name: id,
      numberLocale: "en",
      ranking,
      root: { code: "R", name: "R", aggregate: "mean", children: [{ code: "I1", name: "I1", rule: { kind: "fraction" } }, { code: "I2", name: "I2", rule: { kind: "fraction" } }] },
    },
    "Mã đơn vị,Đơn vị,I1,I2\nU1,A,0.5,\nU2,B,0.8,\nU3,C,0.4,0.6\n",
  ];
}

describe("values left out in an index of values", () => {
  test("a unit excluded from the ranking whose figures would rank it shows its value, as the ranked unit with the same gap does", async () => {
    const { units, sheet } = await scored(...meanOfTwo("excluded-values", { exclude: ["U2"] }));
    expect(units.U1).toMatchObject({ ranked: true, value: 0.25 });
    expect(units.U2).toMatchObject({ ranked: false, notRankedReason: "excluded", value: 0.4 });
    expect(units.U2!.nodes.R!.value).toBe(0.4);
    expect(sheet.get("U2")!.Value).toBe(0.4);
    expect(sheet.get("U1")!.Value).toBe(0.25);
  });

  test("an excluded unit whose coverage is below the minimum too has no value shown, as one not ranked for that alone", async () => {
    const { units, sheet } = await scored(...meanOfTwo("excluded-low", { exclude: ["U2"], minCoverage: 0.6 }));
    expect(units.U1).toMatchObject({ ranked: false, notRankedReason: "low-coverage", value: null });
    expect(units.U2).toMatchObject({ ranked: false, notRankedReason: "excluded", value: null });
    expect(sheet.get("U2")!.Value).toBeNull();
    expect(units.U3).toMatchObject({ ranked: true, value: 0.5 });
  });

  test("a part worth points shows its value beside its points where the total's value is left out", async () => {
    const { units, sheet } = await scored(
      {
        format: "index-definition/1",
        id: "points-inside",
        version: "1",
        name: "Points inside",
        numberLocale: "en",
        ranking: { minCoverage: 0.6 },
        root: {
          code: "R",
          name: "R",
          aggregate: "mean",
          children: [
            {
              code: "G",
              name: "G",
              max: 20,
              children: [
                { code: "I1", name: "I1", max: 10, rule: { kind: "fraction" } },
                { code: "I2", name: "I2", max: 10, rule: { kind: "fraction" } },
              ],
            },
          ],
        },
      },
      "Mã đơn vị,Đơn vị,I1,I2\nU1,A,0.5,0.5\nU2,B,0.8,\n",
    );
    const u2 = units.U2!;
    expect(u2).toMatchObject({ ranked: false, notRankedReason: "low-coverage", value: null });
    expect(u2.nodes.G).toMatchObject({ value: 0.4, points: 8 });
    expect(u2.nodes.I1).toMatchObject({ value: 0.8, points: 8 });
    expect(u2.nodes.I2).toMatchObject({ value: 0, points: 0 });
    // On the results sheet, the group's value and its points side by side; the total's value blank.
    const row = sheet.get("U2")!;
    const groupColumns = Object.entries(row).filter(([h]) => /^G \((value|points)\)$/.test(h));
    expect(groupColumns.map(([, v]) => v)).toEqual([0.4, 8]);
    expect(row.Value).toBeNull();
  });

  test("a part of max 0 (worth no points) has its value left out as the total's is: its missing figure is not shown as a measured 0", async () => {
    const { units, sheet } = await scored(
      {
        format: "index-definition/1",
        id: "max-zero",
        version: "1",
        name: "Max zero",
        numberLocale: "en",
        ranking: { minCoverage: 0.9 },
        root: {
          code: "R",
          name: "R",
          aggregate: "mean",
          children: [
            { code: "A", name: "A", aggregate: "mean", children: [{ code: "A1", name: "A1", rule: { kind: "fraction" } }, { code: "A2", name: "A2", rule: { kind: "fraction" } }] },
            { code: "Z", name: "Z", max: 0, children: [{ code: "Z1", name: "Z1", max: 0, rule: { kind: "fraction" } }, { code: "Z2", name: "Z2", max: 0, rule: { kind: "fraction" } }] },
          ],
        },
      },
      "Mã đơn vị,Đơn vị,A1,A2,Z1,Z2\nU1,A,0.5,0.5,0.5,0.5\nU2,B,0.8,,0.8,\n",
    );
    const u2 = units.U2!;
    expect(u2).toMatchObject({ ranked: false, notRankedReason: "low-coverage", value: null });
    expect(u2.nodes.Z).toMatchObject({ value: null, points: 0 });
    expect(u2.nodes.Z2).toMatchObject({ value: null, points: 0 });
    expect(u2.nodes.A).toMatchObject({ value: null });
    expect(sheet.get("U2")!["Z (value)"]).toBeNull();
  });
});
