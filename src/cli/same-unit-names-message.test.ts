/**
 * The headline of a units file refused for a unit given twice: a code given to two units, or,
 * when every such unit has no code (a unit without a code is known by its name), a name.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { M } from "./messages";
import { runCli } from "./test-run";

describe("a units file with a unit given twice", () => {
  test("lines without a code that share a name are said as a name given twice, not as a code", () => {
    expect(M.sameUnitCodes("dv.csv", 1, true)).toEqual({
      vi: "Tệp danh sách đơn vị dv.csv có 1 tên đơn vị ghi cho nhiều đơn vị không có mã; đơn vị không có mã được nhận diện theo tên, nên phiếu trùng tên sẽ không được chấm và chưa tạo phiếu nào. Hãy đặt cho mỗi đơn vị một tên riêng, hoặc ghi mã đơn vị.",
      en: "The units file dv.csv has 1 unit name given to more than one unit without a code; a unit without a code is known by its name, so a form of a name already taken would not be scored, and nothing was written. Give each unit a name of its own, or a unit code.",
    });
    expect(M.sameUnitCodes("dv.csv", 2).vi).toBe(
      "Tệp danh sách đơn vị dv.csv có 2 mã đơn vị ghi cho nhiều đơn vị; phiếu trùng mã sẽ không được chấm, nên chưa tạo phiếu nào. Hãy cho mỗi đơn vị một mã riêng.",
    );
  });
});

describe("`template --units` on the command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "dti-units-names-"));

  test("two lines without a code with one name are refused with the name sentence first, nothing written", async () => {
    writeFileSync(join(dir, "dv.csv"), "Mã đơn vị;Đơn vị\n;Sở Y tế\n;Sở Y tế\n");
    const r = await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "phieu.xlsx"], dir);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toBe(`${M.sameUnitCodes("dv.csv", 1, true).vi}`);
    expect(r.err).toContain('dv.csv, dòng 2 và 3: cùng tên đơn vị "Sở Y tế" và không ghi mã');
    expect(existsSync(join(dir, "phieu.xlsx"))).toBe(false);
  }, 60_000);

  test("a list typed in TCVN3 (.VnTime) is refused with the old encoding named and how to convert it, not with a header line to add", async () => {
    // "Mã đơn vị,Đơn vị" then "Sở Y tế" as TCVN3 writes them, byte for byte.
    const tcvn = Buffer.from("M\xb7 \xae\xacn v\xde,\xa7\xacn v\xde\nSYT,S\xeb Y t\xd5\n", "latin1");
    writeFileSync(join(dir, "tcvn.csv"), tcvn);
    const r = await runCli(["template", "--index", "dti-so-nganh-mau", "--units", "tcvn.csv", "--out", "phieu2.xlsx"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("được gõ bằng bảng mã cũ TCVN3");
    expect(r.err).toContain('bảng mã nguồn "TCVN3 (ABC)"');
    expect(r.err).not.toContain("hãy thêm lên đầu tệp dòng tiêu đề");
    expect(existsSync(join(dir, "phieu2.xlsx"))).toBe(false);
  }, 60_000);
});
