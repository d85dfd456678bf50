/**
 * A scored workbook's form copied by the user (Move or Copy, "Create a copy"), round trip through
 * a file: the copy is a second form of the unit and is not scored, so the next scoring empties the
 * total, rank, out-of-date line and `Điểm` column it copied, and leaves what the user typed on it.
 * And the copy of each form's figures in `_index` covers the unit name in the form's header.
 */
import ExcelJS from "exceljs";
import { INDEX_SHEET } from "../../core/plan/labels";
import { edit, open, scoreAgain, scoredDemo } from "./test-workbooks";

const FORM = "Sở Xây dựng";
const COPY = "Sở Xây dựng (2)";
let scored: Uint8Array;

beforeAll(async () => {
  scored = await scoredDemo();
}, 60000);

const score = scoreAgain;

/** A sheet copied as Excel's "Create a copy" does: values (formulas with their results), styles, notes, merges, protection. */
function copySheet(wb: ExcelJS.Workbook, from: string, to: string): void {
  const src = wb.getWorksheet(from)!;
  const copy = wb.addWorksheet(to);
  src.columns.forEach((c, i) => (copy.getColumn(i + 1).width = c.width));
  src.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const target = copy.getCell(r, c);
      target.value = cell.value && typeof cell.value === "object" ? (JSON.parse(JSON.stringify(cell.value)) as ExcelJS.CellValue) : cell.value;
      target.style = JSON.parse(JSON.stringify(cell.style ?? {})) as Partial<ExcelJS.Style>;
      if (cell.note) target.note = cell.note;
    }),
  );
  for (const m of (src.model as unknown as { merges?: string[] }).merges ?? []) copy.mergeCells(m);
  const protection = (src as unknown as { sheetProtection: unknown }).sheetProtection;
  (copy as unknown as { sheetProtection: unknown }).sheetProtection = protection;
}

/** The table's header row and each column by its header, on a form. */
function table(ws: ExcelJS.Worksheet): { row: number; col: Record<string, number> } {
  for (let r = 1; r <= 20; r++) {
    const col: Record<string, number> = {};
    ws.getRow(r).eachCell((cell, c) => {
      if (typeof cell.value === "string") col[cell.value.trim()] = c;
    });
    if (col["Mã"] && col["Số liệu"]) return { row: r, col };
  }
  throw new Error(`no table on ${ws.name}`);
}

/** Where the summary's labels are: "Tổng điểm" and what is under it. */
function summary(ws: ExcelJS.Worksheet): { row: number; col: number } | undefined {
  for (let r = 1; r <= 8; r++) for (let c = 1; c <= 20; c++) if (ws.getCell(r, c).value === "Tổng điểm") return { row: r, col: c };
  return undefined;
}

/** The numbers under a column's header, on the rows that carry a code. */
function numbersUnder(ws: ExcelJS.Worksheet, column: number): number[] {
  const { row, col } = table(ws);
  const out: number[] = [];
  for (let r = row + 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, column).value;
    if (ws.getCell(r, col["Mã"]!).value !== null && typeof v === "number") out.push(v);
  }
  return out;
}

