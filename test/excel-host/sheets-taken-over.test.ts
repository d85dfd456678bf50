/**
 * Excel host: the user's sheets under the project's names are never written, an old copy of the
 * project's results keeps its cells, the project's sheets are found again without `_index`, a
 * chart the user renamed is updated where it is, and a sheet deleted or renamed while a run goes on
 * is said in the user's language with `_index`'s stamp left as the last run wrote it.
 */
import { runScoring } from "../../src/core/pipeline";
import { readIndexSheet } from "../../src/core/plan/index-sheet";
import { CHART_NAMES, INDEX_SHEET, RESULTS_TABLE } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import { asRefusal, ITEM_GONE_MESSAGE } from "../../src/hosts/excel/host";
import type { WorkbookHost } from "../../src/hosts/host";
import { isLocalizedError } from "../../src/taskpane/state/pipeline";
import { RequestContext } from "../excel-double/api";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook, type LayoutAOptions } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");
const later = new Date("2026-02-20T09:30:00Z");

/** A workbook of `units` forms scored once; `score` scores it again (at `later`), with the host it used. */
async function scoredOnce(units = 3, options: LayoutAOptions = {}) {
  const { double, definition } = await layoutAWorkbook(units, options);
  double.install();
  await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
  const score = async (host: WorkbookHost = new ExcelHost()) => {
    const result = await runScoring(host, { definition, lang: "vi", projectVersion: "test", now: later });
    const written = host instanceof ExcelHost ? (host.lastApply?.warnings ?? []) : [];
    return { result, warnings: written };
  };
  return { double, definition, score };
}

async function scoredAt(): Promise<string | undefined> {
  return readIndexSheet(await new ExcelHost().read())?.provenance?.scoredAt;
}

function tables(double: ExcelDouble): string[] {
  return double.workbook.tables.map((t) => `${t.name}@${t.sheet.name}`).sort();
}

function charts(double: ExcelDouble): string[] {
  return double.workbook.sheets.flatMap((s) => s.charts.map((c) => `${c.name}@${s.name}`)).sort();
}

async function failureOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("the run did not fail");
}

/** A host whose read is followed by the user's act (a sheet deleted or renamed between the run's read and its write). */
function racing(act: () => Promise<void>): WorkbookHost {
  const host = new ExcelHost();
  return {
    read: async () => {
      const snapshot = await host.read();
      await act();
      return snapshot;
    },
    apply: (plan) => host.apply(plan),
  };
}

describe("the user's sheets under the project's names (Excel)", () => {
  test("ours deleted and a `Kết quả` of the user's made: theirs is left as it is, the results go to `Kết quả (2)`, and the warning says so", async () => {
    const { double, score } = await scoredOnce();
    await double.userDeleteSheet("Kết quả");
    await double.userAddSheet("Kết quả", [["Báo cáo của tôi"], ["ghi chú", "x"], ["a", "b", "c"], [1, 2, 3]]);
    const { warnings } = await score();
    expect(double.grid("'Kết quả'!A1:C4")).toEqual([["Báo cáo của tôi", "", ""], ["ghi chú", "x", ""], ["a", "b", "c"], [1, 2, 3]]);
    expect(tables(double)).toEqual([`${RESULTS_TABLE}@Kết quả (2)`]);
    expect(warnings.map((w) => w.vi)).toContain("Sổ đã có trang 'Kết quả' không do DTI Scorer tạo: trang này được giữ nguyên, kết quả chấm điểm được ghi vào trang 'Kết quả (2)'.");
  });

  test("ours renamed `KQ cũ` and a `Kết quả` of the user's made: neither is written over; the old copy keeps its cells as plain cells, named in a warning", async () => {
    const { double, score } = await scoredOnce();
    const before = double.grid("'Kết quả'!A1:AB8");
    await double.userRenameSheet("Kết quả", "KQ cũ");
    await double.userAddSheet("Kết quả", [["Ghi chú của tôi"], ["số liệu riêng", 123]]);
    const { warnings } = await score();
    expect(double.grid("'Kết quả'!A1:B3")).toEqual([["Ghi chú của tôi", ""], ["số liệu riêng", 123], ["", ""]]);
    expect(double.grid("'KQ cũ'!A1:AB8")).toEqual(before);
    expect(tables(double)).toEqual([`${RESULTS_TABLE}@Kết quả (2)`]);
    const copy = warnings.find((w) => w.sheet === "KQ cũ");
    expect(copy?.vi).toContain(`Trang 'KQ cũ' có bảng ${RESULTS_TABLE}, một bản kết quả cũ của DTI Scorer`);
    expect(copy?.vi).toMatch(/\('KQ cũ'!A3:[A-Z]+6\) vẫn giữ nguyên giá trị/);
    expect(copy?.en).toContain("keep their values");
  });

  test("a charts sheet of the user's under our name, ours deleted: theirs keeps its cells and gets no chart; ours is `Biểu đồ (2)`", async () => {
    const { double, score } = await scoredOnce();
    await double.userDeleteSheet("Biểu đồ");
    await double.userAddSheet("Biểu đồ", [["Biểu đồ của tôi"], ["x", 5]]);
    await score();
    expect(double.grid("'Biểu đồ'!A1:B2")).toEqual([["Biểu đồ của tôi", ""], ["x", 5]]);
    expect(double.sheet("Biểu đồ").charts).toEqual([]);
    expect(double.sheet("Biểu đồ (2)").charts.map((c) => c.name).sort()).toEqual(Object.values(CHART_NAMES).sort());
  });
});

