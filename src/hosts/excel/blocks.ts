/**
 * How the Excel host lays a plan's cell blocks out, which the host needs before the write (the
 * ranges it will write, to tell its own changes from the user's) as well as the write itself
 * (apply.ts, loaded only when a run writes).
 */
import { a1, topLeft } from "./address";
import type { CellBlock } from "../../core/types";

/**
 * The widest row of a grid. A loop, not Math.max(...rows): spreading a grid of a few hundred
 * thousand rows (the `_index` copies of thousands of forms) into arguments overflows the stack.
 */
export function widestRow(values: readonly (readonly unknown[] | undefined)[]): number {
  let widest = 0;
  for (const line of values) if (line && line.length > widest) widest = line.length;
  return widest;
}

/**
 * The planner writes the `Điểm` cells of a unit sheet one by one; cells of one column with the
 * same formatting are written as one column range instead, with null (unchanged) in the gaps.
 */
export function coalesceColumnCells(blocks: CellBlock[]): { merged: CellBlock[]; rest: CellBlock[] } {
  const groups = new Map<string, { row: number; block: CellBlock }[]>();
  const rest: CellBlock[] = [];
  for (const b of blocks) {
    const single = b.values.length === 1 && b.values[0]?.length === 1 && !b.formulas && !Array.isArray(b.numberFormat) && b.values[0][0] !== null;
    if (!single) {
      rest.push(b);
      continue;
    }
    const { row, col } = topLeft(b.address);
    const key = JSON.stringify([col, b.numberFormat ?? null, b.bold ?? null, b.fill ?? null, b.fontColor ?? null, b.wrap ?? null, b.fontSize ?? null]);
    const list = groups.get(key) ?? [];
    list.push({ row, block: b });
    groups.set(key, list);
  }
  const merged: CellBlock[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => a.row - b.row);
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const { col } = topLeft(first.block.address);
    const values: CellBlock["values"] = Array.from({ length: last.row - first.row + 1 }, () => [null]);
    for (const { row, block } of list) values[row - first.row] = [block.values[0]![0]!];
    const { address: _a, values: _v, ...style } = first.block;
    merged.push({ ...style, address: a1(first.row, col), values });
  }
  return { merged, rest };
}

