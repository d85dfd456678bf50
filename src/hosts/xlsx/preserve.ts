/**
 * Keep the user's drawings when the xlsx host writes a workbook. ExcelJS drops every chart (and
 * shape, text box, chartEx…) it reads, and keeps only the pictures it understands. After ExcelJS
 * has written the file, this module carries the drawing of every sheet of the ORIGINAL file over
 * to the sheet of the same name in the written file:
 *   - the drawing part and every part it reaches through relationships (charts with their style,
 *     colour and user-shape parts, chartEx, images, embedded workbooks), under part names that
 *     do not collide with what ExcelJS (or another step) wrote, relationship targets rewritten;
 *   - the sheet's <drawing r:id> element (in the place the worksheet schema requires) and its
 *     relationship, and the [Content_Types].xml entries of the copied parts.
 * When ExcelJS already wrote a drawing for the sheet (it keeps the pictures it read), the two are
 * merged into the one drawing part the sheet may have: the original drawing is taken as it was,
 * the pictures ExcelJS wrote again (same image bytes at the same cell) are dropped as duplicates,
 * and anything else ExcelJS wrote is kept. Chart formulas name sheets, not parts, so the charts
 * keep pointing at their data.
 * Pure (jszip only): runs in Node and in the browser.
 */
import JSZip from "jszip";

export interface PreserveOptions {
  /** Sheets the project owns (replaced on every run): their drawings are not carried over. */
  skipSheets: string[];
}

const NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_DRAWING = `${NS_R}/drawing`;
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Children of a worksheet that come after <drawing>, in the order of CT_Worksheet. */
const AFTER_DRAWING = new Set([
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
]);

export async function preserveDrawings(
  original: Uint8Array,
  written: Uint8Array,
  options: PreserveOptions,
): Promise<Uint8Array> {
  const source = await Package.open(await JSZip.loadAsync(original));
  const target = await Package.open(await JSZip.loadAsync(written));
  const skip = new Set(options.skipSheets);
  const copier = new PartCopier(source, target);
  let changed = false;
  for (const [name, sourceSheet] of source.sheets) {
    if (skip.has(name)) continue;
    const targetSheet = target.sheets.get(name);
    if (targetSheet === undefined) continue;
    const sourceDrawing = await source.drawingOf(sourceSheet);
    if (sourceDrawing === undefined || !source.has(sourceDrawing)) continue;
    const targetDrawing = await target.drawingOf(targetSheet);
    if (targetDrawing !== undefined && target.has(targetDrawing)) {
      await mergeDrawing(source, target, copier, sourceDrawing, targetDrawing);
    } else {
      const copied = await copier.copy(sourceDrawing);
      await target.linkDrawing(targetSheet, copied);
    }
    changed = true;
  }
  if (!changed) return written;
  target.save();
  return target.zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

// ---------------------------------------------------------------------------------------------
// Merging into a drawing ExcelJS already wrote

/**
 * The sheet keeps its one drawing part (`targetPath`), whose content becomes the original
 * drawing, followed by the anchors ExcelJS wrote that are not a copy of an original picture.
 */
async function mergeDrawing(
  source: Package,
  target: Package,
  copier: PartCopier,
  sourcePath: string,
  targetPath: string,
): Promise<void> {
  const sourceXml = await source.text(sourcePath);
  const sourceRels = await source.rels(sourcePath);
  const targetXml = await target.text(targetPath);
  const targetRels = await target.rels(targetPath);

  // The original pictures, by image bytes and top-left cell.
  const originalPictures = new Map<string, number>();
  for (const anchor of findAnchors(sourceXml)) {
    const key = await pictureKey(source, sourcePath, sourceRels, anchor.xml);
    if (key !== undefined) originalPictures.set(key, (originalPictures.get(key) ?? 0) + 1);
  }
  const kept: string[] = [];
  for (const anchor of findAnchors(targetXml)) {
    const key = await pictureKey(target, targetPath, targetRels, anchor.xml);
    const left = key === undefined ? 0 : (originalPictures.get(key) ?? 0);
    if (key !== undefined && left > 0) originalPictures.set(key, left - 1);
    else kept.push(anchor.xml);
  }

  // The original drawing's relationships, their parts copied (images shared when identical).
  const rels: Relationship[] = [];
  for (const rel of sourceRels) rels.push(await copier.relFor(sourcePath, targetPath, rel));
  const usedIds = new Set(rels.map((r) => r.id));

  // Anchors ExcelJS wrote that are not the original's: fresh relationship and shape ids.
  const idMap = new Map<string, string>();
  for (const xml of kept) {
    for (const m of xml.matchAll(/\s\w+:\w+="([^"]*)"/g)) {
      const rel = targetRels.find((r) => r.id === m[1]);
      if (!rel || idMap.has(rel.id)) continue;
      const id = usedIds.has(rel.id) ? nextRelId(usedIds) : rel.id;
      usedIds.add(id);
      idMap.set(rel.id, id);
      rels.push({ ...rel, id });
    }
  }
  let shapeId = maxShapeId(sourceXml);
  const keptXml = kept.map((xml) =>
    xml
      .replace(/(\s\w+:\w+=")([^"]*)"/g, (whole, head: string, value: string) => {
        const id = idMap.get(value);
        return id === undefined ? whole : `${head}${id}"`;
      })
      .replace(/(<(?:\w+:)?cNvPr\b[^>]*?\bid=")(\d+)"/, (_, head: string) => `${head}${++shapeId}"`),
  );

  let merged = sourceXml;
  if (keptXml.length > 0) {
    merged = addMissingNamespaces(merged, rootTag(targetXml) ?? "");
    const close = merged.lastIndexOf("</");
    merged = merged.slice(0, close) + keptXml.join("") + merged.slice(close);
  }
  target.zip.file(targetPath, merged);
  target.writeRels(targetPath, rels);

  // Parts only the dropped anchors pointed at (ExcelJS's copies of the pictures) are removed.
  const dropped = targetRels
    .filter((r) => !isExternal(r) && !idMap.has(r.id))
    .map((r) => resolveTarget(targetPath, r.target));
  await target.removeUnreferenced(dropped);
}

