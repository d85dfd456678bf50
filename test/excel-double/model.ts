/** The workbook state the double keeps in memory (what Excel would hold). */
export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

export interface MCell {
  /** The displayed raw value: "" for empty, the error text ("#DIV/0!") for errors. */
  v: number | string | boolean;
  t: ValueType;
  /** A formula ("=SUM(A1:A3)") when the cell holds one. The double does not calculate formulas. */
  f?: string;
  nf?: string;
  fill?: string;
  bold?: boolean;
  fontColor?: string;
  wrap?: boolean;
}

export interface MTable {
  id: number;
  name: string;
  sheet: MSheet;
  row: number;
  col: number;
  rows: number;
  cols: number;
  style: string;
  hasHeaders: boolean;
}

export interface MConditionalFormat {
  id: number;
  type: "ColorScale" | "DataBar";
  row: number;
  col: number;
  rows: number;
  cols: number;
  colorScale?: { criteria?: unknown };
  dataBar?: { barDirection?: string; positiveFillColor?: string };
}

export interface MSeries {
  name: string;
  values?: string;
  xAxisValues?: string;
}

export interface MChart {
  id: number;
  name: string;
  chartType: string;
  title: string;
  categoryAxisTitle: string;
  valueAxisTitle: string;
  reversePlotOrder: boolean;
  position?: { start: string; end?: string };
  series: MSeries[];
}

export interface MNote {
  sheet: MSheet;
  row: number;
  col: number;
  content: string;
}

export interface MComment {
  id: string;
  sheet: MSheet;
  row: number;
  col: number;
  content: string;
}

export interface MHandler {
  id: number;
  sheet: MSheet;
  handler: (args: unknown) => unknown;
}

let nextId = 1;
export function newId(): number {
  return nextId++;
}

export class MSheet {
  readonly id = `{${String(newId()).padStart(8, "0")}-0000-0000-0000-000000000000}`;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  cells = new Map<number, MCell>();
  columnWidths = new Map<number, number>();
  freeze = { rows: 0, cols: 0 };
  charts: MChart[] = [];
  conditionalFormats: MConditionalFormat[] = [];
  constructor(public name: string) {}

  key(row: number, col: number): number {
    return row * 16384 + col;
  }
  get(row: number, col: number): MCell | undefined {
    return this.cells.get(this.key(row, col));
  }
  cell(row: number, col: number): MCell {
    const k = this.key(row, col);
    let c = this.cells.get(k);
    if (!c) {
      c = { v: "", t: "Empty" };
      this.cells.set(k, c);
    }
    return c;
  }
  /** Bounding box of cells with a value or formula (valuesOnly) or any content/format. */
  usedRect(valuesOnly: boolean): { row: number; col: number; rows: number; cols: number } | null {
    let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
    for (const [k, c] of this.cells) {
      const hasValue = c.t !== "Empty" || c.f !== undefined;
      const hasFormat = c.nf !== undefined || c.fill !== undefined || c.bold !== undefined || c.fontColor !== undefined || c.wrap !== undefined;
      if (!(hasValue || (!valuesOnly && hasFormat))) continue;
      const row = Math.floor(k / 16384);
      const col = k % 16384;
      r0 = Math.min(r0, row); c0 = Math.min(c0, col); r1 = Math.max(r1, row); c1 = Math.max(c1, col);
    }
    if (r1 < 0) return null;
    return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
}

export class MWorkbook {
  sheets: MSheet[] = [];
  tables: MTable[] = [];
  notes: MNote[] = [];
  comments: MComment[] = [];
  handlers: MHandler[] = [];
  activeSheet: MSheet | null = null;
  selection: { sheet: string; address: string } | null = null;

  sheet(name: string): MSheet | undefined {
    const n = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === n);
  }
}
