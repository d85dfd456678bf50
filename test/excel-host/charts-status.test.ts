/**
 * The charts sheet's status line (A1) in Excel, when the analyst changed the top of the sheet
 * since the last run: a title typed in A1 stays, and the project's rule that turned the line red
 * goes from it, found among the rules on A1 by its formula (the analyst's own rules there stay),
 * so that the title never shows as the warning; a row inserted at the top moved the line and its
 * rule to A2, under the first chart: both go, so that the sheet has one line, in A1, or none. In
 * as many requests as a run over an untouched sheet.
 */
import type { ExcelDouble } from "../excel-double";
import { score, scoredOnce } from "./fixtures";

const CHARTS = "Biểu đồ";
const COUNT = `COUNTIFS('_index'!$A:$A,"inputs",'_index'!$C:$C,">0")`;
const TITLE = "Báo cáo quý IV — bản của tôi";
const LATER = new Date("2026-01-22T08:00:00Z");

/** The custom rules of the charts sheet: where each applies (A1 style, top-left cell) and its formula. */
function customRules(double: ExcelDouble): { at: string; formula: string | undefined }[] {
  return double
    .sheet(CHARTS)
    .conditionalFormats.filter((c) => c.type === "Custom")
    .map((c) => ({ at: `${String.fromCharCode(65 + c.areas[0]!.col)}${c.areas[0]!.row + 1}`, formula: c.custom?.formula }));
}

/** The cells of column A, rows 1 to 10, that hold the status line's formula. */
function statusCells(double: ExcelDouble): string[] {
  const out: string[] = [];
  for (let r = 1; r <= 10; r++) if ((double.cell(`'${CHARTS}'!A${r}`)?.f ?? "").includes("đã cũ")) out.push(`A${r}`);
  return out;
}

/** The requests a second run takes over an untouched workbook. */
async function plainSyncs(): Promise<number> {
  const { double, definition } = await scoredOnce();
  double.resetCounters();
  await score(double, definition, LATER);
  return double.syncCount;
}

describe("in Excel, the charts sheet's status line after the analyst changed the top of the sheet", () => {
  test("a title typed in A1: it stays; the project's rule goes from A1, the analyst's own rules on it stay; a third run the same; as many requests as over an untouched sheet", async () => {
    const plain = await plainSyncs();
    const { double, definition } = await scoredOnce();
    expect(customRules(double)).toEqual([{ at: "A1", formula: `=${COUNT}>0` }]);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(CHARTS);
      ws.getRange("A1").values = [[TITLE]];
      const mine = ws.getRange("A1").conditionalFormats.add("Custom");
      mine.custom.rule.formula = "=LEN(A1)>20";
      mine.custom.format.font.italic = true;
      const wide = ws.getRange("A1:C1").conditionalFormats.add("Custom");
      wide.custom.rule.formula = '=$A1="x"';
      await ctx.sync();
    });
    double.resetCounters();
    await score(double, definition, LATER);
    const check = () => {
      expect(double.value(`'${CHARTS}'!A1`)).toBe(TITLE);
      expect(statusCells(double)).toEqual([]);
      expect(customRules(double)).toEqual([
        { at: "A1", formula: "=LEN(A1)>20" },
        { at: "A1", formula: '=$A1="x"' },
      ]);
      expect(double.sheet(CHARTS).conditionalFormats.find((c) => c.custom?.formula === '=$A1="x"')!.areas).toEqual([{ row: 0, col: 0, rows: 1, cols: 3 }]);
    };
    check();
    expect(double.syncCount).toBe(plain);
    await score(double, definition, LATER);
    check();
  }, 60_000);

  test.each([
    ["left empty: the line goes back to A1, once, with one rule", undefined],
    ["with a title typed in it: the title stays, and the sheet has neither line nor rule", TITLE],
  ])("a row inserted at the top, %s; nothing of the project's is left in A2, under the first chart", async (_, title) => {
    const plain = await plainSyncs();
    const { double, definition } = await scoredOnce();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(CHARTS);
      ws.getRange("1:1").insert("Down");
      if (title !== undefined) ws.getRange("A1").values = [[title]];
      await ctx.sync();
    });
    expect(statusCells(double)).toEqual(["A2"]);
    expect(customRules(double)).toEqual([{ at: "A2", formula: `=${COUNT}>0` }]);
    double.resetCounters();
    await score(double, definition, LATER);
    const check = () => {
      if (title === undefined) {
        expect(statusCells(double)).toEqual(["A1"]);
        expect(customRules(double)).toEqual([{ at: "A1", formula: `=${COUNT}>0` }]);
      } else {
        expect(double.value(`'${CHARTS}'!A1`)).toBe(title);
        expect(statusCells(double)).toEqual([]);
        expect(customRules(double)).toEqual([]);
      }
      expect(double.cell(`'${CHARTS}'!A2`)?.f).toBeUndefined();
    };
    check();
    expect(double.syncCount).toBe(plain);
    await score(double, definition, LATER);
    check();
  }, 60_000);

  test("a row inserted at the top, and a text typed over the line where it moved (A2): the text stays, the rule goes from it, and the line is written again in A1, once", async () => {
    const plain = await plainSyncs();
    const { double, definition } = await scoredOnce();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(CHARTS);
      ws.getRange("1:1").insert("Down");
      ws.getRange("A2").values = [["Ghi chú của tôi"]];
      await ctx.sync();
    });
    expect(customRules(double)).toEqual([{ at: "A2", formula: `=${COUNT}>0` }]);
    double.resetCounters();
    await score(double, definition, LATER);
    expect(double.syncCount).toBe(plain);
    for (let run = 0; run < 2; run++) {
      if (run > 0) await score(double, definition, LATER);
      expect(double.value(`'${CHARTS}'!A2`)).toBe("Ghi chú của tôi");
      expect(statusCells(double)).toEqual(["A1"]);
      expect(customRules(double)).toEqual([{ at: "A1", formula: `=${COUNT}>0` }]);
    }
  }, 60_000);
});
