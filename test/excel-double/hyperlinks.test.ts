/**
 * Range.hyperlink (ExcelApi 1.7) in the Excel double: loaded only when named and read after the
 * sync, set (queued until the sync, weighed in the request as any set), on every cell of the
 * range with its text in the top-left cell, refused on a protected sheet that does not allow
 * inserting hyperlinks, and carried in from an .xlsx's <hyperlink> elements (a place in the
 * workbook as `documentReference`, a web page as `address`).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { makeTemplate } from "../../src/hosts/xlsx/template";
import { departmentModel } from "../excel-host/fixtures";
import { createExcelDouble, type ExcelDouble } from "./index";
import { codeOf, run } from "./testing";

function workbook(requirements?: Record<string, string>): ExcelDouble {
  const d = createExcelDouble(requirements ? { requirements } : {});
  d.addSheet("Hướng dẫn", [["Mã đơn vị", "Đơn vị"], ["SNV", "Sở Nội vụ"], ["STC", "Sở Tài chính"]]);
  d.addSheet("Sở Nội vụ");
  return d;
}

/** The hyperlink of one cell as an add-in reads it. */
function linkOf(d: ExcelDouble, sheet: string, cell: string): Promise<Excel.RangeHyperlink | null> {
  return run(d, async (ctx) => {
    const r = ctx.workbook.worksheets.getItem(sheet).getRange(cell).load("hyperlink");
    await ctx.sync();
    return r.hyperlink;
  });
}

