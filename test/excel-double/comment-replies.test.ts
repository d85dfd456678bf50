/**
 * The replies of a threaded comment (ExcelApi 1.10) in the double, as the reference describes them:
 * `Comment.replies` "represents a collection of reply objects associated with the comment"
 * (CommentReplyCollection: add, getCount, getItem, getItemAt, items once loaded), a reply's
 * `content` read and set, `CommentReply.delete()` deleting that reply alone, and `Comment.delete()`
 * that "deletes the comment and all the connected replies". A thread's replies load in the same
 * request as its comment (`load("content,replies/items/id")`).
 */
import { createExcelDouble } from "./index";
import { codeOf, run } from "./testing";

function workbook(ExcelApi = "1.14") {
  const d = createExcelDouble({ requirements: { ExcelApi } });
  d.addSheet("Đơn vị 1", [["Mã", "Số liệu"]]);
  return d;
}

describe("the replies of a threaded comment", () => {
  test("added, counted, read by index or id, loaded with their comment in one request; a reply deleted alone", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      const thread = ctx.workbook.comments.add("'Đơn vị 1'!D4", "Kiểm tra lại số này", "Plain");
      thread.replies.add("Đã sửa", "Plain");
      thread.replies.add("Cảm ơn");
      await ctx.sync();
    });
    expect(d.workbook.comments[0]!.replies?.map((r) => r.content)).toEqual(["Đã sửa", "Cảm ơn"]);

    const seen = await run(d, async (ctx) => {
      const list = ctx.workbook.comments.load({ select: "content,replies/items/id", top: 10, skip: 0 });
      const count = ctx.workbook.comments.getItemByCell("'Đơn vị 1'!D4").replies.getCount();
      const second = ctx.workbook.comments.getItemByCell("'Đơn vị 1'!D4").replies.getItemAt(1).load("content");
      await ctx.sync();
      const byId = list.items[0]!.replies.getItem(list.items[0]!.replies.items[0]!.id).load("content");
      await ctx.sync();
      return { content: list.items[0]!.content, ids: list.items[0]!.replies.items.length, count: count.value, second: second.content, first: byId.content };
    });
    expect(seen).toEqual({ content: "Kiểm tra lại số này", ids: 2, count: 2, second: "Cảm ơn", first: "Đã sửa" });
    // The request that loads the comments brings their replies back in it.
    expect(d.requests[1]!.ok).toBe(true);

    await run(d, async (ctx) => {
      ctx.workbook.comments.getItemByCell("'Đơn vị 1'!D4").replies.getItemAt(0).delete();
      await ctx.sync();
    });
    expect(d.workbook.comments.map((c) => [c.content, c.replies?.map((r) => r.content)])).toEqual([["Kiểm tra lại số này", ["Cảm ơn"]]]);
  });

  test("deleting the comment deletes its replies with it; a reply of a comment that is gone is not found", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      ctx.workbook.comments.add("'Đơn vị 1'!D4", "[DTI Scorer]\nLỗi ở D4.", "Plain").replies.add("Đơn vị đã giải trình");
      await ctx.sync();
    });
    await run(d, async (ctx) => {
      ctx.workbook.comments.getItemByCell("'Đơn vị 1'!D4").delete();
      await ctx.sync();
    });
    expect(d.workbook.comments).toEqual([]);
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.comments.getItemByCell("'Đơn vị 1'!D4").replies.getCount();
      await ctx.sync();
    }))).toBe("ItemNotFound");
  });

  test("a reply is an object of the sheet: a sheet protected without \"edit objects\" refuses it", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      ctx.workbook.comments.add("'Đơn vị 1'!D4", "Kiểm tra lại", "Plain");
      ctx.workbook.worksheets.getItem("Đơn vị 1").protection.protect({ allowEditObjects: false });
      await ctx.sync();
    });
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.comments.getItemByCell("'Đơn vị 1'!D4").replies.add("Đã sửa");
      await ctx.sync();
    }))).toBe("AccessDenied");
    expect(d.workbook.comments[0]!.replies ?? []).toEqual([]);
  });
});
