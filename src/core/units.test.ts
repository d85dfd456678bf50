import { parseDefinition } from "./definition";
import { findBuiltin } from "../indices";
import { parseCsv } from "./read/csv";
import { categoryIgnoredMessage, rowsWiderThanHeader, unitsFromRows, unitsOfUnknownCategory, unitsWithIgnoredCategory, unitsWithSameCode } from "./units";

const parsed = parseDefinition(findBuiltin("dti-so-nganh-mau")!.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;

describe("the list of units forms are made for", () => {
  it("finds the columns by their names in either language, without regard to case or diacritics, and names a unit given by its code alone by the code", () => {
    const rows = [
      ["Ghi chú", "NHOM", "Ten don vi", "Mã đơn vị"],
      ["", "co-dvc", "Sở Y tế", "SYT"],
      ["x", "", "", "TRONG"],
      ["", "", "Sở Tư pháp", ""],
      ["y", "", "", ""],
    ];
    expect(unitsFromRows(rows)).toEqual([
      { code: "SYT", name: "Sở Y tế", category: "co-dvc", line: 2 },
      { code: "TRONG", name: "TRONG", line: 3, unnamed: true },
      { code: "", name: "Sở Tư pháp", line: 4 },
    ]);
    expect(unitsFromRows([["Unit code", "Unit"], ["A", "Dept A"]])).toEqual([{ code: "A", name: "Dept A", line: 2 }]);
  });

  it("reads a 'Loại đơn vị' or 'Unit category' column as the category, as the reader does", () => {
    expect(unitsFromRows([["Mã đơn vị", "Đơn vị", "Loại đơn vị"], ["SYT", "Sở Y tế", "co-dvc"]])).toEqual([
      { code: "SYT", name: "Sở Y tế", category: "co-dvc", line: 2 },
    ]);
    expect(unitsFromRows([["Unit code", "Unit name", "Unit category"], ["A", "Dept A", "khong-dvc"]])).toEqual([
      { code: "A", name: "Dept A", category: "khong-dvc", line: 2 },
    ]);
  });

  it("has no units without a name column", () => {
    expect(unitsFromRows([["Mã đơn vị", "Nhóm"], ["SYT", "co-dvc"]])).toBeUndefined();
  });

  it("names the units whose category the index does not have, matching ids and names loosely", () => {
    const units = [
      { name: "a", category: "co-dvc" },
      { name: "b", category: "SỞ, BAN, NGÀNH CÓ DỊCH VỤ CÔNG" },
      { name: "c", category: "nhom-khong-co" },
      { name: "d" },
    ];
    expect(unitsOfUnknownCategory(model, units).map((u) => u.name)).toEqual(["c"]);
  });

  it("names the units whose category an index without categories ignores, and says so in both languages", () => {
    const province = parseDefinition(findBuiltin("dti-tinh-922-2022")!.definition);
    if (!province.ok) throw new Error("the provincial index does not parse");
    const units = [{ name: "a", category: "co-dvc" }, { name: "b", category: " " }, { name: "c" }];
    expect(unitsWithIgnoredCategory(province.model, units).map((u) => u.name)).toEqual(["a"]);
    // An index with categories reads them: none is ignored (an unknown one is refused instead).
    expect(unitsWithIgnoredCategory(model, units)).toEqual([]);
    expect(categoryIgnoredMessage({ vi: "dv.csv", en: "dv.csv" })).toEqual({
      vi: "Bộ chỉ số không chia loại đơn vị nên cột loại đơn vị (Nhóm) của dv.csv được bỏ qua.",
      en: "The index has no unit categories, so the unit category column of dv.csv is ignored.",
    });
  });

  it("drops the invisible characters pasted from Word or a PDF from codes and names", () => {
    expect(unitsFromRows([["Mã đơn vị", "Đơn vị"], ["SXD\u200b", "\ufeffSở Xây dựng\u2060"]])).toEqual([{ code: "SXD", name: "Sở Xây dựng", line: 2 }]);
  });

  it("finds the units whose forms could not all be scored: the same code, or the same name without a code", () => {
    const units = [
      { code: "SXD", name: "Sở Xây dựng" },
      { code: "STP", name: "Sở Tư pháp" },
      { code: " SXD\u200b", name: "Sở Xây dựng 2" },
      { code: "", name: "Sở Y tế" },
      { code: "", name: "Sở Y tế" },
      { code: "sxd", name: "Sở khác" },
    ];
    expect(unitsWithSameCode(units)).toEqual([
      { code: "SXD", units: [units[0], units[2]] },
      { code: "Sở Y tế", units: [units[3], units[4]] },
    ]);
    expect(unitsWithSameCode(units.slice(0, 2))).toEqual([]);
  });
});

describe("lines of a units table wider than its header", () => {
  it("names each line with more fields than the header (a name with the delimiter, not quoted), blank padding aside", () => {
    const { rows } = parseCsv('Mã đơn vị,Đơn vị,Nhóm\nSNV,Sở Nội vụ,"Sở, ban, ngành có dịch vụ công"\nSTP,Sở Tư pháp,Sở, ban, ngành có dịch vụ công\nSYT,Sở Y tế,co-dvc,,\n');
    expect(rowsWiderThanHeader(rows)).toEqual([{ line: 3, fields: 5, header: 3 }]);
    expect(rowsWiderThanHeader([["Mã đơn vị", "Đơn vị", ""], ["A", "B"]])).toEqual([]);
  });
});
