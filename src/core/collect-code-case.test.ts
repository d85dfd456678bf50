/**
 * A unit code written otherwise in letter case on a unit's filled form ("snv" for "SNV"): Collect
 * takes the form as the unit's, in place of its blank form, and says at the code's cell that
 * scoring reads the code as written (the reader keys codes with their case: two units), so the
 * code is to be put right. Real workbooks written by `template`, gathered and scored.
 */
import { collectFiles } from "../hosts/xlsx/collect";
import { XlsxHost } from "../hosts/xlsx/host";
import { makeTemplate } from "../hosts/xlsx/template";
import { open, rowOf } from "../hosts/xlsx/test-workbooks";
import { findBuiltin } from "../indices";
import { isRoutineSkip, planCollect } from "./collect";
import { parseDefinition } from "./definition";
import { runScoring } from "./pipeline";
import type { CellValue, SheetSnapshot } from "./types";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;
const UNITS = [
  { code: "SYT", name: "Sở Y tế", category: "co-dvc" },
  { code: "SNV", name: "Sở Nội vụ", category: "co-dvc" },
  { code: "STC", name: "Sở Tài chính", category: "co-dvc" },
];

const blankTemplate = (units = UNITS): Promise<Uint8Array> => makeTemplate(model, units, { lang: "vi" });

