import { M, T, severityCounts } from "./messages";

describe("the command line's count phrases", () => {
  test("English says one thing in the singular, several in the plural; Vietnamese has no plural", () => {
    expect(M.templateDone(1, "p.xlsx").en).toBe("Made 1 self-assessment form in p.xlsx.");
    expect(M.templateDone(3, "p.xlsx").en).toBe("Made 3 self-assessment forms in p.xlsx.");
    expect(M.scoredSummary(1, 1).en).toBe("Scored and ranked 1 unit.");
    expect(M.scoredSummary(4, 3, { forms: 1 }).en).toBe("Scored 4 units, ranked 3. 1 form was not scored: see the errors below.");
    expect(M.scoredSummary(4, 3, { rows: 2 }).en).toBe("Scored 4 units, ranked 3. 2 rows were not scored: see the errors below.");
    // Forms and rows of a table, each called what it is.
    expect(M.scoredSummary(4, 3, { forms: 1, rows: 1 })).toEqual({
      vi: "Đã chấm điểm 4 đơn vị, trong đó 3 được xếp hạng. 1 phiếu và 1 dòng chưa được chấm: xem các lỗi bên dưới.",
      en: "Scored 4 units, ranked 3. 1 form and 1 row were not scored: see the errors below.",
    });
    expect(M.collected(1, "all.xlsx").en).toBe("Collected 1 form into all.xlsx.");
    expect(M.collected(2, "all.xlsx").en).toBe("Collected 2 forms into all.xlsx.");
    expect(M.skippedHead(1).en).toBe("Left out 1 sheet or file:");
    expect(M.skippedHead(2).en).toBe("Left out 2 sheets or files:");
    expect(M.noFileReadable(1).en).toBe("The file to collect could not be read (not an .xlsx workbook).");
    expect(M.noFileReadable(2).en).toBe("None of the 2 files to collect could be read (not .xlsx workbooks).");
    expect(M.templateDone(1, "p.xlsx").vi).toBe("Đã tạo 1 phiếu tự đánh giá trong p.xlsx.");
  });

  test("the units scored are counted as the index calls them, as the results sheet's subtitle counts them", () => {
    expect(M.scoredSummary(5, 5, {}, { vi: "Tỉnh", en: "Province" })).toEqual({ vi: "Đã chấm điểm và xếp hạng 5 tỉnh.", en: "Scored and ranked 5 provinces." });
    expect(M.scoredSummary(1, 1, {}, { vi: "Sở, ban, ngành", en: "Department" })).toEqual({ vi: "Đã chấm điểm và xếp hạng 1 sở, ban, ngành.", en: "Scored and ranked 1 department." });
    // None ranked: said so, not "0 ranked".
    expect(M.scoredSummary(2, 0, { forms: 1 }, { vi: "Quốc gia", en: "Country" })).toEqual({
      vi: "Đã chấm điểm 2 quốc gia; không quốc gia nào được xếp hạng. 1 phiếu chưa được chấm: xem các lỗi bên dưới.",
      en: "Scored 2 countries, none ranked. 1 form was not scored: see the errors below.",
    });
  });

  test("English names the command and the file with \"the\"", () => {
    expect(M.needOneFile("score").en).toBe("The score command needs exactly one workbook (.xlsx) or table (.csv).");
    expect(M.fileMissing("nofile.xlsx").en).toBe("The file nofile.xlsx does not exist.");
    expect(M.xlsxMisnamed("x.csv", ".csv").en).toBe("The file x.csv is an Excel workbook (.xlsx) whose name ends in .csv; rename it to end in .xlsx and run again.");
    expect(M.needFiles.en).toBe("The collect command needs at least one .xlsx file to collect.");
  });

  test("counts by severity leave out those of 0; the info severity is Lưu ý / Info, counted as info findings", () => {
    expect(severityCounts({ error: 0, warning: 1, info: 0 }, "vi")).toBe("1 cảnh báo");
    expect(severityCounts({ error: 2, warning: 0, info: 3 }, "vi")).toBe("2 lỗi, 3 lưu ý");
    expect(severityCounts({ error: 1, warning: 2, info: 1 }, "en")).toBe("1 error, 2 warnings, 1 info finding");
    expect(severityCounts({ info: 6 }, "en")).toBe("6 info findings");
    expect(severityCounts({}, "en")).toBe("");
    expect([T.severityOne.info.vi, T.severityOne.info.en]).toEqual(["Lưu ý", "Info"]);
  });

  test("the workbook is a sổ làm việc, never a sổ tính or bảng tính", () => {
    const texts = [M.needOneFile("score"), M.notXlsx("a.xlsx"), M.indexNotDefinition("a.xlsx", "workbook", "score"), M.tableNotForms("a.csv", ".csv"), M.unknownExtension("a.pdf", ".pdf"), M.unknownExtension("a.xlsb", ".xlsb"), M.outNotXlsx("score", "a.txt"), M.noFileReadable(2)];
    for (const m of texts) expect(m.vi).not.toMatch(/sổ tính|bảng tính/);
    expect(M.notXlsx("a.xlsx").vi).toContain("sổ làm việc Excel");
  });
});

describe("forms naming several indices, without --index", () => {
  it("says forms of another version of one index are read, and forms of another index left out", () => {
    const versions = M.formsOfSeveralIndices([
      { index: "dti-so-nganh-mau@mau-2023", forms: 19 },
      { index: "dti-so-nganh-mau@mau-2022", forms: 1 },
    ]);
    expect(versions.vi).toMatch(/; phiếu của phiên bản khác của bộ chỉ số được chọn được đọc theo mã dòng, mỗi phiếu kèm một cảnh báo\.$/);
    expect(versions.en).not.toContain("left out");
    const both = M.formsOfSeveralIndices([
      { index: "dti-so-nganh-mau@mau-2023", forms: 18 },
      { index: "dti-so-nganh-mau@mau-2022", forms: 1 },
      { index: "dti-huyen-mau@mau-2023", forms: 1 },
    ]);
    expect(both.en).toMatch(/read by their rows' codes, each with a warning; forms of another index are named and left out\.$/);
    const indices = M.formsOfSeveralIndices([
      { index: "dti-so-nganh-mau@mau-2023", forms: 19 },
      { index: "dti-huyen-mau@mau-2023", forms: 1 },
    ]);
    expect(indices.vi).toMatch(/; phiếu của bộ chỉ số khác sẽ được nêu và bỏ qua\.$/);
    expect(indices.vi).not.toContain("phiên bản khác");
  });
});
