/**
 * Forms that give different assessment periods (`Kỳ đánh giá`) among themselves, collected into a
 * workbook that gives none (a new one, or one whose forms leave the period blank): said once,
 * first, naming each period with the files that give it and the units taken from them, in both
 * languages. Periods are compared by periodKey: a date cell of 31/12/2024 and "31/12/2024" typed,
 * "Năm 2024" and "2024", are one period. Real workbooks: the template written by the xlsx host,
 * filled with ExcelJS, gathered by the command line's host (collectFiles) and by the pane's in
 * Excel (the Excel double), and read back.
 */
import ExcelJS from "exceljs";
import { createExcelDouble } from "../../test/excel-double";
import { ExcelHost } from "../hosts/excel";
import { collectFiles } from "../hosts/xlsx/collect";
import { XlsxHost } from "../hosts/xlsx/host";
import { makeTemplate } from "../hosts/xlsx/template";
import { open, rowOf } from "../hosts/xlsx/test-workbooks";
import { findBuiltin } from "../indices";
import { madeFormsFile, mixedPeriodsWarning, planCollect } from "./collect";
import { parseDefinition } from "./definition";
import { runScoring } from "./pipeline";
import type { CellValue, SheetSnapshot } from "./types";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;
const UNITS = [
  { code: "SYT", name: "Sở Y tế", category: "co-dvc" },
  { code: "SNV", name: "Sở Nội vụ", category: "co-dvc" },
  { code: "STC", name: "Sở Tài chính", category: "co-dvc" },
];

/** The cell right of a form's `Kỳ đánh giá`. */
function periodCell(ws: ExcelJS.Worksheet): ExcelJS.Cell {
  for (let r = 1; r <= 10; r++) if (ws.getCell(r, 1).value === "Kỳ đánh giá") return ws.getCell(r, 2);
  throw new Error(`no period on ${ws.name}`);
}

/** The column of a form's `Số liệu`. */
function valueColumn(ws: ExcelJS.Worksheet): number {
  for (let r = 1; r <= 20; r++) for (let c = 1; c <= 8; c++) if (ws.getCell(r, c).value === "Số liệu") return c;
  throw new Error(`no Số liệu on ${ws.name}`);
}

/**
 * The template as `unit` sends it back: made for `period` (none: the cell left for the unit), its
 * own form filled in (1.4), the other units' forms blank; `typed`, when given, written into every
 * form's period cell instead (a Date for a date cell).
 */
