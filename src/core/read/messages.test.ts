import { numberInWords, plainNumber } from "./messages";

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
