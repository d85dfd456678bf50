/**
 * A form's period (`Kỳ đánh giá`) that is a day. Both hosts give a date cell as ISO text
 * ("2024-12-31"); the period is the day as the cell and Vietnamese show it, "31/12/2024", in either
 * language, and a day is one period however it is written (a date cell, "31/12/2024", "31.12.2024"
 * and "2024-12-31" typed as text): one title, no "period-differs", one period for the other
 * comparisons (periodKey). A number typed into a period cell formatted as a date (a year: 2024
 * shows as 16/07/1905) is said at the cell ("period-number-as-date").
 */
import { otherPeriodWarning, detectLayoutA } from "../collect";
import { periodText as cellPeriod } from "../plan/index-sheet";
import { periodText } from "../plan/labels";
import { statedPeriods } from "../plan/plan";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../types";
import { sampleModel } from "./fixtures";
import { dayKeys, formPeriods, periodIssues, periodKey, samePeriod } from "./periods";
import { readSubmissions } from "./read";

const model = sampleModel();
const HEADER = ["Mã", "Nội dung", "Điểm tối đa", "Số liệu"];

/** A unit's form, its period in B5 as the host gives the cell (a date cell as ISO text). */
function form(code: string, period: CellValue): SheetSnapshot {
  const block: CellValue[][] = [["Đơn vị", `Sở ${code}`], ["Mã đơn vị", code], ["Nhóm", "co-dvc"], ["Bộ chỉ số", "dti-so-mau@2024"], ["Kỳ đánh giá", period]];
  return { name: `Sở ${code}`, values: [...block, [], HEADER, ["1.1", "Ban chỉ đạo", 10, "có"], ["2.2", "Điểm", 5, 4]] };
}

function check(sheets: SheetSnapshot[], date1904 = false) {
  const snapshot: WorkbookSnapshot = { sheets, ...(date1904 ? { date1904 } : {}) };
  const { submissions } = readSubmissions(model, snapshot);
  return {
    issues: periodIssues(snapshot, submissions),
    title: { vi: periodText(statedPeriods(submissions, snapshot), "vi"), en: periodText(statedPeriods(submissions, snapshot), "en") },
    periods: formPeriods(snapshot, submissions).map((f) => f.period),
  };
}

describe("a period cell that holds a date", () => {
  test("reads as the day the cell shows, dd/mm/yyyy, with the time of day only when it is not midnight", () => {
    expect(cellPeriod("2024-12-31")).toBe("31/12/2024");
    expect(cellPeriod("2025-03-04")).toBe("04/03/2025");
    expect(cellPeriod("2024-12-31T10:30:00")).toBe("31/12/2024 10:30");
    expect(cellPeriod("2024-12-31T10:30:15")).toBe("31/12/2024 10:30:15");
    // A year typed into a cell formatted as a date shows as a day of 1905, as Excel shows it (1900's leap day too).
    expect(cellPeriod("1905-07-16")).toBe("16/07/1905");
    expect(cellPeriod("1900-01-03")).toBe("04/01/1900");
    // Text and numbers are as before.
    expect(cellPeriod("Năm 2024")).toBe("Năm 2024");
    expect(cellPeriod("  Năm  2024 ")).toBe("Năm 2024");
    expect(cellPeriod(2024)).toBe("2024");
    expect(cellPeriod("31.12.2024")).toBe("31.12.2024");
    expect(cellPeriod(null)).toBe("");
  });

  test("the titles name the day as Vietnamese write it in either language, and no form is said to differ", () => {
    const { issues, title, periods } = check([form("A", "2024-12-31"), form("B", "2024-12-31")]);
    expect(title).toEqual({ vi: "Kỳ đánh giá: 31/12/2024", en: "Period: 31/12/2024" });
    expect(periods).toEqual(["31/12/2024", "31/12/2024"]);
    expect(issues).toEqual([]);
  });

  test("a date cell and the same day typed as text, whichever way it is written, are one period: one title, no warning", () => {
    for (const typed of ["31/12/2024", "31.12.2024", "31-12-2024", "2024-12-31", " 31/12/2024 "]) {
      const { issues, title, periods } = check([form("A", "2024-12-31"), form("B", typed), form("C", "2024-12-31")]);
      expect(title.vi).toBe("Kỳ đánh giá: 31/12/2024");
      expect(periods).toEqual(["31/12/2024", "31/12/2024", "31/12/2024"]);
      expect(issues).toEqual([]);
    }
    // The first form's writing of the day is the one the titles give.
    expect(check([form("A", "31.12.2024"), form("B", "2024-12-31")]).title.vi).toBe("Kỳ đánh giá: 31.12.2024");
  });

  test("another day, or the day with a time of day, is another period: said as before, naming the days as read", () => {
    const { issues, title } = check([form("A", "2024-12-31"), form("B", "2024-12-31"), form("C", "30/12/2024")]);
    expect(title.vi).toBe("Kỳ đánh giá (các phiếu ghi khác nhau): 31/12/2024, 30/12/2024");
    expect(issues.map((i) => [i.code, i.unit, i.cell])).toEqual([["period-differs", "C", "B5"]]);
    expect(issues[0]!.message.vi).toContain('kỳ đánh giá của phiếu là "30/12/2024", khác với "31/12/2024" mà 2 phiếu khác ghi;');
    expect(check([form("A", "2024-12-31"), form("B", "2024-12-31T10:30:00")]).issues.map((i) => i.code)).toEqual(["period-differs", "period-differs"]);
    // Text periods keep their comparison: "2025" and "Năm 2025" are listed both, as before.
    expect(check([form("A", "Năm 2025"), form("B", "2025"), form("C", "Năm 2025")]).issues.map((i) => i.unit)).toEqual(["B"]);
  });
});

