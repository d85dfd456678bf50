/** Issue marks on input cells: a fill and a note (or a comment on older Excel), removable later. */
import type { Message } from "../../core/i18n/text";
import { MARK_FILLS, markNoteParts, noteWithMark, noteWithoutMark, showsMarkFill } from "../../core/plan/labels";
import type { NotedCell } from "../../core/plan/plan";
import type { CellMark, Severity } from "../../core/types";
import { excelColor, quoteSheet } from "./address";
import { sheetOf } from "./proxies";
import { errorCode, opBytes, REFUSAL_CODES, type Fallback, type RequestPacker } from "./payload";
import type { Thread, ThreadPart } from "./threads";

export const MARK_FILL: Record<Severity, string> = {
  error: excelColor(MARK_FILLS.error),
  warning: excelColor(MARK_FILLS.warning),
  info: excelColor(MARK_FILLS.info),
};
/** Every note or comment the project writes starts with this line, so it only removes its own. */
export const MARK_PREFIX = "[DTI Scorer]";

export type MarkMode = "notes" | "comments" | "fill";

export interface MarkLookup {
  /**
   * "Sheet!A1" → the note or comment the cell has now, its text, and whether the project wrote (part
   * of) it. With notes, also the project's threaded comments: the marks made on an Excel without
   * notes (ExcelApi 1.10 to 1.17), which a mark made now replaces by a note.
   */
  texts: Map<string, { ours: boolean; content?: string; comment?: Excel.Comment; note?: Excel.Note }>;
  /**
   * With notes: the cells that hold a threaded comment of the user's. Excel gives a cell a note or a
   * threaded comment, not both, so such a cell is marked by its fill alone.
   */
  commented: Set<string>;
  /**
   * "Sheet!A1" → the fill the cell shows now ("#FFC7CE"; Excel reports none as "#FFFFFF"), of the
   * cells `_index` records as marked and those marked now, read before the write. Clearing a mark
   * gives the cell its fill from before only where the mark's fill still shows (showsMarkFill), or
   * where the fill was not read (a mark the user's inserted rows moved).
   */
  fills?: Map<string, string | undefined>;
  /**
   * The cells `_index` records as marked that carry no note or comment (that can be read) now but
   * still a mark's fill. Their mark was made by the fill alone on an Excel without notes (Excel
   * refused the comment: the cell has a note, which that Excel cannot read; or it was not tried),
   * or by a note on an Excel with notes, read by one without: clearing it gives the cell its
   * recorded fill back, as for a mark of the user's commented cell with notes.
   */
  byFill?: Set<string>;
  /**
   * With comments: the cells `_index` records as marked that carry no comment now. Such a cell is
   * likely to hold a note (the mark was made by one, or by its fill alone because of one): a new
   * comment there is tried after the others of its request (Fallback.likely).
   */
  likely?: Set<string>;
  /** Filled in while queueing: the marks made by fill alone because their cell has a threaded comment. */
  fillOnly: string[];
  /**
   * With comments, filled in while writing: the marks made by fill alone because Excel refused their
   * comment (the cell has a note, which an Excel without ExcelApi 1.18 cannot read beforehand),
   * those whose comment was not tried after Excel refused several in the same request
   * (REFUSALS_TRIED, LIKELY_TRIED), and those of a request Excel refused without saying on which
   * cell (`unsaid`: sent again with every comment left out; a comment added before the refusal stays).
   * Filled in while queueing: `noted`, the marks made by fill alone without asking, because their
   * cell is one the template gives a note (CellMark.noted), which Excel would refuse a comment on.
   */
  refused?: { cells: string[]; untried: string[]; unsaid?: string[]; noted?: string[] };
}

export function cellKey(sheet: string, cell: string): string {
  return `${quoteSheet(sheet)}!${cell.replace(/\$/g, "").toUpperCase()}`;
}

/** Items of the workbook's notes or comments loaded a page at a time (a user's workbook may hold many). */
export const SCAN_PAGE = 5000;
/** The response estimate of one loaded note or comment: its text (a few lines) and the envelope. */
const ITEM_RESPONSE = 500;
/** The response estimate of one location ("'Đơn vị 1'!D12" and the envelope). */
const LOCATION_RESPONSE = 120;

interface Scanned {
  item: Excel.Note | Excel.Comment;
  content?: string;
  /** A threaded comment's replies, when they were loaded. */
  replies?: number;
  /** A threaded comment's author and its replies' texts and authors, when they were loaded. */
  author?: string;
  thread?: ThreadPart[];
}

