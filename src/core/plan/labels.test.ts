/** Texts the planner writes into a workbook, as a reader of the sheets sees them. */
import { scoreUnits } from "../score/index";
import { modelOf, unit } from "../score/test-helpers";
import { FORM_SUMMARY_LABELS, MARK_FILLS, chartTitle, formOthersChangedText, inputsChangedStatus, inputsChangedStatusText, isInputsChangedLine, isRescaledGroupText, othersMayChange, NOT_APPLICABLE_TEXT, coverageDecimals, notRankedText, profileTiesLeftOutMessage, rescaledGroupText, resultsSubtitle, sheetFooter, uncomputedParts, unavailableText, unitCount } from "./labels";
import { textWidth } from "./layout";

describe("the results sheet's subtitle", () => {
  test("says who rewrites the sheet, in both languages", () => {
    // Noon on the computer's clock: the same calendar day whatever zone the tests run in.
    const now = new Date(2026, 10, 30, 12, 0);
    expect(resultsSubtitle(now, "1.2.3", 2, "en")).toBe("Scored on 30 Nov 2026 by DTI Scorer 1.2.3; 2 units. DTI Scorer rewrites this table (its figures and formatting) each time it scores: do not edit its figures or formatting; columns and notes you add are kept.");
    expect(resultsSubtitle(now, "1.2.3", 2, "vi")).toBe("Chấm điểm ngày 30/11/2026 bằng DTI Scorer 1.2.3; 2 đơn vị. Chương trình ghi lại bảng này (cả số liệu lẫn định dạng) ở mỗi lần tính: đừng sửa số liệu hay định dạng trong bảng; cột và ghi chú bạn thêm được giữ lại.");
  });

  test("says how many of the units are ranked when not all are (the HDI's aggregates are not countries)", () => {
    const now = new Date(2026, 10, 30, 12, 0);
    const country = { vi: "Quốc gia", en: "Country" };
    expect(resultsSubtitle(now, "1.2.3", 206, "vi", undefined, country, 193)).toContain("; 206 quốc gia, 193 được xếp hạng. ");
    expect(resultsSubtitle(now, "1.2.3", 206, "en", undefined, country, 193)).toContain("; 206 countries, 193 ranked. ");
    expect(resultsSubtitle(now, "1.2.3", 206, "en", { forms: 1, rows: 0 }, country, 193)).toContain("; 206 countries, 193 ranked; 1 form not scored (see below the table). ");
    expect(resultsSubtitle(now, "1.2.3", 3, "vi", undefined, undefined, 3)).toContain("; 3 đơn vị. ");
  });
});

describe("the not-applicable answer", () => {
  test("the Điểm column shows “Không áp dụng” in Vietnamese and “N/A” in English, never an abbreviation", () => {
    for (const reason of ["not-applicable", "answered-na"] as const) {
      expect(unavailableText(reason, "vi")).toBe("Không áp dụng");
      expect(unavailableText(reason, "en")).toBe("N/A");
    }
    expect(NOT_APPLICABLE_TEXT).toEqual({ vi: "Không áp dụng", en: "N/A" });
    expect(unavailableText(undefined, "vi")).toBe("Không tính");
  });
});

describe("the summary written into a form", () => {
  test("its labels fit in bold, next to the rank, in the 14-wide column of forms made before the template widened it", () => {
    // Measured in LibreOffice (its wider fallback for Calibri): a 14-wide column shows about 13
    // units of bold text beside a filled cell; "Rank in category" (14.4) lost its last letter.
    for (const l of ["vi", "en"] as const) {
      for (const text of Object.values(FORM_SUMMARY_LABELS).map((m) => m[l])) expect([text, textWidth(text, true) <= 13]).toEqual([text, true]);
    }
    expect(textWidth("Rank in category", true)).toBeGreaterThan(13);
  });
});

describe("a count of units", () => {
  test("uses the index's own word for a unit, lowered inside the sentence unless an acronym, plural in English", () => {
    expect(unitCount(206, "vi", { vi: "Quốc gia", en: "Country" })).toBe("206 quốc gia");
    expect(unitCount(206, "en", { vi: "Quốc gia", en: "Country" })).toBe("206 countries");
    expect(unitCount(1, "en", { vi: "Tỉnh", en: "Province" })).toBe("1 province");
    expect(unitCount(63, "en", { vi: "Tỉnh/thành phố", en: "Province/city" })).toBe("63 provinces/cities");
    expect(unitCount(2, "en", { vi: "Phường / xã", en: "Ward / commune" })).toBe("2 wards / communes");
    expect(unitCount(2, "en", { vi: "Sở", en: "Dept./agency" })).toBe("2 dept./agency");
    expect(unitCount(20, "vi", "UBND cấp huyện")).toBe("20 UBND cấp huyện");
    expect(unitCount(3, "vi")).toBe("3 đơn vị");
    expect(unitCount(3, "en")).toBe("3 units");
  });
});

