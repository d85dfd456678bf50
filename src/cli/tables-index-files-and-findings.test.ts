/**
 * What the command line says in cases an official runs into: a table with its header row and no
 * unit's row under it, a workbook given to --index, a definition kept in `_index` that is JSON but
 * no definition, forms of an index that is not built in scored without --index, every finding
 * listed by validate, the rows of a table left out called rows, and the kinds of change in the
 * JSON `stale`. Real files, written and read back.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { communeIndex, runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-told-"));
const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);

const definition = communeIndex({ name: "Tỷ lệ hồ sơ trực tuyến", rule: { kind: "fraction" } });
const HEADER = "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b";

interface Json {
  units: unknown[];
  issues: { severity: string; code: string; sheet: string | null; cell: string | null; message: string }[];
  stale: Record<string, unknown> | null;
}

/** A workbook of one sheet "Tổng hợp": a title in row 1, then `rows`. */
async function tableWorkbook(file: string, rows: (string | number)[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Tổng hợp");
  ws.getCell("A1").value = "Số liệu chuyển đổi số các xã năm 2024";
  rows.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 2, c + 1).value = v)));
  await wb.xlsx.writeFile(join(dir, file));
}

beforeAll(async () => {
  writeFileSync(join(dir, "xa.json"), JSON.stringify(definition));
  writeFileSync(join(dir, "tieu-de.csv"), `${HEADER}\n`);
  await tableWorkbook("tieu-de.xlsx", [HEADER.split(",")]);
  await tableWorkbook("chi-dong-tong.xlsx", [HEADER.split(","), ["", "Tổng cộng", "", 1, 3, 4]]);
  writeFileSync(join(dir, "dv.csv"), "Mã đơn vị,Đơn vị\nX01,Xã An Bình\nX02,Xã Tân Phú\n");
  expect((await run(["template", "--index", "xa.json", "--units", "dv.csv", "--out", "phieu.xlsx"])).code).toBe(0);
}, 60_000);

describe("a table with its header row and no unit's row", () => {
  it("in a CSV file: validate lists the error naming the file and the header row (exit 1); score stops with that sentence (exit 2)", async () => {
    const v = await run(["validate", "tieu-de.csv", "--index", "xa.json", "--json", "-"]);
    expect(v.code).toBe(1);
    const json = JSON.parse(v.out) as Json;
    expect(json.units).toEqual([]);
    const sentence =
      "Tệp tieu-de.csv, dòng 1: đây là dòng tiêu đề của bảng tổng hợp (cột Đơn vị và các cột mang mã số liệu) nhưng bên dưới không có dòng nào của đơn vị, nên chưa chấm được đơn vị nào; hãy nhập số liệu của mỗi đơn vị trên một dòng dưới dòng tiêu đề.";
    expect(json.issues).toEqual([{ severity: "error", code: "layout-not-found", sheet: "tieu-de", cell: "A1", unit: null, node: null, message: sentence }]);
    // The list says it too, and never that there is nothing wrong.
    expect(v.err).toContain(`Lỗi: ${sentence}`);
    expect(v.err).not.toContain("Không có lỗi hoặc cảnh báo nào");
    const s = await run(["score", "tieu-de.csv", "--index", "xa.json"]);
    expect(s.code).toBe(2);
    expect(s.err).toBe(`${sentence}\n`);
    const en = await run(["score", "tieu-de.csv", "--index", "xa.json", "--lang", "en"], "en");
    expect(en.err).toBe(
      "File tieu-de.csv, row 1: this is the header row of a table of units (a Unit column and columns named by input codes), but no unit's row follows it, so no unit was scored; enter each unit's figures on a row below the header row.\n",
    );
  });

  it("in a sheet: the finding names the sheet, its header row (below a title) and cell; score names the file too", async () => {
    const v = await run(["validate", "tieu-de.xlsx", "--index", "xa.json", "--json", "-", "--lang", "en"], "en");
    expect(v.code).toBe(1);
    const issues = (JSON.parse(v.out) as Json).issues;
    expect(issues).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "layout-not-found",
        sheet: "Tổng hợp",
        cell: "A2",
        message: expect.stringMatching(/^Sheet 'Tổng hợp', row 2: this is the header row of a table of units .* but no unit's row follows it/),
      }),
    ]);
    expect(v.err).toMatch(/^Findings: 1 error\n {2}Error: Sheet 'Tổng hợp', row 2: this is the header row/);
    const s = await run(["score", "tieu-de.xlsx", "--index", "xa.json"]);
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/^Tệp tieu-de\.xlsx: Trang tính 'Tổng hợp', dòng 2: đây là dòng tiêu đề của bảng tổng hợp .*bên dưới không có dòng nào của đơn vị.*\.\n$/);
  });

  it("whose only row is a totals row: said to have no row that could be scored, beside the note on that row", async () => {
    const v = await run(["validate", "chi-dong-tong.xlsx", "--index", "xa.json", "--json", "-"]);
    expect(v.code).toBe(1);
    const issues = (JSON.parse(v.out) as Json).issues;
    expect(issues[0]).toMatchObject({ severity: "error", code: "layout-not-found", sheet: "Tổng hợp", cell: "A2" });
    expect(issues[0]!.message).toContain("Trang tính 'Tổng hợp', dòng 2: đây là dòng tiêu đề của bảng tổng hợp (cột Đơn vị và các cột mang mã số liệu) nhưng không dòng nào bên dưới chấm được (xem các mục về từng dòng)");
    expect(issues.map((i) => i.code)).toContain("summary-row");
  });
});

