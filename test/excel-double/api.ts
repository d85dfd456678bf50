/**
 * The proxy objects of the Excel JavaScript API, as far as the add-in uses them. Like Office.js,
 * every method and property set only queues a command on the RequestContext; nothing reaches the
 * workbook until `context.sync()`, and a property can be read only after it was loaded and synced.
 */
import { columnLetters, movedFormula, overlaps, parseRect, quoteSheet, rectAddress, rectsTopLeft, rectsWithout, splitSheet, utf8Length, type Rect } from "./address";
import { recalculate, structuredRect } from "./formulas";
import { defaultProtectionOptions, HEADER_FOOTER_PARTS, type HeaderFooterPart, MSheet, MWorkbook, newId, type CalculationMode, STANDARD_COLUMN_WIDTH, STANDARD_ROW_HEIGHT, type MCell, type MChart, type MComment, type MCommentReply, type MColorScaleCriteria, type MColorScaleCriterion, type MConditionalFormat, type MCustomFormat, type MDataBarRule, type MHandler, type MHyperlink, type MNote, type MProtection, type MProtectionOptions, type MSeries, type MTable, type ValueType } from "./model";

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const CELL_LIMIT = 5_000_000;

export class DoubleError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  /**
   * OfficeExtension.Error.traceMessages: "Trace messages (if any) that were added via a
   * context.trace() invocation before calling context.sync(). If there was an error, this contains
   * all trace messages that were executed before the error occurred."
   */
  traceMessages: string[] = [];
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, ...(location ? { errorLocation: location } : {}) };
  }
}

export interface RequestRecord {
  bytes: number;
  responseBytes: number;
  commands: number;
  ok: boolean;
  /** Whether the request suspended calculation (suspendApiCalculationUntilNextSync). */
  calculationSuspended: boolean;
}

export interface ChangeEvent {
  type: "WorksheetChanged";
  changeType: "RangeEdited";
  source: "Local";
  worksheetId: string;
  address: string;
  /** Sent from ExcelApi 1.14 on only. */
  triggerSource?: "ThisLocalAddin" | "Unknown";
}

/**
 * A sheet added, deleted or renamed, as `worksheets.onAdded` / `onDeleted` (WorksheetAddedEventArgs,
 * WorksheetDeletedEventArgs, ExcelApi 1.7) and `onNameChanged` (WorksheetNameChangedEventArgs, 1.17)
 * hand it to their handlers.
 */
export type SheetEvent =
  | { type: "WorksheetAdded" | "WorksheetDeleted"; source: "Local"; worksheetId: string }
  | { type: "WorksheetNameChanged"; source: "Local"; worksheetId: string; nameBefore: string; nameAfter: string };

const SHEET_EVENTS: Record<SheetEvent["type"], MHandler["event"]> = { WorksheetAdded: "added", WorksheetDeleted: "deleted", WorksheetNameChanged: "nameChanged" };

/** Shared state of one double: the workbook, the counters, the requirement sets. */
export interface DoubleState {
  workbook: MWorkbook;
  syncCount: number;
  requests: RequestRecord[];
  pendingEvents: { sheet: MSheet; address: string; triggerSource: "ThisLocalAddin" | "Unknown" }[];
  /** Sheets added, deleted or renamed since the last events were sent (Excel sends them once the change is synced). */
  pendingSheetEvents: SheetEvent[];
  calculationSuspendedSyncs: number;
  /** The requirement sets the host claims ({ ExcelApi: "1.18" }): an API above them is not found. */
  requirements: Record<string, string>;
  /** Requests Excel will refuse whole (a user typing in a cell, another workbook active): see ExcelDouble.refuseRequests. */
  refusals: Refusal[];
  /**
   * What `WorksheetProtection.unprotect()` without a password does on a sheet protected with one:
   * the reference does not say. "fails" (the default): InvalidArgument, as a wrong password does;
   * "ignored": nothing, the sheet stays protected and the request goes on.
   */
  unprotectWithoutPassword: "fails" | "ignored";
  /**
   * Where Excel runs, as Office.context.platform says it: on the web ("OfficeOnline") some calls do
   * less, on iPad ("iOS") some are missing (insertWorksheetsFromBase64).
   */
  platform: DoublePlatform;
  /** The user signed in to Excel: the author of the comments and replies an add-in adds (Comment.authorName). */
  userName: string;
  /** Whether merging cells fails with InvalidSelection while a chart is selected (DoubleOptions.mergeWithChartSelected). */
  mergeWithChartSelected: "works" | "refused";
}

/** Office.PlatformType of the Excels the double plays: Windows, Mac, the web, iPad. */
export type DoublePlatform = "PC" | "Mac" | "OfficeOnline" | "iOS";

/**
 * Excel on iPad without insertWorksheetsFromBase64: the reference says it "is only supported for
 * Office on Windows, Mac, and the web" and not what Excel on iPad answers; the double fails the
 * request with ApiNotFound, as for an API this Excel does not have.
 */
export const IPAD_NO_INSERT = {
  code: "ApiNotFound",
  message: "The API you are trying to use could not be found. It may be available in a newer version of Excel. (insertWorksheetsFromBase64 is only supported for Office on Windows, Mac, and the web)",
} as const;

/**
 * Excel on the web refusing to insert sheets that carry what it cannot insert (OfficeDev/office-js
 * #4518; the reference: "In Excel on the web, this API doesn't support inserting charts, comments,
 * PivotTables, or slicers"), with Excel's message. The code is Excel.ErrorCodes.unsupportedFeature.
 */
export const WEB_UNSUPPORTED_INSERT = {
  code: "UnsupportedFeature",
  message: "The operation failed because the source contains one or more unsupported features. Features currently unsupported on this platform are Comment, Slicer, Chart, and PivotTable.",
} as const;

/** Excel's message for InvalidSelection (Excel.ErrorCodes.invalidSelection; "Error handling with the application-specific JavaScript APIs"). */
export const INVALID_SELECTION = "The current selection is invalid for this operation.";

/**
 * Why Excel refuses a request as a whole, before running any of it. The messages are those of the
 * error table in "Error handling with the application-specific JavaScript APIs"
 * (learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 */
export const REFUSALS = {
  InvalidOperationInCellEditMode: "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by clicking another cell, and then try again.",
  InactiveWorkbook: "The operation failed because multiple workbooks are open and the workbook being called by this API has lost focus.",
} as const;
export type RefusalCode = keyof typeof REFUSALS;

/** Requests `from` to `from + count - 1` (counted from 1 at the next request sent) are refused with `code`. */
export interface Refusal {
  code: RefusalCode;
  /** Requests still to be sent before the first refused one. */
  before: number;
  /** How many requests in a row are refused (Infinity: until the test stops it). */
  count: number;
}

export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0, y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * The ExcelApi version each API the add-in uses needs ("[Api set: ExcelApi 1.7]" in
 * @types/office-js). Like Office.js, which checks the requirement set on the client before it
 * queues anything, the double throws ApiNotFound at once when the configured version is older.
 * APIs of ExcelApi 1.1 are not listed.
 */
export const API_SETS: Record<string, string> = {
  "Workbook.comments": "1.10",
  "Workbook.functions": "1.2",
  "Workbook.insertWorksheetsFromBase64": "1.13",
  "Workbook.notes": "1.18",
  "Workbook.protection": "1.7",
  "WorksheetCollection.getItemOrNullObject": "1.4",
  "WorksheetCollection.onAdded": "1.7",
  "WorksheetCollection.onChanged": "1.9",
  "WorksheetCollection.onDeleted": "1.7",
  "WorksheetCollection.onNameChanged": "1.17",
  "Worksheet.getRangeByIndexes": "1.7",
  "Worksheet.getUsedRangeOrNullObject": "1.4",
  "Worksheet.freezePanes": "1.7",
  "Worksheet.horizontalPageBreaks": "1.9",
  "Worksheet.verticalPageBreaks": "1.9",
  "Worksheet.onChanged": "1.7",
  "Worksheet.pageLayout": "1.9",
  "PageLayout.headersFooters": "1.9",
  "Worksheet.protection": "1.2",
  "Worksheet.visibility (set)": "1.2",
  "Range.conditionalFormats": "1.6",
  "Range.hyperlink": "1.7",
  "Range.getUsedRangeOrNullObject": "1.4",
  "Range.getMergedAreasOrNullObject": "1.13",
  "Range.merge": "1.2",
  "Range.unmerge": "1.2",
  "RangeFormat.columnWidth": "1.2",
  "RangeFormat.protection": "1.2",
  "RangeFormat.rowHeight": "1.2",
  "RangeFormat.useStandardHeight": "1.7",
  "RangeFormat.useStandardWidth": "1.7",
  "Application.suspendApiCalculationUntilNextSync": "1.6",
  "Application.calculationMode (set)": "1.8",
  "Table.convertToRange": "1.2",
  "Table.worksheet": "1.2",
  "Table.resize": "1.13",
  "TableCollection.getItemOrNullObject": "1.4",
  "ChartCollection.getItemOrNullObject": "1.4",
  "Chart.chartType (set)": "1.7",
  "ChartAxis.reversePlotOrder": "1.7",
  "ChartAxis.position": "1.8",
  "ChartAxis.tickLabelSpacing": "1.7",
  "ChartSeriesCollection.add": "1.7",
  "ChartSeries.delete": "1.7",
  "ChartSeries.setValues": "1.7",
  "ChartSeries.setXAxisValues": "1.7",
  "NoteCollection.getItemOrNullObject": "1.18",
  "CommentCollection.getItemByCell": "1.10",
  /** Not an API of its own: the event argument is only sent from ExcelApi 1.14 on. */
  "WorksheetChangedEventArgs.triggerSource": "1.14",
};

export function apiSupported(state: DoubleState, api: string): boolean {
  const want = API_SETS[api];
  if (want === undefined) return true;
  const have = state.requirements.ExcelApi;
  return have !== undefined && versionAtLeast(have, want);
}

/** Office.js's own check before queueing an API: ApiNotFound when the host's ExcelApi is older. */
export function requireApi(ctx: RequestContext, api: string): void {
  if (apiSupported(ctx._state, api)) return;
  throw new DoubleError("ApiNotFound", `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${api} needs ExcelApi ${API_SETS[api]}; this Excel has ExcelApi ${ctx._state.requirements.ExcelApi ?? "none"})`);
}

/**
 * Office.js's check of an object handed to a method (a chart's source data, a freeze or print
 * range, a series' values): it must belong to the same request context as the object called,
 * else "InvalidRequestContext: Cannot use the object across different request contexts", thrown
 * when the method is called, before anything is queued. A range taken in one `Excel.run` and
 * passed into another is refused in Excel; the double refuses it too.
 */
export function sameContext(ctx: RequestContext, arg: unknown, where: string): void {
  if (arg instanceof ClientObject && arg.context !== ctx) {
    throw new DoubleError("InvalidRequestContext", "Cannot use the object across different request contexts.", where);
  }
}

type Outcome = { response?: unknown; commit?: () => void } | void;
/** What the command is on the wire: a query (load), an instantiation of an object path, a property set, a method call or a trace. */
type ActionKind = "query" | "instantiate" | "set" | "method" | "trace";
interface Command {
  wire: { o: string; n: string; a?: unknown; k: ActionKind };
  run: () => Outcome | Promise<Outcome>;
}

// ---------------------------------------------------------------------------------------------
// What a request weighs on the wire, serialised as Office.js serialises it

/** One step of an object path: a property (`.format`), a method (`.getRange("A1")`) or an indexer (`[3]`). */
interface PathStep {
  /** The path up to and including this step: the key the request lists it under. */
  key: string;
  type: "global" | "property" | "method" | "indexer";
  name: string;
  /** The raw text between the parentheses or brackets. */
  args?: string;
}

/** Splits a proxy path of the double ("wb.worksheets.getItem(\"A\").getRange(\"B2\").format") into its steps. */
export function pathSteps(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  const ident = () => {
    const start = i;
    while (i < path.length && /[\w$]/.test(path[i]!)) i++;
    return path.slice(start, i);
  };
  /** From an opening bracket to its match, skipping JSON strings. */
  const enclosed = (open: string, close: string): string => {
    const start = ++i;
    let depth = 1;
    while (i < path.length) {
      const c = path[i]!;
      if (c === '"') {
        for (i++; i < path.length && path[i] !== '"'; i++) if (path[i] === "\\") i++;
      } else if (c === open) depth++;
      else if (c === close && --depth === 0) break;
      i++;
    }
    const inner = path.slice(start, i);
    i++;
    return inner;
  };
  const root = ident();
  steps.push({ key: root, type: "global", name: "" });
  while (i < path.length) {
    const c = path[i]!;
    if (c === ".") {
      i++;
      const name = ident();
      if (path[i] === "(") steps.push({ key: "", type: "method", name, args: enclosed("(", ")") });
      else steps.push({ key: "", type: "property", name });
    } else if (c === "[") steps.push({ key: "", type: "indexer", name: "", args: enclosed("[", "]") });
    else break; // not a path of the double's making: the rest is one opaque step
    steps[steps.length - 1]!.key = path.slice(0, i);
  }
  if (i < path.length) steps.push({ key: path, type: "property", name: path.slice(i) });
  return steps;
}

const pascal = (name: string) => (name ? name[0]!.toUpperCase() + name.slice(1) : name);

/**
 * The request JSON Office.js would send for these commands (the RichApi request message): every
 * object path the commands go through is listed once ({Id, ObjectPathType, Name, ParentObjectPathId,
 * ArgumentInfo}) and instantiated once per request (an Instantiate action for it and each of its
 * parents, as ClientRequest.ensureInstantiateObjectPath does), then one action per command: Query
 * (load, with its QueryInfo), SetProperty or Method (with its ArgumentInfo). Ids come from one
 * counter per context, as Office.js's do, so they grow over a session.
 */
export function officeRequest(commands: Command["wire"][], nextId: () => number): { json: string; actionIds: number[] } {
  const objectPaths: Record<number, unknown> = {};
  const ids = new Map<string, number>();
  const instantiated = new Set<number>();
  const actions: unknown[] = [];
  const actionIds: number[] = [];

  const argumentsOf = (raw: string): { Arguments: unknown[]; ReferencedObjectPathIds?: number[] } => {
    if (raw.trim() === "") return { Arguments: [] };
    try {
      return { Arguments: JSON.parse(`[${raw}]`) as unknown[] };
    } catch {
      if (/^(wb|event)\b/.test(raw)) {
        const id = register(raw);
        instantiate(raw);
        return { Arguments: [id], ReferencedObjectPathIds: [id] };
      }
      return { Arguments: [raw] };
    }
  };
  function register(path: string): number {
    let parent: number | undefined;
    for (const step of pathSteps(path)) {
      let id = ids.get(step.key);
      if (id === undefined) {
        id = nextId();
        ids.set(step.key, id);
        const type = { global: 1, method: 3, property: 4, indexer: 5 }[step.type];
        const info: Record<string, unknown> = { Id: id, ObjectPathType: type, Name: pascal(step.name) };
        if (parent !== undefined) info.ParentObjectPathId = parent;
        if (step.args !== undefined) info.ArgumentInfo = argumentsOf(step.args);
        objectPaths[id] = info;
      }
      parent = id;
    }
    return parent!;
  }
  function instantiate(path: string): void {
    for (const step of pathSteps(path)) {
      const id = ids.get(step.key) ?? register(step.key);
      if (instantiated.has(id)) continue;
      instantiated.add(id);
      actions.push({ Id: nextId(), ActionType: 1, Name: "", ObjectPathId: id });
    }
  }

  for (const c of commands) {
    // context.trace(message): an action of its own on no object path; the message stays in
    // Office.js, which maps the trace ids Excel sends back to it (ActionFactory.createTraceAction).
    if (c.k === "trace") {
      const id = nextId();
      actionIds.push(id);
      actions.push({ Id: id, ActionType: 5, Name: "Trace", ObjectPathId: 0 });
      continue;
    }
    // "title.text", "axes.value.title.text": the leading names are navigation properties.
    const names = c.n.startsWith("$") ? [c.n] : c.n.split(".");
    const name = names.pop()!;
    const path = names.length ? `${c.o}.${names.join(".")}` : c.o;
    const target = register(path);
    instantiate(path);
    if (c.k === "instantiate") {
      actionIds.push(actions.length ? (actions[actions.length - 1] as { Id: number }).Id : 0);
      continue;
    }
    const id = nextId();
    actionIds.push(id);
    if (c.k === "query") actions.push({ Id: id, ActionType: 2, Name: "", ObjectPathId: target, QueryInfo: c.a });
    else {
      const args = c.a === undefined ? [] : Array.isArray(c.a) ? c.a : c.k === "method" && c.a !== null && typeof c.a === "object" ? Object.values(c.a as object) : [c.a];
      actions.push({ Id: id, ActionType: c.k === "set" ? 4 : 3, Name: pascal(name), ObjectPathId: target, ArgumentInfo: { Arguments: args } });
    }
  }
  return { json: JSON.stringify({ Actions: actions, ObjectPaths: objectPaths }), actionIds };
}

const notLoaded = (prop: string) =>
  new DoubleError("PropertyNotLoaded", `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
/**
 * ItemNotFound with Microsoft's message, as Excel gives it ("The requested resource doesn't exist.",
 * the error table of "Error handling with the application-specific JavaScript APIs"): Excel does
 * not append the call that failed. Where it failed goes into `debugInfo.errorLocation`, as Excel
 * puts the API that failed there.
 */
const notFound = (what: string) => new DoubleError("ItemNotFound", "The requested resource doesn't exist.", what);
const invalidArg = (msg: string) => new DoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. ${msg}`);

// Protected sheets. What Excel does when a request changes a locked cell of a protected sheet:
// the request fails with AccessDenied, "You cannot perform the requested operation." Sources: the
// error table of "Error handling with the application-specific JavaScript APIs"
// (learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling:
// AccessDenied "You cannot perform the requested operation."), the WorksheetProtection reference
// (setPassword and addAllowEditRange "throw an AccessDenied error" while protection is on), and
// microsoftgraph/microsoft-graph-docs#4546, where writing a range that covers a locked cell of a
// protected sheet through Excel's API answers code "AccessDenied" with that message. Formats of
// locked cells follow the same rule unless the protection allows formatting cells (allowFormatCells),
// column widths unless it allows formatting columns; `format.protection.locked` cannot change at all.
const accessDenied = (sheet: MSheet, what: string) =>
  new DoubleError("AccessDenied", `You cannot perform the requested operation. (${what} on the protected sheet '${sheet.name}')`);

function guardContent(sheet: MSheet, rect: Rect): void {
  if (sheet.protection.protected && sheet.anyLocked(rect)) throw accessDenied(sheet, "changing locked cells");
}
function guardFormat(sheet: MSheet, rect: Rect): void {
  if (sheet.protection.protected && !sheet.protection.options.allowFormatCells && sheet.anyLocked(rect)) throw accessDenied(sheet, "formatting locked cells");
}
function guardColumns(sheet: MSheet): void {
  if (sheet.protection.protected && !sheet.protection.options.allowFormatColumns) throw accessDenied(sheet, "formatting columns");
}
/** A range's address as Excel reports it: whole rows as "3:4", whole columns as "A:B". */
function excelAddress(rect: Rect): string {
  if (rect.col === 0 && rect.cols === 16384) return `${rect.row + 1}:${rect.row + rect.rows}`;
  if (rect.row === 0 && rect.rows === 1048576) return `${columnLetters(rect.col)}:${columnLetters(rect.col + rect.cols - 1)}`;
  return rectAddress(rect);
}
function guardRows(sheet: MSheet): void {
  if (sheet.protection.protected && !sheet.protection.options.allowFormatRows) throw accessDenied(sheet, "formatting rows");
}
function guardObjects(sheet: MSheet): void {
  if (sheet.protection.protected && !sheet.protection.options.allowEditObjects) throw accessDenied(sheet, "editing notes and comments");
}
/**
 * The workbook's structure protection: adding, deleting, renaming, moving, hiding or showing a sheet
 * is refused. Excel documents no error code for it; the double answers AccessDenied, the code of the
 * other protection refusals.
 */
function guardStructure(wb: MWorkbook, what: string): void {
  if (wb.protection.protected) throw new DoubleError("AccessDenied", `You cannot perform the requested operation. (${what} while the workbook's structure is protected)`);
}

