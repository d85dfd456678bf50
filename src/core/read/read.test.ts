import type { CellValue, Issue, ScoreTable, SheetSnapshot, Submission, WorkbookSnapshot } from "../types";
import type { IndexModel } from "../definition/model";
import { csvToSnapshot } from "./csv";
import { definitionHash, parseDefinition } from "../definition";
import { FORM_DEFINITION_PREFIX } from "./layout-a";
import { notScoredEntries } from "../plan";
import { sampleModel } from "./fixtures";
import { INDEX_FORMAT } from "../plan/labels";
import { readIndexSheet, unitInputHashes, unitKey } from "../plan/index-sheet";
import { checkSelfScores, issueCounts, readSubmissions, sheetsWrittenByScoring } from "./index";
import { scoreUnits } from "../score";
import { withEvidenceFindings } from "./evidence";
import { XlsxHost } from "../../hosts/xlsx/host";
import { makeTemplate } from "../../hosts/xlsx/template";

const model = sampleModel();

const VI_HEADER = ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Số liệu thẩm định", "Tự chấm", "Minh chứng", "Ghi chú", "Điểm"];
const EN_HEADER = ["Code", "Item", "Max points", "Value", "Appraised value", "Self score", "Evidence", "Note", "Score"];
const KEYS = ["code", "item", "max", "value", "appraised", "self", "evidence", "note", "score"] as const;
type Line = Partial<Record<(typeof KEYS)[number], CellValue>>;

/** A complete, valid submission: every input filled. */
const LINES: Line[] = [
  { code: "1", item: "Nhận thức số", max: 40, self: 35 },
  { code: "1.1", item: "Ban chỉ đạo", max: 10, value: "có", self: 10, evidence: "QĐ 12/QĐ-SYT" },
  { code: "1.2", item: "Văn bản chỉ đạo", max: 10, self: 7.5, evidence: "Danh mục văn bản" },
  { code: "1.2.a", item: "Số văn bản do Chủ tịch ký", value: 3 },
  { code: "1.2.b", item: "Tổng số văn bản", value: 4 },
  { code: "1.3", item: "Trưởng ban chỉ đạo", max: 10, value: "bí thư", self: 10 },
  { code: "1.10", item: "Số cuộc họp", max: 10, value: 4 },
  { code: "2", item: "Chính quyền số", max: 20 },
  { code: "2.1", item: "Tỷ lệ hồ sơ trực tuyến", max: 10, value: "85%" },
  { code: "2.2", item: "Điểm tự chấm", max: 5, value: 4 },
  { code: "2.3", item: "Dịch vụ công mức 4", max: 5, value: 12 },
];

interface SheetOptions {
  name?: string;
  block?: CellValue[][];
  header?: string[];
  lines?: Line[];
  change?: Record<string, Line>;
  /** Rows put between the header block and the table. */
  between?: CellValue[][];
  after?: CellValue[][];
}

const BLOCK: CellValue[][] = [
  ["Đơn vị", "Sở Y tế"],
  ["Mã đơn vị", "SYT"],
  ["Nhóm", "co-dvc"],
  ["Bộ chỉ số", "dti-so-mau@2024"],
  ["Kỳ đánh giá", "2024"],
];

function sheetA(o: SheetOptions = {}): SheetSnapshot {
  const header = o.header ?? VI_HEADER;
  const order = header.map((h) => KEYS[(VI_HEADER.includes(h) ? VI_HEADER : EN_HEADER).indexOf(h)]!);
  const lines = (o.lines ?? LINES).map((l) => ({ ...l, ...(o.change?.[String(l.code)] ?? {}) }));
  const values: CellValue[][] = [
    ...(o.block ?? BLOCK),
    [],
    ...(o.between ?? []),
    header,
    ...lines.map((l) => order.map((k) => l[k] ?? null)),
    ...(o.after ?? []),
  ];
  return { name: o.name ?? "Sở Y tế", values };
}

const book = (...sheets: SheetSnapshot[]): WorkbookSnapshot => ({ sheets });
/** The `_index` sheet of a scored workbook, recording `owned` as sheets the run wrote. */
const indexSheet = (...owned: string[]): SheetSnapshot => ({
  name: "_index",
  values: [["format", INDEX_FORMAT], ...owned.map((name) => ["sheet", name])],
  visible: false,
});
const codes = (issues: Issue[]): string[] => issues.map((i) => i.code);
/** The reading's findings once the units are scored, as runScoring gives them ("evidence-missing" needs the scores). */
const scoredFindings = (m: IndexModel, snapshot: WorkbookSnapshot): Issue[] => {
  const reading = readSubmissions(m, snapshot);
  return withEvidenceFindings(m, reading, scoreUnits(m, reading.submissions));
};
const only = (result: { submissions: Submission[] }): Submission => {
  expect(result.submissions).toHaveLength(1);
  return result.submissions[0]!;
};

const EXPECTED_VALUES = {
  "1.1": true,
  "1.2.a": 3,
  "1.2.b": 4,
  "1.3": "Chủ tịch",
  "1.10": 4,
  "2.1": 0.85,
  "2.2": 4,
  "2.3": 12,
};

