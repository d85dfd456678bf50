/**
 * Files as officials send them, read by the command line: a table whose header row comes again
 * further down (two exports pasted one under the other), yes/no answers ticked with check marks,
 * figures kept as text with Excel's leading apostrophe, a form's codes retyped as a numbered list
 * ("2.2.a.") or in capitals, a form with a row numbering its columns under the header, one unit
 * sent twice with its code retyped in other letter case, an .xlsx workbook renamed .xls (or with
 * no extension), and a workbook of 0 bytes. Real files, written and read back.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { communeIndex, runCli } from "./test-run";
import { workbookWithoutWorksheet } from "../hosts/xlsx/test-workbooks";

const dir = mkdtempSync(join(tmpdir(), "dti-submissions-"));
const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);

const HEADER = "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b";
const ROWS = ["X01,Xã An Bình,Có,80%,8,10", "X02,Xã Tân Phú,Không,50%,3,10", "X03,Xã Hòa Lạc,Có,90%,10,10"];

interface Json {
  units: { code: string; name: string; points: number; rank: number | null }[];
  issues: { severity: string; code: string; sheet: string | null; cell: string | null; message: string }[];
}

async function score(file: string, lang: "vi" | "en" = "vi"): Promise<{ code: number; json: Json }> {
  const r = await run(["score", file, "--index", "xa.json", "--json", "-", "--lang", lang], lang);
  return { code: r.code, json: JSON.parse(r.out) as Json };
}

const points = (json: Json): Record<string, number> => Object.fromEntries(json.units.map((u) => [u.code, u.points]));

/** A workbook of one sheet "Tổng hợp" holding `rows` from A1. */
async function tableWorkbook(file: string, rows: (string | number)[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Tổng hợp");
  rows.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
  await wb.xlsx.writeFile(join(dir, file));
}

beforeAll(() => {
  writeFileSync(join(dir, "xa.json"), JSON.stringify(communeIndex({ name: "Tỷ lệ hồ sơ trực tuyến", rule: { kind: "fraction" } })));
  writeFileSync(join(dir, "mot-bang.csv"), [HEADER, ...ROWS].join("\r\n") + "\r\n");
});

describe("a table whose header row comes again further down", () => {
  it("CSV: the repeated header is left out with a note naming both rows, in both languages; the units score as in one table", async () => {
    writeFileSync(join(dir, "hai-bang.csv"), [HEADER, ROWS[0], HEADER, ROWS[1], ROWS[2]].join("\r\n") + "\r\n");
    const one = await score("mot-bang.csv");
    const two = await score("hai-bang.csv");
    expect(two.code).toBe(0);
    expect(two.json.units.map((u) => u.code).sort()).toEqual(["X01", "X02", "X03"]);
    expect(points(two.json)).toEqual(points(one.json));
    const notes = two.json.issues.filter((i) => i.code === "header-row-repeated");
    expect(notes).toEqual([expect.objectContaining({ severity: "info", sheet: "hai-bang" })]);
    expect(notes[0]!.message).toBe(
      "Tệp hai-bang.csv, dòng 3: dòng này lặp lại dòng tiêu đề của bảng (dòng 1), không phải một đơn vị, nên được bỏ qua (không chấm, không xếp hạng); có thể hai bảng đã được dán nối nhau — nếu vậy, hãy xóa dòng này.",
    );
    // No finding about any cell of that row (it was read as a unit named "Đơn vị" with an error at each cell).
    expect(two.json.issues.filter((i) => i.severity !== "info")).toEqual(one.json.issues.filter((i) => i.severity !== "info"));
    const en = await run(["validate", "hai-bang.csv", "--index", "xa.json", "--lang", "en"], "en");
    expect(en.code).toBe(0);
    expect(en.out).toContain(
      "File hai-bang.csv, row 3: the row repeats the table's header row (row 1), is not a unit, and is left out (not scored or ranked); two tables may have been pasted one under the other — if so, delete this row.",
    );
  });

  it("a sheet: the repeated header (its cells as typed, codes with their names) is left out at its unit-name cell", async () => {
    const header = ["Mã đơn vị", "Đơn vị", "1.1 – Có kế hoạch", "2.1", "2.2.a", "2.2.b"];
    const cells = (line: string): (string | number)[] => line.split(",").map((v, c) => (c >= 4 ? Number(v) : v));
    await tableWorkbook("hai-bang.xlsx", [header, cells(ROWS[0]!), ["", "ĐƠN VỊ", "1.1", "", "2.2.a", "2.2.b"], cells(ROWS[1]!), cells(ROWS[2]!)]);
    const r = await score("hai-bang.xlsx", "en");
    expect(r.code).toBe(0);
    expect(r.json.units.map((u) => u.code).sort()).toEqual(["X01", "X02", "X03"]);
    expect(points(r.json)).toEqual(points((await score("mot-bang.csv")).json));
    expect(r.json.issues.filter((i) => i.code === "header-row-repeated")).toEqual([
      expect.objectContaining({
        severity: "info",
        sheet: "Tổng hợp",
        cell: "B3",
        message: expect.stringMatching(/^Sheet 'Tổng hợp', row 3: the row repeats the table's header row \(row 1\), is not a unit/),
      }),
    ]);
  });

  it("a unit named like the column, with a code or figures of its own, is still a unit", async () => {
    writeFileSync(join(dir, "ten-la-don-vi.csv"), [HEADER, ROWS[0], "DV,Đơn vị,Có,60%,2.2.a,2.2.b", "X04,Đơn vị,Có,70%,5,10"].join("\n") + "\n");
    const r = await score("ten-la-don-vi.csv", "en");
    expect(r.code).toBe(1);
    expect(r.json.units.map((u) => u.code).sort()).toEqual(["DV", "X01", "X04"]);
    expect(r.json.issues.map((i) => i.code)).not.toContain("header-row-repeated");
    expect(r.json.issues.filter((i) => i.code === "not-a-number").map((i) => i.cell)).toEqual(["E3", "F3"]);
  });
});

describe("yes/no answers ticked with a check mark", () => {
  it("✓, ✔️ and a Word check box ticked (☒) read as yes, an empty one (☐) as no; a cross stays unread", async () => {
    writeFileSync(
      join(dir, "dau-tick.csv"),
      [HEADER, "X01,Xã An Bình,✓,80%,8,10", "X02,Xã Tân Phú,☐,50%,3,10", "X03,Xã Hòa Lạc,✔️,90%,10,10", "X04,Xã Hòa Bình,☒,90%,10,10", "X05,Xã Mỹ Lộc,✗,90%,10,10"].join("\n") + "\n",
    );
    const r = await score("dau-tick.csv", "en");
    expect(r.code).toBe(1);
    const byCode = Object.fromEntries(r.json.units.map((u) => [u.code, u.points]));
    // 1.1 is 10 points yes or 0 no; 2.1 is 10 × the share; 2.2 is 10 × 2.2.a / 2.2.b.
    expect(byCode).toEqual({ X01: 26, X02: 8, X03: 29, X04: 29, X05: 19 });
    expect(r.json.issues.filter((i) => i.severity === "error")).toEqual([
      expect.objectContaining({ code: "not-a-boolean", cell: "C6", message: expect.stringMatching(/^File dau-tick\.csv, row 6, column C: "✗" is not a yes\/no answer/) }),
    ]);
  });
});

describe("figures kept as text with Excel's leading apostrophe", () => {
  it("'8 in a CSV field and in a text cell is the figure 8", async () => {
    writeFileSync(join(dir, "nhay.csv"), [HEADER, "X01,Xã An Bình,Có,80%,'8,'10", ROWS[1], ROWS[2]].join("\n") + "\n");
    const csv = await score("nhay.csv");
    expect(csv.code).toBe(0);
    expect(points(csv.json)).toEqual(points((await score("mot-bang.csv")).json));
    await tableWorkbook("nhay.xlsx", [HEADER.split(","), ["X01", "Xã An Bình", "Có", 0.8, "'8", "' 10"], ["X02", "Xã Tân Phú", "Không", 0.5, "'-3", 10]]);
    const xlsx = await score("nhay.xlsx", "en");
    expect(xlsx.code).toBe(1);
    expect(points(xlsx.json).X01).toBe(26);
    // The figure after the apostrophe is read as any other: a negative count is out of range.
    expect(xlsx.json.issues.find((i) => i.cell === "E3")).toEqual(expect.objectContaining({ code: "out-of-range", severity: "error" }));
  });
});

describe("a workbook of 0 bytes", () => {
  it("is said to be empty, in both languages, by score and by collect", async () => {
    writeFileSync(join(dir, "rong.xlsx"), "");
    const vi = await run(["score", "rong.xlsx"]);
    expect(vi.code).toBe(2);
    expect(vi.err).toBe("Tệp rong.xlsx rỗng (0 byte), không có gì để đọc; hãy kiểm tra lại tệp (có thể tệp chưa được lưu hết).\n");
    const en = await run(["validate", "rong.xlsx", "--lang", "en"], "en");
    expect(en.code).toBe(2);
    expect(en.err).toBe("The file rong.xlsx is empty (0 bytes): there is nothing to read; check the file (it may not have been saved completely).\n");
    const collected = await run(["collect", "rong.xlsx", "--out", "gop.xlsx", "--lang", "en"], "en");
    expect(collected.code).toBe(2);
    expect(collected.out + collected.err).toContain("rong.xlsx is empty (0 bytes)");
  });
});

describe("a form whose codes were retyped", () => {
  it("a code ending in a full stop or typed in capitals names its row: figures read, the score written on the row", async () => {
    writeFileSync(join(dir, "dv.csv"), "Mã đơn vị,Đơn vị\nX01,Xã An Bình\n");
    expect((await run(["template", "--index", "xa.json", "--units", "dv.csv", "--out", "phieu.xlsx"])).code).toBe(0);
    const fill = async (file: string, codes: Record<string, string>): Promise<void> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, "phieu.xlsx"));
      const ws = wb.getWorksheet("Xã An Bình")!;
      const figures: Record<string, string | number> = { "1.1": "Có", "2.1": 0.8, "2.2.a": 8, "2.2.b": 10 };
      ws.eachRow((row) => {
        const code = String(row.getCell(1).value ?? "");
        if (figures[code] !== undefined) row.getCell(4).value = figures[code]!;
        if (codes[code] !== undefined) row.getCell(1).value = codes[code]!;
      });
      await wb.xlsx.writeFile(join(dir, file));
    };
    await fill("ma-goc.xlsx", {});
    await fill("ma-go-lai.xlsx", { "1.1": "1.1.", "2.2.a": "2.2.a.", "2.2.b": "2.2.B", "2": "2." });
    const asMade = await score("ma-goc.xlsx", "en");
    const retyped = await score("ma-go-lai.xlsx", "en");
    expect(asMade.json.units).toEqual([expect.objectContaining({ code: "X01", points: 26 })]);
    expect(retyped.json.units).toEqual(asMade.json.units);
    expect(retyped.json.issues.map((i) => i.code)).toEqual(asMade.json.issues.map((i) => i.code));
    expect(retyped.json.issues.map((i) => i.code)).not.toContain("unknown-code");
    expect(retyped.json.issues.map((i) => i.code)).not.toContain("missing-row");
    // The scored form has the points on the rows whose codes were retyped.
    expect((await run(["score", "ma-go-lai.xlsx", "--index", "xa.json", "--out", "ma-go-lai-cham.xlsx"])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "ma-go-lai-cham.xlsx"));
    const ws = wb.getWorksheet("Xã An Bình")!;
    const header = ws.getRow(ws.getColumn(1).values.findIndex((v) => v === "Mã")).values as unknown[];
    const scoreCol = header.findIndex((v) => v === "Điểm");
    const scoreOf = (code: string): unknown => {
      let found: unknown;
      ws.eachRow((row) => {
        if (row.getCell(1).value === code) found = row.getCell(scoreCol).value;
      });
      return found;
    };
    expect(scoreCol).toBeGreaterThan(0);
    expect(scoreOf("1.1.")).toBe(10);
    expect(scoreOf("2.2")).toBe(8);
  });
});

