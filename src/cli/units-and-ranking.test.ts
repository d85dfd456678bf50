/**
 * `template`, `collect` and `score` on real files: units without a code made in separate batches, every problem of a units file at once, a same code in two gathered files,
 * evidence and self scores changed after scoring, and the ranking's figures as the sheet shows them.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parseDefinition } from "../core/definition";
import { findBuiltin } from "../indices";
import { fillDemoWorkbook } from "./demo";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-audit-"));
const INDEX = "dti-so-nganh-mau";

const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);

function model() {
  const parsed = parseDefinition(findBuiltin(INDEX)!.definition);
  if (!parsed.ok) throw new Error("built-in index does not parse");
  return parsed.model;
}

/** The forms of a template file filled in as the demo fills them (figures and evidence). */
async function fill(file: string, out: string, units: { code: string; name: string }[]): Promise<void> {
  const filled = await fillDemoWorkbook(model(), new Uint8Array(readFileSync(join(dir, file))), units);
  writeFileSync(join(dir, out), filled);
}

async function cellOf(file: string, sheet: string, address: string): Promise<ExcelJS.CellValue> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  return wb.getWorksheet(sheet)!.getCell(address).value;
}

interface ScoreJson {
  units: { code: string | null; name: string; rank: number | null }[];
  issues: { code: string; unit: string | null }[];
  stale: { changed: string[]; added: string[]; removed: string[]; message: string } | null;
}

