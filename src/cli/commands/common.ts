/** What several commands share: finding the definition, opening the input, printing tables. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { detectLayoutA, filledFormCell, isInstructionsSheet, isListsSheet, uniqueSheetName } from "../../core/collect";
import { INDEX_SHEET } from "../../core/plan";
import { type DefinitionProblem, decodeDefinitionFile, formatProblems, parseDefinition, parseDefinitionText, problemsSummary } from "../../core/definition";
import type { IndexModel } from "../../core/definition/model";
import type { Lang, Message } from "../../core/i18n/text";
import { type TextEncoding, notUtf8Message, parseCsv, parseNumberText } from "../../core/read";
import { isExcelErrorText, isNotApplicableText } from "../../core/read/values";
import { isBlank } from "../../core/read/sheet";
import type { SheetSnapshot } from "../../core/types";
import { XlsxHost } from "../../hosts/xlsx";
import { parseRels, resolveTarget } from "../../hosts/xlsx/ooxml";
import { loadXlsx, snapshotSheet } from "../../hosts/xlsx/read";
import { BUILTIN_INDICES, findBuiltin } from "../../indices";
import { type CliIO, CliFailure, type FailureDetails, fail, readInputFile, resolvePath, writeFailure } from "../io";
import { M, T, type TemplateSheetContent } from "../messages";

export interface LoadedIndex {
  /** The definition as written (what a scored workbook embeds). */
  definition: unknown;
  model: IndexModel;
}

/** Whether a path names a regular file (a folder of that name is not a definition file). */
function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The definition named by --index: a JSON file when a regular file of that name exists, else a
 * built-in id (a folder called `dti-so-nganh-mau` in the current directory does not hide the
 * built-in index), else the path, which the error names as a folder or a missing file.
 */
export function loadIndex(io: CliIO, spec: string, lang: Lang): LoadedIndex {
  const path = resolvePath(io, spec);
  const builtinMatch = findBuiltin(spec);
  const looksLikeFile = isRegularFile(path) || (!builtinMatch && (existsSync(path) || /\.json$/i.test(spec) || spec.includes("/") || spec.includes("\\")));
  if (looksLikeFile) {
    const bytes = readInputFile(io, spec);
    // As a CSV file is read: UTF-8, UTF-16 ("Unicode"), or ANSI (Windows-1258) with a warning line.
    const { text, notice } = decodeDefinitionFile(bytes, spec);
    if (notice) io.stderr.write(`${T.severityOne.warning[lang]}: ${notice[lang]}\n`);
    const parsed = parseDefinitionText(text);
    if (!parsed.ok) failInvalidDefinition(spec, parsed.problems);
    // A file saved in NFD (letters and combining marks) is used in NFC: the forms, the results and
    // the definition kept in the workbook show composed Vietnamese text. JSON's own characters are
    // ASCII, untouched by NFC: only the text inside strings changes.
    const nfc = text.normalize("NFC");
    const again = nfc === text ? parsed : parseDefinitionText(nfc);
    if (!again.ok) return { definition: JSON.parse(text.replace(/^\uFEFF/, "")) as unknown, model: parsed.model };
    return { definition: JSON.parse(nfc.replace(/^\uFEFF/, "")) as unknown, model: again.model };
  }
  const builtin = builtinMatch;
  if (!builtin) fail(M.unknownIndex(spec, BUILTIN_INDICES.map((b) => b.id)));
  const parsed = parseDefinition(builtin.definition);
  if (!parsed.ok) failInvalidDefinition(builtin.file, parsed.problems);
  return { definition: builtin.definition, model: parsed.model };
}

/**
 * Every problem of a definition lines, one per line ("path: sentence"), after the one-line reason
 * (which names the only problem, or how many there are and the first).
 */
export function problemDetails(problems: DefinitionProblem[]): FailureDetails | undefined {
  if (problems.length < 2) return undefined;
  return { vi: formatProblems(problems, "vi").split("\n"), en: formatProblems(problems, "en").split("\n") };
}

