/**
 * A CSV row with more fields than its header row (a decimal comma not put in quotes, "0,8" in a
 * comma file): its values would be read one column to the left, so none is read and the row is
 * said, with both counts. A row with fewer fields (trailing empty fields left out) reads them as
 * empty.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../cli/test-run";
import type { Issue } from "../types";
import { csvToSnapshot } from "./csv";
import { sampleModel } from "./fixtures";
import { readSubmissions } from "./read";

const model = sampleModel();
const HEADER = ["Mã đơn vị", "Đơn vị", "Nhóm", "1.1", "1.2.a", "1.2.b", "1.3", "1.10", "2.1", "2.2", "2.3"];
/** A unit's row, every input given: 2.1 (a percentage) as `rate`, as the file has it. */
const row = (code: string, name: string, rate: string): string => [code, name, "co-dvc", "có", "3", "4", "Chủ tịch", "4", rate, "4", "12"].join(",");

const wide = (issues: Issue[]) => issues.filter((i) => i.code === "row-too-wide");

describe("a comma CSV row with a decimal comma not in quotes", () => {
  const csv = [HEADER.join(","), row("SYT", "Sở Y tế", "0,85"), row("STC", "Sở Tài chính", '"0,5"')].join("\n");

  test("is an error naming the file, the row and both counts, and no value of the row is read under the wrong column", () => {
    const result = readSubmissions(model, csvToSnapshot(csv, "bang", "bang.csv"));
    expect(wide(result.issues)).toEqual([
      {
        severity: "error",
        code: "row-too-wide",
        sheet: "bang",
        // The first field past the header's: the cell a host marks.
        cell: "L2",
        unit: "SYT",
        message: {
          vi: 'Tệp bang.csv, dòng 2: dòng này có 12 giá trị nhưng dòng tiêu đề (dòng 1) có 11 cột (có thể một số thập phân viết bằng dấu phẩy mà không đặt trong ngoặc kép, như 0,8), nên các giá trị bị lệch cột; số liệu của Sở Y tế (SYT) không được đọc và đơn vị chưa được chấm — hãy đặt số thập phân (và mọi nội dung có dấu phân cách) trong ngoặc kép, như "0,8", hoặc xóa giá trị thừa, rồi chấm lại.',
          en: 'File bang.csv, row 2: the row has 12 values but the header row (row 1) has 11 columns (perhaps a decimal number written with a comma and not in quotes, such as 0,8), so the values are out of line with the columns; the figures of Sở Y tế (SYT) are not read and the unit is not scored — put decimal numbers (and any text holding the separator) in quotes, as "0,8", or delete the extra value, then score again.',
        },
      },
    ]);
    // The row is not scored: nothing of it is read shifted (2.2 would be 85, 2.3 would be 4).
    expect(result.submissions.map((s) => s.code)).toEqual(["STC"]);
    // The quoted decimal of the next row is read as it should be, in its column.
    expect(result.submissions[0]!.values).toMatchObject({ "2.1": 0.5, "2.2": 4, "2.3": 12 });
    // Nothing else is said about the wide row: no finding points at a shifted cell of it.
    expect(result.issues.filter((i) => i.unit === "SYT").map((i) => i.code)).toEqual(["row-too-wide"]);
  });

  test("a semicolon file is checked alike: a name holding the separator splits the row", () => {
    const semi = [HEADER.join(";"), row("SYT", "Sở Y tế; Hà Nội", "85%").replace(/,/g, ";"), row("STC", "Sở Tài chính", "0,5").replace(/,(?!5)/g, ";")].join("\n");
    const result = readSubmissions(model, csvToSnapshot(semi, "bang", "bang.csv"));
    expect(wide(result.issues)).toEqual([
      expect.objectContaining({ severity: "error", cell: "L2", unit: "SYT", message: expect.objectContaining({ en: expect.stringMatching(/^File bang\.csv, row 2: the row has 12 values but the header row \(row 1\) has 11 columns/) }) }),
    ]);
    expect(result.submissions.map((s) => [s.code, s.values["2.1"], s.values["2.3"]])).toEqual([["STC", 0.5, 12]]);
  });

  test("a row whose extra field is empty (its last input left blank) is one too", () => {
    // 2.1 "0,85" split, 2.3 left blank: 12 fields, the last one empty.
    const blankLast = [HEADER.join(","), row("SYT", "Sở Y tế", "0,85").replace(/,12$/, ","), row("STC", "Sở Tài chính", "1")].join("\n");
    const result = readSubmissions(model, csvToSnapshot(blankLast, "bang", "bang.csv"));
    expect(wide(result.issues)).toEqual([
      expect.objectContaining({ cell: "L2", unit: "SYT", message: expect.objectContaining({ vi: expect.stringMatching(/^Tệp bang\.csv, dòng 2: dòng này có 12 giá trị nhưng dòng tiêu đề \(dòng 1\) có 11 cột/) }) }),
    ]);
    expect(result.submissions.map((s) => s.code)).toEqual(["STC"]);
  });

  test("a totals row is still a totals row, and a unit without a code is named by its name", () => {
    const text = [HEADER.join(","), row("", "Sở Y tế", "0,85"), row("", "Tổng cộng", "0,7")].join("\n");
    const result = readSubmissions(model, csvToSnapshot(text, "bang", "bang.csv"));
    expect(result.issues.map((i) => [i.code, i.unit])).toEqual([
      ["row-too-wide", "Sở Y tế"],
      ["summary-row", undefined],
    ]);
    expect(wide(result.issues)[0]!.message.en).toContain("the figures of Sở Y tế are not read");
  });
});