describe("mark fills", () => {
  test("differ from every fill a form has and from each other", () => {
    // The template's input yellow, appraisal blue, group grey, not-applicable grey, header blue.
    const form = ["FFFFF2CC", "FFDDEBF7", "FFE7E6E6", "FFF2F2F2", "FF1F4E78"];
    const rgb = (argb: string) => [0, 2, 4].map((i) => parseInt(argb.slice(2 + i, 4 + i), 16));
    const distance = (a: string, b: string) => Math.hypot(...rgb(a).map((x, i) => x - rgb(b)[i]!));
    const marks = Object.values(MARK_FILLS);
    for (const m of marks) for (const f of form) expect([m, f, distance(m, f) > 40]).toEqual([m, f, true]);
    for (const a of marks) for (const b of marks) if (a !== b) expect(distance(a, b)).toBeGreaterThan(40);
  });
});

describe("why a unit whose total could not be computed is not ranked", () => {
  // An index whose total needs both groups (an expression), read with missing data left out.
  const model = modelOf({
    missing: "exclude",
    root: {
      code: "T",
      name: "Tổng",
      aggregate: "expr",
      expr: "([A] + [B]) / 2",
      children: [
        { code: "A", name: "Hạ tầng số", aggregate: "mean", children: [{ code: "a", name: "a", rule: { kind: "fraction" } }] },
        { code: "B", name: { vi: "Nhân lực số", en: "Digital workforce" }, aggregate: "mean", children: [{ code: "b", name: "b", rule: { kind: "fraction" } }] },
      ],
    },
  });

  test("names the part of the index the unit's figures could not give, in the user's language", () => {
    const u = scoreUnits(model, [unit("E3", { a: 0.5 })]).units[0]!;
    expect(u.notRankedReason).toBe("not-available");
    const parts = (lang: "vi" | "en") => uncomputedParts(model, u, lang);
    expect(notRankedText(u.notRankedReason, u.coverage, 0, "vi", parts("vi"))).toBe("Không xếp hạng: không tính được điểm tổng vì không tính được B Nhân lực số");
    expect(notRankedText(u.notRankedReason, u.coverage, 0, "en", parts("en"))).toBe("Not ranked: no total score could be computed, as B Digital workforce could not be computed");
  });

  test("a group named by its own code is named once", () => {
    const byCode = modelOf({
      missing: "exclude",
      root: {
        code: "T",
        name: "T",
        aggregate: "expr",
        expr: "([G1] + [G2]) / 2",
        children: [
          { code: "G1", name: "G1", aggregate: "mean", children: [{ code: "a", name: "a", rule: { kind: "fraction" } }] },
          { code: "G2", name: " G2 ", aggregate: "mean", children: [{ code: "b", name: "b", rule: { kind: "fraction" } }] },
        ],
      },
    });
    const u = scoreUnits(byCode, [unit("E4", {})]).units[0]!;
    expect(notRankedText(u.notRankedReason, u.coverage, 0, "vi", uncomputedParts(byCode, u, "vi"))).toBe("Không xếp hạng: không tính được điểm tổng vì không tính được G1; G2");
  });

  test("without a part to name, the sentence stays the short one", () => {
    expect(notRankedText("not-available", 0, 0, "vi")).toBe("Không xếp hạng: không tính được điểm tổng");
  });
});

