import ExcelJS from "exceljs";
import JSZip from "jszip";
import { deflateSync } from "node:zlib";
import { runScoring } from "../../core/pipeline";
import type { ChartPlan } from "../../core/types";
import { findBuiltin } from "../../indices";
import { addCharts } from "./charts";
import { XlsxHost } from "./host";
import { insertDrawingElement, preserveDrawings, topLevelChildren } from "./preserve";
import { packageProblems } from "./carry-parts-workbooks";

// ---------------------------------------------------------------------------------------------
// A user's workbook: HDI data in layout B, with the user's own charts, pictures and a text box

const DATA = "Số liệu";
const NOTES = "Ghi chép";
const CHART_ONLY = "Biểu đồ riêng";
const COUNTRIES: [string, string, number, number, number, number][] = [
  ["VNM", "Việt Nam", 73.6, 13, 8.4, 11000],
  ["THA", "Thái Lan", 79.7, 15.7, 8.7, 17000],
  ["LAO", "Lào", 68.1, 10.1, 5.5, 7500],
  ["KHM", "Campuchia", 69.9, 11.5, 5.1, 4100],
];
const CHART_STYLE = "application/vnd.ms-office.chartstyle+xml";
const CHART_COLORS = "application/vnd.ms-office.chartcolorstyle+xml";
const TEXT_BOX = "Ghi chú của chuyên viên: số liệu năm 2022";

