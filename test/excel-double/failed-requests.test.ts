/**
 * A request that fails part way, in the Excel double as in Excel: its commands run in order and
 * stop at the first that fails; those before it are done (nothing is rolled back), those after it
 * are not. The OfficeExtension.Error reference shows it with a batch that "successfully inserts the
 * third and fourth paragraphs but causes an error in the call to insert the fifth", and its
 * `traceMessages` ("all trace messages that were executed before the error occurred") say where.
 */
import { createExcelDouble, officeRequest } from "./index";
import { run } from "./testing";

describe("a request that fails part way", () => {
  test("what came before the failing command is done, what came after is not, and the traces executed say where it stopped", async () => {
    const d = createExcelDouble({ requirements: { ExcelApi: "1.17" } });
    const sheet = d.addSheet("Đơn vị 1", [["Mã", "Số liệu"]]);
    // A note Excel 2021 or 2024 cannot read (notes need ExcelApi 1.18): a comment on its cell is refused.
    d.workbook.notes.push({ sheet, row: 4, col: 3, content: "Ghi chú của đơn vị" });
    let error: { code?: string; traceMessages?: string[] } | undefined;
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Đơn vị 1");
      ctx.trace("trước D4");
      ws.getRange("D4").format.fill.color = "#FFC7CE";
      ctx.workbook.comments.add("'Đơn vị 1'!D4", "[DTI Scorer]\nLỗi ở D4.", "Plain");
      ctx.trace("trước D5");
      ws.getRange("D5").format.fill.color = "#FFC7CE";
      ctx.workbook.comments.add("'Đơn vị 1'!D5", "[DTI Scorer]\nLỗi ở D5.", "Plain");
      ctx.trace("sau D5");
      ws.getRange("D6").format.fill.color = "#FFC7CE";
      ctx.workbook.comments.add("'Đơn vị 1'!D6", "[DTI Scorer]\nLỗi ở D6.", "Plain");
      try {
        await ctx.sync();
      } catch (e) {
        error = e as typeof error;
      }
    });
    expect(error?.code).toBe("InvalidOperation");
    expect(error?.traceMessages).toEqual(["trước D4", "trước D5"]);
    // D4 and the fill of D5 went through; D5's comment failed; nothing after it ran.
    expect(d.workbook.comments.map((c) => [c.row, c.content])).toEqual([[3, "[DTI Scorer]\nLỗi ở D4."]]);
    expect(["D4", "D5", "D6"].map((c) => d.cell(`'Đơn vị 1'!${c}`)?.fill)).toEqual(["#FFC7CE", "#FFC7CE", undefined]);
    expect(d.workbook.notes.map((n) => n.content)).toEqual(["Ghi chú của đơn vị"]);
    // Traces go on the wire as actions of their own and reach a request that succeeds as well.
    await run(d, async (ctx) => {
      ctx.trace("lại D6");
      ctx.workbook.comments.add("'Đơn vị 1'!D6", "[DTI Scorer]\nLỗi ở D6.", "Plain");
      await ctx.sync();
    });
    expect(d.requests.map((r) => r.ok)).toEqual([false, true]);
    expect(d.workbook.comments).toHaveLength(2);
  });

  test("a trace is an action on no object path, as Office.js's ActionFactory.createTraceAction sends it; its message stays in the add-in", () => {
    let id = 10;
    const { json } = officeRequest([{ o: "", n: "Trace", k: "trace" }] as never, () => ++id);
    expect(JSON.parse(json)).toEqual({ Actions: [{ Id: 11, ActionType: 5, Name: "Trace", ObjectPathId: 0 }], ObjectPaths: {} });
  });

  test("a request refused whole has run nothing: no trace was executed", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    d.refuseRequests("InvalidOperationInCellEditMode", { at: 1 });
    let error: { code?: string; traceMessages?: string[] } | undefined;
    await run(d, async (ctx) => {
      ctx.trace("đầu");
      ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
      await ctx.sync().catch((e: unknown) => {
        error = e as typeof error;
      });
    });
    expect(error?.code).toBe("InvalidOperationInCellEditMode");
    expect(error?.traceMessages).toEqual([]);
    expect(d.value("S!A1")).toBe("");
  });
});
