/**
 * The language a workbook was last scored in (workbookLanguage), known before the workbook is read:
 * so that what score and validate say before reading it (a definition file that is not valid, an
 * --out or --json that cannot be written, a mistake in the options) is said in the language of an
 * English workbook too. Only what tells it is read from the file, by its zip directory: the
 * package's relationships, the workbook part, the hidden `_index` sheet's part as far as its row
 * `lang` (written after the run's stamp; marks, units' hashes and copies of their figures follow
 * it or go before, and are not looked at), and the shared strings its keys name — never the forms.
 * The parts are unpacked by Node's zlib as far as needed, not by JSZip (which unpacks in JavaScript,
 * each part whole): on a scored workbook of 18 MB (16,000 units, 80,000 issue marks) whose `_index`
 * unpacks to 60 MB, 0.3–0.5 s rather than 2.7 s, measured; 3–15 ms on the demo's workbook.
 * Undefined whenever that cannot be known so: no such file or not an .xlsx one, a damaged package,
 * a workbook never scored (no `_index`); the command then speaks Vietnamese, as it does by default,
 * until the workbook is read.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { extname } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { createInflateRaw, inflateRawSync } from "node:zlib";
import type { Lang } from "../core/i18n/text";
import { INDEX_SHEET } from "../core/plan/labels";
import type { CellValue } from "../core/types";
import { parseRels, resolveTarget, sheetParts, unescapeXml } from "../hosts/xlsx/ooxml";
import { MAX_PART_BYTES } from "../hosts/xlsx/read";
import { workbookLanguage } from "./workbook-language";

/** The language `path` (a full path) was last scored in, or undefined when the file does not tell it cheaply (see the file's comment). */
export async function peekWorkbookLanguage(path: string): Promise<Lang | undefined> {
  const ext = extname(path).toLowerCase();
  if (ext !== ".xlsx" && ext !== ".xlsm") return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    const values = await indexSheetValues(new ZipFile(fd, stat.size));
    return values === undefined ? undefined : workbookLanguage({ sheets: [{ name: INDEX_SHEET, values }] });
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// The zip package, read by its central directory

interface ZipEntry {
  method: number;
  compressedSize: number;
  size: number;
  /** Where its local header is, in the file. */
  offset: number;
}

/** A zip package read part by part from its open descriptor (Zip64 sizes and offsets too, bytes before the package too). */
class ZipFile {
  private readonly entries = new Map<string, ZipEntry>();
  /** Bytes before the package (a self-extracting archive), by which its offsets are off. */
  private shift = 0;

  constructor(
    private readonly fd: number,
    size: number,
  ) {
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = this.read(size - tailLength, tailLength);
    const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
    let eocd = -1;
    for (let at = tail.length - 22; at >= 0; at--) {
      if (view.getUint32(at, true) === 0x06054b50) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) throw new Error("no zip package");
    let count = view.getUint16(eocd + 10, true);
    let dirSize = view.getUint32(eocd + 12, true);
    let dirOffset = view.getUint32(eocd + 16, true);
    const eocdAt = size - tailLength + eocd;
    if (eocd >= 20 && view.getUint32(eocd - 20, true) === 0x07064b50) {
      const record = this.read(u64(view, eocd - 20 + 8), 56);
      const r = new DataView(record.buffer, record.byteOffset, record.byteLength);
      if (r.getUint32(0, true) === 0x06064b50) {
        count = u64(r, 32);
        dirSize = u64(r, 40);
        dirOffset = u64(r, 48);
      }
    }
    let dir = this.read(dirOffset, dirSize);
    if (dirSize >= 4 && new DataView(dir.buffer, dir.byteOffset).getUint32(0, true) !== 0x02014b50) {
      // Bytes before the package (a self-extracting archive) shift its offsets: the directory ends where the end record starts.
      this.shift = eocdAt - dirSize - dirOffset;
      dir = this.read(dirOffset + this.shift, dirSize);
    }
    const d = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
    let at = 0;
    for (let i = 0; i < count && at + 46 <= dir.length && d.getUint32(at, true) === 0x02014b50; i++) {
      const nameLength = d.getUint16(at + 28, true);
      const extraLength = d.getUint16(at + 30, true);
      const commentLength = d.getUint16(at + 32, true);
      const entry: ZipEntry = { method: d.getUint16(at + 10, true), compressedSize: d.getUint32(at + 20, true), size: d.getUint32(at + 24, true), offset: d.getUint32(at + 42, true) };
      // What did not fit in 32 bits is in the Zip64 extra field, in this order.
      for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
        const id = d.getUint16(x, true);
        const length = d.getUint16(x + 2, true);
        if (id === 0x0001) {
          let y = x + 4;
          for (const key of ["size", "compressedSize", "offset"] as const) {
            if (entry[key] === 0xffffffff && y + 8 <= x + 4 + length) {
              entry[key] = u64(d, y);
              y += 8;
            }
          }
        }
        x += 4 + length;
      }
      const name = Buffer.from(dir.subarray(at + 46, at + 46 + nameLength)).toString("utf8");
      this.entries.set(name, entry);
      at += 46 + nameLength + extraLength + commentLength;
    }
  }

  private read(position: number, length: number): Uint8Array {
    const buffer = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buffer, done, length - done, position + done);
      if (n === 0) throw new Error("the file ends early");
      done += n;
    }
    return buffer;
  }

  /** A part's name as the package holds it: exactly, else in another case (part names are compared without case). */
  private entry(name: string): ZipEntry | undefined {
    const found = this.entries.get(name);
    if (found) return found;
    const lower = name.toLowerCase();
    for (const [n, e] of this.entries) if (n.toLowerCase() === lower) return e;
    return undefined;
  }

  /** The bytes of a part as packed; undefined when the package has no such part. */
  private packed(name: string): { entry: ZipEntry; data: Uint8Array } | undefined {
    const entry = this.entry(name);
    if (!entry) return undefined;
    const header = this.read(entry.offset + this.shift, 30);
    const h = new DataView(header.buffer, header.byteOffset, header.byteLength);
    if (h.getUint32(0, true) !== 0x04034b50) throw new Error("no local header");
    const start = entry.offset + this.shift + 30 + h.getUint16(26, true) + h.getUint16(28, true);
    return { entry, data: this.read(start, entry.compressedSize) };
  }

  /** A part's text, whole; undefined when the package has no such part. Never more than MAX_PART_BYTES. */
  text(name: string): string | undefined {
    const part = this.packed(name);
    if (!part) return undefined;
    if (part.entry.method === 0) return Buffer.from(part.data).toString("utf8");
    if (part.entry.method !== 8) throw new Error("packed in a way zip readers seldom know");
    return inflateRawSync(part.data, { maxOutputLength: MAX_PART_BYTES }).toString("utf8");
  }

  /**
   * A part's text in pieces from its start, unpacked as they are read, so that a reader that finds
   * what it looks for early stops unpacking; undefined when the package has no such part. Never
   * more than MAX_PART_BYTES.
   */
  pieces(name: string): AsyncGenerator<string> | undefined {
    const part = this.packed(name);
    if (!part) return undefined;
    const { entry, data } = part;
    if (entry.method !== 0 && entry.method !== 8) throw new Error("packed in a way zip readers seldom know");
    return (async function* () {
      if (entry.method === 0) {
        yield Buffer.from(data).toString("utf8");
        return;
      }
      const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
      const decoder = new StringDecoder("utf8");
      let total = 0;
      inflate.end(data);
      try {
        for await (const chunk of inflate as AsyncIterable<Buffer>) {
          total += chunk.length;
          if (total > MAX_PART_BYTES) throw new Error("the part unpacks to too much");
          yield decoder.write(chunk);
        }
      } finally {
        inflate.destroy();
      }
    })();
  }
}

