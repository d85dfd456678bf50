/**
 * The Collect step's list of units where two names are alike but for letter case ("Sở Y tế",
 * "Sở Y Tế"): the forms are made, one for each, and the notice says so, as `template` does.
 */
import { parseDefinition } from "../../src/core/definition";
import { BUILTIN_INDICES } from "../../src/indices";
import { parseUnitList, unitListProblems, withUnitsWithoutCategory } from "../../src/taskpane/state/units";

function builtinModel(id: string) {
  const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === id)!.definition);
  if (!r.ok) throw new Error("the built-in index does not parse");
  return r.model;
}

describe("forms made for a list with names alike but for letter case", () => {
  const department = builtinModel("dti-so-nganh-mau");
  const made = { intent: "success" as const, key: "templatesMadeFile" as const, params: { count: 3 } };

  test("are not refused, and the notice turns to a warning naming both lines, spellings and codes", () => {
    const units = parseUnitList("SYT; Sở Y tế; co-dvc\nSTC; Sở Tài chính; co-dvc\nSYT2; Sở Y Tế; co-dvc", department);
    expect(unitListProblems(department, units)).toBeUndefined();
    const n = withUnitsWithoutCategory(made, department, units);
    expect(n.intent).toBe("warning");
    expect(n.key).toBe("templatesMadeFile");
    expect(n.details).toEqual([
      {
        vi: 'Dòng 1 ("Sở Y tế", mã SYT) và dòng 3 ("Sở Y Tế", mã SYT2): tên đơn vị chỉ khác nhau ở chữ hoa, chữ thường. Đây là các đơn vị riêng, mỗi đơn vị một phiếu, được chấm và xếp hạng riêng; nếu là cùng một đơn vị, hãy bỏ dòng thừa, nếu không, hãy đặt tên dễ phân biệt hơn.',
        en: 'Line 1 ("Sở Y tế", code SYT) and line 3 ("Sở Y Tế", code SYT2): unit names that differ only in letter case. They are separate units, each with its own form, scored and ranked apart; if they are one unit, delete the extra line, otherwise give them names that tell them apart.',
      },
    ]);
  });

  test("beside a unit whose category is blank, both are said; a list without such names says nothing more", () => {
    const units = parseUnitList("sở y tế; co-dvc\nSTC; Sở Tài chính\nSỞ Y TẾ; co-dvc", department);
    const n = withUnitsWithoutCategory(made, department, units);
    expect(n.details).toHaveLength(2);
    expect(n.details![0]!.vi).toMatch(/^Dòng 2 \(Sở Tài chính\): /);
    expect(n.details![1]!.vi).toMatch(/^Dòng 1 \("sở y tế", không có mã\) và dòng 3 \("SỞ Y TẾ", không có mã\): tên đơn vị chỉ khác nhau ở chữ hoa, chữ thường\./);
    const plain = parseUnitList("SYT; Sở Y tế; co-dvc\nSTC; Sở Tài chính; co-dvc", department);
    expect(withUnitsWithoutCategory(made, department, plain)).toEqual(made);
  });

  test("one name under two codes (communes of two districts) is not said: the notice stays a success", () => {
    const units = parseUnitList("HY-TL; Xã Tân Lập; co-dvc\nSD-TL; Xã Tân Lập; co-dvc", department);
    expect(unitListProblems(department, units)).toBeUndefined();
    expect(withUnitsWithoutCategory(made, department, units)).toEqual(made);
    // A third spelt otherwise is said, with every unit of the name.
    const third = parseUnitList("HY-TL; Xã Tân Lập; co-dvc\nSD-TL; Xã Tân Lập; co-dvc\nX; Xã tân lập; co-dvc", department);
    const n = withUnitsWithoutCategory(made, department, third);
    expect(n.intent).toBe("warning");
    expect(n.details!.map((d) => d.vi)).toEqual([
      'Dòng 1 ("Xã Tân Lập", mã HY-TL), dòng 2 ("Xã Tân Lập", mã SD-TL) và dòng 3 ("Xã tân lập", mã X): tên đơn vị chỉ khác nhau ở chữ hoa, chữ thường. Đây là các đơn vị riêng, mỗi đơn vị một phiếu, được chấm và xếp hạng riêng; nếu là cùng một đơn vị, hãy bỏ dòng thừa, nếu không, hãy đặt tên dễ phân biệt hơn.',
    ]);
  });
});
