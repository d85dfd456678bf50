/** `template`: self-assessment forms for the units listed in a CSV file. */
import { foldText, type Lang } from "../../core/i18n/text";
import { parseCsv } from "../../core/read";
import { type TemplateUnit, makeTemplate } from "../../hosts/xlsx/template";
import type { ParsedArgs } from "../args";
import { type CliIO, fail, readInputFile, writeOutputFile } from "../io";
import { M } from "../messages";
import { loadIndex } from "./common";

const CODE = ["ma don vi", "unit code", "ma", "code"];
const NAME = ["don vi", "unit", "ten don vi", "unit name", "ten", "name"];
const CATEGORY = ["nhom", "category", "nhom don vi"];

/** The units of a units.csv: columns Mã đơn vị/Unit code, Đơn vị/Unit, Nhóm/Category. */
export function readUnitsCsv(data: Uint8Array, path: string): TemplateUnit[] {
  const { rows } = parseCsv(data);
  const header = (rows[0] ?? []).map((h) => foldText(h));
  const find = (names: string[]): number => {
    for (const n of names) {
      const i = header.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  };
  const nameCol = find(NAME);
  if (nameCol < 0) fail(M.unitsNoColumn(path));
  const codeCol = find(CODE);
  const catCol = find(CATEGORY);
  const units: TemplateUnit[] = [];
  rows.slice(1).forEach((row, i) => {
    const name = (row[nameCol] ?? "").trim();
    if (name === "") return;
    const code = codeCol >= 0 ? (row[codeCol] ?? "").trim() : "";
    const category = catCol >= 0 ? (row[catCol] ?? "").trim() : "";
    units.push({ code: code || String(i + 1), name, ...(category ? { category } : {}) });
  });
  if (units.length === 0) fail(M.unitsEmpty(path));
  return units;
}

export async function runTemplateCommand(io: CliIO, args: ParsedArgs, lang: Lang): Promise<number> {
  if (args.files.length > 0) fail(M.noFilesAllowed("template"));
  if (args.index === undefined) fail(M.needIndex("template"));
  if (args.units === undefined) fail(M.needUnits);
  if (args.out === undefined) fail(M.needOut("template"));
  const { model } = loadIndex(io, args.index, lang);
  const units = readUnitsCsv(readInputFile(io, args.units), args.units);
  const data = await makeTemplate(model, units, { lang, ...(args.period !== undefined ? { period: args.period } : {}) });
  writeOutputFile(io, args.out, data);
  io.stdout.write(M.templateDone(units.length, args.out)[lang] + "\n");
  return 0;
}