export class RequestContext {
  readonly workbook: Workbook;
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };
  _queue: Command[] = [];
  private _lastId = 0;
  /**
   * Excel.run({ delayForCellEdit: true }, …) (ExcelApi 1.11): while the user edits a cell, a
   * request of this context waits until the user leaves the cell instead of failing.
   */
  constructor(readonly _state: DoubleState, readonly _delayForCellEdit = false) {
    this.workbook = new Workbook(this);
  }

  /** The refusal this request meets, if any (each pending refusal counts the request). */
  private _refusal(): RefusalCode | null {
    const state = this._state;
    let hit: RefusalCode | null = null;
    for (const r of state.refusals) {
      if (r.before > 0) {
        r.before--;
        continue;
      }
      if (r.count <= 0 || hit) continue;
      // A request of a context run with delayForCellEdit waits for the user to leave the cell:
      // the editing ends and the request goes through (Excel ignores the option before ExcelApi 1.11).
      if (r.code === "InvalidOperationInCellEditMode" && this._delayForCellEdit && versionAtLeast(state.requirements.ExcelApi ?? "0", "1.11")) {
        r.count = 0;
        continue;
      }
      r.count--;
      hit = r.code;
    }
    state.refusals = state.refusals.filter((r) => r.count > 0);
    return hit;
  }

  /** The trace messages the request being run has reached, in order. */
  private _traced: string[] = [];

  /**
   * "Adds a trace message to the queue. If the promise returned by context.sync() is rejected due
   * to an error, this adds a .traceMessages array to the OfficeExtension.Error object, containing
   * all trace messages that were executed."
   */
  trace(message: string): void {
    this._push("", "Trace", undefined, () => { this._traced.push(message); }, "trace");
  }

  _push(o: string, n: string, a: unknown, run: Command["run"], kind?: ActionKind): void {
    const k = kind ?? (n === "$load" ? "query" : n === "$instantiate" ? "instantiate" : "method");
    this._queue.push({ wire: a === undefined ? { o, n, k } : { o, n, a, k }, run });
  }

  async sync(): Promise<void> {
    const queue = this._queue;
    this._queue = [];
    if (queue.length === 0) return; // Office.js sends no request when nothing is pending
    const state = this._state;
    state.syncCount++;
    // Measured as Office.js serialises it: object paths listed once, instantiated, then the actions.
    const request = officeRequest(queue.map((c) => c.wire), () => ++this._lastId);
    const bytes = utf8Length(request.json);
    const record: RequestRecord = { bytes, responseBytes: 0, commands: queue.length, ok: false, calculationSuspended: false };
    state.requests.push(record);
    // Refused whole, before any of it runs (the request was sent: it counts).
    const refused = this._refusal();
    if (refused) throw new DoubleError(refused, REFUSALS[refused]);
    if (bytes > PAYLOAD_LIMIT) {
      throw new DoubleError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit. See https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins");
    }
    // The response holds one result per action that returns something: {"ActionId": …, "Value": …}.
    const responses: unknown[] = [];
    const commits: (() => void)[] = [];
    // Excel runs the commands in order and stops at the first that fails: those before it are
    // done (nothing is rolled back), those after it are not.
    this._traced = [];
    try {
      for (const [i, c] of queue.entries()) {
        const out = await c.run();
        if (out) {
          if (out.response !== undefined) responses.push({ ActionId: request.actionIds[i], Value: out.response });
          if (out.commit) commits.push(out.commit);
        }
      }
    } catch (e) {
      if (e instanceof DoubleError) e.traceMessages = this._traced;
      throw e;
    } finally {
      // What the request changed is calculated as Excel calculates (automatic, or formulas entered in manual).
      settle(state.workbook);
      this._flushEvents();
      record.calculationSuspended = state.calculationSuspendedSyncs > 0;
      state.calculationSuspendedSyncs = 0;
    }
    const responseBytes = utf8Length(JSON.stringify({ Results: responses }));
    record.responseBytes = responseBytes;
    if (responseBytes > PAYLOAD_LIMIT) {
      throw new DoubleError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit. See https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins");
    }
    for (const commit of commits) commit();
    record.ok = true;
  }

  _flushEvents(): void {
    const state = this._state;
    const events = state.pendingEvents;
    state.pendingEvents = [];
    for (const e of events) {
      for (const h of state.workbook.handlers) {
        // A worksheet's handler hears its sheet; the collection's (sheet null) hears every sheet.
        if (h.event !== "changed" || (h.sheet !== null && h.sheet !== e.sheet)) continue;
        const args: ChangeEvent = { type: "WorksheetChanged", changeType: "RangeEdited", source: "Local", worksheetId: e.sheet.id, address: e.address };
        if (apiSupported(state, "WorksheetChangedEventArgs.triggerSource")) args.triggerSource = e.triggerSource;
        setTimeout(() => void h.handler(args), 0);
      }
    }
    const sheetEvents = state.pendingSheetEvents;
    state.pendingSheetEvents = [];
    for (const e of sheetEvents) {
      for (const h of state.workbook.handlers) if (h.event === SHEET_EVENTS[e.type]) setTimeout(() => void h.handler({ ...e }), 0);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Loading

type LoadArg = string | string[] | { select?: string; expand?: string; top?: number; skip?: number } | Record<string, unknown> | undefined;

/** A collection load's `$top` and `$skip` (or `top` and `skip` beside `select`): which items come back. */
interface Page {
  top?: number;
  skip?: number;
}

function loadPage(arg: LoadArg): Page {
  if (!arg || typeof arg !== "object" || Array.isArray(arg)) return {};
  const o = arg as Record<string, unknown>;
  const top = o.$top ?? o.top, skip = o.$skip ?? o.skip;
  for (const v of [top, skip]) if (v !== undefined && !(typeof v === "number" && Number.isInteger(v) && v >= 0)) throw invalidArg(`$top and $skip must be whole numbers (${String(v)}).`);
  return { ...(top !== undefined ? { top: top as number } : {}), ...(skip !== undefined ? { skip: skip as number } : {}) };
}

/** The QueryInfo of a load as Office.js sends it: the selected properties, the navigation properties expanded, the page. */
function queryInfo(paths: string[] | null, page: Page): Record<string, unknown> {
  const select = (paths ?? []).map((p) => (p.startsWith("items/") ? p.slice(6) : p)).filter((p) => p !== "items");
  const expand = [...new Set(select.filter((p) => p.includes("/")).map((p) => p.slice(0, p.lastIndexOf("/"))))];
  return { Select: paths ? select : null, Expand: expand, Skip: page.skip ?? null, Top: page.top ?? null };
}

function loadPaths(arg: LoadArg): string[] | null {
  if (arg === undefined) return null;
  if (typeof arg === "string") return arg.split(",").map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(arg)) return arg.map((s) => s.trim()).filter(Boolean);
  const o = arg as Record<string, unknown>;
  if (typeof o.select === "string" || typeof o.expand === "string") {
    return [...loadPaths(o.select as string | undefined) ?? [], ...loadPaths(o.expand as string | undefined) ?? []];
  }
  const out: string[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === "$all" || k === "$top" || k === "$skip") continue;
      if (v === true) out.push(prefix + k);
      else if (v && typeof v === "object") walk(v as Record<string, unknown>, prefix + k + "/");
    }
  };
  walk(o, "");
  return out;
}

/** Groups "a/b/c" paths by their first segment. */
function groupPaths(paths: string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const p of paths) {
    const [head, ...rest] = p.split("/");
    if (!head) continue;
    const list = m.get(head) ?? [];
    if (rest.length) list.push(rest.join("/"));
    m.set(head, list);
  }
  return m;
}

/** The proxies resolved while a proxy's own resolver runs (ClientObject._via), innermost last. */
const resolving: Set<ClientObject>[] = [];

export abstract class ClientObject {
  _loaded = new Map<string, unknown>();
  _cache: { value: unknown } | null = null;
  _nullKnown = false;
  _isNull = false;
  protected _children = new Map<string, ClientObject>();
  constructor(readonly context: RequestContext, readonly _path: string, private readonly _resolver: () => unknown, readonly _nullable = false) {}

  /** Scalar properties that `load()` without arguments loads. */
  protected abstract _scalars(): string[];
  /** Reads a scalar from the resolved model object. */
  protected abstract _readScalar(target: unknown, name: string): unknown;
  /** Scalar properties loaded only when named (not by `load()` without arguments, in the double). */
  protected _namedScalars(): string[] {
    return [];
  }
  /** Navigation properties (format, fill…) that load paths can go through. */
  protected _nav(_name: string): ClientObject | undefined {
    return undefined;
  }

  /**
   * The proxies this one was reached through when it was first resolved (a Range's Worksheet, a
   * chart's collection and its Worksheet): each command on it checks them again, so that a
   * command on a range of a sheet deleted since fails as the sheet's own commands do.
   */
  private _via: ClientObject[] = [];

  _resolve(): unknown {
    resolving[resolving.length - 1]?.add(this);
    if (this._cache) {
      for (const p of this._via) p._resolve();
      this._checkPresent(this._cache.value);
      return this._cache.value;
    }
    const via = new Set<ClientObject>();
    resolving.push(via);
    let v: unknown;
    try {
      v = this._resolver();
    } finally {
      resolving.pop();
    }
    via.delete(this);
    this._via = [...via];
    if ((v === null || v === undefined) && !this._nullable) throw notFound(this._path);
    this._checkPresent(v ?? null);
    this._cache = { value: v ?? null };
    return v ?? null;
  }
  /** Fails (ItemNotFound) when the object is no longer in the workbook (a deleted sheet). */
  protected _checkPresent(_v: unknown): void {}
  /** The model object for a command; a command on a null object fails like on a missing item. */
  _target<T>(): T {
    const v = this._resolve();
    if (v === null) throw notFound(this._path);
    return v as T;
  }

  get isNullObject(): boolean {
    if (!this._nullKnown) throw notLoaded("isNullObject");
    return this._isNull;
  }

  _get<T>(name: string): T {
    if (!this._loaded.has(name)) throw notLoaded(name);
    return this._loaded.get(name) as T;
  }

  /** Queues a property set; the local copy is updated at once, as Office.js does. */
  _set(name: string, value: unknown, apply: (target: any) => void): void {
    this._loaded.set(name, value);
    this.context._push(this._path, name, value, () => {
      apply(this._target());
    }, "set");
  }

  _call(name: string, args: unknown, run: (target: any) => Outcome | Promise<Outcome>): void {
    this.context._push(this._path, name, args, () => run(this._target()));
  }

  /** Marks an *OrNullObject proxy so that `isNullObject` is known after the next sync. */
  _instantiate(): void {
    this.context._push(this._path, "$instantiate", undefined, () => {
      const v = this._resolve();
      return { commit: () => { this._nullKnown = true; this._isNull = v === null; } };
    });
  }

  load(arg?: LoadArg): this {
    const paths = loadPaths(arg);
    const page = loadPage(arg);
    this.context._push(this._path, "$load", queryInfo(paths, page), () => this._runLoad(paths, page));
    return this;
  }

  _runLoad(paths: string[] | null, _page: Page = {}): Outcome {
    const target = this._resolve();
    const commits: (() => void)[] = [];
    const response: Record<string, unknown> = {};
    const nullObject = target === null;
    if (this._nullable) commits.push(() => { this._nullKnown = true; this._isNull = nullObject; });
    if (!nullObject) {
      const groups = groupPaths(paths ?? this._scalars());
      for (const [head, rest] of groups) {
        const nav = this._nav(head);
        if (nav) {
          const out = nav._runLoad(rest.length ? rest : null);
          if (out && out.commit) commits.push(out.commit);
          if (out) response[head] = out.response;
          continue;
        }
        if (!this._scalars().includes(head) && !this._namedScalars().includes(head)) throw new DoubleError("PropertyNotFound", `The property '${head}' does not exist on ${this.constructor.name}.`);
        const value = this._readScalar(target, head);
        response[head] = value;
        commits.push(() => this._loaded.set(head, value));
      }
    }
    return { response, commit: () => commits.forEach((c) => c()) };
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

/** A collection: `items` once loaded; `load("name")` loads that property of every item. */
export abstract class ClientCollection<T extends ClientObject> extends ClientObject {
  protected abstract _list(target: unknown): unknown[];
  protected abstract _item(model: unknown, index: number): T;
  protected _scalars(): string[] {
    return [];
  }
  protected _readScalar(): unknown {
    return undefined;
  }
  get items(): T[] {
    return this._get<T[]>("items");
  }
  override _runLoad(paths: string[] | null, page: Page = {}): Outcome {
    const all = this._list(this._target());
    const skip = page.skip ?? 0;
    const list = all.slice(skip, page.top === undefined ? undefined : skip + page.top);
    const sub = (paths ?? ["items"]).flatMap((p) => (p === "items" ? [] : p.startsWith("items/") ? [p.slice(6)] : [p]));
    const items = list.map((m, i) => this._item(m, skip + i));
    const commits: (() => void)[] = [];
    const response: unknown[] = [];
    for (const it of items) {
      const out = it._runLoad(sub.length ? sub : null);
      if (out) {
        response.push(out.response);
        if (out.commit) commits.push(out.commit);
      }
    }
    return { response, commit: () => { commits.forEach((c) => c()); this._loaded.set("items", items); } };
  }
}

export class ClientResult<T> {
  _value: { v: T } | null = null;
  get value(): T {
    if (!this._value) throw new DoubleError("ValueNotLoaded", "The value of the result object has not been loaded yet. Before reading the value property, call \"context.sync()\" on the associated request context.");
    return this._value.v;
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook, application, worksheets

export class Application extends ClientObject {
  protected _scalars() { return ["calculationMode"]; }
  protected _readScalar(t: unknown): unknown { return (t as MWorkbook).calculationMode; }
  /**
   * "Returns the calculation mode used in the workbook … `Automatic`, where Excel controls
   * recalculation; `AutomaticExceptTables`, where Excel controls recalculation but ignores changes
   * in tables; `Manual`, where calculation is done when the user requests it." (ExcelApi 1.1 to
   * read, 1.8 to set.) Excel's setting, which the user may have set (ExcelDouble.calculationMode).
   * Set back to automatic from manual, Excel calculates the workbook at once.
   */
  get calculationMode(): CalculationMode { return this._get("calculationMode"); }
  set calculationMode(v: CalculationMode) {
    requireApi(this.context, "Application.calculationMode (set)");
    this._set("calculationMode", v, (wb: MWorkbook) => {
      if (!CALCULATION_MODES.includes(v)) throw invalidArg(`'${String(v)}' is not a calculation mode.`);
      setCalculationMode(wb, v);
    });
  }
  /**
   * "Suspends calculation until the next context.sync() is called. Once set, it is the developer's
   * responsibility to re-calc the workbook, to ensure that any dependencies are propagated." From
   * the command on, in the same request, a formula written is left uncalculated (`MCell.dirty`) and
   * any cell changed leaves the workbook's formulas uncalculated (`calculationPending`), until
   * `calculate()`: the double takes the reference at its word, a later request does not do it.
   */
  suspendApiCalculationUntilNextSync(): void {
    requireApi(this.context, "Application.suspendApiCalculationUntilNextSync");
    this._call("suspendApiCalculationUntilNextSync", undefined, () => {
      // What the request changed before is calculated as usual.
      settle(this.context._state.workbook);
      this.context._state.calculationSuspendedSyncs++;
    });
  }
  /**
   * Recalculates the workbook (ExcelApi 1.1), in any calculation mode: every formula is
   * calculated, after the formulas it reads ("Recalculate", "Full" and "FullRebuild" alike: the
   * double keeps no calculation chain for them to differ on).
   */
  calculate(calculationType: "Recalculate" | "Full" | "FullRebuild"): void {
    this._call("calculate", calculationType, () => {
      if (!CALCULATION_TYPES.includes(calculationType)) throw invalidArg(`'${String(calculationType)}' is not a calculation type.`);
      calculateAll(this.context._state.workbook);
    });
  }
}

/**
 * Excel's worksheet functions (Workbook.functions, ExcelApi 1.2), of which the double has DATE:
 * "An object for evaluating Excel functions". Each returns a FunctionResult, read once loaded and
 * synced.
 */
export class Functions extends ClientObject {
  protected _scalars() { return []; }
  protected _readScalar() { return undefined; }
  /**
   * DATE(year, month, day): "Returns the number that represents the date in Microsoft Excel
   * date-time code", in the workbook's date system: DATE(2000;1;1) is 36526 in the 1900 system
   * and 35064 in the 1904 one. A year from 0 to 1899 is added to 1900 (DATE(108;1;2) is
   * 2 January 2008); months and days beyond their range carry over (DATE(2008;14;2) is
   * 2 February 2009). A date before the system's first day, or a year from 10000, is #NUM!.
   */
  date(year: number, month: number, day: number): FunctionResult<number> {
    const args = [year, month, day];
    return new FunctionResult<number>(this.context, `${this._path}.date(${args.map((a) => JSON.stringify(a)).join(",")})`, () => {
      const wb = this._target<MWorkbook>();
      if (!args.every((a) => typeof a === "number" && Number.isFinite(a))) return { error: "#VALUE!", value: null };
      let [y, m, d] = args.map((a) => Math.trunc(a)) as [number, number, number];
      if (y >= 0 && y < 1900) y += 1900;
      if (y < 0 || y >= 10000) return { error: "#NUM!", value: null };
      const at = new Date(0);
      at.setUTCFullYear(y, m - 1, d);
      let serial = at.getTime() / 86_400_000 + 25569;
      // Excel's 1900 system counts a 29 February 1900 that was not: its days before March are one less.
      if (!wb.date1904 && serial < 61) serial -= 1;
      if (wb.date1904) serial -= 1462;
      if (serial < 0) return { error: "#NUM!", value: null };
      return { error: null, value: serial };
    });
  }
}

/**
 * "An object containing the result of a function-evaluation operation": `error` ("#NUM!", in the
 * English locale; null when the function succeeded) and `value` (only when there is no error).
 * Loaded like any proxy: reading either before the sync that loads it fails (PropertyNotLoaded).
 */
export class FunctionResult<T> extends ClientObject {
  protected _scalars() { return ["error", "value"]; }
  protected _readScalar(t: unknown, name: string): unknown { return (t as { error: string | null; value: unknown })[name as "error" | "value"]; }
  get error(): string | null { return this._get("error"); }
  get value(): T { return this._get("value"); }
}

const CALCULATION_TYPES: string[] = ["Recalculate", "Full", "FullRebuild"];
const CALCULATION_MODES: string[] = ["Automatic", "AutomaticExceptTables", "Manual"];

/** Every formula of the workbook calculated (application.calculate, F9): nothing is left uncalculated. */
export function calculateAll(wb: MWorkbook): void {
  recalculate(wb, () => true);
  // Only formulas are left uncalculated, and only sheets that may hold formulas have them.
  for (const sheet of wb.sheets) if (sheet.formulas) sheet.cells.forEach((cell) => delete cell.dirty);
  wb.calculationPending = false;
  wb.calculationNeeded = false;
  wb.entered.clear();
}

/** Excel's calculation mode changed (by the add-in or the user): back to automatic from manual, the workbook is calculated at once. */
export function setCalculationMode(wb: MWorkbook, mode: CalculationMode): void {
  const was = wb.calculationMode;
  wb.calculationMode = mode;
  if (was === "Manual" && mode !== "Manual") calculateAll(wb);
}

/**
 * What a content change does to calculation (`cell`: a cell written or cleared; none: cells moved,
 * emptied or deleted, sheets inserted or deleted). With calculation suspended in this request, a
 * formula written stays uncalculated and the workbook's formulas wait for `calculate()`. In
 * manual calculation a formula written is calculated on entry, from what the cells it reads show,
 * and the formulas that read what changed wait for `calculate()`. In automatic calculation
 * (AutomaticExceptTables alike) the workbook's formulas are calculated after the change, those
 * left uncalculated by a suspension excepted (settle).
 */
export function calculation(state: DoubleState, cell: MCell | undefined): void {
  const wb = state.workbook;
  const suspended = state.calculationSuspendedSyncs > 0;
  if (cell) delete cell.incalculable;
  if (cell && !(suspended && cell.f !== undefined)) delete cell.dirty;
  if (suspended) {
    wb.calculationPending = true;
    if (cell?.f !== undefined) cell.dirty = true;
  } else if (wb.calculationMode === "Manual") {
    wb.calculationPending = true;
    if (cell?.f !== undefined) wb.entered.add(cell);
  } else wb.calculationNeeded = true;
}

/**
 * Calculates what changed since the last time, as Excel does after each change: in automatic
 * calculation every formula but those a suspension left uncalculated; in manual calculation the
 * formulas entered, from what the cells they read show. Run before cells are read and at the end
 * of each request.
 */
export function settle(wb: MWorkbook): void {
  if (wb.calculationNeeded) {
    wb.calculationNeeded = false;
    wb.entered.clear();
    recalculate(wb, (c) => !c.dirty);
  }
  if (wb.entered.size > 0) {
    const entered = wb.entered;
    wb.entered = new Set();
    recalculate(wb, (c) => entered.has(c));
  }
}

export interface ImportedSheet {
  name: string;
  cells: { row: number; col: number; value: number | string | boolean; formula?: string; numberFormat?: string; locked?: false; fill?: string }[];
  /** The file's <sheetProtection>, when the sheet is protected. */
  protection?: MProtection;
  /** The file's merged areas ("A6:I6"). */
  merges?: string[];
  /** What the sheet carries that Excel on the web cannot insert, as its error names it: "Comment" (notes and comments), "Chart", "PivotTable", "Slicer". */
  unsupportedOnWeb?: string[];
  /** The file's notes (legacy comments, xl/comments*.xml), 0-based, with their text. */
  notes?: { row: number; col: number; content: string }[];
  /** The file's threaded comments (xl/threadedComments/*.xml): each thread's first comment, 0-based, and its replies' texts. */
  comments?: { row: number; col: number; content: string; replies?: string[] }[];
  /** The file's hyperlinks (<hyperlink>), by cell, 0-based: a place in the workbook (`location`) or a relationship's target. */
  hyperlinks?: { row: number; col: number; link: MHyperlink }[];
}
export type XlsxImporter = (base64: string) => Promise<ImportedSheet[]>;

/**
 * Puts an imported sheet's cells, formats, protection and merged areas into a sheet of the double,
 * and its notes and threaded comments into the workbook's, on that sheet.
 */
export function fillImported(sheet: MSheet, src: ImportedSheet, wb: MWorkbook): void {
  for (const c of src.cells) {
    const cell = sheet.cell(c.row, c.col);
    setRaw(cell, c.value);
    if (c.formula) { cell.f = c.formula; sheet.formulas = true; }
    if (c.numberFormat && c.numberFormat !== "General") cell.nf = c.numberFormat;
    if (c.locked === false) cell.locked = false;
    if (c.fill) cell.fill = c.fill;
  }
  if (src.protection) sheet.protection = { ...src.protection, options: { ...src.protection.options } };
  for (const m of src.merges ?? []) {
    const rect = parseRect(m);
    if (rect && rect.rows * rect.cols > 1 && !sheet.merges.some((x) => overlaps(x, rect))) sheet.merges.push(rect);
  }
  for (const h of src.hyperlinks ?? []) sheet.cell(h.row, h.col).link = { ...h.link };
  for (const n of src.notes ?? []) addPlaced(wb.notes, { sheet, row: n.row, col: n.col, content: n.content });
  for (const c of src.comments ?? []) {
    addPlaced(wb.comments, { id: `c${newId()}`, sheet, row: c.row, col: c.col, content: c.content, ...(c.replies?.length ? { replies: c.replies.map((content) => ({ id: `r${newId()}`, content })) } : {}) });
  }
}
export const importers: { xlsx: XlsxImporter | null } = { xlsx: null };

export class Workbook extends ClientObject {
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  readonly application: Application;
  private readonly _functions: Functions;
  private readonly _notes: NoteCollection;
  private readonly _comments: CommentCollection;
  private readonly _protection: WorkbookProtection;
  constructor(ctx: RequestContext) {
    super(ctx, "wb", () => ctx._state.workbook);
    this.worksheets = new WorksheetCollection(ctx, "wb.worksheets", () => ctx._state.workbook);
    this.tables = new TableCollection(ctx, "wb.tables", () => ({ wb: ctx._state.workbook, sheet: null }));
    this.application = new Application(ctx, "wb.application", () => ctx._state.workbook);
    this._functions = new Functions(ctx, "wb.functions", () => ctx._state.workbook);
    this._notes = new NoteCollection(ctx, "wb.notes", () => ctx._state.workbook);
    this._comments = new CommentCollection(ctx, "wb.comments", () => ctx._state.workbook);
    this._protection = new WorkbookProtection(ctx, "wb.protection", () => ctx._state.workbook);
  }
  protected _scalars() { return []; }
  protected _readScalar() { return undefined; }
  protected override _nav(name: string): ClientObject | undefined {
    return name === "protection" ? this.protection : undefined;
  }
  /** Excel's worksheet functions, evaluated in the workbook (ExcelApi 1.2). */
  get functions(): Functions {
    requireApi(this.context, "Workbook.functions");
    return this._functions;
  }
  /** Notes (ExcelApi 1.18). */
  get notes(): NoteCollection {
    requireApi(this.context, "Workbook.notes");
    return this._notes;
  }
  /** Threaded comments (ExcelApi 1.10). */
  get comments(): CommentCollection {
    requireApi(this.context, "Workbook.comments");
    return this._comments;
  }
  /** The workbook's structure protection (ExcelApi 1.7). */
  get protection(): WorkbookProtection {
    requireApi(this.context, "Workbook.protection");
    return this._protection;
  }

  /**
   * Inserts sheets of an .xlsx (ExcelApi 1.13) and, as the reference says, returns "an array of IDs
   * corresponding to each newly inserted worksheet" (not their names: Excel may rename them).
   */
  insertWorksheetsFromBase64(base64: string, options?: { sheetNamesToInsert?: string[]; positionType?: string; relativeTo?: string }): ClientResult<string[]> {
    requireApi(this.context, "Workbook.insertWorksheetsFromBase64");
    const result = new ClientResult<string[]>();
    this._call("insertWorksheetsFromBase64", { base64, options }, async (wb: MWorkbook) => {
      if (this.context._state.platform === "iOS") throw new DoubleError(IPAD_NO_INSERT.code, IPAD_NO_INSERT.message, "Workbook.insertWorksheetsFromBase64");
      guardStructure(wb, "inserting sheets");
      if (!importers.xlsx) throw new DoubleError("GeneralException", "No xlsx importer installed in the double.");
      let sheets: Awaited<ReturnType<XlsxImporter>>;
      try {
        sheets = await importers.xlsx(base64);
      } catch {
        throw invalidArg("The file is not a valid workbook.");
      }
      // "By default, all the worksheets from the source workbook are inserted" (InsertWorksheetOptions),
      // and an empty list does the same: the reference's sample passes
      // `sheetNamesToInsert: [], // Insert all the worksheets from the source workbook.`
      const wanted = options?.sheetNamesToInsert;
      const chosen = wanted && wanted.length > 0 ? wanted.map((n) => {
        const s = sheets.find((x) => x.name === n);
        if (!s) throw invalidArg(`No sheet named '${n}' in the file.`);
        return s;
      }) : sheets;
      // Excel on the web inserts none of the sheets when one of them carries notes or comments, a
      // chart, a PivotTable or a slicer; Excel on Windows and Mac insert them all.
      if (this.context._state.platform === "OfficeOnline" && chosen.some((s) => (s.unsupportedOnWeb ?? []).length > 0)) {
        throw new DoubleError(WEB_UNSUPPORTED_INSERT.code, WEB_UNSUPPORTED_INSERT.message, "Workbook.insertWorksheetsFromBase64");
      }
      const inserted: string[] = [];
      let at = wb.sheets.length;
      const pos = options?.positionType ?? "None";
      if (pos === "Beginning") at = 0;
      if ((pos === "After" || pos === "Before") && options?.relativeTo) {
        const rel = wb.sheets.findIndex((s) => s.name.toLowerCase() === String(options.relativeTo).toLowerCase());
        if (rel < 0) throw notFound(String(options.relativeTo));
        at = pos === "After" ? rel + 1 : rel;
      }
      for (const src of chosen) {
        // Excel keeps the name and, on a collision, adds " (2)", " (3)"…
        let name = src.name;
        for (let i = 2; wb.sheet(name); i++) name = `${src.name.slice(0, 31 - ` (${i})`.length)} (${i})`;
        const sheet = new MSheet(name);
        // Inserted sheets keep their cells, formats, merged areas, protection (a protected sheet
        // stays protected), notes and comments: "Comments … has been supported on Excel Desktop"
        // (OfficeDev/office-js#1565); only Excel on the web refuses them (above).
        fillImported(sheet, src, wb);
        wb.sheets.splice(at++, 0, sheet);
        // Its formulas come with the values the file kept; Excel calculates them as it calculates.
        calculation(this.context._state, undefined);
        inserted.push(sheet.id);
        this.context._state.pendingSheetEvents.push({ type: "WorksheetAdded", source: "Local", worksheetId: sheet.id });
      }
      return { response: inserted, commit: () => { result._value = { v: inserted }; } };
    });
    return result;
  }
}

/**
 * Workbook.protection (ExcelApi 1.7): `protected`, `protect(password?)` (fails when already
 * protected), `unprotect(password?)` (a wrong password fails with InvalidArgument, as for sheets).
 */
export class WorkbookProtection extends ClientObject {
  protected _scalars() { return ["protected"]; }
  protected _readScalar(t: unknown): unknown { return (t as MWorkbook).protection.protected; }
  get protected(): boolean { return this._get("protected"); }
  protect(password?: string): void {
    this._call("protect", password === undefined ? [] : [password], (wb: MWorkbook) => {
      if (wb.protection.protected) throw new DoubleError("InvalidOperation", "The operation attempted is invalid on the object. The workbook is already protected.");
      wb.protection = { protected: true, password: password ? password : null };
    });
  }
  unprotect(password?: string): void {
    this._call("unprotect", password === undefined ? [] : [password], (wb: MWorkbook) => {
      const p = wb.protection;
      if (!p.protected) return;
      if (p.password !== null && p.password !== password) throw new DoubleError("InvalidArgument", "The argument is invalid or missing or has an incorrect format. The password to unprotect the workbook is not correct.");
      wb.protection = { protected: false, password: null };
    });
  }
}

/** Excel's rules for a sheet name; "History" (in any case) is reserved by Excel. */
function validSheetName(name: string): boolean {
  return name.toLowerCase() !== "history" && name.length > 0 && name.length <= 31 && !/[\\/?*[\]:]/.test(name) && !name.startsWith("'") && !name.endsWith("'");
}

export class WorksheetCollection extends ClientCollection<Worksheet> {
  protected _list(wb: unknown): unknown[] {
    return (wb as MWorkbook).sheets;
  }
  protected _item(model: unknown, i: number): Worksheet {
    return new Worksheet(this.context, `${this._path}[${i}]`, () => model);
  }
  getItem(name: string): Worksheet {
    const ws = new Worksheet(this.context, `${this._path}.getItem(${JSON.stringify(name)})`, () => this.context._state.workbook.sheet(name));
    // The item is looked up when the request runs; a missing one fails that sync.
    this.context._push(ws._path, "$instantiate", undefined, () => { ws._resolve(); });
    return ws;
  }
  getItemOrNullObject(name: string): Worksheet {
    requireApi(this.context, "WorksheetCollection.getItemOrNullObject");
    const ws = new Worksheet(this.context, `${this._path}.getItemOrNullObject(${JSON.stringify(name)})`, () => this.context._state.workbook.sheet(name), true);
    ws._instantiate();
    return ws;
  }
  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, `${this._path}.getActiveWorksheet()`, () => this.context._state.workbook.activeSheet ?? this.context._state.workbook.sheets[0]);
  }
  add(name?: string): Worksheet {
    let created: MSheet | null = null;
    const ws = new Worksheet(this.context, `${this._path}.add(${JSON.stringify(name ?? null)})`, () => created);
    this._call("add", name ?? null, (wb: MWorkbook) => {
      guardStructure(wb, "adding a sheet");
      let n = name;
      if (n === undefined) {
        let i = wb.sheets.length + 1;
        while (wb.sheet(`Sheet${i}`)) i++;
        n = `Sheet${i}`;
      }
      if (!validSheetName(n)) throw invalidArg(`'${n}' is not a valid sheet name.`);
      if (wb.sheet(n)) throw new DoubleError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${n}.`);
      created = new MSheet(n);
      wb.sheets.push(created);
      this.context._state.pendingSheetEvents.push({ type: "WorksheetAdded", source: "Local", worksheetId: created.id });
    });
    return ws;
  }
  /** Changes on any worksheet of the workbook (ExcelApi 1.9). */
  get onChanged() {
    return changedEvent(this.context, this._path, "WorksheetCollection.onChanged", () => null);
  }
  /** A sheet added to the workbook (ExcelApi 1.7): by anyone, the add-in included; once the request that added it is synced. */
  get onAdded() {
    return sheetEvent<SheetEvent & { type: "WorksheetAdded" }>(this.context, this._path, "WorksheetCollection.onAdded", "added", () => null);
  }
  /** A sheet deleted from the workbook (ExcelApi 1.7). */
  get onDeleted() {
    return sheetEvent<SheetEvent & { type: "WorksheetDeleted" }>(this.context, this._path, "WorksheetCollection.onDeleted", "deleted", () => null);
  }
  /** A sheet renamed (ExcelApi 1.17): its id, the name before and the name after. */
  get onNameChanged() {
    return sheetEvent<SheetEvent & { type: "WorksheetNameChanged" }>(this.context, this._path, "WorksheetCollection.onNameChanged", "nameChanged", () => null);
  }
}

/** `onChanged` of a worksheet (ExcelApi 1.7) or of the whole collection (ExcelApi 1.9, `sheet` null). */
function changedEvent(ctx: RequestContext, path: string, api: string, sheetOf: () => MSheet | null) {
  return sheetEvent<ChangeEvent>(ctx, path, api, "changed", sheetOf);
}

/**
 * An event's `add(handler)`: the handler is registered when the request is synced (Office.js queues
 * it), and the EventHandlerResult's `remove()` takes it away on the next sync.
 */
function sheetEvent<A>(ctx: RequestContext, path: string, api: string, event: MHandler["event"], sheetOf: () => MSheet | null) {
  requireApi(ctx, api);
  const name = { changed: "onChanged", added: "onAdded", deleted: "onDeleted", nameChanged: "onNameChanged" }[event];
  return {
    add: (handler: (args: A) => unknown): EventHandlerResult => {
      const id = newId();
      ctx._push(path, `${name}.add`, id, () => {
        const sheet = sheetOf();
        ctx._state.workbook.handlers.push({ id, sheet, event, handler: handler as (a: unknown) => unknown });
      });
      return new EventHandlerResult(ctx, id);
    },
  };
}

/**
 * Deletes a sheet, as Worksheet.delete or the user does: its tables (formulas that named them read
 * #REF!), notes, comments and change handlers go with it, and `worksheets.onDeleted` is told.
 */
export function deleteSheet(state: DoubleState, s: MSheet): void {
  const wb = state.workbook;
  guardStructure(wb, "deleting a sheet");
  // The reference (Worksheet.delete): "Note that if the worksheet's visibility is set to
  // "VeryHidden", the delete operation will fail with an InvalidOperation exception. You should
  // first change its visibility to hidden or visible before deleting it." (office-js#365)
  if (s.visibility === "VeryHidden") throw new DoubleError("InvalidOperation", `The operation attempted is invalid on the object. The worksheet '${s.name}' is very hidden: make it hidden or visible before deleting it.`);
  if (wb.sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0) {
    throw new DoubleError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
  }
  wb.sheets = wb.sheets.filter((x) => x !== s);
  // Its tables go with it: formulas elsewhere that named them read #REF!, as in Excel.
  for (const t of wb.tables.filter((x) => x.sheet === s)) {
    for (const sheet of wb.sheets) for (const cell of sheet.cells.values()) if (cell.f !== undefined) cell.f = withoutStructuredRefs(cell.f, t.name);
  }
  // Its name goes out of every formula that read it: `=Sheet2!A1` is `=#REF!A1` from now on, for
  // good (a sheet added later under the same name is not read), as Excel rewrites them (withSheetDeleted).
  for (const sheet of wb.sheets) {
    for (const cell of sheet.cells.values()) if (cell.f !== undefined) cell.f = withSheetDeleted(cell.f, s.name);
    for (const cf of sheet.conditionalFormats) if (cf.custom?.formula !== undefined) cf.custom.formula = withSheetDeleted(cf.custom.formula, s.name);
  }
  wb.tables = wb.tables.filter((t) => t.sheet !== s);
  wb.notes = wb.notes.filter((n) => n.sheet !== s);
  wb.comments = wb.comments.filter((n) => n.sheet !== s);
  wb.handlers = wb.handlers.filter((h) => h.sheet !== s);
  if (wb.activeSheet === s) wb.activeSheet = wb.sheets.find((x) => x.visibility === "Visible") ?? null;
  // Formulas that read the sheet read #REF! now.
  calculation(state, undefined);
  state.pendingSheetEvents.push({ type: "WorksheetDeleted", source: "Local", worksheetId: s.id });
}

/**
 * Renames a sheet, as setting Worksheet.name or the user does: as in Excel, every formula of the
 * workbook that names the sheet names it anew, and `worksheets.onNameChanged` is told.
 */
export function renameSheet(state: DoubleState, s: MSheet, v: string): void {
  const wb = state.workbook;
  if (s.name !== v) guardStructure(wb, "renaming a sheet");
  if (!validSheetName(v)) throw invalidArg(`'${v}' is not a valid sheet name.`);
  const other = wb.sheet(v);
  if (other && other !== s) throw new DoubleError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${v}.`);
  const from = s.name;
  if (from === v) return;
  for (const sheet of wb.sheets) {
    for (const cell of sheet.cells.values()) if (cell.f !== undefined) cell.f = withSheetRenamed(cell.f, from, v);
    // The formulas of conditional formats too.
    for (const cf of sheet.conditionalFormats) if (cf.custom?.formula !== undefined) cf.custom.formula = withSheetRenamed(cf.custom.formula, from, v);
  }
  s.name = v;
  state.pendingSheetEvents.push({ type: "WorksheetNameChanged", source: "Local", worksheetId: s.id, nameBefore: from, nameAfter: v });
}

export class EventHandlerResult {
  constructor(readonly context: RequestContext, private readonly id: number) {}
  remove(): void {
    const ctx = this.context;
    ctx._push("event", "remove", this.id, () => {
      const wb = ctx._state.workbook;
      wb.handlers = wb.handlers.filter((h) => h.id !== this.id);
    });
  }
}

/**
 * A formula with its references to sheet `from` (`'Kết quả'!D5`, `Results!A1:B2`; the name
 * compared without case) naming sheet `to`, quoted when it is not plain letters, digits, `_` and
 * `.`: what Excel does to every formula of the workbook when a sheet is renamed. Text in string
 * literals is left alone.
 */
export function withSheetRenamed(formula: string, from: string, to: string): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(to) && !/^[A-Za-z]{1,3}\d+$/.test(to) ? to : `'${to.replace(/'/g, "''")}'`;
  return formula.replace(/("(?:[^"]|"")*"?)|'((?:[^']|'')+)'!|([^\s'"!(),;:=+\-*/^&<>{}[\]]+)!/g, (whole, text?: string, quoted?: string, plain?: string, at?: number) => {
    if (text !== undefined) return whole;
    if (plain !== undefined && at! > 0 && formula[at! - 1] === "]") return whole; // another workbook's sheet
    const sheet = quoted !== undefined ? quoted.replace(/''/g, "'") : plain!;
    return sheet.toLowerCase() === from.toLowerCase() ? `${name}!` : whole;
  });
}

