import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { ChartPlan } from "../../core/types";
import { addCharts, chartSpaceXml } from "./charts";

const RESULTS = "Kết quả";
const CHARTS = "Biểu đồ";
const UNITS = ["Sở Tư pháp", "Sở Y tế", "Sở Giáo dục & Đào tạo", "Văn phòng UBND <tỉnh>"];
const TOTALS = [182.5, 171.25, 160, 149.75];
const GROUPS = [
  [35, 20, 25, 22.5, 20, 60],
  [30, 25, 20, 21.25, 25, 50],
  [40, 15, 25, 20, 10, 50],
  [20, 25, 25, 25, 19.75, 35],
];
const GROUP_NAMES = ["Nhận thức số", "Thể chế số", "Hạ tầng số", "Nhân lực số", "An toàn thông tin mạng", "Hoạt động chính quyền số"];

async function scoredWorkbook(options: { withImage?: boolean } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const results = wb.addWorksheet(RESULTS);
  results.addRow(["Hạng", "Đơn vị", "Tổng điểm", ...GROUP_NAMES]);
  UNITS.forEach((u, i) => results.addRow([i + 1, u, TOTALS[i], ...GROUPS[i]!]));
  // Radar data: one row per group, one column per unit.
  results.getCell("L1").value = "Nhóm";
  GROUP_NAMES.forEach((g, j) => {
    results.getCell(`L${j + 2}`).value = g;
    results.getCell(`M${j + 2}`).value = { formula: `D${j + 2}`, result: GROUPS[0]![j]! };
    results.getCell(`N${j + 2}`).value = GROUPS[1]![j]!;
  });
  const charts = wb.addWorksheet(CHARTS);
  charts.getCell("A1").value = "Biểu đồ kết quả chấm điểm";
  if (options.withImage) {
    // A 1×1 PNG: the sheet then already has a drawing part written by ExcelJS.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    const id = wb.addImage({ buffer: png, extension: "png" } as unknown as ExcelJS.Image);
    charts.addImage(id, "P2:Q3");
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const totalChart: ChartPlan = {
  name: "dti-total",
  kind: "barSorted",
  title: "Tổng điểm theo đơn vị",
  categories: "B2:B5",
  series: [{ name: "Tổng điểm", values: "C2:C5" }],
  dataSheet: RESULTS,
  from: "A3",
  to: "J22",
  xAxisTitle: "Đơn vị",
  yAxisTitle: "Điểm",
};
const stackedChart: ChartPlan = {
  name: "dti-groups",
  kind: "stackedBar",
  title: "Điểm các nhóm chỉ số",
  categories: "B2:B5",
  series: GROUP_NAMES.map((g, j) => ({ name: g, values: `${String.fromCharCode(68 + j)}2:${String.fromCharCode(68 + j)}5` })),
  dataSheet: RESULTS,
  from: "L3",
  to: "U22",
};
const radarChart: ChartPlan = {
  name: "dti-profile",
  kind: "radar",
  title: "Hồ sơ nhóm chỉ số: so sánh đơn vị",
  categories: "L2:L7",
  series: [
    { name: UNITS[0]!, values: "M2:M7" },
    { name: UNITS[1]!, values: "N2:N7" },
  ],
  dataSheet: RESULTS,
  from: "A24",
  to: "J44",
};
const ALL = [totalChart, stackedChart, radarChart].map((plan) => ({ sheet: CHARTS, plan }));

async function text(zip: JSZip, path: string): Promise<string> {
  const f = zip.file(path);
  if (!f) throw new Error(`missing part ${path}`);
  return f.async("string");
}

/** Chart parts reachable from a sheet: sheet → drawing → charts, following the relationships. */
async function chartsOfSheet(zip: JSZip, sheetName: string): Promise<{ drawing: string; charts: Map<string, string> }> {
  const workbook = await text(zip, "xl/workbook.xml");
  const rid = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const wbRels = await text(zip, "xl/_rels/workbook.xml.rels");
  const sheetTarget = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(wbRels)?.[1] ?? "";
  const sheetPath = `xl/${sheetTarget.replace(/^\/?xl\//, "")}`;
  const sheetXml = await text(zip, sheetPath);
  const drawingRid = /<drawing r:id="([^"]+)"\/>/.exec(sheetXml)?.[1];
  expect(drawingRid).toBeDefined();
  const sheetRels = await text(zip, sheetPath.replace(/worksheets\/(sheet\d+\.xml)$/, "worksheets/_rels/$1.rels"));
  const drawingTarget = new RegExp(`Id="${drawingRid}"[^>]*Target="([^"]+)"`).exec(sheetRels)?.[1] ?? "";
  const drawingPath = `xl/drawings/${drawingTarget.split("/").pop()}`;
  const drawing = await text(zip, drawingPath);
  const drawingRels = await text(zip, drawingPath.replace(/drawings\/(drawing\d+\.xml)$/, "drawings/_rels/$1.rels"));
  const charts = new Map<string, string>();
  for (const m of drawing.matchAll(/<xdr:cNvPr id="\d+" name="([^"]+)"[\s\S]*?<c:chart [^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(drawingRels)?.[1] ?? "";
    charts.set(m[1]!, await text(zip, `xl/charts/${target.split("/").pop()}`));
  }
  return { drawing, charts };
}

