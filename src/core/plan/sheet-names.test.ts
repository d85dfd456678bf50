import type { WorkbookSnapshot } from "../types";
import { type IndexSheetState, readIndexSheet } from "./index-sheet";
import { INDEX_SHEET } from "./labels";
import { planResults } from "./plan";
import { ownedSheetNames } from "./sheet-names";
import { demoModel, demoSnapshot, ownedGrid, readAndScore } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function withSheets(snapshot: WorkbookSnapshot, ...names: string[]): WorkbookSnapshot {
  return { ...snapshot, sheets: [...snapshot.sheets, ...names.map((name) => ({ name, values: [["Bảng của tôi", 1]] }))] };
}

function plan(snapshot: WorkbookSnapshot, lang: "vi" | "en" = "vi", previous?: IndexSheetState) {
  const model = demoModel();
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, { lang, projectVersion: "1.2.3", now: NOW, snapshot, ...(previous ? { previous } : {}) });
}

function stateOf(p: ReturnType<typeof plan>): IndexSheetState {
  return readIndexSheet({ sheets: [{ name: INDEX_SHEET, values: ownedGrid(p, INDEX_SHEET) }] })!;
}

/** The snapshot after a plan's owned sheets are written (the user's sheets stay as they are). */
function written(snapshot: WorkbookSnapshot, p: ReturnType<typeof plan>): WorkbookSnapshot {
  const ours = new Set(p.owned.map((o) => o.name));
  const gone = new Set(p.removeSheets ?? []);
  return {
    sheets: [...snapshot.sheets.filter((s) => !ours.has(s.name) && !gone.has(s.name)), ...p.owned.map((o) => ({ name: o.name, values: ownedGrid(p, o.name) }))],
  };
}

describe("the names of the results and charts sheets", () => {
  test("a user's own `Kết quả` and `Biểu đồ` are never planned over: ours are `Kết quả (2)` and `Biểu đồ (2)`, recorded in _index, with a warning naming both sheets", () => {
    const first = plan(withSheets(demoSnapshot(), "Kết quả", "Biểu đồ"));
    expect(first.owned.map((o) => o.name)).toEqual(["Kết quả (2)", "Biểu đồ (2)", INDEX_SHEET]);
    expect(first.removeSheets).toBeUndefined();
    expect(stateOf(first).owned.sheets).toEqual(["Kết quả (2)", "Biểu đồ (2)", INDEX_SHEET]);
    // The charts sheet follows the results sheet, and its charts read its own data.
    const charts = first.owned[1]!;
    expect(charts.after).toBe("Kết quả (2)");
    expect(charts.charts.every((c) => c.dataSheet === "Biểu đồ (2)")).toBe(true);
    expect(stateOf(first).owned.charts.every((c) => c.sheet === "Biểu đồ (2)")).toBe(true);
    expect(first.warnings).toHaveLength(2);
    expect(first.warnings![0]!.vi).toBe("Sổ đã có trang 'Kết quả' không do DTI Scorer tạo: trang này được giữ nguyên, kết quả chấm điểm được ghi vào trang 'Kết quả (2)'.");
    expect(first.warnings![0]!.en).toContain("sheet 'Kết quả' that DTI Scorer did not make");
    expect(first.warnings![0]!.en).toContain("'Kết quả (2)'");
    expect(first.warnings![1]!.vi).toContain("'Biểu đồ (2)'");
  });

  test("the next run writes the same sheets again, adds none and removes none, and says nothing more", () => {
    const before = withSheets(demoSnapshot(), "Kết quả");
    const first = plan(before);
    const again = plan(written(before, first), "vi", stateOf(first));
    expect(again.owned.map((o) => o.name)).toEqual(["Kết quả (2)", "Biểu đồ", INDEX_SHEET]);
    expect(again.removeSheets).toBeUndefined();
    expect(again.warnings).toBeUndefined();
  });

  test("our `Kết quả` with a row inserted above its title, or a column left of it, is not written over: the results go to `Kết quả (2)`, and the warning says why", () => {
    const before = demoSnapshot();
    const first = plan(before);
    const scored = written(before, first);
    for (const shift of ["row", "column"] as const) {
      const edited: WorkbookSnapshot = {
        sheets: scored.sheets.map((sh) =>
          sh.name !== "Kết quả" ? sh : { ...sh, values: shift === "row" ? [["UBND TỈNH X — SỞ THÔNG TIN VÀ TRUYỀN THÔNG"], ...sh.values] : sh.values.map((r) => [null, ...r]) },
        ),
      };
      const again = plan(edited, "vi", stateOf(first));
      expect(again.owned.map((o) => o.name)).toEqual(["Kết quả (2)", "Biểu đồ", INDEX_SHEET]);
      expect(again.warnings!.map((w) => w.vi)).toEqual([
        "Trang 'Kết quả' có bảng kết quả của lần chấm trước nhưng đã được chèn thêm dòng hoặc cột phía trên hay bên trái bảng, nên DTI Scorer không ghi đè lên trang này (để không mất những gì đã thêm): kết quả chấm điểm được ghi vào trang 'Kết quả (2)'. Trang 'Kết quả' vẫn hiện kết quả cũ; hãy xóa trang đó (sau khi chép phần đã thêm sang trang 'Kết quả (2)' nếu cần) để không nhầm hai bảng.",
      ]);
      expect(again.warnings![0]!.en).toContain("rows or columns were inserted above or left of it");
    }
  });

  test("names ignore case as Excel does, and skip the free-looking names the user has taken too", () => {
    const names = ownedSheetNames("vi", undefined, withSheets(demoSnapshot(), "KẾT QUẢ", "kết quả (2)"));
    expect(names.results).toBe("Kết quả (3)");
    expect(names.warnings[0]!.vi).toContain("'KẾT QUẢ'");
  });

  test("in English the user's `Results` is kept the same way; a workbook without such a sheet keeps the usual names and no warning", () => {
    expect(plan(withSheets(demoSnapshot(), "Results"), "en").owned.map((o) => o.name)).toEqual(["Results (2)", "Charts", INDEX_SHEET]);
    const plain = plan(demoSnapshot());
    expect(plain.owned.map((o) => o.name)).toEqual(["Kết quả", "Biểu đồ", INDEX_SHEET]);
    expect(plain.warnings).toBeUndefined();
  });

  test("scoring in the other language renames our `Kết quả (2)` to `Results` and leaves the user's `Kết quả` alone", () => {
    const before = withSheets(demoSnapshot(), "Kết quả");
    const first = plan(before);
    const en = plan(written(before, first), "en", stateOf(first));
    expect(en.owned.map((o) => o.name)).toEqual(["Results", "Charts", INDEX_SHEET]);
    expect(en.renameSheets).toEqual([
      { from: "Kết quả (2)", to: "Results" },
      { from: "Biểu đồ", to: "Charts" },
    ]);
    expect(en.removeSheets).toBeUndefined();
  });

  test("once the user's sheet is gone, our sheet keeps its name while it is there", () => {
    const before = withSheets(demoSnapshot(), "Kết quả");
    const first = plan(before);
    const after = written(before, first);
    after.sheets = after.sheets.filter((s) => s.name !== "Kết quả");
    expect(plan(after, "vi", stateOf(first)).owned[0]!.name).toBe("Kết quả (2)");
  });
});

