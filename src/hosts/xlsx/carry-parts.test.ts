/**
 * A user's chart sheet, PivotTables and sparklines (which ExcelJS does not model) after the xlsx
 * host scores the workbook in place: each is still there, linked as Excel links it, where it was;
 * the PivotTables over the results follow them (and refresh on opening); what cannot be kept is said.
 */
import JSZip from "jszip";
import type { SheetMessage } from "../../core/i18n/text";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import {
  ANALYSIS,
  DATA,
  type PivotFixture,
  REGIONS,
  SPARKLINE_EXT,
  dxfsIn,
  formsWithAnalysis,
  packageProblems,
  relsOf,
  sheetPath,
  sheetsOf,
  text,
  userWorkbook,
  withUserParts,
} from "./carry-parts-workbooks";
import { type SourceInfo, partsNotCarried, planCarry } from "./carry-parts";
import { XlsxHost } from "./host";
import { insertSheetElement, sheetNames } from "./ooxml";
import { preserveDrawings } from "./preserve";
import { open } from "./test-workbooks";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

async function score(file: Uint8Array, lang: "vi" | "en" = "vi") {
  const host = await XlsxHost.fromBuffer(file, "bao-cao.xlsx");
  await runScoring(host, { definition: DEMO_DEFINITION, lang, projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return { out: await host.toBuffer(), warnings: host.lastApply!.warnings };
}

/** The chart sheet's chart: its title and its series' formulas. */
async function chartOfChartSheet(zip: JSZip, name: string): Promise<{ title: string; formulas: string[] }> {
  const sheet = (await sheetsOf(zip)).find((s) => s.name === name);
  if (!sheet || sheet.kind !== "chartsheet") throw new Error(`no chart sheet ${name}`);
  const drawing = (await relsOf(zip, sheet.path)).find((r) => r.type === `${REL}/drawing`)!;
  expect(await text(zip, sheet.path)).toContain(`<drawing r:id="${drawing.id}"/>`);
  const chart = (await relsOf(zip, drawing.path)).find((r) => r.type === `${REL}/chart`)!;
  expect(await text(zip, drawing.path)).toContain(`r:id="${chart.id}"`);
  const xml = await text(zip, chart.path);
  return { title: /<a:t>([^<]*)<\/a:t>/.exec(xml)![1]!, formulas: [...xml.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1]!.replace(/&apos;/g, "'")) };
}

interface PivotFound {
  name: string;
  cacheId: string;
  xml: string;
  cache: string;
  records: string | undefined;
  /** The workbook's entry for the cache has the PivotTable's id and points at its cache part. */
  linked: boolean;
}

/** The PivotTables on a sheet, each with its cache and records, reached through the package's relationships. */
async function pivotsOn(zip: JSZip, sheet: string): Promise<PivotFound[]> {
  const workbook = await text(zip, "xl/workbook.xml");
  const workbookRels = await relsOf(zip, "xl/workbook.xml");
  const out: PivotFound[] = [];
  for (const rel of (await relsOf(zip, await sheetPath(zip, sheet))).filter((r) => r.type === `${REL}/pivotTable`)) {
    const xml = await text(zip, rel.path);
    const cacheRel = (await relsOf(zip, rel.path)).find((r) => r.type === `${REL}/pivotCacheDefinition`)!;
    const cache = await text(zip, cacheRel.path);
    const recordsId = /\sr:id="([^"]*)"/.exec(cache)?.[1];
    const recordsRel = (await relsOf(zip, cacheRel.path)).find((r) => r.id === recordsId);
    const cacheId = /\scacheId="(\d+)"/.exec(xml)![1]!;
    const entry = new RegExp(`<pivotCache cacheId="${cacheId}" r:id="([^"]*)"/>`).exec(workbook);
    const linked = entry !== null && workbookRels.find((r) => r.id === entry[1])?.path === cacheRel.path;
    out.push({ name: /\sname="([^"]*)"/.exec(xml)![1]!, cacheId, xml, cache, records: recordsRel && (await text(zip, recordsRel.path)), linked });
  }
  return out;
}

