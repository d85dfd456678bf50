/**
 * What of a unit's form does not come into the consolidated workbook as it was, and is said
 * instead of misreading there: formulas reading a defined name another unit's file brought first
 * (two units' files both define `SoVanBan`) keep the value they last computed; conditional formats
 * reading a sheet or a name of the unit's file that does not come along are left out; and those
 * Excel 2010 and later keep in the sheet's x14 extension alone, which ExcelJS cannot write, are
 * left out rather than failing the whole collection. Each named with file, sheet and ranges, in
 * both languages. Real workbooks: the template written by `template`, edited as Excel saves them.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import { findBuiltin } from "../../indices";
import { packageProblems, sheetPath, text } from "./carry-parts-workbooks";
import { collectFiles } from "./collect";
import { makeTemplate } from "./template";
import { edit, open, rowOf } from "./test-workbooks";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;

/** A unit's file: its form filled in (3.2 at 80%), after `change`, with `names` (<definedName> elements) in its workbook part. */
async function unitFile(code: string, name: string, change?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void, names = ""): Promise<Uint8Array> {
  const file = await edit(await makeTemplate(model, [{ code, name, category: "co-dvc" }], { lang: "vi", period: "Năm 2024" }), (wb) => {
    const ws = wb.getWorksheet(name)!;
    ws.getCell(rowOf(ws, "3.2"), 4).value = 0.8;
    change?.(ws, wb);
  });
  return names === "" ? file : withNames(file, names);
}

/** The file with `names` added to its workbook part, as Excel writes them. */
async function withNames(file: Uint8Array, names: string): Promise<Uint8Array> {
  return editXml(file, "xl/workbook.xml", (xml) =>
    xml.includes("</definedNames>") ? xml.replace("</definedNames>", `${names}</definedNames>`) : xml.replace("</sheets>", `</sheets><definedNames>${names}</definedNames>`),
  );
}

