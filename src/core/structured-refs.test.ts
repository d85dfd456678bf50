/**
 * Structured references to the results table's columns follow the columns a run renames (the
 * results scored in Vietnamese scored again in English, and back), as Excel follows a header it
 * sees renamed; a reference to a column the run no longer writes is left and said.
 */
import { goneColumnsMessage, renameTableColumnsInFormula, tableColumnRenames } from "./structured-refs";

const VI = ["Hạng", "Mã đơn vị", "Đơn vị", "Loại đơn vị", "Nhận thức số (giá trị)", "Nhận thức số (điểm)", "Hạ tầng số (giá trị)", "Hạ tầng số (điểm)", "Tổng điểm", "Giá trị", "Tỷ lệ chỉ tiêu có số liệu", "Số lỗi", "Số cảnh báo", "Ghi chú"];
const EN = ["Rank", "Unit code", "Unit", "Unit category", "Digital awareness (value)", "Digital awareness (points)", "Digital infrastructure (value)", "Digital infrastructure (points)", "Total points", "Value", "Data coverage", "Errors", "Warnings", "Note"];

function rename(formula: string, before: string[], after: string[]) {
  return renameTableColumnsInFormula(formula, "DTI_Results", tableColumnRenames(before, after));
}

describe("tableColumnRenames", () => {
  test("Vietnamese to English and back: every column by what it holds, the groups by their order", () => {
    const toEn = tableColumnRenames(VI, EN);
    expect([...toEn.values()]).toEqual(VI.map((from, i) => ({ from, to: EN[i] })));
    const toVi = tableColumnRenames(EN, VI);
    expect([...toVi.values()]).toEqual(EN.map((from, i) => ({ from, to: VI[i] })));
  });

  test("a group taken out: its columns are gone, the others found by their role in the other language", () => {
    const en = EN.filter((h) => !h.startsWith("Digital infrastructure"));
    const renames = tableColumnRenames(VI, en);
    expect(renames.get("hạ tầng số (điểm)")).toEqual({ from: "Hạ tầng số (điểm)", to: null });
    expect(renames.get("tổng điểm")).toEqual({ from: "Tổng điểm", to: "Total points" });
    expect(renames.get("mã đơn vị")).toEqual({ from: "Mã đơn vị", to: "Unit code" });
    // Same language: the group left keeps its name (not listed), the one taken out is gone.
    const vi = VI.filter((h) => !h.startsWith("Nhận thức số"));
    expect([...tableColumnRenames(VI, vi).values()]).toEqual([
      { from: "Nhận thức số (giá trị)", to: null },
      { from: "Nhận thức số (điểm)", to: null },
    ]);
  });

  test("the same headers: nothing to rename", () => {
    expect(tableColumnRenames(VI, VI).size).toBe(0);
  });
});