/** `bytes-hash@col,row` for a picture anchor; undefined for anything else. */
async function pictureKey(pkg: Package, drawingPath: string, rels: Relationship[], anchor: string): Promise<string | undefined> {
  if (!/<(?:\w+:)?pic\b/.test(anchor)) return undefined;
  const embed = /<(?:\w+:)?blip\b[^>]*?\b\w+:embed="([^"]*)"/.exec(anchor)?.[1];
  const rel = rels.find((r) => r.id === embed);
  if (!rel || isExternal(rel)) return undefined;
  const bytes = await pkg.bytes(resolveTarget(drawingPath, rel.target));
  if (!bytes) return undefined;
  const from = /<(?:\w+:)?from>\s*<(?:\w+:)?col>(\d+)<\/(?:\w+:)?col>[\s\S]*?<(?:\w+:)?row>(\d+)<\/(?:\w+:)?row>/.exec(anchor);
  const pos = /<(?:\w+:)?pos\b[^>]*?\bx="(-?\d+)"[^>]*?\by="(-?\d+)"/.exec(anchor);
  const place = from ? `${from[1]},${from[2]}` : pos ? `abs:${pos[1]},${pos[2]}` : "";
  return `${bytesKey(bytes)}@${place}`;
}

interface FoundAnchor {
  xml: string;
}

