/**
 * The Check and Charts steps (and Collect) are fetched when first needed. An audit found a step
 * that failed to load (the connection dropped) never loaded again until the pane was reopened,
 * though its message says "…rồi thử lại": React.lazy keeps a failed load for good (React 19), so
 * the step showed the same error with no new fetch. The step's error has a "Thử lại" button, and a
 * try again is a lazy step made anew, which fetches the part again.
 */
import { type ReactElement, type ReactNode, Suspense, createElement, isValidElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { prerender } from "react-dom/static";
import { StepLoadBoundary, stepPart } from "../../src/taskpane/components/StepLoad";
import { t } from "../../src/taskpane/i18n";

/** The error webpack's runtime rejects `import()` with when a chunk's script fails to load. */
function chunkLoadError(): Error {
  return Object.assign(new Error("Loading chunk check-step failed.\n(error: https://dti-scorer.example.vn/check-step.16d4fd4d.js)"), { name: "ChunkLoadError" });
}

/** What the step draws once loaded. */
function CheckStepStandIn(): ReactElement {
  return <p>Bước Kiểm tra đã tải</p>;
}

/** The step drawn as the pane draws it (in a Suspense boundary), once everything it waits for has settled; and the errors of the drawing. */
async function draw(Step: React.ComponentType): Promise<{ html: string; errors: unknown[] }> {
  const errors: unknown[] = [];
  const { prelude } = await prerender(
    <Suspense fallback={<span>Đang tải…</span>}>
      <Step />
    </Suspense>,
    { onError: (e) => void errors.push(e) },
  );
  const html = await new Response(prelude as ReadableStream).text();
  return { html, errors };
}

/** The element in a tree of elements whose data-testid is `id`. */
function findByTestId(node: ReactNode, id: string): ReactElement<Record<string, unknown>> | undefined {
  if (Array.isArray(node)) {
    for (const n of node as ReactNode[]) {
      const found = findByTestId(n, id);
      if (found) return found;
    }
    return undefined;
  }
  if (!isValidElement(node)) return undefined;
  const props = node.props as Record<string, unknown>;
  if (props["data-testid"] === id) return node as ReactElement<Record<string, unknown>>;
  return findByTestId(props.children as ReactNode, id);
}

describe("a step that could not be loaded", () => {
  test("is fetched again when tried again, not shown failed for good", async () => {
    let fetches = 0;
    const part = stepPart<object>(async () => {
      fetches++;
      if (fetches === 1) throw chunkLoadError();
      return CheckStepStandIn;
    });
    const first = part.component(0);
    const failed = await draw(first);
    expect(failed.html).not.toContain("Bước Kiểm tra đã tải");
    expect(failed.errors.some((e) => (e as Error).name === "ChunkLoadError")).toBe(true);
    expect(fetches).toBe(1);
    // The same step drawn again keeps its failure (React keeps it): the step is the same one until tried again.
    expect(part.component(0)).toBe(first);
    // Tried again: a step made anew fetches the part again, and draws.
    const again = part.component(1);
    expect(again).not.toBe(first);
    const drawn = await draw(again);
    expect(fetches).toBe(2);
    expect(drawn.errors).toEqual([]);
    expect(drawn.html).toContain("Bước Kiểm tra đã tải");
    // A step that loaded is not made anew by a later try (it would be drawn anew, losing what the user chose in it).
    expect(part.component(2)).toBe(again);
  });

  test("says so with a button that tries again, in both languages", () => {
    for (const lang of ["vi", "en"] as const) {
      const onRetry = jest.fn();
      const boundary = new StepLoadBoundary({ lang, onRetry, children: null });
      boundary.state = StepLoadBoundary.getDerivedStateFromError(chunkLoadError());
      const shown = boundary.render();
      const html = renderToStaticMarkup(createElement("div", null, shown));
      expect(html).toContain(t(lang, "chunkLoadFailed"));
      expect(html).toContain(lang === "vi" ? "Thử lại" : "Try again");
      const button = findByTestId(shown, "step-load-retry");
      expect(button).toBeDefined();
      (button!.props.onClick as () => void)();
      expect(onRetry).toHaveBeenCalledTimes(1);
    }
  });
});
