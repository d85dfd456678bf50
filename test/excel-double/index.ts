/**
 * An in-memory Excel for tests: the subset of the Excel JavaScript API the add-in uses, with
 * Office.js's batching (commands queue until `context.sync()`), loading rules, null objects,
 * errors, the 5 MB payload limits of Excel on the web (each request measured as Office.js
 * serialises it: object paths, Instantiate actions, then the commands), requirement sets (an API
 * newer than the configured ExcelApi throws ApiNotFound), sheet protection (locked cells of a
 * protected sheet refuse writes) and the workbook's structure protection, proxies of a deleted sheet
 * failing with ItemNotFound, and Excel's calculation: formulas show what they compute
 * (formulas.ts), in automatic or manual calculation (Application.calculationMode), suspended by
 * suspendApiCalculationUntilNextSync until `application.calculate()`. `install(window)` puts it in a page
 * as the globals `Excel`, `Office` and `OfficeExtension`.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseRect, rectAddress, splitSheet } from "./address";
import { calculateAll, calculation, deleteSheet, DoubleError, renameSheet, RequestContext, importers, setCalculationMode, settle, versionAtLeast, type DoublePlatform, type DoubleState, type ImportedSheet, type RefusalCode, type RequestRecord } from "./api";
import { defaultProtectionOptions, MSheet, MWorkbook, type CalculationMode, type MCell, type MHyperlink, type MProtection } from "./model";

export { API_SETS, DoubleError, PAYLOAD_LIMIT, CELL_LIMIT, REFUSALS, WEB_UNSUPPORTED_INSERT, IPAD_NO_INSERT, officeRequest } from "./api";
export type { DoublePlatform, RequestRecord, ChangeEvent, RefusalCode, SheetEvent } from "./api";
export type { CalculationMode } from "./model";

/**
 * `{ date }`: a date (and time) as a user types it and Excel keeps it: the serial number of the
 * 1900 date system ("2025-05-03" is 45780, "2025-05-03T12:00" 45780.5) in a date-formatted cell
 * (`numberFormat`, by default "m/d/yyyy", or "m/d/yyyy h:mm" with a time of day).
 */
export type SeedValue = number | string | boolean | null | { error: string } | { formula: string } | { date: string; numberFormat?: string };

/** A cell given a value as a user types it (a formula shows nothing until it is calculated). */
function seed(cell: MCell, v: Exclude<SeedValue, null>): void {
  delete cell.f;
  if (typeof v === "object" && "date" in v) {
    cell.v = excelSerial(v.date); cell.t = "Double";
    cell.nf = v.numberFormat ?? (v.date.length > 10 ? "m/d/yyyy h:mm" : "m/d/yyyy");
  } else if (typeof v === "object" && "error" in v) { cell.v = v.error; cell.t = "Error"; }
  else if (typeof v === "object" && "formula" in v) { cell.v = ""; cell.t = "Empty"; cell.f = v.formula; }
  else if (typeof v === "number") { cell.v = v; cell.t = "Double"; }
  else if (typeof v === "boolean") { cell.v = v; cell.t = "Boolean"; }
  else if (v === "") { cell.v = ""; cell.t = "Empty"; }
  else { cell.v = v; cell.t = "String"; }
}

/** The serial number Excel keeps for an ISO date ("2025-05-03", "2025-05-03T10:30"), in the 1900 date system. */
export function excelSerial(iso: string): number {
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(iso.slice(10)) ? iso : `${iso.length <= 10 ? `${iso}T00:00` : iso}Z`);
  if (Number.isNaN(ms)) throw new Error(`bad date ${iso}`);
  return ms / 86_400_000 + 25569;
}

export interface DoubleOptions {
  /** Requirement sets the host claims, e.g. { ExcelApi: "1.18" } (default: ExcelApi 1.18). */
  requirements?: Record<string, string>;
  /**
   * What `WorksheetProtection.unprotect()` without a password does on a sheet protected with one,
   * which the reference does not say: "fails" with InvalidArgument (default), or is "ignored" (the
   * sheet stays protected and the request goes on).
   */
  unprotectWithoutPassword?: "fails" | "ignored";
  /**
   * Where Excel runs (Office.context.platform, and what Office.onReady reports): "PC" (default),
   * "Mac", "OfficeOnline" (Excel on the web, where insertWorksheetsFromBase64 refuses sheets that
   * carry notes or comments, charts, PivotTables or slicers) or "iOS" (Excel on iPad, which has no
   * insertWorksheetsFromBase64).
   */
  platform?: DoublePlatform;
  /** The user signed in to Excel, who authors the comments and replies added (default "Excel User"). */
  userName?: string;
  /**
   * Excel's calculation mode (File > Options > Formulas), "Automatic" by default: in "Manual",
   * formulas show their last computed values until the workbook is calculated (F9, or an add-in's
   * `application.calculate`); a formula entered is calculated as it is entered.
   */
  calculationMode?: CalculationMode;
  /**
   * What merging cells does while the user has a chart selected: "works" (the default), or
   * "refused" with InvalidSelection, as some Excel builds do (OfficeDev/office-js#399, "range.merge()
   * fails with InvalidSelection if chart is currently selected", closed as fix pending).
   */
  mergeWithChartSelected?: "works" | "refused";
}

function xmlAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const unescape = (v: string) => v.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) out[m[1]!] = unescape(m[2]!);
  return out;
}

/**
 * Each sheet's <sheetProtection> in the file, read from the XML (ExcelJS drops the legacy
 * `password` attribute). OOXML's attributes say what is *protected*: formatCells="0" means users may
 * format cells; objects="1" means they may not edit objects; selectLockedCells="1" / selectUnlockedCells="1"
 * restrict selection.
 */
export async function sheetProtections(bytes: Uint8Array): Promise<Map<string, MProtection>> {
  return protectionsIn(await JSZip.loadAsync(bytes));
}

async function protectionsIn(zip: JSZip): Promise<Map<string, MProtection>> {
  const out = new Map<string, MProtection>();
  for (const { name, xml } of await sheetPartsOf(zip)) {
    const tag = /<sheetProtection\b[^>]*>/.exec(xml)?.[0];
    if (!tag) continue;
    const p = xmlAttributes(tag);
    const on = (k: string, byDefault: boolean) => (p[k] === undefined ? byDefault : p[k] === "1" || p[k] === "true");
    if (!on("sheet", false)) continue;
    const options = defaultProtectionOptions();
    options.allowEditObjects = !on("objects", false);
    options.allowEditScenarios = !on("scenarios", false);
    options.allowFormatCells = !on("formatCells", true);
    options.allowFormatColumns = !on("formatColumns", true);
    options.allowFormatRows = !on("formatRows", true);
    options.allowInsertColumns = !on("insertColumns", true);
    options.allowInsertRows = !on("insertRows", true);
    options.allowInsertHyperlinks = !on("insertHyperlinks", true);
    options.allowDeleteColumns = !on("deleteColumns", true);
    options.allowDeleteRows = !on("deleteRows", true);
    options.allowSort = !on("sort", true);
    options.allowAutoFilter = !on("autoFilter", true);
    options.allowPivotTables = !on("pivotTables", true);
    options.selectionMode = on("selectUnlockedCells", false) ? "None" : on("selectLockedCells", false) ? "Unlocked" : "Normal";
    const hash = p.hashValue ?? p.password;
    out.set(name, { protected: true, options, password: hash ? { hash } : null });
  }
  return out;
}

/** Each sheet of the file, by name, with its part's path and XML (read with `zip`). */
async function sheetPartsOf(zip: JSZip): Promise<{ name: string; path: string; xml: string }[]> {
  const out: { name: string; path: string; xml: string }[] = [];
  const workbook = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (!workbook || !rels) return out;
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = xmlAttributes(m[0]);
    if (a.Id && a.Target) targets.set(a.Id, a.Target.startsWith("/") ? a.Target.slice(1) : `xl/${a.Target}`);
  }
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const a = xmlAttributes(m[0]);
    const target = targets.get(a["r:id"] ?? "");
    const xml = target ? await zip.file(target)?.async("string") : undefined;
    if (a.name && target && xml) out.push({ name: a.name, path: target, xml });
  }
  return out;
}

/** The relationships of a part ("xl/worksheets/sheet1.xml"): type and the target's path in the package. */
async function partRels(zip: JSZip, path: string): Promise<{ type: string; target: string }[]> {
  const slash = path.lastIndexOf("/");
  const xml = await zip.file(`${path.slice(0, slash)}/_rels/${path.slice(slash + 1)}.rels`)?.async("string");
  const dir = path.slice(0, slash).split("/");
  return [...(xml ?? "").matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
    const a = xmlAttributes(m[0]);
    const target = a.Target ?? "";
    if (target.startsWith("/")) return { type: a.Type ?? "", target: target.slice(1) };
    const parts = [...dir];
    for (const step of target.split("/")) {
      if (step === "..") parts.pop();
      else if (step !== ".") parts.push(step);
    }
    return { type: a.Type ?? "", target: parts.join("/") };
  });
}

/**
 * What each sheet of the file carries that Excel on the web cannot insert ("In Excel on the web,
 * this API doesn't support inserting charts, comments, PivotTables, or slicers"), named as its error
 * names them: notes and threaded comments ("Comment"), charts in its drawing ("Chart"), PivotTables,
 * slicers. Read from the sheets' relationships: ExcelJS drops charts, PivotTables and slicers.
 */
async function webUnsupportedContent(zip: JSZip): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const part of await sheetPartsOf(zip)) {
    const found = new Set<string>();
    for (const rel of await partRels(zip, part.path)) {
      if (/\/(comments|threadedComment)$/.test(rel.type)) found.add("Comment");
      else if (/\/pivotTable$/.test(rel.type)) found.add("PivotTable");
      else if (/\/slicer$/.test(rel.type)) found.add("Slicer");
      else if (/\/drawing$/.test(rel.type) && (await partRels(zip, rel.target)).some((d) => /\/chart(Ex)?$/.test(d.type))) found.add("Chart");
    }
    if (found.size > 0) out.set(part.name, [...found]);
  }
  return out;
}

