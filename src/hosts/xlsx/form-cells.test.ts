/**
 * What a unit's form holds that the reader cannot take as the unit meant it, read from a file
 * through the xlsx host and scored: a column named twice in the header row, evidence that says
 * there is none, a date in a figure's cell, a yes/no answer with more than the answer, and a table
 * of units without a column for some inputs. Each is said, in both languages, at its cell.
 */
import ExcelJS from "exceljs";
import type { Issue } from "../../core/types";
import { runScoring } from "../../core/pipeline";
import { BUILTIN_INDICES } from "../../indices";
import { XlsxHost } from "./host";
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

/** A value in a number format of its own (ExcelJS shares one style between the cells a file gave the same style). */
function put(cell: ExcelJS.Cell, value: ExcelJS.CellValue, numFmt: string): void {
  cell.value = value;
  cell.style = { ...cell.style, numFmt };
}

const said = (issues: Issue[], code: Issue["code"], sheet = "Sở Nội vụ") =>
  issues.filter((i) => i.code === code && i.sheet === sheet).map((i) => ({ cell: i.cell, vi: i.message.vi, en: i.message.en }));

describe("a column named twice in a form's header row", () => {
  test("a second Số liệu column (a corrected figure in J51) is said at its header, naming the column read: the figures are read from D, J is not", async () => {
    const file = await edit(scored, (wb) => {
      const snv = wb.getWorksheet("Sở Nội vụ")!;
      snv.getCell("J8").value = "Số liệu";
      snv.getCell(`J${rowOf(snv, "6.6")}`).value = 5;
      const stc = wb.getWorksheet("Sở Tài chính")!;
      stc.getCell("J8").value = "Minh chứng";
      stc.getCell("K8").value = "Tự chấm";
    });
    const { result } = await scoreAgain(file);
    expect(said(result.issues, "unknown-column")).toEqual([
      {
        cell: "J8",
        vi: 'Trang tính \'Sở Nội vụ\', ô J8: tên cột "Số liệu" trùng với tên cột ở ô D8: số liệu được đọc ở cột D, cột J không được đọc; nếu số liệu đúng nằm ở cột J, hãy chuyển sang cột D rồi xóa hoặc đổi tên cột J.',
        en: 'Sheet \'Sở Nội vụ\', cell J8: the column name "Số liệu" is the same as the one in cell D8: the figures are read from column D, and column J is not read; if the right figures are in column J, move them to column D and delete or rename column J.',
      },
    ]);
    expect(result.issues.find((i) => i.code === "unknown-column")).toMatchObject({ severity: "warning", unit: "SNV" });
    // The unit's figure in D51 is the one scored, not the 5 in J51.
    expect(result.submissions.find((s) => s.code === "SNV")!.values["6.6"]).toBe(3137);
    // Evidence and self scores named twice: the first columns are read, the others said.
    expect(said(result.issues, "unknown-column", "Sở Tài chính").map((f) => [f.cell, f.vi])).toEqual([
      ["J8", 'Trang tính \'Sở Tài chính\', ô J8: tên cột "Minh chứng" trùng với tên cột ở ô G8: minh chứng được đọc ở cột G, cột J không được đọc; nếu minh chứng nằm ở cột J, hãy chuyển sang cột G rồi xóa hoặc đổi tên cột J.'],
      ["K8", 'Trang tính \'Sở Tài chính\', ô K8: tên cột "Tự chấm" trùng với tên cột ở ô F8: điểm tự chấm được đọc ở cột F, cột K không được đọc; nếu điểm tự chấm đúng nằm ở cột K, hãy chuyển sang cột F rồi xóa hoặc đổi tên cột K.'],
    ]);
  }, 60000);

  test("a second Điểm column: the scores are written in the first on every run, the other keeps what the user typed, and the run says so", async () => {
    let row = 0;
    const file = await edit(scored, (wb) => {
      const snv = wb.getWorksheet("Sở Nội vụ")!;
      row = rowOf(snv, "1.4");
      snv.getCell("J8").value = "Điểm";
      snv.getCell(`J${row}`).value = 7;
      // A figure that changes the score of 1.4 (steps): the run writes the new score.
      snv.getCell(`D${row}`).value = 1;
    });
    const first = await scoreAgain(file);
    const second = await scoreAgain(first.out);
    for (const run of [first, second]) {
      const points = run.result.table.units.find((u) => u.code === "SNV")!.nodes["1.4"]!.points;
      expect(points).not.toBe(10);
      const ws = (await open(run.out)).getWorksheet("Sở Nội vụ")!;
      expect([shown(ws, "I8"), shown(ws, `I${row}`), shown(ws, "J8"), shown(ws, `J${row}`)]).toEqual(["Điểm", points, "Điểm", 7]);
      expect(said(run.result.issues, "unknown-column")).toEqual([
        {
          cell: "J8",
          vi: 'Trang tính \'Sở Nội vụ\', ô J8: tên cột "Điểm" trùng với tên cột ở ô I8: điểm chấm được ghi vào cột I ở mọi lần chấm, cột J được để nguyên; nếu cột J là cột riêng của bạn, hãy đổi tên cột để khỏi nhầm với cột điểm.',
          en: 'Sheet \'Sở Nội vụ\', cell J8: the column name "Điểm" is the same as the one in cell I8: the scores are written in column I on every run, and column J is left as it is; if column J is your own, rename it so that it is not taken for the scores.',
        },
      ]);
    }
  }, 90000);
});

