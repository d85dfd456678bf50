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

/** A read taller than this many rows is checked against every cell that turns stale on its sheet, not by row. */
const TALL_READ = 256;

interface Formula {
  cell: ExcelJS.Cell;
  sheet: string;
  row: number;
  column: number;
  /** The areas it reads; undefined when it cannot be told (INDIRECT, OFFSET, a table's structured reference). */
  reads: Area[] | undefined;
  text: string;
}

/** A reference into another workbook (`[1]Sheet1!B3`, `'[Báo cáo.xlsx]Tổng hợp'!B3:C4`): it reads nothing of this one. */
export const EXTERNAL = /(?:'\[[^\]]*\](?:[^']|'')*'|\[[^\]]*\][^\s!'(),;=+\-*/^&<>]*)!\$?[A-Za-z]{0,3}\$?\d*(?::\$?[A-Za-z]{0,3}\$?\d*)?/g;
const SHEET = String.raw`(?:'((?:[^']|'')+)'|([^\s'!(),;:=+\-*/^&<>"{}\[\]]+))!`;
const COL = String.raw`\$?([A-Za-z]{1,3})`;
const ROW = String.raw`\$?(\d{1,7})`;
export const REF = new RegExp(
  String.raw`(?:${SHEET})?(?:${COL}${ROW}(?::${COL}${ROW})?|${COL}:${COL}|${ROW}:${ROW})(?![A-Za-z0-9_(])`,
  "g",
);

/** A sheet name as a formula writes it: plain when Excel allows it (letters, digits, `_` and `.`, not a cell's address), else quoted. */
export function sheetInFormula(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name) && !/^(TRUE|FALSE)$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

const SHEET_PREFIX = new RegExp(SHEET, "g");

/**
 * The formula with every reference to sheet `from` (compared without case, as Excel does) naming
 * sheet `to` instead, quoted as Excel needs: `'Kết quả'!D5` → `Results!D5`, as Excel rewrites the
 * formulas of a workbook when a sheet is renamed. Text in quotes and references into other
 * workbooks (`[1]Kết quả!`, `'[Báo cáo.xlsx]Kết quả'!`) stay as they are.
 */
export function renameSheetInFormula(formula: string, from: string, to: string): string {
  const wanted = from.toLowerCase();
  // Outside the text in double quotes only.
  return formula.replace(/("(?:[^"]|"")*"?)|([^"]+)/g, (whole: string, literal: string | undefined) => {
    if (literal !== undefined) return whole;
    return whole.replace(SHEET_PREFIX, (ref: string, quoted: string | undefined, plain: string | undefined, at: number) => {
      // Inside a longer name, or after a workbook's `[1]`.
      if (at > 0 && /[\]A-Za-z0-9_.]/.test(whole[at - 1]!)) return ref;
      const name = quoted !== undefined ? quoted.replace(/''/g, "'") : plain!;
      return name.toLowerCase() === wanted ? `${sheetInFormula(to)}!` : ref;
    });
  });
}

/** The areas a formula reads, on `own` sheet when it names none; undefined when it cannot be told. */
export function formulaReads(formula: string, own: string, names: Map<string, Area[]>): Area[] | undefined {
  // Text in quotes is not a reference.
  const text = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(EXTERNAL, "0");
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

/** Lower-case names of the tables on `sheets`. */
function tablesOn(wb: ExcelJS.Workbook, sheets: Set<string>): string[] {
  const out: string[] = [];
  wb.eachSheet((ws) => {
    if (!sheets.has(ws.name.toLowerCase())) return;
    const tables = (ws as unknown as { tables?: Record<string, unknown> }).tables ?? {};
    out.push(...Object.keys(tables).map((n) => n.toLowerCase()));
  });
  return out;
}

/**
 * Drops the cached result of every formula that reads, directly or through other formulas, an
 * area of `written`. A formula whose reads cannot be told (INDIRECT, OFFSET, a table's columns)
 * is taken as reading what the run wrote when it names a sheet written whole (the results, the
 * charts) or a table on one. The work grows with the formulas and what they read, not with their
 * product: each formula turns stale once, and the formulas reading a cell are found by its row.
 * The formulas of `keep` (`sheet!A1`, the sheet in lower case: the run's own, written with the
 * result they have as it leaves the workbook) keep theirs; those reading them are stale all the same.
 */
export function forgetStaleResults(wb: ExcelJS.Workbook, written: Area[], keep?: ReadonlySet<string>): void {
  if (written.length === 0) return;
  const names = definedNames(wb);
  const formulas: Formula[] = [];
  wb.eachSheet((ws) => {
    const sheet = ws.name.toLowerCase();
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        const text = cell.formula ?? "";
        formulas.push({ cell, sheet, row: r, column: c, reads: formulaReads(text, sheet, names), text: text.toLowerCase() });
      }),
    );
  });
  if (formulas.length === 0) return;

  // Who reads what: by sheet, then by row for reads of a few rows; taller reads in a list of their own.
  const byRow = new Map<string, Map<number, { formula: Formula; area: Area }[]>>();
  const tall = new Map<string, { formula: Formula; area: Area }[]>();
  for (const formula of formulas) {
    for (const area of formula.reads ?? []) {
      if (area.bottom - area.top + 1 > TALL_READ) {
        const list = tall.get(area.sheet);
        if (list) list.push({ formula, area });
        else tall.set(area.sheet, [{ formula, area }]);
        continue;
      }
      let rows = byRow.get(area.sheet);
      if (!rows) byRow.set(area.sheet, (rows = new Map()));
      for (let r = area.top; r <= area.bottom; r++) {
        const at = rows.get(r);
        if (at) at.push({ formula, area });
        else rows.set(r, [{ formula, area }]);
      }
    }
  }

  const dirty = new Set<Formula>();
  const queue: Formula[] = [];
  const stale = (f: Formula) => {
    if (dirty.has(f)) return;
    dirty.add(f);
    queue.push(f);
  };
  const wholly = new Set(written.filter((a) => a.top === 1 && a.left === 1 && a.bottom === MAX_ROW && a.right === MAX_COLUMN).map((a) => a.sheet));
  const named = [...[...wholly].flatMap((n) => [`'${n.replace(/'/g, "''")}'!`, `${n}!`]), ...tablesOn(wb, wholly).map((t) => `${t}[`)];
  const writtenOn = new Map<string, Area[]>();
  for (const w of written) writtenOn.set(w.sheet, [...(writtenOn.get(w.sheet) ?? []), w]);
  for (const f of formulas) {
    if (f.reads === undefined ? named.some((n) => f.text.includes(n)) : f.reads.some((r) => (writtenOn.get(r.sheet) ?? []).some((w) => overlaps(r, w)))) stale(f);
  }
  while (queue.length > 0) {
    const f = queue.pop()!;
    const readers = [...(byRow.get(f.sheet)?.get(f.row) ?? []), ...(tall.get(f.sheet) ?? [])];
    for (const { formula, area } of readers) {
      if (!dirty.has(formula) && area.top <= f.row && f.row <= area.bottom && area.left <= f.column && f.column <= area.right) stale(formula);
    }
  }
  for (const { cell, sheet } of dirty) {
    // `cell.result`: cell.value leaves a result of 0 or FALSE out.
    if (cell.result === undefined || keep?.has(`${sheet}!${cell.address}`)) continue;
    const { result: _result, ...rest } = cell.value as unknown as Record<string, unknown>;
    cell.value = rest as unknown as ExcelJS.CellValue;
  }
}
