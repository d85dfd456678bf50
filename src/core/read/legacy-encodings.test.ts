/**
 * Forms and tables typed in the old encodings of Vietnamese (TCVN3 with the .VnTime fonts, VNI
 * Windows with the VNI-Times fonts): the reader never reads them as the letters they stand for,
 * but says so, naming the encoding and how to convert the text (Unikey's "Chuyển mã"), wherever
 * it meets them: a form's labels, a table's column names, answers, evidence, unit names and
 * categories, and a CSV file saved byte for byte.
 */
import { scoreUnits } from "../score";
import type { CellValue, Issue, SheetSnapshot, WorkbookSnapshot } from "../types";
import { csvToSnapshot, parseCsv } from "./csv";
import { withEvidenceFindings } from "./evidence";
import { sampleModel } from "./fixtures";
import { notUtf8Message } from "./messages";
import { readSubmissions } from "./read";

const model = sampleModel();

const BLOCK: CellValue[][] = [
  ["Đơn vị", "Sở Y tế"],
  ["Mã đơn vị", "SYT"],
  ["Nhóm", "co-dvc"],
  ["Bộ chỉ số", "dti-so-mau@2024"],
];
const HEADER: CellValue[] = ["Mã", "Nội dung", "Số liệu", "Minh chứng"];
const ROWS: CellValue[][] = [
  ["1.1", "Ban chỉ đạo", "có", "QĐ 12/QĐ-SYT"],
  ["1.2", "Văn bản chỉ đạo", null, "Danh mục văn bản"],
  ["1.2.a", "Số văn bản do Chủ tịch ký", 3, null],
  ["1.2.b", "Tổng số văn bản", 4, null],
  ["1.3", "Trưởng ban chỉ đạo", "Chủ tịch", null],
  ["1.10", "Số cuộc họp", 4, null],
  ["2.1", "Tỷ lệ hồ sơ trực tuyến", "85%", null],
  ["2.2", "Điểm tự chấm", 4, null],
  ["2.3", "Dịch vụ công mức 4", 12, null],
];

function form(o: { name?: string; block?: CellValue[][]; header?: CellValue[]; cells?: Record<string, Record<number, CellValue>> } = {}): SheetSnapshot {
  const rows = ROWS.map((row) => row.map((v, c) => (o.cells?.[String(row[0])]?.[c] !== undefined ? o.cells[String(row[0])]![c]! : v)));
  return { name: o.name ?? "Sở Y tế", values: [...(o.block ?? BLOCK), [], o.header ?? HEADER, ...rows] };
}
const book = (...sheets: SheetSnapshot[]): WorkbookSnapshot => ({ sheets });
const scoredFindings = (snapshot: WorkbookSnapshot): Issue[] => {
  const reading = readSubmissions(model, snapshot);
  return withEvidenceFindings(model, reading, scoreUnits(model, reading.submissions));
};

const TCVN3_ADVICE_VI =
  'Chữ ở đây được gõ bằng bảng mã cũ TCVN3 (ABC, phông chữ .VnTime), không phải Unicode, nên không đọc được như chữ tiếng Việt; hãy chuyển mã sang Unicode rồi chấm lại (ví dụ với Unikey: chép các ô, mở công cụ chuyển mã bằng Ctrl+Shift+F6, chọn bảng mã nguồn "TCVN3 (ABC)", bảng mã đích "Unicode", bấm "Chuyển mã" rồi dán lại).';
const TCVN3_ADVICE_EN =
  'The text here is typed in the old TCVN3 (ABC, the .VnTime fonts) encoding, not Unicode, so it cannot be read as Vietnamese; convert it to Unicode, then score again (for instance with Unikey: copy the cells, open its converter with Ctrl+Shift+F6, choose the source "TCVN3 (ABC)" and the destination "Unicode", click "Chuyển mã" (convert) and paste them back).';

