/**
 * A text number read two ways in an index that writes numbers one way ("numberLocale": "en" or
 * "vi"): "12.500" in an en index is 12,5 the index's way and 12500 the Vietnamese way; "1,860" in a
 * vi one is 1,86, and 1860 the English way. Said at its cell, and read the unit's way when the unit
 * types its other figures the other way ("74,1" on its row); and a figure below the lowest figure
 * of its scale, which the rule clips, is said too, so that a unit's 0 has a reason beside it.
 */
import { parseDefinition } from "../definition";
import type { IndexModel, IndicatorModel } from "../definition/model";
import { BUILTIN_INDICES } from "../../indices";
import { resultIssues, scoreUnits } from "../score";
import type { CellValue, WorkbookSnapshot } from "../types";
import { csvToSnapshot } from "./csv";
import { parseNumberText } from "./numbers";
import { readSubmissions } from "./read";
import { readCell } from "./values";

function hdi(): IndexModel {
  const parsed = parseDefinition(BUILTIN_INDICES.find((b) => b.id === "undp-hdi")!.definition);
  if (!parsed.ok) throw new Error("the built-in HDI does not parse");
  return parsed.model;
}

/** A table of units on a sheet `Số liệu`, as the audit's workbook: code, name, le, eys, mys, gnipc. */
function hdiSheet(...rows: CellValue[][]): WorkbookSnapshot {
  return { sheets: [{ name: "Số liệu", values: [["Mã đơn vị", "Đơn vị", "le", "eys", "mys", "gnipc"], ...rows] }] };
}

function oneInput(numberLocale: "vi" | "en", type: "number" | "integer" = "number"): IndexModel {
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
        { code: "1.1", name: "Số người", max: 10, inputs: [{ code: "1.1", name: "Số người", type }], rule: { kind: "minmax", min: 0, max: 100000 } },
        { code: "1.2", name: "Tỷ lệ", max: 10, inputs: [{ code: "1.2", name: "Tỷ lệ", type: "number" }], rule: { kind: "minmax", min: 0, max: 100 } },
      ],
    },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