describe("the project's sheets without `_index` (Excel)", () => {
  test("`_index` gone: the results and charts sheets are found again and updated in place; no `(2)` sheets, no duplicate charts, no warning", async () => {
    const { double, score } = await scoredOnce();
    double.workbook.sheets = double.workbook.sheets.filter((s) => s.name !== INDEX_SHEET);
    const { warnings } = await score();
    expect(double.sheetNames().filter((n) => n.includes("(2)"))).toEqual([]);
    expect(charts(double)).toEqual(Object.values(CHART_NAMES).map((n) => `${n}@Biểu đồ`).sort());
    expect(tables(double)).toEqual([`${RESULTS_TABLE}@Kết quả`]);
    expect(double.grid("'Kết quả'!A3:C4")).toEqual([["Hạng", "Mã sở, ban, ngành", "Sở, ban, ngành"], [1, "U0001", "Đơn vị số 1"]]);
    expect(warnings).toEqual([]);
    expect(await scoredAt()).toBe(later.toISOString());
  });

  test("`_index` whose row naming the results sheet was deleted: that sheet is still the project's, its table kept and its cells written", async () => {
    const { double, score } = await scoredOnce();
    const index = double.sheet(INDEX_SHEET);
    for (const [k, c] of [...index.cells]) {
      if (k % 16384 === 0 && c.v === "sheet" && index.get(Math.floor(k / 16384), 1)?.v === "Kết quả") {
        index.cells.delete(k);
        index.cells.delete(k + 1);
      }
    }
    const { warnings } = await score();
    expect(double.sheetNames()).not.toContain("Kết quả (2)");
    expect(tables(double)).toEqual([`${RESULTS_TABLE}@Kết quả`]);
    expect(double.grid("'Kết quả'!A4:C4")).toEqual([[1, "U0001", "Đơn vị số 1"]]);
    expect(warnings).toEqual([]);
  });
});

describe("a chart of the project's the user renamed (Excel)", () => {
  test("is updated where it is, under the user's name: no second chart is drawn over it", async () => {
    const { double, score } = await scoredOnce();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Biểu đồ").charts.getItem(CHART_NAMES.total).name = "Biểu đồ tổng điểm của tôi";
      await ctx.sync();
    });
    // The units' figures change, so that the chart's data moves with them.
    await score();
    const sheet = double.sheet("Biểu đồ");
    expect(sheet.charts.map((c) => c.name).sort()).toEqual(["Biểu đồ tổng điểm của tôi", CHART_NAMES.groups, CHART_NAMES.profile].sort());
    const mine = sheet.charts.find((c) => c.name === "Biểu đồ tổng điểm của tôi")!;
    // Where the plan puts the total's chart: under the status line (A1).
    expect(mine.position).toEqual({ start: "A2", end: "I32" });
    expect(mine.series).toHaveLength(1);
  });
});

