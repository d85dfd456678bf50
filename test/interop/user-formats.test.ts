/**
 * The analyst's conditional format and drop-down list on the results sheet, kept by two more runs
 * of the command line: LibreOffice opens the workbook and saves them back once each, with the
 * project's colour scales and data bar.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { edit, open, scoreAgain, scoredDemo } from "../../src/hosts/xlsx/test-workbooks";
import { convert, XLSX } from "./soffice";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-user-formats-"));

test("LibreOffice opens the results sheet scored twice more with the analyst's rule and list, each once, and the project's rules", async () => {
  const typed = await edit(await scoredDemo(), (wb) => {
    const ws = wb.getWorksheet("Kết quả")!;
    ws.getCell("AF3").value = "Ghi chú HĐ";
    ws.getCell("AF5").value = "Cần xem";
    ws.addConditionalFormatting({ ref: "AF4:AF23", rules: [{ type: "expression", priority: 20, formulae: ['AF4="Cần xem"'], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } } }] });
    // As ws.dataValidations.add("AG4:AG23", …), which ExcelJS's types leave out.
    (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model["AG4:AG23"] = { type: "list", allowBlank: true, formulae: ['"Đạt,Chưa đạt"'] };
  });
  const twice = (await scoreAgain((await scoreAgain(typed)).out)).out;
  writeFileSync(join(dir, "ket-qua.xlsx"), twice);
  const [name] = convert(join(dir, "ket-qua.xlsx"), XLSX, join(dir, "lo"));
  const ws = (await open(new Uint8Array(readFileSync(join(dir, "lo", name!))))).getWorksheet("Kết quả")!;
  const formats = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[] }).conditionalFormattings;
  const rules = formats.flatMap((cf) => cf.rules.map((r) => ({ ref: cf.ref, type: r.type, formulae: r.formulae })));
  expect(rules.filter((r) => r.ref === "AF4:AF23")).toEqual([{ ref: "AF4:AF23", type: "expression", formulae: ['AF4="Cần xem"'] }]);
  expect(rules.filter((r) => r.type === "colorScale")).toHaveLength(6);
  expect(rules.filter((r) => r.type === "dataBar")).toHaveLength(1);
  const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;
  // LibreOffice writes an empty second formula (0) for a list.
  for (let r = 4; r <= 23; r++) expect(dv[`AG${r}`]).toMatchObject({ type: "list", formulae: expect.arrayContaining(['"Đạt,Chưa đạt"']) });
  expect(Object.values(dv).filter(Boolean)).toHaveLength(20);
});
