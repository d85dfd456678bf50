import ExcelJS from "exceljs";
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import { scoreUnits } from "../score";
import type { CellValue, Issue, SheetSnapshot, WorkbookSnapshot } from "../types";
import { XlsxHost } from "../../hosts/xlsx/host";
import { runScoring } from "../pipeline";
import { checkEvidence, withEvidenceFindings } from "./evidence";
import { readSubmissions } from "./read";

function model(children: unknown[], root: object = {}): IndexModel {
  const parsed = parseDefinition({ format: "index-definition/1", id: "ev", version: "1", name: "EV", root: { code: "R", name: "R", ...root, children } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

/** A form (layout A) of unit `code`: one row per [code, figure, evidence]. */
function form(code: string, rows: [string, CellValue, CellValue?][]): SheetSnapshot {
  return {
    name: `Sở ${code}`,
    values: [["Đơn vị", `Sở ${code}`], ["Mã đơn vị", code], [], ["Mã", "Nội dung", "Số liệu", "Minh chứng"], ...rows.map(([c, v, e]) => [c, c, v, e ?? null])],
  };
}

/** The findings the scoring run gives after reading: the reader's, with "evidence-missing" where the scores say. */
function findings(m: IndexModel, snapshot: WorkbookSnapshot): Issue[] {
  const reading = readSubmissions(m, snapshot);
  return withEvidenceFindings(m, reading, scoreUnits(m, reading.submissions));
}

const warnedAt = (issues: Issue[]) => issues.filter((i) => i.code === "evidence-missing").map((i) => [i.unit, i.node, i.cell]);

/**
 * A form (layout A) for one unit: indicator "x" (evidence required) scored by `steps` on its
 * value, its evidence cell blank unless given.
 */
function scoredForm(steps: unknown[], value: CellValue, evidence: CellValue = null): { points: number | null; warned: boolean } {
  const m = model([{ code: "x", name: "Tỷ lệ", max: 10, evidence: "required", inputs: [{ code: "x", type: "number" }], rule: { kind: "steps", steps } }]);
  const read = readSubmissions(m, { sheets: [form("SA", [["x", value, evidence]])] });
  expect(read.submissions).toHaveLength(1);
  const table = scoreUnits(m, read.submissions);
  const points = table.units[0]!.nodes["x"]!.points;
  return { points, warned: checkEvidence(m, read.submissions, read.evidenceGaps, table).some((i) => i.code === "evidence-missing" && i.node === "x") };
}

describe("the missing-evidence warning and the score take the same step at a threshold", () => {
  // 0.1 + 0.2 is 0.30000000000000004 in binary: at most 0.3 to 15 significant digits, as the score compares.
  const boundary = 0.1 + 0.2;

  test("a figure at an atMost threshold that earns points: scored and warned about its missing evidence", () => {
    expect(scoredForm([{ atMost: 0.3, points: 10 }, { atLeast: 0, points: 0 }], boundary)).toEqual({ points: 10, warned: true });
  });

  test("a figure at an atMost threshold that earns nothing: 0 points and no warning", () => {
    expect(scoredForm([{ atMost: 0.3, points: 0 }, { atLeast: 0, points: 10 }], boundary)).toEqual({ points: 0, warned: false });
  });

  test("a figure at an atLeast threshold (0.3 − 0.1 against 0.2) is taken by that step by both", () => {
    expect(scoredForm([{ atLeast: 0.2, points: 10 }, { atLeast: 0, points: 0 }], 0.3 - 0.1)).toEqual({ points: 10, warned: true });
    expect(scoredForm([{ atLeast: 0.2, points: 0 }, { atLeast: 0, points: 10 }], 0.3 - 0.1)).toEqual({ points: 0, warned: false });
  });

  test("evidence written for the figure at the threshold clears the warning, the points stay", () => {
    expect(scoredForm([{ atMost: 0.3, points: 10 }, { atLeast: 0, points: 0 }], boundary, "Báo cáo số 3")).toEqual({ points: 10, warned: false });
  });
});

describe("evidence is asked for where the indicator earns points in the result, whatever its figure", () => {
  const m = model([
    // The fewer incidents the better: 0 incidents is full points.
    { code: "inc", name: "Số sự cố mất ATTT", max: 10, evidence: "required", rule: { kind: "target", target: 0, direction: "lower" } },
    { code: "late", name: "Số hồ sơ trễ hạn", max: 10, evidence: "required", rule: { kind: "target", target: 5, direction: "lower" } },
    { code: "ex", name: "Biểu thức", max: 10, evidence: "required", rule: { kind: "expr", expr: "IF([ex]=0, 1, 0.5)" } },
    { code: "gt", name: "Biểu thức 2", max: 10, evidence: "required", rule: { kind: "expr", expr: "IF([gt]>5, 1, 0)" } },
    { code: "b", name: "Có/không", max: 10, evidence: "required", rule: { kind: "boolean" } },
  ]);

  test("a figure of 0 that earns full points (0 incidents, an expression of 0 giving 1) is warned about; one earning 0 is not", () => {
    const issues = findings(m, { sheets: [form("U1", [["inc", 0], ["late", 0], ["ex", 0], ["gt", 3], ["b", "Có"]])] });
    expect(warnedAt(issues)).toEqual([
      ["U1", "inc", "D5"],
      ["U1", "late", "D6"],
      ["U1", "ex", "D7"],
      ["U1", "b", "D9"],
    ]);
    expect(issues.find((i) => i.node === "inc")!.message).toEqual({
      vi: "Trang tính 'Sở U1', ô D5: chỉ tiêu inc có điểm nhưng chưa có minh chứng.",
      en: "Sheet 'Sở U1', cell D5: indicator inc earns points but has no evidence.",
    });
  });

  test("a figure that earns nothing is not warned about, whatever it is (incidents above 0 against a target of 0, an expression giving 0)", () => {
    const issues = findings(m, { sheets: [form("U1", [["inc", 3], ["late", 40], ["ex", 7], ["gt", 3], ["b", "Không"]])] });
    // 40 late against a target of 5 still earns 5 ÷ 40 of the points, and ex = 7 gives 0.5.
    expect(warnedAt(issues)).toEqual([
      ["U1", "late", "D6"],
      ["U1", "ex", "D7"],
    ]);
  });

  test("an indicator without data (a blank figure, scored 0) or answered N/A is not warned about", () => {
    const na = model([{ code: "inc", name: "Sự cố", max: 10, evidence: "required", allowNA: true, rule: { kind: "target", target: 0, direction: "lower" } }]);
    expect(warnedAt(findings(na, { sheets: [form("U1", [["inc", "Không áp dụng"]])] }))).toEqual([]);
    expect(warnedAt(findings(na, { sheets: [form("U1", [["inc", null]])] }))).toEqual([]);
    expect(warnedAt(findings(na, { sheets: [form("U1", [["inc", 0]])] }))).toEqual([["U1", "inc", "D5"]]);
  });

  test("in an index without points (no max) an indicator whose value is above 0 is warned about, one of value 0 is not", () => {
    const values = model([
      { code: "a", name: "A", evidence: "required", rule: { kind: "target", target: 0, direction: "lower" } },
      { code: "c", name: "C", evidence: "required", rule: { kind: "fraction" } },
    ], { aggregate: "mean" });
    expect(warnedAt(findings(values, { sheets: [form("U1", [["a", 0], ["c", 0]])] }))).toEqual([["U1", "a", "D5"]]);
    expect(warnedAt(findings(values, { sheets: [form("U1", [["a", 2], ["c", 0.4]])] }))).toEqual([["U1", "c", "D6"]]);
  });

  test("an indicator that scores nothing (max 0) earns no points and is not warned about", () => {
    const nothing = model([
      { code: "s", name: "Shown", max: 0, evidence: "required", rule: { kind: "boolean" } },
      { code: "b", name: "B", max: 10, evidence: "required", rule: { kind: "boolean" } },
    ]);
    expect(warnedAt(findings(nothing, { sheets: [form("U1", [["s", "Có"], ["b", "Có"]])] }))).toEqual([["U1", "b", "D6"]]);
  });

  test("each finding stays among its unit's findings, in the order of the indicators", () => {
    const issues = findings(m, {
      sheets: [form("U1", [["inc", 0], ["late", "abc", "QĐ 1"], ["ex", 0], ["gt", 9, "QĐ 2"], ["b", "Có", "QĐ 3"], ["zz", 1]]), form("U2", [["inc", 0, "QĐ 4"], ["late", 0], ["ex", 7, "QĐ 5"], ["gt", 9, "QĐ 6"], ["b", "Không"]])],
    });
    // The reader's order: a unit's findings about its cells, about its indicators, then about its rows.
    expect(issues.map((i) => [i.unit, i.code, i.node])).toEqual([
      ["U1", "not-a-number", "late"],
      ["U1", "evidence-missing", "inc"],
      ["U1", "evidence-missing", "ex"],
      ["U1", "unknown-code", undefined],
      ["U2", "evidence-missing", "late"],
    ]);
  });

  test("a scoring run gives the finding with the reader's, before the results' findings", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sở U1");
    form("U1", [["inc", 0], ["late", 0, "QĐ 1"], ["ex", 7, "QĐ 2"], ["gt", 3], ["b", "Có", "QĐ 3"]]).values.forEach((row, r) =>
      row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)),
    );
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const result = await runScoring(host, { definition: m.definition, lang: "en", projectVersion: "0.1.0", write: false });
    expect(warnedAt(result.issues)).toEqual([["U1", "inc", "D5"]]);
  });
});

