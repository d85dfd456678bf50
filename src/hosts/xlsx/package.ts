/**
 * An .xlsx package opened for editing its parts after ExcelJS has written it (Package), and the
 * copying of parts with everything they reach from one package into another (PartCopier): part
 * names that do not collide, relationship targets rewritten, content types, chart formulas
 * naming the sheets a run renamed by their new names (renameInChart). Used by preserve.ts (the
 * user's drawings) and carry-parts.ts (chart sheets, PivotTables, sparklines).
 * Pure (jszip only): runs in Node and in the browser.
 */
import type JSZip from "jszip";
import { tableOf } from "./defined-names";
import {
  CT_DRAWING,
  CT_TABLE,
  ContentTypes,
  REL_DRAWING,
  type Relationship,
  drawingElementId,
  escapeRegExp,
  extensionOf,
  insertDrawingElement,
  isExternal,
  nextRelId,
  parseRels,
  relativeTarget,
  relsPathOf,
  resolveTarget,
  sheetElementsOf,
  sheetParts,
  writeRels,
} from "./ooxml";
import { renameSheetInFormula } from "./stale-results";


/** The relationship from a workbook to its VBA project (Office's, 2006). */
const REL_VBA_PROJECT = /\/relationships\/vbaProject$/i;

export class PartCopier {
  /** Source part → the part it became in the target. */
  private readonly copied = new Map<string, string>();
  private mediaIndex: Map<string, string[]> | undefined;

  constructor(
    private readonly source: Package,
    private readonly target: Package,
    /** Sheets renamed by the run: chart formulas naming `from` are made to name `to`. */
    private readonly renames: readonly { from: string; to: string }[] = [],
  ) {}

  /** `rel` of source part `from`, for target part `to`: its part copied, its target rewritten. */
  async relFor(from: string, to: string, rel: Relationship): Promise<Relationship> {
    if (isExternal(rel)) return rel;
    const path = resolveTarget(from, rel.target);
    if (!this.source.has(path)) return rel;
    const copy = await this.copy(path);
    return { ...rel, target: relativeTarget(to, copy) };
  }

