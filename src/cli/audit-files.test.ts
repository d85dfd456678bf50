/**
 * What an audit of the command line found about the files it reads and writes, on real files in a
 * temporary folder: a scored --out workbook that holds what the run would lose, a --json file that
 * is no JSON, a workbook with a password to open, progress from the start, a missing output folder,
 * a workbook with no form, a file name stored in NFD, the sheet of a write warning, each problem of
 * a definition said once, an .xlsx named .csv and an empty .csv.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { main } from "./main";
import { communeIndex, runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-audit-"));
const run = (argv: string[]) => runCli(argv, dir, "vi");

const ENCRYPTED = resolve(__dirname, "..", "..", "test", "fixtures", "xlsx", "encrypted-password.xlsx");
const TABLE = "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,Có,5,3,4\nX02,Xã Tân Phú,Không,10,10,10\nX03,Xã Phước Long,Có,2,0,8\n";

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  return wb;
}

beforeAll(() => {
  writeFileSync(join(dir, "xa.json"), JSON.stringify(communeIndex({ name: "Điểm tự chấm", rule: { kind: "points" } })));
  writeFileSync(join(dir, "bang.csv"), TABLE);
  writeFileSync(join(dir, "mot.csv"), "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,Có,5,3,4\n");
  writeFileSync(join(dir, "don-vi.csv"), "Mã đơn vị,Đơn vị\nX01,Xã An Bình\nX02,Xã Tân Phú\n");
});

describe("score --out over a scored workbook that is not its input", () => {
  it("refuses when the workbook's inputs were corrected since its scoring, naming the unit, and leaves it as it was", async () => {
    expect((await run(["score", "bang.csv", "--index", "xa.json", "--out", "hoi-dong.xlsx"])).code).toBe(0);
    // The council corrects a figure in the scored workbook.
    const wb = await workbook("hoi-dong.xlsx");
    const sheet = wb.getWorksheet("bang")!;
    sheet.getCell("D3").value = "7";
    await wb.xlsx.writeFile(join(dir, "hoi-dong.xlsx"));
    const before = readFileSync(join(dir, "hoi-dong.xlsx"));

    const r = await run(["score", "bang.csv", "--index", "xa.json", "--out", "hoi-dong.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.trimEnd().split("\n")).toHaveLength(1);
    expect(r.err).toContain("hoi-dong.xlsx (--out)");
    expect(r.err).toContain('1 đơn vị đã thay đổi từ lần chấm điểm ("Xã Tân Phú"): ghi đè sẽ làm mất những thay đổi đó');
    expect(r.err).toContain("dti-scorer score hoi-dong.xlsx --out hoi-dong.xlsx");
    expect(readFileSync(join(dir, "hoi-dong.xlsx")).equals(before)).toBe(true);
    const en = await runCli(["score", "bang.csv", "--index", "xa.json", "--out", "hoi-dong.xlsx", "--lang", "en"], dir);
    expect(en.err).toMatch(/^hoi-dong\.xlsx \(--out\) is a scored workbook that holds 1 unit changed since it was scored \("Xã Tân Phú"\): writing over it would lose that change; score that workbook itself/);

    // Scoring that workbook itself keeps the correction.
    expect((await run(["score", "hoi-dong.xlsx", "--out", "hoi-dong.xlsx"])).code).toBe(0);
  });

  it("refuses when the workbook holds units the run's input does not have, naming them", async () => {
    expect((await run(["score", "bang.csv", "--index", "xa.json", "--out", "ba-don-vi.xlsx"])).code).toBe(0);
    const before = readFileSync(join(dir, "ba-don-vi.xlsx"));
    const r = await run(["score", "mot.csv", "--index", "xa.json", "--out", "ba-don-vi.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'Tệp ba-don-vi.xlsx (--out) là sổ đã chấm điểm và có 2 đơn vị không có trong tệp đầu vào của lần chấm này ("Xã Tân Phú" và "Xã Phước Long"): ghi đè sẽ làm mất các đơn vị đó. Nếu đúng là như vậy (đơn vị đã bỏ, đã gộp hoặc đã đổi mã), hãy xóa tệp đó trước, hoặc chọn tên tệp khác cho --out.\n',
    );
    // Scoring that workbook itself would score its old copy of the input: not the advice here.
    expect(r.err).not.toContain("dti-scorer score");
    expect(readFileSync(join(dir, "ba-don-vi.xlsx")).equals(before)).toBe(true);
    const en = await runCli(["score", "mot.csv", "--index", "xa.json", "--out", "ba-don-vi.xlsx", "--lang", "en"], dir);
    expect(en.err).toContain(
      'holds 2 units that this run\'s input does not have ("Xã Tân Phú" and "Xã Phước Long"): writing over it would lose them. If that is meant (a unit removed, merged, or its code changed), delete that file first, or choose another --out file name.',
    );
    const one = await runCli(["score", "bang.csv", "--index", "xa.json", "--out", "mot-don-vi.xlsx"], dir);
    expect(one.code).toBe(0);
    writeFileSync(join(dir, "hai.csv"), TABLE.split("\n").slice(0, 3).join("\n") + "\n");
    const single = await runCli(["score", "hai.csv", "--index", "xa.json", "--out", "mot-don-vi.xlsx", "--lang", "en"], dir);
    expect(single.err).toContain('holds 1 unit that this run\'s input does not have ("Xã Phước Long"): writing over it would lose it.');
  });

  it("counts the units when there are many", async () => {
    const many = Array.from({ length: 8 }, (_, i) => `Y0${i},Xã Mới ${i},Có,5,3,4`).join("\n");
    writeFileSync(join(dir, "tam.csv"), `Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\n${many}\n`);
    expect((await run(["score", "tam.csv", "--index", "xa.json", "--out", "tam.xlsx"])).code).toBe(0);
    const r = await run(["score", "mot.csv", "--index", "xa.json", "--out", "tam.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('có 8 đơn vị không có trong tệp đầu vào của lần chấm này ("Xã Mới 0", "Xã Mới 1", "Xã Mới 2", "Xã Mới 3", "Xã Mới 4" và 3 đơn vị khác)');
  });

  it("still replaces a scored workbook that holds nothing the run would lose", async () => {
    expect((await run(["score", "mot.csv", "--index", "xa.json", "--out", "thay.xlsx"])).code).toBe(0);
    // The same units, and more: nothing is lost.
    const r = await run(["score", "bang.csv", "--index", "xa.json", "--out", "thay.xlsx"]);
    expect(r.code).toBe(0);
    expect((await workbook("thay.xlsx")).getWorksheet("bang")).toBeDefined();
  });

  it("quotes the names of units, as a name may hold a comma", async () => {
    writeFileSync(join(dir, "so.csv"), "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nS01,\"Sở Văn hóa, Thể thao và Du lịch\",Có,5,3,4\nS02,Sở Nội vụ,Có,5,3,4\n");
    expect((await run(["score", "so.csv", "--index", "xa.json", "--out", "so.xlsx"])).code).toBe(0);
    writeFileSync(join(dir, "so-noi-vu.csv"), "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nS02,Sở Nội vụ,Có,5,3,4\n");
    const r = await run(["score", "so-noi-vu.csv", "--index", "xa.json", "--out", "so.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('có 1 đơn vị không có trong tệp đầu vào của lần chấm này ("Sở Văn hóa, Thể thao và Du lịch"): ghi đè sẽ làm mất đơn vị đó.');
  });

  it("takes a form added to the workbook since its scoring as a unit it holds, not as a change", async () => {
    expect((await run(["score", "bang.csv", "--index", "xa.json", "--out", "them.xlsx"])).code).toBe(0);
    const wb = await workbook("them.xlsx");
    ["X04", "Xã Mới Thêm", "Có", "5", "3", "4"].forEach((v, c) => (wb.getWorksheet("bang")!.getCell(5, c + 1).value = v));
    await wb.xlsx.writeFile(join(dir, "them.xlsx"));
    const r = await run(["score", "bang.csv", "--index", "xa.json", "--out", "them.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('có 1 đơn vị không có trong tệp đầu vào của lần chấm này ("Xã Mới Thêm")');
    expect(r.err).not.toContain("đã thay đổi");
    // An input that has the new unit too loses nothing.
    writeFileSync(join(dir, "bon.csv"), `${TABLE}X04,Xã Mới Thêm,Có,5,3,4\n`);
    expect((await run(["score", "bon.csv", "--index", "xa.json", "--out", "them.xlsx"])).code).toBe(0);
  });

  it("replaces a workbook a form was deleted from since its scoring: nothing in it is lost", async () => {
    expect((await run(["score", "bang.csv", "--index", "xa.json", "--out", "bot.xlsx"])).code).toBe(0);
    const wb = await workbook("bot.xlsx");
    for (let c = 1; c <= 6; c++) wb.getWorksheet("bang")!.getCell(4, c).value = null;
    await wb.xlsx.writeFile(join(dir, "bot.xlsx"));
    writeFileSync(join(dir, "hai-dong.csv"), TABLE.split("\n").slice(0, 3).join("\n") + "\n");
    const r = await run(["score", "hai-dong.csv", "--index", "xa.json", "--out", "bot.xlsx"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect((await workbook("bot.xlsx")).getWorksheet("hai-dong")).toBeDefined();
  });

  it("does not say a unit the input names twice by one code is missing: it shows the duplicate", async () => {
    expect((await run(["score", "bang.csv", "--index", "xa.json", "--out", "trung.xlsx"])).code).toBe(0);
    // Xã Phước Long was given Xã Tân Phú's code: it is in the input, not scored for the clash.
    writeFileSync(join(dir, "trung.csv"), TABLE.replace("X03,Xã Phước Long", "X02,Xã Phước Long"));
    const r = await run(["score", "trung.csv", "--index", "xa.json", "--out", "trung.xlsx"]);
    expect(r.err).not.toContain("không có trong tệp đầu vào");
    expect(r.code).toBe(1);
    expect(r.out).toContain('"Xã Phước Long" mang mã đơn vị "X02" của "Xã Tân Phú"');
  });

  it("refuses to drop a sheet the user added to the workbook, naming it, and keeps the file", async () => {
    expect((await run(["score", "bang.csv", "--index", "xa.json", "--out", "nhan-xet.xlsx"])).code).toBe(0);
    // A language switch renames the project's sheets: they are its own, not the user's.
    expect((await runCli(["score", "bang.csv", "--index", "xa.json", "--out", "nhan-xet.xlsx", "--lang", "en"], dir)).code).toBe(0);
    const wb = await workbook("nhan-xet.xlsx");
    wb.addWorksheet("Nhận xét của Hội đồng").getCell("A1").value = "Đề nghị khen thưởng Xã An Bình";
    await wb.xlsx.writeFile(join(dir, "nhan-xet.xlsx"));
    const before = readFileSync(join(dir, "nhan-xet.xlsx"));
    const r = await run(["score", "bang.csv", "--index", "xa.json", "--out", "nhan-xet.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "Tệp nhan-xet.xlsx (--out) là sổ đã chấm điểm và có trang 'Nhận xét của Hội đồng' không do dti-scorer tạo, mà sổ ghi mới sẽ không có: ghi đè sẽ làm mất trang đó; hãy xóa tệp đó trước, hoặc chọn tên tệp khác cho --out.\n",
    );
    expect(readFileSync(join(dir, "nhan-xet.xlsx")).equals(before)).toBe(true);
    const en = await runCli(["score", "bang.csv", "--index", "xa.json", "--out", "nhan-xet.xlsx", "--lang", "en"], dir);
    expect(en.err).toContain("holds a sheet dti-scorer did not make ('Nhận xét của Hội đồng') that the new workbook will not have: writing over it would lose it; delete that file first");
  });
});

describe("--json over a file that is no JSON", () => {
  it("refuses to write over a workbook, naming the file, and leaves it as it was", async () => {
    copyFileSync(ENCRYPTED, join(dir, "nan-nhan.xlsx"));
    const before = readFileSync(join(dir, "nan-nhan.xlsx"));
    const r = await run(["indices", "--json", "nan-nhan.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Tệp nan-nhan.xlsx (--json) đã có sẵn và không phải tệp JSON; ghi đè sẽ làm mất nội dung của nó. Hãy chọn tên tệp khác cho --json, hoặc xóa tệp đó trước.\n");
    expect(readFileSync(join(dir, "nan-nhan.xlsx")).equals(before)).toBe(true);
    writeFileSync(join(dir, "ghi-chu.txt"), "ghi chú của tôi\n");
    const s = await runCli(["score", "bang.csv", "--index", "xa.json", "--json", "ghi-chu.txt", "--lang", "en"], dir);
    expect(s.code).toBe(2);
    expect(s.err).toContain("ghi-chu.txt (--json) already exists and is not a JSON file");
    expect(readFileSync(join(dir, "ghi-chu.txt"), "utf8")).toBe("ghi chú của tôi\n");
  });

  it("writes over what it wrote with --json, or an empty file", async () => {
    writeFileSync(join(dir, "rong.json"), "");
    expect((await run(["score", "bang.csv", "--index", "xa.json", "--json", "rong.json"])).code).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, "rong.json"), "utf8")) as { units: unknown[] }).units).toHaveLength(3);
    // The results of score, then the list of indices over them, then results over that list.
    expect((await run(["indices", "--json", "rong.json"])).code).toBe(0);
    expect(Array.isArray(JSON.parse(readFileSync(join(dir, "rong.json"), "utf8")))).toBe(true);
    expect((await run(["validate", "bang.csv", "--index", "xa.json", "--json", "rong.json"])).code).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, "rong.json"), "utf8")) as { units: unknown[] }).units).toHaveLength(3);
  });

  it("refuses to write over JSON it did not write (an index definition), naming the file", async () => {
    const definition = JSON.stringify(communeIndex({ name: "Điểm tự chấm", rule: { kind: "points" } }));
    writeFileSync(join(dir, "bo-chi-so-2025.json"), definition);
    writeFileSync(join(dir, "cau-hinh.json"), '{"cu": true}');
    const r = await run(["score", "bang.csv", "--index", "xa.json", "--json", "bo-chi-so-2025.json"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      "Tệp bo-chi-so-2025.json (--json) đã có sẵn và là tệp JSON không do dti-scorer ghi ra (không phải kết quả của score, validate hay indices --json; có thể là tệp định nghĩa bộ chỉ số); ghi đè sẽ làm mất nội dung của nó. Hãy chọn tên tệp khác cho --json, hoặc xóa tệp đó trước.\n",
    );
    expect(readFileSync(join(dir, "bo-chi-so-2025.json"), "utf8")).toBe(definition);
    const en = await runCli(["indices", "--json", "cau-hinh.json", "--lang", "en"], dir);
    expect(en.code).toBe(2);
    expect(en.err).toContain("cau-hinh.json (--json) already exists and is a JSON file dti-scorer did not write");
    expect(readFileSync(join(dir, "cau-hinh.json"), "utf8")).toBe('{"cu": true}');
  });
});

describe("a workbook with a password to open", () => {
  it("says to remove the password, in vi and en, for score, template and collect", async () => {
    copyFileSync(ENCRYPTED, join(dir, "mat-khau.xlsx"));
    const vi = await run(["score", "mat-khau.xlsx", "--index", "xa.json"]);
    expect(vi.code).toBe(2);
    expect(vi.err).toBe(
      "Tệp mat-khau.xlsx được bảo vệ bằng mật khẩu mở tệp: hãy mở tệp trong Excel, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ Sổ làm việc > Mã hóa bằng Mật khẩu, xóa mật khẩu), lưu lại rồi chạy lại.\n",
    );
    const en = await runCli(["score", "mat-khau.xlsx", "--index", "xa.json", "--lang", "en"], dir);
    expect(en.err).toBe(
      "The file mat-khau.xlsx is protected by a password to open: open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password), save, and run again.\n",
    );
    const units = await run(["template", "--index", "xa.json", "--units", "mat-khau.xlsx", "--out", "phieu-mk.xlsx"]);
    expect(units.err).toContain("mat-khau.xlsx được bảo vệ bằng mật khẩu mở tệp");
    const gathered = await run(["collect", "mat-khau.xlsx", "--out", "gom-mk.xlsx"]);
    expect(gathered.err).toContain("mat-khau.xlsx được bảo vệ bằng mật khẩu mở tệp");
  });

  it("says what a file named .xlsx is when it is an Excel 97–2003 workbook or a CSV table, alone or among files gathered", async () => {
    writeFileSync(join(dir, "cu-97.xlsx"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]));
    const r = await run(["score", "cu-97.xlsx", "--index", "xa.json"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Tệp cu-97.xlsx là sổ làm việc Excel 97–2003 (.xls) mang tên .xlsx nên không đọc được; hãy mở trong Excel hoặc LibreOffice Calc và lưu lại dạng .xlsx.\n");
    writeFileSync(join(dir, "bang.xlsx"), "\uFEFFMã đơn vị;Đơn vị\r\nSYT;Sở Y tế\r\n");
    const csv = await runCli(["score", "bang.xlsx", "--index", "xa.json", "--lang", "en"], dir);
    expect(csv.code).toBe(2);
    expect(csv.err).toBe("The file bang.xlsx is a table of text (CSV) named .xlsx, so it cannot be read as a workbook; rename it to .csv, or open it in Excel and save it as .xlsx.\n");
    // A web page or an XML Spreadsheet 2003 (a program's "export to Excel") is not taken for a CSV table.
    writeFileSync(join(dir, "xuat.xlsx"), '<html><body><table><tr><td>Mã, tên</td></tr>\n</table></body></html>\n');
    const html = await run(["score", "xuat.xlsx", "--index", "xa.json"]);
    expect(html.err).toBe('Tệp xuat.xlsx là trang web (HTML) hoặc tệp XML mang tên .xlsx (như tệp "xuất ra Excel" của nhiều phần mềm) nên không đọc được; hãy mở trong Excel và lưu lại dạng .xlsx (Sổ làm việc Excel).\n');
    writeFileSync(join(dir, "xml.xlsx"), '\uFEFF<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Row><Cell>a,b</Cell></Row>\n</Workbook>\n');
    expect((await run(["score", "xml.xlsx", "--index", "xa.json"])).err).toContain("là trang web (HTML) hoặc tệp XML mang tên .xlsx");
    const gathered = await run(["collect", "cu-97.xlsx", "bang.xlsx", "--out", "gom-97.xlsx"]);
    expect(gathered.err).toContain("cu-97.xlsx là sổ làm việc Excel 97–2003 (.xls) mang tên .xlsx");
    expect(gathered.err).toContain("bang.xlsx là bảng văn bản (CSV) mang tên .xlsx");
  });
});

describe("progress on stderr", () => {
  /** The command with --progress shown at once (no second to wait), its stderr (a terminal or not). */
  async function withProgress(argv: string[], isTTY = true): Promise<{ code: number; err: string }> {
    let err = "";
    const stderr = { write: (s: string) => (err += s), isTTY };
    const code = await main([...argv, "--progress"], { stdout: { write: () => true }, stderr, cwd: dir, env: {}, progressDelayMs: 0 });
    return { code, err };
  }

  it("starts before the input is opened: a workbook that cannot be opened was shown as being read", async () => {
    const r = await withProgress(["score", "mat-khau.xlsx", "--index", "xa.json"]);
    expect(r.code).toBe(2);
    expect(r.err.startsWith("\r\x1b[KĐang đọc mat-khau.xlsx…")).toBe(true);
    expect(r.err).toContain("mật khẩu mở tệp");
  });

  it("is shown by template and collect, and cleared at the end", async () => {
    const t = await withProgress(["template", "--index", "xa.json", "--units", "don-vi.csv", "--out", "tien-do.xlsx"]);
    expect(t.code).toBe(0);
    expect(t.err).toContain("Đang đọc don-vi.csv…");
    expect(t.err).toContain("Đang tạo phiếu…");
    expect(t.err.endsWith("\r\x1b[K")).toBe(true);
    const c = await withProgress(["collect", "tien-do.xlsx", "--out", "gom-tien-do.xlsx"]);
    expect(c.code).toBe(0);
    expect(c.err).toContain("Đang tổng hợp phiếu…");
    expect(c.err.endsWith("\r\x1b[K")).toBe(true);
  });

  it("writes each step as a plain line of its own, once, when stderr is no terminal (a log)", async () => {
    const r = await withProgress(["score", "bang.csv", "--index", "xa.json", "--out", "nhat-ky.xlsx"], false);
    expect(r.code).toBe(0);
    expect(r.err).not.toContain("\x1b");
    expect(r.err).not.toContain("\r");
    const lines = r.err.trimEnd().split("\n");
    expect(lines[0]).toBe("Đang đọc bang.csv…");
    expect(lines).toContain("Đang chấm điểm…");
    expect(lines).toContain("Đang ghi…");
    // Once per step change: never the same step twice in a row (its counts are not lines of their own).
    expect(lines.filter((l, i) => i > 0 && l === lines[i - 1])).toEqual([]);
    expect(lines.every((l) => l.endsWith("…"))).toBe(true);
  });

  it("stays quiet without --progress when stderr is no terminal", async () => {
    let err = "";
    await main(["template", "--index", "xa.json", "--units", "don-vi.csv", "--out", "lang-le.xlsx"], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) }, cwd: dir, env: {}, progressDelayMs: 0 });
    expect(err).toBe("");
  });
});

