import fc from "fast-check";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { STRINGS, type StringKey, langFromDisplayLanguage, t, tBoth, tPattern } from "./i18n";
import { isDarkColor } from "./state/environment";
import { parseUnitList } from "./state/units";

describe("the pane's texts", () => {
  test("every text exists in Vietnamese and English with the same placeholders", () => {
    for (const [key, m] of Object.entries(STRINGS)) {
      expect([key, m.vi.trim().length > 0, m.en.trim().length > 0]).toEqual([key, true, true]);
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
      expect([key, holes(m.vi)]).toEqual([key, holes(m.en)]);
    }
  });

  test("no text is left untranslated (the same words in both languages)", () => {
    const same = Object.entries(STRINGS).filter(([k, m]) => !["languageEn", "languageVi"].includes(k) && m.vi === m.en);
    expect(same.map(([k]) => k)).toEqual([]);
  });

  test("numbers in texts follow the language: 1.234 in Vietnamese, 1,234 in English", () => {
    expect(t("vi", "unitsCount", { count: 1234 })).toBe("1.234 đơn vị");
    expect(t("en", "unitsCount", { count: 1234 })).toBe("1,234 units");
  });

  test("a message kept for a change of language has both sentences, its parameters in each language", () => {
    expect(tBoth("unitsCount", { count: 1 })).toEqual({ vi: "1 đơn vị", en: "1 unit" });
    expect(tBoth("indexSwitched", (lang) => ({ name: lang === "vi" ? "Bộ mẫu" : "Sample", action: t(lang, "scoreRun") }))).toEqual({
      vi: 'Đã chọn bộ chỉ số "Bộ mẫu". Hãy bấm lại "Chấm điểm và ghi kết quả".',
      en: 'The index "Sample" is chosen. Press "Score and write results" again.',
    });
  });

  test("the findings after scoring leave out a count of 0, with its conjunction", () => {
    const after = (lang: "vi" | "en", errors: number, warnings: number) =>
      t(lang, "findingsAfterScore", { errors: t(lang, "countErrors", { count: errors }), warnings: t(lang, "countWarnings", { count: warnings }), see: t(lang, "findingsSeeCheck") });
    expect(after("vi", 0, 1)).toBe("Có 1 cảnh báo trong số liệu: xem bước Kiểm tra.");
    expect(after("vi", 2, 0)).toBe("Có 2 lỗi trong số liệu: xem bước Kiểm tra.");
    expect(after("vi", 2, 3)).toBe("Có 2 lỗi và 3 cảnh báo trong số liệu: xem bước Kiểm tra.");
    expect(after("en", 0, 1)).toBe("Found 1 warning in the data: see the Check step.");
    expect(after("en", 1, 0)).toBe("Found 1 error in the data: see the Check step.");
    expect(after("en", 1, 10)).toBe("Found 1 error and 10 warnings in the data: see the Check step.");
  });

  test("the info severity is \"Lưu ý\" / \"Info\" (\"Ghi chú\" / \"Note\" is a column's name), counted as such", () => {
    expect([t("vi", "severityInfo"), t("en", "severityInfo")]).toEqual(["Lưu ý", "Info"]);
    expect([t("vi", "countInfos", { count: 2 }), t("en", "countInfos", { count: 1 }), t("en", "countInfos", { count: 2 })]).toEqual(["2 lưu ý", "1 info finding", "2 info findings"]);
  });

  test("every text key used by the pane's components exists, and none is left unused", () => {
    const dir = __dirname;
    const files = [join(dir, "App.tsx"), ...readdirSync(join(dir, "components")).map((f) => join(dir, "components", f)), ...readdirSync(join(dir, "state")).map((f) => join(dir, "state", f))];
    const source = files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts")).map((f) => readFileSync(f, "utf8")).join("\n");
    const used = new Set([...source.matchAll(/"([a-zA-Z]+)"/g)].map((m) => m[1]));
    const unused = (Object.keys(STRINGS) as StringKey[]).filter((k) => !used.has(k));
    expect(unused).toEqual([]);
  });

  test("a button named apart from its label says its label first (what is seen is what is said): \"Dừng\" is \"Dừng kiểm tra\"", () => {
    for (const lang of ["vi", "en"] as const) expect(t(lang, "checkStopName").startsWith(t(lang, "checkStop"))).toBe(true);
    expect([t("vi", "checkStop"), t("en", "checkStop")]).toEqual(["Dừng", "Stop"]);
  });

  test("the stale banner says when the results were scored with the Score step's words for it (its {time} and {date})", () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
    for (const lang of ["vi", "en"] as const) {
      expect(holes(STRINGS.staleBannerSince[lang])).toEqual(holes(STRINGS.scoredAt[lang]));
      expect(STRINGS.staleBannerSince[lang].startsWith(STRINGS.staleBanner[lang])).toBe(true);
    }
    expect(t("vi", "staleBannerSince", { time: "14:08", date: "06/05/2024" })).toBe("Kết quả đã cũ (chấm lúc 14:08 ngày 06/05/2024)");
    expect(t("en", "staleBannerSince", { time: "14:08", date: "6 May 2024" })).toBe("The results are out of date (scored on 6 May 2024 at 14:08)");
  });

  test("the pane starts in Vietnamese when Office's display language is Vietnamese, in English otherwise", () => {
    expect(langFromDisplayLanguage("vi-VN")).toBe("vi");
    expect(langFromDisplayLanguage("VI")).toBe("vi");
    expect(langFromDisplayLanguage("en-US")).toBe("en");
    expect(langFromDisplayLanguage("fr-FR")).toBe("en");
    expect(langFromDisplayLanguage(undefined)).toBe("en");
  });

  test("Office's dark themes are recognised from their body background colour", () => {
    expect(isDarkColor("#1f1f1f")).toBe(true);
    expect(isDarkColor("#262626")).toBe(true);
    expect(isDarkColor("#ffffff")).toBe(false);
    expect(isDarkColor("#e6e6e6")).toBe(false);
    expect(isDarkColor(undefined)).toBe(false);
  });
});

