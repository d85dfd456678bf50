/**
 * Native charts in an .xlsx file. ExcelJS cannot write charts, so after it has written the
 * workbook this module opens the zip and adds DrawingML chart parts itself:
 *   xl/charts/chartN.xml      the chart (c:chartSpace), with the current values cached
 *   xl/drawings/drawingN.xml  the anchor on the sheet (xdr:twoCellAnchor + graphicFrame)
 *   the sheet's <drawing r:id> and relationships, and [Content_Types].xml overrides.
 * Each of the plan's charts is found again among the sheet's as the Excel host finds it
 * (matchCharts): by its name, or as the project's chart the user renamed (its kind, with one of
 * the project's titles or the plan's series); one found is replaced in place under the name it
 * has, so scoring a workbook twice never duplicates a chart. A chart of the user's own is left as
 * it is.
 */
import JSZip from "jszip";
import { columnLetter, parseCell, parseRange } from "../../core/plan/a1";
import { tidyDataBarsIn } from "./finish";
import { type FoundChart, categoryAxisLabels, matchCharts, valueLabelSize, writesTitle } from "../../core/plan/charts";
import type { ChartKind, ChartPlan } from "../../core/types";
import {
  CT_DRAWING,
  ContentTypes,
  NS_R,
  REL_DRAWING,
  type Relationship,
  XML_HEAD,
  attr,
  drawingElementId,
  escapeXml,
  insertDrawingElement,
  nextRelId,
  parseRels,
  relativeTarget,
  relsPathOf,
  resolveTarget,
  sheetParts,
  unescapeXml,
  writeRels,
} from "./ooxml";

export interface ChartRequest {
  /** The sheet the chart sits on. */
  sheet: string;
  plan: ChartPlan;
  /** The values to cache in the chart. Left out: read from the data sheet of the workbook. */
  cache?: { categories: string[]; series: number[][] };
}

const NS = {
  r: NS_R,
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
};
const REL_CHART = `${NS.r}/chart`;
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/** Series colours (Office palette), repeated when there are more series. */
const PALETTE = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300"];


export async function addCharts(xlsx: Uint8Array, charts: ChartRequest[], options: { tidyDataBars?: readonly string[] } = {}): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  // The data bars ExcelJS wrote, made plain in this pass (before <drawing> goes in) rather than in one of their own.
  await tidyDataBarsIn(zip, options.tidyDataBars ?? []);
  const book = new Book(zip);
  await book.load();
  const bySheet = new Map<string, ChartRequest[]>();
  for (const c of charts) {
    const list = bySheet.get(c.sheet) ?? [];
    list.push(c);
    bySheet.set(c.sheet, list);
  }
  for (const [sheet, requests] of bySheet) await book.placeCharts(sheet, requests);
  await book.save();
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

// ---------------------------------------------------------------------------------------------
// The package: parts, relationships, content types

class Book {
  private types = new ContentTypes("");
  private sheetPaths = new Map<string, string>();
  private sharedStrings: string[] | undefined;
  private sheetXmlCache = new Map<string, string>();

  constructor(private readonly zip: JSZip) {}

  async load(): Promise<void> {
    this.types = new ContentTypes(await this.text("[Content_Types].xml"));
    const workbook = await this.text("xl/workbook.xml");
    this.sheetPaths = sheetParts(workbook, parseRels(await this.text("xl/_rels/workbook.xml.rels")), "xl/workbook.xml");
  }

  async save(): Promise<void> {
    this.zip.file("[Content_Types].xml", this.types.xml);
  }

  private async text(path: string): Promise<string> {
    const file = this.zip.file(path);
    if (!file) throw new Error(`The workbook has no part ${path}`);
    return file.async("string");
  }

  private sheetPath(sheet: string): string {
    const path = this.sheetPaths.get(sheet);
    if (!path) throw new Error(`The workbook has no sheet named "${sheet}"`);
    return path;
  }

  private nextPartNumber(folder: string, stem: string): number {
    let n = 0;
    const re = new RegExp(`^${folder}/${stem}(\\d+)\\.xml$`);
    this.zip.forEach((path) => {
      const m = re.exec(path);
      if (m) n = Math.max(n, Number(m[1]));
    });
    return n + 1;
  }

