/** Collecting units' sheets from other .xlsx files into the open workbook (ExcelApi 1.13). */
import { type CollectSkip, type CollectTake, type ExistingForm, detectLayoutA, formsToReadWhole, isBlankForm, planCollect, unreadableFileSkip } from "../../core/collect";
import { type IncomingSheetClean, incomingCleaner, incomingNotCleanedMessage, protectedIncomingMessage } from "../../core/collect-clean";
import type { IndexModel } from "../../core/definition/model";
import { markNoteParts, noteWithoutMark } from "../../core/plan/labels";
import type { Message } from "../../core/i18n/text";
import type { SheetSnapshot } from "../../core/types";
import { excelColor, quoteSheet } from "./address";
import { COMMAND_OVERHEAD, jsonBytes, opBytes, REQUEST_BUDGET, RequestPacker, RESPONSE_BUDGET, type SheetGuard, tooLarge, tracesOf, utf8Length } from "./payload";
import { forgetAll, forgetSheet, sheetOf } from "./proxies";
import { commentIsOurs } from "./marks";
import { readWorkbook } from "./read";
import { attr, ContentTypes, escapeXml, parseRels, REL_DRAWING, relsPathOf, resolveTarget, sheetParts, unescapeXml, writeRels } from "../xlsx/ooxml";
import { sheetNotes } from "../xlsx/sheet-notes";

export interface CollectReport {
  /** `replaces`: the unit's blank form this filled one took the place of (and the name of). */
  inserted: { file: string; sheet: string; as: string; replaces?: string }[];
  skipped: CollectSkip[];
  /** What the user should know about what came in (forms of different indices or versions). */
  warnings: Message[];
  /** Why nothing could be inserted (an Excel too old for it, the workbook's structure protected); a file that is not a workbook is in `skipped`. */
  message?: Message;
}

export { COLLECT_NEEDS_1_13 } from "./collect-needs";

export const COLLECT_STRUCTURE_PROTECTED: Message = {
  vi: "Sổ làm việc đang được bảo vệ cấu trúc (Xem lại > Bảo vệ sổ làm việc), nên không thể chèn thêm trang. Không có trang nào được chèn; hãy bỏ bảo vệ sổ làm việc rồi tổng hợp phiếu lại.",
  en: "The workbook's structure is protected (Review > Protect Workbook), so no sheet can be added. Nothing was inserted; unprotect the workbook and collect the forms again.",
};

/**
 * What one insert's request carries besides the file: the workbook's path, the call, its options
 * ({"sheetNamesToInsert":[…],"positionType":"End"}) without the names, the request's frame.
 */
const INSERT_OVERHEAD = opBytes(1, 1, { sheetNamesToInsert: [], positionType: "End" }) + COMMAND_OVERHEAD + 1024;
/** Room left in the request for the names of the sheets inserted (hundreds of forms' names). */
const INSERT_NAMES_ROOM = 64 * 1024;
/**
 * The largest file (as base64) one insert can carry: a file goes whole in one call, and that
 * request stays under the host's budget (REQUEST_BUDGET) with the call and the sheets' names
 * around it. About 3 MB of .xlsx.
 */
export const MAX_INSERT_BASE64 = REQUEST_BUDGET - INSERT_OVERHEAD - INSERT_NAMES_ROOM;

/** The estimated request of one insert: the file (a JSON string) with the names of the sheets it inserts. */
export function insertBytes(base64Length: number, sheetNames: string[]): number {
  return INSERT_OVERHEAD + base64Length + 2 + jsonBytes(sheetNames);
}

/** The largest file (as base64) whose insert of these sheets fits in one request. */
function mostBase64(sheetNames: string[]): number {
  return Math.min(MAX_INSERT_BASE64, REQUEST_BUDGET - insertBytes(0, sheetNames));
}

function megabytes(n: number): string {
  return (n / (1024 * 1024)).toFixed(1);
}

/** What the user is told about a file too large to insert through Excel. */
export function fileTooLargeMessage(file: string, base64Length: number, mostBase64Length = MAX_INSERT_BASE64): Message {
  const size = megabytes((base64Length * 3) / 4);
  const most = megabytes((mostBase64Length * 3) / 4);
  return {
    vi: `Tệp "${file}" quá lớn để chèn qua Excel (${size.replace(".", ",")} MB; tối đa khoảng ${most.replace(".", ",")} MB) nên chưa được chèn. Hãy tổng hợp tệp này bằng lệnh dti-scorer collect hoặc sao chép trang thủ công; các tệp khác vẫn được chèn.`,
    en: `The file "${file}" is too large to insert through Excel (${size} MB; about ${most} MB at most), so it was not inserted. Collect it with the dti-scorer collect command or copy its sheets by hand; the other files were still inserted.`,
  };
}

/**
 * Excel on the web refusing a file whose sheets carry what it cannot insert: "In Excel on the web,
 * this API doesn't support inserting charts, comments, PivotTables, or slicers" (the reference),
 * said as UnsupportedFeature, "The operation failed because the source contains one or more
 * unsupported features. Features currently unsupported on this platform are Comment, Slicer,
 * Chart, and PivotTable." (OfficeDev/office-js#4518). Forms this project marked carry notes.
 */
export function refusedOnWeb(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === "UnsupportedFeature" || (typeof e?.message === "string" && /unsupported features/i.test(e.message) && /\b(Comment|Chart|PivotTable|Slicer)\b/.test(e.message));
}