function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

// ---------------------------------------------------------------------------------------------
// The `_index` sheet

/** The rows of `_index` that tell the language (readIndexSheet): its format, the project's sheets, and the run's stamp. */
const KEYS = new Set(["format", "sheet", "scoredAt", "definitionHash", "inputsHash", "lang"]);
/** The rows of the run's stamp that, all found, tell the language: `lang` comes last of them (planIndexSheet). */
const STAMP = ["format", "scoredAt", "definitionHash", "inputsHash", "lang"];

/**
 * The rows of the `_index` sheet that tell the language (KEYS), their key and first value, as a
 * snapshot holds them; undefined when the workbook has no such sheet. Read up to the run's stamp
 * when it has one (STAMP), else whole.
 */
async function indexSheetValues(zip: ZipFile): Promise<CellValue[][] | undefined> {
  const rootRels = zip.text("_rels/.rels");
  const office = rootRels !== undefined ? parseRels(rootRels).find((r) => /\/officeDocument$/.test(r.type)) : undefined;
  const workbookPath = office ? resolveTarget("", office.target) : "xl/workbook.xml";
  const workbook = zip.text(workbookPath);
  if (workbook === undefined) return undefined;
  const rels = parseRels(zip.text(workbookPath.replace(/([^/]*)$/, "_rels/$1.rels")) ?? "");
  const sheetPath = sheetParts(workbook, rels, workbookPath).get(INDEX_SHEET);
  const pieces = sheetPath !== undefined ? zip.pieces(sheetPath) : undefined;
  if (pieces === undefined) return undefined;
  const sharedRel = rels.find((r) => /\/sharedStrings$/.test(r.type));
  let shared: SharedStrings | undefined;
  const stringAt = (i: number): string | undefined => {
    shared ??= new SharedStrings(zip.text(sharedRel ? resolveTarget(workbookPath, sharedRel.target) : "xl/sharedStrings.xml") ?? "");
    return shared.at(i);
  };
  const rows: CellValue[][] = [];
  const found = new Set<string>();
  let text = "";
  for await (const piece of pieces) {
    text += piece;
    // Whole rows only: the last one may go on in the next piece.
    const at = { from: 0 };
    for (const cell of keyCells(text, at)) {
      const key = cellValue(cell.a, stringAt);
      if (typeof key !== "string" || !KEYS.has(key)) continue;
      const value = cell.b !== undefined ? cellValue(cell.b, stringAt) : null;
      rows.push([key, value]);
      found.add(key);
      if (key === "lang" && STAMP.every((k) => found.has(k))) return rows;
    }
    text = text.slice(at.from);
  }
  return rows;
}