describe("a form with a row numbering its columns under the header", () => {
  it("1 2 3… or (1) (2) (3)… is no row of group 1: nothing said of it, the figures and scores as without it", async () => {
    writeFileSync(join(dir, "dv1.csv"), "Mã đơn vị,Đơn vị\nX01,Xã An Bình\n");
    expect((await run(["template", "--index", "xa.json", "--units", "dv1.csv", "--out", "phieu-so.xlsx"])).code).toBe(0);
    const fill = async (file: string, numbering?: (n: number) => string | number): Promise<void> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, "phieu-so.xlsx"));
      const ws = wb.getWorksheet("Xã An Bình")!;
      const figures: Record<string, string | number> = { "1.1": "Có", "2.1": 0.8, "2.2.a": 8, "2.2.b": 10 };
      let headerRow = 0;
      ws.eachRow((row, r) => {
        const code = String(row.getCell(1).value ?? "");
        if (code === "Mã") headerRow = r;
        if (figures[code] !== undefined) row.getCell(4).value = figures[code]!;
      });
      if (numbering) {
        const width = (ws.getRow(headerRow).values as unknown[]).filter((v) => v !== null && v !== undefined && v !== "").length;
        ws.spliceRows(headerRow + 1, 0, Array.from({ length: width }, (_, i) => numbering(i + 1)));
      }
      await wb.xlsx.writeFile(join(dir, file));
    };
    await fill("khong-so-cot.xlsx");
    await fill("so-cot.xlsx", (n) => n);
    await fill("so-cot-ngoac.xlsx", (n) => `(${n})`);
    const plain = await score("khong-so-cot.xlsx", "en");
    expect(plain.json.units).toEqual([expect.objectContaining({ code: "X01", points: 26 })]);
    for (const file of ["so-cot.xlsx", "so-cot-ngoac.xlsx"]) {
      const r = await score(file, "en");
      expect(r.code).toBe(plain.code);
      expect(r.json.units).toEqual(plain.json.units);
      // No "row 1 takes no value", "code 1 is on two rows", self score of group 1 or unknown code "(1)".
      expect(r.json.issues.map((i) => i.code)).toEqual(plain.json.issues.map((i) => i.code));
    }
  });
});

