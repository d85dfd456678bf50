/**
 * Forms of another assessment period (Kỳ đánh giá) than the receiving workbook's: this year's
 * forms collected into last year's scored workbook. Each unit that has a form there keeps it, its
 * new form left out with its own reason; what they have in common is said once, naming both
 * periods and what to do.
 */
import { type ExistingForm, otherPeriodWarning, planCollect } from "./collect";
import type { CellValue, SheetSnapshot } from "./types";

function form(name: string, code: string, period: string | null, figure: number | null = 3): SheetSnapshot {
  const values: CellValue[][] = [
    ["Đơn vị", name],
    ["Mã đơn vị", code],
    ["Nhóm", "co-dvc"],
    ["Bộ chỉ số", "dti-so-nganh-mau@mau-2023"],
    ["Kỳ đánh giá", period],
    [],
    ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Số liệu thẩm định"],
    ["1.4", "Số hội nghị", 20, figure, null],
  ];
  return { name, values };
}

/** The workbook's forms as the xlsx host gives them (read whole). */
function existing(...sheets: SheetSnapshot[]): ExistingForm[] {
  return sheets.map((s) => ({ sheet: s.name, unitCode: String(s.values[1]![1]), unitName: String(s.values[0]![1]), blank: false, snapshot: s }));
}

const SAID = /kỳ đánh giá "Năm 2025", khác với kỳ của các phiếu trong sổ tổng hợp \("Năm 2024"\)/;

describe("forms of another period than the workbook's", () => {
  test("said once, first, however many forms: naming both periods and a new workbook (with --out on the command line)", () => {
    const wb = existing(form("Sở Nội vụ", "SNV", "Năm 2024"), form("Sở Y tế", "SYT", "Năm 2024"));
    const incoming = [
      { file: "snv.xlsx", sheets: [form("Sở Nội vụ", "SNV", "Năm 2025"), form("Sở Y tế", "SYT", "Năm 2025", null)] },
      { file: "syt.xlsx", sheets: [form("Sở Nội vụ", "SNV", "Năm 2025", null), form("Sở Y tế", "SYT", "Năm 2025")] },
    ];
    const plan = planCollect(["Sở Nội vụ", "Sở Y tế"], incoming, undefined, { existingForms: wb, commandLine: true });
    expect(plan.take).toEqual([]);
    expect(plan.warnings.filter((w) => SAID.test(w.vi))).toHaveLength(1);
    expect(plan.warnings[0]).toEqual({
      vi: 'Phiếu trong các tệp đã chọn ghi kỳ đánh giá "Năm 2025", khác với kỳ của các phiếu trong sổ tổng hợp ("Năm 2024"): đơn vị nào đã có phiếu trong sổ thì giữ phiếu đó, phiếu mới không được lấy, còn phiếu của đơn vị mới được thêm vào cùng các phiếu kỳ trước. Nếu đây là phiếu của kỳ mới, hãy tổng hợp vào một sổ mới (--out với tên tệp mới), không phải sổ của kỳ trước.',
      en: 'Forms in the chosen files give the assessment period "Năm 2025", unlike the forms in the consolidated workbook ("Năm 2024"): a unit that has a form in the workbook keeps it and its new form is not taken, while a new unit\'s form is added among the last period\'s. If these are a new period\'s forms, collect them into a new workbook (--out with a new file name), not the last period\'s.',
    });
    // In the pane: no command-line option named.
    const pane = planCollect(["Sở Nội vụ", "Sở Y tế"], incoming, undefined, { existingForms: wb });
    expect(pane.warnings[0]!.vi).toContain("hãy tổng hợp vào một sổ mới (một sổ trống)");
    expect(pane.warnings[0]!.en).not.toContain("--out");
  });

  test("a new unit's form of another period, taken into the workbook, is said too", () => {
    const plan = planCollect(["Sở Nội vụ"], [{ file: "stp.xlsx", sheets: [form("Sở Tư pháp", "STP", "Năm 2025", null)] }], undefined, { existingForms: existing(form("Sở Nội vụ", "SNV", "Năm 2024")) });
    expect(plan.take.map((t) => t.as)).toEqual(["Sở Tư pháp"]);
    expect(plan.warnings.map((w) => SAID.test(w.vi))).toEqual([true]);
  });

  test("nothing said for the workbook's own period (written otherwise in case and spacing), an empty workbook, or forms giving no period", () => {
    const wb = existing(form("Sở Nội vụ", "SNV", "Năm 2024"));
    const stp = (period: string | null) => [{ file: "stp.xlsx", sheets: [form("Sở Tư pháp", "STP", period)] }];
    expect(planCollect(["Sở Nội vụ"], stp("năm  2024"), undefined, { existingForms: wb }).warnings).toEqual([]);
    expect(planCollect([], stp("Năm 2025"), undefined, {}).warnings).toEqual([]);
    expect(planCollect(["Sở Nội vụ"], stp(null), undefined, { existingForms: wb }).warnings).toEqual([]);
    // Forms of the workbook's period among others: only the other period is named.
    expect(otherPeriodWarning(["Năm 2024", "Năm 2025"], ["Năm 2024"])?.vi).toMatch(SAID);
    expect(otherPeriodWarning(["Năm 2024"], ["Năm 2024", "Năm 2025"])).toBeUndefined();
  });

  test("a host that read only the top of the workbook's forms gives their period itself", () => {
    const wb: ExistingForm[] = [{ sheet: "Sở Nội vụ", unitCode: "SNV", blank: false, partlyRead: true, period: "Năm 2024" }];
    const plan = planCollect(["Sở Nội vụ"], [{ file: "stp.xlsx", sheets: [form("Sở Tư pháp", "STP", "Năm 2025")] }], undefined, { existingForms: wb });
    expect(plan.warnings.map((w) => SAID.test(w.vi))).toEqual([true]);
  });
});
