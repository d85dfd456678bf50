/**
 * The demo's results table prints two pages wide, the rank, code, name and category (it ranks
 * within categories) repeated on each: its title, stamp, the lines on the form not scored and the
 * one that says points are shown rounded are merged over those four columns and wrapped, so every
 * page shows them whole. Written to a file, read back, and scored again: each merge is in the file
 * once, never doubled, and a later run rewrites the sheet without a warning.
 */
import JSZip from "jszip";
import type ExcelJS from "exceljs";
import { ROUNDING_NOTE } from "../../core/plan/labels";
import { open, scoreAgain, scoredDemo } from "./test-workbooks";

const RESULTS = "Kết quả";
const TITLE = "Kết quả đánh giá, xếp hạng: Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh) (mau-2023) — Kỳ đánh giá: Năm 2024";
let demo: Uint8Array;

beforeAll(async () => {
  demo = await scoredDemo();
}, 60000);

const score = scoreAgain;

function merges(ws: ExcelJS.Worksheet): string[] {
  return [...((ws.model as unknown as { merges?: string[] }).merges ?? [])].sort();
}

/** The merged ranges the file's results sheet lists (its `<mergeCell>` elements), as written. */
async function mergeCellsInFile(file: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(file);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rid = new RegExp(`<sheet [^>]*name="${RESULTS}"[^>]*r:id="([^"]+)"`).exec(workbook)![1]!;
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1]!;
  const xml = await zip.file(`xl/${target.replace(/^\/?xl\//, "")}`)!.async("string");
  return [...xml.matchAll(/<mergeCell ref="([^"]+)"\s*\/>/g)].map((m) => m[1]!).sort();
}

/** What the results sheet shows of its lines above and below the table: each merge's text, wrapped or not. */
function lines(ws: ExcelJS.Worksheet): { range: string; text: string; wrap: boolean }[] {
  return merges(ws).map((range) => {
    const cell = ws.getCell(range.split(":")[0]!);
    return { range, text: String(cell.value && typeof cell.value === "object" && "result" in cell.value ? cell.value.result : cell.value), wrap: cell.alignment?.wrapText === true };
  });
}

test("the demo's results, two pages wide: title, stamp and the line on the form not scored are merged over A–D, wrapped, in rows tall enough", async () => {
  const wb = await open(demo);
  const ws = wb.getWorksheet(RESULTS)!;
  // 20 units on rows 4–23, an empty row, the heading and the form's line; an empty row, and the
  // line that says points are shown rounded (some units' group points do not add up to their total as shown).
  expect(merges(ws)).toEqual(["A1:D1", "A25:D25", "A26:D26", "A28:D28", "A2:D2"]);
  expect(await mergeCellsInFile(demo)).toEqual(["A1:D1", "A25:D25", "A26:D26", "A28:D28", "A2:D2"]);
  const shown = lines(ws);
  expect(shown.find((l) => l.range === "A1:D1")!.text).toBe(TITLE);
  expect(shown.find((l) => l.range === "A25:D25")!.text).toBe("1 phiếu chưa được chấm:");
  expect(shown.find((l) => l.range === "A26:D26")!.text).toMatch(/^– Trang tính 'Đài Phát thanh và Truyền hình…', ô B2: .*hãy sửa mã đơn vị\.$/);
  expect(shown.find((l) => l.range === "A28:D28")!.text).toBe(ROUNDING_NOTE.vi);
  expect(shown.every((l) => l.wrap)).toBe(true);
  // The title takes two lines of 14 points over A–D, the stamp and the line more than one of 11.
  expect(ws.getRow(1).height).toBeGreaterThanOrEqual(2 * 15 * (14 / 11));
  for (const r of [2, 26, 28]) expect(ws.getRow(r).height).toBeGreaterThanOrEqual(2 * 15);
  // The table below the title is not merged: its header row stays a row of cells.
  expect(ws.getCell("B3").value).toBe("Mã sở, ban, ngành");
  expect(ws.getCell("B3").isMerged).toBe(false);
});

test("scored again, and again: the same merges, each once in the file, and no warning about cells overwritten", async () => {
  const first = await open(demo);
  const before = lines(first.getWorksheet(RESULTS)!);
  const second = await score(demo);
  expect(second.warnings).toEqual([]);
  const third = await score(second.out);
  expect(third.warnings).toEqual([]);
  for (const out of [second.out, third.out]) {
    expect(await mergeCellsInFile(out)).toEqual(["A1:D1", "A25:D25", "A26:D26", "A28:D28", "A2:D2"]);
    const ws = (await open(out)).getWorksheet(RESULTS)!;
    expect(lines(ws).map((l) => [l.range, l.wrap])).toEqual(before.map((l) => [l.range, l.wrap]));
    expect(ws.getCell("A1").value).toBe(TITLE);
  }
});
