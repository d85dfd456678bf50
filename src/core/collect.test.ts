import fc from "fast-check";
import { MAX_SHEET_NAME, cleanSheetName, detectLayoutA, filledFormCell, formContent, formsToReadWhole, isBlankForm, isInstructionsSheet, isRoutineSkip, planCollect, uniqueSheetName } from "./collect";
import { sampleModel } from "./read/fixtures";
import { readSubmissions } from "./read";
import { unitKey } from "./plan";
import { unitsWithSameCode } from "./units";
import type { CellValue, SheetSnapshot } from "./types";

function unitSheet(name: string, unitName: string, code: string, index = "dti-so-nganh-mau@mau-2023"): SheetSnapshot {
  const values: CellValue[][] = [
    ["Đơn vị", unitName],
    ["Mã đơn vị", code],
    ["Nhóm", "co-dvc"],
    ["Bộ chỉ số", index],
    ["Kỳ đánh giá", "Năm 2024"],
    ["Nhập số liệu vào các ô nền vàng"],
    [],
    ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Số liệu thẩm định", "Tự chấm", "Minh chứng", "Ghi chú", "Điểm"],
    ["1", "Nhận thức số", 40],
  ];
  return { name, values };
}

describe("recognising a unit's form", () => {
  it("reads the unit, its code and the table's header row from a Vietnamese form", () => {
    const h = detectLayoutA(unitSheet("Sở Y tế", "Sở Y tế", "SYT"));
    expect(h).toEqual({ unitName: "Sở Y tế", unitCode: "SYT", category: "co-dvc", index: "dti-so-nganh-mau@mau-2023", period: "Năm 2024", headerRow: 8 });
  });

  it("reads the category under the labels the reader knows: Nhóm, Loại đơn vị, Unit category", () => {
    for (const label of ["Loại đơn vị", "Loại", "Unit category", "Nhóm đơn vị"]) {
      const sheet = unitSheet("Sở Y tế", "Sở Y tế", "SYT");
      sheet.values[2] = [label, "khong-dvc"];
      expect([label, detectLayoutA(sheet)?.category]).toEqual([label, "khong-dvc"]);
    }
  });

  it("reads a form with English labels and a trailing colon", () => {
    const sheet: SheetSnapshot = {
      name: "Health",
      values: [["Unit:", "Department of Health"], ["Unit code", "DOH"], [], ["Code", "Item", "Value"]],
    };
    expect(detectLayoutA(sheet)).toMatchObject({ unitName: "Department of Health", unitCode: "DOH", headerRow: 4 });
  });

  it("does not take an instructions sheet or a results table for a form", () => {
    expect(detectLayoutA({ name: "Hướng dẫn", values: [["Phiếu tự đánh giá"], ["Mỗi trang tính là phiếu của một đơn vị"]] })).toBeNull();
    expect(detectLayoutA({ name: "Kết quả", values: [["Hạng", "Mã đơn vị", "Đơn vị", "Tổng điểm"], [1, "SYT", "Sở Y tế", 150]] })).toBeNull();
  });
});

describe("recognising a form as the scorer does", () => {
  /** Whether the scorer reads the sheet as a unit, and the code and name it reads. */
  function scorerReads(sheet: SheetSnapshot): { code: string; name: string } | undefined {
    const unit = readSubmissions(sampleModel(), { sheets: [sheet] }).submissions[0];
    return unit ? { code: unit.code, name: unit.name } : undefined;
  }

  it("takes a table whose code column is headed Mã số, or Mã and số on two lines, as the scorer does", () => {
    for (const heading of ["Mã số", "Mã\nsố", "Mã chỉ tiêu"]) {
      const sheet = unitSheet("Sở Y tế", "Sở Y tế", "SYT", "dti-so-mau@2024");
      sheet.values[7]![0] = heading;
      sheet.values.push(["1.1", "Ban chỉ đạo", 10, "có"]);
      expect([heading, detectLayoutA(sheet)]).toMatchObject([heading, { unitCode: "SYT", unitName: "Sở Y tế", headerRow: 8 }]);
      expect(scorerReads(sheet)).toEqual({ code: "SYT", name: "Sở Y tế" });
    }
  });

  it("reads values typed in C after labels merged across A:B (B empty, as the hosts read a merged cell), and reads each unit's own code", () => {
    const merged = (name: string, code: string): SheetSnapshot => {
      const sheet = unitSheet(name, name, code, "dti-so-mau@2024");
      for (let r = 0; r < 5; r++) sheet.values[r] = [sheet.values[r]![0]!, null, sheet.values[r]![1]!];
      sheet.values.push(["1.1", "Ban chỉ đạo", 10, "có"]);
      return { ...sheet, merges: ["A1:B1", "A2:B2", "A3:B3", "A4:B4", "A5:B5"] };
    };
    expect(detectLayoutA(merged("Sở Y tế", "SYT"))).toEqual({ unitName: "Sở Y tế", unitCode: "SYT", category: "co-dvc", index: "dti-so-mau@2024", period: "Năm 2024", headerRow: 8 });
    expect(scorerReads(merged("Sở Y tế", "SYT"))).toEqual({ code: "SYT", name: "Sở Y tế" });
    // No form takes the label "Mã đơn vị" for its code: the three units are three units, none left out.
    const plan = planCollect([], [{ file: "a.xlsx", sheets: [merged("Sở Y tế", "SYT"), merged("Sở Nội vụ", "SNV"), merged("Sở Tài chính", "STC")] }], sampleModel());
    expect(plan.take.map((t) => t.unitCode)).toEqual(["SYT", "SNV", "STC"]);
    expect(plan.skipped).toEqual([]);
  });

  it("takes a form with a column inserted in front of it (STT) under its unit, as the scorer reads it", () => {
    const sheet = unitSheet("Sở Y tế (phiếu)", "Sở Y tế", "SYT", "dti-so-mau@2024");
    sheet.values = sheet.values.map((row) => [null, ...row]);
    sheet.values[7]![0] = "STT";
    sheet.values.push([1, "1.1", "Ban chỉ đạo", 10, "có"]);
    // The header block moved to B:C, left of and in the table's Mã column (B): both read it there.
    expect(scorerReads(sheet)).toEqual({ code: "SYT", name: "Sở Y tế" });
    expect(detectLayoutA(sheet)).toEqual({ unitName: "Sở Y tế", unitCode: "SYT", category: "co-dvc", index: "dti-so-mau@2024", period: "Năm 2024", headerRow: 8 });
    const plan = planCollect([], [{ file: "a.xlsx", sheets: [sheet] }]);
    expect(plan.take).toEqual([expect.objectContaining({ file: "a.xlsx", sheet: "Sở Y tế (phiếu)", unitCode: "SYT" })]);
  });

  it("reads the header block as the scorer does wherever the table's Mã column sits", () => {
    // The STT column inserted in the table only (labels still in A), or with labels merged B:C and values in D.
    const tableOnly = unitSheet("a", "Sở Y tế", "SYT", "dti-so-mau@2024");
    tableOnly.values[7] = ["STT", ...tableOnly.values[7]!];
    tableOnly.values.push([1, "1.1", "Ban chỉ đạo", 10, "có"]);
    const merged = unitSheet("b", "Sở Nội vụ", "SNV", "dti-so-mau@2024");
    merged.values = merged.values.map((row, r) => (r < 5 ? [null, row[0]!, null, row[1]!] : [null, ...row]));
    merged.values[7]![0] = "STT";
    merged.values.push([1, "1.1", "Ban chỉ đạo", 10, "có"]);
    for (const sheet of [tableOnly, merged]) {
      const h = detectLayoutA(sheet)!;
      expect([sheet.name, scorerReads(sheet)]).toEqual([sheet.name, { code: h.unitCode, name: h.unitName }]);
    }
    expect(detectLayoutA(merged)).toMatchObject({ unitName: "Sở Nội vụ", unitCode: "SNV", category: "co-dvc" });
  });

  it("takes what the scorer reads and leaves what it does not: a table needs both Mã and Số liệu", () => {
    const sheets: SheetSnapshot[] = [
      { name: "a", values: [["Mã", "Nội dung", "Số liệu"], ["1.1", "x", "có"]] },
      { name: "b", values: [["Mã", "Nội dung"], ["1.1", "x"]] },
      { name: "c", values: [["Đơn vị", "Sở Y tế"], ["Mã đơn vị", "SYT"], [], ["Mã số", "Số liệu"], ["1.1", "có"]] },
      { name: "d", values: [["Hạng", "Mã đơn vị", "Đơn vị", "Tổng điểm"], [1, "SYT", "Sở Y tế", 150]] },
    ];
    for (const sheet of sheets) expect([sheet.name, detectLayoutA(sheet) !== null]).toEqual([sheet.name, scorerReads(sheet) !== undefined]);
  });
});