/** The XML text of an element's content, its entities read. */
function xmlText(s: string): string {
  return s.replace(/<[^>]*>/g, "").replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** "D34" → 0-based row and column. */
function cellAt(ref: string): { row: number; col: number } | undefined {
  const rect = parseRect(ref);
  return rect && rect.rows === 1 && rect.cols === 1 ? { row: rect.row, col: rect.col } : undefined;
}

/** The plain text of a note's or comment's <text>: its runs' texts (not the phonetic runs'), `_xHHHH_` escapes read. */
function runsText(xml: string): string {
  const body = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "");
  return [...body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)]
    .map((m) => xmlText(m[1]!).replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))))
    .join("");
}

/**
 * Each sheet's notes (legacy comments, xl/comments*.xml, related to the sheet), by sheet name, with
 * their text. Read from the XML: ExcelJS gives a cell its note only when the sheet's data has the
 * cell, and Excel writes no cell for an empty, unformatted one that has a note.
 */
async function notesIn(zip: JSZip): Promise<Map<string, { row: number; col: number; content: string }[]>> {
  const out = new Map<string, { row: number; col: number; content: string }[]>();
  for (const part of await sheetPartsOf(zip)) {
    const list: { row: number; col: number; content: string }[] = [];
    for (const rel of await partRels(zip, part.path)) {
      if (!/\/comments$/.test(rel.type)) continue;
      const xml = (await zip.file(rel.target)?.async("string")) ?? "";
      for (const m of xml.matchAll(/<(?:\w+:)?comment\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?comment>)/g)) {
        const at = cellAt(xmlAttributes(m[1]!).ref ?? "");
        const text = /<(?:\w+:)?text>([\s\S]*?)<\/(?:\w+:)?text>/.exec(m[2] ?? "")?.[1];
        if (at) list.push({ ...at, content: runsText(text ?? "") });
      }
    }
    if (list.length > 0) out.set(part.name, list);
  }
  return out;
}

/**
 * Each sheet's threaded comments (Excel 365's comments, xl/threadedComments/*.xml, related to the
 * sheet), by sheet name: each thread's first comment (the replies name it as `parentId`). Excel
 * writes a legacy note beside each (xl/comments*.xml, "[Threaded comment] Your version of Excel
 * allows you to read this threaded comment…") for older versions; Excel itself reads the thread.
 * ExcelJS reads only the legacy part.
 */
async function threadedCommentsIn(zip: JSZip): Promise<Map<string, { row: number; col: number; content: string; replies?: string[] }[]>> {
  const out = new Map<string, { row: number; col: number; content: string; replies?: string[] }[]>();
  for (const part of await sheetPartsOf(zip)) {
    const list: { row: number; col: number; content: string; replies?: string[] }[] = [];
    for (const rel of await partRels(zip, part.path)) {
      if (!/\/threadedComment$/.test(rel.type)) continue;
      const xml = (await zip.file(rel.target)?.async("string")) ?? "";
      const byId = new Map<string, { replies?: string[] }>();
      for (const m of xml.matchAll(/<(?:\w+:)?threadedComment\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?threadedComment>)/g)) {
        const a = xmlAttributes(m[1]!);
        const at = cellAt(a.ref ?? "");
        const text = /<(?:\w+:)?text>([\s\S]*?)<\/(?:\w+:)?text>/.exec(m[2] ?? "")?.[1];
        const content = xmlText(text ?? "").replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
        // A reply names its thread's first comment as `parentId`.
        if (a.parentId !== undefined) {
          const parent = byId.get(a.parentId);
          if (parent) (parent.replies ??= []).push(content);
          continue;
        }
        if (!at) continue;
        const thread: { row: number; col: number; content: string; replies?: string[] } = { ...at, content };
        if (a.id !== undefined) byId.set(a.id, thread);
        list.push(thread);
      }
    }
    if (list.length > 0) out.set(part.name, list);
  }
  return out;
}

/**
 * Each sheet's hyperlinks (<hyperlink ref location r:id tooltip>), by sheet name, each cell of its
 * `ref`: a place in the workbook (`location`, Excel's own links inside the workbook, which have no
 * relationship) as Range.hyperlink's `documentReference`, a relationship's target (a web page, a
 * file) as its `address`, with the place in it after "#". Read from the XML: ExcelJS drops a link
 * that has only a location.
 */
