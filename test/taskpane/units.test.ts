/** The units list of the Collect step, read from the CSV files officials actually have. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseUnitList, unitListFromCsv, unitsFromCsvFile } from "../../src/taskpane/state/units";

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, "..", "fixtures", "csv", name)));

describe("a units CSV chosen in the Collect step", () => {
  test("saved by Excel on Vietnamese Windows (Windows-1258) gives the names with their diacritics, and says how it was read", () => {
    const read = unitListFromCsv(fixture("viet-cp1258.csv"), "viet-cp1258.csv")!;
    expect(read.encoding).toBe("windows-1258");
    const units = parseUnitList(read.text);
    expect(units.length).toBeGreaterThan(0);
    expect(units.map((u) => u.name).join(" ")).toMatch(/Sở|Xã|Phường/);
    for (const u of units) expect(u.name).toBe(u.name.normalize("NFC"));
  });

  test("saved as UTF-8 reads as UTF-8, with codes, names and categories", () => {
    const bytes = new TextEncoder().encode("Mã đơn vị,Đơn vị,Nhóm\nSYT,Sở Y tế,co-dvc\nSTC,Sở Tài chính,\n");
    const read = unitListFromCsv(bytes, "don-vi.csv")!;
    expect(read.wide).toEqual([]);
    expect(read.encoding).toBe("utf-8");
    expect(parseUnitList(read.text)).toEqual([
      { code: "SYT", name: "Sở Y tế", category: "co-dvc", line: 1 },
      { code: "STC", name: "Sở Tài chính", line: 2 },
    ]);
  });

  test("a name with a comma not in quotes is named by its line, in both languages, rather than read shifted", () => {
    const bytes = new TextEncoder().encode("Mã đơn vị,Đơn vị,Loại đơn vị\nSNV,Sở Nội vụ,Sở, ban, ngành có dịch vụ công\nSTC,Sở Tài chính,\n");
    const read = unitListFromCsv(bytes, "don-vi.csv")!;
    expect(read.wide).toEqual([
      {
        vi: "don-vi.csv, dòng 2 có 5 cột, nhiều hơn dòng tiêu đề (3 cột): tên có dấu phẩy phải đặt trong ngoặc kép.",
        en: "don-vi.csv, line 2 has 5 fields, more than the header line (3): a name with a comma in it must be put in double quotes.",
      },
    ]);
  });

  test("without a name column there is no list", () => {
    expect(unitListFromCsv(new TextEncoder().encode("a,b\n1,2\n"), "x.csv")).toBeUndefined();
  });
});

describe("what the Collect step takes from a units CSV file, and says about it", () => {
  test("a file without a unit name column gives no list, and an error naming the file in both languages", () => {
    const read = unitsFromCsvFile(new TextEncoder().encode("Mã;Ghi chú\n01;x\n"), "ds.csv");
    expect(read.text).toBeUndefined();
    expect(read.problem).toEqual({ state: "error", text: { vi: "Tệp CSV ds.csv không có cột Đơn vị (hoặc Unit).", en: "The CSV file ds.csv has no Unit (or Đơn vị) column." } });
  });

  test("a UTF-8 file gives its list and nothing to say; a Windows-1258 one its list, with a word to check the diacritics", () => {
    const utf8 = unitsFromCsvFile(new TextEncoder().encode("Mã đơn vị,Đơn vị,Nhóm\nSYT,Sở Y tế,co-dvc\n"), "don-vi.csv");
    expect(utf8).toEqual({ text: "SYT; Sở Y tế; co-dvc" });
    const ansi = unitsFromCsvFile(fixture("viet-cp1258.csv"), "viet-cp1258.csv");
    expect(parseUnitList(ansi.text!).length).toBeGreaterThan(0);
    expect(ansi.problem?.state).toBe("warning");
    expect(ansi.problem?.text.vi).toContain("viet-cp1258.csv");
  });
});