describe("evidence that is none", () => {
  test("Không có, Chưa có., x, -, N/A, … and #REF! in a required Minh chứng are said as no evidence, quoting the cell; a document's number, a link or a file name is evidence", async () => {
    const written: Record<string, ExcelJS.CellValue> = {
      "1.1": "Không có",
      "1.4": "Chưa có.",
      "2.2": "x",
      "2.3": "-",
      "3.3": { error: "#REF!" } as ExcelJS.CellErrorValue,
      "4.1": "N/A",
      "5.3": "…",
    };
    const real: Record<string, ExcelJS.CellValue> = {
      "1.1": "Số 12/QĐ-UBND",
      "1.4": "https://snv.example.gov.vn/qd-12.pdf",
      "2.2": "bao-cao-cds-2024.pdf",
      "2.3": "QĐ 15 (bản scan)",
      "3.3": { text: "QĐ 15", hyperlink: "https://snv.example.gov.vn/a.pdf" },
      "4.1": "Không có văn bản riêng, dùng QĐ 12/QĐ-SNV",
      "5.3": 12,
    };
    const cells: Record<string, string> = {};
    const file = await edit(scored, (wb) => {
      const snv = wb.getWorksheet("Sở Nội vụ")!;
      const stc = wb.getWorksheet("Sở Tài chính")!;
      for (const [code, v] of Object.entries(written)) {
        cells[code] = `G${rowOf(snv, code)}`;
        snv.getCell(cells[code]!).value = v;
        // Every indicator of the check earns points on both forms.
        snv.getCell(`D${rowOf(snv, code)}`).value = code === "1.1" ? "Giám đốc/Thủ trưởng đơn vị" : code === "1.4" ? 2 : "Có";
      }
      for (const [code, v] of Object.entries(real)) {
        stc.getCell(`G${rowOf(stc, code)}`).value = v;
        stc.getCell(`D${rowOf(stc, code)}`).value = code === "1.1" ? "Giám đốc/Thủ trưởng đơn vị" : code === "1.4" ? 2 : "Có";
      }
    });
    const { result } = await scoreAgain(file);
    expect(said(result.issues, "evidence-missing", "Sở Tài chính")).toEqual([]);
    const found = said(result.issues, "evidence-missing");
    expect(found.map((f) => f.cell)).toEqual(Object.values(cells));
    expect(found.map((f) => f.vi)).toEqual([
      `Trang tính 'Sở Nội vụ', ô ${cells["1.1"]}: "Không có" không phải là minh chứng: chỉ tiêu 1.1 có điểm nhưng chưa có minh chứng — hãy ghi minh chứng (số, ngày văn bản hoặc đường dẫn tài liệu).`,
      `Trang tính 'Sở Nội vụ', ô ${cells["1.4"]}: "Chưa có." không phải là minh chứng: chỉ tiêu 1.4 có điểm nhưng chưa có minh chứng — hãy ghi minh chứng (số, ngày văn bản hoặc đường dẫn tài liệu).`,
      `Trang tính 'Sở Nội vụ', ô ${cells["2.2"]}: "x" không phải là minh chứng: chỉ tiêu 2.2 có điểm nhưng chưa có minh chứng — hãy ghi minh chứng (số, ngày văn bản hoặc đường dẫn tài liệu).`,
      `Trang tính 'Sở Nội vụ', ô ${cells["2.3"]}: "-" không phải là minh chứng: chỉ tiêu 2.3 có điểm nhưng chưa có minh chứng — hãy ghi minh chứng (số, ngày văn bản hoặc đường dẫn tài liệu).`,
      `Trang tính 'Sở Nội vụ', ô ${cells["3.3"]}: ô chứa lỗi Excel #REF!, không phải là minh chứng: chỉ tiêu 3.3 có điểm nhưng chưa có minh chứng đọc được — hãy sửa công thức hoặc ghi lại minh chứng (số, ngày văn bản hoặc đường dẫn tài liệu).`,
      `Trang tính 'Sở Nội vụ', ô ${cells["4.1"]}: "N/A" không phải là minh chứng: chỉ tiêu 4.1 có điểm nhưng chưa có minh chứng — hãy ghi minh chứng (số, ngày văn bản hoặc đường dẫn tài liệu).`,
      `Trang tính 'Sở Nội vụ', ô ${cells["5.3"]}: "…" không phải là minh chứng: chỉ tiêu 5.3 có điểm nhưng chưa có minh chứng — hãy ghi minh chứng (số, ngày văn bản hoặc đường dẫn tài liệu).`,
    ]);
    expect(found[0]!.en).toBe(
      `Sheet 'Sở Nội vụ', cell ${cells["1.1"]}: "Không có" is not evidence: indicator 1.1 earns points but has none — write the evidence (the document's number and date, or a link to it).`,
    );
    expect(found[4]!.en).toBe(
      `Sheet 'Sở Nội vụ', cell ${cells["3.3"]}: the cell holds the Excel error #REF!, not evidence: indicator 3.3 earns points but has no readable evidence — correct the formula or write the evidence again (the document's number and date, or a link to it).`,
    );
    // Such text is no evidence the unit gave.
    expect(result.submissions.find((s) => s.code === "SNV")!.evidence?.["1.1"]).toBeUndefined();
    expect(result.submissions.find((s) => s.code === "STC")!.evidence?.["1.1"]).toBe("Số 12/QĐ-UBND");
  }, 60000);
});

