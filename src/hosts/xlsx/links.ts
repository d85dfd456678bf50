/**
 * Links to a place in the workbook itself ("Sở Y tế" on the instructions sheet → that unit's form).
 * In the file format such a link is a <hyperlink ref location="'Sheet'!A1"/> with no relationship.
 * ExcelJS knows only links with a relationship: it writes a link given as "#'Sheet'!A1" as an
 * external one (a relationship whose target is "#'Sheet'!A1", TargetMode External), which
 * LibreOffice opens as a link to a file ("../ket-qua.xlsx#'Sheet'!A1%23%23'Sheet'!A1"), and it
 * drops on reading a link that has only a location (Excel's own internal links, and ours once
 * written right). So:
 *   - after writing (internalLinksIn): a link whose relationship targets "#…" becomes a location
 *     link, and the relationship goes;
 *   - before reading (readableLinksIn): a location link gets a relationship targeting "#…", which
 *     ExcelJS reads as the cell's hyperlink "#'Sheet'!A1" and writes back, so a second run keeps it.
 * Pure (jszip only): runs in Node and in the browser.
 */
import type JSZip from "jszip";
import {
  NS_R,
  type Relationship,
  attr,
  escapeRegExp,
  escapeXml,
  nextRelId,
  parseRels,
  relsPathOf,
  topLevelChildren,
  unescapeXml,
  withRelationshipPrefix,
  writeRels,
} from "./ooxml";

const REL_HYPERLINK = `${NS_R}/hyperlink`;
/** A <hyperlink> element (self-closed, as the worksheet schema has it) and its attributes. */
const HYPERLINK = /<((?:\w+:)?)hyperlink\b([^>]*?)\s*\/>/g;

function isInternal(rel: Relationship): boolean {
  return rel.type === REL_HYPERLINK && rel.target.startsWith("#");
}

/** `attrs` without the attribute `name` (any prefix when `name` has none of its own). */
function withoutAttr(attrs: string, name: string): string {
  return attrs.replace(new RegExp(`\\s${escapeRegExp(name)}="[^"]*"`, "g"), "");
}

/**
 * The links to the workbook's own cells in `sheets` (worksheet part paths) made location links
 * (no relationship); whether any part changed.
 */
export async function internalLinksIn(zip: JSZip, sheets: Iterable<string>): Promise<boolean> {
  let changed = false;
  for (const path of sheets) {
    const relsPath = relsPathOf(path);
    const relsXml = await zip.file(relsPath)?.async("string");
    if (relsXml === undefined || !relsXml.includes('Target="#')) continue;
    const rels = parseRels(relsXml);
    const internal = new Map(rels.filter(isInternal).map((r) => [r.id, r.target.slice(1)]));
    const sheetFile = zip.file(path);
    if (internal.size === 0 || !sheetFile) continue;
    const xml = await sheetFile.async("string");
    const relPrefix = new RegExp(`\\sxmlns:(\\w+)="${escapeRegExp(NS_R)}"`).exec(xml)?.[1] ?? "r";
    const done = new Set<string>();
    const fixed = xml.replace(HYPERLINK, (element: string, prefix: string, attrs: string) => {
      const rid = attr(attrs, `${relPrefix}:id`);
      const location = rid === undefined ? undefined : internal.get(unescapeXml(rid));
      if (rid === undefined || location === undefined) return element;
      done.add(unescapeXml(rid));
      const rest = withoutAttr(withoutAttr(attrs, `${relPrefix}:id`), "location");
      return `<${prefix}hyperlink${rest} location="${escapeXml(location)}"/>`;
    });
    if (done.size === 0) continue;
    zip.file(path, fixed);
    const kept = rels.filter((r) => !done.has(r.id));
    // A sheet with no relationship left has no relationships part, as Excel writes it.
    if (kept.length === 0) zip.remove(relsPath);
    else zip.file(relsPath, writeRels(kept));
    changed = true;
  }
  return changed;
}

/**
 * The location links of `sheets` (worksheet part paths) given a relationship targeting "#" and the
 * location, so that ExcelJS reads them; whether any part changed.
 */
export async function readableLinksIn(zip: JSZip, sheets: Iterable<string>): Promise<boolean> {
  let changed = false;
  for (const path of sheets) {
    const sheetFile = zip.file(path);
    if (!sheetFile) continue;
    let xml = await sheetFile.async("string");
    if (!/<(?:\w+:)?hyperlink\b[^>]*\slocation="/.test(xml)) continue;
    const { rootStart, rootEnd } = topLevelChildren(xml);
    if (rootStart < 0) continue;
    let relPrefix: string;
    ({ xml, relPrefix } = withRelationshipPrefix(xml, rootStart, rootEnd));
    const relsPath = relsPathOf(path);
    const rels = parseRels((await zip.file(relsPath)?.async("string")) ?? "");
    const used = new Set(rels.map((r) => r.id));
    const added: Relationship[] = [];
    const fixed = xml.replace(HYPERLINK, (element: string, prefix: string, attrs: string) => {
      const location = attr(attrs, "location");
      // A link with a relationship already (a file, a web page) is ExcelJS's to read as it is.
      if (location === undefined || /\s\w+:id="/.test(attrs)) return element;
      const id = nextRelId(used);
      used.add(id);
      added.push({ id, type: REL_HYPERLINK, target: `#${unescapeXml(location)}`, extra: 'TargetMode="External"' });
      return `<${prefix}hyperlink${withoutAttr(attrs, "location")} ${relPrefix}:id="${id}"/>`;
    });
    if (added.length === 0) continue;
    zip.file(path, fixed);
    zip.file(relsPath, writeRels([...rels, ...added]));
    changed = true;
  }
  return changed;
}
