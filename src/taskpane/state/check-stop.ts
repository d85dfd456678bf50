/**
 * A Check the user stopped ("Dừng"): its work ends as soon as it can (the worker that checks a
 * workbook read in Excel is ended, the .xlsx worker gives the check up at its next stage, a check
 * on the pane's thread at its next stage), and whatever it would still answer is dropped, so that
 * a stopped check never changes what a later one shows. Small, with no dependency: the pane's
 * first scripts load it.
 */

/** The failure of a check that was stopped: never shown, the pane says "stopped" itself. */
export class CheckStopped extends Error {
  constructor() {
    super("the check was stopped");
    this.name = "CheckStopped";
  }
}

/** Whether `e` is the failure of a check that was stopped. */
export function isCheckStopped(e: unknown): e is CheckStopped {
  return e instanceof CheckStopped || (typeof e === "object" && e !== null && (e as { name?: unknown }).name === "CheckStopped");
}

/** Fails with CheckStopped once `signal` has been aborted (between the stages of a check). */
export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CheckStopped();
}

/**
 * `work`'s answer, or CheckStopped the moment `signal` is aborted: what `work` answers or fails with
 * after that is dropped (its failure is never unhandled).
 */
export function unlessStopped<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new CheckStopped());
    if (signal.aborted) stop();
    else signal.addEventListener("abort", stop, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", stop);
        if (signal.aborted) stop();
        else resolve(value);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", stop);
        reject(signal.aborted ? new CheckStopped() : e);
      },
    );
  });
}

/**
 * A check's `onProgress` that gives the check up at its next stage once `signal` is aborted
 * (CheckStopped, thrown where the stage is said) and says nothing of a stopped check.
 */
export function stoppingAt<A extends unknown[], R>(onProgress: ((...args: A) => R) | undefined, signal: AbortSignal | undefined): ((...args: A) => R | undefined) | undefined {
  if (!signal) return onProgress;
  return (...args: A) => {
    throwIfStopped(signal);
    return onProgress?.(...args);
  };
}
