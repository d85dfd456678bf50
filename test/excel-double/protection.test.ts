import ExcelJS from "exceljs";
import { createExcelDouble, type ExcelDouble } from "./index";
import { codeOf, run } from "./testing";

type Ctx = Excel.RequestContext;



/** A sheet "Phiếu" with A1:B2 filled, B2 unlocked, protected with the given options and password. */
async function protectedSheet(options?: Partial<Excel.WorksheetProtectionOptions>, password?: string): Promise<ExcelDouble> {
  const d = createExcelDouble();
  d.addSheet("Phiếu", [["Mã", "Số liệu"], ["1.1", 5]]);
  await run(d, async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("Phiếu");
    ws.getRange("B2").format.protection.locked = false;
    ws.protection.protect(options as Excel.WorksheetProtectionOptions, password);
    await ctx.sync();
  });
  return d;
}

describe("protected sheets in the Excel double", () => {
  test("writing a locked cell of a protected sheet fails at sync with AccessDenied and leaves the cell as it was", async () => {
    const d = await protectedSheet();
    const ws = (ctx: Ctx) => ctx.workbook.worksheets.getItem("Phiếu");
    const code = await codeOf(run(d, async (ctx) => {
      ws(ctx).getRange("A2").values = [["9.9"]];
      await ctx.sync();
    }));
    expect(code).toBe("AccessDenied");
    expect(d.value("Phiếu!A2")).toBe("1.1");
    // A range over a locked cell fails even where it writes null (Excel checks the whole range).
    expect(await codeOf(run(d, async (ctx) => {
      ws(ctx).getRange("A2:B2").values = [[null, 7]];
      await ctx.sync();
    }))).toBe("AccessDenied");
    expect(d.value("Phiếu!B2")).toBe(5);
  });

  test("an unlocked cell of a protected sheet can still be written, as a user can type in it", async () => {
    const d = await protectedSheet();
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Phiếu").getRange("B2").values = [[42]];
      await ctx.sync();
    });
    expect(d.value("Phiếu!B2")).toBe(42);
  });

  test("formatting locked cells fails unless the protection allows formatting cells", async () => {
    const strict = await protectedSheet();
    expect(await codeOf(run(strict, async (ctx) => {
      ctx.workbook.worksheets.getItem("Phiếu").getRange("A1").format.fill.color = "#FFC7CE";
      await ctx.sync();
    }))).toBe("AccessDenied");
    expect(strict.cell("Phiếu!A1")?.fill).toBeUndefined();
    expect(await codeOf(run(strict, async (ctx) => {
      ctx.workbook.worksheets.getItem("Phiếu").getRange("A1").numberFormat = [["@"]];
      await ctx.sync();
    }))).toBe("AccessDenied");

    const lenient = await protectedSheet({ allowFormatCells: true });
    await run(lenient, async (ctx) => {
      ctx.workbook.worksheets.getItem("Phiếu").getRange("A1").format.fill.color = "#FFC7CE";
      await ctx.sync();
    });
    expect(lenient.cell("Phiếu!A1")?.fill).toBe("#FFC7CE");
  });

  test("protection reads back with its options; protecting twice fails; unprotect needs the password", async () => {
    const d = await protectedSheet({ allowFormatColumns: true, selectionMode: "Unlocked" as Excel.ProtectionSelectionMode }, "bí mật");
    const state = await run(d, async (ctx) => {
      const p = ctx.workbook.worksheets.getItem("Phiếu").protection.load("protected,options");
      await ctx.sync();
      return { protected: p.protected, options: p.options };
    });
    expect(state.protected).toBe(true);
    expect(state.options).toMatchObject({ allowFormatColumns: true, allowFormatCells: false, allowInsertRows: false, selectionMode: "Unlocked" });
    const protection = (ctx: Ctx) => ctx.workbook.worksheets.getItem("Phiếu").protection;
    expect(await codeOf(run(d, async (ctx) => { protection(ctx).protect(); await ctx.sync(); }))).toBe("InvalidOperation");
    expect(await codeOf(run(d, async (ctx) => { protection(ctx).unprotect(); await ctx.sync(); }))).toBe("InvalidArgument");
    expect(await codeOf(run(d, async (ctx) => { protection(ctx).unprotect("sai"); await ctx.sync(); }))).toBe("InvalidArgument");
    expect(d.sheet("Phiếu").protection.protected).toBe(true);
    await run(d, async (ctx) => {
      protection(ctx).unprotect("bí mật");
      ctx.workbook.worksheets.getItem("Phiếu").getRange("A2").values = [["mục 2"]];
      await ctx.sync();
    });
    expect(d.value("Phiếu!A2")).toBe("mục 2");
  });

  test("unprotecting, writing and protecting again in one request leaves the sheet protected and the cell written", async () => {
    const d = await protectedSheet({ allowFormatRows: true });
    await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Phiếu");
      ws.protection.unprotect();
      ws.getRange("A2").values = [["mục 3"]];
      ws.protection.protect({ allowFormatRows: true });
      await ctx.sync();
    });
    expect(d.value("Phiếu!A2")).toBe("mục 3");
    expect(d.sheet("Phiếu").protection).toMatchObject({ protected: true, password: null, options: { allowFormatRows: true } });
  });

  test("cells are locked until unlocked, and locking cannot change while the sheet is protected", async () => {
    const d = await protectedSheet();
    const read = await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Phiếu");
      const a = ws.getRange("A2").format.protection.load("locked");
      const b = ws.getRange("B2").format.protection.load("locked");
      const both = ws.getRange("A2:B2").format.protection.load("locked");
      await ctx.sync();
      return [a.locked, b.locked, both.locked];
    });
    expect(read).toEqual([true, false, null]);
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Phiếu").getRange("A2").format.protection.locked = false;
      await ctx.sync();
    }))).toBe("AccessDenied");
  });

  test("sheets inserted from an .xlsx keep their protection, its options, its password and their unlocked cells", async () => {
    const wb = new ExcelJS.Workbook();
    const open = wb.addWorksheet("Mở");
    open.getCell("A1").value = "tự do";
    const form = wb.addWorksheet("Biểu mẫu");
    form.getCell("A1").value = "Mã";
    form.getCell("B2").protection = { locked: false };
    await form.protect("", { formatColumns: true, formatCells: false, insertRows: false });
    const locked = wb.addWorksheet("Khoá");
    locked.getCell("A1").value = "x";
    await locked.protect("mật khẩu", { spinCount: 1000 } as never);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");

    const d = createExcelDouble();
    d.addSheet("Sheet1");
    const states = await run(d, async (ctx) => {
      ctx.workbook.insertWorksheetsFromBase64(base64);
      await ctx.sync();
      const list = ["Mở", "Biểu mẫu", "Khoá"].map((n) => ctx.workbook.worksheets.getItem(n).protection.load("protected,options"));
      await ctx.sync();
      return list.map((p) => ({ protected: p.protected, options: p.options }));
    });
    expect(states.map((s) => s.protected)).toEqual([false, true, true]);
    expect(states[1]!.options).toMatchObject({ allowFormatColumns: true, allowFormatCells: false, allowInsertRows: false });
    const write = (cell: string) => codeOf(run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Biểu mẫu").getRange(cell).values = [["đã nhập"]];
      await ctx.sync();
    }));
    expect(await write("B2")).toBeUndefined();
    expect(await write("A1")).toBe("AccessDenied");
    expect(await codeOf(run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Khoá").protection.unprotect();
      await ctx.sync();
    }))).toBe("InvalidArgument");
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Biểu mẫu").protection.unprotect();
      await ctx.sync();
    });
    expect(d.sheet("Biểu mẫu").protection.protected).toBe(false);
  });

  test("with `unprotectWithoutPassword: \"ignored\"`, unprotect() without the password does nothing: the request goes on, the sheet stays protected, its locked cells refuse writes", async () => {
    const d = createExcelDouble({ unprotectWithoutPassword: "ignored" });
    d.addSheet("Phiếu", [["Mã", "Số liệu"], ["1.1", 5]]);
    d.addSheet("Mở", [["x"]]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("Phiếu").protection.protect({ allowFormatColumns: true }, "bí mật");
      await ctx.sync();
    });
    const state = await run(d, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Phiếu");
      ws.protection.unprotect();
      ctx.workbook.worksheets.getItem("Mở").getRange("A1").values = [["y"]];
      const p = ws.protection.load("protected");
      await ctx.sync();
      return p.protected;
    });
    expect(state).toBe(true);
    expect(d.value("Mở!A1")).toBe("y");
    expect(d.sheet("Phiếu").protection).toMatchObject({ protected: true, password: "bí mật" });
    // Protecting it again fails, as for any protected sheet; a wrong password still fails; the right one unprotects.
    const protection = (ctx: Ctx) => ctx.workbook.worksheets.getItem("Phiếu").protection;
    expect(await codeOf(run(d, async (ctx) => { protection(ctx).unprotect(); protection(ctx).protect(); await ctx.sync(); }))).toBe("InvalidOperation");
    expect(await codeOf(run(d, async (ctx) => { protection(ctx).unprotect(); ctx.workbook.worksheets.getItem("Phiếu").getRange("A2").values = [["2.2"]]; await ctx.sync(); }))).toBe("AccessDenied");
    expect(await codeOf(run(d, async (ctx) => { protection(ctx).unprotect("sai"); await ctx.sync(); }))).toBe("InvalidArgument");
    await run(d, async (ctx) => { protection(ctx).unprotect("bí mật"); await ctx.sync(); });
    expect(d.sheet("Phiếu").protection.protected).toBe(false);
    // The default stays the failure.
    const strict = createExcelDouble();
    strict.addSheet("Phiếu");
    strict.sheet("Phiếu").protection = { protected: true, options: { ...strict.sheet("Phiếu").protection.options }, password: "bí mật" };
    expect(await codeOf(run(strict, async (ctx) => { protection(ctx).unprotect(); await ctx.sync(); }))).toBe("InvalidArgument");
  });
});
