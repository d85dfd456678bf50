/**
 * How long the pane's main thread is blocked while the Check step runs (the button "Kiểm tra số
 * liệu"), outside Excel on a chosen .xlsx of UNITS units (1,000 unless the environment says
 * otherwise) and in Excel (the Excel double installed in the page) on one of EXCEL_UNITS units
 * (300 unless told): the longest main-thread task (PerformanceObserver "longtask" in Chromium),
 * the number and sum of long tasks, the longest gap between two beats of a 10 ms timer, and what
 * the check showed (its summary, whether the stale banner showed), so that two builds can be
 * compared. The workbook was scored once and then three units' figures were changed, so that the
 * check also compares the figures with the last scoring. Not a test: run it against a build, e.g.
 *   npx webpack --mode production --output-path /tmp/dti-build && npx tsx test/e2e/measure-check-freeze.ts /tmp/dti-build
 * RUNS (3) checks are measured in each mode; MODES ("file,excel") chooses the modes. With
 * PROFILE=1 the functions the main thread spent most time in during each check are printed too
 * (a Chrome CPU profile; build with --mode development for readable names).
 */
import { join } from "node:path";
import { type Browser, type CDPSession, type Page, chromium } from "playwright-core";
import { excelDoubleScript, scoredThenEdited } from "./excel-page";
import { OBSERVE } from "./pane-page";
import { serveDirectory } from "./server";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const root = join(__dirname, "..", "..");


interface Measured {
  wall: number;
  longest: number;
  count: number;
  total: number;
  maxGap: number;
  summary: string;
  /** The stale banner's lines (empty: no banner). */
  stale: string;
}

async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector("[role=progressbar]") === null, undefined, { timeout: 300_000 });
}

/** Presses Check on the page (the sample index chosen, Check step shown) and measures what the main thread went through. */
async function measureCheck(page: Page, cdp: CDPSession | undefined): Promise<Measured> {
  await page.evaluate(() => (window as unknown as { __reset: () => void }).__reset());
  if (cdp) await cdp.send("Profiler.start");
  // The page's clock when the profile started (within a few milliseconds): where its samples fall among the long tasks.
  const profiledFrom = cdp ? await page.evaluate(() => performance.now()) : 0;
  const t0 = Date.now();
  await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
  await idle(page);
  await page.getByTestId("check-summary").waitFor();
  const wall = Date.now() - t0;
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => {
    const w = window as unknown as { __long: { start: number; duration: number }[]; __gaps: number[] };
    return { tasks: w.__long, maxGap: Math.round(w.__gaps.reduce((a, b) => Math.max(a, b), 0)) };
  });
  const long = r.tasks.map((t) => t.duration);
  if (cdp) {
    const longest = r.tasks.reduce<{ start: number; duration: number } | undefined>((a, t) => (!a || t.duration > a.duration ? t : a), undefined);
    await printProfile(cdp, profiledFrom, longest);
  }
  const summary = ((await page.getByTestId("check-summary").textContent()) ?? "").trim();
  const stale = (await page.getByTestId("stale-line").allTextContents()).join(" | ");
  return { wall, longest: Math.max(0, ...long), count: long.length, total: long.reduce((a, b) => a + b, 0), maxGap: r.maxGap, summary, stale };
}

function say(mode: string, units: number, run: number, m: Measured): void {
  console.log(
    `${mode} ${units} units, check ${run}: wall ${m.wall} ms; longest main-thread task ${m.longest} ms; long tasks ${m.count}, total ${m.total} ms; longest gap between 10 ms timers ${m.maxGap} ms; stale banner "${m.stale}"; summary "${m.summary}"`,
  );
}

