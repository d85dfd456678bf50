/**
 * The Check step shows a finding inside its unit's group without the place its sentence begins
 * with (the place has its own line under it): src/taskpane/state/findings.ts, on sentences made
 * by the reader itself (src/core/read/messages.ts), in both languages.
 */
import fc from "fast-check";
import { makeIssue } from "../../src/core/read/messages";
import { checkSummary, findingWithoutLocation, leftOutCounts, leftOutSentences, locationPrefixes, noErrorsText, unitsCountText } from "../../src/taskpane/state/findings";
import { t } from "../../src/taskpane/i18n";
import { scoreDoneNotice } from "../../src/taskpane/state/usePane";
import { parseDefinition } from "../../src/core/definition";
import { runScoring } from "../../src/core/pipeline";
import { unitsByRank } from "../../src/core/score";
import { XlsxHost } from "../../src/hosts/xlsx";
import { makeTemplate } from "../../src/hosts/xlsx/template";
import { BUILTIN_INDICES } from "../../src/indices";

describe("a finding's sentence without its place", () => {
  test("a cell's finding starts after \"Trang tính '…', ô …: \" / \"Sheet '…', cell …: \", its first letter capitalised", () => {
    const issue = makeIssue("warning", "evidence-missing", { sheet: "Sở Y tế", cell: "G11", node: "1.1", unit: "SYT" });
    expect(issue.message.vi).toBe("Trang tính 'Sở Y tế', ô G11: chỉ tiêu 1.1 có điểm nhưng chưa có minh chứng.");
    expect(findingWithoutLocation(issue, "vi")).toBe("Chỉ tiêu 1.1 có điểm nhưng chưa có minh chứng.");
    expect(findingWithoutLocation(issue, "en")).toBe("Indicator 1.1 earns points but has no evidence.");

    const differs = makeIssue("warning", "self-score-differs", { sheet: "Sở Y tế", cell: "F20", node: "2.1", value: 5, other: 4.5 });
    expect(findingWithoutLocation(differs, "vi")).toBe("Điểm tự chấm 5 khác với điểm tính được 4,5 (chỉ tiêu 2.1).");
    expect(findingWithoutLocation(differs, "en")).toBe("The self-assessed score (5) differs from the computed score (4.5) (indicator 2.1).");
  });

  test("a sheet's finding without a cell starts after \"Trang tính '…': \" / \"Sheet '…': \"", () => {
    const issue = makeIssue("error", "missing-row", { sheet: "Sở Nội vụ", node: "3.2" });
    expect(issue.message.en).toBe("Sheet 'Sở Nội vụ': the table has no row for indicator 3.2.");
    expect(findingWithoutLocation(issue, "vi")).toBe("Bảng không có dòng cho chỉ tiêu 3.2.");
    expect(findingWithoutLocation(issue, "en")).toBe("The table has no row for indicator 3.2.");
  });

  test("a table row's finding starts after \"Trang tính '…', dòng …: \" / \"Sheet '…', row …: \"", () => {
    const issue = makeIssue("warning", "missing-input", { sheet: "Tổng hợp", cell: "C3", row: 3, node: "4.1", indicator: "4.1", missing: "zero" });
    expect(issue.message.en.startsWith("Sheet 'Tổng hợp', row 3: ")).toBe(true);
    expect(findingWithoutLocation(issue, "en").startsWith("Sheet")).toBe(false);
    expect(findingWithoutLocation(issue, "vi").startsWith("Trang tính")).toBe(false);
  });

  test("what the user typed, quoted at the start, is kept as typed", () => {
    const issue = makeIssue("error", "not-a-number", { sheet: "Sở Y tế", cell: "D39", raw: "nhiều lần", node: "5.2" });
    expect(findingWithoutLocation(issue, "vi")).toBe('"nhiều lần" không phải là số (chỉ tiêu 5.2).');
    expect(findingWithoutLocation(issue, "en")).toBe('"nhiều lần" is not a number (indicator 5.2).');
  });

  test("sheet names with quotes, commas, colons and the word for cell are taken as they are", () => {
    for (const sheet of ["Sở KH'ĐT", "Phiếu, ô A1: bản 2", "Sheet 'x', cell B2: ", "Đơn vị số 2"]) {
      const issue = makeIssue("warning", "evidence-missing", { sheet, cell: "G9", node: "4.1" });
      expect([sheet, findingWithoutLocation(issue, "vi")]).toEqual([sheet, "Chỉ tiêu 4.1 có điểm nhưng chưa có minh chứng."]);
      expect([sheet, findingWithoutLocation(issue, "en")]).toEqual([sheet, "Indicator 4.1 earns points but has no evidence."]);
    }
  });

  test("a sentence that does not begin with its own sheet and cell is left whole", () => {
    const general = makeIssue("error", "layout-not-found", {});
    expect(findingWithoutLocation(general, "vi")).toBe(general.message.vi);
    expect(findingWithoutLocation(general, "en")).toBe(general.message.en);
    const issue = makeIssue("warning", "evidence-missing", { sheet: "Sở Y tế", cell: "G11", node: "1.1" });
    // Another sheet's or another cell's name: not this finding's place.
    expect(findingWithoutLocation({ ...issue, sheet: "Sở Y" }, "vi")).toBe(issue.message.vi);
    expect(findingWithoutLocation({ ...issue, cell: "G1" }, "en")).toBe(issue.message.en);
    // The Vietnamese prefix in an English sentence (or the reverse) is not taken off.
    expect(findingWithoutLocation({ ...issue, message: { vi: issue.message.en, en: issue.message.vi } }, "vi")).toBe(issue.message.en);
  });

  test("for any sheet and cell, the place and the shown sentence give back the reader's sentence", () => {
    const sheet = fc.string({ minLength: 1, maxLength: 31 }).filter((s) => !/[\\/?*[\]]/.test(s));
    const cell = fc.tuple(fc.constantFrom("A", "G", "AB", "XFD"), fc.integer({ min: 1, max: 1048576 })).map(([c, r]) => `${c}${r}`);
    fc.assert(
      fc.property(sheet, fc.option(cell, { nil: undefined }), fc.constantFrom("vi" as const, "en" as const), (s, c, lang) => {
        const issue = makeIssue("warning", "missing-row", { sheet: s, ...(c !== undefined ? { cell: c } : {}), node: "2.3" });
        const shown = findingWithoutLocation(issue, lang);
        const prefix = locationPrefixes(s, c, lang)[0]!;
        expect(issue.message[lang].startsWith(prefix)).toBe(true);
        expect(shown).not.toContain(prefix);
        const first = shown.charAt(0);
        expect(first).toBe(first.toLocaleUpperCase("vi"));
        expect(prefix + first.toLocaleLowerCase("vi") + shown.slice(1)).toBe(issue.message[lang]);
      }),
    );
  });
});

