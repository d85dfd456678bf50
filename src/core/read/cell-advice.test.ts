/**
 * What the reader tells a user about one cell: how to write a figure read two ways, by where it
 * was typed (a sheet's cell, a CSV file); a figure read two ways in a percentage; "Không áp dụng"
 * where the indicator takes none; and a number cell's number written as a number.
 */
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import type { CellValue } from "../types";
import { csvToSnapshot } from "./csv";
import { readSubmissions } from "./index";

function modelOf(numberLocale: "vi" | "en" | "auto"): IndexModel {
  const parsed = parseDefinition({
    format: "index-definition/1",
    id: "thu",
    version: "1",
    name: "Thử",
    numberLocale,
    root: {
      code: "R",
      name: "R",
      children: [
        { code: "1.1", name: "Số cuộc họp", max: 100000, rule: { kind: "points" } },
        { code: "2.1", name: "Tỷ lệ", max: 10, inputs: [{ code: "2.1", name: "Tỷ lệ", type: "percent", max: 1 }], rule: { kind: "fraction" } },
        { code: "6.2", name: "Số dịch vụ", max: 10, inputs: [{ code: "6.2", name: "Số dịch vụ", type: "integer" }], rule: { kind: "count", pointsEach: 1 } },
        { code: "6.3", name: "Có kế hoạch", max: 10, rule: { kind: "boolean" } },
      ],
    },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

/** A table of one unit on a sheet `Số liệu` (B2 onward), its figures as given. */
function sheetTable(cells: Record<string, CellValue>) {
  const codes = Object.keys(cells);
  return { sheets: [{ name: "Số liệu", values: [["Mã đơn vị", "Đơn vị", ...codes], ["A", "Đơn vị A", ...codes.map((c) => cells[c]!)]] }] };
}

/** The ambiguous-number finding of a CSV file bang.csv whose one unit writes `text` for 1.1 (auto), and the value read. */
function csvAmbiguity(text: string) {
  const r = readSubmissions(modelOf("auto"), csvToSnapshot(`Mã đơn vị,Đơn vị,1.1\nA,Đơn vị A,"${text}"\n`, "bang", "bang.csv"));
  return { issue: r.issues.find((i) => i.code === "ambiguous-number")!, value: r.submissions[0]!.values["1.1"] };
}

describe("a figure read two ways is said with how to write it where it was typed", () => {
  test('"1.860" in a CSV file: write it without the thousands separator, or as the decimal it is, not "as a number cell"', () => {
    const { issue } = csvAmbiguity("1.860");
    expect(issue.message.vi).toBe(
      'Tệp bang.csv, dòng 2, cột C: "1.860" được hiểu là 1860 (một nghìn tám trăm sáu mươi) theo cách viết số của Việt Nam, không phải 1,86; để tránh nhầm lẫn, trong tệp CSV hãy viết 1860 (không có dấu phân cách hàng nghìn), hoặc 1,86 nếu đó là số thập phân (chỉ tiêu 1.1).',
    );
    expect(issue.message.en).toBe(
      'File bang.csv, row 2, column C: "1.860" is read the Vietnamese way as 1860 (one thousand eight hundred sixty), not 1.86; to avoid confusion, write it in the CSV file as 1860 (no thousands separator), or as 1.86 if it is a decimal (indicator 1.1).',
    );
    // On a sheet, the advice is still to type a number cell.
    const sheet = readSubmissions(modelOf("auto"), sheetTable({ "1.1": "1.860" }));
    expect(sheet.issues.find((i) => i.code === "ambiguous-number")!.message.en).toContain("; enter it as a number cell to avoid confusion (indicator 1.1).");
    expect(sheet.issues.find((i) => i.code === "ambiguous-number")!.message.vi).toContain("; nên nhập dạng số để tránh nhầm lẫn (chỉ tiêu 1.1).");
  });

  test('"1,860" in a CSV file: the advice still writes the thousands without a separator and the decimal as a decimal', () => {
    const { issue, value } = csvAmbiguity("1,860");
    expect(issue.message.vi).toBe(
      'Tệp bang.csv, dòng 2, cột C: "1,860" được hiểu là 1,86 (một phẩy tám sáu) theo cách viết số của Việt Nam, không phải 1860; để tránh nhầm lẫn, trong tệp CSV hãy viết 1860 (không có dấu phân cách hàng nghìn), hoặc 1,86 nếu đó là số thập phân (chỉ tiêu 1.1).',
    );
    expect(issue.message.en).toBe(
      'File bang.csv, row 2, column C: "1,860" is read the Vietnamese way as 1.86 (one point eight six), not 1860; to avoid confusion, write it in the CSV file as 1860 (no thousands separator), or as 1.86 if it is a decimal (indicator 1.1).',
    );
    expect(value).toBe(1.86);
  });

  test('"1,860%" and "1.860%" in a CSV file are said as percentages, with the same advice', () => {
    expect(csvAmbiguity("1,860%").issue.message.vi).toBe(
      'Tệp bang.csv, dòng 2, cột C: "1,860%" được hiểu là 1,86% (một phẩy tám sáu phần trăm) theo cách viết số của Việt Nam, không phải 1860%; để tránh nhầm lẫn, trong tệp CSV hãy viết 1860% (không có dấu phân cách hàng nghìn), hoặc 1,86% nếu đó là số thập phân (chỉ tiêu 1.1).',
    );
    expect(csvAmbiguity("1.860%").issue.message.en).toBe(
      'File bang.csv, row 2, column C: "1.860%" is read the Vietnamese way as 1860% (one thousand eight hundred sixty percent), not 1.86%; to avoid confusion, write it in the CSV file as 1860% (no thousands separator), or as 1.86% if it is a decimal (indicator 1.1).',
    );
  });

  test('"73,6" in a CSV file for an index that writes numbers the English way: write it the index\'s way', () => {
    const r = readSubmissions(modelOf("en"), csvToSnapshot('Mã đơn vị,Đơn vị,1.1,2.1\nA,Đơn vị A,"73,6","12,5%"\n', "bang", "bang.csv"));
    const [figure, percent] = r.issues.filter((i) => i.code === "ambiguous-number");
    expect(figure!.message.vi).toContain("; hãy kiểm tra lại số liệu, hoặc trong tệp CSV hãy viết số theo cách của bộ chỉ số: 73.6 (chỉ tiêu 1.1).");
    expect(figure!.message.en).toContain("; check the figure, or write it in the CSV file the index's way: 73.6 (indicator 1.1).");
    expect(percent!.message.en).toContain("write it in the CSV file the index's way: 12.5% (indicator 2.1).");
    const vi = readSubmissions(modelOf("vi"), csvToSnapshot("Mã đơn vị,Đơn vị,1.1\nA,Đơn vị A,73.6\n", "bang", "bang.csv"));
    expect(vi.issues.find((i) => i.code === "ambiguous-number")!.message.vi).toContain("trong tệp CSV hãy viết số theo cách của bộ chỉ số: 73,6 (chỉ tiêu 1.1).");
    expect(vi.issues.find((i) => i.code === "ambiguous-number")!.message.en).toContain("write it in the CSV file the index's way: 73,6 (indicator 1.1).");
  });

  test('"1.860" and "1,860%" in a percentage of 0–100%: the reading the input refuses (1860%) does not count, the other is taken silently', () => {
    const read = (text: string, locale: "vi" | "en" | "auto") => {
      const r = readSubmissions(modelOf(locale), csvToSnapshot(`Mã đơn vị,Đơn vị,2.1\nA,Đơn vị A,"${text}"\n`, "bang", "bang.csv"));
      return { codes: r.issues.filter((i) => i.node === "2.1").map((i) => [i.code, i.severity, i.cell]), value: r.submissions[0]!.values["2.1"] };
    };
    // 1860 the Vietnamese way is 1860%, beyond the fraction's 100%: 1,86% it is, said only as a bare percentage.
    expect(read("1.860", "auto")).toEqual({ codes: [["percent-as-number", "warning", "C2"]], value: 0.0186 });
    // "1,860%" is 1,86% the Vietnamese way, 1860% the English way, which the input refuses: no ambiguity offered.
    expect(read("1,860%", "auto")).toEqual({ codes: [], value: 0.0186 });
    // Read the English way only, it is refused as out of range.
    expect(read("1,860%", "en").codes).toEqual([["out-of-range", "error", "C2"]]);
  });
});

describe('"Không áp dụng" where the indicator takes none says what to enter', () => {
  test("in a number input: a figure (a number); N/A is said with its meaning; a yes/no input asks for yes or no", () => {
    const r = readSubmissions(modelOf("auto"), sheetTable({ "1.1": "Không áp dụng", "6.2": "N/A", "6.3": "KAD" }));
    const byNode = Object.fromEntries(r.issues.filter((i) => i.code === "not-applicable-not-allowed").map((i) => [i.node, i.message]));
    expect(byNode["1.1"]).toEqual({
      vi: `Trang tính 'Số liệu', ô C2: chỉ tiêu 1.1 không cho ghi "Không áp dụng"; hãy nhập số liệu (số).`,
      en: `Sheet 'Số liệu', cell C2: indicator 1.1 does not take "Không áp dụng"; enter the figure (a number).`,
    });
    expect(byNode["6.2"]).toEqual({
      vi: `Trang tính 'Số liệu', ô D2: chỉ tiêu 6.2 không cho ghi "N/A" (không áp dụng); hãy nhập số liệu (số nguyên).`,
      en: `Sheet 'Số liệu', cell D2: indicator 6.2 does not take "N/A" (not applicable); enter the figure (a whole number).`,
    });
    expect(byNode["6.3"]).toEqual({
      vi: `Trang tính 'Số liệu', ô E2: chỉ tiêu 6.3 không cho ghi "KAD" (không áp dụng); hãy nhập câu trả lời có hoặc không.`,
      en: `Sheet 'Số liệu', cell E2: indicator 6.3 does not take "KAD" (not applicable); enter the answer yes or no.`,
    });
  });
});

describe("a number cell's number is written as a number, not quoted as text", () => {
  test("-1 in a number cell out of range; the same typed as text is quoted", () => {
    const number = readSubmissions(modelOf("auto"), sheetTable({ "6.2": -1, "2.1": 1.5 }));
    const messages = Object.fromEntries(number.issues.filter((i) => i.code === "out-of-range").map((i) => [i.node, i.message]));
    expect(messages["6.2"]).toEqual({
      vi: "Trang tính 'Số liệu', ô C2: -1 nằm ngoài khoảng cho phép: số liệu phải từ 0 trở lên (chỉ tiêu 6.2); hãy kiểm tra và nhập lại.",
      en: "Sheet 'Số liệu', cell C2: -1 is out of range: the value must be at least 0 (indicator 6.2); check it and type it again.",
    });
    const text = readSubmissions(modelOf("auto"), sheetTable({ "6.2": "-1" }));
    expect(text.issues.find((i) => i.code === "out-of-range")!.message.vi).toBe(
      "Trang tính 'Số liệu', ô C2: \"-1\" nằm ngoài khoảng cho phép: số liệu phải từ 0 trở lên (chỉ tiêu 6.2); hãy kiểm tra và nhập lại.",
    );
    // In a sentence of each language, a number cell's decimal is written that language's way (in a
    // percentage, 150.5 is read as 150.5%, and quoted so, as its bounds are).
    const percent = readSubmissions(modelOf("auto"), sheetTable({ "2.1": 150.5 })).issues.find((i) => i.code === "out-of-range")!;
    expect(percent.message.vi).toMatch(/ô C2: 150,5% nằm ngoài khoảng cho phép: số liệu phải từ 100% trở xuống/);
    expect(percent.message.en).toMatch(/cell C2: 150\.5% is out of range: the value must be at most 100%/);
  });
});

describe("a blank figure of an indicator that scores nothing", () => {
  test("is a note, not a warning that it scores 0: the provincial DTI's smart-city indicator (max 0)", () => {
    const parsed = parseDefinition({
      format: "index-definition/1",
      id: "thu",
      version: "1",
      name: "Thử",
      root: {
        code: "R",
        name: "R",
        children: [
          { code: "1", name: "Nhận thức số", max: 100, rule: { kind: "fraction" } },
          { code: "G", name: "Đô thị thông minh (không tính điểm)", max: 0, children: [{ code: "6", name: "Đô thị thông minh", max: 10, rule: { kind: "fraction" } }], rescale: true },
        ],
      },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const { issues } = readSubmissions(parsed.model, sheetTable({ "1": 0.5, "6": null }));
    const blank = issues.filter((i) => i.code === "missing-input");
    expect(blank.map((i) => [i.node, i.severity])).toEqual([["6", "info"]]);
    expect(blank[0]!.message.vi).toContain("chưa có số liệu cho chỉ tiêu 6; chỉ tiêu này không tính điểm nên kết quả không đổi");
    expect(blank[0]!.message.en).toContain("no value for indicator 6; it scores nothing, so no result changes");
  });
});

describe("a figure beyond what a number holds is said so, at its cell, and not used", () => {
  test('"1e309" is too large, "1e-400" too small (it would be read as 0), "-1e400" too large in size', () => {
    const r = readSubmissions(modelOf("vi"), sheetTable({ "1.1": "1e309", "2.1": "1e-400", "6.2": "-1e400" }));
    const found = r.issues.filter((i) => i.code.startsWith("number-too"));
    expect(found.map((i) => [i.code, i.severity, i.sheet, i.cell, i.node])).toEqual([
      ["number-too-large", "error", "Số liệu", "C2", "1.1"],
      ["number-too-small", "error", "Số liệu", "D2", "2.1"],
      ["number-too-large", "error", "Số liệu", "E2", "6.2"],
    ]);
    expect(found[0]!.message).toEqual({
      vi: `Trang tính 'Số liệu', ô C2: "1e309" quá lớn: một số chỉ ghi được đến 1,8 × 10^308, nên số liệu này không được dùng; hãy kiểm tra lại số liệu (chỉ tiêu 1.1).`,
      en: `Sheet 'Số liệu', cell C2: "1e309" is too large: a number goes up to about 1.8e308, so this figure is not used; check the figure (indicator 1.1).`,
    });
    expect(found[1]!.message).toEqual({
      vi: `Trang tính 'Số liệu', ô D2: "1e-400" quá nhỏ, sẽ bị đọc thành 0, nên số liệu này không được dùng; nếu số liệu là 0, hãy ghi 0; nếu không, hãy ghi một số lớn hơn (chỉ tiêu 2.1).`,
      en: `Sheet 'Số liệu', cell D2: "1e-400" is too small and would be read as 0, so this figure is not used; write 0 if 0 is meant, or a larger number (indicator 2.1).`,
    });
    expect(r.issues.some((i) => i.code === "not-a-number")).toBe(false);
    expect(r.submissions[0]!.values).not.toHaveProperty("2.1");
    // 0 written with an exponent is 0, and 5e-324 (the smallest number) is read.
    const zero = readSubmissions(modelOf("vi"), sheetTable({ "1.1": "0e-999", "2.1": "5e-324" }));
    expect(zero.issues.filter((i) => i.code.startsWith("number-too"))).toEqual([]);
    expect(zero.submissions[0]!.values["1.1"]).toBe(0);
  });
});
