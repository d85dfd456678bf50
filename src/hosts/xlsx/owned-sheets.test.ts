/**
 * The project's own sheets (`Kết quả`, `Biểu đồ`, the hidden `_index`) in an .xlsx file an analyst
 * scores a second time: what they typed beside the table stays, a sheet they
 * protected with a password stops the run before anything is written, one protected without a
 * password stays protected as it was, and the sheets stay where and as the analyst put them.
 */
import { readIndexSheet } from "../../core/plan/index-sheet";
import { INDEX_SHEET, RESULTS_TABLE } from "../../core/plan/labels";
import { DEMO_DEFINITION, DEMO_UNITS } from "../../core/plan/test-fixtures";
import { PipelineError, runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { snapshotWorkbook } from "./read";
import { demoForms, edit, open } from "./test-workbooks";

const FIRST = new Date("2024-06-01T00:00:00Z");
const SECOND = new Date("2024-06-08T00:00:00Z");


async function score(file: Uint8Array, now = FIRST) {
  const host = await XlsxHost.fromBuffer(file, "bao-cao.xlsx");
  const result = await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "0.1.0", now });
  return { out: await host.toBuffer(), host, result };
}

/** The sheets of a file in order, each with how it is shown. */
async function tabs(file: Uint8Array): Promise<[string, string][]> {
  return (await open(file)).worksheets.map((w) => [w.name, w.state]);
}

describe("cells the analyst typed beside the results table", () => {
  test("a column typed beside the table and a line typed under it stay as they were, and nothing is said", async () => {
    const first = await score(await demoForms());
    let column = 0;
    const typed = await edit(first.out, (wb) => {
      const ws = wb.getWorksheet("Kết quả")!;
      const width = ws.getTable(RESULTS_TABLE) ? ws.getRow(3).cellCount : 0;
      column = width + 1;
      ws.getCell(3, column).value = "Nhận xét của Hội đồng";
      for (let r = 4; r <= 6; r++) ws.getCell(r, column).value = `Ý kiến ${r - 3}`;
      ws.getCell("B7").value = "Ghi chú";
      ws.getCell("C7").value = "Cần xác minh lại số liệu";
    });
    const second = await score(typed, SECOND);
    expect(second.host.lastApply!.warnings).toEqual([]);
    const ws = (await open(second.out)).getWorksheet("Kết quả")!;
    expect([3, 4, 5, 6].map((r) => ws.getCell(r, column).value)).toEqual(["Nhận xét của Hội đồng", "Ý kiến 1", "Ý kiến 2", "Ý kiến 3"]);
    expect([ws.getCell("B7").value, ws.getCell("C7").value]).toEqual(["Ghi chú", "Cần xác minh lại số liệu"]);
    const third = await score(second.out, SECOND);
    expect(third.host.lastApply!.warnings).toEqual([]);
  });
});

describe("an owned sheet protected with a password", () => {
  for (const sheet of ["Kết quả", "Biểu đồ"]) {
    test(`'${sheet}': the run stops before anything is written, with one sentence naming the sheet`, async () => {
      const first = await score(await demoForms());
      const locked = await edit(first.out, (wb) => {
        void wb.getWorksheet(sheet)!.protect("mật khẩu", { formatColumns: true, spinCount: 1000 } as never);
        // An input changed since: the workbook must not claim to be scored with it.
        wb.getWorksheet(DEMO_UNITS[0]!.code)!.getCell("D8").value = 10;
      });
      const host = await XlsxHost.fromBuffer(locked, "bao-cao.xlsx");
      const before = JSON.stringify(snapshotWorkbook(host.workbook));
      const failure = await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "0.1.0", now: SECOND }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(PipelineError);
      const message = (failure as PipelineError).userMessage;
      expect(message.vi).toBe(`Trang '${sheet}' của DTI Scorer được bảo vệ bằng mật khẩu nên chưa có gì được ghi; hãy bỏ bảo vệ trang này (trong Excel: Xem lại > Bỏ bảo vệ trang tính; trong LibreOffice: bỏ chọn Công cụ > Bảo vệ trang tính) rồi chấm điểm lại.`);
      expect(message.en).toBe(`DTI Scorer's sheet '${sheet}' is protected with a password, so nothing was written; unprotect it (in Excel: Review > Unprotect Sheet; in LibreOffice: untick Tools > Protect Sheet) and score again.`);
      // Nothing changed: not a cell, not the stamp, not the protection.
      expect(JSON.stringify(snapshotWorkbook(host.workbook))).toBe(before);
      const wb = await open(await host.toBuffer());
      expect(readIndexSheet(snapshotWorkbook(wb))!.provenance!.scoredAt).toBe(FIRST.toISOString());
      const protection = (wb.getWorksheet(sheet) as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
      expect(protection.hashValue).toBeDefined();
    });
  }
});