describe("forms the reader leaves out, counted as the command line counts them", () => {
  const dup = makeIssue("error", "duplicate-unit", { sheet: "Sở Y tế (2)", cell: "B2", unit: "SYT" });
  const warning = makeIssue("warning", "evidence-missing", { sheet: "Sở Y tế", cell: "G11", node: "1.1", unit: "SYT" });

  test("a form whose unit code another form has is one form left out: said after a check and after scoring", () => {
    expect(leftOutCounts([dup, warning])).toEqual({ forms: 1, rows: 0 });
    expect(leftOutSentences([dup, warning], "check", "vi")).toEqual(["1 phiếu sẽ không được chấm: xem các lỗi bên dưới."]);
    expect(leftOutSentences([dup, warning], "check", "en")).toEqual(["1 form will not be scored: see the errors below."]);
    expect(leftOutSentences([dup], "score", "vi")).toEqual(["1 phiếu chưa được chấm: xem bước Kiểm tra."]);
    expect(leftOutSentences([warning], "score", "vi")).toEqual([]);
  });

  test("scoring says it scored, and with a form left out says how many as a warning, not a plain success", () => {
    const clean = scoreDoneNotice(20, 20, [warning]);
    expect([clean.intent, clean.key, clean.message]).toEqual(["success", "scoreDone", { vi: "Đã chấm điểm và xếp hạng 20 đơn vị.", en: "Scored and ranked 20 units." }]);
    const left = scoreDoneNotice(20, 20, [dup, warning]);
    expect(left.intent).toBe("warning");
    expect(left.key).toBe("scoreDone");
    expect(left.message).toEqual({
      vi: "Đã chấm điểm và xếp hạng 20 đơn vị. 1 phiếu chưa được chấm: xem bước Kiểm tra.",
      en: "Scored and ranked 20 units. 1 form was not scored: see the Check step.",
    });
  });
});

