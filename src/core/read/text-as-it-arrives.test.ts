/**
 * Vietnamese text as it really arrives in forms and tables: the Latin eth "Ð/ð" typed for "Đ/đ",
 * the soft hyphen, full-width digits and signs, answers in quotes, choices with spaces around "/",
 * "Không có" and "Chưa" as answers, "85%" typed for a whole number, the old and the new placement
 * of tone marks in unit names, and two units of one name without a code.
 */
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import { scoreUnits } from "../score";
import type { CellValue, Issue, SheetSnapshot, WorkbookSnapshot } from "../types";
import { csvToSnapshot } from "./csv";
import { withEvidenceFindings } from "./evidence";
import { sampleModel } from "./fixtures";
import { readSubmissions } from "./read";

const model = sampleModel();

const HEADER = ["Mã", "Nội dung", "Số liệu", "Minh chứng"];
const BLOCK: CellValue[][] = [
  ["Đơn vị", "Sở Y tế"],
  ["Mã đơn vị", "SYT"],
  ["Nhóm", "co-dvc"],
  ["Bộ chỉ số", "dti-so-mau@2024"],
];
/** Every input of the sample index, valid, with the evidence its required indicators need. */
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

/** A form of the sample index: `block` (the header block), `header` (the table's), `cells` changing a row's cell ("1.1": { 2: "Đạt" }). */
function form(o: { name?: string; block?: CellValue[][]; header?: CellValue[]; cells?: Record<string, Record<number, CellValue>> } = {}): SheetSnapshot {
  const rows = ROWS.map((row) => row.map((v, c) => (o.cells?.[String(row[0])]?.[c] !== undefined ? o.cells[String(row[0])]![c]! : v)));
  return { name: o.name ?? "Sở Y tế", values: [...(o.block ?? BLOCK), [], o.header ?? HEADER, ...rows] };
}
const book = (...sheets: SheetSnapshot[]): WorkbookSnapshot => ({ sheets });
const codes = (issues: Issue[]): string[] => issues.map((i) => i.code);
/** The findings once the units are scored ("evidence-missing" needs the scores). */
const scoredFindings = (m: IndexModel, snapshot: WorkbookSnapshot): Issue[] => {
  const reading = readSubmissions(m, snapshot);
  return withEvidenceFindings(m, reading, scoreUnits(m, reading.submissions));
};

describe("the Latin eth (Ð, ð) typed for Đ, đ, and the soft hyphen", () => {
  test("labels of the header block and of the table are read: the unit keeps its code, name and category", () => {
    const typed = form({
      block: [["Ðơn vị", "Sở Y tế"], ["Mã ðơn vị", "SYT"], ["Nhóm\u00AD", "co-dvc"], ["Bộ chỉ số", "dti-so-mau@2024"]],
      header: ["Mã", "Nội dung", "Số\u00AD liệu", "Minh chứng"],
    });
    const read = readSubmissions(model, book(typed));
    expect(read.submissions.map((s) => [s.code, s.name, s.category])).toEqual([["SYT", "Sở Y tế", "co-dvc"]]);
    expect(read.issues).toEqual([]);
  });

  test("answers and evidence: \"Ðạt\" and \"Có\" with a soft hyphen are yes; \"Ðang cập nhật\" is no evidence", () => {
    const read = readSubmissions(model, book(form({ cells: { "1.1": { 2: "Ðạt" } } })));
    expect(read.submissions[0]!.values["1.1"]).toBe(true);
    expect(readSubmissions(model, book(form({ cells: { "1.1": { 2: "Có\u00AD" } } }))).submissions[0]!.values["1.1"]).toBe(true);
    const evidence = scoredFindings(model, book(form({ cells: { "1.1": { 3: "Ðang cập nhật" } } })));
    expect(evidence).toEqual([expect.objectContaining({ code: "evidence-missing", cell: "D7", node: "1.1" })]);
    expect(evidence[0]!.message.vi).toContain('"Ðang cập nhật" không phải là minh chứng');
  });

  test("a CSV header \"Ðơn vị\" names the units' column", () => {
    const read = readSubmissions(model, csvToSnapshot("Mã đơn vị,Ðơn vị,1.1\nSYT,Sở Y tế,có\n", "bang", "bang.csv"));
    expect(read.submissions.map((s) => [s.code, s.name, s.values["1.1"]])).toEqual([["SYT", "Sở Y tế", true]]);
  });

  test("\"Ðài PTTH\" and \"Đài PTTH\" without codes are one unit: the second is said as its duplicate, not scored as another", () => {
    const read = readSubmissions(model, csvToSnapshot("Đơn vị,1.1\nĐài PTTH,có\nÐài PTTH,không\n", "bang", "bang.csv"));
    expect(read.submissions.map((s) => s.name)).toEqual(["Đài PTTH"]);
    const [dup] = read.issues.filter((i) => i.code === "duplicate-unit");
    expect(dup!.message.vi).toBe('Tệp bang.csv, dòng 3, cột A: đơn vị "Ðài PTTH" (không ghi mã) đã có ở dòng 2; dòng này là bản thứ hai nên không được chấm.');
    expect(dup!.message.en).toBe('File bang.csv, row 3, column A: the unit "Ðài PTTH" (no code given) already appears at row 2; this row is the second entry and is not scored.');
  });
});

