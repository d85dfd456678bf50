/**
 * How bin/dti-scorer.js runs the command. An ordinary run (files of a few megabytes) runs in the
 * launcher's own process, as it always did: no second process, nothing more at start. Files so
 * large that reading them may take more memory than Node.js gives a process by default (ExcelJS
 * holds a whole workbook, and the reader a copy of its cells: up to 600 MB of memory for each
 * megabyte of .xlsx, HEAP_MB_PER_FILE_MB) are run in a child Node.js process given more memory
 * (--max-old-space-size, a share of the computer's memory), unless the user chose the memory
 * (NODE_OPTIONS or node's own option). When the child still runs out of memory, V8 ends it with
 * "FATAL ERROR: Reached heap limit" and a dump of its stack: the launcher says instead, in one
 * sentence, which file was too large, how much memory it had and what to do, with status 2.
 *
 * The child is the command as the user would have run it: its standard input and output are the
 * launcher's own, and so is its standard error, passed to it as descriptor 3, where the command
 * writes what it says (run's `stderrFd`): its progress line stays on the terminal, in order with
 * what it prints. Only what Node.js or V8 write on the child's own descriptor 2 passes through the
 * launcher, which holds back V8's dump. On Windows (where a descriptor 3 is not handed to the
 * child) the child's standard error is the launcher's own: V8's dump shows, the sentence follows.
 * Ctrl+C, SIGTERM and SIGHUP reach the child as they would reach the command (the terminal sends
 * Ctrl+C to both; a signal sent to the launcher alone is passed on), so that a file being written
 * is still finished whole (safe-write.ts); the launcher then ends as the child did: by the same
 * signal, or with its exit status.
 *
 * Environment: DTI_SCORER_HEAP_MB=<megabytes> runs any command in a child with that much memory
 * (tests run out of memory that way cheaply). DTI_SCORER_CHILD is set for the child: it runs the
 * command itself, never another child.
 */
import { spawn } from "node:child_process";
import { statSync, writeSync } from "node:fs";
import { constants as osConstants, totalmem } from "node:os";
import { resolve } from "node:path";
import { getHeapStatistics } from "node:v8";
import { VALUE_OPTION_NAMES } from "./option-names";

/**
 * Memory (MB of V8 heap) a run may take for each MB of workbook it reads, measured with `score
 * --out`: a table of 3,321 units × 40 figures (0.8 MB of .xlsx, its numbers packed tight) ran out
 * of 384 MB of heap and passed in 512 MB; 400 units' forms made by `template` (2.5 MB) peaked at
 * 440 MB. The table's, the larger, rounded up: about 1.7 MB of such a table per GB of heap.
 */
export const HEAP_MB_PER_FILE_MB = 600;

/** Below this share of the heap a run may have, the files are read in the launcher's own process. */
const HERE_SHARE = 0.5;

/** The share of the computer's memory the child may take as its heap, unless the user chose it. */
const CHILD_SHARE = 0.5;

/** The environment variable that marks the child (its value: the descriptor of the launcher's standard error, or "2"). */
export const CHILD_ENV = "DTI_SCORER_CHILD";
/** The environment variable that runs the command in a child with that many MB of heap. */
export const HEAP_ENV = "DTI_SCORER_HEAP_MB";

/**
 * Options whose value is a workbook or table the command may read whole: --out (the scored
 * workbook or the forms it would replace, collect's workbook it adds to) and --units. The input
 * files are the words after the command. (--index names a definition: JSON, small.)
 */
const READ_OPTIONS = new Set(["out", "units"]);
/** Options that take a value (args.ts): their value is no input file. */
/** Options that take a value, as parseArgs reads them (args.ts): their values are no input files. */
const VALUE_OPTIONS = VALUE_OPTION_NAMES;

export interface InputFile {
  /** As given on the command line. */
  path: string;
  bytes: number;
}

/** Where the command runs: here, or in a child with `heapMb` of heap (undefined: the heap the user chose, kept). */
export type LaunchPlan = { where: "here" } | { where: "child"; heapMb: number | undefined; files: InputFile[]; reason: "large" | "asked" };

export interface LaunchFacts {
  argv: string[];
  env: Record<string, string | undefined>;
  /** Node's own options of this process (process.execArgv). */
  execArgv: string[];
  /** The heap this process may take (v8's heap_size_limit), in MB. */
  heapLimitMb: number;
  /** The computer's memory, in MB. */
  totalMemMb: number;
  /** The size of a regular file, in bytes; undefined for anything else (no such file, a folder). */
  sizeOf: (path: string) => number | undefined;
}

/** Whether --max-old-space-size (or its spelling with underscores) is among Node options given as words or in NODE_OPTIONS. */
export function heapOptionOf(words: string): number | undefined {
  const m = /(?:^|\s)--max[-_]old[-_]space[-_]size(?:=|\s+)(\d+)/.exec(words);
  return m ? Number(m[1]) : undefined;
}

