/**
 * Cached formula results a run made wrong. A formula of the user's that reads what the run wrote
 * (a VLOOKUP over the results, a total of a form's Điểm column), directly or through other such
 * formulas, keeps in the file the result of its last calculation. Excel recalculates on opening
 * (fullCalcOnLoad), but LibreOffice shows a cached number as it is: those results are dropped, so
 * every reader computes them. Every other formula keeps its result — above all the formulas units
 * type as their figures (=D17/D18), which the next run reads from that cached result.
 */
import ExcelJS from "exceljs";
import { columnNumber, parseCell } from "../../core/a1";

/** A rectangle of cells on a sheet (lower-case name), 1-based and inclusive. */
export interface Area {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_ROW = 1048576;
const MAX_COLUMN = 16384;

/** Past this many formulas the closure is taken per sheet, not per cell (a formula on a sheet the run wrote or naming one). */
const CELL_PRECISION_LIMIT = 5000;

interface Formula {
  cell: ExcelJS.Cell;
  sheet: string;
  row: number;
  column: number;
  /** The areas it reads; undefined when it cannot be told (INDIRECT, OFFSET, a table's structured reference). */
  reads: Area[] | undefined;
  text: string;
}

const SHEET = String.raw`(?:'((?:[^']|'')+)'|([^\s'!(),;:=+\-*/^&<>"{}\[\]]+))!`;
const COL = String.raw`\$?([A-Za-z]{1,3})`;
const ROW = String.raw`\$?(\d{1,7})`;
const REF = new RegExp(
  String.raw`(?:${SHEET})?(?:${COL}${ROW}(?::${COL}${ROW})?|${COL}:${COL}|${ROW}:${ROW})(?![A-Za-z0-9_(])`,
  "g",
);

/** The areas a formula reads, on `own` sheet when it names none; undefined when it cannot be told. */
export function formulaReads(formula: string, own: string, names: Map<string, Area[]>): Area[] | undefined {
  // Text in quotes is not a reference.
  const text = formula.replace(/"(?:[^"]|"")*"/g, '""');
  if (/\b(INDIRECT|OFFSET)\s*\(/i.test(text) || /\[/.test(text)) return undefined;
  const out: Area[] = [];
  for (const m of text.matchAll(REF)) {
    const before = m.index === 0 ? "" : text[m.index - 1]!;
    if (/[A-Za-z0-9_.]/.test(before)) continue;
    const sheet = (m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? own)).toLowerCase();
    if (m[3] !== undefined) {
      const a = { column: columnNumber(m[3].toUpperCase()), row: Number(m[4]) };
      const b = m[5] !== undefined ? { column: columnNumber(m[5].toUpperCase()), row: Number(m[6]) } : a;
      out.push({ sheet, top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), left: Math.min(a.column, b.column), right: Math.max(a.column, b.column) });
    } else if (m[7] !== undefined) {
      const l = columnNumber(m[7].toUpperCase());
      const r = columnNumber(m[8]!.toUpperCase());
      out.push({ sheet, top: 1, bottom: MAX_ROW, left: Math.min(l, r), right: Math.max(l, r) });
    } else if (m[9] !== undefined) {
      const t = Number(m[9]);
      const b = Number(m[10]);
      out.push({ sheet, top: Math.min(t, b), bottom: Math.max(t, b), left: 1, right: MAX_COLUMN });
    }
  }
  // Defined names used in the formula read what they name.
  for (const [name, areas] of names) {
    if (new RegExp(String.raw`(^|[^A-Za-z0-9_.!])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_.(!])`, "i").test(text)) out.push(...areas);
  }
  return out;
}

function overlaps(a: Area, b: Area): boolean {
  return a.sheet === b.sheet && a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** The workbook's defined names and the areas they name (those naming cells). */
function definedNames(wb: ExcelJS.Workbook): Map<string, Area[]> {
  const out = new Map<string, Area[]>();
  const model = (wb.definedNames as unknown as { model?: { name: string; ranges: string[] }[] }).model ?? [];
  for (const { name, ranges } of model) {
    const areas = ranges.flatMap((r) => formulaReads(r, "", new Map()) ?? []);
    if (areas.length > 0) out.set(name, areas);
  }
  return out;
}

/** A whole sheet as an area. */
export function wholeSheet(sheet: string): Area {
  return { sheet: sheet.toLowerCase(), top: 1, left: 1, bottom: MAX_ROW, right: MAX_COLUMN };
}

/** The area of a block of `rows` × `columns` cells from `address` on `sheet`. */
export function blockArea(sheet: string, address: string, rows: number, columns: number): Area {
  const { row, column } = parseCell(address);
  return { sheet: sheet.toLowerCase(), top: row, left: column, bottom: row + Math.max(1, rows) - 1, right: column + Math.max(1, columns) - 1 };
}

/** Drops the cached result of every formula that reads, directly or through other formulas, an area of `written`. */
export function forgetStaleResults(wb: ExcelJS.Workbook, written: Area[]): void {
  if (written.length === 0) return;
  const names = definedNames(wb);
  const formulas: Formula[] = [];
  wb.eachSheet((ws) => {
    const sheet = ws.name.toLowerCase();
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        const text = cell.formula ?? "";
        formulas.push({ cell, sheet, row: r, column: c, reads: undefined, text });
      }),
    );
  });
  if (formulas.length === 0) return;
  const dirty = new Set<Formula>();
  if (formulas.length > CELL_PRECISION_LIMIT) {
    // Per sheet: a formula on a written sheet, or naming one, until no more sheets are found.
    const sheets = new Set(written.map((a) => a.sheet));
    const names = (s: string) => [`'${s.replace(/'/g, "''")}'!`, `${s}!`];
    for (let grew = true; grew; ) {
      grew = false;
      for (const f of formulas) {
        if (sheets.has(f.sheet)) continue;
        const lower = f.text.toLowerCase();
        if ([...sheets].some((s) => names(s).some((n) => lower.includes(n)))) {
          sheets.add(f.sheet);
          grew = true;
        }
      }
    }
    for (const f of formulas) if (sheets.has(f.sheet)) dirty.add(f);
  } else {
    for (const f of formulas) f.reads = formulaReads(f.text, f.sheet, names);
    // Breadth first from what the run wrote: a formula reading a written area, then one reading such a formula's cell…
    const unknown = formulas.filter((f) => f.reads === undefined);
    const known = formulas.filter((f) => f.reads !== undefined);
    const bySheet = (areas: Area[]) => {
      const out = new Map<string, Area[]>();
      for (const a of areas) out.set(a.sheet, [...(out.get(a.sheet) ?? []), a]);
      return out;
    };
    let frontier = bySheet(written);
    while (frontier.size > 0) {
      const next: Area[] = [];
      for (const f of known) {
        if (dirty.has(f) || !f.reads!.some((r) => (frontier.get(r.sheet) ?? []).some((w) => overlaps(r, w)))) continue;
        dirty.add(f);
        next.push({ sheet: f.sheet, top: f.row, bottom: f.row, left: f.column, right: f.column });
      }
      frontier = bySheet(next);
    }
    // What cannot be told (INDIRECT, a table's columns) may read anything the run wrote.
    for (const f of unknown) dirty.add(f);
  }
  for (const { cell } of dirty) {
    // `cell.result`: cell.value leaves a result of 0 or FALSE out.
    if (cell.result === undefined) continue;
    const { result: _result, ...rest } = cell.value as unknown as Record<string, unknown>;
    cell.value = rest as unknown as ExcelJS.CellValue;
  }
}
