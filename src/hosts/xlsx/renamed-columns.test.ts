/**
 * A scored workbook whose forms were reworked between two runs, round trip through a file: a
 * column of the form renamed (the council's `Số liệu thẩm định`, `Minh chứng`, the project's
 * `Điểm`) and evidence merged over several indicators' rows. What is typed in them still counts,
 * or the run says why it does not.
 */
import type ExcelJS from "exceljs";
import { edit, open, rowOf, scoreAgain, scoredDemo } from "./test-workbooks";

let scored: Uint8Array;

beforeAll(async () => {
  scored = await scoredDemo();
}, 60000);

/** The figure a cell of the file shows (a formula's result). */
function shown(ws: ExcelJS.Worksheet, address: string): unknown {
  const v = ws.getCell(address).value;
  return v !== null && typeof v === "object" && "result" in v ? v.result : v;
}

describe("a form's column renamed between two runs", () => {
  test("the council's appraised figures are read under a header that starts with Số liệu thẩm định, or one named Thẩm định, and scored on the form", async () => {
    const rows: Record<string, number> = {};
    const file = await edit(scored, (wb) => {
      const snv = wb.getWorksheet("Sở Nội vụ")!;
      snv.getCell("E8").value = "Số liệu thẩm định của Hội đồng";
      rows.snv = rowOf(snv, "3.2");
      snv.getCell(`E${rows.snv}`).value = 0.3;
      const stc = wb.getWorksheet("Sở Tài chính")!;
      stc.getCell("E8").value = "Thẩm định";
      rows.stc = rowOf(stc, "3.2");
      stc.getCell(`E${rows.stc}`).value = 0.2;
    });
    const { out, result } = await scoreAgain(file);
    const points = (code: string) => result.table.units.find((u) => u.code === code)!.nodes["3.2"]!.points;
    // 3.2 (max 10, a fraction): the council's 0.3 and 0.2, not the units' own figures.
    expect([points("SNV"), points("STC")]).toEqual([3, 2]);
    expect(result.issues.filter((i) => i.code === "unknown-column")).toEqual([]);
    const wb = await open(out);
    expect(shown(wb.getWorksheet("Sở Nội vụ")!, `I${rows.snv}`)).toBe(3);
    expect(shown(wb.getWorksheet("Sở Tài chính")!, `I${rows.stc}`)).toBe(2);
  }, 60000);

  test("the evidence is checked under a header that starts with Minh chứng; one not recognised is said, with the name to give it", async () => {
    let row = 0;
    const file = await edit(scored, (wb) => {
      const stp = wb.getWorksheet("Sở Tư pháp")!;
      stp.getCell("G8").value = "Minh chứng (số, ngày văn bản)";
      row = rowOf(stp, "2.1");
      stp.getCell(`D${row}`).value = "Có";
      stp.getCell(`G${row}`).value = null;
      wb.getWorksheet("Sở Xây dựng")!.getCell("G8").value = "Tài liệu kèm theo (minh chứng)";
    });
    const { result } = await scoreAgain(file);
    expect(result.issues.filter((i) => i.code === "evidence-missing" && i.sheet === "Sở Tư pháp").map((i) => [i.node, i.cell])).toEqual([["2.1", `G${row}`]]);
    const unknown = result.issues.filter((i) => i.code === "unknown-column");
    expect(unknown.map((i) => [i.severity, i.sheet, i.cell, i.unit])).toEqual([["warning", "Sở Xây dựng", "G8", "SXD"]]);
    expect(unknown[0]!.message.vi).toBe(
      'Trang tính \'Sở Xây dựng\', ô G8: tên cột "Tài liệu kèm theo (minh chứng)" không được nhận ra nên minh chứng của phiếu không được kiểm tra; nếu đây là cột minh chứng, hãy đặt tên cột là "Minh chứng" (Evidence).',
    );
  }, 60000);

  test("the Điểm column renamed: the scores go to a new Điểm column, and the run says the old one holds the last run's scores; once only", async () => {
    let row = 0;
    const file = await edit(scored, (wb) => {
      const syt = wb.getWorksheet("Sở Y tế")!;
      syt.getCell("I8").value = "Điểm HĐ chấm";
      row = rowOf(syt, "3.2");
    });
    const second = await scoreAgain(file);
    const wb = await open(second.out);
    const syt = wb.getWorksheet("Sở Y tế")!;
    const unit = second.result.table.units.find((u) => u.code === "SYT")!;
    expect(shown(syt, "J8")).toBe("Điểm");
    expect(shown(syt, `J${row}`)).toBeCloseTo(unit.nodes["3.2"]!.points!, 9);
    expect(second.warnings.map((w) => w.vi)).toContain(
      "Trang 'Sở Y tế': tiêu đề cột Điểm ở ô I8 đã được đổi thành \"Điểm HĐ chấm\", nên điểm của lần chấm này được ghi vào cột J (tiêu đề ở ô J8); cột I vẫn giữ điểm của lần chấm trước, không phải điểm hiện hành. Hãy xóa cột I, hoặc đặt lại tiêu đề \"Điểm\" cho ô I8 và xóa cột J, rồi chấm lại.",
    );
    expect(second.warnings.map((w) => w.en)).toContain(
      "Sheet 'Sở Y tế': the Score column's header in cell I8 was renamed \"Điểm HĐ chấm\", so this run's scores are written in column J (its header in cell J8); column I still holds the scores of the earlier run, not the current ones. Delete column I, or name cell I8 \"Điểm\" (\"Score\") again and delete column J, then score again.",
    );
    // The other forms, their Điểm untouched, are not named.
    expect(second.warnings.filter((w) => /Điểm HĐ chấm|tiêu đề cột Điểm/.test(w.vi))).toHaveLength(1);
    // The next run writes in J again, and has nothing more to say.
    const third = await scoreAgain(second.out);
    expect(third.warnings.filter((w) => /tiêu đề cột Điểm/.test(w.vi))).toEqual([]);
  }, 60000);

  test("evidence merged over several indicators' rows counts for each of them: nothing is said inside the merge", async () => {
    const rows: number[] = [];
    const file = await edit(scored, (wb) => {
      const ws = wb.getWorksheet("Sở Kế hoạch và Đầu tư")!;
      for (const code of ["2.1", "2.2", "2.3"]) {
        const r = rowOf(ws, code);
        rows.push(r);
        ws.getCell(`D${r}`).value = "Có";
        ws.getCell(`G${r}`).value = null;
      }
      ws.getCell(`G${rows[0]}`).value = "Quyết định 12/QĐ-UBND ngày 5/3/2024 (chung cho 2.1–2.3)";
      ws.mergeCells(`G${rows[0]}:G${rows[2]}`);
    });
    const { result } = await scoreAgain(file);
    expect(result.issues.filter((i) => i.code === "evidence-missing" && i.sheet === "Sở Kế hoạch và Đầu tư")).toEqual([]);
    const evidence = result.submissions.find((s) => s.code === "SKHDT")!.evidence!;
    expect([evidence["2.1"], evidence["2.2"], evidence["2.3"]]).toEqual(Array(3).fill("Quyết định 12/QĐ-UBND ngày 5/3/2024 (chung cho 2.1–2.3)"));
  }, 60000);
});