describe("renameTableColumnsInFormula", () => {
  test("every form of a reference to a renamed column, without case; other tables, text and other workbooks stay", () => {
    const cases: [string, string][] = [
      [`INDEX(DTI_Results[Tổng điểm],MATCH("SNV",DTI_Results[Mã đơn vị],0))`, `INDEX(DTI_Results[Total points],MATCH("SNV",DTI_Results[Unit code],0))`],
      ["DTI_Results[[#This Row],[Tổng điểm]]", "DTI_Results[[#This Row],[Total points]]"],
      ["DTI_Results[[#Headers],[Mã đơn vị]]", "DTI_Results[[#Headers],[Unit code]]"],
      ["SUM(DTI_Results[[Tổng điểm]:[Hạng]])", "SUM(DTI_Results[[Total points]:[Rank]])"],
      ["SUM(dti_results[TỔNG ĐIỂM])", "SUM(dti_results[Total points])"],
      ["DTI_Results[ [#Data], [Hạ tầng số (điểm)] ]", "DTI_Results[ [#Data], [Digital infrastructure (points)] ]"],
      ["DTI_Results[@[Tổng điểm]]+DTI_Results[@Hạng]", "DTI_Results[@[Total points]]+DTI_Results[@Rank]"],
      ["COUNTA(DTI_Results[#All])+ROWS(DTI_Results[])", "COUNTA(DTI_Results[#All])+ROWS(DTI_Results[])"],
      [`"DTI_Results[Tổng điểm]"&Other[Tổng điểm]&MY_DTI_Results[Tổng điểm]`, `"DTI_Results[Tổng điểm]"&Other[Tổng điểm]&MY_DTI_Results[Tổng điểm]`],
      ["[1]!DTI_Results[Tổng điểm]+'Báo cáo.xlsx'!DTI_Results[Tổng điểm]", "[1]!DTI_Results[Tổng điểm]+'Báo cáo.xlsx'!DTI_Results[Tổng điểm]"],
      ["SUM(DTI_Results[Không có])", "SUM(DTI_Results[Không có])"],
    ];
    for (const [formula, expected] of cases) expect(rename(formula, VI, EN)).toEqual({ text: expected, gone: [] });
  });

  test("names with Excel's special characters: escaped with ', in brackets of their own where needed", () => {
    const before = ["Điểm [tổng]", "Số #", "Của 'tôi'", "Mã"];
    const after = ["Total [all]", "No. #", "Mine's", "Code: A"];
    const renames = new Map(before.map((from, i) => [from.toLowerCase(), { from, to: after[i]! }]));
    const f = (s: string) => renameTableColumnsInFormula(s, "DTI_Results", renames).text;
    expect(f("DTI_Results[Điểm '[tổng']]")).toBe("DTI_Results[[Total '[all']]]");
    expect(f("DTI_Results[[#This Row],[Số '#]]")).toBe("DTI_Results[[#This Row],[No. '#]]");
    expect(f("DTI_Results[[Của ''tôi'']:[Mã]]")).toBe("DTI_Results[[Mine''s]:[Code: A]]");
    expect(f("DTI_Results[Mã]")).toBe("DTI_Results[[Code: A]]");
  });

  test("a column the table no longer has: left as it is, and named", () => {
    const en = EN.filter((h) => !h.startsWith("Digital infrastructure"));
    const out = rename("DTI_Results[Hạ tầng số (điểm)]+DTI_Results[[#This Row],[Tổng điểm]]+SUM(DTI_Results[Hạ tầng số (điểm)])", VI, en);
    expect(out).toEqual({ text: "DTI_Results[Hạ tầng số (điểm)]+DTI_Results[[#This Row],[Total points]]+SUM(DTI_Results[Hạ tầng số (điểm)])", gone: ["Hạ tầng số (điểm)"] });
  });
});

describe("goneColumnsMessage", () => {
  test("names the sheet, the cells and the columns, in Vietnamese and English", () => {
    expect(goneColumnsMessage("DTI_Results", { sheet: "Tổng hợp", cells: ["B7"] }, ["Hạ tầng số (điểm)"])).toEqual({
      sheet: "Tổng hợp",
      vi: "Trang 'Tổng hợp', ô B7: công thức dùng cột 'Hạ tầng số (điểm)' của bảng DTI_Results, nay kết quả không còn cột này; công thức được để nguyên và sẽ báo lỗi (#REF! trong Excel) cho đến khi bạn sửa lại.",
      en: "Sheet 'Tổng hợp', cell B7: the formula uses column 'Hạ tầng số (điểm)' of the table DTI_Results, which the results no longer have; it is left as it is and shows an error (#REF! in Excel) until you change it.",
    });
    expect(goneColumnsMessage("DTI_Results", { sheet: "S", cells: ["A1", "A2"] }, ["X", "Y"]).en).toBe(
      "Sheet 'S', 2 cells A1, A2: the formulas use columns 'X', 'Y' of the table DTI_Results, which the results no longer have; they are left as they are and show an error (#REF! in Excel) until you change them.",
    );
  });
});