describe("units without a code", () => {
  beforeAll(async () => {
    writeFileSync(join(dir, "dot-1.csv"), "Đơn vị\nSở Y tế\nSở Tư pháp\n");
    writeFileSync(join(dir, "dot-2.csv"), "Đơn vị\nSở Công Thương\nSở Xây dựng\n");
    for (const n of [1, 2]) expect((await run(["template", "--index", INDEX, "--units", `dot-${n}.csv`, "--out", `dot-${n}.xlsx`])).code).toBe(0);
    await fill("dot-1.xlsx", "dot-1-da-dien.xlsx", [{ code: "", name: "Sở Y tế" }, { code: "", name: "Sở Tư pháp" }]);
    await fill("dot-2.xlsx", "dot-2-da-dien.xlsx", [{ code: "", name: "Sở Công Thương" }, { code: "", name: "Sở Xây dựng" }]);
  }, 60_000);

  it("get forms with `Mã đơn vị` left blank, listed without a code on the instructions sheet", async () => {
    expect(await cellOf("dot-1.xlsx", "Sở Y tế", "A2")).toBe("Mã đơn vị");
    expect(await cellOf("dot-1.xlsx", "Sở Y tế", "B2")).toBe("");
    expect(await cellOf("dot-2.xlsx", "Sở Xây dựng", "B2")).toBe("");
  });

  it("made in two batches and gathered, are four units, each scored under its name", async () => {
    const c = await run(["collect", "dot-1-da-dien.xlsx", "dot-2-da-dien.xlsx", "--out", "dot-gom.xlsx"]);
    expect(c.code).toBe(0);
    expect(c.err).toBe("");
    expect(c.out).toContain("Đã tổng hợp 4 phiếu vào dot-gom.xlsx.");
    const s = await run(["score", "dot-gom.xlsx", "--json", "-"]);
    const json = JSON.parse(s.out) as ScoreJson;
    // Four units, none with a code made up from its name: `code` is null, as `category` is when absent.
    expect(json.units.map((u) => u.name).sort()).toEqual(["Sở Công Thương", "Sở Tư pháp", "Sở Xây dựng", "Sở Y tế"]);
    expect(json.units.map((u) => u.code)).toEqual([null, null, null, null]);
    expect(json.units.every((u) => u.rank !== null)).toBe(true);
    expect(json.issues.filter((i) => i.code === "duplicate-unit")).toEqual([]);
  }, 60_000);

  it("mixed with coded units, keep a blank code in the JSON, the results sheet and the ranking table, and the coded ones keep theirs", async () => {
    writeFileSync(join(dir, "tron.csv"), "Mã đơn vị,Đơn vị,Nhóm\nSNV,Sở Nội vụ,co-dvc\n,Sở Không Mã,co-dvc\n");
    expect((await run(["template", "--index", INDEX, "--units", "tron.csv", "--out", "tron.xlsx"])).code).toBe(0);
    await fill("tron.xlsx", "tron-da-dien.xlsx", [{ code: "SNV", name: "Sở Nội vụ" }, { code: "", name: "Sở Không Mã" }]);
    const s = await run(["score", "tron-da-dien.xlsx", "--json", "-"]);
    const json = JSON.parse(s.out) as ScoreJson;
    expect(Object.fromEntries(json.units.map((u) => [u.name, u.code]))).toEqual({ "Sở Nội vụ": "SNV", "Sở Không Mã": null });
    expect(json.units.every((u) => u.rank !== null)).toBe(true);
    // The uncoded unit's findings are filed under its name, never under an empty code.
    expect(json.issues.some((i) => i.unit === "")).toBe(false);

    expect((await run(["score", "tron-da-dien.xlsx", "--out", "tron-cham.xlsx"])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "tron-cham.xlsx"));
    const results = wb.getWorksheet("Kết quả")!;
    expect([results.getCell("B3").value, results.getCell("C3").value]).toEqual(["Mã sở, ban, ngành", "Sở, ban, ngành"]);
    const rows = [4, 5].map((r) => [results.getCell(`B${r}`).value ?? "", results.getCell(`C${r}`).value]);
    expect(rows.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      ["", "Sở Không Mã"],
      ["SNV", "Sở Nội vụ"],
    ]);

    // The terminal's table: the code column is blank for the unit without one, not its name again.
    const table = await run(["score", "tron-da-dien.xlsx"]);
    const line = table.out.split("\n").find((l) => l.includes("Sở Không Mã"))!;
    expect(line).toBeDefined();
    expect(line.split("Sở Không Mã").length).toBe(2);
    expect(table.out.split("\n").find((l) => l.includes("Sở Nội vụ"))).toContain("SNV");
  }, 60_000);

  it("gathered blank first, then filled, have the filled form take the blank one's place", async () => {
    expect((await run(["collect", "dot-1.xlsx", "--out", "dot-hai-lan.xlsx"])).code).toBe(0);
    const second = await run(["collect", "dot-1-da-dien.xlsx", "--out", "dot-hai-lan.xlsx"]);
    expect(second.code).toBe(0);
    expect(second.out).toContain("(thay phiếu trống 'Sở Y tế' đã có trong sổ)");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "dot-hai-lan.xlsx"));
    expect(wb.worksheets.map((w) => w.name).filter((n) => n.startsWith("Sở"))).toEqual(["Sở Y tế", "Sở Tư pháp"]);
  }, 60_000);

  it("have the same filled form given twice taken once, the second said to be the same, named by the unit's name", async () => {
    const r = await run(["collect", "dot-1-da-dien.xlsx", "dot-1-da-dien.xlsx", "--out", "dot-trung.xlsx"]);
    expect(r.out).toContain(`  - dot-1-da-dien.xlsx: Trang tính 'Sở Y tế': giống hệt phiếu của đơn vị "Sở Y tế" đã lấy từ tệp thứ 1, dot-1-da-dien.xlsx (trang 'Sở Y tế') nên không chép lại; không cần làm gì.`);
    const en = await run(["collect", "dot-1-da-dien.xlsx", "dot-1-da-dien.xlsx", "--out", "dot-trung-en.xlsx", "--lang", "en"], "en");
    expect(en.out).toContain(`Sheet 'Sở Y tế': the same form as the one of unit "Sở Y tế" taken from file no. 1, dot-1-da-dien.xlsx (sheet 'Sở Y tế'), so it was not copied again; nothing needs doing.`);
  }, 60_000);
});

