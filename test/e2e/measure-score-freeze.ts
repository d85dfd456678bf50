/**
 * How long the pane's main thread is blocked while Score ("Chấm điểm và ghi kết quả"), the stale
 * re-check ("So kết quả với số liệu hiện tại", in Excel only), Mark ("Đánh dấu ô cần xem lại") and
 * Clear marks ("Xóa đánh dấu") run, in Excel (the Excel double installed in the page) and outside Excel
 * (the same workbook chosen as a file), for workbooks of SIZES units ("700,3321" unless told): the
 * longest main-thread task (PerformanceObserver "longtask" in Chromium), the number and sum of long
 * tasks, the longest gap between two beats of a 10 ms timer. The workbook was scored once and three
 * units' figures changed since (excel-page.ts scoredThenEdited).
 *
 * In Excel the double runs on the page's main thread too, and its context.sync() resolves in the
 * task that called it: its simulation of Excel would be in the same long tasks as the pane's own
 * work (with ROUND_TRIPS, below, each sync is split off into tasks of its own). With PROFILE=1 (the default; PROFILE=0 leaves it out) a Chrome
 * CPU profile splits each long task's time by whose code was running, walking each sample's stack
 * up to the first script with a name: the double's page script ("double"), the pane's bundles
 * ("pane"), or neither (garbage collection, the browser's own: "other"); "pane-longest" is the most
 * the pane's own code took within one long task. The profiler adds some time of its own.
 * Not a test: run it against a build, e.g.
 *   npx webpack --mode development && npx tsx test/e2e/measure-score-freeze.ts dist
 * MODES ("excel,file") chooses the modes. The double's context.sync() is made a round trip of two
 * tasks (ROUND_TRIPS; ROUND_TRIPS=0 leaves the double as it is): see ROUND_TRIPS below. FUNCTIONS=1
 * prints the pane's functions with the most time in the task where the pane's code took longest.
 */
import { join } from "node:path";
import { type Browser, type CDPSession, type Page, chromium } from "playwright-core";
import { excelDoubleScript, scoredThenEdited } from "./excel-page";
import { OBSERVE } from "./pane-page";
import { serveDirectory } from "./server";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const root = join(__dirname, "..", "..");


interface Task {
  start: number;
  duration: number;
}

interface Measured {
  wall: number;
  longest: number;
  count: number;
  total: number;
  maxGap: number;
  /** Within the longest task: ms of the pane's code, of the double's, of neither (profiled runs only). */
  split?: { pane: number; double: number; other: number };
  /** The most the pane's own code took within one long task (profiled runs only). */
  paneLongest?: number;
}

async function idle(page: Page): Promise<void> {
  // The action's busy bar shows, then goes: the action is over.
  await page.waitForFunction(() => document.querySelector("[role=progressbar]") !== null, undefined, { timeout: 5_000 }).catch(() => undefined);
  await page.waitForFunction(() => document.querySelector("[role=progressbar]") === null, undefined, { timeout: 900_000, polling: 200 });
}

async function measure(page: Page, cdp: CDPSession | undefined, act: () => Promise<void>): Promise<Measured> {
  await page.waitForTimeout(500);
  await page.evaluate(() => (window as unknown as { __reset: () => void }).__reset());
  if (cdp) await cdp.send("Profiler.start");
  const profiledFrom = cdp ? await page.evaluate(() => performance.now()) : 0;
  const t0 = Date.now();
  await act();
  await idle(page);
  const wall = Date.now() - t0;
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => {
    const w = window as unknown as { __long: Task[]; __gaps: number[] };
    return { tasks: w.__long, maxGap: Math.round(w.__gaps.reduce((a, b) => Math.max(a, b), 0)) };
  });
  const long = r.tasks.map((t) => t.duration);
  const m: Measured = { wall, longest: Math.max(0, ...long), count: long.length, total: long.reduce((a, b) => a + b, 0), maxGap: r.maxGap };
  if (cdp) {
    const splits = await splitTasks(cdp, profiledFrom, r.tasks);
    const longest = r.tasks.reduce<number>((k, t, i) => (k < 0 || t.duration > r.tasks[k]!.duration ? i : k), -1);
    if (longest >= 0) m.split = splits[longest];
    m.paneLongest = Math.max(0, ...splits.map((s) => s.pane));
  }
  return m;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** Stops the profile and splits each task's samples by whose code ran: the pane's, the double's, or neither. */