describe("naming collected sheets", () => {
  it("adds (2) to a name already taken, ignoring case", () => {
    const taken = new Set(["Sở Y tế"]);
    expect(uniqueSheetName("sở y tế", taken)).toBe("sở y tế (2)");
    expect(uniqueSheetName("Sở Y tế", taken)).toBe("Sở Y tế (3)");
  });

  it("takes apostrophes and spaces off both ends together, as Excel refuses a name that starts or ends with an apostrophe", () => {
    // fast-check's counterexample: trimming the space after the first apostrophe went left a second one first.
    expect(uniqueSheetName("' '!", new Set())).toBe("!");
    expect(uniqueSheetName(" ' Sở Y tế ' ", new Set())).toBe("Sở Y tế");
    expect(uniqueSheetName("' '", new Set())).toBe("Sheet");
  });

  it("makes any text into a name Excel accepts, unique among the names given", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 50 }), { minLength: 1, maxLength: 12 }), (wanted) => {
        const taken = new Set<string>();
        const names = wanted.map((w) => uniqueSheetName(w, taken));
        for (const n of names) {
          expect(n.length).toBeGreaterThan(0);
          expect(n.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
          expect(n).not.toMatch(/[[\]:*?/\\]/);
          expect(n).not.toMatch(/^'|'$/);
        }
        expect(new Set(names.map((n) => n.toLocaleLowerCase("vi"))).size).toBe(names.length);
      }),
    );
  });

  it("keeps the (n) suffix inside 31 characters for a long department name", () => {
    const taken = new Set<string>();
    const long = "Sở Lao động - Thương binh và Xã hội tỉnh Đồng Tháp";
    const first = uniqueSheetName(long, taken);
    const second = uniqueSheetName(long, taken);
    // "… và Xã" would read as a commune: the name is cut before the word and ends with "…".
    expect(first).toBe("Sở Lao động - Thương binh và…");
    expect(second.endsWith(" (2)")).toBe(true);
    expect(second.length).toBeLessThanOrEqual(31);
  });

  it("shortens a name at the end of a word, so that no word is cut into another one", () => {
    const taken = new Set(["Sở Thông tin và Truyền thông"]);
    // "… Truyền thôn (2)" would read "hamlet": the last whole word goes instead, and "…" says it was cut.
    expect(uniqueSheetName("Sở Thông tin và Truyền thông", taken)).toBe("Sở Thông tin và Truyền… (2)");
    // One long word is still cut where it must be.
    expect(uniqueSheetName("X".repeat(40), new Set())).toBe(`${"X".repeat(30)}…`);
  });

  it("never ends a cut name on an apostrophe, which Excel refuses at either end of a sheet name", () => {
    // The name of a CSV file, cut to 31 characters just after its closing apostrophe.
    const name = uniqueSheetName("Số liệu cấp xã 'Cụm phía Bắc' năm 2024", new Set());
    expect(name).toBe("Số liệu cấp xã 'Cụm phía Bắc…");
    expect(cleanSheetName("Số liệu cấp xã 'Cụm phía Bắc' năm 2024")).toBe(name);
    expect(uniqueSheetName("Trung tâm Văn hóa 'Thể thao' huyện Krông Pắc", new Set())).not.toMatch(/'$/);
  });
});

describe("planning a collection", () => {
  it("takes the units' forms, renames a colliding sheet and leaves out the other sheets with a reason", () => {
    const plan = planCollect(
      ["Sở Y tế"],
      [
        { file: "a.xlsx", sheets: [{ name: "Hướng dẫn", values: [["Phiếu tự đánh giá"]] }, unitSheet("Sở Y tế", "Sở Y tế", "SYT")] },
        { file: "b.xlsx", sheets: [unitSheet("Sở Nội vụ", "Sở Nội vụ", "SNV")] },
      ],
    );
    expect(plan.take).toEqual([
      { file: "a.xlsx", fileAt: 0, sheet: "Sở Y tế", as: "Sở Y tế (2)", unitCode: "SYT", unitName: "Sở Y tế" },
      { file: "b.xlsx", fileAt: 1, sheet: "Sở Nội vụ", as: "Sở Nội vụ", unitCode: "SNV", unitName: "Sở Nội vụ" },
    ]);
    expect(plan.skipped).toHaveLength(1);
    expect(plan.skipped[0]).toMatchObject({ file: "a.xlsx", sheet: "Hướng dẫn" });
    expect(plan.skipped[0]!.reason.vi).toContain("Hướng dẫn");
  });

  it("leaves out a second form for the same unit code and says which file had it first", () => {
    const plan = planCollect(
      [],
      [
        { file: "dot1.xlsx", sheets: [unitSheet("Sở Y tế", "Sở Y tế", "SYT")] },
        { file: "dot2.xlsx", sheets: [unitSheet("Sở Y tế", "Sở Y tế", " SYT\u200B")] },
      ],
    );
    expect(plan.take.map((t) => t.file)).toEqual(["dot1.xlsx"]);
    expect(plan.skipped).toHaveLength(1);
    expect(plan.skipped[0]!.reason.vi).toContain("dot1.xlsx");
    expect(plan.skipped[0]!.reason.en).toContain("SYT");
  });

  it("compares unit codes as the reader does: 'SXD' and 'sxd' are two units, both gathered and both scored", () => {
    const plan = planCollect(
      [],
      [
        { file: "dot1.xlsx", sheets: [unitSheet("Sở Xây dựng", "Sở Xây dựng", "SXD", "dti-so-mau@2024")] },
        { file: "dot2.xlsx", sheets: [unitSheet("Sở Xây dựng", "Sở Xây dựng 2", "sxd", "dti-so-mau@2024")] },
      ],
      undefined,
      { existingUnitCodes: ["Sxd"] },
    );
    expect(plan.take.map((t) => t.unitCode)).toEqual(["SXD", "sxd"]);
    expect(plan.skipped).toEqual([]);
    // The reader scores the two sheets gathered as two units, with no duplicate-unit finding.
    const form = (name: string, code: string): SheetSnapshot => ({
      name,
      values: [["Đơn vị", name], ["Mã đơn vị", code], [], ["Mã", "Số liệu"], ["1.1", "có"]],
    });
    const read = readSubmissions(sampleModel(), { sheets: [form("Sở Xây dựng", "SXD"), form("Sở Xây dựng (2)", "sxd")] });
    expect(read.submissions.map((s) => s.code)).toEqual(["SXD", "sxd"]);
    expect(read.issues.map((i) => i.code)).not.toContain("duplicate-unit");
    expect(unitsWithSameCode([{ code: "SXD", name: "a" }, { code: "sxd", name: "b" }])).toEqual([]);
  });

  it("leaves out a form whose unit is already in the consolidated workbook", () => {
    const plan = planCollect(["Sở Y tế"], [{ file: "b.xlsx", sheets: [unitSheet("Y tế", "Sở Y tế", "SYT")] }], undefined, { existingUnitCodes: ["SYT"] });
    expect(plan.take).toEqual([]);
    expect(plan.skipped[0]!.reason.en).toContain("consolidated workbook");
  });
});