/** What the user is told about a file whose insert Excel refused. */
export function insertFailedMessage(file: string, error: unknown): Message {
  const said = (error as { message?: string } | null)?.message ?? String(error);
  if (refusedOnWeb(error)) {
    return {
      vi: `Excel trên web không chèn được tệp "${file}": Excel trên web không chèn được trang tính có ghi chú hay chú thích (note, comment), biểu đồ, PivotTable hoặc slicer (Excel báo: ${said}). Các trang của tệp này chưa được chèn; các tệp khác vẫn được chèn. Để tổng hợp tệp này: mở sổ làm việc bằng Excel trên máy tính (Windows hoặc Mac) rồi tổng hợp lại; hoặc xóa các ghi chú (và biểu đồ) trong tệp "${file}" rồi tổng hợp lại; hoặc tổng hợp bằng lệnh dti-scorer collect hay bằng ngăn tác vụ mở trên trình duyệt, ngoài Excel.`,
      en: `Excel on the web could not insert the file "${file}": Excel on the web cannot insert sheets that carry notes or comments, charts, PivotTables or slicers (Excel said: ${said}). Its sheets were not inserted; the other files were still inserted. To collect it: open the workbook in Excel for desktop (Windows or Mac) and collect again; or delete the notes (and charts) in "${file}" and collect it again; or collect it with the dti-scorer collect command or with the pane opened in a browser, outside Excel.`,
    };
  }
  return {
    vi: `Excel không chèn được tệp "${file}" (Excel báo: ${said}) nên các trang của tệp này chưa được chèn; các tệp khác vẫn được chèn.`,
    en: `Excel could not insert the file "${file}" (Excel said: ${said}), so its sheets were not inserted; the other files were still inserted.`,
  };
}

function bytesOf(base64: string): Uint8Array {
  if (typeof Buffer !== "undefined") return Buffer.from(base64, "base64");
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function base64Of(bytes: Uint8Array): string {
  if (typeof Buffer !== "undefined") return Buffer.from(bytes).toString("base64");
  let bin = "";
  // In slices: String.fromCharCode(...bytes) of a whole file would overflow the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** A sheet's relationships to what Excel on the web cannot insert: notes, threaded comments, PivotTables, slicers (a chart is in the sheet's drawing). */
const WEB_UNSUPPORTED_REL = /\/(comments|threadedComment|pivotTable|slicer)$/;
const CHART_REL = /\/chart(Ex)?$/;

/** A sheet's protection with a password: Excel's hash of it, or LibreOffice's legacy `password`. */
const PASSWORD_PROTECTION = /<(?:\w+:)?sheetProtection\b[^>]*\b(?:password|hashValue)\s*=\s*"[^"]/;

const REL_COMMENTS = /\/comments$/;
const REL_VML = /\/vmlDrawing$/;
const REL_THREADED = /\/threadedComment$/;

/** The plain text of a note's <text> as Excel shows it: its runs' texts (not the phonetic runs'), `_xHHHH_` escapes read. */
function noteRunsText(body: string): string {
  const text = /<(?:\w+:)?text>([\s\S]*?)<\/(?:\w+:)?text>/.exec(body)?.[1] ?? "";
  return [...text.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "").matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)]
    .map((m) => unescapeXml(m[1]!).replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))))
    .join("");
}