describe("why a unit is not ranked for its coverage or an exclusion", () => {
  test("a coverage just below the minimum is shown with the decimals that tell it from the minimum", () => {
    // 26 of 29 indicators is 89.66%: "90%" would read as the minimum itself.
    expect(notRankedText("low-coverage", 26 / 29, 0.9, "vi")).toBe("Không xếp hạng: tỷ lệ chỉ tiêu có số liệu 89,7% thấp hơn mức tối thiểu 90%");
    expect(notRankedText("low-coverage", 26 / 29, 0.9, "en")).toBe("Not ranked: data coverage 89.7% is below the minimum of 90%");
    expect(notRankedText("low-coverage", 0.8999, 0.9, "vi")).toBe("Không xếp hạng: tỷ lệ chỉ tiêu có số liệu 89,99% thấp hơn mức tối thiểu 90%");
    // A minimum with decimals is shown as it is; a coverage far below it needs none.
    expect(notRankedText("low-coverage", 0.8, 0.875, "en")).toBe("Not ranked: data coverage 80% is below the minimum of 87.5%");
    expect(notRankedText("low-coverage", 1 / 3, 0.9, "vi")).toBe("Không xếp hạng: tỷ lệ chỉ tiêu có số liệu 33% thấp hơn mức tối thiểu 90%");
  });

  test("the coverage column takes the decimals its closest coverage below the minimum needs, as the note shows it, and the minimum's own", () => {
    // 2 of 3 against 67%: 66.7%, not 67%; 26 of 29 against 90%: 89.7%; 0.8999 against 90%: 89.99%.
    expect(coverageDecimals([1, 2 / 3], 0.67)).toBe(1);
    expect(coverageDecimals([1, 26 / 29, 0.8999], 0.9)).toBe(2);
    // Far below the minimum, at it, or no minimum: whole percentages.
    expect(coverageDecimals([1, 1 / 3], 0.9)).toBe(0);
    expect(coverageDecimals([0.9, 0.95], 0.9)).toBe(0);
    expect(coverageDecimals([0.5], 0)).toBe(0);
    // A minimum of 87.4%: shown to a decimal, so that a coverage at it never reads below it (87.4%, not 87%).
    expect(coverageDecimals([0.874, 1], 0.874)).toBe(1);
    expect(coverageDecimals([1], 0.8725)).toBe(2);
  });

  const model = modelOf({
    categories: [
      { id: "K1", name: { vi: "Loại 1", en: "Kind 1" } },
      { id: "K2", name: { vi: "Loại 2", en: "Kind 2" } },
    ],
    ranking: { exclude: ["K2", "V1"] },
    root: { code: "T", name: "Tổng", children: [{ code: "a", name: "a", max: 10, rule: { kind: "points" } }] },
  });
  const table = scoreUnits(model, [unit("V1", { a: 1 }, { category: "K1" }), unit("V2", { a: 2 }, { category: "K2" }), unit("V3", { a: 3 }, { category: "K1" })]);
  const note = (code: string, lang: "vi" | "en") => {
    const u = table.units.find((x) => x.code === code)!;
    return notRankedText(u.notRankedReason, u.coverage, 0, lang, uncomputedParts(model, u, lang));
  };

  test("a unit excluded through its category is told so, by the category's name", () => {
    expect(note("V2", "vi")).toBe('Không xếp hạng: loại đơn vị "Loại 2" nằm trong danh sách loại trừ của bộ chỉ số');
    expect(note("V2", "en")).toBe('Not ranked: the unit category "Kind 2" is excluded by the index definition');
  });

  test("a unit excluded by its own code keeps the sentence about the unit", () => {
    expect(note("V1", "vi")).toBe("Không xếp hạng: đơn vị nằm trong danh sách loại trừ của bộ chỉ số");
    expect(note("V1", "en")).toBe("Not ranked: the unit is excluded by the index definition");
    expect(table.units.find((x) => x.code === "V3")!.ranked).toBe(true);
  });
});

describe("chartTitle", () => {
  test("names the period the forms state in brackets, several ones listed, a long one cut, none: the title alone", () => {
    expect(chartTitle("Tổng điểm theo đơn vị", ["Năm 2025", " Năm 2025 "])).toBe("Tổng điểm theo đơn vị — Năm 2025");
    expect(chartTitle("Tổng điểm theo đơn vị", ["Năm 2024", "Năm 2025"])).toBe("Tổng điểm theo đơn vị — Năm 2024, Năm 2025");
    expect(chartTitle("Total points by unit", [])).toBe("Total points by unit");
    expect(chartTitle("Total points by unit", ["", "  "])).toBe("Total points by unit");
    const long = chartTitle("T", ["Kỳ đánh giá năm 2025 theo Quyết định số 922/QĐ-BTTTT ngày 20/5/2022"]);
    expect([...long].length).toBeLessThanOrEqual(45);
    expect(long).toMatch(/^T — Kỳ đánh giá năm 2025 .*…$/);
  });
});

