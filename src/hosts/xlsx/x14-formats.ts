/**
 * The conditional formats Excel 2010 and later keep only in a worksheet's x14 extension
 * (`<extLst><ext uri="{78C0D931-…}"><x14:conditionalFormattings>`), with no Excel 2007 rule
 * beside them: a rule whose formula reads another sheet (`$D$27<'Danh mục'!$A$1`), an icon set
 * with icons of the user's choosing, and the like. ExcelJS 4.4 reads such a rule as a type with no
 * formula (ExcelJS issues #1751, #2311), then fails writing it ("Cannot read properties of
 * undefined (reading '0')"), or writes it so that Excel repairs the file (#2349). So:
 *   - when a file is read (read.ts), each sheet's rules of that kind are taken out of the model
 *     ExcelJS holds (takeOutX14Formats), and the sheet keeps them as the file has them, each
 *     <x14:conditionalFormatting> with only those rules, declaring the namespaces it uses;
 *   - when the workbook is written (finish.ts, writeKeepingX14Formats), they go back raw into the
 *     written part of the sheet they were on, under its name now: into the <ext> of that uri that
 *     ExcelJS writes for its data bars when it writes one (one <ext> per uri), else in an <ext> of
 *     their own, first in the sheet's <extLst> as Excel orders them. Their formulas name the sheets
 *     a run renamed by their new names, as the rules ExcelJS writes do (rename-sheets.ts);
 *   - a sheet the run writes anew (the results sheet) keeps those of its rules outside the ranges
 *     it clears, as user-formats.ts does for the others (x14FormatsOutside);
 * Data bars, whose Excel 2007 rule names its x14 part by id, are left to ExcelJS, which writes them.
 * Pure (ExcelJS and jszip): runs in Node and in the browser.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { movedFormula, parseRect, type Rect, rectAddress, rectsTopLeft, rectsWithout } from "../../core/a1";
import { attr, escapeXml, parseRels, sheetParts, tagEnd, topLevelChildren, unescapeXml } from "./ooxml";
import { renameSheetInFormula } from "./stale-results";

/** The uri of the worksheet extension holding the x14 conditional formats. */
export const X14_FORMATS_EXT_URI = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}";
export const NS_X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** One <x14:conditionalFormatting> of the user's that ExcelJS cannot write: the element, able to stand alone. */
export interface X14Format {
  readonly xml: string;
}

/** A rule of an x14 format: its id, type and priority as its <x14:cfRule> has them. */
interface X14Rule {
  id: string | undefined;
  type: string | undefined;
  priority: number | undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading the element tree of a part (a small scanner, ooxml.ts's topLevelChildren)

export interface XmlNode {
  /** Local name. */
  name: string;
  start: number;
  end: number;
}

/** The children of the element at `node` of `xml`, where they are in `xml`. */
export function childrenOf(xml: string, node: XmlNode): XmlNode[] {
  const inner = xml.slice(node.start, node.end);
  return topLevelChildren(inner).children.map((c) => ({ name: c.name, start: node.start + c.start, end: node.start + c.end }));
}

export function openTag(xml: string, node: XmlNode): string {
  return xml.slice(node.start, tagEnd(xml, node.start) + 1);
}

/** The namespace declarations of tags, the later ones winning (prefix "" for the default namespace). */
export function declarations(tags: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const tag of tags) for (const m of tag.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*"([^"]*)"/g)) out.set(m[1] ?? "", m[2] ?? "");
  return out;
}

