/** Issue marks on input cells: a fill and a note (or a comment on older Excel), removable later. */
import type { NotedCell } from "../../core/plan/plan";
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

/**
 * The notes (or comments) of the whole workbook with their text, queued in the request that looks
 * things up: a mark the user moved by inserting rows is found by its note wherever it went.
 */
export function queueMarkTexts(ctx: Excel.RequestContext, mode: MarkMode): Excel.NoteCollection | Excel.CommentCollection | null {
  if (mode === "notes") return ctx.workbook.notes.load("items/content");
  if (mode === "comments") return ctx.workbook.comments.load("items/content");
  return null;
}

/** Where each loaded note or comment is, queued in the next request (one location per item). */
export function queueMarkLocations(list: Excel.NoteCollection | Excel.CommentCollection | null): Excel.Range[] {
  return (list?.items ?? []).map((item: Excel.Note | Excel.Comment) => item.getLocation().load("address"));
}

/** The lookup from the loaded notes or comments and their locations ("'Sheet'!D5"). */
export function markLookup(mode: MarkMode, list: Excel.NoteCollection | Excel.CommentCollection | null, locations: Excel.Range[], split: (address: string) => [string, string]): MarkLookup & { noted: NotedCell[] } {
  const texts: MarkLookup["texts"] = new Map();
  const noted: NotedCell[] = [];
  (list?.items ?? []).forEach((item: Excel.Note | Excel.Comment, i: number) => {
    const [sheet, cell] = split(locations[i]!.address);
    const ours = item.content.startsWith(MARK_PREFIX);
    texts.set(cellKey(sheet, cell), mode === "notes" ? { ours, note: item as Excel.Note } : { ours, comment: item as Excel.Comment });
    noted.push({ sheet, cell, ours });
  });
  return { texts, noted };
}

/**
 * Removes a mark: the fill the cell had before comes back and the project's note or comment goes.
 * Where notes or comments exist, the mark was found by its note (relocateMarks), and a cell that
 * carries neither the project's note nor the user's (which a mark by fill alone leaves) is not
 * the marked cell: its fill is left alone.
 */
export function queueClear(packer: RequestPacker, mode: MarkMode, mark: { sheet: string; cell: string; fill?: string }, lookup: MarkLookup, removing: Set<string>): void {
  const key = cellKey(mark.sheet, mark.cell);
  const found = lookup.texts.get(key);
  if (mode !== "fill" && !found) return;
  packer.add(250 + key.length + (mark.fill?.length ?? 0), (ctx) => {
    const range = sheetOf(ctx, mark.sheet).getRange(mark.cell);
    if (mark.fill) range.format.fill.color = excelColor(mark.fill);
    else range.format.fill.clear();
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