function failInvalidDefinition(file: string, problems: DefinitionProblem[]): never {
  return fail(
    { vi: M.invalidDefinition(file, problemsSummary(problems, "vi")).vi, en: M.invalidDefinition(file, problemsSummary(problems, "en")).en },
    problemDetails(problems),
  );
}

export type InputKind = "xlsx" | "csv";

/** The kind of input a file's extension names; undefined for any other file (.xls, .ods…). */
function kindOfExtension(path: string): InputKind | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") return "csv";
  if (ext === ".xlsx" || ext === ".xlsm") return "xlsx";
  return undefined;
}

export function inputKind(path: string): InputKind {
  return kindOfExtension(path) ?? fail(M.unknownExtension(path, extname(path)));
}

/**
 * Why a file cannot be read as an .xlsx workbook, by its extension alone: another spreadsheet
 * format (.xls, .ods…, named with where to convert it) or a table (.csv); undefined for an .xlsx
 * file, which is then read. `name` is how the sentence names the file.
 */
export function notXlsxByExtension(path: string, name: string = path): Message | undefined {
  const kind = kindOfExtension(path);
  if (kind === "xlsx") return undefined;
  return kind === undefined ? M.unknownExtension(name, extname(path)) : M.notXlsx(name);
}

/** Whether two paths name the same file: the same path, or (both existing) the same inode. */
export function sameFile(io: CliIO, a: string, b: string): boolean {
  const pa = resolvePath(io, a);
  const pb = resolvePath(io, b);
  if (pa === pb) return true;
  try {
    const sa = statSync(pa);
    const sb = statSync(pb);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Before anything is read: what a command writes must not destroy what it reads. --out must be
 * an .xlsx file (the results are an Excel workbook) and not one of the input files unless that
 * input is itself an .xlsx workbook (scoring a workbook in place is the analyst's second run);
 * --json must be neither an input file nor the --out file.
 */
export function checkOutputs(io: CliIO, command: string, what: { files: string[]; out?: string | undefined; json?: string | undefined }): void {
  const { files, out, json } = what;
  if (out !== undefined) {
    for (const f of files) if (!/\.xlsx$/i.test(f) && sameFile(io, out, f)) fail(M.outIsInput("--out", out));
    if (!/\.xlsx$/i.test(out)) fail(M.outNotXlsx(command, out));
  }
  if (json !== undefined && json !== "-") {
    for (const f of files) if (sameFile(io, json, f)) fail(M.outIsInput("--json", json));
    if (out !== undefined && sameFile(io, json, out)) fail(M.jsonIsOut(json));
  }
}

/**
 * The lock file Excel (`~$name.xlsx`) or LibreOffice (`.~lock.name.xlsx#`) keeps while it has a
 * workbook open: which program, and the workbook's name. Undefined for any other file name.
 */
export function lockFileOf(path: string): { app: "Excel" | "LibreOffice"; workbook: string } | undefined {
  const name = basename(path);
  if (name.startsWith("~$") && name.length > 2) return { app: "Excel", workbook: name.slice(2) };
  const lo = /^\.~lock\.(.+)#$/.exec(name);
  if (lo) return { app: "LibreOffice", workbook: lo[1]! };
  return undefined;
}

/**
 * The lock file beside `out` that says Excel or LibreOffice has it open (`~$tong-hop.xlsx`,
 * `.~lock.tong-hop.xlsx#`; Office may also drop the first two letters of a long name), or undefined.
 */
export function lockFileBeside(io: CliIO, out: string): string | undefined {
  const full = resolvePath(io, out);
  const dir = dirname(full);
  const name = basename(full);
  const candidates = [`~$${name}`, `.~lock.${name}#`, ...(name.length > 8 ? [`~$${name.slice(2)}`] : [])];
  return candidates.find((c) => existsSync(join(dir, c)));
}

/** Said on stderr before --out is written when the workbook seems to be open in Excel or LibreOffice. */
export function warnIfOutOpen(io: CliIO, out: string, lang: Lang): void {
  const lock = lockFileBeside(io, out);
  if (lock !== undefined) io.stderr.write(M.outLocked(out, lock)[lang] + "\n");
}

/**
 * What a file is, as --out would replace it: a workbook this project scored (a sheet called
 * `_index`), another workbook, or something that is no .xlsx workbook at all.
 */
async function workbookKind(data: Uint8Array): Promise<"scored" | "workbook" | "other"> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return "other";
  }
  const rels = await zip.file("_rels/.rels")?.async("string");
  const office = rels !== undefined ? parseRels(rels).find((r) => /\/officeDocument$/.test(r.type)) : undefined;
  const workbook = await zip.file(office ? resolveTarget("", office.target) : "xl/workbook.xml")?.async("string");
  if (workbook === undefined || !/<(?:\w+:)?workbook\b/.test(workbook)) return "other";
  return [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)].some((m) => m[1] === INDEX_SHEET) ? "scored" : "workbook";
}

