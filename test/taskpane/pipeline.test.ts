/**
 * The pane's bridge to the core and the hosts (src/taskpane/state/pipeline.ts), in Excel mode on
 * the Excel double: what the Excel host left unwritten reaches the pane as warnings, and a
 * definition that cannot be used reaches it with every one of its problems.
 */
import type { IndexModel } from "../../src/core/definition/model";
import { clearIssueMarks, formsIndexMismatch, isLocalizedError, markIssues, score, staleIndexMessage } from "../../src/taskpane/state/pipeline";
import { parseDefinition } from "../../src/core/definition";
import { openExcelWorkbench } from "../../src/taskpane/state/excel";
import { t } from "../../src/taskpane/i18n";
import { rankedByCategory } from "../../src/taskpane/state/usePane";
import { layoutAWorkbook } from "../excel-host/fixtures";

const LOCKED = "Đơn vị số 2";
const scoreOptions = {
  lang: "vi" as const,
  ranking: { method: "competition" as const, decimals: null, within: "all" as const },
  profileUnits: [],
  chartKinds: ["barSorted" as const],
  onProgress: async () => undefined,
};

async function excelWithLockedForm() {
  const { double, model } = await layoutAWorkbook(3, { via: "insert", protection: (sheet) => (sheet === LOCKED ? "mật khẩu" : undefined) });
  double.install();
  return { double, model, workbench: openExcelWorkbench() };
}

describe("a sheet of the user's named _index", () => {
  test("stops scoring and marking with one sentence naming it, and nothing in the workbook changes", async () => {
    const { double, model } = await layoutAWorkbook(2, { via: "insert" });
    double.addSheet("_index", [["Ghi chú của tôi", 2025]]);
    double.install();
    const workbench = openExcelWorkbench();
    const names = double.sheetNames();
    for (const run of [() => score(workbench, model, scoreOptions), () => markIssues(workbench, model, "vi")]) {
      const e = await run().then(() => undefined, (x: unknown) => x);
      expect(isLocalizedError(e)).toBe(true);
      if (!isLocalizedError(e)) return;
      expect(e.localized.vi).toContain("Sổ đã có trang '_index' không do DTI Scorer tạo");
      expect(e.localized.en).toContain("rename that sheet and run again");
    }
    expect(double.sheetNames()).toEqual(names);
    expect(double.grid("_index!A1:B1")).toEqual([["Ghi chú của tôi", 2025]]);
  }, 60_000);
});

