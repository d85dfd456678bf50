/**
 * What an analyst types on the results sheet of a scored workbook stays when it is scored again:
 * the run clears only the cells the last run owned there and those it writes now. A cell the new
 * results are written over is named in the warning, with the text it held.
 */
import ExcelJS from "exceljs";
import { ROUNDING_NOTE } from "../../core/plan/labels";
import { edit, open, scoreAgain, scoredDemo } from "./test-workbooks";

const NOTE = "Đề nghị Sở Y tế và Đài Phát thanh và Truyền hình tỉnh thống nhất lại mã đơn vị trước kỳ sau";

/**
 * The demo as scored (20 units, table A3:AC23, one form not scored listed in A25:A26, the line that
 * says points are shown rounded in A28), with what the analyst typed.
 */
async function typedDemo(): Promise<Uint8Array> {
  return edit(await scoredDemo(), (wb) => {
    const ws = wb.getWorksheet("Kết quả")!;
    ws.getCell("E1").value = "Bản gửi Hội đồng";
    ws.getCell("E1").font = { bold: true, color: { argb: "FFC00000" } };
    ws.getCell("AE3").value = "Tổng hợp";
    ws.getCell("AE16").value = { formula: "COUNTA(B4:B23)", result: 20 } as ExcelJS.CellFormulaValue;
    ws.getCell("AE16").numFmt = "0";
    ws.getColumn("AE").width = 30;
    ws.getCell("A30").value = "Đã báo cáo lãnh đạo ngày 10/06";
    ws.getRow(30).height = 33;
    // Right under the table: the row a twenty-first unit takes.
    ws.getCell("D24").value = NOTE;
  });
}

