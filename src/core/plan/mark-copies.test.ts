/**
 * Issue marks on forms the user copied or renamed since the last run, and remarks the user typed
 * into a mark's note: the planner's and locator's side (the hosts' round trips are tested with
 * them).
 */
import type { WorkbookSnapshot, WritePlan } from "../types";
import { type IndexSheetState } from "./index-sheet";
import { INDEX_SHEET, MARK_NOTE_PREFIX, markNote, markNoteParts, noteWithMark, noteWithoutMark } from "./labels";
import { planMarksOnly } from "./marks-only";
import { locateMarks, planResults, relocateMarks } from "./plan";
import { applyEdits, demoModel, demoSnapshot, indexState, readAndScore, setCell } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function run(snapshot: WorkbookSnapshot, previous?: IndexSheetState) {
  const model = demoModel();
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1.2.3", now: NOW, snapshot, ...(previous ? { previous } : {}) });
}

const SHADING = "FFFFF2CC";
const REMARK = "HĐ thẩm định: đơn vị bổ sung quyết định số 12/QĐ-UBND.";

describe("the project's part of a mark's note", () => {
  const note = markNote([{ severity: "error", text: "Trang tính 'Sở Xây dựng', ô D34: 135% vượt quá 100%." }], "vi");

  test("a mark's note ends with a line break, so that a remark typed at its end starts a line of its own", () => {
    expect(note).toBe(`${MARK_NOTE_PREFIX}\nLỗi: Trang tính 'Sở Xây dựng', ô D34: 135% vượt quá 100%.\n`);
    // A finding's own line breaks would read as the user's lines: they become spaces.
    expect(markNote([{ severity: "warning", text: "Dòng một\nDòng hai" }], "en")).toBe(`${MARK_NOTE_PREFIX}\nWarning: Dòng một Dòng hai\n`);
  });

  test("a remark typed below the mark stays when the mark is refreshed or cleared; a note left with the remark alone is the user's", () => {
    const typed = `${note}${REMARK}`;
    expect(markNoteParts(typed)).toEqual({ before: "", after: REMARK });
    const fresh = markNote([{ severity: "warning", text: "Số liệu cần kiểm tra lại." }], "vi");
    expect(noteWithMark(typed, fresh)).toBe(`${fresh}${REMARK}`);
    // Refreshed again: the remark is there once.
    expect(noteWithMark(noteWithMark(typed, fresh), fresh)).toBe(`${fresh}${REMARK}`);
    expect(noteWithoutMark(typed)).toBe(REMARK);
    expect(markNoteParts(REMARK)).toBeUndefined();
    expect(noteWithoutMark(note)).toBe("");
  });

  test("a note written before marks ended with a line break keeps a remark on the lines after it, and one above the mark stays above", () => {
    const old = `${MARK_NOTE_PREFIX}\nLỗi: Ô D10 không phải là số.\nCảnh báo: Thiếu minh chứng.`;
    expect(noteWithoutMark(`${old}\n${REMARK}\nÝ kiến thứ hai.`)).toBe(`${REMARK}\nÝ kiến thứ hai.`);
    expect(noteWithoutMark(`Số liệu của văn thư\n\n${old}\n\n${REMARK}`)).toBe(`Số liệu của văn thư\n${REMARK}`);
    expect(noteWithMark(`Số liệu của văn thư\n\n${old}`, note)).toBe(`Số liệu của văn thư\n\n${note}`);
    // The user's own note alone: the mark goes below it.
    expect(noteWithMark("Số liệu của văn thư", note)).toBe(`Số liệu của văn thư\n\n${note}`);
    // A note of the project's in another shape (no finding line) is the project's up to its first empty line.
    expect(noteWithoutMark(`${MARK_NOTE_PREFIX}\nÔ D5 không phải là số.\n\n${REMARK}`)).toBe(REMARK);
  });
});

