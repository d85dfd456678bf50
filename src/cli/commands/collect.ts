/** `collect`: gather units' forms from several workbooks into one. */
import { existsSync } from "node:fs";
import { basename } from "node:path";
import JSZip from "jszip";
import { type CollectSkip, type DuplicateKind, isRoutineSkip } from "../../core/collect";
import type { Lang, Message } from "../../core/i18n/text";
import { INDEX_SHEET, readIndexSheet } from "../../core/plan";
import type { CellValue } from "../../core/types";
import { CollectReadError, CollectWriteError, collectFiles } from "../../hosts/xlsx/collect";
import { parseRels, relsPathOf, resolveTarget, sheetParts, unescapeXml } from "../../hosts/xlsx/ooxml";
import type { ParsedArgs } from "../args";
import { type CliIO, CliFailure, fail, inputFileProblem, readInputFile, resolvePath, writeOutputFile } from "../io";
import { M, T, shellArg } from "../messages";
import { type Progress, withProgress } from "../progress";
import { checkOutputs, failIfIndexNotText, isEmptyFile, loadIndex, lockFileOf, notXlsxByExtension, notXlsxKnown, notXlsxReason, warnIfOutOpen, kindOfExtension, notATable, otherFormatMisnamed } from "./common";

/** The existing --out workbook, which the forms are added to, cannot be read. */
function baseUnreadable(out: string): Message {
  return {
    vi: `Tệp ${out} (--out) đã có sẵn nên các phiếu được tổng hợp thêm vào đó, nhưng nó không phải sổ làm việc Excel (.xlsx) đọc được. Hãy chọn tên tệp khác cho --out, hoặc lưu lại ${out} dạng .xlsx (Sổ làm việc Excel).`,
    en: `${out} (--out) already exists, so the forms are added to it, but it is not a readable Excel workbook (.xlsx). Choose another --out file name, or save ${out} again as .xlsx (Excel Workbook).`,
  };
}

/**
 * Why a file named .xlsx that could not be read was left out, among files gathered: what is known
 * of it (a password to open, an .xls or a CSV file named .xlsx: notXlsxKnown, as when it is given alone or to `score`), else
 * collect's own sentence (`generic`: damaged, not fully downloaded, an old .xls).
 */
function unreadableReason(data: Uint8Array, name: string, generic: Message): Message {
  return notXlsxKnown(data, name) ?? generic;
}

/** The files were read, but the gathered workbook could not be written. */
function writeFailed(out: string, detail: string, intoExisting: boolean): Message {
  return {
    vi: `Đã đọc các tệp nhưng không ghi được sổ tổng hợp ${out} (${detail}).${intoExisting ? ` Các phiếu được tổng hợp thêm vào ${out} có sẵn: hãy thử tổng hợp vào một tệp mới.` : ""}`,
    en: `The files were read, but the collected workbook ${out} could not be written (${detail}).${intoExisting ? ` The forms were being added to the existing ${out}: try collecting into a new file.` : ""}`,
  };
}

/** The text of each `<si>` of a shared strings part, its runs joined. */
function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>/g)].map((si) =>
    [...si[1]!.matchAll(/<(?:\w+:)?t\b[^>]*>([\s\S]*?)<\/(?:\w+:)?t>/g)].map((t) => unescapeXml(t[1]!)).join(""),
  );
}

/**
 * Whether the workbook `data` holds results of an earlier scoring: its `_index` sheet carries the
 * provenance stamp (a workbook only marked has an `_index` without one). Only the workbook part,
 * its relationships, `_index` and the shared strings are read, not every sheet: columns A and B
 * of `_index` are the keyed rows readIndexSheet reads.
 */
