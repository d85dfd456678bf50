/**
 * The task pane in Debian's Chromium at the width of Excel's pane (360×800, and Office's narrowest,
 * 320 px): outside Excel on
 * a chosen .xlsx file, and inside Excel (the in-memory Excel double installed before the pane
 * loads). Screenshots of every step, in Vietnamese and English, light and dark, go to
 * test-output/screenshots/.
 */
import { pageScript } from "./page-script";
import ExcelJS from "exceljs";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type Page, type Route, chromium } from "playwright-core";
import { localize } from "../../src/core/i18n/text";
import { runScoring } from "../../src/core/pipeline";
import { unitsByRank } from "../../src/core/score";
import { XlsxHost } from "../../src/hosts/xlsx";
import { makeTemplate } from "../../src/hosts/xlsx/template";
import { parseDefinition } from "../../src/core/definition";
import { BUILTIN_INDICES } from "../../src/indices";
import { BLANK_INPUT, SAMPLE_INDEX, SAMPLE_UNITS, inputCell, makeSampleWorkbook, numericInput, sampleModel } from "./sample";
import { indexSummary } from "../../src/taskpane/state/pipeline";
import { serveDirectory } from "./server";

const root = join(__dirname, "..", "..");
const dist = join(root, "dist");
const shots = join(root, "test-output", "screenshots");
const OFFICE_JS = "https://appsforoffice.microsoft.com/**";
const STEPS_VI = ["Bộ chỉ số", "Thu thập", "Kiểm tra", "Chấm điểm", "Biểu đồ"];
const STEPS_EN = ["Index", "Collect", "Check", "Score", "Charts"];

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let sample: Uint8Array;

beforeAll(async () => {
  if (!existsSync(join(dist, "taskpane.html"))) throw new Error("dist/taskpane.html is missing: run npm run build:dev first");
  mkdirSync(shots, { recursive: true });
  server = await serveDirectory(dist);
  sample = await makeSampleWorkbook();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * `zoom`: the page zoomed as a user zooms it (2: 200%), so that a 360 px pane holds 180 CSS px.
 * `route`: requests of the page answered by `handler` from the start (before the pane's scripts prefetch anything).
 */
async function openPage(options: { dark?: boolean; locale?: string; initScript?: string; width?: number; zoom?: number; route?: { url: string; handler: (route: Route) => Promise<void> } } = {}): Promise<Page> {
  const zoom = options.zoom ?? 1;
  const context = await browser.newContext({
    viewport: { width: Math.round((options.width ?? 360) / zoom), height: Math.round(800 / zoom) },
    deviceScaleFactor: zoom,
    locale: options.locale ?? "vi-VN",
    colorScheme: options.dark ? "dark" : "light",
    acceptDownloads: true,
  });
  // office.js never loads here: fail it at once, as an offline browser would.
  await context.route(OFFICE_JS, (route) => route.abort());
  if (options.route) await context.route(options.route.url, options.route.handler);
  if (options.initScript) await context.addInitScript({ content: options.initScript });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  (page as unknown as { errors: string[] }).errors = errors;
  await page.goto(`${server.url}taskpane.html`);
  return page;
}

async function step(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name: new RegExp(name) }).click();
}

/** A screenshot of the whole pane once it is still: no pointer over a control, no transition running. */
async function shot(page: Page, name: string): Promise<void> {
  // The header's top left corner: nothing there changes under the pointer.
  await page.mouse.move(1, 1);
  // Transitions (the tab indicator sliding to the chosen step) are shown at their end.
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true, animations: "disabled" });
}

/** The ids that more than one element of the page has. */
async function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
}

/** What has the keyboard focus: its visible text, or its label. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body) return "<body>";
    return (a.innerText || a.getAttribute("aria-label") || a.tagName).trim();
  });
}

/**
 * A finding's place as its button's label says it ("Lỗi: … 'Sở Y tế'!D39. Đi tới ô này."): the
 * reference as Excel writes it, and the sheet's own name (its quotes taken off) and cell.
 */
function findingPlaceOf(label: string): { severity: string; place: string; sheet: string; cell: string } {
  const m = /^(Lỗi|Cảnh báo|Lưu ý): .* ((?:'((?:[^']|'')+)'|([^'!\s]+))!([A-Z]+\d+))\. Đi tới ô này\.$/s.exec(label);
  if (!m) return { severity: "", place: "", sheet: "", cell: "" };
  return { severity: m[1]!, place: m[2]!, sheet: m[3] !== undefined ? m[3].replace(/''/g, "'") : m[4]!, cell: m[5]! };
}

/** Expected ranks, computed by the same core in Node on the same sample. */
async function expectedRanks(): Promise<Map<string, number | null>> {
  const host = await XlsxHost.fromBuffer(sample, "sample.xlsx");
  const r = await runScoring(host, { definition: sampleModel().definition, lang: "vi", projectVersion: "test", write: false });
  return new Map(unitsByRank(r.table).map((u) => [u.name, u.rank]));
}

