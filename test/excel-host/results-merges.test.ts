/**
 * A results table that prints more than one page wide (the department sample: six groups, each
 * with value, points and rank), in a workbook open in Excel: its title, stamp and the lines on the
 * forms not scored (and the one that says points are shown rounded, where some units' points do not
 * add up as shown) are merged over the rank, code, name and category (it ranks within categories) that every
 * page repeats, wrapped, so that no page cuts them. Scoring again leaves each merge once, takes away those of lines that are
 * gone, and takes as many requests for a few units as for many.
 */
import { rectAddress } from "../../src/core/a1";
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { ROUNDING_NOTE } from "../../src/core/plan/labels";
import { layoutAWorkbook } from "./fixtures";

const RESULTS = "Kết quả";
const TITLE = "Kết quả đánh giá, xếp hạng: Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh) (mau-2023)";

async function score(double: ExcelDouble, definition: unknown, now = new Date("2026-01-15T08:00:00Z")): Promise<ExcelHost> {
  double.install();
  const host = new ExcelHost();
  await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
  return host;
}

function merges(double: ExcelDouble): string[] {
  return double.sheet(RESULTS).merges.map((m) => rectAddress(m)).sort();
}

/** `units` unit forms of the department sample, the first copied once more: a second form of its unit, not scored. */
async function withCopiedForm(units: number) {
  const made = await layoutAWorkbook(units);
  made.double.copySheet("Đơn vị số 1", "Bản sao");
  return made;
}

test("title, stamp and the lines on a form not scored are merged over A–D, wrapped, in rows tall enough for their lines", async () => {
  const { double, definition } = await withCopiedForm(6);
  await score(double, definition);
  // Six units on rows 4–9, an empty row, then the heading and the copy's line; an empty row, and
  // the line that says points are shown rounded.
  expect(merges(double)).toEqual(["A11:D11", "A12:D12", "A14:D14", "A1:D1", "A2:D2"]);
  const sheet = double.sheet(RESULTS);
  expect(sheet.get(0, 0)?.v).toBe(TITLE);
  expect(sheet.get(10, 0)?.v).toBe("1 phiếu chưa được chấm:");
  expect(String(sheet.get(11, 0)?.v)).toMatch(/^– Trang tính 'Bản sao'/);
  expect(sheet.get(13, 0)?.v).toBe(ROUNDING_NOTE.vi);
  for (const r of [0, 1, 10, 11, 13]) expect([r, sheet.get(r, 0)?.wrap]).toEqual([r, true]);
  // The title takes three lines of 14 points over A–D; the stamp, the copy's line and the rounding line two or more.
  expect(sheet.rowHeights.get(0)).toBeGreaterThanOrEqual(3 * 15 * (14 / 11));
  for (const r of [1, 11, 13]) expect(sheet.rowHeights.get(r)).toBeGreaterThanOrEqual(2 * 15);
  // The cells under a merge stay empty, and the table's header row is no merge.
  expect([sheet.get(0, 1)?.v ?? "", sheet.get(0, 2)?.v ?? ""]).toEqual(["", ""]);
  expect(sheet.get(2, 1)?.v).toBe("Mã sở, ban, ngành");
});

test("scored again: each merge once; with the copy deleted, its lines and their merges are gone, and no row keeps their height", async () => {
  const { double, definition } = await withCopiedForm(6);
  await score(double, definition);
  const first = merges(double);
  await score(double, definition, new Date("2026-01-22T08:00:00Z"));
  expect(merges(double)).toEqual(first);
  expect(double.sheet(RESULTS).get(0, 0)?.v).toBe(TITLE);
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Bản sao").delete();
    await ctx.sync();
  });
  await score(double, definition, new Date("2026-01-29T08:00:00Z"));
  // The rounding line, one empty row under the table; nothing in the rows the copy's lines and the old rounding line took.
  expect(merges(double)).toEqual(["A11:D11", "A1:D1", "A2:D2"]);
  const sheet = double.sheet(RESULTS);
  expect([sheet.get(10, 0)?.v ?? "", sheet.get(11, 0)?.v ?? "", sheet.get(13, 0)?.v ?? ""]).toEqual([ROUNDING_NOTE.vi, "", ""]);
  expect([sheet.rowHeights.get(11), sheet.rowHeights.get(13)]).toEqual([undefined, undefined]);
});

test("the merges take no request of their own: as many for 6 units as for 60, first run and second", async () => {
  const syncs = async (units: number) => {
    const { double, definition } = await withCopiedForm(units);
    await score(double, definition);
    const first = double.syncCount;
    double.resetCounters();
    await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(merges(double)).toEqual(["A1:D1", "A2:D2", `A${units + 5}:D${units + 5}`, `A${units + 6}:D${units + 6}`, `A${units + 8}:D${units + 8}`].sort());
    expect(double.requests.every((r) => r.ok)).toBe(true);
    return [first, double.syncCount];
  };
  expect(await syncs(60)).toEqual(await syncs(6));
}, 120_000);

test("scored again with more units: the kept table grows over the rows the last run merged, the merges move below it, in as many requests", async () => {
  /** The second run's requests, with `added` units' forms added (copies of unit 2's, each with a name and code of its own). */
  const secondRun = async (added: number) => {
    const { double, definition } = await withCopiedForm(6);
    await score(double, definition);
    expect(merges(double)).toEqual(["A11:D11", "A12:D12", "A14:D14", "A1:D1", "A2:D2"]);
    for (let u = 7; u < 7 + added; u++) {
      double.copySheet("Đơn vị số 2", `Đơn vị số ${u}`);
      double.setCells(`Đơn vị số ${u}`, "B1", [[`Đơn vị số ${u}`], [`U${String(u).padStart(4, "0")}`]]);
    }
    double.resetCounters();
    await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect(double.requests.every((r) => r.ok)).toBe(true);
    return { double, syncs: double.syncCount };
  };
  const grown = await secondRun(4);
  // Ten units on rows 4–13 of the table kept from the first run, an empty row, then the heading and the copy's line, and the rounding line.
  const table = grown.double.workbook.tables.find((t) => t.name === "DTI_Results");
  expect(table && [table.row, table.rows]).toEqual([2, 11]);
  expect(merges(grown.double)).toEqual(["A15:D15", "A16:D16", "A18:D18", "A1:D1", "A2:D2"]);
  const sheet = grown.double.sheet(RESULTS);
  expect(sheet.get(14, 0)?.v).toBe("1 phiếu chưa được chấm:");
  const codes = Array.from({ length: 10 }, (_, r) => String(sheet.get(3 + r, 1)?.v)).sort();
  expect(codes).toEqual(Array.from({ length: 10 }, (_, u) => `U${String(u + 1).padStart(4, "0")}`));
  expect(grown.syncs).toBe((await secondRun(0)).syncs);
}, 60_000);