describe("periods compared as one (periodKey, samePeriod)", () => {
  test("a day's shapes are one key: yyyy-mm-dd, dd/mm/yyyy, d/m/yyyy, d-m-yyyy, d.m.yyyy, midnight or none", () => {
    const one = ["2024-12-31", "31/12/2024", "31-12-2024", "31.12.2024", "31/12/2024 00:00", "2024-12-31T00:00:00", "Năm 31/12/2024", "Kỳ đánh giá: 31.12.2024"];
    expect(new Set(one.map(periodKey)).size).toBe(1);
    const early = ["2025-02-01", "1/2/2025", "01/02/2025", "1-2-2025", "1.2.2025"];
    expect(new Set(early.map(periodKey)).size).toBe(1);
    expect(dayKeys("1/2/2025")).toBe("2025-02-01");
    expect(dayKeys("Ngày 31.12.2024 10:30")).toBe("Ngày 2024-12-31 10:30:00");
    expect(dayKeys("từ 01/01/2024-31/12/2024")).toBe("từ 2024-01-01-2024-12-31");
  });

  test("other days, times of day, and what is no day stay apart; the periods of text compare as before", () => {
    expect(periodKey("1/2/2025")).not.toBe(periodKey("2/1/2025"));
    expect(periodKey("31/12/2024")).not.toBe(periodKey("30/12/2024"));
    expect(periodKey("31/12/2024 10:30")).not.toBe(periodKey("31/12/2024"));
    expect(periodKey("31/12/2024 10:30")).toBe(periodKey("2024-12-31T10:30:00"));
    // No day: left as written.
    expect(dayKeys("32/13/2024")).toBe("32/13/2024");
    expect(dayKeys("29/02/2023")).toBe("29/02/2023");
    expect(dayKeys("29/02/2024")).toBe("2024-02-29");
    expect(dayKeys("Quý I/2024")).toBe("Quý I/2024");
    expect(dayKeys("6/2024")).toBe("6/2024");
    expect(dayKeys("1.2.2025.3")).toBe("1.2.2025.3");
    expect(periodKey("Năm 2024")).toBe(periodKey("2024"));
    expect(periodKey("Quý I/2024")).not.toBe(periodKey("Quý II/2024"));
    expect(periodKey("Năm 2024")).not.toBe(periodKey("Năm 2025"));
  });

  test("samePeriod: the same text, or the same days written otherwise; not a period only folded alike", () => {
    expect(samePeriod("2024-12-31", "31/12/2024")).toBe(true);
    expect(samePeriod("31/12/2024", "31.12.2024")).toBe(true);
    expect(samePeriod("Năm 2024", "Năm 2024")).toBe(true);
    expect(samePeriod("", "")).toBe(true);
    expect(samePeriod("2024", "Năm 2024")).toBe(false);
    expect(samePeriod("31/12/2024", "")).toBe(false);
    expect(samePeriod("31/12/2024", "31/12/2025")).toBe(false);
  });

  test("Collect: a form whose period is the workbook's day written otherwise is of the workbook's period; another day is not", () => {
    // The header block as Collect reads it: a date cell as the day it shows.
    expect(detectLayoutA(form("A", "2024-12-31"))?.period).toBe("31/12/2024");
    const existing = [detectLayoutA(form("A", "2024-12-31"))!.period!];
    for (const typed of ["31/12/2024", "31.12.2024", "2024-12-31", "31-12-2024"]) expect(otherPeriodWarning([detectLayoutA(form("B", typed))!.period!], existing)).toBeUndefined();
    const other = otherPeriodWarning([detectLayoutA(form("B", "2025-12-31"))!.period!], existing);
    expect(other?.vi).toContain('ghi kỳ đánh giá "31/12/2025", khác với kỳ của các phiếu trong sổ tổng hợp ("31/12/2024")');
  });
});

