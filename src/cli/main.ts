/**
 * The command line: `dti-scorer score | validate | template | collect | indices | demo`.
 * `main` runs in-process (tests call it) and returns the exit status: 0 done, 1 done but the
 * inputs have errors, 2 the command could not run (one line on stderr saying why).
 */
import { fstatSync } from "node:fs";
import { WriteStream, isatty } from "node:tty";
import type { Lang } from "../core/i18n/text";
import { langGiven, languageFrom, parseArgs, scoredInput } from "./args";
import { runCollectCommand } from "./commands/collect";
import { failIfIndexNotText } from "./commands/common";
import { runIndicesCommand } from "./commands/indices";
import { runScoreCommand } from "./commands/score";
import { runTemplateCommand } from "./commands/template";
import { runValidateIndexCommand } from "./commands/validate";
import { runDemo } from "./demo";
import { type CliIO, CliFailure, beginRun, errorReason, oneLine, resolvePath, standardStream, writtenFiles } from "./io";
import { type OutOfMemoryInfo, writeAllSync } from "./launch";
import { COMMAND_HELP, HELP, M } from "./messages";
import { OUT } from "./output-messages";
import { type WriteBytes, holdSignalsWhileWriting } from "./safe-write";
import { PROJECT_VERSION } from "./version";
import { peekWorkbookLanguage } from "./workbook-peek";

export type { CliIO } from "./io";

export async function main(argv: string[], io: CliIO): Promise<number> {
  const env = io.env ?? process.env;
  let lang: Lang = languageFrom(argv);
  beginRun(io);
  try {
    const parsed = parseArgs(argv);
    if (!parsed.ok) {
      // A mistake in the options of score or validate, without --lang: said in the language the
      // workbook was scored in, as what the run says once it has read the workbook.
      if (langGiven(argv) === undefined) lang = (await inputLanguage(io, argv)) ?? lang;
      throw new CliFailure(parsed.reason);
    }
    const args = parsed.args;
    lang = args.lang ?? lang;
    // `--json /dev/stdout` is `--json -`: the JSON alone on stdout, what people read on stderr.
    if (args.json !== undefined && standardStream(io, args.json) === "stdout") args.json = "-";
    if (args.help) {
      io.stdout.write((args.command ? COMMAND_HELP[args.command] : HELP)[lang]);
      return 0;
    }
    if (args.version) {
      io.stdout.write(PROJECT_VERSION + "\n");
      return 0;
    }
    switch (args.command) {
      case "score":
        // --index without a workbook or table: a workbook given to --index is said to go first.
        if (args.files.length === 0 && args.index !== undefined) failIfIndexNotText(io, args.index, "score");
        return await runScoreCommand(io, args, lang, args.command);
      case "validate":
        // --index without a workbook or table: the definition alone is checked.
        if (args.files.length === 0 && args.index !== undefined) return await runValidateIndexCommand(io, args, lang);
        return await runScoreCommand(io, args, lang, args.command);
      case "template":
        return await runTemplateCommand(io, args, lang);
      case "collect":
        return await runCollectCommand(io, args, lang);
      case "indices":
        return await runIndicesCommand(io, args, lang);
      case "demo":
        return await runDemo(io, args, lang);
      case undefined:
        throw new CliFailure(M.noCommand);
    }
  } catch (e) {
    const reason = e instanceof CliFailure ? e.reason[lang] : M.unexpected(errorMessage(e))[lang];
    io.stderr.write(oneLine(reason) + "\n");
    // After the one-line reason, the details (every problem of a definition), one per line.
    if (e instanceof CliFailure && e.details) for (const line of e.details[lang]) io.stderr.write(oneLine(line) + "\n");
    if (!(e instanceof CliFailure) && env.DTI_SCORER_DEBUG) io.stderr.write(String((e as Error)?.stack) + "\n");
    return 2;
  }
}

/** The language the workbook given to score or validate was last scored in (peekWorkbookLanguage), when the command line names one. */
async function inputLanguage(io: CliIO, argv: string[]): Promise<Lang | undefined> {
  const input = scoredInput(argv);
  return input === undefined ? undefined : peekWorkbookLanguage(resolvePath(io, input));
}

/**
 * What bin/dti-scorer.js says when the command, run in a child process with more memory (launch.ts),
 * still ran out of it: one line naming the file and its size, the memory it had, and what to do.
 * In the language of --lang, else of the workbook given to score or validate, else Vietnamese.
 */
