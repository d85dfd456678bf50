/**
 * Manual page breaks (Worksheet.horizontalPageBreaks and verticalPageBreaks, PageBreakCollection
 * and PageBreak, ExcelApi 1.9), as the Office.js reference describes them: each test quotes what it pins.
 */
import { createExcelDouble } from "./index";
import { codeOf, run } from "./testing";

describe("vertical page breaks", () => {
  test("add puts a break left of the range's top-left cell, across the sheet, and returns it; one that exists is not added twice; before column A is refused", async () => {
    // PageBreakCollection.add(pageBreakRange): "Adds a page break before the top-left cell of the
    // range specified." pageBreakRange: "The range immediately after the page break to be added."
    // Worksheet.verticalPageBreaks: "Gets the vertical page break collection for the worksheet.
    // This collection only contains manual page breaks."
    const d = createExcelDouble();
    d.addSheet("Data", [[1, 2, 3, 4, 5]]);
    const added = await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      const first = ws.verticalPageBreaks.add("D5:E6");
      ws.verticalPageBreaks.add(ws.getRange("C1"));
      ws.verticalPageBreaks.add("D1");
      first.load("rowIndex, columnIndex");
      const count = ws.verticalPageBreaks.getCount();
      await ctx.sync();
      return { count: count.value, column: first.columnIndex, row: first.rowIndex };
    });
    // Columns C and D start a page; the break before D crosses the sheet (its cell after is D1).
    expect(added).toEqual({ count: 2, column: 3, row: 0 });
    expect(d.sheet("Data").colBreaks).toEqual([2, 3]);
    // The sheet's rows keep no break: the collections are the sheet's two kinds.
    expect(d.sheet("Data").rowBreaks).toEqual([]);
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").verticalPageBreaks.add("A3");
      await ctx.sync();
    }))).toBe("InvalidArgument");
    expect(d.sheet("Data").colBreaks).toEqual([2, 3]);
  });

  test("getItem and items give the breaks left to right, each with the row and column of the first cell after it; past the last one, ItemNotFound", async () => {
    // PageBreakCollection.getItem(index): "Gets a page break object via the index." PageBreak.columnIndex:
    // "Specifies the column index for the page break."; rowIndex: "Specifies the row index for the page break."
    const d = createExcelDouble();
    d.addSheet("Data");
    const read = await run(d, async (ctx) => {
      const breaks = ctx.workbook.worksheets.getItem("Data").verticalPageBreaks;
      breaks.add("K1");
      breaks.add("W1");
      breaks.add("F2");
      const second = breaks.getItem(1);
      second.load("columnIndex, rowIndex");
      breaks.load("items/columnIndex, items/rowIndex");
      await ctx.sync();
      return { second: [second.columnIndex, second.rowIndex], items: breaks.items.map((b) => [b.columnIndex, b.rowIndex]) };
    });
    expect(read).toEqual({ second: [10, 0], items: [[5, 0], [10, 0], [22, 0]] });
    expect(await codeOf(run(d, async (ctx) => {
      const third = ctx.workbook.worksheets.getItem("Data").verticalPageBreaks.getItem(3);
      third.load("columnIndex");
      await ctx.sync();
    }))).toBe("ItemNotFound");
  });

  test("removePageBreaks resets the collection's breaks and leaves the other collection's; a break deleted goes alone; clearing the cells keeps them; inserting columns moves them", async () => {
    // PageBreakCollection.removePageBreaks(): "Resets all manual page breaks in the collection."
    // PageBreak.delete(): "Deletes a page break object."
    const d = createExcelDouble();
    d.addSheet("Data", [[1, 2, 3]]);
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.verticalPageBreaks.add("C1");
      ws.verticalPageBreaks.add("H1");
      ws.horizontalPageBreaks.add("A10");
      ws.getRange().clear("All");
      ws.getRange("B:C").insert("Right");
      await ctx.sync();
    });
    // Two columns inserted at B: the breaks before C and H are now before E and J.
    expect(d.sheet("Data").colBreaks).toEqual([4, 9]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").verticalPageBreaks.getItem(0).delete();
      await ctx.sync();
    });
    expect(d.sheet("Data").colBreaks).toEqual([9]);
    const counts = await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.verticalPageBreaks.removePageBreaks();
      const vertical = ws.verticalPageBreaks.getCount();
      const horizontal = ws.horizontalPageBreaks.getCount();
      await ctx.sync();
      return [vertical.value, horizontal.value];
    });
    expect(counts).toEqual([0, 1]);
    expect(d.sheet("Data").rowBreaks).toEqual([9]);
  });

  test("needs ExcelApi 1.9, as the rest of the page layout: before, not found", async () => {
    // Worksheet.verticalPageBreaks: "[Api set: ExcelApi 1.9]".
    const d = createExcelDouble({ requirements: { ExcelApi: "1.8" } });
    d.addSheet("Data");
    const code = await run(d, async (ctx) => {
      try {
        ctx.workbook.worksheets.getItem("Data").verticalPageBreaks.add("C1");
        return undefined;
      } catch (e) {
        return (e as { code?: string }).code;
      }
    });
    expect(code).toBe("ApiNotFound");
  });
});

describe("horizontal page breaks", () => {
  test("getItem gives a break above a row as the row and column of the first cell after it", async () => {
    const d = createExcelDouble();
    d.addSheet("Data");
    const read = await run(d, async (ctx) => {
      const breaks = ctx.workbook.worksheets.getItem("Data").horizontalPageBreaks;
      breaks.add("C21:E21");
      const first = breaks.getItem(0);
      first.load("rowIndex, columnIndex");
      await ctx.sync();
      return [first.rowIndex, first.columnIndex];
    });
    expect(read).toEqual([20, 0]);
  });
});
