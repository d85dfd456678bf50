/**
 * An in-memory Excel for tests: the subset of the Excel JavaScript API the add-in uses, with
 * Office.js's batching (commands queue until `context.sync()`), loading rules, null objects,
 * errors, the 5 MB payload limits of Excel on the web (each request measured as Office.js
 * serialises it: object paths, Instantiate actions, then the commands), requirement sets (an API
 * newer than the configured ExcelApi throws ApiNotFound), sheet protection (locked cells of a
 * protected sheet refuse writes) and the workbook's structure protection. `install(window)` puts it in a page
 * as the globals `Excel`, `Office` and `OfficeExtension`.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseRect, rectAddress, splitSheet } from "./address";
import { deleteSheet, DoubleError, renameSheet, RequestContext, importers, versionAtLeast, type DoublePlatform, type DoubleState, type ImportedSheet, type RefusalCode, type RequestRecord } from "./api";
import { defaultProtectionOptions, MSheet, MWorkbook, type MCell, type MProtection } from "./model";

export { API_SETS, DoubleError, PAYLOAD_LIMIT, CELL_LIMIT, REFUSALS, WEB_UNSUPPORTED_INSERT, officeRequest } from "./api";
export type { DoublePlatform, RequestRecord, ChangeEvent, RefusalCode, SheetEvent } from "./api";

/**
 * `{ date }`: a date (and time) as a user types it and Excel keeps it: the serial number of the
 * 1900 date system ("2025-05-03" is 45780, "2025-05-03T12:00" 45780.5) in a date-formatted cell
 * (`numberFormat`, by default "m/d/yyyy", or "m/d/yyyy h:mm" with a time of day).
 */
export type SeedValue = number | string | boolean | null | { error: string } | { formula: string } | { date: string; numberFormat?: string };

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
   * "Mac" or "OfficeOnline" (Excel on the web, where insertWorksheetsFromBase64 refuses sheets that
   * carry notes or comments, charts, PivotTables or slicers).
   */
  platform?: DoublePlatform;
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

/** Reads an .xlsx (base64) into sheets of cells, as insertWorksheetsFromBase64 needs. */
async function importXlsx(base64: string): Promise<ImportedSheet[]> {
  const wb = new ExcelJS.Workbook();
  const bytes = typeof Buffer !== "undefined" ? Buffer.from(base64, "base64") : Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  await wb.xlsx.load(bytes as never);
  const zip = await JSZip.loadAsync(bytes);
  const protections = await protectionsIn(zip);
  const unsupported = await webUnsupportedContent(zip);
  return wb.worksheets.map((ws) => {
    const cells: ImportedSheet["cells"] = [];
    // Empty cells count too when they are unlocked: a form's input cells are empty until answered.
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const unlocked = cell.protection?.locked === false;
        // A solid fill the cell has in the file ("#RRGGBB", as Range.format.fill.color reads it).
        const pattern = cell.fill && cell.fill.type === "pattern" && cell.fill.pattern === "solid" ? cell.fill.fgColor?.argb : undefined;
        const fill = pattern && /^[0-9A-F]{8}$/i.test(pattern) ? `#${pattern.slice(2).toUpperCase()}` : undefined;
        // In Excel a merged area's value is in its top-left cell only (ExcelJS repeats it in each).
        const merged = cell.isMerged && cell.master.address !== cell.address;
        if ((cell.type === ExcelJS.ValueType.Null || merged) && !unlocked && !fill) return;
        const v = (merged ? null : cell.value) as unknown;
        let value: number | string | boolean = "";
        let formula: string | undefined;
        if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") value = v;
        else if (v instanceof Date) value = v.getTime() / 86400000 + 25569;
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
        cells.push({ row: r - 1, col: c - 1, value, ...(formula ? { formula } : {}), ...(cell.numFmt && cell.type !== ExcelJS.ValueType.Null ? { numberFormat: cell.numFmt } : {}), ...(unlocked ? { locked: false as const } : {}), ...(fill ? { fill } : {}) });
      });
    });
    const protection = protections.get(ws.name);
    const merges = ((ws as unknown as { model: { merges?: string[] } }).model.merges ?? []).filter((m) => /^[A-Z]+\d+:[A-Z]+\d+$/i.test(m));
    const onWeb = unsupported.get(ws.name);
    return { name: ws.name, cells, ...(protection ? { protection } : {}), ...(merges.length ? { merges } : {}), ...(onWeb ? { unsupportedOnWeb: onWeb } : {}) };
  });
}