describe("a copy of a scored form, scored again", () => {
  test("keeps no copied total, rank, line or Điểm column, keeps the user's own column beside it, and stays so the next time", async () => {
    const before = await open(scored);
    const at = summary(before.getWorksheet(FORM)!)!;
    expect(at).toBeDefined();
    const line = before.getWorksheet(FORM)!.getCell(at.row + 3, at.col);
    // The demo ranks within categories: a three-row summary, and under it the line (a formula).
    expect(before.getWorksheet(FORM)!.getCell(at.row + 2, at.col).value).toBe("Hạng trong loại");
    expect(line.formula).toContain("COUNTIFS('_index'!$A:$A,\"inputs\"");
    const points = table(before.getWorksheet(FORM)!).col["Điểm"]!;
    const scores = numbersUnder(before.getWorksheet(FORM)!, points);
    expect(scores.length).toBeGreaterThan(10);

    const copied = await edit(scored, (wb) => {
      copySheet(wb, FORM, COPY);
      // On the copy, the user adds a column of their own right of Điểm, with numbers.
      const ws = wb.getWorksheet(COPY)!;
      const { row, col } = table(ws);
      ws.getCell(row, col["Điểm"]! + 1).value = "Điểm đề xuất";
      ws.getCell(row + 1, col["Điểm"]! + 1).value = 150;
      ws.getCell(row + 2, col["Điểm"]! + 1).value = 30;
    });
    const { out, result } = await score(copied);
    expect(result.issues.some((i) => i.code === "duplicate-unit" && i.sheet === COPY)).toBe(true);
    const wb = await open(out);
    const copy = wb.getWorksheet(COPY)!;
    const { row, col } = table(copy);
    // Nothing of the scoring it copied.
    expect(summary(copy)).toBeUndefined();
    // Where its summary was, why it is not scored, as the results sheet lists it; the rest is empty.
    // The line in pieces one under the other, each short enough to stay above the table when printed.
    let pieces = 0;
    while (typeof copy.getCell(at.row + pieces, at.col).value === "string" && !String(copy.getCell(at.row + pieces, at.col).value).endsWith(".")) pieces++;
    pieces++;
    const text = [...Array(pieces).keys()].map((i) => String(copy.getCell(at.row + i, at.col).value)).join(" ");
    expect(text).toMatch(/^Chưa được chấm: .*bản thứ hai nên không được chấm\.$/);
    expect(pieces).toBeGreaterThan(1);
    for (let i = 0; i < pieces; i++) expect(copy.getCell(at.row + i, at.col).font?.color?.argb).toBe("FFC00000");
    for (let dr = 0; dr <= 3; dr++) for (const dc of [0, 1]) if (dr >= pieces || dc > 0) expect([dr, dc, copy.getCell(at.row + dr, at.col + dc).value]).toEqual([dr, dc, null]);
    expect(copy.getCell(at.row + 3, at.col).formula).toBeUndefined();
    expect(numbersUnder(copy, col["Điểm"]!)).toEqual([]);
    // The header stays (the template's), so does the user's column, and the unit's figures.
    expect(copy.getCell(row, col["Điểm"]!).value).toBe("Điểm");
    expect([copy.getCell(row, col["Điểm"]! + 1).value, copy.getCell(row + 1, col["Điểm"]! + 1).value, copy.getCell(row + 2, col["Điểm"]! + 1).value]).toEqual(["Điểm đề xuất", 150, 30]);
    const figures = (ws: ExcelJS.Worksheet) => numbersUnder(ws, table(ws).col["Số liệu"]!);
    expect(figures(copy)).toEqual(figures(before.getWorksheet(FORM)!));
    // The form it copies keeps its own.
    const form = wb.getWorksheet(FORM)!;
    expect(form.getCell(at.row, at.col).value).toBe("Tổng điểm");
    expect(numbersUnder(form, points)).toEqual(scores);

    // Scored once more: nothing comes back on the copy, and the user's column is still there.
    const again = await open((await score(out)).out);
    const copyAgain = again.getWorksheet(COPY)!;
    expect(summary(copyAgain)).toBeUndefined();
    expect(numbersUnder(copyAgain, col["Điểm"]!)).toEqual([]);
    expect(copyAgain.getCell(row + 1, col["Điểm"]! + 1).value).toBe(150);
    // The line that says why stays where it is, once.
    expect(copyAgain.getCell(at.row, at.col).value).toBe(copy.getCell(at.row, at.col).value);
    expect(copyAgain.getCell(at.row, at.col + 2).value).toBeNull();
  }, 60000);
});

describe("the copy of a form's figures in _index", () => {
  test("covers the unit name (B1): each unit's flag formula compares it with a copy of the name the form had", async () => {
    const wb = await open(scored);
    const index = wb.getWorksheet(INDEX_SHEET)!;
    const rows: { unit: string; sheet: string; formula: string }[] = [];
    index.eachRow((row) => {
      if (row.getCell(1).value === "inputs") rows.push({ unit: String(row.getCell(2).value), sheet: String(row.getCell(4).value), formula: String(row.getCell(3).formula ?? "") });
    });
    expect(rows.length).toBe(20);
    for (const r of rows) {
      const quoted = `'${r.sheet.replace(/'/g, "''")}'!B1`;
      const m = new RegExp(`EXACT\\(\\(${quoted.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\)&"",\\(([A-Z]+\\d+)\\)&""`).exec(r.formula);
      expect([r.unit, m !== null]).toEqual([r.unit, true]);
      expect(index.getCell(m![1]!).value).toBe(wb.getWorksheet(r.sheet)!.getCell("B1").value);
    }
  });
});
