/**
 * A chart of the project's that the user renamed in Excel or LibreOffice (the drawing's
 * xdr:cNvPr name) is found again when the workbook is scored again, as the Excel host finds it
 * (matchCharts: its kind, with one of the project's titles or the plan's series), and updated
 * where it is under the user's name: the charts sheet keeps one chart of that kind, not a second
 * drawn beside it. A chart of the user's own, of the same kind but with a title and series of its
 * own, is left exactly as it was.
 */
import JSZip from "jszip";
import type { ChartPlan } from "../../core/types";
import { addCharts, chartSpaceXml, foundChartOf } from "./charts";
import { open, scoreAgain, scoredDemo } from "./test-workbooks";
import { drawingElementId, parseRels, relsPathOf, resolveTarget, sheetParts } from "./ooxml";

const CHARTS = "Biểu đồ";
const RENAMED = "Tổng điểm — bản của phòng KH";
const MINE = "Biểu đồ hạ tầng của tôi";
const MY_TITLE = "Hạ tầng số của các sở (để báo cáo)";

/** The charts on the charts sheet, in the drawing's order: name, anchor as written, chart part's path and text. */
async function chartsOf(file: Uint8Array): Promise<{ name: string; anchor: string; path: string; xml: string }[]> {
  const zip = await JSZip.loadAsync(file);
  const text = async (path: string) => (await zip.file(path)?.async("string")) ?? "";
  const drawingPath = await drawingPathOf(file);
  const drawing = await text(drawingPath);
  const rels = parseRels(await text(relsPathOf(drawingPath)));
  const out: { name: string; anchor: string; path: string; xml: string }[] = [];
  for (const m of drawing.matchAll(/<xdr:twoCellAnchor\b[\s\S]*?<\/xdr:twoCellAnchor>/g)) {
    const chartRid = /<c:chart\b[^>]*\br:id="([^"]*)"/.exec(m[0])?.[1];
    if (chartRid === undefined) continue;
    const path = resolveTarget(drawingPath, rels.find((r) => r.id === chartRid)!.target);
    out.push({ name: /<xdr:cNvPr\b[^>]*\bname="([^"]*)"/.exec(m[0])![1]!, anchor: m[0], path, xml: await text(path) });
  }
  return out;
}

/** The figure a chart part caches for `unit` (its first series), by the unit's place among its categories. */
function cachedFigure(chartXml: string, unit: string): number | undefined {
  const points = (xml: string) => new Map([...xml.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((m) => [m[2]!, m[1]!]));
  const at = points(/<c:cat>[\s\S]*?<\/c:cat>/.exec(chartXml)![0]).get(unit);
  const values = new Map([...points(/<c:val>[\s\S]*?<\/c:val>/.exec(chartXml)![0])].map(([v, i]) => [i, Number(v)]));
  return at === undefined ? undefined : values.get(at);
}

/** The total of `unit` on the results sheet. */
async function totalOf(file: Uint8Array, unit: string): Promise<unknown> {
  const results = (await open(file)).getWorksheet("Kết quả")!;
  const column = (results.getRow(3).values as unknown[]).indexOf("Tổng điểm");
  let found: unknown;
  results.eachRow((row) => {
    if (row.getCell(3).value === unit) found = row.getCell(column).value;
  });
  return found;
}

/**
 * The scored demo as the user saves it: a bar chart of their own added beside the project's (a
 * title and series of its own, over the first group's column of the charts' data), the project's
 * total chart renamed (and, `retitled`, given a title of the user's too), and one figure corrected
 * (Sở Xây dựng's 135% in D34 of its form, now 0.95), the package otherwise as it was.
 */
async function renamedAndCorrected(retitled: boolean): Promise<{ scored: Uint8Array; edited: Uint8Array }> {
  const scored = await scoredDemo();
  const total = (await chartsOf(scored)).find((c) => c.name === "dti-total")!;
  const [categories, values] = [...total.xml.matchAll(/<c:f>'[^']*'!([^<]*)<\/c:f>/g)].map((m) => m[1]!.replace(/\$/g, ""));
  const mine: ChartPlan = {
    name: MINE,
    kind: "barSorted",
    title: MY_TITLE,
    categories: categories!,
    // The column right of the totals: the first group's figures.
    series: [{ name: "Hạ tầng của sở", values: values!.replace(/[A-Z]+/g, (c) => String.fromCharCode(c.charCodeAt(0) + 1)) }],
    dataSheet: CHARTS,
    from: "L2",
    to: "T20",
  };
  const withMine = await addCharts(scored, [{ sheet: CHARTS, plan: mine }]);

  const zip = await JSZip.loadAsync(withMine);
  const text = async (path: string) => (await zip.file(path)?.async("string")) ?? "";
  const drawingPath = await drawingPathOf(withMine);
  const drawing = await text(drawingPath);
  expect(drawing.match(/name="dti-total"/g)).toHaveLength(1);
  zip.file(drawingPath, drawing.replace('name="dti-total"', `name="${RENAMED}"`));
  if (retitled) {
    const theirs = total.xml.replace(/(<c:title>[\s\S]*?<a:t>)[^<]*(<\/a:t>)/, "$1Tổng điểm (bản báo cáo quý)$2");
    expect(theirs).not.toBe(total.xml);
    zip.file(total.path, theirs);
  }
  const sheets = sheetParts(await text("xl/workbook.xml"), parseRels(await text("xl/_rels/workbook.xml.rels")), "xl/workbook.xml");
  const formPath = sheets.get("Sở Xây dựng")!;
  const form = await text(formPath);
  const cell = /<c r="D34"( s="\d+")?[^>]*?(?:\/>|>[\s\S]*?<\/c>)/.exec(form)!;
  zip.file(formPath, form.replace(cell[0], `<c r="D34"${cell[1] ?? ""}><v>0.95</v></c>`));
  return { scored, edited: await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }) };
}

