/**
 * The results table's total row, should the user turn it on (Table Design > Total Row): its first
 * column says "Tổng" in a Vietnamese workbook and "Total" in an English one, not ExcelJS's English
 * word in every language.
 */
import JSZip from "jszip";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { demoForms } from "./test-workbooks";

async function totalRowLabels(lang: "vi" | "en"): Promise<string[]> {
  const host = await XlsxHost.fromBuffer(await demoForms(), "bao-cao.xlsx");
  await runScoring(host, { definition: DEMO_DEFINITION, lang, projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  const zip = await JSZip.loadAsync(await host.toBuffer());
  const labels: string[] = [];
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/tables\/[^/]+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async("string");
    labels.push(...[...xml.matchAll(/totalsRowLabel="([^"]*)"/g)].map((m) => m[1]!));
  }
  return labels;
}

test.each([
  ["vi", "Tổng"],
  ["en", "Total"],
] as const)("the results table's total row speaks the workbook's language (%s)", async (lang, word) => {
  expect(await totalRowLabels(lang)).toEqual([word]);
});
