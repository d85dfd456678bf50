/**
 * The results and charts sheets written in Excel print their sheet's name and the page's number at
 * the foot of every page and the index at the top (ExcelApi 1.9, as the rest of their print setup);
 * the units' forms keep their own footers (their headers: form-page-headers.test.ts); an older
 * Excel writes the rest with no more requests.
 */
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

async function score(double: ExcelDouble, definition: unknown) {
  double.install();
  await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now: new Date("2026-01-15T08:00:00Z") });
}

test("the results and charts sheets print their name and page number (from 1) at the foot and the index at the top; the forms keep their footers; without ExcelApi 1.9 nothing else changes", async () => {
  const { double, definition } = await layoutAWorkbook(5);
  await score(double, definition);
  for (const sheet of ["Kết quả", "Biểu đồ"]) {
    const texts = double.sheet(sheet).pageLayout.headersFooters;
    expect([sheet, texts.state, texts.defaultForAllPages, double.sheet(sheet).pageLayout.firstPageNumber]).toEqual([
      sheet,
      "Default",
      expect.objectContaining({ leftFooter: "&A", rightFooter: "Trang &P", centerHeader: expect.stringMatching(/^Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành/) }),
      // Its pages are numbered from 1, not after the sheets printed before it.
      1,
    ]);
  }
  const forms = double.workbook.sheets.filter((s) => !["Kết quả", "Biểu đồ", "_index"].includes(s.name));
  expect(forms.length).toBeGreaterThan(0);
  for (const s of forms) expect([s.name, s.pageLayout.headersFooters.defaultForAllPages.leftFooter]).toEqual([s.name, ""]);

  const old = await layoutAWorkbook(5, { requirements: { ExcelApi: "1.8" } });
  await score(old.double, old.definition);
  expect(old.double.workbook.sheets.every((s) => s.pageLayout.headersFooters.defaultForAllPages.rightFooter === "")).toBe(true);
  const current = await layoutAWorkbook(5, { requirements: { ExcelApi: "1.9" } });
  await score(current.double, current.definition);
  expect(current.double.sheet("Kết quả").pageLayout.headersFooters.defaultForAllPages.rightFooter).toBe("Trang &P");
  expect(old.double.syncCount).toBe(current.double.syncCount);
});
