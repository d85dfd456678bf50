/**
 * How long the pane's main thread is blocked while it opens, checks, scores and charts a workbook
 * of UNITS units (60 unless the environment says otherwise) outside Excel: long tasks
 * (PerformanceObserver "longtask") and the longest gap between two beats of a 10 ms timer, per
 * phase. Not a test: run it against a build, e.g.
 *   npx webpack --mode production --output-path /tmp/dti-build && UNITS=300 npx tsx test/e2e/measure-freeze.ts /tmp/dti-build
 * With PROFILE=1 it also prints, per phase, the functions the main thread spent most time in
 * (a Chrome CPU profile; build with --mode development for readable names).
 */
import { join } from "node:path";
import { type CDPSession, chromium } from "playwright-core";
import { makeSampleWorkbook } from "./sample";
import { serveDirectory } from "./server";

const UNITS = Number(process.env.UNITS ?? 60);
const PROFILE = Boolean(process.env.PROFILE);
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(__dirname, "..", "..", "dist");
  const units = Array.from({ length: UNITS }, (_, i) => ({ code: `DV${String(i + 1).padStart(3, "0")}`, name: `Đơn vị số ${i + 1}`, category: "co-dvc" }));
  const bytes = await makeSampleWorkbook({ units, fills: units.map((_, i) => i % 5) });
  const server = await serveDirectory(dir);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: "vi-VN" });
  await context.route("https://appsforoffice.microsoft.com/**", (r) => r.abort());
  // A string, not a function: tsx would wrap named functions in a helper the page does not have.
  await context.addInitScript({
    content: `
      window.__long = [];
      window.__gaps = [];
      window.__reset = () => { window.__long = []; window.__gaps = []; };
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: "longtask" });
      // A 10 ms heartbeat: the longest gap between two beats is the longest time the page could not respond.
      let last = performance.now();
      const beat = () => { const now = performance.now(); window.__gaps.push(now - last); last = now; setTimeout(beat, 10); };
      setTimeout(beat, 10);
    `,
  });
  const page = await context.newPage();
  const cdp = PROFILE ? await context.newCDPSession(page) : undefined;
  if (cdp) await cdp.send("Profiler.enable");
  await page.goto(`${server.url}taskpane.html`);
  await page.getByRole("tab").first().waitFor();
  const idle = () => page.waitForFunction(() => document.querySelector("[role=progressbar]") === null, undefined, { timeout: 120_000 });
  const phase = async (name: string, act: () => Promise<void>) => {
    await page.evaluate(() => (window as unknown as { __reset: () => void }).__reset());
    if (cdp) await cdp.send("Profiler.start");
    const t0 = Date.now();
    await act();
    await idle();
    await page.waitForTimeout(300);
    const wall = Date.now() - t0;
    const r = await page.evaluate(() => {
      const w = window as unknown as { __long: number[]; __gaps: number[] };
      return { long: w.__long, maxGap: Math.round(w.__gaps.reduce((a, b) => Math.max(a, b), 0)), beats: w.__gaps.length };
    });
    const total = r.long.reduce((a, b) => a + b, 0);
    if (cdp) await printProfile(cdp);
    console.log(`${name}: wall ${wall} ms; long tasks ${r.long.length}, longest ${Math.max(0, ...r.long)} ms, total ${total} ms; longest gap between 10 ms timers ${r.maxGap} ms (${r.beats} beats)`);
  };
  await phase(`open ${UNITS}-unit workbook`, async () => {
    await page.getByTestId("workbook-file").setInputFiles({ name: "lon.xlsx", mimeType: XLSX, buffer: Buffer.from(bytes) });
    await page.getByText("lon.xlsx", { exact: false }).first().waitFor();
  });
  // Before the fix the pane stays on the first built-in index: choose the sample one.
  await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
  await idle();
  await page.getByRole("tab", { name: /Kiểm tra/ }).click();
  await phase("check", async () => {
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
  });
  await page.getByRole("tab", { name: /Chấm điểm/ }).click();
  await phase("score", async () => {
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("score-summary").waitFor();
  });
  await phase("score again", async () => {
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.waitForTimeout(50);
  });
  await page.getByRole("tab", { name: /Kiểm tra/ }).click();
  await phase("check tab shown", async () => {
    await page.waitForTimeout(50);
  });
  await phase("errors-only filter", async () => {
    await page.getByRole("radio", { name: "Chỉ lỗi" }).check();
    await page.waitForTimeout(50);
  });
  await phase("all findings filter", async () => {
    await page.getByRole("radio", { name: "Tất cả" }).check();
    await page.waitForTimeout(50);
  });
  await phase("language switch", async () => {
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await page.waitForTimeout(50);
  });
  await page.getByRole("tab", { name: /Charts/ }).click();
  await phase("charts", async () => {
    await page.getByRole("button", { name: "Create or update the charts" }).click();
    await page.getByTestId("notice").waitFor();
  });
  await browser.close();
  await server.close();
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Stops the CPU profile and prints the functions with the most self time and the most total time. */
async function printProfile(cdp: CDPSession): Promise<void> {
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const self = new Map<number, number>();
  profile.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const name = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`;
  const selfByName = new Map<string, number>();
  const totalByName = new Map<string, number>();
  const total = (n: ProfileNode, seen: Set<string>): number => {
    let sum = self.get(n.id) ?? 0;
    for (const c of n.children ?? []) sum += total(byId.get(c)!, new Set([...seen, name(n)]));
    if (!seen.has(name(n))) totalByName.set(name(n), (totalByName.get(name(n)) ?? 0) + sum - 0);
    return sum;
  };
  for (const n of profile.nodes) selfByName.set(name(n), (selfByName.get(name(n)) ?? 0) + (self.get(n.id) ?? 0));
  total(profile.nodes[0]!, new Set());
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .filter(([k]) => !/^\((idle|program|root|garbage collector)\)/.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([k, v]) => `    ${Math.round(v)} ms ${k}`)
      .join("\n");
  console.log(`  self:\n${top(selfByName)}\n  total:\n${top(totalByName)}`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
