/**
 * A unit that gave no figure at all (a blank form Collect kept for a unit that has not sent its
 * own, a table's row with its name only) gets one "no-figures" warning instead of a missing-input
 * for each of its inputs, so that its 20-odd "no value" findings do not bury the others. It is
 * scored as before. An N/A answer is a figure given; self scores and evidence are not, and the
 * warning says they are there.
 */
import type { CellValue, Issue, SheetSnapshot } from "../types";
import { scoreUnits } from "../score";
import { modelOf } from "../score/test-helpers";
import { csvToSnapshot } from "./csv";
import { sampleModel } from "./fixtures";
import { readSubmissions } from "./read";

const model = sampleModel();

/** Code, item, value, appraised value, self score, evidence. */
type Line = [string, string, CellValue?, CellValue?, CellValue?, CellValue?];
const LINES: Line[] = [
  ["1", "Nhận thức số"],
  ["1.1", "Ban chỉ đạo", "có"],
  ["1.2", "Văn bản chỉ đạo"],
  ["1.2.a", "Số văn bản do Chủ tịch ký", 3],
  ["1.2.b", "Tổng số văn bản", 4],
  ["1.3", "Trưởng ban chỉ đạo", "Chủ tịch"],
  ["1.10", "Số cuộc họp", 4],
  ["2", "Chính quyền số"],
  ["2.1", "Tỷ lệ hồ sơ trực tuyến", "85%"],
  ["2.2", "Điểm tự chấm", 4],
  ["2.3", "Dịch vụ công mức 4", 12],
];

/** A form; `blank`: every figure left out (the self scores and evidence of `keep` stay). */
function form(name: string, code: string, o: { blank?: boolean; lines?: Line[]; keep?: "self" | "evidence" | "both"; index?: string } = {}): SheetSnapshot {
  const lines = (o.lines ?? LINES).map(([c, item, value, appraised, self, evidence]): CellValue[] => [
    c,
    item,
    o.blank ? null : (value ?? null),
    o.blank ? null : (appraised ?? null),
    o.keep === "self" || o.keep === "both" ? (c === "1.1" ? 10 : (self ?? null)) : (self ?? null),
    o.keep === "evidence" || o.keep === "both" ? (c === "1.1" ? "QĐ 12/QĐ" : (evidence ?? null)) : (evidence ?? null),
  ]);
  return {
    name,
    values: [
      ["Đơn vị", name],
      ["Mã đơn vị", code],
      ["Nhóm", "co-dvc"],
      ["Bộ chỉ số", o.index ?? "dti-so-mau@2024"],
      [],
      ["Mã", "Nội dung", "Số liệu", "Số liệu thẩm định", "Tự chấm", "Minh chứng"],
      ...lines,
    ],
  };
}

const of = (issues: Issue[], unit: string) => issues.filter((i) => i.unit === unit);