describe("a date in a figure's cell", () => {
  test("a date typed into a figure's cell is said as the date the official sees, and a number in a cell formatted as a date as that number, with the format to give the cell", async () => {
    const at: Record<string, string> = {};
    const file = await edit(scored, (wb) => {
      const snv = wb.getWorksheet("Sở Nội vụ")!;
      at["6.2"] = `D${rowOf(snv, "6.2")}`;
      at["1.3.a"] = `D${rowOf(snv, "1.3.a")}`;
      at["5.2"] = `D${rowOf(snv, "5.2")}`;
      put(snv.getCell(at["6.2"]!), new Date(Date.UTC(2025, 2, 4)), "dd/mm/yyyy");
      // 3 typed into a cell formatted as a date: Excel shows 03/01/1900.
      put(snv.getCell(at["1.3.a"]!), 3, "d/m/yyyy");
      put(snv.getCell(at["5.2"]!), new Date(Date.UTC(2025, 4, 3, 10, 30)), "d/m/yyyy h:mm");
      // 1860 typed into a cell formatted as a date: Excel shows 02/02/1905, a day no form dates.
      at["6.6"] = `D${rowOf(snv, "6.6")}`;
      put(snv.getCell(at["6.6"]!), 1860, "dd/mm/yyyy");
    });
    const { result } = await scoreAgain(file);
    const found = said(result.issues, "not-a-number");
    expect(found).toEqual([
      {
        cell: at["1.3.a"],
        vi: `Trang tính 'Sở Nội vụ', ô ${at["1.3.a"]}: ô được định dạng ngày tháng nên số 3 hiện thành 03/01/1900 và không được đọc là số (số liệu 1.3.a của chỉ tiêu 1.3); hãy đổi định dạng ô sang "Số" (Number) rồi nhập lại số liệu.`,
        en: `Sheet 'Sở Nội vụ', cell ${at["1.3.a"]}: the cell is formatted as a date, so the number 3 shows as 3 Jan 1900 and is not read as a figure (input 1.3.a of indicator 1.3); change the cell's format to Number and type the figure again.`,
      },
      {
        cell: at["5.2"],
        vi: `Trang tính 'Sở Nội vụ', ô ${at["5.2"]}: ô chứa ngày 03/05/2025 10:30 (ô được định dạng ngày tháng), không phải là số (chỉ tiêu 5.2); nếu đây là số liệu, hãy đổi định dạng ô sang "Số" (Number) rồi nhập lại số liệu.`,
        en: `Sheet 'Sở Nội vụ', cell ${at["5.2"]}: the cell holds the date 3 May 2025 10:30 (it is formatted as a date), not a number (indicator 5.2); if it is a figure, change the cell's format to Number and type the figure again.`,
      },
      {
        cell: at["6.2"],
        vi: `Trang tính 'Sở Nội vụ', ô ${at["6.2"]}: ô chứa ngày 04/03/2025 (ô được định dạng ngày tháng), không phải là số (chỉ tiêu 6.2); nếu đây là số liệu, hãy đổi định dạng ô sang "Số" (Number) rồi nhập lại số liệu.`,
        en: `Sheet 'Sở Nội vụ', cell ${at["6.2"]}: the cell holds the date 4 Mar 2025 (it is formatted as a date), not a number (indicator 6.2); if it is a figure, change the cell's format to Number and type the figure again.`,
      },
      {
        cell: at["6.6"],
        vi: `Trang tính 'Sở Nội vụ', ô ${at["6.6"]}: ô chứa ngày 02/02/1905 (ô được định dạng ngày tháng), không phải là số (chỉ tiêu 6.6); nếu đây là số liệu, hãy đổi định dạng ô sang "Số" (Number): ô sẽ hiện số 1860, và nếu đó không phải số liệu của đơn vị thì nhập lại số liệu.`,
        en: `Sheet 'Sở Nội vụ', cell ${at["6.6"]}: the cell holds the date 2 Feb 1905 (it is formatted as a date), not a number (indicator 6.6); if it is a figure, change the cell's format to Number: it will show 1860, and if that is not the unit's figure, type the figure again.`,
      },
    ]);
    // Never scored as the date's serial number (45720).
    const values = result.submissions.find((s) => s.code === "SNV")!.values;
    expect([values["6.2"], values["1.3.a"], values["5.2"]]).toEqual([undefined, undefined, undefined]);
  }, 60000);
});

