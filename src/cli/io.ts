/** The command line's contact with the outside: files, streams, and its one-line failures. */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Lang, Message } from "../core/i18n/text";
import { M } from "./messages";

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

export function resolvePath(io: CliIO, path: string): string {
  return resolve(io.cwd, path);
}

export function readInputFile(io: CliIO, path: string): Uint8Array {
  const full = resolvePath(io, path);
  if (!existsSync(full)) fail(M.fileMissing(path));
  try {
    if (statSync(full).isDirectory()) {
      // One sentence per language: the reason is said in the same language as the rest.
      fail({
        vi: M.fileUnreadable(path, "đây là một thư mục, không phải tệp.").vi,
        en: M.fileUnreadable(path, "it is a directory, not a file.").en,
      });
    }
    return new Uint8Array(readFileSync(full));
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    return fail(M.fileUnreadable(path, errorText(e)));
  }
}

export function writeOutputFile(io: CliIO, path: string, data: Uint8Array | string): string {
  const full = resolvePath(io, path);
  try {
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
  } catch (e) {
    fail(M.cannotWrite(path, errorText(e)));
  }
  return full;
}

export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    return code ? `${code}` : e.message;
  }
  return String(e);
}

export function say(io: CliIO, message: Message, lang: Lang): void {
  io.stdout.write(message[lang] + "\n");
}