function withAttribute(tag: string, name: string, value: string): string {
  const at = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, at)} ${name}="${value}"${tag.slice(at)}`;
}

/**
 * `element` declaring on itself every namespace prefix it uses that only its ancestors (`scope`:
 * their tags, outermost first) declared, so that it means the same wherever it is put.
 */
export function standalone(element: string, scope: readonly string[]): string {
  const outer = declarations(scope);
  const end = tagEnd(element, 0);
  let open = element.slice(0, end + 1);
  const own = declarations([open]);
  const used = new Set<string>();
  for (const m of element.matchAll(/<\/?([\w.-]+):[\w.-]+/g)) used.add(m[1]!);
  for (const m of element.matchAll(/\s([\w.-]+):[\w.-]+\s*=/g)) if (m[1] !== "xmlns" && m[1] !== "xml") used.add(m[1]!);
  for (const p of used) if (!own.has(p) && outer.has(p)) open = withAttribute(open, `xmlns:${p}`, outer.get(p)!);
  // Unprefixed elements inside (an x14:dxf's <fill>) are SpreadsheetML's, the default namespace of the worksheet written.
  const def = outer.get("");
  if (!own.has("") && def !== undefined && def !== NS_MAIN && /<[A-Za-z_][\w.-]*[\s/>]/.test(element)) open = withAttribute(open, "xmlns", def);
  return open + element.slice(end + 1);
}

/** The element without the declarations on its own tag that `scope` (its new ancestors' tags) already makes. */
export function withoutRedundantDeclarations(element: string, scope: readonly string[]): string {
  const outer = declarations(scope);
  const end = tagEnd(element, 0);
  const open = element.slice(0, end + 1).replace(/\sxmlns(?::([\w.-]+))?\s*=\s*"([^"]*)"/g, (whole: string, p: string | undefined, uri: string) => (outer.get(p ?? "") === uri ? "" : whole));
  return open + element.slice(end + 1);
}

export const sameUri = (a: string | undefined, b: string) => a !== undefined && a.toUpperCase() === b.toUpperCase();

/** The worksheet's root tag, its own <extLst> and that list's <ext> for the x14 conditional formats, when it has them. */
function formatsExt(sheetXml: string): { rootTag: string | undefined; extLst: XmlNode | undefined; ext: XmlNode | undefined } {
  const top = topLevelChildren(sheetXml);
  const rootTag = top.rootStart < 0 ? undefined : sheetXml.slice(top.rootStart, top.rootEnd + 1);
  const extLst = top.children.find((c) => c.name === "extLst");
  const ext = extLst ? childrenOf(sheetXml, extLst).find((c) => c.name === "ext" && sameUri(attr(openTag(sheetXml, c), "uri"), X14_FORMATS_EXT_URI)) : undefined;
  return { rootTag, extLst, ext };
}

// ---------------------------------------------------------------------------------------------
// What a sheet has

/**
 * The x14 conditional formats of a worksheet part that ExcelJS cannot write: every
 * <x14:conditionalFormatting> of its extension with the rules no Excel 2007 rule of the sheet names
 * by id (`<x14:id>` in a data bar's), and only those, each able to stand alone (standalone).
 */
export function x14FormatsIn(sheetXml: string): X14Format[] {
  if (!/78C0D931-6437-407d-A8EE-F0AAD7539E65/i.test(sheetXml)) return [];
  const { rootTag, extLst, ext } = formatsExt(sheetXml);
  if (rootTag === undefined || !extLst || !ext) return [];
  // The x14 rules the sheet's Excel 2007 rules name: their other half, which ExcelJS reads and writes.
  const named = new Set<string>();
  for (const c of topLevelChildren(sheetXml).children) {
    if (c.name !== "conditionalFormatting") continue;
    for (const m of sheetXml.slice(c.start, c.end).matchAll(/<(?:[\w.-]+:)?id\s*>([^<]*)<\/(?:[\w.-]+:)?id\s*>/g)) named.add(m[1]!.trim().toUpperCase());
  }
  const out: X14Format[] = [];
  for (const formats of childrenOf(sheetXml, ext).filter((c) => c.name === "conditionalFormattings")) {
    const scope = [rootTag, openTag(sheetXml, extLst), openTag(sheetXml, ext), openTag(sheetXml, formats)];
    for (const cf of childrenOf(sheetXml, formats).filter((c) => c.name === "conditionalFormatting")) {
      const children = childrenOf(sheetXml, cf);
      const own = (c: XmlNode) => {
        const id = attr(openTag(sheetXml, c).slice(1), "id");
        return id === undefined || !named.has(id.trim().toUpperCase());
      };
      if (!children.some((c) => c.name === "cfRule" && own(c))) continue;
      const open = openTag(sheetXml, cf);
      const close = sheetXml.slice(sheetXml.lastIndexOf("</", cf.end - 1), cf.end);
      const kept = children.filter((c) => c.name !== "cfRule" || own(c)).map((c) => sheetXml.slice(c.start, c.end));
      out.push({ xml: standalone(open + kept.join("") + close, scope) });
    }
  }
  return out;
}

/** The rules of an x14 format. */
function rulesOf(format: X14Format): X14Rule[] {
  const out: X14Rule[] = [];
  for (const m of format.xml.matchAll(/<(?:[\w.-]+:)?cfRule\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const attrs = m[1] ?? "";
    const priority = attr(attrs, "priority");
    out.push({ id: attr(attrs, "id")?.trim().toUpperCase(), type: attr(attrs, "type"), priority: priority === undefined ? undefined : Number(priority) });
  }
  return out;
}

/** The ranges an x14 format applies to ("D27 F4:F9"), as its <xm:sqref> has them. */
export function x14FormatRanges(format: X14Format): string {
  return unescapeXml(/<((?:[\w.-]+:)?sqref)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/.exec(format.xml)?.[2] ?? "").trim();
}

/** The formulas of an x14 format (its rules' and their thresholds' <xm:f>), in their order. */
export function x14FormatFormulas(format: X14Format): string[] {
  return [...format.xml.matchAll(/<((?:[\w.-]+:)?f)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g)].map((m) => unescapeXml(m[2] ?? ""));
}

/** The format with each of its formulas rewritten by `rewrite` (unchanged bytes where a formula is). */
export function withX14Formulas(format: X14Format, rewrite: (formula: string) => string): X14Format {
  const xml = format.xml.replace(/(<((?:[\w.-]+:)?f)(?:\s[^>]*)?>)([\s\S]*?)(<\/\2>)/g, (whole: string, open: string, _tag: string, text: string, close: string) => {
    const before = unescapeXml(text);
    const after = rewrite(before);
    return after === before ? whole : open + escapeXml(after) + close;
  });
  return xml === format.xml ? format : { xml };
}

export function withX14Ranges(format: X14Format, sqref: string): X14Format {
  return { xml: format.xml.replace(/(<((?:[\w.-]+:)?sqref)(?:\s[^>]*)?>)[\s\S]*?(<\/\2>)/, (_, open: string, _tag: string, close: string) => open + escapeXml(sqref) + close) };
}

/** The priorities of the format's rules, in their order (undefined where a rule has none). */
export function x14RulePriorities(format: X14Format): (number | undefined)[] {
  return rulesOf(format).map((r) => r.priority);
}

/** The format with its rules given `priorities`, in their order. */
export function withX14RulePriorities(format: X14Format, priorities: readonly number[]): X14Format {
  let i = 0;
  const xml = format.xml.replace(/<((?:[\w.-]+:)?cfRule)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g, (whole: string, tag: string, attrs: string) => {
    const p = priorities[i++];
    if (p === undefined) return whole;
    const selfClosing = attrs.endsWith("/");
    const body = selfClosing ? attrs.slice(0, -1) : attrs;
    const next = /(?:^|\s)priority="[^"]*"/.test(body) ? body.replace(/((?:^|\s)priority=")[^"]*"/, `$1${p}"`) : `${body} priority="${p}"`;
    return `<${tag}${next}${selfClosing ? "/" : ""}>`;
  });
  return { xml };
}