describe("what the Excel host left unwritten reaches the pane", () => {
  test("scoring with a unit's form protected by a password gives one warning naming that sheet, in both languages", async () => {
    const { workbench, model } = await excelWithLockedForm();
    const run = await score(workbench, model, scoreOptions);
    expect(run.units).toHaveLength(3);
    expect(run.written.skippedSheets).toEqual([LOCKED]);
    expect(run.written.warnings).toHaveLength(1);
    expect(run.written.warnings[0]!.vi).toContain(`Trang '${LOCKED}' được bảo vệ bằng mật khẩu`);
    expect(run.written.warnings[0]!.en).toContain(`The sheet '${LOCKED}' is protected with a password`);
  }, 60_000);

  test("scoring forms the project protected without a password warns of nothing", async () => {
    const { double, model } = await layoutAWorkbook(2, { via: "insert" });
    double.install();
    const run = await score(openExcelWorkbench(), model, scoreOptions);
    expect(run.written).toEqual({ warnings: [], skippedSheets: [] });
  }, 60_000);

  test("marking issues counts only the marks written, and warns of the form a password protects", async () => {
    const { workbench, model, double } = await excelWithLockedForm();
    const fills = () => [...double.sheet(LOCKED).cells].map(([k, c]) => [k, c.fill ?? null]);
    const before = fills();
    const r = await markIssues(workbench, model, "en");
    expect(r.written.skippedSheets).toEqual([LOCKED]);
    expect(r.written.warnings.map((w) => w.en)).toEqual([expect.stringContaining(`The sheet '${LOCKED}' is protected with a password, so the cells with issues on it were not marked`)]);
    expect(r.written.warnings[0]!.vi).toContain("rồi đánh dấu lại");
    const onLocked = r.issues.filter((i) => i.sheet === LOCKED && i.cell).length;
    const onOthers = r.issues.filter((i) => i.sheet && i.sheet !== LOCKED && i.cell).length;
    expect(onLocked).toBeGreaterThan(0);
    expect(r.marked).toBe(onOthers);
    // The locked sheet is as it was: no cell got a fill.
    expect(fills()).toEqual(before);
  }, 60_000);

  test("clearing marks counts only the marks taken away, and says a form locked since marking kept its marks", async () => {
    const { double, model } = await layoutAWorkbook(3, { via: "insert" });
    double.install();
    const workbench = openExcelWorkbench();
    const r = await markIssues(workbench, model, "vi");
    const onLocked = r.issues.filter((i) => i.sheet === LOCKED && i.cell).length;
    expect(onLocked).toBeGreaterThan(0);
    // The user locks one form with a password after marking.
    const sheet = double.sheet(LOCKED);
    sheet.protection = { ...sheet.protection, protected: true, password: "mật khẩu" };
    // Cells showing a mark's fill (error, warning or information); the form's own shading is not one.
    const marked = () => [...sheet.cells.values()].filter((c) => ["#FFC7CE", "#FFC000", "#CCC0DA"].includes(c.fill ?? "")).length;
    const before = marked();
    const cleared = await clearIssueMarks(workbench, "vi");
    expect(cleared.cleared).toBe(r.marked - onLocked);
    expect(cleared.written.warnings.map((w) => w.vi)).toEqual([expect.stringContaining(`Trang '${LOCKED}' được bảo vệ bằng mật khẩu nên các đánh dấu trên trang này chưa được xóa`)]);
    expect(cleared.written.warnings[0]!.en).toContain("clear the marks again");
    expect(marked()).toBe(before);
    // Unlocked again, the next "clear marks" still knows those marks and takes them away.
    sheet.protection = { ...sheet.protection, protected: false, password: null };
    const again = await clearIssueMarks(workbench, "vi");
    expect(again).toEqual({ cleared: onLocked, written: { warnings: [], skippedSheets: [] } });
    expect(marked()).toBeLessThan(before);
    expect((await clearIssueMarks(workbench, "vi")).cleared).toBe(0);
  }, 60_000);
});

describe("a scoring run that fails", () => {
  test("reports no progress after its failure, so the pane's progress bar does not come back over the error", async () => {
    const { double, model } = await layoutAWorkbook(1, { via: "insert" });
    double.install();
    const excel = openExcelWorkbench();
    const failing = { ...excel, host: { read: () => excel.host.read(), apply: async () => Promise.reject(new Error("the write failed")) } };
    const events: string[] = [];
    // A slow progress callback, as the pane's (it yields to the browser each time).
    const onProgress = async (key: string) => {
      await new Promise((r) => setTimeout(r, 20));
      events.push(key);
    };
    await expect(score(failing, model, { ...scoreOptions, onProgress })).rejects.toThrow("the write failed");
    events.push("failed");
    await new Promise((r) => setTimeout(r, 200));
    expect(events.at(-1)).toBe("failed");
    expect(events).toContain("progressWrite");
  }, 60_000);
});

describe("a definition that cannot be used", () => {
  test("scoring with it fails with every one of its problems, each naming where in the definition", async () => {
    const { double, model } = await layoutAWorkbook(1, { via: "insert" });
    double.install();
    const workbench = openExcelWorkbench();
    const broken = { ...(model.definition as object), id: "", version: 7, ranking: { method: "lottery" } };
    let error: unknown;
    try {
      await score(workbench, { ...model, definition: broken } as unknown as IndexModel, scoreOptions);
    } catch (e) {
      error = e;
    }
    expect(isLocalizedError(error)).toBe(true);
    const problems = (error as { problems?: { vi: string; en: string }[] }).problems ?? [];
    expect(problems.length).toBeGreaterThanOrEqual(3);
    const paths = problems.map((p) => p.en.split(":")[0]);
    expect(paths).toEqual(expect.arrayContaining(["id", "version", "ranking.method"]));
    for (const p of problems) expect(p.vi.split(":")[0]).toBe(p.en.split(":")[0]);
    expect(t("vi", "definitionProblems", { count: problems.length })).toBe(`Không chạy được vì bộ chỉ số có ${problems.length} lỗi:`);
    expect(t("en", "definitionProblems", { count: 1 })).toBe("Could not run: the index definition has 1 problem:");
  }, 60_000);
});

