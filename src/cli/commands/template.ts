/** `template`: self-assessment forms for the units listed in a CSV file or an .xlsx workbook. */
import { extname } from "node:path";
import type { IndexModel } from "../../core/definition/model";
import type { Lang, Message } from "../../core/i18n/text";
import { type LegacyEncoding, type TextEncoding, isCodePage, notUtf8Message, parseCsv } from "../../core/read";
import { categoryNames } from "../../core/read/categories";
import {
  rowWithoutUnitMessage,
  rowsWiderThanHeader,
  rowsWithoutUnit,
  similarNamesMessage,
  unitsFromRows,
  categoryColumnByContent,
  categoryColumnByContentMessage,
  unitsOfUnknownCategory,
  unitsWithIgnoredCategory,
  unitsWithSameCode,
  unitsWithSimilarNames,
  unitsWithoutCategory,
  unnamedUnitMessage,
} from "../../core/units";
import { sameNameAsBuiltinMessage } from "../../core/forms-index";
import { type TemplateUnit, makeTemplate } from "../../hosts/xlsx/template";
import { BUILTIN_INDICES } from "../../indices";
import { loadXlsx, snapshotSheet } from "../../hosts/xlsx/read";
import type { CellValue } from "../../core/types";
import type { ParsedArgs } from "../args";
import { type CliIO, fail, readInputFile, writeOutputFile } from "../io";
import { M, T, TABLE_EXTENSIONS, WORKBOOK_EXTENSIONS, isOtherSpreadsheet } from "../messages";
import { type Progress, withProgress } from "../progress";
import { checkOutReplaceable, checkOutputs, failIfIndexNotText, loadIndex, notATable, notXlsxReason, sameFile, warnIfOutOpen } from "./common";

/** A unit of a units.csv and the file line it came from (1 is the header line). */
export interface UnitLine {
  unit: TemplateUnit;
  line: number;
  /** The line gives no code: the form's `Mã đơn vị` is left blank and the reader knows the unit by its name. */
  uncoded?: boolean;
  /** The line gives no name: the unit is named by its code (and said so). */
  unnamed?: boolean;
}

/** The units of a units file, and the lines that give a category but no unit (said, no form made for them). */
export interface UnitsRead {
  units: UnitLine[];
  noUnit: number[];
  /** A column read as the units' categories by what it holds (categoryColumnByContent), to be said. */
  categoryColumn?: { header: string; column: number };
}

/**
 * The units of a units.csv: columns Mã đơn vị/Unit code, Đơn vị/Unit, Nhóm/Category. A line with
 * more fields than the header (a name with a comma, not quoted) would shift its name into the
 * category: every such line is named, and nothing is written.
 */
export function readUnitsCsv(data: Uint8Array, path: string, model?: IndexModel): UnitsRead & { encoding: TextEncoding; legacy?: LegacyEncoding } {
  const { rows, encoding, delimiter, legacy } = parseCsv(data);
  // A list typed in a legacy font (TCVN3, VNI): its header's "§¬n vÞ" is no "Đơn vị"; the file is
  // to be converted, which the sentence says, rather than given a header line it already has.
  if (legacy !== undefined && unitsFromRows(rows) === undefined) fail(notUtf8Message(path, legacy));
  const wide = rowsWiderThanHeader(rows);
  if (unitsFromRows(rows) !== undefined && wide.length > 0) {
    const lines = (l: Lang): string[] => wide.map((w) => M.unitsWideLine(path, w.line, w.fields, w.header, delimiter)[l]);
    fail(M.unitsWideLines(path, wide.length), { vi: lines("vi"), en: lines("en") });
  }
  return { ...unitLines(rows, path, { delimiter }, model), encoding, ...(legacy !== undefined ? { legacy } : {}) };
}

/**
 * The units of the first sheet of an .xlsx workbook, read by the rules of a units CSV: the first
 * row names the columns (Mã đơn vị/Unit code, Đơn vị/Unit, Nhóm/Category), one unit a row. Cells
 * are read as the scoring reads them (a formula by its result, a number as its digits).
 */