export interface Located {
  sheet: string;
  cell: string;
  content?: string;
  item: Excel.Note | Excel.Comment;
  replies?: number;
  author?: string;
  thread?: ThreadPart[];
}

/**
 * The workbook's notes or comments, page by page (`$top`/`$skip`), then where each one is (one
 * `getLocation()` each), queued into packed requests: the first page rides in the request that
 * looks things up, each later step locates the items of the last page and loads the next one.
 * A response too large for Excel makes the caller halve the pages and send the step again.
 */
export class ItemScan {
  readonly located: Located[] = [];
  private waiting: Scanned[] = [];
  private next: number | null = 0;
  private pending: { page?: { list: Excel.NoteCollection | Excel.CommentCollection; skip: number; top: number }; locating: { s: Scanned; range?: Excel.Range }[] } | null = null;

  constructor(
    private readonly collection: (ctx: Excel.RequestContext) => Excel.NoteCollection | Excel.CommentCollection,
    /** "content" to know the project's own; "id" when only where they are matters. */
    private readonly select: "content" | "id",
    public pageSize = SCAN_PAGE,
    /**
     * Threaded comments: their author and their replies are loaded too (`authorName`,
     * `replies/items/content`, `replies/items/authorName`, ExcelApi 1.10, in the same page): a
     * thread the user replied to is a conversation, never deleted with the mark, and a thread of the
     * user's on a table written again goes with its unit, replies and authors said (./threads).
     */
    private readonly replies = false,
  ) {}

  /** Every page loaded and every item located. */
  get done(): boolean {
    return this.next === null && this.waiting.length === 0;
  }

  private loadPage(ctx: Excel.RequestContext): { list: Excel.NoteCollection | Excel.CommentCollection; skip: number; top: number } {
    const skip = this.next ?? 0;
    const top = this.pageSize;
    const select = this.replies ? `${this.select},authorName,replies/items/id,replies/items/content,replies/items/authorName` : this.select;
    const list = (this.collection(ctx) as Excel.NoteCollection).load({ select, top, skip });
    return { list, skip, top };
  }

  /** The first page, queued directly (in the request of the other first lookups). */
  queueFirst(ctx: Excel.RequestContext): void {
    this.pending = { page: this.loadPage(ctx), locating: [] };
  }

  /** The locations of the items of the last page, and the next page, queued into the packer. */
  queueStep(packer: RequestPacker): void {
    const step: NonNullable<ItemScan["pending"]> = { locating: this.waiting.map((s) => ({ s })) };
    for (const l of step.locating) {
      packer.add(opBytes(2, 1), () => {
        l.range = l.s.item.getLocation().load("address");
      }, { response: LOCATION_RESPONSE });
    }
    if (this.next !== null) {
      packer.add(opBytes(1, 1), (ctx) => {
        step.page = this.loadPage(ctx);
      }, { response: this.pageSize * ITEM_RESPONSE });
    }
    this.pending = step;
  }

  /** Takes in what the request(s) of the step brought back. */
  received(split: (address: string) => [string, string]): void {
    const step = this.pending;
    this.pending = null;
    if (!step) return;
    for (const { s, range } of step.locating) {
      const [sheet, cell] = split(range!.address);
      this.located.push({ sheet, cell, item: s.item, ...(s.content !== undefined ? { content: s.content } : {}), ...(s.replies !== undefined ? { replies: s.replies } : {}), ...(s.author !== undefined ? { author: s.author } : {}), ...(s.thread ? { thread: s.thread } : {}) });
    }
    this.waiting = [];
    if (step.page) {
      const items = step.page.list.items as (Excel.Note | Excel.Comment)[];
      this.waiting = items.map((item) => {
        const replies = this.replies ? (item as Excel.Comment).replies.items : undefined;
        return {
          item,
          ...(this.select === "content" ? { content: item.content } : {}),
          ...(replies ? { replies: replies.length, author: (item as Excel.Comment).authorName, thread: replies.map((r) => ({ content: r.content, author: r.authorName })) } : {}),
        };
      });
      this.next = items.length === step.page.top ? step.page.skip + step.page.top : null;
    }
  }

  /** The step's request failed because its response was too large: the next pages are smaller. */
  shrink(): boolean {
    this.pending = null;
    if (this.pageSize <= 1) return false;
    this.pageSize = Math.max(1, this.pageSize >> 1);
    return true;
  }
}