describe("a text number the index's way reads as a decimal and the other way as thousands", () => {
  test("carries its other reading in en and vi, and only where the index's way reads a decimal", () => {
    expect(parseNumberText("12.500", "en")).toEqual({ value: 12.5, ambiguous: false, percent: false, otherWay: 12500 });
    expect(parseNumberText("1,860", "vi")).toEqual({ value: 1.86, ambiguous: false, percent: false, otherWay: 1860 });
    expect(parseNumberText("-1.860", "en")).toMatchObject({ value: -1.86, otherWay: -1860 });
    expect(parseNumberText("12.500%", "en")).toMatchObject({ value: 0.125, percent: true, otherWay: 125 });
    // Thousands the index's own way ("11,397" in en, "1.860" in vi), and a text one way only, are what they are.
    for (const [text, locale] of [["11,397", "en"], ["1.860", "vi"], ["0.500", "en"], ["12.5", "en"], ["0,500", "vi"], ["1.860", "auto"]] as const) {
      expect(parseNumberText(text, locale)).not.toHaveProperty("otherWay");
    }
  });

  test("is read the index's way with a warning, or the unit's way when the unit types figures the other way", () => {
    const model = oneInput("en");
    const input = model.inputs.get("1.1")!;
    const ctx = { input, indicator: model.nodes.get("1.1") as IndicatorModel, numberLocale: "en" as const };
    expect(readCell("12.500", ctx)).toEqual({ kind: "value", value: 12.5, raw: "12.500", notes: [{ code: "ambiguous-number", value: 12.5, other: 12500, indexWay: "en" }] });
    const unitFigure = { cell: "D3", raw: "74,1" };
    expect(readCell("12.500", { ...ctx, otherWayFigure: unitFigure })).toEqual({
      kind: "value",
      value: 12500,
      raw: "12.500",
      notes: [{ code: "ambiguous-number", value: 12500, other: 12.5, indexWay: "en", unitFigure }],
    });
    // An integer input takes 12500 only: read so, silently, as "auto" does.
    const integer = oneInput("en", "integer");
    expect(readCell("12.500", { ...ctx, input: integer.inputs.get("1.1")!, indicator: integer.nodes.get("1.1") as IndicatorModel })).toEqual({
      kind: "value",
      value: 12500,
      raw: "12.500",
      notes: [],
    });
  });

  test("the audit's HDI row typed the Vietnamese way reads 12.500 as 12500, says so at its cell, and the HDI is not 0", () => {
    const model = hdi();
    const read = readSubmissions(model, hdiSheet(["A", "Tỉnh A", 74.1, 13.9, 8.5, 12500], ["B", "Tỉnh B", "74,1", "13,9", "8,5", "12.500"]));
    expect(read.submissions[1]!.values["gnipc"]).toBe(12500);
    const f3 = read.issues.filter((i) => i.cell === "F3");
    expect(f3).toHaveLength(1);
    expect(f3[0]).toMatchObject({ severity: "warning", code: "ambiguous-number", sheet: "Số liệu", unit: "B", node: "gnipc" });
    expect(f3[0]!.message.vi).toBe(
      'Trang tính \'Số liệu\', ô F3: "12.500" được hiểu là 12500 (mười hai nghìn năm trăm) theo cách viết số của Việt Nam (dấu chấm phân cách hàng nghìn), như đơn vị viết các số liệu khác (ô C3: "74,1"), không phải 12,5 theo cách viết số của bộ chỉ số (kiểu tiếng Anh, dấu chấm thập phân); hãy kiểm tra lại số liệu — nên nhập dạng số để tránh nhầm lẫn (số liệu gnipc của chỉ tiêu income).',
    );
    expect(f3[0]!.message.en).toBe(
      'Sheet \'Số liệu\', cell F3: "12.500" is read the Vietnamese way (a dot groups thousands) as 12500 (twelve thousand five hundred), as the unit writes its other figures (cell C3: "74,1"), not the index\'s way (English, decimal point) as 12.5; check the figure — enter it as a number cell to avoid confusion (input gnipc of indicator income).',
    );
    const table = scoreUnits(model, read.submissions);
    expect(table.units[1]!.value).toBeCloseTo(table.units[0]!.value!, 6);
    expect(resultIssues(model, read.submissions, table)).toEqual([]);
  });

  test("alone on a row of number cells, 12.500 is the index's 12,5, said with its other reading, and the clipped 0 is said too", () => {
    const model = hdi();
    const read = readSubmissions(model, hdiSheet(["B", "Tỉnh B", 74.1, 13.9, 8.5, "12.500"]));
    expect(read.submissions[0]!.values["gnipc"]).toBe(12.5);
    expect(read.issues.map((i) => [i.code, i.cell])).toEqual([["ambiguous-number", "F2"]]);
    expect(read.issues[0]!.message.vi).toBe(
      'Trang tính \'Số liệu\', ô F2: "12.500" được hiểu là 12,5 (mười hai phẩy năm) theo cách viết số của bộ chỉ số (kiểu tiếng Anh, dấu chấm thập phân), không phải 12500 theo cách viết số của Việt Nam (dấu chấm phân cách hàng nghìn); nên nhập dạng số để tránh nhầm lẫn (số liệu gnipc của chỉ tiêu income).',
    );
    expect(read.issues[0]!.message.en).toBe(
      'Sheet \'Số liệu\', cell F2: "12.500" is read the index\'s way (English, decimal point) as 12.5 (twelve point five), not the Vietnamese way (a dot groups thousands) as 12500; enter it as a number cell to avoid confusion (input gnipc of indicator income).',
    );
    const table = scoreUnits(model, read.submissions);
    expect(table.units[0]!.value).toBe(0);
    const clipped = resultIssues(model, read.submissions, table);
    expect(clipped).toEqual([
      {
        severity: "warning",
        code: "below-scale-minimum",
        sheet: "Số liệu",
        cell: "F2",
        unit: "B",
        node: "income",
        message: {
          vi: 'Trang tính \'Số liệu\', ô F2: số liệu gnipc của chỉ tiêu income (12,5) thấp hơn mức tối thiểu 100 của thang đo (quy tắc "minmax", từ 100 đến 75.000) nên được tính bằng 100: chỉ tiêu có giá trị 0; hãy kiểm tra lại số liệu.',
          en: 'Sheet \'Số liệu\', cell F2: the figure of input gnipc of indicator income (12.5) is below the scale\'s minimum of 100 (its "minmax" rule runs from 100 to 75,000), so it counts as 100: the indicator has a value of 0; check the figure.',
        },
      },
    ]);
  });

  test("in a CSV file the advice writes both readings the index's way, and names the unit's figure by its column", () => {
    const model = hdi();
    const alone = readSubmissions(model, csvToSnapshot('Mã đơn vị,Đơn vị,le,eys,mys,gnipc\nB,Tỉnh B,74.1,13.9,8.5,"12.500"\n', "bang", "bang.csv"));
    expect(alone.issues[0]!.message.vi).toContain("để tránh nhầm lẫn, trong tệp CSV hãy viết 12500 (không có dấu phân cách hàng nghìn), hoặc 12.5 nếu đó là số thập phân");
    expect(alone.issues[0]!.message.en).toContain("write it in the CSV file as 12500 (no thousands separator), or as 12.5 if it is a decimal");
    const typedVi = readSubmissions(model, csvToSnapshot('Mã đơn vị,Đơn vị,le,eys,mys,gnipc\nB,Tỉnh B,"74,1",13.9,8.5,"12.500"\n', "bang", "bang.csv"));
    const f2 = typedVi.issues.find((i) => i.cell === "F2")!;
    expect(f2.message.vi).toMatch(/^Tệp bang\.csv, dòng 2, cột F: "12\.500" được hiểu là 12500 .*như đơn vị viết các số liệu khác \(cột C: "74,1"\)/);
    expect(f2.message.en).toContain('as the unit writes its other figures (column C: "74,1")');
  });

  test("in a vi index, 1,860 is 1,86 with a warning, and 1860 where the unit types decimals the English way", () => {
    const model = oneInput("vi");
    const sheet = (a: CellValue, b: CellValue) => ({ sheets: [{ name: "Số liệu", values: [["Mã đơn vị", "Đơn vị", "1.1", "1.2"], ["A", "Đơn vị A", a, b]] }] });
    const alone = readSubmissions(model, sheet("1,860", 12));
    expect(alone.submissions[0]!.values["1.1"]).toBe(1.86);
    expect(alone.issues.map((i) => [i.code, i.cell])).toEqual([["ambiguous-number", "C2"]]);
    expect(alone.issues[0]!.message.vi).toBe(
      'Trang tính \'Số liệu\', ô C2: "1,860" được hiểu là 1,86 (một phẩy tám sáu) theo cách viết số của bộ chỉ số (kiểu Việt Nam, dấu phẩy thập phân), không phải 1860 theo cách viết số kiểu tiếng Anh (dấu phẩy phân cách hàng nghìn); nên nhập dạng số để tránh nhầm lẫn (chỉ tiêu 1.1).',
    );
    const typedEn = readSubmissions(model, sheet("1,860", "73.6"));
    expect(typedEn.submissions[0]!.values["1.1"]).toBe(1860);
    expect(typedEn.issues.find((i) => i.cell === "C2")!.message.en).toBe(
      'Sheet \'Số liệu\', cell C2: "1,860" is read the English way (a comma groups thousands) as 1860 (one thousand eight hundred sixty), as the unit writes its other figures (cell D2: "73.6"), not the index\'s way (Vietnamese, decimal comma) as 1.86; check the figure — enter it as a number cell to avoid confusion (indicator 1.1).',
    );
    // The index's own thousands ("1.860" in vi) stay silent.
    expect(readSubmissions(model, sheet("1.860", 12)).issues).toEqual([]);
  });
});
