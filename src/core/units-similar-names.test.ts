/**
 * Units of a list whose names differ only in letter case ("Sở Y tế", "Sở Y Tế"): two units to the
 * reader, each with its form, and said so, naming every line. One name under two codes is not said:
 * communes of two districts are often named alike ("Xã Tân Lập").
 */
import { similarNamesMessage, unitsWithSameCode, unitsWithSimilarNames } from "./units";

const at = (line: number, code: string, name: string) => ({ line, code, name });

describe("units whose names are alike but for letter case", () => {
  test("are grouped, Vietnamese letters folded the Vietnamese way, in the order the name first appears", () => {
    const units = [at(2, "SYT", "Sở Y tế"), at(3, "STC", "Sở Tài chính"), at(4, "SYT2", "Sở Y Tế"), at(5, "", "SỞ Y TẾ"), at(6, "", "sở  tài chính")];
    expect(unitsWithSimilarNames(units)).toEqual([[units[0], units[2], units[3]], [units[1], units[4]]]);
    // Still two units each: no code is shared, so nothing is refused.
    expect(unitsWithSameCode(units)).toEqual([]);
  });

  test("one name under two codes is not said, nor spaces that differ; a unit given twice (one key) is unitsWithSameCode's, not this", () => {
    const twoCodes = [at(2, "HY-TL", "Xã Tân Lập"), at(3, "SD-TL", "Xã  Tân Lập "), at(4, "SYT", "Sở Y tế"), at(5, "SYT2", "Sở Y tế")];
    expect(unitsWithSimilarNames(twoCodes)).toEqual([]);
    // A third unit spelt otherwise: the group holds every unit of the name, as each is spelt otherwise than one of them.
    const third = [...twoCodes, at(6, "X", "Xã tân lập")];
    expect(unitsWithSimilarNames(third)).toEqual([[third[0], third[1], third[4]]]);
    const sameKey = [at(2, "", "Sở Y tế"), at(3, "", "Sở Y tế")];
    expect(unitsWithSimilarNames(sameKey)).toEqual([]);
    expect(unitsWithSameCode(sameKey)).toHaveLength(1);
    expect(unitsWithSimilarNames([at(2, "A", "Sở Y tế"), at(3, "B", "Sở Y tế Hà Nội")])).toEqual([]);
  });

  test("the sentence names each line with its name and code, in both languages", () => {
    const m = similarNamesMessage([at(2, "SYT", "Sở Y tế"), at(4, "", "SỞ Y TẾ")], "dv.csv");
    expect(m).toEqual({
      vi: 'dv.csv, dòng 2 ("Sở Y tế", mã SYT) và dòng 4 ("SỞ Y TẾ", không có mã): tên đơn vị chỉ khác nhau ở chữ hoa, chữ thường. Đây là các đơn vị riêng, mỗi đơn vị một phiếu, được chấm và xếp hạng riêng; nếu là cùng một đơn vị, hãy bỏ dòng thừa, nếu không, hãy đặt tên dễ phân biệt hơn.',
      en: 'dv.csv, line 2 ("Sở Y tế", code SYT) and line 4 ("SỞ Y TẾ", no code): unit names that differ only in letter case. They are separate units, each with its own form, scored and ranked apart; if they are one unit, delete the extra line, otherwise give them names that tell them apart.',
    });
    const three = similarNamesMessage([at(2, "SYT", "Sở Y tế"), at(3, "SYT2", "Sở Y tế"), at(5, "SYT3", "Sở Y Tế")]);
    expect(three.vi).toMatch(/^Dòng 2 \("Sở Y tế", mã SYT\), dòng 3 \("Sở Y tế", mã SYT2\) và dòng 5 \("Sở Y Tế", mã SYT3\): tên đơn vị chỉ khác nhau ở chữ hoa, chữ thường\. /);
    expect(three.en).toMatch(/^Line 2 .* and line 5 \("Sở Y Tế", code SYT3\): unit names that differ only in letter case\. /);
  });
});
