/**
 * ItemNotFound as Excel gives it: Microsoft's message ("The requested resource doesn't exist.", the
 * error table of "Error handling with the application-specific JavaScript APIs"), without the call
 * that failed appended; where it failed is in `debugInfo.errorLocation`, as Excel puts it there.
 * A host that showed Excel's message would show no call text in the double either.
 */
import { createExcelDouble } from "./index";
import { run } from "./testing";

async function failure(p: Promise<unknown>): Promise<{ code?: string; message?: string; debugInfo?: { errorLocation?: string } }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error("the request did not fail");
}

describe("ItemNotFound", () => {
  test("a sheet that is not there: Microsoft's message, the call only in debugInfo", async () => {
    const d = createExcelDouble();
    d.addSheet("A");
    const e = await failure(
      run(d, async (ctx) => {
        ctx.workbook.worksheets.getItem("Đơn vị số 2").getRange("A1").values = [[1]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ItemNotFound");
    expect(e.message).toBe("The requested resource doesn't exist.");
    expect(e.debugInfo?.errorLocation).toContain("Đơn vị số 2");
  });

  test("a chart that is not there: the same message", async () => {
    const d = createExcelDouble();
    d.addSheet("A");
    const e = await failure(
      run(d, async (ctx) => {
        ctx.workbook.worksheets.getItem("A").charts.getItem("dti-total").name = "x";
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ItemNotFound");
    expect(e.message).toBe("The requested resource doesn't exist.");
  });
});
