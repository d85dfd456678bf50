/** Merged areas in the Excel double: Range.merge / unmerge (ExcelApi 1.2) and getMergedAreasOrNullObject (ExcelApi 1.13). */
import ExcelJS from "exceljs";
import { createExcelDouble, type ExcelDouble } from "./index";
import { codeOf, run } from "./testing";

function workbook(requirements?: Record<string, string>): ExcelDouble {
  const d = createExcelDouble(requirements ? { requirements } : {});
  d.addSheet("Đơn vị 1", [["Đơn vị", "Sở A", "x"], ["Mã", "Nội dung", "Số liệu"], ["1.1", "Có cổng", 5]]);
  d.addSheet("Khác");
  return d;
}

/** The merged areas of `address` on the sheet, as an add-in reads them: null for a null object. */
function mergedAreas(d: ExcelDouble, sheet: string, address?: string): Promise<{ address: string; areaCount: number; cellCount: number } | null> {
  return run(d, async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    const areas = (address === undefined ? ws.getRange() : ws.getRange(address)).getMergedAreasOrNullObject().load("address,areaCount,cellCount");
    await ctx.sync();
    return areas.isNullObject ? null : { address: areas.address, areaCount: areas.areaCount, cellCount: areas.cellCount };
  });
}

describe("merged areas in the Excel double", () => {
  test("a range with no merged area gives a null object", async () => {
    expect(await mergedAreas(workbook(), "Đơn vị 1")).toBeNull();
  });

  test("merge keeps the top-left value and empties the rest; the areas read back with the sheet named in each, comma-separated", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Đơn vị 1");
      ws.getRange("B1:C1").merge();
      ws.getRange("E5:F7").merge(true);
      await ctx.sync();
    });
    expect(d.value("'Đơn vị 1'!B1")).toBe("Sở A");
    expect(d.value("'Đơn vị 1'!C1")).toBe("");
    expect(await mergedAreas(d, "Đơn vị 1")).toEqual({
      address: "'Đơn vị 1'!B1:C1, 'Đơn vị 1'!E5:F5, 'Đơn vị 1'!E6:F6, 'Đơn vị 1'!E7:F7",
      areaCount: 4,
      cellCount: 8,
    });
    // Unmerging the range that touches the merged rows leaves the first one.
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Đơn vị 1").getRange("F6:F9").unmerge();
      await ctx.sync();
    });
    expect((await mergedAreas(d, "Đơn vị 1"))?.address).toBe("'Đơn vị 1'!B1:C1, 'Đơn vị 1'!E5:F5");
  });

  test("only the areas whose top-left cell is in the range are returned (office-js#3611)", async () => {
    const d = workbook();
    d.merge("'Đơn vị 1'!B1:D2");
    expect(await mergedAreas(d, "Đơn vị 1", "A1:D4")).toMatchObject({ address: "'Đơn vị 1'!B1:D2" });
    // C2:E5 covers part of the merge but not its top-left cell B1.
    expect(await mergedAreas(d, "Đơn vị 1", "C2:E5")).toBeNull();
  });

  test("clearing formats unmerges; inserted rows move a merge below them and grow one they go into", async () => {
    const d = workbook();
    d.merge("'Đơn vị 1'!A6:C6");
    d.merge("'Đơn vị 1'!E2:E4");
    d.merge("Khác!A1:B1");
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Đơn vị 1").getRange("3:3").insert("Down");
      ctx.workbook.worksheets.getItem("Khác").getRange().clear("Formats");
      await ctx.sync();
    });
    expect((await mergedAreas(d, "Đơn vị 1"))?.address).toBe("'Đơn vị 1'!E2:E5, 'Đơn vị 1'!A7:C7");
    expect(await mergedAreas(d, "Khác")).toBeNull();
  });

  test("an .xlsx opened or inserted keeps its merged areas", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Form");
    ws.getCell("A6").value = "Nhập số liệu vào các ô nền vàng";
    ws.mergeCells("A6:I6");
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    const d = createExcelDouble();
    await d.loadXlsx(Buffer.from(base64, "base64"));
    expect((await mergedAreas(d, "Form"))?.address).toBe("Form!A6:I6");
    const other = workbook();
    await run(other, async (ctx) => {
      ctx.workbook.insertWorksheetsFromBase64(base64);
      await ctx.sync();
    });
    expect((await mergedAreas(other, "Form"))?.address).toBe("Form!A6:I6");
  });

  test("more than 512 merged areas fail the request; before ExcelApi 1.13 the method is not found", async () => {
    const d = workbook();
    for (let r = 0; r < 513; r++) d.merge(`Khác!A${r + 1}:B${r + 1}`);
    expect(await codeOf(mergedAreas(d, "Khác"))).toBe("GeneralException");
    expect((await mergedAreas(d, "Khác", "A1:B512"))?.areaCount).toBe(512);
    const old = workbook({ ExcelApi: "1.12" });
    expect(await codeOf(mergedAreas(old, "Đơn vị 1"))).toBe("ApiNotFound");
  });

  test("merging or unmerging on a protected sheet is refused unless formatting cells is allowed", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Đơn vị 1").protection.protect();
      await ctx.sync();
    });
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Đơn vị 1").getRange("A1:B1").merge();
      await ctx.sync();
    }))).toBe("AccessDenied");
    expect(d.sheet("Đơn vị 1").merges).toEqual([]);
  });
});

describe("a table over merged cells in the Excel double", () => {
  test("a table is not added, nor resized, over a merged area (InvalidOperation); once unmerged it is", async () => {
    const d = workbook();
    d.merge("'Đơn vị 1'!A5:C5");
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Đơn vị 1").tables.add("A2:C6", true);
      await ctx.sync();
    }))).toBe("InvalidOperation");
    expect(d.workbook.tables).toEqual([]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Đơn vị 1").tables.add("A2:C3", true).name = "Results";
      await ctx.sync();
    });
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.tables.getItem("Results").resize("'Đơn vị 1'!A2:C5");
      await ctx.sync();
    }))).toBe("InvalidOperation");
    expect(d.workbook.tables.map((t) => [t.name, t.row, t.rows])).toEqual([["Results", 1, 2]]);
    // Unmerged in the same request, before the resize: the table grows over the cells.
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Đơn vị 1").getRange().unmerge();
      ctx.workbook.tables.getItem("Results").resize("'Đơn vị 1'!A2:C5");
      await ctx.sync();
    });
    expect(d.workbook.tables.map((t) => [t.name, t.row, t.rows])).toEqual([["Results", 1, 4]]);
    expect(d.sheet("Đơn vị 1").merges).toEqual([]);
  });
});