/**
 * What to scan for a mode: with notes, the notes and the threaded comments with their text (the
 * project's own comments, from a run on an Excel without notes, are known by it); with comments,
 * the comments with their text; nothing with fill alone.
 */
export function markScans(mode: MarkMode): { texts: ItemScan | null; comments: ItemScan | null } {
  if (mode === "notes") {
    return {
      texts: new ItemScan((ctx) => ctx.workbook.notes, "content"),
      comments: new ItemScan((ctx) => ctx.workbook.comments, "content", SCAN_PAGE, true),
    };
  }
  if (mode === "comments") return { texts: new ItemScan((ctx) => ctx.workbook.comments, "content", SCAN_PAGE, true), comments: null };
  return { texts: null, comments: null };
}

/** A located threaded comment of the user's, with its texts and authors (when they were loaded). */
function threadOf({ sheet, cell, content, author, thread }: Located): Thread[] {
  return content !== undefined && thread ? [{ sheet, cell, content, author: author ?? "", replies: thread }] : [];
}

/**
 * The lookup from the located notes or comments, and the cells the marks of the last run are
 * looked for by: the project's notes (on every sheet: a form copied or renamed carries marks
 * `_index` does not name there), and the cells whose note or threaded comment is the user's.
 * `threads`: the user's threaded comments, with their replies and authors (ExcelApi 1.10), which
 * go with their unit on a table written again (./threads).
 */
export function markLookup(mode: MarkMode, scans: { texts: ItemScan | null; comments: ItemScan | null }): MarkLookup & { noted: NotedCell[]; threads: Thread[] } {
  const texts: MarkLookup["texts"] = new Map();
  const noted: NotedCell[] = [];
  const threads: Thread[] = [];
  for (const located of scans.texts?.located ?? []) {
    const { sheet, cell, content, item, replies } = located;
    const text = content ?? "";
    const ours = mode === "notes" ? markNoteParts(text) !== undefined : commentIsOurs(text, replies);
    texts.set(cellKey(sheet, cell), mode === "notes" ? { ours, content: text, note: item as Excel.Note } : { ours, content: text, comment: item as Excel.Comment });
    noted.push({ sheet, cell, ours, text });
    if (mode === "comments" && !ours) threads.push(...threadOf(located));
  }
  const commented = new Set<string>();
  for (const located of scans.comments?.located ?? []) {
    const { sheet, cell, content, item, replies } = located;
    // A mark made as a threaded comment (ExcelApi 1.10 to 1.17) is the project's, found as its notes are.
    if (content !== undefined && commentIsOurs(content, replies)) {
      texts.set(cellKey(sheet, cell), { ours: true, content, comment: item as Excel.Comment });
      noted.push({ sheet, cell, ours: true, text: content });
      continue;
    }
    commented.add(cellKey(sheet, cell));
    noted.push({ sheet, cell, ours: false });
    threads.push(...threadOf(located));
  }
  return { texts, commented, fillOnly: [], refused: { cells: [], untried: [] }, noted, threads };
}

/**
 * Whether a threaded comment is a mark of the project's: it starts with MARK_PREFIX, as the project
 * writes it (a comment of the user's that mentions DTI Scorer is theirs), and nobody replied to it.
 * A thread with replies is the user's conversation: Comment.delete() "deletes the comment and all
 * the connected replies", so it is kept as it is, and its cell marked by fill alone, as a cell with
 * the user's comment is.
 */
export function commentIsOurs(content: string, replies: number | undefined): boolean {
  return content.startsWith(MARK_PREFIX) && markNoteParts(content) !== undefined && !(replies !== undefined && replies > 0);
}

/**
 * Removes a mark: the fill the cell had before comes back and the project's part of the note or
 * comment goes; the user's text above and below it stays, as their note (a council member's
 * remark typed at the end of the mark's note). Where notes or comments exist, the mark was found
 * by its note (relocateMarks), and a cell that carries neither the project's note nor the user's
 * note or threaded comment (which a mark by fill alone leaves) is not the marked cell: its fill is
 * left alone. `removing` collects the cells whose note is deleted.
 */