/**
 * A formula with its references to sheet `deleted` (`'Kết quả'!D5`, `Results!A1:B2`, `Data!A:A`;
 * the name compared without case) made `#REF!`, what follows the "!" kept: `=Sheet2!A1` becomes
 * `=#REF!A1` and `=SUM('Kết quả'!$C$5:$C$9)` becomes `=SUM(#REF!$C$5:$C$9)`, which show #REF!.
 * This is Excel's observed behaviour when a sheet is deleted (the reference does not document
 * it; libraries that reproduce Excel's files, such as Aspose.Cells, record the same `=#REF!A1`):
 * every formula of the workbook that read the sheet is rewritten so, and keeps #REF! even once a
 * sheet of that name is added again. Text in string literals is left alone, as are other
 * workbooks' sheets (`[1]Data!A1`) and the sheet that ends a 3-D reference (`Jan:Data!A1`, which
 * Excel narrows rather than breaks; the double calculates no 3-D reference).
 */
export function withSheetDeleted(formula: string, deleted: string): string {
  return formula.replace(/("(?:[^"]|"")*"?)|'((?:[^']|'')+)'!|([^\s'"!(),;:=+\-*/^&<>{}[\]]+)!/g, (whole, text?: string, quoted?: string, plain?: string, at?: number) => {
    if (text !== undefined) return whole;
    if (plain !== undefined && at! > 0 && formula[at! - 1] === "]") return whole; // another workbook's sheet
    if (endsThreeD(formula, at!)) return whole;
    const sheet = quoted !== undefined ? quoted.replace(/''/g, "'") : plain!;
    return sheet.toLowerCase() === deleted.toLowerCase() ? "#REF!" : whole;
  });
}

/**
 * Whether the sheet named at `at` in `formula` ends a 3-D reference (`Jan:Mar!A1`): a ":" right
 * before it, after a name that is no cell or row (`A1:Data!B2`, `1:Data!2` are ranges). A name of
 * letters only is taken for a sheet (`Jan:Mar!A1`), not a column (`A:Data!B`, rarely written).
 */
