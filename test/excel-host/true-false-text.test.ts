/**
 * A text that Excel would read as a truth value ("TRUE", "false", any case, spaces around) is
 * written as text: the host formats its cell "@" before writing it, so a unit, group or category
 * named "TRUE" shows as the word, not as Excel's TRUE. (Excel, and the double, make a boolean of
 * "TRUE" written through `values` into a cell that is not formatted as text.) The plan formats the
 * names it writes as text itself; this is the host's own guard for a block the plan gives another
 * format or none.
 */
import { createExcelDouble } from "../excel-double";
import { queueBlock } from "../../src/hosts/excel/apply";
import { RequestPacker } from "../../src/hosts/excel/payload";

async function write(blocks: Parameters<typeof queueBlock>[2][]) {
  const double = createExcelDouble().install();
  double.addSheet("Biểu đồ");
  const packer = new RequestPacker();
  for (const b of blocks) queueBlock(packer, "Biểu đồ", b);
  await Excel.run(async (ctx) => packer.flush(ctx));
  expect(double.requests.every((r) => r.ok)).toBe(true);
  const at = (row: number, col: number) => {
    const c = double.sheet("Biểu đồ").get(row, col);
    return { v: c?.v, t: c?.t, nf: c?.nf };
  };
  return { double, at };
}

describe("texts Excel would read as TRUE or FALSE", () => {
  test("written with a number format of their block, \"TRUE\", \"false\" and \" True \" stay the texts typed, in cells formatted as text; the block's other cells keep its format", async () => {
    const { at } = await write([{ address: "A1", values: [["TRUE", "false", " True ", "Sở Y tế", 0.5]], numberFormat: "0.00" }]);
    expect([at(0, 0), at(0, 1), at(0, 2)]).toEqual([
      { v: "TRUE", t: "String", nf: "@" },
      { v: "false", t: "String", nf: "@" },
      { v: " True ", t: "String", nf: "@" },
    ]);
    expect(at(0, 3)).toEqual({ v: "Sở Y tế", t: "String", nf: "0.00" });
    expect(at(0, 4)).toEqual({ v: 0.5, t: "Double", nf: "0.00" });
  });

  test("written in a block without a format of its own (a bold header), \"TRUE\" and \"FALSE\" on fresh cells stay text", async () => {
    const { double, at } = await write([{ address: "B3", values: [["Nhóm chỉ số", "TRUE", "FALSE"]], bold: true }]);
    expect([at(2, 2), at(2, 3)]).toEqual([
      { v: "TRUE", t: "String", nf: "@" },
      { v: "FALSE", t: "String", nf: "@" },
    ]);
    expect([...double.sheet("Biểu đồ").cells.values()].filter((c) => c.t === "Boolean")).toEqual([]);
  });

  test("the double, as Excel, makes a truth value of \"TRUE\" written into a General cell: the guard above is needed", async () => {
    const double = createExcelDouble().install();
    double.addSheet("Biểu đồ");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Biểu đồ").getRange("A1:B1").values = [["TRUE", "false"]];
      await ctx.sync();
    });
    expect([double.sheet("Biểu đồ").get(0, 0)?.v, double.sheet("Biểu đồ").get(0, 1)?.v]).toEqual([true, false]);
  });
});
