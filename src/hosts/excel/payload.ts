/**
 * Keeping every request under Excel on the web's 5 MB payload limit: each queued operation
 * carries an estimate of its JSON size as Office.js serialises it, and operations are packed into
 * requests of at most REQUEST_BUDGET bytes (and, for lookups, responses of at most RESPONSE_BUDGET).
 *
 * Office.js sends a request as {"Actions": […], "ObjectPaths": {…}}: every object a command goes
 * through (`getItem("Sheet")`, `getRange("D5")`, `format`, `fill`) is listed once as an object path
 * ({"Id", "ObjectPathType", "Name", "ParentObjectPathId", "ArgumentInfo"}) and instantiated by an
 * Instantiate action of its own, then each command is one Query, SetProperty or Method action.
 * `getRange("D5").format.fill.load("color")` weighs about 550 bytes with the five- and six-digit ids
 * a long session reaches, most of it paths, not arguments.
 */
import type { Message } from "../../core/i18n/text";
import { forgetAll } from "./proxies";

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** What the host lets one request weigh: 1 MB below the limit for what the estimates miss. */
export const REQUEST_BUDGET = 4 * 1024 * 1024;
/** What the host lets one lookup's response weigh. */
export const RESPONSE_BUDGET = 4 * 1024 * 1024;
/** A single grid write is cut into row blocks of at most this many bytes so requests pack well. */
export const BLOCK_BUDGET = 1024 * 1024;
/**
 * One object path with its Instantiate action, without its arguments: a method path such as
 * {"Id":123456,"ObjectPathType":3,"Name":"GetRange","ParentObjectPathId":123455,"ArgumentInfo":{"Arguments":[]}}
 * (about 110 bytes) and {"Id":123457,"ActionType":1,"Name":"","ObjectPathId":123456} (about 55).
 */
export const PATH_BYTES = 170;
/** One Query, SetProperty or Method action without its arguments (a Query's QueryInfo included). */
export const ACTION_BYTES = 130;
/** What every operation carries besides its own estimate (rounding, the envelope, the action's name). */
export const COMMAND_OVERHEAD = 40;

/** Bytes of a string once UTF-8 encoded. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The JSON size of what a command sends. */
export function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : utf8Length(JSON.stringify(value));
}

/**
 * What the user is told, in both languages, when Excel refuses a request whole for a reason the
 * user can put right (error codes of "Error handling with the application-specific JavaScript
 * APIs"). Excel's own text is English on many installations and names no next step.
 */
export const USER_REFUSALS = {
  InvalidOperationInCellEditMode: {
    vi: "Excel đang ở chế độ sửa ô nên không nhận lệnh: hãy nhấn Enter hoặc Esc để ra khỏi ô đang sửa rồi thử lại. Những gì đã ghi trước đó vẫn giữ nguyên.",
    en: "Excel is editing a cell, so it took no command: press Enter or Esc to leave the cell, then try again. What was written before stays as it is.",
  },
  InactiveWorkbook: {
    vi: "Một sổ làm việc khác đang được chọn nên Excel không nhận lệnh cho sổ này: hãy bấm vào sổ này rồi thử lại.",
    en: "Another workbook is active, so Excel took no command for this one: click into this workbook, then try again.",
  },
  // Some Excel builds refuse to merge cells (the results sheet's title) while a chart or a shape
  // is selected (OfficeDev/office-js#399). The request stops there: a run again writes it whole.
  InvalidSelection: {
    vi: "Excel không làm tiếp được khi đang chọn một biểu đồ hay một hình: hãy bấm vào một ô bất kỳ của trang tính rồi thử lại.",
    en: "Excel could not go on while a chart or a shape is selected: click any cell of a sheet, then try again.",
  },
} as const satisfies Record<string, Message>;

export type UserRefusalCode = keyof typeof USER_REFUSALS;

/** The code of a refusal the user can put right (USER_REFUSALS), or undefined. */
export function userRefusal(e: unknown): UserRefusalCode | undefined {
  const code = errorCode(e);
  return code !== undefined && Object.hasOwn(USER_REFUSALS, code) ? (code as UserRefusalCode) : undefined;
}

