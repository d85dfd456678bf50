/**
 * What the pane says where a first-time official's audit found it wrong or wordy: "the results
 * still match" with another index chosen, a list of units with problems of several kinds, two
 * units of one name and no code, the features an older Excel lacks, and the ranking table's
 * category names and errors kept with the run they came from.
 */
import { parseDefinition } from "../../src/core/definition";
import type { IndexModel } from "../../src/core/definition/model";
import { DEMO_DEFINITION } from "../../src/core/plan/test-fixtures";
import type { UnitResult } from "../../src/core/types";
import { INSERT_WORKBOOKS_ON_IPAD, type MissingFeature } from "../../src/hosts/excel/requirements";
import { BUILTIN_INDICES } from "../../src/indices";
import { moreTiedText, topUnits, topUnitsTitle } from "../../src/taskpane/components/ScoreStep";
import { chartsNotice, embeddedUnavailable, formsIndexMismatch, importUnavailable, missingFeaturesNotice, recheckNotice } from "../../src/taskpane/state/pipeline";
import { parseUnitList, unitListProblems } from "../../src/taskpane/state/units";
import { scoreDoneNotice, scoreSummary } from "../../src/taskpane/state/usePane";
import { t } from "../../src/taskpane/i18n";
import { scoredThenChanged } from "../stale-workbooks";

function modelOf(definition: unknown): IndexModel {
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error("the definition does not parse");
  return parsed.model;
}
const demo = modelOf(DEMO_DEFINITION);
const province = modelOf(BUILTIN_INDICES.find((b) => b.id.startsWith("dti-tinh"))!.definition);
const department = modelOf(BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!.definition);

describe("'Check whether the results still match' after another index is chosen", () => {
  test("says the results were scored with another index, naming both, not that they still match; with the index scored with, that they match", async () => {
    const snapshot = await (await scoredThenChanged(() => undefined)).read();
    const other = { snapshot, index: { source: "builtin" as const, builtinId: "x", model: province } };
    // The forms are not the chosen index's: the Score step shows that, with its button.
    expect(formsIndexMismatch(other)).toBeDefined();
    const said = recheckNotice(other, [])!;
    expect(said.intent).toBe("warning");
    expect(said.key).toBeUndefined();
    const demoName = (DEMO_DEFINITION as { name: { vi: string; en: string } }).name;
    expect(said.message!.vi).toContain(`Kết quả trong sổ được chấm theo bộ chỉ số "${demoName.vi}"`);
    expect(said.message!.vi).toContain(`"${(province.definition.name as { vi: string }).vi}"`);
    expect(said.message!.vi).not.toContain(t("vi", "staleNone"));
    expect(said.message!.en).toContain("The results in the workbook were scored with the index");
    // With the index the results were scored with: they still match.
    expect(recheckNotice({ snapshot, index: { source: "builtin", builtinId: "x", model: demo } }, [])).toEqual({ intent: "success", key: "staleNone" });
    // Changes found: the banner says them, no notice.
    expect(recheckNotice({ snapshot, index: { source: "builtin", builtinId: "x", model: demo } }, [{ kind: "changed", keys: ["SO-01"], names: ["A"] }])).toBeUndefined();
  });
});

