/**
 * The results sheet as a reader sees it: figures shown with the ranking's decimals, a category
 * column only for an index that has categories, colour scales anchored on 0–1, and the forms and
 * rows that were not scored listed below the table (and gone once they are fixed).
 */
import { rankingTable } from "../../cli/commands/score";
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import { findBuiltin } from "../../indices";
import type { CellValue, OwnedSheetPlan, WorkbookSnapshot } from "../types";
import { parseRange } from "./a1";
import { type IndexSheetState } from "./index-sheet";
import { wrappedLines } from "./layout";
import { planResults } from "./plan";
import { DEFAULT_FORMATS, planResultsSheet, printWidth, printedPageTexts, withInputsChangedStatus } from "./results-sheet";
import { DEMO_UNITS, clearedBy, demoModel, demoSnapshot, indexState, layoutAGrid, ownedGrid, readAndScore } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function builtin(id: string): IndexModel {
  const parsed = parseDefinition(findBuiltin(id)!.definition);
  if (!parsed.ok) throw new Error(`${id} does not parse`);
  return parsed.model;
}

function run(snapshot: WorkbookSnapshot, model: IndexModel, lang: "vi" | "en" = "vi", previous?: IndexSheetState) {
  const { submissions, issues, table } = readAndScore(snapshot, model);
  const plan = planResults(model, table, issues, submissions, { lang, projectVersion: "1.2.3", now: NOW, snapshot, ...(previous ? { previous } : {}) });
  return { plan, table, issues };
}

/** A number as Excel shows it in a format of the form "0", "0.0", "0.000". */
function shownAs(value: unknown, format: string): string {
  const decimals = /\.(0+)$/.exec(format)?.[1]?.length ?? 0;
  return (value as number).toFixed(decimals);
}

/** Every cell of the results table: header, then each unit's row, with the format of each cell. */
function table(sheet: OwnedSheetPlan): { header: string[]; rows: CellValue[][]; formats: string[][] } {
  const block = sheet.blocks.find((b) => b.address === "A3")!;
  return { header: block.values[0] as string[], rows: block.values.slice(1) as CellValue[][], formats: (block.numberFormat as string[][]).slice(1) };
}

/** A table of provinces (layout B) on the provincial DTI: indicator code → its fraction. */
function provinces(rows: [string, string, number[]][]): WorkbookSnapshot {
  const header = ["Mã đơn vị", "Đơn vị", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
  return { sheets: [{ name: "Tỉnh", values: [header, ...rows.map(([code, name, f]) => [code, name, ...f])] }] };
}

const HALF = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];

