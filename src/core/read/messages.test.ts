import type { IssueCode } from "../types";
import { issueMessage, makeIssue, numberInWords, plainNumber } from "./messages";
import { parseNumberText } from "./numbers";

describe("numbers said plainly and in words", () => {
  test.each([
    [1860, "1860", "một nghìn tám trăm sáu mươi", "one thousand eight hundred sixty"],
    [1005, "1005", "một nghìn không trăm lẻ năm", "one thousand five"],
    [2500, "2500", "hai nghìn năm trăm", "two thousand five hundred"],
    [21, "21", "hai mươi mốt", "twenty-one"],
    [24, "24", "hai mươi tư", "twenty-four"],
    [15, "15", "mười lăm", "fifteen"],
    [105, "105", "một trăm lẻ năm", "one hundred five"],
    [1234567, "1234567", "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy", "one million two hundred thirty-four thousand five hundred sixty-seven"],
    [0, "0", "không", "zero"],
  ])("%p is %p, \"%s\", \"%s\"", (x, plain, vi, en) => {
    expect(plainNumber(x, "vi")).toBe(plain);
    expect(numberInWords(x, "vi")).toBe(vi);
    expect(numberInWords(x, "en")).toBe(en);
  });

  test("a decimal is written with the language's mark and read digit by digit after it", () => {
    expect(plainNumber(1.86, "vi")).toBe("1,86");
    expect(plainNumber(1.86, "en")).toBe("1.86");
    expect(numberInWords(1.86, "vi")).toBe("một phẩy tám sáu");
    expect(numberInWords(1.86, "en")).toBe("one point eight six");
    expect(numberInWords(-3, "vi")).toBe("âm ba");
  });

  test("no words for numbers too long to say usefully", () => {
    expect(numberInWords(1e13, "vi")).toBeUndefined();
    expect(numberInWords(Math.PI, "en")).toBeUndefined();
  });
});

describe("sentences about an indicator", () => {
  test("an English sentence never starts with a bare code: \"Indicator 1.1 earns points…\"", () => {
    const issue = makeIssue("warning", "evidence-missing", { node: "1.1", unit: "SYT" });
    expect(issue.message.en).toBe("Indicator 1.1 earns points but has no evidence.");
    expect(issue.message.vi).toBe("Chỉ tiêu 1.1 có điểm nhưng chưa có minh chứng.");
    const codes: IssueCode[] = [
      "missing-input", "no-figures", "not-a-number", "not-an-integer", "out-of-range", "unknown-choice", "not-a-boolean", "excel-error",
      "numerator-exceeds-denominator", "zero-denominator", "ambiguous-number", "percent-as-number", "percent-as-fraction", "points-above-max",
      "not-applicable-not-allowed", "not-applicable-with-figures", "evidence-missing", "self-score-differs", "duplicate-unit", "unknown-code", "unknown-category",
      "missing-category", "missing-row", "missing-unit-name", "layout-not-found", "definition-mismatch",
    ];
    for (const code of codes) {
      for (const missing of [undefined, "zero", "exclude"] as const) {
        const p = { node: "1.1", indicator: "1.1", raw: "x", list: ["1.1.a", "1.1.b"], value: 2, other: 1, ...(missing ? { missing } : {}) };
        const m = issueMessage(code, p);
        expect([code, m.en]).not.toEqual([code, expect.stringMatching(/^\d/)]);
        expect([code, m.en]).not.toEqual([code, expect.stringMatching(/(for|so|of) 1\.1(?![.\w])/)]);
      }
    }
  });

  test("a CSV file's place is the file, the row and the column", () => {
    const issue = makeIssue("error", "not-a-number", { sheet: "b", file: "b.csv", cell: "AB12", raw: "abc", node: "1.1" });
    expect(issue).toMatchObject({ sheet: "b", cell: "AB12" });
    expect(issue.message.vi).toBe('Tệp b.csv, dòng 12, cột AB: "abc" không phải là số (chỉ tiêu 1.1).');
    expect(issue.message.en).toBe('File b.csv, row 12, column AB: "abc" is not a number (indicator 1.1).');
    expect(makeIssue("warning", "missing-row", { sheet: "b", file: "b.csv", list: ["2.2"], place: "column" }).message.en).toBe("File b.csv: the table has no column for indicator 2.2.");
  });
});