describe("native charts in a scored workbook", () => {
  test("the charts sheet gets a bar, a stacked bar and a radar chart linked from the sheet through its drawing", async () => {
    const out = await addCharts(await scoredWorkbook(), ALL);
    const zip = await JSZip.loadAsync(out);
    const { drawing, charts } = await chartsOfSheet(zip, CHARTS);
    expect([...charts.keys()]).toEqual(["dti-total", "dti-groups", "dti-profile"]);

    const total = charts.get("dti-total")!;
    expect(total).toMatch(/<c:barChart><c:barDir val="bar"\/><c:grouping val="clustered"\/>/);
    expect(total).toContain("<a:t>Tổng điểm theo đơn vị</a:t>");
    expect(total).toContain("<a:t>Đơn vị</a:t>");
    expect(total).toContain("<a:t>Điểm</a:t>");
    expect(total).toContain("<c:f>'Kết quả'!$B$2:$B$5</c:f>");
    expect(total).toContain("<c:f>'Kết quả'!$C$2:$C$5</c:f>");
    // Values cached from the sheet, names XML-escaped.
    expect(total).toContain('<c:pt idx="2"><c:v>Sở Giáo dục &amp; Đào tạo</c:v></c:pt>');
    expect(total).toContain('<c:pt idx="3"><c:v>Văn phòng UBND &lt;tỉnh&gt;</c:v></c:pt>');
    expect(total).toContain('<c:pt idx="1"><c:v>171.25</c:v></c:pt>');

    const stacked = charts.get("dti-groups")!;
    expect(stacked).toContain('<c:grouping val="stacked"/>');
    expect(stacked).toContain('<c:overlap val="100"/>');
    expect(stacked.match(/<c:ser>/g)).toHaveLength(6);
    expect(stacked).toContain("<c:f>'Kết quả'!$I$2:$I$5</c:f>");
    expect(stacked).toContain("<c:v>Hoạt động chính quyền số</c:v>");

    const radar = charts.get("dti-profile")!;
    expect(radar).toContain('<c:radarChart><c:radarStyle val="marker"/>');
    expect(radar.match(/<c:ser>/g)).toHaveLength(2);
    // A formula cell contributes its cached result.
    expect(radar).toContain('<c:pt idx="5"><c:v>60</c:v></c:pt>');

    // Anchored from the plan's top-left cell to the end of its bottom-right cell.
    expect(drawing).toContain(
      "<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>" +
        "<xdr:to><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>22</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>",
    );

    const types = await text(zip, "[Content_Types].xml");
    for (const n of [1, 2, 3]) {
      expect(types).toContain(`<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
    }
    expect(types).toMatch(/PartName="\/xl\/drawings\/drawing1\.xml" ContentType="application\/vnd\.openxmlformats-officedocument\.drawing\+xml"/);
  });

  test("values given with the request are cached instead of the sheet's", async () => {
    const out = await addCharts(await scoredWorkbook(), [
      { sheet: CHARTS, plan: totalChart, cache: { categories: ["Đơn vị A", "Đơn vị B"], series: [[10.5, 9]] } },
    ]);
    const { charts } = await chartsOfSheet(await JSZip.loadAsync(out), CHARTS);
    const xml = charts.get("dti-total")!;
    expect(xml).toContain('<c:pt idx="0"><c:v>Đơn vị A</c:v></c:pt>');
    expect(xml).toContain('<c:pt idx="0"><c:v>10.5</c:v></c:pt>');
    expect(xml).not.toContain("Sở Tư pháp");
  });

  test("a bar chart names its units in letters as large as its height allows them, every one, or with a few hundred units every few; the radar keeps its own", () => {
    /** The category axis's label size (points) and how many units each name stands for, of `count` units on a chart of `rows` rows. */
    const axis = (count: number, rows: number, plan: ChartPlan = totalChart) => {
      const names = Array.from({ length: count }, (_, i) => `Tỉnh số ${i + 1}`);
      const xml = chartSpaceXml(
        { ...plan, categories: `B2:B${count + 1}`, series: plan.series.map((s) => ({ ...s, values: `C2:C${count + 1}` })), from: "A1", to: `R${rows}` },
        { categories: names, series: plan.series.map(() => names.map((_, i) => 100 - i / 10)) },
      );
      const catAx = /<c:catAx>[\s\S]*?<\/c:catAx>/.exec(xml)![0];
      return {
        size: Number(/<a:defRPr sz="(\d+)"\/>/.exec(catAx.replace(/<c:title>[\s\S]*?<\/c:title>/, ""))?.[1]) / 100,
        skip: Number(/<c:tickLblSkip val="(\d+)"\/>/.exec(catAx)?.[1] ?? Number.NaN),
      };
    };
    // 20 units on a landscape page (31 rows): the usual size.
    expect(axis(20, 31)).toEqual({ size: 9, skip: 1 });
    // 63 on a portrait page (46 rows): each named, smaller; with a legend under the chart, smaller still.
    expect(axis(63, 46)).toEqual({ size: 7.5, skip: 1 });
    expect(axis(63, 46, stackedChart)).toEqual({ size: 7, skip: 1 });
    // 204: the smallest legible size does not fit each, so every third is named.
    expect(axis(204, 46)).toEqual({ size: 6, skip: 3 });
    // The radar's axes are the groups, not the units: no skipping, the usual size.
    const radar = chartSpaceXml(radarChart, { categories: GROUP_NAMES, series: [GROUPS[0]!, GROUPS[1]!] });
    expect(radar).not.toContain("tickLblSkip");
    expect(/<c:catAx>[\s\S]*?<\/c:catAx>/.exec(radar)![0]).toContain('<a:defRPr sz="900"/>');
  });

  test("the total's bars carry their values at their ends, in the cells' number format and the names' size; a chart without them, or too crowded to name every unit, has none", () => {
    const names = ["Đơn vị A", "Đơn vị B", "Đơn vị C", "Đơn vị D"];
    const labelled: ChartPlan = { ...totalChart, valueLabels: { numberFormat: "#,##0.00" } };
    const xml = chartSpaceXml(labelled, { categories: names, series: [[180.5, 170, 150.25, 90]] });
    const dLbls = /<c:dLbls>[\s\S]*?<\/c:dLbls>/.exec(xml)?.[0] ?? "";
    expect(dLbls).toContain('<c:numFmt formatCode="#,##0.00" sourceLinked="0"/>');
    expect(dLbls).toContain('<c:dLblPos val="outEnd"/>');
    expect(dLbls).toContain('<c:showVal val="1"/>');
    expect(dLbls).toContain('<c:showCatName val="0"/>');
    // On white: the gridlines do not run through the digits.
    expect(dLbls).toContain('<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>');
    // As large as the names on the category axis.
    const catAx = /<c:catAx>[\s\S]*?<\/c:catAx>/.exec(xml)![0].replace(/<c:title>[\s\S]*?<\/c:title>/, "");
    expect(/<a:defRPr sz="(\d+)"\/>/.exec(dLbls)?.[1]).toBe(/<a:defRPr sz="(\d+)"\/>/.exec(catAx)?.[1]);
    // In the schema's order: after the series' look, before its categories.
    expect(xml.indexOf("<c:invertIfNegative")).toBeLessThan(xml.indexOf("<c:dLbls>"));
    expect(xml.indexOf("<c:dLbls>")).toBeLessThan(xml.indexOf("<c:cat>"));
    expect(chartSpaceXml(totalChart, { categories: names, series: [[1, 2, 3, 4]] })).not.toContain("<c:dLbls>");
    const crowded = Array.from({ length: 600 }, (_, i) => `Xã ${i + 1}`);
    expect(chartSpaceXml({ ...labelled, categories: "B2:B601", series: [{ name: "Tổng điểm", values: "C2:C601" }] }, { categories: crowded, series: [crowded.map((_, i) => 100 - i / 10)] })).not.toContain("<c:dLbls>");
  });

  test("the workbook with charts still opens in ExcelJS with its values intact", async () => {
    const out = await addCharts(await scoredWorkbook(), ALL);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([RESULTS, CHARTS]);
    expect(wb.getWorksheet(RESULTS)!.getCell("B5").value).toBe("Văn phòng UBND <tỉnh>");
    expect(wb.getWorksheet(CHARTS)!.getCell("A1").value).toBe("Biểu đồ kết quả chấm điểm");
  });

  test("adding the charts a second time replaces them: one chart per name, no extra parts", async () => {
    const once = await addCharts(await scoredWorkbook(), ALL);
    const moved = { ...totalChart, title: "Tổng điểm (cập nhật)", from: "B3" };
    const twice = await addCharts(once, [{ sheet: CHARTS, plan: moved }, ALL[1]!, ALL[2]!]);
    const zip = await JSZip.loadAsync(twice);
    const { drawing, charts } = await chartsOfSheet(zip, CHARTS);
    expect([...charts.keys()]).toEqual(["dti-total", "dti-groups", "dti-profile"]);
    expect(drawing.match(/<xdr:twoCellAnchor/g)).toHaveLength(3);
    expect(charts.get("dti-total")).toContain("<a:t>Tổng điểm (cập nhật)</a:t>");
    expect(drawing).toContain("<xdr:from><xdr:col>1</xdr:col>");
    const chartParts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    expect(chartParts).toHaveLength(3);
    const types = await text(zip, "[Content_Types].xml");
    expect(types.match(/\/xl\/charts\/chart/g)).toHaveLength(3);
    const sheetDrawings = (await text(zip, "xl/worksheets/sheet2.xml")).match(/<drawing /g);
    expect(sheetDrawings).toHaveLength(1);
  });

  test("a sheet that already has a picture keeps it and gets the charts in the same drawing", async () => {
    const out = await addCharts(await scoredWorkbook({ withImage: true }), ALL);
    const zip = await JSZip.loadAsync(out);
    const { drawing, charts } = await chartsOfSheet(zip, CHARTS);
    expect(charts.size).toBe(3);
    expect(drawing).toContain("<xdr:pic>");
    expect(drawing.match(/<xdr:twoCellAnchor|<xdr:oneCellAnchor/g)).toHaveLength(4);
    const ids = [...drawing.matchAll(/<xdr:cNvPr id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out) as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet(CHARTS)!.getImages()).toHaveLength(1);
  });
});