describe("Range.hyperlink in the Excel double", () => {
  test("is not there until loaded and synced; a cell without a link reads as null", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Hướng dẫn").getRange("B2");
      expect(() => r.hyperlink).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      r.load("hyperlink");
      expect(() => r.hyperlink).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(r.hyperlink).toBeNull();
    });
  });

  test("load() without properties does not load it; naming it does, beside others", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      const all = ctx.workbook.worksheets.getItem("Hướng dẫn").getRange("B2").load();
      const named = ctx.workbook.worksheets.getItem("Hướng dẫn").getRange("B2").load("values,hyperlink");
      await ctx.sync();
      expect(() => all.hyperlink).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      expect(named.values).toEqual([["Sở Nội vụ"]]);
      expect(named.hyperlink).toBeNull();
    });
  });

  test("a link set is queued until the sync, then the cell has it; its text goes into the cell as text", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Hướng dẫn").getRange("B2");
      r.hyperlink = { documentReference: "'Sở Nội vụ'!A1", textToDisplay: "001", screenTip: "Phiếu" };
      expect(d.cell("'Hướng dẫn'!B2")?.link).toBeUndefined();
      await ctx.sync();
    });
    expect(d.cell("'Hướng dẫn'!B2")?.link).toEqual({ documentReference: "'Sở Nội vụ'!A1", screenTip: "Phiếu" });
    expect(d.cell("'Hướng dẫn'!B2")).toMatchObject({ v: "001", t: "String" });
    expect(await linkOf(d, "Hướng dẫn", "B2")).toEqual({ documentReference: "'Sở Nội vụ'!A1", screenTip: "Phiếu", textToDisplay: "001" });
  });

  test("a new link replaces the cell's; without textToDisplay the cell keeps its value", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Hướng dẫn").getRange("B3");
      r.hyperlink = { address: "https://example.vn/stc" };
      await ctx.sync();
      r.hyperlink = { documentReference: "'Sở Nội vụ'!A1" };
      await ctx.sync();
    });
    expect(await linkOf(d, "Hướng dẫn", "B3")).toEqual({ documentReference: "'Sở Nội vụ'!A1", textToDisplay: "Sở Tài chính" });
  });

  test("set on several cells: every cell gets the link, the text goes into the top-left cell only; reading several cells is not guessed", async () => {
    const d = workbook();
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Hướng dẫn").getRange("B2:B3").hyperlink = { address: "https://example.vn", textToDisplay: "Cổng" };
      await ctx.sync();
    });
    expect(d.grid("'Hướng dẫn'!B2:B3")).toEqual([["Cổng"], ["Sở Tài chính"]]);
    expect(await linkOf(d, "Hướng dẫn", "B3")).toEqual({ address: "https://example.vn", textToDisplay: "Sở Tài chính" });
    await expect(linkOf(d, "Hướng dẫn", "B2:B3")).rejects.toThrow(/single cell/);
  });

  test("is weighed in the request as any set: a longer link, a larger request", async () => {
    const sizes: number[] = [];
    for (const place of ["'A'!A1", `'${"Sở Nội vụ ".repeat(20)}'!A1`]) {
      const d = workbook();
      await run(d, async (ctx) => {
        ctx.workbook.worksheets.getItem("Hướng dẫn").getRange("B2").hyperlink = { documentReference: place };
        await ctx.sync();
      });
      sizes.push(d.requests[0]!.bytes);
    }
    expect(sizes[1]! - sizes[0]!).toBeGreaterThanOrEqual(`${"Sở Nội vụ ".repeat(20)}`.length - 1);
  });

  test("needs ExcelApi 1.7: before it, reading or setting throws ApiNotFound at once", async () => {
    const d = workbook({ ExcelApi: "1.6" });
    await run(d, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Hướng dẫn").getRange("B2");
      expect(() => r.load("hyperlink")).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => {
        r.hyperlink = { documentReference: "'Sở Nội vụ'!A1" };
      }).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    });
  });

  test("a protected sheet refuses it unless it allows inserting hyperlinks in unlocked cells; clear() takes it off", async () => {
    const d = workbook();
    const set = () =>
      run(d, async (ctx) => {
        ctx.workbook.worksheets.getItem("Hướng dẫn").getRange("B2").hyperlink = { documentReference: "'Sở Nội vụ'!A1" };
        await ctx.sync();
      });
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Hướng dẫn").getRange("B2").format.protection.locked = false;
      ctx.workbook.worksheets.getItem("Hướng dẫn").protection.protect();
      await ctx.sync();
    });
    expect(await codeOf(set())).toBe("AccessDenied");
    expect(d.cell("'Hướng dẫn'!B2")?.link).toBeUndefined();
    await run(d, async (ctx) => {
      const p = ctx.workbook.worksheets.getItem("Hướng dẫn").protection;
      p.unprotect();
      p.protect({ allowInsertHyperlinks: true });
      await ctx.sync();
    });
    expect(await codeOf(set())).toBeUndefined();
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Hướng dẫn");
      ws.protection.unprotect();
      ws.getRange("B2").clear("Contents");
      await ctx.sync();
    });
    expect(d.cell("'Hướng dẫn'!B2")?.link).toEqual({ documentReference: "'Sở Nội vụ'!A1" });
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Hướng dẫn").getRange("B2").clear();
      await ctx.sync();
    });
    expect(d.cell("'Hướng dẫn'!B2")?.link).toBeUndefined();
  });

  test("an .xlsx opened carries its links: the template's links to the forms as places in the workbook, a web page as an address", async () => {
    const { model } = departmentModel();
    const template = await makeTemplate(model, [{ code: "SNV", name: "Sở Nội vụ" }, { code: "STC", name: "Sở Tài chính" }], { lang: "vi" });
    // The template's links are places in the workbook (<hyperlink location>, no relationship).
    const zip = await JSZip.loadAsync(template);
    const xml = await Promise.all(Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p)).map((p) => zip.file(p)!.async("string")));
    expect(xml.join("")).toContain(`location="'Sở Nội vụ'!A1"`);
    // A person points one at a web page (ExcelJS writes it with a relationship).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as never);
    const help = wb.getWorksheet("Hướng dẫn")!;
    let row = 0;
    help.eachRow((r, n) => {
      if (r.getCell(2).text === "Sở Tài chính") row = n;
    });
    expect(row).toBeGreaterThan(0);
    help.getCell(row, 2).value = { text: "Sở Tài chính", hyperlink: "https://stc.example.vn/", tooltip: "Cổng" } as ExcelJS.CellHyperlinkValue;
    const relinked = new Uint8Array(await wb.xlsx.writeBuffer());
    // ExcelJS drops the location links on reading: the template's own bytes carry them.
    const d = createExcelDouble();
    await d.loadXlsx(template);
    expect(await linkOf(d, "Hướng dẫn", `B${row - 1}`)).toEqual({ documentReference: "'Sở Nội vụ'!A1", textToDisplay: "Sở Nội vụ" });
    expect(await linkOf(d, "Hướng dẫn", `B${row}`)).toEqual({ documentReference: "'Sở Tài chính'!A1", textToDisplay: "Sở Tài chính" });
    expect(await linkOf(d, "Hướng dẫn", "A1")).toBeNull();
    const e = createExcelDouble();
    await e.loadXlsx(relinked);
    expect(await linkOf(e, "Hướng dẫn", `B${row}`)).toEqual({ address: "https://stc.example.vn/", screenTip: "Cổng", textToDisplay: "Sở Tài chính" });
  });

  test("sheets inserted from a file (insertWorksheetsFromBase64) carry their links", async () => {
    const { model } = departmentModel();
    const template = await makeTemplate(model, [{ code: "SNV", name: "Sở Nội vụ" }], { lang: "vi" });
    const d = createExcelDouble();
    d.addSheet("Sheet1");
    await run(d, async (ctx) => {
      ctx.workbook.insertWorksheetsFromBase64(Buffer.from(template).toString("base64"));
      await ctx.sync();
    });
    const help = d.sheet("Hướng dẫn");
    const links = [...help.cells.values()].flatMap((c) => (c.link ? [{ v: c.v, link: c.link }] : []));
    expect(links).toEqual([{ v: "Sở Nội vụ", link: { documentReference: "'Sở Nội vụ'!A1" } }]);
  });
});
