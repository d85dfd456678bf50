/**
 * What collect takes off a form it takes from a scored workbook: the scoring's summary, points,
 * line under the summary and marks; never what the unit typed, nor a note of the user's.
 */
import { incomingCleaner, incomingSheetClean, protectedIncomingMessage } from "./collect-clean";
import { markNote } from "./plan/labels";
import { planResults } from "./plan/plan";
import { INDEX_SHEET } from "./plan/labels";
import { applyEdits, demoModel, demoSnapshot, indexState, ownedGrid, readAndScore, setCell } from "./plan/test-fixtures";
import { parseCell } from "./plan/a1";
import type { IndexSheetState } from "./plan/index-sheet";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "./types";

const NOW = new Date("2024-05-06T07:08:09Z");

/** The demo forms scored once: the workbook as the scoring left it, and its `_index`. */
function scored(before: WorkbookSnapshot = demoSnapshot()): { snapshot: WorkbookSnapshot; index: IndexSheetState; indexSheet: SheetSnapshot } {
  const model = demoModel();
  const s = readAndScore(before, model);
  const plan = planResults(model, s.table, s.issues, s.submissions, { lang: "vi", projectVersion: "1", now: NOW, snapshot: before });
  return { snapshot: applyEdits(before, plan), index: indexState(plan), indexSheet: { name: INDEX_SHEET, values: ownedGrid(plan, INDEX_SHEET) } };
}

/** A sheet's values with the cells emptied, trailing empties left out, as the unit's form would read. */
function emptied(sheet: SheetSnapshot, cells: string[]): CellValue[][] {
  const values = sheet.values.map((r) => [...r]);
  for (const a of cells) {
    const { row, column } = parseCell(a);
    if (values[row - 1] && column <= values[row - 1]!.length) values[row - 1]![column - 1] = null;
  }
  return trimmed(values);
}

function trimmed(values: CellValue[][]): CellValue[][] {
  const rows = values.map((r) => {
    const line = r.map((v) => (v === "" || v === undefined ? null : v));
    while (line.length > 0 && line[line.length - 1] === null) line.pop();
    return line;
  });
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  return rows;
}

function sheetOf(snapshot: WorkbookSnapshot, name: string): SheetSnapshot {
  return snapshot.sheets.find((s) => s.name === name)!;
}

