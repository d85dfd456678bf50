/**
 * Whole rows inserted into a sheet of the workbook ExcelJS holds, as a person inserts them in
 * Excel (WritePlan.insertRows: the results table grown over what the user typed below it). Every
 * cell from that row down moves down with its value, look and note; merged areas, row heights and
 * hidden rows, page breaks, the print area, data validations and conditional formats (the x14 ones
 * kept aside too) move with them, and a merged area or a range the rows go into grows. As Excel
 * does, every formula of the workbook that refers to a moved cell refers to it where it is now:
 * those of cells, defined names, validations, conditional formats and links to a place in the
 * workbook. ExcelJS's own spliceRows moves values and looks only (no notes, and merges half-way),
 * so this moves cells itself. The drawings of the sheet and the file's defined names, which the
 * host carries over from the file read (preserve.ts), are moved when the file is written
 * (insertedRowsOf, shiftDrawingRows).
 * Pure (ExcelJS): runs in Node and in the browser.
 */
import type ExcelJS from "exceljs";
import { parseRange, rangesWithRowsInserted, rowWithRowsInserted } from "../../core/a1";
import { rewriteDefinedNames, rewriteSheet, sheetNamed } from "./rename-sheets";
import { EXTERNAL, REF } from "./stale-results";
import { setX14Formats, withX14Formulas, withX14Ranges, x14FormatRanges, x14FormatsOf } from "./x14-formats";
import { setX14Validations, x14ValidationsOf } from "./x14-validations";

/** Rows inserted: `count` before row `before` of `sheet`. */
export interface RowsInsert {
  sheet: string;
  before: number;
  count: number;
}

/** A row number of a reference moved as the insert moves it (rowWithRowsInserted). */
function movedRow(row: number, insert: RowsInsert): number {
  return rowWithRowsInserted(row, insert.before, insert.count);
}

/**
 * The formula (on sheet `own`) with every reference to a cell of `insert.sheet` at or below the
 * inserted rows moved down with it, as Excel rewrites formulas when rows are inserted: `B30` →
 * `B33`, `$A$30` → `$A$33`, a range across the rows grows (`A3:A40` → `A3:A43`), `30:31` → `33:34`.
 * Text in quotes, structured references and references into other workbooks stay as they are.
 */
export function shiftRowsInFormula(formula: string, own: string, insert: RowsInsert): string {
  const target = insert.sheet.toLowerCase();
  const externals: string[] = [];
  const masked = formula.replace(EXTERNAL, (m) => `\uE000${externals.push(m) - 1}\uE000`);
  const shifted = masked.replace(/("(?:[^"]|"")*"?)|(\[(?:[^[\]]|\[[^[\]]*\])*\]?)|([^"[]+)/g, (whole: string, _text?: string, _bracket?: string, plain?: string) => {
    if (plain === undefined) return whole;
    return plain.replace(new RegExp(REF.source, "g"), (ref: string, quoted: string | undefined, bare: string | undefined, ...rest: unknown[]) => {
      const at = rest[rest.length - 2] as number;
      if (at > 0 && /[A-Za-z0-9_.\uE000]/.test(plain[at - 1]!)) return ref;
      const sheet = (quoted !== undefined ? quoted.replace(/''/g, "'") : (bare ?? own)).toLowerCase();
      if (sheet !== target) return ref;
      const bang = ref.lastIndexOf("!");
      const head = bang >= 0 ? ref.slice(0, bang + 1) : "";
      const body = bang >= 0 ? ref.slice(bang + 1) : ref;
      // A1 or A1:B2: the row of each end; 5:9: each row; A:C has no row.
      const moved = /[A-Za-z]/.test(body)
        ? body.replace(/(\$?[A-Za-z]{1,3}\$?)(\d+)/g, (_m, col: string, row: string) => `${col}${movedRow(Number(row), insert)}`)
        : body.replace(/(\$?)(\d+)/g, (_m, dollar: string, row: string) => `${dollar}${movedRow(Number(row), insert)}`);
      return head + moved;
    });
  });
  return shifted.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => externals[Number(i)]!);
}