describe("rows that are not too wide", () => {
  test("a row with fewer fields than the header (trailing empty fields left out) reads them as empty", () => {
    const text = [HEADER.join(","), "SYT,Sở Y tế,co-dvc,có,3,4,Chủ tịch,4,85%", row("STC", "Sở Tài chính", "50%")].join("\n");
    const result = readSubmissions(model, csvToSnapshot(text, "bang", "bang.csv"));
    expect(wide(result.issues)).toEqual([]);
    expect(result.submissions.map((s) => [s.code, s.values["2.1"], s.values["2.2"], s.values["2.3"]])).toEqual([
      ["SYT", 0.85, undefined, undefined],
      ["STC", 0.5, 4, 12],
    ]);
    // The two inputs left out are missing, each at its own cell.
    expect(result.issues.filter((i) => i.code === "missing-input").map((i) => [i.unit, i.node, i.cell])).toEqual([
      ["SYT", "2.2", "J2"],
      ["SYT", "2.3", "K2"],
    ]);
  });

  test("every row ending with one separator more than the header (as some programs write) is no error", () => {
    const text = [HEADER.join(","), `${row("SYT", "Sở Y tế", "85%")},`, `${row("STC", "Sở Tài chính", "50%")},`].join("\n");
    const result = readSubmissions(model, csvToSnapshot(text, "bang", "bang.csv"));
    expect(result.issues).toEqual([]);
    expect(result.submissions.map((s) => s.code)).toEqual(["SYT", "STC"]);
  });

  test("a header ending in unnamed columns keeps them: a note typed under one is no error", () => {
    const text = [`${HEADER.join(",")},`, `${row("SYT", "Sở Y tế", "85%")},đã thẩm định`, `${row("STC", "Sở Tài chính", "50%")},`].join("\n");
    const result = readSubmissions(model, csvToSnapshot(text, "bang", "bang.csv"));
    expect(wide(result.issues)).toEqual([]);
    expect(result.submissions.map((s) => s.code)).toEqual(["SYT", "STC"]);
  });

  test("a sheet of a workbook is not checked: a column without a header right of the table is the user's", () => {
    const values = [HEADER, ["SYT", "Sở Y tế", "co-dvc", "có", 3, 4, "Chủ tịch", 4, 0.85, 4, 12, "ghi chú"]];
    const result = readSubmissions(model, { sheets: [{ name: "Tổng hợp", values }] });
    expect(result.issues).toEqual([]);
    expect(result.submissions).toHaveLength(1);
  });
});

