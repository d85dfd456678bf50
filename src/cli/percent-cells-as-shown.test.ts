/**
 * A percentage's cell formatted as a percentage is read as what it shows. Typing 120 (or 120%) into
 * a form's cell formatted 0.00% makes Excel store 1.2, shown 120.00%: that is 120%, out of a 0–100%
 * range (the error quotes "120%", as it quotes "135%" typed as text), and within a range up to 500%
 * it is scored as 120% — never taken for a bare 1.2% with a warning quoting "1.2". A bare 1.2 in a
 * cell that shows no percentage (a CSV table) is still read as 1.2%, and said so.
 * Real files: forms made by `template`, filled with ExcelJS, checked and scored by the command.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-cli-percent-shown-"));

const definition = {
  format: "index-definition/1",
  id: "phan-tram",
  version: "1",
  name: { vi: "Tỷ lệ", en: "Rates" },
  root: {
    code: "R",
    name: "R",
    children: [
      { code: "1", name: { vi: "Tỷ lệ hồ sơ trực tuyến", en: "Share of online files" }, max: 10, inputs: [{ code: "1", type: "percent" }], rule: { kind: "fraction" } },
      // Growth up to 500%, measured against a target of 200%.
      { code: "2", name: { vi: "Tăng trưởng giao dịch số", en: "Growth of online transactions" }, max: 10, inputs: [{ code: "2", type: "percent", min: 0, max: 5 }], rule: { kind: "target", target: 2 } },
    ],
  },
};

interface Json {
  units: { code: string; nodes: Record<string, { value: number | null; points: number | null }> }[];
  issues: { severity: string; code: string; cell: string | null; node: string | null; message: string }[];
}

function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getCell(r, 1).value ?? "") === code) return r;
  throw new Error(`no row ${code} on ${ws.name}`);
}

beforeAll(async () => {
  writeFileSync(join(dir, "index.json"), JSON.stringify(definition));
  writeFileSync(join(dir, "units.csv"), "Unit code,Unit\nDOH,Department of Health\n");
  expect((await runCli(["template", "--index", "index.json", "--units", "units.csv", "--out", "forms.xlsx", "--lang", "en"], dir)).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "forms.xlsx"));
  const ws = wb.getWorksheet("Department of Health")!;
  for (const code of ["1", "2"]) {
    const cell = ws.getCell(rowOf(ws, code), 4);
    // The template's percentage cell: Excel stores 1.2 for 120 typed there, and shows 120.00%.
    expect(cell.numFmt).toBe("0.00%");
    cell.value = 1.2;
  }
  await wb.xlsx.writeFile(join(dir, "filled.xlsx"));
}, 60_000);

test("1.2 shown as 120.00% is 120%: out of a 0–100% range (quoted 120%), scored as 120% where up to 500% is allowed", async () => {
  const r = await runCli(["score", "filled.xlsx", "--index", "index.json", "--json", "-", "--lang", "en"], dir);
  expect(r.code).toBe(1);
  const json = JSON.parse(r.out) as Json;
  expect(json.issues.map((i) => [i.severity, i.code, i.node])).toEqual([["error", "out-of-range", "1"]]);
  expect(json.issues[0]!.message).toBe(`Sheet 'Department of Health', cell ${json.issues[0]!.cell}: 120% is out of range: the value must be between 0% and 100% (indicator 1); check it and type it again.`);
  // 120% of a 200% target: 0.6 of 10 points (1.2% would have scored 0.06).
  const unit = json.units.find((u) => u.code === "DOH")!;
  expect(unit.nodes["2"]!.value).toBeCloseTo(0.6, 10);
  expect(unit.nodes["2"]!.points).toBeCloseTo(6, 10);
  const vi = await runCli(["validate", "filled.xlsx", "--index", "index.json"], dir);
  expect(vi.out).toContain(": 120% nằm ngoài khoảng cho phép: số liệu phải từ 0% đến 100% (chỉ tiêu 1); hãy kiểm tra và nhập lại.");
  expect(vi.out).not.toContain("1,2%");
}, 60_000);

test("a bare 1.2 in a table's cell that shows no percentage is still read as 1.2%, and said so", async () => {
  writeFileSync(join(dir, "table.csv"), "Unit code,Unit,1,2\nDOH,Department of Health,1.2,1.2\n");
  const r = await runCli(["validate", "table.csv", "--index", "index.json", "--json", "-", "--lang", "en"], dir);
  const json = JSON.parse(r.out) as Json;
  expect(json.issues.map((i) => [i.code, i.node])).toEqual([
    ["percent-as-number", "1"],
    ["percent-as-number", "2"],
  ]);
  expect(json.issues[0]!.message).toContain('"1.2" is read as 1.2%');
}, 60_000);
