/**
 * Who wrote a threaded comment and each of its replies, in the double as in the reference:
 * `Comment.authorName` "gets the name of the comment's author" and `CommentReply.authorName` "the
 * name of the comment reply's author" (ExcelApi 1.10, read-only). An add-in cannot set them: what it
 * adds (CommentCollection.add, CommentReplyCollection.add) is the signed-in user's.
 */
import { createExcelDouble } from "./index";
import { run } from "./testing";

describe("the authors of a threaded comment and its replies", () => {
  test("each comment and reply is the signed-in user's when it was added, and loads with its text in one request", async () => {
    const d = createExcelDouble({ requirements: { ExcelApi: "1.14" }, userName: "Nguyễn Văn A" });
    d.addSheet("Kết quả", [["Mã"]]);
    await run(d, async (ctx) => {
      ctx.workbook.comments.add("'Kết quả'!C4", "Số liệu của U0002 cần xác minh", "Plain");
      await ctx.sync();
    });
    d.userName = "Trần Thị B";
    await run(d, async (ctx) => {
      ctx.workbook.comments.getItemByCell("'Kết quả'!C4").replies.add("Đã xác minh tại chỗ");
      await ctx.sync();
    });
    d.resetCounters();
    const thread = await run(d, async (ctx) => {
      const list = ctx.workbook.comments.load("items/content,items/authorName,items/replies/items/content,items/replies/items/authorName");
      await ctx.sync();
      const c = list.items[0]!;
      return { by: c.authorName, content: c.content, replies: c.replies.items.map((r) => `${r.authorName}: ${r.content}`) };
    });
    expect(d.syncCount).toBe(1);
    expect(thread).toEqual({ by: "Nguyễn Văn A", content: "Số liệu của U0002 cần xác minh", replies: ["Trần Thị B: Đã xác minh tại chỗ"] });
  });

  test("authorName is not loaded until asked for", async () => {
    const d = createExcelDouble({ requirements: { ExcelApi: "1.14" } });
    d.addSheet("Kết quả", [["Mã"]]);
    await run(d, async (ctx) => {
      ctx.workbook.comments.add("'Kết quả'!C4", "Xem lại", "Plain");
      await ctx.sync();
    });
    await expect(run(d, async (ctx) => {
      const list = ctx.workbook.comments.load("items/content");
      await ctx.sync();
      return list.items[0]!.authorName;
    })).rejects.toMatchObject({ code: "PropertyNotLoaded" });
  });
});
