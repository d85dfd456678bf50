import ExcelJS from "exceljs";
import { createExcelDouble, install } from "./index";
import { codeOf, run } from "./testing";

type Ctx = Excel.RequestContext;



describe("the Excel double batches like Office.js", () => {
  test("a value written through a proxy reaches the workbook only at context.sync()", async () => {
    const d = createExcelDouble();
    d.addSheet("Data");
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A1:B1").values = [[1, "x"]];
      expect(d.value("Data!A1")).toBe("");
      await ctx.sync();
      expect(d.value("Data!A1")).toBe(1);
      expect(d.value("Data!B1")).toBe("x");
    });
  });

  test("reading a property that was not loaded throws PropertyNotLoaded, and works after load and sync", async () => {
    const d = createExcelDouble();
    d.addSheet("Data", [[5, 6]]);
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:B1");
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      r.load("values,address");
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(r.values).toEqual([[5, 6]]);
      expect(r.address).toBe("Data!A1:B1");
      expect(() => r.numberFormat).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("load accepts a comma list, an array, an object of properties and nested navigation paths", async () => {
    const d = createExcelDouble();
    d.addSheet("Data", [[1]]);
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      const a = ws.getRange("A1").load(["values", "rowCount"]);
      const b = ws.getRange("A1").load({ select: "numberFormat" });
      const c = ws.getRange("A1").load({ format: { fill: { color: true } } } as never);
      await ctx.sync();
      expect(a.rowCount).toBe(1);
      expect(b.numberFormat).toEqual([["General"]]);
      expect(c.format.fill.color).toBe("#FFFFFF");
    });
  });

  test("worksheets.load loads each item's properties and exposes items only after sync", async () => {
    const d = createExcelDouble();
    d.addSheet("A");
    d.addSheet("B").visibility = "Hidden";
    await run(d, async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name,items/visibility");
      expect(() => sheets.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([["A", "Visible"], ["B", "Hidden"]]);
    });
  });

  test("getItem of a missing sheet fails at the next sync with ItemNotFound", async () => {
    const d = createExcelDouble();
    d.addSheet("A");
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Nope");
      expect(await codeOf(ctx.sync())).toBe("ItemNotFound");
      void ws;
    });
  });

  test("getItemOrNullObject tells isNullObject only after a sync", async () => {
    const d = createExcelDouble();
    d.addSheet("A");
    await run(d, async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const there = ctx.workbook.worksheets.getItemOrNullObject("a");
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(there.isNullObject).toBe(false);
    });
  });

  test("getUsedRangeOrNullObject(true) is null on an empty sheet and bounds only cells with values", async () => {
    const d = createExcelDouble();
    d.addSheet("Empty");
    d.addSheet("Data");
    d.setCells("Data", "C2", [[1, null, "x"]]);
    await run(d, async (ctx) => {
      const e = ctx.workbook.worksheets.getItem("Empty").getUsedRangeOrNullObject(true);
      const u = ctx.workbook.worksheets.getItem("Data").getUsedRangeOrNullObject(true).load("address,values");
      await ctx.sync();
      expect(e.isNullObject).toBe(true);
      expect(u.address).toBe("Data!C2:E2");
      expect(u.values).toEqual([[1, "", "x"]]);
    });
  });

  test("getRangeByIndexes addresses rows and columns from zero", async () => {
    const d = createExcelDouble();
    d.addSheet("Data");
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRangeByIndexes(2, 1, 2, 3).load("address");
      await ctx.sync();
      expect(r.address).toBe("Data!B3:D4");
    });
  });

  test("values of the wrong shape are refused with InvalidArgument; a single value fills the range", async () => {
    const d = createExcelDouble();
    d.addSheet("Data");
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("A1:B2").values = [[1, 2]];
      expect(await codeOf(ctx.sync())).toBe("InvalidArgument");
      ws.getRange("A1:B2").values = 7 as never;
      await ctx.sync();
    });
    expect(d.grid("Data!A1:B2")).toEqual([[7, 7], [7, 7]]);
  });

  test("null in a values array leaves that cell unchanged", async () => {
    const d = createExcelDouble();
    d.addSheet("Data", [["keep", 1]]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A1:B1").values = [[null, 2]];
    });
    expect(d.grid("Data!A1:B1")).toEqual([["keep", 2]]);
  });

  test("a string starting with = becomes a formula unless the cell is text-formatted or starts with an apostrophe", async () => {
    const d = createExcelDouble();
    d.addSheet("Data");
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("A1").values = [["=HYPERLINK(\"http://x\")"]];
      ws.getRange("A2").numberFormat = [["@"]];
      ws.getRange("A2").values = [["=HYPERLINK(\"http://x\")"]];
      ws.getRange("A3").values = [["'=1+1"]];
      ws.getRange("A4").values = [["-x"]];
      ws.getRange("A5").values = [["12.5"]];
    });
    expect(d.cell("Data!A1")?.f).toBe("=HYPERLINK(\"http://x\")");
    expect(d.cell("Data!A2")?.f).toBeUndefined();
    expect(d.value("Data!A2")).toBe("=HYPERLINK(\"http://x\")");
    expect(d.value("Data!A3")).toBe("=1+1");
    expect(d.cell("Data!A4")?.f).toBe("=-x");
    expect(d.value("Data!A5")).toBe(12.5);
  });

  test("formulas, number formats, fill, bold and column width are written and read back", async () => {
    const d = createExcelDouble();
    d.addSheet("Data");
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:B1");
      r.formulas = [["=1+1", 3]];
      r.numberFormat = [["0.00", "0%"]];
      r.format.fill.color = "#FFEE00";
      r.format.font.bold = true;
      r.format.columnWidth = 120;
      await ctx.sync();
      const back = ctx.workbook.worksheets.getItem("Data").getRange("A1:B1").load("formulas,numberFormat,format/columnWidth,format/font/bold,format/fill/color");
      await ctx.sync();
      expect(back.formulas).toEqual([["=1+1", 3]]);
      expect(back.numberFormat).toEqual([["0.00", "0%"]]);
      expect(back.format.columnWidth).toBe(120);
      expect(back.format.font.bold).toBe(true);
      expect(back.format.fill.color).toBe("#FFEE00");
    });
  });

  test("font size and row height are written and read back; a mixed range reads null, Excel's defaults otherwise", async () => {
    const d = createExcelDouble();
    d.addSheet("Data");
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("A1").format.font.size = 14;
      ws.getRange("2:2").format.rowHeight = 42;
      await ctx.sync();
      const a1 = ws.getRange("A1").load("format/font/size,format/rowHeight");
      const b1 = ws.getRange("B1").load("format/font/size");
      const rows = ws.getRange("1:2").load("format/rowHeight");
      const row2 = ws.getRange("A2:C2").load("format/rowHeight");
      await ctx.sync();
      expect(a1.format.font.size).toBe(14);
      expect(b1.format.font.size).toBe(11);
      expect(a1.format.rowHeight).toBe(15);
      expect(row2.format.rowHeight).toBe(42);
      expect(rows.format.rowHeight).toBeNull();
    });
    expect(d.sheet("Data").rowHeights.get(1)).toBe(42);
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("3:3").format.rowHeight = 500;
      await ctx.sync();
    }))).toBe("InvalidArgument");
  });

  test("page layout starts as Excel's (Letter, portrait, 100 %), takes A4 landscape fitted to one page wide and print title rows", async () => {
    const d = createExcelDouble();
    d.addSheet("Data");
    await run(d, async (ctx) => {
      const layout = ctx.workbook.worksheets.getItem("Data").pageLayout;
      expect(() => layout.orientation).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      layout.load("orientation,paperSize,zoom,leftMargin");
      const none = layout.getPrintTitleRowsOrNullObject();
      await ctx.sync();
      expect([layout.orientation, layout.paperSize, layout.zoom.scale, layout.leftMargin]).toEqual(["Portrait", "Letter", 100, 50.4]);
      expect(none.isNullObject).toBe(true);
      layout.paperSize = "A4";
      layout.orientation = "Landscape";
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      layout.setPrintTitleRows("$3:$4");
      layout.leftMargin = 28.8;
      await ctx.sync();
      const again = ctx.workbook.worksheets.getItem("Data").pageLayout.load("orientation,paperSize,zoom,leftMargin");
      const titles = again.getPrintTitleRowsOrNullObject().load("address");
      await ctx.sync();
      expect([again.orientation, again.paperSize, again.leftMargin]).toEqual(["Landscape", "A4", 28.8]);
      expect(again.zoom).toEqual({ scale: null, horizontalFitToPages: 1, verticalFitToPages: 0 });
      expect(titles.address).toBe("Data!3:4");
    });
  });

  test("manual page breaks go above a row, survive clearing the cells, are not doubled, and go with removePageBreaks", async () => {
    const d = createExcelDouble();
    d.addSheet("Data", [[1], [2], [3]]);
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.horizontalPageBreaks.add("A10");
      ws.horizontalPageBreaks.add(ws.getRange("C4:D5"));
      ws.horizontalPageBreaks.add("A10");
      ws.getRange().clear("All");
      const count = ws.horizontalPageBreaks.getCount();
      await ctx.sync();
      expect(count.value).toBe(2);
    });
    expect(d.sheet("Data").rowBreaks).toEqual([3, 9]);
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").horizontalPageBreaks.add("A1");
      await ctx.sync();
    }))).toBe("InvalidArgument");
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").horizontalPageBreaks.removePageBreaks();
      await ctx.sync();
    });
    expect(d.sheet("Data").rowBreaks).toEqual([]);
  });

  test("page layout refuses a scale together with pages to fit, a scale outside 10–400, an unknown paper and title rows that are not whole rows", async () => {
    const d = createExcelDouble();
    d.addSheet("Data");
    const attempt = (f: (layout: Excel.PageLayout) => void) =>
      codeOf(run(d, async (ctx) => {
        f(ctx.workbook.worksheets.getItem("Data").pageLayout);
        await ctx.sync();
      }));
    expect(await attempt((l) => { l.zoom = { scale: 80, horizontalFitToPages: 1 }; })).toBe("InvalidArgument");
    expect(await attempt((l) => { l.zoom = { scale: 5 }; })).toBe("InvalidArgument");
    expect(await attempt((l) => { l.paperSize = "A9" as Excel.PaperType; })).toBe("InvalidArgument");
    expect(await attempt((l) => l.setPrintTitleRows("A1:B2"))).toBe("InvalidArgument");
    expect(d.sheet("Data").pageLayout.zoom).toEqual({ scale: 100 });
  });

  test("a page header or footer is refused past 255 characters as stored: its three texts with their codes (&L, &C, &R)", async () => {
    const d = createExcelDouble();
    d.addSheet("Data");
    const attempt = (f: (all: Excel.HeaderFooter) => void) =>
      codeOf(run(d, async (ctx) => {
        f(ctx.workbook.worksheets.getItem("Data").pageLayout.headersFooters.defaultForAllPages);
        await ctx.sync();
      }));
    expect(await attempt((all) => { all.centerHeader = "x".repeat(253); })).toBeUndefined();
    expect(await attempt((all) => { all.leftHeader = "y"; })).toBe("InvalidArgument");
    expect(await attempt((all) => { all.centerFooter = "z".repeat(254); })).toBe("InvalidArgument");
    expect(await attempt((all) => { all.leftFooter = "a".repeat(100); all.rightFooter = "b".repeat(100); })).toBeUndefined();
    const stored = d.sheet("Data").pageLayout.headersFooters.defaultForAllPages;
    expect([stored.centerHeader.length, stored.leftHeader, stored.leftFooter.length, stored.rightFooter.length]).toEqual([253, "", 100, 100]);
  });

  test("Excel error values read as their text in values and as Error in valueTypes", async () => {
    const d = createExcelDouble();
    d.addSheet("Data", [[{ error: "#DIV/0!" }, "#DIV/0! typed?"]]);
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:B1").load("values,valueTypes");
      await ctx.sync();
      expect(r.values).toEqual([["#DIV/0!", "#DIV/0! typed?"]]);
      expect(r.valueTypes).toEqual([["Error", "String"]]);
    });
  });

  test("worksheets.add, visibility, position, delete and activate change the workbook", async () => {
    const d = createExcelDouble();
    d.addSheet("A");
    await run(d, async (ctx) => {
      const b = ctx.workbook.worksheets.add("B");
      const h = ctx.workbook.worksheets.add("_h");
      h.visibility = "VeryHidden";
      b.position = 0;
      b.activate();
      await ctx.sync();
      expect(d.sheetNames()).toEqual(["B", "A", "_h"]);
      expect(d.sheet("_h").visibility).toBe("VeryHidden");
      expect(d.workbook.activeSheet?.name).toBe("B");
      ctx.workbook.worksheets.add("a");
      expect(await codeOf(ctx.sync())).toBe("ItemAlreadyExists");
      ctx.workbook.worksheets.getItem("A").delete();
      await ctx.sync();
    });
    expect(d.sheetNames()).toEqual(["B", "_h"]);
  });

  test("select records the selection and shows the range's sheet", async () => {
    const d = createExcelDouble();
    d.addSheet("A");
    d.addSheet("B");
    await run(d, async (ctx) => {
      const b = ctx.workbook.worksheets.getItem("B");
      b.activate();
      b.getRange("C7").select();
      await ctx.sync();
    });
    expect(d.workbook.selection).toEqual({ sheet: "B", address: "C7" });
    expect(d.workbook.activeSheet?.name).toBe("B");
  });

  test("tables are added, named, styled, found by name, refuse overlaps and delete with their data", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [["h1", "h2"], [1, 2]]);
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      const t = ws.tables.add("S!A1:B2", true);
      t.name = "Results";
      t.style = "TableStyleLight9";
      await ctx.sync();
      const found = ws.tables.getItemOrNullObject("Results").load("name,style");
      const none = ctx.workbook.tables.getItemOrNullObject("Other");
      await ctx.sync();
      expect([found.isNullObject, found.name, found.style, none.isNullObject]).toEqual([false, "Results", "TableStyleLight9", true]);
      ws.tables.add("A2:B3", true);
      expect(await codeOf(ctx.sync())).toBe("InvalidOperation");
      ws.tables.getItem("Results").delete();
      await ctx.sync();
    });
    expect(d.workbook.tables).toHaveLength(0);
    expect(d.value("S!A2")).toBe("");
  });

  test("a table resized (ExcelApi 1.13) keeps its name and the formulas naming it; a table deleted leaves them #REF!", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [["Unit", "Total"], ["A", 1], ["B", 2]]);
    d.addSheet("Mine");
    d.setCells("Mine", "A1", [[{ formula: "=SUM(Results[Total])" }], [{ formula: '=Results[[#Headers],[Unit]]&"Results[x]"' }], [{ formula: "=MyResults[Total]" }]]);
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.tables.add("S!A1:B3", true).name = "Results";
      await ctx.sync();
      ws.tables.getItem("Results").resize("S!A1:C5");
      await ctx.sync();
      // The header row must stay where it is.
      ws.tables.getItem("Results").resize("A2:C5");
      expect(await codeOf(ctx.sync())).toBe("InvalidArgument");
    });
    expect(d.workbook.tables.map((t) => [t.name, t.row, t.col, t.rows, t.cols])).toEqual([["Results", 0, 0, 5, 3]]);
    expect(d.cell("Mine!A1")?.f).toBe("=SUM(Results[Total])");
    await run(d, async (ctx) => {
      ctx.workbook.tables.getItem("Results").delete();
      await ctx.sync();
    });
    expect([d.cell("Mine!A1")?.f, d.cell("Mine!A2")?.f, d.cell("Mine!A3")?.f]).toEqual(["=SUM(#REF!)", '=#REF!&"Results[x]"', "=MyResults[Total]"]);
    const old = createExcelDouble({ requirements: { ExcelApi: "1.12" } });
    old.addSheet("S", [["Unit"], ["A"]]);
    await run(old, async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("S").tables.add("S!A1:A2", true);
      await ctx.sync();
      expect(() => t.resize("A1:A3")).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    });
  });

  test("colour scales and data bars are kept on the sheet and cleared with the range's formats", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("B2:B9");
      const cs = r.conditionalFormats.add("ColorScale");
      cs.colorScale.criteria = { minimum: { type: "LowestValue", formula: null, color: "#F8696B" }, maximum: { type: "HighestValue", formula: null, color: "#63BE7B" } } as never;
      const db = r.conditionalFormats.add("DataBar");
      db.dataBar.positiveFormat.fillColor = "#638EC6";
      await ctx.sync();
      expect(d.sheet("S").conditionalFormats.map((c) => c.type)).toEqual(["ColorScale", "DataBar"]);
      expect(d.sheet("S").conditionalFormats[1]?.dataBar?.positiveFillColor).toBe("#638EC6");
      ctx.workbook.worksheets.getItem("S").getRange().clear();
      await ctx.sync();
    });
    expect(d.sheet("S").conditionalFormats).toHaveLength(0);
  });

  test("cells of a table cannot be merged (InvalidOperation); cells beside it can", async () => {
    const d = createExcelDouble();
    d.addSheet("Data", [["u", "v"], ["a", 1], ["b", 2]]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").tables.add("A1:B3", true).name = "T";
      await ctx.sync();
    });
    const merge = (address: string) => codeOf(run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange(address).merge();
      await ctx.sync();
    }));
    expect(await merge("A2:B2")).toBe("InvalidOperation");
    expect(await merge("B3:C3")).toBe("InvalidOperation");
    expect(await merge("A5:C5")).toBeUndefined();
    expect(d.sheet("Data").merges).toHaveLength(1);
  });

  test("merging while a chart is selected: works by default; refused with InvalidSelection on a build that has office-js#399, until a cell is selected", async () => {
    for (const mode of ["works", "refused"] as const) {
      const d = createExcelDouble({ mergeWithChartSelected: mode });
      d.addSheet("Data", [["u", "v"], ["a", 1]]);
      await run(d, async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").charts.add("BarClustered", ctx.workbook.worksheets.getItem("Data").getRange("B2")).name = "c";
        await ctx.sync();
      });
      d.selectChart("Data", "c");
      const merge = () => codeOf(run(d, async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").getRange("D1:E1").merge();
        await ctx.sync();
      }));
      expect([mode, await merge()]).toEqual([mode, mode === "works" ? undefined : "InvalidSelection"]);
      await run(d, async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").getRange("A1").select();
        await ctx.sync();
      });
      expect(await merge()).toBeUndefined();
      expect(d.sheet("Data").merges).toHaveLength(1);
    }
  });

  test("charts are created from a range, found by name and updated through series, title, axes and position", async () => {
    const d = createExcelDouble();
    d.addSheet("Data", [["u", "v"], ["a", 1], ["b", 2]]);
    d.addSheet("Charts");
    await run(d, async (ctx) => {
      const data = ctx.workbook.worksheets.getItem("Data");
      const ch = ctx.workbook.worksheets.getItem("Charts").charts.add("BarClustered", data.getRange("B2:B3"), "Columns");
      ch.name = "total";
      ch.title.text = "Total";
      ch.axes.valueAxis.title.text = "Points";
      ch.axes.categoryAxis.reversePlotOrder = true;
      ch.setPosition("A1", "H20");
      const s = ch.series.getItemAt(0);
      s.setXAxisValues(data.getRange("A2:A3"));
      s.name = "Points";
      ch.series.add("Second").setValues(data.getRange("B2:B3"));
      await ctx.sync();
      const found = ctx.workbook.worksheets.getItem("Charts").charts.getItemOrNullObject("total").load("name,series/items/name");
      const missing = ctx.workbook.worksheets.getItem("Charts").charts.getItemOrNullObject("x");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(found.series.items.map((x) => x.name)).toEqual(["Points", "Second"]);
    });
    const chart = d.sheet("Charts").charts[0]!;
    expect(chart).toMatchObject({ name: "total", chartType: "BarClustered", title: "Total", valueAxisTitle: "Points", reversePlotOrder: true, position: { start: "A1", end: "H20" } });
    expect(chart.series[0]).toEqual({ name: "Points", values: "Data!B2:B3", xAxisValues: "Data!A2:A3" });
  });

  test("notes are added per cell, refused twice on the same cell, and deleted", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    await run(d, async (ctx) => {
      ctx.workbook.notes.add("S!B2", "check this");
      await ctx.sync();
      ctx.workbook.notes.add("S!B2", "again");
      expect(await codeOf(ctx.sync())).toBe("InvalidOperation");
      const n = ctx.workbook.notes.getItemOrNullObject("S!B2").load("content");
      await ctx.sync();
      expect(n.content).toBe("check this");
      n.delete();
    });
    expect(d.workbook.notes).toHaveLength(0);
  });

  test("comments are added per cell and located", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    await run(d, async (ctx) => {
      ctx.workbook.comments.add("S!C3", "hello");
      await ctx.sync();
      const all = ctx.workbook.comments.load("items/content");
      await ctx.sync();
      const loc = all.items[0]!.getLocation().load("address");
      await ctx.sync();
      expect([all.items[0]!.content, loc.address]).toEqual(["hello", "S!C3"]);
    });
  });

  test("the workbook's notes load with their content in one request and are located by getLocation in the next", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    d.addSheet("Đơn vị 1");
    await run(d, async (ctx) => {
      ctx.workbook.notes.add("S!B2", "first");
      ctx.workbook.notes.add("'Đơn vị 1'!D10", "second");
      await ctx.sync();
    });
    d.resetCounters();
    await run(d, async (ctx) => {
      const all = ctx.workbook.notes.load("items/content");
      await ctx.sync();
      expect(() => all.items[0]!.getLocation().address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      const locations = all.items.map((n) => n.getLocation().load("address"));
      await ctx.sync();
      expect(all.items.map((n, i) => [n.content, locations[i]!.address])).toEqual([
        ["first", "S!B2"],
        ["second", "'Đơn vị 1'!D10"],
      ]);
    });
    expect(d.syncCount).toBe(2);
  });

  test("inserting whole rows moves the cells below, their formats, notes, comments and row heights down; a range shifts only its columns", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [["top"], ["kept"], ["moves"]]);
    d.cell("S!A3")!.fill = "#FFC7CE";
    d.sheet("S").rowHeights.set(2, 30);
    await run(d, async (ctx) => {
      ctx.workbook.notes.add("S!A3", "[DTI Scorer]\nx");
      ctx.workbook.comments.add("S!A1", "stays");
      await ctx.sync();
      const blank = ctx.workbook.worksheets.getItem("S").getRange("3:4").insert("Down").load("address");
      await ctx.sync();
      expect(blank.address).toBe("S!3:4");
    });
    expect(d.grid("S!A1:A5")).toEqual([["top"], ["kept"], [""], [""], ["moves"]]);
    expect(d.cell("S!A3")).toBeUndefined();
    expect(d.cell("S!A5")?.fill).toBe("#FFC7CE");
    expect(d.workbook.notes.map((n) => [n.row, n.col, n.content])).toEqual([[4, 0, "[DTI Scorer]\nx"]]);
    expect(d.workbook.comments.map((c) => [c.row, c.col])).toEqual([[0, 0]]);
    expect([...d.sheet("S").rowHeights]).toEqual([[4, 30]]);
    // Cells inserted into B2:B3 only push column B down.
    d.setCells("S", "B1", [["b1"], ["b2"]]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("B2:B3").insert("Down");
      await ctx.sync();
    });
    expect(d.grid("S!A1:B4")).toEqual([["top", "b1"], ["kept", ""], ["", ""], ["", "b2"]]);
  });

  test("a protected sheet refuses inserted rows unless its protection allows them", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [["a"]]);
    d.sheet("S").protection = { protected: true, options: { ...d.sheet("S").protection.options }, password: null };
    const insert = () => run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("1:1").insert("Down");
      await ctx.sync();
    });
    expect(await codeOf(insert())).toBe("AccessDenied");
    expect(d.value("S!A1")).toBe("a");
    d.sheet("S").protection.options.allowInsertRows = true;
    expect(await codeOf(insert())).toBeUndefined();
    expect(d.value("S!A2")).toBe("a");
  });

  test("suspendApiCalculationUntilNextSync lasts for one request only", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    await run(d, async (ctx) => {
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
      await ctx.sync();
      ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[2]];
      await ctx.sync();
    });
    expect(d.requests.map((r) => r.calculationSuspended)).toEqual([true, false]);
  });

  test("worksheet onChanged handlers hear a user's edit with the sheet id and address", async () => {
    const d = createExcelDouble();
    const sheet = d.addSheet("S");
    const heard: { worksheetId: string; address: string; triggerSource: string }[] = [];
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").onChanged.add(async (e) => { heard.push(e as never); });
    });
    await d.userEdit("S", "B4", [[3]]);
    expect(heard).toEqual([expect.objectContaining({ worksheetId: sheet.id, address: "B4", triggerSource: "Unknown" })]);
  });

  test("the request payload is measured at each sync and over 5 MB is refused with RequestPayloadSizeLimitExceeded", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    const big = Array.from({ length: 60_000 }, () => ["x".repeat(90)]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:A60000").values = big;
      expect(await codeOf(ctx.sync())).toBe("RequestPayloadSizeLimitExceeded");
      ctx.workbook.worksheets.getItem("S").getRange("A1:A30000").values = big.slice(0, 30_000);
      await ctx.sync();
    });
    expect(d.syncCount).toBe(2);
    expect(d.requests[0]!.bytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(d.requests[1]!.bytes).toBeLessThan(5 * 1024 * 1024);
    expect(d.requests[1]!.bytes).toBeGreaterThan(30_000 * 92);
    expect(d.value("S!A60000")).toBe("");
    expect(d.value("S!A30000")).toBe("x".repeat(90));
  });

  test("a read whose response is over 5 MB fails with ResponsePayloadSizeLimitExceeded", async () => {
    const d = createExcelDouble();
    d.addSheet("S", Array.from({ length: 60_000 }, () => ["y".repeat(90)]));
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1:A60000").load("values");
      expect(await codeOf(ctx.sync())).toBe("ResponsePayloadSizeLimitExceeded");
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("reading or writing a range of more than 5,000,000 cells is refused", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:E1000001").load("values");
      expect(await codeOf(ctx.sync())).toBe("RangeExceedsLimit");
      ctx.workbook.worksheets.getItem("S").getRange("A:E").values = 1 as never;
      expect(await codeOf(ctx.sync())).toBe("RangeExceedsLimit");
    });
  });

  test("syncs with nothing queued send no request", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    await run(d, async (ctx) => {
      await ctx.sync();
      ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
    });
    expect(d.syncCount).toBe(1);
  });

  test("insertWorksheetsFromBase64 inserts the chosen sheets of an .xlsx, renames on collision and returns the new sheets' ids", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Unit 1").getCell("A1").value = "Đơn vị";
    wb.addWorksheet("Other").getCell("B2").value = 42;
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    const d = createExcelDouble();
    d.addSheet("Unit 1");
    const named = await run(d, async (ctx) => {
      const res = ctx.workbook.insertWorksheetsFromBase64(base64, { sheetNamesToInsert: ["Unit 1"], positionType: "End" } as never);
      await ctx.sync();
      // "An array of IDs corresponding to each newly inserted worksheet": getItem takes an id as well as a name.
      const sheets = res.value.map((id) => ctx.workbook.worksheets.getItem(id).load("name,id"));
      await ctx.sync();
      return sheets.map((s) => [s.id, s.name]);
    });
    expect(named).toEqual([[d.sheet("Unit 1 (2)").id, "Unit 1 (2)"]]);
    expect(named[0]![0]).toMatch(/^\{[0-9A-F-]+\}$/i);
    expect(d.sheetNames()).toEqual(["Unit 1", "Unit 1 (2)"]);
    expect(d.value("'Unit 1 (2)'!A1")).toBe("Đơn vị");
  });

  test("isSetSupported answers from the configured requirement sets", () => {
    const d = createExcelDouble({ requirements: { ExcelApi: "1.12" } });
    expect(d.Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(d.Office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(false);
    d.requirements.ExcelApi = "1.13";
    expect(d.Office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(true);
  });

  test("install puts Excel, Office and OfficeExtension on a window object", async () => {
    const win: Record<string, unknown> = {};
    const d = install(win);
    d.addSheet("S");
    const excel = win.Excel as typeof d.Excel;
    await excel.run(async (ctx: Ctx) => { ctx.workbook.worksheets.getItem("S").getRange("A1").values = [["ok"]]; });
    expect(d.value("S!A1")).toBe("ok");
    expect(win.Office).toBe(d.Office);
  });
});