describe("figures are shown as the ranking compares them", () => {
  test("the provincial DTI ranks on points to one decimal: two provinces 0.04 points apart share a rank and show the same total", () => {
    const model = builtin("dti-tinh-922-2022");
    // 500 and 500.04 points: equal at one decimal.
    const { plan, table: scores, issues } = run(provinces([["HN", "Hà Nội", HALF], ["HP", "Hải Phòng", [0.5004, ...HALF.slice(1)]], ["DN", "Đà Nẵng", HALF.map(() => 0.4)]]), model);
    expect(issues).toEqual([]);
    const { header, rows, formats } = table(plan.owned.find((o) => o.name === "Kết quả")!);
    const total = header.indexOf("Tổng điểm");
    const rank = header.indexOf("Hạng");
    expect(rows.map((r) => [r[1], r[rank]])).toEqual([["HN", 1], ["HP", 1], ["DN", 3]]);
    expect(formats[0]![total]).toBe("0.0");
    expect(rows.slice(0, 2).map((r, i) => shownAs(r[total], formats[i]![total]!))).toEqual(["500.0", "500.0"]);
    // The cell keeps the full figure.
    expect(rows[1]![total]).toBeCloseTo(500.04, 9);
    // Ranked groups are compared on their points alike: their points show one decimal too.
    expect(formats[0]![header.indexOf("Nhóm chỉ số nền tảng chung (điểm)")]).toBe("0.0");
    // The command line prints the same figure.
    const cli = rankingTable(scores, model, [], "en");
    expect(cli).toMatch(/Hà Nội\s+500\.0\b/);
    expect(cli).toMatch(/Hải Phòng\s+500\.0\b/);
    // The charts' data show it alike.
    const charts = ownedGrid(plan, "Biểu đồ");
    // The first block of figures (under the block's heading).
    const chartBlock = plan.owned.find((o) => o.name === "Biểu đồ")!.blocks.find((b) => b.numberFormat !== undefined)!;
    expect((chartBlock.numberFormat as string[][])[1]![1]).toBe("0.0");
    expect(charts.some((r) => r[0] === "Hải Phòng")).toBe(true);
  });

  test("the HDI ranks on its value to three decimals: the value shows three decimals", () => {
    const model = builtin("undp-hdi");
    const snapshot: WorkbookSnapshot = {
      sheets: [{ name: "HDI", values: [["Mã đơn vị", "Đơn vị", "le", "eys", "mys", "gnipc"], ["VN", "Việt Nam", 74.6, 13.1, 8.5, 11000], ["TH", "Thái Lan", 79.7, 15.9, 8.8, 17000]] }],
    };
    const { plan } = run(snapshot, model);
    const { header, formats } = table(plan.owned.find((o) => o.name === "Kết quả")!);
    expect(formats[0]![header.indexOf("Giá trị")]).toBe("0.000");
    expect(formats[0]![header.indexOf("Sức khỏe (giá trị)")]).toBe("0.000");
  });

  test("a country of the HDI without all its figures is not ranked, and shows no HDI nor index it lacks a figure for (no \"0.000\" that reads as a real HDI), in the sheet, the command line and the charts", () => {
    const model = builtin("undp-hdi");
    const snapshot: WorkbookSnapshot = {
      sheets: [{ name: "HDI", values: [["Mã đơn vị", "Đơn vị", "le", "eys", "mys", "gnipc"], ["VN", "Việt Nam", 74.6, 13.1, 8.5, 11000], ["TH", "Thái Lan", 79.7, 15.9, 8.8, 17000], ["PRK", "Triều Tiên", 73.6, null, null, null]] }],
    };
    const { plan, table: scores, issues } = run(snapshot, model);
    const { header, rows } = table(plan.owned.find((o) => o.name === "Kết quả")!);
    const prk = rows.find((r) => r[1] === "PRK")!;
    const at = (h: string) => prk[header.indexOf(h)];
    expect([at("Sức khỏe (giá trị)"), at("Giáo dục (giá trị)"), at("Thu nhập (giá trị)"), at("Giá trị")]).toEqual([expect.any(Number), null, null, null]);
    expect(at("Sức khỏe (giá trị)")).toBeGreaterThan(0.8);
    // A country with every figure shows them all.
    expect(rows.find((r) => r[1] === "VN")!.slice(header.indexOf("Sức khỏe (giá trị)")).filter((v) => v === null)).toEqual([]);
    expect(rankingTable(scores, model, issues, "vi")).toMatch(/Triều Tiên\s+—/);
    // The charts leave it out, and their average is of the countries with every figure.
    expect(ownedGrid(plan, "Biểu đồ").some((r) => r[0] === "Triều Tiên")).toBe(false);
  });

  test("without decimals in the ranking, points show two decimals and values four, as before", () => {
    const { plan } = run(demoSnapshot(), demoModel());
    const { header, formats } = table(plan.owned.find((o) => o.name === "Kết quả")!);
    expect(formats[0]![header.indexOf("Tổng điểm")]).toBe("0.00");
    expect(formats[0]![header.indexOf("Giá trị")]).toBe("0.0000");
  });

  test("the form's summary and Điểm column show points with the ranking's decimals", () => {
    const model = demoModel({ ranking: { decimals: 1 } });
    const { plan } = run(demoSnapshot(), model);
    const edit = plan.edits.find((e) => e.sheet === "SO-01")!;
    const summary = edit.blocks.find((b) => b.address === "D1")!;
    expect(summary.values[0]).toEqual(["Tổng điểm", 56.5]);
    expect((summary.numberFormat as string[][])[0]![1]).toBe("0.0");
    expect(edit.blocks.find((b) => b.address === "G7")!.numberFormat).toBe("0.0");
  });
});

describe("the category column", () => {
  test("an index without unit categories has no empty Loại đơn vị column; one with categories keeps it", () => {
    const model = builtin("dti-tinh-922-2022");
    const { plan } = run(provinces([["HN", "Hà Nội", HALF]]), model);
    const { header } = table(plan.owned.find((o) => o.name === "Kết quả")!);
    // The unit's columns are called as the index calls a unit (its unitLabel "Tỉnh").
    expect(header.slice(0, 4)).toEqual(["Hạng", "Mã tỉnh", "Tỉnh", "Nhóm chỉ số nền tảng chung (giá trị)"]);
    expect(header).not.toContain("Loại đơn vị");
    const en = run(provinces([["HN", "Hà Nội", HALF]]), model, "en").plan;
    expect(table(en.owned.find((o) => o.name === "Results")!).header).not.toContain("Unit category");
    // The table's range is as wide as its header.
    const sheet = plan.owned.find((o) => o.name === "Kết quả")!;
    expect(parseRange(sheet.tables[0]!.range).right).toBe(header.length);
    expect(table(run(demoSnapshot(), demoModel()).plan.owned.find((o) => o.name === "Kết quả")!).header[3]).toBe("Loại đơn vị");
  });
});