describe("through the command line (a CSV file becomes a workbook, then is read)", () => {
  /** The built-in dti-so-nganh-mau: unit code, name, category and its 29 inputs, 32 columns. */
  const INPUTS = ["1.1", "1.2.a", "1.2.b", "1.3.a", "1.3.b", "1.4", "2.1", "2.2", "2.3", "3.1.a", "3.1.b", "3.2", "3.3", "4.1", "4.2.a", "4.2.b", "4.3", "5.1.a", "5.1.b", "5.2", "5.3", "6.1", "6.2", "6.3.a", "6.3.b", "6.4.a", "6.4.b", "6.5", "6.6"];
  /** A unit's figures, 3.2 (a percentage) as `rate`. */
  const figures = (rate: string): string[] =>
    ["Giám đốc", "có", "có", "5", "6", "12", "có", "có", "có", "50", "60", rate, "có", "có", "40", "50", "90%", "3", "4", "1", "có", "95%", "5", "30", "40", "35", "40", "60%", "12"];

  test("dti-so-nganh-mau: the row with 0,8 not in quotes is said with 33 values and 32 columns, the other units are scored", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dti-row-width-"));
    const lines = [
      ["Mã đơn vị", "Đơn vị", "Nhóm", ...INPUTS],
      ["SYT", "Sở Y tế", "co-dvc", ...figures("0,8")],
      ["STC", "Sở Tài chính", "co-dvc", ...figures('"0,8"')],
      ["SXD", "Sở Xây dựng", "co-dvc", ...figures("80%")],
    ];
    expect(lines[0]).toHaveLength(32);
    writeFileSync(join(dir, "bang.csv"), lines.map((l) => l.join(",")).join("\r\n"));
    const run = await runCli(["validate", "bang.csv", "--index", "dti-so-nganh-mau", "--json", "ket-qua.json"], dir);
    // Done, with an error in the inputs.
    expect(run.code).toBe(1);
    const json = JSON.parse(readFileSync(join(dir, "ket-qua.json"), "utf8")) as { issues: { severity: string; code: string; cell?: string; unit?: string; message: string }[] };
    const found = json.issues.filter((i) => i.code === "row-too-wide");
    expect(found).toEqual([
      expect.objectContaining({
        severity: "error",
        cell: "AG2",
        unit: "SYT",
        message: expect.stringMatching(/^Tệp bang\.csv, dòng 2: dòng này có 33 giá trị nhưng dòng tiêu đề \(dòng 1\) có 32 cột \(có thể một số thập phân viết bằng dấu phẩy mà không đặt trong ngoặc kép, như 0,8\)/),
      }),
    ]);
    // Nothing about SYT's shifted cells (a "50" under 3.2, "có" under a count…): only the row.
    expect(json.issues.filter((i) => i.unit === "SYT").map((i) => i.code)).toEqual(["row-too-wide"]);
    // The other rows are read in line: no finding about them.
    expect(json.issues.filter((i) => i.unit !== "SYT")).toEqual([]);
    // And so says the command's report.
    expect(run.out).toContain("Lỗi: Tệp bang.csv, dòng 2: dòng này có 33 giá trị nhưng dòng tiêu đề (dòng 1) có 32 cột");
    // Scored, the row left out is counted, as a form left out is, and listed under the results table.
    const scored = await runCli(["score", "bang.csv", "--index", "dti-so-nganh-mau", "--out", "ket-qua.xlsx"], dir);
    expect(scored.code).toBe(1);
    expect(scored.out).toContain("Đã chấm điểm và xếp hạng 2 sở, ban, ngành. 1 dòng chưa được chấm: xem các lỗi bên dưới.");
  });

  test("the file's own count of fields is what counts: an unnamed column of notes (as Excel saves one) is no error, a split row whose last field is empty is one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dti-row-width-"));
    const header = ["Mã đơn vị", "Đơn vị", "Nhóm", ...INPUTS];
    // Excel writes every line as wide as the sheet: the header ends in the notes column's empty name.
    const notes = [
      [...header, ""],
      ["SYT", "Sở Y tế", "co-dvc", ...figures("80%"), "đã thẩm định"],
      ["STC", "Sở Tài chính", "co-dvc", ...figures("80%"), ""],
    ];
    writeFileSync(join(dir, "ghi-chu.csv"), notes.map((l) => l.join(",")).join("\r\n"));
    const clean = await runCli(["validate", "ghi-chu.csv", "--index", "dti-so-nganh-mau", "--json", "ghi-chu.json"], dir);
    expect(clean.code).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, "ghi-chu.json"), "utf8")) as { issues: unknown[] }).issues).toEqual([]);
    // 6.6 left empty after a split 0,8: the row has 33 fields, its last one empty.
    const split = [header, ["SYT", "Sở Y tế", "co-dvc", ...figures("0,8").slice(0, -1), ""], ["STC", "Sở Tài chính", "co-dvc", ...figures("80%")]];
    writeFileSync(join(dir, "lech.csv"), split.map((l) => l.join(",")).join("\r\n"));
    const run = await runCli(["validate", "lech.csv", "--index", "dti-so-nganh-mau", "--json", "lech.json"], dir);
    expect(run.code).toBe(1);
    const json = JSON.parse(readFileSync(join(dir, "lech.json"), "utf8")) as { issues: { code: string; unit?: string }[] };
    expect(json.issues.map((i) => [i.code, i.unit])).toEqual([["row-too-wide", "SYT"]]);
    // Every line one empty field wider (Excel's unnamed column), one split: 34 values for 33 columns, past AG.
    const excel = [[...header, ""], ["SYT", "Sở Y tế", "co-dvc", ...figures("0,8"), ""], ["STC", "Sở Tài chính", "co-dvc", ...figures("80%"), ""]];
    writeFileSync(join(dir, "excel.csv"), excel.map((l) => l.join(",")).join("\r\n"));
    const wider = await runCli(["validate", "excel.csv", "--index", "dti-so-nganh-mau", "--json", "excel.json"], dir);
    expect(wider.code).toBe(1);
    const said = (JSON.parse(readFileSync(join(dir, "excel.json"), "utf8")) as { issues: { code: string; cell?: string; message: string }[] }).issues;
    expect(said.map((i) => [i.code, i.cell])).toEqual([["row-too-wide", "AH2"]]);
    expect(said[0]!.message).toContain("dòng này có 34 giá trị nhưng dòng tiêu đề (dòng 1) có 33 cột");
  });

  test("a header line split by a comma in a column's name not in quotes: score stops on it with the sentence, and validate's JSON holds it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dti-header-width-"));
    const header = ["Mã đơn vị", "Đơn vị", "Nhóm", ...INPUTS.map((c) => (c === "6.2" ? "6.2 – Số ứng dụng, nền tảng dùng chung" : c))];
    const lines = [header, ["SYT", "Sở Y tế", "co-dvc", ...figures("80%")], ["STC", "Sở Tài chính", "co-dvc", ...figures("80%")]];
    writeFileSync(join(dir, "bang.csv"), lines.map((l) => l.join(",")).join("\r\n"));
    const scored = await runCli(["score", "bang.csv", "--index", "dti-so-nganh-mau"], dir);
    expect(scored.code).toBe(2);
    expect(scored.err).toContain('Tệp bang.csv, dòng 1: dòng tiêu đề có 33 cột nhưng các dòng đơn vị chỉ có nhiều nhất 32 giá trị: có thể tên một cột chứa dấu phân cách (dấu phẩy hoặc chấm phẩy) mà không đặt trong ngoặc kép ("6.2 – Số ứng dụng" và "nền tảng dùng chung" có lẽ là hai nửa của một tên cột)');
    // validate ran and found an error in the inputs.
    const run = await runCli(["validate", "bang.csv", "--index", "dti-so-nganh-mau", "--json", "loi.json", "--lang", "en"], dir);
    expect(run.code).toBe(1);
    const json = JSON.parse(readFileSync(join(dir, "loi.json"), "utf8")) as { units: unknown[]; issues: { code: string; cell?: string; message: string }[] };
    expect(json.units).toEqual([]);
    expect(json.issues.map((i) => [i.code, i.cell])).toEqual([["header-too-wide", "AA1"]]);
    expect(json.issues[0]!.message).toMatch(/^File bang\.csv, row 1: the header row has 33 columns but the rows of units have at most 32 values/);
  });
});

