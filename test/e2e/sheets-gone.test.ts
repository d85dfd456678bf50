/**
 * The built pane (npm run build:dev) in Chromium, in Excel (the Excel double): a form deleted while
 * Score runs is said in the pane's language, never in Excel's English; a sheet of the user's under
 * the results' name is left as it is, and the pane says where the results went.
 */
import type { Page } from "playwright-core";
import { pageScript } from "./page-script";
import { idle as idleWith, openPane, servePane } from "./pane-page";
import { makeSampleWorkbook } from "./sample";

const site = servePane();
let sample: Uint8Array;

beforeAll(async () => {
  sample = await makeSampleWorkbook();
});

/**
 * The pane in Excel (the double, holding the sample workbook). `window.__deleteAfterRead(name)`:
 * the sheet is deleted once the next read of the workbook (a run of Excel.run) is over, as a user
 * deleting it while Score goes on, between its read and its write.
 */
async function openInExcel(): Promise<Page> {
  const script = await pageScript(`import { Buffer } from "buffer"; globalThis.Buffer = Buffer;
        import { install } from "./test/excel-double";
        const d = install(window);
        window.Office.context.displayLanguage = "vi-VN";
        window.__double = d;
        const bytes = Uint8Array.from(atob(${JSON.stringify(Buffer.from(sample).toString("base64"))}), (c) => c.charCodeAt(0));
        const ready = d.loadXlsx(bytes);
        const onReady = window.Office.onReady.bind(window.Office);
        window.Office.onReady = async (cb) => { await ready; return onReady(cb); };
        const run = d.Excel.run;
        let armed;
        window.__deleteAfterRead = (name) => { armed = name; };
        d.Excel.run = async (a, b) => {
          const result = await run(a, b);
          if (armed !== undefined && !(a instanceof d.Excel.RequestContext)) { const name = armed; armed = undefined; await d.userDeleteSheet(name); }
          return result;
        };
        window.Excel = d.Excel;`);
  const page = await openPane(site, { initScripts: [script] });
  await page.getByText("Trong Excel", { exact: true }).waitFor();
  await page.getByLabel("Chọn bộ chỉ số").selectOption("dti-so-nganh-mau");
  return page;
}

const idle = (page: Page) => idleWith(page);

async function score(page: Page): Promise<void> {
  await page.getByRole("tab", { name: /Chấm điểm/ }).click();
  await page.getByRole("button", { name: "Chấm điểm và ghi kết quả" }).click();
  await page.waitForFunction(() => document.querySelector("[role=progressbar]") !== null).catch(() => undefined);
  await idle(page);
}

const double = <T>(page: Page, f: string, ...args: unknown[]): Promise<T> =>
  page.evaluate(([f, args]) => (window as unknown as { __double: Record<string, (...a: unknown[]) => T> }).__double[f as string]!(...(args as unknown[])), [f, args] as const);

describe("sheets gone or taken while Score runs, in Excel", () => {
  test("a form deleted while Score runs: the pane says so in Vietnamese, names the form and says to score again; nothing was written", async () => {
    const page = await openInExcel();
    await score(page);
    const sheets = await double<string[]>(page, "sheetNames");
    const form = sheets.find((s) => s.startsWith("Sở"))!;
    // Row 2 is the results' live status line (a formula over _index): as in Excel, deleting a scored
    // form makes it say that one unit changed since scoring. Everything else stays as written.
    const withoutStatus = (g: unknown[][]) => JSON.stringify([g[0], ...g.slice(2)]);
    const results = withoutStatus(await double<unknown[][]>(page, "grid", "'Kết quả'!A1:C6"));
    await page.evaluate((n) => (window as unknown as { __deleteAfterRead: (n: string) => void }).__deleteAfterRead(n), form);
    await score(page);
    const notice = page.getByTestId("notice");
    await notice.filter({ hasText: "đã bị xóa hoặc đổi tên" }).waitFor();
    const said = (await notice.textContent()) ?? "";
    expect(said).toContain(`Trang '${form}' đã bị xóa hoặc đổi tên trong lúc DTI Scorer đang làm việc (sau khi đọc sổ làm việc), nên chưa có gì được ghi. Hãy chấm điểm lại để đọc lại sổ làm việc như hiện nay.`);
    expect(said).not.toMatch(/Đã xảy ra lỗi|requested resource|getItem|doesn't exist/);
    const now = await double<unknown[][]>(page, "grid", "'Kết quả'!A1:C6");
    expect(withoutStatus(now)).toBe(results);
    expect(String(now[1]![0])).toMatch(/^Số liệu của 1 sở, ban, ngành đã được sửa sau lần chấm ngày .*Hãy chấm điểm lại bằng DTI Scorer\.$/);
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });

  test("the results sheet deleted and a `Kết quả` of the user's made: scoring again leaves it as it is and writes `Kết quả (2)`, as the pane says", async () => {
    const page = await openInExcel();
    await score(page);
    await page.evaluate(async () => {
      const d = (window as unknown as { __double: { userDeleteSheet(n: string): Promise<void>; userAddSheet(n: string, rows: unknown[][]): Promise<void> } }).__double;
      await d.userDeleteSheet("Kết quả");
      await d.userAddSheet("Kết quả", [["Báo cáo tự làm của phòng"], ["Ghi chú", "giữ lại"], ["a", "b", "c"], [1, 2, 3]]);
    });
    await score(page);
    expect(await double(page, "grid", "'Kết quả'!A1:C4")).toEqual([["Báo cáo tự làm của phòng", "", ""], ["Ghi chú", "giữ lại", ""], ["a", "b", "c"], [1, 2, 3]]);
    expect(await double<string[]>(page, "sheetNames")).toContain("Kết quả (2)");
    await page.getByText("Sổ đã có trang 'Kết quả' không do DTI Scorer tạo: trang này được giữ nguyên, kết quả chấm điểm được ghi vào trang 'Kết quả (2)'.").first().waitFor();
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  });
});
