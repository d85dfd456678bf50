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
 * keep pointing at their data (a sheet the run renamed is named anew in them, and its drawing
 * goes with it). In the same pass the workbook's defined names are put back as the original had
 * them, which ExcelJS drops, cuts or merges (restoreDefinedNames), and the other parts ExcelJS
 * does not model are carried over (carry-parts.ts): chart sheets, PivotTables, sparklines, links
 * to other workbooks, the custom document properties.
 * The package plumbing (Package, PartCopier) is in package.ts.
 * Pure (jszip only): runs in Node and in the browser.
 */
import JSZip from "jszip";
import type { SheetMessage } from "../../core/i18n/text";
import { type ColumnRenames, tableColumnRenames } from "../../core/structured-refs";
import { carryParts } from "./carry-parts";
import { type RowsInsert, shiftDrawingRows } from "./insert-rows";
import { quotedPrintNames, restoreDefinedNames } from "./defined-names";
import { tidyDataBarsIn } from "./finish";
import {
  type Relationship,
  insertDrawingElement,
  isExternal,
  legacySheetPassword,
  nextRelId,
  resolveTarget,
  tagEnd,
  topLevelChildren,
  withLegacyPassword,
} from "./ooxml";
import { Package, PartCopier, bytesKey, renameInChart } from "./package";

/** Kept here for the callers and tests that import them from this module. */
export { insertDrawingElement, renameInChart, topLevelChildren };

export interface PreserveOptions {
  /** Sheets the project owns (replaced on every run): their drawings are not carried over. */
  skipSheets: string[];
  /**
   * Sheets the plan renamed (`Kết quả` → `Results`): the drawing of `from` in the original goes to
   * `to`, and the formulas of every chart carried over name `to` instead of `from`.
   */
  renamedSheets?: readonly { from: string; to: string }[];
  /** Tables the run renamed (the results table the user had renamed, given its name back): the defined names naming `from` name `to`. */
  renamedTables?: readonly { from: string; to: string }[];
  /**
   * Rows the run inserted, in order (insert-rows.ts), each on its sheet's name then: the drawing
   * of that sheet and the defined names that refer to its cells move with them.
   */
  insertedRows?: readonly RowsInsert[];
  /** Sheets of the written file whose data bars to make plain first (tidyDataBarsIn), in the same pass. */
  tidyDataBars?: readonly string[];
  /**
   * Legacy passwords of the written file's sheets, by name (legacyPasswordsOf: forms copied in from
   * other files); a sheet not named here keeps that of the original's sheet of its name.
   */
  legacyPasswords?: ReadonlyMap<string, string>;
  /**
   * Sheets the run wrote anew besides `skipSheets` (the project's own): their print titles and
   * print area are those written, not the original's (restoreDefinedNames).
   */
  ownedSheets?: readonly string[];
  /**
   * Where to say what of the original could not be carried over (carryParts: a PivotTable on a
   * sheet the project owns, one over data from outside the workbook, slicers…). The xlsx host
   * says it when the plan is applied (partsNotCarried), before the file is written.
   */
  warnings?: SheetMessage[];
}

