/**
 * What the command line says of a mistake in its arguments names the file or word concerned, and
 * says what the command takes: a table of text without --index, a --units file of another kind, a
 * stray word after the command, a file given to demo --out, a file of a kind not read. And what it
 * prints is tidy: validate starts with its findings, and the progress names the file it reads, once.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "./main";
import { communeIndex, runCli, type CliRun } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-args-named-"));
const run = (argv: string[]): Promise<CliRun> => runCli(argv, dir, "vi");

writeFileSync(join(dir, "xa.json"), JSON.stringify(communeIndex({ name: "Tỷ lệ hồ sơ trực tuyến", rule: { kind: "fraction" } })));
const TABLE = "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,Có,0.5,3,4\nX02,Xã Tân Phú,Không,1,10,10\n";
writeFileSync(join(dir, "b.csv"), TABLE);
writeFileSync(join(dir, "bang-loi.csv"), TABLE + "X03,Xã Phước Long,chưa rõ,1,10,10\n");
writeFileSync(join(dir, "b.tsv"), TABLE.replace(/,/g, "\t"));
writeFileSync(join(dir, "b.txt"), TABLE.replace(/,/g, ";"));
writeFileSync(join(dir, "don-vi.csv"), "Mã đơn vị,Đơn vị\nX01,Xã An Bình\nX02,Xã Tân Phú\n");
writeFileSync(join(dir, "don-vi.txt"), "Mã đơn vị;Đơn vị\nX01;Xã An Bình\n");
writeFileSync(join(dir, "something.json"), JSON.stringify({ units: ["Xã An Bình"] }));
writeFileSync(join(dir, "ghi-chu.txt"), "ghi chú\n");
writeFileSync(join(dir, "bang.pdf"), "%PDF-1.4\n");

/** The same table as b.csv, in a workbook never scored (no _index sheet). */
async function writeTableWorkbook(name: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Số liệu");
  for (const line of TABLE.trimEnd().split("\n")) ws.addRow(line.split(","));
  await wb.xlsx.writeFile(join(dir, name));
}