  private async readRels(relsPath: string): Promise<Relationship[]> {
    const file = this.zip.file(relsPath);
    return file ? parseRels(await file.async("string")) : [];
  }

  /** The drawing part of a sheet, created and linked when the sheet has none. */
  private async drawingOf(sheetPath: string): Promise<string> {
    const relsPath = relsPathOf(sheetPath);
    const rels = await this.readRels(relsPath);
    let sheetXml = await this.text(sheetPath);
    const existing = drawingElementId(sheetXml);
    if (existing !== undefined) {
      const rel = rels.find((r) => r.id === existing);
      if (rel) return resolveTarget(sheetPath, rel.target);
    }
    const n = this.nextPartNumber("xl/drawings", "drawing");
    const drawingPath = `xl/drawings/drawing${n}.xml`;
    this.zip.file(drawingPath, `${XML_HEAD}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}"></xdr:wsDr>`);
    this.types.setOverride(drawingPath, CT_DRAWING);
    const rid = nextRelId(new Set(rels.map((r) => r.id)));
    rels.push({ id: rid, type: REL_DRAWING, target: relativeTarget(sheetPath, drawingPath), extra: "" });
    this.zip.file(relsPath, writeRels(rels));
    sheetXml = insertDrawingElement(sheetXml, rid);
    this.zip.file(sheetPath, sheetXml);
    this.sheetXmlCache.delete(sheetPath);
    return drawingPath;
  }

  async placeCharts(sheet: string, requests: ChartRequest[]): Promise<void> {
    const sheetPath = this.sheetPath(sheet);
    const drawingPath = await this.drawingOf(sheetPath);
    const drawingRelsPath = relsPathOf(drawingPath);
    const rels = await this.readRels(drawingRelsPath);
    let drawing = await this.text(drawingPath);
    // The charts on the sheet now, in the drawing's order: each anchor of a chart part, by its
    // place among the anchors (a chart replaced takes its anchor's place, one added goes last).
    const charts: { at: number; rel: Relationship }[] = [];
    const found: FoundChart[] = [];
    for (const [at, a] of findAnchors(drawing).entries()) {
      const rel = a.chartRelId === undefined ? undefined : rels.find((r) => r.id === a.chartRelId && r.type === REL_CHART);
      if (!rel) continue;
      const chartPath = resolveTarget(drawingPath, rel.target);
      const xml = this.zip.file(chartPath) ? await this.text(chartPath) : "";
      charts.push({ at, rel });
      // A group's anchor (shapes grouped with a chart) is known by its name only: it is not the
      // project's chart, and replacing it would drop what the user grouped.
      found.push({ name: a.name ?? "", ...(a.grouped ? { kind: undefined, series: [] } : foundChartOf(xml)) });
    }
    const matched = matchCharts(requests.map((r) => r.plan), found);
    for (const request of requests) {
      const cache = request.cache ?? (await this.readCache(request.plan));
      const i = matched.get(request.plan.name);
      const match = i === undefined ? undefined : charts[i];
      const same = match ? findAnchors(drawing)[match.at] : undefined;
      if (match && same) {
        // Replace in place: same chart part, same relationship, new anchor and content, under the
        // name it has (the plan's, or the one the user gave the project's chart); the title the
        // user gave the chart stays (writesTitle), as they formatted it.
        const chartPath = resolveTarget(drawingPath, match.rel.target);
        const shown = this.zip.file(chartPath) ? chartTitleOf(await this.text(chartPath)) : undefined;
        const kept = shown && !writesTitle(request.plan, shown.text) ? shown : undefined;
        const plan = kept ? { ...request.plan, title: kept.text } : request.plan;
        this.zip.file(chartPath, chartSpaceXml(plan, cache, kept?.xml));
        const anchor = anchorXml({ ...plan, name: same.name ?? plan.name }, same.frameId, match.rel.id);
        drawing = drawing.slice(0, same.start) + anchor + drawing.slice(same.end);
        continue;
      }
      const n = this.nextPartNumber("xl/charts", "chart");
      const chartPath = `xl/charts/chart${n}.xml`;
      this.zip.file(chartPath, chartSpaceXml(request.plan, cache));
      this.types.setOverride(chartPath, CT_CHART);
      const rid = nextRelId(new Set(rels.map((r) => r.id)));
      rels.push({ id: rid, type: REL_CHART, target: relativeTarget(drawingPath, chartPath), extra: "" });
      const frameId = nextFrameId(drawing);
      drawing = drawing.replace(/<\/xdr:wsDr>\s*$/, `${anchorXml(request.plan, frameId, rid)}</xdr:wsDr>`);
      if (!drawing.includes(`xmlns:a="${NS.a}"`)) drawing = drawing.replace(/<xdr:wsDr\b/, `<xdr:wsDr xmlns:a="${NS.a}"`);
    }
    this.zip.file(drawingPath, drawing);
    this.zip.file(drawingRelsPath, writeRels(rels));
  }

