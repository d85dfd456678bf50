/**
 * The user's defined names after scoring with the xlsx host, as LibreOffice computes them: a named
 * constant, a text, an OFFSET formula, two sheets' local names of one name, and a name over the
 * results table's column each give what they gave before (ExcelJS alone drops or cuts them).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { runScoring } from "../../src/core/pipeline";
import { DEMO_DEFINITION } from "../../src/core/plan/test-fixtures";
import { parseCsv } from "../../src/core/read";
import { XlsxHost } from "../../src/hosts/xlsx";
import { sheetNames } from "../../src/hosts/xlsx/ooxml";
import { demoForms } from "../../src/hosts/xlsx/test-workbooks";
import { CSV_ALL_SHEETS, convertCalculated } from "./soffice";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-names-"));

async function score(file: Uint8Array): Promise<Uint8Array> {
  const host = await XlsxHost.fromBuffer(file, "bao-cao.xlsx");
  await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return host.toBuffer();
}

function addSheets(wb: ExcelJS.Workbook): void {
  const mine = wb.addWorksheet("Phân tích");
  [1, 2, 3].forEach((v, i) => (mine.getCell(`B${i + 1}`).value = v));
  mine.getCell("A1").value = { formula: "Rate*2", result: 0 };
  mine.getCell("A2").value = { formula: "LEN(Ten)", result: 0 };
  mine.getCell("A3").value = { formula: "SUM(Dong)", result: 0 };
  mine.getCell("A4").value = { formula: "SUM(Vung)", result: 0 };
  mine.getCell("A5").value = { formula: "SUM(TongDiem)", result: 0 };
  const other = wb.addWorksheet("Tổng hợp");
  other.getCell("B1").value = 10;
  other.getCell("A1").value = { formula: "Vung*1", result: 0 };
}

/** The file with the user's names added to its workbook part, as Excel writes them. */
async function withNames(file: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const xml = await zip.file("xl/workbook.xml")!.async("string");
  const sheets = sheetNames(xml);
  const names = [
    `<definedName name="Rate">0.5</definedName>`,
    `<definedName name="Ten">&quot;abc&quot;</definedName>`,
    `<definedName name="Dong">OFFSET(&apos;Phân tích&apos;!$B$1,0,0,COUNTA(&apos;Phân tích&apos;!$B:$B),1)</definedName>`,
    `<definedName name="Vung" localSheetId="${sheets.indexOf("Phân tích")}">&apos;Phân tích&apos;!$B$1:$B$2</definedName>`,
    `<definedName name="Vung" localSheetId="${sheets.indexOf("Tổng hợp")}">&apos;Tổng hợp&apos;!$B$1</definedName>`,
    `<definedName name="TongDiem">DTI_Results[Tổng điểm]</definedName>`,
  ].join("");
  zip.file("xl/workbook.xml", xml.includes("</definedNames>") ? xml.replace("</definedNames>", `${names}</definedNames>`) : xml.replace("</sheets>", `</sheets><definedNames>${names}</definedNames>`));
  return zip.generateAsync({ type: "uint8array" });
}

test("LibreOffice computes the user's defined names in a workbook scored again: =Rate*2 is 1, local names of one name on two sheets each their own", async () => {
  const out = await score(await withNames(await score(await demoForms(addSheets))));
  const file = join(dir, "names.xlsx");
  writeFileSync(file, out);
  const csv = join(dir, "csv");
  const written = convertCalculated(file, CSV_ALL_SHEETS, csv);
  const sheet = (name: string) => parseCsv(readFileSync(join(csv, written.find((f) => f.normalize("NFC").includes(name))!))).rows;
  const mine = sheet("Phân tích").map((r) => r[0]);
  expect(mine.slice(0, 4).map(Number)).toEqual([1, 3, 6, 3]);
  // The sum of the results' total points.
  const results = sheet("Kết quả");
  const header = results.find((r) => r.includes("Tổng điểm"))!;
  const column = header.indexOf("Tổng điểm");
  const total = results.slice(results.indexOf(header) + 1).filter((r) => /^SO-/.test(r[header.indexOf("Mã đơn vị")] ?? "")).reduce((s, r) => s + Number(r[column]), 0);
  expect(total).toBeGreaterThan(0);
  expect(Number(mine[4])).toBeCloseTo(total, 6);
  expect(Number(sheet("Tổng hợp")[0]![0])).toBe(10);
});
