/**
 * Excel 365's threaded comments kept when the xlsx host writes a workbook. ExcelJS knows notes
 * only: it drops a sheet's threaded comments (xl/threadedComments/threadedCommentN.xml, related
 * from the sheet, their people in xl/persons/person.xml, related from the workbook), and writes
 * the note Excel keeps on each thread's cell for the versions without threads (author
 * "tc={thread id}", `xr:uid` the thread's id, text "[Threaded comment] … Comment: …") as a note of
 * "Author"'s, which Excel no longer takes for the thread's. In three steps:
 *   - reading (notesToRestore, from read.ts): a thread's cell has its note as the file has it, or,
 *     when the file has none there (not written by Excel), one made as Excel makes it, so that
 *     the thread's text is never lost, and whatever writes the workbook keeps it; a mark of the
 *     project's made as a thread (a run in an Excel without notes) reads as the mark's note, and
 *     goes or is replaced as such marks are (it is not carried as a thread, as the Excel host
 *     takes such threads away);
 *   - applying (settleThreads, from the host's apply): each thread of a sheet the run keeps goes
 *     to the cell its note is on once the plan is applied (its own cell on a form; on a sheet
 *     the run writes anew, where its note went with its unit), and that note is the thread's
 *     again. Excel lets a cell have a thread or a note, not both: an issue mark on a thread's
 *     cell keeps its fill, its note gives way to the thread, and a warning says so (as the Excel
 *     host marks such a cell by fill alone). A thread whose note cannot be followed is not
 *     carried, its text stays in that note, and a warning names its sheet and cell;
 *   - writing (carryThreadedComments, from the host's toBuffer): the threads carried go into the
 *     written file, each with its note linked to it as Excel links them (author "tc={id}",
 *     `shapeId="0"`, `xr:uid="{id}"`), and the people with them.
 * Pure (jszip only): runs in Node and in the browser.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import type { SheetMessage } from "../../core/i18n/text";
import { MARK_NOTE_PREFIX, markNoteParts, noteWithoutMark } from "../../core/plan/labels";
import {
  ContentTypes,
  NS_R,
  type Relationship,
  attr,
  escapeRegExp,
  escapeXml,
  isExternal,
  nextRelId,
  parseRels,
  relativeTarget,
  relsPathOf,
  resolveTarget,
  sheetParts,
  topLevelChildren,
  unescapeXml,
  writeRels,
} from "./ooxml";
import { type NoteToRestore, noteText, sheetNotes, storedNotes } from "./sheet-notes";

export const REL_THREADED_COMMENT = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment";
export const REL_PERSON = "http://schemas.microsoft.com/office/2017/10/relationships/person";
const REL_COMMENTS = `${NS_R}/comments`;
export const CT_THREADED_COMMENTS = "application/vnd.ms-excel.threadedcomments+xml";
export const CT_PERSONS = "application/vnd.ms-excel.person+xml";
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const NS_XR = "http://schemas.microsoft.com/office/spreadsheetml/2014/revision";

// ---------------------------------------------------------------------------------------------
// The threads of a sheet

/** A comment of a threaded comments part: the first of a thread (no parent), or a reply. */
interface Entry {
  id: string | undefined;
  parentId: string | undefined;
  cell: string;
  text: string;
}

const ENTRY = /<(\w+:)?threadedComment\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1threadedComment>)/g;

function entriesOf(xml: string): Entry[] {
  const out: Entry[] = [];
  for (const m of xml.matchAll(ENTRY)) {
    const attrs = m[2]!;
    const cell = attr(attrs, "ref")?.replace(/\$/g, "").toUpperCase();
    if (cell === undefined) continue;
    const text = /<(\w+:)?text\b[^>]*>([\s\S]*?)<\/\1text>/.exec(m[3] ?? "")?.[2] ?? "";
    out.push({ id: attr(attrs, "id"), parentId: attr(attrs, "parentId"), cell, text: unescapeXml(text) });
  }
  return out;
}

/** A threaded comment: its cell, its id, its first comment's text and its replies' texts, in order. */
export interface Thread {
  id: string;
  cell: string;
  text: string;
  replies: string[];
}