/** A cell as written: its attributes and what is inside it. */
interface RawCell {
  attrs: string;
  body: string;
}

/**
 * The A and B cells of each whole row of `text` from `at.from` (the key and first value of
 * readIndexSheet's rows), `at.from` moved past each: a row cut off where the unpacking stopped
 * has no end tag, and is read next time.
 */
function* keyCells(text: string, at: { from: number }): Generator<{ a: RawCell; b?: RawCell }> {
  ROW.lastIndex = at.from;
  for (let m = ROW.exec(text); m !== null; m = ROW.exec(text)) {
    at.from = ROW.lastIndex;
    const body = m[1];
    if (body === undefined) continue;
    let a: RawCell | undefined;
    let b: RawCell | undefined;
    let column = 0;
    // The first two cells are enough: A and B, or a row that has no A.
    CELL.lastIndex = 0;
    for (let c = CELL.exec(body), k = 0; c !== null && k < 2; c = CELL.exec(body), k++) {
      const ref = REF.exec(c[1] ?? "")?.[1]?.toUpperCase();
      // A cell without its reference follows the one before it.
      column = ref === undefined ? column + 1 : ref === "A" ? 1 : ref === "B" ? 2 : 3;
      if (column === 1) a = { attrs: c[1] ?? "", body: c[2] ?? "" };
      else if (column === 2) b = { attrs: c[1] ?? "", body: c[2] ?? "" };
      else break;
    }
    if (a !== undefined) yield b !== undefined ? { a, b } : { a };
  }
}

const ROW = /<(?:\w+:)?row\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const REF = /(?:^|\s)r="([A-Za-z]+)\d*"/;
const TYPE = /(?:^|\s)t="([^"]*)"/;
const VALUE = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/;

/** A cell's value as a snapshot holds it: text (inline, by its shared string, or a formula's), a number, a truth value; null for anything else. */
function cellValue(cell: RawCell, stringAt: (i: number) => string | undefined): CellValue {
  const type = TYPE.exec(cell.attrs)?.[1] ?? "n";
  const v = VALUE.exec(cell.body)?.[1];
  if (type === "s") return v !== undefined && /^\s*\d+\s*$/.test(v) ? (stringAt(Number(v)) ?? null) : null;
  if (type === "inlineStr") return runText(cell.body);
  if (type === "str") return v !== undefined ? unescapeXml(v) : null;
  if (type === "b") return v !== undefined ? v.trim() === "1" : null;
  if (type === "n" && v !== undefined && v.trim() !== "") return Number(v);
  return null;
}

/** The shared strings part, its items found as they are asked for (an item's text once it is needed). */
class SharedStrings {
  private readonly starts: number[] = [];
  private readonly pattern = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;
  private readonly texts = new Map<number, string>();

  constructor(private readonly xml: string) {}

  at(i: number): string | undefined {
    const known = this.texts.get(i);
    if (known !== undefined) return known;
    while (this.starts.length <= i) {
      const m = this.pattern.exec(this.xml);
      if (m === null) return undefined;
      this.starts.push(m.index);
      if (this.starts.length - 1 === i) {
        const text = runText(m[1] ?? "");
        this.texts.set(i, text);
        return text;
      }
    }
    const at = this.starts[i]!;
    const again = new RegExp(this.pattern.source, "g");
    again.lastIndex = at;
    const text = runText(again.exec(this.xml)?.[1] ?? "");
    this.texts.set(i, text);
    return text;
  }
}

/** The text of a string item (`<si>`, `<is>`): its `<t>` elements, rich text runs joined, phonetic runs (`<rPh>`) left out. */
function runText(xml: string): string {
  const plain = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "");
  let text = "";
  for (const m of plain.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)) text += unescapeXml(m[1] ?? "");
  return text;
}
