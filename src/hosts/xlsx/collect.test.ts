import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import { runScoring } from "../../core/pipeline";
import { findBuiltin } from "../../indices";
import { CollectReadError, collectFiles } from "./collect";
import { XlsxHost } from "./host";
import { makeTemplate } from "./template";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;

async function load(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  let found = 0;
  ws.eachRow((row, r) => {
    if (row.getCell(1).value === code) found = r;
  });
  return found;
}

/** A unit's form, filled in with a figure for 3.2 (a percentage). */
async function form(code: string, name: string, percent: number): Promise<Uint8Array> {
  const wb = await load(await makeTemplate(model, [{ code, name, category: "co-dvc" }], { lang: "vi" }));
  const ws = wb.getWorksheet(name)!;
  ws.getCell(rowOf(ws, "3.2"), 4).value = percent;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("collecting forms from several files", () => {
  it("copies each unit's form with its styles, merged cells, drop-downs, widths and protection", async () => {
    const { data, report } = await collectFiles([
      { name: "syt.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
      { name: "snv.xlsx", data: await form("SNV", "Sở Nội vụ", 0.6) },
    ]);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Y tế", "Sở Nội vụ"]);
    // The template's own instructions sheet is not a form, and not worth a "left out" line either.
    expect(report.skipped).toEqual([]);
    expect(report.warnings).toEqual([]);
    const wb = await load(data);
    const ws = wb.getWorksheet("Sở Y tế")!;
    const r = rowOf(ws, "3.2");
    expect(ws.getCell(r, 4).value).toBe(0.8);
    expect(ws.getCell(r, 4).numFmt).toBe("0.0%");
    expect(ws.getCell(r, 4).protection?.locked).toBe(false);
    expect(ws.getCell(r, 4).fill).toMatchObject({ fgColor: { argb: "FFFFF2CC" } });
    expect(ws.getCell(rowOf(ws, "2.1"), 4).dataValidation).toMatchObject({ type: "list", formulae: ['"Có,Không"'] });
    expect((ws.model as unknown as { merges: string[] }).merges).toContain("A6:I6");
    expect(ws.getColumn(2).width).toBe(60);
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
  });

  it("gives a second sheet of the same name a (2) and leaves out a second form of the same unit", async () => {
    const { data, report } = await collectFiles([
      { name: "a.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
      { name: "b.xlsx", data: await form("SYT-2", "Sở Y tế", 0.7) },
      { name: "c.xlsx", data: await form("SYT", "Sở Y tế (bản sửa)", 0.9) },
    ]);
    expect(report.take.map((t) => [t.file, t.as])).toEqual([
      ["a.xlsx", "Sở Y tế"],
      ["b.xlsx", "Sở Y tế (2)"],
    ]);
    const dup = report.skipped.find((s) => s.file === "c.xlsx" && s.sheet === "Sở Y tế (bản sửa)");
    expect(dup?.reason.vi).toContain("SYT");
    expect((await load(data)).worksheets.map((w) => w.name)).toEqual(["Sở Y tế", "Sở Y tế (2)"]);
  });

  it("adds to an existing workbook without repeating a unit it already holds", async () => {
    const first = await collectFiles([{ name: "a.xlsx", data: await form("SYT", "Sở Y tế", 0.8) }]);
    const second = await collectFiles(
      [
        { name: "a.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
        { name: "b.xlsx", data: await form("STC", "Sở Tài chính", 0.5) },
      ],
      first.data,
    );
    expect(second.report.take.map((t) => t.as)).toEqual(["Sở Tài chính"]);
    expect((await load(second.data)).worksheets.map((w) => w.name)).toEqual(["Sở Y tế", "Sở Tài chính"]);
  });

  it("keeps the charts of a scored workbook it gathers forms into", async () => {
    const { data } = await collectFiles([
      { name: "syt.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
      { name: "snv.xlsx", data: await form("SNV", "Sở Nội vụ", 0.6) },
    ]);
    const host = await XlsxHost.fromBuffer(data, "tong-hop.xlsx");
    await runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test" });
    const scored = await host.toBuffer();
    const charts = async (bytes: Uint8Array) => Object.keys((await JSZip.loadAsync(bytes)).files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).length;
    expect(await charts(scored)).toBe(3);
    const more = await collectFiles([{ name: "stc.xlsx", data: await form("STC", "Sở Tài chính", 0.5) }], scored);
    expect(more.report.take.map((t) => t.as)).toEqual(["Sở Tài chính"]);
    expect(await charts(more.data)).toBe(3);
  });

  it("gives a workbook that scores every collected unit", async () => {
    const { data } = await collectFiles([
      { name: "syt.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
      { name: "snv.xlsx", data: await form("SNV", "Sở Nội vụ", 0.6) },
    ]);
    const host = await XlsxHost.fromBuffer(data, "tong-hop.xlsx");
    const result = await runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test", write: false });
    const byCode = Object.fromEntries(result.table.units.map((u) => [u.code, u]));
    expect(Object.keys(byCode).sort()).toEqual(["SNV", "SYT"]);
    expect(byCode.SYT!.nodes["3.2"]!.points).toBeCloseTo(8, 10);
    expect(byCode.SNV!.nodes["3.2"]!.points).toBeCloseTo(6, 10);
  });

  it("warns, naming each file and its index, when the forms are of different indices or versions", async () => {
    const district = parseDefinition(findBuiltin("dti-huyen-mau")!.definition);
    if (!district.ok) throw new Error("the district sample does not parse");
    const huyen = await makeTemplate(district.model, [{ code: "H01", name: "Huyện Điện Biên Đông" }], { lang: "vi" });
    const mixed = await collectFiles([
      { name: "phieu.xlsx", data: huyen },
      { name: "so-lieu.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
    ]);
    expect(mixed.report.take.map((t) => t.file)).toEqual(["phieu.xlsx", "so-lieu.xlsx"]);
    expect(mixed.report.skipped).toEqual([]);
    const v = `${model.definition.id}@${model.definition.version}`;
    const d = `${district.model.definition.id}@${district.model.definition.version}`;
    expect(mixed.report.warnings.map((w) => w.vi)).toEqual([
      `Các tệp chứa phiếu của những bộ chỉ số khác nhau: phieu.xlsx (${d}); so-lieu.xlsx (${v}). Một sổ chỉ chấm theo một bộ chỉ số; hãy gom riêng phiếu của từng bộ (hoặc dùng --index để chỉ lấy phiếu của một bộ).`,
    ]);
    expect(mixed.report.warnings[0]?.en).toContain(`phieu.xlsx (${d}); so-lieu.xlsx (${v})`);

    // Another version of the same index, already in the receiving workbook.
    const newer = parseDefinition({ ...(builtin.definition as object), version: "2025" });
    if (!newer.ok) throw new Error("the newer version does not parse");
    const next = await makeTemplate(newer.model, [{ code: "STC", name: "Sở Tài chính", category: "co-dvc" }], { lang: "en" });
    const again = await collectFiles([{ name: "stc-2025.xlsx", data: next }], (await collectFiles([{ name: "a.xlsx", data: await form("SYT", "Sở Y tế", 0.8) }])).data);
    expect(again.report.take.map((t) => t.as)).toEqual(["Sở Tài chính"]);
    expect(again.report.warnings.map((w) => w.en)).toEqual([
      `The files hold forms of different versions of the index ${model.definition.id}: the receiving workbook (${v}); stc-2025.xlsx (${model.definition.id}@2025). A workbook is scored on one version; check the forms.`,
    ]);
    // One index only: no warning.
    const same = await collectFiles([
      { name: "a.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
      { name: "b.xlsx", data: await form("SNV", "Sở Nội vụ", 0.6) },
    ]);
    expect(same.report.warnings).toEqual([]);
  });

  it("names the file that is not a workbook", async () => {
    await expect(collectFiles([{ name: "hong.xlsx", data: new TextEncoder().encode("không phải zip") }])).rejects.toThrow(CollectReadError);
  });
});