describe("a yes/no answer refused", () => {
  test("the finding lists the answers the cell takes; an answer followed by more (Có (QĐ 12)) is told to stand alone; Có. and Đã có are answers", async () => {
    const at: Record<string, string> = {};
    const file = await edit(scored, (wb) => {
      const snv = wb.getWorksheet("Sở Nội vụ")!;
      for (const [code, text] of [["2.2", "Rồi"], ["3.3", "Có."], ["5.3", "Có (QĐ 12)"], ["4.1", "Đã có"]] as const) {
        at[code] = `D${rowOf(snv, code)}`;
        snv.getCell(at[code]!).value = text;
      }
    });
    const { result } = await scoreAgain(file);
    const found = said(result.issues, "not-a-boolean");
    // "Có." (a sentence's full stop) and "Đã có" ("already have") are read as yes.
    expect(found.map((f) => f.cell)).toEqual([at["2.2"], at["5.3"]]);
    expect(found[0]!.vi).toBe(
      `Trang tính 'Sở Nội vụ', ô ${at["2.2"]}: "Rồi" không phải là câu trả lời có/không (chỉ tiêu 2.2): hãy ghi "Có" hoặc "Không" (cũng nhận "Đạt", "Đã có", "x", "Yes", 1 cho có; "Không đạt", "Chưa đạt", "Chưa có", "No", 0 cho không).`,
    );
    expect(found[0]!.en).toBe(
      `Sheet 'Sở Nội vụ', cell ${at["2.2"]}: "Rồi" is not a yes/no answer (indicator 2.2): write "Yes" or "No" (also read: "x", 1, "Có", "Đạt", "Đã có" for yes; 0, "Không", "Không đạt", "Chưa đạt", "Chưa có" for no).`,
    );
    expect(found[1]!.vi).toBe(
      `Trang tính 'Sở Nội vụ', ô ${at["5.3"]}: "Có (QĐ 12)" không phải là câu trả lời có/không (chỉ tiêu 5.3): hãy ghi "Có" hoặc "Không" (cũng nhận "Đạt", "Đã có", "x", "Yes", 1 cho có; "Không đạt", "Chưa đạt", "Chưa có", "No", 0 cho không); nếu câu trả lời là "Có", hãy chỉ ghi "Có" (ghi chú hay minh chứng để ở cột Ghi chú, Minh chứng).`,
    );
    expect(found[1]!.en).toBe(
      `Sheet 'Sở Nội vụ', cell ${at["5.3"]}: "Có (QĐ 12)" is not a yes/no answer (indicator 5.3): write "Yes" or "No" (also read: "x", 1, "Có", "Đạt", "Đã có" for yes; 0, "Không", "Không đạt", "Chưa đạt", "Chưa có" for no); if the answer is "Có", write "Có" alone (a note or evidence goes in the Note or Evidence column).`,
    );
    const snv = result.table.units.find((u) => u.name === "Sở Nội vụ")!;
    expect([snv.nodes["3.3"]!.value, snv.nodes["4.1"]!.value]).toEqual([1, 1]);

    // Every answer the sentence lists is taken, as it says: each typed on another unit's form.
    const listed = /hãy ghi "Có" hoặc "Không" \(cũng nhận (.*) cho có; (.*) cho không\)/.exec(found[0]!.vi)!;
    const answers = (text: string, yes: boolean) => text.split(", ").map((a): [string | number, boolean] => [/^\d+$/.test(a) ? Number(a) : a.replace(/^"|"$/g, ""), yes]);
    const all: [string | number, boolean][] = [["Có", true], ["Không", false], ...answers(listed[1]!, true), ...answers(listed[2]!, false)];
    expect(all.length).toBe(12);
    const forms: string[] = [];
    const typed = await edit(scored, (wb) => {
      const sheets = wb.worksheets.filter((ws) => ws.getCell("A8").value === "Mã");
      all.forEach(([answer], i) => {
        const ws = sheets[i]!;
        forms.push(ws.name);
        ws.getCell(`D${rowOf(ws, "2.2")}`).value = answer;
      });
    });
    const run = await scoreAgain(typed);
    expect(run.result.issues.filter((i) => i.code === "not-a-boolean")).toEqual([]);
    const bySheet = new Map(run.result.submissions.map((s) => [s.source?.sheet, s.values["2.2"]]));
    expect(forms.map((f, i) => [all[i]![0], bySheet.get(f)])).toEqual(all.map(([a, yes]) => [a, yes]));
  }, 90000);
});