describe("a list of units with problems", () => {
  test("every problem is said at once, in the order of the lines, each naming its line and unit", () => {
    const units = parseUnitList(["SYT; Sở Y tế; co-dvc", "SXD; Sở Xây dựng; không-có", "SYT; Sở Y tế 2; co-dvc", "; Sở D", "; Sở D"].join("\n"));
    const notice = unitListProblems(department, units)!;
    expect(notice.intent).toBe("error");
    expect(notice.message!.vi).toMatch(/^Danh sách đơn vị có 3 chỗ cần sửa; loại đơn vị phải là một trong: ".+"\. Chưa tạo phiếu nào\.$/);
    expect(notice.details!.map((d) => d.vi)).toEqual([
      'Dòng 1 (Sở Y tế) và dòng 3 (Sở Y tế 2): cùng mã đơn vị "SYT".',
      'Dòng 2 (Sở Xây dựng): loại đơn vị "không-có" không có trong bộ chỉ số.',
      'Dòng 4 (Sở D) và dòng 5 (Sở D): cùng tên đơn vị "Sở D" và không ghi mã (đơn vị không có mã được nhận diện theo tên).',
    ]);
    expect(notice.details!.map((d) => d.en)).toEqual([
      'Line 1 (Sở Y tế) and line 3 (Sở Y tế 2): the same unit code "SYT".',
      'Line 2 (Sở Xây dựng): unit category "không-có" is not in the index.',
      'Line 4 (Sở D) and line 5 (Sở D): the same unit name "Sở D" and no code (a unit without a code is known by its name).',
    ]);
  });

  test("two units of one name and no code are said as such, not as one code; one kind of problem keeps its own headline", () => {
    const named = unitListProblems(department, parseUnitList("; Sở D\n; Sở D"))!;
    expect(named.key).toBe("unitsSameName");
    expect(t("vi", named.key!, named.params)).toBe("1 tên đơn vị được ghi cho nhiều đơn vị không có mã; phiếu trùng sẽ không được chấm. Chưa tạo phiếu nào.");
    expect(named.details!.map((d) => d.vi)).toEqual(['Dòng 1 (Sở D) và dòng 2 (Sở D): cùng tên đơn vị "Sở D" và không ghi mã (đơn vị không có mã được nhận diện theo tên).']);
    // A unit without a code known by its name, which is another unit's code.
    const mixed = unitListProblems(department, parseUnitList("SXD; Sở Xây dựng\nSXD"))!;
    expect(mixed.key).toBe("unitsSameCode");
    expect(mixed.details!.map((d) => d.vi)).toEqual(['Dòng 1 (Sở Xây dựng) và dòng 2 (SXD): cùng mã đơn vị "SXD"; dòng 2 (SXD) không ghi mã nên đơn vị được nhận diện theo tên, trùng với mã đó.']);
    const category = unitListProblems(department, parseUnitList("SXD; Sở Xây dựng; x"))!;
    expect(category.message!.vi).toMatch(/^1 đơn vị ghi loại đơn vị không có trong bộ chỉ số; hãy ghi một trong: /);
    expect(unitListProblems(department, parseUnitList("SXD; Sở Xây dựng; co-dvc\nSYT; Sở Y tế"))).toBeUndefined();
  });
});

