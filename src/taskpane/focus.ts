/*
 * Where the keyboard focus goes when what had it goes away (a notice closed or replaced, the
 * banner's button): chosen among the controls of the step's panel that can take it, in the page's
 * order. Kept apart from the page so that the choice can be tested without one.
 */
import type { StringKey } from "./i18n";

/**
 * A button whose run may end in a notice offering the forms' index carries its label's key here
 * (data-rerun="importFiles"): once the index is chosen, the notice says to press that button again,
 * and the focus goes to it.
 */
export const RERUN_ATTRIBUTE = "data-rerun";

/**
 * A button that cannot run for want of a workbook, an index or units (not one at work): it keeps
 * its place in the Tab order, but the focus is never sent to it.
 */
export const CANNOT_RUN_ATTRIBUTE = "data-cannot-run";

/** A message's own close button: the focus never goes to one for want of another control. */
export const DISMISS_ATTRIBUTE = "data-dismiss";

/** The props that mark a button as the one `key` names ("importFiles"), for a notice that asks to press it again. */
export function rerunMark(key: StringKey): Record<typeof RERUN_ATTRIBUTE, string> {
  return { [RERUN_ATTRIBUTE]: key };
}

/** The props that mark a message's close button. */
export const DISMISS_MARK: Record<typeof DISMISS_ATTRIBUTE, string> = { [DISMISS_ATTRIBUTE]: "" };

/** A control that can take the keyboard focus, as the choice sees it. */
export interface FocusCandidate {
  /** The key of the button's label, for a button a notice may ask to press again (RERUN_ATTRIBUTE). */
  rerun?: string;
  /** The step's main control (data-step-main). */
  main: boolean;
  /** Inside a message bar (a notice, the stale banner, a bar of the step's own). */
  inBar: boolean;
  /** A message's close button (DISMISS_ATTRIBUTE). */
  dismiss: boolean;
}

/**
 * The control the focus goes to: the button the pane's notice asks to press again (`rerun`), when
 * it can take the focus; else the step's main control; else the first control of the step itself
 * (a field, another button), not of a message above it; else the first of a message's own actions
 * ("Chấm lại", "Đến bước 1"), never its "Đóng"; else none.
 */
export function focusChoice<T extends FocusCandidate>(controls: readonly T[], rerun?: string): T | undefined {
  return (
    (rerun !== undefined ? controls.find((c) => c.rerun === rerun) : undefined) ??
    controls.find((c) => c.main) ??
    controls.find((c) => !c.inBar) ??
    controls.find((c) => !c.dismiss)
  );
}
