/** The notes of a sheet ExcelJS read, as the collect code of both hosts hands them to the cleaning (incomingCleaner). */
import type ExcelJS from "exceljs";
import type JSZip from "jszip";
import type { IncomingNote } from "../../core/collect-clean";
import { ContentTypes, NS_R, attr, isExternal, parseRels, relativeTarget, relsPathOf, resolveTarget, unescapeXml, writeRels } from "./ooxml";

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

// ---------------------------------------------------------------------------------------------
// The notes as the file stores them

/** A note of a sheet's comments part: its cell, its author's name and its text as Excel shows it. */
export interface StoredNote {
  /** "H21" (no `$`, upper case). */
  cell: string;
  author: string;
  text: string;
  /** What the `<comment>` element holds (its `<text>`, …), as written. */
  body: string;
}

/** `_xHHHH_` escapes (a character XML cannot carry, a carriage return) read, as Excel and ExcelJS read them. */
function unescapeOoxml(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * The text of a note's `<text>` (CT_Rst): the text of its runs (`<r><t>`), or its plain `<t>` when
 * it has no runs — the way Excel stores the note it keeps beside a threaded comment, and openpyxl
 * every note; phonetic runs (`<rPh>`) are not part of the text.
 */
export function storedNoteText(body: string): string {
  const text = /<(\w+:)?text\b[^>]*>([\s\S]*?)<\/\1text>/.exec(body)?.[2] ?? "";
  const shown = text.replace(/<(\w+:)?rPh\b[\s\S]*?<\/\1rPh>/g, "");
  return [...shown.matchAll(/<(\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/\1t>/g)].map((m) => unescapeOoxml(unescapeXml(m[2]!))).join("");
}

/** The notes of a comments part (xl/commentsN.xml), in the order it lists them. */
export function storedNotes(commentsXml: string): StoredNote[] {
  const authors = [...(/<(\w+:)?authors\b[^>]*>([\s\S]*?)<\/\1authors>/.exec(commentsXml)?.[2] ?? "").matchAll(/<(\w+:)?author(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/\1author>)/g)].map((m) =>
    unescapeXml(m[2] ?? ""),
  );
  const out: StoredNote[] = [];
  for (const m of commentsXml.matchAll(/<(\w+:)?comment\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1comment>)/g)) {
    const cell = attr(m[2]!, "ref")?.replace(/\$/g, "").toUpperCase();
    if (cell === undefined || !/^[A-Z]{1,3}\d+$/.test(cell)) continue;
    const author = authors[Number(attr(m[2]!, "authorId") ?? -1)] ?? "";
    out.push({ cell, author, text: storedNoteText(m[3] ?? ""), body: m[3] ?? "" });
  }
  return out;
}

/** A note to give a cell of the model, and whether it replaces one that ExcelJS read with text. */
export interface NoteToRestore {
  text: string;
  /** Replace the text ExcelJS read (a threaded comment's cell, whose note reads as the thread says); else only a note read empty, or none. */
  replace?: boolean;
}

/**
 * Gives back to the model the notes ExcelJS lost in reading, by sheet name then cell: a note stored
 * as a plain `<t>` (ExcelJS reads only runs: the note comes out empty, and would be written so,
 * its text lost), and a note on a cell the sheet's data does not list (ExcelJS drops it). The
 * note keeps the look (margins, …) ExcelJS read with it; a note ExcelJS read with its text stays
 * as it is, rich runs and all, unless `replace` says otherwise.
 */
export function restoreNotes(wb: ExcelJS.Workbook, notes: ReadonlyMap<string, ReadonlyMap<string, NoteToRestore>>): void {
  for (const [name, cells] of notes) {
    const ws = wb.getWorksheet(name);
    if (!ws) continue;
    for (const [address, { text, replace }] of cells) {
      if (text === "") continue;
      const cell = ws.getCell(address);
      const note = cell.note as string | ExcelJS.Comment | undefined;
      const read = noteText(note);
      if (read === text || (read !== undefined && read !== "" && !replace)) continue;
      cell.note = note !== undefined && note !== null && typeof note === "object" ? { ...note, texts: [{ text }] } : text;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Note parts where ExcelJS finds them

const REL_COMMENTS = `${NS_R}/comments`;
const REL_VML = `${NS_R}/vmlDrawing`;

/** Where ExcelJS looks for a sheet's notes and their VML drawing: the part's folder and name, and the target that names it from the sheet. */
const NOTE_PARTS = [
  { type: REL_COMMENTS, folder: "xl/", stem: "comments", ext: ".xml", from: "../" },
  { type: REL_VML, folder: "xl/drawings/", stem: "vmlDrawing", ext: ".vml", from: "../drawings/" },
] as const;

/**
 * The notes parts of the sheets at `sheetPaths` (xl/worksheets/…) and their VML drawings named as
 * ExcelJS finds them: `xl/commentsN.xml` and `xl/drawings/vmlDrawingN.vml`, related as
 * `../commentsN.xml` and `../drawings/vmlDrawingN.vml`, the notes before their drawing. ExcelJS
 * looks for those names only, and fails to read a workbook whose notes are elsewhere: openpyxl
 * writes them as /xl/comments/comment1.xml and /xl/drawings/commentsDrawing1.vml. Whether the
 * package changed.
 */
export async function readableNotePartsIn(zip: JSZip, sheetPaths: readonly string[]): Promise<boolean> {
  let types: ContentTypes | undefined;
  let changed = false;
  const taken = () => new Set(Object.keys(zip.files).map((p) => p.toLowerCase()));
  for (const sheetPath of sheetPaths) {
    if (!/^xl\/worksheets\/[^/]+$/.test(sheetPath)) continue;
    const relsPath = relsPathOf(sheetPath);
    const relsXml = await zip.file(relsPath)?.async("string");
    if (relsXml === undefined) continue;
    const rels = parseRels(relsXml);
    let moved = false;
    for (const rel of rels) {
      const kind = NOTE_PARTS.find((k) => k.type === rel.type);
      if (!kind || isExternal(rel)) continue;
      const path = resolveTarget(sheetPath, rel.target);
      const named = new RegExp(`^${kind.folder}${kind.stem}\\d+\\${kind.ext}$`).test(path);
      if (named && rel.target === `${kind.from}${path.slice(kind.folder.length)}`) continue;
      const file = zip.file(path);
      if (!file) continue;
      let to = path;
      if (!named) {
        const used = taken();
        let n = 1;
        while (used.has(`${kind.folder}${kind.stem}${n}${kind.ext}`.toLowerCase())) n++;
        to = `${kind.folder}${kind.stem}${n}${kind.ext}`;
        zip.file(to, await file.async("uint8array"));
        zip.remove(path);
        // The drawing's own relationships (pictures of notes) follow it.
        const partRels = await zip.file(relsPathOf(path))?.async("string");
        if (partRels !== undefined) {
          zip.remove(relsPathOf(path));
          zip.file(relsPathOf(to), writeRels(parseRels(partRels).map((r) => (isExternal(r) ? r : { ...r, target: relativeTarget(to, resolveTarget(path, r.target)) }))));
        }
        types ??= new ContentTypes((await zip.file("[Content_Types].xml")?.async("string")) ?? "");
        const type = types.overrideOf(path);
        if (type !== undefined) {
          types.removeOverride(path);
          types.setOverride(to, type);
        }
      }
      rel.target = `${kind.from}${to.slice(kind.folder.length)}`;
      moved = true;
    }
    // ExcelJS gives each note its VML shape only when it has read the notes first.
    const notesAt = rels.findIndex((r) => r.type === REL_COMMENTS);
    const drawingAt = rels.findIndex((r) => r.type === REL_VML);
    if (notesAt > drawingAt && drawingAt >= 0) {
      rels.splice(drawingAt, 0, ...rels.splice(notesAt, 1));
      moved = true;
    }
    if (!moved) continue;
    zip.file(relsPath, writeRels(rels));
    changed = true;
  }
  if (types) zip.file("[Content_Types].xml", types.xml);
  return changed;
}
