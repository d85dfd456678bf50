/**
 * In Excel, as in the xlsx host, words a person added after the period in a form's printed header
 * stay after the new period when the form states another; scored again, they are not doubled.
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

function formsWithPeriods(double: ExcelDouble, period: string): MSheet[] {
  const forms = double.workbook.sheets.filter((s) => s.name.startsWith("Đơn vị số"));
  for (const s of forms) {
    const label = [...s.cells].find(([, c]) => c.v === "Kỳ đánh giá")!;
    const cell = s.cell(Math.floor(label[0] / 16384), (label[0] % 16384) + 1);
    cell.v = period;
    cell.t = "String";
  }
  return forms;
}

const header = (s: MSheet) => s.pageLayout.headersFooters.defaultForAllPages;

test("the words after the period in a form's header stay after the new period, once", async () => {
  const { double, definition } = await layoutAWorkbook(3);
  const forms = formsWithPeriods(double, "Năm 2025");
  header(forms[0]!).centerHeader = `${INDEX} — Kỳ đánh giá: Năm 2024 (số liệu đến 30/9)`;
  header(forms[1]!).centerHeader = `${INDEX} — Kỳ đánh giá: Năm 2024`;
  await score(double, definition);
  expect(forms.map((s) => header(s).centerHeader)).toEqual([`${INDEX} — Kỳ đánh giá: Năm 2025 (số liệu đến 30/9)`, `${INDEX} — Kỳ đánh giá: Năm 2025`, `${INDEX} — Kỳ đánh giá: Năm 2025`]);
  formsWithPeriods(double, "Năm 2026");
  await score(double, definition);
  await score(double, definition);
  expect(forms.map((s) => header(s).centerHeader)).toEqual([`${INDEX} — Kỳ đánh giá: Năm 2026 (số liệu đến 30/9)`, `${INDEX} — Kỳ đánh giá: Năm 2026`, `${INDEX} — Kỳ đánh giá: Năm 2026`]);
});