/** The sparklines of a sheet: each one's data and cell. */
async function sparklinesOn(zip: JSZip, sheet: string): Promise<string[]> {
  const xml = await text(zip, await sheetPath(zip, sheet));
  return [...xml.matchAll(/<x14:sparkline><xm:f>([^<]*)<\/xm:f><xm:sqref>([^<]*)<\/xm:sqref><\/x14:sparkline>/g)].map((m) => `${m[2]}=${m[1]!.replace(/&apos;/g, "'")}`);
}

function attrOf(xml: string, tag: string, name: string): string | undefined {
  const t = new RegExp(`<${tag}\\b[^>]*>`).exec(xml)?.[0];
  return t === undefined ? undefined : new RegExp(`\\s${name}="([^"]*)"`).exec(t)?.[1];
}

// ---------------------------------------------------------------------------------------------

describe("a chart sheet, a PivotTable and sparklines of the user's, scored in place", () => {
  let original: Uint8Array;
  let scored: JSZip;
  let warnings: { sheet?: string; vi: string; en: string }[];

  beforeAll(async () => {
    original = await userWorkbook();
    const run = await score(original);
    scored = await JSZip.loadAsync(run.out);
    warnings = run.warnings;
  });

  test("the fixture is what Excel saves: the chart sheets in the workbook's sheets, the PivotTable and sparklines on the analyst's sheet", async () => {
    const zip = await JSZip.loadAsync(original);
    const workbook = await text(zip, "xl/workbook.xml");
    expect(sheetNames(workbook)[Number(/<definedName name="_xlnm.Print_Area" localSheetId="(\d+)"/.exec(workbook)![1])]).toBe(ANALYSIS);
    expect((await sheetsOf(zip)).map((s) => `${s.name}:${s.kind}`)).toEqual(["Tổng quan:chartsheet", "SO-01:worksheet", "SO-02:worksheet", "SO-03:worksheet", `${ANALYSIS}:worksheet`, "Biểu đồ vùng:chartsheet", "Tổng hợp:worksheet"]);
    expect(await pivotsOn(zip, ANALYSIS)).toHaveLength(1);
    expect(await sparklinesOn(zip, ANALYSIS)).toHaveLength(4);
    expect(await packageProblems(zip)).toEqual([]);
  });

  test("each chart sheet is still a chart sheet, where it was among the sheets: before the first form, after the analyst's sheet", async () => {
    const sheets = await sheetsOf(scored);
    expect(sheets.map((s) => s.name)).toEqual(["Kết quả", "Biểu đồ", "Tổng quan", "SO-01", "SO-02", "SO-03", ANALYSIS, "Biểu đồ vùng", "Tổng hợp", "_index"]);
    expect(sheets.filter((s) => s.kind === "chartsheet").map((s) => s.name)).toEqual(["Tổng quan", "Biểu đồ vùng"]);
    // Sheet ids stay unique.
    const ids = sheets.map((s) => /sheetId="(\d+)"/.exec(s.attrs)![1]);
    expect(new Set(ids).size).toBe(ids.length);
    const selected = await Promise.all(sheets.map(async (s) => /tabSelected="1"/.test(await text(scored, s.path))));
    // The chart sheet was the tab selected when saved: selected with the written file's own, it would group them.
    expect(sheets.filter((s, i) => selected[i] && s.kind === "chartsheet")).toEqual([]);
  });

  test("each chart sheet keeps its chart: title and data", async () => {
    expect(await chartOfChartSheet(scored, "Tổng quan")).toEqual({ title: "Điểm 2022", formulas: [`'${ANALYSIS}'!$B$2:$B$5`, `'${ANALYSIS}'!$C$2:$C$5`] });
    expect(await chartOfChartSheet(scored, "Biểu đồ vùng")).toEqual({ title: "Điểm 2024", formulas: [`'${ANALYSIS}'!$B$2:$B$5`, `'${ANALYSIS}'!$E$2:$E$5`] });
  });

  test("a sheet's local name still names its sheet, counted among the chart sheets", async () => {
    const workbook = await text(scored, "xl/workbook.xml");
    const names = sheetNames(workbook);
    const area = [...workbook.matchAll(/<definedName name="_xlnm.Print_Area" localSheetId="(\d+)">([^<]*)<\/definedName>/g)].map((m) => [names[Number(m[1])], m[2]!.replace(/&apos;/g, "'")]);
    expect(area.map(([sheet]) => sheet)).toContain(ANALYSIS);
    for (const [sheet, range] of area) expect(range!.startsWith(`'${sheet}'!`) || range!.startsWith(`${sheet}!`)).toBe(true);
    const active = Number(/activeTab="(\d+)"/.exec(workbook)![1]);
    expect(names[active]).toBe("Kết quả");
  });

  test("the PivotTable is on its sheet with its cache and records, linked from the sheet and the workbook", async () => {
    const [pivot, ...others] = await pivotsOn(scored, ANALYSIS);
    expect(others).toEqual([]);
    expect(pivot!.name).toBe("PivotVung");
    expect(pivot!.linked).toBe(true);
    expect(pivot!.cache).toContain(`<worksheetSource ref="A1:E5" sheet="${ANALYSIS}"/>`);
    expect(pivot!.records).toContain('count="4"');
    // The user's range is not the run's: the PivotTable shows what it showed, without refreshing.
    expect(attrOf(pivot!.cache, "pivotCacheDefinition", "refreshOnLoad")).toBeUndefined();
    // Its cells are still the values Excel saved with it.
    const ws = (await open(await scored.generateAsync({ type: "uint8array" }))).getWorksheet(ANALYSIS)!;
    expect([ws.getCell("H3").value, ws.getCell("I4").value, ws.getCell("I6").value]).toEqual(["Nhãn hàng", 50, 116]);
  });

  test("the PivotTable's format of the user's names the same format in the written styles", async () => {
    const [pivot] = await pivotsOn(scored, ANALYSIS);
    const id = Number(/<format dxfId="(\d+)"/.exec(pivot!.xml)![1]);
    const originalZip = await JSZip.loadAsync(original);
    const was = Number(/<format dxfId="(\d+)"/.exec((await pivotsOn(originalZip, ANALYSIS))[0]!.xml)![1]);
    expect((await dxfsIn(scored))[id]).toBe((await dxfsIn(originalZip))[was]);
    expect((await dxfsIn(scored))[id]).toContain("FFC00000");
  });

  test("the sparklines are in the sheet's extensions, beside the data bar", async () => {
    expect(await sparklinesOn(scored, ANALYSIS)).toEqual(DATA.map((_, i) => `F${i + 2}='${ANALYSIS}'!C${i + 2}:E${i + 2}`));
    const xml = await text(scored, await sheetPath(scored, ANALYSIS));
    expect(xml.match(new RegExp(SPARKLINE_EXT.replace(/[{}]/g, "\\$&"), "g"))).toHaveLength(1);
    expect(xml).toMatch(/<cfRule type="dataBar"/);
    expect(xml.trimEnd().endsWith("</extLst></worksheet>")).toBe(true);
  });

  test("the package is consistent and nothing is said: every part has its content type, every relationship its part", async () => {
    expect(await packageProblems(scored)).toEqual([]);
    expect(warnings).toEqual([]);
  });

  test("scoring the scored file again keeps one of each", async () => {
    const again = await JSZip.loadAsync((await score(await scored.generateAsync({ type: "uint8array" }))).out);
    expect((await sheetsOf(again)).filter((s) => s.kind === "chartsheet").map((s) => s.name)).toEqual(["Tổng quan", "Biểu đồ vùng"]);
    expect(await pivotsOn(again, ANALYSIS)).toHaveLength(1);
    expect((await pivotsOn(again, ANALYSIS))[0]!.linked).toBe(true);
    expect((await text(again, "xl/workbook.xml")).match(/<pivotCache /g)).toHaveLength(1);
    expect(await sparklinesOn(again, ANALYSIS)).toHaveLength(4);
    // ExcelJS writes the data bar's extension this time: the sparklines' comes after it, in the same list.
    const exts = [...(await text(again, await sheetPath(again, ANALYSIS))).matchAll(/<extLst>|<ext uri="([^"]*)"/g)].map((m) => m[1] ?? "extLst");
    expect(exts.slice(exts.lastIndexOf("extLst"))).toEqual(["extLst", "{78C0D931-6437-407d-A8EE-F0AAD7539E65}", SPARKLINE_EXT]);
    expect(Object.keys(again.files).filter((f) => /^xl\/chartsheets\/[^/]+\.xml$/.test(f))).toHaveLength(2);
    expect(await packageProblems(again)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

/** The results table of a scored file: its range, headers and rows (as the cells hold them). */
async function resultsTable(file: Uint8Array): Promise<{ sheet: string; ref: string; headers: string[]; rows: (string | number | null)[][] }> {
  const zip = await JSZip.loadAsync(file);
  for (const s of await sheetsOf(zip)) {
    for (const rel of (await relsOf(zip, s.path)).filter((r) => r.type === `${REL}/table`)) {
      const xml = await text(zip, rel.path);
      if (!/displayName="DTI_Results"/.test(xml)) continue;
      const ref = /\sref="([^"]*)"/.exec(xml)![1]!;
      const ws = (await open(file)).getWorksheet(s.name)!;
      const [from, to] = ref.split(":");
      const top = Number(/\d+/.exec(from!)![0]);
      const bottom = Number(/\d+/.exec(to!)![0]);
      const width = [...xml.matchAll(/<tableColumn\b/g)].length;
      const value = (r: number, c: number): string | number | null => {
        const v = ws.getCell(r, c).value as unknown;
        const plain = v !== null && typeof v === "object" && "result" in (v as object) ? (v as { result: unknown }).result : v;
        return typeof plain === "number" || typeof plain === "string" ? plain : plain === null || plain === undefined ? null : String(plain);
      };
      const row = (r: number) => Array.from({ length: width }, (_, c) => value(r, c + 1));
      return { sheet: s.name, ref, headers: row(top).map(String), rows: Array.from({ length: bottom - top }, (_, i) => row(top + 1 + i)) };
    }
  }
  throw new Error("no results table");
}

describe("PivotTables over the results follow them when the run writes them again", () => {
  let scored: Uint8Array;
  let headersBefore: string[];
  let english: { out: JSZip; warnings: { sheet?: string; vi: string; en: string }[]; headers: string[]; ref: string };

  beforeAll(async () => {
    const first = (await score(await formsWithAnalysis())).out;
    const results = await resultsTable(first);
    headersBefore = results.headers;
    const total = results.headers.indexOf("Tổng điểm");
    const unit = results.headers.indexOf("Đơn vị");
    const over = (name: string, at: string, sheet: string, source: PivotFixture["source"], cacheId: number): PivotFixture => ({
      sheet,
      at,
      name,
      cacheId,
      source,
      headers: results.headers,
      rows: results.rows,
      rowField: unit,
      dataField: total,
    });
    scored = await withUserParts(first, {
      pivots: [
        over("TheoBang", "A3", "Tổng hợp", { table: "DTI_Results" }, 3),
        over("TheoVung", "E3", "Tổng hợp", { sheet: results.sheet, ref: results.ref }, 4),
        over("LechVung", "I3", "Tổng hợp", { sheet: results.sheet, ref: "A3:C4" }, 5),
        over("TrenKetQua", "T3", results.sheet, { table: "DTI_Results" }, 6),
      ],
      chartSheets: [
        {
          name: "Điểm các đơn vị",
          after: "Tổng hợp",
          title: "Tổng điểm",
          dataSheet: results.sheet,
          categories: `C4:C${3 + results.rows.length}`,
          values: `E4:E${3 + results.rows.length}`,
          cache: { categories: results.rows.map((r) => String(r[unit])), values: results.rows.map((r) => Number(r[total])) },
        },
      ],
    });
    const run = await score(scored, "en");
    const now = await resultsTable(run.out);
    english = { out: await JSZip.loadAsync(run.out), warnings: run.warnings, headers: now.headers, ref: now.ref };
  });

  test("the results were renamed in English: sheet, headers", () => {
    expect(headersBefore).toContain("Tổng điểm");
    expect(english.headers).toContain("Total points");
    expect(english.headers.length).toBe(headersBefore.length);
  });

  test("a PivotTable over the results table refreshes on opening, its fields named as the table's columns are now", async () => {
    const pivot = (await pivotsOn(english.out, "Tổng hợp")).find((p) => p.name === "TheoBang")!;
    expect(pivot.linked).toBe(true);
    expect(pivot.cache).toContain('<worksheetSource name="DTI_Results"/>');
    expect(attrOf(pivot.cache, "pivotCacheDefinition", "refreshOnLoad")).toBe("1");
    const fields = [...pivot.cache.matchAll(/<cacheField name="([^"]*)"/g)].map((m) => m[1]);
    expect(fields).toEqual(english.headers);
  });

  test("a PivotTable over the range that was the results table takes the table's range on the renamed sheet, and refreshes", async () => {
    const pivot = (await pivotsOn(english.out, "Tổng hợp")).find((p) => p.name === "TheoVung")!;
    expect(pivot.cache).toContain(`<worksheetSource ref="${english.ref}" sheet="Results"/>`);
    expect(attrOf(pivot.cache, "pivotCacheDefinition", "refreshOnLoad")).toBe("1");
    expect([...pivot.cache.matchAll(/<cacheField name="([^"]*)"/g)].map((m) => m[1])).toEqual(english.headers);
  });

  test("a PivotTable over a range that no longer fits the results is kept as it was (no refresh), and the user is told", async () => {
    const pivot = (await pivotsOn(english.out, "Tổng hợp")).find((p) => p.name === "LechVung")!;
    expect(pivot.linked).toBe(true);
    expect(pivot.cache).toContain('<worksheetSource ref="A3:C4" sheet="Results"/>');
    expect(attrOf(pivot.cache, "pivotCacheDefinition", "refreshOnLoad")).toBeUndefined();
    const told = english.warnings.find((w) => w.en.includes("LechVung"))!;
    expect(told.sheet).toBe("Tổng hợp");
    expect(told.en).toContain("still shows its earlier figures");
    expect(told.en).toContain("'Kết quả'!A3:C4");
    expect(told.vi).toContain("vẫn hiện số liệu cũ");
  });

  test("a PivotTable on the results sheet is not kept, and the user is told where to put it", async () => {
    expect(await pivotsOn(english.out, "Results")).toEqual([]);
    const told = english.warnings.filter((w) => w.en.includes("TrenKetQua"));
    expect(told).toHaveLength(1);
    expect(told[0]!.sheet).toBe("Results");
    expect(told[0]!.en).toContain("was not kept");
    expect(told[0]!.vi).toContain("không được giữ lại");
  });

  test("the workbook lists one cache per PivotTable kept, with the ids the PivotTables name", async () => {
    const workbook = await text(english.out, "xl/workbook.xml");
    expect([...workbook.matchAll(/<pivotCache cacheId="(\d+)"/g)].map((m) => m[1]).sort()).toEqual(["3", "4", "5"]);
    expect(await packageProblems(english.out)).toEqual([]);
  });

  test("the chart sheet's chart reads the renamed results sheet", async () => {
    const chart = await chartOfChartSheet(english.out, "Điểm các đơn vị");
    expect(chart.formulas.length).toBeGreaterThan(0);
    expect(chart.formulas.every((f) => f.startsWith("Results!"))).toBe(true);
    expect((await sheetsOf(english.out)).map((s) => s.name).indexOf("Điểm các đơn vị")).toBe((await sheetsOf(english.out)).map((s) => s.name).indexOf("Tổng hợp") + 1);
  });
});

// ---------------------------------------------------------------------------------------------

describe("what cannot be kept as it was is said, naming the sheet", () => {
  test("a chart sheet with the name of the project's charts sheet is kept under a free name", async () => {
    const file = await withUserParts(await formsWithAnalysis(), {
      chartSheets: [{ name: "Biểu đồ", after: ANALYSIS, title: "Điểm 2024", dataSheet: ANALYSIS, categories: "B2:B5", values: "E2:E5", cache: { categories: DATA.map((r) => r[1]), values: DATA.map((r) => r[4]) } }],
    });
    const { out, warnings } = await score(file);
    const zip = await JSZip.loadAsync(out);
    const sheets = await sheetsOf(zip);
    expect(sheets.find((s) => s.name === "Biểu đồ")!.kind).toBe("worksheet");
    expect(sheets.find((s) => s.name === "Biểu đồ (2)")!.kind).toBe("chartsheet");
    expect(sheets.map((s) => s.name).indexOf("Biểu đồ (2)")).toBe(sheets.map((s) => s.name).indexOf(ANALYSIS) + 1);
    expect((await chartOfChartSheet(zip, "Biểu đồ (2)")).title).toBe("Điểm 2024");
    expect(warnings).toEqual([expect.objectContaining({ sheet: "Biểu đồ (2)" })]);
    expect(warnings[0]!.vi).toContain("'Biểu đồ (2)'");
    expect(warnings[0]!.en).toContain("was kept under the name 'Biểu đồ (2)'");
    expect(await packageProblems(zip)).toEqual([]);
    // The next run finds it under that name, and keeps it there, saying nothing more.
    const again = await score(out);
    expect((await sheetsOf(await JSZip.loadAsync(again.out))).filter((s) => s.kind === "chartsheet").map((s) => s.name)).toEqual(["Biểu đồ (2)"]);
    expect(again.warnings).toEqual([]);
  });

  test("a PivotTable over a data connection, and slicers, are named as not kept; the file stays consistent", async () => {
    const file = await withUserParts(await formsWithAnalysis(), { pivots: [{ ...REGIONS, external: true, bold: false }], slicers: [ANALYSIS] });
    const { out, warnings } = await score(file);
    const zip = await JSZip.loadAsync(out);
    expect(await pivotsOn(zip, ANALYSIS)).toEqual([]);
    expect(await text(zip, "xl/workbook.xml")).not.toContain("pivotCache");
    expect(warnings.map((w) => w.sheet)).toEqual([ANALYSIS, ANALYSIS]);
    expect(warnings[0]!.en).toContain("The PivotTable PivotVung on sheet 'Phân tích' was not kept: it takes its data from outside the workbook's sheets");
    expect(warnings[1]!.en).toContain("slicers");
    expect(await packageProblems(zip)).toEqual([]);
  });
});

describe("what is said is what is done", () => {
  test("the warnings of the plan applied are those of the file written, for the same file", async () => {
    const file = await withUserParts(await formsWithAnalysis(), {
      pivots: [{ ...REGIONS, external: true }],
      slicers: [ANALYSIS],
      chartSheets: [{ name: "Ghi chú", title: "t", dataSheet: ANALYSIS, categories: "B2:B5", values: "E2:E5", cache: { categories: [], values: [] } }],
    });
    const wb = await open(file);
    wb.getWorksheet(ANALYSIS)!.name = "Phân tích 2";
    // A sheet of that name, whatever its case, takes the chart sheet's name.
    wb.addWorksheet("GHI CHÚ");
    const options = { skipSheets: [], renamedSheets: [{ from: ANALYSIS, to: "Phân tích 2" }] };
    const said = await partsNotCarried(file, wb, options);
    const done: SheetMessage[] = [];
    const written = await preserveDrawings(file, new Uint8Array(await wb.xlsx.writeBuffer()), { ...options, warnings: done });
    expect(said.map((w) => w.sheet)).toEqual(["Ghi chú (2)", "Phân tích 2", "Phân tích 2"]);
    expect(done).toEqual(said);
    expect(await packageProblems(await JSZip.loadAsync(written))).toEqual([]);
  });
});

describe("planCarry", () => {
  const pivot = { sheet: "Tổng hợp", path: "xl/pivotTables/pivotTable1.xml", name: "P1", cachePath: "xl/pivotCache/pivotCacheDefinition1.xml", sourceType: "worksheet" };
  const source = (fields: string[], used: number[]): SourceInfo => ({
    sheets: [
      { name: "Kết quả", kind: "worksheet", path: "xl/worksheets/sheet1.xml", attrs: "" },
      { name: "Tổng hợp", kind: "worksheet", path: "xl/worksheets/sheet2.xml", attrs: "" },
    ],
    pivots: [{ ...pivot, worksheetSource: { name: "BangKetQua", external: false }, fields, used }],
    tables: [{ name: "BangKetQua", sheet: "Kết quả", ref: "A3:C6", headers: fields }],
    slicers: [],
  });
  const view = { sheets: ["Results", "Tổng hợp"], tables: [{ name: "DTI_Results", sheet: "Results", ref: "A3:B9", headers: ["Unit code", "Total points"] }] };
  const options = { skipSheets: [], renamedSheets: [{ from: "Kết quả", to: "Results" }], renamedTables: [{ from: "BangKetQua", to: "DTI_Results" }], ownedSheets: ["Results"] };

  test("a PivotTable over the results table the user renamed takes its name back, its fields renamed, and refreshes", () => {
    const plan = planCarry(source(["Mã đơn vị", "Tổng điểm"], [0, 1]), view, options);
    expect(plan.warnings).toEqual([]);
    expect(plan.pivots).toHaveLength(1);
    expect(plan.pivots[0]!.refresh).toBe(true);
    expect(plan.pivots[0]!.source).toEqual({ name: "DTI_Results" });
    expect([...plan.pivots[0]!.fields]).toEqual([
      ["mã đơn vị", "Unit code"],
      ["tổng điểm", "Total points"],
    ]);
  });

  test("a field the PivotTable lays out that the results no longer have is named: Excel drops it on refreshing", () => {
    const plan = planCarry(source(["Mã đơn vị", "Tổng điểm", "Ghi chú riêng"], [0, 2]), view, options);
    expect(plan.pivots[0]!.refresh).toBe(true);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]!.sheet).toBe("Tổng hợp");
    expect(plan.warnings[0]!.en).toContain('the table DTI_Results no longer has the column "Ghi chú riêng"');
    expect(plan.warnings[0]!.vi).toContain('không còn cột "Ghi chú riêng"');
    // A field it does not lay out is no matter.
    expect(planCarry(source(["Mã đơn vị", "Tổng điểm", "Ghi chú riêng"], [0, 1]), view, options).warnings).toEqual([]);
  });

  test("a results table that is gone leaves the PivotTable with its earlier figures, and says so", () => {
    const plan = planCarry(source(["Mã đơn vị", "Tổng điểm"], [0, 1]), { ...view, tables: [] }, options);
    expect(plan.pivots[0]!.refresh).toBe(false);
    expect(plan.warnings.map((w) => w.sheet)).toEqual(["Tổng hợp"]);
    expect(plan.warnings[0]!.en).toContain("its source (BangKetQua) is no longer in the workbook");
  });
});

describe("insertSheetElement", () => {
  test("local names and the active tab keep naming their sheets", () => {
    const xml =
      `<workbook xmlns:r="r"><bookViews><workbookView firstSheet="0" activeTab="2"/></bookViews><sheets><sheet name="A" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId2"/><sheet name="C" sheetId="3" r:id="rId3"/></sheets>` +
      `<definedNames><definedName name="x" localSheetId="0">A!$A$1</definedName><definedName name="y" localSheetId="2">C!$A$1</definedName><definedName name="z">1</definedName></definedNames></workbook>`;
    const out = insertSheetElement(xml, `<sheet name="Chart" sheetId="4" r:id="rId4"/>`, 1);
    expect(sheetNames(out)).toEqual(["A", "Chart", "B", "C"]);
    expect(out).toContain('<definedName name="x" localSheetId="0">');
    expect(out).toContain('<definedName name="y" localSheetId="3">');
    expect(out).toContain('<definedName name="z">');
    expect(out).toContain('firstSheet="0" activeTab="3"');
    expect(sheetNames(insertSheetElement(xml, `<sheet name="Last" sheetId="4" r:id="rId4"/>`, 3))).toEqual(["A", "B", "C", "Last"]);
  });
});
