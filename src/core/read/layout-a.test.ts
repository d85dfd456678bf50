import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../types";
import { sampleModel } from "./fixtures";
import { COLUMNS_READ_BELOW_HEADER, TABLE_COLUMNS, findTableHeader, readLayoutA } from "./layout-a";
import { makeIssue } from "./messages";
import { readSubmissions } from "./read";
import { withEvidenceFindings } from "./evidence";
import { scoreUnits } from "../score";

const model = sampleModel();

const HEADER = ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Số liệu thẩm định", "Tự chấm", "Minh chứng", "Ghi chú", "Điểm"];
const LINES: CellValue[][] = [
  ["1", "Nhận thức số", 40, null, null, 35, null, "ghi chú nhóm", 33],
  ["1.1", "Ban chỉ đạo", 10, "có", null, 10, "QĐ 12/QĐ-SYT", "đã thành lập", 10],
  ["1.2", "Văn bản chỉ đạo", 10, null, null, 7.5, "Danh mục văn bản", null, 7.5],
  ["1.2.a", "Số văn bản do Chủ tịch ký", null, 3, 2, null, null, "thẩm định lại", null],
  ["1.2.b", "Tổng số văn bản", null, 4, null, null, null, null, null],
  ["1.3", "Trưởng ban chỉ đạo", 10, "bí thư", null, 10, null, null, 10],
  ["1.10", "Số cuộc họp", 10, 4, null, null, null, "4 cuộc", 10],
  ["2.1", "Tỷ lệ hồ sơ trực tuyến", 10, "85%", null, null, "Báo cáo", null, 8.5],
  ["2.2", "Điểm", 5, 4, null, 5, null, null, 4],
  ["2.3", "Dịch vụ công mức 4", 5, 12, null, null, null, null, 5],
];

function sheet(lines: CellValue[][]): SheetSnapshot {
  return {
    name: "Sở Y tế",
    values: [["Đơn vị", "Sở Y tế"], ["Mã đơn vị", "SYT"], ["Nhóm", "co-dvc"], ["Bộ chỉ số", "dti-so-mau@2024"], [], HEADER, ...lines],
  };
}

