/**
 * Helpers for the tests of carry-parts.ts: a user's workbook given, as Excel saves them, the parts
 * ExcelJS does not model — a chart sheet (Move Chart → New sheet), a PivotTable with its cache and
 * records, a group of sparklines — and reading a written package back (its sheets in order, a
 * part's relationships, whether it is consistent). Built with jszip over a file ExcelJS wrote.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { demoForms } from "./test-workbooks";
import { type Relationship, escapeXml, insertSheetElement, isExternal, parseRels, relsPathOf, resolveTarget, sheetElementsOf, topLevelChildren } from "./ooxml";

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT = "application/vnd.openxmlformats-officedocument";

// ---------------------------------------------------------------------------------------------
// Reading a package

export async function text(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`no part ${path}`);
  return file.async("string");
}

/** The relationships of a part, their targets resolved to zip paths (`path`). */
export async function relsOf(zip: JSZip, part: string): Promise<(Relationship & { path: string })[]> {
  const xml = await zip.file(relsPathOf(part))?.async("string");
  return xml === undefined ? [] : parseRels(xml).map((r) => ({ ...r, path: resolveTarget(part, r.target) }));
}

/** The workbook's sheets in order: name, part, kind (worksheet or chartsheet) and attributes. */
export async function sheetsOf(zip: JSZip): Promise<{ name: string; path: string; kind: string; attrs: string }[]> {
  const workbook = await text(zip, "xl/workbook.xml");
  const rels = await relsOf(zip, "xl/workbook.xml");
  return sheetElementsOf(workbook).map((s) => {
    const rel = rels.find((r) => r.id === s.rid)!;
    return { name: s.name, path: rel.path, kind: rel.type.replace(/^.*\//, ""), attrs: s.attrs };
  });
}

export async function sheetPath(zip: JSZip, name: string): Promise<string> {
  const sheet = (await sheetsOf(zip)).find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet.path;
}

/** Problems of the package: a relationship to a missing part, a part without a content type, an override of a missing part. */
export async function packageProblems(zip: JSZip): Promise<string[]> {
  const problems: string[] = [];
  const types = await text(zip, "[Content_Types].xml");
  const overrides = new Set([...types.matchAll(/PartName="\/([^"]*)"/g)].map((m) => m[1]!.toLowerCase()));
  const defaults = new Set([...types.matchAll(/Extension="([^"]*)"/g)].map((m) => m[1]!.toLowerCase()));
  for (const [path, file] of Object.entries(zip.files)) {
    if (file.dir || path === "[Content_Types].xml") continue;
    const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? "";
    if (!overrides.has(path.toLowerCase()) && !defaults.has(ext)) problems.push(`${path} has no content type`);
    const rels = /^(.*?)_rels\/([^/]+)\.rels$/.exec(path);
    if (!rels) continue;
    const source = `${rels[1]}${rels[2]}`;
    for (const rel of await relsOf(zip, source)) if (!isExternal(rel) && !zip.file(rel.path)) problems.push(`${source} → ${rel.target} is missing`);
  }
  for (const part of overrides) if (!Object.keys(zip.files).some((p) => p.toLowerCase() === part)) problems.push(`override for missing /${part}`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Writing parts

/** A free part name `${stem}N${ext}` in the package. */
function freePart(zip: JSZip, stem: string, ext: string): string {
  let n = 1;
  while (zip.file(`${stem}${n}${ext}`)) n++;
  return `${stem}${n}${ext}`;
}

async function addOverride(zip: JSZip, path: string, type: string): Promise<void> {
  const types = await text(zip, "[Content_Types].xml");
  zip.file("[Content_Types].xml", types.replace("</Types>", `<Override PartName="/${path}" ContentType="${type}"/></Types>`));
}

/** Add a relationship to a part's rels; its id. */
async function addRel(zip: JSZip, part: string, type: string, targetPath: string): Promise<string> {
  const path = relsPathOf(part);
  const xml = zip.file(path) ? await text(zip, path) : `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  const ids = new Set([...xml.matchAll(/Id="([^"]*)"/g)].map((m) => m[1]));
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  const from = part.split("/").slice(0, -1);
  const to = targetPath.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  const target = [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
  zip.file(path, xml.replace("</Relationships>", `<Relationship Id="rId${n}" Type="${type}" Target="${target}"/></Relationships>`));
  return `rId${n}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

// ---------------------------------------------------------------------------------------------
// A chart sheet

export interface ChartSheetFixture {
  /** The chart sheet's name. */
  name: string;
  /** Where it goes: after this sheet (first when undefined). */
  after?: string;
  title: string;
  /** The chart's data: the sheet and the ranges of its categories and values (`B2:B4`). */
  dataSheet: string;
  categories: string;
  values: string;
  /** The cached categories and values, as Excel keeps them in the chart. */
  cache: { categories: string[]; values: number[] };
  state?: "hidden";
  /** The tab selected when the user saved (`tabSelected`). */
  selected?: boolean;
}

function absolute(range: string): string {
  return range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

/** A bar chart's part, as Excel writes one (trimmed to what it needs). */
export function barChartXml(title: string, dataSheet: string, categories: string, values: string, cache: { categories: string[]; values: number[] }): string {
  const sheet = escapeXml(quoteSheet(dataSheet));
  const strPts = cache.categories.map((c, i) => `<c:pt idx="${i}"><c:v>${escapeXml(c)}</c:v></c:pt>`).join("");
  const numPts = cache.values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join("");
  return (
    `${HEAD}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_R}">` +
    `<c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXml(title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${escapeXml(title)}</c:v></c:tx>` +
    `<c:cat><c:strRef><c:f>${sheet}!${absolute(categories)}</c:f><c:strCache><c:ptCount val="${cache.categories.length}"/>${strPts}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${sheet}!${absolute(values)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${cache.values.length}"/>${numPts}</c:numCache></c:numRef></c:val></c:ser>` +
    `<c:axId val="101"/><c:axId val="102"/></c:barChart>` +
    `<c:catAx><c:axId val="101"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="102"/></c:catAx>` +
    `<c:valAx><c:axId val="102"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="101"/></c:valAx>` +
    `</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`
  );
}

/** The package with a chart sheet added as Excel's "Move Chart → New sheet" leaves one. */
export async function addChartSheet(zip: JSZip, f: ChartSheetFixture): Promise<void> {
  const chart = freePart(zip, "xl/charts/chart", ".xml");
  const drawing = freePart(zip, "xl/drawings/drawing", ".xml");
  const sheet = freePart(zip, "xl/chartsheets/sheet", ".xml");
  zip.file(chart, barChartXml(f.title, f.dataSheet, f.categories, f.values, f.cache));
  const chartRid = await addRel(zip, drawing, `${REL}/chart`, chart);
  zip.file(
    drawing,
    `${HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
      `<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="9294091" cy="6070023"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/>` +
      `<xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS_R}" r:id="${chartRid}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>`,
  );
  const drawingRid = await addRel(zip, sheet, `${REL}/drawing`, drawing);
  zip.file(
    sheet,
    `${HEAD}<chartsheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><sheetPr/><sheetViews><sheetView${f.selected ? ' tabSelected="1"' : ""} zoomScale="110" workbookViewId="0" zoomToFit="1"/></sheetViews>` +
      `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="${drawingRid}"/></chartsheet>`,
  );
  await addOverride(zip, chart, `${CT}.drawingml.chart+xml`);
  await addOverride(zip, drawing, `${CT}.drawing+xml`);
  await addOverride(zip, sheet, `${CT}.spreadsheetml.chartsheet+xml`);
  const sheetRid = await addRel(zip, "xl/workbook.xml", `${REL}/chartsheet`, sheet);
  const workbook = await text(zip, "xl/workbook.xml");
  const ids = [...workbook.matchAll(/\ssheetId="(\d+)"/g)].map((m) => Number(m[1]));
  const element = `<sheet name="${escapeXml(f.name)}" sheetId="${Math.max(0, ...ids) + 1}"${f.state ? ` state="${f.state}"` : ""} r:id="${sheetRid}"/>`;
  const at = f.after === undefined ? 0 : sheetElementsOf(workbook).findIndex((s) => s.name === f.after) + 1;
  if (f.after !== undefined && at === 0) throw new Error(`no sheet ${f.after}`);
  // As Excel does, the local names after it count it.
  zip.file("xl/workbook.xml", insertSheetElement(workbook, element, at));
}

// ---------------------------------------------------------------------------------------------
// A PivotTable over a range or a table

export interface PivotFixture {
  /** The sheet the PivotTable is on, and its top-left cell. */
  sheet: string;
  at: string;
  name: string;
  cacheId: number;
  /** Its source: a range of a sheet, or a table by name. */
  source: { sheet: string; ref: string } | { table: string };
  /** The source's headers and rows (what the cache holds). */
  headers: string[];
  rows: (string | number | null)[][];
  /** The field on rows and the field summed. */
  rowField: number;
  dataField: number;
  /** The user formatted the PivotTable: a format of theirs (bold, in the styles' differential formats) on its whole range. */
  bold?: boolean;
  /** Its data come from a connection (cacheSource type="external"), not from the workbook's cells. */
  external?: boolean;
}

function colLetters(n: number): string {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function cellAt(address: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), col };
}

/** The items of the row field, in the order they first appear, and the sum of the data field for each. */
function pivotSums(f: PivotFixture): { items: string[]; sums: number[] } {
  const items: string[] = [];
  const sums: number[] = [];
  for (const r of f.rows) {
    const key = String(r[f.rowField] ?? "");
    let i = items.indexOf(key);
    if (i < 0) {
      i = items.push(key) - 1;
      sums.push(0);
    }
    sums[i]! += Number(r[f.dataField] ?? 0);
  }
  return { items, sums };
}

/** The PivotTable's range on its sheet (`H3:I7`). */
export function pivotRange(f: PivotFixture): string {
  const { row, col } = cellAt(f.at);
  return `${f.at}:${colLetters(col + 1)}${row + pivotSums(f).items.length + 1}`;
}

/** The cells the PivotTable shows, as Excel saves them with it (plain values), by address. */
export function pivotCells(f: PivotFixture): Map<string, string | number> {
  const out = new Map<string, string | number>();
  const { row, col } = cellAt(f.at);
  const { items, sums } = pivotSums(f);
  const set = (r: number, c: number, v: string | number) => out.set(`${colLetters(c)}${r}`, v);
  set(row, col, "Nhãn hàng");
  set(row, col + 1, `Tổng của ${f.headers[f.dataField]}`);
  items.forEach((item, i) => {
    set(row + 1 + i, col, item);
    set(row + 1 + i, col + 1, sums[i]!);
  });
  set(row + 1 + items.length, col, "Tổng cộng");
  set(row + 1 + items.length, col + 1, sums.reduce((a, b) => a + b, 0));
  return out;
}

/** A worksheet's XML with `cells` set (texts inline, numbers), each in its row and in column order. */
export function withCells(sheetXml: string, cells: ReadonlyMap<string, string | number>): string {
  let xml = sheetXml.replace(/<sheetData\s*\/>/, "<sheetData></sheetData>");
  for (const [address, value] of cells) {
    const { row, col } = cellAt(address);
    const c = typeof value === "number" ? `<c r="${address}"><v>${value}</v></c>` : `<c r="${address}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
    const rowMatch = new RegExp(`<row r="${row}"(?:\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</row>)`).exec(xml);
    if (!rowMatch) {
      const rows = [...xml.matchAll(/<row r="(\d+)"/g)];
      const next = rows.find((m) => Number(m[1]) > row);
      const at = next ? next.index! : xml.indexOf("</sheetData>");
      xml = `${xml.slice(0, at)}<row r="${row}">${c}</row>${xml.slice(at)}`;
      continue;
    }
    const open = /^<row\b[^>]*?(\/?)>/.exec(rowMatch[0])![0];
    const inner = rowMatch[1] ?? "";
    const cellsIn = [...inner.matchAll(/<c r="([A-Z]+)\d+"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)];
    const same = cellsIn.find((m) => cellAt(`${m[1]}${row}`).col === col);
    let newInner: string;
    if (same) newInner = inner.replace(same[0], () => c);
    else {
      const after = cellsIn.find((m) => cellAt(`${m[1]}${row}`).col > col);
      const at = after ? after.index! : inner.length;
      newInner = `${inner.slice(0, at)}${c}${inner.slice(at)}`;
    }
    const rowOpen = open.endsWith("/>") ? `${open.slice(0, -2)}>` : open;
    xml = xml.slice(0, rowMatch.index) + `${rowOpen.replace(/\sspans="[^"]*"/, "")}${newInner}</row>` + xml.slice(rowMatch.index + rowMatch[0].length);
  }
  return xml;
}

/** The package with the PivotTable's parts: its definition, cache and records, as Excel saves them. */
export async function addPivot(zip: JSZip, f: PivotFixture): Promise<{ table: string; cache: string; records: string }> {
  const cache = freePart(zip, "xl/pivotCache/pivotCacheDefinition", ".xml");
  const records = freePart(zip, "xl/pivotCache/pivotCacheRecords", ".xml");
  const table = freePart(zip, "xl/pivotTables/pivotTable", ".xml");
  // Each field's shared items (its texts), or numbers kept in the records.
  const fields = f.headers.map((name, c) => {
    const values = f.rows.map((r) => r[c] ?? null);
    const numeric = c !== f.rowField && values.every((v) => v === null || typeof v === "number");
    const shared = numeric ? [] : [...new Set(values.map((v) => (v === null ? "" : String(v))))];
    return { name, numeric, shared, values };
  });
  const cacheFields = fields
    .map((fld) => {
      if (fld.numeric) {
        const nums = fld.values.filter((v): v is number => typeof v === "number");
        const blank = nums.length < fld.values.length ? ' containsBlank="1"' : "";
        const ints = nums.every((n) => Number.isInteger(n)) ? ' containsInteger="1"' : "";
        return `<cacheField name="${escapeXml(fld.name)}" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1"${ints}${blank} minValue="${Math.min(...nums)}" maxValue="${Math.max(...nums)}"/></cacheField>`;
      }
      return `<cacheField name="${escapeXml(fld.name)}" numFmtId="0"><sharedItems count="${fld.shared.length}">${fld.shared.map((s) => `<s v="${escapeXml(s)}"/>`).join("")}</sharedItems></cacheField>`;
    })
    .join("");
  const recordsXml = f.rows
    .map((_, r) => `<r>${fields.map((fld) => (fld.numeric ? (fld.values[r] === null ? "<m/>" : `<n v="${fld.values[r]}"/>`) : `<x v="${fld.shared.indexOf(fld.values[r] === null ? "" : String(fld.values[r]))}"/>`)).join("")}</r>`)
    .join("");
  zip.file(records, `${HEAD}<pivotCacheRecords xmlns="${NS_MAIN}" xmlns:r="${NS_R}" count="${f.rows.length}">${recordsXml}</pivotCacheRecords>`);
  const recordsRid = await addRel(zip, cache, `${REL}/pivotCacheRecords`, records);
  const source = f.external
    ? ""
    : "table" in f.source
      ? `<worksheetSource name="${escapeXml(f.source.table)}"/>`
      : `<worksheetSource ref="${f.source.ref}" sheet="${escapeXml(f.source.sheet)}"/>`;
  zip.file(
    cache,
    `${HEAD}<pivotCacheDefinition xmlns="${NS_MAIN}" xmlns:r="${NS_R}" r:id="${recordsRid}" refreshedBy="Chuyên viên" refreshedDate="45450.5" createdVersion="8" refreshedVersion="8" minRefreshableVersion="3" recordCount="${f.rows.length}">` +
      (f.external ? `<cacheSource type="external" connectionId="1"/>` : `<cacheSource type="worksheet">${source}</cacheSource>`) +
      `<cacheFields count="${fields.length}">${cacheFields}</cacheFields></pivotCacheDefinition>`,
  );
  const { items } = pivotSums(f);
  const rowShared = fields[f.rowField]!.shared;
  const pivotFields = fields
    .map((_, c) => {
      if (c === f.rowField) return `<pivotField axis="axisRow" showAll="0"><items count="${rowShared.length + 1}">${rowShared.map((_s, i) => `<item x="${i}"/>`).join("")}<item t="default"/></items></pivotField>`;
      if (c === f.dataField) return `<pivotField dataField="1" showAll="0"/>`;
      return `<pivotField showAll="0"/>`;
    })
    .join("");
  const rowItems = items.map((_, i) => (i === 0 ? "<i><x/></i>" : `<i><x v="${i}"/></i>`)).join("") + '<i t="grand"><x/></i>';
  const cacheRid = await addRel(zip, table, `${REL}/pivotCacheDefinition`, cache);
  void cacheRid;
  zip.file(
    table,
    `${HEAD}<pivotTableDefinition xmlns="${NS_MAIN}" name="${escapeXml(f.name)}" cacheId="${f.cacheId}" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Giá trị" updatedVersion="8" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="8" indent="0" outline="1" outlineData="1" multipleFieldFilters="0">` +
      `<location ref="${pivotRange(f)}" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="${fields.length}">${pivotFields}</pivotFields>` +
      `<rowFields count="1"><field x="${f.rowField}"/></rowFields><rowItems count="${items.length + 1}">${rowItems}</rowItems><colItems count="1"><i/></colItems>` +
      `<dataFields count="1"><dataField name="Tổng của ${escapeXml(f.headers[f.dataField]!)}" fld="${f.dataField}" baseField="0" baseItem="0"/></dataFields>` +
      (f.bold ? `<formats count="1"><format dxfId="${await addDxf(zip, "<dxf><font><b/><color rgb=\"FFC00000\"/></font></dxf>")}"><pivotArea type="all" dataOnly="0" outline="0" fieldPosition="0"/></format></formats>` : "") +
      `<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/></pivotTableDefinition>`,
  );
  await addRel(zip, await sheetPath(zip, f.sheet), `${REL}/pivotTable`, table);
  await addOverride(zip, table, `${CT}.spreadsheetml.pivotTable+xml`);
  await addOverride(zip, cache, `${CT}.spreadsheetml.pivotCacheDefinition+xml`);
  await addOverride(zip, records, `${CT}.spreadsheetml.pivotCacheRecords+xml`);
  const workbookRid = await addRel(zip, "xl/workbook.xml", `${REL}/pivotCacheDefinition`, cache);
  let workbook = await text(zip, "xl/workbook.xml");
  const entry = `<pivotCache cacheId="${f.cacheId}" r:id="${workbookRid}"/>`;
  if (workbook.includes("</pivotCaches>")) workbook = workbook.replace("</pivotCaches>", `${entry}</pivotCaches>`);
  else {
    // After <calcPr> (CT_Workbook), before <extLst> and the rest.
    const { children, closeStart } = topLevelChildren(workbook);
    const next = children.find((c) => ["smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"].includes(c.name));
    const at = next ? next.start : closeStart;
    workbook = `${workbook.slice(0, at)}<pivotCaches>${entry}</pivotCaches>${workbook.slice(at)}`;
  }
  zip.file("xl/workbook.xml", workbook);
  return { table, cache, records };
}

/** Add a differential format to the package's styles; its index. */
export async function addDxf(zip: JSZip, dxf: string): Promise<number> {
  const styles = await text(zip, "xl/styles.xml");
  const block = /<dxfs\b[^>]*?(\/>|>([\s\S]*?)<\/dxfs>)/.exec(styles);
  const inner = block?.[2] ?? "";
  const n = [...inner.matchAll(/<dxf\b/g)].length;
  const dxfs = `<dxfs count="${n + 1}">${inner}${dxf}</dxfs>`;
  zip.file("xl/styles.xml", block ? styles.replace(block[0], dxfs) : styles.replace(/(<tableStyles\b|<colors\b|<extLst\b|<\/styleSheet>)/, `${dxfs}$1`));
  return n;
}

/** The differential formats of a package's styles, in order. */
export async function dxfsIn(zip: JSZip): Promise<string[]> {
  const styles = await text(zip, "xl/styles.xml");
  const inner = /<dxfs\b[^>]*?(?:\/>|>([\s\S]*?)<\/dxfs>)/.exec(styles)?.[1] ?? "";
  return [...inner.matchAll(/<dxf\b[^>]*?(?:\/>|>[\s\S]*?<\/dxf>)/g)].map((m) => m[0]);
}

/** A slicer of the user's on `sheet` (its part, related from the sheet), which ExcelJS drops. */
export async function addSlicer(zip: JSZip, sheet: string): Promise<void> {
  const part = freePart(zip, "xl/slicers/slicer", ".xml");
  zip.file(
    part,
    `${HEAD}<slicers xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><slicer name="Vùng" cache="Slicer_Vùng" caption="Vùng" rowHeight="241300"/></slicers>`,
  );
  await addOverride(zip, part, "application/vnd.ms-excel.slicer+xml");
  await addRel(zip, await sheetPath(zip, sheet), "http://schemas.microsoft.com/office/2007/relationships/slicer", part);
}

// ---------------------------------------------------------------------------------------------
// Sparklines

export const SPARKLINE_EXT = "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}";

/** A group of line sparklines, as Excel writes one: each `[data, cell]`. */
export function sparklineGroupXml(lines: [string, string][]): string {
  return (
    `<x14:sparklineGroup displayEmptyCellsAs="gap" markers="1"><x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/><x14:colorAxis rgb="FF000000"/>` +
    `<x14:colorMarkers rgb="FFD00000"/><x14:colorFirst rgb="FFD00000"/><x14:colorLast rgb="FFD00000"/><x14:colorHigh rgb="FFD00000"/><x14:colorLow rgb="FFD00000"/><x14:sparklines>` +
    lines.map(([data, cell]) => `<x14:sparkline><xm:f>${escapeXml(data)}</xm:f><xm:sqref>${cell}</xm:sqref></x14:sparkline>`).join("") +
    `</x14:sparklines></x14:sparklineGroup>`
  );
}

/** The sheet with the sparkline groups in its <extLst>, after the extensions ExcelJS wrote (a data bar's). */
export async function addSparklines(zip: JSZip, sheet: string, groups: string[]): Promise<void> {
  const path = await sheetPath(zip, sheet);
  const xml = await text(zip, path);
  const ext =
    `<ext uri="${SPARKLINE_EXT}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">` +
    `<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">${groups.join("")}</x14:sparklineGroups></ext>`;
  // The worksheet's own <extLst> (a child of the root), not a rule's.
  const extLst = topLevelChildren(xml).children.find((c) => c.name === "extLst");
  if (extLst) {
    const close = xml.lastIndexOf("</extLst>", extLst.end);
    zip.file(path, xml.slice(0, close) + ext + xml.slice(close));
  } else zip.file(path, xml.replace("</worksheet>", `<extLst>${ext}</extLst></worksheet>`));
}

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// The analyst's workbook

export const ANALYSIS = "Phân tích";
export const HEADERS = ["Vùng", "Đơn vị", "2022", "2023", "2024"];
export const DATA: [string, string, number, number, number][] = [
  ["Bắc", "Sở Nội vụ", 10, 12, 15],
  ["Nam", "Sở Tài chính", 20, 18, 25],
  ["Bắc", "Sở Y tế", 30, 28, 35],
  ["Nam", "Sở Xây dựng", 40, 45, 41],
];
/** The demo's forms and the analyst's sheet: figures by region, with a data bar. */
export async function formsWithAnalysis(): Promise<Uint8Array> {
  return demoForms((wb: ExcelJS.Workbook) => {
    const ws = wb.addWorksheet(ANALYSIS);
    ws.addRow(HEADERS);
    for (const r of DATA) ws.addRow(r);
    ws.addConditionalFormatting({
      ref: "C2:C5",
      rules: [{ type: "dataBar", priority: 1, cfvo: [{ type: "min" }, { type: "max" }], color: { argb: "FF638EC6" } } as unknown as ExcelJS.ConditionalFormattingRule],
    });
    ws.pageSetup.printArea = "A1:F5";
    wb.addWorksheet("Tổng hợp").getCell("A1").value = "PivotTable của kết quả";
  });
}

export const REGIONS: PivotFixture = {
  sheet: ANALYSIS,
  at: "H3",
  name: "PivotVung",
  cacheId: 7,
  source: { sheet: ANALYSIS, ref: "A1:E5" },
  headers: HEADERS,
  rows: DATA,
  rowField: 0,
  dataField: 4,
  bold: true,
};

/** The user's workbook: a chart sheet first, one after their sheet, a PivotTable over their range, sparklines. */
export async function userWorkbook(): Promise<Uint8Array> {
  const chart = { dataSheet: ANALYSIS, categories: "B2:B5", cache: { categories: DATA.map((r) => r[1]), values: DATA.map((r) => r[4]) } };
  return withUserParts(await formsWithAnalysis(), {
    pivots: [REGIONS],
    sparklines: [{ sheet: ANALYSIS, groups: [sparklineGroupXml(DATA.map((_, i) => [`'${ANALYSIS}'!C${i + 2}:E${i + 2}`, `F${i + 2}`]))] }],
    chartSheets: [
      { name: "Tổng quan", title: "Điểm 2022", values: "C2:C5", selected: true, ...chart },
      { name: "Biểu đồ vùng", after: ANALYSIS, title: "Điểm 2024", values: "E2:E5", ...chart },
    ],
  });
}

/** `file` given the parts, as Excel saves them: a PivotTable with the cells it shows, sparklines, chart sheets. */
export async function withUserParts(
  file: Uint8Array,
  parts: { pivots?: PivotFixture[]; chartSheets?: ChartSheetFixture[]; sparklines?: { sheet: string; groups: string[] }[]; slicers?: string[] },
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  for (const p of parts.pivots ?? []) {
    const path = await sheetPath(zip, p.sheet);
    zip.file(path, withCells(await text(zip, path), pivotCells(p)));
    await addPivot(zip, p);
  }
  for (const s of parts.sparklines ?? []) await addSparklines(zip, s.sheet, s.groups);
  for (const c of parts.chartSheets ?? []) await addChartSheet(zip, c);
  for (const sheet of parts.slicers ?? []) await addSlicer(zip, sheet);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
