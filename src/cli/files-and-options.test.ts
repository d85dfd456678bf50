/**
 * What the command line does with the files and options it is given: the workbook written before
 * the JSON, the language chosen by --lang alone, plain sentences for files it cannot read or
 * write, a units list in an .xlsx workbook, files left out by collect (missing, folders, the lock
 * files of Excel and LibreOffice), an --out of score or template that would destroy another file
 * (forms filled in, a workbook never scored or not made by template), options given twice,
 * an empty file name, huge numbers in findings, and the help.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { readFailure, writeFailure } from "./io";
import { communeIndex, runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-files-"));

/** The command in `dir`, with an English LANG unless said otherwise: only --lang may change the language. */
const run = (argv: string[], env: Record<string, string> = { LANG: "en_US.UTF-8", LC_ALL: "en_US.UTF-8" }) => runCli(argv, dir, env);

const definition = communeIndex({ name: "Điểm tự chấm", rule: { kind: "points" } });

const TABLE = "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,Có,5,3,4\nX02,Xã Tân Phú,Không,10,10,10\n";

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  return wb.worksheets.map((w) => w.name);
}

beforeAll(async () => {
  writeFileSync(join(dir, "xa.json"), JSON.stringify(definition));
  writeFileSync(join(dir, "bang.csv"), TABLE);
  writeFileSync(join(dir, "a.csv"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\n");
  writeFileSync(join(dir, "b.csv"), "Mã đơn vị,Đơn vị\nSTC,Sở Tài chính\n");
  for (const f of ["a", "b"]) expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", `${f}.csv`, "--out", `${f}.xlsx`])).code).toBe(0);
  writeFileSync(join(dir, "mot-tep"), "một tệp, không phải thư mục");
  mkdirSync(join(dir, "thu-muc.xlsx"));
}, 60_000);

describe("the scored workbook is written before the JSON", () => {
  it("writes no JSON, to a file or to stdout, when the workbook cannot be written (status 2)", async () => {
    const toFile = await run(["score", "bang.csv", "--index", "xa.json", "--out", "mot-tep/ket-qua.xlsx", "--json", "ket-qua.json", "--lang", "en"]);
    expect(toFile.code).toBe(2);
    expect(toFile.err).toBe("Cannot write the file mot-tep/ket-qua.xlsx: part of the path is a file, not a folder; check the path.\n");
    expect(existsSync(join(dir, "ket-qua.json"))).toBe(false);
    const toStdout = await run(["score", "bang.csv", "--index", "xa.json", "--out", "mot-tep/ket-qua.xlsx", "--json", "-"]);
    expect(toStdout.code).toBe(2);
    expect(toStdout.out).toBe("");
    expect(toStdout.err).toBe("Không ghi được tệp mot-tep/ket-qua.xlsx: một phần của đường dẫn là tệp chứ không phải thư mục; hãy kiểm tra lại đường dẫn.\n");
  });

  it("writes both when it can, the workbook first", async () => {
    const r = await run(["score", "bang.csv", "--index", "xa.json", "--out", "ca-hai.xlsx", "--json", "ca-hai.json"]);
    expect(r.code).toBe(0);
    expect(statSync(join(dir, "ca-hai.xlsx")).mtimeMs).toBeLessThanOrEqual(statSync(join(dir, "ca-hai.json")).mtimeMs);
    expect(r.out).toContain("Đã ghi ca-hai.xlsx\nĐã ghi ca-hai.json\n");
  });
});

describe("the language", () => {
  it("is Vietnamese whatever LANG says, in the messages and in the sheets of the written workbook; --lang en changes both", async () => {
    const vi = await run(["score", "bang.csv", "--index", "xa.json", "--out", "lang-vi.xlsx"], { LANG: "en_US.UTF-8", LC_ALL: "en_US.UTF-8", LC_MESSAGES: "en_US.UTF-8" });
    expect(vi.code).toBe(0);
    expect(vi.out).toContain("Đã chấm điểm và xếp hạng 2 đơn vị.");
    expect(await sheetNames("lang-vi.xlsx")).toEqual(expect.arrayContaining(["Kết quả", "Biểu đồ"]));
    const en = await run(["score", "bang.csv", "--index", "xa.json", "--out", "lang-en.xlsx", "--lang", "en"], { LANG: "vi_VN.UTF-8" });
    expect(en.out).toContain("Scored and ranked 2 units.");
    expect(await sheetNames("lang-en.xlsx")).toEqual(expect.arrayContaining(["Results", "Charts"]));
  });
});

describe("files that cannot be read or written", () => {
  it("are said in a plain sentence in either language, by the system's reason", () => {
    const err = (code: string): Error => Object.assign(new Error(code), { code });
    expect(writeFailure("tong-hop.xlsx", err("EBUSY"))).toEqual({
      vi: "Không ghi được tệp tong-hop.xlsx: tệp đang mở trong một chương trình khác (như Excel): hãy đóng tệp rồi chạy lại.",
      en: "Cannot write the file tong-hop.xlsx: the file is open in another program (such as Excel): close it and run again.",
    });
    expect(readFailure("unread.csv", err("EACCES"))).toEqual({
      vi: "Không đọc được tệp unread.csv: tài khoản đang dùng không có quyền đọc tệp này (hoặc thư mục chứa nó).",
      en: "Cannot read the file unread.csv: you do not have permission to read this file (or the folder it is in).",
    });
    expect(writeFailure("x.xlsx", err("EPERM")).en).toBe(
      "Cannot write the file x.xlsx: you do not have permission to write this file (or into the folder it is in), or the file is open in another program such as Excel.",
    );
    expect(writeFailure("/proc/x.xlsx", err("ENOENT")).en).toBe("Cannot write the file /proc/x.xlsx: the folder to write it in does not exist or cannot be made there.");
    expect(writeFailure("a/x.xlsx", err("EEXIST")).vi).toBe("Không ghi được tệp a/x.xlsx: một phần của đường dẫn là tệp chứ không phải thư mục; hãy kiểm tra lại đường dẫn.");
    expect(writeFailure("x.xlsx", err("ENOSPC")).vi).toBe("Không ghi được tệp x.xlsx: ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại.");
    expect(writeFailure("x.xlsx", err("EROFS")).en).toBe("Cannot write the file x.xlsx: the disk or folder is read-only; choose another place.");
    expect(writeFailure("x.xlsx", err("EMFILE")).en).toBe("Cannot write the file x.xlsx: too many files are open at once on this computer; close some programs and run again.");
    expect(writeFailure("x.xlsx", err("EDQUOT")).vi).toBe("Không ghi được tệp x.xlsx: đã dùng hết dung lượng được cấp trên ổ đĩa này; hãy xóa bớt tệp hoặc chọn nơi khác.");
    // Anything else as the system names it.
    expect(writeFailure("x.xlsx", err("EXDEV")).en).toBe("Cannot write the file x.xlsx: EXDEV");
  });

  it("an --out name too long for the system is said in a plain sentence, not as ENAMETOOLONG", async () => {
    const long = `${"a".repeat(300)}.xlsx`;
    const vi = await run(["score", "bang.csv", "--index", "xa.json", "--out", long]);
    expect(vi.code).toBe(2);
    expect(vi.err).toBe(`Không ghi được tệp ${long}: tên tệp (hoặc tên một thư mục trong đường dẫn) quá dài; hãy chọn tên ngắn hơn.\n`);
    const en = await run(["score", "bang.csv", "--index", "xa.json", "--json", `${"b".repeat(300)}.json`, "--lang", "en"]);
    expect(en.code).toBe(2);
    expect(en.err).toContain("is too long; choose a shorter name.");
    expect(en.err).not.toContain("ENAMETOOLONG");
  });

  it("a folder given as --out is said before anything is scored", async () => {
    const r = await run(["score", "bang.csv", "--index", "xa.json", "--out", "thu-muc.xlsx", "--json", "thu-muc.json"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Không ghi được tệp thu-muc.xlsx: đây là một thư mục, không phải tệp.\n");
    expect(existsSync(join(dir, "thu-muc.json"))).toBe(false);
  });

  it("an empty file name is said to be empty", async () => {
    const r = await run(["score", "", "--index", "xa.json"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Tên tệp để trống: hãy ghi tên tệp cần đọc.\n");
    expect((await run(["validate", "", "--index", "xa.json", "--lang", "en"])).err).toBe("No file name was given (the name is empty): give the name of the file to read.\n");
  });
});

describe("an option given twice", () => {
  it("stops the command (status 2) naming the option, instead of taking the last value", async () => {
    const r = await run(["score", "bang.csv", "--index", "xa.json", "--index", "dti-so-nganh-mau"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Tùy chọn --index được ghi hai lần; hãy ghi một lần.\n");
    const en = await run(["score", "bang.csv", "--index", "xa.json", "--json", "-", "--json", "x.json", "--lang", "en"]);
    expect(en.code).toBe(2);
    expect(en.out).toBe("");
    expect(en.err).toBe("Option --json given twice; give it once.\n");
    expect(existsSync(join(dir, "x.json"))).toBe(false);
  });
});

describe("score --out naming a file already there", () => {
  it("refuses to replace a workbook that is not the input and was never scored (a workbook of forms), and leaves it as it was", async () => {
    const before = readFileSync(join(dir, "a.xlsx"));
    const r = await run(["score", "bang.csv", "--index", "xa.json", "--out", "a.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      "Tệp a.xlsx (--out) đã có sẵn và là một sổ làm việc không do dti-scorer chấm điểm (không có trang _index); ghi đè sẽ làm mất nội dung của nó. Hãy chọn tên tệp khác cho --out, hoặc xóa tệp đó trước.\n",
    );
    expect(readFileSync(join(dir, "a.xlsx")).equals(before)).toBe(true);
  });

  it("refuses to replace a file that is no workbook at all", async () => {
    writeFileSync(join(dir, "ghi-chu.xlsx"), "ghi chú quan trọng");
    const r = await run(["score", "bang.csv", "--index", "xa.json", "--out", "ghi-chu.xlsx", "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "ghi-chu.xlsx (--out) already exists and is not an Excel workbook; writing over it would lose what it holds. Choose another --out file name, or delete that file first.\n",
    );
    expect(readFileSync(join(dir, "ghi-chu.xlsx"), "utf8")).toBe("ghi chú quan trọng");
  });

  it("replaces a workbook scored before, and the input scored in place", async () => {
    expect((await run(["score", "bang.csv", "--index", "xa.json", "--out", "lan-1.xlsx"])).code).toBe(0);
    const again = await run(["score", "bang.csv", "--index", "xa.json", "--out", "lan-1.xlsx"]);
    expect(again.code).toBe(0);
    expect(again.out).toContain("Đã ghi lan-1.xlsx");
    expect((await run(["score", "lan-1.xlsx", "--out", "lan-1.xlsx"])).code).toBe(0);
  });
});

describe("template --out naming a file already there", () => {
  /** The forms of a.csv in `file` (made with `options`), changed by `edit` and saved. */
  async function editedForms(file: string, edit: (wb: ExcelJS.Workbook, rowOf: (code: string) => number) => void, options: string[] = []): Promise<void> {
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "a.csv", "--out", file, ...options])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, file));
    const rowOf = (code: string): number => {
      let row = 0;
      wb.getWorksheet("Sở Y tế")!.eachRow((r, n) => {
        if (r.getCell(1).value === code) row = n;
      });
      return row;
    };
    edit(wb, rowOf);
    await wb.xlsx.writeFile(join(dir, file));
  }

  /** The forms of a.csv in `file`, with a figure a unit typed into its form (Số liệu of 3.2): the cell's address. */
  async function filledForms(file: string): Promise<string> {
    let address = "";
    await editedForms(file, (wb, rowOf) => {
      const cell = wb.getWorksheet("Sở Y tế")!.getCell(rowOf("3.2"), 4);
      cell.value = 0.75;
      address = cell.address;
    });
    return address;
  }

  /** `template` with --out `file` is refused with `why`, and the file is left as it was. */
  async function refused(file: string, why: string): Promise<void> {
    const before = readFileSync(join(dir, file));
    const r = await run(["template", "--index", "dti-so-nganh-mau", "--units", "b.csv", "--out", file, "--lang", "en"]);
    expect([r.code, r.err]).toEqual([2, `${file} (--out) already exists and ${why}; writing over it would lose what it holds. Choose another --out file name, or delete that file first.\n`]);
    expect(readFileSync(join(dir, file)).equals(before)).toBe(true);
  }

  it("refuses to replace forms a unit filled in, naming the sheet, and leaves the file as it was", async () => {
    const cell = await filledForms("da-dien.xlsx");
    expect(cell).toMatch(/^D\d+$/);
    const before = readFileSync(join(dir, "da-dien.xlsx"));
    const r = await run(["template", "--index", "dti-so-nganh-mau", "--units", "b.csv", "--out", "da-dien.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      `Tệp da-dien.xlsx (--out) đã có sẵn và có phiếu đã được nhập nội dung (trang 'Sở Y tế', ô ${cell}); ghi đè sẽ làm mất nội dung của nó. Hãy chọn tên tệp khác cho --out, hoặc xóa tệp đó trước.\n`,
    );
    const en = await run(["template", "--index", "dti-so-nganh-mau", "--units", "a.csv", "--out", "da-dien.xlsx", "--lang", "en"]);
    expect(en.code).toBe(2);
    expect(en.err).toBe(
      `da-dien.xlsx (--out) already exists and holds a form something was typed into (sheet 'Sở Y tế', cell ${cell}); writing over it would lose what it holds. Choose another --out file name, or delete that file first.\n`,
    );
    expect(readFileSync(join(dir, "da-dien.xlsx")).equals(before)).toBe(true);
  }, 30_000);

  it("refuses to replace forms with only a note (Ghi chú) or the period (Kỳ đánh giá) typed in, naming the sheet and cell", async () => {
    let noteCell = "";
    await editedForms("ghi-chu-phieu.xlsx", (wb, rowOf) => {
      const cell = wb.getWorksheet("Sở Y tế")!.getCell(rowOf("3.2"), 8);
      cell.value = "Số liệu đang chờ Văn phòng xác nhận";
      noteCell = cell.address;
    });
    expect(noteCell).toMatch(/^H\d+$/);
    await refused("ghi-chu-phieu.xlsx", `holds a form something was typed into (sheet 'Sở Y tế', cell ${noteCell})`);
    await editedForms("ky-danh-gia.xlsx", (wb) => (wb.getWorksheet("Sở Y tế")!.getCell("B5").value = "Năm 2024"));
    await refused("ky-danh-gia.xlsx", "holds a form something was typed into (sheet 'Sở Y tế', cell B5)");
  }, 30_000);

  it("refuses to replace blank forms beside a sheet the user added, naming that sheet", async () => {
    await editedForms("theo-doi.xlsx", (wb) => (wb.addWorksheet("Theo dõi").getCell("A1").value = "Đã gửi phiếu ngày 3/3"));
    await refused("theo-doi.xlsx", "holds a sheet 'Theo dõi' that the template command did not make");
    const vi = await run(["template", "--index", "dti-so-nganh-mau", "--units", "b.csv", "--out", "theo-doi.xlsx"]);
    expect(vi.err).toBe(
      "Tệp theo-doi.xlsx (--out) đã có sẵn và có trang 'Theo dõi' không do lệnh template tạo ra; ghi đè sẽ làm mất nội dung của nó. Hãy chọn tên tệp khác cho --out, hoặc xóa tệp đó trước.\n",
    );
  }, 30_000);

  it("replaces blank forms whose instructions sheet was deleted, and blank forms made with a period", async () => {
    await editedForms("khong-huong-dan.xlsx", (wb) => wb.removeWorksheet(wb.getWorksheet("Hướng dẫn")!.id));
    expect(await sheetNames("khong-huong-dan.xlsx")).toEqual(["Sở Y tế"]);
    await editedForms("co-ky.xlsx", () => undefined, ["--period", "Năm 2024"]);
    for (const file of ["khong-huong-dan.xlsx", "co-ky.xlsx"]) {
      const r = await run(["template", "--index", "dti-so-nganh-mau", "--units", "b.csv", "--out", file]);
      expect([file, r.code, r.err]).toEqual([file, 0, ""]);
      expect(await sheetNames(file)).toEqual(["Hướng dẫn", "Sở Tài chính"]);
    }
  }, 30_000);

  it("refuses to replace a workbook it did not make, a scored workbook, and a file that is no workbook", async () => {
    const mine = new ExcelJS.Workbook();
    mine.addWorksheet("Danh sách").getCell("A1").value = "Ghi chép riêng của chuyên viên";
    await mine.xlsx.writeFile(join(dir, "rieng.xlsx"));
    expect((await run(["score", "bang.csv", "--index", "xa.json", "--out", "da-cham-t.xlsx"])).code).toBe(0);
    writeFileSync(join(dir, "ghi-chu-t.xlsx"), "ghi chú quan trọng");
    const cases: [string, string][] = [
      ["rieng.xlsx", "is not a blank set of forms made by the template command"],
      ["da-cham-t.xlsx", "is a scored workbook (it has the _index sheet)"],
      ["ghi-chu-t.xlsx", "is not an Excel workbook"],
    ];
    for (const [file, why] of cases) {
      const before = readFileSync(join(dir, file));
      const r = await run(["template", "--index", "dti-so-nganh-mau", "--units", "a.csv", "--out", file, "--lang", "en"]);
      expect([file, r.code, r.err]).toEqual([file, 2, `${file} (--out) already exists and ${why}; writing over it would lose what it holds. Choose another --out file name, or delete that file first.\n`]);
      expect(readFileSync(join(dir, file)).equals(before)).toBe(true);
    }
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "a.csv", "--out", "rieng.xlsx"])).err).toBe(
      "Tệp rieng.xlsx (--out) đã có sẵn và không phải bộ phiếu trống do lệnh template tạo ra; ghi đè sẽ làm mất nội dung của nó. Hãy chọn tên tệp khác cho --out, hoặc xóa tệp đó trước.\n",
    );
  }, 30_000);

  it("replaces blank forms it made (the units changed), saved again unchanged too, and an empty file", async () => {
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "a.csv", "--out", "trong.xlsx"])).code).toBe(0);
    // Opened and saved again with nothing typed in: still blank forms.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "trong.xlsx"));
    await wb.xlsx.writeFile(join(dir, "trong.xlsx"));
    const again = await run(["template", "--index", "dti-so-nganh-mau", "--units", "b.csv", "--out", "trong.xlsx"]);
    expect(again.code).toBe(0);
    expect(again.err).toBe("");
    expect(await sheetNames("trong.xlsx")).toEqual(["Hướng dẫn", "Sở Tài chính"]);
    writeFileSync(join(dir, "rong.xlsx"), "");
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "a.csv", "--out", "rong.xlsx"])).code).toBe(0);
    expect(await sheetNames("rong.xlsx")).toEqual(["Hướng dẫn", "Sở Y tế"]);
  }, 30_000);
});

