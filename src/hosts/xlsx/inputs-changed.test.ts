/**
 * A scored .xlsx says on its own that its figures were changed since scoring: `_index` keeps a
 * copy of each unit's figures and a formula a unit comparing them with the form; the results
 * sheet's subtitle turns into a red line that counts the units changed, and each form says under
 * its summary that its points and rank are out of date (LibreOffice computes them: test/interop).
 */
import ExcelJS from "exceljs";
import { planMarksOnly, readIndexSheet } from "../../core/plan";
import { unitInputsChangedCount } from "../../core/plan/index-sheet";
import { INDEX_SHEET } from "../../core/plan/labels";
import { DEMO_DEFINITION, DEMO_UNITS } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { readSubmissions } from "../../core/read";
import { buildModel } from "../../core/definition/model";
import { indexDefinitionSchema } from "../../core/definition";
import { XlsxHost } from "./host";
import { renameSheets } from "./rename-sheets";
import { snapshotWorkbook } from "./read";
import { demoForms, edit, open } from "./test-workbooks";

const FIRST = new Date("2024-06-01T00:00:00Z");
const SECOND = new Date("2024-06-08T00:00:00Z");

async function score(file: Uint8Array, now = FIRST, lang: "vi" | "en" = "vi") {
  const host = await XlsxHost.fromBuffer(file, "bao-cao.xlsx");
  const result = await runScoring(host, { definition: DEMO_DEFINITION, lang, projectVersion: "0.1.0", now });
  return { out: await host.toBuffer(), host, result };
}

/** `_index`'s flag rows: the unit, its formula, its sheet. */
function flags(wb: ExcelJS.Workbook): { unit: string; formula: string; sheet: string; row: number }[] {
  const ws = wb.getWorksheet(INDEX_SHEET)!;
  const out: { unit: string; formula: string; sheet: string; row: number }[] = [];
  ws.eachRow((row, r) => {
    if (row.getCell(1).value !== "inputs") return;
    out.push({ unit: String(row.getCell(2).value), formula: String(row.getCell(3).formula ?? ""), sheet: String(row.getCell(4).value), row: r });
  });
  return out;
}

/** The status cell of the results sheet: the subtitle's cell, a formula. */
function status(wb: ExcelJS.Workbook, name = "Kết quả"): ExcelJS.Cell | undefined {
  const cell = wb.getWorksheet(name)!.getCell("A2");
  return cell.formula ? cell : undefined;
}

type Rule = { type: string; formulae?: string[]; style?: { font?: { color?: { argb?: string }; bold?: boolean } } };

/** The conditional formats of a sheet: each range with its rules. */
function formats(ws: ExcelJS.Worksheet): { ref: string; rules: Rule[] }[] {
  return (ws as unknown as { conditionalFormattings: { ref: string; rules: Rule[] }[] }).conditionalFormattings;
}

/** The formula rules of a sheet: the one that shows the status line red and bold. */
function expressionRules(ws: ExcelJS.Worksheet): { ref: string; rule: Rule }[] {
  return formats(ws).flatMap((f) => f.rules.filter((r) => r.type === "expression").map((rule) => ({ ref: f.ref, rule })));
}

const COUNT = `COUNTIFS('_index'!$A:$A,"inputs",'_index'!$C:$C,">0")`;

/** The line under a form's summary (D3 on the demo forms: the summary takes D1:E2). */
function formLine(wb: ExcelJS.Workbook, sheet: string, address = "D3"): ExcelJS.Cell {
  return wb.getWorksheet(sheet)!.getCell(address);
}