describe("a file given to --index that is no definition", () => {
  it("a workbook with the workbook to score or check already given: one line saying so and what --index takes, never to swap them", async () => {
    const TAKES_VI = "Tệp phieu.xlsx (--index) là sổ làm việc Excel, không phải tệp định nghĩa bộ chỉ số: --index nhận tệp định nghĩa bộ chỉ số (.json) hoặc mã bộ chỉ số có sẵn (xem dti-scorer indices).\n";
    // Swapping them would score the file given to --index: here the blank forms.
    const s = await run(["score", "tong-hop.xlsx", "--index", "phieu.xlsx", "--out", "z.xlsx"]);
    expect(s.code).toBe(2);
    expect(s.err).toBe(TAKES_VI);
    // Not read as text: no warning about its encoding, no JSON syntax error.
    expect(s.err).not.toMatch(/UTF-8|JSON hợp lệ/);
    const same = await run(["score", "phieu.xlsx", "--index", "phieu.xlsx"]);
    expect(same.err).toBe(TAKES_VI);
    const v = await run(["validate", "tong-hop.xlsx", "--index", "phieu.xlsx", "--lang", "en"], "en");
    expect(v.code).toBe(2);
    expect(v.err).toBe("The file phieu.xlsx (--index) is an Excel workbook, not an index definition file: --index takes an index definition file (.json) or a built-in id (see dti-scorer indices).\n");
    // template with its list of units given, collect with its workbooks given: the same.
    const t = await run(["template", "--index", "phieu.xlsx", "--units", "dv.csv", "--out", "z.xlsx"]);
    expect(t.code).toBe(2);
    expect(t.err).toBe(TAKES_VI);
    const c = await run(["collect", "phieu.xlsx", "--index", "phieu.xlsx", "--out", "z.xlsx"]);
    expect(c.code).toBe(2);
    expect(c.err).toBe(TAKES_VI);
  });

  it("a workbook with no workbook given (or template without --units): where the workbook goes instead", async () => {
    const v = await run(["validate", "--index", "phieu.xlsx", "--lang", "en"], "en");
    expect(v.code).toBe(2);
    expect(v.err).toBe(
      "The file phieu.xlsx (--index) is an Excel workbook, not an index definition file: --index takes an index definition file (.json) or a built-in id (see dti-scorer indices). To check a workbook, give it right after the command: dti-scorer validate phieu.xlsx.\n",
    );
    const s = await run(["score", "--index", "phieu.xlsx"]);
    expect(s.code).toBe(2);
    expect(s.err).toBe(
      "Tệp phieu.xlsx (--index) là sổ làm việc Excel, không phải tệp định nghĩa bộ chỉ số: --index nhận tệp định nghĩa bộ chỉ số (.json) hoặc mã bộ chỉ số có sẵn (xem dti-scorer indices). Sổ làm việc cần chấm ghi ngay sau tên lệnh: dti-scorer score phieu.xlsx --index <tệp.json | mã có sẵn>.\n",
    );
    const t = await run(["template", "--index", "phieu.xlsx", "--out", "z.xlsx", "--lang", "en"], "en");
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/^The file phieu\.xlsx \(--index\) is an Excel workbook, not an index definition file: .* A list of units \(\.csv or \.xlsx\) goes after --units: dti-scorer template --index <file\.json \| built-in id> --units phieu\.xlsx --out <forms\.xlsx>\.\n$/);
    const c = await run(["collect", "--index", "phieu.xlsx", "--out", "z.xlsx"]);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/ Các sổ cần tổng hợp ghi ngay sau tên lệnh: dti-scorer collect phieu\.xlsx … --out <tổng-hợp\.xlsx>\.\n$/);
    // A definition given to --index, the workbook missing: what is missing is said, as before.
    expect((await run(["score", "--index", "xa.json"])).err).toMatch(/^Lệnh score cần đúng một tệp/);
    expect((await run(["template", "--index", "xa.json", "--out", "z.xlsx"])).err).toBe("Lệnh template cần --units <đơn-vị.csv>.\n");
  });

  it("an Excel 97–2003 workbook (a compound file) is a workbook too; any other binary file is not a text file", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 0)]);
    writeFileSync(join(dir, "cu.xls"), ole);
    const xls = await run(["template", "--index", "cu.xls", "--units", "dv.csv", "--out", "p2.xlsx", "--lang", "en"], "en");
    expect(xls.code).toBe(2);
    expect(xls.err.split("\n")).toHaveLength(2);
    // Its list of units is given: what --index takes, and nothing about where the workbook goes.
    expect(xls.err).toBe("The file cu.xls (--index) is an Excel workbook, not an index definition file: --index takes an index definition file (.json) or a built-in id (see dti-scorer indices).\n");
    writeFileSync(join(dir, "anh.json"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const binary = await run(["score", "phieu.xlsx", "--index", "anh.json"]);
    expect(binary.code).toBe(2);
    expect(binary.err).toBe(
      "Tệp anh.json (--index) không phải tệp văn bản nên không phải tệp định nghĩa bộ chỉ số: --index nhận tệp định nghĩa bộ chỉ số (.json) hoặc mã bộ chỉ số có sẵn (xem dti-scorer indices).\n",
    );
  });

  it("a definition saved as UTF-16 (\"Unicode\") is still read as text", async () => {
    writeFileSync(join(dir, "xa-utf16.json"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(definition), "utf16le")]));
    const v = await run(["validate", "--index", "xa-utf16.json"]);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/^Bộ chỉ số hợp lệ: Bộ chỉ số thử cấp xã \(xa-thu@2024\)/);
  });
});

