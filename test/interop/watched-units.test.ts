/**
 * What a scored workbook's out-of-date lines watch besides the figures, as LibreOffice computes
 * them: in a table of units (layout B) each unit's code, name and category (the category changes
 * what applies to the unit and its rank within its category), and, on forms and in tables alike, a
 * unit code changed only in its letters' case ("so-tc" → "SO-TC": another unit, as DTI Scorer
 * reads codes). A form's own line finds its unit's flag exactly: the forms of units "so-tc" and
 * "SO-TC" each have their own line (a criterion of COUNTIFS ignores case), and so do those of units
 * "01" and "1" (Excel's COUNTIFS takes "01" for the number 1; LibreOffice's does not, so that it
 * shows here only that EXACT keeps them apart there too).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runScoring } from "../../src/core/pipeline";
import { DEMO_DEFINITION, DEMO_UNITS, layoutAGrid } from "../../src/core/plan/test-fixtures";
import { parseCsv } from "../../src/core/read";
import { XlsxHost } from "../../src/hosts/xlsx";
import { demoForms, edit } from "../../src/hosts/xlsx/test-workbooks";
import { CSV_ALL_SHEETS, convertCalculated } from "./soffice";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-watched-"));

/** Two categories, ranks within them: a unit's category changes its rank. */
const DEFINITION = {
  ...DEMO_DEFINITION,
  categories: [
    { id: "so", name: { vi: "Sở, ban, ngành", en: "Departments" } },
    { id: "huyen", name: { vi: "UBND cấp huyện", en: "Districts" } },
  ],
  ranking: { within: "category" },
};

async function score(file: Uint8Array): Promise<Uint8Array> {
  const host = await XlsxHost.fromBuffer(file, "bao-cao.xlsx");
  await runScoring(host, { definition: DEFINITION, lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return host.toBuffer();
}

interface Seen {
  /** What the results sheet's A2 says. */
  a2: string;
  /** `_index`'s flags by unit. */
  flags: Map<string, string>;
  /** Each sheet's cells as LibreOffice shows them. */
  sheets: Map<string, string[][]>;
}

/** `file` saved as `name`, opened and calculated by LibreOffice. */
function calculated(file: Uint8Array, name: string): Seen {
  writeFileSync(join(dir, `${name}.xlsx`), file);
  const out = join(dir, name);
  const written = convertCalculated(join(dir, `${name}.xlsx`), CSV_ALL_SHEETS, out);
  const sheets = new Map(written.map((f) => [f.normalize("NFC").slice(name.length + 1, -4), parseCsv(readFileSync(join(out, f))).rows]));
  const index = sheets.get("_index")!;
  return {
    a2: sheets.get("Kết quả")![1]![0]!,
    flags: new Map(index.filter((r) => r[0] === "inputs").map((r) => [r[1]!, r[2]!])),
    sheets,
  };
}

const SUBTITLE = /^Chấm điểm ngày 01\/06\/2024 bằng DTI Scorer/;
const STALE = /^Số liệu của (\d+) đơn vị đã được sửa sau lần chấm ngày 01\/06\/2024/;
const FORM_STALE = /^Số liệu đã sửa sau lần chấm ngày 01\/06\/2024: điểm và hạng này đã cũ\. Hãy chấm điểm lại\.$/;
/** The line of every other form: its rank may be out of date (the index has no rule comparing units). */
const OTHERS_STALE = "Số liệu của đơn vị khác đã sửa sau lần chấm ngày 01/06/2024: hạng này có thể đã cũ. Hãy chấm điểm lại.";

/** The units whose flag LibreOffice computed above 0. */
function up(seen: Seen): string[] {
  return [...seen.flags].filter(([, f]) => f !== "0").map(([u]) => u);
}

describe("a table of units (layout B)", () => {
  let scored: Uint8Array;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Bảng");
    ws.addRow(["STT", "Mã đơn vị", "Đơn vị", "1.1", "1.2.a", "1.2.b", "2.1", "Ghi chú", "Nhóm"]);
    ws.addRow([1, "so-tc", "Sở Tài chính", "Có", 90, 100, 0.9, "", "Sở, ban, ngành"]);
    ws.addRow([2, "H01", "Huyện Một", "Không", 40, 100, 0.5, "", "UBND cấp huyện"]);
    ws.addRow([3, "H02", "Huyện Hai", "Có", 70, 100, 0.7, "", "UBND cấp huyện"]);
    scored = await score(new Uint8Array(await wb.xlsx.writeBuffer()));
  });

  test("as scored, and with only a column that is not the unit's changed (STT, a note): the subtitle, no flag up", async () => {
    const seen = calculated(
      await edit(scored, (wb) => {
        const ws = wb.getWorksheet("Bảng")!;
        ws.getCell("A2").value = 7;
        ws.getCell("H3").value = "đã kiểm tra";
      }),
      "b-as-scored",
    );
    expect([...seen.flags.keys()]).toEqual(["so-tc", "H01", "H02"]);
    expect(up(seen)).toEqual([]);
    expect(seen.a2).toMatch(SUBTITLE);
  });

  test.each<[string, string, string | number, string]>([
    ["a unit's category changed", "I2", "UBND cấp huyện", "so-tc"],
    ["a unit's code changed", "B4", "H03", "H02"],
    ["a unit's code changed only in case", "B2", "SO-TC", "so-tc"],
    ["a unit's name changed", "C3", "Huyện Ba", "H01"],
  ])("%s: A2 says 1 unit's figures changed, that unit's flag is up", async (what, cell, value, unit) => {
    const seen = calculated(await edit(scored, (wb) => (wb.getWorksheet("Bảng")!.getCell(cell).value = value)), `b-${cell}`);
    expect([what, up(seen)]).toEqual([what, [unit]]);
    expect([what, STALE.exec(seen.a2)?.[1]]).toEqual([what, "1"]);
  });
});

