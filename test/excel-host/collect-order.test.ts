/**
 * Collecting in Excel the whole template each unit sent back (its own form filled): the forms go
 * into the workbook in the template's order of units, as `dti-scorer collect` writes them, not in
 * the order the files were chosen; each inserted sheet gets the name of the form it holds, also
 * when a file holds the forms taken from it in another order than the template.
 */
import ExcelJS from "exceljs";
import { ExcelHost } from "../../src/hosts/excel";
import { collectFiles } from "../../src/hosts/xlsx/collect";
import { createExcelDouble } from "../excel-double";
import { departmentModel, templateBytes } from "./fixtures";

const { model } = departmentModel("undp-hdi");

/**
 * The template of 4 units as a unit sends it back: the forms of `filled` with a figure typed into
 * their first `Số liệu` cell, the others blank; its sheets in the order `order` gives (by unit number) when given.
 */
async function sentBack(filled: number[], order?: number[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await templateBytes(model, 4)) as never);
  for (const u of filled) {
    const ws = wb.getWorksheet(`Đơn vị số ${u}`)!;
    ws.eachRow((row, r) => row.eachCell((cell, c) => {
      if (cell.value === "Số liệu") ws.getCell(r + 2, c).value = u;
    }));
  }
  if (order) {
    // The unit moved the sheets: those of `order` first, in that order, then the others.
    const first = order.map((u) => wb.getWorksheet(`Đơn vị số ${u}`)!);
    const rest = wb.worksheets.filter((w) => !first.includes(w));
    [...first, ...rest].forEach((w, i) => ((w as unknown as { orderNo: number }).orderNo = i + 1));
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The unit code a sheet of the double holds (the cell to the right of "Mã đơn vị"). */
function codeOn(double: ReturnType<typeof createExcelDouble>, sheet: string): unknown {
  const s = double.workbook.sheets.find((x) => x.name === sheet)!;
  const label = [...s.cells].find(([, c]) => c.v === "Mã đơn vị");
  return label ? s.cells.get(label[0] + 1)?.v : undefined;
}

describe("collecting in Excel the template each unit sent back", () => {
  test("the forms come in the template's order of units, as the command line writes them, each sheet named as the form it holds", async () => {
    // Unit 3's file chosen first; unit 1's second, holding units 4 and 2 filled too (in that order, first).
    const files = [
      { name: "u3.xlsx", data: await sentBack([3]) },
      { name: "u1.xlsx", data: await sentBack([1, 2, 4], [4, 2]) },
    ];
    const double = createExcelDouble();
    double.addSheet("Sheet1");
    double.install();
    const report = await new ExcelHost().insertWorkbooks(files.map((f) => ({ name: f.name, base64: Buffer.from(f.data).toString("base64") })), model);
    const units = ["Đơn vị số 1", "Đơn vị số 2", "Đơn vị số 3", "Đơn vị số 4"];
    expect(report.inserted.map((i) => [i.file, i.as])).toEqual([
      ["u1.xlsx", "Đơn vị số 1"],
      ["u1.xlsx", "Đơn vị số 2"],
      ["u3.xlsx", "Đơn vị số 3"],
      ["u1.xlsx", "Đơn vị số 4"],
    ]);
    expect(double.sheetNames()).toEqual(["Sheet1", ...units]);
    // Each sheet holds the form of the unit it is named after.
    expect(units.map((n) => codeOn(double, n))).toEqual(["U0001", "U0002", "U0003", "U0004"]);
    // The command line gathering the same files writes the same order.
    const file = await collectFiles(files, undefined, model);
    const written = new ExcelJS.Workbook();
    await written.xlsx.load(file.data as never);
    expect(written.worksheets.map((w) => w.name)).toEqual(units);
    expect(file.report.take.map((t) => [t.file, t.as])).toEqual(report.inserted.map((i) => [i.file, i.as]));
  }, 60_000);

  test("into a workbook holding forms already, the new ones go after the last of them in the template's order, before the user's own sheet", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateBytes(model, 1)) as never);
    wb.addWorksheet("Ghi chú riêng").getCell("A1").value = "Danh sách gửi email";
    const base = new Uint8Array(await wb.xlsx.writeBuffer());
    const files = [{ name: "u4.xlsx", data: await sentBack([4]) }, { name: "u2.xlsx", data: await sentBack([2]) }];
    const double = createExcelDouble();
    await double.loadXlsx(base);
    const before = double.sheetNames();
    double.install();
    const report = await new ExcelHost().insertWorkbooks(files.map((f) => ({ name: f.name, base64: Buffer.from(f.data).toString("base64") })), model);
    expect(report.inserted.map((i) => i.as)).toEqual(["Đơn vị số 2", "Đơn vị số 3", "Đơn vị số 4"]);
    const at = before.indexOf("Đơn vị số 1") + 1;
    const expected = [...before.slice(0, at), "Đơn vị số 2", "Đơn vị số 3", "Đơn vị số 4", ...before.slice(at)];
    expect(double.sheetNames()).toEqual(expected);
    expect(["Đơn vị số 2", "Đơn vị số 3", "Đơn vị số 4"].map((n) => codeOn(double, n))).toEqual(["U0002", "U0003", "U0004"]);
    const file = await collectFiles(files, base, model);
    const written = new ExcelJS.Workbook();
    await written.xlsx.load(file.data as never);
    expect(written.worksheets.map((w) => w.name)).toEqual(expected);
  }, 60_000);
});

describe("collecting in Excel forms whose sheets share a name", () => {
  /** A file holding unit `u`'s form alone, filled, on a sheet called `sheet`. */
  async function oneForm(u: number, sheet: string): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await sentBack([u])) as never);
    for (const w of [...wb.worksheets]) if (w.name !== `Đơn vị số ${u}`) wb.removeWorksheet(w.id);
    wb.getWorksheet(`Đơn vị số ${u}`)!.name = sheet;
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  test("each comes in under its unit's name, also when a later file's sheet has that name until it is renamed itself", async () => {
    const files = [
      { name: "a.xlsx", data: await oneForm(1, "Phiếu") },
      { name: "b.xlsx", data: await oneForm(2, "Phiếu") },
      // Unit 3's form on a sheet called as unit 2's: Excel inserts it under that name, which b.xlsx's form is to take.
      { name: "c.xlsx", data: await oneForm(3, "Đơn vị số 2") },
    ];
    const double = createExcelDouble();
    double.addSheet("Sheet1");
    double.install();
    const report = await new ExcelHost().insertWorkbooks(files.map((f) => ({ name: f.name, base64: Buffer.from(f.data).toString("base64") })), model);
    expect(report.message).toBeUndefined();
    expect(report.inserted.map((i) => [i.file, i.as])).toEqual([
      ["a.xlsx", "Đơn vị số 1"],
      ["b.xlsx", "Đơn vị số 2"],
      ["c.xlsx", "Đơn vị số 3"],
    ]);
    expect(double.sheetNames()).toEqual(["Sheet1", "Đơn vị số 1", "Đơn vị số 2", "Đơn vị số 3"]);
    expect(["Đơn vị số 1", "Đơn vị số 2", "Đơn vị số 3"].map((n) => codeOn(double, n))).toEqual(["U0001", "U0002", "U0003"]);
  }, 60_000);
});
