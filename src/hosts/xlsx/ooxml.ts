/**
 * The package plumbing of an .xlsx file shared by the steps that edit its XML after ExcelJS has
 * written it (charts.ts adds charts, preserve.ts carries the user's drawings over, defined-names.ts
 * puts the user's defined names back, carry-parts.ts carries chart sheets, PivotTables and
 * sparklines over): relationship parts, part paths, [Content_Types].xml, the sheets of the
 * workbook part (a sheet put in among them), a child put where the schema wants it (the
 * worksheet's <drawing> element, its <rowBreaks> and <colBreaks>), and XML text escaping. Text in, text out; pure (no jszip, no Node).
 */

export const NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
export const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_DRAWING = `${NS_R}/drawing`;
export const REL_CHARTSHEET = `${NS_R}/chartsheet`;
export const REL_TABLE = `${NS_R}/table`;
export const REL_STYLES = `${NS_R}/styles`;
export const REL_PIVOT_TABLE = `${NS_R}/pivotTable`;
export const REL_PIVOT_CACHE_DEFINITION = `${NS_R}/pivotCacheDefinition`;
export const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
export const CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// ---------------------------------------------------------------------------------------------
// Relationships and part paths

export interface Relationship {
  id: string;
  type: string;
  target: string;
  /** Other attributes (TargetMode), kept as written. */
  extra: string;
}

