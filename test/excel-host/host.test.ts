import ExcelJS from "exceljs";
import { ExcelHost } from "../../src/hosts/excel";
import type { WritePlan } from "../../src/core/types";
import { createExcelDouble } from "../excel-double";
import { runScoring } from "../../src/core/pipeline";
import { layoutAWorkbook, score } from "./fixtures";
import { readIndexSheet } from "../../src/core/plan/index-sheet";
import type { ExcelHostError } from "../../src/hosts/excel/requirements";
import { isLocalizedError } from "../../src/taskpane/state/pipeline";

function emptyPlan(over: Partial<WritePlan> = {}): WritePlan {
  return { lang: "vi", owned: [], edits: [], marks: [], clearMarks: [], ...over };
}

describe("the Excel host", () => {
  test("reads every sheet anchored at A1, with Excel errors as errors and typed text as text", async () => {
    const d = createExcelDouble().install();
    d.addSheet("Phiếu");
    d.setCells("Phiếu", "B3", [["Đơn vị", 5], [{ error: "#DIV/0!" }, "#N/A"]]);
    d.addSheet("Trống");
    const snap = await new ExcelHost().read();
    expect(snap.sheets.map((s) => s.name)).toEqual(["Phiếu", "Trống"]);
    expect(snap.sheets[0]!.values).toEqual([[], [], [null, "Đơn vị", 5], [null, { error: "#DIV/0!" }, "#N/A"]]);
    expect(snap.sheets[1]!.values).toEqual([]);
  });

  test("reads in the same number of requests for 3 and for 300 sheets", async () => {
    const count = async (n: number) => {
      const d = createExcelDouble().install();
      for (let i = 0; i < n; i++) d.addSheet(`S${i}`, [["Mã", "Số liệu"], ["1.1", i]]);
      await new ExcelHost().read();
      return d.syncCount;
    };
    expect(await count(300)).toBe(await count(3));
  });

  test("a scored workbook is read in as many requests for 120 units as for 5: `_index` and the forms' score columns without their formats", async () => {
    const count = async (units: number) => {
      const { double, definition } = await layoutAWorkbook(units);
      await score(double, definition, new Date("2026-01-15T08:00:00Z"));
      double.resetCounters();
      const snap = await new ExcelHost().read();
      // What the next run needs is read: the stamp and the copies of the figures in `_index`, the forms' scores.
      expect(readIndexSheet(snap)?.provenance).toBeDefined();
      expect(readIndexSheet(snap)?.inputCopies).toHaveLength(units);
      return double.syncCount;
    };
    expect(await count(120)).toBe(await count(5));
  });

  test("a sheet too large for one response is read in row blocks and comes back whole", async () => {
    const d = createExcelDouble().install();
    const rows = Array.from({ length: 60_000 }, (_, r) => [`Dòng số ${r + 1} có nội dung dài để vượt giới hạn`, r, r * 2, "x".repeat(40)]);
    d.addSheet("Lớn", rows);
    const snap = await new ExcelHost().read();
    expect(snap.sheets[0]!.values).toHaveLength(60_000);
    expect(snap.sheets[0]!.values[0]).toEqual(rows[0]);
    expect(snap.sheets[0]!.values[59_999]).toEqual(rows[59_999]);
    const answered = d.requests.filter((r) => r.ok);
    expect(answered.filter((r) => r.responseBytes > 1024 * 1024).length).toBeGreaterThan(1);
    expect(answered.every((r) => r.responseBytes <= 5 * 1024 * 1024)).toBe(true);
  });

  test("a plan bigger than 4 MB is sent in several requests, none over 4 MB, and all of it lands", async () => {
    const d = createExcelDouble().install();
    d.addSheet("Dữ liệu");
    const values = Array.from({ length: 50_000 }, (_, r) => [`Đơn vị ${r}`, "Huyện Điện Biên Đông, tỉnh Điện Biên", r / 3, r]);
    const host = new ExcelHost();
    await host.apply(emptyPlan({ owned: [{ name: "Kết quả", visibility: "visible", blocks: [{ address: "A2", values, numberFormat: "@" }], tables: [], conditionalFormats: [], charts: [] }] }));
    const writes = d.requests.filter((r) => r.commands > 2);
    expect(writes.length).toBeGreaterThan(1);
    expect(d.requests.every((r) => r.ok && r.bytes <= 4 * 1024 * 1024)).toBe(true);
    expect(d.value("'Kết quả'!A50001")).toBe("Đơn vị 49999");
    expect(d.value("'Kết quả'!C50001")).toBeCloseTo(49999 / 3);
  });

  test("goTo activates the sheet and selects the cell", async () => {
    const d = createExcelDouble().install();
    d.addSheet("A");
    d.addSheet("Đơn vị 2");
    await new ExcelHost().goTo("Đơn vị 2", "D12");
    expect(d.workbook.activeSheet?.name).toBe("Đơn vị 2");
    expect(d.workbook.selection).toEqual({ sheet: "Đơn vị 2", address: "D12" });
  });

  test("goTo a cell of a hidden sheet fails with a sentence that names the sheet and says how to unhide it; a very hidden one without that advice", async () => {
    const d = createExcelDouble().install();
    d.addSheet("A");
    d.addSheet("Đơn vị 2");
    d.addSheet("_riêng");
    d.sheet("Đơn vị 2").visibility = "Hidden";
    d.sheet("_riêng").visibility = "VeryHidden";
    const host = new ExcelHost();
    const hidden = await host.goTo("Đơn vị 2", "D12").catch((e: unknown) => e);
    // The pane shows a LocalizedError's sentence as it is (usePane's goTo), as a warning.
    expect(isLocalizedError(hidden)).toBe(true);
    expect(hidden).toMatchObject({ code: "sheet-hidden", intent: "warning" });
    const { vi, en } = (hidden as ExcelHostError).localized;
    expect(vi).toBe("Trang 'Đơn vị 2' đang bị ẩn nên không thể đi tới ô D12. Hãy bỏ ẩn trang: nhấp chuột phải vào một thẻ trang bất kỳ > Bỏ ẩn, chọn 'Đơn vị 2', rồi thử lại.");
    expect(en).toBe("The sheet 'Đơn vị 2' is hidden, so DTI Scorer cannot go to cell D12. Unhide it: right-click any sheet tab > Unhide, choose 'Đơn vị 2', then try again.");
    const veryHidden = (await host.goTo("_riêng", "A1").catch((e: unknown) => e)) as ExcelHostError;
    expect(veryHidden.localized).toEqual({ vi: "Trang '_riêng' đang bị ẩn nên không thể đi tới ô A1.", en: "The sheet '_riêng' is hidden, so DTI Scorer cannot go to cell A1." });
    expect(d.workbook.activeSheet?.name).not.toBe("Đơn vị 2");
    // Once the user unhides it, the same click goes there.
    d.sheet("Đơn vị 2").visibility = "Visible";
    await host.goTo("Đơn vị 2", "D12");
    expect(d.workbook.selection).toEqual({ sheet: "Đơn vị 2", address: "D12" });
  });

  test("goTo a cell of a sheet renamed or deleted since the check fails with a sentence that names the sheet and says to check again, not Excel's own error", async () => {
    const d = createExcelDouble().install();
    d.addSheet("A");
    d.addSheet("Sở Xây dựng");
    d.addSheet("Sở Y tế");
    const host = new ExcelHost();
    await d.userRenameSheet("Sở Xây dựng", "XD");
    const renamed = await host.goTo("Sở Xây dựng", "D12").catch((e: unknown) => e);
    // The pane shows a LocalizedError's sentence as it is (usePane's goTo), as a warning.
    expect(isLocalizedError(renamed)).toBe(true);
    expect(renamed).toMatchObject({ code: "sheet-missing", intent: "warning" });
    expect((renamed as ExcelHostError).localized).toEqual({
      vi: `Trang 'Sở Xây dựng' không còn trong sổ làm việc (đã được đổi tên hoặc bị xóa) nên không thể đi tới ô D12. Hãy bấm "Kiểm tra số liệu" để kiểm tra lại các phiếu.`,
      en: `The sheet 'Sở Xây dựng' is no longer in the workbook (it was renamed or deleted), so DTI Scorer cannot go to cell D12. Press "Check the data" to check the forms again.`,
    });
    expect((renamed as ExcelHostError).localized.en).not.toContain("doesn't exist");
    await d.userDeleteSheet("Sở Y tế");
    const deleted = (await host.goTo("Sở Y tế", "C5").catch((e: unknown) => e)) as ExcelHostError;
    expect(deleted).toMatchObject({ code: "sheet-missing", intent: "warning" });
    expect(deleted.localized.vi).toContain("Trang 'Sở Y tế' không còn trong sổ làm việc");
    // Under its new name (as a check run again finds it), the same cell is reached.
    await host.goTo("XD", "D12");
    expect(d.workbook.selection).toEqual({ sheet: "XD", address: "D12" });
  });

  test("goTo a cell that is no cell of a sheet that is there fails with Excel's own error, as before", async () => {
    createExcelDouble().install().addSheet("A");
    await expect(new ExcelHost().goTo("A", "không phải ô")).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("issue marks get a fill and a note, and clearing them restores the cell's own fill and removes the note", async () => {
    const d = createExcelDouble().install();
    d.addSheet("P");
    d.sheet("P").cell(4, 3).fill = "#00B050";
    const host = new ExcelHost();
    await host.apply(emptyPlan({ marks: [{ sheet: "P", cell: "D5", severity: "error", note: "[DTI Scorer]\nÔ D5 không phải là số." }, { sheet: "P", cell: "D6", severity: "warning", note: "[DTI Scorer]\nThiếu minh chứng." }] }));
    expect(d.cell("P!D5")?.fill).toBe("#FFC7CE");
    expect(d.workbook.notes.map((n) => n.content)).toEqual(["[DTI Scorer]\nÔ D5 không phải là số.", "[DTI Scorer]\nThiếu minh chứng."]);
    await host.clearMarks([{ sheet: "P", cell: "D5", fill: "FF00B050" }, { sheet: "P", cell: "D6" }]);
    expect(d.cell("P!D5")?.fill).toBe("#00B050");
    expect(d.cell("P!D6")?.fill).toBeUndefined();
    expect(d.workbook.notes).toHaveLength(0);
  });

  test("a note the user wrote on a marked cell is kept", async () => {
    const d = createExcelDouble().install();
    d.addSheet("P");
    d.workbook.notes.push({ sheet: d.sheet("P"), row: 4, col: 3, content: "Ghi chú của chuyên viên" });
    const host = new ExcelHost();
    await host.apply(emptyPlan({ marks: [{ sheet: "P", cell: "D5", severity: "error", note: "[DTI Scorer]\nLỗi." }] }));
    await host.clearMarks([{ sheet: "P", cell: "D5" }]);
    expect(d.workbook.notes.map((n) => n.content)).toEqual(["Ghi chú của chuyên viên"]);
  });

  test("on Excel without notes, marks are comments; on Excel without comments, only the fill", async () => {
    const mark = { sheet: "P", cell: "B2", severity: "warning" as const, note: "[DTI Scorer]\nCảnh báo." };
    const withComments = createExcelDouble({ requirements: { ExcelApi: "1.12" } }).install();
    withComments.addSheet("P");
    const h1 = new ExcelHost();
    expect(h1.capabilities().marks).toBe("comments");
    await h1.apply(emptyPlan({ marks: [mark] }));
    expect(withComments.workbook.comments.map((c) => c.content)).toEqual([mark.note]);
    await h1.clearMarks([mark]);
    expect(withComments.workbook.comments).toHaveLength(0);

    const fillOnly = createExcelDouble({ requirements: { ExcelApi: "1.9" } }).install();
    fillOnly.addSheet("P");
    const h2 = new ExcelHost();
    expect(h2.capabilities().marks).toBe("fill");
    expect(h2.capabilities().missing.find((m) => m.feature === "comments")?.message.vi).toContain("ExcelApi 1.10");
    await h2.apply(emptyPlan({ marks: [mark] }));
    expect(fillOnly.cell("P!B2")?.fill).toBe("#FFC000");
  });

  test("watchInputs reports a user's edit on an input sheet, not the add-in's own writes, and stops when asked", async () => {
    const { double, definition } = await layoutAWorkbook(2, { index: "undp-hdi" });
    double.install();
    const host = new ExcelHost();
    await runScoring(host, { definition, lang: "vi", projectVersion: "test" });
    const unitSheet = double.workbook.sheets.find((s) => s.visibility === "Visible" && s.name.startsWith("Đơn vị"))!.name;
    const heard: { sheet: string; address: string }[] = [];
    const stop = await host.watchInputs((e) => heard.push(e));
    await runScoring(host, { definition, lang: "vi", projectVersion: "test" });
    await new Promise((r) => setTimeout(r, 10));
    expect(heard).toEqual([]);
    await double.userEdit(unitSheet, "D12", [[7]]);
    expect(heard).toEqual([{ sheet: unitSheet, address: "D12" }]);
    await stop();
    await double.userEdit(unitSheet, "D13", [[8]]);
    expect(heard).toHaveLength(1);
  });

  test("isStale says which units changed since scoring", async () => {
    const { double, definition } = await layoutAWorkbook(3, { index: "undp-hdi" });
    double.install();
    const host = new ExcelHost();
    const run = await runScoring(host, { definition, lang: "vi", projectVersion: "test" });
    expect((await host.isStale())?.stale).toBe(false);
    const sub = run.submissions[1]!;
    const [code, cell] = Object.entries(sub.source!.cells!)[0]!;
    void code;
    double.setCells(sub.source!.sheet, cell, [[12345]]);
    const stale = await host.isStale();
    expect(stale?.stale).toBe(true);
    expect(stale?.changed).toEqual([sub.code || sub.name]);
    // The pane names the unit, not its code, even before the workbook was checked in this session.
    expect(stale?.names[sub.code || sub.name]).toBe(sub.name);
  });

  test("insertWorkbooks copies unit sheets from other files, renamed on collision, and says what it left out", async () => {
    const { double } = await layoutAWorkbook(2, { index: "undp-hdi" });
    const source = await layoutAWorkbook(3, { index: "undp-hdi" });
    const wb = new ExcelJS.Workbook();
    const copy = (from: string, as: string) => {
      const ws = wb.addWorksheet(as);
      for (const [k, c] of source.double.sheet(from).cells) if (c.t !== "Empty") ws.getCell(Math.floor(k / 16384) + 1, (k % 16384) + 1).value = c.v as never;
    };
    // A new unit (U0003) under a sheet name the workbook has, and unit U0001 again under another name.
    copy("Đơn vị số 3", "Đơn vị số 1");
    copy("Đơn vị số 1", "Bản sửa");
    wb.addWorksheet("Ghi chép").getCell("A1").value = "không phải phiếu";
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    double.install();
    const before = double.sheetNames();
    const report = await new ExcelHost().insertWorkbooks([{ name: "don-vi.xlsx", base64 }]);
    expect(report.message).toBeUndefined();
    expect(report.skipped.map((s) => s.sheet)).toEqual(["Bản sửa", "Ghi chép"]);
    // Unit U0001's form as the workbook has it already: the same form, nothing to do.
    expect(report.skipped[0]!.reason.vi).toBe("Trang tính 'Bản sửa': giống hệt phiếu đơn vị mã U0001 đã có trong sổ tổng hợp (trang 'Đơn vị số 1') nên không chép lại; không cần làm gì.");
    // The new unit's form, its sheet's name taken, comes in under its unit's name.
    expect(report.inserted.map((i) => i.as)).toEqual(["Đơn vị số 3"]);
    const added = double.sheetNames().filter((n) => !before.includes(n));
    expect(added).toEqual(["Đơn vị số 3"]);
  });

  test("insertWorkbooks warns, naming the files, when the forms that come in belong to different indices", async () => {
    const fileOf = async (index?: string) => {
      const source = await layoutAWorkbook(1, index ? { index } : {});
      const wb = new ExcelJS.Workbook();
      for (const s of source.double.workbook.sheets) {
        const ws = wb.addWorksheet(s.name);
        for (const [k, c] of s.cells) if (c.t !== "Empty") ws.getCell(Math.floor(k / 16384) + 1, (k % 16384) + 1).value = c.v as never;
      }
      return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    };
    const { double } = await layoutAWorkbook(1, { index: "undp-hdi" });
    const files = [{ name: "hdi.xlsx", base64: await fileOf("undp-hdi") }, { name: "so-nganh.xlsx", base64: await fileOf() }];
    double.install();
    const report = await new ExcelHost().insertWorkbooks(files);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]!.vi).toContain("hdi.xlsx");
    expect(report.warnings[0]!.vi).toContain("so-nganh.xlsx");
    expect(report.warnings[0]!.en).toContain("so-nganh.xlsx");
  });

  test("on Excel older than 1.13 insertWorkbooks inserts nothing and says why in both languages", async () => {
    const d = createExcelDouble({ requirements: { ExcelApi: "1.12" } }).install();
    d.addSheet("A");
    const report = await new ExcelHost().insertWorkbooks([{ name: "x.xlsx", base64: "AAAA" }]);
    expect(report.inserted).toEqual([]);
    expect(report.message?.vi).toContain("ExcelApi 1.13");
    expect(report.message?.en).toContain("ExcelApi 1.13");
    expect(d.sheetNames()).toEqual(["A"]);
  });
});
