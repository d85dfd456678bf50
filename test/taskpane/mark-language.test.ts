/**
 * The pane in English on a workbook of Vietnamese forms (Excel mode, on the Excel double): the
 * notes of the marks the Check step's "mark issues" and scoring set on the forms are Vietnamese,
 * as the forms' labels are; the results sheet is English.
 */
import { MARK_NOTE_PREFIX } from "../../src/core/plan/labels";
import { markIssues, score } from "../../src/taskpane/state/pipeline";
import { openExcelWorkbench } from "../../src/taskpane/state/excel";
import { layoutAWorkbook } from "../excel-host/fixtures";
import type { ExcelDouble } from "../excel-double";

const scoreOptions = {
  lang: "en" as const,
  ranking: { method: "competition" as const, decimals: null, within: "all" as const },
  profileUnits: [],
  chartKinds: ["barSorted" as const],
  onProgress: async () => undefined,
};

/** The finding lines of the project's notes on the forms, and how many notes hold the project's part. */
function findings(double: ExcelDouble): { lines: string[]; notes: number } {
  const ours = double.workbook.notes.filter((n) => n.content.includes(MARK_NOTE_PREFIX));
  const lines = ours.flatMap((n) => n.content.slice(n.content.indexOf(MARK_NOTE_PREFIX)).split("\n").slice(1).filter((l) => l.trim() !== ""));
  return { lines, notes: ours.length };
}

describe("the pane in English on Vietnamese forms", () => {
  test("marks issues, and scores, with notes in the forms' Vietnamese, and the results in English", async () => {
    const { double, model } = await layoutAWorkbook(2, { via: "insert", protection: "none" });
    double.install();
    const workbench = openExcelWorkbench();
    const marked = await markIssues(workbench, model, "en");
    expect(marked.marked).toBeGreaterThan(0);
    const first = findings(double);
    expect(first.notes).toBe(marked.marked);
    expect(first.lines.filter((l) => !/^(Lỗi|Cảnh báo|Lưu ý): (?!Sheet ').*(chỉ tiêu|số liệu|điểm)/.test(l))).toEqual([]);

    const run = await score(workbench, model, scoreOptions);
    expect(run.units).toHaveLength(2);
    expect(double.sheetNames()).toContain("Results");
    expect(double.sheetNames()).not.toContain("Kết quả");
    const after = findings(double);
    expect(after.notes).toBeGreaterThan(0);
    expect(after.lines.filter((l) => !/^(Lỗi|Cảnh báo|Lưu ý): (?!Sheet ').*(chỉ tiêu|số liệu|điểm)/.test(l))).toEqual([]);
  }, 60_000);
});
