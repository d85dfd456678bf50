/**
 * A unit with no category, inputs read by a rule among several inputs, and how the reader names
 * an input, read through `readSubmissions` and scored through `scoreUnits` as a user runs them.
 */
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import { scoreUnits } from "../score";
import type { SheetSnapshot } from "../types";
import { csvToSnapshot } from "./csv";
import { readSubmissions } from "./index";

function modelOf(definition: Record<string, unknown>): IndexModel {
  const r = parseDefinition({ format: "index-definition/1", id: "m", version: "1", name: "M", ...definition });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message.en}`).join("\n"));
  return r.model;
}

describe("a unit with no category when the definition has categories", () => {
  const model = modelOf({
    categories: [
      { id: "co-dvc", name: "Có dịch vụ công" },
      { id: "khong", name: "Không có dịch vụ công" },
    ],
    root: {
      code: "R",
      name: "Tổng",
      children: [
        { code: "p", name: "P", max: 10, rule: { kind: "points" } },
        { code: "f", name: "F", max: 10, rule: { kind: "points" }, appliesTo: ["co-dvc"] },
      ],
    },
  });

  test("a blank category cell of a units table is a missing-category warning at that cell, in both languages", () => {
    const result = readSubmissions(model, csvToSnapshot("Mã đơn vị,Đơn vị,Nhóm,p,f\nU1,Sở Một,co-dvc,5,5\nU2,Sở Hai,,5,5\n", "n"));
    expect(result.issues).toEqual([expect.objectContaining({ code: "missing-category", severity: "warning", sheet: "n", cell: "C3", unit: "U2" })]);
    // The categories by the names users type, in the sentence's language; never their ids.
    expect(result.issues[0]!.message.vi).toBe(
      'Tệp n, dòng 3, cột C: chưa ghi loại đơn vị (hãy ghi một trong: "Có dịch vụ công", "Không có dịch vụ công"); đơn vị được chấm như không thuộc loại đơn vị nào: không được tính các chỉ tiêu chỉ áp dụng cho một số loại đơn vị.',
    );
    expect(result.issues[0]!.message.en).toBe(
      'File n, row 3, column C: no unit category is given (write one of: "Có dịch vụ công", "Không có dịch vụ công"); the unit is scored as belonging to no unit category: indicators that apply only to some categories are left out.',
    );
    // What the warning is about: the unit's "f" is not scored.
    const table = scoreUnits(model, result.submissions);
    expect(table.units[1]!.nodes["f"]).toMatchObject({ available: false, reason: "not-applicable" });
  });

  test("a category the index does not have is named, with the names to write in the sentence's language", () => {
    const named = modelOf({
      categories: [
        { id: "co-dvc", name: { vi: "Sở có dịch vụ công", en: "Departments with public services" } },
        { id: "khong", name: { vi: "Sở không có dịch vụ công", en: "Departments without public services" } },
      ],
      root: { code: "R", name: "Tổng", children: [{ code: "p", name: "P", max: 10, rule: { kind: "points" } }] },
    });
    const result = readSubmissions(named, csvToSnapshot("Mã đơn vị,Đơn vị,Nhóm,p\nSNV,Sở Nội vụ,Sở có DVC,5\n", "n"));
    expect(result.issues).toEqual([expect.objectContaining({ code: "unknown-category", severity: "warning", cell: "C2", unit: "SNV" })]);
    expect(result.issues[0]!.message.vi).toBe(
      'Tệp n, dòng 2, cột C: loại đơn vị "Sở có DVC" không có trong bộ chỉ số; hãy ghi một trong: "Sở có dịch vụ công", "Sở không có dịch vụ công". Đến khi sửa, bộ chỉ số không chấm điểm hay xếp hạng theo loại đơn vị nên điểm và thứ hạng không đổi.',
    );
    expect(result.issues[0]!.message.en).toBe(
      'File n, row 2, column C: the unit category "Sở có DVC" is not in the index; write one of: "Departments with public services", "Departments without public services". Until it is corrected, the index neither scores nor ranks by unit category, so no score or rank changes.',
    );
  });

  test("what a unit without a category misses is said of what the index decides by category, and nothing else", () => {
    const byCategory = modelOf({
      categories: [
        { id: "co-dvc", name: "Có dịch vụ công" },
        { id: "khong", name: "Không có dịch vụ công" },
      ],
      ranking: { within: "category", exclude: ["khong"] },
      root: {
        code: "R",
        name: "Tổng",
        children: [
          { code: "p", name: "P", max: 10, rule: { kind: "relative", across: "category" } },
          { code: "f", name: "F", max: 10, rule: { kind: "points" }, appliesTo: ["co-dvc"] },
        ],
      },
    });
    const result = readSubmissions(byCategory, csvToSnapshot("Mã đơn vị,Đơn vị,Nhóm,p,f\nU1,Sở Một,,5,5\n", "n"));
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([["missing-category", "warning"]]);
    expect(result.issues[0]!.message.vi).toBe(
      'Tệp n, dòng 2, cột C: chưa ghi loại đơn vị (hãy ghi một trong: "Có dịch vụ công", "Không có dịch vụ công"); đơn vị được chấm như không thuộc loại đơn vị nào: không được tính các chỉ tiêu chỉ áp dụng cho một số loại đơn vị, vẫn được xếp hạng dù đơn vị thuộc loại "Không có dịch vụ công" không được xếp hạng, không có thứ hạng trong loại, và ở các chỉ tiêu so sánh trong từng loại thì được so với mọi đơn vị.',
    );
    expect(result.issues[0]!.message.en).toBe(
      'File n, row 2, column C: no unit category is given (write one of: "Có dịch vụ công", "Không có dịch vụ công"); the unit is scored as belonging to no unit category: indicators that apply only to some categories are left out, it is ranked, though units of the category "Không có dịch vụ công" are not, it gets no rank within a category, and on indicators compared within a category it is compared with all units.',
    );
    // An index that decides nothing by category: the blank is information, and says so.
    const nothing = modelOf({
      categories: [{ id: "co-dvc", name: "Có dịch vụ công" }],
      root: { code: "R", name: "Tổng", children: [{ code: "p", name: "P", max: 10, rule: { kind: "points" } }] },
    });
    const blank = readSubmissions(nothing, csvToSnapshot("Mã đơn vị,Đơn vị,Nhóm,p\nU1,Sở Một,,5\n", "n"));
    expect(blank.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([["missing-category", "info", "C2"]]);
    expect(blank.issues[0]!.message.en).toBe(
      'File n, row 2, column C: no unit category is given (write one of: "Có dịch vụ công"); the index neither scores nor ranks by unit category, so no score or rank changes.',
    );
  });

  test("a table with no category column is said once, of the table, not on every row", () => {
    const result = readSubmissions(model, csvToSnapshot("Mã đơn vị,Đơn vị,p,f\nU1,Sở Một,5,5\nU2,Sở Hai,5,5\nU3,Sở Ba,5,5\n", "n"));
    expect(result.issues.map((i) => [i.code, i.severity, i.sheet, i.unit])).toEqual([["missing-category", "warning", "n", undefined]]);
    expect(result.issues[0]!.message.vi).toBe(
      'Tệp n, dòng 1: bảng không có cột Nhóm (loại đơn vị: "Có dịch vụ công", "Không có dịch vụ công"); mọi đơn vị của bảng được chấm như không thuộc loại đơn vị nào: không được tính các chỉ tiêu chỉ áp dụng cho một số loại đơn vị.',
    );
    expect(result.issues[0]!.message.en).toBe(
      'File n, row 1: the table has no Category column (unit categories: "Có dịch vụ công", "Không có dịch vụ công"); every unit of the table is scored as belonging to no unit category: indicators that apply only to some categories are left out.',
    );
    // In a sheet, at the header's unit-name cell, where a host goes to.
    const sheet = readSubmissions(model, { sheets: [{ name: "Bảng", values: [["Mã đơn vị", "Đơn vị", "p", "f"], ["U1", "Sở Một", 5, 5]] }] });
    expect(sheet.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual([["missing-category", "Bảng", "B1"]]);
    expect(sheet.issues[0]!.message.vi).toMatch(/^Trang tính 'Bảng', dòng 1: bảng không có cột Nhóm/);
  });

  test("a form whose Nhóm is left blank is warned at the Nhóm cell", () => {
    const sheet: SheetSnapshot = {
      name: "Sở Một",
      values: [
        ["Đơn vị", "Sở Một"],
        ["Mã đơn vị", "U1"],
        ["Nhóm", null],
        ["Bộ chỉ số", "m@1"],
        [],
        ["Mã", "Nội dung", "Số liệu"],
        ["p", "P", 5],
        ["f", "F", 5],
      ],
    };
    const result = readSubmissions(model, { sheets: [sheet] });
    expect(result.issues).toEqual([expect.objectContaining({ code: "missing-category", sheet: "Sở Một", cell: "B3", unit: "U1" })]);
  });

  test("a definition without categories says nothing about them", () => {
    const plain = modelOf({ root: { code: "R", name: "Tổng", children: [{ code: "p", name: "P", max: 10, rule: { kind: "points" } }] } });
    expect(readSubmissions(plain, csvToSnapshot("Mã đơn vị,Đơn vị,p\nU1,Sở Một,5\n", "n")).issues).toEqual([]);
  });

  test("a category written for a definition without categories is ignored: a table's column silently, a form's cell with a note, never a list of nothing to choose from", () => {
    const plain = modelOf({ root: { code: "R", name: "Tổng", children: [{ code: "p", name: "P", max: 10, rule: { kind: "points" } }] } });
    expect(readSubmissions(plain, csvToSnapshot("Mã đơn vị,Đơn vị,Nhóm,p\nU1,Sở Một,Sở có DVC,5\n", "n")).issues).toEqual([]);
    const sheet: SheetSnapshot = {
      name: "Sở Một",
      values: [["Đơn vị", "Sở Một"], ["Mã đơn vị", "U1"], ["Nhóm", "Sở có DVC"], ["Bộ chỉ số", "m@1"], [], ["Mã", "Nội dung", "Số liệu"], ["p", "P", 5]],
    };
    const result = readSubmissions(plain, { sheets: [sheet] });
    expect(result.issues).toEqual([expect.objectContaining({ code: "unknown-category", severity: "info", sheet: "Sở Một", cell: "B3", unit: "U1" })]);
    expect(result.issues[0]!.message.vi).toBe(
      "Trang tính 'Sở Một', ô B3: bộ chỉ số không chia đơn vị theo loại nên loại đơn vị \"Sở có DVC\" được bỏ qua; điểm và thứ hạng không phụ thuộc vào ô này.",
    );
    expect(result.issues[0]!.message.en).toBe(
      "Sheet 'Sở Một', cell B3: the index has no unit categories, so the category \"Sở có DVC\" is ignored; scores and ranks do not depend on this cell.",
    );
    expect(scoreUnits(plain, result.submissions).units[0]!.nodes["R"]!.points).toBe(5);
  });
});

describe("the input a rule reads among several inputs", () => {
  // An indicator may collect a figure beside the one its rule scores; the rule names it with "input".
  const model = modelOf({
    root: {
      code: "R",
      name: "Tổng",
      children: [
        {
          code: "a",
          name: "A",
          max: 10,
          inputs: [{ code: "a.1", name: "Vai trò" }, { code: "a.2", name: "Ghi chú số" }],
          rule: { kind: "choice", input: "a.1", options: [{ value: "Chủ tịch", fraction: 1 }, { value: "Phó chủ tịch", fraction: 0.5 }] },
        },
        { code: "b", name: "B", max: 10, inputs: [{ code: "b.1" }, { code: "b.2" }], rule: { kind: "boolean", input: "b.1" } },
        { code: "c", name: "C", max: 10, inputs: [{ code: "c.1" }, { code: "c.2" }], rule: { kind: "fraction", input: "c.1" } },
      ],
    },
  });
  const csv = "Mã đơn vị,Đơn vị,a.1,a.2,b.1,b.2,c.1,c.2\nU1,Sở Một,Chủ tịch,1,có,2,85%,1\nU2,Sở Hai,phó chủ tịch,1,không,2,0.5,1\n";

  test("is read with the rule's type: a choice, a yes/no answer, a percentage, and scored", () => {
    const result = readSubmissions(model, csvToSnapshot(csv, "m"));
    expect(result.issues).toEqual([]);
    expect(result.submissions.map((s) => s.values)).toEqual([
      { "a.1": "Chủ tịch", "a.2": 1, "b.1": true, "b.2": 2, "c.1": 0.85, "c.2": 1 },
      { "a.1": "Phó chủ tịch", "a.2": 1, "b.1": false, "b.2": 2, "c.1": 0.5, "c.2": 1 },
    ]);
    const table = scoreUnits(model, result.submissions);
    expect(table.units.map((u) => u.points)).toEqual([28.5, 10]);
    expect(table.units.map((u) => u.coverage)).toEqual([1, 1]);
  });

  test("an input with its own code is named as an input of its indicator, an implicit input as the indicator", () => {
    const bad = "Mã đơn vị,Đơn vị,a.1,a.2,b.1,b.2,c.1,c.2\nU1,Sở Một,Chủ tịch,nhiều,có,2,85%,1\n";
    const result = readSubmissions(model, csvToSnapshot(bad, "m"));
    expect(result.issues).toEqual([expect.objectContaining({ code: "not-a-number", cell: "D2", node: "a.2" })]);
    expect(result.issues[0]!.message.vi).toBe("Tệp m, dòng 2, cột D: \"nhiều\" không phải là số (số liệu a.2 của chỉ tiêu a).");
    expect(result.issues[0]!.message.en).toBe("File m, row 2, column D: \"nhiều\" is not a number (input a.2 of indicator a).");

    const missing = readSubmissions(model, csvToSnapshot("Mã đơn vị,Đơn vị,a.1,a.2,b.1,b.2,c.1,c.2\nU1,Sở Một,Chủ tịch,1,,2,85%,1\n", "m"));
    expect(missing.issues[0]!.message.vi).toBe("Tệp m, dòng 2, cột E: chưa có số liệu b.1 của chỉ tiêu b; chỉ tiêu này được tính 0 điểm.");
    expect(missing.issues[0]!.message.en).toBe("File m, row 2, column E: no value for input b.1 of indicator b; the indicator scores 0.");

    const single = modelOf({ root: { code: "R", name: "Tổng", children: [{ code: "p", name: "P", max: 10, rule: { kind: "points" } }] } });
    const plain = readSubmissions(single, csvToSnapshot("Mã đơn vị,Đơn vị,p\nU1,Sở Một,nhiều\n", "n"));
    expect(plain.issues[0]!.message.en).toBe("File n, row 2, column C: \"nhiều\" is not a number (indicator p).");
  });
});
