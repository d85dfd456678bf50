/**
 * What the analyst typed on the results sheet between two runs, beside the table or right under
 * it, stays when the sheet is written again: the host clears only the cells the last run owned
 * and those this run writes. `_index` records the range the table took, so that a column added
 * beside the table or a line typed under it is told from the table itself. A cell this run
 * writes over is named in a warning, with its text.
 */
import type { CellValue, WorkbookSnapshot } from "../types";
import { columnLetter, parseRange } from "./a1";
import { type IndexSheetState } from "./index-sheet";
import { clearedBy, demoSnapshot, indexState, ownedGrid, planWithoutRadar, TWENTY } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");


const run = (snapshot: WorkbookSnapshot, previous?: IndexSheetState, lang: "vi" | "en" = "vi") => planWithoutRadar(snapshot, NOW, previous, lang);

/** The workbook as the first run left it, with the results sheet as `type` changes it. */
function afterFirstRun(type: (results: CellValue[][]) => void, dropTableRecord = false) {
  const first = run(demoSnapshot(TWENTY));
  const results = ownedGrid(first, "Kết quả").map((r) => [...r]);
  type(results);
  const snapshot = demoSnapshot(TWENTY);
  snapshot.sheets.push({ name: "Kết quả", values: results });
  const previous = indexState(first);
  if (dropTableRecord) previous.owned.cells = previous.owned.cells.filter((c) => c.role !== "table");
  return { first, snapshot, previous };
}

function put(grid: CellValue[][], row: number, column: number, value: CellValue): void {
  const line = (grid[row - 1] ??= []);
  while (line.length < column) line.push(null);
  line[column - 1] = value;
}