export class ExcelDouble {
  readonly state: DoubleState = { workbook: new MWorkbook(), syncCount: 0, requests: [], pendingEvents: [], pendingSheetEvents: [], calculationSuspendedSyncs: 0, requirements: {}, refusals: [], unprotectWithoutPassword: "fails", platform: "PC" };
  /** The requirement sets the double claims; an API of a newer ExcelApi throws ApiNotFound. */
  get requirements(): Record<string, string> {
    return this.state.requirements;
  }
  set requirements(r: Record<string, string>) {
    this.state.requirements = r;
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
    copy.columnWidths = new Map(src.columnWidths);
    copy.rowHeights = new Map(src.rowHeights);
    copy.merges = src.merges.map((m) => ({ ...m }));
    copy.protection = { ...src.protection, options: { ...src.protection.options } };
    for (const n of this.workbook.notes.filter((x) => x.sheet === src)) this.workbook.notes.push({ ...n, sheet: copy });
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
      }),
    );
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
    const sheets = await importXlsx(Buffer.from(bytes).toString("base64"));
    for (const src of sheets) {
      const sheet = this.workbook.sheet(src.name) ?? new MSheet(src.name);
      if (!this.workbook.sheets.includes(sheet)) this.workbook.sheets.push(sheet);
      for (const c of src.cells) {
        const cell = sheet.cell(c.row, c.col);
        if (c.formula) { cell.f = c.formula; cell.v = ""; cell.t = "Empty"; }
        else this.setCells(src.name, rectAddress({ row: c.row, col: c.col, rows: 1, cols: 1 }), [[c.value]]);
        if (c.numberFormat && c.numberFormat !== "General") cell.nf = c.numberFormat;
        if (c.locked === false) cell.locked = false;
        if (c.fill) cell.fill = c.fill;
      }
      // A protected sheet in the file is protected in Excel.
      if (src.protection) sheet.protection = src.protection;
      for (const m of src.merges ?? []) {
        const rect = parseRect(m);
        if (rect && rect.rows * rect.cols > 1) sheet.merges.push(rect);
      }
    }
    this.workbook.activeSheet ??= this.workbook.sheets[0] ?? null;
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
      if (row >= rect.row && row < rect.row + rect.rows && col >= rect.col && col < rect.col + rect.cols && (row !== rect.row || col !== rect.col)) { cell.v = ""; cell.t = "Empty"; delete cell.f; }
    }
    s.merges.push(rect);
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
    return this.sheet(sheet).get(rect.row, rect.col);
  }

  /** The value a cell shows (formulas are not calculated: see `formula`). */
  value(address: string): number | string | boolean {
    return this.cell(address)?.v ?? "";
  }

  /** Values of a rectangle, as the user would see them. */
  grid(address: string): (number | string | boolean)[][] {
    const { sheet, local } = splitSheet(address);
    const rect = parseRect(local)!;
    const s = this.sheet(sheet!);
    return Array.from({ length: rect.rows }, (_, r) => Array.from({ length: rect.cols }, (_, c) => s.get(rect.row + r, rect.col + c)?.v ?? ""));
  }

  /**
   * What is left uncalculated since calculation was suspended: the formula cells written then
   * ("Sheet!A2"), and "(workbook)" when cells changed then that formulas may read. Empty once
   * `application.calculate()` ran.
   */
  uncalculated(): string[] {
    const out: string[] = [];
    for (const sheet of this.workbook.sheets) {
      for (const [k, c] of sheet.cells) if (c.dirty) out.push(`${sheet.name}!${rectAddress({ row: Math.floor(k / 16384), col: k % 16384, rows: 1, cols: 1 })}`);
    }
    if (this.workbook.calculationPending) out.push("(workbook)");
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
