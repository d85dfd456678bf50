import ExcelJS from "exceljs";
import { readIndexSheet } from "../../core/plan/index-sheet";
import { INDEX_SHEET, RESULTS_TABLE } from "../../core/plan/labels";
import { DEMO_DEFINITION, DEMO_UNITS } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { snapshotWorkbook } from "./read";
import { demoForms, edit, open } from "./test-workbooks";


async function score(file: Uint8Array, lang: "vi" | "en" = "vi") {
  const host = await XlsxHost.fromBuffer(file, "bao-cao.xlsx");
  const result = await runScoring(host, { definition: DEMO_DEFINITION, lang, projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return { out: await host.toBuffer(), host, result };
}

const SUMMARY_LABELS = ["Tổng điểm", "Giá trị", "Total points", "Value"];

/** The addresses of the summaries on a sheet: cells of rows 1–2 holding a summary's first label. */
function summaries(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  for (const r of [1, 2]) ws.getRow(r).eachCell((c) => {
    if (typeof c.value === "string" && SUMMARY_LABELS.includes(c.value)) out.push(c.address);
  });
  return out;
}

describe("a unit's form sheet renamed between two runs", () => {
  const before = DEMO_UNITS[0]!.code;
  const after = "STP sửa";

  async function scoredThenRenamed(dropFormRows = false) {
    const first = await score(await demoForms());
    const firstWb = await open(first.out);
    const [place] = summaries(firstWb.getWorksheet(before)!);
    const renamed = await edit(first.out, (wb) => {
      wb.getWorksheet(before)!.name = after;
      // An `_index` of a version that did not record whose form a sheet is.
      if (dropFormRows) {
        const ix = wb.getWorksheet(INDEX_SHEET)!;
        ix.eachRow((row) => {
          if (row.getCell(1).value === "form") row.eachCell((c) => (c.value = null));
        });
      }
    });
    // The unit's figures change: the summary must show the new ones.
    const changed = await edit(renamed, (wb) => {
      const ws = wb.getWorksheet(after)!;
      ws.eachRow((row) => row.eachCell((c) => {
        if (c.value === 90) c.value = 10;
      }));
    });
    const second = await score(changed);
    return { first, place: place!, second, wb: await open(second.out) };
  }

  test.each([
    ["recorded in _index by unit", false],
    ["found by its labels (an _index without form rows)", true],
  ])("the summary is written again where it was, once, with the current figures (%s)", async (_, dropFormRows) => {
    const { first, place, second, wb } = await scoredThenRenamed(dropFormRows);
    const ws = wb.getWorksheet(after)!;
    expect(summaries(ws)).toEqual([place]);
    const cell = ws.getCell(place);
    const value = ws.getCell(Number(cell.row), Number(cell.col) + 1).value;
    const unit = second.result.table.units.find((u) => u.code === before)!;
    const firstUnit = first.result.table.units.find((u) => u.code === before)!;
    expect(unit.points).not.toBe(firstUnit.points);
    expect(value).toBe(unit.points ?? unit.value);
    const rank = ws.getCell(Number(cell.row) + 1, Number(cell.col) + 1).value;
    expect(rank).toBe(`${unit.rank}/${DEMO_UNITS.length}`);
    // _index now knows the sheet by its new name.
    const state = readIndexSheet(snapshotWorkbook(wb))!;
    expect(state.owned.cells.filter((c) => c.sheet === before)).toEqual([]);
    expect(state.owned.cells.find((c) => c.sheet === after && c.role === "summary")!.ranges[0]!.startsWith(place)).toBe(true);
    expect(state.owned.forms).toContainEqual({ unit: before, sheet: after });
    // A third run leaves it there too.
    const third = await open((await score(second.out)).out);
    expect(summaries(third.getWorksheet(after)!)).toEqual([place]);
  });
});

describe("the results sheet renamed by the user", () => {
  test("is still the project's: written again under the user's name with its table, no `Kết quả` added, no warning", async () => {
    const first = await score(await demoForms());
    const renamed = await edit(first.out, (wb) => {
      wb.getWorksheet("Kết quả")!.name = "KQ 2025";
    });
    const second = await score(renamed);
    const wb = await open(second.out);
    expect(wb.getWorksheet("Kết quả")).toBeUndefined();
    const ws = wb.getWorksheet("KQ 2025")!;
    expect(ws.getTable(RESULTS_TABLE)).toBeDefined();
    expect(ws.getCell("A2").text).toContain("2024");
    expect(second.host.lastApply!.warnings).toEqual([]);
    const state = readIndexSheet(snapshotWorkbook(wb))!;
    expect(state.owned.sheets).toEqual(["KQ 2025", "Biểu đồ", INDEX_SHEET]);
    // And again, in the other language: still under the user's name.
    const third = await open((await score(second.out, "en")).out);
    expect(third.getWorksheet("Results")).toBeUndefined();
    expect(third.getWorksheet("KQ 2025")!.getTable(RESULTS_TABLE)).toBeDefined();
    expect(third.getWorksheet("KQ 2025")!.getCell("A3").value).toBe("Rank");
  });

  test("the charts sheet renamed too: both written under the user's names, the charts recorded there", async () => {
    const first = await score(await demoForms());
    const renamed = await edit(first.out, (wb) => {
      wb.getWorksheet("Kết quả")!.name = "KQ";
      wb.getWorksheet("Biểu đồ")!.name = "BĐ 2025";
    });
    const wb = await open((await score(renamed)).out);
    expect(wb.worksheets.map((w) => w.name).filter((n) => !DEMO_UNITS.some((u) => u.code === n))).toEqual(["KQ", "BĐ 2025", INDEX_SHEET]);
    const state = readIndexSheet(snapshotWorkbook(wb))!;
    expect(new Set(state.owned.charts.map((c) => c.sheet))).toEqual(new Set(["BĐ 2025"]));
  });

  test("beside a user's own `Kết quả`: the renamed `Kết quả (2)` keeps being ours, and the warning about the user's sheet is not repeated", async () => {
    const withMine = await edit(await demoForms(), (wb) => {
      wb.addWorksheet("Kết quả").getCell("A1").value = "Của tôi";
    });
    const first = await score(withMine);
    expect(first.host.lastApply!.warnings).toHaveLength(1);
    const second = await score(first.out);
    expect(second.host.lastApply!.warnings).toEqual([]);
    const renamed = await edit(second.out, (wb) => {
      wb.getWorksheet("Kết quả (2)")!.name = "KQ 2025";
    });
    const third = await score(renamed);
    expect(third.host.lastApply!.warnings).toEqual([]);
    const wb = await open(third.out);
    expect(wb.getWorksheet("Kết quả (2)")).toBeUndefined();
    expect(wb.getWorksheet("KQ 2025")!.getTable(RESULTS_TABLE)).toBeDefined();
    expect(wb.getWorksheet("Kết quả")!.getCell("A1").value).toBe("Của tôi");
  });
});

describe("cells the user typed on the results sheet", () => {
  test("stay where they are when the run writes the sheet again, and nothing is said", async () => {
    const first = await score(await demoForms());
    expect(first.host.lastApply!.warnings).toEqual([]);
    const typed = await edit(first.out, (wb) => {
      const ws = wb.getWorksheet("Kết quả")!;
      ws.getCell("Y4").value = "hỏi lại";
      ws.getCell("W5").value = 3;
    });
    const second = await score(typed);
    expect(second.host.lastApply!.warnings).toEqual([]);
    const ws = (await open(second.out)).getWorksheet("Kết quả")!;
    expect([ws.getCell("Y4").value, ws.getCell("W5").value]).toEqual(["hỏi lại", 3]);
    const third = await score(second.out);
    expect(third.host.lastApply!.warnings).toEqual([]);
  });
});