describe("a sheet deleted or renamed while a run goes on (Excel)", () => {
  test.each([
    ["deleted", (d: ExcelDouble) => d.userDeleteSheet("Đơn vị số 2")],
    ["renamed", (d: ExcelDouble) => d.userRenameSheet("Đơn vị số 2", "DV2")],
  ] as const)("a form %s between the read and the write: nothing is written, `_index` keeps its stamp, and the sentence is the user's language, not Excel's", async (what, act) => {
    const { double, score } = await scoredOnce();
    const stampBefore = await scoredAt();
    const resultsBefore = double.grid("'Kết quả'!A1:AB8");
    const e = await failureOf(score(racing(() => act(double))));
    expect(e).toMatchObject({ name: "ExcelHostError", code: "sheet-missing" });
    // The pane shows a localized error's own sentence (usePane), never Excel's text.
    expect(isLocalizedError(e)).toBe(true);
    const { localized } = e as { localized: { vi: string; en: string } };
    expect(localized.vi).toBe("Trang 'Đơn vị số 2' đã bị xóa hoặc đổi tên trong lúc DTI Scorer đang làm việc (sau khi đọc sổ làm việc), nên chưa có gì được ghi. Hãy chấm điểm lại để đọc lại sổ làm việc như hiện nay.");
    expect(localized.en).toBe("The sheet 'Đơn vị số 2' was deleted or renamed while DTI Scorer was working (after it read the workbook), so nothing was written. Score again to read the workbook as it is now.");
    expect(`${localized.vi} ${localized.en}`).not.toMatch(/requested resource|getItem/);
    expect(await scoredAt()).toBe(stampBefore);
    // The results are the last run's. Their subtitle (A2) is a live formula over `_index`'s flags,
    // which read the forms' cells: a form renamed is followed, while a form deleted is one unit
    // whose figures are no longer what was scored, as Excel shows it once the sheet is gone.
    const resultsAfter = double.grid("'Kết quả'!A1:AB8");
    const subtitle = (grid: unknown[][]) => grid[1]![0];
    const withoutSubtitle = (grid: unknown[][]) => grid.map((row, r) => (r === 1 ? row.slice(1) : row));
    expect(withoutSubtitle(resultsAfter)).toEqual(withoutSubtitle(resultsBefore));
    if (what === "renamed") expect(subtitle(resultsAfter)).toBe(subtitle(resultsBefore));
    else expect(subtitle(resultsAfter)).toBe("Số liệu của 1 sở, ban, ngành đã được sửa sau lần chấm ngày 15/01/2026: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.");
    // Scored again, it goes through.
    await score();
    expect(await scoredAt()).toBe(later.toISOString());
  });

  test("any other request of the add-in's that meets a sheet gone (ItemNotFound) is said in both languages, not in Excel's text; a refusal the user can put right stays its own", async () => {
    await scoredOnce();
    const gone = await failureOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Đơn vị số 9").getRange("A1").load("values");
        await ctx.sync();
      }),
    );
    expect(asRefusal(gone)).toMatchObject({ name: "ExcelHostError", code: "sheet-missing", localized: ITEM_GONE_MESSAGE, intent: "error" });
    expect(ITEM_GONE_MESSAGE.vi).toBe("Một trang tính đã bị xóa hoặc đổi tên trong lúc DTI Scorer đang đọc hay ghi sổ làm việc, nên việc đang làm chưa xong. Hãy thử lại.");
    const editing = Object.assign(new Error("The operation isn't available while Excel is in Edit cell mode."), { code: "InvalidOperationInCellEditMode" });
    expect(asRefusal(editing)).toMatchObject({ code: "InvalidOperationInCellEditMode", intent: "warning" });
  });

  /** Runs `score` with the form deleted right before the first request that writes (found on a copy of the workbook), and gives the failure. */
  async function deletedBeforeFirstWrite(options: LayoutAOptions, form: string) {
    const { double, score } = await scoredOnce(3, options);
    const stampBefore = await scoredAt();
    // The first request that writes (calculation suspended) of the same run on a copy of the workbook.
    const dry = await scoredOnce(3, options);
    dry.double.resetCounters();
    await dry.score();
    const firstWrite = dry.double.requests.findIndex((r) => r.calculationSuspended);
    expect(firstWrite).toBeGreaterThan(0);
    double.install();
    double.resetCounters();
    const sync = RequestContext.prototype.sync;
    let done = false;
    RequestContext.prototype.sync = async function (this: RequestContext) {
      if (!done && double.requests.length === firstWrite && this._queue.length > 0) {
        done = true;
        await double.userDeleteSheet(form);
      }
      return sync.call(this);
    };
    let e: unknown;
    try {
      e = await failureOf(score());
    } finally {
      RequestContext.prototype.sync = sync;
    }
    expect(done).toBe(true);
    return { double, e, stampBefore };
  }

  const DURING = {
    vi: "Trang 'Đơn vị số 3' đã bị xóa hoặc đổi tên trong lúc DTI Scorer đang ghi, nên việc ghi dừng giữa chừng: một phần có thể đã được ghi, còn dấu thời gian chấm điểm vẫn là của lần trước. Hãy chấm điểm lại.",
    en: "The sheet 'Đơn vị số 3' was deleted or renamed while DTI Scorer was writing, so the write stopped part-way: some of it may have been written, and the scoring stamp is still the last run's. Score again.",
  };

  test("a form deleted between the write's look-ups and its writes: what Excel refused is said by the sheet's name, and `_index`, written last, keeps the last run's stamp", async () => {
    const { double, e, stampBefore } = await deletedBeforeFirstWrite({ protection: "none" }, "Đơn vị số 3");
    expect(e).toMatchObject({ name: "ExcelHostError", code: "sheet-missing", localized: DURING });
    // The results were written before the form that was gone (the subtitle, a formula, names the
    // day they were scored); the stamp was not.
    expect(String(double.cell("'Kết quả'!A2")?.f ?? "")).toContain("Chấm điểm ngày 20/02/2026");
    expect(await scoredAt()).toBe(stampBefore);
  });

  test("a protected form deleted between the write's look-ups and its writes: the same sentence, and every form left is protected again", async () => {
    const { double, e, stampBefore } = await deletedBeforeFirstWrite({}, "Đơn vị số 3");
    expect(e).toMatchObject({ name: "ExcelHostError", code: "sheet-missing", localized: DURING });
    expect(["Đơn vị số 1", "Đơn vị số 2"].map((n) => double.sheet(n).protection.protected)).toEqual([true, true]);
    expect(await scoredAt()).toBe(stampBefore);
  });
});