describe("collect with one code in two files", () => {
  it("warns, naming both files and both sheets, in Vietnamese and English", async () => {
    writeFileSync(join(dir, "ma-1.csv"), "Mã đơn vị,Đơn vị\nS01,Sở Y tế\n");
    writeFileSync(join(dir, "ma-2.csv"), "Mã đơn vị,Đơn vị\nS01,Sở Nội vụ\n");
    for (const n of [1, 2]) expect((await run(["template", "--index", INDEX, "--units", `ma-${n}.csv`, "--out", `ma-${n}.xlsx`])).code).toBe(0);
    const r = await run(["collect", "ma-1.xlsx", "ma-2.xlsx", "--out", "ma-gom.xlsx"]);
    expect(r.err).toBe(
      'Cảnh báo: Trang tính \'Sở Nội vụ\' (ma-2.xlsx, đơn vị "Sở Nội vụ"): trùng mã S01 với đơn vị "Sở Y tế" (trang \'Sở Y tế\', từ tệp ma-1.xlsx) nhưng khác tên. Phiếu vẫn được chép vào sổ và sẽ được báo lỗi khi chấm điểm — hãy sửa mã đơn vị cho đúng.\n',
    );
    const en = await run(["collect", "ma-1.xlsx", "ma-2.xlsx", "--out", "ma-gom-en.xlsx", "--lang", "en"], "en");
    expect(en.err).toBe(
      'Warning: Sheet \'Sở Nội vụ\' (ma-2.xlsx, unit "Sở Nội vụ"): same code S01 as unit "Sở Y tế" (sheet \'Sở Y tế\', from ma-1.xlsx), another name; copied so that scoring reports it — correct the unit code.\n',
    );
  }, 60_000);
});

describe("template with several problems in its units file", () => {
  it("names a unit whose category is left blank, with its line, in a warning, and writes its form saying why its grey rows do not apply", async () => {
    writeFileSync(join(dir, "thieu-nhom.csv"), "Mã đơn vị,Đơn vị,Nhóm\nSTC,Sở Tài chính,co-dvc\nSTP,Sở Tư pháp,\n");
    const vi = await run(["template", "--index", INDEX, "--units", "thieu-nhom.csv", "--out", "thieu-nhom.xlsx"]);
    expect(vi.code).toBe(0);
    expect(vi.err).toContain('thieu-nhom.csv, dòng 3: đơn vị "Sở Tư pháp" chưa ghi loại đơn vị (ô loại đơn vị để trống)');
    expect(vi.err).not.toContain("Sở Tài chính");
    expect(String(await cellOf("thieu-nhom.xlsx", "Sở Tư pháp", "A6"))).toContain("Đơn vị này chưa ghi loại đơn vị (ô Nhóm để trống) nên các dòng nền xám");
    const en = await run(["template", "--index", INDEX, "--units", "thieu-nhom.csv", "--out", "thieu-nhom-en.xlsx", "--lang", "en"], "en");
    expect(en.err).toContain('thieu-nhom.csv, line 3: the unit "Sở Tư pháp" has no category');
    expect(String(await cellOf("thieu-nhom-en.xlsx", "Sở Tư pháp", "A6"))).toContain("This unit has no category");
    // A list that gives no unit a category: every form says so; nothing is said.
    writeFileSync(join(dir, "khong-nhom.csv"), "Mã đơn vị,Đơn vị\nSTC,Sở Tài chính\nSTP,Sở Tư pháp\n");
    const none = await run(["template", "--index", INDEX, "--units", "khong-nhom.csv", "--out", "khong-nhom.xlsx"]);
    expect([none.code, none.err]).toEqual([0, ""]);
    expect(String(await cellOf("khong-nhom.xlsx", "Sở Tài chính", "A6"))).toContain("Đơn vị này chưa ghi loại đơn vị");
  }, 60_000);

  it("names the unknown category and the shared code, each with its line, and writes nothing", async () => {
    writeFileSync(join(dir, "hai-loi.csv"), "Mã đơn vị,Đơn vị,Nhóm\nSYT,Sở Y tế,co-dvc\nSTP,Sở Tư pháp,co-dvc\nSYT,Sở Y tế 2,khong-dvc\nSXD,Sở Xây dựng,phuong\n");
    const r = await run(["template", "--index", INDEX, "--units", "hai-loi.csv", "--out", "hai-loi.xlsx"]);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, "hai-loi.xlsx"))).toBe(false);
    const lines = r.err.trimEnd().split("\n");
    expect(lines[0]).toContain("Tệp danh sách đơn vị hai-loi.csv có 1 dòng ghi loại đơn vị không có trong bộ chỉ số");
    expect(lines).toContain('hai-loi.csv, dòng 5: loại đơn vị "phuong" không có trong bộ chỉ số.');
    expect(lines.some((l) => l.includes("hai-loi.csv có 1 mã đơn vị ghi cho nhiều đơn vị"))).toBe(true);
    expect(lines).toContain('hai-loi.csv, dòng 2 và 4: cùng mã đơn vị "SYT".');
    const en = await run(["template", "--index", INDEX, "--units", "hai-loi.csv", "--out", "hai-loi.xlsx", "--lang", "en"], "en");
    expect(en.err).toContain('hai-loi.csv, line 5: the unit category "phuong" is not in the index.');
    expect(en.err).toContain('hai-loi.csv, lines 2 and 4: the same unit code "SYT".');
  });
});