describe("a header line split by a separator in a column's name not put in quotes", () => {
  /** The header with 2.1 named by code and name, the name holding a comma. */
  const named = (quoted: boolean) => HEADER.map((h) => (h === "2.1" ? (quoted ? '"2.1 – Tỷ lệ hồ sơ, thủ tục"' : "2.1 – Tỷ lệ hồ sơ, thủ tục") : h)).join(",");
  const rows = [row("SYT", "Sở Y tế", "85%"), row("STC", "Sở Tài chính", "50%")];

  test("is an error naming the file, the header row, both counts and the two halves; no row is read under the wrong column", () => {
    const result = readSubmissions(model, csvToSnapshot([named(false), ...rows].join("\n"), "bang", "bang.csv"));
    expect(result.issues).toEqual([
      {
        severity: "error",
        code: "header-too-wide",
        sheet: "bang",
        // The piece split off: the cell a host marks.
        cell: "J1",
        message: {
          vi: 'Tệp bang.csv, dòng 1: dòng tiêu đề có 12 cột nhưng các dòng đơn vị chỉ có nhiều nhất 11 giá trị: có thể tên một cột chứa dấu phân cách (dấu phẩy hoặc chấm phẩy) mà không đặt trong ngoặc kép ("2.1 – Tỷ lệ hồ sơ" và "thủ tục" có lẽ là hai nửa của một tên cột), nên các giá trị bị lệch cột so với tên cột; không dòng nào của bảng được đọc và chưa đơn vị nào được chấm — hãy đặt tên cột đó trong ngoặc kép hoặc bỏ dấu phân cách khỏi tên cột, rồi chấm lại.',
          en: 'File bang.csv, row 1: the header row has 12 columns but the rows of units have at most 11 values: a column name probably holds the separator (a comma or semicolon) and is not in quotes ("2.1 – Tỷ lệ hồ sơ" and "thủ tục" are probably two halves of one column name), so the values are out of line with the column names; no row of the table is read and no unit is scored — put that column name in quotes or take the separator out of it, then score again.',
        },
      },
    ]);
    // 2.2 would be read from 2.1's column, 2.3 from 2.2's, and 2.3's own figure lost: nothing is read.
    expect(result.submissions).toEqual([]);
  });

  test("in quotes, the same name is one column and every unit is read in line", () => {
    const result = readSubmissions(model, csvToSnapshot([named(true), ...rows].join("\n"), "bang", "bang.csv"));
    expect(result.issues).toEqual([]);
    expect(result.submissions.map((s) => [s.code, s.values["2.1"], s.values["2.2"], s.values["2.3"]])).toEqual([
      ["SYT", 0.85, 4, 12],
      ["STC", 0.5, 4, 12],
    ]);
  });

  test("a file whose lines leave out their empty last fields is none: a column of its own (STT) is no piece split off", () => {
    // Every unit left 2.3 blank, and the lines end before it; the header's STT names nothing read.
    const text = [`STT,${HEADER.join(",")}`, ...rows.map((r, i) => `${i + 1},${r.replace(/,12$/, "")}`)].join("\n");
    const result = readSubmissions(model, csvToSnapshot(text, "bang", "bang.csv"));
    expect(result.issues.filter((i) => i.code === "header-too-wide")).toEqual([]);
    expect(result.submissions.map((s) => [s.code, s.values["2.2"], s.values["2.3"]])).toEqual([
      ["SYT", 4, undefined],
      ["STC", 4, undefined],
    ]);
  });

  test("a column of the file's own split in two is found by its second half (a space or a small letter first)", () => {
    const text = [HEADER.join(",").replace("Nhóm,", "Nhóm,Ghi chú, nhận xét,"), ...rows.map((r) => r.replace("co-dvc,", "co-dvc,đã xem,"))].join("\n");
    const result = readSubmissions(model, csvToSnapshot(text, "bang", "bang.csv"));
    expect(result.issues.map((i) => [i.code, i.cell, /"Ghi chú" và "nhận xét"/.test(i.message.vi)])).toEqual([["header-too-wide", "E1", true]]);
    expect(result.submissions).toEqual([]);
  });
});
