/**
 * The built pane (npm run build:dev) in Chromium: the Check step reads and checks the forms off
 * the pane's thread (a Web Worker), so that long work never freezes the pane. Outside Excel on a
 * workbook of 1,000 units, and in Excel (the Excel double in the page) on a scored workbook of 100
 * units edited since: the findings, their counts and the stale banner are those the core gives
 * for the same workbook read the same way; while the worker's answer is held back, the pane says
 * how far the check is and answers the user (another language, another step); and in Excel a
 * finding still selects its cell.
 */
import type { Page } from "playwright-core";
import { runScoring } from "../../src/core/pipeline";
import type { Issue } from "../../src/core/types";
import { ExcelHost } from "../../src/hosts/excel";
import { XlsxHost } from "../../src/hosts/xlsx";
import { t } from "../../src/taskpane/i18n";
import { findingWithoutLocation, unitsCountText } from "../../src/taskpane/state/findings";
import { staleLines, staleSince } from "../../src/taskpane/state/pipeline";
import { createExcelDouble } from "../excel-double";
import { doubleSeed, excelDoubleScript, manyUnits, scoredThenEdited } from "./excel-page";
import { SAMPLE_INDEX, makeSampleWorkbook, sampleModel } from "./sample";
import { HOLD_ANSWERS, XLSX, checkSummaryText as summaryOf, hold, idle, openPane, release, servePane } from "./pane-page";

const site = servePane();

const openPage = (initScripts: string[]): Promise<Page> => openPane(site, { initScripts });

/** Holds the workers' answers back, presses Check, and shows that the pane answers while the check goes on; then lets the answer through. */
async function checkWhileHeld(page: Page): Promise<void> {
  await hold(page, true);
  await page.getByRole("button", { name: "Kiểm tra số liệu" }).click();
  // The bar says how far the check is: the worker's stages come through while its answer is held.
  await page.locator("[role=progressbar][aria-valuenow]").waitFor();
  await page.getByTestId("progress").getByText("Đang kiểm tra số liệu…").waitFor();
  // The pane answers the user meanwhile: its language switched, another step shown and back.
  await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
  await page.getByTestId("progress").getByText("Checking the data…").waitFor();
  await page.getByRole("tab", { name: /Score/ }).click();
  await page.getByRole("button", { name: "Score and write results" }).waitFor();
  await page.getByRole("tab", { name: /Check/ }).click();
  await page.getByRole("heading", { level: 2, name: "Check the forms" }).waitFor();
  await page.getByLabel("Pane language").selectOption("vi");
  await page.getByTestId("progress").getByText("Đang kiểm tra số liệu…").waitFor();
  // Still checking: no finding yet, until the worker's answer comes.
  expect(await page.getByTestId("check-summary").count()).toBe(0);
  expect(await page.locator("[role=progressbar]").count()).toBe(1);
  await release(page);
  await page.getByTestId("check-summary").waitFor();
  await idle(page, { findingsDrawn: true });
}

/** The findings of the first unit the list opens: its name, and each finding's text as shown. */
async function firstUnitShown(page: Page): Promise<{ name: string; findings: string[] }> {
  const header = page.locator(".fui-AccordionHeader").first();
  const name = ((await header.locator("span span").first().textContent()) ?? "").trim();
  const findings = await page.locator(".fui-AccordionPanel").first().getByTestId("finding").allTextContents();
  return { name, findings };
}

/** Each finding of `unit` as its line says it (findingWithoutLocation), in the order the list shows them: each shown line holds one. */
function expectSameFindings(shown: string[], issues: Issue[], unit: string): void {
  const expected = issues.filter((i) => i.unit === unit).map((i) => findingWithoutLocation(i, "vi"));
  expect(shown).toHaveLength(expected.length);
  const left = [...shown];
  for (const sentence of expected) {
    const k = left.findIndex((text) => text.includes(sentence));
    expect(k).toBeGreaterThanOrEqual(0);
    left.splice(k, 1);
  }
}

