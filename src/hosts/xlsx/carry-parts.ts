/**
 * Keep the parts of the user's that ExcelJS does not model when the xlsx host writes a workbook
 * again. ExcelJS reads none of them and so writes none; after it has written the file (in the
 * pass of preserveDrawings) they are carried over from the ORIGINAL file:
 *   - chart sheets (Excel's Move Chart → New sheet): the chart sheet part with its drawing and
 *     chart, listed again in the workbook's <sheets> where it was among the sheets (after the sheet
 *     it followed), the defined names' `localSheetId` and the active tab following. A chart sheet
 *     whose name a sheet of the run now has is kept under a free name (`Biểu đồ (2)`), and said;
 *   - PivotTables on the user's sheets: the PivotTable part, its cache definition and records,
 *     the sheet's and the workbook's relationships and the workbook's <pivotCaches> entry, the
 *     differential formats it uses copied into the written styles. When its source is data the run
 *     writes (the results table, or the range that was that table, on a sheet the run renamed or
 *     not), the source follows it (the table's new name and range, the sheet's new name, the
 *     cache's fields named as the table's columns are now) and the cache refreshes on load
 *     (refreshOnLoad), so Excel shows current figures. A source that no longer fits (a range that
 *     is not the results table any more, a sheet or table that is gone) is left as it was, so the
 *     PivotTable opens with its earlier figures, and said;
 *   - sparklines: the x14 extension holding the sheet's sparkline groups, in the written sheet's
 *     <extLst> (beside the data bars' extension ExcelJS writes), its formulas naming the sheets the
 *     run renamed by their new names;
 *   - links to other workbooks (a formula `=[1]Sheet!$A$1`, a defined name): each external link
 *     part with its relationships (the other file's path) and its cached values, and the
 *     workbook's <externalReferences> in the original's order, which numbers them ([1], [2]…) as
 *     the formulas ExcelJS kept name them. Without them Excel removes those formulas on opening;
 *   - the custom document properties (docProps/custom.xml: File › Properties › Custom in Excel
 *     and LibreOffice, and Office's sensitivity labels, MSIP_Label_…, which a government workbook
 *     may have to keep), with their content type and the package's relationship to them. Of the
 *     core properties, which ExcelJS reads and writes, the author and who saved it last are
 *     left out when the original had none, rather than written as ExcelJS's "Unknown" (the time
 *     it was saved is the run's: the host sets it before writing).
 * What cannot be kept safely is named in a warning, with its sheet, never dropped silently: a
 * PivotTable on a sheet the project owns (written anew on every run: as for a table there, the
 * user is told to keep it on a sheet of theirs), a PivotTable whose data come from outside the
 * workbook (a connection, the Data Model, OLAP: its connection parts are not kept), slicers and
 * timelines, and the workbook's macros (an .xlsm file's VBA project: the .xlsx written holds none). The same plan (planCarry) gives the warnings when the plan is applied
 * (partsNotCarried, from the workbook ExcelJS holds) and the parts when the file is written
 * (carryParts, from the file ExcelJS wrote), so what is said is what is done.
 * Pure (jszip only): runs in Node and in the browser.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { quoteSheet } from "../../core/a1";
import type { SheetMessage } from "../../core/i18n/text";
import { RESULTS_TABLE } from "../../core/plan/labels";
import { tableColumnRenames } from "../../core/structured-refs";
import { tableOf } from "./defined-names";
import {
  REL_CHARTSHEET,
  REL_PIVOT_CACHE_DEFINITION,
  REL_PIVOT_TABLE,
  REL_STYLES,
  REL_TABLE,
  attr,
  escapeXml,
  insertChild,
  insertSheetElement,
  isExternal,
  nextRelId,
  relativeTarget,
  resolveTarget,
  sheetElementsOf,
  tagEnd,
  topLevelChildren,
  unescapeXml,
  withRelationshipPrefix,
} from "./ooxml";
import { Package, type PartCopier, renameInChart } from "./package";

export interface CarryOptions {
  /** Sheets the run removed (the project's of an earlier run): nothing of theirs is carried. */
  skipSheets: readonly string[];
  /** Sheets the run renamed: what was on `from` goes to `to`, and formulas and sources naming `from` name `to`. */
  renamedSheets?: readonly { from: string; to: string }[];
  /** Tables the run renamed (the results table the user had renamed, given its name back). */
  renamedTables?: readonly { from: string; to: string }[];
  /** Sheets the run writes (the project's own, by their names now): their data are rewritten on every run. */
  ownedSheets?: readonly string[];
}

/** The sparklines' extension of a worksheet's <extLst> (x14:sparklineGroups). */
export const SPARKLINE_EXT_URI = "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}";
/** The extensions Excel writes before the sparklines': x14 conditional formats (data bars), x14 data validations. */
const EXTS_BEFORE_SPARKLINES = ["{78C0D931-6437-407d-A8EE-F0AAD7539E65}", "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"];
/** Slicers and timelines, related from the sheet they are on. */
const SLICER_REL = /\/relationships\/(slicer|timeline)$/;
/** Children of the workbook that come after <pivotCaches>, in the order of CT_Workbook. */
const AFTER_PIVOT_CACHES = new Set(["smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"]);
/** SpreadsheetML's namespace. */
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/** Excel's longest sheet name. */
const SHEET_NAME_MAX = 31;

// ---------------------------------------------------------------------------------------------
// What the original has, and what the written file has

interface SourcePivot {
  /** The sheet it is on, as the original names it. */
  sheet: string;
  path: string;
  name: string;
  cachePath: string | undefined;
  /** The cache's source type ("worksheet", "external", "consolidation", "scenario"). */
  sourceType: string;
  /** Its <worksheetSource>: a range of a sheet, a table or defined name, or another workbook's (r:id). */
  worksheetSource: { ref?: string; sheet?: string; name?: string; external: boolean } | undefined;
  /** The cache's fields, and those the PivotTable lays out (on an axis or as values). */
  fields: string[];
  used: number[];
}

export interface SourceInfo {
  /** The sheets in their order, each with what it is ("worksheet", "chartsheet"…), its part and its <sheet> attributes. */
  sheets: { name: string; kind: string; path: string; attrs: string }[];
  pivots: SourcePivot[];
  tables: { name: string; sheet: string; ref: string | undefined; headers: string[] }[];
  /** Worksheets with slicers or timelines. */
  slicers: string[];
  /** Whether the workbook has macros (a VBA project: Package.hasMacros), which the file written cannot hold. */
  macros?: boolean;
}

/** The written workbook as far as the plan needs it: its sheets and tables. */
export interface TargetView {
  sheets: string[];
  tables: { name: string; sheet: string; ref: string | undefined; headers: string[] }[];
}

const lower = (s: string) => s.toLowerCase();

function renamedIn(renames: readonly { from: string; to: string }[] | undefined, name: string): string {
  return renames?.find((r) => lower(r.from) === lower(name))?.to ?? name;
}

