/** Collecting units' forms from other files into the workbook open in Excel (insertWorksheetsFromBase64). */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ExcelHost, REQUEST_BUDGET } from "../../src/hosts/excel";
import { RESPONSE_BUDGET } from "../../src/hosts/excel/payload";
import { MAX_INSERT_BASE64 } from "../../src/hosts/excel/collect";
import { collectFiles } from "../../src/hosts/xlsx/collect";
import { createExcelDouble } from "../excel-double";
import { importers, Workbook, WEB_UNSUPPORTED_INSERT, DoubleError } from "../excel-double/api";
import { departmentModel, layoutAWorkbook, templateBytes } from "./fixtures";

/** A unit's form as a file: one sheet of the given name holding the layout-A table of unit `u`. */
async function formFile(sheetName: string, u: number, options: { corrected?: boolean; marked?: boolean } = {}): Promise<string> {
  const source = await layoutAWorkbook(u + 1, { index: "undp-hdi" });
  const form = source.double.workbook.sheets.filter((s) => [...s.cells.values()].some((c) => c.v === "Số liệu"))[u]!;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const [k, c] of form.cells) if (c.t !== "Empty") ws.getCell(Math.floor(k / 16384) + 1, (k % 16384) + 1).value = c.v as never;
  if (options.corrected) {
    // The unit's figure for its first indicator, corrected: one more than it sent before.
    const header = [...form.cells].find(([, c]) => c.v === "Số liệu")![0];
    const sent = Number(form.cells.get(header + 16384)?.v);
    if (!Number.isFinite(sent)) throw new Error("the form's first figure is not a number");
    ws.getCell(Math.floor(header / 16384) + 2, (header % 16384) + 1).value = sent + 1;
  }
  // A form a check marked: a note on a cell, as the scorer marks them.
  if (options.marked) ws.getCell("A1").note = "DTI Scorer: kiểm tra lại ô này.";
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

/** A unit's form as a file of `length` characters of base64 (to the 4 of a base64 group): the form with a stored (uncompressed) part of padding. */
async function paddedFormFile(sheetName: string, u: number, length: number): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(await formFile(sheetName, u), "base64"));
  let pad = 0;
  for (let tries = 0; tries < 10 && pad >= 0; tries++) {
    zip.file("xl/media/padding.bin", Buffer.alloc(pad), { compression: "STORE" });
    const base64 = Buffer.from(await zip.generateAsync({ type: "uint8array" })).toString("base64");
    const short = length - base64.length;
    if (short >= 0 && short < 4) return base64;
    pad += Math.trunc((short * 3) / 4) || Math.sign(short);
  }
  throw new Error(`no form file of ${length} characters of base64`);
}