describe("the features an older Excel lacks", () => {
  const missing = (feature: MissingFeature["feature"], requirement: string): MissingFeature => ({ feature, requirement, message: { vi: "x", en: "x" } });
  const at17 = [missing("printLayout", "ExcelApi 1.9"), missing("insertWorkbooks", "ExcelApi 1.13"), missing("keepTables", "ExcelApi 1.13"), missing("comments", "ExcelApi 1.10")];

  test("one short plain line each, no API set in them; which Excel has them on one line; the API sets in the details", () => {
    const vi = missingFeaturesNotice(at17, "vi");
    expect(vi.lines).toHaveLength(4);
    for (const line of vi.lines) {
      expect(line).not.toMatch(/ExcelApi|cần/);
      expect(line.length).toBeLessThanOrEqual(90);
    }
    expect(vi.need).toBe("Cần Excel cho Microsoft 365, Excel 2021 trở lên hoặc Excel trên web.");
    expect(vi.details.items.map((i) => i.vi)).toContain("Thiết lập sẵn trang in cho trang kết quả và biểu đồ: ExcelApi 1.9");
    expect(missingFeaturesNotice(at17, "en").lines[1]).toBe("Collecting forms from other files, adding blank forms to the workbook (they download as a file).");
  });

  test("an Excel below ExcelApi 1.13 has the Collect step's button to bring forms in disabled, with the reason to show beside it", () => {
    const workbench = (lacks: MissingFeature[]) => ({ missingFeatures: () => lacks }) as never;
    const lacking = importUnavailable({ mode: "excel", workbench: workbench([missing("charts", "ExcelApi 1.7"), missing("insertWorkbooks", "ExcelApi 1.13")]) })!;
    expect(lacking.requirement).toBe("ExcelApi 1.13");
    expect(t("vi", "importNeedsRequirement", { requirement: lacking.requirement })).toMatch(/^Phiên bản Excel này không tổng hợp được phiếu từ tệp khác \(cần ExcelApi 1\.13: /);
    expect(importUnavailable({ mode: "excel", workbench: workbench([missing("charts", "ExcelApi 1.7")]) })).toBeUndefined();
    // Outside Excel the pane's own worker brings the files in.
    expect(importUnavailable({ mode: "file", workbench: workbench([missing("insertWorkbooks", "ExcelApi 1.13")]) })).toBeUndefined();
  });

  test("Excel on iPad, which cannot bring sheets in from other files whatever its version: the notice, the Collect step and the forms made as a file name Excel on Windows, Mac or the web, not a newer version", () => {
    const ipad = INSERT_WORKBOOKS_ON_IPAD;
    expect(missingFeaturesNotice([ipad], "vi").need).toBe("Cần Excel trên Windows, Mac hoặc Excel trên web.");
    expect(missingFeaturesNotice([ipad], "en").need).toBe("They need Excel on Windows, Mac or the web.");
    // Beside features a newer Excel has: the version they need, the iPad's own line says the rest.
    expect(missingFeaturesNotice([ipad, missing("notes", "ExcelApi 1.18")], "vi").need).toBe("Cần Excel cho Microsoft 365 hoặc Excel trên web.");
    const workbench = { missingFeatures: () => [ipad] } as never;
    expect(importUnavailable({ mode: "excel", workbench })?.onIpad).toBe(true);
    expect(t("vi", "importNeedsDesktop")).toBe("Excel trên iPad không tổng hợp được phiếu từ tệp khác. Hãy mở sổ trong Excel trên Windows, Mac hoặc Excel trên web, hoặc tổng hợp phiếu bằng lệnh dti-scorer collect.");
    expect(t("en", "templatesAsFileOnIpad", { count: 1 })).toBe("Excel on iPad cannot add form sheets to the workbook (it needs Excel on Windows, Mac or the web), so a form file was made for 1 unit to download instead.");
    expect(t("vi", "templatesAsFileOnIpad", { count: 3 })).not.toMatch(/ExcelApi|2021/);
  });

  test("a feature only Microsoft 365 and the web have says so", () => {
    expect(missingFeaturesNotice([missing("notes", "ExcelApi 1.18")], "vi").need).toBe("Cần Excel cho Microsoft 365 hoặc Excel trên web.");
  });

  test("features of Excel 2021 or of Excel 2024 name those versions too, by the newest requirement set lacking", () => {
    expect(missingFeaturesNotice([missing("insertWorkbooks", "ExcelApi 1.13"), missing("charts", "ExcelApi 1.8")], "vi").need).toBe("Cần Excel cho Microsoft 365, Excel 2021 trở lên hoặc Excel trên web.");
    expect(missingFeaturesNotice([missing("insertWorkbooks", "ExcelApi 1.13"), missing("watchSheetNames", "ExcelApi 1.17")], "en").need).toBe("They need Excel for Microsoft 365, Excel 2024, or Excel on the web.");
  });
});

describe("the greyed option \"Bộ chỉ số lưu trong sổ\"", () => {
  test("says why it cannot be chosen while it cannot: no workbook open, or a workbook that holds no index", () => {
    const index = { source: "builtin", builtinId: "x" } as never;
    expect(t("vi", embeddedUnavailable({ index, workbench: {} as never })!)).toBe(
      'Không chọn được "Bộ chỉ số lưu trong sổ": sổ làm việc này chưa được chấm điểm nên chưa lưu bộ chỉ số nào.',
    );
    expect(t("en", embeddedUnavailable({ index, workbench: undefined })!)).toBe('"The workbook\'s own index" cannot be chosen yet: no workbook is open.');
    expect(embeddedUnavailable({ index: { source: "builtin", builtinId: "x", embeddedName: { vi: "A", en: "A" } } as never, workbench: {} as never })).toBeUndefined();
    // Not twice: while the notice says the pane left that option for this reason.
    expect(embeddedUnavailable({ index, workbench: {} as never, notice: { noEmbedded: true } })).toBeUndefined();
  });
});

describe("what the Charts step's run says", () => {
  test("names the charts' sheet as the run wrote it, whatever the pane's language is switched to", () => {
    const written = { warnings: [], skippedSheets: [] };
    const vi = chartsNotice({ charts: 3, written }, "vi")!;
    expect(t("en", vi.key!, vi.params)).toBe("3 charts created or updated on the sheet 'Biểu đồ'.");
    expect(t("vi", vi.key!, vi.params)).toBe("Đã tạo hoặc cập nhật 3 biểu đồ trên trang 'Biểu đồ'.");
    // A sheet that had to take another name is named by it.
    const renamed = chartsNotice({ charts: 1, chartsSheet: "Charts (2)", written }, "en")!;
    expect(t("vi", renamed.key!, renamed.params)).toBe("Đã tạo hoặc cập nhật 1 biểu đồ trên trang 'Charts (2)'.");
    expect(chartsNotice({ charts: 0, written }, "vi")).toEqual({ intent: "info", key: "chartsNone" });
  });
});

describe("the ranking table after another index, or a definition that cannot be used, is chosen", () => {
  const unit = (code: string, name: string, category: string, rank: number): UnitResult =>
    ({ code, name, category, rank, rankInCategory: rank, ranked: true, points: 10 - rank, value: null, coverage: 1 }) as unknown as UnitResult;

  test("keeps the category names of the index it was scored with, and each unit's errors", () => {
    const units = [unit("SYT", "Sở Y tế", "co-dvc", 1), unit("STC", "Sở Tài chính", "co-dvc", 2)];
    const issues = [
      { severity: "error", unit: "SYT", code: "x", message: { vi: "", en: "" } },
      { severity: "warning", unit: "STC", code: "x", message: { vi: "", en: "" } },
    ] as never;
    const summary = scoreSummary(units, issues, { method: "competition", within: "category", on: "points" } as never, department);
    expect(summary.errors).toEqual({ SYT: 1 });
    const name = department.definition.categories!.find((c) => c.id === "co-dvc")!.name as { vi: string };
    // No model at all now: the names are the run's.
    expect(topUnits(summary, true, "vi")[0]!.name).toBe(name.vi);
    expect(topUnits(summary, true, "vi")[0]!.name).not.toBe("co-dvc");
  });

  test("the first ten end no tie unsaid: the units beyond them that share the tenth's rank are counted, in all and within each category", () => {
    // 14 units tied first, then one second; within categories, 12 of one tied first and 3 of another.
    const units = [...Array(15).keys()].map((i) => unit(`U${i}`, `Đơn vị ${i}`, i < 12 ? "co-dvc" : "khong-dvc", i < 14 ? 1 : 15));
    const all = topUnits({ units, categories: [] }, false, "vi");
    expect(all.map((g) => [g.units.length, g.tied])).toEqual([[10, { count: 4, rank: 1 }]]);
    expect(moreTiedText(4, 1, "vi")).toBe("… và 4 đơn vị khác cùng hạng 1 (xem trang kết quả).");
    expect(moreTiedText(1, 1, "en")).toBe("… and 1 more unit also ranked 1 (see the results sheet).");
    // Counted as the index calls its units.
    const departments = { vi: "Sở, ban, ngành", en: "Department" };
    expect(moreTiedText(1234, 10, "vi", departments)).toBe("… và 1.234 sở, ban, ngành khác cùng hạng 10 (xem trang kết quả).");
    expect(moreTiedText(4, 10, "en", departments)).toBe("… and 4 more departments also ranked 10 (see the results sheet).");
    expect(moreTiedText(1, 10, "en", departments)).toBe("… and 1 more department also ranked 10 (see the results sheet).");
    expect([topUnitsTitle("vi", departments), topUnitsTitle("en", departments), topUnitsTitle("vi"), topUnitsTitle("en")]).toEqual([
      "Sở, ban, ngành dẫn đầu",
      "Top departments",
      "Đơn vị dẫn đầu",
      "Top units",
    ]);
    const categories = [
      { id: "co-dvc", name: { vi: "Có DVC", en: "With" } },
      { id: "khong-dvc", name: { vi: "Không DVC", en: "Without" } },
    ];
    const within = units.map((u, i) => ({ ...u, rankInCategory: i < 12 ? 1 : i - 11 }) as UnitResult);
    expect(topUnits({ units: within, categories }, true, "vi").map((g) => [g.id, g.units.length, g.tied])).toEqual([
      ["co-dvc", 10, { count: 2, rank: 1 }],
      ["khong-dvc", 3, undefined],
    ]);
    // Ten or fewer shown whole, or the tenth's rank not shared beyond: nothing to say.
    expect(topUnits({ units: units.slice(0, 10), categories: [] }, false, "vi")[0]!.tied).toBeUndefined();
    const distinct = units.map((u, i) => ({ ...u, rank: i + 1 }) as UnitResult);
    expect(topUnits({ units: distinct, categories: [] }, false, "vi")[0]!.tied).toBeUndefined();
  });

  test("ranked within categories, units without a category (rank \"—\" in the table) are not counted as ranked in the summary", () => {
    const none = (code: string): UnitResult => ({ ...unit(code, code, "", 3), category: undefined, rankInCategory: null }) as unknown as UnitResult;
    const units = [unit("SYT", "Sở Y tế", "co-dvc", 1), unit("STC", "Sở Tài chính", "co-dvc", 2), none("X1"), none("X2")];
    const within = scoreSummary(units, [], { method: "competition", within: "category", on: "points" } as never, department);
    expect(within.ranked).toBe(2);
    expect(scoreDoneNotice(units.length, within.ranked, [], units, department.definition.unitLabel).message!.vi).toBe("Đã chấm điểm 4 sở, ban, ngành, trong đó 2 được xếp hạng.");
    // Ranked all together, every one of them has a rank.
    expect(scoreSummary(units, [], { method: "competition", within: "all", on: "points" } as never, department).ranked).toBe(4);
  });
});