// ---------------------------------------------------------------------------------------------
// The formats a sheet of the model keeps aside

/** The x14 formats each worksheet of a model keeps aside, to be written raw. */
const kept = new WeakMap<ExcelJS.Worksheet, X14Format[]>();
/** The name each sheet of a workbook had when it was read: a sheet named otherwise since was renamed by the run. */
const namesRead = new WeakMap<ExcelJS.Workbook, Map<ExcelJS.Worksheet, string>>();

type ModelRule = { x14Id?: unknown; type?: unknown; priority?: unknown; formulae?: unknown; cfvo?: unknown; style?: unknown } & Record<string, unknown>;
type ModelFormat = { ref?: string; rules: ModelRule[] } & Record<string, unknown>;

function modelFormats(ws: ExcelJS.Worksheet): ModelFormat[] {
  return (ws as unknown as { conditionalFormattings?: ModelFormat[] }).conditionalFormattings ?? [];
}

function setModelFormats(ws: ExcelJS.Worksheet, formats: ModelFormat[]): void {
  (ws as unknown as { conditionalFormattings: ModelFormat[] }).conditionalFormattings = formats;
}

/** The x14 formats `ws` keeps aside, to be written raw (none for most sheets). */
export function x14FormatsOf(ws: ExcelJS.Worksheet): readonly X14Format[] {
  return kept.get(ws) ?? [];
}

