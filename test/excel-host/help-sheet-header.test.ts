/**
 * In Excel, as in the xlsx host, a scoring run prints the index and the period the forms state now
 * at the top of the template's instructions sheet ("Hướng dẫn"), as the results sheet names the
 * periods (ExcelApi 1.9, PageLayout.headersFooters): over the header the project wrote there, or
 * none; a header a person wrote stays. In the requests the run makes anyway.
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

/** The double's forms, each with its period (`Kỳ đánh giá`) typed as given. */
function typePeriods(double: ExcelDouble, period: (i: number) => string): void {
  double.workbook.sheets
    .filter((s) => s.name.startsWith("Đơn vị số"))
    .forEach((s, i) => {
      const label = [...s.cells].find(([, c]) => c.v === "Kỳ đánh giá");
      if (!label) throw new Error(`no period on ${s.name}`);
      const cell = s.cell(Math.floor(label[0] / 16384), (label[0] % 16384) + 1);
      cell.v = period(i);
      cell.t = "String";
    });
}

const sheet = (double: ExcelDouble, name: string) => double.workbook.sheets.find((s) => s.name === name)!;
const header = (s: MSheet) => s.pageLayout.headersFooters.defaultForAllPages;

test("the instructions sheet's header names the period the forms state now, as the results sheet's does; a person's header stays", async () => {
  const { double, definition } = await layoutAWorkbook(3);
  typePeriods(double, () => "Năm 2025");
  const help = sheet(double, "Hướng dẫn");
  // The template's header of last year.
  header(help).centerHeader = `${INDEX} — Kỳ đánh giá: Năm 2024`;
  await score(double, definition);
  expect(header(help).centerHeader).toBe(`${INDEX} — Kỳ đánh giá: Năm 2025`);
  expect(header(help).centerHeader).toBe(header(sheet(double, "Kết quả")).centerHeader);

  // The forms differ: every period is named, as on the results sheet.
  typePeriods(double, (i) => (i === 0 ? "Năm 2024" : "Năm 2025"));
  await score(double, definition);
  expect(header(help).centerHeader).toMatch(/Kỳ đánh giá \(các phiếu ghi khác nhau\): Năm 2024, Năm 2025$/);
  expect(header(help).centerHeader).toBe(header(sheet(double, "Kết quả")).centerHeader);

  header(help).centerHeader = "Hướng dẫn của Sở";
  await score(double, definition);
  expect(header(help).centerHeader).toBe("Hướng dẫn của Sở");
});

test("writing the instructions sheet's header takes no more requests than a workbook without one", async () => {
  const counts: number[] = [];
  for (const named of ["Hướng dẫn", "Ghi chú"]) {
    const { double, definition } = await layoutAWorkbook(3);
    typePeriods(double, () => "Năm 2025");
    // Renamed, it is no instructions sheet of the project's any more: its header is not planned.
    sheet(double, "Hướng dẫn").name = named;
    double.resetCounters();
    await score(double, definition);
    expect([named, header(sheet(double, named)).centerHeader]).toEqual([named, named === "Hướng dẫn" ? `${INDEX} — Kỳ đánh giá: Năm 2025` : ""]);
    counts.push(double.syncCount);
  }
  expect(counts[0]).toBe(counts[1]);
});
