/** The notes of a sheet ExcelJS read, as the collect code of both hosts hands them to the cleaning (incomingCleaner). */
import type ExcelJS from "exceljs";
import type { IncomingNote } from "../../core/collect-clean";

/** A note's text: a plain note, or the runs of a rich one. */
export function noteText(note: string | ExcelJS.Comment | undefined): string | undefined {
  if (note === undefined || note === null) return undefined;
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => t.text).join("");
}

/**
 * The cells of a sheet that carry a note, with its text: every row and cell that exists, empty ones
 * too (a mark on a blank input cell has no value), which eachRow and eachCell would skip.
 */
export function sheetNotes(ws: ExcelJS.Worksheet): IncomingNote[] {
  const out: IncomingNote[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const cells = (ws.findRow(r) as unknown as { _cells?: (ExcelJS.Cell | undefined)[] } | undefined)?._cells ?? [];
    for (const cell of cells) {
      const text = cell ? noteText(cell.note) : undefined;
      if (cell && text !== undefined && text !== "") out.push({ cell: cell.address, text });
    }
  }
  return out;
}
