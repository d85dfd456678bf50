/**
 * The xlsx host, files written and read back: a sheet of the user's made under the project's name
 * after ours was deleted is never written; an old copy of the project's results the user kept
 * keeps its cells; the project's sheets in a file without `_index` are updated in place.
 */
import JSZip from "jszip";
import { readIndexSheet } from "../../core/plan/index-sheet";
import { CHART_NAMES, INDEX_SHEET, RESULTS_TABLE } from "../../core/plan/labels";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { snapshotWorkbook } from "./read";
import { demoForms, edit, open } from "./test-workbooks";

const FIRST = new Date("2024-06-01T00:00:00Z");
const SECOND = new Date("2024-06-08T00:00:00Z");

async function score(file: Uint8Array, now = FIRST) {
  const host = await XlsxHost.fromBuffer(file, "bao-cao.xlsx");
  const result = await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "0.1.0", now });
  return { out: await host.toBuffer(), warnings: host.lastApply?.warnings ?? [], result };
}

/** Each table of a file with the sheet it is on. */
async function tables(file: Uint8Array): Promise<string[]> {
  const wb = await open(file);
  return wb.worksheets.flatMap((w) => Object.values((w as unknown as { tables: Record<string, { table: { name: string } }> }).tables ?? {}).map((t) => `${t.table.name}@${w.name}`)).sort();
}

/** The values of a range of a sheet of a file, as ExcelJS reads them (empty cells as null). */
async function grid(file: Uint8Array, sheet: string, rows: number, columns: number): Promise<unknown[][]> {
  const ws = (await open(file)).getWorksheet(sheet)!;
  return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => ws.getCell(r + 1, c + 1).value ?? null));
}

/** The names of the charts drawn on each sheet of a file, as `name@sheet`. */
async function chartNames(file: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(file);
  const names: string[] = [];
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async("string");
    for (const m of xml.matchAll(/<xdr:graphicFrame\b[\s\S]*?<xdr:cNvPr\b[^>]*?\bname="([^"]*)"/g)) names.push(m[1]!);
  }
  return names.sort();
}

describe("the user's sheets under the project's names (xlsx)", () => {
  test("ours deleted and a `Kết quả` of the user's made: theirs is left as it is, the results go to `Kết quả (2)`, and the warning says so", async () => {
    const first = await score(await demoForms());
    const theirs = await edit(first.out, (wb) => {
      wb.removeWorksheet(wb.getWorksheet("Kết quả")!.id);
      const ws = wb.addWorksheet("Kết quả");
      ws.addRows([["Báo cáo của tôi"], ["ghi chú", "x"], ["a", "b", "c"], [1, 2, 3]]);
    });
    const second = await score(theirs, SECOND);
    expect(await grid(second.out, "Kết quả", 4, 3)).toEqual([["Báo cáo của tôi", null, null], ["ghi chú", "x", null], ["a", "b", "c"], [1, 2, 3]]);
    expect(await tables(second.out)).toEqual([`${RESULTS_TABLE}@Kết quả (2)`]);
    expect(second.warnings.map((w) => w.vi)).toContain("Sổ đã có trang 'Kết quả' không do DTI Scorer tạo: trang này được giữ nguyên, kết quả chấm điểm được ghi vào trang 'Kết quả (2)'.");
  });

  test("ours renamed `KQ cũ` and a `Kết quả` of the user's made: neither is written over; the old copy keeps its cells, no longer a table, named in a warning", async () => {
    const first = await score(await demoForms());
    // The title and the table (A2's formula reads `_index`, rewritten by the run: its cached result goes).
    const before = (await grid(first.out, "Kết quả", 6, 4)).filter((_, r) => r !== 1);
    const kept = await edit(first.out, (wb) => {
      wb.getWorksheet("Kết quả")!.name = "KQ cũ";
      const ws = wb.addWorksheet("Kết quả");
      ws.addRows([["Ghi chú của tôi"], ["số liệu riêng", 123]]);
    });
    const second = await score(kept, SECOND);
    expect(await grid(second.out, "Kết quả", 2, 2)).toEqual([["Ghi chú của tôi", null], ["số liệu riêng", 123]]);
    expect((await grid(second.out, "KQ cũ", 6, 4)).filter((_, r) => r !== 1)).toEqual(before);
    expect(await tables(second.out)).toEqual([`${RESULTS_TABLE}@Kết quả (2)`]);
    const copy = second.warnings.find((w) => w.sheet === "KQ cũ");
    expect(copy?.vi).toBe(
      `Trang 'KQ cũ' có bảng ${RESULTS_TABLE}, một bản kết quả cũ của DTI Scorer mà lần chấm này không ghi lại: bảng đã được chuyển thành các ô thường để bảng kết quả mới trên trang 'Kết quả (2)' mang tên ${RESULTS_TABLE}. Các ô của bảng cũ vẫn giữ nguyên giá trị; các công thức trỏ tới ${RESULTS_TABLE} theo tên nay đọc bảng mới.`,
    );
  });
});

describe("the project's sheets in a file without `_index` (xlsx)", () => {
  test("the results and charts sheets are found again and updated in place: no `(2)` sheets, one set of charts, no warning, a fresh stamp", async () => {
    const first = await score(await demoForms());
    const moved = await edit(first.out, (wb) => wb.removeWorksheet(wb.getWorksheet(INDEX_SHEET)!.id));
    const second = await score(moved, SECOND);
    const wb = await open(second.out);
    expect(wb.worksheets.map((w) => w.name).filter((n) => n.includes("(2)"))).toEqual([]);
    expect(await tables(second.out)).toEqual([`${RESULTS_TABLE}@Kết quả`]);
    expect(await chartNames(second.out)).toEqual(Object.values(CHART_NAMES).sort());
    expect(second.warnings).toEqual([]);
    expect(readIndexSheet(snapshotWorkbook(wb))!.provenance!.scoredAt).toBe(SECOND.toISOString());
  });
});
