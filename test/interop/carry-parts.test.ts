/**
 * A workbook scored in place by the command line (`score F.xlsx --out F.xlsx`) keeps the user's
 * chart sheet, PivotTables and sparklines (which ExcelJS does not model), and LibreOffice opens
 * the result with them: it prints the chart sheet's chart, and saving the file again it writes the
 * PivotTables (with their caches) and the sparklines it read; scored again in English, the
 * PivotTable over the results table follows it and refreshes on opening, and LibreOffice reads it still.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { DEMO_DEFINITION } from "../../src/core/plan/test-fixtures";
import { ANALYSIS, DATA, REGIONS, formsWithAnalysis, sheetPath, sheetsOf, sparklineGroupXml, text, withUserParts } from "../../src/hosts/xlsx/carry-parts-workbooks";
import { XLSX, convert } from "./soffice";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-carry-"));
const sink = { write: (_: string) => true };
const file = join(dir, "bao-cao.xlsx");

async function scoreInPlace(...extra: string[]): Promise<void> {
  expect(await main(["score", file, "--out", file, ...extra], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })).toBe(0);
}

beforeAll(async () => {
  writeFileSync(join(dir, "index.json"), JSON.stringify(DEMO_DEFINITION));
  writeFileSync(file, await formsWithAnalysis());
  await scoreInPlace("--index", join(dir, "index.json"));
  // The user's parts, added in Excel after the first run: a PivotTable over the results table, one
  // over their own range, sparklines, and the chart of their figures moved to a sheet of its own.
  const scored = new Uint8Array(readFileSync(file));
  writeFileSync(
    file,
    await withUserParts(scored, {
      pivots: [
        REGIONS,
        {
          sheet: "Tổng hợp",
          at: "A3",
          name: "TheoKetQua",
          cacheId: 9,
          source: { table: "DTI_Results" },
          headers: ["Hạng", "Mã đơn vị", "Đơn vị"],
          rows: [[1, "SO-01", "Sở Nội vụ"]],
          rowField: 2,
          dataField: 0,
        },
      ],
      sparklines: [{ sheet: ANALYSIS, groups: [sparklineGroupXml(DATA.map((_, i) => [`'${ANALYSIS}'!C${i + 2}:E${i + 2}`, `F${i + 2}`]))] }],
      chartSheets: [
        { name: "Biểu đồ vùng", after: ANALYSIS, title: "Điểm năm 2024 theo đơn vị", dataSheet: ANALYSIS, categories: "B2:B5", values: "E2:E5", cache: { categories: DATA.map((r) => r[1]), values: DATA.map((r) => r[4]) } },
      ],
    }),
  );
  await scoreInPlace();
});

test("the file scored in place still has the chart sheet, the PivotTables and the sparklines", async () => {
  const zip = await JSZip.loadAsync(readFileSync(file));
  expect((await sheetsOf(zip)).find((s) => s.name === "Biểu đồ vùng")?.kind).toBe("chartsheet");
  expect(Object.keys(zip.files).filter((f) => /^xl\/pivotTables\/[^/]+\.xml$/.test(f))).toHaveLength(2);
  expect(await text(zip, "xl/workbook.xml")).toMatch(/<pivotCaches>(<pivotCache [^>]*\/>){2}<\/pivotCaches>/);
  expect((await text(zip, await sheetPath(zip, ANALYSIS))).match(/<x14:sparkline>/g)).toHaveLength(DATA.length);
});

test("LibreOffice prints the chart sheet's chart", () => {
  const pdf = join(dir, "pdf");
  const written = convert(file, "pdf", pdf);
  const printed = execFileSync("pdftotext", [join(pdf, written[0]!), "-"]).toString("utf8").normalize("NFC");
  expect(printed).toContain("Điểm năm 2024 theo đơn vị");
  // The categories of its axis: the analyst's units.
  expect(printed).toContain("Sở Xây dựng");
});

test("LibreOffice reads the PivotTables and sparklines: saving the file again, it writes them", async () => {
  const out = join(dir, "lo");
  const written = convert(file, XLSX, out);
  const zip = await JSZip.loadAsync(readFileSync(join(out, written[0]!)));
  const parts = Object.keys(zip.files);
  expect(parts.filter((f) => /^xl\/pivotTables\/[^/]+\.xml$/.test(f))).toHaveLength(2);
  const caches = await Promise.all(parts.filter((f) => /^xl\/pivotCache\/pivotCacheDefinition[^/]*\.xml$/.test(f)).map((f) => text(zip, f)));
  expect(caches.some((c) => c.includes('name="DTI_Results"') || /sheet="Kết quả"/.test(c))).toBe(true);
  const sheets = await Promise.all(parts.filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f)).map((f) => text(zip, f)));
  expect(sheets.filter((x) => x.includes("<x14:sparkline>")).length).toBe(1);
  // The chart sheet (LibreOffice writes it as a sheet holding the chart) and its chart's title.
  expect((await sheetsOf(zip)).map((s) => s.name)).toContain("Biểu đồ vùng");
  const charts = await Promise.all(parts.filter((f) => /^xl\/charts\/chart[^/]*\.xml$/.test(f)).map((f) => text(zip, f)));
  expect(charts.some((c) => c.includes("Điểm năm 2024 theo đơn vị"))).toBe(true);
});

test("scored in place again in English, the PivotTables follow the results sheet's new name and LibreOffice still reads them", async () => {
  await scoreInPlace("--lang", "en");
  const zip = await JSZip.loadAsync(readFileSync(file));
  const caches = await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/pivotCache\/pivotCacheDefinition[^/]*\.xml$/.test(f)).map((f) => text(zip, f)));
  expect(caches.filter((c) => c.includes('<worksheetSource name="DTI_Results"/>') && c.includes('refreshOnLoad="1"'))).toHaveLength(1);
  const out = join(dir, "lo-en");
  const written = convert(file, XLSX, out);
  const again = await JSZip.loadAsync(readFileSync(join(out, written[0]!)));
  expect(Object.keys(again.files).filter((f) => /^xl\/pivotTables\/[^/]+\.xml$/.test(f))).toHaveLength(2);
  expect((await sheetsOf(again)).map((s) => s.name)).toEqual(expect.arrayContaining(["Results", "Biểu đồ vùng", ANALYSIS]));
});
