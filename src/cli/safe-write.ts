/**
 * Writing an output file so that a write that fails (a full disk, a quota, a file too large) or is
 * interrupted (Ctrl+C, the terminal closed) never leaves it broken: the bytes go to a hidden
 * temporary file in the same folder (`.<name>.<pid>.tmp`), flushed to the disk, which then takes
 * the file's name in one step (rename). Until then the file named keeps what it held, the input
 * itself when a workbook is scored in place; a temporary file is removed when its write fails.
 * A file that is no regular file (a terminal, /dev/null, a named pipe) is written directly: there
 * is nothing there to keep, and a named pipe must stay one. What fails is thrown as the system's
 * error (its `code`: ENOSPC, EACCES…); the command line says it in words (io.ts).
 */
import {
  type Stats,
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { constants as osConstants } from "node:os";
import { basename, dirname, join, resolve } from "node:path";

/** How the bytes of an output file go to its open descriptor: all of them, or a thrown system error. */
export type WriteBytes = (fd: number, data: Uint8Array) => void;

/** fs.writeSync until every byte is written (a write may take fewer than it is given). */
export const writeAllBytes: WriteBytes = (fd, data) => {
  for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
};

/** An error as the system gives one (`code`), for the cases found before the system is asked. */
function systemError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

function codeOf(e: unknown): unknown {
  return typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
}

/** The file a path names once its symbolic links are followed (a link stays a link: what it points to is replaced). */
function followLinks(path: string): string {
  let at = path;
  for (let hops = 0; hops < 40; hops++) {
    let link: Stats;
    try {
      link = lstatSync(at);
    } catch {
      return at;
    }
    if (!link.isSymbolicLink()) return at;
    at = resolve(dirname(at), readlinkSync(at));
  }
  return at;
}

interface Target {
  /** The file to replace, its links followed. */
  path: string;
  /** What is there now; undefined when nothing is (the file is made). */
  stat?: Stats;
}

function targetOf(path: string): Target {
  const real = followLinks(path);
  try {
    return { path: real, stat: statSync(real) };
  } catch (e) {
    // Nothing there: made anew. Anything else (a file where a folder should be: ENOTDIR) is the answer.
    if (codeOf(e) === "ENOENT") return { path: real };
    throw e;
  }
}

/**
 * Whether a file is written directly, not through a temporary file: a device, a named pipe or a
 * socket (/dev/null, /dev/full, a terminal, `--json >(jq .)`), or anything under /dev or /proc
 * (/dev/stderr is the process's own output, whatever file it is redirected to: never replaced).
 */
function writtenDirectly(target: Target): boolean {
  if (target.stat !== undefined && !target.stat.isFile()) return true;
  return process.platform !== "win32" && /^\/(?:dev|proc)\//.test(target.path);
}

/**
 * Whether `path` names a file that is written directly (writtenDirectly): one that is not read to
 * see what it holds before it is written (reading a terminal waits for typing; a pipe, for ever).
 */
export function isWrittenDirectly(path: string): boolean {
  try {
    return writtenDirectly(targetOf(path));
  } catch {
    return false;
  }
}

/** Refusals that mean "no new file in this folder", where an existing file may still be written. */
function noNewFileHere(e: unknown): boolean {
  const code = codeOf(e);
  return code === "EACCES" || code === "EPERM";
}

/** A hidden temporary file beside `path`, made new (never one that is there), with the mode given. */
function makeTemporary(path: string, mode: number): { tmp: string; fd: number } {
  const dir = dirname(path);
  for (let n = 0; ; n++) {
    const name = `.${basename(path)}.${process.pid}${n > 0 ? `-${n}` : ""}.tmp`;
    // A name of 255 bytes is as long as most file systems take.
    const tmp = join(dir, Buffer.byteLength(name) > 255 ? `.dti-scorer.${process.pid}-${n}.tmp` : name);
    try {
      return { tmp, fd: openSync(tmp, "wx", mode) };
    } catch (e) {
      if (codeOf(e) !== "EEXIST" || n >= 99) throw e;
    }
  }
}

/** The temporary files being written (removed if the process is stopped by a signal meanwhile). */
const pending = new Set<string>();

/**
 * Before any work: whether `path` can be written as replaceFile writes it — its folder takes a new
 * file (one is made there and removed), a file there may be written (not a folder, not
 * read-only). Throws the system's error when not.
 */
export function checkWritable(path: string): void {
  const target = targetOf(path);
  if (target.stat?.isDirectory()) throw systemError("EISDIR");
  if (target.stat !== undefined) accessSync(target.path, constants.W_OK);
  if (writtenDirectly(target)) return;
  try {
    const { tmp, fd } = makeTemporary(target.path, 0o600);
    closeSync(fd);
    unlinkSync(tmp);
  } catch (e) {
    // A folder that takes no new file, holding a file that may be written: that file is written in place.
    if (target.stat !== undefined && noNewFileHere(e)) return;
    throw e;
  }
}

/**
 * Writes `data` as the file `path` (see the file's comment): through a temporary file beside it,
 * renamed over it once every byte is on the disk, with the mode (and, run as root, the owner) the
 * file had; directly when it is a device or a pipe. Throws the system's error when it cannot be
 * written, the file named then as it was.
 */
export function replaceFile(path: string, data: Uint8Array | string, writeBytes: WriteBytes = writeAllBytes): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const target = targetOf(path);
  if (target.stat?.isDirectory()) throw systemError("EISDIR");
  if (writtenDirectly(target)) {
    const fd = openSync(target.path, "w");
    try {
      writeBytes(fd, bytes);
    } finally {
      closeSync(fd);
    }
    return;
  }
  if (target.stat !== undefined) accessSync(target.path, constants.W_OK);
  holdSignals();
  let made: { tmp: string; fd: number };
  try {
    made = makeTemporary(target.path, target.stat !== undefined ? target.stat.mode & 0o777 : 0o666);
  } catch (e) {
    if (target.stat !== undefined && noNewFileHere(e)) return writeInPlace(target.path, bytes, writeBytes);
    throw e;
  }
  const { tmp, fd } = made;
  pending.add(tmp);
  let open = true;
  try {
    if (target.stat !== undefined) keepModeAndOwner(fd, target.stat);
    writeBytes(fd, bytes);
    fsyncSync(fd);
    open = false;
    closeSync(fd);
    renameSync(tmp, target.path);
  } catch (e) {
    if (open) closeQuietly(fd);
    removeQuietly(tmp);
    throw e;
  } finally {
    pending.delete(tmp);
    // A signal that came during the write is taken on the event loop's next turn: one more turn,
    // though the run may have nothing left to wait for (a signal alone does not keep it going).
    if (held) setImmediate(() => undefined);
  }
  syncFolder(dirname(target.path));
}