/** What a comparison `EXACT(('Sheet'!D7:D13)&"",(B20:B26)&"")` compares: the form's cells and the copy's. */
function compared(formula: string): { sheet: string; there: string; here: string }[] {
  const out: { sheet: string; there: string; here: string }[] = [];
  const re = /EXACT\(\('((?:[^']|'')+)'!([A-Z]+\d+(?::[A-Z]+\d+)?)\)&"",\(([A-Z]+\d+(?::[A-Z]+\d+)?)\)&""\)/g;
  for (let m = re.exec(formula); m; m = re.exec(formula)) out.push({ sheet: m[1]!.replace(/''/g, "'"), there: m[2]!, here: m[3]! });
  return out;
}

function cells(ws: ExcelJS.Worksheet, range: string): unknown[] {
  const out: unknown[] = [];
  const [a, b = a] = range.split(":");
  const from = ws.getCell(a!);
  const to = ws.getCell(b!);
  for (let r = Number(from.row); r <= Number(to.row); r++) for (let c = Number(from.col); c <= Number(to.col); c++) out.push(ws.getCell(r, c).value ?? null);
  return out;
}

describe("the copy of the figures and the line that says they changed", () => {
  test("each form's figures, appraised figures and category are copied into _index, with a formula comparing them with the form", async () => {
    const { out } = await score(await demoForms((wb) => {
      // The council's column, still empty when scored: an appraised figure typed later counts too.
      for (const u of DEMO_UNITS) wb.getWorksheet(u.code)!.getCell("G6").value = "Số liệu thẩm định";
    }));
    const wb = await open(out);
    const rows = flags(wb);
    expect(rows.map((f) => [f.unit, f.sheet])).toEqual(DEMO_UNITS.map((u) => [u.code, u.code]));
    const index = wb.getWorksheet(INDEX_SHEET)!;
    for (const f of rows) {
      expect(f.formula).toMatch(/^IFERROR\(SUMPRODUCT\(.*\),1\)$/);
      const parts = compared(f.formula);
      // Số liệu (D), Số liệu thẩm định (G) over the input rows, the category (B3), the unit's name (B1) and code (B2).
      expect(parts.map((p) => p.there)).toEqual(["D8:D13", "G8:G13", "B3", "B1", "B2"]);
      const form = wb.getWorksheet(f.sheet)!;
      for (const p of parts) {
        expect(p.sheet).toBe(f.sheet);
        expect(cells(index, p.here)).toEqual(cells(form, p.there));
      }
    }
    expect(rows[0] && cells(index, compared(rows[0].formula)[0]!.here)).toEqual([true, null, 90, 100, null, 0.95]);
  });

  test("the results sheet's subtitle becomes the line when figures change: a formula counting the flags above 0, the subtitle its result, red and bold by a formula rule", async () => {
    for (const lang of ["vi", "en"] as const) {
      const name = lang === "vi" ? "Kết quả" : "Results";
      const wb = await open((await score(await demoForms(), FIRST, lang)).out);
      const ws = wb.getWorksheet(name)!;
      const cell = status(wb, name);
      expect(cell).toBeDefined();
      const subtitle =
        lang === "vi"
          ? "Chấm điểm ngày 01/06/2024 bằng DTI Scorer 0.1.0; 3 đơn vị. Chương trình ghi lại bảng này (cả số liệu lẫn định dạng) ở mỗi lần tính: đừng sửa số liệu hay định dạng trong bảng; cột và ghi chú bạn thêm được giữ lại."
          : "Scored on 1 Jun 2024 by DTI Scorer 0.1.0; 3 units. DTI Scorer rewrites this table (its figures and formatting) each time it scores: do not edit its figures or formatting; columns and notes you add are kept.";
      const text =
        lang === "vi"
          ? `"Số liệu của "&${COUNT}&" đơn vị đã được sửa sau lần chấm ngày 01/06/2024: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer."`
          : `"The figures of "&${COUNT}&IF(${COUNT}=1," unit"," units")&" were changed after scoring on 1 Jun 2024: the scores, ranks and charts in this workbook are out of date. Score again with DTI Scorer."`;
      expect(cell!.formula).toBe(`IF(${COUNT}=0,"${subtitle}",${text})`);
      // A reader that does not calculate shows the subtitle; the cell is not text (a formula there would stay text).
      expect(cell!.result).toBe(subtitle);
      expect(cell!.numFmt ?? "General").toBe("General");
      // Its own font is the sheet's: red and bold come from the rule, only while the count is above 0.
      expect(cell!.font?.color?.argb).toBeUndefined();
      expect(cell!.font?.bold).toBeFalsy();
      expect(expressionRules(ws)).toEqual([{ ref: "A2", rule: expect.objectContaining({ formulae: [`${COUNT}>0`] }) }]);
      const font = expressionRules(ws)[0]!.rule.style!.font!;
      expect([font.color?.argb?.toUpperCase(), font.bold]).toEqual(["FFC00000", true]);
      // Nothing on the title's row but the title.
      ws.getRow(1).eachCell((c) => expect(c.address).toBe("A1"));
    }
  });

  test("each form has under its summary a formula on its own flag: empty as written, red when it shows, recorded in _index as the project's", async () => {
    const { out } = await score(await demoForms());
    const wb = await open(out);
    const state = readIndexSheet(snapshotWorkbook(wb))!;
    for (const u of DEMO_UNITS) {
      const cell = formLine(wb, u.code);
      expect(wb.getWorksheet(u.code)!.getCell("D1").value).toBe("Tổng điểm");
      // Its own figures changed: its points and rank are out of date; else other units': its rank may be (this index compares no units).
      expect(cell.formula).toBe(
        `IF(${unitInputsChangedCount(u.code)}=0,IF(${COUNT}=0,"","Số liệu của đơn vị khác đã sửa sau lần chấm ngày 01/06/2024: hạng này có thể đã cũ. Hãy chấm điểm lại."),"Số liệu đã sửa sau lần chấm ngày 01/06/2024: điểm và hạng này đã cũ. Hãy chấm điểm lại.")`,
      );
      expect(cell.formula).toContain(`EXACT(INDEX('_index'!$B:$B,`);
      // Its empty result is written too (ExcelJS reads an empty one as none): what LibreOffice shows without calculating, test/interop.
      // Red by its number format (what it shows is text), and not a text format: the formula is a formula.
      expect(cell.numFmt).toBe("General;-General;;[Red]@");
      expect(state.owned.cells.filter((c) => c.sheet === u.code && c.role === "formStatus")).toEqual([{ sheet: u.code, role: "formStatus", ranges: ["D3"] }]);
    }
  });

  test("a second run after a figure was changed copies the new figure, and takes the lines for its own, not for what the user typed", async () => {
    const first = await score(await demoForms());
    const changed = await edit(first.out, (wb) => {
      wb.getWorksheet("SO-01")!.getCell("D10").value = 55;
      // As LibreOffice or Excel saves it: the lines computed.
      const cell = status(wb)!;
      cell.value = { formula: cell.formula!, result: "Số liệu của 1 đơn vị đã được sửa sau lần chấm ngày 01/06/2024: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer." } as ExcelJS.CellValue;
      const line = formLine(wb, "SO-01");
      line.value = { formula: line.formula!, result: "Số liệu đã sửa sau lần chấm ngày 01/06/2024: điểm và hạng này đã cũ. Hãy chấm điểm lại." } as ExcelJS.CellValue;
    });
    const second = await score(changed, SECOND);
    expect(second.host.lastApply!.warnings).toEqual([]);
    const wb = await open(second.out);
    const row = flags(wb).find((f) => f.unit === "SO-01")!;
    const part = compared(row.formula)[0]!;
    expect(cells(wb.getWorksheet(INDEX_SHEET)!, part.here)).toEqual(cells(wb.getWorksheet("SO-01")!, part.there));
    expect(cells(wb.getWorksheet(INDEX_SHEET)!, part.here)[2]).toBe(55);
    expect(status(wb)!.formula).toContain("08/06/2024");
    // The form's line is written again in its place, with the new date, and nowhere else.
    expect(formLine(wb, "SO-01").formula).toContain("08/06/2024");
    expect(wb.getWorksheet("SO-01")!.getCell("D1").value).toBe("Tổng điểm");
    expect(wb.getWorksheet("SO-01")!.getCell("D4").value).toBeNull();
    // The rule that colours the subtitle is there once, not once a run.
    expect(expressionRules(wb.getWorksheet("Kết quả")!)).toHaveLength(1);
    // `_index` reads back as before: the stamp, the owned cells (the lines' among them).
    const state = readIndexSheet(snapshotWorkbook(wb))!;
    expect(state.provenance?.scoredAt).toBe(SECOND.toISOString());
    // The results sheet's subtitle and the charts sheet's line above its charts.
    expect(state.owned.cells.filter((c) => c.role === "status")).toEqual([
      { sheet: "Kết quả", role: "status", ranges: ["A2"] },
      { sheet: "Biểu đồ", role: "status", ranges: ["A1"] },
    ]);
    expect(state.owned.cells.filter((c) => c.role === "formStatus").map((c) => `${c.sheet}!${c.ranges.join()}`)).toEqual(DEMO_UNITS.map((u) => `${u.code}!D3`));
    expect(state.inputCopies?.map((c) => c.unit)).toEqual(DEMO_UNITS.map((u) => u.code));
  });

  test("a workbook scored by an earlier version (the line on the title's row, none under the summaries): the old line is emptied, the new ones written once", async () => {
    const scored = (await score(await demoForms())).out;
    const count = `COUNTIFS('_index'!$A:$A,"inputs",'_index'!$C:$C,">0")`;
    /** As the earlier version left it: the subtitle as text in A2, the line in L1 recorded as "status", no line on the forms nor on the charts sheet. */
    const earlier = (typed?: string) =>
      edit(scored, (wb) => {
        const ws = wb.getWorksheet("Kết quả")!;
        ws.getCell("A2").value = String(ws.getCell("A2").result);
        ws.getCell("L1").value = typed ?? ({ formula: `IF(${count}=0,"","Số liệu của "&${count}&" đơn vị đã được sửa")`, result: "" } as ExcelJS.CellValue);
        for (const u of DEMO_UNITS) formLine(wb, u.code).value = null;
        wb.getWorksheet("Biểu đồ")!.getCell("A1").value = null;
        const index = wb.getWorksheet(INDEX_SHEET)!;
        index.eachRow((row) => {
          if (row.getCell(1).value !== "cells") return;
          if (row.getCell(3).value === "status" && row.getCell(2).value === "Biểu đồ") for (let c = 1; c <= 4; c++) row.getCell(c).value = null;
          if (row.getCell(3).value === "status" && row.getCell(2).value === "Kết quả") row.getCell(4).value = "L1";
          if (row.getCell(3).value === "formStatus") for (let c = 1; c <= 4; c++) row.getCell(c).value = null;
        });
      });
    const before = await open(await earlier());
    expect(readIndexSheet(snapshotWorkbook(before))!.owned.cells.filter((c) => c.role === "status" || c.role === "formStatus")).toEqual([{ sheet: "Kết quả", role: "status", ranges: ["L1"] }]);

    const second = await score(await earlier(), SECOND);
    expect(second.host.lastApply!.warnings).toEqual([]);
    const wb = await open(second.out);
    const ws = wb.getWorksheet("Kết quả")!;
    expect(ws.getCell("L1").value).toBeNull();
    expect(status(wb)!.formula).toContain("08/06/2024");
    expect(expressionRules(ws)).toHaveLength(1);
    for (const u of DEMO_UNITS) {
      const form = wb.getWorksheet(u.code)!;
      // The summary an earlier version wrote is found where it is and keeps its place; the line goes under it.
      expect([form.getCell("D1").value, form.getCell("D2").value]).toEqual(["Tổng điểm", "Hạng"]);
      expect(formLine(wb, u.code).formula).toContain(`,"${u.code}")`);
    }

    // A text the user typed over the old line is theirs: it stays, and nothing is said.
    const typed = await score(await earlier("Ghi chú của tôi"), SECOND);
    expect(typed.host.lastApply!.warnings).toEqual([]);
    expect((await open(typed.out)).getWorksheet("Kết quả")!.getCell("L1").value).toBe("Ghi chú của tôi");
  });

  test("scored again in English and back: the renamed results sheet has its subtitle's line and rule once, in the run's language; each form keeps one line, in its own", async () => {
    const first = await score(await demoForms());
    const english = await score(first.out, SECOND, "en");
    expect(english.result.plan!.renameSheets).toEqual([
      { from: "Kết quả", to: "Results" },
      { from: "Biểu đồ", to: "Charts" },
    ]);
    expect(english.host.lastApply!.warnings).toEqual([]);
    const wb = await open(english.out);
    expect(wb.getWorksheet("Kết quả")).toBeUndefined();
    const cell = status(wb, "Results")!;
    expect(cell.formula).toContain('"Scored on 8 Jun 2024 by DTI Scorer 0.1.0; 3 units.');
    expect(cell.formula).toContain("were changed after scoring on 8 Jun 2024");
    expect(cell.result).toMatch(/^Scored on 8 Jun 2024/);
    expect(expressionRules(wb.getWorksheet("Results")!)).toEqual([{ ref: "A2", rule: expect.objectContaining({ formulae: [`${COUNT}>0`] }) }]);
    for (const u of DEMO_UNITS) {
      // The Vietnamese form keeps Vietnamese, one line under its summary.
      expect(formLine(wb, u.code).formula).toContain("Số liệu đã sửa sau lần chấm ngày 08/06/2024");
      let lines = 0;
      wb.getWorksheet(u.code)!.eachRow((row) => row.eachCell((c) => (lines += c.formula?.includes(`MATCH("inputs",'_index'!$A:$A,0)`) ? 1 : 0)));
      expect(lines).toBe(1);
    }
    expect(readIndexSheet(snapshotWorkbook(wb))!.owned.cells.filter((c) => c.role === "status")).toEqual([
      { sheet: "Results", role: "status", ranges: ["A2"] },
      { sheet: "Charts", role: "status", ranges: ["A1"] },
    ]);
    const back = await open((await score(english.out, SECOND, "vi")).out);
    expect(status(back, "Kết quả")!.result).toMatch(/^Chấm điểm ngày 08\/06\/2024/);
    expect(expressionRules(back.getWorksheet("Kết quả")!)).toHaveLength(1);
  });

  test("renaming a sheet the lines read, as Excel renames one, rewrites the subtitle's rule with the formulas", async () => {
    const wb = await open((await score(await demoForms())).out);
    expect(renameSheets(wb, [{ from: INDEX_SHEET, to: "Sổ ghi" }])).toEqual([{ from: INDEX_SHEET, to: "Sổ ghi" }]);
    const count = `COUNTIFS('Sổ ghi'!$A:$A,"inputs",'Sổ ghi'!$C:$C,">0")`;
    expect(expressionRules(wb.getWorksheet("Kết quả")!).map((r) => r.rule.formulae)).toEqual([[`${count}>0`]]);
    expect(wb.getWorksheet("Kết quả")!.getCell("A2").formula).toMatch(new RegExp(`^IF\\(${count.replace(/[$()]/g, "\\$&")}=0,`));
    expect(formLine(wb, "SO-01").formula).toBe(
      `IF(${unitInputsChangedCount("SO-01").replaceAll("'_index'!", "'Sổ ghi'!")}=0,IF(${count}=0,"","Số liệu của đơn vị khác đã sửa sau lần chấm ngày 01/06/2024: hạng này có thể đã cũ. Hãy chấm điểm lại."),"Số liệu đã sửa sau lần chấm ngày 01/06/2024: điểm và hạng này đã cũ. Hãy chấm điểm lại.")`,
    );
  });

  test("a check that only marks issues rewrites _index with the copies as scored, not as the forms are now", async () => {
    const first = await score(await demoForms());
    const changed = await edit(first.out, (wb) => {
      wb.getWorksheet("SO-02")!.getCell("D10").value = "bốn mươi"; // not a number: marked
    });
    const host = await XlsxHost.fromBuffer(changed, "bao-cao.xlsx");
    const snapshot = await host.read();
    const previous = readIndexSheet(snapshot)!;
    const model = buildModel(indexDefinitionSchema.parse(DEMO_DEFINITION), new Map());
    const reading = readSubmissions(model, snapshot);
    expect(reading.issues.some((i) => i.unit === "SO-02" && i.severity === "error")).toBe(true);
    await host.apply(planMarksOnly(reading.issues, { lang: "vi", previous, snapshot, submissions: reading.submissions }));
    const wb = await open(await host.toBuffer());
    const rows = flags(wb);
    expect(rows.map((f) => f.unit)).toEqual(DEMO_UNITS.map((u) => u.code));
    const so2 = compared(rows.find((f) => f.unit === "SO-02")!.formula)[0]!;
    expect(cells(wb.getWorksheet(INDEX_SHEET)!, so2.here)[2]).toBe(40);
    expect(cells(wb.getWorksheet("SO-02")!, so2.there)[2]).toBe("bốn mươi");
    // The marks are recorded, and read back.
    expect(readIndexSheet(snapshotWorkbook(wb))!.marks.some((m) => m.sheet === "SO-02")).toBe(true);
  });

  test("a check after a form's sheet was renamed leaves out that unit's copy, rather than a formula naming a sheet that is gone", async () => {
    const first = await score(await demoForms());
    const renamed = await edit(first.out, (wb) => {
      wb.getWorksheet("SO-03")!.name = "Sở Tài chính";
    });
    const host = await XlsxHost.fromBuffer(renamed, "bao-cao.xlsx");
    const snapshot = await host.read();
    const previous = readIndexSheet(snapshot)!;
    expect(previous.inputCopies?.map((c) => c.unit)).toEqual(["SO-01", "SO-02"]);
    await host.apply(planMarksOnly([], { lang: "vi", previous, snapshot }));
    const wb = await open(await host.toBuffer());
    expect(flags(wb).map((f) => f.unit)).toEqual(["SO-01", "SO-02"]);
    expect(flags(wb).every((f) => !f.formula.includes("SO-03"))).toBe(true);
  });

  test("a table of units in the workbook (layout B): each unit's row across its input columns is copied, with its code, name and category cells", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Bảng");
    ws.addRow(["Mã đơn vị", "Đơn vị", "1.1", "1.2.a", "1.2.b", "Ghi chú", "2.1", "STT", "Nhóm"]);
    ws.addRow(["SO-01", "Sở A", "Có", 90, 100, "x", 0.9, 1, "Sở, ban, ngành"]);
    ws.addRow(["SO-02", "Sở B", "Không", 40, 100, "", 0.5, 2, "Sở, ban, ngành"]);
    const { out } = await score(new Uint8Array(await wb.xlsx.writeBuffer()));
    const scored = await open(out);
    const rows = flags(scored);
    expect(rows.map((f) => compared(f.formula).map((p) => p.there))).toEqual([
      ["A2:G2", "I2"],
      ["A3:G3", "I3"],
    ]);
    const index = scored.getWorksheet(INDEX_SHEET)!;
    for (const f of rows) for (const p of compared(f.formula)) expect(cells(index, p.here)).toEqual(cells(scored.getWorksheet("Bảng")!, p.there));
    expect(status(scored)).toBeDefined();
  });
});
