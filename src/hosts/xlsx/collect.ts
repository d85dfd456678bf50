/**
 * Gathering units' forms (layout-A sheets) from several .xlsx files into one workbook, cell by
 * cell with styles, merged cells, data validations, notes, column widths, row heights, frozen
 * panes and sheet protection, so a collected form looks and behaves like the one the unit sent.
 */
import ExcelJS from "exceljs";
import { type CollectPlan, type ExistingForm, detectLayoutA, isBlankForm, planCollect, unreadableFileSkip } from "../../core/collect";
import { type IncomingSheetClean, incomingCleaner, protectedIncomingMessage } from "../../core/collect-clean";
import { columnNumber } from "../../core/a1";
import type { IndexModel } from "../../core/definition/model";
import { BUILTIN_INDICES } from "../../indices";
import { tidyDataBars, writeUntidied } from "./finish";
import { preserveDrawings, restoreLegacyPasswords } from "./preserve";
import { carryThreadedComments, readThreads, settleThreads } from "./threaded-comments";
import { cellValue, fillFromText, legacyPasswordsOf, loadXlsx, snapshotSheet, snapshotValue } from "./read";
import { FORM_LIST_COLUMN, FORM_LIST_FIRST_ROW, formLists } from "./template";
import { MARK_FILLS } from "../../core/plan/labels";
import { sheetNotes } from "./sheet-notes";
import { refreshGatheredResults } from "./collect-status";

/** The solid colours of issue marks, as ExcelJS reads a fill's colour. */
const MARK_COLOURS = new Set(Object.values(MARK_FILLS).map((c) => c.toUpperCase()));

function isMarkFill(fill: ExcelJS.Fill | undefined): boolean {
  const argb = fill?.type === "pattern" ? fill.fgColor?.argb : undefined;
  return argb !== undefined && MARK_COLOURS.has(argb.toUpperCase());
}

/**
 * The fill of the nearest cell above or below (row `r`, column `c`) that is no mark and is locked
 * or not as the cell is: the form's input fill of that column (input cells are the unlocked ones,
 * group rows the locked grey ones), for a marked cell whose own fill was not recorded. Undefined
 * when none of the eight rows each way has one.
 */
function neighbourFill(source: ExcelJS.Worksheet, r: number, c: number): ExcelJS.Fill | undefined {
  const locked = (row: number) => source.getCell(row, c).protection?.locked !== false;
  const own = locked(r);
  for (let d = 1; d <= 8; d++) {
    for (const row of [r - d, r + d]) {
      if (row < 1 || locked(row) !== own) continue;
      const fill = source.getCell(row, c).fill as ExcelJS.Fill | undefined;
      if (fill && fill.type === "pattern" && fill.pattern !== "none" && !isMarkFill(fill)) return cloneValue(fill);
    }
  }
  return undefined;
}

/** The workbook the forms are gathered into cannot be read as an .xlsx workbook. */
export class CollectReadError extends Error {
  constructor(readonly file: string) {
    super(`Cannot read ${file} as an .xlsx workbook`);
  }
}

/** The gathered workbook could not be written (ExcelJS refused what it read): no file is at fault by name. */
export class CollectWriteError extends Error {
  constructor(readonly detail: string) {
    super(`Cannot write the gathered workbook: ${detail}`);
  }
}

export interface CollectReport extends CollectPlan {
  /** The incoming files that are not readable .xlsx workbooks (each also in `skipped`, with its reason). */
  unreadable: string[];
}

/**
 * The workbook in `data`, or undefined when it is not a readable .xlsx workbook: not a zip
 * package ExcelJS reads, or a package with no worksheet — a zip without xl/workbook.xml (an .ods
 * renamed .xlsx), which ExcelJS reads as a workbook of no sheets (as XlsxHost.fromBuffer refuses it).
 * A file LibreOffice saved is read with its protection, unlocked cells and legacy passwords (loadXlsx).
 */
async function load(data: Uint8Array): Promise<ExcelJS.Workbook | undefined> {
  let wb: ExcelJS.Workbook;
  try {
    wb = await loadXlsx(data);
  } catch {
    return undefined;
  }
  return wb.worksheets.length > 0 ? wb : undefined;
}


/** The forms (unit code, name, blank or not) and the `Bộ chỉ số` of the forms a workbook already holds. */
function formsOf(wb: ExcelJS.Workbook): { forms: ExistingForm[]; indices: string[] } {
  const forms: ExistingForm[] = [];
  const indices: string[] = [];
  for (const ws of wb.worksheets) {
    const snapshot = snapshotSheet(ws);
    const h = detectLayoutA(snapshot);
    if (h?.unitCode !== undefined) {
      forms.push({ sheet: ws.name, unitCode: h.unitCode, ...(h.unitName !== undefined ? { unitName: h.unitName } : {}), blank: isBlankForm(snapshot), snapshot });
    }
    if (h?.index !== undefined) indices.push(h.index);
  }
  return { forms, indices };
}

