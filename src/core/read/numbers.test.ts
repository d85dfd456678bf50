import fc from "fast-check";
import { parseNumberText, percentOf } from "./numbers";

const value = (text: string, locale: "vi" | "en" | "auto"): number | undefined => parseNumberText(text, locale)?.value;

describe("parseNumberText", () => {
  test("reads a dot as the thousands separator in vi and as the decimal point in en", () => {
    expect(value("1.860", "vi")).toBe(1860);
    expect(value("1.860", "en")).toBeCloseTo(1.86, 12);
  });

  test("reads a decimal comma, and a number with both marks the only way it can be read", () => {
    expect(value("0,75", "vi")).toBe(0.75);
    expect(value("0,75", "auto")).toBe(0.75);
    expect(value("1.234,5", "en")).toBe(1234.5);
    expect(value("1.234,5", "auto")).toBe(1234.5);
    expect(value("1,234.5", "vi")).toBe(1234.5);
    expect(value("1.234.567", "auto")).toBe(1234567);
  });

  test("in auto, reads a text whose vi and en readings differ the vi way and flags it as ambiguous", () => {
    expect(parseNumberText("1.860", "auto")).toEqual({ value: 1860, ambiguous: true, percent: false });
    expect(parseNumberText("1,860", "auto")).toEqual({ value: 1.86, ambiguous: true, percent: false });
    expect(parseNumberText("1.860", "vi")?.ambiguous).toBe(false);
  });

  test("in auto, a text with only one well-formed reading is not ambiguous", () => {
    expect(parseNumberText("1.5", "auto")).toEqual({ value: 1.5, ambiguous: false, percent: false });
    expect(parseNumberText("0.860", "auto")).toEqual({ value: 0.86, ambiguous: false, percent: false });
    expect(parseNumberText("12", "auto")).toEqual({ value: 12, ambiguous: false, percent: false });
    expect(parseNumberText("1.5", "vi")?.value).toBe(1.5);
  });

  test("in vi or en, a text well formed only the other way is read that way and says so", () => {
    // en: a comma groups thousands, so "73,6" and "0,75" are no en numbers.
    expect(parseNumberText("73,6", "en")).toEqual({ value: 73.6, ambiguous: false, percent: false, readAs: "vi" });
    expect(parseNumberText("1.234,5", "en")).toEqual({ value: 1234.5, ambiguous: false, percent: false, readAs: "vi" });
    expect(parseNumberText("12,5%", "en")).toEqual({ value: 0.125, ambiguous: false, percent: true, readAs: "vi" });
    // vi: a dot groups thousands, so "73.6" and "1,234.5" are no vi numbers.
    expect(parseNumberText("73.6", "vi")).toEqual({ value: 73.6, ambiguous: false, percent: false, readAs: "en" });
    expect(parseNumberText("1,234.5", "vi")).toEqual({ value: 1234.5, ambiguous: false, percent: false, readAs: "en" });
    // Well formed in the locale, a plain integer, or auto: no readAs.
    for (const [text, locale] of [["11,397", "en"], ["73.6", "en"], ["1.860", "vi"], ["73,6", "vi"], ["12", "vi"], ["12", "en"], ["73,6", "auto"], ["73.6", "auto"]] as const) {
      expect([text, locale, parseNumberText(text, locale)?.readAs]).toEqual([text, locale, undefined]);
    }
  });

  test("a group of thousands never starts with 0: \"0,860\" is 0.86 in en (read the vi way) and in auto, never 860", () => {
    expect(parseNumberText("0,860", "en")).toEqual({ value: 0.86, ambiguous: false, percent: false, readAs: "vi" });
    expect(parseNumberText("0,860", "auto")).toEqual({ value: 0.86, ambiguous: false, percent: false });
    expect(parseNumberText("0,860", "vi")).toEqual({ value: 0.86, ambiguous: false, percent: false });
    // And the same in vi with a dot: "0.860" is 0.86, not 860.
    expect(parseNumberText("0.860", "vi")).toEqual({ value: 0.86, ambiguous: false, percent: false, readAs: "en" });
  });

  test("reads a percent sign as a fraction and says so", () => {
    expect(parseNumberText("85%", "vi")).toEqual({ value: 0.85, ambiguous: false, percent: true });
    expect(parseNumberText("12,5 %", "vi")?.value).toBeCloseTo(0.125, 12);
  });

  test("accepts spaces and non-breaking spaces between thousands", () => {
    expect(value("1 234 567", "vi")).toBe(1234567);
    expect(value("1\u00a0234,5", "vi")).toBe(1234.5);
    expect(value("12\u202f500", "en")).toBe(12500);
    expect(value("1 23", "vi")).toBeUndefined();
  });

  test("reads negative numbers with a hyphen or a minus sign", () => {
    expect(value("-1.234", "vi")).toBe(-1234);
    expect(value("\u22120,5", "vi")).toBe(-0.5);
    expect(value("+3", "vi")).toBe(3);
  });

  test("reads scientific notation as Excel, Python and R write it, its mantissa's mark the decimal one", () => {
    for (const locale of ["vi", "en", "auto"] as const) {
      expect([locale, value("1e-05", locale), value("1E4", locale), value("1e3", locale), value("-2.5e-3", "auto"), value("+1E+2", locale)]).toEqual([locale, 1e-5, 1e4, 1000, -0.0025, 100]);
    }
    expect(parseNumberText("1.5E+2", "en")).toEqual({ value: 150, ambiguous: false, percent: false });
    expect(parseNumberText("1.5E+2", "auto")).toEqual({ value: 150, ambiguous: false, percent: false });
    expect(parseNumberText("1,5E+2", "vi")).toEqual({ value: 150, ambiguous: false, percent: false });
    expect(parseNumberText("1,5E+02", "auto")).toEqual({ value: 150, ambiguous: false, percent: false });
    // The other locale's decimal mark is read the other way and said, as "73,6" in en is.
    expect(parseNumberText("1,5E+2", "en")).toEqual({ value: 150, ambiguous: false, percent: false, readAs: "vi" });
    expect(parseNumberText("1.5e+02", "vi")).toEqual({ value: 150, ambiguous: false, percent: false, readAs: "en" });
    // No thousands separator before an exponent: one mark is a decimal mark, two are no number.
    expect(value("1.500E3", "auto")).toBe(1500);
    expect(value("1.234e+20", "auto")).toBe(1.234e20);
    expect(parseNumberText("1e3%", "auto")).toEqual({ value: 10, ambiguous: false, percent: true });
  });

  test("text with an e that is no scientific notation is still no number", () => {
    for (const text of ["e", "e5", "1e", "1e+", "E-3", "1,234.5e3", "1.234.567e3", "1.234,5E3", "1,234,567e3", "1e3.5", "1 e3", "1e 3", "2e5x", "1.2.e3", ".5e3", "1.e3", "1e400", "1ee3", "0x1e3", "e1.3"]) {
      expect([text, parseNumberText(text, "auto")]).toEqual([text, undefined]);
      expect([text, parseNumberText(text, "vi")]).toEqual([text, undefined]);
    }
  });

  test("returns nothing for text that is not a number", () => {
    for (const text of ["", " ", "abc", "1,5 lần", "1.2.3,4,5", "12a", "%", "-", "1,,5", "1..5", "N/A"]) {
      expect(parseNumberText(text, "auto")).toBeUndefined();
    }
  });

  test("any integer written with dots between thousands reads back as itself in vi", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => {
        const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
        const text = (n < 0 ? "-" : "") + digits;
        expect(parseNumberText(text, "vi")?.value).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  test("any decimal written the vi way reads back as itself in vi and in auto", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const text = `${String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${String(cents).padStart(2, "0")}`;
        const expected = Number(`${whole}.${String(cents).padStart(2, "0")}`);
        expect(parseNumberText(text, "vi")?.value).toBe(expected);
        expect(parseNumberText(text, "auto")?.value).toBe(expected);
      }),
    );
  });

  test("a percentage typed with one decimal is the number its fraction is written as: \"16,4%\" is 0.164, not 16.4 / 100", () => {
    expect(value("16,4%", "vi")).toBe(0.164);
    expect(value("16.4%", "en")).toBe(0.164);
    expect(value("16.4%", "auto")).toBe(0.164);
    expect(value("56.7%", "auto")).toBe(0.567);
    expect(value("-16,4 %", "vi")).toBe(-0.164);
    expect(value("1 234,5%", "vi")).toBe(12.345);
  });

  test("every one-decimal percentage from 0.0% to 100.0% reads to the same number as its fraction written in decimal", () => {
    const misread: string[] = [];
    for (let k = 0; k <= 1000; k++) {
      const p = `${Math.floor(k / 10)}.${k % 10}`; // "16.4"
      const fraction = Number(`${Math.floor(k / 1000)}.${String(k % 1000).padStart(3, "0")}`); // 0.164
      const typed: Array<[string, "vi" | "en" | "auto"]> = [[`${p}%`, "auto"], [`${p}%`, "en"], [`${p.replace(".", ",")}%`, "vi"], [`${p.replace(".", ",")}%`, "auto"]];
      for (const [text, locale] of typed) if (value(text, locale) !== fraction) misread.push(`${text} (${locale}) → ${value(text, locale)}`);
    }
    expect(misread).toEqual([]);
  });
});

describe("percentOf", () => {
  test("moves the decimal point of a literal or of a number's shortest text, as a person does", () => {
    expect(percentOf("16.4")).toBe(0.164);
    expect(percentOf(16.4)).toBe(0.164);
    expect(percentOf(56.7)).toBe(0.567);
    expect(percentOf("1.5e3")).toBe(15);
    expect(percentOf(-0.1)).toBe(-0.001);
    expect(percentOf(1e21)).toBe(1e19);
    expect(percentOf(Infinity)).toBe(Infinity);
  });
});
