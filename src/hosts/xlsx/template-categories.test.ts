/**
 * A unit's category typed another way than the index writes it — in capitals, without diacritics,
 * by its name in the other language — is the category the reader takes it for: its form lets the
 * unit fill in the rows of that category, and names the category as the index does.
 */
import ExcelJS from "exceljs";
import { TEMPLATE_NOT_APPLICABLE_NOTE } from "../../core/collect";
import { parseDefinition } from "../../core/definition";
import { localize } from "../../core/i18n/text";
import { findBuiltin } from "../../indices";
import { makeTemplate } from "./template";
import { open, rowOf } from "./test-workbooks";

function departmentModel() {
  const parsed = parseDefinition(findBuiltin("dti-so-nganh-mau")!.definition);
  if (!parsed.ok) throw new Error("the department sample does not parse");
  return parsed.model;
}

/** The rows of the department sample that only units with public services (co-dvc) fill in. */
const PUBLIC_SERVICE_ROWS = ["6.3.a", "6.3.b", "6.4.a", "6.4.b", "6.5"];
/** The columns of a form: Số liệu, Tự chấm, Ghi chú. */
const VALUE = 4;
const SELF = 6;
const NOTE = 8;

const units = [
  { code: "A1", name: "Sở A", category: "CO-DVC" },
  { code: "A2", name: "Sở B", category: "so, ban, nganh co dich vu cong" },
  { code: "A3", name: "Sở C", category: "DEPARTMENTS WITH PUBLIC SERVICES" },
  // Without diacritics "không có" is still not "có": this unit's rows stay grey.
  { code: "A4", name: "Sở D", category: "SO, BAN, NGANH KHONG CO DICH VU CONG" },
];

describe.each(["vi", "en"] as const)("a form whose unit's category is typed in capitals or without diacritics (%s)", (lang) => {
  let wb: ExcelJS.Workbook;
  const model = departmentModel();
  const nameOf = (id: string): string => localize(model.definition.categories!.find((c) => c.id === id)!.name, lang);
  beforeAll(async () => {
    wb = await open(await makeTemplate(model, units, { lang }));
  });

  it.each(["Sở A", "Sở B", "Sở C"])("lets %s fill in the rows of its category, unlocked, shaded and checked, and names the category as the index does", (sheet) => {
    const ws = wb.getWorksheet(sheet)!;
    expect(ws.getCell(3, 2).value).toBe(nameOf("co-dvc"));
    for (const code of PUBLIC_SERVICE_ROWS) {
      const value = ws.getCell(rowOf(ws, code), VALUE);
      expect([code, value.protection?.locked]).toEqual([code, false]);
      expect(value.fill).toMatchObject({ fgColor: { argb: "FFFFF2CC" } });
      expect(value.dataValidation).toBeDefined();
    }
    for (const code of ["6.3", "6.4", "6.5"]) {
      const row = rowOf(ws, code);
      expect(ws.getCell(row, SELF).protection?.locked).toBe(false);
      expect(ws.getCell(row, NOTE).value).not.toBe(TEMPLATE_NOT_APPLICABLE_NOTE[lang]);
    }
  });

  it("keeps the rows of the other category grey and locked for a unit of that category typed without diacritics", () => {
    const ws = wb.getWorksheet("Sở D")!;
    expect(ws.getCell(3, 2).value).toBe(nameOf("khong-dvc"));
    for (const code of PUBLIC_SERVICE_ROWS) expect(ws.getCell(rowOf(ws, code), VALUE).protection?.locked).not.toBe(false);
    expect(ws.getCell(rowOf(ws, "6.3"), NOTE).value).toBe(TEMPLATE_NOT_APPLICABLE_NOTE[lang]);
  });

  it("lists each unit in the instructions with its category's name", () => {
    const help = wb.worksheets[0]!;
    const listed: [unknown, unknown][] = [];
    help.eachRow((row) => {
      if (units.some((u) => u.code === row.getCell(1).value)) listed.push([row.getCell(1).value, row.getCell(3).value]);
    });
    expect(listed).toEqual([
      ["A1", nameOf("co-dvc")],
      ["A2", nameOf("co-dvc")],
      ["A3", nameOf("co-dvc")],
      ["A4", nameOf("khong-dvc")],
    ]);
  });
});