async function editXml(file: Uint8Array, path: string | ((zip: JSZip) => Promise<string>), change: (xml: string) => string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const at = typeof path === "string" ? path : await path(zip);
  const xml = await text(zip, at);
  const changed = change(xml);
  expect(changed).not.toBe(xml);
  zip.file(at, changed);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The formula a cell of a written workbook holds, or undefined when it holds a value. */
function formulaOf(cell: ExcelJS.Cell): string | undefined {
  return cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined;
}

type Format = { ref: string; rules: { type: string; formulae?: string[] }[] };
const formats = (ws: ExcelJS.Worksheet): Format[] => (ws as unknown as { conditionalFormattings?: Format[] }).conditionalFormattings ?? [];

describe("two units' files that both define the same names", () => {
  /** A unit's file whose form reads its names SoVanBan (D16) and HaiO (D16:D17) in K5 and K6. */
  const named = (code: string, name: string, result: number) =>
    unitFile(
      code,
      name,
      (ws) => {
        ws.getCell("K5").value = { formula: "SoVanBan*2", result: result * 2 };
        ws.getCell("K6").value = { formula: "SUM(HaiO)", result };
      },
      `<definedName name="SoVanBan">'${name}'!$D$16</definedName><definedName name="HaiO">'${name}'!$D$16:$D$17</definedName>`,
    );

  it("the second form's formulas keep their values, not reading the first unit's cells through the names it brought; both are said", async () => {
    const { data, report } = await collectFiles([
      { name: "snv.xlsx", data: await named("SNV", "Sở Nội vụ", 3) },
      { name: "stc.xlsx", data: await named("STC", "Sở Tài chính", 7) },
    ]);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Nội vụ", "Sở Tài chính"]);
    const wb = await open(data);
    // The names point into the first unit's form, which keeps its formulas.
    expect(wb.definedNames.getRanges("SoVanBan").ranges).toEqual(["'Sở Nội vụ'!$D$16"]);
    expect(wb.definedNames.getRanges("HaiO").ranges).toEqual(["'Sở Nội vụ'!$D$16:$D$17"]);
    const snv = wb.getWorksheet("Sở Nội vụ")!;
    expect([formulaOf(snv.getCell("K5")), formulaOf(snv.getCell("K6"))]).toEqual(["SoVanBan*2", "SUM(HaiO)"]);
    // The second unit's: the values its own file computed, not formulas reading Sở Nội vụ's cells.
    const stc = wb.getWorksheet("Sở Tài chính")!;
    expect([formulaOf(stc.getCell("K5")), formulaOf(stc.getCell("K6"))]).toEqual([undefined, undefined]);
    expect([stc.getCell("K5").value, stc.getCell("K6").value]).toEqual([14, 7]);
    expect(report.warnings).toEqual([
      {
        vi: `Trang tính 'Sở Tài chính' (tệp stc.xlsx): công thức ở ô K5:K6 đọc các tên "SoVanBan" và "HaiO" của tệp đó (không chép được sang sổ tổng hợp); trong sổ tổng hợp, các công thức đó sẽ không đọc được gì, hoặc đọc nhầm trang hay tên trùng tên của sổ, nên các ô đó giữ giá trị đã tính lần cuối trong tệp của đơn vị thay cho công thức.`,
        en: `Sheet 'Sở Tài chính' (file stc.xlsx): the formulas in cells K5:K6 read the names "SoVanBan" and "HaiO" of that file (not copied into the consolidated workbook); in the consolidated workbook they would read nothing, or a sheet or name of the same name there, so those cells keep the values last calculated in the unit's file instead of the formulas.`,
      },
      expect.objectContaining({ vi: expect.stringContaining(`Tên "SoVanBan" trong tệp stc.xlsx (trỏ vào trang tính 'Sở Tài chính') không được chép vào sổ tổng hợp vì sổ đã có một tên "SoVanBan"`) }),
      expect.objectContaining({ vi: expect.stringContaining(`Tên "HaiO" trong tệp stc.xlsx (trỏ vào trang tính 'Sở Tài chính') không được chép vào sổ tổng hợp vì sổ đã có một tên "HaiO"`) }),
    ]);
  });
});

describe("a form's conditional formats reading what does not come along", () => {
  /** Sở Nội vụ's file with a sheet "Danh mục" (A1 0.5), the name Nguong on it, and three rules on the form: its own cells, the sheet, the name. */
  const withRules = () =>
    unitFile(
      "SNV",
      "Sở Nội vụ",
      (ws, wb) => {
        wb.addWorksheet("Danh mục").getCell("A1").value = 0.5;
        const fill = (argb: string) => ({ fill: { type: "pattern" as const, pattern: "solid" as const, bgColor: { argb } } });
        ws.addConditionalFormatting({ ref: "D16:D17", rules: [{ type: "expression", priority: 1, formulae: ["'Sở Nội vụ'!$D$16>100"], style: fill("FFFFFF00") }] });
        ws.addConditionalFormatting({ ref: "D27", rules: [{ type: "expression", priority: 2, formulae: ["$D$27<'Danh mục'!$A$1"], style: fill("FFFF0000") }] });
        ws.addConditionalFormatting({ ref: "D28", rules: [{ type: "expression", priority: 3, formulae: ["$D$28<Nguong"], style: fill("FFFF0000") }] });
        ws.getCell("H30").value = { formula: "Nguong*2", result: 1 };
      },
      `<definedName name="Nguong">'Danh mục'!$A$1</definedName>`,
    );

  it("are left out and said, with the sheet and name they read; a rule on the form's own cells comes, naming its copy", async () => {
    const base = await makeTemplate(model, [{ code: "STC", name: "Sở Tài chính", category: "co-dvc" }], { lang: "vi" });
    // The workbook collected into has a "Danh mục" of its own, which a copied rule would misread.
    const withList = await edit(base, (wb) => (wb.addWorksheet("Danh mục").getCell("A1").value = 99));
    const { data, report } = await collectFiles([{ name: "snv.xlsx", data: await withRules() }], withList);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Nội vụ"]);
    const ws = (await open(data)).getWorksheet("Sở Nội vụ")!;
    expect(formats(ws)).toEqual([{ ref: "D16:D17", rules: [expect.objectContaining({ type: "expression", formulae: ["'Sở Nội vụ'!$D$16>100"] })] }]);
    expect(formulaOf(ws.getCell("H30"))).toBeUndefined();
    expect(ws.getCell("H30").value).toBe(1);
    expect(report.warnings).toEqual([
      expect.objectContaining({ vi: expect.stringContaining(`công thức ở ô H30 đọc tên "Nguong" của tệp đó (không chép được sang sổ tổng hợp)`) }),
      {
        vi: `Trang tính 'Sở Nội vụ' (tệp snv.xlsx): định dạng có điều kiện ở vùng D27, D28 đọc trang 'Danh mục' của tệp đó (không phải phiếu được tổng hợp) và tên "Nguong" của tệp đó (không chép được sang sổ tổng hợp); trong sổ tổng hợp, nó sẽ không đọc được gì, hoặc đọc nhầm trang hay tên trùng tên của sổ, nên không được chép sang. Nếu cần, hãy đặt lại định dạng đó trong sổ tổng hợp (Trang đầu > Định dạng có Điều kiện).`,
        en: `Sheet 'Sở Nội vụ' (file snv.xlsx): the conditional formatting of D27, D28 reads the sheet 'Danh mục' of that file (not a form collected) and the name "Nguong" of that file (not copied into the consolidated workbook); in the consolidated workbook it would read nothing, or a sheet or name of the same name there, so it was not copied. Set it up again there if you need it (Home > Conditional Formatting).`,
      },
    ]);
  });
});

describe("a form's conditional formats Excel 2010 and later keep in the sheet's extension alone", () => {
  const X14 = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}";
  /** An x14 conditional format, as Excel writes one, on `sqref` with the rule's formula `f` (not escaped). */
  const x14Format = (id: string, f: string, sqref: string) =>
    `<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="expression" priority="9" id="${id}"><xm:f>${f.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</xm:f><x14:dxf><fill><patternFill><bgColor rgb="FFFF0000"/></patternFill></fill></x14:dxf></x14:cfRule><xm:sqref>${sqref}</xm:sqref></x14:conditionalFormatting>`;

  /** Sở Nội vụ's file (with a sheet "Danh mục") whose form has the x14 formats given, and a rule ExcelJS writes on D16:D17. */
  async function withX14(...elements: string[]): Promise<Uint8Array> {
    const file = await unitFile("SNV", "Sở Nội vụ", (ws, wb) => {
      wb.addWorksheet("Danh mục").getCell("A1").value = 0.5;
      ws.addConditionalFormatting({ ref: "D16:D17", rules: [{ type: "expression", priority: 1, formulae: ["$D$16>100"], style: { font: { bold: true } } }] });
    });
    const ext = `<ext uri="${X14}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings>${elements.join("")}</x14:conditionalFormattings></ext>`;
    return editXml(
      file,
      (zip) => sheetPath(zip, "Sở Nội vụ"),
      (xml) => (xml.includes("</extLst>") ? xml.replace("</extLst>", `${ext}</extLst>`) : xml.replace("</worksheet>", `<extLst>${ext}</extLst></worksheet>`)),
    );
  }

  it("one reading another sheet of the file: the collection is written, the rule left out and said as reading that sheet", async () => {
    const file = await withX14(x14Format("{0D3E5C1C-1111-2222-3333-444455556666}", "$D$27<'Danh mục'!$A$1", "D27"));
    const base = await makeTemplate(model, [{ code: "STC", name: "Sở Tài chính", category: "co-dvc" }], { lang: "vi" });
    const { data, report } = await collectFiles([{ name: "u-snv-x14.xlsx", data: file }], base);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Nội vụ"]);
    expect(report.warnings).toEqual([
      {
        vi: `Trang tính 'Sở Nội vụ' (tệp u-snv-x14.xlsx): định dạng có điều kiện ở vùng D27 đọc trang 'Danh mục' của tệp đó (không phải phiếu được tổng hợp); trong sổ tổng hợp, nó sẽ không đọc được gì, hoặc đọc nhầm trang hay tên trùng tên của sổ, nên không được chép sang. Nếu cần, hãy đặt lại định dạng đó trong sổ tổng hợp (Trang đầu > Định dạng có Điều kiện).`,
        en: `Sheet 'Sở Nội vụ' (file u-snv-x14.xlsx): the conditional formatting of D27 reads the sheet 'Danh mục' of that file (not a form collected); in the consolidated workbook it would read nothing, or a sheet or name of the same name there, so it was not copied. Set it up again there if you need it (Home > Conditional Formatting).`,
      },
    ]);
    const zip = await JSZip.loadAsync(data);
    expect(await packageProblems(zip)).toEqual([]);
    const xml = await text(zip, await sheetPath(zip, "Sở Nội vụ"));
    expect(xml).not.toContain("Danh mục");
    // The rule on the form's own cells came, and the figures.
    const ws = (await open(data)).getWorksheet("Sở Nội vụ")!;
    expect(formats(ws)).toEqual([{ ref: "D16:D17", rules: [expect.objectContaining({ formulae: ["$D$16>100"] })] }]);
    expect(ws.getCell(rowOf(ws, "3.2"), 4).value).toBe(0.8);
  });

  it("one reading the form's own cells: left out and said as a rule that cannot be copied, in both languages", async () => {
    const file = await withX14(x14Format("{0D3E5C1C-1111-2222-3333-444455556667}", "$D$27<$D$28", "D27:D28 F30"));
    const { data, report } = await collectFiles([{ name: "snv.xlsx", data: file }]);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Nội vụ"]);
    expect(report.warnings).toEqual([
      {
        vi: `Trang tính 'Sở Nội vụ' (tệp snv.xlsx): định dạng có điều kiện ở vùng D27:D28, F30 thuộc loại chưa chép được sang sổ tổng hợp (như loại mà Excel 2010 trở lên lưu riêng trong phần mở rộng của trang tính) nên đã bị bỏ lại; số liệu và các định dạng khác của phiếu vẫn được chép đủ. Nếu cần, hãy đặt lại định dạng đó trong sổ tổng hợp (Trang đầu > Định dạng có Điều kiện), hoặc tổng hợp tệp này bằng ngăn DTI Scorer mở trong Excel trên máy tính (Windows hoặc Mac), vì Excel chèn nguyên cả trang tính.`,
        en: `Sheet 'Sở Nội vụ' (file snv.xlsx): the conditional formatting of D27:D28, F30 is of a kind that could not be copied into the consolidated workbook (such as those Excel 2010 and later keep in the sheet's extension), so it was left out; the form's figures and other formatting were all copied. Set it up again there if you need it (Home > Conditional Formatting), or collect this file with the DTI Scorer pane inside Excel for desktop (Windows or Mac), where Excel inserts the whole sheet.`,
      },
    ]);
    expect(await packageProblems(await JSZip.loadAsync(data))).toEqual([]);
    expect(formats((await open(data)).getWorksheet("Sở Nội vụ")!)).toEqual([{ ref: "D16:D17", rules: [expect.objectContaining({ formulae: ["$D$16>100"] })] }]);
  });
});