describe("a form without any figure", () => {
  test("gives one no-figures warning at its first input's cell, and no missing-input for each of its inputs", () => {
    const result = readSubmissions(model, { sheets: [form("Sở Y tế", "SYT"), form("Sở Tài chính", "STC", { blank: true })] });
    expect(of(result.issues, "STC")).toEqual([
      {
        severity: "warning",
        code: "no-figures",
        sheet: "Sở Tài chính",
        cell: "C8",
        unit: "STC",
        message: {
          vi: "Trang tính 'Sở Tài chính', ô C8: phiếu của Sở Tài chính (STC) chưa có số liệu nào (cột Số liệu và Số liệu thẩm định đều trống): mọi chỉ tiêu được tính 0 điểm (theo quy tắc thiếu số liệu của bộ chỉ số); hãy nhập số liệu khi đơn vị gửi phiếu rồi chấm lại.",
          en: "Sheet 'Sở Tài chính', cell C8: the form of Sở Tài chính (STC) holds no figure (its Value and Appraised value columns are empty): every indicator scores 0 (the index's rule for missing figures); enter the figures once the unit sends its form and score again.",
        },
      },
    ]);
    // The filled form says nothing; the blank one is still a unit, scored 0 and ranked last.
    expect(of(result.issues, "SYT")).toEqual([]);
    expect(result.submissions.map((s) => [s.code, Object.keys(s.values).length])).toEqual([
      ["SYT", 8],
      ["STC", 0],
    ]);
    const table = scoreUnits(model, result.submissions);
    expect(table.units.map((u) => [u.code, u.points, u.rank])).toEqual([
      ["SYT", expect.any(Number), 1],
      ["STC", 0, 2],
    ]);
  });

  test("without a Số liệu thẩm định column says its Số liệu column is empty", () => {
    const sheet = form("Sở Tài chính", "STC", { blank: true });
    // The table's fourth column (D, Số liệu thẩm định) taken out.
    const values = sheet.values.map((row) => row.filter((_, c) => c !== 3));
    const result = readSubmissions(model, { sheets: [{ ...sheet, values }] });
    expect(result.issues.map((i) => [i.code, i.cell])).toEqual([["no-figures", "C8"]]);
    expect(result.issues[0]!.message.vi).toMatch(/^Trang tính 'Sở Tài chính', ô C8: phiếu của Sở Tài chính \(STC\) chưa có số liệu nào \(cột Số liệu trống ở mọi dòng\): /);
    expect(result.issues[0]!.message.en).toContain("holds no figure (its Value column is empty on every row): ");
  });

  test("with self scores or evidence says they are there but only figures are scored", () => {
    const both = readSubmissions(model, { sheets: [form("Sở Tài chính", "STC", { blank: true, keep: "both" })] });
    expect(both.issues.map((i) => i.code)).toEqual(["no-figures"]);
    expect(both.issues[0]!.message.vi).toContain(": mọi chỉ tiêu được tính 0 điểm (theo quy tắc thiếu số liệu của bộ chỉ số); phiếu có điểm tự chấm và minh chứng nhưng chỉ số liệu được dùng để chấm điểm; hãy nhập");
    expect(both.issues[0]!.message.en).toContain("; the form has self scores and evidence, but only figures are scored; enter");
    const evidence = readSubmissions(model, { sheets: [form("Sở Tài chính", "STC", { blank: true, keep: "evidence" })] });
    expect(evidence.issues[0]!.message.vi).toContain("; phiếu có minh chứng nhưng chỉ số liệu");
  });

  test("under missing \"exclude\" says the unit gets no score and is not ranked, as the scoring then does", () => {
    const exclude = sampleModel({ missing: "exclude" });
    const result = readSubmissions(exclude, { sheets: [form("Sở Y tế", "SYT"), form("Sở Tài chính", "STC", { blank: true })] });
    expect(of(result.issues, "STC").map((i) => [i.code, i.severity])).toEqual([["no-figures", "warning"]]);
    expect(of(result.issues, "STC")[0]!.message.vi).toBe(
      "Trang tính 'Sở Tài chính', ô C8: phiếu của Sở Tài chính (STC) chưa có số liệu nào (cột Số liệu và Số liệu thẩm định đều trống): theo quy tắc thiếu số liệu của bộ chỉ số, chỉ tiêu không có số liệu không được tính khi tổng hợp điểm, nên đơn vị không có điểm và không được xếp hạng; hãy nhập số liệu khi đơn vị gửi phiếu rồi chấm lại.",
    );
    expect(of(result.issues, "STC")[0]!.message.en).toContain(": by the index's rule for missing figures, an indicator without figures is left out of the aggregation, so the unit gets no score and is not ranked;");
    const stc = scoreUnits(exclude, result.submissions).units.find((u) => u.code === "STC")!;
    expect([stc.points, stc.rank, stc.notRankedReason]).toEqual([null, null, "not-available"]);
  });

  test("of an index without points says its indicators count as a value of 0", () => {
    // Values in [0, 1] averaged, as the HDI: no node has points.
    const values = modelOf({
      root: { code: "I", name: "Chỉ số", aggregate: "mean", children: [{ code: "a", name: "A", rule: { kind: "fraction" } }, { code: "b", name: "B", rule: { kind: "fraction" } }] },
    });
    const result = readSubmissions(values, { sheets: [form("Sở Tài chính", "STC", { blank: true, lines: [["a", "A"], ["b", "B"]], index: "test@1" })] });
    const said = result.issues.filter((i) => i.code !== "unknown-category");
    expect(said.map((i) => [i.code, i.cell])).toEqual([["no-figures", "C7"]]);
    expect(said[0]!.message.en).toContain("holds no figure (its Value and Appraised value columns are empty): every indicator counts as a value of 0 (the index's rule for missing figures)");
  });
});

