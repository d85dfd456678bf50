/**
 * Workbooks and page scripts for running the pane on many units, outside Excel and in Excel (the
 * Excel double installed in the page): used by check-off-thread.test.ts and measure-check-freeze.ts.
 */
import ExcelJS from "exceljs";
import { runScoring } from "../../src/core/pipeline";
import { XlsxHost } from "../../src/hosts/xlsx";
import { pageScript } from "./page-script";
import { SAMPLE_INDEX, makeSampleWorkbook, numericInput } from "./sample";

/** `n` units of the department index, named as the sample names them. */
export function manyUnits(n: number): { code: string; name: string; category: string }[] {
  return Array.from({ length: n }, (_, i) => ({ code: `DV${String(i + 1).padStart(4, "0")}`, name: `Đơn vị số ${i + 1}`, category: i % 3 === 0 ? "khong-dvc" : "co-dvc" }));
}

/**
 * The sample workbook of `units` units scored once with the sample index (in Node, by the .xlsx
 * host), then the figure of one numeric input changed in the first `changed` units' forms: the
 * workbook a user reopens after editing it, whose check finds its results out of date.
 */
export async function scoredThenEdited(units: number, changed = 3): Promise<Uint8Array> {
  const { BUILTIN_INDICES } = await import("../../src/indices");
  const bytes = await makeSampleWorkbook({ units: manyUnits(units), fills: Array.from({ length: units }, (_, i) => i % 5) });
  const host = await XlsxHost.fromBuffer(bytes, "scored.xlsx");
  const definition = BUILTIN_INDICES.find((b) => b.id === SAMPLE_INDEX)!.definition;
  await runScoring(host, { definition, lang: "vi", projectVersion: "0.1.0", write: true, now: new Date("2024-06-01T00:00:00Z") });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await host.toBuffer()) as unknown as ArrayBuffer);
  const code = numericInput();
  let left = changed;
  for (const ws of wb.worksheets) {
    if (left === 0) break;
    let codeCol = 0;
    let valueCol = 0;
    for (let r = 1; r <= Math.min(ws.rowCount, 200) && left > 0; r++) {
      const row = ws.getRow(r);
      if (!codeCol) {
        row.eachCell((cell, c) => {
          if (cell.value === "Mã") codeCol = c;
          if (cell.value === "Số liệu") valueCol = c;
        });
        continue;
      }
      if (String(row.getCell(codeCol).value ?? "").trim() !== code) continue;
      const cell = row.getCell(valueCol);
      cell.value = (typeof cell.value === "number" ? cell.value : 0) + 7;
      left--;
      break;
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A cell's value as the double is seeded with it: what Excel shows (a formula's result, rich text's words, a date's serial). */
function seedValue(v: ExcelJS.CellValue): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return (v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
  if (typeof v === "object" && "richText" in v) return v.richText.map((t) => t.text).join("");
  if (typeof v === "object" && "result" in v) return seedValue((v as { result?: ExcelJS.CellValue }).result ?? null);
  if (typeof v === "object" && "text" in v) return String((v as { text: unknown }).text);
  return null;
}

/** `workbook`'s sheets as the Excel double is seeded with them: their values as Excel shows them, and their visibility. */
export async function doubleSeed(workbook: Uint8Array): Promise<{ name: string; visibility: "Visible" | "Hidden" | "VeryHidden"; rows: (string | number | boolean | null)[][] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(workbook as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: (string | number | boolean | null)[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const values: (string | number | boolean | null)[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => (values[c - 1] = seedValue(cell.value)));
      rows[r - 1] = Array.from(values, (v) => v ?? null);
    });
    const visibility = ws.state === "veryHidden" ? "VeryHidden" : ws.state === "hidden" ? "Hidden" : "Visible";
    return { name: ws.name, visibility, rows: Array.from(rows, (r) => r ?? []) };
  });
}

/**
 * A script for the page, run before the pane loads: the Excel double installed as the page's
 * Excel (`window.__double`), holding `workbook`'s sheets, their values as Excel shows them and
 * their visibility (the values read in Node: the double's own .xlsx reader takes longer than
 * Office.onReady is waited for on a workbook of hundreds of forms).
 */
export async function excelDoubleScript(workbook: Uint8Array): Promise<string> {
  const seed = await doubleSeed(workbook);
  return pageScript(`import { install } from "./test/excel-double";
        const d = install(window);
        for (const s of ${JSON.stringify(seed)}) d.addSheet(s.name, s.rows).visibility = s.visibility;
        window.Office.context.displayLanguage = "vi-VN";
        window.__double = d;`);
}