function endsThreeD(formula: string, at: number): boolean {
  if (formula[at - 1] !== ":") return false;
  const before = formula.slice(0, at - 1);
  const word = /[^\s'"!(),;:=+\-*/^&<>{}[\]]+$/.exec(before)?.[0];
  // A cell or row before the ":" (`A1`, `$B$2`, `3`; `Data!A1`): a range, its end qualified.
  return word !== undefined && !/^\$?(?:[A-Za-z]{1,3}\$?\d{1,7}|\d{1,7})$/.test(word);
}

export class Worksheet extends ClientObject {
  /**
   * A Worksheet proxy stands for its sheet, however it was reached (getItem, the collection's
   * items, getActiveWorksheet, a Range's or a Table's worksheet): renamed, it is still that sheet;
   * deleted (by the add-in, or by the user between two requests), every command on it or on what
   * was reached through it (its ranges, tables, charts, protection…) fails at the next sync with
   * ItemNotFound, and Excel stops the request there (the commands before it are done). Microsoft's
   * error table has no code of its own for an object deleted meanwhile; ItemNotFound is its code
   * for "The requested resource doesn't exist."
   */
  protected override _checkPresent(v: unknown): void {
    if (v instanceof MSheet && !this.context._state.workbook.sheets.includes(v)) throw notFound(this._path);
  }
  protected _scalars() { return ["name", "id", "visibility", "position"]; }
  protected _readScalar(t: unknown, name: string): unknown {
    const s = t as MSheet;
    if (name === "position") return this.context._state.workbook.sheets.indexOf(s);
    return (s as unknown as Record<string, unknown>)[name];
  }
  protected override _nav(name: string): ClientObject | undefined {
    if (name === "tables") return this.tables;
    if (name === "charts") return this.charts;
    if (name === "protection") return this.protection;
    if (name === "pageLayout") return this.pageLayout;
    return undefined;
  }
  /** Manual page breaks above rows (ExcelApi 1.9); clearing cells keeps them, as in Excel. */
  get horizontalPageBreaks(): PageBreakCollection {
    requireApi(this.context, "Worksheet.horizontalPageBreaks");
    return this._child("horizontalPageBreaks", () => new PageBreakCollection(this.context, `${this._path}.horizontalPageBreaks`, () => this._target<MSheet>(), "row"));
  }
  /** Manual page breaks left of columns (ExcelApi 1.9); clearing cells keeps them, as in Excel. */
  get verticalPageBreaks(): PageBreakCollection {
    requireApi(this.context, "Worksheet.verticalPageBreaks");
    return this._child("verticalPageBreaks", () => new PageBreakCollection(this.context, `${this._path}.verticalPageBreaks`, () => this._target<MSheet>(), "column"));
  }
  get pageLayout(): PageLayout {
    requireApi(this.context, "Worksheet.pageLayout");
    return this._child("pageLayout", () => new PageLayout(this.context, `${this._path}.pageLayout`, () => this._target<MSheet>()));
  }
  get protection(): WorksheetProtection {
    requireApi(this.context, "Worksheet.protection");
    return this._child("protection", () => new WorksheetProtection(this.context, `${this._path}.protection`, () => this._target<MSheet>()));
  }
  get name(): string { return this._get("name"); }
  set name(v: string) {
    this._set("name", v, (s: MSheet) => renameSheet(this.context._state, s, v));
  }
  get id(): string { return this._get("id"); }
  get visibility(): string { return this._get("visibility"); }
  set visibility(v: string) {
    requireApi(this.context, "Worksheet.visibility (set)");
    this._set("visibility", v, (s: MSheet) => {
      if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden") throw invalidArg(`visibility '${v}'`);
      const wb = this.context._state.workbook;
      if (s.visibility !== v) guardStructure(wb, "hiding or showing a sheet");
      if (v !== "Visible" && wb.sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0) {
        throw new DoubleError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      s.visibility = v;
      if (v !== "Visible" && wb.activeSheet === s) wb.activeSheet = wb.sheets.find((x) => x.visibility === "Visible") ?? null;
    });
  }
  get position(): number { return this._get("position"); }
  set position(v: number) {
    this._set("position", v, (s: MSheet) => {
      const sheets = this.context._state.workbook.sheets;
      if (!Number.isInteger(v) || v < 0 || v >= sheets.length) throw invalidArg(`position ${v}`);
      if (sheets.indexOf(s) !== v) guardStructure(this.context._state.workbook, "moving a sheet");
      sheets.splice(sheets.indexOf(s), 1);
      sheets.splice(v, 0, s);
    });
  }
  get tables(): TableCollection {
    return this._child("tables", () => new TableCollection(this.context, `${this._path}.tables`, () => ({ wb: this.context._state.workbook, sheet: this._target<MSheet>() })));
  }
  get charts(): ChartCollection {
    return this._child("charts", () => new ChartCollection(this.context, `${this._path}.charts`, () => this._target<MSheet>()));
  }
  get freezePanes(): WorksheetFreezePanes {
    requireApi(this.context, "Worksheet.freezePanes");
    return this._child("freezePanes", () => new WorksheetFreezePanes(this.context, `${this._path}.freezePanes`, () => this._target<MSheet>()));
  }
  get onChanged() {
    return changedEvent(this.context, this._path, "Worksheet.onChanged", () => this._target<MSheet>());
  }
  _child<T extends ClientObject>(key: string, make: () => T): T {
    let c = this._children.get(key);
    if (!c) {
      c = make();
      this._children.set(key, c);
    }
    return c as T;
  }
  delete(): void {
    this._call("delete", undefined, (s: MSheet) => deleteSheet(this.context._state, s));
  }
  activate(): void {
    this._call("activate", undefined, (s: MSheet) => {
      if (s.visibility !== "Visible") throw new DoubleError("InvalidOperation", `The worksheet '${s.name}' is hidden and cannot be activated.`);
      this.context._state.workbook.activeSheet = s;
    });
  }
  getRange(address?: string): Range {
    return new Range(this.context, `${this._path}.getRange(${JSON.stringify(address ?? "")})`, () => {
      const sheet = this._target<MSheet>();
      if (address === undefined || address === "") return { sheet, rect: { row: 0, col: 0, rows: 1048576, cols: 16384 } };
      const { sheet: prefix, local } = splitSheet(address);
      if (prefix !== undefined && prefix.toLowerCase() !== sheet.name.toLowerCase()) throw invalidArg(`'${address}' is not on sheet '${sheet.name}'.`);
      const rect = parseRect(local);
      if (!rect) throw invalidArg(`'${address}' is not a valid address.`);
      return { sheet, rect };
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    requireApi(this.context, "Worksheet.getRangeByIndexes");
    return new Range(this.context, `${this._path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      const sheet = this._target<MSheet>();
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > 1048576 || startColumn + columnCount > 16384) {
        throw invalidArg("The indexes are outside the worksheet.");
      }
      return { sheet, rect: { row: startRow, col: startColumn, rows: rowCount, cols: columnCount } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    requireApi(this.context, "Worksheet.getUsedRangeOrNullObject");
    const r = new Range(this.context, `${this._path}.getUsedRangeOrNullObject(${valuesOnly === true})`, () => {
      const sheet = this._target<MSheet>();
      const rect = sheet.usedRect(valuesOnly === true);
      return rect ? { sheet, rect } : null;
    }, true);
    r._instantiate();
    return r;
  }
}

const OPTION_KEYS = Object.keys(defaultProtectionOptions()) as (keyof MProtectionOptions)[];

/**
 * Worksheet.protection (ExcelApi 1.2): `protected`, `options`, `protect(options?, password?)`,
 * `unprotect(password?)`. protect() "fails if the worksheet has already been protected" (the
 * reference; the code is not documented, the double uses InvalidOperation); unprotect() of a sheet
 * that is not protected changes nothing; a wrong or missing password fails with InvalidArgument, the
 * code the reference gives for pauseProtection with an incorrect password. Without a password on a
 * sheet protected with one, the reference says nothing: the double fails the same way, or, with
 * `unprotectWithoutPassword: "ignored"`, does nothing (the sheet stays protected).
 */
export class WorksheetProtection extends ClientObject {
  protected _scalars() { return ["protected", "options"]; }
  protected _readScalar(t: unknown, name: string): unknown {
    const p = (t as MSheet).protection;
    return name === "protected" ? p.protected : { ...p.options };
  }
  get protected(): boolean { return this._get("protected"); }
  get options(): MProtectionOptions { return this._get("options"); }
  protect(options?: Partial<MProtectionOptions>, password?: string): void {
    this._call("protect", password === undefined ? [options ?? null] : [options ?? null, password], (s: MSheet) => {
      if (s.protection.protected) throw new DoubleError("InvalidOperation", `The operation attempted is invalid on the object. The worksheet '${s.name}' is already protected.`);
      const merged = defaultProtectionOptions();
      for (const k of OPTION_KEYS) {
        const v = options?.[k];
        if (v === undefined) continue;
        if (k === "selectionMode" ? !["Normal", "Unlocked", "None"].includes(v as string) : typeof v !== "boolean") throw invalidArg(`protection option ${k}`);
        (merged as unknown as Record<string, unknown>)[k] = v;
      }
      s.protection = { protected: true, options: merged, password: password ? password : null };
    });
  }
  unprotect(password?: string): void {
    this._call("unprotect", password === undefined ? [] : [password], (s: MSheet) => {
      const p = s.protection;
      if (!p.protected) return;
      if (p.password !== null && (typeof p.password !== "string" || p.password !== password)) {
        if (password === undefined && this.context._state.unprotectWithoutPassword === "ignored") return;
        throw new DoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. The password to unprotect '${s.name}' is not correct.`);
      }
      s.protection = { ...p, protected: false, password: null };
    });
  }
}

const PAPER_TYPES = ["Letter", "LetterSmall", "Tabloid", "Ledger", "Legal", "Statement", "Executive", "A3", "A4", "A4Small", "A5", "B4", "B5", "Folio", "Quatro", "Paper10x14", "Paper11x17", "Note", "Envelope9", "Envelope10", "Envelope11", "Envelope12", "Envelope14", "Csheet", "Dsheet", "Esheet", "EnvelopeDL", "EnvelopeC5", "EnvelopeC3", "EnvelopeC4", "EnvelopeC6", "EnvelopeC65", "EnvelopeB4", "EnvelopeB5", "EnvelopeB6", "EnvelopeItaly", "EnvelopeMonarch", "EnvelopePersonal", "FanfoldUS", "FanfoldStdGerman", "FanfoldLegalGerman"];

const MARGINS = ["left", "right", "top", "bottom", "header", "footer"] as const;

/**
 * Worksheet.pageLayout (ExcelApi 1.9). Setting `zoom` replaces the whole zoom: a scale (10–400) or
 * pages to fit, not both; a fit of 0 pages leaves that direction free, as fitToHeight="0" does in
 * the file format. Page setup is not blocked by sheet protection (Excel allows it on a protected sheet).
 */
export class PageLayout extends ClientObject {
  protected _scalars() { return ["orientation", "paperSize", "zoom", "firstPageNumber", ...MARGINS.map((m) => `${m}Margin`)]; }
  protected _readScalar(t: unknown, name: string): unknown {
    const l = (t as MSheet).pageLayout;
    const margin = MARGINS.find((m) => name === `${m}Margin`);
    if (margin) return l.margins[margin];
    if (name === "firstPageNumber") return l.firstPageNumber;
    if (name === "zoom") return "scale" in l.zoom ? { scale: l.zoom.scale, horizontalFitToPages: null, verticalFitToPages: null } : { scale: null, ...l.zoom };
    return name === "orientation" ? l.orientation : l.paperSize;
  }
  get orientation(): string { return this._get("orientation"); }
  set orientation(v: string) {
    this._set("orientation", v, (s: MSheet) => {
      if (v !== "Portrait" && v !== "Landscape") throw invalidArg(`orientation '${v}'`);
      s.pageLayout.orientation = v;
    });
  }
  get paperSize(): string { return this._get("paperSize"); }
  set paperSize(v: string) {
    this._set("paperSize", v, (s: MSheet) => {
      if (!PAPER_TYPES.includes(v)) throw invalidArg(`paperSize '${v}'`);
      s.pageLayout.paperSize = v;
    });
  }
  get zoom(): { scale?: number | null; horizontalFitToPages?: number | null; verticalFitToPages?: number | null } { return this._get("zoom"); }
  set zoom(v: { scale?: number | null; horizontalFitToPages?: number | null; verticalFitToPages?: number | null }) {
    this._set("zoom", v, (s: MSheet) => {
      const fit = (n: number | null | undefined) => n === undefined || n === null || (Number.isInteger(n) && n >= 0 && n <= 32767);
      const hasScale = v.scale !== undefined && v.scale !== null;
      const hasFit = (v.horizontalFitToPages ?? null) !== null || (v.verticalFitToPages ?? null) !== null;
      if (hasScale && hasFit) throw invalidArg("zoom: a scale and pages to fit cannot both be set.");
      if (hasScale) {
        if (!(v.scale! >= 10 && v.scale! <= 400)) throw invalidArg(`zoom scale ${v.scale}`);
        s.pageLayout.zoom = { scale: v.scale! };
      } else if (hasFit) {
        if (!fit(v.horizontalFitToPages) || !fit(v.verticalFitToPages)) throw invalidArg("zoom: pages to fit must be whole numbers.");
        s.pageLayout.zoom = { horizontalFitToPages: v.horizontalFitToPages ?? 1, verticalFitToPages: v.verticalFitToPages ?? 1 };
      } else throw invalidArg("zoom: give a scale or pages to fit.");
    });
  }
  /** The number of the sheet's first printed page, or "" for Excel's default (the pages printed before it counted). */
  get firstPageNumber(): number | "" { return this._get("firstPageNumber"); }
  set firstPageNumber(v: number | "") {
    this._set("firstPageNumber", v, (s: MSheet) => {
      if (v !== "" && !(Number.isInteger(v) && v >= 0 && v <= 32767)) throw invalidArg(`firstPageNumber ${String(v)}`);
      s.pageLayout.firstPageNumber = v;
    });
  }
  private _margin(which: (typeof MARGINS)[number], v: number): void {
    this._set(`${which}Margin`, v, (s: MSheet) => {
      if (!(typeof v === "number" && v >= 0 && v < 49 * 72)) throw invalidArg(`${which}Margin ${v}`);
      s.pageLayout.margins[which] = v;
    });
  }
  get leftMargin(): number { return this._get("leftMargin"); }
  set leftMargin(v: number) { this._margin("left", v); }
  get rightMargin(): number { return this._get("rightMargin"); }
  set rightMargin(v: number) { this._margin("right", v); }
  get topMargin(): number { return this._get("topMargin"); }
  set topMargin(v: number) { this._margin("top", v); }
  get bottomMargin(): number { return this._get("bottomMargin"); }
  set bottomMargin(v: number) { this._margin("bottom", v); }
  get headerMargin(): number { return this._get("headerMargin"); }
  set headerMargin(v: number) { this._margin("header", v); }
  get footerMargin(): number { return this._get("footerMargin"); }
  set footerMargin(v: number) { this._margin("footer", v); }
  /** Rows repeated at the top of every printed page: whole rows such as "$1:$3" (or a Range of whole rows). */
  setPrintTitleRows(rows: Range | string): void {
    sameContext(this.context, rows, "PageLayout.setPrintTitleRows");
    this._call("setPrintTitleRows", typeof rows === "string" ? rows : rows._path, (s: MSheet) => {
      const rect = typeof rows === "string" ? parseRect(splitSheet(rows).local) : rows._target<RangeRef>().rect;
      if (!rect || rect.rows < 1 || rect.row < 0 || rect.col !== 0 || rect.cols !== 16384) throw invalidArg(`print title rows '${String(rows)}'`);
      s.pageLayout.printTitleRows = { row: rect.row, rows: rect.rows };
    });
  }
  /** Columns repeated at the left of every printed page: whole columns such as "$A:$C" (or a Range of whole columns). */
  setPrintTitleColumns(columns: Range | string): void {
    sameContext(this.context, columns, "PageLayout.setPrintTitleColumns");
    this._call("setPrintTitleColumns", typeof columns === "string" ? columns : columns._path, (s: MSheet) => {
      const rect = typeof columns === "string" ? parseRect(splitSheet(columns).local) : columns._target<RangeRef>().rect;
      if (!rect || rect.cols < 1 || rect.col < 0 || rect.row !== 0 || rect.rows !== 1048576) throw invalidArg(`print title columns '${String(columns)}'`);
      s.pageLayout.printTitleColumns = { col: rect.col, cols: rect.cols };
    });
  }
  /**
   * The part of the sheet that prints (ExcelApi 1.9): a range such as "A1:H120" (or a Range);
   * setting it again replaces it.
   */
  setPrintArea(printArea: Range | string): void {
    sameContext(this.context, printArea, "PageLayout.setPrintArea");
    this._call("setPrintArea", typeof printArea === "string" ? printArea : printArea._path, (s: MSheet) => {
      const rect = typeof printArea === "string" ? parseRect(splitSheet(printArea).local) : printArea._target<RangeRef>().rect;
      if (!rect || rect.rows < 1 || rect.cols < 1 || rect.row < 0 || rect.col < 0) throw invalidArg(`print area '${String(printArea)}'`);
      s.pageLayout.printArea = { row: rect.row, rows: rect.rows, col: rect.col, cols: rect.cols };
    });
  }
  private _headersFooters?: HeaderFooterGroup;
  /** The headers and footers of the printed pages (ExcelApi 1.9). */
  get headersFooters(): HeaderFooterGroup {
    requireApi(this.context, "PageLayout.headersFooters");
    this._headersFooters ??= new HeaderFooterGroup(this.context, `${this._path}.headersFooters`, () => this._target<MSheet>());
    return this._headersFooters;
  }
  protected override _nav(name: string): ClientObject | undefined {
    return name === "headersFooters" ? this.headersFooters : undefined;
  }
  /** The print title rows as a Range, or a null object when there are none. */
  getPrintTitleRowsOrNullObject(): Range {
    const r = new Range(this.context, `${this._path}.getPrintTitleRowsOrNullObject()`, () => {
      const s = this._target<MSheet>();
      const t = s.pageLayout.printTitleRows;
      return t ? { sheet: s, rect: { row: t.row, rows: t.rows, col: 0, cols: 16384 } } : null;
    }, true);
    r._instantiate();
    return r;
  }
}

const HEADER_FOOTER_STATES = ["Default", "FirstAndDefault", "OddAndEven", "FirstOddAndEven"];

/** PageLayout.headersFooters (ExcelApi 1.9): `state` says which pages differ; `defaultForAllPages` holds the texts of every page. */
export class HeaderFooterGroup extends ClientObject {
  protected _scalars() { return ["state"]; }
  protected _readScalar(t: unknown): unknown { return (t as MSheet).pageLayout.headersFooters.state; }
  get state(): string { return this._get("state"); }
  set state(v: string) {
    this._set("state", v, (s: MSheet) => {
      if (!HEADER_FOOTER_STATES.includes(v)) throw invalidArg(`headersFooters.state '${v}'`);
      s.pageLayout.headersFooters.state = v;
    });
  }
  private _all?: HeaderFooter;
  get defaultForAllPages(): HeaderFooter {
    this._all ??= new HeaderFooter(this.context, `${this._path}.defaultForAllPages`, () => this._target<MSheet>());
    return this._all;
  }
  protected override _nav(name: string): ClientObject | undefined {
    return name === "defaultForAllPages" ? this.defaultForAllPages : undefined;
  }
}

/**
 * HeaderFooter: the left, centre and right texts of a page's header and footer, in Excel's codes
 * (&P the page, &N the pages, &A the sheet's name, && an ampersand). Excel refuses a header (or
 * footer) of more than 255 characters as stored: its three texts, each with its code (&L, &C, &R).
 */
export class HeaderFooter extends ClientObject {
  protected _scalars() { return [...HEADER_FOOTER_PARTS]; }
  protected _readScalar(t: unknown, name: string): unknown { return (t as MSheet).pageLayout.headersFooters.defaultForAllPages[name as HeaderFooterPart]; }
  private _part(part: HeaderFooterPart, v: string): void {
    this._set(part, v, (s: MSheet) => {
      if (typeof v !== "string") throw invalidArg(`${part} of ${String(v).length} characters`);
      // The limit is on the whole header (or footer) as the file stores it: its three parts, each
      // after its code (&L, &C, &R) — MS-OI29500: "less than or equal to 255".
      const all = { ...s.pageLayout.headersFooters.defaultForAllPages, [part]: v };
      const side = part.endsWith("Header") ? "Header" : "Footer";
      const stored = (["left", "center", "right"] as const).reduce((n, at) => {
        const text = all[`${at}${side}` as HeaderFooterPart] ?? "";
        return n + (text === "" ? 0 : 2 + text.length);
      }, 0);
      if (stored > 255) throw invalidArg(`${part}: the ${side.toLowerCase()} would be ${stored} characters with its codes (at most 255)`);
      s.pageLayout.headersFooters.defaultForAllPages[part] = v;
    });
  }
  get leftHeader(): string { return this._get("leftHeader"); }
  set leftHeader(v: string) { this._part("leftHeader", v); }
  get centerHeader(): string { return this._get("centerHeader"); }
  set centerHeader(v: string) { this._part("centerHeader", v); }
  get rightHeader(): string { return this._get("rightHeader"); }
  set rightHeader(v: string) { this._part("rightHeader", v); }
  get leftFooter(): string { return this._get("leftFooter"); }
  set leftFooter(v: string) { this._part("leftFooter", v); }
  get centerFooter(): string { return this._get("centerFooter"); }
  set centerFooter(v: string) { this._part("centerFooter", v); }
  get rightFooter(): string { return this._get("rightFooter"); }
  set rightFooter(v: string) { this._part("rightFooter", v); }
}

/** A manual page break as the double keeps it: on its sheet, above a row or left of a column (0-based: the first of the page after it). */
interface MPageBreak {
  sheet: MSheet;
  kind: "row" | "column";
  at: number;
}

/** The sheet's manual breaks of `kind` (0-based rows or columns that start a printed page), in order. */
function breaksOf(sheet: MSheet, kind: MPageBreak["kind"]): number[] {
  return kind === "row" ? sheet.rowBreaks : sheet.colBreaks;
}
function setBreaks(sheet: MSheet, kind: MPageBreak["kind"], at: number[]): void {
  const sorted = [...new Set(at)].sort((a, b) => a - b);
  if (kind === "row") sheet.rowBreaks = sorted;
  else sheet.colBreaks = sorted;
}

/**
 * Worksheet.horizontalPageBreaks and verticalPageBreaks (PageBreakCollection, ExcelApi 1.9): "This
 * collection only contains manual page breaks." `add(pageBreakRange)` "Adds a page break before
 * the top-left cell of the range specified": above its row (horizontal) or left of its column
 * (vertical), across the whole sheet, and returns it; one before row 1 or column A, where no page
 * ends, is refused (InvalidArgument), and adding one that exists changes nothing.
 * `removePageBreaks()` "Resets all manual page breaks in the collection" (the other collection's
 * stay); `getCount()`, `getItem(index)` (0-based, in the sheet's order: top to bottom, left to
 * right; past the last, ItemNotFound once used) and `items` once loaded.
 */
export class PageBreakCollection extends ClientCollection<PageBreak> {
  constructor(context: RequestContext, path: string, resolver: () => unknown, readonly _kind: MPageBreak["kind"]) {
    super(context, path, resolver);
  }
  protected _list(s: unknown): unknown[] {
    const sheet = s as MSheet;
    return breaksOf(sheet, this._kind).map((at): MPageBreak => ({ sheet, kind: this._kind, at }));
  }
  protected _item(model: unknown, i: number): PageBreak {
    return new PageBreak(this.context, `${this._path}[${i}]`, () => model);
  }
  add(pageBreakRange: Range | string): PageBreak {
    sameContext(this.context, pageBreakRange, "PageBreakCollection.add");
    let made: MPageBreak | null = null;
    const arg = typeof pageBreakRange === "string" ? pageBreakRange : pageBreakRange._path;
    const b = new PageBreak(this.context, `${this._path}.add(${JSON.stringify(arg)})`, () => made);
    this._call("add", arg, (s: MSheet) => {
      const rect = typeof pageBreakRange === "string" ? parseRect(splitSheet(pageBreakRange).local) : pageBreakRange._target<RangeRef>().rect;
      const at = rect ? (this._kind === "row" ? rect.row : rect.col) : 0;
      if (!rect || at === 0) throw invalidArg(`page break at '${String(arg)}'`);
      setBreaks(s, this._kind, [...breaksOf(s, this._kind), at]);
      made = { sheet: s, kind: this._kind, at };
    });
    return b;
  }
  removePageBreaks(): void {
    this._call("removePageBreaks", undefined, (s: MSheet) => { setBreaks(s, this._kind, []); });
  }
  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this._call("getCount", undefined, (s: MSheet) => {
      const n = breaksOf(s, this._kind).length;
      return { response: n, commit: () => { result._value = { v: n }; } };
    });
    return result;
  }
  getItem(index: number): PageBreak {
    const b = new PageBreak(this.context, `${this._path}.getItem(${index})`, () => {
      const s = this._target<MSheet>();
      const at = breaksOf(s, this._kind)[index];
      return at === undefined ? undefined : { sheet: s, kind: this._kind, at };
    });
    this.context._push(b._path, "$instantiate", undefined, () => { b._resolve(); });
    return b;
  }
}

/**
 * A manual page break (PageBreak, ExcelApi 1.9): `rowIndex` and `columnIndex` (0-based) are those
 * of the first cell after it (the reference's `getCellAfterBreak`). The break crosses the whole
 * sheet, so the double takes the cell in row 1 of a break before a column and in column A of one
 * above a row, as Excel's VPageBreak.Location and HPageBreak.Location name them. `delete()`
 * removes it.
 */
export class PageBreak extends ClientObject {
  protected _scalars() { return ["rowIndex", "columnIndex"]; }
  protected _readScalar(t: unknown, name: string): unknown {
    const b = t as MPageBreak;
    return (name === "rowIndex") === (b.kind === "row") ? b.at : 0;
  }
  get rowIndex(): number { return this._get("rowIndex"); }
  get columnIndex(): number { return this._get("columnIndex"); }
  delete(): void {
    this._call("delete", undefined, (b: MPageBreak) => {
      setBreaks(b.sheet, b.kind, breaksOf(b.sheet, b.kind).filter((at) => at !== b.at));
    });
  }
}