/**
 * What a workbook that `template` would replace holds: only what `template` makes — units' forms
 * with nothing typed in, its instructions sheet (or not: the user may have deleted it) — ("blank");
 * a unit's form with something typed in (its sheet and the cell named); a sheet `template` does
 * not make, beside forms it made (named: it would be lost); or anything else. On a form, what the
 * unit typed is anything in a cell the form leaves unlocked for typing (Số liệu, Tự chấm, Minh
 * chứng, Ghi chú, Số liệu thẩm định, and Kỳ đánh giá when no period was given), or in those
 * columns of the table (filledFormCell) on a form that lost its protection.
 */
async function templateContent(data: Uint8Array): Promise<"blank" | "other" | TemplateSheetContent> {
  let sheets: { ws: ExcelJS.Worksheet; snapshot: SheetSnapshot }[];
  try {
    sheets = (await loadXlsx(data)).worksheets.map((ws) => ({ ws, snapshot: snapshotSheet(ws) }));
  } catch {
    return "other";
  }
  const forms = sheets.filter((s) => detectLayoutA(s.snapshot) !== null);
  for (const { ws, snapshot } of forms) {
    const cell = filledFormCell(snapshot) ?? typedInputCell(ws, snapshot);
    if (cell !== undefined) return { filled: snapshot.name, cell };
  }
  const made = (s: SheetSnapshot): boolean => detectLayoutA(s) !== null || isInstructionsSheet(s) || isListsSheet(s);
  const extra = sheets.find((s) => !made(s.snapshot));
  if (extra === undefined) return "blank";
  // A workbook with no form and no instructions sheet is no set of forms at all.
  return forms.length > 0 || sheets.some((s) => isInstructionsSheet(s.snapshot)) ? { extra: extra.snapshot.name } : "other";
}

/** The first cell (row by row) that the sheet leaves unlocked for typing and that holds a value. */
function typedInputCell(ws: ExcelJS.Worksheet, snapshot: SheetSnapshot): string | undefined {
  let found: string | undefined;
  ws.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      if (found === undefined && cell.protection?.locked === false && !isBlank(snapshot.values[r - 1]?.[c - 1] ?? null)) found = cell.address;
    });
  });
  return found;
}

/** Whether `path` names a file of 0 bytes (nothing to lose by writing it anew, nothing to read from it). */
export function isEmptyFile(io: CliIO, path: string): boolean {
  try {
    const stat = statSync(resolvePath(io, path));
    return stat.isFile() && stat.size === 0;
  } catch {
    return false;
  }
}