export async function holdsResults(data: Uint8Array): Promise<boolean> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return false;
  }
  const rootRels = await zip.file("_rels/.rels")?.async("string");
  const office = rootRels !== undefined ? parseRels(rootRels).find((r) => /\/officeDocument$/.test(r.type)) : undefined;
  const workbookPath = office ? resolveTarget("", office.target) : "xl/workbook.xml";
  const workbook = await zip.file(workbookPath)?.async("string");
  const rels = await zip.file(relsPathOf(workbookPath))?.async("string");
  if (workbook === undefined || rels === undefined) return false;
  const workbookRels = parseRels(rels);
  const sheetPath = sheetParts(workbook, workbookRels, workbookPath).get(INDEX_SHEET);
  const sheet = sheetPath !== undefined ? await zip.file(sheetPath)?.async("string") : undefined;
  if (sheet === undefined) return false;
  const stringsRel = workbookRels.find((r) => /\/sharedStrings$/.test(r.type));
  const stringsXml = stringsRel ? await zip.file(resolveTarget(workbookPath, stringsRel.target))?.async("string") : undefined;
  const strings = stringsXml !== undefined ? sharedStrings(stringsXml) : [];
  const values: CellValue[][] = [];
  for (const cell of sheet.matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
    const ref = /\br="([A-Z]+)(\d+)"/.exec(cell[1]!);
    if (!ref || (ref[1] !== "A" && ref[1] !== "B")) continue;
    const type = /\bt="([^"]*)"/.exec(cell[1]!)?.[1];
    const body = cell[2] ?? "";
    const v = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
    const text =
      type === "s" ? strings[Number(v)] : type === "inlineStr" ? [...body.matchAll(/<(?:\w+:)?t\b[^>]*>([\s\S]*?)<\/(?:\w+:)?t>/g)].map((t) => unescapeXml(t[1]!)).join("") : v !== undefined ? unescapeXml(v) : undefined;
    if (text === undefined) continue;
    ((values[Number(ref[2]) - 1] ??= [])[ref[1] === "A" ? 0 : 1] = text);
  }
  const rows = Array.from(values, (r) => [r?.[0] ?? null, r?.[1] ?? null]);
  return readIndexSheet({ sheets: [{ name: INDEX_SHEET, values: rows }] })?.provenance !== undefined;
}

/** Said after the forms were gathered into a workbook scored before: its results no longer cover every form. */
function resultsOutOfDate(out: string): Message {
  const arg = shellArg(out);
  return {
    vi: `Sổ ${out} đã được chấm điểm trước đó: kết quả trong sổ nay đã cũ vì có thêm phiếu. Hãy chấm điểm lại (dti-scorer score ${arg} --out ${arg}).`,
    en: `${out} was scored before: the results in it are now out of date, as forms were added. Score it again (dti-scorer score ${arg} --out ${arg}).`,
  };
}

/** A file given to collect, read or not, and why it is left out when it is. */
interface Input {
  path: string;
  name: string;
  data?: Uint8Array;
  /** Why the file is left out before reading it as a workbook: not there, a folder, another format. */
  problem?: Message;
  /** The problem is not that the file is no .xlsx workbook (it is missing, a folder, unreadable). */
  notThere?: boolean;
  /** Excel's or LibreOffice's lock file of an open workbook: left out with a word, not an error. */
  lock?: boolean;
  /** The reason when the file is the only one given, naming it by its path (`problem` names it by its name). */
  alone?: Message;
}

/** Each file given: its bytes, or why it is left out (a lock file, a missing file, a folder, another format). */
function readInputs(io: CliIO, files: string[]): Input[] {
  return files.map((f): Input => {
    const name = basename(f) || f;
    const lock = lockFileOf(f);
    if (lock) return { path: f, name, problem: M.lockFile(lock.workbook, lock.app), lock: true };
    const missing = inputFileProblem(io, f);
    if (missing) return { path: f, name, problem: missing, notThere: true };
    const format = notXlsxByExtension(f, name);
    if (format) {
      // An .xlsx workbook renamed (".xls"): said so, with the name to give it.
      let data: Uint8Array | undefined;
      try {
        data = readInputFile(io, f);
      } catch {
        data = undefined;
      }
      // A file not what its name says: an .xlsx, an .xls, an .ods or a password to open named .csv; a
      // web page or a table of text named .xls, as many programs' "export to Excel" write.
      const table = kindOfExtension(f) === "csv";
      const misnamedAs = (as: string) => (data === undefined ? undefined : table ? notATable(data, as) : otherFormatMisnamed(data, as));
      const misnamed = misnamedAs(name);
      return { path: f, name, problem: misnamed ?? format, ...(misnamed !== undefined ? { alone: misnamedAs(f) } : {}) };
    }
    try {
      return { path: f, name, data: readInputFile(io, f) };
    } catch (e) {
      if (e instanceof CliFailure) return { path: f, name, problem: e.reason, notThere: true };
      throw e;
    }
  });
}

/**
 * Exit status: 0 when every file was read and something was gathered (a lock file of Excel or
 * LibreOffice given among the files is left out with a word, and is no error); 1 when something
 * was gathered but some files could not be read (missing, a folder, another format, a damaged
 * workbook: the others are gathered, each file left out is named with its reason), or when files
 * were read but none held a form to gather (nothing is written then, and every reason is said) —
 * unless all they hold is already in the existing --out workbook: blank forms of units with a form
 * there, forms the same as those there (status 0, nothing written: nothing in the inputs is wrong).
 * Blank forms left out for their unit's form elsewhere are counted in one line, not listed, and
 * are no error: they alone never make the status 1;
 * 2 when no file could be read, when the existing --out workbook cannot be read, or when the
 * gathered workbook cannot be written.
 */
