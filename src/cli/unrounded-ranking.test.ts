/**
 * `score` with an index whose ranking compares figures unrounded (no `ranking.decimals`): two
 * units ranked apart never print, nor show on the results sheet, the same total.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-unrounded-"));
const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);

beforeAll(() => {
  // Two indicators of 10 points; the ranking says no decimals.
  writeFileSync(
    join(dir, "base.json"),
    JSON.stringify({
      format: "index-definition/1",
      id: "t",
      version: "1",
      name: "T",
      root: {
        code: "R",
        name: "Root",
        children: [
          { code: "a", name: "A", max: 10, rule: { kind: "points" } },
          { code: "b", name: "B", max: 10, rule: { kind: "fraction" } },
        ],
      },
    }),
  );
  // 10.004 and 10.001 points: 10.00 both at the usual two decimals.
  writeFileSync(join(dir, "nodec.csv"), "Mã đơn vị,Đơn vị,a,b\nU1,Một,5.004,0.5\nU2,Hai,5.001,0.5\n");
});

describe("score with a ranking that compares figures unrounded", () => {
  it("prints 10,004 for the 1st and 10,001 for the 2nd, not 10,00 twice", async () => {
    const r = await run(["score", "nodec.csv", "--index", "base.json"]);
    expect(r.code).toBe(0);
    const rows = r.out.split("\n");
    expect(rows.find((l) => l.includes("U1"))).toMatch(/^\s*1\s+U1\s+Một\s+10,004\s+0,5002\s/);
    expect(rows.find((l) => l.includes("U2"))).toMatch(/^\s*2\s+U2\s+Hai\s+10,001\s+0,5001\s/);
    const en = await run(["score", "nodec.csv", "--index", "base.json", "--lang", "en"], "en");
    expect(en.out.split("\n").find((l) => l.includes("U2"))).toMatch(/\s10\.001\s/);
  }, 30_000);

  it("writes the totals with three decimals on the results sheet, and the --json output keeps the full figures", async () => {
    const r = await run(["score", "nodec.csv", "--index", "base.json", "--out", "nodec.xlsx", "--json", "nodec.json"]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "nodec.xlsx"));
    const ws = wb.getWorksheet("Kết quả")!;
    const header = (ws.getRow(3).values as unknown[]).map((v) => (typeof v === "string" ? v : ""));
    const total = header.indexOf("Tổng điểm");
    expect(total).toBeGreaterThan(0);
    const cells = [4, 5].map((row) => ws.getRow(row).getCell(total));
    expect(cells.map((c) => c.value)).toEqual([expect.closeTo(10.004, 12), expect.closeTo(10.001, 12)]);
    expect(cells.map((c) => c.numFmt)).toEqual(["0.000", "0.000"]);
    const json = JSON.parse(readFileSync(join(dir, "nodec.json"), "utf8")) as { units: { code: string; rank: number; points: number }[] };
    expect(json.units.map((u) => [u.code, u.rank])).toEqual([["U1", 1], ["U2", 2]]);
    expect(json.units[0]!.points).toBeCloseTo(10.004, 12);
    expect(json.units[1]!.points).toBeCloseTo(10.001, 12);
  }, 30_000);
});
