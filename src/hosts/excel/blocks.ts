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
  const places = blocks.map((b) => topLeft(b.address));
  const single = blocks.map(isSingle);
  // How many blocks write each single cell (keyed row × 16384 + column): a cell written twice keeps its blocks in order.
  const key = (row: number, col: number) => row * 16384 + col;
  const writes = new Map<number, number>();
  places.forEach((p, i) => {
    if (single[i]) writes.set(key(p.row, p.col), (writes.get(key(p.row, p.col)) ?? 0) + 1);
  });
  // Each other block's cells, or the single cells, whichever are fewer: a block of thousands of
  // rows beside thousands of single cells costs no product of the two.
  const singles = places.filter((_, i) => single[i]);
  if (singles.length > 0) {
    blocks.forEach((b, j) => {
      if (single[j]) return;
      const { row: top, col: left } = places[j]!;
      const height = b.values.length;
      const width = widestRow(b.values) || 1;
      if (height * width <= singles.length) {
        for (let r = top; r < top + height; r++) for (let c = left; c < left + width; c++) if (writes.has(key(r, c))) writes.set(key(r, c), 2);
        return;
      }
      for (const p of singles) if (p.row >= top && p.row < top + height && p.col >= left && p.col < left + width) writes.set(key(p.row, p.col), 2);
    });
  }
  blocks.forEach((b, i) => {
    const { row, col } = places[i]!;
    if (!single[i] || (writes.get(key(row, col)) ?? 0) > 1) {
      rest.push(b);
      return;
    }
    const style = JSON.stringify([col, b.numberFormat ?? null, b.bold ?? null, b.fill ?? null, b.fontColor ?? null, b.wrap ?? null, b.fontSize ?? null]);
    const list = groups.get(style) ?? [];
    list.push({ row, block: b });
    groups.set(style, list);
  });
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

