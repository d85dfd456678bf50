/**
 * `--json` of an index of values (the HDI) for a country not ranked for want of figures: its value,
 * and the value of each part computed with a missing figure as 0, are null, as the results sheet
 * leaves them blank and the command's table shows "—"; what is computed from figures given stays.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-json-left-out-"));
// Thái Lan without expected years of schooling; Việt Nam complete.
const TABLE = "Mã đơn vị,Đơn vị,le,eys,mys,gnipc\nVNM,Việt Nam,74.59,13.04,8.37,13079.1\nTHA,Thái Lan,79.68,,8.73,17030.2\n";

interface UnitJson {
  code: string;
  value: number | null;
  ranked: boolean;
  notRankedReason?: string;
  nodes: Record<string, { value: number | null }>;
}

test("a value computed with a missing figure as 0 is null in --json, as blank on the results sheet", async () => {
  writeFileSync(join(dir, "hdi.csv"), TABLE);
  const run = await runCli(["score", "hdi.csv", "--index", "undp-hdi", "--out", "hdi.xlsx", "--json", "hdi.json"], dir);
  expect(run.code).toBe(0);
  const units = (JSON.parse(readFileSync(join(dir, "hdi.json"), "utf8")) as { units: UnitJson[] }).units;
  const tha = units.find((u) => u.code === "THA")!;
  expect([tha.ranked, tha.notRankedReason, tha.value]).toEqual([false, "low-coverage", null]);
  // Education and its years of schooling lack a figure; health and income are computed from figures given.
  expect(tha.nodes["education"]!.value).toBeNull();
  expect(tha.nodes["eys-index"]!.value).toBeNull();
  expect(tha.nodes["health"]!.value).toBeCloseTo((79.68 - 20) / 65, 12);
  expect(tha.nodes["mys-index"]!.value).toBeCloseTo(8.73 / 15, 12);
  // The ranked country keeps its full-precision value.
  expect(units.find((u) => u.code === "VNM")!.value).toBeCloseTo(0.734624062376395, 12);

  // The results sheet agrees: Thái Lan's value cell is blank.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "hdi.xlsx"));
  const sheet = wb.getWorksheet("Kết quả")!;
  let header = 0;
  sheet.eachRow((row, n) => {
    if (header === 0 && row.values instanceof Array && row.values.includes("Giá trị")) header = n;
  });
  const valueColumn = (sheet.getRow(header).values as unknown[]).indexOf("Giá trị");
  const valueOf = (name: string) => {
    let found: unknown = "no row";
    sheet.eachRow((row, n) => {
      if (n > header && (row.values as unknown[]).includes(name)) found = row.getCell(valueColumn).value;
    });
    return found;
  };
  expect(valueOf("Thái Lan")).toBeNull();
  expect(valueOf("Việt Nam") as number).toBeCloseTo(0.734624062376395, 12);
});