/**
 * Errors of a request Excel refuses as a whole, before running any of it: the user is typing in a
 * cell, another workbook is active (USER_REFUSALS), the request was aborted or is too large.
 * Nothing in it happened. (A selection Excel cannot work with stops a request where it is met.)
 */
const REFUSED_WHOLE = new Set<string>(["InvalidOperationInCellEditMode", "InactiveWorkbook", "RequestAborted", "RequestPayloadSizeLimitExceeded"]);

export function refusedWhole(e: unknown): boolean {
  return REFUSED_WHOLE.has(errorCode(e) ?? "");
}

/** The code of an error Office.js raised (`OfficeExtension.Error.code`), if it has one. */
export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Whether Excel failed a request because what it asked for is too large to answer at once: the
 * response is over the payload limit, or a range has more cells than Excel reads at a time. Asking
 * for less (fewer sheets, fewer rows, a smaller page) in the next request may work.
 */
export function tooLarge(e: unknown): boolean {
  const code = errorCode(e);
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RangeExceedsLimit";
}

/** The estimate of an operation that goes through `paths` new object paths and takes `actions` actions, plus its arguments. */
export function opBytes(paths: number, actions: number, ...args: unknown[]): number {
  return paths * PATH_BYTES + actions * ACTION_BYTES + args.reduce<number>((n, a) => n + jsonBytes(a), 0);
}

/** The worksheet path (`worksheets.getItem(name)`) that a request lists once for all the operations on that sheet. */
export function sheetPathBytes(name: string): number {
  return 2 * PATH_BYTES + jsonBytes(name);
}

export interface QueuedOp {
  bytes: number;
  /** The response it adds (loads only). */
  response: number;
  /** The sheet whose path it goes through (counted once a request). */
  sheet?: string;
  queue: (ctx: Excel.RequestContext) => void;
  fallback?: Fallback;
  replay?: Replay;
}

/**
 * Why an operation went by its fallback: Excel refused it ("refused"); Excel refused others in the
 * same request so many times that it was not tried ("untried", REFUSALS_TRIED and LIKELY_TRIED);
 * or Excel refused one of the request's operations with a fallback without saying which (no
 * trace messages came back: "unsaid"), and the request was sent again with all of them by their
 * fallbacks (an operation that ran before the refusal stays done).
 */
export type FallbackReason = "refused" | "untried" | "unsaid";

/**
 * What an operation does instead when Excel refuses it for a reason of the workbook's that cannot
 * be read beforehand (a comment on a cell that has a note, before ExcelApi 1.18): `when` says which
 * failures. The fallback must do nothing that fails where the operation did, and must do the same
 * when it is sent twice (a request Excel refused without saying where is sent again whole).
 */
export interface Fallback {
  when: (e: unknown) => boolean;
  queue: (ctx: Excel.RequestContext, reason: FallbackReason) => void;
  /**
   * Excel is likely to refuse it (the cell is thought to hold a note): it goes after the other
   * operations of its request, and by its fallback without being tried once Excel has refused
   * LIKELY_TRIED operations in the request.
   */
  likely?: boolean;
}

/**
 * What an operation sends when its request is sent again whole because Excel refused it without
 * saying where (no trace messages came back): part of it may have run already. "same": the
 * operation itself does the same when sent twice (values, formats and fills written again, a
 * property set); a function: what to send instead (e.g. a mark's fill without deleting its
 * comment, which may be gone already). An operation without one (adding or deleting a sheet, a
 * table, a note) keeps its request from being sent again whole.
 */
export type Replay = "same" | ((ctx: Excel.RequestContext) => void);

export interface OpOptions {
  /** The sheet the operation works on through `sheetOf`: its path is counted once a request. */
  sheet?: string;
  /** The estimated size of what the operation brings back (loads). */
  response?: number;
  /** What it does instead when Excel refuses it (write requests only: a request sent again brings no loads back). */
  fallback?: Fallback;
  /** What it sends when its request is sent again whole (Replay); absent: it cannot be. */
  replay?: Replay;
}