describe("a form with something in its figures is no form without figures", () => {
  test("an N/A answer alone is a figure given: its other blank inputs are said one by one", () => {
    const lines = LINES.map(([c, item]): Line => (c === "2.1" ? [c, item, "N/A"] : [c, item]));
    const result = readSubmissions(model, { sheets: [form("Sở Tài chính", "STC", { lines })] });
    const codes = result.issues.map((i) => i.code);
    expect(codes).not.toContain("no-figures");
    expect(codes.filter((c) => c === "missing-input")).toHaveLength(7);
  });

  test("an appraised figure alone, or a figure on a row that takes none, is a figure given", () => {
    const appraised = LINES.map(([c, item]): Line => (c === "1.10" ? [c, item, null, 4] : [c, item]));
    expect(readSubmissions(model, { sheets: [form("Sở Tài chính", "STC", { lines: appraised })] }).issues.map((i) => i.code)).not.toContain("no-figures");
    const onGroup = LINES.map(([c, item]): Line => (c === "1" ? [c, item, 40] : [c, item]));
    const codes = readSubmissions(model, { sheets: [form("Sở Tài chính", "STC", { lines: onGroup })] }).issues.map((i) => i.code);
    expect(codes).toContain("value-not-read");
    expect(codes).not.toContain("no-figures");
    expect(codes).toContain("missing-input");
  });
});

describe("a table's row without any figure", () => {
  const HEADER = ["Mã đơn vị", "Đơn vị", "Nhóm", "1.1", "1.2.a", "1.2.b", "1.3", "1.10", "2.1", "2.2", "2.3"];
  const csv = [HEADER.join(","), "SYT,Sở Y tế,co-dvc,có,3,4,Chủ tịch,4,85%,4,12", "STC,Sở Tài chính,co-dvc,,,,,,,,"].join("\n");

  test("in a CSV file gives one no-figures warning naming the file and the unit's row", () => {
    const result = readSubmissions(model, csvToSnapshot(csv, "bang", "bang.csv"));
    expect(result.issues.map((i) => [i.code, i.unit])).toEqual([["no-figures", "STC"]]);
    expect(result.issues[0]!.message.vi).toBe(
      "Tệp bang.csv, dòng 3: dòng của Sở Tài chính (STC) chưa có số liệu nào (mọi ô số liệu trên dòng đều trống): mọi chỉ tiêu được tính 0 điểm (theo quy tắc thiếu số liệu của bộ chỉ số); hãy nhập số liệu của đơn vị trên dòng này rồi chấm lại.",
    );
    expect(result.issues[0]!.message.en).toBe(
      "File bang.csv, row 3: the row of Sở Tài chính (STC) holds no figure (every figure's cell on it is empty): every indicator scores 0 (the index's rule for missing figures); enter the unit's figures on this row and score again.",
    );
  });

  test("on a sheet is said at the row, with the first input's cell as the place a host goes to", () => {
    const sheet = csvToSnapshot(csv, "Tổng hợp", "bang.csv").sheets[0]!;
    const { csvFile: _file, ...plain } = sheet;
    const result = readSubmissions(model, { sheets: [plain] });
    expect(result.issues).toEqual([expect.objectContaining({ code: "no-figures", sheet: "Tổng hợp", cell: "D3", unit: "STC" })]);
    expect(result.issues[0]!.message.vi).toMatch(/^Trang tính 'Tổng hợp', dòng 3: dòng của Sở Tài chính \(STC\) chưa có số liệu nào/);
  });
});
