/**
 * The Excel host's check of results older than their inputs (isStale) sees a form's period (Kỳ
 * đánh giá) changed since scoring, as the command line does: the titles name the period. Scored
 * in the Excel double, the period edited as a user would, checked again.
 */
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import { layoutAWorkbook } from "./fixtures";

describe("isStale and a form's period", () => {
  test("a form's period changed since scoring: its unit is out of date; scored again, nothing is", async () => {
    const { double, definition } = await layoutAWorkbook(3);
    const forms = double.workbook.sheets.filter((s) => s.visibility === "Visible" && s.name.startsWith("Đơn vị")).map((s) => s.name);
    expect(forms).toHaveLength(3);
    // The template's period cell: right of "Kỳ đánh giá" in column A.
    const periodAt = (sheet: string): string => {
      for (let r = 1; r <= 12; r++) if (double.value(`'${sheet}'!A${r}`) === "Kỳ đánh giá") return `B${r}`;
      throw new Error(`no period on ${sheet}`);
    };
    for (const s of forms) double.setCells(s, periodAt(s), [["Năm 2024"]]);
    double.install();
    const host = new ExcelHost();
    const run = await runScoring(host, { definition, lang: "vi", projectVersion: "test" });
    expect((await host.isStale())?.stale).toBe(false);
    const second = run.submissions.find((s) => s.source?.sheet === forms[1])!;
    await double.userEdit(forms[1]!, periodAt(forms[1]!), [["Năm 2025"]]);
    const stale = await host.isStale();
    expect(stale).toMatchObject({ stale: true, changed: [second.code], added: [], removed: [] });
    await runScoring(host, { definition, lang: "vi", projectVersion: "test" });
    expect((await host.isStale())?.stale).toBe(false);
  });
});