describe("the list of units typed or pasted for templates", () => {
  test("reads code; name; category lines, names alone, and rows pasted from Excel", () => {
    expect(parseUnitList("01; Sở Nội vụ; co-dvc\n\nSở Y tế\n02\tSở Tài chính\tkhong-dvc\n")).toEqual([
      { code: "01", name: "Sở Nội vụ", category: "co-dvc", line: 1 },
      { code: "", name: "Sở Y tế", line: 3 },
      { code: "02", name: "Sở Tài chính", category: "khong-dvc", line: 4 },
    ]);
  });

  test("gives one unit per non-blank line, whatever the names", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-zÀ-ỹ ]{1,20}$/).filter((s) => s.trim() !== ""), { maxLength: 30 }), (names) => {
        const units = parseUnitList(names.join("\n"));
        expect(units.map((u) => u.name)).toEqual(names.map((n) => n.trim()));
      }),
    );
  });
});

describe("the check summary", () => {
  test("leaves out a count of 0, in the sentence and in the pattern the Check step lays out", () => {
    const params = (lang: "vi" | "en", errors: number, warnings: number, infos: number) => ({
      units: t(lang, "unitsCount", { count: 4 }),
      errors: t(lang, "countErrors", { count: errors }),
      warnings: t(lang, "countWarnings", { count: warnings }),
      infos: t(lang, "countInfos", { count: infos }),
    });
    expect(t("vi", "checkSummary", params("vi", 1, 20, 0))).toBe("Đã kiểm tra 4 đơn vị: 1 lỗi và 20 cảnh báo");
    expect(t("en", "checkSummary", params("en", 0, 1, 2))).toBe("4 units checked: 1 warning and 2 info findings");
    expect(t("vi", "checkSummary", params("vi", 1, 2, 3))).toBe("Đã kiểm tra 4 đơn vị: 1 lỗi, 2 cảnh báo và 3 lưu ý");
    expect(t("en", "checkSummary", params("en", 1, 2, 3))).toBe("4 units checked: 1 error, 2 warnings and 3 info findings");
    expect(tPattern("vi", "checkSummary", params("vi", 1, 20, 0))).toBe("Đã kiểm tra {units}: {errors} và {warnings}");
  });
});
