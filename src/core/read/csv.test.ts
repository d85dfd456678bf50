import { csvToSnapshot, parseCsv } from "./csv";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bom = (b: Uint8Array): Uint8Array => new Uint8Array([0xef, 0xbb, 0xbf, ...b]);

describe("parseCsv", () => {
  test("reads a comma-separated file with quoted fields, doubled quotes and CRLF line ends", () => {
    const { rows, delimiter } = parseCsv('Mã đơn vị,Đơn vị,Ghi chú\r\nSYT,"Sở Y tế, Hà Nội","nói ""có"""\r\n');
    expect(delimiter).toBe(",");
    expect(rows).toEqual([
      ["Mã đơn vị", "Đơn vị", "Ghi chú"],
      ["SYT", "Sở Y tế, Hà Nội", 'nói "có"'],
    ]);
  });

  test("detects the semicolon that Excel writes in Vietnamese locales and keeps decimal commas inside fields", () => {
    const { rows, delimiter } = parseCsv("Đơn vị;1.1\nSở Y tế;0,75\n");
    expect(delimiter).toBe(";");
    expect(rows).toEqual([
      ["Đơn vị", "1.1"],
      ["Sở Y tế", "0,75"],
    ]);
  });

  test("keeps a line break inside a quoted field as part of the field", () => {
    expect(parseCsv('a,b\n"dòng 1\ndòng 2",x').rows).toEqual([
      ["a", "b"],
      ["dòng 1\ndòng 2", "x"],
    ]);
  });

  test("drops a UTF-8 byte order mark from bytes and from text", () => {
    expect(parseCsv(bom(utf8("Đơn vị,Điểm\nA,1"))).rows[0]).toEqual(["Đơn vị", "Điểm"]);
    expect(parseCsv("\ufeffĐơn vị,Điểm").rows[0]).toEqual(["Đơn vị", "Điểm"]);
  });

  test("reads bytes that are not valid UTF-8 as windows-1252 without failing, keeping valid UTF-8 around them", () => {
    // "Côte d'Ivoire" with ô as a windows-1252 byte, and an en dash (0x96), beside valid UTF-8 "Việt Nam".
    const bytes = bom(
      new Uint8Array([...utf8("Country,Note\nC"), 0xf4, ...utf8("te d'Ivoire,a "), 0x96, ...utf8(" b\nViệt Nam,x")]),
    );
    expect(parseCsv(bytes).rows).toEqual([
      ["Country", "Note"],
      ["Côte d'Ivoire", "a – b"],
      ["Việt Nam", "x"],
    ]);
  });

  test("drops trailing empty lines and reads a file without a final line break", () => {
    expect(parseCsv("a,b\n1,2\n\n\n").rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a;b\r1;2").rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  test("returns no rows for an empty file", () => {
    expect(parseCsv("").rows).toEqual([]);
    expect(parseCsv(new Uint8Array()).rows).toEqual([]);
  });
});

describe("csvToSnapshot", () => {
  test("makes one sheet of strings with empty fields as empty cells", () => {
    const snap = csvToSnapshot("Đơn vị,1.1,1.2\nSở Y tế,,5\n", "units.csv");
    expect(snap.sheets).toHaveLength(1);
    expect(snap.sheets[0]?.name).toBe("units.csv");
    expect(snap.sheets[0]?.values).toEqual([
      ["Đơn vị", "1.1", "1.2"],
      ["Sở Y tế", null, "5"],
    ]);
  });
});

describe("choosing the separator", () => {
  test("reads a semicolon file whose headers contain commas with semicolons, header and data alike", () => {
    const text =
      "Mã đơn vị;Đơn vị;p – Điểm tự chấm, theo hướng dẫn, năm 2024;f – Tỷ lệ, phần trăm, có dấu phẩy\nU1;Đơn vị Một;7,5;0,5\nU2;Đơn vị Hai;6;0,25\n";
    const { rows, delimiter } = parseCsv(text);
    expect(delimiter).toBe(";");
    expect(rows[0]).toEqual(["Mã đơn vị", "Đơn vị", "p – Điểm tự chấm, theo hướng dẫn, năm 2024", "f – Tỷ lệ, phần trăm, có dấu phẩy"]);
    expect(rows[1]).toEqual(["U1", "Đơn vị Một", "7,5", "0,5"]);
  });

  test("reads a comma file whose quoted fields contain semicolons with commas", () => {
    const { rows, delimiter } = parseCsv('Đơn vị,Ghi chú,1.1\n"Sở A","a; b; c",1\n"Sở B","x; y",0\n');
    expect(delimiter).toBe(",");
    expect(rows[1]).toEqual(["Sở A", "a; b; c", "1"]);
  });

  test("reads a comma file whose header has more semicolons than commas with commas when only commas split every line evenly", () => {
    const { delimiter, rows } = parseCsv("Đơn vị,Ghi chú (a;b;c)\nSở A,1\nSở B,2\n");
    expect(delimiter).toBe(",");
    expect(rows[2]).toEqual(["Sở B", "2"]);
  });
});