export async function preserveDrawings(
  original: Uint8Array,
  written: Uint8Array,
  options: PreserveOptions,
): Promise<Uint8Array> {
  const source = await Package.open(await JSZip.loadAsync(original));
  const writtenZip = await JSZip.loadAsync(written);
  let changed = await tidyDataBarsIn(writtenZip, options.tidyDataBars ?? []);
  const target = await Package.open(writtenZip);
  const skip = new Set(options.skipSheets);
  const renames = options.renamedSheets ?? [];
  const copier = new PartCopier(source, target, renames);
  // ExcelJS writes a protection read with a legacy password (LibreOffice's) without it.
  const passwords = new Map(options.legacyPasswords ?? []);
  for (const [name, sourceSheet] of source.worksheets()) {
    if (skip.has(name)) continue;
    const renamed = renames.find((r) => r.from.toLowerCase() === name.toLowerCase())?.to ?? name;
    if (passwords.has(renamed) || !source.has(sourceSheet)) continue;
    const password = legacySheetPassword(await source.text(sourceSheet));
    if (password !== undefined) passwords.set(renamed, password);
  }
  if (await restoreLegacyPasswordsIn(target, passwords)) changed = true;
  // Chart sheets, PivotTables and sparklines, before the defined names (which count the sheets, chart sheets too).
  const carried = await carryParts(source, target, copier, { skipSheets: options.skipSheets, renamedSheets: renames, renamedTables: options.renamedTables ?? [], ownedSheets: options.ownedSheets ?? [] });
  if (carried.changed) changed = true;
  options.warnings?.push(...carried.warnings);
  // A chart sheet kept under another name is renamed first: the run's renames may give a sheet its old name.
  const namesRenamed = [...carried.renamedChartSheets, ...renames];
  const insertedRows = options.insertedRows ?? [];
  if (await restoreDefinedNamesIn(source, target, { ownedSheets: [...options.skipSheets, ...(options.ownedSheets ?? [])], renamedSheets: namesRenamed, renamedTables: options.renamedTables ?? [], ...(insertedRows.length > 0 ? { insertedRows } : {}) })) changed = true;
  for (const [name, sourceSheet] of source.worksheets()) {
    if (skip.has(name)) continue;
    const renamed = renames.find((r) => r.from.toLowerCase() === name.toLowerCase())?.to;
    const targetSheet = target.sheets.get(renamed ?? name);
    if (targetSheet === undefined || target.kinds.get(renamed ?? name) !== "worksheet") continue;
    const sourceDrawing = await source.drawingOf(sourceSheet);
    if (sourceDrawing === undefined || !source.has(sourceDrawing)) continue;
    const targetDrawing = await target.drawingOf(targetSheet);
    let drawing: string;
    if (targetDrawing !== undefined && target.has(targetDrawing)) {
      await mergeDrawing(source, target, copier, sourceDrawing, targetDrawing);
      drawing = targetDrawing;
    } else {
      drawing = await copier.copy(sourceDrawing);
      await target.linkDrawing(targetSheet, drawing);
    }
    // Rows the run inserted on the sheet move its pictures and shapes with the cells under them.
    const inserts = insertedRows.filter((i) => i.sheet.toLowerCase() === (renamed ?? name).toLowerCase());
    if (inserts.length > 0) target.zip.file(drawing, shiftDrawingRows(await target.text(drawing), inserts));
    changed = true;
  }
  if (!changed) return written;
  target.save();
  return target.zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/**
 * The written file with the legacy password of each sheet in `passwords` (by name) put back into
 * its protection, when ExcelJS wrote the sheet protected without one (withLegacyPassword), and
 * the data bars of `tidyDataBars` made plain in the same pass: for a file written with no original
 * to carry drawings from (forms gathered into a new workbook). Unchanged bytes when nothing needed it.
 */
export async function restoreLegacyPasswords(
  written: Uint8Array,
  passwords: ReadonlyMap<string, string>,
  options: { tidyDataBars?: readonly string[] } = {},
): Promise<Uint8Array> {
  if (passwords.size === 0 && (options.tidyDataBars ?? []).length === 0) return written;
  const zip = await JSZip.loadAsync(written);
  let changed = await tidyDataBarsIn(zip, options.tidyDataBars ?? []);
  if (passwords.size > 0 && (await restoreLegacyPasswordsIn(await Package.open(zip), passwords))) changed = true;
  if (!changed) return written;
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

async function restoreLegacyPasswordsIn(target: Package, passwords: ReadonlyMap<string, string>): Promise<boolean> {
  let changed = false;
  for (const [name, password] of passwords) {
    const path = target.sheets.get(name);
    if (path === undefined || !target.has(path)) continue;
    const xml = await target.text(path);
    const fixed = withLegacyPassword(xml, password);
    if (fixed === xml) continue;
    target.zip.file(path, fixed);
    changed = true;
  }
  return changed;
}

/**
 * The defined names of the original put back into the written workbook part as they were, beside
 * those the run defines (restoreDefinedNames), the columns of the tables the run renamed followed
 * in their text; whether the part changed.
 */
async function restoreDefinedNamesIn(
  source: Package,
  target: Package,
  options: { ownedSheets: readonly string[]; renamedSheets: readonly { from: string; to: string }[]; renamedTables: readonly { from: string; to: string }[]; insertedRows?: readonly RowsInsert[] },
): Promise<boolean> {
  if (!source.has(source.workbook) || !target.has(target.workbook)) return false;
  const written = await target.text(target.workbook);
  const before = await source.tables();
  const tableColumns = new Map<string, ColumnRenames>();
  const formerName = (key: string) => options.renamedTables.find((r) => r.to.toLowerCase() === key)?.from.toLowerCase() ?? key;
  for (const [key, after] of await target.tables()) {
    const was = before.get(formerName(key));
    if (!was || was.headers.join("\u0000") === after.headers.join("\u0000")) continue;
    const columns = tableColumnRenames(was.headers, after.headers);
    if (columns.size > 0) tableColumns.set(after.name, columns);
  }
  // A file an earlier run wrote may have its print titles named as ExcelJS names them (quotedPrintNames): they come back right.
  const restored = restoreDefinedNames(quotedPrintNames(await source.text(source.workbook)), written, { ...options, tableColumns });
  if (restored === written) return false;
  target.zip.file(target.workbook, restored);
  return true;
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

function firstElementStart(xml: string): number {
  return topLevelChildren(xml).rootStart;
}