/** The template sent back with `sheet`'s form filled in (3.2 at 60%: 6 points) and its code cell B2 written `code`. */
async function sentBack(code: string, sheet = "Sở Nội vụ", units = UNITS): Promise<Uint8Array> {
  const wb = await open(await blankTemplate(units));
  const ws = wb.getWorksheet(sheet)!;
  expect(ws.getCell("A2").value).toBe("Mã đơn vị");
  ws.getCell("B2").value = code;
  ws.getCell(rowOf(ws, "3.2"), 4).value = 0.6;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function scored(data: Uint8Array) {
  const host = await XlsxHost.fromBuffer(data, "tong-hop.xlsx");
  return runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test", write: false });
}

describe("a unit code written otherwise in letter case", () => {
  it("is the unit's for collect: its filled form takes the place of the blank one, once, with a word at the code's cell", async () => {
    const { data, report } = await collectFiles([
      { name: "phieu-trong.xlsx", data: await blankTemplate() },
      { name: "snv.xlsx", data: await sentBack(" snv ") },
    ]);
    expect(report.take.map((t) => [t.file, t.as])).toEqual([
      ["phieu-trong.xlsx", "Sở Y tế"],
      ["snv.xlsx", "Sở Nội vụ"],
      ["phieu-trong.xlsx", "Sở Tài chính"],
    ]);
    expect(report.skipped.filter((s) => !isRoutineSkip(s))).toEqual([]);
    expect(report.warnings).toEqual([
      {
        vi: `Trang tính 'Sở Nội vụ' (tệp snv.xlsx), ô B2: mã đơn vị ghi "snv", chỉ khác mã SNV ở chữ hoa, chữ thường, nên phiếu được lấy là phiếu của đơn vị mã SNV. Khi chấm, mã được đọc đúng như ghi ("snv" và "SNV" là hai mã khác nhau): hãy sửa ô B2 trên trang 'Sở Nội vụ' của sổ tổng hợp thành SNV.`,
        en: `Sheet 'Sở Nội vụ' (snv.xlsx), cell B2: the unit code is written "snv", which differs from the code SNV only in letter case, so the form was taken as unit SNV's. Scoring reads a code as it is written ("snv" and "SNV" are two codes): change cell B2 on the sheet 'Sở Nội vụ' in the consolidated workbook to SNV.`,
      },
    ]);
    // Scored: Sở Nội vụ once, with its figures, not a second time at 0 points from its blank form.
    const result = await scored(data);
    const named = result.table.units.filter((u) => u.name === "Sở Nội vụ");
    expect(named.map((u) => u.code)).toEqual(["snv"]);
    expect(named[0]!.nodes["3.2"]!.points).toBeCloseTo(6, 10);
    // The code put right as said: the unit is SNV.
    const wb = await open(data);
    wb.getWorksheet("Sở Nội vụ")!.getCell("B2").value = "SNV";
    const fixed = await scored(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(fixed.table.units.map((u) => u.code).sort()).toEqual(["SNV", "STC", "SYT"]);
  });

  it("in a workbook gathered into, replaces the unit's blank form there, naming it", async () => {
    const base = await blankTemplate();
    const { data, report } = await collectFiles([{ name: "snv.xlsx", data: await sentBack("Snv") }], base);
    expect(report.take.map((t) => [t.as, t.replaces])).toEqual([["Sở Nội vụ", "Sở Nội vụ"]]);
    expect((await open(data)).worksheets.map((w) => w.name)).toEqual((await open(base)).worksheets.map((w) => w.name));
    expect(report.warnings.map((w) => w.vi)).toEqual([expect.stringContaining(`ô B2: mã đơn vị ghi "Snv", chỉ khác mã SNV ở chữ hoa, chữ thường, nên phiếu được lấy là phiếu của đơn vị mã SNV (thay phiếu trống 'Sở Nội vụ').`)]);
    expect(report.warnings.map((w) => w.en)).toEqual([expect.stringContaining("so the form was taken as unit SNV's (in place of the blank form 'Sở Nội vụ').")]);
  });

  it("is left out, as the unit's, when the unit has a filled form in the workbook already", async () => {
    const filled = await collectFiles([{ name: "snv.xlsx", data: await sentBack("SNV") }], await blankTemplate());
    const again = await collectFiles([{ name: "snv-2.xlsx", data: await sentBack("snv") }], filled.data);
    expect(again.report.take).toEqual([]);
    expect(again.report.skipped.filter((s) => !isRoutineSkip(s)).map((s) => [s.sheet, s.duplicate, s.reason.vi])).toEqual([
      ["Sở Nội vụ", "filled-in-workbook", expect.stringMatching(/^Trang tính 'Sở Nội vụ': đơn vị mã SNV đã có phiếu điền số liệu trong sổ tổng hợp \(trang 'Sở Nội vụ'\)/)],
    ]);
    expect(again.report.warnings).toEqual([]);
  });

  it("of two units the template tells apart by case alone, each form goes to the unit of its own spelling", async () => {
    const units = [
      { code: "SXD", name: "Sở Xây dựng", category: "co-dvc" },
      { code: "sxd", name: "Ban Xây dựng", category: "co-dvc" },
    ];
    const { report } = await collectFiles([{ name: "ban.xlsx", data: await sentBack("sxd", "Ban Xây dựng", units) }], await blankTemplate(units));
    expect(report.take.map((t) => [t.as, t.replaces, t.unitCode])).toEqual([["Ban Xây dựng", "Ban Xây dựng", "sxd"]]);
    expect(report.warnings).toEqual([]);
  });
});

describe("matching codes by case, in the plan", () => {
  const sheet = (name: string, unit: string, code: string, figure?: number): SheetSnapshot => ({
    name,
    values: [["Đơn vị", unit], ["Mã đơn vị", code], [], ["Mã", "Nội dung", "Điểm tối đa", "Số liệu"], ["1.1", "Có kế hoạch", 10, figure ?? null]] as CellValue[][],
  });

  it("takes a code as the one spelling of its letters the blank forms give, and not when they give two", () => {
    const one = planCollect([], [
      { file: "mau.xlsx", sheets: [sheet("Sở Nội vụ", "Sở Nội vụ", "SNV")] },
      { file: "snv.xlsx", sheets: [sheet("Sở Nội vụ", "Sở Nội vụ", "snv", 1)] },
    ]);
    expect(one.take.map((t) => [t.file, t.as])).toEqual([["snv.xlsx", "Sở Nội vụ"]]);
    // Two spellings of the letters among the blank forms (two units to the reader): which one is not guessed.
    const two = planCollect([], [
      { file: "mau.xlsx", sheets: [sheet("A", "Sở Nội vụ", "SNV"), sheet("B", "Sở Nội vụ", "Snv")] },
      { file: "snv.xlsx", sheets: [sheet("Sở Nội vụ", "Sở Nội vụ", "snv", 1)] },
    ]);
    expect(two.take.map((t) => [t.file, t.unitCode])).toEqual([
      ["mau.xlsx", "SNV"],
      ["mau.xlsx", "Snv"],
      ["snv.xlsx", "snv"],
    ]);
    expect(two.warnings.filter((w) => w.en.includes("letter case"))).toEqual([]);
  });
});
