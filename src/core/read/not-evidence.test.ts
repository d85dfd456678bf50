/**
 * A `Minh chứng` cell holding marks alone ("-", "…", "√") names no document: it is no evidence,
 * so an indicator that requires evidence is still warned about, as it is for a blank cell or
 * "Không có". A document's number beside it is evidence.
 */
import type { IndexModel } from "../definition/model";
import { scoreUnits } from "../score";
import { modelOf } from "../score/test-helpers";
import type { CellValue, SheetSnapshot } from "../types";
import { withEvidenceFindings } from "./evidence";
import { readSubmissions } from "./read";

const model: IndexModel = modelOf({
  root: {
    code: "R",
    name: "Tổng",
    children: ["a", "b", "c", "d", "e"].map((code) => ({
      code,
      name: `Chỉ tiêu ${code}`,
      max: 10,
      evidence: "required",
      inputs: [{ code, type: "number" }],
      rule: { kind: "fraction" },
    })),
  },
});

/** A form (layout A) of unit `code`: one row per [code, figure, evidence]. */
function form(code: string, rows: [string, CellValue, CellValue][]): SheetSnapshot {
  return {
    name: `Sở ${code}`,
    values: [["Đơn vị", `Sở ${code}`], ["Mã đơn vị", code], [], ["Mã", "Nội dung", "Số liệu", "Minh chứng"], ...rows.map(([c, v, e]) => [c, c, v, e])],
  };
}

describe("evidence cells of marks alone", () => {
  const sheet = form("TTTT", [
    ["a", 0.5, "-"],
    ["b", 0.5, "…"],
    ["c", 0.5, "√"],
    ["d", 0.5, " - "],
    ["e", 0.5, "Số 12/QĐ-UBND"],
  ]);

  test('"-", "…", "√" are not read as evidence; the document number is', () => {
    const [unit] = readSubmissions(model, { sheets: [sheet] }).submissions;
    expect(unit!.evidence).toEqual({ e: "Số 12/QĐ-UBND" });
    expect(unit!.noEvidence).toEqual(["a", "b", "c", "d"]);
  });

  test("an indicator requiring evidence whose cell holds only a mark is warned about, at that cell", () => {
    const reading = readSubmissions(model, { sheets: [sheet] });
    const issues = withEvidenceFindings(model, reading, scoreUnits(model, reading.submissions));
    expect(issues.filter((i) => i.code === "evidence-missing").map((i) => [i.node, i.cell])).toEqual([
      ["a", "D5"],
      ["b", "D6"],
      ["c", "D7"],
      ["d", "D8"],
    ]);
    expect(issues.find((i) => i.code === "evidence-missing")!.message).toEqual({
      vi: "Trang tính 'Sở TTTT', ô D5: \"-\" không phải là minh chứng: chỉ tiêu a có điểm nhưng chưa có minh chứng — hãy ghi minh chứng (số, ngày văn bản hoặc đường dẫn tài liệu).",
      en: "Sheet 'Sở TTTT', cell D5: \"-\" is not evidence: indicator a earns points but has none — write the evidence (the document's number and date, or a link to it).",
    });
  });
});