/** A unit's form as `template` writes it (blank), or with `fill` typed into one column of its first input row. */
function form(name: string, unitName: string, code: string, fill?: { column: "Số liệu" | "Số liệu thẩm định" | "Tự chấm" | "Minh chứng" | "Ghi chú"; value: CellValue }): SheetSnapshot {
  const sheet = unitSheet(name, unitName, code);
  const header = sheet.values[7]!;
  sheet.values.push(["1.1", "Có kế hoạch", 10], ["1.2", "Tỷ lệ", 10]);
  if (fill) sheet.values[9]![header.indexOf(fill.column)] = fill.value;
  return sheet;
}

describe("blank forms and filled ones", () => {
  it("tells a blank form from one with anything in Số liệu, Số liệu thẩm định, Tự chấm, Minh chứng or Ghi chú", () => {
    expect(isBlankForm(form("A", "A", "A"))).toBe(true);
    // The note template writes on a row that does not apply to the unit's category is not the unit's.
    expect(isBlankForm(form("A", "A", "A", { column: "Ghi chú", value: "Không áp dụng với nhóm đơn vị này" }))).toBe(true);
    expect(isBlankForm(form("A", "A", "A", { column: "Ghi chú", value: "Not applicable to this category of unit" }))).toBe(true);
    for (const column of ["Số liệu", "Số liệu thẩm định", "Tự chấm", "Minh chứng", "Ghi chú"] as const) {
      expect(isBlankForm(form("A", "A", "A", { column, value: column === "Số liệu" ? 0 : "x" }))).toBe(false);
    }
    // A sheet that is not a form is not a blank form.
    expect(isBlankForm({ name: "x", values: [["Ghi chú"]] })).toBe(false);
  });

  it("names the first cell filled in (what template --out would lose), none on a blank form or a sheet that is no form", () => {
    expect(filledFormCell(form("A", "A", "A"))).toBeUndefined();
    expect(filledFormCell(form("A", "A", "A", { column: "Tự chấm", value: 7 }))).toMatch(/^[A-Z]10$/);
    const header = form("A", "A", "A").values[7]!;
    expect(filledFormCell(form("A", "A", "A", { column: "Minh chứng", value: "QĐ 12" }))).toBe(`${String.fromCharCode(65 + header.indexOf("Minh chứng"))}10`);
    expect(filledFormCell({ name: "x", values: [["Ghi chú"], ["y"]] })).toBeUndefined();
  });

  it("takes each unit's filled form from the workbook it sent back, not the blank copies of the others' forms in the first file", () => {
    // `template` wrote one workbook with a sheet for each unit; each unit filled its own sheet and sent the whole workbook back.
    const sent = (filled: number): SheetSnapshot[] =>
      [1, 2, 3].map((u) => form(`Đơn vị ${u}`, `Đơn vị ${u}`, `U${u}`, u === filled ? { column: "Số liệu", value: "Có" } : undefined));
    const plan = planCollect([], [
      { file: "g1.xlsx", sheets: sent(1) },
      { file: "g2.xlsx", sheets: sent(2) },
      { file: "g3.xlsx", sheets: [...sent(3), form("Đơn vị 4", "Đơn vị 4", "U4")] },
    ]);
    expect(plan.take.map((t) => [t.file, t.as])).toEqual([
      ["g1.xlsx", "Đơn vị 1"],
      ["g2.xlsx", "Đơn vị 2"],
      ["g3.xlsx", "Đơn vị 3"],
      // Nobody filled unit 4 in: its blank form still comes in, so the unit appears.
      ["g3.xlsx", "Đơn vị 4"],
    ]);
    expect(plan.skipped.map((s) => [s.file, s.sheet, s.kind])).toEqual([
      ["g1.xlsx", "Đơn vị 2", "duplicate"],
      ["g1.xlsx", "Đơn vị 3", "duplicate"],
      ["g2.xlsx", "Đơn vị 1", "duplicate"],
      ["g2.xlsx", "Đơn vị 3", "duplicate"],
      ["g3.xlsx", "Đơn vị 1", "duplicate"],
      ["g3.xlsx", "Đơn vị 2", "duplicate"],
    ]);
    expect(plan.skipped[0]!.reason.vi).toBe("Trang tính 'Đơn vị 2': phiếu trống (chưa điền số liệu); đơn vị mã U2 đã có phiếu điền số liệu từ tệp g2.xlsx nên bỏ qua phiếu trống này.");
    expect(plan.skipped[0]!.reason.en).toBe("Sheet 'Đơn vị 2': a blank form (nothing filled in); the unit with code U2 has a filled form from g2.xlsx, so this blank one is left out.");
    expect(plan.warnings).toEqual([]);
  });

  it("says in a word why each form was left out, so that a report counts the blank forms and lists the rest", () => {
    const sent = (filled: number, value: CellValue = "Có"): SheetSnapshot[] =>
      [1, 2, 3, 4].map((u) => form(`Đơn vị ${u}`, `Đơn vị ${u}`, `U${u}`, u === filled ? { column: "Số liệu", value } : undefined));
    const plan = planCollect([], [
      { file: "g1.xlsx", sheets: sent(1) },
      { file: "g2.xlsx", sheets: sent(2) },
      // Unit 1 again, another figure in it; and unit 2's file a second time, the same.
      { file: "g1-lan-2.xlsx", sheets: sent(1, "Không") },
      { file: "g2-ban-sao.xlsx", sheets: sent(2) },
    ]);
    const listed = plan.skipped.filter((s) => !isRoutineSkip(s));
    expect(listed.map((s) => [s.file, s.sheet, s.duplicate])).toEqual([
      ["g1-lan-2.xlsx", "Đơn vị 1", "second-filled"],
      ["g2-ban-sao.xlsx", "Đơn vị 2", "same-form"],
    ]);
    expect(listed[1]!.reason.vi).toBe("Trang tính 'Đơn vị 2': giống hệt phiếu của đơn vị mã U2 đã lấy từ tệp g2.xlsx (trang 'Đơn vị 2') nên không chép lại; không cần làm gì.");
    // The rest, each still in the plan with its reason: blank forms of units filled in elsewhere,
    // and of units 3 and 4, which nobody filled in (the first blank form of each is taken).
    const counted = plan.skipped.filter(isRoutineSkip);
    expect(counted.filter((s) => s.duplicate === "blank-form").map((s) => [s.file, s.sheet])).toEqual([
      ["g1.xlsx", "Đơn vị 2"],
      ["g2.xlsx", "Đơn vị 1"],
      ["g1-lan-2.xlsx", "Đơn vị 2"],
      ["g2-ban-sao.xlsx", "Đơn vị 1"],
    ]);
    expect(counted.filter((s) => s.duplicate === "blank-again").length).toBe(6);
    expect(counted.every((s) => s.blank === true && s.kind === "duplicate" && s.reason.vi.includes("phiếu trống"))).toBe(true);
    // In the template's order of units, not the files'.
    expect(plan.take.map((t) => [t.file, t.sheet])).toEqual([
      ["g1.xlsx", "Đơn vị 1"],
      ["g2.xlsx", "Đơn vị 2"],
      ["g1.xlsx", "Đơn vị 3"],
      ["g1.xlsx", "Đơn vị 4"],
    ]);
    expect(plan.skipped.length).toBe(12);
  });

  it("compares a filled form with its unit's one in the workbook by what the unit fills in, not the council's Số liệu thẩm định nor the scorer's Điểm", () => {
    const filled = form("Sở Y tế", "Sở Y tế", "SYT", { column: "Số liệu", value: 0.8 });
    const inWorkbook = form("Y tế", "Sở Y tế", "SYT", { column: "Số liệu", value: 0.8 });
    const header = inWorkbook.values[7]!;
    inWorkbook.values[9]![header.indexOf("Số liệu thẩm định")] = 0.7;
    inWorkbook.values[9]![header.indexOf("Điểm")] = 8;
    expect(formContent(inWorkbook)).toBe(formContent(filled));
    const existingForms = [{ sheet: "Y tế", unitCode: "SYT", unitName: "Sở Y tế", blank: false, snapshot: inWorkbook }];
    const same = planCollect(["Y tế"], [{ file: "syt.xlsx", sheets: [filled] }], undefined, { existingForms });
    expect(same.skipped.map((s) => [s.duplicate, s.reason.vi])).toEqual([
      ["same-form", "Trang tính 'Sở Y tế': giống hệt phiếu đơn vị mã SYT đã có trong sổ tổng hợp (trang 'Y tế') nên không chép lại; không cần làm gì."],
    ]);
    // Its rate saved again by LibreOffice (15 digits: 0.666666666666667 for =2/3) is the same form; a digit changed is not.
    const rate = (value: number) => form("Sở Y tế", "Sở Y tế", "SYT", { column: "Số liệu", value });
    expect(formContent(rate(0.666666666666667))).toBe(formContent(rate(2 / 3)));
    expect(formContent(rate(0.666666666666668))).not.toBe(formContent(rate(2 / 3)));
    // Evidence added: another form, left out with the way to take it.
    const corrected = form("Sở Y tế", "Sở Y tế", "SYT", { column: "Số liệu", value: 0.8 });
    corrected.values[9]![header.indexOf("Minh chứng")] = "QĐ 12";
    expect(formContent(corrected)).not.toBe(formContent(inWorkbook));
    const other = planCollect(["Y tế"], [{ file: "syt-2.xlsx", sheets: [corrected] }], undefined, { existingForms });
    expect(other.take).toEqual([]);
    expect(other.skipped.map((s) => [s.duplicate, s.reason.en])).toEqual([
      [
        "filled-in-workbook",
        "Sheet 'Sở Y tế': the unit with code SYT already has a filled form in the consolidated workbook (sheet 'Y tế'); this one was not taken, so that form and any figures the council entered on it are not overwritten. To use this one instead, delete the sheet 'Y tế' from the consolidated workbook (or move it to another workbook to keep it), then collect this file again.",
      ],
    ]);
    // A host that did not read the sheet whole cannot tell: the form is left out the same way.
    const unread = planCollect(["Y tế"], [{ file: "syt.xlsx", sheets: [filled] }], undefined, { existingForms: [{ ...existingForms[0]!, snapshot: undefined }] });
    expect(unread.skipped.map((s) => s.duplicate)).toEqual(["filled-in-workbook"]);
  });

  it("a form in the workbook whose top alone the host read (nothing filled there) is kept as filled, but not said to be filled; formsToReadWhole names those a decision depends on", () => {
    // The pane reads the top rows of each sheet: a long form with nothing filled there may be blank or not.
    const partly = { sheet: "Y tế", unitCode: "SYT", unitName: "Sở Y tế", blank: false, partlyRead: true as const };
    const blank = planCollect(["Y tế"], [{ file: "mau.xlsx", sheets: [form("Sở Y tế", "Sở Y tế", "SYT")] }], undefined, { existingForms: [partly] });
    expect(blank.take).toEqual([]);
    expect(blank.skipped.map((s) => [s.duplicate, s.reason.vi, s.reason.en])).toEqual([
      [
        "blank-form",
        "Trang tính 'Sở Y tế': phiếu trống (chưa điền số liệu); đơn vị mã SYT đã có phiếu trong sổ tổng hợp (trang 'Y tế') nên bỏ qua phiếu trống này.",
        "Sheet 'Sở Y tế': a blank form (nothing filled in); the unit with code SYT already has a form in the consolidated workbook (sheet 'Y tế'), so this blank one is left out.",
      ],
    ]);
    // A filled form coming in, the one there not read whole after all: left out, the one there not called filled.
    const filled = planCollect(["Y tế"], [{ file: "syt.xlsx", sheets: [form("Sở Y tế", "Sở Y tế", "SYT", { column: "Số liệu", value: 0.8 })] }], undefined, { existingForms: [partly] });
    expect(filled.skipped.map((s) => s.duplicate)).toEqual(["filled-in-workbook"]);
    expect(filled.skipped[0]!.reason.vi).toMatch(/^Trang tính 'Sở Y tế': đơn vị mã SYT đã có phiếu trong sổ tổng hợp \(trang 'Y tế'\) nên phiếu này không được lấy/);
    expect(filled.skipped[0]!.reason.en).toMatch(/^Sheet 'Sở Y tế': the unit with code SYT already has a form in the consolidated workbook \(sheet 'Y tế'\);/);
    // Read whole (its snapshot given), it is what it is: a blank one is replaced by the filled form.
    const whole = planCollect(["Y tế"], [{ file: "syt.xlsx", sheets: [form("Sở Y tế", "Sở Y tế", "SYT", { column: "Số liệu", value: 0.8 })] }], undefined, {
      existingForms: [{ ...partly, snapshot: form("Y tế", "Sở Y tế", "SYT") }],
    });
    expect(whole.take.map((t) => [t.as, t.replaces])).toEqual([["Y tế", "Y tế"]]);
    // Which to read whole: those a filled form comes in for, in any letter case, and the partly read ones of a code coming in under another unit name; not for a blank form of the same unit.
    const there = [
      partly,
      { sheet: "Nội vụ", unitCode: "SNV", unitName: "Sở Nội vụ", blank: false, partlyRead: true as const },
      { sheet: "Tài chính", unitCode: "STC", unitName: "Sở Tài chính", blank: false, partlyRead: true as const },
      { sheet: "Xây dựng", unitCode: "SXD", unitName: "Sở Xây dựng", blank: true },
    ];
    const coming = [
      form("Sở Y tế", "Sở Y tế", "syt", { column: "Số liệu", value: 1 }),
      form("Sở Nội vụ", "Sở Nội vụ", "SNV"),
      form("Kho bạc", "Kho bạc Nhà nước", "STC"),
      form("Sở Xây dựng", "Sở Xây dựng", "SXD", { column: "Số liệu", value: 1 }),
    ];
    expect(formsToReadWhole(there, [{ sheets: coming }]).map((f) => f.sheet)).toEqual(["Y tế", "Tài chính"]);
  });

  it("keeps the first of two filled forms of a unit, and names the file by its place when two files share a name", () => {
    const filled = (v: string): SheetSnapshot => form("Sở Y tế", "Sở Y tế", "SYT", { column: "Số liệu", value: v });
    const plan = planCollect([], [
      { file: "phieu.xlsx", sheets: [filled("Có")] },
      { file: "phieu.xlsx", sheets: [filled("Không")] },
    ]);
    expect(plan.take.map((t) => t.file)).toEqual(["phieu.xlsx"]);
    expect(plan.skipped[0]!.duplicate).toBe("second-filled");
    expect(plan.skipped[0]!.reason.vi).toBe(
      "Trang tính 'Sở Y tế': đơn vị mã SYT đã có một phiếu đã điền khác, lấy từ tệp thứ 1, phieu.xlsx (trang 'Sở Y tế'), nên phiếu này không được lấy (mỗi đơn vị một phiếu). Nếu phiếu này mới là bản đúng, hãy xóa trang 'Sở Y tế' khỏi sổ tổng hợp rồi tổng hợp lại tệp này.",
    );
    expect(plan.skipped[0]!.reason.en).toBe(
      "Sheet 'Sở Y tế': the unit with code SYT already has another filled form, taken from file no. 1, phieu.xlsx (sheet 'Sở Y tế'), so this one was not taken (one form a unit). If this one is the right one, delete the sheet 'Sở Y tế' from the consolidated workbook, then collect this file again.",
    );
  });

  it("keeps a unit's filled form from a file filled for it alone over one another unit's file carries, whichever came first", () => {
    const syt = form("Sở Y tế", "Sở Y tế", "SYT", { column: "Số liệu", value: "Có" });
    const stpInSyt = form("Sở Tư pháp", "Sở Tư pháp", "STP", { column: "Số liệu", value: "Không" });
    const stp = form("Sở Tư pháp", "Sở Tư pháp", "STP", { column: "Số liệu", value: "Có" });
    for (const files of [
      [{ file: "syt.xlsx", sheets: [syt, stpInSyt] }, { file: "stp.xlsx", sheets: [stp] }],
      [{ file: "stp.xlsx", sheets: [stp] }, { file: "syt.xlsx", sheets: [syt, stpInSyt] }],
    ]) {
      const plan = planCollect([], files);
      expect(plan.take.map((t) => [t.file, t.unitCode]).sort()).toEqual([["stp.xlsx", "STP"], ["syt.xlsx", "SYT"]]);
      expect(plan.skipped.map((x) => [x.file, x.sheet, x.duplicate])).toEqual([["syt.xlsx", "Sở Tư pháp", "second-filled"]]);
    }
    // Said why when the unit's own file came later: it holds that unit's form alone.
    const later = planCollect([], [{ file: "syt.xlsx", sheets: [syt, stpInSyt] }, { file: "stp.xlsx", sheets: [stp] }]).skipped[0]!.reason;
    expect(later.vi).toBe(
      "Trang tính 'Sở Tư pháp': đơn vị mã STP đã có một phiếu đã điền khác, lấy từ tệp stp.xlsx (trang 'Sở Tư pháp'), là tệp chỉ có phiếu đã điền của riêng đơn vị này (còn tệp chứa trang này có phiếu đã điền của nhiều đơn vị), nên phiếu này không được lấy (mỗi đơn vị một phiếu). Nếu phiếu này mới là bản đúng, hãy xóa trang 'Sở Tư pháp' khỏi sổ tổng hợp rồi tổng hợp lại tệp này.",
    );
    expect(later.en).toContain("taken from stp.xlsx (sheet 'Sở Tư pháp'), a file with a filled form of this unit alone (this sheet's file has filled forms of several units), so this one was not taken");
    // Two files each filled for several units: the first form is kept, as before.
    const both = planCollect([], [{ file: "a.xlsx", sheets: [syt, stpInSyt] }, { file: "b.xlsx", sheets: [stp, form("Sở Nội vụ", "Sở Nội vụ", "SNV", { column: "Số liệu", value: 1 })] }]);
    expect(both.skipped.map((x) => [x.file, x.sheet])).toEqual([["b.xlsx", "Sở Tư pháp"]]);
  });

  it("puts a filled form in place of the unit's blank form already in the workbook, under its sheet name; a filled one there stays", () => {
    const plan = planCollect(
      ["Hướng dẫn", "Y tế", "Tài chính"],
      [{ file: "b.xlsx", sheets: [form("Sở Y tế", "Sở Y tế", "SYT", { column: "Tự chấm", value: 5 }), form("Sở Tài chính", "Sở Tài chính", "STC", { column: "Số liệu", value: 1 })] }],
      undefined,
      {
        existingForms: [
          { sheet: "Y tế", unitCode: "SYT", unitName: "Sở Y tế", blank: true },
          { sheet: "Tài chính", unitCode: "STC", unitName: "Sở Tài chính", blank: false },
        ],
      },
    );
    expect(plan.take).toEqual([{ file: "b.xlsx", fileAt: 0, sheet: "Sở Y tế", as: "Y tế", unitCode: "SYT", unitName: "Sở Y tế", replaces: "Y tế" }]);
    expect(plan.skipped.map((s) => [s.duplicate, s.reason.vi])).toEqual([
      [
        "filled-in-workbook",
        "Trang tính 'Sở Tài chính': đơn vị mã STC đã có phiếu điền số liệu trong sổ tổng hợp (trang 'Tài chính') nên phiếu này không được lấy, để không ghi đè lên phiếu đó và số liệu hội đồng đã nhập vào (nếu có). Muốn dùng phiếu này, hãy xóa trang 'Tài chính' khỏi sổ tổng hợp (hoặc chuyển sang sổ khác nếu cần giữ lại) rồi tổng hợp lại tệp này.",
      ],
    ]);
    // A blank form coming in for a unit whose blank form is already there adds nothing.
    const again = planCollect(["Y tế"], [{ file: "c.xlsx", sheets: [form("Sở Y tế", "Sở Y tế", "SYT")] }], undefined, {
      existingForms: [{ sheet: "Y tế", unitCode: "SYT", unitName: "Sở Y tế", blank: true }],
    });
    expect(again.take).toEqual([]);
    expect(again.skipped[0]!.duplicate).toBe("blank-again");
    expect(again.skipped[0]!.reason.en).toBe(
      "Sheet 'Sở Y tế': a blank form (nothing filled in); the unit with code SYT has no filled form yet and already has a blank one in the consolidated workbook, so this one is left out.",
    );
  });

  it("takes a unit's visible form over a hidden older copy before it, and names the copy as hidden", () => {
    const old = { ...form("Sở Nội vụ 2023", "Sở Nội vụ", "SNV", { column: "Số liệu", value: 1 }), visible: false };
    const current = form("Sở Nội vụ", "Sở Nội vụ", "SNV", { column: "Số liệu", value: 3 });
    const plan = planCollect([], [{ file: "snv.xlsx", sheets: [old, current] }]);
    expect(plan.take.map((t) => t.sheet)).toEqual(["Sở Nội vụ"]);
    expect(plan.skipped).toHaveLength(1);
    expect(plan.skipped[0]).toMatchObject({ file: "snv.xlsx", sheet: "Sở Nội vụ 2023", kind: "duplicate" });
    expect(plan.skipped[0]!.reason.vi).toBe(
      "Trang tính ẩn 'Sở Nội vụ 2023': đơn vị mã SNV đã có phiếu trên trang đang hiện 'Sở Nội vụ' từ tệp snv.xlsx nên bỏ qua trang ẩn này (thường là bản cũ của phiếu).",
    );
    expect(plan.skipped[0]!.reason.en).toBe(
      "Hidden sheet 'Sở Nội vụ 2023': the unit with code SNV has its form on the visible sheet 'Sở Nội vụ' from snv.xlsx, so this hidden one (most often an older copy of the form) is left out.",
    );
    // Visible even when blank: a hidden filled copy is not the unit's current form.
    const blank = planCollect([], [{ file: "snv.xlsx", sheets: [old, form("Sở Nội vụ", "Sở Nội vụ", "SNV")] }]);
    expect(blank.take.map((t) => t.sheet)).toEqual(["Sở Nội vụ"]);
    // A unit whose only form is hidden still comes in.
    expect(planCollect([], [{ file: "snv.xlsx", sheets: [old] }]).take.map((t) => t.sheet)).toEqual(["Sở Nội vụ 2023"]);
  });

  it("names a form whose sheet's name is taken after its unit, as the template does, and numbers it only when that is taken too", () => {
    const generic = (unit: string, code: string) => form("Phiếu tự đánh giá", unit, code, { column: "Số liệu", value: 1 });
    const plan = planCollect([], [
      { file: "a.xlsx", sheets: [generic("Sở Y tế", "SYT")] },
      { file: "b.xlsx", sheets: [generic("Sở Nội vụ", "SNV")] },
      { file: "c.xlsx", sheets: [generic("Ủy ban nhân dân xã Tân Thành, huyện Hàm Tân", "XTT")] },
      { file: "d.xlsx", sheets: [form("Sở Nội vụ", "Sở Tài chính", "STC", { column: "Số liệu", value: 1 })] },
      // Its sheet's name and its unit's both taken (a second form under the name of another code): numbered.
      { file: "e.xlsx", sheets: [generic("Sở Tài chính", "STC-2")] },
    ]);
    // Every form on a sheet other units' forms share the name of comes in as its unit, the first too;
    // one whose unit's name is taken keeps its sheet's name (numbered if need be).
    expect(plan.take.map((t) => t.as)).toEqual(["Sở Y tế", "Sở Nội vụ", "Ủy ban nhân dân xã Tân Thành…", "Sở Tài chính", "Phiếu tự đánh giá"]);
  });

  it("names a form on a sheet with a spreadsheet's default name (Sheet1, Trang tính1) after its unit, even alone", () => {
    const filled = { column: "Số liệu", value: 1 } as const;
    const plan = planCollect([], [
      { file: "a.xlsx", sheets: [form("Sở Nội vụ", "Sở Nội vụ", "SNV", filled)] },
      { file: "c.xlsx", sheets: [form("Sheet1", "Sở Y tế", "SYT", filled)] },
      { file: "d.xlsx", sheets: [form("Trang tính1", "Sở Tư pháp", "STP", filled)] },
      // A unit's name taken: the default name stays, numbered where it must be.
      { file: "e.xlsx", sheets: [form("Sheet1", "Sở Nội vụ", "SNV-2", filled)] },
    ]);
    expect(plan.take.map((t) => t.as)).toEqual(["Sở Nội vụ", "Sở Y tế", "Sở Tư pháp", "Sheet1"]);
  });

  it("takes a form of another unit that carries a code already taken, and says so, so that scoring reports the two units", () => {
    const plan = planCollect([], [
      { file: "a.xlsx", sheets: [form("Sở Y tế", "Sở Y tế", "SYT", { column: "Số liệu", value: 1 })] },
      { file: "dai.xlsx", sheets: [form("Sở Y tế", "Đài Phát thanh và Truyền hình", "SYT", { column: "Số liệu", value: 1 }), form("Y tế", "SỞ Y TẾ", "SYT")] },
    ]);
    expect(plan.take.map((t) => [t.file, t.as, t.unitName])).toEqual([
      ["a.xlsx", "Sở Y tế", "Sở Y tế"],
      // Its sheet's name taken, the form is named after its unit.
      ["dai.xlsx", "Đài Phát thanh và Truyền hình", "Đài Phát thanh và Truyền hình"],
    ]);
    // The same unit's name in other letters' case is the same unit: its blank form is left out.
    expect(plan.skipped.map((s) => s.sheet)).toEqual(["Y tế"]);
    expect(plan.warnings.map((w) => w.vi)).toEqual([
      `Trang tính 'Sở Y tế' (dai.xlsx, đơn vị "Đài Phát thanh và Truyền hình"): trùng mã SYT với đơn vị "Sở Y tế" (trang 'Sở Y tế', từ tệp a.xlsx) nhưng khác tên; cả hai phiếu đều đã có số liệu. Phiếu vẫn được chép vào sổ và sẽ được báo lỗi khi chấm điểm — nếu là hai đơn vị khác nhau, hãy sửa mã đơn vị ghi sai; nếu là một đơn vị, hãy xóa phiếu thừa.`,
    ]);
    expect(plan.warnings[0]!.en).toBe(
      `Sheet 'Sở Y tế' (dai.xlsx, unit "Đài Phát thanh và Truyền hình"): same code SYT as unit "Sở Y tế" (sheet 'Sở Y tế', from a.xlsx), another name, both forms filled in; copied so that scoring reports it — if these are two units, correct the code of the one that is wrong; if one unit, remove the form not to be used.`,
    );
    // Scoring the sheets gathered reports the code twice.
    const read = readSubmissions(sampleModel(), {
      sheets: plan.take.map((t) => ({ name: t.as, values: [["Đơn vị", t.unitName!], ["Mã đơn vị", t.unitCode!], [], ["Mã", "Số liệu"], ["1.1", "có"]] })),
    });
    expect(read.issues.map((i) => i.code)).toContain("duplicate-unit");
  });
});