/** The files the command line names that the command may read whole (regular files there): its input files, and the values of --out and --units; each once. */
export function inputFiles(argv: string[], sizeOf: (path: string) => number | undefined): InputFile[] {
  const named: string[] = [];
  let command: string | undefined;
  let onlyWords = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    // As parseArgs reads them: a word that is no option ("-" alone is standard input), the first one the command.
    if (onlyWords || !a.startsWith("-") || a === "-") {
      if (command === undefined) command = a;
      else if (a !== "-") named.push(a);
      continue;
    }
    if (a === "--") {
      onlyWords = true;
      continue;
    }
    if (!a.startsWith("--")) continue;
    const eq = a.indexOf("=");
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (!VALUE_OPTIONS.has(name)) continue;
    let value: string | undefined;
    if (eq >= 0) value = a.slice(eq + 1);
    else if (argv[i + 1] !== undefined && (argv[i + 1] === "-" || !argv[i + 1]!.startsWith("--"))) value = argv[++i];
    if (value !== undefined && READ_OPTIONS.has(name)) named.push(value);
  }
  const out: InputFile[] = [];
  const seen = new Set<string>();
  for (const path of named) {
    // Scoring in place (`score a.xlsx --out a.xlsx`) reads the file once.
    const key = resolve(path);
    if (seen.has(key)) continue;
    seen.add(key);
    const bytes = sizeOf(path);
    if (bytes !== undefined) out.push({ path, bytes });
  }
  return out;
}

/**
 * Where to run (see the file's comment): in a child when DTI_SCORER_HEAP_MB asks for it, or when
 * the files named would take more than HERE_SHARE of this process's heap (HEAP_MB_PER_FILE_MB);
 * here otherwise, and always in the child itself and for --help and --version.
 */
export function launchPlan(facts: LaunchFacts): LaunchPlan {
  const { argv, env } = facts;
  if (env[CHILD_ENV] !== undefined) return { where: "here" };
  if (argv.some((a) => a === "--help" || a === "-h" || a === "--version" || a === "-V")) return { where: "here" };
  const files = inputFiles(argv, facts.sizeOf);
  const asked = /^\d+$/.test(env[HEAP_ENV]?.trim() ?? "") ? Number(env[HEAP_ENV]!.trim()) : undefined;
  if (asked !== undefined && asked > 0) return { where: "child", heapMb: asked, files, reason: "asked" };
  const mb = files.reduce((sum, f) => sum + f.bytes, 0) / 2 ** 20;
  if (mb * HEAP_MB_PER_FILE_MB <= facts.heapLimitMb * HERE_SHARE) return { where: "here" };
  // The user chose the heap: it is kept, and a run out of it is still said in a sentence.
  const chosen = heapOptionOf(env.NODE_OPTIONS ?? "") ?? heapOptionOf(facts.execArgv.join(" "));
  if (chosen !== undefined) return { where: "child", heapMb: undefined, files, reason: "large" };
  return { where: "child", heapMb: Math.max(Math.floor(facts.heapLimitMb), Math.floor(facts.totalMemMb * CHILD_SHARE)), files, reason: "large" };
}

/**
 * The start of what V8 writes on standard error when a process runs out of memory: the last
 * collections ("<--- Last few GCs --->"), the JavaScript stack, then "FATAL ERROR: … JavaScript heap
 * out of memory" and the native stack.
 */
const V8_DUMP_STARTS = ["\n<--- Last few GCs --->", "<--- Last few GCs --->", "\n<--- JS stacktrace --->", "FATAL ERROR:"];

/** Whether what V8 wrote says that the process ran out of memory. */
export function isOutOfMemory(dump: string): boolean {
  return /FATAL ERROR:[^\n]*(?:heap out of memory|Reached heap limit|Allocation failed)/.test(dump);
}

/**
 * Passes what the child writes on its descriptor 2 on (`forward`), except V8's dump when it starts
 * (kept, `dump`): text that may be the start of the dump is held until the next chunk tells.
 */
export class DumpFilter {
  private held = "";
  dump: string | undefined;

  constructor(private readonly forward: (text: string) => void) {}

  push(chunk: string): void {
    if (this.dump !== undefined) {
      this.dump += chunk;
      return;
    }
    const text = this.held + chunk;
    this.held = "";
    const starts = V8_DUMP_STARTS.map((m) => text.indexOf(m)).filter((i) => i >= 0);
    if (starts.length > 0) {
      const at = Math.min(...starts);
      if (at > 0) this.forward(text.slice(0, at));
      this.dump = text.slice(at);
      return;
    }
    // The longest end of the text that a marker starts with waits for the next chunk.
    let keep = 0;
    for (const m of V8_DUMP_STARTS) for (let n = Math.min(m.length - 1, text.length); n > keep; n--) if (text.endsWith(m.slice(0, n))) keep = n;
    if (text.length > keep) this.forward(text.slice(0, text.length - keep));
    this.held = text.slice(text.length - keep);
  }