describe("colour scales", () => {
  test("the group values' colour scale runs red at 0, yellow at 0.5, green at 1, whatever the units scored", () => {
    const { plan } = run(demoSnapshot(), demoModel());
    const scales = plan.owned.find((o) => o.name === "Kết quả")!.conditionalFormats.filter((c) => c.kind === "colorScale");
    expect(scales).toHaveLength(2);
    for (const s of scales) expect(s.at).toEqual([0, 0.5, 1]);
  });
});

describe("forms that were not scored", () => {
  /** The demo's three forms and a fourth that reuses SO-01's code under another name. */
  function withTakenCode(): WorkbookSnapshot {
    const snapshot = demoSnapshot();
    snapshot.sheets.push({ name: "Đài PT-TH", values: layoutAGrid({ ...DEMO_UNITS[0]!, name: "Đài Phát thanh - Truyền hình" }) as CellValue[][] });
    return snapshot;
  }

  test("are named below the results table with the reason, and counted in the subtitle, in Vietnamese and English", () => {
    const { plan, issues } = run(withTakenCode(), demoModel());
    const taken = issues.find((i) => i.code === "duplicate-unit")!;
    const grid = ownedGrid(plan, "Kết quả");
    expect(String(grid[1]![0])).toContain("; 3 đơn vị; 1 phiếu chưa được chấm (xem dưới bảng).");
    // Three units in rows 4–6, an empty row, then the list.
    expect(grid[6]?.[0] ?? null).toBeNull();
    expect(grid[7]![0]).toBe("1 phiếu chưa được chấm:");
    expect(grid[8]![0]).toBe(`– ${taken.message.vi}`);
    expect(taken.message.vi).toContain("'Đài PT-TH'");
    expect(taken.message.vi).toContain('mang mã đơn vị "SO-01"');
    const en = ownedGrid(run(withTakenCode(), demoModel(), "en").plan, "Results");
    expect(String(en[1]![0])).toContain("; 3 units; 1 form not scored (see below the table).");
    expect(en[7]![0]).toBe("1 form was not scored:");
    expect(en[8]![0]).toBe(`– ${taken.message.en}`);
    // The lines are the project's: recorded in `_index`.
    expect(indexState(plan).owned.cells.filter((c) => c.role === "notes")).toEqual([{ sheet: "Kết quả", role: "notes", ranges: ["A8:A9"] }]);
  });

  test("a second run rewrites the lines without taking them for the user's, and removes them once the form is fixed", () => {
    const first = run(withTakenCode(), demoModel());
    // The workbook as the first run left it: its results sheet, and what the user typed below.
    const written = withTakenCode();
    const results = ownedGrid(first.plan, "Kết quả");
    written.sheets.push({ name: "Kết quả", values: results });
    const again = run(written, demoModel(), "vi", indexState(first.plan));
    expect(again.plan.warnings ?? []).toEqual([]);
    expect(ownedGrid(again.plan, "Kết quả")[7]![0]).toBe("1 phiếu chưa được chấm:");
    // The form's code corrected: nothing is listed any more, nor recorded.
    const fixed = withTakenCode();
    fixed.sheets[3]!.values[1]![1] = "DPTTH";
    fixed.sheets.push({ name: "Kết quả", values: results });
    const third = run(fixed, demoModel(), "vi", indexState(first.plan));
    const grid = ownedGrid(third.plan, "Kết quả");
    expect(String(grid[1]![0])).toContain("; 4 đơn vị. Chương trình ghi lại");
    expect(grid.length).toBe(3 + 4); // title, subtitle, header, four units: nothing below
    expect(indexState(third.plan).owned.cells.filter((c) => c.role === "notes")).toEqual([]);
    expect(third.plan.warnings ?? []).toEqual([]);
    // A cell the user typed below the list is still theirs: it stays, and the lines are cleared.
    const typed = withTakenCode();
    typed.sheets.push({ name: "Kết quả", values: [...results.map((r) => [...r]), [], ["ghi chú của tôi"]] });
    const fourth = run(typed, demoModel(), "vi", indexState(first.plan));
    expect(fourth.plan.warnings ?? []).toEqual([]);
    expect(clearedBy(fourth.plan, "Kết quả", "A11")).toBe(false);
    expect(clearedBy(fourth.plan, "Kết quả", "A9")).toBe(true);
  });

  test("a row of a table of units with neither name nor code is listed as a row", () => {
    const header = ["Mã đơn vị", "Đơn vị", "1.1", "1.2.a", "1.2.b", "2.1"];
    const snapshot: WorkbookSnapshot = {
      sheets: [{ name: "Tổng hợp", values: [header, ["SO-01", "Sở A", "x", 9, 10, 0.5], [null, null, "x", 5, 10, 0.2], ["SO-02", "Sở B", null, 1, 10, 0.9]] }],
    };
    const { plan, issues } = run(snapshot, demoModel());
    const row = issues.find((i) => i.code === "missing-unit-name" && i.severity === "error")!;
    const grid = ownedGrid(plan, "Kết quả");
    expect(String(grid[1]![0])).toContain("; 2 đơn vị; 1 dòng chưa được chấm (xem dưới bảng).");
    expect(grid[6]![0]).toBe("1 dòng chưa được chấm:");
    expect(grid[7]![0]).toBe(`– ${row.message.vi}`);
    expect(ownedGrid(run(snapshot, demoModel(), "en").plan, "Results")[6]![0]).toBe("1 row was not scored:");
  });
});

