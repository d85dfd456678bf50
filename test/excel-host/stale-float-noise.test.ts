/**
 * The Excel host's check of results older than their inputs (isStale) and a workbook scored by the
 * release that refused a whole number with float noise (12.000000000000002, the result of
 * `=(0.1+0.2)*40`, in Sở Tài chính's 1.4: see src/cli/stale-float-noise.test.ts for how the
 * fixture was made): up to date, as the command line says, the figure read as 12 now; a figure
 * the user changes makes its unit alone out of date.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ExcelHost } from "../../src/hosts/excel";
import { createExcelDouble } from "../excel-double";

describe("isStale and a whole number with float noise", () => {
  test("a workbook scored when such a figure was refused is up to date; SXD's figure changed makes SXD alone out of date", async () => {
    const double = createExcelDouble();
    await double.loadXlsx(readFileSync(join(__dirname, "../fixtures/xlsx/scored-before-noisy-whole-numbers.xlsx")));
    double.install();
    expect(double.value("'Sở Tài chính'!D18")).toBe((0.1 + 0.2) * 40);
    const host = new ExcelHost();
    expect(await host.isStale()).toMatchObject({ stale: false, changed: [] });
    await double.userEdit("Sở Xây dựng", "D18", [[6]]);
    expect(await host.isStale()).toMatchObject({ stale: true, changed: ["SXD"], added: [], removed: [] });
  });
});