  // -------------------------------------------------------------------------------------------
  // The current values of the chart's ranges, read from the data sheet

  private async readCache(plan: ChartPlan): Promise<{ categories: string[]; series: number[][] }> {
    const categories = (await this.readRange(plan.dataSheet, plan.categories)).map((v) =>
      v === null ? "" : typeof v === "number" ? String(v) : v,
    );
    const series: number[][] = [];
    for (const s of plan.series) {
      const values = await this.readRange(plan.dataSheet, s.values);
      series.push(values.map((v) => (typeof v === "number" ? v : Number.NaN)));
    }
    return { categories, series };
  }

  private async readRange(dataSheet: string, range: string): Promise<(string | number | null)[]> {
    const { sheet, address } = splitSheetRange(dataSheet, range);
    const path = this.sheetPath(sheet);
    let xml = this.sheetXmlCache.get(path);
    if (xml === undefined) {
      xml = await this.text(path);
      this.sheetXmlCache.set(path, xml);
    }
    const wanted = parseRange(address);
    const cells = new Map<string, string | number | null>();
    const strings = await this.strings();
    for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = m[1] ?? "";
      const ref = attr(attrs, "r");
      if (ref === undefined) continue;
      const { row, column } = parseCell(ref);
      if (row < wanted.top || row > wanted.bottom || column < wanted.left || column > wanted.right) continue;
      cells.set(`${row}:${column}`, cellValue(attr(attrs, "t"), m[2] ?? "", strings));
    }
    const out: (string | number | null)[] = [];
    for (let r = wanted.top; r <= wanted.bottom; r++)
      for (let c = wanted.left; c <= wanted.right; c++) out.push(cells.get(`${r}:${c}`) ?? null);
    return out;
  }

  private async strings(): Promise<string[]> {
    if (this.sharedStrings) return this.sharedStrings;
    const file = this.zip.file("xl/sharedStrings.xml");
    const xml = file ? await file.async("string") : "";
    this.sharedStrings = [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => richText(m[1] ?? ""));
    return this.sharedStrings;
  }
}

function cellValue(type: string | undefined, inner: string, strings: string[]): string | number | null {
  const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  switch (type) {
    case "s":
      return v === undefined ? null : (strings[Number(v)] ?? null);
    case "inlineStr":
      return richText(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? "");
    case "str":
      return v === undefined ? null : unescapeXml(v);
    case "b":
    case "e":
      return null;
    default: {
      if (v === undefined) return null;
      const n = Number(v);
      return Number.isFinite(n) ? n : null;
    }
  }
}

/** The text of a shared or inline string: its <t> runs, phonetic runs (<rPh>) left out. */
function richText(xml: string): string {
  const withoutPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  return [...withoutPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1] ?? "")).join("");
}

/** "'Kết quả'!B2:B9" or "B2:B9" (on `dataSheet`) → sheet and address without $ signs. */
function splitSheetRange(dataSheet: string, range: string): { sheet: string; address: string } {
  const bang = range.lastIndexOf("!");
  if (bang < 0) return { sheet: dataSheet, address: range.replace(/\$/g, "") };
  let sheet = range.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: range.slice(bang + 1).replace(/\$/g, "") };
}