describe("group ranks", () => {
  test("an index that ranks its top groups shows each group's rank beside its figures, centred, without a colour scale", () => {
    const { plan, table: scores } = run(demoSnapshot(), demoModel({ ranking: { nodes: "top" } }));
    const sheet = plan.owned.find((o) => o.name === "Kết quả")!;
    const { header, rows } = table(sheet);
    expect(header.slice(4, 10)).toEqual([
      "Nhận thức số (giá trị)", "Nhận thức số (điểm)", "Nhận thức số (hạng)", "Hạ tầng số (giá trị)", "Hạ tầng số (điểm)", "Hạ tầng số (hạng)",
    ]);
    const rank = header.indexOf("Hạ tầng số (hạng)");
    for (const r of rows) expect(r[rank]).toBe(scores.units.find((u) => u.code === r[1])!.nodes["2"]!.rank);
    expect(sheet.blocks.some((b) => b.address === `${String.fromCharCode(65 + rank)}4` && b.align === "center")).toBe(true);
    expect(sheet.conditionalFormats.filter((c) => c.kind === "colorScale")).toHaveLength(2);
    // An index that ranks no group has no such column.
    expect(table(run(demoSnapshot(), demoModel({ ranking: { nodes: "none" } })).plan.owned.find((o) => o.name === "Kết quả")!).header.some((h) => String(h).endsWith("(hạng)"))).toBe(false);
  });
});

describe("what the index calls a unit", () => {
  test("names the units in the subtitle and on the charts' axes, in the run's language", () => {
    const model = demoModel({ unitLabel: { vi: "Quốc gia", en: "Country" } });
    const vi = run(demoSnapshot(), model).plan;
    expect(String(ownedGrid(vi, "Kết quả")[1]![0])).toContain("; 3 quốc gia. ");
    expect(vi.owned.find((o) => o.name === "Biểu đồ")!.charts.map((c) => c.xAxisTitle).filter((t) => t !== undefined)).toEqual(["Quốc gia", "Quốc gia"]);
    const en = run(demoSnapshot(), model, "en").plan;
    expect(String(ownedGrid(en, "Results")[1]![0])).toContain("; 3 countries. ");
    expect(en.owned.find((o) => o.name === "Charts")!.charts[0]!.xAxisTitle).toBe("Country");
  });

  test("names the results table's unit and code columns, in the run's language; an index that says nothing keeps Đơn vị / Unit", () => {
    const model = demoModel({ unitLabel: { vi: "Quốc gia", en: "Country" } });
    expect(table(run(demoSnapshot(), model).plan.owned.find((o) => o.name === "Kết quả")!).header.slice(0, 3)).toEqual(["Hạng", "Mã quốc gia", "Quốc gia"]);
    expect(table(run(demoSnapshot(), model, "en").plan.owned.find((o) => o.name === "Results")!).header.slice(0, 3)).toEqual(["Rank", "Country code", "Country"]);
    expect(table(run(demoSnapshot(), demoModel()).plan.owned.find((o) => o.name === "Kết quả")!).header.slice(0, 3)).toEqual(["Hạng", "Mã đơn vị", "Đơn vị"]);
  });
});