export class WorksheetFreezePanes extends ClientObject {
  protected _scalars() { return []; }
  protected _readScalar() { return undefined; }
  freezeRows(count?: number): void {
    this._call("freezeRows", count ?? 1, (s: MSheet) => { s.freeze = { rows: count ?? 1, cols: 0 }; });
  }
  freezeColumns(count?: number): void {
    this._call("freezeColumns", count ?? 1, (s: MSheet) => { s.freeze = { rows: 0, cols: count ?? 1 }; });
  }
  freezeAt(range: Range | string): void {
    sameContext(this.context, range, "WorksheetFreezePanes.freezeAt");
    this._call("freezeAt", typeof range === "string" ? range : range._path, (s: MSheet) => {
      const rect = typeof range === "string" ? parseRect(splitSheet(range).local) : range._target<RangeRef>().rect;
      if (!rect) throw invalidArg(String(range));
      s.freeze = { rows: rect.row + rect.rows, cols: rect.col + rect.cols };
    });
  }
  /**
   * "Removes all frozen panes in the worksheet." On a hidden or very hidden sheet it throws: a bug
   * reported in some Excel builds (OfficeDev/office-js#1463, "unfreeze() throws an exception when
   * trying to unfreeze panes on hidden sheets", later marked fixed; the report gives no error code,
   * the double answers GeneralException). The double keeps it so that the add-in never relies on it.
   */
  unfreeze(): void {
    this._call("unfreeze", undefined, (s: MSheet) => {
      if (s.visibility !== "Visible") throw new DoubleError("GeneralException", `There was an internal error while processing the request. (unfreeze on the hidden worksheet '${s.name}': office-js#1463)`);
      s.freeze = { rows: 0, cols: 0 };
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

export interface RangeRef {
  sheet: MSheet;
  rect: Rect;
}

const ERROR_VALUES = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"];

function setRaw(cell: MCell, v: number | string | boolean): void {
  delete cell.f;
  if (typeof v === "number") { cell.v = v; cell.t = "Double"; }
  else if (typeof v === "boolean") { cell.v = v; cell.t = "Boolean"; }
  else if (v === "") { cell.v = ""; cell.t = "Empty"; }
  else if (ERROR_VALUES.includes(v)) { cell.v = v; cell.t = "Error"; }
  else { cell.v = v; cell.t = "String"; }
}

function setText(cell: MCell, v: string): void {
  delete cell.f;
  if (v === "") { cell.v = ""; cell.t = "Empty"; }
  else { cell.v = v; cell.t = "String"; }
}

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)`;

/**
 * What Excel reads a string as when it is written into a cell that is not formatted as text: a
 * number ("1000", "-12.5", "1e3"), a percentage ("50%"), a boolean ("TRUE", any case), a date in
 * ISO form ("2025-05-03", with a time "2025-05-03 10:30"), a time of day ("10:30", "10:30:15"),
 * as Excel does with what a user types. With the cell's format General, Excel also gives the
 * cell the format the text was in ("0%", "0.00E+00", "m/d/yyyy", "h:mm"); a cell with a format of
 * its own keeps it. null: the string stays text.
 *
 * Only forms every locale reads the same way are modelled: "1,000", "1/2", "3-4" or "$5" are a
 * number or a date in some locales and text in others (in Vietnamese, "1,000" is one), so the
 * double keeps them as text and the add-in must not rely on that either.
 */
export function excelReading(text: string): { value: number | boolean; format?: string } | null {
  const s = text.trim();
  if (s === "") return null;
  if (/^(TRUE|FALSE)$/i.test(s)) return { value: s.toUpperCase() === "TRUE" };
  if (new RegExp(`^${NUMBER}$`).test(s)) return { value: Number(s) };
  if (new RegExp(`^${NUMBER}[eE][+-]?\\d+$`).test(s)) return { value: Number(s), format: "0.00E+00" };
  const percent = new RegExp(`^(${NUMBER})\\s*%$`).exec(s);
  if (percent) return { value: Number(percent[1]) / 100, format: /\./.test(percent[1]!) ? "0.00%" : "0%" };
  const time = (h: string, m: string, sec?: string): number | null => {
    const [hh, mm, ss] = [Number(h), Number(m), Number(sec ?? 0)];
    return hh < 24 && mm < 60 && ss < 60 ? (hh * 3600 + mm * 60 + ss) / 86400 : null;
  };
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (clock) {
    const t = time(clock[1]!, clock[2]!, clock[3]);
    return t === null ? null : { value: t, format: clock[3] ? "h:mm:ss" : "h:mm" };
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: +(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (iso) {
    const [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (y < 1900 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
    const t = iso[4] ? time(iso[4], iso[5]!, iso[6]) : 0;
    if (t === null) return null;
    return { value: date.getTime() / 86_400_000 + 25569 + t, format: iso[4] ? "m/d/yyyy h:mm" : "m/d/yyyy" };
  }
  return null;
}

/**
 * Excel's specifications and limits: "Total number of characters that a cell can contain: 32,767",
 * "Length of formula contents: 8,192 characters", and a text value in a formula ("…") of at most
 * 255 characters. Written through the API, a longer one fails with InvalidArgument.
 */
export const CELL_TEXT_LIMIT = 32_767;
export const FORMULA_LIMIT = 8_192;
export const FORMULA_TEXT_LIMIT = 255;

function checkText(v: string): void {
  if (v.length > CELL_TEXT_LIMIT) throw invalidArg(`A cell holds at most ${CELL_TEXT_LIMIT} characters (${v.length} given).`);
}

function checkFormula(f: string): void {
  if (f.length > FORMULA_LIMIT) throw invalidArg(`A formula holds at most ${FORMULA_LIMIT} characters (${f.length} given).`);
  for (const m of f.matchAll(/"((?:[^"]|"")*)"/g)) {
    const text = m[1]!.replace(/""/g, '"');
    if (text.length > FORMULA_TEXT_LIMIT) throw invalidArg(`A text value in a formula holds at most ${FORMULA_TEXT_LIMIT} characters (${text.length} given).`);
  }
}

/** What Excel does with a value typed or written through `values`: a leading "=" (or "+", "-",
 *  "@" before non-numbers) makes a formula unless the cell is formatted as text ("@"); a leading
 *  apostrophe forces text; text Excel reads as a number, percentage, date, time or boolean
 *  becomes that (see excelReading). */
function writeValue(cell: MCell, v: unknown): void {
  if (v === null || v === undefined) return; // null leaves the cell as it is
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw invalidArg("Numbers must be finite.");
    return setRaw(cell, v);
  }
  if (typeof v === "boolean") return setRaw(cell, v);
  if (typeof v !== "string") throw invalidArg(`Unsupported value ${JSON.stringify(v)}.`);
  checkText(v);
  // A text cell, or a leading apostrophe, keeps the string as text, an error's text ("#N/A") too.
  if (cell.nf === "@") return setText(cell, v);
  if (v.startsWith("'")) return setText(cell, v.slice(1));
  const read = excelReading(v);
  if (read) {
    setRaw(cell, read.value);
    if (read.format && cell.nf === undefined) cell.nf = read.format;
    return;
  }
  if (v.length > 1 && (v.startsWith("=") || v.startsWith("+") || v.startsWith("-") || v.startsWith("@"))) {
    // A formula: the double keeps it but does not calculate it (its value reads as empty).
    checkFormula(v.startsWith("=") ? v : `=${v}`);
    cell.v = "";
    cell.t = "Empty";
    cell.f = v.startsWith("=") ? v : `=${v}`;
    return;
  }
  setRaw(cell, v);
}

function writeFormula(cell: MCell, v: unknown): void {
  if (typeof v === "string" && v.startsWith("=") && v.length > 1 && cell.nf !== "@") {
    checkFormula(v);
    cell.v = "";
    cell.t = "Empty";
    cell.f = v;
    return;
  }
  writeValue(cell, v);
}

export class Range extends ClientObject {
  protected _scalars() {
    return ["address", "addressLocal", "values", "valueTypes", "formulas", "numberFormat", "rowCount", "columnCount", "rowIndex", "columnIndex", "text", "cellCount"];
  }
  /** `hyperlink` (ExcelApi 1.7) is loaded when named: `load("hyperlink")`. */
  protected override _namedScalars() {
    return ["hyperlink"];
  }
  override load(arg?: LoadArg): this {
    if (loadPaths(arg)?.includes("hyperlink")) requireApi(this.context, "Range.hyperlink");
    return super.load(arg);
  }
  protected override _nav(name: string): ClientObject | undefined {
    if (name === "format") return this.format;
    return undefined;
  }
  protected _readScalar(t: unknown, name: string): unknown {
    const { sheet, rect } = t as RangeRef;
    switch (name) {
      case "address":
      case "addressLocal":
        return `${quoteSheet(sheet.name)}!${excelAddress(rect)}`;
      case "rowCount": return rect.rows;
      case "columnCount": return rect.cols;
      case "rowIndex": return rect.row;
      case "columnIndex": return rect.col;
      case "cellCount": return rect.rows * rect.cols;
      case "hyperlink": return hyperlinkOf(sheet, rect);
    }
    if (rect.rows * rect.cols > CELL_LIMIT) throw new DoubleError("RangeExceedsLimit", "The cell count in the range has exceeded the maximum supported number.");
    // Formulas show what they compute once the changes before are calculated.
    if (name !== "formulas" && name !== "numberFormat") settle(this.context._state.workbook);
    const grid: unknown[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const row: unknown[] = new Array(rect.cols);
      for (let c = 0; c < rect.cols; c++) {
        const cell = sheet.get(rect.row + r, rect.col + c);
        switch (name) {
          case "values": row[c] = cell ? cell.v : ""; break;
          case "text": row[c] = cell ? String(cell.v) : ""; break;
          case "valueTypes": row[c] = cell ? cell.t : "Empty"; break;
          case "formulas": row[c] = cell?.f ?? (cell ? cell.v : ""); break;
          case "numberFormat": row[c] = cell?.nf ?? "General"; break;
        }
      }
      grid.push(row);
    }
    return grid;
  }
  get address(): string { return this._get("address"); }
  get rowCount(): number { return this._get("rowCount"); }
  get columnCount(): number { return this._get("columnCount"); }
  get rowIndex(): number { return this._get("rowIndex"); }
  get columnIndex(): number { return this._get("columnIndex"); }
  get values(): unknown[][] { return this._get("values"); }
  set values(v: unknown[][]) { this._setGrid("values", v, writeValue); }
  get valueTypes(): ValueType[][] { return this._get("valueTypes"); }
  get formulas(): unknown[][] { return this._get("formulas"); }
  set formulas(v: unknown[][]) { this._setGrid("formulas", v, writeFormula); }
  get numberFormat(): unknown[][] { return this._get("numberFormat"); }
  set numberFormat(v: unknown[][]) {
    this._setGrid("numberFormat", v, (cell, f) => {
      if (f === null || f === undefined) return;
      if (typeof f !== "string") throw invalidArg("A number format must be text.");
      if (f === "General") delete cell.nf;
      else cell.nf = f;
    });
  }
  get text(): string[][] { return this._get("text"); }
  /** The cell's hyperlink once loaded (`load("hyperlink")`), null for a cell without one (hyperlinkOf). */
  get hyperlink(): RangeHyperlink | null { return this._get("hyperlink"); }
  /**
   * Sets the hyperlink of every cell of the range (ExcelApi 1.7), in place of the one it had:
   * `textToDisplay` is "the string that is displayed in the top left most cell in the range" (the
   * reference), written there as text; without it the cells keep their values. Queued until the
   * sync, as any set. A protected sheet refuses it unless it allows inserting hyperlinks (Excel's
   * "Insert hyperlinks: insert new hyperlinks, even in unlocked cells") and its cells are unlocked.
   * The reference does not say what a link with neither an address nor a document reference does:
   * the double refuses to guess (a plain Error, not one of Excel's).
   */
  set hyperlink(v: RangeHyperlink | null) {
    requireApi(this.context, "Range.hyperlink");
    this._set("hyperlink", v, ({ sheet, rect }: RangeRef) => {
      if (v === null || typeof v !== "object" || Array.isArray(v)) throw invalidArg("A hyperlink is an Excel.RangeHyperlink object.");
      for (const k of ["address", "documentReference", "screenTip", "textToDisplay"] as const) {
        if (v[k] !== undefined && typeof v[k] !== "string") throw invalidArg(`RangeHyperlink.${k} must be text.`);
      }
      if (!v.address && !v.documentReference) throw new Error("The Excel double does not know what a hyperlink without address or documentReference does (the reference does not say).");
      if (sheet.protection.protected && (!sheet.protection.options.allowInsertHyperlinks || sheet.anyLocked(rect))) throw accessDenied(sheet, "inserting hyperlinks");
      const link: MHyperlink = { ...(v.address ? { address: v.address } : {}), ...(v.documentReference ? { documentReference: v.documentReference } : {}), ...(v.screenTip !== undefined ? { screenTip: v.screenTip } : {}) };
      for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) sheet.cell(rect.row + r, rect.col + c).link = { ...link };
      if (v.textToDisplay !== undefined) {
        checkText(v.textToDisplay);
        const top = sheet.cell(rect.row, rect.col);
        setText(top, v.textToDisplay);
        calculation(this.context._state, top);
        this.context._state.pendingEvents.push({ sheet, address: rectAddress({ row: rect.row, col: rect.col, rows: 1, cols: 1 }), triggerSource: "ThisLocalAddin" });
      }
    });
  }

  /** A 2D array must have the range's shape; a single value (not an array) applies to every cell. */
  private _setGrid(name: string, grid: unknown, write: (cell: MCell, v: unknown) => void): void {
    this._set(name, grid, ({ sheet, rect }: RangeRef) => {
      if (rect.rows * rect.cols > CELL_LIMIT) throw new DoubleError("RangeExceedsLimit", "The cell count in the range has exceeded the maximum supported number.");
      // The whole range counts, null entries included (microsoftgraph/microsoft-graph-docs#4546).
      if (name === "numberFormat") guardFormat(sheet, rect);
      else guardContent(sheet, rect);
      const scalar = !Array.isArray(grid);
      if (!scalar) {
        const g = grid as unknown[];
        if (g.length !== rect.rows || g.some((row) => !Array.isArray(row) || row.length !== rect.cols)) {
          throw invalidArg(`The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rect.rows}×${rect.cols}).`);
        }
      }
      for (let r = 0; r < rect.rows; r++) {
        for (let c = 0; c < rect.cols; c++) {
          const v = scalar ? grid : (grid as unknown[][])[r]![c];
          if (v === null || v === undefined) continue;
          const cell = sheet.cell(rect.row + r, rect.col + c);
          write(cell, v);
          if (cell.f !== undefined) sheet.formulas = true;
          if (name !== "numberFormat") calculation(this.context._state, cell);
        }
      }
      // Headers written into a table's header row stay unique.
      if (name !== "numberFormat") {
        for (const t of this.context._state.workbook.tables) {
          if (t.sheet !== sheet || t.row < rect.row || t.row >= rect.row + rect.rows || !overlaps(t, { ...rect, row: t.row, rows: 1 })) continue;
          uniqueHeaders(t, (col) => col >= rect.col && col < rect.col + rect.cols);
        }
      }
      if (name !== "numberFormat") {
        this.context._state.pendingEvents.push({ sheet, address: rectAddress(rect), triggerSource: "ThisLocalAddin" });
      }
    });
  }

  get format(): RangeFormat {
    let f = this._children.get("format") as RangeFormat | undefined;
    if (!f) {
      f = new RangeFormat(this.context, `${this._path}.format`, () => this._target<RangeRef>());
      this._children.set("format", f);
    }
    return f;
  }
  get conditionalFormats(): ConditionalFormatCollection {
    requireApi(this.context, "Range.conditionalFormats");
    return new ConditionalFormatCollection(this.context, `${this._path}.conditionalFormats`, () => this._target<RangeRef>());
  }
  get worksheet(): Worksheet {
    return new Worksheet(this.context, `${this._path}.worksheet`, () => this._target<RangeRef>().sheet);
  }
  /**
   * Clears the range (ExcelApi 1.1). Excel.ClearApplyTo: "All" (the default) "clears everything in
   * the range", as Excel's Clear All does: values and formulas, formats (merges and conditional
   * formats with them), and the notes and threaded comments (with their replies) on its cells;
   * "Contents" and "Formats" leave notes and comments where they are.
   */
  clear(applyTo?: "All" | "Formats" | "Contents"): void {
    const what = applyTo ?? "All";
    this._call("clear", what, ({ sheet, rect }: RangeRef) => {
      if (what !== "Formats") guardContent(sheet, rect);
      if (what !== "Contents") guardFormat(sheet, rect);
      for (const [k, cell] of [...sheet.cells]) {
        const row = Math.floor(k / 16384), col = k % 16384;
        if (row < rect.row || row >= rect.row + rect.rows || col < rect.col || col >= rect.col + rect.cols) continue;
        if (what !== "Formats") { cell.v = ""; cell.t = "Empty"; delete cell.f; calculation(this.context._state, cell); }
        if (what !== "Contents") { delete cell.nf; delete cell.fill; delete cell.bold; delete cell.fontColor; delete cell.wrap; delete cell.fontSize; delete cell.locked; }
        if (what === "All") delete cell.link;
        if (cell.t === "Empty" && cell.f === undefined && cell.nf === undefined && cell.fill === undefined && cell.bold === undefined && cell.fontColor === undefined && cell.wrap === undefined && cell.fontSize === undefined && cell.locked === undefined && cell.link === undefined) sheet.cells.delete(k);
      }
      if (what !== "Contents") clearConditionalFormats(sheet, rect);
      // Clearing formats unmerges the merged areas the range touches.
      if (what !== "Contents") sheet.merges = sheet.merges.filter((m) => !overlaps(m, rect));
      if (what === "All") {
        const wb = this.context._state.workbook;
        const inside = (p: { sheet: MSheet; row: number; col: number }) => p.sheet === sheet && p.row >= rect.row && p.row < rect.row + rect.rows && p.col >= rect.col && p.col < rect.col + rect.cols;
        for (const n of wb.notes.filter(inside)) removePlaced(wb.notes, n);
        for (const c of wb.comments.filter(inside)) removePlaced(wb.comments, c);
      }
    });
  }

  /**
   * Merges the range into one cell (ExcelApi 1.2), or each of its rows with `across`. The value
   * of the top-left cell stays, the others are emptied, as Excel does after its warning. Merged
   * areas the range touches are first unmerged; a protected sheet refuses it.
   */
  merge(across?: boolean): void {
    requireApi(this.context, "Range.merge");
    this._call("merge", across === undefined ? [] : [across], ({ sheet, rect }: RangeRef) => {
      if (sheet.protection.protected && !sheet.protection.options.allowFormatCells) throw accessDenied(sheet, "merging cells");
      if (this.context._state.mergeWithChartSelected === "refused" && this.context._state.workbook.selection?.chart !== undefined) throw new DoubleError("InvalidSelection", INVALID_SELECTION);
      // Excel cannot merge cells of a table (the UI: "This operation is not allowed in a table");
      // the double answers InvalidOperation, as it does for a table over merged cells.
      const table = this.context._state.workbook.tables.find((t) => t.sheet === sheet && overlaps(t, rect));
      if (table && rect.rows * rect.cols > 1) throw new DoubleError("InvalidOperation", `Cells of the table ${table.name} cannot be merged.`);
      const areas = across ? Array.from({ length: rect.rows }, (_, r) => ({ row: rect.row + r, col: rect.col, rows: 1, cols: rect.cols })) : [rect];
      sheet.merges = sheet.merges.filter((m) => !overlaps(m, rect));
      for (const a of areas) {
        if (a.rows * a.cols < 2) continue;
        for (const [k, cell] of sheet.cells) {
          const row = Math.floor(k / 16384), col = k % 16384;
          if (row >= a.row && row < a.row + a.rows && col >= a.col && col < a.col + a.cols && (row !== a.row || col !== a.col)) { cell.v = ""; cell.t = "Empty"; delete cell.f; calculation(this.context._state, cell); }
        }
        sheet.merges.push(a);
      }
    });
  }

  /** Unmerges the merged areas the range touches (ExcelApi 1.2). */
  unmerge(): void {
    requireApi(this.context, "Range.unmerge");
    this._call("unmerge", undefined, ({ sheet, rect }: RangeRef) => {
      if (sheet.protection.protected && !sheet.protection.options.allowFormatCells) throw accessDenied(sheet, "unmerging cells");
      sheet.merges = sheet.merges.filter((m) => !overlaps(m, rect));
    });
  }

  /**
   * The merged areas of this range (ExcelApi 1.13), as a RangeAreas; a null object when it has
   * none. As Excel does (OfficeDev/office-js#3611), an area counts only when its top-left cell is
   * in the range: a merge that starts above or left of it is not returned. Excel "will fail to
   * return the result" over 512 areas (the reference); the code it fails with is not documented,
   * the double answers GeneralException.
   */
  getMergedAreasOrNullObject(): RangeAreas {
    requireApi(this.context, "Range.getMergedAreasOrNullObject");
    const r = new RangeAreas(this.context, `${this._path}.getMergedAreasOrNullObject()`, () => {
      const { sheet, rect } = this._target<RangeRef>();
      const areas = sheet.merges
        .filter((m) => m.row >= rect.row && m.row < rect.row + rect.rows && m.col >= rect.col && m.col < rect.col + rect.cols)
        .sort((a, b) => a.row - b.row || a.col - b.col);
      if (areas.length > MAX_MERGED_AREAS) throw new DoubleError("GeneralException", `There was an internal error while processing the request. (more than ${MAX_MERGED_AREAS} merged areas in the range)`);
      return areas.length ? { sheet, areas } : null;
    }, true);
    r._instantiate();
    return r;
  }
  /**
   * Inserts blank cells in place of this range and shifts the others down or right (ExcelApi 1.1),
   * as a user inserting rows or columns does: values, formats, notes and comments move with their
   * cells; for whole rows, row heights, page breaks and the tables and conditional formats below
   * move too (a table the rows go into grows); for whole columns, column widths and page breaks.
   * Returns the new blank range. On a protected sheet it
   * needs allowInsertRows (whole rows) or allowInsertColumns (whole columns), and is refused for
   * other ranges; cells that would be pushed off the sheet make it fail. The double does not copy
   * the formats of the row above into the new cells (Excel does), nor move charts or formulas.
   */
  insert(shift: "Down" | "Right"): Range {
    const r = new Range(this.context, `${this._path}.insert(${JSON.stringify(shift)})`, () => this._target<RangeRef>());
    this._call("insert", shift, ({ sheet, rect }: RangeRef) => {
      if (shift !== "Down" && shift !== "Right") throw invalidArg(`shift '${String(shift)}'`);
      const wholeRows = rect.col === 0 && rect.cols === 16384;
      const wholeCols = rect.row === 0 && rect.rows === 1048576;
      const down = wholeRows ? true : wholeCols ? false : shift === "Down";
      if (sheet.protection.protected) {
        const o = sheet.protection.options;
        if (!(wholeRows ? o.allowInsertRows : wholeCols ? o.allowInsertColumns : false)) throw accessDenied(sheet, "inserting cells");
      }
      const by = down ? rect.rows : rect.cols;
      /** Where a cell goes, or undefined when it stays. */
      const moved = (row: number, col: number): { row: number; col: number } | undefined => {
        if (down && col >= rect.col && col < rect.col + rect.cols && row >= rect.row) return { row: row + by, col };
        if (!down && row >= rect.row && row < rect.row + rect.rows && col >= rect.col) return { row, col: col + by };
        return undefined;
      };
      const wb = this.context._state.workbook;
      const cells = new Map<number, MCell>();
      for (const [k, c] of sheet.cells) {
        const row = Math.floor(k / 16384), col = k % 16384;
        const to = moved(row, col) ?? { row, col };
        if (to.row >= 1048576 || to.col >= 16384) {
          if (c.t !== "Empty" || c.f !== undefined) throw new DoubleError("InvalidOperation", "This operation would push cells with content off the end of the worksheet.");
          continue;
        }
        cells.set(sheet.key(to.row, to.col), c);
      }
      sheet.cells = cells;
      for (const n of [...wb.notes, ...wb.comments]) {
        if (n.sheet !== sheet) continue;
        const to = moved(n.row, n.col);
        if (to) { n.row = to.row; n.col = to.col; }
      }
      placedIndex.delete(wb.notes);
      placedIndex.delete(wb.comments);
      if (wholeRows) {
        sheet.rowHeights = new Map([...sheet.rowHeights].map(([row, h]) => [row >= rect.row ? row + by : row, h]));
        sheet.rowBreaks = sheet.rowBreaks.map((row) => (row >= rect.row ? row + by : row));
        for (const t of wb.tables) {
          if (t.sheet !== sheet) continue;
          if (t.row >= rect.row) t.row += by;
          else if (rect.row < t.row + t.rows) t.rows += by;
        }
        for (const a of sheet.conditionalFormats.flatMap((cf) => cf.areas)) {
          if (a.row >= rect.row) a.row += by;
          else if (rect.row < a.row + a.rows) a.rows += by;
        }
      }
      if (wholeCols) {
        sheet.columnWidths = new Map([...sheet.columnWidths].map(([col, w]) => [col >= rect.col ? col + by : col, w]));
        sheet.colBreaks = sheet.colBreaks.map((col) => (col >= rect.col ? col + by : col));
      }
      // Merged areas move with their cells; one that whole rows (or columns) go into grows.
      for (const m of sheet.merges) {
        if (down && m.col >= rect.col && m.col + m.cols <= rect.col + rect.cols) {
          if (m.row >= rect.row) m.row += by;
          else if (wholeRows && rect.row < m.row + m.rows) m.rows += by;
        } else if (!down && m.row >= rect.row && m.row + m.rows <= rect.row + rect.rows) {
          if (m.col >= rect.col) m.col += by;
          else if (wholeCols && rect.col < m.col + m.cols) m.cols += by;
        }
      }
      calculation(this.context._state, undefined);
      this.context._state.pendingEvents.push({ sheet, address: excelAddress(rect), triggerSource: "ThisLocalAddin" });
    });
    return r;
  }

  /** The used part of this range (ExcelApi 1.4); a null object when none of its cells is used. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    requireApi(this.context, "Range.getUsedRangeOrNullObject");
    const r = new Range(this.context, `${this._path}.getUsedRangeOrNullObject(${valuesOnly === true})`, () => {
      const { sheet, rect } = this._target<RangeRef>();
      const used = sheet.usedRect(valuesOnly === true, rect);
      return used ? { sheet, rect: used } : null;
    }, true);
    r._instantiate();
    return r;
  }
  /**
   * "Selects the specified range in the Excel UI." (Range.select, ExcelApi 1.1). The reference
   * documents no failure for a range of a sheet that is not active: Excel activates that sheet and
   * selects the range. A hidden sheet cannot be shown that way: it fails as `activate()` does.
   */
  select(): void {
    this._call("select", undefined, ({ sheet, rect }: RangeRef) => {
      const wb = this.context._state.workbook;
      if (sheet.visibility !== "Visible") throw new DoubleError("InvalidOperation", `The worksheet '${sheet.name}' is hidden and its cells cannot be selected.`);
      wb.activeSheet = sheet;
      wb.selection = { sheet: sheet.name, address: rectAddress(rect) };
    });
  }
}

/** Excel.RangeHyperlink: what `Range.hyperlink` reads and takes. */
export interface RangeHyperlink {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

/**
 * What `Range.hyperlink` reads for a cell: its link's parts, and the text the cell shows as
 * `textToDisplay`; null for a cell without a link (the reference does not say what Excel answers
 * then: a caller must not tell a link from null only). For a range of several cells the reference
 * does not say either (only that a link set on it shows its text in the top-left cell): the double
 * refuses to guess, with a plain Error rather than one of Excel's.
 */
function hyperlinkOf(sheet: MSheet, rect: Rect): RangeHyperlink | null {
  if (rect.rows * rect.cols !== 1) throw new Error("The Excel double reads Range.hyperlink of a single cell only (the reference does not say what a range of several cells reads).");
  const cell = sheet.get(rect.row, rect.col);
  if (!cell?.link) return null;
  return { ...cell.link, textToDisplay: String(cell.v) };
}

/** Range.getMergedAreasOrNullObject fails beyond this many areas (the reference). */
export const MAX_MERGED_AREAS = 512;

/**
 * RangeAreas (ExcelApi 1.9): rectangles of one sheet. `address` names the sheet in every area,
 * comma-separated as the reference shows ("Sheet1!A1:B4, Sheet1!D1:D4").
 */
export class RangeAreas extends ClientObject {
  protected _scalars() { return ["address", "addressLocal", "areaCount", "cellCount", "isEntireRow", "isEntireColumn"]; }
  protected _readScalar(t: unknown, name: string): unknown {
    const { sheet, areas } = t as { sheet: MSheet; areas: Rect[] };
    switch (name) {
      case "address":
      case "addressLocal":
        return areas.map((a) => `${quoteSheet(sheet.name)}!${excelAddress(a)}`).join(", ");
      case "areaCount": return areas.length;
      case "cellCount": return areas.reduce((n, a) => n + a.rows * a.cols, 0);
      case "isEntireRow": return areas.every((a) => a.col === 0 && a.cols === 16384);
      case "isEntireColumn": return areas.every((a) => a.row === 0 && a.rows === 1048576);
    }
    return undefined;
  }
  get address(): string { return this._get("address"); }
  get addressLocal(): string { return this._get("addressLocal"); }
  get areaCount(): number { return this._get("areaCount"); }
  get cellCount(): number { return this._get("cellCount"); }
}

export class RangeFormat extends ClientObject {
  protected _scalars() { return ["columnWidth", "rowHeight", "wrapText", "horizontalAlignment", "useStandardHeight", "useStandardWidth"]; }
  protected override _nav(name: string): ClientObject | undefined {
    if (name === "fill") return this.fill;
    if (name === "font") return this.font;
    if (name === "protection") return this.protection;
    return undefined;
  }
  get protection(): FormatProtection {
    requireApi(this.context, "RangeFormat.protection");
    let p = this._children.get("protection") as FormatProtection | undefined;
    if (!p) { p = new FormatProtection(this.context, `${this._path}.protection`, () => this._target()); this._children.set("protection", p); }
    return p;
  }
  protected _readScalar(t: unknown, name: string): unknown {
    const { sheet, rect } = t as RangeRef;
    if (name === "columnWidth") {
      const w = new Set<number>();
      for (let c = rect.col; c < rect.col + Math.min(rect.cols, 1000); c++) w.add(sheet.columnWidths.get(c) ?? STANDARD_COLUMN_WIDTH);
      return w.size === 1 ? [...w][0] : null;
    }
    if (name === "rowHeight") {
      const h = new Set<number>();
      for (let r = rect.row; r < rect.row + Math.min(rect.rows, 1000); r++) h.add(sheet.rowHeights.get(r) ?? STANDARD_ROW_HEIGHT);
      return h.size === 1 ? [...h][0] : null;
    }
    // "true if the row height of the Range object equals the standard height of the sheet … null if
    // the range contains more than one row and the rows aren't all the same height … false otherwise."
    if (name === "useStandardHeight" || name === "useStandardWidth") {
      const rows = name === "useStandardHeight";
      const sizes = rows ? sheet.rowHeights : sheet.columnWidths;
      const standard = rows ? STANDARD_ROW_HEIGHT : STANDARD_COLUMN_WIDTH;
      const [from, count] = rows ? [rect.row, rect.rows] : [rect.col, rect.cols];
      const seen = new Set<number>();
      let sized = 0;
      for (const [at, size] of sizes) {
        if (at < from || at >= from + count) continue;
        seen.add(size);
        sized++;
      }
      // The rows (columns) without a size of their own have the standard one.
      if (sized < count) seen.add(standard);
      return seen.size > 1 ? null : seen.has(standard);
    }
    const cell = sheet.get(rect.row, rect.col);
    if (name === "horizontalAlignment") return cell?.align ?? "General";
    return cell?.wrap ?? false;
  }
  /** Points; Excel caps a row at 409 points (Excel specifications and limits). */
  get rowHeight(): number { return this._get("rowHeight"); }
  set rowHeight(v: number) {
    requireApi(this.context, "RangeFormat.rowHeight");
    this._set("rowHeight", v, ({ sheet, rect }: RangeRef) => {
      if (!(typeof v === "number" && v >= 0 && v <= 409)) throw invalidArg(`rowHeight ${v}`);
      guardRows(sheet);
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        if (v === STANDARD_ROW_HEIGHT) sheet.rowHeights.delete(r);
        else sheet.rowHeights.set(r, v);
      }
    });
  }
  /**
   * RangeFormat.useStandardHeight (ExcelApi 1.7): set to true, the range's rows take the sheet's
   * standard height back, as rows never sized do. "This property is only intended to be set to
   * true. Setting it to false has no effect."
   */
  get useStandardHeight(): boolean | null { return this._get("useStandardHeight"); }
  set useStandardHeight(v: boolean) { this._useStandard("useStandardHeight", v); }
  /** RangeFormat.useStandardWidth (ExcelApi 1.7): as useStandardHeight, for the range's columns. */
  get useStandardWidth(): boolean | null { return this._get("useStandardWidth"); }
  set useStandardWidth(v: boolean) { this._useStandard("useStandardWidth", v); }
  private _useStandard(name: "useStandardHeight" | "useStandardWidth", v: boolean): void {
    requireApi(this.context, `RangeFormat.${name}`);
    this._set(name, v, ({ sheet, rect }: RangeRef) => {
      if (typeof v !== "boolean") throw invalidArg(`${name} ${String(v)}`);
      if (!v) return;
      const rows = name === "useStandardHeight";
      if (rows) guardRows(sheet);
      else guardColumns(sheet);
      const sizes = rows ? sheet.rowHeights : sheet.columnWidths;
      const [from, count] = rows ? [rect.row, rect.rows] : [rect.col, rect.cols];
      for (const at of [...sizes.keys()]) if (at >= from && at < from + count) sizes.delete(at);
    });
  }
  get columnWidth(): number { return this._get("columnWidth"); }
  set columnWidth(v: number) {
    requireApi(this.context, "RangeFormat.columnWidth");
    this._set("columnWidth", v, ({ sheet, rect }: RangeRef) => {
      if (!(v >= 0)) throw invalidArg("columnWidth");
      guardColumns(sheet);
      for (let c = rect.col; c < rect.col + rect.cols; c++) sheet.columnWidths.set(c, v);
    });
  }
  get wrapText(): boolean { return this._get("wrapText"); }
  set wrapText(v: boolean) {
    this._set("wrapText", v, ({ sheet, rect }: RangeRef) => { guardFormat(sheet, rect); eachCell(sheet, rect, (c) => { c.wrap = v; }); });
  }
  /** Excel.HorizontalAlignment (ExcelApi 1.1): any other string is refused. */
  get horizontalAlignment(): string { return this._get("horizontalAlignment"); }
  set horizontalAlignment(v: string) {
    this._set("horizontalAlignment", v, ({ sheet, rect }: RangeRef) => {
      if (!HORIZONTAL_ALIGNMENTS.includes(v)) throw invalidArg(`horizontalAlignment '${v}'`);
      guardFormat(sheet, rect);
      eachCell(sheet, rect, (c) => { if (v === "General") delete c.align; else c.align = v; });
    });
  }
  get fill(): RangeFill {
    let f = this._children.get("fill") as RangeFill | undefined;
    if (!f) { f = new RangeFill(this.context, `${this._path}.fill`, () => this._target()); this._children.set("fill", f); }
    return f;
  }
  get font(): RangeFont {
    let f = this._children.get("font") as RangeFont | undefined;
    if (!f) { f = new RangeFont(this.context, `${this._path}.font`, () => this._target()); this._children.set("font", f); }
    return f;
  }
}

const HORIZONTAL_ALIGNMENTS = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"];

function eachCell(sheet: MSheet, rect: Rect, f: (c: MCell) => void): void {
  if (rect.rows * rect.cols > CELL_LIMIT) throw new DoubleError("RangeExceedsLimit", "The cell count in the range has exceeded the maximum supported number.");
  for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) f(sheet.cell(rect.row + r, rect.col + c));
}

function normColor(v: string): string {
  const named: Record<string, string> = { red: "#FF0000", yellow: "#FFFF00", white: "#FFFFFF", black: "#000000", orange: "#FFA500" };
  const n = named[v.toLowerCase()];
  if (n) return n;
  if (!/^#[0-9a-f]{6}$/i.test(v)) throw invalidArg(`'${v}' is not a colour.`);
  return v.toUpperCase();
}

export class RangeFill extends ClientObject {
  protected _scalars() { return ["color"]; }
  protected _readScalar(t: unknown): unknown {
    const { sheet, rect } = t as RangeRef;
    return sheet.get(rect.row, rect.col)?.fill ?? "#FFFFFF";
  }
  get color(): string { return this._get("color"); }
  set color(v: string) {
    this._set("color", v, ({ sheet, rect }: RangeRef) => {
      const c = normColor(v);
      guardFormat(sheet, rect);
      eachCell(sheet, rect, (cell) => { cell.fill = c; });
    });
  }
  clear(): void {
    this._call("clear", undefined, ({ sheet, rect }: RangeRef) => {
      guardFormat(sheet, rect);
      for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) {
        const cell = sheet.get(rect.row + r, rect.col + c);
        if (cell) delete cell.fill;
      }
    });
  }
}

export class RangeFont extends ClientObject {
  protected _scalars() { return ["bold", "color", "size"]; }
  protected _readScalar(t: unknown, name: string): unknown {
    const { sheet, rect } = t as RangeRef;
    const cell = sheet.get(rect.row, rect.col);
    if (name === "size") return cell?.fontSize ?? 11;
    return name === "bold" ? cell?.bold ?? false : cell?.fontColor ?? "#000000";
  }
  /** Points; Excel accepts 1 to 409. */
  get size(): number { return this._get("size"); }
  set size(v: number) {
    this._set("size", v, ({ sheet, rect }: RangeRef) => {
      if (!(typeof v === "number" && v >= 1 && v <= 409)) throw invalidArg(`font size ${v}`);
      guardFormat(sheet, rect);
      eachCell(sheet, rect, (c) => { c.fontSize = v; });
    });
  }
  get bold(): boolean { return this._get("bold"); }
  set bold(v: boolean) {
    this._set("bold", v, ({ sheet, rect }: RangeRef) => { guardFormat(sheet, rect); eachCell(sheet, rect, (c) => { c.bold = v; }); });
  }
  get color(): string { return this._get("color"); }
  set color(v: string) {
    this._set("color", v, ({ sheet, rect }: RangeRef) => {
      const col = normColor(v);
      guardFormat(sheet, rect);
      eachCell(sheet, rect, (c) => { c.fontColor = col; });
    });
  }
}

/** Range.format.protection (ExcelApi 1.2): whether cells are locked (null when the range is mixed). */
export class FormatProtection extends ClientObject {
  protected _scalars() { return ["locked"]; }
  protected _readScalar(t: unknown): unknown {
    const { sheet, rect } = t as RangeRef;
    let unlocked = 0;
    for (const [k, c] of sheet.cells) {
      const row = Math.floor(k / 16384), col = k % 16384;
      if (c.locked === false && row >= rect.row && row < rect.row + rect.rows && col >= rect.col && col < rect.col + rect.cols) unlocked++;
    }
    return unlocked === 0 ? true : unlocked === rect.rows * rect.cols ? false : null;
  }
  get locked(): boolean { return this._get("locked"); }
  set locked(v: boolean) {
    this._set("locked", v, ({ sheet, rect }: RangeRef) => {
      if (typeof v !== "boolean") throw invalidArg("locked");
      if (sheet.protection.protected) throw accessDenied(sheet, "locking or unlocking cells");
      eachCell(sheet, rect, (c) => { if (v) delete c.locked; else c.locked = false; });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats

/**
 * The types a rule can be set to (Excel.ConditionalFormatRuleType for data bars,
 * Excel.ConditionalFormatColorCriterionType for colour scales; "Invalid" is what Excel reads back
 * for a rule it cannot show, not a type to set). Number, Percent, Formula and Percentile need a
 * `formula`: the number (0 to 100 for Percent and Percentile) or a formula ("=$A$1").
 */
const DATA_BAR_RULE_TYPES = ["Automatic", "LowestValue", "HighestValue", "Number", "Percent", "Formula", "Percentile"];
const COLOR_CRITERION_TYPES = ["LowestValue", "HighestValue", "Number", "Percent", "Formula", "Percentile"];

function ruleFormula(type: string, formula: unknown, what: string): string | undefined {
  if (!["Number", "Percent", "Formula", "Percentile"].includes(type)) return undefined;
  if (typeof formula !== "string" || formula.trim() === "") throw invalidArg(`${what}: a rule of type ${type} needs a formula.`);
  if (type === "Formula" && !formula.startsWith("=")) throw invalidArg(`${what}: '${formula}' is not a formula.`);
  if (!formula.startsWith("=")) {
    const n = Number(formula);
    if (!Number.isFinite(n)) throw invalidArg(`${what}: '${formula}' is not a number.`);
    if ((type === "Percent" || type === "Percentile") && (n < 0 || n > 100)) throw invalidArg(`${what}: ${type} ${formula} is not between 0 and 100.`);
  }
  return formula;
}

function dataBarRule(v: unknown, what: string): MDataBarRule {
  const r = v as { type?: unknown; formula?: unknown } | null;
  if (!r || typeof r !== "object" || typeof r.type !== "string" || !DATA_BAR_RULE_TYPES.includes(r.type)) throw invalidArg(`${what}: '${String(r?.type)}' is not a data bar rule type.`);
  const formula = ruleFormula(r.type, r.formula, what);
  return formula === undefined ? { type: r.type } : { type: r.type, formula };
}

function colorScaleCriteria(v: unknown): MColorScaleCriteria {
  const c = v as Record<string, unknown> | null;
  if (!c || typeof c !== "object") throw invalidArg("A colour scale's criteria must be an object.");
  const point = (key: "minimum" | "midpoint" | "maximum"): MColorScaleCriterion | undefined => {
    const p = c[key] as { type?: unknown; formula?: unknown; color?: unknown } | null | undefined;
    if (p === undefined || p === null) {
      if (key === "midpoint") return undefined;
      throw invalidArg(`A colour scale needs a ${key}.`);
    }
    if (typeof p.type !== "string" || !COLOR_CRITERION_TYPES.includes(p.type)) throw invalidArg(`colour scale ${key}: '${String(p.type)}' is not a criterion type.`);
    const formula = ruleFormula(p.type, p.formula, `colour scale ${key}`);
    if (p.color !== undefined && typeof p.color !== "string") throw invalidArg(`colour scale ${key}: the colour must be text.`);
    const color = p.color === undefined ? undefined : normColor(p.color);
    return { type: p.type, ...(formula !== undefined ? { formula } : {}), ...(color !== undefined ? { color } : {}) };
  };
  const minimum = point("minimum")!, midpoint = point("midpoint"), maximum = point("maximum")!;
  return { minimum, ...(midpoint ? { midpoint } : {}), maximum };
}

/**
 * Takes the cells of `rect` out of the conditional formats of `sheet`, as Excel's "Clear Rules from
 * Selected Cells", ConditionalFormatCollection.clearAll and Range.clear("All" | "Formats") do: a
 * rule over other cells too keeps applying to them (its areas become what is left, possibly several
 * rectangles), a rule with no cell left is deleted. A custom rule's formula is written for the
 * top-left cell of its areas: when that cell moves, its relative references move with it (as the
 * xlsx host does, src/hosts/xlsx/user-formats.ts), so each cell left tests what it tested.
 * Colour scales and data bars are not rewritten: Excel refuses relative references in their
 * criteria. What the double does not model: the lowest and highest values a colour scale or data
 * bar is drawn between now come from the cells left only (the double draws nothing).
 */
function clearConditionalFormats(sheet: MSheet, rect: Rect): void {
  sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => {
    if (!cf.areas.some((a) => overlaps(a, rect))) return true;
    const left = rectsWithout(cf.areas, [rect]);
    if (left.length === 0) return false;
    const before = rectsTopLeft(cf.areas), after = rectsTopLeft(left);
    if (cf.custom?.formula !== undefined) cf.custom.formula = movedFormula(cf.custom.formula, after.row - before.row, after.col - before.col);
    cf.areas = left;
    return true;
  });
}

/**
 * Range.conditionalFormats (ExcelApi 1.6): "the collection of ConditionalFormats that intersect the
 * range", in the order they were added (Excel's by priority, which the double does not model).
 * `items` loads each rule's id, type and, through customOrNullObject, a formula rule's formula;
 * getItem(id) is a rule of the collection by its id.
 */
export class ConditionalFormatCollection extends ClientCollection<ConditionalFormat> {
  protected _list(target: unknown): unknown[] {
    const { sheet, rect } = target as RangeRef;
    return sheet.conditionalFormats.filter((cf) => cf.areas.some((a) => overlaps(a, rect)));
  }
  protected _item(model: unknown, i: number): ConditionalFormat {
    return new ConditionalFormat(this.context, `${this._path}[${i}]`, () => model);
  }
  getItem(id: string): ConditionalFormat {
    return new ConditionalFormat(this.context, `${this._path}.getItem(${JSON.stringify(id)})`, () => {
      const found = (this._list(this._target()) as MConditionalFormat[]).find((cf) => String(cf.id) === id);
      if (!found) throw notFound(`${this._path}.getItem(${JSON.stringify(id)})`);
      return found;
    });
  }
  add(type: "ColorScale" | "DataBar" | "Custom" | string): ConditionalFormat {
    let made: { id: number } | null = null;
    const cf = new ConditionalFormat(this.context, `${this._path}.add(${type})`, () => made);
    this._call("add", type, ({ sheet, rect }: RangeRef) => {
      guardFormat(sheet, rect);
      if (type !== "ColorScale" && type !== "DataBar" && type !== "Custom") throw invalidArg(`Conditional format type '${type}' is not supported by the double.`);
      const m: MConditionalFormat = { id: newId(), type, areas: [{ row: rect.row, col: rect.col, rows: rect.rows, cols: rect.cols }], ...(type === "Custom" ? { custom: {} } : {}) };
      sheet.conditionalFormats.push({ ...m });
      made = sheet.conditionalFormats[sheet.conditionalFormats.length - 1]!;
    });
    return cf;
  }
  clearAll(): void {
    this._call("clearAll", undefined, ({ sheet, rect }: RangeRef) => {
      guardFormat(sheet, rect);
      clearConditionalFormats(sheet, rect);
    });
  }
}

export class ConditionalFormat extends ClientObject {
  protected _scalars() { return ["id", "type"]; }
  protected _readScalar(t: unknown, name: string): unknown { return name === "id" ? String((t as { id: number }).id) : (t as { type: string }).type; }
  protected override _nav(name: string): ClientObject | undefined {
    if (name === "customOrNullObject") return this.customOrNullObject;
    return name === "custom" ? this.custom : undefined;
  }
  /** ConditionalFormat.id (ExcelApi 1.6): "the priority … and id" of the rule; the double's is its model's, as text. */
  get id(): string { return this._get("id"); }
  get type(): string { return this._get("type"); }
  /** ConditionalFormat.customOrNullObject (ExcelApi 1.6): `custom`, or a null object on a rule of another type. */
  get customOrNullObject(): CustomConditionalFormat {
    let c = this._children.get("customOrNullObject") as CustomConditionalFormat | undefined;
    if (!c) {
      c = new CustomConditionalFormat(this.context, `${this._path}.customOrNullObject`, () => {
        const m = this._target<MConditionalFormat>();
        return m.type === "Custom" ? (m.custom ??= {}) : null;
      }, true);
      this._children.set("customOrNullObject", c);
    }
    return c;
  }
  /** ColorScaleConditionalFormat.criteria (ExcelApi 1.6): minimum, an optional midpoint, maximum. */
  get colorScale() {
    const self = this;
    return {
      set criteria(v: Excel.ConditionalColorScaleCriteria) { self._call("colorScale.criteria", v, (m: MConditionalFormat) => {
        if (m.type !== "ColorScale") throw new DoubleError("InvalidOperation", "Not a colour scale.");
        m.colorScale = { criteria: colorScaleCriteria(v) };
      }); },
    };
  }
  /** DataBarConditionalFormat (ExcelApi 1.6): its direction, the bar's fill, where the bar starts and ends. */
  get dataBar() {
    const self = this;
    const bound = (key: "lowerBoundRule" | "upperBoundRule", v: Excel.ConditionalDataBarRule) =>
      self._call(`dataBar.${key}`, v, (m: MConditionalFormat) => {
        if (m.type !== "DataBar") throw new DoubleError("InvalidOperation", "Not a data bar.");
        m.dataBar = { ...m.dataBar, [key]: dataBarRule(v, key) };
      });
    return {
      set barDirection(v: string) { self._call("dataBar.barDirection", v, (m: { dataBar?: Record<string, unknown> }) => { m.dataBar = { ...m.dataBar, barDirection: v }; }); },
      set lowerBoundRule(v: Excel.ConditionalDataBarRule) { bound("lowerBoundRule", v); },
      set upperBoundRule(v: Excel.ConditionalDataBarRule) { bound("upperBoundRule", v); },
      positiveFormat: {
        set fillColor(v: string) { self._call("dataBar.positiveFormat.fillColor", v, (m: { type: string; dataBar?: Record<string, unknown> }) => {
          if (m.type !== "DataBar") throw new DoubleError("InvalidOperation", "Not a data bar.");
          m.dataBar = { ...m.dataBar, positiveFillColor: normColor(v) };
        }); },
      },
    };
  }
  /**
   * The rule and format of a custom conditional format (ExcelApi 1.6: "Returns the custom
   * conditional format properties if the current conditional format is a custom type"); a command
   * through it on another type fails, as `colorScale` and `dataBar` do.
   */
  get custom(): CustomConditionalFormat {
    let c = this._children.get("custom") as CustomConditionalFormat | undefined;
    if (!c) {
      c = new CustomConditionalFormat(this.context, `${this._path}.custom`, () => {
        const m = this._target<MConditionalFormat>();
        if (m.type !== "Custom") throw new DoubleError("InvalidOperation", "Not a custom conditional format.");
        return (m.custom ??= {});
      });
      this._children.set("custom", c);
    }
    return c;
  }
  delete(): void {
    this._call("delete", undefined, (m: { id: number }) => {
      for (const s of this.context._state.workbook.sheets) s.conditionalFormats = s.conditionalFormats.filter((c) => c.id !== m.id);
    });
  }
}

/** ConditionalFormat.custom (ExcelApi 1.6): its `rule` and its `format`. */
export class CustomConditionalFormat extends ClientObject {
  protected _scalars() { return []; }
  protected _readScalar() { return undefined; }
  protected override _nav(name: string): ClientObject | undefined {
    if (name === "rule") return this.rule;
    if (name === "format") return this.format;
    return undefined;
  }
  get rule(): ConditionalFormatRule {
    return this._kid("rule", () => new ConditionalFormatRule(this.context, `${this._path}.rule`, () => this._target<MCustomFormat>()));
  }
  get format(): ConditionalRangeFormat {
    return this._kid("format", () => new ConditionalRangeFormat(this.context, `${this._path}.format`, () => this._target<MCustomFormat>()));
  }
  private _kid<T extends ClientObject>(key: string, make: () => T): T {
    let c = this._children.get(key);
    if (!c) { c = make(); this._children.set(key, c); }
    return c as T;
  }
}

/**
 * ConditionalFormatRule (ExcelApi 1.6): the formula the format is applied by, as for the range's
 * top-left cell ("=A1>5"). `formulaLocal` reads the same (the double's locale is en-US); the
 * double does not translate to R1C1, nor calculate the formula.
 */
export class ConditionalFormatRule extends ClientObject {
  protected _scalars() { return ["formula", "formulaLocal"]; }
  protected _readScalar(t: unknown): unknown { return (t as MCustomFormat).formula ?? ""; }
  get formula(): string { return this._get("formula"); }
  set formula(v: string) {
    this._set("formula", v, (m: MCustomFormat) => {
      if (typeof v !== "string") throw invalidArg("A conditional format's formula must be text.");
      m.formula = v;
    });
  }
  get formulaLocal(): string { return this._get("formulaLocal"); }
}

/** ConditionalRangeFormat (ExcelApi 1.6): the font and fill a conditional format gives. */
export class ConditionalRangeFormat extends ClientObject {
  protected _scalars() { return []; }
  protected _readScalar() { return undefined; }
  protected override _nav(name: string): ClientObject | undefined {
    if (name === "font") return this.font;
    if (name === "fill") return this.fill;
    return undefined;
  }
  get font(): ConditionalRangeFont {
    let f = this._children.get("font") as ConditionalRangeFont | undefined;
    if (!f) { f = new ConditionalRangeFont(this.context, `${this._path}.font`, () => this._target<MCustomFormat>()); this._children.set("font", f); }
    return f;
  }
  get fill(): ConditionalRangeFill {
    let f = this._children.get("fill") as ConditionalRangeFill | undefined;
    if (!f) { f = new ConditionalRangeFill(this.context, `${this._path}.fill`, () => this._target<MCustomFormat>()); this._children.set("fill", f); }
    return f;
  }
}

const UNDERLINES = ["None", "Single", "Double"];

/**
 * ConditionalRangeFont (ExcelApi 1.6): what the font becomes while the rule is true; a property
 * never set reads as null (the cell's own font shows through).
 */
export class ConditionalRangeFont extends ClientObject {
  protected _scalars() { return ["bold", "color", "italic", "strikethrough", "underline"]; }
  protected _readScalar(t: unknown, name: string): unknown {
    return ((t as MCustomFormat).font as Record<string, unknown> | undefined)?.[name] ?? null;
  }
  private _font(name: string, v: unknown, check: (v: unknown) => unknown): void {
    this._set(name, v, (m: MCustomFormat) => {
      m.font = { ...m.font, [name]: check(v) };
    });
  }
  get bold(): boolean { return this._get("bold"); }
  set bold(v: boolean) { this._font("bold", v, (x) => { if (typeof x !== "boolean") throw invalidArg("bold"); return x; }); }
  get italic(): boolean { return this._get("italic"); }
  set italic(v: boolean) { this._font("italic", v, (x) => { if (typeof x !== "boolean") throw invalidArg("italic"); return x; }); }
  get strikethrough(): boolean { return this._get("strikethrough"); }
  set strikethrough(v: boolean) { this._font("strikethrough", v, (x) => { if (typeof x !== "boolean") throw invalidArg("strikethrough"); return x; }); }
  get underline(): string { return this._get("underline"); }
  set underline(v: string) { this._font("underline", v, (x) => { if (!UNDERLINES.includes(x as string)) throw invalidArg(`underline '${String(x)}'`); return x; }); }
  /** "HTML color code representation of the text color (e.g., #FF0000 represents Red)". */
  get color(): string { return this._get("color"); }
  set color(v: string) { this._font("color", v, (x) => normColor(String(x))); }
}

/** ConditionalRangeFill (ExcelApi 1.6): the fill while the rule is true. */
export class ConditionalRangeFill extends ClientObject {
  protected _scalars() { return ["color"]; }
  protected _readScalar(t: unknown): unknown { return (t as MCustomFormat).fill?.color ?? null; }
  get color(): string { return this._get("color"); }
  set color(v: string) { this._set("color", v, (m: MCustomFormat) => { m.fill = { ...m.fill, color: normColor(v) }; }); }
  clear(): void { this._call("clear", undefined, (m: MCustomFormat) => { delete m.fill; }); }
}

// ---------------------------------------------------------------------------------------------
// Tables

export class TableCollection extends ClientCollection<Table> {
  protected _list(t: unknown): unknown[] {
    const { wb, sheet } = t as { wb: MWorkbook; sheet: MSheet | null };
    return sheet ? wb.tables.filter((x) => x.sheet === sheet) : wb.tables;
  }
  protected _item(model: unknown, i: number): Table {
    return new Table(this.context, `${this._path}[${i}]`, () => model);
  }
  private _find(name: string): MTable | undefined {
    const { wb, sheet } = this._target<{ wb: MWorkbook; sheet: MSheet | null }>();
    return wb.tables.find((t) => t.name.toLowerCase() === name.toLowerCase() && (!sheet || t.sheet === sheet));
  }
  getItem(name: string): Table {
    const t = new Table(this.context, `${this._path}.getItem(${JSON.stringify(name)})`, () => this._find(name));
    this.context._push(t._path, "$instantiate", undefined, () => { t._resolve(); });
    return t;
  }
  getItemOrNullObject(name: string): Table {
    requireApi(this.context, "TableCollection.getItemOrNullObject");
    const t = new Table(this.context, `${this._path}.getItemOrNullObject(${JSON.stringify(name)})`, () => this._find(name), true);
    t._instantiate();
    return t;
  }
  add(address: string | Range, hasHeaders: boolean): Table {
    sameContext(this.context, address, "TableCollection.add");
    let made: MTable | null = null;
    const t = new Table(this.context, `${this._path}.add(${typeof address === "string" ? JSON.stringify(address) : address._path})`, () => made);
    this._call("add", { address: typeof address === "string" ? address : address._path, hasHeaders }, ({ wb, sheet }: { wb: MWorkbook; sheet: MSheet | null }) => {
      let target: RangeRef;
      if (typeof address === "string") {
        const { sheet: sn, local } = splitSheet(address);
        const s = sn !== undefined ? wb.sheet(sn) : sheet;
        if (!s) throw invalidArg(`'${address}' does not name a worksheet.`);
        if (sheet && s !== sheet) throw invalidArg(`'${address}' is not on this worksheet.`);
        const rect = parseRect(local);
        if (!rect) throw invalidArg(`'${address}' is not a valid address.`);
        target = { sheet: s, rect };
      } else target = address._target<RangeRef>();
      guardContent(target.sheet, target.rect);
      if (wb.tables.some((x) => x.sheet === target.sheet && overlaps(x, target.rect))) {
        throw new DoubleError("InvalidOperation", "A table can't overlap another table.");
      }
      refuseMerged(target.sheet, target.rect);
      let i = wb.tables.length + 1;
      while (wb.tables.some((x) => x.name === `Table${i}`)) i++;
      made = { id: newId(), name: `Table${i}`, sheet: target.sheet, ...target.rect, style: "TableStyleMedium2", hasHeaders };
      wb.tables.push(made);
      uniqueHeaders(made, () => true);
    });
    return t;
  }
}

/**
 * Excel's rules for a table name: a letter, underscore or backslash first, then letters, digits,
 * underscores and periods, at most 255 characters; not a cell reference ("AB12", "R1C1", "RC")
 * nor "C", "c", "R" or "r" ("Rename an Excel table").
 */
function validTableName(v: string): boolean {
  return (
    typeof v === "string" && v.length <= 255 && /^[A-Za-z_\\\p{L}][\p{L}\p{N}_.]*$/u.test(v) &&
    !/^[A-Za-z]{1,3}\d+$/.test(v) && !/^[Rr]\d*([Cc]\d*)?$/.test(v) && !/^[Cc]\d*$/.test(v)
  );
}

/**
 * A table's header row as Excel keeps it: every header is text and unique, ignoring case. A header
 * written (columns `written`, left to right; all of them when the table is made) that is empty
 * becomes "Column<n>", one that another header already has gets the lowest number from 2 that
 * makes it unique ("Điểm", "điểm2"); the headers not written keep their names.
 */
export function uniqueHeaders(t: MTable, written: (col: number) => boolean): void {
  if (!t.hasHeaders) return;
  const cols = Array.from({ length: t.cols }, (_, c) => t.col + c);
  const text = (col: number) => {
    const cell = t.sheet.get(t.row, col);
    return cell && cell.t !== "Empty" ? String(cell.v) : "";
  };
  const taken = new Set(cols.filter((col) => !written(col)).map((col) => text(col).toLowerCase()));
  for (const col of cols) {
    if (!written(col) || t.sheet.get(t.row, col)?.f !== undefined) continue;
    const base = text(col) === "" ? `Column${col - t.col + 1}` : text(col);
    let name = base;
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${base}${k}`;
    taken.add(name.toLowerCase());
    if (name !== text(col) || typeof t.sheet.get(t.row, col)?.v !== "string") setRaw(t.sheet.cell(t.row, col), name);
  }
}