  /** Copy a part and everything it reaches; the target part's name. */
  async copy(path: string): Promise<string> {
    const done = this.copied.get(path);
    if (done !== undefined) return done;
    const bytes = (await this.source.bytes(path)) ?? new Uint8Array();
    const rels = await this.source.rels(path);
    const same = rels.length === 0 ? await this.identicalMedia(path, bytes) : undefined;
    if (same !== undefined) {
      this.copied.set(path, same);
      return same;
    }
    const name = this.target.allocate(path);
    this.copied.set(path, name);
    this.target.zip.file(name, this.renames.length > 0 && CHART_PART.test(path) ? renameInChart(new TextDecoder().decode(bytes), this.renames) : bytes);
    this.target.typeLike(name, this.source, path);
    if (/^xl\/media\//i.test(name)) this.remember(name, bytes);
    if (rels.length > 0) {
      const out: Relationship[] = [];
      for (const rel of rels) out.push(await this.relFor(path, name, rel));
      this.target.writeRels(name, out);
    }
    return name;
  }

  /** A media part of the target with the same bytes and extension (a picture ExcelJS kept). */
  private async identicalMedia(path: string, bytes: Uint8Array): Promise<string | undefined> {
    if (!/^xl\/media\//i.test(path)) return undefined;
    if (!this.mediaIndex) {
      this.mediaIndex = new Map();
      for (const name of this.target.paths()) {
        if (!/^xl\/media\//i.test(name)) continue;
        const b = await this.target.bytes(name);
        if (b) this.remember(name, b);
      }
    }
    const ext = extensionOf(path);
    for (const name of this.mediaIndex.get(bytesKey(bytes)) ?? []) {
      if (extensionOf(name) !== ext) continue;
      const other = await this.target.bytes(name);
      if (other && sameBytes(other, bytes)) return name;
    }
    return undefined;
  }

  private remember(name: string, bytes: Uint8Array): void {
    if (!this.mediaIndex) return;
    const key = bytesKey(bytes);
    this.mediaIndex.set(key, [...(this.mediaIndex.get(key) ?? []), name]);
  }
}

/** A chart or chartEx part (its series name their data by formulas). */
const CHART_PART = /(^|\/)charts\/chart(Ex)?[^/]*\.xml$/i;

/** A chart's XML with the formulas of its `<c:f>` (and chartEx `<cx:f>`) elements naming the renamed sheets by their new names. */
export function renameInChart(xml: string, renames: readonly { from: string; to: string }[]): string {
  return xml.replace(/(<((?:\w+:)?f)\b[^>]*>)([^<]*)(<\/\2>)/g, (whole, open: string, _tag: string, text: string, close: string) => {
    const formula = text.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    let renamed = formula;
    for (const { from, to } of renames) renamed = renameSheetInFormula(renamed, from, to);
    if (renamed === formula) return whole;
    return `${open}${renamed.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}${close}`;
  });
}

// ---------------------------------------------------------------------------------------------
// One package: parts, relationships, content types, sheets by name

export class Package {
  /** Sheet name → its part: worksheets, and chart sheets too (`kinds` tells them apart). */
  readonly sheets = new Map<string, string>();
  /** Sheet name → what its relationship says it is: "worksheet", "chartsheet" (or "dialogsheet"…). */
  readonly kinds = new Map<string, string>();
  private types = new ContentTypes("");
  private readonly names = new Set<string>();

  /** The workbook part's path. */
  workbook = "xl/workbook.xml";

  private constructor(readonly zip: JSZip) {}

  static async open(zip: JSZip): Promise<Package> {
    const pkg = new Package(zip);
    zip.forEach((path, file) => {
      if (!file.dir) pkg.names.add(path.toLowerCase());
    });
    pkg.types = new ContentTypes((await pkg.textOrUndefined("[Content_Types].xml")) ?? "");
    const workbookPath = await pkg.workbookPath();
    pkg.workbook = workbookPath;
    const workbook = (await pkg.textOrUndefined(workbookPath)) ?? "";
    const rels = await pkg.rels(workbookPath);
    for (const [name, path] of sheetParts(workbook, rels, workbookPath)) pkg.sheets.set(name, path);
    for (const s of sheetElementsOf(workbook)) {
      const rel = rels.find((r) => r.id === s.rid);
      if (rel) pkg.kinds.set(s.name, rel.type.replace(/^.*\//, ""));
    }
    return pkg;
  }

  /**
   * Whether the workbook holds macros: a VBA project (an .xlsm file's `vbaProject.bin`, related
   * from the workbook part), which ExcelJS neither reads nor writes.
   */
  async hasMacros(): Promise<boolean> {
    return (await this.rels(this.workbook)).some((r) => !isExternal(r) && REL_VBA_PROJECT.test(r.type) && this.has(resolveTarget(this.workbook, r.target)));
  }

  /** The sheet of that name, whatever its case (as Excel compares sheet names): its name as the workbook spells it, its part and what it is. */
  sheetNamed(name: string): { name: string; path: string; kind: string } | undefined {
    const wanted = name.toLowerCase();
    for (const [n, path] of this.sheets) if (n.toLowerCase() === wanted) return { name: n, path, kind: this.kinds.get(n) ?? "worksheet" };
    return undefined;
  }

  /** The worksheets by name (chart sheets left out), with their parts. */
  worksheets(): [string, string][] {
    return [...this.sheets].filter(([name]) => (this.kinds.get(name) ?? "worksheet") === "worksheet");
  }

  /** The package's tables (their parts, by content type), by name in lower case: the name structured references use, and the headers. */
  async tables(): Promise<Map<string, { name: string; headers: string[] }>> {
    const out = new Map<string, { name: string; headers: string[] }>();
    for (const path of this.paths()) {
      if (this.types.of(path) !== CT_TABLE) continue;
      const table = tableOf((await this.textOrUndefined(path)) ?? "");
      if (table) out.set(table.name.toLowerCase(), table);
    }
    return out;
  }

  private async workbookPath(): Promise<string> {
    const rels = parseRels((await this.textOrUndefined("_rels/.rels")) ?? "");
    const main = rels.find((r) => r.type.endsWith("/officeDocument"));
    return main ? resolveTarget("", main.target) : "xl/workbook.xml";
  }

  save(): void {
    this.zip.file("[Content_Types].xml", this.types.xml);
  }

  paths(): string[] {
    const out: string[] = [];
    this.zip.forEach((path, file) => {
      if (!file.dir) out.push(path);
    });
    return out;
  }

  has(path: string): boolean {
    return this.zip.file(path) !== null;
  }

  async text(path: string): Promise<string> {
    const t = await this.textOrUndefined(path);
    if (t === undefined) throw new Error(`The workbook has no part ${path}`);
    return t;
  }

  async textOrUndefined(path: string): Promise<string | undefined> {
    return this.zip.file(path)?.async("string");
  }

  async bytes(path: string): Promise<Uint8Array | undefined> {
    return this.zip.file(path)?.async("uint8array");
  }

  async rels(partPath: string): Promise<Relationship[]> {
    const xml = await this.textOrUndefined(relsPathOf(partPath));
    return xml === undefined ? [] : parseRels(xml);
  }

  writeRels(partPath: string, rels: Relationship[]): void {
    const path = relsPathOf(partPath);
    this.zip.file(path, writeRels(rels));
    this.names.add(path.toLowerCase());
  }

  /** The drawing part a sheet points at through its <drawing r:id>. */
  async drawingOf(sheetPath: string): Promise<string | undefined> {
    const xml = await this.textOrUndefined(sheetPath);
    if (xml === undefined) return undefined;
    const id = drawingElementId(xml);
    if (id === undefined) return undefined;
    const rel = (await this.rels(sheetPath)).find((r) => r.id === id);
    return rel && !isExternal(rel) ? resolveTarget(sheetPath, rel.target) : undefined;
  }

  /** Give a sheet that has no drawing the drawing part `drawingPath`. */
  async linkDrawing(sheetPath: string, drawingPath: string): Promise<void> {
    const rels = await this.rels(sheetPath);
    const id = nextRelId(new Set(rels.map((r) => r.id)));
    rels.push({ id, type: REL_DRAWING, target: relativeTarget(sheetPath, drawingPath), extra: "" });
    this.writeRels(sheetPath, rels);
    const sheetXml = await this.text(sheetPath);
    const stale = drawingElementId(sheetXml);
    this.zip.file(
      sheetPath,
      stale === undefined
        ? insertDrawingElement(sheetXml, id)
        : sheetXml.replace(/(<(?:\w+:)?drawing\b[^>]*?\s\w+:id=")[^"]*"/, `$1${id}"`),
    );
    if (this.types.of(drawingPath) === undefined) this.types.setOverride(drawingPath, CT_DRAWING);
  }

  /** A free part name like `path`: the same when free, else the next number of its stem. */
  allocate(path: string): string {
    let name = path;
    if (this.names.has(name.toLowerCase())) {
      const m = /^(.*\/)?([^/]*?)(\d*)(\.[^./]*)?$/.exec(path);
      const dir = m?.[1] ?? "";
      const stem = m?.[2] ?? path;
      const ext = m?.[4] ?? "";
      const re = new RegExp(`^${escapeRegExp(`${dir}${stem}`.toLowerCase())}(\\d+)${escapeRegExp(ext.toLowerCase())}$`);
      let n = 0;
      for (const existing of this.names) {
        const k = re.exec(existing);
        if (k) n = Math.max(n, Number(k[1]));
      }
      do name = `${dir}${stem}${++n}${ext}`;
      while (this.names.has(name.toLowerCase()));
    }
    this.names.add(name.toLowerCase());
    return name;
  }

  /** Give part `path` the content type that part `otherPath` has in `other`. */
  typeLike(path: string, other: Package, otherPath: string): void {
    const override = other.types.overrideOf(otherPath);
    if (override !== undefined) {
      this.types.setOverride(path, override);
      return;
    }
    const ext = extensionOf(otherPath);
    const wanted = other.types.defaultOf(ext);
    if (wanted === undefined) return;
    const mine = this.types.defaultOf(extensionOf(path));
    if (mine === wanted) return;
    if (mine === undefined && extensionOf(path) === ext) this.types.addDefault(ext, wanted);
    else this.types.setOverride(path, wanted);
  }

  /** Remove parts (and their content types and rels) that no relationship points at any more. */
  async removeUnreferenced(candidates: string[]): Promise<void> {
    if (candidates.length === 0) return;
    const referenced = new Set<string>();
    for (const path of this.paths()) {
      const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(path);
      if (!m) continue;
      const source = `${m[1]}${m[2]}`;
      for (const rel of parseRels((await this.textOrUndefined(path)) ?? "")) {
        if (!isExternal(rel)) referenced.add(resolveTarget(source, rel.target).toLowerCase());
      }
    }
    for (const part of new Set(candidates)) {
      if (referenced.has(part.toLowerCase()) || !this.has(part)) continue;
      this.zip.remove(part);
      this.names.delete(part.toLowerCase());
      this.types.removeOverride(part);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Comparing parts by their bytes

/** Length and FNV-1a hash: a cheap key to find parts with the same bytes (confirmed byte by byte). */
export function bytesKey(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${bytes.length}:${h.toString(16)}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