/** `'Sheet name'!$B$2:$B$21`: the absolute reference a chart series points at. */
export function seriesFormula(dataSheet: string, range: string): string {
  const { sheet, address } = splitSheetRange(dataSheet, range);
  const r = parseRange(address);
  const a = `$${columnLetter(r.left)}$${r.top}`;
  const b = `$${columnLetter(r.right)}$${r.bottom}`;
  return `'${sheet.replace(/'/g, "''")}'!${a === b ? a : `${a}:${b}`}`;
}

// ---------------------------------------------------------------------------------------------
// Drawing: anchors and graphic frames

interface Anchor {
  start: number;
  end: number;
  name: string | undefined;
  frameId: number;
  chartRelId: string | undefined;
  /** A group of shapes (xdr:grpSp): its name is the group's, its chart one of its parts. */
  grouped: boolean;
}

function findAnchors(drawing: string): Anchor[] {
  const anchors: Anchor[] = [];
  for (const m of drawing.matchAll(/<xdr:(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/xdr:\1>/g)) {
    const body = m[0];
    const cNvPr = /<xdr:cNvPr\b([^>]*?)\/?>/.exec(body)?.[1] ?? "";
    const name = attr(cNvPr, "name");
    anchors.push({
      start: m.index,
      end: m.index + body.length,
      name: name === undefined ? undefined : unescapeXml(name),
      frameId: Number(attr(cNvPr, "id") ?? 0),
      chartRelId: /<c:chart\b[^>]*?\br:id="([^"]*)"/.exec(body)?.[1],
      grouped: /<xdr:grpSp\b/.test(body),
    });
  }
  return anchors;
}