/**
 * Before anything is written, what --out may replace: an empty file (0 bytes), or what the command
 * would write there anyway — for `score` the input (scoring in place) or a workbook this project
 * scored before (it has the `_index` sheet); for `template` a set of forms `template` made that is
 * still blank (templateContent). Any other file (a workbook of forms, forms with something typed
 * in, a sheet the user added, another spreadsheet, a document) is not written over: the command stops (status 2) with a sentence
 * naming the file, what it holds, and saying to choose another name or delete the file first. A
 * folder of that name is said at once, not after the work.
 */
export async function checkOutReplaceable(io: CliIO, out: string, replaces: { scored: true; input: string } | { blankForms: true }): Promise<void> {
  const full = resolvePath(io, out);
  if (!existsSync(full) || ("input" in replaces && sameFile(io, out, replaces.input))) return;
  let data: Uint8Array;
  try {
    const stat = statSync(full);
    if (stat.isDirectory()) fail(writeFailure(out, Object.assign(new Error("EISDIR"), { code: "EISDIR" })));
    if (stat.size === 0) return;
    data = new Uint8Array(readFileSync(full));
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    // A file that cannot be read is not looked into: writing it fails, and says why.
    return;
  }
  const kind = await workbookKind(data);
  if (kind === "other") fail(M.outWouldReplace(out, "not-workbook"));
  if ("scored" in replaces) {
    if (kind !== "scored") fail(M.outWouldReplace(out, "not-scored"));
    return;
  }
  if (kind === "scored") fail(M.outWouldReplace(out, "scored"));
  const content = await templateContent(data);
  if (content !== "blank") fail(M.outWouldReplace(out, content === "other" ? "not-template" : content));
}

/** Printed width of an A4 landscape page, in column-width units, at the smallest scale that still reads well (about 70%). */
const CSV_PAGE_WIDTH = 190;

/**
 * Whether a column of a CSV table holds figures: most of its fields below the header are numbers
 * as the reader may read them ("62.879", "1,5", "85%"), the others blank, "N/A"-like or errors.
 */
function isFigureColumn(rows: string[][], c: number): boolean {
  let figures = 0;
  let others = 0;
  for (const fields of rows.slice(1)) {
    const f = (fields[c] ?? "").trim();
    if (f === "" || isNotApplicableText(f) || isExcelErrorText(f)) continue;
    if (parseNumberText(f, "auto") !== undefined) figures++;
    else others++;
  }
  return figures > 0 && figures >= others;
}

/**
 * A CSV table (layout B) as a workbook of one sheet, the fields written as text exactly as they
 * were in the file, so the reader sees what it would see in the CSV (a text read per the index's
 * numberLocale: "1.860" read two ways is said, "73,6" in an en index is said) and the scored
 * workbook keeps the figures it was scored from. Storing them as numbers would change that: the
 * reader takes a number cell as it is, so the warnings about how a text was read would be lost,
 * and "1.0000" is no well-formed number in a vi index. The sheet is made to read as a table all
 * the same: figure columns right-aligned, the header and the unit's columns frozen, each column as wide as its
 * longest field, printed on A4 landscape with the header row on every page, one page wide when
 * that stays legible, else as many pages wide as needed with the unit's columns (those before the
 * first figure column) on every page. Also says how the bytes were decoded.
 */
