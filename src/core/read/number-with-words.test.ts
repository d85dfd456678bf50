/**
 * A number typed with words ("4 ứng dụng", "khoảng 4") is no figure: the cell takes the number
 * alone. It stays a "not-a-number" error, as any text that is not a number (the reader reads no
 * figure out of words), and the sentence says what to write: the number alone, with certainty when
 * the words are the input's unit of measure or the start of it ("2 cuộc" for "cuộc họp").
 */
import type { CellValue, Issue } from "../types";
import { modelOf } from "../score/test-helpers";
import { readSubmissions } from "./read";

const model = modelOf({
  numberLocale: "vi",
  root: {
    code: "T",
    name: "Tổng",
    children: [
      {
        code: "6.2",
        name: "Ứng dụng dùng chung",
        max: 10,
        inputs: [{ code: "6.2", name: "Số ứng dụng", type: "integer", min: 0, unit: { vi: "ứng dụng", en: "applications" } }],
        rule: { kind: "count", pointsEach: 2 },
      },
      {
        code: "1.4",
        name: "Họp ban chỉ đạo",
        max: 10,
        inputs: [{ code: "1.4", name: "Số cuộc họp", type: "integer", min: 0, unit: { vi: "cuộc họp", en: "meetings" } }],
        rule: { kind: "target", target: 4 },
      },
      { code: "3.1", name: "Kinh phí", max: 10, inputs: [{ code: "3.1", type: "number", min: 0 }], rule: { kind: "target", target: 5 } },
    ],
  },
});

/** A table of units with one unit: its figures for 6.2, 1.4 and 3.1 in C2, D2 and E2. */
const read = (apps: CellValue, meetings: CellValue, money: CellValue = 5) =>
  readSubmissions(model, { sheets: [{ name: "Tổng hợp", values: [["Mã đơn vị", "Đơn vị", "6.2", "1.4", "3.1"], ["X01", "Xã An Bình", apps, meetings, money]] }] });
const errors = (issues: Issue[]) => issues.filter((i) => i.code === "not-a-number");

describe("a number typed with its unit of measure", () => {
  test("is an error that says the figure is counted in that unit and to write only the number", () => {
    const result = read("4 ứng dụng", "2 cuộc");
    expect(errors(result.issues).map((i) => [i.severity, i.cell, i.message.vi])).toEqual([
      ["error", "C2", `Trang tính 'Tổng hợp', ô C2: "4 ứng dụng" không phải là số (chỉ tiêu 6.2): số liệu này tính theo đơn vị "ứng dụng", hãy chỉ ghi số 4 (không kèm đơn vị tính).`],
      // The start of the unit ("cuộc" of "cuộc họp") is the unit too.
      ["error", "D2", `Trang tính 'Tổng hợp', ô D2: "2 cuộc" không phải là số (chỉ tiêu 1.4): số liệu này tính theo đơn vị "cuộc họp", hãy chỉ ghi số 2 (không kèm đơn vị tính).`],
    ]);
    expect(errors(result.issues)[0]!.message.en).toBe(
      `Sheet 'Tổng hợp', cell C2: "4 ứng dụng" is not a number (indicator 6.2): this figure is counted in "applications"; write only the number 4 (without the unit).`,
    );
    // Not read: the figures count as missing, as for any text that is not a number.
    expect(result.submissions[0]!.values).toEqual({ "3.1": 5 });
  });

  test("in English, in either case and without diacritics, is the unit too", () => {
    const result = read("4 Applications", "2 CUOC HOP");
    expect(errors(result.issues).map((i) => i.message.en)).toEqual([
      `Sheet 'Tổng hợp', cell C2: "4 Applications" is not a number (indicator 6.2): this figure is counted in "applications"; write only the number 4 (without the unit).`,
      `Sheet 'Tổng hợp', cell D2: "2 CUOC HOP" is not a number (indicator 1.4): this figure is counted in "meetings"; write only the number 2 (without the unit).`,
    ]);
  });
});

describe("a whole number typed with its group marks and its unit", () => {
  test("is said without the marks, which no reader takes for a decimal; a decimal is said as it was typed", () => {
    const result = read("1.053 ứng dụng", "2 cuộc", "1,5 triệu");
    const [apps] = errors(result.issues);
    expect(apps!.message.vi).toBe(`Trang tính 'Tổng hợp', ô C2: "1.053 ứng dụng" không phải là số (chỉ tiêu 6.2): số liệu này tính theo đơn vị "ứng dụng", hãy chỉ ghi số 1053 (không kèm đơn vị tính).`);
    expect(apps!.message.en).toBe(`Sheet 'Tổng hợp', cell C2: "1.053 ứng dụng" is not a number (indicator 6.2): this figure is counted in "applications"; write only the number 1053 (without the unit).`);
    const decimal = errors(read("4", "2", "1,5 lần").issues)[0]!;
    expect(decimal.message.vi).toContain("hãy chỉ ghi số 1,5 (không kèm");
  });
});

describe("a number typed with other words", () => {
  test("before or after it, is an error that says to write only the number if that is the figure", () => {
    const result = read("khoảng 4", "2 lần", "1.500 nghìn đồng");
    expect(errors(result.issues).map((i) => i.message.vi)).toEqual([
      `Trang tính 'Tổng hợp', ô C2: "khoảng 4" không phải là số (chỉ tiêu 6.2); nếu số liệu là 4, hãy chỉ ghi số 4 (không kèm đơn vị tính hay chữ).`,
      `Trang tính 'Tổng hợp', ô D2: "2 lần" không phải là số (chỉ tiêu 1.4); nếu số liệu là 2, hãy chỉ ghi số 2 (không kèm đơn vị tính hay chữ).`,
      // A scale multiplies the number ("1.500 nghìn" is 1 500 000): the number alone would be wrong, so nothing is suggested.
      `Trang tính 'Tổng hợp', ô E2: "1.500 nghìn đồng" không phải là số (chỉ tiêu 3.1).`,
    ]);
    expect(errors(result.issues)[0]!.message.en).toBe(
      `Sheet 'Tổng hợp', cell C2: "khoảng 4" is not a number (indicator 6.2); if the figure is 4, write only the number 4 (without a unit or words).`,
    );
  });

  test("words alone, or words around more than one number, get no suggestion", () => {
    const result = read("nhiều", "2 cuộc họp, 3 hội nghị");
    expect(errors(result.issues).map((i) => i.message.vi)).toEqual([
      `Trang tính 'Tổng hợp', ô C2: "nhiều" không phải là số (chỉ tiêu 6.2).`,
      `Trang tính 'Tổng hợp', ô D2: "2 cuộc họp, 3 hội nghị" không phải là số (chỉ tiêu 1.4).`,
    ]);
  });
});