describe("inputsChangedStatusText", () => {
  test("repeats the date its formula names, as the machine that scored wrote it, whatever this machine's time zone; without a formula, the date here", () => {
    const scoredAt = new Date("2026-01-14T23:30:00Z");
    // Scored in Việt Nam (UTC+7): the formula names 15/01/2026.
    const vi = inputsChangedStatus("C", scoredAt, "vi").replace("14/01/2026", "15/01/2026");
    expect(inputsChangedStatusText(2, scoredAt, "vi", `=IF(C=0,"x",${vi})`)).toBe(
      "Số liệu của 2 đơn vị đã được sửa sau lần chấm ngày 15/01/2026: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.",
    );
    const en = inputsChangedStatus("C", scoredAt, "en").replace(/on \d+ Jan 2026/, "on 15 Jan 2026");
    expect(inputsChangedStatusText(1, scoredAt, "en", `=IF(C=0,"x",${en})`)).toMatch(/^The figures of 1 unit were changed after scoring on 15 Jan 2026: /);
    // A formula that names no date (typed over): the date as this machine tells it.
    expect(inputsChangedStatusText(1, new Date(2026, 0, 14, 12), "vi", "=1+1")).toContain("ngày 14/01/2026:");
  });
});

describe("the workbook's lines saying figures changed count the units as the index calls them", () => {
  const scoredAt = new Date(2026, 0, 15, 12);
  const departments = { vi: "Sở, ban, ngành", en: "Department" };

  test("the results sheet's line: its formula writes the index's word (one and more in English), and the text a host caches repeats the formula's words", () => {
    const vi = inputsChangedStatus("C", scoredAt, "vi", departments);
    expect(vi).toBe('"Số liệu của "&C&" sở, ban, ngành đã được sửa sau lần chấm ngày 15/01/2026: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer."');
    expect(inputsChangedStatusText(3, scoredAt, "vi", `=IF(C=0,"x",${vi})`)).toBe(
      "Số liệu của 3 sở, ban, ngành đã được sửa sau lần chấm ngày 15/01/2026: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.",
    );
    const en = inputsChangedStatus("C", scoredAt, "en", { vi: "Quốc gia", en: "Country" });
    expect(en).toContain('IF(C=1," country"," countries")');
    expect(inputsChangedStatusText(1, scoredAt, "en", `=IF(C=0,"x",${en})`)).toMatch(/^The figures of 1 country were changed after scoring on /);
    expect(inputsChangedStatusText(2, scoredAt, "en", `=IF(C=0,"x",${en})`)).toMatch(/^The figures of 2 countries were changed after scoring on /);
    // An earlier version's formula says "đơn vị" / "units": so does the text cached for it.
    const earlier = inputsChangedStatus("C", scoredAt, "en");
    expect(inputsChangedStatusText(2, scoredAt, "en", `=IF(C=0,"x",${earlier})`)).toMatch(/^The figures of 2 units were changed after scoring on /);
  });

  test("a word with quotes is written with its quotes doubled, read back whole; one too long for the formula is said 'đơn vị' / 'unit' there", () => {
    const quoted = { vi: 'Đơn vị "cấp 2"', en: 'Unit "level 2"' };
    const vi = inputsChangedStatus("C", scoredAt, "vi", quoted);
    expect(vi).toContain('&" đơn vị ""cấp 2"" đã được sửa');
    expect(inputsChangedStatusText(1, scoredAt, "vi", `=IF(C=0,"x",${vi})`)).toMatch(/^Số liệu của 1 đơn vị "cấp 2" đã được sửa /);
    expect(formOthersChangedText(scoredAt, "vi", false, quoted)).toMatch(/^Số liệu của đơn vị "cấp 2" khác đã sửa /);
    const long = { vi: "Cơ quan ".repeat(20).trim(), en: "Agency ".repeat(20).trim() };
    expect(inputsChangedStatus("C", scoredAt, "vi", long)).toBe(inputsChangedStatus("C", scoredAt, "vi"));
    expect(formOthersChangedText(scoredAt, "en", true, long)).toBe(formOthersChangedText(scoredAt, "en", true));
  });

  test("a form's line while other units' figures changed, and the note that other units' points may change: in the index's word", () => {
    expect(formOthersChangedText(scoredAt, "vi", true, departments)).toBe("Số liệu của sở, ban, ngành khác đã sửa sau lần chấm ngày 15/01/2026: điểm và hạng này có thể đã cũ. Hãy chấm điểm lại.");
    expect(formOthersChangedText(scoredAt, "en", false, departments)).toMatch(/^Figures of other departments were changed after scoring on .*: this rank may be out of date\. Score again\.$/);
    expect(formOthersChangedText(scoredAt, "vi", false)).toMatch(/^Số liệu của đơn vị khác đã sửa /);
    expect(othersMayChange(departments)).toEqual({
      vi: "Bộ chỉ số có chỉ tiêu so sánh giữa các sở, ban, ngành, nên điểm và hạng của các sở, ban, ngành khác cũng có thể thay đổi.",
      en: "The index has indicators that compare departments, so the scores and ranks of other departments may change too.",
    });
    expect(othersMayChange().vi).toBe("Bộ chỉ số có chỉ tiêu so sánh giữa các đơn vị, nên điểm và hạng của các đơn vị khác cũng có thể thay đổi.");
  });

  test("the lines are the project's whatever word an index gave the units, and as earlier versions wrote them; a user's text like them is not", () => {
    for (const lang of ["vi", "en"] as const) {
      for (const label of [departments, { vi: "Quốc gia", en: "Country" }, undefined]) {
        expect(isInputsChangedLine(inputsChangedStatusText(2, scoredAt, lang, `=IF(C=0,"x",${inputsChangedStatus("C", scoredAt, lang, label)})`))).toBe(true);
        expect(isInputsChangedLine(formOthersChangedText(scoredAt, lang, true, label))).toBe(true);
      }
    }
    expect(isInputsChangedLine("Số liệu của 2 đơn vị đã được sửa sau lần chấm ngày 06/05/2024: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.")).toBe(true);
    expect(isInputsChangedLine("The figures of 1 unit were changed after scoring on 6 May 2024: the scores, ranks and charts in this workbook are out of date. Score again with DTI Scorer.")).toBe(true);
    expect(isInputsChangedLine("Số liệu của 2 sở đã được sửa sau lần chấm ngày 06/05/2024 theo công văn 12.")).toBe(false);
    expect(isInputsChangedLine("Số liệu của sở khác đã sửa sau lần chấm ngày 06/05/2024.")).toBe(false);
    expect(isInputsChangedLine("Figures of other departments were changed after scoring on 6 May 2024.")).toBe(false);
  });
});