/** The threads of a sheet's threaded comments parts: the first one on each cell (Excel puts one on a cell). */
export function threadsIn(parts: readonly string[]): Thread[] {
  const entries = parts.flatMap(entriesOf);
  const threads: Thread[] = [];
  const cells = new Set<string>();
  for (const e of entries) {
    if (e.parentId !== undefined || e.id === undefined || cells.has(e.cell)) continue;
    cells.add(e.cell);
    threads.push({ id: e.id, cell: e.cell, text: e.text, replies: [] });
  }
  const byId = new Map(threads.map((t) => [t.id.toUpperCase(), t]));
  for (const e of entries) if (e.parentId !== undefined) byId.get(e.parentId.toUpperCase())?.replies.push(e.text);
  return threads;
}

/**
 * Whether a thread is an issue mark of the project's (a run in an Excel without notes marks with
 * threads): the mark's text alone, nobody's reply nor words in it.
 */
export function isMarkThread(thread: Thread): boolean {
  return thread.replies.length === 0 && thread.text.startsWith(MARK_NOTE_PREFIX) && markNoteParts(thread.text) !== undefined && noteWithoutMark(thread.text) === "";
}

/**
 * The note made for a thread whose cell has none in the file (Excel always writes one; not every
 * program does): laid out as Excel lays it out ("[Threaded comment]", then each comment after
 * "Comment:" or "Reply:"), its words about it in both languages.
 */
