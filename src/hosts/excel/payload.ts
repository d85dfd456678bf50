/**
 * Keeping every request under Excel on the web's 5 MB payload limit: each queued operation
 * carries an estimate of its JSON size (the arguments it sends plus a fixed allowance for the
 * object path), and operations are packed into requests of at most REQUEST_BUDGET bytes.
 */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** What the host lets one request weigh: 1 MB below the limit for the paths and envelope. */
export const REQUEST_BUDGET = 4 * 1024 * 1024;
/** A single grid write is cut into row blocks of at most this many bytes so requests pack well. */
export const BLOCK_BUDGET = 1024 * 1024;
/** The allowance for one command's object path, method name and envelope. */
export const COMMAND_OVERHEAD = 120;

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

export interface QueuedOp {
  bytes: number;
  queue: (ctx: Excel.RequestContext) => void;
}

/** Operations queued in order, sent in as few requests as the budget allows. */
export class RequestPacker {
  private ops: QueuedOp[] = [];
  maxRequestBytes = 0;
  requests = 0;

  add(bytes: number, queue: (ctx: Excel.RequestContext) => void): void {
    this.ops.push({ bytes: bytes + COMMAND_OVERHEAD, queue });
  }

  get size(): number {
    return this.ops.length;
  }

  /** Queues and syncs; `prefix` runs at the start of every request (e.g. suspending calculation). */
  async flush(ctx: Excel.RequestContext, prefix?: (ctx: Excel.RequestContext) => void, budget = REQUEST_BUDGET): Promise<void> {
    let used = 0;
    let open = false;
    for (const op of this.ops) {
      if (open && used + op.bytes > budget) {
        await ctx.sync();
        this.requests++;
        this.maxRequestBytes = Math.max(this.maxRequestBytes, used);
        used = 0;
        open = false;
      }
      if (!open) {
        prefix?.(ctx);
        used += COMMAND_OVERHEAD;
        open = true;
      }
      op.queue(ctx);
      used += op.bytes;
    }
    if (open) {
      await ctx.sync();
      this.requests++;
      this.maxRequestBytes = Math.max(this.maxRequestBytes, used);
    }
    this.ops = [];
  }
}