describe("a form's labels typed in an old encoding", () => {
  test("a header block typed in TCVN3 is said not found, with the encoding and how to convert it", () => {
    const tcvn3 = [["§¬n vÞ", "Sở Y tế"], ["M· ®¬n vÞ", "SYT"], ["Nhãm", "co-dvc"], ["Bé chØ sè", "dti-so-mau@2024"]];
    const read = readSubmissions(model, book(form({ block: tcvn3 })));
    const found = read.issues.find((i) => i.code === "missing-unit-name");
    expect(found?.message.vi).toMatch(/^Trang tính 'Sở Y tế', ô A1: không tìm thấy phần đầu phiếu .*Hãy ghi lại phần đầu phiếu như phiếu mẫu\. Chữ ở đây được gõ bằng bảng mã cũ TCVN3/);
    expect(found?.message.vi.endsWith(TCVN3_ADVICE_VI)).toBe(true);
    expect(found?.message.en.endsWith(TCVN3_ADVICE_EN)).toBe(true);
    // In VNI, the same, naming VNI.
    const vni = [["Ñôn vò", "Sở Y tế"], ["Maõ ñôn vò", "SYT"], ["Nhoùm", "co-dvc"]];
    const said = readSubmissions(model, book(form({ block: vni }))).issues.find((i) => i.code === "missing-unit-name");
    expect(said?.message.vi).toContain('bảng mã cũ VNI Windows (phông chữ VNI-Times)');
    expect(said?.message.vi).toContain('chọn bảng mã nguồn "VNI Windows"');
  });

  test("a header block the reader does not know, in Unicode, gets no such advice", () => {
    const read = readSubmissions(model, book(form({ block: [["Tên", "Sở Y tế"], ["Ký hiệu", "SYT"]] })));
    expect(read.issues.find((i) => i.code === "missing-unit-name")?.message.vi).not.toContain("bảng mã cũ");
  });

  test("a table header typed in TCVN3 is said with the form's finding; a form typed wholly in TCVN3 is not passed over", () => {
    const header = ["M·", "Néi dung", "Sè liÖu", "Minh chøng"];
    const read = readSubmissions(model, book(form({ header })));
    expect(read.issues.map((i) => [i.severity, i.code, i.unit])).toEqual([["error", "layout-not-found", "SYT"]]);
    expect(read.issues[0]!.message.vi).toContain("nên phiếu của Sở Y tế (SYT) chưa được chấm; hãy sửa lại tên cột như phiếu mẫu. Chữ ở đây được gõ bằng bảng mã cũ TCVN3");
    const block = [["§¬n vÞ", "Së Y tÕ"], ["M· ®¬n vÞ", "SYT"], ["Nhãm", "co-dvc"]];
    const whole = readSubmissions(model, book(form({ block, header }), form({ name: "Sở Tư pháp", block: [["Đơn vị", "Sở Tư pháp"], ["Mã đơn vị", "STP"]] })));
    expect(whole.submissions.map((s) => s.code)).toEqual(["STP"]);
    const said = whole.issues.find((i) => i.sheet === "Sở Y tế");
    expect(said?.code).toBe("layout-not-found");
    expect(said?.message.vi).toBe(
      `Trang tính 'Sở Y tế': trang tính có vẻ là phiếu hoặc bảng tổng hợp nhưng tên các dòng, các cột được gõ bằng bảng mã cũ nên không đọc được; trang tính này chưa được chấm. ${TCVN3_ADVICE_VI}`,
    );
  });
});

describe("answers, evidence, categories and names typed in an old encoding", () => {
  test("a yes/no answer and a choice refused are said with the encoding they are typed in", () => {
    const read = readSubmissions(model, book(form({ cells: { "1.1": { 2: "Cã" }, "1.3": { 2: "Phã Chñ tÞch" } } })));
    const yes = read.issues.find((i) => i.code === "not-a-boolean");
    expect(yes?.message.vi).toBe(
      `Trang tính 'Sở Y tế', ô C7: "Cã" không phải là câu trả lời có/không (chỉ tiêu 1.1): hãy ghi "Có" hoặc "Không" (cũng nhận "Đạt", "Đã có", "x", "Yes", 1 cho có; "Không đạt", "Chưa đạt", "Chưa có", "No", 0 cho không). ${TCVN3_ADVICE_VI}`,
    );
    expect(read.issues.find((i) => i.code === "unknown-choice")?.message.vi.endsWith(TCVN3_ADVICE_VI)).toBe(true);
    const vni = readSubmissions(model, book(form({ cells: { "1.1": { 2: "Khoâng" } } })));
    expect(vni.issues.find((i) => i.code === "not-a-boolean")?.message.en).toContain('the old VNI Windows (the VNI-Times fonts) encoding');
    // A refusal in Unicode says nothing of encodings.
    const plain = readSubmissions(model, book(form({ cells: { "1.1": { 2: "Ko" } } })));
    expect(plain.issues.find((i) => i.code === "not-a-boolean")?.message.vi).not.toContain("bảng mã");
  });

  test("\"Không có\" typed in TCVN3 or VNI is no evidence, and said with the encoding", () => {
    for (const [typed, encoding] of [["Kh«ng cã", "TCVN3"], ["Khoâng coù", "VNI Windows"]] as const) {
      const found = scoredFindings(book(form({ cells: { "1.1": { 3: typed } } })));
      expect(found.map((i) => [i.code, i.cell])).toEqual([["evidence-missing", "D7"]]);
      expect(found[0]!.message.vi).toContain(`"${typed}" không phải là minh chứng`);
      expect(found[0]!.message.vi).toContain(`bảng mã cũ ${encoding}`);
    }
    // Evidence typed in TCVN3 is evidence all the same.
    expect(scoredFindings(book(form({ cells: { "1.1": { 3: "QuyÕt ®Þnh sè 12" } } })))).toEqual([]);
  });

  test("a unit's name in an old encoding: one warning, the unit scored under it; its category: said with the encoding", () => {
    const block = [["Đơn vị", "Së Y tÕ"], ["Mã đơn vị", "SYT"], ["Nhóm", "Së cã dÞch vô c«ng"], ["Bộ chỉ số", "dti-so-mau@2024"]];
    const read = readSubmissions(model, book(form({ block })));
    expect(read.submissions.map((s) => [s.code, s.name])).toEqual([["SYT", "Së Y tÕ"]]);
    const named = read.issues.filter((i) => i.code === "legacy-encoding");
    expect(named.map((i) => [i.severity, i.cell, i.unit])).toEqual([["warning", "B1", "SYT"]]);
    expect(named[0]!.message.vi).toBe(
      `Trang tính 'Sở Y tế', ô B1: tên đơn vị "Së Y tÕ" hiện sai (không phải chữ Unicode) trên bảng kết quả và mọi danh sách; đơn vị vẫn được chấm với tên này. ${TCVN3_ADVICE_VI}`,
    );
    expect(read.issues.find((i) => i.code === "unknown-category")?.message.vi.endsWith(TCVN3_ADVICE_VI)).toBe(true);
    // Names in Unicode, from every language, are never said to be.
    const names = ["Sở Y tế", "Côte d'Ivoire", "Türkiye", "São Tomé và Príncipe", "Ðài PTTH"];
    const table = readSubmissions(model, { sheets: [{ name: "T", values: [["Mã đơn vị", "Đơn vị", "1.1"], ...names.map((n, i) => [`U${i}`, n, "có"])] }] });
    expect(table.issues.filter((i) => i.code === "legacy-encoding")).toEqual([]);
  });
});