/**
 * How many times one request is sent again after Excel refused an operation with a fallback: the
 * last time, every operation left with a fallback goes by it, so that a request is sent at most
 * 1 + REFUSALS_TRIED times however many of its operations Excel would refuse.
 */
export const REFUSALS_TRIED = 3;
/**
 * After this many refusals in one request, the operations with a fallback left in it that Excel is
 * likely to refuse go by it untried: those marked so (Fallback.likely), and those on a sheet where
 * Excel refused one in this request (notes come by the sheet: a form whose unit, or a scoring on an
 * Excel with notes, gave many of its cells one). The others keep the last try.
 */
export const LIKELY_TRIED = 2;

/**
 * The codes Excel gives a refused operation with a fallback (a threaded comment on a cell that has
 * a note): the reference lists InvalidArgument for CommentCollection.add, Excel answers
 * InvalidOperation, and some builds answer GeneralException.
 */
export const REFUSAL_CODES: ReadonlySet<string> = new Set(["InvalidOperation", "InvalidArgument", "GeneralException"]);

/**
 * The trace messages around an operation with a fallback (`context.trace`, an action without
 * arguments: the message stays in Office.js). "If the promise returned by context.sync() is
 * rejected due to an error, this adds a .traceMessages array to the OfficeExtension.Error object,
 * containing all trace messages that were executed": the last one says where the request stopped.
 */
const TRACE_BYTES = opBytes(0, 2);
const traceBefore = (i: number) => `>${i}`;
const traceAfter = (i: number) => `<${i}`;
/**
 * The first action of a request with operations that have a fallback: an Excel build that does
 * not send back the traces it ran (the error then has no `traceMessages`, or an empty list) is
 * known by its absence, and the traces are not taken to say where the request stopped.
 */
const TRACE_START = "^";

/**
 * Where a failed request stopped, from the trace messages Excel ran before the failure: `usable`
 * when they came back (TRACE_START is among them), and then `at`, the index of the operation with
 * a fallback it stopped in (undefined: it stopped elsewhere).
 */
function stoppedAt(e: unknown): { usable: boolean; at?: number } {
  const messages = (e as { traceMessages?: unknown } | null)?.traceMessages;
  if (!Array.isArray(messages) || !messages.includes(TRACE_START)) return { usable: false };
  const last = messages[messages.length - 1];
  return typeof last === "string" && last.startsWith(">") ? { usable: true, at: Number(last.slice(1)) } : { usable: true };
}

/** The trace messages a failed request ran before the failure (those of `context.trace`), or undefined when Excel sent none back. */
export function tracesOf(e: unknown): string[] | undefined {
  const messages = (e as { traceMessages?: unknown } | null)?.traceMessages;
  return Array.isArray(messages) ? messages.filter((m): m is string => typeof m === "string") : undefined;
}

/**
 * What encloses, in every request, the operations on one sheet: `open` at the start of the
 * request (before any of its operations), `close` at its end. A protected sheet is unprotected
 * and protected again this way, so that a request Excel refuses whole leaves it protected.
 */
export interface SheetGuard {
  /** The sheet's name. */
  name: string;
  open: (ctx: Excel.RequestContext) => void;
  close: (ctx: Excel.RequestContext) => void;
  /** The estimate of `open` and `close` together. */
  bytes: number;
  /**
   * Run in the first request once every guard of `Guarding.first` is open, before any operation:
   * fails the request when `open` did not do its work (a sheet still protected), so that nothing
   * is written then.
   */
  check?: (ctx: Excel.RequestContext) => void;
  /** The estimate of `check`. */
  checkBytes?: number;
}

export interface Guarding {
  /** The guarded sheets by name in lower case (Excel's sheet names ignore case). */
  guards: Map<string, SheetGuard>;
  /** Sheets (lower case) guarded in the first request whether or not it works on them (in this order, first). */
  first?: string[];
}

/** Operations queued in order, sent in as few requests as the budgets allow. */
export class RequestPacker {
  private ops: QueuedOp[] = [];
  maxRequestBytes = 0;
  requests = 0;
  /** The estimated size of each request sent, in order. */
  readonly estimates: number[] = [];
  /** The guarded sheets of the last request sent or attempted, in the order they were opened. */
  lastGuarded: string[] = [];
  /**
   * How many of the operations queued (in the order they were added) went in requests that
   * completed: when a flush fails, those after them were in the request that failed or never sent.
   */
  completedOps = 0;