describe("what the analyst typed beside the results table", () => {
  test("_index records the range the table took, header and rows", () => {
    const plan = run(demoSnapshot(TWENTY));
    const header = ownedGrid(plan, "Kết quả")[2]!;
    expect(indexState(plan).owned.cells.filter((c) => c.role === "table")).toEqual([
      { sheet: "Kết quả", role: "table", ranges: [`A3:${columnLetter(header.length)}23`] },
    ]);
    const table = plan.owned.find((o) => o.name === "Kết quả")!.tables[0]!;
    expect(parseRange(table.range)).toEqual(parseRange(`A3:${columnLetter(header.length)}23`));
  });

  test("what is typed on the table's rows past a column without a header stays where it is while the units move: named, with where to type instead", () => {
    let column = 0;
    let row = 0;
    const { snapshot, previous } = afterFirstRun((results) => {
      column = results[2]!.length + 2;
      row = results.findIndex((r) => r[1] === "SO-07") + 1;
      put(results, row, column, "NX cho SO-07");
      // A block of the user's own beside it, headed in the table's header row: not lines per unit.
      put(results, 3, column + 2, "Tổng hợp");
      put(results, 16, column + 2, 20);
    });
    // Without the first five departments every row moves; with all of them, none does and nothing is said.
    const same = run(snapshot, previous);
    expect(same.warnings ?? []).toEqual([]);
    const fewer = demoSnapshot(TWENTY.slice(5));
    fewer.sheets.push(snapshot.sheets.find((s) => s.name === "Kết quả")!);
    const plan = run(fewer, previous);
    const right = parseRange(plan.owned.find((o) => o.name === "Kết quả")!.tables[0]!.range).right;
    expect(plan.warnings).toEqual([
      {
        sheet: "Kết quả",
        vi: `Trang 'Kết quả': 1 ô bạn nhập bên phải bảng kết quả, trên các dòng của bảng nhưng ngoài bảng, giữ nguyên chỗ trong khi các đơn vị được sắp lại theo thứ hạng mới, nên có thể không còn cùng dòng với đơn vị của chúng: ${columnLetter(column)}${row} "NX cho SO-07". Để những gì ghi theo từng đơn vị đi theo đơn vị, hãy nhập vào cột ngay bên phải bảng (cột ${columnLetter(right + 1)}, với tiêu đề ở dòng tiêu đề của bảng).`,
        en: `Sheet 'Kết quả': 1 cell you typed right of the results table, on its rows but outside it, stays where it is while the units are sorted again by their new ranks, so it may no longer sit beside its unit: ${columnLetter(column)}${row} "NX cho SO-07". For what you write per unit to go with its unit, type it in the column right beside the table (column ${columnLetter(right + 1)}, with a header in the table's header row).`,
      },
    ]);
    // The cell itself is the user's: not cleared.
    expect(clearedBy(plan, "Kết quả", `${columnLetter(column)}${row}`)).toBe(false);
  });

  test("a column the analyst added to the table (its header in the header row) becomes the table's last column, each value on its department's row; one of a department no longer scored is named", () => {
    let column = 0;
    const { snapshot, previous } = afterFirstRun((results) => {
      column = results[2]!.length + 1;
      put(results, 3, column, "Nhận xét HĐ");
      // Two departments have a comment, on their rows of the last run's table.
      for (let row = 4; row <= 23; row++) {
        const code = String(results[row - 1]![1]);
        if (code === "SO-07" || code === "SO-02") put(results, row, column, `Đã xem xét hồ sơ ${code}`);
      }
    });
    // This time without the first five departments: every row moves.
    const fewer = demoSnapshot(TWENTY.slice(5));
    fewer.sheets.push(snapshot.sheets.find((s) => s.name === "Kết quả")!);
    const plan = run(fewer, previous);
    const grid = ownedGrid(plan, "Kết quả");
    const header = grid[2]!;
    expect(header[header.length - 1]).toBe("Nhận xét HĐ");
    const table = plan.owned.find((o) => o.name === "Kết quả")!.tables[0]!;
    expect(parseRange(table.range).right).toBe(header.length);
    const byCode = new Map(grid.slice(3, 18).map((r) => [String(r[1]), r[header.length - 1] ?? null]));
    expect(byCode.get("SO-07")).toBe("Đã xem xét hồ sơ SO-07");
    expect([...byCode.values()].filter((v) => v !== null && v !== "")).toHaveLength(1);
    // SO-02 is no longer scored: its comment is named, with its unit, its text, the column's header and its cell.
    const old = snapshot.sheets.find((s) => s.name === "Kết quả")!.values;
    const at = old.findIndex((r) => r[1] === "SO-02") + 1;
    expect(plan.warnings).toEqual([
      {
        sheet: "Kết quả",
        vi: `Đơn vị Sở số 02 (SO-02) không còn trong bảng kết quả nên giá trị "Đã xem xét hồ sơ SO-02" bạn nhập ở cột "Nhận xét HĐ" (ô 'Kết quả'!${columnLetter(column)}${at}) đã bị bỏ. Hãy nhập lại ở nơi khác nếu cần.`,
        en: `Sở số 02 (SO-02) is no longer in the results table, so the value "Đã xem xét hồ sơ SO-02" you typed in the column "Nhận xét HĐ" (cell 'Kết quả'!${columnLetter(column)}${at}) was dropped. Type it again elsewhere if you still need it.`,
      },
    ]);
    // Its old cells are the project's to clear. `_index` records the table without the column,
    // so that the next run finds it again right of it, and carries it once more.
    expect(clearedBy(plan, "Kết quả", `${columnLetter(column)}${at}`)).toBe(true);
    const { top, bottom } = parseRange(table.range);
    expect(indexState(plan).owned.cells.find((c) => c.role === "table")!.ranges).toEqual([`A${top}:${columnLetter(header.length - 1)}${bottom}`]);
    const third = demoSnapshot(TWENTY.slice(5));
    third.sheets.push({ name: "Kết quả", values: grid });
    const again = run(third, indexState(plan));
    expect(again.warnings ?? []).toEqual([]);
    const next = ownedGrid(again, "Kết quả");
    expect(next[2]![header.length - 1]).toBe("Nhận xét HĐ");
    expect(next.slice(3).find((r) => r[1] === "SO-07")![header.length - 1]).toBe("Đã xem xét hồ sơ SO-07");
  });

  test("values of two added columns whose departments are no longer scored: the warning names each department by name and code, the column and the old cell, in both languages", () => {
    let column = 0;
    const { snapshot, previous } = afterFirstRun((results) => {
      column = results[2]!.length + 1;
      put(results, 3, column, "Ghi chú của hội đồng");
      put(results, 3, column + 1, "Điểm thưởng");
      for (let row = 4; row <= 23; row++) {
        const code = String(results[row - 1]![1]);
        if (code === "SO-01") put(results, row, column, "Cần bổ sung minh chứng");
        if (code === "SO-03") put(results, row, column + 1, 2);
        if (code === "SO-09") put(results, row, column, "Giữ nguyên");
      }
    });
    // SO-01 to SO-05 are no longer scored; SO-09 still is.
    const fewer = demoSnapshot(TWENTY.slice(5));
    fewer.sheets.push(snapshot.sheets.find((s) => s.name === "Kết quả")!);
    const old = snapshot.sheets.find((s) => s.name === "Kết quả")!.values;
    const cell = (code: string, c: number) => `'Kết quả'!${columnLetter(c)}${old.findIndex((r) => r[1] === code) + 1}`;
    const vi = run(fewer, previous);
    expect(vi.warnings).toEqual([
      {
        sheet: "Kết quả",
        vi: `2 giá trị bạn nhập ở cột thêm vào bảng kết quả đã bị bỏ vì đơn vị của chúng không còn trong bảng kết quả: Sở số 01 (SO-01), cột "Ghi chú của hội đồng", ô ${cell("SO-01", column)}: "Cần bổ sung minh chứng"; Sở số 03 (SO-03), cột "Điểm thưởng", ô ${cell("SO-03", column + 1)}: "2". Hãy nhập lại ở nơi khác nếu cần.`,
        en: `2 values you typed in columns added to the results table were dropped, as their units are no longer in it: Sở số 01 (SO-01), column "Ghi chú của hội đồng", cell ${cell("SO-01", column)}: "Cần bổ sung minh chứng"; Sở số 03 (SO-03), column "Điểm thưởng", cell ${cell("SO-03", column + 1)}: "2". Type them again elsewhere if you still need them.`,
      },
    ]);
    // The one of a department still scored goes on with it.
    const grid = ownedGrid(vi, "Kết quả");
    expect(grid.find((r) => r[1] === "SO-09")![grid[2]!.indexOf("Ghi chú của hội đồng")]).toBe("Giữ nguyên");
  });

  test("a column typed beside the table, one column away from it, stays where it is: the run clears only its own cells, and warns of nothing", () => {
    let column = 0;
    const { snapshot, previous } = afterFirstRun((results) => {
      column = results[2]!.length + 2;
      put(results, 3, column, "Nhận xét của Hội đồng");
      for (let u = 0; u < 20; u++) put(results, 4 + u, column, `Đã xem xét hồ sơ ${u + 1}`);
    });
    const plan = run(snapshot, previous);
    const letter = columnLetter(column);
    expect(plan.warnings ?? []).toEqual([]);
    for (let row = 3; row <= 23; row++) expect(clearedBy(plan, "Kết quả", `${letter}${row}`)).toBe(false);
    // The last run's table and this run's are cleared, and a handful of ranges say so, however many units.
    expect(clearedBy(plan, "Kết quả", "A23")).toBe(true);
    expect(clearedBy(plan, "Kết quả", `${columnLetter(column - 2)}3`)).toBe(true);
    expect(plan.owned.find((o) => o.name === "Kết quả")!.clear!.length).toBeLessThanOrEqual(4);
  });

  test("a line typed right under the table stays while the table keeps its rows; a table grown over it pushes it down (rows inserted above it), and the warning says so, naming the cells", () => {
    const note = "Số liệu của Sở số 07 cần xác minh lại, theo công văn số 123/SKHĐT ngày 02/05/2024";
    const { snapshot, previous } = afterFirstRun((results) => {
      put(results, 24, 2, "Ghi chú");
      put(results, 24, 3, note);
      put(results, 26, 31, "hỏi lại Sở số 03");
    });
    const same = run(snapshot, previous);
    expect(same.warnings ?? []).toEqual([]);
    expect(same.insertRows).toBeUndefined();
    for (const cell of ["B24", "C24", "AE26"]) expect(clearedBy(same, "Kết quả", cell)).toBe(false);
    // A twenty-first department: the table takes row 24, and two rows are inserted above the note (one left empty under the table).
    const more = demoSnapshot([...TWENTY, { ...TWENTY[0]!, code: "SO-21", name: "Sở số 21" }]);
    more.sheets.push(snapshot.sheets.find((s) => s.name === "Kết quả")!);
    const grown = run(more, previous);
    expect(grown.insertRows).toEqual([{ sheet: "Kết quả", before: 24, count: 2 }]);
    // Nothing of the user's is cleared where it is after the insert: the note is on row 26 then.
    for (const cell of ["B26", "C26", "AE28"]) expect(clearedBy(grown, "Kết quả", cell)).toBe(false);
    const results = grown.owned.find((o) => o.name === "Kết quả")!;
    expect(results.tables[0]!.range).toMatch(/^A3:[A-Z]+24$/);
    expect((grown.warnings ?? []).map((w) => w.vi)).toEqual([
      `Lần chấm này, bảng kết quả và các dòng DTI Scorer ghi dưới bảng trên trang 'Kết quả' chiếm các dòng khác lần trước, nên DTI Scorer đã chèn 2 dòng trước dòng 24 để những gì bạn nhập bên dưới bảng (B24 "Ghi chú", C24 "${note.slice(0, 39)}…", AE26 "hỏi lại Sở số 03") không bị ghi đè hay chen vào giữa: các ô đó, cùng mọi ô từ dòng 24 trở xuống, được dời xuống 2 dòng, giữ nguyên nội dung và định dạng.`,
    ]);
    expect(grown.warnings![0]!.en).toBe(
      `This run's results table and the lines DTI Scorer writes under it on the sheet 'Kết quả' take other rows than last time, so DTI Scorer inserted 2 rows before row 24 rather than write over or between what you typed below the table (B24 "Ghi chú", C24 "${note.slice(0, 39)}…", AE26 "hỏi lại Sở số 03"): those cells, with every cell from row 24 down, moved 2 rows down, as they were.`,
    );
  });

  test("the table as the last run wrote it, and a table that lost rows since (fewer units), are the project's: no warning", () => {
    const same = afterFirstRun(() => undefined);
    expect(run(same.snapshot, same.previous).warnings ?? []).toEqual([]);
    // Five departments fewer this time: the sheet still shows the twenty rows of the last run.
    const fewer = demoSnapshot(TWENTY.slice(0, 15));
    fewer.sheets.push(same.snapshot.sheets.find((s) => s.name === "Kết quả")!);
    const plan = run(fewer, same.previous);
    expect(plan.warnings ?? []).toEqual([]);
    // And the next run records the smaller table.
    expect(indexState(plan).owned.cells.find((c) => c.role === "table")!.ranges[0]!.endsWith("18")).toBe(true);
  });

  test("a workbook whose _index does not record the table (scored by an earlier version) is measured as before: its own table is not taken for typing", () => {
    const untouched = afterFirstRun(() => undefined, true);
    expect(run(untouched.snapshot, untouched.previous).warnings ?? []).toEqual([]);
    const typed = afterFirstRun((results) => put(results, 30, 8, "hỏi lại"), true);
    const plan = run(typed.snapshot, typed.previous);
    expect(plan.warnings ?? []).toEqual([]);
    expect(clearedBy(plan, "Kết quả", "H30")).toBe(false);
    expect(clearedBy(plan, "Kết quả", "H23")).toBe(true);
  });
});