describe("the findings listed", () => {
  it("validate lists every one; score the first 15, and says validate lists them all", async () => {
    // 20 units, each without 2.1 and 2.2.b: two warnings a unit, 40 in all.
    const rows = Array.from({ length: 20 }, (_, i) => `X${String(i + 1).padStart(2, "0")},Xã ${i + 1},Có,,5,`);
    writeFileSync(join(dir, "thieu.csv"), [HEADER, ...rows].join("\n") + "\n");
    const v = await run(["validate", "thieu.csv", "--index", "xa.json"]);
    expect(v.code).toBe(0);
    const listed = v.out.split("\n").filter((l) => l.startsWith("  Cảnh báo: "));
    expect(listed).toHaveLength(40);
    expect(listed.at(-1)).toContain("Tệp thieu.csv, dòng 21");
    expect(v.out).not.toContain("mục khác");
    const s = await run(["score", "thieu.csv", "--index", "xa.json", "--lang", "en"], "en");
    expect(s.out.split("\n").filter((l) => l.startsWith("  Warning: "))).toHaveLength(15);
    expect(s.out).toContain("  … and 25 more (the validate command lists them all; so does --json).\n");
  });
});

describe("rows of a table left out of the scoring", () => {
  it("are called rows in a sheet of one row per unit, as in a CSV file", async () => {
    await tableWorkbook("trung-ma.xlsx", [HEADER.split(","), ["X01", "Xã An Bình", "Có", 0.5, 3, 4], ["X01", "Xã Tân Phú", "Có", 1, 3, 4], ["X02", "Xã Phước Long", "Không", 1, 1, 2]]);
    const vi = await run(["score", "trung-ma.xlsx", "--index", "xa.json"]);
    expect(vi.code).toBe(1);
    expect(vi.out).toContain("Đã chấm điểm và xếp hạng 2 đơn vị. 1 dòng chưa được chấm: xem các lỗi bên dưới.");
    const en = await run(["score", "trung-ma.xlsx", "--index", "xa.json", "--lang", "en"], "en");
    expect(en.out).toContain("Scored and ranked 2 units. 1 row was not scored: see the errors below.");
  });
});

