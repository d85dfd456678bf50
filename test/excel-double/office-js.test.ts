/**
 * What the double does the way Office.js and Excel do, and the add-in's tests rely on: request sizes
 * as Office.js serialises them, requirement sets (ApiNotFound), the workbook's structure protection,
 * a cell's note or threaded comment, paged collection loads, and change events.
 */
import ExcelJS from "exceljs";
import { API_SETS, createExcelDouble, officeRequest } from "./index";
import { codeOf, run } from "./testing";

type Ctx = Excel.RequestContext;

describe("requests are measured as Office.js serialises them", () => {
  test("a fill lookup lists each object path once with its parent and arguments, instantiates each, then queries", () => {
    let id = 100;
    const wire = [{ o: 'wb.worksheets.getItem("S").getRange("D10").format.fill', n: "$load", a: { Select: ["color"], Expand: [], Skip: null, Top: null }, k: "query" }];
    const { json } = officeRequest(wire as never, () => ++id);
    expect(JSON.parse(json)).toEqual({
      Actions: [
        ...[101, 102, 103, 104, 105, 106].map((path, i) => ({ Id: 107 + i, ActionType: 1, Name: "", ObjectPathId: path })),
        { Id: 113, ActionType: 2, Name: "", ObjectPathId: 106, QueryInfo: { Select: ["color"], Expand: [], Skip: null, Top: null } },
      ],
      ObjectPaths: {
        101: { Id: 101, ObjectPathType: 1, Name: "" },
        102: { Id: 102, ObjectPathType: 4, Name: "Worksheets", ParentObjectPathId: 101 },
        103: { Id: 103, ObjectPathType: 3, Name: "GetItem", ParentObjectPathId: 102, ArgumentInfo: { Arguments: ["S"] } },
        104: { Id: 104, ObjectPathType: 3, Name: "GetRange", ParentObjectPathId: 103, ArgumentInfo: { Arguments: ["D10"] } },
        105: { Id: 105, ObjectPathType: 4, Name: "Format", ParentObjectPathId: 104 },
        106: { Id: 106, ObjectPathType: 4, Name: "Fill", ParentObjectPathId: 105 },
      },
    });
  });

  test("many small commands weigh what Office.js sends: 400 to 700 bytes for each getRange().format.fill lookup or fill set", async () => {
    const d = createExcelDouble();
    d.addSheet("Đơn vị 1");
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Đơn vị 1");
      for (let i = 0; i < 1000; i++) ws.getRange(`D${10 + i}`).format.fill.load("color");
      await ctx.sync();
      for (let i = 0; i < 1000; i++) ws.getRange(`D${10 + i}`).format.fill.color = "#FFC7CE";
      await ctx.sync();
    });
    const [lookup, write] = d.requests;
    for (const r of [lookup!, write!]) {
      expect(r.bytes / 1000).toBeGreaterThan(400);
      expect(r.bytes / 1000).toBeLessThan(700);
    }
    // Each loaded value comes back as {"ActionId": …, "Value": …}.
    expect(lookup!.responseBytes / 1000).toBeGreaterThan(40);
  });

  test("a sheet's path is listed once a request however many commands go through it", async () => {
    const d = createExcelDouble();
    d.addSheet("Một tên trang tính khá dài để dễ thấy");
    const weigh = async (n: number) => {
      d.resetCounters();
      await run(d, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Một tên trang tính khá dài để dễ thấy");
        for (let i = 0; i < n; i++) ws.getRange(`A${i + 1}`).values = [[i]];
      });
      return d.requests[0]!.bytes;
    };
    const one = await weigh(1), two = await weigh(2), three = await weigh(3);
    expect(three - two).toBe(two - one);
    expect(one - (two - one)).toBeGreaterThan(200);
  });
});