export async function readUnitsXlsx(data: Uint8Array, path: string, model?: IndexModel): Promise<UnitsRead> {
  let sheet: ReturnType<typeof snapshotSheet> | undefined;
  let name = "";
  try {
    const wb = await loadXlsx(data);
    const first = wb.worksheets[0];
    sheet = first ? snapshotSheet(first) : undefined;
    name = first?.name ?? "";
  } catch {
    sheet = undefined;
  }
  if (sheet === undefined) return fail(notXlsxReason(data, path));
  const rows = sheet.values.map((row) => row.map(cellText));
  return unitLines(rows, path, { sheet: name }, model);
}

/** How many fields the first line not blank has, up to its last field not blank (0: every line is blank). */
function lineWidth(rows: readonly (readonly string[])[]): number {
  for (const row of rows) {
    let n = row.length;
    while (n > 0 && (row[n - 1] ?? "").trim() === "") n--;
    if (n > 0) return n;
  }
  return 0;
}

/** A cell of a units workbook as the text a CSV file would hold. */
function cellText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

/**
 * The unit lines of a units table's rows (a header row first), and its lines that give a category
 * but no unit, or the sentence saying why there are none. A line with a code but no name is the
 * unit of that code, its form named by it. A first line that names no unit column (a list without
 * a header line, its first unit read as one) is quoted, with the header line to add, as the file
 * holds it (`where`: a CSV file's separator, or a workbook's sheet). For an index with categories,
 * a table without a Nhóm column has them read from the column under another header that holds
 * them (categoryColumnByContent).
 */
function unitLines(table: readonly (readonly string[])[], path: string, where: { delimiter: string } | { sheet: string }, model?: IndexModel): UnitsRead {
  const byContent = model && categoryColumnByContent(model, table);
  const rows = byContent?.rows ?? table;
  const entries = unitsFromRows(rows);
  if (entries === undefined) return fail(M.unitsNoColumn(path, rows[0] ?? [], where, lineWidth(rows)));
  if (entries.length === 0) fail(M.unitsEmpty(path));
  // A unit without a code keeps its form's `Mã đơn vị` blank: the reader, Collect and the results
  // know it by its name. A made-up code ("1", "2", …) would clash with another batch's.
  const units = entries.map((e) => ({
    unit: { code: e.code, name: e.name, ...(e.category !== undefined ? { category: e.category } : {}) },
    line: e.line,
    ...(e.code === "" ? { uncoded: true } : {}),
    ...(e.unnamed ? { unnamed: true } : {}),
  }));
  return { units, noUnit: rowsWithoutUnit(rows), ...(byContent ? { categoryColumn: { header: byContent.header, column: byContent.column } } : {}) };
}

/**
 * The units file given to --units: an .xlsx workbook (its first sheet), or a table of text (CSV,
 * with how its bytes were read). Another spreadsheet format (.xls, .ods…) gets the sentence
 * `score` gives it: save it as .xlsx (or CSV).
 */
async function readUnitsFile(io: CliIO, path: string, model: IndexModel): Promise<UnitsRead & { encoding?: TextEncoding; legacy?: LegacyEncoding }> {
  const ext = extname(path).toLowerCase();
  // A file that is not there is said to be missing first, whatever its extension.
  const data = readInputFile(io, path);
  if (isOtherSpreadsheet(ext)) fail(M.unknownExtension(path, ext));
  // Any other file (a definition's .json, a document) is refused by its kind, not read as CSV.
  if (!readsAsUnits(path)) fail(M.unitsKindNotRead(path, extname(path)));
  if (WORKBOOK_EXTENSIONS.includes(ext)) return readUnitsXlsx(data, path, model);
  const problem = notATable(data, path);
  if (problem) fail(problem);
  return readUnitsCsv(data, path, model);
}

/** Whether a file's extension is one --units reads: a table of text (.csv, .txt, .tsv) or an Excel workbook (.xlsx, .xlsm). */
function readsAsUnits(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return TABLE_EXTENSIONS.includes(ext) || WORKBOOK_EXTENSIONS.includes(ext);
}