/** The template with a figure typed into each form's first `Số liệu` cell: forms that are not blank. */
async function filledTemplate(bytes: Uint8Array): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  for (const ws of wb.worksheets) {
    ws.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        if (cell.value === "Số liệu") ws.getCell(r + 2, c).value = 1;
      });
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("collecting forms into Excel", () => {
  test("a file Excel refuses and a file too large are left out with a reason each; the others come in under the names planned", async () => {
    const { double } = await layoutAWorkbook(1, { index: "undp-hdi" });
    const taken = double.workbook.sheets.find((s) => s.visibility === "Visible" && [...s.cells.values()].some((c) => c.v === "Số liệu"))!.name;
    const files = [
      { name: "a.xlsx", base64: await formFile(taken, 1) },
      { name: "hong.xlsx", base64: await formFile("Đơn vị hỏng", 2) },
      // Excel keeps the double space; the plan's name has one, and the sheet is renamed to it by its id.
      { name: "c.xlsx", base64: await formFile("Đơn  vị C", 3) },
      { name: "lon.xlsx", base64: "A".repeat(5 * 1024 * 1024) },
    ];
    double.install();
    // Excel refuses this one file (as it does a file with content it cannot insert).
    const importer = importers.xlsx!;
    importers.xlsx = async (base64) => {
      if (base64 === files[1]!.base64) throw new Error("refused");
      return importer(base64);
    };
    const before = double.sheetNames();
    let report;
    try {
      report = await new ExcelHost().insertWorkbooks(files);
    } finally {
      importers.xlsx = importer;
    }
    expect(report.message).toBeUndefined();
    const added = double.sheetNames().filter((n) => !before.includes(n));
    // The form whose sheet name is taken comes in as the plan named it (after its unit, "Đơn vị số 2");
    // the refused one does not come in.
    expect(report.inserted.map((i) => [i.file, i.as])).toEqual([["a.xlsx", "Đơn vị số 2"], ["c.xlsx", "Đơn vị C"]]);
    expect(added).toEqual(["Đơn vị số 2", "Đơn vị C"]);
    const reasons = new Map(report.skipped.map((s) => [s.file, s.reason]));
    expect(reasons.get("hong.xlsx")?.vi).toContain('Excel không chèn được tệp "hong.xlsx"');
    expect(reasons.get("hong.xlsx")?.en).toContain('could not insert the file "hong.xlsx"');
    expect(reasons.get("lon.xlsx")?.vi).toMatch(/Tệp "lon.xlsx" quá lớn để chèn qua Excel \(3,8 MB; tối đa khoảng 3,0 MB\)/);
    expect(reasons.get("lon.xlsx")?.en).toMatch(/The file "lon.xlsx" is too large to insert through Excel \(3.8 MB; about 3.0 MB at most\)/);
    expect(double.requests.every((r) => r.ok || r.bytes < 5 * 1024 * 1024)).toBe(true);
  }, 60_000);

  test("a file goes in when its insert fits in a request under the 4 MB budget; a larger one is left out with what to do", async () => {
    const d = createExcelDouble().install();
    d.addSheet("Sheet1");
    const files = [
      { name: "vua.xlsx", base64: await paddedFormFile("Đơn vị A", 0, MAX_INSERT_BASE64) },
      // Under the 4.5 MB the host took before, over what a 4 MB request carries.
      { name: "lon.xlsx", base64: await paddedFormFile("Đơn vị B", 1, MAX_INSERT_BASE64 + 200_000) },
    ];
    d.resetCounters();
    const report = await new ExcelHost().insertWorkbooks(files);
    expect(report.inserted.map((i) => i.as)).toEqual(["Đơn vị A"]);
    expect(d.sheetNames()).toEqual(["Sheet1", "Đơn vị A"]);
    expect(report.skipped.map((k) => [k.file, k.reason.en])).toEqual([
      ["lon.xlsx", 'The file "lon.xlsx" is too large to insert through Excel (3.1 MB; about 3.0 MB at most), so it was not inserted. Collect it with the dti-scorer collect command or copy its sheets by hand; the other files were still inserted.'],
    ]);
    expect(report.skipped[0]!.reason.vi).toContain('Tệp "lon.xlsx" quá lớn để chèn qua Excel (3,1 MB; tối đa khoảng 3,0 MB) nên chưa được chèn. Hãy tổng hợp tệp này bằng lệnh dti-scorer collect');
    expect(Math.max(...d.requests.map((r) => r.bytes))).toBeGreaterThan(MAX_INSERT_BASE64);
    expect(d.requests.every((r) => r.ok && r.bytes <= REQUEST_BUDGET)).toBe(true);
  }, 60_000);

  test("into a workbook of 680 sheets, the tops of its sheets are read in requests whose responses stay under the budget, none refused", async () => {
    // Each sheet's top (A1:Z40) is about 7.7 KB of response, as a form's is 6 KB: 5.2 MB in all.
    const d = createExcelDouble().install();
    const head = Array.from({ length: 40 }, (_, r) => Array.from({ length: 10 }, (_, c) => `Nội dung ${r}-${c} ô`));
    for (let i = 0; i < 680; i++) d.addSheet(`Trang ${i + 1}`, head);
    const file = { name: "c.xlsx", base64: await formFile("Đơn vị C", 1) };
    d.resetCounters();
    const report = await new ExcelHost().insertWorkbooks([file]);
    expect(report.inserted.map((i) => i.as)).toEqual(["Đơn vị C"]);
    expect(d.requests.every((r) => r.ok && r.responseBytes <= RESPONSE_BUDGET)).toBe(true);
  }, 60_000);

  test("a workbook whose structure is protected inserts nothing and says why", async () => {
    const { double } = await layoutAWorkbook(1, { index: "undp-hdi" });
    double.workbook.protection = { protected: true, password: null };
    double.install();
    const before = double.sheetNames();
    const report = await new ExcelHost().insertWorkbooks([{ name: "c.xlsx", base64: await formFile("Đơn vị C", 1) }]);
    expect(report.inserted).toEqual([]);
    expect(report.message?.vi).toContain("bảo vệ cấu trúc");
    expect(report.message?.en).toContain("structure is protected");
    expect(double.sheetNames()).toEqual(before);
  }, 60_000);

  test("a form of a unit that already has one is left out with the file mode's reason, not inserted as a second sheet", async () => {
    const { double } = await layoutAWorkbook(2, { index: "undp-hdi" });
    // The unit U0001 sends a corrected form; U0003 is new.
    const files = [
      { name: "sua.xlsx", base64: await formFile("Đơn vị số 1", 0, { corrected: true }) },
      { name: "moi.xlsx", base64: await formFile("Đơn vị số 3", 2) },
    ];
    double.install();
    const before = double.sheetNames();
    const report = await new ExcelHost().insertWorkbooks(files);
    expect(report.inserted.map((i) => [i.file, i.as])).toEqual([["moi.xlsx", "Đơn vị số 3"]]);
    expect(double.sheetNames()).toEqual([...before, "Đơn vị số 3"]);
    expect(report.skipped.map((s) => [s.file, s.reason.vi])).toEqual([
      [
        "sua.xlsx",
        "Trang tính 'Đơn vị số 1': đơn vị mã U0001 đã có phiếu điền số liệu trong sổ tổng hợp (trang 'Đơn vị số 1') nên phiếu này không được lấy, để không ghi đè lên phiếu đó và số liệu hội đồng đã nhập vào (nếu có). Muốn dùng phiếu này, hãy xóa trang 'Đơn vị số 1' khỏi sổ tổng hợp (hoặc chuyển sang sổ khác nếu cần giữ lại) rồi tổng hợp lại tệp này.",
      ],
    ]);
    // The command line's collection, into the same workbook as a file, says the same.
    const { model } = departmentModel("undp-hdi");
    const base = await filledTemplate(await templateBytes(model, 2));
    const file = await collectFiles(files.map((f) => ({ name: f.name, data: Buffer.from(f.base64, "base64") })), base);
    expect(report.skipped).toEqual(file.report.skipped);
    expect(report.inserted.map((i) => i.as)).toEqual(file.report.take.map((t) => t.as));
  }, 60_000);

  test("a unit's form sent again unchanged is said to be the same form, nothing to do, read whole from the workbook in a constant number of requests", async () => {
    const again = [{ name: "gui-lai.xlsx", base64: await formFile("Đơn vị số 1", 0) }];
    const syncsFor = async (units: number) => {
      const { double } = await layoutAWorkbook(units, { index: "undp-hdi" });
      double.install();
      const before = double.sheetNames();
      const from = double.syncCount;
      const report = await new ExcelHost().insertWorkbooks(again);
      expect(report.inserted).toEqual([]);
      expect(double.sheetNames()).toEqual(before);
      expect(report.skipped.map((s) => [s.file, s.duplicate, s.reason.vi])).toEqual([
        ["gui-lai.xlsx", "same-form", "Trang tính 'Đơn vị số 1': giống hệt phiếu đơn vị mã U0001 đã có trong sổ tổng hợp (trang 'Đơn vị số 1') nên không chép lại; không cần làm gì."],
      ]);
      return double.syncCount - from;
    };
    expect(await syncsFor(2)).toBe(await syncsFor(30));
  }, 60_000);

  test("new forms made for units that already have theirs (“Tạo phiếu” again) add only the new units' sheets", async () => {
    const { double } = await layoutAWorkbook(2, { index: "undp-hdi" });
    const { model } = departmentModel("undp-hdi");
    const template = Buffer.from(await templateBytes(model, 3)).toString("base64");
    double.install();
    const before = double.sheetNames();
    const report = await new ExcelHost().insertWorkbooks([{ name: "phieu.xlsx", base64: template }], model);
    expect(report.inserted.map((i) => i.as)).toEqual(["Đơn vị số 3"]);
    expect(double.sheetNames()).toEqual([...before, "Đơn vị số 3"]);
    expect(report.skipped.map((s) => s.reason.en)).toEqual([
      "Sheet 'Đơn vị số 1': a blank form (nothing filled in); the unit with code U0001 has a filled form in the consolidated workbook, so this blank one is left out.",
      "Sheet 'Đơn vị số 2': a blank form (nothing filled in); the unit with code U0002 has a filled form in the consolidated workbook, so this blank one is left out.",
    ]);
    expect(report.warnings).toEqual([]);
  }, 60_000);

  test("filled forms take the place of the blank ones “Tạo phiếu” put in the workbook, in place and under the same names, in as many requests for two units as for one", async () => {
    const { model } = departmentModel("undp-hdi");
    const blank = await templateBytes(model, 3);
    const run = async (units: number[]) => {
      const double = createExcelDouble();
      await double.loadXlsx(blank);
      const before = double.sheetNames();
      // Each unit's filled form; unit 3 sends its form blank, as the template gave it.
      const files = await Promise.all(units.map(async (u) => ({ name: `u${u + 1}.xlsx`, base64: await formFile(`Đơn vị số ${u + 1}`, u) })));
      files.push({ name: "trong.xlsx", base64: Buffer.from(await templateBytes(model, 3)).toString("base64") });
      double.install();
      double.requests.length = 0;
      const report = await new ExcelHost().insertWorkbooks(files, model);
      return { double, before, report, requests: double.requests.length };
    };
    const one = await run([1]);
    const two = await run([0, 1]);
    expect(two.report.inserted).toEqual([
      { file: "u1.xlsx", sheet: "Đơn vị số 1", as: "Đơn vị số 1", replaces: "Đơn vị số 1" },
      { file: "u2.xlsx", sheet: "Đơn vị số 2", as: "Đơn vị số 2", replaces: "Đơn vị số 2" },
    ]);
    // The same sheets in the same order; the filled forms are where the blank ones were.
    expect(two.double.sheetNames()).toEqual(two.before);
    const value = (name: string) => [...two.double.workbook.sheets.find((s) => s.name === name)!.cells.values()].filter((c) => c.t !== "Empty").length;
    const blankCells = value("Đơn vị số 3");
    expect(value("Đơn vị số 1")).toBeGreaterThan(blankCells);
    expect(value("Đơn vị số 2")).toBeGreaterThan(blankCells);
    // The blank copies in the file sent back are left out: the units are there.
    expect(two.report.skipped.map((s) => [s.file, s.sheet])).toEqual([
      ["trong.xlsx", "Đơn vị số 1"],
      ["trong.xlsx", "Đơn vị số 2"],
      ["trong.xlsx", "Đơn vị số 3"],
    ]);
    expect(two.report.skipped[0]!.reason.vi).toBe("Trang tính 'Đơn vị số 1': phiếu trống (chưa điền số liệu); đơn vị mã U0001 đã có phiếu điền số liệu từ tệp u1.xlsx nên bỏ qua phiếu trống này.");
    expect(one.report.inserted.map((i) => i.as)).toEqual(["Đơn vị số 2"]);
    expect(two.requests).toBe(one.requests);
    // The command line, gathering the same files into the same workbook as a file, does the same.
    const files = await Promise.all([0, 1].map(async (u) => ({ name: `u${u + 1}.xlsx`, data: Buffer.from(await formFile(`Đơn vị số ${u + 1}`, u), "base64") })));
    files.push({ name: "trong.xlsx", data: Buffer.from(await templateBytes(model, 3)) });
    const file = await collectFiles(files, blank, model);
    expect(file.report.take.map((t) => [t.file, t.as, t.replaces])).toEqual(two.report.inserted.map((i) => [i.file, i.as, i.replaces]));
    expect(file.report.skipped).toEqual(two.report.skipped);
  }, 60_000);

  test("forms laid out otherwise, a hidden older copy and a zip that is no .xlsx: the forms the scorer reads come in, as in file mode", async () => {
    const { model } = departmentModel("undp-hdi");
    const edit = async (bytes: Uint8Array, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as never);
      change(wb);
      return new Uint8Array(await wb.xlsx.writeBuffer());
    };
    const forms = (wb: ExcelJS.Workbook) => wb.worksheets.filter((ws) => ws.name.startsWith("Đơn vị số"));
    // Labels merged across A:B, values typed in C, the code column headed "Mã số".
    const merged = await edit(await filledTemplate(await templateBytes(model, 3)), (wb) => {
      for (const ws of forms(wb)) {
        for (let r = 1; r <= 5; r++) {
          ws.getCell(r, 3).value = ws.getCell(r, 2).value;
          ws.getCell(r, 2).value = null;
          ws.mergeCells(r, 1, r, 2);
        }
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.value === "Mã") cell.value = "Mã số";
          }),
        );
      }
    });
    // Unit 4's form, with a hidden older copy of it before it.
    const hidden = await edit(await filledTemplate(await templateBytes(model, 4)), (wb) => {
      for (const ws of forms(wb)) if (ws.name !== "Đơn vị số 4") wb.removeWorksheet(ws.id);
      const current = wb.getWorksheet("Đơn vị số 4")!;
      const old = wb.addWorksheet("Đơn vị số 4 (2023)", { state: "hidden" });
      current.eachRow((row, r) => row.eachCell((cell, c) => (old.getCell(r, c).value = cell.value)));
      (old as unknown as { orderNo: number }).orderNo = (current as unknown as { orderNo: number }).orderNo - 0.5;
    });
    const zip = new JSZip();
    zip.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
    zip.file("content.xml", "<office:document-content/>");
    const ods = await zip.generateAsync({ type: "uint8array" });
    const files = [
      { name: "gop.xlsx", data: merged },
      { name: "u4.xlsx", data: hidden },
      { name: "cc2.xlsx", data: ods },
    ];
    const double = createExcelDouble();
    double.addSheet("Sheet1");
    double.install();
    const report = await new ExcelHost().insertWorkbooks(files.map((f) => ({ name: f.name, base64: Buffer.from(f.data).toString("base64") })), model);
    expect(report.inserted.map((i) => [i.file, i.as])).toEqual([
      ["gop.xlsx", "Đơn vị số 1"],
      ["gop.xlsx", "Đơn vị số 2"],
      ["gop.xlsx", "Đơn vị số 3"],
      ["u4.xlsx", "Đơn vị số 4"],
    ]);
    expect(double.sheetNames()).toEqual(["Sheet1", "Đơn vị số 1", "Đơn vị số 2", "Đơn vị số 3", "Đơn vị số 4"]);
    expect(report.skipped.map((s) => [s.file, s.reason.vi])).toEqual([
      ["cc2.xlsx", expect.stringContaining('Tệp "cc2.xlsx" không phải sổ làm việc Excel (.xlsx) đọc được')],
      ["u4.xlsx", "Trang tính ẩn 'Đơn vị số 4 (2023)': đơn vị mã U0004 đã có phiếu trên trang đang hiện 'Đơn vị số 4' từ tệp u4.xlsx nên bỏ qua trang ẩn này (thường là bản cũ của phiếu)."],
    ]);
    // File mode, gathering the same files, says the same.
    const file = await collectFiles(files, undefined, model);
    expect(file.report.take.map((t) => [t.file, t.as])).toEqual(report.inserted.map((i) => [i.file, i.as]));
    expect(new Set(file.report.skipped.map((s) => s.reason.vi))).toEqual(new Set(report.skipped.map((s) => s.reason.vi)));
  }, 60_000);
  test("forms of units new to the workbook go after the forms already there, not after the user's own sheets, in Excel as in file mode", async () => {
    const { model } = departmentModel("undp-hdi");
    // Two units' forms, then a sheet of the official's own at the end.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateBytes(model, 2)) as never);
    wb.addWorksheet("Ghi chú riêng").getCell("A1").value = "Danh sách gửi email";
    const base = new Uint8Array(await wb.xlsx.writeBuffer());
    const files = [
      { name: "u3.xlsx", data: Buffer.from(await formFile("Đơn vị số 3", 2), "base64") },
      { name: "u4.xlsx", data: Buffer.from(await formFile("Đơn vị số 4", 3), "base64") },
    ];
    const double = createExcelDouble();
    await double.loadXlsx(base);
    const before = double.sheetNames();
    expect(before.slice(-1)).toEqual(["Ghi chú riêng"]);
    double.install();
    const report = await new ExcelHost().insertWorkbooks(files.map((f) => ({ name: f.name, base64: Buffer.from(f.data).toString("base64") })), model);
    expect(report.inserted.map((i) => i.as)).toEqual(["Đơn vị số 3", "Đơn vị số 4"]);
    const expected = [...before.slice(0, before.indexOf("Đơn vị số 2") + 1), "Đơn vị số 3", "Đơn vị số 4", ...before.slice(before.indexOf("Đơn vị số 2") + 1)];
    expect(double.sheetNames()).toEqual(expected);
    expect(double.sheetNames().slice(-1)).toEqual(["Ghi chú riêng"]);
    // The command line gathering the same files into the same workbook puts them in the same places.
    const file = await collectFiles(files, base, model);
    const written = new ExcelJS.Workbook();
    await written.xlsx.load(file.data as never);
    expect(written.worksheets.map((w) => w.name)).toEqual(expected);
    expect(written.getWorksheet("Ghi chú riêng")!.getCell("A1").value).toBe("Danh sách gửi email");
  }, 60_000);

  describe("on Excel on the web, which inserts no sheet that carries notes, comments or charts", () => {
    /** Files of units 1…n: the first `marked` carry a note (forms a check marked), the rest do not. */
    async function files(n: number, marked: number[]): Promise<{ name: string; base64: string }[]> {
      return Promise.all(Array.from({ length: n }, async (_, u) => ({ name: `u${u + 1}.xlsx`, base64: await formFile(`Đơn vị ${u + 1}`, u, { marked: marked.includes(u) }) })));
    }

    test("marked forms are left out, each naming its file, why and what to do; the others come in; as many requests for four marked forms as for one", async () => {
      const run = async (n: number, marked: number[]) => {
        const d = createExcelDouble({ platform: "OfficeOnline" }).install();
        d.addSheet("Sheet1");
        const sent = await files(n, marked);
        d.resetCounters();
        const report = await new ExcelHost().insertWorkbooks(sent);
        return { d, report, syncs: d.syncCount };
      };
      const one = await run(3, [1]);
      expect(one.report.inserted.map((i) => i.file)).toEqual(["u1.xlsx", "u3.xlsx"]);
      expect(one.d.sheetNames()).toEqual(["Sheet1", "Đơn vị 1", "Đơn vị 3"]);
      expect(one.report.skipped.map((k) => k.file)).toEqual(["u2.xlsx"]);
      const reason = one.report.skipped[0]!.reason;
      expect(reason.en).toBe(
        'Excel on the web could not insert the file "u2.xlsx": Excel on the web cannot insert sheets that carry notes or comments, charts, PivotTables or slicers ' +
          `(Excel said: ${WEB_UNSUPPORTED_INSERT.message}). Its sheets were not inserted; the other files were still inserted. ` +
          'To collect it: open the workbook in Excel for desktop (Windows or Mac) and collect again; or delete the notes (and charts) in "u2.xlsx" and collect it again; ' +
          "or collect it with the dti-scorer collect command or with the pane opened in a browser, outside Excel.",
      );
      expect(reason.vi).toContain('Excel trên web không chèn được tệp "u2.xlsx": Excel trên web không chèn được trang tính có ghi chú hay chú thích (note, comment), biểu đồ, PivotTable hoặc slicer');
      expect(reason.vi).toContain("mở sổ làm việc bằng Excel trên máy tính (Windows hoặc Mac) rồi tổng hợp lại");
      expect(reason.vi).toContain('xóa các ghi chú (và biểu đồ) trong tệp "u2.xlsx"');
      expect(reason.vi).toContain("dti-scorer collect");

      const four = await run(6, [0, 2, 3, 5]);
      expect(four.report.inserted.map((i) => i.file)).toEqual(["u2.xlsx", "u5.xlsx"]);
      expect(four.report.skipped.map((k) => k.file)).toEqual(["u1.xlsx", "u3.xlsx", "u4.xlsx", "u6.xlsx"]);
      expect(four.report.skipped.every((k) => k.reason.en.startsWith(`Excel on the web could not insert the file "${k.file}"`))).toBe(true);
      expect(four.syncs).toBe(one.syncs);

      // Excel for Windows inserts the same files, notes and all, as before.
      const desktop = createExcelDouble().install();
      desktop.addSheet("Sheet1");
      const report = await new ExcelHost().insertWorkbooks(await files(6, [0, 2, 3, 5]));
      expect(report.skipped).toEqual([]);
      expect(report.inserted.map((i) => i.file)).toEqual(["u1.xlsx", "u2.xlsx", "u3.xlsx", "u4.xlsx", "u5.xlsx", "u6.xlsx"]);
    }, 120_000);

    test("a marked form whose sheets Excel on the web inserted while it said it failed (office-js#3179) is reported inserted, and the files after it still come in", async () => {
      const sent = await files(3, [1]);
      const d = createExcelDouble().install();
      d.addSheet("Sheet1");
      // Excel inserts u2.xlsx's sheet, then fails the request with the web's refusal.
      const insert = Workbook.prototype.insertWorksheetsFromBase64;
      const spy = jest.spyOn(Workbook.prototype, "insertWorksheetsFromBase64").mockImplementation(function (this: Workbook, base64, options) {
        const result = insert.call(this, base64, options);
        if (base64 === sent[1]!.base64) this._call("insertWorksheetsFromBase64", undefined, () => { throw new DoubleError(WEB_UNSUPPORTED_INSERT.code, WEB_UNSUPPORTED_INSERT.message); });
        return result;
      });
      let report;
      try {
        report = await new ExcelHost().insertWorkbooks(sent);
      } finally {
        spy.mockRestore();
      }
      expect(report.skipped).toEqual([]);
      expect(report.inserted.map((i) => [i.file, i.as])).toEqual([["u1.xlsx", "Đơn vị 1"], ["u2.xlsx", "Đơn vị 2"], ["u3.xlsx", "Đơn vị 3"]]);
      expect(d.sheetNames()).toEqual(["Sheet1", "Đơn vị 1", "Đơn vị 2", "Đơn vị 3"]);
    }, 60_000);
  });
});
