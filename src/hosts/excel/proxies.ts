/** One worksheet proxy per sheet name and request context, so a batch names each sheet once. */
const cache = new WeakMap<Excel.RequestContext, Map<string, Excel.Worksheet>>();

export function sheetOf(ctx: Excel.RequestContext, name: string): Excel.Worksheet {
  let m = cache.get(ctx);
  if (!m) cache.set(ctx, (m = new Map()));
  let ws = m.get(name);
  if (!ws) m.set(name, (ws = ctx.workbook.worksheets.getItem(name)));
  return ws;
}

/** Forget the proxies of sheets that were deleted or renamed in this context. */
export function forgetSheet(ctx: Excel.RequestContext, name: string): void {
  cache.get(ctx)?.delete(name);
}

/** Forget every proxy of this context (after a failed request, whose proxies may be invalid). */
export function forgetAll(ctx: Excel.RequestContext): void {
  cache.delete(ctx);
}