describe("the content of a cell, quoted", () => {
  test("a number cell's number is written as each sentence's language writes it, in full, without quotes", () => {
    const percent = makeIssue("warning", "percent-as-number", { sheet: "Sở Y tế", cell: "D14", raw: "1.5", rawNumber: 1.5, value: 0.015, node: "2.1" });
    expect(percent.message.vi).toBe(`Trang tính 'Sở Y tế', ô D14: 1,5 được hiểu là 1,5% (chỉ tiêu 2.1).`);
    expect(percent.message.en).toBe(`Sheet 'Sở Y tế', cell D14: 1.5 is read as 1.5% (indicator 2.1).`);
    const whole = makeIssue("error", "not-an-integer", { raw: "-2.5", rawNumber: -2.5, node: "3.1" });
    expect(whole.message.vi).toBe(`-2,5 không phải là số nguyên (chỉ tiêu 3.1); hãy nhập một số nguyên.`);
    expect(whole.message.en).toBe(`-2.5 is not a whole number (indicator 3.1); type a whole number.`);
    // No thousands separator (1.234.567,25 could be read two ways), and the 15 significant digits Excel shows of the cell.
    const big = makeIssue("error", "out-of-range", { raw: "1234567.12345678", rawNumber: 1234567.12345678, min: 0, max: 100, node: "1.1" });
    expect(big.message.vi).toContain(`1234567,12345678 nằm ngoài khoảng cho phép`);
    expect(big.message.en).toContain(`1234567.12345678 is out of range`);
    // A formula's binary noise (0.35 + 0.15 * 3) is the 0,8 the cell shows, not 0,7999999999999999.
    const noise = makeIssue("error", "out-of-range", { raw: "0.7999999999999999", rawNumber: 0.35 + 0.15 * 3, min: 0, max: 0.5, node: "1.1" });
    expect(noise.message.vi).toContain(`0,8 nằm ngoài khoảng cho phép`);
    expect(noise.message.en).toContain(`0.8 is out of range`);
    expect(makeIssue("error", "not-an-integer", { raw: "1e-7", rawNumber: 1e-7 }).message.vi).toBe(`0,0000001 không phải là số nguyên; hãy nhập một số nguyên.`);
  });

  test("a number too large to write out (1e308 typed in a cell) is quoted in short form, not as its 309 digits", () => {
    const huge = makeIssue("error", "out-of-range", { raw: "1e308", rawNumber: 1e308, min: 0, max: 100, node: "1.1" });
    expect(huge.message.vi).toContain(`1E+308 nằm ngoài khoảng cho phép`);
    expect(huge.message.en).toContain(`1E+308 is out of range`);
    expect(plainNumber(1e20, "en")).toBe("1E+20");
    // A number cell's 1.23456E+17 is quoted with all its digits, not as 1,235e17.
    expect(makeIssue("error", "not-a-number", { raw: "1.23456E+17", rawNumber: 1.23456e17 }).message.vi).toBe(`1,23456E+17 không phải là số.`);
    expect(makeIssue("error", "not-an-integer", { raw: "1e-25", rawNumber: 1e-25 }).message.en).toBe(`1E-25 is not a whole number; type a whole number.`);
    expect(plainNumber(123456789012345, "vi")).toBe("123456789012345");
  });

  test("text is quoted as the user typed it, in both languages", () => {
    const typed = makeIssue("error", "not-an-integer", { raw: "2.5", node: "3.1" });
    expect(typed.message.vi).toBe(`"2.5" không phải là số nguyên (chỉ tiêu 3.1); hãy nhập một số nguyên.`);
    expect(typed.message.en).toBe(`"2.5" is not a whole number (indicator 3.1); type a whole number.`);
  });
});

describe("a figure written with an exponent, shown as read and advised in the index's way", () => {
  const figures = [1.5e-12, 1.234e-10, -2.5e-9, 1.23456e17, 1.2345678901234568e25, 1e308, 0.000001, 123456.789, 1860, 0.1 + 0.2];
  test.each(["vi", "en"] as const)("in %s, to its 15 significant digits, in a form the reader reads back as the same number", (lang) => {
    for (const x of figures) {
      const text = plainNumber(x, lang);
      const back = parseNumberText(text, lang);
      expect([text, back?.value, back?.readAs, back?.ambiguous]).toEqual([text, Number(x.toPrecision(15)), undefined, false]);
    }
    expect(plainNumber(1.5e-12, lang)).toBe(lang === "vi" ? "1,5E-12" : "1.5E-12");
    expect(plainNumber(1.2345678901234568e25, lang)).toBe(lang === "vi" ? "1,23456789012346E+25" : "1.23456789012346E+25");
  });

  test('"1.5e-12" in a vi index is said to be 1,5E-12, not 0, and the advice is to write 1,5E-12', () => {
    const at = { sheet: "b", file: "b.csv", cell: "C2", node: "1.1", readAs: "en" as const };
    const m = makeIssue("warning", "ambiguous-number", { ...at, raw: "1.5e-12", value: 1.5e-12 }).message;
    expect(m.vi).toBe(
      'Tệp b.csv, dòng 2, cột C: "1.5e-12" được hiểu là 1,5E-12 theo cách viết số tiếng Anh (dấu chấm thập phân), dù bộ chỉ số viết số kiểu Việt Nam, trong đó dấu chấm phân cách hàng nghìn; hãy kiểm tra lại số liệu, hoặc trong tệp CSV hãy viết số theo cách của bộ chỉ số: 1,5E-12 (chỉ tiêu 1.1).',
    );
    expect(makeIssue("warning", "ambiguous-number", { ...at, raw: "1.23456E+17", value: 1.23456e17 }).message.vi).toContain("được hiểu là 1,23456E+17 theo");
    expect(makeIssue("warning", "ambiguous-number", { ...at, raw: "1.234E-10", value: 1.234e-10 }).message.vi).toContain("theo cách của bộ chỉ số: 1,234E-10 (");
    // In an en index, "1,5E-12%" is advised as 1.5E-12%, which reads back as the same figure.
    const pct = makeIssue("warning", "ambiguous-number", { ...at, readAs: "vi", raw: "1,5E-12%", value: 1.5e-14, percent: true }).message.en;
    expect(pct).toContain("as 1.5E-12%, though");
    expect(pct).toContain("the index's way: 1.5E-12% (indicator 1.1).");
    expect(parseNumberText("1.5E-12%", "en")?.value).toBe(1.5e-14);
  });
});