describe("two units whose codes differ only in letter case", () => {
  it("a table: both scored and ranked, with a warning at the later code naming the first, in both languages", async () => {
    writeFileSync(join(dir, "ma-hoa-thuong.csv"), [HEADER, ROWS[0], ROWS[1], "x01 ,Xã An Bình,Có,80%,8,10"].join("\n") + "\n");
    const r = await score("ma-hoa-thuong.csv", "en");
    expect(r.code).toBe(0);
    expect(r.json.units.map((u) => u.code).sort()).toEqual(["X01", "X02", "x01"]);
    expect(r.json.issues.filter((i) => i.code === "unit-code-case")).toEqual([
      expect.objectContaining({
        severity: "warning",
        cell: "A4",
        message:
          'File ma-hoa-thuong.csv, row 4, column A: the unit code "x01" ("Xã An Bình") differs from the code "X01" ("Xã An Bình", row 2) only in letter case; the two are scored and ranked as separate units. If they are one unit (sent twice), keep one copy and delete the other; otherwise give them codes that tell them apart.',
      }),
    ]);
    const vi = await run(["validate", "ma-hoa-thuong.csv", "--index", "xa.json"]);
    expect(vi.out).toContain('Tệp ma-hoa-thuong.csv, dòng 4, cột A: mã đơn vị "x01" ("Xã An Bình") chỉ khác mã "X01" ("Xã An Bình", dòng 2) ở chữ hoa, chữ thường;');
  });

  it("forms collected from two files: said once, at the later form's code cell", async () => {
    writeFileSync(join(dir, "dv2.csv"), "Mã đơn vị,Đơn vị\nX01,Xã An Bình\n");
    expect((await run(["template", "--index", "xa.json", "--units", "dv2.csv", "--out", "ban-1.xlsx"])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "ban-1.xlsx"));
    const ws = wb.getWorksheet("Xã An Bình")!;
    let codeCell = "";
    ws.eachRow((row) => {
      if (row.getCell(1).value === "Mã đơn vị") codeCell = row.getCell(2).address;
    });
    ws.getCell(codeCell).value = "x01";
    await wb.xlsx.writeFile(join(dir, "ban-2.xlsx"));
    expect((await run(["collect", "ban-1.xlsx", "ban-2.xlsx", "--out", "gop-hai-ban.xlsx"])).code).toBe(0);
    const r = await score("gop-hai-ban.xlsx", "en");
    expect(r.json.units.map((u) => u.code).sort()).toEqual(["X01", "x01"]);
    const said = r.json.issues.filter((i) => i.code === "unit-code-case");
    expect(said).toEqual([expect.objectContaining({ sheet: "Xã An Bình (2)", cell: codeCell })]);
    expect(said[0]!.message).toContain(`differs from the code "X01" ("Xã An Bình", at 'Xã An Bình'!${codeCell}) only in letter case`);
  });
});