/** A range ("A3:F9", "D27") or list of them ("A3:A9 C3") moved as the insert moves its cells; a range the rows go into grows. */
export function shiftRowsInRanges(ranges: string, insert: RowsInsert): string {
  return rangesWithRowsInserted(ranges, insert.before, insert.count);
}

/** A cell of a fill-down (ExcelJS's shared formula, master or clone) given its own formula, as ExcelJS translates it for the cell, and its result. */
export function giveOwnFormula(cell: ExcelJS.Cell): void {
  const formula = cell.formula;
  // `cell.result`: cell.value leaves a result of 0 or FALSE out.
  const result = cell.result as ExcelJS.CellValue | undefined;
  cell.value = (formula ? { formula, ...(result !== undefined ? { result } : {}) } : (result ?? null)) as ExcelJS.CellValue;
}

interface CellInternals {
  _comment?: unknown;
}

/** The rows inserted into each workbook since it was read, in order: the host moves what it carries from the file read by them when it writes it. */
const inserted = new WeakMap<ExcelJS.Workbook, RowsInsert[]>();

/** The rows inserted into `wb` since it was read (insertRows), in order, each on its sheet's name then. */
export function insertedRowsOf(wb: ExcelJS.Workbook): readonly RowsInsert[] {
  return inserted.get(wb) ?? [];
}

/**
 * Inserts `insert.count` rows before row `insert.before` of sheet `insert.sheet` (see the module's
 * comment). A sheet the workbook does not have: nothing is done.
 */