describe("a table of units without a column for some inputs", () => {
  test("the finding names each code as what it is: an input (1.3.a) or an indicator (4.3)", async () => {
    const definition = BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!.definition as { nodes?: unknown };
    const codes = ["1.1", "1.2.a", "1.2.b", "1.3.b", "1.4", "2.1", "2.2", "2.3", "3.1.a", "3.1.b", "3.2", "3.3", "4.1", "4.2.a", "4.2.b", "5.1.a", "5.1.b", "5.2", "5.3", "6.1", "6.2", "6.3.a", "6.3.b", "6.4.a", "6.4.b", "6.5", "6.6"];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Tổng hợp");
    ws.addRow(["Mã đơn vị", "Đơn vị", "Nhóm", ...codes]);
    ws.addRow(["SNV", "Sở Nội vụ", "Sở, ban, ngành có dịch vụ công", ...codes.map(() => null)]);
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "tong-hop.xlsx");
    const result = await runScoring(host, { definition, lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-08T00:00:00Z"), write: false });
    expect(result.issues.filter((i) => i.code === "missing-row").map((i) => [i.message.vi, i.message.en])).toEqual([
      ["Trang tính 'Tổng hợp', dòng 1: bảng không có cột cho số liệu 1.3.a và chỉ tiêu 4.3.", "Sheet 'Tổng hợp', row 1: the table has no column for input 1.3.a and indicator 4.3."],
    ]);
  }, 60000);
});
