import { exponentNumber, formatNumber, needsExponent } from "./text";

describe("formatNumber with numbers too large or too small to write in full", () => {
  test("from 1e15 on, a number is written short, with the language's decimal mark", () => {
    expect(formatNumber(1e308, "vi")).toBe("1,0e308");
    expect(formatNumber(1e308, "en")).toBe("1.0e308");
    expect(formatNumber(-1.23456e20, "en")).toBe("-1.235e20");
    expect(formatNumber(1e15, "vi", 2)).toBe("1,0e15");
    expect(formatNumber(Number.MAX_VALUE, "en")).toBe("1.798e308");
  });

  test("below it, numbers are written as before, with thousands separators", () => {
    expect(formatNumber(999_999_999_999_999, "en")).toBe("999,999,999,999,999");
    expect(formatNumber(1860, "vi")).toBe("1.860");
    expect(formatNumber(0, "vi")).toBe("0");
    expect(formatNumber(0.0001, "en")).toBe("0.0001");
  });

  test("a number too small for four decimals is written short, not as 0; with decimals it is rounded as asked", () => {
    expect(formatNumber(1e-9, "vi")).toBe("1,0e-9");
    expect(formatNumber(-2.5e-7, "en")).toBe("-2.5e-7");
    expect(formatNumber(1e-9, "vi", 2)).toBe("0,00");
  });

  test("infinities and NaN are left to the usual format", () => {
    expect(needsExponent(Infinity)).toBe(false);
    expect(needsExponent(Number.NaN)).toBe(false);
    expect(exponentNumber(1.5e20, "vi")).toBe("1,5e20");
  });
});
