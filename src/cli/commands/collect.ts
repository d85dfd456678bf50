/** `collect`: gather units' forms from several workbooks into one. */
import { existsSync } from "node:fs";
import { basename } from "node:path";
import type { Lang } from "../../core/i18n/text";
import { CollectReadError, collectFiles } from "../../hosts/xlsx/collect";
import type { ParsedArgs } from "../args";
import { type CliIO, fail, readInputFile, resolvePath, writeOutputFile } from "../io";
import { M } from "../messages";
import { inputKind, loadIndex } from "./common";

export async function runCollectCommand(io: CliIO, args: ParsedArgs, lang: Lang): Promise<number> {
  if (args.files.length === 0) fail(M.needFiles);
  if (args.out === undefined) fail(M.needOut("collect"));
  const model = args.index !== undefined ? loadIndex(io, args.index, lang).model : undefined;
  const files = args.files.map((f) => {
    if (inputKind(f) !== "xlsx") fail(M.notXlsx(f));
    return { name: basename(f), data: readInputFile(io, f) };
  });
  // An existing output workbook receives the new forms: collecting can be done in several goes.
  const base = existsSync(resolvePath(io, args.out)) ? readInputFile(io, args.out) : undefined;
  let result: Awaited<ReturnType<typeof collectFiles>>;
  try {
    result = await collectFiles(files, base, model);
  } catch (e) {
    const bad = e instanceof CollectReadError ? e.file : args.files.join(", ");
    return fail(M.notXlsx(bad));
  }
  writeOutputFile(io, args.out, result.data);
  const { report } = result;
  io.stdout.write(M.collected(report.take.length, args.out)[lang] + "\n");
  for (const t of report.take) io.stdout.write(M.took(t.file, t.sheet, t.as)[lang] + "\n");
  if (report.skipped.length > 0) {
    io.stdout.write(M.skippedHead(report.skipped.length)[lang] + "\n");
    for (const s of report.skipped) io.stdout.write(`  - ${s.file}: ${s.reason[lang]}\n`);
  }
  return 0;
}
