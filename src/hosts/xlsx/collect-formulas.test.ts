/**
 * A collected form's formulas that read the rest of the unit's file: another sheet of the file that
 * is not collected (a "Tính toán" sheet the unit worked its figures out on), or a name of the file
 * that does not come along. Copied as they are, they would read nothing in the consolidated
 * workbook, or, worse, a sheet or name of the same name there: another unit's cell on the next
 * recalculation. They keep the value they last computed, and the report names file, sheet and
 * cells; a formula reading another form of the file collected in the same run stays a formula,
 * naming that form's copy.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import { findBuiltin } from "../../indices";
import { collectFiles } from "./collect";
import { makeTemplate } from "./template";
import { edit, open, rowOf } from "./test-workbooks";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;

/** A blank template of the units given, as `template` writes it. */
function template(...units: { code: string; name: string }[]): Promise<Uint8Array> {
  return makeTemplate(
    model,
    units.map((u) => ({ ...u, category: "co-dvc" })),
    { lang: "vi", period: "Năm 2024" },
  );
}

/** The figure cell (Số liệu, column D) of indicator `code` on `ws`. */
function figure(ws: ExcelJS.Worksheet, code: string): ExcelJS.Cell {
  return ws.getCell(rowOf(ws, code), 4);
}

/**
 * Unit SYT's file: its form "Sở Y tế", filled, whose 3.2 figure (80%) is worked out on a sheet
 * "Tính toán" of the file, cell A1; `change` edits it further.
 */
async function workedOut(change?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  return edit(await template({ code: "SYT", name: "Sở Y tế" }), (wb) => {
    const calc = wb.addWorksheet("Tính toán");
    calc.getCell("A1").value = 0.8;
    const ws = wb.getWorksheet("Sở Y tế")!;
    figure(ws, "3.2").value = { formula: "'Tính toán'!A1", result: 0.8 };
    change?.(ws, wb);
  });
}