describe("an owned sheet protected without a password", () => {
  test("is written and protected again with the same settings", async () => {
    const first = await score(await demoForms());
    const protectedFile = await edit(first.out, (wb) => {
      void wb.getWorksheet("Kết quả")!.protect("", { formatColumns: true, sort: true, autoFilter: true });
      wb.getWorksheet(DEMO_UNITS[2]!.code)!.getCell("D8").value = false;
    });
    const settings = (await open(protectedFile)).getWorksheet("Kết quả") as unknown as { sheetProtection: Record<string, unknown> };
    const second = await score(protectedFile, SECOND);
    expect(second.host.lastApply!.warnings).toEqual([]);
    const wb = await open(second.out);
    const ws = wb.getWorksheet("Kết quả")!;
    expect((ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection).toEqual(settings.sheetProtection);
    expect(ws.getCell("A2").text).toContain("08/06/2024");
    expect(readIndexSheet(snapshotWorkbook(wb))!.provenance!.scoredAt).toBe(SECOND.toISOString());
  });
});

describe("how the analyst arranged the sheets", () => {
  test("the first run puts the results first and the charts after them, shown, and _index very hidden", async () => {
    const first = await score(await demoForms());
    expect(await tabs(first.out)).toEqual([
      ["Kết quả", "visible"],
      ["Biểu đồ", "visible"],
      ...DEMO_UNITS.map((u): [string, string] => [u.code, "visible"]),
      [INDEX_SHEET, "veryHidden"],
    ]);
  });

  test("a later run keeps a sheet moved to the front there, a hidden Biểu đồ hidden, and _index very hidden", async () => {
    const first = await score(await demoForms());
    const arranged = await edit(first.out, (wb) => {
      const order = [DEMO_UNITS[2]!.code, "Kết quả", DEMO_UNITS[0]!.code, DEMO_UNITS[1]!.code, "Biểu đồ", INDEX_SHEET];
      for (const w of wb.worksheets) (w as unknown as { orderNo: number }).orderNo = order.indexOf(w.name) + 1;
      wb.getWorksheet("Biểu đồ")!.state = "hidden";
      // Shown by some tool: the project's bookkeeping goes back out of sight.
      wb.getWorksheet(INDEX_SHEET)!.state = "visible";
    });
    const expected: [string, string][] = [
      [DEMO_UNITS[2]!.code, "visible"],
      ["Kết quả", "visible"],
      [DEMO_UNITS[0]!.code, "visible"],
      [DEMO_UNITS[1]!.code, "visible"],
      ["Biểu đồ", "hidden"],
      [INDEX_SHEET, "veryHidden"],
    ];
    const second = await score(arranged, SECOND);
    expect(await tabs(second.out)).toEqual(expected);
    // Written all the same: the results and the charts of this run.
    const wb = await open(second.out);
    expect(wb.getWorksheet("Kết quả")!.getTable(RESULTS_TABLE)).toBeDefined();
    expect(readIndexSheet(snapshotWorkbook(wb))!.provenance!.scoredAt).toBe(SECOND.toISOString());
    expect(await tabs((await score(second.out, SECOND)).out)).toEqual(expected);
  });

  test("a charts sheet the analyst deleted comes back after the results, wherever they are", async () => {
    const first = await score(await demoForms());
    const arranged = await edit(first.out, (wb) => {
      wb.removeWorksheet(wb.getWorksheet("Biểu đồ")!.id);
      const order = [DEMO_UNITS[0]!.code, DEMO_UNITS[1]!.code, "Kết quả", DEMO_UNITS[2]!.code, INDEX_SHEET];
      for (const w of wb.worksheets) (w as unknown as { orderNo: number }).orderNo = order.indexOf(w.name) + 1;
    });
    const second = await score(arranged, SECOND);
    expect((await tabs(second.out)).map(([n]) => n)).toEqual([DEMO_UNITS[0]!.code, DEMO_UNITS[1]!.code, "Kết quả", "Biểu đồ", DEMO_UNITS[2]!.code, INDEX_SHEET]);
  });
});