export async function runCollectCommand(io: CliIO, args: ParsedArgs, lang: Lang): Promise<number> {
  return withProgress(io, lang, args.progress, (progress) => gather(io, args, lang, progress));
}

async function gather(io: CliIO, args: ParsedArgs, lang: Lang, progress: Progress): Promise<number> {
  if (args.files.length === 0) {
    // The workbooks to gather given to --index instead: said to go right after the command.
    if (args.index !== undefined) failIfIndexNotText(io, args.index, "collect");
    fail(M.needFiles);
  }
  if (args.out === undefined) fail(M.needOut("collect"));
  progress.read(args.files);
  checkOutputs(io, "collect", { files: args.files, out: args.out });
  const model = args.index !== undefined ? loadIndex(io, args.index, lang, "collect").model : undefined;
  // A file that cannot be used (another format, missing, a folder) is left out with its sentence,
  // as an unreadable .xlsx is, and the others are gathered; given alone, its sentence is the reason nothing ran.
  const inputs = readInputs(io, args.files);
  if (inputs.length === 1 && inputs[0]!.problem !== undefined) {
    const only = inputs[0]!;
    fail(only.lock ? { vi: `${only.name}: ${only.problem!.vi}`, en: `${only.name}: ${only.problem!.en}` } : only.notThere ? only.problem! : (only.alone ?? notXlsxByExtension(only.path)!));
  }
  const files = inputs.filter((i) => i.problem === undefined).map(({ name, data }) => ({ name, data: data! }));
  warnIfOutOpen(io, args.out, lang);
  // An existing output workbook receives the new forms (collecting can be done in several goes),
  // keeping all it holds; one that cannot be read is not written over. An empty file is written anew.
  const base = files.length > 0 && existsSync(resolvePath(io, args.out)) && !isEmptyFile(io, args.out) ? readInputFile(io, args.out) : undefined;
  let result: Awaited<ReturnType<typeof collectFiles>> | undefined;
  try {
    progress.update("collect");
    if (files.length > 0) result = await collectFiles(files, base, model, { baseName: args.out, commandLine: true });
  } catch (e) {
    if (e instanceof CollectReadError) return fail(baseUnreadable(args.out));
    if (e instanceof CollectWriteError) return fail(writeFailed(args.out, e.detail, base !== undefined));
    throw e;
  }
  // The files left out, in the order given: a lock file, a file not there, another format with its
  // own sentence, an .xlsx that could not be read.
  const left: { name: string; skip: CollectSkip; line: Message; lock: boolean; notThere: boolean }[] = [];
  const unreadableXlsx = result?.report.unreadable ?? [];
  const unreadableSkips = result?.report.skipped.slice(0, unreadableXlsx.length) ?? [];
  let next = 0;
  for (const i of inputs) {
    if (i.problem !== undefined) {
      const line = i.lock ? { vi: `${i.name}: ${i.problem.vi}`, en: `${i.name}: ${i.problem.en}` } : i.problem;
      left.push({ name: i.name, skip: { file: i.name, sheet: "", kind: "file", reason: i.problem }, line, lock: i.lock === true, notThere: i.notThere === true });
    } else if (next < unreadableXlsx.length && unreadableXlsx[next] === i.name) {
      const skip = unreadableSkips[next]!;
      left.push({ name: i.name, skip: { ...skip, reason: unreadableReason(i.data!, i.name, skip.reason) }, line: notXlsxReason(i.data!, i.name), lock: false, notThere: false });
      next++;
    }
  }
  if (result === undefined || left.length === inputs.length) {
    const lines = (l: Lang): string[] => left.map((x) => x.line[l]);
    const notXlsx = left.every((x) => !x.lock && !x.notThere);
    return fail(M.noFileReadable(inputs.length, notXlsx), { vi: lines("vi"), en: lines("en") });
  }
  const unreadable = left.filter((x) => !x.lock).map((x) => x.name);
  const report = {
    ...result.report,
    unreadable,
    skipped: [...left.map((x) => x.skip), ...result.report.skipped.slice(unreadableXlsx.length)],
  };
  progress.done();
  // Forms of different indices (or versions) in one workbook cannot be scored together: said first.
  for (const w of report.warnings) io.stderr.write(`${T.severityOne.warning[lang]}: ${w[lang]}\n`);
  // Each thing left out on its line, but the blank forms of units whose form is elsewhere (every
  // file a unit sends back holds the others' blank forms: N units, N×(N−1) of them), counted
  // after the others in a line of their own; the report keeps each one with its reason.
  const listed = report.skipped.filter((s) => !isRoutineSkip(s));
  const skipLines = listed.map((s) => `  - ${s.file}: ${s.reason[lang]}`);
  const countOf = (d: DuplicateKind): number => report.skipped.filter((s) => s.duplicate === d).length;
  const counted = [
    ...(countOf("blank-form") > 0 ? [M.blankFormsSkipped(countOf("blank-form"))[lang]] : []),
    ...(countOf("blank-again") > 0 ? [M.blankAgainSkipped(countOf("blank-again"))[lang]] : []),
  ];
  if (report.take.length === 0) {
    // Nothing to gather: no file is written. When all the files hold is already in --out (blank
    // forms of units with a form there, forms the same as theirs there), nothing is wrong.
    if (base !== undefined && report.unreadable.length === 0 && report.skipped.every((s) => isRoutineSkip(s) || s.duplicate === "same-form")) {
      for (const line of [M.nothingNew(args.out)[lang], ...skipLines, ...counted]) io.stdout.write(line + "\n");
      return 0;
    }
    // Otherwise every reason is said.
    for (const line of [M.nothingCollected(args.out)[lang], ...skipLines, ...counted]) io.stderr.write(line + "\n");
    return 1;
  }
  writeOutputFile(io, args.out, result.data);
  io.stdout.write(M.collected(report.take.length, args.out)[lang] + "\n");
  for (const t of report.take) io.stdout.write(M.took(t.file, t.sheet, t.as)[lang] + (t.replaces !== undefined ? replacedBlank(t.replaces)[lang] : "") + "\n");
  // Forms added to a workbook that holds results: those results no longer cover what it holds.
  if (base !== undefined && (await holdsResults(base))) io.stdout.write(resultsOutOfDate(args.out)[lang] + "\n");
  // A file left out is said on stderr too, where a script looks for what went wrong; so is a
  // unit's other filled form not taken (a resubmission, or two versions sent): one of them may be
  // the right one, and only a person can tell.
  if (report.unreadable.length > 0) io.stderr.write(unreadableSummary(report.unreadable)[lang] + "\n");
  const otherForms = report.skipped.filter((s) => s.duplicate === "second-filled" || s.duplicate === "filled-in-workbook");
  if (otherForms.length > 0) io.stderr.write(otherFormsSummary(otherForms)[lang] + "\n");
  if (skipLines.length > 0) io.stdout.write(M.skippedHead(skipLines.length)[lang] + "\n");
  for (const line of [...skipLines, ...counted]) io.stdout.write(line + "\n");
  return report.unreadable.length > 0 || otherForms.length > 0 ? 1 : 0;
}

