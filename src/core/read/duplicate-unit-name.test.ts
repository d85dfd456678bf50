/**
 * "duplicate-unit-name": units scored apart (codes of their own, or no code and names that differ)
 * whose names differ only in letter case: a warning at the later one's name, naming both spellings
 * and where the first is. They stay two units. One name under two codes is not said: communes of
 * two districts are often named alike ("Xã Tân Lập"), and their codes tell them apart.
 */
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import { scoreUnits } from "../score";
import type { CellValue } from "../types";
import { csvToSnapshot } from "./csv";
import { readSubmissions } from "./read";

function model(): IndexModel {
  const parsed = parseDefinition({
    format: "index-definition/1",
    id: "thu",
    version: "1",
    name: "Thử",
    root: { code: "R", name: "R", children: [{ code: "1.1", name: "Có kế hoạch", max: 10, rule: { kind: "boolean" } }] },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

const table = (...rows: CellValue[][]) => ({ sheets: [{ name: "Tổng hợp", values: [["Mã đơn vị", "Đơn vị", "1.1"], ...rows] }] });

describe("two units whose names differ only in letter case", () => {
  test("are scored as two units, with a warning at the later name naming both spellings and the first one's place", () => {
    const read = readSubmissions(model(), table(["SYT", "Sở Y tế", "có"], ["SYT2", "Sở Y Tế", "có"], ["", "SỞ Y TẾ", "không"], ["STP", "Sở Tư pháp", "có"]));
    expect(read.submissions.map((s) => s.name)).toEqual(["Sở Y tế", "Sở Y Tế", "SỞ Y TẾ", "Sở Tư pháp"]);
    expect(scoreUnits(model(), read.submissions).units).toHaveLength(4);
    const found = read.issues.filter((i) => i.code === "duplicate-unit-name");
    expect(found.map((i) => [i.severity, i.sheet, i.cell, i.unit])).toEqual([
      ["warning", "Tổng hợp", "B3", "SYT2"],
      ["warning", "Tổng hợp", "B4", "SỞ Y TẾ"],
    ]);
    expect(found[0]!.message).toEqual({
      vi: "Trang tính 'Tổng hợp', ô B3: tên đơn vị \"Sở Y Tế\" (mã SYT2) chỉ khác \"Sở Y tế\" (mã SYT, ở 'Tổng hợp'!A2) ở chữ hoa, chữ thường; hai đơn vị được chấm và xếp hạng riêng. Nếu là cùng một đơn vị, hãy ghi cùng một tên và mã rồi xóa bản thừa; nếu không, hãy đặt tên dễ phân biệt hơn.",
      en: "Sheet 'Tổng hợp', cell B3: the unit name \"Sở Y Tế\" (code SYT2) differs from \"Sở Y tế\" (code SYT, at 'Tổng hợp'!A2) only in letter case; the two are scored and ranked as separate units. If they are one unit, give it one name and code and delete the extra copy; otherwise give them names that tell them apart.",
    });
    expect(found[1]!.message.vi).toContain('tên đơn vị "SỞ Y TẾ" (không có mã) chỉ khác "Sở Y tế" (mã SYT,');
  });

  test("one name under two codes is not said, as communes of two districts are named; a third spelt otherwise is, against the first, by its row in a CSV file", () => {
    const communes = "Mã đơn vị,Đơn vị,1.1\nHY-TL,Xã Tân Lập,có\nSD-TL,Xã  Tân Lập ,có\n";
    const same = readSubmissions(model(), csvToSnapshot(communes, "bang", "bang.csv"));
    expect(same.submissions.map((s) => s.code)).toEqual(["HY-TL", "SD-TL"]);
    expect(same.issues).toEqual([]);
    const read = readSubmissions(model(), csvToSnapshot(`${communes}X,Xã tân lập,có\n`, "bang", "bang.csv"));
    const found = read.issues.filter((i) => i.code === "duplicate-unit-name");
    expect(found.map((i) => i.message.vi)).toEqual([
      'Tệp bang.csv, dòng 4, cột B: tên đơn vị "Xã tân lập" (mã X) chỉ khác "Xã Tân Lập" (mã HY-TL, dòng 2) ở chữ hoa, chữ thường; hai đơn vị được chấm và xếp hạng riêng. Nếu là cùng một đơn vị, hãy ghi cùng một tên và mã rồi xóa bản thừa; nếu không, hãy đặt tên dễ phân biệt hơn.',
    ]);
    expect(found[0]!.message.en).toContain('the unit name "Xã tân lập" (code X) differs from "Xã Tân Lập" (code HY-TL, row 2) only in letter case');
  });

  test("a unit given twice is a duplicate-unit only, and names alike but for diacritics are not the same name", () => {
    const twice = readSubmissions(model(), table(["SYT", "Sở Y tế", "có"], ["SYT", "Sở Y Tế", "có"]));
    expect(twice.issues.map((i) => i.code)).toEqual(["duplicate-unit"]);
    const diacritics = readSubmissions(model(), table(["A", "Sở Y tế", "có"], ["B", "So Y te", "có"]));
    expect(diacritics.issues).toEqual([]);
  });
});
