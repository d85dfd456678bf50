/**
 * The analyst's structured references to the results table (`DTI_Results[Tổng điểm]`) after the
 * workbook scored in Vietnamese is scored again in English: LibreOffice computes them from the
 * English columns, where before they showed Err:504 (a column the table no longer had).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { runScoring } from "../../src/core/pipeline";
import { DEMO_DEFINITION } from "../../src/core/plan/test-fixtures";
import { parseCsv } from "../../src/core/read";
import { XlsxHost } from "../../src/hosts/xlsx";
import { demoForms } from "../../src/hosts/xlsx/test-workbooks";
import { CSV_ALL_SHEETS, convertCalculated } from "./soffice";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-structured-"));

async function score(file: Uint8Array, lang: "vi" | "en"): Promise<Uint8Array> {
  const host = await XlsxHost.fromBuffer(file, "bao-cao.xlsx");
  await runScoring(host, { definition: DEMO_DEFINITION, lang, projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return host.toBuffer();
}

function addTableFormulas(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("Phân tích");
  ws.getCell("A1").value = { formula: `INDEX(DTI_Results[Tổng điểm],MATCH("SO-03",DTI_Results[Mã đơn vị],0))`, result: 0 };
  ws.getCell("A2").value = { formula: "DTI_Results[[#Headers],[Mã đơn vị]]", result: "" };
  ws.getCell("A3").value = { formula: "SUM(DTI_Results[[Tổng điểm]:[Giá trị]])", result: 0 };
  ws.getCell("A4").value = { formula: `VLOOKUP("SO-03",'Kết quả'!$B$4:$C$6,2,FALSE)`, result: "" };
}

test("LibreOffice computes the analyst's INDEX/MATCH over DTI_Results from the English columns after scoring again in English", async () => {
  const english = await score(await score(await demoForms(addTableFormulas), "vi"), "en");
  const file = join(dir, "en.xlsx");
  writeFileSync(file, english);
  const out = join(dir, "csv");
  const written = convertCalculated(file, CSV_ALL_SHEETS, out);
  const sheet = (name: string) => parseCsv(readFileSync(join(out, written.find((f) => f.normalize("NFC").includes(name))!))).rows;
  const results = sheet("Results");
  const header = results.find((r) => r.includes("Unit code"))!;
  const so03 = results.find((r) => r[header.indexOf("Unit code")] === "SO-03")!;
  const total = Number(so03[header.indexOf("Total points")]);
  const value = Number(so03[header.indexOf("Value")]);
  expect(total).toBeGreaterThan(0);
  const mine = sheet("Phân tích").map((r) => r[0]);
  expect(Number(mine[0])).toBeCloseTo(total, 6);
  expect(mine[1]).toBe("Unit code");
  const sum = results.filter((r) => r !== header && /^SO-/.test(r[header.indexOf("Unit code")] ?? "")).reduce((s, r) => s + Number(r[header.indexOf("Total points")]) + Number(r[header.indexOf("Value")]), 0);
  expect(Number(mine[2])).toBeCloseTo(sum, 6);
  expect(value).toBeGreaterThan(0);
  expect(mine[3]).toBe(so03[header.indexOf("Unit")]);
});