  /** The child has ended: what was held is passed on. */
  end(): void {
    if (this.held !== "") this.forward(this.held);
    this.held = "";
  }
}

/** The size of a regular file (its path from the current folder), in bytes; undefined for anything else. */
export function fileSize(path: string): number | undefined {
  try {
    const stat = statSync(resolve(path));
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

/** Sleeps `ms` without the event loop (a descriptor that takes no more bytes for now). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Writes all of `data` to the descriptor `fd`, waiting while it takes no more (EAGAIN: a pipe whose
 * reader is behind, on a descriptor another process made non-blocking), as a blocking write would.
 * Throws the system's error otherwise (EPIPE: its reader went away).
 */
export function writeAllSync(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      pause(5);
    }
  }
}

/** What the launcher needs of the command, loaded only when it is needed (the command is large). */
export interface LaunchTarget {
  /** Runs the command in this process; `stderrFd`: where its standard error is, when it is not descriptor 2. */
  run: (options: { stderrFd?: number }) => void;
  /** The sentence said when the child ran out of memory (ending with a newline). */
  outOfMemoryLine: (argv: string[], info: OutOfMemoryInfo) => Promise<string>;
}

export interface OutOfMemoryInfo {
  files: InputFile[];
  /** The heap the child had, in MB. */
  heapMb: number;
  /** The computer's memory, in MB. */
  totalMemMb: number;
}

const FORWARDED: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * bin/dti-scorer.js: runs the command here or in a child (launchPlan). `script`: the file node
 * runs (the child runs it again); `target`: the command, loaded when needed.
 */
export function launch(script: string, target: () => LaunchTarget): void {
  const argv = process.argv.slice(2);
  const facts: LaunchFacts = {
    argv,
    env: process.env,
    execArgv: process.execArgv,
    heapLimitMb: getHeapStatistics().heap_size_limit / 2 ** 20,
    totalMemMb: totalmem() / 2 ** 20,
    sizeOf: fileSize,
  };
  const plan = launchPlan(facts);
  const child = process.env[CHILD_ENV];
  if (plan.where === "here") {
    const fd = child !== undefined && /^\d+$/.test(child) && child !== "2" ? Number(child) : undefined;
    if (child !== undefined) delete process.env[CHILD_ENV];
    target().run(fd !== undefined ? { stderrFd: fd } : {});
    return;
  }
  runInChild(script, argv, plan, facts, target);
}

function runInChild(script: string, argv: string[], plan: Extract<LaunchPlan, { where: "child" }>, facts: LaunchFacts, target: () => LaunchTarget): void {
  const windows = process.platform === "win32";
  const heapOption = plan.heapMb !== undefined ? [`--max-old-space-size=${plan.heapMb}`] : [];
  const child = spawn(process.execPath, [...process.execArgv, ...heapOption, script, ...argv], {
    stdio: windows ? "inherit" : ["inherit", "inherit", "pipe", 2],
    env: { ...process.env, [CHILD_ENV]: windows ? "2" : "3" },
  });
  // The terminal sends Ctrl+C to the child too; a signal sent to the launcher alone is passed on.
  // Either way the launcher waits for the child, and ends as it did.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!windows && child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const s of FORWARDED) process.on(s, onSignal);
  const toStderr = (text: string): void => {
    try {
      writeAllSync(2, text);
    } catch {
      // Nobody reads the launcher's standard error any more: nothing more can be said there.
    }
  };
  const filter = new DumpFilter(toStderr);
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => filter.push(chunk));
  let failed = false;
  child.on("error", () => {
    // Node.js could not be started again (its program gone since): the command runs here after all.
    if (failed) return;
    failed = true;
    for (const s of FORWARDED) process.removeListener(s, onSignal);
    target().run({});
  });
  child.on("close", (code, signal) => {
    if (failed) return;
    filter.end();
    const dump = filter.dump;
    const heapMb = plan.heapMb ?? heapOptionOf(process.env.NODE_OPTIONS ?? "") ?? heapOptionOf(process.execArgv.join(" ")) ?? Math.round(facts.heapLimitMb);
    const died = signal === "SIGABRT" || code === 134;
    if (died && (windows || (dump !== undefined && isOutOfMemory(dump)))) {
      void target()
        .outOfMemoryLine(argv, { files: plan.files, heapMb, totalMemMb: facts.totalMemMb })
        .catch(() => `dti-scorer: out of memory (${heapMb} MB)\n`)
        .then((line) => {
          toStderr(line);
          process.exitCode = 2;
        });
      return;
    }
    if (dump !== undefined) toStderr(dump);
    for (const s of FORWARDED) process.removeListener(s, onSignal);
    if (signal !== null) {
      // Ended by a signal: the launcher ends by the same one, as the shell expects of the command
      // (or, for one Node.js ignores, with the status a shell gives a process ended by it).
      process.exitCode = 128 + (osConstants.signals[signal] ?? 0);
      process.kill(process.pid, signal);
      return;
    }
    process.exitCode = code ?? 2;
  });
}
