/** The command line's contact with the outside: files, streams, and its one-line failures. */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, parse, relative, resolve, sep } from "node:path";
import type { Lang, Message } from "../core/i18n/text";
import { M } from "./messages";
import { OUT } from "./output-messages";
import { type WriteBytes, checkWritable, replaceFile } from "./safe-write";

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  cwd: string;
  env?: Record<string, string | undefined>;
  /** How long a run goes before its progress is shown (1 s when not given; tests give 0). */
  progressDelayMs?: number;
  /**
   * How the bytes of an output file go to the file (all of them written with fs.writeSync when not
   * given): a test gives one that fails or is interrupted halfway, as a full disk or Ctrl+C would.
   */
  writeBytes?: WriteBytes;
}

/** The files each run (its CliIO) has written so far, as the command line named them. */
const written = new WeakMap<CliIO, string[]>();

/** A run starts with no file written (main). */
export function beginRun(io: CliIO): void {
  written.set(io, []);
}

/** The files this run has written, in order, as the command line named them. */
export function writtenFiles(io: CliIO): readonly string[] {
  return written.get(io) ?? [];
}

/**
 * The process's own standard output or error named as a file (`--json /dev/stdout`, /dev/fd/2,
 * /proc/self/fd/1): what is written there goes to that stream, as `--json -` does for stdout.
 */
export function standardStream(io: CliIO, path: string): "stdout" | "stderr" | undefined {
  if (process.platform === "win32") return undefined;
  const full = resolve(io.cwd, path);
  if (full === "/dev/stdout" || full === "/dev/fd/1" || full === "/proc/self/fd/1") return "stdout";
  if (full === "/dev/stderr" || full === "/dev/fd/2" || full === "/proc/self/fd/2") return "stderr";
  return undefined;
}

/** Lines that follow a failure's one-line reason (every problem of a definition, say), by language. */
export interface FailureDetails {
  vi: string[];
  en: string[];
}

/**
 * A reason the command could not run: exit status 2 with one line on stderr, then optionally one
 * line per detail so that the user can fix every problem at once (`head -1` still gets the reason).
 */
export class CliFailure extends Error {
  constructor(
    readonly reason: Message,
    readonly details?: FailureDetails,
  ) {
    super(reason.en);
  }
}

export function fail(reason: Message, details?: FailureDetails): never {
  throw new CliFailure(reason, details);
}

/** One line: a multi-line reason is joined so scripts can read it with `head -1`. */
export function oneLine(text: string): string {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .join(" ");
}

/**
 * The full path of `path` (relative to the command's folder). A name typed in one Unicode
 * normalisation (NFC, as a keyboard types "Sở Nội vụ") that is stored in the other (NFD, as a
 * file copied from a Mac) names the file that is there: when the path does not exist as typed,
 * each part of it that is not found is looked for in its folder under the other normalisation.
 */
export function resolvePath(io: CliIO, path: string): string {
  const full = resolve(io.cwd, path);
  if (existsSync(full) || full.normalize("NFC") === full.normalize("NFD")) return full;
  const root = parse(full).root;
  let at = root;
  const parts = relative(root, full).split(sep);
  for (const [i, part] of parts.entries()) {
    const next = join(at, part);
    if (existsSync(next)) {
      at = next;
      continue;
    }
    const same = otherNormalisation(at, part);
    // Not there in either form (a file to be written): the rest as typed, in the folders found.
    if (same === undefined) return join(at, ...parts.slice(i));
    at = join(at, same);
  }
  return at;
}

/** The entry of folder `dir` whose name is `name` in another Unicode normalisation, if there is one. */
function otherNormalisation(dir: string, name: string): string | undefined {
  const nfc = name.normalize("NFC");
  try {
    return readdirSync(dir).find((entry) => entry !== name && entry.normalize("NFC") === nfc);
  } catch {
    return undefined;
  }
}

export function readInputFile(io: CliIO, path: string): Uint8Array {
  const problem = inputFileProblem(io, path);
  if (problem) fail(problem);
  try {
    return new Uint8Array(readFileSync(resolvePath(io, path)));
  } catch (e) {
    return fail(readFailure(path, e));
  }
}

/**
 * Why a file named as an input cannot be read before trying to: no name at all (`score ""`), no
 * such file, or a folder of that name. Undefined when there is a file to read.
 */
export function inputFileProblem(io: CliIO, path: string): Message | undefined {
  if (path.trim() === "") return M.noFileName;
  const full = resolvePath(io, path);
  if (!existsSync(full)) {
    // Saved by Notepad as "tinh.json.txt" (Windows hides the extension it added): said so.
    for (const added of [".txt", ".csv", ".xlsx"]) if (existsSync(full + added) && !path.toLowerCase().endsWith(added)) return M.fileMissingWithExtension(path, added);
    return M.fileMissing(path);
  }
  try {
    // One sentence per language: the reason is said in the same language as the rest.
    if (statSync(full).isDirectory()) return { vi: M.fileUnreadable(path, "đây là một thư mục, không phải tệp.").vi, en: M.fileUnreadable(path, "it is a directory, not a file.").en };
  } catch (e) {
    return readFailure(path, e);
  }
  return undefined;
}

/** An input file that could not be read, with why in plain words. */
export function readFailure(path: string, e: unknown): Message {
  const why = errorReason(e, "read");
  return { vi: M.fileUnreadable(path, why.vi).vi, en: M.fileUnreadable(path, why.en).en };
}

/** A file that could not be written, with why in plain words. */
export function writeFailure(path: string, e: unknown): Message {
  const why = errorReason(e, "write");
  return { vi: M.cannotWrite(path, why.vi).vi, en: M.cannotWrite(path, why.en).en };
}