describe("the order of the forms taken: the template's list of units, not the files'", () => {
  /** The template of units `names` (codes U1…), as the unit at `filled` sent it back: its own form filled in. */
  const template = (names: string[], filled?: number, name?: string): SheetSnapshot[] =>
    names.map((n, i) => form(n, i === filled && name ? name : n, `U${i + 1}`, i === filled ? { column: "Số liệu", value: 1 } : undefined));
  const UNITS = ["Sở Y tế", "Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ"];

  it("ranks each unit by its place in the first file of several units' forms, forms of units no such file holds after, as they came", () => {
    const plan = planCollect([], [
      // A unit added later: its own form alone, in the file that comes first.
      { file: "a-moi.xlsx", sheets: [form("Sở Ngoại vụ", "Sở Ngoại vụ", "U9", { column: "Số liệu", value: 1 })] },
      { file: "snv.xlsx", sheets: template(UNITS, 3) },
      { file: "stc.xlsx", sheets: template(UNITS, 1) },
      // Its sheets moved about by the unit: the first template's order stands.
      { file: "syt.xlsx", sheets: template(UNITS, 0).reverse() },
    ]);
    expect(plan.take.map((t) => [t.file, t.as])).toEqual([
      ["syt.xlsx", "Sở Y tế"],
      ["stc.xlsx", "Sở Tài chính"],
      ["snv.xlsx", "Sở Xây dựng"],
      ["snv.xlsx", "Sở Nội vụ"],
      ["a-moi.xlsx", "Sở Ngoại vụ"],
    ]);
    expect(plan.take.map((t) => t.fileAt)).toEqual([3, 2, 1, 1, 0]);
    // What was left out stays in the files' order.
    expect(plan.skipped.map((s) => s.file)).toEqual(["snv.xlsx", "snv.xlsx", "stc.xlsx", "stc.xlsx", "stc.xlsx", "syt.xlsx", "syt.xlsx", "syt.xlsx"]);
  });

  it("a unit that wrote its name otherwise in its own copy keeps its code's place; two units claiming one code in a file keep theirs", () => {
    const renamed = planCollect([], [
      { file: "snv.xlsx", sheets: template(UNITS, 3) },
      { file: "syt.xlsx", sheets: template(UNITS, 0, "Sở Y tế tỉnh") },
    ]);
    expect(renamed.take.map((t) => [t.file, t.unitName])).toEqual([
      ["syt.xlsx", "Sở Y tế tỉnh"],
      ["snv.xlsx", "Sở Tài chính"],
      ["snv.xlsx", "Sở Xây dựng"],
      ["snv.xlsx", "Sở Nội vụ"],
    ]);
    // One workbook of every unit's form, two of them under one code: taken in its own order.
    const sheets = [form("A", "Đơn vị A", "U1", { column: "Số liệu", value: 1 }), form("B", "Đơn vị B", "U2", { column: "Số liệu", value: 1 }), form("C", "Đơn vị C", "U1", { column: "Số liệu", value: 1 })];
    expect(planCollect([], [{ file: "tong.xlsx", sheets }]).take.map((t) => t.sheet)).toEqual(["A", "B", "C"]);
  });

  it("files of one unit's form each come in the order given", () => {
    const plan = planCollect([], ["c", "a", "b"].map((f, i) => ({ file: `${f}.xlsx`, sheets: [form(f, f, `U${i}`, { column: "Số liệu", value: 1 })] })));
    expect(plan.take.map((t) => t.file)).toEqual(["c.xlsx", "a.xlsx", "b.xlsx"]);
  });
});