describe("a workbook open in Excel or LibreOffice", () => {
  it("as --out of score or collect: a warning that the write may fail or be lost", async () => {
    writeFileSync(join(dir, "~$dang-mo.xlsx"), "chủ sở hữu");
    const s = await run(["score", "bang.csv", "--index", "xa.json", "--out", "dang-mo.xlsx"]);
    expect(s.code).toBe(0);
    expect(s.err).toBe(
      "Cảnh báo: có tệp khóa ~$dang-mo.xlsx bên cạnh dang-mo.xlsx, có thể dang-mo.xlsx đang được mở trong Excel hoặc LibreOffice; việc ghi có thể thất bại, hoặc bị mất khi chương trình đó lưu tệp. Hãy đóng tệp rồi chạy lại nếu cần.\n",
    );
    writeFileSync(join(dir, ".~lock.gom-mo.xlsx#"), "lo");
    const c = await run(["collect", "a.xlsx", "--out", "gom-mo.xlsx", "--lang", "en"]);
    expect(c.code).toBe(0);
    expect(c.err).toBe(
      "Warning: the lock file .~lock.gom-mo.xlsx# is beside gom-mo.xlsx, so gom-mo.xlsx seems to be open in Excel or LibreOffice; writing it may fail, or be lost when that program saves the file. Close it and run again if so.\n",
    );
    expect(existsSync(join(dir, "gom-mo.xlsx"))).toBe(true);
  });

  it("its lock file given to collect (collect *.xlsx) is left out with a line, and is no error", async () => {
    writeFileSync(join(dir, "~$a.xlsx"), "chủ sở hữu");
    writeFileSync(join(dir, ".~lock.b.xlsx#"), "lo");
    const r = await run(["collect", "a.xlsx", "~$a.xlsx", ".~lock.b.xlsx#", "b.xlsx", "--out", "gom-khoa.xlsx"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out.split("\n").filter((l) => l.startsWith("  - "))).toEqual([
      "  - ~$a.xlsx: tệp khóa mà Excel tạo ra khi sổ a.xlsx đang mở, không phải phiếu; đã bỏ qua.",
      "  - .~lock.b.xlsx#: tệp khóa mà LibreOffice tạo ra khi sổ b.xlsx đang mở, không phải phiếu; đã bỏ qua.",
    ]);
    expect(await sheetNames("gom-khoa.xlsx")).toEqual(["Sở Y tế", "Sở Tài chính"]);
    const en = await run(["collect", "~$a.xlsx", "b.xlsx", "--out", "gom-khoa-en.xlsx", "--lang", "en"]);
    expect(en.code).toBe(0);
    expect(en.out).toContain("  - ~$a.xlsx: the lock file Excel keeps while the workbook a.xlsx is open, not a form; left out.\n");
  });
});

describe("collect with a file that is not there", () => {
  it("leaves out a missing file and a folder, naming each, gathers the others, and exits 1", async () => {
    const r = await run(["collect", "a.xlsx", "khong-co.xlsx", "thu-muc.xlsx", "b.xlsx", "--out", "gom-thieu.xlsx"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Đã tổng hợp 2 phiếu vào gom-thieu.xlsx.");
    expect(r.out.split("\n").filter((l) => l.startsWith("  - "))).toEqual([
      "  - khong-co.xlsx: Không tìm thấy tệp khong-co.xlsx.",
      "  - thu-muc.xlsx: Không đọc được tệp thu-muc.xlsx: đây là một thư mục, không phải tệp.",
    ]);
    expect(r.err).toBe("Cảnh báo: bỏ qua 2 tệp không đọc được (khong-co.xlsx, thu-muc.xlsx); các tệp khác đã được tổng hợp.\n");
    expect(await sheetNames("gom-thieu.xlsx")).toEqual(["Sở Y tế", "Sở Tài chính"]);
  });

  it("exits 2 and writes nothing when no file given could be read, each named", async () => {
    const r = await run(["collect", "khong-co.xlsx", "thu-muc.xlsx", "--out", "gom-rong.xlsx", "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n").filter((l) => l !== "")).toEqual([
      "None of the 2 files to collect could be read; the reason for each follows.",
      "The file khong-co.xlsx does not exist.",
      "Cannot read the file thu-muc.xlsx: it is a directory, not a file.",
    ]);
    expect(existsSync(join(dir, "gom-rong.xlsx"))).toBe(false);
  });
});

describe("template with the units in an .xlsx workbook", () => {
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Đơn vị");
    ws.addRow(["Mã đơn vị", "Đơn vị", "Nhóm"]);
    ws.addRow(["SNV", "Sở Nội vụ", "co-dvc"]);
    ws.addRow([101, "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", "khong-dvc"]);
    ws.addRow([null, "Sở Không Mã", "co-dvc"]);
    wb.addWorksheet("Ghi chú").addRow(["Đơn vị", "không phải danh sách"]);
    await wb.xlsx.writeFile(join(dir, "don-vi.xlsx"));
  });

  it("reads the units of its first sheet by the rules of a units CSV", async () => {
    const r = await run(["template", "--index", "dti-so-nganh-mau", "--units", "don-vi.xlsx", "--out", "phieu-xlsx.xlsx"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe("Đã tạo 3 phiếu tự đánh giá trong phieu-xlsx.xlsx.\n");
    const scored = JSON.parse((await run(["score", "phieu-xlsx.xlsx", "--json", "-"])).out) as { units: { code: string; name: string; category: string | null }[] };
    expect(scored.units.map((u) => [u.name, u.category]).sort()).toEqual([
      ["Sở Không Mã", "co-dvc"],
      ["Sở Nội vụ", "co-dvc"],
      ["Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", "khong-dvc"],
    ]);
    expect(scored.units.find((u) => u.name === "Sở Nội vụ")!.code).toBe("SNV");
    expect(scored.units.find((u) => u.name.startsWith("Văn phòng"))!.code).toBe("101");
  }, 30_000);

  it("never writes the forms over the units workbook", async () => {
    const before = readFileSync(join(dir, "don-vi.xlsx"));
    const r = await run(["template", "--index", "dti-so-nganh-mau", "--units", "don-vi.xlsx", "--out", "don-vi.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("--out don-vi.xlsx là tệp đầu vào, ghi vào đó sẽ làm mất số liệu; hãy chọn một tên tệp .xlsx khác.\n");
    expect(readFileSync(join(dir, "don-vi.xlsx")).equals(before)).toBe(true);
  });

  it("names the missing column of the first sheet as for a CSV file", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Danh sách").addRow(["Mã", "Tên gọi khác"]);
    await wb.xlsx.writeFile(join(dir, "khong-cot.xlsx"));
    const r = await run(["template", "--index", "dti-so-nganh-mau", "--units", "khong-cot.xlsx", "--out", "phieu-x.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'Tệp danh sách đơn vị khong-cot.xlsx không có cột "Đơn vị" (hoặc "Unit"): dòng 1 của trang tính \'Danh sách\' ("Mã", "Tên gọi khác") được đọc làm dòng tiêu đề. Nếu trang tính đã có dòng tiêu đề, hãy đặt tên cột tên đơn vị là "Đơn vị"; nếu chưa có, hãy chèn lên trên một dòng ghi tên các cột, mỗi tên một ô: "Mã đơn vị", "Đơn vị".\n',
    );
  });

  it("asks for .xlsx (or CSV) for an .xls or .ods units file, as score does", async () => {
    writeFileSync(join(dir, "don-vi.xls"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    const r = await run(["template", "--index", "dti-so-nganh-mau", "--units", "don-vi.xls", "--out", "phieu-xls.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Tệp don-vi.xls (Excel 97–2003) không đọc được; hãy mở trong Excel hoặc LibreOffice Calc và lưu lại dạng .xlsx.\n");
    expect((await run(["score", "don-vi.xls", "--index", "xa.json"])).err).toBe(r.err);
    expect(existsSync(join(dir, "phieu-xls.xlsx"))).toBe(false);
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "khong-co.ods", "--out", "phieu-xls.xlsx"])).err).toBe("Không tìm thấy tệp khong-co.ods.\n");
  });
});

describe("a huge number in a finding", () => {
  it("is written short (1,0e308 / 1.0e308), not in 309 digits", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Data");
    ws.addRow(["Mã đơn vị", "Đơn vị", "1.1", "2.1", "2.2.a", "2.2.b"]);
    ws.addRow(["X01", "Xã An Bình", "Có", 5, 1e308, 4]);
    await wb.xlsx.writeFile(join(dir, "lon.xlsx"));
    const vi = await run(["score", "lon.xlsx", "--index", "xa.json"]);
    expect(vi.out).toContain("tử số 2.2.a (1,0e308) lớn hơn mẫu số 2.2.b (4)");
    const en = await run(["score", "lon.xlsx", "--index", "xa.json", "--lang", "en"]);
    expect(en.out).toContain("the numerator 2.2.a (1.0e308) is greater than the denominator 2.2.b (4)");
    expect(en.out).not.toMatch(/\d{20}/);
  });
});

describe("the help", () => {
  it("shows [--lang vi|en] on every usage line, and template's exit statuses are the ones it gives", async () => {
    for (const lang of ["vi", "en"]) {
      const usage = (await run(["--help", "--lang", lang])).out.split("\n").filter((l) => l.startsWith("  dti-scorer "));
      // One line per command, and validate's second form (--index alone: the definition only).
      expect(usage).toHaveLength(7);
      for (const line of usage) expect(line).toContain("[--lang vi|en]");
    }
    const template = await run(["template", "--help"]);
    expect(template.out).toContain("Mã thoát: 0 xong; 2 không chạy được");
    expect(template.out).not.toContain("1 xong");
    expect((await run(["template", "--help", "--lang", "en"])).out).not.toContain("1 done");
    expect((await run(["indices", "--help", "--lang", "en"])).out).toContain("--json - | --json file.json");
    expect((await run(["validate", "--help", "--lang", "en"])).out).toContain("(index, units, issues, stale, scoredAt,\n             periods)");
  });

  it("indices --json to a file says that it wrote it, as other commands do", async () => {
    const r = await run(["indices", "--json", "bo-chi-so.json"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("Đã ghi bo-chi-so.json\n");
    expect((JSON.parse(readFileSync(join(dir, "bo-chi-so.json"), "utf8")) as { id: string }[]).map((i) => i.id)).toContain("dti-so-nganh-mau");
  });

  it("indices as a table names, under it, the folder of the definition files (the JSON's \"file\") and says to copy one for the province's own", async () => {
    const json = JSON.parse((await run(["indices", "--json", "-"])).out) as { file: string }[];
    const folder = dirname(json[0]!.file);
    const vi = await run(["indices"]);
    expect(vi.code).toBe(0);
    const under = vi.out.slice(vi.out.indexOf("\n\n") + 2).split("\n");
    expect(under[0]).toBe(`Tệp định nghĩa (JSON) của các bộ chỉ số trên nằm trong thư mục ${folder}.`);
    expect(under[1]).toContain("hãy sao chép tệp của bộ gần nhất với quyết định của tỉnh (ví dụ dti-department-sample.json) thành tệp mới, đổi id, version và name");
    // The file named is there, in that folder.
    expect(existsSync(join(folder, "dti-department-sample.json"))).toBe(true);
    for (const j of json) expect(dirname(j.file)).toBe(folder);
    const en = await run(["indices", "--lang", "en"]);
    expect(en.out).toContain(`\nThe definition files (JSON) of these indices are in the folder ${folder}.\nTo make your province's own, copy the file of the one closest to the province's decision (e.g. dti-department-sample.json) to a new file`);
    // The table still comes first, its rows as before.
    expect(en.out.split("\n").find((l) => l.startsWith("dti-so-nganh-mau"))).toMatch(/dti-so-nganh-mau\s+mau-2023\s+200\s+Sample/);
  });

  it("indices --json gives each built-in's file as a path to open and copy, a definition the command line takes back", async () => {
    const r = await run(["indices", "--json", "-"]);
    const list = JSON.parse(r.out) as { id: string; file: string }[];
    const sample = list.find((i) => i.id === "dti-so-nganh-mau")!;
    expect(isAbsolute(sample.file)).toBe(true);
    expect(sample.file.endsWith(join("src", "indices", "dti-department-sample.json"))).toBe(true);
    const copy = JSON.parse(readFileSync(sample.file, "utf8")) as { id: string; $schema?: string };
    expect(copy.id).toBe("dti-so-nganh-mau");
    // Its "$schema" names the shipped schema, for editors' help.
    expect(existsSync(resolve(dirname(sample.file), copy.$schema!))).toBe(true);
    writeFileSync(join(dir, "cua-toi.json"), JSON.stringify({ ...copy, id: "dti-so-cua-toi", version: "2025" }));
    writeFileSync(join(dir, "don-vi-cua-toi.csv"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\n");
    const v = await run(["template", "--index", "cua-toi.json", "--units", "don-vi-cua-toi.csv", "--out", "phieu-cua-toi.xlsx"]);
    expect(v.code).toBe(0);
    expect(v.err).toBe("");
  });
});

describe("a file named without the extension Windows hid and Notepad added", () => {
  it("is said to be there under its longer name, with what to do, in either language", async () => {
    mkdirSync(join(dir, "np"), { recursive: true });
    writeFileSync(join(dir, "np", "tinh.json.txt"), "{}");
    const en = await run(["validate", "--index", "np/tinh.json", "--lang", "en"]);
    expect(en.code).toBe(2);
    expect(en.err).toBe(
      "The file np/tinh.json does not exist, but np/tinh.json.txt does (Windows often hides the .txt extension): rename that file to tinh.json, or give np/tinh.json.txt in the command.\n",
    );
    const vi = await run(["validate", "--index", "np/tinh.json", "--lang", "vi"]);
    expect(vi.err).toContain("Không tìm thấy tệp np/tinh.json, nhưng có tệp np/tinh.json.txt (Windows thường ẩn phần đuôi tệp .txt): hãy đổi tên tệp đó thành tinh.json");
    // A name without an extension of its own is to be given in full, not renamed to.
    writeFileSync(join(dir, "np", "solieu2.xlsx"), "x");
    expect((await run(["score", "np/solieu2", "--lang", "en"])).err).toBe(
      "The file np/solieu2 does not exist, but np/solieu2.xlsx does: give the name with its extension, np/solieu2.xlsx, in the command.\n",
    );
    // A name with no such neighbour is only missing.
    expect((await run(["validate", "--index", "np/khac.json", "--lang", "en"])).err).toBe("The file np/khac.json does not exist.\n");
  });
});
