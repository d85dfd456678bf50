/**
 * `score --json` and `validate --json` say when the results were computed (`scoredAt`, ISO 8601
 * in UTC) and the period each unit's form gives (`periods`) whenever they are known, not only in
 * `stale` when the results are out of date; every key of the contract is kept as it was. Real
 * files: forms made by `template`, filled with ExcelJS, scored, written and read back.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { communeIndex, runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-json-scored-"));
const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);

interface Json {
  index: { id: string; version: string };
  units: { code: string | null }[];
  issues: { code: string; sheet: string | null }[];
  stale: { scoredAt: string; changed: string[]; periods?: Record<string, { from: string | null; to: string | null }> } | null;
  scoredAt?: string;
  periods?: Record<string, string | null>;
}

const json = async (argv: string[]): Promise<Json> => {
  const r = await run([...argv, "--json", "-"]);
  if (r.code > 1) throw new Error(`${argv.join(" ")}: status ${r.code}: ${r.err}`);
  return JSON.parse(r.out) as Json;
};

/** The row of `code` in a form's Mã column (A). */
function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getCell(r, 1).value ?? "") === code) return r;
  throw new Error(`no row ${code} on ${ws.name}`);
}

/** The cell right of a form's `Kỳ đánh giá`. */
function periodCell(ws: ExcelJS.Worksheet): ExcelJS.Cell {
  for (let r = 1; r <= 10; r++) if (ws.getCell(r, 1).value === "Kỳ đánh giá") return ws.getCell(r, 2);
  throw new Error(`no period on ${ws.name}`);
}

/** `file` changed by `edit` on its forms, written as `out`. */
async function edited(file: string, out: string, edit: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  edit(wb);
  await wb.xlsx.writeFile(join(dir, out));
}

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

beforeAll(async () => {
  writeFileSync(join(dir, "dv.csv"), "Mã đơn vị,Đơn vị,Nhóm\nSNV,Sở Nội vụ,co-dvc\nSYT,Sở Y tế,co-dvc\nSTC,Sở Tài chính,co-dvc\n");
  expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "phieu.xlsx", "--period", "Năm 2025"])).code).toBe(0);
  // Each unit's 1.4 filled in; Sở Y tế's period a date cell, Sở Tài chính's left blank.
  await edited("phieu.xlsx", "da-dien.xlsx", (wb) => {
    for (const [sheet, figure] of [["Sở Nội vụ", 3], ["Sở Y tế", 4], ["Sở Tài chính", 5]] as const) {
      const ws = wb.getWorksheet(sheet)!;
      ws.getCell(`D${rowOf(ws, "1.4")}`).value = figure;
    }
    const syt = periodCell(wb.getWorksheet("Sở Y tế")!);
    syt.value = new Date(Date.UTC(2025, 11, 31));
    syt.numFmt = "dd/mm/yyyy";
    periodCell(wb.getWorksheet("Sở Tài chính")!).value = null;
  });
  writeFileSync(join(dir, "xa.json"), JSON.stringify(communeIndex({ name: "Tỷ lệ hồ sơ trực tuyến", rule: { kind: "fraction" } })));
  writeFileSync(join(dir, "xa.csv"), "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,Có,0.5,3,4\n");
}, 90_000);

const PERIODS = { SNV: "Năm 2025", SYT: "31/12/2025", STC: null };