describe("renamed and deleted sheets of the project's", () => {
  test("the warning about a user's sheet is given when the name is first taken, not again when our `Kết quả (2)` is gone later", () => {
    const before = withSheets(demoSnapshot(), "Kết quả");
    const first = plan(before);
    expect(first.warnings).toHaveLength(1);
    const gone = written(before, first);
    const again = plan({ sheets: gone.sheets.filter((s) => s.name !== "Kết quả (2)") }, "vi", stateOf(first));
    expect(again.owned[0]!.name).toBe("Kết quả (2)");
    expect(again.warnings).toBeUndefined();
  });

  test("a results sheet renamed by the user is found by its table's header and kept under the user's name; the user's `Kết quả` lookalike under our name is not taken", () => {
    const first = plan(demoSnapshot());
    const after = written(demoSnapshot(), first);
    const renamed = { sheets: after.sheets.map((s) => (s.name === "Kết quả" ? { ...s, name: "KQ 2025" } : s)) };
    const again = plan(renamed, "vi", stateOf(first));
    expect(again.owned.map((o) => o.name)).toEqual(["KQ 2025", "Biểu đồ", INDEX_SHEET]);
    expect(again.removeSheets).toEqual(["Kết quả"]);
    expect(again.warnings).toBeUndefined();
    expect(stateOf(again).owned.sheets).toEqual(["KQ 2025", "Biểu đồ", INDEX_SHEET]);
    // Two sheets that look like ours: neither is taken, ours is made again.
    const two = { sheets: [...renamed.sheets, { ...renamed.sheets.find((s) => s.name === "KQ 2025")!, name: "KQ 2024" }] };
    expect(plan(two, "vi", stateOf(first)).owned[0]!.name).toBe("Kết quả");
  });
});
