/**
 * The forms as LibreOffice opens them: the instructions' links go to the unit's form inside the
 * workbook (not to a file), in the blank forms and in the scored workbook after two runs; and the
 * not-applicable check of a number input, computed by LibreOffice, lets through every answer the
 * reader takes as not applicable and refuses what it would not read.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { parseDefinition } from "../../src/core/definition";
import { parseCsv } from "../../src/core/read";
import { NOT_APPLICABLE_ANSWERS } from "../../src/core/definition/options";
import { makeTemplate } from "../../src/hosts/xlsx/template";
import { findBuiltin } from "../../src/indices";
import { CSV_ALL_SHEETS, convert, convertCalculated } from "./soffice";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-links-"));
const sink = { write: (_: string) => true };

/** The links of the .ods LibreOffice makes of `file` (its text:a elements): target and text, XML entities read. */
async function odsLinks(file: string, name: string): Promise<{ href: string; text: string }[]> {
  const out = join(dir, `${name}-ods`);
  const written = convert(file, "ods", out);
  const zip = await JSZip.loadAsync(readFileSync(join(out, written.find((f) => f.endsWith(".ods"))!)));
  const content = await zip.file("content.xml")!.async("string");
  const unescape = (s: string): string => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return [...content.matchAll(/<text:a\b[^>]*\bxlink:href="([^"]*)"[^>]*>([^<]*)<\/text:a>/g)].map((m) => ({ href: unescape(m[1]!), text: unescape(m[2]!) }));
}

/** LibreOffice's link to A1 of a sheet of the same document. */
const toSheet = (sheet: string): string => `#'${sheet.replace(/'/g, "''")}'.A1`;

test("the instructions link each unit to its form inside the workbook in LibreOffice: in the blank forms, and in the scored workbook after a second run", async () => {
  const builtin = findBuiltin("dti-so-nganh-mau")!;
  const parsed = parseDefinition(builtin.definition);
  if (!parsed.ok) throw new Error("sample invalid");
  // A unit named with quotes, "=" and "!" keeps a link, and its name stays text.
  const units = [
    { code: "SYT", name: "Sở Y tế", category: "co-dvc" },
    { code: "SXD", name: "Sở Xây dựng", category: "co-dvc" },
    { code: "Q", name: `Ban "Mới" = 1+1 'A'!B2`, category: "khong-dvc" },
  ];
  const blank = join(dir, "phieu.xlsx");
  writeFileSync(blank, await makeTemplate(parsed.model, units, { lang: "vi" }));
  const expected = [
    { href: toSheet("Sở Y tế"), text: "Sở Y tế" },
    { href: toSheet("Sở Xây dựng"), text: "Sở Xây dựng" },
    { href: toSheet(`Ban "Mới" = 1+1 'A'!B2`), text: `Ban "Mới" = 1+1 'A'!B2` },
  ];
  expect(await odsLinks(blank, "blank")).toEqual(expected);

  // Scored twice: the scorer reads and writes the whole workbook each time.
  expect(await main(["score", "phieu.xlsx", "--out", "ket-qua.xlsx"], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })).toBeLessThan(2);
  expect(await main(["score", "ket-qua.xlsx", "--out", "ket-qua-2.xlsx"], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })).toBeLessThan(2);
  const links = await odsLinks(join(dir, "ket-qua-2.xlsx"), "scored");
  // The results sheet has no links of its own: those are the instructions' three, as they were.
  expect(links).toEqual(expected);
  for (const { href } of links) expect(href).not.toMatch(/\.xlsx|%23/);
});

test("LibreOffice computes a number input's check to let through every not-applicable answer the reader takes, and no other text", async () => {
  const definition = {
    format: "index-definition/1",
    id: "kiem-tra-kad",
    version: "1",
    name: "Kiểm tra KAD",
    root: {
      code: "T",
      name: "Tổng",
      children: [{ code: "1", name: "Số hệ thống", max: 10, inputs: [{ code: "1", type: "integer", min: 0, max: 20 }], rule: { kind: "count", pointsEach: 1 }, allowNA: true }],
    },
  };
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await makeTemplate(parsed.model, [{ code: "A", name: "Sở A" }], { lang: "vi" })) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Sở A")!;
  let row = 0;
  ws.eachRow((r, n) => {
    if (r.getCell(1).value === "1" && n > 8) row = n;
  });
  const formula = String(ws.getCell(row, 4).dataValidation?.formulae?.[0]);
  // Each answer in column D of a row far below the table, and the check, its cell renamed, in E.
  const typed: [string | number, boolean][] = [
    ...NOT_APPLICABLE_ANSWERS.flatMap((w): [string, boolean][] => [
      [w, true],
      [w.toUpperCase(), true],
      [` ${w} `, true],
    ]),
    ["Không áp dụng", true],
    ["KHÔNG ÁP DỤNG", true],
    ["N/A", true],
    [5, true],
    [20, true],
    [2.5, false],
    [21, false],
    [-1, false],
    ["không có", false],
    ["5 hệ thống", false],
  ];
  const first = 200;
  typed.forEach(([value, _], i) => {
    const r = first + i;
    ws.getCell(r, 4).value = value;
    ws.getCell(r, 5).value = { formula: formula.replace(new RegExp(`\\bD${row}\\b`, "g"), `D${r}`) };
  });
  const file = join(dir, "kiem-tra.xlsx");
  writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  const out = join(dir, "kiem-tra-csv");
  const csv = convertCalculated(file, CSV_ALL_SHEETS, out).find((f) => f.normalize("NFC").includes("Sở A"))!;
  const rows = parseCsv(readFileSync(join(out, csv))).rows;
  const got = typed.map(([value], i) => [value, rows[first + i - 1]?.[4]]);
  expect(got).toEqual(typed.map(([value, ok]) => [value, ok ? "TRUE" : "FALSE"]));
});