export function parseRels(xml: string): Relationship[] {
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

export function writeRels(rels: Relationship[]): string {
  const items = rels
    .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"${r.extra ? ` ${r.extra}` : ""}/>`)
    .join("");
  return `${XML_HEAD}<Relationships xmlns="${NS_REL}">${items}</Relationships>`;
}

export function isExternal(rel: Relationship): boolean {
  return /TargetMode="External"/i.test(rel.extra);
}

/** The first `rIdN` not in `used`, counting from the number of ids in use. */
export function nextRelId(used: ReadonlySet<string>): string {
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf("/");
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** A relationship target (relative to the source part's folder, or absolute with "/") → a zip path. */
export function resolveTarget(sourcePath: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = sourcePath.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** The target a relationship of `sourcePath` writes to reach `targetPath`. */
export function relativeTarget(sourcePath: string, targetPath: string): string {
  const from = sourcePath.split("/").slice(0, -1);
  const to = targetPath.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

export function extensionOf(path: string): string {
  const m = /\.([^./]+)$/.exec(path);
  return m?.[1]?.toLowerCase() ?? "";
}

// ---------------------------------------------------------------------------------------------
// The workbook's sheets

/** The <sheet> elements of the workbook part in their order (the order `localSheetId` counts in): each one's name and attributes. */
function sheetElements(workbookXml: string): { name: string | undefined; attrs: string }[] {
  return sheetElementsOf(workbookXml).map((s) => ({ name: attr(s.attrs, "name") === undefined ? undefined : s.name, attrs: s.attrs }));
}

/**
 * The <sheet> elements of the workbook part in their order, each with its name (unescaped), the
 * r:id of its relationship, its attributes as written and where the element is in the part.
 */
export function sheetElementsOf(workbookXml: string): { name: string; rid: string | undefined; attrs: string; start: number; end: number }[] {
  const block = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets>/.exec(workbookXml);
  if (!block) return [];
  const offset = block.index + block[0].indexOf(">") + 1;
  return [...(block[1] ?? "").matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)].map((m) => {
    const attrs = m[1] ?? "";
    return {
      name: unescapeXml(attr(attrs, "name") ?? ""),
      rid: /\s\w+:id="([^"]*)"/.exec(attrs)?.[1],
      attrs,
      start: offset + m.index,
      end: offset + m.index + m[0].length,
    };
  });
}

/**
 * The workbook part with the <sheet> element `element` put at `index` among its sheets (last when
 * `index` is their number), and what counts sheets by their place made to follow: every defined
 * name's `localSheetId` and the workbook view's `activeTab` from `index` on count one more (they
 * keep naming the same sheet), and a `firstSheet` after `index` too.
 */
export function insertSheetElement(workbookXml: string, element: string, index: number): string {
  const sheets = sheetElementsOf(workbookXml);
  const close = /<\/(?:\w+:)?sheets>/.exec(workbookXml);
  if (!close) throw new Error("The workbook part has no <sheets>");
  const at = index < sheets.length ? sheets[index]!.start : sheets.length > 0 ? sheets[sheets.length - 1]!.end : close.index;
  const xml = workbookXml.slice(0, at) + element + workbookXml.slice(at);
  const shift = (tag: RegExp, name: string, from: (n: number) => boolean) => (text: string) =>
    text.replace(tag, (t) => t.replace(new RegExp(`(\\s${name}=")(\\d+)"`), (whole, head: string, n: string) => (from(Number(n)) ? `${head}${Number(n) + 1}"` : whole)));
  return [
    shift(/<(?:\w+:)?definedName\b(?:[^>"']|"[^"]*"|'[^']*')*>/g, "localSheetId", (n) => n >= index),
    shift(/<(?:\w+:)?workbookView\b(?:[^>"']|"[^"]*"|'[^']*')*>/g, "activeTab", (n) => n >= index),
    shift(/<(?:\w+:)?workbookView\b(?:[^>"']|"[^"]*"|'[^']*')*>/g, "firstSheet", (n) => n > index),
  ].reduce((text, f) => f(text), xml);
}

/** The names of the workbook's sheets in their order: a defined name's `localSheetId` is an index into it. */
export function sheetNames(workbookXml: string): string[] {
  return sheetElements(workbookXml).map((s) => s.name ?? "");
}

/** Sheet name → worksheet part path, from the workbook part and its relationships. */
export function sheetParts(workbookXml: string, workbookRels: Relationship[], workbookPath: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const { name, attrs } of sheetElements(workbookXml)) {
    const rid = /\s\w+:id="([^"]*)"/.exec(attrs)?.[1];
    const rel = workbookRels.find((r) => r.id === rid);
    if (name !== undefined && rel && !isExternal(rel)) out.set(name, resolveTarget(workbookPath, rel.target));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// [Content_Types].xml

export class ContentTypes {
  constructor(private text: string) {}

  get xml(): string {
    return this.text;
  }

  /** The content type of a part: its Override, else the Default of its extension. */
  of(path: string): string | undefined {
    return this.overrideOf(path) ?? this.defaultOf(extensionOf(path));
  }

  overrideOf(path: string): string | undefined {
    const m = overridePattern(path).exec(this.text);
    return m ? attr(m[0], "ContentType") : undefined;
  }

  defaultOf(ext: string): string | undefined {
    for (const m of this.text.matchAll(/<Default\b[^>]*?\/?>/g)) {
      if ((attr(m[0], "Extension") ?? "").toLowerCase() === ext) return attr(m[0], "ContentType");
    }
    return undefined;
  }

  /** Give part `path` (a zip path, no leading "/") its own content type, replacing any it had. */
  setOverride(path: string, contentType: string): void {
    this.removeOverride(path);
    this.insert(`<Override PartName="/${escapeXml(path)}" ContentType="${escapeXml(contentType)}"/>`);
  }

  removeOverride(path: string): void {
    this.text = this.text.replace(overridePattern(path), "");
  }

  addDefault(ext: string, contentType: string): void {
    this.insert(`<Default Extension="${escapeXml(ext)}" ContentType="${escapeXml(contentType)}"/>`);
  }

  private insert(element: string): void {
    this.text = this.text.replace(/<\/Types>\s*$/, `${element}</Types>`);
  }
}

function overridePattern(path: string): RegExp {
  return new RegExp(`<Override\\b[^>]*?\\bPartName="/${escapeRegExp(escapeXml(path))}"[^>]*?\\/?>`, "i");
}

// ---------------------------------------------------------------------------------------------
// The worksheet's <drawing> element

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

/** The r:id of the worksheet's own <drawing> element (a child of the root), if any. */
export function drawingElementId(sheetXml: string): string | undefined {
  for (const child of topLevelChildren(sheetXml).children) {
    if (child.name !== "drawing") continue;
    return /\s\w+:id="([^"]*)"/.exec(sheetXml.slice(child.start, child.end))?.[1];
  }
  return undefined;
}

/** Put <drawing r:id> where CT_Worksheet wants it: before the first child that follows it. */
export function insertDrawingElement(sheetXml: string, rid: string): string {
  const { rootStart, rootEnd, closeStart } = topLevelChildren(sheetXml);
  if (rootStart < 0 || closeStart < 0) throw new Error("The worksheet part is not a worksheet");
  const { xml, relPrefix } = withRelationshipPrefix(sheetXml, rootStart, rootEnd);
  const elementPrefix = /^<(\w+:)?/.exec(sheetXml.slice(rootStart))?.[1] ?? "";
  const element = `<${elementPrefix}drawing ${relPrefix}:id="${rid}"/>`;
  return insertChild(xml, element, AFTER_DRAWING);
}

/** Children of a worksheet that come after <colBreaks>, in the order of CT_Worksheet. */
const AFTER_COL_BREAKS = new Set(["customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", ...AFTER_DRAWING]);
/** Children of a worksheet that come after <rowBreaks>, in the order of CT_Worksheet (its <colBreaks> first). */
const AFTER_ROW_BREAKS = new Set(["colBreaks", ...AFTER_COL_BREAKS]);

/**
 * One manual page break of a worksheet (a <brk> of its <rowBreaks> or <colBreaks>), as the file has
 * it. `id` is the last row (column) of the page before it, 1-based, which is the first of the page
 * after it counted from 0: `<brk id="30"/>` of <rowBreaks> breaks before row 31, of <colBreaks>
 * before column K. `min` and `max` are the first and last column (row) it crosses, 0-based, when
 * the file says; `man` whether the user put it there; `pt` whether a PivotTable did.
 */
export interface PageBreak {
  id: number;
  min?: number;
  max?: number;
  man: boolean;
  pt?: boolean;
}

/** The kinds of manual page breaks of a worksheet: after rows (<rowBreaks>), before columns (<colBreaks>). */
export type PageBreakKind = "rowBreaks" | "colBreaks";

/** Whether a worksheet part may have manual page breaks (a cheap test before pageBreaksIn). */
export function hasPageBreaks(sheetXml: string): boolean {
  return /<(?:[\w.-]+:)?(?:row|col)Breaks\b/.test(sheetXml);
}

/**
 * The page breaks of a worksheet part's own <rowBreaks> or <colBreaks> (a child of its root, of
 * which a part has one), in their order; none: []. A break whose `id` is not a whole number is left out.
 */
export function pageBreaksIn(sheetXml: string, kind: PageBreakKind): PageBreak[] {
  if (!hasPageBreaks(sheetXml)) return [];
  const out: PageBreak[] = [];
  for (const child of topLevelChildren(sheetXml).children) {
    if (child.name !== kind) continue;
    for (const m of sheetXml.slice(child.start, child.end).matchAll(/<(?:[\w.-]+:)?brk\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/g)) {
      const attrs = m[1] ?? "";
      const whole = (name: string) => {
        const v = attr(attrs, name)?.trim();
        return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
      };
      const id = whole("id");
      if (id === undefined) continue;
      const min = whole("min");
      const max = whole("max");
      out.push({ id, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), man: isTrue(attr(attrs, "man")), ...(isTrue(attr(attrs, "pt")) ? { pt: true } : {}) });
    }
  }
  return out;
}

/**
 * The worksheet with `breaks` as its manual page breaks of `kind` and no others: its own
 * <rowBreaks> or <colBreaks> (a child of the root) replaced, or taken out when there are none,
 * put where CT_Worksheet orders it (after <headerFooter>, <rowBreaks> before <colBreaks>, both
 * before <customProperties>, <drawing>, <tableParts>, <extLst>…). One break to a row (column),
 * the first given winning, in the order of their rows (columns); a break before the first row
 * (column) is none. Booleans are written "1".
 */
export function withPageBreaks(sheetXml: string, kind: PageBreakKind, breaks: readonly PageBreak[]): string {
  const { rootStart, closeStart, children } = topLevelChildren(sheetXml);
  if (rootStart < 0 || closeStart < 0) throw new Error("The worksheet part is not a worksheet");
  let xml = sheetXml;
  for (const child of [...children].reverse()) if (child.name === kind) xml = xml.slice(0, child.start) + xml.slice(child.end);
  const byId = new Map<number, PageBreak>();
  for (const b of breaks) if (Number.isInteger(b.id) && b.id > 0 && !byId.has(b.id)) byId.set(b.id, b);
  const kept = [...byId.values()].sort((a, b) => a.id - b.id);
  if (kept.length === 0) return xml;
  const prefix = /^<(\w+:)?/.exec(sheetXml.slice(rootStart))?.[1] ?? "";
  const items = kept
    .map((b) => `<${prefix}brk id="${b.id}"${b.min !== undefined ? ` min="${b.min}"` : ""}${b.max !== undefined ? ` max="${b.max}"` : ""}${b.man ? ' man="1"' : ""}${b.pt ? ' pt="1"' : ""}/>`)
    .join("");
  const manual = kept.filter((b) => b.man).length;
  return insertChild(xml, `<${prefix}${kind} count="${kept.length}" manualBreakCount="${manual}">${items}</${prefix}${kind}>`, kind === "rowBreaks" ? AFTER_ROW_BREAKS : AFTER_COL_BREAKS);
}

/** Manual page breaks before `columns` (1-based: a page starts at each), each across every row, as <colBreaks> has them. */
export function columnBreaksBefore(columns: readonly number[]): PageBreak[] {
  return columns.filter((c) => Number.isInteger(c) && c > 1).map((c) => ({ id: c - 1, max: 1048575, man: true }));
}

/**
 * The worksheet with manual vertical page breaks before `columns` (1-based: a page starts at each)
 * and no others: its own <colBreaks> (a child of the root) replaced, or taken out when there are
 * none. Each break crosses every row (`max`, the sheet's last row, 0-based) and its `id` is the
 * last column of the page before it (1-based), the first of the page after it (0-based), as
 * `<brk id="2"/>` breaks before column C.
 */
export function withColumnBreaks(sheetXml: string, columns: readonly number[]): string {
  return withPageBreaks(sheetXml, "colBreaks", columnBreaksBefore(columns));
}

/**
 * The prefix the part's root element binds to the relationships namespace (`r` as a rule), and the
 * part with one declared on its root (from `rootStart` to `rootEnd`, the end of its tag) when none was.
 */
export function withRelationshipPrefix(partXml: string, rootStart: number, rootEnd: number): { xml: string; relPrefix: string } {
  const root = partXml.slice(rootStart, rootEnd + 1);
  const declared = new RegExp(`\\sxmlns:(\\w+)="${escapeRegExp(NS_R)}"`).exec(root)?.[1];
  if (declared !== undefined) return { xml: partXml, relPrefix: declared };
  let relPrefix = "r";
  let n = 1;
  while (new RegExp(`\\sxmlns:${relPrefix}="`).test(root)) relPrefix = `r${++n}`;
  const declaring = root.replace(/^(<[\w:]+)/, `$1 xmlns:${relPrefix}="${NS_R}"`);
  return { xml: partXml.slice(0, rootStart) + declaring + partXml.slice(rootEnd + 1), relPrefix };
}

/**
 * `element` put among the root's children where the schema wants it: before the first child named
 * in `following` (the children the schema puts after it), else last.
 */
export function insertChild(xml: string, element: string, following: ReadonlySet<string>): string {
  const { children, closeStart } = topLevelChildren(xml);
  if (closeStart < 0) throw new Error("The part has no root element to add to");
  const next = children.find((c) => following.has(c.name));
  const at = next ? next.start : closeStart;
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

function skipPast(xml: string, from: number, marker: string): number {
  const at = xml.indexOf(marker, from);
  return at < 0 ? xml.length : at + marker.length;
}

/** The index of the `>` closing the tag that starts at `lt` (quoted attribute values skipped). */
export function tagEnd(xml: string, lt: number): number {
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
// Attributes and escaping

/** The value of attribute `name` in a tag's attribute text (as written, still escaped). */
export function attr(attrs: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Escaped for element text and double-quoted attributes; control characters XML 1.0 forbids are dropped. */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // Control characters XML 1.0 cannot carry at all: taking them out is the point.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as Record<string, string>)[e] ?? "";
  });
}

// ---------------------------------------------------------------------------------------------
// Booleans written as words (LibreOffice)

/**
 * The boolean attributes (xsd:boolean) of the SpreadsheetML elements ExcelJS reads, by element.
 * The schema allows "true"/"false" as well as "1"/"0", and LibreOffice writes the words; ExcelJS
 * compares most of them with "1" or "0" only, so it reads `<sheetProtection sheet="true">` as an
 * unprotected sheet and `<protection locked="false"/>` as a locked cell.
 */
const BOOLEAN_ATTRIBUTES: Record<string, readonly string[]> = {
  // Worksheet
  sheetPr: ["filterMode", "published", "syncHorizontal", "syncVertical", "transitionEvaluation", "transitionEntry", "enableFormatConditionsCalculation"],
  pageSetUpPr: ["autoPageBreaks", "fitToPage"],
  outlinePr: ["applyStyles", "summaryBelow", "summaryRight", "showOutlineSymbols"],
  sheetView: ["windowProtection", "showFormulas", "showGridLines", "showRowColHeaders", "showZeros", "rightToLeft", "tabSelected", "showRuler", "showOutlineSymbols", "defaultGridColor", "showWhiteSpace"],
  sheetFormatPr: ["customHeight", "zeroHeight", "thickTop", "thickBottom"],
  col: ["hidden", "bestFit", "customWidth", "phonetic", "collapsed"],
  row: ["customFormat", "hidden", "customHeight", "collapsed", "thickTop", "thickBot", "ph"],
  sheetProtection: [
    "sheet", "objects", "scenarios", "formatCells", "formatColumns", "formatRows", "insertColumns", "insertRows",
    "insertHyperlinks", "deleteColumns", "deleteRows", "selectLockedCells", "sort", "autoFilter", "pivotTables", "selectUnlockedCells",
  ],
  dataValidations: ["disablePrompts"],
  dataValidation: ["allowBlank", "showDropDown", "showInputMessage", "showErrorMessage"],
  cfRule: ["stopIfTrue", "aboveAverage", "percent", "bottom", "equalAverage"],
  cfvo: ["gte"],
  dataBar: ["showValue"],
  iconSet: ["showValue", "percent", "reverse"],
  printOptions: ["horizontalCentered", "verticalCentered", "headings", "gridLines", "gridLinesSet"],
  pageSetup: ["usePrinterDefaults", "blackAndWhite", "draft", "useFirstPageNumber"],
  headerFooter: ["differentOddEven", "differentFirst", "scaleWithDoc", "alignWithMargins"],
  // Styles
  xf: ["quotePrefix", "pivotButton", "applyNumberFormat", "applyFont", "applyFill", "applyBorder", "applyAlignment", "applyProtection"],
  alignment: ["wrapText", "justifyLastLine", "shrinkToFit"],
  protection: ["locked", "hidden"],
  border: ["diagonalUp", "diagonalDown", "outline"],
  cellStyle: ["hidden", "customBuiltin"],
  // Workbook
  workbookPr: ["date1904", "showObjects", "showBorderUnselectedTables", "filterPrivacy", "promptedSolutions", "showInkAnnotation", "backupFile", "saveExternalLinkValues", "hidePivotFieldList", "showPivotChartFilter", "allowRefreshQuery", "publishItems", "checkCompatibility", "autoCompressPictures", "refreshAllConnections"],
  workbookProtection: ["lockStructure", "lockWindows", "lockRevision"],
  workbookView: ["minimized", "showHorizontalScroll", "showVerticalScroll", "showSheetTabs", "autoFilterDateGrouping"],
  definedName: ["hidden", "function", "vbProcedure", "xlm", "publishToServer", "workbookParameter"],
  calcPr: ["fullCalcOnLoad", "calcCompleted", "calcOnSave", "concurrentCalc", "forceFullCalc", "iterate", "fullPrecision"],
  // Tables
  table: ["insertRow", "insertRowShift", "published"],
  tableStyleInfo: ["showFirstColumn", "showLastColumn", "showRowStripes", "showColumnStripes"],
  filterColumn: ["hiddenButton", "showButton"],
};

const BOOLEAN_ELEMENT = new RegExp(
  `<((?:[\\w.-]+:)?)(${Object.keys(BOOLEAN_ATTRIBUTES).join("|")})(\\s(?:[^>"']|"[^"]*"|'[^']*')*?)(\\/?>)`,
  "g",
);

/** Whether a part may hold a boolean written as a word (a cheap test before normalizeBooleans). */
export function hasWordBooleans(xml: string): boolean {
  return /=\s*(?:"(?:true|false)"|'(?:true|false)')/.test(xml);
}

/**
 * A worksheet, styles, workbook or table part with the boolean attributes of BOOLEAN_ATTRIBUTES
 * written "true"/"false" (as LibreOffice writes them) written "1"/"0" instead, as Excel writes
 * them and ExcelJS reads them. Every other attribute and all text stay as they were (a validation
 * message "true", a sheet named "false").
 */
export function normalizeBooleans(xml: string): string {
  if (!hasWordBooleans(xml)) return xml;
  return xml.replace(BOOLEAN_ELEMENT, (whole, prefix: string, name: string, attrs: string, close: string) => {
    if (!/true|false/.test(attrs)) return whole;
    const booleans = BOOLEAN_ATTRIBUTES[name] ?? [];
    const fixed = attrs.replace(/([\w.:-]+)(\s*=\s*)("[^"]*"|'[^']*')/g, (pair, attrName: string, eq: string, quoted: string) => {
      const value = quoted.slice(1, -1);
      if ((value !== "true" && value !== "false") || !booleans.includes(attrName)) return pair;
      return `${attrName}${eq}${quoted[0]}${value === "true" ? "1" : "0"}${quoted[0]}`;
    });
    return `<${prefix}${name}${fixed}${close}`;
  });
}

// ---------------------------------------------------------------------------------------------
// The legacy password of a sheet's protection

/** The worksheet's own <sheetProtection> tag (a child of the root), if any. */
function sheetProtectionTag(sheetXml: string): { start: number; end: number; tag: string } | undefined {
  for (const child of topLevelChildren(sheetXml).children) {
    if (child.name !== "sheetProtection") continue;
    const end = tagEnd(sheetXml, child.start) + 1;
    return { start: child.start, end, tag: sheetXml.slice(child.start, end) };
  }
  return undefined;
}

function isTrue(value: string | undefined): boolean {
  return value === "1" || value === "true";
}

/**
 * The legacy `password` of a protected sheet (the 16-bit hash, "DAA7", that Excel 2007 and
 * LibreOffice write), which ExcelJS neither reads nor writes; undefined when the sheet is not
 * protected or has no such password.
 */
export function legacySheetPassword(sheetXml: string): string | undefined {
  const found = sheetProtectionTag(sheetXml);
  if (!found || !isTrue(attr(found.tag, "sheet"))) return undefined;
  const password = attr(found.tag, "password");
  return password !== undefined && password !== "" ? password : undefined;
}

/**
 * The worksheet with `password` (a legacy hash) given to its protection: only when the sheet is
 * protected and its protection has no password of either kind (no `password`, no `hashValue`),
 * as ExcelJS writes a protection read with a legacy password. Unchanged otherwise.
 */
export function withLegacyPassword(sheetXml: string, password: string): string {
  const found = sheetProtectionTag(sheetXml);
  if (!found || !isTrue(attr(found.tag, "sheet"))) return sheetXml;
  if (attr(found.tag, "password") !== undefined || attr(found.tag, "hashValue") !== undefined) return sheetXml;
  const tag = found.tag.replace(/^(<[\w.:-]+)/, `$1 password="${escapeXml(unescapeXml(password))}"`);
  return sheetXml.slice(0, found.start) + tag + sheetXml.slice(found.end);
}
