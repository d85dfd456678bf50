/**
 * What the tests of threaded comments on the results table share: six unit forms and a copy of the
 * first scored once on an Excel of a given ExcelApi, the copy given a code of its own (a seventh
 * unit, the rows sorted anew), threads added as their authors would, and a run's requests over a
 * table nobody commented on, to compare with.
 */
import type { ExcelDouble } from "../excel-double";
import { score, scoredOnce } from "./fixtures";

export { score, scoredOnce };

export const RESULTS = "Kết quả";
/** The no-break space after the author's name in a text carried. */
export const NBSP = "\u00A0";



/** The copy gets a code of its own (a seventh unit: the rows are sorted again), or its first one back (six units). */
export function copyCode(d: ExcelDouble, code: "U0099" | "U0001"): void {
  [...d.sheet("Bản sao").cells].find(([, c]) => c.v === (code === "U0099" ? "U0001" : "U0099"))![1].v = code;
}

/** The code of the unit on a row of the results table (0-based row). */
export const codeAt = (d: ExcelDouble, row: number) => String(d.sheet(RESULTS).get(row, 1)?.v);

/** The row (0-based) of a unit on the results table. */
export function rowOf(d: ExcelDouble, code: string): number {
  for (let r = 3; r < 20; r++) if (codeAt(d, r) === code) return r;
  throw new Error(`no row for ${code}`);
}

/** A thread on a cell of the results sheet: its first comment by `by`, then each reply by its author. */
export async function thread(d: ExcelDouble, cell: string, by: string, content: string, replies: [string, string][] = []): Promise<void> {
  d.userName = by;
  await Excel.run(async (ctx) => {
    ctx.workbook.comments.add(`'${RESULTS}'!${cell}`, content, "Plain");
    await ctx.sync();
  });
  for (const [author, reply] of replies) {
    d.userName = author;
    await Excel.run(async (ctx) => {
      ctx.workbook.comments.getItemByCell(`'${RESULTS}'!${cell}`).replies.add(reply, "Plain");
      await ctx.sync();
    });
  }
  // The analyst who scores again.
  d.userName = "Lê Văn Chấm";
}

/** The requests of a run that scores a seventh unit on a results sheet nobody commented on. */
export async function plainRequests(ExcelApi: string): Promise<number> {
  const plain = await scoredOnce(ExcelApi);
  copyCode(plain.double, "U0099");
  plain.double.resetCounters();
  await score(plain.double, plain.definition, new Date("2026-01-22T08:00:00Z"));
  return plain.double.syncCount;
}
