/**
 * What the end-to-end suites share to drive the built pane (dist/) in Debian's Chromium: the
 * server and the browser for a test file, a page at the width of Excel's pane with office.js
 * failing at once (as offline), waiting for the pane's work to end, and holding Web Workers'
 * answers back so that a check is still going on for as long as a test needs.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type Page, type Route, chromium } from "playwright-core";
import type { Issue, Severity } from "../../src/core/types";
import { t } from "../../src/taskpane/i18n";
import { checkSummary } from "../../src/taskpane/state/findings";
import { sampleModel } from "./sample";
import { serveDirectory } from "./server";

export const DIST = join(__dirname, "..", "..", "dist");
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const OFFICE_JS = "https://appsforoffice.microsoft.com/**";

export interface PaneSite {
  readonly browser: Browser;
  readonly url: string;
}

/** dist/ served and Chromium launched before a test file's tests, both closed after them. */
export function servePane(): PaneSite {
  let browser: Browser | undefined;
  let server: { url: string; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    if (!existsSync(join(DIST, "taskpane.html"))) throw new Error("dist/taskpane.html is missing: run npm run build:dev first");
    server = await serveDirectory(DIST);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error("Chromium is not launched yet");
      return browser;
    },
    get url() {
      if (!server) throw new Error("dist/ is not served yet");
      return server.url;
    },
  };
}

export interface PageOptions {
  dark?: boolean;
  locale?: string;
  /** The computer's time zone (the pane dates a scoring in it). */
  timezoneId?: string;
  /** Run in the page before the pane's scripts, in order. */
  initScripts?: string[];
}

/** The pane in a new page 360 px wide, in Vietnamese unless said otherwise; the page's errors are kept in `page.errors`. */
export async function openPane(site: PaneSite, options: PageOptions = {}, route?: { url: string; handler: (route: Route) => Promise<void> }): Promise<Page> {
  const context = await site.browser.newContext({
    viewport: { width: 360, height: 800 },
    locale: options.locale ?? "vi-VN",
    colorScheme: options.dark ? "dark" : "light",
    acceptDownloads: true,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  await context.route(OFFICE_JS, (r) => r.abort());
  if (route) await context.route(route.url, route.handler);
  for (const content of options.initScripts ?? []) await context.addInitScript({ content });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  (page as unknown as { errors: string[] }).errors = errors;
  await page.goto(`${site.url}taskpane.html`);
  return page;
}

/**
 * Until the pane's work is over (no progress bar) and the Check step's findings are drawn (they
 * are drawn in the background after a check or a change of filter, search or language: a list
 * read before then is the one before the change); `findingsDrawn: false` waits for the work only.
 */
export async function idle(page: Page, options: { findingsDrawn?: boolean; timeout?: number } = {}): Promise<void> {
  await page.waitForFunction(
    (drawn) => document.querySelector("[role=progressbar]") === null && (!drawn || document.querySelector("[data-testid=check-findings][aria-busy=true]") === null),
    options.findingsDrawn ?? true,
    { timeout: options.timeout ?? 120_000 },
  );
}

/**
 * Run before the pane loads: every Web Worker's final answers (not its progress) are held back
 * while `window.__hold` is true (`window.__held` holds them), and delivered by
 * `window.__release(reversed)`, in the order they came or the latest first: a check's work is
 * then still going on for as long as the test needs, and an answer the pane no longer waits for
 * can be made to arrive late, after a later check's.
 */
export const HOLD_ANSWERS = `
  (() => {
    const Native = window.Worker;
    window.__hold = false;
    window.__held = [];
    window.__release = (reversed) => {
      window.__hold = false;
      const held = window.__held;
      window.__held = [];
      for (const deliver of reversed ? held.reverse() : held) deliver();
    };
    window.Worker = class extends Native {
      get onmessage() { return this.__handler ?? null; }
      set onmessage(handler) {
        this.__handler = handler;
        super.onmessage = handler && ((e) => {
          if (window.__hold && e.data && typeof e.data === "object" && "ok" in e.data) window.__held.push(() => handler.call(this, e));
          else handler.call(this, e);
        });
      }
    };
  })();
`;

type Held = { __hold: boolean; __held: unknown[]; __release: (reversed?: boolean) => void };

/** HOLD_ANSWERS: answers held back from now on (or no longer). */
export const hold = (page: Page, on: boolean) => page.evaluate((v) => void ((window as unknown as Held).__hold = v), on);
/** HOLD_ANSWERS: until `count` answers are held. */
export const held = (page: Page, count: number) => page.waitForFunction((n) => (window as unknown as Held).__held.length >= n, count, { timeout: 120_000 });
/** HOLD_ANSWERS: the held answers delivered, in order or the latest first. */
export const release = (page: Page, reversed = false) => page.evaluate((r) => (window as unknown as Held).__release(r), reversed);

/** The Check step's summary as the pane says it in Vietnamese, for `issues` of `units` units of the sample index. */
export function checkSummaryText(issues: Issue[], units: number): string {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of issues) c[i.severity]++;
  const said = checkSummary(issues, c, units, "vi", sampleModel().definition.unitLabel);
  return t("vi", said.key, said.params);
}

/**
 * Long tasks and the gaps of a 10 ms heartbeat, recorded from the page's start, for the
 * measurements of main-thread pauses (measure-*-freeze.ts); a string, as tsx would wrap a function
 * in a helper the page lacks. Named measure-observe.js in a profile, apart from the pane's code.
 */
export const OBSERVE = `
  window.__long = [];
  window.__gaps = [];
  window.__reset = () => { window.__long = []; window.__gaps = []; };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: Math.round(e.duration) }); }).observe({ type: "longtask" });
  let last = performance.now();
  const beat = () => { const now = performance.now(); window.__gaps.push(now - last); last = now; setTimeout(beat, 10); };
  setTimeout(beat, 10);
//# sourceURL=measure-observe.js
`;