describe("forms (layout A) of units coded so-tc, 01, 1 and SO-TC", () => {
  const SHEETS = ["SO-01", "SO-02", "SO-03", "SO-04"];
  let scored: Uint8Array;
  beforeAll(async () => {
    scored = await score(
      await demoForms((wb) => {
        wb.getWorksheet("SO-01")!.getCell("B2").value = "so-tc";
        wb.getWorksheet("SO-02")!.getCell("B2").value = "01";
        wb.getWorksheet("SO-03")!.getCell("B2").value = "1";
        // A fourth unit whose code differs from the first one's in case only.
        const ws = wb.addWorksheet("SO-04");
        layoutAGrid({ ...DEMO_UNITS[2]!, code: "SO-TC", name: "Sở Tài chính (khác)" }).forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
      }),
    );
  });

  /** What the line under each form's summary (D1:E3, ranked within categories) shows, by sheet. */
  const lines = (seen: Seen) => Object.fromEntries(SHEETS.map((s) => [s, seen.sheets.get(s)![3]![3] ?? ""]));
  /** Only the form on `sheet` says its points are out of date. */
  const only = (sheet: string) => Object.fromEntries(SHEETS.map((s) => [s, s === sheet ? expect.stringMatching(FORM_STALE) : OTHERS_STALE]));

  test("as scored: the subtitle, no form says anything", () => {
    const seen = calculated(scored, "a-as-scored");
    expect([...seen.flags.keys()]).toEqual(["so-tc", "01", "1", "SO-TC"]);
    expect(up(seen)).toEqual([]);
    expect(seen.a2).toMatch(SUBTITLE);
    expect(lines(seen)).toEqual(Object.fromEntries(SHEETS.map((s) => [s, ""])));
  });

  test("the code so-tc typed So-Tc: A2 says 1 unit changed, and that form says its points are out of date", async () => {
    const seen = calculated(await edit(scored, (wb) => (wb.getWorksheet("SO-01")!.getCell("B2").value = "So-Tc")), "a-recased");
    expect(up(seen)).toEqual(["so-tc"]);
    expect(STALE.exec(seen.a2)?.[1]).toBe("1");
    expect(lines(seen)).toEqual(only("SO-01"));
  });

  test("a figure of unit SO-TC changed: its form says so, the form of unit so-tc does not", async () => {
    const seen = calculated(await edit(scored, (wb) => (wb.getWorksheet("SO-04")!.getCell("D9").value = 71)), "a-unit-SO-TC");
    expect(up(seen)).toEqual(["SO-TC"]);
    expect(lines(seen)).toEqual(only("SO-04"));
  });

  test("a figure of unit 1 changed: its form says so, the form of unit 01 does not (and the other way round)", async () => {
    const one = calculated(await edit(scored, (wb) => (wb.getWorksheet("SO-03")!.getCell("D9").value = 71)), "a-unit-1");
    expect(up(one)).toEqual(["1"]);
    expect(lines(one)).toEqual(only("SO-03"));
    const zeroOne = calculated(await edit(scored, (wb) => (wb.getWorksheet("SO-02")!.getCell("D9").value = 41)), "a-unit-01");
    expect(up(zeroOne)).toEqual(["01"]);
    expect(lines(zeroOne)).toEqual(only("SO-02"));
  });
});
