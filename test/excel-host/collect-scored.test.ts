/**
 * The pane collecting forms from a workbook scored before (the demo's `ket-qua.xlsx`) into the
 * workbook open in Excel: insertWorksheetsFromBase64 brings each form in as the file has it, with
 * that scoring's summary, the line under it reading that file's `_index`, the points and the issue
 * marks; they are taken off in the same run, in as many requests for 21 forms as for 2, so that
 * the next scoring writes one summary a form. What the unit and the council typed stays.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import { main } from "../../src/cli/main";
import { createExcelDouble, type ExcelDouble } from "../excel-double";
import { DoubleError, Range } from "../excel-double/api";
import type { MSheet } from "../excel-double/model";
import { departmentModel } from "./fixtures";

let sent: Uint8Array;
let scored: Uint8Array;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "dti-pane-collect-scored-"));
  const sink = { write: (_: string) => true };
  if ((await main(["demo", "--out", dir], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })) !== 0) throw new Error("demo failed");
  sent = new Uint8Array(readFileSync(join(dir, "so-lieu.xlsx")));
  scored = new Uint8Array(readFileSync(join(dir, "ket-qua.xlsx")));
}, 120_000);

async function edited(bytes: Uint8Array, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  change(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function noteText(note: ExcelJS.Cell["note"]): string | undefined {
  if (note === undefined || note === null) return undefined;
  return typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join("");
}

/**
 * The workbook open in Excel (one empty sheet), into which the pane collects: inserted sheets come
 * with the notes the file gives them, as in Excel for Windows and Mac.
 */
function openWorkbook(requirements?: Record<string, string>): ExcelDouble {
  const double = createExcelDouble(requirements ? { requirements } : {});
  double.addSheet("Sheet1");
  return double.install();
}

/** What a sheet of the double holds: each cell's value (a formula as itself) and fill, by address. */
function cellsOf(sheet: MSheet): Map<number, string> {
  const out = new Map<number, string>();
  for (const [k, c] of sheet.cells) {
    const value = c.f ?? (c.v === "" ? null : c.v);
    if (value !== null || c.fill !== undefined) out.set(k, JSON.stringify([value, c.fill ?? null]));
  }
  return out;
}

/** On a sheet of the double: the cells labelled "Tổng điểm", those whose formula reads `_index`, and the marks' notes. */
function scoringOn(double: ExcelDouble, sheet: MSheet): { totals: number; readingIndex: number; marks: number } {
  const cells = [...sheet.cells.values()];
  return {
    totals: cells.filter((c) => c.v === "Tổng điểm").length,
    readingIndex: cells.filter((c) => c.f !== undefined && c.f.includes("_index")).length,
    marks: double.workbook.notes.filter((n) => n.sheet === sheet && n.content.includes("[DTI Scorer]")).length,
  };
}

const isForm = (sheet: MSheet) => [...sheet.cells.values()].some((c) => c.v === "Số liệu");

/**
 * The file with the mark's note on `sheet`!`cell` made a threaded comment, as a scoring on Excel
 * 2021 or 2024 leaves it: the thread (xl/threadedComments, its first comment the mark's text, and
 * a reply when `reply` is given) and the note Excel writes beside it for older versions.
 */
