/**
 * The charts' legends after LibreOffice saves the scored workbook as .xls (Excel 97) and back:
 * each series keeps its name (a group's, a unit's, "Tổng điểm"), not "Column B… Column H", because
 * the project names each series by the cell that holds its name, which that format keeps.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { XLSX, convert } from "./soffice";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-names-"));
const sink = { write: (_: string) => true };

/** The series' names of each chart part (its c:tx's cached or literal text; "" for none), in part order. */
async function seriesNames(file: string): Promise<string[][]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts = Object.keys(zip.files)
    .filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  const out: string[][] = [];
  for (const part of parts) {
    const xml = await zip.file(part)!.async("string");
    out.push([...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => {
      const tx = /<c:tx>([\s\S]*?)<\/c:tx>/.exec(m[1]!)?.[1] ?? "";
      return [...tx.matchAll(/<c:v>([\s\S]*?)<\/c:v>/g)].map((v) => v[1]).join(" ");
    }));
  }
  return out;
}

test("the scored demo saved by LibreOffice as .xls and back to .xlsx: every chart's series keep their names", async () => {
  expect(await main(["demo", "--out", dir], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })).toBe(0);
  const scored = join(dir, "ket-qua.xlsx");
  const before = await seriesNames(scored);
  expect(before.flat()).toEqual(expect.arrayContaining(["Tổng điểm", "Nhận thức số", "Trung bình"]));
  const xlsDir = join(dir, "xls");
  expect(convert(scored, "xls", xlsDir)).toEqual(["ket-qua.xls"]);
  const backDir = join(dir, "back");
  expect(convert(join(xlsDir, "ket-qua.xls"), XLSX, backDir)).toEqual(["ket-qua.xlsx"]);
  const after = await seriesNames(join(backDir, "ket-qua.xlsx"));
  expect(after).toEqual(before);
});