describe("a CSV file typed in an old encoding", () => {
  const tcvn3 = "M· ®¬n vÞ,§¬n vÞ,Nhãm,1.1\nSYT,Së Y tÕ,co-dvc,Cã\n";
  const bytes = Uint8Array.from(tcvn3, (c) => c.charCodeAt(0));

  test("is read byte for byte as its cells showed, and said to be TCVN3: saving it as UTF-8 would not correct it", () => {
    const parsed = parseCsv(bytes);
    expect(parsed).toMatchObject({ encoding: "windows-1258", legacy: "tcvn3" });
    expect(parsed.rows[0]).toEqual(["M· ®¬n vÞ", "§¬n vÞ", "Nhãm", "1.1"]);
    expect(notUtf8Message("dv.csv", "tcvn3").vi).toBe(
      'Tệp dv.csv không phải UTF-8: chữ tiếng Việt trong tệp được gõ bằng bảng mã cũ TCVN3 (ABC, phông chữ .VnTime) (như "§¬n vÞ" thay cho "Đơn vị") nên không đọc được; lưu lại dưới dạng CSV UTF-8 không sửa được điều này. Hãy mở tệp, chuyển mã chữ sang Unicode rồi lưu lại dưới dạng CSV UTF-8 (ví dụ với Unikey: chép các ô, mở công cụ chuyển mã bằng Ctrl+Shift+F6, chọn bảng mã nguồn "TCVN3 (ABC)", bảng mã đích "Unicode", bấm "Chuyển mã" rồi dán lại).',
    );
    expect(notUtf8Message("dv.csv").vi).toContain("lưu lại dưới dạng CSV UTF-8");
    // A file saved by Excel on Vietnamese Windows (Windows-1258) is none.
    const cp1258 = Uint8Array.from([0x4d, 0x61, 0xde, 0x20, 0xf0, 0xf5, 0x6e, 0x20, 0x76, 0x69, 0xf2, 0x2c, 0x31, 0x2e, 0x31, 0x0a]);
    expect(parseCsv(cp1258)).toMatchObject({ encoding: "windows-1258", rows: [["Mã đơn vị", "1.1"]] });
    expect(parseCsv(cp1258).legacy).toBeUndefined();
  });

  test("its table is not read, and the file's finding says why", () => {
    const read = readSubmissions(model, csvToSnapshot(bytes, "dv", "dv.csv"));
    expect(read.submissions).toEqual([]);
    expect(read.issues.map((i) => i.code)).toEqual(["layout-not-found"]);
    expect(read.issues[0]!.message.vi).toBe(
      `Tệp dv.csv: tệp có vẻ là bảng tổng hợp nhưng tên các cột được gõ bằng bảng mã cũ nên không đọc được; chưa đơn vị nào trong tệp được chấm. ${TCVN3_ADVICE_VI}`,
    );
    expect(read.issues[0]!.message.en).toBe(
      `File dv.csv: the file looks like a table of units, but its column names are typed in an old encoding and cannot be read; no unit in it is scored. ${TCVN3_ADVICE_EN}`,
    );
  });
});
