/**
 * A unit's filled form gathered (`collect`) into a workbook scored before, in place of its blank
 * form: LibreOffice, opening the .xlsx as it does by default (without calculating what the file
 * keeps a result for), shows in the results sheet's subtitle (A2) that the figures of 1 unit
 * changed since the scoring, as the other forms' lines under their summaries say, and as it
 * computes when it calculates everything: not the subtitle that says the results are current.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { parseCsv } from "../../src/core/read";
import { CSV_ALL_SHEETS, convert, convertCalculated } from "./soffice";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-collect-"));
const sink = { write: (_: string) => true };
const run = async (argv: string[]) => expect(await main(argv, { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })).toBe(0);

const UNITS = ["Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "Sở Giáo dục"];

/** The template as unit `sheet` sends it back, a few figures on its own form. */
async function sentBack(sheet: string, to: string, k: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(dir, "mau.xlsx")) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet)!;
  const figures: Record<string, number> = { "1.3.a": 2 * k, "1.3.b": 3 * k, "1.4": 4, "3.1.a": 20, "3.1.b": 25 };
  ws.eachRow((row) => {
    const v = figures[String(row.getCell(1).value)];
    if (v !== undefined) row.getCell(4).value = v;
  });
  writeFileSync(join(dir, to), new Uint8Array(await wb.xlsx.writeBuffer()));
}

beforeAll(async () => {
  writeFileSync(join(dir, "don-vi.csv"), `Mã đơn vị,Đơn vị,Nhóm\n${UNITS.map((n, i) => `DV${i + 1},${n},co-dvc`).join("\n")}\n`);
  await run(["template", "--index", "dti-so-nganh-mau", "--units", "don-vi.csv", "--out", "mau.xlsx"]);
  await sentBack("Sở Nội vụ", "gui-1.xlsx", 1);
  await sentBack("Sở Tài chính", "gui-2.xlsx", 2);
  await sentBack("Sở Xây dựng", "gui-3.xlsx", 3);
  await run(["collect", "gui-1.xlsx", "gui-2.xlsx", "--out", "tong.xlsx"]);
  await run(["score", "tong.xlsx", "--out", "tong.xlsx"]);
  writeFileSync(join(dir, "da-cham.xlsx"), readFileSync(join(dir, "tong.xlsx")));
  await run(["collect", "gui-3.xlsx", "--out", "tong.xlsx"]);
});

/** The results sheet's A2 and, by form, the line under its summary, as LibreOffice shows them (converted by `how`). */
function read(file: string, out: string, how: typeof convert): { status: string; lines: Map<string, string> } {
  const written = how(join(dir, file), CSV_ALL_SHEETS, join(dir, out));
  const rows = (name: string) => parseCsv(readFileSync(join(dir, out, name))).rows;
  const results = written.find((f) => f.normalize("NFC").endsWith("-Kết quả.csv"));
  expect(results).toBeDefined();
  const lines = new Map<string, string>();
  for (const f of written) {
    if (f === results || f.endsWith("-_index.csv")) continue;
    const grid = rows(f);
    for (let r = 0; r < Math.min(grid.length, 10); r++) {
      const c = grid[r]!.findIndex((v) => v === "Tổng điểm");
      if (c < 0) continue;
      let below = r + 1;
      while (["Hạng", "Hạng trong loại"].includes(grid[below]?.[c] ?? "")) below++;
      lines.set(String(grid.find((line) => line[0] === "Đơn vị")?.[1]).normalize("NFC"), grid[below]?.[c] ?? "");
      break;
    }
  }
  return { status: rows(results!)[1]![0]!, lines };
}

const SUBTITLE = /^Chấm điểm ngày \d\d\/\d\d\/\d{4} bằng DTI Scorer .*; 5 sở, ban, ngành\./;
const STALE = /^Số liệu của (\d+) sở, ban, ngành đã được sửa sau lần chấm ngày \d\d\/\d\d\/\d{4}: điểm, hạng và biểu đồ trong sổ này đã cũ\. Hãy chấm điểm lại bằng DTI Scorer\.$/;
const OTHERS_STALE = /^Số liệu của sở, ban, ngành khác đã sửa sau lần chấm ngày \d\d\/\d\d\/\d{4}: điểm và hạng này có thể đã cũ\. Hãy chấm điểm lại\.$/;

test("scored, as written: the subtitle in A2, nothing under the forms' summaries", () => {
  const { status, lines } = read("da-cham.xlsx", "da-cham", convert);
  expect(status).toMatch(SUBTITLE);
  expect([...lines.values()]).toEqual(["", "", "", "", ""]);
});

test("a form gathered since, as written (not calculated): A2 says 1 unit's figures changed, as the other forms say, and as calculating it says", () => {
  const asWritten = read("tong.xlsx", "gom", convert);
  expect(asWritten.status).toMatch(STALE);
  expect(STALE.exec(asWritten.status)![1]).toBe("1");
  // The form gathered has no summary yet; the four others say another unit's figures changed.
  expect([...asWritten.lines.keys()].sort()).toEqual(UNITS.filter((u) => u !== "Sở Xây dựng").sort());
  for (const [unit, line] of asWritten.lines) expect([unit, line]).toEqual([unit, expect.stringMatching(OTHERS_STALE)]);
  const calculated = read("tong.xlsx", "gom-tinh", convertCalculated);
  expect(calculated.status).toBe(asWritten.status);
  expect(calculated.lines).toEqual(asWritten.lines);
});
