/**
 * The user's threaded comments on an owned sheet's table that a run writes again (the results
 * table sorted anew): each goes with its unit and column, as a note does (carriedNotes). Office.js
 * cannot move a comment nor set its author: a thread that moves is deleted and added again at its
 * new cell, its first comment and each reply in order, and each text starts with the name of the
 * one who wrote it ("Nguyễn Văn A: …"), since Excel shows the one running the add-in as the author
 * of what it adds. A thread whose unit stays on its row is left as it is.
 */
import type { SheetMessage } from "../../core/i18n/text";
import { sheetAddress } from "../../core/a1";
import { unitWithCode } from "../../core/plan/labels";
import type { DroppedNote } from "../../core/plan/results-area";

/** One comment of a thread as Excel gives it: its text and the name of who wrote it (`authorName`, ExcelApi 1.10). */
export interface ThreadPart {
  content: string;
  author: string;
}

/** A threaded comment of the user's: where it is, its first comment and its replies in order. */
export interface Thread extends ThreadPart {
  sheet: string;
  cell: string;
  replies: ThreadPart[];
}

/**
 * What separates the author's name from the text in a text carried: a colon and a no-break space
 * (U+00A0), which looks like the space anyone types after a colon but which nobody types there. A
 * text that starts with a name and it was carried before: its author's name is not added again
 * (the thread carried again is the runner's, Excel says, but the name in the text is who wrote it).
 */
const AUTHOR_SEPARATOR = ":\u00A0";
const CARRIED_BEFORE = /^[^\s:][^:\n]{0,254}:\u00A0/;

/** A text of a thread as it is added again: its author's name first, unless a previous carry put it there. */
export function carriedText(part: ThreadPart): string {
  const author = part.author.trim();
  if (author === "" || CARRIED_BEFORE.test(part.content)) return part.content;
  return `${author}${AUTHOR_SEPARATOR}${part.content}`;
}

/** The texts a thread is added again with: its first comment, then each reply, each with its author's name. */
export function carriedTexts(thread: Thread): string[] {
  return [thread, ...thread.replies].map(carriedText);
}

/** A thread in a warning, on one line: each comment with its author's name, in quotes, whole (the user's words that are lost). */
export function threadInWords(thread: Thread): string {
  return carriedTexts(thread)
    .map((t) => `"${t.replace(/\s+/g, " ").trim()}"`)
    .join(" / ");
}

/** A thread this run did not carry: its unit or column is gone from the table, or its cell is written anew. */
export type DroppedThread = DroppedNote;

/**
 * The warning that threaded comments the user put on cells of the results sheet were not carried
 * (their unit or column is gone, or their cell is written anew): each named with its cell, its unit
 * and column when it was on the table, why, and its texts with their authors, so that it can be
 * written again elsewhere.
 */
export function droppedThreadsMessage(sheet: string, threads: readonly DroppedThread[]): SheetMessage {
  const item = (n: DroppedThread, lang: "vi" | "en") => {
    const at = sheetAddress(sheet, n.cell);
    const unit = n.unit ? unitWithCode(n.unit) : undefined;
    const column = n.header !== undefined ? `"${n.header}"` : undefined;
    const where =
      lang === "vi"
        ? [`ô ${at}`, ...(unit ? [`đơn vị ${unit}`] : []), ...(column ? [`cột ${column}`] : [])].join(", ")
        : [`cell ${at}`, ...(unit ? [unit] : []), ...(column ? [`column ${column}`] : [])].join(", ");
    const why =
      lang === "vi"
        ? { unit: "đơn vị không còn trong bảng kết quả", column: "cột không còn trong bảng kết quả", cell: "ô được ghi lại nội dung khác" }[n.gone]
        : { unit: "the unit is no longer in the results table", column: "the column is no longer in the results table", cell: "the cell is written anew with something else" }[n.gone];
    return `${where} (${why}): ${n.text}`;
  };
  const one = threads.length === 1;
  return {
    sheet,
    vi: `${one ? "Chú thích dạng hội thoại (threaded comment)" : `${threads.length} chú thích dạng hội thoại (threaded comment)`} trên trang '${sheet}' đã bị xóa khi chấm lại: ${threads.map((n) => item(n, "vi")).join("; ")}. Hãy thêm lại ở nơi khác nếu cần.`,
    en: `${one ? "A threaded comment" : `${threads.length} threaded comments`} on the sheet '${sheet}' ${one ? "was" : "were"} deleted by this run: ${threads.map((n) => item(n, "en")).join("; ")}. Add ${one ? "it" : "them"} again elsewhere if you still need ${one ? "it" : "them"}.`,
  };
}

/** A thread Excel refused to add again at its unit's new cell (that cell has a note this Excel cannot read). */
export interface RefusedThread {
  from: string;
  to: string;
  text: string;
}

/**
 * The warning that threaded comments could not go with their unit, on an Excel without ExcelApi
 * 1.18: Excel refused each at its new cell, which has a note (which that Excel cannot read, so it
 * stays where it is); the thread was taken from its old cell, and its texts are given here.
 */
export function refusedThreadsMessage(sheet: string, threads: readonly RefusedThread[]): SheetMessage {
  const one = threads.length === 1;
  const list = (lang: "vi" | "en") =>
    threads.map((t) => (lang === "vi" ? `từ ô ${sheetAddress(sheet, t.from)} sang ô ${sheetAddress(sheet, t.to)}: ${t.text}` : `from cell ${sheetAddress(sheet, t.from)} to ${sheetAddress(sheet, t.to)}: ${t.text}`)).join("; ");
  return {
    sheet,
    vi: `${one ? "Một chú thích dạng hội thoại (threaded comment)" : `${threads.length} chú thích dạng hội thoại (threaded comment)`} trên trang '${sheet}' không chuyển theo đơn vị được, vì ô mới đã có ghi chú (note) mà phiên bản Excel này không đọc được (cần ExcelApi 1.18), và Excel không cho một ô có cả hai; chú thích đã bị xóa khỏi ô cũ: ${list("vi")}. Hãy thêm lại nếu cần.`,
    en: `${one ? "A threaded comment" : `${threads.length} threaded comments`} on the sheet '${sheet}' could not go with ${one ? "its unit" : "their units"}: the new cell has a note, which this version of Excel cannot read (it needs ExcelApi 1.18), and Excel does not let a cell have both; ${one ? "it was" : "they were"} removed from the old cell: ${list("en")}. Add ${one ? "it" : "them"} again if you still need ${one ? "it" : "them"}.`,
  };
}
