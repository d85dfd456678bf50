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
}

export interface OpOptions {
  /** The sheet the operation works on through `sheetOf`: its path is counted once a request. */
  sheet?: string;
  /** The estimated size of what the operation brings back (loads). */
  response?: number;
}

/** Operations queued in order, sent in as few requests as the budgets allow. */
export class RequestPacker {
  private ops: QueuedOp[] = [];
  maxRequestBytes = 0;
  requests = 0;
  /** The estimated size of each request sent, in order. */
  readonly estimates: number[] = [];

  add(bytes: number, queue: (ctx: Excel.RequestContext) => void, options: OpOptions = {}): void {
    this.ops.push({ bytes: bytes + COMMAND_OVERHEAD, response: options.response ?? 0, ...(options.sheet !== undefined ? { sheet: options.sheet } : {}), queue });
  }

  get size(): number {
    return this.ops.length;
  }

  /**
   * Queues and syncs; `prefix` runs at the start of every request (e.g. suspending calculation)
   * and weighs `prefixBytes`. A request ends before an operation that would take it over `budget`,
   * or its response over RESPONSE_BUDGET; an operation larger than the budget goes alone.
   */
  async flush(ctx: Excel.RequestContext, prefix?: (ctx: Excel.RequestContext) => void, budget = REQUEST_BUDGET, prefixBytes = opBytes(2, 1)): Promise<void> {
    const ops = this.ops;
    this.ops = [];
    let used = 0;
    let response = 0;
    let sheets = new Set<string>();
    let open = false;
    const send = async () => {
      await ctx.sync();
      this.requests++;
      this.estimates.push(used);
      this.maxRequestBytes = Math.max(this.maxRequestBytes, used);
      used = 0;
      response = 0;
      sheets = new Set();
      open = false;
    };
    for (const op of ops) {
      const sheetBytes = op.sheet !== undefined && !sheets.has(op.sheet) ? sheetPathBytes(op.sheet) : 0;
      if (open && (used + op.bytes + sheetBytes > budget || response + op.response > RESPONSE_BUDGET)) await send();
      if (!open) {
        prefix?.(ctx);
        if (prefix) used += prefixBytes;
        open = true;
      }
      if (op.sheet !== undefined && !sheets.has(op.sheet)) {
        sheets.add(op.sheet);
        used += sheetPathBytes(op.sheet);
      }
      op.queue(ctx);
      used += op.bytes;
      response += op.response;
    }
    if (open) await send();
  }
}
