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
 * same formatting are written as one column range instead, with null (unchanged) in the gaps. The
 * merged ranges are written before the rest, so a cell another block of the list also writes (a
 * line cleared, then written again in the same place) is not merged: every block that writes it
 * stays in `rest`, in the plan's order, and the last of them is what the cell holds.
 */
export function coalesceColumnCells(blocks: CellBlock[]): { merged: CellBlock[]; rest: CellBlock[] } {
  const groups = new Map<string, { row: number; block: CellBlock }[]>();
  const rest: CellBlock[] = [];
  const isSingle = (b: CellBlock) => b.values.length === 1 && b.values[0]?.length === 1 && !b.formulas && !Array.isArray(b.numberFormat) && b.values[0][0] !== null;
  // How many blocks write each cell: a cell written twice keeps its blocks in order.
  const writes = new Map<string, number>();
  const areas = blocks.map((b) => {
    const { row, col } = topLeft(b.address);
    return { row, col, height: b.values.length, width: widestRow(b.values) || 1 };
  });
  for (const [i, b] of blocks.entries()) {
    if (!isSingle(b)) continue;
    const key = a1(areas[i]!.row, areas[i]!.col);
    writes.set(key, (writes.get(key) ?? 0) + 1);
  }
  // Each other block's cells, or the single cells, whichever are fewer: a block of thousands of
  // rows beside thousands of single cells costs no product of the two.
  for (const [j, a] of areas.entries()) {
    if (isSingle(blocks[j]!) || writes.size === 0) continue;
    if (a.height * a.width <= writes.size) {
      for (let r = a.row; r < a.row + a.height; r++) for (let c = a.col; c < a.col + a.width; c++) if (writes.has(a1(r, c))) writes.set(a1(r, c), 2);
      continue;
    }
    for (const key of writes.keys()) {
      const { row, col } = topLeft(key);
      if (row >= a.row && row < a.row + a.height && col >= a.col && col < a.col + a.width) writes.set(key, 2);
    }
  }
  for (const [i, b] of blocks.entries()) {
    const { row, col } = areas[i]!;
    if (!isSingle(b) || (writes.get(a1(row, col)) ?? 0) > 1) {
      rest.push(b);
      continue;
    }
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

