/**
 * The results sheet of a province's own index, its groups named in a hundred characters and more
 * and its units ranked within categories, as the file is written and read back: a header row of
 * six lines at most (each group named by its code and first words), every printed page repeating
 * the unit's category with its rank, code and name, at a legible scale, the category's long names
 * wrapped in their rows; the charts sheet names each group whole.
 */
import ExcelJS from "exceljs";
import { runScoring } from "../../core/pipeline";
import { LONG_GROUPS, REMOTE, communeDefinition, communes } from "../../core/plan/test-long-names";
import { XlsxHost } from "./host";
import { open } from "./test-workbooks";

jest.setTimeout(60_000);

async function scored(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of communes().sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.values.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)));
  }
  const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "xa.xlsx");
  await runScoring(host, { definition: communeDefinition(), lang: "vi", projectVersion: "test", now: new Date("2025-06-01T00:00:00Z") });
  return open(await host.toBuffer());
}

test("long group names: a header row of six lines at most, the category repeated on every page at a legible scale, the whole names on the charts sheet", async () => {
  const wb = await scored();
  const ws = wb.getWorksheet("Kết quả")!;
  const header = (ws.getRow(3).values as ExcelJS.CellValue[]).slice(1).map(String);
  // Each group's three columns, named by its code and first words.
  LONG_GROUPS.forEach((name, g) => {
    const own = header.filter((h) => h.startsWith(`${g + 1}. `));
    expect(own).toHaveLength(3);
    for (const h of own) expect([h, h.includes("… ("), name.length > h.length]).toEqual([h, true, true]);
  });
  // Six lines of 15 points at most (the whole names took 258 points).
  expect(ws.getRow(3).height).toBeLessThanOrEqual(93);
  // The category printed with the unit on every page, and the pages legible.
  expect(ws.getCell("D3").value).toBe("Loại đơn vị");
  expect(ws.pageSetup.printTitlesColumn).toBe("A:D");
  expect(ws.pageSetup.scale).toBeGreaterThanOrEqual(70);
  // A long category wraps in its row (narrowed to leave room for the widest page), tall enough for its lines.
  let row = 4;
  while (ws.getCell(row, 4).value !== REMOTE) row++;
  expect(ws.getCell(row, 4).alignment?.wrapText).toBe(true);
  expect(ws.getColumn(4).width).toBeLessThan(40);
  expect(ws.getRow(row).height).toBeGreaterThanOrEqual(30);
  // The charts sheet's data name every group whole.
  const charts: string[] = [];
  wb.getWorksheet("Biểu đồ")!.eachRow((r) => r.eachCell((c) => charts.push(String(c.value))));
  for (const name of LONG_GROUPS) expect(charts).toContain(name);
});