describe("requirement sets", () => {
  test("an API newer than the double's ExcelApi throws ApiNotFound when it is called, as Office.js does", async () => {
    const d = createExcelDouble({ requirements: { ExcelApi: "1.6" } });
    d.addSheet("S", [[1]]);
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      expect(() => ws.getRangeByIndexes(0, 0, 1, 1)).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => ctx.workbook.protection).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => ctx.workbook.notes).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => ws.freezePanes).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      // ExcelApi 1.4 and 1.6 are there.
      const used = ws.getUsedRangeOrNullObject(true).load("address");
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      await ctx.sync();
      expect(used.address).toBe("S!A1");
    });
    d.requirements.ExcelApi = "1.7";
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 1, 1).load("values");
      const p = ctx.workbook.protection.load("protected");
      await ctx.sync();
      expect([r.values, p.protected]).toEqual([[[1]], false]);
      expect(() => ctx.workbook.comments).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    });
  });

  test("the table names the set of every API the add-in uses above ExcelApi 1.1", () => {
    expect(API_SETS).toMatchObject({
      "Worksheet.getRangeByIndexes": "1.7",
      "Workbook.protection": "1.7",
      "Workbook.notes": "1.18",
      "Workbook.comments": "1.10",
      "Workbook.insertWorksheetsFromBase64": "1.13",
      "Worksheet.pageLayout": "1.9",
      "WorksheetCollection.onChanged": "1.9",
      "WorksheetChangedEventArgs.triggerSource": "1.14",
    });
  });
});

describe("the workbook's structure protection", () => {
  test("adding, deleting, renaming, moving, hiding or inserting sheets is refused; cells, and setting a sheet as it is, are not", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Từ tệp").getCell("A1").value = 1;
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    const d = createExcelDouble();
    d.addSheet("A");
    d.addSheet("B");
    await run(d, async (ctx) => {
      ctx.workbook.protection.protect();
      await ctx.sync();
      const attempts: ((c: Ctx) => void)[] = [
        (c) => c.workbook.worksheets.add("C"),
        (c) => c.workbook.worksheets.getItem("B").delete(),
        (c) => { c.workbook.worksheets.getItem("B").name = "B2"; },
        (c) => { c.workbook.worksheets.getItem("B").position = 0; },
        (c) => { c.workbook.worksheets.getItem("B").visibility = "Hidden"; },
        (c) => c.workbook.insertWorksheetsFromBase64(base64),
      ];
      for (const attempt of attempts) {
        attempt(ctx);
        expect(await codeOf(ctx.sync())).toBe("AccessDenied");
      }
      const b = ctx.workbook.worksheets.getItem("B");
      b.visibility = "Visible";
      b.position = 1;
      b.getRange("A1").values = [["vẫn ghi được"]];
      const p = ctx.workbook.protection.load("protected");
      await ctx.sync();
      expect(p.protected).toBe(true);
      ctx.workbook.protection.unprotect();
      ctx.workbook.worksheets.add("C");
      await ctx.sync();
    });
    expect(d.sheetNames()).toEqual(["A", "B", "C"]);
    expect(d.value("B!A1")).toBe("vẫn ghi được");
  });
});

describe("a cell holds a note or a threaded comment, not both", () => {
  test("a note on a cell with a threaded comment is refused, and a comment on a cell with a note", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    await run(d, async (ctx) => {
      ctx.workbook.comments.add("S!B2", "thảo luận");
      ctx.workbook.notes.add("S!C3", "ghi chú");
      await ctx.sync();
      ctx.workbook.notes.add("S!B2", "[DTI Scorer] lỗi");
      expect(await codeOf(ctx.sync())).toBe("InvalidOperation");
      ctx.workbook.comments.add("S!C3", "[DTI Scorer] lỗi");
      expect(await codeOf(ctx.sync())).toBe("InvalidOperation");
    });
    expect(d.workbook.notes.map((n) => n.content)).toEqual(["ghi chú"]);
    expect(d.workbook.comments.map((c) => c.content)).toEqual(["thảo luận"]);
  });
});

describe("collections load a page at a time with $top and $skip", () => {
  test("a page of notes comes back with its items, each located where it is", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    for (let r = 0; r < 7; r++) d.workbook.notes.push({ sheet: d.sheet("S"), row: r, col: 1, content: `n${r}` });
    await run(d, async (ctx) => {
      const page = ctx.workbook.notes.load({ content: true, $top: 3, $skip: 5 } as never);
      await ctx.sync();
      const where = page.items.map((n) => n.getLocation().load("address"));
      await ctx.sync();
      expect(page.items.map((n, i) => [n.content, where[i]!.address])).toEqual([["n5", "S!B6"], ["n6", "S!B7"]]);
      const sheets = ctx.workbook.worksheets.load({ select: "name", top: 1 });
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["S"]);
    });
  });
});

