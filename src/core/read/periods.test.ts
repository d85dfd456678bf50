/**
 * "period-differs": forms whose `Kỳ đánh giá` differs from the period most forms give, which the
 * results' title lists beside it ("Kỳ đánh giá (các phiếu ghi khác nhau): Năm 2025, 2025") without
 * naming a form, are each said at their period cell, naming the period the others give.
 */
import { periodText } from "../plan/labels";
import { statedPeriods } from "../plan/plan";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../types";
import { sampleModel } from "./fixtures";
import { periodIssues } from "./periods";
import { readSubmissions } from "./read";

const model = sampleModel();
const HEADER = ["Mã", "Nội dung", "Điểm tối đa", "Số liệu"];

/** A unit's form; `period` in B5 (undefined: no `Kỳ đánh giá` row). `atRow`: the header block's rows from that row (1-based). */
function form(code: string, period: CellValue | undefined, atRow = 1): SheetSnapshot {
  const block: CellValue[][] = [["Đơn vị", `Sở ${code}`], ["Mã đơn vị", code], ["Nhóm", "co-dvc"], ["Bộ chỉ số", "dti-so-mau@2024"]];
  if (period !== undefined) block.push(["Kỳ đánh giá", period]);
  return { name: `Sở ${code}`, values: [...Array.from({ length: atRow - 1 }, () => []), ...block, [], HEADER, ["1.1", "Ban chỉ đạo", 10, "có"], ["2.2", "Điểm", 5, 4]] };
}

function check(sheets: SheetSnapshot[]) {
  const snapshot: WorkbookSnapshot = { sheets };
  const { submissions } = readSubmissions(model, snapshot);
  return { issues: periodIssues(snapshot, submissions), title: periodText(statedPeriods(submissions, snapshot), "vi") };
}

describe("forms whose assessment period differs", () => {
  test("the form whose period differs from most forms' is told at its cell, naming the period the others give", () => {
    const { issues, title } = check([form("A", "Năm 2025"), form("B", "Năm 2025"), form("C", "2025"), form("D", "Năm 2025")]);
    // What the title says, naming no form.
    expect(title).toBe("Kỳ đánh giá (các phiếu ghi khác nhau): Năm 2025, 2025");
    expect(issues).toEqual([
      {
        severity: "warning",
        code: "period-differs",
        sheet: "Sở C",
        cell: "B5",
        unit: "C",
        message: {
          vi: 'Trang tính \'Sở C\', ô B5: kỳ đánh giá của phiếu là "2025", khác với "Năm 2025" mà 3 phiếu khác ghi; tiêu đề trang kết quả, đầu trang khi in và tên các biểu đồ sẽ ghi mọi kỳ khác nhau mà các phiếu ghi. Nếu các phiếu cùng một kỳ đánh giá, hãy ghi kỳ đó giống nhau trên mọi phiếu.',
          en: 'Sheet \'Sở C\', cell B5: the form\'s period is "2025", unlike "Năm 2025", which 3 other forms give; the results sheet\'s title, its printed page headers and the charts\' titles will list every period the forms give. If the forms are for one period, write it the same way on every form.',
        },
      },
    ]);
  });

  test("tied for the most, every form is told, naming the other periods; the cell is where the form has its period", () => {
    const { issues } = check([form("A", "Năm 2025"), form("B", "2025", 3), form("C", "Năm 2025"), form("D", "2025"), form("E", "6 tháng đầu năm 2025")]);
    expect(issues.map((i) => [i.unit, i.cell])).toEqual([
      ["A", "B5"],
      ["B", "B7"],
      ["C", "B5"],
      ["D", "B5"],
      ["E", "B5"],
    ]);
    expect(issues[0]!.message.vi).toContain('kỳ đánh giá của phiếu là "Năm 2025", khác với "2025" mà 2 phiếu khác ghi;');
    expect(issues[4]!.message.vi).toContain('kỳ đánh giá của phiếu là "6 tháng đầu năm 2025", khác với các kỳ mà nhiều phiếu khác ghi nhất: "Năm 2025" (2 phiếu), "2025" (2 phiếu);');
    expect(issues[4]!.message.en).toContain('the form\'s period is "6 tháng đầu năm 2025", unlike those the most other forms give: "Năm 2025" (2 forms), "2025" (2 forms);');
    const two = check([form("A", "Năm 2025"), form("B", "2024")]).issues;
    expect(two.map((i) => i.message.en)).toEqual([
      expect.stringContaining('the form\'s period is "Năm 2025", unlike "2024", which 1 other form gives;'),
      expect.stringContaining('the form\'s period is "2024", unlike "Năm 2025", which 1 other form gives;'),
    ]);
  });

  test("periods the title counts as one are one: spaces around, spaces doubled, invisible characters; a blank period is none", () => {
    const same = [form("A", "Năm 2025"), form("B", "  Năm 2025 "), form("C", "Năm  2025"), form("D", "Năm 2025\u200b"), form("E", ""), form("F", undefined)];
    const { issues, title } = check(same);
    expect(title).toBe("Kỳ đánh giá: Năm 2025");
    expect(issues).toEqual([]);
    // A number typed as the period is its text, as the title says it.
    expect(check([form("A", 2025), form("B", "2025"), form("C", "Năm 2025")]).issues.map((i) => i.unit)).toEqual(["C"]);
  });

  test("nothing is said of one form, of forms that agree, or of a table of units, which has no period per unit", () => {
    expect(check([form("A", "Năm 2025")]).issues).toEqual([]);
    expect(check([form("A", "Năm 2025"), form("B", "Năm 2025")]).issues).toEqual([]);
    const table: SheetSnapshot = {
      name: "Tổng hợp",
      values: [
        ["Mã đơn vị", "Đơn vị", "Kỳ đánh giá", "1.1"],
        ["A", "Sở A", "2024", "có"],
        ["B", "Sở B", "2025", "có"],
      ],
    };
    expect(readSubmissions(model, { sheets: [table] }).submissions.map((s) => s.code)).toEqual(["A", "B"]);
    expect(check([table]).issues).toEqual([]);
  });
});