async function hyperlinksIn(zip: JSZip): Promise<Map<string, { row: number; col: number; link: MHyperlink }[]>> {
  const out = new Map<string, { row: number; col: number; link: MHyperlink }[]>();
  for (const part of await sheetPartsOf(zip)) {
    const tags = [...part.xml.matchAll(/<(?:\w+:)?hyperlink\b[^>]*>/g)];
    if (tags.length === 0) continue;
    const slash = part.path.lastIndexOf("/");
    const relsXml = (await zip.file(`${part.path.slice(0, slash)}/_rels/${part.path.slice(slash + 1)}.rels`)?.async("string")) ?? "";
    const targets = new Map<string, string>();
    for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
      const a = xmlAttributes(m[0]);
      if (a.Id && a.Target !== undefined && /\/hyperlink$/.test(a.Type ?? "")) targets.set(a.Id, a.Target);
    }
    const list: { row: number; col: number; link: MHyperlink }[] = [];
    for (const m of tags) {
      const a = xmlAttributes(m[0]);
      const rect = parseRect(a.ref ?? "");
      const target = a["r:id"] !== undefined ? targets.get(a["r:id"]) : undefined;
      if (!rect || (target === undefined && !a.location)) continue;
      const link: MHyperlink = target !== undefined
        ? { address: a.location ? `${target}#${a.location}` : target }
        : { documentReference: a.location! };
      if (a.tooltip !== undefined) link.screenTip = a.tooltip;
      for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) list.push({ row: rect.row + r, col: rect.col + c, link: { ...link } });
    }
    if (list.length > 0) out.set(part.name, list);
  }
  return out;
}

/**
 * The colours of the file's theme (xl/theme/theme1.xml) as SpreadsheetML numbers them in a
 * colour's `theme` attribute: 0 lt1, 1 dk1, 2 lt2, 3 dk2 (light and dark swapped from the
 * theme's own order), 4 to 9 accent1 to accent6, 10 hlink, 11 folHlink; "RRGGBB".
 */
