/**
 * A form's percentage cells are formatted as percentages: the person who typed 90,9% sees 90,9%
 * while the cell holds 0.909. Such a figure is no bare fraction to wonder about, even beside a
 * unit that wrote its rate as a bare percentage (72,9 for 72,9%, pasted with its own format, so
 * that the cell shows 72,9: in a cell still formatted as a percentage it would show 7290%, and be
 * read so).
 */
import ExcelJS from "exceljs";
import { parseDefinition } from "../../core/definition";
import { readSubmissions } from "../../core/read/read";
import { findBuiltin } from "../../indices";
import { XlsxHost } from "./host";
import { makeTemplate } from "./template";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;
const UNITS = [
  { code: "SNV", name: "Sở Nội vụ" },
  { code: "STC", name: "Sở Tài chính" },
  { code: "SYT", name: "Sở Y tế" },
];

/** The template's forms with input 3.2 (a percentage) set to `figures`, one a unit (a number above 1 shown as a number); the cell of each. */
async function forms(figures: (number | string)[]): Promise<{ data: Uint8Array; cells: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await makeTemplate(model, UNITS, { lang: "vi" })) as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const [i, u] of UNITS.entries()) {
    const ws = wb.worksheets.find((w) => w.name.includes(u.name))!;
    let header = 0;
    let column = 0;
    let row = 0;
    ws.eachRow((r, n) => {
      r.eachCell((c, col) => {
        if (header === 0 && c.value === "Số liệu") [header, column] = [n, col];
        if (header !== 0 && n > header && col <= 2 && c.value === "3.2") row = n;
      });
    });
    const cell = ws.getCell(row, column);
    expect(cell.numFmt).toContain("%");
    cell.value = figures[i]!;
    // A bare percentage pasted with its own format: the cell shows 72,9, not 7290%.
    const figure = figures[i]!;
    // (A style of its own: ExcelJS shares one style object between the cells it was loaded with.)
    if (typeof figure === "number" && figure > 1) cell.style = { ...cell.style, numFmt: "General" };
    cells.push(`${ws.name}!${cell.address}`);
  }
  return { data: new Uint8Array(await wb.xlsx.writeBuffer()), cells };
}

test("a fraction in the form's percentage cell beside units writing 72,9 and 65 (shown as numbers): only those are said, as bare percentages", async () => {
  const { data, cells } = await forms([0.909, 72.9, 65]);
  const snapshot = await (await XlsxHost.fromBuffer(data, "so-lieu.xlsx")).read();
  const [first] = cells[0]!.split("!");
  expect(snapshot.sheets.find((s) => s.name === first)?.percentCells).toContain(cells[0]!.split("!")[1]);
  const read = readSubmissions(model, snapshot);
  expect(read.submissions.map((s) => s.values["3.2"])).toEqual([0.909, 0.729, 0.65]);
  const said = read.issues.filter((i) => i.code === "percent-as-fraction" || i.code === "percent-as-number");
  expect(said.map((i) => [i.code, `${i.sheet}!${i.cell}`])).toEqual([
    ["percent-as-number", cells[1]],
    ["percent-as-number", cells[2]],
  ]);
});

test("the same fractions typed as text (no percentage shown) beside two bare percentages are said to be perhaps percentages too", async () => {
  const { data, cells } = await forms(["0,9", 72.9, 65]);
  const read = readSubmissions(model, await (await XlsxHost.fromBuffer(data, "so-lieu.xlsx")).read());
  const said = read.issues.filter((i) => i.code === "percent-as-fraction");
  expect(said.map((i) => `${i.sheet}!${i.cell}`)).toEqual([cells[0]]);
});