async function sentBack(unit: string, period: string | undefined, typed?: string | Date): Promise<Uint8Array> {
  const wb = await open(await makeTemplate(model, UNITS, { lang: "vi", ...(period !== undefined ? { period } : {}) }));
  const ws = wb.getWorksheet(unit)!;
  ws.getCell(rowOf(ws, "1.4"), valueColumn(ws)).value = 3;
  if (typed !== undefined) {
    for (const { name } of UNITS) {
      const cell = periodCell(wb.getWorksheet(name)!);
      cell.value = typed;
      if (typed instanceof Date) cell.numFmt = "dd/mm/yyyy";
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const TAIL_VI =
  "Một sổ tổng hợp được chấm cho một kỳ đánh giá: khi chấm, tiêu đề trang kết quả sẽ ghi mọi kỳ khác nhau, và phiếu nào ghi kỳ khác với kỳ mà nhiều phiếu ghi nhất được cảnh báo tại ô Kỳ đánh giá của phiếu. Nếu có phiếu của kỳ khác (ví dụ phiếu kỳ trước gửi nhầm), hãy xóa trang đó khỏi sổ tổng hợp và đề nghị đơn vị gửi phiếu của kỳ này; nếu các phiếu cùng một kỳ, hãy ghi kỳ đó giống nhau trên mọi phiếu.";
const TAIL_EN =
  "A consolidated workbook is scored for one period: the results sheet's title will list every period the forms give, and each form whose period is not the one most forms give is warned about at its period cell. If some forms are of another period (last period's, sent by mistake), delete their sheets from the consolidated workbook and ask the units for this period's forms; if the forms are for one period, write it the same way on every form.";

/** The three units' files: Sở Nội vụ on last year's template, the others on this year's. */
async function threeFiles(): Promise<{ name: string; data: Uint8Array }[]> {
  return [
    { name: "snv.xlsx", data: await sentBack("Sở Nội vụ", "Năm 2024") },
    { name: "syt.xlsx", data: await sentBack("Sở Y tế", "Năm 2025") },
    { name: "stc.xlsx", data: await sentBack("Sở Tài chính", "Năm 2025") },
  ];
}

const THREE_FILES = {
  vi: `Phiếu trong các tệp đã chọn ghi những kỳ đánh giá khác nhau: "Năm 2025": tệp syt.xlsx (Sở Y tế), tệp stc.xlsx (Sở Tài chính); "Năm 2024": tệp snv.xlsx (Sở Nội vụ). ${TAIL_VI}`,
  en: `Forms in the chosen files give different assessment periods: "Năm 2025": syt.xlsx (Sở Y tế), stc.xlsx (Sở Tài chính); "Năm 2024": snv.xlsx (Sở Nội vụ). ${TAIL_EN}`,
};

describe("forms of different periods among themselves, into a workbook without a period", () => {
  it("into a new workbook (the command line's host): said once, first, naming each period's files and units; scoring then warns at the form of the other period", async () => {
    const { data, report } = await collectFiles(await threeFiles(), undefined, undefined, { commandLine: true });
    expect(report.take.map((t) => [t.file, t.as])).toEqual([
      ["syt.xlsx", "Sở Y tế"],
      ["snv.xlsx", "Sở Nội vụ"],
      ["stc.xlsx", "Sở Tài chính"],
    ]);
    expect(report.warnings).toEqual([THREE_FILES]);
    // What the sentence says scoring does: the form of the period fewer forms give is warned about at its period cell.
    const scored = await runScoring(await XlsxHost.fromBuffer(data, "tong-hop.xlsx"), { definition: builtin.definition, lang: "vi", projectVersion: "test", write: false });
    expect(scored.issues.filter((i) => i.code === "period-differs").map((i) => i.sheet)).toEqual(["Sở Nội vụ"]);
  }, 60_000);

  it("into a workbook whose forms leave the period blank: said the same; into one of a period, only that the period differs from the workbook's", async () => {
    const blank = await makeTemplate(model, UNITS, { lang: "vi" });
    const into = await collectFiles(await threeFiles(), blank);
    expect(into.report.warnings).toEqual([THREE_FILES]);
    // A workbook of Năm 2024 (the form of Sở Nội vụ collected alone): the forms of Năm 2025 are said to differ from it, once, and nothing more.
    const last = await collectFiles([{ name: "snv.xlsx", data: await sentBack("Sở Nội vụ", "Năm 2024") }]);
    const again = await collectFiles(await threeFiles(), last.data);
    expect(again.report.warnings.map((w) => w.vi)).toEqual([
      'Phiếu trong các tệp đã chọn ghi kỳ đánh giá "Năm 2025", khác với kỳ của các phiếu trong sổ tổng hợp ("Năm 2024"): đơn vị nào đã có phiếu trong sổ thì giữ phiếu đó, phiếu mới không được lấy, còn phiếu của đơn vị mới được thêm vào cùng các phiếu kỳ trước. Nếu đây là phiếu của kỳ mới, hãy tổng hợp vào một sổ mới (một sổ trống), không phải sổ của kỳ trước.',
    ]);
  }, 60_000);

  it("a date cell and the same day typed as text are one period; another day is not", async () => {
    const dateCell = { name: "syt.xlsx", data: await sentBack("Sở Y tế", undefined, new Date(Date.UTC(2024, 11, 31))) };
    const typed = { name: "snv.xlsx", data: await sentBack("Sở Nội vụ", undefined, "31/12/2024") };
    expect((await collectFiles([dateCell, typed])).report.warnings).toEqual([]);
    // "Năm 2024" and "2024" are one period too.
    expect((await collectFiles([{ name: "a.xlsx", data: await sentBack("Sở Y tế", "Năm 2024") }, { name: "b.xlsx", data: await sentBack("Sở Nội vụ", "2024") }])).report.warnings).toEqual([]);
    const other = { name: "stc.xlsx", data: await sentBack("Sở Tài chính", undefined, "31/12/2025") };
    const { report } = await collectFiles([dateCell, typed, other]);
    expect(report.warnings.map((w) => w.vi.split(". ")[0])).toEqual([
      'Phiếu trong các tệp đã chọn ghi những kỳ đánh giá khác nhau: "31/12/2024": tệp syt.xlsx (Sở Y tế), tệp snv.xlsx (Sở Nội vụ); "31/12/2025": tệp stc.xlsx (Sở Tài chính)',
    ]);
  }, 60_000);

  it("in the pane, into the workbook open in Excel (a template without a period): the same sentence", async () => {
    const double = createExcelDouble();
    await double.loadXlsx(await makeTemplate(model, UNITS, { lang: "vi" }));
    double.install();
    const files = (await threeFiles()).map((f) => ({ name: f.name, base64: Buffer.from(f.data).toString("base64") }));
    const report = await new ExcelHost().insertWorkbooks(files, model);
    expect(report.inserted.map((i) => i.as).sort()).toEqual(["Sở Nội vụ", "Sở Tài chính", "Sở Y tế"]);
    expect(report.warnings).toEqual([THREE_FILES]);
  }, 60_000);
});

function form(name: string, code: string, period: CellValue, figure: number | null = 3): SheetSnapshot {
  const values: CellValue[][] = [
    ["Đơn vị", name],
    ["Mã đơn vị", code],
    ["Nhóm", "co-dvc"],
    ["Bộ chỉ số", "dti-so-nganh-mau@mau-2023"],
    ["Kỳ đánh giá", period],
    [],
    ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Số liệu thẩm định"],
    ["1.4", "Số hội nghị", 20, figure, null],
  ];
  return { name, values };
}

describe("mixedPeriodsWarning's list", () => {
  it("names at most 5 files of a period and 3 units of a file, then how many more", () => {
    const files = Array.from({ length: 8 }, (_, i) => ({ file: `u${i + 1}.xlsx`, sheets: [form(`Đơn vị ${i + 1}`, `U${i + 1}`, "Năm 2025")] }));
    const many = { file: "cu.xlsx", sheets: Array.from({ length: 5 }, (_, i) => form(`Xã ${i + 1}`, `X${i + 1}`, "Năm 2024")) };
    const plan = planCollect([], [...files, many]);
    expect(plan.warnings[0]!.vi.split(". ")[0]).toBe(
      'Phiếu trong các tệp đã chọn ghi những kỳ đánh giá khác nhau: "Năm 2025": tệp u1.xlsx (Đơn vị 1), tệp u2.xlsx (Đơn vị 2), tệp u3.xlsx (Đơn vị 3), tệp u4.xlsx (Đơn vị 4), tệp u5.xlsx (Đơn vị 5) và 3 tệp khác; "Năm 2024": tệp cu.xlsx (Xã 1, Xã 2, Xã 3 và 2 đơn vị khác)',
    );
    expect(plan.warnings[0]!.en.split(". ")[0]).toBe(
      'Forms in the chosen files give different assessment periods: "Năm 2025": u1.xlsx (Đơn vị 1), u2.xlsx (Đơn vị 2), u3.xlsx (Đơn vị 3), u4.xlsx (Đơn vị 4), u5.xlsx (Đơn vị 5), and 3 more files; "Năm 2024": cu.xlsx (Xã 1, Xã 2, Xã 3, and 2 more units)',
    );
    expect(plan.warnings.filter((w) => w.vi.includes("kỳ đánh giá"))).toHaveLength(1);
  });

  it("tells two files of one name apart, names the pane's forms just made as such, and names a file whose forms were all left out without units", () => {
    const plan = planCollect(
      [],
      [
        { file: "phieu.xlsx", sheets: [form("Sở Y tế", "SYT", "Năm 2025")] },
        { file: "phieu.xlsx", sheets: [form("Sở Nội vụ", "SNV", "Năm 2024")] },
        // Sở Y tế's form again, filled otherwise, of last year: left out (second filled form), its file named.
        { file: "syt-cu.xlsx", sheets: [form("Sở Y tế", "SYT", "Năm 2024", 5)] },
      ],
    );
    expect(plan.warnings[0]!.vi.split(". ")[0]).toBe(
      'Phiếu trong các tệp đã chọn ghi những kỳ đánh giá khác nhau: "Năm 2024": tệp thứ 2, phieu.xlsx (Sở Nội vụ), tệp syt-cu.xlsx; "Năm 2025": tệp thứ 1, phieu.xlsx (Sở Y tế)',
    );
    const made = mixedPeriodsWarning([
      { file: madeFormsFile(1), fileAt: 0, period: "Năm 2025", unit: "Sở Y tế" },
      { file: madeFormsFile(2), fileAt: 1, period: "Năm 2025", unit: "Sở Nội vụ" },
      { file: "stc.xlsx", fileAt: 2, period: "2024", unit: "Sở Tài chính" },
    ]);
    expect(made?.en.split(". ")[0]).toBe('Forms in the chosen files give different assessment periods: "Năm 2025": the forms just made (Sở Y tế, Sở Nội vụ); "2024": stc.xlsx (Sở Tài chính)');
  });

  it("nothing for one period however written, forms without one, or a single form", () => {
    expect(mixedPeriodsWarning([
      { file: "a.xlsx", fileAt: 0, period: "Năm 2024" },
      { file: "b.xlsx", fileAt: 1, period: "năm  2024." },
      { file: "c.xlsx", fileAt: 2, period: "2024" },
    ])).toBeUndefined();
    expect(planCollect([], [{ file: "a.xlsx", sheets: [form("Sở Y tế", "SYT", null)] }, { file: "b.xlsx", sheets: [form("Sở Nội vụ", "SNV", "Năm 2024")] }]).warnings).toEqual([]);
    expect(mixedPeriodsWarning([{ file: "a.xlsx", fileAt: 0, period: "Năm 2024" }])).toBeUndefined();
  });
});
