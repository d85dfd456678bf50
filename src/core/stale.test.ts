/**
 * Results older than the workbook's inputs, as every host sees them (the Excel host and the pane
 * call staleResults without the definition in use), and the sentences the core writes for them.
 * Workbooks are real .xlsx files, scored, written and read back.
 */
import ExcelJS from "exceljs";
import { XlsxHost } from "../hosts/xlsx/host";
import { BUILTIN_INDICES } from "../indices";
import { parseDefinition } from "./definition";
import { DEMO_DEFINITION, DEMO_UNITS, layoutAGrid } from "./plan/test-fixtures";
import { formsOfAnotherIndexMessage, runScoring } from "./pipeline";
import { staleMessage, staleResults } from "./stale";

const base = { lang: "vi" as const, projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") };
const NEXT = { ...DEMO_DEFINITION, version: "2025" };
const advice = { vi: "Hãy chấm điểm lại.", en: "Score again." };

/** The demo units' forms, scored with DEMO_DEFINITION, then `change`d and written again: the workbook a user reopens. */
async function scoredThenChanged(change: (wb: ExcelJS.Workbook) => void): Promise<XlsxHost> {
  const wb = new ExcelJS.Workbook();
  for (const u of DEMO_UNITS) {
    const ws = wb.addWorksheet(u.code);
    layoutAGrid(u).forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
  }
  const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
  await runScoring(host, { ...base, definition: DEMO_DEFINITION });
  const scored = new ExcelJS.Workbook();
  await scored.xlsx.load((await host.toBuffer()) as unknown as ArrayBuffer);
  change(scored);
  return XlsxHost.fromBuffer(new Uint8Array(await scored.xlsx.writeBuffer()));
}

/** Every form (or those of `only`) names `text` in its `Bộ chỉ số` cell (B4). */
const relabel = (text: string, only?: string[]) => (wb: ExcelJS.Workbook) => {
  for (const u of DEMO_UNITS) if (!only || only.includes(u.code)) wb.getWorksheet(u.code)!.getCell("B4").value = text;
};

describe("staleResults", () => {
  test("forms relabelled for the next version are units whose form changed, not units gone (as the Excel host asks, without the definition in use)", async () => {
    const host = await scoredThenChanged(relabel("demo-dti@2025"));
    const stale = staleResults(await host.read())!;
    expect(stale).toMatchObject({ changed: ["SO-01", "SO-02", "SO-03"], otherIndex: ["SO-01", "SO-02", "SO-03"], added: [], removed: [] });
    expect(stale.scoredWith).toBeUndefined();
    expect(stale.names["SO-03"]).toBe("Sở Tài chính");
    const m = staleMessage(stale, (k) => stale.names[k] ?? k, advice);
    expect(m.vi).toMatch(/^Kết quả đã cũ: 3 đơn vị có phiếu đã đổi sang bộ chỉ số khác từ lần chấm điểm \d\d\/\d\d\/2024 \(Sở Thông tin và Truyền thông, .*, Sở Tài chính\)\. Hãy chấm điểm lại\.$/);
    expect(m.en).toMatch(/^The results are out of date: 3 units' forms were changed to another index since they were scored on /);
  });

  test("a table of units (layout B): a unit's category changed, or its code changed only in case, is said as the workbook's own line says it", async () => {
    const definition = { ...DEMO_DEFINITION, categories: [...DEMO_DEFINITION.categories, { id: "huyen", name: { vi: "UBND cấp huyện", en: "Districts" } }] };
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Bảng");
    ws.addRow(["Mã đơn vị", "Đơn vị", "1.1", "1.2.a", "1.2.b", "2.1", "Nhóm"]);
    ws.addRow(["so-tc", "Sở Tài chính", "Có", 90, 100, 0.9, "Sở, ban, ngành"]);
    ws.addRow(["H01", "Huyện Một", "Không", 40, 100, 0.5, "UBND cấp huyện"]);
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    await runScoring(host, { ...base, definition });
    const changed = async (cell: string, value: string) => {
      const scored = new ExcelJS.Workbook();
      await scored.xlsx.load((await host.toBuffer()) as unknown as ArrayBuffer);
      scored.getWorksheet("Bảng")!.getCell(cell).value = value;
      return staleResults(await (await XlsxHost.fromBuffer(new Uint8Array(await scored.xlsx.writeBuffer()))).read());
    };
    expect(await changed("G3", "Sở, ban, ngành")).toMatchObject({ changed: ["H01"], added: [], removed: [] });
    expect(await changed("A2", "SO-TC")).toMatchObject({ changed: [], added: ["SO-TC"], removed: ["so-tc"] });
  });

  test("with the definition in use given, results scored with another version say which two versions", async () => {
    const host = await scoredThenChanged(relabel("demo-dti@2025"));
    const snapshot = await host.read();
    const run = await runScoring(host, { ...base, definition: NEXT, write: false });
    const model = parseDefinition(NEXT);
    if (!model.ok) throw new Error("NEXT does not parse");
    const stale = staleResults(snapshot, { model: model.model, submissions: run.submissions, issues: run.issues })!;
    expect(stale.scoredWith).toMatchObject({ id: "demo-dti", version: "2024" });
    expect(stale.removed).toEqual([]);
    expect(staleMessage(stale, (k) => k, advice)).toEqual({
      vi: 'Kết quả trong sổ được chấm theo bộ chỉ số "Bộ chỉ số thử nghiệm" phiên bản 2024; bộ chỉ số đang dùng là phiên bản 2025: hãy chấm điểm lại.',
      en: 'The results in the workbook were scored with the index "Demo index" version 2024; the index in use is version 2025: score again.',
    });
  });

  test("one form relabelled beside a changed figure: both said, each with its unit", async () => {
    const host = await scoredThenChanged((wb) => {
      relabel("demo-dti@2025", ["SO-02"])(wb);
      wb.getWorksheet("SO-03")!.getCell("D8").value = true; // 1.1 of Sở Tài chính: Không → Có
    });
    const stale = staleResults(await host.read())!;
    expect(stale).toMatchObject({ changed: ["SO-03", "SO-02"], otherIndex: ["SO-02"], removed: [] });
    expect(staleMessage(stale, (k) => stale.names[k] ?? k, advice).vi).toMatch(
      /^Kết quả đã cũ: từ lần chấm điểm \d\d\/\d\d\/2024, 1 đơn vị đã thay đổi số liệu \(Sở Tài chính\); 1 đơn vị có phiếu đã đổi sang bộ chỉ số khác \(.*\)\. Hãy chấm điểm lại\.$/,
    );
  });
});

describe("formsOfAnotherIndexMessage", () => {
  test("names a built-in index by its name and version, and the index in use by its version when it is the same index", () => {
    const builtin = BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!;
    const def = builtin.definition as { version: string; name: { vi: string; en: string } };
    const next = { ...def, version: "moi" };
    const m = formsOfAnotherIndexMessage([`dti-so-nganh-mau@${def.version}`], next, "files", BUILTIN_INDICES.map((b) => b.definition))!;
    expect(m.vi).toBe(
      `Các phiếu trong các tệp đã chọn được lập theo bộ chỉ số "${def.name.vi}" phiên bản ${def.version}, không phải bộ chỉ số đang dùng (phiên bản moi), nên chưa chép trang nào vào sổ.`,
    );
    expect(m.en).toBe(
      `The forms in the chosen files were made for the index "${def.name.en}" version ${def.version}, not the index in use (version moi), so no sheet was copied into the workbook.`,
    );
    // Forms of the index in use (by id alone, or id@version) are no other index.
    expect(formsOfAnotherIndexMessage(["dti-so-nganh-mau", "dti-so-nganh-mau@moi"], next, "workbook")).toBeUndefined();
  });

  test("an index of the same name but another id is told apart by id@version", () => {
    const mine = { ...DEMO_DEFINITION, id: "demo-cua-tinh" };
    const m = formsOfAnotherIndexMessage(["demo-dti@2024"], mine, "workbook", [DEMO_DEFINITION])!;
    expect(m.vi).toBe(
      'Các phiếu trong sổ được lập theo bộ chỉ số "Bộ chỉ số thử nghiệm" (demo-dti@2024), không phải bộ chỉ số đang dùng "Bộ chỉ số thử nghiệm" (demo-cua-tinh@2024), nên chưa đọc được phiếu nào.',
    );
  });
});
