import { readFileSync } from "node:fs";
import { join } from "node:path";
import { csvToSnapshot, decodeTextDetailed, parseCsv } from "./csv";
import { sampleModel } from "./fixtures";
import { readSubmissions } from "./read";

/** Files made with iconv from UTF-8 text: the bytes Excel writes on Vietnamese Windows. */
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(__dirname, "../../../test/fixtures/csv", name)));

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

  test("reads bytes that are not valid UTF-8 as windows-1258 without failing, keeping valid UTF-8 around them", () => {
    // "Côte d'Ivoire" with ô as a windows-1252 byte, and an en dash (0x96), beside valid UTF-8 "Việt Nam".
    const bytes = bom(
      new Uint8Array([...utf8("Country,Note\nC"), 0xf4, ...utf8("te d'Ivoire,a "), 0x96, ...utf8(" b\nViệt Nam,x")]),
    );
    expect(parseCsv(bytes).rows).toEqual([
      ["Country", "Note"],
      ["Côte d'Ivoire", "a – b"],
      ["Việt Nam", "x"],
    ]);
    expect(parseCsv(bytes).encoding).toBe("windows-1258");
    expect(parseCsv(bom(utf8("Đơn vị,Điểm\nA,1"))).encoding).toBe("utf-8");
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

describe("a title line above the table", () => {
  const TABLE = [
    ["Mã đơn vị", "Đơn vị", "1.3.a - Số văn bản, chỉ đạo", "1.3.b"],
    ["SXD", "Sở Xây dựng", "3", "0,5"],
    ["STC", "Sở Tài chính", "2", "4"],
  ];

  test.each([
    [";", "semicolon"],
    ["\t", "tab"],
    [",", "comma"],
  ] as const)("an unpadded title and a blank line do not hide a %s-separated (%s) table", (d, _name) => {
    const body = TABLE.map((r) => r.map((f) => (d === "," && f.includes(",") ? `"${f}"` : f)).join(d)).join("\n");
    const { rows, delimiter } = parseCsv(`Bảng tổng hợp số liệu năm 2024\n\n${body}\n`);
    expect(delimiter).toBe(d);
    expect(rows[0]).toEqual(["Bảng tổng hợp số liệu năm 2024"]);
    expect(rows.slice(2)).toEqual(TABLE);
  });

  test("a title with a comma in it does not make a semicolon table a comma one", () => {
    const body = TABLE.map((r) => r.join(";")).join("\r\n");
    const { rows, delimiter } = parseCsv(`Bảng tổng hợp, năm 2024\r\nĐơn vị báo cáo: Sở Thông tin và Truyền thông\r\n${body}\r\n`);
    expect(delimiter).toBe(";");
    expect(rows[2]).toEqual(TABLE[0]);
  });

  test("the table under the title is read as the units' submissions, not as 'no table'", () => {
    const model = sampleModel();
    const csv = "Bảng tổng hợp số liệu năm 2024\n;\nMã đơn vị;Đơn vị;1.2.a;1.2.b\nSYT;Sở Y tế;3;4\nSTC;Sở Tài chính;1;2\n";
    const result = readSubmissions(model, csvToSnapshot(csv, "tong-hop", "tong-hop.csv"));
    expect(result.layout).toBe("B");
    expect(result.submissions.map((s) => [s.code, s.values["1.2.a"], s.values["1.2.b"]])).toEqual([
      ["SYT", 3, 4],
      ["STC", 1, 2],
    ]);
    expect(result.issues.map((i) => i.code)).not.toContain("layout-not-found");
  });
});

describe("files saved by Excel on Vietnamese Windows", () => {
  const VIET = [
    ["Mã đơn vị", "Đơn vị", "Nhóm", "Ghi chú"],
    ["SXD", "Sở Xây dựng", "Sở, ban, ngành có dịch vụ công", "Hồ sơ “mức độ 4” – 85,5%"],
    ["UBND-H", "Ủy ban nhân dân huyện Mường Nhé", "Quận, huyện", "Đã triển khai nữa ₫"],
  ];

  test("reads a 'CSV (Comma delimited)' file in Windows-1258, tone marks composed into one letter each", () => {
    const table = parseCsv(fixture("viet-cp1258.csv"));
    expect(table.encoding).toBe("windows-1258");
    expect(table.delimiter).toBe(";");
    expect(table.rows).toEqual(VIET);
    // NFC: "ự" is one code point, as typed in UTF-8, so codes and names compare equal.
    expect(table.rows[1]?.[1]).toBe("Sở Xây dựng".normalize("NFC"));
    expect([...(table.rows[1]?.[1] ?? "")]).toHaveLength(11);
  });

  test("reads a 'Unicode text' file: UTF-16LE with a byte order mark, tab separated", () => {
    const table = parseCsv(fixture("xa-unicode.txt"));
    expect(table.encoding).toBe("utf-16le");
    expect(table.delimiter).toBe("\t");
    expect(table.rows).toEqual([
      ["Mã đơn vị", "Đơn vị", "1.1", "2.1", "2.2.a", "2.2.b"],
      ["X01", "Xã An Bình", "Có", "0,5", "3", "4"],
      ["X02", "Xã Tân Phú", "Không", "1", "10", "10"],
      ["X03", "Xã Phước Long", "có", "0,25", "0", "8"],
    ]);
  });

  test("reads UTF-16BE with a byte order mark, and UTF-16LE without one", () => {
    const be = parseCsv(fixture("viet-utf16be.csv"));
    expect(be.encoding).toBe("utf-16be");
    expect(be.rows).toEqual(VIET);
    const le = fixture("xa-unicode.txt").subarray(2);
    expect(decodeTextDetailed(le)).toEqual({ encoding: "utf-16le", text: expect.stringMatching(/^Mã đơn vị\tĐơn vị\t1\.1/) });
  });

  test("reads valid UTF-8 as UTF-8 even when it looks like Windows-1258 could also read it", () => {
    expect(decodeTextDetailed(utf8("Sở Xây dựng;Ủy ban"))).toEqual({ text: "Sở Xây dựng;Ủy ban", encoding: "utf-8" });
  });

  test("uses the same Windows-1258 table as the platform's TextDecoder, for every byte", () => {
    const all = new Uint8Array(128).map((_, i) => 0x80 + i);
    // A byte 0x80–0xFF alone is never valid UTF-8, so each is read through the table. The text
    // starts with "đ" and a tone mark (0xF0 0xEC): Vietnamese text in Windows-1258, never taken for
    // TCVN3 or VNI text ("AØ" alone would be VNI's "À") nor for Western text (no tone mark).
    for (const b of all) {
      const bytes = new Uint8Array([0xf0, 0xec, 0x20, 0x41, b]);
      const ours = decodeTextDetailed(bytes).text;
      expect(ours).toBe(new TextDecoder("windows-1258").decode(bytes).normalize("NFC"));
    }
  });

  test("a file with no Vietnamese tone mark, saved by Excel on a Western Windows, is read as Windows-1252: São Tomé stays São Tomé", () => {
    // "São Tomé and Príncipe;Côte d'Ivoire;Curaçao;€" in Windows-1252: Windows-1258 would read ã as ă.
    const text = "São Tomé and Príncipe;Côte d'Ivoire;Curaçao;Šibenik;€";
    const cp1252: Record<string, number> = { "€": 0x80, Š: 0x8a };
    const bytes = new Uint8Array([...text].map((c) => cp1252[c] ?? c.charCodeAt(0)));
    expect(decodeTextDetailed(bytes)).toEqual({ text, encoding: "windows-1252" });
    // Vietnamese text in Windows-1258 (a tone mark: "Xã" is "Xa" and a combining tilde) stays Vietnamese.
    expect(decodeTextDetailed(new Uint8Array([0x58, 0x61, 0xde, 0x20, 0xf0, 0xe3]))).toEqual({ text: "Xã đă", encoding: "windows-1258" });
  });

  test("keeps commas and semicolons inside tab-separated fields", () => {
    const { rows, delimiter } = parseCsv("Đơn vị\tGhi chú\tĐiểm\nSở A\ta, b; c\t0,5\nSở B\tx;y\t1\n");
    expect(delimiter).toBe("\t");
    expect(rows[1]).toEqual(["Sở A", "a, b; c", "0,5"]);
  });
});
