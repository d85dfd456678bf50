import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import { runScoring } from "../../core/pipeline";
import { localize } from "../../core/i18n/text";
import { findBuiltin } from "../../indices";
import { CollectReadError, collectFiles } from "./collect";
import { XlsxHost } from "./host";
import { makeTemplate } from "./template";
import { rowOf, open as load } from "./test-workbooks";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;

/** A unit's form, filled in with a figure for 3.2 (a percentage). */
async function form(code: string, name: string, percent: number): Promise<Uint8Array> {
  const wb = await load(await makeTemplate(model, [{ code, name, category: "co-dvc" }], { lang: "vi" }));
  const ws = wb.getWorksheet(name)!;
  ws.getCell(rowOf(ws, "3.2"), 4).value = percent;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("collecting forms from several files", () => {
  it("copies each unit's form with its styles, merged cells, drop-downs, widths and protection", async () => {
    const { data, report } = await collectFiles([
      { name: "syt.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
      { name: "snv.xlsx", data: await form("SNV", "Sở Nội vụ", 0.6) },
    ]);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Y tế", "Sở Nội vụ"]);
    // The template's own instructions sheet is not a form, and not worth a "left out" line either.
    expect(report.skipped).toEqual([]);
    expect(report.warnings).toEqual([]);
    const wb = await load(data);
    const ws = wb.getWorksheet("Sở Y tế")!;
    const r = rowOf(ws, "3.2");
    expect(ws.getCell(r, 4).value).toBe(0.8);
    expect(ws.getCell(r, 4).numFmt).toBe("0.00%");
    expect(ws.getCell(r, 4).protection?.locked).toBe(false);
    expect(ws.getCell(r, 4).fill).toMatchObject({ fgColor: { argb: "FFFFF2CC" } });
    expect(ws.getCell(rowOf(ws, "2.1"), 4).dataValidation).toMatchObject({ type: "list", formulae: ['"Có,Không"'] });
    expect((ws.model as unknown as { merges: string[] }).merges).toContain("A6:I6");
    expect(ws.getColumn(2).width).toBe(60);
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
  });

  it("gives a second sheet of the same name a (2) and leaves out a second form of the same unit", async () => {
    const { data, report } = await collectFiles([
      { name: "a.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
      { name: "b.xlsx", data: await form("SYT-2", "Sở Y tế", 0.7) },
      // A second filled form of the same unit (same code, same name): the first one is kept.
      { name: "c.xlsx", data: await form("SYT", "SỞ Y TẾ", 0.9) },
    ]);
    expect(report.take.map((t) => [t.file, t.as])).toEqual([
      ["a.xlsx", "Sở Y tế"],
      ["b.xlsx", "Sở Y tế (2)"],
    ]);
    const dup = report.skipped.find((s) => s.file === "c.xlsx" && s.sheet === "SỞ Y TẾ");
    expect(dup?.reason.vi).toBe(
      "Trang tính 'SỞ Y TẾ': đơn vị mã SYT đã có một phiếu đã điền khác, lấy từ tệp a.xlsx (trang 'Sở Y tế'), nên phiếu này không được lấy (mỗi đơn vị một phiếu). Nếu phiếu này mới là bản đúng, hãy xóa trang 'Sở Y tế' khỏi sổ tổng hợp rồi tổng hợp lại tệp này.",
    );
    expect((await load(data)).worksheets.map((w) => w.name)).toEqual(["Sở Y tế", "Sở Y tế (2)"]);
  });

  it("adds to an existing workbook without repeating a unit it already holds", async () => {
    const first = await collectFiles([{ name: "a.xlsx", data: await form("SYT", "Sở Y tế", 0.8) }]);
    const second = await collectFiles(
      [
        { name: "a.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
        { name: "b.xlsx", data: await form("STC", "Sở Tài chính", 0.5) },
      ],
      first.data,
    );
    expect(second.report.take.map((t) => t.as)).toEqual(["Sở Tài chính"]);
    expect((await load(second.data)).worksheets.map((w) => w.name)).toEqual(["Sở Y tế", "Sở Tài chính"]);
  });

  it("keeps the charts of a scored workbook it gathers forms into", async () => {
    const { data } = await collectFiles([
      { name: "syt.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
      { name: "snv.xlsx", data: await form("SNV", "Sở Nội vụ", 0.6) },
    ]);
    const host = await XlsxHost.fromBuffer(data, "tong-hop.xlsx");
    await runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test" });
    const scored = await host.toBuffer();
    const charts = async (bytes: Uint8Array) => Object.keys((await JSZip.loadAsync(bytes)).files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).length;
    expect(await charts(scored)).toBe(3);
    const more = await collectFiles([{ name: "stc.xlsx", data: await form("STC", "Sở Tài chính", 0.5) }], scored);
    expect(more.report.take.map((t) => t.as)).toEqual(["Sở Tài chính"]);
    expect(await charts(more.data)).toBe(3);
  }, 30_000);

  it("gives a workbook that scores every collected unit", async () => {
    const { data } = await collectFiles([
      { name: "syt.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
      { name: "snv.xlsx", data: await form("SNV", "Sở Nội vụ", 0.6) },
    ]);
    const host = await XlsxHost.fromBuffer(data, "tong-hop.xlsx");
    const result = await runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test", write: false });
    const byCode = Object.fromEntries(result.table.units.map((u) => [u.code, u]));
    expect(Object.keys(byCode).sort()).toEqual(["SNV", "SYT"]);
    expect(byCode.SYT!.nodes["3.2"]!.points).toBeCloseTo(8, 10);
    expect(byCode.SNV!.nodes["3.2"]!.points).toBeCloseTo(6, 10);
  });

  describe("forms the scorer reads, however the unit laid out its header block and table", () => {
    const units = [
      { code: "SYT", name: "Sở Y tế", category: "co-dvc" },
      { code: "SNV", name: "Sở Nội vụ", category: "co-dvc" },
      { code: "STC", name: "Sở Tài chính", category: "co-dvc" },
    ];
    /** The template for the three units, each form changed by `change` and filled in (3.2 = 0.5). */
    async function edited(change: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
      const wb = await load(await makeTemplate(model, units, { lang: "vi" }));
      for (const u of units) {
        const ws = wb.getWorksheet(u.name)!;
        ws.getCell(rowOf(ws, "3.2"), 4).value = 0.5;
        change(ws);
      }
      return new Uint8Array(await wb.xlsx.writeBuffer());
    }
    async function gatheredAndScored(data: Uint8Array): Promise<{ taken: (string | undefined)[]; skipped: string[]; scored: string[] }> {
      const { data: out, report } = await collectFiles([{ name: "phieu.xlsx", data }], undefined, model);
      const host = await XlsxHost.fromBuffer(out, "tong-hop.xlsx");
      const result = await runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test", write: false });
      return { taken: report.take.map((t) => t.unitCode ?? t.as), skipped: report.skipped.map((s) => s.reason.vi), scored: result.table.units.map((u) => u.code).sort() };
    }

    it("gathers forms whose code column is headed Mã số, or Mã and số on two lines", async () => {
      for (const heading of ["Mã số", "Mã\nsố"]) {
        const got = await gatheredAndScored(await edited((ws) => (ws.getCell("A8").value = heading)));
        expect([heading, got]).toEqual([heading, { taken: ["SYT", "SNV", "STC"], skipped: [], scored: ["SNV", "STC", "SYT"] }]);
      }
    }, 30_000);

    it("gathers forms whose labels are merged across A:B with the values in C, each under its own unit code", async () => {
      const got = await gatheredAndScored(
        await edited((ws) => {
          for (let r = 1; r <= 5; r++) {
            ws.getCell(r, 3).value = ws.getCell(r, 2).value;
            ws.getCell(r, 2).value = null;
            ws.mergeCells(r, 1, r, 2);
          }
        }),
      );
      expect(got).toEqual({ taken: ["SYT", "SNV", "STC"], skipped: [], scored: ["SNV", "STC", "SYT"] });
    }, 30_000);

    it("gathers forms with a column inserted at A (STT), as the scorer reads them", async () => {
      const got = await gatheredAndScored(
        await edited((ws) => {
          ws.spliceColumns(1, 0, []);
          ws.getCell("A8").value = "STT";
        }),
      );
      // Its header block moved to B:C, in the table's Mã column: collect and the scorer read each unit's own code there.
      expect(got).toEqual({ taken: ["SYT", "SNV", "STC"], skipped: [], scored: ["SNV", "STC", "SYT"] });
    }, 30_000);
  });

  it("takes a unit's visible form, not the hidden older copy before it, and says the copy is hidden", async () => {
    const wb = await load(await form("SNV", "Sở Nội vụ", 0.6));
    const current = wb.getWorksheet("Sở Nội vụ")!;
    const old = wb.addWorksheet("Sở Nội vụ 2023", { state: "hidden" });
    current.eachRow((row, r) => row.eachCell((cell, c) => (old.getCell(r, c).value = cell.value)));
    old.getCell(rowOf(old, "3.2"), 4).value = 0.1;
    (old as unknown as { orderNo: number }).orderNo = (current as unknown as { orderNo: number }).orderNo - 0.5;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect((await load(bytes)).worksheets.map((w) => [w.name, w.state])).toEqual([["Hướng dẫn", "visible"], ["Sở Nội vụ 2023", "hidden"], ["Sở Nội vụ", "visible"]]);
    const { data, report } = await collectFiles([{ name: "snv.xlsx", data: bytes }]);
    expect(report.take.map((t) => t.sheet)).toEqual(["Sở Nội vụ"]);
    expect(report.skipped.map((s) => s.reason.vi)).toEqual([
      "Trang tính ẩn 'Sở Nội vụ 2023': đơn vị mã SNV đã có phiếu trên trang đang hiện 'Sở Nội vụ' từ tệp snv.xlsx nên bỏ qua trang ẩn này (thường là bản cũ của phiếu).",
    ]);
    const ws = (await load(data)).getWorksheet("Sở Nội vụ")!;
    expect(ws.getCell(rowOf(ws, "3.2"), 4).value).toBe(0.6);
  });

  it("copies every cell value as the type it has: a date stays a date, not ISO text", async () => {
    const wb = await load(await form("SYT", "Sở Y tế", 0.8));
    const ws = wb.getWorksheet("Sở Y tế")!;
    const r = rowOf(ws, "3.2");
    const date = new Date(Date.UTC(2024, 2, 15));
    ws.getCell(r, 7).value = date;
    ws.getCell(r, 7).numFmt = "dd/mm/yyyy";
    ws.getCell(r, 8).value = { formula: "DATE(2024,1,31)", result: new Date(Date.UTC(2024, 0, 31)) };
    ws.getCell(r + 1, 7).value = { richText: [{ text: "Quyết định " }, { text: "12/QĐ", font: { bold: true } }] };
    ws.getCell(r + 1, 8).value = { text: "Cổng", hyperlink: "https://example.vn" };
    ws.getCell(r + 2, 7).value = true;
    ws.getCell(r + 2, 8).value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    const { data } = await collectFiles([{ name: "syt.xlsx", data: new Uint8Array(await wb.xlsx.writeBuffer()) }]);
    const copy = (await load(data)).getWorksheet("Sở Y tế")!;
    expect(copy.getCell(r, 7).value).toEqual(date);
    expect(copy.getCell(r, 7).type).toBe(ExcelJS.ValueType.Date);
    expect(copy.getCell(r, 7).numFmt).toBe("dd/mm/yyyy");
    expect(copy.getCell(r, 8).value).toEqual({ formula: "DATE(2024,1,31)", result: new Date(Date.UTC(2024, 0, 31)) });
    expect(copy.getCell(r + 1, 7).value).toEqual({ richText: [{ text: "Quyết định " }, { text: "12/QĐ", font: { bold: true } }] });
    expect(copy.getCell(r + 1, 8).value).toEqual({ text: "Cổng", hyperlink: "https://example.vn" });
    expect(copy.getCell(r + 2, 7).value).toBe(true);
    expect(copy.getCell(r + 2, 8).value).toEqual({ error: "#N/A" });
    expect(copy.getCell(r, 4).value).toBe(0.8);
  });

  it("names a zip that is not an .xlsx package (no xl/workbook.xml: an .ods renamed .xlsx) as unreadable, as it names a broken file", async () => {
    const zip = new JSZip();
    zip.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
    zip.file("content.xml", "<office:document-content/>");
    const ods = await zip.generateAsync({ type: "uint8array" });
    const { report } = await collectFiles([
      { name: "cc1.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
      { name: "cc2.xlsx", data: ods },
    ]);
    expect(report.take.map((t) => t.file)).toEqual(["cc1.xlsx"]);
    expect(report.unreadable).toEqual(["cc2.xlsx"]);
    expect(report.skipped.map((s) => s.reason.vi)).toEqual([expect.stringContaining('Tệp "cc2.xlsx" không phải sổ làm việc Excel (.xlsx) đọc được')]);
    await expect(XlsxHost.fromBuffer(ods, "cc2.xlsx")).rejects.toThrow("cc2.xlsx is not an .xlsx workbook");
  });

  describe("one workbook with a sheet per unit, sent back by each unit with its own sheet filled", () => {
    const units = [
      { code: "SYT", name: "Sở Y tế", category: "co-dvc" },
      { code: "SNV", name: "Sở Nội vụ", category: "co-dvc" },
      { code: "STC", name: "Sở Tài chính", category: "co-dvc" },
    ];
    /** The template workbook, with unit `name`'s sheet filled in (3.2 = `percent`) when given. */
    async function sentBack(name?: string, percent = 0): Promise<Uint8Array> {
      const wb = await load(await makeTemplate(model, units, { lang: "vi" }));
      if (name !== undefined) {
        const ws = wb.getWorksheet(name)!;
        ws.getCell(rowOf(ws, "3.2"), 4).value = percent;
      }
      return new Uint8Array(await wb.xlsx.writeBuffer());
    }
    async function scored(data: Uint8Array): Promise<Record<string, number | undefined>> {
      const host = await XlsxHost.fromBuffer(data, "tong-hop.xlsx");
      const result = await runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test", write: false });
      return Object.fromEntries(result.table.units.map((u) => [u.code, u.nodes["3.2"]?.points ?? undefined]));
    }

    it("takes each unit's filled sheet, not the blank copies in the first file; a unit nobody filled keeps its blank form", async () => {
      const { data, report } = await collectFiles([
        { name: "syt.xlsx", data: await sentBack("Sở Y tế", 0.8) },
        { name: "snv.xlsx", data: await sentBack("Sở Nội vụ", 0.6) },
      ]);
      // In the template's order of units (Sở Y tế, Sở Nội vụ, Sở Tài chính), not the files'.
      expect(report.take.map((t) => [t.file, t.as])).toEqual([
        ["syt.xlsx", "Sở Y tế"],
        ["snv.xlsx", "Sở Nội vụ"],
        // Nobody sent Sở Tài chính's form filled: its blank form is taken, so the unit appears.
        ["syt.xlsx", "Sở Tài chính"],
      ]);
      expect((await load(data)).worksheets.map((w) => w.name)).toEqual(["Sở Y tế", "Sở Nội vụ", "Sở Tài chính"]);
      expect(report.skipped.map((s) => s.reason.vi)).toEqual([
        "Trang tính 'Sở Nội vụ': phiếu trống (chưa điền số liệu); đơn vị mã SNV đã có phiếu điền số liệu từ tệp snv.xlsx nên bỏ qua phiếu trống này.",
        "Trang tính 'Sở Y tế': phiếu trống (chưa điền số liệu); đơn vị mã SYT đã có phiếu điền số liệu từ tệp syt.xlsx nên bỏ qua phiếu trống này.",
        "Trang tính 'Sở Tài chính': phiếu trống (chưa điền số liệu); đơn vị mã STC chưa có phiếu đã điền và đã có phiếu trống từ tệp syt.xlsx nên bỏ qua phiếu trống này.",
      ]);
      const points = await scored(data);
      expect(points.SYT).toBeCloseTo(8, 10);
      expect(points.SNV).toBeCloseTo(6, 10);
    });

    it("puts a filled form in place of the blank form already in the workbook gathered into, under the same name", async () => {
      const base = await sentBack();
      const before = (await load(base)).worksheets.map((w) => w.name);
      const { data, report } = await collectFiles([{ name: "snv.xlsx", data: await sentBack("Sở Nội vụ", 0.6) }], base);
      expect(report.take).toEqual([expect.objectContaining({ file: "snv.xlsx", as: "Sở Nội vụ", replaces: "Sở Nội vụ" })]);
      // Same sheets, in the same order: the blank one gave its place to the filled one.
      expect((await load(data)).worksheets.map((w) => w.name)).toEqual(before);
      expect((await scored(data)).SNV).toBeCloseTo(6, 10);
      // Gathered again, the filled form now there stays, and the new one is a duplicate.
      const again = await collectFiles([{ name: "snv2.xlsx", data: await sentBack("Sở Nội vụ", 0.2) }], data);
      expect(again.report.take).toEqual([]);
      expect((await scored(again.data)).SNV).toBeCloseTo(6, 10);
    });

    it("says a unit's form sent again is the same one, after scoring and with the council's figures on the workbook's copy; a corrected one is left out, naming the sheet", async () => {
      const first = await collectFiles([
        { name: "syt.xlsx", data: await sentBack("Sở Y tế", 0.8) },
        { name: "snv.xlsx", data: await sentBack("Sở Nội vụ", 0.6) },
      ]);
      // Scored (the Điểm column written on the forms), then the council types its figure beside the unit's.
      const host = await XlsxHost.fromBuffer(first.data, "tong-hop.xlsx");
      await runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test" });
      const wb = await load(await host.toBuffer());
      const ws = wb.getWorksheet("Sở Y tế")!;
      const header = ws.getRow(rowOf(ws, "Mã")).values as unknown[];
      ws.getCell(rowOf(ws, "3.2"), header.indexOf("Số liệu thẩm định")).value = 0.7;
      const base = new Uint8Array(await wb.xlsx.writeBuffer());

      const same = await collectFiles([{ name: "syt.xlsx", data: await sentBack("Sở Y tế", 0.8) }], base);
      expect(same.report.take).toEqual([]);
      const said = same.report.skipped.filter((s) => s.duplicate !== "blank-form" && s.duplicate !== "blank-again");
      expect(said.map((s) => [s.sheet, s.duplicate, s.reason.en])).toEqual([
        ["Sở Y tế", "same-form", "Sheet 'Sở Y tế': the same form as the one the unit with code SYT already has in the consolidated workbook (sheet 'Sở Y tế'), so it was not copied again; nothing needs doing."],
      ]);

      // The unit adds its evidence and sends the file again.
      const corrected = await load(await sentBack("Sở Y tế", 0.8));
      const own = corrected.getWorksheet("Sở Y tế")!;
      own.getCell(rowOf(own, "3.2"), header.indexOf("Minh chứng")).value = "Báo cáo số 15/BC-SYT";
      const again = await collectFiles([{ name: "syt-bo-sung.xlsx", data: new Uint8Array(await corrected.xlsx.writeBuffer()) }], base);
      expect(again.report.take).toEqual([]);
      expect(again.report.skipped.filter((s) => s.sheet === "Sở Y tế").map((s) => [s.duplicate, s.reason.vi])).toEqual([
        [
          "filled-in-workbook",
          "Trang tính 'Sở Y tế': đơn vị mã SYT đã có phiếu điền số liệu trong sổ tổng hợp (trang 'Sở Y tế') nên phiếu này không được lấy, để không ghi đè lên phiếu đó và số liệu hội đồng đã nhập vào (nếu có). Muốn dùng phiếu này, hãy xóa trang 'Sở Y tế' khỏi sổ tổng hợp (hoặc chuyển sang sổ khác nếu cần giữ lại) rồi tổng hợp lại tệp này.",
        ],
      ]);
      // Every sheet left out is in the report with its reason: the other units' blank forms too.
      expect(again.report.skipped.map((s) => [s.sheet, s.duplicate])).toEqual([
        ["Sở Y tế", "filled-in-workbook"],
        ["Sở Nội vụ", "blank-form"],
        ["Sở Tài chính", "blank-again"],
      ]);
    });

    /** The template workbook with Sở Tài chính's sheet filled in (3.2 = 0.7) and its unit name typed anew in B1. */
    async function renamedStc(): Promise<Uint8Array> {
      const wb = await load(await sentBack("Sở Tài chính", 0.7));
      wb.getWorksheet("Sở Tài chính")!.getCell("B1").value = "Sở Tài chính tỉnh";
      return new Uint8Array(await wb.xlsx.writeBuffer());
    }

    it("takes a unit's filled form over its blank one when the unit typed its name otherwise, whichever file comes first", async () => {
      for (const order of ["blank first", "filled first"] as const) {
        const blank = { name: "mau.xlsx", data: await sentBack() };
        const filled = { name: "stc.xlsx", data: await renamedStc() };
        const { data, report } = await collectFiles(order === "blank first" ? [blank, filled] : [filled, blank]);
        const stc = report.take.filter((t) => t.unitCode === "STC");
        expect([order, stc.map((t) => [t.file, t.unitName])]).toEqual([order, [["stc.xlsx", "Sở Tài chính tỉnh"]]]);
        expect(report.skipped.find((s) => s.file === "mau.xlsx" && s.sheet === "Sở Tài chính")?.reason.vi).toBe(
          "Trang tính 'Sở Tài chính': phiếu trống (chưa điền số liệu); đơn vị mã STC đã có phiếu điền số liệu từ tệp stc.xlsx nên bỏ qua phiếu trống này.",
        );
        // Nothing says the code is wrong: it is not.
        expect(report.warnings).toEqual([]);
        const host = await XlsxHost.fromBuffer(data, "tong-hop.xlsx");
        const result = await runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test", write: false });
        expect(result.issues.filter((i) => i.code === "duplicate-unit")).toEqual([]);
        const unit = result.table.units.find((u) => u.code === "STC");
        expect([order, unit?.name, unit?.nodes["3.2"]?.points]).toEqual([order, "Sở Tài chính tỉnh", expect.closeTo(7, 10)]);
      }
    });

    it("puts a unit's filled form under another name in place of its blank form already in the workbook", async () => {
      const base = await sentBack();
      const before = (await load(base)).worksheets.map((w) => w.name);
      const { data, report } = await collectFiles([{ name: "stc.xlsx", data: await renamedStc() }], base);
      expect(report.take).toEqual([expect.objectContaining({ file: "stc.xlsx", as: "Sở Tài chính", replaces: "Sở Tài chính", unitName: "Sở Tài chính tỉnh" })]);
      expect(report.warnings).toEqual([]);
      expect((await load(data)).worksheets.map((w) => w.name)).toEqual(before);
      expect((await scored(data)).STC).toBeCloseTo(7, 10);
    });
  });

  it("warns, naming each file and its index, when the forms are of different indices or versions", async () => {
    const district = parseDefinition(findBuiltin("dti-huyen-mau")!.definition);
    if (!district.ok) throw new Error("the district sample does not parse");
    const huyen = await makeTemplate(district.model, [{ code: "H01", name: "Huyện Điện Biên Đông" }], { lang: "vi" });
    const mixed = await collectFiles([
      { name: "phieu.xlsx", data: huyen },
      { name: "so-lieu.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
    ]);
    expect(mixed.report.take.map((t) => t.file)).toEqual(["phieu.xlsx", "so-lieu.xlsx"]);
    expect(mixed.report.skipped).toEqual([]);
    // Each index by its name in the warning's language, with its version (the built-ins are known).
    const v = (lang: "vi" | "en") => `"${localize(model.definition.name, lang)}" ${lang === "vi" ? "phiên bản" : "version"} ${model.definition.version}`;
    const d = (lang: "vi" | "en") => `"${localize(district.model.definition.name, lang)}" ${lang === "vi" ? "phiên bản" : "version"} ${district.model.definition.version}`;
    expect(mixed.report.warnings.map((w) => w.vi)).toEqual([
      `Các tệp chứa phiếu của những bộ chỉ số khác nhau: phieu.xlsx (${d("vi")}); so-lieu.xlsx (${v("vi")}). Một sổ chỉ chấm theo một bộ chỉ số; hãy tổng hợp riêng phiếu của từng bộ vào một sổ của riêng bộ đó.`,
    ]);
    expect(mixed.report.warnings[0]?.en).toContain(`phieu.xlsx (${d("en")}); so-lieu.xlsx (${v("en")})`);

    // Another version of the same index, already in the consolidated workbook.
    const newer = parseDefinition({ ...(builtin.definition as object), version: "2025" });
    if (!newer.ok) throw new Error("the newer version does not parse");
    const next = await makeTemplate(newer.model, [{ code: "STC", name: "Sở Tài chính", category: "co-dvc" }], { lang: "en" });
    const again = await collectFiles([{ name: "stc-2025.xlsx", data: next }], (await collectFiles([{ name: "a.xlsx", data: await form("SYT", "Sở Y tế", 0.8) }])).data);
    expect(again.report.take.map((t) => t.as)).toEqual(["Sở Tài chính"]);
    expect(again.report.warnings.map((w) => w.en)).toEqual([
      `The files hold forms of different versions of the index "${localize(model.definition.name, "en")}": the consolidated workbook (version ${model.definition.version}); stc-2025.xlsx (version 2025). A workbook is scored on one version: forms of another version are read by their rows' codes, each with a warning; check the rows the versions differ on.`,
    ]);
    // One index only: no warning.
    const same = await collectFiles([
      { name: "a.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
      { name: "b.xlsx", data: await form("SNV", "Sở Nội vụ", 0.6) },
    ]);
    expect(same.report.warnings).toEqual([]);
  });

  it("leaves out a file that is not a workbook, naming it, and gathers the others", async () => {
    const { data, report } = await collectFiles([
      { name: "syt.xlsx", data: await form("SYT", "Sở Y tế", 0.8) },
      { name: "hong.xlsx", data: new TextEncoder().encode("không phải zip") },
      { name: "snv.xlsx", data: await form("SNV", "Sở Nội vụ", 0.6) },
    ]);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Y tế", "Sở Nội vụ"]);
    expect(report.unreadable).toEqual(["hong.xlsx"]);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]).toMatchObject({ file: "hong.xlsx", sheet: "" });
    expect(report.skipped[0]!.reason.vi).toContain('Tệp "hong.xlsx" không phải sổ làm việc Excel (.xlsx) đọc được');
    expect(report.skipped[0]!.reason.en).toContain('File "hong.xlsx" is not a readable Excel workbook (.xlsx)');
    expect((await load(data)).worksheets.map((w) => w.name)).toEqual(["Sở Y tế", "Sở Nội vụ"]);
    // The workbook gathered into is another matter: it cannot be left out.
    await expect(collectFiles([{ name: "syt.xlsx", data: await form("SYT", "Sở Y tế", 0.8) }], new TextEncoder().encode("hỏng"), undefined, { baseName: "tong-hop.xlsx" })).rejects.toEqual(
      new CollectReadError("tong-hop.xlsx"),
    );
  });

  it("gathers into a workbook LibreOffice saved with a table in it (a table without a style)", async () => {
    const base = await load(await form("SYT", "Sở Y tế", 0.8));
    const list = base.addWorksheet("Danh sách");
    list.addTable({
      name: "DanhSach",
      ref: "A1",
      headerRow: true,
      columns: [{ name: "Mã" }, { name: "Đơn vị" }],
      rows: [
        ["SYT", "Sở Y tế"],
        ["STC", "Sở Tài chính"],
      ],
    });
    const withoutStyle = await dropTableStyles(new Uint8Array(await base.xlsx.writeBuffer()));
    const { data, report } = await collectFiles([{ name: "stc.xlsx", data: await form("STC", "Sở Tài chính", 0.5) }], withoutStyle);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Tài chính"]);
    const wb = await load(data);
    // The new form goes after the form already there, before the user's own sheet.
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Hướng dẫn", "Sở Y tế", "Sở Tài chính", "Danh sách"]);
    expect(wb.getWorksheet("Danh sách")!.getCell("B3").value).toBe("Sở Tài chính");
    const table = await (await JSZip.loadAsync(data)).file("xl/tables/table1.xml")!.async("string");
    expect(table).toContain('ref="A1:B3"');
  });

  it("keeps each form's drop-down lists working once gathered: lists made on the form, and lists of an older form's _lists sheet moved onto it", async () => {
    const commaModel = parseDefinition({
      ...(builtin.definition as Record<string, unknown>),
      root: withChoiceOptions(builtin.definition, "1.1", ["Giám đốc, Thủ trưởng đơn vị", "Phó Giám đốc, Phó Thủ trưởng", "Chưa có"]),
    });
    if (!commaModel.ok) throw new Error(JSON.stringify(commaModel.problems));
    const made = (code: string, name: string) => makeTemplate(commaModel.model, [{ code, name, category: "co-dvc" }], { lang: "vi" });
    // A form as made before lists moved onto the forms: its list on a hidden `_lists` sheet.
    const older = await load(await made("STC", "Sở Tài chính"));
    const stc = older.getWorksheet("Sở Tài chính")!;
    const lists = older.addWorksheet("_lists", { state: "veryHidden" });
    ["Giám đốc, Thủ trưởng đơn vị", "Phó Giám đốc, Phó Thủ trưởng", "Chưa có"].forEach((v, i) => (lists.getCell(i + 1, 1).value = v));
    for (const col of [4, 5]) {
      const cell = stc.getCell(rowOf(stc, "1.1"), col);
      cell.dataValidation = { ...cell.dataValidation, formulae: ["_lists!$A$1:$A$3"] };
    }
    // A form whose list names its own sheet, gathered under another name ("(2)").
    const named = await load(await made("SYT-2", "Sở Y tế"));
    const own = named.getWorksheet("Sở Y tế")!;
    for (const col of [4, 5]) {
      const cell = own.getCell(rowOf(own, "1.1"), col);
      cell.dataValidation = { ...cell.dataValidation, formulae: [`'Sở Y tế'!${String(cell.dataValidation?.formulae?.[0])}`] };
    }
    const { data, report } = await collectFiles([
      { name: "syt.xlsx", data: await made("SYT", "Sở Y tế") },
      { name: "stc.xlsx", data: new Uint8Array(await older.xlsx.writeBuffer()) },
      { name: "syt-2.xlsx", data: new Uint8Array(await named.xlsx.writeBuffer()) },
    ]);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Y tế", "Sở Tài chính", "Sở Y tế (2)"]);
    const wb = await load(data);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Sở Y tế", "Sở Tài chính", "Sở Y tế (2)"]);
    for (const ws of wb.worksheets) {
      for (const col of [4, 5]) {
        const formula = String(ws.getCell(rowOf(ws, "1.1"), col).dataValidation?.formulae?.[0]);
        expect([ws.name, formula]).toEqual([ws.name, expect.stringMatching(/^\$[A-Z]+\$\d+:\$[A-Z]+\$\d+$/)]);
        const [a, b] = formula.replace(/\$/g, "").split(":") as [string, string];
        const column = Number(ws.getCell(a).col);
        expect(ws.getColumn(column).hidden).toBe(true);
        const values: unknown[] = [];
        for (let r = Number(ws.getCell(a).row); r <= Number(ws.getCell(b).row); r++) values.push(ws.getCell(r, column).value);
        expect(values).toEqual(["Giám đốc, Thủ trưởng đơn vị", "Phó Giám đốc, Phó Thủ trưởng", "Chưa có"]);
      }
    }
    // The collected workbook scores: the list column is not part of the table.
    const syt = wb.getWorksheet("Sở Y tế")!;
    syt.getCell(rowOf(syt, "1.1"), 4).value = "Phó Giám đốc, Phó Thủ trưởng";
    const filled = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "tong-hop.xlsx");
    const result = await runScoring(filled, { definition: commaModel.model.definition, lang: "vi", projectVersion: "test", write: false });
    expect(result.table.units.find((u) => u.code === "SYT")!.nodes["1.1"]!.points).toBeCloseTo(5, 10);
    expect(result.issues.filter((i) => i.code === "unknown-code" || i.code === "unknown-choice")).toEqual([]);
  }, 60_000);
});

/** The root of `definition` with the options of choice indicator `code` renamed to `values`, in order. */
function withChoiceOptions(definition: unknown, code: string, values: string[]): unknown {
  const copy = JSON.parse(JSON.stringify((definition as { root: unknown }).root)) as Record<string, unknown>;
  const visit = (node: Record<string, unknown>): void => {
    if (node.code === code) {
      const rule = node.rule as { options: { value: string; aliases?: string[] }[] };
      rule.options.forEach((o, i) => {
        o.value = values[i] ?? o.value;
        delete o.aliases;
      });
    }
    for (const child of (node.children as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  visit(copy);
  return copy;
}

/** The file as LibreOffice saves it: its tables without a <tableStyleInfo>. */
async function dropTableStyles(file: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const tables = Object.keys(zip.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f));
  expect(tables.length).toBeGreaterThan(0);
  for (const path of tables) {
    const xml = await zip.file(path)!.async("string");
    const without = xml.replace(/<tableStyleInfo\b[^>]*\/>/, "");
    expect(without).not.toBe(xml);
    zip.file(path, without);
  }
  return zip.generateAsync({ type: "uint8array" });
}

describe("a form of another built-in index", () => {
  it("is left out with both indices named by their names, not their ids", async () => {
    const district = parseDefinition(findBuiltin("dti-huyen-mau")!.definition);
    if (!district.ok) throw new Error("the district sample does not parse");
    const other = await makeTemplate(district.model, [{ code: "H-A", name: "Huyện A" }], { lang: "vi" });
    const { report } = await collectFiles([{ name: "huyen.xlsx", data: other }, { name: "syt.xlsx", data: await form("SYT", "Sở Y tế", 0.8) }], undefined, model);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Y tế"]);
    const reason = report.skipped.find((s) => s.kind === "another-index")?.reason;
    const name = (def: unknown) => (def as { name: { vi: string } | string }).name;
    const vi = (n: { vi: string } | string) => (typeof n === "string" ? n : n.vi);
    expect(reason?.vi).toContain(`"${vi(name(district.model.definition))}"`);
    expect(reason?.vi).toContain(`"${vi(name(model.definition))}"`);
    expect(reason?.vi).not.toContain("dti-huyen-mau@");
  });
});
