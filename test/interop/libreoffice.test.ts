/**
 * The scored workbook and the forms must stand on their own for people without the add-in:
 * LibreOffice opens them, shows the same scores as the JSON, and keeps the drop-down lists.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { parseCsv } from "../../src/core/read";
import { findBuiltin } from "../../src/indices";
import { CSV_ALL_SHEETS, XLSX, convert } from "./soffice";

interface JsonUnit {
  code: string;
  name: string;
  points: number | null;
  value: number | null;
  rank: number | null;
}

const dir = mkdtempSync(join(tmpdir(), "dti-interop-"));
const sink = { write: (_: string) => true };

beforeAll(async () => {
  const code = await main(["demo", "--out", dir], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } });
  expect(code).toBe(0);
});

/** Whether the cell at `address` is locked, from the sheet's and the styles' XML. */
function lockedAt(styles: string, sheet: string, address: string): boolean {
  const style = Number(new RegExp(`<c r="${address}"[^>]*\\bs="(\\d+)"`).exec(sheet)?.[1] ?? 0);
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "";
  const xf = cellXfs.match(/<xf\b[^>]*?(\/>|>[\s\S]*?<\/xf>)/g)?.[style] ?? "";
  const locked = /<protection[^>]*\blocked="([^"]*)"/.exec(xf)?.[1];
  return !(locked === "0" || locked === "false");
}

function num(text: string | undefined): number | null {
  if (text === undefined || text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

test("LibreOffice shows on the results sheet the same points, values and ranks as the JSON", () => {
  const out = join(dir, "csv");
  const written = convert(join(dir, "ket-qua.xlsx"), CSV_ALL_SHEETS, out);
  const resultsCsv = written.find((f) => f.normalize("NFC").includes("Kết quả"));
  expect(resultsCsv).toBeDefined();
  const rows = parseCsv(readFileSync(join(out, resultsCsv!))).rows;
  // The demo's index calls a unit "Sở, ban, ngành": the table's unit columns are called so.
  const headerIndex = rows.findIndex((r) => r.includes("Mã sở, ban, ngành") && r.includes("Tổng điểm"));
  expect(headerIndex).toBeGreaterThanOrEqual(0);
  const header = rows[headerIndex]!;
  const col = (name: string): number => header.indexOf(name);
  const json = JSON.parse(readFileSync(join(dir, "ket-qua.json"), "utf8")) as { units: JsonUnit[] };
  expect(json.units.length).toBeGreaterThanOrEqual(15);
  const byName = new Map(json.units.map((u) => [u.name, u]));
  let compared = 0;
  for (const row of rows.slice(headerIndex + 1)) {
    const name = row[col("Sở, ban, ngành")];
    if (name === undefined || name === "") continue;
    const unit = byName.get(name);
    expect(unit).toBeDefined();
    expect(num(row[col("Tổng điểm")])).toBeCloseTo(unit!.points ?? NaN, 9);
    expect(num(row[col("Giá trị")])).toBeCloseTo(unit!.value ?? NaN, 9);
    expect(num(row[col("Hạng")])).toBe(unit!.rank);
    compared++;
  }
  expect(compared).toBe(json.units.length);
});

test("the forms keep their drop-down lists, number checks and protection after a LibreOffice round trip", async () => {
  const out = join(dir, "roundtrip");
  const written = convert(join(dir, "phieu-mau.xlsx"), XLSX, out);
  expect(written).toContain("phieu-mau.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(out, "phieu-mau.xlsx")) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Sở Y tế");
  expect(ws).toBeDefined();
  const rowOf = (code: string): number => {
    let found = 0;
    ws!.eachRow((row, r) => {
      if (row.getCell(1).value === code) found = r;
    });
    return found;
  };
  const choice = ws!.getCell(rowOf("1.1"), 4).dataValidation;
  expect(choice?.type).toBe("list");
  expect(String(choice?.formulae?.[0])).toContain("Giám đốc/Thủ trưởng đơn vị");
  const yesNo = ws!.getCell(rowOf("2.1"), 4).dataValidation;
  expect(yesNo?.type).toBe("list");
  expect(String(yesNo?.formulae?.[0])).toMatch(/Có.*Không/);
  const percent = ws!.getCell(rowOf("3.2"), 4).dataValidation;
  expect(percent?.type).toBe("decimal");
  expect(percent?.formulae?.map(Number)).toEqual([0, 1]);
  // ExcelJS does not read LibreOffice's sheet="true", so look at the sheets' XML itself.
  const zip = await JSZip.loadAsync(readFileSync(join(out, "phieu-mau.xlsx")));
  const sheetXml = await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")));
  const protectedSheets = sheetXml.filter((x) => /<sheetProtection[^>]*\bsheet="(1|true)"/.test(x));
  expect(protectedSheets).toHaveLength(wb.worksheets.length - 1);
  for (const x of protectedSheets) expect(x).not.toMatch(/<sheetProtection[^>]*(password|hashValue)=/);
  // Input cells stay unlocked, labels stay locked (read from the XML: ExcelJS reads only locked="0").
  const position = wb.worksheets.findIndex((w) => w.name === "Sở Y tế") + 1;
  const styles = await zip.file("xl/styles.xml")!.async("string");
  const sheet = await zip.file(`xl/worksheets/sheet${position}.xml`)!.async("string");
  expect(lockedAt(styles, sheet, `D${rowOf("3.2")}`)).toBe(false);
  expect(lockedAt(styles, sheet, `G${rowOf("3.3")}`)).toBe(false);
  expect(lockedAt(styles, sheet, `B${rowOf("3.2")}`)).toBe(true);
  expect(readdirSync(out)).toContain("phieu-mau.xlsx");
});

test("gathered forms keep the drop-down lists whose options have a comma, each form on its own, after a LibreOffice round trip", async () => {
  const sample = findBuiltin("dti-so-nganh-mau")!.definition as { root: Record<string, unknown> };
  const options = ["Giám đốc, Thủ trưởng đơn vị", "Phó Giám đốc, Phó Thủ trưởng", "Chưa có"];
  const root = JSON.parse(JSON.stringify(sample.root)) as Record<string, unknown>;
  const visit = (node: Record<string, unknown>): void => {
    if (node.code === "1.1") (node.rule as { options: { value: string; aliases?: string[] }[] }).options.forEach((o, i) => ((o.value = options[i]!), delete o.aliases));
    for (const child of (node.children as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  visit(root);
  writeFileSync(join(dir, "phay.json"), JSON.stringify({ ...sample, root }));
  writeFileSync(join(dir, "phay-1.csv"), "Mã đơn vị,Đơn vị,Nhóm\nSYT,Sở Y tế,co-dvc\n");
  writeFileSync(join(dir, "phay-2.csv"), "Mã đơn vị,Đơn vị,Nhóm\nSTC,Sở Tài chính,co-dvc\n");
  for (const n of [1, 2]) {
    expect(await main(["template", "--index", "phay.json", "--units", `phay-${n}.csv`, "--out", `phay-${n}.xlsx`], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })).toBe(0);
  }
  expect(await main(["collect", "phay-1.xlsx", "phay-2.xlsx", "--out", "phay-gom.xlsx"], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })).toBe(0);
  const out = join(dir, "phay-roundtrip");
  expect(convert(join(dir, "phay-gom.xlsx"), XLSX, out)).toContain("phay-gom.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(out, "phay-gom.xlsx")) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Sở Y tế", "Sở Tài chính"]);
  for (const ws of wb.worksheets) {
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === "1.1") row = n;
    });
    const rule = ws.getCell(row, 4).dataValidation;
    expect(rule?.type).toBe("list");
    // A range of the sheet itself (LibreOffice may name the sheet): nothing outside the form.
    const formula = String(rule?.formulae?.[0]);
    const m = /^(?:'?([^'!]+)'?!)?\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(formula);
    expect([ws.name, m !== null]).toEqual([ws.name, true]);
    if (m![1] !== undefined) expect(m![1]).toBe(ws.name);
    const values: unknown[] = [];
    for (let r = Number(m![3]); r <= Number(m![5]); r++) values.push(ws.getCell(`${m![2]}${r}`).value);
    expect(values).toEqual(options);
    expect(ws.getColumn(m![2]!).hidden).toBe(true);
  }
});