describe("the results sheet prints legibly", () => {
  test("a narrow table prints one page wide; one too wide for a legible page takes more pages, each with every unit's rank, code, name (and category, ranked within categories) and whole groups", () => {
    const narrow = run(demoSnapshot(), demoModel()).plan.owned[0]!;
    expect(narrow.print).toEqual({
      orientation: "landscape",
      fitToWidth: true,
      repeatRows: { first: 3, last: 3 },
      pageHeader: { center: "Bộ chỉ số thử nghiệm" },
      pageFooter: { left: "&A", right: "Trang &P" },
    });
    for (const lang of ["vi", "en"] as const) {
      const wide = run({ sheets: [] }, builtin("dti-so-nganh-mau"), lang).plan.owned[0]!;
      const widths = (wide.columnWidths ?? []).map((w) => w.width);
      const header = table(wide).header;
      // The department sample's six groups, each with value, points and rank: wider than one page holds at a readable scale.
      expect(widths.reduce((a, b) => a + b, 0)).toBeGreaterThan(200);
      // Ranked within categories: each page says which category a unit's rank in it is in.
      expect(wide.print?.repeatColumns).toEqual({ first: "A", last: "D" });
      expect(header[3]).toBe(lang === "vi" ? "Loại đơn vị" : "Unit category");
      // Not fitted to pages wide (readers ignore manual breaks then) but at a scale, a page starting
      // only at a group's value or at the totals: a group's value, points and rank print together.
      expect(wide.print?.fitToWidth).toBe(false);
      const breaks = wide.print!.columnBreaksBefore!.map((c) => parseRange(`${c}1`).left);
      expect(breaks.length).toBeGreaterThanOrEqual(1);
      const groupValue = lang === "vi" ? /\(giá trị\)$/ : /\(value\)$/;
      for (const b of breaks) expect([lang, header[b - 1], groupValue.test(header[b - 1]!) || header[b - 1] === (lang === "vi" ? "Tổng điểm" : "Total points")]).toEqual([lang, header[b - 1], true]);
      // Each page (the rank, code, name and category with it) fits a landscape A4 page (784 points) at the scale,
      // a character width taking 7 points in the widest face a reader shows the sheet in; 70% at least.
      const scale = wide.print!.scale!;
      expect(scale).toBeGreaterThanOrEqual(70);
      const sum = (from: number, to: number) => widths.slice(from, to).reduce((a, b) => a + b, 0);
      const starts = [5, ...breaks];
      const pages = starts.map((start, p) => sum(0, 4) + sum(start - 1, (starts[p + 1] ?? widths.length + 1) - 1));
      for (const [p, width] of pages.entries()) expect([lang, p + 1, (width * 7 * scale) / 100 <= 784]).toEqual([lang, p + 1, true]);
      // No fewer pages would do: two pages side by side are wider than one page holds at 70%.
      for (let p = 1; p < pages.length; p++) expect([lang, p, ((pages[p - 1]! + pages[p]! - sum(0, 4)) * 7 * 70) / 100 > 784]).toEqual([lang, p, true]);
    }
  });

  test("the blocks are laid so that the widest page is as narrow as the number of pages allows, the category with the first group", () => {
    // Rank, code, name; a category; six groups of value, points and rank; the totals; the coverage, counts and note.
    const widths = [7, 12, 33, 32, ...Array.from({ length: 6 }, () => [10, 9, 8]).flat(), 12, 10, 10, 11, 8, 10, 40];
    const starts = [3, 7, 10, 13, 16, 19, 22, 25];
    // 160 character widths a page at most (70% in the widest face): three pages; filled from the
    // left the second would hold 54 and the third 101, laid evenly the widest holds 108.
    expect(printWidth(widths, starts)).toEqual({ fitToWidth: false, scale: 70, columnBreaksBefore: ["K", "W"], repeatColumns: { first: "A", last: "C" } });
    // A table a page holds legibly (200 character widths at most) is fitted to one page wide, with no break.
    expect(printWidth([7, 12, 33, 10, 9, 8, 12, 10, 40], [3, 6])).toEqual({ fitToWidth: true });
  });
});

describe("the printed pages' header", () => {
  test("with a long index name and several periods, keeps the periods whole and shortens the name (with an ellipsis)", () => {
    const name = "Bộ chỉ số đánh giá mức độ chuyển đổi số của các sở, ban, ngành và Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh";
    const header = printedPageTexts(name, ["Năm 2024", "Năm 2025"], "vi").pageHeader!.center!;
    const period = "Kỳ đánh giá (các phiếu ghi khác nhau): Năm 2024, Năm 2025";
    expect(header.endsWith(` — ${period}`)).toBe(true);
    expect(header.startsWith(name.slice(0, 30))).toBe(true);
    expect(header).toContain("… — ");
    expect([...header].length).toBeLessThanOrEqual(100);
    // A short name is not shortened; an "&" in it prints as written.
    expect(printedPageTexts("A & B", ["Năm 2025"], "en").pageHeader).toEqual({ center: "A && B — Period: Năm 2025" });
  });
});

