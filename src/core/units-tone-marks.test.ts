/**
 * Units of a list whose names differ in where a tone mark sits, the old placement and the new
 * ("Sở Văn hóa…" and "Sở Văn hoá…", "Thủy Nguyên" and "Thuỷ Nguyên"): two units to the reader, as
 * names alike but for letter case are, and said so by the template's list and the pane alike.
 */
import { similarNamesMessage, unitsWithSameCode, unitsWithSimilarNames } from "./units";

const at = (line: number, code: string, name: string) => ({ line, code, name });

describe("units whose names differ in where a tone mark sits", () => {
  test("are grouped and said, naming what differs; they stay two units", () => {
    const units = [at(2, "", "Sở Văn hóa, Thể thao và Du lịch"), at(3, "SYT", "Sở Y tế"), at(4, "", "Sở Văn hoá, Thể thao và Du lịch")];
    expect(unitsWithSimilarNames(units)).toEqual([[units[0], units[2]]]);
    expect(unitsWithSameCode(units)).toEqual([]);
    expect(similarNamesMessage([units[0]!, units[2]!], "dv.csv")).toEqual({
      vi: 'dv.csv, dòng 2 ("Sở Văn hóa, Thể thao và Du lịch", không có mã) và dòng 4 ("Sở Văn hoá, Thể thao và Du lịch", không có mã): tên đơn vị chỉ khác nhau ở vị trí dấu thanh (như "hoá" và "hóa", "thuỷ" và "thủy"). Đây là các đơn vị riêng, mỗi đơn vị một phiếu, được chấm và xếp hạng riêng; nếu là cùng một đơn vị, hãy bỏ dòng thừa, nếu không, hãy đặt tên dễ phân biệt hơn.',
      en: 'dv.csv, line 2 ("Sở Văn hóa, Thể thao và Du lịch", no code) and line 4 ("Sở Văn hoá, Thể thao và Du lịch", no code): unit names that differ only in where the tone marks sit (as in "hoá" and "hóa", "thuỷ" and "thủy"). They are separate units, each with its own form, scored and ranked apart; if they are one unit, delete the extra line, otherwise give them names that tell them apart.',
    });
  });

  test("every pair of placements is alike: ủy/uỷ, thủy/thuỷ, òa/oà, òe/oè, úy/uý", () => {
    for (const [a, b] of [["Ủy ban nhân dân", "Uỷ ban nhân dân"], ["Thủy Nguyên", "Thuỷ Nguyên"], ["Hòa Bình", "Hoà Bình"], ["Xã Hòe Nhai", "Xã Hoè Nhai"], ["Đội Thúy", "Đội Thuý"]]) {
      expect(unitsWithSimilarNames([at(2, "A", a!), at(3, "B", b!)])).toHaveLength(1);
    }
    // Another tone is another name.
    expect(unitsWithSimilarNames([at(2, "A", "Xã Hòa Bình"), at(3, "B", "Xã Hóa Bình")])).toEqual([]);
  });

  test("case and placement both are said as both; the Latin eth is the same name, not a name spelt otherwise", () => {
    const m = similarNamesMessage([at(2, "A", "Sở Văn hóa"), at(3, "B", "SỞ VĂN HOÁ")]);
    expect(m.vi).toContain("tên đơn vị chỉ khác nhau ở chữ hoa, chữ thường và vị trí dấu thanh");
    // "Ðài PTTH" (Latin eth) is "Đài PTTH": without codes, one unit given twice.
    expect(unitsWithSameCode([at(2, "", "Đài PTTH"), at(3, "", "Ðài PTTH")])).toHaveLength(1);
  });
});