/** "D34" → its 0-based row and column, as a note's VML shape names its cell (<x:Row>, <x:Column>). */
function rowColumn(ref: string): { row: number; col: number } | undefined {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/**
 * The file with the project's part taken out of the notes on the forms `clean` names (the user's
 * text around it stays, as the note; a note left empty goes, with its shape in the sheet's VML
 * drawing, and a sheet left without notes loses its notes part, its VML drawing when that holds
 * nothing else, and their relationships), before it is inserted: an Excel without notes
 * (ExcelApi 1.13 to 1.17) cannot edit them once inserted, and Excel on the web inserts a sheet
 * without notes. A mark made as a threaded comment (a scoring on Excel 2021 or 2024) goes too,
 * with the note Excel writes beside it, unless someone replied to it or wrote in it (it is then
 * a conversation, kept as it is). A form a password protects is left as it is (as the run leaves
 * it). Returns the new file (none when nothing changed), by sheet the cells whose note was dealt
 * with, and the cells with a threaded comment (their note is Excel's copy of the thread, not a
 * note to clean); on a package it cannot read so, nothing.
 */
async function withoutMarkNotes(bytes: Uint8Array, clean: ReadonlyMap<string, IncomingSheetClean>): Promise<{ bytes?: Uint8Array; done: Map<string, Set<string>>; threaded: Map<string, Set<string>> }> {
  const done = new Map<string, Set<string>>();
  const threadedBySheet = new Map<string, Set<string>>();
  if (clean.size === 0) return { done, threaded: threadedBySheet };
  try {
    const { default: JSZip } = await import("jszip");
    const zip = await JSZip.loadAsync(bytes);
    const read = async (path: string) => (await zip.file(path)?.async("string")) ?? "";
    const types = new ContentTypes(await read("[Content_Types].xml"));
    let changed = false;
    for (const [name, path] of sheetParts(await read("xl/workbook.xml"), parseRels(await read(relsPathOf("xl/workbook.xml"))), "xl/workbook.xml")) {
      // The forms whose file's scoring is taken off (the notes ExcelJS reads are not all there are:
      // none on a cell the sheet's data leaves out, Excel's copy of a thread in a shape of its own).
      if (!clean.has(name)) continue;
      let sheetXml = await read(path);
      if (PASSWORD_PROTECTION.test(sheetXml)) continue;
      const relsPath = relsPathOf(path);
      let rels = parseRels(await read(relsPath));
      const commentsRel = rels.find((r) => REL_COMMENTS.test(r.type));
      if (!commentsRel) continue;
      const commentsPath = resolveTarget(path, commentsRel.target);
      // The threads: each one's first comment by cell, with its text and how many replied to it.
      const THREADED = /<(\w+:)?threadedComment\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1threadedComment>)/g;
      const threadParts: { rel: (typeof rels)[number]; path: string; xml: string }[] = [];
      const threads = new Map<string, { id?: string; text: string; replies: number }>();
      const replies = new Map<string, number>();
      for (const rel of rels.filter((x) => REL_THREADED.test(x.type))) {
        const part = { rel, path: resolveTarget(path, rel.target), xml: "" };
        part.xml = await read(part.path);
        threadParts.push(part);
        for (const m of part.xml.matchAll(THREADED)) {
          const parent = attr(m[2]!, "parentId");
          if (parent !== undefined) replies.set(parent, (replies.get(parent) ?? 0) + 1);
          const ref = attr(m[2]!, "ref")?.replace(/\$/g, "").toUpperCase();
          if (parent !== undefined || !ref || threads.has(ref)) continue;
          const id = attr(m[2]!, "id");
          threads.set(ref, { ...(id !== undefined ? { id } : {}), text: unescapeXml(/<(?:\w+:)?text>([\s\S]*?)<\/(?:\w+:)?text>/.exec(m[3] ?? "")?.[1] ?? ""), replies: 0 });
        }
      }
      for (const t of threads.values()) t.replies = t.id !== undefined ? (replies.get(t.id) ?? 0) : 0;
      threadedBySheet.set(name, new Set(threads.keys()));
      const threadsGone = new Set<string>();
      const cells = new Set<string>();
      const removed: { row: number; col: number }[] = [];
      const comments = (await read(commentsPath)).replace(/<(\w+:)?comment\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1comment>)/g, (whole, prefix: string | undefined, attrs: string, body: string | undefined) => {
        const ref = attr(attrs, "ref")?.replace(/\$/g, "").toUpperCase();
        const at = ref ? rowColumn(ref) : undefined;
        if (!ref || !at) return whole;
        const thread = threads.get(ref);
        if (thread) {
          // A mark made as a threaded comment, nobody's words in it but the project's: the thread
          // and Excel's note beside it go.
          if (!commentIsOurs(thread.text, thread.replies) || noteWithoutMark(thread.text) !== "") return whole;
          threadsGone.add(ref);
          cells.add(ref);
          removed.push(at);
          return "";
        }
        const text = noteRunsText(body ?? "");
        if (markNoteParts(text) === undefined) return whole;
        cells.add(ref);
        const rest = noteWithoutMark(text);
        if (rest === "") {
          removed.push(at);
          return "";
        }
        const p = prefix ?? "";
        return `<${p}comment${attrs}><${p}text><${p}t xml:space="preserve">${escapeXml(rest)}</${p}t></${p}text></${p}comment>`;
      });
      if (cells.size === 0) continue;
      changed = true;
      done.set(name, cells);
      for (const part of threadParts) {
        if (threadsGone.size === 0) break;
        const xml = part.xml.replace(THREADED, (whole, _p: string | undefined, attrs: string) => {
          const ref = attr(attrs, "ref")?.replace(/\$/g, "").toUpperCase();
          return attr(attrs, "parentId") === undefined && ref !== undefined && threadsGone.has(ref) ? "" : whole;
        });
        if (/<(?:\w+:)?threadedComment\b/.test(xml)) zip.file(part.path, xml);
        else {
          zip.remove(part.path);
          types.removeOverride(part.path);
          rels = rels.filter((r) => r !== part.rel);
        }
      }
      const vmlRel = rels.find((r) => REL_VML.test(r.type));
      const vmlPath = vmlRel ? resolveTarget(path, vmlRel.target) : undefined;
      let vml = vmlPath ? await read(vmlPath) : "";
      if (vmlPath && removed.length > 0) {
        // The note's shape in the sheet's VML drawing: <x:ClientData ObjectType="Note"> naming its row and column.
        vml = vml.replace(/<(\w+:)?shape\b[\s\S]*?<\/\1shape>/g, (shape) => {
          if (!/ObjectType="Note"/.test(shape)) return shape;
          const row = Number(/<(?:\w+:)?Row>\s*(\d+)\s*</.exec(shape)?.[1]);
          const col = Number(/<(?:\w+:)?Column>\s*(\d+)\s*</.exec(shape)?.[1]);
          return removed.some((r) => r.row === row && r.col === col) ? "" : shape;
        });
      }
      if (/<(?:\w+:)?comment\b/.test(comments)) {
        zip.file(commentsPath, comments);
        if (vmlPath) zip.file(vmlPath, vml);
        zip.file(relsPath, writeRels(rels));
        continue;
      }
      // No note left on the sheet: its notes part goes, and its VML drawing when it holds no other shape.
      zip.remove(commentsPath);
      types.removeOverride(commentsPath);
      rels = rels.filter((r) => r !== commentsRel);
      if (vmlRel && vmlPath) {
        if (/<(?:\w+:)?shape\b/.test(vml)) zip.file(vmlPath, vml);
        else {
          zip.remove(vmlPath);
          types.removeOverride(vmlPath);
          rels = rels.filter((r) => r !== vmlRel);
          sheetXml = sheetXml.replace(/<(?:\w+:)?legacyDrawing\b([^>]*?)\/>/g, (el, attrs: string) => (/\s\w+:id="([^"]*)"/.exec(attrs)?.[1] === vmlRel.id ? "" : el));
          zip.file(path, sheetXml);
        }
      }
      zip.file(relsPath, writeRels(rels));
    }
    if (!changed) return { done, threaded: threadedBySheet };
    zip.file("[Content_Types].xml", types.xml);
    return { bytes: await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }), done, threaded: threadedBySheet };
  } catch {
    // Not read so: the file goes as it is, and the notes are dealt with once it is inserted.
    return { done: new Map(), threaded: new Map() };
  }
}

/**
 * From the file's parts: the sheets that carry what Excel on the web cannot insert (notes or
 * comments, charts, PivotTables, slicers), from their relationships, and which of the sheets
 * `askPasswords` names a password protects; none when the package cannot be read so.
 */
async function packageFacts(bytes: Uint8Array, askPasswords: ReadonlySet<string>): Promise<{ unsupportedOnWeb: Set<string>; passwords: Set<string> }> {
  const unsupportedOnWeb = new Set<string>();
  const passwords = new Set<string>();
  try {
    const { default: JSZip } = await import("jszip");
    const zip = await JSZip.loadAsync(bytes);
    const relsOf = async (part: string) => parseRels((await zip.file(relsPathOf(part))?.async("string")) ?? "");
    const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    for (const [name, path] of sheetParts(workbook, await relsOf("xl/workbook.xml"), "xl/workbook.xml")) {
      for (const rel of await relsOf(path)) {
        const chart = rel.type === REL_DRAWING && (await relsOf(resolveTarget(path, rel.target))).some((d) => CHART_REL.test(d.type));
        if (chart || WEB_UNSUPPORTED_REL.test(rel.type)) unsupportedOnWeb.add(name);
      }
      if (askPasswords.has(name) && PASSWORD_PROTECTION.test((await zip.file(path)?.async("string")) ?? "")) passwords.add(name);
    }
  } catch {
    // Not known: the file is sent, and Excel says.
  }
  return { unsupportedOnWeb, passwords };
}


