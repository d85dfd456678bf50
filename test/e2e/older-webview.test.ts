/**
 * The built pane (npm run build:dev) where the browser is too old for it. Excel 2016 and 2019 on
 * Windows may open task panes in Internet Explorer 11 or Edge Legacy (Microsoft, "Browsers and
 * webview controls used by Office Add-ins"), which cannot read the pane's scripts; an older Safari
 * lacks functions they call. taskpane.html then says why and what to do, in Vietnamese and English,
 * with the pane's address to open in a current browser, and the pane's own scripts do not start.
 * Chromium cannot be made into Internet Explorer: the check is made to fail as it fails there (not
 * run at all, or a function missing), and the built scripts are checked to need no newer
 * JavaScript than the check asks for.
 */
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "acorn";
import type { Page } from "playwright-core";
import { DIST, openPane, servePane } from "./pane-page";

const site = servePane();
const shots = join(__dirname, "..", "..", "test-output", "screenshots");

async function tooOldSaid(page: Page): Promise<void> {
  const alert = page.locator("#container[role=alert]");
  await alert.waitFor({ timeout: 30_000 });
  const vi = alert.locator("section[lang=vi]");
  const en = alert.locator("section[lang=en]");
  await expect(vi.locator("h1").textContent()).resolves.toBe("Ngăn tác vụ này không chạy được DTI Scorer");
  await expect(en.locator("h1").textContent()).resolves.toBe("This task pane cannot run DTI Scorer");
  await expect(vi.locator("li").count()).resolves.toBe(4);
  await expect(en.locator("li").count()).resolves.toBe(4);
  // The pane's address, without what Excel adds to it, to open in a current browser.
  const address = `${site.url}taskpane.html`;
  await expect(vi.locator("p").last().textContent()).resolves.toBe(address);
  await expect(en.locator("p").last().textContent()).resolves.toBe(address);
  // The pane's scripts loaded (Chromium reads them) and stayed out of the way: no steps drawn.
  await page.waitForLoadState("load");
  await page.waitForTimeout(500);
  await expect(page.locator("[role=tablist]").count()).resolves.toBe(0);
  await expect(page.locator("#container > section").count()).resolves.toBe(2);
  // Nothing clipped at the pane's width: the page is no wider than the pane.
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
}

describe("the pane in a browser too old for it", () => {
  test("in a current browser the check passes and the pane starts", async () => {
    const page = await openPane(site);
    await page.locator("[role=tablist]").waitFor({ timeout: 60_000 });
    await expect(page.evaluate(() => (window as { __dtiModern?: boolean }).__dtiModern)).resolves.toBe(true);
    await expect(page.locator("#container[role=alert]").count()).resolves.toBe(0);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  test("an engine that cannot read the check (Internet Explorer 11, Edge Legacy) gets the message, with what to do, in both languages", async () => {
    // The check's script not run at all, as where it cannot be parsed: its flag is never set.
    const page = await openPane(site, { initScripts: [`Object.defineProperty(window, "__dtiModern", { get() { return undefined; }, set() {}, configurable: false });`] });
    await tooOldSaid(page);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, "older-webview.png"), fullPage: true, animations: "disabled" });
    await page.context().close();
  });

  test("a browser without a function the pane calls (Safari before 15.4 has no Array.prototype.at) gets the message too", async () => {
    const page = await openPane(site, { initScripts: ["delete Array.prototype.at;"] });
    await tooOldSaid(page);
    await page.context().close();
  });

  test("the built scripts need no newer JavaScript than the check asks for (ECMAScript 2022)", () => {
    const scripts = readdirSync(DIST).filter((f) => f.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(5);
    const unreadable = scripts.filter((f) => {
      try {
        parse(readFileSync(join(DIST, f), "utf8"), { ecmaVersion: 2022, sourceType: "script" });
        return false;
      } catch {
        return true;
      }
    });
    expect(unreadable).toEqual([]);
    // And taskpane.html as built (minified in production): the message still ES5, the check still ES2022.
    const html = readFileSync(join(DIST, "taskpane.html"), "utf8");
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    const readable = (code: string, ecmaVersion: 5 | 2021 | 2022) => {
      try {
        parse(code, { ecmaVersion, sourceType: "script" });
        return true;
      } catch {
        return false;
      }
    };
    const message = inline.find((s) => s.includes("__dtiTooOld"))!;
    const check = inline.find((s) => s.includes("__dtiModern") && !s.includes("__dtiTooOld"))!;
    expect(readable(message, 5)).toBe(true);
    expect([readable(check, 2021), readable(check, 2022)]).toEqual([false, true]);
  });
});
