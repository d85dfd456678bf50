/** What the reader says about the rows of a form it does not read (needs read.ts to pass on the layout-A reader's row findings). */
import { parseDefinition } from "../definition";
import { findBuiltin } from "../../indices";
import type { CellValue, SheetSnapshot } from "../types";
import { sampleModel } from "./fixtures";
import { issueCounts, readSubmissions } from "./index";

const model = sampleModel();
const HEADER = ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Số liệu thẩm định", "Tự chấm", "Minh chứng", "Ghi chú", "Điểm"];

function form(code: string, name: string, lines: CellValue[][], sheet = name): SheetSnapshot {
  return { name: sheet, values: [["Đơn vị", name], ["Mã đơn vị", code], ["Nhóm", "co-dvc"], ["Bộ chỉ số", "dti-so-mau@2024"], [], HEADER, ...lines] };
}
const line = (code: string, value: CellValue): CellValue[] => [code, "", null, value];

describe("rows of a form the reader does not read", () => {
  it("are findings of the form's unit, counted with its issues", () => {
    const { issues, submissions } = readSubmissions(model, {
      sheets: [form("SYT", "Sở Y tế", [line("1", 40), line("1.1", "có"), line("2.1", 0.9), line("2.1", 0.3)])],
    });
    expect(submissions[0]!.values["2.1"]).toBe(0.9);
    const rows = issues.filter((i) => i.code === "duplicate-row" || i.code === "value-not-read");
    expect(rows.map((i) => [i.severity, i.code, i.sheet, i.cell, i.unit, i.node])).toEqual([
      ["warning", "value-not-read", "Sở Y tế", "D7", "SYT", "1"],
      ["error", "duplicate-row", "Sở Y tế", "D10", "SYT", "2.1"],
    ]);
    expect(rows[1]!.message.vi).toBe(
      "Trang tính 'Sở Y tế', ô D10: mã 2.1 có ở hai dòng (D9 và D10); chỉ dòng đầu được đọc, dòng sau bị bỏ qua, nên 0,3 ở đây không được dùng — hãy xóa dòng thừa và để số liệu đúng ở một dòng.",
    );
    expect(issueCounts(issues).get("SYT")).toMatchObject({ error: 1 });
  });

  it("of a form not scored (a second form of the unit) are not said", () => {
    const { issues } = readSubmissions(model, {
      sheets: [form("SYT", "Sở Y tế", [line("1.1", "có")]), form("SYT", "Sở Y tế", [line("1", 40), line("1.1", "có")], "Sở Y tế (2)")],
    });
    expect(issues.map((i) => i.code)).not.toContain("value-not-read");
  });
});

describe("a missing figure of an index without points", () => {
  const parsed = parseDefinition(findBuiltin("undp-hdi")!.definition);
  if (!parsed.ok) throw new Error("the HDI does not parse");
  const hdi = parsed.model;
  const country = (lines: CellValue[][]): SheetSnapshot => ({
    name: "Việt Nam",
    values: [["Đơn vị", "Việt Nam"], ["Mã đơn vị", "VNM"], ["Bộ chỉ số", "undp-hdi@HDR 2023/2024"], [], ["Mã", "Nội dung", "Số liệu"], ...lines],
  });

  it("makes the indicator's value 0, and the sentence says so, not that it scores 0 points", () => {
    const { issues } = readSubmissions(hdi, { sheets: [country([["le", "", 74.5], ["eys", "", 13.2], ["mys", "", null], ["gnipc", "", 11400]])] });
    const missing = issues.filter((i) => i.code === "missing-input");
    expect(missing.map((i) => i.message.vi)).toEqual(["Trang tính 'Việt Nam', ô C8: chưa có số liệu mys của chỉ tiêu mys-index; giá trị của chỉ tiêu này được tính bằng 0."]);
    expect(missing.map((i) => i.message.en)).toEqual(["Sheet 'Việt Nam', cell C8: no value for input mys of indicator mys-index; the indicator's value counts as 0."]);
    // A row missing from the form says the same.
    const row = readSubmissions(hdi, { sheets: [country([["le", "", 74.5], ["eys", "", 13.2], ["gnipc", "", 11400]])] }).issues.find((i) => i.code === "missing-row")!;
    expect(row.message.vi).toContain("được tính như thiếu số liệu (giá trị bằng 0)");
    expect(row.message.en).toContain("is scored as missing (value 0)");
    expect(row.message.vi).not.toContain("điểm");
  });
});
