/**
 * Forms collected from a workbook scored before (the demo's `ket-qua.xlsx`): each comes in as the
 * unit sent it, without that scoring's summary, the line under it that reads that workbook's
 * `_index`, the `Điểm` points and the issue marks; the next scoring then writes one summary a form.
 * What the unit and the council typed there stays.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runScoring } from "../../core/pipeline";
import { findBuiltin } from "../../indices";
import { collectFiles } from "./collect";
import { XlsxHost } from "./host";
import { fillText } from "./read";
import { edit, noteOf, open, rowOf } from "./test-workbooks";

/** The demo's files: the units' forms as they sent them (`so-lieu.xlsx`) and the workbook scored (`ket-qua.xlsx`). */
let sent: Uint8Array;
let scored: Uint8Array;

beforeAll(async () => {
  const { main } = await import("../../cli/main");
  const dir = mkdtempSync(join(tmpdir(), "dti-collect-scored-"));
  const sink = { write: (_: string) => true };
  if ((await main(["demo", "--out", dir], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })) !== 0) throw new Error("demo failed");
  sent = new Uint8Array(readFileSync(join(dir, "so-lieu.xlsx")));
  scored = new Uint8Array(readFileSync(join(dir, "ket-qua.xlsx")));
}, 120_000);

/** Every cell of a sheet that shows something, has a note or a fill: its value (a formula as "=…"), note and fill. */
function cellsOf(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  for (let r = 1; r <= ws.rowCount; r++) {
    const cells = (ws.findRow(r) as unknown as { _cells?: (ExcelJS.Cell | undefined)[] } | undefined)?._cells ?? [];
    for (const cell of cells) {
      if (!cell || cell.type === ExcelJS.ValueType.Merge) continue;
      const value = cell.type === ExcelJS.ValueType.Formula ? `=${cell.formula}` : cell.value === null || cell.value === "" ? null : JSON.stringify(cell.value);
      const note = noteOf(cell) ?? null;
      const fill = fillText(cell.fill) ?? null;
      if (value !== null || note !== null || fill !== null) out.set(cell.address, JSON.stringify({ value, note, fill }));
    }
  }
  return out;
}

/** The units' forms of a workbook: the sheets with a `Số liệu` header. */
function forms(wb: ExcelJS.Workbook): ExcelJS.Worksheet[] {
  return wb.worksheets.filter((ws) => {
    let found = false;
    ws.eachRow((row) => row.eachCell((c) => (found ||= c.value === "Số liệu")));
    return found;
  });
}

/** What the project's scoring left on a form: the cells labelled "Tổng điểm" and those whose formula reads `_index`. */
function summariesOn(ws: ExcelJS.Worksheet): { totals: string[]; readingIndex: string[] } {
  const totals: string[] = [];
  const readingIndex: string[] = [];
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (c.value === "Tổng điểm") totals.push(c.address);
      if (c.type === ExcelJS.ValueType.Formula && /_index/.test(c.formula ?? "")) readingIndex.push(c.address);
    }),
  );
  return { totals, readingIndex };
}

