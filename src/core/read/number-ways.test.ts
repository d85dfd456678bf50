/**
 * A text number read two ways in an index that writes numbers one way ("numberLocale": "en" or
 * "vi"): "12.500" in an en index is 12,5 the index's way and 12500 the Vietnamese way; "1,860" in a
 * vi one is 1,86, and 1860 the English way. Read the index's way silently, unless the unit's row
 * or form types figures the other way ("74,1"): then read the unit's way and said at its cell, or,
 * when the unit also types figures the index's way ("73.5"), kept the index's way and said. The
 * advice given can be followed: it never asks for the text that raised it. A figure below the
 * lowest figure of its scale, which the rule clips, is said too, so that a unit's 0 has a reason.
 */
import { parseDefinition } from "../definition";
import type { IndexModel, IndicatorModel } from "../definition/model";
import { BUILTIN_INDICES } from "../../indices";
import { resultIssues, scoreUnits } from "../score";
import type { CellValue, WorkbookSnapshot } from "../types";
import { csvToSnapshot } from "./csv";
import { numberWay, parseNumberText } from "./numbers";
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

  test("tells the way a text shows only where one way alone reads it: a decimal mark, or a mark that groups", () => {
    const vi = ["74,1", "0,750", "85,5%", ",5", "1.234,5", "1.234.567", "12,50", "-0,5", "1,5E3", "1 234,5"];
    const en = ["73.5", "0.750", "85.5%", ".5", "11,397.5", "1,234,567", "12.50", "-0.5", "1.5E3", "1 234.5"];
    for (const text of vi) expect([text, numberWay(text)]).toEqual([text, "vi"]);
    for (const text of en) expect([text, numberWay(text)]).toEqual([text, "en"]);
    // Plain integers, and the texts the two ways read differently, tell nothing; nor does what is no number.
    for (const text of ["1860", "12", "1 860", "1E3", "12.500", "1,860", "-1.860%", "abc", "", "1,5 lần"]) expect([text, numberWay(text)]).toEqual([text, undefined]);
  });

  test("is read the index's way silently, the unit's way when it types figures the other way only, and the index's way, said, when it types both", () => {
    const model = oneInput("en");
    const input = model.inputs.get("1.1")!;
    const ctx = { input, indicator: model.nodes.get("1.1") as IndicatorModel, numberLocale: "en" as const };
    expect(readCell("12.500", ctx)).toEqual({ kind: "value", value: 12.5, raw: "12.500", notes: [] });
    const unitFigure = { cell: "D3", raw: "74,1" };
    expect(readCell("12.500", { ...ctx, unitWays: { other: unitFigure } })).toEqual({
      kind: "value",
      value: 12500,
      raw: "12.500",
      notes: [{ code: "ambiguous-number", value: 12500, other: 12.5, indexWay: "en", unitFigure }],
    });
    const indexFigure = { cell: "E3", raw: "73.5" };
    expect(readCell("12.500", { ...ctx, unitWays: { other: unitFigure, index: indexFigure } })).toEqual({
      kind: "value",
      value: 12.5,
      raw: "12.500",
      notes: [{ code: "ambiguous-number", value: 12.5, other: 12500, indexWay: "en", unitFigure, indexFigure }],
    });
    // Figures only the index's way: nothing to doubt.
    expect(readCell("12.500", { ...ctx, unitWays: { index: indexFigure } })).toEqual({ kind: "value", value: 12.5, raw: "12.500", notes: [] });
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
    // Nothing is said of the units' figures (the index's own findings, as about its ranking, aside).
    expect(resultIssues(model, read.submissions, table).filter((i) => i.unit !== undefined)).toEqual([]);
  });

  test("alone on a row of number cells, 12.500 is the index's 12,5, silently as the index writes it, and the clipped 0 is said", () => {
    const model = hdi();
    const read = readSubmissions(model, hdiSheet(["B", "Tỉnh B", 74.1, 13.9, 8.5, "12.500"]));
    expect(read.submissions[0]!.values["gnipc"]).toBe(12.5);
    expect(read.issues).toEqual([]);
    const table = scoreUnits(model, read.submissions);
    expect(table.units[0]!.value).toBe(0);
    const clipped = resultIssues(model, read.submissions, table).filter((i) => i.unit !== undefined);
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
    expect(alone.issues).toEqual([]);
    const typedVi = readSubmissions(model, csvToSnapshot('Mã đơn vị,Đơn vị,le,eys,mys,gnipc\nB,Tỉnh B,"74,1",13,8,"12.500"\n', "bang", "bang.csv"));
    const f2 = typedVi.issues.find((i) => i.cell === "F2")!;
    expect(f2.message.vi).toMatch(/^Tệp bang\.csv, dòng 2, cột F: "12\.500" được hiểu là 12500 .*như đơn vị viết các số liệu khác \(cột C: "74,1"\)/);
    expect(f2.message.vi).toContain("để tránh nhầm lẫn, trong tệp CSV hãy viết 12500 (không có dấu phân cách hàng nghìn), hoặc 12.5 nếu đó là số thập phân (số liệu");
    expect(f2.message.en).toContain('as the unit writes its other figures (column C: "74,1")');
    expect(f2.message.en).toContain("write it in the CSV file as 12500 (no thousands separator), or as 12.5 if it is a decimal (input");
  });

  test("the advice never asks for the text that raised it: a decimal of three decimals is written with a fourth, which reads one way only", () => {
    // South Sudan's GNI per capita in the HDI 2021 table, on a row typed the Vietnamese way.
    const model = hdi();
    const read = readSubmissions(model, csvToSnapshot('Mã đơn vị,Đơn vị,le,eys,mys,gnipc\nSSD,South Sudan,"54,9752",5,6,767.787\n', "bang", "bang.csv"));
    expect(read.submissions[0]!.values["gnipc"]).toBe(767787);
    const f2 = read.issues.find((i) => i.cell === "F2")!;
    expect(f2.message.vi).toContain(
      "hãy viết 767787 (không có dấu phân cách hàng nghìn), hoặc 767.7870 nếu đó là số thập phân (thêm chữ số 0 ở cuối để số không bị hiểu là hàng nghìn) (số liệu gnipc",
    );
    expect(f2.message.en).toContain(
      "write it in the CSV file as 767787 (no thousands separator), or as 767.7870 if it is a decimal (a 0 added at the end so that it cannot be read as thousands) (input gnipc",
    );
    expect(f2.message.vi).not.toContain("hoặc 767.787 ");
    // What is advised reads as that figure, silently, on the same row.
    for (const [written, value] of [["767787", 767787], ["767.7870", 767.787]] as const) {
      const again = readSubmissions(model, csvToSnapshot(`Mã đơn vị,Đơn vị,le,eys,mys,gnipc\nSSD,South Sudan,"54,9752",5,6,${written}\n`, "bang", "bang.csv"));
      expect(again.submissions[0]!.values["gnipc"]).toBe(value);
      expect(again.issues.filter((i) => i.cell === "F2")).toEqual([]);
    }
    // In a vi index, "1,865" read the English way as 1865: 1,8650 if it is a decimal; and a percentage keeps its "%".
    const vi = oneInput("vi");
    const csv = (a: string) => csvToSnapshot(`Mã đơn vị;Đơn vị;1.1;1.2\nA;Đơn vị A;${a};73.6\n`, "bang", "bang.csv");
    const c2 = readSubmissions(vi, csv("1,865")).issues.find((i) => i.cell === "C2")!;
    expect(c2.message.vi).toContain("hãy viết 1865 (không có dấu phân cách hàng nghìn), hoặc 1,8650 nếu đó là số thập phân (thêm chữ số 0");
    expect(c2.message.en).toContain("write it in the CSV file as 1865 (no thousands separator), or as 1,8650 if it is a decimal (a 0 added");
    const pct = readSubmissions(vi, csv("1,865%")).issues.find((i) => i.cell === "C2")!;
    expect(pct.message.vi).toContain("hãy viết 1865% (không có dấu phân cách hàng nghìn), hoặc 1,8650% nếu đó là số thập phân");
    // A decimal that reads one way already is advised as it is written the index's way: no 0 added.
    const short = readSubmissions(vi, csv("1,860")).issues.find((i) => i.cell === "C2")!;
    expect(short.message.vi).toContain("hãy viết 1860 (không có dấu phân cách hàng nghìn), hoặc 1,86 nếu đó là số thập phân (chỉ tiêu 1.1).");
  });

  test("the published HDI tables as layout-B CSV files, to 3 decimals or as published, read the index's way without a warning", () => {
    // Rows of the HDI 2021 and 2022 tables (UNDP) whose GNI per capita has three decimals after three digits.
    const model = hdi();
    const rows = [
      "SSD,South Sudan,54.9752,5.54251,5.726140022,767.787",
      "SRB,Serbia,74.1923,14.40009022,11.36987019,19123.02747",
      "BDI,Burundi,61.977,9.966378953,3.305215598,712.026",
      "CAF,Central African Republic,54.477,7.285887393,3.9531639,869.112",
      "SSD2,South Sudan 2022,55.567,5.635,5.726,690.661",
    ];
    const read = readSubmissions(model, csvToSnapshot(`Mã đơn vị,Đơn vị,le,eys,mys,gnipc\n${rows.join("\n")}\n`, "hdi", "hdi.csv"));
    expect(read.issues).toEqual([]);
    expect(read.submissions.map((s) => s.values["gnipc"])).toEqual([767.787, 19123.02747, 712.026, 869.112, 690.661]);
  });

  test("in a vi index, 1,860 is 1,86 silently, and 1860 where the unit types decimals the English way", () => {
    const model = oneInput("vi");
    const sheet = (a: CellValue, b: CellValue) => ({ sheets: [{ name: "Số liệu", values: [["Mã đơn vị", "Đơn vị", "1.1", "1.2"], ["A", "Đơn vị A", a, b]] }] });
    const alone = readSubmissions(model, sheet("1,860", 12));
    expect(alone.submissions[0]!.values["1.1"]).toBe(1.86);
    expect(alone.issues).toEqual([]);
    // "1,5" is written the index's way: 1,860 beside it is 1,86 too, silently.
    const typedVi = readSubmissions(model, sheet("1,860", "1,5"));
    expect(typedVi.submissions[0]!.values["1.1"]).toBe(1.86);
    expect(typedVi.issues).toEqual([]);
    const typedEn = readSubmissions(model, sheet("1,860", "73.6"));
    expect(typedEn.submissions[0]!.values["1.1"]).toBe(1860);
    expect(typedEn.issues.find((i) => i.cell === "C2")!.message.en).toBe(
      'Sheet \'Số liệu\', cell C2: "1,860" is read the English way (a comma groups thousands) as 1860 (one thousand eight hundred sixty), as the unit writes its other figures (cell D2: "73.6"), not the index\'s way (Vietnamese, decimal comma) as 1.86; check the figure — enter it as a number cell to avoid confusion (indicator 1.1).',
    );
    // The index's own thousands ("1.860" in vi) stay silent.
    expect(readSubmissions(model, sheet("1.860", 12)).issues).toEqual([]);
  });
});