describe("--json: scoredAt and periods whenever known", () => {
  it("forms never scored: each unit's period (a date cell as its day, null for a blank one), no scoredAt, in validate and score without --out alike", async () => {
    const v = await json(["validate", "da-dien.xlsx"]);
    expect(Object.keys(v)).toEqual(["index", "units", "issues", "stale", "periods"]);
    expect(v.stale).toBeNull();
    expect(v.periods).toEqual(PERIODS);
    const s = await json(["score", "da-dien.xlsx"]);
    expect(Object.keys(s)).toEqual(["index", "units", "issues", "stale", "periods"]);
    expect(s.periods).toEqual(PERIODS);
  }, 60_000);

  it("score --out: this run's time, as the workbook written records it; validate and score of that workbook say it while its results are current", async () => {
    const before = new Date().toISOString();
    const r = await run(["score", "da-dien.xlsx", "--out", "da-cham.xlsx", "--json", "kq.json"]);
    const after = new Date().toISOString();
    expect(r.code).toBeLessThan(2);
    const scored = JSON.parse(readFileSync(join(dir, "kq.json"), "utf8")) as Json;
    expect(Object.keys(scored)).toEqual(["index", "units", "issues", "stale", "scoredAt", "periods"]);
    expect(scored.scoredAt).toMatch(ISO_UTC);
    expect(scored.scoredAt! >= before && scored.scoredAt! <= after).toBe(true);
    expect(scored.periods).toEqual(PERIODS);

    // Read back from `_index`: the same time, with the results current (no `stale`).
    const v = await json(["validate", "da-cham.xlsx"]);
    expect(v.stale).toBeNull();
    expect(v.scoredAt).toBe(scored.scoredAt);
    expect(v.periods).toEqual(PERIODS);
    const again = await json(["score", "da-cham.xlsx"]);
    expect(again.scoredAt).toBe(scored.scoredAt);
  }, 90_000);

  it("results out of date: scoredAt is stale.scoredAt, and periods is each stale period's `to`", async () => {
    await edited("da-cham.xlsx", "doi-ky.xlsx", (wb) => {
      periodCell(wb.getWorksheet("Sở Nội vụ")!).value = "Năm 2026";
    });
    const v = await json(["validate", "doi-ky.xlsx"]);
    expect(v.stale).toMatchObject({ changed: ["SNV"], periods: { SNV: { from: "Năm 2025", to: "Năm 2026" } } });
    expect(v.scoredAt).toBe(v.stale!.scoredAt);
    expect(v.periods).toEqual({ ...PERIODS, SNV: "Năm 2026" });
    // Scored again into it: the new time, later than the old one.
    const s = await json(["score", "doi-ky.xlsx", "--out", "doi-ky.xlsx"]);
    expect(s.stale?.scoredAt).toBe(v.scoredAt);
    expect(s.scoredAt! > v.scoredAt!).toBe(true);
    expect((await json(["validate", "doi-ky.xlsx"])).scoredAt).toBe(s.scoredAt);
  }, 90_000);

  it("validate of a scored workbook whose forms are all gone: no unit, no period, and the time of the results it holds", async () => {
    await edited("da-cham.xlsx", "khong-phieu.xlsx", (wb) => {
      for (const name of ["Sở Nội vụ", "Sở Y tế", "Sở Tài chính"]) wb.removeWorksheet(wb.getWorksheet(name)!.id);
    });
    const recorded = (await json(["validate", "da-cham.xlsx"])).scoredAt;
    const r = await run(["validate", "khong-phieu.xlsx", "--json", "-"]);
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as Json;
    expect(Object.keys(v)).toEqual(["index", "units", "issues", "stale", "scoredAt"]);
    expect(v.units).toEqual([]);
    expect(v.issues.map((i) => i.code)).toContain("layout-not-found");
    expect(v.scoredAt).toBe(recorded);
  }, 60_000);

  it("a CSV table: no period; no scoredAt without --out, this run's with it", async () => {
    const plain = await json(["score", "xa.csv", "--index", "xa.json"]);
    expect(Object.keys(plain)).toEqual(["index", "units", "issues", "stale"]);
    const written = await json(["score", "xa.csv", "--index", "xa.json", "--out", "xa.xlsx"]);
    expect(Object.keys(written)).toEqual(["index", "units", "issues", "stale", "scoredAt"]);
    expect(written.scoredAt).toMatch(ISO_UTC);
    expect((await json(["validate", "xa.xlsx"])).scoredAt).toBe(written.scoredAt);
  }, 60_000);
});