export async function csvToWorkbook(data: Uint8Array, fileName: string): Promise<{ data: Uint8Array; encoding: TextEncoding }> {
  const { rows, encoding } = parseCsv(data);
  const wb = new ExcelJS.Workbook();
  // The sheet is named after the file; the messages name the file itself (csvFile, from the host's
  // source). Never `_index` ("_index.csv" → "_index (2)"): not for reading (readIndexSheet never takes
  // a CSV file for `_index`) but for writing, as the scored workbook gets the project's own `_index`.
  const sheetName = uniqueSheetName(basename(fileName, extname(fileName)) || "Data", new Set([INDEX_SHEET]));
  const ws = wb.addWorksheet(sheetName);
  const columns = Math.max(0, ...rows.map((fields) => fields.length));
  const figures = Array.from({ length: columns }, (_, c) => isFigureColumn(rows, c));
  rows.forEach((fields, r) => {
    fields.forEach((f, c) => {
      if (f.trim() === "") return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = f;
      if (figures[c]) cell.alignment = { horizontal: "right" };
    });
  });
  ws.getRow(1).font = { name: "Calibri", family: 2, size: 11, bold: true };
  // Each column as wide as its longest field (up to 50 characters), so that names and figures
  // read whole on screen and in print rather than cut off by the next column.
  const widths: number[] = [];
  for (const fields of rows) fields.forEach((f, c) => (widths[c] = Math.max(widths[c] ?? 0, f.trim().length)));
  widths.forEach((w, c) => {
    ws.getColumn(c + 1).width = Math.min(50, Math.max(9, w + 2));
  });
  const width = (from: number, to: number): number => {
    let sum = 0;
    for (let c = from; c < to; c++) sum += ws.getColumn(c + 1).width ?? 9;
    return sum;
  };
  const total = width(0, columns);
  // The unit's columns (code, name, category) are the text columns before the first figure column.
  const firstFigure = figures.indexOf(true);
  const titles = firstFigure > 0 && firstFigure <= 3 ? firstFigure : 0;
  const titleWidth = width(0, titles);
  // The header row and the unit's columns stay in sight while scrolling.
  ws.views = [{ state: "frozen", xSplit: titles, ySplit: 1 }];
  const pages = total <= CSV_PAGE_WIDTH || titles === 0 ? 1 : Math.ceil((total - titleWidth) / (CSV_PAGE_WIDTH - titleWidth));
  ws.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: pages,
    fitToHeight: 0,
    printTitlesRow: "1:1",
    ...(pages > 1 ? { printTitlesColumn: `A:${ws.getColumn(titles).letter}` } : {}),
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  const buf = await wb.xlsx.writeBuffer();
  return { data: new Uint8Array(buf as ArrayBuffer), encoding };
}

/**
 * Open the input of score/validate as an xlsx host (a CSV becomes a one-sheet workbook), with
 * what the user should know about the file: a CSV that was not UTF-8 and was read as
 * Windows-1258.
 */
export async function openInput(io: CliIO, path: string): Promise<{ host: XlsxHost; notices: Message[] }> {
  const bytes = readInputFile(io, path);
  const kind = inputKind(path);
  const notices: Message[] = [];
  let data = bytes;
  if (kind === "csv") {
    const csv = await csvToWorkbook(bytes, path);
    data = csv.data;
    if (csv.encoding === "windows-1258") notices.push(notUtf8Message(path));
  }
  try {
    // A workbook LibreOffice saved keeps its protection, unlocked cells and passwords (fromBuffer).
    const host = await XlsxHost.fromBuffer(data, basename(path));
    return { host, notices };
  } catch {
    return fail(M.notXlsx(path));
  }
}

/** Display width of a cell of text: code points after NFC (Vietnamese letters are one column each). */
export function textWidth(s: string): number {
  return [...s.normalize("NFC")].length;
}

export function pad(s: string, width: number, align: "left" | "right"): string {
  const gap = Math.max(0, width - textWidth(s));
  return align === "left" ? s + " ".repeat(gap) : " ".repeat(gap) + s;
}

/** Text in a column no wider than `max`, cut with an ellipsis. */
export function clip(s: string, max: number): string {
  const chars = [...s.normalize("NFC")];
  return chars.length <= max ? chars.join("") : chars.slice(0, max - 1).join("") + "…";
}

/** An aligned text table: a header line, a rule, and the rows. */
export function formatTable(header: string[], rows: string[][], align: ("left" | "right")[]): string {
  const widths = header.map((h, i) => Math.max(textWidth(h), ...rows.map((r) => textWidth(r[i] ?? ""))));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0, align[i] ?? "left"))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}