async function splitTasks(cdp: CDPSession, from: number, tasks: Task[]): Promise<{ pane: number; double: number; other: number }[]> {
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const owner = new Map<number, "pane" | "double" | "other" | "idle">();
  const whose = (id: number): "pane" | "double" | "other" | "idle" => {
    const known = owner.get(id);
    if (known) return known;
    let at: number | undefined = id;
    let found: "pane" | "double" | "other" | "idle" = "other";
    const leaf = byId.get(id)?.callFrame.functionName ?? "";
    if (leaf === "(idle)") found = "idle";
    else
      while (at !== undefined) {
        const url = byId.get(at)?.callFrame.url ?? "";
        if (url !== "") {
          found = url.endsWith("excel-double.js") ? "double" : url.endsWith("measure-observe.js") ? "other" : "pane";
          break;
        }
        at = parent.get(at);
      }
    owner.set(id, found);
    return found;
  };
  const out = tasks.map(() => ({ pane: 0, double: 0, other: 0 }));
  const fns = tasks.map(() => new Map<string, number>());
  let at = from;
  profile.samples.forEach((id, k) => {
    const ms = (profile.timeDeltas[k] ?? 0) / 1000;
    at += ms;
    const i = tasks.findIndex((t) => at >= t.start && at <= t.start + t.duration);
    if (i < 0) return;
    const w = whose(id);
    if (w !== "idle") out[i]![w] += ms;
    if (w === "pane") {
      // The pane's function that was running: the first named script's frame up the stack.
      let n = id;
      while ((byId.get(n)?.callFrame.url ?? "") === "" && parent.has(n)) n = parent.get(n)!;
      const f = byId.get(n)!.callFrame;
      const name = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}`;
      fns[i]!.set(name, (fns[i]!.get(name) ?? 0) + ms);
    }
  });
  if (process.env.FUNCTIONS) {
    // The pane's functions with the most self time in the task where the pane's own code took longest.
    const k = out.reduce((best, s, j) => (s.pane > out[best]!.pane ? j : best), 0);
    const top = [...(fns[k] ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(top.map(([f, ms]) => `    ${Math.round(ms)} ms ${f}`).join("\n"));
  }
  return out.map((s) => ({ pane: Math.round(s.pane), double: Math.round(s.double), other: Math.round(s.other) }));
}

function say(mode: string, units: number, action: string, m: Measured): void {
  const split = m.split ? `; within it pane ${m.split.pane} ms, double ${m.split.double} ms, other ${m.split.other} ms; pane-longest ${m.paneLongest} ms` : "";
  console.log(`${mode} ${units} units, ${action}: wall ${m.wall} ms; longest main-thread task ${m.longest} ms${split}; long tasks ${m.count}, total ${m.total} ms; longest gap between 10 ms timers ${m.maxGap} ms`);
}

/**
 * After the double's script: each context.sync() a round trip, as Office.js's is (the request goes
 * to Excel and the answer comes back in a task of its own), where the double's resolves in the same
 * task. The pane's work between two round trips is then a task of its own, as it is in Excel, and
 * the double's simulation of the request another.
 */
const ROUND_TRIPS = `
  (() => {
    const P = window.Excel.RequestContext.prototype;
    const sync = P.sync;
    const later = (f) => new Promise((resolve) => setTimeout(() => resolve(f()), 0));
    P.sync = function () {
      return later(() => sync.call(this)).then(
        (v) => later(() => v),
        (e) => later(() => Promise.reject(e)),
      );
    };
  })();
//# sourceURL=excel-double.js
`;

async function newPage(browser: Browser, initScript?: string): Promise<{ page: Page; cdp: CDPSession | undefined }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: "vi-VN" });
  await context.route("https://appsforoffice.microsoft.com/**", (r) => r.abort());
  await context.addInitScript({ content: OBSERVE });
  // Named, so that the profile tells the double's code from the pane's.
  if (initScript) await context.addInitScript({ content: `${initScript}\n//# sourceURL=excel-double.js\n` });
  if (initScript && process.env.ROUND_TRIPS !== "0") await context.addInitScript({ content: ROUND_TRIPS });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e));
  const cdp = process.env.PROFILE !== "0" ? await context.newCDPSession(page) : undefined;
  if (cdp) await cdp.send("Profiler.enable");
  return { page, cdp };
}

async function actions(page: Page, cdp: CDPSession | undefined, mode: string, units: number, excel: boolean): Promise<void> {
  await page.getByRole("tab", { name: /Chấm điểm/ }).first().click();
  const run = page.locator("button:enabled", { hasText: "Chấm điểm và ghi kết quả" });
  await run.waitFor({ timeout: 300_000 });
  say(mode, units, "score", await measure(page, cdp, () => run.click()));
  await page.getByTestId("score-summary").waitFor();
  if (excel) {
    const recheck = page.locator("button:enabled", { hasText: "So kết quả với số liệu hiện tại" });
    await recheck.waitFor({ timeout: 300_000 });
    say(mode, units, "stale re-check", await measure(page, cdp, () => recheck.click()));
  }
  await page.getByRole("tab", { name: /Kiểm tra/ }).first().click();
  const mark = page.locator("button:enabled", { hasText: "Đánh dấu ô cần xem lại" });
  await mark.waitFor({ timeout: 300_000 });
  say(mode, units, "mark", await measure(page, cdp, () => mark.click()));
  await page.getByTestId("notice").getByText(/Đã đánh dấu/).waitFor({ timeout: 300_000 });
  const clear = page.locator("button:enabled", { hasText: "Xóa đánh dấu" });
  await clear.waitFor({ timeout: 300_000 });
  say(mode, units, "clear marks", await measure(page, cdp, () => clear.click()));
  await page.getByTestId("notice").getByText(/Đã xóa đánh dấu/).waitFor({ timeout: 300_000 });
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(root, "dist");
  const sizes = (process.env.SIZES ?? "700,3321").split(",").map(Number);
  const modes = (process.env.MODES ?? "excel,file").split(",");
  const server = await serveDirectory(dir);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    for (const units of sizes) {
      const bytes = await scoredThenEdited(units);
      if (modes.includes("excel")) {
        const { page, cdp } = await newPage(browser, await excelDoubleScript(bytes));
        await page.goto(`${server.url}taskpane.html`);
        await page.getByText("Trong Excel", { exact: true }).waitFor({ timeout: 600_000 });
        await idle(page);
        await actions(page, cdp, "in Excel (the double),", units, true);
        await page.context().close();
      }
      if (modes.includes("file")) {
        const { page, cdp } = await newPage(browser);
        await page.goto(`${server.url}taskpane.html`);
        await page.getByRole("tab").first().waitFor();
        await page.getByTestId("workbook-file").setInputFiles({ name: "lon.xlsx", mimeType: XLSX, buffer: Buffer.from(bytes) });
        await page.getByText("lon.xlsx", { exact: false }).first().waitFor({ timeout: 600_000 });
        await idle(page);
        await actions(page, cdp, "outside Excel,", units, false);
        await page.context().close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (require.main === module) {
  void main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