/** The file with `names` (<definedName> elements) added to its workbook part, as Excel writes them. */
async function withNames(file: Uint8Array, names: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const xml = await zip.file("xl/workbook.xml")!.async("string");
  const changed = xml.includes("</definedNames>") ? xml.replace("</definedNames>", `${names}</definedNames>`) : xml.replace("</sheets>", `</sheets><definedNames>${names}</definedNames>`);
  expect(changed).not.toBe(xml);
  zip.file("xl/workbook.xml", changed);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The formula a cell of a written workbook holds, or undefined when it holds a value. */
function formulaOf(cell: ExcelJS.Cell): string | undefined {
  return cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined;
}

describe("a collected form's formula reading a sheet of the unit's file that is not collected", () => {
  it("keeps the value it last computed, and the report names the file, the sheet, the cell and the sheet it read, in both languages", async () => {
    const file = await workedOut();
    const r = rowOf((await open(file)).getWorksheet("Sở Y tế")!, "3.2");
    const { data, report } = await collectFiles([{ name: "syt.xlsx", data: file }]);
    const wb = await open(data);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Sở Y tế"]);
    const cell = figure(wb.getWorksheet("Sở Y tế")!, "3.2");
    expect(formulaOf(cell)).toBeUndefined();
    expect(cell.value).toBe(0.8);
    expect(report.warnings).toEqual([
      {
        vi: `Trang tính 'Sở Y tế' (tệp syt.xlsx): công thức ở ô D${r} đọc trang 'Tính toán' của tệp đó (không phải phiếu được tổng hợp); trong sổ tổng hợp, các công thức đó sẽ không đọc được gì, hoặc đọc nhầm trang hay tên trùng tên của sổ, nên các ô đó giữ giá trị đã tính lần cuối trong tệp của đơn vị thay cho công thức.`,
        en: `Sheet 'Sở Y tế' (file syt.xlsx): the formulas in cells D${r} read the sheet 'Tính toán' of that file (not a form collected); in the consolidated workbook they would read nothing, or a sheet or name of the same name there, so those cells keep the values last calculated in the unit's file instead of the formulas.`,
      },
    ]);
  });

  it("collected into a workbook that has a sheet 'Tính toán' of its own: the copy does not read it, and that sheet is left as it was", async () => {
    const base = await edit(await template({ code: "SNV", name: "Sở Nội vụ" }), (wb) => {
      // The council's own working sheet, of the same name as the unit's.
      wb.addWorksheet("Tính toán").getCell("A1").value = 0.1;
    });
    const { data, report } = await collectFiles([{ name: "syt.xlsx", data: await workedOut() }], base);
    const wb = await open(data);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Hướng dẫn", "Sở Nội vụ", "Sở Y tế", "Tính toán"]);
    const cell = figure(wb.getWorksheet("Sở Y tế")!, "3.2");
    expect(formulaOf(cell)).toBeUndefined();
    expect(cell.value).toBe(0.8);
    expect(wb.getWorksheet("Tính toán")!.getCell("A1").value).toBe(0.1);
    // No cell of the copy names the sheet.
    const zip = await JSZip.loadAsync(data);
    const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    const xml = await Promise.all(sheets.map((f) => zip.file(f)!.async("string")));
    expect(xml.filter((x) => x.includes("Tính toán"))).toEqual([]);
    expect(report.warnings.map((w) => w.en)).toEqual([expect.stringContaining("read the sheet 'Tính toán' of that file (not a form collected)")]);
  });

  it("many cells reading several such sheets: each cell named once, in ranges, with every sheet read", async () => {
    const file = await workedOut((ws, wb) => {
      wb.addWorksheet("Số liệu gốc").getCell("B2").value = 12;
      const r = rowOf(ws, "3.2");
      ws.getCell(r + 1, 4).value = { formula: "'Tính toán'!A1*100", result: 80 };
      ws.getCell(r + 2, 4).value = { formula: "SUM('Số liệu gốc'!B2,'Tính toán'!A1)", result: 12.8 };
      // A formula reading the form's own cells, or naming its own sheet, stays one.
      ws.getCell("K5").value = { formula: "'Sở Y tế'!D10*2", result: 0 };
    });
    const r = rowOf((await open(file)).getWorksheet("Sở Y tế")!, "3.2");
    const { data, report } = await collectFiles([{ name: "syt.xlsx", data: file }]);
    const ws = (await open(data)).getWorksheet("Sở Y tế")!;
    expect([0, 1, 2].map((d) => ws.getCell(r + d, 4).value)).toEqual([0.8, 80, 12.8]);
    expect(formulaOf(ws.getCell("K5"))).toBe("'Sở Y tế'!D10*2");
    expect(report.warnings.map((w) => w.vi)).toEqual([
      expect.stringContaining(`: công thức ở ô D${r}:D${r + 2} đọc các trang 'Tính toán' và 'Số liệu gốc' của tệp đó (không phải phiếu được tổng hợp);`),
    ]);
  });
});

describe("a collected form's formula reading another form of its file collected in the same run", () => {
  /** One file holding two units' forms: on Sở Nội vụ's, a cell reading Sở Y tế's 3.2 figure. */
  async function twoForms(): Promise<Uint8Array> {
    return edit(await template({ code: "SYT", name: "Sở Y tế" }, { code: "SNV", name: "Sở Nội vụ" }), (wb) => {
      const syt = wb.getWorksheet("Sở Y tế")!;
      figure(syt, "3.2").value = 0.8;
      const snv = wb.getWorksheet("Sở Nội vụ")!;
      figure(snv, "3.2").value = 0.5;
      snv.getCell("K5").value = { formula: `'Sở Y tế'!D${rowOf(syt, "3.2")}`, result: 0.8 };
    });
  }

  it("under the same name: the formula stays as it is, and nothing is said of it", async () => {
    const file = await twoForms();
    const r = rowOf((await open(file)).getWorksheet("Sở Y tế")!, "3.2");
    const { data, report } = await collectFiles([{ name: "hai.xlsx", data: file }]);
    const wb = await open(data);
    expect(formulaOf(wb.getWorksheet("Sở Nội vụ")!.getCell("K5"))).toBe(`'Sở Y tế'!D${r}`);
    expect(report.warnings).toEqual([]);
  });

  it("under another name, the workbook having a sheet of its name: the formula names the copy, not the workbook's sheet", async () => {
    // The consolidated workbook has a sheet "Sở Y tế" that is no form (the council's notes on it).
    const base = await edit(await template({ code: "STC", name: "Sở Tài chính" }), (wb) => {
      wb.addWorksheet("Sở Y tế").getCell("A1").value = "Ghi chú của hội đồng";
    });
    const file = await twoForms();
    const r = rowOf((await open(file)).getWorksheet("Sở Y tế")!, "3.2");
    const { data, report } = await collectFiles([{ name: "hai.xlsx", data: file }], base);
    const moved = report.take.find((t) => t.sheet === "Sở Y tế")!;
    expect(moved.as).not.toBe("Sở Y tế");
    const wb = await open(data);
    expect(formulaOf(wb.getWorksheet("Sở Nội vụ")!.getCell("K5"))).toBe(`'${moved.as}'!D${r}`);
    expect(wb.getWorksheet("Sở Y tế")!.getCell("A1").value).toBe("Ghi chú của hội đồng");
    expect(report.warnings).toEqual([]);
  });
});

describe("a collected form's formula reading a name of the unit's file", () => {
  it("a name reading a sheet not collected: the value stays, the name is said; a name pointing into the form comes along and its formula stays", async () => {
    let file = await workedOut((ws) => {
      const r = rowOf(ws, "3.2");
      ws.getCell(r + 1, 4).value = { formula: "TyLe*100", result: 80 };
      ws.getCell("K5").value = { formula: "SUM(TongSoLieu)", result: 0.8 };
    });
    const r = rowOf((await open(file)).getWorksheet("Sở Y tế")!, "3.2");
    file = await withNames(file, `<definedName name="TyLe">'Tính toán'!$A$1</definedName><definedName name="TongSoLieu">'Sở Y tế'!$D$${r}:$D$${r + 1}</definedName>`);
    const { data, report } = await collectFiles([{ name: "syt.xlsx", data: file }]);
    const ws = (await open(data)).getWorksheet("Sở Y tế")!;
    expect(ws.getCell(r + 1, 4).value).toBe(80);
    expect(formulaOf(ws.getCell("K5"))).toBe("SUM(TongSoLieu)");
    const cells = report.warnings.find((w) => w.vi.includes("công thức ở ô"))!;
    expect(cells.vi).toContain(`công thức ở ô D${r}:D${r + 1} đọc trang 'Tính toán' của tệp đó (không phải phiếu được tổng hợp) và tên "TyLe" của tệp đó (không chép được sang sổ tổng hợp);`);
    expect(cells.en).toContain(`the formulas in cells D${r}:D${r + 1} read the sheet 'Tính toán' of that file (not a form collected) and the name "TyLe" of that file (not copied into the consolidated workbook);`);
  });

  it("a name the consolidated workbook has already (another's): the form's formula does not read it, it keeps its value", async () => {
    const first = await collectFiles([{ name: "snv.xlsx", data: await template({ code: "SNV", name: "Sở Nội vụ" }) }]);
    const base = await withNames(first.data, `<definedName name="DiemThuong">'Sở Nội vụ'!$E$10</definedName>`);
    let file = await template({ code: "SYT", name: "Sở Y tế" });
    file = await edit(file, (wb) => {
      const ws = wb.getWorksheet("Sở Y tế")!;
      figure(ws, "3.2").value = 0.8;
      ws.getCell("K5").value = { formula: "DiemThuong+1", result: 1.5 };
    });
    file = await withNames(file, `<definedName name="DiemThuong">'Sở Y tế'!$E$12</definedName>`);
    const { data, report } = await collectFiles([{ name: "syt.xlsx", data: file }], base);
    const cell = (await open(data)).getWorksheet("Sở Y tế")!.getCell("K5");
    expect(formulaOf(cell)).toBeUndefined();
    expect(cell.value).toBe(1.5);
    expect(report.warnings.map((w) => w.en)).toEqual([
      expect.stringContaining(`Sheet 'Sở Y tế' (file syt.xlsx): the formulas in cells K5 read the name "DiemThuong" of that file`),
      expect.stringContaining(`The name "DiemThuong" of file syt.xlsx (pointing into sheet 'Sở Y tế') was not copied into the consolidated workbook`),
    ]);
  });
});