describe("marks on a form copied or renamed since the last run", () => {
  test("a copy of a marked form: its copied notes are cleared, each with the fill of the mark it copies", () => {
    const recorded = [
      { sheet: "Sở Xây dựng", cell: "D34", fill: SHADING },
      { sheet: "Sở Xây dựng", cell: "D40" },
    ];
    const copied = `${MARK_NOTE_PREFIX}\nLỗi: Trang tính 'Sở Xây dựng', ô D34: 135%.\n`;
    const notes = [
      { sheet: "Sở Xây dựng", cell: "D34", ours: true, text: copied },
      { sheet: "Sở Xây dựng", cell: "D40", ours: true, text: "other" },
      // The copy, with a row inserted above the mark since: found by its text, not its address.
      { sheet: "Sở Xây dựng (2)", cell: "D35", ours: true, text: copied },
      // A user's note on the copy is left alone.
      { sheet: "Sở Xây dựng (2)", cell: "D3", ours: false, text: "của tôi" },
    ];
    expect(locateMarks(recorded, notes)).toEqual([
      { sheet: "Sở Xây dựng", cell: "D34", fill: SHADING },
      { sheet: "Sở Xây dựng", cell: "D40" },
      { sheet: "Sở Xây dựng (2)", cell: "D35", fill: SHADING },
    ]);
  });

  test("a note of the project's no record names (a form renamed since) gives back the fill recorded at its address, else none", () => {
    const recorded = [{ sheet: "Sở Xây dựng", cell: "D34", fill: SHADING }];
    expect(locateMarks(recorded, [{ sheet: "SXD 2025", cell: "D34", ours: true }, { sheet: "SXD 2025", cell: "D36", ours: true }])).toEqual([
      { sheet: "SXD 2025", cell: "D34", fill: SHADING },
      { sheet: "SXD 2025", cell: "D36" },
    ]);
  });

  test("a run with no recorded mark still clears the project's notes it finds, and _index records a new mark there with that fill", () => {
    const plan: WritePlan = {
      lang: "vi",
      owned: [{ name: INDEX_SHEET, visibility: "veryHidden", blocks: [{ address: "A1", values: [["mark", "Copy", "D10", "FFFFC7CE"]] }], tables: [], conditionalFormats: [], charts: [] }],
      edits: [],
      marks: [{ sheet: "Copy", cell: "D10", severity: "error", note: "[DTI Scorer]\nLỗi: x\n" }],
      clearMarks: [],
    };
    const located = relocateMarks(plan, [{ sheet: "Copy", cell: "D10", ours: true }, { sheet: "Copy", cell: "D12", ours: true }]);
    expect(located.clearMarks).toEqual([{ sheet: "Copy", cell: "D10" }, { sheet: "Copy", cell: "D12" }]);
    // The red the snapshot saw is the copied mark's: the cell's own fill is none.
    expect(located.owned[0]!.blocks[0]!.values).toEqual([["mark", "Copy", "D10", ""]]);
  });

  test("a form renamed and corrected: the mark recorded under its old name is cleared under its new one", () => {
    const faulty = demoSnapshot();
    setCell(faulty, "SO-02", "D10", "abc");
    faulty.sheets[1]!.fills = { D10: SHADING };
    const first = run(faulty);
    expect(indexState(first).marks).toEqual([{ sheet: "SO-02", cell: "D10", fill: SHADING }]);
    expect(indexState(first).owned.forms).toContainEqual({ unit: "SO-02", sheet: "SO-02" });

    const renamed = applyEdits(demoSnapshot(), first);
    renamed.sheets[1]!.name = "Sở Nội vụ 2025";
    const second = run(renamed, indexState(first));
    expect(second.clearMarks).toEqual([{ sheet: "Sở Nội vụ 2025", cell: "D10", fill: SHADING }]);
    expect(indexState(second).marks).toEqual([]);

    // Renamed but still wrong: the new mark there records the form's shading, not the mark's red.
    const stillWrong = applyEdits(faulty, first);
    stillWrong.sheets[1]!.name = "Sở Nội vụ 2025";
    stillWrong.sheets[1]!.fills = { D10: "FFFFC7CE" };
    const third = run(stillWrong, indexState(first));
    expect(third.clearMarks).toEqual([{ sheet: "Sở Nội vụ 2025", cell: "D10", fill: SHADING }]);
    expect(indexState(third).marks).toEqual([{ sheet: "Sở Nội vụ 2025", cell: "D10", fill: SHADING }]);

    // Marking without scoring, given the forms read now, does the same.
    const marksOnly = planMarksOnly([], { lang: "vi", previous: indexState(first), snapshot: renamed, submissions: readAndScore(renamed).submissions });
    expect(marksOnly.clearMarks).toEqual([{ sheet: "Sở Nội vụ 2025", cell: "D10", fill: SHADING }]);
  });
});
