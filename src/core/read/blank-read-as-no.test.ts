/**
 * A blank yes/no cell read as "Không" because the unit ticks its "Có" answers with "x" (the x /
 * blank checklist convention) is said ("blank-read-as-no"): the unit may have left it unanswered,
 * and the reading can move the ranking (an audit found a blank with a decision cited as its
 * evidence scoring 0 of 4, with nothing on record).
 */
import ExcelJS from "exceljs";
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import { runScoring } from "../pipeline";
import { countIssuesByUnit } from "../plan/plan";
import { scoreUnits } from "../score";
import type { CellValue, Issue, SheetSnapshot } from "../types";
import { XlsxHost } from "../../hosts/xlsx/host";
import { csvToSnapshot } from "./csv";
import { issueCounts, readSubmissions } from "./read";

/**
 * A commune index: three yes/no indicators (1.1 with its evidence required), a share, and 3.1
 * computed from a ratio and a yes/no input (0,8 for the ratio, 0,2 more when published).
 */
function model(missing: "zero" | "exclude", extra: unknown[] = []): IndexModel {
  const parsed = parseDefinition({
    format: "index-definition/1",
    id: "xa-thu",
    version: "2025",
    name: "Xã",
    missing,
    categories: [
      { id: "xa", name: "Xã" },
      { id: "phuong", name: "Phường" },
    ],
    root: {
      code: "XA",
      name: "XA",
      children: [
        { code: "1.1", name: "Có kế hoạch chuyển đổi số", max: 4, rule: { kind: "boolean" }, evidence: "required" },
        { code: "1.2", name: "Có cổng thông tin", max: 4, rule: { kind: "boolean" } },
        { code: "1.3", name: "Có tổ công nghệ số", max: 4, rule: { kind: "boolean" } },
        { code: "2.1", name: "Tỷ lệ hồ sơ trực tuyến", max: 10, rule: { kind: "fraction" } },
        {
          code: "3.1",
          name: "Phổ cập kỹ năng số",
          max: 5,
          inputs: [
            { code: "3.1.x", name: "Số người hoàn thành", type: "integer", min: 0 },
            { code: "3.1.y", name: "Số người phải thực hiện", type: "integer", min: 0 },
            { code: "3.1.z", name: "Có công khai kết quả", type: "boolean" },
          ],
          rule: { kind: "expr", expr: "IF([3.1.y] = 0, 0, MIN(1, [3.1.x] / [3.1.y]) * 0.8 + IF([3.1.z], 0.2, 0))" },
        },
        ...extra,
      ],
    },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

const CODES = ["1.1", "1.2", "1.3", "2.1", "3.1", "3.1.x", "3.1.y", "3.1.z"];

/**
 * The form of Xã Tiên Lãng: header block, the table's header on row 5, then one row per code
 * (column A) from row 6 with its figure in D and its evidence in G: 1.1 on D6, 1.2 on D7, 1.3 on
 * D8, 2.1 on D9, 3.1.x on D11, 3.1.y on D12, 3.1.z on D13.
 */
function form(figures: Record<string, CellValue>, evidence: Record<string, string> = {}, codes: string[] = CODES): SheetSnapshot {
  return {
    name: "Xã Tiên Lãng",
    values: [
      ["Đơn vị", "Xã Tiên Lãng"],
      ["Mã đơn vị", "X20"],
      ["Nhóm", "xa"],
      [],
      ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Số liệu thẩm định", "Tự chấm", "Minh chứng"],
      ...codes.map((c) => [c, c, null, figures[c] ?? null, null, null, evidence[c] ?? null]),
    ],
  };
}

const said = (issues: Issue[]) => issues.filter((i) => i.code === "blank-read-as-no");
const DECISION = "Quyết định số 283/QĐ-UBND ngày 6/3/2025 của UBND xã về kế hoạch chuyển đổi số";

describe("a blank yes/no cell read as \"Không\" on a form ticked with \"x\"", () => {
  test("with evidence in its row: a warning at the cell, quoting the evidence, where the blank of a form without \"x\" is missing", () => {
    const m = model("exclude");
    // The audit's case: 1.1 left blank beside a decision cited as evidence; 1.2 and 1.3 answered "x".
    const figures = { "1.2": "x", "1.3": "x", "2.1": 0.5, "3.1.x": 40, "3.1.y": 50, "3.1.z": "Có" };
    const read = readSubmissions(m, { sheets: [form(figures, { "1.1": DECISION })] });
    expect(read.submissions[0]!.values["1.1"]).toBe(false);
    expect(said(read.issues).map((i) => [i.severity, i.sheet, i.cell, i.unit, i.node])).toEqual([["warning", "Xã Tiên Lãng", "D6", "X20", "1.1"]]);
    const [issue] = said(read.issues);
    expect(issue!.message.vi).toBe(
      `Trang tính 'Xã Tiên Lãng', ô D6: ô để trống (chỉ tiêu 1.1) được hiểu là "Không" vì phiếu đánh dấu "x" cho các câu trả lời "Có" (ô D7, D8), nên chỉ tiêu này được tính 0 điểm thay vì không được tính khi tổng hợp điểm như một ô chưa có số liệu; nhưng ô minh chứng G6 lại ghi "Quyết định số 283/QĐ-UBND ngày 6/3/2025…", trái với câu trả lời "Không" — hãy kiểm tra với đơn vị rồi ghi "Có" hoặc "Không" vào ô này.`,
    );
    expect(issue!.message.en).toBe(
      `Sheet 'Xã Tiên Lãng', cell D6: the blank cell (indicator 1.1) is read as "No" because the form marks "Yes" answers with "x" (cells D7, D8), so the indicator scores 0 rather than being left out of the aggregation as a missing figure would be; yet the evidence cell G6 holds "Quyết định số 283/QĐ-UBND ngày 6/3/2025…", which contradicts the "No" — check with the unit and write "Yes" or "No" in the cell.`,
    );
    // Still scored as "no" (the convention stands), now on record.
    expect(scoreUnits(m, read.submissions).units[0]!.nodes["1.1"]).toMatchObject({ value: 0, points: 0 });
    // The same blank on a form answered "Có", not "x": a missing input, left out under "exclude".
    const plain = readSubmissions(m, { sheets: [form({ ...figures, "1.2": "Có", "1.3": "Có" }, { "1.1": DECISION })] });
    expect(plain.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([["missing-input", "info", "D6"]]);
    expect(scoreUnits(m, plain.submissions).units[0]!.nodes["1.1"]!.value).toBeNull();
  });

  test("under missing \"zero\" the evidence still contradicts the \"Không\": a warning, without what \"exclude\" would do", () => {
    const read = readSubmissions(model("zero"), { sheets: [form({ "1.2": "x", "2.1": 0.5, "3.1.x": 40, "3.1.y": 50, "3.1.z": "Có" }, { "1.1": DECISION })] });
    const found = said(read.issues);
    expect(found.map((i) => [i.severity, i.cell])).toEqual([
      ["warning", "D6"],
      ["info", "D8"],
    ]);
    expect(found[0]!.message.vi).toContain("nên chỉ tiêu này được tính 0 điểm; nhưng ô minh chứng G6");
    expect(found[0]!.message.en).toContain('(cell D7), so the indicator scores 0; yet the evidence cell G6');
  });

  test("a checklist's blank \"no\" rows are said once a form, listing every cell: information when the missing-data rule would score them the same", () => {
    const extra = ["4.1", "4.2", "4.3", "4.4", "4.5"].map((code) => ({ code, name: code, max: 2, rule: { kind: "boolean" } }));
    const m = model("zero", extra);
    const codes = [...CODES, "4.1", "4.2", "4.3", "4.4", "4.5"];
    const figures = { "1.1": "x", "2.1": 0.5, "3.1.x": 40, "3.1.y": 50, "3.1.z": "x", "4.2": "x" };
    const read = readSubmissions(m, { sheets: [form(figures, {}, codes)] });
    // 1.2, 1.3, 4.1, 4.3, 4.4 and 4.5: one finding, at the first of them, not six.
    const found = said(read.issues);
    expect(found.map((i) => [i.severity, i.cell, i.node])).toEqual([["info", "D7", "1.2"]]);
    expect(found[0]!.message.vi).toBe(
      `Trang tính 'Xã Tiên Lãng', ô D7: 6 ô để trống (D7, D8, D14, D16, D17, D18) được hiểu là "Không" vì phiếu đánh dấu "x" cho các câu trả lời "Có" (ô D6, D13, D15) — nếu đơn vị chưa trả lời ô nào trong số này, hãy hỏi lại đơn vị rồi ghi "Có" hoặc "Không" vào ô đó.`,
    );
    expect(found[0]!.message.en).toBe(
      `Sheet 'Xã Tiên Lãng', cell D7: 6 blank cells (D7, D8, D14, D16, D17, D18) are read as "No" because the form marks "Yes" answers with "x" (cells D6, D13, D15) — if the unit has not answered one of them, ask it and write "Yes" or "No" in that cell.`,
    );
    expect(read.issues.filter((i) => i.code === "missing-input")).toEqual([]);
  });

  test("under missing \"exclude\" the list is one warning, naming the indicators a blank would leave out", () => {
    const read = readSubmissions(model("exclude"), { sheets: [form({ "1.1": "x", "2.1": 0.5, "3.1.x": 40, "3.1.y": 50, "3.1.z": "Có" })] });
    const found = said(read.issues);
    expect(found.map((i) => [i.severity, i.cell, i.node])).toEqual([["warning", "D7", "1.2"]]);
    expect(found[0]!.message.vi).toContain('2 ô để trống (D7, D8) được hiểu là "Không" vì phiếu đánh dấu "x" cho câu trả lời "Có" (ô D6); nếu coi là chưa trả lời (chưa có số liệu) thì các chỉ tiêu 1.2 và 1.3 sẽ không được tính khi tổng hợp điểm —');
    expect(found[0]!.message.en).toContain("were they taken as unanswered (missing figures), indicators 1.2 and 1.3 would be left out of the aggregation —");
  });

  test("a yes/no input an expression reads: the \"Không\" scores 0,8 where a missing input scores 0, so a warning says so", () => {
    const m = model("zero");
    const read = readSubmissions(m, { sheets: [form({ "1.1": "x", "1.2": "Không", "1.3": "Không", "2.1": 0.5, "3.1.x": 50, "3.1.y": 50 })] });
    expect(scoreUnits(m, read.submissions).units[0]!.nodes["3.1"]!.value).toBeCloseTo(0.8);
    const found = said(read.issues);
    expect(found.map((i) => [i.severity, i.cell, i.node])).toEqual([["warning", "D13", "3.1.z"]]);
    expect(found[0]!.message.vi).toBe(
      `Trang tính 'Xã Tiên Lãng', ô D13: ô để trống (số liệu 3.1.z của chỉ tiêu 3.1) được hiểu là "Không" vì phiếu đánh dấu "x" cho câu trả lời "Có" (ô D6); nếu coi là chưa trả lời (chưa có số liệu) thì chỉ tiêu 3.1 sẽ được tính 0 điểm — nếu đơn vị chưa trả lời, hãy hỏi lại đơn vị rồi ghi "Có" hoặc "Không" vào ô này.`,
    );
    expect(found[0]!.message.en).toBe(
      `Sheet 'Xã Tiên Lãng', cell D13: the blank cell (input 3.1.z of indicator 3.1) is read as "No" because the form marks a "Yes" answer with "x" (cell D6); were it taken as unanswered (a missing figure), indicator 3.1 would score 0 — if the unit has not answered, ask it and write "Yes" or "No" in the cell.`,
    );
    // Where the expression does not read it (nothing to do: 3.1.y is 0), nothing is said.
    const unread = readSubmissions(m, { sheets: [form({ "1.1": "x", "1.2": "Không", "1.3": "Không", "2.1": 0.5, "3.1.x": 0, "3.1.y": 0 })] });
    expect(said(unread.issues)).toEqual([]);
  });

  test("not said for an indicator that is not scored for the unit: another category's, or answered not applicable", () => {
    const extra = [
      { code: "5.1", name: "Chỉ cho phường", max: 2, rule: { kind: "boolean" }, appliesTo: ["phuong"] },
      { code: "5.2", name: "Có thể không áp dụng", max: 2, rule: { kind: "boolean" }, allowNA: true },
    ];
    const m = model("zero", extra);
    const codes = [...CODES, "5.1", "5.2"];
    const read = readSubmissions(m, { sheets: [form({ "1.1": "x", "1.2": "Có", "1.3": "Không", "2.1": 0.5, "3.1.x": 40, "3.1.y": 50, "3.1.z": "Có" }, {}, codes)] });
    // 5.1 does not apply to a "xa"; 5.2 is blank and applies: it alone is said.
    expect(said(read.issues).map((i) => i.node)).toEqual(["5.2"]);
    const na = readSubmissions(m, { sheets: [form({ "1.1": "x", "1.2": "Có", "1.3": "Không", "2.1": 0.5, "3.1.x": 40, "3.1.y": 50, "3.1.z": "Có", "5.2": "Không áp dụng" }, {}, codes)] });
    expect(said(na.issues)).toEqual([]);
  });

  test("on a table's row, the row is said to tick with \"x\"; in a CSV file, by columns", () => {
    const m = model("exclude");
    const csv = csvToSnapshot("Mã đơn vị,Đơn vị,Nhóm,1.1,1.2,1.3,2.1,3.1.x,3.1.y,3.1.z\nX20,Xã Tiên Lãng,xa,x,,,0.5,40,50,Có\n", "xa", "xa.csv");
    const read = readSubmissions(m, csv);
    const found = said(read.issues);
    expect(found.map((i) => [i.severity, i.unit, i.node])).toEqual([["warning", "X20", "1.2"]]);
    expect(found[0]!.message.vi).toContain('Tệp xa.csv, dòng 2, cột E: 2 ô để trống (cột E, F) được hiểu là "Không" vì dòng của đơn vị đánh dấu "x" cho câu trả lời "Có" (cột D);');
    expect(found[0]!.message.en).toContain('File xa.csv, row 2, column E: 2 blank cells (columns E, F) are read as "No" because the unit\'s row marks a "Yes" answer with "x" (column D);');
  });

  test("counted with the unit's findings, in a scoring run and on the results sheet", async () => {
    const m = model("exclude");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Xã Tiên Lãng");
    form({ "1.2": "x", "1.3": "x", "2.1": 0.5, "3.1.x": 40, "3.1.y": 50, "3.1.z": "Có" }, { "1.1": DECISION }).values.forEach((row, r) =>
      row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)),
    );
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const result = await runScoring(host, { definition: m.definition, lang: "vi", projectVersion: "0.1.0", write: false });
    expect(said(result.issues).map((i) => [i.severity, i.cell, i.unit])).toEqual([["warning", "D6", "X20"]]);
    expect(issueCounts(result.issues).get("X20")).toEqual({ error: 0, warning: 1, info: 0 });
    expect(countIssuesByUnit(result.issues).get("X20")).toEqual({ errors: 0, warnings: 1 });
  });
});