async function newPage(browser: Browser, initScript?: string): Promise<{ page: Page; cdp: CDPSession | undefined }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: "vi-VN" });
  await context.route("https://appsforoffice.microsoft.com/**", (r) => r.abort());
  await context.addInitScript({ content: OBSERVE });
  if (initScript) await context.addInitScript({ content: initScript });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e));
  const cdp = process.env.PROFILE ? await context.newCDPSession(page) : undefined;
  if (cdp) await cdp.send("Profiler.enable");
  return { page, cdp };
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(root, "dist");
  const units = Number(process.env.UNITS ?? 1000);
  const excelUnits = Number(process.env.EXCEL_UNITS ?? 300);
  const runs = Number(process.env.RUNS ?? 3);
  const modes = (process.env.MODES ?? "file,excel").split(",");
  const server = await serveDirectory(dir);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    if (modes.includes("file")) {
      const bytes = await scoredThenEdited(units);
      const { page, cdp } = await newPage(browser);
      await page.goto(`${server.url}taskpane.html`);
      await page.getByRole("tab").first().waitFor();
      await page.getByTestId("workbook-file").setInputFiles({ name: "lon.xlsx", mimeType: XLSX, buffer: Buffer.from(bytes) });
      await page.getByText("lon.xlsx", { exact: false }).first().waitFor();
      await idle(page);
      // A scored workbook: the pane uses the index it holds (the sample index it was scored with).
      await page.getByRole("tab", { name: /Kiểm tra/ }).click();
      await page.locator("button:enabled", { hasText: "Kiểm tra số liệu" }).waitFor();
      for (let i = 1; i <= runs; i++) say("outside Excel,", units, i, await measureCheck(page, cdp));
      await page.context().close();
    }
    if (modes.includes("excel")) {
      const bytes = await scoredThenEdited(excelUnits);
      const { page, cdp } = await newPage(browser, await excelDoubleScript(bytes));
      await page.goto(`${server.url}taskpane.html`);
      await page.getByText("Trong Excel", { exact: true }).waitFor({ timeout: 300_000 });
      await idle(page);
      // A scored workbook: the pane uses the index it holds (the sample index it was scored with).
      await page.getByRole("tab", { name: /Kiểm tra/ }).click();
      await page.locator("button:enabled", { hasText: "Kiểm tra số liệu" }).waitFor();
      for (let i = 1; i <= runs; i++) say("in Excel (the double),", excelUnits, i, await measureCheck(page, cdp));
      await page.context().close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/**
 * Stops the CPU profile and prints the functions with the most self time, and the self time by
 * script file ("(native)": the page's own scripts, the Excel double among them): over the whole
 * check, then within its longest task (`longest`, on the page's clock; the profile started at
 * `from` on that clock).
 */
async function printProfile(cdp: CDPSession, from: number, longest: { start: number; duration: number } | undefined): Promise<void> {
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const tally = (within?: { start: number; duration: number }) => {
    const byFunction = new Map<string, number>();
    const byFile = new Map<string, number>();
    let at = from;
    profile.samples.forEach((id, k) => {
      const ms = (profile.timeDeltas[k] ?? 0) / 1000;
      at += ms;
      if (within && (at < within.start || at > within.start + within.duration)) return;
      const n = byId.get(id);
      // Over the whole check the page's idle time and V8's own are left out; within one task, all of it is said.
      if (!n || (within ? /^\((idle|root)\)/ : /^\((idle|program|root|garbage collector)\)/).test(n.callFrame.functionName)) return;
      const file = n.callFrame.url.split("/").pop() || "(native)";
      const fn = `${n.callFrame.functionName || "(anonymous)"} ${file}:${n.callFrame.lineNumber + 1}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
      byFile.set(file, (byFile.get(file) ?? 0) + ms);
    });
    return { byFunction, byFile };
  };
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `    ${Math.round(v)} ms ${k}`)
      .join("\n");
  const all = tally();
  console.log(`  main thread during the check, self time by file:\n${top(all.byFile, 6)}\n  by function:\n${top(all.byFunction, 15)}`);
  if (longest) {
    const one = tally(longest);
    console.log(`  within the longest task (${longest.duration} ms), self time by file:\n${top(one.byFile, 6)}\n  by function:\n${top(one.byFunction, 15)}`);
  }
}

if (require.main === module) {
  void main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
