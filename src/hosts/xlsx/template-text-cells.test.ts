/**
 * The header of a unit's form (unit, unit code, category, index, period) is formatted as text
 * ("@"): what the unit types over it stays what they typed — a period "05/2025" is not made a
 * date, a code "001" keeps its zeros — and the values the template writes there are text too.
 */
import ExcelJS from "exceljs";
import { parseDefinition } from "../../core/definition";
import { findBuiltin } from "../../indices";
import { makeTemplate } from "./template";

function departmentModel() {
  const parsed = parseDefinition(findBuiltin("dti-so-nganh-mau")!.definition);
  if (!parsed.ok) throw new Error("the department sample does not parse");
  return parsed.model;
}

/** Each header row of the unit's form: its label (column A) and its value cell (column B), read back from the file. */
async function formHeader(bytes: Uint8Array, unitName: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const ws = wb.worksheets.find((w) => w.getCell(1, 2).value === unitName);
  if (!ws) throw new Error(`no form for ${unitName}`);
  const rows: { label: string; value: unknown; numFmt: string | undefined }[] = [];
  for (let r = 1; r <= 5; r++) {
    const label = ws.getCell(r, 1).value;
    if (typeof label !== "string" || label === "") break;
    const b = ws.getCell(r, 2);
    rows.push({ label, value: b.value, numFmt: b.numFmt });
  }
  return rows;
}

describe("the form's header cells are text", () => {
  test("without a period given (the unit types it, e.g. \"05/2025\"), every header value cell — unit, code, category, index, period — is formatted \"@\"", async () => {
    const model = departmentModel();
    const bytes = await makeTemplate(model, [{ code: "001", name: "Sở Tư pháp", category: model.categories[0]! }], { lang: "vi" });
    const rows = await formHeader(bytes, "Sở Tư pháp");
    expect(rows.map((r) => r.label)).toEqual(["Đơn vị", "Mã đơn vị", "Nhóm", "Bộ chỉ số", "Kỳ đánh giá"]);
    expect(rows.filter((r) => r.numFmt !== "@")).toEqual([]);
    expect(rows[1]!.value).toBe("001");
  });

  test("with a period given, in English: the period \"05/2025\" and a unit named \"TRUE\" are written as text in text cells", async () => {
    const model = departmentModel();
    const bytes = await makeTemplate(model, [{ code: "0042", name: "TRUE", category: model.categories[1]! }], { lang: "en", period: "05/2025" });
    const rows = await formHeader(bytes, "TRUE");
    expect(rows.map((r) => r.label)).toEqual(["Unit", "Unit code", "Category", "Index", "Period"]);
    expect(rows.filter((r) => r.numFmt !== "@")).toEqual([]);
    expect(rows.map((r) => r.value)).toEqual(["TRUE", "0042", expect.any(String), expect.any(String), "05/2025"]);
  });
});