describe("a form on paper", () => {
  test("the foot of every page the project makes names its sheet as it is named when printed (&A), and numbers the page", () => {
    expect(sheetFooter("vi")).toEqual({ left: "&A", right: "Trang &P" });
    expect(sheetFooter("en")).toEqual({ left: "&A", right: "Page &P" });
  });

  test("the line on a rescaled group names the group, and is the project's as written now and as earlier versions wrote it; a user's text like it is not", () => {
    const figures = { points: 17.5, max: 25, groupMax: 60, decimals: 2 };
    const vi = rescaledGroupText(figures, "vi", { indicators: true, applicable: true }, "6");
    const en = rescaledGroupText(figures, "en", { indicators: true, applicable: true }, "6");
    expect(vi).toBe("Nhóm 6 — Quy đổi: 17,50 điểm trên 25 điểm tối đa của các chỉ tiêu áp dụng, tính theo thang 60.");
    expect(en).toBe("Group 6 — Rescaled: 17.50 points out of 25, the maximum of the applicable indicators, on a scale of 60.");
    for (const text of [vi, en, rescaledGroupText(figures, "vi", { indicators: false, applicable: false })]) expect([text, isRescaledGroupText(text)]).toEqual([text, true]);
    expect(isRescaledGroupText("Quy đổi: 17,50 điểm trên 25 điểm tối đa của các chỉ tiêu áp dụng, tính theo thang 60.")).toBe(true);
    expect(isRescaledGroupText("Nhóm 6 quy đổi theo công văn 12.")).toBe(false);
    expect(isRescaledGroupText("Quy đổi: xem công văn 12.")).toBe(false);
  });
});

describe("the radar chart's warning of units tied past five", () => {
  test("more units left out than it names: it says how many more, in words, not with an ellipsis before the full stop", () => {
    const left = Array.from({ length: 8 }, (_, i) => ({ code: `U${i + 1}`, name: `Đơn vị ${i + 1}`, rank: 3 }));
    const m = profileTiesLeftOutMessage(5, left);
    expect(m.vi).toContain("Đơn vị 5 (U5), hạng 3; và 3 đơn vị khác.");
    expect(m.en).toContain("Đơn vị 5 (U5), rank 3; and 3 more.");
    expect(m.vi).not.toContain("Đơn vị 6");
    expect(`${m.vi}${m.en}`).not.toContain("…");
  });
});
