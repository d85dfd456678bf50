/**
 * What the reader says of a form's header and evidence cells is the same through Excel as through
 * the file: a column named twice in the header row (said from the header alone, which the Excel
 * host reads whole, never from the cells of a column it does not load), and evidence that says
 * there is none or holds an error. Scored twice in Excel, the scores stay in the first `Điểm`.
 */
import ExcelJS from "exceljs";
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import { XlsxHost } from "../../src/hosts/xlsx";
import { createExcelDouble } from "../excel-double";
import { departmentModel, templateBytes } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

/** The template's forms answered alike, then the first one changed as a unit would. */
async function forms(): Promise<{ bytes: Uint8Array; sheet: string; at: Record<string, string> }> {
  const { model } = departmentModel();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await templateBytes(model, 3, { protection: "none" })) as never);
  const at: Record<string, string> = {};
  let first: string | undefined;
  for (const ws of wb.worksheets) {
    let header = 0;
    const col: Record<string, number> = {};
    ws.eachRow((row, r) => row.eachCell((cell) => {
      if (cell.value === "Số liệu") header = r;
    }));
    if (!header) continue;
    ws.getRow(header).eachCell((cell, c) => {
      if (typeof cell.value === "string") col[cell.value] = c;
    });
    const rowOf = new Map<string, number>();
    for (let r = header + 1; r <= ws.rowCount; r++) {
      const code = ws.getCell(r, col["Mã"]!).value;
      if (code !== null) rowOf.set(String(code), r);
    }
    for (const input of model.inputs.values()) {
      const cell = ws.getCell(rowOf.get(input.code)!, col["Số liệu"]!);
      cell.value = input.type === "boolean" ? "Có" : input.type === "percent" ? 0.5 : input.type === "choice" ? "Giám đốc/Thủ trưởng đơn vị" : 20;
    }
    for (const code of model.indicators) ws.getCell(rowOf.get(code)!, col["Minh chứng"]!).value = "Quyết định số 12/QĐ-UBND";
    if (first !== undefined) continue;
    first = ws.name;
    const last = Math.max(...Object.values(col));
    // A second Số liệu with a figure far below the top rows, a second Điểm beside it.
    ws.getCell(header, last + 1).value = "Số liệu";
    ws.getCell(rowOf.get("6.6")!, last + 1).value = 5;
    ws.getCell(header, last + 2).value = "Điểm";
    ws.getCell(rowOf.get("6.6")!, last + 2).value = 7;
    at.value = ws.getCell(header, last + 1).address;
    at.score = ws.getCell(header, last + 2).address;
    at.ownScore = ws.getCell(rowOf.get("6.6")!, last + 2).address;
    at.points = ws.getCell(rowOf.get("6.6")!, col["Điểm"]!).address;
    // Evidence that is none, and an error, on rows below the top rows.
    at["4.1"] = ws.getCell(rowOf.get("4.1")!, col["Minh chứng"]!).address;
    ws.getCell(at["4.1"]).value = "Không có";
    at["5.3"] = ws.getCell(rowOf.get("5.3")!, col["Minh chứng"]!).address;
    ws.getCell(at["5.3"]).value = { error: "#REF!" } as ExcelJS.CellErrorValue;
  }
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), sheet: first!, at };
}

describe("a form's header and evidence read through Excel", () => {
  test("a column named twice and evidence that is none: the same findings and scores as through the file; the scores stay in the first Điểm on every run", async () => {
    const { definition } = departmentModel();
    const { bytes, sheet, at } = await forms();
    const file = await runScoring(await XlsxHost.fromBuffer(bytes), { definition, lang: "vi", projectVersion: "test", now, write: false });
    const double = createExcelDouble();
    await double.loadXlsx(bytes);
    double.install();
    const excel = await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
    expect(excel.issues).toEqual(file.issues);
    expect(excel.table).toEqual(file.table);
    const mine = (issues: typeof file.issues) => issues.filter((i) => i.sheet === sheet && (i.code === "unknown-column" || i.code === "evidence-missing")).map((i) => [i.code, i.cell]);
    expect(mine(excel.issues)).toEqual([
      ["unknown-column", at.value],
      ["unknown-column", at.score],
      ["evidence-missing", at["4.1"]],
      ["evidence-missing", at["5.3"]],
    ]);
    // The second run in Excel: the project's scores in the form's own Điểm, the user's 7 kept.
    const again = await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
    const points = again.table.units[0]!.nodes["6.6"]!.points;
    const cell = (address: string) => double.workbook.sheets.find((s) => s.name === sheet)!.get(Number(/\d+/.exec(address)![0]) - 1, columnIndex(address))?.v;
    expect([cell(at.points!), cell(at.ownScore!)]).toEqual([points, 7]);
    expect(mine(again.issues)).toEqual(mine(excel.issues));
  }, 120_000);
});

/** "J51" → 9 (0-based). */
function columnIndex(address: string): number {
  const letters = /^[A-Z]+/.exec(address)![0];
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}
