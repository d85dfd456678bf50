/**
 * The task pane in Debian's Chromium at the width of Excel's pane (360×800): outside Excel on
 * a chosen .xlsx file, and inside Excel (the in-memory Excel double installed before the pane
 * loads). Screenshots of every step, in Vietnamese and English, light and dark, go to
 * test-output/screenshots/.
 */
import { build } from "esbuild";
import ExcelJS from "exceljs";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";
import { runScoring } from "../../src/core/pipeline";
import { unitsByRank } from "../../src/core/score";
import { XlsxHost } from "../../src/hosts/xlsx";
import { SAMPLE_UNITS, makeSampleWorkbook, sampleModel } from "./sample";
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

async function openPage(options: { dark?: boolean; locale?: string; initScript?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 800 },
    locale: options.locale ?? "vi-VN",
    colorScheme: options.dark ? "dark" : "light",
    acceptDownloads: true,
  });
  // office.js never loads here: fail it at once, as an offline browser would.
  await context.route(OFFICE_JS, (route) => route.abort());
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

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
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
    await page.getByText("Đang làm việc trên: so-nganh.xlsx", { exact: false }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");

    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    const summary = page.getByTestId("check-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/^4 đơn vị: [1-9]\d* lỗi/);
    const findings = await page.getByTestId("finding").allTextContents();
    expect(findings.some((f) => f.includes("Sở Y tế") || f.includes("6.2") || f.includes("5.2"))).toBe(true);

    await step(page, "Chấm điểm");
    await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
    await page.getByTestId("score-summary").waitFor();
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

describe("screenshots of every step", () => {
  for (const lang of ["vi", "en"] as const) {
    for (const dark of [false, true]) {
      test(`every step in ${lang === "vi" ? "Vietnamese" : "English"}, ${dark ? "dark" : "light"}, shows only ${lang} tab names`, async () => {
        const page = await openPage({ dark, locale: lang === "vi" ? "vi-VN" : "en-US" });
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
        // Scoring is over when its button is enabled again (the download link is refreshed last).
        await page.locator("button:enabled", { hasText: lang === "vi" ? "Chấm điểm và ghi kết quả" : "Score and write results" }).waitFor();
        const tabs = await page.$$eval("[role=tab]", (els) => els.map((e) => (e as HTMLElement).innerText.trim()));
        expect(tabs.map((x) => x.replace(/^\d+\.\s*/, ""))).toEqual(steps);
        for (const [i, name] of steps.entries()) {
          await step(page, name);
          await shot(page, `${i + 1}-${STEPS_EN[i]!.toLowerCase()}-${lang}-${dark ? "dark" : "light"}`);
        }
        const background = await page.evaluate(() => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor);
        expect(background).toBe(dark ? "rgb(41, 41, 41)" : "rgb(255, 255, 255)");
      });
    }
  }
});

describe("inside Excel (the Excel double installed before the pane loads)", () => {
  async function doubleScript(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sample as unknown as ArrayBuffer);
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
    const bundle = await build({
      stdin: {
        contents: `import { install } from "./test/excel-double";
          const d = install(window);
          for (const s of ${JSON.stringify(seed)}) d.addSheet(s.name, s.rows);
          window.Office.context.displayLanguage = "vi-VN";
          window.__double = d;`,
        resolveDir: root,
        loader: "ts",
      },
      bundle: true,
      format: "iife",
      platform: "browser",
      write: false,
      define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
      logLevel: "silent",
    });
    return bundle.outputFiles[0]!.text;
  }

  test("the whole flow works in Excel, and clicking a finding selects its cell", async () => {
    const page = await openPage({ initScript: await doubleScript() });
    await page.getByText("Trong Excel", { exact: true }).waitFor();
    await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
    await step(page, "Kiểm tra");
    await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
    await page.getByTestId("check-summary").waitFor();
    const finding = page.getByRole("button", { name: /^Đi tới ô / }).first();
    const label = (await finding.getAttribute("aria-label")) ?? "";
    const [, sheet, cell] = /^Đi tới ô (.+)!([A-Z]+\d+):/.exec(label) ?? [];
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
});