  add(bytes: number, queue: (ctx: Excel.RequestContext) => void, options: OpOptions = {}): void {
    this.ops.push({
      bytes: bytes + COMMAND_OVERHEAD + (options.fallback ? TRACE_BYTES : 0),
      response: options.response ?? 0,
      ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
      ...(options.fallback ? { fallback: options.fallback } : {}),
      ...(options.replay ? { replay: options.replay } : {}),
      queue,
    });
  }

  get size(): number {
    return this.ops.length;
  }

  /**
   * Queues and syncs; `prefix` runs at the start of every request (e.g. suspending calculation)
   * and weighs `prefixBytes`. A request ends before an operation that would take it over `budget`,
   * or its response over RESPONSE_BUDGET; an operation larger than the budget goes alone. With
   * `guarding`, each request opens the guards of the sheets it works on before its first operation
   * and closes them after its last (the first request also those of `guarding.first`, and runs their
   * checks once they are all open).
   */
  async flush(ctx: Excel.RequestContext, prefix?: (ctx: Excel.RequestContext) => void, budget = REQUEST_BUDGET, prefixBytes = opBytes(2, 1), guarding?: Guarding): Promise<void> {
    const ops = this.ops;
    this.ops = [];
    this.completedOps = 0;
    if (!ops.length) return;
    const guardOf = (sheet: string | undefined) => (sheet === undefined ? undefined : guarding?.guards.get(sheet.toLowerCase()));
    // First where each request ends, then each request queued: the guards it opens go first.
    type Planned = { ops: QueuedOp[]; guarded: SheetGuard[]; bytes: number };
    const planned: Planned[] = [];
    let current: Planned | null = null;
    let response = 0;
    let sheets = new Set<string>();
    const start = (): Planned => {
      const p: Planned = { ops: [], guarded: [], bytes: prefix ? prefixBytes : 0 };
      sheets = new Set();
      response = 0;
      if (planned.length === 0) {
        for (const key of guarding?.first ?? []) {
          const g = guarding!.guards.get(key);
          if (!g || p.guarded.includes(g)) continue;
          p.guarded.push(g);
          sheets.add(g.name);
          p.bytes += g.bytes + (g.checkBytes ?? 0) + sheetPathBytes(g.name);
        }
      }
      planned.push(p);
      return p;
    };
    for (const op of ops) {
      const fresh = op.sheet !== undefined && !sheets.has(op.sheet);
      const guard = guardOf(op.sheet);
      const extra = (fresh ? sheetPathBytes(op.sheet!) : 0) + (guard && current && !current.guarded.includes(guard) ? guard.bytes : 0);
      if (current && current.ops.length && (current.bytes + op.bytes + extra > budget || response + op.response > RESPONSE_BUDGET)) current = null;
      current ??= start();
      if (op.sheet !== undefined && !sheets.has(op.sheet)) {
        sheets.add(op.sheet);
        current.bytes += sheetPathBytes(op.sheet);
      }
      if (guard && !current.guarded.includes(guard)) {
        current.guarded.push(guard);
        current.bytes += guard.bytes;
        // The guard goes through the sheet by its own name, which may be spelt otherwise.
        if (!sheets.has(guard.name)) {
          sheets.add(guard.name);
          current.bytes += sheetPathBytes(guard.name);
        }
      }
      // The trace a request with operations that have a fallback starts with (TRACE_START).
      if (op.fallback && !current.ops.some((o) => o.fallback)) current.bytes += opBytes(0, 1);
      current.ops.push(op);
      current.bytes += op.bytes;
      response += op.response;
    }
    const checked = new Set(guarding?.first ?? []);
    for (const [i, p] of planned.entries()) {
      // A request whose operation with a fallback Excel refused is sent again from that operation
      // on: Excel runs a request's commands in order and stops at the first that fails, leaving
      // those before it done (the OfficeExtension.Error reference's example: a batch that "inserts
      // the third and fourth paragraphs but causes an error in the call to insert the fifth"). The
      // prefix and the guards go again (unprotect() on a sheet the failed request left unprotected
      // does nothing; the close protects it again); nothing that ran is sent twice. Those Excel is
      // likely to refuse go last, so that the others are tried before the tries run out.
      const likely = p.ops.filter((op) => op.fallback?.likely);
      const ordered = likely.length ? [...p.ops.filter((op) => !op.fallback?.likely), ...likely] : p.ops;
      const traced = ordered.some((op) => op.fallback);
      let ops: { op: QueuedOp; instead?: FallbackReason; replays?: true }[] = ordered.map((op) => ({ op }));
      let sentWhole = false;
      const refusedOn = new Set<string>();
      for (let refusals = 0; ; refusals++) {
        this.lastGuarded = p.guarded.map((g) => g.name);
        if (traced) ctx.trace(TRACE_START);
        prefix?.(ctx);
        for (const g of p.guarded) g.open(ctx);
        if (i === 0 && refusals === 0) for (const g of p.guarded) if (checked.has(g.name.toLowerCase())) g.check?.(ctx);
        ops.forEach(({ op, instead, replays }, j) => {
          if (instead) return op.fallback!.queue(ctx, instead);
          if (replays && op.replay !== "same") return op.replay!(ctx);
          if (op.fallback) ctx.trace(traceBefore(j));
          op.queue(ctx);
          if (op.fallback) ctx.trace(traceAfter(j));
        });
        for (const g of p.guarded) g.close(ctx);
        try {
          await ctx.sync();
        } catch (e) {
          const stopped = stoppedAt(e);
          if (stopped.usable) {
            const refused = stopped.at === undefined ? undefined : ops[stopped.at];
            if (!refused || refused.instead || !refused.op.fallback?.when(e)) throw e;
            const tries = refusals + 1;
            if (refused.op.sheet !== undefined) refusedOn.add(refused.op.sheet.toLowerCase());
            const likelyRefused = (op: QueuedOp) => op.fallback?.likely === true || (op.sheet !== undefined && refusedOn.has(op.sheet.toLowerCase()));
            ops = ops.slice(stopped.at).map((o, k) => {
              if (k === 0) return { op: o.op, instead: "refused" as const };
              const untried = o.op.fallback && !o.instead && (tries >= REFUSALS_TRIED || (tries >= LIKELY_TRIED && likelyRefused(o.op)));
              return untried ? { op: o.op, instead: "untried" as const } : o;
            });
          } else {
            // No trace came back (an older build): where the request stopped is not known. When it
            // has operations with a fallback that Excel could have refused, and each of its other
            // operations can be sent twice (Replay), it is sent again whole once, every operation
            // with a fallback by it; else (or when that fails too) the failure stands.
            const pending = ops.filter((o) => o.op.fallback && !o.instead);
            if (sentWhole || !pending.length || !pending[0]!.op.fallback!.when(e) || !ops.every((o) => o.instead || o.op.fallback || o.op.replay)) throw e;
            // In the first request the failure may be a guard's (a sheet a password protects, whose
            // check fails): a guarded sheet still protected says so, and the failure is the
            // caller's to deal with (this look is not counted: the caller looks again).
            if (i === 0 && refusals === 0 && p.guarded.some((g) => g.check && checked.has(g.name.toLowerCase()))) {
              forgetAll(ctx);
              const states = p.guarded.map((g) => ctx.workbook.worksheets.getItem(g.name).protection.load("protected"));
              await ctx.sync().catch(() => {
                throw e;
              });
              if (states.some((st) => st.protected)) throw e;
            }
            sentWhole = true;
            ops = ops.map((o) => (o.instead ? o : o.op.fallback ? { op: o.op, instead: "unsaid" as const } : { op: o.op, replays: true as const }));
          }
          // Sent and answered: the round trip counts.
          this.requests++;
          this.estimates.push(p.bytes);
          forgetAll(ctx);
          continue;
        }
        break;
      }
      this.requests++;
      this.estimates.push(p.bytes);
      this.maxRequestBytes = Math.max(this.maxRequestBytes, p.bytes);
      this.completedOps += p.ops.length;
    }
  }
}
