/**
 * A request Excel refuses whole for a reason the user can put right (another workbook active, a
 * cell being edited): the host fails with a sentence in both languages that says what to do, as a
 * warning the pane shows as it is, and keeps Excel's code. Other errors pass through unchanged.
 */
import { runScoring } from "../../src/core/pipeline";
import { CHART_NAMES, SHEET_NAMES } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import { ExcelHostError } from "../../src/hosts/excel/requirements";
import { createExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail");
}

describe("the Excel host when Excel refuses a request", () => {
  test("another workbook active: reading fails with what to do, in Vietnamese and English, as a warning; the next try works", async () => {
    const d = createExcelDouble().install();
    d.addSheet("Phiếu", [["Mã", "Số liệu"], ["1.1", 5]]);
    d.refuseRequests("InactiveWorkbook", { count: Infinity });
    const host = new ExcelHost();
    const e = await failure(host.read());
    expect(e).toBeInstanceOf(ExcelHostError);
    expect(e).toMatchObject({
      code: "InactiveWorkbook",
      intent: "warning",
      localized: {
        vi: "Một sổ làm việc khác đang được chọn nên Excel không nhận lệnh cho sổ này: hãy bấm vào sổ này rồi thử lại.",
        en: "Another workbook is active, so Excel took no command for this one: click into this workbook, then try again.",
      },
    });
    expect((e as Error).message).not.toMatch(/lost focus/);

    d.stopRefusing();
    const snap = await host.read();
    expect(snap.sheets[0]!.values[1]).toEqual(["1.1", 5]);
  });

  test("a cell being edited (before ExcelApi 1.11): going to a cell fails with what to do, and no request went through", async () => {
    const d = createExcelDouble({ requirements: { ExcelApi: "1.10" } }).install();
    d.addSheet("Một");
    d.addSheet("Hai");
    d.refuseRequests("InvalidOperationInCellEditMode");
    const e = await failure(new ExcelHost().goTo("Hai", "C4"));
    expect(e).toMatchObject({
      code: "InvalidOperationInCellEditMode",
      intent: "warning",
      localized: {
        vi: expect.stringContaining("hãy nhấn Enter hoặc Esc để ra khỏi ô đang sửa rồi thử lại"),
        en: expect.stringContaining("press Enter or Esc to leave the cell, then try again"),
      },
    });
    expect(d.requests.every((r) => !r.ok)).toBe(true);
  });

  test("an error the user cannot put right in Excel is not dressed up as one", async () => {
    const d = createExcelDouble().install();
    d.addSheet("Một");
    const e = await failure(new ExcelHost().goTo("Một", "không phải ô"));
    expect(e).not.toBeInstanceOf(ExcelHostError);
    expect(e).toMatchObject({ code: "InvalidArgument" });
  });

  test("a chart selected on an Excel that then refuses to merge cells: scoring again says to click a cell; once one is, the run writes everything, each chart once", async () => {
    const { double, definition } = await layoutAWorkbook(4, { mergeWithChartSelected: "refused" });
    double.install();
    const now = new Date("2026-01-15T08:00:00Z");
    await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
    const results = double.sheet(SHEET_NAMES.results.vi);
    const before = results.merges.length;
    expect(before).toBeGreaterThan(0);
    double.selectChart(SHEET_NAMES.charts.vi, CHART_NAMES.total);
    const e = await failure(runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now }));
    expect(e).toMatchObject({
      code: "InvalidSelection",
      intent: "warning",
      localized: {
        vi: "Excel không làm tiếp được khi đang chọn một biểu đồ hay một hình: hãy bấm vào một ô bất kỳ của trang tính rồi thử lại.",
        en: "Excel could not go on while a chart or a shape is selected: click any cell of a sheet, then try again.",
      },
    });
    // The user clicks a cell, and scores again.
    double.state.workbook.selection = { sheet: SHEET_NAMES.charts.vi, address: "A1" };
    await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
    expect(results.merges.length).toBe(before);
    expect(results.get(0, 0)?.v).toMatch(/^Kết quả đánh giá, xếp hạng/);
    const charts = double.sheet(SHEET_NAMES.charts.vi).charts.map((c) => c.name).sort();
    expect(charts).toEqual([...new Set(charts)]);
    expect(charts).toContain(CHART_NAMES.total);
  });
});