/**
 * A deep copy of a cell's value, style, note or a sheet's settings, every value of the type it
 * has: a date stays a date (a JSON round trip would make it ISO text), numbers, text, booleans,
 * rich text runs, formulas with their results, hyperlinks and errors as they are.
 */
function cloneValue<T>(v: T): T {
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (Array.isArray(v)) return v.map((x) => cloneValue(x)) as T;
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) out[k] = cloneValue(x);
    return out as T;
  }
  return v;
}


/** Whether a password protects the sheet (the hash Excel keeps of it, or LibreOffice's legacy password). */
function passwordProtected(ws: ExcelJS.Worksheet): boolean {
  const p = (ws as unknown as { sheetProtection?: Record<string, unknown> | null }).sheetProtection;
  return !!p && !!p.sheet && (p.hashValue !== undefined || (typeof p.password === "string" && p.password !== ""));
}

/**
 * Copy one worksheet into `target` (a new, empty sheet), without what `clean` says the source's
 * scoring left on it: those cells come without their value (their formatting stays), a mark's cell
 * with the fill it had before and its note without the project's part (incomingSheetClean).
 */
function copySheet(source: ExcelJS.Worksheet, target: ExcelJS.Worksheet, clean?: IncomingSheetClean): void {
  const empty = new Set(clean?.empty ?? []);
  const marks = new Map((clean?.marks ?? []).map((m) => [m.cell, m]));
  source.eachRow({ includeEmpty: true }, (row, r) => {
    const to = target.getRow(r);
    if (row.height !== undefined) to.height = row.height;
    if (row.hidden) to.hidden = true;
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const dest = to.getCell(c);
      // A shared formula points at its master cell in the source; copy the formula text itself.
      // A formula's cached result from the cell itself: cell.value leaves a result of 0 or FALSE out.
      const v = cell.value;
      if (empty.has(dest.address)) dest.value = null;
      else if (cell.type === ExcelJS.ValueType.Formula) {
        const result = cell.result === undefined ? {} : { result: cloneValue(cell.result) };
        const own = v !== null && typeof v === "object" && "sharedFormula" in v ? { formula: cell.formula } : cloneValue(v as object);
        dest.value = { ...own, ...result } as ExcelJS.CellFormulaValue;
      } else {
        dest.value = cloneValue(v);
      }
      const style = cloneValue(cell.style);
      const mark = marks.get(dest.address);
      marks.delete(dest.address);
      if (mark) {
        const fill = mark.fillUnknown ? neighbourFill(source, r, c) : fillFromText(mark.fill);
        if (fill) style.fill = fill;
        else delete style.fill;
      }
      dest.style = style;
      if (mark?.note !== undefined) {
        if (mark.note !== "") dest.note = mark.note;
      } else if (cell.note !== undefined) dest.note = cloneValue(cell.note);
      if (cell.dataValidation) dest.dataValidation = cloneValue(cell.dataValidation);
    });
  });
  // A mark recorded on a cell the sheet no longer styles (by fill alone, its fill taken off since): its fill given back, as a run does.
  for (const mark of marks.values()) {
    const fill = fillFromText(mark.fill);
    if (fill) target.getCell(mark.cell).fill = fill;
  }
  const merges = (source.model as unknown as { merges?: string[] }).merges ?? [];
  for (const range of merges) target.mergeCells(range);
  // Validations on ranges that hold no cell yet (e.g. "D9:D200") live only in the sheet's model.
  const dv = (source as unknown as { dataValidations?: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations;
  const targetDv = (target as unknown as { dataValidations?: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations;
  if (dv && targetDv) {
    for (const [address, rule] of Object.entries(dv.model)) {
      if (!(address in targetDv.model)) targetDv.model[address] = cloneValue(rule);
    }
  }
  source.columns?.forEach((col, i) => {
    const to = target.getColumn(i + 1);
    if (col.width !== undefined) to.width = col.width;
    if (col.hidden) to.hidden = true;
  });
  if (source.views?.length) target.views = cloneValue(source.views);
  target.properties = { ...target.properties, ...cloneValue(source.properties) };
  if (source.pageSetup) target.pageSetup = { ...target.pageSetup, ...cloneValue(source.pageSetup) };
  const protection = (source as unknown as { sheetProtection?: unknown }).sheetProtection;
  if (protection) (target as unknown as { sheetProtection?: unknown }).sheetProtection = cloneValue(protection);
}

/** A list validation's source on another sheet: "_lists!$A$1:$A$5", "'My lists'!B2:B9". */
const OTHER_SHEET_RANGE = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

/**
 * Drop-down lists of the copied form that take their options from another sheet of the unit's
 * file (the `_lists` sheet of forms made before the lists moved onto the form): that sheet is not
 * copied, so the options are copied into hidden columns of the form itself (as `template` now
 * writes them) and the validations point there.
 */
function localizeLists(source: ExcelJS.Worksheet, target: ExcelJS.Worksheet, firstRow: () => number): void {
  const dv = (target as unknown as { dataValidations?: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations;
  if (!dv) return;
  let lists: ReturnType<typeof formLists> | undefined;
  for (const rule of Object.values(dv.model)) {
    if (!rule || rule.type !== "list") continue;
    const formula = String(rule.formulae?.[0] ?? "");
    const m = OTHER_SHEET_RANGE.exec(formula.trim());
    if (!m) continue;
    const sheetName = (m[1] ?? m[2] ?? "").replace(/''/g, "'");
    const from = source.workbook.getWorksheet(sheetName);
    if (!from) continue;
    if (from === source) {
      // The form's own cells, named with its sheet name: the copy may have another name.
      rule.formulae = [formula.trim().replace(/^=?.*!/, "")];
      continue;
    }
    const c1 = columnNumber(m[3]!);
    const r1 = Number(m[4]);
    const c2 = m[5] !== undefined ? columnNumber(m[5]) : c1;
    const r2 = m[6] !== undefined ? Number(m[6]) : r1;
    const values: string[] = [];
    for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) {
      for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) {
        const v = snapshotValue(cellValue(from.getCell(r, c)));
        if (v !== null && typeof v !== "object" && String(v) !== "") values.push(String(v));
      }
    }
    if (values.length === 0) continue;
    lists ??= formLists(target, Math.max(FORM_LIST_COLUMN, source.columnCount + 2), firstRow());
    rule.formulae = [lists.add(values)];
  }
}

/**
 * The forms of units new to the workbook moved after the last form already there (not after the
 * user's own sheets at the end), in the order they came; nothing moves when there was no form.
 */
function placeAfterLastForm(wb: ExcelJS.Workbook, appended: readonly ExcelJS.Worksheet[], forms: readonly ExistingForm[]): void {
  if (appended.length === 0) return;
  const formNames = new Set(forms.map((f) => f.sheet));
  const moving = new Set(appended);
  const others = wb.worksheets.filter((w) => !moving.has(w));
  let last = -1;
  others.forEach((w, i) => {
    if (formNames.has(w.name)) last = i;
  });
  if (last < 0) return;
  others.splice(last + 1, 0, ...appended);
  others.forEach((w, i) => {
    (w as unknown as { orderNo: number }).orderNo = i + 1;
  });
}

/**
 * Gather the layout-A sheets of `files` into `base` (or a new workbook). A file that is not a
 * readable .xlsx workbook is left out with its reason (the others are still gathered); so are
 * sheets that are not unit forms, forms of a unit code already present (a unit's blank form in
 * `base` is replaced by its filled one, in place and under its name), and (with a model) forms
 * of another index; the template's own instructions sheet and hidden list sheet are left out
 * silently. The report warns when the forms (those of `base` included) name different indices or
 * versions. A form taken from a scored workbook comes without what that scoring left on it (its
 * summary, the line under it that reads that workbook's `_index`, its points and issue marks:
 * incomingSheetClean), so that the next scoring writes one summary; the report warns of a form a
 * password protects, which is left as it is. Gathered into a workbook scored before, its results'
 * subtitle is left with the result its formula computes now, that they are out of date, for a
 * reader that does not calculate (refreshGatheredResults). Throws CollectReadError when `base` cannot be read, CollectWriteError when the
 * gathered workbook cannot be written.
 */
export async function collectFiles(
  files: { name: string; data: Uint8Array }[],
  base?: Uint8Array,
  model?: IndexModel,
  options: { baseName?: string; commandLine?: boolean } = {},
): Promise<{ data: Uint8Array; report: CollectReport }> {
  const target = base ? await load(base) : new ExcelJS.Workbook();
  if (!target) throw new CollectReadError(options.baseName ?? "base");
  if (!base) {
    // Made and saved by DTI Scorer (ExcelJS would write "Unknown" as who saved it last).
    target.creator = "DTI Scorer";
    target.lastModifiedBy = "DTI Scorer";
  } else {
    // Saved now: the core properties of the workbook gathered into say so (ExcelJS writes the time it read otherwise).
    target.modified = new Date();
  }
  const loaded: { name: string; wb: ExcelJS.Workbook }[] = [];
  const unreadable: string[] = [];
  for (const f of files) {
    const wb = await load(f.data);
    if (wb) loaded.push({ name: f.name, wb });
    else unreadable.push(f.name);
  }
  const existing = formsOf(target);
  const incoming = loaded.map(({ name, wb }) => ({ file: name, sheets: wb.worksheets.map((ws) => snapshotSheet(ws)) }));
  const plan = planCollect(
    target.worksheets.map((w) => w.name),
    incoming,
    model,
    // A form of another built-in index is named by that index's name.
    {
      existingForms: existing.forms,
      existingIndices: existing.indices,
      knownIndices: BUILTIN_INDICES.map((b) => b.definition),
      ...(options.commandLine ? { commandLine: true } : {}),
    },
  );
  const appended: ExcelJS.Worksheet[] = [];
  /** What the collection should say besides the plan: a form whose file's scoring could not be taken off it. */
  const warnings: CollectPlan["warnings"] = [];
  // What each form's file's scoring left on it (its `_index`, its summaries and marks) goes as it is copied.
  const cleaners = incoming.map((f) => incomingCleaner(f.sheets));
  // In the plan's order (the template's order of units), each form from its file by position: files may share a name (two folders' "phieu.xlsx").
  for (const take of plan.take) {
    const from = loaded[take.fileAt];
    const i = from ? from.wb.worksheets.findIndex((w) => w.name === take.sheet) : -1;
    if (!from || i < 0) continue;
    const { name, wb } = from;
    const ws = wb.worksheets[i]!;
    let clean = cleaners[take.fileAt]!(incoming[take.fileAt]!.sheets[i]!, sheetNotes(ws));
    // A form a password protects is left as it is, as a run leaves it.
    if (clean && passwordProtected(ws)) {
      warnings.push(protectedIncomingMessage(name, take.as, clean));
      clean = undefined;
    }
    // A filled form in place of the unit's blank one: the blank sheet goes, the copy takes its place and name.
    const blank = take.replaces !== undefined ? target.getWorksheet(take.replaces) : undefined;
    const orderNo = blank ? (blank as unknown as { orderNo: number }).orderNo : undefined;
    if (blank) target.removeWorksheet(blank.id);
    const copy = target.addWorksheet(take.as);
    if (orderNo !== undefined) (copy as unknown as { orderNo: number }).orderNo = orderNo;
    copySheet(ws, copy, clean);
    localizeLists(ws, copy, () => (detectLayoutA(snapshotSheet(ws))?.headerRow ?? FORM_LIST_FIRST_ROW - 1) + 1);
    if (!blank) appended.push(copy);
  }
  placeAfterLastForm(target, appended, existing.forms);
  // What the workbook gathered into computed from the forms before them: its results' subtitle
  // says now that they are out of date, and what else reads the forms computes anew.
  if (base) refreshGatheredResults(target, plan.take.map((t) => t.as));
  let data: Uint8Array;
  let dataBarSheets: string[];
  try {
    ({ bytes: data, dataBarSheets } = await writeUntidied(target));
  } catch (e) {
    throw new CollectWriteError(e instanceof Error ? e.message : String(e));
  }
  // ExcelJS drops the charts and shapes it read: those of the workbook gathered into come back,
  // in the same pass as the data bars are made plain and the legacy passwords of the sheets'
  // protection (LibreOffice's, which ExcelJS does not write) are put back.
  const legacyPasswords = legacyPasswordsOf(target);
  if (base) {
    const skipSheets = plan.take.flatMap((t) => (t.replaces !== undefined ? [t.replaces] : []));
    // The chart sheets, PivotTables and sparklines of the workbook gathered into come back too
    // (what cannot is said), and its threaded comments, each on its cell (the sheets keep their names and cells).
    const threads = await readThreads(base);
    const settled = threads ? settleThreads(target, threads, { removedSheets: skipSheets, renamedSheets: [], ownedSheets: [], marks: [], skippedSheets: [] }) : undefined;
    warnings.push(...(settled?.warnings ?? []));
    data = await preserveDrawings(base, data, { skipSheets, tidyDataBars: dataBarSheets, legacyPasswords, warnings });
    data = await carryThreadedComments(data, settled?.carry);
  } else {
    data = legacyPasswords.size > 0 ? await restoreLegacyPasswords(data, legacyPasswords, { tidyDataBars: dataBarSheets }) : await tidyDataBars(data, dataBarSheets);
  }
  const report: CollectReport = {
    ...plan,
    warnings: [...plan.warnings, ...warnings],
    skipped: [...unreadable.map(unreadableFileSkip), ...plan.skipped],
    unreadable,
  };
  return { data, report };
}