/** The anchors of a drawing (wherever they sit, also inside mc:AlternateContent). */
function findAnchors(drawing: string): FoundAnchor[] {
  const out: FoundAnchor[] = [];
  for (const m of drawing.matchAll(/<((?:\w+:)?)(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/\1\2>/g)) {
    out.push({ xml: m[0] });
  }
  return out;
}

function maxShapeId(drawing: string): number {
  let max = 0;
  for (const m of drawing.matchAll(/<(?:\w+:)?cNvPr\b[^>]*?\bid="(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}

function rootTag(xml: string): string | undefined {
  const start = firstElementStart(xml);
  if (start < 0) return undefined;
  return xml.slice(start, tagEnd(xml, start) + 1);
}

/** Namespace declarations of `otherRoot` that the root of `xml` lacks, added to it. */
function addMissingNamespaces(xml: string, otherRoot: string): string {
  const start = firstElementStart(xml);
  if (start < 0) return xml;
  const end = tagEnd(xml, start);
  let root = xml.slice(start, end + 1);
  for (const m of otherRoot.matchAll(/\sxmlns:(\w+)="([^"]*)"/g)) {
    if (new RegExp(`\\sxmlns:${m[1]}="`).test(root)) continue;
    const selfClosing = root.endsWith("/>");
    root = `${root.slice(0, selfClosing ? -2 : -1)} xmlns:${m[1]}="${m[2]}"${selfClosing ? "/>" : ">"}`;
  }
  return xml.slice(0, start) + root + xml.slice(end + 1);
}

// ---------------------------------------------------------------------------------------------
// Copying parts from one package to the other

class PartCopier {
  /** Source part → the part it became in the target. */
  private readonly copied = new Map<string, string>();
  private mediaIndex: Map<string, string[]> | undefined;

  constructor(
    private readonly source: Package,
    private readonly target: Package,
  ) {}

  /** `rel` of source part `from`, for target part `to`: its part copied, its target rewritten. */
  async relFor(from: string, to: string, rel: Relationship): Promise<Relationship> {
    if (isExternal(rel)) return rel;
    const path = resolveTarget(from, rel.target);
    if (!this.source.has(path)) return rel;
    const copy = await this.copy(path);
    return { ...rel, target: relativeTarget(to, copy) };
  }

  /** Copy a part and everything it reaches; the target part's name. */
  async copy(path: string): Promise<string> {
    const done = this.copied.get(path);
    if (done !== undefined) return done;
    const bytes = (await this.source.bytes(path)) ?? new Uint8Array();
    const rels = await this.source.rels(path);
    const same = rels.length === 0 ? await this.identicalMedia(path, bytes) : undefined;
    if (same !== undefined) {
      this.copied.set(path, same);
      return same;
    }
    const name = this.target.allocate(path);
    this.copied.set(path, name);
    this.target.zip.file(name, bytes);
    this.target.typeLike(name, this.source, path);
    if (/^xl\/media\//i.test(name)) this.remember(name, bytes);
    if (rels.length > 0) {
      const out: Relationship[] = [];
      for (const rel of rels) out.push(await this.relFor(path, name, rel));
      this.target.writeRels(name, out);
    }
    return name;
  }

  /** A media part of the target with the same bytes and extension (a picture ExcelJS kept). */
  private async identicalMedia(path: string, bytes: Uint8Array): Promise<string | undefined> {
    if (!/^xl\/media\//i.test(path)) return undefined;
    if (!this.mediaIndex) {
      this.mediaIndex = new Map();
      for (const name of this.target.paths()) {
        if (!/^xl\/media\//i.test(name)) continue;
        const b = await this.target.bytes(name);
        if (b) this.remember(name, b);
      }
    }
    const ext = extensionOf(path);
    for (const name of this.mediaIndex.get(bytesKey(bytes)) ?? []) {
      if (extensionOf(name) !== ext) continue;
      const other = await this.target.bytes(name);
      if (other && sameBytes(other, bytes)) return name;
    }
    return undefined;
  }

  private remember(name: string, bytes: Uint8Array): void {
    if (!this.mediaIndex) return;
    const key = bytesKey(bytes);
    this.mediaIndex.set(key, [...(this.mediaIndex.get(key) ?? []), name]);
  }
}

// ---------------------------------------------------------------------------------------------
// One package: parts, relationships, content types, sheets by name

interface Relationship {
  id: string;
  type: string;
  target: string;
  /** Other attributes (TargetMode), kept as written. */
  extra: string;
}

class Package {
  readonly sheets = new Map<string, string>();
  private contentTypes = "";
  private readonly names = new Set<string>();

  private constructor(readonly zip: JSZip) {}

  static async open(zip: JSZip): Promise<Package> {
    const pkg = new Package(zip);
    zip.forEach((path, file) => {
      if (!file.dir) pkg.names.add(path.toLowerCase());
    });
    pkg.contentTypes = (await pkg.textOrUndefined("[Content_Types].xml")) ?? "";
    const workbookPath = await pkg.workbookPath();
    const workbook = (await pkg.textOrUndefined(workbookPath)) ?? "";
    const rels = await pkg.rels(workbookPath);
    const sheets = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets>/.exec(workbook)?.[1] ?? "";
    for (const m of sheets.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
      const attrs = m[1] ?? "";
      const name = attr(attrs, "name");
      const rid = /\s\w+:id="([^"]*)"/.exec(attrs)?.[1];
      const rel = rels.find((r) => r.id === rid);
      if (name !== undefined && rel && !isExternal(rel)) pkg.sheets.set(unescapeXml(name), resolveTarget(workbookPath, rel.target));
    }
    return pkg;
  }

  private async workbookPath(): Promise<string> {
    const rels = parseRels((await this.textOrUndefined("_rels/.rels")) ?? "");
    const main = rels.find((r) => r.type.endsWith("/officeDocument"));
    return main ? resolveTarget("", main.target) : "xl/workbook.xml";
  }

  save(): void {
    this.zip.file("[Content_Types].xml", this.contentTypes);
  }

  paths(): string[] {
    const out: string[] = [];
    this.zip.forEach((path, file) => {
      if (!file.dir) out.push(path);
    });
    return out;
  }

  has(path: string): boolean {
    return this.zip.file(path) !== null;
  }

  async text(path: string): Promise<string> {
    const t = await this.textOrUndefined(path);
    if (t === undefined) throw new Error(`The workbook has no part ${path}`);
    return t;
  }

  private async textOrUndefined(path: string): Promise<string | undefined> {
    return this.zip.file(path)?.async("string");
  }

  async bytes(path: string): Promise<Uint8Array | undefined> {
    return this.zip.file(path)?.async("uint8array");
  }

  async rels(partPath: string): Promise<Relationship[]> {
    const xml = await this.textOrUndefined(relsPathOf(partPath));
    return xml === undefined ? [] : parseRels(xml);
  }

  writeRels(partPath: string, rels: Relationship[]): void {
    const path = relsPathOf(partPath);
    this.zip.file(path, writeRels(rels));
    this.names.add(path.toLowerCase());
  }

  /** The drawing part a sheet points at through its <drawing r:id>. */
  async drawingOf(sheetPath: string): Promise<string | undefined> {
    const xml = await this.textOrUndefined(sheetPath);
    if (xml === undefined) return undefined;
    const id = drawingElementId(xml);
    if (id === undefined) return undefined;
    const rel = (await this.rels(sheetPath)).find((r) => r.id === id);
    return rel && !isExternal(rel) ? resolveTarget(sheetPath, rel.target) : undefined;
  }

  /** Give a sheet that has no drawing the drawing part `drawingPath`. */
  async linkDrawing(sheetPath: string, drawingPath: string): Promise<void> {
    const rels = await this.rels(sheetPath);
    const id = nextRelId(new Set(rels.map((r) => r.id)));
    rels.push({ id, type: REL_DRAWING, target: relativeTarget(sheetPath, drawingPath), extra: "" });
    this.writeRels(sheetPath, rels);
    const sheetXml = await this.text(sheetPath);
    const stale = drawingElementId(sheetXml);
    this.zip.file(
      sheetPath,
      stale === undefined
        ? insertDrawingElement(sheetXml, id)
        : sheetXml.replace(/(<(?:\w+:)?drawing\b[^>]*?\s\w+:id=")[^"]*"/, `$1${id}"`),
    );
    if (this.contentTypeOf(drawingPath) === undefined) this.addOverride(drawingPath, CT_DRAWING);
  }

  /** A free part name like `path`: the same when free, else the next number of its stem. */
  allocate(path: string): string {
    let name = path;
    if (this.names.has(name.toLowerCase())) {
      const m = /^(.*\/)?([^/]*?)(\d*)(\.[^./]*)?$/.exec(path);
      const dir = m?.[1] ?? "";
      const stem = m?.[2] ?? path;
      const ext = m?.[4] ?? "";
      const re = new RegExp(`^${escapeRegExp(`${dir}${stem}`.toLowerCase())}(\\d+)${escapeRegExp(ext.toLowerCase())}$`);
      let n = 0;
      for (const existing of this.names) {
        const k = re.exec(existing);
        if (k) n = Math.max(n, Number(k[1]));
      }
      do name = `${dir}${stem}${++n}${ext}`;
      while (this.names.has(name.toLowerCase()));
    }
    this.names.add(name.toLowerCase());
    return name;
  }

  /** Give part `path` the content type that part `otherPath` has in `other`. */
  typeLike(path: string, other: Package, otherPath: string): void {
    const override = other.overrideOf(otherPath);
    if (override !== undefined) {
      this.addOverride(path, override);
      return;
    }
    const ext = extensionOf(otherPath);
    const wanted = other.defaultOf(ext);
    if (wanted === undefined) return;
    const mine = this.defaultOf(extensionOf(path));
    if (mine === wanted) return;
    if (mine === undefined && extensionOf(path) === ext) this.addDefault(ext, wanted);
    else this.addOverride(path, wanted);
  }

  /** Remove parts (and their content types and rels) that no relationship points at any more. */
  async removeUnreferenced(candidates: string[]): Promise<void> {
    if (candidates.length === 0) return;
    const referenced = new Set<string>();
    for (const path of this.paths()) {
      const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(path);
      if (!m) continue;
      const source = `${m[1]}${m[2]}`;
      for (const rel of parseRels((await this.textOrUndefined(path)) ?? "")) {
        if (!isExternal(rel)) referenced.add(resolveTarget(source, rel.target).toLowerCase());
      }
    }
    for (const part of new Set(candidates)) {
      if (referenced.has(part.toLowerCase()) || !this.has(part)) continue;
      this.zip.remove(part);
      this.names.delete(part.toLowerCase());
      this.contentTypes = this.contentTypes.replace(overridePattern(part), "");
    }
  }

  contentTypeOf(path: string): string | undefined {
    return this.overrideOf(path) ?? this.defaultOf(extensionOf(path));
  }

  private overrideOf(path: string): string | undefined {
    const m = overridePattern(path).exec(this.contentTypes);
    return m ? attr(m[0], "ContentType") : undefined;
  }

  private defaultOf(ext: string): string | undefined {
    for (const m of this.contentTypes.matchAll(/<Default\b[^>]*?\/?>/g)) {
      if ((attr(m[0], "Extension") ?? "").toLowerCase() === ext) return attr(m[0], "ContentType");
    }
    return undefined;
  }

  private addOverride(path: string, contentType: string): void {
    this.contentTypes = this.contentTypes.replace(overridePattern(path), "");
    this.insertType(`<Override PartName="/${escapeXml(path)}" ContentType="${escapeXml(contentType)}"/>`);
  }

  private addDefault(ext: string, contentType: string): void {
    this.insertType(`<Default Extension="${escapeXml(ext)}" ContentType="${escapeXml(contentType)}"/>`);
  }

  private insertType(element: string): void {
    this.contentTypes = this.contentTypes.replace(/<\/Types>\s*$/, `${element}</Types>`);
  }
}

function overridePattern(path: string): RegExp {
  return new RegExp(`<Override\\b[^>]*?\\bPartName="/${escapeRegExp(escapeXml(path))}"[^>]*?\\/?>`, "i");
}

// ---------------------------------------------------------------------------------------------
// The worksheet's <drawing> element

/** The r:id of the worksheet's own <drawing> element (a child of the root), if any. */
function drawingElementId(sheetXml: string): string | undefined {
  for (const child of topLevelChildren(sheetXml).children) {
    if (child.name !== "drawing") continue;
    return /\s\w+:id="([^"]*)"/.exec(sheetXml.slice(child.start, child.end))?.[1];
  }
  return undefined;
}

/** Put <drawing r:id> where CT_Worksheet wants it: before the first child that follows it. */
export function insertDrawingElement(sheetXml: string, rid: string): string {
  const { rootStart, rootEnd, children, closeStart } = topLevelChildren(sheetXml);
  if (rootStart < 0 || closeStart < 0) throw new Error("The worksheet part is not a worksheet");
  let root = sheetXml.slice(rootStart, rootEnd + 1);
  const elementPrefix = /^<(\w+:)?/.exec(root)?.[1] ?? "";
  let relPrefix = new RegExp(`\\sxmlns:(\\w+)="${escapeRegExp(NS_R)}"`).exec(root)?.[1];
  if (relPrefix === undefined) {
    relPrefix = "r";
    let n = 1;
    while (new RegExp(`\\sxmlns:${relPrefix}="`).test(root)) relPrefix = `r${++n}`;
    root = root.replace(/^(<[\w:]+)/, `$1 xmlns:${relPrefix}="${NS_R}"`);
  }
  const element = `<${elementPrefix}drawing ${relPrefix}:id="${rid}"/>`;
  const shift = root.length - (rootEnd + 1 - rootStart);
  const xml = sheetXml.slice(0, rootStart) + root + sheetXml.slice(rootEnd + 1);
  const next = children.find((c) => AFTER_DRAWING.has(c.name));
  const at = (next ? next.start : closeStart) + shift;
  return xml.slice(0, at) + element + xml.slice(at);
}

interface Child {
  /** Local name (prefix left out). */
  name: string;
  start: number;
  end: number;
}

/** The root element's tag and its direct children, found by a small scanner (no regex over nesting). */
export function topLevelChildren(xml: string): { rootStart: number; rootEnd: number; children: Child[]; closeStart: number } {
  const children: Child[] = [];
  let depth = 0;
  let rootStart = -1;
  let rootEnd = -1;
  let closeStart = -1;
  let current: Child | undefined;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) break;
    if (xml.startsWith("<?", lt)) {
      i = skipPast(xml, lt, "?>");
      continue;
    }
    if (xml.startsWith("<!--", lt)) {
      i = skipPast(xml, lt, "-->");
      continue;
    }
    if (xml.startsWith("<![CDATA[", lt)) {
      i = skipPast(xml, lt, "]]>");
      continue;
    }
    if (xml.startsWith("<!", lt)) {
      i = tagEnd(xml, lt) + 1;
      continue;
    }
    const end = tagEnd(xml, lt);
    if (xml[lt + 1] === "/") {
      depth--;
      if (depth === 1 && current) {
        current.end = end + 1;
        children.push(current);
        current = undefined;
      } else if (depth === 0) {
        closeStart = lt;
        break;
      }
    } else {
      const selfClosing = xml[end - 1] === "/";
      const qname = /^<([\w.:-]+)/.exec(xml.slice(lt, lt + 200))?.[1] ?? "";
      if (depth === 0) {
        rootStart = lt;
        rootEnd = end;
      } else if (depth === 1) {
        const child = { name: qname.replace(/^[\w.-]+:/, ""), start: lt, end: end + 1 };
        if (selfClosing) children.push(child);
        else current = child;
      }
      if (!selfClosing) depth++;
      else if (depth === 0) break;
    }
    i = end + 1;
  }
  return { rootStart, rootEnd, children, closeStart };
}

function firstElementStart(xml: string): number {
  return topLevelChildren(xml).rootStart;
}

function skipPast(xml: string, from: number, marker: string): number {
  const at = xml.indexOf(marker, from);
  return at < 0 ? xml.length : at + marker.length;
}

/** The index of the `>` closing the tag that starts at `lt` (quoted attribute values skipped). */
function tagEnd(xml: string, lt: number): number {
  let quote: string | undefined;
  for (let i = lt + 1; i < xml.length; i++) {
    const ch = xml[i];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ">") return i;
  }
  return xml.length - 1;
}

// ---------------------------------------------------------------------------------------------
// Relationships, paths and small helpers

function parseRels(xml: string): Relationship[] {
  const rels: Relationship[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    const attrs = m[1] ?? "";
    const id = attr(attrs, "Id");
    const type = attr(attrs, "Type");
    const target = attr(attrs, "Target");
    if (id === undefined || type === undefined || target === undefined) continue;
    const extra = attrs.replace(/(^|\s)(Id|Type|Target)="[^"]*"/g, "").trim();
    rels.push({ id, type, target: unescapeXml(target), extra });
  }
  return rels;
}

function writeRels(rels: Relationship[]): string {
  const items = rels
    .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"${r.extra ? ` ${r.extra}` : ""}/>`)
    .join("");
  return `${XML_HEAD}<Relationships xmlns="${NS_REL}">${items}</Relationships>`;
}

function isExternal(rel: Relationship): boolean {
  return /TargetMode="External"/i.test(rel.extra);
}

function nextRelId(used: Set<string>): string {
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf("/");
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** A relationship target (relative to the source part's folder, or absolute with "/") → a zip path. */
function resolveTarget(sourcePath: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = sourcePath.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

function relativeTarget(sourcePath: string, targetPath: string): string {
  const from = sourcePath.split("/").slice(0, -1);
  const to = targetPath.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

function extensionOf(path: string): string {
  const m = /\.([^./]+)$/.exec(path);
  return m?.[1]?.toLowerCase() ?? "";
}

/** Length and FNV-1a hash: a cheap key to find parts with the same bytes (confirmed byte by byte). */
function bytesKey(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${bytes.length}:${h.toString(16)}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function attr(attrs: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as Record<string, string>)[e] ?? "";
  });
}