describe("units that sent no figure at all, and a run that ranks no unit", () => {
  const unit = (name: string, o: { coverage?: number; ranked?: boolean; points?: number | null } = {}) => ({ name, coverage: o.coverage ?? 1, ranked: o.ranked ?? true, points: o.points === undefined ? 10 : o.points });

  test("blank forms scored as 0 and ranked: a warning naming them, not a plain success", () => {
    const n = scoreDoneNotice(2, 2, [], [unit("Huyện A", { coverage: 0, points: 0 }), unit("Huyện B", { coverage: 0, points: 0 })]);
    expect(n.intent).toBe("warning");
    expect(n.key).toBe("scoreDone");
    expect(n.message).toEqual({
      vi: "Đã chấm điểm và xếp hạng 2 đơn vị. Huyện A và Huyện B chưa điền số liệu nào nên được tính 0 điểm.",
      en: "Scored and ranked 2 units. Huyện A and Huyện B have not filled in any figure, so they are counted as 0 points.",
    });
  });

  test("one such unit among units with figures: that one alone is named; units with some figures are not", () => {
    const n = scoreDoneNotice(3, 3, [], [unit("Sở A"), unit("Sở B", { coverage: 0.4 }), unit("Sở C", { coverage: 0, points: 0 })]);
    expect(n.message!.vi).toBe("Đã chấm điểm và xếp hạng 3 đơn vị. Sở C chưa điền số liệu nào nên được tính 0 điểm.");
    expect(n.message!.en).toBe("Scored and ranked 3 units. Sở C has not filled in any figure, so it is counted as 0 points.");
  });

  test("at most five names, then how many more", () => {
    const blank = Array.from({ length: 8 }, (_, i) => unit(`Xã ${i + 1}`, { coverage: 0, points: 0 }));
    const n = scoreDoneNotice(8, 8, [], blank);
    expect(n.message!.vi).toContain("Xã 1, Xã 2, Xã 3, Xã 4, Xã 5 và 3 đơn vị khác chưa điền số liệu nào nên được tính 0 điểm.");
    expect(n.message!.en).toContain("Xã 1, Xã 2, Xã 3, Xã 4, Xã 5 and 3 more have not filled in any figure, so they are counted as 0 points.");
  });

  test("the units counted as the index calls them, the one and the many, and the more than five named too", () => {
    const blank = Array.from({ length: 7 }, (_, i) => unit(`Sở ${i + 1}`, { coverage: 0, points: 0 }));
    const departments = { vi: "Sở, ban, ngành", en: "Department" };
    const n = scoreDoneNotice(7, 7, [], blank, departments);
    expect(n.message!.vi).toContain("Sở 1, Sở 2, Sở 3, Sở 4, Sở 5 và 2 sở, ban, ngành khác chưa điền số liệu nào nên được tính 0 điểm.");
    expect(n.message!.en).toContain("Sở 1, Sở 2, Sở 3, Sở 4, Sở 5 and 2 more have not filled in any figure, so they are counted as 0 points.");
    const one = scoreDoneNotice(3, 2, [], [unit("A"), unit("B"), unit("Country C", { coverage: 0, ranked: false, points: null })], { vi: "Quốc gia", en: "Country" });
    expect(one.message!.vi).toContain("Đã chấm điểm 3 quốc gia, trong đó 2 được xếp hạng. Country C chưa điền số liệu nào nên không được xếp hạng.");
    expect(one.message!.en).toContain("Scored 3 countries (2 ranked). Country C has not filled in any figure, so it is not ranked.");
  });

  test("an index of values: counted as a value of 0; not ranked for want of figures: said so, and no unit ranked is a warning", () => {
    const values = scoreDoneNotice(1, 1, [], [unit("Tỉnh A", { coverage: 0, points: null })]);
    expect(values.message!.vi).toBe("Đã chấm điểm và xếp hạng 1 đơn vị. Tỉnh A chưa điền số liệu nào nên được tính giá trị 0.");
    const none = scoreDoneNotice(2, 0, [], [unit("Huyện A", { coverage: 0, ranked: false, points: null }), unit("Huyện B", { coverage: 0, ranked: false, points: null })]);
    expect(none.intent).toBe("warning");
    expect(none.message).toEqual({
      vi: "Đã chấm điểm 2 đơn vị; không đơn vị nào được xếp hạng. Huyện A và Huyện B chưa điền số liệu nào nên không được xếp hạng.",
      en: "Scored 2 units, none ranked. Huyện A and Huyện B have not filled in any figure, so they are not ranked.",
    });
  });

  test("no unit ranked for other reasons: a warning that points to the reasons in the table", () => {
    const n = scoreDoneNotice(2, 0, [], [unit("Tỉnh A", { coverage: 0.75, ranked: false }), unit("Tỉnh B", { coverage: 0.5, ranked: false })]);
    expect(n.intent).toBe("warning");
    expect(n.message!.vi).toBe("Đã chấm điểm 2 đơn vị; không đơn vị nào được xếp hạng. Lý do ghi dưới tên từng đơn vị.");
    expect(n.message!.en).toBe("Scored 2 units, none ranked. The reason is under each unit's name.");
  });

  test("the district sample's blank forms, scored as the core scores them (missing inputs count 0): both named", async () => {
    const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === "dti-huyen-mau")!.definition);
    if (!r.ok) throw new Error("dti-huyen-mau");
    const blank = await makeTemplate(r.model, [{ code: "A", name: "Huyện A" }, { code: "B", name: "Huyện B" }], { lang: "vi" });
    const run = await runScoring(await XlsxHost.fromBuffer(blank, "huyen.xlsx"), { definition: r.model.definition, lang: "vi", projectVersion: "test", write: false });
    const units = unitsByRank(run.table);
    const n = scoreDoneNotice(units.length, units.filter((u) => u.ranked).length, run.issues, units, r.model.definition.unitLabel);
    expect(n.intent).toBe("warning");
    expect(n.message!.vi).toMatch(/^Đã chấm điểm và xếp hạng 2 huyện, thị xã, thành phố\. Huyện A và Huyện B chưa điền số liệu nào nên /);
    expect(n.message!.en).toMatch(/^Scored and ranked 2 districts\. Huyện A and Huyện B have not filled in any figure, so /);
  });

  test("every unit with figures and ranked: a plain success", () => {
    const n = scoreDoneNotice(2, 2, [], [unit("Sở A"), unit("Sở B", { coverage: 0.9 })]);
    expect([n.intent, n.message]).toEqual(["success", { vi: "Đã chấm điểm và xếp hạng 2 đơn vị.", en: "Scored and ranked 2 units." }]);
  });
});

