/**
 * The results table grown (a unit more) over a block the analyst put under it: rows are inserted
 * above the block, which moves down whole and stays under the project's lines, and what refers to
 * it follows, as Excel does when rows are inserted.
 */
import ExcelJS from "exceljs";
import { ROUNDING_NOTE } from "../../core/plan/labels";
import { edit, open, scoreAgain, scoredDemo } from "./test-workbooks";

/**
 * The demo (20 units, table A3:AC23, a form not scored listed in A25:D26, the line that says points
 * are shown rounded in A28:D28) with a unit more to come (the table to take row 24, the rounding
 * line A26) and `change` made to it.
 */
async function grownDemo(change: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  return edit(await scoredDemo(), (wb) => {
    // The form not scored gets a code of its own: 21 units, the table takes A3:AC24, the rounding line A26.
    wb.getWorksheet("Đài Phát thanh và Truyền hình…")!.getCell("B2").value = "DPTTH";
    change(wb, wb.getWorksheet("Kết quả")!);
  });
}

describe("a unit more, over what the analyst put under the results table", () => {
  test("a signature block merged over two rows moves down whole, under the rounding line, not cut by it; a line of theirs on that line's row stays with the block", async () => {
    const file = await grownDemo((_wb, ws) => {
      ws.getCell("E24").value = "NGƯỜI LẬP BIỂU (Ký, ghi rõ họ tên)";
      ws.mergeCells("E24:H25");
      ws.getCell("H26").value = "Ghi chú";
      ws.getCell("A27").value = "Nguyễn Văn A";
    });
    const again = await scoreAgain(file);
    expect(again.warnings.map((w) => w.en)).toEqual([
      `This run's results table and the lines DTI Scorer writes under it on the sheet 'Kết quả' take other rows than last time, so DTI Scorer inserted 4 rows before row 24 rather than write over or between what you typed below the table (E24 "NGƯỜI LẬP BIỂU (Ký, ghi rõ họ tên)", H26 "Ghi chú", A27 "Nguyễn Văn A"): those cells, with every cell from row 24 down, moved 4 rows down, as they were.`,
    ]);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    expect(ws.getCell("A26").value).toBe(ROUNDING_NOTE.vi);
    expect([ws.getCell("E28").value, ws.getCell("H30").value, ws.getCell("A31").value]).toEqual(["NGƯỜI LẬP BIỂU (Ký, ghi rõ họ tên)", "Ghi chú", "Nguyễn Văn A"]);
    expect((ws.model as unknown as { merges: string[] }).merges).toContain("E28:H29");
  });

  test("a drop-down over several cells whose list lies under the table lists the same cells after the move, on the sheet and from another sheet", async () => {
    const file = await grownDemo((wb, ws) => {
      ws.getCell("D24").value = "Ghi chú";
      ["Đạt", "Không đạt", "Chưa rõ"].forEach((v, i) => (ws.getCell(`K${30 + i}`).value = v));
      for (const a of ["G30", "G31", "G32", "G33"]) ws.getCell(a).dataValidation = { type: "list", allowBlank: true, formulae: ["$K$30:$K$32"] };
      const other = wb.addWorksheet("Đánh giá");
      for (const a of ["B1", "B2", "B3"]) other.getCell(a).dataValidation = { type: "list", allowBlank: true, formulae: ["'Kết quả'!$K$30:$K$32"] };
    });
    const wb = await open((await scoreAgain(file)).out);
    const ws = wb.getWorksheet("Kết quả")!;
    expect(ws.getCell("K34").value).toBe("Đạt");
    for (const a of ["G34", "G37"]) expect(ws.getCell(a).dataValidation).toMatchObject({ formulae: ["$K$34:$K$36"] });
    for (const a of ["B1", "B3"]) expect(wb.getWorksheet("Đánh giá")!.getCell(a).dataValidation).toMatchObject({ formulae: ["'Kết quả'!$K$34:$K$36"] });
  });

  test("formulas filled down on another sheet across the insert read each cell where it is now; references to the sheet's last row stay there", async () => {
    const file = await grownDemo((wb, ws) => {
      ws.getCell("D24").value = "Ghi chú";
      ws.getCell("A30").value = "Người lập biểu";
      ws.getCell("A31").value = "Chức vụ";
      const other = wb.addWorksheet("Tổng hợp");
      other.fillFormula("B1:B8", "'Kết quả'!A20", Array.from({ length: 8 }, () => 0));
      other.getCell("D1").value = { formula: "COUNTA('Kết quả'!A30:A1048576)", result: 2 } as ExcelJS.CellFormulaValue;
      other.getCell("D2").value = { formula: "COUNTA('Kết quả'!30:1048576)", result: 2 } as ExcelJS.CellFormulaValue;
    });
    const other = (await open((await scoreAgain(file)).out)).getWorksheet("Tổng hợp")!;
    // They read A20:A27: B1:B4 the table's rows above the insert (row 24), as they were; B5:B8 the cells four rows down now.
    expect(other.getCell("B1").formula).toBe("'Kết quả'!A20");
    expect(other.getCell("B4").formula).toBe("'Kết quả'!A23");
    expect(other.getCell("B5").formula).toBe("'Kết quả'!A28");
    expect(other.getCell("B8").formula).toBe("'Kết quả'!A31");
    expect(other.getCell("D1").formula).toBe("COUNTA('Kết quả'!A34:A1048576)");
    expect(other.getCell("D2").formula).toBe("COUNTA('Kết quả'!34:1048576)");
  });

  test("a block right under the old rounding line, none of it written over, keeps one empty row under the new one, its hidden and grouped rows as they were; scored again, nothing moves", async () => {
    const file = await grownDemo((_wb, ws) => {
      ws.getCell("A29").value = "Người lập biểu";
      ws.getCell("A30").value = "(ẩn)";
      ws.getRow(30).hidden = true;
      ws.getCell("A31").value = "Nguyễn Văn A";
      ws.getRow(31).outlineLevel = 1;
    });
    const again = await scoreAgain(file);
    // The rounding line goes up to A26 (the table takes row 24; the list of forms not scored is gone): the block, from row 29, is well under it and stays.
    expect(again.warnings).toEqual([]);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    expect(ws.getCell("A26").value).toBe(ROUNDING_NOTE.vi);
    expect([ws.getCell("A29").value, ws.getCell("A30").value, ws.getCell("A31").value]).toEqual(["Người lập biểu", "(ẩn)", "Nguyễn Văn A"]);
    expect(ws.getRow(30).hidden).toBe(true);
    expect(ws.getRow(31).outlineLevel).toBe(1);
  });

  test("a block under the lines, which the table's growth brings up against it, moves down, one empty row between, hidden and grouped rows as they were; scored again, nothing moves", async () => {
    // From row 27, over the old rounding line (A28, typed over: theirs); the new one goes to A26, which the block would touch.
    const file = await grownDemo((_wb, ws) => {
      ws.getCell("A27").value = "Người lập biểu";
      ws.getCell("A28").value = "(ẩn)";
      ws.getRow(28).hidden = true;
      ws.getCell("A29").value = "Nguyễn Văn A";
      ws.getRow(29).outlineLevel = 1;
    });
    const again = await scoreAgain(file);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    expect(ws.getCell("A26").value).toBe(ROUNDING_NOTE.vi);
    expect(again.warnings.map((w) => w.en)[0]).toMatch(/inserted 1 row before row 27 .*moved 1 row down/);
    expect([ws.getCell("A27").value, ws.getCell("A28").value, ws.getCell("A29").value, ws.getCell("A30").value]).toEqual([null, "Người lập biểu", "(ẩn)", "Nguyễn Văn A"]);
    expect(ws.getRow(29).hidden).toBe(true);
    expect(ws.getRow(30).outlineLevel).toBe(1);
    const third = await scoreAgain(again.out);
    expect(third.warnings).toEqual([]);
    expect((await open(third.out)).getWorksheet("Kết quả")!.getCell("A28").value).toBe("Người lập biểu");
  });

});