function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const b of buf) {
    let c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A real PNG of one colour. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(rgb, y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const RED = png(60, 30, [200, 30, 30]);
const BLUE = png(40, 40, [30, 60, 200]);

function userChart(name: string, title: string, values: string, from: string, to: string): ChartPlan {
  return { name, kind: "barSorted", title, categories: "B2:B5", series: [{ name: "Tuổi thọ", values }], dataSheet: DATA, from, to };
}

const USER_CHARTS = {
  [DATA]: userChart("user-life", "Tuổi thọ trung bình (biểu đồ của người dùng)", "C2:C5", "H12", "N26"),
  [NOTES]: userChart("user-income", "GNI bình quân (biểu đồ của người dùng)", "F2:F5", "J2", "P16"),
  [CHART_ONLY]: userChart("user-schooling", "Số năm đi học (biểu đồ của người dùng)", "D2:D5", "A1", "H15"),
};

/** The workbook as a person would have it before the first scoring run. */
async function userWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const data = wb.addWorksheet(DATA);
  data.addRow(["Mã đơn vị", "Đơn vị", "le", "eys", "mys", "gnipc"]);
  for (const c of COUNTRIES) data.addRow(c);
  const red = wb.addImage({ buffer: RED, extension: "png" } as unknown as ExcelJS.Image);
  const blue = wb.addImage({ buffer: BLUE, extension: "png" } as unknown as ExcelJS.Image);
  data.addImage(red, { tl: { col: 7, row: 1 }, ext: { width: 120, height: 60 } });

  const notes = wb.addWorksheet(NOTES);
  notes.getCell("A1").value = "Ghi chép của phòng Kế hoạch";
  notes.getCell("A2").value = { text: "Báo cáo HDR", hyperlink: "https://hdr.undp.org" };
  notes.getCell("A3").value = "Nguồn";
  notes.getCell("A3").note = "Nguồn: UNDP";
  notes.addTable({
    name: "UserNotes",
    ref: "A5",
    columns: [{ name: "Việc" }, { name: "Hạn" }],
    rows: [
      ["Rà soát số liệu", "15/6"],
      ["Gửi Sở", "30/6"],
    ],
  });
  notes.addConditionalFormatting({
    ref: "B10:B14",
    rules: [{ type: "dataBar", priority: 1, cfvo: [{ type: "min" }, { type: "max" }], color: { argb: "FF638EC6" } } as unknown as ExcelJS.ConditionalFormattingRule],
  });
  [3, 7, 5, 9, 1].forEach((v, i) => (notes.getCell(`B${10 + i}`).value = v));
  notes.pageSetup = { orientation: "landscape", paperSize: 9 };
  notes.headerFooter = { oddHeader: "&CGhi chép" };
  notes.addImage(blue, { tl: { col: 1, row: 17 }, ext: { width: 40, height: 40 } });
  notes.addImage(red, { tl: { col: 4, row: 17 }, ext: { width: 120, height: 60 } });

  // A sheet with only a chart: ExcelJS writes no drawing for it at all. It also has the parts
  // that must come after <drawing> (a table, a data bar's extension) and those before it.
  const chartOnly = wb.addWorksheet(CHART_ONLY);
  chartOnly.getCell("A20").value = "Biểu đồ tự vẽ";
  chartOnly.addTable({ name: "UserYears", ref: "A22", columns: [{ name: "Năm" }, { name: "Ghi chú" }], rows: [[2021, "a"], [2022, "b"]] });
  chartOnly.addConditionalFormatting({
    ref: "A23:A24",
    rules: [{ type: "dataBar", priority: 1, cfvo: [{ type: "min" }, { type: "max" }], color: { argb: "FF63BE7B" } } as unknown as ExcelJS.ConditionalFormattingRule],
  });
  chartOnly.pageSetup = { orientation: "portrait", paperSize: 9 };
  chartOnly.headerFooter = { oddFooter: "&CTrang &P" };

  // The user's charts: native chart parts on their own sheets, as Excel would have saved them.
  let bytes = await addCharts(
    new Uint8Array(await wb.xlsx.writeBuffer()),
    Object.entries(USER_CHARTS).map(([sheet, plan]) => ({ sheet, plan })),
  );
  bytes = await withChartStyleAndTextBox(bytes);
  return bytes;
}

/** Excel saves a chart with style and colour parts; users also draw text boxes (which ExcelJS drops). */
async function withChartStyleAndTextBox(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  // addCharts puts <drawing> before the first "<extLst", which on a sheet with a data bar is inside
  // the rule: move it to where Excel writes it (before <tableParts>) so the fixture is a valid file.
  const chartOnlyPath = await sheetPathOf(zip, CHART_ONLY);
  const chartOnlyXml = await zip.file(chartOnlyPath)!.async("string");
  const element = /<drawing r:id="[^"]*"\/>/.exec(chartOnlyXml)![0];
  zip.file(chartOnlyPath, chartOnlyXml.replace(element, "").replace("<tableParts", `${element}<tableParts`));
  const notesDrawing = await drawingPathOf(zip, NOTES);
  const chartRel = (await relsOf(zip, notesDrawing)).find((r) => r.type.endsWith("/chart"))!;
  const chartPath = resolve(notesDrawing, chartRel.target);
  zip.file("xl/charts/style1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cs:chartStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" id="201"/>`);
  zip.file("xl/charts/colors1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cs:colorStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" meth="cycle" id="10"><a:schemeClr val="accent1"/></cs:colorStyle>`);
  zip.file(
    relsPath(chartPath),
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2011/relationships/chartColorStyle" Target="colors1.xml"/>` +
      `<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/chartStyle" Target="style1.xml"/></Relationships>`,
  );
  let types = await zip.file("[Content_Types].xml")!.async("string");
  types = types.replace(
    "</Types>",
    `<Override PartName="/xl/charts/style1.xml" ContentType="${CHART_STYLE}"/><Override PartName="/xl/charts/colors1.xml" ContentType="${CHART_COLORS}"/></Types>`,
  );
  zip.file("[Content_Types].xml", types);
  const textBox =
    `<xdr:twoCellAnchor><xdr:from><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>24</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
    `<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="40" name="Hộp văn bản 1"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>` +
    `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>` +
    `<a:solidFill><a:srgbClr val="FFF2CC"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="BF9000"/></a:solidFill></a:ln></xdr:spPr>` +
    `<xdr:txBody><a:bodyPr wrap="square"/><a:lstStyle/><a:p><a:r><a:rPr lang="vi-VN" sz="1100"/><a:t>${TEXT_BOX}</a:t></a:r></a:p></xdr:txBody></xdr:sp>` +
    `<xdr:clientData/></xdr:twoCellAnchor>`;
  const drawing = await zip.file(notesDrawing)!.async("string");
  zip.file(notesDrawing, drawing.replace("</xdr:wsDr>", `${textBox}</xdr:wsDr>`));
  return zip.generateAsync({ type: "uint8array" });
}

// ---------------------------------------------------------------------------------------------
// Reading a package back

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function relsPath(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function resolve(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

async function relsOf(zip: JSZip, part: string): Promise<Rel[]> {
  const xml = await zip.file(relsPath(part))?.async("string");
  if (xml === undefined) return [];
  return [...xml.matchAll(/<Relationship\b([^>]*?)\/?>/g)].map((m) => {
    const a = m[1]!;
    const get = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(a)?.[1] ?? "";
    return { id: get("Id"), type: get("Type"), target: get("Target").replace(/&amp;/g, "&"), external: /TargetMode="External"/.test(a) };
  });
}

async function sheetPathOf(zip: JSZip, name: string): Promise<string> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const sheet = [...workbook.matchAll(/<sheet\b([^>]*?)\/>/g)].find((m) => m[1]!.includes(`name="${name}"`));
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rid = /r:id="([^"]*)"/.exec(sheet[1]!)![1];
  const rel = (await relsOf(zip, "xl/workbook.xml")).find((r) => r.id === rid)!;
  return resolve("xl/workbook.xml", rel.target);
}

async function drawingPathOf(zip: JSZip, sheet: string): Promise<string> {
  const path = await sheetPathOf(zip, sheet);
  const xml = await zip.file(path)!.async("string");
  const ids = [...xml.matchAll(/<drawing r:id="([^"]*)"\/>/g)].map((m) => m[1]);
  if (ids.length !== 1) throw new Error(`sheet ${sheet} has ${ids.length} drawing elements`);
  const rel = (await relsOf(zip, path)).find((r) => r.id === ids[0])!;
  return resolve(path, rel.target);
}

interface SheetDrawing {
  /** Chart titles, in drawing order. */
  charts: string[];
  /** The bytes of the pictures, in drawing order (as base64). */
  pictures: string[];
  textBoxes: string[];
  chartParts: string[];
  chartXml: string[];
}

async function sheetDrawing(zip: JSZip, sheet: string): Promise<SheetDrawing> {
  const path = await drawingPathOf(zip, sheet);
  const xml = await zip.file(path)!.async("string");
  const rels = await relsOf(zip, path);
  const out: SheetDrawing = { charts: [], pictures: [], textBoxes: [], chartParts: [], chartXml: [] };
  for (const m of xml.matchAll(/<xdr:(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/xdr:\1>/g)) {
    const anchor = m[0];
    const chartId = /<c:chart\b[^>]*?r:id="([^"]*)"/.exec(anchor)?.[1];
    const embed = /<a:blip\b[^>]*?r:embed="([^"]*)"/.exec(anchor)?.[1];
    if (chartId) {
      const part = resolve(path, rels.find((r) => r.id === chartId)!.target);
      const chart = await zip.file(part)!.async("string");
      out.chartParts.push(part);
      out.chartXml.push(chart);
      out.charts.push(/<c:title>[\s\S]*?<a:t>([^<]*)<\/a:t>/.exec(chart)![1]!);
    } else if (embed) {
      const part = resolve(path, rels.find((r) => r.id === embed)!.target);
      out.pictures.push(Buffer.from(await zip.file(part)!.async("uint8array")).toString("base64"));
    } else {
      const text = /<a:t>([^<]*)<\/a:t>/.exec(anchor)?.[1];
      if (text) out.textBoxes.push(text);
    }
  }
  return out;
}

/** The order of the children of <worksheet> (CT_Worksheet, ECMA-376 Part 1, 18.3.1.99). */
const WORKSHEET_ORDER = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
  "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
  "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup",
  "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
  "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
];

function childOrder(sheetXml: string): string[] {
  return topLevelChildren(sheetXml).children.map((c) => c.name);
}

/** <drawing> comes after every child the schema puts before it, and before every child it puts after it. */
function drawingInPlace(names: string[]): boolean {
  const at = names.indexOf("drawing");
  const rank = WORKSHEET_ORDER.indexOf("drawing");
  return (
    at >= 0 &&
    names.every((n, i) => i === at || WORKSHEET_ORDER.indexOf(n) >= 0) &&
    names.every((n, i) => i === at || (i < at ? WORKSHEET_ORDER.indexOf(n) < rank : WORKSHEET_ORDER.indexOf(n) > rank))
  );
}

async function score(file: Uint8Array): Promise<Uint8Array> {
  const host = await XlsxHost.fromBuffer(file, "hdi.xlsx");
  const result = await runScoring(host, {
    definition: findBuiltin("undp-hdi")!.definition,
    lang: "vi",
    projectVersion: "test",
    now: new Date("2024-06-01T00:00:00Z"),
  });
  expect(result.submissions.map((s) => s.code)).toEqual(COUNTRIES.map((c) => c[0]));
  return host.toBuffer();
}

/** The same workbook with two sheets' part names exchanged (as Excel leaves them after moving sheets). */
async function swapSheetParts(bytes: Uint8Array, a: string, b: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = [a, b, relsPath(a), relsPath(b)];
  const contents = await Promise.all(parts.map((p) => zip.file(p)?.async("uint8array")));
  parts.forEach((p) => zip.remove(p));
  const [ca, cb, ra, rb] = contents;
  zip.file(b, ca!);
  zip.file(a, cb!);
  if (ra) zip.file(relsPath(b), ra);
  if (rb) zip.file(relsPath(a), rb);
  const name = (p: string) => p.replace("xl/", "");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  zip.file(
    "xl/_rels/workbook.xml.rels",
    rels.replace(`"${name(a)}"`, '"@@"').replace(`"${name(b)}"`, `"${name(a)}"`).replace('"@@"', `"${name(b)}"`),
  );
  return zip.generateAsync({ type: "uint8array" });
}

async function openExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

// ---------------------------------------------------------------------------------------------

describe("preserving the user's drawings when the xlsx host writes a workbook", () => {
  let original: Uint8Array;
  let scored: Uint8Array;
  let rescored: Uint8Array;

  beforeAll(async () => {
    original = await userWorkbook();
    scored = await score(original);
    rescored = await score(scored);
  }, 60_000);

  test("the fixture is what a user would have: charts, pictures and a text box on their own sheets", async () => {
    const zip = await JSZip.loadAsync(original);
    expect((await sheetDrawing(zip, DATA)).charts).toEqual([USER_CHARTS[DATA].title]);
    const notes = await sheetDrawing(zip, NOTES);
    expect(notes.charts).toEqual([USER_CHARTS[NOTES].title]);
    expect(notes.pictures).toEqual([BLUE.toString("base64"), RED.toString("base64")]);
    expect(notes.textBoxes).toEqual([TEXT_BOX]);
  });

  test("after scoring, every user chart is still on its sheet with the same chart content", async () => {
    const before = await JSZip.loadAsync(original);
    const after = await JSZip.loadAsync(scored);
    for (const sheet of [DATA, NOTES, CHART_ONLY]) {
      const was = await sheetDrawing(before, sheet);
      const now = await sheetDrawing(after, sheet);
      expect(now.charts).toEqual([USER_CHARTS[sheet as keyof typeof USER_CHARTS].title]);
      expect(now.chartXml).toEqual(was.chartXml);
    }
    // The chart formulas name the data sheet: they still point at the user's figures.
    expect((await sheetDrawing(after, NOTES)).chartXml[0]).toContain(`<c:f>'${DATA}'!$F$2:$F$5</c:f>`);
  });

  test("after scoring, the user's pictures and text box are still there, each once", async () => {
    const after = await JSZip.loadAsync(scored);
    expect((await sheetDrawing(after, DATA)).pictures).toEqual([RED.toString("base64")]);
    const notes = await sheetDrawing(after, NOTES);
    expect(notes.pictures).toEqual([BLUE.toString("base64"), RED.toString("base64")]);
    expect(notes.textBoxes).toEqual([TEXT_BOX]);
    // One copy of each image in the package, shared by the sheets that show it.
    const media = Object.keys(after.files).filter((p) => p.startsWith("xl/media/") && !after.files[p]!.dir);
    expect(media).toHaveLength(2);
  });

  test("a chart's style and colour parts come along, with their content types", async () => {
    const after = await JSZip.loadAsync(scored);
    const chart = (await sheetDrawing(after, NOTES)).chartParts[0]!;
    const rels = await relsOf(after, chart);
    const style = rels.find((r) => r.type.endsWith("/chartStyle"))!;
    const colors = rels.find((r) => r.type.endsWith("/chartColorStyle"))!;
    expect(await after.file(resolve(chart, style.target))!.async("string")).toContain('<cs:chartStyle');
    expect(await after.file(resolve(chart, colors.target))!.async("string")).toContain('meth="cycle"');
    const types = await after.file("[Content_Types].xml")!.async("string");
    expect(types).toContain(`PartName="/${resolve(chart, style.target)}" ContentType="${CHART_STYLE}"`);
    expect(types).toContain(`PartName="/${resolve(chart, colors.target)}" ContentType="${CHART_COLORS}"`);
  });

  test("the scored file is a consistent package: no dangling relationship, every part typed", async () => {
    expect(await packageProblems(await JSZip.loadAsync(scored))).toEqual([]);
    expect(await packageProblems(await JSZip.loadAsync(rescored))).toEqual([]);
  });

  test("each user sheet has one drawing element, in the place the worksheet schema requires", async () => {
    const after = await JSZip.loadAsync(scored);
    for (const sheet of [DATA, NOTES, CHART_ONLY]) {
      const xml = await after.file(await sheetPathOf(after, sheet))!.async("string");
      const order = childOrder(xml);
      expect(order.filter((n) => n === "drawing")).toHaveLength(1);
      expect(drawingInPlace(order)).toBe(true);
    }
    // The chart-only sheet had no drawing in what ExcelJS wrote: the element was put in place, between
    // the page setup and header/footer before it and the table after it, and not inside the data
    // bar rule, whose own <extLst> comes earlier in the file.
    const chartOnlyXml = await after.file(await sheetPathOf(after, CHART_ONLY))!.async("string");
    const chartOnly = childOrder(chartOnlyXml);
    expect(chartOnlyXml.indexOf("<extLst")).toBeLessThan(chartOnlyXml.indexOf("<drawing"));
    expect(chartOnly.slice(chartOnly.indexOf("pageSetup"))).toEqual(["pageSetup", "headerFooter", "drawing", "tableParts"]);
  });

  test("the project's results and charts are written as usual next to the user's drawings", async () => {
    const after = await JSZip.loadAsync(scored);
    const wb = await openExcelJs(scored);
    const ownCharts = wb.worksheets.find((w) => w.name === "Biểu đồ");
    expect(ownCharts).toBeDefined();
    const projectCharts = await sheetDrawing(after, "Biểu đồ");
    expect(projectCharts.charts.length).toBeGreaterThan(0);
    const allCharts = Object.keys(after.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    expect(allCharts).toHaveLength(projectCharts.charts.length + 3);
    expect(wb.getWorksheet("Kết quả")!.getCell("A1").value).toBeTruthy();
  });

  test("the scored file opens in ExcelJS with the user's cells, table and pictures", async () => {
    const wb = await openExcelJs(scored);
    const notes = wb.getWorksheet(NOTES)!;
    expect(notes.getCell("A1").value).toBe("Ghi chép của phòng Kế hoạch");
    expect(notes.getTable("UserNotes")).toBeDefined();
    expect(notes.getImages()).toHaveLength(2);
    expect(wb.getWorksheet(DATA)!.getImages()).toHaveLength(1);
    expect(wb.getWorksheet(DATA)!.getCell("B2").value).toBe("Việt Nam");
  });

  test("scoring the scored file again keeps one copy of every user drawing and of every project chart", async () => {
    const first = await JSZip.loadAsync(scored);
    const second = await JSZip.loadAsync(rescored);
    for (const sheet of [DATA, NOTES, CHART_ONLY, "Biểu đồ"]) {
      const a = await sheetDrawing(first, sheet);
      const b = await sheetDrawing(second, sheet);
      expect({ charts: b.charts, pictures: b.pictures, textBoxes: b.textBoxes }).toEqual({
        charts: a.charts,
        pictures: a.pictures,
        textBoxes: a.textBoxes,
      });
    }
    const count = (zip: JSZip, re: RegExp) => Object.keys(zip.files).filter((p) => re.test(p)).length;
    for (const re of [/^xl\/charts\/chart\d+\.xml$/, /^xl\/media\//, /^xl\/drawings\/drawing\d+\.xml$/, /^xl\/charts\/(style|colors)\d+\.xml$/]) {
      expect(count(second, re)).toBe(count(first, re));
    }
  });
});

describe("preserveDrawings on its own", () => {
  test("a sheet ExcelJS renumbered gets its drawing back by name, not by part number", async () => {
    // Excel keeps part names when sheets are moved: here the data sheet (sheetId 1) lives in
    // sheet2.xml and the notes sheet (sheetId 2) in sheet1.xml. ExcelJS writes sheetN.xml by sheetId.
    const original = await swapSheetParts(await userWorkbook(), "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml");
    const written = new Uint8Array(await (await openExcelJs(original)).xlsx.writeBuffer());
    const [before, after] = [await JSZip.loadAsync(original), await JSZip.loadAsync(written)];
    expect(await sheetPathOf(before, NOTES)).toBe("xl/worksheets/sheet1.xml");
    expect(await sheetPathOf(after, NOTES)).toBe("xl/worksheets/sheet2.xml");
    const kept = await JSZip.loadAsync(await preserveDrawings(original, written, { skipSheets: [] }));
    expect((await sheetDrawing(kept, NOTES)).charts).toEqual([USER_CHARTS[NOTES].title]);
    expect((await sheetDrawing(kept, NOTES)).textBoxes).toEqual([TEXT_BOX]);
    expect((await sheetDrawing(kept, DATA)).charts).toEqual([USER_CHARTS[DATA].title]);
    expect((await sheetDrawing(kept, DATA)).pictures).toEqual([RED.toString("base64")]);
    expect(await packageProblems(kept)).toEqual([]);
  });

  test("the drawings of sheets the project owns are left to the project", async () => {
    const original = await userWorkbook();
    const written = new Uint8Array(await (await openExcelJs(original)).xlsx.writeBuffer());
    const kept = await JSZip.loadAsync(await preserveDrawings(original, written, { skipSheets: [CHART_ONLY] }));
    const xml = await kept.file(await sheetPathOf(kept, CHART_ONLY))!.async("string");
    expect(xml).not.toContain("<drawing");
    expect((await sheetDrawing(kept, DATA)).charts).toEqual([USER_CHARTS[DATA].title]);
  });

  test("a picture the program added next to the user's own drawing is kept too", async () => {
    const original = await userWorkbook();
    const wb = await openExcelJs(original);
    const green = wb.addImage({ buffer: png(10, 10, [20, 160, 40]), extension: "png" } as unknown as ExcelJS.Image);
    wb.getWorksheet(NOTES)!.addImage(green, { tl: { col: 12, row: 30 }, ext: { width: 10, height: 10 } });
    const written = new Uint8Array(await wb.xlsx.writeBuffer());
    const kept = await JSZip.loadAsync(await preserveDrawings(original, written, { skipSheets: [] }));
    const notes = await sheetDrawing(kept, NOTES);
    expect(notes.pictures).toEqual([BLUE, RED, png(10, 10, [20, 160, 40])].map((b) => b.toString("base64")));
    expect(notes.charts).toEqual([USER_CHARTS[NOTES].title]);
    expect(notes.textBoxes).toEqual([TEXT_BOX]);
    const drawing = await kept.file(await drawingPathOf(kept, NOTES))!.async("string");
    const ids = [...drawing.matchAll(/<xdr:cNvPr\b[^>]*?\bid="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await packageProblems(kept)).toEqual([]);
  });

  test("the drawing element goes before legacyDrawing and tableParts, and after pageSetup, wherever extLst is nested", () => {
    const sheet =
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      `<sheetData/><conditionalFormatting sqref="A1"><cfRule type="dataBar"><extLst><ext/></extLst></cfRule></conditionalFormatting>` +
      `<pageMargins/><pageSetup/><headerFooter><oddHeader>&amp;C&lt;tableParts&gt;</oddHeader></headerFooter>` +
      `<legacyDrawing r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/><tableParts count="1"/><extLst/></worksheet>`;
    const out = insertDrawingElement(sheet, "rId9");
    expect(childOrder(out)).toEqual(["sheetData", "conditionalFormatting", "pageMargins", "pageSetup", "headerFooter", "drawing", "legacyDrawing", "tableParts", "extLst"]);
    expect(out).toContain('<drawing r:id="rId9"/>');
    expect(out).toMatch(/<worksheet [^>]*xmlns:r="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships"/);
  });
});