export function queueClear(packer: RequestPacker, mode: MarkMode, mark: { sheet: string; cell: string; fill?: string }, lookup: MarkLookup, removing: Set<string>): void {
  const key = cellKey(mark.sheet, mark.cell);
  const found = lookup.texts.get(key);
  if (mode !== "fill" && !found && !lookup.commented.has(key) && !lookup.byFill?.has(key)) return;
  const rest = found?.ours === true ? noteWithoutMark(found.content ?? "") : undefined;
  const deletes = rest === "" && !removing.has(key);
  if (deletes) removing.add(key);
  const rewrites = rest !== undefined && rest !== "";
  // The range, its format and fill, and the fill set; `notes.getItem(key)` (or the loaded comment) and its delete or content.
  const text = deletes ? opBytes(1, 1, key) : rewrites ? opBytes(1, 1, key, rest) : 0;
  // A fill the user gave the cell since it was marked is theirs, and stays.
  const shown = lookup.fills?.get(key);
  const restores = shown === undefined || showsMarkFill(`FF${shown.replace(/^#/, "")}`);
  const fill = (ctx: Excel.RequestContext) => {
    if (!restores) return;
    const range = sheetOf(ctx, mark.sheet).getRange(mark.cell);
    if (mark.fill) range.format.fill.color = excelColor(mark.fill);
    else range.format.fill.clear();
  };
  packer.add(opBytes(3, 1, mark.cell, mark.fill ?? "") + text, (ctx) => {
    fill(ctx);
    // The project's comment (in both modes: with notes, one a run on an Excel without them made), or its note.
    if (deletes) {
      if (found?.comment) found.comment.delete();
      else if (mode === "notes") ctx.workbook.notes.getItem(key).delete();
    } else if (rewrites) {
      if (found?.comment) found.comment.content = rest;
      else if (mode === "notes") ctx.workbook.notes.getItem(key).content = rest;
    }
    // Sent again whole (Replay): the fill alone when the note or comment is deleted (it may be gone
    // already; one left is the project's still, and the next clear takes it).
  }, { sheet: mark.sheet, replay: deletes ? fill : "same" });
}

export function queueMark(packer: RequestPacker, mode: MarkMode, mark: CellMark, lookup: MarkLookup, removing: Set<string>): void {
  const key = cellKey(mark.sheet, mark.cell);
  const found = lookup.texts.get(key);
  const stillThere = found !== undefined && !(found.ours && removing.has(key));
  // With comments, a cell the template gives a note of its own (CellMark.noted) and that has no
  // comment now would have Excel refuse one: its fill alone shows the issue, and no refusal is
  // spent on it (REFUSALS_TRIED), so that the other cells of its request keep their tries.
  const templateNoted = mode === "comments" && !stillThere && mark.noted === "template";
  if (templateNoted) ((lookup.refused ??= { cells: [], untried: [] }).noted ??= []).push(key);
  // A cell with a threaded comment cannot take a note: its fill alone shows the issue.
  const fillOnly = mode === "fill" || templateNoted || (mode === "notes" && !stillThere && lookup.commented.has(key));
  if (fillOnly && mode === "notes") lookup.fillOnly.push(key);
  // A mark refreshed: the project's part of its note is replaced, the user's text around it stays.
  const content = stillThere && found.ours ? noteWithMark(found.content, mark.note) : mark.note;
  // With notes, the project's comment from a run on an Excel without them gives way to a note.
  const replacesComment = mode === "notes" && stillThere && found.ours && found.comment !== undefined;
  // The range, its format and fill, and the fill set; then `notes.add` (the collection's path is
  // listed once a request), or `notes.getItem(key)` (or the loaded comment) and its content set.
  const text = fillOnly ? 0 : replacesComment ? opBytes(0, 2, key, content) : opBytes(stillThere ? 1 : 0, 1, key, content, "Plain");
  const fill = (ctx: Excel.RequestContext) => {
    sheetOf(ctx, mark.sheet).getRange(mark.cell).format.fill.color = MARK_FILL[mark.severity];
  };
  // Before ExcelApi 1.18 notes cannot be read, and Excel refuses a comment on a cell that has one
  // (the user's, or the project's from a run on Microsoft 365): the request is sent again from
  // there with the fill alone (RequestPacker.flush), and the user told which cells.
  const addsComment = mode === "comments" && !stillThere && !fillOnly;
  const fallback: Fallback | undefined = addsComment
    ? {
        when: (e) => REFUSAL_CODES.has(errorCode(e) ?? ""),
        queue: (ctx, reason) => {
          fill(ctx);
          const refused = (lookup.refused ??= { cells: [], untried: [] });
          (reason === "refused" ? refused.cells : reason === "untried" ? refused.untried : (refused.unsaid ??= [])).push(key);
        },
        ...(lookup.likely?.has(key) ? { likely: true } : {}),
      }
    : undefined;
  // A note added, or the project's comment replaced by one, cannot be sent twice; a fill or a text set can.
  const replay = fillOnly || (stillThere && !replacesComment) ? ("same" as const) : undefined;
  packer.add(opBytes(3, 1, mark.cell, MARK_FILL[mark.severity]) + text, (ctx) => {
    fill(ctx);
    if (fillOnly) return;
    if (mode === "notes") {
      if (replacesComment) {
        found.comment!.delete();
        ctx.workbook.notes.add(key, content);
      } else if (stillThere && found.ours) ctx.workbook.notes.getItem(key).content = content;
      else if (!stillThere) ctx.workbook.notes.add(key, mark.note);
      // A note the user wrote stays as it is; the fill still shows the issue.
    } else if (!stillThere) ctx.workbook.comments.add(key, mark.note, "Plain");
    else if (found.ours && found.comment) found.comment.content = content;
  }, { sheet: mark.sheet, ...(fallback ? { fallback } : {}), ...(replay ? { replay } : {}) });
}

