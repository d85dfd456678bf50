/**
 * Workbook.insertWorksheetsFromBase64 (ExcelApi 1.13) in the double brings a sheet in as Excel for
 * Windows and Mac do: its values, number formats (an empty cell's too), fills, unlocked cells,
 * merged areas, protection, and its notes and threaded comments ("Comments … has been supported on
 * Excel Desktop", OfficeDev/office-js#1565; only Excel on the web refuses them: "In Excel on the
 * web, this API doesn't support inserting charts, comments, PivotTables, or slicers", the
 * reference). Everything is read back through the double's Office.js API, as an add-in reads it.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { createExcelDouble, type ExcelDouble } from "./index";
import { codeOf, run } from "./testing";

/**
 * A unit's form "Phiếu" as a file: a note on a value (A1), a note in two rich-text runs (C2), an
 * empty, unlocked, percent-formatted, yellow input cell with a note (D4), a note on a cell that has
 * nothing else (F1: the file has no cell for it, only the note), fills of the theme (E5, E6), a
 * merged title (A8:C8), the sheet protected without a password (formatting cells allowed, editing
 * objects not); and a sheet "Khác" with a note of its own.
 */
async function formFile(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Phiếu");
  ws.getCell("A1").value = "Mã";
  ws.getCell("A1").note = "Mã đơn vị";
  ws.getCell("B1").value = "Số liệu";
  ws.getCell("C2").value = 3;
  ws.getCell("C2").note = { texts: [{ text: "Hai " }, { text: "phần", font: { bold: true } }] } as ExcelJS.Comment;
  const input = ws.getCell("D4");
  input.numFmt = "0%";
  input.protection = { locked: false };
  input.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
  input.note = "Nhập tỷ lệ phần trăm";
  ws.getCell("F1").note = "Ô trống có ghi chú";
  // Accent 1 of the file's theme (ExcelJS writes Office 2007's: 4F81BD), and "White, Background 1, Darker 15%".
  ws.getCell("E5").fill = { type: "pattern", pattern: "solid", fgColor: { theme: 4 } };
  ws.getCell("E6").fill = { type: "pattern", pattern: "solid", fgColor: { theme: 0, tint: -0.1499984740745262 } as Partial<ExcelJS.Color> };
  ws.getCell("A8").value = "Tổng";
  ws.mergeCells("A8:C8");
  await ws.protect("", { formatCells: true, objects: false });
  const other = wb.addWorksheet("Khác");
  other.getCell("B3").value = 7;
  other.getCell("B3").note = "Ghi chú trang khác";
  return wb;
}

async function base64Of(wb: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

function insert(d: ExcelDouble, base64: string, sheetNamesToInsert: string[] = []): Promise<string[]> {
  return run(d, async (ctx) => {
    const ids = ctx.workbook.insertWorksheetsFromBase64(base64, { sheetNamesToInsert, positionType: "End" });
    await ctx.sync();
    return ids.value;
  });
}

/** "'Phiếu (2)'!A1" → "Phiếu (2)!A1": a sheet-qualified address without its quotes, to compare. */
function unquoted(address: string): string {
  return address.replace(/^'((?:[^']|'')*)'!/, (_, name: string) => `${name.replace(/''/g, "'")}!`);
}

/** The workbook's notes as an add-in reads them (ExcelApi 1.18): each one's cell and text. */
function notesOf(d: ExcelDouble): Promise<[string, string][]> {
  return run(d, async (ctx) => {
    const notes = ctx.workbook.notes.load("items/content");
    await ctx.sync();
    const at = notes.items.map((n) => n.getLocation().load("address"));
    await ctx.sync();
    return notes.items.map((n, i) => [unquoted(at[i]!.address), n.content] as [string, string]);
  });
}

