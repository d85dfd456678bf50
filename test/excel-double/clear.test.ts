/**
 * Range.clear in the double, as Excel.ClearApplyTo says: "All" (the default) "clears everything in
 * the range", as Excel's Clear All does, the notes and threaded comments (with their replies) on its
 * cells too; "Contents" ("clears the contents of the range") and "Formats" ("clears all formatting
 * for the range") leave them where they are. Notes and comments outside the range stay.
 */
import { createExcelDouble, type ExcelDouble } from "./index";
import { run } from "./testing";

/** "Kết quả" with values in B2:C3, a note on B2 and on D9, a thread with a reply on C3 and one on E1. */
async function workbook(): Promise<ExcelDouble> {
  const d = createExcelDouble({ requirements: { ExcelApi: "1.18" } });
  d.addSheet("Kết quả", [[null], [null, "U0001", 8.5], [null, "U0002", 7]]);
  await run(d, async (ctx) => {
    ctx.workbook.notes.add("'Kết quả'!B2", "Ghi chú của U0001");
    ctx.workbook.notes.add("'Kết quả'!D9", "Ghi chú ngoài vùng");
    ctx.workbook.comments.add("'Kết quả'!C3", "Về U0002: kiểm tra lại", "Plain").replies.add("Đã kiểm tra");
    ctx.workbook.comments.add("'Kết quả'!E1", "Tiêu đề ổn", "Plain");
    await ctx.sync();
  });
  return d;
}

/** What the workbook holds, read back through Office.js: every note and thread with its cell, and B2's value. */
async function seen(d: ExcelDouble): Promise<{ notes: string[]; comments: string[]; b2: unknown }> {
  return run(d, async (ctx) => {
    const notes = ctx.workbook.notes.load("items/content");
    const comments = ctx.workbook.comments.load("items/content,items/replies/items/content");
    const b2 = ctx.workbook.worksheets.getItem("Kết quả").getRange("B2").load("values");
    await ctx.sync();
    const noteAt = notes.items.map((n) => n.getLocation().load("address"));
    const commentAt = comments.items.map((c) => c.getLocation().load("address"));
    await ctx.sync();
    return {
      notes: notes.items.map((n, i) => `${noteAt[i]!.address} ${n.content}`).sort(),
      comments: comments.items.map((c, i) => [`${commentAt[i]!.address} ${c.content}`, ...c.replies.items.map((r) => `> ${r.content}`)].join(" ")).sort(),
      b2: b2.values[0]![0],
    };
  });
}

describe("Range.clear and the notes and threaded comments on the range", () => {
  test('"All", and clear() without applyTo, take the notes and threads (replies and all) on the range; those outside it stay', async () => {
    for (const clear of [(r: Excel.Range) => r.clear("All"), (r: Excel.Range) => r.clear()]) {
      const d = await workbook();
      await run(d, async (ctx) => {
        clear(ctx.workbook.worksheets.getItem("Kết quả").getRange("A1:C5"));
        await ctx.sync();
      });
      expect(await seen(d)).toEqual({ notes: ["'Kết quả'!D9 Ghi chú ngoài vùng"], comments: ["'Kết quả'!E1 Tiêu đề ổn"], b2: "" });
    }
  });

  test('"Contents" and "Formats" leave every note and thread where it is', async () => {
    for (const applyTo of ["Contents", "Formats"] as const) {
      const d = await workbook();
      await run(d, async (ctx) => {
        ctx.workbook.worksheets.getItem("Kết quả").getRange("A1:C5").clear(applyTo);
        await ctx.sync();
      });
      expect(await seen(d)).toEqual({
        notes: ["'Kết quả'!B2 Ghi chú của U0001", "'Kết quả'!D9 Ghi chú ngoài vùng"],
        comments: ["'Kết quả'!C3 Về U0002: kiểm tra lại > Đã kiểm tra", "'Kết quả'!E1 Tiêu đề ổn"],
        b2: applyTo === "Contents" ? "" : "U0001",
      });
    }
  });

  test('a cell cleared with "All" takes a new note or thread where it had one', async () => {
    const d = await workbook();
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Kết quả").getRange("B2:C3").clear("All");
      ctx.workbook.comments.add("'Kết quả'!B2", "Chú thích mới", "Plain");
      ctx.workbook.notes.add("'Kết quả'!C3", "Ghi chú mới");
      await ctx.sync();
    });
    const after = await seen(d);
    expect(after.notes).toContain("'Kết quả'!C3 Ghi chú mới");
    expect(after.comments).toContain("'Kết quả'!B2 Chú thích mới");
  });
});
