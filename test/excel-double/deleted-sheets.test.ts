/**
 * A Worksheet proxy stands for its sheet: once the sheet is deleted (by the user between two
 * requests, or by a `delete()` queued earlier), every command on the proxy, or on a range, table,
 * chart or protection reached through it, fails at the next sync with ItemNotFound ("The requested
 * resource doesn't exist.", the code of Microsoft's error table for a resource that is not there;
 * the table has no code of its own for one deleted meanwhile), and Excel stops the request there:
 * the commands before it are done, those after it are not.
 */
import { createExcelDouble, type ExcelDouble } from "./index";
import { codeOf, run } from "./testing";

async function failure(p: Promise<unknown>): Promise<{ code?: string; message?: string; debugInfo?: { errorLocation?: string } }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error("the request did not fail");
}

function workbook(): ExcelDouble {
  const d = createExcelDouble();
  d.addSheet("Form 1", [["Mã", "Số liệu"], ["1.1", 10]]);
  d.addSheet("Form 2", [["Mã", "Số liệu"], ["1.1", 20]]);
  d.addSheet("Notes", [["kept"]]);
  return d;
}

describe("a deleted sheet's proxies", () => {
  test("a sheet of the collection's items, deleted by the user between two syncs: writing to it fails the request there, with what came before it written and nothing after", async () => {
    const d = workbook();
    const e = await failure(
      run(d, async (ctx) => {
        const sheets = ctx.workbook.worksheets.load("items/name");
        await ctx.sync();
        await d.userDeleteSheet("Form 2");
        const [, second, notes] = sheets.items;
        notes!.getRange("B1").values = [["before"]];
        second!.getRange("B2").values = [[99]];
        notes!.getRange("C1").values = [["after"]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ItemNotFound");
    expect(e.message).toBe("The requested resource doesn't exist.");
    expect(d.sheetNames()).toEqual(["Form 1", "Notes"]);
    expect(d.grid("Notes!A1:C1")).toEqual([["kept", "before", ""]]);
  });

  test("reading it fails too: a load of its name or of its cells, through items loaded before", async () => {
    for (const read of ["name", "cells"] as const) {
      const d = workbook();
      const code = await codeOf(
        run(d, async (ctx) => {
          const sheets = ctx.workbook.worksheets.load("items/name");
          await ctx.sync();
          await d.userDeleteSheet("Form 1");
          const first = sheets.items[0]!;
          // The name loaded before stays in the proxy (nothing is sent to read it)…
          expect(first.name).toBe("Form 1");
          // …but asking Excel again fails.
          if (read === "name") first.load("name");
          else first.getRange("A1:B2").load("values");
          await ctx.sync();
        }),
      );
      expect(code).toBe("ItemNotFound");
    }
  });

  test("a range resolved in an earlier request, then its sheet deleted: the range's commands fail", async () => {
    const d = workbook();
    const code = await codeOf(
      run(d, async (ctx) => {
        const range = ctx.workbook.worksheets.getItem("Form 1").getRange("B2").load("values");
        await ctx.sync();
        expect(range.values).toEqual([[10]]);
        await d.userDeleteSheet("Form 1");
        range.values = [[11]];
        await ctx.sync();
      }),
    );
    expect(code).toBe("ItemNotFound");
    expect(d.value("'Form 2'!B2")).toBe(20);
  });

  test("deleted by a delete() queued earlier in the same request: the commands on it after fail there, where its errorLocation says", async () => {
    const d = workbook();
    const e = await failure(
      run(d, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Form 1");
        ws.getRange("C1").values = [["written before"]];
        ws.delete();
        ws.getRange("C2").values = [["written after"]];
        ctx.workbook.worksheets.getItem("Notes").getRange("B1").values = [["not reached"]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ItemNotFound");
    expect(e.debugInfo?.errorLocation).toContain("Form 1");
    expect(d.sheetNames()).toEqual(["Form 2", "Notes"]);
    expect(d.value("Notes!B1")).toBe("");
  });

  test("what hangs on a deleted sheet fails the same way: its tables, charts, protection, page layout, freeze panes", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Form 1");
      ws.tables.add("A1:B2", true).name = "T";
      ws.charts.add("ColumnClustered" as Excel.ChartType, ws.getRange("A1:B2"), "Auto" as Excel.ChartSeriesBy).name = "C";
      await ctx.sync();
    });
    const steps: ((ws: Excel.Worksheet) => void)[] = [
      (ws) => ws.tables.load("items/name"),
      (ws) => ws.charts.getItem("C").load("name"),
      (ws) => ws.protection.protect(),
      (ws) => { ws.pageLayout.orientation = "Landscape" as Excel.PageOrientation; },
      (ws) => ws.freezePanes.freezeRows(1),
      (ws) => ws.getUsedRangeOrNullObject().load("address"),
    ];
    for (const step of steps) {
      const code = await codeOf(
        run(d, async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem("Form 1");
          // Reached before the sheet goes: the proxies resolve while it is there.
          ws.tables.load("items/name");
          ws.charts.load("items/name");
          ws.protection.load("protected");
          await ctx.sync();
          ws.delete();
          step(ws);
          await ctx.sync();
        }),
      );
      expect(code).toBe("ItemNotFound");
      // Each round deletes the sheet: put it back for the next.
      d.addSheet("Form 1", [["Mã", "Số liệu"], ["1.1", 10]]);
    }
  });

  test("a table reached through the workbook's tables, its sheet deleted since: its commands fail too", async () => {
    const d = workbook();
    const code = await codeOf(
      run(d, async (ctx) => {
        ctx.workbook.worksheets.getItem("Form 1").tables.add("A1:B2", true).name = "T";
        const t = ctx.workbook.tables.getItem("T").load("name");
        await ctx.sync();
        await d.userDeleteSheet("Form 1");
        t.style = "TableStyleLight1";
        await ctx.sync();
      }),
    );
    expect(code).toBe("ItemNotFound");
    expect(d.workbook.tables).toEqual([]);
  });

  test("a renamed sheet's proxy is still that sheet; a new request looks a deleted sheet up as not there (null object), not as an error", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Form 1");
      ws.load("name");
      await ctx.sync();
      await d.userRenameSheet("Form 1", "Đơn vị 1");
      ws.getRange("C2").values = [["renamed"]];
      ws.load("name");
      await ctx.sync();
      expect(ws.name).toBe("Đơn vị 1");
    });
    expect(d.value("'Đơn vị 1'!C2")).toBe("renamed");
    await d.userDeleteSheet("Đơn vị 1");
    await run(d, async (ctx) => {
      const gone = ctx.workbook.worksheets.getItemOrNullObject("Đơn vị 1");
      await ctx.sync();
      expect(gone.isNullObject).toBe(true);
    });
  });

  test("a sheet deleted and another added under its name: the old proxy fails, a new one finds the new sheet", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      const old = ctx.workbook.worksheets.getItem("Form 2");
      old.load("id");
      await ctx.sync();
      await d.userDeleteSheet("Form 2");
      await d.userAddSheet("Form 2", [["new"]]);
      old.getRange("A1").load("values");
      expect(await codeOf(ctx.sync())).toBe("ItemNotFound");
      const fresh = ctx.workbook.worksheets.getItem("Form 2").getRange("A1").load("values");
      await ctx.sync();
      expect(fresh.values).toEqual([["new"]]);
    });
  });
});