/** `ws` keeps `formats` aside, in place of those it had, to be written raw. */
export function setX14Formats(ws: ExcelJS.Worksheet, formats: readonly X14Format[]): void {
  if (formats.length === 0) kept.delete(ws);
  else kept.set(ws, [...formats]);
}

/** Remembers the names of the workbook's sheets as read, to know later which the run renamed. */
export function rememberSheetNames(wb: ExcelJS.Workbook): void {
  namesRead.set(wb, new Map(wb.worksheets.map((ws) => [ws, ws.name])));
}

/**
 * The sheet's x14 conditional formats ExcelJS cannot write (x14FormatsIn of its part, `sheetXml`,
 * as the file read has it) taken out of the model ExcelJS read from it, and kept aside by the
 * sheet to be put back raw when the workbook is written (writeKeepingX14Formats). ExcelJS reads
 * each such rule (an id, a type, a priority) into the sheet's conditional formats, with the
 * Excel 2007 rules of the same range or as a format of its own: the rule goes, and a format left
 * with no rule. What the sheet kept aside before is replaced. Returns the formats kept aside.
 */
export function takeOutX14Formats(ws: ExcelJS.Worksheet, sheetXml: string): readonly X14Format[] {
  const formats = x14FormatsIn(sheetXml);
  if (formats.length === 0) return [];
  const ids = new Set<string>();
  const unnamed: (X14Rule & { ref: string })[] = [];
  for (const f of formats) {
    for (const r of rulesOf(f)) {
      if (r.id !== undefined) ids.add(r.id);
      else unnamed.push({ ...r, ref: x14FormatRanges(f) });
    }
  }
  const isX14 = (rule: ModelRule, cf: ModelFormat) => {
    if (typeof rule.x14Id === "string") return ids.has(rule.x14Id.trim().toUpperCase());
    // A rule written without an id: one ExcelJS read from the extension alone has nothing but its type and priority.
    if (rule.x14Id !== undefined || rule.formulae !== undefined || rule.cfvo !== undefined || rule.style !== undefined) return false;
    return unnamed.some((u) => u.ref === (cf.ref ?? "").trim() && u.type === rule.type && u.priority === rule.priority);
  };
  const left = modelFormats(ws)
    .map((cf) => (cf.rules.some((r) => isX14(r, cf)) ? { ...cf, rules: cf.rules.filter((r) => !isX14(r, cf)) } : cf))
    .filter((cf) => cf.rules.length > 0);
  setModelFormats(ws, left);
  setX14Formats(ws, formats);
  return formats;
}

/**
 * The formats as a sheet keeps them once the ranges `cleared` are cleared (user-formats.ts): one
 * wholly inside goes, one partly inside keeps the cells outside, its formulas moved to its new
 * top-left cell; one on ranges that cannot be read stays as it is.
 */
