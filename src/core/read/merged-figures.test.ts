import ExcelJS from "exceljs";
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import { runScoring } from "../pipeline";
import type { CellValue, Issue, SheetSnapshot } from "../types";
import { XlsxHost } from "../../hosts/xlsx/host";
import { readSubmissions } from "./read";

/** A commune index: a yes/no plan, a share, and a ratio of two inputs (one input a row on the form). */
function model(missing: "zero" | "exclude" = "zero", extra: unknown[] = []): IndexModel {
  const parsed = parseDefinition({
    format: "index-definition/1",
    id: "xa-thu",
    version: "2024",
    name: "Xã",
    missing,
    root: {
      code: "XA",
      name: "XA",
      children: [
        { code: "1.1", name: "Có kế hoạch chuyển đổi số", max: 10, rule: { kind: "boolean" } },
        { code: "2.1", name: "Tỷ lệ hồ sơ trực tuyến", max: 10, rule: { kind: "fraction" } },
        {
          code: "2.2",
          name: "Văn bản ký số",
          max: 10,
          inputs: [
            { code: "2.2.a", name: "Số văn bản ký số", type: "integer", min: 0 },
            { code: "2.2.b", name: "Tổng số văn bản", type: "integer", min: 0 },
          ],
          rule: { kind: "ratio", numerator: "2.2.a", denominator: "2.2.b" },
        },
        ...extra,
      ],
    },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

/**
 * The form of Xã Tân Phú: header block, the table's header on row 4, then one row per code
 * (column A) with its figure in D (`Số liệu`): 1.1 on row 5, 2.1 on 6, 2.2 on 7, 2.2.a on 8, 2.2.b on 9.
 */
function form(figures: Record<string, CellValue>, merges?: string[], extraRows: string[] = []): SheetSnapshot {
  const codes = ["1.1", "2.1", "2.2", "2.2.a", "2.2.b", ...extraRows];
  return {
    name: "Xã Tân Phú",
    values: [
      ["Đơn vị", "Xã Tân Phú"],
      ["Mã đơn vị", "X02"],
      [],
      ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Số liệu thẩm định"],
      ...codes.map((c) => [c, c, null, figures[c] ?? null]),
    ],
    ...(merges ? { merges } : {}),
  };
}

const missingInputs = (issues: Issue[]) => issues.filter((i) => i.code === "missing-input");

describe("a figure in a merged cell (layout A)", () => {
  test("a blank input cell inside a merge that shows a figure: a warning naming the merge and its value's cell, in both languages", () => {
    const m = model();
    const read = readSubmissions(m, { sheets: [form({ "1.1": "Có", "2.1": 0.5, "2.2.a": 7 }, ["D8:D9"])] });
    // The figure is read for the merge's top-left row only.
    expect(read.submissions[0]!.values).toEqual({ "1.1": true, "2.1": 0.5, "2.2.a": 7 });
    const said = missingInputs(read.issues);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ severity: "warning", sheet: "Xã Tân Phú", cell: "D9", unit: "X02" });
    expect(said[0]!.message).toEqual({
      vi: "Trang tính 'Xã Tân Phú', ô D9: ô này thuộc vùng ô gộp D8:D9, giá trị của vùng (7) nằm ở ô D8 và chỉ được đọc cho dòng của ô đó, nên chưa có số liệu 2.2.b của chỉ tiêu 2.2; chỉ tiêu này được tính 0 điểm; mỗi số liệu cần một ô riêng: hãy bỏ gộp vùng D8:D9 và nhập số liệu của từng dòng vào ô của dòng đó.",
      en: "Sheet 'Xã Tân Phú', cell D9: the cell is part of the merged range D8:D9, whose value (7) is in D8 and is read for that cell's row only, so there is no value for input 2.2.b of indicator 2.2; the indicator scores 0; each input needs its own cell: unmerge D8:D9 and enter each row's figure in that row's cell.",
    });
  });

  test("a merge over three rows holding \"Có\": the indicator on its last row is told so, text quoted", () => {
    const m = model();
    const read = readSubmissions(m, { sheets: [form({ "1.1": "Có", "2.2.a": 3, "2.2.b": 4 }, ["'Xã Tân Phú'!D5:D7"])] });
    expect(read.submissions[0]!.values).toEqual({ "1.1": true, "2.2.a": 3, "2.2.b": 4 });
    const said = missingInputs(read.issues);
    expect(said.map((i) => [i.node, i.cell, i.severity])).toEqual([["2.1", "D6", "warning"]]);
    expect(said[0]!.message.vi).toContain('ô này thuộc vùng ô gộp D5:D7, giá trị của vùng ("Có") nằm ở ô D5');
    expect(said[0]!.message.en).toBe(
      'Sheet \'Xã Tân Phú\', cell D6: the cell is part of the merged range D5:D7, whose value ("Có") is in D5 and is read for that cell\'s row only, so there is no value for indicator 2.1; it scores 0; each input needs its own cell: unmerge D5:D7 and enter each row\'s figure in that row\'s cell.',
    );
  });

  test("without the merges (a host that does not read them), or with the whole merge blank, the plain sentence", () => {
    const m = model();
    const plain = "Sheet 'Xã Tân Phú', cell D9: no value for input 2.2.b of indicator 2.2; the indicator scores 0.";
    const unread = missingInputs(readSubmissions(m, { sheets: [form({ "1.1": "Có", "2.1": 0.5, "2.2.a": 7 })] }).issues);
    expect(unread.map((i) => i.message.en)).toEqual([plain]);
    const blank = missingInputs(readSubmissions(m, { sheets: [form({ "1.1": "Có", "2.1": 0.5 }, ["D8:D9"])] }).issues);
    expect(blank.map((i) => i.message.en)).toEqual([
      "Sheet 'Xã Tân Phú', cell D8: no value for input 2.2.a of indicator 2.2; the indicator scores 0.",
      plain,
    ]);
  });

  test("a merge over the code's or the name's cells, not the figure's, changes nothing", () => {
    const m = model();
    const read = readSubmissions(m, { sheets: [form({ "1.1": "Có", "2.1": 0.5, "2.2.a": 7 }, ["B8:C9"])] });
    expect(missingInputs(read.issues).map((i) => i.message.en)).toEqual(["Sheet 'Xã Tân Phú', cell D9: no value for input 2.2.b of indicator 2.2; the indicator scores 0."]);
  });

  test("under missing \"exclude\", an indicator left out because its cell sits in a merge is a warning, not information", () => {
    const m = model("exclude");
    const read = readSubmissions(m, { sheets: [form({ "1.1": "Có", "2.2.a": 3, "2.2.b": 4 }, ["D5:D6"])] });
    const said = missingInputs(read.issues);
    expect(said.map((i) => [i.node, i.severity])).toEqual([["2.1", "warning"]]);
    expect(said[0]!.message.en).toContain("merged range D5:D6, whose value (\"Có\") is in D5");
    expect(said[0]!.message.en).toContain("it is left out of the aggregation; each input needs its own cell");
    // The same blank cell outside a merge stays information.
    expect(missingInputs(readSubmissions(m, { sheets: [form({ "1.1": "Có", "2.2.a": 3, "2.2.b": 4 })] }).issues).map((i) => i.severity)).toEqual(["info"]);
  });

  test("a checklist box merged with the one above shows its \"x\": not read as \"no\", but said", () => {
    const m = model("zero", [
      { code: "3.1", name: "Cổng thông tin", max: 5, rule: { kind: "boolean" } },
      { code: "3.2", name: "Hệ thống một cửa", max: 5, rule: { kind: "boolean" } },
    ]);
    const figures = { "1.1": "x", "2.1": 0.5, "2.2.a": 3, "2.2.b": 4, "3.1": "x" };
    // Unmerged, a blank box beside ticked ones is "no": said so, not as a missing input.
    const unmerged = readSubmissions(m, { sheets: [form(figures, undefined, ["3.1", "3.2"])] });
    expect(unmerged.submissions[0]!.values["3.2"]).toBe(false);
    expect(missingInputs(unmerged.issues)).toEqual([]);
    expect(unmerged.issues.filter((i) => i.code === "blank-read-as-no").map((i) => [i.node, i.cell])).toEqual([["3.2", "D11"]]);
    // Merged with 3.1's box (rows 10 and 11), it shows "x": not taken for "no".
    const merged = readSubmissions(m, { sheets: [form(figures, ["D10:D11"], ["3.1", "3.2"])] });
    expect(merged.submissions[0]!.values["3.1"]).toBe(true);
    expect(merged.submissions[0]!.values["3.2"]).toBeUndefined();
    expect(missingInputs(merged.issues).map((i) => [i.node, i.cell, i.severity])).toEqual([["3.2", "D11", "warning"]]);
    expect(missingInputs(merged.issues)[0]!.message.vi).toContain('ô này thuộc vùng ô gộp D10:D11, giá trị của vùng ("x") nằm ở ô D10');
    expect(merged.issues.filter((i) => i.code === "blank-read-as-no")).toEqual([]);
  });

  test("a workbook saved with a merged figure: the .xlsx host reads the merge and the scoring run says it", async () => {
    const m = model();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Xã Tân Phú");
    form({ "1.1": "Có", "2.1": 0.8, "2.2.a": 7 }).values.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)));
    ws.mergeCells("D8:D9");
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const result = await runScoring(host, { definition: m.definition, lang: "vi", projectVersion: "0.1.0", write: false });
    const said = missingInputs(result.issues);
    expect(said.map((i) => [i.node, i.cell])).toEqual([["2.2.b", "D9"]]);
    expect(said[0]!.message.vi).toContain("ô này thuộc vùng ô gộp D8:D9, giá trị của vùng (7) nằm ở ô D8");
    expect(said[0]!.message.vi).toContain("mỗi số liệu cần một ô riêng: hãy bỏ gộp vùng D8:D9");
  });
});