/** A table part's range (`ref`), unescaped and without `$`. */
function tableRef(tableXml: string): string | undefined {
  const root = /<(?:[\w.-]+:)?table\b((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(tableXml)?.[1];
  return root === undefined ? undefined : attr(root, "ref")?.replace(/\$/g, "");
}

/** The package's tables with the sheet each is on (its worksheet's relationships), range and headers. */
async function tablesOf(pkg: Package): Promise<SourceInfo["tables"]> {
  const out: SourceInfo["tables"] = [];
  for (const [sheet, path] of pkg.worksheets()) {
    for (const rel of await pkg.rels(path)) {
      if (rel.type !== REL_TABLE) continue;
      const xml = await pkg.textOrUndefined(resolveTarget(path, rel.target));
      const table = xml === undefined ? undefined : tableOf(xml);
      if (table && xml !== undefined) out.push({ name: table.name, sheet, ref: tableRef(xml), headers: table.headers });
    }
  }
  return out;
}

async function readSource(pkg: Package, options: CarryOptions): Promise<SourceInfo> {
  const skip = new Set(options.skipSheets.map(lower));
  const workbook = (await pkg.textOrUndefined(pkg.workbook)) ?? "";
  const sheets = sheetElementsOf(workbook).flatMap((s) => {
    const path = pkg.sheets.get(s.name);
    return path === undefined ? [] : [{ name: s.name, kind: pkg.kinds.get(s.name) ?? "worksheet", path, attrs: s.attrs }];
  });
  const pivots: SourcePivot[] = [];
  const slicers: string[] = [];
  for (const [sheet, path] of pkg.worksheets()) {
    if (skip.has(lower(sheet))) continue;
    for (const rel of await pkg.rels(path)) {
      if (SLICER_REL.test(rel.type) && !slicers.includes(sheet)) slicers.push(sheet);
      if (rel.type !== REL_PIVOT_TABLE) continue;
      const pivotPath = resolveTarget(path, rel.target);
      const pivot = await readPivot(pkg, sheet, pivotPath);
      if (pivot) pivots.push(pivot);
    }
  }
  const hasPivots = pivots.length > 0;
  return { sheets, pivots, tables: hasPivots ? await tablesOf(pkg) : [], slicers, ...((await pkg.hasMacros()) ? { macros: true } : {}) };
}

async function readPivot(pkg: Package, sheet: string, path: string): Promise<SourcePivot | undefined> {
  const xml = await pkg.textOrUndefined(path);
  if (xml === undefined) return undefined;
  const { rootStart, rootEnd } = topLevelChildren(xml);
  const root = xml.slice(rootStart, rootEnd + 1);
  const cacheRel = (await pkg.rels(path)).find((r) => r.type === REL_PIVOT_CACHE_DEFINITION);
  const cachePath = cacheRel ? resolveTarget(path, cacheRel.target) : undefined;
  const cache = cachePath === undefined ? undefined : await pkg.textOrUndefined(cachePath);
  const sourceTag = cache === undefined ? undefined : /<(?:[\w.-]+:)?cacheSource\b((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(cache)?.[1];
  const wsTag = cache === undefined ? undefined : /<(?:[\w.-]+:)?worksheetSource\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/.exec(cache)?.[1];
  const value = (tag: string, name: string) => {
    const v = attr(tag, name);
    return v === undefined ? undefined : unescapeXml(v);
  };
  const fields = cache === undefined ? [] : [...cache.matchAll(/<(?:[\w.-]+:)?cacheField\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/g)].map((m) => unescapeXml(attr(m[1] ?? "", "name") ?? ""));
  const pivotFields = /<(?:[\w.-]+:)?pivotFields\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?pivotFields>/.exec(xml)?.[1] ?? "";
  const used: number[] = [];
  [...pivotFields.matchAll(/<(?:[\w.-]+:)?pivotField\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/g)].forEach((m, i) => {
    const a = m[1] ?? "";
    if (attr(a, "axis") !== undefined || attr(a, "dataField") === "1" || attr(a, "dataField") === "true") used.push(i);
  });
  return {
    sheet,
    path,
    name: unescapeXml(attr(root, "name") ?? ""),
    cachePath: cache === undefined ? undefined : cachePath,
    sourceType: sourceTag === undefined ? "" : (attr(sourceTag, "type") ?? ""),
    worksheetSource:
      wsTag === undefined
        ? undefined
        : { ref: value(wsTag, "ref")?.replace(/\$/g, ""), sheet: value(wsTag, "sheet"), name: value(wsTag, "name"), external: /\s[\w.-]+:id="/.test(` ${wsTag}`) },
    fields,
    used,
  };
}

/** The written package's sheets and tables. */
async function viewOfPackage(pkg: Package): Promise<TargetView> {
  return { sheets: pkg.worksheets().map(([name]) => name), tables: await tablesOf(pkg) };
}

/** The workbook ExcelJS holds, as it will write it: its sheets and tables. */
export function viewOfWorkbook(wb: ExcelJS.Workbook): TargetView {
  type TableModel = { name?: string; displayName?: string; tableRef?: string; columns?: { name?: string }[] };
  const tables: TargetView["tables"] = [];
  for (const ws of wb.worksheets) {
    const own = (ws as unknown as { tables?: Record<string, { table?: TableModel }> }).tables ?? {};
    for (const t of Object.values(own)) {
      const m = t.table;
      const name = m?.displayName ?? m?.name;
      if (!m || !name) continue;
      tables.push({ name, sheet: ws.name, ref: m.tableRef?.replace(/\$/g, ""), headers: (m.columns ?? []).map((c) => c.name ?? "") });
    }
  }
  return { sheets: wb.worksheets.map((ws) => ws.name), tables };
}

// ---------------------------------------------------------------------------------------------
// The plan: what goes where, and what the user is told

interface PivotPlan {
  pivot: SourcePivot;
  /** The sheet it goes to in the written file. */
  sheet: string;
  /** Its cache refreshes on load: its source is data the run wrote. */
  refresh: boolean;
  /** Its <worksheetSource> as it becomes (the attributes that change). */
  source: { ref?: string; sheet?: string; name?: string };
  /** Cache field renames: the source table's columns as they are named now. */
  fields: Map<string, string>;
}

interface CarryPlan {
  chartSheets: { name: string; path: string; as: string }[];
  pivots: PivotPlan[];
  warnings: SheetMessage[];
}

/** `name`, or `name (2)`, `name (3)`… the first no sheet of `taken` has (case-insensitive), cut to Excel's 31 characters. */
function freeSheetName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(lower(name))) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${[...name].slice(0, SHEET_NAME_MAX - suffix.length).join("")}${suffix}`;
    if (!taken.has(lower(candidate))) return candidate;
  }
}

function sameRange(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.replace(/\$/g, "").toUpperCase() === b.replace(/\$/g, "").toUpperCase();
}

export function planCarry(src: SourceInfo, view: TargetView, options: CarryOptions): CarryPlan {
  const skip = new Set(options.skipSheets.map(lower));
  const owned = new Set((options.ownedSheets ?? []).map(lower));
  const present = new Set(view.sheets.map(lower));
  const renamed = (sheet: string) => renamedIn(options.renamedSheets, sheet);
  const warnings: SheetMessage[] = [];

  // Chart sheets, under their names unless a sheet of the run has it now.
  const taken = new Set(present);
  const chartSheets: CarryPlan["chartSheets"] = [];
  for (const s of src.sheets) {
    if (s.kind !== "chartsheet" || skip.has(lower(s.name))) continue;
    const as = freeSheetName(s.name, taken);
    taken.add(lower(as));
    chartSheets.push({ name: s.name, path: s.path, as });
    if (as !== s.name) warnings.push(chartSheetRenamedMessage(s.name, as));
  }

  const pivots: PivotPlan[] = [];
  for (const p of src.pivots) {
    const sheet = renamed(p.sheet);
    if (!present.has(lower(sheet)) || p.cachePath === undefined) continue;
    if (owned.has(lower(sheet))) {
      warnings.push(pivotOnOwnedSheetMessage(sheet, p.name));
      continue;
    }
    if (p.sourceType !== "worksheet") {
      warnings.push(pivotExternalMessage(sheet, p.name));
      continue;
    }
    pivots.push(planPivotSource(p, sheet, src, view, options, warnings));
  }

  for (const sheet of src.slicers) {
    const now = renamed(sheet);
    if (present.has(lower(now))) warnings.push(slicersMessage(now));
  }
  if (src.macros) warnings.push(MACROS_MESSAGE);
  return { chartSheets, pivots, warnings };
}

/** Where a PivotTable's cache takes its data from now, and whether it refreshes on load. */
function planPivotSource(p: SourcePivot, sheet: string, src: SourceInfo, view: TargetView, options: CarryOptions, warnings: SheetMessage[]): PivotPlan {
  const plan: PivotPlan = { pivot: p, sheet, refresh: false, source: {}, fields: new Map() };
  const ws = p.worksheetSource;
  if (!ws || ws.external) return plan;
  const owned = new Set((options.ownedSheets ?? []).map(lower));
  const present = new Set(view.sheets.map(lower));
  const findTarget = (name: string) => view.tables.find((t) => lower(t.name) === lower(renamedIn(options.renamedTables, name)));

  /** The source is table `was` of the original, which the run wrote as `now`: follow it and refresh. */
  const follow = (was: SourceInfo["tables"][number], now: TargetView["tables"][number]) => {
    plan.refresh = true;
    for (const rename of tableColumnRenames(was.headers, now.headers).values()) if (rename.to !== null && rename.to !== rename.from) plan.fields.set(lower(rename.from), rename.to);
    const headers = new Set(now.headers.map(lower));
    const gone = p.used.map((i) => p.fields[i] ?? "").filter((f) => f !== "" && !headers.has(lower(plan.fields.get(lower(f)) ?? f)));
    if (gone.length > 0) warnings.push(pivotFieldsGoneMessage(sheet, p.name, now.name, gone));
  };

  if (ws.name !== undefined) {
    const was = src.tables.find((t) => lower(t.name) === lower(ws.name!));
    if (!was) return plan; // a defined name, or a table the original did not have: left as it is
    const now = findTarget(was.name);
    if (!now) {
      warnings.push(pivotSourceGoneMessage(sheet, p.name, ws.name));
      return plan;
    }
    if (now.name !== was.name) plan.source.name = now.name;
    if (owned.has(lower(now.sheet))) follow(was, now);
    return plan;
  }

  if (ws.ref === undefined) return plan;
  const from = ws.sheet ?? p.sheet;
  const to = renamedIn(options.renamedSheets, from);
  const described = `${quoteSheet(from)}!${ws.ref}`;
  if (!present.has(lower(to))) {
    // A sheet the original had and the run removed; one that was already gone stays as Excel left it.
    if (src.sheets.some((s) => lower(s.name) === lower(from))) warnings.push(pivotSourceGoneMessage(sheet, p.name, described));
    return plan;
  }
  if (to !== from) plan.source.sheet = to;
  if (!owned.has(lower(to))) return plan;
  // On a sheet the run writes: the range that was a table of the original is that table now.
  const was = src.tables.find((t) => lower(t.sheet) === lower(from) && sameRange(t.ref, ws.ref));
  const now = was ? findTarget(was.name) : undefined;
  if (!was || !now || lower(now.sheet) !== lower(to)) {
    warnings.push(pivotSourceMovedMessage(sheet, p.name, described));
    return plan;
  }
  if (now.ref !== undefined && !sameRange(now.ref, ws.ref)) plan.source.ref = now.ref;
  follow(was, now);
  return plan;
}

// ---------------------------------------------------------------------------------------------
// What the user is told

function chartSheetRenamedMessage(name: string, as: string): SheetMessage {
  return {
    sheet: as,
    vi: `Trang biểu đồ ${quoteSheet(name)} của bạn trùng tên với trang ${quoteSheet(name)} mà DTI Scorer ghi trong lần chấm này, nên được giữ lại với tên ${quoteSheet(as)}; biểu đồ trên đó vẫn như cũ. Bạn có thể đổi lại tên trang này, miễn là khác tên các trang của DTI Scorer.`,
    en: `Your chart sheet ${quoteSheet(name)} has the name of the sheet ${quoteSheet(name)} that DTI Scorer writes in this run, so it was kept under the name ${quoteSheet(as)}; its chart is unchanged. You can rename it, to any name DTI Scorer's sheets do not have.`,
  };
}

function pivotOnOwnedSheetMessage(sheet: string, pivot: string): SheetMessage {
  return {
    sheet,
    vi: `PivotTable ${pivot} trên trang ${quoteSheet(sheet)} không được giữ lại: trang này là trang của DTI Scorer, được ghi lại mỗi lần chấm điểm, nên chỉ còn các ô giá trị của PivotTable mà lần chấm này không ghi đè. Hãy tạo lại PivotTable trên một trang của bạn (nguồn dữ liệu có thể là bảng ${RESULTS_TABLE}).`,
    en: `The PivotTable ${pivot} on sheet ${quoteSheet(sheet)} was not kept: that sheet is DTI Scorer's, written again on every run, so only the values of its cells that this run did not write over are left. Create the PivotTable again on a sheet of yours (its source can be the table ${RESULTS_TABLE}).`,
  };
}

function pivotExternalMessage(sheet: string, pivot: string): SheetMessage {
  return {
    sheet,
    vi: `PivotTable ${pivot} trên trang ${quoteSheet(sheet)} không được giữ lại: nó lấy dữ liệu từ ngoài các trang của sổ làm việc (kết nối dữ liệu, Data Model, OLAP hoặc nhiều vùng hợp nhất), mà DTI Scorer không giữ được khi ghi tệp; các ô của nó chỉ còn là giá trị. Hãy tạo lại PivotTable trong Excel, hoặc chấm điểm sổ làm việc này bằng ngăn DTI Scorer mở trong Excel, vì cách đó giữ nguyên PivotTable.`,
    en: `The PivotTable ${pivot} on sheet ${quoteSheet(sheet)} was not kept: it takes its data from outside the workbook's sheets (a data connection, the Data Model, OLAP or consolidated ranges), which DTI Scorer cannot keep when it writes the file; its cells are plain values now. Create it again in Excel, or score this workbook with the DTI Scorer pane inside Excel, which leaves PivotTables in place.`,
  };
}

function pivotSourceGoneMessage(sheet: string, pivot: string, source: string): SheetMessage {
  return {
    sheet,
    vi: `PivotTable ${pivot} trên trang ${quoteSheet(sheet)} được giữ lại nhưng vẫn hiện số liệu cũ: nguồn dữ liệu của nó (${source}) không còn trong sổ làm việc sau lần chấm này. Hãy chọn lại nguồn (Phân tích PivotTable > Thay đổi Nguồn Dữ liệu, ví dụ bảng ${RESULTS_TABLE}) rồi bấm Làm mới.`,
    en: `The PivotTable ${pivot} on sheet ${quoteSheet(sheet)} was kept but still shows its earlier figures: its source (${source}) is no longer in the workbook after this run. Choose its source again (PivotTable Analyze > Change Data Source, for instance the table ${RESULTS_TABLE}) and refresh it.`,
  };
}

function pivotSourceMovedMessage(sheet: string, pivot: string, source: string): SheetMessage {
  return {
    sheet,
    vi: `PivotTable ${pivot} trên trang ${quoteSheet(sheet)} được giữ lại nhưng vẫn hiện số liệu cũ: nguồn dữ liệu của nó (${source}) nằm trên trang DTI Scorer ghi lại, và không còn khớp với bảng kết quả vừa ghi. Hãy chọn lại nguồn là bảng ${RESULTS_TABLE} (Phân tích PivotTable > Thay đổi Nguồn Dữ liệu) rồi bấm Làm mới; khi nguồn là bảng, PivotTable sẽ theo bảng ở các lần chấm sau.`,
    en: `The PivotTable ${pivot} on sheet ${quoteSheet(sheet)} was kept but still shows its earlier figures: its source (${source}) is on a sheet DTI Scorer writes again, and no longer matches the results table it wrote. Choose the table ${RESULTS_TABLE} as its source (PivotTable Analyze > Change Data Source) and refresh it; with the table as its source, it follows the table in later runs.`,
  };
}

function pivotFieldsGoneMessage(sheet: string, pivot: string, table: string, fields: string[]): SheetMessage {
  const list = fields.map((f) => `"${f}"`).join(", ");
  return {
    sheet,
    vi: `PivotTable ${pivot} trên trang ${quoteSheet(sheet)} được làm mới khi mở tệp, nhưng bảng ${table} không còn cột ${list}, nên Excel sẽ bỏ trường đó khỏi PivotTable. Hãy kéo lại trường tương ứng vào PivotTable nếu cần.`,
    en: `The PivotTable ${pivot} on sheet ${quoteSheet(sheet)} refreshes when the file opens, but the table ${table} no longer has the column ${list}, so Excel takes that field out of the PivotTable. Drag the matching field into it again if you need it.`,
  };
}

function slicersMessage(sheet: string): SheetMessage {
  return {
    sheet,
    vi: `Slicer và timeline trên trang ${quoteSheet(sheet)} không được giữ lại khi DTI Scorer ghi tệp (PivotTable và bảng vẫn còn, với bộ lọc đang chọn). Hãy chèn lại chúng (Phân tích PivotTable > Chèn Slicer), hoặc chấm điểm bằng ngăn DTI Scorer mở trong Excel, vì cách đó giữ nguyên chúng.`,
    en: `The slicers and timelines on sheet ${quoteSheet(sheet)} were not kept when DTI Scorer wrote the file (the PivotTables and tables stay, filtered as they were). Insert them again (PivotTable Analyze > Insert Slicer), or score with the DTI Scorer pane inside Excel, which leaves them in place.`,
  };
}

/** Said of a workbook with macros (a VBA project, an .xlsm file's): the .xlsx file written has none. */
export const MACROS_MESSAGE: SheetMessage = {
  vi: "Sổ làm việc có macro (dự án VBA). Tệp DTI Scorer ghi ra là tệp .xlsx, không chứa được macro, nên tệp vừa ghi không có các macro đó; tệp gốc vẫn giữ nguyên chúng. Nếu cần macro trong tệp vừa ghi, hãy chép chúng từ tệp gốc sang (Alt+F11 trong Excel) rồi lưu dạng .xlsm (Sổ làm việc Excel Có hỗ trợ Macro), hoặc dùng ngăn DTI Scorer mở trong Excel, vì cách đó giữ nguyên macro.",
  en: "The workbook has macros (a VBA project). DTI Scorer writes an .xlsx file, which cannot hold macros, so the file written does not have them; the original file still does. If you need them in the file written, copy them over from the original (Alt+F11 in Excel) and save it as .xlsm (Excel Macro-Enabled Workbook), or use the DTI Scorer pane inside Excel, which leaves macros in place.",
};

/**
 * What the user should be told about the parts of `original` that ExcelJS drops once `wb` (the
 * workbook read from it, the plan applied) is written: the same plan carryParts follows.
 */
export async function partsNotCarried(original: Uint8Array, wb: ExcelJS.Workbook, options: CarryOptions): Promise<SheetMessage[]> {
  const source = await Package.open(await JSZip.loadAsync(original));
  const info = await readSource(source, options);
  if (!info.sheets.some((s) => s.kind === "chartsheet") && info.pivots.length === 0 && info.slicers.length === 0 && !info.macros) return [];
  return planCarry(info, viewOfWorkbook(wb), options).warnings;
}

// ---------------------------------------------------------------------------------------------
// Carrying the parts over

/**
 * Carry the chart sheets, PivotTables and sparklines of `source` (the file read) into `target`
 * (the file ExcelJS wrote), before the defined names are put back: the chart sheets the plan had
 * to rename (`renamedChartSheets`, for restoreDefinedNames), whether anything changed, and the warnings.
 */
export async function carryParts(
  source: Package,
  target: Package,
  copier: PartCopier,
  options: CarryOptions,
): Promise<{ changed: boolean; renamedChartSheets: { from: string; to: string }[]; warnings: SheetMessage[] }> {
  const info = await readSource(source, options);
  const plan = planCarry(info, await viewOfPackage(target), options);
  let changed = false;
  if (plan.chartSheets.length > 0) {
    await carryChartSheets(info, target, copier, plan.chartSheets, options);
    changed = true;
  }
  if (plan.pivots.length > 0) {
    await carryPivots(source, target, copier, plan.pivots);
    changed = true;
  }
  if (await carrySparklines(source, target, options)) changed = true;
  if (await carryExternalLinks(source, target, copier)) changed = true;
  if (await carryCustomProperties(source, target, copier)) changed = true;
  if (await keepCoreAuthors(source, target)) changed = true;
  return { changed, renamedChartSheets: plan.chartSheets.filter((c) => c.as !== c.name).map((c) => ({ from: c.name, to: c.as })), warnings: plan.warnings };
}

// Chart sheets ---------------------------------------------------------------------------------

/**
 * Each chart sheet goes after the sheet it followed in the original (the first of those before
 * it that the written file has), or, when none of those is there, before the first that followed
 * it; chart sheets next to each other stay in their order.
 */
async function carryChartSheets(
  info: SourceInfo,
  target: Package,
  copier: PartCopier,
  chartSheets: CarryPlan["chartSheets"],
  options: CarryOptions,
): Promise<void> {
  let workbook = await target.text(target.workbook);
  const { rootStart, rootEnd } = topLevelChildren(workbook);
  const withPrefix = withRelationshipPrefix(workbook, rootStart, rootEnd);
  workbook = withPrefix.xml;
  const elementPrefix = /^<(\w+:)?/.exec(workbook.slice(rootStart))?.[1] ?? "";
  const rels = await target.rels(target.workbook);
  const used = new Set(rels.map((r) => r.id));
  let nextSheetId = Math.max(0, ...sheetElementsOf(workbook).map((s) => Number(attr(s.attrs, "sheetId") ?? 0)).filter(Number.isFinite)) + 1;
  const order = sheetElementsOf(workbook).map((s) => lower(s.name));

  let at: number | undefined;
  let pending: { as: string; path: string; attrs: string }[] = [];
  const place = async (item: { as: string; path: string; attrs: string }, index: number) => {
    const copied = await copier.copy(item.path);
    const xml = await target.text(copied);
    // A tab selected with another groups the sheets: the written file's selection stays the only one.
    target.zip.file(copied, xml.replace(/(<(?:\w+:)?sheetView\b[^>]*?)\s+tabSelected="(?:1|true)"/g, "$1"));
    const id = nextRelId(used);
    used.add(id);
    rels.push({ id, type: REL_CHARTSHEET, target: relativeTarget(target.workbook, copied), extra: "" });
    const state = attr(item.attrs, "state");
    const element = `<${elementPrefix}sheet name="${escapeXml(item.as)}" sheetId="${nextSheetId++}"${state !== undefined ? ` state="${state}"` : ""} ${withPrefix.relPrefix}:id="${id}"/>`;
    workbook = insertSheetElement(workbook, element, index);
    order.splice(index, 0, lower(item.as));
    target.sheets.set(item.as, copied);
    target.kinds.set(item.as, "chartsheet");
  };
  for (const s of info.sheets) {
    const carried = chartSheets.find((c) => c.name === s.name);
    if (carried) {
      const item = { as: carried.as, path: carried.path, attrs: s.attrs };
      if (at === undefined) pending.push(item);
      else await place(item, at++);
      continue;
    }
    if (s.kind === "chartsheet") continue;
    const index = order.indexOf(lower(renamedIn(options.renamedSheets, s.name)));
    if (index < 0) continue;
    if (at === undefined) {
      // The chart sheets before the first sheet the written file has go just before it.
      let before = index;
      for (const item of pending) await place(item, before++);
      pending = [];
      at = order.indexOf(lower(renamedIn(options.renamedSheets, s.name))) + 1;
    } else at = index + 1;
  }
  for (const item of pending) await place(item, order.length);
  target.zip.file(target.workbook, workbook);
  target.writeRels(target.workbook, rels);
}

// PivotTables ----------------------------------------------------------------------------------

/** The workbook's <pivotCache> entries: cache id and relationship id. */
function pivotCacheEntries(workbookXml: string): { cacheId: string; rid: string }[] {
  const block = /<(?:[\w.-]+:)?pivotCaches\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?pivotCaches>/.exec(workbookXml)?.[1] ?? "";
  return [...block.matchAll(/<(?:[\w.-]+:)?pivotCache\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/g)].flatMap((m) => {
    const cacheId = attr(m[1] ?? "", "cacheId");
    const rid = /\s[\w.-]+:id="([^"]*)"/.exec(` ${m[1] ?? ""}`)?.[1];
    return cacheId !== undefined && rid !== undefined ? [{ cacheId, rid }] : [];
  });
}

