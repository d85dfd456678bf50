/**
 * A scored workbook sent to someone without DTI Scorer says on its own, once a figure on a unit's
 * form is changed, that its points, ranks and charts are out of date: LibreOffice computes the
 * line from the copy of the figures kept in `_index`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { parseCsv } from "../../src/core/read";
import { CSV_ALL_SHEETS, convert } from "./soffice";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-changed-"));
const sink = { write: (_: string) => true };

beforeAll(async () => {
  const code = await main(["demo", "--out", dir], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } });
  expect(code).toBe(0);
});

/**
 * The first lines of the results sheet as LibreOffice computes them, after converting `file`,
 * and the flags of `_index` (one a unit: how many of its cells differ from the copy).
 */
function resultsTop(file: string, out: string): { top: string[][]; flags: string[] } {
  const written = convert(join(dir, file), CSV_ALL_SHEETS, join(dir, out));
  const csv = written.find((f) => f.normalize("NFC").includes("Kết quả"));
  const index = written.find((f) => f.endsWith("_index.csv"));
  expect(csv).toBeDefined();
  expect(index).toBeDefined();
  const flags = parseCsv(readFileSync(join(dir, out, index!))).rows.filter((r) => r[0] === "inputs").map((r) => r[2]!);
  return { top: parseCsv(readFileSync(join(dir, out, csv!))).rows.slice(0, 2), flags };
}

const STALE = /^Số liệu của (\d+) đơn vị đã được sửa sau lần chấm ngày \d\d\/\d\d\/\d{4}: điểm, hạng và biểu đồ trong sổ này đã cũ\. Hãy chấm điểm lại bằng DTI Scorer\.$/;

test("LibreOffice shows no stale line on the scored workbook as it is", () => {
  const { top, flags } = resultsTop("ket-qua.xlsx", "csv-as-is");
  // Every unit's flag computed, to 0: nothing in the title's row but the title.
  expect(flags.length).toBeGreaterThanOrEqual(15);
  expect(flags.every((f) => f === "0")).toBe(true);
  expect(top[0]!.filter((c) => c.trim() !== "")).toHaveLength(1);
  // The title is still there, whole.
  expect(top[0]![0]).toMatch(/\S/);
});

test("a figure changed on one unit's form, outside DTI Scorer: LibreOffice shows on the results sheet that 1 unit's figures changed", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(dir, "ket-qua.xlsx")) as unknown as ArrayBuffer);
  // A unit's form: the first sheet with a `Số liệu` column; change its first filled figure.
  let changed = 0;
  for (const ws of wb.worksheets) {
    if (changed > 0 || ws.state !== "visible") continue;
    let valueCol = 0;
    let headerRow = 0;
    ws.eachRow((row, r) => {
      if (headerRow) return;
      row.eachCell((cell, c) => {
        if (String(cell.value).trim() === "Số liệu") {
          valueCol = c;
          headerRow = r;
        }
      });
    });
    if (!valueCol) continue;
    for (let r = headerRow + 1; r <= ws.rowCount && changed === 0; r++) {
      const cell = ws.getCell(r, valueCol);
      if (typeof cell.value === "number") {
        cell.value = cell.value + 7;
        changed++;
      }
    }
  }
  expect(changed).toBe(1);
  writeFileSync(join(dir, "sua.xlsx"), new Uint8Array(await wb.xlsx.writeBuffer()));
  const { top, flags } = resultsTop("sua.xlsx", "csv-changed");
  expect(flags.filter((f) => f !== "0")).toEqual(["1"]);
  const line = top[0]!.find((c) => STALE.test(c));
  expect(line).toBeDefined();
  expect(STALE.exec(line!)![1]).toBe("1");
});