describe("results out of date after evidence or a self score changed", () => {
  /** Row of an indicator with evidence on the SYT form, and the form's sheet. */
  async function edit(from: string, to: string, change: (ws: ExcelJS.Worksheet, row: number) => void): Promise<void> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, from));
    const ws = wb.getWorksheet("Sở Y tế")!;
    let row = 0;
    ws.eachRow((r, n) => {
      if (row === 0 && n > 8 && typeof r.getCell(7).value === "string" && r.getCell(7).value !== "") row = n;
    });
    expect(row).toBeGreaterThan(0);
    change(ws, row);
    await wb.xlsx.writeFile(join(dir, to));
  }

  beforeAll(async () => {
    writeFileSync(join(dir, "cu.csv"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\nSTP,Sở Tư pháp\n");
    expect((await run(["template", "--index", INDEX, "--units", "cu.csv", "--out", "cu.xlsx"])).code).toBe(0);
    await fill("cu.xlsx", "cu-da-dien.xlsx", [{ code: "SYT", name: "Sở Y tế" }, { code: "STP", name: "Sở Tư pháp" }]);
    await run(["score", "cu-da-dien.xlsx", "--out", "cu-da-cham.xlsx"]);
  }, 60_000);

  it("is not said of a workbook left as scored", async () => {
    expect((JSON.parse((await run(["validate", "cu-da-cham.xlsx", "--json", "-"])).out) as ScoreJson).stale).toBeNull();
  });

  it("is said when evidence was removed", async () => {
    await edit("cu-da-cham.xlsx", "cu-bo-minh-chung.xlsx", (ws, r) => (ws.getCell(r, 7).value = null));
    const r = await run(["validate", "cu-bo-minh-chung.xlsx", "--json", "-"]);
    const stale = (JSON.parse(r.out) as ScoreJson).stale;
    expect(stale).toMatchObject({ changed: ["SYT"], added: [], removed: [] });
    // The index compares units (a "relative" rule): the other units' points may change too, it says.
    expect(stale!.message).toMatch(/^Kết quả đã cũ: 1 sở, ban, ngành đã thay đổi số liệu .*\(Sở Y tế\)\. Bộ chỉ số có chỉ tiêu so sánh giữa các sở, ban, ngành, nên điểm và hạng của các sở, ban, ngành khác cũng có thể thay đổi\. Hãy chấm điểm lại\.$/);
  }, 30_000);

  it("is said when a self score was typed", async () => {
    await edit("cu-da-cham.xlsx", "cu-tu-cham.xlsx", (ws, r) => (ws.getCell(r, 6).value = 1));
    const r = await run(["validate", "cu-tu-cham.xlsx", "--json", "-"]);
    expect((JSON.parse(r.out) as ScoreJson).stale).toMatchObject({ changed: ["SYT"], added: [], removed: [] });
  }, 30_000);
});

