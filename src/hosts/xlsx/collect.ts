/**
 * Gathering units' forms (layout-A sheets) from several .xlsx files into one workbook, cell by
 * cell with styles, merged cells, data validations, notes, column widths, row heights, frozen
 * panes and sheet protection, so a collected form looks and behaves like the one the unit sent.
 */
import ExcelJS from "exceljs";
import { type CollectPlan, detectLayoutA, planCollect } from "../../core/collect";
import type { IndexModel } from "../../core/definition/model";
import type { CellValue, SheetSnapshot } from "../../core/types";
import { preserveDrawings } from "./preserve";

/** A file that is not a readable .xlsx workbook. */
export class CollectReadError extends Error {
  constructor(readonly file: string) {
    super(`Cannot read ${file} as an .xlsx workbook`);
  }
}

export type CollectReport = CollectPlan;

async function load(data: Uint8Array, file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new CollectReadError(file);
  }
  return wb;
}

function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    if ("error" in v) return { error: String(v.error) };
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v && typeof v.text === "string") return v.text;
    if ("result" in v) return plainValue((v.result ?? null) as ExcelJS.CellValue);
  }
  return null;
}

/** The values of a sheet as a snapshot, enough for recognising layout A. */
function snapshotOf(ws: ExcelJS.Worksheet, rowLimit = 60): SheetSnapshot {
  const values: CellValue[][] = [];
  const last = Math.min(ws.rowCount, rowLimit);
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r);
    const out: CellValue[] = [];
    for (let c = 1; c <= Math.min(row.cellCount, 30); c++) out.push(plainValue(row.getCell(c).value));
    values.push(out);
  }
  return { name: ws.name, values, visible: ws.state === "visible" };
}

/** The unit codes and the `Bộ chỉ số` of the forms a workbook already holds. */
function formsOf(wb: ExcelJS.Workbook): { codes: string[]; indices: string[] } {
  const codes: string[] = [];
  const indices: string[] = [];
  for (const ws of wb.worksheets) {
    const h = detectLayoutA(snapshotOf(ws));
    if (h?.unitCode !== undefined) codes.push(h.unitCode);
    if (h?.index !== undefined) indices.push(h.index);
  }
  return { codes, indices };
}

function cloneJson<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Copy one worksheet into `target` (a new, empty sheet). */
function copySheet(source: ExcelJS.Worksheet, target: ExcelJS.Worksheet): void {
  source.eachRow({ includeEmpty: true }, (row, r) => {
    const to = target.getRow(r);
    if (row.height !== undefined) to.height = row.height;
    if (row.hidden) to.hidden = true;
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const dest = to.getCell(c);
      // A shared formula points at its master cell in the source; copy the formula text itself.
      const v = cell.value;
      if (v !== null && typeof v === "object" && "sharedFormula" in v) {
        dest.value = { formula: cell.formula, result: (v as ExcelJS.CellSharedFormulaValue).result } as ExcelJS.CellFormulaValue;
      } else {
        dest.value = cloneJson(v);
      }
      dest.style = cloneJson(cell.style);
      if (cell.note !== undefined) dest.note = cloneJson(cell.note);
      if (cell.dataValidation) dest.dataValidation = cloneJson(cell.dataValidation);
    });
  });
  const merges = (source.model as unknown as { merges?: string[] }).merges ?? [];
  for (const range of merges) target.mergeCells(range);
  // Validations on ranges that hold no cell yet (e.g. "D9:D200") live only in the sheet's model.
  const dv = (source as unknown as { dataValidations?: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations;
  const targetDv = (target as unknown as { dataValidations?: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations;
  if (dv && targetDv) {
    for (const [address, rule] of Object.entries(dv.model)) {
      if (!(address in targetDv.model)) targetDv.model[address] = cloneJson(rule);
    }
  }
  source.columns?.forEach((col, i) => {
    const to = target.getColumn(i + 1);
    if (col.width !== undefined) to.width = col.width;
    if (col.hidden) to.hidden = true;
  });
  if (source.views?.length) target.views = cloneJson(source.views);
  target.properties = { ...target.properties, ...cloneJson(source.properties) };
  if (source.pageSetup) target.pageSetup = { ...target.pageSetup, ...cloneJson(source.pageSetup) };
  const protection = (source as unknown as { sheetProtection?: unknown }).sheetProtection;
  if (protection) (target as unknown as { sheetProtection?: unknown }).sheetProtection = cloneJson(protection);
}

/**
 * Gather the layout-A sheets of `files` into `base` (or a new workbook). Sheets that are not
 * unit forms, forms of a unit code already present, and (with a model) forms of another index
 * are left out, each with the reason, in the report; the template's own instructions sheet and
 * hidden list sheet are left out silently. The report warns when the forms (those of `base`
 * included) name different indices or versions.
 */
export async function collectFiles(
  files: { name: string; data: Uint8Array }[],
  base?: Uint8Array,
  model?: IndexModel,
): Promise<{ data: Uint8Array; report: CollectReport }> {
  const target = base ? await load(base, "base") : new ExcelJS.Workbook();
  if (!base) target.creator = "DTI Scorer";
  const loaded: { name: string; wb: ExcelJS.Workbook }[] = [];
  for (const f of files) loaded.push({ name: f.name, wb: await load(f.data, f.name) });
  const existing = formsOf(target);
  const plan = planCollect(
    target.worksheets.map((w) => w.name),
    loaded.map(({ name, wb }) => ({ file: name, sheets: wb.worksheets.map((ws) => snapshotOf(ws)) })),
    model,
    { existingUnitCodes: existing.codes, existingIndices: existing.indices },
  );
  // Files may share a name (two folders' "phieu.xlsx"): match takes to workbooks by position.
  let cursor = 0;
  for (const { name, wb } of loaded) {
    for (const ws of wb.worksheets) {
      const take = plan.take[cursor];
      if (!take || take.file !== name || take.sheet !== ws.name) continue;
      cursor++;
      copySheet(ws, target.addWorksheet(take.as));
    }
  }
  let data: Uint8Array = new Uint8Array((await target.xlsx.writeBuffer()) as ArrayBuffer);
  // ExcelJS drops the charts and shapes it read: those of the workbook gathered into come back.
  if (base) data = await preserveDrawings(base, data, { skipSheets: [] });
  return { data, report: plan };
}