describe("insertWorksheetsFromBase64 brings a sheet in as Excel on Windows and Mac does", () => {
  test("the sheet's notes come in on their cells (an empty cell's too, rich text as its plain text); those of a sheet not inserted do not", async () => {
    const d = createExcelDouble();
    d.addSheet("Sheet1", [["x"]]);
    await insert(d, await base64Of(await formFile()), ["Phiếu"]);
    expect(d.sheetNames()).toEqual(["Sheet1", "Phiếu"]);
    expect((await notesOf(d)).sort()).toEqual([
      ["Phiếu!A1", "Mã đơn vị"],
      ["Phiếu!C2", "Hai phần"],
      ["Phiếu!D4", "Nhập tỷ lệ phần trăm"],
      ["Phiếu!F1", "Ô trống có ghi chú"],
    ]);
    // Looked up by cell, as an add-in does before it changes one.
    const one = await run(d, async (ctx) => {
      const n = ctx.workbook.notes.getItemOrNullObject("Phiếu!D4").load("content");
      const none = ctx.workbook.notes.getItemOrNullObject("Phiếu!B1").load("content");
      await ctx.sync();
      return [n.isNullObject ? null : n.content, none.isNullObject];
    });
    expect(one).toEqual(["Nhập tỷ lệ phần trăm", true]);
  });

  test("a sheet renamed on a name already taken brings its notes onto the new sheet; the notes already there stay", async () => {
    const d = createExcelDouble();
    d.addSheet("Phiếu", [["cũ"]]);
    await run(d, async (ctx) => {
      ctx.workbook.notes.add("Phiếu!A1", "Ghi chú có sẵn");
      await ctx.sync();
    });
    const file = await base64Of(await formFile());
    const ids = await insert(d, file);
    expect(d.sheetNames()).toEqual(["Phiếu", "Phiếu (2)", "Khác"]);
    expect(ids).toEqual([d.sheet("Phiếu (2)").id, d.sheet("Khác").id]);
    const notes = await notesOf(d);
    expect(notes.filter(([a]) => a.startsWith("Phiếu!"))).toEqual([["Phiếu!A1", "Ghi chú có sẵn"]]);
    expect(notes.filter(([a]) => a.startsWith("Phiếu (2)!")).map(([a]) => a).sort()).toEqual(["Phiếu (2)!A1", "Phiếu (2)!C2", "Phiếu (2)!D4", "Phiếu (2)!F1"]);
    expect(notes.filter(([a]) => a.startsWith("Khác!"))).toEqual([["Khác!B3", "Ghi chú trang khác"]]);
    // The same file inserted again brings its notes again, on the sheets it adds.
    await insert(d, file, ["Khác"]);
    expect((await notesOf(d)).filter(([a]) => a.startsWith("Khác (2)!"))).toEqual([["Khác (2)!B3", "Ghi chú trang khác"]]);
  });

  test("an empty input cell keeps its number format, fill and unlocked state; a theme's fill reads as its colour; the merged title stays merged", async () => {
    const d = createExcelDouble();
    d.addSheet("Sheet1");
    await insert(d, await base64Of(await formFile()), ["Phiếu"]);
    const read = await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Phiếu");
      const input = ws.getRange("D4").load("values,numberFormat");
      const locked = ws.getRange("D4").format.protection.load("locked");
      const fills = ["D4", "E5", "E6", "B1"].map((a) => ws.getRange(a).format.fill.load("color"));
      const merged = ws.getRange().getMergedAreasOrNullObject().load("address");
      await ctx.sync();
      return { values: input.values, numberFormat: input.numberFormat, locked: locked.locked, fills: fills.map((f) => f.color), merged: merged.isNullObject ? null : unquoted(merged.address) };
    });
    expect(read).toEqual({
      values: [[""]],
      numberFormat: [["0%"]],
      locked: false,
      // "#FFFFFF" for B1, which has no fill.
      fills: ["#FFF2CC", "#4F81BD", "#D9D9D9", "#FFFFFF"],
      merged: "Phiếu!A8:C8",
    });
    // What the unit types later shows in the cell's format: the format is still there after the value is written.
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Phiếu").getRange("D4").values = [[0.9]];
      await ctx.sync();
    });
    expect(d.cell("Phiếu!D4")).toMatchObject({ v: 0.9, nf: "0%", fill: "#FFF2CC", locked: false });
  });

  test("the protected sheet comes in protected with its options: its locked cells and its notes refuse changes, its unlocked cells take them", async () => {
    const d = createExcelDouble();
    d.addSheet("Sheet1");
    await insert(d, await base64Of(await formFile()), ["Phiếu"]);
    const protection = await run(d, async (ctx) => {
      const p = ctx.workbook.worksheets.getItem("Phiếu").protection.load("protected,options");
      await ctx.sync();
      return { protected: p.protected, formatCells: p.options.allowFormatCells, editObjects: p.options.allowEditObjects };
    });
    expect(protection).toEqual({ protected: true, formatCells: true, editObjects: false });
    const write = (cell: string) => codeOf(run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Phiếu").getRange(cell).values = [[1]];
      await ctx.sync();
    }));
    expect(await write("D4")).toBeUndefined();
    expect(await write("C2")).toBe("AccessDenied");
    // Notes are objects: a sheet protected without "edit objects" keeps them as they are.
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.notes.getItem("Phiếu!D4").content = "đổi";
      await ctx.sync();
    }))).toBe("AccessDenied");
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Phiếu").protection.unprotect();
      ctx.workbook.notes.getItem("Phiếu!D4").content = "đổi";
      await ctx.sync();
    });
    expect((await notesOf(d)).find(([a]) => a === "Phiếu!D4")).toEqual(["Phiếu!D4", "đổi"]);
  });

  test("a threaded comment comes in as a comment, its first comment's text, with its replies; the legacy note Excel writes beside it does not come in as a note", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Phiếu");
    ws.getCell("B2").value = 12;
    ws.getCell("B2").note = "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    Kiểm tra lại số này";
    ws.getCell("C3").note = "Ghi chú thường";
    // The parts Excel 365 writes for a thread of a comment and a reply on B2.
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const relsPath = "xl/worksheets/_rels/sheet1.xml.rels";
    const rels = await zip.file(relsPath)!.async("string");
    zip.file(relsPath, rels.replace("</Relationships>", '<Relationship Id="rIdT1" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>'));
    zip.file("xl/threadedComments/threadedComment1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
      + '<threadedComment ref="B2" dT="2024-06-01T08:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="{00000000-0000-0000-0000-0000000000A1}"><text>Kiểm tra lại số này &amp; gửi lại</text></threadedComment>'
      + '<threadedComment ref="B2" dT="2024-06-02T08:00:00.00" personId="{00000000-0000-0000-0000-000000000002}" id="{00000000-0000-0000-0000-0000000000A2}" parentId="{00000000-0000-0000-0000-0000000000A1}"><text>Đã sửa</text></threadedComment>'
      + "</ThreadedComments>");
    const base64 = Buffer.from(await zip.generateAsync({ type: "uint8array" })).toString("base64");

    const d = createExcelDouble();
    d.addSheet("Sheet1");
    await insert(d, base64);
    const comments = await run(d, async (ctx) => {
      const list = ctx.workbook.comments.load("items/content");
      await ctx.sync();
      const at = list.items.map((c) => c.getLocation().load("address"));
      await ctx.sync();
      return list.items.map((c, i) => [unquoted(at[i]!.address), c.content]);
    });
    expect(comments).toEqual([["Phiếu!B2", "Kiểm tra lại số này & gửi lại"]]);
    // The reply (it names the thread's first comment as its parentId) comes in as the thread's reply.
    const replies = await run(d, async (ctx) => {
      const list = ctx.workbook.comments.getItemByCell("Phiếu!B2").replies.load("items/content");
      await ctx.sync();
      return list.items.map((r) => r.content);
    });
    expect(replies).toEqual(["Đã sửa"]);
    expect(await notesOf(d)).toEqual([["Phiếu!C3", "Ghi chú thường"]]);
  });

  test("before ExcelApi 1.18 the notes come in all the same, though the add-in cannot read them (Workbook.notes is not found)", async () => {
    const d = createExcelDouble({ requirements: { ExcelApi: "1.13" } });
    d.addSheet("Sheet1");
    await insert(d, await base64Of(await formFile()), ["Phiếu"]);
    expect(d.workbook.notes.map((n) => [n.sheet.name, n.row, n.col, n.content]).sort()).toEqual([
      ["Phiếu", 0, 0, "Mã đơn vị"],
      ["Phiếu", 0, 5, "Ô trống có ghi chú"],
      ["Phiếu", 1, 2, "Hai phần"],
      ["Phiếu", 3, 3, "Nhập tỷ lệ phần trăm"],
    ]);
    expect(await codeOf(notesOf(d))).toBe("ApiNotFound");
  });
});