describe("collecting forms from a scored workbook", () => {
  test("each form comes in cell by cell as the unit sent it; the next scoring writes one summary on each", async () => {
    // Scored: every form carries a summary, its line reading `_index`, points and (some) marks.
    const before = await open(scored);
    for (const ws of forms(before)) expect(summariesOn(ws).totals).toHaveLength(ws.name.startsWith("Đài Phát thanh") ? 0 : 1);
    expect(before.getWorksheet("Sở Xây dựng")!.getCell("D34").fill).toMatchObject({ fgColor: { argb: "FFFFC7CE" } });

    const { data, report } = await collectFiles([{ name: "ket-qua.xlsx", data: scored }]);
    expect(report.warnings.map((w) => w.vi)).not.toContainEqual(expect.stringContaining("mật khẩu"));
    const collected = await open(data);
    const units = await open(sent);
    expect(collected.worksheets.map((w) => w.name)).toEqual(forms(units).map((w) => w.name));
    expect(collected.getWorksheet("_index")).toBeUndefined();
    for (const ws of forms(collected)) {
      // Values, formulas, notes and fills: those the unit sent, nothing of the scoring.
      expect([ws.name, cellsOf(ws)]).toEqual([ws.name, cellsOf(units.getWorksheet(ws.name)!)]);
      expect(summariesOn(ws)).toEqual({ totals: [], readingIndex: [] });
      // Printed as the unit's form: the index and period at the top, the sheet and page number at the foot; the Điểm column's format.
      const unit = units.getWorksheet(ws.name)!;
      expect([ws.name, ws.headerFooter]).toEqual([ws.name, expect.objectContaining({ oddHeader: expect.stringContaining("Kỳ đánh giá"), oddFooter: unit.headerFooter.oddFooter })]);
      expect(ws.headerFooter.oddHeader).toBe(unit.headerFooter.oddHeader);
      expect([ws.name, ws.getColumn(9).style.numFmt]).toEqual([ws.name, "#,##0.00"]);
    }

    const host = await XlsxHost.fromBuffer(data, "tong-hop.xlsx");
    await runScoring(host, { definition: findBuiltin("dti-so-nganh-mau")!.definition, lang: "vi", projectVersion: "test", now: new Date("2024-06-08T00:00:00Z") });
    const again = await open(await host.toBuffer());
    for (const ws of forms(again)) {
      const { totals, readingIndex } = summariesOn(ws);
      // One summary and one line under it on each scored form (the form left out says why instead).
      if (ws.name.startsWith("Đài Phát thanh")) expect({ totals, readingIndex }).toEqual({ totals: [], readingIndex: [] });
      else expect([ws.name, totals.length, readingIndex.length]).toEqual([ws.name, 1, 1]);
    }
    expect(again.getWorksheet("Sở Nội vụ")!.getCell("E2").value).toBe("13/20");
    expect(again.getWorksheet("Sở Nội vụ")!.getCell("F2").value).toBeNull();
  }, 120_000);

  test("what the council typed on a scored form stays: its figures, its notes and its remark below a mark; the mark goes", async () => {
    const typed = await edit(scored, (wb) => {
      const ws = wb.getWorksheet("Sở Xây dựng")!;
      // Số liệu thẩm định (column E) of indicator 4.3's figure, and a remark typed at the end of the mark's note.
      ws.getCell("E34").value = 0.9;
      ws.getCell("D34").note = `${noteOf(ws.getCell("D34"))}Đã gọi điện cho đơn vị.`;
      ws.getCell("B34").note = "Xem công văn 15/SXD";
    });
    const { data } = await collectFiles([{ name: "ket-qua.xlsx", data: typed }]);
    const ws = (await open(data)).getWorksheet("Sở Xây dựng")!;
    expect(ws.getCell("E34").value).toBe(0.9);
    expect(noteOf(ws.getCell("D34"))).toBe("Đã gọi điện cho đơn vị.");
    expect(fillText(ws.getCell("D34").fill)).toBe("#FFF2CC");
    expect(noteOf(ws.getCell("B34"))).toBe("Xem công văn 15/SXD");
    // The unit's figure, wrong as it sent it.
    expect(ws.getCell(rowOf(ws, "4.3"), 4).value).toBe("135%");
    expect(summariesOn(ws)).toEqual({ totals: [], readingIndex: [] });
  }, 60_000);

  test("a scored form copied out without its workbook's _index: its marks found by their notes give the cells the form's own input fill back, not none", async () => {
    const alone = await edit(scored, (wb) => {
      wb.removeWorksheet(wb.getWorksheet("_index")!.id);
    });
    const { data } = await collectFiles([{ name: "ket-qua.xlsx", data: alone }]);
    const ws = (await open(data)).getWorksheet("Sở Xây dựng")!;
    const sentForm = (await open(sent)).getWorksheet("Sở Xây dựng")!;
    // D34 (the figure "135%") was marked as an error: its note goes, and it is yellow again as the unit sent it.
    expect(noteOf(ws.getCell("D34"))).toBeUndefined();
    expect(fillText(ws.getCell("D34").fill)).toBe(fillText(sentForm.getCell("D34").fill));
    expect(fillText(ws.getCell("D34").fill)).toBe("#FFF2CC");
  }, 60_000);

  test("a form a password protects is left as it came, with a warning naming its file, sheet and cells; the others come in clean", async () => {
    const locked = await edit(scored, (wb) => {
      void wb.getWorksheet("Sở Nội vụ")!.protect("mat-khau", {});
    });
    const { data, report } = await collectFiles([{ name: "ket-qua.xlsx", data: locked }]);
    const wb = await open(data);
    // Its summary stays; the line reading that file's `_index` keeps the text it showed, not reading the consolidated workbook's.
    expect(summariesOn(wb.getWorksheet("Sở Nội vụ")!)).toEqual({ totals: ["D1"], readingIndex: [] });
    expect(summariesOn(wb.getWorksheet("Sở Tài chính")!)).toEqual({ totals: [], readingIndex: [] });
    // One warning names the form, its cells among those of the scoring it still shows.
    expect(report.warnings.filter((w) => w.vi.includes("Sở Nội vụ"))).toHaveLength(1);
    const warning = report.warnings.find((w) => w.vi.includes("Sở Nội vụ"));
    expect(warning?.vi).toMatch(/^Trang tính 'Sở Nội vụ' \(tệp ket-qua.xlsx\) được bảo vệ bằng mật khẩu nên vẫn giữ tổng điểm, hạng .*\(ô D1:D5, E1:E3, I9:I12/);
    expect(warning?.en).toMatch(/^Sheet 'Sở Nội vụ' \(file ket-qua.xlsx\) is protected with a password, so it still shows the total, rank/);
  }, 60_000);
});
