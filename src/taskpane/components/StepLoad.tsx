/**
 * The steps fetched when first needed (Collect, Check, Charts: parts of the pane of their own), and
 * what the pane shows when one could not be loaded. React.lazy keeps a load that failed for good
 * (React 19), so a step is tried again with a lazy component made anew for the attempt.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { Component, type ComponentType, type ReactNode, lazy } from "react";
import { t } from "../i18n";
import type { PaneState } from "../state/usePane";
import { isChunkLoadError } from "../state/usePane";

/** A part of the pane loaded once (`start`, when the pane has opened), and the step as React draws it (`component`). */
export interface StepPart<P> {
  start: () => Promise<ComponentType<P>>;
  /**
   * The step as a lazy component for the pane's `attempt`th try: the same one while its load has
   * not failed (so that the step is not drawn anew), a new one once it failed and the user tries again.
   */
  component: (attempt: number) => ComponentType<P>;
}

/**
 * A part of the pane loaded once. What React.lazy asks for: once the part is loaded, a thenable
 * that gives it at once, so that the step is drawn as soon as its tab is chosen (React reads a
 * thenable that settles as it is asked: no "Đang tải…" in between); before, the loading itself.
 */
export function stepPart<P>(load: () => Promise<ComponentType<P>>): StepPart<P> {
  type C = ComponentType<P>;
  let loaded: { default: C } | undefined;
  let loading: Promise<C> | undefined;
  const start = () =>
    (loading ??= load().then(
      (c) => {
        loaded = { default: c };
        return c;
      },
      (e: unknown) => {
        // A failed load is tried again the next time it is asked for.
        loading = undefined;
        throw e;
      },
    ));
  let current: { attempt: number; component: C; failed: boolean } | undefined;
  const module = (): Promise<{ default: C }> => {
    const now = loaded;
    // The part as a thenable that calls back at once (a promise would call back only in a later microtask).
    if (now) return { then: (ok?: (m: { default: C }) => unknown) => Promise.resolve(ok ? ok(now) : now) } as unknown as Promise<{ default: C }>;
    const made = current;
    return start().then(
      (c) => ({ default: c }),
      (e: unknown) => {
        if (made) made.failed = true;
        throw e;
      },
    );
  };
  return {
    start,
    component: (attempt) => {
      if (!current || (current.attempt !== attempt && current.failed)) {
        const entry: { attempt: number; component: C; failed: boolean } = { attempt, component: undefined as unknown as C, failed: false };
        current = entry;
        entry.component = lazy(module) as unknown as C;
      }
      return current.component;
    },
  };
}

/**
 * A step fetched when first needed that could not be loaded (the connection dropped): the pane says
 * so in the step, as it says it of a run (chunkLoadFailed), with a button that tries again (`onRetry`),
 * and the other steps still work.
 */
export class StepLoadBoundary extends Component<{ lang: PaneState["lang"]; onRetry: () => void; children: ReactNode }, { failed: unknown }> {
  override state: { failed: unknown } = { failed: undefined };
  static getDerivedStateFromError(failed: unknown): { failed: unknown } {
    return { failed };
  }
  override render(): ReactNode {
    const { failed } = this.state;
    if (failed === undefined) return this.props.children;
    // Anything else than a part that could not be fetched is no business of this boundary's.
    if (!isChunkLoadError(failed)) throw failed;
    return (
      <MessageBar intent="error" layout="multiline" data-testid="step-load-failed">
        <MessageBarBody>{t(this.props.lang, "chunkLoadFailed")}</MessageBarBody>
        <MessageBarActions>
          <Button size="small" data-testid="step-load-retry" onClick={this.props.onRetry}>
            {t(this.props.lang, "stepLoadRetry")}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
}

/**
 * The pane's part for Excel could not be loaded as the pane opened (the connection dropped): the
 * sentence every part that could not be loaded gets (chunkLoadFailed), with a button that opens
 * the pane anew (`onRetry`).
 */
export function StartLoadFailed({ lang, onRetry }: { lang: PaneState["lang"]; onRetry: () => void }): ReactNode {
  return (
    <main style={{ padding: 12 }}>
      <MessageBar intent="error" layout="multiline" data-testid="start-load-failed">
        <MessageBarBody>{t(lang, "chunkLoadFailed")}</MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={onRetry}>
            {t(lang, "stepLoadRetry")}
          </Button>
        </MessageBarActions>
      </MessageBar>
    </main>
  );
}