describe("rows the analyst inserted or deleted under the results table, scored again with the same units", () => {
  test("rows inserted between the table and the project's lines: those lines are found where they moved and written once, in their place; the analyst's lines go under them", async () => {
    const file = await edit(await scoredDemo(), (wb) => {
      const ws = wb.getWorksheet("Kết quả")!;
      // As Excel's Insert > Sheet Rows at row 24, three rows: the lines under the table move to 28:29 and 31.
      ws.spliceRows(24, 0, [], [], []);
      ws.getCell("A24").value = "Ghi chú của tôi";
    });
    const pre = (await open(file)).getWorksheet("Kết quả")!;
    expect([pre.getCell("A28").value, pre.getCell("A31").value]).toEqual(["1 phiếu chưa được chấm:", ROUNDING_NOTE.vi]);
    const again = await scoreAgain(file);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    const column = Array.from({ length: 40 }, (_, i) => ws.getCell(`A${i + 1}`).value);
    expect(column.filter((v) => v === "1 phiếu chưa được chấm:")).toHaveLength(1);
    expect(column.filter((v) => v === ROUNDING_NOTE.vi)).toHaveLength(1);
    expect([ws.getCell("A25").value, ws.getCell("A28").value]).toEqual(["1 phiếu chưa được chấm:", ROUNDING_NOTE.vi]);
    expect(ws.getCell("A30").value).toBe("Ghi chú của tôi");
    expect(again.warnings.map((w) => w.en).join("\n")).toMatch(/inserted 6 rows before row 24 .*A24 "Ghi chú của tôi"/);
  });

  test("an empty row deleted between the table and the project's lines: those lines are written once, in their place", async () => {
    const file = await edit(await scoredDemo(), (wb) => {
      // As Excel's Delete > Sheet Rows at row 24 (ExcelJS's spliceRows copies merged cells' values: the merges are made again).
      const ws = wb.getWorksheet("Kết quả")!;
      const below = ["A25:D25", "A26:D26", "A28:D28"];
      for (const m of below) ws.unMergeCells(m);
      ws.spliceRows(24, 1);
      for (const m of ["A24:D24", "A25:D25", "A27:D27"]) ws.mergeCells(m);
    });
    const again = await scoreAgain(file);
    expect(again.warnings).toEqual([]);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    const column = Array.from({ length: 40 }, (_, i) => ws.getCell(`A${i + 1}`).value);
    expect(column.filter((v) => v === "1 phiếu chưa được chấm:")).toHaveLength(1);
    expect(column.filter((v) => v === ROUNDING_NOTE.vi)).toHaveLength(1);
    expect([ws.getCell("A25").value, ws.getCell("A28").value]).toEqual(["1 phiếu chưa được chấm:", ROUNDING_NOTE.vi]);
  });

  test("a column of remarks right of the table, past its last row, is beside the table: a unit more does not split it", async () => {
    const file = await grownDemo((_wb, ws) => {
      for (let row = 20; row <= 26; row++) ws.getCell(`AE${row}`).value = `Ghi chú ${row - 19}`;
    });
    const again = await scoreAgain(file);
    // (What lies beside the table's rows may no longer sit beside its unit once the rows are sorted again: said, as ever.)
    expect(again.warnings.map((w) => w.en).join("\n")).not.toMatch(/inserted/);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    for (let row = 20; row <= 26; row++) expect(ws.getCell(`AE${row}`).value).toBe(`Ghi chú ${row - 19}`);
  });
});
