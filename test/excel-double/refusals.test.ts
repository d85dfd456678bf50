/**
 * Requests Excel refuses whole in the Excel double: the user typing in a cell
 * (InvalidOperationInCellEditMode, unless the batch was run with delayForCellEdit on ExcelApi 1.11
 * or later) or working in another workbook (InactiveWorkbook).
 */
import { createExcelDouble, REFUSALS, type ExcelDouble } from "./index";
import { codeOf } from "./testing";

function workbook(requirements?: Record<string, string>): ExcelDouble {
  const d = createExcelDouble(requirements ? { requirements } : {});
  d.addSheet("Phiếu", [["Mã", "Số liệu"], ["1.1", 5]]);
  return d;
}

/** One request writing B2, sent through Excel.run with the given options. */
function write(d: ExcelDouble, value: number, options?: { delayForCellEdit?: boolean }): Promise<string | undefined> {
  const batch = async (ctx: Excel.RequestContext) => {
    ctx.workbook.worksheets.getItem("Phiếu").getRange("B2").values = [[value]];
    await ctx.sync();
  };
  return codeOf(options ? d.Excel.run(options, batch as never) : d.Excel.run(batch as never));
}

describe("requests Excel refuses whole, in the Excel double", () => {
  test("the chosen request fails with the code and Excel's message, nothing in it is done, and the next goes through", async () => {
    const d = workbook();
    d.refuseRequests("InactiveWorkbook", { at: 2 });
    expect(await write(d, 6)).toBeUndefined();
    let error: { code?: string; message?: string } | undefined;
    await d.Excel.run(async (ctx: Excel.RequestContext) => {
      const ws = ctx.workbook.worksheets.getItem("Phiếu");
      ws.getRange("B2").values = [[7]];
      ws.protection.protect();
      await ctx.sync().catch((e: { code?: string; message?: string }) => { error = e; });
    });
    expect(error?.code).toBe("InactiveWorkbook");
    expect(error?.message).toBe(REFUSALS.InactiveWorkbook);
    // Neither the write before the protect nor the protect happened.
    expect(d.value("Phiếu!B2")).toBe(6);
    expect(d.sheet("Phiếu").protection.protected).toBe(false);
    expect(d.requests.map((r) => r.ok)).toEqual([true, false]);
    expect(await write(d, 8)).toBeUndefined();
    expect(d.value("Phiếu!B2")).toBe(8);
  });

  test("a run of refused requests lasts `count` requests, or until stopRefusing", async () => {
    const d = workbook();
    d.refuseRequests("InvalidOperationInCellEditMode", { count: 2 });
    expect(await write(d, 1)).toBe("InvalidOperationInCellEditMode");
    expect(await write(d, 2)).toBe("InvalidOperationInCellEditMode");
    expect(await write(d, 3)).toBeUndefined();
    d.refuseRequests("InactiveWorkbook", { count: Infinity });
    for (let i = 0; i < 5; i++) expect(await write(d, 10 + i)).toBe("InactiveWorkbook");
    d.stopRefusing();
    expect(await write(d, 20)).toBeUndefined();
    expect(d.value("Phiếu!B2")).toBe(20);
    // A batch with nothing queued sends no request and is not refused.
    d.refuseRequests("InactiveWorkbook");
    await d.Excel.run(async (ctx: Excel.RequestContext) => ctx.sync());
    expect(await write(d, 21)).toBe("InactiveWorkbook");
  });

  test("with delayForCellEdit (ExcelApi 1.11) a request waits for the user to leave the cell instead of failing", async () => {
    const d = workbook({ ExcelApi: "1.11" });
    d.refuseRequests("InvalidOperationInCellEditMode", { count: Infinity });
    expect(await write(d, 4, { delayForCellEdit: true })).toBeUndefined();
    expect(d.value("Phiếu!B2")).toBe(4);
    // The user left the cell: requests without the option go through too.
    expect(await write(d, 5)).toBeUndefined();
  });

  test("delayForCellEdit does not help before ExcelApi 1.11, nor against another workbook being active", async () => {
    const old = workbook({ ExcelApi: "1.10" });
    old.refuseRequests("InvalidOperationInCellEditMode");
    expect(await write(old, 4, { delayForCellEdit: true })).toBe("InvalidOperationInCellEditMode");
    expect(old.value("Phiếu!B2")).toBe(5);
    const d = workbook();
    d.refuseRequests("InactiveWorkbook");
    expect(await write(d, 4, { delayForCellEdit: true })).toBe("InactiveWorkbook");
  });
});
