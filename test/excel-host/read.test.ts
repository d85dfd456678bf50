import { readSubmissions } from "../../src/core/read";
import { withEvidenceFindings } from "../../src/core/read/evidence";
import { scoreUnits } from "../../src/core/score";
import type { CellValue, WorkbookSnapshot } from "../../src/core/types";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";
import { a1 } from "../../src/core/a1";

/** Every cell of every sheet, as a full read would give them (the reference for a partial read). */
function everyCell(double: ExcelDouble): WorkbookSnapshot {
  return {
    sheets: double.workbook.sheets.map((s) => {
      const values: CellValue[][] = [];
      const percentCells: string[] = [];
      const used = s.usedRect(true);
      for (let r = 0; used && r < used.row + used.rows; r++) values.push([]);
      for (const [k, c] of s.cells) {
        if (c.t === "Empty") continue;
        const row = Math.floor(k / 16384), col = k % 16384;
        const line = values[row]!;
        while (line.length <= col) line.push(null);
        line[col] = c.t === "Error" ? { error: String(c.v) } : c.v;
        // A number shown as a percentage ("7" typed in a % cell is seen as 700%), as the host reads it.
        if (c.t === "Double" && c.nf !== undefined && /%/.test(c.nf)) percentCells.push(a1(row, col));
      }
      return { name: s.name, values, visible: s.visibility === "Visible", ...(percentCells.length > 0 ? { percentCells } : {}) };
    }),
  };
}

/** The merged lines of the head's signature block under a template form's table (G:I, one row each). */
function signatureMerges(merges: string[] | undefined): string[] {
  return (merges ?? []).filter((m) => /^G(\d+):I\1$/.test(m));
}

/** 0-based header row and column of a header text on a unit's sheet. */
function headerCell(double: ExcelDouble, sheet: string, text: string): { row: number; col: number } {
  for (const [k, c] of double.sheet(sheet).cells) if (c.v === text) return { row: Math.floor(k / 16384), col: k % 16384 };
  throw new Error(`no ${text} on ${sheet}`);
}

