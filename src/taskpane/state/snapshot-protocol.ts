/**
 * What the pane and the worker that checks and scores a workbook read in Excel (snapshot-worker.ts)
 * say to each other: the snapshot in parts, the check or the scoring run asked for, and the
 * answer, its long lists in slices. No work here: both sides load it.
 */
import type { Lang } from "../../core/i18n/text";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../core/types";
import type { ScoreChoices } from "./check-run";
import type { ServiceError } from "./service-error";

/** A part of the snapshot of request `id`: the workbook's own fields, or rows of one of its sheets. */
export type SnapshotPart =
  | { id: number; op: "workbook"; workbook: Omit<WorkbookSnapshot, "sheets">; sheets: number }
  | { id: number; op: "sheet"; sheet: number; meta?: Omit<SheetSnapshot, "values">; from: number; rows: CellValue[][] }
  | { id: number; op: "check"; definition: unknown; lang: Lang }
  | { id: number; op: "score"; run: ScoreChoices }
  | { id: number; op: "stale"; lang: Lang }
  | { id: number; op: "mark"; definition: unknown; lang: Lang }
  | { id: number; op: "clearMarks"; lang: Lang }
  | { id: number; op: "more" }
  | { id: number; op: "drop" };

export type SnapshotAnswer =
  | { id: number; progress: [string, number] }
  | { id: number; slice: number; items: unknown[] }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ServiceError };

/**
 * Leaves (values, and each array and object) a slice of a long list carries at most, unless one
 * item has more: taking one in is a short task on the pane's thread.
 */
export const SLICE_LEAVES = 20_000;
/** An array longer than this crosses in slices, ahead of the answer, its place in it marked. */
const LONG_LIST = 64;
/** The key of the mark that stands for a list sent in slices: no key of the answers' data. */
const SLICED = "\u0000sliced";

/**
 * An object of plain data, whose own fields the slicing walks (a Date, a Map or any other crosses
 * as it is). Told by its tag, not its prototype: a copy made by structured clone may be of another
 * realm's Object.
 */
function isPlain(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.prototype.toString.call(value) === "[object Object]";
}

/** How many leaves `value` has: what copying it costs, roughly. */
function leaves(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, x) => n + leaves(x), 1);
  if (isPlain(value)) return Object.values(value).reduce<number>((n, x) => n + leaves(x), 1);
  return 1;
}

/**
 * Sends an answer of any shape (a check's: its findings, `_index`'s copies of the units' figures and
 * its marks; a scoring run's: its plan, its findings, its units) with every long
 * list in it sent ahead in slices (`{ slice, items }`, SLICE_LEAVES leaves at most unless one item
 * has more), its place marked in what is left, which goes last (`ok`): a plan of three thousand
 * units is megabytes of rows, which one message would take the pane's thread that long to take in.
 * The items of a list sent in slices go whole. joinSlices puts the answer together again. The
 * worker sends each message when the pane asks for the next (snapshot-worker.ts: `more`): messages
 * that wait for a busy pane would be taken in together, in one long task.
 */
export function postSliced(id: number, value: unknown, post: (answer: SnapshotAnswer) => void): void {
  let lists = 0;
  const send = (list: unknown[]): number => {
    const slice = lists++;
    let items: unknown[] = [];
    let size = 0;
    for (const item of list) {
      items.push(item);
      size += leaves(item);
      if (size >= SLICE_LEAVES) {
        post({ id, slice, items });
        items = [];
        size = 0;
      }
    }
    if (items.length > 0) post({ id, slice, items });
    return slice;
  };
  const rest = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.length > LONG_LIST ? { [SLICED]: send(v) } : v.map(rest);
    if (!isPlain(v)) return v;
    const o: Record<string, unknown> = {};
    for (const [key, x] of Object.entries(v)) o[key] = rest(x);
    return o;
  };
  post({ id, ok: true, value: rest(value) });
}

/** Puts an answer sent by postSliced together again: each mark in `value` replaced by its list's items (`slices`, by list, in the order they came). */
export function joinSlices(value: unknown, slices: readonly (unknown[] | undefined)[]): unknown {
  const join = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (i in v) v[i] = join(v[i]);
      return v;
    }
    if (!isPlain(v)) return v;
    const o = v;
    if (typeof o[SLICED] === "number") return slices[o[SLICED]] ?? [];
    for (const key of Object.keys(o)) o[key] = join(o[key]);
    return o;
  };
  return join(value);
}
