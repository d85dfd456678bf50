/**
 * A scored .xlsx says on its own that its figures were changed since scoring: `_index` keeps a
 * copy of each unit's figures and a formula a unit comparing them with the form, and the results
 * sheet a red line that counts the units changed (LibreOffice computes it: test/interop).
 */
import ExcelJS from "exceljs";
import { planMarksOnly, readIndexSheet } from "../../core/plan";
import { INDEX_SHEET } from "../../core/plan/labels";
import { DEMO_DEFINITION, DEMO_UNITS } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { readSubmissions } from "../../core/read";
import { buildModel } from "../../core/definition/model";
import { indexDefinitionSchema } from "../../core/definition";
import { XlsxHost } from "./host";
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

/** The status cell of the results sheet: the one formula on the title's row. */
function status(wb: ExcelJS.Workbook, name = "Kết quả"): ExcelJS.Cell | undefined {
  let found: ExcelJS.Cell | undefined;
  wb.getWorksheet(name)!.getRow(1).eachCell((cell) => {
    if (cell.formula) found = cell;
  });
  return found;
}

/** What a comparison `('Sheet'!D7:D13)&""<>(B20:B26)&""` compares: the form's cells and the copy's. */
function compared(formula: string): { sheet: string; there: string; here: string }[] {
  const out: { sheet: string; there: string; here: string }[] = [];
  const re = /\(\('((?:[^']|'')+)'!([A-Z]+\d+(?::[A-Z]+\d+)?)\)&""<>\(([A-Z]+\d+(?::[A-Z]+\d+)?)\)&""\)/g;
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
      // Số liệu (D), Số liệu thẩm định (G) over the input rows, and the category (B3).
      expect(parts.map((p) => p.there)).toEqual(["D8:D13", "G8:G13", "B3"]);
      const form = wb.getWorksheet(f.sheet)!;
      for (const p of parts) {
        expect(p.sheet).toBe(f.sheet);
        expect(cells(index, p.here)).toEqual(cells(form, p.there));
      }
    }
    expect(rows[0] && cells(index, compared(rows[0].formula)[0]!.here)).toEqual([true, null, 90, 100, null, 0.95]);
  });

  test("the results sheet has the line, red and bold, counting the flags above 0, right of the title", async () => {
    for (const lang of ["vi", "en"] as const) {
      const wb = await open((await score(await demoForms(), FIRST, lang)).out);
      const cell = status(wb, lang === "vi" ? "Kết quả" : "Results");
      expect(cell).toBeDefined();
      expect(cell!.font?.bold).toBe(true);
      expect(cell!.font?.color?.argb?.toUpperCase()).toBe("FFC00000");
      const count = `COUNTIFS('_index'!$A:$A,"inputs",'_index'!$C:$C,">0")`;
      const text =
        lang === "vi"
          ? `"Số liệu của "&${count}&" đơn vị đã được sửa sau lần chấm ngày 01/06/2024: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer."`
          : `"The figures of "&${count}&IF(${count}=1," unit"," units")&" were changed after scoring on 1 Jun 2024: the points, ranks and charts in this workbook are out of date. Score again with DTI Scorer."`;
      expect(cell!.formula).toBe(`IF(${count}=0,"",${text})`);
      // Right of the title, which stays whole: nothing between them.
      expect(Number(cell!.col)).toBeGreaterThan(1);
      const title = String(wb.getWorksheet(lang === "vi" ? "Kết quả" : "Results")!.getCell("A1").value);
      const ws = wb.getWorksheet(lang === "vi" ? "Kết quả" : "Results")!;
      let width = 0;
      for (let c = 1; c < Number(cell!.col); c++) width += ws.getColumn(c).width ?? 8.43;
      expect(width).toBeGreaterThanOrEqual(title.length * 1.05);
    }
  });

  test("a second run after a figure was changed copies the new figure, and takes the line for its own, not for what the user typed", async () => {
    const first = await score(await demoForms());
    const changed = await edit(first.out, (wb) => {
      wb.getWorksheet("SO-01")!.getCell("D10").value = 55;
      // As LibreOffice or Excel saves it: the line computed.
      const cell = status(wb)!;
      cell.value = { formula: cell.formula!, result: "Số liệu của 1 đơn vị đã được sửa sau lần chấm ngày 01/06/2024: …" } as ExcelJS.CellValue;
    });
    const second = await score(changed, SECOND);
    expect(second.host.lastApply!.warnings).toEqual([]);
    const wb = await open(second.out);
    const row = flags(wb).find((f) => f.unit === "SO-01")!;
    const part = compared(row.formula)[0]!;
    expect(cells(wb.getWorksheet(INDEX_SHEET)!, part.here)).toEqual(cells(wb.getWorksheet("SO-01")!, part.there));
    expect(cells(wb.getWorksheet(INDEX_SHEET)!, part.here)[2]).toBe(55);
    expect(status(wb)!.formula).toContain("08/06/2024");
    // `_index` reads back as before: the stamp, the owned cells (the line's among them).
    const state = readIndexSheet(snapshotWorkbook(wb))!;
    expect(state.provenance?.scoredAt).toBe(SECOND.toISOString());
    expect(state.owned.cells.filter((c) => c.role === "status").map((c) => c.sheet)).toEqual(["Kết quả"]);
    expect(state.inputCopies?.map((c) => c.unit)).toEqual(DEMO_UNITS.map((u) => u.code));
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

  test("a table of units in the workbook (layout B): each unit's row across its input columns is copied", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Bảng");
    ws.addRow(["Mã đơn vị", "Đơn vị", "1.1", "1.2.a", "1.2.b", "Ghi chú", "2.1"]);
    ws.addRow(["SO-01", "Sở A", "Có", 90, 100, "x", 0.9]);
    ws.addRow(["SO-02", "Sở B", "Không", 40, 100, "", 0.5]);
    const { out } = await score(new Uint8Array(await wb.xlsx.writeBuffer()));
    const scored = await open(out);
    const rows = flags(scored);
    expect(rows.map((f) => compared(f.formula).map((p) => p.there))).toEqual([["C2:G2"], ["C3:G3"]]);
    expect(status(scored)).toBeDefined();
  });
});