/** A problem of a units file: its heading sentence and one line per offending line of the file. */
interface UnitsProblem {
  head: Message;
  lines: Message[];
}

/**
 * Each unit's category must be one of the definition's (id or name, case and diacritics
 * ignored): a form made for an unknown category would leave out the indicators of the unit's
 * real one. Every unknown category is named with its line. An index without categories ignores
 * the column, and says so.
 */
function checkCategories(io: CliIO, model: IndexModel, units: UnitLine[], path: string, lang: Lang): UnitsProblem | undefined {
  // The same units the pane says it ignores the categories of.
  if (unitsWithIgnoredCategory(model, units.map((u) => u.unit)).length > 0) {
    io.stderr.write(M.categoryIgnored(path)[lang] + "\n");
    return undefined;
  }
  const unknownUnits = new Set(unitsOfUnknownCategory(model, units.map((u) => u.unit)));
  const unknown = units.filter((u) => unknownUnits.has(u.unit));
  if (unknown.length === 0) return undefined;
  return {
    head: M.unknownCategories(path, unknown.length, categoryNames(model)),
    lines: unknown.map((u) => M.unknownUnitCategory(path, u.line, u.unit.category as string)),
  };
}

/**
 * A unit whose category is left blank, in a list that gives the others theirs (an index with
 * categories), gets a form with the rows of some categories only shaded grey and not counted:
 * each is named with its line. A list that gives no unit a category says so on every form. The
 * forms are written.
 */
function warnUnitsWithoutCategory(io: CliIO, model: IndexModel, units: UnitLine[], path: string, lang: Lang): void {
  const blank = unitsWithoutCategory(model, units.map((u) => ({ ...u, category: u.unit.category })));
  if (blank.length === units.length) return;
  for (const u of blank) io.stderr.write(`${T.severityOne.warning[lang]}: ${M.unitWithoutCategory(path, u.line, u.unit.name || u.unit.code, categoryNames(model))[lang]}\n`);
}

/**
 * Nothing of the units file is left out unsaid: a line with a code but no name gets a form named
 * by its code (a note), a line with a category but no unit gets none (a warning), each named by
 * its line, so that the count of forms made adds up.
 */
function sayUnnamedAndEmptyLines(io: CliIO, read: UnitsRead, path: string, lang: Lang): void {
  for (const u of read.units) if (u.unnamed) io.stderr.write(`${T.severityOne.info[lang]}: ${unnamedUnitMessage(path, u.line, u.unit.code)[lang]}\n`);
  for (const line of read.noUnit) io.stderr.write(`${T.severityOne.warning[lang]}: ${rowWithoutUnitMessage(path, line)[lang]}\n`);
}

/**
 * Units whose names are alike but for letter case ("Sở Y tế", "Sở Y Tế"), or one name under two
 * codes, are two units, each with its form: most often one unit typed twice, so each such group is
 * named with its lines (a warning; the forms are written). The pane says the same (unitsWithSimilarNames).
 */
function warnSimilarNames(io: CliIO, units: UnitLine[], path: string, lang: Lang): void {
  for (const group of unitsWithSimilarNames(units.map((u) => ({ ...u.unit, line: u.line })))) {
    io.stderr.write(`${T.severityOne.warning[lang]}: ${similarNamesMessage(group, path)[lang]}\n`);
  }
}

/**
 * Every unit needs a code of its own: of two forms with the same code only the first is scored.
 * Each shared code is named with its lines (a line without a code is known by its name, which may
 * be another unit's name or code). The check the pane makes too (unitsWithSameCode).
 */
function checkCodes(units: UnitLine[], path: string): UnitsProblem | undefined {
  const clashes = unitsWithSameCode(units.map((u) => ({ ...u.unit, entry: u }))).map((c) => ({ code: c.code, lines: c.units.map((u) => u.entry) }));
  if (clashes.length === 0) return undefined;
  return {
    head: M.sameUnitCodes(
      path,
      clashes.length,
      clashes.every((c) => c.lines.every((u) => u.uncoded)),
    ),
    lines: clashes.map((c) =>
      M.sameUnitCode(
        path,
        c.code,
        c.lines.map((u) => u.line),
        c.lines.filter((u) => u.uncoded).map((u) => u.line),
      ),
    ),
  };
}