/** Said on stderr when a unit's other filled form was not taken (CollectSkip.duplicate "second-filled", "filled-in-workbook"). */
function otherFormsSummary(skips: CollectSkip[]): Message {
  const where = skips.map((s) => (s.sheet ? `${s.file} › ${s.sheet}` : s.file)).join(", ");
  return {
    vi: `${T.severityOne.warning.vi}: không lấy ${skips.length} phiếu đã điền của đơn vị đã có phiếu khác (${where}); hãy xem lý do bên dưới và giữ lại bản đúng.`,
    en: `${T.severityOne.warning.en}: ${skips.length} other filled form${skips.length === 1 ? "" : "s"} of units that already have one ${skips.length === 1 ? "was" : "were"} not taken (${where}); see why below and keep the right one.`,
  };
}

/** Said after a form that took the place of its unit's blank form in --out. */
function replacedBlank(sheet: string): Message {
  return {
    vi: ` (thay phiếu trống '${sheet}' đã có trong sổ)`,
    en: ` (in place of the blank form '${sheet}' already in the workbook)`,
  };
}

function unreadableSummary(names: string[]): Message {
  return {
    vi: `${T.severityOne.warning.vi}: bỏ qua ${names.length} tệp không đọc được (${names.join(", ")}); các tệp khác đã được tổng hợp.`,
    en: `${T.severityOne.warning.en}: left out ${names.length} unreadable file${names.length === 1 ? "" : "s"} (${names.join(", ")}); the others were collected.`,
  };
}