/** What a file brings: its sheets, those Excel on the web cannot insert, and what its scoring left on each form (and which a password keeps so). */
interface IncomingFile {
  /** The file to insert when it is not the one given: the project's notes taken out of it (withoutMarkNotes). */
  base64?: string;
  sheets: SheetSnapshot[];
  unsupportedOnWeb: Set<string>;
  /** By sheet name: what the file's scoring left on the form (incomingSheetClean), to take off once it is inserted. */
  clean: Map<string, IncomingSheetClean>;
  /** The sheets of `clean` a password protects: left as they are. */
  passwords: Set<string>;
}

async function sheetsOf(file: { name: string; base64: string }): Promise<IncomingFile | null> {
  try {
    // ExcelJS is large and only this step needs it: loaded on demand, outside the pane's first scripts.
    const [{ default: ExcelJS }, { snapshotWorkbook }] = await Promise.all([
      import("exceljs"),
      import("../xlsx/read"),
    ]);
    const wb = new ExcelJS.Workbook();
    const bytes = bytesOf(file.base64);
    await wb.xlsx.load(bytes as never);
    // A zip without xl/workbook.xml (an .ods renamed .xlsx) loads as a workbook of no sheets: not a workbook.
    if (wb.worksheets.length === 0) return null;
    const sheets = snapshotWorkbook(wb, file.name).sheets;
    // What the file's scoring left on its forms (its `_index` read once), with the notes ExcelJS reads.
    const cleaner = incomingCleaner(sheets);
    const clean = new Map<string, IncomingSheetClean>();
    wb.worksheets.forEach((ws, i) => {
      const c = sheets[i] ? cleaner(sheets[i], sheetNotes(ws)) : undefined;
      if (c) clean.set(ws.name, c);
    });
    // The project's notes are taken out of the file before it goes in (an Excel without notes
    // cannot once it is in); a file rewritten larger than an insert carries goes as it was.
    const stripped = await withoutMarkNotes(bytes, clean);
    const base64 = stripped.bytes ? base64Of(stripped.bytes) : undefined;
    const rewritten = base64 !== undefined && insertBytes(base64.length, sheets.map((s) => s.name)) <= REQUEST_BUDGET && base64.length <= MAX_INSERT_BASE64;
    // A note dealt with in the file, or Excel's copy of a thread (no note once inserted), is not cleaned once inserted.
    for (const [sheet, c] of clean) {
      const handled = new Set([...(rewritten ? (stripped.done.get(sheet) ?? []) : []), ...(stripped.threaded.get(sheet) ?? [])]);
      if (handled.size > 0) clean.set(sheet, { ...c, marks: c.marks.map(({ note, ...m }) => (note !== undefined && !handled.has(m.cell) ? { ...m, note } : m)) });
    }
    const { unsupportedOnWeb, passwords } = await packageFacts(rewritten ? stripped.bytes! : bytes, new Set(clean.keys()));
    return { ...(rewritten ? { base64 } : {}), sheets, unsupportedOnWeb, clean, passwords };
  } catch {
    return null;
  }
}

interface Insert {
  file: string;
  base64: string;
  takes: CollectTake[];
  /** What the file brings (its forms' cleaning). */
  from: IncomingFile;
  /** Whether a sheet it inserts carries what Excel on the web cannot insert (notes or comments, charts, PivotTables, slicers). */
  unsupportedOnWeb: boolean;
  /** What insertWorksheetsFromBase64 gives back: the ids of the sheets it inserted. */
  result?: OfficeExtension.ClientResult<string[]>;
  ids?: string[];
}

function valueOf<T>(r: OfficeExtension.ClientResult<T> | undefined): T | undefined {
  try {
    return r?.value;
  } catch {
    return undefined;
  }
}

/**
 * Inserts each file's sheets, packed into requests under the payload budget. A request that fails
 * does so at the file Excel refused: the files before it in that request went in (their sheets are
 * the new ones at the end, in order), that file is left out with Excel's reason, and the files
 * after it are sent again. Returns the files that went in, with the ids of their sheets.
 *
 * Excel on the web refuses a file whose sheets carry notes or comments, charts, PivotTables or
 * slicers (refusedOnWeb). Then the file that failed is the first of its request that carries them,
 * and the sheets read after the failure say whether they went in all the same (Excel on the web may
 * insert sheets and still fail, OfficeDev/office-js#3179): in, it is reported inserted and the files
 * after it are sent again; not in, it is left out, and so are the other files that carry them,
 * with the same reason and without being sent (not one request more for each).
 */
async function insertAll(ctx: Excel.RequestContext, inserts: Insert[], known: Set<string>, report: CollectReport): Promise<{ inserts: Insert[]; requests: number }> {
  const done: Insert[] = [];
  let pending = inserts;
  let requests = 0;
  let webRefusal: unknown;
  while (pending.length) {
    let batch = pending;
    pending = [];
    if (webRefusal !== undefined) {
      // Excel on the web refused a file for what its sheets carry: it refuses the others that carry it.
      for (const entry of batch) if (entry.unsupportedOnWeb) refuse(entry, webRefusal);
      batch = batch.filter((entry) => !entry.unsupportedOnWeb);
      if (!batch.length) break;
    }
    const packer = new RequestPacker();
    for (const entry of batch) {
      // The packer adds COMMAND_OVERHEAD of its own.
      packer.add(insertBytes(utf8Length(entry.base64), entry.takes.map((t) => t.sheet)) - COMMAND_OVERHEAD, (c) => {
        entry.result = c.workbook.insertWorksheetsFromBase64(entry.base64, { sheetNamesToInsert: entry.takes.map((t) => t.sheet), positionType: "End" });
      }, { response: 100 * entry.takes.length });
    }
    try {
      await packer.flush(ctx);
      requests += packer.requests;
      for (const entry of batch) {
        entry.ids = valueOf(entry.result) ?? [];
        entry.ids.forEach((id) => known.add(id));
        done.push(entry);
      }
      continue;
    } catch (e) {
      requests += packer.requests + 1;
      // The requests before the failed one went through whole.
      const sent = batch.filter((entry) => valueOf(entry.result) !== undefined);
      for (const entry of sent) {
        entry.ids = valueOf(entry.result)!;
        entry.ids.forEach((id) => known.add(id));
        done.push(entry);
      }
      const list = ctx.workbook.worksheets.load("items/id");
      await ctx.sync();
      requests++;
      const fresh = list.items.map((s) => s.id).filter((id) => !known.has(id));
      const failedRequest = batch.filter((entry) => entry.result !== undefined && !sent.includes(entry));
      if (failedRequest.length === 0) throw e;
      // On the web, the file refused is the first that carries what the web cannot insert.
      const culprit = refusedOnWeb(e) ? failedRequest.find((entry) => entry.unsupportedOnWeb) : undefined;
      let stopped = false;
      for (const entry of failedRequest) {
        if (stopped) pending.push(entry);
        else if (fresh.length >= entry.takes.length) {
          // In: before the file refused, or the file refused itself whose sheets went in all the same.
          entry.ids = fresh.splice(0, entry.takes.length);
          entry.ids.forEach((id) => known.add(id));
          done.push(entry);
          stopped = entry === culprit;
        } else {
          stopped = true;
          refuse(entry, e);
          if (refusedOnWeb(e)) webRefusal = e;
        }
      }
      for (const entry of batch) if (entry.result === undefined) pending.push(entry);
      for (const entry of pending) delete entry.result;
    }
  }
  return { inserts: done, requests };

  function refuse(entry: Insert, error: unknown): void {
    report.skipped.push({ file: entry.file, sheet: "", kind: "file", reason: insertFailedMessage(entry.file, error) });
  }
}

