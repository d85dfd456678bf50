/**
 * A scored form copied in Excel (Move or Copy, "Create a copy") and left as it is: the copy is a
 * second form of its unit and is not scored, so the next scoring empties the summary it copied
 * (total, rank, rank in category) and the line under it, writes where the summary was why the
 * copy is not scored (as the file host does), and leaves what the user typed on it.
 * Emptying the copy's `Điểm` column below the first rows needs that column read: the Excel host
 * reads, below a form's top rows, the reader's columns, the `Điểm` columns and those right of the
 * table (src/hosts/excel/read.ts), and empties the cells the file host empties.
 */
import { topLeft } from "../../src/core/a1";
import { rectAddress } from "../../src/core/a1";
import { cellAddress } from "../../src/core/plan/a1";
import { planClearUnscoredForm } from "../../src/core/plan/sheet-edits";
import type { CellValue, SheetSnapshot } from "../../src/core/types";
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

async function score(double: ExcelDouble, definition: unknown) {
  double.install();
  return runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
}

function value(double: ExcelDouble, sheet: string, cell: string): unknown {
  const { row, col } = topLeft(cell);
  const v = double.sheet(sheet).get(row, col)?.v;
  return v === undefined || v === "" ? null : v;
}

/** A sheet whole, as the file host reads it: every cell's value, and its merged areas. */
function wholeSheet(double: ExcelDouble, sheet: string): SheetSnapshot {
  const s = double.sheet(sheet);
  const used = s.usedRect(true);
  const values: CellValue[][] = used
    ? Array.from({ length: used.row + used.rows }, (_, r) =>
        Array.from({ length: used.col + used.cols }, (_, c) => {
          const v = s.get(r, c)?.v;
          return v === undefined || v === "" ? null : (v as CellValue);
        }),
      )
    : [];
  return { name: sheet, values, merges: s.merges.map(rectAddress) };
}

/** Every cell with a value (or a formula) of a sheet, "B3" → value. */
function filled(double: ExcelDouble, sheet: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, c] of double.sheet(sheet).cells) if ((c.v !== undefined && c.v !== "") || c.f !== undefined) out.set(cellAddress(Math.floor(k / 16384) + 1, (k % 16384) + 1), c.f ?? c.v);
  return out;
}

/**
 * The cells, one under the other from `at` (where the summary was), of the line that says why a
 * form is not scored ("Chưa được chấm: …"): its pieces up to the one that ends the sentence.
 */
function linePieces(double: ExcelDouble, sheet: string, at: { row: number; col: number }): string[] {
  const out: string[] = [];
  for (let row = at.row; row < at.row + 8; row++) {
    const v = double.sheet(sheet).get(row, at.col)?.v;
    if (typeof v !== "string" || v === "" || (out.length === 0 && !v.startsWith("Chưa được chấm"))) break;
    out.push(cellAddress(row + 1, at.col + 1));
    if (v.endsWith(".")) break;
  }
  return out;
}

/** Where the summary's first label is on a sheet (in its first rows), as "D1". */
function summaryAt(double: ExcelDouble, sheet: string): { row: number; col: number } | undefined {
  for (let row = 0; row < 8; row++) for (let col = 0; col < 16; col++) if (double.sheet(sheet).get(row, col)?.v === "Tổng điểm") return { row, col };
  return undefined;
}

