/** `template`: self-assessment forms for the units listed in a CSV file. */
import type { IndexModel } from "../../core/definition/model";
import type { Lang } from "../../core/i18n/text";
import { type TextEncoding, notUtf8Message, parseCsv } from "../../core/read";
import { categoryNames } from "../../core/read/read";
import { rowsWiderThanHeader, unitsFromRows, unitsOfUnknownCategory, unitsWithSameCode } from "../../core/units";
import { type TemplateUnit, makeTemplate } from "../../hosts/xlsx/template";
import type { ParsedArgs } from "../args";
import { type CliIO, fail, readInputFile, writeOutputFile } from "../io";
import { M, T } from "../messages";
import { checkOutputs, loadIndex } from "./common";

/** A unit of a units.csv and the file line it came from (1 is the header line). */
export interface UnitLine {
  unit: TemplateUnit;
  line: number;
  /** The line gives no code: the unit was given its position in the list as its code. */
  numbered?: boolean;
}

/**
 * The units of a units.csv: columns Mã đơn vị/Unit code, Đơn vị/Unit, Nhóm/Category. A line with
 * more fields than the header (a name with a comma, not quoted) would shift its name into the
 * category: every such line is named, and nothing is written.
 */
export function readUnitsCsv(data: Uint8Array, path: string): { units: UnitLine[]; encoding: TextEncoding } {
  const { rows, encoding, delimiter } = parseCsv(data);
  const entries = unitsFromRows(rows);
  if (entries === undefined) return fail(M.unitsNoColumn(path));
  const wide = rowsWiderThanHeader(rows);
  if (wide.length > 0) {
    const lines = (l: Lang): string[] => wide.map((w) => M.unitsWideLine(path, w.line, w.fields, w.header, delimiter)[l]);
    fail(M.unitsWideLines(path, wide.length), { vi: lines("vi"), en: lines("en") });
  }
  if (entries.length === 0) fail(M.unitsEmpty(path));
  // A unit without a code is given its line's number, so that its form still has one.
  const units = entries.map((e) => ({
    unit: { code: e.code || String(e.line - 1), name: e.name, ...(e.category !== undefined ? { category: e.category } : {}) },
    line: e.line,
    ...(e.code === "" ? { numbered: true } : {}),
  }));
  return { units, encoding };
}

/**
 * Each unit's category must be one of the definition's (id or name, case and diacritics
 * ignored): a form made for an unknown category would leave out the indicators of the unit's
 * real one. Every unknown category is named with its line; nothing is written. An index without
 * categories ignores the column, and says so.
 */
function checkCategories(io: CliIO, model: IndexModel, units: UnitLine[], path: string, lang: Lang): void {
  const withCategory = units.filter((u) => u.unit.category !== undefined);
  if (withCategory.length === 0) return;
  if (model.categories.length === 0) {
    io.stderr.write(M.categoryIgnored(path)[lang] + "\n");
    return;
  }
  const unknownUnits = new Set(unitsOfUnknownCategory(model, units.map((u) => u.unit)));
  const unknown = units.filter((u) => unknownUnits.has(u.unit));
  if (unknown.length === 0) return;
  const lines = (l: Lang): string[] => unknown.map((u) => M.unknownUnitCategory(path, u.line, u.unit.category as string)[l]);
  fail(M.unknownCategories(path, unknown.length, categoryNames(model)), { vi: lines("vi"), en: lines("en") });
}

/**
 * Every unit needs a code of its own: of two forms with the same code only the first is scored.
 * Each shared code is named with its lines (a line without a code has its number as code, which
 * may be another unit's real code); nothing is written. The check the pane makes too
 * (unitsWithSameCode).
 */
function checkCodes(units: UnitLine[], path: string): void {
  const clashes = unitsWithSameCode(units.map((u) => ({ ...u.unit, entry: u }))).map((c) => ({ code: c.code, lines: c.units.map((u) => u.entry) }));
  if (clashes.length === 0) return;
  const lines = (l: Lang): string[] =>
    clashes.map((c) =>
      M.sameUnitCode(
        path,
        c.code,
        c.lines.map((u) => u.line),
        c.lines.filter((u) => u.numbered).map((u) => u.line),
      )[l],
    );
  fail(M.sameUnitCodes(path, clashes.length), { vi: lines("vi"), en: lines("en") });
}

export async function runTemplateCommand(io: CliIO, args: ParsedArgs, lang: Lang): Promise<number> {
  if (args.files.length > 0) fail(M.noFilesAllowed("template"));
  if (args.index === undefined) fail(M.needIndex("template"));
  if (args.units === undefined) fail(M.needUnits);
  if (args.out === undefined) fail(M.needOut("template"));
  checkOutputs(io, "template", { files: [args.units, args.index], out: args.out });
  const { model } = loadIndex(io, args.index, lang);
  const { units: lines, encoding } = readUnitsCsv(readInputFile(io, args.units), args.units);
  if (encoding === "windows-1258") io.stderr.write(`${T.severityOne.warning[lang]}: ${notUtf8Message(args.units)[lang]}\n`);
  checkCategories(io, model, lines, args.units, lang);
  checkCodes(lines, args.units);
  const units = lines.map((l) => l.unit);
  const data = await makeTemplate(model, units, { lang, ...(args.period !== undefined ? { period: args.period } : {}) });
  writeOutputFile(io, args.out, data);
  io.stdout.write(M.templateDone(units.length, args.out)[lang] + "\n");
  return 0;
}