describe("a unit known by its code, whatever the name on its forms", () => {
  const stc = (name: string, unitName: string, filled: boolean): SheetSnapshot =>
    form(name, unitName, "STC", filled ? { column: "Số liệu", value: 1 } : undefined);

  it("takes the filled form over the blank one of the same code under another name, in either order, without a warning", () => {
    const blank = { file: "mau.xlsx", sheets: [stc("Sở Tài chính", "Sở Tài chính", false)] };
    const filled = { file: "stc.xlsx", sheets: [stc("STC 2026", "Sở Tài chính tỉnh", true)] };
    for (const files of [[blank, filled], [filled, blank]]) {
      const plan = planCollect([], files);
      expect(plan.take.map((t) => [t.file, t.as, t.unitName])).toEqual([["stc.xlsx", "STC 2026", "Sở Tài chính tỉnh"]]);
      expect(plan.skipped.map((s) => s.reason.en)).toEqual([
        "Sheet 'Sở Tài chính': a blank form (nothing filled in); the unit with code STC has a filled form from stc.xlsx, so this blank one is left out.",
      ]);
      expect(plan.warnings).toEqual([]);
    }
  });

  it("puts the filled form in place of the code's blank form already in the workbook, whatever its name", () => {
    const plan = planCollect(["Hướng dẫn", "Sở Tài chính"], [{ file: "stc.xlsx", sheets: [stc("STC 2026", "Sở Tài chính tỉnh", true)] }], undefined, {
      existingForms: [{ sheet: "Sở Tài chính", unitCode: "STC", unitName: "Sở Tài chính", blank: true }],
    });
    expect(plan.take).toEqual([{ file: "stc.xlsx", fileAt: 0, sheet: "STC 2026", as: "Sở Tài chính", unitCode: "STC", unitName: "Sở Tài chính tỉnh", replaces: "Sở Tài chính" }]);
    expect(plan.skipped).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it("leaves out a blank form of a code filled in the workbook under another name", () => {
    const plan = planCollect(["Sở Tài chính"], [{ file: "mau.xlsx", sheets: [stc("STC", "Sở Tài chính (cũ)", false)] }], undefined, {
      existingForms: [{ sheet: "Sở Tài chính", unitCode: "STC", unitName: "Sở Tài chính", blank: false }],
    });
    expect(plan.take).toEqual([]);
    expect(plan.skipped.map((s) => s.reason.vi)).toEqual([
      "Trang tính 'STC': phiếu trống (chưa điền số liệu); đơn vị mã STC đã có phiếu điền số liệu trong sổ tổng hợp nên bỏ qua phiếu trống này.",
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it("still takes, with a warning, two filled forms of one code under two names, and leaves out the code's blank forms", () => {
    const plan = planCollect([], [
      { file: "mau.xlsx", sheets: [stc("Sở Tài chính", "Sở Tài chính", false)] },
      { file: "a.xlsx", sheets: [stc("Sở Tài chính", "Sở Tài chính tỉnh", true)] },
      { file: "b.xlsx", sheets: [stc("Kho bạc", "Kho bạc Nhà nước tỉnh", true)] },
    ]);
    expect(plan.take.map((t) => [t.file, t.as])).toEqual([
      ["a.xlsx", "Sở Tài chính"],
      ["b.xlsx", "Kho bạc"],
    ]);
    expect(plan.skipped.map((s) => [s.file, s.sheet])).toEqual([["mau.xlsx", "Sở Tài chính"]]);
    expect(plan.warnings.map((w) => w.vi)).toEqual([
      `Trang tính 'Kho bạc' (b.xlsx, đơn vị "Kho bạc Nhà nước tỉnh"): trùng mã STC với đơn vị "Sở Tài chính tỉnh" (trang 'Sở Tài chính', từ tệp a.xlsx) nhưng khác tên; cả hai phiếu đều đã có số liệu. Phiếu vẫn được chép vào sổ và sẽ được báo lỗi khi chấm điểm — nếu là hai đơn vị khác nhau, hãy sửa mã đơn vị ghi sai; nếu là một đơn vị, hãy xóa phiếu thừa.`,
    ]);
  });
});

describe("forms without a unit code", () => {
  /** A form as `template` writes it for a unit listed without a code: `Mã đơn vị` blank. */
  const uncoded = (sheet: string, name: string, filled = false): SheetSnapshot => {
    const s = unitSheet(sheet, name, "", "dti-so-mau@2024");
    s.values[1] = ["Mã đơn vị", null];
    if (filled) s.values.push(["1.1", "Ban chỉ đạo", 10, "có"]);
    return s;
  };

  it("are known by the unit's name, as the scorer knows them", () => {
    const sheet = uncoded("Sở Y tế", "Sở Y tế", true);
    expect(detectLayoutA(sheet)).toMatchObject({ unitName: "Sở Y tế", unitCode: "Sở Y tế", noCode: true });
    const unit = readSubmissions(sampleModel(), { sheets: [sheet] }).submissions[0];
    expect(unit && { code: unit.code, name: unit.name, key: unitKey(unit) }).toEqual({ code: "", name: "Sở Y tế", key: "Sở Y tế" });
  });

  it("of two units gathered from two files are both taken, without a word", () => {
    const plan = planCollect([], [
      { file: "dot-1.xlsx", sheets: [uncoded("Sở Y tế", "Sở Y tế", true)] },
      { file: "dot-2.xlsx", sheets: [uncoded("Sở Nội vụ", "Sở Nội vụ", true)] },
    ]);
    expect(plan.take.map((t) => t.as)).toEqual(["Sở Y tế", "Sở Nội vụ"]);
    expect(plan.warnings).toEqual([]);
  });

  it("of one unit, filled, take the place of its blank form already in the workbook, and a second one the same is left out by name", () => {
    const blank = detectLayoutA(uncoded("Sở Y tế", "Sở Y tế"))!;
    const existingForms = [{ sheet: "Sở Y tế", unitCode: blank.unitCode!, unitName: blank.unitName!, blank: true }];
    const plan = planCollect(["Sở Y tế"], [{ file: "a.xlsx", sheets: [uncoded("Sở Y tế", "Sở Y tế", true)] }, { file: "b.xlsx", sheets: [uncoded("Y tế", "Sở Y tế", true)] }], undefined, { existingForms });
    expect(plan.take).toEqual([expect.objectContaining({ file: "a.xlsx", as: "Sở Y tế", replaces: "Sở Y tế" })]);
    expect(plan.skipped.map((s) => s.reason.vi)).toEqual([`Trang tính 'Y tế': giống hệt phiếu của đơn vị "Sở Y tế" đã lấy từ tệp a.xlsx (trang 'Sở Y tế') nên không chép lại; không cần làm gì.`]);
    expect(plan.skipped[0]!.reason.en).toBe(`Sheet 'Y tế': the same form as the one of unit "Sở Y tế" taken from a.xlsx (sheet 'Sở Y tế'), so it was not copied again; nothing needs doing.`);
  });
});

describe("the project's own sheets and mixed indices", () => {
  const instructions = (name: string, title: string): SheetSnapshot => ({ name, values: [[title], [""], ["Mỗi trang tính là phiếu của một đơn vị."]] });

  it("passes over the template's instructions sheet without a word, but not a user's sheet of the same name", () => {
    expect(isInstructionsSheet(instructions("Hướng dẫn", "Phiếu tự đánh giá — Bộ chỉ số mẫu (dti-so-nganh-mau@mau-2023)"))).toBe(true);
    expect(isInstructionsSheet(instructions("Instructions", "Self-assessment form — Sample index (dti-so-nganh-mau@mau-2023)"))).toBe(true);
    expect(isInstructionsSheet(instructions("Hướng dẫn (2)", "Phiếu tự đánh giá — X (x@1)"))).toBe(true);
    expect(isInstructionsSheet(instructions("Hướng dẫn", "Ghi chú của tôi"))).toBe(false);
    expect(isInstructionsSheet(instructions("Ghi chú", "Phiếu tự đánh giá — X (x@1)"))).toBe(false);
    const plan = planCollect(
      [],
      [
        {
          file: "a.xlsx",
          sheets: [
            instructions("Hướng dẫn", "Phiếu tự đánh giá — Bộ chỉ số mẫu (dti-so-nganh-mau@mau-2023)"),
            { name: "_lists", values: [["Có"], ["Không"]], visible: false },
            unitSheet("Sở Y tế", "Sở Y tế", "SYT"),
            instructions("Hướng dẫn (2)", "Ghi chú của tôi"),
          ],
        },
      ],
    );
    expect(plan.take.map((t) => t.sheet)).toEqual(["Sở Y tế"]);
    expect(plan.skipped.map((s) => s.sheet)).toEqual(["Hướng dẫn (2)"]);
  });

  it("says why a file of nothing but the template's instructions and lists gives no form", () => {
    const plan = planCollect([], [
      { file: "huong-dan.xlsx", sheets: [instructions("Hướng dẫn", "Phiếu tự đánh giá — Bộ chỉ số mẫu (dti-so-nganh-mau@mau-2023)"), { name: "_lists", values: [["Có"]], visible: false }] },
      { file: "b.xlsx", sheets: [unitSheet("Sở Y tế", "Sở Y tế", "SYT")] },
    ]);
    expect(plan.take.map((t) => t.file)).toEqual(["b.xlsx"]);
    expect(plan.skipped).toHaveLength(1);
    expect(plan.skipped[0]).toMatchObject({ file: "huong-dan.xlsx", sheet: "", kind: "not-a-form" });
    expect(plan.skipped[0]!.reason.vi).toBe('Tệp "huong-dan.xlsx" không có phiếu tự đánh giá nào của đơn vị (chỉ có trang hướng dẫn hoặc danh sách của phiếu mẫu).');
    expect(plan.skipped[0]!.reason.en).toBe(`File "huong-dan.xlsx" holds no unit's self-assessment form (only the template's instructions or lists sheet).`);
  });

  it("warns once, naming each file with its indices, when the forms name several indices", () => {
    const plan = planCollect(
      [],
      [
        { file: "huyen.xlsx", sheets: [unitSheet("H01", "Huyện A", "H01", "dti-huyen-mau@mau-2023")] },
        { file: "so.xlsx", sheets: [unitSheet("Sở Y tế", "Sở Y tế", "SYT"), unitSheet("Sở Nội vụ", "Sở Nội vụ", "SNV", "dti-huyen-mau@mau-2023")] },
      ],
    );
    expect(plan.take).toHaveLength(3);
    expect(plan.warnings).toHaveLength(1);
    // No definition of these ids known: each by its id@version, as other messages name an index without a name.
    expect(plan.warnings[0]?.vi).toContain('huyen.xlsx ("dti-huyen-mau@mau-2023"); so.xlsx ("dti-so-nganh-mau@mau-2023", "dti-huyen-mau@mau-2023")');
  });

  it("names each index by its name in the user's language and its version when its definition is known, by id@version beside another of the same name", () => {
    const known = [
      { id: "dti-huyen-mau", version: "mau-2023", name: { vi: "Bộ chỉ số cấp huyện", en: "District index" } },
      { id: "dti-so-nganh-mau", version: "mau-2023", name: { vi: "Bộ chỉ số cấp sở", en: "Department index" } },
    ];
    const incoming = [
      { file: "huyen.xlsx", sheets: [unitSheet("H01", "Huyện A", "H01", "dti-huyen-mau@mau-2023")] },
      { file: "so.xlsx", sheets: [unitSheet("Sở Y tế", "Sở Y tế", "SYT")] },
    ];
    // On the command line: its option --index is what takes one index's forms.
    const plan = planCollect([], incoming, undefined, { knownIndices: known, commandLine: true });
    expect(plan.warnings).toEqual([
      {
        vi: 'Các tệp chứa phiếu của những bộ chỉ số khác nhau: huyen.xlsx ("Bộ chỉ số cấp huyện" phiên bản mau-2023); so.xlsx ("Bộ chỉ số cấp sở" phiên bản mau-2023). Một sổ chỉ chấm theo một bộ chỉ số; hãy tổng hợp riêng phiếu của từng bộ (hoặc dùng --index để chỉ lấy phiếu của một bộ).',
        en: `The files hold forms of different indices: huyen.xlsx ("District index" version mau-2023); so.xlsx ("Department index" version mau-2023). A workbook is scored on one index; collect each index's forms separately (or use --index to take one index's forms only).`,
      },
    ]);
    // In the pane, which has no options to type: no "--index".
    const inPane = planCollect([], incoming, undefined, { knownIndices: known });
    expect(inPane.warnings[0]!.vi).toMatch(/hãy tổng hợp riêng phiếu của từng bộ vào một sổ của riêng bộ đó\.$/);
    expect(inPane.warnings[0]!.en).toMatch(/collect each index's forms separately, in a workbook of its own\.$/);
    expect(JSON.stringify(inPane.warnings)).not.toContain("--index");
    // Two indices of one name: told apart by id@version.
    const same = planCollect([], incoming, undefined, { knownIndices: known.map((k) => ({ ...k, name: { vi: "Bộ chỉ số", en: "Index" } })) });
    expect(same.warnings[0]?.en).toContain('huyen.xlsx ("Index" (dti-huyen-mau@mau-2023)); so.xlsx ("Index" (dti-so-nganh-mau@mau-2023))');
  });

  it("with an index given, warns about forms of another version of it, and not about forms of other indices it leaves out", () => {
    const model = sampleModel({ id: "dti-so-nganh-mau", version: "2025" });
    const plan = planCollect([], [{ file: "a.xlsx", sheets: [unitSheet("Sở Y tế", "Sở Y tế", "SYT"), unitSheet("H", "Huyện A", "H01", "dti-huyen-mau@1")] }], model);
    expect(plan.take.map((t) => t.unitCode)).toEqual(["SYT"]);
    expect(plan.skipped.map((s) => s.sheet)).toEqual(["H"]);
    expect(plan.warnings.map((w) => w.en)).toEqual([
      'The files hold forms of different versions of the index "Sample index": the index in use (version 2025); a.xlsx (version mau-2023). A workbook is scored on one version: forms of another version are read by their rows\' codes, each with a warning; check the rows the versions differ on.',
    ]);
    expect(plan.warnings[0]?.vi).toBe(
      'Các tệp chứa phiếu của những phiên bản khác nhau của bộ chỉ số "Bộ chỉ số mẫu": bộ chỉ số đang dùng (phiên bản 2025); a.xlsx (phiên bản mau-2023). Một sổ chỉ chấm theo một phiên bản: phiếu của phiên bản khác được đọc theo mã dòng, mỗi phiếu kèm một cảnh báo; hãy kiểm tra các dòng mà hai phiên bản khác nhau.',
    );
  });
});
