/**
 * What an audit found driving the pane by keyboard and screen reader, in Debian's Chromium at the
 * width of Excel's pane: a false sentence said as a workbook opens; "Chỉ lỗi" with no error said
 * nowhere; main buttons that cannot run out of the Tab order; going to a finding's cell said
 * nowhere; outside Excel, scoring not saying the workbook must be downloaded; links whose focus
 * shows only as a change of underline; no main landmark.
 */
import type { Page } from "playwright-core";
import { excelDoubleScript, manyUnits } from "./excel-page";
import { XLSX, idle as idleWith, openPane, servePane } from "./pane-page";
import { makeSampleWorkbook } from "./sample";

const site = servePane();

/** Every text the pane's two live regions held, in order (recorded from the page's start). */
const RECORD_LIVE = `
  window.__said = [];
  document.addEventListener("DOMContentLoaded", () => {
    new MutationObserver((ms) => {
      for (const m of ms) {
        const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
        const region = el && el.closest && el.closest("[data-testid^=live-]");
        if (region && region.textContent) window.__said.push(region.textContent);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });`;

async function openPage(options: { dark?: boolean; initScript?: string } = {}): Promise<Page> {
  const page = await openPane(site, { dark: options.dark ?? false, initScripts: [RECORD_LIVE, ...(options.initScript ? [options.initScript] : [])] });
  await page.getByRole("tab").first().waitFor();
  return page;
}

const errorsOf = (page: Page) => (page as unknown as { errors: string[] }).errors;

async function openWorkbook(page: Page, bytes: Uint8Array, name: string): Promise<void> {
  await page.getByTestId("workbook-file").setInputFiles({ name, mimeType: XLSX, buffer: Buffer.from(bytes) });
  await page.getByText(name, { exact: false }).first().waitFor();
}

const idle = (page: Page) => idleWith(page, { findingsDrawn: true });

async function step(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name: new RegExp(name) }).click();
}

/** What the live regions held since the page opened. */
const saidSoFar = (page: Page): Promise<string[]> => page.evaluate(() => [...(window as unknown as { __said: string[] }).__said]);

/** The focus ring of the element that has the keyboard focus: its outline's style, width and colour. */
async function focusOutline(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement;
    const cs = getComputedStyle(a);
    return `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`;
  });
}