/**
 * A table over merged cells is refused, as Excel refuses it: its UI says "tables can't contain
 * merged cells" (Insert > Table over a merged area, or a table resized over one). The reference
 * of TableCollection.add and Table.resize does not say which error the API gives; the double
 * answers InvalidOperation, as for a table over another table.
 */
function refuseMerged(sheet: MSheet, rect: Rect): void {
  const merged = sheet.merges.find((m) => overlaps(m, rect));
  if (merged) throw new DoubleError("InvalidOperation", `A table can't contain merged cells (${rectAddress(merged)}).`);
}

export class Table extends ClientObject {
  /** A table deleted, converted to a range, or gone with its sheet: its proxy's commands fail with ItemNotFound. */
  protected override _checkPresent(v: unknown): void {
    const wb = this.context._state.workbook;
    if (v !== null && !(wb.tables.includes(v as MTable) && wb.sheets.includes((v as MTable).sheet))) throw notFound(this._path);
  }
  protected _scalars() { return ["name", "style", "id", "showHeaders"]; }
  protected override _nav(name: string): ClientObject | undefined {
    return name === "worksheet" ? this.worksheet : undefined;
  }
  /** The worksheet the table is on (ExcelApi 1.2). */
  get worksheet(): Worksheet {
    requireApi(this.context, "Table.worksheet");
    let w = this._children.get("worksheet") as Worksheet | undefined;
    if (!w) { w = new Worksheet(this.context, `${this._path}.worksheet`, () => this._target<MTable>().sheet); this._children.set("worksheet", w); }
    return w;
  }
  protected _readScalar(t: unknown, name: string): unknown {
    const m = t as MTable;
    if (name === "showHeaders") return m.hasHeaders;
    return (m as unknown as Record<string, unknown>)[name];
  }
  get name(): string { return this._get("name"); }
  set name(v: string) {
    this._set("name", v, (m: MTable) => {
      const wb = this.context._state.workbook;
      if (!validTableName(v)) throw invalidArg(`'${v}' is not a valid table name.`);
      if (wb.tables.some((t) => t !== m && t.name.toLowerCase() === v.toLowerCase())) throw invalidArg(`A table named '${v}' already exists.`);
      // "If you rename a column or table, Excel automatically changes the use of that table and
      // column header in all structured references that are used in the workbook" (Microsoft
      // Support, "Using structured references with Excel tables"): the formulas of every cell and
      // of every conditional format that name the table name it anew.
      if (m.name !== v) {
        for (const sheet of wb.sheets) {
          for (const cell of sheet.cells.values()) if (cell.f !== undefined) cell.f = withTableRenamed(cell.f, m.name, v);
          for (const cf of sheet.conditionalFormats) if (cf.custom?.formula !== undefined) cf.custom.formula = withTableRenamed(cf.custom.formula, m.name, v);
        }
      }
      m.name = v;
    });
  }
  get style(): string { return this._get("style"); }
  set style(v: string) { this._set("style", v, (m: MTable) => { m.style = v; }); }
  /**
   * Deletes the table and its data (use convertToRange to keep the cells). As in Excel, every
   * formula of the workbook that referred to the table by name (`=SUM(Results[Total])`) now
   * reads `#REF!`.
   */
  delete(): void {
    this._call("delete", undefined, (m: MTable) => {
      const wb = this.context._state.workbook;
      wb.tables = wb.tables.filter((t) => t !== m);
      for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) m.sheet.cells.delete(m.sheet.key(m.row + r, m.col + c));
      for (const sheet of wb.sheets) {
        for (const cell of sheet.cells.values()) if (cell.f !== undefined) cell.f = withoutStructuredRefs(cell.f, m.name);
      }
      calculation(this.context._state, undefined);
    });
  }
  /**
   * Resizes the table to a new range (ExcelApi 1.13). Excel's rules: the new range overlaps the
   * table's, its top row (the header row) stays where it is, and it overlaps no other table. The
   * table keeps its name, style and identity, so formulas that refer to it by name keep working.
   */
  resize(newRange: string | Range): void {
    requireApi(this.context, "Table.resize");
    sameContext(this.context, newRange, "Table.resize");
    this._call("resize", typeof newRange === "string" ? newRange : newRange._path, (m: MTable) => {
      let rect: Rect | null;
      if (typeof newRange === "string") {
        const { sheet: sn, local } = splitSheet(newRange);
        if (sn !== undefined && this.context._state.workbook.sheet(sn) !== m.sheet) throw invalidArg(`'${newRange}' is not on the table's worksheet.`);
        rect = parseRect(local);
      } else {
        const target = newRange._target<RangeRef>();
        if (target.sheet !== m.sheet) throw invalidArg("The range is not on the table's worksheet.");
        rect = target.rect;
      }
      if (!rect) throw invalidArg(`'${String(newRange)}' is not a valid address.`);
      if (!overlaps(m, rect) || rect.row !== m.row) throw invalidArg("The new range must overlap the table and keep its header row in the same row.");
      const wb = this.context._state.workbook;
      if (wb.tables.some((x) => x !== m && x.sheet === m.sheet && overlaps(x, rect!))) throw new DoubleError("InvalidOperation", "A table can't overlap another table.");
      refuseMerged(m.sheet, rect);
      Object.assign(m, { row: rect.row, col: rect.col, rows: rect.rows, cols: rect.cols });
      // Formulas that name the table read its new cells.
      calculation(this.context._state, undefined);
    });
  }
  /**
   * "Converts the table into a normal range of cells. All data is preserved." (ExcelApi 1.2): the
   * table is gone, its name free, and its cells keep their values, formulas and formats. As in
   * Excel ("structured references (references that use table names) that were used in formulas
   * turn into regular cell references", Microsoft Support, "Convert an Excel table to a range of
   * data"), the formulas of every cell and conditional format that named it read its cells
   * (withStructuredRefsAsCells). Returns the range the table was on.
   */
  convertToRange(): Range {
    requireApi(this.context, "Table.convertToRange");
    let area: RangeRef | null = null;
    const range = new Range(this.context, `${this._path}.convertToRange()`, () => area);
    this._call("convertToRange", undefined, (m: MTable) => {
      const wb = this.context._state.workbook;
      const headers = Array.from({ length: m.cols }, (_, c) => {
        const cell = m.sheet.get(m.row, m.col + c);
        return cell && cell.t !== "Empty" ? String(cell.v) : "";
      });
      for (const sheet of wb.sheets) {
        for (const cell of sheet.cells.values()) if (cell.f !== undefined) cell.f = withStructuredRefsAsCells(cell.f, m, headers, sheet);
        for (const cf of sheet.conditionalFormats) if (cf.custom?.formula !== undefined) cf.custom.formula = withStructuredRefsAsCells(cf.custom.formula, m, headers, sheet);
      }
      wb.tables = wb.tables.filter((t) => t !== m);
      area = { sheet: m.sheet, rect: { row: m.row, col: m.col, rows: m.rows, cols: m.cols } };
    });
    return range;
  }
  getRange(): Range {
    return new Range(this.context, `${this._path}.getRange()`, () => {
      const m = this._target<MTable>();
      return { sheet: m.sheet, rect: { row: m.row, col: m.col, rows: m.rows, cols: m.cols } };
    });
  }
}

