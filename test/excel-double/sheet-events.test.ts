/**
 * Sheets added, deleted and renamed in the Excel double, as Office.js tells an add-in:
 * WorksheetCollection.onAdded / onDeleted (ExcelApi 1.7) hand their handlers
 * WorksheetAddedEventArgs / WorksheetDeletedEventArgs ({ type, source, worksheetId }), and
 * onNameChanged (ExcelApi 1.17) WorksheetNameChangedEventArgs (with nameBefore and nameAfter).
 * A handler is registered by `add(handler)` once the request is synced, and its
 * EventHandlerResult's `remove()` takes it away on the next sync; an event is sent once the change
 * that caused it is synced, by the add-in or by the user alike.
 */
import ExcelJS from "exceljs";
import { createExcelDouble, type SheetEvent } from "./index";
import { codeOf, run } from "./testing";

/** Lets the handlers Excel called run (Office.js calls them after the request's response). */
const settled = () => new Promise((r) => setTimeout(r, 5));

describe("worksheets.onAdded, onDeleted and onNameChanged in the double", () => {
  test("an add-in's add and delete are heard with the sheet's id, once synced; a handler removed and synced hears no more", async () => {
    const d = createExcelDouble({ requirements: { ExcelApi: "1.7" } });
    d.addSheet("A");
    const heard: SheetEvent[] = [];
    const results = await run(d, async (ctx) => {
      const added = ctx.workbook.worksheets.onAdded.add(async (e) => { heard.push(e as SheetEvent); });
      const deleted = ctx.workbook.worksheets.onDeleted.add(async (e) => { heard.push(e as SheetEvent); });
      // Not registered until the request is sent.
      expect(d.workbook.handlers).toHaveLength(0);
      await ctx.sync();
      expect(d.workbook.handlers.map((h) => [h.event, h.sheet])).toEqual([["added", null], ["deleted", null]]);
      return [added, deleted];
    });

    await run(d, async (ctx) => {
      ctx.workbook.worksheets.add("B");
      await settled();
      expect(heard).toEqual([]);
      await ctx.sync();
    });
    await settled();
    const b = d.sheet("B");
    expect(heard).toEqual([{ type: "WorksheetAdded", source: "Local", worksheetId: b.id }]);

    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("B").delete();
      await ctx.sync();
    });
    await settled();
    expect(heard.slice(1)).toEqual([{ type: "WorksheetDeleted", source: "Local", worksheetId: b.id }]);

    // A delete Excel refuses (the last visible sheet) changes nothing and says nothing.
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("A").delete();
      await ctx.sync();
    }))).toBe("InvalidOperation");
    await settled();
    expect(heard).toHaveLength(2);

    // remove() is a request too: the handlers go when it is synced, in the context they were added in.
    await d.Excel.run(results[0]!.context as never, async (ctx: Excel.RequestContext) => {
      for (const r of results) r.remove();
      expect(d.workbook.handlers).toHaveLength(2);
      await ctx.sync();
    });
    expect(d.workbook.handlers).toHaveLength(0);
    await d.userAddSheet("C");
    await d.userDeleteSheet("C");
    expect(heard).toHaveLength(2);
  });

  test("a user's new sheet, copied sheet, deleted sheet and renamed sheet are heard; sheets a file brings in are each added", async () => {
    const d = createExcelDouble();
    d.addSheet("Đơn vị 1", [["Đơn vị", "Sở A"]]);
    const heard: SheetEvent[] = [];
    const edits: unknown[] = [];
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets;
      for (const ev of [ws.onAdded, ws.onDeleted, ws.onNameChanged]) ev.add(async (e) => { heard.push(e as SheetEvent); });
      ws.onChanged.add(async (e) => { edits.push(e); });
      await ctx.sync();
    });
    const pasted = await d.userAddSheet("Đơn vị 2", [["Đơn vị", "Sở B"]]);
    const copy = await d.userAddSheet("Đơn vị 1 (2)", [], "Đơn vị 1");
    expect(d.value("'Đơn vị 1 (2)'!B1")).toBe("Sở A");
    await d.userRenameSheet("Đơn vị 1 (2)", "Đơn vị 3");
    await d.userDeleteSheet("Đơn vị 2");
    expect(heard).toEqual([
      { type: "WorksheetAdded", source: "Local", worksheetId: pasted.id },
      { type: "WorksheetAdded", source: "Local", worksheetId: copy.id },
      { type: "WorksheetNameChanged", source: "Local", worksheetId: copy.id, nameBefore: "Đơn vị 1 (2)", nameAfter: "Đơn vị 3" },
      { type: "WorksheetDeleted", source: "Local", worksheetId: pasted.id },
    ]);
    // A sheet's coming and going is not a change of its cells.
    expect(edits).toEqual([]);
    expect(d.sheetNames()).toEqual(["Đơn vị 1", "Đơn vị 3"]);

    // insertWorksheetsFromBase64: one WorksheetAdded per sheet, with the id the call returned.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("X").getCell("A1").value = 1;
    wb.addWorksheet("Y").getCell("A1").value = 2;
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    const ids = await run(d, async (ctx) => {
      const res = ctx.workbook.insertWorksheetsFromBase64(base64);
      await ctx.sync();
      return res.value;
    });
    await settled();
    expect(heard.slice(4)).toEqual(ids.map((worksheetId) => ({ type: "WorksheetAdded", source: "Local", worksheetId })));
    // Renaming a sheet to the name it has is no change.
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("X").name = "X";
      await ctx.sync();
    });
    await settled();
    expect(heard).toHaveLength(6);
  });

  test("onAdded and onDeleted need ExcelApi 1.7, onNameChanged 1.17: older, Office.js does not find them", async () => {
    const d = createExcelDouble({ requirements: { ExcelApi: "1.16" } });
    d.addSheet("A");
    await run(d, async (ctx) => {
      expect(() => ctx.workbook.worksheets.onNameChanged).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => ctx.workbook.worksheets.onAdded).not.toThrow();
      expect(() => ctx.workbook.worksheets.onDeleted).not.toThrow();
    });
    d.requirements.ExcelApi = "1.6";
    await run(d, async (ctx) => {
      expect(() => ctx.workbook.worksheets.onAdded).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => ctx.workbook.worksheets.onDeleted).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    });
  });
});