describe("layout A: one sheet per unit", () => {
  test("reads the unit, its category, every typed value, evidence, self scores and where each value came from", () => {
    const result = readSubmissions(model, book(sheetA()));
    expect(result.layout).toBe("A");
    expect(result.sheets).toEqual(["Sở Y tế"]);
    expect(result.issues).toEqual([]);
    const s = only(result);
    expect(s).toMatchObject({ code: "SYT", name: "Sở Y tế", category: "co-dvc", notApplicable: [] });
    expect(s.values).toEqual(EXPECTED_VALUES);
    expect(s.evidence).toEqual({ "1.1": "QĐ 12/QĐ-SYT", "1.2": "Danh mục văn bản" });
    expect(s.selfScores).toEqual({ "1": 35, "1.1": 10, "1.2": 7.5, "1.3": 10 });
    expect(s.source).toMatchObject({ layout: "A", sheet: "Sở Y tế", headerRow: 7, scoreColumn: 9, lastColumn: 9 });
    expect(s.source?.cells?.["1.2.a"]).toBe("D11");
    expect(s.source?.rows).toMatchObject({ "1": 8, "1.1": 9, "1.2.a": 11, "2.3": 18 });
    expect(s.source?.selfScoreCells?.["1.2"]).toBe("F10");
  });

  test("finds the table after inserted rows and notes, with columns in another order", () => {
    const header = ["Ghi chú", "Số liệu", "Mã", "Minh chứng", "Tự chấm", "Điểm", "Nội dung"];
    const sheet = sheetA({
      header,
      between: [["PHIẾU TỰ ĐÁNH GIÁ"], ["Hướng dẫn: nhập số liệu vào cột Số liệu"], []],
      after: [[], ["Người lập biểu", null, "Ghi chú: số liệu tính đến 31/12"], ["Thủ trưởng đơn vị"]],
    });
    const result = readSubmissions(model, book(sheet));
    expect(result.issues).toEqual([]);
    const s = only(result);
    expect(s.values).toEqual(EXPECTED_VALUES);
    expect(s.source).toMatchObject({ headerRow: 10, scoreColumn: 6, lastColumn: 7 });
    expect(s.source?.cells?.["1.10"]).toBe("B17");
  });

  test("reads English labels and column names", () => {
    const sheet = sheetA({
      header: EN_HEADER,
      block: [["Unit:", "Department of Health"], ["Unit code:", "DOH"], ["Category:", "co-dvc"], ["Index:", "dti-so-mau@2024"], ["Period:", "2024"]],
    });
    const s = only(readSubmissions(model, book(sheet)));
    expect(s).toMatchObject({ code: "DOH", name: "Department of Health", category: "co-dvc" });
    expect(s.values).toEqual(EXPECTED_VALUES);
  });

  test("an appraised value overrides the unit's own value, and its cell is the one recorded", () => {
    const s = only(readSubmissions(model, book(sheetA({ change: { "1.2.a": { appraised: 2 }, "1.1": { appraised: "không" } } }))));
    expect(s.values["1.2.a"]).toBe(2);
    expect(s.values["1.1"]).toBe(false);
    expect(s.source?.cells?.["1.2.a"]).toBe("E11");
    expect(s.source?.cells?.["1.2.b"]).toBe("D12");
  });

  test("the header block's category may be an id or a category name in Vietnamese or English, any case or diacritics", () => {
    for (const category of ["co-dvc", "Sở có dịch vụ công", "SO CO DICH VU CONG", "departments with public services"]) {
      const block = BLOCK.map((r) => (r[0] === "Nhóm" ? ["Nhóm:", category] : r));
      expect(only(readSubmissions(model, book(sheetA({ block })))).category).toBe("co-dvc");
    }
  });

  test("an unknown category, for an index that decides which indicators apply by category, is an error at its cell and the unit is read without one", () => {
    const block = BLOCK.map((r) => (r[0] === "Nhóm" ? ["Nhóm", "Sở khác"] : r));
    const result = readSubmissions(model, book(sheetA({ block })));
    expect(only(result).category).toBeUndefined();
    expect(result.issues).toContainEqual(expect.objectContaining({ code: "unknown-category", severity: "error", sheet: "Sở Y tế", cell: "B3", unit: "SYT" }));
  });

  test("a sheet naming another index is skipped with a definition-mismatch error", () => {
    const block = BLOCK.map((r) => (r[0] === "Bộ chỉ số" ? ["Bộ chỉ số", "dti-huyen@2024"] : r));
    const result = readSubmissions(model, book(sheetA({ block }), sheetA({ name: "Sở Tài chính", block: BLOCK.map((r) => (r[0] === "Mã đơn vị" ? ["Mã đơn vị", "STC"] : r[0] === "Đơn vị" ? ["Đơn vị", "Sở Tài chính"] : r)) })));
    expect(result.submissions.map((s) => s.code)).toEqual(["STC"]);
    expect(result.sheets).toEqual(["Sở Tài chính"]);
    const mismatch = result.issues.find((i) => i.code === "definition-mismatch");
    expect(mismatch).toMatchObject({ severity: "error", sheet: "Sở Y tế", cell: "B4", unit: "SYT" });
    expect(mismatch?.message.vi).toBe(
      "Trang tính 'Sở Y tế', ô B4: trang tính ghi bộ chỉ số \"dti-huyen@2024\", khác với bộ chỉ số đang dùng \"dti-so-mau@2024\"; trang tính này được bỏ qua.",
    );
    // Left out of the scoring, as the results sheet lists it.
    expect(notScoredEntries(result.issues, result.submissions)).toEqual([expect.objectContaining({ kind: "form", sheet: "Sở Y tế" })]);
  });

  test("a form naming the index in use by its name (either language, any case or diacritics) or its id in capitals is read as the index in use", () => {
    for (const text of ["Bộ chỉ số mẫu", "BỘ CHỈ SỐ MẪU", "bo chi so mau", "Sample index", "DTI-SO-MAU", "Bộ chỉ số mẫu@2024"]) {
      const block = BLOCK.map((r) => (r[0] === "Bộ chỉ số" ? ["Bộ chỉ số", text] : r));
      const result = readSubmissions(model, book(sheetA({ block })));
      expect([text, result.submissions.map((s) => s.code)]).toEqual([text, ["SYT"]]);
      expect(result.issues.filter((i) => i.code === "definition-mismatch")).toEqual([]);
    }
    // Its name with another version: read as that version of the index in use, with its warning.
    const block = BLOCK.map((r) => (r[0] === "Bộ chỉ số" ? ["Bộ chỉ số", "Sample index@2023"] : r));
    const result = readSubmissions(model, book(sheetA({ block })));
    expect(result.submissions.map((s) => s.code)).toEqual(["SYT"]);
    expect(result.issues.filter((i) => i.code === "definition-mismatch").map((i) => i.severity)).toEqual(["warning"]);
    // A title that is neither its id nor its name stays another index's.
    const other = BLOCK.map((r) => (r[0] === "Bộ chỉ số" ? ["Bộ chỉ số", "Bộ chỉ số mẫu cấp xã"] : r));
    const titled = readSubmissions(model, book(sheetA({ block: other })));
    expect(titled.submissions).toEqual([]);
    // Said with what to type, the sheet being skipped.
    expect(titled.issues.filter((i) => i.code === "definition-mismatch").map((i) => [i.severity, i.cell, i.message.vi])).toEqual([
      [
        "error",
        "B4",
        "Trang tính 'Sở Y tế', ô B4: ô Bộ chỉ số ghi \"Bộ chỉ số mẫu cấp xã\", không phải mã hay tên của bộ chỉ số đang dùng \"dti-so-mau@2024\", nên trang tính này được bỏ qua; nếu phiếu được lập theo bộ chỉ số đang dùng, hãy ghi dti-so-mau@2024 vào ô này.",
      ],
    ]);
  });

  test("a form naming another version of the index in use is read by the codes of its rows, with a definition-mismatch warning at its Bộ chỉ số cell", () => {
    // Filled for version 2023, read with 2024: 2.2 has no row on it (2024 added it), 2.4 is a code 2024 dropped.
    const block = BLOCK.map((r) => (r[0] === "Bộ chỉ số" ? ["Bộ chỉ số", "dti-so-mau@2023"] : r));
    const lines = [...LINES.filter((l) => l.code !== "2.2"), { code: "2.4", item: "Chỉ tiêu cũ", max: 5, value: 3 }];
    const result = readSubmissions(model, book(sheetA({ block, lines })));
    const s = only(result);
    const { "2.2": _dropped, ...read } = EXPECTED_VALUES;
    expect(s.values).toEqual(read);
    expect(result.sheets).toEqual(["Sở Y tế"]);
    // Said first, then what the other version's rows leave: a row missing, a code not known.
    expect(result.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([
      ["definition-mismatch", "warning", "B4"],
      ["missing-row", "warning", "A7"],
      ["unknown-code", "warning", "A18"],
    ]);
    expect(result.issues[0]!.message.vi).toBe(
      "Trang tính 'Sở Y tế', ô B4: phiếu được lập theo bộ chỉ số \"dti-so-mau@2023\" (phiên bản 2023), không phải phiên bản đang dùng (2024); phiếu được đọc theo mã ở từng dòng với phiên bản 2024 — hãy kiểm tra các dòng mà hai phiên bản khác nhau (các dòng còn thiếu và các mã không có trong phiên bản 2024 được báo riêng).",
    );
    expect(result.issues[0]!.message.en).toBe(
      "Sheet 'Sở Y tế', cell B4: the form was made for the index \"dti-so-mau@2023\" (version 2023), not the version in use (2024); it is read by the codes of its rows with version 2024 — check the rows on which the two versions differ (missing rows and codes version 2024 does not have are reported separately).",
    );
    expect(result.issues[0]!.unit).toBe("SYT");
    // Scored, so not among the forms left out.
    expect(notScoredEntries(result.issues, result.submissions)).toEqual([]);
    // A form of that version that records its definition's hash gets the one warning, about the version.
    const recorded = block.map((r) => (r[0] === "Bộ chỉ số" ? [...r, ...Array<CellValue>(37).fill(null), FORM_DEFINITION_PREFIX + "0".repeat(64)] : r));
    const withHash = readSubmissions(model, book(sheetA({ block: recorded })));
    expect(withHash.issues.map((i) => [i.code, i.severity])).toEqual([["definition-mismatch", "warning"]]);
    expect(withHash.issues[0]!.message.en).toContain('(version 2023), not the version in use (2024)');
  });

  test("a form that names the index in use but records another definition of it is scored, with a definition-mismatch warning at its Bộ chỉ số cell", () => {
    const stc = BLOCK.map((r) => (r[0] === "Mã đơn vị" ? ["Mã đơn vị", "STC"] : r[0] === "Đơn vị" ? ["Đơn vị", "Sở Tài chính"] : r));
    // As template writes it: the hash in a hidden cell (column AN) of the Bộ chỉ số row.
    const recording = (hash: string, block: CellValue[][] = BLOCK): CellValue[][] =>
      block.map((r) => (r[0] === "Bộ chỉ số" ? [...r, ...Array<CellValue>(37).fill(null), FORM_DEFINITION_PREFIX + hash] : r));
    const own = definitionHash(model.definition);
    const other = definitionHash({ ...model.definition, name: { vi: "Bản sửa", en: "Edited copy" } });
    const result = readSubmissions(model, book(sheetA({ block: recording(other) }), sheetA({ name: "Sở Tài chính", block: recording(other, stc) })));
    // Both forms are scored, by the index in use, with what they hold.
    expect(result.submissions.map((s) => s.code)).toEqual(["SYT", "STC"]);
    expect(result.submissions[0]!.values).toEqual(EXPECTED_VALUES);
    const warnings = result.issues.filter((i) => i.code === "definition-mismatch");
    expect(warnings).toEqual([
      expect.objectContaining({ severity: "warning", sheet: "Sở Y tế", cell: "B4", unit: "SYT" }),
      expect.objectContaining({ severity: "warning", sheet: "Sở Tài chính", cell: "B4", unit: "STC" }),
    ]);
    // Said first of the form's findings.
    expect(result.issues[0]).toBe(warnings[0]);
    expect(warnings[0]!.message.vi).toBe(
      'Trang tính \'Sở Y tế\', ô B4: phiếu được tạo từ một định nghĩa có cùng mã và phiên bản "dti-so-mau@2024" với bộ chỉ số đang dùng nhưng nội dung khác (chỉ tiêu hoặc điểm tối đa khác); điểm của phiếu được chấm theo bộ chỉ số đang dùng — để chấm theo định nghĩa đã tạo phiếu, hãy chọn chính tệp định nghĩa đó (dòng lệnh: --index <tệp.json>; ngăn tác vụ: chọn "Tệp JSON").',
    );
    expect(warnings[0]!.message.en).toBe(
      'Sheet \'Sở Y tế\', cell B4: the form was made from a definition with the same id and version "dti-so-mau@2024" as the index in use but other content (other indicators or maxima); it is scored with the index in use — to score it by the definition it was made from, choose that very file (command line: --index <file.json>; task pane: choose "A JSON file").',
    );
    // Scored, so not among the forms left out.
    expect(notScoredEntries(result.issues, result.submissions)).toEqual([]);
    // A form made from the definition in use says nothing about it.
    expect(readSubmissions(model, book(sheetA({ block: recording(own) }))).issues).toEqual([]);
  });

  test("a form whose table header was renamed is not dropped silently: layout-not-found names the sheet and the unit", () => {
    const stc = BLOCK.map((r) => (r[0] === "Mã đơn vị" ? ["Mã đơn vị", "STC"] : r[0] === "Đơn vị" ? ["Đơn vị", "Sở Tài chính"] : r));
    const renamed = VI_HEADER.map((h) => (h === "Số liệu" ? "Giá trị nhập" : h));
    const result = readSubmissions(model, book(sheetA({ header: renamed }), sheetA({ name: "Sở Tài chính", block: stc })));
    expect(result.submissions.map((s) => s.code)).toEqual(["STC"]);
    // The row that is the header but for the renamed column, and that column's cell.
    expect(result.issues).toEqual([expect.objectContaining({ code: "layout-not-found", severity: "error", sheet: "Sở Y tế", cell: "D7", unit: "SYT" })]);
    expect(result.issues[0]!.message.vi).toBe(
      'Trang tính \'Sở Y tế\', ô D7: dòng 7 là dòng tiêu đề bảng nhưng tên cột "Giá trị nhập" không được nhận ra: cột số liệu phải có tên "Số liệu" (Value), nên phiếu của Sở Y tế (SYT) chưa được chấm; hãy sửa lại tên cột như phiếu mẫu.',
    );
    // A Vietnamese form is not asked for English column names it never had.
    expect(result.issues[0]!.message.en).toBe(
      'Sheet \'Sở Y tế\', cell D7: row 7 is the table\'s header row but the column name "Giá trị nhập" is not recognised: the value column must be named "Số liệu" (Value), so the form of Sở Y tế (SYT) is not scored; restore the column name of the template.',
    );
    // A sheet of the user's own (notes, a cover page) is not a form and says nothing.
    const notes: SheetSnapshot = { name: "Ghi chép", values: [["Đơn vị tổng hợp: Sở TT&TT"], ["Ngày", "1/12"]] };
    expect(readSubmissions(model, book(notes, sheetA({ name: "Sở Tài chính", block: stc }))).issues).toEqual([]);
  });

  test("a header renamed around its name (\"Số liệu đơn vị\") is pointed at among other unknown columns; an English form gets its own names first", () => {
    const renamed = [...VI_HEADER.map((h) => (h === "Số liệu" ? "Số liệu đơn vị" : h)), "Cột thêm"];
    const vi = readSubmissions(model, book(sheetA({ header: renamed })));
    expect(vi.issues).toEqual([expect.objectContaining({ code: "layout-not-found", cell: "D7", unit: "SYT" })]);
    expect(vi.issues[0]!.message.vi).toContain('tên cột "Số liệu đơn vị" không được nhận ra: cột số liệu phải có tên "Số liệu" (Value)');
    const en = readSubmissions(model, book(sheetA({ header: EN_HEADER.map((h) => (h === "Code" ? "Indicator no." : h)) })));
    expect(en.issues).toEqual([expect.objectContaining({ code: "layout-not-found", cell: "A7", unit: "SYT" })]);
    expect(en.issues[0]!.message.en).toContain('the column name "Indicator no." is not recognised: the code column must be named "Code" (Mã)');
  });

  test("a form whose table header cannot be found at all names its unit by name and code", () => {
    const result = readSubmissions(model, book(sheetA({ header: ["STT", "Tiêu chí", "Kết quả"] }), sheetA({ name: "Sở Tài chính", block: BLOCK.map((r) => (r[0] === "Mã đơn vị" ? ["Mã đơn vị", "STC"] : r)) })));
    expect(result.issues).toContainEqual(expect.objectContaining({ code: "layout-not-found", cell: "B1", unit: "SYT" }));
    const issue = result.issues.find((i) => i.code === "layout-not-found")!;
    expect(issue.message.vi).toBe(
      'Trang tính \'Sở Y tế\', ô B1: trang tính có phần đầu phiếu (Đơn vị, Bộ chỉ số…) nhưng không có dòng tiêu đề bảng với cột "Mã" (Code) và "Số liệu" (Value), nên phiếu của Sở Y tế (SYT) chưa được chấm; hãy sửa lại tên cột như phiếu mẫu.',
    );
  });

  test("codes stored as numbers match the definition, 1.10 included (Excel keeps it as 1.1)", () => {
    const lines = LINES.map((l) => (l.code === "1.1" ? { ...l, code: 1.1 } : l.code === "1.10" ? { ...l, code: 1.1 } : l.code === "1" ? { ...l, code: 1 } : l));
    const s = only(readSubmissions(model, book(sheetA({ lines }))));
    expect(s.values["1.1"]).toBe(true);
    expect(s.values["1.10"]).toBe(4);
    expect(s.selfScores?.["1"]).toBe(35);
  });

  test("a text code is preferred to a numeric one: the number 1.1 after a text \"1.1\" is read as 1.10", () => {
    const lines = LINES.map((l) => (l.code === "1.10" ? { ...l, code: 1.1 } : l));
    const s = only(readSubmissions(model, book(sheetA({ lines }))));
    expect(s.values["1.1"]).toBe(true);
    expect(s.values["1.10"]).toBe(4);
  });

  test("codes the definition lacks and definition inputs without a row are reported", () => {
    const lines = [...LINES.filter((l) => l.code !== "2.2"), { code: "2.4", item: "Chỉ tiêu lạ", value: 3 }];
    const result = readSubmissions(model, book(sheetA({ lines })));
    expect(result.issues).toContainEqual(expect.objectContaining({ code: "unknown-code", severity: "warning", cell: "A18", unit: "SYT" }));
    expect(result.issues).toContainEqual(expect.objectContaining({ code: "missing-row", severity: "warning", node: "2.2", cell: "A7" }));
  });

  test("a deleted row is one finding, missing-row, saying the indicator scores as missing under the definition's rule", () => {
    const lines = LINES.filter((l) => l.code !== "2.2");
    const zero = readSubmissions(model, book(sheetA({ lines })));
    expect(zero.issues.map((i) => [i.code, i.severity, i.cell, i.node])).toEqual([["missing-row", "warning", "A7", "2.2"]]);
    expect(zero.issues[0]?.message.vi).toBe("Trang tính 'Sở Y tế', ô A7: bảng không có dòng cho chỉ tiêu 2.2; chỉ tiêu này được tính như thiếu số liệu (0 điểm).");
    expect(zero.issues[0]?.message.en).toBe("Sheet 'Sở Y tế', cell A7: the table has no row for indicator 2.2; the indicator is scored as missing (0 points).");

    const exclude = readSubmissions(sampleModel({ missing: "exclude" }), book(sheetA({ lines })));
    expect(exclude.issues.map((i) => i.code)).toEqual(["missing-row"]);
    expect(exclude.issues[0]?.message.vi).toBe(
      "Trang tính 'Sở Y tế', ô A7: bảng không có dòng cho chỉ tiêu 2.2; chỉ tiêu này được tính như thiếu số liệu (không được tính khi tổng hợp điểm).",
    );
    expect(exclude.issues[0]?.message.en).toBe(
      "Sheet 'Sở Y tế', cell A7: the table has no row for indicator 2.2; the indicator is scored as missing (left out of the aggregation).",
    );

    // An input of a ratio: named as the input of its indicator.
    const noDenominator = readSubmissions(model, book(sheetA({ lines: LINES.filter((l) => l.code !== "1.2.b") })));
    expect(noDenominator.issues.map((i) => [i.code, i.node])).toEqual([["missing-row", "1.2.b"]]);
    expect(noDenominator.issues[0]?.message.vi).toBe(
      "Trang tính 'Sở Y tế', ô A7: bảng không có dòng cho số liệu 1.2.b của chỉ tiêu 1.2; chỉ tiêu 1.2 được tính như thiếu số liệu (0 điểm).",
    );
  });

  test("a deleted row of an indicator that does not apply to the unit says only that the row is missing", () => {
    const block = BLOCK.map((r) => (r[0] === "Nhóm" ? ["Nhóm", "khong-dvc"] : r));
    const result = readSubmissions(model, book(sheetA({ block, lines: LINES.filter((l) => l.code !== "2.3") })));
    expect(result.issues.map((i) => [i.code, i.message.en])).toEqual([["missing-row", "Sheet 'Sở Y tế', cell A7: the table has no row for indicator 2.3."]]);
  });
});

describe("validation of values", () => {
  test("a text that is not a number is an error naming the sheet, the cell and the indicator, and counts as missing", () => {
    const result = readSubmissions(model, book(sheetA({ change: { "1.10": { value: "1,5 lần" } } })));
    const issue = result.issues.find((i) => i.code === "not-a-number");
    expect(issue).toEqual({
      severity: "error",
      code: "not-a-number",
      sheet: "Sở Y tế",
      cell: "D14",
      unit: "SYT",
      node: "1.10",
      message: {
        vi: "Trang tính 'Sở Y tế', ô D14: \"1,5 lần\" không phải là số (chỉ tiêu 1.10); nếu số liệu là 1,5, hãy chỉ ghi số 1,5 (không kèm đơn vị tính hay chữ).",
        en: "Sheet 'Sở Y tế', cell D14: \"1,5 lần\" is not a number (indicator 1.10); if the figure is 1,5, write only the number 1,5 (without a unit or words).",
      },
    });
    expect(only(result).values["1.10"]).toBeUndefined();
    expect(codes(result.issues)).not.toContain("missing-input");
  });

  test("Excel errors, unknown choices, non-integers, values out of range and points above the maximum are errors left out of the values", () => {
    const result = readSubmissions(
      model,
      book(
        sheetA({
          change: {
            "1.10": { value: { error: "#DIV/0!" } },
            "1.3": { value: "Giám đốc" },
            "1.2.a": { value: 2.5 },
            "1.2.b": { value: -4 },
            "2.2": { value: 7 },
          },
        }),
      ),
    );
    const byNode = Object.fromEntries(result.issues.map((i) => [i.node, i]));
    expect(byNode["1.10"]).toMatchObject({ code: "excel-error", severity: "error", cell: "D14" });
    expect(byNode["1.3"]).toMatchObject({ code: "unknown-choice", severity: "error" });
    expect(byNode["1.3"]?.message.vi).toContain('"Chủ tịch", "Phó Chủ tịch", "Không"');
    expect(byNode["1.2.a"]).toMatchObject({ code: "not-an-integer" });
    // A number cell is written as each language writes numbers (Vietnamese with a decimal comma), without quotes.
    expect(byNode["1.2.a"]?.message.vi).toContain(": 2,5 không phải là số nguyên");
    expect(byNode["1.2.a"]?.message.en).toContain(": 2.5 is not a whole number");
    expect(byNode["1.2.b"]).toMatchObject({ code: "out-of-range" });
    expect(byNode["2.2"]).toMatchObject({ code: "points-above-max" });
    expect(Object.keys(only(result).values).sort()).toEqual(["1.1", "2.1", "2.3"]);
  });

  test("N/A is recorded as not applicable where allowed, and is an error elsewhere", () => {
    const result = readSubmissions(model, book(sheetA({ change: { "2.1": { value: "Không áp dụng" }, "1.10": { value: "N/A" } } })));
    const s = only(result);
    expect(s.notApplicable).toEqual(["2.1"]);
    expect(s.values["2.1"]).toBeUndefined();
    expect(result.issues).toEqual([expect.objectContaining({ code: "not-applicable-not-allowed", severity: "error", cell: "D14", node: "1.10" })]);
  });

  test("a bare 85 for a percent input is read as 85% with a warning, and an ambiguous number text is reported", () => {
    const result = readSubmissions(model, book(sheetA({ change: { "2.1": { value: 85 }, "1.10": { value: "1.860" }, "1.2.b": { value: "1.860" } } })));
    const s = only(result);
    expect(s.values["2.1"]).toBe(0.85);
    expect(s.values["1.10"]).toBe(1860);
    // A count of documents cannot be 1,86: "1.860" is 1860 there, without a warning.
    expect(s.values["1.2.b"]).toBe(1860);
    expect(result.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([
      ["ambiguous-number", "warning", "D14"],
      ["percent-as-number", "warning", "D16"],
    ]);
    // The number is said plainly and in words, not repeated as typed.
    expect(result.issues[0]?.message.vi).toBe(
      "Trang tính 'Sở Y tế', ô D14: \"1.860\" được hiểu là 1860 (một nghìn tám trăm sáu mươi) theo cách viết số của Việt Nam, không phải 1,86; nên nhập dạng số để tránh nhầm lẫn (chỉ tiêu 1.10).",
    );
    expect(result.issues[0]?.message.en).toBe(
      "Sheet 'Sở Y tế', cell D14: \"1.860\" is read the Vietnamese way as 1860 (one thousand eight hundred sixty), not 1.86; enter it as a number cell to avoid confusion (indicator 1.10).",
    );
  });

  test("a number text that is no number in the definition's numberLocale is read the other way and reported", () => {
    const lines: Line[] = [{ code: "1.10", item: "Số cuộc họp", max: 10, value: "73,6" }];
    const block = BLOCK.filter((r) => r[0] !== "Bộ chỉ số");
    const single = (numberLocale: "vi" | "en" | "auto", value: string) =>
      readSubmissions(
        sampleModel({ numberLocale, categories: undefined, root: { code: "R", name: "R", children: [{ code: "1.10", name: "Họp", max: 100000, rule: { kind: "points" } }] } }),
        book(sheetA({ lines: [{ ...lines[0]!, value }], block: block.filter((r) => r[0] !== "Nhóm") })),
      );
    // en: a comma groups thousands, so "73,6" is not an en number; it is read as 73.6 and said so.
    const en = single("en", "73,6");
    expect(only(en).values["1.10"]).toBe(73.6);
    expect(en.issues.map((i) => [i.code, i.severity, i.cell, i.node])).toEqual([["ambiguous-number", "warning", "D6", "1.10"]]);
    expect(en.issues[0]?.message.en).toBe(
      'Sheet \'Sở Y tế\', cell D6: "73,6" is read the Vietnamese way (decimal comma) as 73.6 (seventy-three point six), though the index writes numbers the English way, where a comma groups thousands; check the figure, or enter it as a number cell to avoid confusion (indicator 1.10).',
    );
    expect(en.issues[0]?.message.vi).toBe(
      'Trang tính \'Sở Y tế\', ô D6: "73,6" được hiểu là 73,6 (bảy mươi ba phẩy sáu) theo cách viết số của Việt Nam (dấu phẩy thập phân), dù bộ chỉ số viết số kiểu tiếng Anh, trong đó dấu phẩy phân cách hàng nghìn; hãy kiểm tra lại số liệu, hoặc nhập dạng số để tránh nhầm lẫn (chỉ tiêu 1.10).',
    );
    // vi: a dot groups thousands, so "73.6" is not a vi number; the same, the other way.
    const vi = single("vi", "73.6");
    expect(only(vi).values["1.10"]).toBe(73.6);
    expect(vi.issues.map((i) => [i.code, i.severity])).toEqual([["ambiguous-number", "warning"]]);
    expect(vi.issues[0]?.message.en).toContain('"73.6" is read the English way (decimal point) as 73.6 (seventy-three point six), though the index writes numbers the Vietnamese way, where a dot groups thousands');
    // Well formed in the locale: no finding ("11,397" is 11397 in en, "1.860" is 1860 in vi); in auto, no finding for one reading.
    expect(single("en", "11,397").issues).toEqual([]);
    expect(only(single("en", "11,397")).values["1.10"]).toBe(11397);
    expect(single("vi", "1.860").issues).toEqual([]);
    expect(only(single("vi", "1.860")).values["1.10"]).toBe(1860);
    expect(single("vi", "73,6").issues).toEqual([]);
    expect(single("auto", "73.6").issues).toEqual([]);
    expect(single("auto", "73,6").issues).toEqual([]);
    // Typed with "%": shown as a percentage.
    const percent = single("en", "12,5%");
    expect(only(percent).values["1.10"]).toBe(0.125);
    expect(percent.issues[0]?.message.en).toContain('"12,5%" is read the Vietnamese way (decimal comma) as 12.5% (twelve point five percent)');
  });

  test("a missing input is a warning under missing: zero and information under exclude", () => {
    const change = { "1.10": { value: null } };
    const zero = readSubmissions(model, book(sheetA({ change })));
    expect(zero.issues).toEqual([expect.objectContaining({ code: "missing-input", severity: "warning", cell: "D14", node: "1.10" })]);
    expect(zero.issues[0]?.message.vi).toBe("Trang tính 'Sở Y tế', ô D14: chưa có số liệu cho chỉ tiêu 1.10; chỉ tiêu này được tính 0 điểm.");
    const exclude = readSubmissions(sampleModel({ missing: "exclude" }), book(sheetA({ change })));
    expect(exclude.issues).toEqual([expect.objectContaining({ code: "missing-input", severity: "info", cell: "D14" })]);
  });

  test("an input of an indicator that does not apply to the unit's category is not reported missing", () => {
    const block = BLOCK.map((r) => (r[0] === "Nhóm" ? ["Nhóm", "khong-dvc"] : r));
    const result = readSubmissions(model, book(sheetA({ block, change: { "2.3": { value: null } } })));
    expect(result.issues).toEqual([]);
  });

  test("a figure for an indicator that does not apply to the unit's category is one note at its cell, naming the category; blank and N/A say nothing", () => {
    const TABLE: CellValue[][] = [
      ["Mã đơn vị", "Đơn vị", "Nhóm", "1.1", "1.2.a", "1.2.b", "1.3", "1.10", "2.1", "2.2", "2.3"],
      ["STC", "Sở Tài chính", "khong-dvc", "có", 3, 4, "Chủ tịch", 4, 0.85, 4, 12],
      ["SNV", "Sở Nội vụ", "khong-dvc", "có", 3, 4, "Chủ tịch", 4, 0.85, 4, null],
      ["STP", "Sở Tư pháp", "khong-dvc", "có", 3, 4, "Chủ tịch", 4, 0.85, 4, "N/A"],
      ["SXD", "Sở Xây dựng", "khong-dvc", "có", 3, 4, "Chủ tịch", 4, 0.85, 4, "Không áp dụng"],
      ["SGT", "Sở Giao thông", "khong-dvc", "có", 3, 4, "Chủ tịch", 4, 0.85, 4, "nhiều"],
      ["SYT", "Sở Y tế", "co-dvc", "có", 3, 4, "Chủ tịch", 4, 0.85, 4, 12],
    ];
    const result = readSubmissions(model, book({ name: "Tổng hợp", values: TABLE }));
    expect(result.issues.map((i) => [i.severity, i.code, i.sheet, i.cell, i.unit, i.node])).toEqual([
      ["info", "value-not-read", "Tổng hợp", "K2", "STC", "2.3"],
      ["info", "value-not-read", "Tổng hợp", "K6", "SGT", "2.3"],
    ]);
    expect(result.issues[0]!.message).toEqual({
      vi: "Trang tính 'Tổng hợp', ô K2: số liệu 12 không được tính vì chỉ tiêu 2.3 không áp dụng với loại đơn vị \"Sở không có dịch vụ công\".",
      en: "Sheet 'Tổng hợp', cell K2: the value 12 is not counted because indicator 2.3 does not apply to the unit category \"Departments without public services\".",
    });
    // Not a number either: still the one note, not an error about a cell that does not count.
    expect(result.issues[1]!.message.vi).toBe("Trang tính 'Tổng hợp', ô K6: số liệu \"nhiều\" không được tính vì chỉ tiêu 2.3 không áp dụng với loại đơn vị \"Sở không có dịch vụ công\".");
    const table = scoreUnits(model, result.submissions);
    expect(table.units.map((u) => u.nodes["2.3"]!.reason ?? u.nodes["2.3"]!.points)).toEqual(["not-applicable", "not-applicable", "not-applicable", "not-applicable", "not-applicable", 5]);
    const csv = readSubmissions(model, csvToSnapshot("Mã đơn vị,Đơn vị,Nhóm,2.3\nSTC,Sở Tài chính,khong-dvc,12\n", "tong-hop", "tong-hop.csv"));
    expect(csv.issues.filter((i) => i.code === "value-not-read").map((i) => i.message.en)).toEqual([
      'File tong-hop.csv, row 2, column D: the value "12" is not counted because indicator 2.3 does not apply to the unit category "Departments without public services".',
    ]);
  });

  test("a form's figure on the row of an indicator its category does not take is the same note; the row left blank, as the template leaves it, says nothing", () => {
    const block = BLOCK.map((r) => (r[0] === "Nhóm" ? ["Nhóm", "khong-dvc"] : r));
    const figure = readSubmissions(model, book(sheetA({ block })));
    expect(figure.issues.map((i) => [i.severity, i.code, i.cell, i.node])).toEqual([["info", "value-not-read", "D18", "2.3"]]);
    const blank = readSubmissions(model, book(sheetA({ block, change: { "2.3": { value: null, note: "Không áp dụng với nhóm đơn vị này" } } })));
    expect(blank.issues).toEqual([]);
  });

  test("a form made by template for a unit of a category an indicator does not apply to, left blank, gives no note", async () => {
    const units = [{ code: "STC", name: "Sở Tài chính", category: "khong-dvc" }];
    const host = await XlsxHost.fromBuffer(await makeTemplate(model, units, { lang: "vi" }), "phieu.xlsx");
    const sheet = (await host.read()).sheets.find((s) => s.name === "Sở Tài chính")!;
    expect(sheet.values.some((row) => row.includes("Không áp dụng với nhóm đơn vị này"))).toBe(true);
    const result = readSubmissions(model, book(sheet));
    expect(result.issues.filter((i) => i.code === "value-not-read")).toEqual([]);
  });

  test("a numerator above its denominator and a claim with points but no evidence are warnings", () => {
    const result = scoredFindings(model, book(sheetA({ change: { "1.2.a": { value: 5 }, "1.1": { evidence: null } } })));
    expect(result).toContainEqual(expect.objectContaining({ code: "numerator-exceeds-denominator", severity: "warning", cell: "D11", node: "1.2" }));
    expect(result).toContainEqual(expect.objectContaining({ code: "evidence-missing", severity: "warning", cell: "G9", node: "1.1" }));
    // Before scoring nothing is said: whether 1.1 earns points is not known yet.
    expect(codes(readSubmissions(model, book(sheetA({ change: { "1.1": { evidence: null } } }))).issues)).not.toContain("evidence-missing");
    const noPoints = scoredFindings(model, book(sheetA({ change: { "1.1": { value: "không", evidence: null } } })));
    expect(codes(noPoints)).not.toContain("evidence-missing");
  });

  test("a ratio over a negative denominator (a declared negative min) claims points when its quotient is above 0, and only then asks for evidence", () => {
    const parsed = parseDefinition({
      format: "index-definition/1", id: "g", version: "1", name: "G",
      root: {
        code: "R", name: "R",
        children: [{ code: "G", name: "Tăng trưởng", max: 10, evidence: "required", inputs: [{ code: "G.n", min: -100 }, { code: "G.d", min: -100 }], rule: { kind: "ratio", numerator: "G.n", denominator: "G.d" } }],
      },
    });
    if (!parsed.ok) throw new Error("invalid test definition");
    const form = (n: number, d: number): SheetSnapshot => ({
      name: "Sở A",
      values: [["Đơn vị", "Sở A"], ["Mã đơn vị", "SA"], [], ["Mã", "Nội dung", "Số liệu", "Minh chứng"], ["G", "Tăng trưởng", null, null], ["G.n", "", n, null], ["G.d", "", d, null]],
    });
    const warned = (n: number, d: number) => scoredFindings(parsed.model, book(form(n, d))).filter((i) => i.code === "evidence-missing").map((i) => i.cell);
    expect(warned(-50, -100)).toEqual(["D5"]);
    expect(warned(50, -100)).toEqual([]);
    expect(warned(50, 100)).toEqual(["D5"]);
  });

  test("evidence written on an input's row counts for its indicator", () => {
    const snapshot = book(sheetA({ change: { "1.2": { evidence: null }, "1.2.b": { evidence: "VB số 5" } } }));
    expect(codes(scoredFindings(model, snapshot))).not.toContain("evidence-missing");
    expect(only(readSubmissions(model, snapshot)).evidence?.["1.2"]).toBe("VB số 5");
    // Without it, 1.2 (which earns points) is warned about.
    const without = scoredFindings(model, book(sheetA({ change: { "1.2": { evidence: null } } })));
    expect(without.filter((i) => i.code === "evidence-missing").map((i) => i.node)).toEqual(["1.2"]);
  });

  test("in an x / blank checklist, a blank yes/no cell means no", () => {
    const two = sampleModel({
      root: {
        code: "R",
        name: "R",
        children: [
          { code: "a", name: "A", max: 1, rule: { kind: "boolean" } },
          { code: "b", name: "B", max: 1, rule: { kind: "boolean" } },
        ],
      },
    });
    const lines: Line[] = [{ code: "a", value: "x" }, { code: "b", value: null }];
    const block = BLOCK.filter((r) => r[0] !== "Bộ chỉ số");
    const result = readSubmissions(two, book(sheetA({ lines, block })));
    expect(only(result).values).toEqual({ a: true, b: false });
    // Said, as information (under missing "zero" the "no" scores what a blank would): the unit may not have answered.
    expect(result.issues.map((i) => [i.code, i.severity, i.cell, i.node])).toEqual([["blank-read-as-no", "info", "D8", "b"]]);
    const unticked = readSubmissions(two, book(sheetA({ lines: [{ code: "a", value: "có" }, { code: "b" }], block })));
    expect(codes(unticked.issues)).toEqual(["missing-input"]);
  });
});

describe("findings a reviewer asked for", () => {
  test("a zero denominator gives a note on what the rule does instead of a warning that the ratio is capped", () => {
    const result = readSubmissions(model, book(sheetA({ change: { "1.2.a": { value: 3 }, "1.2.b": { value: 0 } } })));
    expect(codes(result.issues)).not.toContain("numerator-exceeds-denominator");
    const note = result.issues.find((i) => i.code === "zero-denominator");
    expect(note).toMatchObject({ severity: "info", cell: "D12", node: "1.2", unit: "SYT" });
    expect(note?.message.vi).toBe("Trang tính 'Sở Y tế', ô D12: mẫu số 1.2.b bằng 0 nên chỉ tiêu 1.2 không được tính khi tổng hợp điểm (không áp dụng).");
    const zero = sampleModel({
      root: {
        code: "R",
        name: "R",
        children: [
          {
            code: "1.2",
            name: "Văn bản",
            max: 10,
            inputs: [{ code: "1.2.a" }, { code: "1.2.b" }],
            rule: { kind: "ratio", numerator: "1.2.a", denominator: "1.2.b", zeroDenominator: "zero" },
          },
        ],
      },
    });
    const lines: Line[] = [
      { code: "1.2", item: "Văn bản", max: 10 },
      { code: "1.2.a", value: 0 },
      { code: "1.2.b", value: 0 },
    ];
    const scoredZero = readSubmissions(zero, book(sheetA({ lines, block: BLOCK.filter((r) => r[0] !== "Bộ chỉ số") })));
    expect(scoredZero.issues.map((i) => [i.code, i.message.en])).toEqual([
      ["zero-denominator", "Sheet 'Sở Y tế', cell D9: the denominator 1.2.b is 0, so indicator 1.2 scores 0."],
    ]);
  });

  test("a zero denominator decides whatever the numerator holds, and its note agrees with the score", () => {
    const said = { na: "is left out of the aggregation (not applicable)", zero: "scores 0", full: "scores full points" } as const;
    for (const missing of ["zero", "exclude"] as const) {
      for (const zeroDenominator of ["na", "zero", "full"] as const) {
        const ratioModel = sampleModel({
          missing,
          categories: undefined,
          root: {
            code: "R",
            name: "R",
            children: [
              { code: "q", name: "Q", max: 10, inputs: [{ code: "q.n" }, { code: "q.d" }], rule: { kind: "ratio", numerator: "q.n", denominator: "q.d", zeroDenominator } },
              { code: "p", name: "P", max: 10, rule: { kind: "points" } },
            ],
          },
        });
        for (const numerator of ["", "0", "3"]) {
          const read = readSubmissions(ratioModel, csvToSnapshot(`Mã đơn vị,Đơn vị,q.n,q.d,p\nU1,Sở Một,${numerator},0,5\n`, "u", "u.csv"));
          const where = `${missing}/${zeroDenominator}/numerator "${numerator}"`;
          // One note, at the denominator, and no missing-input warning for a blank numerator.
          expect([where, read.issues.map((i) => [i.code, i.cell, i.message.en])]).toEqual([
            where,
            [["zero-denominator", "D2", `File u.csv, row 2, column D: the denominator q.d is 0, so indicator q ${said[zeroDenominator]}.`]],
          ]);
          const result = scoreUnits(ratioModel, read.submissions).units[0]!;
          const expected = { na: { value: null, points: null, available: false }, zero: { value: 0, points: 0, available: true }, full: { value: 1, points: 10, available: true } };
          expect([where, result.nodes["q"]]).toMatchObject([where, { ...expected[zeroDenominator], coverage: 1 }]);
          expect([where, result.missingInputs, result.points]).toEqual([where, [], { na: 10, zero: 5, full: 15 }[zeroDenominator]]);
        }
      }
    }
  });

  test("an Excel error written as text in a CSV file is reported as an Excel error", () => {
    const csv = "Mã đơn vị,Đơn vị,Nhóm,1.1,1.2.a,1.2.b,1.3,1.10,2.1,2.2,2.3\nSYT,Sở Y tế,co-dvc,có,3,4,Chủ tịch,#DIV/0!,85%,4,12\n";
    const result = readSubmissions(model, csvToSnapshot(csv, "tong-hop", "tong-hop.csv"));
    expect(result.issues.map((i) => [i.sheet, i.code, i.cell, i.node])).toEqual([["tong-hop", "excel-error", "H2", "1.10"]]);
    expect(result.issues[0]?.message.vi).toBe("Tệp tong-hop.csv, dòng 2, cột H: ô đang báo lỗi Excel #DIV/0! nên không đọc được số liệu (chỉ tiêu 1.10); hãy sửa công thức của ô hoặc nhập trực tiếp số liệu.");
  });

  test("a percentage out of its bounds is explained in percent", () => {
    const bounded = sampleModel({
      root: { code: "R", name: "R", children: [{ code: "2.1", name: "Tỷ lệ", max: 10, inputs: [{ code: "2.1", type: "percent", min: 0, max: 1 }], rule: { kind: "fraction" } }] },
    });
    const result = readSubmissions(bounded, book(sheetA({ lines: [{ code: "2.1", value: "150%" }], block: BLOCK.filter((r) => r[0] !== "Bộ chỉ số") })));
    expect(result.issues.map((i) => i.message.vi)).toEqual([
      "Trang tính 'Sở Y tế', ô D7: \"150%\" nằm ngoài khoảng cho phép: số liệu phải từ 0% đến 100% (chỉ tiêu 2.1); hãy kiểm tra và nhập lại.",
    ]);
    expect(result.issues[0]?.message.en).toContain("between 0% and 100%");
  });

  test("a table without columns for several inputs gives one finding for the sheet that lists them all", () => {
    const csv = "Mã đơn vị,Đơn vị,1.1,1.2.a,1.2.b,1.3\nSYT,Sở Y tế,có,3,4,Chủ tịch\n";
    const result = readSubmissions(model, csvToSnapshot(csv, "tong-hop"));
    const missingRows = result.issues.filter((i) => i.code === "missing-row");
    expect(missingRows).toHaveLength(1);
    expect(missingRows[0]).toMatchObject({ sheet: "tong-hop", severity: "warning" });
    expect(missingRows[0]?.node).toBeUndefined();
    expect(missingRows[0]?.message.vi).toBe("Tệp tong-hop, dòng 1: bảng không có cột cho các chỉ tiêu 1.10, 2.1, 2.2, 2.3.");
  });
});

describe("layout B: one row per unit", () => {
  const TABLE: CellValue[][] = [
    ["BẢNG TỔNG HỢP SỐ LIỆU"],
    [],
    ["STT", "Mã đơn vị", "Đơn vị", "Nhóm", "1.1 – Ban chỉ đạo", "1.2.a - Số văn bản", "1.2.b: Tổng số", "1.3", 1.1, "2.1", "2.2", "2.3", "Ghi chú"],
    [1, "SYT", "Sở Y tế", "co-dvc", "có", 3, 4, "Chủ tịch", 4, 0.85, 4, 12, "đã thẩm định"],
    [2, "STC", "Sở Tài chính", "Sở không có dịch vụ công", "không", 1, 2, "phó chủ tịch", 2, "50%", 3, null, null],
  ];

  test("reads one submission per row, by column names and codes, from a sheet", () => {
    const result = readSubmissions(model, book({ name: "Tổng hợp", values: TABLE }));
    expect(result.layout).toBe("B");
    expect(result.issues).toEqual([]);
    expect(result.submissions.map((s) => [s.code, s.name, s.category])).toEqual([
      ["SYT", "Sở Y tế", "co-dvc"],
      ["STC", "Sở Tài chính", "khong-dvc"],
    ]);
    expect(result.submissions[0]?.values).toEqual(EXPECTED_VALUES);
    expect(result.submissions[1]?.source).toEqual({
      layout: "B",
      sheet: "Tổng hợp",
      row: 5,
      cells: { "1.1": "E5", "1.2.a": "F5", "1.2.b": "G5", "1.3": "H5", "1.10": "I5", "2.1": "J5", "2.2": "K5", "2.3": "L5" },
      unitCells: { name: "C5", code: "B5", category: "D5" },
    });
  });

  test("reads a comma CSV and a semicolon CSV with a byte order mark and decimal commas alike", () => {
    const comma = 'Mã đơn vị,Đơn vị,Nhóm,1.1 – Ban chỉ đạo,1.2.a,1.2.b,1.3,1.10,2.1,2.2,2.3\r\nSYT,Sở Y tế,co-dvc,có,3,4,"Chủ tịch",4,85%,4,12\r\n';
    const semicolon = "\ufeffMã đơn vị;Đơn vị;Nhóm;1.1 – Ban chỉ đạo;1.2.a;1.2.b;1.3;1.10;2.1;2.2;2.3\nSYT;Sở Y tế;co-dvc;có;3;4;Chủ tịch;4;0,85;4;12\n";
    for (const csv of [comma, new TextEncoder().encode(semicolon)]) {
      const result = readSubmissions(model, csvToSnapshot(csv, "tong-hop.csv"));
      expect(result.issues).toEqual([]);
      expect(only(result).values).toEqual(EXPECTED_VALUES);
      expect(only(result).source).toMatchObject({ layout: "B", sheet: "tong-hop.csv", row: 2 });
    }
  });

  test("a unit without a code is known by its name, and a row without a name takes its code with a warning", () => {
    const csv = "Đơn vị,Mã đơn vị,Nhóm,1.1,1.2.a,1.2.b,1.3,1.10,2.1,2.2,2.3\nSở Y tế,,co-dvc,có,3,4,Chủ tịch,4,85%,4,12\n,STC,co-dvc,có,3,4,Chủ tịch,4,85%,4,12\n,,co-dvc,có,3,4,Chủ tịch,4,85%,4,12\n";
    const result = readSubmissions(model, csvToSnapshot(csv, "t.csv"));
    // No code is made up for a unit without one: it keeps none and is known by its name.
    expect(result.submissions.map((s) => [s.code, s.name, unitKey(s)])).toEqual([
      ["", "Sở Y tế", "Sở Y tế"],
      ["STC", "STC", "STC"],
    ]);
    expect(result.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([
      ["missing-unit-name", "warning", "A3"],
      ["missing-unit-name", "error", "A4"],
    ]);
  });

  test("units without a code are told apart by their names, and one name twice is a duplicate named by that name", () => {
    const csv = "Đơn vị,Nhóm,1.1\nSở Y tế,co-dvc,có\nSở Tư pháp,co-dvc,có\nSở Y tế,co-dvc,không\n";
    const result = readSubmissions(model, csvToSnapshot(csv, "t.csv"));
    expect(result.submissions.map((s) => [s.code, s.name, s.values["1.1"]])).toEqual([
      ["", "Sở Y tế", true],
      ["", "Sở Tư pháp", true],
    ]);
    const dup = result.issues.filter((i) => i.code === "duplicate-unit");
    expect(dup).toEqual([expect.objectContaining({ severity: "error", cell: "A4", unit: "Sở Y tế" })]);
    expect(dup[0]!.message.vi).toContain("Sở Y tế");
    // Findings of an uncoded unit are filed under its name, as issue counts and the pane look them up.
    expect(new Set(result.issues.filter((i) => i.code === "missing-input").map((i) => i.unit))).toEqual(new Set(["Sở Y tế", "Sở Tư pháp"]));
  });

  test("the same unit code twice is an error and the second row is not scored", () => {
    const values = [...TABLE, [3, "SYT", "Sở Y tế (bản sửa)", "co-dvc", "có", 1, 1, "Không", 1, 0.1, 1, 1]];
    const result = readSubmissions(model, book({ name: "Tổng hợp", values }));
    expect(result.submissions.map((s) => s.name)).toEqual(["Sở Y tế", "Sở Tài chính"]);
    // Filed under the unit that typed the taken code, so the first unit's count of findings is not touched.
    expect(result.issues).toEqual([expect.objectContaining({ code: "duplicate-unit", severity: "error", sheet: "Tổng hợp", cell: "B6", unit: "Sở Y tế (bản sửa)" })]);
    expect(result.issues[0]?.message.vi).toBe(
      "Trang tính 'Tổng hợp', ô B6: \"Sở Y tế (bản sửa)\" mang mã đơn vị \"SYT\" của \"Sở Y tế\" (ở 'Tổng hợp'!B4) nên chưa được chấm; hãy sửa mã đơn vị.",
    );
    expect(result.issues[0]?.message.en).toBe(
      "Sheet 'Tổng hợp', cell B6: \"Sở Y tế (bản sửa)\" has the unit code \"SYT\" of \"Sở Y tế\" (at 'Tổng hợp'!B4), so it is not scored; correct the unit code.",
    );
    // The place as Excel writes a reference: an apostrophe of the sheet's name doubled.
    const quoted = readSubmissions(model, book({ name: "Tổng hợp (bản 'cuối')", values }));
    expect(quoted.issues[0]?.message.en).toContain("(at 'Tổng hợp (bản ''cuối'')'!B4)");
  });

  test("findings about a CSV file name the file, row and column, and speak of rows, not sheets and forms", () => {
    const header = "STT;Đơn vị;Mã đơn vị;Nhóm;1.1;1.2.a;1.2.b;1.3;1.10;2.1;2.2;2.3";
    const row = (n: number, name: string, code: string): string => `${n};${name};${code};co-dvc;có;3;4;Chủ tịch;4;85%;4;12`;
    const csv = `${header}\n${row(1, "Sở Nội vụ", "SA")}\n\n${row(2, "Sở Tư pháp", "SB")}\n${row(3, "Sở Nội vụ", "SA")}\n`;
    const result = readSubmissions(model, csvToSnapshot(csv, "b", "b.csv"));
    expect(result.submissions.map((s) => s.code)).toEqual(["SA", "SB"]);
    // The JSON fields keep the sheet's name and the A1 address.
    expect(result.issues).toEqual([expect.objectContaining({ code: "duplicate-unit", severity: "error", sheet: "b", cell: "C5", unit: "SA" })]);
    expect(result.issues[0]?.message.vi).toBe('Tệp b.csv, dòng 5, cột C: đơn vị có mã "SA" đã có ở dòng 2; dòng này là bản thứ hai nên không được chấm.');
    expect(result.issues[0]?.message.en).toBe('File b.csv, row 5, column C: the unit with code "SA" already appears at row 2; this row is the second entry and is not scored.');

    // Another unit that typed a taken code: the first one is named by its row too.
    const other = readSubmissions(model, csvToSnapshot(`${header}\n${row(1, "Sở Nội vụ", "SA")}\n${row(2, "Sở Tư pháp", "SA")}\n`, "b", "b.csv"));
    expect(other.issues[0]?.message.en).toBe(
      'File b.csv, row 3, column C: "Sở Tư pháp" has the unit code "SA" of "Sở Nội vụ" (at row 2), so it is not scored; correct the unit code.',
    );
    for (const issue of [...result.issues, ...other.issues]) {
      expect(issue.message.vi).not.toMatch(/Trang tính|phiếu/);
      expect(issue.message.en).not.toMatch(/Sheet|form/);
    }
  });

  test("a CSV file without a table of units is named as the file", () => {
    const result = readSubmissions(model, csvToSnapshot("Xin chào;1\n2;3\n", "b", "b.csv"));
    expect(result.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual([["layout-not-found", undefined, undefined]]);
    expect(result.issues[0]?.message.vi).toBe('Tệp b.csv không có bảng tổng hợp: cần một dòng tiêu đề có cột "Đơn vị" và các cột mang mã số liệu của bộ chỉ số (1.1, 1.2.a, 1.2.b, 1.3, 1.10, 2.1, …).');
    expect(result.issues[0]?.message.en).toBe('File b.csv holds no table of units: it needs a header row with a "Unit" column and columns named by the index\'s input codes (1.1, 1.2.a, 1.2.b, 1.3, 1.10, 2.1, …).');
  });

  test("unknown code columns and missing input columns are reported", () => {
    const values = TABLE.map((r, i) => (i === 2 ? r.map((h) => (h === "2.2" ? "2.9" : h)) : r));
    const result = readSubmissions(model, book({ name: "Tổng hợp", values }));
    expect(result.issues).toContainEqual(expect.objectContaining({ code: "unknown-code", severity: "warning", cell: "K3" }));
    expect(result.issues).toContainEqual(expect.objectContaining({ code: "missing-row", node: "2.2", cell: "C3" }));
    expect(result.issues.find((i) => i.code === "missing-row")?.message.vi).toBe("Trang tính 'Tổng hợp', dòng 3: bảng không có cột cho chỉ tiêu 2.2.");
    expect(result.issues.filter((i) => i.code === "missing-input" && i.node === "2.2").map((i) => i.unit)).toEqual(["SYT", "STC"]);
  });

  describe("a missing value points at its cell, a missing column at the row", () => {
    const CSV_HEADER = "Mã đơn vị,Đơn vị,Nhóm,1.1,1.2.a,1.2.b,1.3,1.10,2.1,2.2,2.3";
    const messages = (issues: Issue[], code: string, node?: string): [string | undefined, string, string][] =>
      issues.filter((i) => i.code === code && (node === undefined || i.node === node)).map((i) => [i.cell, i.message.vi, i.message.en]);

    test("a CSV without a column for an input: the header row and the unit's row, without a column", () => {
      const csv = `${CSV_HEADER.replace(",2.2", "")}\nSYT,Sở Y tế,co-dvc,có,3,4,Chủ tịch,4,85%,12\n`;
      const result = readSubmissions(model, csvToSnapshot(csv, "bang", "bang.csv"));
      expect(messages(result.issues, "missing-row")).toEqual([
        [undefined, "Tệp bang.csv, dòng 1: bảng không có cột cho chỉ tiêu 2.2.", "File bang.csv, row 1: the table has no column for indicator 2.2."],
      ]);
      expect(messages(result.issues, "missing-input")).toEqual([
        [
          undefined,
          "Tệp bang.csv, dòng 2: chưa có số liệu cho chỉ tiêu 2.2; chỉ tiêu này được tính 0 điểm.",
          "File bang.csv, row 2: no value for indicator 2.2; it scores 0.",
        ],
      ]);
    });

    test("a CSV with an empty cell in an input's column: that cell", () => {
      const csv = `${CSV_HEADER}\nSYT,Sở Y tế,co-dvc,có,3,4,Chủ tịch,4,85%,,12\n`;
      const result = readSubmissions(model, csvToSnapshot(csv, "bang", "bang.csv"));
      expect(messages(result.issues, "missing-row")).toEqual([]);
      expect(messages(result.issues, "missing-input")).toEqual([
        [
          "J2",
          "Tệp bang.csv, dòng 2, cột J: chưa có số liệu cho chỉ tiêu 2.2; chỉ tiêu này được tính 0 điểm.",
          "File bang.csv, row 2, column J: no value for indicator 2.2; it scores 0.",
        ],
      ]);
    });

    test("a sheet without a column for an input: the header row and each unit's row; the name cells stay the places to go to", () => {
      const values = TABLE.map((r) => r.filter((_, c) => c !== 10));
      const result = readSubmissions(model, book({ name: "Tổng hợp", values }));
      expect(messages(result.issues, "missing-row")).toEqual([
        ["C3", "Trang tính 'Tổng hợp', dòng 3: bảng không có cột cho chỉ tiêu 2.2.", "Sheet 'Tổng hợp', row 3: the table has no column for indicator 2.2."],
      ]);
      expect(messages(result.issues, "missing-input")).toEqual([
        [
          "C4",
          "Trang tính 'Tổng hợp', dòng 4: chưa có số liệu cho chỉ tiêu 2.2; chỉ tiêu này được tính 0 điểm.",
          "Sheet 'Tổng hợp', row 4: no value for indicator 2.2; it scores 0.",
        ],
        [
          "C5",
          "Trang tính 'Tổng hợp', dòng 5: chưa có số liệu cho chỉ tiêu 2.2; chỉ tiêu này được tính 0 điểm.",
          "Sheet 'Tổng hợp', row 5: no value for indicator 2.2; it scores 0.",
        ],
      ]);
    });

    test("a sheet with an empty cell in an input's column: that cell", () => {
      const values = TABLE.map((r, i) => (i === 3 ? r.map((v, c) => (c === 10 ? null : v)) : r));
      const result = readSubmissions(model, book({ name: "Tổng hợp", values }));
      expect(messages(result.issues, "missing-input")).toEqual([
        [
          "K4",
          "Trang tính 'Tổng hợp', ô K4: chưa có số liệu cho chỉ tiêu 2.2; chỉ tiêu này được tính 0 điểm.",
          "Sheet 'Tổng hợp', cell K4: no value for indicator 2.2; it scores 0.",
        ],
      ]);
    });

    test("a form (layout A) without a value still points at the input's row in the table", () => {
      const result = readSubmissions(model, book(sheetA({ change: { "2.2": { value: null } } })));
      expect(messages(result.issues, "missing-input")).toEqual([
        [
          "D17",
          "Trang tính 'Sở Y tế', ô D17: chưa có số liệu cho chỉ tiêu 2.2; chỉ tiêu này được tính 0 điểm.",
          "Sheet 'Sở Y tế', cell D17: no value for indicator 2.2; it scores 0.",
        ],
      ]);
    });
  });
});

describe("workbooks", () => {
  test("a workbook with layout-A sheets beside a layout-B units sheet is read as A+B, and other sheets are ignored", () => {
    const units: SheetSnapshot = {
      name: "Đơn vị khác",
      values: [
        ["Mã đơn vị", "Đơn vị", "Nhóm", "1.1", "1.2.a", "1.2.b", "1.3", "1.10", "2.1", "2.2", "2.3"],
        ["STC", "Sở Tài chính", "co-dvc", "có", 3, 4, "Chủ tịch", 4, 0.85, 4, 12],
      ],
    };
    const instructions: SheetSnapshot = { name: "Hướng dẫn", values: [["Hướng dẫn nhập liệu"], ["Đơn vị", "ghi tên đơn vị"]] };
    const results: SheetSnapshot = { name: "Kết quả", values: [["Hạng", "Mã đơn vị", "Đơn vị", "1.1"], [1, "SYT", "Sở Y tế", 1]] };
    const hidden = indexSheet("Kết quả");
    const result = readSubmissions(model, book(instructions, sheetA(), units, results, hidden));
    expect(result.layout).toBe("A+B");
    expect(result.sheets).toEqual(["Sở Y tế", "Đơn vị khác"]);
    expect(result.submissions.map((s) => s.code)).toEqual(["SYT", "STC"]);
    expect(result.issues).toEqual([]);
  });

  test("the same unit in two layout-A sheets is a duplicate", () => {
    const result = readSubmissions(model, book(sheetA(), sheetA({ name: "Sở Y tế (2)" })));
    expect(result.submissions).toHaveLength(1);
    expect(result.issues).toEqual([expect.objectContaining({ code: "duplicate-unit", sheet: "Sở Y tế (2)", cell: "B2", unit: "SYT" })]);
    expect(result.issues[0]?.message.vi).toMatch(/đơn vị có mã "SYT" đã có phiếu ở 'Sở Y tế'!B\d+; phiếu này là bản thứ hai nên không được chấm\.$/);
  });

  test("a workbook with no submission at all is a layout-not-found error", () => {
    const result = readSubmissions(model, book({ name: "Sheet1", values: [["Xin chào"]] }));
    expect(result).toMatchObject({ layout: "none", submissions: [], sheets: [] });
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([["layout-not-found", "error"]]);
    expect(result.issues[0]?.message.vi).toMatch(/^Không tìm thấy trang tính nào/);
  });

  test("every issue about a cell carries its sheet, cell, unit and a sentence in both languages naming them", () => {
    const messy = sheetA({
      block: [["Đơn vị", null], ["Nhóm", "lạ"]],
      change: {
        "1.1": { value: "có lẽ", evidence: null },
        "1.2.a": { value: 9 },
        "1.3": { value: "?" },
        "1.10": { value: { error: "#REF!" } },
        "2.1": { value: 150 },
        "2.2": { value: "N/A" },
        "2.3": { value: null },
      },
      after: [["9.9", "lạ", null, 1]],
    });
    const units: SheetSnapshot = { name: "B", values: [["Đơn vị", "1.1", "7.7"], ["X", "maybe"], ["X", "có"]] };
    const result = readSubmissions(model, book(messy, units));
    expect(new Set(codes(result.issues)).size).toBeGreaterThanOrEqual(9);
    for (const issue of result.issues) {
      expect(issue.sheet).toBeDefined();
      expect(issue.cell).toMatch(/^[A-Z]+\d+$/);
      // An input the table of units has no column for is said at the row of the cell gone to.
      const row = issue.cell?.replace(/^[A-Z]+/, "");
      const noColumn = issue.sheet === "B" && (issue.code === "missing-row" || issue.code === "missing-category" || (issue.code === "missing-input" && issue.node !== "1.1"));
      expect(issue.message.vi).toContain(noColumn ? `Trang tính 'B', dòng ${row}: ` : `Trang tính '${issue.sheet}', ô ${issue.cell}: `);
      expect(issue.message.en).toContain(noColumn ? `Sheet 'B', row ${row}: ` : `Sheet '${issue.sheet}', cell ${issue.cell}: `);
      expect(issue.message.vi).toMatch(/\.$/);
      expect(issue.message.en).toMatch(/\.$/);
      expect(issue.message.vi).not.toBe(issue.message.en);
    }
  });
});

describe("self scores and issue counts", () => {
  const table = (points: Record<string, number | null>): ScoreTable => ({
    index: { id: "dti-so-mau", version: "2024" },
    ranking: { method: "competition", on: "points", within: "all", nodes: "top", minCoverage: 0, exclude: [] },
    rankedNodes: [],
    units: [
      {
        code: "SYT",
        name: "Sở Y tế",
        value: null,
        points: null,
        rank: null,
        rankInCategory: null,
        ranked: false,
        coverage: 1,
        missingInputs: [],
        nodes: Object.fromEntries(
          Object.entries(points).map(([k, p]) => [
            k,
            { value: p === null ? null : p / 10, points: p, available: p !== null, coverage: 1, rank: null, rankInCategory: null },
          ]),
        ),
      },
    ],
  });

  test("a self score that differs from the computed points by more than 0.005 is a warning at the Tự chấm cell", () => {
    const { submissions } = readSubmissions(model, book(sheetA()));
    const issues = checkSelfScores(model, submissions, table({ "1": 35.004, "1.1": 10, "1.2": 7.4, "1.3": null }));
    expect(issues.map((i) => [i.code, i.severity, i.sheet, i.cell, i.node])).toEqual([
      ["self-score-differs", "warning", "Sở Y tế", "F10", "1.2"],
      ["self-score-differs", "warning", "Sở Y tế", "F13", "1.3"],
    ]);
    expect(issues[0]?.message.vi).toBe("Trang tính 'Sở Y tế', ô F10: điểm tự chấm 7,5 khác với điểm tính được 7,4 (chỉ tiêu 1.2).");
  });

  test('"Không áp dụng" as a self score is no number to warn about, and agrees with an indicator that is not scored', () => {
    const { submissions, issues } = readSubmissions(model, book(sheetA({ change: { "1.3": { ...LINES[5]!, self: "Không áp dụng" } } })));
    expect(issues.filter((i) => i.cell === "F13")).toEqual([]);
    expect(submissions[0]!.selfScores).not.toHaveProperty("1.3");
    expect(submissions[0]!.selfNotApplicable).toEqual(["1.3"]);
    expect(checkSelfScores(model, submissions, table({ "1": 35, "1.1": 10, "1.2": 7.5, "1.3": null }))).toEqual([]);
  });

  test('"Không áp dụng" as the self score of an indicator that is scored is a warning at the Tự chấm cell, with its points', () => {
    const { submissions } = readSubmissions(model, book(sheetA({ change: { "1.3": { ...LINES[5]!, self: "N/A" } } })));
    const issues = checkSelfScores(model, submissions, table({ "1": 35, "1.1": 10, "1.2": 7.5, "1.3": 0 }));
    expect(issues.map((i) => [i.code, i.severity, i.sheet, i.cell, i.node])).toEqual([["self-score-differs", "warning", "Sở Y tế", "F13", "1.3"]]);
    expect(issues[0]?.message.vi).toBe("Trang tính 'Sở Y tế', ô F13: đơn vị tự chấm chỉ tiêu 1.3 là không áp dụng, nhưng chỉ tiêu này được chấm 0 điểm.");
    expect(issues[0]?.message.en).toBe("Sheet 'Sở Y tế', cell F13: the unit self-assessed indicator 1.3 as not applicable, but it is scored: 0 points.");
  });

  test('a self score changed to or from "Không áp dụng" changes the unit\'s input hash', () => {
    const hash = (self: CellValue) => unitInputHashes(readSubmissions(model, book(sheetA({ change: { "1.3": { ...LINES[5]!, self } } }))).submissions);
    const blank = hash(null);
    expect(hash("Không áp dụng")).not.toEqual(blank);
    expect(hash("Không áp dụng")).not.toEqual(hash(0));
  });

  test("the self scores of units without a code are checked against their own results, found by name", () => {
    const uncoded = (name: string): CellValue[][] => BLOCK.map((r) => (r[0] === "Mã đơn vị" ? ["Mã đơn vị", null] : r[0] === "Đơn vị" ? ["Đơn vị", name] : r));
    const { submissions } = readSubmissions(model, book(sheetA({ name: "Sở Y tế", block: uncoded("Sở Y tế") }), sheetA({ name: "Sở Tư pháp", block: uncoded("Sở Tư pháp") })));
    expect(submissions.map((x) => [x.code, x.name])).toEqual([
      ["", "Sở Y tế"],
      ["", "Sở Tư pháp"],
    ]);
    // Results in another order than the forms: Sở Tư pháp's agree with its self scores, Sở Y tế's do not on 1.2.
    const agrees = table({ "1": 35, "1.1": 10, "1.2": 7.5, "1.3": 10 }).units[0]!;
    const differs = table({ "1": 35, "1.1": 10, "1.2": 7.4, "1.3": 10 }).units[0]!;
    const results = { ...table({}), units: [{ ...agrees, code: "", name: "Sở Tư pháp" }, { ...differs, code: "", name: "Sở Y tế" }] };
    const issues = checkSelfScores(model, submissions, results);
    expect(issues.map((i) => [i.code, i.sheet, i.cell, i.unit])).toEqual([["self-score-differs", "Sở Y tế", "F10", "Sở Y tế"]]);
  });

  test("issues are counted per unit and severity", () => {
    const result = readSubmissions(model, book(sheetA({ change: { "1.10": { value: "abc" }, "2.1": { value: 85 }, "2.3": { value: null } } })));
    expect(issueCounts(result.issues).get("SYT")).toEqual({ error: 1, warning: 2, info: 0 });
  });
});

describe("sheets the project wrote", () => {
  const UNITS: CellValue[][] = [
    ["Mã đơn vị", "Đơn vị", "1.2.a", "1.2.b"],
    ["SYT", "Sở Y tế", 3, 4],
  ];

  test.each(["Kết quả", "Results", "Biểu đồ", "Charts", "KẾT QUẢ"])(
    "in a workbook never scored, a sheet of the user's called %s is read like any other",
    (name) => {
      const result = readSubmissions(model, book({ name, values: UNITS }));
      expect(result.sheets).toEqual([name]);
      expect(result.submissions.map((s) => [s.code, s.values["1.2.a"]])).toEqual([["SYT", 3]]);
      expect(result.issues.map((i) => i.code)).not.toContain("layout-not-found");
    },
  );

  test("a unit's form named Kết quả (a unit called so) is read and scored", () => {
    const block = BLOCK.map((r) => (r[0] === "Đơn vị" ? ["Đơn vị", "Kết quả"] : r[0] === "Mã đơn vị" ? ["Mã đơn vị", "KQ"] : r));
    const result = readSubmissions(model, book(sheetA({ name: "Kết quả", block })));
    expect(result.layout).toBe("A");
    expect(only(result)).toMatchObject({ code: "KQ", name: "Kết quả" });
  });

  test("only the sheets _index records as the project's are skipped, under whatever name", () => {
    const ours: SheetSnapshot = { name: "Kết quả (2)", values: [["Hạng", "Mã đơn vị", "Đơn vị", "1.2.a"], [1, "SYT", "Sở Y tế", 3]] };
    const theirs: SheetSnapshot = { name: "Kết quả", values: [["Mã đơn vị", "Đơn vị", "1.2.a", "1.2.b"], ["STC", "Sở Tài chính", 1, 2]] };
    const result = readSubmissions(model, book(sheetA(), theirs, ours, indexSheet("Kết quả (2)", "Biểu đồ")));
    expect(result.sheets).toEqual(["Sở Y tế", "Kết quả"]);
    expect(result.submissions.map((s) => s.code)).toEqual(["SYT", "STC"]);
    expect(result.issues.map((i) => i.code)).not.toContain("duplicate-unit");
  });

  test.each([
    ["Kết quả", "Kết quả.csv"],
    ["results", "results.csv"],
    ["charts", "charts.csv"],
    ["_index", "_index.csv"],
  ])("a CSV file named %s is read as data, never as a sheet the project wrote", (sheet, file) => {
    const csv = "Mã đơn vị,Đơn vị,1.2.a,1.2.b\nSYT,Sở Y tế,3,4\n";
    const result = readSubmissions(model, csvToSnapshot(csv, sheet, file));
    expect(result.submissions.map((s) => s.code)).toEqual(["SYT"]);
    // Even a CSV whose sheet is named as an owned one, with `_index` saying it is.
    const owned = { sheets: [{ ...csvToSnapshot(csv, sheet, file).sheets[0]!, name: "Kết quả" }] };
    expect(readSubmissions(model, owned).submissions).toHaveLength(1);
  });
});

describe("headers and codes as people write them", () => {
  test("a layout-B header that starts with a known code followed by a word, a bracket or a dot names that code", () => {
    const values: CellValue[][] = [
      ["Mã đơn vị", "Đơn vị", "1 Nhận thức số", "1.2.a Số văn bản", "1.2.b. Tổng số", "1.3 (trưởng ban)", "2.9 Chỉ tiêu lạ"],
      ["SYT", "Sở Y tế", 40, 3, 4, "Chủ tịch", 1],
    ];
    const result = readSubmissions(model, book({ name: "Tổng hợp", values }));
    expect(only(result).values).toEqual({ "1.2.a": 3, "1.2.b": 4, "1.3": "Chủ tịch" });
    const unknown = result.issues.filter((i) => i.code === "unknown-code");
    // Only the code the definition does not have; a known one (1, 1.2.a) is never called unknown.
    expect(unknown.map((i) => [i.cell, i.message.en])).toEqual([["G1", expect.stringContaining('"2.9"')]]);
    const missing = result.issues.find((i) => i.code === "missing-row")?.message.en ?? "";
    expect(missing).toContain("1.1");
    expect(missing).not.toMatch(/1\.2\.[ab]|1\.3\b/);
  });

  test("a header with a code followed by a bracket reads its column: '1.2.a (văn bản)'", () => {
    const values: CellValue[][] = [
      ["Đơn vị", "1.2.a (văn bản)", "1.2.b"],
      ["Sở Y tế", 3, 4],
    ];
    const result = readSubmissions(model, book({ name: "Tổng hợp", values }));
    expect(only(result).values).toEqual({ "1.2.a": 3, "1.2.b": 4 });
    expect(result.issues.map((i) => i.code)).not.toContain("unknown-code");
  });

  test("zero-width characters pasted from Word or a PDF are ignored in codes and unit codes of a form", () => {
    const lines = LINES.map((l) =>
      l.code === "1.2.a" ? { ...l, code: "1.2.a\u200b", value: "3\u200b" } : l.code === "1.2.b" ? { ...l, code: "\ufeff1.2.b" } : l.code === "2.1" ? { ...l, code: "2.1\u2060" } : l,
    );
    const block = BLOCK.map((r) => (r[0] === "Mã đơn vị" ? ["Mã đơn vị", "SYT\u200b"] : r[0] === "Nhóm" ? ["Nhóm", "co-dvc\u200d"] : r));
    const result = readSubmissions(model, book(sheetA({ lines, block })));
    expect(result.issues).toEqual([]);
    const s = only(result);
    expect(s.code).toBe("SYT");
    expect(s.category).toBe("co-dvc");
    expect(s.values).toEqual(EXPECTED_VALUES);
  });

  test("zero-width characters in a table's headers and unit codes: the same unit is not two units", () => {
    const values: CellValue[][] = [
      ["Mã đơn vị", "Đơn vị", "1.2.a\u200b", "\u200b1.2.b"],
      ["SYT\u200b", "Sở Y tế", 3, 4],
      ["SYT", "Sở Y tế", 1, 2],
    ];
    const result = readSubmissions(model, book({ name: "Tổng hợp", values }));
    expect(only(result)).toMatchObject({ code: "SYT", values: { "1.2.a": 3, "1.2.b": 4 } });
    expect(result.issues.map((i) => i.code)).toContain("duplicate-unit");
    expect(result.issues.map((i) => i.code)).not.toContain("unknown-code");
    expect(result.issues.find((i) => i.code === "missing-row")?.message.en).not.toMatch(/1\.2\.[ab]/);
  });
});

describe("codes in another Unicode form", () => {
  test("a definition saved in NFD matches a column typed in NFC, and the other way round", () => {
    const nfd = "Hạ tầng".normalize("NFD");
    const def = (code: string) => ({
      format: "index-definition/1",
      id: "nfc",
      version: "1",
      name: "N",
      root: { code: "R", name: "R", children: [{ code, name: "x", max: 10, rule: { kind: "boolean" } }] },
    });
    for (const [definitionCode, csv] of [
      [nfd, "Đơn vị,Hạ tầng\nA,có\n".normalize("NFC")],
      ["Hạ tầng".normalize("NFC"), `Đơn vị,${nfd}\nA,có\n`],
    ] as const) {
      const parsed = parseDefinition(def(definitionCode));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const result = readSubmissions(parsed.model, csvToSnapshot(csv, "bang"));
      expect(result.issues).toEqual([]);
      expect(only(result).values).toEqual({ ["Hạ tầng".normalize("NFC")]: true });
    }
  });
});

describe("expressions read only what they need", () => {
  test("a blank input of an IF branch the formula does not take is not reported missing", () => {
    const parsed = parseDefinition({
      format: "index-definition/1",
      id: "if",
      version: "1",
      name: "IF",
      root: {
        code: "R",
        name: "R",
        children: [
          {
            code: "x",
            name: "Cổng dịch vụ",
            max: 10,
            inputs: [
              { code: "has", name: "Có cổng", type: "boolean" },
              { code: "rate", name: "Tỷ lệ", type: "percent" },
            ],
            rule: { kind: "expr", expr: "IF([has], [rate], 1)" },
          },
        ],
      },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const result = readSubmissions(parsed.model, csvToSnapshot("Mã đơn vị,Đơn vị,has,rate\nU1,Sở A,không,\nU2,Sở B,có,\n", "bang"));
    // Sở A has no portal, so its rate is never read; Sở B's blank rate is what its score needs.
    expect(result.issues.filter((i) => i.code === "missing-input").map((i) => [i.unit, i.node])).toEqual([["U2", "rate"]]);
  });
});

describe("one reading of a unit's fields, and of the sheets scoring wrote", () => {
  test.each(["Loại đơn vị", "Unit category", "Nhóm đơn vị"])("a form's header block labelled %s gives the unit's category", (label) => {
    const block = BLOCK.map((row) => (row[0] === "Nhóm" ? [label, "khong-dvc"] : row));
    const result = readSubmissions(model, book(sheetA({ block })));
    expect(only(result).category).toBe("khong-dvc");
    expect(codes(result.issues)).not.toContain("missing-category");
  });

  test.each(["Loại đơn vị", "Unit category", "Loại"])("a table's column headed %s is the units' category", (label) => {
    const values: CellValue[][] = [
      ["Mã đơn vị", "Đơn vị", label, "1.2.a", "1.2.b"],
      ["STC", "Sở Tài chính", "Sở không có dịch vụ công", 1, 2],
    ];
    const result = readSubmissions(model, book({ name: "Tổng hợp", values }));
    expect(only(result).category).toBe("khong-dvc");
    expect(codes(result.issues)).not.toContain("missing-category");
  });

  test("a second column for one input is said to be left out, naming the column read", () => {
    const values: CellValue[][] = [
      ["Mã đơn vị", "Đơn vị", "1.2.a năm 2023", "1.2.a năm 2024", "1.2.b"],
      ["STC", "Sở Tài chính", 1, 3, 4],
    ];
    const result = readSubmissions(model, book({ name: "Tổng hợp", values }));
    expect(only(result).values["1.2.a"]).toBe(1);
    const dup = result.issues.filter((i) => i.cell === "D1");
    expect(dup).toEqual([expect.objectContaining({ severity: "warning", code: "unknown-code", sheet: "Tổng hợp", node: "1.2.a" })]);
    expect(dup[0]!.message.vi).toBe(
      "Trang tính 'Tổng hợp', ô D1: cột \"1.2.a năm 2024\" cũng mang mã 1.2.a như cột C nên được bỏ qua; số liệu 1.2.a lấy ở cột C. Nếu cần cột này, hãy xóa hoặc đổi tên cột C.",
    );
    expect(dup[0]!.message.en).toBe(
      "Sheet 'Tổng hợp', cell D1: column \"1.2.a năm 2024\" names code 1.2.a, as column C does, so it is ignored; input 1.2.a is read from column C. To use this column, delete or rename column C.",
    );
    // In a CSV file the place is the file's row and column.
    const csv = readSubmissions(model, csvToSnapshot("Đơn vị,1.2.a,1.2.a – bản sửa,1.2.b\nSở A,1,2,3\n", "bang", "bang.csv"));
    const inCsv = csv.issues.find((i) => i.node === "1.2.a" && i.code === "unknown-code");
    expect(inCsv?.message.en).toMatch(/^File bang\.csv, row 1, column C: column "1\.2\.a – bản sửa" names code 1\.2\.a, as column B does/);
  });

  test("a CSV file called _index is never the project's _index, and an _index already read is not read again", () => {
    const csv = csvToSnapshot("format," + INDEX_FORMAT + "\nsheet,Sở Y tế\n", "_index", "_index.csv");
    expect(readIndexSheet(csv)).toBeUndefined();
    expect(sheetsWrittenByScoring(csv)).toEqual(new Set());
    const workbook = book(sheetA(), indexSheet("Kết quả"));
    expect(sheetsWrittenByScoring(workbook)).toEqual(new Set(["_index", "Kết quả"]));
    // The state the caller passes is the one used: here it records the form's sheet as the project's.
    const state = readIndexSheet(book(indexSheet("Sở Y tế")))!;
    expect(readSubmissions(model, workbook, { indexSheet: state }).submissions).toEqual([]);
    expect(readSubmissions(model, workbook, { indexSheet: null }).submissions).toHaveLength(1);
  });
});

describe("forms and tables as units fill them in", () => {
  /** The form with a column inserted in front of everything (an "STT" column at A). */
  const withStt = (o: SheetOptions = {}): SheetSnapshot => {
    const sheet = sheetA(o);
    const header = sheet.values.findIndex((row) => row[0] === "Mã");
    return { ...sheet, values: sheet.values.map((row, r) => [r === header ? "STT" : r > header ? r - header : null, ...row]) };
  };

  test("a column inserted in front of the form (STT at A) leaves the unit its name, code and category", () => {
    const result = readSubmissions(model, book(withStt()));
    const unit = only(result);
    expect([unit.code, unit.name, unit.category]).toEqual(["SYT", "Sở Y tế", "co-dvc"]);
    // The indicator that applies only to co-dvc units is read, and nothing is said about the unit's name.
    expect(unit.values["2.3"]).toBe(12);
    expect(result.issues).toEqual([]);
    expect(unit.source?.cells?.["2.3"]).toMatch(/^E\d+$/);
  });

  test("labels merged over two cells after the inserted column put the value one further right", () => {
    const block = BLOCK.map(([label, value]) => [label!, null, value!]);
    const result = readSubmissions(model, book(withStt({ block })));
    expect([only(result).code, only(result).category]).toEqual(["SYT", "co-dvc"]);
    expect(result.issues).toEqual([]);
  });

  test("a form without its header block says the header was not found, not that the unit's name is blank", () => {
    const result = readSubmissions(model, book(withStt({ name: "Phiếu 1", block: [["PHIẾU TỰ ĐÁNH GIÁ"]] })));
    expect([only(result).code, only(result).name]).toEqual(["", "Phiếu 1"]);
    const issue = result.issues.find((i) => i.code === "missing-unit-name")!;
    expect(issue).toMatchObject({ severity: "warning", sheet: "Phiếu 1", cell: "A1", unit: "Phiếu 1" });
    expect(issue.message.vi).toBe(
      "Trang tính 'Phiếu 1', ô A1: không tìm thấy phần đầu phiếu (các dòng \"Đơn vị\", \"Mã đơn vị\", \"Nhóm\"… phía trên bảng, nhãn ở các cột A–B); đơn vị được gọi theo tên trang tính \"Phiếu 1\" và không có mã đơn vị, loại đơn vị. Hãy ghi lại phần đầu phiếu như phiếu mẫu.",
    );
    expect(issue.message.en).toBe(
      "Sheet 'Phiếu 1', cell A1: the form's header (\"Unit\", \"Unit code\", \"Category\"… lines above the table, labels in columns A–B) was not found; the unit is named after the sheet, \"Phiếu 1\", and has no unit code or category. Restore the header of the template.",
    );
    // A header block without the unit's name still says only that: the name's cell is right of the labels.
    const unnamed = readSubmissions(model, book(withStt({ block: BLOCK.filter((row) => row[0] !== "Đơn vị") })));
    expect(unnamed.issues.find((i) => i.code === "missing-unit-name")).toMatchObject({ cell: "C1" });
    expect(unnamed.issues.find((i) => i.code === "missing-unit-name")?.message.vi).toMatch(/chưa ghi tên đơn vị; dùng "Sở Y tế" thay cho tên\.$/);
  });

  const TABLE: CellValue[][] = [
    ["STT", "Mã đơn vị", "Đơn vị", "Nhóm", "1.1", "1.2.a", "1.2.b", "1.3", "1.10", "2.1", "2.2", "2.3"],
    [1, "SYT", "Sở Y tế", "co-dvc", "có", 3, 4, "Chủ tịch", 4, 0.85, 4, 12],
    [2, "STC", "Sở Tài chính", "co-dvc", "không", 1, 2, "Không", 2, 0.5, 3, 2],
  ];

  test.each(["Tổng cộng", "TỔNG CỘNG:", "Tổng", "Cộng", "Tổng số", "Total", "Grand total", "Trung bình", "Bình quân", "Average", "tong cong"])(
    "a totals row named %s without a unit code is not a unit: not scored, with a note naming the row",
    (label) => {
      const values = [...TABLE, [null, null, label, null, null, 4, 6, null, 6, 1.35, 7, 14]];
      const result = readSubmissions(model, book({ name: "Tổng hợp", values }));
      expect(result.submissions.map((s) => s.code)).toEqual(["SYT", "STC"]);
      expect(result.issues).toEqual([expect.objectContaining({ severity: "info", code: "summary-row", sheet: "Tổng hợp", cell: "C4" })]);
      expect(result.issues[0]!.unit).toBeUndefined();
      expect(result.issues[0]!.message.vi).toBe(
        `Trang tính 'Tổng hợp', dòng 4: "${label}" được coi là dòng tổng (cộng hoặc trung bình của các đơn vị), không phải một đơn vị, nên không được chấm và xếp hạng; nếu đây là một đơn vị, hãy ghi mã đơn vị cho dòng này.`,
      );
      expect(result.issues[0]!.message.en).toBe(
        `Sheet 'Tổng hợp', row 4: "${label}" is taken as a totals row (a sum or average of the units), not a unit, so it is not scored or ranked; if it is a unit, give the row a unit code.`,
      );
    },
  );

  test("a totals row written in another column (STT merged with Đơn vị) and one in a CSV file are not units either", () => {
    const values = [...TABLE, ["Tổng cộng", null, null, null, null, 4, 6, null, 6, 1.35, 7, 14]];
    const sheet = readSubmissions(model, book({ name: "Tổng hợp", values }));
    expect(sheet.submissions).toHaveLength(2);
    expect(sheet.issues).toEqual([expect.objectContaining({ code: "summary-row", cell: "A4" })]);
    const csv = readSubmissions(model, csvToSnapshot("Đơn vị,1.2.a,1.2.b\nSở A,1,2\nSở B,3,4\nTổng cộng,4,6\n", "bang", "bang.csv"));
    expect(csv.submissions.map((s) => s.name)).toEqual(["Sở A", "Sở B"]);
    const note = csv.issues.find((i) => i.code === "summary-row")!;
    expect(note.message.vi).toMatch(/^Tệp bang\.csv, dòng 4: "Tổng cộng" được coi là dòng tổng/);
  });

  test("a totals label in the unit-code column with no name beside it (merged over Mã and Đơn vị) is a totals row too", () => {
    const values = [...TABLE, [null, "Tổng cộng", null, null, null, 4, 6, null, 6, 1.35, 7, 14]];
    const sheet = readSubmissions(model, book({ name: "Tổng hợp", values }));
    expect(sheet.submissions.map((s) => s.code)).toEqual(["SYT", "STC"]);
    expect(sheet.issues).toEqual([expect.objectContaining({ severity: "info", code: "summary-row", sheet: "Tổng hợp", cell: "B4" })]);
    expect(sheet.issues[0]!.message.vi).toMatch(/^Trang tính 'Tổng hợp', dòng 4: "Tổng cộng" được coi là dòng tổng/);
    const csv = readSubmissions(model, csvToSnapshot("Mã đơn vị,Đơn vị,1.2.a,1.2.b\nA1,An,1,2\nA2,Bảo,3,4\nTotal,,4,6\n", "bang", "bang.csv"));
    expect(csv.submissions.map((s) => s.code)).toEqual(["A1", "A2"]);
    expect(csv.issues.find((i) => i.code === "summary-row")!.message.en).toMatch(/^File bang\.csv, row 4: "Total" is taken as a totals row/);
  });

  test("a unit whose code holds a totals word among others, or whose code is such a word beside a name, is scored", () => {
    const values = [...TABLE, [3, "TONG-CUC", null, "co-dvc", "có", 1, 2, "Không", 2, 0.5, 3, 2], [4, "Tổng", "Tổng cục Thuế", "co-dvc", "có", 1, 2, "Không", 2, 0.5, 3, 2]];
    const result = readSubmissions(model, book({ name: "Tổng hợp", values }));
    expect(result.submissions.map((s) => s.code)).toEqual(["SYT", "STC", "TONG-CUC", "Tổng"]);
    expect(codes(result.issues)).not.toContain("summary-row");
  });

  test("a row with a unit code is a unit whatever its name, and a name that only starts like a total is a unit", () => {
    const values = [...TABLE, [3, "TC", "Tổng cộng", "co-dvc", "có", 1, 2, "Không", 2, 0.5, 3, 2], [4, null, "Tổng cục Thống kê", "co-dvc", "có", 1, 2, "Không", 2, 0.5, 3, 2]];
    const result = readSubmissions(model, book({ name: "Tổng hợp", values }));
    expect(result.submissions.map((s) => s.name)).toEqual(["Sở Y tế", "Sở Tài chính", "Tổng cộng", "Tổng cục Thống kê"]);
    expect(codes(result.issues)).not.toContain("summary-row");
  });

  test("a unit's visible form is scored over a hidden older copy placed before it, and the copy is named as hidden", () => {
    const old = { ...sheetA({ name: "Sở Nội vụ 2023", block: [["Đơn vị", "Sở Nội vụ"], ["Mã đơn vị", "SNV"], ["Nhóm", "co-dvc"], ["Kỳ đánh giá", "Năm 2023"]], change: { "1.10": { value: 1 } } }), visible: false };
    const current = { ...sheetA({ name: "Sở Nội vụ", block: [["Đơn vị", "Sở Nội vụ"], ["Mã đơn vị", "SNV"], ["Nhóm", "co-dvc"], ["Kỳ đánh giá", "Năm 2024"]] }), visible: true };
    const result = readSubmissions(model, book(old, current));
    expect(only(result).source?.sheet).toBe("Sở Nội vụ");
    expect(only(result).values["1.10"]).toBe(4);
    expect(result.issues).toEqual([expect.objectContaining({ code: "duplicate-unit", severity: "error", sheet: "Sở Nội vụ 2023", cell: "B2", unit: "SNV" })]);
    expect(result.issues[0]!.message.vi).toBe(
      "Trang tính 'Sở Nội vụ 2023', ô B2: đơn vị có mã \"SNV\" đã có phiếu trên trang tính không ẩn, ở 'Sở Nội vụ'!B2; phiếu này ở trang ẩn 'Sở Nội vụ 2023' (thường là bản cũ của phiếu) nên không được chấm.",
    );
    expect(result.issues[0]!.message.en).toBe(
      "Sheet 'Sở Nội vụ 2023', cell B2: the unit with code \"SNV\" has its form on a visible sheet, at 'Sở Nội vụ'!B2; this form is on the hidden sheet 'Sở Nội vụ 2023' (most often an older copy of the form), so it is not scored.",
    );
    // Two hidden copies: the first is scored, and the second's finding says both are hidden.
    const other = { ...old, name: "Sở Nội vụ 2022" };
    const hiddenOnly = readSubmissions(model, book(old, other));
    expect(only(hiddenOnly).source?.sheet).toBe("Sở Nội vụ 2023");
    expect(hiddenOnly.issues[0]!.message.vi).toBe(
      "Trang tính 'Sở Nội vụ 2022', ô B2: đơn vị có mã \"SNV\" đã có phiếu ở 'Sở Nội vụ 2023'!B2 (trang ẩn 'Sở Nội vụ 2023'); phiếu này ở trang ẩn 'Sở Nội vụ 2022' là bản thứ hai nên không được chấm.",
    );
    // A unit whose only form is hidden is scored.
    expect(only(readSubmissions(model, book(old))).source?.sheet).toBe("Sở Nội vụ 2023");
  });
});
