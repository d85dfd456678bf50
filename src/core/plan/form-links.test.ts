import { formLinkSheet, formLinkTo, instructionsFormLinks, isStaleFormLink } from "./form-links";
import type { SheetSnapshot } from "../types";

/** An instructions sheet as the template writes it: text above, then its table of units (code, name, category). */
function instructions(rows: (string | null)[][], header: string[] = ["Mã đơn vị", "Đơn vị", "Nhóm"]): SheetSnapshot {
  return { name: "Hướng dẫn", values: [["Phiếu tự đánh giá — Bộ chỉ số (x@1)"], ["Kỳ đánh giá: Năm 2024"], [null], ["Danh sách đơn vị:"], header, ...rows] };
}

describe("the instructions sheet's links to the forms", () => {
  test("each unit scored is found by its code (by its name without one) in the table of units, its name's cell linked to its form", () => {
    const sheet = instructions([
      ["SNV", "Sở Nội vụ", "A"],
      ["STC", "Sở Tài chính", "A"],
      ["", "Văn phòng UBND tỉnh", "B"],
      [null, null, null],
      ["SYT", "Sở Y tế (a person's list under the table)", null],
    ]);
    const links = instructionsFormLinks(sheet, [
      { unit: "STC", sheet: "STC mới" },
      { unit: "Văn phòng UBND tỉnh", sheet: "VP" },
      { unit: "SNV", sheet: "Sở Nội vụ" },
      { unit: "SYT", sheet: "Sở Y tế" },
    ]);
    expect(links).toEqual([
      { sheet: "Hướng dẫn", cell: "B7", form: "STC mới" },
      { sheet: "Hướng dẫn", cell: "B8", form: "VP" },
      { sheet: "Hướng dẫn", cell: "B6", form: "Sở Nội vụ" },
    ]);
  });

  test("an English table is found too; a code on two rows, or a sheet without the table, links nothing", () => {
    const english = instructions([["SNV", "Department of Home Affairs"]], ["Unit code", "Unit"]);
    expect(instructionsFormLinks(english, [{ unit: "SNV", sheet: "Home" }])).toEqual([{ sheet: "Hướng dẫn", cell: "B6", form: "Home" }]);
    const twice = instructions([["SNV", "Sở Nội vụ"], ["SNV", "Sở Nội vụ (bản 2)"]]);
    expect(instructionsFormLinks(twice, [{ unit: "SNV", sheet: "Sở Nội vụ" }])).toEqual([]);
    expect(instructionsFormLinks({ name: "Hướng dẫn", values: [["Ghi chú"], ["SNV", "Sở Nội vụ"]] }, [{ unit: "SNV", sheet: "x" }])).toEqual([]);
  });

  test("the sheet a link of the project's shape names, and only such a link", () => {
    expect(formLinkSheet("#'Sở Nội vụ'!A1")).toBe("Sở Nội vụ");
    expect(formLinkSheet("'Sở Công Thương''s'!$A$1")).toBe("Sở Công Thương's");
    expect(formLinkSheet("Sheet1!A1")).toBe("Sheet1");
    for (const other of ["'Sở Nội vụ'!B5", "https://example.org/a!A1", "[1]S!A1", "#Tên_vùng", ""]) expect([other, formLinkSheet(other)]).toEqual([other, undefined]);
    expect(formLinkTo("Sở Công Thương's")).toBe("'Sở Công Thương''s'!A1");
  });

  test("a link is pointed again only at a sheet no longer there, or at another unit's form", () => {
    const sheets = ["Hướng dẫn", "Kết quả", "SNV (đã sửa)", "Sở Tài chính"];
    const forms = ["SNV (đã sửa)", "Sở Tài chính"];
    expect(isStaleFormLink("#'Sở Nội vụ'!A1", "SNV (đã sửa)", sheets, forms)).toBe(true);
    expect(isStaleFormLink("#'Sở Tài chính'!A1", "SNV (đã sửa)", sheets, forms)).toBe(true);
    expect(isStaleFormLink("#'snv (ĐÃ SỬA)'!A1", "SNV (đã sửa)", sheets, forms)).toBe(false);
    expect(isStaleFormLink("#'Kết quả'!A1", "SNV (đã sửa)", sheets, forms)).toBe(false);
    expect(isStaleFormLink("#'Ghi chép'!C3", "SNV (đã sửa)", sheets, forms)).toBe(false);
    expect(isStaleFormLink("https://example.org", "SNV (đã sửa)", sheets, forms)).toBe(false);
  });
});