/** Rows and columns of each sheet read to recognise a unit's form already in the workbook: its header block and table header row (detectLayoutA) sit in the first 40 rows. */
const HEAD_RANGE = "A1:Z40";
const HEAD_ROWS = 40;
/**
 * What one sheet's head adds to a response: up to 1,040 values of about 8 bytes on average (most
 * of a form's head is empty cells, "" and a comma; its item names are long). Measured on the Excel
 * double, a form of the project's templates takes about 6 KB. A response larger after all is
 * halved and asked again.
 */
const HEAD_RESPONSE_BYTES = 26 * HEAD_ROWS * 8 + 200;

/** The top of a sheet, and whether it is all the sheet holds below row 40 (so a blank table there is the whole table). */
interface Head {
  snapshot: SheetSnapshot;
  whole: boolean;
}

/** The top of the given sheets (their used part of HEAD_RANGE, and how far down each sheet's values go) in one request, halved while the response is too large. */
async function readHeads(ctx: Excel.RequestContext, sheets: { name: string }[], out: Map<string, Head>): Promise<number> {
  const loads = sheets.map((s) => {
    const sheet = ctx.workbook.worksheets.getItem(s.name);
    return {
      name: s.name,
      range: sheet.getRange(HEAD_RANGE).getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,values"),
      used: sheet.getUsedRangeOrNullObject(true).load("rowIndex,rowCount"),
    };
  });
  try {
    await ctx.sync();
  } catch (e) {
    if (tooLarge(e) && sheets.length > 1) {
      const half = sheets.length >> 1;
      return 1 + (await readHeads(ctx, sheets.slice(0, half), out)) + (await readHeads(ctx, sheets.slice(half), out));
    }
    throw e;
  }
  for (const { name, range, used } of loads) {
    const values: SheetSnapshot["values"] = [];
    if (!range.isNullObject) {
      range.values.forEach((line, r) => {
        const row: SheetSnapshot["values"][number] = [];
        line.forEach((v, c) => {
          row[range.columnIndex + c] = v === "" || v === null || v === undefined ? null : typeof v === "number" || typeof v === "boolean" ? v : String(v);
        });
        values[range.rowIndex + r] = Array.from(row, (v) => v ?? null);
      });
    }
    const whole = used.isNullObject || used.rowIndex + used.rowCount <= HEAD_ROWS;
    out.set(name, { snapshot: { name, values: Array.from(values, (r) => r ?? []) }, whole });
  }
  return 1;
}

/**
 * The forms already in the workbook (unit code and name, blank or not) and their indices (`Bộ chỉ
 * số`), from the top of each sheet: the collection leaves out a form of a unit that already has a
 * filled one, as the file mode does, and puts a filled form in place of a blank one. A form whose
 * values go below what is read, with nothing filled in the rows read, is taken as filled (a blank
 * form is replaced only when sure) but said to be partly read (ExistingForm.partlyRead): what is
 * said of it does not call it filled, and it is read whole where a decision depends on it
 * (readWholeForms). As many sheets a request as 4 MB of request and of response
 * (HEAD_RESPONSE_BYTES a sheet) carry.
 */
async function existingForms(ctx: Excel.RequestContext, sheets: { name: string }[]): Promise<{ forms: ExistingForm[]; indices: string[] }> {
  const heads = new Map<string, Head>();
  const perRequest = Math.max(1, Math.min(Math.floor(REQUEST_BUDGET / opBytes(8, 5)), Math.floor(RESPONSE_BUDGET / HEAD_RESPONSE_BYTES)));
  for (let from = 0; from < sheets.length; from += perRequest) await readHeads(ctx, sheets.slice(from, from + perRequest), heads);
  const forms: ExistingForm[] = [];
  const indices: string[] = [];
  for (const s of sheets) {
    const head = heads.get(s.name);
    const h = head ? detectLayoutA(head.snapshot) : null;
    if (head && h?.unitCode !== undefined) {
      // Nothing filled in the rows read: blank when they are all the sheet holds, not known otherwise.
      const blankTop = isBlankForm(head.snapshot);
      forms.push({
        sheet: s.name,
        unitCode: h.unitCode,
        ...(h.unitName !== undefined ? { unitName: h.unitName } : {}),
        ...(h.period !== undefined ? { period: h.period } : {}),
        blank: head.whole && blankTop,
        ...(blankTop && !head.whole ? { partlyRead: true as const } : {}),
      });
    }
    if (h?.index !== undefined) indices.push(h.index);
  }
  return { forms, indices };
}

/**
 * The forms in the workbook that a decision of the plan depends on, read whole (as a check reads
 * them, in a few requests under the payload budget, however many units: formsToReadWhole): those
 * of units a file brings a filled form of — a form the same as the one there (a unit that sent its
 * file twice) is said to be the same, nothing to do, rather than one to delete first; a long blank
 * form, taken as filled from its top, is replaced — and the partly read ones of a code a form comes
 * in for under another unit name.
 */