describe("the pane counts the units as the index calls them, as the command line and the workbook do", () => {
  const label = (id: string) => (BUILTIN_INDICES.find((b) => b.id === id)!.definition as { unitLabel: { vi: string; en: string } }).unitLabel;
  const departments = label("dti-so-nganh-mau");
  const dup = makeIssue("error", "duplicate-unit", { sheet: "Sở Y tế (2)", cell: "B2", unit: "SYT" });
  const warning = makeIssue("warning", "evidence-missing", { sheet: "Sở Y tế", cell: "G11", node: "1.1", unit: "SYT" });

  test("scoring says \"Đã chấm điểm và xếp hạng 8 sở, ban, ngành\" / \"Scored and ranked 8 departments\", one department in the singular, in either language whichever the pane shows", () => {
    expect(scoreDoneNotice(8, 8, [], [], departments).message).toEqual({ vi: "Đã chấm điểm và xếp hạng 8 sở, ban, ngành.", en: "Scored and ranked 8 departments." });
    expect(scoreDoneNotice(1, 0, [], [], departments).message!.en).toBe("Scored 1 department, none ranked. The reason is under each department's name.");
    expect(scoreDoneNotice(2, 0, [], [{ name: "Nước A", coverage: 0.75, ranked: false, points: null }, { name: "Nước B", coverage: 0.5, ranked: false, points: null }], label("undp-hdi")).message).toEqual({
      vi: "Đã chấm điểm 2 quốc gia; không quốc gia nào được xếp hạng. Lý do ghi dưới tên từng quốc gia.",
      en: "Scored 2 countries, none ranked. The reason is under each country's name.",
    });
    expect(scoreDoneNotice(63, 63, [], [], label("dti-tinh-922-2022")).message).toEqual({ vi: "Đã chấm điểm và xếp hạng 63 tỉnh.", en: "Scored and ranked 63 provinces." });
    expect(scoreDoneNotice(206, 193, [], [], label("undp-hdi")).message).toEqual({ vi: "Đã chấm điểm 206 quốc gia, trong đó 193 được xếp hạng.", en: "Scored 206 countries (193 ranked)." });
  });

  test("the Check step's summary names them so too; an index that says nothing of its units counts \"đơn vị\" / \"units\"", () => {
    const said = (lang: "vi" | "en", n: number, unitLabel?: { vi: string; en: string }) => {
      const summary = checkSummary([warning], { error: 0, warning: 1, info: 0 }, n, lang, unitLabel);
      return t(lang, summary.key, summary.params);
    };
    expect(said("vi", 8, departments)).toBe("Đã kiểm tra 8 sở, ban, ngành: 1 cảnh báo");
    expect(said("en", 8, departments)).toBe("8 departments checked: 1 warning");
    expect(said("en", 1, departments)).toBe("1 department checked: 1 warning");
    expect(said("vi", 20, label("dti-huyen-mau"))).toBe("Đã kiểm tra 20 huyện, thị xã, thành phố: 1 cảnh báo");
    expect(said("vi", 8)).toBe("Đã kiểm tra 8 đơn vị: 1 cảnh báo");
    expect(said("en", 8)).toBe("8 units checked: 1 warning");
    // With a form left out, the units counted are still called so.
    const left = checkSummary([dup, warning], { error: 1, warning: 1, info: 0 }, 3, "vi", departments);
    expect(t("vi", left.key, left.params)).toBe("Đã kiểm tra 3 sở, ban, ngành và 1 phiếu chưa được chấm: 1 lỗi và 1 cảnh báo");
  });

  test("the count is written as the pane writes numbers", () => {
    expect(unitsCountText(1234, "vi", departments)).toBe("1.234 sở, ban, ngành");
    expect(unitsCountText(1234, "en", departments)).toBe("1,234 departments");
  });
});

describe("\"Errors only\" with no error says what there is instead", () => {
  test("warnings only, notes only, both; nothing to say when there are errors or no findings", () => {
    expect(noErrorsText({ error: 0, warning: 3, info: 0 }, "vi")).toBe("Không có lỗi; chỉ có cảnh báo.");
    expect(noErrorsText({ error: 0, warning: 3, info: 0 }, "en")).toBe("No errors; only warnings.");
    expect(noErrorsText({ error: 0, warning: 0, info: 2 }, "vi")).toBe("Không có lỗi; chỉ có lưu ý.");
    expect(noErrorsText({ error: 0, warning: 1, info: 2 }, "en")).toBe("No errors; only warnings and info findings.");
    expect(noErrorsText({ error: 1, warning: 1, info: 0 }, "vi")).toBeUndefined();
    expect(noErrorsText({ error: 0, warning: 0, info: 0 }, "vi")).toBeUndefined();
  });
});