describe("a number typed into a period cell formatted as a date", () => {
  test("a year: said at the cell, in both languages, with the day it shows and the year it most likely is", () => {
    const { issues, title } = check([form("A", "1905-07-16"), form("B", "1905-07-16")]);
    expect(title.vi).toBe("Kỳ đánh giá: 16/07/1905");
    expect(issues).toEqual([
      {
        severity: "warning",
        code: "period-number-as-date",
        sheet: "Sở A",
        cell: "B5",
        unit: "A",
        message: {
          vi: 'Trang tính \'Sở A\', ô B5: ô kỳ đánh giá được định dạng ngày tháng nên số 2024 hiện thành 16/07/1905, và kỳ đánh giá được đọc là ngày đó (tiêu đề trang kết quả và tên các biểu đồ sẽ ghi "16/07/1905"); số đã nhập có lẽ là năm 2024: hãy đổi định dạng ô sang "Văn bản" (Text) rồi nhập lại kỳ đánh giá (như "Năm 2024").',
          en: 'Sheet \'Sở A\', cell B5: the period cell is formatted as a date, so the number 2024 shows as 16 Jul 1905 and the period is read as that day (the results sheet\'s title and the charts\' titles will give "16/07/1905"); the number typed was probably the year 2024: change the cell\'s format to Text and type the period again (such as "Year 2024").',
        },
      },
      expect.objectContaining({ code: "period-number-as-date", sheet: "Sở B", cell: "B5", unit: "B" }),
    ]);
  });

  test("beside other forms' period: both the number and the differing period are said, the number first", () => {
    const { issues } = check([form("A", "Năm 2024"), form("B", "1905-07-16"), form("C", "Năm 2024")]);
    expect(issues.map((i) => [i.code, i.unit])).toEqual([
      ["period-number-as-date", "B"],
      ["period-differs", "B"],
    ]);
  });

  test("in a workbook of the 1904 date system the same number is another day, said as the number typed", () => {
    const { issues } = check([form("A", "1909-07-17")], true);
    expect(issues.map((i) => i.code)).toEqual(["period-number-as-date"]);
    expect(issues[0]!.message.vi).toContain("nên số 2024 hiện thành 17/07/1909");
    // The same text in a workbook of the 1900 system is a day of 1909: no number typed.
    expect(check([form("A", "1909-07-17")]).issues).toEqual([]);
  });

  test("a number that is no year: the day it shows, and what to do if that day is not the period", () => {
    const { issues } = check([form("A", "1900-01-03")]);
    expect(issues.map((i) => i.message)).toEqual([
      {
        vi: 'Trang tính \'Sở A\', ô B5: ô kỳ đánh giá được định dạng ngày tháng nên số 4 hiện thành 04/01/1900, và kỳ đánh giá được đọc là ngày đó (tiêu đề trang kết quả và tên các biểu đồ sẽ ghi "04/01/1900"); nếu kỳ đánh giá không phải ngày đó, hãy đổi định dạng ô sang "Văn bản" (Text) rồi nhập lại kỳ đánh giá.',
        en: 'Sheet \'Sở A\', cell B5: the period cell is formatted as a date, so the number 4 shows as 4 Jan 1900 and the period is read as that day (the results sheet\'s title and the charts\' titles will give "04/01/1900"); if that day is not the period, change the cell\'s format to Text and type the period again.',
      },
    ]);
  });

  test("nothing said of a real day, a year typed as a number or text, or a blank period", () => {
    for (const period of ["2024-12-31", "1908-01-01", 2024, "2024", "Năm 2024", "", null]) expect(check([form("A", period)]).issues).toEqual([]);
  });
});
