import fc from "fast-check";
import { MAX_SHEET_NAME, detectLayoutA, planCollect, uniqueSheetName } from "./collect";
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

describe("naming collected sheets", () => {
  it("adds (2) to a name already taken, ignoring case", () => {
    const taken = new Set(["Sở Y tế"]);
    expect(uniqueSheetName("sở y tế", taken)).toBe("sở y tế (2)");
    expect(uniqueSheetName("Sở Y tế", taken)).toBe("Sở Y tế (3)");
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
    expect(first).toBe("Sở Lao động - Thương binh và Xã");
    expect(second.endsWith(" (2)")).toBe(true);
    expect(second.length).toBeLessThanOrEqual(31);
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
      { file: "a.xlsx", sheet: "Sở Y tế", as: "Sở Y tế (2)", unitCode: "SYT", unitName: "Sở Y tế" },
      { file: "b.xlsx", sheet: "Sở Nội vụ", as: "Sở Nội vụ", unitCode: "SNV", unitName: "Sở Nội vụ" },
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
        { file: "dot2.xlsx", sheets: [unitSheet("Sở Y tế", "Sở Y tế", "syt")] },
      ],
    );
    expect(plan.take.map((t) => t.file)).toEqual(["dot1.xlsx"]);
    expect(plan.skipped).toHaveLength(1);
    expect(plan.skipped[0]!.reason.vi).toContain("dot1.xlsx");
    expect(plan.skipped[0]!.reason.en).toContain("SYT".toLowerCase());
  });

  it("leaves out a form whose unit is already in the receiving workbook", () => {
    const plan = planCollect(["Sở Y tế"], [{ file: "b.xlsx", sheets: [unitSheet("Y tế", "Sở Y tế", "SYT")] }], undefined, { existingUnitCodes: ["SYT"] });
    expect(plan.take).toEqual([]);
    expect(plan.skipped[0]!.reason.en).toContain("receiving workbook");
  });
});
