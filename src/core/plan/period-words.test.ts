/**
 * Where a period the project wrote ends and the words a person added after it begin, so that a
 * run that writes the period again (a form's printed header, the instructions' period line)
 * replaces the period only: "Năm 2024 (số liệu đến 30/9)" becomes "Năm 2025 (số liệu đến 30/9)",
 * while "2023 - 2024" or "6 tháng đầu năm 2024" are periods whole.
 */
import { formPageHeader, instructionsPeriodLine, isProjectFormHeader, rewrittenFormHeader, wordsAfterPeriod } from "./labels";

const INDEX = "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh)";

describe("the words a person wrote after a period", () => {
  test.each([
    // The period stated then, the one that replaces it, the words kept.
    ["2024 (số liệu đến 30/9)", "2025", " (số liệu đến 30/9)"],
    ["2024 (số liệu đến 30/9)", "2024", " (số liệu đến 30/9)"],
    ["Năm 2024, số liệu sơ bộ", "Năm 2025", ", số liệu sơ bộ"],
    ["Năm 2024 số liệu đến 30/9", "Năm 2025", " số liệu đến 30/9"],
    ["2024 — bản chính thức", "2025", " — bản chính thức"],
    ["Quý III/2024 (sơ bộ)", "Quý IV/2024", " (sơ bộ)"],
    ["2023 - 2024 (ghi chú)", "2025", " (ghi chú)"],
    ["2025 - 2026 (ghi chú)", "2025", " (ghi chú)"],
    ["2024 (data to 30 Sep)", "2025", " (data to 30 Sep)"],
    ["FY2024 draft", "FY2025", " draft"],
    // Periods whole: nothing after them is a person's.
    ["2024", "2025", ""],
    ["Năm 2024 - 2025", "2025", ""],
    ["6 tháng đầu năm 2024", "Năm 2025", ""],
    ["Năm học 2024-2025", "Năm học 2025-2026", ""],
    ["01/01/2024 đến 30/9/2024", "01/01/2025 đến 30/9/2025", ""],
    ["Year 2024", "2025", ""],
    ["Q3 2024", "Q4 2024", ""],
  ])("%j, replaced by %j, keeps %j", (stated, next, words) => {
    expect(wordsAfterPeriod(stated, next)).toBe(words);
  });
});

describe("a form's printed header written again", () => {
  test("keeps the words after the period, in either language, and is still the project's header for the next run", () => {
    const vi = rewrittenFormHeader({ center: `${INDEX} — Kỳ đánh giá: Năm 2024 (số liệu đến 30/9)` }, formPageHeader(INDEX, "Năm 2025", "vi"));
    expect(vi).toEqual({ center: `${INDEX} — Kỳ đánh giá: Năm 2025 (số liệu đến 30/9)` });
    expect(isProjectFormHeader(vi, [INDEX])).toBe(true);
    // Written again with the same period: the words once.
    expect(rewrittenFormHeader(vi, formPageHeader(INDEX, "Năm 2025", "vi"))).toEqual(vi);
    // An "&" of the user's words stays a literal one ("&&" in Excel's codes).
    expect(rewrittenFormHeader({ center: "A && B — Period: 2024 (R&&D figures)" }, formPageHeader("A & B", "2025", "en"))).toEqual({ center: "A && B — Period: 2025 (R&&D figures)" });
  });

  test("without words after the period, or without a period now, is the planned header", () => {
    expect(rewrittenFormHeader({ center: `${INDEX} — Kỳ đánh giá: Năm 2024` }, formPageHeader(INDEX, "Năm 2025", "vi"))).toEqual(formPageHeader(INDEX, "Năm 2025", "vi"));
    expect(rewrittenFormHeader({ center: `${INDEX} — Kỳ đánh giá: Năm 2024 (sơ bộ)` }, formPageHeader(INDEX, "", "vi"))).toEqual({ center: INDEX });
    expect(rewrittenFormHeader({ center: INDEX }, formPageHeader(INDEX, "Năm 2025", "vi"))).toEqual(formPageHeader(INDEX, "Năm 2025", "vi"));
    expect(rewrittenFormHeader({}, formPageHeader(INDEX, "Năm 2025", "vi"))).toEqual(formPageHeader(INDEX, "Năm 2025", "vi"));
  });

  test("is cut to the 255 characters Excel takes in a header as stored (its &C code included), never inside a doubled &", () => {
    const long = ` (${"số liệu & ".repeat(40)})`.replace(/&/g, "&&");
    const header = rewrittenFormHeader({ center: `${INDEX} — Kỳ đánh giá: Năm 2024${long}` }, formPageHeader(INDEX, "Năm 2025", "vi"));
    expect(`&C${header.center!}`.length).toBeLessThanOrEqual(255);
    expect(`&C${header.center!}`.length).toBeGreaterThanOrEqual(254);
    expect(header.center!.endsWith("…")).toBe(true);
    expect(((/&+…$/.exec(header.center!)?.[0].length ?? 1) - 1) % 2).toBe(0);
  });
});

describe("the instructions' period line", () => {
  test.each([
    ["Kỳ đánh giá: Năm 2024", ["Năm 2025"], "vi", "Kỳ đánh giá: Năm 2025"],
    ["Kỳ đánh giá: Năm 2024 (số liệu đến 30/9)", ["Năm 2025"], "vi", "Kỳ đánh giá: Năm 2025 (số liệu đến 30/9)"],
    ["Period: 2024 (figures to September)", ["2025"], "en", "Period: 2025 (figures to September)"],
    ["Kỳ đánh giá: Năm 2024", ["Năm 2025", "2025"], "vi", "Kỳ đánh giá (các phiếu ghi khác nhau): Năm 2025, 2025"],
    ["Kỳ đánh giá (các phiếu ghi khác nhau): Năm 2025, 2025 (sơ bộ)", ["Năm 2025"], "vi", "Kỳ đánh giá: Năm 2025 (sơ bộ)"],
    // As it is: the same period, a line a person wrote or left blank, forms that state no period.
    ["Kỳ đánh giá: Năm 2025", ["Năm 2025"], "vi", undefined],
    ["Đánh giá năm 2024, nộp trước 15/10", ["Năm 2025"], "vi", undefined],
    ["", ["Năm 2025"], "vi", undefined],
    ["Kỳ đánh giá: Năm 2024", [], "vi", undefined],
  ] as const)("%j, the forms stating %j (%s): %j", (line, periods, lang, written) => {
    expect(instructionsPeriodLine(line, periods, lang)).toBe(written);
  });
});