describe("score and validate without --index, of a file that keeps no index", () => {
  it("names a table of text, says it cannot keep an index and to give --index (indices lists the built-in ones)", async () => {
    const r = await run(["score", "b.csv"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "Chưa có bộ chỉ số để chấm tệp b.csv: bảng văn bản (.csv) không lưu được bộ chỉ số, nên hãy ghi --index: dti-scorer score b.csv --index <tệp.json | mã có sẵn> (dti-scorer indices liệt kê các bộ chỉ số có sẵn).\n",
    );
    const v = await runCli(["validate", "b.csv", "--lang", "en"], dir);
    expect(v.code).toBe(2);
    expect(v.err).toBe(
      "No index definition to check b.csv with: a table of text (.csv) cannot keep one, so give --index: dti-scorer validate b.csv --index <file.json | built-in id> (dti-scorer indices lists the built-in ones).\n",
    );
    // The core's sentence (open a scored workbook) cannot help with a table of text: it is not said.
    expect(r.err + v.err).not.toMatch(/_index|sổ làm việc đã chấm/);
  });

  it("names a workbook never scored, and says to give --index or use a workbook scored earlier", async () => {
    await writeTableWorkbook("chua-cham.xlsx");
    const r = await run(["validate", "chua-cham.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "Chưa có bộ chỉ số để kiểm tra sổ chua-cham.xlsx: sổ không lưu bộ chỉ số (không có trang _index của lần chấm trước) và không có --index. Hãy ghi --index: dti-scorer validate chua-cham.xlsx --index <tệp.json | mã có sẵn> (dti-scorer indices liệt kê các bộ chỉ số có sẵn), hoặc kiểm tra một sổ đã chấm trước đó (sổ đó lưu bộ chỉ số đã dùng để chấm).\n",
    );
    const en = await runCli(["score", "chua-cham.xlsx", "--lang", "en"], dir);
    expect(en.code).toBe(2);
    expect(en.err).toMatch(/^No index definition to score the workbook chua-cham\.xlsx with: .*Give --index: dti-scorer score chua-cham\.xlsx --index <file\.json \| built-in id> .*, or score a workbook scored earlier \(it keeps the index it was scored with\)\.\n$/);
    // Scored once with --out, the workbook keeps its index: scored again without --index.
    expect((await run(["score", "chua-cham.xlsx", "--index", "xa.json", "--out", "da-cham.xlsx"])).code).toBe(0);
    expect((await run(["score", "da-cham.xlsx"])).code).toBe(0);
  });
});

describe("template --units", () => {
  it("refuses a file of a kind it does not read, naming it and the kinds it reads; nothing is written", async () => {
    const r = await run(["template", "--index", "xa.json", "--units", "something.json", "--out", "t.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "Tệp danh sách đơn vị something.json (--units) không đọc được: --units nhận bảng văn bản (.csv, .txt, .tsv) hoặc sổ làm việc Excel (.xlsx, .xlsm, trang tính đầu tiên), không nhận tệp .json. Tệp định nghĩa bộ chỉ số (.json) thì ghi sau --index.\n",
    );
    expect(existsSync(join(dir, "t.xlsx"))).toBe(false);
    const en = await runCli(["template", "--index", "xa.json", "--units", "bang.pdf", "--out", "t.xlsx", "--lang", "en"], dir);
    expect(en.code).toBe(2);
    expect(en.err).toBe(
      "The units file bang.pdf (--units) cannot be read: --units takes a table of text (.csv, .txt, .tsv) or an Excel workbook (.xlsx, .xlsm, its first sheet), not a .pdf file. Save the list in one of those formats.\n",
    );
    expect(existsSync(join(dir, "t.xlsx"))).toBe(false);
  });

  it("still reads every kind the sentence names: a .txt list of units", async () => {
    const r = await run(["template", "--index", "xa.json", "--units", "don-vi.txt", "--out", "phieu-txt.xlsx"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe("Đã tạo 1 phiếu tự đánh giá trong phieu-txt.xlsx.\n");
  });
});

describe("a word the command does not take is named", () => {
  it("template: a list of units typed after the command is said to go after --units", async () => {
    const r = await run(["template", "don-vi.csv", "--index", "xa.json", "--out", "t.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Lệnh template không nhận tên tệp ngay sau tên lệnh; để tạo phiếu cho các đơn vị trong danh sách don-vi.csv, dùng --units don-vi.csv.\n");
    const en = await runCli(["template", "don vi.xlsx", "--index", "xa.json", "--out", "t.xlsx", "--lang", "en"], dir);
    expect(en.err).toBe('The template command takes no file name right after it; to make forms for the units listed in don vi.xlsx, use --units "don vi.xlsx".\n');
    // Other words (or a second list beside --units) are named as they are.
    const other = await run(["template", "a", "b", "--index", "xa.json", "--units", "don-vi.csv", "--out", "t.xlsx"]);
    expect(other.err).toBe("Lệnh template không nhận tên tệp (được ghi a và b); dùng các tùy chọn (xem dti-scorer template --help).\n");
    expect(existsSync(join(dir, "t.xlsx"))).toBe(false);
    expect((await runCli(["indices", "foo", "--lang", "en"], dir)).err).toBe("The indices command takes no file names (given foo); use its options (see dti-scorer indices --help).\n");
  });

  it("score and validate name every file given when they take one", async () => {
    const two = await run(["score", "a.xlsx", "b.xlsx"]);
    expect(two.code).toBe(2);
    expect(two.err).toBe("Lệnh score cần đúng một tệp sổ làm việc (.xlsx) hoặc bảng (.csv), nhưng được ghi 2 tên tệp: a.xlsx và b.xlsx. Hãy chỉ ghi một tệp.\n");
    // A word after a flag that takes no value: the word is named.
    const extra = await runCli(["score", "b.csv", "--progress", "extra", "--lang", "en"], dir);
    expect(extra.err).toBe("The score command needs exactly one workbook (.xlsx) or table (.csv), but was given 2 files: b.csv and extra. Give one file only.\n");
    const v = await run(["validate", "b.csv", "c.csv", "--index", "xa.json"]);
    expect(v.err).toMatch(/^Lệnh validate cần đúng một tệp sổ làm việc \(\.xlsx\) hoặc bảng \(\.csv\), nhưng được ghi 2 tên tệp: b\.csv và c\.csv; để chỉ kiểm tra/);
  });
});

describe("demo --out naming a file", () => {
  it("says --out names a folder and the name is a file, and leaves the file as it was", async () => {
    writeFileSync(join(dir, "notes.txt"), "ghi chú của tôi\n");
    const r = await run(["demo", "--out", "notes.txt"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("--out của lệnh demo là thư mục để ghi các tệp mẫu, mà notes.txt là một tệp đã có; hãy ghi tên một thư mục (đã có hoặc chưa có) cho --out.\n");
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("ghi chú của tôi\n");
    const en = await runCli(["demo", "--out", "notes.txt", "--lang", "en"], dir);
    expect(en.err).toBe("The demo command's --out names the folder to write the sample files into, and notes.txt is a file; give --out the name of a folder (one that exists, or a new one).\n");
  });

  it("says the same of the default folder when a file has its name", async () => {
    const own = mkdtempSync(join(tmpdir(), "dti-args-demo-"));
    writeFileSync(join(own, "demo-output"), "");
    const r = await runCli(["demo"], own, "vi");
    expect(r.code).toBe(2);
    expect(r.err).toBe("Lệnh demo ghi các tệp mẫu vào thư mục demo-output, mà demo-output là một tệp đã có; hãy chọn thư mục khác bằng --out <thư-mục>.\n");
  });
});

describe("a file of a kind not read", () => {
  it("is refused with every kind that is read, each of which is read", async () => {
    const r = await run(["score", "bang.pdf", "--index", "xa.json"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Tệp bang.pdf không đọc được: chỉ đọc sổ làm việc Excel (.xlsx, .xlsm) hoặc bảng văn bản (.csv, .txt, .tsv); hãy lưu lại tệp ở một trong các dạng đó.\n");
    expect((await runCli(["validate", "bang.pdf", "--index", "xa.json", "--lang", "en"], dir)).err).toBe(
      "The file bang.pdf cannot be read: only Excel workbooks (.xlsx, .xlsm) and tables of text (.csv, .txt, .tsv) are read; save the file in one of those formats.\n",
    );
    // The kinds the sentence names are read: a .tsv and a .txt table score as the .csv one does.
    for (const table of ["b.tsv", "b.txt"]) {
      const scored = await run(["score", table, "--index", "xa.json"]);
      expect(scored.err).toBe("");
      expect(scored.out).toContain("Xã An Bình");
    }
    await writeTableWorkbook("bang.xlsm");
    expect((await run(["score", "bang.xlsm", "--index", "xa.json"])).out).toContain("Xã Tân Phú");
  });

  it("given to collect, says collect reads workbooks only", async () => {
    const r = await run(["collect", "bang.pdf", "--out", "gom.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Tệp bang.pdf không đọc được: lệnh collect chỉ đọc sổ làm việc Excel (.xlsx, .xlsm); hãy lưu lại tệp ở dạng .xlsx.\n");
  });
});

describe("what is printed", () => {
  it("validate starts with its findings, no blank line first; score keeps one between the ranking and them", async () => {
    const v = await run(["validate", "bang-loi.csv", "--index", "xa.json"]);
    expect(v.code).toBe(1);
    expect(v.out.startsWith("Kết quả kiểm tra: 1 lỗi")).toBe(true);
    const s = await run(["score", "bang-loi.csv", "--index", "xa.json"]);
    expect(s.out).toMatch(/Đã chấm điểm và xếp hạng 3 đơn vị\.\n\nKết quả kiểm tra: 1 lỗi/);
  });

  it("plain progress says it reads the file once, naming it", async () => {
    let err = "";
    const code = await main(["score", "b.csv", "--index", "xa.json", "--progress"], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (err += s), isTTY: false },
      cwd: dir,
      env: {},
      progressDelayMs: 0,
    });
    expect(code).toBe(0);
    const lines = err.trimEnd().split("\n");
    expect(lines[0]).toBe("Đang đọc b.csv…");
    expect(lines.filter((l) => l.startsWith("Đang đọc"))).toEqual(["Đang đọc b.csv…"]);
    expect(lines).toContain("Đang chấm điểm…");
    let collected = "";
    await main(["collect", "phieu-txt.xlsx", "da-cham.xlsx", "--out", "gom-tien-do.xlsx", "--progress", "--lang", "en"], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (collected += s), isTTY: false },
      cwd: dir,
      env: {},
      progressDelayMs: 0,
    });
    expect(collected.split("\n")[0]).toBe("Reading 2 files…");
  });
});
