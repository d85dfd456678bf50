/**
 * A failure of work done in a Web Worker (a check: snapshot-worker.ts, or the .xlsx worker) as it
 * crosses to the pane: an Error's class does not survive the copy, so the failure is sent as what
 * the pane shows, the sentence in both languages with its problems, its intent, the index it
 * offers and the step it points to; what nobody foresaw as its message alone, its stack left in
 * the worker's console. On the pane's side it becomes the error the pane's notices show as they
 * would had the work run on the pane's own thread.
 */
import type { Message } from "../../core/i18n/text";
import { type IndexOffer, LocalizedError, isLocalizedError } from "./pane-error";
import type { StepId } from "./usePane";

export type ServiceError =
  | { kind: "pane"; localized: Message; problems?: Message[]; intent?: "error" | "warning"; offer?: IndexOffer; goTo?: StepId }
  | { kind: "failed"; message: string };

/** In the worker: the failure as it is sent. */
export function toServiceError(e: unknown): ServiceError {
  if (isLocalizedError(e)) {
    return {
      kind: "pane",
      localized: { vi: e.localized.vi, en: e.localized.en },
      ...(e.problems ? { problems: e.problems.map((p) => ({ vi: p.vi, en: p.en })) } : {}),
      ...(e.intent ? { intent: e.intent } : {}),
      ...(e.offer ? { offer: { builtinId: e.offer.builtinId } } : {}),
      ...(e.goTo ? { goTo: e.goTo } : {}),
    };
  }
  // What nobody foresaw: its stack stays in the console (the worker's), the pane shows its message only.
  console.error("DTI Scorer: the check failed:", e);
  return { kind: "failed", message: e instanceof Error ? e.message : String(e) };
}

/** A failure that nobody foresaw, as the worker said it: its message, no stack of the worker's. */
export class ServiceFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServiceFailure";
  }
}

/** On the pane's side: the error the pane's notices show (LocalizedError's sentence as it is; anything else "Đã có lỗi: …"). */
export function fromServiceError(x: ServiceError): Error {
  if (x.kind === "pane") return new LocalizedError(x.localized, x.problems, x.intent ?? "error", x.offer, x.goTo);
  return new ServiceFailure(x.message);
}

/** Whether `x` is a failure as toServiceError sends it. */
export function isServiceError(x: unknown): x is ServiceError {
  if (typeof x !== "object" || x === null) return false;
  const kind = (x as { kind?: unknown }).kind;
  if (kind === "failed") return typeof (x as { message?: unknown }).message === "string";
  const localized = (x as { localized?: Partial<Message> }).localized;
  return kind === "pane" && typeof localized?.vi === "string" && typeof localized.en === "string";
}