describe("change events", () => {
  test("worksheets.onChanged (ExcelApi 1.9) hears every sheet; triggerSource is sent from ExcelApi 1.14 on only", async () => {
    for (const version of ["1.13", "1.14"]) {
      const d = createExcelDouble({ requirements: { ExcelApi: version } });
      const a = d.addSheet("A");
      const b = d.addSheet("B");
      const heard: Record<string, unknown>[] = [];
      await run(d, async (ctx) => {
        ctx.workbook.worksheets.onChanged.add(async (e) => { heard.push({ ...e }); });
      });
      await d.userEdit("A", "B2", [[1]]);
      await d.userEdit("B", "C3", [[2]]);
      expect(heard.map((e) => [e.worksheetId, e.address])).toEqual([[a.id, "B2"], [b.id, "C3"]]);
      expect(heard.map((e) => e.triggerSource)).toEqual(version === "1.14" ? ["Unknown", "Unknown"] : [undefined, undefined]);
      expect(heard.every((e) => version === "1.14" || !("triggerSource" in e))).toBe(true);
    }
    const old = createExcelDouble({ requirements: { ExcelApi: "1.8" } });
    old.addSheet("A");
    await run(old, async (ctx) => {
      expect(() => ctx.workbook.worksheets.onChanged).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    });
  });
});

describe("objects belong to the request context they were made in", () => {
  test("a range from one Excel.run handed to a chart, a series, a freeze, a print setting, a table, a note or a comment in another is refused (InvalidRequestContext), and nothing is done", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:B3").values = [["Đơn vị", "Điểm"], ["A", 1], ["B", 2]];
      await ctx.sync();
    });
    const foreign = await run(d, async (ctx) => ctx.workbook.worksheets.getItem("S").getRange("A1:B3"));
    const attempts: Array<(ws: Excel.Worksheet, ctx: Ctx) => void> = [
      (ws) => ws.charts.add("BarClustered" as Excel.ChartType, foreign as Excel.Range),
      (ws) => ws.freezePanes.freezeAt(foreign as Excel.Range),
      (ws) => ws.pageLayout.setPrintArea(foreign as Excel.Range),
      (ws) => ws.pageLayout.setPrintTitleRows(foreign as Excel.Range),
      (ws) => ws.pageLayout.setPrintTitleColumns(foreign as Excel.Range),
      (ws) => ws.horizontalPageBreaks.add(foreign as Excel.Range),
      (ws) => ws.verticalPageBreaks.add(foreign as Excel.Range),
      (ws) => ws.tables.add(foreign as Excel.Range, true),
      (ws, ctx) => ctx.workbook.comments.add(foreign as Excel.Range, "x"),
      (ws, ctx) => ctx.workbook.notes.add(foreign as Excel.Range, "x"),
    ];
    for (const attempt of attempts) {
      const code = await codeOf(run(d, async (ctx) => attempt(ctx.workbook.worksheets.getItem("S"), ctx)));
      expect(code).toBe("InvalidRequestContext");
    }
    // A series' values likewise, while the same range made in the run is taken.
    const codes = await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      const chart = ws.charts.add("BarClustered" as Excel.ChartType, ws.getRange("A1:B3"));
      const series = chart.series.getItemAt(0);
      const refused = await codeOf(Promise.resolve().then(() => series.setValues(foreign as Excel.Range)));
      const refusedAxis = await codeOf(Promise.resolve().then(() => series.setXAxisValues(foreign as Excel.Range)));
      series.setValues(ws.getRange("B2:B3"));
      ws.freezePanes.freezeAt(ws.getRange("A1"));
      await ctx.sync();
      chart.load("name");
      ws.charts.load("items/name");
      await ctx.sync();
      return { refused, refusedAxis, charts: ws.charts.items.length };
    });
    expect(codes).toEqual({ refused: "InvalidRequestContext", refusedAxis: "InvalidRequestContext", charts: 1 });
  });
});
