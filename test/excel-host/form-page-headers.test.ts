/**
 * In Excel, as in the xlsx host, a scored form prints the index and the period it states now at
 * the top of its pages (ExcelApi 1.9, PageLayout.headersFooters, as the rest of the print setup):
 * the header the project wrote there, or none, is written again from the form's `Kỳ đánh giá`; a
 * header a person wrote stays, and so does one whose pages differ (a first page of its own).
 */
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import type { MSheet } from "../excel-double/model";
import { layoutAWorkbook } from "./fixtures";

const INDEX = "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh)";

async function score(double: ExcelDouble, definition: unknown) {
  double.install();
  await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now: new Date("2026-01-15T08:00:00Z") });
}

/** The forms of the double, each with its period (`Kỳ đánh giá`) typed as given. */
function formsWithPeriods(double: ExcelDouble, period: (i: number) => string): MSheet[] {
  const forms = double.workbook.sheets.filter((s) => s.name.startsWith("Đơn vị số"));
  forms.forEach((s, i) => {
    const label = [...s.cells].find(([, c]) => c.v === "Kỳ đánh giá");
    if (!label) throw new Error(`no period on ${s.name}`);
    const cell = s.cell(Math.floor(label[0] / 16384), (label[0] % 16384) + 1);
    cell.v = period(i);
    cell.t = "String";
  });
  return forms;
}

const header = (s: MSheet) => s.pageLayout.headersFooters.defaultForAllPages;

test("each scored form's header names the index and its own period; the project's header of another period is written again, a person's stays, as does one whose first page differs", async () => {
  const { double, definition } = await layoutAWorkbook(5);
  const forms = formsWithPeriods(double, (i) => (i === 4 ? "Năm 2024" : "Năm 2025"));
  // The template's header of last year; one the user wrote; the project's, but the first page has its own.
  header(forms[1]!).centerHeader = `${INDEX} — Kỳ đánh giá: Năm 2024`;
  header(forms[2]!).centerHeader = "Bản đã ký duyệt";
  header(forms[3]!).centerHeader = `${INDEX} — Kỳ đánh giá: Năm 2024`;
  forms[3]!.pageLayout.headersFooters.state = "FirstAndDefault";
  await score(double, definition);
  expect(forms.map((s) => [s.name, header(s).centerHeader])).toEqual([
    [forms[0]!.name, `${INDEX} — Kỳ đánh giá: Năm 2025`],
    [forms[1]!.name, `${INDEX} — Kỳ đánh giá: Năm 2025`],
    [forms[2]!.name, "Bản đã ký duyệt"],
    [forms[3]!.name, `${INDEX} — Kỳ đánh giá: Năm 2024`],
    [forms[4]!.name, `${INDEX} — Kỳ đánh giá: Năm 2024`],
  ]);
  // Only the header: the forms' footers are as they were.
  for (const s of forms) expect([s.name, header(s).leftFooter, header(s).rightFooter]).toEqual([s.name, "", ""]);

  // Scored again with a form's period changed: that form's header follows; the user's still stays.
  const before = forms.map((s) => header(s).centerHeader);
  formsWithPeriods(double, (i) => (i === 0 ? "Năm 2026" : i === 4 ? "Năm 2024" : "Năm 2025"));
  await score(double, definition);
  expect(forms.map((s) => header(s).centerHeader)).toEqual([`${INDEX} — Kỳ đánh giá: Năm 2026`, ...before.slice(1)]);
});

test("without ExcelApi 1.9 the forms' headers are neither read nor written, and the run takes no more requests", async () => {
  const old = await layoutAWorkbook(3, { requirements: { ExcelApi: "1.8" } });
  const forms = formsWithPeriods(old.double, () => "Năm 2025");
  await score(old.double, old.definition);
  expect(forms.map((s) => header(s).centerHeader)).toEqual(["", "", ""]);
  const current = await layoutAWorkbook(3, { requirements: { ExcelApi: "1.9" } });
  const written = formsWithPeriods(current.double, () => "Năm 2025");
  await score(current.double, current.definition);
  expect(written.map((s) => header(s).centerHeader)).toEqual(Array(3).fill(`${INDEX} — Kỳ đánh giá: Năm 2025`));
  expect(old.double.syncCount).toBe(current.double.syncCount);
});