async function threadedMark(bytes: Uint8Array, sheet: string, cell: string, reply?: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (path: string) => zip.file(path)!.async("string");
  const workbook = await text("xl/workbook.xml");
  const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(workbook)![1]!;
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(await text("xl/_rels/workbook.xml.rels"))![1]!;
  const part = `xl/${target.replace(/^\/?xl\//, "")}`;
  const relsPath = part.replace(/([^/]+)$/, "_rels/$1.rels");
  const rels = await text(relsPath);
  const commentsPath = `xl/${/Type="[^"]*\/comments" Target="\.\.\/([^"]+)"/.exec(rels)![1]!}`;
  const comments = await text(commentsPath);
  const element = new RegExp(`<comment ref="${cell}"[^>]*>([\\s\\S]*?)</comment>`).exec(comments)!;
  const mark = [...element[1]!.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => m[1]!).join("");
  const legacy = `[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    ${mark}`;
  zip.file(commentsPath, comments.replace(element[0], `<comment ref="${cell}" authorId="0"><text><t xml:space="preserve">${legacy}</t></text></comment>`));
  zip.file(relsPath, rels.replace("</Relationships>", '<Relationship Id="rIdT1" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>'));
  zip.file("xl/threadedComments/threadedComment1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    + `<threadedComment ref="${cell}" dT="2024-06-01T08:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="{00000000-0000-0000-0000-0000000000A1}"><text>${mark}</text></threadedComment>`
    + (reply !== undefined ? `<threadedComment ref="${cell}" dT="2024-06-02T08:00:00.00" personId="{00000000-0000-0000-0000-000000000002}" id="{00000000-0000-0000-0000-0000000000A2}" parentId="{00000000-0000-0000-0000-0000000000A1}"><text>${reply}</text></threadedComment>` : "")
    + "</ThreadedComments>");
  const types = await text("[Content_Types].xml");
  zip.file("[Content_Types].xml", types.replace("</Types>", '<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/></Types>'));
  return zip.generateAsync({ type: "uint8array" });
}

describe("collecting a scored workbook's forms into Excel", () => {
  test("each form comes in as the unit sent it, protected again; the next scoring writes one summary on each", async () => {
    const double = openWorkbook();
    const report = await new ExcelHost().insertWorkbooks([{ name: "ket-qua.xlsx", base64: Buffer.from(scored).toString("base64") }]);
    expect(report.message).toBeUndefined();
    expect(report.inserted).toHaveLength(21);
    expect(report.warnings.map((w) => w.vi)).not.toContainEqual(expect.stringContaining("không xóa được"));

    // The units' forms as they sent them, opened in Excel, to compare cell by cell.
    const units = createExcelDouble();
    await units.loadXlsx(sent);
    const forms = double.workbook.sheets.filter(isForm);
    expect(forms.map((s) => s.name)).toEqual(units.workbook.sheets.filter(isForm).map((s) => s.name));
    for (const sheet of forms) {
      expect([sheet.name, cellsOf(sheet)]).toEqual([sheet.name, cellsOf(units.sheet(sheet.name))]);
      expect([sheet.name, scoringOn(double, sheet)]).toEqual([sheet.name, { totals: 0, readingIndex: 0, marks: 0 }]);
      // A form the template protects is protected again once cleaned.
      expect([sheet.name, sheet.protection.protected]).toEqual([sheet.name, units.sheet(sheet.name).protection.protected]);
    }
    expect(double.sheet("Sở Xây dựng").get(33, 3)?.fill).toBe("#FFF2CC");

    await runScoring(new ExcelHost(), { definition: departmentModel().definition, lang: "vi", projectVersion: "test", now: new Date("2024-06-08T00:00:00Z") });
    for (const sheet of double.workbook.sheets.filter(isForm)) {
      const found = scoringOn(double, sheet);
      if (sheet.name.startsWith("Đài Phát thanh")) expect([sheet.name, found.totals, found.readingIndex]).toEqual([sheet.name, 0, 0]);
      else expect([sheet.name, found.totals, found.readingIndex]).toEqual([sheet.name, 1, 1]);
    }
    expect(double.value("'Sở Nội vụ'!E2")).toBe("13/20");
    expect(double.value("'Sở Nội vụ'!G2")).toBe("");
  }, 120_000);

  test("a remark typed below a mark's note stays as the note, the council's figures stay; as many requests for 21 forms as for 2", async () => {
    const typed = await edited(scored, (wb) => {
      const ws = wb.getWorksheet("Sở Xây dựng")!;
      ws.getCell("E34").value = 0.9;
      ws.getCell("D34").note = `${noteText(ws.getCell("D34").note)}Đã gọi điện cho đơn vị.`;
    });
    const run = async (bytes: Uint8Array) => {
      const double = openWorkbook();
      double.resetCounters();
      const report = await new ExcelHost().insertWorkbooks([{ name: "ket-qua.xlsx", base64: Buffer.from(bytes).toString("base64") }]);
      return { double, report, requests: double.requests.length };
    };
    const all = await run(typed);
    const sheet = all.double.sheet("Sở Xây dựng");
    expect(all.double.workbook.notes.filter((n) => n.sheet === sheet).map((n) => [n.row, n.col, n.content])).toContainEqual([33, 3, "Đã gọi điện cho đơn vị."]);
    expect(all.double.value("'Sở Xây dựng'!E34")).toBe(0.9);
    expect(all.double.value("'Sở Xây dựng'!D34")).toBe("135%");
    expect(scoringOn(all.double, sheet)).toEqual({ totals: 0, readingIndex: 0, marks: 0 });

    // The same workbook with two of its forms.
    const two = await run(await edited(typed, (wb) => {
      for (const ws of [...wb.worksheets]) if (!["Sở Xây dựng", "Sở Nội vụ", "_index", "Kết quả"].includes(ws.name)) wb.removeWorksheet(ws.id);
    }));
    expect(two.report.inserted.map((i) => i.as)).toEqual(["Sở Nội vụ", "Sở Xây dựng"]);
    for (const s of two.double.workbook.sheets.filter(isForm)) expect(scoringOn(two.double, s)).toEqual({ totals: 0, readingIndex: 0, marks: 0 });
    expect(all.requests).toBe(two.requests);
    expect(all.double.requests.every((r) => r.ok)).toBe(true);
  }, 120_000);

  test("in an Excel without notes (ExcelApi 1.13 to 1.17) the forms come in clean all the same: the marks' notes are taken out of the file before it goes in, a remark typed in one stays as the note, the unit's own notes stay; no request refused, nothing to warn of", async () => {
    const typed = await edited(scored, (wb) => {
      const ws = wb.getWorksheet("Sở Xây dựng")!;
      ws.getCell("D34").note = `${noteText(ws.getCell("D34").note)}Đã gọi điện cho đơn vị.`;
    });
    const double = openWorkbook({ ExcelApi: "1.13" });
    const report = await new ExcelHost().insertWorkbooks([{ name: "ket-qua.xlsx", base64: Buffer.from(typed).toString("base64") }]);
    expect(report.inserted).toHaveLength(21);
    expect(report.warnings.map((w) => w.vi)).not.toContainEqual(expect.stringContaining("không xóa được"));
    expect(report.warnings.map((w) => w.vi)).not.toContainEqual(expect.stringContaining("ghi chú (note) của DTI Scorer"));
    expect(double.requests.every((r) => r.ok)).toBe(true);
    for (const sheet of double.workbook.sheets.filter(isForm)) expect([sheet.name, scoringOn(double, sheet)]).toEqual([sheet.name, { totals: 0, readingIndex: 0, marks: 0 }]);
    expect(double.sheet("Sở Xây dựng").get(33, 3)?.fill).toBe("#FFF2CC");
    // The unit's own notes, each where the file has it; the remark typed under a mark's note, alone.
    const file = new ExcelJS.Workbook();
    await file.xlsx.load(typed as never);
    const own: [number, number, string][] = [];
    file.getWorksheet("Sở Xây dựng")!.eachRow((row, r) => row.eachCell((cell, c) => {
      const text = noteText(cell.note);
      if (text !== undefined && !text.includes("[DTI Scorer]")) own.push([r - 1, c - 1, text]);
    }));
    expect(own.length).toBeGreaterThan(0);
    const sheet = double.sheet("Sở Xây dựng");
    expect(double.workbook.notes.filter((n) => n.sheet === sheet).map((n) => [n.row, n.col, n.content]).sort()).toEqual([...own, [33, 3, "Đã gọi điện cho đơn vị."]].sort());
  }, 120_000);

  test("a mark made as a threaded comment (a scoring on Excel 2021 or 2024) comes off with the form's other marks; one someone replied to stays, with its replies", async () => {
    for (const reply of [false, true]) {
      const double = openWorkbook({ ExcelApi: "1.14" });
      const file = await threadedMark(scored, "Sở Xây dựng", "D34", reply ? "Đơn vị đã sửa số liệu." : undefined);
      const report = await new ExcelHost().insertWorkbooks([{ name: "ket-qua.xlsx", base64: Buffer.from(file).toString("base64") }]);
      expect(report.inserted).toHaveLength(21);
      expect(double.requests.every((r) => r.ok)).toBe(true);
      const sheet = double.sheet("Sở Xây dựng");
      expect(double.workbook.notes.filter((n) => n.sheet === sheet && n.row === 33 && n.col === 3)).toEqual([]);
      const threads = double.workbook.comments.filter((c) => c.sheet === sheet).map((c) => [c.row, c.col, c.content.startsWith("[DTI Scorer]"), c.replies?.map((r) => r.content)]);
      expect(threads).toEqual(reply ? [[33, 3, true, ["Đơn vị đã sửa số liệu."]]] : []);
      expect(scoringOn(double, sheet)).toEqual({ totals: 0, readingIndex: 0, marks: 0 });
    }
  }, 120_000);

  test("a form Excel refuses to clean part way is the only one said to be left uncleaned: the forms before and after it are cleaned, every form is protected again", async () => {
    const clear = Range.prototype.clear;
    // One cell of one form refuses to be emptied (part of an array formula in the unit's file).
    Range.prototype.clear = function (this: Range, applyTo?: Parameters<typeof clear>[0]) {
      if (applyTo === "Contents" && this._path.includes("Sở Xây dựng")) {
        this._call("clear", applyTo, () => {
          throw new DoubleError("InvalidOperation", "You can't change part of an array.");
        });
        return;
      }
      clear.call(this, applyTo);
    } as typeof clear;
    try {
      const double = openWorkbook();
      const report = await new ExcelHost().insertWorkbooks([{ name: "ket-qua.xlsx", base64: Buffer.from(scored).toString("base64") }]);
      expect(report.inserted).toHaveLength(21);
      const left = report.warnings.filter((w) => w.vi.includes("không xóa được"));
      expect(left).toHaveLength(1);
      expect(left[0]!.vi).toContain("trên trang tính 'Sở Xây dựng'");
      expect(left[0]!.en).toContain("off sheet 'Sở Xây dựng'");
      const units = createExcelDouble();
      await units.loadXlsx(sent);
      for (const sheet of double.workbook.sheets.filter(isForm)) {
        expect([sheet.name, sheet.protection.protected]).toEqual([sheet.name, units.sheet(sheet.name).protection.protected]);
        if (sheet.name !== "Sở Xây dựng") expect([sheet.name, scoringOn(double, sheet)]).toEqual([sheet.name, { totals: 0, readingIndex: 0, marks: 0 }]);
      }
      expect(scoringOn(double, double.sheet("Sở Xây dựng")).totals).toBe(1);
    } finally {
      Range.prototype.clear = clear;
    }
  }, 120_000);

  test("a form a password protects comes in as the file has it, with a warning naming its file, sheet and cells; the others are cleaned, no request refused", async () => {
    const locked = await edited(scored, (wb) => {
      void wb.getWorksheet("Sở Nội vụ")!.protect("mat-khau", {});
    });
    const double = openWorkbook();
    const report = await new ExcelHost().insertWorkbooks([{ name: "ket-qua.xlsx", base64: Buffer.from(locked).toString("base64") }]);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(double.sheet("Sở Nội vụ").protection.protected).toBe(true);
    expect(scoringOn(double, double.sheet("Sở Nội vụ")).totals).toBe(1);
    expect(scoringOn(double, double.sheet("Sở Tài chính"))).toEqual({ totals: 0, readingIndex: 0, marks: 0 });
    const warning = report.warnings.find((w) => w.vi.includes("Sở Nội vụ"));
    expect(warning?.vi).toMatch(/^Trang tính 'Sở Nội vụ' \(tệp ket-qua.xlsx\) được bảo vệ bằng mật khẩu nên vẫn giữ tổng điểm, hạng .*\(ô D1:D5, E1:E3, I9:I12/);
    expect(warning?.en).toMatch(/^Sheet 'Sở Nội vụ' \(file ket-qua.xlsx\) is protected with a password/);
  }, 120_000);
});
