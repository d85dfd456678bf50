import { compareVi, foldText, formatDate, formatNumber, normalizeKey, normalizeText } from "./text";

describe("Vietnamese text rules", () => {
  it("writes dates the way each language does", () => {
    const d = new Date(Date.UTC(2026, 10, 2, 23, 30));
    expect(formatDate(d, "vi", 0)).toBe("02/11/2026");
    expect(formatDate(d, "en", 0)).toBe("2 Nov 2026");
  });

  it("dates a run by the day of the computer's clock, not of UTC", () => {
    // 23:30 UTC on 30 November is 06:30 on 1 December in Hà Nội (UTC+7), the day the pane shows.
    const d = new Date(Date.UTC(2026, 10, 30, 23, 30));
    expect(formatDate(d, "vi", 7 * 60)).toBe("01/12/2026");
    expect(formatDate(d, "en", 7 * 60)).toBe("1 Dec 2026");
    // West of UTC, the day before: 01:00 UTC on 1 January 2027 is still 31 December 2026 at UTC−3.
    expect(formatDate(new Date(Date.UTC(2027, 0, 1, 1, 0)), "vi", -3 * 60)).toBe("31/12/2026");
    // Without an offset, the machine's own: the local calendar day, whatever the zone the tests run in.
    const local = `${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;
    expect(formatDate(d, "vi")).toBe(local);
  });

  it("folds case, diacritics and the letter đ for loose matching", () => {
    expect(foldText("  Không   ĐẠT ")).toBe("khong dat");
    expect(foldText("Có")).toBe(foldText("co"));
  });

  it("compares codes and labels without the zero-width characters pasted from Word or a PDF", () => {
    for (const pasted of ["1.3.a\u200b", "\u200c1.3.a", "1.3\u200d.a", "1.3.a\u2060", "\ufeff1.3.a", " 1.3.a\u200b "]) {
      expect(normalizeKey(pasted)).toBe("1.3.a");
    }
    expect(foldText("Mã\u200b đơn vị")).toBe("ma don vi");
    // Free text keeps what was typed.
    expect(normalizeText("QĐ\u200b 12")).toBe("QĐ\u200b 12");
  });

  it("compares text after NFC normalisation", () => {
    const decomposed = "Sở Y tế".normalize("NFD");
    expect(normalizeText(decomposed)).toBe("Sở Y tế");
  });

  it("sorts names with Vietnamese collation (Đ after D, Ă and Â after A)", () => {
    const names = ["Đồng Tháp", "Bắc Ninh", "Dak Lak", "An Giang", "Ăn", "Âu"];
    expect([...names].sort(compareVi)).toEqual(["An Giang", "Ăn", "Âu", "Bắc Ninh", "Dak Lak", "Đồng Tháp"]);
  });
});

describe("numbers shown to a person", () => {
  it("round as ranks do (half away from zero on the 15-digit figure), so a figure shown agrees with its rank", () => {
    // (5.005 / 10) * 10 is 5.004999999999999 in binary: Excel and the ranks take it as 5.005.
    expect(formatNumber((5.005 / 10) * 10, "vi", 2)).toBe("5,01");
    expect(formatNumber(5.004999999999999, "en", 2)).toBe("5.01");
    expect(formatNumber(1.005, "vi", 2)).toBe("1,01");
    expect(formatNumber(-1.005, "en", 2)).toBe("-1.01");
    expect(formatNumber(-0.001, "vi", 2)).toBe("0,00");
    expect(formatNumber(1234.5, "vi", 0)).toBe("1.235");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
  });
});