describe("the ranking printed by score", () => {
  it("shows the figures the index ranks on with its decimals, so that tied units show the same figure", async () => {
    writeFileSync(
      join(dir, "hdi.csv"),
      "Mã đơn vị,Đơn vị,le,eys,mys,gnipc\nISL,Iceland,82.815,19.10672951,13.76716995,54688.37921\nDNK,Denmark,81.882,18.77403069,12.96049023,62018.95694\nSWE,Sweden,83.505,19.03676987,12.67372015,56995.84796\n",
    );
    const r = await run(["score", "hdi.csv", "--index", "undp-hdi"]);
    const rows = r.out.split("\n");
    expect(rows[0]).toMatch(/^Hạng\s+Mã quốc gia\s+Quốc gia\s+Giá trị\s+Tỷ lệ chỉ tiêu có số liệu\s+Số lỗi\s+Số cảnh báo$/);
    // Denmark 0.95164…, Sweden 0.95239…: both 0.952 at the index's 3 decimals, both 2nd.
    expect(rows.find((l) => l.includes("DNK"))).toMatch(/^\s*2\s+DNK\s+Denmark\s+0,952\s/);
    expect(rows.find((l) => l.includes("SWE"))).toMatch(/^\s*2\s+SWE\s+Sweden\s+0,952\s/);
    expect(rows.find((l) => l.includes("ISL"))).toMatch(/^\s*1\s+ISL\s+Iceland\s+0,959\s/);
    const en = await run(["score", "hdi.csv", "--index", "undp-hdi", "--lang", "en"], "en");
    expect(en.out.split("\n").find((l) => l.includes("SWE"))).toMatch(/\s0\.952\s/);
  }, 30_000);
});

describe("a table scored from a CSV file", () => {
  it("is in the scored workbook as a sheet whose columns fit their text, and its figures are watched by the workbook's out-of-date line", async () => {
    const m = model();
    const codes = [...m.inputs.keys()];
    const header = ["Mã đơn vị", "Đơn vị", ...codes].join(",");
    const line = (code: string, name: string) => [code, name, ...codes.map(() => "1")].join(",");
    writeFileSync(join(dir, "bang-so-lieu.csv"), [header, line("SYT", "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh"), line("STP", "Sở Tư pháp")].join("\n") + "\n");
    const r = await run(["score", "bang-so-lieu.csv", "--index", INDEX, "--out", "bang-so-lieu.xlsx"]);
    expect([0, 1]).toContain(r.code);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "bang-so-lieu.xlsx"));
    const data = wb.getWorksheet("bang-so-lieu")!;
    // The long name's column is wide enough to show it (Excel's width is in characters).
    expect(data.getColumn(2).width).toBeGreaterThanOrEqual(50);
    expect(data.getColumn(1).width).toBeGreaterThanOrEqual(9);
    // `_index` keeps a flag row for each unit, on the data sheet.
    const index = wb.getWorksheet("_index")!;
    const flags: string[] = [];
    index.eachRow((row) => {
      if (row.getCell(1).value === "inputs") flags.push(String(row.getCell(4).value));
    });
    expect(flags).toEqual(["bang-so-lieu", "bang-so-lieu"]);
    // The results sheet's subtitle is the formula that turns into the warning when a figure changes.
    const a2 = wb.getWorksheet("Kết quả")!.getCell("A2");
    expect(a2.formula).toContain("COUNTIFS('_index'!$A:$A,\"inputs\"");
  }, 60_000);
});