function nextFrameId(drawing: string): number {
  let max = 1;
  for (const m of drawing.matchAll(/<xdr:cNvPr\b[^>]*?\bid="(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max + 1;
}

/** The chart covers the `from` cell to the `to` cell, both included. */
function anchorXml(plan: ChartPlan, frameId: number, rid: string): string {
  const from = parseCell(plan.from);
  const to = parseCell(plan.to);
  const marker = (tag: string, col: number, row: number): string =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">` +
    marker("from", Math.min(from.column, to.column) - 1, Math.min(from.row, to.row) - 1) +
    marker("to", Math.max(from.column, to.column), Math.max(from.row, to.row)) +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${frameId}" name="${escapeXml(plan.name)}" title="${escapeXml(plan.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${rid}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

// ---------------------------------------------------------------------------------------------
// The chart part

const CAT_AX = 500000001;
const VAL_AX = 500000002;

function richTitle(text: string, size: number, rotate = false): string {
  const body = rotate ? `<a:bodyPr rot="-5400000" vert="horz"/>` : `<a:bodyPr/>`;
  return (
    `<c:title><c:tx><c:rich>${body}<a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="vi-VN" sz="${size}" b="1"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title>`
  );
}

function strCache(values: string[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join("");
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

function numCache(values: number[], count: number): string {
  const pts = values
    .map((v, i) => (Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${String(v)}</c:v></c:pt>` : ""))
    .join("");
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${count}"/>${pts}</c:numCache>`;
}

/**
 * A series' name (c:tx): a reference to the cell of the charts' data that holds it (the plan's
 * `nameCell`), its text cached, so that LibreOffice keeps it when it saves to .xls (Excel 97),
 * which drops a name written as text ("Column B" in the legend); written as text where the plan
 * has no such cell.
 */
function seriesNameXml(plan: ChartPlan, i: number): string {
  const s = plan.series[i]!;
  if (s.nameCell === undefined) return `<c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>`;
  return `<c:tx><c:strRef><c:f>${escapeXml(seriesFormula(plan.dataSheet, s.nameCell))}</c:f>${strCache([s.name])}</c:strRef></c:tx>`;
}

function seriesXml(plan: ChartPlan, cache: { categories: string[]; series: number[][] }, i: number): string {
  const s = plan.series[i]!;
  const colour = PALETTE[i % PALETTE.length]!;
  const values = cache.series[i] ?? [];
  const count = Math.max(values.length, cache.categories.length);
  const fill =
    plan.kind === "radar"
      ? `<c:spPr><a:ln w="22225"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr></c:marker>`
      : `<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`;
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesNameXml(plan, i)}${fill}${valueLabelsXml(plan)}` +
    `<c:cat><c:strRef><c:f>${escapeXml(seriesFormula(plan.dataSheet, plan.categories))}</c:f>${strCache(cache.categories)}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeXml(seriesFormula(plan.dataSheet, s.values))}</c:f>${numCache(values, count)}</c:numRef></c:val>` +
    `</c:ser>`
  );
}

/**
 * Each bar's value at its end (c:dLbls comes after the series' look, before its categories), as
 * large as the units' names, in the cells' number format, on white so that no gridline runs
 * through its digits; nothing when the plan asks for none.
 */
function valueLabelsXml(plan: ChartPlan): string {
  const size = valueLabelSize(plan);
  if (size === undefined || !plan.valueLabels) return "";
  return (
    `<c:dLbls><c:numFmt formatCode="${escapeXml(plan.valueLabels.numberFormat)}" sourceLinked="0"/>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>${labelText(Math.round(size * 100))}<c:dLblPos val="outEnd"/>` +
    `<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`
  );
}

/** Axis labels in a smaller font (size in hundredths of a point). */
function labelText(size: number): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"/></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>`;
}

function axesXml(plan: ChartPlan): string {
  const horizontalBars = plan.kind !== "radar";
  const catTitle = plan.xAxisTitle ? richTitle(plan.xAxisTitle, 1000, horizontalBars) : "";
  const valTitle = plan.yAxisTitle ? richTitle(plan.yAxisTitle, 1000) : "";
  // Horizontal bars list the categories top-down in sheet order (rank 1 on top); the value
  // axis then crosses at the last category so it stays at the bottom.
  const catOrientation = horizontalBars ? "maxMin" : "minMax";
  // The axis ends at the most a bar can reach (c:max comes before c:min in c:scaling).
  const max = plan.valueAxisMax !== undefined && Number.isFinite(plan.valueAxisMax) ? `<c:max val="${plan.valueAxisMax}"/>` : "";
  // The units' names as large as each unit's share of the chart's height allows, each named (or,
  // with a few hundred units, every second, third… from rank 1): left to themselves, readers
  // skip labels they think do not fit, each its own way.
  const names = horizontalBars ? categoryAxisLabels(plan) : undefined;
  const catAx =
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="${catOrientation}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontalBars ? "l" : "b"}"/>${catTitle}<c:numFmt formatCode="General" sourceLinked="0"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${labelText(Math.round((names?.size ?? 9) * 100))}` +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>` +
    `${names ? `<c:tickLblSkip val="${names.skip}"/>` : ""}<c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/>${max}<c:min val="0"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontalBars ? "b" : "l"}"/><c:majorGridlines/>${valTitle}<c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${labelText(900)}` +
    `<c:crossAx val="${CAT_AX}"/><c:crosses val="${horizontalBars ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`;
  return catAx + valAx;
}

/**
 * The title a chart part shows (its own c:title, not an axis's): the text of its rich text runs
 * joined, paragraphs on lines of their own, or the cached text of the cell it names; with the
 * element itself when it is made of chart and DrawingML elements only, so that it can be written
 * again as it is. Undefined when the chart has no title.
 */
export function chartTitleOf(chartXml: string): { text: string; xml?: string } | undefined {
  const chart = /<c:chart(?:\s[^>]*)?>/.exec(chartXml);
  if (!chart) return undefined;
  const plotArea = chartXml.indexOf("<c:plotArea", chart.index);
  const head = chartXml.slice(chart.index, plotArea < 0 ? undefined : plotArea);
  const title = /<c:title(?:\s[^>]*)?(?:\/>|>[\s\S]*?<\/c:title>)/.exec(head)?.[0];
  if (title === undefined) return undefined;
  const runs = (xml: string) => [...xml.matchAll(/<a:t(?:\s[^>]*)?>([\s\S]*?)<\/a:t>/g)].map((m) => unescapeXml(m[1] ?? "")).join("");
  const rich = /<c:rich>([\s\S]*?)<\/c:rich>/.exec(title)?.[1];
  const text = rich !== undefined
    ? [...rich.matchAll(/<a:p(?:\s[^>]*)?>([\s\S]*?)<\/a:p>/g)].map((p) => runs(p[1] ?? "")).join("\n")
    : [...title.matchAll(/<c:v>([\s\S]*?)<\/c:v>/g)].map((m) => unescapeXml(m[1] ?? "")).join("");
  if (text === "") return undefined;
  return /<\/?(?!c:|a:)[\w.-]+:/.test(title) ? { text } : { text, xml: title };
}

/**
 * The chart a part draws, as matchCharts compares it with the plan's (FoundChart, its name aside):
 * its kind as the plan calls it (bars across side by side: barSorted; stacked: stackedBar; a radar
 * of lines, with markers or without: radar; any other, or several kinds in one plot: undefined),
 * its title (chartTitleOf), its series' names in their plotting order (the text of their c:tx, a
 * cell's cached text joined as Excel joins several).
 */
export function foundChartOf(chartXml: string): Omit<FoundChart, "name"> {
  const plotArea = /<c:plotArea\b[\s\S]*?<\/c:plotArea>/.exec(chartXml)?.[0] ?? "";
  const plots = [...plotArea.matchAll(/<c:(\w+Chart)\b[^>]*>[\s\S]*?<\/c:\1>/g)];
  const title = chartTitleOf(chartXml)?.text;
  const plot = plots.length === 1 ? plots[0]! : undefined;
  const series = [...(plot?.[0] ?? "").matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)]
    .map((m, k) => {
      const ser = m[1] ?? "";
      const order = Number(/<c:order val="(\d+)"/.exec(ser)?.[1] ?? k);
      const tx = /^(?:\s*<c:(?:idx|order)\b[^>]*\/>)*\s*<c:tx>([\s\S]*?)<\/c:tx>/.exec(ser)?.[1] ?? "";
      const name = [...tx.matchAll(/<c:v>([\s\S]*?)<\/c:v>/g)].map((v) => unescapeXml(v[1] ?? "")).join(" ");
      return { order, name };
    })
    .sort((a, b) => a.order - b.order)
    .map((x) => x.name);
  return { kind: plot ? plotKind(plot[1]!, plot[0]) : undefined, ...(title !== undefined ? { title } : {}), series };
}

function plotKind(element: string, xml: string): ChartKind | undefined {
  const val = (child: string) => new RegExp(`<c:${child} val="(\\w+)"`).exec(xml)?.[1];
  if (element === "barChart" && val("barDir") === "bar") {
    // The schema's default grouping is clustered.
    const grouping = val("grouping") ?? "clustered";
    return grouping === "clustered" ? "barSorted" : grouping === "stacked" ? "stackedBar" : undefined;
  }
  if (element === "radarChart" && val("radarStyle") !== "filled") return "radar";
  return undefined;
}

/** `titleXml`: the chart's title element as it is (chartTitleOf), in place of the plan's title. */
export function chartSpaceXml(plan: ChartPlan, cache: { categories: string[]; series: number[][] }, titleXml?: string): string {
  const series = plan.series.map((_, i) => seriesXml(plan, cache, i)).join("");
  const axIds = `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/>`;
  let plot: string;
  switch (plan.kind) {
    case "barSorted":
      plot = `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="60"/>${axIds}</c:barChart>`;
      break;
    case "stackedBar":
      plot = `<c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>${series}<c:gapWidth val="60"/><c:overlap val="100"/>${axIds}</c:barChart>`;
      break;
    case "radar":
      plot = `<c:radarChart><c:radarStyle val="marker"/><c:varyColors val="0"/>${series}${axIds}</c:radarChart>`;
      break;
  }
  const legend = plan.series.length > 1 ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` : "";
  return (
    `${XML_HEAD}<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `<c:roundedCorners val="0"/><c:chart>${titleXml ?? richTitle(plan.title, 1400)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}${axesXml(plan)}</c:plotArea>${legend}` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}