/**
 * A formula with its references to a table (`Name[...]`, brackets nested as in
 * `Name[[#This Row],[Total]]`) replaced by `#REF!`, as Excel does when the table is deleted.
 * Text in string literals is left alone.
 */
export function withoutStructuredRefs(formula: string, table: string): string {
  const lower = table.toLowerCase();
  let out = "";
  for (let i = 0; i < formula.length; ) {
    const ch = formula[i]!;
    if (ch === '"') {
      const end = formula.indexOf('"', i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    const before = i === 0 ? "" : formula[i - 1]!;
    if (formula.slice(i, i + table.length).toLowerCase() === lower && formula[i + table.length] === "[" && !/[\p{L}\p{N}_.]/u.test(before)) {
      let depth = 0;
      let j = i + table.length;
      for (; j < formula.length; j++) {
        if (formula[j] === "[") depth++;
        else if (formula[j] === "]" && --depth === 0) break;
      }
      out += "#REF!";
      i = j + 1;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * A formula on `on` with its structured references to table `t` (headers `headers`) turned into
 * the cell references they stand for, absolute and with the table's sheet when the formula is on
 * another (`=SUM(HoSo[Số hồ sơ])` → `=SUM('Kết quả'!$C$31:$C$32)`): what Excel does to the
 * workbook's formulas when the table is converted to a range. Modelled: the name alone (its data),
 * `T[Column]`, `T[#All]`, `T[#Data]`, `T[#Headers]`, `T[[#Headers],[Column]]` (with #All, #Data,
 * or #Headers and #Data together) and column spans `T[[A]:[B]]`. Not modelled, left as they are:
 * `#This Row` and `@` (this-row references), the table's columns named without it in its own
 * cells (`=[@Qty]*2`), `#Totals` (the double's tables have no total row), and a table without a
 * header row. Text in string literals and quoted sheet names is left alone,
 * as are longer names, sheet names and other tables' references, as in withTableRenamed.
 */
export function withStructuredRefsAsCells(formula: string, t: MTable, headers: readonly string[], on: MSheet): string {
  const reference = (rect: Rect) => {
    const abs = (row: number, col: number) => `$${columnLetters(col)}$${row + 1}`;
    const cells = rect.rows === 1 && rect.cols === 1 ? abs(rect.row, rect.col) : `${abs(rect.row, rect.col)}:${abs(rect.row + rect.rows - 1, rect.col + rect.cols - 1)}`;
    return on === t.sheet ? cells : `${quoteSheet(t.sheet.name)}!${cells}`;
  };
  return withTableReferences(formula, t.name, (name, spec) => {
    const rect = structuredRect(spec, t, headers);
    return rect ? reference(rect) : name + spec;
  });
}

/**
 * A formula with each reference to table `table` (its name, compared without case, and the
 * specifier in brackets right after it, if any) replaced by what `replace` makes of it. Text in
 * string literals and quoted sheet names is left alone, and so are columns in brackets, longer
 * names, sheet names (`Table!A1`) and other workbooks' tables (`[1]!Table`).
 */
function withTableReferences(formula: string, table: string, replace: (name: string, spec: string) => string): string {
  const lower = table.toLowerCase();
  /** The end (exclusive) of the brackets opened at `i`, `'` escaping the next character. */
  const bracketsEnd = (i: number) => {
    let depth = 0;
    let j = i;
    for (; j < formula.length; j++) {
      if (formula[j] === "'") j++;
      else if (formula[j] === "[") depth++;
      else if (formula[j] === "]" && --depth === 0) break;
    }
    return Math.min(j + 1, formula.length);
  };
  let out = "";
  for (let i = 0; i < formula.length; ) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      const end = formula.indexOf(ch, i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "[") {
      const end = bracketsEnd(i);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    const before = i === 0 ? "" : formula[i - 1]!;
    const after = formula[i + table.length] ?? "";
    if (formula.slice(i, i + table.length).toLowerCase() === lower && !/[\p{L}\p{N}_.\\!\]]/u.test(before) && !/[\p{L}\p{N}_.\\!(]/u.test(after)) {
      const start = i + table.length;
      const end = after === "[" ? bracketsEnd(start) : start;
      out += replace(formula.slice(i, start), formula.slice(start, end));
      i = end;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * A formula with its references to table `from` (`From[Total]`, `From[[#This Row],[Total]]`, and
 * the name alone, `=ROWS(From)`; compared without case) naming table `to`: what Excel does to the
 * workbook's formulas when a table is renamed. Text in string literals and quoted sheet names is
 * left alone, and so are the columns in brackets, longer names, sheet names (`From!A1`) and other
 * workbooks' tables.
 */
export function withTableRenamed(formula: string, from: string, to: string): string {
  return withTableReferences(formula, from, (_, spec) => to + spec);
}

// ---------------------------------------------------------------------------------------------
// Charts

const CHART_TYPES = ["BarClustered", "BarStacked", "BarStacked100", "ColumnClustered", "ColumnStacked", "Radar", "RadarMarkers", "RadarFilled", "Line", "Pie"];

/** Excel's specifications and limits: "Data series in one chart: 255". */
export const SERIES_LIMIT = 255;

export class ChartCollection extends ClientCollection<Chart> {
  protected _list(s: unknown): unknown[] { return (s as MSheet).charts; }
  protected _item(model: unknown, i: number): Chart {
    return new Chart(this.context, `${this._path}[${i}]`, () => model);
  }
  /** "Gets a chart using its name. If there are multiple charts with the same name, the first one will be returned." */
  getItem(name: string): Chart {
    const c = new Chart(this.context, `${this._path}.getItem(${JSON.stringify(name)})`, () => this._target<MSheet>().charts.find((x) => x.name === name));
    this.context._push(c._path, "$instantiate", undefined, () => { c._resolve(); });
    return c;
  }
  getItemOrNullObject(name: string): Chart {
    requireApi(this.context, "ChartCollection.getItemOrNullObject");
    const c = new Chart(this.context, `${this._path}.getItemOrNullObject(${JSON.stringify(name)})`, () => this._target<MSheet>().charts.find((x) => x.name === name), true);
    c._instantiate();
    return c;
  }
  /** Creates a chart from a source range: one series per column (or row) of numbers. */
  add(type: string, sourceData: Range, seriesBy?: "Auto" | "Columns" | "Rows"): Chart {
    sameContext(this.context, sourceData, "ChartCollection.add");
    let made: MChart | null = null;
    const chart = new Chart(this.context, `${this._path}.add(${JSON.stringify(type)})`, () => made);
    this._call("add", { type, sourceData: sourceData._path, seriesBy }, (s: MSheet) => {
      if (!CHART_TYPES.includes(type)) throw invalidArg(`Chart type '${type}'.`);
      const { sheet, rect } = sourceData._target<RangeRef>();
      const byRows = seriesBy === "Rows" || (seriesBy !== "Columns" && rect.cols > rect.rows);
      const series: MSeries[] = [];
      const n = byRows ? rect.rows : rect.cols;
      if (n > SERIES_LIMIT) throw invalidArg(`A chart holds at most ${SERIES_LIMIT} series (${n} in the source data).`);
      for (let i = 0; i < n; i++) {
        const r: Rect = byRows ? { row: rect.row + i, col: rect.col, rows: 1, cols: rect.cols } : { row: rect.row, col: rect.col + i, rows: rect.rows, cols: 1 };
        series.push({ name: `Series${i + 1}`, values: `${quoteSheet(sheet.name)}!${rectAddress(r)}` });
      }
      let i = s.charts.length + 1;
      while (s.charts.some((c) => c.name === `Chart ${i}`)) i++;
      made = { id: newId(), name: `Chart ${i}`, chartType: type, title: "", categoryAxisTitle: "", valueAxisTitle: "", reversePlotOrder: false, valueAxisMaximum: null, valueAxisMinimum: null, categoryAxisPosition: "Automatic", valueAxisPosition: "Automatic", categoryAxisLabelSize: null, valueAxisLabelSize: null, categoryAxisTickLabelSpacing: null, series };
      s.charts.push(made);
    });
    return chart;
  }
}

declare module "./model" {
  interface MChart {
    /** `axes.valueAxis.maximum`: null while Excel picks the scale. */
    valueAxisMaximum?: number | null;
    /** `axes.valueAxis.minimum`: null while Excel picks the scale (it starts near the smallest value when the values are close). */
    valueAxisMinimum?: number | null;
    /**
     * `axes.categoryAxis.position` (ExcelApi 1.8): where the value axis crosses the category axis.
     * "Automatic" crosses at the first category, which reversePlotOrder puts at the top of a bar
     * chart, so the value axis is drawn at the top; "Maximum" crosses at the last category.
     */
    categoryAxisPosition?: ChartAxisPosition;
    /** `axes.valueAxis.position` (ExcelApi 1.8): where the category axis crosses the value axis. */
    valueAxisPosition?: ChartAxisPosition;
    /** `axes.categoryAxis.format.font.size` (ExcelApi 1.1): the labels' size in points; null while the chart's style sets it. */
    categoryAxisLabelSize?: number | null;
    /** `axes.valueAxis.format.font.size`. */
    valueAxisLabelSize?: number | null;
    /**
     * `axes.categoryAxis.tickLabelSpacing` (ExcelApi 1.7): every how many categories one is
     * labelled; null while Excel picks it (it skips the labels it finds no room for).
     */
    categoryAxisTickLabelSpacing?: number | null;
    /** `dataLabels.showValue` (ExcelApi 1.1): each point's value shown beside it; off on a new chart. */
    dataLabelsShowValue?: boolean;
    /** `dataLabels.position` (ExcelApi 1.1), an Excel.ChartDataLabelPosition. */
    dataLabelsPosition?: string;
    /** `dataLabels.format.font.size` (ExcelApi 1.1), in points; null while the chart's style sets it. */
    dataLabelsFontSize?: number | null;
    /** `dataLabels.format.fill.setSolidColor` (ExcelApi 1.1): the labels' background, as given ("#FFFFFF" or a colour name). */
    dataLabelsFill?: string;
  }
}

/** Excel.ChartDataLabelPosition, the values `ChartDataLabels.position` takes. */
const DATA_LABEL_POSITIONS = ["Invalid", "None", "Center", "InsideEnd", "InsideBase", "OutsideEnd", "Left", "Right", "Top", "Bottom", "BestFit", "Callout"];

/** Excel.ChartAxisPosition; "Custom" is what `setPositionAt` gives, not a value to set. */
export type ChartAxisPosition = "Automatic" | "Maximum" | "Minimum" | "Custom";
const SETTABLE_POSITIONS = ["Automatic", "Maximum", "Minimum"];

export class Chart extends ClientObject {
  protected _scalars() { return ["name", "chartType", "id"]; }
  protected _readScalar(t: unknown, name: string): unknown { return (t as unknown as Record<string, unknown>)[name]; }
  protected override _nav(name: string): ClientObject | undefined {
    if (name === "series") return this.series;
    if (name === "title") return this.title;
    return undefined;
  }
  get name(): string { return this._get("name"); }
  set name(v: string) {
    // Excel does not keep chart names unique on a sheet: ChartCollection.getItem says "If there are
    // multiple charts with the same name, the first one will be returned."
    this._set("name", v, (m: MChart) => {
      m.name = v;
    });
  }
  get chartType(): string { return this._get("chartType"); }
  set chartType(v: string) { requireApi(this.context, "Chart.chartType (set)"); this._set("chartType", v, (m: MChart) => { if (!CHART_TYPES.includes(v)) throw invalidArg(v); m.chartType = v; }); }
  /** The chart's title (ChartTitle, ExcelApi 1.1): its text set, or loaded (`load("title/text")`). */
  get title(): ChartTitle {
    let t = this._children.get("title") as ChartTitle | undefined;
    if (!t) { t = new ChartTitle(this.context, `${this._path}.title`, () => this._target<MChart>()); this._children.set("title", t); }
    return t;
  }
  get axes() {
    const self = this;
    const axis = (which: "category" | "value") => ({
      title: { set text(v: string) { self._call(`axes.${which}.title.text`, v, (m: MChart) => { if (which === "category") m.categoryAxisTitle = v; else m.valueAxisTitle = v; }); } },
      set reversePlotOrder(v: boolean) { requireApi(self.context, "ChartAxis.reversePlotOrder"); self._call(`axes.${which}.reversePlotOrder`, v, (m: MChart) => { if (which === "category") m.reversePlotOrder = v; }); },
      /**
       * ChartAxis.maximum and minimum (ExcelApi 1.1): a number, or "" for the automatic scale. Only
       * a value axis has a numeric scale: on a category axis of text categories Excel refuses them.
       */
      set maximum(v: number | string) {
        self._call(`axes.${which}.maximum`, v, (m: MChart) => {
          if (which !== "value") throw invalidArg("The category axis has no maximum.");
          m.valueAxisMaximum = scale(v, "maximum");
        });
      },
      set minimum(v: number | string) {
        self._call(`axes.${which}.minimum`, v, (m: MChart) => {
          if (which !== "value") throw invalidArg("The category axis has no minimum.");
          m.valueAxisMinimum = scale(v, "minimum");
        });
      },
      /**
       * ChartAxis.tickLabelSpacing (ExcelApi 1.7): "the number of categories or series between
       * tick-mark labels. Can be a value from 1 through 31999 or an empty string for automatic
       * setting." It "applies only to category and series axes": a value axis's label spacing "is
       * always calculated by Microsoft Excel" (Axis.TickLabelSpacing), so it is refused there.
       */
      set tickLabelSpacing(v: number | string) {
        requireApi(self.context, "ChartAxis.tickLabelSpacing");
        self._call(`axes.${which}.tickLabelSpacing`, v, (m: MChart) => {
          if (which !== "category") throw invalidArg("The value axis's tick label spacing is always automatic.");
          if (v === "") m.categoryAxisTickLabelSpacing = null;
          else if (typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 31999) m.categoryAxisTickLabelSpacing = v;
          else throw invalidArg(`tickLabelSpacing '${String(v)}' (1 through 31999, or "").`);
        });
      },
      /** ChartAxis.format.font (ExcelApi 1.1): the size of the axis's labels, in points. */
      format: {
        font: {
          set size(v: number) {
            self._call(`axes.${which}.format.font.size`, v, (m: MChart) => {
              if (!(typeof v === "number" && Number.isFinite(v) && v > 0)) throw invalidArg(`font size '${String(v)}'.`);
              if (which === "category") m.categoryAxisLabelSize = v;
              else m.valueAxisLabelSize = v;
            });
          },
        },
      },
      /** ChartAxis.position (ExcelApi 1.8): where the other axis crosses this one. */
      set position(v: ChartAxisPosition) {
        requireApi(self.context, "ChartAxis.position");
        self._call(`axes.${which}.position`, v, (m: MChart) => {
          if (!SETTABLE_POSITIONS.includes(v)) throw invalidArg(`position '${String(v)}' (use setPositionAt for a custom position).`);
          if (which === "category") m.categoryAxisPosition = v;
          else m.valueAxisPosition = v;
        });
      },
    });
    const scale = (v: number | string, what: string): number | null => {
      if (v === "") return null;
      if (typeof v === "number" && Number.isFinite(v)) return v;
      throw invalidArg(`${what} '${String(v)}'.`);
    };
    return { categoryAxis: axis("category"), valueAxis: axis("value") };
  }
  /**
   * Chart.dataLabels (ExcelApi 1.1): the data labels of all the chart's series. showValue a
   * boolean; position one of Excel.ChartDataLabelPosition; format.font.size in points.
   */
  get dataLabels() {
    const self = this;
    return {
      set showValue(v: boolean) {
        self._call("dataLabels.showValue", v, (m: MChart) => {
          if (typeof v !== "boolean") throw invalidArg(`showValue '${String(v)}'.`);
          m.dataLabelsShowValue = v;
        });
      },
      set position(v: string) {
        self._call("dataLabels.position", v, (m: MChart) => {
          if (!DATA_LABEL_POSITIONS.includes(v)) throw invalidArg(`position '${String(v)}'.`);
          m.dataLabelsPosition = v;
        });
      },
      format: {
        font: {
          set size(v: number) {
            self._call("dataLabels.format.font.size", v, (m: MChart) => {
              if (!(typeof v === "number" && Number.isFinite(v) && v > 0)) throw invalidArg(`font size '${String(v)}'.`);
              m.dataLabelsFontSize = v;
            });
          },
        },
        /** ChartFill.setSolidColor(color): "HTML color code representing the color of the background, in the form #RRGGBB (e.g., "FFA500") or as a named HTML color (e.g., "orange")". */
        fill: {
          setSolidColor(color: string): void {
            self._call("dataLabels.format.fill.setSolidColor", color, (m: MChart) => {
              if (typeof color !== "string" || !(/^#?[0-9a-f]{6}$/i.test(color) || /^[a-z]+$/i.test(color))) throw invalidArg(`color '${String(color)}'.`);
              m.dataLabelsFill = color;
            });
          },
        },
      },
    };
  }
  get series(): ChartSeriesCollection {
    let s = this._children.get("series") as ChartSeriesCollection | undefined;
    if (!s) { s = new ChartSeriesCollection(this.context, `${this._path}.series`, () => this._target<MChart>()); this._children.set("series", s); }
    return s;
  }
  setPosition(startCell: string | Range, endCell?: string | Range): void {
    sameContext(this.context, startCell, "Chart.setPosition");
    sameContext(this.context, endCell, "Chart.setPosition");
    const addr = (x: string | Range | undefined) => (x === undefined ? undefined : typeof x === "string" ? x : x._path);
    this._call("setPosition", [addr(startCell), addr(endCell)], (m: MChart) => {
      const s = typeof startCell === "string" ? startCell : rectAddress(startCell._target<RangeRef>().rect);
      const e = endCell === undefined ? undefined : typeof endCell === "string" ? endCell : rectAddress(endCell._target<RangeRef>().rect);
      if (!parseRect(splitSheet(s).local) || (e !== undefined && !parseRect(splitSheet(e).local))) throw invalidArg("setPosition");
      m.position = e === undefined ? { start: s } : { start: s, end: e };
    });
  }
  delete(): void {
    this._call("delete", undefined, (m: MChart) => {
      for (const s of this.context._state.workbook.sheets) s.charts = s.charts.filter((c) => c !== m);
    });
  }
}

/** A chart's title (ExcelApi 1.1): the text the chart shows above it, "" when it has none. */
export class ChartTitle extends ClientObject {
  protected _scalars() { return ["text"]; }
  protected _readScalar(t: unknown): unknown { return (t as MChart).title; }
  get text(): string { return this._get("text"); }
  set text(v: string) { this._set("text", v, (m: MChart) => { m.title = v; }); }
}

/**
 * ChartSeries.name: "The name's length should not be greater than 255 characters" (the Excel JS
 * reference); a longer one fails the request.
 */
const SERIES_NAME_MAX = 255;
function checkSeriesName(name: string): void {
  if (name.length > SERIES_NAME_MAX) throw invalidArg(`A series' name is at most ${SERIES_NAME_MAX} characters long.`);
}

export class ChartSeriesCollection extends ClientCollection<ChartSeries> {
  protected _list(c: unknown): unknown[] { return (c as MChart).series; }
  protected _item(model: unknown, i: number): ChartSeries {
    return new ChartSeries(this.context, `${this._path}[${i}]`, () => model);
  }
  protected override _scalars(): string[] { return ["count"]; }
  getItemAt(index: number): ChartSeries {
    return new ChartSeries(this.context, `${this._path}.getItemAt(${index})`, () => this._target<MChart>().series[index]);
  }
  add(name?: string): ChartSeries {
    requireApi(this.context, "ChartSeriesCollection.add");
    let made: MSeries | null = null;
    const s = new ChartSeries(this.context, `${this._path}.add(${JSON.stringify(name ?? null)})`, () => made);
    this._call("add", name ?? null, (m: MChart) => {
      if (m.series.length >= SERIES_LIMIT) throw invalidArg(`A chart holds at most ${SERIES_LIMIT} series.`);
      if (name !== undefined) checkSeriesName(name);
      made = { name: name ?? `Series${m.series.length + 1}` };
      m.series.push(made);
    });
    return s;
  }
}

export class ChartSeries extends ClientObject {
  protected _scalars() { return ["name"]; }
  protected _readScalar(t: unknown): unknown { return (t as MSeries).name; }
  get name(): string { return this._get("name"); }
  set name(v: string) { this._set("name", v, (m: MSeries) => { checkSeriesName(v); m.name = v; }); }
  private _rangeAddress(r: Range): string {
    const { sheet, rect } = r._target<RangeRef>();
    return `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
  }
  setValues(source: Range): void {
    requireApi(this.context, "ChartSeries.setValues");
    sameContext(this.context, source, "ChartSeries.setValues");
    this._call("setValues", source._path, (m: MSeries) => { m.values = this._rangeAddress(source); });
  }
  setXAxisValues(source: Range): void {
    requireApi(this.context, "ChartSeries.setXAxisValues");
    sameContext(this.context, source, "ChartSeries.setXAxisValues");
    this._call("setXAxisValues", source._path, (m: MSeries) => { m.xAxisValues = this._rangeAddress(source); });
  }
  delete(): void {
    requireApi(this.context, "ChartSeries.delete");
    this._call("delete", undefined, (m: MSeries) => {
      for (const s of this.context._state.workbook.sheets) for (const c of s.charts) c.series = c.series.filter((x) => x !== m);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Notes (ExcelApi 1.18) and comments (ExcelApi 1.10)

/**
 * Notes and comments by cell, so that looking one up does not scan the workbook's list: kept up to
 * date by the double's own adds and deletes, rebuilt when the list changed otherwise (a test
 * pushing into it, rows inserted).
 */
type Placed = { sheet: MSheet; row: number; col: number };
const placedIndex = new WeakMap<Placed[], { length: number; map: Map<string, Placed>; dups: boolean }>();
const placeKey = (sheet: MSheet, row: number, col: number) => `${sheet.id}|${row}|${col}`;
function placedMap(list: Placed[]): { length: number; map: Map<string, Placed>; dups: boolean } {
  let c = placedIndex.get(list);
  if (!c || c.length !== list.length) {
    c = { length: list.length, map: new Map(), dups: false };
    for (const p of list) {
      const k = placeKey(p.sheet, p.row, p.col);
      if (!c.map.has(k)) c.map.set(k, p);
      else c.dups = true;
    }
    placedIndex.set(list, c);
  }
  return c;
}
function placedAt<T extends Placed>(list: T[], sheet: MSheet, row: number, col: number): T | undefined {
  return placedMap(list).map.get(placeKey(sheet, row, col)) as T | undefined;
}
function addPlaced<T extends Placed>(list: T[], item: T): void {
  const c = placedMap(list);
  list.push(item);
  const k = placeKey(item.sheet, item.row, item.col);
  if (!c.map.has(k)) c.map.set(k, item);
  else c.dups = true;
  c.length = list.length;
}
function removePlaced<T extends Placed>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i < 0) return;
  const c = placedMap(list);
  list.splice(i, 1);
  const k = placeKey(item.sheet, item.row, item.col);
  if (c.map.get(k) === item) {
    c.map.delete(k);
    const other = c.dups && list.find((p) => p.sheet === item.sheet && p.row === item.row && p.col === item.col);
    if (other) c.map.set(k, other);
  }
  c.length = list.length;
}

/**
 * The cell a note or comment is added on, or looked up by. Their references differ:
 * - NoteCollection.add: "This can be a Range object or a string such as "A1". If the string is
 *   invalid, or the range is not a single cell, an InvalidCellAddress error is thrown." An address
 *   without a sheet names a cell of the active worksheet (the reference does not say which sheet;
 *   the workbook's notes collection has no other to pick).
 * - CommentCollection.add: "If it's a string, it must contain the full address, including the sheet
 *   name. An InvalidArgument error is thrown if the provided range is larger than one cell."
 */
function cellOf(wb: MWorkbook, address: string | Range, rule: { unqualified: "active" | "refused"; code: "InvalidCellAddress" | "InvalidArgument" } = { unqualified: "refused", code: "InvalidArgument" }): { sheet: MSheet; row: number; col: number } {
  const refuse = (why: string) =>
    rule.code === "InvalidArgument" ? invalidArg(why) : new DoubleError("InvalidCellAddress", `The cell address is invalid. ${why}`);
  if (typeof address !== "string") {
    const { sheet, rect } = address._target<RangeRef>();
    if (rect.rows !== 1 || rect.cols !== 1) throw refuse("The range is not a single cell.");
    return { sheet, row: rect.row, col: rect.col };
  }
  const { sheet: sn, local } = splitSheet(address);
  const sheet = sn !== undefined ? wb.sheet(sn) : rule.unqualified === "active" ? wb.activeSheet ?? wb.sheets[0] : undefined;
  const rect = parseRect(local);
  if (!sheet || !rect || rect.rows !== 1 || rect.cols !== 1) throw refuse(`'${address}' is not a single cell on a worksheet${rule.unqualified === "refused" ? " (use 'Sheet1!A1')" : ""}.`);
  return { sheet, row: rect.row, col: rect.col };
}
/** How notes name their cell: "A1" on the active sheet or "Sheet1!A1"; a bad one is InvalidCellAddress when a note is added. */
const NOTE_CELL = { unqualified: "active", code: "InvalidCellAddress" } as const;

export class NoteCollection extends ClientCollection<Note> {
  protected _list(wb: unknown): unknown[] { return (wb as MWorkbook).notes; }
  protected _item(model: unknown, i: number): Note { return new Note(this.context, `${this._path}[${i}]`, () => model); }
  add(cellAddress: string | Range, content: string): Note {
    sameContext(this.context, cellAddress, "NoteCollection.add");
    let made: unknown = null;
    const n = new Note(this.context, `${this._path}.add()`, () => made);
    this._call("add", { cellAddress: typeof cellAddress === "string" ? cellAddress : cellAddress._path, content }, (wb: MWorkbook) => {
      const at = cellOf(wb, cellAddress, NOTE_CELL);
      if (placedAt(wb.notes, at.sheet, at.row, at.col)) throw new DoubleError("InvalidOperation", "The cell already has a note.");
      // A cell holds a note or a threaded comment, not both.
      if (placedAt(wb.comments, at.sheet, at.row, at.col)) throw new DoubleError("InvalidOperation", "The operation attempted is invalid on the object. The cell has a threaded comment, so it cannot also have a note.");
      guardObjects(at.sheet);
      const m = { ...at, content };
      addPlaced(wb.notes, m);
      made = m;
    });
    return n;
  }
  private _find(key: string) {
    const wb = this.context._state.workbook;
    // "key: The cell address of the note", as add takes it ("A1" is on the active sheet).
    const at = cellOf(wb, key, { unqualified: "active", code: "InvalidArgument" });
    return placedAt(wb.notes, at.sheet, at.row, at.col);
  }
  getItem(key: string): Note {
    const n = new Note(this.context, `${this._path}.getItem(${JSON.stringify(key)})`, () => this._find(key));
    this.context._push(n._path, "$instantiate", undefined, () => { n._resolve(); });
    return n;
  }
  getItemOrNullObject(key: string): Note {
    requireApi(this.context, "NoteCollection.getItemOrNullObject");
    const n = new Note(this.context, `${this._path}.getItemOrNullObject(${JSON.stringify(key)})`, () => this._find(key), true);
    n._instantiate();
    return n;
  }
}

/**
 * What Note and Comment share: the text on one cell (`content`), the cell it is on now
 * (`getLocation()`, wherever inserted rows or columns moved it) and `delete()`.
 */
abstract class OnCell extends ClientObject {
  /** The workbook's list this kind is kept in (notes or comment threads). */
  protected abstract _placedIn(wb: MWorkbook): (MNote | MComment)[];
  get content(): string { return this._get("content"); }
  set content(v: string) { this._set("content", v, (m: { sheet: MSheet; content: string }) => { guardObjects(m.sheet); m.content = v; }); }
  getLocation(): Range {
    return new Range(this.context, `${this._path}.getLocation()`, () => {
      const m = this._target<{ sheet: MSheet; row: number; col: number }>();
      return { sheet: m.sheet, rect: { row: m.row, col: m.col, rows: 1, cols: 1 } };
    });
  }
  /** A comment's delete "deletes the comment and all the connected replies". */
  delete(): void {
    this._call("delete", undefined, (m: MNote | MComment) => {
      guardObjects(m.sheet);
      removePlaced(this._placedIn(this.context._state.workbook), m);
    });
  }
}

/** A note (ExcelApi 1.18); `getLocation()` is the cell it is on. */
export class Note extends OnCell {
  protected _scalars() { return ["content"]; }
  protected _readScalar(t: unknown): unknown { return (t as { content: string }).content; }
  protected _placedIn(wb: MWorkbook): MNote[] { return wb.notes; }
}

export class CommentCollection extends ClientCollection<Comment> {
  protected _list(wb: unknown): unknown[] { return (wb as MWorkbook).comments; }
  protected _item(model: unknown, i: number): Comment { return new Comment(this.context, `${this._path}[${i}]`, () => model); }
  add(cellAddress: string | Range, content: string, _contentType?: string): Comment {
    sameContext(this.context, cellAddress, "CommentCollection.add");
    let made: unknown = null;
    const c = new Comment(this.context, `${this._path}.add()`, () => made);
    this._call("add", { cellAddress: typeof cellAddress === "string" ? cellAddress : cellAddress._path, content }, (wb: MWorkbook) => {
      const at = cellOf(wb, cellAddress);
      if (placedAt(wb.comments, at.sheet, at.row, at.col)) throw new DoubleError("InvalidOperation", "The cell already has a comment thread.");
      if (placedAt(wb.notes, at.sheet, at.row, at.col)) throw new DoubleError("InvalidOperation", "The operation attempted is invalid on the object. The cell has a note, so it cannot also have a threaded comment.");
      guardObjects(at.sheet);
      // Office.js sets no author: the comment is the signed-in user's.
      const m: MComment = { id: `c${newId()}`, ...at, content, author: this.context._state.userName };
      addPlaced(wb.comments, m);
      made = m;
    });
    return c;
  }
  getItemByCell(cellAddress: string | Range): Comment {
    requireApi(this.context, "CommentCollection.getItemByCell");
    sameContext(this.context, cellAddress, "CommentCollection.getItemByCell");
    const c = new Comment(this.context, `${this._path}.getItemByCell()`, () => {
      const wb = this.context._state.workbook;
      const at = cellOf(wb, cellAddress);
      return placedAt(wb.comments, at.sheet, at.row, at.col);
    });
    this.context._push(c._path, "$instantiate", undefined, () => { c._resolve(); });
    return c;
  }
}

export class Comment extends OnCell {
  private _replies?: CommentReplyCollection;
  protected _scalars() { return ["content", "id", "authorName"]; }
  protected _readScalar(t: unknown, name: string): unknown { return name === "authorName" ? (t as MComment).author ?? "" : (t as Record<string, unknown>)[name]; }
  protected _placedIn(wb: MWorkbook): MComment[] { return wb.comments; }
  protected override _nav(name: string): ClientObject | undefined {
    return name === "replies" ? this.replies : undefined;
  }
  get id(): string { return this._get("id"); }
  /** "Gets the name of the comment's author" (read-only, ExcelApi 1.10): Office.js cannot set it. */
  get authorName(): string { return this._get("authorName"); }
  /** "Represents a collection of reply objects associated with the comment" (ExcelApi 1.10); `load("replies/items/…")` goes through it. */
  get replies(): CommentReplyCollection {
    return (this._replies ??= new CommentReplyCollection(this.context, `${this._path}.replies`, () => this._resolve()));
  }
}

/**
 * A thread's replies (CommentReplyCollection, ExcelApi 1.10): `add(content, contentType?)` "creates
 * a comment reply for a comment", `getCount()`, `getItem(commentReplyId)`, `getItemAt(index)`, and
 * `items` once loaded.
 */
export class CommentReplyCollection extends ClientCollection<CommentReply> {
  protected _list(c: unknown): unknown[] { return ((c as MComment).replies ??= []); }
  protected _item(model: unknown, i: number): CommentReply { return new CommentReply(this.context, `${this._path}[${i}]`, () => model); }
  add(content: string, _contentType?: string): CommentReply {
    let made: unknown = null;
    const r = new CommentReply(this.context, `${this._path}.add()`, () => made);
    this._call("add", { content }, (c: MComment) => {
      guardObjects(c.sheet);
      const m: MCommentReply = { id: `r${newId()}`, content, author: this.context._state.userName };
      (c.replies ??= []).push(m);
      made = m;
    });
    return r;
  }
  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this._call("getCount", undefined, (c: MComment) => {
      const n = c.replies?.length ?? 0;
      return { response: n, commit: () => { result._value = { v: n }; } };
    });
    return result;
  }
  getItem(commentReplyId: string): CommentReply {
    const r = new CommentReply(this.context, `${this._path}.getItem(${JSON.stringify(commentReplyId)})`, () => this._target<MComment>().replies?.find((x) => x.id === commentReplyId));
    this.context._push(r._path, "$instantiate", undefined, () => { r._resolve(); });
    return r;
  }
  getItemAt(index: number): CommentReply {
    const r = new CommentReply(this.context, `${this._path}.getItemAt(${index})`, () => this._target<MComment>().replies?.[index]);
    this.context._push(r._path, "$instantiate", undefined, () => { r._resolve(); });
    return r;
  }
}

/** A reply in a thread (CommentReply, ExcelApi 1.10). */
export class CommentReply extends ClientObject {
  protected _scalars() { return ["content", "id", "authorName"]; }
  protected _readScalar(t: unknown, name: string): unknown { return name === "authorName" ? (t as MCommentReply).author ?? "" : (t as Record<string, unknown>)[name]; }
  get id(): string { return this._get("id"); }
  /** "Gets the name of the comment reply's author" (read-only, ExcelApi 1.10). */
  get authorName(): string { return this._get("authorName"); }
  get content(): string { return this._get("content"); }
  set content(v: string) { this._set("content", v, (m: MCommentReply) => { m.content = v; }); }
  /** Deletes the reply; the comment and its other replies stay. */
  delete(): void {
    this._call("delete", undefined, (m: MCommentReply) => {
      const wb = this.context._state.workbook;
      for (const c of wb.comments) {
        const i = c.replies?.indexOf(m) ?? -1;
        if (i < 0) continue;
        guardObjects(c.sheet);
        c.replies!.splice(i, 1);
        return;
      }
    });
  }
}

export { columnLetters };