/**
 * Every problem of the units file at once (unknown categories, shared codes), each line named, so
 * that one correction of the file is enough; nothing is written.
 */
function failOnUnitsProblems(problems: (UnitsProblem | undefined)[]): void {
  const found = problems.filter((p): p is UnitsProblem => p !== undefined);
  const first = found[0];
  if (first === undefined) return;
  // The first problem heads the message; the others' headings come before their lines.
  const lines = (l: Lang): string[] => found.flatMap((p, i) => [...(i > 0 ? [p.head[l]] : []), ...p.lines.map((m) => m[l])]);
  fail(first.head, { vi: lines("vi"), en: lines("en") });
}

export async function runTemplateCommand(io: CliIO, args: ParsedArgs, lang: Lang): Promise<number> {
  return withProgress(io, lang, args.progress, (progress) => makeForms(io, args, lang, progress));
}

async function makeForms(io: CliIO, args: ParsedArgs, lang: Lang, progress: Progress): Promise<number> {
  if (args.files.length > 0) {
    // A list of units typed where a workbook would go: said how to give it, as demo says of its folder.
    const [first] = args.files;
    if (args.files.length === 1 && args.units === undefined && first !== undefined && readsAsUnits(first)) fail(M.templateUnitsNotArgument(first));
    fail(M.noFilesAllowed("template", args.files));
  }
  if (args.index === undefined) fail(M.needIndex("template"));
  if (args.units === undefined) {
    // The list of units given to --index instead: said to go after --units.
    failIfIndexNotText(io, args.index, "template");
    fail(M.needUnits);
  }
  if (args.out === undefined) fail(M.needOut("template"));
  progress.read([args.units]);
  checkOutputs(io, "template", { files: [args.units, args.index], out: args.out });
  // An .xlsx units list is an input like any other: the forms are never written over it.
  if (sameFile(io, args.out, args.units)) fail(M.outIsInput("--out", args.out));
  // A workbook the units already filled in (or any file but blank forms made here) is not written over.
  await checkOutReplaceable(io, args.out, { blankForms: true });
  const { model } = loadIndex(io, args.index, lang, "template");
  // A copy of a built-in that kept its id and version: its forms would be taken for the built-in's.
  const sameName = sameNameAsBuiltinMessage(model.definition, BUILTIN_INDICES);
  if (sameName) io.stderr.write(`${T.severityOne.warning[lang]}: ${sameName[lang]}\n`);
  const read = await readUnitsFile(io, args.units, model);
  const { units: lines, encoding } = read;
  warnIfOutOpen(io, args.out, lang);
  if (encoding !== undefined && isCodePage(encoding)) io.stderr.write(`${T.severityOne.warning[lang]}: ${notUtf8Message(args.units, read.legacy, encoding)[lang]}\n`);
  // Which column gave the categories, said before any problem of theirs.
  if (read.categoryColumn) io.stderr.write(`${T.severityOne.info[lang]}: ${categoryColumnByContentMessage(args.units, read.categoryColumn)[lang]}\n`);
  failOnUnitsProblems([checkCategories(io, model, lines, args.units, lang), checkCodes(lines, args.units)]);
  sayUnnamedAndEmptyLines(io, read, args.units, lang);
  warnUnitsWithoutCategory(io, model, lines, args.units, lang);
  warnSimilarNames(io, lines, args.units, lang);
  const units = lines.map((l) => l.unit);
  progress.update("template");
  const data = await makeTemplate(model, units, { lang, ...(args.period !== undefined ? { period: args.period } : {}) });
  progress.update("write");
  writeOutputFile(io, args.out, data);
  progress.done();
  io.stdout.write(M.templateDone(units.length, args.out)[lang] + "\n");
  return 0;
}
