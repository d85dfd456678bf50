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
import type { MissingFeature } from "../../src/hosts/excel/requirements";
import { BUILTIN_INDICES } from "../../src/indices";
import { topUnits } from "../../src/taskpane/components/ScoreStep";
import { formsIndexMismatch, missingFeaturesNotice, recheckNotice } from "../../src/taskpane/state/pipeline";
import { parseUnitList, unitListProblems } from "../../src/taskpane/state/units";
import { scoreSummary } from "../../src/taskpane/state/usePane";
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

describe("'Check the results still match' after another index is chosen", () => {
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
      'Dòng 4 (Sở D) và dòng 5 (Sở D): cùng tên đơn vị "Sở D" và không ghi mã (đơn vị không có mã được nhận theo tên).',
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
    expect(named.details!.map((d) => d.vi)).toEqual(['Dòng 1 (Sở D) và dòng 2 (Sở D): cùng tên đơn vị "Sở D" và không ghi mã (đơn vị không có mã được nhận theo tên).']);
    // A unit without a code known by its name, which is another unit's code.
    const mixed = unitListProblems(department, parseUnitList("SXD; Sở Xây dựng\nSXD"))!;
    expect(mixed.key).toBe("unitsSameCode");
    expect(mixed.details!.map((d) => d.vi)).toEqual(['Dòng 1 (Sở Xây dựng) và dòng 2 (SXD): cùng mã đơn vị "SXD"; dòng 2 (SXD) không ghi mã nên đơn vị được nhận theo tên, trùng với mã đó.']);
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
    expect(missingFeaturesNotice(at17, "en").lines[1]).toBe("Bringing forms in from other files, adding blank forms to the workbook (they download as a file).");
  });

  test("a feature only Microsoft 365 and the web have says so", () => {
    expect(missingFeaturesNotice([missing("notes", "ExcelApi 1.18")], "vi").need).toBe("Cần Excel cho Microsoft 365 hoặc Excel trên web.");
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
});
