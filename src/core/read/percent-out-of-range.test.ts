/**
 * A percentage out of its bounds, quoted as the form shows it: a number cell formatted 0.00% that
 * holds -0.2 shows -20.00%, so the finding says -20%, not the raw fraction -0.2; one that holds 1.2
 * shows 120.00% and is read and said as 120%, not as a bare percentage (1.2%); a text is quoted as
 * the user typed it.
 */
import ExcelJS from "exceljs";
import { parseDefinition } from "../definition";
import { runScoring } from "../pipeline";
import { XlsxHost } from "../../hosts/xlsx/host";
import { makeTemplate } from "../../hosts/xlsx/template";
import type { CellValue, Issue } from "../types";

const definition = {
  format: "index-definition/1",
  id: "ty-le",
  version: "1",
  name: "Tỷ lệ",
  root: { code: "R", name: "R", children: [{ code: "1", name: "Tỷ lệ hồ sơ trực tuyến", max: 10, inputs: [{ code: "1", type: "percent" }], rule: { kind: "fraction" } }] },
};

/** The out-of-range finding of a form on which the percentage's cell holds `value`. */
async function finding(value: CellValue, lang: "vi" | "en"): Promise<Issue> {
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await makeTemplate(parsed.model, [{ code: "A", name: "Sở A" }], { lang })) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Sở A")!;
  let row = 0;
  ws.eachRow((r, n) => {
    if (r.getCell(1).value === "1") row = n;
  });
  const cell = ws.getCell(row, 4);
  expect(cell.numFmt).toBe("0.00%");
  cell.value = value as ExcelJS.CellValue;
  const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "phieu.xlsx");
  const result = await runScoring(host, { definition, lang, projectVersion: "test", write: false });
  const found = result.issues.filter((i) => i.code === "out-of-range");
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe("a percentage out of its bounds", () => {
  test("held as a number, is quoted as the percentage the cell shows, in either language", async () => {
    const minus = await finding(-0.2, "vi");
    expect(minus.message.vi).toBe(`Trang tính 'Sở A', ô ${minus.cell}: -20% nằm ngoài khoảng cho phép: số liệu phải từ 0% đến 100% (chỉ tiêu 1); hãy kiểm tra và nhập lại.`);
    expect(minus.message.en).toBe(`Sheet 'Sở A', cell ${minus.cell}: -20% is out of range: the value must be between 0% and 100% (indicator 1); check it and type it again.`);
    const fraction = await finding(-0.125, "en");
    expect([fraction.message.vi, fraction.message.en]).toEqual([
      expect.stringContaining(": -12,5% nằm ngoài khoảng cho phép"),
      expect.stringContaining(": -12.5% is out of range"),
    ]);
  });

  test("above 1, is read as the percentage the cell shows (1.2 shown 120.00% is 120%), not as a bare percentage (1.2%)", async () => {
    // What Excel stores when 120 (or 120%) is typed into the form's cell formatted 0.00%.
    const over = await finding(1.2, "en");
    expect(over.message.en).toBe(`Sheet 'Sở A', cell ${over.cell}: 120% is out of range: the value must be between 0% and 100% (indicator 1); check it and type it again.`);
    expect(over.message.vi).toBe(`Trang tính 'Sở A', ô ${over.cell}: 120% nằm ngoài khoảng cho phép: số liệu phải từ 0% đến 100% (chỉ tiêu 1); hãy kiểm tra và nhập lại.`);
    // 150 in that cell shows 15000.00%: quoted so, as the official sees it.
    const far = await finding(150, "en");
    expect(far.message.en).toContain(": 15000% is out of range: the value must be between 0% and 100%");
    expect(far.message.vi).toContain(": 15000% nằm ngoài khoảng cho phép");
  });

  test("typed as text, is quoted as typed", async () => {
    const typed = await finding("-20%", "vi");
    expect(typed.message.vi).toContain(': "-20%" nằm ngoài khoảng cho phép: số liệu phải từ 0% đến 100%');
    expect(typed.message.en).toContain(': "-20%" is out of range');
  });
});