export function insertRows(wb: ExcelJS.Workbook, insert: RowsInsert): void {
  const ws = sheetNamed(wb, insert.sheet);
  if (!ws || insert.count <= 0) return;
  const { before, count } = insert;
  const at: RowsInsert = { sheet: ws.name, before, count };
  // Merged areas from the insert down: taken apart first, made again where they are after it.
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).filter((m) => {
    try {
      return parseRange(m).bottom >= before;
    } catch {
      return false;
    }
  });
  for (const m of merges) ws.unMergeCells(m);
  // Formulas a fill-down shares (the text is the first cell's; the others are translated from it):
  // on the sheet, every one from the insert down, or whose first cell is above it and others below;
  // on any sheet, every one that reads the sheet's cells (each cell reads other rows). Each cell
  // of those gets its own formula, as ExcelJS translates it, to be moved (or not) on its own.
  const readsSheet = (text: string, own: string) => shiftRowsInFormula(text, own, { sheet: ws.name, before: 1, count: 1 }) !== text;
  for (const sheet of wb.worksheets) {
    const masters = new Set<string>();
    sheet.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as { sharedFormula?: string; shareType?: string; ref?: string } | null;
        if (v === null || typeof v !== "object") return;
        const master = v.sharedFormula ?? (v.shareType === "shared" ? cell.address : undefined);
        if (master === undefined) return;
        if ((sheet === ws && (r >= before || (typeof v.ref === "string" && v.ref !== "" && /\d+$/.test(v.ref) && Number(/(\d+)$/.exec(v.ref)![1]) >= before))) || readsSheet(cell.formula ?? "", sheet.name)) masters.add(master);
      }),
    );
    if (masters.size === 0) continue;
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as { sharedFormula?: string; shareType?: string } | null;
        if (v === null || typeof v !== "object") return;
        const master = v.sharedFormula ?? (v.shareType === "shared" ? cell.address : undefined);
        if (master !== undefined && masters.has(master)) giveOwnFormula(cell);
      }),
    );
  }
  // The cells, bottom up: value, look and note to the row `count` below; row height and hidden too.
  const last = ws.rowCount;
  for (let r = last; r >= before; r--) {
    const src = ws.findRow(r);
    const dst = ws.getRow(r + count);
    dst.height = src?.height as number;
    dst.hidden = src?.hidden ?? false;
    if (src?.outlineLevel) dst.outlineLevel = src.outlineLevel;
    dst.eachCell({ includeEmpty: true }, (cell) => {
      cell.value = null;
      cell.style = {};
      (cell as unknown as CellInternals)._comment = undefined;
    });
    if (!src) continue;
    src.eachCell({ includeEmpty: true }, (cell, c) => {
      const to = dst.getCell(c);
      to.value = cell.value;
      to.style = JSON.parse(JSON.stringify(cell.style ?? {})) as Partial<ExcelJS.Style>;
      (to as unknown as CellInternals)._comment = (cell as unknown as CellInternals)._comment;
      cell.value = null;
      cell.style = {};
      (cell as unknown as CellInternals)._comment = undefined;
    });
    src.height = undefined as unknown as number;
    src.hidden = false;
  }
  for (const m of merges) ws.mergeCells(shiftRowsInRanges(m, at));
  // Page breaks and the print area.
  const breaks = (ws as unknown as { rowBreaks?: { id: number }[] }).rowBreaks;
  if (Array.isArray(breaks)) for (const b of breaks) if (b.id >= before) b.id += count;
  const printArea = ws.pageSetup?.printArea;
  if (typeof printArea === "string" && printArea !== "") ws.pageSetup.printArea = shiftRowsInRanges(printArea, at);
  // Validations and conditional formats: where they apply.
  const validations = (ws as unknown as { dataValidations?: { model?: Record<string, unknown> } }).dataValidations;
  if (validations?.model) {
    validations.model = Object.fromEntries(Object.entries(validations.model).map(([ref, rule]) => [shiftRowsInRanges(ref.replace(/^range:/, ""), at), rule]));
  }
  for (const cf of (ws as unknown as { conditionalFormattings?: { ref?: string }[] }).conditionalFormattings ?? []) {
    if (typeof cf.ref === "string") cf.ref = shiftRowsInRanges(cf.ref, at);
  }
  setX14Formats(ws, x14FormatsOf(ws).map((f) => withX14Ranges(f, shiftRowsInRanges(x14FormatRanges(f), at))));
  setX14Validations(ws, x14ValidationsOf(ws).map((v) => withX14Ranges(v, shiftRowsInRanges(x14FormatRanges(v), at))));
  // Every formula of the workbook that refers to the moved cells.
  for (const sheet of wb.worksheets) {
    rewriteSheet(
      sheet,
      (text) => shiftRowsInFormula(text, sheet.name, at),
      (place) => shiftRowsInFormula(place, sheet.name, at),
    );
    setX14Formats(sheet, x14FormatsOf(sheet).map((f) => withX14Formulas(f, (text) => shiftRowsInFormula(text, sheet.name, at))));
    setX14Validations(sheet, x14ValidationsOf(sheet).map((v) => withX14Formulas(v, (text) => shiftRowsInFormula(text, sheet.name, at))));
  }
  rewriteDefinedNames(wb, (text) => shiftRowsInFormula(text, "", at));
  inserted.set(wb, [...insertedRowsOf(wb), at]);
}

/**
 * A drawing part's anchors (`<xdr:from>`, `<xdr:to>`, 0-based rows) moved as the rows inserted
 * into its sheet move the cells they sit on: a picture (a stamp, a signature) under the inserted
 * rows moves down with the cells it covers.
 */
export function shiftDrawingRows(xml: string, inserts: readonly RowsInsert[]): string {
  return xml.replace(/(<((?:[\w.-]+:)?(?:from|to))>[\s\S]*?<((?:[\w.-]+:)?row)>)(\d+)(<\/\3>)/g, (_m, head: string, _tag: string, _rowTag: string, row: string, tail: string) => {
    let r = Number(row) + 1;
    for (const i of inserts) r = movedRow(r, i);
    return `${head}${r - 1}${tail}`;
  });
}