describe("an .xlsx workbook renamed", () => {
  it(".xls, .ods or no extension: said to be an .xlsx workbook to rename, by score, validate and collect, in both languages", async () => {
    await tableWorkbook("bang-that.xlsx", [HEADER.split(","), ["X01", "Xã An Bình", "Có", 0.8, 8, 10]]);
    for (const f of ["bang.xls", "bang.ods", "bang"]) copyFileSync(join(dir, "bang-that.xlsx"), join(dir, f));
    const vi = await run(["score", "bang.xls", "--index", "xa.json"]);
    expect(vi.code).toBe(2);
    expect(vi.err).toBe("Tệp bang.xls là sổ làm việc Excel (.xlsx) nhưng mang đuôi .xls; hãy đổi đuôi tên tệp thành .xlsx rồi chạy lại.\n");
    const en = await run(["validate", "bang.ods", "--index", "xa.json", "--lang", "en"], "en");
    expect(en.code).toBe(2);
    expect(en.err).toBe("The file bang.ods is an Excel workbook (.xlsx) whose name ends in .ods; rename it to end in .xlsx and run again.\n");
    expect((await run(["score", "bang", "--index", "xa.json", "--lang", "en"], "en")).err).toBe(
      "The file bang is an Excel workbook (.xlsx) but its name has no extension; add .xlsx to its name and run again.\n",
    );
    const alone = await run(["collect", "bang.xls", "--out", "gop-xls.xlsx", "--lang", "en"], "en");
    expect(alone.code).toBe(2);
    expect(alone.err).toBe("The file bang.xls is an Excel workbook (.xlsx) whose name ends in .xls; rename it to end in .xlsx and run again.\n");
    writeFileSync(join(dir, "dv3.csv"), "Mã đơn vị,Đơn vị\nX01,Xã An Bình\n");
    expect((await run(["template", "--index", "xa.json", "--units", "dv3.csv", "--out", "phieu-3.xlsx"])).code).toBe(0);
    const withOthers = await run(["collect", "bang.xls", "phieu-3.xlsx", "--out", "gop-xls.xlsx", "--lang", "en"], "en");
    expect(withOthers.code).toBe(1);
    expect(withOthers.out).toContain("bang.xls: The file bang.xls is an Excel workbook (.xlsx) whose name ends in .xls; rename it");
    // A real Excel 97–2003 file (a compound file) is still said to be one.
    writeFileSync(join(dir, "cu.xls"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect((await run(["score", "cu.xls", "--index", "xa.json", "--lang", "en"], "en")).err).toContain("(Excel 97–2003) cannot be read");
  });
});

describe("a file that is not what its name says", () => {
  it("an .xls, an .ods or a workbook with a password to open named .csv, and a web page or a table of text named .xls, are said as what they are, by score, template and collect", async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    writeFileSync(join(dir, "cu.csv"), xls);
    writeFileSync(join(dir, "khoa.csv"), Buffer.concat([xls, Buffer.from("EncryptedPackage", "utf16le")]));
    writeFileSync(join(dir, "trang.xls"), "<html><body><table><tr><td>Mã đơn vị</td></tr></table></body></html>");
    writeFileSync(join(dir, "bang-tab.xls"), "Mã đơn vị\tĐơn vị\nX01\tXã An Bình\n");
    writeFileSync(join(dir, "anh.csv"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const said = async (argv: string[]) => {
      const r = await run([...argv, "--lang", "en"], "en");
      return [r.code, r.err.trim()];
    };
    expect(await said(["score", "cu.csv", "--index", "xa.json"])).toEqual([2, "The file cu.csv is an Excel 97–2003 workbook (.xls) named .csv, so it cannot be read; open it in Excel or LibreOffice Calc and save it as .xlsx."]);
    // Without --index: what the file is, not that an index is needed.
    expect(await said(["score", "khoa.csv"])).toEqual([2, expect.stringMatching(/^The file khoa\.csv is protected by a password to open/)]);
    expect(await said(["validate", "trang.xls", "--index", "xa.json"])).toEqual([2, expect.stringMatching(/^The file trang\.xls is a web page \(HTML\) or an XML file named \.xls/)]);
    expect(await said(["score", "bang-tab.xls", "--index", "xa.json"])).toEqual([2, expect.stringMatching(/^The file bang-tab\.xls is a table of text \(CSV\) named \.xls, so it cannot be read as a workbook; rename it to \.csv/)]);
    expect(await said(["score", "anh.csv", "--index", "xa.json"])).toEqual([2, "The file anh.csv is named .csv but is not a table of text (CSV), so it cannot be read; open it in the program that made it and save it as .xlsx or CSV UTF-8."]);
    expect(await said(["template", "--index", "xa.json", "--units", "cu.csv", "--out", "phieu-cu.xlsx"])).toEqual([2, expect.stringMatching(/^The file cu\.csv is an Excel 97–2003 workbook \(\.xls\) named \.csv/)]);
    expect(await said(["collect", "cu.csv", "--out", "gop-cu.xlsx"])).toEqual([2, expect.stringMatching(/^The file cu\.csv is an Excel 97–2003 workbook \(\.xls\) named \.csv/)]);
    const vi = await run(["collect", "trang.xls", "--out", "gop-trang.xlsx"]);
    expect([vi.code, vi.err.trim()]).toEqual([2, expect.stringMatching(/^Tệp trang\.xls là trang web \(HTML\) hoặc tệp XML mang tên \.xls/)]);
  });
});

describe("a workbook with nothing to read", () => {
  const withoutWorksheet = async (file: string, charts: boolean) => writeFileSync(join(dir, file), await workbookWithoutWorksheet(charts));

  it("only chart sheets, or no sheet at all: said so by score, validate, collect and template, not as a damaged file", async () => {
    await withoutWorksheet("bieu-do.xlsx", true);
    await withoutWorksheet("trong.xlsx", false);
    const charts = "The file bieu-do.xlsx holds only chart sheets, no worksheet, so there is nothing to read; check that this is the right file.";
    for (const argv of [["score", "bieu-do.xlsx"], ["validate", "bieu-do.xlsx", "--index", "xa.json"], ["template", "--index", "xa.json", "--units", "bieu-do.xlsx", "--out", "phieu-bd.xlsx"]]) {
      const r = await run([...argv, "--lang", "en"], "en");
      expect([argv[0], r.code, r.err.trim()]).toEqual([argv[0], 2, charts]);
    }
    const collected = await run(["collect", "bieu-do.xlsx", "--out", "gop-bd.xlsx", "--lang", "en"], "en");
    expect(collected.code).toBe(2);
    expect(collected.err).toContain(charts);
    const vi = await run(["score", "trong.xlsx", "--index", "xa.json"]);
    expect([vi.code, vi.err.trim()]).toEqual([2, "Tệp trong.xlsx không có trang tính nào nên không có gì để đọc; hãy kiểm tra xem đã chọn đúng tệp chưa."]);
  });
});

describe("a table saved by Excel on a Western Windows (Windows-1252)", () => {
  it("keeps its accented names, and says which code page it was read in", async () => {
    const text = "Unit code,Unit,1.1,2.1,2.2.a,2.2.b\nX01,São Tomé,Yes,80%,8,10\nX02,Curaçao,No,50%,3,10\n";
    writeFileSync(join(dir, "tay-au.csv"), Buffer.from(text, "latin1"));
    const r = await run(["score", "tay-au.csv", "--index", "xa.json", "--json", "-", "--lang", "en"], "en");
    expect((JSON.parse(r.out) as Json).units.map((u) => u.name).sort()).toEqual(["Curaçao", "São Tomé"]);
    expect(r.err).toContain("The file tay-au.csv is not UTF-8 and holds no Vietnamese tone marks, so it was read as Western European Windows-1252.");
  });
});
