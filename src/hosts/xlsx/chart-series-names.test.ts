/**
 * Each series of the project's charts is named by a reference to the cell of the charts' data
 * that holds its name (its column's header), its text cached: LibreOffice saving to .xls (Excel 97)
 * drops a name written as text, and the legend then reads "Column B… Column H".
 */
import JSZip from "jszip";
import { open, scoredDemo } from "./test-workbooks";
import { foundChartOf } from "./charts";

const CHARTS = "Biểu đồ";

/** Each series' c:tx in the workbook's chart parts, by part. */
async function seriesNames(file: Uint8Array): Promise<{ part: string; tx: string }[]> {
  const zip = await JSZip.loadAsync(file);
  const parts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
  const out: { part: string; tx: string }[] = [];
  for (const part of parts) {
    const xml = await zip.file(part)!.async("string");
    for (const m of xml.matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)) out.push({ part, tx: /<c:tx>([\s\S]*?)<\/c:tx>/.exec(m[0])![1]! });
  }
  return out;
}

test("the scored demo's charts name every series by its cell on the charts sheet, whose value is the name; read back, the names are the same", async () => {
  const file = await scoredDemo();
  const names = await seriesNames(file);
  // The total's one series, the groups' six, the profile's units and average.
  expect(names.length).toBeGreaterThanOrEqual(1 + 6 + 2);
  const wb = await open(file);
  const ws = wb.getWorksheet(CHARTS)!;
  const groups = new Set<string>();
  for (const { tx } of names) {
    const ref = /^<c:strRef><c:f>'Biểu đồ'!\$([A-Z]+)\$(\d+)<\/c:f><c:strCache><c:ptCount val="1"\/><c:pt idx="0"><c:v>([^<]*)<\/c:v><\/c:pt><\/c:strCache><\/c:strRef>$/.exec(tx);
    expect(ref).not.toBeNull();
    const [, column, row, cached] = ref!;
    expect(ws.getCell(`${column}${row}`).value).toBe(cached);
    groups.add(cached!);
  }
  expect([...groups]).toEqual(expect.arrayContaining(["Tổng điểm", "Trung bình"]));
  // Found again by their names, as a later run finds the charts.
  const zip = await JSZip.loadAsync(file);
  for (const part of [...new Set(names.map((n) => n.part))]) {
    const series = foundChartOf(await zip.file(part)!.async("string")).series;
    expect(series.every((s) => groups.has(s))).toBe(true);
  }
}, 60_000);