async function readWholeForms(ctx: Excel.RequestContext, forms: ExistingForm[], incoming: { sheets: SheetSnapshot[] }[]): Promise<void> {
  const wanted = formsToReadWhole(forms, incoming);
  if (wanted.length === 0) return;
  const read = await readWorkbook(ctx, { only: new Set(wanted.map((f) => f.sheet)) });
  const bySheet = new Map(read.sheets.map((s) => [s.name, s]));
  for (const f of wanted) {
    const whole = bySheet.get(f.sheet);
    if (whole) f.snapshot = whole;
  }
}

/** The position of the last of `forms` among the sheets (-1 when none is there). */
function lastFormPosition(forms: readonly ExistingForm[], positionOf: ReadonlyMap<string, number>): number {
  let last = -1;
  for (const f of forms) last = Math.max(last, positionOf.get(f.sheet) ?? -1);
  return last;
}

export async function collectWorkbooks(ctx: Excel.RequestContext, files: { name: string; base64: string }[], model?: IndexModel): Promise<CollectReport> {
  const report: CollectReport = { inserted: [], skipped: [], warnings: [] };
  const incoming: (IncomingFile & { file: string })[] = [];
  const fitting: { name: string; base64: string }[] = [];
  for (const f of files) {
    if (f.base64.length > MAX_INSERT_BASE64) {
      report.skipped.push({ file: f.name, sheet: "", kind: "file", reason: fileTooLargeMessage(f.name, f.base64.length) });
      continue;
    }
    const read = await sheetsOf(f);
    if (!read) {
      report.skipped.push(unreadableFileSkip(f.name));
      continue;
    }
    // With the names of all its sheets (the most it inserts), the insert must fit in one request.
    const names = read.sheets.map((s) => s.name);
    if (insertBytes(f.base64.length, names) > REQUEST_BUDGET) {
      report.skipped.push({ file: f.name, sheet: "", kind: "file", reason: fileTooLargeMessage(f.name, f.base64.length, mostBase64(names)) });
      continue;
    }
    incoming.push({ file: f.name, ...read });
    fitting.push(read.base64 !== undefined ? { name: f.name, base64: read.base64 } : f);
  }
  const list = ctx.workbook.worksheets.load("items/name,items/id");
  const structure = ctx.workbook.protection.load("protected");
  await ctx.sync();
  if (structure.protected && fitting.length) return { ...report, message: COLLECT_STRUCTURE_PROTECTED };
  // A unit that already has a form here keeps it: its form in the files is left out, with the reason.
  // Names and ids as they are now: a later load of the sheets (readWholeForms) gives the collection new items.
  const items = list.items.map((s) => ({ name: s.name, id: s.id }));
  const existing = fitting.length ? await existingForms(ctx, items) : { forms: [], indices: [] };
  await readWholeForms(ctx, existing.forms, incoming);
  const plan = planCollect(items.map((s) => s.name), incoming, model, { existingForms: existing.forms, existingIndices: existing.indices });
  // Loops, not push(...list): a list as long as the sheets of a thousand files must not go on the stack.
  for (const s of plan.skipped) report.skipped.push(s);
  for (const w of plan.warnings) report.warnings.push(w);

  // One insert per file, packed under the payload budget; Excel may rename on a collision. A
  // file's forms in the order of its sheets, as Excel inserts them (the ids it gives back follow
  // them); the plan's order (the template's order of units) is given them once all are in, below.
  const inserts: Insert[] = [];
  for (const [i, f] of fitting.entries()) {
    const from = incoming[i]!;
    const sheetAt = new Map(from.sheets.map((s, k) => [s.name, k]));
    const takes = plan.take.filter((t) => t.fileAt === i).sort((a, b) => (sheetAt.get(a.sheet) ?? 0) - (sheetAt.get(b.sheet) ?? 0));
    if (takes.length) inserts.push({ file: f.name, base64: f.base64, takes, from, unsupportedOnWeb: takes.some((t) => from.unsupportedOnWeb.has(t.sheet)) });
  }
  if (!inserts.length) return report;
  const known = new Set(items.map((s) => s.id));
  const { inserts: done } = await insertAll(ctx, inserts, known, report);
  if (!done.length) return report;

  // insertWorksheetsFromBase64 gives the ids of the sheets it inserted: their names, to give each
  // the name the plan chose where Excel named it otherwise.
  const named = ctx.workbook.worksheets.load("items/name,items/id");
  await ctx.sync();
  const nameOf = new Map(named.items.map((s) => [s.id, s.name]));
  // A filled form in place of its unit's blank one: moved to the blank sheet's position (the blank
  // one moves one on), the blank one deleted — every other sheet keeps its position — then named
  // as the blank one was, below. In the order of the blank sheets, so each position read holds.
  const positionOf = new Map(named.items.map((s, i) => [s.name, i]));
  const replacing = done
    .flatMap((entry) => entry.takes.map((t, i) => ({ t, id: entry.ids?.[i] })))
    .filter((r): r is { t: CollectTake & { replaces: string }; id: string } => r.t.replaces !== undefined && r.id !== undefined && positionOf.has(r.t.replaces))
    .sort((a, b) => positionOf.get(a.t.replaces)! - positionOf.get(b.t.replaces)!);
  for (const { t, id } of replacing) {
    ctx.workbook.worksheets.getItem(id).position = positionOf.get(t.replaces)!;
    ctx.workbook.worksheets.getItem(t.replaces).delete();
  }
  // The forms inserted, in the plan's order (the template's order of units), each with its file's insert and the id Excel gave it.
  const insertedOf = new Map<CollectTake, { entry: Insert; id: string | undefined }>();
  for (const entry of done) entry.takes.forEach((t, i) => insertedOf.set(t, { entry, id: entry.ids?.[i] }));
  const inOrder = plan.take.flatMap((t) => {
    const got = insertedOf.get(t);
    return got ? [{ t, ...got }] : [];
  });
  // A form of a unit new to the workbook goes after the last form already there (not after the
  // user's own sheets at the end), or, with no form there, after the sheets there were; in the
  // plan's order. The replacements above kept every other sheet's position, and the new sheets are all at the end.
  const lastForm = lastFormPosition(existing.forms, positionOf);
  const moving = inOrder.filter(({ t, id }) => id !== undefined && !replacing.some((r) => r.t === t)).map(({ id }) => id!);
  const asInserted = done.flatMap((entry) => entry.takes.flatMap((t, i) => (entry.ids?.[i] !== undefined && !replacing.some((r) => r.t === t) ? [entry.ids[i]!] : [])));
  // With no form there, the new sheets are at the end already: moved only when the plan orders them otherwise than the files did.
  if (lastForm >= 0 || moving.some((id, i) => asInserted[i] !== id)) {
    let at = lastForm >= 0 ? lastForm + 1 : items.length;
    for (const id of moving) ctx.workbook.worksheets.getItem(id).position = at++;
  }
  // Each sheet inserted gets the plan's name. A plan's name can be one another inserted sheet has
  // until it is renamed itself (a form named after its unit "Đơn vị B" while a third file's sheet
  // came in as "Đơn vị B"): then each is first given a name of its own, as Excel refuses two
  // sheets of one name. worksheets.getItem takes a sheet's id as well as its name.
  const renames = inOrder.flatMap(({ t, id }) => {
    const got = id !== undefined ? nameOf.get(id) : undefined;
    return id !== undefined && got !== undefined && got !== t.as ? [{ id, to: t.as }] : [];
  });
  const namesNow = new Set([...nameOf.values()].map((n) => n.toLocaleLowerCase("vi")));
  if (renames.some((r) => namesNow.has(r.to.toLocaleLowerCase("vi")))) {
    renames.forEach((r, k) => (ctx.workbook.worksheets.getItem(r.id).name = `~dti-scorer-${k + 1}`));
  }
  for (const r of renames) ctx.workbook.worksheets.getItem(r.id).name = r.to;
  const cleaning: Cleaning[] = [];
  for (const { t, entry, id } of inOrder) {
    const got = id !== undefined ? nameOf.get(id) : undefined;
    report.inserted.push({ file: t.file, sheet: t.sheet, as: t.as, ...(t.replaces !== undefined && replacing.some((r) => r.t === t) ? { replaces: t.replaces } : {}) });
    const clean = entry.from.clean.get(t.sheet);
    if (id === undefined || got === undefined || !clean) continue;
    // A form a password protects is left as it is, as a run leaves it.
    if (entry.from.passwords.has(t.sheet)) report.warnings.push(protectedIncomingMessage(t.file, t.as, clean));
    else cleaning.push({ file: t.file, id, sheet: t.as, clean });
  }
  // Without notes (ExcelApi 1.13 to 1.17) the notes of the project's the file could not be
  // rewritten without (withoutMarkNotes) stay as they came: the user is told which.
  if (!notesSupported()) {
    for (const c of cleaning) {
      const cells = c.clean.marks.filter((m) => m.note !== undefined).map((m) => m.cell);
      if (cells.length > 0) report.warnings.push(incomingNotesLeftMessage(c.file, c.sheet, cells));
    }
  }
  // In the request that names the sheets: what the cleaning needs to know of them.
  const looked = lookUpCleaning(ctx, cleaning);
  await ctx.sync();
  await cleanInserted(ctx, looked, report);
  return report;
}

