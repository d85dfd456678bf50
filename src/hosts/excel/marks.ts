/** Issue marks on input cells: a fill and a note (or a comment on older Excel), removable later. */
import type { CellMark, Severity } from "../../core/types";
import { excelColor, quoteSheet } from "./address";
import { sheetOf } from "./proxies";
import type { RequestPacker } from "./payload";

export const MARK_FILL: Record<Severity, string> = { error: "#FFC7CE", warning: "#FFEB9C", info: "#DDEBF7" };
/** Every note or comment the project writes starts with this line, so it only removes its own. */
export const MARK_PREFIX = "[DTI Scorer]";

export type MarkMode = "notes" | "comments" | "fill";

export interface MarkLookup {
  /** "Sheet!A1" → the note or comment the cell has now (and whether the project wrote it). */
  texts: Map<string, { ours: boolean; comment?: Excel.Comment; note?: Excel.Note }>;
}

export function cellKey(sheet: string, cell: string): string {
  return `${quoteSheet(sheet)}!${cell.replace(/\$/g, "").toUpperCase()}`;
}

/** Queues the lookups of notes on the given cells (in the request that looks things up). */
export function queueNoteLookups(ctx: Excel.RequestContext, cells: string[]): Map<string, Excel.Note> {
  const out = new Map<string, Excel.Note>();
  for (const key of new Set(cells)) out.set(key, ctx.workbook.notes.getItemOrNullObject(key).load("content"));
  return out;
}

export function queueClear(packer: RequestPacker, mode: MarkMode, mark: { sheet: string; cell: string; fill?: string }, lookup: MarkLookup, removing: Set<string>): void {
  const key = cellKey(mark.sheet, mark.cell);
  packer.add(250 + key.length + (mark.fill?.length ?? 0), (ctx) => {
    const range = sheetOf(ctx, mark.sheet).getRange(mark.cell);
    if (mark.fill) range.format.fill.color = excelColor(mark.fill);
    else range.format.fill.clear();
    const found = lookup.texts.get(key);
    if (found?.ours && !removing.has(key)) {
      removing.add(key);
      if (mode === "notes") ctx.workbook.notes.getItem(key).delete();
      else found.comment?.delete();
    }
  });
}

export function queueMark(packer: RequestPacker, mode: MarkMode, mark: CellMark, lookup: MarkLookup, removing: Set<string>): void {
  const key = cellKey(mark.sheet, mark.cell);
  packer.add(300 + key.length * 2 + mark.note.length * 3, (ctx) => {
    sheetOf(ctx, mark.sheet).getRange(mark.cell).format.fill.color = MARK_FILL[mark.severity];
    if (mode === "fill") return;
    const found = lookup.texts.get(key);
    const stillThere = found !== undefined && !(found.ours && removing.has(key));
    if (mode === "notes") {
      if (stillThere && found.ours) ctx.workbook.notes.getItem(key).content = mark.note;
      else if (!stillThere) ctx.workbook.notes.add(key, mark.note);
      // A note the user wrote stays as it is; the fill still shows the issue.
    } else if (!stillThere) ctx.workbook.comments.add(key, mark.note, "Plain");
    else if (found.ours && found.comment) found.comment.content = mark.note;
  });
}