describe("evidence that says there is none, on the unit read", () => {
  test('is no evidence, and the indicators whose cells hold nothing else are kept apart (noEvidence): "Không có", "x", an error; beside a decision, evidence', () => {
    const m = model([
      { code: "a", name: "A", max: 10, evidence: "required", inputs: [{ code: "a", type: "number" }], rule: { kind: "fraction" } },
      { code: "b", name: "B", max: 10, inputs: [{ code: "b.1", type: "integer" }, { code: "b.2", type: "integer" }], rule: { kind: "ratio", numerator: "b.1", denominator: "b.2" } },
      { code: "c", name: "C", max: 10, inputs: [{ code: "c", type: "number" }], rule: { kind: "fraction" } },
      { code: "d", name: "D", max: 10, inputs: [{ code: "d", type: "number" }], rule: { kind: "fraction" } },
      { code: "e", name: "E", max: 10, inputs: [{ code: "e", type: "number" }], rule: { kind: "fraction" } },
    ]);
    const sheet = form("SA", [
      ["a", 0.5, "Không có"],
      ["b.1", 1, "x"],
      ["b.2", 2, "QĐ 5/QĐ-UBND"],
      ["c", 0.5, { error: "#REF!" }],
      ["d", 0.5, "Khong co."],
      ["e", 0.5],
    ]);
    const [unit] = readSubmissions(m, { sheets: [sheet] }).submissions;
    expect(unit!.evidence).toEqual({ b: "QĐ 5/QĐ-UBND" });
    expect(unit!.noEvidence).toEqual(["a", "c", "d"]);
    // A form without any: none listed.
    const plain = readSubmissions(m, { sheets: [form("SB", [["a", 0.5, "QĐ 1"]])] }).submissions[0]!;
    expect(plain.noEvidence).toBeUndefined();
  });
});