describe("the index of forms never scored", () => {
  it("not built in, without --index: the sentence names the index the forms name and asks for its file", async () => {
    const vi = await run(["score", "phieu.xlsx"]);
    expect(vi.code).toBe(2);
    expect(vi.err).toBe(
      "Sổ chưa lưu bộ chỉ số và không có --index, mà các phiếu ghi bộ chỉ số xa-thu@2024 (ô Bộ chỉ số), không phải một bộ chỉ số có sẵn. Hãy chỉ rõ tệp định nghĩa của bộ chỉ số đó, tệp đã dùng để tạo phiếu: --index <tệp.json>.\n",
    );
    const en = await run(["validate", "phieu.xlsx", "--lang", "en"], "en");
    expect(en.code).toBe(2);
    expect(en.err).toContain("its forms name the index xa-thu@2024 (their Index cell), which is not a built-in index. Give that index's definition file");
  });

  it("another version of a built-in index: said to be so", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "phieu.xlsx"));
    wb.eachSheet((ws) => {
      for (let r = 1; r <= 8; r++) if (ws.getCell(r, 1).value === "Bộ chỉ số") ws.getCell(r, 2).value = "dti-so-nganh-mau@mau-2019";
    });
    await wb.xlsx.writeFile(join(dir, "phieu-2019.xlsx"));
    const r = await run(["score", "phieu-2019.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("các phiếu ghi bộ chỉ số dti-so-nganh-mau@mau-2019 (ô Bộ chỉ số), không phải một bộ chỉ số có sẵn (bộ có sẵn dti-so-nganh-mau là phiên bản khác).");
  });
});

describe("a scored workbook", () => {
  beforeAll(async () => {
    expect((await run(["score", "phieu.xlsx", "--index", "xa.json", "--out", "da-cham.xlsx"])).code).toBe(0);
  }, 30_000);

  it("whose _index keeps JSON that is no definition: said to be no valid definition, with its first problem", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "da-cham.xlsx"));
    const index = wb.getWorksheet("_index")!;
    index.eachRow((row) => {
      if (row.getCell(1).value !== "definition") return;
      row.getCell(2).value = '{"id":"xa-thu","version":"2024"}';
      for (let c = 3; c <= row.cellCount; c++) row.getCell(c).value = null;
    });
    await wb.xlsx.writeFile(join(dir, "sua-tay.xlsx"));
    const vi = await run(["score", "sua-tay.xlsx"]);
    expect(vi.code).toBe(2);
    const first = vi.err.split("\n")[0]!;
    expect(first).toMatch(/^Bộ chỉ số lưu trong trang _index không phải là định nghĩa bộ chỉ số hợp lệ: 3 lỗi; lỗi đầu tiên: format: .*\. Hãy chọn lại tệp định nghĩa bộ chỉ số \(--index\)\.$/);
    expect(vi.err).not.toContain("không đọc được JSON");
    const en = await run(["validate", "sua-tay.xlsx", "--lang", "en"], "en");
    expect(en.err.split("\n")[0]).toMatch(/^The definition kept in the _index sheet is not a valid index definition: 3 problems; the first: format: .* Choose the definition file again \(--index\)\.$/);
  });

  it("with a unit renamed since: the JSON stale says so by kind, with the name it was scored under", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "da-cham.xlsx"));
    const form = wb.getWorksheet("Xã Tân Phú")!;
    const row = [...Array(8).keys()].map((r) => form.getCell(r + 1, 1).value).indexOf("Đơn vị") + 1;
    expect(form.getCell(row, 2).value).toBe("Xã Tân Phú");
    form.getCell(row, 2).value = "Xã Tân Phú Đông";
    await wb.xlsx.writeFile(join(dir, "doi-ten.xlsx"));
    const v = await run(["validate", "doi-ten.xlsx", "--json", "-"]);
    const stale = (JSON.parse(v.out) as Json).stale!;
    expect(stale).toMatchObject({
      changed: ["X02"],
      added: [],
      removed: [],
      renamed: ["X02"],
      formerNames: { X02: "Xã Tân Phú" },
      otherIndex: [],
      unreadable: [],
    });
    expect(stale.message).toMatch(/^Kết quả đã cũ: 1 đơn vị đã đổi tên kể từ lần chấm điểm ngày .* \(Xã Tân Phú → Xã Tân Phú Đông\)\. Hãy chấm điểm lại\.$/);
  });
});
