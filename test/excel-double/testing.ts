/** Helpers for the double's own tests: a batch run on a given double, and the code a batch fails with. */
import type { ExcelDouble } from "./index";

export function run<T>(d: ExcelDouble, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
  return d.Excel.run(batch as never) as Promise<T>;
}

/** The Office.js error code the promise rejects with (`undefined` when it resolves). */
export async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}