export async function outOfMemoryLine(argv: string[], info: OutOfMemoryInfo): Promise<string> {
  const quiet = { write: () => true };
  const lang = langGiven(argv) ?? (await inputLanguage({ stdout: quiet, stderr: quiet, cwd: process.cwd() }, argv)) ?? "vi";
  return oneLine(M.outOfMemory(info)[lang]) + "\n";
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The last resort for anything that escaped `main`: one line, exit status 2, never a stack trace. */
export function lastResortLine(e: unknown, lang: Lang): string {
  const what = lang === "vi" ? "lỗi không mong đợi" : "unexpected error";
  return `dti-scorer: ${what}: ${oneLine(errorMessage(e)) || "?"}\n`;
}

/** Whether a stream's failure means that its reader went away (`| head -1`), which is no error of the run's. */
function readerGone(e: unknown): boolean {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return code === "EPIPE" || code === "ERR_STREAM_DESTROYED";
}

/**
 * Entry point of the bundled command (bin/dti-scorer.js). When the reader of stdout goes away
 * (`dti-scorer score … | head -1`), the command stops printing, as Unix tools do, but still writes
 * the files it was asked for (--out, --json to a file). A closed stdout is no error of the run: the
 * exit status is the run's own (0 done, 1 done but the inputs have errors, 2 could not run),
 * whenever the reader went away. When stdout cannot be written for another reason (`> /dev/full`:
 * the disk is full), the command also stops printing and writes its files, then says so in one
 * line on stderr (naming the files it wrote) and exits with status 2. Anything unexpected is one
 * line on stderr and status 2. From its first file written on, Ctrl+C or SIGTERM stops the command
 * once the write under way has ended (holdSignalsWhileWriting): no file is left half written.
 * `options.writeBytes`: how the bytes of its files are written (tests: a write that fails halfway).
 * `options.stderrFd`: the descriptor of the standard error to write to, when it is not 2 (the
 * child process launch.ts starts for a large file, whose descriptor 2 its launcher reads).
 */
export function run(options: { writeBytes?: WriteBytes; stderrFd?: number } = {}): void {
  const argv = process.argv.slice(2);
  const lang: Lang = (() => {
    try {
      return languageFrom(argv);
    } catch {
      return "vi";
    }
  })();
  const errStream = (options.stderrFd !== undefined ? streamOnDescriptor(options.stderrFd) : undefined) ?? process.stderr;
  const lastResort = (e: unknown): void => {
    try {
      errStream.write(lastResortLine(e, lang));
    } catch {
      // stderr is gone too: nothing more can be said.
    }
    process.exit(2);
  };
  holdSignalsWhileWriting();
  // Once the reader of stdout is gone, what is left to print is dropped (a write to the closed
  // pipe, or to the stream Node destroyed after it, is not an error of the command's).
  let stdoutGone = false;
  // Why stdout could not be written, other than its reader going away; said once the run is over.
  let stdoutFailure: unknown;
  let finished = false;
  const sayStdoutFailure = (): void => {
    const line = OUT.afterWritten(OUT.stdoutFailed(errorReason(stdoutFailure, "write")), writtenFiles(io))[lang];
    stderr.write(oneLine(line) + "\n");
    process.exitCode = 2;
  };
  const stdoutFailed = (e: unknown): void => {
    const first = !stdoutGone && stdoutFailure === undefined;
    stdoutGone = true;
    if (!first || readerGone(e)) return;
    stdoutFailure = e;
    if (finished) sayStdoutFailure();
  };
  process.stdout.on("error", stdoutFailed);
  // The same for stderr (`2>&1 | head -1`, `2> /dev/full`): what is left to say is dropped, the files are still written.
  let stderrGone = false;
  errStream.on("error", () => {
    stderrGone = true;
  });
  process.on("uncaughtException", lastResort);
  process.on("unhandledRejection", lastResort);
  const stdout = {
    write: (chunk: string): boolean => {
      if (stdoutGone) return true;
      try {
        return process.stdout.write(chunk);
      } catch (e) {
        stdoutFailed(e);
        return true;
      }
    },
    get isTTY(): boolean {
      return process.stdout.isTTY === true;
    },
  };
  const stderr = {
    write: (chunk: string): boolean => {
      if (stderrGone) return true;
      try {
        return errStream.write(chunk);
      } catch {
        stderrGone = true;
        return true;
      }
    },
    get isTTY(): boolean {
      return errStream.isTTY === true;
    },
  };
  const io: CliIO = { stdout, stderr, cwd: process.cwd(), env: process.env, ...(options.writeBytes ? { writeBytes: options.writeBytes } : {}) };
  main(argv, io).then((code) => {
    finished = true;
    // The run's own status, whether or not the reader of stdout is still there.
    process.exitCode = code;
    if (stdoutFailure !== undefined) sayStdoutFailure();
  }, lastResort);
}

/** An output stream, as much of one as run uses. */
interface ErrStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  on(event: "error", listener: (e: unknown) => void): unknown;
}

/**
 * The standard error handed to the command as another descriptor (launch.ts): a terminal is written
 * as Node.js writes its own (tty.WriteStream: the progress line rewritten in place), anything else
 * (a file, a pipe) with synchronous writes, so that nothing said is lost when the process ends.
 * Undefined when the descriptor is not open.
 */
function streamOnDescriptor(fd: number): ErrStream | undefined {
  try {
    fstatSync(fd);
  } catch {
    return undefined;
  }
  if (isatty(fd)) return new WriteStream(fd);
  return {
    write: (chunk: string) => {
      writeAllSync(fd, chunk);
      return true;
    },
    isTTY: false,
    on: () => undefined,
  };
}