/** The file's permissions as they were (the umask would narrow them), and its owner when root writes it. */
function keepModeAndOwner(fd: number, stat: Stats): void {
  try {
    fchmodSync(fd, stat.mode & 0o777);
  } catch {
    // A file system without Unix permissions: its own rules apply.
  }
  if (process.getuid?.() === 0 && (stat.uid !== 0 || stat.gid !== 0)) {
    try {
      fchownSync(fd, stat.uid, stat.gid);
    } catch {
      // Kept as the system allows.
    }
  }
}

/**
 * The file written over in place, where its folder takes no new file: what it held is put back
 * when the write fails (as far as the disk lets it).
 */
function writeInPlace(path: string, bytes: Uint8Array, writeBytes: WriteBytes): void {
  let before: Buffer | undefined;
  try {
    before = readFileSync(path);
  } catch {
    before = undefined;
  }
  const fd = openSync(path, "r+");
  try {
    ftruncateSync(fd, 0);
    writeBytes(fd, bytes);
    fsyncSync(fd);
  } catch (e) {
    if (before !== undefined) {
      try {
        ftruncateSync(fd, 0);
        for (let at = 0; at < before.length; ) at += writeSync(fd, before, at, before.length - at, at);
        fsyncSync(fd);
      } catch {
        // The disk would not take it back either: the failure below is what is said.
      }
    }
    throw e;
  } finally {
    closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed, or nothing more to do.
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Gone already.
  }
}

/** The folder's entry for the renamed file on the disk too (where the system allows syncing a folder). */
function syncFolder(dir: string): void {
  if (process.platform === "win32") return;
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every file system syncs a folder; the file itself is on the disk.
  }
}

const STOPPING: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
let holding = false;
let held = false;

/**
 * For the command's own process (run): from its first write on, a signal that stops it (Ctrl+C,
 * SIGTERM, the terminal closed) is taken once the write under way has ended (the file renamed: whole),
 * then any temporary file left is removed and the process stops by that signal as it would have.
 * Not before the first write: until then Ctrl+C stops the command at once, with nothing written.
 */
export function holdSignalsWhileWriting(): void {
  holding = true;
}

function holdSignals(): void {
  if (!holding || held) return;
  held = true;
  for (const s of STOPPING) process.on(s, stopBy);
}

function stopBy(signal: NodeJS.Signals): void {
  for (const tmp of pending) removeQuietly(tmp);
  for (const s of STOPPING) process.removeListener(s, stopBy);
  // The signal again, now that nothing here listens to it: the process stops as it would have.
  process.kill(process.pid, signal);
  process.exit(128 + (osConstants.signals[signal] ?? 0));
}