describe("what a keyboard and screen reader audit found", () => {
  test("opening a workbook of another index's forms says only that the forms' index is chosen, not that none would be read", async () => {
    const page = await openPage();
    // The pane opens with another index than the forms' (the provincial one comes first).
    await openWorkbook(page, await makeSampleWorkbook(), "so-nganh.xlsx");
    await idle(page);
    await page.getByTestId("live-polite").filter({ hasText: "nên bộ chỉ số này được chọn" }).waitFor({ state: "attached" });
    const said = (await saidSoFar(page)).join(" | ");
    expect(said).toContain("nên bộ chỉ số này được chọn");
    expect(said).not.toContain("sẽ không đọc được phiếu nào");
    // The page's main landmark holds the step's panel.
    expect(await page.getByRole("main").count()).toBe(1);
    expect(await page.getByRole("main").getByRole("tabpanel").count()).toBe(1);
    expect(errorsOf(page)).toEqual([]);
  });

  test("\"Chỉ lỗi\" with no error is said by a live region that was in the page before it", async () => {
    const page = await openPage();
    await openWorkbook(page, await makeSampleWorkbook({ clean: true }), "sach.xlsx");
    await idle(page);
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
    await idle(page);
    // The region is there, empty, before the filter is chosen (a region that appears with its text is not read).
    expect(await page.locator("[aria-live=polite][data-testid=filter-said]").count()).toBe(1);
    await page.evaluate(() => ((window as unknown as { __region: Element | null }).__region = document.querySelector("[data-testid=filter-said]")));
    expect(await page.getByTestId("filter-said").textContent()).toBe("");
    await page.getByRole("radio", { name: "Chỉ lỗi" }).check();
    await page.getByTestId("filter-empty").getByText("Không có lỗi; chỉ có cảnh báo.", { exact: true }).waitFor();
    const same = await page.evaluate(() => {
      const was = (window as unknown as { __region: Element | null }).__region;
      const now = document.querySelector("[data-testid=filter-empty]")?.closest("[aria-live=polite]");
      return was !== null && was === now && was.isConnected;
    });
    expect(same).toBe(true);
    expect(errorsOf(page)).toEqual([]);
  });

  test("changing which findings are shown says, in the region that was there before, how many units the list holds", async () => {
    const page = await openPage();
    await openWorkbook(page, await makeSampleWorkbook(), "so-nganh.xlsx");
    await idle(page);
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
    await idle(page);
    // Nothing is said on opening the step's list.
    expect(await page.getByTestId("filter-said").textContent()).toBe("");
    await page.getByRole("radio", { name: "Chỉ lỗi" }).check();
    await idle(page);
    await page.getByTestId("filter-said").getByText("Danh sách có 1 sở, ban, ngành.", { exact: true }).waitFor({ state: "attached" });
    await page.getByRole("radio", { name: "Tất cả" }).check();
    await idle(page);
    await page.getByTestId("filter-said").getByText("Danh sách có 4 sở, ban, ngành.", { exact: true }).waitFor({ state: "attached" });
    expect(errorsOf(page)).toEqual([]);
  });

  test("a run started from the keyboard keeps its button in sight once the notice appears above it", async () => {
    const page = await openPage();
    await openWorkbook(page, await makeSampleWorkbook({ units: manyUnits(20) }), "dv20.xlsx");
    await idle(page);
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("score-summary").waitFor();
    await idle(page);
    await page.locator("[data-dismiss]").first().click();
    await step(page, "Biểu đồ");
    const run = page.getByRole("button", { name: "Tạo hoặc cập nhật biểu đồ" });
    await run.focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("notice").waitFor();
    await idle(page);
    const seen = await page.evaluate(() => {
      const focus = document.activeElement!.getBoundingClientRect();
      const notice = document.querySelector("[data-testid=notice]")!.getBoundingClientRect();
      // The button whole; of the notice that says the charts are made, at least a part.
      return { focus: focus.top >= 0 && focus.bottom <= window.innerHeight, notice: notice.bottom > 0 && notice.top < window.innerHeight, name: document.activeElement?.textContent };
    });
    expect(seen).toEqual({ focus: true, notice: true, name: "Tạo hoặc cập nhật biểu đồ" });
    expect(errorsOf(page)).toEqual([]);
  });

  test("a main button that cannot run is reached by Tab, says why, and does nothing", async () => {
    const page = await openPage();
    await step(page, "Kiểm tra");
    const check = page.getByRole("button", { name: "Kiểm tra số liệu" });
    // Tab from the step's tab reaches it.
    await page.getByRole("tab", { name: /Kiểm tra/ }).focus();
    let reached = false;
    for (let i = 0; i < 6 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await check.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    expect(await check.getAttribute("aria-disabled")).toBe("true");
    expect(await check.evaluate((el) => el.getAttribute("aria-describedby")?.split(" ").map((id) => document.getElementById(id)?.textContent).join(" "))).toBe("Hãy chọn sổ làm việc trước.");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Space");
    await page.waitForTimeout(200);
    expect(await page.locator("[role=progressbar]").count()).toBe(0);
    expect(await page.getByTestId("notice").count()).toBe(0);
    expect(await page.getByTestId("check-summary").count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
  });

  test("the Charts step's button before any scoring is reached by Tab and says that scoring comes first", async () => {
    const page = await openPage();
    await step(page, "Biểu đồ");
    const run = page.getByRole("button", { name: "Tạo hoặc cập nhật biểu đồ" });
    await run.focus();
    expect(await run.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await run.getAttribute("aria-disabled")).toBe("true");
    expect(await run.evaluate((el) => el.getAttribute("aria-describedby")?.split(" ").map((id) => document.getElementById(id)?.textContent).join(" "))).toBe(
      "Hãy chấm điểm trước để có danh sách đơn vị.",
    );
    await page.keyboard.press("Enter");
    await page.waitForTimeout(200);
    expect(await page.locator("[role=progressbar]").count()).toBe(0);
    expect(await page.getByTestId("notice").count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
  });

  test("in Excel, Enter on a finding selects its cell and says so", async () => {
    const page = await openPage({ initScript: await excelDoubleScript(await makeSampleWorkbook()) });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
    await idle(page);
    const finding = page.getByRole("button", { name: /^(Lỗi|Cảnh báo|Lưu ý): .* Đi tới ô này\.$/s }).first();
    const place = / ((?:'(?:[^']|'')+'|[^'!\s]+)![A-Z]+\d+)\. Đi tới ô này\.$/.exec((await finding.getAttribute("aria-label")) ?? "")![1]!;
    await finding.focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("live-polite").filter({ hasText: `Đã chọn ô ${place}.` }).waitFor({ state: "attached" });
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await page.getByRole("button", { name: /^(Error|Warning|Note): .* Go to this cell\.$/s }).first().focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("live-polite").filter({ hasText: `Selected cell ${place}.` }).waitFor({ state: "attached" });
    // In Excel, scoring says nothing of a download.
    expect((await saidSoFar(page)).join(" ")).not.toMatch(/Tải xuống|Download/);
    expect(errorsOf(page)).toEqual([]);
  });

  test.each([false, true])("outside Excel, scoring says to download the workbook, and links show a 2 px focus ring (dark: %s)", async (dark) => {
    const page = await openPage({ dark });
    await openWorkbook(page, await makeSampleWorkbook(), "so-nganh.xlsx");
    await idle(page);
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("score-summary").waitFor();
    await idle(page);
    const ring = dark ? "rgb(255, 255, 255)" : "rgb(0, 0, 0)";
    // The download link, reached by Tab from the workbook's button.
    await page.getByRole("button", { name: "Chọn sổ làm việc (.xlsx)" }).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("download");
    expect(await focusOutline(page)).toBe(`solid 2px ${ring}`);
    // The Score step's "xem bước Kiểm tra", reached by Tab from the score button.
    const see = page.getByText("xem bước Kiểm tra", { exact: true });
    await see.waitFor();
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).focus();
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await see.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    expect(await focusOutline(page)).toBe(`solid 2px ${ring}`);
    // What scoring said ends with where to download the workbook, by the link's name (said a moment after).
    await page.getByTestId("live-polite").filter({ hasText: /để giữ kết quả\.$/ }).waitFor({ state: "attached" });
    const said = (await saidSoFar(page)).filter((x) => x.startsWith("Đã chấm"));
    expect(said.at(-1)).toMatch(/"Tải xuống sổ đã chấm" để giữ kết quả\.$/);
    expect(errorsOf(page)).toEqual([]);
  });
});
