/**
 * The built pane (npm run build:dev) in Chromium: a Check under way can be stopped ("Dừng", beside
 * the progress bar), by mouse or keyboard. Stopped, the pane is as it was before that check (the
 * findings before it, if any, still shown; nothing marked out of date by the stop), a polite live
 * region says the check was stopped, and the focus is on "Kiểm tra số liệu". A check started
 * after it works as any other, and what the stopped check still answers, even after the next
 * check's answer, never shows. Outside Excel on workbooks of hundreds of units, and in Excel (the
 * Excel double in the page) on a scored workbook edited since, whose stale banner says when it was
 * scored.
 */
import type { Page } from "playwright-core";
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import { XlsxHost } from "../../src/hosts/xlsx";
import { staleLines, staleSince } from "../../src/taskpane/state/pipeline";
import { createExcelDouble } from "../excel-double";
import { doubleSeed, excelDoubleScript, manyUnits, scoredThenEdited } from "./excel-page";
import { SAMPLE_INDEX, inputCell, makeSampleWorkbook, numericInput, sampleModel } from "./sample";
import { HOLD_ANSWERS, XLSX, checkSummaryText as summaryOf, held, hold, idle, openPane, release, servePane } from "./pane-page";

const site = servePane();

/** The pane in the time zone of Vietnam: the stale banner says the time of scoring as a Vietnamese official's computer shows it. */
const openPage = (initScripts: string[]): Promise<Page> => openPane(site, { timezoneId: "Asia/Ho_Chi_Minh", initScripts });

/** What has the keyboard focus: its words, or its name. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body) return "<body>";
    return (a.innerText || a.getAttribute("aria-label") || a.tagName).trim();
  });
}

const checkButton = (page: Page) => page.getByRole("button", { name: "Kiểm tra số liệu", exact: true });
const stopButton = (page: Page) => page.getByRole("button", { name: "Dừng kiểm tra", exact: true });

/**
 * After "Dừng": the notice and the polite live region say the check was stopped (`said`), nothing
 * is at work any more, it is not said urgently, and the focus is on "Kiểm tra số liệu".
 */
async function expectStopped(page: Page, said: string): Promise<void> {
  await page.getByTestId("notice").getByText(said, { exact: true }).waitFor();
  await page.getByTestId("live-polite").getByText(said).waitFor();
  expect(await page.getByTestId("live-polite").textContent()).toBe(said);
  expect(await page.getByTestId("notice").getAttribute("data-intent")).toBe("info");
  // Said politely, never as an alert.
  expect(await page.getByTestId("live-assertive").textContent()).not.toContain("dừng");
  expect(await page.locator("[role=progressbar]").count()).toBe(0);
  expect(await stopButton(page).count()).toBe(0);
  expect(await focused(page)).toBe("Kiểm tra số liệu");
  expect(await checkButton(page).getAttribute("aria-disabled")).not.toBe("true");
}

const STOPPED = "Đã dừng kiểm tra số liệu.";
const STOPPED_KEPT = "Đã dừng kiểm tra số liệu; kết quả của lần kiểm tra trước vẫn được giữ.";