describe("a form taken from a scored workbook", () => {
  test("comes back to what the unit sent: the summary, its line and the Điểm column emptied, nothing else", () => {
    const before = demoSnapshot();
    const { snapshot, index, indexSheet } = scored();
    const clean = incomingCleaner([...snapshot.sheets, indexSheet]);
    for (const sheet of snapshot.sheets) {
      const form = sheetOf(snapshot, sheet.name);
      // The scoring wrote there: the form differs from what the unit sent.
      expect(trimmed(form.values)).not.toEqual(trimmed(sheetOf(before, sheet.name).values));
      const c = incomingSheetClean(form, index, new Set(snapshot.sheets.map((s) => s.name.toLowerCase())), []);
      expect(c).toBeDefined();
      expect(emptied(form, c!.empty)).toEqual(trimmed(sheetOf(before, sheet.name).values));
      expect(c!.marks).toEqual([]);
      // The same through the cleaner of the workbook, which reads its `_index` among its sheets.
      expect(emptied(form, clean(form, [])!.empty)).toEqual(trimmed(sheetOf(before, sheet.name).values));
    }
  });

  test("a form renamed since its scoring: the cells recorded under its old name are still its own", () => {
    const { snapshot, index } = scored();
    const form = { ...sheetOf(snapshot, "SO-01"), name: "Sở TTTT" };
    const present = new Set(["sở tttt", "so-02", "so-03"]);
    const c = incomingSheetClean(form, index, present, []);
    expect(emptied(form, c!.empty)).toEqual(trimmed(sheetOf(demoSnapshot(), "SO-01").values));
  });

  test("the marks: each cell gets back its fill, its note loses the project's part and keeps the user's; a note of the user's alone stays", () => {
    const { snapshot } = scored();
    const form = sheetOf(snapshot, "SO-03");
    const mark = markNote([{ severity: "error", text: "Trang tính 'SO-03', ô D9: giá trị không hợp lệ." }], "vi");
    const index: IndexSheetState = {
      owned: { sheets: [], charts: [], cells: [] },
      marks: [
        { sheet: "SO-03", cell: "D9", fill: "#FFF2CC" },
        { sheet: "SO-03", cell: "D10" },
        { sheet: "SO-01", cell: "D9", fill: "#123456" },
      ],
    };
    const notes = [
      // A council member's remark typed below the mark's note.
      { cell: "D9", text: `${mark}Đã hỏi lại đơn vị.` },
      { cell: "D10", text: mark },
      // The user's own note: not a mark.
      { cell: "E9", text: "Công văn số 12/STC" },
      // A copy of a mark no `_index` records (a form copied from a marked one): taken off too.
      { cell: "D11", text: mark },
    ];
    const c = incomingSheetClean(form, index, new Set(["so-01", "so-02", "so-03"]), notes)!;
    expect(c.marks).toEqual([
      { cell: "D9", fill: "#FFF2CC", note: "Đã hỏi lại đơn vị." },
      { cell: "D10", note: "" },
      // A copy of the mark on D10: the fill that mark gives back (none).
      { cell: "D11", note: "" },
    ]);
  });

  test("marks set by fill alone (an Excel without notes): each recorded cell gets back its fill, a note of the user's there stays", () => {
    const { snapshot } = scored();
    const index: IndexSheetState = {
      owned: { sheets: [], charts: [], cells: [] },
      marks: [
        { sheet: "SO-03", cell: "D9", fill: "#FFF2CC" },
        { sheet: "SO-03", cell: "D10" },
      ],
    };
    const c = incomingSheetClean(sheetOf(snapshot, "SO-03"), index, new Set(["so-03"]), [{ cell: "D10", text: "Số liệu năm trước" }])!;
    expect(c.marks).toEqual([{ cell: "D9", fill: "#FFF2CC" }, { cell: "D10" }]);
  });

  test("a copy of a scored form from a workbook without `_index`: the summary found by its labels, its line and the points go, the unit's figures stay", () => {
    const before = demoSnapshot();
    const { snapshot } = scored();
    const form = sheetOf(snapshot, "SO-02");
    const c = incomingSheetClean(form, undefined, new Set(["so-02"]), []);
    // The `Điểm` header the scoring added stays (nothing says it is not the unit's): the next scoring writes under it.
    const sent = trimmed(sheetOf(before, "SO-02").values);
    const header = sent.findIndex((r) => r[0] === "Mã");
    sent[header] = [...sent[header]!, "Điểm"];
    expect(emptied(form, c!.empty)).toEqual(sent);
  });

  test("a form never scored, a sheet that is no form and `_index` itself have nothing to take off", () => {
    const { index } = scored();
    const before = demoSnapshot();
    // The council's figures typed in a column of its own stay too.
    setCell(before, "SO-01", "G8", 95);
    expect(incomingSheetClean(sheetOf(before, "SO-01"), undefined, new Set(["so-01"]), [{ cell: "E8", text: "Công văn số 12/STC" }])).toBeUndefined();
    expect(incomingSheetClean({ name: "Ghi chép", values: [["Tổng điểm", 12], ["Hạng", "1/3"]] }, index, new Set(), [])).toBeUndefined();
    expect(incomingSheetClean({ name: "_index", values: [["format", "1"]] }, index, new Set(), [])).toBeUndefined();
  });

  test("the words said of a form a password protects name its file, sheet and cells, and where to unprotect it in Excel and in LibreOffice, in both languages", () => {
    const message = protectedIncomingMessage("u1.xlsx", "Sở Y tế", { empty: ["D1", "D2", "D3", "E1", "E2", "E3", "D4", "G7"], marks: [{ cell: "D9" }] });
    expect(message.vi).toBe(
      "Trang tính 'Sở Y tế' (tệp u1.xlsx) được bảo vệ bằng mật khẩu nên vẫn giữ tổng điểm, hạng và các đánh dấu vấn đề của lần chấm trong tệp đó (ô D1:D4, D9, E1:E3, G7); hãy bỏ bảo vệ trang (trong Excel: Xem lại > Bỏ bảo vệ trang tính; trong LibreOffice: bỏ chọn Công cụ > Bảo vệ trang tính), xóa nội dung các ô đó rồi chấm điểm lại.",
    );
    expect(message.en).toBe(
      "Sheet 'Sở Y tế' (file u1.xlsx) is protected with a password, so it still shows the total, rank and issue marks of that file's scoring (cells D1:D4, D9, E1:E3, G7); unprotect the sheet (in Excel: Review > Unprotect Sheet; in LibreOffice: untick Tools > Protect Sheet), empty those cells and score again.",
    );
  });
});