describe("the lines above and below a table printed several pages wide", () => {
  const NOTE = "Trang tính 'Đài Phát thanh và Truyền hình…', ô B2: \"Đài Phát thanh và Truyền hình tỉnh\" mang mã đơn vị \"SYT\" của \"Sở Y tế\" (ở 'Sở Y tế'!B2) nên chưa được chấm; hãy sửa mã đơn vị.";

  /** The results sheet of `model` for the scored `snapshot`, with one form left out (NOTE). */
  function sheetOf(snapshot: WorkbookSnapshot, model: IndexModel, notes = [NOTE]) {
    const { table: scores } = run(snapshot, model);
    return planResultsSheet({
      model,
      table: scores,
      units: [...scores.units].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9)),
      counts: () => ({ errors: 0, warnings: 0 }),
      lang: "vi",
      projectVersion: "1.2.3",
      now: NOW,
      notScored: notes.map((n) => ({ kind: "form" as const, message: { vi: n, en: n } })),
      formats: DEFAULT_FORMATS,
    });
  }

  test("the title, the stamp and the lines on forms not scored are merged over the rank, code, name and category that every page repeats, wrapped in rows tall enough for them", () => {
    const model = builtin("dti-so-nganh-mau");
    const sheet = sheetOf({ sheets: [] }, model);
    expect(sheet.print?.columnBreaksBefore?.length).toBeGreaterThanOrEqual(1);
    // No unit: the header row 3, an empty row, the heading on row 5 and the form's line on row 6.
    expect(sheet.merges).toEqual(["A1:D1", "A2:D2", "A5:D5", "A6:D6"]);
    const block = (address: string) => sheet.blocks.find((b) => b.address === address)!;
    const title = String(block("A1").values[0]![0]);
    expect(title).toBe("Kết quả đánh giá, xếp hạng: Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh) (mau-2023)");
    for (const a of ["A1", "A2", "A5", "A6"]) expect([a, block(a).wrap]).toEqual([a, true]);
    expect(block("A6").values).toEqual([[`– ${NOTE}`]]);
    // A–D together are narrower than the title, the stamp and the line: each row takes their lines (15 points each at 11 points).
    const span = sheet.columnWidths!.slice(0, 4).reduce((a, w) => a + w.width, 0);
    const height = (row: number) => sheet.rowHeights!.find((h) => h.row === row)!.height;
    expect(wrappedLines(title, span, true, 14)).toBeGreaterThanOrEqual(2);
    expect(height(1)).toBeGreaterThanOrEqual(wrappedLines(title, span, true, 14) * 15 * (14 / 11));
    for (const [row, text] of [[2, String(block("A2").values[0]![0])], [6, `– ${NOTE}`]] as const) {
      expect(wrappedLines(text, span)).toBeGreaterThanOrEqual(2);
      expect(height(row)).toBeGreaterThanOrEqual(wrappedLines(text, span) * 15);
    }
    // No merge reaches into the table's header row.
    expect(sheet.merges!.every((m) => parseRange(m).top !== 3)).toBe(true);
  });

  test("the stamp's row also fits the longer, bold sentence that replaces it when figures change after scoring", () => {
    const sheet = sheetOf({ sheets: [] }, builtin("dti-so-nganh-mau"), []);
    const changed = withInputsChangedStatus(sheet, "COUNTIFS('_index'!A:A,\"x\")", NOW, "vi");
    const status = "Số liệu của 12 đơn vị đã được sửa sau lần chấm ngày 06/05/2024: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.";
    expect(changed.blocks.find((b) => b.address === "A2")!.formulas![0]![0]).toContain(status.slice(status.indexOf(" đơn vị")));
    const span = sheet.columnWidths!.slice(0, 4).reduce((a, w) => a + w.width, 0);
    const subtitle = String(sheet.blocks.find((b) => b.address === "A2")!.values[0]![0]);
    // The row fits the stamp and the bold sentence that replaces it, whichever takes more lines (both more than one).
    expect(wrappedLines(status, span, true)).toBeGreaterThan(1);
    expect(wrappedLines(subtitle, span)).toBeGreaterThan(1);
    const row2 = changed.rowHeights!.find((h) => h.row === 2)!.height;
    expect(row2).toBeGreaterThanOrEqual(wrappedLines(status, span, true) * 15);
    expect(row2).toBeGreaterThanOrEqual(wrappedLines(subtitle, span) * 15);
    expect(changed.merges).toEqual(sheet.merges);
  });

  test("a table one page wide keeps its lines in column A on one line each, running over the cells to their right: no merge", () => {
    const sheet = sheetOf(demoSnapshot(), demoModel());
    expect(sheet.print?.columnBreaksBefore).toBeUndefined();
    expect(sheet.merges).toBeUndefined();
    expect(sheet.blocks.filter((b) => b.wrap && parseRange(b.address).top !== 3 && parseRange(b.address).left === 1).map((b) => b.address)).toEqual([]);
    expect(sheet.rowHeights!.filter((h) => h.row < 3 || h.row > 3 + 3)).toEqual([{ row: 1, height: 21 }]);
    expect(withInputsChangedStatus(sheet, "0", NOW, "vi").rowHeights).toEqual(sheet.rowHeights);
  });
});