async function themeColorsIn(zip: JSZip): Promise<string[]> {
  const path = Object.keys(zip.files).find((p) => /^xl\/theme\/theme\d*\.xml$/.test(p));
  const xml = path ? await zip.file(path)!.async("string") : "";
  const scheme = /<(?:\w+:)?clrScheme\b[\s\S]*?<\/(?:\w+:)?clrScheme>/.exec(xml)?.[0] ?? "";
  const of = (name: string) => {
    const el = new RegExp(`<(?:\\w+:)?${name}>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(scheme)?.[1] ?? "";
    const a = xmlAttributes(/<(?:\w+:)?(?:srgbClr|sysClr)\b[^>]*>/.exec(el)?.[0] ?? "");
    return (a.lastClr ?? a.val ?? "").toUpperCase();
  };
  return ["lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"].map(of);
}

/** The 64 colours of Excel's default palette, by a colour's `indexed` attribute (64 and 65: the system's text and window colours). */
const INDEXED_COLORS = [
  "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF", "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
  "800000", "008000", "000080", "808000", "800080", "008080", "C0C0C0", "808080", "9999FF", "993366", "FFFFCC", "CCFFFF", "660066", "FF8080", "0066CC", "CCCCFF",
  "000080", "FF00FF", "FFFF00", "00FFFF", "800080", "800000", "008080", "0000FF", "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF", "FF99CC", "CC99FF", "FFCC99",
  "3366FF", "33CCCC", "99CC00", "FFCC00", "FF9900", "FF6600", "666699", "969696", "003366", "339966", "003300", "333300", "993300", "993366", "333399", "333333",
  "000000", "FFFFFF",
];

/**
 * A colour with a tint (ECMA-376 Part 1, 18.8.19, `tint`): its luminance in HLS darkened
 * (tint < 0: L × (1 + tint)) or lightened (tint > 0: L × (1 − tint) + tint). Computed without
 * Excel's integer steps: a channel may differ by one from what Excel shows ("Gold, Accent 4,
 * Lighter 80%" is FFF2CC either way, Office 2013's "Blue, Accent 1, Lighter 80%" DEEBF7 here,
 * DDEBF7 in Excel).
 */
function tinted(rgb: string, tint: number): string {
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(rgb.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b), min = Math.min(r, g, b);
  let l = (max + min) / 2;
  const s = max === min ? 0 : l <= 0.5 ? (max - min) / (max + min) : (max - min) / (2 - max - min);
  let h = 0;
  if (max !== min) {
    const d = max - min;
    h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    h /= 6;
  }
  l = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    const v = u < 1 / 6 ? p + (q - p) * 6 * u : u < 1 / 2 ? q : u < 2 / 3 ? p + (q - p) * (2 / 3 - u) * 6 : p;
    return Math.round(v * 255).toString(16).padStart(2, "0");
  };
  return (s === 0 ? [l, l, l].map((v) => Math.round(v * 255).toString(16).padStart(2, "0")) : [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)]).join("").toUpperCase();
}

/** A colour of the file (ExcelJS's `{ argb }`, `{ theme, tint }` or `{ indexed }`) as "#RRGGBB", as Excel shows it. */
function colorOf(color: Partial<ExcelJS.Color> & { indexed?: number; tint?: number } | undefined, theme: string[]): string | undefined {
  if (!color) return undefined;
  let rgb: string | undefined;
  if (typeof color.argb === "string" && /^[0-9A-F]{8}$/i.test(color.argb)) rgb = color.argb.slice(2);
  else if (typeof color.theme === "number") rgb = theme[color.theme];
  else if (typeof color.indexed === "number") rgb = INDEXED_COLORS[color.indexed];
  if (!rgb || !/^[0-9A-F]{6}$/i.test(rgb)) return undefined;
  return `#${(color.tint ? tinted(rgb, color.tint) : rgb).toUpperCase()}`;
}

/**
 * Reads an .xlsx (base64) into sheets as Excel opens them, as insertWorksheetsFromBase64 needs:
 * their cells (values, formulas, number formats, solid fills, unlocked cells), merged areas,
 * protection, notes, threaded comments and hyperlinks.
 */
async function importXlsx(base64: string): Promise<ImportedSheet[]> {
  return (await openXlsx(base64)).sheets;
}

/**
 * An .xlsx (base64) as Excel opens it: its sheets (importXlsx) and whether it counts its dates
 * from 1904 (`<workbookPr date1904="1"/>`). A date cell keeps the serial the file stores, in the
 * file's own date system, as Excel keeps it (Range.values gives it unconverted).
 */
async function openXlsx(base64: string): Promise<{ sheets: ImportedSheet[]; date1904: boolean }> {
  const wb = new ExcelJS.Workbook();
  const bytes = typeof Buffer !== "undefined" ? Buffer.from(base64, "base64") : Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  await wb.xlsx.load(bytes as never);
  // ExcelJS reads the workbookPr flag into its properties and makes the file's dates counting from 1904.
  const date1904 = (wb.properties as Partial<ExcelJS.WorkbookProperties> | undefined)?.date1904 === true;
  const epoch = 25569 - (date1904 ? 1462 : 0);
  const zip = await JSZip.loadAsync(bytes);
  const protections = await protectionsIn(zip);
  const unsupported = await webUnsupportedContent(zip);
  const notesBySheet = await notesIn(zip);
  const threads = await threadedCommentsIn(zip);
  const links = await hyperlinksIn(zip);
  const theme = await themeColorsIn(zip);
  const sheets = wb.worksheets.map((ws): ImportedSheet => {
    const cells: ImportedSheet["cells"] = [];
    // A cell with a threaded comment has Excel's legacy copy of it as a note: Excel reads the thread.
    const comments = threads.get(ws.name) ?? [];
    const threaded = new Set(comments.map((c) => `${c.row}|${c.col}`));
    const notes = (notesBySheet.get(ws.name) ?? []).filter((n) => !threaded.has(`${n.row}|${n.col}`));
    // Empty cells count too when they are unlocked or formatted: a form's input cells are empty until answered.
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const unlocked = cell.protection?.locked === false;
        // A solid fill the cell has in the file ("#RRGGBB", as Range.format.fill.color reads it,
        // a theme's colour with its tint as Excel shows it).
        const fill = cell.fill && cell.fill.type === "pattern" && cell.fill.pattern === "solid" ? colorOf(cell.fill.fgColor, theme) : undefined;
        // An empty cell keeps its number format: what is typed into it later shows in that format.
        const numberFormat = cell.numFmt && cell.numFmt !== "General" ? cell.numFmt : undefined;
        // In Excel a merged area's value is in its top-left cell only (ExcelJS repeats it in each).
        const merged = cell.isMerged && cell.master.address !== cell.address;
        if ((cell.type === ExcelJS.ValueType.Null || merged) && !unlocked && !fill && !numberFormat) return;
        const v = (merged ? null : cell.value) as unknown;
        let value: number | string | boolean = "";
        let formula: string | undefined;
        if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") value = v;
        else if (v instanceof Date) value = v.getTime() / 86400000 + epoch;
        else if (v && typeof v === "object") {
          const o = v as { formula?: string; result?: unknown; error?: string; richText?: { text: string }[]; text?: string };
          if (o.formula) {
            formula = `=${o.formula}`;
            const res = o.result as unknown;
            value = typeof res === "number" || typeof res === "string" || typeof res === "boolean" ? res : res && typeof res === "object" && "error" in res ? String((res as { error: string }).error) : "";
          } else if (o.error) value = o.error;
          else if (o.richText) value = o.richText.map((t) => t.text).join("");
          else if (typeof o.text === "string") value = o.text;
        }
        cells.push({ row: r - 1, col: c - 1, value, ...(formula ? { formula } : {}), ...(numberFormat ? { numberFormat } : {}), ...(unlocked ? { locked: false as const } : {}), ...(fill ? { fill } : {}) });
      });
    });
    const protection = protections.get(ws.name);
    const merges = ((ws as unknown as { model: { merges?: string[] } }).model.merges ?? []).filter((m) => /^[A-Z]+\d+:[A-Z]+\d+$/i.test(m));
    const onWeb = unsupported.get(ws.name);
    const hyperlinks = links.get(ws.name) ?? [];
    return {
      name: ws.name, cells, ...(protection ? { protection } : {}), ...(merges.length ? { merges } : {}), ...(onWeb ? { unsupportedOnWeb: onWeb } : {}),
      ...(notes.length ? { notes } : {}), ...(comments.length ? { comments } : {}), ...(hyperlinks.length ? { hyperlinks } : {}),
    };
  });
  return { sheets, date1904 };
}