/**
 * Stops the command when the folder an output file goes into is not there (said before any work,
 * and again when it is written); the full path of the file otherwise.
 */
export function checkOutputFolder(io: CliIO, path: string): string {
  const full = resolvePath(io, path);
  if (!existsSync(dirname(full))) fail(M.outFolderMissing(path, dirname(path)));
  return full;
}

/**
 * Before any work: stops the command when an output file cannot be written — its folder is not
 * there, is no folder (a file of that name: ENOTDIR) or takes no new file (read-only, no
 * permission), or the file there is a folder or may not be written — so that this is said at
 * once, not after the scoring, and not after another output was written. The full path otherwise.
 */
export function checkOutputWritable(io: CliIO, path: string): string {
  const full = checkOutputFolder(io, path);
  if (standardStream(io, path) !== undefined) return full;
  try {
    checkWritable(full);
  } catch (e) {
    fail(writeFailure(path, e));
  }
  return full;
}

/**
 * Writes an output file. Its folder must be there: a folder name mistyped is said (one sentence
 * naming it), not made, so that the results do not land where nobody looks. The file is replaced
 * whole or not at all (safe-write.ts): a write that fails (a full disk) or is stopped leaves what
 * was there — the input itself, scored in place — as it was. A failure after other files of the
 * run were written says that they were.
 */
export function writeOutputFile(io: CliIO, path: string, data: Uint8Array | string): string {
  const done = written.get(io);
  let full: string;
  try {
    full = checkOutputFolder(io, path);
    const stream = standardStream(io, path);
    if (stream !== undefined && typeof data === "string") io[stream].write(data);
    else replaceFile(full, data, io.writeBytes);
  } catch (e) {
    const failure = e instanceof CliFailure ? e.reason : writeFailure(path, e);
    return fail(OUT.afterWritten(failure, done ?? []));
  }
  done?.push(path);
  return full;
}

/**
 * Why a file could not be read or written, as a sentence a user can act on, for the system's
 * usual reasons (no such folder, no permission, the file open in Excel, a file where a folder
 * should be, a full or read-only disk or one over its quota, a name too long, too many files
 * open); anything else as the system names it (its code).
 */
export function errorReason(e: unknown, op: "read" | "write"): Message {
  const code = errnoCode(e);
  const reading = op === "read";
  switch (code) {
    case "ENOENT":
      return reading
        ? { vi: "tệp hoặc thư mục chứa nó không tồn tại.", en: "the file or the folder it is in does not exist." }
        : { vi: "thư mục để ghi tệp không tồn tại hoặc không tạo được ở đó.", en: "the folder to write it in does not exist or cannot be made there." };
    case "EACCES":
    case "EPERM":
      return reading
        ? { vi: "tài khoản đang dùng không có quyền đọc tệp này (hoặc thư mục chứa nó).", en: "you do not have permission to read this file (or the folder it is in)." }
        : {
            vi: "tài khoản đang dùng không có quyền ghi tệp này (hoặc ghi vào thư mục chứa nó), hoặc tệp đang mở trong một chương trình khác như Excel.",
            en: "you do not have permission to write this file (or into the folder it is in), or the file is open in another program such as Excel.",
          };
    case "EBUSY":
      return {
        vi: "tệp đang mở trong một chương trình khác (như Excel): hãy đóng tệp rồi chạy lại.",
        en: "the file is open in another program (such as Excel): close it and run again.",
      };
    case "EEXIST":
    case "ENOTDIR":
      return {
        vi: "một phần của đường dẫn là tệp chứ không phải thư mục; hãy kiểm tra lại đường dẫn.",
        en: "part of the path is a file, not a folder; check the path.",
      };
    case "EISDIR":
      return { vi: "đây là một thư mục, không phải tệp.", en: "it is a directory, not a file." };
    case "ENOSPC":
      return { vi: "ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại.", en: "the disk is full; free some space and run again." };
    case "EDQUOT":
      return {
        vi: "đã dùng hết dung lượng được cấp trên ổ đĩa này; hãy xóa bớt tệp hoặc chọn nơi khác.",
        en: "your space on this disk is used up (its quota); delete some files or choose another place.",
      };
    case "ENAMETOOLONG":
      return {
        vi: "tên tệp (hoặc tên một thư mục trong đường dẫn) quá dài; hãy chọn tên ngắn hơn.",
        en: "the file name (or the name of a folder in the path) is too long; choose a shorter name.",
      };
    case "EMFILE":
    case "ENFILE":
      return {
        vi: "máy đang mở quá nhiều tệp cùng lúc; hãy đóng bớt chương trình rồi chạy lại.",
        en: "too many files are open at once on this computer; close some programs and run again.",
      };
    case "EROFS":
      return { vi: "ổ đĩa hoặc thư mục này chỉ cho đọc, không ghi được; hãy chọn nơi khác.", en: "the disk or folder is read-only; choose another place." };
    case "EFBIG":
      return OUT.fileTooLarge;
  }
  const text = errorText(e);
  return { vi: text, en: text };
}

/** The system's code of a failure (ENOENT…), read from any object (an error of another realm is no `instanceof Error`). */
function errnoCode(e: unknown): string | undefined {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === "string" && code !== "" ? code : undefined;
}

export function errorText(e: unknown): string {
  const code = errnoCode(e);
  if (code !== undefined) return code;
  return e instanceof Error ? e.message : String(e);
}

export function say(io: CliIO, message: Message, lang: Lang): void {
  io.stdout.write(message[lang] + "\n");
}
