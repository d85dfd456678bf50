/**
 * What the pane and the worker that checks a workbook read in Excel (snapshot-worker.ts) say to
 * each other: the snapshot in parts, the check asked for, and the answer, its long lists in
 * slices. No work here: both sides load it.
 */
import type { Lang } from "../../core/i18n/text";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../core/types";
import type { CheckReply } from "./check-run";
import type { ServiceError } from "./service-error";

/** A part of the snapshot of request `id`: the workbook's own fields, or rows of one of its sheets. */
export type SnapshotPart =
  | { id: number; op: "workbook"; workbook: Omit<WorkbookSnapshot, "sheets">; sheets: number }
  | { id: number; op: "sheet"; sheet: number; meta?: Omit<SheetSnapshot, "values">; from: number; rows: CellValue[][] }
  | { id: number; op: "check"; definition: unknown; lang: Lang }
  | { id: number; op: "drop" };

export type SnapshotAnswer =
  | { id: number; progress: [string, number] }
  | { id: number; append: ReplyList; items: unknown[] }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ServiceError };

/** The long lists of a check's answer, sent ahead of it in slices (REPLY_SLICE items each). */
export type ReplyList = "issues" | "inputCopies" | "marks";
/** Items a slice of a long list carries: each message the pane's thread takes in is a short task. */
export const REPLY_SLICE = 1000;

/**
 * Sends a check's answer: its long lists (the findings; `_index`'s copies of the units' figures and
 * its marks) in slices, then the rest, those lists empty, which the pane fills from the slices
 * (snapshot-client.ts). A workbook of a thousand forms is a few megabytes of answer: one message
 * would take the pane's thread that long to take in.
 */
export function postReply(id: number, value: CheckReply, post: (answer: SnapshotAnswer) => void): void {
  const lists: [ReplyList, unknown[] | undefined][] = [
    ["issues", value.issues],
    ["inputCopies", value.facts.indexSheet?.inputCopies],
    ["marks", value.facts.indexSheet?.marks],
  ];
  for (const [append, list] of lists) {
    for (let i = 0; list && i < list.length; i += REPLY_SLICE) post({ id, append, items: list.slice(i, i + REPLY_SLICE) });
  }
  const indexSheet = value.facts.indexSheet;
  post({
    id,
    ok: true,
    value: {
      ...value,
      issues: [],
      facts: { ...value.facts, indexSheet: indexSheet && { ...indexSheet, marks: [], ...(indexSheet.inputCopies ? { inputCopies: [] } : {}) } },
    },
  });
}

/** Puts a check's answer together again from its slices (`lists`, in the order they came) and the rest. */
export function joinReply(value: CheckReply, lists: Partial<Record<ReplyList, unknown[]>>): CheckReply {
  const indexSheet = value.facts.indexSheet;
  return {
    ...value,
    issues: (lists.issues ?? []) as CheckReply["issues"],
    facts: {
      ...value.facts,
      indexSheet: indexSheet && {
        ...indexSheet,
        marks: (lists.marks ?? []) as NonNullable<typeof indexSheet>["marks"],
        ...(indexSheet.inputCopies ? { inputCopies: (lists.inputCopies ?? []) as NonNullable<typeof indexSheet.inputCopies> } : {}),
      },
    },
  };
}