describe("what the layout-A reader reads below the header row", () => {
  test("only the columns it declares: blanking every other column below the header changes nothing read", () => {
    const full = sheet(LINES);
    const header = findTableHeader(full)!;
    const kept = new Set(COLUMNS_READ_BELOW_HEADER.map((k) => header.cols[k]));
    expect(Object.keys(header.cols).sort()).toEqual(Object.keys(TABLE_COLUMNS).sort());
    const blanked = sheet(LINES.map((line) => line.map((v, c) => (kept.has(c) ? v : null))));
    const a = readLayoutA(model, full);
    const b = readLayoutA(model, blanked);
    expect(a?.kind).toBe("unit");
    // The Điểm column's position is known from the header row, which stays.
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe("rows the layout-A reader does not read, said", () => {
  /** The findings about the rows of a form, as sentences in both languages. */
  function findings(lines: CellValue[][]): { severity: string; code: string; cell?: string; vi: string; en: string }[] {
    const a = readLayoutA(model, sheet(lines));
    if (a?.kind !== "unit") throw new Error("not read as a form");
    return a.unit.rowFindings.map((f) => {
      const issue = makeIssue(f.severity, f.code, { sheet: "Sở Y tế", unit: "SYT", ...f.params });
      return { severity: issue.severity, code: issue.code, ...(issue.cell !== undefined ? { cell: issue.cell } : {}), vi: issue.message.vi, en: issue.message.en };
    });
  }
  const line = (code: string, value: CellValue, appraised: CellValue = null): CellValue[] => [code, "", null, value, appraised, null, null, null, null];

  test("a code on a second row: the first row is read, and the later one is named with both cells", () => {
    const a = readLayoutA(model, sheet([line("1.1", "có"), line("2.1", 0.9), line("2.1", 0.3), line("2.2", 4)]));
    if (a?.kind !== "unit") throw new Error("not read as a form");
    // The figure read is the first row's.
    expect(a.unit.values.get("2.1")).toEqual({ value: 0.9, address: "D8" });
    expect(findings([line("1.1", "có"), line("2.1", 0.9), line("2.1", 0.3), line("2.2", 4)])).toEqual([
      {
        severity: "error",
        code: "duplicate-row",
        cell: "D9",
        vi: 'Trang tính \'Sở Y tế\', ô D9: mã 2.1 có ở hai dòng (D8 và D9); chỉ dòng đầu được đọc, dòng sau bị bỏ qua, nên 0,3 ở đây không được dùng — hãy xóa dòng thừa và để số liệu đúng ở một dòng.',
        en: "Sheet 'Sở Y tế', cell D9: code 2.1 is on two rows (D8 and D9); only the first is read and the later one is ignored, so 0.3 here is not used — delete the extra row and keep the right figure on one row.",
      },
    ]);
  });

  test("a repeated row with no figure, or the same one, is a warning; the appraised cell is named when it is the one read", () => {
    const [blank] = findings([line("2.1", 0.9), line("2.1", null)]);
    expect(blank).toMatchObject({ severity: "warning", cell: "D8" });
    expect(blank!.en).toBe("Sheet 'Sở Y tế', cell D8: code 2.1 is on two rows (D7 and D8); only the first is read and the later one is ignored — delete the extra row and keep the right figure on one row.");
    expect(findings([line("2.1", 0.9), line("2.1", 0.9)])[0]).toMatchObject({ severity: "warning", cell: "D8" });
    expect(findings([line("2.1", 0.9, 0.8), line("2.1", 0.5, 0.6)])[0]).toMatchObject({ severity: "error", cell: "E8", vi: expect.stringContaining("(E7 và E8)") });
  });

  test("a figure on a row that takes none (an indicator computed from its inputs, a group) is said not to be used", () => {
    const lines = [line("1", 40), line("1.2", 0.8), line("1.2.a", 3), line("1.2.b", 4, null), line("2.1", 0.9)];
    expect(findings(lines)).toEqual([
      {
        severity: "warning",
        code: "value-not-read",
        cell: "D7",
        vi: "Trang tính 'Sở Y tế', ô D7: dòng 1 không nhận số liệu (là nhóm, được tính từ các chỉ tiêu trong nhóm); 40 ở đây không được dùng.",
        en: "Sheet 'Sở Y tế', cell D7: row 1 takes no value (it is a group, computed from the indicators in it); 40 here is not used.",
      },
      {
        severity: "warning",
        code: "value-not-read",
        cell: "D8",
        vi: "Trang tính 'Sở Y tế', ô D8: dòng 1.2 không nhận số liệu (được tính từ 1.2.a và 1.2.b); 0,8 ở đây không được dùng.",
        en: "Sheet 'Sở Y tế', cell D8: row 1.2 takes no value (it is computed from 1.2.a and 1.2.b); 0.8 here is not used.",
      },
    ]);
    // Typed in Số liệu thẩm định too: each cell is named.
    expect(findings([line("1.2", null, "0,8")]).map((f) => [f.cell, f.vi])).toEqual([
      ["E7", "Trang tính 'Sở Y tế', ô E7: dòng 1.2 không nhận số liệu (được tính từ 1.2.a và 1.2.b); \"0,8\" ở đây không được dùng."],
    ]);
  });

  test("nothing is said about the Điểm, Tự chấm or Ghi chú columns of those rows, nor about the template's rows", () => {
    // LINES: the project's Điểm column filled on every row, a self score and a note on group 1.
    expect(findings(LINES)).toEqual([]);
  });
});

describe("a form whose column names were reworded", () => {
  /** The form with some header cells renamed (by their name on the template). */
  function renamed(names: Record<string, string>, lines: CellValue[][] = LINES, merges?: string[]): SheetSnapshot {
    const s = sheet(lines);
    s.values[5] = HEADER.map((h) => names[h] ?? h);
    return merges ? { ...s, merges } : s;
  }
  /** The form's findings about its header, as the user reads them. */
  function said(s: SheetSnapshot): { code: string; cell?: string; vi: string; en: string }[] {
    const read = readSubmissions(model, { sheets: [s] });
    return read.issues
      .filter((i) => i.code === "unknown-column")
      .map((i) => ({ code: i.code, ...(i.cell !== undefined ? { cell: i.cell } : {}), vi: i.message.vi, en: i.message.en }));
  }

  test("the council's appraised figures are read under a header that starts with Số liệu thẩm định, or named Thẩm định", () => {
    for (const name of ["Số liệu thẩm định của Hội đồng", "Thẩm định", "THẨM ĐỊNH:", "Appraised value (council)"]) {
      const s = renamed({ "Số liệu thẩm định": name });
      expect([name, findTableHeader(s)?.cols.appraised]).toEqual([name, 4]);
      const a = readLayoutA(model, s);
      if (a?.kind !== "unit") throw new Error("not read as a form");
      // 1.2.a: 3 typed by the unit, 2 appraised.
      expect([name, a.unit.values.get("1.2.a")]).toEqual([name, { value: 2, address: "E10" }]);
      expect(said(s)).toEqual([]);
    }
  });

  test("the longest name wins, an exact name goes first, and Điểm is never taken by the start of a header", () => {
    // "Điểm tối đa" stays the max, not Điểm; "Số liệu (đơn vị)" is no Số liệu thẩm định.
    const s = renamed({ "Điểm tối đa": "Điểm tối đa (điểm)", Điểm: "Điểm HĐ chấm" });
    const h = findTableHeader(s)!;
    expect(h.cols.max).toBe(2);
    expect(h.cols.score).toBeUndefined();
    // An exact Minh chứng right of one that merely starts with it is the one read.
    const both = sheet(LINES);
    both.values[5] = ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Số liệu thẩm định", "Tự chấm", "Minh chứng bổ sung", "Minh chứng", "Điểm"];
    expect(findTableHeader(both)!.cols.evidence).toBe(7);
    // Mã and Số liệu are found by their exact names only: a table of units' "Mã đơn vị" is no Mã.
    expect(findTableHeader({ name: "Tổng hợp", values: [["Mã đơn vị", "Đơn vị", "Số liệu 1.1"], ["SYT", "Sở Y tế", 3]] })).toBeUndefined();
  });

  test("the evidence is checked under a header that starts with Minh chứng", () => {
    const s = renamed({ "Minh chứng": "Minh chứng (số, ngày văn bản)" });
    const read = readSubmissions(model, { sheets: [s] });
    expect(read.submissions[0]!.evidence?.["1.1"]).toBe("QĐ 12/QĐ-SYT");
    expect(said(s)).toEqual([]);
  });

  test("a header that looks meant for the appraised figures, the evidence or the self scores but is not recognised is said, with the name to give it", () => {
    const s = renamed({ "Số liệu thẩm định": "Kết quả thẩm định", "Minh chứng": "Tài liệu kèm theo (minh chứng)", "Tự chấm": "Điểm đơn vị tự chấm" });
    const a = readLayoutA(model, s);
    if (a?.kind !== "unit") throw new Error("not read as a form");
    // Not read: 1.2.a's figure is the unit's own.
    expect(a.unit.values.get("1.2.a")).toEqual({ value: 3, address: "D10" });
    expect(said(s)).toEqual([
      {
        code: "unknown-column",
        cell: "E6",
        vi: 'Trang tính \'Sở Y tế\', ô E6: tên cột "Kết quả thẩm định" không được nhận ra nên số liệu trong cột này không được đọc; nếu đây là số liệu thẩm định (được dùng thay cho số liệu của đơn vị khi có), hãy đặt tên cột là "Số liệu thẩm định" (Appraised value).',
        en: 'Sheet \'Sở Y tế\', cell E6: the column name "Kết quả thẩm định" is not recognised, so the figures in it are not read; if it holds the appraised figures (used in place of the unit\'s own where filled), name the column "Số liệu thẩm định" (Appraised value).',
      },
      {
        code: "unknown-column",
        cell: "F6",
        vi: 'Trang tính \'Sở Y tế\', ô F6: tên cột "Điểm đơn vị tự chấm" không được nhận ra nên điểm tự chấm không được so với điểm chấm; nếu đây là cột điểm tự chấm, hãy đặt tên cột là "Tự chấm" (Self score).',
        en: 'Sheet \'Sở Y tế\', cell F6: the column name "Điểm đơn vị tự chấm" is not recognised, so the self scores are not compared with the scores; if it holds the self scores, name the column "Tự chấm" (Self score).',
      },
      {
        code: "unknown-column",
        cell: "G6",
        vi: 'Trang tính \'Sở Y tế\', ô G6: tên cột "Tài liệu kèm theo (minh chứng)" không được nhận ra nên minh chứng của phiếu không được kiểm tra; nếu đây là cột minh chứng, hãy đặt tên cột là "Minh chứng" (Evidence).',
        en: 'Sheet \'Sở Y tế\', cell G6: the column name "Tài liệu kèm theo (minh chứng)" is not recognised, so the form\'s evidence is not checked; if it holds the evidence, name the column "Minh chứng" (Evidence).',
      },
    ]);
    // Under the unit, as a warning.
    expect(readSubmissions(model, { sheets: [s] }).issues.filter((i) => i.code === "unknown-column").every((i) => i.severity === "warning" && i.unit === "SYT")).toBe(true);
  });

  test("nothing is said of such a header when the form has the column otherwise, nor of a column of points (Điểm thẩm định)", () => {
    const s = sheet(LINES);
    s.values[5] = [...HEADER, "Ghi chú thẩm định", "Minh chứng khác (bản giấy)"];
    expect(said(s)).toEqual([]);
    expect(said(renamed({ "Số liệu thẩm định": "Điểm thẩm định" }))).toEqual([]);
  });

  /** The form with header cells renamed (null: cleared) and a column J added, `j` its header and `jCell` its cell on each row. */
  function withJ(names: Record<string, string | null>, j: string, jCell: (code: string) => CellValue, cells: Record<number, (code: string) => CellValue> = {}): SheetSnapshot {
    const lines = LINES.map((l) => [...l.map((v, c) => (cells[c] ? cells[c](String(l[0])) : v)), jCell(String(l[0]))]);
    const s = sheet(lines);
    s.values[5] = [...HEADER.map((h) => (h in names ? names[h]! : h)), j];
    return s;
  }

  test("a header that only starts with a column's name holds something else when what follows is another year, an addition, people or comments", () => {
    const taken = (name: string) => findTableHeader(renamed({ "Số liệu thẩm định": name, "Tự chấm": name, "Minh chứng": name }))!.cols;
    for (const name of ["Thẩm định viên", "Appraisal notes", "Số liệu thẩm định 2023", "Số liệu thẩm định (năm trước)", "Số liệu thẩm định cũ", "Appraised value - previous", "Tự chấm kỳ trước", "Minh chứng bổ sung", "Minh chứng (ghi chú)", "Số liệu thẩm định viên"]) {
      const cols = taken(name);
      expect([name, cols.appraised, cols.self, cols.evidence]).toEqual([name, undefined, undefined, undefined]);
    }
    // Nor one whose next words are no qualifier ("Minh chứng khác"), while "của", ":" and "-" are.
    expect(taken("Minh chứng khác").evidence).toBeUndefined();
    expect(findTableHeader(renamed({ "Minh chứng": "Minh chứng - số, ngày văn bản", "Tự chấm": "Tự chấm của đơn vị" }))!.cols).toMatchObject({ evidence: 6, self: 5 });
  });

  test("Thẩm định viên (the appraisers' names) is no column of figures: the Số liệu sau thẩm định further right is read; Appraisal notes neither, and are not said", () => {
    const s = withJ({ "Số liệu thẩm định": "Thẩm định viên" }, "Số liệu sau thẩm định", (code) => (code === "1.2.a" ? 2 : null), { 4: (code) => (code.startsWith("1.") ? "Nguyễn Văn A" : null) });
    expect(findTableHeader(s)!.cols.appraised).toBe(9);
    const a = readLayoutA(model, s);
    if (a?.kind !== "unit") throw new Error("not read as a form");
    expect(a.unit.values.get("1.2.a")).toEqual({ value: 2, address: "J10" });
    expect(readSubmissions(model, { sheets: [s] }).issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(said(s)).toEqual([]);
    const notes = renamed({ "Số liệu thẩm định": "Appraisal notes" }, LINES.map((l) => l.map((v, c) => (c === 4 ? "ok" : v))));
    const b = readLayoutA(model, notes);
    if (b?.kind !== "unit") throw new Error("not read as a form");
    expect(findTableHeader(notes)!.cols.appraised).toBeUndefined();
    expect(b.unit.values.get("1.2.a")).toEqual({ value: 3, address: "D10" });
    expect(readSubmissions(model, { sheets: [notes] }).issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(said(notes)).toEqual([]);
  });

  test("Thẩm định (its cells Đạt) and Số liệu sau thẩm định both could be the appraised figures: neither is read, and both are named with the name to give the right one", () => {
    const s = withJ({ "Số liệu thẩm định": "Thẩm định" }, "Số liệu sau thẩm định", (code) => (code === "1.2.a" ? 2 : null), { 4: (code) => (code.includes(".") ? "Đạt" : null) });
    expect(findTableHeader(s)!.cols.appraised).toBeUndefined();
    const a = readLayoutA(model, s);
    if (a?.kind !== "unit") throw new Error("not read as a form");
    // The unit's own figures: no "Đạt" read as a figure.
    expect(a.unit.values.get("1.2.a")).toEqual({ value: 3, address: "D10" });
    expect(readSubmissions(model, { sheets: [s] }).issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(said(s)).toEqual([
      {
        code: "unknown-column",
        cell: "E6",
        vi: 'Trang tính \'Sở Y tế\', ô E6: các tên cột "Thẩm định" và "Số liệu sau thẩm định" (ô J6) đều có thể là cột "Số liệu thẩm định" (Appraised value), nên không cột nào được đọc và số liệu thẩm định không được dùng; hãy đặt tên "Số liệu thẩm định" (Appraised value) cho đúng cột chứa số liệu thẩm định (được dùng thay cho số liệu của đơn vị khi có) và đổi tên các cột còn lại.',
        en: 'Sheet \'Sở Y tế\', cell E6: the column names "Thẩm định" and "Số liệu sau thẩm định" (cell J6) could each be the "Số liệu thẩm định" (Appraised value) column, so none of them is read and no appraised figure is used; name the one that holds the appraised figures (used in place of the unit\'s own where filled) "Số liệu thẩm định" (Appraised value) and rename the others.',
      },
    ]);
    // Named exactly, the right one is read and nothing is said.
    const fixed = withJ({ "Số liệu thẩm định": "Thẩm định" }, "Số liệu thẩm định", (code) => (code === "1.2.a" ? 2 : null), { 4: (code) => (code.includes(".") ? "Đạt" : null) });
    expect(findTableHeader(fixed)!.cols.appraised).toBe(9);
    expect(said(fixed)).toEqual([]);
  });

  test("Điểm tự chấm 2023 and Điểm tự chấm 2024: neither is taken for the self scores, and both are named in one warning", () => {
    const s = withJ({ "Tự chấm": "Điểm tự chấm 2023" }, "Điểm tự chấm 2024", () => 2);
    expect(findTableHeader(s)!.cols.self).toBeUndefined();
    expect(readSubmissions(model, { sheets: [s] }).issues.filter((i) => i.code === "self-score-differs")).toEqual([]);
    expect(said(s)).toEqual([
      {
        code: "unknown-column",
        cell: "F6",
        vi: 'Trang tính \'Sở Y tế\', ô F6: các tên cột "Điểm tự chấm 2023" và "Điểm tự chấm 2024" (ô J6) không được nhận ra nên điểm tự chấm không được so với điểm chấm; nếu một trong các cột này chứa điểm tự chấm, hãy đặt tên cột đó là "Tự chấm" (Self score).',
        en: 'Sheet \'Sở Y tế\', cell F6: the column names "Điểm tự chấm 2023" and "Điểm tự chấm 2024" (cell J6) are not recognised, so the self scores are not compared with the scores; if one of them holds the self scores, name that column "Tự chấm" (Self score).',
      },
    ]);
  });

  test("last year's self scores and evidence (năm trước) are not read as this year's when the real headers are cleared: said instead", () => {
    const self = withJ({ "Tự chấm": null }, "Điểm tự chấm năm trước", () => 1);
    expect(findTableHeader(self)!.cols.self).toBeUndefined();
    expect(said(self).map((f) => [f.cell, f.en])).toEqual([
      ["J6", 'Sheet \'Sở Y tế\', cell J6: the column name "Điểm tự chấm năm trước" is not recognised, so the self scores are not compared with the scores; if it holds the self scores, name the column "Tự chấm" (Self score).'],
    ]);
    const evidence = withJ({ "Minh chứng": null }, "Minh chứng năm trước", () => "cũ");
    expect(findTableHeader(evidence)!.cols.evidence).toBeUndefined();
    expect(readSubmissions(model, { sheets: [evidence] }).submissions[0]!.evidence?.["1.1"]).toBeUndefined();
    expect(said(evidence).map((f) => f.cell)).toEqual(["J6"]);
  });

  test("every look-alike header is named, not only the first", () => {
    const s = withJ({ "Số liệu thẩm định": "Kết quả thẩm định" }, "Số liệu thẩm định (đợt 2) 2024", () => null);
    expect(said(s).map((f) => [f.cell, f.vi])).toEqual([
      [
        "E6",
        'Trang tính \'Sở Y tế\', ô E6: các tên cột "Kết quả thẩm định" và "Số liệu thẩm định (đợt 2) 2024" (ô J6) không được nhận ra nên số liệu trong các cột này không được đọc; nếu một trong các cột này chứa số liệu thẩm định (được dùng thay cho số liệu của đơn vị khi có), hãy đặt tên cột đó là "Số liệu thẩm định" (Appraised value).',
      ],
    ]);
  });

  test("evidence merged over several indicators' rows counts for each of them, once; a blank merge is said at its top cell", () => {
    // 1.1, 1.2 (with its inputs 1.2.a, 1.2.b) and 1.3 under one decision, merged over G8:G12.
    const lines = LINES.map((l) => [...l]);
    for (const r of [1, 2, 3, 4, 5]) lines[r]![6] = null;
    lines[1]![6] = "QĐ 12/QĐ-SYT (chung)";
    const s = sheet(lines);
    // Whether an indicator earns points (and so needs evidence) is known once the unit is scored.
    const evidenceMissing = (snapshot: WorkbookSnapshot) => {
      const reading = readSubmissions(model, snapshot);
      return withEvidenceFindings(model, reading, scoreUnits(model, reading.submissions)).filter((i) => i.code === "evidence-missing");
    };
    const merged = { sheets: [{ ...s, merges: ["G8:G12"] }] };
    expect(readSubmissions(model, merged).submissions[0]!.evidence).toMatchObject({ "1.1": "QĐ 12/QĐ-SYT (chung)", "1.2": "QĐ 12/QĐ-SYT (chung)", "1.3": "QĐ 12/QĐ-SYT (chung)" });
    expect(evidenceMissing(merged)).toEqual([]);
    // Without the merge, 1.2 (evidence required, earning points) has none.
    expect(evidenceMissing({ sheets: [s] }).map((i) => i.cell)).toEqual(["G9"]);
    // The merge left blank: said at the cell that shows, not inside the merge.
    lines[1]![6] = null;
    const blank = evidenceMissing({ sheets: [{ ...sheet(lines), merges: ["'Sở Y tế'!G8:G12"] }] });
    expect(blank.map((i) => [i.node, i.cell])).toEqual([
      ["1.1", "G8"],
      ["1.2", "G8"],
    ]);
  });
});