test("a workbook LibreOffice saved with a table in it is scored and written", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(dir, "so-lieu.xlsx")) as unknown as ArrayBuffer);
  wb.addWorksheet("Danh bạ").addTable({
    name: "DanhBa",
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleLight9", showRowStripes: true },
    columns: [{ name: "Đơn vị" }, { name: "Điện thoại" }],
    rows: [["Sở Y tế", "0230 3825 111"]],
  });
  await wb.xlsx.writeFile(join(dir, "bang.xlsx"));
  const out = join(dir, "bang-lo");
  expect(convert(join(dir, "bang.xlsx"), XLSX, out)).toContain("bang.xlsx");
  let err = "";
  const code = await main(["score", join(out, "bang.xlsx"), "--index", "dti-so-nganh-mau", "--out", "bang-kq.xlsx"], {
    stdout: sink,
    stderr: { write: (s: string) => ((err += s), true) },
    cwd: dir,
    env: { LANG: "vi_VN.UTF-8" },
  });
  expect(err).not.toContain("Đã xảy ra lỗi");
  expect(code).toBeLessThan(2);
  const scored = new ExcelJS.Workbook();
  await scored.xlsx.load(readFileSync(join(dir, "bang-kq.xlsx")) as unknown as ArrayBuffer);
  expect(scored.getWorksheet("Kết quả")).toBeDefined();
  expect(scored.getWorksheet("Danh bạ")!.getCell("A2").value).toBe("Sở Y tế");
});

test("after a second run, LibreOffice shows the user's own formulas over the results with the run's figures, not the cached ones", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(dir, "ket-qua.xlsx")) as unknown as ArrayBuffer);
  const header = (wb.getWorksheet("Kết quả")!.getRow(3).values as unknown[]).map(String);
  const total = String.fromCharCode(64 + header.indexOf("Tổng điểm"));
  // The analyst's sheet sums the results; its cached figure (-1) stands for the one before the
  // council's correction. LibreOffice shows a cached number as it is unless the run drops it.
  wb.addWorksheet("Phân tích").getCell("A1").value = { formula: `SUM('Kết quả'!${total}4:${total}60)`, result: -1 };
  writeFileSync(join(dir, "sua.xlsx"), new Uint8Array(await wb.xlsx.writeBuffer()));
  expect(await main(["score", "sua.xlsx", "--out", "sua-2.xlsx", "--json", "sua.json"], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })).toBeLessThan(2);
  const points = (JSON.parse(readFileSync(join(dir, "sua.json"), "utf8")) as { units: JsonUnit[] }).units.reduce((a, u) => a + (u.points ?? 0), 0);
  const out = join(dir, "sua-csv");
  const mineCsv = convert(join(dir, "sua-2.xlsx"), CSV_ALL_SHEETS, out).find((f) => f.normalize("NFC").includes("Phân tích"))!;
  expect(points).toBeGreaterThan(0);
  expect(num(parseCsv(readFileSync(join(out, mineCsv))).rows[0]![0])).toBeCloseTo(points, 6);
});