export function placeholderText(thread: Thread): string {
  return [
    "[Threaded comment]",
    "",
    "Chú thích dạng hội thoại (threaded comment) của Excel 365: phiên bản này đọc được, nhưng những gì sửa ở đây sẽ mất khi mở tệp bằng Excel 365.",
    "An Excel 365 threaded comment: this version can read it, but edits made here are lost when the file is opened in Excel 365.",
    "",
    "Comment:",
    `    ${thread.text}`,
    ...thread.replies.flatMap((r) => ["Reply:", `    ${r}`]),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Reading: the notes of a sheet as the file has them

/**
 * The notes of the sheet whose part is `sheetPath` that the model should have (restoreNotes), by
 * cell: every note of its comments part with text (ExcelJS reads a plain `<t>` as an empty note,
 * and drops a note on a cell its data does not list), and on each thread's cell the note Excel
 * keeps there, one made for it when the file has none, or, for a mark of the project's made as a
 * thread, the mark's text. `read` gives a part's text (undefined when the package has none).
 */
export async function notesToRestore(sheetPath: string, read: (path: string) => Promise<string | undefined>): Promise<Map<string, NoteToRestore>> {
  const out = new Map<string, NoteToRestore>();
  const relsXml = await read(relsPathOf(sheetPath));
  if (relsXml === undefined) return out;
  const rels = parseRels(relsXml).filter((r) => !isExternal(r));
  const comments = rels.find((r) => r.type === REL_COMMENTS);
  const commentsXml = comments ? await read(resolveTarget(sheetPath, comments.target)) : undefined;
  for (const n of commentsXml === undefined ? [] : storedNotes(commentsXml)) if (n.text !== "" && !out.has(n.cell)) out.set(n.cell, { text: n.text });
  const parts: string[] = [];
  for (const r of rels.filter((x) => x.type === REL_THREADED_COMMENT)) parts.push((await read(resolveTarget(sheetPath, r.target))) ?? "");
  for (const t of threadsIn(parts)) {
    if (isMarkThread(t)) out.set(t.cell, { text: t.text, replace: true });
    else if (!out.has(t.cell)) out.set(t.cell, { text: placeholderText(t), replace: true });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The threads of the file read

/** A thread of the file read, with the note of its cell. */
interface OriginalThread extends Thread {
  /** The text of its cell's note (or of the one made for it): what the model's note of that cell reads. */
  note: string;
  /** That note's `<text>…</text>` as the file has it, when it can be copied as it is. */
  body?: string;
  /** A mark of the project's made as a thread: a note now, not carried. */
  mark: boolean;
}

interface PartText {
  xml: string;
  contentType: string;
}

/** What the file read holds of threaded comments: each sheet's, and the people who wrote them. */
export interface OriginalThreads {
  persons: PartText | undefined;
  sheets: { name: string; parts: PartText[]; threads: OriginalThread[] }[];
}

/** Whether the bytes of a package name a threaded comments part (part names are stored as they are). */
function namesThreadedComments(bytes: Uint8Array): boolean {
  const word = new TextEncoder().encode("threadedComment");
  for (let i = bytes.indexOf(word[0]!); i >= 0 && i <= bytes.length - word.length; i = bytes.indexOf(word[0]!, i + 1)) {
    let j = 1;
    while (j < word.length && bytes[i + j] === word[j]) j++;
    if (j === word.length) return true;
  }
  return false;
}

/** The threaded comments of the file read, by sheet; undefined when it has none (most files: told from the part names, unread). */
export async function readThreads(original: Uint8Array): Promise<OriginalThreads | undefined> {
  if (!namesThreadedComments(original)) return undefined;
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(original);
  } catch {
    return undefined;
  }
  const read = async (path: string) => zip.file(path)?.async("string");
  const types = new ContentTypes((await read("[Content_Types].xml")) ?? "");
  const workbookPath = "xl/workbook.xml";
  const workbookRels = parseRels((await read(relsPathOf(workbookPath))) ?? "").filter((r) => !isExternal(r));
  const sheets: OriginalThreads["sheets"] = [];
  for (const [name, path] of sheetParts((await read(workbookPath)) ?? "", workbookRels, workbookPath)) {
    const rels = parseRels((await read(relsPathOf(path))) ?? "").filter((r) => !isExternal(r));
    const parts: PartText[] = [];
    for (const r of rels.filter((x) => x.type === REL_THREADED_COMMENT)) {
      const partPath = resolveTarget(path, r.target);
      const xml = await read(partPath);
      if (xml !== undefined) parts.push({ xml, contentType: types.overrideOf(partPath) ?? CT_THREADED_COMMENTS });
    }
    if (parts.length === 0) continue;
    const comments = rels.find((r) => r.type === REL_COMMENTS);
    const commentsXml = comments ? ((await read(resolveTarget(path, comments.target))) ?? "") : "";
    // The note's body is copied as it is when its elements are SpreadsheetML's without a prefix.
    const plainRoot = new RegExp(`^<(?:comments)\\b[^>]*\\sxmlns="${escapeRegExp(NS_MAIN)}"`).test(commentsXml.slice(Math.max(0, topLevelChildren(commentsXml).rootStart)));
    const notes = new Map(storedNotes(commentsXml).map((n) => [n.cell, n]));
    const threads = threadsIn(parts.map((p) => p.xml)).map((t): OriginalThread => {
      const mark = isMarkThread(t);
      const note = notes.get(t.cell);
      if (note === undefined || note.text === "") return { ...t, note: mark ? t.text : placeholderText(t), mark };
      return { ...t, note: mark ? t.text : note.text, ...(plainRoot && !/<\w+:/.test(note.body) ? { body: note.body } : {}), mark };
    });
    sheets.push({ name, parts, threads });
  }
  if (sheets.length === 0) return undefined;
  const personsRel = workbookRels.find((r) => r.type === REL_PERSON);
  const personsPath = personsRel ? resolveTarget(workbookPath, personsRel.target) : undefined;
  const personsXml = personsPath ? await read(personsPath) : undefined;
  return { persons: personsXml !== undefined ? { xml: personsXml, contentType: types.overrideOf(personsPath!) ?? CT_PERSONS } : undefined, sheets };
}

// ---------------------------------------------------------------------------------------------
// Applying: where each thread goes

/** The threads to write into a sheet of the written file, and their notes. */
interface SheetThreadsToCarry {
  name: string;
  /** The threaded comments parts, with the threads carried only, at their cells. */
  parts: PartText[];
  /** Each thread's note: its cell, the thread's id and the `<text>` to write. */
  notes: { cell: string; id: string; body: string }[];
}

export interface ThreadsToCarry {
  persons: PartText | undefined;
  sheets: SheetThreadsToCarry[];
}

/** What the run did, as settleThreads needs it. */
export interface AppliedRun {
  /** Sheets the plan removed: nothing of theirs is carried. */
  removedSheets: readonly string[];
  renamedSheets: readonly { from: string; to: string }[];
  /** Sheets the plan wrote anew: their cells may have moved (the results table sorted again). */
  ownedSheets: readonly string[];
  /** The cells the plan marked. */
  marks: readonly { sheet: string; cell: string }[];
  /** Forms the run left unwritten (a password protects them): their marks were not put. */
  skippedSheets: readonly string[];
}

/** At most this many cells are named in a message; the rest are counted. */
const CELLS_NAMED = 10;

function cellList(cells: readonly string[], lang: "vi" | "en"): string {
  const more = cells.length - CELLS_NAMED;
  const named = cells.slice(0, CELLS_NAMED).join(", ");
  if (more <= 0) return named;
  return lang === "vi" ? `${named} và ${more} ô khác` : `${named} and ${more} more`;
}

/** The warning that issue marks on cells with a threaded comment are fills alone: the thread keeps the cell. */
export function markedThreadsMessage(sheet: string, cells: readonly string[]): SheetMessage {
  const one = cells.length === 1;
  return {
    sheet,
    vi: `Trang tính '${sheet}': ${one ? "ô" : "các ô"} ${cellList(cells, "vi")} có chú thích dạng hội thoại (threaded comment), mà Excel không cho một ô có cả chú thích lẫn ghi chú (note), nên vấn đề ở ${one ? "ô này" : "các ô này"} chỉ được đánh dấu bằng màu tô, không kèm ghi chú; chú thích vẫn giữ nguyên. Nội dung vấn đề có trong danh sách vấn đề của lần chấm này.`,
    en: `On the sheet '${sheet}', ${one ? "cell" : "cells"} ${cellList(cells, "en")} ${one ? "has" : "have"} a threaded comment, and Excel does not let a cell have both a comment and a note, so the issue there is marked by fill only, without a note; the comment is kept as it was. The issue is in this run's list of issues.`,
  };
}

/** A thread not carried: its cell in the file read, and the cells whose notes keep its text now (none: the note went too). */
export interface UncarriedThread {
  cell: string;
  keptIn: string[];
  words: string;
}

/** The warning that threaded comments of a sheet the run writes anew are kept as notes, not as conversations. */
export function uncarriedThreadsMessage(sheet: string, threads: readonly UncarriedThread[]): SheetMessage {
  const one = threads.length === 1;
  const item = (t: UncarriedThread, lang: "vi" | "en") => {
    if (lang === "vi")
      return t.keptIn.length > 0 ? `ô ${t.cell} (nội dung còn trong ghi chú ở ô ${t.keptIn.join(", ")})` : `ô ${t.cell} (nội dung: ${t.words})`;
    return t.keptIn.length > 0 ? `cell ${t.cell} (its text stays in the note on cell ${t.keptIn.join(", ")})` : `cell ${t.cell} (its text: ${t.words})`;
  };
  return {
    sheet,
    vi: `${one ? "Chú thích dạng hội thoại (threaded comment)" : `${threads.length} chú thích dạng hội thoại (threaded comment)`} trên trang '${sheet}' không còn là hội thoại sau khi chấm lại, vì trang này được ghi lại mỗi lần chấm và không lần được ô mới của ${one ? "nó" : "chúng"}: ${threads.map((t) => item(t, "vi")).join("; ")}. Hãy thêm lại chú thích nếu cần.`,
    en: `${one ? "A threaded comment" : `${threads.length} threaded comments`} on the sheet '${sheet}' ${one ? "is" : "are"} no longer a conversation after this run, as the sheet is written anew by every run and ${one ? "its new cell" : "their new cells"} could not be told: ${threads.map((t) => item(t, "en")).join("; ")}. Add ${one ? "it" : "them"} again if you still need ${one ? "it" : "them"}.`,
  };
}

/** The cell's note made `text`, keeping the look of the note it had. */
function setNoteText(cell: ExcelJS.Cell, text: string): void {
  const note = cell.note as string | ExcelJS.Comment | undefined;
  if (noteText(note) === text) return;
  cell.note = note !== undefined && note !== null && typeof note === "object" ? { ...note, texts: [{ text }] } : text;
}

/** A thread in a warning: each of its comments in quotes. */
function threadWords(t: Thread): string {
  return [t.text, ...t.replies].map((x) => `"${x.replace(/\s+/g, " ").trim()}"`).join(" / ");
}

/**
 * Where each thread of the file read goes once the plan is applied to `wb`, its note made the
 * thread's on the model (the file written has it, linked to the thread by carryThreadedComments),
 * and what the user should be told: marks that gave way to a thread, threads not carried.
 */
export function settleThreads(wb: ExcelJS.Workbook, original: OriginalThreads, run: AppliedRun): { carry: ThreadsToCarry | undefined; warnings: SheetMessage[] } {
  const lower = (names: readonly string[]) => new Set(names.map((n) => n.toLowerCase()));
  const removed = lower(run.removedSheets);
  const owned = lower(run.ownedSheets);
  const skipped = lower(run.skippedSheets);
  const marked = new Set(run.marks.filter((m) => !skipped.has(m.sheet.toLowerCase())).map((m) => `${m.sheet.toLowerCase()}!${m.cell.replace(/\$/g, "").toUpperCase()}`));
  const warnings: SheetMessage[] = [];
  const sheets: SheetThreadsToCarry[] = [];
  for (const sheet of original.sheets) {
    if (removed.has(sheet.name.toLowerCase())) continue;
    const name = run.renamedSheets.find((r) => r.from.toLowerCase() === sheet.name.toLowerCase())?.to ?? sheet.name;
    const ws = wb.worksheets.find((w) => w.name.toLowerCase() === name.toLowerCase());
    if (!ws) continue;
    const writtenAnew = owned.has(ws.name.toLowerCase());
    const notes = writtenAnew ? sheetNotes(ws) : [];
    const carried = new Map<string, OriginalThread & { to: string }>();
    const used = new Set<string>();
    const gaveWay: string[] = [];
    const uncarried: UncarriedThread[] = [];
    for (const t of sheet.threads) {
      if (t.mark) continue;
      let to: string | undefined = t.cell;
      if (writtenAnew) {
        // The note went with its unit (or stayed): the thread goes where it is now.
        const holders = notes.filter((n) => n.text === t.note).map((n) => n.cell);
        to = holders.includes(t.cell) ? t.cell : holders.length === 1 ? holders[0] : undefined;
        if (to === undefined || used.has(to)) {
          uncarried.push({ cell: t.cell, keptIn: holders, words: threadWords(t) });
          continue;
        }
      } else {
        // A form is written in place: the thread keeps its cell, and its note is the thread's
        // again where the run marked the cell (the mark keeps its fill) or took a mark from it.
        if (marked.has(`${ws.name.toLowerCase()}!${t.cell}`)) gaveWay.push(t.cell);
        setNoteText(ws.getCell(t.cell), t.note);
      }
      used.add(to);
      carried.set(t.id.toUpperCase(), { ...t, to });
    }
    if (gaveWay.length > 0) warnings.push(markedThreadsMessage(ws.name, gaveWay));
    if (uncarried.length > 0) warnings.push(uncarriedThreadsMessage(ws.name, uncarried));
    if (carried.size === 0) continue;
    const parts = sheet.parts
      .map((p) => ({ ...p, xml: threadsAt(p.xml, carried) }))
      .filter((p) => ENTRY_TEST.test(p.xml));
    if (parts.length === 0) continue;
    sheets.push({ name: ws.name, parts, notes: [...carried.values()].map((t) => ({ cell: t.to, id: t.id, body: t.body ?? noteBody(t.note) })) });
  }
  return { carry: sheets.length > 0 ? { persons: original.persons, sheets } : undefined, warnings };
}

const ENTRY_TEST = /<(?:\w+:)?threadedComment\b/;

/**
 * A threaded comments part with the comments of the threads carried only (each thread's first
 * comment and its replies), at the cells they go to.
 */
function threadsAt(xml: string, carried: ReadonlyMap<string, { to: string; cell: string }>): string {
  const firsts = new Set<string>();
  return xml.replace(ENTRY, (whole, _prefix: string | undefined, attrs: string) => {
    const id = attr(attrs, "id")?.toUpperCase();
    const parent = attr(attrs, "parentId")?.toUpperCase();
    const thread = carried.get(parent ?? id ?? "");
    if (!thread) return "";
    // One thread on a cell: another first comment there is not carried (threadsIn took the first).
    if (parent === undefined) {
      if (firsts.has(thread.to) || id === undefined) return "";
      firsts.add(thread.to);
    }
    if (thread.to === thread.cell) return whole;
    return whole.replace(/^(<[^>]*?\sref=")[^"]*"/, `$1${thread.to}"`);
  });
}

/** `_xHHHH_` written for what XML cannot carry in a note's text (a carriage return, a control character), as Excel writes it. */
function escapeNoteText(text: string): string {
  const encoded = text
    .replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeXml(encoded);
}

/** A note's `<text>` holding `text` as one plain `<t>`, as Excel writes a thread's note. */
function noteBody(text: string): string {
  return `<text><t xml:space="preserve">${escapeNoteText(text)}</t></text>`;
}

// ---------------------------------------------------------------------------------------------
// Writing: the threads into the file written

/** A part name like `path` that the package does not use: the same when free, else its stem with the next number. */
function freeName(zip: JSZip, path: string): string {
  const taken = new Set(Object.keys(zip.files).map((p) => p.toLowerCase()));
  if (!taken.has(path.toLowerCase())) return path;
  const m = /^(.*?)(\d*)(\.[^./]*)$/.exec(path);
  const stem = m?.[1] ?? path;
  const ext = m?.[3] ?? "";
  let n = Number(m?.[2] || 1);
  while (taken.has(`${stem}${n}${ext}`.toLowerCase())) n++;
  return `${stem}${n}${ext}`;
}

/** A root tag with an attribute added last. */
function withAttribute(root: string, attribute: string): string {
  return root.replace(/\s*(\/?>)$/, ` ${attribute}$1`);
}

/** The prefix the root declares for `ns`, else the root with one declared (`wanted`, or the next free `wantedN`). */
function declare(root: string, ns: string, wanted: string): { root: string; prefix: string } {
  const declared = new RegExp(`\\sxmlns:([\\w.-]+)="${escapeRegExp(ns)}"`).exec(root)?.[1];
  if (declared !== undefined) return { root, prefix: declared };
  let prefix = wanted;
  for (let n = 2; new RegExp(`\\sxmlns:${escapeRegExp(prefix)}="`).test(root); n++) prefix = `${wanted}${n}`;
  return { root: withAttribute(root, `xmlns:${prefix}="${ns}"`), prefix };
}

/** A comments part whose root declares the revision namespace, ignorable (as Excel writes it for `xr:uid`); its prefix. */
function withRevisionNamespace(xml: string): { xml: string; xr: string } {
  const { rootStart, rootEnd } = topLevelChildren(xml);
  if (rootStart < 0) return { xml, xr: "xr" };
  const mc = declare(xml.slice(rootStart, rootEnd + 1), NS_MC, "mc");
  const xr = declare(mc.root, NS_XR, "xr");
  let root = xr.root;
  const ignorable = new RegExp(`\\s${escapeRegExp(mc.prefix)}:Ignorable="([^"]*)"`).exec(root);
  if (!ignorable) root = withAttribute(root, `${mc.prefix}:Ignorable="${xr.prefix}"`);
  else if (!ignorable[1]!.split(/\s+/).includes(xr.prefix)) root = root.replace(ignorable[0], ` ${mc.prefix}:Ignorable="${`${ignorable[1]} ${xr.prefix}`.trim()}"`);
  return { xml: xml.slice(0, rootStart) + root + xml.slice(rootEnd + 1), xr: xr.prefix };
}

/**
 * The notes of `notes` in a written comments part linked to their threads as Excel links them:
 * each an author "tc={id}" of its own, `shapeId="0"` and `xr:uid="{id}"`, its text the thread's
 * note. The notes not found in the part (none on that cell) are given back.
 */
function linkNotes(xml: string, notes: SheetThreadsToCarry["notes"]): { xml: string; missing: Set<string> } {
  const byCell = new Map(notes.map((n) => [n.cell, n]));
  const found = new Set<string>();
  const { xml: declared, xr } = withRevisionNamespace(xml);
  const authorsMatch = /<(\w+:)?authors\b[^>]*?(?:\/>|>([\s\S]*?)<\/\1authors>)/.exec(declared);
  const p = authorsMatch?.[1] ?? "";
  let count = [...(authorsMatch?.[2] ?? "").matchAll(/<(?:\w+:)?author\b/g)].length;
  const added: string[] = [];
  let out = declared.replace(/<(\w+:)?comment\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1comment>)/g, (whole, prefix: string | undefined, attrs: string) => {
    const cell = attr(attrs, "ref")?.replace(/\$/g, "").toUpperCase();
    const note = cell === undefined ? undefined : byCell.get(cell);
    if (!note || found.has(note.cell)) return whole;
    found.add(note.cell);
    added.push(`<${p}author>${escapeXml(`tc=${note.id}`)}</${p}author>`);
    const q = prefix ?? "";
    return `<${q}comment ref="${note.cell}" authorId="${count++}" shapeId="0" ${xr}:uid="${escapeXml(note.id)}">${note.body}</${q}comment>`;
  });
  if (added.length > 0) {
    if (authorsMatch) {
      const whole = authorsMatch[0];
      const filled = whole.endsWith("/>") ? `${whole.slice(0, -2)}>${added.join("")}</${p}authors>` : whole.replace(new RegExp(`</${escapeRegExp(p)}authors>$`), `${added.join("")}</${p}authors>`);
      out = out.replace(whole, () => filled);
    } else {
      out = out.replace(/(<(\w+:)?commentList\b)/, (m) => `<authors>${added.join("")}</authors>${m}`);
    }
  }
  return { xml: out, missing: new Set(notes.filter((n) => !found.has(n.cell)).map((n) => n.id.toUpperCase())) };
}

/**
 * The written file with the threads of `carry` in it: each sheet's threaded comments part,
 * related from the sheet, its notes linked to the threads (linkNotes), the people part related
 * from the workbook, and their content types. A thread whose cell has no note in the written
 * file (there should be one: settleThreads saw to it) is left out, its note's text staying where
 * it is. Unchanged bytes when nothing is carried.
 */
export async function carryThreadedComments(written: Uint8Array, carry: ThreadsToCarry | undefined): Promise<Uint8Array> {
  if (!carry || carry.sheets.length === 0) return written;
  const zip = await JSZip.loadAsync(written);
  const read = async (path: string) => zip.file(path)?.async("string");
  const types = new ContentTypes((await read("[Content_Types].xml")) ?? "");
  const workbookPath = "xl/workbook.xml";
  const workbookRels = parseRels((await read(relsPathOf(workbookPath))) ?? "");
  const sheets = sheetParts((await read(workbookPath)) ?? "", workbookRels, workbookPath);
  let changed = false;
  for (const sheet of carry.sheets) {
    const path = [...sheets].find(([name]) => name.toLowerCase() === sheet.name.toLowerCase())?.[1];
    if (path === undefined) continue;
    const rels: Relationship[] = parseRels((await read(relsPathOf(path))) ?? "");
    // A sheet another step gave threads already keeps those.
    if (rels.some((r) => r.type === REL_THREADED_COMMENT)) continue;
    const commentsRel = rels.find((r) => r.type === REL_COMMENTS && !isExternal(r));
    const commentsPath = commentsRel ? resolveTarget(path, commentsRel.target) : undefined;
    const commentsXml = commentsPath ? await read(commentsPath) : undefined;
    if (commentsPath === undefined || commentsXml === undefined) continue;
    const { xml: linked, missing } = linkNotes(commentsXml, sheet.notes);
    const parts = missing.size === 0 ? sheet.parts : sheet.parts.map((p) => ({ ...p, xml: withoutThreads(p.xml, missing) })).filter((p) => ENTRY_TEST.test(p.xml));
    if (parts.length === 0) continue;
    zip.file(commentsPath, linked);
    const used = new Set(rels.map((r) => r.id));
    for (const part of parts) {
      const partPath = freeName(zip, "xl/threadedComments/threadedComment1.xml");
      zip.file(partPath, part.xml);
      types.setOverride(partPath, part.contentType);
      const id = nextRelId(used);
      used.add(id);
      rels.push({ id, type: REL_THREADED_COMMENT, target: relativeTarget(path, partPath), extra: "" });
    }
    zip.file(relsPathOf(path), writeRels(rels));
    changed = true;
  }
  if (!changed) return written;
  if (carry.persons && !workbookRels.some((r) => r.type === REL_PERSON)) {
    const personsPath = freeName(zip, "xl/persons/person.xml");
    zip.file(personsPath, carry.persons.xml);
    types.setOverride(personsPath, carry.persons.contentType);
    workbookRels.push({ id: nextRelId(new Set(workbookRels.map((r) => r.id))), type: REL_PERSON, target: relativeTarget(workbookPath, personsPath), extra: "" });
    zip.file(relsPathOf(workbookPath), writeRels(workbookRels));
  }
  zip.file("[Content_Types].xml", types.xml);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** A threaded comments part without the threads of `ids` (their first comments and replies). */
function withoutThreads(xml: string, ids: ReadonlySet<string>): string {
  return xml.replace(ENTRY, (whole, _prefix: string | undefined, attrs: string) => {
    const id = (attr(attrs, "parentId") ?? attr(attrs, "id"))?.toUpperCase();
    return id !== undefined && ids.has(id) ? "" : whole;
  });
}