describe("reading unit forms from Excel", () => {
  test("forms read only by the reader's columns give the same submissions and issues as reading every cell", async () => {
    const { double, model } = await layoutAWorkbook(6);
    const sheet = "Đơn vị số 2";
    const value = headerCell(double, sheet, "Số liệu");
    const code = headerCell(double, sheet, "Mã");
    // What users leave in forms: a typed "#N/A", an error, text in a number cell, an unknown code.
    double.setCells(sheet, `D${value.row + 4}`, [["#N/A"]]);
    double.setCells(sheet, `D${value.row + 5}`, [[{ error: "#DIV/0!" }]]);
    double.setCells(sheet, `D${value.row + 6}`, [["khoảng 12"]]);
    // Self-scores and appraised values far below the top rows.
    const self = headerCell(double, sheet, "Tự chấm");
    const appraised = headerCell(double, sheet, "Số liệu thẩm định");
    for (let r = value.row + 9; r < value.row + 30; r += 3) {
      double.sheet(sheet).cell(r, self.col).v = 1; double.sheet(sheet).cell(r, self.col).t = "Double";
      double.sheet(sheet).cell(r + 1, appraised.col).v = 7; double.sheet(sheet).cell(r + 1, appraised.col).t = "Double";
    }
    const last = double.sheet(sheet).usedRect(true)!;
    double.setCells(sheet, `A${last.row + last.rows + 1}`, [["9.9.9", "Dòng thêm", null, 3]]);
    double.install();

    const partial = await new ExcelHost().read();
    const full = everyCell(double);
    expect(readSubmissions(model, partial)).toEqual(readSubmissions(model, full));
    expect(readSubmissions(model, partial).issues.some((i) => i.sheet === sheet)).toBe(true);

    // The item names below the header stay in Excel; the snapshot is still anchored at A1.
    const snap = partial.sheets.find((s) => s.name === sheet)!;
    const item = code.col + 1;
    const far = value.row + 10; // below the rows read whole at the top
    expect(double.sheet(sheet).get(far, item)?.v).toEqual(expect.any(String));
    expect(snap.values[far]?.[item] ?? null).toBeNull();
    expect(snap.values[far]?.[code.col]).toBe(full.sheets.find((s) => s.name === sheet)!.values[far]![code.col]);
    expect(snap.values).toHaveLength(full.sheets.find((s) => s.name === sheet)!.values.length);
  });

  test("a form's Số liệu thẩm định and Minh chứng columns renamed with words after their names are read, below the top rows too; so is evidence merged over rows", async () => {
    const { double, model } = await layoutAWorkbook(2);
    const sheet = "Đơn vị số 2";
    const appraised = headerCell(double, sheet, "Số liệu thẩm định");
    const evidence = headerCell(double, sheet, "Minh chứng");
    const code = headerCell(double, sheet, "Mã");
    double.setCells(sheet, `${String.fromCharCode(65 + appraised.col)}${appraised.row + 1}`, [["Số liệu thẩm định của Hội đồng"]]);
    double.setCells(sheet, `${String.fromCharCode(65 + evidence.col)}${evidence.row + 1}`, [["Minh chứng (số, ngày văn bản)"]]);
    // The rows of the form by code, and the whole-number inputs far below the top rows.
    const rowOf = new Map<string, number>();
    for (const [k, c] of double.sheet(sheet).cells) if (k % 16384 === code.col && Math.floor(k / 16384) > code.row) rowOf.set(String(c.v), Math.floor(k / 16384));
    const far = [...model.inputs.values()].filter((i) => i.type === "integer" && (rowOf.get(i.code) ?? 0) > code.row + 12);
    expect(far.length).toBeGreaterThan(0);
    for (const input of far) {
      const cell = double.sheet(sheet).cell(rowOf.get(input.code)!, appraised.col);
      cell.v = 1;
      cell.t = "Double";
    }
    // One decision cited for the indicators of the last group, merged over their rows.
    const indicators = model.indicators.filter((c) => rowOf.has(c)).slice(-3);
    const rows = indicators.map((c) => rowOf.get(c)!).sort((a, b) => a - b);
    const col = String.fromCharCode(65 + evidence.col);
    for (const r of rows) double.setCells(sheet, `${col}${r + 1}`, [[""]]);
    double.setCells(sheet, `${col}${rows[0]! + 1}`, [["Quyết định 12/QĐ-UBND (chung)"]]);
    double.install();
    double.merge(`'${sheet}'!${col}${rows[0]! + 1}:${col}${rows[rows.length - 1]! + 1}`);

    const partial = await new ExcelHost().read();
    const read = readSubmissions(model, partial);
    const unit = read.submissions.find((s) => s.name === sheet)!;
    for (const input of far) expect([input.code, unit.values[input.code]]).toEqual([input.code, 1]);
    for (const c of indicators) expect([c, unit.evidence?.[c]]).toEqual([c, "Quyết định 12/QĐ-UBND (chung)"]);
    // Scored as a run scores it: an indicator earning points is not said to lack the evidence merged over its rows.
    const issues = withEvidenceFindings(model, read, scoreUnits(model, read.submissions));
    expect(issues.filter((i) => i.sheet === sheet && (i.code === "unknown-column" || i.code === "evidence-missing"))).toEqual([]);
  }, 60_000);

  // About as many forms as one response carries: the template's forms end with the place, date and signatures (seven rows more).
  test("600 department forms are read in as many Excel requests as 34, every response under 5 MB", async () => {
    const count = async (units: number) => {
      const { double } = await layoutAWorkbook(units);
      double.install();
      double.resetCounters();
      const snap = await new ExcelHost().read();
      expect(snap.sheets).toHaveLength(units + 1);
      expect(double.requests.every((r) => r.ok && r.responseBytes <= 5 * 1024 * 1024)).toBe(true);
      return double.syncCount;
    };
    expect(await count(600)).toBe(await count(34));
  }, 300_000);

  test("a sheet whose table starts below the top rows is read whole, as before", async () => {
    const { double, model } = await layoutAWorkbook(1);
    // The same form moved 20 rows down, with an item name to be kept.
    const src = double.workbook.sheets.find((s) => s.name === "Đơn vị số 1")!;
    const rows: (string | number | null)[][] = [];
    for (const [k, c] of src.cells) {
      const r = Math.floor(k / 16384), col = k % 16384;
      while (rows.length <= r) rows.push([]);
      const line = rows[r]!;
      while (line.length <= col) line.push(null);
      line[col] = c.t === "Empty" ? null : (c.v as string | number);
    }
    double.addSheet("Phiếu dời xuống", rows, "A21");
    double.install();
    const partial = await new ExcelHost().read();
    const moved = partial.sheets.find((s) => s.name === "Phiếu dời xuống")!;
    const header = headerCell(double, "Phiếu dời xuống", "Mã");
    expect(header.row).toBeGreaterThan(20);
    expect(moved.values[header.row + 3]?.[header.col + 1]).toEqual(expect.any(String));
    expect(readSubmissions(model, partial)).toEqual(readSubmissions(model, everyCell(double)));
  });

  test("from ExcelApi 1.13 each sheet says which of its ranges are merged, in the same requests; before, nothing is said", async () => {
    const { double } = await layoutAWorkbook(3);
    double.install();
    double.merge("'Đơn vị số 2'!J20:K21");
    const plain = await layoutAWorkbook(3, { requirements: { ExcelApi: "1.12" } });
    plain.double.install();
    const old = await new ExcelHost().read();
    expect(old.sheets.every((s) => s.merges === undefined)).toBe(true);

    double.install();
    double.resetCounters();
    const snapshot = await new ExcelHost().read();
    expect(double.syncCount).toBe(plain.double.syncCount);
    const form = snapshot.sheets.find((s) => s.name === "Đơn vị số 2")!;
    // The template merges its instructions line across the table and the head's signature lines
    // under it (G:I); the user merged two cells more.
    expect(signatureMerges(form.merges)).toHaveLength(4);
    expect(form.merges!.filter((m) => !signatureMerges(form.merges).includes(m))).toEqual(["A6:I6", "J20:K21"]);
    const first = snapshot.sheets.find((s) => s.name === "Đơn vị số 1")!.merges;
    expect(first!.filter((m) => !signatureMerges(first).includes(m))).toEqual(["A6:I6"]);
    expect(snapshot.sheets.every((s) => Array.isArray(s.merges))).toBe(true);
  }, 60_000);

  test("a sheet with more merged areas than Excel gives (512) is read without them; the other sheets keep theirs", async () => {
    const { double } = await layoutAWorkbook(4);
    double.install();
    double.addSheet("Báo cáo");
    for (let r = 0; r < 600; r++) double.merge(`'Báo cáo'!A${r + 1}:C${r + 1}`);
    const snapshot = await new ExcelHost().read();
    expect(snapshot.sheets.find((s) => s.name === "Báo cáo")!.merges).toBeUndefined();
    for (const n of ["Đơn vị số 1", "Đơn vị số 4"]) {
      const merges = snapshot.sheets.find((s) => s.name === n)!.merges;
      expect([n, merges!.filter((m) => !signatureMerges(merges).includes(m)), signatureMerges(merges).length]).toEqual([n, ["A6:I6"], 4]);
    }
  }, 60_000);
});