/** At most this many cells are named in a message; the rest are counted. */
const CELLS_NAMED = 10;

/** What the user is told about cells marked by fill alone because they hold a threaded comment. */
export function fillOnlyMessage(cells: string[]): Message {
  const named = cells.slice(0, CELLS_NAMED).join(", ");
  const more = cells.length - CELLS_NAMED;
  return {
    vi: `${cells.length === 1 ? "Ô" : `${cells.length} ô`} ${named}${more > 0 ? ` và ${more} ô khác` : ""} có chú thích dạng hội thoại (threaded comment), mà Excel không cho một ô có cả chú thích lẫn ghi chú (note), nên chỉ được tô màu, không có ghi chú nêu vấn đề. Xem nội dung vấn đề trong danh sách vấn đề của ngăn tác vụ.`,
    en: `${cells.length === 1 ? "Cell" : `${cells.length} cells`} ${named}${more > 0 ? ` and ${more} more` : ""} ${cells.length === 1 ? "has" : "have"} a threaded comment, and Excel does not let a cell have both a comment and a note, so ${cells.length === 1 ? "it was" : "they were"} marked by fill only, without a note saying what the issue is. The task pane's list of issues says what it is.`,
  };
}

/** The cells named, the first CELLS_NAMED of them, and how many more there are. */
function namedCells(cells: string[]): { named: string; more: number } {
  return { named: cells.slice(0, CELLS_NAMED).join(", "), more: Math.max(0, cells.length - CELLS_NAMED) };
}

/**
 * What the user is told about cells marked by fill alone, with comments, because Excel refused a
 * threaded comment there: the cell has a note (the user's, or one the project wrote on an Excel
 * with notes), which this Excel cannot read. `untried`: the cells whose comment was not tried
 * after Excel refused several in the same request; `unsaid`: those of a request Excel refused
 * without saying on which cell; `noted`: the `Minh chứng` cells the form's template gives a note,
 * marked by fill alone without asking.
 */