describe("ranking within unit categories", () => {
  test("an index without unit categories ranks every unit together even when asked for categories, and the pane's table shows overall ranks", async () => {
    const { double, model } = await layoutAWorkbook(3, { via: "insert", index: "dti-tinh-922-2022" });
    double.install();
    expect(model.definition.categories ?? []).toEqual([]);
    const run = await score(openExcelWorkbench(), model, { ...scoreOptions, ranking: { ...scoreOptions.ranking, within: "category" as const } });
    expect(run.ranking.within).toBe("all");
    expect(rankedByCategory(run)).toBe(false);
  }, 60_000);

  test("an index with categories, asked for them, is ranked within them and shown so", async () => {
    const { double, model } = await layoutAWorkbook(3, { via: "insert" });
    double.install();
    const run = await score(openExcelWorkbench(), model, { ...scoreOptions, ranking: { ...scoreOptions.ranking, within: "category" as const } });
    expect(run.ranking.within).toBe("category");
    expect(rankedByCategory(run)).toBe(true);
  }, 60_000);
});

describe("results scored with another version of the index", () => {
  test("are said to be so when the new version is chosen, for forms of either version, naming both versions, before anything is read again", async () => {
    const { double, definition, model } = await layoutAWorkbook(2, { via: "insert" });
    double.install();
    const workbench = openExcelWorkbench();
    await score(workbench, model, scoreOptions);
    const scored = await workbench.host.read();
    expect(staleIndexMessage({ snapshot: scored, index: { source: "builtin", builtinId: "", model } })).toBeUndefined();

    const parsed = parseDefinition({ ...(definition as object), version: "2099" });
    if (!parsed.ok) throw new Error("the new version should parse");
    const next = parsed.model;
    // Forms that still name the earlier version are read with the new one (by the codes of their
    // rows, a warning on each, which step 1 says): scoring again is what to do, said as for forms made anew.
    const earlier = staleIndexMessage({ snapshot: scored, index: { source: "file", builtinId: "", model: next } });
    expect(earlier?.vi).toContain(`phiên bản ${model.definition.version}; bộ chỉ số đang dùng là phiên bản 2099: hãy chấm điểm lại.`);
    expect(formsIndexMismatch({ snapshot: scored, index: { source: "file", builtinId: "", model: next } })?.readable).toBe(true);
    // Forms made anew for the new version, results still of the earlier one.
    const renamed = {
      ...scored,
      sheets: scored.sheets.map((sh) => ({
        ...sh,
        values: sh.values.map((row) => (row[0] === "Bộ chỉ số" ? [row[0], `${model.definition.id}@2099`, ...row.slice(2)] : row)),
      })),
    };
    const message = staleIndexMessage({ snapshot: renamed, index: { source: "file", builtinId: "", model: next } });
    expect(message?.vi).toContain(`phiên bản ${model.definition.version}; bộ chỉ số đang dùng là phiên bản 2099: hãy chấm điểm lại.`);
    expect(message?.en).toContain(`version ${model.definition.version}; the index in use is version 2099: score again.`);
  }, 60_000);
});

describe("the radar chart's warnings in the pane", () => {
  test("say to choose other units in the Charts step (the command line's say --radar)", async () => {
    const { double, model } = await layoutAWorkbook(3, { via: "insert" });
    double.install();
    const run = await score(openExcelWorkbench(), model, { ...scoreOptions, chartKinds: ["radar"], profileUnits: ["KHONG-CO"] });
    const said = run.written.warnings.find((w) => w.vi.includes('"KHONG-CO"'));
    expect(said?.vi).toContain("Muốn so sánh đơn vị khác, hãy chọn đơn vị ở bước Biểu đồ.");
    expect(said?.en).toContain("To compare other units, choose them in the Charts step.");
    expect(`${said?.vi}${said?.en}`).not.toContain("--radar");
  }, 60_000);
});
