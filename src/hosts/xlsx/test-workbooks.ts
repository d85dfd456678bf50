/** Helpers for the xlsx host's tests: a file opened with ExcelJS, and a file changed as a user would. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { DEMO_UNITS, layoutAGrid } from "../../core/plan/test-fixtures";

export async function open(file: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
}

/** The row of the form on `ws` whose `Mã` (column A) is `code`. */
export function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  let found = 0;
  ws.eachRow((row, r) => {
    if (row.getCell(1).value === code) found = r;
  });
  if (found === 0) throw new Error(`no row ${code} on ${ws.name}`);
  return found;
}

/** The text of a cell's note (a plain note or a rich one), undefined when it has none. */
export function noteOf(cell: ExcelJS.Cell): string | undefined {
  const note = cell.note as string | ExcelJS.Comment | undefined;
  if (note === undefined) return undefined;
  return typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join("");
}

/** The file after `change` (a user's edit between two runs), saved again. */
export async function edit(file: Uint8Array, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = await open(file);
  change(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The demo units' forms (layout A, one sheet per unit) added to `wb`; each sheet is returned to `each`. */
export function addDemoForms(wb: ExcelJS.Workbook, each?: (ws: ExcelJS.Worksheet) => void): void {
  for (const u of DEMO_UNITS) {
    const ws = wb.addWorksheet(u.code);
    layoutAGrid(u).forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
    each?.(ws);
  }
}

/** A file of the demo units' forms, after `change` when one is given. */
export async function demoForms(change?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  addDemoForms(wb);
  change?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The demo's scored workbook (`ket-qua.xlsx`), made by the command line's `demo` in a fresh folder. */
export async function scoredDemo(): Promise<Uint8Array> {
  const { main } = await import("../../cli/main");
  const dir = mkdtempSync(join(tmpdir(), "dti-demo-"));
  const sink = { write: (_: string) => true };
  if ((await main(["demo", "--out", dir], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })) !== 0) throw new Error("demo failed");
  return new Uint8Array(readFileSync(join(dir, "ket-qua.xlsx")));
}

/** `file` scored again by the xlsx host in Vietnamese at a fixed time: the file written, the run's result and the host's warnings. */
export async function scoreAgain(file: Uint8Array) {
  const host = await XlsxHost.fromBuffer(file, "ket-qua.xlsx");
  const result = await runScoring(host, { lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-08T00:00:00Z") });
  return { out: await host.toBuffer(), result, warnings: host.lastApply?.warnings ?? [] };
}

/** A zip package of stored files whose central directory declares `declared` bytes for each (Zip64 above 4 GiB), as a bomb's does. */
export function zipDeclaring(files: { name: string; data: Uint8Array; declared?: number }[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const le = (n: number, bytes: number) => {
    const out = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) out[i] = Math.floor(n / 2 ** (8 * i)) % 256;
    return out;
  };
  const cat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  for (const f of files) {
    const name = new TextEncoder().encode(f.name);
    const declared = f.declared ?? f.data.length;
    const big = declared > 0xffffffff;
    const local = cat(le(0x04034b50, 4), le(20, 2), le(0, 2), le(0, 2), le(0, 4), le(0, 4), le(f.data.length, 4), le(f.data.length, 4), le(name.length, 2), le(0, 2), name, f.data);
    const extra = big ? cat(le(0x0001, 2), le(8, 2), le(declared, 8)) : new Uint8Array();
    central.push(cat(le(0x02014b50, 4), le(45, 2), le(20, 2), le(0, 2), le(0, 2), le(0, 4), le(0, 4), le(f.data.length, 4), le(big ? 0xffffffff : declared, 4), le(name.length, 2), le(extra.length, 2), le(0, 2), le(0, 2), le(0, 2), le(0, 4), le(offset, 4), name, extra));
    chunks.push(local);
    offset += local.length;
  }
  const directory = cat(...central);
  const end = cat(le(0x06054b50, 4), le(0, 2), le(0, 2), le(files.length, 2), le(files.length, 2), le(directory.length, 4), le(offset, 4), le(0, 2));
  return cat(...chunks, directory, end);
}

/** An .xlsx workbook with no worksheet: its only one taken out, and (`charts`) a chart sheet in its place. */
export async function workbookWithoutWorksheet(charts: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Tạm");
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  zip.remove("xl/worksheets/sheet1.xml");
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  zip.file("xl/workbook.xml", workbook.replace(/<sheets>.*<\/sheets>/s, "<sheets/>"));
  if (charts) zip.file("xl/chartsheets/sheet1.xml", '<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
  return new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
}
