/**
 * A collected form's formula that cannot come along (it reads a sheet of the unit's file that is
 * not collected, or another file) and whose result the file does not store: openpyxl and other
 * programs that do not calculate write `<c><f>…</f></c>`, no value. There is no value to keep in
 * place of the formula: the cell holds #N/A, so that reading the consolidated workbook says the
 * figure is an error (never a figure the unit did not give, scored 0 with a warning alone), and
 * the report says, naming file, sheet and cells, that the file stores no result and what to do.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import { readSubmissions } from "../../core/read/read";
import { findBuiltin } from "../../indices";
import { collectFiles } from "./collect";
import { XlsxHost } from "./host";
import { parseRels, sheetParts } from "./ooxml";
import { makeTemplate } from "./template";
import { edit, open, rowOf } from "./test-workbooks";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;
const SHEET = "Sở Y tế";

/** The file with each cell of `sheet` given written as `element(s)` (s: the cell's own style attribute, kept). */
async function withCellXml(data: Uint8Array, sheet: string, cells: Record<string, (style: string) => string>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(data);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  const path = sheetParts(workbook, rels, "xl/workbook.xml").get(sheet)!;
  let xml = await zip.file(path)!.async("string");
  for (const [address, element] of Object.entries(cells)) {
    const cell = new RegExp(`<c r="${address}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
    const found = cell.exec(xml);
    expect(found).not.toBeNull();
    const style = / s="\d+"/.exec(found![1]!)?.[0] ?? "";
    xml = xml.replace(cell, element(style));
  }
  zip.file(path, xml);
  return zip.generateAsync({ type: "uint8array" });
}

/**
 * Unit SYT's file, as a script writes it: its form filled (1.3.a is 30), a sheet "Số liệu gốc"
 * its figures come from (45 and 50), the form's 3.1.a and 3.1.b reading it and 1.3.b reading
 * another file, none of the three with a stored result. The cells' addresses.
 */
async function scripted(): Promise<{ file: Uint8Array; a: string; b: string; linked: string; kept: string }> {
  const template = await makeTemplate(model, [{ code: "SYT", name: SHEET, category: "co-dvc" }], { lang: "vi", period: "Năm 2024" });
  let a = "";
  let b = "";
  let linked = "";
  let kept = "";
  const filled = await edit(template, (wb) => {
    const source = wb.addWorksheet("Số liệu gốc");
    source.getCell("B1").value = 45;
    source.getCell("B2").value = 50;
    const ws = wb.getWorksheet(SHEET)!;
    a = ws.getCell(rowOf(ws, "3.1.a"), 4).address;
    b = ws.getCell(rowOf(ws, "3.1.b"), 4).address;
    linked = ws.getCell(rowOf(ws, "1.3.b"), 4).address;
    kept = ws.getCell(rowOf(ws, "1.3.a"), 4).address;
    ws.getCell(kept).value = 30;
    for (const address of [a, b, linked]) ws.getCell(address).value = 1;
  });
  const file = await withCellXml(filled, SHEET, {
    [a]: (s) => `<c r="${a}"${s}><f>'Số liệu gốc'!B1</f></c>`,
    [b]: (s) => `<c r="${b}"${s}><f>'Số liệu gốc'!B2</f><v></v></c>`,
    [linked]: (s) => `<c r="${linked}"${s}><f>[1]Sheet1!$A$1</f></c>`,
  });
  return { file, a, b, linked, kept };
}

describe("a collected formula that cannot come along and whose result the unit's file does not store", () => {
  it("leaves #N/A in its cell, not an empty figure, and the report says so, naming file, sheet and cells, in both languages", async () => {
    const { file, a, b, linked, kept } = await scripted();
    const { data, report } = await collectFiles([{ name: "syt.xlsx", data: file }]);
    const ws = (await open(data)).getWorksheet(SHEET)!;
    for (const address of [a, b, linked]) {
      expect(ws.getCell(address).type).toBe(ExcelJS.ValueType.Error);
      expect(ws.getCell(address).value).toEqual({ error: "#N/A" });
    }
    expect(ws.getCell(kept).value).toBe(30);
    const said = report.warnings.filter((w) => w.vi.includes("không lưu kết quả"));
    expect(said).toEqual([
      {
        vi: `Trang tính '${SHEET}' (tệp syt.xlsx): công thức ở ô ${linked}, ${a}:${b} đọc trang 'Số liệu gốc' của tệp đó (không phải phiếu được tổng hợp) và một tệp khác (liên kết ngoài), nhưng tệp không lưu kết quả của chúng (tệp do một chương trình không tính công thức tạo ra). Công thức không chép được sang sổ tổng hợp và không có giá trị nào để giữ lại, nên các ô đó được ghi lỗi #N/A (chưa có số liệu) chứ không bị để trống. Hãy mở tệp syt.xlsx bằng Excel hoặc LibreOffice, lưu lại, xóa trang '${SHEET}' khỏi sổ tổng hợp rồi tổng hợp lại tệp này; hoặc nhập số liệu vào các ô đó.`,
        en: `Sheet '${SHEET}' (file syt.xlsx): the formulas in cells ${linked}, ${a}:${b} read the sheet 'Số liệu gốc' of that file (not a form collected) and another file (an external link), but the file does not store their results (a program that does not calculate formulas wrote it). The formulas could not be copied into the consolidated workbook and there is no value to keep, so those cells hold the error #N/A (no figure) rather than being left empty. Open syt.xlsx in Excel or LibreOffice, save it, delete the sheet '${SHEET}' from the consolidated workbook and collect the file again; or type the figures into those cells.`,
      },
    ]);
    // Not said to keep a value they do not have.
    expect(report.warnings.filter((w) => w.vi.includes("giữ giá trị đã tính lần cuối"))).toEqual([]);
  });

  it("makes reading the consolidated workbook say the figures are errors, not figures missing scored 0 with no error", async () => {
    const { file, a, b, linked } = await scripted();
    const { data } = await collectFiles([{ name: "syt.xlsx", data: file }]);
    const { submissions, issues } = readSubmissions(model, await (await XlsxHost.fromBuffer(data, "tong-hop.xlsx")).read());
    const unit = submissions.find((s) => s.code === "SYT")!;
    expect(unit.values["1.3.a"]).toBe(30);
    for (const address of [a, b, linked]) {
      const found = issues.filter((i) => i.sheet === SHEET && i.cell === address);
      expect(found.map((i) => [i.code, i.severity])).toEqual([["excel-error", "error"]]);
      expect(found[0]!.message.vi).toContain("#N/A");
    }
    expect(unit.values["3.1.a"]).toBeUndefined();
  });

  it("still keeps a result the file stores, with the sentence that says so", async () => {
    const { file, a } = await scripted();
    const cached = await withCellXml(file, SHEET, { [a]: (s) => `<c r="${a}"${s}><f>'Số liệu gốc'!B1</f><v>45</v></c>` });
    const { data, report } = await collectFiles([{ name: "syt.xlsx", data: cached }]);
    expect((await open(data)).getWorksheet(SHEET)!.getCell(a).value).toBe(45);
    expect(report.warnings.find((w) => w.vi.includes("giữ giá trị đã tính lần cuối"))?.vi).toContain(`công thức ở ô ${a} đọc trang 'Số liệu gốc'`);
    expect(report.warnings.find((w) => w.vi.includes("không lưu kết quả"))?.vi).not.toContain(`ô ${a}`);
  });
});
