/**
 * Workbooks made by people and other programs that ExcelJS alone would fail to write, or write
 * so that Excel offers to repair them: merged cells where the plan writes, a table LibreOffice
 * saved without a style, a fill-down (shared) formula in the Điểm column, and data bars.
 * Each test writes a real .xlsx file and reads it back.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import { runScoring } from "../../core/pipeline";
import type { WritePlan } from "../../core/types";
import { findBuiltin } from "../../indices";
import { dropEmptyDataBarExt } from "./finish";
import { XlsxHost } from "./host";
import { parseRels, sheetParts } from "./ooxml";
import { snapshotWorkbook } from "./read";
import { makeTemplate } from "./template";
import { open, rowOf } from "./test-workbooks";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;

/** A filled form of the department sample for one unit, changed by `change` before it is saved. */
async function formFile(change: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = await open(await makeTemplate(model, [{ code: "SXD", name: "Sở Xây dựng", category: "co-dvc" }], { lang: "vi" }));
  const ws = wb.getWorksheet("Sở Xây dựng")!;
  ws.getCell(rowOf(ws, "3.2"), 4).value = 0.8;
  ws.getCell(rowOf(ws, "1.2"), 4).value = "Có";
  change(wb, ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function scoreFile(file: Uint8Array): Promise<{ out: Uint8Array; host: XlsxHost }> {
  const host = await XlsxHost.fromBuffer(file, "so-lieu.xlsx");
  await runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test", now: new Date("2024-06-01T00:00:00Z") });
  return { out: await host.toBuffer(), host };
}

/** The XML of every worksheet of a written file, by sheet name. */
async function sheetXml(file: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const parts = sheetParts(await zip.file("xl/workbook.xml")!.async("string"), parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")), "xl/workbook.xml");
  const out = new Map<string, string>();
  for (const [name, path] of parts) out.set(name, await zip.file(path)!.async("string"));
  return out;
}

describe("merged cells", () => {
  it("are in the sheet's snapshot as A1 ranges", async () => {
    const file = await formFile((_, ws) => ws.mergeCells("K1:N1"));
    const snapshot = snapshotWorkbook(await open(file));
    const form = snapshot.sheets.find((s) => s.name === "Sở Xây dựng")!;
    // The template's own merged instruction line and the signature lines under the table, and the user's merge.
    const foot = form.merges!.filter((m) => /^G\d+:I\d+$/.test(m));
    expect(foot).toHaveLength(4);
    expect([...(form.merges ?? [])].filter((m) => !foot.includes(m)).sort()).toEqual(["A6:I6", "K1:N1"]);
    expect(snapshot.sheets.find((s) => s.name === "Hướng dẫn")!.merges).toBeDefined();
  });

  it("are never written into: the cells are left as they are and the write says which, in both languages", async () => {
    const file = await formFile((_, ws) => {
      ws.getCell("K2").value = "Ghi chú của đơn vị";
      ws.mergeCells("K2:M3");
    });
    const host = await XlsxHost.fromBuffer(file, "so-lieu.xlsx");
    const plan: WritePlan = {
      lang: "vi",
      owned: [],
      edits: [{ sheet: "Sở Xây dựng", blocks: [{ address: "K2", values: [[1, 2, null]] }, { address: "L3", values: [[7]] }, { address: "O2", values: [[9]] }] }],
      marks: [],
      clearMarks: [],
    };
    await host.apply(plan);
    expect(host.lastApply!.warnings).toEqual([
      {
        sheet: "Sở Xây dựng",
        vi: "Trang 'Sở Xây dựng': 3 ô K2, L2, L3 của cột Điểm nằm trong vùng gộp ô nên không được ghi điểm; hãy bỏ gộp ô rồi chấm lại.",
        en: "Sheet 'Sở Xây dựng': 3 cells K2, L2, L3 of the Score column are inside merged cells, so their scores are not written; unmerge the cells and score again.",
      },
    ]);
    const ws = (await open(await host.toBuffer())).getWorksheet("Sở Xây dựng")!;
    expect(ws.getCell("K2").value).toBe("Ghi chú của đơn vị");
    expect(ws.getCell("O2").value).toBe(9);
    expect((ws.model as unknown as { merges: string[] }).merges).toContain("K2:M3");
  });
});

describe("a fill-down (shared) formula in the Điểm column", () => {
  it("is written over on the rows scored and kept, as each row's own formula, on the rows not scored", async () => {
    let first = 0;
    let last = 0;
    const file = await formFile((_, ws) => {
      first = rowOf(ws, "1");
      // The table's last row (under it, the place, date and signatures).
      ws.eachRow((row, r) => {
        if (row.getCell(1).value !== null) last = r;
      });
      // As Excel saves a formula filled down the column: the text in the first cell only.
      ws.getCell(`I${first}`).value = { formula: `C${first}*1`, result: 0, shareType: "shared", ref: `I${first}:I${last}` } as unknown as ExcelJS.CellValue;
      for (let r = first + 1; r <= last; r++) ws.getCell(`I${r}`).value = { sharedFormula: `I${first}`, result: 0 } as unknown as ExcelJS.CellValue;
    });
    const { out } = await scoreFile(file);
    const ws = (await open(out)).getWorksheet("Sở Xây dựng")!;
    // The rows of indicators and groups have their points; an input's own row keeps its formula.
    expect(ws.getCell(`I${rowOf(ws, "3.2")}`).value).toBeCloseTo(8, 10);
    expect(typeof ws.getCell(`I${rowOf(ws, "1")}`).value).toBe("number");
    const inputRow = rowOf(ws, "1.3.a");
    expect(ws.getCell(`I${inputRow}`).formula).toBe(`C${inputRow}*1`);
    // Every row of the range is one or the other: none is left pointing at a master that is gone.
    for (let r = first; r <= last; r++) {
      const cell = ws.getCell(`I${r}`);
      const scored = model.nodes.has(String(ws.getCell(`A${r}`).value));
      expect([r, scored ? typeof cell.value : cell.formula]).toEqual([r, scored ? expect.stringMatching(/^(number|string)$/) : `C${r}*1`]);
    }
  }, 30_000);
});

describe("a table saved by LibreOffice (no table style)", () => {
  it("does not stop the scored workbook from being written, and keeps the table, plain", async () => {
    const file = await formFile((wb) => {
      const ws = wb.addWorksheet("Danh bạ");
      ws.addTable({ name: "DanhBa", ref: "A1", headerRow: true, columns: [{ name: "Đơn vị" }, { name: "Điện thoại" }], rows: [["Sở Xây dựng", "0230 3825 000"]] });
    });
    const zip = await JSZip.loadAsync(file);
    const path = Object.keys(zip.files).find((f) => /^xl\/tables\/table\d+\.xml$/.test(f))!;
    zip.file(path, (await zip.file(path)!.async("string")).replace(/<tableStyleInfo\b[^>]*\/>/, ""));
    const saved = await zip.generateAsync({ type: "uint8array" });
    const { out } = await scoreFile(saved);
    const wb = await open(out);
    expect(wb.getWorksheet("Sở Xây dựng")!.getCell(`I${rowOf(wb.getWorksheet("Sở Xây dựng")!, "3.2")}`).value).toBeCloseTo(8, 10);
    const written = await JSZip.loadAsync(out);
    const tables = await Promise.all(Object.keys(written.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f)).map((f) => written.file(f)!.async("string")));
    const danhBa = tables.find((t) => t.includes('name="DanhBa"'))!;
    expect(danhBa).toMatch(/<tableStyleInfo showFirstColumn="0" showLastColumn="0" showRowStripes="0" showColumnStripes="0"\/>/);
  }, 30_000);
});

describe("data bars", () => {
  it("on the results sheet are plain Excel 2007 data bars, with no x14 reference that points nowhere", async () => {
    const { out } = await scoreFile(await formFile(() => undefined));
    const xml = await sheetXml(out);
    const results = xml.get("Kết quả")!;
    expect(results).toMatch(/<cfRule type="dataBar"[^>]*><dataBar><cfvo type="num" val="0"\/><cfvo type="max"\/><color rgb="FF[0-9A-F]{6}"\/><\/dataBar><\/cfRule>/);
    for (const [name, text] of xml) expect([name, /<x14:id\s*\/>|<x14:id>\s*<\/x14:id>/.test(text)]).toEqual([name, false]);
  }, 30_000);

  it("keep an x14 reference that names a rule", () => {
    const named =
      '<cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar><extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:id>{6A5C7C2B-1A0E-4C0C-9C55-9F1D0E2A7B11}</x14:id></ext></extLst></cfRule>';
    const empty = named.replace(/<x14:id>[^<]*<\/x14:id>/, "<x14:id/>");
    expect(dropEmptyDataBarExt(named)).toBe(named);
    expect(dropEmptyDataBarExt(empty)).toBe('<cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar></cfRule>');
  });
});