export class ExcelDouble {
  readonly state: DoubleState = { workbook: new MWorkbook(), syncCount: 0, requests: [], pendingEvents: [], pendingSheetEvents: [], calculationSuspendedSyncs: 0, requirements: {}, refusals: [], unprotectWithoutPassword: "fails", platform: "PC", userName: "Excel User", mergeWithChartSelected: "works" };
  /** The requirement sets the double claims; an API of a newer ExcelApi throws ApiNotFound. */
  get requirements(): Record<string, string> {
    return this.state.requirements;
  }
  set requirements(r: Record<string, string>) {
    this.state.requirements = r;
  }
  /** The user signed in to Excel: the author of the comments and replies added from now on. */
  get userName(): string {
    return this.state.userName;
  }
  set userName(name: string) {
    this.state.userName = name;
  }

  readonly Excel: {
    run: <T>(a: unknown, b?: unknown) => Promise<T>;
    RequestContext: typeof RequestContext;
    ErrorCodes: Record<string, string>;
  };
  readonly Office: {
    context: { platform: DoublePlatform; requirements: { isSetSupported: (name: string, version?: string) => boolean } };
    onReady: (cb?: (info: { host: string; platform: string }) => void) => Promise<{ host: string; platform: string }>;
    HostType: { Excel: string };
  };
  readonly OfficeExtension = { Error: DoubleError };