/** The path of the charts sheet's drawing part. */
async function drawingPathOf(file: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const text = async (path: string) => (await zip.file(path)?.async("string")) ?? "";
  const sheetPath = sheetParts(await text("xl/workbook.xml"), parseRels(await text("xl/_rels/workbook.xml.rels")), "xl/workbook.xml").get(CHARTS)!;
  const rid = drawingElementId(await text(sheetPath));
  return resolveTarget(sheetPath, parseRels(await text(relsPathOf(sheetPath))).find((r) => r.id === rid)!.target);
}

describe("the project's total chart renamed by the user, a figure corrected, scored again", () => {
  test.each([
    ["renamed, the project's title still on it", false],
    ["renamed and given a title of the user's", true],
  ])("%s: updated where it is under the user's name, with the corrected total; one chart of its kind; the user's own chart untouched", async (_, retitled) => {
    const { scored, edited } = await renamedAndCorrected(retitled);
    const before = await chartsOf(edited);
    expect(before.map((c) => c.name)).toEqual([RENAMED, "dti-groups", "dti-profile", MINE]);
    const first = (await chartsOf(scored)).find((c) => c.name === "dti-total")!;

    const again = await scoreAgain(edited);
    const after = await chartsOf(again.out);
    // Four charts, as before: none drawn again under the plan's name, no part added.
    expect(after.map((c) => c.name)).toEqual([RENAMED, "dti-groups", "dti-profile", MINE]);
    const zip = await JSZip.loadAsync(again.out);
    expect(Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(4);
    // One chart of the total's kind showing the totals: the renamed one, in its part, where the plan puts it.
    const totals = after.filter((c) => /<c:grouping val="clustered"\/>/.test(c.xml) && /<c:tx><c:strRef><c:f>[^<]*<\/c:f><c:strCache><c:ptCount val="1"\/><c:pt idx="0"><c:v>Tổng điểm<\/c:v>/.test(c.xml));
    expect(totals.map((c) => c.name)).toEqual([RENAMED]);
    const renamed = after[0]!;
    expect(renamed.path).toBe(before[0]!.path);
    expect(/<xdr:from>[\s\S]*?<\/xdr:to>/.exec(renamed.anchor)![0]).toBe(/<xdr:from>[\s\S]*?<\/xdr:to>/.exec(first.anchor)![0]);
    // The user's title stays; the project's is written again.
    const title = /<c:title>[\s\S]*?<a:t>([^<]*)<\/a:t>/.exec(renamed.xml)![1];
    expect(title).toBe(retitled ? "Tổng điểm (bản báo cáo quý)" : /<c:title>[\s\S]*?<a:t>([^<]*)<\/a:t>/.exec(first.xml)![1]);

    // Its data is this run's: Sở Xây dựng's corrected total, as on the results sheet, not the first run's.
    const total = await totalOf(again.out, "Sở Xây dựng");
    expect(typeof total).toBe("number");
    expect(total).not.toBe(await totalOf(scored, "Sở Xây dựng"));
    expect(cachedFigure(renamed.xml, "Sở Xây dựng")).toBeCloseTo(total as number, 9);
    expect(cachedFigure(first.xml, "Sở Xây dựng")).not.toBeCloseTo(total as number, 6);

    // The user's own chart, of the same kind: its anchor and its part exactly as they were.
    const mine = after.find((c) => c.name === MINE)!;
    const mineBefore = before.find((c) => c.name === MINE)!;
    expect(mine.anchor).toBe(mineBefore.anchor);
    expect(mine.xml).toBe(mineBefore.xml);
    expect(mine.xml).toContain(`<a:t>${MY_TITLE}</a:t>`);

    // A third run: still the same four charts.
    expect((await chartsOf((await scoreAgain(again.out)).out)).map((c) => c.name)).toEqual([RENAMED, "dti-groups", "dti-profile", MINE]);
  }, 90_000);
});

describe("a chart part read back as the plan's charts are compared with it", () => {
  const plan: ChartPlan = {
    name: "dti-groups",
    kind: "stackedBar",
    title: "Điểm theo nhóm chỉ số",
    categories: "A2:A4",
    series: [
      { name: "Nhận thức số", values: "B2:B4" },
      { name: "Hạ tầng số", values: "C2:C4" },
    ],
    dataSheet: CHARTS,
    from: "A1",
    to: "J20",
  };
  const xml = chartSpaceXml(plan, { categories: ["A", "B", "C"], series: [[1, 2, 3], [4, 5, 6]] });

  test("its kind, title and series, as the project writes them and as LibreOffice saves them (names from cells, in plotting order)", () => {
    expect(foundChartOf(xml)).toEqual({ kind: "stackedBar", title: "Điểm theo nhóm chỉ số", series: ["Nhận thức số", "Hạ tầng số"] });
    // LibreOffice: each name a string reference with its cached text; Excel: a cell's, joined when several.
    const saved = xml
      .replace("<c:tx><c:v>Nhận thức số</c:v></c:tx>", `<c:tx><c:strRef><c:f>&quot;Nhận thức số&quot;</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Nhận thức số</c:v></c:pt></c:strCache></c:strRef></c:tx>`)
      .replace("<c:tx><c:v>Hạ tầng số</c:v></c:tx>", `<c:tx><c:strRef><c:f>'Biểu đồ'!$C$1:$D$1</c:f><c:strCache><c:ptCount val="2"/><c:pt idx="0"><c:v>Hạ tầng</c:v></c:pt><c:pt idx="1"><c:v>số</c:v></c:pt></c:strCache></c:strRef></c:tx>`);
    expect(foundChartOf(saved).series).toEqual(["Nhận thức số", "Hạ tầng số"]);
    // Plotted in another order than written: their order's.
    const swapped = xml.replace('<c:order val="0"/>', '<c:order val="9"/>');
    expect(foundChartOf(swapped).series).toEqual(["Hạ tầng số", "Nhận thức số"]);
  });

  test("bars across side by side, stacked, and a radar of lines are the plan's kinds; columns, bars to 100%, a filled radar or two kinds in one plot are none", () => {
    expect(foundChartOf(xml.replace('<c:grouping val="stacked"/>', '<c:grouping val="clustered"/>')).kind).toBe("barSorted");
    expect(foundChartOf(xml.replace('<c:grouping val="stacked"/>', "")).kind).toBe("barSorted");
    expect(foundChartOf(chartSpaceXml({ ...plan, kind: "radar" }, { categories: ["A", "B", "C"], series: [[1, 2, 3], [4, 5, 6]] })).kind).toBe("radar");
    expect(foundChartOf(xml.replace('<c:barDir val="bar"/>', '<c:barDir val="col"/>')).kind).toBeUndefined();
    expect(foundChartOf(xml.replace('<c:grouping val="stacked"/>', '<c:grouping val="percentStacked"/>')).kind).toBeUndefined();
    const radar = chartSpaceXml({ ...plan, kind: "radar" }, { categories: ["A", "B", "C"], series: [[1, 2, 3], [4, 5, 6]] });
    expect(foundChartOf(radar.replace('<c:radarStyle val="marker"/>', '<c:radarStyle val="filled"/>')).kind).toBeUndefined();
    const bars = /<c:barChart>[\s\S]*?<\/c:barChart>/.exec(xml)![0];
    expect(foundChartOf(xml.replace(bars, bars + bars.replace(/barChart>/g, "lineChart>"))).kind).toBeUndefined();
    // A chart without a title: none.
    expect(foundChartOf(xml.replace(/<c:title>[\s\S]*?<\/c:title>/, "")).title).toBeUndefined();
  });
});