/** A start tag with attribute `name` set to `value` (escaped here), added when it had none. */
function withAttr(tag: string, name: string, value: string): string {
  const escaped = escapeXml(value);
  const existing = new RegExp(`(\\s${name}=)("[^"]*"|'[^']*')`);
  if (existing.test(tag)) return tag.replace(existing, (_, head: string) => `${head}"${escaped}"`);
  return tag.replace(/\s*(\/?>)$/, (_, end: string) => ` ${name}="${escaped}"${end}`);
}

/** The part with its root element's start tag changed by `change`. */
function withRootTag(xml: string, change: (tag: string) => string): string {
  const { rootStart, rootEnd } = topLevelChildren(xml);
  if (rootStart < 0) return xml;
  return xml.slice(0, rootStart) + change(xml.slice(rootStart, rootEnd + 1)) + xml.slice(rootEnd + 1);
}

/** The cache definition with its source following the run (plan.source), its fields renamed, refreshing on load when the plan says. */
function editedCache(xml: string, plan: PivotPlan): string {
  let out = plan.refresh ? withRootTag(xml, (tag) => withAttr(tag, "refreshOnLoad", "1")) : xml;
  const { ref, sheet, name } = plan.source;
  out = out.replace(/<(?:[\w.-]+:)?worksheetSource\b(?:[^>"']|"[^"]*"|'[^']*')*>/, (tag) => {
    let t = tag;
    if (ref !== undefined) t = withAttr(t, "ref", ref);
    if (sheet !== undefined) t = withAttr(t, "sheet", sheet);
    if (name !== undefined) t = withAttr(t, "name", name);
    return t;
  });
  if (plan.fields.size === 0) return out;
  return out.replace(/<(?:[\w.-]+:)?cacheField\b(?:[^>"']|"[^"]*"|'[^']*')*>/g, (tag) => {
    const now = plan.fields.get(lower(unescapeXml(attr(tag, "name") ?? "")));
    return now === undefined ? tag : withAttr(tag, "name", now);
  });
}

async function carryPivots(source: Package, target: Package, copier: PartCopier, plans: PivotPlan[]): Promise<void> {
  // The original's cache ids, by cache part: a PivotTable names its cache by it.
  const sourceRels = await source.rels(source.workbook);
  const sourceIds = new Map<string, string>();
  for (const e of pivotCacheEntries((await source.textOrUndefined(source.workbook)) ?? "")) {
    const rel = sourceRels.find((r) => r.id === e.rid);
    if (rel) sourceIds.set(resolveTarget(source.workbook, rel.target), e.cacheId);
  }
  let workbook = await target.text(target.workbook);
  const { rootStart, rootEnd } = topLevelChildren(workbook);
  const withPrefix = withRelationshipPrefix(workbook, rootStart, rootEnd);
  workbook = withPrefix.xml;
  const prefix = /^<(\w+:)?/.exec(workbook.slice(rootStart))?.[1] ?? "";
  const rels = await target.rels(target.workbook);
  const usedRels = new Set(rels.map((r) => r.id));
  const takenIds = new Set(pivotCacheEntries(workbook).map((e) => e.cacheId));
  const cacheIds = new Map<string, string>();
  const entries: string[] = [];
  const styles = await DxfCopier.open(source, target);

  for (const plan of plans) {
    const p = plan.pivot;
    const pivotXml = await source.text(p.path);
    const tablePath = await copier.copy(p.path);
    const cachePath = await copier.copy(p.cachePath!);
    let id = cacheIds.get(cachePath);
    if (id === undefined) {
      id = sourceIds.get(p.cachePath!) ?? attr(pivotXml.slice(topLevelChildren(pivotXml).rootStart), "cacheId") ?? "1";
      if (takenIds.has(id)) id = String(Math.max(0, ...[...takenIds].map(Number).filter(Number.isFinite)) + 1);
      takenIds.add(id);
      cacheIds.set(cachePath, id);
      const rid = nextRelId(usedRels);
      usedRels.add(rid);
      rels.push({ id: rid, type: REL_PIVOT_CACHE_DEFINITION, target: relativeTarget(target.workbook, cachePath), extra: "" });
      entries.push(`<${prefix}pivotCache cacheId="${id}" ${withPrefix.relPrefix}:id="${rid}"/>`);
      target.zip.file(cachePath, editedCache(await target.text(cachePath), plan));
    }
    // The PivotTable names its cache by the id it has now, and its formats by where they are in the written styles.
    const cacheId = id;
    target.zip.file(tablePath, styles.remap(withRootTag(await target.text(tablePath), (tag) => withAttr(tag, "cacheId", cacheId))));
    const sheetPath = target.sheetNamed(plan.sheet)!.path;
    const sheetRels = await target.rels(sheetPath);
    sheetRels.push({ id: nextRelId(new Set(sheetRels.map((r) => r.id))), type: REL_PIVOT_TABLE, target: relativeTarget(sheetPath, tablePath), extra: "" });
    target.writeRels(sheetPath, sheetRels);
  }

  const block = /(<(?:[\w.-]+:)?pivotCaches\b[^>]*>)([\s\S]*?)(<\/(?:[\w.-]+:)?pivotCaches>)/.exec(workbook);
  workbook = block
    ? workbook.slice(0, block.index) + block[1] + block[2] + entries.join("") + block[3] + workbook.slice(block.index + block[0].length)
    : insertChild(workbook, `<${prefix}pivotCaches>${entries.join("")}</${prefix}pivotCaches>`, AFTER_PIVOT_CACHES);
  target.zip.file(target.workbook, workbook);
  target.writeRels(target.workbook, rels);
  styles.save();
}

/**
 * The differential formats (<dxf>) a PivotTable's formats name by their place in the styles part
 * (`dxfId`): ExcelJS writes the styles anew, so those the PivotTable uses are copied from the
 * original's styles to the end of the written <dxfs>, and the PivotTable names them there.
 */
class DxfCopier {
  private readonly added: string[] = [];
  private readonly moved = new Map<string, string>();

  private constructor(
    private readonly target: Package,
    private readonly targetPath: string | undefined,
    private readonly targetXml: string,
    private readonly sourceDxfs: string[],
    private readonly written: number,
  ) {}

  static async open(source: Package, target: Package): Promise<DxfCopier> {
    const stylesOf = async (pkg: Package) => {
      const rel = (await pkg.rels(pkg.workbook)).find((r) => r.type === REL_STYLES);
      const path = rel ? resolveTarget(pkg.workbook, rel.target) : undefined;
      return { path, xml: path === undefined ? "" : ((await pkg.textOrUndefined(path)) ?? "") };
    };
    const from = await stylesOf(source);
    const to = await stylesOf(target);
    return new DxfCopier(target, to.path, to.xml, dxfsOf(from.xml), dxfsOf(to.xml).length);
  }

  /** The PivotTable's XML naming the copies of the formats it uses. */
  remap(pivotXml: string): string {
    return pivotXml.replace(/(\sdxfId=")(\d+)"/g, (whole, head: string, n: string) => {
      let now = this.moved.get(n);
      if (now === undefined) {
        const dxf = this.sourceDxfs[Number(n)];
        // Without a styles part to copy into, or a format written with a prefix: the format goes, the PivotTable stays.
        if (dxf === undefined || this.targetPath === undefined || /^<\w+:/.test(dxf)) return "";
        now = String(this.written + this.added.length);
        this.added.push(dxf);
        this.moved.set(n, now);
      }
      return `${head}${now}"`;
    });
  }

  save(): void {
    if (this.added.length === 0 || this.targetPath === undefined) return;
    const count = this.written + this.added.length;
    const xml = this.targetXml;
    const dxfs = topLevelChildren(xml).children.find((c) => c.name === "dxfs");
    let out: string;
    if (!dxfs) out = insertChild(xml, `<dxfs count="${count}">${this.added.join("")}</dxfs>`, new Set(["tableStyles", "colors", "extLst"]));
    else {
      const open = xml.slice(dxfs.start, tagEnd(xml, dxfs.start) + 1);
      const selfClosing = open.endsWith("/>");
      const head = withAttr(selfClosing ? `${open.slice(0, -2)}>` : open, "count", String(count));
      const inner = selfClosing ? "" : xml.slice(dxfs.start + open.length, xml.lastIndexOf("</", dxfs.end - 1));
      const close = selfClosing ? `</${/^<([\w.:-]+)/.exec(open)![1]}>` : xml.slice(xml.lastIndexOf("</", dxfs.end - 1), dxfs.end);
      out = xml.slice(0, dxfs.start) + head + inner + this.added.join("") + close + xml.slice(dxfs.end);
    }
    this.target.zip.file(this.targetPath, out);
  }
}

/** The <dxf> elements of a styles part, in order. */
function dxfsOf(stylesXml: string): string[] {
  const dxfs = topLevelChildren(stylesXml).children.find((c) => c.name === "dxfs");
  if (!dxfs) return [];
  const xml = stylesXml.slice(dxfs.start, dxfs.end);
  return topLevelChildren(xml).children.map((c) => xml.slice(c.start, c.end));
}

// Links to other workbooks ---------------------------------------------------------------------

/** Children of the workbook that come after <externalReferences>, in the order of CT_Workbook. */
const AFTER_EXTERNAL_REFERENCES = new Set(["definedNames", "calcPr", "oleSize", "customWorkbookViews", "pivotCaches", ...AFTER_PIVOT_CACHES]);

/** The relationship ids of the workbook's <externalReference> entries, in their order: the first is [1] in formulas. */
function externalReferenceIds(workbookXml: string): string[] | undefined {
  const block = /<(?:[\w.-]+:)?externalReferences\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?externalReferences>/.exec(workbookXml)?.[1];
  if (block === undefined) return undefined;
  return [...block.matchAll(/<(?:[\w.-]+:)?externalReference\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/g)].map((m) => /\s[\w.-]+:id="([^"]*)"/.exec(` ${m[1] ?? ""}`)?.[1] ?? "");
}

/**
 * The parts that hold no formula: text (shared strings, notes and threaded comments, their people,
 * the notes' VML), looks (styles, themes), relationships, the links themselves, and what lies outside
 * `xl/` (the document properties, custom XML, the content types).
 */
function holdsNoFormula(path: string): boolean {
  const p = path.toLowerCase();
  return (
    !p.startsWith("xl/") ||
    !p.endsWith(".xml") ||
    p.startsWith("xl/externallinks/") ||
    p.startsWith("xl/theme/") ||
    p.includes("/_rels/") ||
    /(^|\/)(sharedstrings|styles|comments\d*|persons?|person\d*)\.xml$/.test(p) ||
    p.startsWith("xl/threadedcomments/") ||
    p.startsWith("xl/persons/")
  );
}

/** The numbers `[n]` a part's text names: a link to another workbook in a formula (`[1]S!$A$1`, `'[2]S T'!A1`, `[1]!Name`). */
function linkNumbersIn(xml: string, into: Set<number>): void {
  for (const m of xml.matchAll(/\[(\d{1,6})\]/g)) into.add(Number(m[1]));
}

/**
 * The links to other workbooks that anything of the written file may still use, by number ([1] is
 * 1): every `[n]` in the parts of `target` that can hold a formula (the cells ExcelJS wrote, as the
 * person and the run left them; conditional formats, validations, sparklines, charts, PivotTables,
 * defined names), and in those of `source` but the cells' formulas (what is carried over after this,
 * or left as the original had it: its drawings' charts, its defined names). Wide on purpose: a `[n]`
 * that is no link (a cached text, a table's column named "1") keeps a link; only a link nothing
 * names goes. The cells' formulas of the original are left out: the run wrote some of them anew
 * (the line under a form's summary that read the `_index` of the workbook the form was copied out
 * of), and those it did not are in the written file.
 */
async function linkNumbersUsed(source: Package, target: Package): Promise<Set<number>> {
  const used = new Set<number>();
  for (const path of target.paths()) if (!holdsNoFormula(path)) linkNumbersIn((await target.textOrUndefined(path)) ?? "", used);
  const worksheets = new Set(source.worksheets().map(([, path]) => path.toLowerCase()));
  for (const path of source.paths()) {
    if (holdsNoFormula(path)) continue;
    const xml = (await source.textOrUndefined(path)) ?? "";
    linkNumbersIn(worksheets.has(path.toLowerCase()) ? xml.replace(/<((?:[\w.-]+:)?f)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1\s*>)/g, "") : xml, used);
  }
  return used;
}

/**
 * The original's links to other workbooks, carried into the written file: each external link part
 * (with its relationship to the other file and its cached values) copied, and the workbook's
 * <externalReferences> listing them in the original's order, so that `[1]` in a formula or a
 * defined name is the same workbook it was. Whether anything was carried.
 * A link to a workbook that nothing of the written file names any more (linkNumbersUsed) is not
 * carried when no link after it is: a form copied out of a scored workbook into one of its own
 * (LibreOffice's Move or Copy Sheet to a new document) reads that workbook's `_index` by a link in
 * the line under its summary, which the run writes anew reading its own; the link would otherwise
 * point at the old workbook for ever (Excel asking to update it on every opening). One before a link
 * still used stays, so that `[n]` in every formula still names its workbook; so does a link of
 * another kind than a workbook's (DDE, OLE).
 */
async function carryExternalLinks(source: Package, target: Package, copier: PartCopier): Promise<boolean> {
  const ids = externalReferenceIds((await source.textOrUndefined(source.workbook)) ?? "");
  if (ids === undefined || ids.length === 0) return false;
  let workbook = await target.text(target.workbook);
  if (externalReferenceIds(workbook) !== undefined) return false;
  const sourceRels = await source.rels(source.workbook);
  const partOf = (id: string): string | undefined => {
    const rel = sourceRels.find((r) => r.id === id);
    const path = rel && !isExternal(rel) ? resolveTarget(source.workbook, rel.target) : undefined;
    return path !== undefined && source.has(path) ? path : undefined;
  };
  // The links from the last one on that nothing names, each a workbook's: left out.
  const usedNumbers = await linkNumbersUsed(source, target);
  let carried = ids.length;
  while (carried > 0 && !usedNumbers.has(carried)) {
    const path = partOf(ids[carried - 1]!);
    if (path !== undefined && !/<(?:[\w.-]+:)?externalBook\b/.test((await source.textOrUndefined(path)) ?? "")) break;
    carried--;
  }
  if (carried === 0) return false;
  const { rootStart, rootEnd } = topLevelChildren(workbook);
  const withPrefix = withRelationshipPrefix(workbook, rootStart, rootEnd);
  workbook = withPrefix.xml;
  const prefix = /^<(\w+:)?/.exec(workbook.slice(rootStart))?.[1] ?? "";
  const rels = await target.rels(target.workbook);
  const used = new Set(rels.map((r) => r.id));
  const entries: string[] = [];
  for (const id of ids.slice(0, carried)) {
    const rel = sourceRels.find((r) => r.id === id);
    const path = partOf(id);
    // A reference to no part (a damaged file) is left out, as Excel leaves it.
    if (rel === undefined || path === undefined) continue;
    const copied = await copier.copy(path);
    const rid = nextRelId(used);
    used.add(rid);
    rels.push({ id: rid, type: rel.type, target: relativeTarget(target.workbook, copied), extra: "" });
    entries.push(`<${prefix}externalReference ${withPrefix.relPrefix}:id="${rid}"/>`);
  }
  if (entries.length === 0) return false;
  target.zip.file(target.workbook, insertChild(workbook, `<${prefix}externalReferences>${entries.join("")}</${prefix}externalReferences>`, AFTER_EXTERNAL_REFERENCES));
  target.writeRels(target.workbook, rels);
  return true;
}

// Sparklines -----------------------------------------------------------------------------------

/** The <ext> children of a worksheet's <extLst>, each with its uri and where it is in the part. */
function extsOf(sheetXml: string): { uri: string; start: number; end: number }[] {
  const extLst = topLevelChildren(sheetXml).children.find((c) => c.name === "extLst");
  if (!extLst) return [];
  const xml = sheetXml.slice(extLst.start, extLst.end);
  return topLevelChildren(xml).children
    .filter((c) => c.name === "ext")
    .map((c) => ({ uri: attr(xml.slice(c.start, tagEnd(xml, c.start) + 1), "uri") ?? "", start: extLst.start + c.start, end: extLst.start + c.end }));
}

const isSparklineExt = (uri: string) => uri.toUpperCase() === SPARKLINE_EXT_URI.toUpperCase();

/**
 * The sparklines' <ext> of a worksheet, able to stand alone: the namespaces it uses that the
 * worksheet (or its <extLst>) declared are declared on it.
 */
function sparklineExtOf(sheetXml: string): string | undefined {
  const found = extsOf(sheetXml).find((e) => isSparklineExt(e.uri));
  if (!found) return undefined;
  let ext = sheetXml.slice(found.start, found.end);
  const { rootStart, rootEnd } = topLevelChildren(sheetXml);
  const extLst = topLevelChildren(sheetXml).children.find((c) => c.name === "extLst")!;
  const outer = sheetXml.slice(rootStart, rootEnd + 1) + sheetXml.slice(extLst.start, tagEnd(sheetXml, extLst.start) + 1);
  const declared = new Map<string, string>();
  for (const m of outer.matchAll(/\sxmlns(?::([\w.-]+))?="([^"]*)"/g)) declared.set(m[1] ?? "", m[2] ?? "");
  const used = new Set<string>();
  for (const m of ext.matchAll(/<\/?([\w.-]+):/g)) used.add(m[1]!);
  for (const m of ext.matchAll(/\s([\w.-]+):[\w.-]+\s*=/g)) if (m[1] !== "xmlns" && m[1] !== "xml") used.add(m[1]!);
  const end = tagEnd(ext, 0);
  let open = ext.slice(0, end + 1);
  const unprefixed = !/^<[\w.-]+:/.test(open);
  const wanted = [...used].filter((p) => !new RegExp(`\\sxmlns:${p.replace(/[.-]/g, "\\$&")}="`).test(ext) && declared.has(p));
  // The written worksheet's own namespace (SpreadsheetML's, as ExcelJS writes it) needs no declaring.
  if (unprefixed && !/\sxmlns="/.test(open) && declared.has("") && declared.get("") !== NS_MAIN) wanted.push("");
  for (const p of wanted) open = withAttr(open, p === "" ? "xmlns" : `xmlns:${p}`, unescapeXml(declared.get(p)!));
  ext = open + ext.slice(end + 1);
  return ext;
}

/** The written worksheet with the sparklines' <ext> in its <extLst>: after the data bars' and data validations', before the others. */
function withSparklineExt(sheetXml: string, ext: string): string {
  const exts = extsOf(sheetXml);
  if (exts.length === 0) {
    const extLst = topLevelChildren(sheetXml).children.find((c) => c.name === "extLst");
    if (extLst) {
      const close = sheetXml.lastIndexOf("</", extLst.end - 1);
      const open = sheetXml.slice(extLst.start, tagEnd(sheetXml, extLst.start) + 1);
      if (open.endsWith("/>")) return sheetXml.slice(0, extLst.start) + `${open.slice(0, -2)}>${ext}</${/^<([\w.:-]+)/.exec(open)![1]}>` + sheetXml.slice(extLst.end);
      return sheetXml.slice(0, close) + ext + sheetXml.slice(close);
    }
    const { rootStart } = topLevelChildren(sheetXml);
    const prefix = /^<(\w+:)?/.exec(sheetXml.slice(rootStart))?.[1] ?? "";
    return insertChild(sheetXml, `<${prefix}extLst>${ext}</${prefix}extLst>`, new Set());
  }
  const before = exts.filter((e) => EXTS_BEFORE_SPARKLINES.some((u) => u.toUpperCase() === e.uri.toUpperCase()));
  const at = before.length > 0 ? before[before.length - 1]!.end : exts[0]!.start;
  return sheetXml.slice(0, at) + ext + sheetXml.slice(at);
}

async function carrySparklines(source: Package, target: Package, options: CarryOptions): Promise<boolean> {
  const skip = new Set(options.skipSheets.map(lower));
  const renames = options.renamedSheets ?? [];
  let changed = false;
  for (const [name, path] of source.worksheets()) {
    if (skip.has(lower(name))) continue;
    const xml = await source.textOrUndefined(path);
    if (xml === undefined || !xml.toUpperCase().includes(SPARKLINE_EXT_URI.toUpperCase())) continue;
    const ext = sparklineExtOf(xml);
    const now = target.sheetNamed(renamedIn(renames, name));
    if (ext === undefined || now === undefined || now.kind !== "worksheet") continue;
    const targetPath = now.path;
    const written = await target.text(targetPath);
    if (extsOf(written).some((e) => isSparklineExt(e.uri))) continue;
    target.zip.file(targetPath, withSparklineExt(written, renames.length > 0 ? renameInChart(ext, renames) : ext));
    changed = true;
  }
  return changed;
}

// Document properties -------------------------------------------------------------------------

/** The package's relationship to its custom document properties (Transitional, or Strict's). */
const CUSTOM_PROPERTIES_REL = /\/relationships\/custom-properties$/;
/** The package's relationship to its core properties. */
const CORE_PROPERTIES_REL = /\/relationships\/metadata\/core-properties$/;

/**
 * The original's custom document properties (docProps/custom.xml), carried into the written file
 * with their content type and the package's relationship to them (in _rels/.rels), which ExcelJS
 * neither reads nor writes. Whether anything was carried.
 */
async function carryCustomProperties(source: Package, target: Package, copier: PartCopier): Promise<boolean> {
  const rel = (await source.rels("")).find((r) => CUSTOM_PROPERTIES_REL.test(r.type) && !isExternal(r));
  const path = rel ? resolveTarget("", rel.target) : undefined;
  if (rel === undefined || path === undefined || !source.has(path)) return false;
  const rels = await target.rels("");
  if (rels.some((r) => CUSTOM_PROPERTIES_REL.test(r.type))) return false;
  const copied = await copier.copy(path);
  rels.push({ id: nextRelId(new Set(rels.map((r) => r.id))), type: rel.type, target: relativeTarget("", copied), extra: "" });
  target.writeRels("", rels);
  return true;
}

/** The core properties part of a package (by the package's relationship, else where Office puts it). */
async function corePropertiesPath(pkg: Package): Promise<string> {
  const rel = (await pkg.rels("")).find((r) => CORE_PROPERTIES_REL.test(r.type) && !isExternal(r));
  return rel ? resolveTarget("", rel.target) : "docProps/core.xml";
}

/** The text of a core property element (`dc:creator`, `cp:lastModifiedBy`, whatever its prefix), undefined when absent or empty. */
function coreProperty(xml: string, local: string): string | undefined {
  const m = new RegExp(`<(?:[\\w.-]+:)?${local}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${local}>)`).exec(xml);
  const text = m?.[1]?.trim();
  return text === undefined || text === "" ? undefined : text;
}

/**
 * ExcelJS writes "Unknown" as the author (dc:creator) and as who saved the file last
 * (cp:lastModifiedBy) when the file it read had none (LibreOffice without a user name, a
 * program's export): those are left out of the written core properties, as the original had
 * them. One the original had is written as it was (ExcelJS keeps it). Whether anything changed.
 */
async function keepCoreAuthors(source: Package, target: Package): Promise<boolean> {
  // A package without core properties (a program's export) had no author either.
  const original = (await source.textOrUndefined(await corePropertiesPath(source))) ?? "";
  const path = await corePropertiesPath(target);
  let written = await target.textOrUndefined(path);
  if (written === undefined) return false;
  const before = written;
  for (const local of ["creator", "lastModifiedBy"]) {
    if (coreProperty(original, local) !== undefined || coreProperty(written, local) !== "Unknown") continue;
    written = written.replace(new RegExp(`<(?:[\\w.-]+:)?${local}\\b[^>]*>[\\s\\S]*?</(?:[\\w.-]+:)?${local}>`), "");
  }
  if (written === before) return false;
  target.zip.file(path, written);
  return true;
}