describe("long unit names", () => {
  test("a name too long for its column wraps in a row tall enough for its lines, so it prints whole; the other rows keep one line", () => {
    const long = "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn và các khu công nghiệp tỉnh";
    const { plan } = run(provinces([["HN", "Hà Nội", HALF], ["BQL", long, HALF.map(() => 0.6)], ["DN", "Đà Nẵng", HALF.map(() => 0.4)]]), builtin("dti-tinh-922-2022"));
    const sheet = plan.owned.find((o) => o.name === "Kết quả")!;
    const { header, rows } = table(sheet);
    const column = header.indexOf("Tỉnh");
    const letter = String.fromCharCode(65 + column);
    // The long name is ranked first: row 4, under the header row.
    expect(rows.map((r) => r[column])).toEqual([long, "Hà Nội", "Đà Nẵng"]);
    const width = sheet.columnWidths!.find((w) => w.column === letter)!.width;
    // The column stops at 50 character widths, narrower than the name, which then wraps.
    expect(width).toBeLessThanOrEqual(50);
    expect(long.length).toBeGreaterThan(width);
    const wrapped = sheet.blocks.filter((b) => b.wrap && b.address.startsWith(letter) && b.address !== `${letter}3`);
    expect(wrapped).toEqual([{ address: `${letter}4`, values: [[long]], numberFormat: "@", wrap: true }]);
    const height = (row: number) => sheet.rowHeights!.find((h) => h.row === row)?.height;
    // Two lines of 15 points and a little room; the short names keep the usual line.
    expect(height(4)).toBeGreaterThanOrEqual(30);
    expect(height(5)).toBeUndefined();
    expect(height(6)).toBeUndefined();
  });
});

