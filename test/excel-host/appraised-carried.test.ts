/**
 * In Excel, as on the command line: a new figure typed into `Số liệu` beside a `Số liệu thẩm
 * định` that still overrides it is said by the scoring that takes it and by every scoring after,
 * until the appraised figure is cleared (`_index` keeps what each scoring said, written and read
 * back by the Excel host). Scored in the Excel double, edited as a user would.
 */
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import { layoutAWorkbook } from "./fixtures";

describe("the appraised figure's warning in Excel", () => {
  test("said at every scoring while the appraised figure overrides the new figure; cleared: gone", async () => {
    const { double, definition, model } = await layoutAWorkbook(2);
    const form = double.workbook.sheets.find((s) => s.visibility === "Visible" && s.name.startsWith("Đơn vị"))!.name;
    // The form's header row, its `Số liệu` and `Số liệu thẩm định` columns, and the first input's row.
    const columns = "ABCDEFGHIJ";
    let header = 0;
    let value = "";
    let appraised = "";
    for (let r = 1; r <= 20 && header === 0; r++) {
      for (const c of columns) {
        const v = double.value(`'${form}'!${c}${r}`);
        if (v === "Số liệu") [header, value] = [r, c];
        if (v === "Số liệu thẩm định") appraised = c;
      }
    }
    expect([value, appraised]).not.toContain("");
    const input = [...model.inputs.values()].find((i) => model.nodes.get(i.indicator)?.kind === "indicator" && i.type !== "boolean" && i.type !== "choice" && i.type !== "text")!;
    let row = 0;
    for (let r = header + 1; r <= header + 200 && row === 0; r++) if (String(double.value(`'${form}'!A${r}`)) === input.code) row = r;
    expect(row).toBeGreaterThan(0);
    const typed = double.value(`'${form}'!${value}${row}`);
    expect(typeof typed).toBe("number");
    double.setCells(form, `${appraised}${row}`, [[typed as number]]);
    double.install();
    const host = new ExcelHost();
    const score = async () => (await runScoring(host, { definition, lang: "en", projectVersion: "test" })).issues.filter((i) => i.code === "appraised-over-new-figure");
    expect(await score()).toEqual([]);
    // A new figure typed: said at its cell by this scoring, and by the next ones.
    await double.userEdit(form, `${value}${row}`, [[(typed as number) + 1]]);
    for (let run = 0; run < 3; run++) expect((await score()).map((i) => [i.sheet, i.cell])).toEqual([[form, `${value}${row}`]]);
    // The appraised figure cleared: the new figure is used, nothing said.
    await double.userEdit(form, `${appraised}${row}`, [[""]]);
    expect(await score()).toEqual([]);
    expect(await score()).toEqual([]);
  });
});
