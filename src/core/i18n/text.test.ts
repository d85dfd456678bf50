import { compareVi, foldText, formatDate, normalizeText } from "./text";

describe("Vietnamese text rules", () => {
  it("writes dates the way each language does", () => {
    const d = new Date(Date.UTC(2026, 10, 2, 23, 30));
    expect(formatDate(d, "vi")).toBe("02/11/2026");
    expect(formatDate(d, "en")).toBe("2 Nov 2026");
  });

  it("folds case, diacritics and the letter đ for loose matching", () => {
    expect(foldText("  Không   ĐẠT ")).toBe("khong dat");
    expect(foldText("Có")).toBe(foldText("co"));
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