export function commentRefusedMessage({ cells, untried, unsaid = [], noted = [] }: NonNullable<MarkLookup["refused"]>): Message {
  const one = cells.length === 1;
  const { named, more } = namedCells(cells);
  const rest = namedCells(untried);
  const left = namedCells(unsaid);
  const own = namedCells(noted);
  const vi = [
    noted.length > 0
      ? `${noted.length === 1 ? "Ô" : `${noted.length} ô`} Minh chứng ${own.named}${own.more > 0 ? ` và ${own.more} ô khác` : ""} có ghi chú (note) của chính biểu mẫu ("Bắt buộc có minh chứng…"), mà Excel không cho một ô có cả ghi chú lẫn chú thích dạng hội thoại (threaded comment), nên chỉ được tô màu, không có chú thích nêu vấn đề; ghi chú của biểu mẫu được giữ nguyên.`
      : "",
    cells.length > 0
      ? `${one ? "Ô" : `${cells.length} ô`} ${named}${more > 0 ? ` và ${more} ô khác` : ""} đã có ghi chú (note), mà Excel không cho một ô có cả ghi chú lẫn chú thích dạng hội thoại (threaded comment), nên chỉ được tô màu, không có chú thích nêu vấn đề.`
      : "",
    untried.length > 0
      ? `Vì Excel đã từ chối nhiều lần trong cùng một lượt ghi, ${untried.length === 1 ? "ô" : `${untried.length} ô`} ${rest.named}${rest.more > 0 ? ` và ${rest.more} ô khác` : ""} cũng chỉ được tô màu mà không thử thêm chú thích: phiên bản Excel này không đọc được ghi chú để biết trước ô nào có.`
      : "",
    unsaid.length > 0
      ? `Excel đã từ chối thêm chú thích dạng hội thoại vào một ô (có lẽ ô đó đã có ghi chú) mà không cho biết ô nào, nên ${unsaid.length === 1 ? "ô" : `${unsaid.length} ô`} ${left.named}${left.more > 0 ? ` và ${left.more} ô khác` : ""} được tô màu, có thể không có chú thích nêu vấn đề.`
      : "",
    cells.length > 0 || untried.length > 0 || unsaid.length > 0
      ? `Ghi chú có sẵn trên các ô được giữ nguyên; ghi chú do DTI Scorer viết khi chấm trong Microsoft 365 hay Excel trên web có thể đã cũ. Xem nội dung vấn đề trong danh sách vấn đề của ngăn tác vụ, hoặc mở sổ làm việc trong Microsoft 365 hay Excel trên web và đánh dấu lại để có ghi chú mới.`
      : noted.length > 0
        ? "Xem nội dung vấn đề trong danh sách vấn đề của ngăn tác vụ."
        : "",
  ];
  const en = [
    noted.length > 0
      ? `${noted.length === 1 ? "Evidence cell" : `${noted.length} evidence cells`} (Minh chứng) ${own.named}${own.more > 0 ? ` and ${own.more} more` : ""} ${noted.length === 1 ? "has" : "have"} the form's own note ("Evidence is required…"), and Excel does not let a cell have both a note and a threaded comment, so ${noted.length === 1 ? "it was" : "they were"} marked by fill only, without a comment saying what the issue is; the form's note stays as it is.`
      : "",
    cells.length > 0
      ? `${one ? "Cell" : `${cells.length} cells`} ${named}${more > 0 ? ` and ${more} more` : ""} ${one ? "has a note" : "have notes"}, and Excel does not let a cell have both a note and a threaded comment, so ${one ? "it was" : "they were"} marked by fill only, without a comment saying what the issue is.`
      : "",
    untried.length > 0
      ? `As Excel refused several times in the same write, ${untried.length === 1 ? "cell" : `${untried.length} cells`} ${rest.named}${rest.more > 0 ? ` and ${rest.more} more` : ""} ${untried.length === 1 ? "was" : "were"} also marked by fill only, without trying a comment: this version of Excel cannot read notes to know beforehand which cells have one.`
      : "",
    unsaid.length > 0
      ? `Excel refused a threaded comment on a cell (probably one that has a note) without saying which, so ${unsaid.length === 1 ? "cell" : `${unsaid.length} cells`} ${left.named}${left.more > 0 ? ` and ${left.more} more` : ""} ${unsaid.length === 1 ? "was" : "were"} marked by fill, possibly without a comment saying what the issue is.`
      : "",
    cells.length > 0 || untried.length > 0 || unsaid.length > 0
      ? `The notes the cells have stay as they are; a note DTI Scorer wrote when scoring in Microsoft 365 or Excel on the web may be out of date. The task pane's list of issues says what each issue is; or open the workbook in Microsoft 365 or Excel on the web and mark the issues again to get new notes.`
      : noted.length > 0
        ? "The task pane's list of issues says what each issue is."
        : "",
  ];
  return { vi: vi.filter((t) => t !== "").join(" "), en: en.filter((t) => t !== "").join(" ") };
}

/**
 * What the user is told when the marks were made by fill alone because this Excel has neither
 * notes (ExcelApi 1.18) nor comments (ExcelApi 1.10) to say what each issue is.
 */
export function marksAsFillsMessage(count: number): Message {
  return {
    vi: `Phiên bản Excel này không hỗ trợ ghi chú (note, cần ExcelApi 1.18) hay chú thích (comment, cần ExcelApi 1.10), nên ${count === 1 ? "ô có vấn đề" : `${count} ô có vấn đề`} chỉ được tô màu, không có ghi chú nêu vấn đề. Xem nội dung vấn đề trong danh sách vấn đề của ngăn tác vụ, hoặc mở sổ làm việc trong Microsoft 365 hay Excel trên web để có ghi chú.`,
    en: `This version of Excel supports neither notes (ExcelApi 1.18) nor comments (ExcelApi 1.10), so ${count === 1 ? "the cell with an issue was" : `the ${count} cells with issues were`} marked by fill only, without a note saying what the issue is. The task pane's list of issues says what each one is; open the workbook in Microsoft 365 or Excel on the web to get the notes.`,
  };
}