describe("the coverage column", () => {
  /** Three indicators, a minimum coverage of `minCoverage`; U1 has figures for `u1` of them, U2 for all three. */
  function coverageRun(minCoverage: number, u1: (number | null)[], lang: "vi" | "en" = "vi") {
    const parsed = parseDefinition({
      format: "index-definition/1",
      id: "do-phu",
      version: "1",
      name: "Độ phủ",
      ranking: { minCoverage },
      root: {
        code: "R",
        name: "Tổng",
        children: ["a", "b", "c"].map((code) => ({ code, name: `Chỉ tiêu ${code}`, max: 10, rule: { kind: "fraction" } })),
      },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const snapshot: WorkbookSnapshot = { sheets: [{ name: "Bảng", values: [["Mã đơn vị", "Đơn vị", "a", "b", "c"], ["U1", "Một", ...u1], ["U2", "Hai", 1, 1, 1]] }] };
    const { plan, table: scores, issues } = run(snapshot, parsed.model, lang);
    const sheet = table(plan.owned.find((o) => o.name === (lang === "vi" ? "Kết quả" : "Results"))!);
    const column = sheet.header.indexOf(lang === "vi" ? "Tỷ lệ chỉ tiêu có số liệu" : "Data coverage");
    const note = sheet.header.indexOf(lang === "vi" ? "Ghi chú" : "Note");
    const row = (code: string) => sheet.rows.findIndex((r) => r[1] === code);
    /** The unit's coverage as Excel and LibreOffice show it in its cell's format ("0.0%": 66.7%). */
    const shown = (code: string) => `${shownAs((sheet.rows[row(code)]![column] as number) * 100, sheet.formats[row(code)]![column]!.replace(/%$/, ""))}%`;
    const cli = (code: string) => rankingTable(scores, parsed.model, issues, lang).split("\n").find((l) => l.includes(code))!;
    return { sheet, column, note, row, shown, cli };
  }

  test("2 of 3 indicators against a minimum of 67% reads 66.7%, as the not-ranked note says, in the sheet and the command line, never 67%", () => {
    const r = coverageRun(0.67, [0.5, 0.5, null]);
    const u1 = r.sheet.rows[r.row("U1")]!;
    // The cell holds the coverage itself; only its format shows a decimal more.
    expect(u1[r.column]).toBeCloseTo(2 / 3, 12);
    expect(r.sheet.formats.map((f) => f[r.column])).toEqual(["0.0%", "0.0%"]);
    expect(r.shown("U1")).toBe("66.7%");
    expect(r.shown("U2")).toBe("100.0%");
    expect(u1[r.note]).toBe("Không xếp hạng: tỷ lệ chỉ tiêu có số liệu 66,7% thấp hơn mức tối thiểu 67%");
    expect(r.cli("U1")).toMatch(/\s66,7%\s+0\s+1\s+Không xếp hạng: tỷ lệ chỉ tiêu có số liệu 66,7% thấp hơn mức tối thiểu 67%$/);
    expect(r.cli("U2")).toMatch(/\s100,0%\s+0\s+0$/);
    const en = coverageRun(0.67, [0.5, 0.5, null], "en");
    expect(en.shown("U1")).toBe("66.7%");
    expect(en.cli("U1")).toMatch(/\s66\.7%\s+0\s+1\s+Not ranked: data coverage 66\.7% is below the minimum of 67%$/);
  });

  test("a coverage well below the minimum, or none set, keeps whole percentages: 67% against 90%", () => {
    const low = coverageRun(0.9, [0.5, 0.5, null]);
    expect(low.sheet.formats.map((f) => f[low.column])).toEqual(["0%", "0%"]);
    expect(low.shown("U1")).toBe("67%");
    expect(low.cli("U1")).toMatch(/\s67%\s+0\s+1\s+Không xếp hạng: tỷ lệ chỉ tiêu có số liệu 67% thấp hơn mức tối thiểu 90%$/);
    const none = coverageRun(0, [0.5, 0.5, null]);
    expect(none.sheet.formats.map((f) => f[none.column])).toEqual(["0%", "0%"]);
    expect(none.cli("U1")).toMatch(/\s67%\s+0\s+1$/);
  });

  test("a unit to which no indicator applies has no coverage: a blank cell and \"—\" on the command line, not 100%", () => {
    const parsed = parseDefinition({
      format: "index-definition/1",
      id: "do-phu",
      version: "1",
      name: "Độ phủ",
      categories: [
        { id: "A", name: "Loại A" },
        { id: "B", name: "Loại B" },
      ],
      root: {
        code: "R",
        name: "Tổng",
        children: [
          { code: "a", name: "Chỉ tiêu a", max: 10, allowNA: true, rule: { kind: "fraction" } },
          { code: "b", name: "Chỉ tiêu b", max: 10, appliesTo: ["B"], rule: { kind: "fraction" } },
        ],
      },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    // U1 (category A) answers N/A to a, and b does not apply to it; U2 (category B) gives one of two figures.
    const snapshot: WorkbookSnapshot = {
      sheets: [{ name: "Bảng", values: [["Mã đơn vị", "Đơn vị", "Nhóm", "a", "b"], ["U1", "Một", "A", "Không áp dụng", null], ["U2", "Hai", "B", 0.5, null]] }],
    };
    for (const lang of ["vi", "en"] as const) {
      const { plan, table: scores, issues } = run(snapshot, parsed.model, lang);
      expect(scores.units.map((u) => [u.code, u.coverage])).toEqual([
        ["U1", null],
        ["U2", 0.5],
      ]);
      const sheet = table(plan.owned.find((o) => o.name === (lang === "vi" ? "Kết quả" : "Results"))!);
      const column = sheet.header.indexOf(lang === "vi" ? "Tỷ lệ chỉ tiêu có số liệu" : "Data coverage");
      const cell = (code: string) => sheet.rows.find((r) => r[1] === code)![column];
      expect([cell("U1"), cell("U2")]).toEqual([null, 0.5]);
      const cli = rankingTable(scores, parsed.model, issues, lang).split("\n");
      const coverageAt = cli[0]!.indexOf(lang === "vi" ? "Tỷ lệ chỉ tiêu có số liệu" : "Data coverage");
      const shown = (code: string) => cli.find((l) => l.includes(` ${code} `))!.slice(coverageAt).trim().split(/\s+/)[0];
      expect([shown("U1"), shown("U2")]).toEqual(["—", "50%"]);
    }
  });

  test("a minimum with a decimal is shown to that decimal: a unit at 66.7% against 66.5% reads above it, and is ranked", () => {
    const r = coverageRun(0.665, [0.5, 0.5, null]);
    expect(r.sheet.formats.map((f) => f[r.column])).toEqual(["0.0%", "0.0%"]);
    expect(r.shown("U1")).toBe("66.7%");
    expect(r.cli("U1")).toMatch(/^\s+2\s.*\s66,7%\s+0\s+1$/);
  });
});