export function x14FormatsOutside(formats: readonly X14Format[], cleared: readonly Rect[]): X14Format[] {
  const out: X14Format[] = [];
  for (const f of formats) {
    const from = x14FormatRanges(f)
      .split(/\s+/)
      .map((part) => parseRect(part));
    if (from.length === 0 || from.some((r) => r === null)) {
      out.push(f);
      continue;
    }
    const rects = from as Rect[];
    const left = rectsWithout(rects, [...cleared]);
    if (left.length === 0) continue;
    const before = rectsTopLeft(rects);
    const after = rectsTopLeft(left);
    const moved = withX14Formulas(f, (formula) => movedFormula(formula, after.row - before.row, after.col - before.col));
    out.push(withX14Ranges(moved, left.map(rectAddress).join(" ")));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** The renames of the workbook's sheets since it was read (rememberSheetNames). */
export function renamesOf(wb: ExcelJS.Workbook): { from: string; to: string }[] {
  const names = namesRead.get(wb);
  if (!names) return [];
  return [...names].filter(([ws, name]) => ws.name !== name).map(([ws, name]) => ({ from: name, to: ws.name }));
}

/**
 * A worksheet part as written with `formats` in its x14 conditional formats' <ext>: after the
 * formats of the <ext> ExcelJS wrote (its data bars'), or in an <ext> of their own, first in the
 * sheet's <extLst> (Excel's order: the conditional formats, then the data validations, the
 * sparklines…); the <extLst> (made when the sheet had none) the last child of the sheet (extLstLast).
 */
export function withX14Formats(sheetXml: string, formats: readonly X14Format[]): string {
  return formats.length === 0 ? sheetXml : extLstLast(insertX14Formats(sheetXml, formats));
}

function insertX14Formats(sheetXml: string, formats: readonly X14Format[]): string {
  const { rootTag, extLst, ext } = formatsExt(sheetXml);
  if (formats.length === 0 || rootTag === undefined) return sheetXml;
  const prefix = /^<([\w.-]+:)?/.exec(rootTag)?.[1] ?? "";
  const elements = (scope: string[]) => formats.map((f) => withoutRedundantDeclarations(f.xml, scope)).join("");
  if (extLst && ext) {
    const scope = [rootTag, openTag(sheetXml, extLst), openTag(sheetXml, ext)];
    const holder = childrenOf(sheetXml, ext).find((c) => c.name === "conditionalFormattings");
    if (holder && !openTag(sheetXml, holder).endsWith("/>")) {
      const at = sheetXml.lastIndexOf("</", holder.end - 1);
      return sheetXml.slice(0, at) + elements([...scope, openTag(sheetXml, holder)]) + sheetXml.slice(at);
    }
    // An <ext> of that uri without formats in it (not as ExcelJS or Excel write one): they are put in it.
    const x14 = [...declarations(scope)].find(([p, uri]) => p !== "" && uri === NS_X14)?.[0];
    const open = x14 ? `<${x14}:conditionalFormattings>` : `<x14:conditionalFormattings xmlns:x14="${NS_X14}">`;
    const block = `${open}${elements([...scope, open])}</${x14 ?? "x14"}:conditionalFormattings>`;
    if (holder) return sheetXml.slice(0, holder.start) + block + sheetXml.slice(holder.end);
    const at = sheetXml.lastIndexOf("</", ext.end - 1);
    return sheetXml.slice(0, at) + block + sheetXml.slice(at);
  }
  const extOpen = `<${prefix}ext uri="${X14_FORMATS_EXT_URI}" xmlns:x14="${NS_X14}">`;
  const scope = extLst ? [rootTag, openTag(sheetXml, extLst), extOpen] : [rootTag, extOpen];
  const newExt = `${extOpen}<x14:conditionalFormattings>${elements(scope)}</x14:conditionalFormattings></${prefix}ext>`;
  if (extLst) {
    const open = openTag(sheetXml, extLst);
    const tag = /^<([\w.:-]+)/.exec(open)![1];
    if (open.endsWith("/>")) return sheetXml.slice(0, extLst.start) + `${open.slice(0, -2)}>${newExt}</${tag}>` + sheetXml.slice(extLst.end);
    const at = extLst.start + open.length;
    return sheetXml.slice(0, at) + newExt + sheetXml.slice(at);
  }
  // <extLst> is the last child of a worksheet (CT_Worksheet).
  const close = topLevelChildren(sheetXml).closeStart;
  if (close < 0) return sheetXml;
  return sheetXml.slice(0, close) + `<${prefix}extLst>${newExt}</${prefix}extLst>` + sheetXml.slice(close);
}

/**
 * A worksheet part with its <extLst> the last of its children, where CT_Worksheet has it: ExcelJS
 * writes a sheet's <legacyDrawing> (its notes) after the <extLst> of its data bars.
 */
export function extLstLast(sheetXml: string): string {
  const { children, closeStart } = topLevelChildren(sheetXml);
  const extLst = children.find((c) => c.name === "extLst");
  if (!extLst || closeStart < 0 || children[children.length - 1] === extLst) return sheetXml;
  return sheetXml.slice(0, extLst.start) + sheetXml.slice(extLst.end, closeStart) + sheetXml.slice(extLst.start, extLst.end) + sheetXml.slice(closeStart);
}

/**
 * The written package `xlsx` of `wb` with the part of each of `sheets` (by their names now) made
 * `edit(ws, part, renamed)`: `renamed` rewrites a formula so that it names the sheets the run
 * renamed by their new names (rememberSheetNames), undefined when it renamed none. The very
 * bytes when no part changed. What x14-formats.ts and x14-validations.ts put back goes so.
 */
export async function editWrittenSheets(
  xlsx: Uint8Array,
  wb: ExcelJS.Workbook,
  sheets: readonly ExcelJS.Worksheet[],
  edit: (ws: ExcelJS.Worksheet, sheetXml: string, renamed: ((formula: string) => string) | undefined) => string,
): Promise<Uint8Array> {
  if (sheets.length === 0) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const workbookPath = "xl/workbook.xml";
  const workbookXml = await zip.file(workbookPath)?.async("string");
  const relsXml = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (workbookXml === undefined || relsXml === undefined) return xlsx;
  const parts = sheetParts(workbookXml, parseRels(relsXml), workbookPath);
  const renames = renamesOf(wb);
  const renamed =
    renames.length === 0 ? undefined : (formula: string) => renames.reduce((text, r) => (text.includes("!") ? renameSheetInFormula(text, r.from, r.to) : text), formula);
  let changed = false;
  for (const ws of sheets) {
    const path = parts.get(ws.name) ?? [...parts].find(([name]) => name.toLowerCase() === ws.name.toLowerCase())?.[1];
    const file = path === undefined ? null : zip.file(path);
    if (!file || path === undefined) continue;
    const xml = await file.async("string");
    const edited = edit(ws, xml, renamed);
    if (edited === xml) continue;
    zip.file(path, edited);
    changed = true;
  }
  return changed ? zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }) : xlsx;
}