/** An inserted form to take the file's scoring off (incomingSheetClean), under the name it has now. */
interface Cleaning {
  file: string;
  id: string;
  sheet: string;
  clean: IncomingSheetClean;
}

interface LookedUp extends Cleaning {
  ws: Excel.Worksheet;
  /** The notes of the marks' cells as Excel has them (with notes, ExcelApi 1.18). */
  notes: { cell: string; key: string; note: Excel.Note }[];
}

/** Whether this Excel has notes (ExcelApi 1.18): the marks' notes inserted with a form are taken off through them. */
function notesSupported(): boolean {
  try {
    return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", "1.18") === true;
  } catch {
    return false;
  }
}

/**
 * Queued into the request that names the inserted sheets: each one's protection, and (with notes)
 * the notes of its marks' cells, to know which are there and what they say.
 */
function lookUpCleaning(ctx: Excel.RequestContext, cleaning: Cleaning[]): LookedUp[] {
  const notes = notesSupported();
  return cleaning.map((c) => ({
    ...c,
    ws: ctx.workbook.worksheets.getItem(c.id).load("protection/protected,protection/options"),
    notes: notes
      ? c.clean.marks.filter((m) => m.note !== undefined).map((m) => {
          const key = `${quoteSheet(c.sheet)}!${m.cell}`;
          return { cell: m.cell, key, note: ctx.workbook.notes.getItemOrNullObject(key).load("content") };
        })
      : [],
  }));
}

/** A fill `_index` recorded ("#RRGGBB", ARGB, or "xlsx:" and an ExcelJS fill) as Office.js sets it; undefined for none or one it cannot set. */
function fillColor(fill: string | undefined): string | undefined {
  if (!fill) return undefined;
  if (fill.startsWith("xlsx:")) {
    try {
      const argb = (JSON.parse(fill.slice(5)) as { fgColor?: { argb?: unknown } } | null)?.fgColor?.argb;
      return typeof argb === "string" && /^[0-9a-f]{8}$/i.test(argb) ? excelColor(argb) : undefined;
    } catch {
      return undefined;
    }
  }
  const color = excelColor(fill);
  return /^#[0-9a-f]{6}$/i.test(color) ? color : undefined;
}

/** At most this many cells are named in a message; the rest are counted. */
const CELLS_NAMED = 8;

/**
 * Said of a form taken in on an Excel without notes (ExcelApi 1.13 to 1.17) whose file still gave
 * it notes of the project's (the file could not be rewritten without them): they stay.
 */
export function incomingNotesLeftMessage(file: string, sheet: string, cells: string[]): Message {
  const named = cells.slice(0, CELLS_NAMED).join(", ");
  const more = cells.length - CELLS_NAMED;
  return {
    vi: `Trang tính '${sheet}' (tệp ${file}) vẫn còn ghi chú (note) của DTI Scorer từ lần chấm trong tệp đó ở ô ${named}${more > 0 ? ` và ${more} ô khác` : ""}: phiên bản Excel này không sửa được ghi chú (cần ExcelApi 1.18, chỉ có trong Microsoft 365 và Excel trên web). Hãy xóa các ghi chú đó (giữ lại phần do đơn vị viết, nếu có), hoặc tổng hợp tệp này bằng lệnh dti-scorer collect, hay trong Microsoft 365 hoặc Excel trên web.`,
    en: `Sheet '${sheet}' (file ${file}) still has DTI Scorer's notes from that file's scoring on cells ${named}${more > 0 ? ` and ${more} more` : ""}: this version of Excel cannot edit notes (it needs ExcelApi 1.18, only in Microsoft 365 and Excel on the web). Delete those notes (keeping any text the unit wrote in them), or collect this file with the dti-scorer collect command, or in Microsoft 365 or Excel on the web.`,
  };
}