  constructor(options: DoubleOptions = {}) {
    this.requirements = { ExcelApi: "1.18", ...options.requirements };
    this.state.unprotectWithoutPassword = options.unprotectWithoutPassword ?? "fails";
    this.state.platform = options.platform ?? "PC";
    this.state.userName = options.userName ?? "Excel User";
    this.state.mergeWithChartSelected = options.mergeWithChartSelected ?? "works";
    this.state.workbook.calculationMode = options.calculationMode ?? "Automatic";
    importers.xlsx = importXlsx;
    const state = this.state;
    const double = this;
    this.Excel = {
      RequestContext,
      ErrorCodes: { accessDenied: "AccessDenied", apiNotFound: "ApiNotFound", itemNotFound: "ItemNotFound", invalidArgument: "InvalidArgument", invalidOperation: "InvalidOperation", rangeExceedsLimit: "RangeExceedsLimit", responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded" },
      async run<T>(a: unknown, b?: unknown): Promise<T> {
        const batch = (typeof a === "function" ? a : b) as (ctx: RequestContext) => Promise<T>;
        // Excel.run(context, batch) goes on with an existing context (e.g. to remove event handlers);
        // Excel.run(options, batch) takes Excel.RunOptions (delayForCellEdit, ExcelApi 1.11).
        const options = typeof a === "object" && a !== null && !(a instanceof RequestContext) ? (a as { delayForCellEdit?: boolean }) : {};
        const ctx = a instanceof RequestContext ? a : new RequestContext(state, options.delayForCellEdit === true);
        const result = await batch(ctx);
        await ctx.sync(); // Excel.run sends whatever is still queued
        return result;
      },
    };
    this.Office = {
      context: {
        platform: state.platform,
        requirements: {
          isSetSupported(name: string, version?: string): boolean {
            const have = double.requirements[name];
            if (have === undefined) return false;
            return version === undefined || versionAtLeast(have, version);
          },
        },
      },
      async onReady(cb) {
        const info = { host: "Excel", platform: state.platform };
        cb?.(info);
        return info;
      },
      HostType: { Excel: "Excel" },
    };
  }

  get workbook(): MWorkbook {
    return this.state.workbook;
  }
  get syncCount(): number {
    return this.state.syncCount;
  }
  get requests(): RequestRecord[] {
    return this.state.requests;
  }
  resetCounters(): void {
    this.state.syncCount = 0;
    this.state.requests = [];
  }

  /** The user clicks a chart: it is the selection (a cell selected later, by the user or an add-in, replaces it). */
  selectChart(sheetName: string, chartName: string): void {
    const sheet = this.state.workbook.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    if (!sheet?.charts.some((c) => c.name === chartName)) throw new Error(`selectChart: no chart ${chartName} on ${sheetName}`);
    this.state.workbook.activeSheet = sheet;
    this.state.workbook.selection = { sheet: sheet.name, address: "", chart: chartName };
  }

  /**
   * Excel refusing whole requests, as it does while the user types in a cell
   * (InvalidOperationInCellEditMode) or works in another workbook (InactiveWorkbook): of the
   * requests sent from now on, the `at`-th (1 for the next one) and the `count - 1` after it fail
   * with `code` before any of their commands runs. `count: Infinity` goes on until `stopRefusing()`.
   * A request of an `Excel.run({ delayForCellEdit: true }, …)` on ExcelApi 1.11 or later is not
   * refused for cell editing: Excel holds it until the user leaves the cell, which ends the editing.
   */
  refuseRequests(code: RefusalCode, { at = 1, count = 1 }: { at?: number; count?: number } = {}): void {
    if (!(Number.isInteger(at) && at >= 1) || !(count >= 1)) throw new Error("refuseRequests: at is a whole number from 1, count at least 1");
    this.state.refusals.push({ code, before: at - 1, count });
  }

  /**
   * Excel's calculation mode, as the user sets it (File > Options > Formulas > Workbook
   * Calculation): back to automatic from manual, Excel calculates the workbook at once.
   */
  get calculationMode(): CalculationMode {
    return this.workbook.calculationMode;
  }
  set calculationMode(mode: CalculationMode) {
    setCalculationMode(this.workbook, mode);
  }

  /** The user presses F9 (Formulas > Calculate Now): every formula is calculated. */
  userCalculate(): void {
    calculateAll(this.workbook);
  }

  /** The user leaves the cell, or comes back to this workbook: requests go through again. */
  stopRefusing(): void {
    this.state.refusals = [];
  }

  /** Puts the double in a page (or in Node's globalThis) as Excel, Office and OfficeExtension. */
  install(target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): this {
    target.Excel = this.Excel;
    target.Office = this.Office;
    target.OfficeExtension = this.OfficeExtension;
    return this;
  }

  // --- Seeding and inspecting the workbook directly (what a user would type or see) ----------

  addSheet(name: string, rows: SeedValue[][] = [], at = "A1"): MSheet {
    const sheet = this.workbook.sheet(name) ?? new MSheet(name);
    if (!this.workbook.sheets.includes(sheet)) this.workbook.sheets.push(sheet);
    if (!this.workbook.activeSheet) this.workbook.activeSheet = sheet;
    this.setCells(name, at, rows);
    return sheet;
  }

  /**
   * A user copying a sheet (Move or Copy, Create a copy): its cells with their formats, column
   * widths, row heights, merges, protection and notes, on a new sheet `to`.
   */
  copySheet(from: string, to: string): MSheet {
    const src = this.sheet(from);
    const copy = this.addSheet(to);
    for (const [k, c] of src.cells) copy.cells.set(k, { ...c });
    copy.formulas = src.formulas;
    copy.columnWidths = new Map(src.columnWidths);
    copy.rowHeights = new Map(src.rowHeights);
    copy.merges = src.merges.map((m) => ({ ...m }));
    copy.protection = { ...src.protection, options: { ...src.protection.options } };
    for (const n of this.workbook.notes.filter((x) => x.sheet === src)) this.workbook.notes.push({ ...n, sheet: copy });
    calculation(this.state, undefined);
    settle(this.workbook);
    return copy;
  }

  setCells(sheetName: string, at: string, rows: SeedValue[][]): void {
    const sheet = this.sheet(sheetName);
    const start = parseRect(at);
    if (!start) throw new Error(`bad address ${at}`);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        const cell = sheet.cell(start.row + r, start.col + c);
        seed(cell, v);
        if (cell.f !== undefined) sheet.formulas = true;
        // Typed in: calculated as Excel calculates (a formula on entry, what reads the cell unless in manual calculation).
        calculation(this.state, cell);
      }),
    );
    settle(this.workbook);
  }

  /** A user typing into cells: the values change and worksheet onChanged handlers fire. */
  async userEdit(sheetName: string, at: string, rows: SeedValue[][]): Promise<void> {
    this.setCells(sheetName, at, rows);
    const start = parseRect(at)!;
    const sheet = this.sheet(sheetName);
    const address = rectAddress({ row: start.row, col: start.col, rows: rows.length, cols: Math.max(1, ...rows.map((r) => r.length)) });
    const ctx = new RequestContext(this.state);
    this.state.pendingEvents.push({ sheet, address, triggerSource: "Unknown" });
    ctx._flushEvents();
    await new Promise((r) => setTimeout(r, 5));
  }

  /**
   * A user adding a sheet (the + tab, or pasting a form onto a new sheet), copying one (Move or
   * Copy, Create a copy: `from`), deleting one or renaming one: the workbook changes and, as in
   * Excel, `worksheets.onAdded`, `onDeleted` or `onNameChanged` handlers hear it.
   */
  async userAddSheet(name: string, rows: SeedValue[][] = [], from?: string): Promise<MSheet> {
    if (this.workbook.sheet(name)) throw new Error(`a sheet named ${name} is there already`);
    if (this.workbook.protection.protected) throw new Error("the workbook's structure is protected");
    const sheet = from === undefined ? this.addSheet(name, rows) : this.copySheet(from, name);
    if (from !== undefined && rows.length > 0) this.setCells(name, "A1", rows);
    await this.userSheetEvent({ type: "WorksheetAdded", source: "Local", worksheetId: sheet.id });
    return sheet;
  }
  async userDeleteSheet(name: string): Promise<void> {
    deleteSheet(this.state, this.sheet(name));
    settle(this.workbook);
    await this.userSheetEvent();
  }
  async userRenameSheet(name: string, to: string): Promise<void> {
    renameSheet(this.state, this.sheet(name), to);
    await this.userSheetEvent();
  }
  private async userSheetEvent(e?: DoubleState["pendingSheetEvents"][number]): Promise<void> {
    if (e) this.state.pendingSheetEvents.push(e);
    new RequestContext(this.state)._flushEvents();
    await new Promise((r) => setTimeout(r, 5));
  }

  /** Opens an .xlsx in the double (as if the user had it open in Excel). */
  async loadXlsx(bytes: Uint8Array): Promise<void> {
    const { sheets, date1904 } = await openXlsx(Buffer.from(bytes).toString("base64"));
    // The workbook opened is the file's, in the file's date system.
    this.workbook.date1904 = date1904;
    for (const src of sheets) {
      const sheet = this.workbook.sheet(src.name) ?? new MSheet(src.name);
      if (!this.workbook.sheets.includes(sheet)) this.workbook.sheets.push(sheet);
      for (const c of src.cells) {
        const cell = sheet.cell(c.row, c.col);
        // A formula shows the value the file kept for it (none: empty) until Excel calculates it.
        seed(cell, c.value);
        if (c.formula) { cell.f = c.formula; sheet.formulas = true; }
        if (c.numberFormat && c.numberFormat !== "General") cell.nf = c.numberFormat;
        if (c.locked === false) cell.locked = false;
        if (c.fill) cell.fill = c.fill;
      }
      // A protected sheet in the file is protected in Excel.
      if (src.protection) sheet.protection = src.protection;
      for (const h of src.hyperlinks ?? []) sheet.cell(h.row, h.col).link = { ...h.link };
      for (const m of src.merges ?? []) {
        const rect = parseRect(m);
        if (rect && rect.rows * rect.cols > 1) sheet.merges.push(rect);
      }
    }
    this.workbook.activeSheet ??= this.workbook.sheets[0] ?? null;
    // Opened, the workbook is calculated in automatic calculation (its formulas were last
    // calculated by another program, or not at all); in manual calculation they show what the
    // file kept until the user calculates.
    if (this.workbook.calculationMode !== "Manual") calculation(this.state, undefined);
    settle(this.workbook);
  }

  /** Merges a range directly, as a user would (Home > Merge & Center): the value of its top-left cell stays. */
  merge(address: string): void {
    const { sheet, local } = splitSheet(address);
    const rect = parseRect(local);
    if (sheet === undefined || !rect) throw new Error(`bad address ${address}`);
    const s = this.sheet(sheet);
    s.merges = s.merges.filter((m) => !(m.row < rect.row + rect.rows && rect.row < m.row + m.rows && m.col < rect.col + rect.cols && rect.col < m.col + m.cols));
    for (const [k, cell] of s.cells) {
      const row = Math.floor(k / 16384), col = k % 16384;
      if (row >= rect.row && row < rect.row + rect.rows && col >= rect.col && col < rect.col + rect.cols && (row !== rect.row || col !== rect.col)) { cell.v = ""; cell.t = "Empty"; delete cell.f; calculation(this.state, cell); }
    }
    s.merges.push(rect);
    settle(this.workbook);
  }

  sheet(name: string): MSheet {
    const s = this.workbook.sheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  cell(address: string): MCell | undefined {
    const { sheet, local } = splitSheet(address);
    const rect = parseRect(local);
    if (sheet === undefined || !rect) throw new Error(`bad address ${address}`);
    settle(this.workbook);
    return this.sheet(sheet).get(rect.row, rect.col);
  }

  /** The value a cell shows (a formula's last computed value). */
  value(address: string): number | string | boolean {
    return this.cell(address)?.v ?? "";
  }

  /** Values of a rectangle, as the user would see them. */
  grid(address: string): (number | string | boolean)[][] {
    const { sheet, local } = splitSheet(address);
    const rect = parseRect(local)!;
    const s = this.sheet(sheet!);
    settle(this.workbook);
    return Array.from({ length: rect.rows }, (_, r) => Array.from({ length: rect.cols }, (_, c) => s.get(rect.row + r, rect.col + c)?.v ?? ""));
  }

  /**
   * What is left uncalculated since calculation was suspended: the formula cells written then
   * ("Sheet!A2"), and "(workbook)" when cells changed then, or in manual calculation, that
   * formulas may read. Empty once `application.calculate()` ran (or the user pressed F9).
   */
  uncalculated(): string[] {
    settle(this.workbook);
    const out: string[] = [];
    for (const sheet of this.workbook.sheets) {
      for (const [k, c] of sheet.cells) if (c.dirty) out.push(`${sheet.name}!${rectAddress({ row: Math.floor(k / 16384), col: k % 16384, rows: 1, cols: 1 })}`);
    }
    if (this.workbook.calculationPending) out.push("(workbook)");
    return out;
  }

  /**
   * The formula cells the double does not calculate ("Sheet!A2"): their values are what they
   * were (formulas.ts says which formulas those are). A test that relies on formulas' values
   * checks that there are none.
   */
  incalculable(): string[] {
    settle(this.workbook);
    const out: string[] = [];
    for (const sheet of this.workbook.sheets) {
      for (const [k, c] of sheet.cells) if (c.f !== undefined && c.incalculable) out.push(`${sheet.name}!${rectAddress({ row: Math.floor(k / 16384), col: k % 16384, rows: 1, cols: 1 })}: ${c.f}`);
    }
    return out;
  }

  sheetNames(): string[] {
    return this.workbook.sheets.map((s) => s.name);
  }
}

export function createExcelDouble(options?: DoubleOptions): ExcelDouble {
  return new ExcelDouble(options);
}

/** For end-to-end pages: `install(window)` makes a fresh double the page's Excel. */
export function install(target: Record<string, unknown>, options?: DoubleOptions): ExcelDouble {
  return new ExcelDouble(options).install(target);
}
