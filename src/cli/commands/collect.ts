/** `collect`: gather units' forms from several workbooks into one. */
import { existsSync } from "node:fs";
import { basename } from "node:path";
import ExcelJS from "exceljs";
import type { Lang } from "../../core/i18n/text";
import { CollectReadError, collectFiles } from "../../hosts/xlsx/collect";
import type { ParsedArgs } from "../args";
import { type CliIO, fail, readInputFile, resolvePath, writeOutputFile } from "../io";
import { M, T } from "../messages";
import { checkOutputs, inputKind, loadIndex } from "./common";

/** Whether ExcelJS can open the bytes as a workbook. */
async function readable(data: Uint8Array): Promise<boolean> {
  try {
    await new ExcelJS.Workbook().xlsx.load(data as unknown as ArrayBuffer);
    return true;
  } catch {
    return false;
  }
}

/**
 * Exit status: 0 when every file was read and something was gathered; 1 when something was
 * gathered but some files could not be read, or when files were read but none held a form to
 * gather (nothing is written then, and every reason is said); 2 when no file could be read.
 */
export async function runCollectCommand(io: CliIO, args: ParsedArgs, lang: Lang): Promise<number> {
  if (args.files.length === 0) fail(M.needFiles);
  if (args.out === undefined) fail(M.needOut("collect"));
  checkOutputs(io, "collect", { files: args.files, out: args.out });
  const model = args.index !== undefined ? loadIndex(io, args.index, lang).model : undefined;
  const files = args.files.map((f) => {
    const data = readInputFile(io, f);
    if (inputKind(f) !== "xlsx") fail(M.notXlsx(f));
    return { name: basename(f), data };
  });
  const good: typeof files = [];
  const badNames: string[] = [];
  for (const f of files) {
    if (await readable(f.data)) good.push(f);
    else badNames.push(f.name);
  }
  if (good.length === 0) {
    const lines = (l: Lang): string[] => badNames.map((name) => M.notXlsx(name)[l]);
    fail(M.noFileReadable(files.length), { vi: lines("vi"), en: lines("en") });
  }
  // An existing output workbook receives the new forms: collecting can be done in several goes.
  const base = existsSync(resolvePath(io, args.out)) ? readInputFile(io, args.out) : undefined;
  let result: Awaited<ReturnType<typeof collectFiles>>;
  try {
    result = await collectFiles(good, base, model);
  } catch (e) {
    const which = e instanceof CollectReadError && e.file === "base" ? args.out : e instanceof CollectReadError ? e.file : args.files.join(", ");
    return fail(M.notXlsx(which));
  }
  const { report } = result;
  // Forms of different indices (or versions) in one workbook cannot be scored together: said first.
  for (const w of report.warnings) io.stderr.write(`${T.severityOne.warning[lang]}: ${w[lang]}\n`);
  const skipLines = [
    ...badNames.map((name) => `  - ${name}: ${M.notXlsx(name)[lang]}`),
    ...report.skipped.map((s) => `  - ${s.file}: ${s.reason[lang]}`),
  ];
  if (report.take.length === 0) {
    // Nothing to gather: no file is written, and every reason is said.
    io.stderr.write(M.nothingCollected(args.out)[lang] + "\n");
    for (const line of skipLines) io.stderr.write(line + "\n");
    return 1;
  }
  writeOutputFile(io, args.out, result.data);
  io.stdout.write(M.collected(report.take.length, args.out)[lang] + "\n");
  for (const t of report.take) io.stdout.write(M.took(t.file, t.sheet, t.as)[lang] + "\n");
  if (skipLines.length > 0) {
    io.stdout.write(M.skippedHead(badNames.length + report.skipped.length)[lang] + "\n");
    for (const line of skipLines) io.stdout.write(line + "\n");
  }
  return badNames.length > 0 ? 1 : 0;
}