describe("files named as typed", () => {
  it("refuses an output folder that does not exist, naming it, and makes no folder", async () => {
    const r = await run(["score", "bang.csv", "--index", "xa.json", "--out", "khong-co/con/x.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Không ghi được tệp khong-co/con/x.xlsx: thư mục khong-co/con không tồn tại; hãy tạo thư mục đó trước, hoặc chọn một thư mục đã có.\n");
    expect(existsSync(join(dir, "khong-co"))).toBe(false);
    const en = await runCli(["indices", "--json", "khong-co/ds.json", "--lang", "en"], dir);
    expect(en.err).toBe("Cannot write the file khong-co/ds.json: the folder khong-co does not exist; make that folder first, or choose a folder that exists.\n");
    expect(existsSync(join(dir, "khong-co"))).toBe(false);
  });

  it("checks every output's folder before any work: no workbook is written when the --json folder is missing", async () => {
    const r = await run(["score", "bang.csv", "--index", "xa.json", "--out", "truoc.xlsx", "--json", "khong-co/r.json"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe("Không ghi được tệp khong-co/r.json: thư mục khong-co không tồn tại; hãy tạo thư mục đó trước, hoặc chọn một thư mục đã có.\n");
    expect(existsSync(join(dir, "truoc.xlsx"))).toBe(false);
    const v = await runCli(["validate", "bang.csv", "--index", "xa.json", "--json", "khong-co/r.json", "--lang", "en"], dir);
    expect(v.code).toBe(2);
    expect(v.out).toBe("");
    expect(v.err).toBe("Cannot write the file khong-co/r.json: the folder khong-co does not exist; make that folder first, or choose a folder that exists.\n");
    // collect and template say it before reading their inputs: a missing input is not what they say.
    const c = await run(["collect", "khong-co-phieu.xlsx", "--out", "khong-co/gom.xlsx"]);
    expect(c.code).toBe(2);
    expect(c.err).toContain("thư mục khong-co không tồn tại");
    const t = await run(["template", "--index", "xa.json", "--units", "khong-co-don-vi.csv", "--out", "khong-co/phieu.xlsx"]);
    expect(t.code).toBe(2);
    expect(t.err).toContain("thư mục khong-co không tồn tại");
    expect(existsSync(join(dir, "khong-co"))).toBe(false);
  });

  it("reads a file whose name is stored decomposed (NFD, from a Mac) when it is typed composed (NFC)", async () => {
    const name = "Sở Nội vụ.csv";
    writeFileSync(join(dir, name.normalize("NFD")), TABLE);
    expect(existsSync(join(dir, name.normalize("NFC")))).toBe(false);
    const r = await run(["score", name.normalize("NFC"), "--index", "xa.json", "--json", "-"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { units: unknown[] }).units).toHaveLength(3);
  });

  it("writes into a folder whose name is stored in the other normalisation than typed, the new file's name as typed", async () => {
    const folder = "Phiếu gửi về";
    mkdirSync(join(dir, folder.normalize("NFC")));
    writeFileSync(join(dir, "bang-nfd.csv"), TABLE);
    const out = join(folder.normalize("NFD"), "Kết quả.xlsx");
    const r = await run(["score", "bang-nfd.csv", "--index", "xa.json", "--out", out]);
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(readdirSync(join(dir, folder.normalize("NFC")))).toEqual(["Kết quả.xlsx".normalize("NFC")]);
  });

  it("names the file of a workbook holding no form, and keeps the JSON's sheet null", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Trang 1").getCell("A1").value = "ghi chú";
    await wb.xlsx.writeFile(join(dir, "trong.xlsx"));
    const r = await run(["score", "trong.xlsx", "--index", "xa.json"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Tệp trong\.xlsx: Không tìm thấy trang tính nào chứa phiếu tự đánh giá/);
    const v = await runCli(["validate", "trong.xlsx", "--index", "xa.json", "--json", "-", "--lang", "en"], dir);
    expect(v.code).toBe(1);
    const issue = (JSON.parse(v.out) as { issues: { code: string; sheet: string | null; message: string }[] }).issues.find((i) => i.code === "layout-not-found")!;
    expect(issue.sheet).toBeNull();
    expect(issue.message).toMatch(/^File trong\.xlsx: No sheet holds a unit's self-assessment form/);
  });

  it("says that an .xlsx workbook named .csv is one, and that an empty .csv is empty", async () => {
    expect((await run(["score", "bang.csv", "--index", "xa.json", "--out", "that.xlsx"])).code).toBe(0);
    copyFileSync(join(dir, "that.xlsx"), join(dir, "gia.csv"));
    const r = await run(["score", "gia.csv", "--index", "xa.json"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Tệp gia.csv là sổ làm việc Excel (.xlsx) nhưng mang đuôi .csv; hãy đổi đuôi tên tệp thành .xlsx rồi chạy lại.\n");
    writeFileSync(join(dir, "rong.csv"), "");
    const e = await runCli(["score", "rong.csv", "--index", "xa.json", "--lang", "en"], dir);
    expect(e.code).toBe(2);
    expect(e.err).toBe("The file rong.csv is empty (0 bytes): there is nothing to read; check the file (it may not have been saved completely).\n");
    const units = await run(["template", "--index", "xa.json", "--units", "rong.csv", "--out", "phieu-rong.xlsx"]);
    expect(units.code).toBe(2);
    expect(units.err).toContain("Tệp rong.csv rỗng (0 byte)");
    expect(existsSync(join(dir, "phieu-rong.xlsx"))).toBe(false);
  });
});

describe("findings of the write", () => {
  it("gives a write warning the sheet its sentence names", async () => {
    const wb = new ExcelJS.Workbook();
    const table = wb.addWorksheet("Bảng");
    TABLE.trim()
      .split("\n")
      .forEach((line, r) => line.split(",").forEach((v, c) => (table.getCell(r + 1, c + 1).value = v)));
    wb.addWorksheet("Kết quả").getCell("A1").value = "ghi chú của tôi";
    await wb.xlsx.writeFile(join(dir, "co-ket-qua.xlsx"));
    const r = await run(["score", "co-ket-qua.xlsx", "--index", "xa.json", "--out", "co-ket-qua.xlsx", "--json", "-"]);
    expect(r.code).toBe(0);
    const warnings = (JSON.parse(r.out) as { issues: { code: string; sheet: string | null; message: string }[] }).issues.filter((i) => i.code === "write-warning");
    expect(warnings.length).toBeGreaterThan(0);
    const renamed = warnings.find((w) => w.message.includes("trang 'Kết quả' không do DTI Scorer tạo"))!;
    expect(renamed.sheet).toBe("Kết quả");
  });
});