describe("outside Excel (office.js fails to load)", () => {
  test("an official opens a workbook, sees its findings, scores it and downloads a workbook with the ranked results", async () => {
    const page = await openPage();
    await page.getByRole("heading", { name: "Chấm điểm DTI" }).waitFor();
    await page.getByText("Tệp .xlsx", { exact: true }).waitFor();

    await page.getByTestId("workbook-file").setInputFiles({ name: "so-nganh.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(sample) });
    await page.getByText("Sổ làm việc đang mở: so-nganh.xlsx", { exact: false }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");

    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    const summary = page.getByTestId("check-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/^Đã kiểm tra 4 sở, ban, ngành: [1-9]\d* lỗi/);
    await idle(page);
    const findings = await page.getByTestId("finding").allTextContents();
    expect(findings.some((f) => f.includes("Sở Y tế") || f.includes("6.2") || f.includes("5.2"))).toBe(true);

    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("score-summary").waitFor();
    // A screen reader is told the result: the pane's polite live region says it.
    await page.getByTestId("live-polite").filter({ hasText: /^Đã chấm điểm và xếp hạng 4 sở, ban, ngành/ }).waitFor({ state: "attached" });
    expect(await page.getByTestId("live-polite").getAttribute("aria-live")).toBe("polite");
    const download = page.getByTestId("download");
    await download.waitFor();
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    expect(file.suggestedFilename()).toBe("so-nganh (đã chấm).xlsx");
    const path = await file.path();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const results = wb.getWorksheet("Kết quả");
    expect(results).toBeDefined();
    const expected = await expectedRanks();
    const found = new Map<string, unknown>();
    results!.eachRow((row) => {
      const cells = (row.values as unknown[]).slice(1);
      const name = cells.find((c) => typeof c === "string" && SAMPLE_UNITS.some((u) => u.name === c)) as string | undefined;
      if (name) found.set(name, cells[0]);
    });
    expect(found.size).toBe(SAMPLE_UNITS.length);
    for (const [name, rank] of expected) expect(found.get(name)).toBe(rank);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });
});

/** Opens the sample, picks the sample index, checks it and scores it, in the pane's language. */
async function checkAndScore(page: Page, lang: "vi" | "en"): Promise<void> {
  const steps = lang === "vi" ? STEPS_VI : STEPS_EN;
  await page.getByRole("tab", { name: new RegExp(steps[0]!) }).waitFor();
  await page.getByTestId("workbook-file").setInputFiles({ name: "so-nganh.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from(sample) });
  await page.getByLabel(lang === "vi" ? "Chọn bộ chỉ số" : "Choose an index").selectOption("dti-so-nganh-mau");
  await step(page, steps[2]!);
  await page.getByRole("button", { name: lang === "vi" ? "Kiểm tra số liệu" : "Check the data" }).click();
  await page.getByTestId("check-summary").waitFor();
  await step(page, steps[3]!);
  await page.getByRole("button", { name: lang === "vi" ? "Chấm điểm và ghi kết quả" : "Score and write results" }).click();
  await page.getByTestId("score-summary").waitFor();
  // Scoring is over when its progress bar is gone (the download link is refreshed last, under it).
  await idle(page);
}

/** The step tabs: their full names, and where each tab and its short label sit. */
async function stepTabs(page: Page) {
  return page.getByRole("tab").evaluateAll((els) =>
    els.map((e) => {
      const tab = e.getBoundingClientRect();
      const label = e.querySelector("span[aria-hidden=true]:last-of-type") as HTMLElement;
      const box = label.getBoundingClientRect();
      return {
        name: e.getAttribute("aria-label"),
        top: Math.round(tab.top),
        left: tab.left,
        right: tab.right,
        label: { text: label.textContent, left: box.left, right: box.right, height: box.height, lineHeight: parseFloat(getComputedStyle(label).lineHeight), cut: label.scrollWidth > label.clientWidth + 1 },
      };
    }),
  );
}

/** The step tabs' short labels as shown (Fluent keeps a hidden copy of a tab's content too). */
const TAB_LABELS = "[role=tab] .fui-Tab__content:not(.fui-Tab__content--reserved-space) > span:last-child";

/** The step tabs' short labels that do not show whole (cut at their box's edge). */
async function clippedLabels(page: Page): Promise<string[]> {
  return page.locator(TAB_LABELS).evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent ?? ""));
}

/**
 * The words in these elements that a line break cuts in two ("Chấm" over "điểm" is two whole
 * words; "Kiể" over "m" is a word cut): a word is whole when it lies on one line. `unhyphenated`:
 * only the words cut where the browser may not put a hyphen (their text has no `hyphens: auto`).
 */
async function brokenWords(page: Page, selector: string, unhyphenated = false): Promise<string[]> {
  return page.locator(selector).evaluateAll((els, unhyphenated) => {
    const cut: string[] = [];
    for (const el of els) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of (node.textContent ?? "").matchAll(/[^\s/\-–—]+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
          if (lines.size > 1 && !(unhyphenated && getComputedStyle(node.parentElement!).hyphens === "auto")) cut.push(m[0]);
        }
      }
    }
    return cut;
  }, unhyphenated);
}

describe("screenshots of every step", () => {
  for (const lang of ["vi", "en"] as const) {
    for (const dark of [false, true]) {
      test(`every step in ${lang === "vi" ? "Vietnamese" : "English"}, ${dark ? "dark" : "light"}, shows only ${lang} tab names`, async () => {
        const page = await openPage({ dark, locale: lang === "vi" ? "vi-VN" : "en-US" });
        const steps = lang === "vi" ? STEPS_VI : STEPS_EN;
        await checkAndScore(page, lang);
        // The five steps sit on one row, each named in full for screen readers, and no short label is cut off.
        const tabs = await stepTabs(page);
        expect(tabs.map((t) => t.name)).toEqual(steps.map((name, i) => `${lang === "vi" ? "Bước" : "Step"} ${i + 1}: ${name}`));
        expect(new Set(tabs.map((t) => t.top)).size).toBe(1);
        expect(Math.max(...tabs.map((t) => t.right))).toBeLessThanOrEqual(360);
        expect(tabs.filter((t) => t.label.cut).map((t) => t.label.text)).toEqual([]);
        for (const [i, name] of steps.entries()) {
          await step(page, name);
          // Every control has an id of its own (a label that names two controls would work the wrong one).
          expect([name, await duplicateIds(page)]).toEqual([name, []]);
          await shot(page, `${i + 1}-${STEPS_EN[i]!.toLowerCase()}-${lang}-${dark ? "dark" : "light"}`);
        }
        const background = () => page.evaluate(() => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor);
        expect(await background()).toBe(dark ? "rgb(41, 41, 41)" : "rgb(255, 255, 255)");
        // The system switched to dark (or back) while the pane is open: the pane follows it.
        await page.emulateMedia({ colorScheme: dark ? "light" : "dark" });
        await page.waitForFunction((bg) => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor === bg, dark ? "rgb(255, 255, 255)" : "rgb(41, 41, 41)");
      });
    }
  }

  // Office's narrowest task pane. Vietnamese in light, English in dark: both languages, both themes.
  for (const [lang, dark] of [["vi", false], ["en", true]] as const) {
    test(`at the narrowest pane (320 px) in ${lang === "vi" ? "Vietnamese" : "English"}, the five steps fit whole on one row and no step is wider than the pane`, async () => {
      const width = 320;
      const page = await openPage({ dark, locale: lang === "vi" ? "vi-VN" : "en-US", width });
      const steps = lang === "vi" ? STEPS_VI : STEPS_EN;
      await checkAndScore(page, lang);
      const tabs = await stepTabs(page);
      expect(new Set(tabs.map((t) => t.top)).size).toBe(1);
      for (const t of tabs) {
        // Each short label is whole, on one line, inside its own tab, and clear of the pane's edges.
        expect([t.label.text, t.label.cut, t.label.height <= t.label.lineHeight * 1.5]).toEqual([t.label.text, false, true]);
        expect(t.label.left).toBeGreaterThanOrEqual(Math.max(t.left, 4));
        expect(t.label.right).toBeLessThanOrEqual(Math.min(t.right, width - 4));
      }
      for (const [i, name] of steps.entries()) {
        await step(page, name);
        // Nothing in the step makes the pane scroll sideways.
        expect([name, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([name, width]);
        await shot(page, `320-${i + 1}-${STEPS_EN[i]!.toLowerCase()}-${lang}-${dark ? "dark" : "light"}`);
      }
      expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    });
  }
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function openWorkbook(page: Page, bytes: Uint8Array, name = "so-nganh.xlsx"): Promise<void> {
  await page.getByTestId("workbook-file").setInputFiles({ name, mimeType: XLSX, buffer: Buffer.from(bytes) });
  await page.getByText(name, { exact: false }).first().waitFor();
}

/** Opens a summary workbook with no form in it yet ("tong-hop.xlsx", one note sheet), as an official starts gathering. */
async function openEmptySummary(page: Page): Promise<void> {
  const empty = new ExcelJS.Workbook();
  empty.addWorksheet("Ghi chú").getCell("A1").value = "Tổng hợp phiếu các sở";
  await openWorkbook(page, new Uint8Array(await empty.xlsx.writeBuffer()), "tong-hop.xlsx");
}

/** No work running, and the Check step's findings drawn (they are drawn in the background after a check or a change). */
async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector("[role=progressbar]") === null && document.querySelector("[data-testid=check-findings][aria-busy=true]") === null);
}

/** The rank and unit columns of the score step's table of top units. */
async function shownRanks(page: Page): Promise<Map<string, number | null>> {
  const rows = await unitRows(page);
  return new Map(rows.map((r) => [r[1]!, /^\d+$/.test(r[0]!) ? Number(r[0]) : null]));
}

/** The rows of units in the score step's table (not the rows that name a unit category): rank, unit, figure. */
async function unitRows(page: Page): Promise<string[][]> {
  return page.getByTestId("score-summary").locator("tbody tr:has(td)").evaluateAll((trs) =>
    // A cell's own text, without the badge that flags a unit's errors.
    trs.map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => {
        const copy = td.cloneNode(true) as HTMLElement;
        copy.querySelectorAll("[data-testid=unit-errors]").forEach((b) => b.remove());
        td.after(copy);
        const text = (copy.innerText ?? "").trim();
        copy.remove();
        return text;
      }),
    ),
  );
}

async function loadXlsx(bytes: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe("outside Excel, more of the work", () => {
  test("the units' own workbooks are brought into the chosen workbook, and checking then finds those units", async () => {
    const page = await openPage();
    const units = SAMPLE_UNITS.slice(0, 2);
    const files = await Promise.all(units.map((u) => makeSampleWorkbook({ units: [u], clean: true })));
    await openEmptySummary(page);
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await step(page, "Thu thập");
    await page.getByTestId("import-files").setInputFiles(units.map((u, i) => ({ name: `${u.code}.xlsx`, mimeType: XLSX, buffer: Buffer.from(files[i]!) })));
    const notice = page.getByTestId("notice");
    await notice.getByText("Đã tổng hợp 2 trang vào sổ", { exact: false }).waitFor();
    expect(await notice.textContent()).toContain(units[0]!.name);
    expect(await notice.textContent()).toContain(units[1]!.name);
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").getByText(/^Đã kiểm tra 2 sở, ban, ngành:/).waitFor();
    // No error among the findings: the count of errors is left out (or 0 when there is nothing at all).
    expect(await page.getByTestId("check-summary").textContent()).not.toMatch(/[1-9]\d* lỗi/);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("forms made for a typed list of units download as one sheet per unit", async () => {
    const page = await openPage({ locale: "en-US" });
    await page.getByLabel("Choose an index").selectOption("dti-so-nganh-mau");
    await step(page, "Collect");
    const typed = ["01; Sở Nội vụ; co-dvc", "02; Sở Y tế; co-dvc", "Văn phòng UBND tỉnh"];
    // A category the index does not have: no form is made, and the unit is named.
    await page.getByLabel("List of units").fill([...typed, "03; Sở Tư pháp; nhom-khong-co"].join("\n"));
    await page.getByRole("button", { name: "Make forms" }).click();
    // In the notice (the live region says it too).
    await page.getByTestId("notice").getByText("1 unit names a unit category the index does not have; write one of:", { exact: false }).waitFor();
    await page.getByTestId("notice").getByText('Line 4 (Sở Tư pháp): unit category "nhom-khong-co" is not in the index.').waitFor();
    // The index's unit categories by their names, not their codes.
    expect(await page.getByTestId("notice").textContent()).toContain('"Departments with public services", "Departments without public services"');
    expect(await page.getByRole("link", { name: "Download the forms" }).count()).toBe(0);
    // All of it follows a change of language.
    await page.getByLabel("Pane language").selectOption("vi");
    await page.getByTestId("notice").getByText('Dòng 4 (Sở Tư pháp): loại đơn vị "nhom-khong-co" không có trong bộ chỉ số.').waitFor();
    const vi = (await page.getByTestId("notice").textContent()) ?? "";
    expect(vi).toContain('1 đơn vị ghi loại đơn vị không có trong bộ chỉ số; hãy ghi một trong: "Sở, ban, ngành có dịch vụ công", "Sở, ban, ngành không có dịch vụ công".');
    expect(vi).not.toMatch(/unit|co-dvc/);
    expect(await page.getByText('Các loại đơn vị của bộ chỉ số này: "Sở, ban, ngành có dịch vụ công", "Sở, ban, ngành không có dịch vụ công".').count()).toBe(1);
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    // Two units with one code: only one of their forms could be scored, so none is made.
    await page.getByLabel("List of units").fill([...typed, "02; Sở Y tế (bản 2); co-dvc"].join("\n"));
    await page.getByRole("button", { name: "Make forms" }).click();
    // In the notice (the assertive live region says the same words to screen readers).
    await page.getByTestId("notice").getByText("1 unit code is given to more than one unit", { exact: false }).waitFor();
    await page.getByTestId("notice").getByText('Line 2 (Sở Y tế) and line 4 (Sở Y tế (bản 2)): the same unit code "02".').waitFor();
    expect(await page.getByRole("link", { name: "Download the forms" }).count()).toBe(0);
    await page.getByLabel("List of units").fill(typed.join("\n"));
    await page.getByText("3 units", { exact: true }).waitFor();
    // The list typed stays when the user looks at another step and comes back.
    await step(page, "Check");
    await step(page, "Collect");
    expect(await page.getByLabel("List of units").inputValue()).toBe(typed.join("\n"));
    await page.getByRole("button", { name: "Make forms" }).click();
    const link = page.getByRole("link", { name: "Download the forms" });
    await link.waitFor();
    const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(file.suggestedFilename()).toBe("self-assessment-dti-so-nganh-mau.xlsx");
    const wb = await loadXlsx(readFileSync(await file.path()));
    const forms = wb.worksheets.filter((ws) => ws.getCell("A1").value === "Unit" || ws.getCell("A1").value === "Đơn vị");
    expect(forms.map((ws) => ws.getCell("B1").value)).toEqual(["Sở Nội vụ", "Sở Y tế", "Văn phòng UBND tỉnh"]);
    expect(new Set(forms.map((ws) => ws.name)).size).toBe(3);
  });

  test("choosing dense ranking for a run gives tied units the same rank and the next unit the next rank", async () => {
    // The first two units send identical figures: they tie (for second place, as it turns out).
    const tied = await makeSampleWorkbook({ fills: [2, 2, 1, 0], clean: true });
    const host = await XlsxHost.fromBuffer(tied, "tied.xlsx");
    const ranks = async (method: "dense" | "competition") =>
      new Map(unitsByRank((await runScoring(host, { definition: sampleModel().definition, lang: "vi", projectVersion: "test", write: false, ranking: { method } })).table).map((u) => [u.name, u.rank]));
    const dense = await ranks("dense");
    const competition = await ranks("competition");
    expect([...dense.values()]).toEqual([1, 2, 2, 3]);
    expect([...competition.values()]).toEqual([1, 2, 2, 4]);

    const page = await openPage();
    await openWorkbook(page, tied, "tied.xlsx");
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await step(page, "Chấm điểm");
    await page.getByLabel("Xử lý đồng hạng").selectOption("competition");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("score-summary").waitFor();
    await idle(page);
    expect(await shownRanks(page)).toEqual(competition);

    await page.getByLabel("Xử lý đồng hạng").selectOption("dense");
    // While the run writes, the download link (still the workbook before the run) cannot be followed.
    await page.evaluate(() => {
      const w = window as unknown as { __linkWhileBusy: (string | null)[] };
      w.__linkWhileBusy = [];
      const bar = document.querySelector("[data-testid=progress]")!;
      new MutationObserver(() => {
        if (bar.querySelector("[role=progressbar]")) w.__linkWhileBusy.push(document.querySelector("[data-testid=download]")?.getAttribute("aria-disabled") ?? null);
      }).observe(bar, { subtree: true, childList: true, attributes: true });
    });
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=score-summary] tbody tr td:first-child")].map((td) => td.textContent).join(",") === "1,2,2,3");
    const whileBusy = await page.evaluate(() => (window as unknown as { __linkWhileBusy: (string | null)[] }).__linkWhileBusy);
    expect(whileBusy.length).toBeGreaterThan(0);
    expect(whileBusy.every((d) => d === "true")).toBe(true);
    expect(await shownRanks(page)).toEqual(dense);
    await idle(page);
    const download = page.getByTestId("download");
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    const results = (await loadXlsx(readFileSync(await file.path()))).getWorksheet("Kết quả")!;
    const written = new Map<string, unknown>();
    results.eachRow((row) => {
      const cells = (row.values as unknown[]).slice(1);
      const name = cells.find((c) => typeof c === "string" && dense.has(c)) as string | undefined;
      if (name) written.set(name, cells[0]);
    });
    expect(written).toEqual(dense);

    // The ways of ranking ties, in words, each with its example; at the narrowest pane the chosen one shows whole.
    const ties = page.getByLabel("Xử lý đồng hạng");
    expect(await ties.locator("option").allTextContents()).toEqual(["Bỏ qua hạng kế tiếp (1, 1, 3)", "Không bỏ hạng (1, 1, 2)", "Không xét đồng hạng (1, 2, 3)"]);
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    expect(await page.getByLabel("Ties").locator("option").allTextContents()).toEqual(["Same rank, next skipped (1, 1, 3)", "Same rank, none skipped (1, 1, 2)", "No shared ranks (1, 2, 3)"]);
    await page.setViewportSize({ width: 320, height: 800 });
    for (const [lang, label] of [["en", "Ties"], ["vi", "Xử lý đồng hạng"]] as const) {
      if (lang === "vi") await page.getByLabel("Pane language").selectOption("vi");
      for (const method of ["competition", "dense", "ordinal"]) {
        await page.getByLabel(label).selectOption(method);
        // The option's text against the room the select gives it, in the select's own font.
        const room = await page.getByLabel(label).evaluate((el) => {
          const select = el as HTMLSelectElement;
          const css = getComputedStyle(select);
          const ctx = document.createElement("canvas").getContext("2d")!;
          ctx.font = `${css.fontSize} ${css.fontFamily}`;
          return select.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight) - ctx.measureText(select.selectedOptions[0]!.text).width;
        });
        expect([lang, method, room >= 0]).toEqual([lang, method, true]);
      }
    }
  });

  test("opening a workbook whose inputs changed since it was scored says the results are out of date", async () => {
    const host = await XlsxHost.fromBuffer(sample, "so-nganh.xlsx");
    await runScoring(host, { definition: sampleModel().definition, lang: "vi", projectVersion: "test", write: true });
    const scored = await host.toBuffer();
    const target = await inputCell(sample, SAMPLE_UNITS[1]!.name, numericInput());
    const wb = await loadXlsx(scored);
    wb.getWorksheet(target.sheet)!.getCell(target.cell).value = 4321;
    const edited = new Uint8Array(await wb.xlsx.writeBuffer());

    const page = await openPage();
    await openWorkbook(page, edited);
    const banner = page.getByTestId("stale-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("Kết quả đã cũ");
    // The banner names the unit, not its code, as soon as the workbook is opened, and says what changed.
    expect(await banner.textContent()).toContain(`1 sở, ban, ngành đã thay đổi số liệu: ${SAMPLE_UNITS[1]!.name}.`);
    // The workbook was scored with the sample index, not the first built-in one: the pane takes the workbook's own.
    expect(await page.getByTestId("notice").textContent()).toContain("Sổ này đã được chấm theo bộ chỉ số");
    expect(await page.getByRole("radio", { name: "Bộ chỉ số lưu trong sổ" }).isChecked()).toBe(true);
    await shot(page, "stale-file-vi-light");

    // The banner asks to score again, and its button does that: the fresh results show in the Score step.
    await banner.getByRole("button", { name: "Chấm điểm lại" }).click();
    await banner.waitFor({ state: "detached" });
    await page.getByTestId("score-summary").waitFor();
    expect(await page.getByRole("tab", { selected: true }).getAttribute("aria-label")).toBe("Bước 4: Chấm điểm");
    await idle(page);
    // The banner's button went with the banner: the focus is on the Score step's button.
    expect(await focused(page)).toBe("Chấm điểm và ghi kết quả");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("a workbook reopened after a unit was renamed and a form deleted says each by kind, and forms brought in with the pane are added to the banner", async () => {
    const three = SAMPLE_UNITS.slice(0, 3);
    const host = await XlsxHost.fromBuffer(await makeSampleWorkbook({ units: three, clean: true }), "tong-hop.xlsx");
    await runScoring(host, { definition: sampleModel().definition, lang: "vi", projectVersion: "test", write: true });
    const wb = await loadXlsx(await host.toBuffer());
    // Only the name in B1 changes: the figures, and so the points, stay as they were.
    wb.getWorksheet(three[1]!.name)!.getCell("B1").value = "Sở Nội vụ và Dân tộc";
    wb.removeWorksheet(wb.getWorksheet(three[2]!.name)!.id);
    const page = await openPage();
    await openWorkbook(page, new Uint8Array(await wb.xlsx.writeBuffer()), "tong-hop.xlsx");
    const banner = page.getByTestId("stale-banner");
    await banner.waitFor();
    await idle(page);
    expect(await page.getByTestId("stale-line").allTextContents()).toEqual([
      `1 sở, ban, ngành đã đổi tên (số liệu không đổi): ${three[1]!.name} → Sở Nội vụ và Dân tộc.`,
      // Named as the last results table named it, not by its code.
      `1 sở, ban, ngành không còn trong sổ: ${three[2]!.name}.`,
      // The sample index compares units (a relative rule): a unit gone changes the others' points too.
      "Bộ chỉ số có chỉ tiêu so sánh giữa các sở, ban, ngành, nên điểm và hạng của các sở, ban, ngành khác cũng có thể thay đổi.",
    ]);

    // A late unit's form brought in with the pane: the banner says it is new, without another step.
    const late = SAMPLE_UNITS[3]!;
    await step(page, "Thu thập");
    await page.getByTestId("import-files").setInputFiles([{ name: `${late.code}.xlsx`, mimeType: XLSX, buffer: Buffer.from(await makeSampleWorkbook({ units: [late], clean: true })) }]);
    await page.getByTestId("notice").getByText("Đã tổng hợp 1 trang vào sổ", { exact: false }).waitFor();
    await banner.getByText(`1 sở, ban, ngành mới được thêm vào sổ: ${late.name}.`).waitFor();
    expect(await page.getByTestId("stale-line").count()).toBe(4);

    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    expect(await page.getByTestId("stale-line").allTextContents()).toEqual([
      `1 department was renamed (its figures are unchanged): ${three[1]!.name} → Sở Nội vụ và Dân tộc.`,
      `1 department is new in the workbook: ${late.name}.`,
      `1 department is no longer in the workbook: ${three[2]!.name}.`,
      "The index has indicators that compare departments, so the scores and ranks of other departments may change too.",
    ]);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("with the keyboard alone, from page load, an official opens a workbook, picks the index and scores", async () => {
    const page = await openPage();
    await page.getByRole("tab").first().waitFor();
    /** Presses Tab until the focused element's accessible text matches. */
    const tabTo = async (match: (el: { text: string; label: string; tag: string; role: string }) => boolean) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press("Tab");
        const el = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          return { text: (a?.innerText ?? "").trim(), label: a?.getAttribute("aria-label") ?? "", tag: a?.tagName ?? "", role: a?.getAttribute("role") ?? "" };
        });
        if (match(el)) return;
      }
      throw new Error("not reached by Tab");
    };
    // Listen before the key press: Playwright takes over the file dialog only once it listens.
    const chooserOpened = page.waitForEvent("filechooser");
    await tabTo((e) => e.text === "Chọn sổ làm việc (.xlsx)");
    await page.keyboard.press("Enter");
    const chooser = await chooserOpened;
    await chooser.setFiles({ name: "so-nganh.xlsx", mimeType: XLSX, buffer: Buffer.from(sample) });
    await page.getByText("Sổ làm việc đang mở: so-nganh.xlsx", { exact: false }).waitFor();
    await idle(page);

    await tabTo((e) => e.tag === "SELECT" && e.label === "" && e.text.includes("Bộ chỉ số đánh giá"));
    for (let i = 0; i < 5 && (await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)) !== "dti-so-nganh-mau"; i++) {
      await page.keyboard.press("ArrowDown");
    }
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe("dti-so-nganh-mau");

    await tabTo((e) => e.role === "tab");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Bước 4: Chấm điểm");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).waitFor();
    await tabTo((e) => e.text === "Chấm điểm và ghi kết quả");
    await page.keyboard.press("Space");
    await page.getByTestId("score-summary").waitFor();
    expect(await shownRanks(page)).toEqual(await expectedRanks());
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });
});

const SAMPLE_NAME_VI = "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành";
const SAMPLE_NAME_EN = "Sample — DTI for provincial departments";

/** The text of the pane's notice once it says `text` (a string it contains, or a pattern). */
async function noticeSaying(page: Page, text: string | RegExp, timeout?: number): Promise<string> {
  const notice = page.getByTestId("notice");
  await notice.filter({ hasText: text }).waitFor(timeout === undefined ? {} : { timeout });
  return (await notice.textContent()) ?? "";
}

describe("outside Excel, what each action says", () => {
  test("a new official opens the sample workbook without choosing an index: the pane takes the forms' index, and checking, marking, scoring and charts each say what they did", async () => {
    const page = await openPage();
    await openWorkbook(page, sample);
    // Never scored, no index chosen: the forms name the built-in sample index, and the pane takes it.
    const taken = await noticeSaying(page, "Các phiếu trong sổ được lập theo bộ chỉ số");
    expect(taken).toContain(`"${SAMPLE_NAME_VI}`);
    expect(await page.getByLabel("Chọn bộ chỉ số").inputValue()).toBe("dti-so-nganh-mau");
    await idle(page);
    await shot(page, "forms-index-vi-light");

    await step(page, "Kiểm tra");
    expect(await page.getByRole("tabpanel", { name: "Bước 3: Kiểm tra" }).count()).toBe(1);
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    const summary = page.getByTestId("check-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/^Đã kiểm tra 4 sở, ban, ngành: [1-9]\d* lỗi/);
    expect(await page.getByTestId("finding").count()).toBeGreaterThan(0);
    expect(await page.getByText("Đã xảy ra lỗi").count()).toBe(0);

    // Marking writes no score: the download says it is the marked workbook.
    await page.getByRole("button", { name: "Đánh dấu ô cần xem lại" }).click();
    await noticeSaying(page, /^Đã đánh dấu \d+ ô cần xem lại/);
    await idle(page);
    const download = page.getByTestId("download");
    expect(await download.textContent()).toBe("Tải xuống sổ đã đánh dấu");
    const [marked] = await Promise.all([page.waitForEvent("download"), download.click()]);
    expect(marked.suggestedFilename()).toBe("so-nganh (đã đánh dấu).xlsx");

    // Points shown with the decimals the ranking rounds to: units tied on rank show the same points.
    await step(page, "Chấm điểm");
    expect(await page.getByRole("tabpanel", { name: "Bước 4: Chấm điểm" }).count()).toBe(1);
    await page.getByLabel("Làm tròn khi xếp hạng (số chữ số thập phân)").selectOption("0");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await noticeSaying(page, /^Đã chấm điểm và xếp hạng 4 sở, ban, ngành/);
    await idle(page);
    const rows = await unitRows(page);
    expect(rows).toHaveLength(4);
    for (const [, , points] of rows) expect(points).toMatch(/^\d+$/);
    for (const a of rows) for (const b of rows) if (a[0] === b[0]) expect([a[0], a[2]]).toEqual([b[0], b[2]]);
    expect(await download.textContent()).toBe("Tải xuống sổ đã chấm");
    const [scored] = await Promise.all([page.waitForEvent("download"), download.click()]);
    expect(scored.suggestedFilename()).toBe("so-nganh (đã chấm).xlsx");
    await page.getByLabel("Làm tròn khi xếp hạng (số chữ số thập phân)").selectOption("3");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=score-summary] tbody td:last-child")].every((td) => /^\d+,\d{3}$/.test((td.textContent ?? "").trim())));
    await idle(page);

    // The Charts step's button says what it did to the charts, not how many units were scored.
    await step(page, "Biểu đồ");
    await page.getByRole("button", { name: "Tạo hoặc cập nhật biểu đồ" }).click();
    expect(await noticeSaying(page, "biểu đồ trên trang")).toContain("Đã tạo hoặc cập nhật 3 biểu đồ trên trang 'Biểu đồ'.");
    await idle(page);
    expect(await page.getByText("Đã chấm điểm và xếp hạng 4 sở, ban, ngành").count()).toBe(0);
    await shot(page, "charts-done-vi-light");
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    // The sheet by the name it was written under, though the pane now speaks English.
    await noticeSaying(page, "3 charts created or updated on the sheet 'Biểu đồ'.");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("with another index chosen on purpose, checking and scoring say which index the forms were made for and where to choose it", async () => {
    const page = await openPage();
    await openWorkbook(page, sample);
    await noticeSaying(page, "Các phiếu trong sổ được lập theo bộ chỉ số");
    await idle(page);
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-tinh-922-2022");
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    const said = await noticeSaying(page, "Các phiếu trong sổ được lập theo bộ chỉ số");
    expect(said).toContain(`"${SAMPLE_NAME_VI}`);
    // The index by its name alone: no version code after it.
    expect(said).not.toMatch(/\(mau-|\(\d{4}\)/);
    // The button beside the sentence chooses it: named, not the way round by step 1.
    expect(said).toContain('Bấm "Dùng bộ chỉ số của các phiếu" rồi làm lại bước này.');
    expect(said).not.toContain("bước 1 (Chỉ số)");
    expect(said).not.toMatch(/Đã xảy ra lỗi|ô B4|mau-2023"/);
    await idle(page);
    await shot(page, "forms-other-index-vi-light");

    // The warning stays until dismissed; scoring says it again.
    await page.getByTestId("notice").getByRole("button", { name: "Đóng" }).click();
    await page.getByTestId("notice").waitFor({ state: "detached" });
    // The focus goes back to the step's main button, not to the page.
    expect(await focused(page)).toBe("Kiểm tra số liệu");
    await step(page, "Chấm điểm");
    // The provincial index has no unit categories: ranking within them is not offered.
    expect(await page.getByLabel("Xếp hạng trong").count()).toBe(0);
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("notice").filter({ hasText: 'Bấm "Dùng bộ chỉ số của các phiếu"' }).waitFor();
    await idle(page);
    expect(await page.getByTestId("score-summary").count()).toBe(0);
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    const en = await noticeSaying(page, "The forms in this workbook were made for the index");
    expect(en).toContain(`"${SAMPLE_NAME_EN}`);
    expect(en).toContain('Press "Use the forms\' index", then do this step again.');
    // The notice's own button switches to the forms' index, and the run then reads every form.
    await page.getByTestId("notice").getByRole("button", { name: "Use the forms' index" }).click();
    // It names the button to press again.
    expect(await noticeSaying(page, `The index "${SAMPLE_NAME_EN}`)).toContain('Press "Score and write results" again.');
    expect(await focused(page)).toBe("Score and write results");
    await page.getByRole("button", { name: "Score and write results" }).click();
    await page.getByTestId("score-summary").waitFor();
    await idle(page);
    await step(page, "Index");
    expect(await page.getByLabel("Choose an index").inputValue()).toBe("dti-so-nganh-mau");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("a file that is not a workbook is named in the pane's language, without the library's English", async () => {
    const page = await openPage();
    await page.getByRole("tab").first().waitFor();
    await page.getByTestId("workbook-file").setInputFiles({ name: "hong.xlsx", mimeType: XLSX, buffer: Buffer.from("PK\u0003\u0004 đây không phải sổ làm việc") });
    const vi = await noticeSaying(page, "Không đọc được tệp hong.xlsx");
    expect(vi).toContain("Không đọc được tệp hong.xlsx: tệp không phải sổ làm việc .xlsx hợp lệ");
    expect(vi).not.toMatch(/Đã xảy ra lỗi|zip|central directory|Can't/i);
    expect(await page.getByText("Chưa chọn sổ làm việc.").count()).toBe(1);
    // A screen reader is told at once.
    await page.getByTestId("live-assertive").filter({ hasText: "Không đọc được tệp hong.xlsx" }).waitFor({ state: "attached" });
    expect(await page.getByTestId("live-assertive").getAttribute("role")).toBe("alert");
    await shot(page, "broken-file-vi-light");
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    const en = await noticeSaying(page, "Could not read the file hong.xlsx");
    expect(en).not.toMatch(/Something went wrong|zip|central directory/i);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("a units CSV whose categories stand under a header of their own (Khối) fills the list with them, and a note says which column was read", async () => {
    const page = await openPage();
    // The index's categories tell the column: the department sample chosen first.
    await step(page, "Bộ chỉ số");
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await step(page, "Thu thập");
    await page.getByTestId("units-csv").setInputFiles({ name: "ds.csv", mimeType: "text/csv", buffer: Buffer.from("STT;Mã đơn vị;Đơn vị;Khối\n1;SYT;Sở Y tế;co-dvc\n2;SNV;Sở Nội vụ;Sở, ban, ngành không có dịch vụ công\n") });
    await page.getByText('ds.csv: cột "Khối" được đọc là cột loại đơn vị, vì cột ghi các loại đơn vị của bộ chỉ số.').waitFor();
    expect(await page.getByLabel("Danh sách đơn vị").inputValue()).toBe("SYT; Sở Y tế; co-dvc\nSNV; Sở Nội vụ; Sở, ban, ngành không có dịch vụ công");
    await page.getByText("2 đơn vị", { exact: true }).waitFor();
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("what was said about a units CSV file goes once the list is typed by hand", async () => {
    const page = await openPage();
    await step(page, "Thu thập");
    await page.getByTestId("units-csv").setInputFiles({ name: "ds.csv", mimeType: "text/csv", buffer: Buffer.from("Mã;Ghi chú\n01;x\n") });
    const problem = page.getByText("Tệp CSV ds.csv không có cột Đơn vị (hoặc Unit) nên chưa lấy đơn vị nào từ tệp; danh sách trong ô vẫn như trước.");
    await problem.waitFor();
    // It follows a change of language.
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await page.getByText("The CSV file ds.csv has no Unit (or Đơn vị) column, so no unit was taken from it; the list in the box is as it was.").waitFor();
    await page.getByLabel("Pane language").selectOption("vi");
    await problem.waitFor();
    // What was said stays when the user goes to another step and back.
    await step(page, "Kiểm tra");
    await problem.waitFor({ state: "detached" });
    await step(page, "Thu thập");
    await problem.waitFor();
    await page.getByLabel("Danh sách đơn vị").fill("01; Sở Nội vụ");
    await problem.waitFor({ state: "detached" });
    await page.getByText("1 đơn vị", { exact: true }).waitFor();
    await step(page, "Chấm điểm");
    await step(page, "Thu thập");
    expect(await page.getByLabel("Danh sách đơn vị").inputValue()).toBe("01; Sở Nội vụ");
    await problem.waitFor({ state: "detached" });

    // The language chosen is the one the pane opens in next time, though the browser's is Vietnamese.
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await page.reload();
    await page.getByLabel("Pane language").waitFor();
    expect(await page.getByLabel("Pane language").inputValue()).toBe("en");
    await page.getByLabel("Pane language").selectOption("vi");
    await page.reload();
    await page.getByLabel("Ngôn ngữ giao diện").waitFor();
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });
});


describe("inside Excel (the Excel double installed before the pane loads)", () => {
  /** The double with `workbook`'s sheets, as an Excel that offers `excelApi` (the double's own default otherwise). */
  /** The pane in Excel (the double) with the department sample's workbook scored once, in the Score step. */
  async function scoredInExcel(): Promise<Page> {
    const page = await openPage({ initScript: await doubleScript() });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("score-summary").waitFor();
    await idle(page);
    return page;
  }

  async function doubleScript(workbook: Uint8Array = sample, excelApi?: string): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(workbook as unknown as ArrayBuffer);
    const seed = wb.worksheets.map((ws) => {
      const rows: (string | number | boolean | null)[][] = [];
      ws.eachRow({ includeEmpty: true }, (row, r) => {
        const values: (string | number | boolean | null)[] = [];
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          const v = cell.value;
          values[c - 1] = typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : v && typeof v === "object" && "richText" in v ? v.richText.map((t) => t.text).join("") : null;
        });
        rows[r - 1] = [...values].map((v) => v ?? null);
      });
      return { name: ws.name, rows: [...rows].map((r) => r ?? []) };
    });
    return pageScript(`import { install } from "./test/excel-double";
          const d = install(window${excelApi ? `, { requirements: { ExcelApi: ${JSON.stringify(excelApi)} } }` : ""});
          for (const s of ${JSON.stringify(seed)}) d.addSheet(s.name, s.rows);
          window.Office.context.displayLanguage = "vi-VN";
          window.__double = d;`);
  }

  test("the whole flow works in Excel, and clicking a finding selects its cell", async () => {
    const page = await openPage({ initScript: await doubleScript() });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
    const finding = page.getByRole("button", { name: /^(Lỗi|Cảnh báo|Lưu ý): .* Đi tới ô này\.$/s }).first();
    const label = (await finding.getAttribute("aria-label")) ?? "";
    const { severity, place, sheet, cell } = findingPlaceOf(label);
    // The place as Excel writes a reference: the sample's sheet names, with spaces and diacritics, quoted.
    expect(place).toBe(`'${sheet}'!${cell}`);
    // Inside its unit's group the place is said once, on the line under the sentence; a screen
    // reader hears what the button shows in the same order (the severity its badge shows, the
    // sentence, the place), then what it does: the first finding of the first unit is an error.
    const lines = (await finding.innerText()).split("\n").map((l) => l.trim()).filter((l) => l !== "");
    expect(lines.some((l) => l.includes("Trang tính"))).toBe(false);
    expect([lines[0], severity]).toEqual(["Lỗi", "Lỗi"]);
    expect(lines[lines.length - 1]).toBe(place);
    expect(label).not.toContain("Trang tính");
    expect(label).toBe(`Lỗi: ${lines[lines.length - 2]} ${place}. Đi tới ô này.`);
    await finding.click();
    await page.waitForFunction(
      ([s, c]) => {
        const sel = (window as unknown as { __double: { workbook: { selection: { sheet: string; address: string } | null } } }).__double.workbook.selection;
        return sel !== null && sel.sheet === s && sel.address === c;
      },
      [sheet, cell] as const,
    );
    const selection = await page.evaluate(() => (window as unknown as { __double: { workbook: { selection: unknown } } }).__double.workbook.selection);
    expect(selection).toEqual({ sheet, address: cell });
    await shot(page, "excel-check-vi-light");

    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("score-summary").waitFor();
    const names = await page.evaluate(() => (window as unknown as { __double: { sheetNames(): string[] } }).__double.sheetNames());
    expect(names).toEqual(expect.arrayContaining(["Kết quả", "Biểu đồ"]));
    await shot(page, "excel-score-vi-light");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  /**
   * The double holding `workbook` scored once with the sample index (before the pane starts), and
   * in the page `__read()` and `__score()`: one read of the workbook, and one scoring run that
   * writes, by the Excel host itself, to count what they take.
   */
  async function scoredDoubleScript(workbook: Uint8Array): Promise<string> {
    return pageScript(`import { Buffer } from "buffer";
          globalThis.Buffer = Buffer;
          import { install } from "./test/excel-double";
          import { ExcelHost } from "./src/hosts/excel";
          import { runScoring } from "./src/core/pipeline";
          import { BUILTIN_INDICES } from "./src/indices";
          const d = install(window);
          window.Office.context.displayLanguage = "vi-VN";
          window.__double = d;
          const definition = BUILTIN_INDICES.find((b) => b.id === ${JSON.stringify(SAMPLE_INDEX)}).definition;
          const run = () => runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "0.1.0", write: true });
          window.__read = () => new ExcelHost().read();
          window.__score = run;
          const bytes = Uint8Array.from(atob(${JSON.stringify(Buffer.from(workbook).toString("base64"))}), (c) => c.charCodeAt(0));
          const ready = d.loadXlsx(bytes).then(run).then(() => d.resetCounters(), (e) => { window.__setupError = String(e && e.stack || e); });
          const onReady = window.Office.onReady.bind(window.Office);
          window.Office.onReady = async (cb) => { await ready; return onReady(cb); };`);
  }

  test("opening a scored workbook, checking it and scoring it each read the workbook once, at 10 units as at 60", async () => {
    type D = { __double: { syncCount: number; resetCounters(): void }; __read(): Promise<unknown>; __score(): Promise<unknown> };
    const syncs = (page: Page) => page.evaluate(() => (window as unknown as D).__double.syncCount);
    const reset = (page: Page) => page.evaluate(() => (window as unknown as D).__double.resetCounters());
    const counted: Record<number, { read: number; run: number; open: number; check: number; score: number }> = {};
    for (const n of [10, 60]) {
      const units = Array.from({ length: n }, (_, i) => ({ code: `U${String(i + 1).padStart(3, "0")}`, name: `Sở thử ${i + 1}`, category: i % 3 === 0 ? "khong-dvc" : "co-dvc" }));
      const page = await openPage({ initScript: await scoredDoubleScript(await makeSampleWorkbook({ units })) });
      await page.getByText("Trong Excel", { exact: true }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { __setupError?: string }).__setupError)).toBeUndefined();
      await step(page, "Chấm điểm");
      await page.getByText(/^Sổ đã được chấm lúc/).waitFor();
      await idle(page);
      // Opening: one read, then watching the inputs (the sheets listed, the handlers added).
      const open = await syncs(page);
      /** The requests of pressing `button` in the step `stepName`, until its work is over and `shown` shows. */
      const pressing = async (stepName: string, button: string, shown: string) => {
        await step(page, stepName);
        await reset(page);
        await page.getByRole("button", { name: button }).click();
        await page.getByTestId(shown).waitFor();
        await idle(page);
        return syncs(page);
      };
      const check = await pressing("Kiểm tra", "Kiểm tra số liệu", "check-summary");
      const score = await pressing("Chấm điểm", "Chấm điểm và ghi kết quả", "score-summary");
      // What one read takes, and one scoring run (a read and the write), by the host alone.
      await reset(page);
      await page.evaluate(() => (window as unknown as D).__read());
      const read = await syncs(page);
      await reset(page);
      await page.evaluate(() => (window as unknown as D).__score());
      const run = await syncs(page);
      counted[n] = { read, run, open, check, score };
      expect((page as unknown as { errors: string[] }).errors).toEqual([]);
      await page.context().close();
    }
    const at10 = counted[10]!;
    expect(counted[60]).toEqual(at10);
    // Checking is its read; opening, the read and the two requests of watching; scoring, stopping
    // the watch, the run, the workbook read once as the run left it, and watching again.
    expect(at10.check).toBe(at10.read);
    expect(at10.open).toBe(at10.read + 2);
    expect(at10.score).toBe(1 + at10.run + at10.read + 2);
  });

  test("after scoring, a user's edit of an input cell shows at once that the results are out of date", async () => {
    const page = await scoredInExcel();
    // The project's own writes (results, Điểm column, marks) did not make the results stale.
    expect(await page.getByTestId("stale-banner").count()).toBe(0);
    // A screen reader is told what was scored and, with it, what the red bar under the table says.
    const findings = (await page.getByTestId("score-findings").textContent()) ?? "";
    expect(findings).toMatch(/^Có [1-9]\d* lỗi và [1-9]\d* cảnh báo trong số liệu: xem bước Kiểm tra\.$/);
    // The bar has no title: it is named by its sentence, not an unnamed group.
    expect(await page.getByRole("group", { name: findings, exact: true }).count()).toBe(1);
    const said = new RegExp(`^Đã chấm điểm và xếp hạng 4 sở, ban, ngành\\. ${findings.replace(/[.()]/g, "\\$&")}$`);
    await page.getByTestId("live-polite").filter({ hasText: said }).waitFor({ state: "attached" });

    const target = await inputCell(sample, SAMPLE_UNITS[2]!.name, numericInput());
    await page.evaluate(([sheet, cell]) => (window as unknown as { __double: { userEdit(s: string, a: string, v: number[][]): Promise<void> } }).__double.userEdit(sheet, cell, [[987]]), [target.sheet, target.cell] as const);
    const banner = page.getByTestId("stale-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("Kết quả đã cũ");
    expect(await banner.textContent()).toContain(`1 sở, ban, ngành đã thay đổi số liệu: ${SAMPLE_UNITS[2]!.name}.`);
    await shot(page, "excel-stale-vi-light");

    // Scoring again brings the results up to date; the banner goes.
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await banner.waitFor({ state: "detached" });
    await idle(page);
    // Putting the old value back is a change again, seen by the watch registered after the new run.
    await page.evaluate(([sheet, cell, v]) => (window as unknown as { __double: { userEdit(s: string, a: string, v: number[][]): Promise<void> } }).__double.userEdit(sheet, cell, [[v]]), [target.sheet, target.cell, Number(target.value)] as const);
    await banner.waitFor();

    // In the Score step the banner has no button of its own: the step's button scores again, once.
    expect(await banner.getByRole("button").count()).toBe(0);
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await banner.waitFor({ state: "detached" });
    await idle(page);
    await page.evaluate(([sheet, cell]) => (window as unknown as { __double: { setCells(s: string, a: string, v: number[][]): void } }).__double.setCells(sheet, cell, [[555]]), [target.sheet, target.cell] as const);
    const recheck = page.getByRole("button", { name: "So kết quả với số liệu hiện tại" });
    await recheck.focus();
    await page.keyboard.press("Enter");
    await banner.waitFor();
    await idle(page);
    // A change Excel does not report (no change event): "So kết quả với số liệu hiện tại" finds it, the banner
    // takes that button's place, and the keyboard focus goes to the step's button that scores again, not to the page.
    expect(await recheck.count()).toBe(0);
    expect(await focused(page)).toBe("Chấm điểm và ghi kết quả");
    // In another step the banner keeps its own button.
    await step(page, "Kiểm tra");
    expect(await banner.getByRole("button", { name: "Chấm điểm lại" }).count()).toBe(1);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("after scoring, a unit's form deleted by hand shows at once that the results are out of date, naming the unit", async () => {
    const page = await scoredInExcel();
    expect(await page.getByTestId("stale-banner").count()).toBe(0);
    const gone = SAMPLE_UNITS[2]!.name;
    const { sheet } = await inputCell(sample, gone, numericInput());
    await page.evaluate((s) => (window as unknown as { __double: { userDeleteSheet(s: string): Promise<void> } }).__double.userDeleteSheet(s), sheet);
    const banner = page.getByTestId("stale-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("Kết quả đã cũ");
    expect(await banner.textContent()).toContain(`1 sở, ban, ngành không còn trong sổ: ${gone}.`);
    // The Charts step's button scores as the Score step's does: that the results were scored
    // again is said with the charts, and the banner goes.
    await step(page, "Biểu đồ");
    await page.getByRole("button", { name: "Tạo hoặc cập nhật biểu đồ" }).click();
    const said = await noticeSaying(page, "biểu đồ trên trang");
    expect(said).toContain("Số liệu đã thay đổi từ lần chấm trước nên sổ đã được chấm điểm lại trước khi vẽ biểu đồ: điểm và thứ hạng trên trang kết quả đã được cập nhật.");
    await banner.waitFor({ state: "detached" });
    await idle(page);
    // Drawn again with results up to date: nothing more to say of them.
    await page.getByRole("button", { name: "Tạo hoặc cập nhật biểu đồ" }).click();
    await idle(page);
    expect(await noticeSaying(page, "biểu đồ trên trang")).not.toContain("chấm điểm lại");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("when Excel refuses a request because another workbook is active, the pane says what to do, and the next try works", async () => {
    const page = await openPage({ initScript: await doubleScript() });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await idle(page);
    type R = { __double: { refuseRequests(code: string, o: { at: number; count: number }): void; stopRefusing(): void; sheetNames(): string[] } };
    await page.evaluate(() => (window as unknown as R).__double.refuseRequests("InactiveWorkbook", { at: 1, count: 1000 }));
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    const notice = page.getByTestId("notice");
    await notice.getByText("Một sổ làm việc khác đang được chọn nên Excel không nhận lệnh cho sổ này: hãy bấm vào sổ này rồi thử lại.").waitFor();
    expect(await notice.textContent()).not.toMatch(/Đã xảy ra lỗi|lost focus/);
    await page.evaluate(() => (window as unknown as R).__double.stopRefusing());
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("score-summary").waitFor();
    expect(await page.evaluate(() => (window as unknown as R).__double.sheetNames())).toEqual(expect.arrayContaining(["Kết quả", "Biểu đồ"]));
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("after a scoring run Excel refused, an edit of an input still shows that the results are out of date", async () => {
    const page = await scoredInExcel();
    type R = { __double: { refuseRequests(code: string, o: { at: number; count: number }): void; stopRefusing(): void; userEdit(s: string, a: string, v: number[][]): Promise<void> } };
    // The watch is stopped for the run, then Excel refuses the run's requests.
    await page.evaluate(() => (window as unknown as R).__double.refuseRequests("InactiveWorkbook", { at: 2, count: 1000 }));
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("notice").getByText("Một sổ làm việc khác đang được chọn", { exact: false }).waitFor();
    await page.evaluate(() => (window as unknown as R).__double.stopRefusing());
    await idle(page);
    const target = await inputCell(sample, SAMPLE_UNITS[2]!.name, numericInput());
    await page.evaluate(([sheet, cell]) => (window as unknown as R).__double.userEdit(sheet, cell, [[987]]), [target.sheet, target.cell] as const);
    await page.getByTestId("stale-banner").waitFor();
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("while forms are made, the progress says so: not that results are being prepared", async () => {
    const page = await openPage({ initScript: await doubleScript() });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await idle(page);
    await step(page, "Thu thập");
    await page.getByLabel("Danh sách đơn vị").fill("SDL; Sở Du lịch; co-dvc\nBTG; Ban Tôn giáo; co-dvc");
    await page.getByTestId("progress").evaluate((el) => {
      const w = window as unknown as { __progress: string[] };
      w.__progress = [];
      const region = el.querySelector("[aria-live]")!;
      new MutationObserver(() => w.__progress.push(region.textContent ?? "")).observe(region, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole("button", { name: "Tạo phiếu" }).click();
    await noticeSaying(page, /2/);
    await idle(page);
    const said = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress.filter((t) => t !== ""));
    expect(said[0]).toBe("Đang tạo phiếu…");
    expect(said).not.toContain("Đang chuẩn bị kết quả…");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("after scoring and making charts, choosing the workbook's own index (the one just scored with) keeps the units to chart; another index says why they are gone, and going back to the first brings its results back until another is scored", async () => {
    const page = await scoredInExcel();
    await step(page, "Biểu đồ");
    const units = page.getByTestId("profile-units");
    await units.waitFor();
    const before = await units.getByRole("checkbox").allTextContents();
    expect(before.length).toBe(SAMPLE_UNITS.length);
    await page.getByRole("button", { name: "Tạo hoặc cập nhật biểu đồ" }).click();
    await noticeSaying(page, /biểu đồ/);
    await idle(page);

    await step(page, "Bộ chỉ số");
    await page.getByRole("radio", { name: "Bộ chỉ số lưu trong sổ" }).check();
    await idle(page);
    await step(page, "Biểu đồ");
    await units.waitFor();
    expect(await units.getByRole("checkbox").allTextContents()).toEqual(before);
    expect(await page.getByTestId("charts-need-score").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Tạo hoặc cập nhật biểu đồ" }).isEnabled()).toBe(true);

    // Another index: the list goes, and the step says it is because the index changed.
    await step(page, "Bộ chỉ số");
    await page.getByRole("radio", { name: "Bộ chỉ số có sẵn" }).check();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("undp-hdi");
    await step(page, "Biểu đồ");
    expect(await page.getByTestId("charts-need-score").innerText()).toBe("Bộ chỉ số đã được đổi sau lần chấm điểm trước: hãy chấm điểm lại để có danh sách đơn vị.");
    expect(await units.count()).toBe(0);

    // Back to the index scored with, nothing written meanwhile: its results come back, without scoring again.
    await step(page, "Bộ chỉ số");
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await step(page, "Biểu đồ");
    await units.waitFor();
    expect(await units.getByRole("checkbox").allTextContents()).toEqual(before);
    expect(await page.getByTestId("charts-need-score").count()).toBe(0);
    await step(page, "Chấm điểm");
    expect(await page.getByTestId("score-summary").count()).toBe(1);

    // Another content scored meanwhile (the same index with its name edited, from a file): the workbook's
    // results are that one's, and the first's do not come back.
    const copy = structuredClone(BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!.definition) as { name: { vi: string; en: string } };
    copy.name.vi += " (bản của tỉnh)";
    await step(page, "Bộ chỉ số");
    await page.getByRole("radio", { name: "Tệp JSON" }).check();
    // No file opened yet: no index to score with, not the built-in chosen before.
    await step(page, "Chấm điểm");
    expect(await page.getByText("Chưa chọn bộ chỉ số.").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).isDisabled()).toBe(true);
    await step(page, "Bộ chỉ số");
    await page.getByTestId("definition-file").setInputFiles({ name: "ban-tinh.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(copy)) });
    await step(page, "Chấm điểm");
    expect(await page.getByTestId("score-summary").count()).toBe(0);
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await noticeSaying(page, /^Đã chấm/);
    await idle(page);
    await step(page, "Bộ chỉ số");
    await page.getByRole("radio", { name: "Bộ chỉ số có sẵn" }).check();
    await idle(page);
    await step(page, "Chấm điểm");
    expect(await page.getByTestId("score-summary").count()).toBe(0);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("passing over \"Tệp JSON\" without opening a file, by the arrow keys or by clicks, keeps the findings, the results and the units to chart of the index chosen again", async () => {
    const page = await scoredInExcel();
    await step(page, "Kiểm tra");
    await idle(page);
    const findings = await page.getByTestId("check-summary").innerText();
    await step(page, "Biểu đồ");
    const units = page.getByTestId("profile-units");
    await units.waitFor();
    const before = await units.getByRole("checkbox").allTextContents();
    expect(before.length).toBe(SAMPLE_UNITS.length);
    /** Every step still shows what the index scored with found: the findings, the table of top units, the units to chart. */
    const kept = async () => {
      await idle(page);
      await step(page, "Kiểm tra");
      expect(await page.getByTestId("check-summary").innerText()).toBe(findings);
      await step(page, "Chấm điểm");
      expect(await page.getByTestId("score-summary").count()).toBe(1);
      expect(await page.getByRole("heading", { name: "Sở, ban, ngành dẫn đầu" }).count()).toBe(1);
      await step(page, "Biểu đồ");
      await units.waitFor();
      expect(await units.getByRole("checkbox").allTextContents()).toEqual(before);
      expect(await page.getByTestId("charts-need-score").count()).toBe(0);
      await step(page, "Bộ chỉ số");
    };

    // Down twice from the built-in index: "Tệp JSON" (no file opened), then the workbook's own (the one scored with).
    await step(page, "Bộ chỉ số");
    await page.getByRole("radio", { name: "Bộ chỉ số có sẵn" }).focus();
    for (const key of ["ArrowDown", "ArrowDown"]) await page.keyboard.press(key);
    expect(await page.getByRole("radio", { name: "Bộ chỉ số lưu trong sổ" }).isChecked()).toBe(true);
    await kept();

    // Down and up again: back to the same built-in index.
    await page.getByRole("radio", { name: "Bộ chỉ số có sẵn" }).check();
    await page.getByRole("radio", { name: "Bộ chỉ số có sẵn" }).focus();
    await page.keyboard.press("ArrowDown");
    expect(await page.getByRole("radio", { name: "Tệp JSON" }).isChecked()).toBe(true);
    await page.keyboard.press("ArrowUp");
    expect(await page.getByRole("radio", { name: "Bộ chỉ số có sẵn" }).isChecked()).toBe(true);
    expect(await page.getByLabel("Chọn bộ chỉ số").inputValue()).toBe("dti-so-nganh-mau");
    await kept();

    // "Tệp JSON" clicked, then the built-in index clicked again.
    await page.getByRole("radio", { name: "Tệp JSON" }).check();
    await page.getByRole("radio", { name: "Bộ chỉ số có sẵn" }).check();
    await kept();
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("going to a finding whose sheet was renamed since the check says so in the pane's language, where the user is, and to check again", async () => {
    const page = await openPage({ initScript: await doubleScript() });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
    await idle(page);
    // The last finding, far down the list: the notice at the top of the pane is out of sight when it is clicked.
    const finding = page.getByRole("button", { name: /^(Lỗi|Cảnh báo|Lưu ý): .* Đi tới ô này\.$/s }).last();
    const label = (await finding.getAttribute("aria-label")) ?? "";
    const { sheet, cell } = findingPlaceOf(label);
    await page.evaluate((s) => (window as unknown as { __double: { userRenameSheet(s: string, to: string): Promise<void> } }).__double.userRenameSheet(s, "XD"), sheet!);
    await finding.focus();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.keyboard.press("Enter");
    const said = await noticeSaying(page, "không còn trong sổ làm việc");
    expect(said).toContain(`Trang '${sheet}' không còn trong sổ làm việc (đã được đổi tên hoặc bị xóa) nên không thể đi tới ô ${cell}. Hãy bấm "Kiểm tra số liệu" để kiểm tra lại các phiếu.`);
    expect(said).not.toMatch(/Đã xảy ra lỗi|requested resource|getItem/);
    // Seen where the user is: the notice is brought into view; the focus stays on the finding (screen readers hear the notice from the live region).
    const box = await page.getByTestId("notice").evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, height: window.innerHeight };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.top).toBeLessThan(box.height);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(label);
    await page.waitForFunction(() => document.querySelector("[data-testid=live-assertive]")?.textContent?.includes("không còn trong sổ làm việc"));
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("the code that writes to Excel cannot be loaded (the connection lost): the notice says a part of the add-in could not be loaded and what to do, not webpack's words; once it loads, scoring works", async () => {
    let offline = true;
    const page = await openPage({
      initScript: await doubleScript(),
      // The write's chunk (prefetched once the pane opens, loaded when a run first writes) fails while offline.
      route: { url: "**/excel-write*.js", handler: (route) => (offline ? route.abort("internetdisconnected") : route.continue()) },
    });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await idle(page);
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    const said = await noticeSaying(page, "Không tải được một phần của Chấm điểm DTI");
    expect(said).toContain("Hãy kiểm tra kết nối mạng, hoặc đóng rồi mở lại ngăn tác vụ, rồi thử lại.");
    expect(said).not.toMatch(/Loading chunk|ChunkLoadError|Đã xảy ra lỗi|\.js/);
    await idle(page);
    offline = false;
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await noticeSaying(page, /^Đã chấm điểm và xếp hạng 4 sở, ban, ngành/);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("the add-in's part for Excel cannot be loaded as the pane opens (the connection lost): the pane says so in the user's words, and \"Thử lại\" opens it once the connection is back", async () => {
    let offline = true;
    const page = await openPage({
      initScript: await doubleScript(),
      route: { url: "**/excel-host*.js", handler: (route) => (offline ? route.abort("internetdisconnected") : route.continue()) },
    });
    const failed = page.getByTestId("start-load-failed");
    await failed.waitFor();
    const said = await failed.innerText();
    expect(said).toContain("Không tải được một phần của Chấm điểm DTI, có thể do mất kết nối mạng.");
    expect(said).not.toMatch(/Loading chunk|ChunkLoadError|\.js/);
    await shot(page, "start-load-failed-vi-light");
    offline = false;
    await failed.getByRole("button", { name: "Thử lại" }).click();
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await noticeSaying(page, "nên bộ chỉ số này được chọn");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("units given categories for an index without them: the preview reads code and name only, and it and the notice after the forms are made say the categories are ignored", async () => {
    // A workbook with no forms yet (one of the department index's would take none of the province index's).
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet("Sheet1").getCell("A1").value = "Ghi chép";
    const page = await openPage({ initScript: await doubleScript(new Uint8Array(await blank.xlsx.writeBuffer())) });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-tinh-922-2022");
    await idle(page);
    await step(page, "Thu thập");
    await page.getByLabel("Danh sách đơn vị").fill(["01; Sở Nội vụ; co-dvc", "02; Sở Tài chính; khong-dvc", "03; Sở Y tế; Sở, ban, ngành có dịch vụ công"].join("\n"));
    // The command line's sentence for a units file, of the list.
    const ignored = "Bộ chỉ số không chia loại đơn vị nên cột loại đơn vị (Nhóm) của danh sách đơn vị được bỏ qua.";
    const preview = page.getByTestId("units-preview");
    await preview.waitFor();
    expect(await preview.innerText()).toContain("Đọc được (mã · tên):");
    expect(await preview.innerText()).not.toContain("loại đơn vị)");
    expect(await preview.getByRole("listitem").allTextContents()).toEqual(["01 · Sở Nội vụ", "02 · Sở Tài chính", "03 · Sở Y tế"]);
    expect(await page.getByTestId("units-categories-ignored").innerText()).toBe(ignored);
    await page.getByRole("button", { name: "Tạo phiếu" }).click();
    const said = await noticeSaying(page, "Đã thêm 3 trang phiếu vào sổ.");
    expect(said).toContain(ignored);
    await idle(page);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("forms of another index than the workbook's are not added to it: the notice says so, offers the forms' index and a file to download, and names no file of the pane's own", async () => {
    const page = await openPage({ initScript: await doubleScript() });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    // The sample's forms are of the department index, which the pane takes as it reads the workbook; then the district index is chosen.
    await noticeSaying(page, "nên bộ chỉ số này được chọn");
    await idle(page);
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-huyen-mau");
    await idle(page);
    const before = await page.evaluate(() => (window as unknown as { __double: { sheetNames(): string[] } }).__double.sheetNames());
    await step(page, "Thu thập");
    await page.getByLabel("Danh sách đơn vị").fill("H01; Huyện A\nH02; Huyện B");
    await page.getByRole("button", { name: "Tạo phiếu" }).click();
    const said = await noticeSaying(page, "nên chưa thêm phiếu nào vào sổ");
    expect(said).toContain(`Các phiếu trong sổ được lập theo bộ chỉ số "${SAMPLE_NAME_VI} (điều chỉnh theo quyết định của tỉnh)", không phải bộ chỉ số đang chọn`);
    expect(said).toContain('hãy dùng bộ chỉ số của các phiếu rồi bấm lại "Tạo phiếu"');
    expect(said).not.toMatch(/templates-|\.xlsx|Các tệp chứa phiếu/);
    expect(await page.evaluate(() => (window as unknown as { __double: { sheetNames(): string[] } }).__double.sheetNames())).toEqual(before);
    const notice = page.getByTestId("notice");
    expect(await notice.getByRole("button", { name: "Dùng bộ chỉ số của các phiếu" }).count()).toBe(1);
    // The forms of the index chosen, as a file of their own.
    await notice.getByRole("button", { name: "Tạo tệp phiếu để tải xuống" }).click();
    await noticeSaying(page, "Đã tạo tệp phiếu cho 2 đơn vị.");
    await page.getByRole("link", { name: "Tải xuống tệp phiếu" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __double: { sheetNames(): string[] } }).__double.sheetNames())).toEqual(before);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("forms for more units than one file carries are put into the workbook in several files, all of them", async () => {
    const page = await openPage({ initScript: await doubleScript() });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await idle(page);
    await step(page, "Thu thập");
    const names = Array.from({ length: 205 }, (_, i) => `Xã số ${i + 1}`);
    await page.getByLabel("Danh sách đơn vị").fill(names.map((n, i) => `X${i + 1}; ${n}; co-dvc`).join("\n"));
    await page.getByRole("button", { name: "Tạo phiếu" }).click();
    // 205 forms made and inserted in the double running in the page: over 30 s on a busy machine.
    await noticeSaying(page, /205/, 120_000);
    const sheets = await page.evaluate(() => (window as unknown as { __double: { sheetNames(): string[] } }).__double.sheetNames());
    expect(sheets).toEqual(expect.arrayContaining(names));
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  }, 180_000);

  test("marking cells with issues sets fills and notes without writing any score, and clearing removes them", async () => {
    const page = await openPage({ initScript: await doubleScript() });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Đánh dấu ô cần xem lại" }).click();
    await page.getByTestId("notice").getByText(/^Đã đánh dấu \d+ ô cần xem lại/).waitFor();
    const blank = await inputCell(sample, SAMPLE_UNITS[3]!.name, "6.2");
    type D = { __double: { sheetNames(): string[]; cell(a: string): { fill?: string } | undefined; workbook: { notes: { content: string }[] } } };
    const state = () =>
      page.evaluate((address) => {
        const d = (window as unknown as D).__double;
        return {
          sheets: d.sheetNames(),
          fill: d.cell(address)?.fill ?? null,
          notes: d.workbook.notes.filter((n) => n.content.startsWith("[DTI Scorer]")).length,
        };
      }, `'${blank.sheet}'!${blank.cell}`);
    const marked = await state();
    expect(marked.sheets).not.toContain("Kết quả");
    expect(marked.sheets).not.toContain("Biểu đồ");
    expect(marked.fill).not.toBeNull();
    expect(marked.notes).toBeGreaterThan(0);
    await shot(page, "excel-marked-vi-light");

    await page.getByRole("button", { name: "Xóa đánh dấu" }).click();
    await page.getByTestId("notice").getByText(/^Đã xóa đánh dấu ở \d+ ô/).waitFor();
    expect(await state()).toEqual({ sheets: marked.sheets, fill: null, notes: 0 });
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("a unit's form protected with a password is left unwritten, and the step that wrote says so until dismissed", async () => {
    const page = await openPage({ initScript: await doubleScript() });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await idle(page);
    // The unit with the blank input protects its form with a password, as a user would in Excel.
    const locked = await inputCell(sample, SAMPLE_UNITS[3]!.name, BLANK_INPUT);
    await page.evaluate(
      (sheet) =>
        (window as unknown as { Excel: typeof Excel }).Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem(sheet).protection.protect(undefined, "mật khẩu");
          await ctx.sync();
        }),
      locked.sheet,
    );
    type D = { __double: { sheet(n: string): { cells: Map<number, { fill?: string }> }; sheetNames(): string[] } };
    const fillsOf = (sheet: string) => page.evaluate((n) => [...(window as unknown as D).__double.sheet(n).cells.values()].filter((c) => c.fill !== undefined).length, sheet);
    const fillsBefore = await fillsOf(locked.sheet);

    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("score-summary").waitFor();
    await idle(page);
    const warning = page.getByTestId("write-warnings");
    await warning.waitFor();
    expect(await warning.textContent()).toContain("Lưu ý khi ghi vào sổ");
    expect(await warning.textContent()).toContain(`Trang '${locked.sheet}' được bảo vệ bằng mật khẩu nên điểm và các đánh dấu của trang này chưa được ghi.`);
    // The results were written all the same, and the locked form was left as it was.
    expect(await page.evaluate(() => (window as unknown as D).__double.sheetNames())).toEqual(expect.arrayContaining(["Kết quả"]));
    expect(await fillsOf(locked.sheet)).toBe(fillsBefore);
    await shot(page, "excel-protected-vi-light");

    // The warning follows the pane's language.
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await warning.getByText("Notes on writing to the workbook").waitFor();
    expect(await warning.textContent()).toContain(`The sheet '${locked.sheet}' is protected with a password, so its scores and marks were not written.`);
    await shot(page, "excel-protected-en-light");
    await page.getByLabel("Pane language").selectOption("vi");

    // It belongs to the Score step; making the charts from the Charts step says it there too.
    await step(page, "Biểu đồ");
    expect(await warning.count()).toBe(0);
    await page.getByRole("button", { name: "Tạo hoặc cập nhật biểu đồ" }).click();
    await warning.waitFor();
    await idle(page);
    expect(await warning.textContent()).toContain(`Trang '${locked.sheet}' được bảo vệ bằng mật khẩu`);
    await step(page, "Chấm điểm");
    expect(await warning.count()).toBe(0);
    await step(page, "Biểu đồ");
    await warning.getByRole("button", { name: "Đóng" }).click();
    await warning.waitFor({ state: "detached" });

    // Marking the cells with issues: the locked form's own issues cannot be marked, and the Check step says why.
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Đánh dấu ô cần xem lại" }).click();
    await warning.waitFor();
    await idle(page);
    expect(await warning.textContent()).toContain(`Trang '${locked.sheet}' được bảo vệ bằng mật khẩu`);
    expect(await fillsOf(locked.sheet)).toBe(fillsBefore);
    await shot(page, "excel-protected-mark-vi-light");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("on an older Excel (ExcelApi 1.7) the pane says once, shortly and in plain words, which features are missing and which Excel has them, and the rest works", async () => {
    const page = await openPage({ initScript: await doubleScript(sample, "1.7"), width: 340 });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    const bar = page.getByTestId("missing-features");
    await bar.waitFor();
    await idle(page);
    // What does not work, one plain line each; which Excel has it, once; the API sets only when asked for.
    const vi = (await bar.innerText()).split("\n").map((l) => l.trim()).filter((l) => l !== "");
    expect(vi).toEqual([
      "Tính năng Excel còn thiếu",
      "Phiên bản Excel này chưa làm được những việc sau; các phần khác vẫn hoạt động:",
      "Thiết lập sẵn trang in cho trang kết quả và biểu đồ.",
      "Tổng hợp phiếu từ tệp khác, thêm phiếu trống vào sổ (phiếu được tải xuống thành tệp).",
      "Giữ bảng kết quả khi số đơn vị đổi (công thức trỏ tới bảng có thể báo #REF!).",
      "Và 4 việc khác, liệt kê trong phần chi tiết bên dưới.",
      "Cần Excel cho Microsoft 365, Excel 2024 hoặc Excel trên web.",
      "Chi tiết kỹ thuật (tập API cần có)",
      "Đóng",
    ]);
    // Short enough to leave the step in sight at a 340 px pane.
    expect((await bar.boundingBox())!.height).toBeLessThan(420);
    const details = bar.getByTestId("notice-group");
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await details.locator("summary").click();
    expect(await details.innerText()).toContain("Tổng hợp phiếu từ tệp khác, thêm phiếu trống vào sổ (phiếu được tải xuống thành tệp): ExcelApi 1.13");
    // The features past the first lines are in the list that opens, each with its set.
    expect(await details.innerText()).toContain("Ghi chú trên ô có vấn đề (ô chỉ được tô màu): ExcelApi 1.10");
    expect(await details.innerText()).toContain("Báo kết quả đã cũ khi một trang được đổi tên: ExcelApi 1.17");
    expect(await details.innerText()).toContain("Nhận biết ô đã gộp (ô tổng hợp, ô Điểm có thể bị ghi vào ô gộp): ExcelApi 1.13");
    await details.locator("summary").click();
    await page.getByTestId("live-polite").filter({ hasText: "Tính năng Excel còn thiếu" }).waitFor({ state: "attached" });
    // Said as sentences: the heading ends with a full stop before the first line.
    expect(await page.getByTestId("live-polite").filter({ hasText: "Tính năng Excel còn thiếu" }).first().textContent()).toContain("Tính năng Excel còn thiếu. ");
    await shot(page, "excel-1.7-vi-light");
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await bar.getByText("Missing Excel features").waitFor();
    expect(await bar.innerText()).toContain("Collecting forms from other files, adding blank forms to the workbook (they download as a file).");
    expect(await bar.innerText()).not.toContain("ExcelApi");
    await shot(page, "excel-1.7-en-light");
    await page.getByLabel("Pane language").selectOption("vi");

    // Said once: it goes when closed (its button named by what it closes), and the focus goes to the step's main control.
    await bar.getByRole("button", { name: "Đóng thông báo: Tính năng Excel còn thiếu", exact: true }).click();
    await bar.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-step-main"))).toBe(true);
    expect(await focused(page)).not.toBe("<body>");
    await step(page, "Kiểm tra");
    expect(await bar.count()).toBe(0);

    // Scoring works on this Excel (with the index the forms name, which the pane took).
    await step(page, "Bộ chỉ số");
    expect(await page.getByLabel("Chọn bộ chỉ số").inputValue()).toBe("dti-so-nganh-mau");
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await noticeSaying(page, /^Đã chấm điểm và xếp hạng 4 sở, ban, ngành/);
    await idle(page);

    // Forms cannot be added to the workbook without ExcelApi 1.13: they come as a file to download, and the notice says why.
    await step(page, "Thu thập");
    await page.getByLabel("Danh sách đơn vị").fill("SHT; Sở Hạ tầng; co-dvc");
    await page.getByRole("button", { name: "Tạo phiếu" }).click();
    const asFile = await noticeSaying(page, "để tải xuống");
    expect(asFile).toContain("Phiên bản Excel này không thêm được trang phiếu vào sổ (cần ExcelApi 1.13");
    expect(asFile).not.toContain("Đã thêm 0");
    await page.getByRole("link", { name: "Tải xuống tệp phiếu" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __double: { sheetNames(): string[] } }).__double.sheetNames())).not.toContain("Sở Hạ tầng");

    // Bringing forms in needs ExcelApi 1.13: the headline says so, not "no form sheet was found".
    await page.getByTestId("import-files").setInputFiles([{ name: "a.xlsx", mimeType: XLSX, buffer: Buffer.from(await makeSampleWorkbook({ units: [{ code: "SXD", name: "Sở Xây dựng", category: "co-dvc" }], clean: true })) }]);
    // The notice of the import, not the one before it (which names ExcelApi 1.13 too).
    const said = await noticeSaying(page, /từ tệp khác/);
    expect(said).toContain("ExcelApi 1.13");
    expect(said).not.toContain("Không tìm thấy trang phiếu nào");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("on an Excel with every feature the pane says nothing about missing features", async () => {
    const page = await openPage({ initScript: await doubleScript() });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await idle(page);
    expect(await page.getByTestId("missing-features").count()).toBe(0);
  });

  test("units' workbooks are inserted into the open workbook, and checking then finds those units too", async () => {
    const page = await openPage({ initScript: await doubleScript() });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    const extra = [
      { code: "SXD", name: "Sở Xây dựng", category: "co-dvc" },
      { code: "SGT", name: "Sở Giao thông vận tải", category: "co-dvc" },
    ];
    const files = await Promise.all(extra.map((u) => makeSampleWorkbook({ units: [u], clean: true })));
    await step(page, "Thu thập");
    await page.getByTestId("import-files").setInputFiles(extra.map((u, i) => ({ name: `${u.code}.xlsx`, mimeType: XLSX, buffer: Buffer.from(files[i]!) })));
    await page.getByTestId("notice").getByText("Đã tổng hợp 2 trang vào sổ", { exact: false }).waitFor();
    const names = await page.evaluate(() => (window as unknown as { __double: { sheetNames(): string[] } }).__double.sheetNames());
    expect(names).toEqual(expect.arrayContaining(extra.map((u) => u.name)));
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").getByText(/^Đã kiểm tra 6 sở, ban, ngành:/).waitFor();

    // Forms made into the workbook: added once; a second click for the same unit adds nothing and says why.
    await step(page, "Thu thập");
    await page.getByLabel("Danh sách đơn vị").fill("SHT; Sở Hạ tầng; co-dvc");
    await page.getByRole("button", { name: "Tạo phiếu" }).click();
    await noticeSaying(page, "Đã thêm 1 trang phiếu vào sổ.");
    await idle(page);
    await page.getByRole("button", { name: "Tạo phiếu" }).click();
    const again = await noticeSaying(page, "Chưa thêm trang phiếu nào");
    expect(again).toContain("Chưa thêm trang phiếu nào: sổ đã có sẵn phiếu của đơn vị này.");
    expect(again).toContain('Phiếu "Sở Hạ tầng": đơn vị này đã có phiếu trong sổ nên không thêm phiếu mới');
    expect(again).not.toContain("Đã thêm 0");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("forms made from an edited copy of a built-in: step 1 says to open that copy's JSON file, outside Excel and in Excel; checked with the built-in anyway, the form says so", async () => {
    // The department sample with 1.1 worth 5 points instead of 10, its id and version kept.
    const copy = structuredClone(BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!.definition) as {
      max?: number;
      root: { max?: number; children: { max?: number; children: { code: string; max?: number }[] }[] };
    };
    const group = copy.root.children[0]!;
    const item = group.children.find((c) => c.code === "1.1")!;
    const less = (item.max ?? 0) - 5;
    item.max = 5;
    if (group.max !== undefined) group.max -= less;
    if (copy.root.max !== undefined) copy.root.max -= less;
    const parsed = parseDefinition(copy);
    if (!parsed.ok) throw new Error("the copy does not parse");
    const forms = await makeTemplate(parsed.model, [{ code: "SYT", name: "Sở Y tế", category: "co-dvc" }], { lang: "vi" });
    const edited = /^Các phiếu trong sổ được tạo từ một bản sửa của bộ chỉ số "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành[^"]*" \(cùng mã và phiên bản nhưng chỉ tiêu hoặc điểm tối đa khác\), không phải từ bộ chỉ số đang chọn\. Hãy chọn "Tệp JSON" rồi mở chính tệp định nghĩa \(\.json\) đã dùng để tạo phiếu, để kiểm tra và chấm điểm đúng theo phiếu\.$/;

    // Outside Excel: said on opening, with no built-in offered, and still said with the built-in chosen on purpose.
    const page = await openPage();
    await openWorkbook(page, forms, "phieu-sua.xlsx");
    await idle(page);
    const bar = page.getByTestId("forms-index");
    await bar.waitFor();
    expect(await bar.textContent()).toMatch(edited);
    expect(await bar.getByRole("button").count()).toBe(0);
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await idle(page);
    expect(await bar.textContent()).toMatch(edited);
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    expect(await bar.textContent()).toMatch(/^The forms in this workbook were made from an edited copy of the index "[^"]+" \(same id and version, other indicators or maxima\), not from the index chosen\. Choose "A JSON file" and open the very definition file \(\.json\) the forms were made from/);
    await page.getByLabel("Pane language").selectOption("vi");
    // Checked with the built-in: the form is read, and says it was made from another definition, at its Bộ chỉ số cell.
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
    const finding = page.getByText(/^Phiếu được tạo từ một định nghĩa có cùng mã và phiên bản "dti-so-nganh-mau@[^"]+" với bộ chỉ số đang dùng nhưng nội dung khác/);
    expect(await finding.count()).toBe(1);
    // The first of the unit's findings, at the Bộ chỉ số cell the user sees (B4), not the hidden one that records the definition.
    expect(await finding.locator("xpath=..").innerText()).toMatch(/'Sở Y tế'!B4$/);
    // The copy's own file opened: nothing is said any more, in step 1 nor by checking.
    await step(page, "Bộ chỉ số");
    await page.getByRole("radio", { name: "Tệp JSON" }).check();
    await page.getByTestId("definition-file").setInputFiles({ name: "mau-sua.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(copy)) });
    await page.getByText("mau-sua.json", { exact: true }).waitFor();
    await bar.waitFor({ state: "detached" });
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await idle(page);
    await page.getByTestId("check-summary").waitFor();
    expect(await page.getByText(/định nghĩa có cùng mã và phiên bản/).count()).toBe(0);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);

    // In Excel: the same notice as the pane opens on the workbook.
    const excel = await openPage({ initScript: await doubleScript(forms) });
    await excel.getByText("Trong Excel", { exact: true }).waitFor();
    await excel.getByTestId("forms-index").waitFor();
    expect(await excel.getByTestId("forms-index").textContent()).toMatch(edited);
    await shot(excel, "forms-edited-builtin-excel-vi-light");
    expect((excel as unknown as { errors: string[] }).errors).toEqual([]);
  });
});

describe("what a first-time official met, as a third audit found it", () => {
  const TEXT = {
    vi: {
      check: "Kiểm tra", collect: "Thu thập", score: "Chấm điểm", charts: "Biểu đồ", index: "Bộ chỉ số",
      checkRun: "Kiểm tra số liệu", scoreRun: "Chấm điểm và ghi kết quả", units: "Danh sách đơn vị", make: "Tạo phiếu",
      noForms: "Tạo phiếu hoặc tổng hợp phiếu của các đơn vị", within: "Xếp hạng trong", choose: "Chọn bộ chỉ số", see: "xem bước Kiểm tra",
      recheck: "So kết quả với số liệu hiện tại",
      json: "Tệp JSON", notUsable: "Tệp định nghĩa sai.json đã chọn chưa hợp lệ nên chưa dùng được: xem các lỗi ở bước 1 (Chỉ số).", goIndex: "Đến bước 1 (Chỉ số)",
      category: "Sở, ban, ngành có dịch vụ công", errors: /^có \d+ lỗi$/, sameName: 'Dòng 4 (Sở D) và dòng 5 (Sở D): cùng tên đơn vị "Sở D" và không ghi mã',
    },
    en: {
      check: "Check", collect: "Collect", score: "Score", charts: "Charts", index: "Index",
      checkRun: "Check the data", scoreRun: "Score and write results", units: "List of units", make: "Make forms",
      noForms: "Make forms or collect the units' forms", within: "Rank within", choose: "Choose an index", see: "see the Check step",
      recheck: "Check whether the results still match",
      json: "A JSON file", notUsable: "The definition file chosen, sai.json, is not valid, so it cannot be used: see its problems in step 1 (Index).", goIndex: "Go to step 1 (Index)",
      category: "Departments with public services", errors: /^has \d+ errors?$/, sameName: 'Line 4 (Sở D) and line 5 (Sở D): the same unit name "Ső D"'.replace("Ső", "Sở"),
    },
  } as const;

  for (const [lang, dark] of [["vi", false], ["en", false], ["vi", true], ["en", true]] as const) {
    test(`${lang}, ${dark ? "dark" : "light"}, 320 px: no forms points to step 2; a units list says every problem at once; errors are flagged in the ranking; another index is said before scoring and by the recheck; an invalid definition is said in every step and the old table keeps its labels`, async () => {
      const L = TEXT[lang];
      const name = (what: string) => `audit3-${what}-${lang}-${dark ? "dark" : "light"}`;
      const page = await openPage({ width: 320, dark, locale: lang === "vi" ? "vi-VN" : "en-GB" });
      const tab = (label: string) => page.getByRole("tab", { name: new RegExp(label) });

      // A workbook with no forms: checking says so, and its button goes to step 2.
      const empty = new ExcelJS.Workbook();
      empty.addWorksheet("Sheet1").getCell("A1").value = "Ghi chép";
      await openWorkbook(page, new Uint8Array(await empty.xlsx.writeBuffer()), "trong.xlsx");
      await idle(page);
      await page.getByLabel(L.choose).selectOption("dti-so-nganh-mau");
      await step(page, L.check);
      await page.getByRole("button", { name: L.checkRun }).click();
      const notice = page.getByTestId("notice");
      await notice.getByRole("button", { name: L.noForms }).waitFor();
      await shot(page, name("no-forms"));
      await notice.getByRole("button", { name: L.noForms }).click();
      expect(await tab(L.collect).getAttribute("aria-selected")).toBe("true");

      // Every problem of the list at once, each by its line and unit.
      await page.getByLabel(L.units).fill(["SYT; Sở Y tế; co-dvc", "SXD; Sở Xây dựng; khong-co", "SYT; Sở Y tế 2", "; Sở D", "; Sở D"].join("\n"));
      expect(await notice.count()).toBe(0);
      await page.getByRole("button", { name: L.make, exact: true }).click();
      await notice.locator("li").nth(2).waitFor();
      const lines = await notice.locator("li").allInnerTexts();
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(lang === "vi" ? /^Dòng 1 \(Sở Y tế\) và dòng 3 \(Sở Y tế 2\): cùng mã đơn vị "SYT"\.$/ : /^Line 1 \(Sở Y tế\) and line 3 \(Sở Y tế 2\): the same unit code "SYT"\.$/);
      expect(lines[1]).toMatch(lang === "vi" ? /^Dòng 2 \(Sở Xây dựng\): loại đơn vị "khong-co"/ : /^Line 2 \(Sở Xây dựng\): unit category "khong-co"/);
      expect(lines[2]).toContain(L.sameName);
      await shot(page, name("units-problems"));

      // Scored within categories: a unit whose data has errors is flagged, and "see the Check step" goes there.
      await openWorkbook(page, sample);
      await idle(page);
      await step(page, L.score);
      await page.getByLabel(L.within).selectOption("category");
      await page.getByRole("button", { name: L.scoreRun }).click();
      const summary = page.getByTestId("score-summary");
      await summary.waitFor();
      await idle(page);
      const flagged = summary.getByRole("img", { name: L.errors });
      expect(await flagged.count()).toBeGreaterThan(0);
      // Outside Excel nothing but the pane changes the workbook: no "check the results still match".
      expect(await page.getByRole("button", { name: L.recheck }).count()).toBe(0);
      await shot(page, name("score-errors"));
      await page.getByTestId("score-findings").getByRole("button", { name: L.see }).click();
      expect(await tab(L.check).getAttribute("aria-selected")).toBe("true");

      // The units to chart look as enabled as the chart kinds above them.
      await step(page, L.charts);
      const colours = await page.evaluate(() => {
        const colour = (sel: string) => getComputedStyle(document.querySelector(`${sel} label`)!).color;
        return [colour("[data-testid=chart-kinds] .fui-Checkbox"), colour("[data-testid=profile-units] .fui-Checkbox")];
      });
      expect(colours[1]).toBe(colours[0]);
      await shot(page, name("charts-units"));

      // Another index chosen: the Score step says before scoring that the forms were made for another, with its button.
      // Outside Excel only the pane changes the workbook: there is no "check the results still match" (Excel's own test has it).
      await step(page, L.index);
      await page.getByLabel(L.choose).selectOption("dti-tinh-922-2022");
      await step(page, L.score);
      const forms = page.getByTestId("forms-index");
      await forms.waitFor();
      expect(await forms.getByRole("button").count()).toBe(1);
      expect(await page.getByRole("button", { name: L.recheck }).count()).toBe(0);
      await shot(page, name("other-index"));

      // Back to the index scored with (its results come back), then an invalid JSON file.
      await forms.getByRole("button").click();
      await summary.waitFor();
      await step(page, L.index);
      await page.getByRole("radio", { name: L.json }).check();
      await page.getByTestId("definition-file").setInputFiles({ name: "sai.json", mimeType: "application/json", buffer: Buffer.from('{"id": "x", "version": 1,') });
      for (const where of [L.collect, L.check, L.score]) {
        await step(page, where);
        const bar = page.getByTestId("index-not-usable");
        expect((await bar.innerText()).split("\n")[0]).toBe(L.notUsable);
      }
      expect(await page.getByText(lang === "vi" ? "Chưa chọn bộ chỉ số." : "No index chosen yet.").count()).toBe(0);
      // The table of the earlier run keeps the category names of the index it was scored with.
      expect((await summary.locator("tbody tr:not(:has(td))").allInnerTexts()).map((c) => c.trim())).toContain(L.category);
      expect(await summary.getByText("co-dvc", { exact: true }).count()).toBe(0);
      await shot(page, name("invalid-definition"));
      await page.getByTestId("index-not-usable").getByRole("button", { name: L.goIndex }).click();
      expect(await tab(L.index).getAttribute("aria-selected")).toBe("true");
      expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    });
  }
});

describe("outside Excel, after a long action and when things go wrong", () => {
  test("the keyboard focus stays on the Score button through the run, and marking a scored workbook keeps its download named as scored", async () => {
    const page = await openPage();
    await openWorkbook(page, sample);
    await idle(page);
    await step(page, "Chấm điểm");
    const button = page.getByRole("button", { name: "Chấm điểm và ghi kết quả" });
    await button.focus();
    await page.keyboard.press("Enter");
    await noticeSaying(page, /^Đã chấm điểm và xếp hạng 4 sở, ban, ngành/);
    await idle(page);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText.trim())).toBe("Chấm điểm và ghi kết quả");

    // Marking the scored workbook: it still holds the scores, so it downloads as the scored one.
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Đánh dấu ô cần xem lại" }).click();
    await noticeSaying(page, /^Đã đánh dấu \d+ ô cần xem lại/);
    await idle(page);
    const download = page.getByTestId("download");
    expect(await download.textContent()).toBe("Tải xuống sổ đã chấm");
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    expect(file.suggestedFilename()).toBe("so-nganh (đã chấm).xlsx");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("when the Web Worker fails while scoring, the pane's own thread finishes the work on the workbook as last written", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: "vi-VN", acceptDownloads: true });
    await context.route(OFFICE_JS, (route) => route.abort());
    // The worker throws on every write it is asked for (as a worker short of memory would fail).
    await context.route("**/xlsx-worker.js", async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      await route.fulfill({
        response,
        body: `${body}\nsetTimeout(() => { const o = self.onmessage; self.onmessage = (e) => { if (e.data.req.op === "apply") throw new Error("boom"); return o(e); }; }, 0);`,
      });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${server.url}taskpane.html`);
    await openWorkbook(page, sample);
    await idle(page);
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await noticeSaying(page, /^Đã chấm điểm và xếp hạng 4 sở, ban, ngành/);
    await idle(page);
    expect(await page.getByText("Đã xảy ra lỗi").count()).toBe(0);
    expect(await shownRanks(page)).toEqual(await expectedRanks());

    // Every later action works too, on the workbook the pane's thread now holds.
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Đánh dấu ô cần xem lại" }).click();
    await noticeSaying(page, /^Đã đánh dấu \d+ ô cần xem lại/);
    await idle(page);
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
    const results = (await loadXlsx(readFileSync(await file.path()))).getWorksheet("Kết quả");
    expect(results).toBeDefined();
    expect(errors).toEqual([]);
    await context.close();
  });

  test("the workbook's own index does not carry over to a workbook that holds none: the forms' index is chosen", async () => {
    const host = await XlsxHost.fromBuffer(sample, "da-cham.xlsx");
    await runScoring(host, { definition: sampleModel().definition, lang: "vi", projectVersion: "test", write: true });
    const scored = await host.toBuffer();
    const page = await openPage();
    await openWorkbook(page, scored, "da-cham.xlsx");
    await idle(page);
    const own = page.getByRole("radio", { name: "Bộ chỉ số lưu trong sổ" });
    expect(await own.isChecked()).toBe(true);
    // The version code is not for sentences: the name alone, quoted.
    const taken = await noticeSaying(page, "Sổ này đã được chấm theo bộ chỉ số");
    expect(taken).toMatch(new RegExp(`^Sổ này đã được chấm theo bộ chỉ số "${SAMPLE_NAME_VI}[^"]*" nên bộ chỉ số lưu trong sổ sẽ được sử dụng\\.`));
    expect(taken).not.toMatch(/\(mau-|\(\d{4}\)/);
    // With a built-in index chosen, the pane says which index the workbook holds, in the pane's language;
    // what said the pane had chosen the workbook's own no longer applies, and goes.
    await page.getByRole("radio", { name: "Bộ chỉ số có sẵn" }).check();
    await page.getByTestId("notice").waitFor({ state: "detached" });
    await page.getByText(`Sổ làm việc lưu bộ chỉ số "${SAMPLE_NAME_VI}`, { exact: false }).waitFor();
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await page.getByText(`The workbook holds the index "${SAMPLE_NAME_EN}`, { exact: false }).waitFor();
    await page.getByRole("radio", { name: "The workbook's own index" }).check();
    await page.getByLabel("Pane language").selectOption("vi");
    expect(await own.isChecked()).toBe(true);

    await openWorkbook(page, sample, "moi.xlsx");
    await idle(page);
    await noticeSaying(page, "Sổ này chưa lưu bộ chỉ số nào nên không dùng được bộ chỉ số lưu trong sổ.");
    expect(await own.isChecked()).toBe(false);
    expect(await own.isDisabled()).toBe(true);
    expect(await page.getByRole("radio", { name: "Bộ chỉ số có sẵn" }).isChecked()).toBe(true);
    expect(await page.getByLabel("Chọn bộ chỉ số").inputValue()).toBe("dti-so-nganh-mau");
    // Said once: the notice says why the option was left; beside the greyed option only once the notice is closed.
    expect(await page.getByTestId("embedded-why").count()).toBe(0);
    await page.getByTestId("notice").getByRole("button", { name: "Đóng" }).click();
    expect(await page.getByTestId("embedded-why").textContent()).toBe(
      'Không chọn được "Bộ chỉ số lưu trong sổ": sổ làm việc này chưa được chấm điểm nên chưa lưu bộ chỉ số nào.',
    );
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").getByText(/^Đã kiểm tra 4 (đơn vị|sở, ban, ngành|huyện, thị xã, thành phố|tỉnh|quốc gia)/).waitFor();
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });
});

describe("what the pane says and shows, as an audit of it found wanting", () => {
  test("the charts to make are a group of checkboxes named by its legend, each with its own label", async () => {
    const page = await openPage();
    await checkAndScore(page, "vi");
    await step(page, "Biểu đồ");
    const kinds = page.getByRole("group", { name: "Biểu đồ cần tạo" });
    expect(await kinds.getByRole("checkbox").count()).toBe(3);
    // Clicking a label works its own checkbox, and no other.
    await page.getByText("Điểm theo nhóm chỉ số của từng sở, ban, ngành", { exact: true }).click();
    const checked = async () =>
      Promise.all(["Tổng điểm theo sở, ban, ngành", "Điểm theo nhóm chỉ số của từng sở, ban, ngành", "Biểu đồ mạng nhện so sánh theo nhóm chỉ số"].map((name) => kinds.getByRole("checkbox", { name }).isChecked()));
    expect(await checked()).toEqual([true, false, true]);
    await page.getByText("Tổng điểm theo sở, ban, ngành", { exact: true }).click();
    expect(await checked()).toEqual([false, false, true]);
    const units = page.getByRole("group", { name: "Sở, ban, ngành đưa vào biểu đồ mạng nhện" });
    expect(await units.getByRole("checkbox").count()).toBe(SAMPLE_UNITS.length);
    await page.getByText(SAMPLE_UNITS[1]!.name, { exact: true }).click();
    expect(await units.getByRole("checkbox", { name: SAMPLE_UNITS[1]!.name }).isChecked()).toBe(true);
    expect(await units.getByRole("checkbox", { name: SAMPLE_UNITS[0]!.name }).isChecked()).toBe(false);
    expect(await duplicateIds(page)).toEqual([]);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("forms brought in that nothing takes: the headline says why, names another index by its name and offers it", async () => {
    const page = await openPage();
    await openEmptySummary(page);
    await idle(page);
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-tinh-922-2022");
    await step(page, "Thu thập");
    const unit = SAMPLE_UNITS[0]!;
    const file = { name: `${unit.code}.xlsx`, mimeType: XLSX, buffer: Buffer.from(await makeSampleWorkbook({ units: [unit], clean: true })) };
    await page.getByTestId("import-files").setInputFiles([file]);
    const said = await noticeSaying(page, "Các phiếu trong các tệp đã chọn được lập theo bộ chỉ số");
    expect(said).toContain(`"${SAMPLE_NAME_VI}`);
    // The sentence names the index by its name; the button, short, switches to it.
    const [sentence, button] = said.split("Dùng bộ chỉ số của các phiếu");
    expect(sentence).not.toMatch(/Không tìm thấy trang phiếu nào|mau-2023/);
    expect(button).toBeDefined();
    expect(await page.getByTestId("download").count()).toBe(0);
    await shot(page, "import-other-index-vi-light");
    // Its button chooses that index; the same file then comes in.
    await page.getByTestId("notice").getByRole("button", { name: "Dùng bộ chỉ số của các phiếu" }).click();
    expect(await noticeSaying(page, `Đã chọn bộ chỉ số "${SAMPLE_NAME_VI}`)).toContain('Hãy bấm lại "Chọn tệp phiếu (.xlsx)".');
    // The keyboard focus is on the button the notice names ("Tạo phiếu", with no unit listed, cannot take it), not on the notice's "Đóng".
    expect(await focused(page)).toBe("Chọn tệp phiếu (.xlsx)");
    await page.getByTestId("import-files").setInputFiles([file]);
    await noticeSaying(page, `Đã tổng hợp 1 trang vào sổ: ${unit.name}`);
    await idle(page);
    // The same file again: nothing new, said as such.
    await page.getByTestId("import-files").setInputFiles([file]);
    const again = await noticeSaying(page, "Không có gì mới để tổng hợp");
    expect(again).toContain("Không có gì mới để tổng hợp: các phiếu trong các tệp đã chọn giống hệt các phiếu đã có trong sổ.");
    await idle(page);
    // The unit's form filled in otherwise: left out, and the headline says the unit is already in the workbook.
    const changed = { ...file, buffer: Buffer.from(await makeSampleWorkbook({ units: [unit] })) };
    await page.getByTestId("import-files").setInputFiles([changed]);
    const other = await noticeSaying(page, "Chưa tổng hợp trang nào");
    expect(other).toContain("Chưa tổng hợp trang nào: các phiếu trong các tệp đã chọn là của những đơn vị đã có trong sổ.");
    expect(other).toContain(`đơn vị mã ${unit.code} đã có`);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("blank forms scored: a warning names the units that sent no figure and the table shows their 0 with why; another index chosen after that is said in step 1, and the warning about the run goes with its results", async () => {
    const built = (id: string) => {
      const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === id)!.definition);
      if (!r.ok) throw new Error(id);
      return r.model;
    };
    const districts = [
      { code: "HA", name: "Huyện A" },
      { code: "HB", name: "Huyện B" },
    ];
    const page = await openPage({ width: 320 });
    await openWorkbook(page, await makeTemplate(built("dti-huyen-mau"), districts, { lang: "vi" }), "huyen.xlsx");
    await noticeSaying(page, "Các phiếu trong sổ được lập theo bộ chỉ số");
    await idle(page);
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    const said = await noticeSaying(page, /^Đã chấm điểm và xếp hạng 2 huyện, thị xã, thành phố/);
    expect(said).toContain("Đã chấm điểm và xếp hạng 2 huyện, thị xã, thành phố. Huyện A và Huyện B chưa điền số liệu nào nên được tính 0 điểm.");
    // A notice has no title: a screen reader meets it named by its sentence, not as a group with no name.
    expect(await page.getByRole("group", { name: /^Đã chấm điểm và xếp hạng 2 huyện, thị xã, thành phố\. Huyện A và Huyện B chưa điền số liệu nào/ }).count()).toBe(1);
    const notice = page.getByTestId("notice");
    expect(await notice.getAttribute("data-intent")).toBe("warning");
    await idle(page);
    // Ranked at 0, shown as the results sheet shows it, with why under each name.
    expect(await unitRows(page)).toEqual(districts.map((d) => ["1", `${d.name}\nChưa điền số liệu nào`, "0,00"]));
    await shot(page, "blank-forms-score-vi-light-320");
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await noticeSaying(page, "Huyện A and Huyện B have not filled in any figure, so they are counted as 0 points.");
    await page.getByLabel("Pane language").selectOption("vi");

    // Another index chosen: step 1 says at once that the forms are of another, with the button to go back to it;
    // the results are dropped, and what was said about them goes too.
    await step(page, "Bộ chỉ số");
    expect(await notice.count()).toBe(1);
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-tinh-922-2022");
    await notice.waitFor({ state: "detached" });
    const other = page.getByTestId("forms-index");
    expect(await other.textContent()).toMatch(/^Các phiếu trong sổ được lập theo bộ chỉ số "Mẫu — Bộ chỉ số CĐS cấp huyện[^"]*", không phải bộ chỉ số đang chọn "Bộ chỉ số đánh giá chuyển đổi số cấp tỉnh/);
    await page.getByTestId("live-polite").filter({ hasText: "không phải bộ chỉ số đang chọn" }).waitFor({ state: "attached" });
    // Not also "score again": with this index no form would be read.
    expect(await page.getByTestId("stale-banner").count()).toBe(0);
    await shot(page, "forms-index-other-vi-light-320");
    await step(page, "Chấm điểm");
    expect(await page.getByTestId("score-summary").count()).toBe(0);
    expect(await notice.count()).toBe(0);
    await step(page, "Bộ chỉ số");
    await other.getByRole("button", { name: "Dùng bộ chỉ số của các phiếu" }).click();
    await noticeSaying(page, 'Đã chọn bộ chỉ số "Mẫu — Bộ chỉ số CĐS cấp huyện');
    expect(await page.getByLabel("Chọn bộ chỉ số", { exact: true }).inputValue()).toBe("dti-huyen-mau");
    expect(await other.count()).toBe(0);

    // An index of values whose forms are blank: no unit ranked is a warning too, and the values are not shown as 0.
    page.once("dialog", (d) => void d.accept());
    await openWorkbook(page, await makeTemplate(built("undp-hdi"), districts, { lang: "vi" }), "hdi.xlsx");
    await noticeSaying(page, "Các phiếu trong sổ được lập theo bộ chỉ số");
    await idle(page);
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    expect(await noticeSaying(page, /^Đã chấm điểm 2 quốc gia/)).toContain("Đã chấm điểm 2 quốc gia; không quốc gia nào được xếp hạng. Huyện A và Huyện B chưa điền số liệu nào nên không được xếp hạng.");
    expect(await notice.getAttribute("data-intent")).toBe("warning");
    await idle(page);
    expect((await unitRows(page)).map((r) => [r[0], r[2]])).toEqual([
      ["—", "—"],
      ["—", "—"],
    ]);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("a file that cannot be read in a batch is left out with its reason, and the other files come in", async () => {
    const page = await openPage();
    await openEmptySummary(page);
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await idle(page);
    await step(page, "Thu thập");
    const [a, b] = await Promise.all(SAMPLE_UNITS.slice(0, 2).map((u) => makeSampleWorkbook({ units: [u], clean: true })));
    // The blank forms the units were sent come back too: left out for their filled ones, as a matter of course.
    const blank = await makeTemplate(sampleModel(), SAMPLE_UNITS.slice(0, 2), { lang: "vi" });
    await page.getByTestId("import-files").setInputFiles([
      { name: "phieu-mau.xlsx", mimeType: XLSX, buffer: Buffer.from(blank) },
      { name: "A.xlsx", mimeType: XLSX, buffer: Buffer.from(a!) },
      { name: "hong.xlsx", mimeType: XLSX, buffer: Buffer.from("PK\u0003\u0004 không phải sổ làm việc") },
      { name: "B.xlsx", mimeType: XLSX, buffer: Buffer.from(b!) },
    ]);
    const said = await noticeSaying(page, "Đã tổng hợp 2 trang vào sổ");
    expect(said).toContain("hong.xlsx");
    expect(said).not.toMatch(/Đã xảy ra lỗi|zip|central directory/i);
    // The file that cannot be read is what needs a look: a warning, listed first; the blank forms are one counted line, closed.
    const notice = page.getByTestId("notice");
    expect(await notice.getAttribute("data-intent")).toBe("warning");
    expect(await notice.locator("span").first().textContent()).toMatch(/^Đã tổng hợp 2 trang vào sổ: .*\. 1 mục cần xem lại:$/);
    expect(await notice.locator(":scope li:visible").allTextContents()).toEqual([expect.stringContaining('Tệp "hong.xlsx" không phải sổ làm việc')]);
    const blanks = notice.getByTestId("notice-group");
    expect(await blanks.locator("summary").textContent()).toBe("2 phiếu trống được bỏ qua vì đơn vị đã có phiếu");
    expect(await blanks.locator("li").first().isVisible()).toBe(false);
    await blanks.locator("summary").click();
    expect(await blanks.locator("li:visible").allTextContents()).toEqual(SAMPLE_UNITS.slice(0, 2).map((u) => expect.stringContaining(`Trang tính '${u.name}': phiếu trống`)));
    await shot(page, "import-mix-vi-light");
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    expect(await blanks.locator("summary").textContent()).toBe("2 blank forms left out: their units already have a form");
    await page.getByLabel("Pane language").selectOption("vi");
    await idle(page);
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").getByText(/^Đã kiểm tra 2 (đơn vị|sở, ban, ngành|huyện, thị xã, thành phố|tỉnh|quốc gia)/).waitFor();
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("forms brought in outside Excel download with the workbook, and another file asks before it replaces them", async () => {
    const page = await openPage();
    await openEmptySummary(page);
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await idle(page);
    await step(page, "Thu thập");
    const units = SAMPLE_UNITS.slice(0, 2);
    const files = await Promise.all(units.map((u) => makeSampleWorkbook({ units: [u], clean: true })));
    await page.getByTestId("import-files").setInputFiles(units.map((u, i) => ({ name: `${u.code}.xlsx`, mimeType: XLSX, buffer: Buffer.from(files[i]!) })));
    await noticeSaying(page, "Đã tổng hợp 2 trang vào sổ");
    await idle(page);
    const download = page.getByTestId("download");
    expect(await download.textContent()).toBe("Tải xuống sổ đã tổng hợp phiếu");

    // Another workbook chosen before downloading: the pane asks, and "cancel" keeps this one.
    const asked: string[] = [];
    page.once("dialog", (d) => {
      asked.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    await page.getByTestId("workbook-file").setInputFiles({ name: "khac.xlsx", mimeType: XLSX, buffer: Buffer.from(sample) });
    for (let i = 0; i < 100 && asked.length === 0; i++) await page.waitForTimeout(50);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toBe("confirm: Những thay đổi trên sổ tong-hop.xlsx chưa được tải xuống và sẽ mất nếu mở sổ khác. Vẫn mở sổ khac.xlsx?");
    await idle(page);
    expect(await page.getByText("Sổ làm việc đang mở: tong-hop.xlsx", { exact: false }).count()).toBe(1);

    // Leaving the page asks too.
    const leaving = page.waitForEvent("dialog");
    await page.close({ runBeforeUnload: true });
    const dialog = await leaving;
    expect(dialog.type()).toBe("beforeunload");
    await dialog.dismiss();
    expect(page.isClosed()).toBe(false);

    // Downloaded: the file holds the forms, and nothing is asked any more.
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    expect(file.suggestedFilename()).toBe("tong-hop (đã tổng hợp phiếu).xlsx");
    const names = (await loadXlsx(readFileSync(await file.path()))).worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(["Ghi chú", ...units.map((u) => u.name)]));
    page.once("dialog", (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.getByTestId("workbook-file").setInputFiles({ name: "khac.xlsx", mimeType: XLSX, buffer: Buffer.from(sample) });
    await page.getByText("Sổ làm việc đang mở: khac.xlsx", { exact: false }).waitFor();
    expect(asked).toHaveLength(1);
    await idle(page);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("a form whose unit code another form has is counted as not scored, and \"Errors only\" with no error says what there is", async () => {
    // The clean sample: warnings, no error.
    const clean = await makeSampleWorkbook({ clean: true });
    const page = await openPage();
    await openWorkbook(page, clean, "sach.xlsx");
    await idle(page);
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    const summary = page.getByTestId("check-summary");
    await summary.getByText(/^Đã kiểm tra 4 sở, ban, ngành/).waitFor();
    expect(await page.getByTestId("check-left-out").count()).toBe(0);
    // The findings are not a live region (the announcer says the summary once).
    expect(await page.locator("[aria-live]").filter({ has: summary }).count()).toBe(0);
    await page.getByRole("radio", { name: "Chỉ lỗi" }).check();
    await page.getByTestId("filter-empty").getByText("Không có lỗi; chỉ có cảnh báo.", { exact: true }).waitFor();
    expect(await page.getByTestId("finding").count()).toBe(0);
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await page.getByTestId("filter-empty").getByText("No errors; only warnings.", { exact: true }).waitFor();
    await page.getByLabel("Pane language").selectOption("vi");
    await page.getByRole("radio", { name: "Tất cả" }).check();
    await page.getByTestId("filter-empty").waitFor({ state: "detached" });

    // Sở Y tế's form given Sở Tài chính's code: 3 units are read, the fourth form is left out, and both steps say so.
    const wb = await loadXlsx(clean);
    const ws = wb.getWorksheet("Sở Y tế")!;
    ws.eachRow((row) => {
      if (row.getCell(1).value === "Mã đơn vị") row.getCell(2).value = "STC";
    });
    const dup = new Uint8Array(await wb.xlsx.writeBuffer());
    await openWorkbook(page, dup, "trung-ma.xlsx");
    await idle(page);
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await summary.getByText(/^Đã kiểm tra 3 sở, ban, ngành/).waitFor();
    expect(await page.getByTestId("check-left-out").textContent()).toBe("1 phiếu sẽ không được chấm: xem các lỗi bên dưới.");
    await page.getByTestId("live-polite").filter({ hasText: "1 phiếu sẽ không được chấm" }).waitFor({ state: "attached" });
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    const said = await noticeSaying(page, /^Đã chấm điểm và xếp hạng 3 sở, ban, ngành/);
    expect(said).toMatch(/^Đã chấm điểm và xếp hạng 3 sở, ban, ngành\. 1 phiếu chưa được chấm: xem bước Kiểm tra\./);
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await noticeSaying(page, "1 form was not scored: see the Check step.");
    await page.getByLabel("Pane language").selectOption("vi");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("\"Errors only\" opens every unit with errors; a form with no figure shows one finding that says so, not a \"no value\" finding per input, and its 0 in the ranking", async () => {
    // Sở Tài chính's form left blank; a word in a figure of Sở Y tế's (the sample's last unit has one too).
    const wb = await loadXlsx(sample);
    const blank = SAMPLE_UNITS[0]!;
    const blankSheet = (await inputCell(sample, blank.name, numericInput())).sheet;
    const ws = wb.getWorksheet(blankSheet)!;
    const inputs = sampleModel().inputs;
    let codeCol = 0;
    let valueCol = 0;
    ws.eachRow((row) => {
      row.eachCell((cell, c) => {
        if (cell.value === "Mã") codeCol = c;
        if (cell.value === "Số liệu") valueCol = c;
      });
      if (codeCol && valueCol && inputs.has(String(row.getCell(codeCol).value ?? "").trim())) row.getCell(valueCol).value = null;
    });
    const word = await inputCell(sample, SAMPLE_UNITS[1]!.name, numericInput());
    wb.getWorksheet(word.sheet)!.getCell(word.cell).value = "chưa rõ";
    const page = await openPage();
    await openWorkbook(page, new Uint8Array(await wb.xlsx.writeBuffer()), "trong.xlsx");
    await idle(page);
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
    await idle(page);
    // The blank form: one finding saying it holds no figure and what that does, not a "no value" finding for each input.
    const blankHeader = page.getByRole("button", { name: new RegExp(`^${blank.name}`) });
    await blankHeader.click();
    const blankItem = page.locator("[data-testid=check-findings] .fui-AccordionItem").filter({ has: blankHeader });
    await blankItem.getByTestId("finding").first().waitFor();
    const lines = (await blankItem.getByTestId("finding").allInnerTexts()).map((l) => l.replace(/\s+/g, " ").trim());
    expect(lines.filter((l) => l.includes(`Phiếu của ${blank.name}`) && l.includes("chưa có số liệu nào") && l.includes("mọi chỉ tiêu được tính 0 điểm"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("Chưa có số liệu"))).toEqual([]);
    await shot(page, "check-no-figures-vi-light");
    // "Errors only": each unit with an error is open, the second as the first.
    await page.getByRole("radio", { name: "Chỉ lỗi" }).check();
    await idle(page);
    const headers = page.locator("section [aria-expanded]");
    expect(await headers.count()).toBe(2);
    expect(await headers.evaluateAll((hs) => hs.map((h) => h.getAttribute("aria-expanded")))).toEqual(["true", "true"]);
    expect(await page.getByTestId("finding").count()).toBe(2);
    await shot(page, "check-errors-only-vi-light");
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await page.getByRole("radio", { name: "All" }).check();
    // The whole list drawn again (its first unit open) before the unit is opened in it.
    await idle(page);
    await page.getByRole("button", { name: new RegExp(`^${blank.name}`) }).click();
    await page.getByText(new RegExp(`^The form of ${blank.name}.* holds no figure \\(its Value and Appraised value columns are empty\\): every indicator scores 0`)).waitFor();
    await page.getByLabel("Pane language").selectOption("vi");

    // Scored, the blank form's unit shows the 0 the results sheet shows, with why under its name.
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("score-summary").waitFor();
    await idle(page);
    const row = (await unitRows(page)).find((r) => r[1]!.startsWith(blank.name))!;
    expect(row[1]).toBe(`${blank.name}\nChưa điền số liệu nào`);
    expect(row[2]).toBe("0,00");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("ranked within unit categories, the top units are shown by category, by name, with their rank in it", async () => {
    const units = SAMPLE_UNITS.map((u, i) => ({ ...u, category: i % 2 ? "khong-dvc" : "co-dvc" }));
    const book = await makeSampleWorkbook({ units, clean: true });
    const host = await XlsxHost.fromBuffer(book, "loai.xlsx");
    const run = await runScoring(host, { definition: sampleModel().definition, lang: "vi", projectVersion: "test", write: false, ranking: { within: "category" } });
    const inCategory = new Map(run.table.units.map((u) => [u.name, u.rankInCategory]));
    const page = await openPage();
    await openWorkbook(page, book, "loai.xlsx");
    await idle(page);
    await step(page, "Chấm điểm");
    await page.getByLabel("Xếp hạng trong").selectOption("category");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await noticeSaying(page, /^Đã chấm điểm và xếp hạng 4 sở, ban, ngành/);
    await idle(page);
    const summary = page.getByTestId("score-summary");
    const categories = await summary.locator("tbody tr:not(:has(td))").allInnerTexts();
    expect(categories.map((c) => c.trim())).toEqual(["Sở, ban, ngành có dịch vụ công", "Sở, ban, ngành không có dịch vụ công"]);
    expect(await summary.getByRole("columnheader", { name: "Hạng trong loại" }).count()).toBe(1);
    // The table is named by the heading above it.
    expect(await summary.getByRole("table", { name: "Sở, ban, ngành dẫn đầu" }).count()).toBe(1);
    expect(await shownRanks(page)).toEqual(inCategory);
    expect([...inCategory.values()].sort()).toEqual([1, 1, 2, 2]);
    await shot(page, "within-category-vi-light");
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    expect((await summary.locator("tbody tr:not(:has(td))").allInnerTexts()).map((c) => c.trim())).toEqual(["Departments with public services", "Departments without public services"]);
    await page.getByLabel("Pane language").selectOption("vi");

    // Ranked among all units: one list, the overall ranks.
    await page.getByLabel("Xếp hạng trong").selectOption("all");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=score-summary] tbody tr:not(:has(td))").length === 0);
    await idle(page);
    const overall = await runScoring(host, { definition: sampleModel().definition, lang: "vi", projectVersion: "test", write: false, ranking: { within: "all" } });
    expect(await shownRanks(page)).toEqual(new Map(overall.table.units.map((u) => [u.name, u.rank])));
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("an index of values (HDI): figures rounded as ranked, so ties look tied, and why a unit is not ranked is written out", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("HDI");
    ws.addRow(["Mã đơn vị", "Đơn vị", "le", "eys", "mys", "gnipc"]);
    // A and B differ in the fourth decimal of their HDI, not in the third: they tie.
    ws.addRow(["A", "Tỉnh A", 74.6, 13.1, 8.4, 11000]);
    ws.addRow(["B", "Tỉnh B", 74.7, 13.1, 8.4, 11000]);
    ws.addRow(["C", "Tỉnh C", 80, 15, 11, 30000]);
    ws.addRow(["D", "Tỉnh D", 68.1, 10, null, 7500]);
    const book = new Uint8Array(await wb.xlsx.writeBuffer());
    const page = await openPage();
    await openWorkbook(page, book, "hdi.xlsx");
    await idle(page);
    await page.getByLabel("Chọn bộ chỉ số").selectOption("undp-hdi");
    // No "at most … points" for an index without points, and one group is one group.
    expect(await page.getByTestId("index-summary").textContent()).toBe("1 nhóm chỉ số, 4 chỉ tiêu");
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    expect(await page.getByTestId("index-summary").textContent()).toBe("1 indicator group, 4 indicators");
    await page.getByLabel("Pane language").selectOption("vi");
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await noticeSaying(page, /^Đã chấm điểm 4 quốc gia, trong đó 3 được xếp hạng\./);
    await idle(page);
    const summary = page.getByTestId("score-summary");
    expect(await summary.getByRole("columnheader", { name: "Giá trị" }).count()).toBe(1);
    const rows = await unitRows(page);
    const byName = new Map(rows.map((r) => [r[1]!.split("\n")[0]!, r]));
    expect(byName.get("Tỉnh A")![0]).toBe(byName.get("Tỉnh B")![0]);
    expect(byName.get("Tỉnh A")![2]).toBe(byName.get("Tỉnh B")![2]);
    expect(byName.get("Tỉnh A")![2]).toMatch(/^0,\d{3}$/);
    // Not ranked: the reason is on the page, under the unit's name.
    expect(byName.get("Tỉnh D")![0]).toBe("—");
    // Its HDI, computed with the missing figure as 0, is no measurement: none shown, as on the results sheet.
    expect(byName.get("Tỉnh D")![2]).toBe("—");
    expect(await summary.getByTestId("not-ranked").allInnerTexts()).toEqual(["Không xếp hạng: tỷ lệ chỉ tiêu có số liệu 75% thấp hơn mức tối thiểu 100%"]);
    await shot(page, "hdi-score-vi-light");
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    expect(await summary.getByTestId("not-ranked").allInnerTexts()).toEqual(["Not ranked: data coverage 75% is below the minimum of 100%"]);
    await shot(page, "hdi-score-en-light");
    // The charts are named by what they show: values, not points.
    await step(page, "Charts");
    const kinds = page.getByTestId("chart-kinds");
    expect(await kinds.getByRole("checkbox", { name: "Index value by country" }).count()).toBe(1);
    expect(await kinds.getByRole("checkbox", { name: "Indicator group values by country" }).count()).toBe(1);
    expect(await kinds.textContent()).not.toMatch(/points/i);
    // Tỉnh D has no HDI to draw: it cannot be chosen for the radar chart, and says why.
    const units = page.getByTestId("profile-units");
    expect(await units.getByRole("checkbox", { name: /Tỉnh D/ }).isDisabled()).toBe(true);
    expect(await units.getByTestId("not-drawn").allInnerTexts()).toEqual(["No value to draw (not ranked: data coverage 75% is below the minimum of 100%)"]);
    expect(await units.getByRole("checkbox", { name: /Tỉnh A/ }).isEnabled()).toBe(true);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });
  test("at 200% zoom (a 350 px pane holds 175 CSS px) every step name, indicator, unit and finding stays readable: words whole, nothing wider than the pane", async () => {
    const page = await openPage({ width: 350, zoom: 2 });
    await page.getByRole("tab").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.clientWidth)).toBe(175);
    // The tabs go on to a second row rather than cut a label.
    expect(await clippedLabels(page)).toEqual([]);
    expect(await brokenWords(page, TAB_LABELS)).toEqual([]);
    expect((await page.locator(TAB_LABELS).allTextContents()).join("|")).toBe("Chỉ số|Thu thập|Kiểm tra|Chấm điểm|Biểu đồ");
    await openWorkbook(page, sample);
    await idle(page);
    // The index's tree: a name under its code and points, broken only between words.
    const tree = page.getByRole("region", { name: "Cấu trúc bộ chỉ số" });
    expect(await tree.locator("li").count()).toBeGreaterThan(5);
    expect(await brokenWords(page, "[role=region] li > span:nth-child(2)")).toEqual([]);
    await shot(page, "zoom200-1-index-vi-light");
    for (const name of STEPS_VI) {
      await step(page, name);
      // Nothing in a step makes the pane scroll sideways (the Collect step's list of units was wider).
      expect([name, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([name, 175]);
    }
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("score-summary").waitFor();
    await idle(page);
    const names = (await unitRows(page)).map((cells) => cells[1]!.split("\n")[0]!);
    expect(names.sort()).toEqual(SAMPLE_UNITS.map((u) => u.name).sort());
    expect(await brokenWords(page, "[data-testid=score-summary] tbody td")).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(175);
    // "…: xem bước Kiểm tra." ends on one line: the full stop stays with the link, not alone under it.
    const link = page.getByTestId("score-findings").getByRole("button", { name: "xem bước Kiểm tra" });
    const stop = await link.evaluate((el) => {
      const after = el.nextSibling;
      if (!after || after.textContent !== ".") return null;
      const range = document.createRange();
      range.selectNodeContents(after);
      const dot = range.getBoundingClientRect();
      const rects = el.getClientRects();
      const end = rects[rects.length - 1]!;
      return { sameLine: Math.abs(dot.bottom - end.bottom) < 4, afterLink: dot.left >= end.right - 1 };
    });
    expect(stop).toEqual({ sameLine: true, afterLink: true });
    await shot(page, "zoom200-4-score-vi-light");
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
    await idle(page);
    expect(await page.getByTestId("finding").count()).toBeGreaterThan(0);
    expect(await brokenWords(page, "[data-testid=finding]")).toEqual([]);
    // The search and the kind of finding fit the pane (the search field was 212 px wide).
    expect(await page.getByTestId("find-unit").isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(175);
    await shot(page, "zoom200-3-check-vi-light");
    await page.context().close();

    // The narrowest pane at 200% (150 CSS px), in English: the tabs take a third row, no label is cut.
    const narrow = await openPage({ width: 300, zoom: 2, locale: "en-US" });
    await narrow.getByRole("tab").first().waitFor();
    expect(await clippedLabels(narrow)).toEqual([]);
    expect(await brokenWords(narrow, TAB_LABELS)).toEqual([]);
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBe(150);
    await shot(narrow, "zoom200-300-1-index-en-light");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    expect((narrow as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("a definition that cannot be used is said in one short sentence, and what said the pane chose an index goes once the user chooses", async () => {
    const page = await openPage();
    await openWorkbook(page, sample);
    const notice = page.getByTestId("notice");
    await notice.filter({ hasText: "Các phiếu trong sổ được lập theo bộ chỉ số" }).waitFor();
    await idle(page);
    // Its close button is named by what it closes, in the notice's first words.
    expect(await notice.getByRole("button").getAttribute("aria-label")).toMatch(/^Đóng thông báo: Các phiếu trong sổ được lập theo bộ chỉ số \S.*…$/);
    // Another index chosen: the notice that the pane chose one no longer applies.
    await page.getByLabel("Chọn bộ chỉ số").selectOption("undp-hdi");
    await notice.waitFor({ state: "detached" });

    await page.getByRole("radio", { name: "Tệp JSON" }).check();
    const alert = page.getByTestId("live-assertive");
    const invalid = page.getByRole("group").filter({ hasText: "Định nghĩa bộ chỉ số chưa hợp lệ:" });
    await page.getByTestId("definition-file").setInputFiles({ name: "hong.json", mimeType: "application/json", buffer: Buffer.from("{không phải JSON") });
    await invalid.waitFor();
    const [only] = await invalid.locator("li").allTextContents();
    await alert.filter({ hasText: `Định nghĩa bộ chỉ số chưa hợp lệ: ${only}` }).waitFor({ state: "attached" });
    // A definition with several problems: how many, and the first; not the whole list the step shows.
    await page.getByTestId("definition-file").setInputFiles({ name: "thieu.json", mimeType: "application/json", buffer: Buffer.from('{"id":"x"}') });
    await page.getByText("thieu.json", { exact: true }).waitFor();
    const problems = await invalid.locator("li").allTextContents();
    expect(problems.length).toBeGreaterThan(1);
    const said = `Định nghĩa bộ chỉ số chưa hợp lệ, có ${problems.length} lỗi. Lỗi đầu tiên: ${problems[0]}`;
    await alert.filter({ hasText: said }).waitFor({ state: "attached" });
    expect(await alert.textContent()).toBe(said);
    await shot(page, "definition-invalid-vi-light");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("what a check said with one index goes when another definition is opened; an image opened as the definition is said to be no text, not to be read as Windows-1258", async () => {
    const page = await openPage();
    const other = new ExcelJS.Workbook();
    const ws = other.addWorksheet("Báo cáo");
    ws.addRow(["Tên", "Số lượng"]);
    ws.addRow(["Máy tính", 12]);
    await openWorkbook(page, new Uint8Array(await other.xlsx.writeBuffer()), "bao-cao.xlsx");
    await idle(page);
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    const notice = page.getByTestId("notice");
    await notice.filter({ hasText: "Không tìm thấy" }).waitFor();
    await idle(page);
    await step(page, "Bộ chỉ số");
    await page.getByRole("radio", { name: "Tệp JSON" }).check();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0xff, 0xd8]);
    await page.getByTestId("definition-file").setInputFiles({ name: "anh.png", mimeType: "image/png", buffer: png });
    const invalid = page.getByRole("group").filter({ hasText: "Định nghĩa bộ chỉ số chưa hợp lệ:" });
    await invalid.waitFor();
    expect(await invalid.locator("li").allTextContents()).toEqual(["Tệp anh.png không phải tệp văn bản (có thể là ảnh hay tài liệu) nên không phải tệp định nghĩa bộ chỉ số (.json)."]);
    // The check's sentence, which named the last index's input codes, is gone; nothing says Windows-1258.
    expect(await notice.filter({ hasText: "Không tìm thấy" }).count()).toBe(0);
    expect(await page.locator("body").textContent()).not.toContain("Windows-1258");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("once a usable index is chosen, the screen reader's region no longer says the last definition was not valid", async () => {
    const page = await openPage();
    await openWorkbook(page, sample);
    await idle(page);
    const builtin = BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!.definition as { root: { children: { code: string }[] } };
    // Two groups of one code: a definition with a problem.
    const twice = structuredClone(builtin);
    twice.root.children[0]!.code = twice.root.children[1]!.code;
    const alert = page.getByTestId("live-assertive");
    await page.getByRole("radio", { name: "Tệp JSON" }).check();
    await page.getByTestId("definition-file").setInputFiles({ name: "trung-ma.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(twice)) });
    await alert.filter({ hasText: "Định nghĩa bộ chỉ số chưa hợp lệ" }).waitFor({ state: "attached" });
    // A good definition, then the built-in list: what was said of the bad one is gone.
    await page.getByTestId("definition-file").setInputFiles({ name: "dung.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(builtin)) });
    await page.getByText("dung.json", { exact: true }).waitFor();
    await page.waitForFunction(() => !document.querySelector("[data-testid=live-assertive]")!.textContent!.includes("chưa hợp lệ"));
    await page.getByRole("radio", { name: "Bộ chỉ số có sẵn" }).check();
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
    await idle(page);
    expect(await alert.textContent()).not.toContain("Định nghĩa bộ chỉ số chưa hợp lệ");
    // Said once the announcer's short wait is over.
    await page.getByTestId("live-polite").filter({ hasText: /^Đã kiểm tra 4 (đơn vị|sở, ban, ngành|huyện, thị xã, thành phố|tỉnh|quốc gia)/ }).waitFor({ state: "attached" });
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });
});

/** Records what the pane's two live regions say, each time they say it, from page load (`window.__said`). */
const RECORD_LIVE = `
  window.__said = [];
  document.addEventListener("DOMContentLoaded", () => {
    new MutationObserver((ms) => {
      for (const m of ms) {
        const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
        const region = el && el.closest && el.closest("[data-testid^=live-]");
        if (region && region.textContent) window.__said.push(region.getAttribute("aria-live") + ": " + region.textContent);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });`;

/** What the live regions said since the last call. */
async function saidSince(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __said: string[] }).__said.splice(0));
}

/** How many lines of text an element's content takes (its height less padding, by its line height). */
async function lines(page: Page, selector: string): Promise<{ text: string; lines: number }[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const cs = getComputedStyle(e);
      const height = e.getBoundingClientRect().height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom) - parseFloat(cs.borderTopWidth) - parseFloat(cs.borderBottomWidth);
      return { text: (e as HTMLElement).innerText.trim(), lines: Math.round(height / parseFloat(cs.lineHeight)) };
    }),
  );
}

/**
 * The selects of the page whose chosen option does not show whole: its words, laid out at the
 * select's width, font and line height, take more room than the select shows.
 */
async function cutSelects(page: Page): Promise<string[]> {
  return page.locator("main select").evaluateAll((els) =>
    (els as HTMLSelectElement[])
      .filter((s) => {
        const cs = getComputedStyle(s);
        const probe = document.createElement("div");
        probe.textContent = s.selectedOptions[0]?.text ?? "";
        Object.assign(probe.style, {
          position: "absolute",
          visibility: "hidden",
          font: cs.font,
          lineHeight: cs.lineHeight,
          whiteSpace: "normal",
          overflowWrap: "break-word",
          width: `${s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)}px`,
        });
        document.body.append(probe);
        const needed = probe.getBoundingClientRect().height;
        probe.remove();
        return needed > s.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom) + 1;
      })
      .map((s) => s.selectedOptions[0]?.text ?? ""),
  );
}

describe("screen readers, the keyboard and narrow panes, as a second audit found them", () => {
  test("arrowing through the indices says once, politely, which index the forms were made for; work is said from its start; the sheets counted are those the user sees", async () => {
    const page = await openPage({ initScript: RECORD_LIVE });
    await openWorkbook(page, sample);
    await idle(page);
    // The sheets counted are the workbook's visible ones.
    const visible = (wb: ExcelJS.Workbook) => wb.worksheets.filter((w) => w.state === "visible" || w.state === undefined).length;
    const header = page.getByRole("region", { name: "Sổ làm việc" });
    expect(await header.innerText()).toContain(`${visible(await loadXlsx(sample))} trang tính`);
    expect(await page.getByLabel("Chọn bộ chỉ số").inputValue()).toBe("dti-so-nganh-mau");
    // What opening the workbook says (a moment after it is over) is said before the record is cleared.
    await page.getByTestId("live-polite").filter({ hasText: "nên bộ chỉ số này được chọn" }).waitFor({ state: "attached" });
    await saidSince(page);

    // Down, down (the HDI), up: the district sample, which the forms were not made for.
    const select = page.getByLabel("Chọn bộ chỉ số");
    await select.focus();
    for (const key of ["ArrowDown", "ArrowDown", "ArrowUp"]) await page.keyboard.press(key);
    expect(await select.inputValue()).toBe("dti-huyen-mau");
    await page.getByTestId("forms-index").waitFor();
    const polite = page.getByTestId("live-polite").filter({ hasText: "Các phiếu trong sổ được lập theo bộ chỉ số" });
    await polite.waitFor({ state: "attached" });
    const said = await saidSince(page);
    // Said once, for the index the keys stopped on, in the polite region; the HDI passed on the way was never loaded.
    expect(said.filter((s) => s.includes("được lập theo bộ chỉ số"))).toEqual([expect.stringMatching(/^polite: Các phiếu trong sổ được lập theo bộ chỉ số/)]);
    expect(said.filter((s) => s.startsWith("assertive"))).toEqual([]);
    expect(await page.getByTestId("index-summary").innerText()).toBe(pipelineSummary("dti-huyen-mau"));
    // Leaving the select uses the option the keys are on at once.
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Tab");
    await page.getByTestId("forms-index").waitFor({ state: "detached" });
    expect(await page.getByTestId("index-summary").innerText()).toBe(pipelineSummary("dti-so-nganh-mau"));

    // The progress region is in the page before the work starts, and says its first words.
    const progress = page.getByTestId("progress");
    expect(await progress.locator("[aria-live=polite]").count()).toBe(1);
    await progress.evaluate((el) => {
      const w = window as unknown as { __progress: string[]; __region: Element };
      w.__progress = [];
      w.__region = el.querySelector("[aria-live]")!;
      new MutationObserver(() => w.__progress.push(w.__region.textContent ?? "")).observe(w.__region, { subtree: true, childList: true, characterData: true });
    });
    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("score-summary").waitFor();
    await idle(page);
    const progressSaid = await page.evaluate(() => {
      const w = window as unknown as { __progress: string[]; __region: Element };
      return { said: w.__progress, same: w.__region.isConnected && w.__region === document.querySelector("[data-testid=progress] [aria-live]") };
    });
    expect(progressSaid.same).toBe(true);
    expect(progressSaid.said[0]).toBe("Đang đọc sổ làm việc…");

    // Scoring added the results, the charts and the very hidden _index: the count is of what the user sees.
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
    const scored = await loadXlsx(readFileSync(await file.path()));
    expect(scored.worksheets.some((w) => w.state === "veryHidden")).toBe(true);
    expect(await header.innerText()).toContain(`${visible(scored)} trang tính`);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("at 320 px, and zoomed to 200%, the header keeps the language at the right, chosen options and filters show whole, and the rank header leaves the names room", async () => {
    for (const lang of ["vi", "en"] as const) {
      const page = await openPage({ width: 320, locale: lang === "vi" ? "vi-VN" : "en-US" });
      await page.getByRole("tab").first().waitFor();
      // One row: the title (its mode under it if need be) and the language.
      const [title, language] = await Promise.all([page.locator("header h1").boundingBox(), page.locator("header select").boundingBox()]);
      expect([lang, language!.y < title!.y + title!.height]).toEqual([lang, true]);
      expect(language!.x + language!.width).toBeLessThanOrEqual(320 - 8);
      await page.context().close();
    }

    const units = SAMPLE_UNITS.map((u, i) => ({ ...u, category: i % 2 ? "khong-dvc" : "co-dvc" }));
    const book = await makeSampleWorkbook({ units });
    for (const width of [320, 450]) {
      for (const lang of ["vi", "en"] as const) {
        const page = await openPage({ width, locale: lang === "vi" ? "vi-VN" : "en-US" });
        await openWorkbook(page, book, "loai.xlsx");
        await idle(page);
        await step(page, lang === "vi" ? "Chấm điểm" : "Score");
        await page.getByLabel(lang === "vi" ? "Xếp hạng trong" : "Rank within").selectOption("category");
        await page.getByRole("button", { name: lang === "vi" ? "Chấm điểm và ghi kết quả" : "Score and write results" }).click();
        await page.getByTestId("score-summary").waitFor();
        await idle(page);
        // The rank column shows "Hạng" on one line (named "Hạng trong loại" for screen readers, and on hover), so that it
        // stays narrow and a long unit name beside it takes two lines at most, not five.
        expect(await lines(page, "[data-testid=score-summary] [data-testid=rank-header-short]")).toEqual([{ text: lang === "vi" ? "Hạng" : "Rank", lines: 1 }]);
        expect(await page.getByTestId("score-summary").getByRole("columnheader", { name: lang === "vi" ? "Hạng trong loại" : "Rank in category" }).count()).toBe(1);
        expect((await lines(page, "[data-testid=score-table] tbody td:nth-child(2)")).filter((cell) => cell.lines > 2)).toEqual([]);
        await page.context().close();
      }
    }

    // 200% in a 320 px pane: 160 CSS px.
    const page = await openPage({ width: 320, zoom: 2 });
    await openWorkbook(page, book, "loai.xlsx");
    await idle(page);
    const [header, language] = await Promise.all([page.locator("header").boundingBox(), page.locator("header .fui-Select").boundingBox()]);
    // The language on a row of its own, at the right.
    expect(Math.round(header!.x + header!.width - (language!.x + language!.width))).toBe(12);
    expect(await cutSelects(page)).toEqual([]);
    await shot(page, "zoom200-320-1-index-vi-light");
    await step(page, "Chấm điểm");
    await page.getByLabel("Xử lý đồng hạng").selectOption("competition");
    await page.getByLabel("Xếp hạng trong").selectOption("category");
    expect(await cutSelects(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(160);
    await shot(page, "zoom200-320-4-score-vi-light");
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
    await idle(page);
    // "Tất cả" and "Chỉ lỗi": each label whole on one line (the second under the first if need be).
    expect(await lines(page, ".fui-Radio__label")).toEqual([
      { text: "Tất cả", lines: 1 },
      { text: "Chỉ lỗi", lines: 1 },
    ]);
    // No finding widens the pane (a number of a cell is written as Excel shows it, and a long word breaks).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(160);
    await shot(page, "zoom200-320-3-check-vi-light");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    await page.context().close();

    // 200% in a 300 px pane, in English: the index's tree breaks no word; a word that cannot fit is
    // broken where English allows a hyphen (the browser's hyphenation, for the page's language).
    const en = await openPage({ width: 300, zoom: 2, locale: "en-US" });
    await openWorkbook(en, sample);
    await idle(en);
    expect(await en.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await brokenWords(en, "[role=region] li > span:nth-child(2)")).toEqual([]);
    expect(await brokenWords(en, "main", true)).toEqual([]);
    expect(await cutSelects(en)).toEqual([]);
    await shot(en, "zoom200-300-1-index-en-light-workbook");
    expect((en as unknown as { errors: string[] }).errors).toEqual([]);
  });

  for (const dark of [false, true]) {
    test(`every step has its heading, the words are the pane's language, and the fields show a focus ring (${dark ? "dark" : "light"})`, async () => {
      const ring = dark ? "rgb(255, 255, 255)" : "rgb(0, 0, 0)";
      const page = await openPage({ dark });
      await openWorkbook(page, sample);
      await idle(page);
      // The workbook's region is named apart from its button.
      expect(await page.getByRole("region", { name: "Sổ làm việc", exact: true }).count()).toBe(1);
      expect(await page.getByRole("region", { name: "Chọn sổ làm việc (.xlsx)" }).count()).toBe(0);
      const category = (lang: "vi" | "en") => localize(sampleModel().definition.categories![0]!.name, lang);
      for (const lang of ["vi", "en"] as const) {
        if (lang === "en") await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
        const steps = lang === "vi" ? STEPS_VI : STEPS_EN;
        const headings: string[] = [];
        for (const name of steps) {
          await step(page, name);
          headings.push(await page.locator("main h2").first().innerText());
        }
        expect(headings).toEqual(
          lang === "vi"
            ? ["Bộ chỉ số dùng để chấm điểm", "Tạo phiếu tự đánh giá", "Kiểm tra các phiếu", "Cách xếp hạng", "Tạo biểu đồ"]
            : ["The index to score with", "Make self-assessment forms", "Check the forms", "Ranking", "Make charts"],
        );
        // The profile chart named in the pane's language.
        expect(await page.getByRole("checkbox", { name: lang === "vi" ? "Biểu đồ mạng nhện so sánh theo nhóm chỉ số" : "Radar chart comparing indicator groups" }).count()).toBe(1);
        // The index's identifier reads as a sentence, the code in a monospace font.
        await step(page, steps[0]!);
        const id = page.getByTestId("index-id");
        expect(await id.innerText()).toBe(lang === "vi" ? "Mã định danh: dti-so-nganh-mau · phiên bản mau-2023" : "Identifier: dti-so-nganh-mau · version mau-2023");
        expect(await id.locator("code").first().evaluate((c) => getComputedStyle(c).fontFamily)).toMatch(/mono|Consolas|Courier/i);
        // The version a code too, never broken at its hyphen ("mau-" / "2023").
        expect(await id.locator("code").nth(1).evaluate((c) => [c.textContent, getComputedStyle(c).whiteSpace])).toEqual(["mau-2023", "nowrap"]);
        // The example of a unit is in the pane's language, with the index's category in it.
        await step(page, steps[1]!);
        expect(await page.locator("main textarea").getAttribute("placeholder")).toBe(`${lang === "vi" ? "01; Sở Nội vụ" : "01; Department of Home Affairs"}; ${category(lang)}`);
      }
      // A select and the list of units show the ring the buttons show when they have the focus.
      const outline = (root: string) =>
        page.locator(root).evaluate((r) => {
          const cs = getComputedStyle(r);
          return `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`;
        });
      await page.locator("main textarea").focus();
      expect(await outline("main .fui-Textarea")).toBe(`solid 2px ${ring}`);
      await page.locator("header select").focus();
      expect(await outline("header .fui-Select")).toBe(`solid 2px ${ring}`);
      await step(page, "Index");
      await page.locator("main select").focus();
      expect(await outline("main .fui-Select")).toBe(`solid 2px ${ring}`);
      await shot(page, `focus-select-en-${dark ? "dark" : "light"}`);
      expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    });
  }
});

/** The Index step's summary of a built-in index, as the pane writes it in Vietnamese. */
function pipelineSummary(id: string): string {
  const builtin = BUILTIN_INDICES.find((b) => b.id === id)!;
  const r = parseDefinition(builtin.definition);
  if (!r.ok) throw new Error(`${id} does not parse`);
  return indexSummary(r.model, "vi");
}

describe("many units, the live regions and the Score step's words, as a fourth audit found them", () => {
  test("a unit's findings appear when its section is opened, by click or by keyboard, and follow the filter and the language", async () => {
    const units = Array.from({ length: 12 }, (_, i) => ({ code: `DV${String(i + 1).padStart(2, "0")}`, name: `Đơn vị số ${i + 1}`, category: "co-dvc" }));
    const page = await openPage();
    await openWorkbook(page, await makeSampleWorkbook({ units, fills: units.map((_, i) => i % 5) }), "nhieu.xlsx");
    await idle(page);
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
    await idle(page);
    const headers = page.locator("[data-testid=check-findings] [aria-expanded]");
    expect(await headers.count()).toBeGreaterThan(5);
    // The first unit is open with its findings; every other is closed, its findings not in the page.
    const expanded = await headers.evaluateAll((hs) => hs.map((h) => h.getAttribute("aria-expanded")));
    expect(expanded[0]).toBe("true");
    expect(expanded.slice(1).every((e) => e === "false")).toBe(true);
    const shownBefore = await page.getByTestId("finding").count();
    expect(shownBefore).toBeGreaterThan(0);
    // The last unit, opened with the keyboard: its findings appear, each a line with its severity.
    const last = headers.last();
    const name = (await last.innerText()).split("\n")[0]!.trim();
    // Beside the name, each count says in words what it counts ("1 lỗi", "3 cảnh báo"), not by its colour alone.
    const headerCounts = (await headers.allInnerTexts()).flatMap((h) => h.split("\n").map((l) => l.trim()).filter((l) => l !== "").slice(1));
    expect(headerCounts.length).toBeGreaterThan(0);
    expect(headerCounts.filter((c) => !/^\d+ (lỗi|cảnh báo|lưu ý)$/.test(c))).toEqual([]);
    await last.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => document.querySelectorAll("[data-testid=finding]").length > n, shownBefore);
    expect(await last.getAttribute("aria-expanded")).toBe("true");
    // The new findings are that unit's, in its own section.
    const item = page.locator("[data-testid=check-findings] .fui-AccordionItem").last();
    expect(await item.innerText()).toContain(name);
    expect(await item.getByTestId("finding").count()).toBeGreaterThan(0);
    // Closed again by a click, then opened: its findings are there again.
    await last.click();
    await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=check-findings] [aria-expanded]")].at(-1)!.getAttribute("aria-expanded") === "false");
    await last.click();
    await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=check-findings] [aria-expanded]")].at(-1)!.getAttribute("aria-expanded") === "true");
    // In English, the open units' findings and the units' counts are said in English.
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await page.getByTestId("check-summary").filter({ hasText: /(units|departments|districts|provinces|countries)/ }).waitFor();
    await idle(page);
    const englishCounts = (await headers.allInnerTexts()).flatMap((h) => h.split("\n").map((l) => l.trim()).filter((l) => l !== "").slice(1));
    expect(englishCounts.filter((c) => !/^\d+ (errors?|warnings?|info)$/.test(c))).toEqual([]);
    const english = await page.getByTestId("finding").allInnerTexts();
    expect(english.length).toBeGreaterThan(0);
    expect(english.every((f) => /^(Error|Warning|Note)\b/.test(f.trim()))).toBe(true);
    // "Errors only": each unit shown is open, with its errors alone.
    await page.getByRole("radio", { name: "Errors only" }).check();
    await idle(page);
    const errorsOnly = await headers.evaluateAll((hs) => hs.map((h) => h.getAttribute("aria-expanded")));
    expect(errorsOnly.every((e) => e === "true")).toBe(true);
    expect((await page.getByTestId("finding").allInnerTexts()).every((f) => f.trim().startsWith("Error"))).toBe(true);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("after a change of language the live regions hold no words of the language left; what is said next is in the new one", async () => {
    const page = await openPage();
    await openWorkbook(page, sample);
    await idle(page);
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Đánh dấu ô cần xem lại" }).click();
    await noticeSaying(page, /^Đã đánh dấu/);
    const polite = page.getByTestId("live-polite");
    // What was marked, then the check's summary the step shows (the sample's 4 units), as scoring's notice is followed by its counts.
    const summary = (await page.getByTestId("check-summary").innerText()).trim();
    expect(summary).toMatch(/^Đã kiểm tra 4 sở, ban, ngành: /);
    await polite.filter({ hasText: /^Đã đánh dấu \d+ ô cần xem lại; chưa ghi điểm vào sổ\. / }).filter({ hasText: `; chưa ghi điểm vào sổ. ${summary}` }).waitFor({ state: "attached" });
    await idle(page);
    await page.getByRole("button", { name: "Xóa đánh dấu" }).click();
    await noticeSaying(page, /^Đã xóa đánh dấu ở \d+ ô/);
    await polite.filter({ hasText: /^Đã xóa đánh dấu ở \d+ ô/ }).waitFor({ state: "attached" });
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await page.getByTestId("notice").filter({ hasText: /^Cleared the marks on \d+ cells/ }).waitFor();
    await page.waitForFunction(() => document.querySelector("[data-testid=live-polite]")!.textContent === "");
    // Scored in English, then back to Vietnamese: the region that said it is emptied, not left in English.
    await step(page, "Score");
    await page.getByRole("button", { name: "Score and write results" }).click();
    await noticeSaying(page, /^Scored and ranked \d+ departments/);
    // Said in the polite region or the assertive one (as the notice is a success or a warning), 60 ms after the region is emptied.
    await page.locator("[data-testid=live-polite], [data-testid=live-assertive]").filter({ hasText: /^Scored and ranked \d+ departments/ }).first().waitFor({ state: "attached" });
    await page.getByLabel("Pane language").selectOption("vi");
    await noticeSaying(page, /^Đã chấm điểm và xếp hạng \d+ sở, ban, ngành/);
    await page.waitForFunction(() => ["live-polite", "live-assertive"].every((id) => document.querySelector(`[data-testid=${id}]`)!.textContent === ""));
    // What is said after the change is said in the language chosen.
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Xóa đánh dấu" }).click();
    await page.getByTestId("live-polite").filter({ hasText: /^(Đã xóa đánh dấu|Không có ô nào được đánh dấu)/ }).waitFor({ state: "attached" });
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("'each its own rank' says that tied units are ordered by name; the table of top units heads its units with the index's word for them", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("HDI");
    ws.addRow(["Mã đơn vị", "Đơn vị", "le", "eys", "mys", "gnipc"]);
    ws.addRow(["A", "Nước A", 74.6, 13.1, 8.4, 11000]);
    ws.addRow(["B", "Nước B", 80, 15, 11, 30000]);
    const page = await openPage();
    await openWorkbook(page, new Uint8Array(await wb.xlsx.writeBuffer()), "hdi.xlsx");
    await idle(page);
    await page.getByLabel("Chọn bộ chỉ số").selectOption("undp-hdi");
    await step(page, "Chấm điểm");
    const ties = page.getByLabel("Xử lý đồng hạng");
    expect(await page.getByText("Các quốc gia có kết quả bằng nhau được xếp theo tên (thứ tự chữ cái).").count()).toBe(0);
    await ties.selectOption("ordinal");
    // The hint is the select's description: a screen reader says it with the select.
    const hint = page.getByText("Các quốc gia có kết quả bằng nhau được xếp theo tên (thứ tự chữ cái).");
    expect(await hint.count()).toBe(1);
    expect((await ties.getAttribute("aria-describedby"))?.split(" ")).toContain(await hint.getAttribute("id"));
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    expect(await page.getByText("Tied countries are ordered by name (alphabetically).").count()).toBe(1);
    await page.getByLabel("Pane language").selectOption("vi");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await noticeSaying(page, /^Đã chấm điểm và xếp hạng 2 quốc gia/);
    await idle(page);
    const summary = page.getByTestId("score-summary");
    expect(await summary.getByRole("columnheader", { name: "Quốc gia" }).count()).toBe(1);
    expect(await summary.getByRole("columnheader", { name: "Đơn vị" }).count()).toBe(0);
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    expect(await summary.getByRole("columnheader", { name: "Country" }).count()).toBe(1);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });
});

describe("hundreds of units, as a fifth audit found them", () => {
  test("the Check step draws a page of units at a time, finds a unit by name or code whatever the diacritics, narrows to a kind of finding, and the arrow keys go from heading to heading", async () => {
    const units = Array.from({ length: 60 }, (_, i) => ({ code: `DV${String(i + 1).padStart(2, "0")}`, name: i === 41 ? "Sở Tư pháp Hà Đông" : `Đơn vị số ${i + 1}`, category: "co-dvc" }));
    const page = await openPage();
    await openWorkbook(page, await makeSampleWorkbook({ units, fills: units.map((_, i) => i % 5) }), "nhieu.xlsx");
    await idle(page);
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
    await idle(page);
    const headers = page.locator("[data-testid=check-findings] button[aria-expanded]");
    const total = await page.evaluate(() => document.querySelector("[data-testid=check-summary]")!.textContent!);
    expect(total).toMatch(/^Đã kiểm tra 60 sở, ban, ngành/);
    // Fifty headings drawn (a unit each, or the general findings'), and the rest offered.
    expect(await headers.count()).toBe(50);
    expect(await page.getByTestId("findings-shown").innerText()).toMatch(/^Đang hiển thị (49|50)\/60 sở, ban, ngành\.$/);
    expect(await page.getByTestId("findings-more").innerText()).toMatch(/^Hiển thị thêm 1[01] sở, ban, ngành$/);
    await page.getByTestId("findings-more").click();
    await page.getByTestId("findings-more").waitFor({ state: "detached" });
    expect(await headers.count()).toBeGreaterThanOrEqual(60);

    // Up, Down, Home and End go from heading to heading, past a unit opened.
    await headers.first().focus();
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement).innerText.split("\n")[0]);
    const names = await headers.evaluateAll((hs) => hs.map((h) => (h as HTMLElement).innerText.split("\n")[0]));
    await page.keyboard.press("ArrowDown");
    expect(await focused()).toBe(names[1]);
    await page.keyboard.press("End");
    expect(await focused()).toBe(names.at(-1));
    await page.keyboard.press("ArrowUp");
    expect(await focused()).toBe(names.at(-2));
    await page.keyboard.press("Home");
    expect(await focused()).toBe(names[0]);

    // Found without its diacritics, by a part of its name; by its code; nothing found, said so.
    const search = page.getByLabel("Tìm sở, ban, ngành (tên hoặc mã)");
    await search.fill("tu phap ha dong");
    await page.getByTestId("find-found").filter({ hasText: "Tìm thấy 1 sở, ban, ngành." }).waitFor();
    expect(await headers.allInnerTexts().then((t) => t.map((x) => x.split("\n")[0]))).toEqual(["Sở Tư pháp Hà Đông"]);
    await search.fill("dv07");
    // The same words as for the search before: the list is read once drawn for this one.
    await idle(page);
    await page.getByTestId("find-found").filter({ hasText: "Tìm thấy 1 sở, ban, ngành." }).waitFor();
    expect((await headers.first().innerText()).split("\n")[0]).toBe("Đơn vị số 7");
    await search.fill("Bộ Quốc phòng");
    expect(await page.getByTestId("find-none").innerText()).toBe('Không có sở, ban, ngành nào khớp với "Bộ Quốc phòng".');
    await search.fill("");
    await idle(page);

    // A kind of finding: only its findings, in every unit that has one, each opened.
    const kinds = page.getByLabel("Loại vấn đề");
    const options = await kinds.evaluate((s) => [...(s as HTMLSelectElement).options].map((o) => [o.value, o.text]));
    expect(options[0]![1]).toMatch(/^Mọi loại \(\d/);
    const [code, label] = options[1]!;
    await kinds.selectOption(code!);
    await idle(page);
    const count = Number(/\(([\d.]+)\)$/.exec(label!)![1]!.replace(/\./g, ""));
    const opened = await headers.evaluateAll((hs) => hs.map((h) => h.getAttribute("aria-expanded")));
    expect(opened.every((e) => e === "true")).toBe(true);
    // The findings of that kind only: no more than it counts, fewer than all of them.
    const shown = await page.getByTestId("finding").count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(count);
    expect(shown).toBeLessThan(Number(/\(([\d.]+)\)$/.exec(options[0]![1]!)![1]!.replace(/\./g, "")));
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });
});

describe("what a new official outside Excel meets, as a sixth audit found it", () => {
  test("after scoring, the notice itself says the results are kept only once downloaded, with the link's name, until the link is used", async () => {
    const page = await openPage();
    await checkAndScore(page, "vi");
    const notice = page.getByTestId("notice");
    const keep = notice.getByText('Sổ chỉ được lưu khi tải xuống: hãy bấm "Tải xuống sổ đã chấm" để giữ kết quả.', { exact: true });
    // Shown, not only said to screen readers.
    await keep.waitFor();
    expect(await keep.isVisible()).toBe(true);
    expect(await notice.textContent()).toMatch(/^Đã chấm điểm và xếp hạng 4 sở, ban, ngành\./);
    // In English too, by the English link's name.
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await notice.getByText('The work is saved only when the workbook is downloaded: use "Download the scored workbook" to keep it.', { exact: true }).waitFor();
    // Downloaded: the reminder has done its work, and the notice says what was scored alone.
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    await notice.getByText("The work is saved only when the workbook is downloaded", { exact: false }).waitFor({ state: "detached" });
    expect(await notice.textContent()).toMatch(/^Scored and ranked 4 departments\./);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("at 320 px the workbook's count of sheets stays on one line, and the rules of how a unit line is split open on demand, still describing the list", async () => {
    const page = await openPage({ width: 320 });
    await openWorkbook(page, sample);
    // "· 5 trang tính": never "5 trang" with "tính" alone on the next line, nor the "·" alone at the end of the line above.
    const count = page.getByText(/^· \d+ trang tính$/);
    await count.waitFor();
    const box = await count.evaluate((el) => ({ height: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight) }));
    expect(box.height).toBeLessThan(box.line * 1.5);
    await step(page, "Thu thập");
    const rules = page.locator("#units-formats");
    // Closed at first: the list's field comes right after the help and the unit categories.
    expect(await rules.isVisible()).toBe(false);
    // The field is still described by the rules.
    const described = await page.getByLabel("Danh sách đơn vị").evaluate((el) => el.getAttribute("aria-describedby")?.split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ") ?? "");
    expect(described).toContain("Ngăn cách bằng dấu chấm phẩy, dấu tab (dán từ Excel) hoặc dấu phẩy.");
    // Opened by its line, with the keyboard as with the pointer.
    await page.getByText("Cách tách các phần trong mỗi dòng", { exact: true }).focus();
    await page.keyboard.press("Enter");
    expect(await rules.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });
});