describe("what the analyst typed on the results sheet, scored again", () => {
  test("the same units: every typed cell stays with its value, formula, look, row height and column width; nothing is said", async () => {
    const again = await scoreAgain(await typedDemo());
    expect(again.warnings).toEqual([]);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    expect(ws.getCell("E1").value).toBe("Bản gửi Hội đồng");
    expect(ws.getCell("E1").font).toMatchObject({ bold: true, color: { argb: "FFC00000" } });
    expect(ws.getCell("AE3").value).toBe("Tổng hợp");
    expect(ws.getCell("AE16").formula).toBe("COUNTA(B4:B23)");
    expect(ws.getCell("AE16").numFmt).toBe("0");
    expect(ws.getColumn("AE").width).toBe(30);
    expect(ws.getCell("A30").value).toBe("Đã báo cáo lãnh đạo ngày 10/06");
    expect(ws.getRow(30).height).toBe(33);
    expect(ws.getCell("D24").value).toBe(NOTE);
    // The project's own cells are written again, once: the title, the table, the lines under it.
    expect(String(ws.getCell("A1").value)).toMatch(/^Kết quả đánh giá, xếp hạng/);
    expect(ws.getCell("A25").value).toBe("1 phiếu chưa được chấm:");
    expect(ws.getCell("A28").value).toBe(ROUNDING_NOTE.vi);
    expect((ws.model as unknown as { merges: string[] }).merges.sort()).toEqual(["A1:D1", "A25:D25", "A26:D26", "A28:D28", "A2:D2"]);
    // And a third run still says nothing and keeps them.
    const third = await scoreAgain(again.out);
    expect(third.warnings).toEqual([]);
    expect((await open(third.out)).getWorksheet("Kết quả")!.getCell("AE3").value).toBe("Tổng hợp");
  });

  test("the line that says points are shown rounded is never written over a line the analyst typed where it goes (a workbook scored before that line)", async () => {
    // As an earlier version left the demo: no such line, nothing recorded in A28; the analyst typed there.
    const earlier = await edit(await scoredDemo(), (wb) => {
      const ws = wb.getWorksheet("Kết quả")!;
      ws.unMergeCells("A28:D28");
      ws.getCell("A28").value = "Đã báo cáo lãnh đạo ngày 10/06";
      const index = wb.getWorksheet("_index")!;
      index.eachRow((row) => {
        if (row.getCell(3).value === "notes") row.getCell(5).value = null;
      });
    });
    const again = await scoreAgain(earlier);
    expect(again.warnings).toEqual([]);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    expect(ws.getCell("A28").value).toBe("Đã báo cáo lãnh đạo ngày 10/06");
    const lines: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => lines.push(c.value)));
    expect(lines).not.toContain(ROUNDING_NOTE.vi);
    // Once the analyst moves it, the line comes back in its place.
    const moved = await edit(again.out, (wb) => {
      const sheet = wb.getWorksheet("Kết quả")!;
      sheet.getCell("A28").value = null;
      sheet.getCell("A31").value = "Đã báo cáo lãnh đạo ngày 10/06";
    });
    const third = (await open((await scoreAgain(moved)).out)).getWorksheet("Kết quả")!;
    expect([third.getCell("A28").value, third.getCell("A31").value]).toEqual([ROUNDING_NOTE.vi, "Đã báo cáo lãnh đạo ngày 10/06"]);
  });

  test("a line the analyst typed over the line that says points are shown rounded is theirs: kept, and that line is not written again", async () => {
    const typed = await edit(await scoredDemo(), (wb) => {
      wb.getWorksheet("Kết quả")!.getCell("A28").value = "Đã trình Hội đồng ngày 10/12";
    });
    const again = await scoreAgain(typed);
    expect(again.warnings).toEqual([]);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    expect(ws.getCell("A28").value).toBe("Đã trình Hội đồng ngày 10/12");
    const values: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    expect(values).not.toContain(ROUNDING_NOTE.vi);
  });

  test("a unit more: the table grows over the line typed under it, so rows are inserted above it as in Excel: that line and everything under it move down, under the project's lines, with their looks, notes, merges, validations and rules, the formulas and names that read them follow, and the warning says so", async () => {
    const fixed = await edit(await typedDemo(), (wb) => {
      // The form not scored gets a code of its own: 21 units, the table takes row 24.
      wb.getWorksheet("Đài Phát thanh và Truyền hình…")!.getCell("B2").value = "DPTTH";
      const ws = wb.getWorksheet("Kết quả")!;
      // A signature block under it all: merged, with a note, a drop-down and a rule, read by formulas and a name.
      ws.getCell("A32").value = "Người lập biểu";
      ws.mergeCells("A32:C32");
      ws.getCell("A32").note = "Ký, ghi rõ họ tên";
      ws.getCell("A33").dataValidation = { type: "list", allowBlank: true, formulae: ['"Đã ký,Chưa ký"'] };
      ws.addConditionalFormatting({ ref: "A33", rules: [{ type: "expression", priority: 1, formulae: ['$A$33="Chưa ký"'], style: { font: { color: { argb: "FFC00000" } } } }] });
      ws.getCell("AE17").value = { formula: "LEN(D24)", result: NOTE.length } as ExcelJS.CellFormulaValue;
      wb.addWorksheet("Tổng hợp").getCell("A1").value = { formula: "'Kết quả'!A32&\" - \"&'Kết quả'!$A$30", result: "" } as ExcelJS.CellFormulaValue;
      wb.definedNames.add("'Kết quả'!$A$32", "NguoiLap");
    });
    const again = await scoreAgain(fixed);
    expect(again.warnings.map((w) => w.vi)).toEqual([
      `Lần chấm này, bảng kết quả và các dòng DTI Scorer ghi dưới bảng trên trang 'Kết quả' chiếm các dòng khác lần trước, nên DTI Scorer đã chèn 4 dòng trước dòng 24 để những gì bạn nhập bên dưới bảng (D24 "${NOTE.slice(0, 39)}…", A30 "Đã báo cáo lãnh đạo ngày 10/06", A32 "Người lập biểu") không bị ghi đè hay chen vào giữa: các ô đó, cùng mọi ô từ dòng 24 trở xuống, được dời xuống 4 dòng, giữ nguyên nội dung và định dạng.`,
    ]);
    const wb = await open(again.out);
    const ws = wb.getWorksheet("Kết quả")!;
    // The table takes row 24; what the analyst typed is one row lower, as it was.
    expect(ws.getCell("B24").value).not.toBeNull();
    expect(ws.getCell("D28").value).toBe(NOTE);
    expect(ws.getCell("A34").value).toBe("Đã báo cáo lãnh đạo ngày 10/06");
    expect(ws.getRow(34).height).toBe(33);
    expect(ws.getCell("A36").value).toBe("Người lập biểu");
    expect(ws.getCell("A36").note).toBe("Ký, ghi rõ họ tên");
    expect(ws.getCell("A37").dataValidation).toMatchObject({ type: "list", formulae: ['"Đã ký,Chưa ký"'] });
    const rules = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }).conditionalFormattings;
    expect(rules.find((r) => r.rules.some((x) => x.formulae?.[0]?.includes("Chưa ký")))).toMatchObject({ ref: "A37", rules: [{ formulae: ['$A$37="Chưa ký"'] }] });
    // Above the insert, nothing moved; the formulas reading moved cells read them where they are now.
    expect(ws.getCell("E1").value).toBe("Bản gửi Hội đồng");
    expect(ws.getCell("AE3").value).toBe("Tổng hợp");
    expect(ws.getCell("AE16").formula).toBe("COUNTA(B4:B23)");
    expect(ws.getCell("AE17").formula).toBe("LEN(D28)");
    expect(wb.getWorksheet("Tổng hợp")!.getCell("A1").formula).toBe("'Kết quả'!A36&\" - \"&'Kết quả'!$A$34");
    expect(wb.definedNames.getRanges("NguoiLap").ranges).toEqual(["'Kết quả'!$A$36"]);
    // Nothing is listed under the table any more: the last run's lines and their merges are gone;
    // the line that says points are shown rounded is now one empty row under the table.
    expect([ws.getCell("A25").value, ws.getCell("A26").value, ws.getCell("A27").value, ws.getCell("A28").value, ws.getCell("A29").value]).toEqual([null, ROUNDING_NOTE.vi, null, null, null]);
    expect((ws.model as unknown as { merges: string[] }).merges.sort()).toEqual(["A1:D1", "A26:D26", "A2:D2", "A36:C36"]);
    // Scored once more: nothing moves again, nothing is said.
    const third = await scoreAgain(again.out);
    expect(third.warnings).toEqual([]);
    const ws3 = (await open(third.out)).getWorksheet("Kết quả")!;
    expect([ws3.getCell("D28").value, ws3.getCell("A34").value, ws3.getCell("A36").value]).toEqual([NOTE, "Đã báo cáo lãnh đạo ngày 10/06", "Người lập biểu"]);
  });
});

