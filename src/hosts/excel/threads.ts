/**
 * The user's threaded comments on an owned sheet's table that a run writes again (the results
 * table sorted anew): each goes with its unit and column, as a note does (carriedNotes). Office.js
 * cannot move a comment nor set its author: a thread that moves is deleted and added again at its
 * new cell, its first comment and each reply in order, and each text starts with the name of the
 * one who wrote it ("Nguyễn Văn A: …"), since Excel shows the one running the add-in as the author
 * of what it adds. A thread whose unit stays on its row is left as it is. A thread is taken from its
 * old cell only once it has been added at its new one: one that Excel refuses there, or that is not
 * tried, stays where it was (threadSteps, leftThreadsMessage).
 */
import type { SheetMessage } from "../../core/i18n/text";
import { parseRect, sheetAddress } from "../../core/a1";
import { unitWithCode } from "../../core/plan/labels";
import { type DroppedNote, droppedItem } from "../../core/plan/results-area";
import type { FallbackReason } from "./payload";

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
 * The name is anything before the first colon and no-break space, colons included ("Phòng KH:
 * Nguyễn A"); a no-break space in an author's name is written as a space, so that it is known again.
 */
const AUTHOR_SEPARATOR = ":\u00A0";
const CARRIED_BEFORE = /^[^\u00A0\n]{1,254}:\u00A0/;

/** A text of a thread as it is added again: its author's name first, unless a previous carry put it there. */
export function carriedText(part: ThreadPart): string {
  const author = part.author.replace(/\u00A0/g, " ").trim();
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
  const item = (n: DroppedThread, lang: "vi" | "en") => droppedItem(sheet, n, lang, n.text);
  const one = threads.length === 1;
  return {
    sheet,
    vi: `${one ? "Chú thích dạng hội thoại (threaded comment)" : `${threads.length} chú thích dạng hội thoại (threaded comment)`} trên trang '${sheet}' đã bị xóa khi chấm lại: ${threads.map((n) => item(n, "vi")).join("; ")}. Hãy thêm lại ở nơi khác nếu cần.`,
    en: `${one ? "A threaded comment" : `${threads.length} threaded comments`} on the sheet '${sheet}' ${one ? "was" : "were"} deleted by this run: ${threads.map((n) => item(n, "en")).join("; ")}. Add ${one ? "it" : "them"} again elsewhere if you still need ${one ? "it" : "them"}.`,
  };
}

type Unit = { code: string; name: string };

/** A thread that goes with its unit: from its cell to its unit's new one (A1, on the sheet), with the texts it is added again with. */
export interface ThreadMove {
  from: string;
  to: string;
  /** Its first comment's text, then each reply's, each with its author's name (carriedTexts). */
  texts: string[];
  /** Its texts in a warning (threadInWords). */
  words: string;
  /** The unit of the row it is on. */
  unit?: Unit;
  /** Another unit whose row its cell is on once the table is written again. */
  nowOn?: Unit;
}

/**
 * One step of moving the threads (a cell takes one thread, so a thread goes to a cell only once the
 * thread there has left it): `move` goes once the thread on its new cell, at `after`, has gone (a
 * unit scored in moves the rows under it down: the lowest row's thread goes first); `cycle` are
 * threads that take each other's cells (two units that swap rows), the thread at each one's new
 * cell being the next one's, the last one's new cell the first one's.
 */
export type ThreadStep = { move: ThreadMove; after?: string } | { cycle: ThreadMove[] };

/**
 * The order the threads that move go in (no two go to one cell; none goes to its own): each after
 * the thread on its new cell, threads that take each other's cells together.
 */
export function threadSteps(moves: readonly ThreadMove[]): ThreadStep[] {
  const at = new Map(moves.map((m) => [m.from, m]));
  const next = (m: ThreadMove) => at.get(m.to);
  const placed = new Set<ThreadMove>();
  const steps: ThreadStep[] = [];
  for (const first of moves) {
    if (placed.has(first)) continue;
    // Along the threads each one waits for, to one whose new cell has no thread left to wait for,
    // or back to one already on the way (a cycle).
    const path: ThreadMove[] = [];
    let m: ThreadMove | undefined = first;
    while (m && !placed.has(m) && !path.includes(m)) {
      path.push(m);
      m = next(m);
    }
    let chain = path;
    if (m && path.includes(m)) {
      const cycle = path.slice(path.indexOf(m));
      steps.push({ cycle });
      for (const c of cycle) placed.add(c);
      chain = path.slice(0, path.indexOf(m));
    }
    for (const c of chain.reverse()) {
      const waits = next(c);
      steps.push({ move: c, ...(waits ? { after: waits.from } : {}) });
      placed.add(c);
    }
  }
  return steps;
}

/**
 * Why a thread stayed on its old cell (with comments, before ExcelApi 1.18), by the fallback of its
 * move (FallbackReason): Excel refused it at its new cell ("refused": the cell has a note), it was
 * not tried ("untried"), or Excel refused something in its request without saying what ("unsaid":
 * it may have moved); or its new cell still has a thread that stayed ("blocked").
 */
export type LeftReason = FallbackReason | "blocked";

/** A thread that did not go with its unit, or may not have ("unsaid"): it is on its old cell. */
export interface LeftThread extends ThreadMove {
  reason: LeftReason;
}

/**
 * The warning that threaded comments did not go with their units, on an Excel without ExcelApi
 * 1.18, and were left on their old cells with their texts, which are given here: Excel refused each
 * at its new cell, which has a note (which that Excel cannot read); or it was not tried, so that the
 * requests stay few; or its new cell still has a thread that stayed. Those of a request Excel
 * refused without saying where are either on their new cells or still on their old ones.
 */
export function leftThreadsMessage(sheet: string, threads: readonly LeftThread[]): SheetMessage {
  const item = (t: LeftThread, lang: "vi" | "en") => {
    const from = sheetAddress(sheet, t.from);
    const to = sheetAddress(sheet, t.to);
    const unit = t.unit ? unitWithCode(t.unit) : undefined;
    const now = t.nowOn ? unitWithCode(t.nowOn) : undefined;
    const about =
      lang === "vi"
        ? [...(unit ? [`đơn vị ${unit}`] : []), ...(now ? [`ô cũ nay là dòng của đơn vị ${now}`] : [])]
        : [...(unit ? [unit] : []), ...(now ? [`the old cell is now on the row of ${now}`] : [])];
    const words = about.length ? ` (${about.join("; ")})` : "";
    return lang === "vi" ? `từ ô ${from} sang ô ${to}${words}: ${t.words}` : `from cell ${from} to ${to}${words}: ${t.words}`;
  };
  // By the cell each is on, row by row.
  const place = (t: LeftThread) => parseRect(t.from) ?? { row: 0, col: 0 };
  const list = (reason: LeftReason, lang: "vi" | "en") =>
    threads
      .filter((t) => t.reason === reason)
      .sort((x, y) => place(x).row - place(y).row || place(x).col - place(y).col)
      .map((t) => item(t, lang))
      .join("; ");
  const count = (reason: LeftReason) => threads.filter((t) => t.reason === reason).length;
  const [refused, untried, blocked, unsaid] = (["refused", "untried", "blocked", "unsaid"] as const).map(count) as [number, number, number, number];
  const stayed = refused + untried + blocked;
  const one = stayed === 1;
  const vi = [
    stayed > 0
      ? `${one ? "Một chú thích dạng hội thoại (threaded comment)" : `${stayed} chú thích dạng hội thoại (threaded comment)`} trên trang '${sheet}' không chuyển theo đơn vị được nên được để nguyên ở ô cũ, cùng nội dung và trả lời, nhưng ô cũ nay không còn là ô của đơn vị đó.`
      : "",
    refused > 0
      ? `Excel từ chối ${refused === 1 ? "một chú thích" : `${refused} chú thích`} vì ô mới đã có ghi chú (note), mà phiên bản Excel này không đọc được (cần ExcelApi 1.18), và Excel không cho một ô có cả hai: ${list("refused", "vi")}.`
      : "",
    untried > 0
      ? `${untried === 1 ? "Một chú thích" : `${untried} chú thích`} không được thử chuyển, vì Excel đã từ chối nhiều lần trong cùng một lượt ghi và số lần gửi yêu cầu tới Excel được giữ có hạn (ô mới có thể không có ghi chú): ${list("untried", "vi")}.`
      : "",
    blocked > 0
      ? `${blocked === 1 ? "Một chú thích" : `${blocked} chú thích`} không chuyển được vì ô mới vẫn còn một chú thích khác không chuyển đi được (nêu trong cảnh báo này): ${list("blocked", "vi")}.`
      : "",
    stayed > 0 ? `Hãy tự chuyển nội dung ${one ? "chú thích này" : "các chú thích này"} về đúng đơn vị nếu cần.` : "",
    unsaid > 0
      ? `Excel đã từ chối một thao tác trong lượt ghi mà không cho biết thao tác nào, nên không rõ ${unsaid === 1 ? "chú thích dạng hội thoại" : `${unsaid} chú thích dạng hội thoại`} trên trang '${sheet}' đã chuyển theo đơn vị hay chưa; mỗi chú thích hoặc đã ở ô mới, hoặc vẫn ở ô cũ, không bị mất: ${list("unsaid", "vi")}. Hãy kiểm tra các ô này.`
      : "",
  ];
  const en = [
    stayed > 0
      ? `${one ? "A threaded comment" : `${stayed} threaded comments`} on the sheet '${sheet}' could not go with ${one ? "its unit" : "their units"}, so ${one ? "it was" : "they were"} left on ${one ? "its old cell" : "their old cells"}, with ${one ? "its" : "their"} texts and replies, though ${one ? "that cell no longer belongs" : "those cells no longer belong"} to ${one ? "its unit" : "their units"}.`
      : "",
    refused > 0
      ? `Excel refused ${refused === 1 ? "one" : refused} because the new cell has a note, which this version of Excel cannot read (it needs ExcelApi 1.18), and Excel does not let a cell have both: ${list("refused", "en")}.`
      : "",
    untried > 0
      ? `${untried === 1 ? "One was" : `${untried} were`} not tried, as Excel had refused several in the same write and the requests sent to Excel are kept few (the new cell may have no note): ${list("untried", "en")}.`
      : "",
    blocked > 0
      ? `${blocked === 1 ? "One" : blocked} could not go because the new cell still has another thread that could not leave it (named in this warning): ${list("blocked", "en")}.`
      : "",
    stayed > 0 ? `Move ${one ? "its" : "their"} texts to the right unit by hand if you still need ${one ? "it" : "them"}.` : "",
    unsaid > 0
      ? `Excel refused an operation of the write without saying which, so it is not known whether ${unsaid === 1 ? "a threaded comment" : `${unsaid} threaded comments`} on the sheet '${sheet}' went with ${unsaid === 1 ? "its unit" : "their units"}; each is either on its new cell or still on its old one, not lost: ${list("unsaid", "en")}. Check these cells.`
      : "",
  ];
  return { sheet, vi: vi.filter((t) => t !== "").join(" "), en: en.filter((t) => t !== "").join(" ") };
}