describe("a copy of a scored form in Excel, scored again", () => {
  test("loses the summary and the line it copied; the user's figures, own column and the form it copies stay; the copy's protection is kept", async () => {
    const { double, definition } = await layoutAWorkbook(3);
    const first = await score(double, definition);
    const form = first.submissions[0]!.source!.sheet;
    const at = summaryAt(double, form)!;
    expect(at).toBeDefined();
    const cellOf = (dr: number, dc: number) => ({ row: at.row + dr, col: at.col + dc });
    const before = double.sheet(form);
    // A three-row summary (the index ranks within categories), and under it the line: a formula.
    expect(before.get(at.row + 2, at.col)?.v).toBe("Hạng trong loại");
    expect(String(before.get(at.row + 3, at.col)?.f ?? "")).toContain("COUNTIFS('_index'!$A:$A,\"inputs\"");
    const copy = `${form} (2)`;
    double.copySheet(form, copy);
    // The user's own column right of the table on the copy, with numbers.
    const header = first.submissions[0]!.source!.headerRow!;
    const scoreColumn = first.submissions[0]!.source!.scoreColumn!;
    double.setCells(copy, cellAddress(header, scoreColumn + 1), [["Điểm đề xuất"], [150], [30]]);
    double.setCells(copy, cellAddress(header + 12, scoreColumn + 1), [[12]]);

    const second = await score(double, definition);
    expect(double.requests.every((r) => r.ok)).toBe(true);
    expect(second.issues.some((i) => i.code === "duplicate-unit" && i.sheet === copy)).toBe(true);
    // The copy: no summary, no copied line; where its summary was, why it is not scored, as the
    // file host writes it (the line in pieces one under the other), the rest empty.
    expect(summaryAt(double, copy)).toBeUndefined();
    const pieces = linePieces(double, copy, at);
    expect(pieces.map((a) => String(value(double, copy, a))).join(" ")).toMatch(/^Chưa được chấm: .*bản thứ hai nên không được chấm\.$/);
    for (let dr = 0; dr <= 3; dr++) {
      for (const dc of [0, 1]) {
        const { row, col } = cellOf(dr, dc);
        if (dc === 0 && dr < pieces.length) continue;
        expect([dr, dc, value(double, copy, cellAddress(row + 1, col + 1)), double.sheet(copy).get(row, col)?.f ?? null]).toEqual([dr, dc, null, null]);
      }
    }
    for (let dr = 0; dr <= 3; dr++) expect(double.sheet(copy).get(at.row + dr, at.col)?.f).toBeUndefined();
    // What the user typed stays: the unit, its figures, its own column.
    expect(value(double, copy, "B2")).toBe(value(double, form, "B2"));
    const cells = first.submissions[0]!.source!.cells!;
    for (const a of Object.values(cells)) expect([a, value(double, copy, a)]).toEqual([a, value(double, form, a)]);
    expect([1, 2, 3, 13].map((dr) => value(double, copy, cellAddress(header + dr - 1, scoreColumn + 1)))).toEqual(["Điểm đề xuất", 150, 30, 12]);
    // The copy is still protected as it was; the form it copies keeps its summary.
    expect(double.sheet(copy).protection.protected).toBe(true);
    expect(summaryAt(double, form)).toEqual(at);
    expect(double.sheet(form).get(at.row + 1, at.col + 1)?.v).toMatch(/^\d+\/3$/);
  });

  test("emptying copies takes as many requests for four copied forms as for one", async () => {
    const syncs = async (copies: number) => {
      const { double, definition } = await layoutAWorkbook(5);
      const first = await score(double, definition);
      const form = first.submissions[0]!.source!.sheet;
      for (let i = 0; i < copies; i++) double.copySheet(form, `Bản sao ${i + 1}`);
      double.resetCounters();
      await score(double, definition);
      expect(double.requests.every((r) => r.ok)).toBe(true);
      for (let i = 0; i < copies; i++) expect(summaryAt(double, `Bản sao ${i + 1}`)).toBeUndefined();
      return double.syncCount;
    };
    expect(await syncs(4)).toBe(await syncs(1));
  }, 60_000);

  test("loses every score of its Điểm column and the notes on rescaled groups right of its table, as the file host empties them, and nothing else; in as many requests for 12 units as for 3", async () => {
    const run = async (units: number) => {
      const { double, definition } = await layoutAWorkbook(units);
      const first = await score(double, definition);
      const source = first.submissions[0]!.source!;
      const form = source.sheet;
      const copy = `${form} (2)`;
      double.copySheet(form, copy);
      const header = source.headerRow!;
      const scoreColumn = source.scoreColumn!;
      // The copy's scores run far below the top rows the Excel host reads whole.
      const scoreRows = [...filled(double, copy)].filter(([a, v]) => topLeft(a).col === scoreColumn - 1 && topLeft(a).row + 1 > header && typeof v === "number");
      expect(scoreRows.length).toBeGreaterThan(10);
      expect(Math.max(...scoreRows.map(([a]) => topLeft(a).row + 1))).toBeGreaterThan(20);
      // Right of the table, low down: a note of the project's on a rescaled group, and the user's own remark.
      const codeRow = Math.max(...scoreRows.map(([a]) => topLeft(a).row + 1));
      const right = cellAddress(codeRow, scoreColumn + 2);
      double.setCells(copy, right, [["Quy đổi: điểm các chỉ tiêu tính theo thang 10."]]);
      double.setCells(copy, cellAddress(codeRow - 1, scoreColumn + 2), [["Đã đối chiếu với báo cáo năm"]]);
      // What the file host would empty on the copy as it is now, and everything else on it.
      const emptied = (planClearUnscoredForm(wholeSheet(double, copy))?.blocks ?? []).map((b) => b.address);
      expect(emptied).toEqual(expect.arrayContaining([right, ...scoreRows.map(([a]) => a)]));
      const kept = [...filled(double, copy)].filter(([a]) => !emptied.includes(a));
      const formBefore = filled(double, form);

      double.resetCounters();
      await score(double, definition);
      expect(double.requests.every((r) => r.ok)).toBe(true);
      const after = filled(double, copy);
      // Emptied, but for the line that says why the copy is not scored, written where its summary was.
      const line = linePieces(double, copy, topLeft(emptied[0]!));
      expect(line.length).toBeGreaterThan(0);
      expect(emptied.filter((a) => after.has(a) && !line.includes(a))).toEqual([]);
      expect(kept.filter(([a, v]) => after.get(a) !== v)).toEqual([]);
      // The form it copies keeps its scores.
      const scoresOfForm = [...formBefore].filter(([a, v]) => topLeft(a).col === scoreColumn - 1 && topLeft(a).row + 1 > header && typeof v === "number");
      expect(scoresOfForm.filter(([a]) => typeof filled(double, form).get(a) !== "number")).toEqual([]);
      return double.syncCount;
    };
    expect(await run(12)).toBe(await run(3));
  }, 120_000);
});
