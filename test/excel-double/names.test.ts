/**
 * Names as Excel takes them, in the double: a table's headers are unique ignoring case (Excel
 * numbers a repeated one), "C", "c", "R" and "r" (and R1C1 references) are not table names, and
 * "History" is a sheet name Excel keeps for itself.
 */
import { createExcelDouble } from "./index";
import { codeOf, run } from "./testing";

const headers = (d: ReturnType<typeof createExcelDouble>, address: string) => d.grid(address)[0];

describe("names in the Excel double", () => {
  test("a table made over headers that repeat, ignoring case, numbers the later ones; an empty header becomes Column<n>", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [["Điểm", "điểm", "", "ĐIỂM", "Mã"], [1, 2, 3, 4, 5]]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").tables.add("S!A1:E2", true);
      await ctx.sync();
    });
    expect(headers(d, "S!A1:E1")).toEqual(["Điểm", "điểm2", "Column3", "ĐIỂM3", "Mã"]);
  });

  test("a header written into a table's header row that another header has is numbered; a whole row written at once keeps its names when they differ", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [["Mã", "Tên", "Điểm"], ["a", "b", 1]]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").tables.add("S!A1:C2", true);
      await ctx.sync();
    });
    const write = (address: string, values: unknown[][]) => run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange(address).values = values;
      await ctx.sync();
    });
    await write("C1", [["tên"]]);
    expect(headers(d, "S!A1:C1")).toEqual(["Mã", "Tên", "tên2"]);
    // The columns swapped in one write: no header repeats once it is written.
    await write("A1:C1", [["Tên", "Mã", "Điểm"]]);
    expect(headers(d, "S!A1:C1")).toEqual(["Tên", "Mã", "Điểm"]);
    await write("A1:C1", [["Tên", "TÊN", "Điểm"]]);
    expect(headers(d, "S!A1:C1")).toEqual(["Tên", "TÊN2", "Điểm"]);
    // Below the header row, anything goes.
    await write("A2:C2", [["x", "x", "X"]]);
    expect(d.grid("S!A2:C2")[0]).toEqual(["x", "x", "X"]);
  });

  test("'C', 'c', 'R', 'r' and R1C1 references are not table names; names that only start so are", async () => {
    const d = createExcelDouble();
    d.addSheet("S", [["a"], [1]]);
    await run(d, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").tables.add("S!A1:A2", true);
      await ctx.sync();
    });
    const rename = (name: string) => codeOf(run(d, async (ctx) => {
      ctx.workbook.tables.getItem(d.workbook.tables[0]!.name).name = name;
      await ctx.sync();
    }));
    for (const bad of ["C", "c", "R", "r", "R1C1", "rc", "R2C", "C5"]) expect([bad, await rename(bad)]).toEqual([bad, "InvalidArgument"]);
    for (const good of ["Results", "Cost", "r_1", "RCA"]) expect([good, await rename(good)]).toEqual([good, undefined]);
    expect(d.workbook.tables[0]!.name).toBe("RCA");
  });

  test("'History' is not a sheet name, in any case, to add or to rename to", async () => {
    const d = createExcelDouble();
    d.addSheet("S");
    for (const name of ["History", "history", "HISTORY"]) {
      expect(await codeOf(run(d, async (ctx) => { ctx.workbook.worksheets.add(name); await ctx.sync(); }))).toBe("InvalidArgument");
      expect(await codeOf(run(d, async (ctx) => { ctx.workbook.worksheets.getItem("S").name = name; await ctx.sync(); }))).toBe("InvalidArgument");
    }
    await run(d, async (ctx) => { ctx.workbook.worksheets.add("History 2025"); await ctx.sync(); });
    expect(d.sheetNames()).toEqual(["S", "History 2025"]);
  });
});