describe("a Check can be stopped", () => {
  test("outside Excel: stopped before any check and after one, the pane is as it was; the next check, on another workbook, shows its own findings, not the stopped one's late answer", async () => {
    const unitsA = manyUnits(300);
    const bytesA = await makeSampleWorkbook({ units: unitsA, fills: unitsA.map((_, i) => i % 5) });
    const unitsB = manyUnits(120);
    const bytesB = await makeSampleWorkbook({ units: unitsB, fills: unitsB.map((_, i) => (i + 2) % 5) });
    // What checking each file gives, by the core in Node (the worker's own reading of it).
    const check = async (bytes: Uint8Array) => runScoring(await XlsxHost.fromBuffer(bytes, "x.xlsx"), { definition: sampleModel().definition, lang: "vi", projectVersion: "0.1.0", write: false });
    const a = await check(bytesA);
    const b = await check(bytesB);
    const summaryA = summaryOf(a.issues, a.submissions.length);
    const summaryB = summaryOf(b.issues, b.submissions.length);
    expect(summaryA).not.toBe(summaryB);

    const page = await openPage([HOLD_ANSWERS]);
    await page.getByTestId("workbook-file").setInputFiles({ name: "lon.xlsx", mimeType: XLSX, buffer: Buffer.from(bytesA) });
    await page.getByText("Sổ làm việc đang mở: lon.xlsx", { exact: false }).waitFor({ timeout: 120_000 });
    await idle(page);
    await page.getByLabel("Chọn bộ chỉ số").selectOption(SAMPLE_INDEX);
    await page.getByRole("tab", { name: /Kiểm tra/ }).click();

    // No check yet: stopped as soon as it can be, by mouse. Nothing found is shown, nothing is out of date.
    await hold(page, true);
    await checkButton(page).click();
    await stopButton(page).click();
    await expectStopped(page, STOPPED);
    expect(await page.getByTestId("check-summary").count()).toBe(0);
    expect(await page.getByTestId("stale-banner").count()).toBe(0);
    // Whatever the stopped check still answers comes now: the pane shows nothing of it.
    await release(page);

    // A check started after it works as any other.
    await checkButton(page).click();
    await page.getByTestId("check-summary").waitFor({ timeout: 120_000 });
    await idle(page);
    expect(await page.getByTestId("check-summary").textContent()).toBe(summaryA);

    // Checked again, its answer ready but not yet taken, and stopped: the findings of the check before stay.
    await hold(page, true);
    await checkButton(page).click();
    await held(page, 1);
    await stopButton(page).click();
    await expectStopped(page, STOPPED_KEPT);
    expect(await page.getByTestId("check-summary").textContent()).toBe(summaryA);
    expect(await page.getByTestId("stale-banner").count()).toBe(0);

    // Another workbook, then its check: the stopped check's answer arrives after this one's, and is dropped.
    await hold(page, false);
    await page.getByTestId("workbook-file").setInputFiles({ name: "nho.xlsx", mimeType: XLSX, buffer: Buffer.from(bytesB) });
    await page.getByText("Sổ làm việc đang mở: nho.xlsx", { exact: false }).waitFor({ timeout: 120_000 });
    await idle(page);
    await hold(page, true);
    await checkButton(page).click();
    await held(page, 2);
    await release(page, true);
    await page.getByTestId("check-summary").waitFor({ timeout: 120_000 });
    await idle(page);
    expect(await page.getByTestId("check-summary").textContent()).toBe(summaryB);
    expect(await page.getByTestId("notice").count()).toBe(0);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  }, 170_000);

  test("in Excel, 100 units scored and edited since: stopped by keyboard during the read and after the worker answered, the banner stays as it was; the check after an edit shows its own findings, not the stopped one's late answer", async () => {
    const units = 100;
    const bytes = await scoredThenEdited(units);
    const seed = await doubleSeed(bytes);
    // A unit's figure typed as words between the stopped check and the next: one more finding.
    const edited = await inputCell(bytes, manyUnits(units)[40]!.name, numericInput());
    /** What checking the workbook gives, read through the Excel host from the same double, in Node; `edit` typed first. */
    const expected = async (edit: boolean) => {
      const double = createExcelDouble();
      for (const s of seed) double.addSheet(s.name, s.rows).visibility = s.visibility;
      if (edit) double.setCells(edited.sheet, edited.cell, [["nhiều lần"]]);
      double.install();
      const snapshot = await new ExcelHost().read();
      const run = await runScoring({ read: async () => snapshot, apply: async () => undefined }, { definition: sampleModel().definition, lang: "vi", projectVersion: "0.1.0", write: false });
      const groups = staleSince(snapshot, "vi", run.previous ?? null, { model: run.model, submissions: run.submissions, issues: run.issues });
      return { summary: summaryOf(run.issues, run.submissions.length), stale: staleLines(groups ?? [], "vi") };
    };
    const before = await expected(false);
    const after = await expected(true);
    expect(after.summary).not.toBe(before.summary);

    const page = await openPage([HOLD_ANSWERS, await excelDoubleScript(bytes)]);
    await page.getByText("Trong Excel", { exact: true }).waitFor({ timeout: 60_000 });
    await idle(page);
    await page.getByRole("tab", { name: /Kiểm tra/ }).click();
    await page.locator("button:enabled", { hasText: "Kiểm tra số liệu" }).waitFor();
    // The workbook was scored on 1 June 2024 at 00:00 UTC: 07:00 in Vietnam. The banner says so.
    const banner = page.getByTestId("stale-banner");
    await banner.waitFor();
    expect(await banner.locator(".fui-MessageBarTitle").textContent()).toBe("Kết quả đã cũ (chấm lúc 07:00 ngày 01/06/2024)");
    const staleBefore = await page.getByTestId("stale-line").allTextContents();

    // Stopped at once, by keyboard, while Excel is read or the forms go to the worker.
    await hold(page, true);
    await checkButton(page).click();
    await stopButton(page).focus();
    await page.keyboard.press("Enter");
    await expectStopped(page, STOPPED);
    expect(await page.getByTestId("check-summary").count()).toBe(0);
    // The banner is as it was: the stop marks nothing out of date.
    expect(await page.getByTestId("stale-line").allTextContents()).toEqual(staleBefore);
    await release(page);

    // A check started after it works as any other.
    await checkButton(page).click();
    await page.getByTestId("check-summary").waitFor({ timeout: 120_000 });
    await idle(page);
    expect(await page.getByTestId("check-summary").textContent()).toBe(before.summary);
    expect(await page.getByTestId("stale-line").allTextContents()).toEqual(before.stale);

    // Checked again, the worker's answer ready but not yet taken, stopped by keyboard (Space): the findings before stay.
    await hold(page, true);
    await checkButton(page).click();
    await held(page, 1);
    await stopButton(page).focus();
    await page.keyboard.press("Space");
    await expectStopped(page, STOPPED_KEPT);
    expect(await page.getByTestId("check-summary").textContent()).toBe(before.summary);
    expect(await page.getByTestId("stale-line").allTextContents()).toEqual(before.stale);

    // A figure typed as words, then a check: the stopped check's answer arrives after this one's, and is dropped.
    await page.evaluate(([sheet, cell]) => (window as unknown as { __double: { setCells(s: string, a: string, v: string[][]): void } }).__double.setCells(sheet, cell, [["nhiều lần"]]), [edited.sheet, edited.cell] as const);
    await checkButton(page).click();
    await held(page, 2);
    await release(page, true);
    await page.waitForFunction((text) => document.querySelector("[data-testid=check-summary]")?.textContent === text, after.summary, { timeout: 120_000 });
    await idle(page);
    expect(await page.getByTestId("check-summary").textContent()).toBe(after.summary);
    expect(await page.getByTestId("stale-line").allTextContents()).toEqual(after.stale);
    expect(await banner.locator(".fui-MessageBarTitle").textContent()).toBe("Kết quả đã cũ (chấm lúc 07:00 ngày 01/06/2024)");
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  }, 170_000);
});