describe("full-width digits and signs, as an East Asian keyboard or a PDF gives them", () => {
  test("figures, answers and a CSV column's code are read as their ASCII", () => {
    const read = readSubmissions(model, book(form({ cells: { "1.2.a": { 2: "２" }, "2.1": { 2: "73,9％" }, "1.1": { 2: "１" } } })));
    expect(read.issues).toEqual([]);
    expect(read.submissions[0]!.values).toMatchObject({ "1.1": true, "1.2.a": 2, "2.1": 0.739 });
    const csv = readSubmissions(model, csvToSnapshot("Mã đơn vị,Đơn vị,１.１,2.2\nSYT,Sở Y tế,có,4\n", "bang", "bang.csv"));
    expect(csv.submissions[0]!.values["1.1"]).toBe(true);
    expect(codes(csv.issues)).not.toContain("unknown-code");
  });
});

describe("answers typed in quotes, choices with spaces around \"/\", and no said in other words", () => {
  const chooser = (): IndexModel => {
    const parsed = parseDefinition({
      format: "index-definition/1",
      id: "thu",
      version: "1",
      name: "Thử",
      root: {
        code: "R",
        name: "R",
        children: [
          { code: "1", name: "Có kế hoạch", max: 10, rule: { kind: "boolean" } },
          {
            code: "2",
            name: "Trưởng ban",
            max: 10,
            rule: { kind: "choice", options: [{ value: "Giám đốc/Thủ trưởng đơn vị", fraction: 1 }, { value: "Phó Giám đốc", fraction: 0.5 }] },
          },
        ],
      },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.model;
  };
  const answers = (yes: string, choice: string) =>
    readSubmissions(chooser(), { sheets: [{ name: "Tổng hợp", values: [["Đơn vị", "1", "2"], ["Sở A", yes, choice]] }] });

  test("“Có”, \"Không\", ‘Có’, «Có» are the answers inside the quotes", () => {
    for (const [typed, meant] of [["“Có”", true], ['"Không"', false], ["‘Có’", true], ["«Có»", true], ["“Có.”", true]] as const) {
      const read = answers(typed, "Phó Giám đốc");
      expect([typed, read.issues]).toEqual([typed, []]);
      expect(read.submissions[0]!.values["1"]).toBe(meant);
    }
    expect(answers("Có", "“Phó Giám đốc”").submissions[0]!.values["2"]).toBe("Phó Giám đốc");
  });

  test("\"Giám đốc / Thủ trưởng đơn vị\" is the option \"Giám đốc/Thủ trưởng đơn vị\"", () => {
    for (const typed of ["Giám đốc / Thủ trưởng đơn vị", "Giám đốc/ Thủ trưởng đơn vị", "giám đốc /thủ trưởng đơn vị"]) {
      const read = answers("Có", typed);
      expect([typed, read.issues]).toEqual([typed, []]);
      expect(read.submissions[0]!.values["2"]).toBe("Giám đốc/Thủ trưởng đơn vị");
    }
  });

  test("\"Không có\", \"Khong co\" and \"Chưa\" are no", () => {
    for (const typed of ["Không có", "Khong co", "Chưa", "CHƯA CÓ"]) {
      const read = answers(typed, "Phó Giám đốc");
      expect([typed, read.issues]).toEqual([typed, []]);
      expect(read.submissions[0]!.values["1"]).toBe(false);
    }
  });
});

describe("\"85%\" typed for a whole number", () => {
  test("is one error saying it was read as 0,85 and that 85 may be meant, with no warning beside it", () => {
    const read = readSubmissions(model, book(form({ cells: { "1.2.a": { 2: "85%" } } })));
    const about = read.issues.filter((i) => i.cell === "C9");
    expect(about.map((i) => [i.severity, i.code])).toEqual([["error", "not-an-integer"]]);
    expect(about[0]!.message.vi).toBe(
      "Trang tính 'Sở Y tế', ô C9: \"85%\" được hiểu là 0,85, không phải là số nguyên (số liệu 1.2.a của chỉ tiêu 1.2); số liệu này không phải tỷ lệ phần trăm — nếu định ghi 85 thì hãy nhập 85.",
    );
    expect(about[0]!.message.en).toBe(
      "Sheet 'Sở Y tế', cell C9: \"85%\" is read as 0.85, which is not a whole number (input 1.2.a of indicator 1.2); this figure is not a percentage — write 85 if you meant 85.",
    );
    expect(read.submissions[0]!.values["1.2.a"]).toBeUndefined();
  });

  test("a whole number typed as one is read, without a word", () => {
    const read = readSubmissions(model, book(form({ cells: { "1.2.a": { 2: "3" } } })));
    expect(read.issues).toEqual([]);
  });
});

describe("unit names with the old and the new placement of tone marks", () => {
  test("are two units, with the warning said of names alike but for case", () => {
    const table = {
      sheets: [
        {
          name: "Tổng hợp",
          values: [["Mã đơn vị", "Đơn vị", "1.1"], ["", "Sở Văn hóa, Thể thao và Du lịch", "có"], ["", "Sở Văn hoá, Thể thao và Du lịch", "có"], ["H1", "UBND huyện Thủy Nguyên", "có"], ["H2", "UBND huyện Thuỷ Nguyên", "có"]],
        },
      ],
    };
    const read = readSubmissions(model, table);
    expect(read.submissions).toHaveLength(4);
    const found = read.issues.filter((i) => i.code === "duplicate-unit-name");
    expect(found.map((i) => [i.severity, i.cell])).toEqual([["warning", "B3"], ["warning", "B5"]]);
    expect(found[0]!.message.vi).toBe(
      "Trang tính 'Tổng hợp', ô B3: tên đơn vị \"Sở Văn hoá, Thể thao và Du lịch\" (không có mã) chỉ khác \"Sở Văn hóa, Thể thao và Du lịch\" (không có mã, ở 'Tổng hợp'!B2) ở vị trí dấu thanh (như \"hoá\" và \"hóa\", \"thuỷ\" và \"thủy\"); hai đơn vị được chấm và xếp hạng riêng. Nếu là cùng một đơn vị, hãy ghi cùng một tên và mã rồi xóa bản thừa; nếu không, hãy đặt tên dễ phân biệt hơn.",
    );
    expect(found[1]!.message.en).toContain('the unit name "UBND huyện Thuỷ Nguyên" (code H2) differs from "UBND huyện Thủy Nguyên" (code H1, at \'Tổng hợp\'!A4) only in where the tone marks sit');
  });

  test("case and tone placement both: said as both", () => {
    const read = readSubmissions(model, { sheets: [{ name: "T", values: [["Mã đơn vị", "Đơn vị", "1.1"], ["A", "Sở Văn hóa", "có"], ["B", "SỞ VĂN HOÁ", "có"]] }] });
    expect(read.issues.find((i) => i.code === "duplicate-unit-name")?.message.vi).toContain("ở chữ hoa, chữ thường và vị trí dấu thanh");
  });
});

describe("two units of one name without a code", () => {
  test("a second form is said as the unit of that name given twice, not as a code", () => {
    const noCode: CellValue[][] = [["Đơn vị", "Sở Y tế"], ["Nhóm", "co-dvc"], ["Bộ chỉ số", "dti-so-mau@2024"]];
    const read = readSubmissions(model, book(form({ block: noCode }), form({ name: "Sở Y tế (2)", block: noCode })));
    const [dup] = read.issues.filter((i) => i.code === "duplicate-unit");
    expect(dup!.message.vi).toBe("Trang tính 'Sở Y tế (2)', ô B1: đơn vị \"Sở Y tế\" (không ghi mã) đã có phiếu ở 'Sở Y tế'!B1; phiếu này là bản thứ hai nên không được chấm.");
    expect(dup!.message.en).toBe("Sheet 'Sở Y tế (2)', cell B1: the unit \"Sở Y tế\" (no code given) already appears at 'Sở Y tế'!B1; this second entry is not scored.");
  });

  test("a unit code given twice is still said as a code", () => {
    const read = readSubmissions(model, book(form(), form({ name: "Sở Y tế (2)" })));
    expect(read.issues.find((i) => i.code === "duplicate-unit")?.message.vi).toContain('đơn vị có mã "SYT" đã có phiếu ở');
  });
});
