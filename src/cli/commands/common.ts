/** What several commands share: finding the definition, opening the input, printing tables. */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { constants as zlibConstants, inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { detectLayoutA, filledFormCell, isInstructionsSheet, isListsSheet, uniqueSheetName } from "../../core/collect";
import { INDEX_SHEET, readIndexSheet, unitKey } from "../../core/plan";
import { type StaleKind, staleGroups, staleResults, submissionsAsScored } from "../../core/stale";
import { type DefinitionProblem, decodeDefinitionFile, notDefinitionText, formatProblems, parseDefinition, parseDefinitionText, problemsSummary } from "../../core/definition";
import type { IndexModel } from "../../core/definition/model";
import type { Lang, Message } from "../../core/i18n/text";
import { type LegacyEncoding, type TextEncoding, decodeText, isCodePage, notUtf8Message, parseCsv, parseNumberText } from "../../core/read";
import { isExcelErrorText, isNotApplicableText } from "../../core/read/values";
import { isBlank } from "../../core/read/sheet";
import type { Issue, SheetSnapshot } from "../../core/types";
import { XlsxHost } from "../../hosts/xlsx";
import { parseRels, resolveTarget } from "../../hosts/xlsx/ooxml";
import { setPageTexts } from "../../hosts/xlsx/page-texts";
import { sheetFooter } from "../../core/plan/labels";
import { loadXlsx, snapshotSheet, tooLargeToUnpackMessage, unpacksTooLarge, withoutWorksheets, withoutWorksheetsMessage } from "../../hosts/xlsx/read";
import { BUILTIN_INDICES, builtinLike, findBuiltin } from "../../indices";
import { type CliIO, CliFailure, type FailureDetails, checkOutputFolder, checkOutputWritable, fail, readInputFile, resolvePath, standardStream, writeFailure, writeOutputFile } from "../io";
import { isWrittenDirectly } from "../safe-write";
import { M, T, TABLE_EXTENSIONS, type TemplateSheetContent, WORKBOOK_EXTENSIONS } from "../messages";

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
 * The command --index was given to, with its input given (the workbook or table of score and
 * validate, the workbooks of collect, template's --units: those commands ask for it before the
 * definition is read), or "validate-index": validate without a file. A workbook given to --index
 * is said to go where the command takes it only when that input is missing (failIfIndexNotText).
 */
export type IndexUse = "score" | "validate" | "validate-index" | "collect" | "template";

/** The command whose input is missing, when --index was given a workbook: where the sentence says to give it instead. */
export type MissingInput = "score" | "validate" | "collect" | "template";

/**
 * The definition named by --index: a JSON file when a regular file of that name exists, else a
 * built-in id (a folder called `dti-so-nganh-mau` in the current directory does not hide the
 * built-in index), else the path, which the error names as a folder or a missing file. A file
 * that is no text (a workbook given to --index) is said to be so, with what --index takes; for
 * validate without a file (`use` "validate-index"), with where the workbook goes too.
 */
export function loadIndex(io: CliIO, spec: string, lang: Lang, use?: IndexUse, json?: string): LoadedIndex {
  // With --json (score, validate), an invalid definition's problems are written there too, as the
  // contract's issues, before the command stops: a tool reads them as data, the user on stderr.
  const failInvalid = (file: string, problems: DefinitionProblem[], raw: unknown): never => {
    if (json !== undefined) writeDefinitionProblems(io, json, problems, raw, lang);
    return failInvalidDefinition(file, problems);
  };
  const path = resolvePath(io, spec);
  const builtinMatch = findBuiltin(spec);
  const looksLikeFile = isRegularFile(path) || (!builtinMatch && (existsSync(path) || /\.json$/i.test(spec) || spec.includes("/") || spec.includes("\\")));
  if (looksLikeFile) {
    const named = existsSync(path) ? undefined : BUILTIN_INDICES.find((b) => b.file === basename(spec.trim()).toLowerCase());
    if (named) fail(M.indexFileMissingBuiltin(spec, named.id));
    const bytes = readInputFile(io, spec);
    const binary = notDefinitionText(bytes);
    if (binary) fail(M.indexNotDefinition(spec, binary, use === "validate-index" ? "validate" : undefined));
    // As a CSV file is read: UTF-8, UTF-16 ("Unicode"), or ANSI (Windows-1258) with a warning line.
    const { text, notice } = decodeDefinitionFile(bytes, spec);
    if (notice) io.stderr.write(`${T.severityOne.warning[lang]}: ${notice[lang]}\n`);
    const parsed = parseDefinitionText(text);
    if (!parsed.ok) return failInvalid(spec, parsed.problems, jsonOrUndefined(text));
    // A file saved in NFD (letters and combining marks) is used in NFC: the forms, the results and
    // the definition kept in the workbook show composed Vietnamese text. JSON's own characters are
    // ASCII, untouched by NFC: only the text inside strings changes.
    const nfc = text.normalize("NFC");
    const again = nfc === text ? parsed : parseDefinitionText(nfc);
    if (!again.ok) return { definition: JSON.parse(text.replace(/^\uFEFF/, "")) as unknown, model: parsed.model };
    return { definition: JSON.parse(nfc.replace(/^\uFEFF/, "")) as unknown, model: again.model };
  }
  const builtin = builtinMatch;
  if (!builtin) fail(M.unknownIndex(spec, BUILTIN_INDICES.map((b) => b.id), builtinLike(spec)?.id));
  const parsed = parseDefinition(builtin.definition);
  if (!parsed.ok) return failInvalid(builtin.file, parsed.problems, builtin.definition);
  return { definition: builtin.definition, model: parsed.model };
}

/**
 * Before a command says that its input is missing (score or collect without a workbook, template
 * without --units): a workbook given to --index instead stops it with the sentence saying where
 * that workbook goes (`missing`), rather than only asking for the input. Anything else given to
 * --index (a definition file, a built-in id, a file not there) is left for loadIndex.
 */
export function failIfIndexNotText(io: CliIO, spec: string, missing: MissingInput): void {
  if (!isRegularFile(resolvePath(io, spec))) return;
  const binary = notDefinitionText(readInputFile(io, spec));
  if (binary) fail(M.indexNotDefinition(spec, binary, missing));
}

/**
 * The problems of a definition after the first, one per line ("path: sentence"), after the one-line
 * reason (which names the only problem, or how many there are and the first): each said once.
 */
export function problemDetails(problems: DefinitionProblem[]): FailureDetails | undefined {
  const others = problems.slice(1);
  if (others.length === 0) return undefined;
  return { vi: formatProblems(others, "vi").split("\n"), en: formatProblems(others, "en").split("\n") };
}

/** The JSON a definition file holds, or undefined when it is not JSON at all. */
function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The --json of a command stopped by an invalid definition: the contract's object with the index as
 * far as the file names it (its id and version when they are text, else null), no units, and each
 * problem as an error issue (`code` the problem's, no sheet or cell, the problem's JSON `path` as
 * our own key, the sentence in the run's language with where it is).
 */
function writeDefinitionProblems(io: CliIO, json: string, problems: DefinitionProblem[], raw: unknown, lang: Lang): void {
  const r = (typeof raw === "object" && raw !== null ? raw : {}) as { id?: unknown; version?: unknown };
  const index = typeof r.id === "string" ? { id: r.id, version: typeof r.version === "string" ? r.version : null } : null;
  const issues = problems.map((p) => ({
    severity: "error",
    code: p.code,
    sheet: null,
    cell: null,
    unit: null,
    node: null,
    path: p.path,
    // The file's line, for a definition on several lines; null otherwise.
    line: p.line ?? null,
    message: formatProblems([p], lang),
  }));
  const text = JSON.stringify({ index, units: [], issues, stale: null }, null, 2) + "\n";
  if (json === "-") io.stdout.write(text);
  else writeOutputFile(io, json, text);
}

function failInvalidDefinition(file: string, problems: DefinitionProblem[]): never {
  return fail(
    { vi: M.invalidDefinition(file, problemsSummary(problems, "vi")).vi, en: M.invalidDefinition(file, problemsSummary(problems, "en")).en },
    problemDetails(problems),
  );
}

export type InputKind = "xlsx" | "csv";

/** The kind of input a file's extension names; undefined for any other file (.xls, .ods…). */
export function kindOfExtension(path: string): InputKind | undefined {
  const ext = extname(path).toLowerCase();
  if (TABLE_EXTENSIONS.includes(ext)) return "csv";
  if (WORKBOOK_EXTENSIONS.includes(ext)) return "xlsx";
  return undefined;
}

/**
 * An .xlsx workbook given another name (".xls", ".ods", none), as a file renamed to suit a system
 * that asks for .xls is: a zip package holding a workbook part, not an OpenDocument one. Said as
 * such, with the name to give it, rather than as a file of the format its name says.
 */
export function workbookMisnamed(data: Uint8Array, path: string): Message | undefined {
  if (!startsWith(data, [0x50, 0x4b, 0x03, 0x04]) || isOpenDocumentSpreadsheet(data)) return undefined;
  const head = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (!head.includes("[Content_Types].xml") || !head.includes("xl/workbook.xml")) return undefined;
  return M.xlsxMisnamed(path, extname(path));
}

export function inputKind(path: string): InputKind {
  return kindOfExtension(path) ?? fail(M.unknownExtension(path, extname(path)));
}

/**
 * Why a file given to collect cannot be gathered, by its extension alone: another spreadsheet
 * format (.xls, .ods…, named with where to convert it) or a table of text (.csv: collect takes
 * workbooks of forms, a table is scored directly); undefined for an .xlsx file, which is then
 * read. `name` is how the sentence names the file.
 */
export function notXlsxByExtension(path: string, name: string = path): Message | undefined {
  const kind = kindOfExtension(path);
  if (kind === "xlsx") return undefined;
  return kind === undefined ? M.unknownExtension(name, extname(path), true) : M.tableNotForms(name, extname(path).toLowerCase());
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
 * --json must be neither an input file nor the --out file. Each must be writable (checkOutputWritable):
 * a folder that takes no file is said now, not after the scoring or after the other was written.
 */
export function checkOutputs(io: CliIO, command: string, what: { files: string[]; out?: string | undefined; json?: string | undefined }): void {
  const { files, out, json } = what;
  if (out !== undefined) {
    for (const f of files) if (!/\.xlsx$/i.test(f) && sameFile(io, out, f)) fail(M.outIsInput("--out", out));
    if (!/\.xlsx$/i.test(out)) fail(M.outNotXlsx(command, out));
    checkOutputWritable(io, out);
  }
  if (json !== undefined && json !== "-") {
    for (const f of files) if (sameFile(io, json, f)) fail(M.outIsInput("--json", json));
    if (out !== undefined && sameFile(io, json, out)) fail(M.jsonIsOut(json));
    checkJsonReplaceable(io, json);
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
    // A package that unpacks to gigabytes is not looked into.
    if (unpacksTooLarge(data)) return "other";
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
 * columns of the table (filledFormCell) on a form that lost its protection. A form is a sheet whose
 * table the reader reads: one the scorer knows for a unit's form only by its header block, its
 * table header edited ("Số liệu báo cáo": detectLayoutA's `unreadTable`), is the unit's work, not
 * the template's, and is named as a sheet `template` does not make; so is a cover or notes sheet
 * laid out as a form's top (which detectLayoutA takes for no form).
 */
async function templateContent(data: Uint8Array): Promise<"blank" | "other" | TemplateSheetContent> {
  let sheets: { ws: ExcelJS.Worksheet; snapshot: SheetSnapshot }[];
  try {
    sheets = (await loadXlsx(data)).worksheets.map((ws) => ({ ws, snapshot: snapshotSheet(ws) }));
  } catch {
    return "other";
  }
  const isForm = (s: SheetSnapshot): boolean => {
    const h = detectLayoutA(s);
    return h !== null && h.unreadTable === undefined;
  };
  const forms = sheets.filter((s) => isForm(s.snapshot));
  for (const { ws, snapshot } of forms) {
    const cell = filledFormCell(snapshot) ?? typedInputCell(ws, snapshot);
    if (cell !== undefined) return { filled: snapshot.name, cell };
  }
  const made = (s: SheetSnapshot): boolean => isForm(s) || isInstructionsSheet(s) || isListsSheet(s);
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

/** An output named where a folder of that name is: it cannot be written. */
function isFolder(path: string): Message {
  return writeFailure(path, Object.assign(new Error("EISDIR"), { code: "EISDIR" }));
}

/**
 * Before anything is written, what --out may replace: an empty file (0 bytes), or what the command
 * would write there anyway — for `score` the input (scoring in place) or a workbook this project
 * scored before (it has the `_index` sheet) whose inputs did not change since it was scored; for
 * `template` a set of forms `template` made that is still blank (templateContent). Any other file
 * (a workbook of forms, forms with something typed in, a sheet the user added, another
 * spreadsheet, a document, a scored workbook corrected since its scoring) is not written over:
 * the command stops (status 2) with a sentence naming the file, what it holds, and what to do
 * instead. A folder of that name is said at once, not after the work. For `score`, the units of
 * the scored workbook it would replace (by key, with their names): the run must hold them all
 * (unitsLostBy), or it would lose them.
 */
export async function checkOutReplaceable(io: CliIO, out: string, replaces: { scored: true; input: string } | { blankForms: true }): Promise<ScoredOut> {
  const none: ScoredOut = { units: new Map(), sheets: [] };
  const full = resolvePath(io, out);
  if (existsSync(full) && "input" in replaces && sameFile(io, out, replaces.input)) {
    // Scored in place: nothing of the input is lost but its macros (a VBA project in a file named
    // .xlsx), which an .xlsx file written cannot hold; the original keeps them only if it is not written over.
    if (await holdsMacros(full)) fail(M.outInPlaceMacros(out));
    return none;
  }
  if (!existsSync(full)) return none;
  let data: Uint8Array;
  try {
    const stat = statSync(full);
    if (stat.isDirectory()) fail(isFolder(out));
    // Empty, or no regular file (a named pipe would make reading it wait for ever): nothing to keep.
    if (stat.size === 0 || !stat.isFile()) return none;
    data = new Uint8Array(readFileSync(full));
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    // A file that cannot be read is not looked into: writing it fails, and says why.
    return none;
  }
  const kind = await workbookKind(data);
  if (kind === "other") fail(M.outWouldReplace(out, "not-workbook"));
  if ("scored" in replaces) {
    if (kind !== "scored") fail(M.outWouldReplace(out, "not-scored"));
    return scoredUnits(out, data);
  }
  if (kind === "scored") fail(M.outWouldReplace(out, "scored"));
  const content = await templateContent(data);
  if (content !== "blank") fail(M.outWouldReplace(out, content === "other" ? "not-template" : content));
  return none;
}

/** Whether the file at `full` is a zip package with a VBA project (xl/vbaProject.bin): a macro workbook, whatever its name. */
async function holdsMacros(full: string): Promise<boolean> {
  try {
    const zip = await JSZip.loadAsync(readFileSync(full));
    return Object.keys(zip.files).some((name) => /(^|\/)vbaProject\.bin$/i.test(name));
  } catch {
    return false;
  }
}

/**
 * What a scored workbook that --out would replace holds that the run must keep: its units (by key,
 * with their names) and the sheets that are neither the project's (`_index` and the sheets it lists)
 * nor a unit's form or table (a sheet the user added: "Nhận xét của Hội đồng").
 */
export interface ScoredOut {
  units: Map<string, string>;
  sheets: string[];
}

/** Kinds of change that leave nothing in the workbook to lose: a unit's form added to it (its unit is held) or deleted from it. */
const NOTHING_LOST = new Set<StaleKind>(["added", "removed"]);

/**
 * The units a scored workbook holds (read with the definition it keeps: with the forms added since
 * it was scored, and those its provenance stamp names but for the forms deleted from it), by key
 * with their names, and the sheets of its own (ScoredOut); stops the command when figures in it
 * changed since it was scored (a correction made in it would be lost), naming the units as the
 * stale report does.
 */
async function scoredUnits(out: string, data: Uint8Array): Promise<ScoredOut> {
  let snapshot;
  try {
    snapshot = await (await XlsxHost.fromBuffer(data, basename(out))).read();
  } catch {
    return { units: new Map(), sheets: [] };
  }
  const state = readIndexSheet(snapshot);
  if (!state) return { units: new Map(), sheets: [] };
  const stale = staleResults(snapshot, undefined, "vi", state);
  const groups = stale ? staleGroups(stale) : [];
  const changed = groups.filter((g) => !NOTHING_LOST.has(g.kind));
  if (stale && (changed.length > 0 || groups.length === 0)) fail(M.outWouldLose(out, { changed: changed.flatMap((g) => g.names) }));
  const removed = new Set(groups.filter((g) => g.kind === "removed").flatMap((g) => g.keys));
  const submissions = submissionsAsScored(snapshot, state) ?? [];
  const units = new Map(submissions.map((s) => [unitKey(s), s.name]));
  for (const k of Object.keys(state.provenance?.unitHashes ?? {})) if (!units.has(k) && !removed.has(k)) units.set(k, k);
  // The project's sheets (as `_index` lists them: renamed by a language switch too), the units' forms
  // and tables, and the instructions and lists sheets `template` makes are no sheets of the user's.
  const own = new Set([INDEX_SHEET, ...state.owned.sheets, ...submissions.flatMap((s) => (s.source ? [s.source.sheet] : []))]);
  const sheets = snapshot.sheets.filter((s) => !own.has(s.name) && !isInstructionsSheet(s) && !isListsSheet(s)).map((s) => s.name);
  return { units, sheets };
}

/**
 * The units (and names) the run's input names: those scored, and those its findings name (a unit
 * left unscored as its code is taken, "duplicate-unit", is in the input all the same).
 */
export function unitsOfRun(submissions: readonly { code: string; name: string }[], issues: readonly Issue[]): Set<string> {
  const keys = new Set(submissions.map((s) => unitKey(s)));
  for (const i of issues) if (i.unit !== undefined) keys.add(i.unit);
  return keys;
}

/**
 * Before a scored workbook --out (not the input) is written over: the units it holds (from
 * checkOutReplaceable) that the run's input does not name (`keys`, unitsOfRun: by key or name), and
 * the sheets of its own that the workbook about to be written (`sheets`) has not, which would be lost.
 */
export function failIfOutLoses(out: string, held: ScoredOut, keys: Set<string>, sheets: readonly string[]): void {
  const lost = [...held.units].filter(([k, name]) => !keys.has(k) && !keys.has(name)).map(([, name]) => name);
  if (lost.length > 0) fail(M.outWouldLose(out, { units: lost }));
  const kept = new Set(sheets);
  const gone = held.sheets.filter((n) => !kept.has(n));
  if (gone.length > 0) fail(M.outWouldLose(out, { sheets: gone }));
}

/** Above this size a file --json would replace is known by its first bytes only (JSON_HEAD), not read whole. */
const JSON_READ_LIMIT = 16 * 1024 * 1024;
/** How much of a large file --json would replace is read to know it. */
const JSON_HEAD = 64 * 1024;

/**
 * The start of what `score` and `validate` write with --json (resultsJson: `"index"` with its id and
 * version, then the list `"units"`), by which a file too large to read whole is known as theirs.
 */
const RESULTS_JSON_START = /^\s*\{\s*"index"\s*:\s*\{\s*"id"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*"version"\s*:\s*"(?:[^"\\]|\\.)*"\s*\}\s*,\s*"units"\s*:\s*\[/;

/**
 * Before --json is written to a file (its folder must be there, and take the file): a file already
 * there is replaced only when it is what this tool writes with --json (isOurJson) or empty; any
 * other file (a workbook, a document, an index definition or other JSON) is not written over. What
 * is no regular file (a terminal, /dev/full, a named pipe; /dev/stderr) is written to without being
 * read (reading it would wait for typing, or for ever); a file over JSON_READ_LIMIT is known by its
 * first JSON_HEAD bytes.
 */
export function checkJsonReplaceable(io: CliIO, json: string): void {
  const full = checkOutputFolder(io, json);
  if (standardStream(io, json) === undefined) {
    const text = jsonFileText(json, full);
    if (text !== undefined) {
      const body = text.text.replace(/^\uFEFF/, "");
      if (text.whole) {
        if (body.trim() !== "") {
          let value: unknown;
          try {
            value = JSON.parse(body);
          } catch {
            fail(M.outWouldReplace(json, "not-json", "--json"));
          }
          if (!isOurJson(value)) fail(M.outWouldReplace(json, "not-our-json", "--json"));
        }
      } else if (!RESULTS_JSON_START.test(body)) fail(M.outWouldReplace(json, /^\s*[[{]/.test(body) ? "not-our-json" : "not-json", "--json"));
    }
  }
  checkOutputWritable(io, json);
}

/**
 * What the file --json names holds, for checkJsonReplaceable: all of it (`whole`), or its first
 * bytes when it is large; undefined when there is nothing to look at (no file, one written
 * directly, one that cannot be read: writing it is checked next, and says why it cannot be).
 */
function jsonFileText(json: string, full: string): { text: string; whole: boolean } | undefined {
  let size: number;
  try {
    const stat = statSync(full);
    if (stat.isDirectory()) fail(isFolder(json));
    if (!stat.isFile() || isWrittenDirectly(full)) return undefined;
    size = stat.size;
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    return undefined;
  }
  try {
    if (size <= JSON_READ_LIMIT) return { text: readFileSync(full, "utf8"), whole: true };
    const fd = openSync(full, "r");
    try {
      const head = Buffer.alloc(JSON_HEAD);
      const n = readSync(fd, head, 0, JSON_HEAD, 0);
      return { text: head.subarray(0, n).toString("utf8"), whole: false };
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Whether JSON data is what this tool writes with --json: the results of score or validate (an
 * object with the lists "units" and "issues"), or the list of `indices --json` (objects with "id",
 * "version" and "file"). An index definition, or any other JSON, is not.
 */
function isOurJson(v: unknown): boolean {
  if (isObject(v)) return Array.isArray(v.units) && Array.isArray(v.issues) && !("root" in v);
  return Array.isArray(v) && v.every((e) => isObject(e) && typeof e.id === "string" && typeof e.version === "string" && "file" in e);
}

/** Printed width of an A4 landscape page, in column-width units, at the smallest scale that still reads well (about 70%). */
const CSV_PAGE_WIDTH = 190;

/**
 * Whether a column of a CSV table holds figures: most of its fields below the header are numbers
 * as the reader may read them ("62.879", "1,5", "85%"), the others blank, "N/A"-like or errors;
 * or it has no field but "N/A"-like ones, errors and blanks (an indicator none of the units has a
 * figure for), which lines up with the figures beside it as well.
 */
function isFigureColumn(rows: string[][], c: number): boolean {
  let figures = 0;
  let marks = 0;
  let others = 0;
  for (const fields of rows.slice(1)) {
    const f = (fields[c] ?? "").trim();
    if (f === "") continue;
    if (isNotApplicableText(f) || isExcelErrorText(f)) marks++;
    else if (parseNumberText(f, "auto") !== undefined) figures++;
    else others++;
  }
  return figures + marks > 0 && figures >= others;
}

/**
 * A CSV table (layout B) as a workbook of one sheet, the fields written as text exactly as they
 * were in the file, so the reader sees what it would see in the CSV (a text read per the index's
 * numberLocale: "1.860" read two ways is said, "73,6" in an en index is said) and the scored
 * workbook keeps the figures it was scored from. Storing them as numbers would change that: the
 * reader takes a number cell as it is, so the warnings about how a text was read would be lost,
 * and "1.0000" is no well-formed number in a vi index. The sheet is made to read as a table all
 * the same: figure columns right-aligned (their header, their "N/A" and their errors with their
 * figures), the header and the unit's columns frozen, each column as wide as its
 * longest field, printed on A4 landscape with the header row on every page, one page wide when
 * that stays legible, else as many pages wide as needed with the unit's columns (those before the
 * first figure column, or the first two of more) on every page. Also says how the bytes were decoded.
 */
export async function csvToWorkbook(
  data: Uint8Array,
  fileName: string,
): Promise<{ data: Uint8Array; encoding: TextEncoding; legacy?: LegacyEncoding; fields: number[]; sheet: string }> {
  const { rows, encoding, legacy } = parseCsv(data);
  const wb = new ExcelJS.Workbook();
  // The workbook a scored table becomes is made by DTI Scorer (ExcelJS would write "Unknown" as its author and who saved it last).
  wb.creator = "DTI Scorer";
  wb.lastModifiedBy = "DTI Scorer";
  // The sheet is named after the file; the messages name the file itself (csvFile, from the host's
  // source). Never `_index` ("_index.csv" → "_index (2)"): not for reading (readIndexSheet never takes
  // a CSV file for `_index`) but for writing, as the scored workbook gets the project's own `_index`.
  const sheetName = uniqueSheetName(basename(fileName, extname(fileName)) || "Data", new Set([INDEX_SHEET]));
  const ws = wb.addWorksheet(sheetName);
  // Not Math.max(...rows): a table of 200,000 lines must not go on the stack.
  const columns = rows.reduce((w, fields) => Math.max(w, fields.length), 0);
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
  // The unit's columns (code, name, category) are the first run of text columns, with the columns of
  // numbers before it (a row number "STT", codes that are numbers); more than three text columns
  // (UNDP's iso3, country, hdicode, region), the first two of them: its code and name. No text
  // column at all: none.
  const firstText = figures.indexOf(false);
  const afterText = firstText < 0 ? -1 : figures.indexOf(true, firstText);
  const run = firstText < 0 ? 0 : (afterText < 0 ? columns : afterText) - firstText;
  const textColumns = firstText < 0 || afterText < 0 ? 0 : firstText + Math.min(run, run > 3 ? 2 : 3);
  // Repeated on every page only while they leave most of the page to the figures.
  const titles = width(0, textColumns) <= CSV_PAGE_WIDTH / 2 ? textColumns : 0;
  const titleWidth = width(0, titles);
  // The header row and the unit's columns stay in sight while scrolling.
  ws.views = [{ state: "frozen", xSplit: titles, ySplit: 1 }];
  const pages = total <= CSV_PAGE_WIDTH ? 1 : Math.ceil((total - titleWidth) / (CSV_PAGE_WIDTH - titleWidth));
  ws.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: pages,
    fitToHeight: 0,
    printTitlesRow: "1:1",
    ...(pages > 1 && titles > 0 ? { printTitlesColumn: `A:${ws.getColumn(titles).letter}` } : {}),
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  const buf = await wb.xlsx.writeBuffer();
  // Each line's count of fields, blank ones at its end included: the workbook keeps none after a row's last filled cell.
  return { data: new Uint8Array(buf as ArrayBuffer), encoding, ...(legacy !== undefined ? { legacy } : {}), fields: rows.map((r) => r.length), sheet: sheetName };
}

/**
 * The sheet a CSV table became (`sheet`) printed as every sheet the project makes is, once a run
 * writes the workbook: the index and the periods at the top of each page (as the results sheet's
 * pages say them), the sheet's name and the page's number at the foot, in the run's language.
 * csvToWorkbook cannot say them: the index and the language are known when the run plans its write.
 */
function printedAsOwnSheets(host: XlsxHost, sheet: string): void {
  const apply = host.apply.bind(host);
  host.apply = async (plan) => {
    await apply(plan);
    const ws = host.workbook.getWorksheet(sheet);
    const header = plan.owned.find((o) => o.print?.pageHeader !== undefined)?.print?.pageHeader;
    if (ws && header) setPageTexts(ws, header, sheetFooter(plan.lang));
  };
}

/**
 * Open the input of score/validate as an xlsx host (a CSV becomes a one-sheet workbook), with
 * what the user should know about the file: a CSV that was not UTF-8 and was read as
 * Windows-1258.
 */
export async function openInput(io: CliIO, path: string): Promise<{ host: XlsxHost; notices: Message[] }> {
  const bytes = readInputFile(io, path);
  const kind = kindOfExtension(path) ?? fail(otherFormatMisnamed(bytes, path) ?? M.unknownExtension(path, extname(path)));
  const notices: Message[] = [];
  let data = bytes;
  let csvFields: number[] | undefined;
  let csvSheet: string | undefined;
  if (kind === "csv") {
    const problem = notATable(bytes, path);
    if (problem) fail(problem);
    const csv = await csvToWorkbook(bytes, path);
    data = csv.data;
    csvFields = csv.fields;
    csvSheet = csv.sheet;
    if (isCodePage(csv.encoding)) notices.push(notUtf8Message(path, csv.legacy, csv.encoding));
  }
  try {
    // A workbook LibreOffice saved keeps its protection, unlocked cells and passwords (fromBuffer).
    const host = await XlsxHost.fromBuffer(data, basename(path), csvFields);
    if (csvSheet !== undefined) printedAsOwnSheets(host, csvSheet);
    return { host, notices };
  } catch {
    return fail(notXlsxReason(data, path));
  }
}

/** The first bytes of an OLE compound file: an .xls workbook, or an .xlsx encrypted with a password to open. */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The stream of an encrypted Office document, named in UTF-16LE in the compound file's directory. */
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");

function startsWith(data: Uint8Array, bytes: readonly number[]): boolean {
  return data.length >= bytes.length && bytes.every((b, i) => data[i] === b);
}

/** Whether `data` is a workbook encrypted with a password to open (a compound file holding "EncryptedPackage"). */
export function isPasswordEncrypted(data: Uint8Array): boolean {
  return startsWith(data, COMPOUND_FILE) && Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes(ENCRYPTED_PACKAGE);
}

/** The media type an OpenDocument spreadsheet's first entry, "mimetype", holds (a template's adds "-template"). */
const ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";

/**
 * Whether `data` is an OpenDocument spreadsheet (.ods, as LibreOffice Calc saves one): a zip whose
 * first entry is "mimetype", holding the spreadsheet's media type. The format stores that entry
 * first and uncompressed so that its kind shows in the first bytes; one compressed all the same
 * (a zip tool that packed the folder again) is inflated.
 */
export function isOpenDocumentSpreadsheet(data: Uint8Array): boolean {
  if (!startsWith(data, [0x50, 0x4b, 0x03, 0x04]) || data.length < 30) return false;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const method = view.getUint16(8, true);
  const compressedSize = view.getUint32(18, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  const start = 30 + nameLength + extraLength;
  if (Buffer.from(data.subarray(30, 30 + nameLength)).toString("latin1") !== "mimetype" || start > data.length) return false;
  let content: Uint8Array;
  if (method === 0) content = data.subarray(start, start + ODS_MIMETYPE.length + 16);
  else if (method === 8) {
    try {
      content = inflateRawSync(data.subarray(start, compressedSize > 0 ? start + compressedSize : data.length), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      return false;
    }
  } else return false;
  return Buffer.from(content).toString("latin1").trim().startsWith(ODS_MIMETYPE);
}

/** Why a file named as an .xlsx workbook could not be read as one: a password to open, or not a readable .xlsx. */
export function notXlsxReason(data: Uint8Array, path: string): Message {
  return notXlsxKnown(data, path) ?? M.notXlsx(path);
}

/**
 * What a file named .xlsx that ExcelJS cannot read is, when its first bytes tell (or its zip
 * directory: a package that unpacks to gigabytes, unpacksTooLarge): empty (0 bytes), encrypted with
 * a password to open, an Excel 97–2003 workbook (a compound file without an encrypted package),
 * a web page or XML file (text starting with "<"), or a table of text (no NUL byte, lines of
 * fields) given the name of a workbook.
 */
export function notXlsxKnown(data: Uint8Array, path: string): Message | undefined {
  // 0 bytes (a download or a copy that did not finish, an attachment saved empty): said so, not as a damaged workbook.
  if (data.length === 0) return M.emptyFile(path);
  const tooLarge = unpacksTooLarge(data);
  if (tooLarge) return tooLargeToUnpackMessage(path, tooLarge);
  const noSheet = withoutWorksheets(data);
  if (noSheet) return withoutWorksheetsMessage(path, noSheet);
  return contentMessage(contentKind(data), path, ["encrypted", "xls", "ods", "markup", "csv"]);
}

type ContentKind = "encrypted" | "xls" | "ods" | "markup" | "csv" | "text" | "binary";

/**
 * What the file at `path` is, said from its content's kind when that kind is among `said` (each
 * caller says those that are not what the file's name promises): a password to open, or a kind
 * named with how the name ends (".csv", ".xls"; ".xlsx" for a name without one).
 */
function contentMessage(kind: ContentKind, path: string, said: readonly ContentKind[]): Message | undefined {
  if (!said.includes(kind)) return undefined;
  const ending = extname(path).toLowerCase() || ".xlsx";
  switch (kind) {
    case "encrypted":
      return M.passwordToOpen(path);
    case "xls":
      return M.xlsNamedXlsx(path, ending);
    case "ods":
      return M.odsNamedXlsx(path, ending);
    case "markup":
      return M.markupNamedXlsx(path, ending);
    case "csv":
      return M.csvNamedXlsx(path, ending);
    case "binary":
      return M.notText(path, ending);
    default:
      return undefined;
  }
}

/**
 * What a file is by its first bytes, whatever its name: a workbook encrypted with a password to
 * open, an Excel 97–2003 workbook (a compound file without an encrypted package), an OpenDocument
 * spreadsheet, a web page or XML file (text starting with "<"), a table of text (lines of fields,
 * no NUL byte but in UTF-16), other text, or something else (a zip, another binary).
 */
function contentKind(data: Uint8Array): ContentKind {
  if (isPasswordEncrypted(data)) return "encrypted";
  if (startsWith(data, COMPOUND_FILE)) return "xls";
  if (isOpenDocumentSpreadsheet(data)) return "ods";
  const head = data.subarray(0, 4096);
  const text = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]) || (head.length > 0 && !head.includes(0));
  if (!text) return "binary";
  const decoded = decodeText(head).replace(/^\uFEFF/, "").trimStart();
  // A web page or an XML Spreadsheet 2003 (what many programs' "export to Excel" writes).
  if (decoded.startsWith("<")) return "markup";
  return /[,;\t][^\r\n]*[\r\n]/.test(decoded) ? "csv" : "text";
}

/**
 * Why a file named as a table of text (.csv) cannot be read as one, before parsing it: it is empty
 * (0 bytes); an .xlsx workbook (a zip package, "PK\x03\x04") given the name of a CSV file; a
 * workbook encrypted with a password to open, an .xls or an .ods workbook; or not text at all.
 */
export function notATable(data: Uint8Array, path: string): Message | undefined {
  if (data.length === 0) return M.emptyFile(path);
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) && !isOpenDocumentSpreadsheet(data)) return M.xlsxMisnamed(path, extname(path));
  return contentMessage(contentKind(data), path, ["encrypted", "xls", "ods", "binary"]);
}

/**
 * Why a file whose name ends in another spreadsheet format's extension (.xls, .ods…) is not what
 * its name says, when its first bytes tell: an .xlsx (workbookMisnamed), a web page, XML or table
 * of text (many programs' "export to Excel" write these as .xls), an .ods named .xls or the other
 * way round; undefined when it is what its name says, or its bytes do not tell.
 */
export function otherFormatMisnamed(data: Uint8Array, path: string): Message | undefined {
  const misnamed = workbookMisnamed(data, path);
  if (misnamed) return misnamed;
  const ext = extname(path).toLowerCase();
  // An .xls that is an .xls, an .ods that is an .ods: said by their extension (unknownExtension).
  return contentMessage(contentKind(data), path, ["encrypted", "markup", "csv", ...(ext === ".xls" ? [] : ["xls" as const]), ...(ext === ".ods" ? [] : ["ods" as const])]);
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
  // A loop, not Math.max(...rows): a ranking of 200,000 units must not go on the stack.
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, textWidth(r[i] ?? "")), textWidth(h)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0, align[i] ?? "left"))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}