describe("a column the analyst added to the results table, scored again", () => {
  test("becomes the table's last column, each value on its unit's row as the rows are sorted again; a unit without one has it blank", async () => {
    const codes: Record<number, string> = {};
    const typed = await edit(await scoredDemo(), (wb) => {
      const ws = wb.getWorksheet("Kết quả")!;
      // The table ends at AC: typed right of it, as Excel grows the table.
      expect(ws.getCell("AD3").value).toBeNull();
      ws.getCell("AD3").value = "Nhận xét HĐ";
      ws.getCell("AD16").value = "Cần bổ sung minh chứng";
      ws.getCell("AD19").value = 2;
      for (const r of [16, 19]) codes[r] = String(ws.getCell(r, 2).value);
      // A twenty-first unit: the rows after it move down.
      wb.getWorksheet("Đài Phát thanh và Truyền hình…")!.getCell("B2").value = "DPTTH";
    });
    const again = await scoreAgain(typed);
    expect(again.warnings).toEqual([]);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    const table = ws.getTable("DTI_Results") as unknown as { table: { tableRef?: string; ref: string; columns: { name: string }[] } };
    expect(table.table.columns.at(-1)!.name).toBe("Nhận xét HĐ");
    expect(table.table.columns).toHaveLength(30);
    const byCode = new Map<string, unknown>();
    for (let r = 4; r <= 24; r++) byCode.set(String(ws.getCell(r, 2).value), ws.getCell(r, 30).value);
    expect(byCode.get(codes[16]!)).toBe("Cần bổ sung minh chứng");
    expect(byCode.get(codes[19]!)).toBe(2);
    expect([...byCode.values()].filter((v) => v !== null && v !== "")).toHaveLength(2);
    expect(byCode.get("DPTTH")).toBeNull();
    // Scored once more: the column is still the table's last, its values on their units' rows.
    const third = await scoreAgain(again.out);
    expect(third.warnings).toEqual([]);
    const next = (await open(third.out)).getWorksheet("Kết quả")!;
    expect(next.getCell(3, 30).value).toBe("Nhận xét HĐ");
    for (let r = 4; r <= 24; r++) expect(next.getCell(r, 30).value).toBe(byCode.get(String(next.getCell(r, 2).value)));
  });
});

describe("columns the analyst hid on the results table, scored again", () => {
  test("stay hidden, found by their headers; the others stay shown", async () => {
    const hidden = await edit(await scoredDemo(), (wb) => {
      const ws = wb.getWorksheet("Kết quả")!;
      for (const c of ["E", "F", "G"]) ws.getColumn(c).hidden = true;
    });
    const before = (await open(hidden)).getWorksheet("Kết quả")!;
    const headers = ["E", "F", "G"].map((c) => before.getCell(`${c}3`).value);
    const again = await scoreAgain(hidden);
    expect(again.warnings).toEqual([]);
    const ws = (await open(again.out)).getWorksheet("Kết quả")!;
    const shownHidden: unknown[] = [];
    for (let c = 1; c <= 30; c++) if (ws.getColumn(c).hidden) shownHidden.push(ws.getCell(3, c).value);
    expect(shownHidden).toEqual(headers);
  });
});