describe("Check runs off the pane's thread", () => {
  test("outside Excel, 1,000 units: the pane answers while the check goes on, and the findings are the core's for the file", async () => {
    const units = manyUnits(1000);
    const bytes = await makeSampleWorkbook({ units, fills: units.map((_, i) => i % 5) });
    // What checking the file gives, by the core in Node (the worker's own reading of it).
    const expected = await runScoring(await XlsxHost.fromBuffer(bytes, "lon.xlsx"), { definition: sampleModel().definition, lang: "vi", projectVersion: "0.1.0", write: false });

    const page = await openPage([HOLD_ANSWERS]);
    await page.getByTestId("workbook-file").setInputFiles({ name: "lon.xlsx", mimeType: XLSX, buffer: Buffer.from(bytes) });
    await page.getByText("Sổ làm việc đang mở: lon.xlsx", { exact: false }).waitFor({ timeout: 120_000 });
    await idle(page);
    await page.getByLabel("Chọn bộ chỉ số").selectOption(SAMPLE_INDEX);
    await page.getByRole("tab", { name: /Kiểm tra/ }).click();
    await checkWhileHeld(page);

    expect(await page.getByTestId("check-summary").textContent()).toBe(summaryOf(expected.issues, expected.submissions.length));
    // Every unit with findings is in the list (a page of them drawn at a time).
    const withFindings = new Set(expected.issues.flatMap((i) => (i.unit !== undefined ? [i.unit] : []))).size;
    expect(await page.getByTestId("findings-shown").textContent()).toBe(t("vi", "findingsShown", { shown: 50, total: unitsCountText(withFindings, "vi", sampleModel().definition.unitLabel) }));
    // The unit the list opens shows the core's findings for it.
    const first = await firstUnitShown(page);
    const code = units.find((u) => u.name === first.name)?.code;
    expect(code).toBeDefined();
    expectSameFindings(first.findings, expected.issues, code!);
    // Errors only: every error of the workbook, as the core found it.
    await page.getByRole("radio", { name: "Chỉ lỗi" }).check();
    // The list follows the filter a moment later (a deferred render, busy meanwhile): read it once drawn.
    await idle(page, { findingsDrawn: true });
    const errors = expected.issues.filter((i) => i.severity === "error");
    const shownErrors = await page.getByTestId("finding").allTextContents();
    expect(shownErrors).toHaveLength(errors.length);
    for (const e of errors) expect(shownErrors.some((text) => text.includes(findingWithoutLocation(e, "vi")))).toBe(true);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  }, 150_000);

  test("in Excel, 100 units scored and edited since: the findings and the stale banner are the core's, and a finding selects its cell", async () => {
    const units = 100;
    const bytes = await scoredThenEdited(units);
    const seed = await doubleSeed(bytes);
    // What checking the workbook gives, read through the Excel host from the same double, in Node.
    const double = createExcelDouble();
    for (const s of seed) double.addSheet(s.name, s.rows).visibility = s.visibility;
    double.install();
    const snapshot = await new ExcelHost().read();
    const expected = await runScoring({ read: async () => snapshot, apply: async () => undefined }, { definition: sampleModel().definition, lang: "vi", projectVersion: "0.1.0", write: false });
    const groups = staleSince(snapshot, "vi", expected.previous ?? null, { model: expected.model, submissions: expected.submissions, issues: expected.issues });
    expect(groups?.length).toBeGreaterThan(0);

    const page = await openPage([HOLD_ANSWERS, await excelDoubleScript(bytes)]);
    await page.getByText("Trong Excel", { exact: true }).waitFor({ timeout: 60_000 });
    await idle(page);
    await page.getByRole("tab", { name: /Kiểm tra/ }).click();
    // The workbook's first read is over (it says the results are stale) before answers are held.
    await page.getByTestId("stale-banner").waitFor();
    await idle(page);
    await checkWhileHeld(page);

    expect(await page.getByTestId("check-summary").textContent()).toBe(summaryOf(expected.issues, expected.submissions.length));
    expect(await page.getByTestId("stale-line").allTextContents()).toEqual(staleLines(groups!, "vi"));
    const first = await firstUnitShown(page);
    const code = manyUnits(units).find((u) => u.name === first.name)?.code;
    expect(code).toBeDefined();
    expectSameFindings(first.findings, expected.issues, code!);
    // A finding still selects its cell in Excel.
    const finding = page.locator(".fui-AccordionPanel").first().getByRole("button", { name: /^(Lỗi|Cảnh báo|Lưu ý): .* Đi tới ô này\.$/s }).first();
    const label = (await finding.getAttribute("aria-label")) ?? "";
    await finding.click();
    await page.waitForFunction(() => (window as unknown as { __double: { workbook: { selection: unknown } } }).__double.workbook.selection !== null);
    const selection = await page.evaluate(() => (window as unknown as { __double: { workbook: { selection: { sheet: string; address: string } } } }).__double.workbook.selection);
    expect(expected.issues.some((i) => i.unit === code && i.sheet === selection.sheet && i.cell === selection.address)).toBe(true);
    expect(label).toContain(`!${selection.address}. Đi tới ô này.`);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  }, 150_000);
});