/** The trace every cleaning request starts with: an Excel build that sends no traces back is known by its absence. */
const CLEAN_START = "^clean";
const cleanedTrace = (i: number) => `cleaned ${i}`;

/**
 * Takes off the inserted forms what their files' scoring left on them: the cells emptied (their
 * contents only, the formatting stays), each mark's cell given back its fill and its note without
 * the project's part (the user's text around it stays). A protected sheet (without a password:
 * those with one were left out) is unprotected at the start of each request and protected again,
 * with its options, at its end. As few requests as the payload allows, whatever the number of forms.
 * A request Excel refuses stops at the form it refused, those before it done: the sheets it
 * unprotected are protected again, and the forms after it are cleaned in one more go (once); each
 * form left as it came (or partly cleaned) gets a warning naming it.
 */
async function cleanInserted(ctx: Excel.RequestContext, looked: LookedUp[], report: CollectReport): Promise<void> {
  let pending = looked;
  for (let again = false; pending.length > 0; again = true) {
    const { left, failing } = await cleanForms(ctx, pending);
    if (left.length === 0) return;
    // The form Excel refused is known (the traces came back): the others are tried once more.
    if (!again && failing !== undefined) {
      report.warnings.push(incomingNotCleanedMessage(failing.file, failing.sheet, failing.clean));
      pending = left.filter((c) => c !== failing);
      continue;
    }
    for (const c of left) report.warnings.push(incomingNotCleanedMessage(c.file, c.sheet, c.clean));
    return;
  }
}

/**
 * One go at cleaning the forms; returns those it did not clean (all of them, or partly) and, when
 * Excel's traces say so, the one it refused.
 */
async function cleanForms(ctx: Excel.RequestContext, looked: LookedUp[]): Promise<{ left: LookedUp[]; failing?: LookedUp }> {
  const packer = new RequestPacker();
  const guards = new Map<string, ReturnType<typeof protectionGuard>>();
  /** The index, among the packer's operations, of each form's trace once its operations are queued. */
  const traced: number[] = [];
  for (const [i, c] of looked.entries()) {
    // The name may have been a sheet's deleted in this context (the blank form replaced).
    forgetSheet(ctx, c.sheet);
    if (c.ws.protection.protected) guards.set(c.sheet.toLowerCase(), protectionGuard(c.sheet, c.ws.protection.options));
    for (const cell of c.clean.empty) {
      packer.add(opBytes(2, 1, cell, "Contents"), (x) => sheetOf(x, c.sheet).getRange(cell).clear("Contents"), { sheet: c.sheet });
    }
    for (const m of c.clean.marks) {
      const color = fillColor(m.fill);
      packer.add(opBytes(3, 1, m.cell, color ?? ""), (x) => {
        const fill = sheetOf(x, c.sheet).getRange(m.cell).format.fill;
        if (color) fill.color = color;
        else fill.clear();
      }, { sheet: c.sheet });
    }
    for (const n of c.notes) {
      if (n.note.isNullObject) continue;
      const content = n.note.content;
      // The note as Excel has it: the project's part goes, the user's text around it stays.
      if (markNoteParts(content) === undefined) continue;
      const rest = noteWithoutMark(content);
      packer.add(opBytes(1, 1, n.key, rest), (x) => {
        const note = x.workbook.notes.getItem(n.key);
        if (rest === "") note.delete();
        else note.content = rest;
      }, { sheet: c.sheet });
    }
    // Excel runs a request's commands in order: a trace reached says the form before it is done.
    traced.push(packer.size);
    packer.add(opBytes(0, 1), (x) => x.trace(cleanedTrace(i)));
  }
  try {
    await packer.flush(ctx, (x) => x.trace(CLEAN_START), undefined, opBytes(0, 1), { guards });
    return { left: [] };
  } catch (e) {
    forgetAll(ctx);
    const traces = tracesOf(e);
    const usable = traces?.includes(CLEAN_START) === true;
    const reached = new Set(usable ? traces : []);
    const left = looked.filter((_, i) => traced[i]! >= packer.completedOps && !reached.has(cleanedTrace(i)));
    await protectAgain(ctx, packer.lastGuarded, guards);
    // The first form not done is the one Excel refused (those before it are done).
    return { left, ...(usable && left.length > 0 ? { failing: left[0]! } : {}) };
  }
}

/**
 * The sheets a failed request unprotected at its start (`names`), protected again with their
 * options: those still unprotected, as the failed request left them (as applyPlan does).
 */
async function protectAgain(ctx: Excel.RequestContext, names: string[], guards: Map<string, ReturnType<typeof protectionGuard>>): Promise<void> {
  if (names.length === 0) return;
  try {
    const states = names.map((n) => ctx.workbook.worksheets.getItem(n).protection.load("protected"));
    await ctx.sync();
    names.forEach((n, i) => {
      const options = guards.get(n.toLowerCase())?.options;
      if (!states[i]!.protected && options) ctx.workbook.worksheets.getItem(n).protection.protect(options);
    });
    await ctx.sync();
  } catch {
    // Not known or refused: the sheets stay as the failed request left them.
  } finally {
    forgetAll(ctx);
  }
}

/** Unprotecting a protected form (one no password protects) at the start of a request and protecting it again, with its options, at the end. */
function protectionGuard(name: string, options: Excel.WorksheetProtectionOptions): SheetGuard & { options: Excel.WorksheetProtectionOptions } {
  return {
    name,
    options,
    open: (c) => sheetOf(c, name).protection.unprotect(),
    close: (c) => sheetOf(c, name).protection.protect(options),
    bytes: opBytes(1, 1) + opBytes(1, 1, options),
  };
}