describe("a unit that writes its figures both ways", () => {
  /** A vi index of six inputs, percentages among them, as a reviewer wrote one. */
  function sixInputs(): IndexModel {
    const parsed = parseDefinition({
      format: "index-definition/1",
      id: "thu-vi",
      version: "1",
      name: "Thử vi",
      numberLocale: "vi",
      root: {
        code: "R",
        name: "R",
        children: [
          { code: "1", name: "Tỷ lệ hồ sơ", max: 10, inputs: [{ code: "1.a", name: "Tỷ lệ", type: "percent" }], rule: { kind: "fraction" } },
          { code: "2", name: "Chỉ số", max: 10, inputs: [{ code: "2.a", name: "Chỉ số", type: "number" }], rule: { kind: "minmax", min: 0, max: 5000 } },
          { code: "3", name: "Năm", max: 10, inputs: [{ code: "3.a", name: "Năm ban hành", type: "number" }], rule: { kind: "target", target: 2030 } },
          { code: "4", name: "Số dịch vụ", max: 10, inputs: [{ code: "4.a", name: "Số dịch vụ", type: "number" }], rule: { kind: "target", target: 2000 } },
          { code: "5", name: "Hệ số", max: 10, inputs: [{ code: "5.a", name: "Hệ số", type: "number" }], rule: { kind: "minmax", min: 0, max: 1 } },
          { code: "6", name: "Tỷ lệ %", max: 10, inputs: [{ code: "6.a", name: "Tỷ lệ", type: "percent" }], rule: { kind: "target", target: 0.9 } },
        ],
      },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.model;
  }

  test("keeps the index's reading of a text read two ways, says it is unclear, and names a figure of each way", () => {
    const csv = csvToSnapshot("Mã đơn vị;Đơn vị;1.a;2.a;3.a;4.a;5.a;6.a\nD;Đơn vị D;85.5%;1,860;2024;1,860;0,750;85,5\n", "vi", "vi.csv");
    const read = readSubmissions(sixInputs(), csv);
    expect([read.submissions[0]!.values["2.a"], read.submissions[0]!.values["4.a"]]).toEqual([1.86, 1.86]);
    const twoWays = read.issues.filter((i) => i.code === "ambiguous-number" && (i.cell === "D2" || i.cell === "F2"));
    expect(twoWays.map((i) => [i.severity, i.cell])).toEqual([
      ["warning", "D2"],
      ["warning", "F2"],
    ]);
    expect(twoWays[0]!.message.vi).toBe(
      'Tệp vi.csv, dòng 2, cột D: "1,860" được hiểu là 1,86 (một phẩy tám sáu) theo cách viết số của bộ chỉ số (kiểu Việt Nam, dấu phẩy thập phân), không phải 1860 theo cách viết số kiểu tiếng Anh (dấu phẩy phân cách hàng nghìn); đơn vị viết số liệu theo cả hai cách (cột G: "0,750" theo cách của bộ chỉ số, cột C: "85.5%" kiểu tiếng Anh) nên không rõ số này được viết theo cách nào; hãy kiểm tra lại số liệu — để tránh nhầm lẫn, trong tệp CSV hãy viết 1860 (không có dấu phân cách hàng nghìn), hoặc 1,86 nếu đó là số thập phân (số liệu 2.a của chỉ tiêu 2).',
    );
    expect(twoWays[0]!.message.en).toBe(
      'File vi.csv, row 2, column D: "1,860" is read the index\'s way (Vietnamese, decimal comma) as 1.86 (one point eight six), not the English way (a comma groups thousands) as 1860; the unit writes figures both ways (column G: "0,750" the index\'s way, column C: "85.5%" the English way), so which way this one is written is unclear; check the figure — to avoid confusion, write it in the CSV file as 1860 (no thousands separator), or as 1,86 if it is a decimal (input 2.a of indicator 2).',
    );
    // It does not say the unit writes its other figures the other way.
    for (const i of twoWays) expect(i.message.vi).not.toContain("như đơn vị viết các số liệu khác");
  });

  test("on a sheet, the figures of each way are named by their cells; an en index keeps 12.500 as 12,5 beside 73.5", () => {
    const model = hdi();
    const read = readSubmissions(model, hdiSheet(["B", "Tỉnh B", "73.5", "13,9", 8, "12.500"]));
    expect(read.submissions[0]!.values["gnipc"]).toBe(12.5);
    const f2 = read.issues.find((i) => i.cell === "F2")!;
    expect(f2.code).toBe("ambiguous-number");
    expect(f2.message.en).toContain('the unit writes figures both ways (cell C2: "73.5" the index\'s way, cell D2: "13,9" the Vietnamese way)');
    expect(f2.message.vi).toContain('đơn vị viết số liệu theo cả hai cách (ô C2: "73.5" theo cách của bộ chỉ số, ô D2: "13,9" kiểu Việt Nam)');
    // "11,397.5" is decisive the en way too; "11,397" and plain integers tell nothing.
    const decisive = readSubmissions(model, hdiSheet(["B", "Tỉnh B", "74,1", 13, "11,397.5", "12.500"]));
    expect(decisive.submissions[0]!.values["gnipc"]).toBe(12.5);
    const notDecisive = readSubmissions(model, hdiSheet(["B", "Tỉnh B", "74,1", "11,397", "8", "12.500"]));
    expect(notDecisive.submissions[0]!.values["gnipc"]).toBe(12500);
  });
});
