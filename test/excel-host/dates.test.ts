/**
 * Dates in input cells: Excel gives a date as its serial number (45780 for 3 May 2025) and only
 * the cell's number format says it is a date. The Excel host must read such a cell as the file
 * host does (ExcelJS gives a Date, written "2025-05-03"): the reader then says "not a number"
 * instead of taking 45,780 as the unit's figure.
 */
import ExcelJS from "exceljs";
import { runScoring } from "../../src/core/pipeline";
import type { IndexModel } from "../../src/core/definition/model";
import { ExcelHost } from "../../src/hosts/excel";
import { isDateFormat, serialDateText } from "../../src/hosts/excel/dates";
import { XlsxHost } from "../../src/hosts/xlsx";
import { dateText } from "../../src/hosts/xlsx/read";
import { createExcelDouble } from "../excel-double";
import { departmentModel, templateBytes } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

function noise(u: number, i: number): number {
  const x = Math.sin(u * 12.9898 + i * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/** Each form's answers (as the fixtures give them), then what `edit` changes on a form. */
async function answeredForms(model: IndexModel, units: number, edit: (form: Form) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await templateBytes(model, units)) as never);
  const inputs = [...model.inputs.values()];
  let u = -1;
  wb.worksheets.forEach((ws) => {
    let header = 0;
    const col: Record<string, number> = {};
    ws.eachRow((row, r) => row.eachCell((cell) => {
      if (cell.value === "Số liệu") header = r;
    }));
    if (!header) return;
    u++;
    ws.getRow(header).eachCell((cell, c) => {
      col[String(cell.value)] = c;
    });
    const rowOf = new Map<string, number>();
    for (let r = header + 1; r <= ws.rowCount; r++) {
      const code = ws.getCell(r, col["Mã"]!).value;
      if (code !== null) rowOf.set(String(code), r);
    }
    inputs.forEach((input, i) => {
      const r = rowOf.get(input.code);
      if (r === undefined || input.type === "choice") return;
      const n = noise(u, i);
      const cell = ws.getCell(r, col["Số liệu"]!);
      if (input.type === "boolean") cell.value = n > 0.3 ? "Có" : "Không";
      else if (input.type === "percent") cell.value = Math.round(n * 100) / 100;
      else cell.value = 10 + Math.round(n * Math.max(1, (input.max ?? 60) - 10));
    });
    edit({
      unit: u,
      sheet: ws,
      cell: (code, column = "Số liệu") => ws.getCell(rowOf.get(code)!, col[column]!),
      address: (code, column = "Số liệu") => ws.getCell(rowOf.get(code)!, col[column]!).address,
    });
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

interface Form {
  /** 0 for the first unit's form. */
  unit: number;
  sheet: ExcelJS.Worksheet;
  cell: (code: string, column?: string) => ExcelJS.Cell;
  address: (code: string, column?: string) => string;
}

/** A value in a number format of its own (ExcelJS shares one style between the cells a file gave the same style). */
function put(cell: ExcelJS.Cell, value: number | Date, numFmt: string): void {
  cell.value = value;
  cell.style = { ...cell.style, numFmt };
}

async function throughExcel(bytes: Uint8Array, definition: unknown) {
  const double = createExcelDouble();
  await double.loadXlsx(bytes);
  double.install();
  double.resetCounters();
  const result = await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now, write: false });
  return { result, double };
}

async function throughFile(bytes: Uint8Array, definition: unknown) {
  return runScoring(await XlsxHost.fromBuffer(bytes), { definition, lang: "vi", projectVersion: "test", now, write: false });
}

describe("date-formatted numbers read through Excel", () => {
  test("a form with dates typed into number cells gives the same findings and scores through Excel as through the file", async () => {
    const { definition, model } = departmentModel();
    // Integer inputs of indicators other than 6.6 (a relative rule: the best figure gets full marks).
    const integers = [...model.inputs.values()].filter((i) => i.type === "integer" && i.code !== "6.6").map((i) => i.code);
    const percent = [...model.inputs.values()].find((i) => i.type === "percent")!.code;
    expect(integers.length).toBeGreaterThan(1);
    const typed: Record<string, string> = {};
    const bytes = await answeredForms(model, 6, (f) => {
      const at = (code: string, column?: string) => `${f.sheet.name}!${f.address(code, column)}`;
      if (f.unit === 0) {
        // "3/5" typed by a Vietnamese user: Excel keeps 3 May as 45780 in a date cell.
        put(f.cell("6.6"), new Date(Date.UTC(2025, 4, 3)), "d/m/yyyy");
        typed[at("6.6")] = "ô chứa ngày 03/05/2025 (ô được định dạng ngày tháng), không phải là số";
      }
      if (f.unit === 1) {
        put(f.cell(integers[0]!), 45721, "[$-vi-VN]dd/mm/yyyy");
        typed[at(integers[0]!)] = "ô chứa ngày 05/03/2025 (ô được định dạng ngày tháng), không phải là số";
        put(f.cell(integers[1]!), 0.5, "h:mm");
        typed[at(integers[1]!)] = "ô được định dạng giờ nên số 0,5 hiện thành 12:00 và không được đọc là số";
        // Evidence on the top rows (read with the header) and below them.
        expect(f.cell("1.1", "Minh chứng").row).toBeLessThanOrEqual(12);
        put(f.cell("1.1", "Minh chứng"), new Date(Date.UTC(2025, 2, 5, 10, 30)), "m/d/yy h:mm");
        put(f.cell("1.2", "Minh chứng"), 45781, "[$-vi-VN]dd/mm/yyyy");
        put(f.cell("6.6", "Minh chứng"), 45782, "d/m/yyyy");
      }
      if (f.unit === 2) {
        // Not dates: figures, whatever their number format.
        put(f.cell(integers[0]!), 12, "#,##0");
        put(f.cell(percent), 0.42, "0.00%");
        put(f.cell(integers[1]!), 7, "@");
      }
    });

    const file = await throughFile(bytes, definition);
    const { result: excel } = await throughExcel(bytes, definition);
    expect(excel.issues).toEqual(file.issues);
    expect(excel.table).toEqual(file.table);
    expect(excel.submissions).toEqual(file.submissions);

    // Each date is "not a number", said as the date Excel shows (a small number as the number typed), on its cell; the other formats are figures.
    const notNumbers = excel.issues.filter((i) => i.code === "not-a-number");
    expect(Object.fromEntries(notNumbers.map((i) => [`${i.sheet}!${i.cell}`, i.message.vi]))).toEqual(
      Object.fromEntries(Object.entries(typed).map(([at, text]) => [at, expect.stringContaining(text)])),
    );
    const [u1, u2, u3] = excel.submissions;
    expect(u1!.values["6.6"]).toBeUndefined();
    expect(u3!.values[integers[0]!]).toBe(12);
    expect(u3!.values[percent]).toBe(0.42);
    expect(u2!.evidence).toMatchObject({ "1.1": "2025-03-05T10:30:00", "1.2": "2025-05-04", "6.6": "2025-05-05" });
    // 6.6 is relative to the best figure: a date is nobody's best, so another unit gets full marks.
    const points = excel.table.units.map((u) => u.nodes["6.6"]?.points ?? null);
    expect(points[0]).not.toBe(model.nodes.get("6.6")!.max);
    expect(points.slice(1)).toContain((model.nodes.get("6.6") as { max?: number }).max);
  }, 120_000);

  test("the number formats come in the same requests as the values: no more requests than before, every response under 5 MB", async () => {
    const { model } = departmentModel();
    const plain = await answeredForms(model, 8, () => undefined);
    const dated = await answeredForms(model, 8, (f) => {
      put(f.cell("6.6"), new Date(Date.UTC(2025, 4, 3)), "d/m/yyyy");
    });
    const syncs = async (bytes: Uint8Array) => {
      const double = createExcelDouble();
      await double.loadXlsx(bytes);
      double.install();
      double.resetCounters();
      await new ExcelHost().read();
      expect(double.requests.every((r) => r.ok && r.responseBytes <= 5 * 1024 * 1024)).toBe(true);
      // The sheet list, the outlines, the rest of the forms with the number formats, and under
      // each form's table (the place, date and signatures) the table's other columns.
      return double.syncCount;
    };
    expect(await syncs(dated)).toBe(await syncs(plain));
    expect(await syncs(plain)).toBe(4);
  }, 120_000);

  test("a range whose response is too large for one request is read in halves and put together, dates and all", async () => {
    const double = createExcelDouble();
    // 40,000 rows of long text and a date: one piece, over 5 MB with its number formats. The top
    // rows, from which the read estimates the rest, hold short text: the estimate falls short.
    const long = "Quyết định số 123/QĐ-UBND về việc ban hành kế hoạch chuyển đổi số năm 2025 của đơn vị";
    const text = (r: number) => (r < 12 ? `Dòng ${r + 1}` : `${long} (${r + 1})`);
    const rows = Array.from({ length: 40_000 }, (_, r) => [text(r), { date: "2025-05-03", numberFormat: "dd/mm/yyyy" } as const, r]);
    double.addSheet("Ghi chép", rows);
    double.install();
    double.resetCounters();
    const snapshot = await new ExcelHost().read();
    expect(double.requests.some((r) => !r.ok)).toBe(true);
    const values = snapshot.sheets[0]!.values;
    expect(values).toHaveLength(40_000);
    expect(values.every((line, r) => line[0] === text(r) && line[1] === "2025-05-03" && line[2] === r)).toBe(true);
  }, 120_000);
});

describe("which number formats show dates", () => {
  test.each([
    "d/m/yyyy", "m/d/yy", "dd/mm/yyyy", "[$-vi-VN]dd/mm/yyyy", "[$-x-sysdate]dddd, mmmm dd, yyyy", "d-mmm", "mmm-yy", "yyyy",
    "h:mm", "h:mm AM/PM", "hh:mm:ss", "[h]:mm:ss", "[mm]:ss", "m/d/yyyy h:mm", "DD/MM/YYYY", "[Red]d/m/yyyy", "bbbb",
  ])("%s is a date or time format", (f) => expect(isDateFormat(f)).toBe(true));

  test.each([
    "General", "0", "0.00", "0.00%", "#,##0", "#,##0.##", "@", "0.00E+00", "[Red]#,##0;[Blue]-#,##0", "# ?/?",
    '0" m²"', '#,##0\\ "ha"', "#,##0 [$₫-42A]", '_(* #,##0_);_(* (#,##0);_(* "-"??_);_(@_)', '_-* #,##0.00\\ _₫_-;\\-* #,##0.00\\ _₫_-;_-* "-"??\\ _₫_-;_-@_-',
    "[<=9999999]###-####;(###) ###-####", "0\\h", "",
  ])("%s is no date format", (f) => expect(isDateFormat(f)).toBe(false));

  test("a serial reads as the file host writes the same cell's date", () => {
    for (const serial of [1, 60, 61, 45780, 45780.5, 45780.4375, 0.5, 45780.99999999, 2958465]) {
      const asFile = dateText(new Date(Math.round((serial - 25569) * 86_400_000)));
      expect(serialDateText(serial)).toBe(asFile);
    }
    expect(serialDateText(45780)).toBe("2025-05-03");
    expect(serialDateText(45780.4375)).toBe("2025-05-03T10:30:00");
    expect(serialDateText(1e20)).toBeUndefined();
  });
});