/**
 * The written package `xlsx` of `wb` with the x14 formats its sheets keep aside back in their
 * parts (withX14Formats), their formulas naming the sheets the run renamed by their new names;
 * the very bytes when no sheet keeps any.
 */
export async function putBackX14Formats(xlsx: Uint8Array, wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const sheets = wb.worksheets.filter((ws) => x14FormatsOf(ws).length > 0);
  return editWrittenSheets(xlsx, wb, sheets, (ws, xml, renamed) => withX14Formats(xml, x14FormatsOf(ws).map((f) => (renamed ? withX14Formulas(f, renamed) : f))));
}

/**
 * A rule of the model ExcelJS would fail on: one it read from the x14 extension alone (an id, no
 * formula, no thresholds), which no file read through read.ts leaves in the model
 * (takeOutX14Formats) but a workbook loaded otherwise may hold.
 */
function unwritable(rule: ModelRule): boolean {
  return rule.x14Id !== undefined && !(Array.isArray(rule.formulae) && rule.formulae.length > 0) && !Array.isArray(rule.cfvo);
}

/**
 * `write` (ExcelJS writing `wb`) with the x14 formats the sheets keep aside put back in what it
 * wrote (putBackX14Formats). A rule ExcelJS would fail on that is still in the model (unwritable)
 * is left out of the writing, and is in the model again after.
 */
export async function writeKeepingX14Formats(wb: ExcelJS.Workbook, write: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const aside: [ExcelJS.Worksheet, ModelFormat[]][] = [];
  for (const ws of wb.worksheets) {
    const formats = modelFormats(ws);
    if (!formats.some((cf) => cf.rules.some(unwritable))) continue;
    aside.push([ws, formats]);
    setModelFormats(
      ws,
      formats.map((cf) => ({ ...cf, rules: cf.rules.filter((r) => !unwritable(r)) })).filter((cf) => cf.rules.length > 0),
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await write();
  } finally {
    for (const [ws, formats] of aside) setModelFormats(ws, formats);
  }
  return putBackX14Formats(bytes, wb);
}
